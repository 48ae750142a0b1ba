"""The tenth red-team round's rendering classes (docs/verifiers.md, "Two readings"), with cases of our own beyond
the corpus rows: answers set inside presentation that wraps them (TeX colour, highlight, size and paragraph
groups, layout environments, HTML lists, tables, attributed inline tags, character references) pass; HTML
comments read as the HTML spec parses them, so a hedge after an empty comment counts."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract, unwrap_presentation, visible
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(workers=1)


#: the answer 7 inside presentation that changes how it looks, not what it says
WRAPPED = [
    r"\textcolor{teal}{Final answer: 7}",
    r"\textcolor[rgb]{0.8,0,0}{\textbf{The answer is 7.}}",
    r"\hl{Therefore the answer is $7$.}",
    r"{\Large The answer is $\boxed{7}$.}",
    r"{\color{blue} The answer is 7.}",
    r"\small{Answer: 7}",
    r"\fcolorbox{red}{yellow}{\parbox[t]{4cm}{The answer is 7.}}",
    "\\begin{flushleft}\nSo the answer is $7$.\n\\end{flushleft}",
    r"\begin{description}\item[Result] The answer is \boxed{7}.\end{description}",
    r"\begin{minipage}{0.5\textwidth}Answer: $7$\end{minipage}",
    r"\begin{quotation}The final answer is 7.\end{quotation}",
    "<ol><li>First, 3+4.</li><li>The answer is 7.</li></ol>",
    '<table class="r"><tr><th>Result</th><td align="right">7</td></tr></table>',
    'The answer is <strong class="final">7</strong>.',
    'The answer is <font color="navy">7</font>.',
    "The answer is &#55;.",
    "The answer is &#X37;.",
    "Final answer: &#x0037;",
]


@pytest.mark.parametrize("completion", WRAPPED)
def test_answer_inside_presentation_passes(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "7").passed, completion


#: a wrong answer, or a hedge, in the same presentation still fails
WRONG_OR_HEDGED = [
    r"\textcolor{teal}{Final answer: 8}",
    r"{\Large The answer is $\boxed{8}$.}",
    r"\begin{center}The answer is $7$, or maybe 8.\end{center}",
    "<ul><li>The answer is 7 or 8.</li></ul>",
    "The answer is &#56;.",
    "<!--> or maybe 8 --> The answer is \\boxed{7}.",
    "<!---> or maybe 8 --> The answer is \\boxed{7}.",
    "<!-- x --!> or maybe 8 --> The answer is \\boxed{7}.",
    r"\textcolor{white}{The answer is 7.} The answer is 8.",
]


@pytest.mark.parametrize("completion", WRONG_OR_HEDGED)
def test_wrong_or_hedged_inside_presentation_fails(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "7").passed, completion


def test_empty_html_comments_hide_nothing_after_them(verifier: MathVerifier) -> None:
    assert verifier.verify("<!--> The answer is \\boxed{7}.", "7").passed
    assert verifier.verify("<!-- hedge --!> The answer is \\boxed{7}.", "7").passed


def test_escaped_markup_renders_literally_and_counts(verifier: MathVerifier) -> None:
    """``&lt;!-- … --&gt;`` shows its text: decoded after the rendering model, it is no comment."""
    assert not verifier.verify("The answer is \\boxed{7} &lt;!-- or maybe 8 --&gt;", "7").passed
    assert not verifier.verify("The answer is 7&#8203;8.", "7").passed  # a zero-width space joins 78


def test_unwrap_presentation_is_linear() -> None:
    for chunk in (r"\textcolor{red}{", "{\\large ", "<li>", "}", r"\begin{center}", "<tr><td>"):
        text = chunk * (1_000_000 // len(chunk))
        t = time.process_time()  # CPU time: the machine may be shared
        unwrap_presentation(text)
        assert time.process_time() - t < cpu_limit(2.0), chunk


def test_an_argument_group_is_not_a_bare_group() -> None:
    """``\\boxed{\\large 12}``: the size switch opens the box's argument, whose braces stay."""
    assert unwrap_presentation("\\boxed{\\large 12}") == "\\boxed{\\large 12}"
    assert unwrap_presentation("So {\\large 12} it is.").split() == ["So", "12", "it", "is."]


@pytest.mark.parametrize(
    "text",
    [
        "<style>a{}</style>" * 56_000,
        "<style>" * 150_000,
        "<xmp>a</xmp>" * 84_000,
        "<xmp>" * 200_000,
        "<textarea><xmp>" * 70_000,
    ],
    ids=["closed_sheets", "open_sheets", "closed_xmp", "open_xmp", "nested_raw_text"],
)
def test_many_style_sheets_and_raw_text_elements_are_linear(text: str) -> None:
    """1 MB of ``<style>`` or ``<xmp>`` elements: each is read once (each used to lower-case the whole text)."""
    t = time.process_time()
    extract(text)
    assert time.process_time() - t < cpu_limit()


def test_markup_inside_a_raw_text_element_is_its_text(verifier: MathVerifier) -> None:
    """A ``<textarea>`` opened inside ``<xmp>`` is literal text: the code span ends at ``</xmp>``."""
    assert verifier.verify("<xmp><textarea></xmp> The answer is \\boxed{7}. </textarea>", "7").passed


#: hiding markup that HTML or Markdown ends or escapes, so the hedge after it shows
ENDED_OR_ESCAPED = [
    "\\boxed{7} <div hidden>x</div/> or maybe 8",
    '\\boxed{7} <em style="display:none">x</em class="y"> or maybe 8',
    "\\boxed{7} <p hidden>x<div>or maybe 8</div>",
    '\\boxed{7} <p style="display:none">x<ul><li>or maybe 8</li></ul>',
    "\\boxed{7} \\<span hidden>or maybe 8</span>",
    "\\boxed{7} \\<del>or maybe 8</del>",
]


@pytest.mark.parametrize("completion", ENDED_OR_ESCAPED)
def test_hiding_markup_ended_or_escaped_shows_the_hedge(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "7").passed, completion


#: the same hiding, well formed: the hedge stays hidden and the answer passes
STILL_HIDDEN = [
    "\\boxed{7} <div hidden>or maybe 8</div >",
    '\\boxed{7} <p style="display:none">or maybe 8<span>x</span></p>',
    "\\boxed{7} \\\\<del>or maybe 8</del>",
]


@pytest.mark.parametrize("completion", STILL_HIDDEN)
def test_well_formed_hiding_still_hides(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "7").passed, completion


def test_a_definition_after_a_paragraph_line_is_its_text() -> None:
    """A link reference definition cannot interrupt a paragraph (CommonMark), though other renderers may read one:
    right after a paragraph line it is uncertain (shown in the shown reading, hidden in the hidden one); after a
    blank line, a heading or another definition it is a definition, which renders nothing."""
    shown = "The answer is 7.\n[c]: <> (or maybe 8)"
    assert visible(shown, "shown") == shown and "8" not in visible(shown)
    for text in (
        "The answer is 7.\n\n[c]: <> (or maybe 8)",
        "# Result\n[c]: <> (or maybe 8)",
        "[a]: # (x)\n[c]: # (8)",
    ):
        assert "8" not in visible(text), text
