"""The thirteenth outside round's classes before and around the answer (docs/verifiers.md, "Answer extraction"),
with cases of our own beyond the corpus rows: the lead-in of an answer (the rest of its sentence before it, else
the sentence or line just before it) doubts it by a doubting comment or disowns it by a label or heading; a
fronted hedge or condition on the writer's own work, and hedges of more languages, doubt the sentence they open.
Each class keeps its near misses passing: a doubt settled or followed by work, a heading that names a step or the
answer, a fronted connective."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

sys.path.insert(0, str(Path(__file__).parent))
from redteam import Case, judge  # noqa: E402

# ---------------------------------------------------------------- a doubting sentence right before the answer

PRIOR_DOUBT: list[Case] = [
    ("I'm really not certain about this. The answer is $\\boxed{7}$.", "7", False),
    ("Honestly, I have no idea. \\boxed{7}", "7", False),
    ("I was unable to verify the last step. Final answer: \\boxed{7}", "7", False),
    ("My confidence is low here.\n\n\\boxed{7}", "7", False),
    ("Confidence: 20%. Answer: \\boxed{7}", "7", False),
    ("Not sure about this.\n#### 7", "7", False),
    ("I can't be sure.\n\n\\boxed{7}", "7", False),
    ("I haven't checked this. The answer is 7.", "7", False),
    ("Just a guess:\n\n$\\boxed{7}$", "7", False),
    ("(untested) The answer is $\\boxed{7}$.", "7", False),
    ("我不知道。答案是 $\\boxed{7}$。", "7", False),
    ("I could not finish the proof.\n<answer>7</answer>", "7", False),
    ("I might be wrong here.\n\n\\boxed{7}", "7", False),
    ("Below is my attempt; it may contain errors.\n\n\\boxed{7}", "7", False),
    ("Honestly I'm stuck. \\boxed{7}", "7", False),
    ("I gave up on the exact method. \\boxed{7}", "7", False),
    ("Caveat: this might be off.\n\n\\boxed{7}", "7", False),
    ("Take this with a grain of salt. \\boxed{7}", "7", False),
    ("Here is my answer, though I haven't double-checked it:\n\n\\boxed{7}", "7", False),
    ("我没把握。答案是 7。", "7", False),
    ("自信がないですが、答えは $\\boxed{7}$ です。", "7", False),
    ("Unsure.\n\nFinal Answer: The final answer is $7$. I hope it is correct.", "7", False),
    ("[unverified] \\boxed{7}", "7", False),
    (
        "I'm not sure how to start, so let's set up equations. Let x be the number. Then x + 3 = 10, so x = 7.\n\n"
        "The answer is $\\boxed{7}$.",
        "7",
        True,
    ),
    ("I wasn't sure at first, but after checking both cases it holds. The answer is $\\boxed{7}$.", "7", True),
    ("Let me double-check: 3 + 4 = 7. The answer is $\\boxed{7}$.", "7", True),
    ("I'm confident. The answer is $\\boxed{7}$.", "7", True),
    ("This is not a guess. \\boxed{7}", "7", True),
    ("There is no guessing needed here. \\boxed{7}", "7", True),
    ("Confidence: high. Final answer: \\boxed{7}", "7", True),
    ("Wait, that's wrong. The answer is $\\boxed{7}$.", "7", True),
    ("I don't know x yet, so let me solve for it: x = 7.\n\n\\boxed{7}", "7", True),
    ("Not sure what else you need, but here it is:\n\n\\boxed{7}", "7", True),
    ("I'm not sure if there's a faster way.\n\n\\boxed{7}", "7", True),
    ("Not sure what else you need.\n\n\\boxed{7}", "7", True),
    ("We checked every case.\n<answer>7</answer>", "7", True),
    ("No errors were found in the check.\n\\boxed{7}", "7", True),
    ("I was stuck at first, but the substitution works.\n\n\\boxed{7}", "7", True),
    ("I was wrong. The answer is \\boxed{7}.", "7", True),
    ("I messed up above. The answer is \\boxed{7}.", "7", True),
    ("It is unclear at first, but the pattern repeats. \\boxed{7}", "7", True),
    ("Here is my answer:\n\n\\boxed{7}", "7", True),
    ("答案是 7。", "7", True),
    ("After verifying all cases, I'm certain.\n\n\\boxed{7}", "7", True),
]


def test_a_doubting_sentence_before_the_answer_disowns_it() -> None:
    judge(PRIOR_DOUBT)


# ---------------------------------------------------------------- a label or heading on the line above

LINE_ABOVE: list[Case] = [
    ("**Rough estimate:**\n\n$\\boxed{7}$", "7", False),
    ("Lower bound:\n\\boxed{7}", "7", False),
    ("## Tentative result\n\nThe answer is $\\boxed{7}$.", "7", False),
    ("### Wrong approach\n\n$\\boxed{7}$", "7", False),
    ("## Not the final answer\n\n\\boxed{7}", "7", False),
    ("\\subsection*{Draft solution}\nThe answer is $\\boxed{7}$.", "7", False),
    ("> Unverified\n\n\\boxed{7}", "7", False),
    ("Estimate\n=====\n\n\\boxed{7}", "7", False),
    ("<h2>Preliminary answer</h2><p>\\boxed{7}</p>", "7", False),
    ("| Rough estimate |\n|:---:|\n| 7 |", "7", False),
    ("\\begin{tcolorbox}[colback=white,title={Draft}]The answer is $\\boxed{7}$.\\end{tcolorbox}", "7", False),
    ("## 🤷\n\n\\boxed{7}", "7", False),
    ("## Vermutung\n\n\\boxed{7}", "7", False),
    ("## 估计\n\n\\boxed{7}", "7", False),
    ("**Sanity check**\n\n\\boxed{7}", "7", False),
    ("## Guessing\n\n\\boxed{7}", "7", False),
    ("\\paragraph{Guess.} $\\boxed{7}$", "7", False),
    ("\\subsection{Draft}\n\\boxed{7}", "7", False),
    ("<h4>Estimate</h4>\n<p>7</p>", "7", False),
    ("*Draft answer*\n\n$\\boxed{7}$", "7", False),
    ("I am not confident in this result.\n\n**Answer:** 7", "7", False),
    ("Here's a rough attempt:\n\n\\boxed{7}", "7", False),
    ("## Final Answer\n\nThe answer is $\\boxed{7}$.", "7", True),
    ("## Solution\n\n3 + 4 = 7, so the answer is $\\boxed{7}$.", "7", True),
    ("**Answer:**\n\n$\\boxed{7}$", "7", True),
    ("Result:\n\\boxed{7}", "7", True),
    ("> Final answer\n\n\\boxed{7}", "7", True),
    ("\\begin{tcolorbox}[title=Final answer]\\boxed{7}\\end{tcolorbox}", "7", True),
    ("## Upper bound\n\nThe sum is at most 10.\n\n## Exact value\n\nThe answer is $\\boxed{7}$.", "7", True),
    ("Reference: see above.\n\nThe answer is $\\boxed{7}$.", "7", True),
    ("### Estimating the bound\n\nThe answer is $\\boxed{7}$.", "7", True),
    ("## Find the upper bound\n\nThe answer is $\\boxed{7}$.", "7", True),
    ("## ✅\n\n\\boxed{7}", "7", True),
    ("Putting it all together:\n\\boxed{7}", "7", True),
    ("Upper and lower bounds agree, so:\n\\boxed{7}", "7", True),
    ("The upper bound is attained:\n\\boxed{7}", "7", True),
    ("**Final result**\n\n\\boxed{7}", "7", True),
    ("## Answer (unverified)\n\n\\boxed{7}", "7", False),
]


def test_a_disowning_label_or_heading_above_the_answer_disowns_it() -> None:
    judge(LINE_ABOVE)


# ---------------------------------------------------------------- fronted hedges, conditions and label words

LEAD_HEDGE: list[Case] = [
    ("Conceivably, the answer is $\\boxed{7}$.", "7", False),
    ("Ostensibly, the answer is $\\boxed{7}$.", "7", False),
    ("Nominally, the answer is \\boxed{7}.", "7", False),
    ("If forced, the answer is $\\boxed{7}$.", "7", False),
    ("If correct, the answer is $\\boxed{7}$.", "7", False),
    ("Absent errors, the answer is $\\boxed{7}$.", "7", False),
    ("Unless mistaken, the answer is $\\boxed{7}$.", "7", False),
    ("Lower-bound value: 7", "7", False),
    ("Ballpark figure: 7", "7", False),
    ("Finally, the answer is $\\boxed{7}$.", "7", True),
    ("In conclusion, the answer is $\\boxed{7}$.", "7", True),
    ("If needed, round: the answer is $\\boxed{7}$.", "7", True),
    ("If so, the answer is $\\boxed{7}$.", "7", True),
    ("Hence, the answer is \\boxed{7}.", "7", True),
    ("Check value: 7", "7", True),
]


def test_a_fronted_hedge_or_condition_doubts_the_answer() -> None:
    judge(LEAD_HEDGE)


FOREIGN_HEDGE: list[Case] = [
    ("Відповідь, мабуть, $\\boxed{7}$.", "7", False),
    ("התשובה כנראה $\\boxed{7}$", "7", False),
    ("Het antwoord is misschien $\\boxed{7}$.", "7", False),
    ("答案或许是 $\\boxed{7}$。", "7", False),
    ("答えはたぶん $\\boxed{7}$ です。", "7", False),
    ("답은 아마 $\\boxed{7}$ 입니다.", "7", False),
    ("جواب شاید $\\boxed{7}$ است", "7", False),
    ("Odpowiedź to prawdopodobnie $\\boxed{7}$.", "7", False),
    ("答えは $\\boxed{7}$ です。", "7", True),
    ("답은 $\\boxed{7}$ 입니다.", "7", True),
    ("התשובה היא $\\boxed{7}$", "7", True),
    ("Відповідь: $\\boxed{7}$.", "7", True),
    ("Het antwoord is $\\boxed{7}$.", "7", True),
]


def test_hedges_of_more_languages_doubt_the_answer() -> None:
    judge(FOREIGN_HEDGE)


@pytest.mark.parametrize(
    ("text", "passes"),
    [
        ("I'm not sure. " * 80_000 + "\\boxed{5}", False),
        ("## Draft\n\n" * 100_000 + "\\boxed{5}", False),
        ("|---|\n" * 150_000 + "| 5 |", True),  # rules with no header disown nothing
    ],
    ids=["doubts", "headings", "underlines"],
)
def test_the_lead_in_is_read_in_linear_time(text: str, passes: bool) -> None:
    t0 = time.process_time()
    judge([(text, "5", passes)])
    assert time.process_time() - t0 < cpu_limit()
