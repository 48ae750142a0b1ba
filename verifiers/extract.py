"""Answer extraction: find the final answer a completion commits to and return it as a string.

Forms, in priority order inside the region that counts (the text after the last ``</think>`` when it is
non-empty, else the whole text):

1. ``<answer>…</answer>`` (the last complete pair; an opened but unclosed tag extracts nothing); the
   content is reduced by the rules below, or kept whole when it already looks like a bare answer.
2. The last ``\\boxed{…}`` / ``\\fbox{…}`` (nested braces, escaped ``\\{``), or ``\\boxed 9``. A truncated or
   unbalanced last box extracts nothing: no fallback to an earlier number.
3. GSM8K ``#### 72``.
4. Answer phrases: Minerva's "Final Answer: The final answer is $…$. I hope it is correct.",
   ``Answer: 42``, "the answer is …" (the last phrase wins).
5. Multiple-choice letters ``(C)`` (before the number fallback when ``choices`` is set, after it otherwise).
6. Markdown bold ``**…**`` holding a short answer.
7. Fallback: the last inline math ``$…$`` / ``\\(…\\)`` (its value after the last ``=``) when it ends at or
   after the last number, else the last number: negatives, money, thousands separators (``$1,250,000``),
   decimals, ``1e3``.

Every step is a linear scan (``str.rfind`` or regexes without nested quantifiers), so a 1 MB completion
costs milliseconds. Completions above :data:`MAX_COMPLETION_CHARS` extract nothing.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

#: completions longer than this (characters) extract nothing
MAX_COMPLETION_CHARS = 4_000_000
#: a bold span or an answer-phrase tail longer than this is prose, not an answer
MAX_INLINE_ANSWER_CHARS = 200

_BOX_CMDS = ("\\boxed", "\\fbox")
_BRACE_TOKEN = re.compile(r"\\.|[{}]", re.S)
_GSM8K = re.compile(r"####[ \t]*([^\n]*)")
_PHRASE = re.compile(r"\b(?:final[ \t]+answer[ \t]*(?:is\b|:)|answer[ \t]+is\b|answer[ \t]*:)[ \t]*:?", re.I)
_BOLD = re.compile(r"\*\*([^*\n]{1,200})\*\*")
_CHOICE = re.compile(
    r"\(([A-J])\)|\b([A-J])\)|\\text(?:bf)?\{\(?([A-J])\)?\}"
    r"|\b(?i:option|choice)(?:[ \t]+is)?[ \t]*:?[ \t]*\(?([A-J])\b"
)
_BARE_CHOICE = re.compile(r"^\s*(?:\\text(?:bf)?\{\s*)?\(?([A-J])\)?(?:\s*\})?\s*[.:]?\s*$")
_NUMBER = re.compile(r"(?<![\w.])-?\$?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+)")
_INLINE_MATH = re.compile(
    r"(?<![\\$])\$(?![\s$])([^$\n]{1,300}?)(?<![\s\\])\$|\\\(((?:[^\n\\]|\\(?![()])){1,300}?)\\\)"
)
_WORD = re.compile(r"(?<!\\)\b[A-Za-z]{3,}\b")
_TEXT_CMD = re.compile(r"\\(?:text|mathrm|textbf|mbox|operatorname)\{[^{}]*\}")


@dataclass(frozen=True)
class Extraction:
    """The extracted answer (``None`` when there is none) and the rule that found it."""

    answer: str | None
    method: str


def extract_answer(
    text: str, *, choices: bool = False, think_tag: str = "think", answer_tag: str = "answer"
) -> str | None:
    """The final answer of ``text`` as a string, or ``None`` (see the module docstring for the forms)."""
    return extract(text, choices=choices, think_tag=think_tag, answer_tag=answer_tag).answer


def extract(text: str, *, choices: bool = False, think_tag: str = "think", answer_tag: str = "answer") -> Extraction:
    """Like :func:`extract_answer`, also naming the rule that fired (``boxed``, ``gsm8k``, …, ``none``).

    ``choices``: the reference is a multiple-choice letter, so letters like ``(C)`` outrank numbers.
    """
    if not isinstance(text, str) or len(text) > MAX_COMPLETION_CHARS:
        return Extraction(None, "none")
    close = f"</{think_tag}>"
    cut = text.rfind(close)
    if cut >= 0 and text[cut + len(close) :].strip():
        text = text[cut + len(close) :]
    return _extract_region(text, choices, answer_tag)


def _extract_region(text: str, choices: bool, answer_tag: str) -> Extraction:
    open_t, close_t = f"<{answer_tag}>", f"</{answer_tag}>"
    end = text.rfind(close_t)
    last_open = text.rfind(open_t)
    if last_open > end:  # an answer was started but never closed: truncated
        return Extraction(None, "unclosed_answer_tag")
    if end >= 0:
        start = text.rfind(open_t, 0, end)
        if start >= 0:
            inner = text[start + len(open_t) : end]
            got = _extract_inner(inner, choices)
            return Extraction(got, "answer_tag") if got is not None else Extraction(None, "empty_answer_tag")
    return _extract_plain(text, choices)


def _extract_inner(inner: str, choices: bool) -> str | None:
    """Content of an ``<answer>`` tag: a box or phrase inside it, else the content when it is a bare answer."""
    ex = _extract_plain(inner, choices, fallbacks=False)
    if ex.answer is not None or ex.method == "unbalanced_box":
        return ex.answer
    content = _clean(inner)
    if not content:
        return None
    if len(content) <= MAX_INLINE_ANSWER_CHARS and not _WORD.search(_TEXT_CMD.sub("", _strip_commands(content))):
        return content
    ex = _extract_plain(inner, choices)
    return ex.answer if ex.answer is not None else content


def _strip_commands(s: str) -> str:
    return re.sub(r"\\[A-Za-z]+", " ", s)


def _extract_plain(text: str, choices: bool, fallbacks: bool = True) -> Extraction:
    box = _last_box(text)
    if box is not None:
        if box is _UNBALANCED:
            return Extraction(None, "unbalanced_box")
        content = _clean(box)
        return Extraction(content or None, "boxed")
    gsm = _last(_GSM8K.finditer(text))
    if gsm is not None:
        content = _clean(gsm.group(1))
        if content:
            return Extraction(content, "gsm8k")
    phrase = _last_phrase(text)
    if phrase:
        return Extraction(phrase, "answer_phrase")
    if not fallbacks:
        return Extraction(None, "none")
    if choices:
        bare = _BARE_CHOICE.match(_clean(text)) if len(text) <= MAX_INLINE_ANSWER_CHARS else None
        if bare:
            return Extraction(bare.group(1), "choice")
        letter = _last_choice(text)
        if letter:
            return Extraction(letter, "choice")
    bold = _last(_BOLD.finditer(text))
    if bold is not None:
        content = _clean(bold.group(1))
        if content:
            return Extraction(content, "bold")
    num = _last_number(text)
    math = _last(_INLINE_MATH.finditer(text))
    if math is not None and (num is None or math.end() >= num.end()):
        content = _after_last_equals(_clean(math.group(1) or math.group(2) or ""))
        if content:
            return Extraction(content, "inline_math")
    if num is not None:
        return Extraction(num.group(0).replace("$", ""), "last_number")
    if not choices:
        letter = _last_choice(text)
        if letter:
            return Extraction(letter, "choice")
    return Extraction(None, "none")


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """The last match of an iterator (constant memory)."""
    tail = deque(matches, maxlen=1)
    return tail[0] if tail else None


class _Unbalanced:
    pass


_UNBALANCED = _Unbalanced()


def _last_box(text: str) -> str | _Unbalanced | None:
    """Content of the last ``\\boxed``/``\\fbox``; ``_UNBALANCED`` if it never closes; ``None`` if absent."""
    pos, cmd = max((text.rfind(c), c) for c in _BOX_CMDS)
    if pos < 0:
        return None
    i = pos + len(cmd)
    n = len(text)
    while i < n and text[i] in " \t":
        i += 1
    if i >= n:
        return _UNBALANCED
    if text[i] != "{":
        if i == pos + len(cmd) and (text[i].isalpha()):  # e.g. \boxedx: not a box command
            return None
        m = re.compile(r"[^\s$]+").match(text, i)
        return m.group(0).rstrip(".,;") if m else _UNBALANCED
    end = _match_brace(text, i)
    if end < 0:
        return _UNBALANCED
    return text[i + 1 : end]


def _match_brace(text: str, open_idx: int) -> int:
    """Index of the ``}`` closing the ``{`` at ``open_idx`` (escaped braces skipped), or -1. Linear time."""
    depth = 0
    for m in _BRACE_TOKEN.finditer(text, open_idx):
        tok = m.group(0)
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return -1


def _last_phrase(text: str) -> str | None:
    """The answer after the last "answer is" / "Answer:" / "final answer is" phrase that yields one."""
    matches = list(_PHRASE.finditer(text))
    for m in reversed(matches[-8:]):
        got = _phrase_tail(text, m.end())
        if got:
            return got
    return None


def _phrase_tail(text: str, i: int) -> str | None:
    rest = text[i : i + 4 * MAX_INLINE_ANSWER_CHARS]
    stripped = rest.lstrip(" \t")
    if stripped.startswith("**") and stripped[2:3] in (" ", "\t", ""):  # the label was bold: **Answer:** 42
        stripped = stripped[2:].lstrip(" \t")
    first_line = stripped.split("\n", 1)[0]
    for opener, closer in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"), ("**", "**")):
        if stripped.startswith(opener):
            j = stripped.find(closer, len(opener))
            if opener == "$" and stripped[1:2].isdigit() and closer not in first_line[1:]:
                first_line = first_line[1:]  # "the answer is $72." is money, not math
                break
            if j < 0:
                return None
            content = _clean(stripped[len(opener) : j])
            return content or None
    line = re.split(r"\.(?:\s|$)", first_line, maxsplit=1)[0]
    content = _clean(line)
    if not content or len(content) > MAX_INLINE_ANSWER_CHARS:
        return None
    return content


def _last_number(text: str) -> re.Match[str] | None:
    """The last number of ``text``: scan only a window before the last digit (found by ``str.rfind``), and
    the whole text only when the number reaches the window's start."""
    last_digit = max(text.rfind(d) for d in "0123456789")
    if last_digit < 0:
        return None
    start = max(0, last_digit - 512)
    m = _last(_NUMBER.finditer(text, start, last_digit + 1))
    if m is None or (m.start() <= start + 1 and start > 0):
        m = _last(_NUMBER.finditer(text, 0, last_digit + 1))
    return m


def _after_last_equals(s: str) -> str:
    """``x = 2 + 3 = 5`` → ``5``: the value a chain of equalities ends on (top level only)."""
    depth, cut = 0, -1
    for i, ch in enumerate(s):
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif ch == "=" and depth == 0:
            cut = i
    return s[cut + 1 :].strip() if cut >= 0 else s


def _last_choice(text: str) -> str | None:
    m = _last(_CHOICE.finditer(text))
    if m is None:
        return None
    return next(g for g in m.groups() if g)


def _clean(s: str) -> str:
    """Strip math delimiters, bold markers, ``\\displaystyle`` and trailing punctuation."""
    s = s.strip()
    for _ in range(3):
        before = s
        for a, b in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"), ("**", "**")):
            if s.startswith(a) and s.endswith(b) and len(s) >= len(a) + len(b):
                s = s[len(a) : len(s) - len(b)].strip()
        s = s.replace("\\displaystyle", "").strip().strip("*").strip()
        s = s.rstrip(".,;").strip()
        if s == before:
            break
    choice = _BARE_CHOICE.match(s)
    if choice:
        return choice.group(1)
    return s
