"""Ninth round, false fails: correct answers in common styles that the grader rejected (the label-true rows of
``benchmarks/data/math_redteam6.jsonl``, checked row by row by ``test_math_corpora.py``). Per mechanism, our own
cases in both directions: the correct style passes; a wrong value or a hedge in the same style still fails."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract, extract_reference

sys.path.insert(0, str(Path(__file__).parent))
from redteam import judge  # noqa: E402

WORK = "We add the parts one by one.\n\n"


def test_an_answer_statement_inside_a_font_command() -> None:
    judge(
        [
            (WORK + r"\textbf{Answer: 41}", "41", True),
            (WORK + r"\emph{The final answer is 41.}", "41", True),
            (WORK + r"\underline{Final answer: $41$}", "41", True),
            (WORK + r"\textsl{Answer: 41}", "41", True),
            (WORK + r"\mathbf{Answer: 41}", "41", True),
            (WORK + r"\fbox{Answer: 41}", "41", True),
            (WORK + r"\textbf{Answer: \boxed{41}}", "41", True),
            (WORK + r"\text{\emph{Answer: 41}}", "41", True),
            (WORK + r"\textbf{Ans: 41}", "41", True),
            (WORK + r"\textbf{So the answer is 41 apples.}", "41", True),
            (WORK + r"\textbf{Answer:} 41", "41", True),  # a bare label: read as before
            (WORK + r"\boxed{\text{The answer is 41}}", "41", True),
            (WORK + r"\boxed{Answer: 41 or 42}", "41", False),
            (WORK + r"\boxed{41}" + "\n\n" + r"\boxed{\text{Answer: 42}}", "42", False),
            (WORK + r"\textbf{Answer: 42}", "41", False),
            (WORK + r"\emph{Answer: 41 or 42}", "41", False),
            (WORK + r"\textbf{Answer: 41} (I guess)", "41", False),
            (WORK + r"\textbf{Answer: 41}" + "\n\nActually, no: 42.", "41", False),
            (WORK + r"\textbf{Wrong answer: 41}", "41", False),
        ]
    )


def test_an_answer_statement_in_markdown_emphasis() -> None:
    judge(
        [
            (WORK + "*Answer: 41*", "41", True),
            (WORK + "_Answer: 41_", "41", True),
            (WORK + "***Final answer: 41***", "41", True),
            (WORK + "__Answer: 41__", "41", True),
            (WORK + "*Answer: 42*", "41", False),
            (WORK + "*Answer: 41 or 42*", "41", False),
            (WORK + "_Answer: 41, maybe_", "41", False),
            (WORK + "41*", "41", False),  # a footnote mark, not emphasis
        ]
    )


def test_a_reference_with_its_answer_inside_a_font_command() -> None:
    """The same on the reference side: a gold ``\\textbf{Answer: 41}`` was read as ``41}``, so no completion passed."""
    for gold in (r"\textbf{Answer: 41}", r"\emph{The answer is 41.}", "*Answer: 41*", "__Answer: 41__"):
        assert extract_reference(WORK + gold).answer == "41"
        judge([("41", WORK + gold, True), (r"\boxed{41}", WORK + gold, True), ("42", WORK + gold, False)])


def test_a_box_followed_by_prose_about_it() -> None:
    judge(
        [
            (r"There are $\boxed{7}$ ways to seat the guests.", "7", True),
            (r"There are $\boxed{7}$ ways to choose the team.", "7", True),
            (r"It takes $\boxed{7}$ minutes to fill the tub.", "7", True),
            (r"$\boxed{7}$ pupils passed the test.", "7", True),
            (r"The stone hits the ground $\boxed{7}$ seconds after release.", "7", True),
            (r"There are $\boxed{7}$ prime factors of $N$.", "7", True),
            (r"$\boxed{7}$ is the number of such squares.", "7", True),
            (r"$\boxed{7}$ is the maximum.", "7", True),
            (r"There are $\boxed{7}$ ways to seat the guests.", "8", False),
            (r"There are $\boxed{7}$ ways to seat the guests, or maybe 8.", "7", False),
            (r"There are $\boxed{7}$ ways to seat the guests, I think.", "7", False),
            (r"There are $\boxed{7}$ ways to seat the guests?", "7", False),
            (r"There are $\boxed{7}$ ways to seat 3 of the guests.", "7", False),  # another value in the rest
            (r"\boxed{7} mod 4", "7", False),
            (r"She walks $\boxed{7}$ miles more than Tom.", "7", False),
            (r"$\boxed{7}$ is at most the count.", "7", False),
            (r"$\boxed{7}$ is the maximum, or 8.", "7", False),
        ]
    )


def test_a_value_followed_by_where_it_is_attained() -> None:
    judge(
        [
            (r"The maximum is $7$ at $x = 3$.", "7", True),
            (r"The minimum value is $-\frac{9}{4}$, attained when $x = \frac32$.", r"-\frac94", True),
            (r"The minimum value $-\frac94$ is attained at $x=\frac32$.", r"-\frac94", True),
            (r"The largest value is $7$ (at $n = 3$).", "7", True),
            (r"The limit is $1$ as $x \to 0$.", "1", True),
            (r"The sum is $28$ for $n = 7$.", "28", True),
            (r"The answer is 7, attained at x = 3.", "7", True),
            (r"The maximum value is $\boxed{7}$, occurring when $x=3$.", "7", True),
            (r"The greatest value, $\boxed{7}$, occurs at $x=3$.", "7", True),
            (r"We get $\boxed{7}$ at the point $(3,7)$.", "7", True),
            (r"The maximum is $7$ at $x = 3$.", "3", False),  # the value, not where it is attained
            (r"The maximum is $\boxed{7}$ at $x = 3$.", "3", False),
            (r"The maximum is $7$ at $x = 3$.", "8", False),
            (r"The maximum is $7$ or $8$ at $x = 3$.", "7", False),
            (r"The maximum is $7$ at $x = 3$, or maybe $8$.", "7", False),
            (r"The value is $7$ when $n \le 3$.", "7", False),  # a case of a piecewise answer, not a place
            (r"The value is $7$ when $n$ is even.", "7", False),
            (r"The value is $7$ when $x = 3 \text{ or } 8$.", "7", False),
        ]
    )


def test_a_labelled_quantity_states_its_value() -> None:
    judge(
        [
            (r"$\angle ABC = 45^{\circ}$", "45", True),
            (r"$\angle ABC = 45^{\circ}$", r"45^\circ", True),
            (r"$|PQ| = 7$", "7", True),
            (r"$|w| = 7$", "7", True),
            (r"$g(2) = 7$", "7", True),
            (r"$\Pr(X = 2) = \frac13$", r"\frac13", True),
            (r"$\mathbb{E}[Y] = 2.5$", "2.5", True),
            (r"$\text{Var}(Y) = 4$", "4", True),
            (r"$\det M = 7$", "7", True),
            (r"$[PQR] = 7$", "7", True),
            (r"$\cos\theta = \frac12$", r"\frac12", True),
            (r"$\sum_{k=1}^{6} k = 21$", "21", True),
            (r"$\int_0^2 x\,dx = 2$", "2", True),
            (r"$\lim_{x\to0}\frac{\sin 2x}{x} = 2$", "2", True),
            (r"\boxed{\lbrace 3,4 \rbrace}", r"\{3,4\}", True),
            (r"$|PQ| = 7$", "8", False),
            (r"$g(2) = 7$", "2", False),
            (r"$\sum_{k=1}^{6} k = 22$", "21", False),
            (r"$|x - 1| = 7$", "7", False),  # an equation in x, not a named quantity
            (r"$x(2) = 7$", "7", False),  # x times 2: an equation
            (r"$2x = 7$", "7", False),
            (r"$\cos x = \frac12$", r"\frac{\pi}{3}", False),  # an unsolved equation
            (r"\boxed{\lbrace 3,5 \rbrace}", r"\{3,4\}", False),
            (r"\boxed{\lbrace 3,4 \rbrace}", "(3,4)", False),
        ]
    )


def test_a_therefore_sign_in_math_leads_the_answer() -> None:
    judge(
        [
            (r"$\therefore$ 41", "41", True),
            (r"\(\therefore\) 41", "41", True),
            (r"$\Rightarrow$ 41", "41", True),
            (r"$\therefore$ 42", "41", False),
            (r"$\therefore$ 41 or 42", "41", False),
        ]
    )


def test_a_revision_label_replaces_the_earlier_answer() -> None:
    judge(
        [
            ("**Final Answer:** 42\n\n**Final Answer (revised):** 41", "41", True),
            ("Answer: 42\nRevised answer: 41", "41", True),
            ("Answer: 42\nAnswer (corrected): 41", "41", True),
            ("\\boxed{42}\n\n**Correction:** \\boxed{41}", "41", True),
            ("<answer>42</answer>\n\nActually, the answer is 41.", "41", True),
            ("**Final Answer:** 42\n\n**Final Answer (revised):** 41", "42", False),
            ("Answer: 42\nAnswer (corrected): 41 or 43", "41", False),
            ("\\boxed{42}\n\n**Correction:** \\boxed{41}", "42", False),
            ("\\boxed{42}\n\nAlso: \\boxed{41}", "41", False),  # no correction: two answers
            ("<answer>42</answer>\n\nActually, the answer is 41 or 43.", "41", False),
        ]
    )


def test_chat_styles_pointer_table_row_and_a_count_noun_in_parentheses() -> None:
    judge(
        [
            ("👉 **41**", "41", True),
            ("➡️ 41", "41", True),
            ("The answer is **41** (apples).", "41", True),
            ("| Item | Count |\n|---|---|\n| **Total** | **41** |", "41", True),
            ("👉 **42**", "41", False),
            ("➡️ 41 or 42", "41", False),
            ("The answer is **41** (apples)?", "41", False),
            ("| Item | Count |\n|---|---|\n| **Total** | **42** |", "41", False),
            ("| Item | Count |\n|---|---|\n| **Total** | 41 or 42 |", "41", False),
        ]
    )


def test_a_name_stated_after_a_copula() -> None:
    judge(
        [
            ("It's Alice.", r"\text{Alice}", True),
            ("The fastest runner in the race is Evelyn.", r"\text{Evelyn}", True),
            ("It's Bob.", r"\text{Alice}", False),
            ("I think it's Alice.", r"\text{Alice}", False),
            ("It's not Alice.", r"\text{Alice}", False),
            ("It's Alice or Bob.", r"\text{Alice}", False),
            ("It's Alice?", r"\text{Alice}", False),
            ("The winner is maybe Alice", r"\text{Alice}", False),
        ]
    )


def test_a_pronoun_refers_to_the_value_of_the_clause_before() -> None:
    gold = r"Hence $m = 6$ works, and it is the least such value since $m=5$ gives $25$."
    judge(
        [
            ("6", gold, True),
            ("5", gold, False),
            (r"Thus $m = 6$ works, and it is the least such value.", "6", True),
            (r"Thus $m = 6$ works, and it is probably the least such value.", "6", False),
        ]
    )


def test_common_styles_rupees_bold_multipliers_per_mille() -> None:
    judge(
        [
            ("**Answer:** Rs. 750", "750", True),
            ("She paid Rs. 750.", "750", True),
            (r"\boxed{\pmb{3/4}}", "0.75", True),
            (r"Thus the result is $\boxed{7\text{ lakh}}$.", "700000", True),
            (r"\boxed{3 \text{ crore}}", "30000000", True),
            (r"\boxed{7\text{ per mille}}", "0.007", True),
            ("**Answer:** Rs. 750", "751", False),
            (r"\boxed{\pmb{3/5}}", "0.75", False),
            (r"\boxed{7\text{ lakh}}", "7", False),
            (r"\boxed{7\text{ lakh}}", "70000", False),
            (r"\boxed{7\text{ per mille}}", "7", False),
        ]
    )


def test_a_modulus_inequality_is_the_union_it_describes() -> None:
    judge(
        [
            (r"\boxed{(-\infty,-2)\cup(2,\infty)}", "|x|>2", True),
            (r"\boxed{(-3,3)}", "|x|<3", True),
            (r"\boxed{|x| \ge 1}", r"(-\infty,-1]\cup[1,\infty)", True),
            (r"\boxed{x<-2 \text{ or } x>2}", "|x|>2", True),
            (r"\boxed{(2,\infty)}", "|x|>2", False),
            (r"\boxed{(-\infty,-2]\cup[2,\infty)}", "|x|>2", False),
            (r"\boxed{|x|<3}", r"(-\infty, 3)", False),
        ]
    )


def test_a_clock_time_with_am_or_pm_in_a_sentence() -> None:
    judge(
        [
            ("The train leaves at 4:45 PM.", "4:45", True),
            ("The train leaves at 4:45 PM.", "16:45", True),
            ("The train leaves at 4:45 PM.", "4:55", False),
            ("The train leaves at 4:45 AM.", "16:45", False),
            ("The train leaves at 4:45 PM or 5 PM.", "4:45", False),
        ]
    )


def test_a_list_of_rows_is_a_matrix() -> None:
    pm = r"\begin{pmatrix}1&2\\3&4\end{pmatrix}"
    judge(
        [
            (r"\boxed{[[1,2],[3,4]]}", pm, True),
            (r"\boxed{\begin{bmatrix}1&2\\3&4\end{bmatrix}}", "[[1,2],[3,4]]", True),
            (r"\boxed{[[1,2],[3,5]]}", pm, False),
            (r"\boxed{[[1,3],[2,4]]}", pm, False),  # rows, not columns
            (r"\boxed{[[1,2],[3]]}", pm, False),  # rows of different lengths are no matrix
            (r"\boxed{[[1,2],[3,4]]}", "(1,2,3,4)", False),
        ]
    )


HOSTILE = {
    "fonts": r"\textbf{Answer: 1" * 100_000,
    "closed_fonts": r"\textbf{Answer: 1}" * 60_000,
    "emphasis_lines": "*Answer: 1*\n" * 80_000,
    "emphasis_open": "_" * 500_000,
    "locating": "The maximum is 5 at $x=2$, " * 30_000 + "at $x=2$.",
    "locating_ws": "5 at" + " " * 1_000_000 + "$x=2$",
    "table": "| a | b |\n" * 100_000,
    "box_rest": r"$\boxed{5}$ ways" + " to go" * 150_000 + ".",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.process_time()  # CPU time: the machine may be shared
    extract(text)
    extract_reference(text[:200_000])
    assert time.process_time() - t0 < cpu_limit()
