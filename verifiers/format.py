"""The ``format`` verifier: the completion is ``<think>…</think>`` then one non-empty ``<answer>…</answer>``.

Rules (DeepSeek-R1 style): exactly one think block followed by exactly one answer block; only whitespace
before, between and after them; no think/answer tag inside another block; the answer is non-empty after
stripping. Tag names are configurable. ``prefilled_think=True`` is for chat templates that put ``<think>``
in the prompt: the completion then starts inside the think block and must not open another. One linear
scan over tag tokens; the reference is ignored (``null`` in the CLI).
"""

from __future__ import annotations

import re
from typing import Any

from rlvr.verifiers.base import Verifier, VerifyResult, register_verifier

_TAG_NAME = re.compile(r"^[A-Za-z][\w.-]*$")


@register_verifier("format")
class FormatVerifier(Verifier):
    """Score 1.0 when the structure holds, else 0.0 with ``details["reason"]`` naming the first violation.

    think_tag / answer_tag: tag names. prefilled_think: the prompt already opened the think block.
    """

    enforces_time_limit = True  # one linear scan of fixed tag patterns

    def __init__(self, think_tag: str = "think", answer_tag: str = "answer", prefilled_think: bool = False) -> None:
        for field_name, tag in (("think_tag", think_tag), ("answer_tag", answer_tag)):
            if not isinstance(tag, str) or not _TAG_NAME.match(tag):
                raise ValueError(f"format verifier: {field_name} must be a tag name like 'think', got {tag!r}")
        if think_tag == answer_tag:
            raise ValueError("format verifier: think_tag and answer_tag must differ")
        self.think_tag, self.answer_tag, self.prefilled_think = think_tag, answer_tag, bool(prefilled_think)
        names = f"{re.escape(think_tag)}|{re.escape(answer_tag)}"
        self._tags = re.compile(rf"<\s*(/?)\s*({names})\s*>")
        t, a = think_tag, answer_tag
        self._expected = ([("/", t)] if prefilled_think else [("", t), ("/", t)]) + [("", a), ("/", a)]

    def verify(self, completion: str, reference: Any = None, **context: Any) -> VerifyResult:
        if not isinstance(completion, str):
            return VerifyResult.failure("error", f"completion must be a string, got {type(completion).__name__}")
        tokens = list(self._tags.finditer(completion))
        found = [(m.group(1), m.group(2)) for m in tokens]
        if found != self._expected:
            return self._fail(self._describe(found))
        # whitespace-only gaps: before the first tag (unless prefilled), between the blocks, after the last
        close_think, open_answer, close_answer = tokens[-3:]
        gaps = [(close_think.end(), open_answer.start()), (close_answer.end(), len(completion))]
        if not self.prefilled_think:
            gaps.append((0, tokens[0].start()))
        for start, end in gaps:
            if completion[start:end].strip():
                return self._fail("text outside the think and answer blocks")
        answer = completion[open_answer.end() : close_answer.start()].strip()
        if not answer:
            return self._fail(f"empty <{self.answer_tag}> block")
        return VerifyResult(1.0, True, "ok", answer, {"reason": "ok"})

    def _describe(self, found: list[tuple[str, str]]) -> str:
        t, a = self.think_tag, self.answer_tag
        opens_t = found.count(("", t))
        if self.prefilled_think and opens_t:
            return f"<{t}> opened again although the prompt prefilled it"
        if found.count(("/", t)) != 1 or (not self.prefilled_think and opens_t != 1):
            return f"expected exactly one <{t}>…</{t}> block"
        if found.count(("", a)) != 1 or found.count(("/", a)) != 1:
            return f"expected exactly one <{a}>…</{a}> block"
        return "tags out of order or nested"

    @staticmethod
    def _fail(reason: str) -> VerifyResult:
        return VerifyResult(0.0, False, "ok", None, {"reason": reason})
