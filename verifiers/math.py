"""The ``math`` verifier: extract the final answer as written, parse both sides into structures, compare them.

Pipeline per completion: :func:`rlvr.verifiers.extract.extract` (in a worker process under the hard time limit:
it reads hostile text, linear time by design, and the limit holds even where that design has a bug) → size caps →
:func:`rlvr.verifiers.equivalence.quick_decision` (in the caller: structures, exact numbers, text, no sympy) →
otherwise :func:`rlvr.verifiers.equivalence.answers_equal_any` in a worker process under a hard time limit
(:mod:`rlvr.verifiers.workers`). Decisions are cached per (answer, gold) pair, so the G samples of a group
that agree cost one check. docs/verifiers.md lists every policy.

The reference is the gold answer: a string (``"\\frac{1}{2}"``, ``"$\\boxed{3}$"``, several boxed parts, a GSM8K
solution ending in ``#### 72``, a worked solution), a number, or a list of acceptable answers.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rlvr.verifiers.base import BatchVerifier, VerifyResult, check_batch_lengths, checked_timeout, register_verifier
from rlvr.verifiers.equivalence import Answer, MatchOptions, quick_decision
from rlvr.verifiers.extract import Extraction, extract, extract_reference
from rlvr.verifiers.latex_fast import AnswerTooComplex
from rlvr.verifiers.structure import MAX_ANSWER_CHARS, Text, check_caps, parse_answer
from rlvr.verifiers.workers import WorkerPool, checked_pool_size, shared_pool

_WORKER_PRELOAD = ("rlvr.verifiers.equivalence:warm_up", "rlvr.verifiers.math")
_CHECK = "rlvr.verifiers.equivalence:answers_equal_any"
_READ = "rlvr.verifiers.math:read_completion"
_LETTERS = frozenset("ABCDEFGHIJ")
#: what an answer may be against a plain-number gold: any closed form of it, or a number written out
ANSWER_FORMS = ("expression", "number")

Key = tuple[Answer, tuple[Answer, ...]]


def gold_answers(reference: Any) -> tuple[Answer, ...]:
    """The acceptable gold answers of a reference, each as ``(mode, parts)`` (see the module docstring)."""
    if isinstance(reference, (list, tuple)):
        # a null or empty entry (JSON null, "") is no acceptable answer
        present = [r for r in reference if r is not None and not (isinstance(r, str) and not r.strip())]
        if not present:
            raise ValueError("empty list of math references")
        return tuple(g for r in present for g in gold_answers(r))
    if isinstance(reference, bool) or reference is None:
        raise ValueError(f"math reference must be a string, a number or a list of them, got {reference!r}")
    if isinstance(reference, float) and not math.isfinite(reference):
        if math.isnan(reference):
            raise ValueError("math reference is NaN")
        return (("math", ("\\infty" if reference > 0 else "-\\infty",)),)  # JSON Infinity
    if isinstance(reference, (int, float)):
        return (("math", (float_reference(reference) if isinstance(reference, float) else str(reference),)),)
    if not isinstance(reference, str):
        raise ValueError(f"math reference must be a string, a number or a list of them, got {type(reference).__name__}")
    if not reference.strip():
        raise ValueError("empty math reference")
    if _FLOAT_TEXT.fullmatch(reference.strip()) and repr(float(reference)) == reference.strip():
        return (("math", (float_reference(float(reference)),)),)  # "0.30000000000000004" written out by a program
    ex = extract_reference(reference)
    if ex.answer is None:
        raise ValueError(f"could not extract a gold answer from reference {reference[:80]!r}")
    return ((ex.mode, ex.parts),)


#: a float's shortest repr with a fractional part (``0.30000000000000004``, ``3.3333333333333335e-05``)
_FLOAT_TEXT = re.compile(r"-?\d++\.\d++(?:e[-+]?\d++)?+")
#: a float with this many significant digits carries float rounding error: it is read at float precision
FLOAT_SIG_DIGITS = 15
#: the largest denominator of the simple fraction a float reference may stand for
_FLOAT_DENOMINATOR = 10_000


def float_reference(x: float) -> str:
    """A float reference as the value it was computed as: with fewer than 15 significant digits as written;
    else the fraction with denominator ≤ 10,000 that rounds to exactly this float (0.6666666666666666 is 2/3),
    or else the float rounded to 15 significant digits (0.30000000000000004 is 0.3, a decimal)."""
    text = repr(x)
    mantissa = text.lstrip("-").partition("e")[0].replace(".", "").lstrip("0")
    if len(mantissa) < FLOAT_SIG_DIGITS:
        return text
    exact = Fraction(x).limit_denominator(_FLOAT_DENOMINATOR)
    if float(exact) == x:
        sign, a, b = "-" if exact < 0 else "", abs(exact.numerator), exact.denominator
        return f"{sign}{a}" if b == 1 else f"{sign}\\frac{{{a}}}{{{b}}}"
    return f"{Decimal(format(x, '.15g')):f}"


def _show(answer: Answer) -> str:
    return "; ".join(answer[1])


def _is_letter(gold: Answer) -> bool:
    parts = gold[1]
    return len(parts) == 1 and parts[0].strip().strip("()") in _LETTERS


#: golds that a reply commonly states in words: the empty set ("There is no solution.") and infinity ("The limit is
#: infinity.")
_WORDED_GOLDS = frozenset(r"\emptyset \varnothing \{\} {} ∅ \infty +\infty -\infty ∞ -∞".split())


def _is_word_answer(gold: Answer) -> bool:
    """The gold answer is words (``\\text{Tuesday}``, "No"), or a value often stated in words (:data:`_WORDED_GOLDS`)."""
    if len(gold[1]) == 1 and gold[1][0].replace(" ", "").strip("$") in _WORDED_GOLDS:
        return True
    try:
        return isinstance(parse_answer(gold[1], gold[0]), Text)
    except (ValueError, RecursionError):
        return False


def read_completion(completion: str, opts: dict[str, Any]) -> tuple[Extraction, Extraction | None]:
    """The hidden reading of ``completion`` (:func:`~rlvr.verifiers.extract.extract` with ``opts``) and, when one
    of its hiding decisions was uncertain and the shown reading extracts something else, the shown one. Runs in a
    worker process: the time limit covers reading the completion too."""
    ex = extract(completion, **opts)
    if not ex.uncertain:
        return ex, None
    shown = extract(completion, reading="shown", **opts)
    return ex, (shown if shown != ex else None)


@register_verifier("math")
class MathVerifier(BatchVerifier):
    """Math answer equivalence. Score 1.0 when the extracted answer equals the gold answer, else 0.0.

    timeout_s: hard wall-clock limit of one equivalence check. min_sig_digits: a decimal answer needs this
    many significant digits to match a non-decimal exact gold (``0.3333`` ~ 1/3; ``0.333``, and ``3.14`` for
    π, are not). percent / degrees: also read ``50\\%`` as its value 0.5 and ``30^\\circ`` as ``\\pi/6``
    (a plain number always matches the number before a dropped sign). answer_form: ``expression`` (default)
    accepts any closed form of the gold value (``2^{10}`` for 1024); ``number`` is for tasks that ask for a
    number (arithmetic, word problems): against a plain-number gold the answer must be written as a number
    (integer, decimal, fraction, scientific notation), so ``16 + 7`` for 23 restates the question. workers:
    size of the process pool (default ``RLVR_VERIFIER_WORKERS`` or min(4, CPUs)). think_tag / answer_tag: tag
    names for extraction.
    """

    enforces_time_limit = True  # extraction and the full check run in killable workers

    def __init__(
        self,
        timeout_s: float = 5.0,
        min_sig_digits: int = 4,
        percent: bool = True,
        degrees: bool = True,
        workers: int | None = None,
        think_tag: str = "think",
        answer_tag: str = "answer",
        cache_size: int = 65_536,
        answer_form: str = "expression",
    ) -> None:
        timeout_s = checked_timeout(timeout_s, "math verifier: timeout_s")
        if isinstance(min_sig_digits, bool) or not isinstance(min_sig_digits, int) or min_sig_digits < 1:
            raise ValueError(f"math verifier: min_sig_digits must be an integer >= 1, got {min_sig_digits!r}")
        workers = checked_pool_size(workers, "math verifier: workers")
        for name, flag in (("percent", percent), ("degrees", degrees)):
            if not isinstance(flag, bool):
                raise ValueError(f"math verifier: {name} must be true or false, got {flag!r}")
        for name, tag in (("think_tag", think_tag), ("answer_tag", answer_tag)):
            if not isinstance(tag, str) or not re.fullmatch(r"[A-Za-z][\w-]{0,31}", tag):
                raise ValueError(f"math verifier: {name} must be a tag name such as 'answer', got {tag!r}")
        if answer_form not in ANSWER_FORMS:
            raise ValueError(f"math verifier: answer_form must be one of {ANSWER_FORMS}, got {answer_form!r}")
        if isinstance(cache_size, bool) or not isinstance(cache_size, int) or cache_size < 0:
            raise ValueError(f"math verifier: cache_size must be an integer >= 0, got {cache_size!r}")
        self.timeout_s = timeout_s
        self.options = MatchOptions(
            min_sig_digits=int(min_sig_digits), percent=bool(percent), degrees=bool(degrees), answer_form=answer_form
        )
        self.workers = workers
        self.think_tag = think_tag
        self.answer_tag = answer_tag
        self.cache_size = cache_size
        self._cache: OrderedDict[Key, bool] = OrderedDict()
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:  # picklable (Ray / multiprocessing): drop the lock and cache
        state = dict(self.__dict__)
        del state["_lock"], state["_cache"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._cache = OrderedDict()
        self._lock = threading.Lock()

    @property
    def pool(self) -> WorkerPool:
        return shared_pool(_WORKER_PRELOAD, self.workers)

    def start(self) -> None:
        self.pool.wait_ready()

    def verify_batch(
        self,
        completions: Sequence[str],
        references: Sequence[Any],
        contexts: Sequence[Mapping[str, Any]] | None = None,
    ) -> list[VerifyResult]:
        check_batch_lengths(completions, references, contexts)
        t0 = time.perf_counter()
        results: list[VerifyResult | None] = [None] * len(completions)
        readable: dict[int, tuple[tuple[Answer, ...], dict[str, Any]]] = {}
        for i, (completion, reference) in enumerate(zip(completions, references)):
            early = self._golds(completion, reference)
            if isinstance(early, VerifyResult):
                results[i] = early
            else:
                readable[i] = early
        reads = self.pool.run_many(
            [(_READ, (completions[i], opts)) for i, (_, opts) in readable.items()], self.timeout_s
        )
        todo: dict[Key, list[int]] = {}
        waiting: dict[int, tuple[list[Key], str, dict[str, Any]]] = {}
        for (i, (golds, _)), read in zip(readable.items(), reads):
            started = time.perf_counter()
            if read.status != "ok":
                results[i] = VerifyResult.failure(read.status, read.error, duration_s=read.duration_s)
                continue
            res, keys, shown, details = self._prepare(*read.value, golds)
            if res is not None:
                res.duration_s = time.perf_counter() - started + read.duration_s
                results[i] = res
            else:
                waiting[i] = (keys, shown, details)
                for key in keys:
                    todo.setdefault(key, []).append(i)
        if todo:
            keys = list(todo)
            outcomes = dict(
                zip(keys, self.pool.run_many([(_CHECK, (k[0], k[1], self.options)) for k in keys], self.timeout_s))
            )
            for key, out in outcomes.items():
                if out.status == "ok":
                    self._remember(key, bool(out.value))
            for i, (keys_i, shown, details) in waiting.items():  # a completion passes only in every reading
                outs = [outcomes[k] for k in keys_i]
                duration = sum(o.duration_s for o in outs)
                if failed := next((o for o in outs if o.status != "ok"), None):
                    results[i] = VerifyResult.failure(
                        failed.status, failed.error, extracted=shown, details=details, duration_s=duration
                    )
                else:
                    passed = all(bool(o.value) for o in outs)
                    results[i] = VerifyResult(float(passed), passed, "ok", shown, details, duration)
        for r in results:
            if r is not None and not r.duration_s:
                r.duration_s = (time.perf_counter() - t0) / max(1, len(completions))
        return [r if r is not None else VerifyResult.failure("error", "not verified") for r in results]

    def _golds(self, completion: Any, reference: Any) -> VerifyResult | tuple[tuple[Answer, ...], dict[str, Any]]:
        """The gold answers and the extraction options they call for, or the error result of a bad reference or a
        completion that is no string."""
        try:
            golds = gold_answers(reference)
            for g in golds:
                for part in g[1]:
                    check_caps(part)
        except (ValueError, AnswerTooComplex) as e:
            return VerifyResult.failure("error", f"bad reference: {e}")
        if not isinstance(completion, str):
            return VerifyResult.failure("error", f"completion must be a string, got {type(completion).__name__}")
        choices = all(_is_letter(g) for g in golds)
        words = any(_is_word_answer(g) for g in golds)
        return golds, {"choices": choices, "think_tag": self.think_tag, "answer_tag": self.answer_tag, "words": words}

    def _prepare(
        self, ex: Extraction, shown: Extraction | None, golds: tuple[Answer, ...]
    ) -> tuple[VerifyResult | None, list[Key], str, dict[str, Any]]:
        """A final result (decided here), or the (answer, golds) keys that need the full check, the answer to
        report and the details. The completion was read in the hidden reading (what certainly renders) and, when
        a hiding decision was uncertain, also in the shown one (all that might render): it passes only if it
        passes in both (docs/verifiers.md, "What renders"). The reported answer is the hidden reading's."""
        details: dict[str, Any] = {"method": ex.method, "gold": _show(golds[0])}
        readings = [ex]
        if shown is not None:
            readings.append(shown)
            details["shown_reading"] = shown.answer
        pending: list[Key] = []
        for reading in readings:
            if reading.answer is None:
                return VerifyResult.failure("no_answer", None, details=details), [], "", details
            extracted = (ex.answer or reading.answer)[:200]
            if any(len(p) > MAX_ANSWER_CHARS for p in reading.parts):
                size = max(len(p) for p in reading.parts)
                error = f"answer of {size} characters exceeds the cap of {MAX_ANSWER_CHARS}"
                return VerifyResult.failure("error", error, extracted=extracted, details=details), [], "", details
            key: Key = ((reading.mode, reading.parts), golds)
            cached = self._recall(key)
            if cached is None:
                try:
                    cached = quick_decision(key[0], golds, self.options)
                except AnswerTooComplex as e:
                    return VerifyResult.failure("error", str(e), extracted=extracted, details=details), [], "", details
                except Exception:  # noqa: BLE001  (the worker repeats the check and reports the error)
                    cached = None
                if cached is not None:
                    self._remember(key, cached)
            if cached is False:
                return VerifyResult(0.0, False, "ok", ex.answer, details), [], "", details
            if cached is None and key not in pending:
                pending.append(key)
        if not pending:
            return VerifyResult(1.0, True, "ok", ex.answer, details), [], "", details
        return None, pending, ex.answer or "", details

    def _recall(self, key: Key) -> bool | None:
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
            return hit

    def _remember(self, key: Key, value: bool) -> None:
        with self._lock:
            self._cache[key] = value
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
