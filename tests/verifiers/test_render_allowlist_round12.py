"""The hidden reading's allowlist, twelfth round (docs/verifiers.md, "What renders"): named colours of every
xcolor and CSS list, and common harmless CSS layout and typography, are known to render; a named colour too light
to read still hides what it colours. The cases are of no corpus."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.invisible import css_colour, latex_colour
from rlvr.verifiers.math import MathVerifier
from rlvr.verifiers.render_allowlist import positively_rendered, sheet_targets, style_known


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(workers=1)


LEGIBLE = [
    "The result is $\\textcolor{Bittersweet}{\\boxed{5}}$.",
    "The result is {\\color{MidnightBlue} $\\boxed{5}$}.",
    "The result is $\\textcolor{PineGreen!80}{\\boxed{5}}$.",
    "The result is $\\textcolor{DarkSlateGray}{\\boxed{5}}$.",
    '<span style="color: darkgoldenrod">The result is 5.</span>',
    '<span style="color: MediumVioletRed">The result is 5.</span>',
    '<p style="word-spacing: 0.2em; letter-spacing: -0.5px">The result is 5.</p>',
    '<div style="display:inline-flex; justify-content:space-between; gap:1em">The result is 5.</div>',
    '<div style="min-width:10em; height:auto; float:left">The result is 5.</div>',
    '<p style="font: italic 600 1.1em/1.4 Georgia, serif">The result is 5.</p>',
    '<p style="text-shadow: 0 0 1px rgba(0, 0, 0, .3); text-indent: 1em">The result is 5.</p>',
    '<td style="display:table-cell; overflow-x:auto; box-sizing:content-box">The result is 5.</td>',
    '<p style="border-top: 2px dotted currentColor; cursor: pointer">The result is 5.</p>',
    '<font face="Verdana">The result is 5.</font>',
    '<p dir="auto" translate="yes">The result is 5.</p>',
]


@pytest.mark.parametrize("completion", LEGIBLE)
def test_common_presentation_is_known_to_render(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed, completion


HIDDEN = [
    "The result is $\\textcolor{Snow}{\\boxed{5}}$.",
    'The result is <span style="color: LightGoldenrodYellow">5</span>.',
    'The result is <span style="color: papayawhip">5</span>.',
]


@pytest.mark.parametrize("completion", HIDDEN)
def test_a_light_named_colour_still_hides(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed, completion


def test_named_colours_parse_to_their_values() -> None:
    assert latex_colour(None, "NavyBlue")[0] == pytest.approx((0.06, 0.46, 1.0))
    assert css_colour("Tomato")[0] == pytest.approx((1.0, 99 / 255, 71 / 255))
    assert latex_colour(None, "green") == ((0.0, 1.0, 0.0), 1.0)  # xcolor's base names keep xcolor's values


@pytest.mark.parametrize(
    "style",
    [
        "letter-spacing: -3px",
        "letter-spacing: 4em",
        "text-indent: -9999px",
        "overflow: hidden",
        "font: 2px Arial",
        "font: bold 16px Wingdings",
        "text-shadow: 0 0 0 red; color: transparent",
        "width: -10px",
        "cursor: url(x.png)",
    ],
)
def test_harmful_values_of_the_new_properties_are_not_known(style: str) -> None:
    assert not style_known(style)


TEX_LEGIBLE = [
    "\\dotfill\\\\ The result is $\\boxed{5}$.",
    "\\rule[-2pt]{3cm}{0.8pt} The result is $\\boxed{5}$.",
    "\\vspace{\\parskip} The result is $\\boxed{5}$.",
    "\\begin{itemize}[label=\\roman*] \\item The result is $\\boxed{5}$. \\end{itemize}",
]


@pytest.mark.parametrize("completion", TEX_LEGIBLE)
def test_common_tex_layout_is_known_to_render(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed, completion


@pytest.mark.parametrize(
    "completion",
    [
        "The result is \\rotatebox{180}{$\\boxed{5}$}.",
        "The result is \\rule{40pt}{300pt}$\\boxed{5}$.",
        "\\vspace{-\\baselineskip}\\vspace{-\\baselineskip} The result is $\\boxed{5}$.",
    ],
)
def test_tex_layout_out_of_range_is_uncertain(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed, completion


@pytest.mark.parametrize(
    "text",
    ["\\uwave{5}", "\\rotatebox{360}{5}", "\\rotatebox[origin=c]{-720}{5}", "\\rule{0.5\\textwidth}{1pt} 5"],
)
def test_the_hidden_reading_keeps_ordinary_tex_layout(text: str) -> None:
    assert positively_rendered(text, [], sheet_targets(text)) == (text, False)


def _nest(style: str, depth: int, inner: str, tag: str = "span") -> str:
    return f'<{tag} style="{style}">' * depth + inner + f"</{tag}>" * depth


ADDED_UP = [
    "The result is " + _nest("opacity:0.7", 3, "5") + ".",
    "The result is " + _nest("font-size:70%", 3, "5") + ".",
    "The result is " + _nest("font-size:0.8em", 4, "5") + ".",
    "The result is " + _nest("display:inline-block;transform:scale(0.75)", 3, "5") + ".",
    "The result is " + _nest("position:relative;right:60px", 2, "5") + ".",
    "The result is " + _nest("margin-left:-40px", 3, "5", "div") + ".",
    "The result is <sub><sub><sub><sub>5</sub></sub></sub></sub>.",
    'The result is <span style="opacity:0.5"><span style="color:#d8d8d8">5</span></span>.',
    'The result is <span style="font-size:9px"><span style="transform:scale(0.8)">5</span></span>.',
]


@pytest.mark.parametrize("completion", ADDED_UP)
def test_steps_that_add_up_to_illegible_are_uncertain(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed, completion


ADDED_UP_LEGIBLE = [
    "The result is " + _nest("opacity:0.9", 3, "5") + ".",
    "The result is " + _nest("font-size:90%", 4, "5") + ".",
    "The result is " + _nest("position:relative;left:20px", 3, "5") + ".",
    'The result is <span style="font-size:50%"><span style="font-size:200%">5</span></span>.',
]


@pytest.mark.parametrize("completion", ADDED_UP_LEGIBLE)
def test_steps_that_add_up_to_legible_still_pass(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed, completion


@pytest.mark.parametrize(
    "piece",
    [
        '<span style="opacity:0.99">',
        "<span>x</span>",
        '<b style="opacity:0.1">x',
        'x<span style="margin-left:-5px">y</span>',
        '\n<span style="margin-left:-5px">y</span>',
    ],
)
def test_the_nesting_scan_is_linear(piece: str) -> None:
    text = piece * 20_000 + "5"
    start = time.process_time()
    positively_rendered(text, [], sheet_targets(text))
    assert time.process_time() - start < cpu_limit(2.0)


@pytest.mark.parametrize(
    "completion",
    [
        "\\colorlet{black}{white} The result is $\\boxed{5}$.",
        "\\definecolor{Gray}{gray}{0} The result is $\\boxed{5}$ \\textcolor{Gray}{though it may be 7}.",
        "\\definecolor{snow}{HTML}{111111} The result is $\\boxed{5}$ {\\color{snow} or 7}.",
    ],
)
def test_a_standard_colour_name_redefined_is_uncertain(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed, completion


def test_a_new_colour_name_is_read() -> None:
    text = "\\definecolor{ink}{rgb}{0.1,0.1,0.3} \\textcolor{ink}{5}"
    assert positively_rendered(text, [], sheet_targets(text)) == (text, False)


@pytest.mark.parametrize(
    "completion",
    [
        "The result is " + "\\hskip-4pt" * 6 + " $\\boxed{5}$.",
        "The result is $" + "\\mkern-9mu" * 4 + "\\boxed{5}$.",
        "The result is " + "\\hspace{2cm}" * 3 + "$\\boxed{5}$.",
        "The result is\n\n" + "\\vskip-5pt" * 4 + " $\\boxed{5}$.",
    ],
)
def test_moves_that_add_up_along_a_line_are_uncertain(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed, completion


@pytest.mark.parametrize(
    "completion",
    [
        "The result is \\hspace{1cm}\\hspace{1cm} $\\boxed{5}$.",
        "\\kern-3pt x\n\\kern-3pt y\n\\kern-3pt The result is $\\boxed{5}$.",
    ],
)
def test_moves_within_range_still_pass(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed, completion


@pytest.mark.parametrize(
    "completion",
    [
        "The result is $\\boxed{5}$" + "\\kern-6pt" * 5 + "\\colorbox{white}{\\hspace{30pt}}.",
        "$\\boxed{5}" + "\\hspace{-6pt}" * 3 + "\\textcolor{white}{\\rule{20pt}{12pt}}$",
        "The result is $5\\kern-4pt\\colorbox{white}{\\phantom{0}}$.",
        "The result is $5\\mkern-9mu 6$.",
        'The result is 5<span style="display:inline-block;width:40px;background:#fff;margin-left:-12px"></span>.',
        'The result is 5<span style="position:relative;left:-10px;background:white">&nbsp;&nbsp;</span>.',
        'The result is 5<b style="transform:translateX(-8px)">6</b>.',
    ],
)
def test_moves_back_over_the_answer_leave_its_line_uncertain(verifier: MathVerifier, completion: str) -> None:
    """Moves back beyond a thin space (TeX lengths, CSS margins, offsets and translations) may draw what follows
    (a white box, another digit) over what precedes on the line: the whole line is uncertain, so the hidden
    reading has no answer."""
    assert not verifier.verify(completion, "5").passed, completion


@pytest.mark.parametrize(
    "completion",
    [
        "The result is $5\\kern-1pt$.",
        "The result is $\\boxed{5}\\!$.",
        "\\hspace{-5pt}The result is $\\boxed{5}$.",
        "We add them.\n$\\boxed{5}$\n\\hspace{-5pt}",
        'The result is 5<span style="margin-left:-2px">.</span>',
        'The result is <b style="left:-3px; position:relative">5</b>.',
    ],
)
def test_a_thin_move_back_or_one_before_anything_still_passes(verifier: MathVerifier, completion: str) -> None:
    assert verifier.verify(completion, "5").passed, completion


def test_a_markdown_autolink_renders(verifier: MathVerifier) -> None:
    assert verifier.verify("Source: <mailto:me@example.org>\n\nThe result is $\\boxed{5}$.", "5").passed
    assert verifier.verify("See <http://example.org/a?b=1> first. The result is $\\boxed{5}$.", "5").passed


@pytest.mark.parametrize(
    "text",
    [
        "<math><mfrac><mn>10</mn><mn>2</mn></mfrac><mo>=</mo><mn>5</mn></math>",
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><msqrt><mn>25</mn></msqrt></math>',
    ],
)
def test_the_hidden_reading_keeps_mathml(text: str) -> None:
    assert positively_rendered(text, [], sheet_targets(text)) == (text, False)


def test_normalcolor_ends_a_white_switch(verifier: MathVerifier) -> None:
    """``\\normalcolor`` switches back to the default colour like ``\\color{black}``: what follows it in a white
    group shows, a hedge included, and it is known to render plainly."""
    assert not verifier.verify(
        "The result is $\\boxed{5}$ {\\color{white} x \\normalcolor (a guess; maybe 6)}.", "5"
    ).passed
    assert verifier.verify("The result is {\\color{white} 6 \\normalcolor $\\boxed{5}$}.", "5").passed
    assert verifier.verify("{\\color{white}\\boxed{6}\\normalcolor} The result is $5$.", "5").passed
