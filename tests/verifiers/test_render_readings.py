"""The two readings of what renders (docs/verifiers.md, "What renders"): a completion passes only if it passes
when every uncertain hiding is shown (a hedge a reader might see counts) and when every uncertain hiding is
hidden (an answer must certainly be legible, against the background the completion sets). Cases of each class
beyond the eighth red-team round's rows: other colours, properties, nestings, cascades."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract, visible
from rlvr.verifiers.invisible import LEGIBLE_CONTRAST, contrast, css_colour, latex_colour
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(workers=1)


#: the answer drawn so that it does not certainly contrast with its background: a bar, not an answer
REDACTED = [
    r"\colorbox{darkgray}{\boxed{5}}",
    r"\colorbox[gray]{0.1}{$\boxed{5}$}",
    r"\fcolorbox{white}{black}{\boxed{5}}",
    r"\colorbox{teal}{\textcolor{teal}{\boxed{5}}}",
    r"So {\pagecolor{darkgray}the answer is \boxed{5}.}",
    r"\sethlcolor{black}\hl{\boxed{5}}",
    r"\begin{tabular}{c}\cellcolor{black}$\boxed{5}$\end{tabular}",
    r"\definecolor{ink}{rgb}{0.1,0.1,0.12}\colorbox{ink}{\boxed{5}}",
    r"\colorbox{violet}{\color{purple}\boxed{5}}",
    '<p style="background-color: rgb(10, 10, 10)">The answer is \\boxed{5}.</p>',
    '<table><tr><td bgcolor="#000000">\\boxed{5}</td></tr></table>',
    '<div style="background:#222"><b>The answer is</b> <em>\\boxed{5}</em></div>',
    '<html style="background:black"><p>\\boxed{5}</p></html>',
    '<span style="background:navy;color:#000080">\\boxed{5}</span>',
    '<span style="background: linear-gradient(#000, #000)">\\boxed{5}</span>',
    '<div style="background:hsl(0, 0%, 5%)"><span style="color:rgba(0,0,0,0.9)">\\boxed{5}</span></div>',
    '<span style="background-color:#555">\\boxed{5}</span>',
]

#: a hedge that a reader may see, behind a hiding the grader cannot be sure of
OVER_HIDDEN = [
    '\\boxed{5} <span style="visibility:collapse; visibility: visible">or 6</span>',
    '\\boxed{5} <span style="font-size:0;font-size:14px">or 6</span>',
    '\\boxed{5} <span hidden style="display:inline-block">or 6</span>',
    '\\boxed{5}<style>.q{opacity:0}</style><style>.q{opacity:1}</style><p class="q">or 6</p>',
    '\\boxed{5}<style>@media (max-width: 10px){.m{display:none}}</style><div class="m">or 6</div>',
    '\\boxed{5} <div class="d-none d-md-block">or 6</div>',
    '\\boxed{5} <span class="visible-lg hidden-md">or 6</span>',
    '\\boxed{5}<font color="white"><font color="black">or 6</font></font>',
    '\\boxed{5}<div style="color:#fff"><p style="color:#333">or 6</p></div>',
    '\\boxed{5}<span style="color:rgba(0,0,0,0);text-shadow:1px 1px #000">or 6</span>',
    '\\boxed{5}<span style="color:#fff;-webkit-text-stroke:0.5px #000">or 6</span>',
    '\\boxed{5}<span style="color:white;mix-blend-mode:difference">or 6</span>',
    '\\boxed{5}<span style="font-size:0.5px;zoom:40">or 6</span>',
    "\\boxed{5}\\textcolor{white}{\\color{blue} or 6}",
    "\\boxed{5}{\\color{white}{\\color{black}or 6}}",
    "\\boxed{5}\\resizebox{0pt}{!}{\\scalebox{1000}{or 6}}",
    "\\boxed{5}\\raisebox{-2000pt}{\\raisebox{2000pt}{or 6}}",
    "\\boxed{5}\\hspace{-5000pt}\\kern5000pt or 6",
    "\\boxed{5}\\texttransparent{0}{\\transparent{1} or 6}",
    "\\boxed{5} <details><summary>or 7</summary>more</details>",
    '\\boxed{5}<template shadowroot="open">or 6</template>',
    "\\boxed{5} \\colorbox{darkgray}{\\textcolor{white}{or 6}}",
    '\\boxed{5} <span style="color:white;background:#333">or 6</span>',
    '\\boxed{5}<div style="background:black"><span style="color:white">or 6</span></div>',
]

#: markup in code is shown literally: the hedge is on the page
CODE_LITERAL = [
    "\\boxed{5} `\\hphantom{or 6}`",
    "\\boxed{5} ``\\vphantom{or 6}``",
    "\\boxed{5}\n\n```\n\\phantom{or 6}\n```",
]

#: answers a reader certainly sees, with what certainly does not render around them
PASSING = [
    r"\colorbox{yellow}{\boxed{5}}",
    r"\colorbox{cyan}{$5$}",
    r"\fcolorbox{blue}{white}{\boxed{5}}",
    r"\textcolor{red}{\boxed{5}}",
    r"\textcolor{blue}{\boxed{5}}",
    r"\colorbox{black}{\textcolor{yellow}{\boxed{5}}}",
    r"\colorbox{blue}{\color{white}\boxed{5}}",
    '<span style="color:#c00">\\boxed{5}</span>',
    "<mark>\\boxed{5}</mark>",
    '<span style="background:yellow">\\boxed{5}</span>',
    '<div style="background:#fffbe6">The answer is \\boxed{5}.</div>',
    r"\boxed{5}\textcolor{white}{or 6}",
    r"The answer is \boxed{5}. {\color{white} Or 6.}",
    '\\boxed{5} <span style="display:none">or 6</span>',
    '\\boxed{5} <span style="color:#ffffff">or 6</span>',
    "\\boxed{5} <span hidden>or 6</span>",
    "\\boxed{5} <!-- or 6 -->",
    "\\boxed{5} % or 6",
    "\\boxed{5} \\phantom{or 6}",
    r"\boxed{5}\scalebox{0}{or 6}",
    r"\boxed{5}\transparent{0} or 6",
    "<div hidden>\\boxed{6}</div>\\boxed{5}",
    "<details><summary>The answer is \\boxed{5}.</summary>\\boxed{5}</details>",
    "\\boxed{5}<template>or 6</template>",
]


@pytest.mark.parametrize("completion", REDACTED + OVER_HIDDEN + CODE_LITERAL)
def test_uncertain_rendering_fails(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed


@pytest.mark.parametrize("completion", PASSING)
def test_certain_rendering_passes(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed


def test_readings_differ_only_on_uncertain_hiding() -> None:
    hedge = '\\boxed{5} <span style="display:none;display:inline">or 6</span>'
    assert "or 6" in visible(hedge, "shown") and "or 6" not in visible(hedge, "hidden")
    bar = r"\colorbox{black}{\boxed{5}}"
    assert "5" in visible(bar, "shown") and "5" not in visible(bar, "hidden")
    plain = "\\boxed{5} <!-- or 6 --> \\textcolor{white}{or 7}"
    assert visible(plain, "shown") == visible(plain, "hidden") == "\\boxed{5}  "
    assert not extract(plain).uncertain and extract(hedge).uncertain and extract(bar).uncertain


def test_reported_answer_is_the_hidden_reading(verifier: MathVerifier) -> None:
    res = verifier.verify('\\boxed{5} <span style="opacity:0;opacity:1">or 6</span>', "5")
    assert (res.passed, res.extracted) == (False, "5")
    assert res.details["shown_reading"] == "$5$ or 6"
    res = verifier.verify(r"\colorbox{black}{5}", "5")  # a reader sees a black bar
    assert (res.passed, res.extracted, res.details["shown_reading"]) == (False, "\u2588", "5")


def test_both_readings_in_a_batch(verifier: MathVerifier) -> None:
    batch = [r"\boxed{5}", r"\colorbox{black}{\boxed{5}}", r"\boxed{5}\scalebox{0.01}{\scalebox{100}{or 6}}"]
    assert [r.passed for r in verifier.verify_batch(batch, ["5"] * 3)] == [True, False, False]


def test_contrast_threshold() -> None:
    black, white = latex_colour(None, "black"), css_colour("#fff")
    assert black is not None and white is not None
    assert contrast(black[0], white[0]) == pytest.approx(21.0)
    grey = css_colour("#555")
    assert grey is not None and contrast(grey[0], black[0]) < LEGIBLE_CONTRAST < contrast(grey[0], white[0])


HOSTILE = {
    "nested_white": "\\textcolor{white}{" * 52_000 + "5",
    "nested_white_on_black": "\\colorbox{black}{" + "\\textcolor{white}{" * 52_000 + "5",
    "colour_switches": "{\\color{white}" * 70_000 + "5",
    "classed_hidden": "<span hidden class=a>" * 47_000 + "5",
    "styled_backgrounds": '<div style="background:black;color:black">' * 23_000 + "5",
    "unclosed_closers": '<b style="background:red">' * 20_000 + "</x>" * 125_000,
    "brace_pairs_on_red": "\\colorbox{red}{" + "{}" * 500_000,
    "moves": "\\hspace{-1000pt}" * 62_000 + "5",
    "lifts": "\\raisebox{1000pt}{" * 55_000 + "5",
    "scales": "\\scalebox{0}{" * 76_000 + "5",
    "page_colours": "\\pagecolor{black}" * 58_000 + "5",
    "details": "<details>" * 110_000 + "<summary>5</summary>",
    "scripts_and_a_sheet": "<style>.a{color:red}</style>" + "<script>6</script>" * 55_000 + "5",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_linear_time_in_both_readings(text: str) -> None:
    for reading in ("hidden", "shown"):
        t0 = time.process_time()  # CPU time: the machine may be shared
        extract(text, reading=reading)
        assert time.process_time() - t0 < cpu_limit()


@pytest.mark.parametrize(
    "completion",
    [
        "<div hidden><p>Scratch: \\boxed{6}</p></div>\\boxed{5}",
        '<div style="display:none"><span style="display:inline">\\boxed{6}</span></div>\\boxed{5}',
    ],
)
def test_an_element_not_drawn_hides_its_children(verifier: MathVerifier, completion: str) -> None:
    """``display:none`` (and ``hidden``) removes the whole subtree: no child style can show it again."""
    assert verifier.verify(completion, "5").passed
    assert not extract(completion).uncertain


SHOWN_RAW_ELEMENTS = [
    "\\boxed{5}<style>script{display:block}</style><script>// or maybe 6, not sure</script>",
    "\\boxed{5}<style>template{display:block}</style><template>or 6</template>",
    "\\boxed{5}<style>*{display:block}</style><script>or 6</script>",
    "\\boxed{5}<style>body script{display:block}</style><script>or 6</script>",
    '\\boxed{5}<style>.s{display:block}</style><script class="s">or 6</script>',
    '\\boxed{5}<script style="display:block">or 6</script>',
    "\\boxed{5}<style>script,style{display:block}</style><noscript>maybe 6</noscript>",
]


@pytest.mark.parametrize("completion", SHOWN_RAW_ELEMENTS)
def test_a_style_that_can_show_a_raw_element_makes_it_count(verifier: MathVerifier, completion: str) -> None:
    """A ``<script>``, ``<style>``, ``<template>`` or ``<noscript>`` is hidden for certain only when no style can
    reach it: a sheet rule of its type, a universal or compound selector, or its own style, class or id."""
    assert not verifier.verify(completion, "5").passed


@pytest.mark.parametrize(
    "completion",
    [
        "\\boxed{5}<script>console.log(6)</script>",
        "\\boxed{5}<style>.ans{font-weight:bold}</style><script>var x = 6;</script>",
        'The answer is <span class="ans">5</span>.<style>.ans{font-weight:bold}</style>',
    ],
)
def test_a_raw_element_no_style_reaches_stays_hidden(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed


@pytest.mark.parametrize(
    ("completion", "passes"),
    [
        ("The answer is \\boxed{5}.\n[//]: # (or maybe 6, I am not sure)", False),  # no definition inside a paragraph
        ("The answer is \\boxed{5}. [//]: # (or maybe 6)", False),  # mid-line: plain text
        ("The answer is \\boxed{5}. [comment]: <> (maybe 6)", False),
        ("The answer is \\boxed{5}.\n\n[//]: # (or maybe 6)", True),  # its own block: a definition, not shown
        ("The answer is \\boxed{5}. Check: 30/6 = 5.", True),
    ],
)
def test_a_markdown_comment_inside_a_paragraph_shows(verifier: MathVerifier, completion: str, passes: bool) -> None:
    """A link reference definition cannot interrupt a paragraph (CommonMark): after a paragraph line or mid-line
    its text shows, and "//" or "<>" in it is no arithmetic that would make its values work."""
    assert verifier.verify(completion, "5").passed is passes
