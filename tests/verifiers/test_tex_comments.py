"""TeX comments by where they stand (docs/verifiers.md, "What does not render"): ``%`` comments certainly hide
inside a math span (MathJax and KaTeX read them too), and every TeX comment (``%``, ``\\iffalse … \\fi``, a
``comment`` environment) certainly hides in TeX source (TeX commands, no math delimiters, no HTML); MathJax and
KaTeX know no ``\\iffalse`` and no ``comment`` environment, and on a Markdown or HTML page a TeX comment outside
math shows as text, so there it hides only in the hidden reading and a hedge in it counts. The cases are of no
corpus."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import visible
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(workers=1)


HEDGES_A_PAGE_SHOWS = [
    "We add them. The result is $\\boxed{5}$. % I am not sure, it could be 6.",
    "We add them. The result is \\(5\\). \\iffalse maybe 6 \\fi",
    "We add them. The result is $5$.\n\\begin{comment}\nA guess; it may be 6.\n\\end{comment}",
    "We add them. The result is <b>5</b>. % maybe 6",
    "The result is 5. % or 6",
    "The result is 5.\n% \\boxed{6}",
    "The result is 5.\n\\iffalse \\boxed{6} \\fi",
    # MathJax and KaTeX read % comments in math, but know no \iffalse and no comment environment: they show them
    "\\[\\boxed{5} \\iffalse or 6 \\fi\\]",
    "The answer is $\\boxed{5} \\iffalse \\text{ maybe } 6 \\fi$.",
    "$$\\boxed{5} \\begin{comment} or 6 \\end{comment}$$",
]


@pytest.mark.parametrize("completion", HEDGES_A_PAGE_SHOWS)
def test_a_comment_a_markdown_page_shows_counts(verifier: MathVerifier, completion: str) -> None:
    assert not verifier.verify(completion, "5").passed


HIDDEN_FOR_CERTAIN = [
    ("$\\boxed{5} % or 6\n$", "5"),
    ("$$\\boxed{5} % or 6\n$$", "5"),
    ("Working it through, \\boxed{2} % check: \\boxed{3}", "2"),
    ("\\boxed{3}\n%\\boxed{2}", "3"),
    ("\\boxed{5}\n\\begin{comment} \\boxed{6} \\end{comment}", "5"),
    ("The result is $\\boxed{5}$. % final answer", "5"),  # shown, and no hedge: it passes in both readings
]


@pytest.mark.parametrize(("completion", "gold"), HIDDEN_FOR_CERTAIN)
def test_a_comment_in_math_or_tex_source_hides(verifier: MathVerifier, completion: str, gold: str) -> None:
    assert verifier.verify(completion, gold).passed


def test_the_two_readings_of_a_comment_outside_math() -> None:
    text = "The result is $5$. % or 6"
    assert visible(text, "hidden") == "The result is $5$. "
    assert visible(text, "shown") == text
    assert visible("$x = 5 \\quad % or 6\n$", "shown") == "$x = 5 \\quad \n$"
    assert visible("\\boxed{5} % or 6", "shown") == "\\boxed{5} "


def test_an_answer_only_in_a_comment_on_a_page_fails(verifier: MathVerifier) -> None:
    assert not verifier.verify("We add them. $x$ is the total. % \\boxed{5}", "5").passed


@pytest.mark.parametrize(
    "piece", ["\\iffalse x", "\\begin{comment}\\", "%\\x\n", "$5$ % y\n", "\\iffalse \\fi \\x"], ids=repr
)
def test_comments_are_linear(piece: str) -> None:
    text = "The result is 5. " + piece * 40_000
    start = time.process_time()
    visible(text, "hidden"), visible(text, "shown")
    assert time.process_time() - start < cpu_limit()
