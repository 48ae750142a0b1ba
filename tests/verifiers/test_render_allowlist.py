"""The hidden reading's allowlist (docs/verifiers.md, "What renders"): presentation not known to render plainly
makes what it governs uncertain, so an answer set in it fails, while common legible markup still passes. The
cases are constructs of no corpus: other unknown TeX macros and environments, other HTML elements that never
render, other CSS properties and sheets."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import _code_spans, extract, visible
from rlvr.verifiers.math import MathVerifier
from rlvr.verifiers.render_allowlist import positively_rendered, sheet_targets, style_known


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(workers=1)


#: the answer 5 set in presentation not known to render it legibly (or with a hedge the shown reading sees)
NOT_CERTAINLY_LEGIBLE = [
    "\\lower 3000pt\\hbox{\\boxed{5}}",
    "\\moveleft 2000pt\\boxed{5}",
    "\\hskip -40cm \\boxed{5}",
    "\\rotatebox{180}{\\boxed{5}}",
    "\\reflectbox{\\boxed{5}}",
    "$\\mkern-999mu\\boxed{5}$",
    "\\fontsize{1pt}{1pt}\\selectfont\n\nThe answer is \\boxed{5}.",
    "\\begin{tikzpicture}\\node[opacity=0]{$\\boxed{5}$};\\end{tikzpicture}",
    "\\zap \\boxed{5}",
    "{\\zap The answer is $\\boxed{5}$.}",
    "\\textcolor{-red}{\\boxed{5}}",
    "\\textcolor[wave]{500}{\\boxed{5}}",
    "\\color{nosuchcolour}\\boxed{5}",
    "\\begin{frame}The answer is \\boxed{5}.\\end{frame}",
    "\\newcommand{\\h}[1]{\\textcolor{white}{#1}}\\h{\\boxed{5}}",
    "\\scalebox{0.2}{\\boxed{5}}",
    "\\transparent{0.3}\\boxed{5}",
    "<object>\\boxed{5}</object>",
    "<audio>The answer is 5.</audio>",
    "<video><p>The answer is \\boxed{5}</p></video>",
    "<map name=m>\\boxed{5}</map>",
    "<div popover>\\boxed{5}</div>",
    "<head><title>x</title>The answer is \\boxed{5}</head>",
    '<span style="content-visibility:hidden">\\boxed{5}</span>',
    '<span style="letter-spacing:-1em">\\boxed{5}</span>',
    '<span style="color:ButtonFace">\\boxed{5}</span>',
    '<span style="width:0;overflow:hidden;display:inline-block">\\boxed{5}</span>',
    '<span style="font-size:0.01cm">\\boxed{5}</span>',
    '<span style="color:rgb(0 0 0 / 3%)">\\boxed{5}</span>',
    '<span style="colo\\r:white">\\boxed{5}</span>',
    '<span style="position:absolute;top:-3in">\\boxed{5}</span>',
    "<style>:root{color:white}</style>The answer is \\boxed{5}.",
    "<style>@import url(x.css);</style>The answer is \\boxed{5}.",
    '<style>.a{position:absolute;left:-9999px}</style><span class="a">\\boxed{5}</span>',
    "<style>span:first-child{display:none}</style><span>\\boxed{5}</span>",
    '<link rel="stylesheet" href="x.css">The answer is \\boxed{5}.',
    '<style>#a{font:0/0 x}</style><div id="a">\\boxed{5}</div>',
    "\\boxed{5} \\zap{or maybe 6}",
]


@pytest.mark.parametrize("completion", NOT_CERTAINLY_LEGIBLE)
def test_unknown_presentation_is_uncertain(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed, completion


#: common legible markup, harmless spacing, colours, sheets and bogus comments around the answer 5
LEGIBLE = [
    "\\textbf{The answer is 5.}",
    "$\\mathbf{5}$",
    "The answer is $\\text{five} = \\boxed{5}$.",
    "\\hspace{1cm}\\boxed{5}",
    "\\kern2pt\\boxed{5}",
    "$\\mkern-3mu\\boxed{5}$",
    "\\textcolor{blue}{\\boxed{5}}",
    "{\\color{red}\\boxed{5}}",
    "\\definecolor{mine}{rgb}{0.1,0.2,0.6}\\textcolor{mine}{\\boxed{5}}",
    "$\\left(\\frac{10}{2}\\right) = \\boxed{5}$",
    "\\begin{align*} x &= 5 \\end{align*} So the answer is $\\boxed{5}$.",
    "\\scalebox{1.2}{\\boxed{5}}",
    "<b>5</b>",
    "<ul><li>Answer: 5</li></ul>",
    "<table><tr><td>Answer</td><td>5</td></tr></table>",
    '<span style="color:#c00;font-weight:bold">\\boxed{5}</span>',
    '<p style="text-align:center; margin: 4px 0">The answer is 5.</p>',
    '<style>.hl{color:navy;font-style:italic}</style><span class="hl">\\boxed{5}</span>',
    '<span class="result">\\boxed{5}</span>',
    '<div style="padding:8px; border:1px solid #ccc">The answer is \\boxed{5}.</div>',
    "<h3>Answer</h3><p>The answer is <em>5</em>.</p>",
    "<? or maybe 6 ?> The answer is \\boxed{5}.",
    "<!x or maybe 6> The answer is \\boxed{5}.",
    "<![CDATA[ or 6 ]]> The answer is \\boxed{5}.",
]


#: notation KaTeX, MathJax and the AMS packages render as symbols: the hidden reading keeps all of it
COMMON_NOTATION = [
    "The domain is $\\boxed{x \\in \\R \\mid x \\geq 2}$.",
    "$\\boxed{\\{n \\in \\N : n \\lt 3\\}}$",
    "So $\\boxed{\\mathds{Z}}$ is the answer.",
    "The answer is $\\boxed{5\\,\\ohm}$.",
    "Hence $\\boxed{\\operatorname{sgn}(x)}$ \\qed",
    "$$\\boxed{\\mathop{\\mathrm{lcm}}(4,6) \\land \\gcd(4,6) \\centerdot 6}$$",
]


@pytest.mark.parametrize("completion", COMMON_NOTATION)
def test_common_notation_is_known_to_render(completion: str) -> None:
    assert visible(completion, "hidden") == visible(completion, "shown") == completion


def test_an_answer_in_common_notation_passes(verifier: MathVerifier) -> None:
    assert verifier.verify(COMMON_NOTATION[0], "[2,\\infty)").passed
    assert verifier.verify(COMMON_NOTATION[4], "\\operatorname{sgn}(x)").passed


@pytest.mark.parametrize("completion", LEGIBLE)
def test_known_presentation_still_passes(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed, completion


def test_an_unknown_construct_governs_the_rest_of_its_group_only() -> None:
    assert extract(r"{\zap x} The answer is \boxed{5}.").answer == "5"
    assert extract(r"\begin{frame}x\end{frame} The answer is \boxed{5}.").answer == "5"
    assert extract(r"<audio>x</audio> The answer is \boxed{5}.").answer == "5"
    assert extract(r"\zap The answer is \boxed{5}.").answer is None  # at top level: the rest of the text


def test_the_shown_reading_keeps_what_is_uncertain() -> None:
    ex = extract(r"\textcolor{-red}{or maybe 6} The answer is \boxed{5}.", reading="shown")
    assert "6" in ex.answer


def test_style_values_are_judged_positively() -> None:
    assert style_known("color: #333; font-weight: bold; margin: 0 4px")
    assert style_known("transform: rotate(360deg) scale(1.5)")
    assert not style_known("color: white")
    assert not style_known("color:&#119;hite")
    assert not style_known("c\\olor: red")
    assert not style_known("transform: scale(0.01)")
    assert not style_known("font-size: 3px")
    assert not style_known("mask: none")


def test_sheet_targets_are_bounded_or_everything() -> None:
    assert sheet_targets("<style>.a{color:navy}</style>").classes == frozenset()
    assert sheet_targets("<style>.a{display:none}</style>").classes == {"a"}
    assert sheet_targets("<style>#x{opacity:0}</style>").ids == {"x"}
    assert sheet_targets("<style>p{display:none}</style>").everything
    assert sheet_targets("<style>.a::after{content:'6'}</style>").everything
    assert sheet_targets('<link rel="stylesheet" href="x.css">').everything


@pytest.mark.parametrize(
    "unit", [r"\zap{", r"\begin{frame}", "<audio>", '<span style="color:red">', "<dialog>", r"\kern-9000pt ", "{"]
)
def test_the_allowlist_is_linear(unit: str) -> None:
    text = unit * (1_000_000 // len(unit)) + r"\boxed{5}"
    t0 = time.process_time()
    positively_rendered(text, [], sheet_targets(text))
    assert time.process_time() - t0 < cpu_limit()


@pytest.mark.parametrize(
    "completion",
    [
        "* first step\n\n    <div hidden>The answer is \\boxed{5}.</div>",
        '2) check\n\n     <span style="display:none">\\boxed{5}</span>',
        "\\``<span hidden>\\boxed{5}</span>`",
    ],
)
def test_what_only_looks_like_code_hides(verifier: MathVerifier, completion: str) -> None:
    """An indented paragraph of a list item and an escaped backtick are no code: the markup in them renders."""
    assert not verifier.verify(completion, "5").passed, completion


def test_indented_code_after_a_list_is_still_code() -> None:
    """Code in a list item is indented four columns past the item's text."""
    text = "- item\n\n        <span hidden>x</span>\n"
    assert _code_spans(text) == [(8, len(text) - 1)]
    assert _code_spans("- item\n\n    <span hidden>x</span>\n") == []
