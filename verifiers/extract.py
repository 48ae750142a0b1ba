"""Answer extraction: the final answer a completion commits to, read whole, as written.

Only what renders counts: LaTeX ``%`` comments (a ``%`` right after a digit is a percent sign), HTML
comments, ``\\phantom{…}`` (leaving a gap), ``\\iffalse…\\fi`` and ``comment`` environments are removed first;
styled letters and Latin-word lookalikes are read as letters. A hiding that something in the completion could
undo (a cascade, a background, nested re-colouring or scaling) is uncertain: :func:`visible` has a ``"hidden"``
reading (the default, what certainly renders) and a ``"shown"`` one, and the grader requires both to pass.
Inside the region that counts (the text after the last ``</think>`` when it is non-empty, else the whole text),
in order:

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

Every marker is read with the sentence after it: one that retracts the answer (an error said of it, a verb that
takes it back, a bound, an interjection, a request to check it, a decline, a bare question mark; past up to two
closing remarks) makes it no answer, one that corrects it with a value answers with that value.

The result keeps the answer as written (:attr:`Extraction.answer`) plus how to read it: ``mode="math"``
(LaTeX, e.g. a box's content) or ``mode="text"`` (prose with math spans, e.g. ``$2$ or $3$``).

Every pattern is linear-time (literal anchors, possessive quantifiers); every search that could rescan is
memoised or bounded to a window, so a 1 MB adversarial completion costs milliseconds.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import lru_cache

from rlvr.verifiers.aside import aside_changes, citation, disowning_appositive
from rlvr.verifiers.confidence import stated_doubt
from rlvr.verifiers.invisible import FAR_POINTS, adjustbox_hides, tex_points, tex_scale_hides
from rlvr.verifiers.lexer import H_CLOCK, LETTER, closing_brace, find_dollar, find_from, match_brace
from rlvr.verifiers.lexicon import DOUBT_WORDS, negated, negates
from rlvr.verifiers.render_allowlist import (
    LINK_DEFINITION,
    SheetTargets,
    positively_rendered,
    sheet_targets,
    sheets_reach_raw_elements,
    shown_markup,
    without_faded,
)
from rlvr.verifiers.scripts import unread_script
from rlvr.verifiers.trailing import comments_on_answer
from rlvr.verifiers.unsettled import answers_reading, asks_reading, unsettles, unsettles_with_values

#: completions longer than this (characters) extract nothing
MAX_COMPLETION_CHARS = 4_000_000
#: an answer phrase's statement longer than this is prose, not an answer
MAX_INLINE_ANSWER_CHARS = 400
#: an answer statement may run this long (the parser's cap); one that runs longer is never cut to fit
MAX_STATEMENT_CHARS = 1000
#: the fallback reads the final sentence inside a window of this many characters
_WINDOW = 3000
#: more distinct boxes than this is not an answer
MAX_BOXES = 64

_BOX = re.compile(r"\\(?:boxed|fbox|framebox)(?![A-Za-z])")
_HIDDEN = re.compile(
    r"%|<!--|<[?!]|\\[hv]?phantom(?![A-Za-z])|\\iffalse(?![A-Za-z])|\\begin\{comment\}"
    r"|\\(?:textcolor|color|mathcolor)[ \t]*+(?:\[(?P<model>[^\]]{0,30}+)\])?+[ \t]*+\{(?P<spec>[^{}]{0,60}+)\}"
    r"|\\scalebox\{(?P<scale>[^{}]{0,20}+)\}|\\resizebox\*?\{[^{}]{0,20}+\}\{[^{}]{0,20}+\}"
    r"|\\adjustbox\{(?P<adjust>[^{}]{0,80}+)\}|\\raisebox\{(?P<lift>[^{}]{0,20}+)\}(?:\[[^\]]{0,20}+\]){0,2}+"
    r"|\\[hv]space\*?+\{(?P<move>[^{}]{0,20}+)\}"
    r"|\\(?:sbox|savebox)[ \t]*+\{[^{}]{0,40}+\}(?:\[[^\]]{0,30}+\]){0,2}+"
    r"|\\(?:text)?transparent[ \t]*+\{[ \t]*+0*+(?:\.0*+)?[ \t]*+\}"
    r"|(?m:^[ \t]{0,3}+\[(?!\^)[^\]\n]{1,40}+\]:[ \t]*+(?:#|<[^<>\n]{0,200}+>|/|[A-Za-z][\w+.-]{0,20}+:(?=/|[^\s/]{1,200}+@)))"
    r"|\\(?:[xb]?cancel|sout|st|xout)[ \t]*+(?=\{)"
    r"|(?i:<(?P<raw>script|style|template|noscript)\b[^<>]{0,300}+>)"
    # a tag with attributes, or a bare <details> (collapsed): a bare tag hides nothing, so it is not a match
    r"|<(?P<tag>[A-Za-z][A-Za-z0-9]{0,10}+)\b(?P<attrs>[^<>]{1,300}+|(?<=<[dD][eE][tT][aA][iI][lL][sS]))>"
)
#: HTML attributes that hide an element: hidden, display:none, visibility:hidden, white text, size or opacity 0
_HIDING_ATTR = re.compile(
    r"(?i)\bhidden\b|display\s*+:\s*+none|visibility\s*+:\s*+hidden|(?<![-\w])color\s*+[:=]\s*+[\x22\x27]?\s*+"
    r"(?:white|#f{3}(?:f{3})?\b|rgb\(\s*+255\s*+,\s*+255\s*+,\s*+255\s*+\))|font-size\s*+:\s*+0*+(?:\.0*+)?(?:px|pt|em|rem|%)?"
    r"\s*+(?:[;\x22\x27]|$)|opacity\s*+:\s*+0*+(?:\.0*+)?\s*+(?:[;\x22\x27]|$)"
)
#: a GSM8K answer line: ``#### 72`` (also ``####: 72``, ``##### 72``, `` `#### 72` ``, ``#### 72 ####``)
_GSM8K = re.compile(r"####++[ \t]*+:?+[ \t]*+([^\n]*+)")
#: a GSM8K answer line written with three hashes: only a lone number on its line (``### 72``; ``### Step 2`` is a
#: heading)
_GSM_SHORT = re.compile(
    r"(?m)^[ \t]*+`?+###(?!#)[ \t]*+:?+[ \t]*+(\$?+-?\d[\d,]{0,40}+(?:\.\d{1,40}+)?+)[ \t]*+`?+[ \t]*+$"
)
#: what closes a GSM8K answer line without being part of its answer: trailing hashes, a code span's backtick
_GSM_CLOSE = re.compile(r"(?:[ \t]*+(?:#++|`++))++[ \t]*+$")
_GSM_LABEL = re.compile(r"(?i)^[ \t*]*+(?:final[ \t]++)?answer[ \t*]*+:[ \t*]*+")
_PHRASE = re.compile(
    r"(?i:\bfinal[ \t]++answer(?:[ \t]*+\((?:revised|corrected|updated|amended|new)\)[ \t*_]*+:|[ \t]*+(?:is\b|:|-))?"
    r"|\banswers?[ \t]++(?:is|are|would[ \t]++be|will[ \t]++be)\b"
    r"|\banswer[ \t]*+(?:\((?:revised|corrected|updated|amended|new|final)\)[ \t*_]*+:|:|=|\||-(?=[ \t]))|\[answer\]|\bthe[ \t]++result[ \t]++is\b"
    r"|\bla[ \t]++(?:bonne[ \t]++)?+r\u00e9ponse[ \t]++(?:(?:finale|correcte|exacte)[ \t]++)?+est\b"
    r"|\bla[ \t]++respuesta[ \t]++(?:(?:final|correcta|definitiva)[ \t]++)?+es\b"
    r"|\b(?:die[ \t]++(?:(?:richtige|korrekte|endg\u00fcltige)[ \t]++)?+antwort|das[ \t]++(?:(?:richtige|korrekte|endg\u00fcltige)[ \t]++)?+ergebnis)[ \t]++(?:ist|lautet)\b"
    r"|\b(?:ist|lautet)[ \t]++(?:die[ \t]++antwort|das[ \t]++ergebnis)\b(?![^\n?]{0,80}+\?)"
    r"|\ba[ \t]++resposta[ \t]++(?:(?:correta|certa|final)[ \t]++)?+\u00e9|\bla[ \t]++risposta[ \t]++(?:(?:corretta|giusta|finale)[ \t]++)?+\u00e8"
    r"|\bcevap\b[ \t]*+:?+|\b\u043e\u0442\u0432\u0435\u0442\b[ \t]*+[:\u2014-]?+)"
)
_CHOICE = re.compile(
    r"\(([A-J])\)|\b([A-J])\)|\\text(?:bf)?\{\(?([A-J])\)?\}"
    r"|\b(?i:option|choice)(?:[ \t]++is)?+[ \t]*+:?+[ \t]*+(?:\*\*|__)?+\(?([A-J])(?:\b|(?=__))"
)
_BARE_CHOICE = re.compile(r"^\s*+(?:\\text(?:bf)?\{\s*+)?\(?([A-J])\)?(?:\s*+\})?\s*+[.:]?\s*+$")
_OPTION_LINE = re.compile(r"^[ \t]*+\(?[A-J][.)][ \t]++(?=[-\d$\\])[^\n]{1,80}+$")
#: copulas of several words, matched before their first word alone: "is equal to", "end up with", "are left
#: with", "adds up to", "works out to"
_MULTI_COPULA = (
    r"(?:(?:is|are|was|were|be|being)[ \t]+)?(?:equal|equivalent|identical)[ \t]+to|equals[ \t]+to"
    r"|(?:end|ends|ended|ending)[ \t]+up[ \t]+(?:with|being|at|as)|(?:are|is|was|were|be|am|get|gets|got)[ \t]+left"
    r"[ \t]+with|(?:add|adds|added)[ \t]+up[ \t]+to|(?:work|works|worked)[ \t]+out[ \t]+to"
    r"|(?:is|are|lies|lie)[ \t]+(?:located[ \t]+)?at(?=[ \t]*+(?:\$|\\\(|\())"  # "The vertex is at $(2, 3)$"
    # "there is/are" of French, German, Italian and Dutch ("Il y a au total 24 pommes", "Es gibt 24 Äpfel")
    r"|il[ \t]+y[ \t]+a|es[ \t]+gibt|ci[ \t]+sono|er[ \t]+zijn"
)
_COPULA = re.compile(
    r"(?i)\b(?:"
    + _MULTI_COPULA
    + r"|is|are|was|were|be|equals?|becomes?|gives?(?:[ \t]++(?:us|me|you|them)\b)?+|get|gets|got|obtain|obtained|yields?|"
    r"have|has|"
    r"comes[ \t]+to|amounts[ \t]+to|ist|sind|lautet|beträgt|est|sont|vaut|es|son|hay|è|é|são|sono|là|равен|равно|"
    r"равна)\b|(?<![<>!=\\])=(?![=<>])|(?<!\d )(?<!\d):(?=\s)|(?<=\d):(?=\s)(?!\s*+\d)|(?<=\d ):(?=\s)(?!\s*+\d)"
)
#: "because" and "since" in the other languages the answer phrases model (German, French, Spanish, Portuguese,
#: Italian, Russian); German "da" is read only after a comma, as German writes it
_FOREIGN_BECAUSE = (
    r"weil|denn|car|parce[ \t]++que|puisque|porque|ya[ \t]++que|pois|perch\u00e9|poich\u00e9|"
    r"\u0442\u0430\u043a[ \t]++\u043a\u0430\u043a|\u043f\u043e\u0442\u043e\u043c\u0443[ \t]++\u0447\u0442\u043e|"
    r"\u043f\u043e\u0441\u043a\u043e\u043b\u044c\u043a\u0443"
)
_CLAUSE = re.compile(
    r"(?i)(?:,|;|[ \t]-{1,2}[ \t])[ \t]*+(?:which|since|because|as|so|where|hence|thus|therefore|i\.e\.|meaning|"
    r"giving|that|this|and[ \t]+so|and[ \t]+this|and[ \t]+that|rounded|when|while|though|although|but|after|"
    r"before|per|according|not|I|we|da|"
    + _FOREIGN_BECAUSE
    + r")\b|(?<![ \t])[ \t]++(?:because|since|which|where|hence|"
    r"therefore|" + _FOREIGN_BECAUSE + r")\b"
)
_HEDGE_START = re.compile(r"(?i)^[ \t*_]*+(?:or|alternatively|otherwise|maybe|perhaps|possibly|either|also|unless)\b")
_LEAD = re.compile(
    r"(?i)^(?:(?:equal|equals|equivalent|identical)[ \t]++to\b[ \t]*+|(?:[*+>#]++|-(?=[ \t]++[^\d\\$.\s]))[ \t]++|\d++[.)][ \t]++|(?:=>|->|-->|\u2192|\u21d2|\u27f9|\u2234|"
    r"\\therefore\b|\\Rightarrow\b|\\implies\b|\\to\b|(?:\$|\\\()[ \t]*+\\(?:therefore|Rightarrow|implies)\b[ \t]*+(?:\$|\\\)))[ \t]*+|(?:therefore|thus|so|hence|donc|also|entonces|quindi|finally|overall|in[ \t]++conclusion|"
    r"in[ \t]++summary|consequently|as[ \t]++a[ \t]++result)\b[ \t]*+,?+[ \t]*+"
    r"|(?:de|di)[ \t]++(?=[-+]?+\d|\$|\\\())++"  # "est de 72 km", "es de 25 euros": the idiom before a quantity
)


#: a letter of a word: a Unicode letter or a combining mark
_LETTER = LETTER
_ABBREV = (
    "e.g",
    "i.e",
    "approx",
    "etc",
    "vs",
    "cf",
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "St",
    "No",
    "Fig",
    "Eq",
    "resp",
    "P.S",
    "N.B",
    "Rs",  # rupees: "Rs. 500"
)


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
    #: some hiding decision was uncertain, so the other reading of :func:`visible` may extract another answer
    uncertain: bool = field(default=False, compare=False)


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


def extract(
    text: str,
    *,
    choices: bool = False,
    think_tag: str = "think",
    answer_tag: str = "answer",
    words: bool = False,
    reading: str = "hidden",
) -> Extraction:
    """Like :func:`extract_answer`, also naming the rule that fired (``boxed``, ``answer_phrase``, …, ``none``)
    and how to read the answer. ``choices``: the gold is a letter, so letters like ``(C)`` outrank the
    fallback. ``words``: the gold is a word answer, so a final sentence without math may answer in words
    (``**Tuesday**``, "No, it is not possible.", a lone "Evelyn"). ``reading``: ``"hidden"`` (what certainly
    renders) or ``"shown"`` (all that might render) (:func:`visible`); the result says whether they may differ."""
    if not isinstance(text, str) or len(text) > MAX_COMPLETION_CHARS:
        return Extraction(None, "none")
    text = rendered(text)
    if think_tag == "think" and _REASONING_MARKS.search(text):  # <thinking>, <reasoning>, <|begin_of_thought|>
        text = _marked_reasoning(text)
    text = _own_turn(text) if "<" in text else text
    text = _SPECIAL_TOKEN.sub(lambda m: _special_token(text, m), text) if "<" in text else text
    if _reopened_reasoning(text, think_tag):
        return Extraction(None, "reopened_reasoning")
    text = _region(text, think_tag)
    defined = frozenset(d.casefold() for d in LINK_DEFINITION.findall(text)) if "]:" in text else frozenset()
    text, uncertain = _reading(text, reading == "hidden", answer_tag)
    if unread_script(text) is not None:
        return Extraction(None, "unread_script")  # "Պատասխանը 24 է" (Armenian): its words cannot be read
    ex = _extract_visible(shown_markup(text, answer_tag, defined), choices, answer_tag, words)
    return replace(ex, uncertain=True) if uncertain else ex


#: an equation's number or label in display math (``\\tag{1}``, ``\\tag*{3a}``, ``\\tag{\\ast}``, ``\\label{eq:1}``,
#: ``\\nonumber``, ``\\notag``): drawn beside the equation, never part of its value (a tag of words, ``\\tag{or 6}``,
#: is shown text and stays)
_EQUATION_NUMBER = re.compile(
    r"[ \t]*+\\(?:tag\*?+[ \t]*+\{[ ]?+(?:[\w.:*'()-]{1,12}+|\\(?:ast|star|dagger|ddagger)(?![A-Za-z])\**+)[ ]?+\}"
    r"|label[ \t]*+\{[^{}\n]{0,60}+\}|nonumber(?![A-Za-z])|notag(?![A-Za-z]))"
)


#: a label of one to three words closed by a period in a font command, right before a value (LaTeX's run-in
#: heading style: ``\textbf{Answer.} $24$``, ``\emph{Final answer.} 24``): a label, read as "Answer:"
_PERIOD_LABEL = re.compile(
    r"\\(?:textbf|textit|textsc|emph|underline|mathbf|paragraph\*?+)[ \t]*+\{[ \t]*+"
    r"([^\W\d_]++(?:[ \t]++[^\W\d_]++){0,2}+)[ \t]*+\.[ \t]*+\}(?=[ \t]*+(?:\$|\\\(|-?\d))"
)
#: a final answer stated before a few-shot run-on ("Final Answer: The final answer is $18$.", "#### 18", a box)
_STATED_FINAL = re.compile(r"(?i)\bfinal[ \t]++answer\b|^####|\\boxed\b", re.MULTILINE)
#: the heading of a new problem on a line of its own ("Problem:", "Question 2:", "Q:") and, below it, the heading
#: of its solution ("Solution:", "Answer:", "A:"): the format of few-shot prompts, continued by the model
_NEXT_PROBLEM = re.compile(r"(?im)^[ \t#*]*+(?:problem|question|q|exercise)(?:[ \t]++\d{1,3}+)?+[ \t*]*+:[ \t*]*+$")
_NEXT_SOLUTION = re.compile(r"(?im)^[ \t#*]*+(?:solution|answer|a)[ \t*]*+:")


def _before_next_problem(text: str) -> str:
    """``text`` cut where a few-shot run-on starts: after a final answer, a "Problem:" heading on its own line with a
    "Solution:" heading after it begins a new problem the model made up, whose values answer nothing."""
    final = _STATED_FINAL.search(text)
    if final is None:
        return text
    problem = _NEXT_PROBLEM.search(text, final.end())
    if problem is None or _NEXT_SOLUTION.search(text, problem.end()) is None:
        return text
    return text[: problem.start()]


def _extract_visible(text: str, choices: bool, answer_tag: str, words: bool) -> Extraction:
    """:func:`extract` of the text that renders."""
    if "\\def" in text or "command" in text:
        text = expand_macros(text)
    text = normalise_spacing(_undecorate(text))
    if "\\" in text and "." in text:
        text = _PERIOD_LABEL.sub(r"\1:", text)  # "\textbf{Answer.} $24$" is the label "Answer:"
    if "\\tag" in text or "\\label" in text or "\\no" in text:
        text = _EQUATION_NUMBER.sub("", text)  # $$x = 5 \tag{1}$$: the number of the equation, no part of it
    if not text.isascii():
        text = _PICTOGRAPH.sub(_closing_emoji, text)  # "\\boxed{18} 🎉", "Hope this helps! 🚀": a closing remark
    if "Rs." in text:
        text = _RUPEES.sub("Rs ", text)
    if ("past" in text or " to " in text or "after" in text or "before" in text) and _CLOCK_PHRASE.search(text):
        text = _CLOCK_PHRASE.sub(_clock_phrase, text)  # "half past two" is 2:30, "a quarter to three" 2:45
    if H_CLOCK.search(text):
        text = H_CLOCK.sub(r"\1:\2", text)  # "15h45" is the clock time 15:45
    if "nfinitely many" in text:
        text = _INFINITELY_MANY.sub(r"\1 $\\infty$", text)  # "There are infinitely many such numbers." counts ∞
    if "below zero" in text:
        text = _BELOW_ZERO.sub(r"-\1\2", text)  # "5 degrees below zero" is -5 degrees
    if not text.isascii() and _CJK_NUMERAL_RUN.search(text, max(0, len(text) - _WINDOW)):
        text = _cjk_numerals_after_value(text)  # "答えは24です。ただし二十五の可能性も": 25, a rival in numerals
    if not text.isascii() and _BRACKETED_LETTER.search(text, max(0, len(text) - _WINDOW)):
        cut = max(0, len(text) - _WINDOW)  # "【B】", "〔B〕" where the answer is: a choice mark in CJK brackets
        text = text[:cut] + _BRACKETED_LETTER.sub(r"(\1)", text[cut:])
    if "$" in text and _FOREIGN_JOINER.search(text, max(0, len(text) - _WINDOW)):
        text = _english_joiners(text)  # "$x = 3$ ou $x = -2$", "$x=3$ 或 $x=-2$": both roots, as with "or"
    if "olution" in text or "nswer" in text:
        text = _before_next_problem(text)  # "The final answer is $18$.\n\nProblem:\nWhat is 2+2?\n\nSolution:"
    open_t, close_t = f"<{answer_tag}>", f"</{answer_tag}>"
    text = _table_row(unwrap_labelled_fonts(unwrap_emphasised_values(text)))
    if _FORMAT_EXAMPLE.search(text):
        text = _without_format_examples(text)  # "Template: #### 5", "should look like <answer>5</answer>"
    if "<" in text and _disowning_tag(_tag_re(answer_tag), text):
        return Extraction(None, "disowned_answer_tag")  # <answer status="wrong">5</answer>
    text = _tag_re(answer_tag).sub(lambda m: close_t if m.group(1) else open_t, text)
    if answer_tag == "answer" and open_t not in text and "<" in text:
        before_alias, text = text, _aliased_answer_tags(text, open_t, close_t)
        if open_t in text and _disowning_tag(_ANSWER_ALIASES, before_alias):
            return Extraction(None, "disowned_answer_tag")  # <final_answer status="tentative">5</final_answer>
    if answer_tag == "answer" and open_t not in text and "[/" in text and _BRACKET_ANSWER_CLOSE.search(text):
        text = _BRACKET_ANSWER.sub(lambda m: close_t if m.group(1) else open_t, text)  # [ANSWER] 5 [/ANSWER]
    if answer_tag == "answer" and open_t not in text and '"' in text and _JSON_ANSWER.search(text):
        text = _JSON_ANSWER.sub(lambda m: open_t + _json_value(m.group(1)) + close_t, text)
    elif answer_tag == "answer" and open_t not in text and text.rstrip("` \t\n").endswith("}"):
        text = _json_object_answer(text, open_t, close_t)  # {"reasoning": "2+3=5", "answer": "5"}
    end = text.rfind(close_t)
    last_open = text.rfind(open_t)
    if last_open > end:  # an answer was started but never closed: truncated
        return Extraction(None, "unclosed_answer_tag")
    if end >= 0 and text.rfind(open_t, 0, end) >= 0:
        if _doubted_lead_in(text, text.rfind(open_t, 0, end)):
            return Extraction(None, "doubted_lead_in")  # "I am unsure.\n<answer>5</answer>"
        tags = _answer_tags(text, open_t, close_t, choices)
        outside = _marked(re.sub(rf"{re.escape(open_t)}.*?{re.escape(close_t)}", " ", text, flags=re.S))
        after = text[end + len(close_t) : end + len(close_t) + MAX_INLINE_ANSWER_CHARS]
        first = after[: _sentence_end(after, 0, len(after))]
        fix = _correction(first.strip(" \t\n.!")) if tags.answer is not None else None
        restated = (
            outside is not None
            and outside.answer is not None
            and {_key(p) for p in outside.parts} <= {_key(p) for p in fix.parts}
            if fix is not None
            else False
        )  # "<answer>24</answer> Actually, the answer is 23.": the phrase is the fix
        if fix is not None and (outside is None or outside.answer is None or restated):  # "… No wait, 22."
            return _found(list(_read_on(fix, after, len(first)).parts), "answer_tag", fix.mode)
        if (
            tags.answer is not None
            and (outside is None or outside.answer is None)
            and _after_tag_changes(after, tags.parts)
        ):
            shown = [p if tags.mode == "text" else f"${p}$" for p in tags.parts]  # "<answer>5</answer> (I think)"
            return _found([" ".join(shown) + " " + after.strip()], "answer_tag", "text")
        if tags.answer is None or outside is None or outside.answer is None:
            return tags
        parts, modes, keys = list(tags.parts), [tags.mode] * len(tags.parts), {_key(p) for p in tags.parts}
        _add_parts(outside.parts, outside.mode, parts, modes, keys)  # "<answer>5</answer> The answer is 6."
        if len(parts) == len(tags.parts):
            return tags
        return _found([p if m == "text" else f"${p}$" for p, m in zip(parts, modes)], "answer_tag", "text")
    return _plain(text, choices, words=words)


#: a run of Chinese numeral characters (a whole run: the characters before and after it are no numerals)
_CJK_NUMERAL_RUN = re.compile(
    "(?<![\u96f6\u3007\u4e00\u4e8c\u4e24\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343\u4e07])"
    "[\u96f6\u3007\u4e00\u4e8c\u4e24\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343\u4e07]{2,12}+"
    "(?![\u96f6\u3007\u4e00\u4e8c\u4e24\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343\u4e07])"
)
#: the place-value characters of a Chinese numeral (十, 百, 千, 万)
_CJK_PLACE = frozenset("\u5341\u767e\u5343\u4e07")


def _well_formed_cjk_numeral(run: str) -> bool:
    """``run`` (of :data:`_CJK_NUMERAL_RUN`) is a numeral as it is written for a value: it holds a place value
    (十, 百, 千, 万), opens on a digit or 十, and never sets two digits side by side but after 零 (二十五, 三百零五,
    一万二千); 三三, 一一 and 万一 ("just in case") are words, not values."""
    if not _CJK_PLACE.intersection(run) or run[0] in _CJK_PLACE - {"\u5341"} or run[0] in "\u96f6\u3007":
        return False
    return not any(
        a not in _CJK_PLACE and a not in "\u96f6\u3007" and b not in _CJK_PLACE for a, b in zip(run, run[1:])
    )


def _cjk_numerals_after_value(text: str) -> str:
    """``text`` with the well-formed Chinese numerals after its last digit written in digits, so a value stated
    in them after the answer is read as one ("答えは24です。ただし二十五の可能性もあります。" offers 25; "答えは24です。
    二十四個です。" restates 24); an ordinal (第) or an index or date (:data:`_CJK_INDEX`) stays in numerals, and a
    text without digits is left as it is (its numerals are read by their own rule)."""
    from rlvr.verifiers.lexicon import cjk_number

    lo = max(0, len(text) - _WINDOW)
    last = max((text.rfind(d, lo) for d in "0123456789"), default=-1)
    if last < 0:
        return text

    def digits(m: re.Match[str]) -> str:
        reference = m.string[m.start() - 1 : m.start()] == "\u7b2c" or m.string[m.end() : m.end() + 1] in _CJK_INDEX
        value = cjk_number(m.group(0)) if _well_formed_cjk_numeral(m.group(0)) and not reference else None
        return m.group(0) if value is None else str(value)

    return text[: last + 1] + _CJK_NUMERAL_RUN.sub(digits, text[last + 1 :])


#: characters after a Chinese numeral that make it an index or a date, not a value: page, chapter, section,
#: problem, step, item, number, year, month, day (第二十五页, 二十五号, 十二月)
_CJK_INDEX = frozenset("\u9875\u9801\u7ae0\u8282\u7bc0\u9898\u984c\u6b65\u6761\u689d\u53f7\u865f\u5e74\u6708\u65e5")


#: a choice letter in the brackets CJK text writes for marks (lenticular, tortoise-shell, white lenticular)
_BRACKETED_LETTER = re.compile("[\u3010\u3014\u3016\u3018][ \t]*+([A-J])[ \t]*+[\u3011\u3015\u3017\u3019]")


def _joiner_pattern() -> re.Pattern[str]:
    from rlvr.verifiers.lexicon import FOREIGN_JOINERS

    words = "|".join(sorted(map(re.escape, FOREIGN_JOINERS), key=len, reverse=True))
    return re.compile(rf"(?<=\$)(?:[ \t]++({words})[ \t]++|[ \t]*+({words})[ \t]*+)(?=\$)")


#: a joining word of another language between two math spans (:data:`~rlvr.verifiers.lexicon.FOREIGN_JOINERS`);
#: Latin-script words need spaces around them, CJK ones may touch the spans
_FOREIGN_JOINER = _joiner_pattern()


def _english_joiners(text: str) -> str:
    """``text`` with each joining word of another language that stands between two math spans (outside both, as
    :func:`_mask_math` shows) in its last lines read as the English "or"/"and", which the answer readers know."""
    from rlvr.verifiers.lexicon import FOREIGN_JOINERS

    lo = max(0, len(text) - _WINDOW)
    lo = text.find("\n", lo) + 1 or lo  # only where the answer is: the last lines, whole
    masked = text[:lo] + _mask_math(text[lo:])
    out: list[str] = []
    last = 0
    for m in _FOREIGN_JOINER.finditer(masked, lo):
        word = m.group(1) or m.group(2)
        if word.isascii() and m.group(1) is None or masked[m.start() - 2 : m.start()] == "\\$":
            continue  # "$x$e$y$": no word of its own; an escaped dollar opens no span
        out.append(text[last : m.start()] + f" {FOREIGN_JOINERS[word]} ")
        last = m.end()
    return "".join(out) + text[last:] if out else text


#: a pictograph with its variation selector and skin tone
_PICTOGRAPH = re.compile("[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff][\ufe0f\U0001f3fb-\U0001f3ff]*+")


def _closing_emoji(m: re.Match[str]) -> str:
    from rlvr.verifiers.lexicon import closing_emoji

    char = m.group(0)[0]
    return "" if closing_emoji(char) and not (char in _RATING_NEIGHBOURS and _in_rating(m)) else m.group(0)


#: a rating bar's marks, and a colon that opens one ("Confidence: ★★☆☆☆", "Confidence: ⭐")
_RATING_NEIGHBOURS = frozenset(
    ":\u2605\u2606\u2729\u272a\u272b\u272c\u272d\u272e\u272f\u2730\u2b50\u2b24\u25cf\u25cb\u25a0\u25a1"
)


def _in_rating(m: re.Match[str]) -> bool:
    """The star ``m`` is a mark of a rating bar ("★★☆☆☆", "Confidence: ⭐"), read as a rating, not a closing remark:
    another rating mark, or a colon before it, stands next to it (spaces and a variation selector between)."""
    text = m.string
    after = text[m.end() : m.end() + 3].lstrip(" \t\ufe0f")[:1]
    before = text[max(0, m.start() - 3) : m.start()].rstrip(" \t\ufe0f")[-1:]
    return after in _RATING_NEIGHBOURS or before in _RATING_NEIGHBOURS


#: a format example: a label or phrase that shows the form an answer takes, right before a final-answer marker
#: ("Template: #### 5", "Answer format: <answer>5</answer>", "should look like …", "Reply in the form …", "Use
#: the form \\boxed{5}", "e.g. \\boxed{5}", "end with 'The answer is 5'")
_FORMAT_EXAMPLE = re.compile(
    r"(?i)(?:\b(?:template|format|e\.g\.|for[ \t]++example|such[ \t]++as|look[s]?+[ \t]++like|like[ \t]++this|"
    r"(?:reply|respond|use)[^\n.]{0,30}?\bthe[ \t]++(?:form|format)(?:[ \t]++of)?+|(?:end|finish)[ \t]++with|put[ \t]++(?:it|your[ \t]++answer)"
    r"[ \t]++like)[ \t]*+:?[ \t]*+[`'\"\u2018\u201c]?+[ \t]*+)(####|<answer>|\$?\\boxed\{|the[ \t]++answer[ \t]++is\b)"
)


def _without_format_examples(text: str) -> str:
    """``text`` without the final-answer markers that a format example shows (:data:`_FORMAT_EXAMPLE`): the
    marker and what it holds (to the end of its line, its closing tag, its box, or the closing quote)."""
    out: list[str] = []
    i = 0
    for m in _FORMAT_EXAMPLE.finditer(text):
        if m.start() < i:
            continue
        marker, lo = m.group(1), m.start(1)
        line_end = text.find("\n", lo)
        line_end = len(text) if line_end < 0 else line_end
        if marker == "####":
            hi = line_end
        elif marker == "<answer>":
            close = text.find("</answer>", lo, lo + MAX_INLINE_ANSWER_CHARS)
            hi = close + len("</answer>") if close >= 0 else line_end
        elif marker.endswith("{"):
            hi = _group_end(text, m.end())
        else:
            quote = text[m.start(1) - 1 : m.start(1)]
            close = text.find({"\u2018": "\u2019", "\u201c": "\u201d"}.get(quote, quote), m.end(), line_end)
            hi = close + 1 if quote in "'\"`\u2018\u201c" and quote and close >= 0 else line_end
        out.append(text[i:lo])
        i = max(hi, lo + 1)
    out.append(text[i:])
    return " ".join(out)


#: the abbreviation "Rs." before an amount: its period ends no sentence ("The answer is Rs. 5000.")
_HOUR_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
#: a clock time in words: minutes ("half", "a quarter", "10 minutes") before "past"/"after" or "to"/"before" an
#: hour in digits or words (the documented clock rule, read before number words are: "half past two" is 2:30)
_CLOCK_PHRASE = re.compile(
    r"(?i)\b(half|(?:a[ \t]++)?quarter|(?<![\d.])[1-5]?\d[ \t]++min(?:ute)?s?+)[ \t]++(past|after|to|before)"
    rf"[ \t]++((?:1[0-2]|[1-9])(?!\d|[.:]\d)|(?:{'|'.join(_HOUR_WORDS)})\b)"
)


def _clock_phrase(m: re.Match[str]) -> str:
    """The clock time ``h:mm`` a :data:`_CLOCK_PHRASE` match names."""
    word = m.group(1).lower()
    minutes = 30 if word == "half" else 15 if word.endswith("quarter") else int(word.split()[0])
    hour_word = m.group(3).lower()
    hour = int(hour_word) if hour_word.isdigit() else _HOUR_WORDS.index(hour_word) + 1
    if minutes == 0 or minutes >= 60:
        return m.group(0)
    if m.group(2).lower() in ("to", "before"):
        hour, minutes = (hour - 1 if hour > 1 else 12), 60 - minutes
    return f"{hour}:{minutes:02d}"


#: an existential count that is infinite ("There are infinitely many such numbers"): the count ∞, the documented
#: synonym, read like "There are 5 such numbers"
_INFINITELY_MANY = re.compile(r"(?i)\b(there[ \t]++(?:are|exist|is))[ \t]++infinitely[ \t]++many\b")
#: a value "below zero" (with its degrees) is that value negated
_BELOW_ZERO = re.compile(
    r"(?<![\w.,-])(\d{1,40}+(?:\.\d{1,40}+)?+)((?:[ \t]*+(?:\u00b0|degrees?+\b)(?:[ \t]*+(?:Celsius|Fahrenheit|C|F)\b)?+)?+)[ \t]++below[ \t]++zero\b"
)
_RUPEES = re.compile(r"\bRs\.[ \t]?+(?=\d)")
#: chat-template special tokens left in decoded text (``<|im_end|>``, ``<|eot_id|>``, ``<eos>``); ``</s>`` only at
#: the end (elsewhere it closes a struck-out ``<s>``)
_SPECIAL_TOKEN = re.compile(
    "<[|\uff5c][A-Za-z0-9_\u2581]{1,40}+[|\uff5c]>|"
    r"<(?:eos|bos|pad|unk|eot|eot_id|end_of_turn|start_of_turn|endoftext)>|</s>(?=\s*+$)"
)


#: the end-of-turn tokens of chat templates (``<|im_end|>``, ``<|eot_id|>``, ``<end_of_turn>``, ``</s>``, …): the
#: model's turn ends there (gpt-oss's ``<|end|>`` ends one message of a turn, the analysis before the final one)
_END_OF_TURN = re.compile(
    "<[|\uff5c](?:im_end|eot_id|eot|endoftext|end_of_text)[|\uff5c]>|<(?:end_of_turn|eos|eot)>|</s>"
)


def _own_turn(text: str) -> str:
    """``text`` up to the first end-of-turn token that more text follows: what comes after is another turn written
    past the model's own ("… \\boxed{24}.<|im_end|>\\n<|im_start|>user\\nWhat is 2+2?", "24.</s>\\nHuman: …"), not
    its answer; a ``</s>`` that closes a struck-out ``<s>`` ends nothing (``<s>5</s> 6``)."""
    for m in _END_OF_TURN.finditer(text):
        if m.group(0) == "</s>" and "<s>" in text[max(0, m.start() - 210) : m.start()]:
            continue
        if text[m.end() :].strip():
            return text[: m.start()]
        break
    return text


def _special_token(text: str, m: re.Match[str]) -> str:
    """A special token removed; a final ``</s>`` that closes a struck-out ``<s>`` before it is kept (``<s>5</s>``)."""
    if m.group(0) == "</s>" and "<s>" in text[max(0, m.start() - 210) : m.start()]:
        return m.group(0)
    return " "


#: marks that endorse an answer without changing it: check marks, a thumbs-up, smiling faces, ``\checkmark``;
#: layout-only HTML tags without attributes; a LaTeX font switch opening a group (``{\bf 23}``)
_DECORATION = re.compile(
    "[\u2713\u2714\u2611\u2705\U0001f44d\U0001f642\U0001f60a\U0001f600\U0001f603\U0001f604\U0001f601\u263a]"
    r"|\\checkmark\b|(?<![^\s]):-?\)(?=\s|$)"
    r"|</?(?:p|span|div|code|pre|center|big|small|br|section|article|label|font|blockquote|kbd|samp|tt|details|summary|reflection)"
    r"(?:[ \t]++[^<>]{0,300}+)?+/?>|(?m:^[ \t]*+(?:```|~~~)[A-Za-z0-9_+-]{0,20}+[ \t]*+$)"
    r"|(?<=\{)\\(?:bf|it|rm|sf|tt|em|bfseries|itshape)\b[ \t]*+"
    "|(?m:^[ \t]*+[\U0001f449\u27a1\u261e\u25b6\u25ba][\ufe0f]?+)"  # a pointer opening a line: "👉 **23**", "➡️ 23"
)


#: display-math environments that only lay an answer out (``equation``, ``align*``, …: display math like ``\\[``;
#: ``aligned``, ``gathered``, ``split`` filling a whole ``$$ … $$`` or ``\\[ … \\]``: its rows, like ``align*``),
#: the document frame (``\\begin{document}``, ``\\documentclass{…}``), ``&`` alignment points and ``\\\\`` line
#: ends inside them
_LAYOUT_ENV = re.compile(
    r"\\(begin|end)\{(?:equation|align|alignat|gather|multline|flalign|eqnarray|displaymath|math)\*?+\}"
    r"(?:\{\d{1,2}+\})?+|\\(?:begin|end)\{document\}"
    r"|(?:(?<=[$\[])|(?<=[$\[][ \t\n]))\\(?P<inner>begin)\{(?:aligned|gathered|alignedat|split)\}(?:\{\d{1,2}+\})?+"
    r"|\\(?P<inner_end>end)\{(?:aligned|gathered|alignedat|split)\}(?=[ \t\n]?+(?:\$|\\\]))|\\documentclass(?:\[[^\]\n]{0,80}+\])?+\{[^{}\n]{0,40}+\}"
    r"|\\usepackage(?:\[[^\]\n]{0,80}+\])?+\{[^{}\n]{0,80}+\}"
)
#: a line break of a display environment before a relation that continues the chain (``x &= 2 + 3 \\ &= 5``):
#: the chain goes on across it, one statement ``x = 2 + 3 = 5``
_CHAIN_BREAK = re.compile(
    r"\\\\(?:\[[^\]\n]{0,20}+\])?+(?=\s*+(?:[=<>]|\\(?:leq?|geq?|approx|equiv|neq?|sim)(?![A-Za-z])))"
)
#: an end-of-proof mark or a LaTeX line end closing the completion: layout, not words after the answer
_CLOSING_MARK = re.compile(
    r"(?:\\(?:blacksquare|square|qed|qedsymbol|Box|hfill)(?![A-Za-z])|[\u220e\u25a1\u25a0]|\\\\|[ \t\n$.])*+$"
)

_MARK_TOKEN = re.compile(
    r"(\$)?[ \t]*+(?:\\(?:blacksquare|square|qed|qedsymbol|Box|hfill)(?![A-Za-z])|[\u220e\u25a1\u25a0]|\\\\)[ \t]*+(?(1)\$)"
)


def _layout(text: str) -> str:
    """``text`` without layout that carries no value: display environments as ``\\[``/``\\]`` (their alignment
    points dropped), the document frame, and end-of-proof marks or ``\\\\`` at its very end."""
    if "\\begin" in text or "\\end" in text or "\\documentclass" in text or "\\usepackage" in text:
        out: list[str] = []
        pos, inside = 0, False
        for m in _LAYOUT_ENV.finditer(text):
            chunk = text[pos : m.start()]
            out.append(_CHAIN_BREAK.sub(" ", chunk.replace("&", " ")) if inside else chunk)
            inside = m.group(1) == "begin" or m.group("inner") is not None
            out.append(" \\[ " if m.group(1) == "begin" else " \\] " if m.group(1) else " ")
            pos = m.end()
        out.append(text[pos:])
        text = "".join(out)
    tail = text[-200:]
    m = _CLOSING_MARK.search(tail)
    if m is not None and m.start() < len(tail) and any(c not in " \t\n$." for c in m.group(0)):
        kept = _MARK_TOKEN.sub(" ", m.group(0))  # "5. $\\blacksquare$" is "5."
        text = text[: len(text) - len(tail) + m.start()] + kept
    return text


#: a Markdown inline link: it renders its text, the address and a title (a tooltip) are not shown
#: ("[5](https://example.com/6)", "[5](https://example.com "maybe 6")" are 5)
_MARKDOWN_LINK = re.compile(
    r"\[([^\[\]\n]{1,200}+)\]\((?:https?+://|www\.)[^()\s]{0,500}+"
    r"(?:[ \t]++(?:\x22[^\x22\n]{0,200}+\x22|'[^'\n]{0,200}+'))?+[ \t]*+\)"
)
#: a LaTeX ``\href{address}{text}``: it typesets its text, the address is not shown
_TEX_HREF = re.compile(r"\\href[ \t]*+\{[^{}\s]{1,500}+\}[ \t]*+\{([^{}\n]{1,200}+)\}")


def _undecorate(text: str) -> str:
    text = _layout(text)
    if "](" in text:
        text = _MARKDOWN_LINK.sub(lambda m: m.group(1), text)
    if "\\href" in text:
        text = _TEX_HREF.sub(lambda m: m.group(1), text)
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    if "\\" in text or "<" in text and _PRESENTATION_TAG.search(text):
        text = unwrap_presentation(text)
    if "<h" in text or "<H" in text:
        text = _HEADING_TAG.sub("\n", text)  # <h2>Answer</h2><p>5</p>: a heading is a line of its own
    return _DECORATION.sub(" ", text) if _DECORATION.search(text) else text


#: an HTML character reference (``&#53;``, ``&#x35;``, ``&minus;``): it renders as its character
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}+|#[xX][0-9A-Fa-f]{1,6}+|[A-Za-z][A-Za-z0-9]{1,31}+);")


def _entity(m: re.Match[str]) -> str:
    """The character an entity renders as; ``&lt;``, ``&gt;`` and ``&amp;`` stay as written (decoding them after the
    rendering model ran would make markup of literal text)."""
    char = html.unescape(m.group(0))
    return m.group(0) if char == m.group(0) or any(c in "<>&" for c in char) else rendered(char)


#: presentation that wraps text without changing what it says: colour, highlight, size and paragraph commands
#: whose group closes later, size and colour switches opening a group, layout environments and their items, and
#: HTML list and table structure (what hides was removed by :func:`visible` before)
_PRESENTATION = re.compile(
    r"\\(?:textcolor|colorbox|mathcolor)[ \t]*+(?:\[[^\]\n]{0,30}+\])?+[ \t]*+\{[^{}\n]{0,60}+\}[ \t]*+(?P<g1>\{)"
    r"|\\fcolorbox[ \t]*+(?:\[[^\]\n]{0,30}+\])?+[ \t]*+\{[^{}\n]{0,60}+\}[ \t]*+\{[^{}\n]{0,60}+\}[ \t]*+(?P<g2>\{)"
    r"|\\parbox[ \t]*+(?:\[[^\]\n]{0,30}+\])?+[ \t]*+\{[^{}\n]{0,30}+\}[ \t]*+(?P<g3>\{)"
    r"|\\(?:hl|ul|tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge)[ \t]*+(?P<g4>\{)"
    r"|(?<![A-Za-z0-9}\]^_\\])(?P<g5>\{)[ \t]*+(?:\\(?:tiny|scriptsize|footnotesize|small|normalsize|large|Large|LARGE|huge|Huge|bfseries"
    r"|itshape|centering|raggedleft|raggedright)(?![A-Za-z])|\\color[ \t]*+(?:\[[^\]\n]{0,30}+\])?+[ \t]*+"
    r"\{[^{}\n]{0,60}+\})(?:[ \t]*+\\(?:bfseries|itshape)(?![A-Za-z]))?+"
    r"|\\(?:begin|end)\{(?:center|flushleft|flushright|quote|quotation|tcolorbox|mdframed|itemize|enumerate"
    r"|description|framed|minipage)\}(?:[ \t]*+\[(?P<opts>[^\]\n]{0,120}+)\])?+(?:[ \t]*+\{[^{}\n]{0,30}+\})?+"
    r"|\\item(?![A-Za-z])(?:[ \t]*+\[[^\]\n]{0,60}+\])?+"
    r"|</?(?:ul|ol|li|table|thead|tbody|tfoot|tr|dl|dt|dd)(?:[ \t]++[^<>]{0,300}+)?+>"
    r"|(?P<cell></?t[dh])(?:[ \t]++[^<>]{0,300}+)?+>"
    r"|<(?P<tag>b|strong|i|em|u|mark|font)[ \t]++[^<>]{0,300}+>"
    r"|\\[{}\\]|(?P<open>\{)|(?P<close>\})"
)


#: how the HTML tags of :data:`_PRESENTATION` open (a cheap test before its scan)
_PRESENTATION_TAG = re.compile(
    r"<(?:/?(?:[uo]l|li|t[dhr]|table|thead|tbody|tfoot|d[ldt])[\s>]|(?:b|i|em|u|mark|font|strong)\s)", re.I
)


#: the title option of a framed box (``\\begin{tcolorbox}[title=Draft]``)
_FRAME_TITLE = re.compile(r"(?:^|,)[ \t]*+title[ \t]*+=[ \t]*+(?:\{([^{}]{0,100}+)\}|([^,{}]{0,100}+))")


def _frame_title(opts: str | None) -> str:
    """The line break an environment opens with, carrying its box title as a line of its own (a heading, read
    like "## Draft" by the lead-in rule): a title that disowns the answer inside must stay visible."""
    title = _FRAME_TITLE.search(opts) if opts else None
    return f"\n{(title.group(1) or title.group(2)).strip()}\n" if title is not None else "\n"


def unwrap_presentation(text: str) -> str:
    """``text`` with presentation removed that wraps what it says (``\\textcolor{red}{Answer: 5}``,
    ``{\\large The answer is 5.}``, ``\\begin{center}…\\end{center}``, ``<ul><li>Answer: 5</li></ul>``,
    ``<b class="x">5</b>``): the wrapper and the brace closing its group are dropped, environments and list items
    are line breaks, table rows are Markdown rows. One pass with a stack of groups: linear."""
    if not _PRESENTATION.search(text):
        return text
    out: list[str] = []
    pos = 0
    stack: list[bool] = []  # per open group: whether its closing brace belongs to a dropped wrapper
    row = False  # inside an HTML table row, whose cells become a Markdown row
    for m in _PRESENTATION.finditer(text):
        kind = m.lastgroup
        tok = m.group(0)
        if kind == "open":
            stack.append(False)
            continue
        if kind == "close":
            if stack and stack.pop():
                out.append(text[pos : m.start()] + " ")
                pos = m.end()
            continue
        if tok.startswith("\\") and len(tok) == 2:
            continue
        if kind in ("g1", "g2", "g3", "g4", "g5"):
            stack.append(True)
            out.append(text[pos : m.start()] + " ")
        elif kind == "cell":
            out.append(text[pos : m.start()] + ("" if not tok.startswith("</") else "|" if row else " "))
        elif kind == "tag":
            out.append(text[pos : m.start()])
        elif tok.lower().startswith("<tr"):
            row = True
            out.append(text[pos : m.start()] + "\n|")
        else:
            row = row and not tok.lower().startswith("</tr")
            opening = "\n" if "title" not in tok else _frame_title(m.group("opts"))  # [title=Draft]
            out.append(text[pos : m.start()] + (" " if tok.startswith("</") else opening))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


#: an HTML heading's tags (``<h2>``, ``</h2>``): a line break
_HEADING_TAG = re.compile(r"(?i)</?h[1-6](?:[ \t]++[^<>]{0,300}+)?+>")


#: other ways models mark their reasoning: read like ``<think>…</think>`` (Magistral ``[THINK]``, ``<scratchpad>``,
#: Seed ``<seed:think>``; the gpt-oss harmony format's analysis and commentary channels are reasoning, its final
#: channel the answer)
_REASONING_MARKS = re.compile(
    r"(?i)</?(?:thinking|reasoning|thought|scratchpad|seed:think)>|<\|(?:begin|end)_of_thought\|>|\u25c1/?think\u25b7"
    r"|\[/?THINK\]|<(?:start|end)_working_out>|<\|channel\|>[ \t]*+(?:analysis|commentary|(final))\b[^<>\n]{0,80}+(?:<\|constrain\|>[^<>\n]{0,80}+)?+"
    r"<\|message\|>"
)


def _marked_reasoning(text: str) -> str:
    """``text`` with its reasoning marks (:data:`_REASONING_MARKS`) as ``<think>`` and ``</think>``. A harmony
    ``final`` channel closes the reasoning before it; a ``final`` channel right after another (no reasoning
    channel between) closes nothing, so both final messages are shown and read, as the user sees them."""
    in_final = False

    def mark(m: re.Match[str]) -> str:
        nonlocal in_final
        t = m.group(0)
        if not t.startswith("<|channel|>"):
            in_final = False
            return "</think>" if "/" in t or "end_" in t else "<think>"
        again, in_final = in_final and m.group(1) is not None, m.group(1) is not None
        return "\n\n" if again else "</think>" if m.group(1) else "<think>"

    if "<|start|>" in text:
        text = _HARMONY_HEADER.sub("", text)  # "<|start|>assistant": a message's role, no text of it
    return _REASONING_MARKS.sub(mark, text)


#: a harmony message's header before its channel: the start token and the role (and a recipient)
_HARMONY_HEADER = re.compile(r"<\|start\|>[ \t]*+[A-Za-z_]{1,40}+(?:[ \t]++to=[^<>\n]{0,80}+)?+(?=<\|channel\|>)")


#: what may close a line after a box without being words after it (math and markup delimiters, punctuation)
_CLOSERS = " \t$*_)]}.,;:\\"


def _ends_line(text: str, hi: int, line_end: int) -> bool:
    """Only delimiters follow ``text[hi]`` on its line, and the next non-blank line is a sentence without a value
    (a question, or three or more words), not a word or two that would qualify the value (a unit, "million")."""
    if line_end < 0 or text[hi:line_end].strip(_CLOSERS):
        return False
    return _next_line_is_sentence(text[line_end : line_end + MAX_INLINE_ANSWER_CHARS])


#: words that open a sentence of their own, never a qualifier of the value on the line before (a unit, "million")
_OPENERS = frozenset(
    """i i'm i've we we're it it's this that that's these there here hope thanks thank done yes yep no not
    nope so great perfect hence thus therefore let let's why how what is does do did am are can could oops whoops
    ugh uh err errr erm um argh hold wait""".split()
)


#: a line that opens a Markdown block of its own: a heading, a list item or a table row
_BLOCK_OPENER = re.compile(r"[ ]{0,3}+(?:#{1,6}+[ \t]|[-*+][ \t]|\d{1,9}+[.)][ \t]|\|)")


def _new_block(text: str, hi: int, line_end: int, part: str) -> bool:
    """Only delimiters follow ``text[hi]`` (the answer ``part``) on its line, and the next line opens a block of its
    own: a heading, list item or table row, or a paragraph of prose after a blank line whose first sentence doubts
    nothing. Markdown never joins such a block to the answer's sentence, so it is read as text after the answer
    ("\\boxed{42}\n\nWe could verify this with 2 other methods.", "\\boxed{18}\n\n### Summary"), not as words
    qualifying the value; a doubting one ("Caveat: I couldn't verify step 3.") stays with the value, a code block
    (indented, fenced) or a line opened by a mark is no prose."""
    if line_end < 0 or text[hi:line_end].strip(_CLOSERS):
        return False
    after = text[line_end + 1 : line_end + 1 + MAX_INLINE_ANSWER_CHARS]
    blank = after.lstrip(" \t").startswith("\n")
    line = after.lstrip(" \t\n")
    first = line[: _sentence_end(line, 0, len(line))]
    if _BLOCK_OPENER.match(after) is not None or blank and _BLOCK_OPENER.match(after.lstrip("\n")) is not None:
        head = line.split("\n", 1)[0]  # "## Other reading", "- maybe 6": a rival's label or an offer stays
        return not _framed(head) and not _doubting(head) and not _ALTERNATIVE_WORDS.intersection(_lower_words(head))
    if not _ANSWER_TOKEN.search(_mask_math(first)):
        return False  # a value-free line ("Alternative:", "Check") is read by the rules for such lines
    indent = len(after) - len(line) - after[: len(after) - len(line)].rfind("\n") - 1
    if not blank or indent >= 4 or not line[:1].isascii() or not line[:1].isalpha():
        return False
    return not _doubting(_without_rejected_clauses(first, part)) and not _qualified_number(first)


#: a word right before a number in prose, "than" aside ("at least 5", "more than 5", "about 5")
_WORD_BEFORE_NUMBER = re.compile(r"([A-Za-z]{2,20}+)[ \t]++(?:than[ \t]++)?+\$?+-?\d")


def _qualified_number(sentence: str) -> bool:
    """A number of ``sentence`` comes right after a qualifier or an approximating word ("There are at least 5
    marbles.", "It is about 5."): the sentence bounds or rounds a value, so it stays with the answer before it."""
    from rlvr.verifiers.lexicon import APPROX_WORDS, QUALIFIER_CUES

    masked = _mask_math(sentence)
    return any(
        m.group(1).lower() in QUALIFIER_CUES or m.group(1).lower() in APPROX_WORDS
        for m in _WORD_BEFORE_NUMBER.finditer(masked)
    )


def _doubting(sentence: str) -> bool:
    """``sentence`` holds a word that doubts, hedges or retracts (:data:`~rlvr.verifiers.lexicon.RETRACTION_CUES`,
    ``DOUBT_WORDS``, ``HEDGE_CUES``) or a negated verb ("couldn't")."""
    from rlvr.verifiers.lexicon import DOUBT_WORDS, HEDGE_CUES, RETRACTION_CUES

    words = [w.lower().replace("\u2019", "'") for w in _RUN_WORD.findall(_mask_math(sentence))]
    return any(w in RETRACTION_CUES or w in DOUBT_WORDS or w in HEDGE_CUES or w.endswith("n't") for w in words)


def _next_line_is_sentence(after: str) -> bool:
    """The first sentence of the next non-blank line in ``after`` stands on its own (it is read by the retraction
    rule, not as words after the value): a question, an explanation ("Check: 23 - 7 = 16.", "Let me verify: …"),
    three or more words, or a sentence opener ("That's it!", "No doubt.", "I'm confident."); a line whose first
    sentence holds a value ("Both 5 and 6 are valid.") or a word or two that may qualify it ("million") is not."""
    from rlvr.verifiers.lexicon import foreign_closing, foreign_confirmation, thai_remark

    nxt = after.lstrip()
    nl = nxt.find("\n")
    line = nxt[: nl if nl >= 0 else len(nxt)].strip()
    if _section_heading(line, after):
        return True  # "## Verification", "Check:" after a blank line: a new section, read by the retraction rule
    end = _sentence_end(line, 0, len(line))
    first = line[: end + 1].strip()
    if _EXPLAINS.match(first) or _CONFIDENCE_LABEL.match(first) or _TOLERANCE_LINE.match(first) or _closing_line(first):
        return True  # "Confidence: high", "(Answer verified.)", "Error bars: ±5": about the answer, read by the
        # retraction rule
    if stated_doubt(line) is not None:
        return True  # "P(correct) = 0.3", "Konfidenz: niedrig": a stated confidence, read by the retraction rule
    if _foreign_status_line(first):
        return True  # "Prüfung: bestanden", "Проверка: не пройдена": a check's status, read by the retraction rule
    words = _RUN_WORD.findall(first)
    if _ANSWER_TOKEN.search(_mask_math(first)):  # "Both 5 and 6 are valid.": read with the box
        return _plain_statement(first, words)  # "So there are 5 marbles in the bag.": read after the box
    return (
        first.endswith(("?", "\uff1f"))
        or len(words) >= 3
        or _cjk_sentence(first, words, valued=False)
        or bool(words)
        and words[0].lower().replace("\u2019", "'") in _OPENERS
        and first[-1:] in ".!"
        or foreign_confirmation([w.lower() for w in words])  # "זה נכון.", "Überprüft.": no unit, a remark
        or foreign_closing([w.lower() for w in words])  # "Viel Glück!", "Удачи!": a courtesy, no unit
        or thai_remark("".join(words)) is not None  # "ตรวจสอบแล้ว", "ถูกไหม"
    )


#: a line of Chinese or Japanese after an answer with at least this many letters is a clause of its own
_CJK_CLAUSE_CHARS = 4
#: the marks that close a sentence of Chinese or Japanese
_CJK_SENTENCE_END = ("\u3002", "\uff01", "\uff1f", "!", ".", "?")


def _cjk_sentence(first: str, words: list[str], valued: bool) -> bool:
    """``first`` (the first sentence of the line after an answer; ``words`` its words) is a closed sentence of
    Chinese, Japanese or Korean: every word in those scripts, ended by a sentence mark, and no negation, hedge,
    bound or doubt in it (which stays with the value: "大约。", "不确定。"). With a value (``valued``) it needs at
    least :data:`_CJK_CLAUSE_CHARS` letters ("所以小明一共有24个苹果。": read by the rules for sentences after the
    answer, which compare its value); without one it must be a closing courtesy ("希望对你有帮助！") or say that the
    answer checks out (the lexicon's ``CJK_CHECK_AGREEMENTS``: "经检验，符合题意。"), since any other remark ("我再想想。")
    may doubt it."""
    from rlvr.verifiers.lexicon import CJK_CHECK_AGREEMENTS, cjk_closing

    if not words or not all(_cjk(w) for w in words) or not first.rstrip().endswith(_CJK_SENTENCE_END):
        return False
    core = "".join(words)
    if any(_CJK_DOUBT.search(w) or _cjk_cue(w) or _cjk_label_cue(w) for w in words) or _cjk_retraction(first):
        return False
    if valued:
        return len(core) >= _CJK_CLAUSE_CHARS
    return cjk_closing(core) or any(a in core for a in CJK_CHECK_AGREEMENTS)


def _plain_statement(first: str, words: list[str]) -> bool:
    """``first``, a sentence with a value on the line after an answer, is a statement of its own (a subject and a
    predicate: three words or more, or an equation after a word) that hedges nothing and holds no cue word (but in
    a counterfactual, which supposes another situation), so it is read by the rules for sentences after the answer
    (a rival quantity, an offered value), not as words qualifying the value ("So there are 5 marbles in the bag.",
    "Therefore, $x = 5$."); "Both 5 and 6 are valid." and "6 or more" stay with it."""
    from rlvr.verifiers.lexicon import cue_words

    masked = _mask_math(first)
    statement = len(words) >= 3 or bool(words) and "=" in first  # "Therefore, $x = 5$."
    statement = statement or _cjk_sentence(first, words, valued=True)  # "所以小明一共有24个苹果。"
    cued = cue_words(_RUN_WORD.findall(masked)) and not _counterfactual(masked, 0, len(masked))
    return statement and not _hedgy(first) and not cued  # "If there were 6 people, each would get less."


#: a Markdown heading line: one to six ``#`` and a title of at most six words, no value
_HEADING_LINE = re.compile(r"#{1,6}+[ \t]++[*_]*+((?:[^\W\d_][\w'-]*+[ \t]*+){1,6}+)[*_:]*+")
#: a title line of its own paragraph: at most four capitalised words, optionally closed by a colon, no value
_TITLE_LINE = re.compile(r"[*_]*+([A-Z][a-z'-]*+(?:[ \t]++[A-Za-z][a-z'-]*+){0,3}+)[*_]*+:?+[*_]*+")


def _section_heading(line: str, after: str) -> bool:
    """``line`` (the next non-blank line after an answer) opens a new section: a Markdown heading ("## Verification",
    "### Check"), or a short capitalised title alone in its paragraph after a blank line ("Verification", "Summary
    of steps:"); a unit or a cue word ("Meters", "Approximately") is no title, it is read with the value."""
    from rlvr.verifiers.lexicon import cue_words, unit_name

    heading = _HEADING_LINE.fullmatch(line)
    if heading is None:
        title = _TITLE_LINE.fullmatch(line)
        paragraph = after.lstrip(" \t").startswith("\n") and "\n\n" in after[: after.find(line)]
        if title is None or not paragraph:
            return False
        heading = title
    words = heading.group(1).split()
    if _ALTERNATIVE_WORDS.intersection(_lower_words(line)) or _framed(line):
        return False  # "Alternative:", "## Other reading": a rival's label, not a section
    if line.endswith(":") and not after[after.find(line) + len(line) :].strip():
        return False  # "Answer:" closing the text: a label whose value never came
    return not cue_words(words) and unit_name(" ".join(words)) is None and unit_name(words[0].lower()) is None


#: a line that states a high confidence in words ("Confidence: high"): it adds nothing to the answer
_CONFIDENCE_LABEL = re.compile(
    r"(?i)^[ \t(*_]*+(?:my[ \t]++)?(?:confidence|certainty)(?:[ \t]++level)?[ \t*_]*+(?::|is\b|=)[ \t*_]*+"
    r"(?:very[ \t]++)?(?:high|full|strong|certain|complete)[ \t*_.!)]*+$"
)


#: a confidence or certainty tag right after the answer tag, with its value
_CONFIDENCE_TAG = re.compile(
    r"(?i)[ \t\n]*+<[ \t]*+(?:confidence|certainty)(?:[ \t]++[^<>]{0,100}+)?+>([^<>]{0,100}+)<[ \t]*+/"
)
#: a confidence value that endorses the answer: high, full, certain, 100%, 1.0
_HIGH_CONFIDENCE = re.compile(
    r"(?i)[ \t]*+(?:very[ \t]++)?+(?:high|full|strong|certain|complete|100(?:\.0++)?+[ \t]*+%|1(?:\.0++)?+)[ \t.]*+"
)


#: a metadata tag right after the answer tag, with its name and its value (``<status>draft</status>``)
_METADATA_TAG = re.compile(r"[ \t\n]*+<[ \t]*+([^\W\d_][\w-]{0,30}+)[ \t]*+>([^<>]{0,100}+)<[ \t]*+/[ \t]*+\1[ \t]*+>")
#: values that deny a tag whose name is a retraction (``<retract>true</retract>`` retracts, ``false`` does not)
_NEGATIVE_VALUES = frozenset("false no 0 none never".split())


def _denying_metadata_tag(after: str) -> bool:
    """A tag right after the answer tag states the answer's standing and denies or doubts it: its name's words
    name a standing, a check or a confidence (:data:`~rlvr.verifiers.lexicon.STANDING_TAG_ATTRIBUTES`,
    :data:`~rlvr.verifiers.lexicon.STATUS_LABELS`: ``<status>draft</status>``, ``<is_correct>false</is_correct>``,
    ``<self_check>fails</self_check>``) and its value does not affirm it, or its name is a retraction
    (:data:`~rlvr.verifiers.lexicon.NEGATION_CUES`: ``<retract>true</retract>``) and its value does not deny it.
    A tag of any other name (``<explanation>…</explanation>``) says nothing about the answer's standing."""
    from rlvr.verifiers.lexicon import NEGATION_CUES, STANDING_TAG_ATTRIBUTES, STATUS_LABELS, tag_attribute_disowns

    m = _METADATA_TAG.match(after)
    if m is None:
        return False
    parts = [w for w in re.split(r"[_-]", m.group(1).lower()) if w]
    value = m.group(2).strip().lower()
    stated = stated_doubt(f"{' '.join(parts)}: {value}")
    if stated is not None:
        return stated  # "<置信度>低</置信度>", "<konfidenz>0.3</konfidenz>": a stated confidence
    if any(w in NEGATION_CUES for w in parts):
        return value not in _NEGATIVE_VALUES
    if not any(w in STANDING_TAG_ATTRIBUTES or w in STATUS_LABELS for w in parts):
        return False
    if any(w in ("confidence", "certainty") for w in parts):
        return _HIGH_CONFIDENCE.fullmatch(value) is None
    return tag_attribute_disowns("status", value)


def _confident_tag(after: str) -> int | None:
    """Where a tag right after the answer tag ends when it states a high confidence in the answer
    (``<confidence>0.95</confidence>``, ``<certainty>high</certainty>``, ``<konfidenz>90%</konfidenz>``): its value
    is a share, not another value, and it endorses the answer; ``None`` for any other tag."""
    m = _METADATA_TAG.match(after)
    if m is None:
        return None
    parts = [w for w in re.split(r"[_-]", m.group(1).lower()) if w]
    return m.end() if stated_doubt(f"{' '.join(parts)}: {m.group(2).strip()}") is False else None


#: words of a tag's name that make it hold an answer: a restatement of the answer tag's value, or a revision of it
_ANSWER_TAG_WORDS = frozenset("answer answers result solution value final total".split())
#: words of a tag's name that revise the answer before it (``<corrected>``, ``<updated_value>``, ``<v2>``)
_REVISION_TAG_WORDS = frozenset("revised revision corrected correction updated update amended fixed new v2".split())


def _tag_value(inner: str) -> str | None:
    """The value a tag's content states (a number in digits or in words, math), else ``None``."""
    from rlvr.verifiers.lexicon import number_words

    inner = inner.strip()
    if _ANSWER_TOKEN.search(_mask_math(inner)):
        return inner
    spelled = number_words(inner.lower()) if re.fullmatch(r"[A-Za-z][A-Za-z -]{0,60}+", inner) else None
    return None if spelled is None else str(spelled)


def _revising_tag(after: str) -> bool:
    """A tag right after the answer tag holds a value (:func:`_tag_value`) and its name holds an answer or a
    revision (:data:`_ANSWER_TAG_WORDS`, :data:`_REVISION_TAG_WORDS`: ``<answer_revised>25</answer_revised>``,
    ``<corrected>twenty-five</corrected>``): another answer, unless :func:`_restating_tag` found it the same."""
    tag = _METADATA_TAG.match(after)
    if tag is None or _tag_value(tag.group(2)) is None:
        return False
    name = set(re.split(r"[_-]", tag.group(1).lower()))
    return bool(name & _ANSWER_TAG_WORDS or name & _REVISION_TAG_WORDS)


def _restating_tag(after: str, parts: tuple[str, ...]) -> int | None:
    """Where a tag right after the answer tag ends when its name holds an answer (:data:`_ANSWER_TAG_WORDS`) and
    its value is the answer's (``<answer_confirmed>24</answer_confirmed>``, ``<final_total>24</final_total>``):
    it restates the answer, so what follows it is read instead; ``None`` for any other tag."""
    tag = _METADATA_TAG.match(after)
    if tag is None or not _ANSWER_TAG_WORDS.intersection(re.split(r"[_-]", tag.group(1).lower())):
        return None
    value = _tag_value(tag.group(2))
    return tag.end() if value is not None and _key(value) in {_key(p) for p in parts} else None


def _closing_line(line: str) -> bool:
    """A line that only endorses the answer above it ("(Answer verified.)", "Final.", "(rounded up)")."""
    from rlvr.verifiers.lexicon import CLOSING_REMARKS

    words = line.strip(" \t()*_.!").lower().split()
    return len(words) <= 3 and " ".join(words) in CLOSING_REMARKS


def _after_tag_changes(after: str, parts: tuple[str, ...]) -> bool:
    """What follows the last answer tag (its answer: ``parts``) doubts or extends it: a question mark, another
    value, a cue word in the rest of its sentence, a next sentence that retracts it, offers another candidate or
    states a rival quantity ("<answer>5</answer>", then "Thus she ate 6 cookies.")."""
    from rlvr.verifiers.lexicon import changes_value

    masked = _mask_math(after).strip()
    if not masked:
        return False
    if (restated := _restating_tag(after, parts)) is not None:
        return _after_tag_changes(after[restated:], parts)  # "<answer_confirmed>24</answer_confirmed>"
    if _denying_metadata_tag(after):
        return True  # "<answer>5</answer>\n<status>draft</status>", "<is_correct>false</is_correct>"
    if (confident := _confident_tag(after)) is not None and not after[confident:].strip():
        return False  # "<answer>5</answer>\n<confidence>0.95</confidence>": a high confidence ends the text
    if _revising_tag(after):
        return True  # "<answer_revised>25</answer_revised>", "<corrected>twenty-five</corrected>": another value
    if after.lstrip(" \t").startswith("\n") and _next_line_is_sentence(after):
        # "<answer>23</answer>\nWhy? Because 16 + 7 = 23.": read by the retraction rule, a candidate it offers kept
        nxt = _next_sentence(after, 0)
        sent = nxt.strip(" \t\n.!?")
        offered = _offered_candidates(sent, list(parts)) or _rival_quantities(sent, list(parts))
        return bool(_retraction_after(after, 0)) or _hedgy(nxt) or bool(offered)
    if masked.startswith("?") or _ANSWER_TOKEN.search(masked) or _doubting_symbol(masked):
        return True
    conf = _CONFIDENCE_TAG.match(after)
    if conf is not None and not _HIGH_CONFIDENCE.fullmatch(conf.group(1)):
        return True  # "<answer>5</answer><confidence>low</confidence>": a doubt in markup
    line = after.lstrip(" \t")
    end = 0 if not line or line[0] in "\n.!" else _sentence_end(after, 0, len(after))
    rest = _mask_math(after[:end]).strip()  # the rest of the tag's own sentence ("<answer>5</answer> (I think)")
    return (
        bool(rest and changes_value(rest)) or bool(_retraction_after(after, end)) or _hedgy(_next_sentence(after, end))
    )


def _tag_re(tag: str) -> re.Pattern[str]:
    """An opening or closing ``tag`` in any case and with spaces (``<Answer >``, ``</ANSWER>``)."""
    return re.compile(rf"(?i)<[ \t]*+(/?+)[ \t]*+{re.escape(tag)}{_ATTRS}[ \t]*+>")


#: HTML-style attributes of a tag (``<answer id="1">``)
_ATTRS = r"""(?:[ \t]++[A-Za-z_:-]{1,30}+(?:[ \t]*+=[ \t]*+(?:"[^"<>\n]{0,100}+"|'[^'<>\n]{0,100}+'|[^\s<>"']{1,100}+))?+)*+"""
#: one attribute of a tag: its name and its value (quoted or bare), or a bare name
_ATTR = re.compile(
    r"""([A-Za-z_:-]{1,30}+)(?:[ \t]*+=[ \t]*+(?:"([^"<>\n]{0,100}+)"|'([^'<>\n]{0,100}+)'|([^\s<>"']{1,100}+)))?+"""
)


_WITH_ATTRIBUTE = re.compile(r"<[ \t]*+/?+[ \t]*+[A-Za-z_]++[ \t]++[A-Za-z_:-]")
_TAG_NAME = re.compile(r"<[ \t]*+/?+[ \t]*+[^\s<>/]++")


def _disowning_tag(tag: re.Pattern[str], text: str) -> bool:
    """An answer tag in ``text`` (opening or closing) carries an attribute that disowns its answer (see
    :func:`~rlvr.verifiers.lexicon.tag_attribute_disowns`: ``status="wrong"``, ``confidence="0.1"``, ``alt="6"``)."""
    from rlvr.verifiers.lexicon import tag_attribute_disowns

    if _WITH_ATTRIBUTE.search(text) is None:
        return False  # no tag with an attribute at all: the common case, one cheap scan
    for m in tag.finditer(text):
        attrs = m.group(0)[_TAG_NAME.match(m.group(0)).end() : -1]  # type: ignore[union-attr]
        for a in _ATTR.finditer(attrs):
            name = a.group(1).lower().removeprefix("data-")
            value = next((v for v in a.group(2, 3, 4) if v is not None), None)
            if tag_attribute_disowns(name, value):
                return True
    return False


#: other names of an answer tag, read as one when the completion ends with it (``<final>5</final>``)
_ANSWER_ALIASES = re.compile(rf"(?i)<[ \t]*+(/?+)[ \t]*+(?:final|final_answer|output|solution){_ATTRS}[ \t]*+>")


#: answer tags in square brackets, BBCode style (``[ANSWER] 5 [/ANSWER]``), read as answer tags when one closes
_BRACKET_ANSWER = re.compile(r"(?i)\[[ \t]*+(/?+)[ \t]*+(?:final[ _]?+)?answer[ \t]*+\]")
_BRACKET_ANSWER_CLOSE = re.compile(r"(?i)\[[ \t]*+/[ \t]*+(?:final[ _]?+)?answer[ \t]*+\]")

#: a JSON object holding only an answer (``{"answer": 5}``, ``{"final_answer": "\\frac12"}``): an answer tag
_JSON_ANSWER = re.compile(
    r"""\{[ \t\n]*+"(?:final_answer|answer)"[ \t]*+:[ \t]*+("(?:[^"\\\n]|\\.){0,400}+"|-?\d[\d.eE+-]{0,40}+)[ \t\n]*+\}"""
)


#: keys of a JSON reply that hold the working, not a claim about the answer
_WORKING_KEYS = frozenset(
    """reasoning reason explanation rationale steps step work working thoughts thought thinking analysis solution
    justification derivation scratchpad calculation calculations""".split()
)
#: how many opening braces before the end a JSON reply is looked for at
_JSON_TRIES = 8


def _json_object_answer(text: str, open_t: str, close_t: str) -> str:
    """``text`` with a JSON object that ends it and has an "answer" or "final_answer" key of a string or number
    rewritten as that answer in answer tags: keys of the working (:data:`_WORKING_KEYS`) are dropped, any other
    key ("confidence") stays after the answer as "key: value", where the readers after a tag judge it."""
    import json

    end = len(text.rstrip("` \t\n"))
    lo, k = max(0, end - _WINDOW), end
    decoder = json.JSONDecoder()
    for _ in range(_JSON_TRIES):
        k = text.rfind("{", lo, k)
        if k < 0:
            return text
        try:
            obj, stop = decoder.raw_decode(text[k:end])
        except ValueError:
            continue
        if stop != end - k or not isinstance(obj, dict):
            continue
        keys = {key.lower(): key for key in obj if isinstance(key, str)}
        key = keys.get("answer") or keys.get("final_answer")
        value = obj.get(key) if key is not None else None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            return text
        rest = [f"{name}: {v}" for name, v in obj.items() if name != key]
        rest = [r for r in rest if r.split(":")[0].lower() not in _WORKING_KEYS]
        return text[:k] + open_t + str(value) + close_t + "".join("\n" + r for r in rest) + text[end:]
    return text


def _json_value(raw: str) -> str:
    """A JSON number or string as the text it stands for (escapes undone)."""
    import json

    try:
        value = json.loads(raw)
    except ValueError:
        return raw
    return value if isinstance(value, str) else raw


def _aliased_answer_tags(text: str, open_t: str, close_t: str) -> str:
    """``text`` with a closing answer-tag alias (and its opener) as the answer tag, when nothing but spaces
    follows it and no answer tag is written."""
    last = _last(_ANSWER_ALIASES.finditer(text[-MAX_INLINE_ANSWER_CHARS:]))
    if last is None or not last.group(1) or text[-MAX_INLINE_ANSWER_CHARS:][last.end() :].strip():
        return text
    return _ANSWER_ALIASES.sub(lambda m: close_t if m.group(1) else open_t, text)


def without_reasoning(text: str) -> str:
    """``text`` without its reasoning (``<think>`` and the other marks models use, as :func:`extract` reads
    them): every complete block, what comes before a last close and what follows an unclosed open; empty when
    all of it is reasoning."""
    if _REASONING_MARKS.search(text):
        text = _marked_reasoning(text)
    return _region(text, "think", fallback=False)


def _reopened_reasoning(text: str, think_tag: str) -> bool:
    """After text that counts, a reasoning block opens, holds text and never closes ("\\boxed{5} <think>Actually,
    it's 6."): the completion went back to reasoning after its answer and ended there, so it has no final answer."""
    tag = _tag_re(think_tag)
    if "<" not in text or not tag.search(text):
        return False
    depth, pos, counted, opened = 0, 0, False, -1
    for m in tag.finditer(text):
        if depth == 0 and not m.group(1):
            counted = counted or bool(text[pos : m.start()].strip())
            opened = m.end()
        if m.group(1):
            if depth == 0:
                counted = False  # a close without an open: everything before it was reasoning
            depth = max(0, depth - 1)
        else:
            depth += 1
        pos = m.end()
    return depth > 0 and counted and bool(tag.sub(" ", text[opened:]).strip())


def _region(text: str, think_tag: str, *, fallback: bool = True) -> str:
    """The text that counts: without its reasoning blocks (every complete ``<think>…</think>``, and what
    comes before a last ``</think>``); when nothing is left, the reasoning itself without its tags (unless
    ``fallback`` is off)."""
    tag = _tag_re(think_tag)
    if not tag.search(text):
        return text
    out: list[str] = []
    depth = 0
    pos = 0
    for m in tag.finditer(text):
        if depth == 0:
            out.append(text[pos : m.start()])
        if m.group(1):
            if depth == 0:
                out = []  # a close without an open: everything before it was reasoning
            depth = max(0, depth - 1)
        else:
            depth += 1
        pos = m.end()
    if depth == 0:
        out.append(text[pos:])
    rest = "".join(out)
    if depth > 0:
        return rest  # an unclosed <think>: the completion ended inside its reasoning (only what came before counts)
    return rest if rest.strip() or not fallback else tag.sub(" ", text)


def _answer_tags(text: str, open_t: str, close_t: str, choices: bool) -> Extraction:
    """Every complete answer tag; different answers in several tags are several parts (a hedge). Past the cap on
    tags read, only the same tag repeated to the end (a repetition loop) still gives its one answer."""
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
        if len(keys) != 1 or text[pos:].replace(text[start:pos], "").strip():
            return Extraction(None, "too_many_answer_tags")
        # the one answer's tag repeated to the end ("<answer>24</answer>" 300 times): a repetition loop, one answer
    if not parts:
        return Extraction(None, "empty_answer_tag")
    if len(parts) > MAX_BOXES:
        return Extraction(None, "too_many_answer_tags")
    if len(set(modes)) > 1:
        parts = [p if m == "text" else f"${p}$" for p, m in zip(parts, modes)]
        return _found(parts, "answer_tag", "text")
    return _found(parts, "answer_tag", modes[0])


#: a font command, frame or box around text (``\\textbf{``, ``\\emph{``, ``\\underline{``, ``\\fbox{``, ``\\boxed{``, …)
_FONT_OPEN = re.compile(
    r"\\(?:text(?:bf|it|sc|rm|sf|tt|up|md|sl|normal)?|emph|underline|uline|math(?:bf|rm|it|sf|tt)|boldsymbol|bm|pmb"
    r"|fbox|framebox|boxed|mbox)[ \t]*+\{"
)
#: "Ans:", an abbreviated answer label (the others are answer phrases)
_ANS_LABEL = re.compile(r"(?i)\bans[ \t]*+[:=]")
#: a line set whole in Markdown emphasis (``*…*``, ``_…_``, ``***…***``, ``__…__``): its opening marker
_EMPHASIS_LINE = re.compile(r"(?m)^[ \t>]*+(\*{1,3}+|_{1,3}+)(?![*_ \t])")


def _states_answer(content: str) -> bool:
    """``content`` holds an answer phrase or ``Ans:`` with something after it (not a bare label)."""
    m = _PHRASE.search(content) or _ANS_LABEL.search(content)
    return m is not None and bool(content[m.end() :].strip(" \t\n:*_=|-.}"))


#: a value between Markdown emphasis or highlight runs (``***5***``, ``**_5_**``, ``_**5**_``, ``___5___``,
#: ``==5==``): one to three ``*``/``_`` marks (the closing run mirrors the opening one) or ``==``, around a short
#: span without those marks or braces, opening after a space or an opening mark and closing before one (never
#: inside a word, a longer run or LaTeX scripts)
_EMPHASISED = re.compile(r"(?<![^\s(\[>:\"'])([*_]{1,3}+|==(?!=))([^\s*_={}][^*_={}\n]{0,78}+)(?<!\s)(?=[*_=])")


def unwrap_emphasised_values(text: str) -> str:
    """``text`` with values set in Markdown emphasis or highlight read without it: ``***5***``, ``**_5_**``,
    ``==5==`` are 5 (a bold italic 5 is not ``5*``). Only a span holding a digit and no word (outside LaTeX
    commands) whose closing run mirrors its opening one is unwrapped, so emphasised prose and labels keep their
    markers; plain bold (``**5**``) is read as before. Linear: each span is bounded."""
    if "*" not in text and "_" not in text and "==" not in text:
        return text
    out: list[str] = []
    pos = 0
    for m in _EMPHASISED.finditer(text):
        open_, body = m.groups()
        close = open_[::-1]
        end = m.end() + len(close)
        if m.start() < pos or open_ in ("**", "__") or not text.startswith(close, m.end()):
            continue
        if end < len(text) and not (
            text[end].isspace() or text[end] in ".,;:!?)]<\"'" or text.startswith(("**", "__"), end)
        ):
            continue  # a longer run, a word or more LaTeX goes on (``{}_{9}C_{2}`` is no emphasis)
        if not any(c.isdigit() for c in body) or re.search(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z]+", "", body)):
            continue
        out.append(text[pos : m.start()] + body)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def unwrap_labelled_fonts(text: str) -> str:
    """``text`` with the font commands, frames and Markdown emphasis that wrap a whole answer statement removed:
    ``\\textbf{Answer: 23}``, ``\\emph{The answer is 23.}``, ``\\fbox{Answer: 23}``, ``*Answer: 23*`` read as
    ``Answer: 23`` (a font changes how the statement looks, not what it says). A command around a bare label
    (``\\textbf{Answer:} 23``) or around no answer phrase is kept. Only the last 8 of each are looked at, each
    within :data:`MAX_STATEMENT_CHARS`, so the cost is linear."""
    if "ns" not in text.lower():
        return text
    drop: list[tuple[int, int, str]] = []
    if "{" in text:
        for m in deque(_FONT_OPEN.finditer(text), maxlen=8):
            window = text[m.end() : m.end() + MAX_STATEMENT_CHARS]
            k = closing_brace(window, 0)
            if k >= 0 and _states_answer(window[:k]):
                drop += [(m.start(), m.end(), " "), (m.end() + k, m.end() + k + 1, "")]
    if "*" in text or "_" in text:
        for m in deque(_EMPHASIS_LINE.finditer(text), maxlen=8):
            mark = m.group(1)
            if mark == "**":
                continue  # "**Answer: 23**" is read as it stands
            eol = text.find("\n", m.end())
            eol = len(text) if eol < 0 else eol
            line = text[m.end() : eol].rstrip(" \t")
            body = line[: -len(mark)] if line.endswith(mark) else ""
            if body and not body.endswith(mark[0]) and _states_answer(body):
                drop += [(m.start(1), m.end(1), ""), (m.end() + len(body), m.end() + len(line), "")]
    if not drop:
        return text
    out: list[str] = []
    pos = 0
    for s, e, repl in sorted(drop):
        if s < pos:
            continue
        out.append(text[pos:s] + repl)
        pos = e
    out.append(text[pos:])
    return "".join(out)


#: a Markdown table row of two cells ending the text: a label and its value ("| **Total** | **23** |")
_TABLE_ROW = re.compile(r"\n[ \t]*+\|([^|\n]{1,80}+)\|([^|\n]{1,80}+)\|[ \t]*+$")


#: a table of one column that ends the text: its header cell, the delimiter row, one body cell
_ANSWER_COLUMN = re.compile(
    r"(?:^|\n)[ \t]*+\|([^|\n]{1,40}+)\|[ \t]*+\n[ \t]*+\|[ \t]*+:?+-++:?+[ \t]*+\|[ \t]*+\n"
    r"[ \t]*+\|([^|\n]{1,200}+)\|[ \t]*+$"
)


def _table_row(text: str) -> str:
    """``text`` with a last table row of a word label and a value read as "label: value" (a row whose first cell
    holds a digit or no word is kept), and a last table of one column headed by an answer label ("| Answer |") and
    one row read as "Answer: value"."""
    if not (text.endswith("|") or text.rstrip().endswith("|")):
        return text
    column = _ANSWER_COLUMN.search(text, max(0, len(text) - 300))
    if column is not None and _ANSWER_LABEL_ONLY.fullmatch(column.group(1).strip()):
        return text[: column.start()] + "\nAnswer: " + column.group(2).strip()
    m = _TABLE_ROW.search(text, max(0, len(text) - 200))
    if m is None:
        return text
    label, value = m.group(1).strip(), m.group(2).strip()
    if re.search(r"\d", label) or not re.search(r"[A-Za-z]{2,}", label) or set(value) <= set("-: "):
        return text
    return text[: m.start()] + "\n" + label + ": " + value


def extract_reference(reference: str) -> Extraction:
    """The gold answer of a reference string, read by the completion's readers (:func:`_extract_visible`): its
    boxes (several boxed parts stay parts), a GSM8K ``####`` line, the final statement of a worked solution, an
    answer tag, a labelled line of any language, a number or clock time in words; or else the whole string as a
    math answer."""
    text = unwrap_labelled_fonts(normalise_spacing(_visible(rendered(reference), True)[0]))
    if _BOX.search(text) or "####" in text or _looks_like_solution(text) or _is_sentence(text):
        return _extract_visible(text, False, "answer", False)
    read = _read_as_completion(text)
    if read is not None:
        return read
    gold = _clean(text)
    return _found([gold], "reference", "text" if re.search(r"\$|\\\(|\\\[", gold) else "math")


def _read_as_completion(text: str) -> Extraction | None:
    """The completion's reading of a short gold in one of a completion's forms, when it finds an answer there:
    an answer tag (``<answer>7</answer>``), a last line opened by a label of any language ("Respuesta: 7",
    "Réponse : 7", "答え：7個", "答：一共有7个苹果。" under a worked line), prose of another script ("一共有7个苹果。"),
    or a number or clock time in words ("three quarters", "half past two", which math mode would read as letters).
    A gold that is a word answer ("\\text{Tuesday}", "New York") or bare math is none of these."""
    tagged = ("<" in text or "[/" in text) and len(text) <= _WINDOW
    worded = _worded_value(text)
    form = worded or _labelled_line(text) or _foreign_prose(text)
    if not (tagged or form):
        return None
    got = _extract_visible(text, False, "answer", False)
    if got.answer is None and worded:
        return _found([_clean(text)], "reference", "text")  # "vingt et un": words the text reading knows
    if got.answer is None or not form and got.method != "answer_tag":
        return None  # "x < 3": a "<" that opens no tag
    return got


#: a letter of a label: the Bengali visarga, a combining mark, stands for the colon after it ("উত্তরঃ 7")
_LABEL_LETTER = rf"(?:(?!\u0983){_LETTER})"
#: the label that opens a gold's last line: one to three words of letters of any script, then a colon (ASCII,
#: fullwidth, or the Bengali visarga that stands for one); a single Latin letter ("x: 7") is no label
_LABEL_LINE = re.compile(
    rf"[ \t*_#>]*+({_LABEL_LETTER}++(?:[ \t]++{_LABEL_LETTER}++){{0,2}}+)[ \t*_]*+[:\uff1a\u0983](?![:=])[ \t*_]*+\S"
)


def _labelled_line(text: str) -> bool:
    """The last line of ``text`` opens with a label and a colon and goes on ("Respuesta: 7", "答：7个")."""
    tail = text[-MAX_INLINE_ANSWER_CHARS:].rstrip()
    m = _LABEL_LINE.match(tail[tail.rfind("\n") + 1 :])
    return m is not None and (len(m.group(1)) > 1 or not m.group(1).isascii())


#: a character of a script written without spaces between words (Han, kana): each counts as a word
_UNSPACED_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: the digits and multipliers of Chinese numerals
_CJK_NUMERAL_CHARS = "\u96f6\u3007\u4e00\u4e8c\u4e24\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e\u5343\u4e07"
#: the words of prose in any script: a run of two or more letters, or one character of an unspaced script that is
#: no numeral (二十三 is a number, not three words)
_ANY_WORD = re.compile(rf"(?![{_CJK_NUMERAL_CHARS}])[{_UNSPACED_CHAR}]|(?:(?![{_UNSPACED_CHAR}]){_LETTER}){{2,}}+")


def _foreign_prose(text: str) -> bool:
    """``text`` holds letters outside ASCII (another script, accented Latin) and is prose, its words counted in
    every script as :func:`_prose_words` counts English ones: a sentence of three or more words closed by a period
    (".", "。", "।"), or six or more words."""
    if text.isascii():
        return False
    outside = re.sub(r"\$[^$]*+\$|\\text\{[^{}]*+\}|\\[A-Za-z]++", " ", text[:_WINDOW])
    words = len(_ANY_WORD.findall(outside))
    return words >= 6 or words >= 3 and outside.rstrip().endswith((".", "\u3002", "\u0964"))


#: a gold of words only: letters, spaces, hyphens and apostrophes, at least two words
_WORD_PHRASE = re.compile(r"[^\W\d_]++(?:[ \t'\u2019-]++[^\W\d_]++)++\.?+")


def _worded_value(text: str) -> bool:
    """``text`` is a number or a clock time in words of several words ("three quarters", "two and a half",
    "half past two", "a quarter to 3"), read as a completion's words are; words that are no number of the grammar
    ("one two three") are not."""
    from rlvr.verifiers.lexicon import compound_number_words, foreign_number_words, number_words

    phrase = text.strip()
    if len(phrase) > 80:
        return False
    if _CLOCK_PHRASE.fullmatch(phrase.rstrip(".")) is not None:
        return True  # "half past 2", "a quarter to 3"
    if _WORD_PHRASE.fullmatch(phrase) is None:
        return False
    low = phrase.rstrip(".").lower()
    return (
        _spelled_value(re.split(r"[ \t]++", low), number_words) is not None
        or foreign_number_words(low) is not None  # "vingt et un", "treinta y dos"
        or compound_number_words(low) is not None  # "yirmi dört"
        or _CLOCK_PHRASE.search(phrase) is not None
    )


def _looks_like_solution(text: str) -> bool:
    """Prose with sentences (a worked solution), not a bare answer like ``5 \\text{ cm}`` or ``x \\in [1,2]``."""
    if _PHRASE.search(text):
        return True
    words = _prose_words(text)
    return len(words) >= 6 or "\n" in text.strip() and len(words) >= 3


def _prose_words(text: str) -> list[str]:
    """The words of ``text`` outside math spans, ``\\text{…}`` and LaTeX commands."""
    outside = re.sub(r"\$[^$]*+\$|\\\((?:[^\\]|\\(?!\)))*+\\\)|\\text\{[^{}]*+\}", " ", text[:_WINDOW])
    return re.findall(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z]++", " ", outside))


_SENTENCE_VERB = re.compile(r"(?i)\b(?:is|are|was|were|equals)\b")


def _is_sentence(text: str) -> bool:
    """A one-sentence gold ("The sum is 5.", "There are 5 ways."): read by its final statement, like a solution."""
    words = _prose_words(text)
    if len(words) >= 3 and text.rstrip().endswith(".") and not text.rstrip().endswith(".."):
        return True  # "Thus she makes $18.": a sentence with a verb the short list lacks
    return len(words) >= 2 and _SENTENCE_VERB.search(" ".join(words)) is not None


# ---------------------------------------------------------------- what does not render


#: a GSM8K calculator annotation: ``<<expression=value>>`` of arithmetic only, followed by its value (``9 * 2 =
#: <<9*2=18>>18``); anything else in ``<<…>>`` (``<<or 6>>``, ``<<not sure>>``, ``<<5+1=6>>`` after a 5) renders
#: as written and is read
_CALCULATOR = re.compile(r"<<([-+*/^().,\d \u00d7\u00f7x%$]{1,200}+)=[ ]?+(-?\d[\d.,]{0,60}+)>>(?=[ ]?+\2(?![\d]))")
#: a remark in ``<<…>>`` that is no calculation (words without digits: ``<<I guessed>>``, ``<<not verified>>``): it
#: renders as written, so it is read like a remark in parentheses — a cue word in it hedges the answer before it
_ANGLE_REMARK = re.compile(r"<<([^<>\n\d]{1,120}+)>>")
#: struck-out text (``~~5~~``, ``<s>``/``<del>``, ``\\cancel{…}``, ``\\sout{…}``) is no answer (``\\cancelto{6}{5}`` shows
#: 6); other boxes are boxes
#: (``\\colorbox{yellow}{5}``, ``\\fcolorbox{red}{white}{5}``, ``\\bbox{5}``); HTML emphasis is dropped and
#: ``<sup>``/``<sub>`` are scripts; inline elements that render their content as text (``<var>``, ``<ins>``,
#: ``<cite>``, ``<dfn>``, ``<abbr>``, ``<bdi>``) are dropped like emphasis
_MARKUP = re.compile(
    r"~~[^~\n]{1,200}+~~|<(?<![^\\]\\<)(?<!^\\<)(s|del|strike)>[^<]{0,200}+</\1>|\\(?:x|b)?cancel\{[^{}]{0,200}+\}|\\cancelto\{[^{}]{0,200}+\}\{[^{}]{0,200}+\}|\\(?:sout|st)\{[^{}]{0,200}+\}"
    r"|\\(?:colorbox\{[^{}]{0,30}+\}|fcolorbox\{[^{}]{0,30}+\}\{[^{}]{0,30}+\}|bbox(?:\[[^\]]{0,30}+\])?+)(?=\{)"
    r"|</?(?:b|strong|i|em|u|mark|var|ins|cite|dfn|abbr|bdi)>|<sup>|</sup>|<sub>|</sub>"
)
_MARKUP_KEEP = {"<sup>": "^{", "</sup>": "}", "<sub>": "_{", "</sub>": "}"}


def _markup(m: re.Match[str]) -> str:
    t = m.group(0)
    if t in _MARKUP_KEEP:
        return _MARKUP_KEEP[t]
    if t.startswith("\\cancelto"):  # \cancelto{6}{5}: 5 struck out, with an arrow to the value 6
        return " " + t[len("\\cancelto{") : t.index("}")] + " "
    if t.startswith(("\\colorbox", "\\fcolorbox", "\\bbox")):
        return "\\boxed"
    if t.startswith("<") and not t.startswith(("<s>", "<del>", "<strike>")):
        return ""
    from rlvr.verifiers.lexicon import endorsement

    inner = (
        t[2:-2]
        if t.startswith("~~")
        else t[t.index(">") + 1 : t.rindex("<")]
        if t[0] == "<"
        else t[t.index("{") + 1 : -1]
    )
    return " \u2717 " if endorsement(inner) else " "  # a struck endorsement is withdrawn: "(~~verified~~)" is ✗


#: code a reader sees literally: inline code (`` `…` ``, ``` ``…`` ```), the raw-text elements ``<xmp>``, ``<textarea>``
#: (to their close) and ``<plaintext>`` (to the end)
_INLINE_CODE = re.compile(r"(?<![`\\])(`{1,2}+)(?!`)([^`\n]{1,400}+)(?<!`)\1(?!`)")
_RAW_TEXT = re.compile(r"(?i)<(xmp|textarea|plaintext)\b[^<>]{0,300}+>")
_FENCE = re.compile(r"[ ]{0,3}+(`{3,}+|~{3,}+)")


_LIST_ITEM = re.compile(r"[ ]{0,3}+(?:[-*+]|\d{1,9}+[.)])[ ]{1,4}+(?=\S)")


def _indent(line: str) -> int:
    """The column a line's text starts at (a tab to the next multiple of four)."""
    col = 0
    for ch in line[:64]:
        if ch == " ":
            col += 1
        elif ch == "\t":
            col += 4 - col % 4
        else:
            break
    return col


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that render as code, literally: fenced blocks (to their closing fence or the end),
    indented blocks (lines of four spaces or a tab after a blank line), inline code and raw-text elements.
    Linear."""
    spans: list[tuple[int, int]] = []
    pos, fence, code_start, prev_blank, indented = 0, "", 0, True, False
    item = -4  # the content column of the list item the lines continue (CommonMark): code is indented 4 past it
    while pos < len(text):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        if fence:
            m = _FENCE.match(line)
            if m is not None and m.group(1).startswith(fence) and not line[m.end() :].strip():
                spans.append((code_start, end))
                fence = ""
        elif (m := _FENCE.match(line)) is not None and (m.group(1)[0] == "~" or "`" not in line[m.end() :]):
            fence, code_start = m.group(1), pos
        elif _indent(line) >= item + 8 and line.strip() and (prev_blank or indented):
            spans.append((pos, end))
            indented = True
        else:
            indented = indented and not line.strip()
            if (li := _LIST_ITEM.match(line)) is not None:
                item = li.end() - 4
            elif line.strip() and prev_blank and _indent(line) < item + 4:
                item = -4  # a paragraph after the list
        prev_blank = not line.strip()
        pos = end + 1
    if fence:
        spans.append((code_start, len(text)))
    if "`" in text:
        spans += [(m.start(), m.end()) for m in _INLINE_CODE.finditer(text)]
    if "<" in text:
        lower, last = text.lower(), 0
        for m in _RAW_TEXT.finditer(text):
            if m.start() < last:
                continue  # inside a raw-text element its markup is text: each element is read once (linear)
            close = -1 if m.group(1).lower() == "plaintext" else lower.find(f"</{m.group(1).lower()}", m.end())
            last = len(text) if close < 0 else close
            spans.append((m.start(), last))
            if close < 0:
                break
    return sorted(spans)


def _in_spans(spans: list[tuple[int, int]], i: int) -> bool:
    from bisect import bisect_right

    k = bisect_right(spans, (i, len(spans) and 1 << 62)) - 1
    return any(a <= i < b for a, b in spans[max(0, k - 8) : k + 1])


#: MathJax's ``\\enclose`` with a notation that strikes (horizontal, vertical or diagonal strike), its attributes
_ENCLOSE_STRIKE = re.compile(
    r"\\enclose[ \t]*+\{[^{}]{0,80}?strike[^{}]{0,80}+\}(?:[ \t]*+\[[^\]]{0,120}+\])?+[ \t]*+(?=\{)"
)
#: what a Markdown renderer leaves alone: code spans and math (``$…$``, ``\\(…\\)``, ``\\[…\\]``), where ``~`` is a tie
_LITERAL_SPANS = re.compile(
    r"`[^`\n]{0,400}+`|\$\$.{0,2000}?\$\$|\$[^$\n]{0,400}+\$|\\\(.{0,2000}?\\\)|\\\[.{0,2000}?\\\]", re.S
)
#: a single tilde (not part of ``~~``)
_SINGLE_TILDE = re.compile(r"(?<!~)~(?!~)")


def _flanking(text: str, i: int) -> tuple[bool, bool]:
    """(can open, can close) for the delimiter at ``i`` by CommonMark's flanking rules."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    punct_before, punct_after = (
        not before.isalnum() and not before.isspace(),
        not after.isalnum() and not after.isspace(),
    )
    left = not after.isspace() and (not punct_after or before.isspace() or punct_before)
    right = not before.isspace() and (not punct_before or after.isspace() or punct_after)
    return left, right


def _single_tilde_strikes(text: str) -> str:
    """GFM strikethrough with one tilde (``~5~``, ``~\\boxed{5}~``) rewritten as ``~~5~~``: a pair on one line by
    the flanking rules, outside code and math spans; a lone ``~5`` (about 5) and ``23 ~ 24`` stay."""
    spans = [m.span() for m in _LITERAL_SPANS.finditer(text)]
    starts = [a for a, _ in spans]
    newlines = [m.start() for m in re.finditer("\n", text)]
    opener: int | None = None
    pairs: list[tuple[int, int]] = []
    for m in _SINGLE_TILDE.finditer(text):
        i = m.start()
        k = bisect.bisect_right(starts, i) - 1
        if k >= 0 and i < spans[k][1]:
            continue
        if opener is not None and bisect.bisect(newlines, opener) != bisect.bisect(newlines, i):
            opener = None
        left, right = _flanking(text, i)
        if right and opener is not None and i > opener + 1:
            pairs.append((opener, i))
            opener = None
        elif left:
            opener = i
    out: list[str] = []
    pos = 0
    for a, b in pairs:
        out.append(text[pos:a] + "~~" + text[a + 1 : b] + "~~")
        pos = b + 1
    return "".join(out) + text[pos:]


def visible(text: str, reading: str = "hidden") -> str:
    """``text`` without what does not render, in one of two readings (docs/verifiers.md, "What renders").

    Every hiding decision is certain (nothing in the completion can undo it) or uncertain (a cascade, a class, a
    style sheet, a background, nested colour, opacity, scale or move constructs, a shadow or stroke could show the
    text after all). The ``"shown"`` reading removes only what certainly does not render; the ``"hidden"`` reading
    also removes what might not render, and text on a background the completion sets that does not certainly
    contrast with it (:data:`rlvr.verifiers.invisible.LEGIBLE_CONTRAST`). A completion must pass in both.

    What does not render: LaTeX ``%`` comments, HTML comments, ``\\phantom{…}``,
    ``\\iffalse … \\fi``, comment environments, white text (``\\textcolor{white}{…}``, ``#FFFFFF``,
    ``[rgb]{1,1,1}``; ``{\\color{white} …}`` to the end of its group), ``\\scalebox{0}``/``\\resizebox`` to zero,
    ``<script>``/``<style>``/``<template>``, a collapsed ``<details>`` (not its ``<summary>``), Markdown link
    reference definitions (not GFM footnote definitions, ``[^x]: …``, which render), HTML elements that are
    ``hidden`` or styled or classed invisible (:mod:`rlvr.verifiers.invisible`), boxes scaled to nothing or moved off the page, colours the completion defines
    as white. Linear: each hidden region is skipped once."""
    return _reading(text, reading == "hidden", "answer")[0]


def _reading(text: str, strict: bool, answer_tag: str) -> tuple[str, bool]:
    """:func:`_visible`; the hidden reading (``strict``) then keeps only what is known to render plainly
    (:mod:`rlvr.verifiers.render_allowlist`: an unknown TeX command, environment, HTML element, attribute or CSS
    declaration makes what it governs uncertain), with the completion's macros expanded first so their bodies
    are judged."""
    shown, uncertain = _visible(text, strict)
    if "opacity" in shown and "<" in shown:  # nested opacities that multiply to nothing: certainly hidden
        shown = without_faded(shown, _code_spans(shown), text)
    if not strict or ("\\" not in shown and "<" not in shown):
        return shown, uncertain
    if "\\def" in shown or "command" in shown:
        shown = expand_macros(shown)
    code = (
        _code_spans(shown)
        if "`" in shown or "~~~" in shown or "\n    " in shown or "\n\t" in shown or _RAW_TEXT.search(shown)
        else []
    )
    targets = sheet_targets(text) if "<" in text else SheetTargets()
    painted = _BACKGROUND.search(text) is not None
    kept, cut = positively_rendered(shown, code, targets, frozenset((answer_tag.lower(),)), painted)
    return kept, uncertain or cut


def _visible(text: str, strict: bool) -> tuple[str, bool]:
    """:func:`visible` in the hidden reading (``strict``) or the shown one, and whether any decision was
    uncertain."""
    from rlvr.verifiers.lexicon import endorsement

    if "<<" in text:  # GSM8K calculator annotations: 9 * 2 = <<9*2=18>>18
        text = _ANGLE_REMARK.sub(r" (\1)", _CALCULATOR.sub("", text))
    if "\\enclose" in text:  # \enclose{horizontalstrike}{…} is \sout{…}
        text = _ENCLOSE_STRIKE.sub(r"\\sout", text)
    if "~" in text:
        text = _single_tilde_strikes(text)
    backgrounds = _BACKGROUND.search(text) is not None
    uncertain = False
    if backgrounds and strict:  # text drawn on a background the completion sets: legible only if it contrasts
        painted = _illegible_removed(text)
        uncertain, text = painted != text, painted
    uncertain = uncertain or backgrounds and not strict
    code = (
        _code_spans(text) if "`" in text or "~~~" in text or "\n    " in text or "\n\t" in text or "<" in text else []
    )
    if _MARKUP.search(text):  # struck or decorated, except in code, which shows its markup literally
        text = _MARKUP.sub(lambda m: m.group(0) if code and _in_spans(code, m.start()) else _markup(m), text)
        code = _code_spans(text) if code else []
    if "\\ding" in text:  # pifont's dingbats: \ding{55} is ✗
        text = _DING.sub(lambda d: _DINGBATS[d.group(1)], text)
    if "\\!\\!" in text:  # negative spaces pull a slash back over what precedes it: struck through, ✗
        text = _OVERSTRIKE.sub(" \u2717", text)
    if not _HIDDEN.search(text):
        return text, uncertain
    out: list[str] = []
    pos = 0
    n = len(text)
    local = _local_hiding(text)
    sheets = "<style" in text.lower()
    raw_reached = sheets and sheets_reach_raw_elements(text)  # a sheet rule could show a <script> (read once)
    geometry = len(_GEOMETRY.findall(text)) if "\\" in text else 0  # how many scale or move constructs
    opacities = text.count("transparent")  # \transparent switches, or CSS transparent colours

    rescan = n // 4 + 20_000  # characters the shown reading may scan again for regions it leaves shown
    math: list[tuple[int, int, int, int]] | None = None
    tex_source = False
    tex_document = _TEX_DOCUMENT.search(text) is not None  # TeX prints "<!--", hides \phantom everywhere
    body = (text.find("\\begin{document}"), text.rfind("\\end{document}")) if tex_document else (-1, -1)

    def printed(i: int) -> bool:
        """Whether TeX prints the text at ``text[i]`` of a TeX document: inside its body, if it marks one."""
        return tex_document and body[0] <= i and (body[1] < 0 or i < body[1])

    def typeset(i: int) -> bool:
        """Whether TeX certainly typesets ``text[i]``: in a TeX document, in a text with no math delimiters (TeX
        throughout) or in a math span. Outside math a page with math delimiters is Markdown, which shows a TeX
        command (``\\phantom{…}``, ``\\textcolor{white}{…}``) as literal text."""
        in_math = tex_comment(i, in_math=True)  # (reads the math spans once)
        return tex_document or in_math or not math

    def tex_comment(i: int, in_math: bool) -> bool:
        """Whether a TeX comment (``%``, ``\\iffalse``, a ``comment`` environment) at ``text[i]`` certainly hides:
        anywhere in TeX source (TeX commands, no math delimiters, no HTML), and, when ``in_math`` (a ``%``
        comment, which MathJax and KaTeX read too; they know no ``\\iffalse`` and no ``comment`` environment),
        inside a math span. Elsewhere a Markdown page shows it as text and a TeX document does not."""
        nonlocal math, tex_source
        if math is None:
            math = _math_spans(text)
            tex_source = (
                not math and not _MATH_OR_HTML.search(text) and bool(_TEX_SOURCE.search(_TEX_COMMENT.sub("", text)))
            )
        if tex_source:
            return True
        if not in_math:
            return False
        k = bisect.bisect_right(math, (i, 1 << 62)) - 1
        return k >= 0 and math[k][1] <= i < math[k][2]

    def affordable() -> bool:
        """Whether the region of a hiding construct may be measured; past the budget the shown reading leaves
        the construct shown without measuring (linear time on nested hiding constructs)."""
        nonlocal uncertain
        if strict or rescan > 0:
            return True
        uncertain = True
        return False

    def hide(certain: bool, start: int, end: int) -> bool:
        """Whether to hide in this reading: a certain decision always, an uncertain one in the hidden reading."""
        nonlocal uncertain, rescan
        uncertain = uncertain or not certain
        if not certain and not strict:
            rescan -= end - start
        return certain or strict

    for m in _HIDDEN.finditer(text):
        s = m.start()
        if s < pos:
            continue
        if rescan <= 0 and not strict:  # hostile input: the rest stays shown (the hidden reading judges it whole)
            uncertain = True
            break
        if code and _in_spans(code, s):  # "`<!-- or 6 -->`": code shows its markup
            if m.group(0).endswith("phantom"):  # literally, so no later reader drops its argument as unrendered
                out.append(text[pos:s])
                pos = s + 1
            continue
        tok = m.group(0)
        if (
            text[s - 1 : s] == "\\" and tok[0] == "<" and _escaped(text, s)
        ):  # "\<!-- or 6 -->", "\<span hidden>": Markdown shows "<"
            continue
        if tok == "%":
            if _escaped(text, s) or _percent_sign(text, s):
                continue
            end = text.find("\n", s)
            if not hide(tex_comment(s, in_math=True), s, n if end < 0 else end):
                continue
            out.append(text[pos:s])
            pos = n if end < 0 else end
        elif tok in ("<?", "<!"):  # a bogus comment (HTML): "<? … ?>", "<![CDATA[ … ]]>", "<!x …>", to the next ">"
            end = text.find(">", s)
            out.append(text[pos:s])
            pos = n if end < 0 else end + 1
        elif tok == "<!--":  # as HTML parses it: "<!-->" and "<!--->" are empty, "--!>" also closes one
            close = _COMMENT_CLOSE.search(text, s + 4) if not text.startswith((">", "->"), s + 4) else None
            if printed(s) and not hide(False, s, n if close is None else close.end()):
                # TeX prints an HTML comment ("\begin{document} … <!-- or 6 -->"): its words, its marks aside
                out.append(text[pos:s] + " " + text[s + 4 : n if close is None else close.start()] + " ")
                pos = n if close is None else close.end()
                continue
            out.append(text[pos:s])
            if text.startswith((">", "->"), s + 4):
                pos = text.index(">", s + 4) + 1
            else:
                pos = n if close is None else close.end()
        elif tok.startswith(("\\textcolor", "\\color", "\\mathcolor")):
            if not _colour_hides(m.group("model"), m.group("spec")) and m.group("spec").strip() not in local.colours:
                continue
            if backgrounds:  # the painter judged it against its background in the hidden reading
                uncertain = True
                continue
            if not affordable():
                continue
            # a switch: white to the next switch or the end of the enclosing group
            end = _switch_end(text, m.end()) if tok.startswith("\\color") else _skip_group(text, m.end())
            literal = tok.startswith(("\\textcolor", "\\mathcolor")) and not typeset(s)  # Markdown prose shows it
            if not hide(not _RESHOW.search(text, m.end(), end) and not literal, s, end):
                if literal:  # shown as text: its argument's words are read
                    out.append(text[pos:s] + _literal_argument(text, m.end(), end))
                    pos = end
                continue  # re-coloured inside: "\textcolor{white}{\textcolor{black}{…}}"
            out.append(text[pos:s])
            pos = end
        elif tok.startswith(("\\transparent", "\\texttransparent")):  # opacity 0: a switch, or its argument
            if not affordable():
                continue
            end = _group_end(text, m.end()) if tok.startswith("\\transparent") else _skip_group(text, m.end())
            if not hide(opacities == 1 and not _RESHOW.search(text, m.end(), end), s, end):
                continue  # "\transparent{0}\transparent{1} or 6"
            out.append(text[pos:s])
            pos = end
        elif tok.startswith(("\\cancel", "\\xcancel", "\\bcancel", "\\sout", "\\st", "\\xout")):
            end = _skip_group(text, m.end())  # struck out, with groups inside (\sout{\boxed{5}}): no answer
            out.append(text[pos:s] + (" \u2717 " if endorsement(text[m.end() : end]) else " "))  # \cancel{\text{sure}}
            pos = end
        elif tok.startswith(("\\sbox", "\\savebox")):  # stored in a box register, drawn only by \usebox
            if "\\usebox" in text:
                continue
            out.append(text[pos:s])
            pos = _skip_group(text, m.end())
        elif tok.lstrip(" \t").startswith("["):  # a Markdown comment: [//]: # (…), [comment]: <> (…)
            prev = text[text.rfind("\n", 0, max(s - 1, 0)) + 1 : max(s - 1, 0)]
            end = text.find("\n", m.end())
            end = n if end < 0 else end
            # a definition cannot interrupt a paragraph (CommonMark), though other renderers may read one: after a
            # paragraph line it is uncertain
            if prev.strip() and not _BLOCK_LINE.match(prev) and not hide(False, s, end):
                continue
            out.append(text[pos:s])
            pos = end
        elif tok.startswith(("\\hspace", "\\vspace")):  # a huge negative space moves the rest of its line away
            if (far := tex_points(m.group("move"))) is None or far > -FAR_POINTS or not affordable():
                continue
            end = text.find("\n", m.end())
            end = n if end < 0 else end
            if not hide(geometry == 1, s, end):
                continue  # "\hspace{-1000pt}\hspace{1000pt}or 6": moved back
            out.append(text[pos:s])
            pos = end
        elif tok.startswith(("\\raisebox", "\\adjustbox")):  # lifted off the page, or scaled to nothing
            lift = tex_points(m.group("lift")) if m.group("lift") is not None else None
            if not (
                lift is not None and abs(lift) >= FAR_POINTS or m.group("adjust") and adjustbox_hides(m.group("adjust"))
            ):
                continue
            if not affordable():
                continue
            end = _skip_group(text, m.end())
            if not hide(geometry == 1 and not _RESHOW.search(text, m.end(), end), s, end):
                continue  # "\raisebox{1000pt}{\raisebox{-1000pt}{…}}": moved back
            out.append(text[pos:s])
            pos = end
        elif tok.endswith("phantom") or tok.startswith(("\\scalebox", "\\resizebox")):
            if tok.startswith("\\scalebox") and not tex_scale_hides(m.group("scale")):
                continue
            if tok.startswith("\\resizebox") and not _resized_away(tok):
                continue
            if not tok.endswith("phantom") and not affordable():
                continue
            end = _skip_group(text, m.end())
            if not tok.endswith("phantom") and not hide(
                geometry == 1 and not _RESHOW.search(text, m.end(), end), s, end
            ):
                continue  # "\scalebox{0.05}{\scalebox{40}{…}}": scaled back
            if tok.endswith("phantom") and not hide(typeset(s), s, end):
                out.append(text[pos:s] + _literal_argument(text, m.end(), end))  # "$\boxed{5}$ \phantom{or 6}":
                pos = end  # Markdown prose shows the command and its argument as text
                continue
            # \phantom and \hphantom leave a gap as wide as their content ("1\phantom{0}5" shows "1 5")
            gap = " " if tok.endswith(("\\phantom", "\\hphantom")) else ""
            out.append(text[pos:s] + gap)
            pos = _skip_group(text, m.end())
        elif tok.startswith("<"):  # <span style="display:none">…</span>, <div hidden>…</div>, <script>…</script>
            name = m.group("raw") or m.group("tag")
            attrs = m.group("attrs") or ""
            collapsed = name.lower() == "details" and not re.search(r"(?i)\bopen\b", attrs)
            if m.group("raw") is None and not collapsed and _attrs_verdict(attrs, local.classes, True, "") is None:
                continue
            if not affordable():
                continue
            closer = _end_tag(name).search(text, m.end())
            end = n if closer is None else closer.start()
            if m.group("raw") is not None:  # a shadow-root template renders (declarative shadow DOM); a style can
                # show the element: its own style attribute, or a sheet rule of its type ("script{display:block}")
                certain = not re.search(r"(?i)\bshadowroot|\bstyle[ \t]*+=", m.group(0)) and not (
                    raw_reached or sheets and re.search(r"(?i)\b(?:class|id)[ \t]*+=", m.group(0))
                )
            elif collapsed:  # a collapsed <details> shows its <summary>, and the rest on a click
                certain = False
            else:
                verdict = _attrs_verdict(attrs, local.classes, sheets or backgrounds, text[m.end() : end])
                if verdict is None:
                    continue
                certain = verdict
            if not hide(certain, s, end):
                continue
            out.append(text[pos:s])
            if collapsed and (summary := _SUMMARY.search(text, m.end(), end)) is not None:
                out.append(" " + summary.group(1) + " ")
            pos = n if closer is None else closer.start() if closer.group(0)[1] != "/" else closer.end()
        else:
            closer = "\\fi" if tok.startswith("\\iffalse") else "\\end{comment}"
            end = text.find(closer, m.end())
            if not hide(tex_comment(s, in_math=False), s, n if end < 0 else end):
                continue
            out.append(text[pos:s])
            pos = n if end < 0 else end + len(closer)
        if pos >= n:
            break
    out.append(text[pos:])
    return "".join(out), uncertain


#: a TeX command, and what makes a completion no TeX source (a math delimiter, an HTML tag); what a TeX comment
#: holds is no evidence either way (linear: an unclosed one runs to the end)
_TEX_SOURCE = re.compile(r"\\[A-Za-z]")
_MATH_OR_HTML = re.compile(r"\$|\\[(\[]|<[A-Za-z/!?]")
_TEX_COMMENT = re.compile(
    r"%[^\n]*+|\\iffalse(?![A-Za-z])(?:[^\\]++|\\(?!fi(?![A-Za-z])))*+(?:\\fi)?"
    r"|\\begin\{comment\}(?:[^\\]++|\\(?!end\{comment\}))*+(?:\\end\{comment\})?"
)
_COMMENT_CLOSE = re.compile(r"--!?>")


def _literal_argument(text: str, lo: int, hi: int) -> str:
    """The words of a command's argument group ``text[lo:hi]`` that a page shows as literal text (its braces
    aside), set apart from what surrounds it."""
    arg = text[lo:hi].strip()
    return " " + (arg[1:-1] if arg.startswith("{") and arg.endswith("}") else arg) + " "


#: the frame of a TeX document: what it holds is typeset by TeX (an HTML comment is printed), not read as Markdown
_TEX_DOCUMENT = re.compile(r"\\documentclass(?![A-Za-z])|\\begin[ \t]*+\{document\}")
#: a Markdown line that is no paragraph text (a definition, heading, fence, rule or HTML block): a link reference
#: definition may follow it
_BLOCK_LINE = re.compile(r"[ \t]{0,3}+(?:\[[^\]\n]{1,40}+\]:|#{1,6}+(?:[ \t]|$)|```|~~~|(?:[-*_][ \t]*+){3,}+$|<)")
#: elements whose start tag closes an open ``<p>`` (HTML's implied end tags)
_CLOSES_P = (
    "p|address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|h[1-6]|header|hr|main|menu|nav"
    "|ol|pre|section|table|ul"
)


@lru_cache(maxsize=256)
def _end_tag(name: str) -> re.Pattern[str]:
    """What ends an element named ``name``: its end tag, which may carry junk (``</span/>``, ``</span x="y">``),
    and for ``<p>`` a start tag that implies its end."""
    end = rf"</{re.escape(name)}(?=[\s/>])[^<>]{{0,300}}+>"
    if name.lower() == "p":
        end += rf"|<(?:{_CLOSES_P})(?=[\s/>])[^<>]{{0,300}}+>"
    return re.compile("(?i)" + end)


#: a background the completion sets (LaTeX boxes, page and table colours, soul's highlight, CSS and HTML)
_BACKGROUND = re.compile(
    r"\\(?:colorbox|fcolorbox|pagecolor|cellcolor|rowcolor|columncolor|hl|sethlcolor)(?![A-Za-z])"
    r"|(?i:background|bgcolor)"
)
#: what can re-colour, re-style, re-scale or move back the text inside a hidden region
_RESHOW = re.compile(
    r"\\(?:textcolor|mathcolor|color|pagecolor|colorbox|fcolorbox|transparent|texttransparent|contour|scalebox"
    r"|resizebox|adjustbox|raisebox|[hv]space|kern|hskip|vskip|rlap|llap|makebox|hl)(?![A-Za-z])|<[A-Za-z]"
)
#: TeX constructs that scale or move a box: a hiding one is certain only when it is the only one in the text
_GEOMETRY = re.compile(
    r"\\(?:scalebox|resizebox|adjustbox|raisebox|[hv]space|kern|hskip|vskip|rlap|llap|makebox|moveleft|moveright"
    r"|raise|lower|rotatebox|reflectbox|smash)(?![A-Za-z])"
)
_SUMMARY = re.compile(r"(?is)<summary\b[^<>]{0,300}+>(.{0,2000}?)</summary\s*+>")
#: what sets a text or background colour, and the groups and elements that scope it
_PAINT = re.compile(
    r"\\(?P<box>colorbox|textcolor|mathcolor)(?![A-Za-z])[ \t]*+(?:\[(?P<bm>[^\]]{0,30}+)\])?+[ \t]*+"
    r"\{(?P<bspec>[^{}]{0,60}+)\}[ \t]*+(?=\{)"
    r"|\\(?P<fbox>fcolorbox)[ \t]*+(?:\[(?P<fm>[^\]]{0,30}+)\])?+[ \t]*+\{[^{}]{0,60}+\}[ \t]*+"
    r"\{(?P<fspec>[^{}]{0,60}+)\}[ \t]*+(?=\{)|\\(?P<hl>hl)[ \t]*+(?=\{)"
    r"|\\(?P<switch>color|pagecolor|cellcolor|rowcolor|columncolor|sethlcolor)(?![A-Za-z])[ \t]*+"
    r"(?:\[(?P<sm>[^\]]{0,30}+)\])?+[ \t]*+\{(?P<sspec>[^{}]{0,60}+)\}"
    r"|\\[{}\\]|(?P<open>\{)|(?P<close>\})"
    r"|<(?P<tag>[A-Za-z][A-Za-z0-9]{0,10}+)\b(?P<attrs>[^<>]{0,300}+)?+>|</(?P<end>[A-Za-z][A-Za-z0-9]{0,10}+)\s*+>"
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_CSS_BACKGROUND = re.compile(r"(?i)(?<![-\w])background(?:-color)?+\s*+:\s*+([^;]{0,120}+)")
_CSS_COLOUR = re.compile(r"(?i)(?<![-\w])color\s*+:\s*+([^;]{0,120}+)")
_BGCOLOR_ATTR = re.compile(r"""(?i)(?<![-\w])bgcolor\s*+=\s*+["']?+([^"'\s>]{1,40}+)""")
_COLOR_ATTR = re.compile(r"""(?i)(?<![-\w])color\s*+=\s*+["']?+([^"'\s>]{1,40}+)""")
_STYLE_VALUES = re.compile(r"""(?i)(?<![-\w])style\s*+=\s*+(?:"([^"]{0,300}+)"|'([^']{0,300}+)'|([^\s"'<>]{1,300}+))""")
#: the most nested scopes and the most colour, group and element tokens the painter tracks; the text after them
#: is not certainly legible (a real completion has far fewer; this bounds the scan's cost on hostile input)
_MAX_PAINT_DEPTH = 256
_MAX_PAINT_TOKENS = 20_000

_RGB = tuple[float, float, float]
_Colour = tuple[_RGB, float] | None
#: a scope of the painter: its closing tag name ("{" for a TeX group, "" for the page), text colour, background
#: (``None`` when unknown) and whether the completion set a background
_Scope = tuple[str, _Colour, _RGB | None, bool]


def _tex_colour(model: str | None, spec: str, local: dict[str, _Colour]) -> _Colour:
    from rlvr.verifiers.invisible import latex_colour

    spec = spec.strip()
    return local[spec] if spec in local else latex_colour(model, spec)


def _css_background(value: str) -> _Colour | bool:
    """A CSS ``background`` value's colour; ``False`` when it sets none (``none``), ``None`` when unknown."""
    from rlvr.verifiers.invisible import css_colour

    v = value.strip().lower().replace("!important", "").strip()
    if (c := css_colour(v)) is not None:
        return c
    if "gradient" in v or "url(" in v or "var(" in v:
        return None
    for word in v[:120].split():
        if (c := css_colour(word)) is not None:
            return c
    return False if v in ("none", "", "initial", "unset", "inherit") else None


def _illegible_removed(text: str) -> str:
    """``text`` with the text that does not certainly contrast with a background the completion sets under it
    replaced by a bar (█, what a reader sees), and text that does not show on the white page by a space.

    One scan tracks the text colour (black by default; ``\\color`` switches, ``\\textcolor``, CSS ``color`` and the
    ``color`` attribute, inherited by nested groups and elements) and the background (white by default;
    ``\\colorbox``, ``\\fcolorbox``, ``\\hl``, ``\\pagecolor`` and table colours to the end of their group, CSS
    ``background``/``background-color`` and ``bgcolor`` on any element). Removed: text on a set background with a
    contrast ratio below :data:`~rlvr.verifiers.invisible.LEGIBLE_CONTRAST` or in a colour the scan cannot read;
    text on the white page of a contrast of at most :data:`~rlvr.verifiers.invisible.MAX_CONTRAST`; all that
    follows nesting deeper than :data:`_MAX_PAINT_DEPTH` or more than :data:`_MAX_PAINT_TOKENS` tokens. Markup is
    kept; code spans are text. Linear: one pass, a closing tag searched 16 scopes deep."""
    from rlvr.verifiers.invisible import BLACK, LEGIBLE_CONTRAST, MAX_CONTRAST, WHITE, contrast, css_colour, over

    local: dict[str, _Colour] = {}
    if "\\definecolor" in text or "\\colorlet" in text:
        for d in _DEFINE_COLOUR.finditer(text):
            name, model, spec = (d.group(1), d.group(2), d.group(3)) if d.group(1) else (d.group(4), None, d.group(5))
            local[name.strip()] = _tex_colour(model, spec, local)
    code = _code_spans(text) if "`" in text or "~~~" in text or "<" in text or "\n    " in text else []
    top: _Scope = ("", (BLACK, 1.0), WHITE, False)
    stack: list[_Scope] = []
    opened: set[str] = set()  # the element names opened so far
    tokens = 0
    highlight: _Colour = ((1.0, 1.0, 0.0), 1.0)  # soul's \hl: yellow unless \sethlcolor says otherwise
    out: list[str] = []
    pos = 0

    def paint(segment: str) -> str:
        _, fg, bg, set_bg = top
        if not segment.strip():
            return segment
        if not set_bg:  # on the page: hidden when it does not show on white (an unknown colour shows)
            return " " if fg is not None and contrast(over(fg, WHITE), WHITE) <= MAX_CONTRAST else segment
        if fg is None or bg is None or contrast(over(fg, bg), bg) < LEGIBLE_CONTRAST:
            return " \u2588 "  # what a reader sees: a bar, no answer
        return segment

    def background(colour: _Colour | bool) -> tuple[_RGB | None, bool]:
        if colour is False:
            return top[2], top[3]
        if colour is None or top[2] is None:
            return None, True
        return over(colour, top[2]), True  # type: ignore[arg-type]

    for m in _PAINT.finditer(text):
        if m.start() < pos or code and _in_spans(code, m.start()):
            continue
        tokens += 1
        if len(stack) > _MAX_PAINT_DEPTH or tokens > _MAX_PAINT_TOKENS:  # past what is tracked: not certainly legible
            return "".join(out) + " "
        out.append(paint(text[pos : m.start()]) + m.group(0))
        pos = m.end()
        if m.group("box") or m.group("fbox") or m.group("hl"):
            stack.append(top)
            if m.group("box") in ("textcolor", "mathcolor"):
                top = ("{", _tex_colour(m.group("bm"), m.group("bspec"), local), top[2], top[3])
            else:
                colour = (
                    highlight
                    if m.group("hl")
                    else _tex_colour(m.group("fm"), m.group("fspec"), local)
                    if m.group("fbox")
                    else _tex_colour(m.group("bm"), m.group("bspec"), local)
                )
                top = ("{", top[1], *background(colour))
            out.append("{")
            pos = m.end() + 1  # the argument's brace opens this scope
        elif m.group("switch"):
            colour = _tex_colour(m.group("sm"), m.group("sspec"), local)
            if m.group("switch") == "color":
                top = (top[0], colour, top[2], top[3])
            elif m.group("switch") == "sethlcolor":
                highlight = colour
            else:
                top = (top[0], top[1], *background(colour))
        elif m.group("open"):
            stack.append(top)
            top = ("{", *top[1:])
        elif m.group("close"):
            while stack and top[0] not in ("{", ""):
                top = stack.pop()  # an element left open inside the group closes with it
            if stack:
                top = stack.pop()
        elif m.group("tag"):
            name, attrs = m.group("tag").lower(), m.group("attrs") or ""
            if name in _VOID or attrs.rstrip().endswith("/"):
                continue
            opened.add(name)
            stack.append(top)
            fg, (bg, set_bg) = top[1], top[2:]
            if (c := _COLOR_ATTR.search(attrs)) is not None:
                fg = css_colour(c.group(1))
            if (c := _BGCOLOR_ATTR.search(attrs)) is not None:
                bg, set_bg = background(_css_background(c.group(1)))
            for style in _STYLE_VALUES.finditer(attrs):
                value = style.group(1) or style.group(2) or style.group(3) or ""
                for b in _CSS_BACKGROUND.finditer(value):
                    bg, set_bg = background(_css_background(b.group(1)))
                for c in _CSS_COLOUR.finditer(value):
                    fg = css_colour(c.group(1))
            top = (name, fg, bg, set_bg)
        elif m.group("end"):
            name = m.group("end").lower()
            if top[0] == name:
                top = stack.pop() if stack else top
                continue
            if name not in opened:
                continue
            for k in range(len(stack) - 1, max(0, len(stack) - 16), -1):  # elements left open inside it close too
                if stack[k][0] == name:
                    top = stack[k - 1]
                    del stack[k - 1 :]
                    break
    out.append(paint(text[pos:]))
    return "".join(out)


#: pifont's check and cross dingbats (``\\ding{55}`` is ✗), read as the characters they draw
_DING = re.compile(r"\\ding[ \t]*+\{[ \t]*+(5[1-6])[ \t]*+\}")
_OVERSTRIKE = re.compile(r"(?:\\!){2,}+[ \t]*+/")
_DINGBATS = {"51": "\u2713", "52": "\u2714", "53": "\u2715", "54": "\u2716", "55": "\u2717", "56": "\u2718"}
_DEFINE_COLOUR = re.compile(
    r"\\definecolor[ \t]*+\{([^{}]{1,30}+)\}[ \t]*+\{([^{}]{1,10}+)\}[ \t]*+\{([^{}]{1,60}+)\}"
    r"|\\colorlet[ \t]*+\{([^{}]{1,30}+)\}[ \t]*+\{([^{}]{1,60}+)\}"
)
_STYLE_OPEN = re.compile(r"(?i)<style\b[^<>]{0,300}+>")


@dataclass(frozen=True)
class _LocalHiding:
    """What the completion itself defines as invisible: colour names (``\\definecolor{bg}{rgb}{1,1,1}``,
    ``\\colorlet{c}{white}``) and CSS classes of its ``<style>`` sheets (``.x{display:none}``)."""

    colours: frozenset[str] = frozenset()
    classes: frozenset[str] = frozenset()


def _local_hiding(text: str) -> _LocalHiding:
    from rlvr.verifiers.invisible import hiding_classes

    colours: set[str] = set()
    if "\\definecolor" in text or "\\colorlet" in text:
        for d in _DEFINE_COLOUR.finditer(text):
            name, model, spec = (d.group(1), d.group(2), d.group(3)) if d.group(1) else (d.group(4), None, d.group(5))
            if _colour_hides(model, spec) or spec.strip() in colours:
                colours.add(name.strip())
    classes: set[str] = set()
    lower = text.lower() if "<" in text else ""
    if "<style" in lower:
        pos = 0
        for st in _STYLE_OPEN.finditer(text):
            if st.start() < pos:
                continue  # "<style>" inside a sheet is its text: each sheet is read once (linear)
            close = lower.find("</style", st.end(), st.end() + 20_000)
            pos = close if close >= 0 else st.end() + 20_000
            classes |= hiding_classes(text[st.end() : pos])
    return _LocalHiding(frozenset(colours), frozenset(classes))


def _resized_away(tok: str) -> bool:
    """``\\resizebox{w}{h}`` with a width or height of (nearly) zero."""
    from rlvr.verifiers.invisible import TINY_POINTS, tex_points

    dims = re.findall(r"\{([^{}]{0,20}+)\}", tok)
    return any((p := tex_points(d)) is not None and abs(p) <= TINY_POINTS for d in dims)


#: a macro defined without parameters: ``\\newcommand{\\ans}{5}``, ``\\renewcommand\\ans{5}``, ``\\def\\ans{5}``
_MACRO_DEF = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand)\*?+[ \t]*+(?:\{[ \t]*+\\([A-Za-z]{1,40}+)[ \t]*+\}|\\([A-Za-z]{1,40}+))[ \t]*+(?=\{)"
    r"|\\def[ \t]*+\\([A-Za-z]{1,40}+)[ \t]*+(?=\{)"
)
_MACRO_USE = re.compile(r"\\([A-Za-z]++)")
#: an expansion may grow the text by at most this many characters, plus :data:`MACRO_GROWTH_PER_CHAR` per character
#: of the text (nested macros can grow it exponentially; a short macro used on every line grows it linearly)
MAX_MACRO_GROWTH = 10_000
MACRO_GROWTH_PER_CHAR = 8


def expand_macros(text: str) -> str:
    """``text`` with the macros it defines without parameters expanded as TeX renders them: each definition is
    deleted and the uses after it replaced by its body (the body's own uses of earlier macros expanded when it is
    defined; ``\\providecommand`` only defines a macro not defined before). Macros with parameters (``[1]``,
    ``#1``) are left as written; ``text`` is returned unchanged when the
    expansion would grow it by more than :data:`MAX_MACRO_GROWTH` characters and :data:`MACRO_GROWTH_PER_CHAR` per
    character of ``text`` (so a macro used thousands of times is still expanded, and the text after it read).
    Nothing is evaluated. Linear."""
    macros: dict[str, str] = {}
    grown = 0
    cap = MAX_MACRO_GROWTH + MACRO_GROWTH_PER_CHAR * len(text)

    def use(m: re.Match[str]) -> str:
        nonlocal grown
        body = macros.get(m.group(1))
        if body is None:
            return m.group(0)
        grown += len(body)
        if grown > cap:
            raise _TooLarge
        return body

    out: list[str] = []
    pos = 0
    try:
        for m in _MACRO_DEF.finditer(text):
            if m.start() < pos:
                continue
            end = match_brace(text, m.end())
            if end < 0:
                break
            body = text[m.end() + 1 : end]
            if "#" in body:
                continue
            out.append(_MACRO_USE.sub(use, text[pos : m.start()]) if macros else text[pos : m.start()])
            name = m.group(1) or m.group(2) or m.group(3)
            if name not in macros or not m.group(0).startswith("\\provide"):  # \providecommand keeps a definition
                macros[name] = _MACRO_USE.sub(use, body) if macros else body
            pos = end + 1
        if not macros:
            return text
        out.append(_MACRO_USE.sub(use, text[pos:]))
    except _TooLarge:
        return text
    return "".join(out)


class _TooLarge(Exception):
    """A macro expansion past :data:`MAX_MACRO_GROWTH`."""


def _colour_hides(model: str | None, spec: str) -> bool:
    from rlvr.verifiers.invisible import latex_colour_invisible

    return latex_colour_invisible(model, spec)


_STYLE_ATTR = re.compile(
    r"""(?i)(?<![-\w])(style|color|fill|class)\s*+=\s*+(?:"([^"]{0,300}+)"|'([^']{0,300}+)'|([^\s"'>]{1,100}+))"""
)


#: the boolean ``hidden`` attribute (an attribute name, not a word inside a value: ``class="hidden-xs"``)
_HIDDEN_ATTR = re.compile(r"""(?i)(?:^|\s)hidden(?=\s|/|=|$)""")
_DISPLAY_NONE = re.compile(r"(?i)(?<![-\w])display\s*+:\s*+none")
_QUOTED = re.compile(r"""\x22[^\x22]{0,300}+\x22|\x27[^\x27]{0,300}+\x27""")


def _attrs_verdict(attrs: str, classes: frozenset[str], sheets: bool, content: str) -> bool | None:
    """Whether HTML attributes hide their element: ``None`` when they do not, ``True`` when they certainly do (a
    ``hidden`` attribute alone, or one style attribute that :func:`~rlvr.verifiers.invisible.style_certainly_hides`,
    with no class, no style sheet or background anywhere, and, unless it is not drawn at all (``hidden``,
    ``display:none``), nothing inside the element that re-styles it),
    ``False`` when they might (a cascade, a class, a sheet, a background, a re-styled child). A hiding attribute
    is ``hidden``, a style, ``color`` or ``fill`` that renders nothing, or a class that hides (a utility class,
    ``sr-only``, ``d-none``, or one the completion's ``<style>`` hides)."""
    from rlvr.verifiers.invisible import HIDING_CLASSES, css_colour_invisible, style_certainly_hides, style_hides

    styles: list[str] = []
    colour_hides = class_hides = classed = False
    for m in _STYLE_ATTR.finditer(attrs):
        value = m.group(2) or m.group(3) or m.group(4) or ""
        kind = m.group(1).lower()
        if kind == "class":
            classed = True
            class_hides = class_hides or any(c in HIDING_CLASSES or c in classes for c in value.split())
        elif kind == "style":
            styles.append(value)
        else:
            colour_hides = colour_hides or css_colour_invisible(value)
    hidden = _HIDDEN_ATTR.search(_QUOTED.sub(" ", attrs)) is not None
    style_hide = any(style_hides(v) for v in styles)
    if not (hidden or style_hide or colour_hides or class_hides or _HIDING_ATTR.search(attrs)):
        return None
    if sheets or classed or len(styles) > 1:
        return False
    whole = _DISPLAY_NONE.search(styles[0]) is not None if styles else hidden  # not drawn, its children neither
    if not whole and _RESHOW.search(content):  # a child may be re-coloured, re-sized, made visible again
        return False
    if styles:
        return style_certainly_hides(styles[0])
    return hidden or colour_hides


def _skip_group(text: str, j: int) -> int:
    """The position after the brace group starting at ``text[j]`` (spaces and one line break skipped, as TeX
    does); ``j`` if there is none."""
    n = len(text)
    newline = False
    while j < n and (text[j] in " \t" or text[j] == "\n" and not newline):
        newline = newline or text[j] == "\n"
        j += 1
    if j < n and text[j] == "{":
        k = match_brace(text, j)
        return n if k < 0 else k + 1
    return j


def _switch_end(text: str, j: int) -> int:
    """Where a colour switch made at ``text[j]`` ends: at the next ``\\color`` or ``\\normalcolor`` switch of the
    same group (``\\color{white}1\\color{black}5`` shows 5), else at the ``}`` closing the group (the end of the
    text at top level). Linear."""
    k = closing_brace(text, j, stop=("\\color", "\\normalcolor"))
    return len(text) if k < 0 else k


def _group_end(text: str, j: int) -> int:
    """The position of the ``}`` closing the group that ``text[j]`` is in (the end of the text at top level)."""
    k = closing_brace(text, j)
    return len(text) if k < 0 else k


#: invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen): deleted
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: what does not render, deleted before anything is read: C0/C1 control characters (NUL, …), direction marks and
#: embeddings (LRM, RLM, ALM, LRE…PDI), the Mongolian vowel separator and variation selectors, the combining
#: grapheme joiner, invisible times/separator/plus, deprecated format controls, musical formatting, tag characters
_UNRENDERED = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f\x80-\x84\x86-\x9f\u034f\u061c\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f\ufeff\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\U000e0100-\U000e01ef]"
)
#: a direction override (LRO, RLO), embedding (LRE, RLE) or isolate (LRI, RLI, FSI) and what it governs: up to its
#: closing PDF/PDI, the next control (a nested one is judged on its own) or the end of the paragraph (UAX #9)
_BIDI_OPEN = re.compile("[\u202a\u202b\u202d\u202e\u2066-\u2068]")
_BIDI_SPAN = re.compile("([\u202a\u202b\u202d\u202e\u2066-\u2068])([^\u202a-\u202e\u2066-\u2069\n\u2029]{0,2000}+)")
#: what keeps its order under a right-to-left embedding or isolate: one number (European digits, a decimal point or
#: comma between them)
_RTL_SAFE = re.compile(r"\s*+(?:\d++(?:[.,]\d++)*+)?+\s*+")
#: drawn in place of a run whose characters are displayed in another order than they are stored: no value reads it
UNREADABLE = "\ufffd"


def _bidi_span(m: re.Match[str]) -> str:
    """A run under a direction control, as a reader sees it: a left-to-right control changes nothing (the controls
    are deleted later); a right-to-left override reverses the run (``\u202e65`` is drawn 56) and a right-to-left
    embedding or isolate moves everything but a lone number (``-5`` is drawn ``5-``), so such a run is
    :data:`UNREADABLE`."""
    control, run = m.group(1), m.group(2)
    visible_run = _UNRENDERED.sub("", run)
    if control in "\u202a\u202d\u2066" or len(visible_run.strip()) <= 1:
        return run
    if control in "\u202b\u2067\u2068" and _RTL_SAFE.fullmatch(visible_run):
        return run
    return UNREADABLE


#: a character struck out by a combining stroke overlay (U+0335, U+0336): deleted with its strokes
_OVERSTRUCK = re.compile("(?m)(?:^|[^\n])[\u0335\u0336]++")  # at a line's start: a stray stroke


def _overstruck(m: re.Match[str]) -> str:
    """A struck-out character deleted, a struck space kept as a space (a struck sentence, "T̶h̶e̶ ̶a̶n̶s̶w̶e̶r̶", leaves
    blanks); a struck check mark withdrawn (✓̶ is ✗)."""
    first = m.group(0)[0]
    return "\u2717" if first in "\u2713\u2714\u2705\u2611" else " " if first in " \t" else ""


#: characters that break a line: vertical tab, form feed, the information separators, NEL, U+2028/U+2029
_LINE_BREAK = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: a keycap digit (5️⃣: the digit, its presentation selector deleted, and the enclosing keycap)
_KEYCAP = re.compile("(?<=[0-9])\u20e3")


#: letters drawn in a style (circled ⓝⓞⓣ, mathematical bold or italic 𝐧𝐨𝐭, fullwidth ｎｏｔ): read as the letter
_STYLED_LETTER = re.compile("[\u24b6-\u24e9\uff21-\uff3a\uff41-\uff5a\U0001d400-\U0001d6a3]")
#: a word of Latin letters with Cyrillic or Greek lookalikes in it ("nоt" with a Cyrillic о)
_MIXED_WORD = re.compile("[A-Za-z\u0370-\u03ff\u0400-\u04ff]++")
_LOOKALIKE = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423\u0406"
    "\u03bf\u03b1\u03bd\u03b9\u03ba\u03c1\u03c4\u03c5"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7",
    "aeopcyxijsdhABEKMHOPCTXYIoavikptuABEZHIKMNOPTYX",
)


def _unmixed(m: re.Match[str]) -> str:
    word = m.group(0)
    if word.isascii() or not any("a" <= c.lower() <= "z" for c in word):
        return word
    folded = word.translate(_LOOKALIKE)
    return folded if folded.isascii() else word


_VULGAR_FRACTIONS = {
    "\u00bd": (1, 2), "\u2153": (1, 3), "\u2154": (2, 3), "\u00bc": (1, 4), "\u00be": (3, 4), "\u2155": (1, 5),
    "\u2156": (2, 5), "\u2157": (3, 5), "\u2158": (4, 5), "\u2159": (1, 6), "\u215a": (5, 6), "\u2150": (1, 7),
    "\u215b": (1, 8), "\u215c": (3, 8), "\u215d": (5, 8), "\u215e": (7, 8), "\u2151": (1, 9), "\u2152": (1, 10),
}  # fmt: skip
_SUPER_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_SUB_DIGITS = "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089"
#: a whole number and a vulgar fraction after it, with or without a space: ``3 ½``, ``3½``, ``3 ¹⁄₂`` (a superscript
#: numerator, the fraction slash, a subscript denominator)
_MIXED_VULGAR = re.compile(
    rf"(?<![\d.,])(\d{{1,12}}+)[ \t\u00a0\u202f]?+([{''.join(_VULGAR_FRACTIONS)}]|([{_SUPER_DIGITS}]{{1,3}}+)\u2044"
    rf"([{_SUB_DIGITS}]{{1,3}}+))(?![\d\u2044{_SUPER_DIGITS}{_SUB_DIGITS}])((?:[ \t]?+%)?+)"
)


#: a fraction of a superscript numerator, the fraction slash and a subscript denominator with no whole part: ``⁵⁄₂``
_SCRIPT_FRACTION = re.compile(
    rf"(?<![\d{_SUPER_DIGITS}])([{_SUPER_DIGITS}]{{1,3}}+)\u2044([{_SUB_DIGITS}]{{1,3}}+)(?![\d{_SUB_DIGITS}])"
)


def _script_fraction(m: re.Match[str]) -> str:
    return f"\\frac{{{m.group(1).translate(_SCRIPT_DIGITS)}}}{{{m.group(2).translate(_SCRIPT_DIGITS)}}}"


def _mixed_number(m: re.Match[str]) -> str:
    if m.group(3) is None:
        a, b = _VULGAR_FRACTIONS[m.group(2)]
    else:
        a, b = int(m.group(3).translate(_SCRIPT_DIGITS)), int(m.group(4).translate(_SCRIPT_DIGITS))
    percent = "\\%" if m.group(5) else ""  # "12½%": a percent sign after LaTeX would open a comment
    return f"{m.group(1)}\\frac{{{a}}}{{{b}}}{percent}"


_SCRIPT_DIGITS = str.maketrans({c: str(k) for digits in (_SUPER_DIGITS, _SUB_DIGITS) for k, c in enumerate(digits)})


#: a run of Ethiopic numerals ("፳፬" is 24): units ፩-፱, tens ፲-፺, hundred ፻ and ten thousand ፼
_ETHIOPIC_NUMERAL = re.compile("[\u1369-\u137c]{1,40}+")


def _ethiopic_value(m: re.Match[str]) -> str:
    """An Ethiopic numeral in decimal digits: units and tens add up within a group, ፻ multiplies the group before
    it by 100 and ፼ all before it by 10000 (፲፱፻፹፭ is 1985, ፻፼ is 1000000)."""
    myriads = hundreds = current = 0
    for c in m.group(0):
        k = ord(c) - 0x1369
        if k < 9:
            current += k + 1
        elif k < 18:
            current += 10 * (k - 8)
        elif k == 18:
            hundreds, current = hundreds + (current or 1) * 100, 0
        else:
            myriads, hundreds, current = (myriads + hundreds + (current or (0 if hundreds else 1))) * 10000, 0, 0
    return str(myriads + hundreds + current)


#: a run of U+FFFD (bytes that did not decode) or lone surrogates (half a character) ending a line or a line's last
#: sentence ("\\boxed{5}\ufffd."): a decoding artefact, no mark the writer made (one between characters, "4\ufffd2",
#: stays and reads as no value); a match starts only where a run starts, so a long run that does not end a line is
#: scanned once, not from each of its characters
_UNDECODED_END = re.compile("(?<![\ufffd\ud800-\udfff])[\ufffd\ud800-\udfff]++(?=[ \t]*+[.!?]?+[ \t]*+(?:[\r\n]|$))")


def rendered(text: str) -> str:
    """``text`` as it renders: characters that draw nothing deleted, line-breaking characters as ``\\n``,
    keycap digits as digits, styled letters as letters, Cyrillic or Greek lookalikes inside a Latin word as the
    Latin letter ("nоt" is "not") and a Markdown-escaped ``\\?`` as ``?``. Linear."""
    if not text.isascii():
        if _UNDECODED_END.search(text):  # "#### 42\ufffd": bytes that did not decode glued to a line's end
            text = _UNDECODED_END.sub("", text)
        if _MIXED_VULGAR.search(text):  # "3 ½", "3½", "3 ¹⁄₂": a mixed number, never 3 and then a stray mark
            text = _MIXED_VULGAR.sub(_mixed_number, text)
        if "\u2044" in text and _SCRIPT_FRACTION.search(text):
            text = _SCRIPT_FRACTION.sub(_script_fraction, text)
        if _STYLED_LETTER.search(text):
            text = _STYLED_LETTER.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)
        text = _MIXED_WORD.sub(_unmixed, text)
        if _ETHIOPIC_NUMERAL.search(text):  # "መልሱ ፳፬ ነው።": the Ethiopic numeral of 24
            text = _ETHIOPIC_NUMERAL.sub(_ethiopic_value, text)
    if "\\?" in text:  # "24\?": no TeX command; Markdown shows the escaped "?" (a question)
        text = text.replace("\\?", "?")
    if "\u0335" in text or "\u0336" in text:
        text = _OVERSTRUCK.sub(_overstruck, text)  # "5\u0336 6": a struck-out character does not count
    if _BIDI_OPEN.search(text):
        text = _BIDI_SPAN.sub(_bidi_span, text)
    if _UNRENDERED.search(text):
        text = _UNRENDERED.sub("", text)
    if _LINE_BREAK.search(text):
        text = _LINE_BREAK.sub("\n", text)
    return _KEYCAP.sub("", text) if "\u20e3" in text else text


#: every way of writing a space: TeX spacing commands, ``~`` ties, empty groups ``{}``, Unicode spaces
_SPACING = re.compile(
    r"\\(?:[,;:! ]|q?quad(?![A-Za-z])|(?:en|em|thin|med|thick|negthin|negmed|negthick|nobreak)space(?![A-Za-z])"
    r"|hspace\*?+\{[^{}]{0,20}+\}|[mh]?(?:kern|skip)[ ]?+-?[\d.]{1,8}+[ ]?+[a-z]{2})"
    r"|(?<![A-Za-z}\\])\{\}|~(?!=)|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
_WS_RUN = re.compile(r"[ \t\r\n\f\v]{2,}+")


def normalise_spacing(text: str) -> str:
    """Every spacing construct as one token class: invisible characters deleted; TeX spacing (``\\,``,
    ``\\quad``, ``\\hspace{…}``, ``~``, ``{}``) and Unicode spaces become a plain space, except a thin space
    between digit groups (``1\\,000``, ``5 000``), kept as ``\\,``, and a ``~`` that opens a value (``~5``:
    "about 5"); a run of whitespace becomes one space, one newline or one blank line. So a qualifier, sign or
    unit is read the same whatever spacing separates it from the answer. Linear."""
    from rlvr.verifiers.lexer import ascii_forms

    text = ascii_forms(_INVISIBLE.sub("", text))
    if _SPACING.search(text):
        text = _SPACING.sub(lambda m: _space(text, m), text)
    return _WS_RUN.sub(_collapse, text)


def _space(text: str, m: re.Match[str]) -> str:
    s = m.start()
    if text[s - 1 : s + 1] == "~~":  # inside a run of ties: neither escaped nor "about" (a fast path for long runs)
        return " "
    tok, e = m.group(0), m.end()
    before = text[s - 1 : s]
    if tok[0] in "\\~" and _escaped(text, s):
        return tok  # "\\ " is a line break, "\\~" a literal tilde
    if tok == "~":
        if before in ("", " ", "\t", "\n", "$", "(", "=", ":") and re.match(r" ?[\d\\.]", text[e : e + 2]):
            return tok  # "~5": about 5
        return " "
    digit_before = before.isdigit() or (before == " " and text[s - 2 : s - 1].isdigit())
    if tok in ("\\,", "\\;", "\\:", "\\ ", "\\!", "\u2009", "\u202f", "\u00a0") and digit_before:
        if re.match(r" ?\d{3}(?!\d)", text[e : e + 5]) or (tok == "\\!" and text[s - 2 : s - 1] == ","):
            return "\\,"  # a thousands separator
    if tok == "\\!" and text[s - 1 : s] == ",":
        return tok
    return " "


def _collapse(m: re.Match[str]) -> str:
    newlines = m.group(0).count("\n")
    return " " if newlines == 0 else "\n" if newlines == 1 else "\n\n"


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


#: an answer line's or tag's whole content as a plain value and the words after it ("24 است", "24個")
_VALUE_AND_WORDS = re.compile(r"[ \t]*+(-?\d{1,40}+(?:[.,]\d{1,40}+)*+)[ \t]*+([^\d\n]{1,100}+)")


def _restated_value(content: str, nouns: bool, latin_nouns: bool = False) -> str | None:
    """The value of ``content`` (an answer line's or tag's content) when the words after it only restate it in
    some language (:func:`~rlvr.verifiers.lexicon.restating_tail`: "24 است", "24個", "24 elma kalır"), else
    ``None``; ``nouns``: nothing follows, so a count noun may go; ``latin_nouns``: the answer noun before it is
    of a language other than English, so a count noun in plain Latin letters is of that language ("kwiaty")."""
    from rlvr.verifiers.lexicon import restating_tail

    m = _VALUE_AND_WORDS.fullmatch(content)
    return m.group(1) if m is not None and restating_tail(m.group(2), nouns, latin_nouns) else None


def _inside_tag(inner: str, choices: bool) -> Extraction:
    if (value := _restated_value(inner, nouns=True)) is not None:
        return _found([value], "answer_tag", "math")  # "<answer>24 است</answer>": the value restated
    ex = _plain(inner, choices, fallbacks=False)
    if ex.answer is not None or ex.method == "unbalanced_box":
        return ex
    content = inner.strip()
    if not content:
        return Extraction(None, "empty")
    if content.endswith("?"):
        return _found([content], "answer_tag", "text")  # a question is not an answer
    lines = [ln.strip() for ln in content.split("\n") if ln.strip()]
    if len(lines) > 1 and all(_bare_value(ln) for ln in lines):
        return _found([_clean(ln) for ln in lines], "answer_tag", "math")  # one value per line: several
    if choices:
        bare = _BARE_CHOICE.match(content) if len(content) <= MAX_INLINE_ANSWER_CHARS else None
        if bare:
            return _found([bare.group(1)], "choice", "math")
    if len(content) <= MAX_INLINE_ANSWER_CHARS:
        found = _last_sentences(content)
        last = found[0][slice(*found[1][found[2]])].strip() if found is not None else content
        stmt = _statement_of_sentence(last or content, trailing_run=False)
        if stmt is not None:
            return stmt
    return _plain(inner, choices)


def _echoed_options(text: str) -> bool:
    """``text`` ends with two or more option lines of different letters ("(A) 5", "B) 6"): a list of the options
    (an echoed question), not a choice among them."""
    lines = [ln for ln in text[-_WINDOW:].splitlines() if ln.strip()][-2:]
    if len(lines) < 2 or not all(_OPTION_LINE.match(ln) for ln in lines):
        return False
    letters = {ln.strip().lstrip("(")[:1] for ln in lines}
    return len(letters) == len(lines)


def _plain(text: str, choices: bool, fallbacks: bool = True, words: bool = False) -> Extraction:
    got = _marked(text)
    if got is not None:
        return got
    if not fallbacks:
        return Extraction(None, "none")
    if _echoed_options(text):
        return Extraction(None, "echoed_options")  # "(A) 5\n(B) 6\n(C) 7": the options, none chosen
    if choices:
        stripped = _clean(text) if len(text) <= MAX_INLINE_ANSWER_CHARS else ""
        bare = _BARE_CHOICE.match(stripped) if len(stripped) <= MAX_INLINE_ANSWER_CHARS else None
        if bare:
            return _found([bare.group(1)], "choice", "math")
        option = _OPTION_LINE.match(stripped)
        if option:  # "B. 12", "(B) 12": an option's letter and its value
            return _found([stripped.rstrip(". ")], "choice", "math")
        letter = _last_choice(text)
        concluded = _concluded_choice(text)
        if letter and (concluded is None or _last_choice(text[text.rstrip().rfind("\n") + 1 :])):
            return _choice_statement(text, letter)
        if concluded is not None:  # "Option A fails.\nSo C.": the last line's letter, not an earlier option's
            return concluded
    if words and (reply := _plain_yes_no(text)) is not None:
        return _found([reply], "word_answer", "text")  # "Yes, because 15 is divisible by 3.": the reply answers
    if words and (none := _no_solution(text)) is not None:
        return _found([none], "word_answer", "text")  # "No such $n$ exists.": the math names what does not exist
    final = _final_statement(text)
    if final is not None and final.answer is not None and _doubted_lead_in(text, _statement_start(text, final.answer)):
        return Extraction(None, "doubted_lead_in")  # "| Guess |\n|---|\n| 5 |"
    if final is not None:
        return final
    if not choices:
        letter = _last_choice(text)
        if letter:
            return _found([letter], "choice", "math")
    spelled = _number_in_words(text)
    if spelled is not None:
        return _found([spelled], "final_statement", "text")
    if words:
        said = _word_answer(text)
        if said is not None:
            return _found([said], "word_answer", "text")
    written = _spelled_out(text)
    if written is not None:  # "Five people can fit.", "The result: five.": the sentence read with the digits
        final = _final_statement(written)
        if final is not None:
            return final
    return Extraction(None, "none")


_SPELLED_WORD = re.compile(r"[A-Za-z]++(?:-[A-Za-z]++)*+")
#: a line that opens with "none", "nobody" or "no one" and goes on ("Nobody can fit."), or that is only "no" and a
#: count noun ("no apples"): a count of zero (a lone "none" is the text answer, "nothing" no answer)
_NOBODY = re.compile(
    r"(?i)[ \t*_]*+(none|nobody|no[ \t-]one)(?=[ \t]++[a-z])(?![ \t]++(?:of|else|but|except|knows?|cares?|can[ \t]++(?:tell|say|know)|is[ \t]++sure)\b)"
    r"|[ \t*_]*+no[ \t]++([a-z]++)(?=[ \t.!*_]*+$)"
)


def _spelled_out(text: str) -> str | None:
    """The last line with its numbers in words written as digits ("Five people can fit." → "5 people can fit.",
    "two and a half" → "5/2"); ``None`` when it holds a digit or no number in words."""
    from rlvr.verifiers.lexicon import count_noun, number_words, spelled_number_word

    tail = text[-300:].rstrip()
    line = tail[tail.rfind("\n") + 1 :]
    if not line.strip() or any(c.isdigit() for c in line):
        return None
    nobody = _NOBODY.match(line)
    if nobody is not None and (nobody.group(1) or count_noun(nobody.group(2)) is not None):
        cut = nobody.end(1) if nobody.group(1) else nobody.start(2)  # "Nobody can fit.", "no apples"
        return text[: len(text) - len(tail)] + tail[: len(tail) - len(line)] + "0 " + line[cut:].lstrip()
    found = list(_SPELLED_WORD.finditer(line))
    out, pos, k, changed = [], 0, 0, False
    while k < len(found):
        best = None
        for j in range(min(len(found), k + 10), k, -1):  # the longest run of number words from here
            run = found[k:j]
            words = [m.group(0).lower() for m in run]
            gaps = [line[a.end() : b.start()] for a, b in zip(run, run[1:])]
            if not all(spelled_number_word(w) for w in words) or any(g.strip() for g in gaps):
                continue
            if words[-1] in ("and", "a", "an") or words[0] == "and":
                continue
            value = _spelled_value(words, number_words)
            if value is not None:
                best = (j, value)
                break
        if best is None:
            k += 1
            continue
        j, value = best
        out.append(line[pos : found[k].start()])
        out.append(str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}")
        pos, k, changed = found[j - 1].end(), j, True
    if not changed:
        return None
    return text[: len(text) - len(tail)] + tail[: len(tail) - len(line)] + "".join(out) + line[pos:]


def _spelled_value(words: list[str], number_words: Callable[[str], Fraction | None]) -> Fraction | None:
    """The value of a run of number words; "two and a half" is 2 + 1/2. A lone "a"/"an"/"one" used as an article
    or pronoun is no number."""
    if words in (["a"], ["an"], ["one"]):
        return None
    if len(words) > 2 and words[0] == "half" and words[1] in ("a", "an"):
        rest = number_words(" ".join(words[1:]))  # "half a dozen", "half a million"
        return rest / 2 if rest is not None and rest.denominator == 1 else None
    if "and" in words:
        k = words.index("and")
        whole, part = number_words(" ".join(words[:k])), number_words(" ".join(words[k + 1 :]))
        if whole is not None and part is not None and whole.denominator == 1 and 0 < part < 1 and k > 0:
            return whole + part  # "two and a half", "five and three quarters"
    return number_words(" ".join(words))


#: a bare choice letter that concludes the last line: "So C.", "Hence C.", "leaving C.", "I'd go with C.", "故选 C。"
_CONCLUDED_CHOICE = re.compile(
    r"(?:(?i:\b(?:so|hence|thus|therefore|leaving|leaves|with|pick|choose|select)[ \t]*+:?)|\u9009|\u662f|[:\uff1a])"
    r"[ \t]*+\(?([A-J])\)?[ \t]*+[.!\u3002]?[ \t]*+$"
)


#: a choice letter that a last sentence affirms: "B is correct.", "(B) is the answer.", "B is the right one.",
#: "B it is." (only the predicate follows the letter: "B is probably correct", "A is wrong" affirm nothing)
_AFFIRMED_CHOICE = re.compile(
    r"(?<![\w'\\-])[*_]*+\(?([A-J])\)?[*_]*+[ \t]++(?:it[ \t]++is|is[ \t]++(?:(?:the[ \t]++)?(?:correct|right)"
    r"(?:[ \t]++(?:answer|option|choice|one))?+|the[ \t]++(?:answer|(?:correct|right|best)[ \t]++(?:answer|option|choice|one))))"
    r"[ \t]*+[.!]?[ \t*_]*+$"
)

#: the only words that may open a sentence affirming a letter ("So B is correct.")
_AFFIRMING_LEADS = ("", "so", "thus", "hence", "therefore", "finally", "overall", "clearly")


def _concluded_choice(text: str) -> Extraction | None:
    """The choice letter a last line concludes with or affirms (the gold is a letter), read with its sentence when
    a cue before it changes it ("Maybe C.", "Not C.", "I think B is correct.")."""
    tail = text[-200:].rstrip()
    line = tail[tail.rfind("\n") + 1 :]
    m = _CONCLUDED_CHOICE.search(line)
    if m is None and not line.isascii() and (foreign := _foreign_choice(line)) is not None:
        return foreign
    affirmed = m is None
    m = m or _AFFIRMED_CHOICE.search(line)
    if m is None:
        return None
    start = max(line.rfind(". ", 0, m.start()), line.rfind("\u3002", 0, m.start())) + 1
    lead = line[start : m.start()].strip(" \t*_,").lower()
    if _lead_changes(line[start : m.start(1)]) or affirmed and lead not in _AFFIRMING_LEADS:
        return _found([line[start:].strip()], "choice", "text")  # "I think B is correct.", "Plan B is correct."
    return _found([m.group(1)], "choice", "math")


def _number_in_words(text: str) -> str | None:
    """A last line that is a number in words and nothing else ("Twenty-three.", "Negative four"); with a line
    before it that is another number in words, both (a hedge)."""
    from rlvr.verifiers.lexicon import cjk_number, foreign_number_words, number_words

    cjk = _CJK_NUMERAL.search(text[-200:].strip())
    if cjk is not None and not _cjk_cue(cjk.string[: cjk.start(1)][-40:]) and cjk_number(cjk.group(1)) is not None:
        return str(cjk_number(cjk.group(1)))  # 答案是二十三。
    lines = [ln.strip().strip("*_").rstrip(".!").strip() for ln in text[-200:].strip().split("\n")[-2:]]
    foreign = _FOREIGN_WORDS_ANSWER.fullmatch(lines[-1])
    if foreign is not None and (value := foreign_number_words(foreign.group(1))) is not None:
        return str(value)  # "Réponse : cinq", "Ответ: пять"
    said = [ln for ln in lines if ln and len(ln) <= 80 and re.fullmatch(r"[A-Za-z][A-Za-z -]*+", ln)]
    if not said or said[-1] != lines[-1] or number_words(said[-1]) is None:
        return None
    if len(said) == 2 and number_words(said[0]) not in (None, number_words(said[1])):
        return f"{said[0]} or {said[1]}"  # "Twenty-two\nTwenty-three": two lone final values, a hedge
    return said[-1]


#: a Chinese numeral after an anchor (是, 为, a colon, =, Japanese は) at the end of the text, maybe with a polite
#: copula (です, だ): 答案是二十三。 答：五 答えは五です。
_CJK_NUMERAL = re.compile(
    f"(?:\u662f|\u4e3a|\u70ba|\uff1a|:|\uff1d|=|\u306f)[ \t]*+([{_CJK_NUMERAL_CHARS}]{{1,12}}+)[\u4e2a\u500b]?+(?:\u3067\u3059|\u3060)?+"
    "[ \t\u3002.!\uff01]*+$"
)
#: a last line that is an answer phrase of German, French, Spanish, Portuguese, Italian or Russian and a number in
#: that language's words ("Réponse : cinq", "La respuesta es cinco", "Ответ: пять")
_FOREIGN_WORDS_ANSWER = re.compile(
    r"(?i)(?:(?:la[ \t]++)?r\u00e9ponse|(?:la[ \t]++)?respuesta|(?:die[ \t]++)?antwort|(?:a[ \t]++)?resposta|"
    r"(?:la[ \t]++)?risposta|\u043e\u0442\u0432\u0435\u0442)[ \t]*+(?::|\u2014|-|est|es|ist|lautet|\u00e9|\u00e8)[ \t]*+"
    r"([^\W\d_][^\W\d_ \t-]*+(?:[ \t-]++[^\W\d_]++){0,4}+)"
)
_BOLD = re.compile(r"\*\*([^*\n]{1,80}+)\*\*")
_YES_NO = re.compile(r"(?i)^(yes|no)\b[ \t]*+(?:[,.;:!\u2014]|--?+[ \t]|$)")
#: what makes the rest of a yes/no reply a qualification, not an explanation: a condition or restriction ("Yes,
#: if n is even", "Yes, as long as n > 1", "Yes, for large n", "Yes, in the limit"), a contrast ("Yes, but not
#: always", "Yes, though only for even n") or the other answer for some case ("Yes; no for odd n")
_QUALIFIED = re.compile(
    r"(?i)\b(?:if|when|whenever|unless|assuming|provided|providing|given|only|except|excluding|but|though|although|"
    r"sometimes|usually|generally|mostly|typically|(?:as|so)[ \t]++long[ \t]++as|"
    r"for[ \t]++(?!all\b|every\b|any\b|each\b|example\b|instance\b|this\b|that\b|the[ \t]++(?:reason|same)\b))\b"
)
#: an explanation in the rest of a reply: what follows it explains, it does not qualify ("Yes, because …")
_EXPLAINS_IN = re.compile(r"(?i)\b(?:because|since|as[ \t]++shown|by|due[ \t]++to|so|hence|thus|therefore)\b")


def _qualified_reply(word: str, rest: str) -> bool:
    """The rest of a reply that opens with ``word`` (yes or no) qualifies it, by its form: before any explanation
    it states a condition, restriction or contrast (:data:`_QUALIFIED`), a frame that holds only in a limit or
    model (:data:`~rlvr.verifiers.lexicon.QUALIFYING_FRAME`), or the other answer."""
    from rlvr.verifiers.lexicon import QUALIFYING_FRAME

    masked = _mask_math(rest)
    why = _EXPLAINS_IN.search(masked)
    own = masked[: why.start()] if why is not None else masked
    other = "no" if word.lower() == "yes" else "yes"
    return (
        _QUALIFIED.search(own) is not None
        or QUALIFYING_FRAME.match(own.lstrip(" \t,;:.")) is not None
        or re.search(rf"(?i)\b{other}\b", own) is not None
    )


#: a correcting word and the yes or no it corrects to ("No... wait, yes.", "Yes. Actually, no.")
_YES_NO_FIX = re.compile(
    r"(?i)\b(?:wait|actually|i[ \t]++mean|hmm++|rather|correction|no[ \t]++wait)\b[ \t,.:;!\u2026-]*+(yes|no)\b"
)


_WORD_COPULA = re.compile(r"(?i)(?:\b(?:is|are|was|were|will[ \t]++be)\b|(?<=[A-Za-z])'s\b)[ \t]++")
#: an article before a one-word predicate noun ("The shape is a parallelogram."): the noun states the answer
_PREDICATE_ARTICLE = re.compile(r"(?i)(?:a|an)[ \t]++(?=[a-z]{2,30}+$)")


#: a one-sentence reply of at most this many words may state a lower-case word answer after its copula ("Therefore
#: the sum is even." is even): a predicate adjective, read against a word gold only
_PREDICATE_REPLY_WORDS = 8
#: words after a copula that are no answer ("It is so.", "That is all.")
_NO_PREDICATE = frozenset("so all it this that there here the a an done not".split())


def _stated_word(reply: str) -> str | None:
    """The words (one to three, capitalised: a name) after the last copula of a one-sentence reply, when no word
    of the sentence negates, hedges or conditions it ("It's Alice." is Alice; "I think it's Alice.", "It's not
    Alice." are not)."""
    from rlvr.verifiers.lexicon import cue_words

    if len(reply) > 200 or re.search(r"[.;:!?]", reply):
        return None
    m = _last(_WORD_COPULA.finditer(reply))
    if m is None:
        return None
    after = _PREDICATE_ARTICLE.sub("", reply[m.end() :].strip(), count=1)
    words = _RUN_WORD.findall(reply)
    name = re.fullmatch(r"[A-Z][^\W\d_]*+(?:[ -][A-Z][^\W\d_]*+){0,2}", after)
    predicate = len(words) <= _PREDICATE_REPLY_WORDS and re.fullmatch(r"[a-z]{2,30}+", after)
    if not (name or predicate) or cue_words(words[:-1] if predicate else words) or after in _NO_PREDICATE:
        return None  # (the predicate itself may be a word that qualifies a value elsewhere: "20-odd", "is odd")
    if _SELF_DOUBT.intersection(w.lower() for w in words):
        return None
    return after


#: a yes or no of another language, then a "because" of one ("Ja, denn …", "Oui, car …", "Sí, porque …")
_FOREIGN_YES_NO_BECAUSE = re.compile(
    r"(?i)(ja|nein|oui|non|s\u00ed|sim|n\u00e3o|s\u00ec|\u0434\u0430|\u043d\u0435\u0442|evet|hay\u0131r)[ \t]*+[,:\u2014-][ \t]*+"
    rf"(?:{_FOREIGN_BECAUSE})\b"
)


def _plain_yes_no(text: str) -> str | None:
    """The plain yes or no that opens the last line of ``text`` (bold or not) when the rest of the line only
    explains it ("Yes, because 15 is divisible by 3.", "No: 2 + 2 = 4.", "**No.** A counterexample is $n = 4$."):
    its values are the reason, not the answer. ``None`` when the line is no such reply or the reply is qualified,
    doubted or corrected (:func:`_word_answer` reads it whole)."""
    tail = text[-_WINDOW:].strip()
    line = tail[tail.rfind("\n") + 1 :].strip().replace("**", "").replace("__", "")
    if (reasoned := _FOREIGN_YES_NO_BECAUSE.match(line)) is not None:
        return reasoned.group(1)  # "Ja, denn die Summe ist gerade.": the reply, then its reason
    if _YES_NO.match(line) is None:
        return None
    if _QUALIFIED.search(_mask_math(line)) is not None:
        return None  # "Yes, so long as $a \\neq 0$": a condition anywhere in the reply qualifies it
    said = _word_answer(line)  # unbolded: "**Yes**, as long as n > 1" is read as the qualified reply it is
    return said if said is not None and said.lower() in ("yes", "no") else None


#: a closing ", not <Name>" that rejects another named answer ("Tuesday, not Wednesday", "Alice wins, not Bob"),
#: as ", not 25" rejects another value
_REJECTED_NAME = re.compile(r"[ \t]*+,[ \t]*+(?:and[ \t]++)?+not[ \t]++[A-Z][a-z]{1,30}+$")


#: a reply of one word: letters, with the combining marks of their script ("हाँ", "ஆம்")
_REPLY_WORD = re.compile(rf"[^\W\d_]{_LETTER}*+")


def _word_answer(text: str) -> str | None:
    """A word answer in a final sentence without math: its bold words, a leading yes/no, or a short reply."""
    tail = text[-_WINDOW:].strip()
    lines = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    if not lines:
        return None
    line = lines[-1]
    bold = _last(_BOLD.finditer(line))
    if bold is not None:
        if _word_hedged(line[: bold.start()] + " " + line[bold.end() :]):
            return line.replace("**", "").strip().rstrip(".")  # "**Alice** (maybe)": the whole line, which differs
        return bold.group(1).strip().rstrip(".")
    yes_no = _YES_NO.match(line)
    if yes_no is not None:
        rest = line[yes_no.end() :]
        fix = _last(_YES_NO_FIX.finditer(rest))
        if fix is not None:
            return fix.group(1)  # "No... wait, yes.": the self-correction answers
        if _SELF_DOUBT.intersection(w.lower() for w in _RUN_WORD.findall(rest)) or _qualified_reply(
            yes_no.group(1), rest
        ):
            return line  # "No, maybe.", "Yes, if n is even.": the whole reply, which differs
        return yes_no.group(1)
    reply = _REJECTED_NAME.sub("", line.rstrip(".!。！ \u0964\u0965\u06d4\u1362"))  # "It's Tuesday, not Wednesday."
    stated = _stated_word(reply) if "?" not in line else None
    if stated is not None:
        return stated  # "It's Alice.", "The student with the greatest average speed is Evelyn."
    if _REPLY_WORD.fullmatch(reply):
        return reply  # "Evelyn", "Sí", "是", "हाँ" (its vowel signs are marks)
    if _DOES_NOT_EXIST.fullmatch(reply):
        return "does not exist"  # "The limit does not exist."
    return _named_in_reply(reply) or _subject_verb_reply(reply)


#: a reply that says there is no solution, in the forms of a plain statement ("The equation has no solution.",
#: "There are no real solutions.", "No such $n$ exists.", "No solution exists."); a hedge or condition anywhere in
#: the sentence makes it no such reply (it must match whole)
_NO_SOLUTION = re.compile(
    r"(?i)[ \t*_]*+(?:(?:so|thus|hence|therefore),?+[ \t]++)?+(?:(?:the|this|that|our)[ \t]++)?+"
    r"(?:(?:(?:equation|system|problem|inequality|congruence|it)[ \t]++)?+(?:has|have)[ \t]++no"
    r"|there[ \t]++(?:is|are|exists?+)[ \t]++no)[ \t]++(?:(?:real|integer|integral|positive|rational|such|valid)[ \t]++)?+"
    r"(?:solutions?+|roots?+|values?+|numbers?+|integers?+)"
    r"|[ \t*_]*+no[ \t]++(?:(?:such|real|integer|valid)[ \t]++)?+(?:[A-Za-z]{1,20}+|\$[^$\n]{1,40}+\$)[ \t]++exists?+"
    r"[ \t*_]*+"
)


def _no_solution(text: str) -> str | None:
    """``"no solution"`` when the last line of ``text`` is a plain statement that there is none
    (:data:`_NO_SOLUTION`); the gold's "none", "no solution" and "no such n" all read as it."""
    tail = text[-200:].strip()
    line = tail[tail.rfind("\n") + 1 :].strip().rstrip(".!\u3002")
    return "no solution" if _NO_SOLUTION.fullmatch(line) else None


#: verbs whose subject is the answer to "who wins?" ("Alice wins.", "Bob will win.", "Player B wins the game.")
_WINNING = re.compile(
    r"(?:[ \t]++(?:always|then|therefore|thus))?+[ \t]++(?:wins|won|will[ \t]++win|can[ \t]++(?:always[ \t]++)?+win"
    r"|has[ \t]++(?:a|the)[ \t]++winning[ \t]++strategy|can[ \t]++force[ \t]++a[ \t]++win)(?:[ \t]++the[ \t]++game)?+"
)
#: subjects of a reply whose verb answers ("The series converges.", "It diverges.", "The sequence oscillates.")
_VERB_SUBJECTS = frozenset("the it this that its our each every".split())


def _subject_verb_reply(reply: str) -> str | None:
    """A short reply whose verb is the answer: a name and a verb of winning ("Alice wins." is Alice), or a
    subject and one present-tense verb that ends it ("The series converges." is converges). ``None`` when a word
    of the reply negates, hedges or conditions it."""
    from rlvr.verifiers.lexicon import LEAD_CUES, cue_words

    words = reply.split()
    if not 2 <= len(words) <= 7 or not all(re.fullmatch(r"[^\W\d_]++", w) for w in words):
        return None
    if cue_words(words) or any(w.lower() in LEAD_CUES or w.lower() in _WORD_HEDGES for w in words):
        return None
    name = re.match(r"[A-Z][^\W\d_]*+(?:[ \t]++[A-Z][^\W\d_]*+)?+", reply)
    if name is not None and words[0].lower() not in _VERB_SUBJECTS and _WINNING.fullmatch(reply, name.end()):
        return name.group(0)
    last = words[-1]
    if (
        words[0].lower() in _VERB_SUBJECTS
        and re.fullmatch(r"[a-z]{4,31}+", last)
        and last[-1] == "s"
        and last[-2] != "s"
    ):
        return last if not _WORD_COPULA.search(reply) else None
    return None


#: a reply that says the quantity asked for does not exist
_DOES_NOT_EXIST = re.compile(
    r"(?i)(?:(?:so|thus|hence|therefore),?+[ \t]++)?+(?:the[ \t]++)?+(?:limit|value|answer|sum|maximum|minimum|"
    r"solution|integral)?+[ \t]*+(?:does[ \t]++not|doesn't|doesn\u2019t)[ \t]++exist"
)


#: words that state a reply with certainty ("Definitely Tuesday."): dropped before a name
_CERTAIN = frozenset("definitely certainly surely clearly obviously undoubtedly".split())
#: prepositions that place a name in a short reply ("On Tuesday.", "She arrives on Tuesday.", "In May."; "by
#: Tuesday" is a deadline, not a day)
_PLACING = frozenset("on in at".split())


def _named_in_reply(reply: str) -> str | None:
    """The name a short reply without digits ends in (at most eight words): after a placing preposition ("She
    arrives on Tuesday" is Tuesday) or a word of certainty ("Definitely Tuesday"); one or two capitalised words.
    ``None`` when a word of the reply negates or doubts it ("Not on Tuesday", "Probably on Tuesday")."""
    from rlvr.verifiers.lexicon import LEAD_CUES, cue_words

    words = reply.split()
    if not 2 <= len(words) <= 8 or any(not re.fullmatch(r"[^\W\d_]++(?:'[^\W\d_]++)?+,?+", w) for w in words):
        return None
    low = [w.lower().rstrip(",") for w in words]
    if cue_words(words) or any(w in LEAD_CUES or w in ("or", "nor", "and") for w in low):
        return None
    for k in (len(words) - 1, len(words) - 2):  # one name, or two ("New York")
        name = words[k:]
        if k < 1 or not all(w[0].isupper() and not w.endswith(",") for w in name):
            continue
        if low[k - 1] in _PLACING or (k == 1 and low[0] in _CERTAIN):
            return " ".join(name)
    return None


#: words around a bold word answer that hedge it or offer another ("**Alice** (maybe)", "I think **Tuesday**.",
#: "**Tuesday** or Wednesday", "**Tuesday** — but it could be Wednesday.")
_WORD_HEDGES = frozenset(
    """or but though although maybe perhaps possibly probably likely think guess believe suppose assume presumably
    could might""".split()
)


def _word_hedged(rest: str) -> bool:
    """The rest of the line of a bold word answer asks, hedges, doubts or offers another candidate."""
    if "?" in rest or _DISOWNING.search(rest) or _UNDECIDED.search(rest):
        return True
    words = {w.lower() for w in _RUN_WORD.findall(rest)}
    return bool(words & _WORD_HEDGES or words & DOUBT_WORDS)


#: final answers stated this close (characters) before the last one are read with it
_FINAL_BLOCK = 300
#: a word or phrase that revises an earlier final answer (a correction cue between two final answers far apart:
#: "Wait", "Actually", "Correction:", "On reflection", "I made a mistake", "that was wrong", "Let me redo");
#: checking alone ("We double-check each step") revises nothing
_REVISION = re.compile(
    r"(?i)\b(?:wait|actually|correction|corrected|correcting|erratum|errata|oops|whoops|hmm++|mistakes?+|mistaken|"
    r"errors?+|erroneous|wrong|wrongly|incorrect|incorrectly|mis(?:calculat|count|read|computed|took|applied)[a-z]*+|"
    r"reconsider[a-z]*+|revis(?:e|ed|ing|ion)|re-?examin[a-z]*+|re-?think[a-z]*+|scratch[ \t]++that|"
    r"on[ \t]++(?:second[ \t]++thought|reflection|closer[ \t]++(?:look|inspection))|no[ \t]*+,|nope|"
    r"let[ \t]++me[ \t]++(?:redo|recompute|recalculate|fix|correct|try[ \t]++again)|fix(?:ed|ing)?+|"
    r"update[ds]?+|amend(?:ed)?+|instead|i[ \t]++was[ \t]++wrong|not[ \t]++(?:right|correct)|flaw(?:ed)?+|typo)\b"
)


def _revised_between(text: str, lo: int, hi: int) -> bool:
    """A revision cue (:data:`_REVISION`) stands between an earlier final answer ending at ``text[lo]`` and a
    later one starting at ``text[hi]``: the later one corrects it; without one, two final answers are a hedge."""
    for k, m in enumerate(_REVISION.finditer(text, lo, hi)):
        if k >= _MAX_DENIED_CUES or not _no_revision(text, m):
            return True  # (past so many denied cues the text is read as revised, as before denials were read)
    return False


#: how many revision cues between two answers are read for a denial before the rest counts as a revision
_MAX_DENIED_CUES = 32


#: words that deny the error word after them ("there is no mistake", "without errors", "not wrong")
_ERROR_NEGATORS = frozenset("no not never without nothing free isn't wasn't aren't".split())
#: words before "of error" that make the error an event, not a term ("because of an error", "out of error")
_NOT_A_TERM_BEFORE = frozenset("a an the this that my our your his her their its because out".split())
#: words after an error noun that make it a clause's subject or place it, not a term ("the error is", "in")
_ERROR_FOLLOWERS = frozenset("is was are were in on at here there of with by occurred crept lies".split())


#: words that may stand before an interjection at the start of its clause ("But wait", "Oh wait", "Hmm, wait")
_INTERJECTION_LEADS = frozenset("but oh ah and so no ok okay well hmm hm um uh hold on actually".split())
#: "instead of" and what the writer replaces: an action (a gerund) or a thing of the problem, not a value
_INSTEAD_OF = re.compile(
    r"(?i)[ \t]++of[ \t]++(?:(?:a|an|the)[ \t]++([a-z]{2,30}+)\b(?![ \t]*+[$\d])|([a-z]{2,30}+)\b)"
)
#: nouns after "instead of the" that name the answer or a value, so what follows replaces it
_VALUE_WORDS = frozenset("answer result value number total sum count figure estimate guess one".split())


def _opens_clause(text: str, i: int) -> bool:
    """``text[i]`` opens its clause, but for interjection leads (:data:`_INTERJECTION_LEADS`): "Wait, …", "But
    wait", "the total, wait, is"; not "they wait 10 minutes"."""
    lo = max(0, i - 40)
    window = text[lo:i]
    mark = max(window.rfind(c) for c in ".!?\n,;:(\u2014")
    if mark < 0 and lo > 0:
        return False
    words = _lower_words(window[mark + 1 :])
    return all(w in _INTERJECTION_LEADS for w in words)


def _instead_of_other(text: str, i: int) -> bool:
    """The "instead" ending at ``text[i]`` replaces an action or a thing of the problem ("instead of walking",
    "instead of the bus"), not a value or an answer ("instead of 6", "instead of the answer above", "5 instead")."""
    from rlvr.verifiers.lexicon import EARLIER_WORDS

    m = _INSTEAD_OF.match(text, i)
    if m is None or m.group(2) is not None and not m.group(2).lower().endswith("ing"):
        return False
    noun = (m.group(1) or "").lower()
    return noun not in _VALUE_WORDS and noun not in EARLIER_WORDS


def _no_revision(text: str, m: re.Match[str]) -> bool:
    """The revision cue ``m`` revises nothing by its form: "wait" as a verb inside its clause (:func:`_opens_clause`),
    "instead of" an action or a thing (:func:`_instead_of_other`), an error word denied by a word among the three
    before it ("There is no mistake in step 2.", "without errors") or naming a term of the work ("the error term
    vanishes": an error noun right before another lower-case noun of no verb ending; "the margin of error": after
    a noun and "of")."""
    word = m.group(0).lower()
    if word == "wait":
        return not _opens_clause(text, m.start())  # "the passengers wait 10 minutes": a verb with its subject
    if word == "instead":
        return _instead_of_other(text, m.end())  # "instead of walking, Maya takes the bus": the problem's
    if not word.startswith(("mistake", "error", "wrong", "incorrect", "flaw")):
        return False
    before = [w.lower().replace("\u2019", "'") for w in _RUN_WORD.findall(text, max(0, m.start() - 30), m.start())]
    if _ERROR_NEGATORS.intersection(before[-3:]):
        return True
    if (
        word in ("error", "errors")
        and before[-1:] == ["of"]
        and len(before) > 1
        and before[-2] not in _NOT_A_TERM_BEFORE
    ):
        return True  # "the margin of error", "sources of error": a term, no article before the error word
    nxt = re.match(r"[ \t]++([a-z]{3,20}+)\b", text[m.end() : m.end() + 24])
    noun = nxt.group(1) if nxt is not None else ""
    return (
        word in ("error", "errors") and bool(noun) and noun not in _ERROR_FOLLOWERS and not noun.endswith(("s", "ed"))
    )


# ---------------------------------------------------------------- the lead-in before the answer

#: how far before an answer its lead-in (the sentence or line just before it) is read
_LEAD_IN_WINDOW = 600
#: the most words a doubting sentence, or a label or heading line, before an answer may have
_LEAD_IN_WORDS = 25
#: the most words of a marked heading or label line above an answer (a bare line alone: four)
_LABEL_LINE_WORDS = 6
#: the most words of a comment whose doubting word alone doubts the answer after it ("This is a guess.")
_SHORT_COMMENT = 8
#: a sentence end inside a line (the lead-in's units are its lines and their sentences)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\u3002\uff01\uff1f])[ \t]++")
#: a line that only underlines what is above it: a setext underline, a table's header rule
_UNDERLINE = re.compile(
    r"[ \t]*+(?:-{2,}+|={2,}+|\|?+(?:[ \t]*+:?+-{1,}+:?+[ \t]*+\|)++[ \t]*+(?::?+-{1,}+:?+)?+)[ \t]*+"
)
#: a line that only opens display math before the answer (``\\[``, ``$$``, ``\\begin{equation}``)
_MATH_OPENER = re.compile(r"[ \t]*+(?:\\\[|\$\$|\\begin\{[A-Za-z*]{1,20}+\})[ \t]*+")
#: a unit that only names the answer ("Final answer:", "**Answer**"): the lead-in is read past it
_ANSWER_LABEL_ONLY = re.compile(r"(?i)[\W_]*+(?:the[ \t]++)?(?:final[ \t]++)?(?:answer|result|solution)s?+[\W_]*+")
#: the markup of a heading or label line: ATX ``#``, a blockquote ``>``, a table row's pipes, ``\\section*{…}``
_HEADING_MARK = re.compile(
    r"[ \t]*+(?:#{1,6}+[ \t]++|>[ \t>]*+|\|[ \t]*+|\\(?:(?:sub){0,2}+section|paragraph|textbf|emph|textit)\*?+\{)"
)
_BOLD_LINE = re.compile(r"[ \t]*+(\*\*|__)(?=\S)[^*_\n]{1,80}+(?<=\S)\1[ \t]*+:?+[ \t]*+")
#: negated certainty or knowledge ("I'm not sure", "not very confident", "I can't be sure", "I don't know", "no
#: idea", "I am unsure")
_NOT_CERTAIN = re.compile(
    r"(?i)(?:\b(?:not|never|hardly)|n't)[ \t]++(?:(?:be|feel|very|really|quite|entirely|totally|completely|fully|too|"
    r"that|so|at[ \t]++all)[ \t]++){0,2}+(?:sure|certain|confident|positive|convinced|know)\b|\bno[ \t]++(?:idea|clue)\b"
    r"|\b(?:unsure|uncertain)\b"
)
#: a negated or failed ability to solve or check ("I couldn't solve this", "I could not verify it", "unable to
#: prove", "this has not been checked")
_CANNOT_CHECK = re.compile(
    r"(?i)(?:\b(?:not|never)|n't|\bunable[ \t]++to|\bfail(?:ed)?+[ \t]++to)[ \t]++(?:(?:fully|really|quite|properly|"
    r"actually|yet|been|be[ \t]++able[ \t]++to|manage[ \t]++to|get[ \t]++to)[ \t]++){0,2}+"
    r"(?:solve|solved|verify|verified|check|checked|double-check(?:ed)?+|confirm|confirmed|prove|proved|proven|"
    r"figure|figured|finish|finished|complete|completed|justify|justified|derive|derived|work[ \t]++(?:it|this)"
    r"[ \t]++out)\b"
)
#: the writer stuck or giving up ("I'm stuck.", "I gave up on the exact method.") or warning of errors in the work
#: ("it may contain errors", "this might have mistakes")
_WRITER_FAILS = re.compile(
    r"(?i)\b(?:i|we)(?:'m|'re|[ \t]++(?:am|are|was|were|got|get|have[ \t]++been))?+[ \t]++(?:stuck|stumped|lost|"
    r"(?:gave|give|giving)[ \t]++up)\b|\b(?:may|might|could|probably|likely)[ \t]++(?:contain|have|include)[ \t]++"
    r"(?:(?:some|an?|a[ \t]++few)[ \t]++)?(?:errors?|mistakes?|bugs?|typos?|flaws?|slips?)\b"
)
#: a doubt about whether another way exists ("I'm not sure if there's a faster way"): not about the answer
_OTHER_WAY = re.compile(r"(?i)[ \t]++(?:if|whether)[ \t]++there(?:'s|[ \t]++(?:is|are|was|might|may|could))\b")
#: words that open a clause after a doubt that settles it or turns to the work ("…, but after checking, …", "…,
#: so let's set up …")
_SETTLING = frozenset(
    """but however yet so hence thus therefore instead let let's now after until aber jedoch doch mais cependant
    pourtant pero sin embargo ma però mas porém но однако ale jednak maar echter men ama fakat tapi nhưng""".split()
)
#: a doubt of another language about whether something else exists, like English "I'm not sure if there's a
#: faster way" ("No sé si hay un método más corto", "Ich weiß nicht, ob es einen kürzeren Weg gibt", "Не знаю, есть
#: ли способ короче"): not about the answer
_FOREIGN_WHETHER = re.compile(
    r"(?i)[ \t,]*+(?:si[ \t]++(?:hay|existe|il[ \t]++y[ \t]++a)|ob[ \t]++es[ \t]++(?:einen|eine|ein|noch)|"
    r"se[ \t]++(?:c'è|ci[ \t]++sia|há|existe)|czy[ \t]++(?:jest|istnieje)|of[ \t]++er|есть[ \t]++ли|существует[ \t]++ли)\b"
)
#: words that doubt the answer a short comment before it introduces ("This is a guess.", "(unverified)")
_LEAD_DOUBT_WORDS = frozenset(
    """guess guessing guessed guesswork guesstimate speculation speculative unsure uncertain doubtful dubious
    questionable shaky iffy unverified unchecked untested unconfirmed unproven tentative provisional maybe perhaps
    probably dunno idk""".split()
)
#: doubt in Chinese or Japanese ("我不确定", "不知道", "没把握", "猜", "未验证", "わからない", "自信がない")
_CJK_DOUBT = re.compile(
    "[\u4e0d\u6ca1][\u592a\u5f88\u5927]?+(?:\u786e\u5b9a|\u77e5\u9053|\u6e05\u695a|\u80af\u5b9a|\u6709\u628a\u63e1)"
    "|\u6ca1\u6709?+\u628a\u63e1|\u731c|\u672a\u7ecf?+(?:\u9a8c\u8bc1|\u6838\u5b9e|\u786e\u8ba4|\u68c0\u67e5)"
    "|\u308f\u304b\u3089\u306a\u3044|\u5206\u304b\u3089\u306a\u3044|\u81ea\u4fe1\u304c\u306a\u3044"
)


def _doubted_lead_in(text: str, start: int) -> bool:
    """The answer starting at ``text[start]`` comes right after a comment that doubts it or a label or heading that
    disowns it: the rest of its own sentence before it, else the sentence or line just before ("I'm not sure about
    this one. The answer is 5.", "(unverified) 5", "Wrong answer:\\n5", "## Draft\\n\\n5", "| Guess |\\n|---|\\n| 5 |").
    Only the nearest unit is read (past a bare answer label and underlines): a doubt at the top of a long solution
    ("I'm not sure how to start, so let's …") does not reach the answer."""
    lo = max(0, start - _LEAD_IN_WINDOW)
    lines = text[lo:start].split("\n")
    own = _SENTENCE_BREAK.split(lines[-1])
    if _doubting_comment(own[-1].rstrip(" \t$")):
        return True  # "(unverified) \\boxed{5}", "I'm not sure, the answer is 5"
    units = [u for u in own[:-1] if u.strip()]
    if units:  # "Confidence: low. Final answer: 5"
        unit = units[-1]
        if _ANSWER_LABEL_ONLY.fullmatch(unit) and len(units) > 1:
            unit = units[-2]
        return _doubting_comment(unit)
    underlined = False
    for k in range(len(lines) - 2, -1 if lo == 0 else 0, -1):
        line = lines[k]
        if not line.strip() or _MATH_OPENER.fullmatch(line):
            continue
        if _UNDERLINE.fullmatch(line) and not underlined:
            underlined = True  # "Guess\\n-----", "| Guess |\\n|---|"
            continue
        if _ANSWER_LABEL_ONLY.fullmatch(line) and not underlined:
            continue  # "## Not verified\\n\\nFinal Answer:\\n5"
        if _open_belief(_SENTENCE_BREAK.split(line)[-1]):
            return True  # "Luulen, että vastaus on\n#### 5", "أظن أن الناتج هو\n#### 5": the answer ends the belief
        return _disowning_label_line(line, underlined) or _doubting_comment(_SENTENCE_BREAK.split(line)[-1])
    return False


#: sentence marks of the scripts the grader reads (Latin, CJK, Arabic, Urdu, Devanagari, Ethiopic, the Greek
#: question mark): a line closed by one is a finished sentence
_SENTENCE_MARKS = ".!?\u2026\u3002\uff01\uff1f\u061f\u06d4\u0964\u0965\u1362\u1367\u037e"
#: the words of :data:`_HYPOTHESIS` that are no belief of the writer's: an ability ("could", "might"), a question
#: ("is it") or a supposition that states a premise of the work ("Assuming no waste, the total is")
_NOT_BELIEFS = frozenset(
    {"could", "might", "is it", "suppose", "supposing", "assume", "assuming", "let's say", "what if"}
)


def _open_belief(line: str) -> bool:
    """``line`` (the line right above an answer) is an unfinished sentence that frames what follows as the writer's
    belief: it holds a belief frame or modal (:data:`_HYPOTHESIS`, the lexicon's ``FOREIGN_BELIEF``: "I think",
    "Luulen, että", "أظن أن") and no value, and ends without a sentence mark, so the answer line completes it."""
    from rlvr.verifiers.lexicon import FOREIGN_BELIEF

    masked = _mask_math(line).rstrip(" \t*_:\u2014-")
    if not masked or masked[-1] in _SENTENCE_MARKS or _ANSWER_TOKEN.search(masked):
        return False
    hypothesis = _HYPOTHESIS.search(masked)
    if hypothesis is not None and " ".join(hypothesis.group(0).lower().split()) not in _NOT_BELIEFS:
        return True
    return FOREIGN_BELIEF.search(masked) is not None


def _statement_start(text: str, answer: str) -> int:
    """Where a final statement's ``answer`` starts in ``text``: its last occurrence, else the last non-blank line."""
    at = text.rfind(answer)
    return at if at >= 0 else text.rstrip().rfind("\n") + 1


#: idioms of :data:`_DISOWNING_MORE` that own up to an earlier slip ("I was wrong.", "My mistake.", "That's wrong."):
#: before an answer they introduce the fix, they do not doubt it
_EARLIER_FAULT = re.compile(r"(?i)(?:i|my|messed|screwed|mixed|goofed|something|this|that)\b")


def _forward_doubt(masked: str) -> re.Match[str] | None:
    """A disowning idiom in ``masked`` that doubts what follows ("I might be wrong.", "Take this with a grain of
    salt.", "Fingers crossed."), not one that owns up to an earlier slip."""
    m = _DISOWNING_MORE.search(masked)
    return m if m is not None and not _EARLIER_FAULT.match(m.group(0)) else None


def _doubting_comment(unit: str) -> bool:
    """``unit`` (a sentence or clause before the answer) doubts the writer's own answer: negated certainty or
    ability ("I don't know.", "I could not verify this."), a low confidence ("Confidence: low."), a doubting word
    in a short comment ("This is a guess.", "(unverified)") or a forced or unchecked answer's frame ("I will just
    put something"); unless a clause after the doubt settles it or turns to the work ("…, but …", "…, so let's …")."""
    masked = _mask_math(unit).replace("\u2019", "'")
    if not masked.strip(" \t$"):
        return False
    if _NOT_FULLY_SURE.search(masked) or _unturned_frame(masked):
        return True  # "Not 100% sure.", "I couldn't solve it, so I will just put something."
    confidence = _CONFIDENCE.match(masked)
    if confidence is not None:
        return _low_share(confidence)  # "Confidence: low."
    if _ANSWER_TOKEN.search(masked):
        return False  # a step of the work, not a comment
    words = _lower_words(masked)
    if len(words) > _LEAD_IN_WORDS:
        return False
    doubt = _CJK_DOUBT.search(masked) or _NOT_CERTAIN.search(masked) or _CANNOT_CHECK.search(masked)
    doubt = doubt or _foreign_doubt(masked)
    doubt = doubt or _UNDECIDED.search(masked) or _forward_doubt(masked) or _WRITER_FAILS.search(masked)
    if doubt is not None and (
        _ABOUT_READER.match(masked, doubt.end())
        or _OTHER_WAY.match(masked, doubt.end())
        or _FOREIGN_WHETHER.match(masked, doubt.end())
    ):
        return False  # "Not sure what else you need.", "I'm not sure if there's a faster way.": not the answer
    if doubt is not None:  # a settling clause needs words of its own: "I'm not sure, though." stays a doubt
        rest = _lower_words(masked[doubt.end() :])
        return not any(w in _SETTLING for w in rest[:-1])
    short = len(words) <= _SHORT_COMMENT or masked.lstrip(" \t*_").startswith("(")
    return (
        short
        and any(  # "This is not a guess." denies the doubt
            w in _LEAD_DOUBT_WORDS and not _NEGATORS.intersection(words[max(0, k - 2) : k]) for k, w in enumerate(words)
        )
    )


def _foreign_doubt(masked: str) -> re.Match[str] | None:
    """A writer's negated knowledge, certainty or ability in another language ("Не знаю.", "No sé resolver esto
    bien."; the lexicon's ``FOREIGN_DOUBT``)."""
    from rlvr.verifiers.lexicon import FOREIGN_DOUBT

    return FOREIGN_DOUBT.search(masked)


def _low_share(confidence: re.Match[str]) -> bool:
    """A confidence stated as a number (:data:`_CONFIDENCE`: "10%", "0.2", "3/10") is at most an even chance."""
    if confidence.group("bar"):  # "★★☆☆☆": the filled marks of all the marks (of five without empty ones)
        bar = confidence.group("bar")
        filled = len(re.findall(f"[{_RATING_FILLED}]", bar))
        empty = len(re.findall(f"[{_RATING_EMPTY}]", bar))
        return filled / (filled + empty if empty else max(_RATING_POINTS, filled)) <= _DOUBTFUL_CONFIDENCE / 100
    if confidence.group("words"):  # "so-so", "not great", "pretty high": high only by its last word, unnegated
        words = confidence.group("words").lower().split()
        negation = any(w in _NEGATORS or w.endswith("n't") for w in words)
        return negation or words[-1].rsplit("-", 1)[-1] not in _CONFIDENT_WORDS
    share = float(confidence.group(1)) / 100 if confidence.group(1) else None
    if confidence.group(3):
        share = float(confidence.group(3))
    if confidence.group(4):  # "Confidence: 3/10", "7 out of 10"
        share = float(confidence.group(4)) / max(1.0, float(confidence.group(5)))
    return share is None or share <= _DOUBTFUL_CONFIDENCE / 100


#: connectives and copulas that make a line a sentence leading to the answer, not a label ("The bound is met:")
_CLAUSE_WORDS = frozenset("so thus hence therefore then is are was were be".split())
#: determiners after a heading's first word that make it an imperative ("Find the bound", "Estimate an area")
_DETERMINERS = frozenset("the a an our its their all each every this these".split())
#: first words of a line that are no verb, before a determiner ("Here a rough attempt", "Just a guess")
_NOT_VERBS = frozenset("here there this that it just only my our your so hence thus then now".split())


def _task_heading(words: list[str], negations: frozenset[str]) -> bool:
    """A heading of ``words`` names a step of the work, not the answer's standing: a gerund ("Estimating the
    bound") or an imperative before a determiner ("Find the upper bound"); a negation opens no task ("Not the
    answer")."""
    first = words[0]
    if first.endswith("ing") and first not in _LEAD_DOUBT_WORDS:
        return True
    verb = first.isalpha() and first not in negations and first not in _NOT_VERBS
    return verb and len(words) > 1 and words[1] in _DETERMINERS


def _disowning_label_line(line: str, underlined: bool) -> bool:
    """``line`` (the line above an answer) is a heading or label that disowns it: a Markdown heading, a setext or
    table header (``underlined``), a bold line, a blockquote, ``\\section*{…}``, a line closed by a colon or a
    short line alone, of at most six words and no value, holding a word that makes a label no answer (a guess, a
    draft, a bound, a wrong or unverified one: "## Incorrect attempt", "> Guess", "Upper bound:"), a doubting
    pictograph ("## 🤔") or a doubt in Chinese or Japanese ("## 猜测")."""
    from rlvr.verifiers.lexicon import HEDGE_CUES, LABEL_CUES, LABEL_FORM_CUES, NEGATION_CUES, PROVISIONAL_LABEL

    mark = _HEADING_MARK.match(line)
    title = (line[mark.end() :] if mark else line).strip(" \t*_:|}")
    labelled = bool(mark) or underlined or bool(_BOLD_LINE.fullmatch(line)) or line.rstrip(" \t*_").endswith(":")
    words = _lower_words(_mask_math(title))
    if _ANSWER_TOKEN.search(_mask_math(title)) or len(words) > (_LABEL_LINE_WORDS if labelled else 4):
        return False
    if not labelled and ":" in title:
        return False  # "Reference: <https://…>": a label of its own content
    if not words:
        return _doubting_symbol(title)  # "## 🤔"
    if _task_heading(words, NEGATION_CUES) or "," in title or _CLAUSE_WORDS.intersection(words):
        return False  # "## Estimating the bound", "Upper and lower bounds agree, so:": a step or a sentence
    parts = {p for w in words for p in w.replace("\u2019", "'").split("-")}
    cues = LABEL_CUES | LABEL_FORM_CUES | HEDGE_CUES | _LEAD_DOUBT_WORDS
    if parts & cues or labelled and parts & NEGATION_CUES or PROVISIONAL_LABEL.search(title) is not None:
        return True  # "Guess", "## Unverified result", "Wrong answer:", "## Working answer"; a bare "Not bad" line
    return any(_CJK_DOUBT.search(w) or _cjk_cue(w) or _cjk_label_cue(w) for w in words if not w.isascii())


#: words that make a sentence after the final answer restate or correct it ("Actually, it is 6.")
_RESTATE = re.compile(
    r"(?i)\b(?:actually|wait|correction|erratum|should|instead|hmm|oops|mistake|error|also|both|alternatively|"
    r"sorry|rather|no|kidding|get|gets|got|is|equals|be|edit|update|if|with|works|too|thought|count|counts|"
    r"otherwise|unless|depending)\b"
)


#: a whole number written in digit groups of three separated by single spaces (``2 125``, ``-1 000 000``)
_SPACE_GROUPED = re.compile(r"[-+]?+\$?+[1-9]\d{0,2}+(?: \d{3}+)++")
_BOX_OPEN = re.compile(r"\\(?:boxed|fbox|framebox)[ ]?+\{")


def _marked(text: str) -> Extraction | None:
    """The answer given by final-answer markers (boxes, ``####`` lines, answer phrases): the last marker's,
    with every other marker's answer in the final block before it and every restated value after it (a
    different one is another part: a hedge)."""
    found: list[tuple[int, int, Extraction]] = []  # (start, end, extraction) of each marker's answer
    box_end = -1  # where the last box closes
    boxes = _boxes(text)
    if boxes is not None:
        if boxes.answer is None:
            return boxes
        last_box = max(text.rfind("\\boxed"), text.rfind("\\fbox"), text.rfind("\\framebox"))
        if len(boxes.parts) > 1 and (fixed := _corrected_box(text, last_box)) is not None:
            boxes = fixed  # "\\boxed{24}\n\n**Correction:** \\boxed{23}": the corrected box replaces the others
        opener = _BOX_OPEN.match(text, last_box)  # a long box: its sentence ends after it
        after_box = _group_end(text, opener.end()) if opener else last_box
        past = _past_math_span(text, after_box)
        found.append((last_box, _sentence_end(text, past, past + MAX_INLINE_ANSWER_CHARS, started=True), boxes))
        box_end = after_box
    lines = list(deque(_GSM8K.finditer(text), maxlen=8))
    if "###" in text:
        lines = sorted(lines + list(deque(_GSM_SHORT.finditer(text), maxlen=8)), key=lambda g: g.start())
    for gsm in lines:
        line = gsm.group(1)
        if _PHRASE.search(line):
            continue  # "#### The answer is 72": the phrase states it
        if "#" in line or "`" in line:
            line = line[: len(line) - len(_last_match(_GSM_CLOSE, line))]
        content = _clean(_GSM_LABEL.sub("", line))  # "#### Answer: 72"
        if _SPACE_GROUPED.fullmatch(content):  # "#### 2 125": plain text, where a space groups digits (SI)
            content = content.replace(" ", "")
        content = _restated_value(content, _TEXT_END.match(text, gsm.end()) is not None) or content  # "#### 24 个"
        if content and _doubt_mark(content):
            found.append((gsm.start(), gsm.end(), _found([content], "gsm8k", "text")))  # "#### 18 ;)"
        elif content:
            found.append((gsm.start(), gsm.end(), _found([content], "gsm8k", _mode(content))))
    for m in deque(_PHRASE.finditer(text), maxlen=8):
        end = _sentence_end(text, m.end(), m.end() + MAX_STATEMENT_CHARS)
        sent = _sentence_of(text, m.start(), end)
        if _rejected_candidate(sent, list(boxes.parts) if boxes is not None else []):
            continue  # "Common wrong answer: 6.", "One might think the answer is 11, but …": not the answer
        box = _BOX.search(text, m.end(), end + 1) if boxes is not None else None
        if box is not None and not re.search(r"\d", text[m.end() : box.start()]):
            continue  # "The answer is $\\boxed{5}$": the box is the phrase's answer
        if box is not None and _labels_box(text[m.end() : box.start()]):
            continue  # "The answer is $f(3) = \\boxed{8}$": a label of the box, which states the value
        # "\\textbf{Answer:} 24 \\boxed{23}": the phrase states its own value before the box
        got = _phrase_statement(text if box is None else text[: box.start()], m.end(), m.start())
        if got is not None and got.answer is not None and _DECIMAL_COMMA_PHRASE.match(m.group(0)):
            parts = tuple(_without_foreign_noun(_decimal_comma(p)) for p in got.parts)
            got = Extraction("; ".join(parts), got.method, parts, got.mode)
        if got is not None and got.answer is not None:
            found.append((m.start(), end, got))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    last_start, last_end, final = found[-1]
    if _doubted_lead_in(text, last_start):
        return Extraction(None, "doubted_lead_in")  # "I don't know. \\boxed{5}", "## Draft\n\n\\boxed{5}"
    parts = list(final.parts)
    modes = [final.mode] * len(parts)
    keys = {_key(p) for p in parts}
    block = last_start - _FINAL_BLOCK
    conclusive = final.method == "answer_phrase" and text[last_start : last_start + 5].lower() == "final"
    fixes = len(found) > 1 and final.method == "answer_phrase" and _corrects(text, last_start)
    if fixes:
        block = last_start  # "\\boxed{23}\nCorrection: the answer is 22.": the corrected answer replaces the others
    for _start, end, ex in found[:-1]:
        if conclusive and ex.method == "boxed":
            continue  # boxes of intermediate results, then "Final Answer: …"
        if end >= block or not fixes and not _revised_between(text, end, last_start):
            _add_parts(ex.parts, ex.mode, parts, modes, keys)  # far apart without a revision between: a hedge
    retracted, retraction_end = _retracting(text, last_end)
    corrected = False
    letters = all(_CHOICE_PART.fullmatch(p.strip()) for p in parts)
    if final.mode == "math" or letters:  # "\\boxed{5}, hence 6.", "The answer is 5, since 6 works as well."
        _add_parts(_clause_candidates(text, last_start, last_end, final, box_end), final.mode, parts, modes, keys)
    counted = _counted_kind(text[max(0, last_start - 120) : min(last_end, last_start + MAX_STATEMENT_CHARS)])
    if _asked_otherwise(text[last_end : last_end + MAX_INLINE_ANSWER_CHARS], parts, counted):
        return Extraction(None, "asked_otherwise")  # "The question asked for oranges, though.": not its answer
    for sent, sent_end in _sentences_after(text, last_end, letters):
        start = text.find(sent, retraction_end)  # (-1 for the retracting sentence itself: it corrects nothing)
        if retracted and start >= 0 and not text[retraction_end:start].strip(" \t\n.!?"):
            retracted, asked = "", retracted.endswith("?")  # "Answer: 23\nWait, that's wrong. It's 22." corrects it
            fix = _statement_of_sentence(sent)
            if asked and fix is not None and fix.answer is not None and _key(fix.answer.rsplit("=", 1)[-1]) in keys:
                continue  # "Is that right? $8 \\cdot 3 = 24$.": the question answered by the same value
            if fix is not None and fix.answer is not None:
                fix = _read_on(fix, text, sent_end)
                final = Extraction(fix.answer, final.method, fix.parts, fix.mode)
                parts, modes, keys = list(fix.parts), [fix.mode] * len(fix.parts), {_key(p) for p in fix.parts}
                corrected = True
                continue
        sent = _unemphasised(sent)  # "---\n\n*Alternatively, 25.*": the sentence the emphasis shows
        if _CONFIDENCE.match(sent) or _answered_no(text, max(0, sent_end - len(sent) - 2), sent):
            continue  # "Confidence: 90%": about the answer; "Could it be 22? No.": a rejected candidate
        if _agreeing_check(sent, keys, text, sent_end):
            continue  # "Check: with 24 shared among 3, each gets 8 ✓", "Проверка: $24 - 8 = 16$.": it agrees
        if _rejected_candidate(sent, parts):
            continue  # "Common wrong answer: 6.", "One might think it is 11, but that double-counts."
        sent = _without_rejected_clauses(sent, final.parts[-1] if final.parts else None).strip()
        if not sent.strip(" \t,;:.!\u2014-"):
            continue  # "6 is too large.", "We can rule out 6.": a value rejected in its own clause
        numbers = {_key(split[0]) for split in map(_number_and_unit, parts) if split}  # "4 cm" is confirmed by 4
        if _denies_fault(text, max(0, sent_end - len(sent) - 2), sent, keys | numbers):
            continue  # "Did I make an error? No, it should be 24.": the fault denied, the answer confirmed
        fix = _correction(sent)
        if fix is not None:  # "No wait, 22.", "EDIT: it's 22.": the corrected value replaces what came before
            fix = _read_on(fix, text, sent_end)
            final = Extraction(fix.answer, final.method, fix.parts, fix.mode)
            parts, modes, keys = list(fix.parts), [fix.mode] * len(fix.parts), {_key(p) for p in fix.parts}
            corrected = True
            continue
        if (admitted := _admitted_change(sent, keys)) is not None:  # "Forgot the teacher: 25.", "Missed one."
            _add_parts((admitted,), "text", parts, modes, keys)
            continue
        if (should := _modal_answer(sent, keys)) is not None:  # "Check: …, so the answer should be 25."
            _add_parts((should,), final.mode, parts, modes, keys)
            continue
        if (numeral := _cjk_numeral(sent)) is not None:  # "The answer is 5.\n\n六": another value, in CJK numerals
            _add_parts([numeral], final.mode, parts, modes, keys)
            continue
        if _recap_item(sent) or _recap_line(sent):
            continue  # "### Summary\n- Eggs laid: 16\n- Eggs eaten: 3": the givens recapped
        aside = (  # "(This assumes … with 16.)"; not "(Later) 6": a label, then a value
            sent.startswith("(") and sent.find(")") in (-1, len(sent) - 1) and not _hedgy(sent) and not _framed(sent)
        )
        offered = _offered_candidates(sent, parts) if (final.mode == "math" or letters) and not aside else ()
        offered = offered or (_rival_quantities(sent, parts, counted=counted) if not aside else ())  # "So 6 people …"
        if offered:  # "Many would say 6.", "6 is another possibility.", "Plan B: 6.": another candidate
            _add_parts(offered, final.mode, parts, modes, keys)
            continue
        if aside:
            continue
        recomputed = _RECOMPUTED.match(sent.replace("$", ""))
        if recomputed is not None:  # "Recomputing: 16 - 10 = 6.": a later result, a rival unless it agrees
            _add_parts([recomputed.group(1)], final.mode, parts, modes, keys)
            continue
        if _working_item(sent):
            continue  # "**Steps:**\n1. 16 - 3 - 4 = 9\n2. 9 × 2 = 18": the working, listed
        if _bare_value(sent) or _RESTATE.search(_mask_math(sent)):
            got = _foreign_statement(sent) or _statement_of_sentence(sent)  # "پاسخ درست 24 است.": a verb-final copula
            if got is not None and _bare_value(re.sub(r"(?i)\b(?:and|or)\b", " ", got.answer)):
                _add_parts(got.parts, got.mode, parts, modes, keys)
    if final.method == "gsm8k" and not corrected and (retraction := _retraction_after(text, last_end, final.answer)):
        return _found([f"{final.answer}; {retraction}"], "gsm8k", "text")  # "#### 5\nJust kidding."
    if len(parts) == len(final.parts):
        return final
    if len(set(modes)) > 1:
        parts = [p if m == "text" else f"${p}$" for p, m in zip(parts, modes)]
        return _found(parts, final.method, "text")
    return _found(parts, final.method, modes[0])


#: an admission, opening a sentence after the answer, that the work left something out or miscounted it: a filler
#: or two, a subject or the work named, then a verb of omission or miscounting, or "plus" adding an item ("Forgot
#: to add the empty set", "Oops, I missed one", "We didn't count the teacher", "The count above skipped 0", "Plus
#: the empty set"; "Plus, …" goes on with the argument)
_ADMISSION = re.compile(
    r"(?i)^[ \t*_(>]*+(?:(?:oops|whoops|oh|ah|argh|ugh|hmm++|wait|sorry|actually|also|and|but|however|ok|okay"
    r"|well|oh[ \t]++no|uh[ \t]++oh)[ \t]*+[,.!:;\u2014-]*+[ \t]*+){0,3}+"
    r"(?:(?:i|we|i've|we've|i[ \t]++have|we[ \t]++have|(?:it[ \t]++)?+(?:seems|looks)[ \t]++(?:like|that)[ \t]++(?:i|we)"
    r"|(?:the|my|our)[ \t]++(?:count|counting|tally|answer|total|solution|work|list)(?:[ \t]++above)?+)[ \t]++)?+"
    r"(?:(?:also|just|completely|totally|accidentally)[ \t]++)?+"
    r"(?:forg[eo]t(?:ten)?+|missed|omitted|overlooked|skipped|neglected|left[ \t]++out|miscounted"
    r"|(?:double|over|under)[ \t-]?+counted|(?:didn't|did[ \t]++not|failed[ \t]++to)[ \t]++(?:count|include|add)"
    r"|plus(?![ \t]*+[,:;]))\b"
)
#: words right after such a verb that deny the fault ("Forgot nothing", "Missed none", "Left out no one")
_NO_FAULT = frozenset("nothing none no nobody anything anyone".split())
#: a change of the count by a few ("so one more", "two fewer", "add one", "+1", "minus one")
_DELTA = re.compile(
    r"(?i)\b(?:(?:one|two|three|a[ \t]++couple|\d{1,3}+)[ \t]++(?:more|less|fewer|extra|too[ \t]++(?:many|few))"
    r"|(?:add|plus|minus|subtract)[ \t]++(?:one|two|1|2)|off[ \t]++by[ \t]++(?:one|two|1|2))\b|[+\u2212-][ \t]*+1\b"
)


def _admitted_change(sent: str, keys: set[str]) -> str | None:
    """``sent`` (a sentence after the answer, whose values are keyed in ``keys``) admits that the work left out or
    miscounted something (:data:`_ADMISSION`) and changes the count: it states another value, in digits or in
    words, or a change by a few (:data:`_DELTA`: "Forgot the teacher: 25.", "Missed one — make that
    twenty-five.", "Plus the empty set, so one more."): the sentence, a rival of the answer; else ``None``. A
    denied fault ("Forgot nothing: all 24 counted.") or one whose last value is the answer changes nothing."""
    masked = _mask_math(sent)
    m = _ADMISSION.match(masked)
    if m is None or _NO_FAULT.intersection(_lower_words(masked[m.end() : m.end() + 20])[:1]):
        return None
    spelled = None if _ANSWER_TOKEN.search(masked) else _spelled_out(masked)
    plain = _REFERENCE_OR_TOLERANCE.sub(" ", spelled or masked)
    values = [_key(v.group(0)) for v in _CHECK_VALUE.finditer(plain)]
    if values and values[-1] in keys:
        return None  # "Plus the 4 from the second box makes 24.": the work, concluding on the answer
    return sent.strip() if _DELTA.search(masked, m.end()) or set(values) - keys else None


#: a sentence that says what the answer should be ("so the answer should be 25", "the total must be 25", "it should
#: have been 25"): its value, a rival unless it is the answer's
_MODAL_ANSWER = re.compile(
    r"(?i)\b(?:(?:the[ \t]++)?+(?:(?:correct|right|real|true|actual|final)[ \t]++)?+(?:answer|result|total|count|sum)"
    r"|it|that|this)[ \t]++(?:should|must|would|ought[ \t]++to|has[ \t]++to|needs[ \t]++to)[ \t]++(?:really[ \t]++"
    r"|actually[ \t]++)?+(?:be|have[ \t]++been)[ \t]++\$?+(-?+\d{1,40}+(?:\.\d{1,40}+)?+)(?![\w.,/^]|[.,]\d)"
)


def _modal_answer(sent: str, keys: set[str]) -> str | None:
    """The value ``sent`` (a sentence after the answer) says the answer should be (:data:`_MODAL_ANSWER`: "Check:
    24 × 2 = 48 ≠ 50, so the answer should be 25."), when it is not the answer's (keyed in ``keys``), else
    ``None``; a negated one ("it should not be 25") says nothing of the kind."""
    m = _MODAL_ANSWER.search(sent)
    return m.group(1) if m is not None and _key(m.group(1)) not in keys else None


def _unemphasised(sent: str) -> str:
    """``sent`` without markdown emphasis markers around it ("*Alternatively, 25*" reads as "Alternatively,
    25"): emphasis shows the words, it does not set them apart from the answer's reading."""
    inner = sent.lstrip("*_")
    if inner is sent or len(sent) - len(inner) > 3 or not inner[:1].strip():
        return sent
    return inner.rstrip("*_")


#: a sentence after the answer that redoes the work and reaches a result: a verb of recomputing, then a
#: computation whose last ``=`` gives a number ("Recomputing: 16 - 10 = 6.", "Redoing the sum, 4 + 3 = 7.")
_RECOMPUTED = re.compile(
    r"(?i)[ \t]*+(?:(?:on|upon|after|when|while)[ \t]++)?+(?:re-?+(?:comput|calculat|count|do|work|evaluat|deriv|sum|add)[a-z]{0,6}+)\b[^=\n]{0,120}+="
    r"(?:[^=\n]{0,120}+=)*+[ \t]*+(-?+\d{1,12}+(?:[.,]\d{1,12}+)?+)[ \t]*+[.!]?+[ \t]*+$"
)


#: words that frame a value in a sentence after the answer as another candidate: attribution and belief ("Many
#: would say 6.", "Some sources say 6.", "I'd lean toward 6."), likelihood ("6 seems more likely.", "Probably 6."),
#: alternatives ("6 is another possibility.", "Plan B: 6.", "Second choice: 6.", "(6 under another
#: interpretation.)", "6 fits as well."), conditions ("If not, then 6.", "… depending on interpretation") and
#: several at once ("5 and 6 both seem right.", "It's between 5 and 6.") and verbs of a value meeting the conditions
#: ("6 works too.", "6 satisfies it as well.", "6 also qualifies.")
_CANDIDATE_FRAME = frozenset(
    """say says would could may might lean leaning prefer suggest suggests claim claims argue argues sources source
    textbook textbooks list lists likely probably possibly maybe perhaps seems seem plausible possibility possible equally another
    good valid acceptable correct right fine defensible admissible legitimate interchangeable
    alternative alternatively second backup plan choice option reading interpretation also too both between either
    else fits well if unless depending otherwise guess or works work holds hold satisfies satisfy qualifies qualify
    counts applies succeeds passes""".split()
)
#: a sentence that works with its values (a relation or an operation: "Check: 5 + 1 = 6.") offers no candidate
_WORK = re.compile(
    r"[=+*^\u00d7\u00f7\u2212\u2261]|[\w)}\]][ \t]{0,3}+[/<>][ \t]{0,3}+[\w(\\{-]"  # "/", "<", ">" between operands
    r"|\\(?:times|cdot|div|frac|dfrac|neq?|[lg]eq?|approx|pm|equiv|pmod|bmod|mod)"
    r"(?![A-Za-z])|\d[ \t]*+-|(?i:\b(?:times|plus|minus|divided[ \t]++by|multiplied[ \t]++by|modulo)\b)"
)
#: a plain number in prose (``6``, ``-6``, ``6.5``), with the word after it
_PLAIN_NUMBER = re.compile(r"(?<![\w.,/^_{])-?\d{1,40}+(?:\.\d{1,40}+)?+(?![\w/^_%]|[.,]\d)(?:[ \t]++([A-Za-z]++))?+")
#: a choice letter as an answer part, and one standing alone in prose (not the article "A" before a word)
_CHOICE_PART = re.compile(r"\(?[A-J]\)?")
_CHOICE_IN_PROSE = re.compile(r"(?<![\w'\\-])\(?([A-J])\)?(?![\w'-])")
#: the rest of a coordinated list of choice letters after one: ", (B) and (D)", " or C"
_LETTER_LIST = re.compile(r"(?:[ \t]*+(?:,[ \t]*+(?:(?:and|or)[ \t]++)?+|(?:and|or|&)[ \t]++)\(?[A-J]\)?(?![\w'-]))*+")
#: words before a number that make it an index or a date, not a value ("Step 2", "equation 4", "In 2024")
_INDEX_NOUNS = frozenset(
    """step steps case cases part parts equation eq eqn line lines figure fig problem problems question exercise
    example page chapter section row column item lemma theorem option method approach round stage level year in
    since until degree order size rank version grade type class group""".split()
)
#: verbs after a value that say it satisfies the problem ("6 works as well", "6 satisfies it too"): no count noun
_SATISFYING_VERBS = frozenset("works work satisfies satisfy holds qualifies passes does checks".split())
#: index words before a number that make it a year only ("In 2024", "since 1998"; "since 6 fits" offers 6)
_DATE_WORDS = frozenset("in since until".split())
#: copulas after an offered value: then its predicate must frame it ("6 is another possibility", "6 seems more
#: likely"; "7 is prime" states a fact)
_VALUE_COPULAS = frozenset("is are was were seems seem looks appears remains remain stays stay".split())
#: words right before a value that reject it ("not 6", "rather than 6", "instead of 6", "isn't 6")
_REJECTING_BEFORE = frozenset("not never than of no nor except".split())


def _framed(sent: str) -> bool:
    """A word of :data:`_CANDIDATE_FRAME` or an attribution cue frames the values of ``sent`` as candidates."""
    from rlvr.verifiers.lexicon import ATTRIBUTION_CUES

    words = [w.lower().replace("\u2019", "'") for w in _RUN_WORD.findall(sent)]
    return any(w in _CANDIDATE_FRAME or w in ATTRIBUTION_CUES or w.endswith("'d") for w in words)


def _clause_candidates(text: str, start: int, end: int, final: Extraction, box_end: int) -> tuple[str, ...]:
    """The other candidates the rest of the final answer's own sentence (``text[start:end]``) offers after the
    answer: the clause after the box, or after the value an answer phrase states, read as a sentence after the
    answer is (:func:`_offered_candidates`)."""
    from rlvr.verifiers.lexicon import DECIMAL_READING

    if final.method == "boxed":
        lo = box_end if start <= box_end <= end else -1
    elif final.method == "answer_phrase" and final.parts:
        lo = text.find(final.parts[-1], start, end)
        lo = lo + len(final.parts[-1]) if lo >= 0 else -1
    else:
        return ()
    if lo < 0:
        return ()
    raw = _without_superseded(text[lo:end])  # "(corrected from 25)": withdrawn
    clause = raw.strip(" \t$}*_.,;:!\u2014-")
    if _FACTORIAL_END.search(raw) is not None:
        clause += "!$"  # "\\boxed{24}, which is $4!$.": the factorial is the expression's, no sentence mark
    if not clause or DECIMAL_READING.match(clause.strip("() \t")):
        return ()  # "5 in base 10", "5 (in decimal)": the reading every number has
    opener = _RUN_WORD.match(clause)
    explains = opener is not None and opener.group(0).lower() in _EXPLAIN_OPENERS  # read below, by its frame
    aside = text[lo:end].lstrip(" \t$}*_")[:1] in (",", ";", "\u2014") and not explains
    if aside and _aside_clause(clause, final.parts[-1]):
        return ()  # "\\boxed{24}, twice the area of the inner square (12)": an appositive, not another candidate
    restates = _RESTATING_OPENER.match(clause) is not None  # "\\boxed{5} — that is, 6 apples": another value
    offered = _offered_candidates(clause, list(final.parts), clause=True)
    return offered or _rival_quantities(clause, list(final.parts), restates)


#: a factorial sign that closes a math span at the end of a clause ("which is $4!$.")
_FACTORIAL_END = re.compile(r"[\d)}]!\$[ \t.,;:]*+$")
#: words opening the answer's own clause that restate or conclude from it ("that is", "i.e.", "so", "hence")
_RESTATING_OPENER = re.compile(
    r"(?i)(?:that[ \t]++is|in[ \t]++other[ \t]++words|namely|meaning|so|hence|thus|therefore|giving)\b|i\.?e\b"
)


#: words that say the writer is unsure of what they offer, not that it is wrong ("I'm not sure", "no idea")
_UNSURE_WORDS = frozenset(
    """unsure uncertain doubt doubtful guess guessing think believe suppose maybe perhaps probably possibly idea
    hmm dunno""".split()
)
#: words of certainty or knowledge that a negation before them turns into doubt ("not sure", "don't know")
_NEGATED_CERTAINTY = frozenset("sure certain confident positive know knows convinced".split())


def _doubted_offer(tail: str) -> bool:
    """The clause after an offered value (``tail`` starts right after it) doubts the writer's own offer instead
    of rejecting the value (", I am not sure", "; not certain", " (no idea)"): the value stays offered. A clause
    that also calls something wrong or false rejects ("6, I'm sure that's wrong")."""
    from rlvr.verifiers.lexicon import DOUBT_WORDS, REJECTING_PREDICATES

    brk = re.match(r"[ \t]*+[,;:(\u2014\u2013]", tail)
    if brk is None:
        return False
    stop = re.search(r"[.!?)\n]", tail[brk.end() : brk.end() + 80])
    clause = tail[brk.end() : brk.end() + (stop.start() if stop is not None else 80)]
    words = [w.lower().replace("\u2019", "'") for w in _RUN_WORD.findall(clause)]
    if any(w in _ERROR_WORDS or w in REJECTING_PREDICATES or w in ("impossible", "cannot", "can't") for w in words):
        return False
    negated = any(
        w in _NEGATED_CERTAINTY
        and any(v in ("not", "no", "never") or v.endswith("n't") for v in words[max(0, k - 2) : k])
        for k, w in enumerate(words)
    )
    return negated or any(w in _UNSURE_WORDS or w in DOUBT_WORDS for w in words)


#: words that reject a value besides :data:`_ERROR_WORDS`; a negation before either in its clause cancels them
#: ("6 is not impossible", "6 is not wrong")
_REJECTING_WORDS = frozenset("impossible ruled excluded out invalid unlikely".split())
#: how far after a value its clause is read for a doubt or a double negation (characters)
_CLAUSE_WINDOW = 100
#: words that negate the word after them in a clause
_CLAUSE_NEGATORS = frozenset("not never cannot hardly".split())


def _litotes(tail: str, lead: list[str]) -> bool:
    """The clause after a value (``tail``) rejects it twice over, which offers it ("6 is not impossible", "6 cannot
    be ruled out", "6 isn't wrong either"), or denies a rejection ("Not that 6 is wrong"; ``lead``: the two words
    before the value)."""
    stop = re.search(r"[,;:.!?()\n]", tail)
    words = [w.lower().replace("\u2019", "'") for w in _RUN_WORD.findall(tail[: stop.start() if stop else 60])][:6]
    negator = next((k for k, w in enumerate(words) if negates(w, _CLAUSE_NEGATORS)), None)
    if lead == ["not", "that"]:
        negator = -1
    return negator is not None and any(w in _REJECTING_WORDS or w in _ERROR_WORDS for w in words[negator + 1 :])


#: the ``>`` marks opening a Markdown blockquote line: quoting is layout, never a relation ("> Another reading
#: gives 6." offers 6 like the same sentence unquoted)
_BLOCKQUOTE_MARK = re.compile(r"(?m)^[ \t]{0,3}+(?:>[ \t]?+){1,8}+")
#: link markup in a sentence: an autolink or bare URL and a footnote label ("[^x]:", "[^1]"), whose ``/``, ``<>``
#: and ``^`` are no relation or operation ("[^x]: <https://x.y> (or 6)" offers 6)
_LINK_MARKUP = re.compile(
    r"<[A-Za-z][\w+.-]{0,20}+:[^<>\s]{0,200}+>|\b(?:https?|ftp)://[^\s<>()]{1,200}+|\[\^[^\]\n]{1,40}+\]:?+"
)


#: nouns that make a variable's stated value a solution ("the other root, $x = -3$, is valid as well")
_SOLUTION_NOUN = re.compile(r"(?i)\b(?:solution|root|zero|answer|value)s?+\b")
#: a math span that only states a variable's value (``$x = -3$``, ``\\(n_1 = 6\\)``): read as the value
_STATED_VALUE = re.compile(
    r"(?:\$|\\\()[ \t]*+[A-Za-z](?:_\{?+[A-Za-z0-9]{1,3}+\}?+)?+[ \t]*+=[ \t]*+(-?\d{1,40}+(?:\.\d{1,40}+)?+)[ \t]*+(?:\$|\\\))"
)


#: words of a fault in the work in the other languages of the answer phrases ("Cometí un error", "Ich habe einen
#: Fehler gemacht", "J'ai fait une erreur", "Я ошибся")
_FOREIGN_FAULTS = frozenset(
    """fehler falsch erreur faux fausse equivoqué equivocado equivocada incorrecto incorrecta errore sbagliato erro
    errado errada ошибка ошибся ошиблась неверно fout błąd""".split()
)
#: a modal that states what a value should have been: after a fault word it corrects ("I made an error; it should be
#: 5", "Typo: should read 5"), so the value after it is offered, not rejected
_CORRECTION_MODAL = re.compile(
    r"\b(?:(?:should|ought to|must)(?: have been| be| read| say| equal)|debería|debe ser|devrait|doit être|dovrebbe"
    r"|deve essere|deveria|deve ser|sollte|müsste|должно|должен|должна|moet|zou moeten)\b"
)


#: a number and its unit as an answer part writes them (``4 \\text{ cm}``, ``4\\,\\mathrm{kg}``, ``4 cm``)
_NUMBER_AND_UNIT = re.compile(
    r"[ \t]*+(-?\d{1,40}+(?:\.\d{1,40}+)?+)[ \t]*+(?:\\[,;: ]|~)*+[ \t]*+"
    r"(?:\\(?:text|mathrm|textrm|rm)[ \t]*+\{[ \t]*+([^{}]{1,30}+)\}|([A-Za-z]{1,20}+))[ \t]*+"
)


def _number_and_unit(part: str) -> tuple[str, str] | None:
    """``part`` as its number and canonical unit (``4 \\text{ cm}`` → ``("4", "cm")``), or ``None``."""
    from rlvr.verifiers.lexicon import unit_name

    m = _NUMBER_AND_UNIT.fullmatch(part)
    unit = unit_name((m.group(2) or m.group(3)).strip()) if m is not None else None
    return (m.group(1), unit) if m is not None and unit is not None else None


#: the largest number whose factorial a sentence after the answer is read as
_MAX_FACTORIAL = 20


def _factorial(plain: str, end: int, number: str) -> str | None:
    """The value of ``number`` written as a factorial (a "!" right after it at ``plain[end]``, not "!=") when it is
    a whole number of at most :data:`_MAX_FACTORIAL`, else ``None``."""
    from math import factorial

    if not plain.startswith("!", end) or plain.startswith("!=", end) or not number.isdigit():
        return None
    n = int(number)
    return str(factorial(n)) if n <= _MAX_FACTORIAL else None


def _offered_candidates(sent: str, parts: list[str], clause: bool = False) -> tuple[str, ...]:
    """The plain numbers a value-bearing sentence after a numeric answer offers as other candidates, by its form:
    a sentence that is no explanation (:data:`_EXPLAINS`) and does no work with its values (:data:`_WORK`), with a
    word of :data:`_CANDIDATE_FRAME` or an attribution cue; a number with a unit or count noun after it ("6
    people") is of another kind and one right after a rejecting word ("not 6", "rather than 6") is rejected. An
    answer with a unit (``4 \\text{ cm}``) is read as its number, and a number with the same unit after it is of
    its kind ("it should be 5 cm")."""
    from rlvr.verifiers.lexicon import (
        DISOWNING_CUES,
        NEGATION_CUES,
        QUALIFIER_CUES,
        RELATING_NUMBER,
        RELATING_PREPOSITIONS,
        adjective_ok,
        count_noun,
        unit_name,
    )

    letters = bool(parts) and all(_CHOICE_PART.fullmatch(p.strip()) for p in parts)
    units: set[str] = set()
    if parts and not letters and not all(_PLAIN_NUMBER.fullmatch(p.strip()) for p in parts):
        split = [_number_and_unit(p) for p in parts]
        if not all(split):
            return ()
        parts, units = [n for n, _ in split], {u for _, u in split}  # type: ignore[misc]
    if not parts:
        return ()
    if "=" in sent and _SOLUTION_NOUN.search(sent):  # "the second solution, $x = -3$, is valid": a solution's
        sent = _STATED_VALUE.sub(r" \1 ", sent)  # value stated for a variable, no work ("(at $x = 2$)" stays)
    plain = (
        _LINK_MARKUP.sub(" ", _BLOCKQUOTE_MARK.sub("", sent))
        .replace("$", " ")
        .replace("**", " ")
        .replace("\\(", " ")
        .replace("\\)", " ")
    )
    if (held := _conditionally_rejected(plain, {_key(p) for p in parts})) and not letters:
        return held  # "6 fails only if $n$ is even", "6 is too large when $n > 10$": 6 holds otherwise
    label = _EXPLAINS.match(plain)
    explains = label is not None and not clause  # ", since 6 is equally valid" offers 6
    if explains and plain[: label.end()].rstrip(" \t*_").endswith(":") and _framed(plain[label.end() :]):
        explains = False  # "Note: 6 also works.": a label, then an offer in its own words
    if explains or _WORK.search(plain) or _counterfactual(plain, 0, len(plain)) or _CONFIDENCE.match(plain):
        return ()  # "Check: 5 + 1 = 6.", "If we had used 6 instead, the sum would exceed 10.", "Confidence: 0.95"
    words = [w.lower() for w in _RUN_WORD.findall(plain)]
    fault = next(
        (
            k
            for k, w in enumerate(words)
            if (w in _ERROR_WORDS or w in DISOWNING_CUES or w in _FOREIGN_FAULTS)
            and not negated(words, k, _CLAUSE_NEGATORS)
        ),
        None,
    )
    if fault is not None and not _CORRECTION_MODAL.search(" ".join(words[fault + 1 :])):
        return ()  # "A common mistake is to pick C", "A naive count gives 11, which overcounts": rejected values
    if units and fault is None:
        return ()  # "The other side is 5 cm.": a quantity of the answer's unit is a rival only in a correction
    keys = {_key(p) for p in parts}
    out: list[str] = []
    if letters and _only_answer(plain, parts):
        return ()  # "Option A gives 10, C gives 14 and D gives 16, so only B works.": the others eliminated
    listed = not letters and _answers_listed(plain, keys)  # "The solutions are 3, 6, 9, 12.": several answers
    if not letters and not listed and not _framed(plain) and _restates_answer(plain, keys):
        return ()  # "This matches the pattern 3, 6, 9, 12.": a sequence that reaches the answer
    bounds = _bounding(plain, keys)
    if letters:  # "C is also plausible.", "If not B, then C.", "Alternative: C": another choice letter
        for m in _CHOICE_IN_PROSE.finditer(plain):
            before = _RUN_WORD.findall(plain, max(0, m.start() - 20), m.start())
            fallback = [w.lower() for w in before[-2:]] == ["if", "not"]  # "If not, (B).": the fallback candidate
            rejected = before and (before[-1].lower() in _REJECTING_BEFORE or before[-1].lower().endswith("n't"))
            rejected = rejected and not fallback
            article = m.group(0) == "A" and re.match(r"[ \t]++[a-z]", plain[m.end() : m.end() + 3]) is not None
            article = article or m.group(0) == "I" and _pronoun_i(plain, m.start(), m.end(), before)
            listed = _LETTER_LIST.match(plain, m.end()).end()  # "(A), (B) and (D) fail": the list shares its verb
            rejected = rejected or _rejected_in_clause(plain, m.start(), listed)  # "(D) exceeds the bound"
            if not rejected and not article and _key(m.group(1)) not in {_key(p.strip().strip("()")) for p in parts}:
                out.append(m.group(1))
        return tuple(out)
    for m in _PLAIN_NUMBER.finditer(plain):
        after = m.group(1)
        number = m.group(0)[: len(m.group(0)) - len(after or "")].strip()
        if after is not None and any(_scaled_to(number, after, p) for p in parts):
            continue  # "\boxed{24}, which is 2 dozen": the answer restated with a multiplier
        if (factorial := _factorial(plain, m.end(), number)) is not None:
            if _key(factorial) not in keys:
                out.append(factorial)  # "\boxed{24}, or $5!$": 120, another value
            continue  # "\boxed{24}, which is $4!$": the answer restated as a factorial
        verb = after is not None and (
            after.lower() in _CANDIDATE_FRAME or after.lower() in _SATISFYING_VERBS or after.lower() in _VALUE_COPULAS
        )  # "6 remains possible": a verb, no count of remains
        noun = after is not None and not verb and count_noun(after) is not None  # "6 works" is no count of works
        noun = noun or after is not None and after in QUALIFIER_CUES and after.endswith("s")  # "all 3 cases"
        if after is not None and not verb and adjective_ok(after) and not noun and after.lower() not in _VALUE_NOUNS:
            nxt = _NEXT_WORD.match(plain, m.end())  # "3 different substitutions": an adjective, then the noun
            noun = nxt is not None and count_noun(nxt.group(1)) is not None
        elliptical = after is not None and _elliptical_offer(plain, m.start(), m.end())  # "Perhaps 6 people."
        if after is not None and (unit_name(after) is not None or noun) and not elliptical:
            if unit_name(after) not in units:
                continue  # "If there were 6 people …", "with 3 different methods": a quantity of another kind
        if _enumerator(plain, m.start(), m.end() - len(after or "")):
            continue  # "1) factor, 2) substitute": an enumeration's marks
        if (
            m.start() in bounds
            or plain[m.start() - 1 : m.start()] == "("
            and plain[m.start() - 2 : m.start() - 1].isalpha()
        ):
            continue  # "42 is between 40 and 50": bounds of the answer; "O(1)", "f(2)": a function's argument
        before = _RUN_WORD.findall(plain, max(0, m.start() - 20), m.start())
        named = after is not None and after.lower() in _VALUE_NOUNS  # "the 6 figure", "that 6 estimate": the value
        if before and before[-1].lower() in _NUMBER_DETERMINERS and after is not None and not verb and not named:
            continue  # "the 2019 AMC", "these 3 methods": a number modifying the noun after it
        lead = [w.lower() for w in before[-2:]]
        otherwise = lead == ["if", "not"]  # "If not, 6.": the fallback candidate
        if before and (lead[-1] in _REJECTING_BEFORE or lead[-1].endswith("n't")) and not otherwise:
            continue
        noun = before[-1].lower() if before else ""
        year = noun not in _DATE_WORDS or re.fullmatch(
            r"\d{3,4}", m.group(0)[: len(m.group(0)) - len(after or "")].strip()
        )
        indexed = noun in _INDEX_NOUNS and year and ":" not in plain[m.start() - 4 : m.start()]
        if indexed and noun in _CHOICE_NOUNS:  # "Option 6 also works": a candidate; "Option 2 would need …" an index
            predicate = _RUN_WORD.findall(plain, m.end() - len(after or ""), m.end() + 40)[:4]
            indexed = not _CANDIDATE_PREDICATE.intersection(w.lower() for w in predicate)
        relating = after is not None and after.lower() in RELATING_PREPOSITIONS and not elliptical
        if relating and after.lower() == "in":  # "5 in 6" relates; "6 in total" does not
            relating = RELATING_NUMBER.match(plain, m.end() - len(after)) is not None
        if indexed or relating:
            continue  # "Step 2", "equation 4", "In 2024": an index or a year ("Bottom line: 6" is a label); "2 of 5"
        following = [w.lower() for w in _RUN_WORD.findall(plain, m.end() - len(after or ""), m.end() + 25)][:3]
        rejecting = any(w in NEGATION_CUES or w.endswith("n't") or w in _ERROR_WORDS for w in following)
        tail = plain[m.end() - len(after or "") : m.end() + _CLAUSE_WINDOW]  # bounded: linear over all numbers
        litotes = _litotes(tail, lead)
        if rejecting and not _doubted_offer(tail) and not litotes:
            continue  # "6 is not possible", "6 is wrong", "6 isn't allowed": rejected
        if _rejected_in_clause(plain, m.start(), m.end() - len(after or "")) and not litotes:
            continue  # "6 is too large", "6 would exceed the limit", "we can rule out 6", "it cannot be 6"
        if following[:1] and following[0] in _VALUE_COPULAS and not litotes:  # "6 is another possibility"
            predicate = [w.lower() for w in _RUN_WORD.findall(plain, m.end() - len(after or ""))]
            framed = any(w in _CANDIDATE_FRAME or w.endswith("'d") for w in predicate[1:] + lead)
            if not framed or "that" in lead:  # "7 is prime" is a fact
                continue
        value = m.group(0)[: len(m.group(0)) - len(after)].strip() if after is not None else m.group(0)
        if _key(value) not in keys:
            out.append(value)
    return tuple(out)


#: what ends a clause before a first-person "I": a sentence or clause mark, or a joining word
_CLAUSE_OPENERS = frozenset("and but so though although because as since if when while yet or nor then".split())
_BEFORE_PRONOUN = re.compile(r"[.!?;:,\u2014\u2013(\n-][ \t*_]*+$")


def _pronoun_i(plain: str, start: int, end: int, before: list[str]) -> bool:
    """A bare "I" opening a sentence or clause and followed by a word ("I hope it is correct.", "so I guess") is
    the first-person pronoun, not option I ("(I)", "I." alone, "option I" and "C or I is right" stay options)."""
    if re.match(r"[ \t]++[A-Za-z]", plain[end : end + 2]) is None:
        return False
    lead = plain[max(0, start - 3) : start]
    if not plain[:start].strip() or _BEFORE_PRONOUN.search(lead):
        return True
    return bool(before) and before[-1].lower() in _CLAUSE_OPENERS - {"or", "nor"}


#: the word after a word (the noun after an adjective after a number: "3 different substitutions")
_NEXT_WORD = re.compile(r"[ \t]++([A-Za-z]{1,40}+)")
#: determiners before a number that make it a modifier of the noun after it ("the 2019 AMC", "these 3 methods")
_NUMBER_DETERMINERS = frozenset("the this that these those".split())
#: a run of plain numbers in a list ("3, 6, 9, 12", "1, 2 and 3"), or a lone one
_NUMBER_RUN = re.compile(
    r"(?<![\w.])-?\d{1,40}+(?:\.\d{1,40}+)?+(?:[ \t]*+(?:,|,?[ \t]++(?:and|or|&))[ \t]*+-?\d{1,40}+(?:\.\d{1,40}+)?+)*+"
)
_RUN_NUMBER = re.compile(r"-?\d{1,40}+(?:\.\d{1,40}+)?+")
#: "between 40 and 50": a range, its two numbers
_BETWEEN = re.compile(
    r"(?i)\bbetween\b[^.\d\n]{0,40}+(-?\d{1,12}+(?:\.\d{1,12}+)?+)(?<![ \t])[^.\d\n]{0,40}?\band\b[^.\d\n]{0,40}+"
    r"(-?\d{1,12}+(?:\.\d{1,12}+)?+)"
)
#: an answer letter called the only one that holds ("only B works", "B is the only option", "B alone")
_ONLY = r"(?i:\bonly[ \t]++(?:option[ \t]++|choice[ \t]++)?+\(?{0}\)?(?![\w'-])|(?<![\w'-])\(?{0}\)?[ \t]++(?:is[ \t]++the[ \t]++only|alone)\b)"


#: an opening that refines the answer before it: what follows replaces its value ("More precisely, …")
_REFINING = re.compile(
    r"(?i)[ \t*_]*+(?:more[ \t]++(?:precisely|exactly|accurately|carefully)|to[ \t]++be[ \t]++(?:precise|exact)|"
    r"strictly[ \t]++speaking|precisely|exactly|in[ \t]++fact|actually|really)\b"
)
#: the answer named as the subject of a range after it ("the answer lies between 4 and 6", "the true value is
#: somewhere between 4 and 6"): the answer is the range, its bounds are candidates
_RANGED_ANSWER = re.compile(
    r"(?i)\b(?:answer|result|value|solution|count|total)[ \t]++(?:[a-z]{2,12}+[ \t]++){0,3}?"
    r"(?:lies|lie|is|falls|fall|sits|ranges|range|be|somewhere)[ \t]++(?:[a-z]{2,12}+[ \t]++){0,2}?$"
)
#: plural nouns that name a sentence's listed values as what solves the problem ("The solutions are 3, 6, 9, 12.";
#: "the candidates 3, 4 and 5" are what was tried)
_ANSWER_LIST_NOUN = re.compile(r"(?i)\b(?:solutions|answers|roots|zeroe?+s)\b")
#: nouns after a value that name it as a value, not a thing it modifies ("the 6 figure", "this 6 estimate")
_VALUE_NOUNS = frozenset("figure number value answer result total count estimate guess reading amount sum".split())
#: index nouns whose numbered item is a candidate answer when a predicate offers it ("Option 6 also works")
_CHOICE_NOUNS = frozenset("option options choice choices alternative candidate".split())
#: words of a predicate after a numbered option that offer it as an answer ("also works", "is correct too")
_CANDIDATE_PREDICATE = frozenset(
    """works work holds hold satisfies satisfy qualifies passes fits also too well correct right valid fine
    acceptable plausible possible""".split()
)
#: words that may stand beside a quantity in an elliptical offer besides :data:`_CANDIDATE_FRAME` ("Perhaps 6
#: people, though.", "Or rather 6 of them?")
_ELLIPSIS_WORDS = frozenset("though then instead rather just only actually really even so".split())
#: "of" and a pronoun after a number: a count of the things the answer counts ("6 of them")
_OF_PRONOUN = re.compile(r"(?i)[ \t]*+of[ \t]++(?:them|these|those|us|you|which)\b")


def _answers_listed(plain: str, keys: set[str]) -> bool:
    """``plain`` names a list of values as the problem's answers (:data:`_ANSWER_LIST_NOUN`) and the list holds the
    answer's value beside others ("The solutions are 3, 6, 9, 12."): the others are answers too, not a sequence
    leading to it."""
    noun = _ANSWER_LIST_NOUN.search(plain)
    if noun is None:
        return False
    for run in _NUMBER_RUN.finditer(plain, noun.end()):
        nums = _RUN_NUMBER.findall(run.group(0))
        if len(nums) >= 2 and any(_key(n) in keys for n in nums):
            return True
    return False


def _elliptical_offer(plain: str, start: int, end: int) -> bool:
    """The quantity ``plain[start:end]`` (a number and the word after it) is all that a short sentence offers,
    besides words that frame it as a candidate ("Perhaps 6 people.", "Maybe 6 of them, though.", "Or 6 boxes?"):
    an answer of its own, whatever it counts."""
    if len(plain) > 80:
        return False
    after = _OF_PRONOUN.match(plain, end - 3 if plain[end - 2 : end].lower() == "of" else end)
    rest = plain[after.end() :] if after is not None else plain[end:]
    words = [w.lower() for w in _RUN_WORD.findall(plain[:start]) + _RUN_WORD.findall(rest)]
    framing = [w for w in words if w in _CANDIDATE_FRAME]
    return bool(framing) and len(words) <= 4 and all(w in _CANDIDATE_FRAME or w in _ELLIPSIS_WORDS for w in words)


#: a condition that restricts the clause before it ("only if $n$ is even", "when $n > 10$", "unless $n = 1$")
_RESTRICTING = re.compile(
    r"(?i)\b(?:(?:only|just|except)[ \t]++)?+(?:if|when|whenever|unless|provided|assuming|once)\b"
)
#: a plain number opening a clause before a condition, the words after it up to the condition
_CONDITIONED_VALUE = re.compile(r"(?<![\w.,])(-?\d{1,40}+(?:\.\d{1,40}+)?+)(?![\w.,]\w)([^,;:.!?()\n\d]{0,60}+)$")


def _conditionally_rejected(plain: str, keys: set[str]) -> tuple[str, ...]:
    """The values other than the answer that a clause rejects only under a condition after the rejection ("6 fails
    only if $n$ is even", "6 is too large when $n > 10$", "6 is invalid unless $n = 1$"): a value rejected in
    some cases holds in the others, so it stays a candidate."""
    from rlvr.verifiers.lexicon import DISOWNING_CUES, REJECTING_PREDICATES

    out: list[str] = []
    for cond in itertools.islice(_RESTRICTING.finditer(plain), 8):
        m = _CONDITIONED_VALUE.search(plain[max(0, cond.start() - 80) : cond.start()])
        if m is None or _key(m.group(1)) in keys:
            continue
        words = _lower_words(m.group(2))
        rejects = _rejected_by_after(words) or any(
            w in _ERROR_WORDS or w in DISOWNING_CUES or w in REJECTING_PREDICATES or w in _REJECTING_WORDS
            for w in words
        )
        if rejects and not _hedgy(m.group(2)):
            out.append(m.group(1))
    return tuple(dict.fromkeys(out))


def _enumerator(plain: str, start: int, end: int) -> bool:
    """The number ``plain[start:end]`` marks an item of an inline enumeration: ``)`` closes it and it opens the
    text or follows a comma, colon or semicolon ("The key steps were: 1) factor, 2) substitute")."""
    return plain[end : end + 1] == ")" and plain[max(0, start - 3) : start].rstrip()[-1:] in ("", ",", ";", ":")


def _only_answer(plain: str, parts: list[str]) -> bool:
    """``plain`` calls the answer's choice letter the only one that holds: the other letters it names are
    eliminated ("Option A gives 10, C gives 14, so only B works.")."""
    letters = {p.strip().strip("()") for p in parts}
    return len(letters) == 1 and re.search(_ONLY.format(re.escape(letters.pop())), plain) is not None


def _restates_answer(plain: str, keys: set[str]) -> bool:
    """``plain`` (a sentence after the answer) ends in a sequence of four or more numbers whose last term is the
    answer's value ("This matches the pattern 3, 6, 9, 12."): the sequence leads to the answer, its other terms are
    no candidates. A value beside one or two others ("5 and 6", "5, 6 or 7") or in parallel statements ("Method A
    → 5, Method B → 6.") is no such sequence."""
    last = _last(_NUMBER_RUN.finditer(plain))
    if last is None or plain[last.end() :].strip(" \t.!)*_"):
        return False
    nums = _RUN_NUMBER.findall(last.group(0))
    return _key(nums[-1]) in keys and len(nums) >= 4 and " or " not in last.group(0)


def _bounding(plain: str, keys: set[str]) -> set[int]:
    """Where the numbers of each range "between A and B" in ``plain`` start, when the range holds the answer's value
    strictly inside ("42 is between 40 and 50", "It lies between our estimates of 40 and 50"): bounds that confirm
    the answer, not candidates."""
    values = [float(k) for k in keys if _RUN_NUMBER.fullmatch(k)]
    out: set[int] = set()
    for m in _BETWEEN.finditer(plain):
        if _REFINING.match(plain) or _RANGED_ANSWER.search(plain[max(0, m.start() - 60) : m.start()]):
            continue  # "More precisely, it lies between 4 and 6", "the answer lies between 4 and 6": a range answers
        lo, hi = sorted((float(m.group(1)), float(m.group(2))))
        if values and all(lo < v < hi for v in values):
            out.update((m.start(1), m.start(2)))
    return out


#: answer phrases of languages that write a decimal comma (German, French, Spanish, Portuguese, Italian, Turkish,
#: Russian): their numbers are read with ``,`` as the decimal mark and ``.`` between thousands
_DECIMAL_COMMA_PHRASE = re.compile(
    r"(?i)la[ \t]|die[ \t]|das[ \t]|ist[ \t]|lautet[ \t]|a[ \t]|cevap|\u043e\u0442\u0432\u0435\u0442"
)
#: a value and one word after it (a count noun or a currency, maybe abbreviated: "42 Äpfel", "42 яблока", "42 руб.")
_VALUE_AND_NOUN = re.compile(r"([-+]?+\d(?:[.,]?+\d){0,40}+)[ \t]++([^\W\d_]{2,30}+)\.?+")


def _without_foreign_noun(answer: str) -> str:
    """A value and one word after it in an answer of another language's phrase, as the value: the word is its
    count noun or currency ("Die Antwort ist 42 Äpfel.", "Ответ: 42 руб."), unless it is a word of quantity or
    one that weighs, bounds or negates the value ("7 vielleicht", "7 máximo", "7 değil", "7 olabilir"); a
    multiplier of that language scales it ("5 Mio." is 5000000, "5 bin" 5000, "5 тыс." 5000)."""
    from rlvr.verifiers.lexicon import FOREIGN_QUALIFIERS, FOREIGN_QUANTITY, LEAD_CUES, foreign_multiplier, unit_name

    m = _VALUE_AND_NOUN.fullmatch(answer.strip())
    if m is None:
        return answer
    if m.group(2).lower() in FOREIGN_QUALIFIERS or m.group(2).lower() in LEAD_CUES:
        return answer  # read whole: the word is no count noun, so the answer differs from the plain value
    if (factor := foreign_multiplier(m.group(2))) is not None:
        return _scaled(m.group(1), factor) or answer
    if FOREIGN_QUANTITY.match(m.group(2)) or unit_name(m.group(2)) is not None:
        return answer  # (a unit the grader knows, "42 km", stays to be compared)
    return m.group(1)


def _scaled(value: str, factor: int) -> str | None:
    """A plain decimal ``value`` times ``factor``, written exactly ("2.5", 1000 → "2500"); ``None`` for another
    form."""
    if re.fullmatch(r"[-+]?+\d{1,30}+(?:\.\d{1,30}+)?+", value) is None:
        return None
    scaled = Fraction(value) * factor
    if scaled.denominator == 1:
        return str(scaled.numerator)
    with localcontext(prec=80):  # a decimal times an integer is a decimal: exact at this precision
        return str(Decimal(value) * factor)


#: a number written with a decimal comma and/or dots between thousands: 2,5; 1.000; 1.234.567,89
_COMMA_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})++(?:,\d++)?+|\d++,\d++)(?![\d]|[.,]\d)")


def _decimal_comma(answer: str) -> str:
    """``answer`` with its decimal-comma numbers in decimal-point notation (``2,5`` is 2.5, ``1.000`` is 1000)."""
    return _COMMA_NUMBER.sub(lambda m: m.group(0).replace(".", "").replace(",", "."), answer)


def _last_match(pattern: re.Pattern[str], line: str) -> str:
    """The text ``pattern`` (anchored at the end) matches at the end of ``line`` (at most 200 characters)."""
    m = pattern.search(line[-200:])
    return m.group(0) if m else ""


def _key(part: str) -> str:
    return re.sub(r"[\s$]+|\\[()\[\]]", "", part)


def _add_parts(new: tuple[str, ...], mode: str, parts: list[str], modes: list[str], keys: set[str]) -> None:
    for p in new:
        if _key(p) not in keys:
            keys.add(_key(p))
            parts.append(p)
            modes.append(mode)


#: a sentence naming a value as a known wrong answer: "Common wrong answer: 6", "(A common mistake gives 6.)",
#: "A naive count yields 6", "The incorrect answer 6 comes from …"
_WRONG_ANSWER_LABEL = re.compile(
    r"(?i)^[ \t(*_]*+(?:note[ \t]*+:[ \t]*+)?+(?:(?:a|an|the|one)[ \t]++)?+(?:(?:common|typical|frequent|classic|"
    r"tempting|likely|naive|popular)[ \t]++)?+(?:(?:wrong|incorrect|mistaken|erroneous)[ \t]++(?:answer|result|"
    r"value|count|total)s?+|(?:mistake|error|pitfall|trap|slip|naive[ \t]++(?:count|approach|reading))s?+)"
    r"\b[ \t]*+(?::|is\b|would[ \t]++be\b|gives\b|yields\b|leads[ \t]++to\b|=|of\b)?+"
)
#: a value raised as a tempting thought that a "but" clause then rejects: "One might think the answer is 11, but
#: that double-counts", "It is tempting to say 11, but …"
_TEMPTING_THOUGHT = re.compile(
    r"(?i)^[ \t(*_]*+(?:note[ \t]*+:[ \t]*+)?+(?:(?:alternatively|however|naively|of[ \t]++course|at[ \t]++first),?+[ \t]++)?+"
    r"(?:(?:one|you|someone|students?+|many|some|people|readers?+)[ \t]++"
    r"(?:might|may|could|would)[ \t]++(?:(?:at[ \t]++first|initially)[ \t]++)?+(?:think|guess|expect|assume|say|answer|"
    r"be[ \t]++tempted)|it(?:[ \t]++is|'s)[ \t]++tempting[ \t]++to)\b"
)
#: the clause of a tempting thought that rejects it
_BUT_CLAUSE = re.compile(r"(?i)[,;]?[ \t]++but\b(?![ \t]++(?:also|maybe|perhaps|possibly))")
#: a "but" clause naming the fault of the thought ("but that ignores the +1", "but this double-counts 2 cases"):
#: the values in it are what the thought got wrong, no candidates
_FAULT_CLAUSE = re.compile(
    r"(?i)[ \t]*+(?:that|this|it)[ \t]++(?:ignores|overlooks|misses|forgets|neglects|omits|drops|double-counts|"
    r"overcounts|undercounts|confuses|misreads|leaves[ \t]++out|counts|treats|assumes)\b"
)
#: a value stated in a clause ("… is 6", "… = 6", "… would be 6")
_FAULT_STATES = re.compile(r"(?i)\b(?:is|are|was|were|be|equals?|gives?|yields?)\b|=")


def _sentence_of(text: str, i: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[i]`` and ending at ``end`` (looked back for at most
    ``MAX_INLINE_ANSWER_CHARS``)."""
    lo = max(0, i - MAX_INLINE_ANSWER_CHARS)
    start = max(text.rfind("\n", lo, i), text.rfind(". ", lo, i) + 1, lo - 1) + 1
    return text[start:end].strip(" \t\n.!?")


def _about_another_problem(sent: str) -> bool:
    """``sent`` gives a value for another problem, counterfactual and unhedged ("Note: if the equation were
    $2x+1=13$, the answer would be 6."): no candidate for this one."""
    masked = _mask_math(sent)
    label = _NOTE_LABEL.match(masked)
    claim = masked[label.end() :] if label is not None else masked
    comma = claim.find(",")
    if comma < 0 or _WRITER_CONDITION.match(claim) or not _SUBJUNCTIVE.search(claim, 0, comma):
        return False  # "If I were to guess, …": the writer's own hedge; "If so, …": this problem
    return _counterfactual(claim, 0, len(claim)) is not None and not _hedgy(sent)


#: the subjunctive of a condition contrary to the problem ("if it were", "had it been")
_SUBJUNCTIVE = re.compile(r"(?i)\b(?:were|been)\b")
#: a condition on the writer ("if I were …", "had we …")
_WRITER_CONDITION = re.compile(r"(?i)[ \t*_]*+(?:if|had|were)[ \t]++(?:i|we)\b")
#: a label opening a remark ("Note:", "**Remark:**")
_NOTE_LABEL = re.compile(r"(?i)[ \t(*_]*+(?:note|remark|aside|fyi)[*_ \t]*+:[*_ \t]*+")


def _rejected_candidate(sent: str, parts: list[str]) -> bool:
    """A sentence after the answer names another value only to reject it, by its form: as a known wrong answer
    (:data:`_WRONG_ANSWER_LABEL`), as the answer to another problem (:func:`_about_another_problem`), or as a tempting thought followed by a "but" clause with no value or hedge of
    its own, or one naming the thought's fault (:data:`_FAULT_CLAUSE`, "but that ignores the +1"), with no value
    stated in it (:data:`_TEMPTING_THOUGHT`). It holds none of the answer's parts (naming the answer itself as wrong
    is read by the other rules)."""
    masked = _mask_math(sent)
    label = _WRONG_ANSWER_LABEL.match(masked)
    if _names_a_part(sent, parts):
        return False
    if label is None and _TEMPTING_THOUGHT.match(masked) is None:
        return _about_another_problem(sent)
    if label is not None:
        return not _hedgy(masked[label.end() :])
    but = _BUT_CLAUSE.search(masked)
    if but is None or _HEDGE_WORDS.search(masked, but.end()):
        return False
    if _FAULT_CLAUSE.match(masked, but.end()) is not None:
        return not _FAULT_STATES.search(masked, but.end())  # "but that ignores the +1": the fault, not a value
    return not _ANSWER_TOKEN.search(masked, but.end())


def _names_a_part(sent: str, parts: list[str]) -> bool:
    """``sent`` holds one of ``parts`` (spacing and ``$`` aside) as a whole token, not inside a longer number."""
    key = _key(sent)
    for p in parts:
        k = _key(p)
        at = key.find(k) if k and len(k) <= len(key) else -1
        while at >= 0:
            before, after = key[at - 1 : at], key[at + len(k) : at + len(k) + 1]
            if not (before.isalnum() or before == ".") and not (after.isalnum() or after == "."):
                return True
            at = key.find(k, at + 1)
    return False


#: a numbered list item's mark at the start of a line ("1. ", "2) ")
_LIST_MARK = re.compile(r"(?:[ \t]*+\n){0,4}+[ \t]{0,3}+\d{1,9}+[.)][ \t]++")
#: a list item's mark alone before an item's text on its line ("1. ", "- ", "* ")
_ITEM_PREFIX = re.compile(r"[ \t]{0,3}+(?:\d{1,9}+[.)]|[-*+])[ \t]++")


def _working_item(sent: str) -> bool:
    """``sent`` (a sentence after the answer) is a list item that computes: its mark, then an equation with an
    operation before its last ``=`` ("1. 16 - 3 - 4 = 9", "- 9 × 2 = 18"). Listed steps after an answer show the
    working; their results are no candidates."""
    if sent.lstrip().startswith("|"):
        return _WORK.search(_mask_math(sent)) is not None  # "| 6 × 7 | 42 |": a table row of the working
    item = _ITEM_PREFIX.match(sent)
    if item is None or "=" not in sent:
        return False
    body = _mask_math(sent[item.end() :])
    return _WORK.search(body[: body.rfind("=")].replace("=", " ")) is not None


#: a list item that labels a value: its mark, a label of one to four words, a colon, the value ("- Eggs laid: 16")
_LABELLED_ITEM = re.compile(
    r"[ \t]{0,3}+(?:\d{1,9}+[.)]|[-*+])[ \t]++[*_]*+((?:[A-Za-z][\w'-]{0,30}+[ \t]*+){1,4}+):[*_]*+[ \t]*+(\S[^\n]{0,60}+)"
)


#: a table row that labels a value: a label of one to four words in its first cell, the value in its second ("| Laid
#: | 16 |")
_LABELLED_ROW = re.compile(
    r"[ \t]*+\|[ \t]*+((?:[A-Za-z][\w'-]{0,30}+[ \t]*+){1,4}+)\|[ \t]*+([^|\s][^|\n]{0,60}+)\|[ \t]*+"
)


def _recap_item(sent: str) -> bool:
    """``sent`` is a list item or a table row that labels a quantity ("- Eggs laid: 16", "- Revenue: $18", "| Laid |
    16 |") with words that name no answer, correction or candidate: a recap of the givens and steps, not another
    answer ("- Answer: 16", "- Alternative: 16", "| Answer | 16 |" still are)."""
    from rlvr.verifiers.lexicon import ANSWER_NOUNS, LABEL_CUES, LATER_FIXES

    short = len(sent) < 200
    m = (_LABELLED_ITEM.fullmatch(sent.rstrip(" \t.")) or _LABELLED_ROW.fullmatch(sent.strip())) if short else None
    if m is None or not _bare_value(m.group(2).replace("$", " $")):
        return False
    words = _lower_words(m.group(1))
    named = set(words) & (ANSWER_NOUNS | LABEL_CUES | LATER_FIXES)
    return not named and not _framed(m.group(1)) and not _doubting(m.group(1))


#: a label that opens a recap of the work, then the working said in the first person ("**Summary:** We added",
#: "Recap: I multiplied")
_RECAP_LABEL = re.compile(
    r"(?i)[ \t*_#>]*+(?:in[ \t]++)?+(?:summary|recap|explanation|reasoning|working|work|steps|method|approach)"
    r"[ \t*_]*+:[ \t*_]*+(?:first[ \t]*+,?+[ \t]*+)?+(?:we|i)[ \t]++[a-z]{3,}"
)
#: words by which a recap states a result, which may be another answer ("…, so 25", "… to get 25")
_RESULT_WORDS = frozenset(
    "answer answers result final total so thus hence therefore get got gives gave yields equals is are was makes".split()
)


def _recap_line(sent: str) -> bool:
    """``sent`` is a labelled recap of the work after the answer, told in the first person ("**Summary:** We added
    16 and 8."): its values are the working. A bare value after the label ("Recap: 9") or a recap that states a
    result or an equation ("Summary: we added 16 and 9 to get 25", "Recap: 16 + 8 = 25") is read as before."""
    m = _RECAP_LABEL.match(sent)
    if m is None or "=" in sent:
        return False
    return not _RESULT_WORDS.intersection(_lower_words(_mask_math(sent[m.start() :])))


def _sentences_after(text: str, i: int, letters: bool = False) -> list[tuple[str, int]]:
    """The sentences holding a value (with ``letters``, also a lone choice letter) in the text after ``text[i]``
    (the first ``MAX_INLINE_ANSWER_CHARS`` characters), each with the position where it ends."""
    out: list[tuple[str, int]] = []
    limit = min(len(text), i + MAX_INLINE_ANSWER_CHARS)
    while i < limit:
        end = _sentence_end(text, i, limit)
        item = _LIST_MARK.match(text, i) if text[i - 1 : i] in ("", "\n") else None
        if item is not None and item.end() > end:
            end = _sentence_end(text, item.end(), limit)  # "1. 16 - 3 = 13": the item's number marks no sentence
        sent = text[i:end].strip(" \t\n.!?")
        if sent and (
            _ANSWER_TOKEN.search(sent)
            or letters
            and _CHOICE_IN_PROSE.search(sent)
            or _cjk_numeral(sent) is not None
            or _spelled_out(sent) is not None  # "So we need six buses."
        ):
            out.append((sent, end))
        i = max(end + 1, i + 1)
    return out


def _cjk_numeral(sent: str) -> str | None:
    """``sent`` is a Chinese numeral alone ("六", "十二。"): its value in digits, else ``None``."""
    from rlvr.verifiers.lexicon import cjk_number

    value = cjk_number(sent.strip(" \t\u3002\uff0e.!\uff01"))
    return None if value is None else str(value)


#: words that make a sentence after the answer a conclusion: its quantity is a result, so another value is a rival
#: ("So 6 people attended.", "Therefore, Janet has 6 apples left.", "In total, Tom bought 6 books.")
_CONCLUDING = frozenset("therefore thus hence consequently altogether overall finally total".split())
#: words before a number that make it a reference to a given quantity, not a result ("each of the 6 boxes")
_REFERRING_BEFORE = frozenset("the these those each every all of per his her their its our my your first last".split())
#: an answer that is a number with at most two words after it (its unit or count noun), markup aside
_QUANTITY_ANSWER = re.compile(r"(-?\d{1,40}+(?:\.\d{1,40}+)?+)[ \t]*+([A-Za-z]++(?:[ \t]++[A-Za-z]++)?+)?+")


def _quantity_kind(word: str | None) -> str | None:
    """The kind a word after a number gives it (a unit or a count noun), else ``None``."""
    from rlvr.verifiers.lexicon import count_noun, unit_name

    if not word:
        return None
    return unit_name(word) or count_noun(word)


def _answer_quantity(part: str) -> tuple[str, str | None] | None:
    """The number of an answer part and the kind of its first word after it ("$5$ apples" → 5, apple), or ``None``
    when the part is no number with at most a unit or count noun."""
    plain = re.sub(r"\\(?:text|mathrm|mbox)\{|[${}]|\\[,;! ]", " ", part).strip()
    m = _QUANTITY_ANSWER.fullmatch(plain)
    if m is None:
        return None
    word = m.group(2).split()[0] if m.group(2) else None
    kind = _quantity_kind(word)
    return (m.group(1), kind) if word is None or kind is not None else None


#: the noun an answer's own sentence says it counts: "The number of apples is \\boxed{5}", "how many apples"
_COUNTED_NOUN = re.compile(
    r"(?i)\b(?:number|count|total)[ \t]++of[ \t]++([a-z]{2,30}+)\b|\bhow[ \t]++many[ \t]++([a-z]{2,30}+)\b"
)


def _counted_kind(stmt: str) -> str | None:
    """The kind of quantity the sentence of the answer (``stmt``, bounded by its caller) names as counted."""
    m = _last(_COUNTED_NOUN.finditer(stmt))
    return _quantity_kind(m.group(1) or m.group(2)) if m is not None else None


#: a sentence saying what the problem asked for: its subject and verb, then the noun asked for ("The question asked
#: for oranges", "the problem wants the number of pears", "We were asked about oranges")
_ASKED_FOR = re.compile(
    r"(?i)\b(?:(?:the|this|that)[ \t]++(?:question|problem|task|prompt|exercise)[ \t]++(?:[a-z]{2,12}+ly[ \t]++)?+"
    r"(?:asked|asks|wanted|wants|requested|requests|(?:was|is)[ \t]++(?:asking|about))|(?:we|i|you)[ \t]++"
    r"(?:were|was|are|am)[ \t]++(?:[a-z]{2,12}+ly[ \t]++)?+asked)[ \t]++(?:(?:for|about)[ \t]++)?+(?:the[ \t]++)?+"
    r"(?:(?:number|count|total|amount)[ \t]++of[ \t]++)?+(?:the[ \t]++)?+([a-z]{2,30}+)\b"
)
#: words that set a sentence against the answer before it ("…, though.", "But …", "…, however.")
_CONTRAST = frozenset("though however but whereas yet instead actually".split())


def _asked_otherwise(sent: str, parts: list[str], counted: str | None) -> bool:
    """A sentence of ``sent`` (the bounded text after the answer) says the problem asked for another quantity than the answer gives: the noun asked
    for is of another kind than the answer's unit or counted noun ("5 apples. The question asked for oranges."), or
    the sentence sets itself against the answer ("The question asked for oranges, though."): the writer answered
    another question. "The problem asks for the number of apples." after 5 restates what 5 counts."""
    m = _ASKED_FOR.search(sent)
    if m is None:
        return False
    sent = sent[max(sent.rfind(". ", 0, m.start()), sent.rfind("\n", 0, m.start())) + 1 :]
    stop = re.search(r"[.!?\n]", sent[m.end() - m.start() :])
    sent = sent[: m.end() - m.start() + stop.start()] if stop is not None else sent
    asked = _quantity_kind(m.group(1)) or _quantity_kind(m.group(1) + "s")
    answer = _answer_quantity(parts[-1]) if len(parts) == 1 else None
    kind = (answer[1] if answer is not None else None) or counted
    words = _lower_words(sent)
    if asked is not None and kind is not None and asked != kind:  # "about oranges and apples" names the answer's
        return "not" in words or all(_quantity_kind(w) != kind for w in words)  # too; "oranges, not apples"
    pronoun = m.group(1).lower() in ("it", "this", "that", "them", "one", "exactly")  # "asked for it": the answer
    return not pronoun and (asked is None or asked != kind) and bool(_CONTRAST.intersection(words))


def _rival_quantities(
    sent: str, parts: list[str], restates: bool = False, counted: str | None = None
) -> tuple[str, ...]:
    """The quantities a sentence after the answer states as rival results, by its form: a number with a unit or
    count noun ("6 apples", "six buses") other than the answer's, in a sentence that is no working, explanation,
    supposition or rejection, when it counts what the answer counts (the answer's own unit or noun: "The car covers
    6 km." after ``5 km``) or the sentence concludes ("So 6 people attended.", "Tom bought 6 books in total."). A
    quantity of another kind in a plain statement ("We used 2 steps."), a reference to a given ("the 6 boxes"),
    several quantities of the answer's kind (a breakdown) and any quantity beside the answer's value restated ("So 2
    friends each get 5 apples.") are none. With ``restates`` (the answer's own clause opened by a
    restating word: "\\boxed{5} — that is, 6 apples") every such quantity is a rival; ``counted``: the kind the
    answer's sentence says it counts, for an answer without a unit ("The number of apples is 5.")."""
    answer = _answer_quantity(parts[-1]) if len(parts) == 1 else None
    if answer is None:
        return ()
    value, kind = answer
    kind = kind or counted  # "The number of apples is 5." counts apples
    plain = _LINK_MARKUP.sub(" ", _BLOCKQUOTE_MARK.sub("", sent)).replace("$", " ").replace("**", " ")
    plain = _spelled_out(plain) or plain  # "So we need six buses."
    words = [w.lower() for w in _RUN_WORD.findall(plain)]
    if not words or _EXPLAINS.match(plain) or _WORK.search(plain) or _counterfactual(plain, 0, len(plain)):
        return ()
    if words[0] in ("if", "suppose", "assuming", "when", "unless") or _ERROR_WORDS.intersection(words):
        return ()  # a supposition, or a value called a mistake
    concludes = restates or words[0] == "so" or bool(_CONCLUDING.intersection(words)) or "in all" in " ".join(words)
    found: list[tuple[str, str]] = []  # (number, kind) of each quantity stated as a result
    for m in _PLAIN_NUMBER.finditer(plain):
        other = _quantity_kind(m.group(1))
        number = m.group(0)[: len(m.group(0)) - len(m.group(1) or "")].strip()
        before = [w.lower() for w in _RUN_WORD.findall(plain, max(0, m.start() - 20), m.start())][-1:]
        denied = before and (before[0] in _REJECTING_BEFORE and before[0] != "of" or before[0].endswith("n't"))
        if (_key(number) == _key(value) or _scaled_to(number, m.group(1), value)) and not denied:
            return ()  # "So 2 friends each get 5 apples.", "24, which is 2 dozen": the answer restated
        if denied or before and (before[0] in _REJECTING_BEFORE or before[0] in _INDEX_NOUNS):
            continue
        if other is not None and not (before and before[0] in _REFERRING_BEFORE):
            found.append((number, other))
    same = [n for n, k in found if k == kind]
    out = [n for n, k in found if concludes or len(same) == 1 and k == kind]  # two: a breakdown ("2 h there, 3 back")
    return tuple(dict.fromkeys(out))


def _foreign_correction_openers() -> str:
    """The correcting openers of other languages (the lexicon's ``FOREIGN_CORRECTION_OPENERS``) as an
    alternation, longest first."""
    from rlvr.verifiers.lexicon import FOREIGN_CORRECTION_OPENERS

    phrases = {" ".join(p.split()) for ps in FOREIGN_CORRECTION_OPENERS.values() for p in ps.split(",")}
    return "|".join(sorted((re.escape(p).replace(r"\ ", r"[ \t]++") for p in phrases), key=len, reverse=True))


def _scaled_to(number: str, word: str | None, value: str) -> bool:
    """``number`` scaled by the multiplier ``word`` after it ("2 dozen", "3 hundred") is ``value``: the value
    restated in other words."""
    from rlvr.verifiers.lexicon import MULTIPLIERS

    scale = MULTIPLIERS.get((word or "").lower())
    try:
        return scale is not None and Fraction(number) * scale == Fraction(value.strip("$ "))
    except (ValueError, ZeroDivisionError):
        return False


#: an opening that corrects the answer before it with the value that follows ("No wait, 22", "Nope, 22", "EDIT:
#: it's 22", "Let me redo: 22", "Nein, 22", "Final: 22", "I mean 22", "Moment, nein: 22", "不对，是22"; other languages'
#: openers from the lexicon)
_CORRECTION = re.compile(
    r"(?i)^[ \t(*_]*+(?:(?:no|nope|nah|wait|oops|sorry|typo|actually|hmm+|nein|non|\u043d\u0435\u0442|i[ \t]++mean|"
    + _foreign_correction_openers()
    + "|"
    r"just[ \t]++kidding|kidding|jk|psych|"
    r"scratch[ \t]++that|correction|corrected|erratum|edit|update|updated|revised|revision|amended|final(?=[ \t]*+:)|on[ \t]++second[ \t]++thought|"
    r"make[ \t]++(?:that|it)|let[ \t]++me[ \t]++(?:redo|recompute|recalculate|recheck|fix|correct|try[ \t]++again)"
    r"(?:[ \t]++(?:that|this|it))?+)\b[ \t*_]*+[,.!:;\u2014\uff0c\u3001\uff1a\uff01-]*+[ \t*_]*+)++"
)


def _corrects(text: str, start: int) -> bool:
    """The sentence of the answer phrase at ``text[start]`` opens with a correcting word ("Correction: the answer
    is 22", "Oops, the answer is 22")."""
    if _REVISED_PHRASE.match(text, start):
        return True  # "Final Answer (revised): 22", "Answer (corrected): 22"
    sent_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - 80, -1) + 1
    prefix = text[sent_start:start]
    m = _CORRECTION.match(prefix)
    return m is not None and set(prefix[m.end() :].lower().split()) <= {"the", "my", "our", "final", "correct", "right"}


def _corrected_box(text: str, box: int) -> Extraction | None:
    """The boxes from the sentence of the box at ``text[box]`` on, when a correcting label alone opens that
    sentence ("**Correction:** \\boxed{23}", "Revised: $\\boxed{23}$"), else ``None``."""
    sent_start = max(text.rfind("\n", 0, box), text.rfind(". ", 0, box), box - 80, -1) + 1
    prefix = text[sent_start:box].rstrip(" \t$(\\")
    m = _CORRECTION.match(prefix)
    if m is None or m.end() < len(prefix) or not re.search(r"[A-Za-z]", prefix):
        return None
    got = _boxes(text[sent_start + m.end() :])  # "Sorry, typo: \\boxed{24}": the label is read, not the box's lead
    return got if got is not None and got.answer is not None else None


#: an answer phrase labelled as a revision of an earlier one
_REVISED_PHRASE = re.compile(r"(?i)(?:final[ \t]++)?answer[ \t]*+\((?:revised|corrected|updated|amended|new)\)")


def _correction(sent: str) -> Extraction | None:
    """A sentence after the final answer that corrects it: a correcting opening (:data:`_CORRECTION`) and then a
    statement with a value, read by the final-sentence rules ("No wait, maybe 22" stays a hedge); ``None`` when the
    sentence is no correction or rejects an alternative ("No, not 22")."""
    m = _CORRECTION.match(sent)
    if m is None or m.end() >= len(sent):
        return None
    rest = _CJK_COPULA_OPEN.sub("", sent[m.end() :].strip())  # "不对，是24": the copula opens the corrected value
    masked = _mask_math(rest)
    token = _ANSWER_TOKEN.search(masked)
    if token is None or re.match(r"(?i)(?:not|never|isn't|it's[ \t]++not)\b", rest):
        return None
    lead = [w.lower() for w in _RUN_WORD.findall(masked, 0, token.start())]
    if len(lead) > 4 and (cause := _named_fault(masked, token.start())) is not None:
        rest, masked = rest[cause:], masked[cause:]  # "Wait, I double-counted the corner seat, so it is 24."
        token = _ANSWER_TOKEN.search(masked)
        lead = [w.lower() for w in _RUN_WORD.findall(masked, 0, token.start())] if token is not None else lead
    if token is None or len(lead) > 4 or _NOT_A_CORRECTION.intersection(lead):
        return None  # "No other value works since 5 < 7", "No doubt, 23 is right": no corrected value
    if _ADDING.search(masked):
        return None  # "Wait, 5 also works.": another candidate beside the answer, read as an offer
    if _hypothesis(rest, 0, token.start()) is not None:
        return _found([rest], "final_statement", "text")  # "Wait — I think it's 4.": a hedged correction
    return _statement_of_sentence(rest)


#: a clause that names the writer's fault, then a connective that draws the corrected value from it ("I
#: double-counted the corner seat, so", "I forgot the empty set; thus", "my count missed one, which makes it")
_FAULT_THEN = re.compile(
    r"(?i)^[ \t]*+(?:i|i've|i'd|we|we've|my|our)\b[^\n]{0,120}?(?:,[ \t]*+|[ \t;]++)"
    r"(?:so|thus|hence|therefore|which[ \t]++makes|making)\b[ \t,]*+"
)


def _named_fault(masked: str, token: int) -> int | None:
    """Where the statement after a named fault starts in ``masked`` (a correction's body after its opening,
    ``token`` where its first value starts): the writer's own fault (:data:`_FAULT`, said by "I", "we", "my") then
    "so", "thus", "hence" before the value ("I double-counted the corner seat, so it is 24"); ``None`` otherwise."""
    m = _FAULT_THEN.match(masked, 0, token)
    return m.end() if m is not None and _FAULT.search(masked, 0, m.end()) is not None else None


#: a Chinese copula opening a correction's statement, with an adverb of fact before it (是, 就是, 其实是, 应为)
_CJK_COPULA_OPEN = re.compile(
    "^(?:\u5c31|\u5176\u5b9e|\u5176\u5be6|\u5b9e\u9645\u4e0a|\u5be6\u969b\u4e0a|\u5e94|\u61c9)?+"
    "(?:\u662f|\u4e3a|\u70ba)[ \t]*+"
)
#: words that add a value beside the answer instead of replacing it
_ADDING = re.compile(r"(?i)\b(?:also|too|as[ \t]++well|either|both)\b")


#: words after "No" that make it an aside, not a correction ("No other value works", "No need to round 2.5")
_NOT_A_CORRECTION = frozenset("other another more further need doubt problem worries way mistakes".split())


def _read_on(fix: Extraction, text: str, end: int) -> Extraction:
    """A correction ending at ``text[end]`` read with what follows it: a question mark ("No wait, 22?") or a next
    sentence that retracts it ("No wait, 22. Just kidding.") makes it no answer."""
    shown = " ".join(p if fix.mode == "text" else f"${p}$" for p in fix.parts)
    if text[end : end + 1] in ("?", "\uff1f"):
        return Extraction(fix.answer, fix.method, (shown + "?",), "text")
    retraction = _retraction_after(text, end, fix.answer)
    return Extraction(fix.answer, fix.method, (f"{shown}; {retraction}",), "text") if retraction else fix


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    """The last match of an iterator (constant memory)."""
    tail = deque(matches, maxlen=1)
    return tail[0] if tail else None


# ---------------------------------------------------------------- boxes

_BOX_BEFORE = re.compile(
    r"(?i)(?:>=|<=|=/=|/=|~=|=<|=>|\\neq?|!=|\\[lg]eq?(?:slant)?|\\[lg]t|<(?![A-Za-z/!])|(?<![A-Za-z0-9\x22\x27/-])>|\\approx|\\sim|\\pm|\\mp|(?<![A-Za-z\\])-|"
    r"(?:\bnot|n't|\bnever|\bcannot|\bno[ \t]+longer|\banything[ \t]+but|\bother[ \t]+than|\bexcept)"
    r"(?:[ \t]++(?:be|equal|equals|to|is|are|exactly|just|simply))*+|\bat[ \t]+least|"
    r"\bat[ \t]+most|\bmore[ \t]+than|\bless[ \t]+than|\bfewer[ \t]+than|\bgreater[ \t]+than|\bover|\bunder|"
    r"\babout|\baround|\bapproximately|\broughly|\bnearly|\balmost|\beither|\bor|\bup[ \t]+to|\bmaybe|\bperhaps|"
    r"\bpossibly|\bprobably|\bupwards[ \t]+of|\bclose[ \t]+to|\bdivisible[ \t]+by|\bnegative|\bneg|\bminus)[ \t\n$]*$"
)
#: a hypothesis, question or belief in the sentence of an answer before it ("Suppose the answer is 5", "Could it be
#: 5?", "Apparently the answer is 5", "In my opinion, the answer is 5", "Odds are it's 5", "My money's on 5")
_HYPOTHESIS = re.compile(
    r"(?i)\b(?:suppose|supposing|assume|assuming|let's[ \t]+say|what[ \t]+if|could|might|maybe|perhaps|possibly|"
    r"probably|presumably|apparently|seemingly|supposedly|conceivably|it[ \t]+seems|"
    r"i[ \t]+(?:think|guess|believe|suspect|reckon|imagine|presume)|in[ \t]+my[ \t]+(?:opinion|view|estimation)|"
    r"in[ \t]+all[ \t]+(?:probability|likelihood)|it[ \t]+would[ \t]+(?:appear|seem)|"
    r"odds[ \t]+are[ \t]+(?:that|it|it's|good|high|the[ \t]+(?:answer|total|result))|"
    r"my[ \t]+money(?:'s|[ \t]+is)[ \t]+on|one[ \t]+would[ \t]+expect|to[ \t]+a[ \t]+first[ \t]+approximation|"
    r"for[ \t]+(?:lack|want)[ \t]+of[ \t]+(?:a[ \t]+)?better|"
    r"if[ \t]+i'm[ \t]+right|is[ \t]+it)\b"
)
#: where a sentence ends before an answer: a full stop, question or exclamation mark before a space, or the
#: ideographic marks, which need none ("这题不难。答案是 5")
_SENTENCE_MARK = re.compile(r"[.!?](?=[ \t])|[\u3002\uff01\uff1f]")


def _hypothesis(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """A hypothesis or belief (:data:`_HYPOTHESIS`, the lexicon's ``FOREIGN_BELIEF``) in the sentence that ends at
    ``text[hi]``, searched from ``lo`` and after the last sentence break, else ``None``."""
    from rlvr.verifiers.lexicon import FOREIGN_BELIEF

    lo = max([lo] + [m.end() for m in _SENTENCE_MARK.finditer(text, lo, hi)][-1:])
    return _HYPOTHESIS.search(text, lo, hi) or FOREIGN_BELIEF.search(text, lo, hi)


#: a frame before an answer that disowns the commitment: a forced guess ("If I had to guess,", "I'd say"), an
#: unchecked claim ("Without checking,", "Off the top of my head,"), a feeling or a chance ("I feel like", "There's
#: a good chance the answer is"), a past or abandoned belief ("I used to think", "I wanted to say", "I was going
#: to say"), a token offer ("I'll just say"), an open question ("Whether the answer is 5 is unknown"), a
#: supposition ("The answer being 5 leads to …") and a restated given ("The only number given is 5")
_FRAME = re.compile(
    r"(?i)\b(?:if[ \t]++(?:(?:i|we)[ \t]++(?:had|have|were|was|am|are|must)[ \t]++)?(?:(?:forced|made|pressed|pushed|"
    r"obliged)[ \t]++)?to[ \t]++(?:guess|bet|wager|estimate|speculate|commit|say|(?:pick|choose|answer)(?=[ \t]*+,))|(?:i|we)'d[ \t]++(?:guess|bet|wager)|(?:i|we)[ \t]++would[ \t]++(?:say|guess|bet)|"
    r"without[ \t]++(?:\w++[ \t]++){0,2}?(?:checking|verifying|verification|calculating|computing|proof|proving|"
    r"double-checking|rechecking|working|thinking|looking|solving|checked|verified|computed|calculated|proved|proven|"
    r"double-checked|confirmed|worked)|(?:at|as)[ \t]++a[ \t]++(?:rough[ \t]++|wild[ \t]++)?guess|"
    r"off[ \t]++the[ \t]++top[ \t]++of[ \t]++(?:my|our)[ \t]++heads?|from[ \t]++(?:memory|gut)|eyeball(?:ing|ed)?+|"
    r"by[ \t]++eye|"
    r"(?:going|judging)[ \t]++(?:by|on)[ \t]++(?:gut|instinct|feel|intuition|vibes?)|"
    r"(?:a|some)[ \t]++(?:\w++[ \t]++)?(?:chance|possibility)[ \t]++(?:that[ \t]++)?(?:the|it|this)\b|"
    r"(?:i|we)[ \t]++(?:feel|felt|sense)[ \t]++(?:like|that|the|it|it's)\b|(?:i|we)[ \t]++(?:have|had)[ \t]++a[ \t]++(?:feeling|sense|hunch)|"
    r"my[ \t]++(?:gut|instinct|intuition|hunch|feeling)|(?:i|we)[ \t]++used[ \t]++to[ \t]++(?:think|believe|say)|"
    r"(?:i|we)[ \t]++(?:once|originally|initially|first)[ \t]++(?:thought|believed|said)|"
    r"(?:i|we)[ \t]++(?:wanted|want|was[ \t]++going|were[ \t]++going|meant|intended|was[ \t]++about|was[ \t]++tempted|"
    r"am[ \t]++tempted|almost[ \t]++wanted)[ \t]++to[ \t]++(?:say|answer|write|put|go[ \t]++with)|"
    r"(?:i|we)'ll[ \t]++just|(?:i|we)[ \t]++will[ \t]++just|^[ \t*_]*+whether|(?:answer|result|solution)[ \t]++being|"
    r"(?:given|provided|stated|input)[ \t]++(?:numbers?|values?|quantit(?:y|ies)|figures?|data)[ \t]++(?:is|are|was|were)|"
    r"(?:numbers?|values?|quantit(?:y|ies)|figures?|data)[ \t]++(?:given|provided|stated|mentioned)"
    r"(?:[ \t]++in[ \t]++the[ \t]++(?:problem|question|prompt))?[ \t]++(?:is|are|was|were))\b"
)
#: a turn to the contrary after a clause break (", but", "; however", "— yet"): what came before is set aside
_TURN = re.compile(r"(?i)(?:[,;\u2014\u2013]|[ \t]-)[ \t]*+(?:but|however|yet)\b")


def _unturned_frame(masked: str) -> re.Match[str] | None:
    """A disowning frame (:data:`_FRAME`, the lexicon's ``writer_frame``) in ``masked`` after its last turn to the contrary: "I initially thought
    21, but 3 × 8 = 24, so the answer is" has turned from its past belief; "If I had to guess, 5" has not."""
    from rlvr.verifiers.lexicon import writer_frame

    turn = _last(_TURN.finditer(masked))
    pos = turn.end() if turn is not None else 0
    return _FRAME.search(masked, pos) or writer_frame(masked, pos)


#: a counterfactual frame: a sentence opened by a condition ("Had we …", "Without …", "Under …", "If …",
#: "Suppose …") whose answer is in the conditional mood ("would be", "we'd get", "were")
_COUNTERFACTUAL_OPENER = re.compile(
    r"(?i)^[ \t*_]*+(?:had|if|without|under|suppose|supposing|imagine|were|in[ \t]++a[ \t]++world)\b"
)
_CONDITIONAL_MOOD = re.compile(r"(?i)\b(?:would|were)\b|\b(?:we|you|i|they|it)'d\b")


#: a sentence that opens in question word order, an auxiliary before its subject ("Is the answer 5", "Could it
#: be 5", "Would the total be 5", "Isn't it 5"): a question even without its question mark
_QUESTION_ORDER = re.compile(
    r"(?i)[ \t\n*_#>]*+(?:is|are|was|were|does|do|did|can|could|would|should|will|shall|may|might|must|has|have|"
    r"isn't|aren't|wasn't|weren't|doesn't|don't|didn't|can't|couldn't|wouldn't|shouldn't|won't|hasn't|haven't)"
    r"[ \t]++(?:the|it|this|that|these|those|our|my|your|its|their|there|we|you|i|they|he|she|x|n)\b"
)
#: a sentence that opens in the question word order of another language: German, Dutch and Scandinavian verb
#: first before a subject ("Ist die Antwort 5", "Is het antwoord 5", "Är svaret 5"), French "est-ce que" and
#: inversion ("La réponse est-elle 5"), Polish "czy", Russian/Ukrainian "ли" after the first word ("Верно ли, что
#: ответ 5"); and the particles that open a yes-no question: Arabic هل, Persian آیا, Hindi क्या, Urdu کیا, Bengali
#: কি, Gujarati શું, Punjabi ਕੀ, Nepali के, Hebrew האם, Indonesian and Malay apakah/adakah, Finnish onko, Estonian
#: kas, Croatian and Serbian "je li"/"da li", Romanian "oare", Vietnamese "có phải", Swahili "je," (with its comma:
#: French "je" is "I"), Tagalog "ba" after the first word, Lithuanian "ar" and Latvian "vai" before a subject
#: (Portuguese "vai" is "goes"), Czech and Slovak "je" before "odpověď"/"výsledek"
_FOREIGN_QUESTION_ORDER = re.compile(
    r"(?i)[ \t\n*_#>]*+(?:(?:ist|sind|war|wäre|wären|kann|könnte|muss|müsste|sollte|wird|würde|hat|gibt|is|zijn|"
    r"zou|moet|wordt|heeft|kan|är|blir|er|bliver)[ \t]++(?:die|der|das|dies|diese|dieser|es|mein|meine|unser|"
    r"unsere|het|de|dit|dat|mijn|ons|svaret|svarið|resultatet|summan|det|dette|detta|x|n)\b|est-ce\b|"
    r"(?:czy|чи)\b|[^\W\d_]++[ \t]++л[иь]\b|[^\n.!?]{0,60}?\b(?:est|sont|serait|vaut|fait|était)-(?:ce|il|elle|ils|elles|on)\b|"
    r"(?:هل|آیا|کیا|क्या|কি|શું|ਕੀ|के|האם)(?![\w\u0900-\u0dff])|(?:apakah|adakah|onko|oliko|onks|kas|oare|"
    r"(?:je|da)[ \t]++li|có[ \t]++phải)\b|je[ \t]*+,|[^\W\d_]++[ \t]++ba\b|"
    r"(?:ar[ \t]++(?:atsakymas|rezultatas|tai|tas|suma)|vai[ \t]++(?:atbilde|rezultāts|tas|tā|summa)|"
    r"(?:je|jsou|není|nie[ \t]++je)[ \t]++(?:odpověď|odpoveď|výsledek|výsledok|to))\b)"
)
#: a question particle of Turkish after the value (mı, mi, mu, mü and their person and copula forms: "Cevap 5 mü.")
_QUESTION_PARTICLE_END = re.compile(r"(?i)(?<![\w'-])m[ıiuü](?:d[ıiuü]r|s[ıiuü]n(?:[ıiuü]z)?+|y[ıiuü][mz])?+[ \t.]*+$")
#: the Turkish answer words, after which "mi" and "mu" are the particle, not an abbreviation (miles)
_TURKISH_PHRASE = re.compile(r"(?i)\b(?:cevap|yanıt|sonuç|toplam|çözüm)")


def _turkish_question(phrase: str, stmt: str) -> bool:
    """The statement after a Turkish answer phrase ends with a question particle ("Cevap 5 mü.", "Sonuç 5 midir")."""
    return (
        _TURKISH_PHRASE.search(phrase) is not None
        and _QUESTION_PARTICLE_END.search(stmt, max(0, len(stmt) - 40)) is not None
    )


#: a condition that sets aside a term of the problem ("If we ignore the constraint", "Ignoring the condition",
#: "Without the restriction", "If we relax the requirement", "Dropping the assumption"): what follows answers
#: another problem; "violates"/"violated" states that a candidate breaks a term ("25 violates the constraint, so
#: the answer is 24"), which rejects it and relaxes nothing
_RELAXED = re.compile(
    r"(?i)\b(?:ignor|neglect|disregard|drop|relax|remov|lift|waiv|omit|forg[eo]t|overlook|skipp?|violat(?!e[sd]\b)"
    r"|without)[a-z]*+"
    r"[ \t]++(?:[a-z'-]++[ \t]++){0,3}?(?:constraints?|conditions?|restrictions?|requirements?|assumptions?|"
    r"hypothes[ie]s|rules?|limits?|limitations?|bounds?|stipulations?|premises?|givens?|restrictive)\b"
)
#: a negation at most two words before the relaxing verb ("we cannot ignore the constraint")
_NEGATED_BEFORE = re.compile(
    r"(?i)\b(?:not|never|cannot|can't|mustn't|shouldn't|don't|won't)(?:[ \t]++[a-z]++)?+[ \t]*+$"
)


def _relaxed(masked: str) -> int | None:
    """Where a condition that sets aside a term of the problem (:data:`_RELAXED`) starts in ``masked``, unless
    negated ("we cannot ignore the constraint"), else ``None``."""
    m = _RELAXED.search(masked)
    return m.start() if m is not None and not _NEGATED_BEFORE.search(masked, 0, m.start()) else None


#: the opening of a sentence up to its first comma, when it is at most three words
_FRONTED = re.compile(r"[ \t*_]*+((?:[^\W\d_][\w'\-.]*+[ \t]++){0,2}[^\W\d_][\w'\-]*+)[ \t]*+,")


#: adverbs in -ly that may open a sentence before its bare value and leave it asserted ("Finally, 5")
_AFFIRMING_ADVERBS_LEAD = (
    "finally",
    "lastly",
    "clearly",
    "consequently",
    "accordingly",
    "ultimately",
    "similarly",
    "additionally",
    "numerically",
    "explicitly",
    "formally",
    "equivalently",
    "simply",
    "actually",
    "really",
    "certainly",
    "definitely",
    "evidently",
    "obviously",
    "exactly",
    "namely",
    "briefly",
    "overall",
    "thankfully",
    "fortunately",
    "interestingly",
)
#: an answer clause whose form asserts nothing (searched in the clause of the value, after its last comma): a modal
#: of possibility or duty before "be" ("may be", "could be", "should be"; "will be", "would be" and "must be"
#: assert), a verb before "to be" other than one that states a result ("seems to be", "appears to be"; "turns out
#: to be", "has to be" assert), a verb of perception before "like" ("looks like", "sounds like"), the first person
#: in a modal or a state ("I'd go with", "I would say", "I'm inclined to say"), a first-person verb with a
#: preposition of choice right before the value ("I lean towards 5", "I vote for 5"), a question on the answer
#: noun ("Answer?? 5"), an open question or a goal ("Let's check whether 5 works", "We want to show the answer
#: is 5") and a supposition on a variable ("Let x = 5", "Try n = 5")
_UNASSERTED_CLAUSE = re.compile(
    r"(?i)\b(?:(?:may|might|could|can|should|ought[ \t]++to)[ \t]++(?:well[ \t]++|also[ \t]++|even[ \t]++)?+be\b"
    r"(?![ \t]++(?:[a-z]{2,}+(?<=ed)|[a-z]++(?<=[wr]n)|found|given|seen|made|done|set|put|left|written|taken|got"
    r"|gotten)\b)"
    r"|(?!(?:out|has|have|had|got|going|needs?|proves?|proved|happens?|happened|is|are|was|were|used|"
    r"able|about|ought|known|shown|proven|proved|found|given|determined|calculated|computed|required|guaranteed|"
    r"defined|seen|verified|confirmed|checked)\b)[a-z]++[ \t]++to[ \t]++be\b"
    r"|(?:looks?|looked|looking|sounds?|sounded|seems?|seemed|appears?|appeared|feels?|felt)[ \t]++"
    r"(?:like|as[ \t]++(?:if|though))\b"
    r"|i(?:'d|'m|[ \t]++(?:would|could|might|may|am))"
    r"(?![ \t]++(?:sure|certain|confident|positive|go[ \t]++with|pick|choose|select|done|finished|left|getting)\b)"
    r"(?=[ \t]++[a-z])"
    r"|i[ \t]++(?!go\b)[a-z]++[ \t]++(?:towards?|for|with|on)[ \t]*+$"
    r"|(?:answer|result|solution)[ \t*_]*+\?[ \t?*_:]*+$"
    r"|whether\b|(?:want|wants|need|needs|have|has|wish|aim|goal|task|set[ \t]++out)[ \t]++(?:is[ \t]++)?+to[ \t]++(?:show|prove|check|verify|"
    r"test|see|confirm)\b"
    r"|(?<![\w'])(?:let|try|suppose|assume|take|set)[ \t]++(?!me\b|us\b)(?:[^\W\d_]{1,2}+[ \t]*+=[ \t]*+)?+$)"
)
#: a sentence whose frame asserts nothing (searched in the whole sentence before the value): a first-person
#: insert between a subject and its copula ("The answer, I believe, is"), a fronted clause of the writer's own
#: knowledge or condition ("To the best of my knowledge,", "If I'm reading this right,", "As far as I can tell,"),
#: a limit in time ("for now", "so far", "last time I got"), a label opened by an infinitive ("To find: 5",
#: "Answer (to check): 5") and a fronted adverb in -ly other than an affirming one ("Provisionally, 5")
_UNASSERTED_SENTENCE = re.compile(
    r"(?i)(?<=[^\W\d_])[ \t]*+,[ \t]*+(?!as[ \t]++(?:i|we)[ \t]++(?:[a-z]++(?<=ed)|shown|found|got|did|saw|wrote)\b)"
    r"(?:[^\W\d_][\w'-]*+[ \t]++){0,6}?(?:i|i'm|i've|my|me)\b[^,\n]{0,60}+,"
    r"[ \t]*+(?:is|are|was|equals|=)"
    r"|^[ \t*_]*+(?:if|unless|as[ \t]++far[ \t]++as|to[ \t]++the[ \t]++best[ \t]++of|from[ \t]++what)\b"
    r"[^,\n]{0,60}?\b(?:i|i'm|i've|my|me)\b[^,\n]{0,60}+,"
    r"|\b(?:for[ \t]++(?:now|the[ \t]++(?:moment|time[ \t]++being))|as[ \t]++of[ \t]++now|so[ \t]++far)\b"
    r"|\b(?:last|previous|earlier)[ \t]++time[ \t]++(?:i|we)\b"
    r"|(?:^|\()[ \t*_]*+to[ \t]++[a-z]++[ \t)]*+:[ \t*_]*+$"
    r"|^[ \t*_]*+(?!(?:" + "|".join(sorted(_AFFIRMING_ADVERBS_LEAD)) + r")\b)[a-z]{3,40}+(?<=ly)[ \t]*+,[ \t*_]*+$"
)


def _unasserted(text: str) -> re.Match[str] | None:
    """The answer phrase in ``text`` (the sentence before a value) is not in an assertive form (see
    :data:`_UNASSERTED_CLAUSE`, :data:`_UNASSERTED_SENTENCE`), else ``None``."""
    clause = max(text.rfind(","), text.rfind(";")) + 1
    return _UNASSERTED_SENTENCE.search(text) or _UNASSERTED_CLAUSE.search(text, clause)


#: words that open a fronted condition on the writer's own work, with no clause of its own ("Barring mistakes,",
#: "Absent errors,", "Modulo typos,", "Unless mistaken,")
_OWN_CONDITION_OPENERS = frozenset("barring absent modulo pending unless".split())
#: what may follow "if" in a fronted condition with no clause of its own: a participle ("If pressed,", "If forced,",
#: "If asked,") or a word of correctness ("If correct,", "If right,"); not a wish ("If needed,", "If desired,")
_CORRECTNESS_WORDS = frozenset("correct right accurate valid true".split())
_WISH_PARTICIPLES = frozenset("needed desired required wanted preferred interested".split())


def _fronted_condition(words: list[str]) -> bool:
    """``words`` (a fronted phrase) are a condition on the writer's own work with no clause of its own ("Barring
    mistakes", "If pressed", "If correct"): the answer after them is offered, not asserted."""
    if words[0] in _OWN_CONDITION_OPENERS:
        return True
    if words[0] != "if" or len(words) != 2:
        return False
    w = words[1]
    return w in _CORRECTNESS_WORDS or w.endswith("ed") and len(w) > 4 and w not in _WISH_PARTICIPLES


def _fronted_hedge(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """A hedge split off by a comma at the start of ``text[lo:hi]`` ("Probably, the answer is 5", "Кажется, ответ
    5"): a fronted phrase of at most three words holding a hedge or an attribution cue, or a condition on the
    writer's own work with no clause of its own ("Barring mistakes,", "If pressed,")."""
    from rlvr.verifiers.lexicon import ATTRIBUTION_CUES, HEDGE_CUES

    m = _FRONTED.match(text, lo, hi)
    if m is None:
        return None
    words = [w.lower().replace("\u2019", "'") for w in _RUN_WORD.findall(m.group(1))]
    hedged = any(w in HEDGE_CUES or w in ATTRIBUTION_CUES for w in words)
    return m if hedged or words and _fronted_condition(words) else None


def _counterfactual(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The sentence part ``text[lo:hi]`` is counterfactual (its opener, from ``lo``), else ``None``."""
    opener = _COUNTERFACTUAL_OPENER.match(text, lo, hi)
    return opener if opener is not None and _CONDITIONAL_MOOD.search(text, lo, hi) else None


_BOX_AFTER = re.compile(
    r"(?i)[ \t$]*+(?:\^|_|\\?%|\^\s*\{?\s*\\circ|°|\\pm(?![A-Za-z])|\\mp(?![A-Za-z])|\\text\{\s*(?:or|and|more|less|fewer|million|billion|"
    r"thousand|hundred|dozen|percent|times)\b|(?:or|and/or|more|less|fewer|million|billion|thousand|hundred|"
    r"dozen|percent|times|plus|minus|squared|cubed|or[ \t]+more|or[ \t]+less|at[ \t]+least|at[ \t]+most)\b)"
)


def _box_spans(text: str) -> list[tuple[int, int, str]] | Extraction | None:
    """Every box of ``text`` as ``(start, end, content)``; an :class:`Extraction` when they are unreadable."""
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
            spans.append((m.start(), i + len(content), content))
            pos = i + len(content)
        else:
            end = match_brace(text, i)
            if end < 0:
                return Extraction(None, "unbalanced_box")
            pos = _repeats_end(text, m.start(), end + 1)
            spans.append((pos - (end + 1 - m.start()), pos, text[i + 1 : end]))
        if len(spans) > 4 * MAX_BOXES:
            return Extraction(None, "too_many_boxes")
    return spans or None


#: what may stand between a box and the same box repeated on its own: spacing and math delimiters
_REPEAT_GAP = r"(?:\\[\[\]()]|[\s$])*+"
_REPEAT_GAP_RE = re.compile(_REPEAT_GAP)


def _repeats_end(text: str, start: int, end: int) -> int:
    """The end of the run of copies of the box ``text[start:end]`` that follow it with only spacing and math
    delimiters between (``end`` when none does): a model stuck in a loop writes ``\\boxed{42}`` line after line,
    and identical boxes count once, so only different ones count against the cap. One linear-time match."""
    source = text[start:end]
    if not text.startswith(source, _REPEAT_GAP_RE.match(text, end).end()):
        return end
    return re.compile(f"(?:{_REPEAT_GAP}{re.escape(source)})*+").match(text, end).end()


def _past_math_span(text: str, i: int) -> int:
    """``i``, or the end of the math span ``text[i]`` lies in: a sentence after a box in ``$…$`` is looked for
    after its closing ``$`` (from the ``$`` itself, ``$ (because $3! + 1$)`` reads as a span and ``3!`` as a
    sentence end)."""
    if "$" not in text[i : i + MAX_INLINE_ANSWER_CHARS] and "\\" not in text[i : i + MAX_INLINE_ANSWER_CHARS]:
        return i
    return next((span[3] for span in _math_spans(text) if span[0] < i < span[3]), i)


def _math_spans(text: str) -> list[tuple[int, int, int, int]]:
    """The top-level math spans of ``text`` as ``(open, content start, content end, close end)``. Linear: a
    closer that was not found is not searched again."""
    spans: list[tuple[int, int, int, int]] = []
    failed: set[str] = set()
    i = 0
    while (m := _INLINE_OPENER.search(text, i)) is not None:
        i = m.start()
        c = text[i]
        key = "$$" if text.startswith("$$", i) else text[i : i + 2] if c == "\\" else "$"
        span = None if key in failed else _span_at(text, i)
        if span is not None:
            spans.append((i, span[0], span[1], span[2]))
            i = span[2]
            continue
        if key != "$" or find_dollar(text, i + 1) < 0:
            failed.add(key)
        i += 1 if c == "$" and key != "$$" else 2
    return spans


#: where a math span may open: a ``$`` that is not escaped, ``\\(`` or ``\\[`` (and, for masking, ``\\begin{``)
_INLINE_OPENER = re.compile(r"(?<!\\)\$|\\[(\[]")
_SPAN_OPENER = re.compile(r"(?<!\\)\$|\\(?:[(\[]|begin\{)")


#: what separates the statements of a math span at top level: a box right after one stands alone
_SEPARATOR = re.compile(
    r"\\(?:neq?|[lg]eq?|[lg]t|approx|sim|equiv|to|Rightarrow|Longrightarrow|implies|iff|therefore|q?quad)(?![A-Za-z])"
    r"|\\\\|[=<>,;&:]"
)


def _standalone(before: str) -> bool:
    """The text of a math span before a box leaves the box on its own: nothing, or a statement that ends in
    a top-level separator (``x =``, ``a = 3,``, ``x \\ne``); not a box inside a group (``\\frac{1}{\\boxed{2}}``) or
    after a factor, sign or function (``10\\boxed{2}``, ``-\\boxed{2}``, ``\\log\\boxed{2}``)."""
    depth = 0
    last_sep = 0
    i, n = 0, len(before)
    while i < n:
        c = before[i]
        if c == "\\" and i + 1 < n and before[i + 1] in "{}":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SEPARATOR.match(before, i)
            if m is not None:
                last_sep = m.end()
                i = m.end()
                continue
        i += 1
    return depth == 0 and not before[last_sep:].strip()


def _is_word(run: str) -> bool:
    """``run`` is letters only (with combining marks: "café", "á"), starting with a letter."""
    return run[0].isalpha() and all(c.isalpha() or unicodedata.category(c).startswith("M") for c in run)


def _touching(text: str, s: int, e: int) -> tuple[int, int]:
    """Outside math: the run of characters that touch the box at ``text[s:e]`` without a space (``10\\boxed{2}``,
    ``\\boxed{12}+``, ``\\boxed{2}\\times``), less the punctuation and brackets that belong to the sentence and
    a word of two or more letters before it."""
    lo = s
    while (
        lo > 0
        and not text[lo - 1].isspace()
        and text[lo - 1] not in "$([\x22'*:>}"  # a "}" ends another command (\boxed{5}\boxed{5}: two boxes)
        and not (lo == s and text[lo - 1] == "\\")
    ):
        lo -= 1
    if s - lo > 1 and _is_word(text[lo:s]):
        lo = s  # "The answer is\boxed{5}": a word glued to the box is prose before it, read with its sentence
    hi = e
    n = len(text)
    while hi < n and not text[hi].isspace() and text[hi] not in "$<" and not _BOX.match(text, hi):
        hi += 1
    while hi > e and text[hi - 1] in ".,;:!)]\x22'*":
        hi -= 1
    if re.fullmatch(r"[A-Za-z]+", text[e:hi]) or text.startswith("\\text{", e):  # "\\boxed{5}cm", "\\text{ or }":
        hi = e  # a unit or words, read as words after the box
    return lo, hi


_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,300}+>")
#: the rest of a sentence after an answer that explains it without changing it
_BENIGN_TAIL = re.compile(
    r"(?i)^[ \t]*+(?:[,;:]|--?|\u2014)?[ \t]*+(?:which|since|because|as[ \t]+(?:required|expected|desired|claimed)|so|"
    r"where|whereas|hence|thus|therefore|and[ \t]+so|giving|meaning|i\.e\.|that[ \t]+is|this[ \t]+is|we|"
    r"is[ \t]+(?:the|our|my)[ \t]+(?:final[ \t]+|correct[ \t]+)?answer|is[ \t]+(?:the[ \t]+)?correct|"
    r"is[ \t]+the[ \t]+(?:number|count|total|sum|(?:maximum|minimum|largest|smallest|greatest|least)"
    r"(?:[ \t]+(?:possible[ \t]+)?value)?)[ \t]*+(?:$|of[ \t]+(?:such|all|the|possible|ways|[a-z]+s\b))|"
    r"as[ \t]+(?:the|our|my)[ \t]+(?:final[ \t]+)?answer|in[ \t]+total|in[ \t]+all|altogether|overall)\b"
)
#: a rejected alternative after the answer: "5, not 6", "5 rather than 6", "5 instead of 6"
_REJECTED = re.compile(
    r"(?i)^[ \t]*+[,;]?[ \t]*+(?:and[ \t]+|but[ \t]+)?(?:not|rather[ \t]+than|instead[ \t]+of)[ \t]++"
)


_ANCHOR = re.compile(
    r"(?i)\b(?:"
    + _MULTI_COPULA
    + r"|is|are|was|were|be|equals?|becomes?|gives?(?:[ \t]++(?:us|me|you|them)\b)?+|get|gets|got|obtain|obtained|yields?|"
    r"have|has|"
    r"comes[ \t]+to|amounts[ \t]+to|ist|sind|lautet|beträgt|est|sont|vaut|es|son|hay|è|é|são|sono|là|равен|равно|"
    r"равна)\b|(?<=[A-Za-z])'s\b|=|:|\\(?:Rightarrow|implies)\b"
)


def _lead_changes(pre: str, anchored: bool = False) -> str:
    """The part of the sentence before an answer that must be read with it, or ``""``: a cue word between the
    answer and its anchor (the last copula, ``=`` or ``:``, else the sentence start) from
    :data:`~rlvr.verifiers.lexicon.LEAD_CUES` ("Hardly 5", "twice 5", "Tentatively, 5", "exceeds 5"), a label
    that is not the answer ("Wrong answer: 5", "Upper bound: 5"), or a retraction in the anchor's clause ("I doubt
    the answer is 5", "A wrong approach gives 5")."""
    from rlvr.verifiers.lexicon import (
        ATTRIBUTION_CUES,
        DISOWNING_CUES,
        LABEL_CUES,
        LABEL_FORM_CUES,
        LEAD_CUE_PHRASES,
        LEAD_CUES,
        NEGATION_CUES,
        PROVISIONAL_LABEL,
        PROVISIONAL_STANDING,
        RETRACTION_CUES,
    )

    masked = _mask_math(_HTML_TAG.sub(lambda m: " " * len(m.group(0)), pre)).replace("\u2019", "'")
    masked = _without_affirmations(masked)  # "毫无疑问，答案是 5", "答えは間違いなく 5"
    asked = max(masked.rfind("?"), masked.rfind("!")) + 1  # the last sentence ("Does it hold? Yes, so 5" states)
    label = masked.find(":", asked) + 1  # "Then: does it equal 5": a question after a label
    asks = _QUESTION_ORDER.match(masked, asked) or label and _QUESTION_ORDER.match(masked, label)
    asks = asks or _FOREIGN_QUESTION_ORDER.match(masked, asked)  # "Ist die Antwort 5", "Czy odpowiedź to 5"
    if _counterfactual(masked, 0, len(masked)) or asks:
        return pre  # "Had we ignored the constraint, the answer would be 5"; "Is the answer 5" asks
    if (relaxed := _relaxed(masked)) is not None:
        return pre[relaxed:]  # "If we ignore the constraint, we get 5": the answer to another problem
    if (frame := _unturned_frame(masked) or _fronted_hedge(masked, 0, len(masked))) is not None:
        return pre[frame.start() :]  # "If I had to guess, 5", "I feel like it's 5", "Probably, the answer is 5"
    if (frame := _unasserted(masked)) is not None:
        return pre[frame.start() :]  # "The answer seems to be 5", "The answer, I believe, is 5", "I lean towards 5"
    anchor = _last(_ANCHOR.finditer(masked))
    start = 0
    if anchor is not None and (rel := _RELATION_BEFORE.search(masked, 0, anchor.start())) is not None:
        return pre[rel.start() :]  # "is greater than or equal to 5": a relation, not the copula "equal to"
    if anchor is not None:
        start = anchor.end()
        clause = max(masked.rfind(",", 0, anchor.start()), masked.rfind(";", 0, anchor.start())) + 1
        clause = max(clause, _dash_after_value(masked, clause, anchor.start()))  # "Not 21 — the answer is 24"
        is_label = anchor.group(0) in (":", "=")
        if is_label and "?" in masked[clause : anchor.start()]:
            return pre[clause:]  # "Answer?: 5": a label that asks
        if is_label and PROVISIONAL_LABEL.search(masked, clause, anchor.start()) is not None:
            return pre[clause:]  # "Working answer: 5", "Gut answer: 5"
        aside = _LABEL_ASIDE.search(masked, clause, anchor.start()) if is_label else None
        if aside is not None and (
            _doubting_aside([w.lower() for w in _RUN_WORD.findall(aside.group(1))])
            or PROVISIONAL_STANDING.match(aside.group(1)) is not None
        ):
            return pre[aside.start() :]  # "Answer (low confidence): 5", "Result (tentative): 5", "(before checking)"
        before = [w.group(0) for w in _RUN_WORD.finditer(masked, clause, anchor.start())][-2:]
        if anchor.group(0).lower() == "be" and len(before) == 2 and _qualifying_word(before[0], [], to_be=True):
            return pre[clause:]  # "The answer is thought to be \boxed{5}"
        for w in _RUN_WORD.finditer(masked, clause, anchor.start()):
            low = w.group(0).lower()
            label = is_label and (low in LABEL_CUES or low in NEGATION_CUES or low in LABEL_FORM_CUES)
            label = label or is_label and "-" in low and any(p in LABEL_CUES for p in low.split("-"))  # "Sanity-check"
            label = label or is_label and _label_abbreviation(masked, clause, w)  # "UB: 5", "$n_{\text{est}} = 5$"
            label = label or is_label and not low.isascii() and _cjk_label_cue(low)  # "错误答案：5", "推測：5"
            if is_label and low == "step" and "final" not in masked[clause : anchor.start()].lower():
                label = True  # "Step 1 result: 5" is an intermediate value; "Step 3: Final answer: 5" is not
            if label or low in RETRACTION_CUES or low in ATTRIBUTION_CUES or low in DISOWNING_CUES:
                return pre[w.start() :]  # "A wrong approach gives 5", "The flawed approach yields 5"
            if low.endswith("n't"):
                return pre[w.start() :]
    if _doubting_symbol(masked[start:]) or _QUESTION_MARK_SIGN.search(masked[start:]):
        return pre[start:]  # 🤷 5, ⁉️ 5
    if anchor is not None and anchor.group(0) != ":" and masked[start:].strip(" \t") in ("\u2212", "-"):
        return pre[start:]  # "The answer is − \boxed{5}": the sign before the box is the answer's
    comma = max(masked.rfind(",", start), masked.rfind(";", start))
    if comma > start and _ANSWER_TOKEN.search(masked, start, comma):
        start = comma + 1  # "About 50% of them passed, so 2": the cue belongs to another value's clause
    phrase_from = anchor.start() if anchor is not None and start == anchor.end() else start  # "give or take 5"
    if (phrase := LEAD_CUE_PHRASES.search(masked, phrase_from)) is not None:
        return pre[phrase.start() :]  # "as many as 5", "on the order of 5", "all but 5", "the log of 5"
    words = list(_RUN_WORD.finditer(masked, start))
    for k, w in enumerate(words):
        low = w.group(0).lower()
        if low in LEAD_CUES or low in ATTRIBUTION_CUES or low in DISOWNING_CUES or low.endswith("n't"):
            return pre[w.start() :]
        if not low.isascii() and _cjk_cue(low):
            return pre[w.start() :]
        first = k == 0 and (anchor is not None or anchored)  # right after the copula: "is arguably 5"
        if first and _qualifying_word(w.group(0), words[k + 1 : k + 3]):
            return pre[w.start() :]  # "is arguably 5", "is capped at 5", "is rumored to be 5"
    return ""


def _without_affirmations(s: str) -> str:
    """``s`` with each affirming idiom (the lexicon's ``AFFIRMING_IDIOMS``: "no doubt about it", 毫无疑问, 没错,
    間違いなく, 確認済み) blanked to spaces of its length, so its word of negation reads as no doubt."""
    from rlvr.verifiers.lexicon import AFFIRMING_IDIOMS

    blanked = AFFIRMING_IDIOMS.sub(lambda m: " " * len(m.group(0)), s)
    return _EMPTY_BRACKETS.sub(lambda m: " " * len(m.group(0)), blanked) if blanked != s else s  # "(確認済み)"


#: a pair of brackets with nothing but spaces inside (what an affirming aside leaves once blanked)
_EMPTY_BRACKETS = re.compile(r"[(\uff08\[][ \t]*+[)\uff09\]]")


def _dash_after_value(masked: str, lo: int, hi: int) -> int:
    """Where the clause after the last dash in ``masked[lo:hi]`` starts when the part before the dash holds a value
    ("Not 21 — the answer is": the rejection is its own clause), else ``lo``."""
    dash = max(masked.rfind("\u2014", lo, hi), masked.rfind("\u2013", lo, hi), masked.rfind(" - ", lo, hi))
    if dash < 0 or _ANSWER_TOKEN.search(masked, lo, dash) is None:
        return lo
    return dash + 1


def _cjk_label_cue(word: str) -> bool:
    """A run of Chinese/Japanese/Korean text in a label holds a label cue of those languages
    (:data:`~rlvr.verifiers.lexicon.CJK_LABEL_CUES`: "错误答案", "推測", "草稿")."""
    from rlvr.verifiers.lexicon import CJK_LABEL_CUES

    return any(c in word for c in CJK_LABEL_CUES)


def _label_abbreviation(masked: str, clause: int, word: re.Match[str]) -> bool:
    """``word`` of the label that opens at ``masked[clause]`` abbreviates a label cue
    (:data:`~rlvr.verifiers.lexicon.LABEL_ABBREVIATIONS`) where no other word can stand: it opens the label ("UB:
    5") or sits in a subscript ("$n_{\\text{ub}} = 5$")."""
    from rlvr.verifiers.lexicon import LABEL_ABBREVIATIONS

    if word.group(0).lower() not in LABEL_ABBREVIATIONS:
        return False
    if not masked[clause : word.start()].strip(" \t*_("):
        return True
    return _SUBSCRIPT_OPEN.search(masked[max(clause, word.start() - 24) : word.start()]) is not None


#: the opening of a subscript right before a word, its font command aside (``_{\text{``, ``_\mathrm{``, ``_``)
_SUBSCRIPT_OPEN = re.compile(
    r"_[ \t]*+\{?+[ \t]*+(?:\\(?:text|mathrm|textrm|mathit|textit|rm|operatorname)[ \t]*+\{?+)?+$"
)


#: a parenthesis inside a label before its colon ("Answer (low confidence): 5", "Answer (final): 5")
_LABEL_ASIDE = re.compile(r"\(([^()\n]{1,60}+)\)")
#: words of a degree of certainty below full ("low confidence", "moderately sure", "half certain")
_PARTIAL_CERTAINTY = frozenset(
    "low medium moderate moderately some little weak limited partial partly half fair".split()
)
_CERTAINTY_WORDS = frozenset("confidence certainty confident sure certain".split())


def _doubting_aside(words: list[str]) -> bool:
    """The words of an aside in a label doubt the value it introduces: a cue word ("tentative", "unverified",
    "not sure", "guess") or a certainty below full ("low confidence", "moderately sure")."""
    from rlvr.verifiers.lexicon import DOUBT_WORDS, cue_words

    if cue_words(words) or any(w in DOUBT_WORDS for w in words):
        return True
    return bool(_CERTAINTY_WORDS.intersection(words)) and bool(_PARTIAL_CERTAINTY.intersection(words))


#: adverbs in -ly that affirm or connect, never qualify, the answer after its copula ("is exactly 5")
_AFFIRMING_ADVERBS = frozenset(
    """only exactly precisely simply clearly obviously evidently certainly definitely surely actually really truly
    finally consequently accordingly namely respectively ultimately officially correctly fully totally entirely
    literally currently presently additionally undoubtedly unambiguously uniquely similarly equally directly
    immediately explicitly formally mathematically numerically merely solely purely""".split()
)
#: words in -ly or -ed that are not adverbs or participles
_NOT_ADVERBS = frozenset(
    """family supply apply reply multiply early daily weekly monthly yearly hourly nightly assembly anomaly monopoly
    butterfly jelly belly ally holy italy hundred indeed speed need seed feed breed greed weed steed proceed succeed
    kindred""".split()
)
#: participles that introduce the answer itself ("is given by 5", "is denoted 5")
_NEUTRAL_PARTICIPLES = frozenset(
    """given denoted written expressed called labeled labelled named defined shown proven proved found known
    determined calculated computed guaranteed confirmed verified required obtained derived simplified evaluated
    boxed stated reached""".split()
)


def _qualifying_word(word: str, after: list[re.Match[str]], to_be: bool = False) -> bool:
    """A lower-case word right after an answer's copula that the lexicons lack but that qualifies the value by its
    form: an adverb in -ly other than an affirming one ("arguably", "nominally", "erroneously"), a past participle
    in -ed before "by" other than one that introduces the answer ("bounded by", "increased by"; "given by" does),
    or a participle of reporting before "to be" ("thought to be", "said to be")."""
    if to_be:  # the word before "to be": a participle of reporting or belief ("thought", "said", "expected")
        return word in ("thought", "said") or word.endswith("ed") and word not in _NEUTRAL_PARTICIPLES
    if not word.isalpha() or not word.islower() or len(word) < 5 or word in _NOT_ADVERBS:
        return False
    if word.endswith("ly") and word not in _AFFIRMING_ADVERBS:
        return True
    follow = [m.group(0).lower() for m in after]
    if word.endswith("ed") and word not in _NEUTRAL_PARTICIPLES and follow[:1] == ["by"]:
        return True  # "is bounded by 5", "is increased by 5"; not "is reduced to 5", "is priced at 5"
    return follow == ["to", "be"]


#: a comparative with "than or" right before a copula of several words ("greater than or equal to")
_RELATION_BEFORE = re.compile(
    r"(?i)\b(?:greater|less|more|fewer|bigger|larger|smaller|higher|lower)[ \t]++than[ \t]++or[ \t]++(?:is[ \t]++)?$"
)
#: a question mark in a sign of its own (⁉ ⁈ ⁇ ❓ ❔ ¿) before an answer questions it
_QUESTION_MARK_SIGN = re.compile("[\u2047\u2048\u2049\u2753\u2754\u00bf]")


def _cjk_cue(word: str) -> bool:
    """A run of Chinese/Japanese/Korean text holds a negation, hedge or bound ("不是", "大约", "至少")."""
    from rlvr.verifiers.lexicon import CJK_CUES, CJK_FINAL_CUES

    return any(c in word for c in CJK_CUES) or word.endswith(CJK_FINAL_CUES)


#: a footnote mark right after an answer: ``5*``, ``5 (*)``, ``5†``
_FOOTNOTE = re.compile(r"[ \t]*+(?:\*(?!\*)|\(\*\)|\u2020|\u2021)")
#: a superscript on a box that marks a note rather than a power: a bracketed or parenthesised mark
#: (``\boxed{5}^{[1]}``, ``^{(a)}``), a star, dagger or section sign (``^*``, ``^{\dagger}``, ``^\S``) or the
#: exponent 1, which changes no value and is written only as a note (``\boxed{5}^1``)
_NOTE_MARK = (
    r"(?:\[[^\]\n{}$]{0,20}+\]|\([^)\n{}$]{0,20}+\)|\*++|\\(?:ast|star|dagger|ddagger|S|P|sharp|natural)(?![A-Za-z])"
    r"|1(?![\d.,]))"
)
_FOOTNOTE_SUPERSCRIPT = re.compile(rf"\^[ \t]*+(?:\{{[ \t]*+{_NOTE_MARK}[ \t]*+\}}|{_NOTE_MARK})")


def _doubting_symbol(s: str) -> bool:
    """A pictograph or dingbat other than a check mark (❌, ✗, 🤔, 🤷): it comments on the answer (the replacement
    character of an undecodable byte does not)."""
    return any(
        unicodedata.category(c) == "So"
        and ("\u2600" <= c <= "\u27bf" or "\u2b00" <= c <= "\u2bff" or c >= "\U0001f000")
        and c not in "\u2713\u2714\u2611\u2705"
        for c in s[:200]
    )


#: marks after an answer that doubt, joke or strike it: a question mark sign (⁇ ¿), a frowning, skeptical or winking
#: emoticon (``:(``, ``:/``, ``:-|``, ``;)``, ``;-P``; a smile ``:)`` endorses), a cross in parentheses (``(×)``,
#: ``(x)``), and a slash pulled back over it by negative spaces (``\boxed{5}\!\!\!/``)
_DOUBT_MARK = re.compile(
    r"[\u2047\u2048\u2049\u00bf]|(?<![\w:;])(?::-?+[(/\\|\[]|;-?+[()DPp\]])(?![\w(])|\([ \t]*+[\u00d7xX\u2715-\u2718][ \t]*+\)"
    # contradiction and undecided marks: ↯ ⊥ ⇏ ⇎ ↮ ≟ ≠? (a lone mark after the answer, outside math)
    r"|[\u21af\u22a5\u21cf\u21ce\u21ae\u225f]|\u2260[ \t]*+\?"
    # dead-eyes and table-flip faces, even odds: (×_×), (x_x), (╯°□°)╯, 50/50, fifty-fifty, a coin flip, a toss-up
    r"|\([ \t]*+[\u00d7xX][ \t]*+_[ \t]*+[\u00d7xX][ \t]*+\)|\u256f|\u253b\u2501\u253b"
    r"|(?<![\w/.])50[ \t]*+[/:-][ \t]*+50(?![\w/.])|(?i:fifty[ \t-]++fifty|coin[ \t-]++(?:flip|toss)|toss-?up)"
)

_DOUBT_MARK_AFTER = re.compile(r"[ \t$]*+\(?[ \t]*+(?:" + _DOUBT_MARK.pattern + ")")  # "\\boxed{5} (50/50)"


def _doubt_mark(s: str) -> bool:
    return _DOUBT_MARK.search(s[:200]) is not None


#: an aside in parentheses that closes the sentence (one level of nested parentheses inside)
_ASIDE = re.compile(r"[ \t]*+\(([^()\n]{0,200}+(?:\([^()\n]{0,50}+\)[^()\n]{0,100}+)?+)\)[ \t.!]*+")


def _explaining_tail(rest: str, part: str | None) -> bool:
    """The rest of a sentence after the answer ``part`` explains or affirms it, by its form: an aside in
    parentheses with no question mark, cue word (:func:`~rlvr.verifiers.lexicon.cue_words`), words in another
    script or other value (its values do work or are indices: "(since $49 = 7^2$)", "(from equation (3))", "(by
    Fermat's little theorem)", "(see the table)"), or a tail saying the answer holds in every case ("either way",
    "in both cases")."""
    from rlvr.verifiers.lexicon import INVARIANCE_TAIL, cue_words, unit_name

    if INVARIANCE_TAIL.match(rest):
        return True
    aside = _ASIDE.fullmatch(rest)
    if aside is None or aside_changes(aside.group(1), part):
        return False
    inner = aside.group(1)
    if _CHOICE_IN_PROSE.search(inner) or _spelled_out(inner) is not None or unit_name(inner.strip()) is not None:
        return False  # "12 (B)": a choice letter; "8 (nine)": another value in words; "42 (cm)": its unit
    masked = _mask_math(inner)
    words = [w.group(0) for w in _RUN_WORD.finditer(masked)]
    if not _ANSWER_TOKEN.search(masked):  # "(see above)", "(the calculation above)": a pointer, not a bound
        words = [
            w
            for k, w in enumerate(words)
            if not (k and w.lower() in ("above", "below") and words[k - 1].lower() not in ("or", "and"))
        ]
    if "?" in inner or _hedgy(inner) or cue_words(words) or any(not w.isascii() for w in words):
        return False
    if _commenting_tail(inner):
        return False  # "(low confidence)", "(TBD)", "(needs checking)": a qualifier, not an explanation
    if citation(inner):
        return True  # "(see Knuth, 1997)": a source, its year no value
    if part is not None and _PLAIN_NUMBER.fullmatch(part.strip()):
        return not _offered_candidates(inner, [part.strip()])
    return not _ANSWER_TOKEN.search(masked) or _WORK.search(inner) is not None


#: copulas before "too" that make it an excess ("6 is too large", "6 would be too big"), not "also" ("6 works too")
_EXCESS_COPULAS = frozenset("is are was were be being 's".split())
#: words after a value that keep it open ("6 might fail"): no rejection
_OPEN_WORDS = frozenset("might may could possibly maybe perhaps probably also".split())


#: words that call a value fit for the problem: negated right after it ("-1 is not valid", "does not satisfy the
#: equation", "is not a solution"), they reject it
_FITNESS = frozenset(
    "valid satisfy satisfies work works hold holds fit fits solution solutions root admissible allowed acceptable "
    "feasible possible qualify qualifies".split()
)
#: words that call a value unfit on their own ("-1 is invalid", "6 is impossible")
_UNFIT = frozenset("invalid impossible".split())


def _rejected_by_after(words: list[str]) -> bool:
    """The words after a value in its own clause (lower case) reject it: a rejecting predicate among the first
    four ("6 exceeds the bound", "6 would exceed the limit", "-1 is extraneous", "$n = 6$ fails"), an unfit word
    ("-1 is invalid"), a negated word of fitness ("-1 is not a valid length", "does not satisfy the equation") or an
    excess after a copula ("6 is too large"), before any other negation or hedge ("6 does not exceed", "6 might
    fail")."""
    from rlvr.verifiers.lexicon import NEGATION_CUES, REJECTING_PREDICATES

    for k, w in enumerate(words[:4]):
        if w in _UNFIT:
            return True  # "-1 is invalid"
        if negates(w, _CLAUSE_NEGATORS) and _FITNESS.intersection(words[k + 1 : k + 4]):
            return True  # "-1 is not a valid length", "x = -1 does not satisfy the equation"
        if w in NEGATION_CUES or w.endswith("n't") or w in _OPEN_WORDS:
            return False
        if w in REJECTING_PREDICATES:
            return True
        if w == "too" and k and words[k - 1] in _EXCESS_COPULAS and k + 1 < len(words):
            return True
    return False


def _rejected_by_before(words: list[str]) -> bool:
    """The words before a value in its own clause (lower case) reject it: a rejecting verb right before it ("we
    discard -1", "we can rule out 6", "eliminate (D)") that is not itself negated ("we can't rule out 6"), or a
    negated copula ("the answer cannot be 6", "it can't equal 6")."""
    from rlvr.verifiers.lexicon import NEGATION_CUES, REJECTING_OUT_VERBS, REJECTING_VERBS

    if not words:
        return False
    if words[-1] in ("be", "equal", "equals") and len(words) > 1:
        return words[-2] in ("cannot", "not", "never") or words[-2].endswith("n't")
    if words[-1] in REJECTING_VERBS:
        k = len(words) - 1
    elif words[-1] == "out" and len(words) > 1 and words[-2] in REJECTING_OUT_VERBS:
        k = len(words) - 2
    else:
        return False
    return not any(w in NEGATION_CUES or w.endswith("n't") or w in _OPEN_WORDS for w in words[max(0, k - 3) : k])


#: how far a value's own clause is read on either side of it
_CLAUSE_REACH = 120


def _rejected_in_clause(sent: str, lo: int, hi: int) -> bool:
    """The value at ``sent[lo:hi]`` (prose, its math delimiters dropped) is rejected in its own clause
    (:func:`_rejected_by_before`, :func:`_rejected_by_after`): "6 is too large", "(D) 13 exceeds the bound", "we
    can rule out 6"."""
    masked = sent
    opened = _last(_CLAUSE_BREAK.finditer(masked, max(0, lo - _CLAUSE_REACH), lo))
    start = opened.start() + 1 if opened is not None else max(0, lo - _CLAUSE_REACH)
    closed = _CLAUSE_BREAK.search(masked, hi, hi + _CLAUSE_REACH)
    end = closed.start() if closed is not None else min(len(sent), hi + _CLAUSE_REACH)
    clause = sent[start:end]
    if _hedgy(clause) or "?" in clause:
        return False
    return _rejected_by_before(_lower_words(masked[start:lo])) or _rejected_by_after(_lower_words(masked[hi:end]))


#: a value in words after an answer: a plain number, a math span (masked) or a choice letter in parentheses
_REJECTABLE = re.compile(r"(?<![\w.])-?\d[\d.,]{0,40}+(?![\w])|\$0++\$|\$\$0++\$\$|\([A-J]\)")
#: where a clause starts after an answer: punctuation or a conjunction that opens one
_CLAUSE_BREAK = re.compile(
    r"(?i)[,;:(\u2014]|--|\.(?=[ \t\n])|\n|\b(?:because|since|as|so|and|but|while|whereas|for|which)\b"
)


def _lower_words(s: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in _RUN_WORD.findall(s)]


def _rejects_other_value(clause: str, masked: str, part: str | None) -> bool:
    """``clause`` (``masked``: its math masked) rejects a value other than the answer ``part`` in its own words
    (:func:`_rejected_by_before`, :func:`_rejected_by_after`) and offers no candidate ("6 is too large"; not "5 is
    too large", "6 might be too large", "6 or 7 is too large")."""
    if _hedgy(clause) or "?" in masked:
        return False
    own = _key(_clean(part).rsplit("=", 1)[-1]) if part else ""
    if _conditionally_rejected(masked.replace("$", " "), {own}):
        return False  # "; 6 fails only if $n$ is even": rejected only under a condition, a candidate otherwise
    for m in _REJECTABLE.finditer(masked):
        value = clause[m.start() : m.end()].strip("$() ")
        if own and _key(_clean(value).rsplit("=", 1)[-1]) == own:
            return False  # "\\boxed{5} because 5 is too large" rejects the answer itself
        before = masked[max(0, m.start() - _CLAUSE_REACH) : m.start()]  # bounded: the rules read a few words
        if _rejected_by_before(_lower_words(before)) or _rejected_by_after(
            _lower_words(masked[m.end() : m.end() + _CLAUSE_REACH])
        ):
            return True
    return False


#: a value or masked math span in a clause, with its sign ("$000$", "-1")
_MATH_TOKEN = re.compile(r"\$[^$\n]{0,400}+\$|-?\d++")


def _without_rejected_clauses(rest: str, part: str | None) -> str:
    """``rest`` (the words after an answer) without its clauses that rule out another value, each with the word or
    mark that opens it ("because 6 is too large", "; we discard -1", ", as 6 would exceed the limit"): a value
    rejected in its own clause is no rival candidate, and what remains is read as before."""
    masked = _mask_math(rest)
    if _REJECTABLE.search(masked) is None:
        return rest
    listed = _letter_list_spans(masked)  # "(A), (B) and (D) fail": one clause, its list not cut
    breaks = (m.start() for m in _CLAUSE_BREAK.finditer(masked))
    cuts = sorted({0, len(rest), *(b for b in breaks if not any(lo < b < hi for lo, hi in listed))})
    dropped: set[int] = set()
    for m in _REJECTABLE.finditer(masked):  # only the clauses that hold a value, each once
        k = bisect.bisect_right(cuts, m.start()) - 1
        if k in dropped or k + 1 >= len(cuts):
            continue
        lo, hi = cuts[k], cuts[k + 1]
        if _rejects_other_value(rest[lo:hi], masked[lo:hi], part):
            dropped.add(k)
        elif k + 2 < len(cuts) and not _RUN_WORD.search(_MATH_TOKEN.sub(" ", masked[lo:hi])):
            end = cuts[k + 2]  # "The other root, $x = -1$, does not satisfy …": an appositive value, its predicate
            if _rejects_other_value(rest[lo:end], masked[lo:end], part):
                dropped.update((k, k + 1))
    if not dropped:
        return rest
    kept = "".join(rest[lo:hi] for k, (lo, hi) in enumerate(zip(cuts, cuts[1:])) if k not in dropped)
    # the last clause dropped leaves no dangling mark: "is the smallest, because 6 fails" is "is the smallest"
    return kept.rstrip(" \t,;:\u2014") if len(cuts) - 2 in dropped else kept


def _letter_list_spans(masked: str) -> list[tuple[int, int]]:
    """The spans of coordinated lists of parenthesised choice letters in ``masked`` ("(A), (B) and (D)"), at most
    a few: the letters share the predicate after the list."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while len(spans) < 8 and (m := _PAREN_LETTER.search(masked, pos)) is not None:
        end = _LETTER_LIST.match(masked, m.end()).end()
        if end > m.end():
            spans.append((m.start(), end))
        pos = max(end, m.end())
    return spans


_PAREN_LETTER = re.compile(r"\([A-J]\)")


#: marks that close or endorse an answer: sentence punctuation, closing brackets, quotes, check marks and
#: end-of-proof tombstones (∎ □ ■)
_CLOSING_MARKS = frozenset(
    ".,;:!)]}\"'`*_~|\u2713\u2714\u2611\u2705\u220e\u25a1\u25a0\u25fb\u25fc\u25aa\u3002\uff0e\uff01"
)


def _dangling_mark(body: str) -> bool:
    """``body`` (what follows the answer in its sentence, with no words) holds a mark that is no closing one: a
    relation or operator sign left without its right side (≈ ≤ ≠ < >), a question or doubt sign (؟ ⍰ ‽) or another
    symbol: the answer is cut off or questioned."""
    return any(c not in _CLOSING_MARKS and _open_mark(c) for c in _HTML_TAG.sub("", body[:200])[:20])


def _open_mark(c: str) -> bool:
    """``c`` is a math or other symbol (no degree or per-mille sign, which are units) or a question mark (an
    interrobang too)."""
    category = unicodedata.category(c)
    if category in ("Sm", "So"):  # (U+FFFD stands for bytes that did not decode: nothing the writer put there)
        return c not in "\u00b0\u2030\u2031\ufffd"
    return category == "Po" and any(w in unicodedata.name(c, "") for w in ("QUESTION", "INTERROBANG"))


def _commenting_tail(tail: str) -> bool:
    """A value-free tail of the answer's sentence (a clause after a comma, an aside) that comments on the answer
    by its role (:func:`~rlvr.verifiers.trailing.comments_on_answer`: ", I reckon", "(low confidence)", ", at
    first glance"), rather than explaining or endorsing it."""
    masked = _mask_math(tail).replace("\u2019", "'")
    if _ANSWER_TOKEN.search(masked):
        return False
    return comments_on_answer([w.group(0).lower() for w in _RUN_WORD.finditer(masked)])


#: a pointer to the work above after the answer ("as verified above", ", as shown earlier", "as we computed before")
_AS_SHOWN = re.compile(
    r"(?i)[ \t,(]*+as[ \t]++(?:(?:already|was|we|i)[ \t]++)?+(?:verified|shown|computed|calculated|checked|derived"
    r"|found|confirmed|noted|explained|proved|proven|obtained)[ \t]++(?:above|earlier|before|previously)[ \t.!)]*+$"
)


#: the end of a text after its last sentence: spaces and sentence marks of any script
_TEXT_END = re.compile(r"[\s.!\u3002\u0964\u06d4\u1362]*+\Z")


def _tail_changes(rest: str, part: str | None = None, last: bool = False) -> bool:
    """The rest of a sentence after an answer changes what the answer says: a question mark, words that are
    not a benign explanation ("which …", "since …", "is the answer"), or a negation, hedge or condition in one;
    a rejected alternative ("5, not 6") and a predicate that restates it in any language (``last``: the sentence
    ends the text, so a count noun may go with the rest) change nothing."""
    from rlvr.verifiers.lexicon import DECIMAL_READING, cue_words, qualifies_value, restating_tail

    rest = _without_rejected_clauses(rest, part)
    masked = _mask_math(rest)
    body = masked.strip().rstrip(".!")
    if not body or not masked.strip(" \t,;:.!\u2014-"):
        return False
    if (low := _low_confidence(masked.lstrip(" \t,;:\u2014-"))) is not None:
        return low  # "\\boxed{5} (confidence: 0.5)", "\\boxed{5} (50% confident)": doubt at most 50%
    if _PARTIAL_ANSWER.search(masked) or _possible_fault(masked):
        return True  # "\\boxed{5} (we still need to add the 3)", "\\boxed{5}, this is half the answer"
    if qualifies_value(masked):
        return True  # "\\boxed{5} (+/- 1)", "\\boxed{5}, to a first approximation": a qualified value
    opening = _ASIDE_BREAK.match(masked)
    if opening is not None and opening.end() and _aside_clause(rest[opening.end() :], f"${part}$" if part else ""):
        return False  # "\\boxed{12}, twice the area of the smaller triangle", "\\boxed{5}, which matches our count"
    if (aside := _ASIDE.fullmatch(rest)) is not None and DECIMAL_READING.match(aside.group(1)):
        return False  # "\\boxed{5} (in base 10)": the reading every number has
    if _AS_SHOWN.match(masked):
        return False  # "\\boxed{24}, as verified above": a pointer to the work
    if (aside := _ASIDE.match(rest)) is not None and aside_changes(aside.group(1), part):
        return True  # "\\boxed{5} ($\\pm$)", "(×100)", "(for even $n$)", "($x_2 = -5$)": the aside changes it
    if "?" in masked or _FOOTNOTE.match(masked) or _doubting_symbol(masked) or _doubt_mark(masked):
        return True  # a question, a footnote mark (a caveat elsewhere), ❌ 🤔, ⁇, ;), :/, (×)
    rej = _REJECTED.match(masked)
    if rej is not None and _ANSWER_TOKEN.search(masked[rej.end() :]) and not _RUN_WORD.search(masked, rej.end()):
        return False
    if _explaining_tail(rest, part):
        return False  # "\\boxed{7} (by Fermat's little theorem)", "\\boxed{5} either way"
    if "\n" not in masked and restating_tail(_strip_delimiters(masked, "right"), nouns=last):
        return False  # "\\boxed{24} است", "\\boxed{24}'tür", "\\boxed{24} is the required number": restated
    words = [w.group(0) for w in _RUN_WORD.finditer(masked)]
    if not words and _dangling_mark(body):
        return True  # "\\boxed{5} ≈", "\\boxed{5} <", "\\boxed{5} ؟": a relation left open or a doubt sign
    if any(not w.isascii() for w in words):
        return True  # words in another script after the answer ("左右", "以上", "是错误的"): read with it
    benign = _BENIGN_TAIL.match(masked)
    if benign is not None:  # the words after the explanation's opening ("is the maximum" is no bound)
        if _AS_SHOWN.match(masked, benign.end()):
            return False  # "\\boxed{24} is the final answer, as verified above": a pointer to the work
        after = [w.group(0) for w in _RUN_WORD.finditer(masked, benign.end())]
        return cue_words(after) or disowning_appositive([w.lower() for w in after])  # "which is the upper end of …"
    return bool(words) or bool(_ANSWER_TOKEN.search(masked))


def _boxes(text: str) -> Extraction | None:
    """All boxes of ``text`` (``None`` when there is none), each read as the expression it is part of and
    with what touches it in its sentence."""
    got = _box_spans(text)
    if got is None or isinstance(got, Extraction):
        return got
    spans = got
    maths = _math_spans(text) if "$" in text or "\\(" in text or "\\[" in text else []
    parts: list[str] = []
    modes: list[str] = []
    seen: set[str] = set()
    mi = 0
    for k, (s, e, content) in enumerate(spans):
        while mi < len(maths) and maths[mi][3] <= s:
            mi += 1
        span = maths[mi] if mi < len(maths) and maths[mi][0] < s and e <= maths[mi][2] else None
        part, mode = _clean(_strip_boxes(content)), "math"
        lo, hi = s, e  # the answer's extent in the text
        if span is not None:
            before, after = text[span[1] : s], text[e : span[2]]
            if not _standalone(before) or after.strip().rstrip(".,;").strip():
                part = _clean(_strip_boxes(text[span[1] : span[2]]))  # the expression the box is part of
                lo, hi = span[0], span[3]
            elif not after.strip(" .,;"):
                hi = span[3]
        else:
            lo, hi = _touching(text, s, e)
            if (lo, hi) != (s, e):
                part = _clean(_strip_boxes(text[lo:hi]))
        left = right = ""
        if (note := _FOOTNOTE_SUPERSCRIPT.match(text, e)) is not None:  # "\boxed{5}^{[1]}": a note, not a power
            part, lo, hi = _clean(_strip_boxes(content)), min(lo, s), max(hi, note.end())
        if (before := _BOX_BEFORE.search(text, max(0, lo - 60), lo)) is not None and k == 0:
            left = text[before.start() : lo]
        dot = text.rfind(". ", max(0, lo - MAX_INLINE_ANSWER_CHARS), lo)
        while dot > 0 and _abbreviation(text, dot):  # "E.g. \boxed{5}": the sentence goes on
            dot = text.rfind(". ", max(0, lo - MAX_INLINE_ANSWER_CHARS), dot)
        sent_start = max(text.rfind("\n", 0, lo), dot, lo - MAX_INLINE_ANSWER_CHARS, -1)
        if not left and _hypothesis(text, sent_start + 1, lo) and not _PHRASE.search(text, sent_start + 1, lo):
            left = text[sent_start + 1 : lo]
        if not left and (h := _hypothesis(text, sent_start + 1, lo)) is not None:
            left = text[h.start() : lo]
        if not left or before is not None:  # "Hardly \boxed{5}", "Wrong answer: \boxed{5}", "the square of \boxed{5}";
            lead = _lead_changes(text[sent_start + 1 : lo])  # a phrase that holds a relation word: "somewhere
            left = lead if len(lead) > len(left) else left  # around \boxed{5}", "give or take \boxed{5}"
        if not left and _attempt_lead(text[sent_start + 1 : lo]):
            left = text[sent_start + 1 : lo]  # "In my scratch work I got \boxed{5}", "Before correcting …, I got"
        if k == len(spans) - 1:
            line_end = text.find("\n", hi)
            block = _new_block(text, hi, line_end, part)  # a paragraph, heading, list or table after the box
            if block or _ends_line(text, hi, line_end):  # the box ends its line and a sentence follows: the box's ends
                stmt_end = line_end
            else:
                stmt_end = _sentence_end(text, hi, hi + MAX_INLINE_ANSWER_CHARS)
                if text[stmt_end : stmt_end + 1] == "?":
                    stmt_end += 1
            rest = _settled_rest(_without_superseded(_without_affirmations(_HTML_TAG.sub(" ", text[hi:stmt_end]))))
            if "\n" in rest[: len(rest) - len(rest.lstrip())] and _rejected_candidate(rest.strip(" \t\n.!?"), [part]):
                rest = ""  # "\\boxed{5}\n\nCommon wrong answer: 6.": a line naming a rejected value adds nothing
            if (mark := _DOUBT_MARK_AFTER.match(text, hi)) is not None:  # "\boxed{5} ;)", "\boxed{5}\!\!\!/"
                right = text[hi : mark.end()]
            elif (
                _BOX_AFTER.match(text, hi)
                or _unit_after(text, hi)
                or _tail_changes(rest, part, _TEXT_END.match(text, stmt_end) is not None)
            ):
                right = rest
                if not left and not _BOX_AFTER.match(text, hi):
                    right = _phrase_after_box(part, rest)
                if retraction := _retraction_after(text, stmt_end, part):
                    right = (
                        f"{rest}; {retraction}"  # "答えは 12 です。合ってますか？", "12 manzanas. Pero la pregunta …"
                    )
            elif _hedged_after(text, hi, part, stmt_end if block else None):  # "(though $3$ is also possible)", "Or 3."
                right = rest + " " + _next_sentence(text, hi + len(rest))
            elif retraction := _retraction_after(text, stmt_end, part):  # "\boxed{23}\n\nJust kidding."
                right = f"{rest}; {retraction}"  # a sentence apart: never a unit or count noun of the value
        left, right = _strip_delimiters(left, "left"), _strip_delimiters(right, "right")
        if note is not None:  # read as the footnote mark it is, which no value carries
            right = f"\u2020 {right}".strip()
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


def _attempt_lead(lead: str) -> bool:
    """The words before an answer in its sentence place it in an earlier attempt ("My first computation gave",
    "Before correcting the sign, I got", "In my scratch work I got"): a word of
    :data:`~rlvr.verifiers.lexicon.ATTEMPT_TIME_WORDS` ("first" only after "my"/"our": "First, we get" sequences),
    after the last turn to the contrary ("I initially thought 21, but …, so the answer is" has turned from it)."""
    from rlvr.verifiers.lexicon import ATTEMPT_TIME_WORDS

    masked = _mask_math(lead)
    turn = _last(_TURN.finditer(masked))
    words = [w.lower() for w in _RUN_WORD.findall(masked, turn.end() if turn is not None else 0)]
    return any(
        w in ATTEMPT_TIME_WORDS and (w != "first" or k and words[k - 1] in ("my", "our")) for k, w in enumerate(words)
    )


def _phrase_after_box(part: str, rest: str) -> str:
    """The words after a box read like the words after a value in prose: its unit or count noun stay with it,
    a descriptor after a boundary word goes ("\\boxed{18} dollars every day at the market" is 18 dollars). The
    rest is kept whole when it holds a cue word, another value or LaTeX (:func:`_isolate_value`)."""
    from rlvr.verifiers.lexicon import ATTEMPT_TIME_WORDS, FOREIGN_PAST_COPULAS, cue_words, qualifies_value, unit_name

    tail = _strip_delimiters(rest, "right")
    if qualifies_value(_mask_math(tail)):
        return rest  # "\\boxed{5}, to a rough approximation", "\\boxed{5} (+/- 1)": a qualified value
    because = _BECAUSE_CLAUSE.search(tail)
    reason = tail[because.start() :].lstrip(" \t,") if because is not None else ""
    offers = _framed(reason) and _offered_candidates(reason, [part], clause=True)  # ", since 6 is equally valid"
    if reason and not (_hedgy(reason) or _doubting(reason) or offers):
        rest = tail = tail[: because.start()].rstrip()  # "\\boxed{24} square units, since the legs are 6 and 8"
    restated = _RESTATED_SCALED.search(tail)
    if restated is not None and _scaled_to(restated.group(1), restated.group(2), part):
        rest = tail = tail[: restated.start()].rstrip()  # "\boxed{24} apples, which is 2 dozen": the same value
    aside = tail.rfind("(")
    if aside > 0 and _explaining_tail(tail[aside - 1 :], part):
        rest = tail = tail[:aside].rstrip()  # "\\boxed{7} ways (using the formula above)": the aside explains
    if not tail or "?" in tail or cue_words([w.group(0) for w in _RUN_WORD.finditer(_mask_math(tail))]):
        return rest  # (a question mark: "… ways to seat the guests?" asks)
    if _retracting_next(tail, 0)[0]:
        return rest  # "\boxed{5}\n\nWho knows.": a doubt by its form, never a descriptor
    words = [w.lower() for w in _RUN_WORD.findall(_mask_math(tail))]
    past = len(words) > 1 and words[0] in ("was", "were") and not words[1].endswith("ed")  # not "was verified"
    past = past or len(words) > 1 and words[0] in FOREIGN_PAST_COPULAS  # "\\boxed{7} war mein erstes Ergebnis"
    if past or ATTEMPT_TIME_WORDS.intersection(words) or disowning_appositive(words):
        return rest  # "\\boxed{5} was my earlier result", "… on the first try", ", which is the upper end of the range"
    head = f"${part}$"
    cut = _isolate_value(f"{head} {tail}")
    if not cut.startswith(head) or len(cut) >= len(head) + 1 + len(tail):
        return rest
    kept = cut[len(head) :]
    dropped = tail[max(len(kept) - 1, 0) :].split()
    if dropped and (unit_name(dropped[0]) is not None or dropped[0].rstrip(".") == "in"):
        return rest  # "\\boxed{2} in": the unit is the cut word (inches), kept
    rate = _RATE_AFTER.match(tail, max(len(kept) - 1, 0))
    if rate is not None and unit_name(rate.group(1)) is not None:  # "dollars per day", "every week": a rate stays
        kept = tail[: rate.end()]
    return kept


#: a closing clause that restates the value before it with a multiplier word (", which is 2 dozen", ", i.e. 3
#: hundred"): the same value when the scaled number equals it
_RESTATED_SCALED = re.compile(
    r"(?i)[ \t]*+,[ \t]*+(?:which[ \t]++(?:is|makes)|that[ \t]++is|i\.?e\.?)[ \t,]*+(-?\d{1,40}+(?:\.\d{1,40}+)?+)"
    r"[ \t]++([A-Za-z]++)[ \t.!]*+$"
)
#: a clause after a comma that gives the reason for the value before it (", since …", ", because …")
_BECAUSE_CLAUSE = re.compile(r"(?i)[ \t]*+,[ \t]*+(?:since|because)\b")
#: a rate after a value's unit: "per day", "every week", "each hour", "a month"
_RATE_AFTER = re.compile(r"[ \t]*+(?:per|every|each|a|an)[ \t]++([A-Za-z]++)")


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
    if text[m.end() : m.end() + 1].isalpha():
        words = words[:-1]  # "\\boxed{17} học sinh": the last word goes on in letters outside ASCII, no unit "h"
    for k in (3, 2, 1):
        if len(words) >= k and unit_name(" ".join(words[:k])) is not None:
            if len(" ".join(words[:k])) > 1 or len(words) == 1 and re.fullmatch(r"[A-Za-z][ \t.]*", m.group(1)):
                return m  # a one-letter unit only when it ends the sentence: "\\boxed{2} s", "\\boxed{2} m."
    return None


_HEDGE_WORDS = re.compile(
    r"(?i)\b(?:or|also|alternatively|possibly|maybe|perhaps|might|could|though|although|otherwise|either|unless)\b"
)


def _hedgy(s: str) -> bool:
    """``s`` offers another candidate: a hedge word ("or", "might", "also", …) and math or a number."""
    return bool(_HEDGE_WORDS.search(_mask_math(s)) and _ANSWER_TOKEN.search(s))


def _next_sentence(text: str, end: int) -> str:
    """The sentence after ``text[end]``, past the stops and spaces that end the one before (also the full-width
    stops of Chinese and Japanese: "答えは 12 です。合ってますか？")."""
    nxt = text[end : end + MAX_INLINE_ANSWER_CHARS].lstrip(" \t.!?\n\u3002\uff01\uff1f")
    return nxt[: _sentence_end(nxt, 0, MAX_INLINE_ANSWER_CHARS)]


def _hedged_after(text: str, e: int, part: str | None = None, end: int | None = None) -> bool:
    """The rest of the last box's sentence, or the next sentence, offers another candidate (unless it asks about
    one and the answer is no: "Could it be 22? No."). After a plain-number ``part`` the next sentence offers one
    only by :func:`_offered_candidates`, its numbers in words read as digits ("It could also be 3.", "Six is also
    possible."; not "We could also solve it in 2 ways."). ``end``: where the box's sentence ends, when known."""
    end = _sentence_end(text, e, e + MAX_INLINE_ANSWER_CHARS) if end is None else end
    nxt = _next_sentence(text, end)
    if part is not None and any(_rejected_candidate(x.strip(" \t\n.!?"), [part]) for x in (text[e:end], nxt)):
        return False  # "\\boxed{5}\n\nOne might think it is 6, but that double-counts."
    heading = text[e:end].strip()
    if part is not None and heading and _HEADING.match(heading) and _recap_item(nxt.strip()):
        return False  # "\\boxed{18}\n\n**Key steps:**\n- Eggs remaining: 9": a list under a heading recaps the work
    if part is not None and _agreeing_check(nxt.strip(" \t\n.!?"), {_key(part)}, text, text.find(nxt, end) + len(nxt)):
        return False  # "\\boxed{24}\n\nVerification: if she had 24 and gave away 8, she'd have 16 left."
    if _hedgy(text[e:end]):
        return True
    if part is not None and _PLAIN_NUMBER.fullmatch(part.strip()):
        sentence = nxt.strip(" \t\n.!?")
        in_digits = _spelled_out(sentence) or sentence  # "Six is also possible.": a value in words offered too
        offered = bool(_offered_candidates(in_digits, [part.strip()]))
    else:
        offered = _hedgy(nxt)
    return offered and not _answered_no(text, end, nxt)


def _answered_no(text: str, start: int, question: str) -> bool:
    """``question`` (a sentence of ``text`` found after ``text[start]``) ends in ``?`` and the sentence after it is a
    bare negation ("Could it be 22? No.", "Or 22? Nope, it isn't."): the candidate it asks about is rejected."""
    q_end = text.find(question, start) + len(question) if question else -1
    if q_end <= 0 or text[q_end : q_end + 1] not in ("?", "\uff1f"):
        return False
    reply = _next_sentence(text, q_end + 1)
    masked = _mask_math(_without_rejected_clauses(reply, None))  # "Is it 6? No, 6 is too big.": rejected
    words = [w.group(0).lower().replace("\u2019", "'") for w in _RUN_WORD.finditer(masked)]
    bare = words[1:] and all(w in _NEGATION_TAIL or w in _REJECTING for w in words[1:]) or len(words) == 1
    if _WEAKENING.intersection(words[1:3]):
        return False  # "Could it be 6? Not necessarily.": denies that it must be, so 6 stays open
    return bool(words) and words[0] in _NEGATION_LEAD and bool(bare) and not _ANSWER_TOKEN.search(masked)


#: the negation that answers a question: "no" and its kin, alone before the rest of the reply
_REPLY_NO = re.compile(r"(?i)[ \t*_]*+(?:no|nope|nah)\b[ \t]*+(?:[,.!:;\u2014\u2013-][ \t]*+)?+")


def _fault_question(question: str) -> bool:
    """``question`` asks whether the work has a fault ("Did I make an error?", "Is this wrong?"; not "Is there no
    mistake?"): a "yes" to it admits the fault, a "no" denies it."""
    words = _lower_words(_mask_math(question))
    return any(w in _ERROR_WORDS for w in words) and not negated(words + ["x"], len(words), _NEGATORS)


def _denies_fault(text: str, start: int, reply: str, keys: set[str]) -> bool:
    """``reply`` (a sentence of ``text`` found after ``text[start]``) answers "no" to a question just before it
    about a fault in the work ("Did I make an error? No.", "Wait, I made a mistake? No — it should be 24.") and
    states no value but the answer's (``keys``): the fault is denied, the answer confirmed, not corrected."""
    at = text.find(reply, start)
    no = _REPLY_NO.match(reply)
    if at <= 0 or no is None:
        return False
    before = text[:at].rstrip(" \t\n")
    if not before.endswith(("?", "\uff1f")):
        return False
    q_start = max(before.rfind(". ", 0, len(before) - 1), before.rfind("\n", 0, len(before) - 1), -1) + 1
    if not _fault_question(before[q_start:]):
        return False
    rest = reply[no.end() :]
    values = re.findall(r"(?<![\w.])-?\d{1,40}+(?:\.\d{1,40}+)?+", rest.replace("$", " "))
    return all(_key(v) in keys for v in values) and not _ADDING.search(rest)


#: adverbs of necessity, frequency and certainty that a "not" before them turns from a denial into an opening
#: ("Not necessarily.", "Not always.", "No, not for sure.", "Not entirely."); "Not quite." and "Not really." deny
_WEAKENING = frozenset("necessarily always certainly definitely surely entirely completely sure certain".split())


#: words that may follow the "no" that rejects an asked-about candidate ("No, it isn't.", "No, it can't be.")
_REJECTING = frozenset("isn't is not can't cannot be it's way does doesn't".split())


def _strip_boxes(s: str) -> str:
    if "\\boxed" not in s and "box" not in s:
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
        got = _phrase_statement(text, m.end(), m.start())
        if got is not None:
            return got
    return None


_PHRASE_GAP = re.compile(r"[ \t:*#=\n}|\u2014]{0,200}+")  # "}": a LaTeX label, "\\textbf{Answer:} 5"


def _bar_opens_value(text: str, i: int, j: int) -> int:
    """Where the answer after an answer phrase starts, given the gap ``text[i:j]`` skipped before it: a bar in the
    gap is a table cell's edge only on a line that holds a table ("| Answer | 12 |"); elsewhere it opens an
    absolute value ("The answer is |-5|." is 5), which stays with the answer."""
    bar = text.find("|", i, j)
    if bar < 0 or "|" in text[text.rfind("\n", 0, i) + 1 : i]:
        return j
    return bar


def _labels_box(lead: str) -> bool:
    """The text between an answer phrase and a box opens a math span and ends in ``=``: it names what the box
    states (``$f(3) = \\boxed{8}$``, ``$x + 7 = \\boxed{8}$``) and states no value of its own."""
    lead = lead.rstrip()
    opened = max(lead.rfind("$"), lead.rfind("\\("))
    return lead.endswith("=") and opened >= 0 and "=" not in lead[opened:-1]


def _phrase_statement(text: str, i: int, start: int | None = None) -> Extraction | None:
    n = len(text)
    if start is not None:  # "Suppose the answer is 5.", "Could the answer be 5?": not a commitment
        sent_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - MAX_INLINE_ANSWER_CHARS, -1)
        h = _hypothesis(text, sent_start + 1, start) or _counterfactual(text, sent_start + 1, i)
        masked = _mask_math(text[sent_start + 1 : start])
        frame = _unturned_frame(masked)  # "If I had to guess, the answer is 5"
        lo = h.start() if h is not None else sent_start + 1 + frame.start() if frame is not None else None
        if lo is None and (relaxed := _relaxed(masked)) is not None:
            lo = sent_start + 1 + relaxed  # "If we ignore the constraint, the answer is 5"
        if lo is None and (fronted := _fronted_hedge(text, sent_start + 1, start)) is not None:
            lo = fronted.start()  # "Probably, the answer is 5"
        if lo is None and (unasserted := _unasserted(masked)) is not None:
            lo = sent_start + 1 + unasserted.start()  # "To the best of my knowledge, the answer is 5"
        if lo is not None:
            end = _sentence_end(text, i, i + MAX_INLINE_ANSWER_CHARS)
            return _found([text[lo : end + 1].strip()], "answer_phrase", "text")
    m = _PHRASE_GAP.match(text, i)  # "**Answer:** 5", a heading and the answer lines below it
    j = _bar_opens_value(text, i, m.end()) if m else i
    if j >= n or (m and m.group(0).count("\n") > 3) or (m and len(m.group(0)) >= 200):
        return None
    end = _sentence_end(text, j, j + MAX_STATEMENT_CHARS)
    if end == j + MAX_STATEMENT_CHARS:
        return None  # no end within the cap: a statement cut to fit could be another value
    stmt = _without_affirmations(text[j:end])  # "Answer: 24 (no doubt).", "La réponse est 24, sans aucun doute."
    if _restated_phrase(stmt):
        return None  # "Final Answer: The final answer is C.": the inner phrase states the answer
    if _affirmed(stmt):
        return None  # "The answer is correct.", "La respuesta es correcta.": it endorses an answer, states none
    if j > i and text[j - 1] == "*" and text[j - 2 : j] != "**" and stmt.rstrip().endswith("*"):
        if not stmt.rstrip().endswith("**"):
            stmt = stmt.rstrip()[:-1]  # "The answer is *5*.": Markdown italics, not a footnote mark
    if text[end : end + 1] in ("?", "\uff1f") or _turkish_question(text[start or 0 : i], stmt):
        return _found([stmt.strip() + "?"], "answer_phrase", "text")  # a question is not an answer ("Cevap 5 mü.")
    if start is not None and _label_disowns(text, start):  # "Tentative answer: 5", "Wrong answer: 5"
        return _found([text[max(0, start - 40) : end].strip()], "answer_phrase", "text")
    if "*" not in text[text.rfind("\n", 0, i) + 1 : j] and _footnoted(stmt):
        return _found([stmt.strip() + " (note)"], "answer_phrase", "text")  # "5**", "5 (†)", "5 [1]": a caveat
    retraction = _retraction_after(text, end, stmt)
    if retraction:  # "The answer is 5. But I'm not sure."
        return _found([f"{stmt.strip()}; {retraction}"], "answer_phrase", "text")
    nxt = _next_sentence(text, end)
    if (_HEDGE_START.match(nxt) or _hedgy(nxt)) and not _answered_no(text, end, nxt):  # "… Or 3.", "… could be 3."
        stmt = stmt + " " + nxt
    if re.match(r"[A-Za-z]{2,}", _LEAD.sub("", stmt.strip())) and _ANSWER_TOKEN.search(stmt):
        from rlvr.verifiers.structure import calendar_date

        if calendar_date(stmt) is not None:
            return _found([stmt.strip()], "answer_phrase", "text")  # "The answer is March 15.": a date, whole
        got = _statement_of_sentence(stmt, anchored=True)  # "Final Answer: The largest $n$ is 34."
        return Extraction(got.answer, "answer_phrase", got.parts, got.mode) if got is not None else None
    if (value := _restated_value(stmt, _TEXT_END.match(text, end) is not None)) is not None:
        return _found([value], "answer_phrase", "math")  # "Ответ: 24 — искомое число.", "Final answer: 24 টি"
    return _statement(stmt, "answer_phrase")


#: words that affirm an answer stated elsewhere ("The answer is correct.", "The result is verified.")
_AFFIRMATION_WORDS = frozenset("correct right verified confirmed valid true accurate exact".split())


def _affirmed(stmt: str) -> bool:
    """``stmt`` (what follows an answer phrase) only affirms an answer stated elsewhere: no value, and words of
    :data:`_AFFIRMATION_WORDS` or :data:`~rlvr.verifiers.lexicon.FOREIGN_AFFIRMATIONS` with at most adverbs of
    :data:`_AFFIRMING_ADVERBS` or "indeed", "also", "thus", "therefore" ("The answer is indeed correct.")."""
    from rlvr.verifiers.lexicon import FOREIGN_AFFIRMATIONS

    if _ANSWER_TOKEN.search(stmt):
        return False
    words = _lower_words(stmt)
    said = [w for w in words if w not in _AFFIRMING_ADVERBS and w not in ("indeed", "also", "thus", "therefore")]
    return bool(said) and all(w in _AFFIRMATION_WORDS or w in FOREIGN_AFFIRMATIONS for w in said)


#: the words that may open a statement before an answer phrase of its own ("Answer: The final answer is C")
_PHRASE_OPENERS = frozenset("the my our so thus hence therefore".split())


def _restated_phrase(stmt: str) -> bool:
    """The statement after an answer phrase opens with another answer phrase (after at most two opening words):
    the inner phrase is the one that states the answer, read on its own."""
    inner = _PHRASE.search(stmt, 0, 60)
    if inner is None:
        return False
    words = stmt[: inner.start()].replace(",", " ").split()
    return len(words) <= 2 and all(w.lower().strip("*_") in _PHRASE_OPENERS for w in words)


def _label_disowns(text: str, start: int) -> bool:
    """The words right before an answer phrase (at most four, in its line) say it is not the answer: "Wrong
    answer:", "Tentative answer:", "Old answer:", "Not the answer:"."""
    from rlvr.verifiers.lexicon import ATTRIBUTION_CUES, LABEL_CUES, LABEL_FORM_CUES, NEGATION_CUES

    line = text[max(0, start - 80) : start]
    cut = max(line.rfind(c) for c in "\n.?!:,;")
    words = [w.group(0).lower() for w in _RUN_WORD.finditer(_mask_math(line[cut + 1 :]))][-4:]
    if cut >= 0 and line[cut] == ":" and set(words) <= {"the", "my", "our", "final", "correct"}:
        label = line[max(line.rfind(c, 0, cut) for c in "\n.?!:;") + 1 : cut]  # "Best guess: the answer is 5"
        words = [w.group(0).lower() for w in _RUN_WORD.finditer(_mask_math(label))][-4:]
        if words in (["no"], ["yes"]):
            return False  # "No: the answer is 1": an answer
    form = _PHRASE.match(text, start)
    label = form is not None and form.group(0).rstrip()[-1:] in ":=|-"  # "Possible answer:", not "possible answer is"
    return (
        any(
            w in LABEL_CUES
            or w in NEGATION_CUES
            or w in ATTRIBUTION_CUES
            or w.endswith("n't")
            or (label and w in LABEL_FORM_CUES)
            for w in words
        )
        or label
        and _qualified_label(line)
    )


#: words that may stand right before "answer" in an answer's label and leave it the writer's final answer
#: ("Final answer:", "My answer:", "Short answer:", "Numerical answer:")
_PLAIN_LABEL_WORDS = frozenset(
    """the my our final correct short full complete true right exact verified confirmed checked official overall
    total numerical numeric simplified boxed ultimate actual definitive concise brief unique formal clean
    so thus hence therefore then and here your this revised corrected updated amended new fixed""".split()
)
_LABEL_WORD_BEFORE = re.compile(r"([^\W\d_][\w'\u2019]*+)[ \t*_]*+$")


def _qualified_label(line: str) -> bool:
    """An answer's label (``line`` ends right before its "answer") qualifies it by the word right before
    "answer": any word but a plain one (:data:`_PLAIN_LABEL_WORDS`) makes it another kind of answer, a
    provisional, expected or partial one or another party's ("Working answer:", "Expected answer:",
    "Incomplete answer:", "Reference answer:", "Student's answer:")."""
    m = _LABEL_WORD_BEFORE.search(line[-60:])
    if m is None:
        return False
    word = m.group(1).lower().replace("\u2019", "'")
    return len(word) >= 3 and word not in _PLAIN_LABEL_WORDS and word not in _FOREIGN_PLAIN_LABEL_WORDS


def _foreign_plain_label_words() -> frozenset[str]:
    """The plain label adjectives of other languages (the lexicon's ``FOREIGN_PLAIN_LABEL_WORDS``)."""
    from rlvr.verifiers.lexicon import FOREIGN_PLAIN_LABEL_WORDS

    return frozenset(w for words in FOREIGN_PLAIN_LABEL_WORDS.values() for w in words.split())


_FOREIGN_PLAIN_LABEL_WORDS = _foreign_plain_label_words()


#: an article and one to three adjectives of emphasis or size before a value, which they leave as it is ("a mere
#: 5", "a whopping 12", "a nice round 100"); an estimate ("a rough 5", "an estimated 5") keeps its words
_EMPHATIC_ARTICLE = re.compile(
    r"(?i)[ \t*_]*+an?[ \t]++(?:(?:mere|whopping|nice|round|grand|solid|healthy|respectable|modest|staggering"
    r"|neat|cool|hefty|measly|paltry|tidy|clean|impressive|remarkable|surprising|perfect|lovely)[ \t,]++){1,3}+"
    r"(?=[-\d$\\*_])"
)


#: an operation on values (not a bare "="): what an aside of work holds ("3² + 4² = 25", "9 × 2")
_OPERATION = re.compile(
    r"[+*/^\u00d7\u00f7\u00b7\u2212\u00b2\u00b3]|\d[ \t]*+-[ \t]*+\d|\\(?:times|cdot|div|frac|dfrac)(?![A-Za-z])"
)
#: a relation to another value, with the direction before it ("up from 80", "down from $18,000", "out of 6")
_RELATION = re.compile(
    r"(?i)(?:\b(?:up|down)[ \t]++)?+"
    + "(?:"
    + r"\b(?:of|in|to|by|through|thru|from|per|into|over|than|vs|versus)[ \t]++(?:a[ \t]++|an[ \t]++)?+(?=\d|\$)"
    + ")"
)
#: an appositive noun after "the" that the cue lexicons read as a bound elsewhere ("the minimum of the parabola")
_NAMING_NOUNS = frozenset("minimum maximum least greatest largest smallest".split())


def _plain_cue_words(masked: str) -> bool:
    """:func:`~rlvr.verifiers.lexicon.cue_words` of an aside, without the words that only relate or point: a
    relation to another value ("up from 80", "over 3 s"), a pointer with no value ("see above"), a naming noun after
    "the" ("the minimum of the parabola")."""
    from rlvr.verifiers.lexicon import cue_words

    words = _lower_words(_RELATION.sub(" ", masked))
    pointer = not _ANSWER_TOKEN.search(masked)
    kept = [
        w
        for k, w in enumerate(words)
        if not (pointer and w in ("above", "below")) and not (k and words[k - 1] == "the" and w in _NAMING_NOUNS)
    ]
    return cue_words(kept)


#: a parenthesis closing a statement (one level of nested parentheses inside), or square brackets ("18 [9 × 2 =
#: 18]", as GSM8K-style working is set off), with the sentence's end after it
_CLOSING_ASIDE = re.compile(
    r"[ \t]*+(?:\(([^()\n]{1,200}+(?:\([^()\n]{0,50}+\)[^()\n]{0,100}+)?+)\)|(?<!\\)\[([^\[\]\n]{1,200}+)\])[ \t.!]*+$"
)
#: words in an aside that make its values rival readings of the answer ("(or 6)", "(6 in the other convention)")
_ALTERNATIVE_WORDS = frozenset(
    """or alternatively another other alternative else also too either maybe perhaps possibly probably likely
    might could may say says reading interpretation convention otherwise instead rather actually correction
    corrected revised update updated should read list lists""".split()
)


#: words that only restate what follows them ("that is, 15", "i.e. 15", "namely 15"): no prose of an aside
_RESTATING = frozenset("that is ie eg namely viz equivalently so".split())


def _aside_words(inner: str) -> list[str] | None:
    """The ordinary words of a parenthetical aside after an answer, or ``None`` when it is no aside: a question,
    a hedge, a cue word, an alternative ("or", "another", "instead"), words in another script, or no word of
    two letters or more that is not a unit or number word ("(6)", "(six)", "(6 cm)", "(x = 6)")."""
    from rlvr.verifiers.lexicon import unit_name

    masked = _mask_math(inner)
    words = _lower_words(masked)
    if "?" in masked or _hedgy(inner) or _plain_cue_words(masked) or any(not w.isascii() for w in words):
        return None
    if _ALTERNATIVE_WORDS.intersection(words) or _CHOICE_IN_PROSE.search(masked) or _doubt_mark(inner):
        return None
    if _spelled_out(inner) is not None:
        return None  # "(that is, fifteen)": a value in words, read with the answer
    if _commenting_tail(inner):
        return None  # "(WIP)", "(IIRC)", "(pending)": a qualifier of the answer, not an explanation
    prose = [w for w in words if len(w) > 1 and unit_name(w) is None and w not in _RESTATING]
    if not prose and _OPERATION.search(masked) is not None:
        return ["="]  # "(3² + 4² = 25)": the work that gives the value, not another value
    return prose or None


def _without_closing_aside(s: str) -> str:
    """``s`` without a parenthetical aside that closes it after its answer: a phrase or clause in parentheses that
    explains, derives or sets the value beside another quantity ("(9 eggs × $2)", "(1 favorable outcome out of
    6)", "(the median is 84)", "(pipe A alone would take 10)") is no part of the answer and offers no candidate;
    an aside that is a value, hedges, asks or offers an alternative stays (:func:`_aside_words`)."""
    if not s.rstrip(" \t.!").endswith((")", "]")):
        return s
    aside = _CLOSING_ASIDE.search(s)
    if aside is None or not _ANSWER_TOKEN.search(_mask_math(s[: aside.start()])):
        return s
    if _aside_words(aside.group(1) if aside.group(1) is not None else aside.group(2)) is None:
        return s
    return s[: aside.start()].rstrip()


#: where a clause after the answer may open: a comma, a semicolon or a dash
_ASIDE_BREAK = re.compile(r"[ \t]*+(?:[,;]|\u2014|[ \t]--?+(?=[ \t]))[ \t]*+")
#: words that open an explanation of the value before them ("…, which has area 6", "…; that's 9 eggs at $2", "… —
#: indeed, 2·5 + 1 = 11")
_EXPLAIN_OPENERS = frozenset("because since as which where whereas namely that's i.e. this indeed".split())
#: words that open an appositive naming the value before them ("55, the 10th Fibonacci number", "12, twice …")
_APPOSITIVE_OPENERS = frozenset("the a an twice half thrice double triple".split())
#: words that open a phrase relating the value to others ("85, up from 80", "6 hours, compared with 10 for A")
_RELATION_OPENERS = frozenset("up down from compared after before with than versus vs".split())
#: words that open the condition of a hypothetical clause ("; in 3 hours it would cover 180 miles")
_CONDITION_OPENERS = frozenset("in with without over under for at on by after before".split())
#: a copula or relation that states a value in a clause ("the correct value is 6", "the median = 84")
_STATES_VALUE = re.compile(r"(?i)\b(?:is|are|was|were|equals?|be)\b|=")


def _hypothetical(words: list[str]) -> bool:
    """``words`` (lower case) are a clause about another situation, by its form: a condition (a preposition or a
    gerund) opens it and its verb is "would"/"will" with a subject other than the writer ("in 3 hours it would cover
    180 miles", "with order it would be 20", "double-counting would give 20"; not "I'd go with 6")."""
    modal = next((k for k, w in enumerate(words) if w in ("would", "will") or w.endswith("'d")), None)
    if modal is None or modal == 0 or any(w in ("i", "we", "i'd", "we'd", "i'll", "we'll") for w in words[: modal + 1]):
        return False
    return words[0] in _CONDITION_OPENERS or words[0].endswith("ing") and len(words[0]) > 4


#: a computation and its result, nothing else ("2·5 + 1 = 11", "3 \times 4 = 12"): worked, not offered
_WORKED_CHECK = re.compile(r"([^=\n]{1,80}+)=[ \t]*+-?\d[\d.,]{0,30}+")


def _worked_check(s: str) -> bool:
    """``s`` is a computation and its result only (:data:`_WORKED_CHECK` with an operation on the left)."""
    m = _WORKED_CHECK.fullmatch(s)
    return m is not None and _OPERATION.search(m.group(1)) is not None


def _aside_clause(tail: str, head: str) -> bool:
    """``tail``, the rest of a statement after a comma, semicolon or dash that follows its answer (``head``), only
    explains, names, relates or sets the answer beside another situation, so its values are no candidates: an
    explanation ("which has area 6", "that's 9 eggs at $2"), an appositive without a copula ("the 10th Fibonacci
    number", "twice that of the smaller triangle"), a relation ("up from 80", "45 minutes after the second train
    leaves"), a hypothetical clause (:func:`_hypothetical`) or a clause that rules out another value
    (:func:`_rejects_other_value`). Never one that asks, hedges, holds a cue word or an alternative ("or"), or
    is a bare value ("therefore 9", "i.e. 9")."""

    masked = _mask_math(tail)
    words = _lower_words(masked)
    if not words or "?" in masked or _hedgy(tail) or _doubt_mark(tail) or any(not w.isascii() for w in words):
        return False
    values = list(_REJECTABLE.finditer(_mask_math(head)))
    own = head[values[-1].start() : values[-1].end()] if values else None
    reduced = _without_rejected_clauses(tail, own)
    if reduced != tail:  # "; $n = 6$ fails", "because 6 is too large": the rest must hold no value or cue
        left = _mask_math(reduced)
        return (
            not _ANSWER_TOKEN.search(left)
            and not _plain_cue_words(left)
            and not _ALTERNATIVE_WORDS.intersection(_lower_words(left))
        )
    if _plain_cue_words(masked) or _ALTERNATIVE_WORDS.intersection(words) or disowning_appositive(words):
        return False  # "…, the upper end of the range", "…, which is the answer to the previous problem"
    if _hypothetical(words):
        return True
    first = words[0]
    opener = _RUN_WORD.search(masked)
    body = masked[opener.end() :] if opener is not None else masked
    if first in _EXPLAIN_OPENERS and _framed(masked):
        return False  # "since 6 is equally valid", "because 6 works as well": a candidate's frame
    if first in _EXPLAIN_OPENERS or first in _RELATION_OPENERS:
        if first == "indeed" and _worked_check(body.strip(" \t.!,")):
            return True  # "5 — indeed, 2·5 + 1 = 11": the check of the value, worked out
        verb = _RUN_WORD.match(body.lstrip())  # "which gives 6", "i.e. 9": another value, stated
        stated = body.lstrip()[verb.end() :] if verb is not None else body
        return not _bare_value(body.strip(" \t.!")) and not _bare_value(stated.strip(" \t.!"))
    if first in _APPOSITIVE_OPENERS:  # "the 10th Fibonacci number"; not "the correct value is 6"
        return _STATES_VALUE.search(masked) is None
    number = _PLAIN_NUMBER.match(masked.lstrip())  # "45 minutes after the second train leaves"
    if number is not None and len(words) > 2 and words[1] == "at":  # "9 eggs at $2 each": the factors of the value
        return words[2] not in ("most", "least", "best", "worst", "first", "last")
    return number is not None and len(words) > 2 and words[1] in ("after", "before", "than", "of", "from")


def _without_aside_clause(s: str) -> str:
    """``s`` without the clause after its first answer value that is an aside (:func:`_aside_clause`)."""
    masked = _mask_math(s)
    for b in _ASIDE_BREAK.finditer(masked):
        if not _ANSWER_TOKEN.search(masked, 0, b.start()):
            continue
        if _aside_clause(s[b.end() :], s[: b.start()]):
            return s[: b.start()].rstrip()
        break
    return s


#: a footnote mark that ends a statement right after its value: stars, a dagger or section sign, or one of them or
#: a note number in brackets ("5**", "5 (†)", "5 [1]"): a caveat elsewhere, so the statement is read whole
_NOTE_AFTER_VALUE = re.compile(
    r"(?<=[\w$}])[ \t]*+(?:\*{1,3}+|[\u2020\u2021\u00a7\u00b6]|\([ \t]*+(?:\*{1,3}+|[\u2020\u2021\u00a7\u00b6])[ \t]*+\)"
    r"|\[[ \t]*+\d{1,2}+[ \t]*+\])[ \t.]*+$"
)


def _footnoted(stmt: str) -> bool:
    """``stmt`` ends in a footnote mark after its value (:data:`_NOTE_AFTER_VALUE`) that closes no emphasis."""
    masked = _mask_math(stmt)
    note = _NOTE_AFTER_VALUE.search(masked)
    return note is not None and "*" not in masked[: note.start()]


#: a number in words, then the same number in digits in parentheses: "twenty-four (24)"
_WORDS_THEN_DIGITS = re.compile(r"[ \t*_]*+([A-Za-z][A-Za-z \t-]{0,80}+)\([ \t]*+(-?\d{1,15}+)[ \t]*+\)[ \t.!*_]*+")


def _words_then_digits(stmt: str) -> str | None:
    """The digits of a statement that names one number in words and then in digits ("twenty-four (24)"), when
    both name the same number; else ``None`` (the words may be another number or no number)."""
    from rlvr.verifiers.lexicon import number_words

    m = _WORDS_THEN_DIGITS.fullmatch(stmt) if len(stmt) < 120 else None
    if m is None:
        return None
    spelled = number_words(m.group(1).strip())
    return m.group(2) if spelled is not None and spelled == int(m.group(2)) else None


def _statement(stmt: str, method: str) -> Extraction | None:
    """A statement after a phrase or copula: clause cuts, fillers, then a math or prose answer. A cut-off
    clause that offers another candidate (", but it might be 3") is not cut; a statement whose value a qualifier
    follows (:func:`~rlvr.verifiers.lexicon.qualifies_value`) is read whole."""
    from rlvr.verifiers.lexicon import qualifies_value

    if (digits := _words_then_digits(stmt)) is not None:
        return _found([digits], method, "math")  # "twenty-four (24)": the number in both forms
    value = _VALUE_HEAD.match(stmt)
    if value is not None and qualifies_value(_mask_math(stmt[value.end() :])):
        return _found([stmt.strip()], method, "text")  # "5 (+/- 1)", "5 (for n > 2)": read whole
    aside = _ASIDE.match(stmt, value.end()) if value is not None else None
    if aside is not None and aside_changes(aside.group(1), value.group(1)):
        return _found([stmt.strip()], method, "text")  # "5 ($\\geq$)", "5 (×100)": the aside changes it
    if value is not None and _low_confidence(_mask_math(stmt[value.end() :]).lstrip(" \t,;:\u2014-")):
        return _found([stmt.strip()], method, "text")  # "5 (confidence: 0.5)", "5 (50% confident)": a doubt
    restated = _RESTATEMENT.fullmatch(stmt.strip())
    again = restated.group(2).rstrip(" \t.!\u3002") if restated is not None else ""
    if restated is not None and _bare_value(again):
        return _found([f"{restated.group(1)} (i.e. {again})"], method, "text")  # each must match
    stmt = _without_aside_clause(_without_closing_aside(_without_location(_corrected(stmt))))
    if (emphatic := _EMPHATIC_ARTICLE.match(stmt)) is not None:
        stmt = stmt[emphatic.end() :]  # "a mere 5", "a nice round 5": the article and its emphasis say 5
    if (rejected := _REJECTED_THEN.match(stmt)) is not None and (
        _ANSWER_TOKEN.search(stmt, rejected.end()) or _CHOICE_IN_PROSE.search(stmt, rejected.end())
    ):
        stmt = stmt[rejected.end() :]  # "not (A), so it's (B)": a rejected value, then the conclusion
    closing = _CLOSING_REMARK.search(_mask_math(stmt)) if len(stmt) <= MAX_STATEMENT_CHARS else None
    if closing is not None and _ANSWER_TOKEN.search(stmt, 0, closing.start()):
        stmt = stmt[: closing.start()]  # "23 (exactly)", "23 — verified"
    if value is not None and _explaining_tail(stmt[value.end() :], value.group(1)):
        stmt = value.group(0)  # "5 (by symmetry)", "18, either way": an explanation, not part of the answer
    elif value is not None and stmt[value.end() :].startswith(",") and _commenting_tail(stmt[value.end() :]):
        return _found([stmt.strip()], method, "text")  # "5, at first glance", "5, per the internet": read whole
    s = _cut_clause(stmt)
    cut = stmt[len(s) :]
    other_letter = _CHOICE_PART.fullmatch(s.strip(" .")) and _HEDGE_WORDS.search(cut) and _CHOICE_IN_PROSE.search(cut)
    yes_no = re.fullmatch(r"(?i)[ \t*_]*+(yes|no)[ \t*_.!]*+", s)
    qualified = yes_no is not None and _qualified_reply(yes_no.group(1), cut)  # "Yes, as long as n > 1"
    if (
        _hedgy(cut)
        or _doubting_clause(cut)
        or _doubting_words(cut)
        or _commenting_tail(cut)
        or other_letter
        or qualified
    ):
        s = stmt  # ", but it might be 3"; "B, though C is close": another choice letter
    rej = _REJECTED_IN.search(_mask_math(s))
    before = s[: rej.start()] if rej is not None else ""
    if rej is not None and (_ANSWER_TOKEN.search(before) or _bare_value(before)) and _bare_value(s[rej.end() :]):
        s = s[: rej.start()]  # "5 rather than 6": 5
    s = _ARTICLE_LETTER.sub("", _LEAD.sub("", s.strip()))  # "la B", "a B": the article of a letter
    s = _clean(_isolate_value(_clean(_unbold(s))))
    if not s or len(s) > MAX_STATEMENT_CHARS:
        return None
    return _found([s], method, _mode(s))


def _restatement_pattern() -> re.Pattern[str]:
    from rlvr.verifiers.lexicon import RESTATING_WORDS

    return re.compile(
        rf"[ \t*_]*+(-?\d{{1,40}}+(?:[.,]\d{{1,40}}+)?+|\$[^$\n]{{1,200}}+\$)[*_]*+[ \t]*+[,;]?+[ \t]*+"
        rf"(?i:or[ \t]*+,?+[ \t]*+)?+(?i:{RESTATING_WORDS})[ \t]*+[,:]?+[ \t]*+([^\n]{{1,200}}+)"
    )


#: a value restated after a restating word in any of the modelled languages ("$\frac12$, i.e., $0.5$", "$\frac12$,
#: es decir, $0{,}5$", "$\frac12$, soit $0{,}5$", "$24$ or, equivalently, $\frac{48}{2}$"): both values are the
#: answer, so both must match
_RESTATEMENT = _restatement_pattern()

#: an article before a lone choice letter, as Spanish, French, Italian, Portuguese and German name the option
#: ("la B", "a B", "die B")
_ARTICLE_LETTER = re.compile(r"(?i:la|el|le|l'|a|o|il|die|der|das|the)[ \t]++(?=\(?[A-J]\)?[ \t.]*+$)")

#: a statement's leading value: a plain number or a math span, maybe emphasised
_VALUE_HEAD = re.compile(r"[ \t*_]*+(-?\d{1,40}+(?:\.\d{1,40}+)?+|\$[^$\n]{1,200}+\$)[*_]*+")
#: a statement that rejects a value and concludes another in its next clause ("not (A), so it's (B)", "not 5;
#: therefore 6", "not 5, but rather 6"): the conclusion is the statement
_REJECTED_THEN = re.compile(
    r"(?i)[ \t*_]*+(?:not|never)[ \t]++[^,;\n]{1,40}+[,;][ \t]*+(?:so|thus|hence|therefore|but|instead)\b"
    r"[ \t,:]*+(?:rather[ \t]++)?+(?:(?:it|that|this)(?:'s|[ \t]++is)[ \t]++|the[ \t]++answer[ \t]++is[ \t]++)?+"
)
_REJECTED_IN = re.compile(
    r"(?i)(?:[ \t]*+[,;])?[ \t]++(?:and[ \t]+|but[ \t]+)?(?:not|rather[ \t]+than|instead[ \t]+of)[ \t]++"
)


def _doubting_clause(clause: str) -> bool:
    """A cut-off first-person clause that doubts the answer (", I'm not sure", ", I think", ", we guess")."""
    from rlvr.verifiers.lexicon import cue_words

    m = re.match(r"(?i)[ \t]*+[,;]?[ \t]*+(?:I|we)\b", clause)
    return m is not None and cue_words(re.findall(r"[A-Za-z']+", clause))


#: words of a clause after an answer that doubt or disown it (", not sure", ", but double-check")
_DOUBT_WORDS = frozenset(
    """unsure uncertain doubt doubtful probably maybe perhaps guess guessing hmm wait kidding joking sure check
    double-check verify confident""".split()
)


def _doubting_words(clause: str) -> bool:
    """A clause without a value of its own that negates or doubts the answer before it (", not sure", ", but
    double-check"); a rejected alternative (", not 6") is a value and is read by its own rule."""
    from rlvr.verifiers.lexicon import NEGATION_CUES

    masked = _mask_math(clause).replace("\u2019", "'")
    if not masked.strip() or _ANSWER_TOKEN.search(masked):
        return False
    words = [w.group(0).lower() for w in _RUN_WORD.finditer(masked)]
    for i, w in enumerate(words):
        if w in ("no", "not") and i + 1 < len(words) and words[i + 1] in ("other", "another", "more", "further"):
            continue
        if w.endswith("n't") or w in _DOUBT_WORDS or (w in NEGATION_CUES and w not in ("except", "excluding")):
            return True
    return False


def _bare_value(s: str) -> bool:
    """``s`` is a value and nothing else (no prose words)."""
    masked = _mask_math(s).strip().rstrip(".")
    if re.fullmatch(r"\(?[A-J]\)?", masked):
        return True  # a choice letter: "C, not D"
    return bool(_ANSWER_TOKEN.search(masked)) and not re.search(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z]+", "", masked))


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
    if "$" not in s and "\\" not in s:
        return s
    out = list(s)
    i = 0
    while (m := _SPAN_OPENER.search(s, i)) is not None:
        i = m.start()
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
        j = find_from(s, closer, i + 2)
        return (i + 2, j, j + 2) if j >= 0 else None
    if c == "\\" and s.startswith("\\begin{", i):
        k = s.find("}", i, i + 48)  # an environment's name is short
        if k < 0:
            return None
        env = s[i + 7 : k]
        j = find_from(s, "\\end{" + env + "}", k)
        return (k + 1, j, j + len(env) + 6) if j >= 0 else None
    return None


def _sentence_end(text: str, i: int, limit: int, started: bool = False) -> int:
    """Where the sentence starting at ``text[i]`` ends: a period/!/? before a space or the end, or a
    newline once something was read (``started``: something was, before ``text[i]``), outside math spans; at
    most ``limit``."""
    n = min(len(text), limit)
    j = i
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
        elif c in "\u3002\uff01\uff1f\u0964\u0965\u1362":  # 。！？, the danda and the Ethiopic full stop end a sentence
            return j
        elif c in ".!?" and (j + 1 >= len(text) or text[j + 1] in " \t\n*)\"'") and not text.endswith("..", 0, j + 1):
            parenthesised = j > 0 and text[j - 1] == "(" and text.startswith(")", j + 1)  # "Answer (?): 5"
            if not (c == "." and (_abbreviation(text, j) or _option_mark(text, i, j))) and not parenthesised:
                return j
        elif not c.isspace():
            started = True
        j += 1
    return n


#: the value of an option after its letter and period, the rest of the line: "B. 12", "**B. $\\frac{1}{2}$**"
_OPTION_VALUE = re.compile(r"[ \t]++(?=[-\d$\\])([^\n]{1,60}+)(?:\n|$)")


def _option_mark(text: str, i: int, j: int) -> bool:
    """The period at ``text[j]`` closes an option's letter that opens the sentence at ``text[i]`` and is followed
    by the option's value alone on the rest of its line ("The answer is **B. 12**"), so it ends no sentence."""
    if text[i:j].strip(" \t*_") not in tuple("ABCDEFGHIJ"):
        return False
    m = _OPTION_VALUE.match(text, j + 1)
    return m is not None and not re.search(r"[A-Za-z]", _mask_math(m.group(1)))


#: what follows "No." when it abbreviates "number": a numeral, maybe in math or after "#"
_NUMBER_AFTER = re.compile(r"[ \t]*+[\d#$(\\]")


def _abbreviation(text: str, j: int) -> bool:
    k = j
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:j]
    if word == "No" and _NUMBER_AFTER.match(text, j + 1) is None:
        return False  # "No. The answer is 24.": the reply "No", not "No. 5" (number 5)
    return (
        word in _ABBREV
        or word.lower() in ("e.g", "i.e")
        or word.lower() == "ans"
        and text[k - 1 : k] == "("
        and text.startswith(")", j + 1)  # "24 (Ans.)": a mark
        or (len(word) == 1 and word.isalpha() and text[k - 1 : k] == ".")
        or word.lower() in _QUANTITY_ABBREVIATIONS
        and text[j + 1 : j + 3].lstrip(" ")[:1].islower()
    )


#: abbreviated multipliers and measure words of other languages, whose dot ends no sentence before a lower-case
#: word ("24 тыс. рублей", "5 Mio. Euro" is capitalised, "24 szt. jabłek")
_QUANTITY_ABBREVIATIONS = frozenset("тыс тис хил млн млрд руб коп шт tys tis mln mld szt ks stk tsd mio mrd".split())


# ---------------------------------------------------------------- the final statement (fallback)

#: words a sentence cannot end on: a fragment ending on one was cut off ("Then we multiply by")
_DANGLING = frozenset(
    """by the a an of to and or with for from into onto than we is are was were then that which our its their this
    these multiply divide add subtract times plus minus equals gives get""".split()
)
#: words that open a further step: a fragment opened by one announces work still to do ("Next, we need the price")
_SEQUENCERS = frozenset("next then now afterwards subsequently second secondly third thirdly".split())
_FINISHED = frozenset("done finished complete completed solved".split())


def _unfinished(text: str) -> bool:
    """The completion stops in the middle of its work: its last fragment (after the last sentence end or line
    break, without a closing mark of its own) holds no value and either ends on a word no sentence ends on
    ("… Then we multiply by") or opens a further step ("… Next, we need the price"). The values before it are
    steps, not an answer."""
    tail = text[-MAX_INLINE_ANSWER_CHARS:].rstrip()
    if not tail or not tail[-1].isalpha():
        return False
    cut = max(tail.rfind(c) for c in ".!?\n\u3002")
    fragment = tail[cut + 1 :]
    masked = _mask_math(fragment)
    if cut < 0 or _ANSWER_TOKEN.search(masked):
        return False
    words = [w.lower() for w in _RUN_WORD.findall(masked)]
    if len(words) < 2 or _FINISHED.intersection(words):
        return False
    return words[-1] in _DANGLING or words[0] in _SEQUENCERS


#: an answer noun as a question before the value, bare ("Answer? 5", "Final answer? 5", like "Answer?: 5") or with
#: doubled marks ("The answer?? 5"); "The answer? 5." with one mark is a rhetorical question answered
_ASKED_LABEL = re.compile(
    r"(?i)(?:^|(?<=[.!?\n]))[*_# \t]*+(?:(?:final[ \t]++)?+(?:answer|result|solution)[*_ \t]*+[?\uff1f]++"
    r"|(?:my|the|our)[ \t]++(?:final[ \t]++)?+(?:answer|result|solution)[*_ \t]*+[?\uff1f]{2,}+)[ \t]*+$"
)


def _final_statement(text: str) -> Extraction | None:
    """The final statement: the last sentence holding math or a digit, read with what follows it (a question
    mark, a retraction in the next sentence) and what precedes it (another lone value: a hedge); a last
    sentence that only explains an earlier value ("Explanation: 16 + 7 = 23.", "Because …") gives way to it."""
    if _unfinished(text):
        return None  # "Then 13 - 4 = 9. Then we multiply by": the work stops before its answer
    found = _last_sentences(text)
    if found is None:
        return None
    window, spans, k = found
    s, e = spans[k]
    confidence = _CONFIDENCE.match(window[s:e]) is not None
    if k > 0 and (confidence or _EXPLAINS.match(window[s:e].strip())):
        earlier = [i for i in range(k) if _ANSWER_TOKEN.search(window[spans[i][0] : spans[i][1]])]
        if earlier:
            k = earlier[-1]  # "24\nBecause 16 + 7 = 23.": the answer is 24, the rest explains it
            s, e = spans[k]
            confidence = False
    if confidence:
        return None  # "Confidence: 20%." after a doubted box: how sure the answer is, never the answer itself
    if k > 0 and (checked := _checked_statement(window, spans, k)) is not None:
        k = checked  # "Antwort: 24\n\nProbe: 24 · 2 = 48 ✓", "答案：24\n验算：24×2=48，正确。": the check agrees
        s, e = spans[k]
    sent = window[s:e].strip()
    if (asked := _ASKED_LABEL.search(window[max(0, s - 80) : s])) is not None:
        return _found([asked.group(0).strip() + " " + sent], "final_statement", "text")  # "Answer?? 5"
    if k > 0 and _RELATIVE_OPENING.match(sent):  # "22. Which is 23.": one sentence, "22, which is 23"
        sent = window[spans[k - 1][0] : spans[k - 1][1]].strip() + ", " + sent[0].lower() + sent[1:]
    if window[e : e + 1] in ("?", "\uff1f"):
        return _found([sent + "?"], "final_statement", "text")  # "23?", "Could it be 23?": a question
    recant = _RECANT.match(sent) if k > 0 else None
    if recant is not None and recant.end() < len(sent):  # "22? No wait, 23.": the "no" takes back 22
        sent = sent[recant.end() :].strip()
    if _rival_results(sent):
        return _found([sent], "final_statement", "text")  # "Method A gives 12 and method B gives 8.": no one answer
    sent = _COPULA_SUFFIX.sub("", sent)  # "Cavab 24-dür.", "az összeg 24-gyel egyenlő": they state 24
    got = (
        _modelled_language_statement(sent, last=k == len(spans) - 1)
        or _foreign_statement(sent)
        or _verb_final_statement(sent)
        or _statement_of_sentence(sent)
    )
    got = _with_premise(sent, got)
    nxt = _retraction_after(window, e, got.answer if got is not None else None)
    if nxt:
        return _found([f"{sent}; {nxt}"], "final_statement", "text")  # "23. Just kidding.", "23. Or is it?"
    if got is None or k == 0 or not _lone_value(sent):
        return got
    ps, pe = spans[k - 1]
    prev = window[ps:pe].strip()
    if _lone_value(prev) and window[pe : pe + 1] != "?":  # "22\n23", "1. 22\n2. 23": two final answers
        other = _statement_of_sentence(prev)
        if other is not None and other.answer is not None:
            parts, modes, keys = list(got.parts), [got.mode] * len(got.parts), {_key(p) for p in got.parts}
            _add_parts(other.parts, other.mode, parts, modes, keys)
            if len(parts) > len(got.parts):
                return _found([p if m == "text" else f"${p}$" for p, m in zip(parts, modes)], got.method, "text")
    return got


#: the English labels of a check line ("Check:", "Verification:", "Sanity check:", "Substituting back:")
_CHECK_LABELS = frozenset("check checking checks verification verify verifying sanity substituting plugging".split())


def _checked_statement(window: str, spans: list[tuple[int, int]], k: int) -> int | None:
    """The index of the sentence before ``spans[k]`` that holds a value, when sentence ``k`` is a labelled check
    that agrees with that value (:func:`_agreeing_check`, in any language: "Probe: 24 · 2 = 48 ✓", "Vérification :
    24 × 2 = 48", "验算：24×2=48，正确。"): the check confirms the answer before it, like "Check: …" after a box."""
    from rlvr.verifiers.lexicon import FOREIGN_STATUS_LABELS

    s, e = spans[k]
    sent = window[s:e].strip()
    label = _STATUS_LINE.match(sent)
    if label is None or not any(
        w in _CHECK_LABELS or w in FOREIGN_STATUS_LABELS for w in label.group(1).lower().split()
    ):
        return None  # "Result: 25 - 1 = 24" is a later result, no check
    earlier = [i for i in range(k) if _ANSWER_TOKEN.search(window[spans[i][0] : spans[i][1]])]
    if not earlier:
        return None
    prev = window[spans[earlier[-1]][0] : spans[earlier[-1]][1]].strip()
    got = _modelled_language_statement(prev, last=False) or _foreign_statement(prev) or _statement_of_sentence(prev)
    if got is None or got.answer is None:
        return None
    keys = {_key(p) for p in got.parts}
    return earlier[-1] if _agreeing_check(sent, keys, window, e) else None


#: a break between coordinated clauses: ", and", "; but", " whereas", " while"
_COORDINATED_BREAK = re.compile(
    r"(?i)(?<![ \t])(?:[ \t]*+[,;](?:[ \t]++(?:and|but)\b)?+[ \t]++|[ \t]++(?:and|but|whereas|while)[ \t]++)"
)
#: a clause that states a result: a short subject, a verb of result and a value, maybe with its unit ("method B
#: gives 8", "it is 8", "the other gives 8 apples")
_RESULT_CLAUSE = re.compile(
    r"(?i)[ \t]*+(?:so|thus|hence|then|therefore)?+[ \t,]*+((?:[A-Za-z0-9']++[ \t]++){0,3}?)"
    r"(?:is|was|gives|gave|yields|yielded|equals|makes|comes[ \t]++to)[ \t]++"
    r"(-?+\d{1,20}+(?:\.\d{1,20}+)?+|\$[^$\n]{1,80}+\$)(?:[ \t]++[A-Za-z]++){0,2}+[ \t.!]*+"
)
#: words of a subject that only label one of several results ("method A", "one reading", "the other")
_RESULT_LABELS = frozenset("one the a an other another first second third this that latter former".split())


#: a phrase that opens a clause with the method of its result ("Using the formula", "by counting", "Via symmetry")
_METHOD_PHRASE = re.compile(r"(?i)[ \t]*+(?:by|using|via|with|from|through|[a-z]{2,20}?ing)\b[^\d$\n]{0,60}+")


def _method_phrase(clause: str) -> bool:
    """``clause`` is a value-free phrase of method before a result clause ("Using the formula, it is 12")."""
    return _METHOD_PHRASE.fullmatch(clause) is not None


def _rival_results(sent: str) -> bool:
    """``sent`` states two different results in coordinated clauses of the same subject, up to a label ("Method A
    gives 12 and method B gives 8.", "One reading gives 12; the other gives 8.", "It is 12, and it is 8."): no
    single answer, whichever clause comes last. Clauses about different quantities ("The sum is 12 and the
    product is 8") are work."""
    pieces = [c for c in _COORDINATED_BREAK.split(sent[:MAX_STATEMENT_CHARS]) if not _method_phrase(c)]
    clauses = [_RESULT_CLAUSE.fullmatch(c) for c in pieces]
    if len(clauses) < 2 or any(c is None for c in clauses):
        return False
    subjects = [
        {w for w in c.group(1).lower().split() if w not in _RESULT_LABELS and not re.fullmatch(r"[a-z]|\d++", w)}
        for c in clauses
        if c is not None
    ]
    named = [x for x in subjects if x]
    same = all(x == named[0] for x in named)
    values = {re.sub(r"[\s$]", "", c.group(2)) for c in clauses if c is not None}
    return same and len(values) > 1


#: a sentence that opens with a relative pronoun continues the one before it ("22. Which is 23.")
_RELATIVE_OPENING = re.compile(r"(?i)^(?:which|that)[ \t]++(?:is|was|equals|gives|makes)\b")
#: a sentence opening that takes back the value before it ("No wait,", "Hmm, no.", "Oops, actually")
_RECANT = re.compile(
    r"(?i)^(?:(?:no|nope|wait|hmm+|oh|oops|sorry|actually|i[ \t]++mean|scratch[ \t]++that)\b[ \t]*+[,.!:;\u2014-]*+[ \t]*+"
    r"|(?:" + _foreign_correction_openers() + r")[ \t]*+[,!:;\u2014\uff0c\u3001\uff1a\uff01\u1363]++[ \t]*+)++"
)
_SCRIPT_WORD = re.compile(rf"{_LETTER}++")


#: answer phrases of languages whose answer sentence is modelled only in its plain form, "<answer> <copula>
#: <value>" or "<answer>: <value>": (the answer noun with its article, the copulas, whether the language writes a
#: decimal comma). Thai writes no spaces between words: its noun needs no word boundary after it. Dutch, Swedish, Danish, Norwegian, Finnish, Hungarian, Greek, Romanian, Czech, Slovak, Polish,
#: Uzbek, Swahili, Hebrew, Thai, Bengali, Ukrainian, Indonesian, Vietnamese.
_MODELLED_LANGUAGES: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    (r"(?:het[ \t]++)?antwoord", ("is",), True),
    (r"svaret|svar", ("\u00e4r", "er"), True),
    (r"vastaus", ("on",), True),
    (r"(?:a[ \t]++)?v\u00e1lasz", ("",), True),
    (r"(?:\u03b7[ \t]++)?\u03b1\u03c0\u03ac\u03bd\u03c4\u03b7\u03c3\u03b7", ("\u03b5\u03af\u03bd\u03b1\u03b9",), True),
    (r"r\u0103spunsul", ("este", "e"), True),
    (r"odpov\u011b\u010f|odpove\u010f", ("je",), True),
    (r"odpowied\u017a", ("to", "jest"), True),
    (r"javob", ("",), True),
    (r"jibu", ("ni",), False),
    (r"\u05d4\u05ea\u05e9\u05d5\u05d1\u05d4", ("\u05d4\u05d9\u05d0",), False),
    (r"\u0e04\u0e33\u0e15\u0e2d\u0e1a", ("\u0e04\u0e37\u0e2d",), False),
    (r"\u0989\u09a4\u09cd\u09a4\u09b0", ("\u09b9\u09b2", "\u09b9\u09b2\u09cb"), False),
    (r"\u0432\u0456\u0434\u043f\u043e\u0432\u0456\u0434\u044c", ("",), True),
    (r"jawabannya|jawaban", ("", "adalah", "ialah"), True),
    (r"\u0111\u00e1p[ \t]++(?:\u00e1n|s\u1ed1)|k\u1ebft[ \t]++qu\u1ea3", ("l\u00e0",), True),
)
#: the connective adverbs of conclusion ("so", "thus", "therefore", "hence") of the languages of
#: :data:`_MODELLED_LANGUAGES`, which stand between the answer noun and its value without weighing it ("Odpověď je
#: tedy 24", "Het antwoord is dus 24", "Svaret är alltså 24", "Vastaus on siis 24", "Η απάντηση είναι λοιπόν 24")
_MODELLED_CONNECTIVES = frozenset(
    """dus derhalve daarom alltså således därför altså derfor dermed siis siten täten tehát így ezért άρα επομένως
    λοιπόν deci așadar asadar tedy tudíž proto takže teda preto zatem więc czyli dlatego demak shuning hivyo basi
    לכן אפוא ดังนั้น তাই সুতরাং অতএব""".split()
)
_MODELLED_PHRASE = re.compile(
    r"(?i)^[*_ \t]*+(?:"
    + "|".join(f"(?P<l{k}>{noun})" for k, (noun, _, _) in enumerate(_MODELLED_LANGUAGES))
    + r")(?:(?<=[\u0e00-\u0e7f])|(?=\u0983)|(?![^\W\d_]))[*_ \t]*+(?P<colon>[:\u0983\u2014-]?+)[ \t]*+(?P<rest>.*+)$",
    re.DOTALL,
)


def _modelled_language_statement(sent: str, last: bool = False) -> Extraction | None:
    """A final sentence opened by the answer noun of a language in :data:`_MODELLED_LANGUAGES`: its value when
    nothing but a copula or a colon stands between the noun and the value (with a decimal comma read as the
    decimal mark where the language writes one: "Svaret \u00e4r 2,5" is 2.5), and words after the value that
    only restate it, its count noun among them when the sentence is the ``last`` ("Απάντηση: 24 μήλα.",
    "Odpowiedź: 24 kwiaty.", "উত্তর: 24টি আপেল"); otherwise the whole sentence, since a word the grader cannot
    classify may negate or doubt the value ("Svaret er ikke 5", "Vastaus on ehk\u00e4 5")."""
    from rlvr.verifiers.lexicon import CURRENCY_BEFORE, FOREIGN_SIGN_WORD_SET

    m = _MODELLED_PHRASE.match(sent)
    if m is None:
        return None
    lang = next(k for k in range(len(_MODELLED_LANGUAGES)) if m.group(f"l{k}") is not None)
    _, copulas, comma = _MODELLED_LANGUAGES[lang]
    rest = m.group("rest").rstrip(" \t\u0964\u0965")  # the danda ends a Bengali sentence
    token = _ANSWER_TOKEN.search(_mask_math(rest))
    if token is None:
        return None
    at = token.start()
    while at > 0 and rest[at - 1] in "-+\u2212":
        at -= 1  # "Відповідь: -5": the sign is the value's
    if (mark := CURRENCY_BEFORE.search(rest, max(0, at - 12), at)) is not None:
        at = mark.start()  # "Jawaban: Rp24.000": the currency is the value's
    words = [w.lower() for w in _SCRIPT_WORD.findall(_mask_math(rest[:at]))]
    signed = bool(words) and words[-1] in FOREIGN_SIGN_WORD_SET and rest[:at].rstrip()[-1:] not in ",;"
    words = words[:-1] if signed else words  # "התשובה היא מינוס 24", "Odpověď je mínus 24": a negative value
    colon = bool(m.group("colon")) or rest[:at].rstrip(" \t*_").endswith(":")
    if colon and all(w in _FOREIGN_PLAIN_LABEL_WORDS for w in words):
        words = []  # "התשובה הסופית: 24", "Răspunsul corect: 24", "Jibu la mwisho: 24": a plain label
    words = [w for w in words if w not in _MODELLED_CONNECTIVES]  # "Odpověď je tedy 24": "so" concludes, no cue
    plain = len(words) <= 1 and (" ".join(words) in copulas or not words and colon)
    if not plain:
        return _found([_clean(sent)], "final_statement", "text")
    value = _restated_value(rest[at:], last, latin_nouns=True)
    if not value and _qualified_after(rest[token.end() : token.end() + _RESTATING_WINDOW]):
        return _found([_clean(sent)], "final_statement", "text")  # "18 min of meer" (more or less): read whole
    got = _found([value], "final_statement", "math") if value else _statement(rest[at:], "final_statement")
    if got is not None and got.answer is not None and comma:
        got = Extraction(_decimal_comma(got.answer), got.method, tuple(map(_decimal_comma, got.parts)), got.mode)
    return _negated(got) if got is not None and got.answer is not None and signed else got


def _negated(got: Extraction) -> Extraction:
    """``got`` (one value after a sign word) made negative: ``-24``, ``-(2/3)``; a value already signed or of
    several parts is read whole, as text."""
    inner = (got.answer or "").strip("$ ")
    if len(got.parts) != 1 or inner[:1] in "-+":
        return _found([f"- {inner}"], got.method, "text")
    value = f"-{inner}" if _PLAIN_NUMBER.fullmatch(inner) else f"-({inner})"
    return _statement(value, got.method) or _found([value], got.method, "text")


#: a statement of a value closed by its verb: maybe a word before the value ("Toplamda"), the value, maybe its noun,
#: the verb ("Toplamda $24$ elma vardır.", "24 elma eder.")
_VERB_FINAL = re.compile(
    r"^[*_ \t]*+(?:(?P<lead>[^\W\d_]{2,20}+)[ \t]++)?+(?P<value>\$[ \t]*+[-+]?+\d{1,40}+(?:[.,]\d{1,40}+)?+[ \t]*+\$"
    r"|[-+]?+\d{1,40}+(?:[.,]\d{1,40}+)?+)[ \t]++(?:(?P<noun>[^\W\d_]{2,30}+)[ \t]++)?+(?P<verb>[^\W\d_]{2,12}+)[ \t.!]*+$"
)


def _verb_final_statement(sent: str) -> Extraction | None:
    """A Turkish statement of a value that closes on its verb (:data:`~rlvr.verifiers.lexicon.TURKISH_FINAL_VERBS`)
    and opens, if at all, on "in total": the value, its one noun read as in an answer of that language
    (:func:`_without_foreign_noun`: "Toplamda $24$ elma vardır." is 24, "7 civarında vardır" is read whole)."""
    from rlvr.verifiers.lexicon import FOREIGN_TOTALS, TURKISH_FINAL_VERBS

    m = _VERB_FINAL.match(sent[:200])
    if m is None or m.group("verb").lower() not in TURKISH_FINAL_VERBS:
        return None
    if m.group("lead") is not None and m.group("lead").lower() not in FOREIGN_TOTALS:
        return None
    value = m.group("value").strip("$ \t")
    answer = _without_foreign_noun(f"{value} {m.group('noun')}") if m.group("noun") else value
    return _statement(answer, "final_statement")


#: the first word of a sentence that stands right before its first value, which then starts at the end of the
#: match (a sign word of :func:`_foreign_statement`: "מינוס 24", "سالب 24")
_FOREIGN_SIGN = re.compile(rf"^[^\d$\\]*?(?<!{_LETTER})({_LETTER}++)[ \t]++(?=[-$\\\d])")


def _foreign_statement(sent: str) -> Extraction | None:
    """A sentence whose words are all in scripts other than Latin (答：23, 共有23个苹果, 答えは 23 です, 정답은
    12입니다, उत्तर 23 है, Ответ — 23) and hold one value and no cue: that value, negative after a sign word
    (:data:`~rlvr.verifiers.lexicon.CJK_SIGN_WORDS`: 负4, マイナス4); with a cue anywhere in it (a negation, hedge or
    question particle: 아닙니다, ではありません, 吗, नहीं, शायद), a belief frame before the value or a label cue before its
    colon (أظن, تخمين:): the whole sentence."""
    from rlvr.verifiers.lexicon import CJK_MIXED_NUMERAL, CJK_SIGN_WORDS, FOREIGN_SIGN_WORD_SET, LABEL_CUES, LEAD_CUES

    masked = _mask_math(sent)
    words = _SCRIPT_WORD.findall(masked)
    if not words or any(w.isascii() or _latin(w) for w in words):
        return None
    label = masked.split(":", 1)[0].split("\uff1a", 1)[0] if ":" in masked or "\uff1a" in masked else ""
    labels = _SCRIPT_WORD.findall(label)
    if _foreign_belief(masked) or any(w.lower() in LABEL_CUES or _cjk_label_cue(w) for w in labels):
        return _found([_clean(sent)], "final_statement", "text")  # "أظن أن الإجابة 24.", "تخمين: 24", "เดา: 24"
    sign = _FOREIGN_SIGN.search(masked)  # "התשובה היא מינוס 24", "الإجابة هي سالب 24": a sign word, no cue
    if sign is not None and sign.group(1).lower() not in FOREIGN_SIGN_WORD_SET:
        sign = None
    if sign is not None:
        words.remove(sign.group(1))
    if any(w.lower() in LEAD_CUES or _cjk_cue(w) for w in words):
        return _found([_clean(sent)], "final_statement", "text")  # 答えは23ではありません, उत्तर 23 नहीं है: read whole
    if _FOREIGN_QUESTION_ORDER.match(masked) or _GREEK_QUESTION.search(sent):
        return _found([_clean(sent) + "?"], "final_statement", "text")  # هل الإجابة 24, क्या उत्तर 24 है: asked
    cut = _cjk_concluding_clause(masked)
    if cut:  # "3+4=7，所以一共有7个。": the clause drawn last holds the result
        sent, masked = sent[cut:], masked[cut:]
    if (clock := _cjk_clock(masked)) is not None:
        return _found([clock], "final_statement", "text")  # 答：下午3点45分。: a clock time, its half of the day kept
    if (numeral := _cjk_numeral_statement(masked)) is not None:
        return _found([numeral], "final_statement", "math")  # 答：一共是1万2千元。: 12000
    if CJK_MIXED_NUMERAL.search(masked) is not None:
        return _found([_clean(sent)], "final_statement", "text")  # 1万2000円くらい: what follows weighs it, read whole
    spans = [(m.start(), m.end()) for m in _MASKED_SPAN.finditer(masked)]  # 故 $x = 5$: a math span is one value
    bare = _MASKED_SPAN.sub(_blank, _SCRIPT_WORD.sub(_blank, masked))
    islands = [(m.start(), m.end()) for m in _ISLAND.finditer(bare) if _ANSWER_TOKEN.search(m.group(0))]
    values = spans + islands
    if len(values) != 1:
        return None
    start, end = values[0]
    value = sent[start:end].strip()
    signed = sign is not None and sign.end() == start
    if (signed or masked[max(0, start - 8) : start].rstrip(" \t").endswith(CJK_SIGN_WORDS)) and value[:1] != "-":
        inner = value.strip("$ ")  # 答案是负4, 答えはマイナス4です, 정답은 마이너스 4입니다: a negative value
        value = f"-{inner}" if _PLAIN_NUMBER.fullmatch(inner) else f"-({inner})"
    suffix = _value_suffix(value, masked[end : end + 40])
    if suffix == "" or _qualified_after(masked[end : end + _RESTATING_WINDOW]):
        return _found([_clean(sent)], "final_statement", "text")  # 5弱, 50余人, "18 повече", "18 अधिक": read whole
    return _statement(suffix or value, "final_statement")


def _cjk_link_pattern() -> re.Pattern[str]:
    from rlvr.verifiers.lexicon import CJK_CONCLUSIONS

    words = "|".join(sorted(map(re.escape, CJK_CONCLUSIONS), key=len, reverse=True))
    return re.compile(rf"[,;\uff0c\uff1b\u3001][ \t]*+(?:{words})[ \t,\uff0c\u3001]*+")


#: a conjunction of conclusion of CJK or Thai after a comma (:data:`~rlvr.verifiers.lexicon.CJK_CONCLUSIONS`)
_CJK_CONCLUSION_LINK = _cjk_link_pattern()


def _cjk_concluding_clause(masked: str) -> int:
    """Where the last clause a CJK or Thai sentence draws as its conclusion starts (0: none), when it states a value
    and so does the clause it concludes from, as :func:`_concluding_clause` finds it in English."""
    return _last_link_between_values(_CJK_CONCLUSION_LINK, masked[:MAX_STATEMENT_CHARS])


#: a clock time of Chinese, Japanese or Korean with its half of the day (read by
#: :func:`~rlvr.verifiers.structure.local_clock`)
_CJK_CLOCK = re.compile(
    r"(?:[\u4e00-\u9fff\uac00-\ud7af]{1,2}+[ \t]*+)?+\d{1,2}+[ \t]*+[\u70b9\u9ede\u65f6\u6642\uc2dc]"
    r"(?:[ \t]*+\d{1,2}+[ \t]*+[\u5206\ubd84]?+|[\u534a\ubc18])?+"
)


def _cjk_clock(masked: str) -> str | None:
    """The one clock time of a sentence of Chinese, Japanese or Korean ("下午3点45分", "午後3時45分", "오후 3시 45분")
    when only a copula and the closing marks follow it and no other value stands in it; else ``None``."""
    from rlvr.verifiers.lexicon import CJK_COPULAS
    from rlvr.verifiers.structure import local_clock

    m = _CJK_CLOCK.search(masked)
    if m is None or re.search(r"\d", masked[: m.start()]) or re.search(r"\d", masked[m.end() :]):
        return None
    after = masked[m.end() :].strip(" \t\u3002.!\uff01")
    if after and after not in CJK_COPULAS:
        return None
    clock = m.group(0)
    while clock and local_clock(clock) is None and not clock[0].isdigit():
        clock = clock[1:].lstrip(" \t")  # "一共下午3点": the words before the half of the day are no part of it
    return clock if local_clock(clock) is not None else None


def _cjk_numeral_statement(masked: str) -> str | None:
    """The value of the one numeral of digits and units of ten thousand in a sentence of Chinese, Japanese or Korean
    ("1万2千元", "1만 2천 원": :func:`~rlvr.verifiers.lexicon.cjk_counted_numeral`) that closes it, with no other
    value; else ``None``."""
    from rlvr.verifiers.lexicon import CJK_MIXED_NUMERAL, cjk_counted_numeral

    m = CJK_MIXED_NUMERAL.search(masked)
    if m is None or re.search(r"\d", masked[: m.start()]) or re.search(r"\d", masked[m.end() :]):
        return None
    value = cjk_counted_numeral(masked[m.start() : m.end() + 12].rstrip("\u3002.!\uff01 \t"))
    return str(value) if value is not None and len(masked) - m.end() <= 12 else None


#: a word of any script, with its marks and inner hyphens or apostrophes ("по-малко", "ko'proq", "अधिक")
_HYPHENED_WORD = re.compile(rf"{_LETTER}++(?:[-'\u2019]{_LETTER}++)*+")
#: how far after a value :func:`_qualified_after` reads (a sentence's closing words)
_RESTATING_WINDOW = 80


def _qualified_after(tail: str) -> bool:
    """A word after a value (``tail``, a bounded window) bounds, weighs, joins or rejects it in some language
    (:data:`~rlvr.verifiers.lexicon.FOREIGN_QUALIFIERS`, a joining word of
    :data:`~rlvr.verifiers.lexicon.FOREIGN_JOINERS` longer than a letter, which may be a preposition): "18
    повече" (more), "18 अधिक" (more), "18 کم و بیش" (more or less), "18 أكثر أو أقل"."""
    from rlvr.verifiers.lexicon import FOREIGN_JOINERS, FOREIGN_QUALIFIERS

    words = (w.lower() for w in _HYPHENED_WORD.findall(tail))
    return any(w in FOREIGN_QUALIFIERS or w in FOREIGN_JOINERS and len(w) > 1 for w in words)


def _value_suffix(value: str, after: str) -> str | None:
    """What the words right after a value in a sentence of another script make of it: the scaled value after a
    multiplier (5万 is 50000, 5만 50000, "5 लाख" 500000), ``""`` after a bound suffix, a share or a factor (5弱,
    50余人, 50여 명, 5割, 5倍) or a multiplier of a value that is no plain decimal, ``None`` when none follows."""
    from rlvr.verifiers.lexicon import (
        CJK_BOUND_SUFFIXES,
        CJK_MULTIPLIERS,
        CJK_QUANTITY_SUFFIXES,
        foreign_multiplier,
        unit_name,
    )

    rest = after.lstrip(" \t")
    factor = 1
    while rest[:1] in CJK_MULTIPLIERS and unit_name(rest[:2]) is None:  # 5千万; not 5千米 (km), 5千克 (kg)
        factor *= CJK_MULTIPLIERS[rest[0]]
        rest = rest[1:]
    word = _SCRIPT_WORD.match(rest) if factor == 1 else None
    if word is not None and (multiplier := foreign_multiplier(word.group(0))) is not None:
        factor, rest = multiplier, rest[word.end() :]  # 5 लाख, 5 হাজার: a word apart
    if rest.startswith(CJK_BOUND_SUFFIXES) or rest.startswith(CJK_QUANTITY_SUFFIXES):
        return ""
    if factor == 1:
        return None
    return _scaled(value, factor) or ""


#: a choice letter standing alone among letters of other scripts
_LONE_LETTER = re.compile(r"(?<![A-Za-z\d])[A-J](?![A-Za-z\d])")
#: a math span of a masked sentence (:func:`_mask_math`): its delimiters around the zeros of its inside
_MASKED_SPAN = re.compile(r"\$\$0++\$\$|\$0++\$|\\\(0++\\\)|\\\[0++\\\]")
#: a value written outside math among words of other scripts: a number, or a short expression of numbers
_ISLAND = re.compile(r"[-$\\\d][^\W_]*+(?:[ \t]*+[-+*/=.,^()$\\]*+[ \t]*+\d[\d.,]*+)*+")


def _foreign_choice(line: str) -> Extraction | None:
    """A line whose words are all of scripts other than Latin but one choice letter (正解は B です。, 정답은 B입니다.):
    that letter; with a cue among its words (a negation, hedge or question particle), the whole line."""
    from rlvr.verifiers.lexicon import LEAD_CUES

    letters = _LONE_LETTER.findall(line)  # also glued to a particle of another script: 정답은 B입니다
    others = _SCRIPT_WORD.findall(_LONE_LETTER.sub(" ", line))
    if len(letters) != 1 or not others or any(w.isascii() or _latin(w) for w in others) or re.search(r"\d|\$", line):
        return None
    if any(w.lower() in LEAD_CUES or _cjk_cue(w) for w in others):
        return _found([line.strip()], "choice", "text")  # 正解は B ではありません。
    return _found(letters, "choice", "math")


def _blank(m: re.Match[str]) -> str:
    """A match as spaces of its length (positions stay)."""
    return " " * len(m.group(0))


def _latin(word: str) -> bool:
    return any("LATIN" in unicodedata.name(c, "") for c in word[:4])


#: a sentence that explains an earlier value rather than stating one ("Explanation: …", "Because 16 + 7 = 23.")
_EXPLAINS = re.compile(
    r"(?i)^[*_#> \t(\[]*+(?:(?:explanation|reason|reasoning|justification|check|checking|verification|verify|proof|work|"
    r"working|calculation|note|sanity[ \t]++check|double[- ]check|(?:let[ \t]++me|let's|to)[ \t]++(?:verify|check|"
    r"double[- ]check|confirm))[*_ \t]*+:|(?:because|since)\b(?![^,;]*+[,;])|by[ \t]++[a-z]*ing\b)"
)
#: a lone value on its own line or sentence: a number or a math span, maybe numbered, emphasised or in dollars
_LONE_VALUE = re.compile(r"^(?:\d{1,3}[.)][ \t]++)?+[*_$ \t]*+-?\d[\d,.]{0,40}+[*_$ \t]*+\.?$")


def _lone_value(sent: str) -> bool:
    return len(sent) <= 60 and _LONE_VALUE.match(sent.strip()) is not None


#: words that doubt an answer by themselves, in the sentence after it ("Maybe.", "Just kidding.", "Wait, no.")
_SELF_DOUBT = frozenset(
    "maybe perhaps probably guess guessing unsure uncertain doubtful hmm kidding joking jk psych nope nah wait idk "
    "dunno shrug unverified unchecked doubts todo fixme".split()
)
#: self-doubt nouns a negation before them turns into an aside ("No guessing needed.", "No doubts.")
_NEGATABLE_DOUBT = frozenset("guess guessing doubts".split())
#: a question made only of these words asks whether the answer holds ("Or is it?", "Is that right?", "Really?");
#: any other word makes it a question about something else ("Is there anything else?", "Does that make sense?")
_TRUTH_QUESTION = frozenset(
    "or is it that this right correct really sure am i are we true so hmm maybe isn't it's that's wrong the answer "
    "was not think guess does check out confirm someone anyone can".split()
)
#: verbs and adverbs of belief or likelihood: a question made of them and of :data:`_TRUTH_QUESTION` or doubt words
#: asks whether the answer holds ("I suppose?", "Probably?", "I believe so?")
_BELIEF_WORDS = frozenset(
    "suppose believe reckon assume presume imagine hope probably possibly presumably likely".split()
)


def _asks_truth(word: str) -> bool:
    """``word`` (lower case) may stand in a question on whether the answer holds (:data:`_TRUTH_QUESTION`,
    :data:`_SELF_DOUBT`, :data:`_BELIEF_WORDS`, the lexicon's doubt words)."""
    from rlvr.verifiers.lexicon import foreign_truth_word

    return (
        word in _TRUTH_QUESTION
        or word in _SELF_DOUBT
        or word in _BELIEF_WORDS
        or word in DOUBT_WORDS
        or foreign_truth_word(word)  # "Stimmt das?", "Doğru mu?", "Czy to dobrze?"
    )


#: negated certainty and retraction idioms, anywhere in the next sentence
_DISOWNING = re.compile(
    r"(?i)(?:\bnot|n't|\bnever|\bhardly)\s+(?:\w+\s+)?(?:sure|confident|certain|right|correct|true)\b|\bno idea\b"
    r"|\bi (?:doubt|guess|think)\b|\b(?:take|took) (?:it|that) back\b|\b(?:strike|scratch) that\b|\bmy bad\b"
    r"|\bignore (?:that|this|the above)\b|\blow confidence\b"
)
_DISOWNING_MORE = re.compile(
    r"(?i)\b(?:messed|screwed|mixed|goofed)[ \t]++up\b|\b(?:something|this|that)(?:[ \t]++(?:about|in|with)[ \t]++(?:this|that|it|the[ \t]++(?:answer|result)))?+"
    r"(?:'s|[ \t]++(?:is|seems|feels|looks|smells|sounds))[ \t]++(?:a[ \t]++(?:bit|little)[ \t]++)?+(?:off|wrong|fishy)\b"
    r"(?![ \t]++by\b)"
    r"|\bin[ \t]++(?:another|a[ \t]++parallel|an[ \t]++alternate|a[ \t]++different)[ \t]++(?:universe|world|reality)\b"
    r"|\bi[ \t]++(?:was|am)[ \t]++wrong\b|\bmy[ \t]++mistake\b|\bdon't[ \t]++quote[ \t]++me\b|\bgrain[ \t]++of[ \t]++salt\b"
    r"|\b(?:could|might|may)[ \t]++(?:well[ \t]++|also[ \t]++)?be[ \t]++(?:wrong|mistaken|incorrect|off)\b|\bclose[ \t]++enough\b"
    r"|\bi[ \t]++(?:made|make)[ \t]++an?[ \t]++(?:mistake|error)\b|\b(?:give|or)[ \t]++or[ \t]++take\b|\bmore[ \t]++or[ \t]++less\b"
    r"|\bor[ \t]++so\b|\bjust[ \t]++a[ \t]++(?:guess|hunch)\b|(?<![^\s(])/[sj]\b|\(jk\)|\blol[ \t]++no\b"
    r"|\bnicht[ \t]++(?:ganz[ \t]++)?sicher\b|\bpas[ \t]++(?:tout[ \t]++à[ \t]++fait[ \t]++)?s[ûu]re?\b|\bno[ \t]++estoy[ \t]++segur[oa]\b"
    r"|\bnon[ \t]++sono[ \t]++sicur[oa]\b|\bnão[ \t]++tenho[ \t]++certeza\b|\bне[ \t]++уверен[аы]?\b|\bemin[ \t]++değilim\b"
    r"|\btidak[ \t]++yakin\b|\bपक्का[ \t]++नहीं\b"
    r"|\bfingers[ \t]++crossed\b|\bcross(?:ing|ed)?[ \t]++(?:my[ \t]++|our[ \t]++)?fingers\b|\b(?:knock|touch)[ \t]++(?:on[ \t]++)?wood\b"
    r"|\bwish[ \t]++(?:i|we)[ \t]++(?:were|was|could[ \t]++be|felt)[ \t]++(?:more[ \t]++)?+(?:sure|certain|confident)\b"
    r"|\bwish[ \t]++(?:me|us)[ \t]++luck\b|\bhere'?s[ \t]++(?:to[ \t]++)?hoping\b|\bapril[ \t]++fools?'?\b|\bgotcha\b"
    r"|\bpranked\b|\bwho[ \t]++knows\b|\bbeats[ \t]++me\b|\bpulling[ \t]++(?:your|ya|my|his|her|their)[ \t]++legs?\b"
    r"|\btrolling\b|\bjust[ \t]++(?:a[ \t]++)?(?:joke|prank|troll)\b"
)
#: the shrug written in text, ``¯\_(ツ)_/¯`` (its arms may be missing or escaped)
_SHRUG = re.compile(r"\u00af?\\*+_*+\([ \t]*+\u30c4[ \t]*+\)_*+/*+\u00af?")
#: a condition left on its own after an answer ("If my arithmetic is right.", "Assuming 16 is correct."): a clause
#: without a main clause after it (a comma followed by more words is a sentence: "If you need more, ask.")
_CONDITION = re.compile(
    r"(?i)^[ \t(]*+(?:if|assuming|provided(?:[ \t]++that)?|unless|as[ \t]++long[ \t]++as|given[ \t]++that|"
    r"supposing|presuming|barring|only[ \t]++if)\b[^,;:]*+$"
)
#: a stated confidence or probability of being right ("Confidence: 10%.", "Confidence: low", "I'd rate my
#: confidence 3/10."); at most this many percent doubts the answer
#: the filled and empty marks of a rating bar (stars, discs, squares, blocks)
_RATING_FILLED = "\u2605\u2b50\u272a-\u2730\u25cf\u25a0\u25fc\u2b24\u2588\u25b0"
_RATING_EMPTY = "\u2606\u2729\u25cb\u25a1\u25fb\u25ef\u2591\u25b1"
#: the points of a rating bar written without its empty marks ("Confidence: ★★"): a five-point scale
_RATING_POINTS = 5
#: the words of a confidence stated in words that say it is high ("high", "very high", "pretty good", "solid");
#: any other word ("so-so", "meh", "fair", "middling", "shaky") or a negation ("not great") is at most an even chance
_CONFIDENT_WORDS = frozenset(
    "high full strong certain complete total absolute solid firm good great excellent sure max maximum maximal".split()
)
_CONFIDENCE = re.compile(
    r"(?i)^[ \t(*_|]*+(?:(?:i'd|i[ \t]++would|i|we'd|we)[ \t]++(?:rate|put|place|estimate|peg|set)[ \t]++)?+"
    r"(?:my[ \t]++|our[ \t]++)?(?:confidence|certainty|probability[ \t]++(?:of[ \t]++being[ \t]++)?correct)"
    r"(?:[ \t]++level)?(?:[ \t]++in[ \t]++(?:this|it|that|(?:the|my|our)[ \t]++answer))?+[ \t*_]*+"
    r"(?::|is|=|-|\||(?:at|as|around|about)\b|(?<=[ \t])(?=\d))[ \t*_]*+(?:(?:about|around|roughly|only|just)[ \t]++)?+(?:(\d{1,3}(?:\.\d+)?)[ \t]*+(?:%|percent\b|per[ \t]?cent\b)|"
    r"(low|medium|moderate|very[ \t]++low|some|little|none|weak)(?![\w-])|(0?\.\d{1,6}|[01](?:\.0{1,6})?)(?![\d.%/])|"
    r"(\d{1,3})[ \t]*+(?:/|out[ \t]++of)[ \t]*+(\d{1,3})(?![\d.])"
    # a rating bar ("★★☆☆☆", "●●●○○"), or one to three words after a colon or a mark that end the line ("so-so")
    rf"|(?P<bar>[{_RATING_FILLED}{_RATING_EMPTY}](?:[ \t\ufe0f]?+[{_RATING_FILLED}{_RATING_EMPTY}]){{0,19}}+)"
    r"|(?:(?<=[:=|*_-])|(?<=[:=|*_-][ \t])|(?<=[:=|*_-][ \t]{2}))(?P<words>[a-z][a-z'-]{0,20}+(?:[ \t]++[a-z][a-z'-]{0,20}+){0,2}?)(?=[ \t*_.!)]*+$))"
)
#: a confidence stated as a percentage of being sure ("I'm about 30% sure.", "I'm 10 percent confident.")
_PERCENT_SURE = re.compile(
    r"(?i)(?:(?<![\d.])(\d{1,3}(?:\.\d{1,6})?)[ \t]*+(?:%|percent|per[ \t]++cent)"
    r"|\b(half|(?:a|one)[ \t-]++(?:third|quarter)|fifty[ \t-]++percent))[ \t]++(?:sure|confident|certain)\b"
)
#: a negation or an upper bound right before a stated share of being sure ("not 100% sure", "less than 100%
#: confident", "under 90% certain", "not even 60% sure")
_BELOW_SHARE = re.compile(
    r"(?i)(?:\bnot|n't|\bless[ \t]++than|\bunder|\bbelow|\bshort[ \t]++of|\bbarely|\bhardly|\bat[ \t]++most)"
    r"(?:[ \t]++(?:even|quite|fully|really|exactly|entirely))?+[ \t]++(?:a[ \t]++)?+$"
)
#: the percentage a share in words stands for ("half sure", "a third confident")
_SURE_SHARES = {"half": 50.0, "third": 33.3, "quarter": 25.0, "percent": 50.0}
#: a check whose conclusion is that something is wrong ("…, so something is off.", "… ≠ 86, hence this is wrong.")
_FAILED_CHECK = re.compile(
    r"(?i)\b(?:so|hence|thus|therefore|which[ \t]++means)[ \t,]++(?:(?:something|this|that|it)(?:'s|[ \t]++is"
    r"|[ \t]++(?:seems|must[ \t]++be)[ \t]++)[ \t]*+(?:off|wrong|incorrect|amiss)|(?:i|we)[ \t]++(?:made|have)[ \t]++an?[ \t]++"
    r"(?:mistake|error))\b[ \t.!]*+$"
)
#: a line stating the answer's tolerance ("Error bars: ±5.", "Uncertainty: 2", "Margin of error: ±1"): an estimate
_TOLERANCE_LINE = re.compile(
    r"(?i)^[ \t(*_]*+(?:error[ \t]++bars?+|uncertainty|margin[ \t]++of[ \t]++error|tolerance|error)[ \t*_]*+"
    r"(?::|is|=)[ \t*_]*+(?:\+/-|\u00b1|\\pm)?+[ \t]*+\d"
)
#: idioms of indecision and disowned trust ("Hard to say.", "Who knows.", "Could go either way.", "Coin flip.",
#: "Use at your own risk.", "I wouldn't bet on it.", "Don't trust this.", "No clue.", "I'm torn.", "Low certainty.");
#: "either way" before a comma opens a clause that holds whichever case ("Either way, the answer is 24."): no doubt
_UNDECIDED = re.compile(
    r"(?i)\b(?:hard|difficult|impossible)[ \t]++to[ \t]++(?:say|tell)\b|\bwho[ \t]++knows\b"
    r"|\b(?:go|goes|went|going|gone)[ \t]++either[ \t]++way\b|\beither[ \t]++way\b(?![ \t]*+,)"
    r"|\bcoin[ \t-]*+(?:flip|toss)\b|\b(?:flip|flipped|toss|tossed)[ \t]++(?:a[ \t]++)?coin\b|\bpinch[ \t]++of[ \t]++salt\b"
    r"|\bmileage[ \t]++(?:may|might|will)[ \t]++vary\b|\bmade[ \t]++(?:it|this|that)[ \t]++up\b|\bmade[ \t]++up[ \t.!]*+$|\bown[ \t]++risk\b|\bwith[ \t]++caution\b|\bno[ \t]++clue\b|\btorn\b"
    r"|\b(?:wouldn't|won't|don't|do[ \t]++not|would[ \t]++not|can't|cannot)[ \t]++(?:bet|trust|rely|vouch)\b"
    r"|\b(?:low|little|zero|no|limited)[ \t]++(?:certainty|confidence)\b"
    r"|\bno[ \t]++(?:guarantees?+|promises?+|warrant(?:y|ies))\b"
    r"|\b(?:can't|cannot|can[ \t]++not|won't|don't)[ \t]++(?:guarantee|promise|warrant)\b"
)
_DOUBTFUL_CONFIDENCE = 50
#: a conditional offer to the reader ("If needed I can explain more.", "If you want, …") conditions nothing
_OFFER = re.compile(r"(?i)\b(?:you|your|i[ \t]++can|i[ \t]++could|i'll|i[ \t]++will|let[ \t]++me|happy[ \t]++to)\b")
#: a clause about the reader after negated certainty ("not sure what else you need", "not sure if you want more")
_ABOUT_READER = re.compile(r"(?i)[ \t]++(?:what|how|if|whether|which|where|when|why)\b[^.,;!?]{0,80}?\byou")
_LEAD_FILLERS = frozenset("that's thats this it's is that just oh oops actually well um uh hmm hm haha lol ugh".split())
#: a negation retracts when at most one of these follows it ("No.", "Not quite.", "No, wait.", "That's wrong."); any
#: other word makes it an aside ("No doubt.", "No mistakes here.", "Not a trick question.")
_NEGATION_TAIL = frozenset(
    "wrong incorrect right correct quite really wait sorry it that exactly necessarily always entirely".split()
)
_NEGATION_LEAD = frozenset(
    """no not nope nah wrong incorrect false nein falsch faux fausse non incorrecto incorrecta falso falsa errado
    errada sbagliato não нет неверно неправильно ошибка hayır yanlış değil tidak bukan salah sai không नहीं गलत""".split()
)
#: Chinese, Japanese and Korean: a sentence that retracts (a negation leading a word of truth, 不对, 不是, 아니요,
#: いいえ, or a word of error or joking anywhere, 错了, 開玩笑, 違います, 틀렸어요); idioms that affirm (没错, 不错,
#: 没问题, 間違いない, 틀림없) and courtesies (不客气) do not
_CJK_NEGATION = ("不", "没", "非", "아니", "아닙", "아뇨", "いいえ", "いや", "ちが", "違")
_CJK_TRUTH = frozenset("对對是真确確正准準的了吧吗呢啊嘛呀喔哦么这那我答案요예에니다です")
_CJK_RETRACTION = (
    "错",
    "錯",
    "开玩笑",
    "開玩笑",
    "冗談",
    "농담",
    "틀렸",
    "틀려",
    "틀린",
    "間違い",
    "間違っ",
    "間違え",
    "違います",
    "違う",
)
_CJK_AFFIRMING = (
    "没错",
    "沒錯",
    "不错",
    "不錯",
    "没问题",
    "沒問題",
    "无疑",
    "無疑",
    "間違いな",
    "間違いあり",
    "틀림없",
    "不客气",
    "不客氣",
)
#: a question made only of these characters asks whether the answer holds (对吗？ 这样对吗？ 是吗？ 本当？ 合ってますか？
#: 正しいですか？ 맞나요? 맞아요?)
_CJK_TRUTH_QUESTION = frozenset(
    "对對是吗嗎真的不吧呢确確定正准準本当ですかね맞나요죠습니까정말진짜그런가这這样樣合っていましい아요"
)


def _cjk_retraction(sent: str) -> bool:
    """A sentence of Chinese, Japanese or Korean (its letters, without punctuation) that retracts the answer before
    it: a leading negation whose rest is only words of truth (不对, 不是, 我不确定, 아니요), a word of error or
    joking (错了, 开玩笑的, 違います) or a phrase of doubt (:func:`~rlvr.verifiers.lexicon.cjk_doubt`: 我猜的,
    自信がありません, 확실하지 않아요), and no affirming idiom (没错, 没问题)."""
    from rlvr.verifiers.lexicon import cjk_doubt

    core = "".join(_SCRIPT_WORD.findall(sent))
    if not core or any(a in core for a in _CJK_AFFIRMING):
        return False
    if any(r in core for r in _CJK_RETRACTION) or cjk_doubt(core):
        return True
    rest = core.lstrip("我这那這")
    for neg in _CJK_NEGATION:
        if rest.startswith(neg):
            return all(c in _CJK_TRUTH or c in neg for c in rest[len(neg) :]) or rest[len(neg) :] in (
                "确定",
                "確定",
                "知道",
            )
    return False


def _cjk(word: str) -> bool:
    return any(
        "CJK" in (name := unicodedata.name(c, "")) or "HIRAGANA" in name or "KATAKANA" in name or "HANGUL" in name
        for c in word[:2]
    )


#: the first word of a reply that affirms ("Yes.", "Yes, it is.", "Definitely.", "Ja.", "是的。", "はい。")
_YES = frozenset(
    """yes yep yeah yup indeed definitely absolutely certainly correct right sure affirmative ja oui sí si sim да
    evet ya có हाँ हां 是的 是 对 對 はい 네 예""".split()
)


#: words that make a yes a hedge ("Yes, I think so.", "Yes, probably.")
_HEDGING_YES = frozenset("think guess believe hope suppose probably possibly perhaps likely".split())


def _affirms(sent: str) -> bool:
    """``sent`` answers a question about the answer with yes and nothing that negates or doubts it."""
    from rlvr.verifiers.lexicon import NEGATION_CUES

    masked = _mask_math(sent)
    words = [w.group(0).lower() for w in _RUN_WORD.finditer(masked)]
    if not words or _ANSWER_TOKEN.search(masked) or "?" in masked:
        return False
    first = words[0] if words[0] in _YES else next((y for y in _YES if not y.isascii() and words[0].startswith(y)), "")
    doubt = any(w in NEGATION_CUES or w.endswith("n't") or w in _SELF_DOUBT or w in _HEDGING_YES for w in words)
    return bool(first) and not doubt


def _retraction_after(text: str, end: int, answer: str | None = None) -> str:
    """:func:`_retracting`, unless what follows resolves it: a question about the answer's truth answered with yes
    ("Is that right? Yes."), or a doubt or such a question followed by a restatement of the same ``answer`` ("Hmm,
    let me double check. 16 + 7 = 23.", "Is that right? $8 \\cdot 3 = 24$.": the last committed value wins)."""
    found, stop = _retracting(text, end)
    if not found:
        return ""
    after = _next_sentence(text, stop)
    if found.endswith("?") and _affirms(after) and not _fault_question(found):
        return ""  # "Is that right? Yes."; "Is this wrong? Yes." admits it
    if found.endswith("?") and (answer is None or not _bare_value(after)):
        return found
    after_end = text.find(after, stop) + len(after)
    if answer is not None and _bare_value(after) and text[after_end : after_end + 1] not in ("?", "\uff1f"):
        again = _statement_of_sentence(after)
        restated = again.answer.rsplit("=", 1)[-1] if again is not None and again.answer is not None else ""
        if restated and _key(restated) == _key(_clean(answer)):  # "16 + 7 = 23" restates 23
            return ""
    return found


#: negated certainty stated as a percentage ("Not 100% sure.", "not a hundred percent certain")
_NOT_FULLY_SURE = re.compile(
    r"(?i)\bnot[ \t]++(?:\d{1,3}[ \t]*+%|a[ \t]++hundred[ \t]++percent)[ \t]++(?:sure|certain|confident)\b"
)
#: value-free sentences of at most this many words after an answer are closing remarks ("I hope it is correct.",
#: "Hope this helps!"): a retraction right after them is read as if it came first
_CLOSING_WORDS = 8
_CLOSING_SKIPS = 2


def _retracting(text: str, end: int) -> tuple[str, int]:
    """:func:`_retracting_next`, read past up to two closing remarks that retract nothing and hold no value ("The
    final answer is 5. I hope it is correct. Just kidding."); a question about a fault in the work answered "no"
    retracts nothing ("Did I make an error? No.")."""
    found, stop = _retracting_next(text, end)
    if found.endswith("?") and (reply := _next_sentence(text, stop)) and _denies_fault(text, stop, reply, set()):
        return "", text.find(reply, stop) + len(reply)  # "Is this wrong? No.": the doubt asked and denied
    for _ in range(_CLOSING_SKIPS):
        if found:
            break
        closing = text[end:stop]
        if not closing.strip(" \t\n.!?") or _ANSWER_TOKEN.search(_mask_math(closing)):
            break
        if len(_RUN_WORD.findall(closing)) > _CLOSING_WORDS:
            break
        more, more_stop = _retracting_next(text, stop)
        if more and _denies_fault(text, stop, more, set()):
            return "", more_stop  # "Did I make an error? No.": the fault denied
        if more:
            return more, more_stop
        reply = _next_sentence(text, stop)
        if closing.rstrip().endswith(("?", "\uff1f")) and _fault_question(closing) and _affirms(reply):
            return closing.strip() + " " + reply, text.find(reply, stop) + len(reply)  # "Did I err? Yes." admits
        end, stop = stop, more_stop
    return found, stop


#: a sentence cut off where its value should come: a copula, "should be", ``=`` or a colon at its very end
_UNFINISHED = re.compile(r"(?i)(?:\b(?:is|are|was|were|be|equals|becomes|gives)|[:=])[ \t]*+$")
#: words that make such a sentence a correction of the answer before it ("The correct value is", "Actually, it
#: should be", "Correction:", "Wait, the answer is")
_CORRECTION_WORDS = re.compile(
    r"(?i)\b(?:correct(?:ed|ion)?+|right|actual(?:ly)?+|real|true|revised|new|should|instead|wait|hold|redo|recheck"
    r"|mistake|wrong|oops|hmm|rather)\b"
)


def _cut_off_correction(masked: str) -> bool:
    """``masked`` (the completion's last sentence) starts a correction of the answer and is cut off before its
    value ("The correct value is", "Actually, it should be", "Correction:"): a retraction whose value never came."""
    tail = masked[-MAX_STATEMENT_CHARS:].rstrip()
    return _UNFINISHED.search(tail) is not None and _CORRECTION_WORDS.search(tail) is not None


#: a number that names a place in the work or a tolerance, not a value: "step 2", "line 3", "equation (1)",
#: "eq. 4", "case 2b", "10%", "+/- 0.5": a sentence holding only these is read by its words
_REFERENCE = (
    r"\b(steps?+|lines?+|equations?+|eqn?+\.?+|parts?+|cases?+|figs?+\.?+|figures?+|tables?+|sections?+"
    r"|items?+|rows?+|columns?+|pages?+|stages?+|points?+|paragraphs?+)[ \t]*+\(?\d{1,4}+[a-z]?+\)?"
    r"(?:[ \t]*+(?:and|or|,|-|to)[ \t]*+\(?\d{1,4}+[a-z]?+\)?)?+"
)
_REFERENCE_OR_TOLERANCE = re.compile(
    rf"(?i){_REFERENCE}|(?:(?:\+/-|\u00b1)[ \t]*+)?+(?<![\d.])\d{{1,6}}+(?:\.\d{{1,6}}+)?+[ \t]*+%"
)
#: a sentence that only names the place of the answer in the work ("This is case 2.", "That's step 4."): it
#: classifies the answer, like "This is the total."
_NAMES_PLACE = re.compile(rf"(?i)[ \t]*+(?:this|that|it)(?:'s|[ \t]++(?:is|was))[ \t]++{_REFERENCE}[ \t.!]*+")


def _low_confidence(masked: str) -> bool | None:
    """Whether a stated confidence in ``masked`` is doubt (at most 50%: "Confidence: 0.5", "(50% confident)",
    "I'm only about half sure", "Confidence: low"), ``None`` when it states none."""
    confidence = _CONFIDENCE.match(masked)
    if confidence is not None:
        return _low_share(confidence)
    sure = _PERCENT_SURE.search(masked)
    if sure is None:
        return None
    if _BELOW_SHARE.search(masked, 0, sure.start()):
        return True  # "(not 100% sure)", "(less than 100% confident)": a share below full, at most
    share = float(sure.group(1)) if sure.group(1) else _SURE_SHARES[sure.group(2).lower().split()[-1]]
    return share <= _DOUBTFUL_CONFIDENCE


def _retracting_next(text: str, end: int) -> tuple[str, int]:
    """The sentence after the one ending at ``text[end]`` when it retracts, doubts or questions the answer before
    it and holds no value of its own, else ``""``: a question about the answer's truth ("Or is it?", "Is that
    right?"), a doubting word ("Maybe.", "Just kidding.", "Wait, no."), negated certainty or a retraction idiom
    ("I am not sure.", "I take it back."), or a short sentence led by a negation ("No.", "Wrong.", "That's
    wrong."). A question to the reader ("Is there anything else?"), an affirmation ("No doubt.", "I'm sure.") or
    an aside ("Note: this assumes no apples were eaten.") retracts nothing. Also where that sentence ends."""
    from rlvr.verifiers.lexicon import (
        FOREIGN_AFFIRMATIONS,
        FOREIGN_DENIALS,
        QUALIFYING_FRAME,
        foreign_closing,
        foreign_confirmation,
        foreign_doubt,
        something_off,
        thai_remark,
    )

    nxt = _next_sentence(text, end)
    stop = text.find(nxt, end) + len(nxt)
    if _GREEK_QUESTION.search(nxt):  # "Σωστό;": Greek writes its question mark as a semicolon
        nxt = nxt.rstrip()[:-1] + "?"
    masked = _mask_math(nxt)
    if not nxt.strip():
        mark = text[end : end + MAX_INLINE_ANSWER_CHARS].lstrip(" \t\n.!")
        return ("?" if mark.startswith(("?", "\uff1f")) else ""), stop  # "5\n\n?": a mark that questions it
    if nxt.lstrip().startswith("|") and nxt.rstrip().endswith("|"):
        return "", stop  # "| Item | Value |": a table row is layout, no remark on the answer
    if not text[stop:].strip() and _cut_off_correction(masked):  # "Hold on. The correct value is"
        return nxt.strip(), stop
    if _faulting_note(masked):  # "Erratum: the last step should read $3 + 3$.", "Addendum: the count misses …"
        return nxt.strip(), stop
    if _possible_fault(masked) or _PARTIAL_ANSWER.search(masked) or _asks_otherwise(masked):
        return nxt.strip(), stop  # "Warning: I may have misread it.", "This is half the answer.", "But the …asks …"
    if _NOT_FULLY_SURE.search(masked) or unsettles_with_values(masked):  # "Not 100% sure.", "I can't reconcile them."
        return nxt.strip(), stop
    stated = stated_doubt(nxt)
    if stated is not None:  # "P(correct) = 0.3", "Error probability: 0.6", "Konfidenz: niedrig", "置信度：低"
        return (nxt.strip() if stated else ""), stop
    low = _low_confidence(masked)
    if low is not None:  # "Confidence: 10%.", "Confidence: low", "Confidence: 0.2", "I'm about 30% sure."
        return (nxt.strip() if low else ""), stop
    if _FAILED_CHECK.search(masked):  # "Sanity check: 42 × 2 ≠ 86, so something is off."
        return nxt.strip(), stop
    if _TOLERANCE_LINE.match(masked):  # "Error bars: ±5.", "Margin of error: 2": the answer is an estimate
        return nxt.strip(), stop
    if _CONDITION.match(masked.strip(" \t.!)")) and not _OFFER.search(masked):  # "If my arithmetic is right."
        return nxt.strip(), stop
    if (raised := _flag_line(masked)) is not None:  # "needs_review: true"; "needs_review: false" clears it
        return (nxt.strip() if raised else ""), stop
    if _status_line_denies(masked):  # "Verification: FAILED", "> Reviewer: wrong, it's 6."
        return nxt.strip(), stop
    if _NAMES_PLACE.fullmatch(masked):
        return "", stop
    masked = _REFERENCE_OR_TOLERANCE.sub(lambda m: f" {m.group(1) or ''} ref ", masked)
    if _ANSWER_TOKEN.search(masked):
        return "", stop
    if _admitted_change(masked, set()) is not None:  # "Plus the empty set, so one more.", "Missed one, make that five."
        return nxt.strip(), stop
    if (spelled := _spelled_out(masked)) is not None and _correction(spelled.strip(" \t.!")) is not None:
        return nxt.strip(), stop  # "Make that twenty-five.", "Actually, twenty-five.": a correction in words
    if _SHRUG.search(nxt):  # "¯\_(ツ)_/¯"
        return nxt.strip(), stop
    done = (box := _TASK_BOX.match(masked)) is not None and box.group(1) != " "  # a step reported done
    if box is not None:
        masked = masked[box.end() :]  # "- [x] verified": a step marked done, read as its words
        if box.group(1) == " " and _WORKING.intersection(_lower_words(masked)):
            return nxt.strip(), stop  # "- [ ] verify the sum": a check left undone
    words = [w.group(0).lower().replace("\u2019", "'") for w in _RUN_WORD.finditer(masked)]
    if words and (thai := thai_remark("".join(words))) is not None:  # "ถูกไหม?", "ไม่แน่ใจ", "ตรวจสอบแล้ว"
        asked = text[stop : stop + 1] in ("?", "\uff1f")
        return (nxt.strip() if thai != "confirm" else ""), stop + asked
    if not words and ("?" in masked or _doubting_symbol(masked) or text[stop : stop + 1] in ("?", "\uff1f")):
        return nxt.strip() or "?", stop + 1  # "?", "(?)", "🤔": a mark that questions the answer
    if "?" in masked or "\uff1f" in masked or text[stop : stop + 1] in ("?", "\uff1f"):
        if words and all(_cjk(w) for w in words):
            truth = all(c in _CJK_TRUTH_QUESTION for c in "".join(words))
            return (nxt.strip() + "?" if truth else ""), stop + 1
        if words and asks_reading(words) and not _reply_settles(words, text, stop + 1):
            return nxt.strip() + "?", stop + 1  # "Should the endpoints count?" left without a reply
        return (nxt.strip() + "?" if words and all(map(_asks_truth, words)) else ""), stop + 1
    if words and all(_cjk(w) for w in words):
        return (nxt.strip() if _cjk_retraction(nxt) else ""), stop
    if _DISOWNING_MORE.search(masked) or unsettles(masked):  # "I messed up.", "The other method doesn't agree."
        return nxt.strip(), stop
    disowning = _DISOWNING.search(masked)
    if disowning is not None and _ABOUT_READER.match(masked, disowning.end()):
        disowning = None  # "Not sure what else you need": the doubt is about the reader
    lead = [w for w in words if w not in _LEAD_FILLERS]
    negated = bool(lead) and (
        lead in (["never", "mind"], ["nevermind"])
        or lead[0] in _NEGATION_LEAD
        and len(lead) <= 2
        and all(w in _NEGATION_TAIL for w in lead[1:])
    )
    approximate = bool(lead) and len(lead) <= 2 and all(w in _APPROXIMATE for w in lead)  # "Ish.", "Roughly."
    framed = len(words) <= _FRAME_WORDS and QUALIFYING_FRAME.match(masked.strip(" \t*_(")) is not None  # "In theory."
    self_doubt = any(
        w in _SELF_DOUBT and not (w in _NEGATABLE_DOUBT and k and words[k - 1] in _NEGATORS)
        for k, w in enumerate(words)
    )  # "No guessing needed." is an aside
    doubt = negated or approximate or framed or self_doubt or disowning or _takes_back(words, lead)
    doubt = doubt or len(words) <= 3 and any(w in FOREIGN_DENIALS for w in words)  # "Stimmt nicht.", "C'est faux."
    doubt = doubt or any(map(foreign_doubt, _clause_words(masked)))  # "Nie jestem pewien.", "…, però no n'estic segur"
    doubt = doubt or len(words) <= _SHORT_FOREIGN_DOUBT and _foreign_doubt(masked) is not None  # "نمی دانم.", "Sijui."
    doubt = doubt or len(words) <= _SHORT_FOREIGN_DOUBT and something_off(masked)  # "Quelque chose cloche."
    doubt = doubt or _UNDECIDED.search(masked) is not None or _status_denied(words)
    doubt = doubt or any(_doubt_form([w.group(0).lower() for w in _RUN_WORD.finditer(c)]) for c in masked.split(";"))
    doubt = (
        doubt
        or (  # "Nvm.", "I'm stumped."; not a section's title ("Verification" after a blank line)
            not done
            and _comment_form(nxt, masked)
            and comments_on_answer(words)
            and not _section_heading(nxt.strip(), text[end:])
            and not FOREIGN_AFFIRMATIONS.intersection(words)  # "Das stimmt.": an endorsement in another language
            and not foreign_confirmation(words)  # "این درست است.", "זה נכון.", "Đã kiểm tra."
            and not foreign_closing(words)  # "¡Espero que te sirva!", "Надеюсь, это поможет!": a courtesy
        )
    )
    return (nxt.strip() if doubt else ""), stop


def _reply_settles(question: list[str], text: str, start: int) -> bool:
    """The sentence after ``text[start]`` answers the question on the problem's reading before it (its words
    ``question``; :func:`~rlvr.verifiers.unsettled.answers_reading`) and doubts nothing ("No, they don't.", "It
    doesn't, since the chairs are identical."; "No idea.", "Yes, I think so." and "The problem doesn't say." leave
    it open)."""
    reply = _next_sentence(text, start)
    masked = _mask_math(reply)
    words = _lower_words(masked)
    if not answers_reading(question, words) or "?" in masked:
        return False
    doubting = _DISOWNING.search(masked) or _UNDECIDED.search(masked) or _SELF_DOUBT.intersection(words)
    return not doubting and not unsettles(masked)


#: a sentence after the answer of at most this many words that holds a phrase of the lexicon's ``FOREIGN_DOUBTS``
#: ("Não sei.", "Sina uhakika.", "Nisam siguran.") doubts it
_SHORT_FOREIGN_DOUBT = 8
#: a comma or semicolon between two clauses of a sentence
_COMMA_OR_SEMICOLON = re.compile(r"[,;]")
#: a Greek sentence closed by a semicolon, the Greek question mark ("Σωστό;", "Είναι σωστό;")
_GREEK_QUESTION = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff][^\n;]{0,80}+;[ \t]*+$")


def _clause_words(masked: str) -> list[list[str]]:
    """The lower-case words of each comma- or semicolon-separated clause of ``masked`` (a sentence): a doubt is
    read in its clause ("Crec que és correcte, però no n'estic segur"), a negation never reaches across a comma
    ("Verificado, no adivinado.")."""
    clauses = _COMMA_OR_SEMICOLON.split(masked)
    return [[w.group(0).lower().replace("\u2019", "'") for w in _RUN_WORD.finditer(c)] for c in clauses]


#: the box of a Markdown task-list item: ``- [x] `` (done) or ``- [ ] `` (not done)
_TASK_BOX = re.compile(r"[ \t]*+[-*+][ \t]++\[([ xX])\][ \t]++")
#: a sentence after the answer of at most this many words that is only a frame ("In theory.", "For now.", "Last I
#: checked.", "On average.") makes the answer hold only in it
_FRAME_WORDS = 4


#: a note labelled after the answer, its label and its body: a correction ("Erratum:", "Corrigendum:",
#: "Correction:", "Amendment:") or a later note ("Addendum:", "Update:", "Edit:", "P.S.", "Note:", "Afterthought:")
_NOTE = re.compile(
    r"(?i)^[ \t>*_#-]*+(?:(?P<correction>errat(?:um|a)|corrigend(?:um|a)|corrections?+|amendments?+)"
    r"|addend(?:um|a)|update[sd]?+|edit(?:ed)?+|p\.?+[ \t]*+s\.?+|post-?script|note|n\.?+b\.?+|afterthought|remark)"
    r"(?:[ \t*_]*+[:.\u2014-]|(?<=\.))[ \t*_]*+(?P<body>.{0,400}+)"
)
#: a verb or word of a fault in the work, by its stem: an omission ("misses", "overlooked", "forgot", "leaves
#: out", "fails to"), a miscount ("double-counts", "overcounted") or an error ("wrong", "a sign error", "typo")
_FAULT = re.compile(
    r"(?i)\b(?:miss(?:es|ed|ing)?+|omit(?:s|ted|ting)?+|overlook(?:s|ed|ing)?+|forg[eo]t(?:s|ten|ting)?+"
    r"|neglect(?:s|ed|ing)?+|ignor(?:es|ed|ing)|skip(?:s|ped|ping)?+|(?:leaves?+|left|leaving)[ \t]++out"
    r"|fail(?:s|ed)?+[ \t]++to|(?:double|over|under)[ \t-]?+count(?:s|ed|ing)?+|counted[ \t]++twice"
    r"|wrong(?:ly)?+|incorrect(?:ly)?+|mistak(?:e|es|en)|errors?+|erroneous(?:ly)?+|typos?+|swapped|dropped)\b"
)
#: words that refer back to the work or the writer as the subject of a fault ("the count above", "this", "I")
_WORK_REFERENCE = frozenset(
    """this that it it's above my our i i've we we've answer count counting solution computation calculation
    calculations work result total argument derivation reasoning tally enumeration proof analysis approach
    estimate step steps line""".split()
)
#: words that put a fault on someone else ("many students forget …", "a common mistake is …")
_OTHERS_FAULT = frozenset(
    "common commonly often many most students people others someone beginners easy careful".split()
)
#: modals after "one" that make a fault someone's hypothetical ("one might forget …", "one could miss …")
_ONE_MIGHT = frozenset("might may could would can will".split())
#: words of a correction note that say the answer stands ("Correction: none.", "the answer is unaffected")
_STANDING = frozenset("none nothing n/a unaffected unchanged stands holds same still".split())
#: a correction note that states the corrected answer ("the answer should be 6"): read as a correction
_STATES_ANSWER = re.compile(r"(?i)\b(?:answer|result)\b[^.\n]{0,20}?\b(?:is|be|equals)\b")


def _faulting_note(masked: str) -> bool:
    """``masked`` (a sentence after the answer) is a labelled note that says the work above is wrong or misses
    something: a correction note ("Erratum: the last step should read …") unless it says the answer stands or
    states an answer (read by the correction and candidate rules), or a later note whose subject refers to the
    work and says it omits, miscounts or errs ("Addendum: the count above misses the empty set.", "P.S. I overlooked
    $n = 0$."), not negated and not put on others ("Note: many students forget the empty set.", "one might …")."""
    note = _NOTE.match(masked)
    if note is None:
        return False
    body = note.group("body")
    words = _lower_words(body)
    if _STATES_ANSWER.search(body) is not None:
        return False  # "Erratum: the answer should be 6", "Note: one might think the answer is 11, but …"
    if note.group("correction"):
        return bool(words) and not _STANDING.intersection(words)
    fault = _FAULT.search(body)
    before = _lower_words(body[: fault.start()]) if fault is not None else []
    if (
        fault is None
        or _OTHERS_FAULT.intersection(before)
        or any(a == "one" and b in _ONE_MIGHT for a, b in zip(before, before[1:]))
    ):
        return False
    at = len(before)
    return bool(_WORK_REFERENCE.intersection(before)) and not negated(before + ["x"], at, _NEGATORS)


#: a fault the writer allows for, in its modal form ("I may have misread the problem.", "(AI-generated; may contain
#: errors)", "This might be wrong.", "I could have made a mistake."), maybe graded ("I could be way off here.")
_POSSIBLE_FAULT = re.compile(
    r"(?i)\b(?:may|might|could)(?:[ \t]++(?:well|also|still|easily))?+[ \t]++(?:(?:contain|include|have|has)[ \t]++"
    r"(?:an?[ \t]++|some[ \t]++|a[ \t]++few[ \t]++)?+(?:errors?+|mistakes?+|inaccurac(?:y|ies)|bugs?+|typos?+)"
    r"|(?:be|have[ \t]++been)[ \t]++(?:(?:way|totally|completely|entirely|dead|all|badly|quite|very|somewhat|slightly"
    r"|a[ \t]++(?:bit|little|lot)|far|wildly|way[ \t]++way)[ \t]++)?+(?:wrong|incorrect|off|inaccurate|mistaken|flawed"
    r"|erroneous)"
    r"|have[ \t]++(?:made[ \t]++(?:an?[ \t]++|some[ \t]++)?+(?:errors?+|mistakes?+|slips?+)|mis[a-z]{2,20}+"
    r"|(?:gotten|got)[ \t]++(?:it|this|that|something)[ \t]++wrong))\b"
)
#: words before such a modal that put the fault on someone else or on a hypothetical ("Students may make errors",
#: "If the data might contain errors", "one might miscount")
_OTHERS_MODAL = frozenset("you your one students people others someone beginners if unless when".split())


def _possible_fault(masked: str) -> bool:
    """``masked`` (a sentence after the answer) allows for a fault in the writer's work or answer by a modal
    (:data:`_POSSIBLE_FAULT`), not on someone else or under a condition (:data:`_OTHERS_MODAL`)."""
    m = _POSSIBLE_FAULT.search(masked)
    if m is None:
        return False
    before = _lower_words(masked[: m.start()])
    return not _OTHERS_MODAL.intersection(before) and not _OTHERS_FAULT.intersection(before)


#: an admission that the answer is only part of what is asked: a share of the answer said of it ("this is half the
#: answer", "that is only part of the total", "a partial sum") or work still to do on it ("we still need to add the 3", "it has
#: yet to be doubled", "not yet converted")
_PARTIAL_ANSWER = re.compile(
    r"(?i)\b(?:(?:this|that|it|which)(?:'s|[ \t]++(?:is|was))?+(?:[ \t]++(?:only|just|merely|still))?+[ \t]++"
    r"(?:half|a[ \t]++(?:third|quarter|fraction|portion|part)|(?:a[ \t]++)?+part|one[ \t]++part)"
    r"(?:[ \t]++of)?+[ \t]++(?:the|our|my)[ \t]++(?:final[ \t]++|full[ \t]++|whole[ \t]++)?+"
    r"(?:answer|total|result|solution|sum)|partial[ \t]++(?:answer|result|sum|total|solution)"
    r"|(?:(?:still|yet)[ \t]++(?:need|needs|have|has|must)|(?:need|needs|have|has)[ \t]++(?:still|yet))[ \t]++to"
    r"[ \t]++(?:be[ \t]++)?+(?:add|subtract|multiply|divide|double|triple|halve|include|account|combine|convert"
    r"|scale|adjust|added|subtracted|multiplied|divided|doubled|tripled|halved|included|accounted|combined"
    r"|converted|scaled|adjusted)|not[ \t]++yet[ \t]++(?:been[ \t]++)?+(?:added|subtracted|multiplied|divided"
    r"|doubled|tripled|halved|included|accounted|combined|converted|scaled|adjusted))\b"
)


def _asks_otherwise(masked: str) -> bool:
    """``masked`` (a value-free sentence after the answer) opens on a contrast and names the question's asking, in
    any language of the lexicon ("But the question asks for the oranges.", "Pero la pregunta pide las naranjas.",
    "Aber gefragt ist der Preis."): the answer is not the quantity asked for."""
    from rlvr.verifiers.lexicon import ASKING_WORDS, CONTRAST_OPENERS

    words = _lower_words(masked)
    return bool(words) and words[0] in CONTRAST_OPENERS and bool(ASKING_WORDS.intersection(words[:12]))


#: a heading or a labelled line: a line opened by ``#`` or wholly in bold, or opened by a label and a colon ("##
#: Summary", "**Check**", "Verification:", "Confidence: high"; a label line that denies is read by its own rule)
_HEADING = re.compile(r"[ \t*_]*+(?:#{1,6}+[ \t]|\*\*[^*\n]{1,80}+\*\*[ \t:]*+$|[^\W\d_][^\n:.!?]{0,40}+:)")


#: a choice letter inside a sentence ("It is B, not C."; "I" is the pronoun)
_LETTER_IN_SENTENCE = re.compile(r"(?<=\S)[ \t]++\(?[A-HJ]\)?(?![\w'-])")


def _comment_form(sent: str, masked: str) -> bool:
    """``sent`` may be read by :func:`~rlvr.verifiers.trailing.comments_on_answer`: it has words outside HTML tags,
    is no heading or labelled line, holds no choice letter (a value), offers nothing to the reader ("If needed I can explain more.") and
    does not open on a verb of taking back, which :func:`_takes_back` reads ("Ignore the remainder.")."""
    first = _RUN_WORD.search(_HTML_TAG.sub("", masked))
    return first is not None and not (
        _HEADING.match(sent)
        or _LETTER_IN_SENTENCE.search(masked)
        or _OFFER.search(masked)
        or (first is not None and first.group(0).lower() in _TAKE_BACK_VERBS)
    )


#: words that call what they are said of an error ("That seems off.", "Typo.", "My calculation may be flawed.")
_ERROR_WORDS = frozenset(
    "wrong incorrect mistake mistaken mistakes error errors erroneous erred typo flawed bogus invalid off false untrue "
    "inaccurate nonsense garbage".split()
)
#: words that say the answer before them is not exact or misses something ("This is only a lower bound.", "It
#: should be larger.", "I forgot a case.", "The true answer may differ.")
_INEXACT_WORDS = frozenset(
    "bound larger smaller bigger higher undercounts overcounts undercounted overcounted double-counted underestimate "
    "overestimate underestimates overestimates forgot missed ignores ignored omitted omits overlooked differ "
    "differs".split()
)
#: verbs that take the answer back ("I retract that.", "Disregard the above.", "Let me redo this.", "Retracted.")
_TAKE_BACK_VERBS = frozenset(
    "retract retracted withdraw withdrawn disregard disregarded ignore forget scratch strike cancel cancelled "
    "discard discarded void redo reconsider recompute recalculate rethink rework".split()
)
#: words that refer back to the answer, as a subject ("That seems off.", "My calculation …", "The true answer …")
#: or as an object ("Forget it.", "Disregard the above.")
_BACK_REFERENCE = frozenset(
    "this that it that's it's this's there there's i i'm i've i'd my above answer result calculation work math "
    "everything all previous".split()
)
_PRONOUNS = frozenset("this that it".split())
#: labels and courtesies before a sentence that takes the answer back ("Sorry, that's wrong.", "Edit: wrong.")
_TAKE_BACK_LABELS = frozenset(
    "sorry apologies apology edit update note caveat ps p.s nb n.b ugh haha lol please kindly just let me i i'll we".split()
)
#: interjections that break off the answer before them ("Oops.", "Hold on.", "Errr."): a sentence of only these
_INTERRUPTIONS = frozenset("oops whoops ugh uh err errr erm um argh hold on wait".split())
#: words that negate what follows them in a sentence ("No mistakes here.", "That's not wrong.")
_NEGATORS = frozenset("no not never nothing without none nor".split())
#: words of an explanation or of another candidate: a sentence with one explains, it takes nothing back ("This is
#: because the other root is invalid.", "It is larger than 3.")
_EXPLAINING = frozenset(
    "because since as which where when whereas other another others rest than extraneous common easy avoid careful".split()
)
#: words of checking an answer, and words that ask for it to be done ("Please verify this.", "Needs checking.",
#: "TODO: check this."; "Let me verify: …" checks it and is read by what follows)
_VERIFYING = frozenset(
    "verify verified verification check checked checking double-check double-checked double-checking recheck "
    "rechecking confirm confirmed".split()
)
_REQUEST = frozenset("please needs todo fixme i'd someone anyone".split())


_CHECK_IMPERATIVE = frozenset("verify check double-check recheck confirm".split())
#: verbs of giving an answer, and words of not being able to ("I can't solve it.", "I am not able to determine
#: it.", "The question cannot be answered.", "I don't have enough information.")
_ANSWERING = frozenset("solve solved answer answered determine determined compute calculate find help tell say".split())
_UNABLE = frozenset("can't cannot couldn't unable impossible".split())
_DECLINING_SUBJECTS = frozenset("i i'm i've we we're sorry question problem it this there".split())
#: words that make an inability about something else ("We can't find a smaller one.", "You cannot simplify it
#: further.")
_ABOUT_OTHERS = frozenset("smaller larger bigger fewer less more better any further else other another".split())


def _declines(words: list[str]) -> bool:
    """A sentence in which the writer (or "the question") says it cannot give the answer: an inability ("can't",
    "unable", "not able") with a verb of answering, or not having enough information."""
    if not _DECLINING_SUBJECTS.intersection(words[:3]) or _ABOUT_OTHERS.intersection(words):
        return False
    unable = _UNABLE.intersection(words) or any(a == "not" and b == "able" for a, b in zip(words, words[1:]))
    if unable and _ANSWERING.intersection(words):
        return True
    lacking = "enough" in words and ("not" in words or any(w.endswith("n't") for w in words))
    return lacking and bool({"information", "info", "data", "details"}.intersection(words))


def _unverified(words: list[str]) -> bool:
    """A negation right before a word of checking ("Not verified.", "not double-checked")."""
    return any(a in _NEGATORS and b in _VERIFYING for a, b in zip(words, words[1:]))


#: doubt adverbs of an elliptic sentence ("Hopefully.", "Conceivably.", "I hope."), beside the qualifier cues
_ELLIPTIC_DOUBT = frozenset(
    "hope hopefully conceivably plausibly arguably supposedly allegedly unclear unverified uncertain unsure "
    "thereabouts".split()
)
#: words an elliptic qualifier sentence may hold besides its cue ("At least.", "Or more.", "Plus or minus one.")
_ELLIPTIC_GLUE = frozenset("or at and so i just only one a bit by give take".split())
#: qualifier cues that affirm rather than qualify when they stand alone ("Right.", "Correct.", "Sure.")
_AFFIRMING_CUES = frozenset("right correct sure".split())


def _takes_back(words: list[str], lead: list[str]) -> bool:
    """The words of a value-free sentence after an answer (fillers dropped) take the answer back or say it is not
    the value: an error said of the answer ("That seems off.", "Sorry, wrong answer.", "Typo."), a verb that takes
    it back with no object or one that refers to it ("I retract that.", "Disregard the above.", "Let me
    reconsider."), a statement that it is a bound or misses something ("This is only a lower bound.", "I forgot a
    case."), an interjection that breaks it off ("Oops.", "Hold on."), or an elliptic qualifier ("At least.", "Or
    more.", "Hopefully."). A negation before the error word makes it an aside ("No mistakes here.")."""
    from rlvr.verifiers.lexicon import QUALIFIER_CUES, number_words

    if not words or _EXPLAINING.intersection(words):
        return False  # "This is because the other root is invalid.": an explanation
    if _courtesy_hope(words):
        return False  # "I hope this is correct!": the closing courtesy of "I hope it is correct."
    if all(w in _INTERRUPTIONS or w in _NEGATION_LEAD or w in _LEAD_FILLERS for w in words):
        return True  # "Oops.", "Hold on.", "Ugh, no."
    if (
        lead
        and len(lead) <= 4
        and any(w in _ELLIPTIC_DOUBT or (w in QUALIFIER_CUES and w not in _AFFIRMING_CUES) for w in lead)
    ):
        if all(w in _ELLIPTIC_DOUBT or w in QUALIFIER_CUES or w in _ELLIPTIC_GLUE or number_words(w) for w in lead):
            return True
    if _VERIFYING.intersection(words) and (_REQUEST.intersection(words) or _unverified(words)):
        return True  # "Please verify this.", "This needs checking.", "(Not verified.)": the answer is left unchecked
    if words[0] in _CHECK_IMPERATIVE and len(words) > 1 and words[1] in _BACK_REFERENCE:
        return True  # "Double-check my work though.", "Verify this."
    if _declines(words):
        return True  # "I can't solve it.", "I don't have enough information."
    body = words
    while body and body[0] in _TAKE_BACK_LABELS:
        body = body[1:]
    if not body:
        return False
    head = body[0]
    if head in _TAKE_BACK_VERBS:  # "Retracted.", "Disregard the above.", "Let me redo this."
        rest = [w for w in body[1:] if w not in ("the", "my", "what", "said", "answer")]
        return not rest or rest[0] in _BACK_REFERENCE or len(body) == 1
    # a back-reference as the subject: first, or after a determiner ("The true answer …"); a later "that" or "it"
    # is a complementizer or an object ("Note that we ignored the tax.")
    refers = len(body) <= 3 or body[0] in _BACK_REFERENCE or any(w in _BACK_REFERENCE - _PRONOUNS for w in body[1:3])
    for w in body:
        if w in _NEGATORS or w.endswith("n't"):
            return False  # "No mistakes here.", "That isn't wrong."
        if (w in _ERROR_WORDS or w in _INEXACT_WORDS) and refers:
            return True
    return False


#: a closing wish that the answer be right: "I hope this is correct", "Hope that's right", "I hope it helps"
_COURTESY_HOPE = (
    re.compile(r"(?:i[ ]hope|hope|hopefully)[ ](?:this|that|it)(?:[ ]is|'s)[ ](?:correct|right|accurate|helpful)"),
    re.compile(r"(?:i[ ]hope|hope)[ ](?:this|that|it)[ ]helps"),
)


def _courtesy_hope(words: list[str]) -> bool:
    """``words`` are only a closing wish that the answer is right or helps ("I hope this is correct", "Hope that's
    right"): a courtesy like "I hope it is correct.", not a doubt."""
    joined = " ".join(words[:8])
    return any(p.fullmatch(joined) for p in _COURTESY_HOPE)


#: words of solving and checking: negated, they say the answer was not worked out ("I didn't actually solve it.",
#: "Answer generated without solving.", "Haven't checked.", "I skipped the verification.")
_WORKING = frozenset(
    """solve solved solving compute computed computing calculate calculated calculating work worked working derive
    derived check checked checking verify verified verifying verification math maths arithmetic calculation
    calculations computation computations""".split()
)
_SKIPPING = frozenset("skipped skip skipping without never not no".split())


def _misdeed(word: str) -> bool:
    """A verb of doing the work wrongly, by its form ("miscounted", "miscalculated", "misread", "misunderstood")."""
    return len(word) >= 7 and word.startswith("mis") and word.endswith(("ed", "read", "took", "understood", "wrote"))


#: who says the work was not done: the writer, the answer, or nobody (an elliptic "Didn't verify.")
_WRITER = frozenset("i i've i'm i'd answer this it generated".split())


#: the values of a status line that deny it ("Verified: no", "Checked: false", "Tested: pending"), or say the check
#: was never done ("Verification: skipped", "Check: omitted", "Verified: TBD", "Checked: deferred")
_DENIED = frozenset(
    """no false not none pending unknown todo tbd skipped skip omitted deferred postponed incomplete unchecked
    unverified untested unconfirmed unattempted undone""".split()
)


#: participles of doing a check, negated in a status value ("Verification: not performed")
_DONE = frozenset("done performed attempted completed run carried possible".split())
#: the values of :data:`_DENIED` that say the check was never done, read in a longer status value too
#: ("Verification status: skipped (out of time)")
_NEVER_DONE = frozenset("skipped omitted deferred postponed tbd todo unchecked unverified untested pending".split())


def _status_denied(words: list[str]) -> bool:
    """A status line about checking the answer that denies it ("Verified: no", "Checked: false") or says it was
    never done (:data:`_NEVER_DONE`, with no negation before it: "Verification status: skipped (out of time)")."""
    if len(words) < 2 or words[0] not in _VERIFYING:
        return False
    if len(words) <= 3 and words[-1] in _DENIED:
        return True
    head = words[1:4]
    if head[:1] in (["not"], ["never"]) and len(head) > 1 and head[1] in _DONE:
        return True  # "Verification: not performed", "Checked: never done"
    return len(words) <= 8 and bool(_NEVER_DONE.intersection(head)) and not _NEGATORS.intersection(head)


#: a status or review line: a label of at most three words, a colon, and its value ("Verification: FAILED",
#: "> Reviewer: wrong, it's 6.", "Check: ✗")
_STATUS_LINE = re.compile(
    r"^[ \t>*_#-]*+((?:[^\W\d_][\w'-]*+[ \t]++(?![:\uff1a])){0,2}+[^\W\d_][\w'-]*+)[ \t*_]*+[:\uff1a][ \t*_]*+"
    r"(.{0,200}+)"
)
_CROSS = "\u2717\u2718\u274c\u2715\u2716\u00d7\u274e"


#: a check that opens on a condition or a supposition of the answer ("If each of the 3 boxes holds 8, …", "With 24
#: apples shared among 3, …", "Wenn sie 24 hatte, …", "Si elle avait 24, …", "Если у неё было 24, …")
_CHECK_CONDITION = frozenset(
    "if with suppose assuming wenn falls mit si con se если при jeśli jeżeli als eğer nếu".split()
)
#: marks of a check that failed ("≠", "\\neq", a cross) in its sentence; "×" before an operand multiplies
#: ("24 × 2 = 48"), a cross only elsewhere ("Check: ×")
_CHECK_FAILED = re.compile(rf"\u2260|\\neq?+(?![A-Za-z])|[{_CROSS.replace(chr(0xD7), '')}]|\u00d7(?![ \t]*+[\d(])")


def _agreeing_check(sent: str, keys: set[str], text: str = "", end: int = 0) -> bool:
    """``sent`` (a sentence after the answer, whose values are keyed in ``keys``) is a check that recomputes from the
    answer and agrees: it is labelled as a check in any language (:data:`~rlvr.verifiers.lexicon.STATUS_LABELS`,
    :data:`~rlvr.verifiers.lexicon.FOREIGN_STATUS_LABELS`: "Check: …", "Verification: …", "Проверка: …", "验证：…")
    or opens on a condition (:data:`_CHECK_CONDITION`: "If each holds 8, that's 24."), holds the answer's value, and
    holds no negation, error word or mark of failure (≠, ✗) and concludes no other value (:func:`_modal_answer`),
    and the sentence after it (in ``text`` after ``end``) does not retract ("Неверно.", "That's wrong."). Its other
    values are the work, not candidates."""
    from rlvr.verifiers.lexicon import FOREIGN_DENIALS, FOREIGN_STATUS_LABELS, STATUS_LABELS, check_denies

    masked = _mask_math(sent)
    words = _lower_words(masked)
    if not words or _CHECK_FAILED.search(sent) or _FAILED_CHECK.search(masked) or _modal_answer(sent, keys):
        return False  # "Check: 24 + 1 = 25, so it should have been 25.": it concludes another value
    label = _STATUS_LINE.match(sent)
    labelled = label is not None and any(
        w in STATUS_LABELS or w in FOREIGN_STATUS_LABELS for w in label.group(1).lower().split()
    )
    if not labelled and words[0] not in _CHECK_CONDITION:
        return False
    if any(w in _NEGATORS or w.endswith("n't") or w in _ERROR_WORDS or w in FOREIGN_DENIALS for w in words):
        return False
    if check_denies(words):
        return False  # "Sprawdzenie: 24 · 2 = 48, źle.", "验算：24×2=48，错误。": a failed check
    values = {_key(v.group(0)) for v in _CHECK_VALUE.finditer(sent.replace("$", " "))}
    return bool(values & keys) and not (text and _retracting_next(text, end)[0])


#: a number in a check's sentence
_CHECK_VALUE = re.compile(r"(?<![\w.])\d{1,40}+(?:\.\d{1,40}+)?+(?![\w]|\.\d)")


def _foreign_status_line(line: str) -> bool:
    """``line`` is a status line labelled in another language (:data:`~rlvr.verifiers.lexicon.FOREIGN_STATUS_LABELS`:
    "Prüfung: bestanden", "Проверка: не пройдена")."""
    from rlvr.verifiers.lexicon import FOREIGN_STATUS_LABELS

    m = _STATUS_LINE.match(line)
    return m is not None and bool(FOREIGN_STATUS_LABELS.intersection(m.group(1).lower().split()))


def _foreign_status_fails(value: str) -> bool:
    """``value`` (of a status line labelled in another language) says the check failed: it opens on a negation
    or a word of failure of the lexicon ("не пройдена", "nicht bestanden", "fehlgeschlagen", "未通过", "失败")."""
    from rlvr.verifiers.lexicon import FOREIGN_FAILED, FOREIGN_NEGATIONS

    words = [w.group(0).lower() for w in _RUN_WORD.finditer(value, 0, 60)]
    if not words:
        return False
    negations = {w for ws in FOREIGN_NEGATIONS.values() for w in ws.split()}
    return words[0] in FOREIGN_FAILED or words[0] in negations or any(f in words[0] for f in FOREIGN_FAILED if _cjk(f))


def _flag_line(sentence: str) -> bool | None:
    """A status line whose label is a doubting flag (:func:`_raised_flag`): whether it is set, else ``None``."""
    m = _STATUS_LINE.match(sentence)
    return None if m is None else _raised_flag(re.split(r"[ \t_]++", m.group(1).lower()), m.group(2))


def _raised_flag(label: list[str], value: str) -> bool | None:
    """A flag whose name raises a doubt (the lexicon's ``RAISED_FLAGS``, ``PROVISIONAL_STATUS``: "needs_review",
    "is_guess", "low_confidence") is set (``True``: "true", "yes", "1") or cleared (``False``: "false", "no"); ``None``
    for any other label or value. Its value reads the other way round from a check's ("verified: false")."""
    from rlvr.verifiers.lexicon import CLEARED_FLAG_VALUES, PROVISIONAL_STATUS, RAISED_FLAGS, SET_FLAG_VALUES

    if not any(w in RAISED_FLAGS or w in PROVISIONAL_STATUS for w in label):
        return None
    flag = value.strip(" \t*_`.\"'").lower()
    return True if flag in SET_FLAG_VALUES else False if flag in CLEARED_FLAG_VALUES else None


def _status_line_denies(sentence: str) -> bool:
    """A status, test or review line about the answer whose value denies it: a label with a word of
    :data:`~rlvr.verifiers.lexicon.STATUS_LABELS` and a value that opens with a word of
    :data:`~rlvr.verifiers.lexicon.DENYING_STATUS`, a negated verb ("does not hold") or a cross mark
    ("Verification: FAILED", "Unit test: FAIL", "Status: ❌ failed check", "Reviewer: wrong, it's 6"), or a value of
    one or two words ending in a provisional one ("Status: draft", "answer_type: rough estimate")."""
    from rlvr.verifiers.lexicon import DENYING_STATUS, FOREIGN_STATUS_LABELS, PROVISIONAL_STATUS, STATUS_LABELS

    m = _STATUS_LINE.match(sentence)
    if m is None:
        return False
    label = re.split(r"[ \t_]++", m.group(1).lower())  # "answer_type": a JSON key's words
    value = m.group(2).lstrip(" \t*_`")
    if value[:1] and value[0] in _CROSS:
        return any(w in STATUS_LABELS or w in FOREIGN_STATUS_LABELS for w in label)
    if FOREIGN_STATUS_LABELS.intersection(label):
        return _foreign_status_fails(value)
    if (raised := _raised_flag(label, value)) is not None:
        return raised  # "needs_review: true", "is_guess: yes"; "needs_review: false" clears the doubt
    if not any(w in STATUS_LABELS for w in label):
        return False
    words = [w.group(0).lower() for w in _RUN_WORD.finditer(value, 0, 60)]
    if not words:
        return False
    if len(words) <= 2 and words[-1] in PROVISIONAL_STATUS:
        return True  # "Status: draft", "answer_type: estimate" (a JSON key beside the answer): not final
    if words[0] in ("no", "none") and len(words) > 1:
        return False  # "Status: no errors found."
    if words[0] in DENYING_STATUS or words[0].endswith("n't") or words[0] in ("does", "did") and words[1:2] == ["not"]:
        return True  # "FAILED", "doesn't hold", "does not satisfy the equation"
    return any(w in DENYING_STATUS and w not in ("no", "not", "none") for w in words[:4])  # "this is wrong"


def _doubt_form(words: list[str]) -> bool:
    """A value-free sentence after an answer that disowns it by its form: a short sentence (at most six words) with
    a word of the doubt lexicon (:data:`~rlvr.verifiers.lexicon.DOUBT_WORDS`: "I guessed.", "Dubious.", "Meh.",
    "Pure speculation.", "This is just a placeholder.") not right after a negation ("No guessing involved."), a
    miscount or miscalculation said of the work ("I may have miscounted.", "Possibly miscalculated."), or the work
    said not to be done by the writer ("I didn't actually solve it.", "Haven't checked.", "Answer generated without
    solving.")."""
    if not words or _EXPLAINING.intersection(words):
        return False
    for k, w in enumerate(words):
        negated = k > 0 and (words[k - 1] in _NEGATORS or words[k - 1].endswith("n't"))
        if len(words) <= 6 and not negated and (w in DOUBT_WORDS or _misdeed(w)):
            return True
        if w in _WORKING and (words[0] in _WRITER or words[0].endswith("n't") or words[0] in _SKIPPING):
            if any(x in _SKIPPING or x.endswith("n't") for x in words[max(0, k - 3) : k]):
                return True
    return False


#: a sentence made of one or two of these words says the answer before it is approximate ("Ish.", "Roughly.")
_APPROXIMATE = frozenset(
    "ish approximately approx approximate approximation roughly about around circa nearly almost estimate estimated "
    "ballpark".split()
)


def _last_sentences(text: str) -> tuple[str, list[tuple[int, int]], int] | None:
    """The sentences around the last one holding math or a digit (searched in a window around the last such
    character): ``(window, spans, index of that sentence)``."""
    last = max(text.rfind("$"), text.rfind("\\"), max(text.rfind(d) for d in "0123456789"))
    if last < 0:
        return None
    lo = max(0, last - _WINDOW)
    window = text[lo : last + _WINDOW]
    sentences: list[tuple[int, int]] = []
    i = 0
    while i < len(window):
        end = _sentence_end(window, i, len(window))
        if end > i and window[i:end].strip():
            sentences.append((i, end))
        i = max(end + 1, i + 1)
    for k in range(len(sentences) - 1, -1, -1):
        s, e = sentences[k]
        if _ANSWER_TOKEN.search(window[s:e]):
            return window, sentences, k
    return None


#: how far before the end of a sentence a belief frame after its last value is read ("விடை 24 என்று நினைக்கிறேன்.")
_BELIEF_AFTER_WINDOW = 120


def _foreign_belief(masked: str) -> bool:
    """A belief frame or modal of another language (the lexicon's ``FOREIGN_BELIEF``) in the sentence ``masked``
    (math masked) that holds a value: before its first value, or after its last, where verb-final languages put the
    belief verb ("விடை 24 என்று நினைக்கிறேன்.", "Cevap 24 sanırım.", "Die Antwort ist 24, glaube ich."), unless
    the word after it is a modal that also means "can" (``FOREIGN_ABILITY_MODALS``: "24, которое может …")."""
    from rlvr.verifiers.lexicon import FOREIGN_ABILITY_MODALS, FOREIGN_BELIEF

    token = _ANSWER_TOKEN.search(masked)
    if token is None:
        return False
    if FOREIGN_BELIEF.search(masked, 0, token.start()) is not None:
        return True
    tail = masked[-_BELIEF_AFTER_WINDOW:]
    last = max((m.end() for m in _ANSWER_TOKEN.finditer(tail)), default=-1)
    after = FOREIGN_BELIEF.finditer(tail, last) if last >= 0 else iter(())
    return any(m.group(0).lower() not in FOREIGN_ABILITY_MODALS for m in after)


#: an option named by its letter in parentheses or after "option"/"choice", then a colon ("option (C): 24",
#: "choice C: $24$", "(C): 24"); a bare letter before a colon may be a label ("A: 24", the answer of a Q/A pair)
_OPTION_COLON = re.compile(r"(?i)(?:(?:option|choice)[ \t]++\(?[A-J]\)?|\([A-J]\))[ \t]*+:[ \t]*+\S")


def _statement_of_sentence(sent: str, trailing_run: bool = True, anchored: bool = False) -> Extraction | None:
    """The answer part of a final sentence: after its copula, else its trailing run of answer tokens.
    ``anchored``: the sentence is what follows an answer phrase, which anchors it like a copula."""
    s = _without_aside_clause(_without_closing_aside(_without_location(_LEAD.sub("", _corrected(sent.strip())))))
    if not s:
        return None
    if _OPTION_COLON.match(s):
        return _statement(s, "final_statement")  # "option (C): 24": the choice and its value, read whole
    masked = _mask_math(s)
    if _foreign_belief(masked):
        return _found([s], "final_statement", "text")  # "Myslím, že odpověď je 24.": a belief, read whole
    cut = _concluding_clause(masked)
    if cut:  # "She has 9 eggs left, so she earns 9 × $2 = $18": the clause drawn last concludes
        s, masked = s[cut:], masked[cut:]
    why = _EXPLANATION_CLAUSE.search(masked)
    if why is not None and _ANSWER_TOKEN.search(masked, 0, why.start()) and not _doubting_words(s[why.start() :]):
        s = s[: why.start()]  # "24 because 16 + 7 = 23", "24, since …": the explanation is cut
        masked = masked[: why.start()]
    cops = [c for c in _COPULA.finditer(masked) if c.group(0) != "=" or _prose_label(masked[: c.start()])]
    if cops:
        first, last = cops[0], cops[-1]
        choice = last
        if first is not last and re.search(r"(?i)\bor\b", masked[first.end() : last.start()]):
            choice = first  # "2 or it is 3": read the whole statement
        if choice.group(0) == "=" and any(c.group(0) == "=" for c in cops[:-1]):
            choice = next(c for c in cops if c.group(0) == "=")  # "Total = 48 + 24 = 72"
        if _lead_changes(s[: choice.end()]):
            return _statement(s, "final_statement")  # "Wrong: 5", "I doubt it is 5": not the answer
        after = s[choice.end() :]
        neg = re.search(r"(?i)\b(?:not|never|cannot|\w+n't)[ \t]*+$", masked[: choice.start()])
        if neg is not None:  # "it can't be 2", "it cannot be 2": the negation is part of the answer
            after = s[neg.start() :]
        if not _ANSWER_TOKEN.search(_mask_math(after)) and _ANSWER_TOKEN.search(masked[: choice.start()]):
            inverted = _INVERTED.search(masked, 0, choice.start()) if not after.strip(" \t.!") else None
            if inverted is None and not _affirming(after):  # "23 is wrong", "23 is a guess": read whole
                return _found([_clean(_unbold(s))], "final_statement", "text")
            head = s[: inverted.start() if inverted is not None else choice.start()]  # "so 3 is right", "23 it is"
            clause = max(head.rfind(","), head.rfind(";"))
            head = head[clause + 1 :]
            run = _trailing_run(head, _mask_math(head)) if trailing_run else head
            if run is None and clause > 0 and _PRONOUN_SUBJECT.fullmatch(head):
                spans = _math_spans(s[:clause])  # "$n = 5$ works, and it is the smallest such value": its one value
                if len(spans) == 1:
                    run = s[spans[0][0] : spans[0][3]]
            if run is not None:
                return _statement(run, "final_statement")
        got = _statement(_INVERTED_SUBJECT.sub("", after, count=1), "final_statement")
        if got is not None:
            return got
    if trailing_run:
        run = _trailing_run(s, masked)
        if run is None:
            run = _single_island(s, masked)
        word = re.match(r"[^\W\d_]++[ \t]*+", run) if run is not None else None  # a run led by a word: "plus 5"
        pre = s[: len(s) - len(run)] if run is not None else ""
        if run is not None and (
            _lead_changes(pre, anchored) or (word is not None and _lead_changes(pre + word.group(0), anchored))
        ):
            return _statement(s, "final_statement")  # "not quite 5", "the square of 5", "au plus 5": read whole
        if run is not None:
            return _statement(run, "final_statement")
    return _statement(s, "final_statement")


#: a conclusion drawn from the clause before it, after a comma or semicolon (", so", "; thus", ", and hence")
_CONCLUSION_LINK = re.compile(r"(?i)[,;][ \t]++(?:and[ \t]++)?+(?:so|thus|hence|therefore)\b[ \t,]*+")


_LATIN_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
#: a math span that assigns values to single letters: ``m = 4``, ``p = 2, q = 3``
_ASSIGNMENTS = re.compile(
    r"[ \t]*+[A-Za-z][ \t]*+=[ \t]*+[-\w.\\{}]{1,40}+(?:[ \t]*+,[ \t]*+[A-Za-z][ \t]*+=[ \t]*+[-\w.\\{}]{1,40}+){0,8}+[ \t]*+"
)
#: a math span that states a combination of letters: ``m + n = 12``, ``p^2 + q^2 = 13``
_COMBINATION = re.compile(r"[ \t]*+(?P<expr>[-+*^()\w \t\\{}]{1,80}+)=[ \t]*+[-\w.\\{}]{1,40}+[ \t]*+")


def _with_premise(sent: str, got: Extraction | None) -> Extraction | None:
    """``got`` read after the assignments of its sentence that it combines, when it is one combination of letters
    stated in the sentence's last math span ("$m = 10$ and $n = 4$, giving $m - n = 5$": ``$m = 10$, $n = 4$,
    $m - n = 5$``), so that the parts are checked against the combination; else ``got`` as it is."""
    if got is None or len(got.parts) != 1:
        return got
    spans = _math_spans(sent)
    if len(spans) < 2 or sent[spans[-1][1] : spans[-1][2]].strip() != got.parts[0].strip(" $"):
        return got
    comb = _COMBINATION.fullmatch(sent, spans[-1][1], spans[-1][2])
    if comb is None:
        return got
    letters = set(re.sub(r"\\[A-Za-z]++", "", comb.group("expr"))) & _LATIN_LETTERS
    given = [sent[a:d] for a, b, c, d in spans[:-1] if _ASSIGNMENTS.fullmatch(sent, b, c)]
    named = set(re.findall(r"([A-Za-z])[ \t]*+=", " ".join(given)))
    if len(letters) < 2 or not letters <= named:
        return got
    whole = sent[spans[-1][0] : spans[-1][3]]
    return _found([", ".join(given) + ", " + whole], got.method, "text")


def _concluding_clause(masked: str) -> int:
    """Where the last concluding clause of a sentence starts (0: none), when it states a value and so does the
    clause it concludes from: a sentence's result is drawn last, the earlier clause is its premise."""
    return _last_link_between_values(_CONCLUSION_LINK, masked)


def _last_link_between_values(link: re.Pattern[str], masked: str) -> int:
    """The end of the last match of ``link`` in ``masked`` when a value stands both before and after it, else 0."""
    links = deque(link.finditer(masked), maxlen=1)
    last = links[0] if links else None
    if (
        last is None
        or not _ANSWER_TOKEN.search(masked, last.end())
        or not _ANSWER_TOKEN.search(masked, 0, last.start())
    ):
        return 0
    return last.end()


#: the subject of a German or Dutch sentence that puts its verb second, after the copula and before the value, when
#: it names the result ("Also beträgt die Summe 24", "Damit ist das Ergebnis 24", "Dus is het antwoord 24")
_INVERTED_SUBJECT = re.compile(
    r"^[ \t]*+(?:die|der|das|het|de)[ \t]++(?:(?:gesuchte|gesamte|richtige|endgültige|gezochte|juiste)[ \t]++)?+"
    r"(?:Summe|Gesamtsumme|Antwort|Lösung|Ergebnis|Endergebnis|Anzahl|Gesamtzahl|Differenz|Produkt|Wert|antwoord|"
    r"som|totaal|uitkomst|resultaat|oplossing|waarde)[ \t]++(?=[-$\d\\])"
)
#: a clause whose subject is a pronoun for the value of the clause before it ("…, and it is the smallest")
_PRONOUN_SUBJECT = re.compile(r"(?i)[ \t]*+(?:(?:and|so|thus|hence)[ \t]++)?+(?:it|this|that|which)[ \t]*+")
#: a pronoun before a sentence-final copula: the value before it is affirmed ("23 it is", "So 23 it was")
_INVERTED = re.compile(r"(?i)(?<=[\d$}])[ \t]++(?:it|that|this)[ \t]*+$")
#: what a copula may say of an answer that is its subject: "3 is right", "23 is the answer", "5 is the total"
_AFFIRMING = re.compile(
    r"(?i)^[ \t]*+(?:(?:indeed|exactly|definitely|clearly|certainly|then|therefore|thus|also|surely)[ \t]++)*+"
    r"(?:right|correct|true|it|(?:the|my|our)[ \t]++(?:(?:final|correct|right|only|exact|required|desired)[ \t]++)*+"
    r"(?:answer|result|value|total|sum|solution|number|count|product|difference|quotient|amount|one|output"
    r"|maximum|minimum|largest|smallest|greatest|least))\b"
)


def _affirming(predicate: str) -> bool:
    """The predicate after a copula states that its subject is the answer ("is right", "is the answer", "is the
    number of ways"), without a cue that negates or weakens it ("is the wrong answer", "is a guess")."""
    from rlvr.verifiers.lexicon import LEAD_CUES, cue_words

    masked = _mask_math(predicate)
    m = _AFFIRMING.match(masked)
    if m is None or "?" in masked:
        return False
    words = [w.group(0) for w in _RUN_WORD.finditer(masked, m.end())]
    return not cue_words(words) and not any(w.lower() in LEAD_CUES for w in words)


#: an explanation after an answer ("24 because …", "24, since …"): cut, whatever values it computes
_CLOSING = (
    r"(?:[,;]|[ \t]-{1,2}|[ \t]?\u2014)[ \t]*+(?:done|easy|simple|q\.?e\.?d|that'?s[ \t]++it|finished|verified|"
    r"checked|double-checked|confirmed|exactly|precisely|final)\b[ \t.!]*+$|(?<![ \t])[ \t]*+\((?:i[ \t]++|we[ \t]++)?+(?:exactly|exact|precisely|"
    r"verified|checked|double-checked|triple-checked|confirmed|rechecked|final|ans\.?+|answer)(?:[ \t]++twice)?+\)[ \t.!]*+$"
)
#: a closing remark that endorses the answer before it ("23 — verified", "23 (exactly)", "23 (I double-checked)")
_CLOSING_REMARK = re.compile(r"(?i)" + _CLOSING)
_EXPLANATION_CLAUSE = re.compile(
    r"(?i)(?:[,;]|[ \t]-{1,2}|[ \t]?\u2014)?(?<![ \t])[ \t]++(?:because|since|" + _FOREIGN_BECAUSE + r")\b|"
    r",[ \t]*+da\b|[,;][ \t]*+which[ \t]++(?:is|was|are|gives)\b|" + _CLOSING
)
#: a rejected value before the answer: "not 22 but 23", "Not 24, but 23"
_NOT_BUT = re.compile(r"(?i)\bnot[ \t]++(?:\$?-?\d[\d.,/]{0,30}+\$?)[ \t]*+,?[ \t]*+but[ \t]++(?=\$?-?\d)")


#: a value corrected within its sentence: "22, I mean 23", "22 — no, 23", "22, or rather 23", "22, sorry, 23"
_CORRECTED_IN = re.compile(
    r"(?i)(?<=[\d$}])[ \t]*+(?:[,;\u2014]|--?)[ \t]*+(?:or[ \t]++rather|rather|i[ \t]++mean|no|nope|sorry|wait|make[ \t]++(?:that|it)|"
    r"(?:scratch|strike)[ \t]++that|correction)\b[ \t]*+(?:(?:[,:;\u2014]|--?)[ \t]*+)?+"
    r"(?:(?:i[ \t]++mean|wait|sorry)\b[ \t]*+,?[ \t]*+)?+(?=\$?-?\d)"
)


def _corrected(s: str) -> str:
    """``s`` without a rejected value that precedes the answer ("not 22 but 23" is 23), without a value it
    corrects ("22, I mean 23" is 23) and without a superseded value after it ("23 (not 22)")."""
    s = _without_superseded(s)
    m = _NOT_BUT.search(s) if "but" in s.lower() else None
    s = s if m is None else s[: m.start()] + s[m.end() :]
    fix = _last(_CORRECTED_IN.finditer(s)) if any(d in s for d in ",;\u2014-") else None
    if fix is None:
        return s
    head = s[: fix.start()]
    run = _trailing_run(head, _mask_math(head))  # the corrected value goes, its sentence stays: "is 22, I mean 23"
    return (head[: len(head) - len(run)] if run else head) + s[fix.end() :]


#: a closing phrase that names a value the answer before it supersedes: "(not 25)", ", not 25 as I first thought",
#: "(corrected from 25)", "(previously 25)", "(instead of 25)"
_SUPERSEDED = re.compile(
    r"(?i)[ \t]*+(?:\([ \t]*+|,[ \t]*+|(?:\u2014|--?)[ \t]*+)"
    r"(?:not|(?:corrected|changed|fixed|revised|updated)[ \t]++from|previously|earlier|formerly|instead[ \t]++of)"
    r"[ \t]++\$?+-?\d[\d.,/]{0,30}+\$?+(?:[ \t]*+,?[ \t]*+as[ \t]++i[ \t]++(?:first|initially|originally|earlier|"
    r"previously|wrongly|mistakenly)[ \t]++(?:thought|wrote|said|had|claimed|stated|computed|got))?+[ \t]*+\)?+[ \t.!]*+$"
)


def _without_superseded(s: str) -> str:
    """``s`` without a closing phrase naming a value that its answer supersedes ("24 (corrected from 25)", "24,
    not 25 as I first thought"): the earlier value is withdrawn, not offered. A parenthesis must close, and a
    value must end the text before the phrase (or the phrase opens ``s``, the rest of a box's sentence)."""
    base = max(0, len(s) - 160)
    m = _SUPERSEDED.search(s, base)
    if m is None or m.start() == base > 0:
        return s
    cut = m.start()
    if cut > 0 and s[cut - 1] not in "0123456789$}.%)":
        return s
    opened = s[cut:].lstrip().startswith("(")
    if opened != s.rstrip(" \t.!").endswith(")"):
        return s
    return s[:cut]


def _prose_label(before: str) -> bool:
    """The text right before ``=`` is a word label ("Total = 18"), not part of an expression (``x = 5``)."""
    tail = before.rstrip()
    m = re.search(r"[A-Za-z]{2,}$", tail)
    return m is not None and not re.search(r"[\d\\^_{}()+*/=<>]", tail[max(0, m.start() - 2) : m.start()])


_RUN_WORD = re.compile(rf"{_LETTER}++(?:['\-]{_LETTER}++)*+")
_ANSWER_TOKEN = re.compile(r"\d|\$|\\[(\[A-Za-z]")
#: words that change the value right after them: kept in front of a trailing answer ("not 2", "at least 2")
_MODIFIERS = frozenset(
    """not no never least most than over under above below beyond nearly almost around about approximately
    roughly maybe perhaps possibly probably except without neither nor minus plus times more less fewer
    greater smaller larger up either or and negative neg""".split()
)


_LINKS = frozenset({"of", "to", "by", "but", "than", "from", "with"})


def _modifier(word: str) -> bool:
    """A word that changes the value right after it ("not", "at least", a negated verb: "isn't")."""
    from rlvr.verifiers.lexicon import NEGATION_CUES, QUALIFIER_CUES

    w = word.lower()
    return w in _MODIFIERS or w.endswith("n't") or w in NEGATION_CUES or w in QUALIFIER_CUES


def _trailing_run(s: str, masked: str) -> str | None:
    """The end of a sentence that is its answer: from its first math/number after the last ordinary word
    (a modifier right before it, "not 2", is kept), through unit, noun and connector words; ``None`` if none."""
    from rlvr.verifiers.lexer import MATH_WORDS
    from rlvr.verifiers.lexicon import (
        AND_WORDS,
        FRACTION_WORDS,
        MULTIPLIERS,
        NEUTRAL_TRAILING,
        OR_WORDS,
        UNIT_ALIASES,
        count_noun,
    )

    allowed = set(OR_WORDS) | set(AND_WORDS) | set(MULTIPLIERS) | {w for ph in NEUTRAL_TRAILING for w in ph.split()}
    allowed |= set(MATH_WORDS) | FRACTION_WORDS | {"an", "one"}  # "5 and a half hours", "5 and one third"
    words = list(_RUN_WORD.finditer(masked))
    start = 0
    for k in range(len(words) - 1, -1, -1):
        m, w = words[k], words[k].group(0)
        ok = (
            len(w) == 1
            or w.lower() in allowed
            or _rate_before(words, k)  # "18 dollars par jour": a rate of the unit before it
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
        if masked[begin : m.start()].strip(" \t,:*_") or len(m.group(0)) < 2 or _modifier(m.group(0)):
            break
        begin = m.end()
    while begin < len(masked) and (masked[begin] in " \t,:*_" or begin >= 2 and masked.startswith("Rs.", begin - 2)):
        begin += 1  # (the period of "Rs. 500" after the currency word; the bold of a label, "**Total:** 24")
    before = [m for m in words if m.end() <= begin]
    while before and not masked[before[-1].end() : begin].strip(" \t"):
        w = before[-1].group(0)
        # "not 2", "at least 2", and a modifier's preposition: "upwards of 12", "close to 12", "anything but 2"
        if _modifier(w) or (len(before) > 1 and w.lower() in _LINKS and _modifier(before[-2].group(0))):
            begin = before[-1].start()
            before.pop()
            continue
        break
    return s[begin:]


#: "as a …" after a value names what it is ("5 as an upper bound", "5 as a rough answer"; "as a result" is "so")
_CALLED_AS = re.compile(r"(?i)[ \t]++an?[ \t]++(?!result\b|consequence\b)")
#: the denominator of a unit written with a slash ("km/h", "dollars/person", "km/L"): part of the unit
_PER_SLASH = re.compile(r"/[ \t]?+[A-Za-z]{1,20}+(?![A-Za-z])")


#: words that make a time unit after a value a rate ("per day", "a week", "each hour", "every month")
def _rate_words() -> frozenset[str]:
    from rlvr.verifiers.lexicon import FOREIGN_RATE_WORDS

    return frozenset({"per", "a", "an", "each", "every"}) | FOREIGN_RATE_WORDS


def _rate_before(words: list[re.Match[str]], k: int) -> bool:
    """``words[k]`` is a word of :data:`_RATE_WORDS` right before a time unit ("per day", "par jour", "в день")."""
    from rlvr.verifiers.lexicon import UNIT_ALIASES

    nxt = words[k + 1].group(0) if k + 1 < len(words) else ""
    unit = UNIT_ALIASES.get(nxt, UNIT_ALIASES.get(nxt.lower()))
    return words[k].group(0).lower() in _RATE_WORDS and unit in _TIME_UNIT_NAMES


#: words between a value's unit and a time unit that make a rate ("per day", "each week", "par jour", "в день")
_RATE_WORDS = _rate_words()
_TIME_UNIT_NAMES = frozenset({"s", "min", "h", "day", "week", "month", "year"})
#: words after which a value's phrase is over: a preposition, a relative pronoun, "ago" ("3 hours ago")
_BOUNDARY = frozenset(
    """that which who whom whose where when while because since as so for of in on at by to from with within
    without into onto after before during per each every ago later earlier old long wide tall high deep away left
    remaining than if is are was were be will would can could must should does do did has have had its their
    his her our your my this these those today tonight yesterday tomorrow daily weekly monthly yearly annually
    hourly nightly last next back""".split()
)


#: a comparative or superlative adjective ("younger", "taller", "farthest"), "more"/"less"/"fewer", and words
#: that make a value a difference or an offset ("5 minutes late", "5 dollars off", "5 points behind")
_COMPARATIVE = re.compile(
    r"[a-z]{2,}(?:er|est)|more|less|fewer|most|least|late|early|behind|ahead|apart|off|short|over|under|extra|too"
)


#: verbs of a purpose clause after a count ("ways to choose …", "coins to make change") that are cue words only
#: as operations ("5 choose 2") or amounts ("in change")
_PURPOSE_VERBS = re.compile(r"(?i)\b(?:choose|change|factor|score)\b")


def _value_phrase_end(masked: str, hi: int, words: list[re.Match[str]]) -> int | None:
    """Where the phrase of a value ending at ``hi`` ends: through a unit ("3 hours"), a count-noun phrase
    ("12 distinct arithmetic sequences") and a modifier ("2 more", which keeps the answer different), up to a
    boundary word ("that", "by", "ago") or the end. ``None`` when another word follows ("2 extra"): the value
    cannot be cut out of its statement."""
    from rlvr.verifiers.lexicon import MULTIPLIERS, UNIT_ALIASES, adjective_ok, changes_value, count_noun, unit_name

    after = [m for m in words if m.start() >= hi]
    k = 0
    noun = False  # a unit or count noun is in the phrase: a predicate may follow ("5 people attended")

    def predicate(at: int) -> int | None:
        """After a noun phrase, words that do not change the value are its predicate: the phrase ends. A
        comparative ("5 years younger", "5 cm taller than") makes the value a difference: no cut."""
        first = after[at].group(0).lower()
        if not noun or _COMPARATIVE.fullmatch(first) or changes_value(masked[after[at].start() :]):
            return None
        return hi

    while k < len(after):
        gap = masked[hi : after[k].start()].strip(" \t,")
        if gap == "a" and UNIT_ALIASES.get(after[k].group(0).lower()) in _TIME_UNIT_NAMES:
            hi = after[k].end()  # "5 miles a day": the article is one letter, no word of the lexer; a rate
            k += 1
            noun = True
            continue
        if gap:
            break
        w = after[k].group(0)
        low = w.lower()
        if low in ("or", "and", "either", "nor"):
            return None  # more values follow: the statement is read whole
        rate = k + (low == "times")
        if (
            low == "times"
            and rate < len(after)
            and masked[after[k].end() : after[rate].start()].strip(" \t") == "a"
            and UNIT_ALIASES.get(after[rate].group(0).lower()) in _TIME_UNIT_NAMES
        ):
            hi = after[rate].end()  # "5 times a day": a rate, its one-letter article no word of the lexer
            k = rate + 1
            noun = True
            continue
        if (
            rate + 1 < len(after)
            and after[rate].group(0).lower() in _RATE_WORDS
            and UNIT_ALIASES.get(after[rate + 1].group(0).lower()) in _TIME_UNIT_NAMES
            and not masked[after[k].end() : after[rate + 1].start()].strip(" \t").replace(after[rate].group(0), "", 1)
        ):
            hi = after[rate + 1].end()  # "2 times per day", "$18 every day": a rate stays with its value
            k = rate + 2
            noun = True
            continue
        if _modifier(w) or low in MULTIPLIERS:
            return after[k].end()  # stays with the value, which then differs from a plain one
        if low in _BOUNDARY:
            if low == "as" and _CALLED_AS.match(masked, after[k].end()):
                return None  # "5 as an upper bound", "5 as a rough answer": what the value is called stays with it
            if low == "of" and noun and re.match(r"[ \t]*+(?:\$|\\\()", masked[after[k].end() :]):
                return hi  # "5 positive divisors of $16$", "5 values of $n$": the noun's object, not a group
            prev = after[k - 1].group(0) if k > 0 else ""
            group = count_noun(prev) is not None and prev not in UNIT_ALIASES and prev.lower() not in UNIT_ALIASES
            if low == "of" and k + 1 < len(after) and group:
                return None  # "9 boxes of pencils", "12 pairs of socks": a group of something else
            # "5 gallons of water", "3 cups of flour": a unit of measure names what it measures; the phrase ends
            tail = masked[after[k].start() :]
            if low == "to" and noun:  # "5 ways to choose the committee", "5 coins to make change": a purpose
                tail = _PURPOSE_VERBS.sub(" ", tail)
            return None if changes_value(tail) else hi
        if w in UNIT_ALIASES or low in UNIT_ALIASES or count_noun(w) is not None or low in ("am", "pm") or unit_name(w):
            hi = after[k].end()  # (and "AM"/"PM" after a clock time: "starts at 3:30 PM")
            per = _PER_SLASH.match(masked, hi)
            if per is not None:  # "5 km/h", "5 dollars/person": a denominator makes a rate, never dropped
                hi = per.end()
            k = next((j for j in range(k + 1, len(after)) if after[j].start() >= hi), len(after))
            noun = True
            continue
        # a count-noun phrase: up to three adjectives and a plural noun
        j = k
        while j < len(after) and j - k < 4:
            wj = after[j].group(0)
            if _modifier(wj):
                return None
            if not adjective_ok(wj) or wj.lower() in _BOUNDARY:
                return predicate(k)
            if masked[(after[j - 1].end() if j > k else hi) : after[j].start()].strip(" \t"):
                return predicate(k)
            if count_noun(wj) is not None:
                break
            j += 1
        else:
            return predicate(k)
        if j >= len(after):
            return predicate(k)
        hi = after[j].end()
        k = j + 1
        noun = True
    if k < len(after) and masked[hi : after[k].start()].strip(" \t,"):
        return hi  # punctuation or math after the phrase ends it
    return hi


#: a clause that says where or when the value before it is attained, ending its sentence: "at $x=2$", ", attained
#: when $x = 2$", "(at $n = 4$)", "for $n=10$", "as $x \\to 0$", "is attained at the point $(2,5)$" (math masked)
_LOCATING = re.compile(
    r"(?i)(?:[ \t]*+[,;(]|[ \t]*+(?:\u2014|--?+)|(?<=[\s$}\d]))[ \t]*+"
    r"(?:(?:which[ \t]++)?+(?:(?:is|are|was|being|gets|get)[ \t]++)?+(?:attained|achieved|reached|obtained|occurring|"
    r"occurs|occurred|taken|realized|realised|assumed|hit)[ \t]++|(?:this[ \t]++|it[ \t]++)?+(?:occurs|happens)[ \t]++)?+"
    r"(?:at|when|for|with|as|whenever)[ \t]++(?P<point>the[ \t]++point[ \t]++)?+"
    r"(?P<cond>\$0++\$|\\\(0++\\\)|[A-Za-z][ \t]*+=[ \t]*+-?\d[\d.]*+)[ \t]*+\)?+[ \t.!]*+$"
)
#: what a locating condition states: a variable's value or limit (``x = 2``, ``x \\to 0``), or a point ``(2, 5)``
_CONDITION_REL = re.compile(r"=|\\to\b|\\rightarrow\b|\\longrightarrow\b|\u2192")
_CONDITION_WORDS = re.compile(r"(?i)\\(?:text|mbox|mathrm|operatorname)\b|\bor\b|\\lor\b|\\ne|[<>]|\\[lg]e")


def _locating_start(s: str, after_value: bool = False) -> int | None:
    """Where a clause that only locates the value before it ends ``s`` ("The maximum is $5$ at $x = 2$." is "The
    maximum is $5$"): the condition must be one math span stating a variable's value or limit, or a point; a
    condition with words, "or" or an inequality in it (a case split) is no location. ``after_value``: ``s`` is
    what follows a value (a box's rest), else the value must be in ``s``. ``None`` when there is none."""
    lo = max(0, len(s) - 300)
    masked = _mask_math(s[lo:])
    m = _LOCATING.search(masked)
    if m is None:
        return None
    cond = s[lo + m.start("cond") : lo + m.end("cond")]
    if _CONDITION_WORDS.search(cond):
        return None
    if not _CONDITION_REL.search(cond) and not (m.group("point") and re.fullmatch(r"\$\(?[^()$]{1,60}\)?\$", cond)):
        return None
    if not after_value and not _ANSWER_TOKEN.search(masked, 0, m.start()):
        return None  # no value before it
    return lo + m.start()


def _without_location(s: str, after_value: bool = False) -> str:
    """``s`` without a final clause that locates its value (see :func:`_locating_start`)."""
    k = (
        _locating_start(s, after_value)
        if ("at" in s or "for" in s or "when" in s or "with" in s or "as" in s)
        else None
    )
    return s if k is None else s[:k]


#: words that make the rest of a box's sentence more than its value's phrase: another value, a rate or a hedge
_NOT_SETTLED = frozenset("and or plus but per each every a an except".split())


def _settled_rest(rest: str) -> str:
    """The rest of a box's sentence without what only describes the boxed value: a final clause that locates it
    (:func:`_without_location`) and the prose after its unit or count-noun phrase ("ways to choose the committee"
    is read "ways", "seconds after launch" "seconds"). The rest is kept whole when the words dropped would hedge,
    doubt, relate the value to another number ("out of 6"), or add a rate or another value."""
    from rlvr.verifiers.lexicon import changes_value, cue_words

    cut = _without_location(rest, after_value=True)
    if cut is not rest and cut.strip(" \t$"):
        cut = cut.rstrip(" \t")
    masked = _mask_math(cut)
    if "?" in masked or not _RUN_WORD.search(masked):
        return cut
    end = _value_phrase_end(masked, 0, _ordinary_words(masked))
    if end is None or end == 0 or not masked[end:].strip(" \t.!"):
        return cut
    dropped = masked[end:]
    if re.fullmatch(r"[ \t]*+of[ \t]++\$0++\$[ \t.!]*+", dropped):
        return cut[:end]  # "divisors of $16$": the noun's object
    if re.match(r"(?i)[ \t]*+to\b", dropped):
        dropped = _PURPOSE_VERBS.sub(" ", dropped)  # "ways to choose the committee"
    words = [w.group(0) for w in _RUN_WORD.finditer(dropped)]
    if (
        _ANSWER_TOKEN.search(dropped)  # "\\boxed{9} mod 4": another value
        or any(w.lower() in _NOT_SETTLED or not w.isascii() for w in words)
        or cue_words(words)
        or changes_value(dropped)
        or _hedgy(cut[end:])
        or _doubting_clause(cut[end:])
        or _doubting_words(cut[end:])
    ):
        return cut
    return cut[:end]


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


#: an ordinal in digits ("1st", "22nd", "3rd", "4th"): it names which one, not a value
_ORDINAL = re.compile(r"(?i)(?<![\w.])\d{1,4}+(?:st|nd|rd|th)(?![\w])")
#: an ordinal that is an exponent ("to the 3rd", "to the 4th power")
_TO_THE_POWER = re.compile(r"(?i)\bto[ \t]++the\b|\bpower\b")


def _isolate_value(s: str) -> str:
    """A statement that starts with its value and goes on in prose ("12 distinct sequences that meet the
    conditions"): the value with its phrase; the statement unchanged when the value cannot be cut out."""
    from rlvr.verifiers.lexicon import DECIMAL_READING

    masked = _mask_math(s)
    ordinary = _ordinary_words(masked)
    if not ordinary or not _ANSWER_TOKEN.match(masked.lstrip(" \t-+($~")[:1] or " "):
        return s
    first = ordinary[0]
    head = masked[: first.start()].rstrip()
    if not _ANSWER_TOKEN.search(head):
        return s
    end = _value_phrase_end(masked, len(head), ordinary)
    while end is not None and end < len(s) and s[end] in "²³":  # "2 cm²": the unit's power is part of it
        end += 1
    if end is not None and s[end : end + 1] == ")" and s.count("(", 0, end) > s.count(")", 0, end):
        end += 1  # "18 (dollars)": the parenthesis the unit sits in closes with it
    if end is not None and s.count("(", 0, end) > s.count(")", 0, end):
        return s  # "5 (that is, five)": never cut inside a parenthesis
    if end is not None and DECIMAL_READING.match(masked[end:]):
        return s[:end].strip()  # "5 in base 10"
    rest = masked[end:] if end is not None else ""
    if not _TO_THE_POWER.search(rest):
        rest = _ORDINAL.sub(" ", rest)  # an ordinal ("in the 3rd basket") names which one, not another value
    if end is None or end >= len(masked.rstrip(" \t.")) or _ANSWER_TOKEN.search(rest):
        return s  # another value or more math later: the statement is read whole
    if re.search(r"[\\{}$]", s[first.start() :]):
        return s  # LaTeX after the value: not prose to cut
    return s[:end].strip()


# ---------------------------------------------------------------- choices, cleaning


def _choice_statement(text: str, letter: str) -> Extraction:
    """The last choice letter, with its sentence when a cue before it changes it ("Probably (C).")."""
    from rlvr.verifiers.lexicon import cue_words

    m = _last(_CHOICE.finditer(text, max(0, len(text) - _WINDOW)))
    if m is not None:
        start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()), m.start() - 200, -1) + 1
        if _lead_changes(text[start : m.start()]):
            return _found([text[start : m.end()].strip()], "choice", "text")
        end = _sentence_end(text, m.end(), m.end() + MAX_INLINE_ANSWER_CHARS)
        rest = _mask_math(text[m.end() : end + 1]).lstrip(")]}")
        words = _RUN_WORD.findall(rest)  # a short value-free remark: "(C), maybe."; not "(C), since …"
        hedged = (
            len(words) <= 3 and not _ANSWER_TOKEN.search(rest) and not _BENIGN_TAIL.match(rest) and cue_words(words)
        )
        if rest.lstrip(" \t*_").startswith(("?", "\uff1f")) or hedged:
            return _found([text[m.start() : end + 1].strip()], "choice", "text")  # "(C)?", "(C), maybe"
    return _found([letter], "choice", "math")


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


#: quotation marks around a whole answer ("Answer: '23'", «23», “23”)
_QUOTES = (
    ('"', '"'),
    ("'", "'"),
    ("\u00ab", "\u00bb"),
    ("\u201c", "\u201d"),
    ("\u2018", "\u2019"),
    ("\u300c", "\u300d"),
)


#: the copula suffix of Turkish and Azerbaijani on the value that ends a sentence, after an apostrophe or a hyphen
#: ("24'tür", "$24$'tür", "24-dür"), and "equal to" written as a case suffix on the value and the adjective after it
#: (Hungarian "24-gyel egyenlő", Turkish "24'e eşittir")
_COPULA_SUFFIX = re.compile(
    r"(?<=[\d$])(?:['\u2019-](?:d\u0131r|dir|dur|d\u00fcr|t\u0131r|tir|tur|t\u00fcr)"
    r"|-[a-z]{0,3}?[ae]l[ \t]++egyenl\u0151|['\u2019]y?+[ae][ \t]++e\u015fit(?:tir)?+)(?=[ \t.!]*+$)"
)
#: a sentence-final copula of another language after the value: です, 입니다, है, and the copula suffix of Turkish and
#: Azerbaijani, written after an apostrophe or a hyphen on a number or a math span ("24'tür", "$24$'tür", "24-dür")
_POLITE_END = re.compile(
    r"(?:(?<![ \t])[ \t]*+(?:\u3067\u3059|\u3067\u3042\u308b|\u3060|\uc785\ub2c8\ub2e4|\uc774\ub2e4|\u0939\u0948\u0964?+)"
    r"|(?<=[\d$])['\u2019-](?:d\u0131r|dir|dur|d\u00fcr|t\u0131r|tir|tur|t\u00fcr))[ \t.]*+$"
)


_LEADING_MARK = re.compile(r"^(?:\\therefore|\\Rightarrow|\\implies|\\to)(?![A-Za-z])[ \t]*+")


def _clean(s: str) -> str:
    """Strip surrounding math delimiters, bold markers, ``\\displaystyle`` and trailing punctuation."""
    s = s.strip()
    for _ in range(4):
        before = s
        for a, b in (("$$", "$$"), ("$", "$"), ("\\(", "\\)"), ("\\[", "\\]"), ("**", "**"), ("`", "`"), *_QUOTES):
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
        s = _LEADING_MARK.sub("", s)  # "$\\therefore 23$"
        if s.startswith(("...", "\u2026")):  # "16 + 7... let me see... 23"
            s = s.lstrip(".\u2026 ")
        if s.endswith("|") and s.count("|") == 1:  # "| Answer | 12 |"
            s = s[:-1].rstrip()
        s = _POLITE_END.sub("", s)
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
