"""Seventh outside round, false-pass side: a cost budget before symbolic work, later sentences that offer another
candidate, hidden or struck-out text, and value-free doubts by their form. Each rule both ways: the hedge fails,
its honest neighbour still passes."""

from __future__ import annotations

import time

import pytest
from cpu_budget import machine_factor

from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def v() -> MathVerifier:
    return MathVerifier(timeout_s=5.0)


def passes(v: MathVerifier, completion: str, gold: str, **opts: object) -> bool:
    verifier = MathVerifier(timeout_s=5.0, **opts) if opts else v  # type: ignore[arg-type]
    return verifier.verify_batch([completion], [gold])[0].passed


# ---------------------------------------------------------------- cost budget


@pytest.mark.parametrize(
    "answer",
    [
        r"\boxed{(x+y+z+w)^{60}}",
        r"\boxed{(a+b+c+d+e)^{40}}",
        r"\boxed{\sin(99999!)}",
        r"\boxed{\cos(9999!)}",
        r"\boxed{\sin(2^{2^{20}})}",
        r"\boxed{99999!!}",
        r"\boxed{54321!}",
        r"\boxed{\sin^{400}(x)+\cos^{400}(x)}",
        r"\boxed{\tan^{300}x}",
        r"\boxed{\prod_{k=1}^{99999} k}",
        r"\boxed{\sqrt{9999!}}",
        r"\boxed{\exp(10^{5000})}",
    ],
)
def test_expensive_answers_are_judged_fast(v: MathVerifier, answer: str) -> None:
    v.verify_batch([r"\boxed{\sqrt{2}}"], [r"\sqrt{3}"])  # the worker pool is up
    t0 = time.perf_counter()
    result = v.verify_batch([answer], ["5"])[0]
    assert time.perf_counter() - t0 < 0.5 * machine_factor()
    assert not result.passed and result.status in ("ok", "error")


def test_budget_keeps_ordinary_symbolic_work(v: MathVerifier) -> None:
    assert passes(v, r"\boxed{(x+1)^2}", "x^2+2x+1")
    assert passes(v, r"\boxed{\sin^2 x+\cos^2 x}", "1")
    assert passes(v, r"\boxed{9999! / 9998!}", "9999")
    assert passes(v, r"\boxed{(x+1)^{3}}", "x^3+3x^2+3x+1")
    assert not passes(v, r"\boxed{(x+y)^{60}}", "5")
    assert passes(v, r"\boxed{\prod_{k=1}^{n} k}", r"\prod_{j=1}^{n} j")
    assert passes(v, r"\boxed{\prod_{k=1}^{5} k}", r"2\prod_{k=3}^{5} k")
    assert passes(v, r"\boxed{\sqrt{100!}}", r"\sqrt{100!}")


# ---------------------------------------------------------------- a later sentence offers another candidate


@pytest.mark.parametrize(
    "after",
    [
        "Many would say 6.",
        "On reflection, 6 seems more likely.",
        "6 is another possibility.",
        "Some sources say 6.",
        "Plan B: 6.",
        "If not, then 6.",
        "(6 under another interpretation.)",
        "I'd lean toward 6.",
        "It's between 5 and 6.",
        "Others might argue for 7.",
        "Some textbooks list 6.",
        "Could be 6 though.",
        "Perhaps 6 is closer.",
        "Or 6.",
        "Alternatively, 6.",
    ],
)
@pytest.mark.parametrize("marker", ["Therefore the answer is $\\boxed{5}$.", "#### 5", "The answer is 5."])
def test_next_sentence_offering_a_candidate_is_a_hedge(v: MathVerifier, marker: str, after: str) -> None:
    assert not passes(v, f"{marker}\n\n{after}", "5")


@pytest.mark.parametrize(
    "after",
    [
        "Check: 5 + 1 = 6.",
        "Because 11 - 6 = 5, this works.",
        "If there were 6 people, the count would change.",
        "It is 5 rather than 6.",
        "There are 6 edges in the graph.",
        "We used all 6 cards.",
        "Note that 6 is not possible because it exceeds the bound.",
        "If we had used 6 instead, the sum would exceed 10.",
        "We might also note that 7 is prime.",
        "Step 2 also gives the same bound.",
        "We could also solve it in 2 ways.",
        "Each of the 6 vertices also has degree 3.",
        "Alternatively, one can count the 10 subsets directly.",
        "This is also the number of ways to choose 2 of 5.",
        "Option 2 would require more steps.",
    ],
)
def test_honest_sentence_after_the_answer_still_passes(v: MathVerifier, after: str) -> None:
    assert passes(v, f"Therefore the answer is $\\boxed{{5}}$.\n\n{after}", "5")


# ---------------------------------------------------------------- hidden or struck-out text


@pytest.mark.parametrize(
    "hidden",
    [
        '[note]: http://example.com "\\boxed{5}"',
        "[a]: <https://x.y> (\\boxed{5})",
        "<details><summary>Answer</summary>\\boxed{5}</details>",
        '<span style="opacity:0.02">\\boxed{5}</span>',
        '<span style="opacity:2e-5">\\boxed{5}</span>',
        '<span style="font-size:0.3px">\\boxed{5}</span>',
        '<span style="zoom:0.01">\\boxed{5}</span>',
        '<span style="filter: opacity(0.01)">\\boxed{5}</span>',
        '<span style="clip-path: ellipse(0 0)">\\boxed{5}</span>',
        '<span style="transform: translateY(-5000px)">\\boxed{5}</span>',
        '<span style="text-decoration-line: line-through">\\boxed{5}</span>',
        '<span style="color: color(srgb 0.99 1 1)">\\boxed{5}</span>',
        '<span style="color: lch(99% 0 0)">\\boxed{5}</span>',
        '<span style="color: oklab(1 0 0)">\\boxed{5}</span>',
        '<div class="visually-hidden">\\boxed{5}</div>',
        '<style>.ans { visibility: hidden }</style><p class="ans">\\boxed{5}</p>',
        '<svg><text fill="#fff">\\boxed{5}</text></svg>',
        "\\textcolor[hsb]{0.5,0,1}{\\boxed{5}}",
        "\\definecolor{paper}{RGB}{255,255,255}\\textcolor{paper}{\\boxed{5}}",
        "\\colorlet{c}{white}\\colorlet{d}{c}\\textcolor{d}{\\boxed{5}}",
        "\\textcolor{white}\n{\\boxed{5}}",
        "\\scalebox{0.01}{\\boxed{5}}",
        "\\resizebox{0.1pt}{!}{\\boxed{5}}",
        "\\adjustbox{width=0pt}{\\boxed{5}}",
        "\\raisebox{-80cm}{\\boxed{5}}",
        "\\hspace{-2000pt}\\boxed{5}",
        "\\ding{55} \\boxed{5}",
        "<s>\\boxed{5}</s>",
    ],
)
def test_hidden_or_struck_answer_is_not_read(v: MathVerifier, hidden: str) -> None:
    assert not passes(v, f"Let me work on this.\n\n{hidden}", "5")


@pytest.mark.parametrize(
    "shown",
    [
        '<span style="opacity:0.9">\\boxed{5}</span>',
        '<span style="font-size:14px">\\boxed{5}</span>',
        '<span style="text-decoration:underline">\\boxed{5}</span>',
        '<span class="answer">\\boxed{5}</span>',
        '<style>.x{display:none}</style><span class="y">\\boxed{5}</span>',
        "<details open><summary>Answer</summary>\\boxed{5}</details>",
        '<span style="color: lab(30 20 10)">\\boxed{5}</span>',
        "\\definecolor{ink}{rgb}{0,0,0.5}\\textcolor{ink}{\\boxed{5}}",
        "\\scalebox{1.5}{\\boxed{5}}",
        "\\raisebox{2pt}{\\boxed{5}}",
        "\\hspace{1cm}\\boxed{5}",
        "\\ding{51} \\boxed{5}",
        "[1]: 5\n\n\\boxed{5}",
    ],
)
def test_visible_answer_is_still_read(v: MathVerifier, shown: str) -> None:
    assert passes(v, f"Let me work on this.\n\n{shown}", "5")


# ---------------------------------------------------------------- value-free doubts by their form


@pytest.mark.parametrize(
    "doubt",
    [
        "I guessed.",
        "Pure guesswork.",
        "This is only a placeholder.",
        "Sketchy.",
        "Meh.",
        "Confidence: 0.2",
        "Probability correct: 0.35",
        "I'm roughly 20% sure.",
        "I'm 5 percent certain.",
        "I didn't really compute it.",
        "Generated without checking.",
        "Haven't verified.",
        "I may have misread it.",
        "Hard to tell.",
        "Who knows.",
        "Coin toss.",
        "I wouldn't rely on it.",
        "No clue.",
        "Low confidence.",
        "I didn't do the math.",
        "I flipped a coin.",
        "I made this up.",
        "Take it with a pinch of salt.",
    ],
)
@pytest.mark.parametrize(
    "marker",
    ["Therefore the answer is $\\boxed{5}$.", "$\\boxed{5}$", "#### 5", "<answer>5</answer>", "The answer is 5."],
)
def test_value_free_doubt_after_the_answer_fails(v: MathVerifier, marker: str, doubt: str) -> None:
    assert not passes(v, f"{marker}\n\n{doubt}", "5")


@pytest.mark.parametrize(
    "remark",
    [
        "No speculation was needed.",
        "No guessing needed.",
        "Confidence: 0.95",
        "I'm 99% sure.",
        "I checked it twice.",
        "We verified it by substitution.",
        "Hope this helps!",
        "You can trust this result.",
        "It is easy to say why: the count is exact.",
    ],
)
def test_confident_remark_after_the_answer_passes(v: MathVerifier, remark: str) -> None:
    assert passes(v, f"Therefore the answer is $\\boxed{{5}}$.\n\n{remark}", "5")


@pytest.mark.parametrize("mark", ["\u2047", "\u00bf", ":(", ":/", ":-/", "(\u00d7)", "(x)"])
def test_doubt_mark_after_a_box_fails(v: MathVerifier, mark: str) -> None:
    assert not passes(v, f"Computing, we find $\\boxed{{5}}$ {mark}", "5")


@pytest.mark.parametrize("mark", [":)", "\u2713", "(1)"])
def test_endorsing_mark_after_a_box_passes(v: MathVerifier, mark: str) -> None:
    assert passes(v, f"Computing, we find $\\boxed{{5}}$ {mark}", "5")


@pytest.mark.parametrize("mark", [";)", ";-)", "\\!\\!\\!/", "\\!\\!/"])
def test_wink_or_overstrike_after_a_box_fails(v: MathVerifier, mark: str) -> None:
    assert not passes(v, f"Computing, we find $\\boxed{{5}}${mark}", "5")
    assert not passes(v, f"Computing, we find $\\boxed{{5}}$ {mark}", "5")


def test_wink_on_a_gsm8k_line_fails(v: MathVerifier) -> None:
    assert not passes(v, "#### 18 ;)", "18", answer_form="number")
    assert passes(v, "#### 18", "18", answer_form="number")


# ---------------------------------------------------------------- word answers and choice letters


@pytest.mark.parametrize(
    "line",
    [
        "**Alice** (perhaps)",
        "**Alice**, I believe.",
        "She will arrive on **Tuesday** or maybe Thursday.",
        "**Tuesday** (unsure)",
        "I suppose **Tuesday**.",
        "**Tuesday**? Or Monday.",
        "**Tuesday**, though it might be Monday.",
    ],
)
def test_bold_word_answer_with_a_hedge_fails(v: MathVerifier, line: str) -> None:
    gold = r"\text{Alice}" if "Alice" in line else r"\text{Tuesday}"
    assert not passes(v, line, gold)


@pytest.mark.parametrize(
    "line", ["**Alice**", "The winner is **Alice**.", "She will arrive on **Tuesday**.", "**Tuesday**, as computed."]
)
def test_bold_word_answer_without_a_hedge_passes(v: MathVerifier, line: str) -> None:
    gold = r"\text{Alice}" if "Alice" in line else r"\text{Tuesday}"
    assert passes(v, line, gold)


#: (completion, gold, passes): a choice letter with a backup letter, doubt in status lines, tables and clauses,
#: each next to its honest neighbour
LABELLED = [
    ("\\boxed{B}\n\nD is also plausible.", "B", False),
    ("\\boxed{B}\n\nIf not B, then D.", "B", False),
    ("Answer: B\nBackup: D", "B", False),
    ("The answer is B, though D might be right.", "B", False),
    ("\\boxed{(B)}\n\nSome would say (C).", "B", False),
    ("\\boxed{B}\n\nA common mistake is to pick C, but that ignores the sign.", "B", True),
    ("\\boxed{B}\n\nIt is B, not C.", "B", True),
    ("Answer: B", "B", True),
    ("\\boxed{B}\n\nA quick check confirms it.", "B", True),
    ("| Answer | 23 |\n| Confidence | 15% |", "23", False),
    ("Answer: 23\nConfidence: 0.25", "23", False),
    ("Answer: 23\nChecked: no", "23", False),
    ("Answer: 23\nVerified: pending", "23", False),
    ("\\boxed{23}\nThe hint gave this; I didn't compute it.", "23", False),
    ("The answer is 23.\n\nThat is what the key says; I disagree.", "23", False),
    ("| Answer | 23 |\n| Confidence | 95% |", "23", True),
    ("Answer: 23\nConfidence: 0.9", "23", True),
    ("Answer: 23\nChecked: yes", "23", True),
    ("\\boxed{23}\nWe add them; the sum is the total.", "23", True),
]


@pytest.mark.parametrize(("completion", "gold", "label"), LABELLED)
def test_letters_and_status_lines_judged_as_labelled(v: MathVerifier, completion: str, gold: str, label: bool) -> None:
    assert passes(v, completion, gold) is label


# ---------------------------------------------------------------- mixed numbers with a vulgar fraction


@pytest.mark.parametrize("answer", ["3 \u00bd", "3\u00bd", "3 \u00b9\u2044\u2082", "The recipe needs 3 \u00bd."])
def test_mixed_number_with_a_vulgar_fraction_is_one_number(v: MathVerifier, answer: str) -> None:
    assert passes(v, answer, "3.5")
    assert passes(v, answer, "\\frac{7}{2}")
    assert not passes(v, answer, "3")


def test_vulgar_fraction_with_a_multi_digit_denominator(v: MathVerifier) -> None:
    assert passes(v, "2 \u00b9\u2044\u2081\u2080", "2.1")
    assert not passes(v, "2 \u2153", "2")


# ---------------------------------------------------------------- number mode: normalised scientific notation


@pytest.mark.parametrize(
    "answer", [r"\boxed{230 \times 10^{-1}}", r"\boxed{2300\times10^{-2}}", r"\boxed{230e-1}", r"\boxed{0.23e2}"]
)
def test_unnormalised_scientific_notation_is_arithmetic_left_to_do(v: MathVerifier, answer: str) -> None:
    assert not passes(v, answer, "23", answer_form="number")
    assert passes(v, answer, "23")  # any closed form of the value in expression mode


@pytest.mark.parametrize("answer", [r"\boxed{2.3 \times 10^{1}}", r"\boxed{2.3e1}", r"\boxed{1.5 \times 10^{3}}"])
def test_normalised_scientific_notation_is_a_number(v: MathVerifier, answer: str) -> None:
    gold = "1500" if "1.5" in answer else "23"
    assert passes(v, answer, gold, answer_form="number")
