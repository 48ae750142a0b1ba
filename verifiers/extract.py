"""Answer extraction: the final answer a completion commits to, read whole, as written.

Only what renders counts: LaTeX ``%`` comments (a ``%`` right after a digit is a percent sign), HTML
comments, ``\\phantom{…}``, ``\\iffalse…\\fi`` and ``comment`` environments are removed first. Inside the
region that counts (the text after the last ``</think>`` when it is non-empty, else the whole text), in order:

1. ``<answer>…</answer>`` (the last complete pair; an opened but unclosed tag extracts nothing): a box or
   answer phrase inside it, else its whole content read as a final statement.
2. Boxes ``\\boxed{…}`` / ``\\fbox{…}`` / ``\\boxed 9``: **all** of them. Several different boxes are several
   parts (a hedge unless the gold has those parts); identical ones count once. A box is read with what
   touches it in its sentence: a relation or qualifier before it (``x \\ne \\boxed{2}``, "at least"), and
   a unit, ``%``, multiplier, comparative or "or …" after it. A truncated last box extracts nothing.
3. GSM8K ``#### 72`` (the rest of the line).
4. Answer phrases: "Final Answer: The final answer is $…$. I hope it is correct.", "the answer is …",
   ``Answer: …``, ``**Answer:** …``, a "Final Answer" heading followed by the answer on the next lines:
   the whole statement after the phrase (to the end of its sentence, through display math on any number
   of lines, and through a following sentence that starts with "Or"/"Alternatively"/…).
5. Multiple-choice letters ``(C)`` (before the fallback when ``choices`` is set, after it otherwise).
6. Fallback, the final statement: the last sentence holding math or a digit (inline or display math with
   any whitespace, bare LaTeX, plain expressions); its part after the last "is"/"equals"/"=" … (the first
   one when an "or" comes before), else its trailing run of math, numbers and unit words.

The result keeps the answer as written (:attr:`Extraction.answer`) plus how to read it: ``mode="math"``
(LaTeX, e.g. a box's content) or ``mode="text"`` (prose with math spans, e.g. ``$2$ or $3$``).

Every pattern is linear-time (literal anchors, possessive quantifiers); every search that could rescan is
memoised or bounded to a window, so a 1 MB adversarial completion costs milliseconds.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from rlvr.verifiers.lexer import find_dollar, match_brace

#: completions longer than this (characters) extract nothing
MAX_COMPLETION_CHARS = 4_000_000
#: an answer phrase's statement longer than this is prose, not an answer
MAX_INLINE_ANSWER_CHARS = 400
#: the fallback reads the final sentence inside a window of this many characters
_WINDOW = 3000
#: more distinct boxes than this is not an answer
MAX_BOXES = 64

_BOX = re.compile(r"\\(?:boxed|fbox)(?![A-Za-z])")
_HIDDEN = re.compile(
    r"%|<!--|\\[hv]?phantom(?![A-Za-z])|\\iffalse(?![A-Za-z])|\\begin\{comment\}"
    r"|\\(?:textcolor|color)\{\s*+white\s*+\}"
    r"|<([A-Za-z][A-Za-z0-9]{0,10})\b[^<>]{0,300}?(?:\bhidden\b|display\s*+:\s*+none|visibility\s*+:\s*+hidden)[^<>]{0,300}>"
)
_GSM8K = re.compile(r"####[ \t]*+([^\n]*+)")
_PHRASE = re.compile(
    r"(?i:\bfinal[ \t]++answer(?:[ \t]*+(?:is\b|:|-))?|\banswers?[ \t]++(?:is|are|would[ \t]++be|will[ \t]++be)\b"
    r"|\banswer[ \t]*+(?::|=|-(?=[ \t]))|\bthe[ \t]++result[ \t]++is\b)"
)
_CHOICE = re.compile(
    r"\(([A-J])\)|\b([A-J])\)|\\text(?:bf)?\{\(?([A-J])\)?\}"
    r"|\b(?i:option|choice)(?:[ \t]++is)?+[ \t]*+:?+[ \t]*+\(?([A-J])\b"
)
_BARE_CHOICE = re.compile(r"^\s*+(?:\\text(?:bf)?\{\s*+)?\(?([A-J])\)?(?:\s*+\})?\s*+[.:]?\s*+$")
_COPULA = re.compile(
    r"(?i)\b(?:is|are|was|were|be|equals?|becomes?|gives?|get|gets|got|obtain|obtained|yields?|have|has|"
    r"comes[ \t]+to|amounts[ \t]+to)\b|(?<![<>!=\\])=(?![=<>])|:(?=\s)"
)
_CLAUSE = re.compile(
    r"(?i)(?:,|;|[ \t]-{1,2}[ \t])[ \t]*+(?:which|since|because|as|so|where|hence|thus|therefore|i\.e\.|meaning|"
    r"giving|that|this|and[ \t]+so|and[ \t]+this|and[ \t]+that|rounded|when|while|though|although|but|after|"
    r"before|per|according|not|I|we)\b|(?<![ \t])[ \t]++(?:because|since|which|where|hence|therefore)\b"
)
_HEDGE_START = re.compile(r"(?i)^[ \t*_]*+(?:or|alternatively|otherwise|maybe|perhaps|possibly|either|also|unless)\b")
_LEAD = re.compile(
    r"(?i)^(?:[-*+>#]++[ \t]++|\d++[.)][ \t]++|(?:therefore|thus|so|hence|finally|overall|in[ \t]++conclusion|"
    r"in[ \t]++summary|consequently|as[ \t]++a[ \t]++result)\b[ \t]*+,?+[ \t]*+)++"
)
_ABBREV = ("e.g", "i.e", "approx", "etc", "vs", "cf", "Dr", "Mr", "Mrs", "Ms", "St", "No", "Fig", "Eq", "resp")


@dataclass(frozen=True)
class Extraction:
    """The extracted answer (``None`` when there is none), the rule that found it, and how to read it.

    ``parts``: the answer's parts (several distinct boxes give several); ``mode``: ``"math"`` when the parts
    are LaTeX, ``"text"`` when they are prose with math spans. ``answer`` shows the parts joined by ``"; "``.
    """

    answer: str | None
    method: str
    parts: tuple[str, ...] = ()
    mode: str = "math"


def _found(parts: list[str], method: str, mode: str) -> Extraction:
    parts = [p for p in parts if p]
    if not parts:
        return Extraction(None, method)
    return Extraction("; ".join(parts), method, tuple(parts), mode)


def extract_answer(
    text: str, *, choices: bool = False, think_tag: str = "think", answer_tag: str = "answer"
) -> str | None:
    """The final answer of ``text`` as a string, or ``None`` (see the module docstring for the forms)."""
    return extract(text, choices=choices, think_tag=think_tag, answer_tag=answer_tag).answer


def extract(text: str, *, choices: bool = False, think_tag: str = "think", answer_tag: str = "answer") -> Extraction:
    """Like :func:`extract_answer`, also naming the rule that fired (``boxed``, ``answer_phrase``, …, ``none``)
    and how to read the answer. ``choices``: the gold is a letter, so letters like ``(C)`` outrank the
    fallback."""
    if not isinstance(text, str) or len(text) > MAX_COMPLETION_CHARS:
        return Extraction(None, "none")
    close = f"</{think_tag}>"
    cut = text.rfind(close)
    if cut >= 0 and text[cut + len(close) :].strip():
        text = text[cut + len(close) :]
    text = visible(text)
    open_t, close_t = f"<{answer_tag}>", f"</{answer_tag}>"
    end = text.rfind(close_t)
    last_open = text.rfind(open_t)
    if last_open > end:  # an answer was started but never closed: truncated
        return Extraction(None, "unclosed_answer_tag")
    if end >= 0 and text.rfind(open_t, 0, end) >= 0:
        return _answer_tags(text, open_t, close_t, choices)
    return _plain(text, choices)


def _answer_tags(text: str, open_t: str, close_t: str, choices: bool) -> Extraction:
    """Every complete answer tag; different answers in several tags are several parts (a hedge)."""
    parts: list[str] = []
    modes: list[str] = []
    keys: set[str] = set()
    pos = 0
    for _ in range(4 * MAX_BOXES + 1):
        start = text.find(open_t, pos)
        if start < 0:
            break
        end = text.find(close_t, start)
        if end < 0:
            break
        inner_start = text.rfind(open_t, start, end)  # <answer><answer>x</answer>: the innermost opener
        got = _inside_tag(text[inner_start + len(open_t) : end], choices)
        pos = end + len(close_t)
        if got.answer is None:
            if got.method == "unbalanced_box":
                return Extraction(None, "unbalanced_box")
            continue
        for part in got.parts:
            key = re.sub(r"\s+", "", part)
            if key not in keys:
                keys.add(key)
                parts.append(part)
                modes.append(got.mode)
    else:
        return Extraction(None, "too_many_answer_tags")
    if not parts:
        return Extraction(None, "empty_answer_tag")
    if len(parts) > MAX_BOXES:
        return Extraction(None, "too_many_answer_tags")
    if len(set(modes)) > 1:
        parts = [p if m == "text" else f"${p}$" for p, m in zip(parts, modes)]
        return _found(parts, "answer_tag", "text")
    return _found(parts, "answer_tag", modes[0])


def extract_reference(reference: str) -> Extraction:
    """The gold answer of a reference string: its boxes (several boxed parts stay parts), a GSM8K ``####``
    line, the final statement of a worked solution, or else the whole string as a math answer."""
    text = visible(reference)
    if _BOX.search(text) or "####" in text:
        return _plain(text, False)
    if _looks_like_solution(text):
        return _plain(text, False)
    gold = _clean(text)
    return _found([gold], "reference", "text" if re.search(r"\$|\\\(|\\\[", gold) else "math")


def _looks_like_solution(text: str) -> bool:
    """Prose with sentences (a worked solution), not a bare answer like ``5 \\text{ cm}`` or ``x \\in [1,2]``."""
    if _PHRASE.search(text):
        return True
    text = text[:_WINDOW]
    outside = re.sub(r"\$[^$]*+\$|\\\((?:[^\\]|\\(?!\)))*+\\\)|\\text\{[^{}]*+\}", " ", text)
    words = re.findall(r"[A-Za-z]{2,}", outside)
    return len(words) >= 6 or "\n" in text.strip() and len(words) >= 3


# ---------------------------------------------------------------- what does not render


def visible(text: str) -> str:
    """``text`` without what does not render: LaTeX ``%`` comments, HTML comments, ``\\phantom{…}``,
    ``\\iffalse … \\fi``, comment environments, white text, HTML elements that are ``hidden`` or
    ``display: none``. Linear: each hidden region is skipped once."""
    if not _HIDDEN.search(text):
        return text
    out: list[str] = []
    pos = 0
    n = len(text)
    for m in _HIDDEN.finditer(text):
        s = m.start()
        if s < pos:
            continue
        tok = m.group(0)
        if tok == "%":
            if _escaped(text, s) or _percent_sign(text, s):
                continue
            end = text.find("\n", s)
            out.append(text[pos:s])
            pos = n if end < 0 else end
        elif tok == "<!--":
            end = text.find("-->", s + 4)
            out.append(text[pos:s])
            pos = n if end < 0 else end + 3
        elif tok.endswith("phantom") or tok.startswith(("\\textcolor", "\\color")):
            j = m.end()
            while j < n and text[j] in " \t":
                j += 1
            out.append(text[pos:s])
            if j < n and text[j] == "{":
                k = match_brace(text, j)
                pos = n if k < 0 else k + 1
            else:
                pos = j
        elif tok.startswith("<"):  # <span style="display:none">…</span>, <div hidden>…</div>
            closer = f"</{m.group(1)}>"
            end = text.find(closer, m.end())
            out.append(text[pos:s])
            pos = n if end < 0 else end + len(closer)
        else:
            closer = "\\fi" if tok.startswith("\\iffalse") else "\\end{comment}"
            end = text.find(closer, m.end())
            out.append(text[pos:s])
            pos = n if end < 0 else end + len(closer)
        if pos >= n:
            break
    out.append(text[pos:])
    return "".join(out)


def _escaped(text: str, i: int) -> bool:
    k = i - 1
    while k >= 0 and text[k] == "\\":
        k -= 1
    return (i - 1 - k) % 2 == 1


def _percent_sign(text: str, i: int) -> bool:
    """A ``%`` right after a digit (``50%``, ``50 %``) is a percent sign, not a comment."""
    j = i - 1
    if j >= 0 and text[j] == " ":
        j -= 1
    return j >= 0 and text[j].isdigit()


# ---------------------------------------------------------------- the rules


def _inside_tag(inner: str, choices: bool) -> Extraction:
    ex = _plain(inner, choices, fallbacks=False)
    if ex.answer is not None or ex.method == "unbalanced_box":
        return ex
    content = inner.strip()
    if not content:
        return Extraction(None, "empty")
    if choices:
        bare = _BARE_CHOICE.match(content) if len(content) <= MAX_INLINE_ANSWER_CHARS else None
        if bare:
            return _found([bare.group(1)], "choice", "math")
    if len(content) <= MAX_INLINE_ANSWER_CHARS:
        stmt = _statement_of_sentence(_last_sentence(content) or content, trailing_run=False)
        if stmt is not None:
            return stmt
    return _plain(inner, choices)


def _plain(text: str, choices: bool, fallbacks: bool = True) -> Extraction:
    boxes = _boxes(text)
    if boxes is not None:
        last_box = max(text.rfind("\\boxed"), text.rfind("\\fbox"))
        later = _last_phrase(text, after=last_box) if boxes.answer is not None else None
        if later is not None and later.answer is not None and _ANSWER_TOKEN.search(later.answer):
            return later  # boxes of intermediate results, then "Final Answer: …"
        return boxes
    gsm = _last(_GSM8K.finditer(text))
    if gsm is not None:
        content = _clean(gsm.group(1))
        if content:
            return _found([content], "gsm8k", _mode(content))
    phrase = _last_phrase(text)
    if phrase is not None:
        return phrase
    if not fallbacks:
        return Extraction(None, "none")
    if choices:
        stripped = _clean(text) if len(text) <= MAX_INLINE_ANSWER_CHARS else ""
        bare = _BARE_CHOICE.match(stripped) if len(stripped) <= MAX_INLINE_ANSWER_CHARS else None
        if bare:
            return _found([bare.group(1)], "choice", "math")
        letter = _last_choice(text)
        if letter:
            return _found([letter], "choice", "math")
    final = _final_statement(text)
    if final is not None:
        return final
    if not choices:
        letter = _last_choice(text)
        if letter:
            return _found([letter], "choice", "math")
    return Extraction(None, "none")


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """The last match of an iterator (constant memory)."""
    tail = deque(matches, maxlen=1)
    return tail[0] if tail else None


# ---------------------------------------------------------------- boxes

_BOX_BEFORE = re.compile(
    r"(?i)(?:\\neq?|!=|\\[lg]eq?(?:slant)?|\\[lg]t|<(?![A-Za-z/!])|(?<![A-Za-z0-9\x22\x27/-])>|\\approx|\\sim|\\pm|\\mp|(?<![A-Za-z\\])-|\bnot|\bat[ \t]+least|"
    r"\bat[ \t]+most|\bmore[ \t]+than|\bless[ \t]+than|\bfewer[ \t]+than|\bgreater[ \t]+than|\bover|\bunder|"
    r"\babout|\baround|\bapproximately|\broughly|\bnearly|\balmost|\beither|\bor|\bup[ \t]+to)[ \t$]*$"
)
_BOX_AFTER = re.compile(
    r"(?i)[ \t$]*+(?:\^|_|\\?%|\^\s*\{?\s*\\circ|°|\\pm(?![A-Za-z])|\\mp(?![A-Za-z])|\\text\{\s*(?:or|and|more|less|fewer|million|billion|"
    r"thousand|hundred|dozen|percent|times)\b|(?:or|and/or|more|less|fewer|million|billion|thousand|hundred|"
    r"dozen|percent|times|plus|minus|squared|cubed|or[ \t]+more|or[ \t]+less|at[ \t]+least|at[ \t]+most)\b)"
)


def _boxes(text: str) -> Extraction | None:
    """All boxes of ``text`` (``None`` when there is none)."""
    spans: list[tuple[int, int, str]] = []
    pos = 0
    n = len(text)
    for m in _BOX.finditer(text):
        if m.start() < pos:
            continue  # inside an earlier box
        i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i >= n:
            return Extraction(None, "unbalanced_box")
        if text[i] != "{":
            if i == m.end() and text[i].isalpha():
                continue
            mm = re.compile(r"[^\s$]++").match(text, i)
            if not mm:
                return Extraction(None, "unbalanced_box")
            content = mm.group(0).rstrip(".,;")
            spans.append((m.start(), mm.end(), content))
            pos = mm.end()
        else:
            end = match_brace(text, i)
            if end < 0:
                return Extraction(None, "unbalanced_box")
            spans.append((m.start(), end + 1, text[i + 1 : end]))
            pos = end + 1
        if len(spans) > 4 * MAX_BOXES:
            return Extraction(None, "too_many_boxes")
    if not spans:
        return None
    parts: list[str] = []
    modes: list[str] = []
    seen: set[str] = set()
    for k, (s, e, content) in enumerate(spans):
        part, mode = _clean(_strip_boxes(content)), "math"
        left = right = ""
        if k == 0 and (before := _BOX_BEFORE.search(text, max(0, s - 40), s)) is not None:
            left = text[before.start() : s]
        if k == len(spans) - 1:
            if _BOX_AFTER.match(text, e) or _unit_after(text, e):
                right = _statement_end(text, e)
            elif _hedged_after(text, e):  # "(though $3$ is also possible)", or a next sentence "Or 3."
                right = _statement_end(text, e)
                right = right + " " + _next_sentence(text, e + len(right))
        left, right = _strip_delimiters(left, "left"), _strip_delimiters(right, "right")
        if left or right:
            part, mode = _clean(" ".join(x for x in (left, f"${part}$", right) if x)), "text"
        key = re.sub(r"\s+", "", part)
        if part and key not in seen:
            seen.add(key)
            parts.append(part)
            modes.append(mode)
    if len(parts) > MAX_BOXES:
        return Extraction(None, "too_many_boxes")
    if not parts:
        return Extraction(None, "empty_box")
    if "text" in modes:
        parts = [p if m == "text" else f"${p}$" for p, m in zip(parts, modes)]
        return _found(parts, "boxed", "text")
    return _found(parts, "boxed", "math")


_UNIT_WORDS_AFTER = re.compile(
    r"[ \t$]*+(?:(?:\\[,;! ]|~|\\text\{|\\mathrm\{|\\mbox\{)[ \t]*+)*+([A-Za-z][A-Za-z./^{}23 ]{0,40})"
)


def _strip_delimiters(s: str, side: str) -> str:
    """The math delimiters of the span a box sits in, removed from the text read with it."""
    s = s.strip()
    for d in ("$$", "$", "\\)", "\\]", "\\(", "\\["):
        if side == "right" and s.startswith(d):
            s = s[len(d) :].strip()
        if side == "left" and s.endswith(d):
            s = s[: -len(d)].strip()
    return s


def _unit_after(text: str, e: int) -> re.Match[str] | None:
    """A unit written right after a box (``\\boxed{5} cm``, ``\\boxed{12} square units``): read with it."""
    from rlvr.verifiers.lexicon import unit_name

    m = _UNIT_WORDS_AFTER.match(text, e)
    if m is None:
        return None
    words = m.group(1).replace("}", " ").split()
    for k in (3, 2, 1):
        if len(words) >= k and unit_name(" ".join(words[:k])) is not None and len(" ".join(words[:k])) > 1:
            return m
    return None


_HEDGE_WORDS = re.compile(
    r"(?i)\b(?:or|also|alternatively|possibly|maybe|perhaps|might|could|though|although|otherwise|either|unless)\b"
)


def _hedgy(s: str) -> bool:
    """``s`` offers another candidate: a hedge word ("or", "might", "also", …) and math or a number."""
    return bool(_HEDGE_WORDS.search(_mask_math(s)) and _ANSWER_TOKEN.search(s))


def _next_sentence(text: str, end: int) -> str:
    nxt = text[end : end + MAX_INLINE_ANSWER_CHARS].lstrip(" \t.!?\n")
    return nxt[: _sentence_end(nxt, 0, MAX_INLINE_ANSWER_CHARS)]


def _hedged_after(text: str, e: int) -> bool:
    """The rest of the last box's sentence, or the next sentence, offers another candidate."""
    end = _sentence_end(text, e, e + MAX_INLINE_ANSWER_CHARS)
    return _hedgy(text[e:end]) or _hedgy(_next_sentence(text, end))


def _strip_boxes(s: str) -> str:
    if "\\boxed" not in s and "\\fbox" not in s:
        return s
    return _BOX.sub("", s)


def _statement_end(text: str, i: int) -> str:
    """The rest of the statement starting at ``text[i]`` (to the end of its sentence or line)."""
    end = _sentence_end(text, i, i + MAX_INLINE_ANSWER_CHARS)
    return text[i:end]


# ---------------------------------------------------------------- answer phrases


def _last_phrase(text: str, after: int = 0) -> Extraction | None:
    """The statement after the last answer phrase (starting after ``after``) that has one."""
    matches = deque(_PHRASE.finditer(text, after), maxlen=8)
    for m in reversed(matches):
        got = _phrase_statement(text, m.end())
        if got is not None:
            return got
    return None


_PHRASE_GAP = re.compile(r"[ \t:*#=\n]{0,200}+")


def _phrase_statement(text: str, i: int) -> Extraction | None:
    n = len(text)
    m = _PHRASE_GAP.match(text, i)  # "**Answer:** 5", a heading and the answer lines below it
    j = m.end() if m else i
    if j >= n or (m and m.group(0).count("\n") > 3) or (m and len(m.group(0)) >= 200):
        return None
    end = _sentence_end(text, j, j + MAX_INLINE_ANSWER_CHARS)
    stmt = text[j:end]
    nxt = _next_sentence(text, end)
    if _HEDGE_START.match(nxt) or _hedgy(nxt):  # "The answer is 2. Or 3.", "… It could also be 3."
        stmt = stmt + " " + nxt
    if re.match(r"[A-Za-z]{2,}", _LEAD.sub("", stmt.strip())) and _ANSWER_TOKEN.search(stmt):
        got = _statement_of_sentence(stmt)  # "Final Answer: The largest $n$ is 34."
        return Extraction(got.answer, "answer_phrase", got.parts, got.mode) if got is not None else None
    return _statement(stmt, "answer_phrase")


def _statement(stmt: str, method: str) -> Extraction | None:
    """A statement after a phrase or copula: clause cuts, fillers, then a math or prose answer. A cut-off
    clause that offers another candidate (", but it might be 3") is not cut."""
    s = _cut_clause(stmt)
    if _hedgy(stmt[len(s) :]):
        s = stmt
    s = _LEAD.sub("", s.strip())
    s = _clean(_isolate_value(_clean(_unbold(s))))
    if not s or len(s) > MAX_INLINE_ANSWER_CHARS:
        return None
    return _found([s], method, _mode(s))


def _unbold(s: str) -> str:
    """Markdown emphasis markers (``**``, ``__``) removed outside math spans."""
    if "**" not in s and "__" not in s:
        return s
    masked = _mask_math(s)
    out: list[str] = []
    i = 0
    while i < len(s):
        if masked.startswith(("**", "__"), i):
            i += 2
            continue
        out.append(s[i])
        i += 1
    return "".join(out)


def _cut_clause(s: str) -> str:
    """Cut an explanation after the answer (", which …", " because …"), outside math spans."""
    masked = _mask_math(s)
    m = _CLAUSE.search(masked)
    return s[: m.start()] if m else s


def _mask_math(s: str) -> str:
    """``s`` with the inside of its math spans replaced by ``0`` (same length), so prose patterns skip them."""
    out = list(s)
    i, n = 0, len(s)
    while i < n:
        span = _span_at(s, i)
        if span is None:
            i += 1
            continue
        start, end, after = span
        for k in range(start, end):
            out[k] = "0"
        i = after
    return "".join(out)


def _span_at(s: str, i: int) -> tuple[int, int, int] | None:
    c = s[i]
    if c == "$":
        if s.startswith("$$", i):
            j = find_dollar(s, i + 2, double=True)
            return (i + 2, j, j + 2) if j >= 0 else None
        j = find_dollar(s, i + 1)
        if j < 0:
            return None
        if s[i + 1 : i + 2].isdigit() and (s[j + 1 : j + 2].isdigit() or s[j - 1].isspace()):
            return None  # money
        return (i + 1, j, j + 1)
    if c == "\\" and s.startswith(("\\(", "\\["), i):
        closer = "\\)" if s[i + 1] == "(" else "\\]"
        j = s.find(closer, i + 2)
        return (i + 2, j, j + 2) if j >= 0 else None
    if c == "\\" and s.startswith("\\begin{", i):
        k = s.find("}", i)
        if k < 0:
            return None
        env = s[i + 7 : k]
        j = s.find("\\end{" + env + "}", k)
        return (k + 1, j, j + len(env) + 6) if j >= 0 else None
    return None


def _sentence_end(text: str, i: int, limit: int) -> int:
    """Where the sentence starting at ``text[i]`` ends: a period/!/? before a space or the end, or a
    newline once something was read, outside math spans; at most ``limit``."""
    n = min(len(text), limit)
    j = i
    started = False
    failed_closers: set[str] = set()
    while j < n:
        c = text[j]
        if c in "$\\" and (c == "$" or text.startswith(("\\(", "\\[", "\\begin{"), j)):
            key = text[j : j + 2]
            span = None if key in failed_closers else _span_at(text, j)
            if span is not None:
                j = span[2]
                started = True
                continue
            if c != "$" or text[j + 1 : j + 2] == "$":
                failed_closers.add(key)
            j += 1
            continue
        if c == "\n":
            if started:
                return j
        elif c in ".!?" and (j + 1 >= len(text) or text[j + 1] in " \t\n*)\"'"):
            if not (c == "." and _abbreviation(text, j)):
                return j
        elif not c.isspace():
            started = True
        j += 1
    return n


def _abbreviation(text: str, j: int) -> bool:
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:j]
    return word in _ABBREV or (len(word) == 1 and word.isalpha() and text[k - 1 : k] == ".")


# ---------------------------------------------------------------- the final statement (fallback)


def _final_statement(text: str) -> Extraction | None:
    sent = _last_sentence(text)
    if sent is None:
        return None
    return _statement_of_sentence(sent)


def _last_sentence(text: str) -> str | None:
    """The last sentence holding math or a digit (searched in a window around the last such character)."""
    last = max(text.rfind("$"), text.rfind("\\"), max(text.rfind(d) for d in "0123456789"))
    if last < 0:
        return None
    lo = max(0, last - _WINDOW)
    window = text[lo : last + _WINDOW]
    sentences: list[tuple[int, int]] = []
    i = 0
    while i < len(window):
        end = _sentence_end(window, i, len(window))
        if end > i:
            sentences.append((i, end))
        i = max(end + 1, i + 1)
    for s, e in reversed(sentences):
        chunk = window[s:e]
        if _ANSWER_TOKEN.search(chunk):
            return chunk.strip()
    return None


def _statement_of_sentence(sent: str, trailing_run: bool = True) -> Extraction | None:
    """The answer part of a final sentence: after its copula, else its trailing run of answer tokens."""
    s = _LEAD.sub("", sent.strip())
    if not s:
        return None
    masked = _mask_math(s)
    cops = [c for c in _COPULA.finditer(masked) if c.group(0) != "=" or _prose_label(masked[: c.start()])]
    if cops:
        first, last = cops[0], cops[-1]
        choice = last
        if first is not last and re.search(r"(?i)\bor\b", masked[first.end() : last.start()]):
            choice = first  # "2 or it is 3": read the whole statement
        if choice.group(0) == "=" and any(c.group(0) == "=" for c in cops[:-1]):
            choice = next(c for c in cops if c.group(0) == "=")  # "Total = 48 + 24 = 72"
        after = s[choice.end() :]
        neg = re.search(r"(?i)\b(?:not|never|cannot|\w+n't)[ \t]*+$", masked[: choice.start()])
        if neg is not None:  # "it can't be 2", "it cannot be 2": the negation is part of the answer
            after = s[neg.start() :]
        if not _ANSWER_TOKEN.search(_mask_math(after)) and _ANSWER_TOKEN.search(masked[: choice.start()]):
            head = s[: choice.start()]  # "so 3 is right": the answer is the subject
            clause = max(head.rfind(","), head.rfind(";"))
            head = head[clause + 1 :]
            run = _trailing_run(head, _mask_math(head)) if trailing_run else head
            if run is not None:
                return _statement(run, "final_statement")
        got = _statement(after, "final_statement")
        if got is not None:
            return got
    if trailing_run:
        run = _trailing_run(s, masked)
        if run is None:
            run = _single_island(s, masked)
        if run is not None:
            return _statement(run, "final_statement")
    return _statement(s, "final_statement")


def _prose_label(before: str) -> bool:
    """The text right before ``=`` is a word label ("Total = 18"), not part of an expression (``x = 5``)."""
    tail = before.rstrip()
    m = re.search(r"[A-Za-z]{2,}$", tail)
    return m is not None and not re.search(r"[\d\\^_{}()+*/=<>]", tail[max(0, m.start() - 2) : m.start()])


_RUN_WORD = re.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*")
_ANSWER_TOKEN = re.compile(r"\d|\$|\\[(\[A-Za-z]")
#: words that change the value right after them: kept in front of a trailing answer ("not 2", "at least 2")
_MODIFIERS = frozenset(
    """not no never least most than over under above below beyond nearly almost around about approximately
    roughly maybe perhaps possibly probably except without neither nor minus plus times more less fewer
    greater smaller larger up either or and""".split()
)


def _modifier(word: str) -> bool:
    """A word that changes the value right after it ("not", "at least", a negated verb: "isn't")."""
    w = word.lower()
    return w in _MODIFIERS or w.endswith("n't") or w in ("cannot", "nor")


def _trailing_run(s: str, masked: str) -> str | None:
    """The end of a sentence that is its answer: from its first math/number after the last ordinary word
    (a modifier right before it, "not 2", is kept), through unit, noun and connector words; ``None`` if none."""
    from rlvr.verifiers.lexer import MATH_WORDS
    from rlvr.verifiers.lexicon import AND_WORDS, MULTIPLIERS, NEUTRAL_TRAILING, OR_WORDS, UNIT_ALIASES, count_noun

    allowed = set(OR_WORDS) | set(AND_WORDS) | set(MULTIPLIERS) | {w for ph in NEUTRAL_TRAILING for w in ph.split()}
    allowed |= set(MATH_WORDS)
    words = list(_RUN_WORD.finditer(masked))
    start = 0
    for m in reversed(words):
        w = m.group(0)
        ok = (
            len(w) == 1
            or w.lower() in allowed
            or w in UNIT_ALIASES
            or w.lower() in UNIT_ALIASES
            or count_noun(w) is not None
            or (m.start() > 0 and masked[m.start() - 1] == "\\")
        )
        if not ok:
            start = m.end()
            break
    if _ANSWER_TOKEN.search(masked, start) is None:
        return None
    begin = start
    for m in words:  # a unit or noun word cannot open the answer ("costs $5": the answer is $5)
        if m.start() < begin:
            continue
        if masked[begin : m.start()].strip(" \t,:") or len(m.group(0)) < 2 or _modifier(m.group(0)):
            break
        begin = m.end()
    while begin < len(masked) and masked[begin] in " \t,:":
        begin += 1
    before = [m for m in words if m.end() <= begin]
    if before and _modifier(before[-1].group(0)) and not masked[before[-1].end() : begin].strip(" \t"):
        begin = before[-1].start()
    return s[begin:]


#: words after which a value's phrase is over: a preposition, a relative pronoun, "ago" ("3 hours ago")
_BOUNDARY = frozenset(
    """that which who whom whose where when while because since as so for of in on at by to from with within
    without into onto after before during per each every ago later earlier old long wide tall high deep away left
    remaining than if is are was were be will would can could must should does do did has have had its their
    his her our your my this these those""".split()
)


def _value_phrase_end(masked: str, hi: int, words: list[re.Match[str]]) -> int | None:
    """Where the phrase of a value ending at ``hi`` ends: through a unit ("3 hours"), a count-noun phrase
    ("12 distinct arithmetic sequences") and a modifier ("2 more", which keeps the answer different), up to a
    boundary word ("that", "by", "ago") or the end. ``None`` when another word follows ("2 extra"): the value
    cannot be cut out of its statement."""
    from rlvr.verifiers.lexicon import MULTIPLIERS, UNIT_ALIASES, adjective_ok, count_noun

    after = [m for m in words if m.start() >= hi]
    k = 0
    while k < len(after) and not masked[hi : after[k].start()].strip(" \t,"):
        w = after[k].group(0)
        low = w.lower()
        if low in ("or", "and", "either", "nor"):
            return None  # more values follow: the statement is read whole
        if _modifier(w) or low in MULTIPLIERS:
            return after[k].end()  # stays with the value, which then differs from a plain one
        if low in _BOUNDARY:
            return hi
        if w in UNIT_ALIASES or low in UNIT_ALIASES or count_noun(w) is not None:
            hi = after[k].end()
            k += 1
            continue
        # a count-noun phrase: up to three adjectives and a plural noun
        j = k
        while j < len(after) and j - k < 4:
            wj = after[j].group(0)
            if not adjective_ok(wj) or _modifier(wj) or wj.lower() in _BOUNDARY:
                return None
            if masked[(after[j - 1].end() if j > k else hi) : after[j].start()].strip(" \t"):
                return None
            if count_noun(wj) is not None:
                break
            j += 1
        else:
            return None
        if j >= len(after):
            return None
        hi = after[j].end()
        k = j + 1
    if k < len(after) and masked[hi : after[k].start()].strip(" \t,"):
        return hi  # punctuation or math after the phrase ends it
    return hi


def _ordinary_words(masked: str) -> list[re.Match[str]]:
    from rlvr.verifiers.lexer import MATH_WORDS

    return [
        m
        for m in _RUN_WORD.finditer(masked)
        if len(m.group(0)) > 1
        and m.group(0).lower() not in MATH_WORDS
        and not (m.start() > 0 and masked[m.start() - 1] == "\\")
    ]


def _single_island(s: str, masked: str) -> str | None:
    """The only answer in a sentence that has exactly one ("drops to -3.5 degrees by midnight"): its run of
    answer tokens with the value's phrase (units, a count noun, a modifier that touches it); ``None`` unless
    there is exactly one and its phrase ends cleanly."""
    ordinary = _ordinary_words(masked)
    islands: list[tuple[int, int]] = []
    pos = 0
    for m in [*ordinary, None]:
        end = m.start() if m is not None else len(masked)
        if _ANSWER_TOKEN.search(masked[pos:end]):
            islands.append((pos, end))
        pos = m.end() if m is not None else end
    if len(islands) != 1:
        return None
    lo, hi = islands[0]
    hi_end = _value_phrase_end(masked, len(masked[:hi].rstrip()), ordinary)
    if hi_end is None:
        return None
    before = [m for m in ordinary if m.end() <= lo and not masked[m.end() : lo].strip(" \t")]
    if before and _modifier(before[-1].group(0)):
        lo = before[-1].start()
    return s[lo:hi_end].strip()


def _isolate_value(s: str) -> str:
    """A statement that starts with its value and goes on in prose ("12 distinct sequences that meet the
    conditions"): the value with its phrase; the statement unchanged when the value cannot be cut out."""
    masked = _mask_math(s)
    ordinary = _ordinary_words(masked)
    if not ordinary or not _ANSWER_TOKEN.match(masked.lstrip(" \t-+($~")[:1] or " "):
        return s
    first = ordinary[0]
    head = masked[: first.start()].rstrip()
    if not _ANSWER_TOKEN.search(head):
        return s
    end = _value_phrase_end(masked, len(head), ordinary)
    if end is None or end >= len(masked.rstrip(" \t.")) or _ANSWER_TOKEN.search(masked, end):
        return s  # another value or more math later: the statement is read whole
    if re.search(r"[\\{}$]", s[first.start() :]):
        return s  # LaTeX after the value: not prose to cut
    return s[:end].strip()


# ---------------------------------------------------------------- choices, cleaning


def _last_choice(text: str) -> str | None:
    m = _last(_CHOICE.finditer(text, max(0, len(text) - _WINDOW)))
    if m is None:
        return None
    return next(g for g in m.groups() if g)


def _mode(s: str) -> str:
    """``math`` for LaTeX (a box's content, a lone math span); ``text`` for prose, which may hold math spans."""
    if "$" in s or "\\(" in s or "\\[" in s:
        return "text"
    outside = re.sub(r"\\[A-Za-z]+", " ", s)
    if re.search(r"[A-Za-z]", outside) or re.search(r"[~%]|[<>!]=|=[<>]", s.replace("\\%", "")):
        return "text"
    return "math"


def _clean(s: str) -> str:
    """Strip surrounding math delimiters, bold markers, ``\\displaystyle`` and trailing punctuation."""
    s = s.strip()
    for _ in range(4):
        before = s
        for a, b in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"), ("**", "**"), ("`", "`")):
            if s.startswith(a) and s.endswith(b) and len(s) >= len(a) + len(b):
                inner = s[len(a) : len(s) - len(b)]
                if a == "$" and "$" in inner:
                    continue
                s = inner.strip()
        if s.startswith("**") and "**" not in s[2:]:
            s = s[2:].strip()
        if s.endswith("**") and "**" not in s[:-2]:
            s = s[:-2].strip()
        s = s.replace("\\displaystyle", "").strip()
        while s and (s[-1] in ",;:" or (s[-1] == "." and not s.endswith(".."))):
            s = s[:-1].rstrip()
        if s.endswith("$.") or s.endswith("$,"):
            s = s[:-1]
        if s == before:
            break
    choice = _BARE_CHOICE.match(s)
    if choice:
        return choice.group(1)
    return s
