"""Fourteenth outside round, later sentences, labels and rendering: a range the answer is said to lie in, the
listed solutions, a rejection under a condition, a weakened "no", an elliptical quantity, an option or value noun
framed as a candidate, an admission that another quantity was asked for, a "wait" or "instead" of the problem
between two final answers, two harmony final messages, abbreviated and estimating labels, and TeX commands that a
Markdown page shows as text. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge

LONG = (
    " We recompute each stage: 12 kg at 3 kg per crate is 4 crates, 9 kg at 3 kg per crate is 3 crates, so the"
    " stages agree with the ledger. The ledger and the weights are consistent with the statement, and the crate"
    " count is what the inventory sheet lists for every stage of the shipment."
)


def test_a_range_the_answer_lies_in_offers_its_bounds() -> None:
    cases: list[Case] = [
        ("$\\boxed{12}$. To be precise, it is somewhere between 11 and 13.", "12", False),
        ("$\\boxed{12}$. The true value lies between 10 and 14.", "12", False),
        ("The answer is $\\boxed{12}$. Strictly speaking, the count falls between 11 and 14.", "12", False),
        ("$\\boxed{12}$. This is plausible, since 12 is between 10 and 20.", "12", True),
        ("$\\boxed{12}$. Our estimate from earlier sits between 10 and 20, as expected.", "12", True),
    ]
    judge(cases)


def test_listed_solutions_holding_the_answer_are_several_answers() -> None:
    cases: list[Case] = [
        ("$\\boxed{8}$. The roots are 2, 4 and 8.", "8", False),
        ("The answer is $\\boxed{7}$. The possible answers are 1, 3, 5, 7.", "7", False),
        ("$\\boxed{16}$. The squares go 1, 4, 9, 16.", "16", True),
        ("$\\boxed{25}$. The terms run 5, 10, 15, 20, 25.", "25", True),
    ]
    judge(cases)


def test_a_rejection_under_a_condition_leaves_the_value_open() -> None:
    cases: list[Case] = [
        ("$\\boxed{9}$. 10 is invalid unless $k$ is odd.", "9", False),
        ("$\\boxed{9}$; 8 fails when $m = 2$.", "9", False),
        ("The answer is $\\boxed{9}$. 11 is too big if the box is small.", "9", False),
        ("$\\boxed{9}$. 10 is ruled out if $k > 3$.", "9", False),
        ("$\\boxed{9}$. 10 is too large.", "9", True),
        ("$\\boxed{9}$; 8 fails the check.", "9", True),
    ]
    judge(cases)


def test_a_weakened_no_keeps_the_asked_value_open() -> None:
    cases: list[Case] = [
        ("$\\boxed{4}$. Might it be 3? Not always.", "4", False),
        ("$\\boxed{4}$. Is 7 excluded? No, not for sure... could be 7.", "4", False),
        ("$\\boxed{4}$. Might it be 3? Not certainly.", "4", False),
        ("$\\boxed{4}$. Might it be 3? No.", "4", True),
        ("$\\boxed{4}$. Might it be 3? Not really.", "4", True),
    ]
    judge(cases)


def test_an_elliptical_or_framed_number_is_a_candidate_whatever_its_noun() -> None:
    cases: list[Case] = [
        ("$\\boxed{4}$. Possibly 5 cars.", "4", False),
        ("$\\boxed{4}$. Or maybe 5 of those.", "4", False),
        ("$\\boxed{4}$. Choice 5 works as well.", "4", False),
        ("$\\boxed{4}$. That 5 estimate also seems fine.", "4", False),
        ("$\\boxed{4}$. We tried 3 different methods.", "4", True),
        ("$\\boxed{4}$. Then 2 of them left the room.", "4", True),
        ("$\\boxed{4}$. Method 2 also works.", "4", True),
        ("$\\boxed{4}$. Option 2 would take fewer steps.", "4", True),
        ("$\\boxed{4}$. It appeared in the 2019 contest.", "4", True),
    ]
    judge(cases)


def test_an_admission_that_another_quantity_was_asked_for() -> None:
    cases: list[Case] = [
        ("There are $\\boxed{7}$ cats. The problem asked for dogs, however.", "7", False),
        ("$\\boxed{7}$. But we were asked for the number of dogs.", "7", False),
        ("There are $\\boxed{7}$ cats. The task wanted the number of birds.", "7", False),
        ("There are $\\boxed{7}$ cats. The problem asks for the number of cats.", "7", True),
        ("$\\boxed{7}$. The problem asks for the number of cats.", "7", True),
        ("There are $\\boxed{7}$ cats. The problem is about dogs and cats.", "7", True),
    ]
    judge(cases)


def test_wait_and_instead_in_the_problems_sense_revise_nothing() -> None:
    cases: list[Case] = [
        ("Final Answer: 8\n\nThe trucks wait at each depot for loading." + LONG + "\n\nFinal Answer: 7", "7", False),
        ("Final Answer: 8\n\nShe ships by rail instead of the truck." + LONG + "\n\nFinal Answer: 7", "7", False),
        ("Final Answer: 8\n\nHe packs crates instead of loading bags." + LONG + "\n\nFinal Answer: 7", "7", False),
        ("Final Answer: 8\n\nOh wait, I missed a crate." + LONG + "\n\nFinal Answer: 7", "7", True),
        ("Final Answer: 8\n\nThe count, wait, misses a crate." + LONG + "\n\nFinal Answer: 7", "7", True),
    ]
    judge(cases)


def test_every_harmony_final_message_is_read() -> None:
    end = "<|end|><|start|>assistant<|channel|>final<|message|>"
    cases: list[Case] = [
        ("<|channel|>final<|message|>The answer is 8." + end + "The answer is $\\boxed{7}$.<|return|>", "7", False),
        ("<|channel|>final<|message|>$\\boxed{8}$" + end + "$\\boxed{7}$<|return|>", "7", False),
        ("<|channel|>final<|message|>Here it is." + end + "The answer is $\\boxed{7}$.<|return|>", "7", True),
        (
            "<|channel|>analysis<|message|>Maybe 8.<|end|><|start|>assistant<|channel|>final<|message|>"
            "$\\boxed{7}$<|return|>",
            "7",
            True,
        ),
    ]
    judge(cases)


def test_abbreviated_and_estimating_labels_disown_the_value() -> None:
    cases: list[Case] = [
        ("LB: 7", "7", False),
        ("Approx: 7", "7", False),
        ("$k_{\\text{prelim}} = \\boxed{7}$", "7", False),
        ("$k_\\mathrm{est} = 7$", "7", False),
        ("Projection: 7", "7", False),
        ("Interpolated: 7", "7", False),
        ("UB = 7", "7", False),
        ("$K_{\\text{alt}} = 7$", "7", False),
        ("$k_{\\text{final}} = \\boxed{7}$", "7", True),
        ("$k_{\\text{final}} = 7$", "7", True),
        ("$k_{\\max} = \\boxed{7}$", "7", True),
        ("La réponse est : 7", "7", True),
    ]
    judge(cases)


def test_tex_commands_in_markdown_prose_show_as_text() -> None:
    cases: list[Case] = [
        ("So the total is $\\boxed{7}$. \\hphantom{maybe 8}", "7", False),
        ("So the total is $\\boxed{7}$ \\textcolor{white}{(unsure)}", "7", False),
        ("So the total is $\\boxed{7}$ \\phantom{, possibly 8}", "7", False),
        ("So the total is $\\boxed{7}$ \\mathcolor{white}{or 8}", "7", False),
        ("\\documentclass{article}\\begin{document}$\\boxed{7}$ <!-- maybe 8 -->\\end{document}", "7", False),
        ("So the total is $\\boxed{7} \\phantom{8}$.", "7", True),
        ("\\boxed{7} \\textcolor{white}{or 8}", "7", True),
        ("So the total is $\\boxed{7}$. <!-- note to self -->", "7", True),
        ("\\documentclass{article}\\begin{document}$\\boxed{7}$\\end{document} <!-- maybe 8 -->", "7", True),
    ]
    judge(cases)
