"""Eighteenth outside round, English wording: remarks after the answer that say where the value came from or how
much to trust it (hearsay, an unsettled standing, a guess idiom, an error bar, a graded possible fault, a skipped
check) and frames before it (a forced answer, an empirical or analogical source, hearsay, a spelled-out belief
abbreviation, a range the value is picked from). Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_remarks_after_the_answer_that_disown_it() -> None:
    cases: list[Case] = [
        ("$\\boxed{7}$ (unproven)", "7", False),
        ("The answer is 7 (tentative).", "7", False),
        ("$\\boxed{7}$ (no guarantees)", "7", False),
        ("$\\boxed{7}$ — use at your own risk.", "7", False),
        ("$\\boxed{7}$ (gut call)", "7", False),
        ("$\\boxed{7}$ (back-of-the-envelope)", "7", False),
        ("$\\boxed{7}$, off the top of my head.", "7", False),
        ("$\\boxed{7}$ — or so I've heard.", "7", False),
        ("$\\boxed{7}$ (copied from an old answer key)", "7", False),
        ("$\\boxed{7}$ (from memory)", "7", False),
        ("$\\boxed{7}$ (reportedly)", "7", False),
        ("$\\boxed{7}$ — my best shot.", "7", False),
        ("$\\boxed{7}$, a shot in the dark.", "7", False),
        ("$\\boxed{7}$ (to match the expected format)", "7", False),
        ("$\\boxed{7}$ (forced answer)", "7", False),
        ("$\\boxed{7}$ (per a Monte Carlo run)", "7", False),
        ("$\\boxed{7}$ (heard it from a friend)", "7", False),
        ("$\\boxed{7}$ (just vibes)", "7", False),
        # the same answers with a remark that explains or confirms
        ("$\\boxed{7}$ (confirmed by substitution)", "7", True),
        ("$\\boxed{7}$ (by the formula above)", "7", True),
        ("$\\boxed{7}$, as I showed above.", "7", True),
        ("$\\boxed{7}$ (to satisfy the constraint $x < 10$)", "7", True),
        ("$\\boxed{7}$ (verified)", "7", True),
    ]
    judge(cases)


def test_error_bars_after_the_answer() -> None:
    cases: list[Case] = [
        ("$\\boxed{7}$ ($\\sigma = 0.5$)", "7", False),
        ("$\\boxed{7}$ (SD 1.2)", "7", False),
        ("$\\boxed{7}$ (margin of error 2%)", "7", False),
        ("$\\boxed{7}$ (95% CI: 5-9)", "7", False),
        ("$\\boxed{7}$ (by the formula above)", "7", True),
        ("$\\boxed{7}$ (in cm)", "7", True),
    ]
    judge(cases)


def test_graded_faults_and_skipped_checks_after_the_answer() -> None:
    cases: list[Case] = [
        ("$\\boxed{7}$. I could be totally off.", "7", False),
        ("$\\boxed{7}$. This might be a bit wrong.", "7", False),
        ("$\\boxed{7}$\n\nVerification: omitted", "7", False),
        ("$\\boxed{7}$\n\n**Check:** deferred", "7", False),
        ("$\\boxed{7}$\n\n**Verification:** not performed", "7", False),
        ("$\\boxed{7}$\n\nVerification status: skipped (out of time)", "7", False),
        ("$\\boxed{7}$\n\nVerification: performed", "7", True),
        ("$\\boxed{7}$\n\nVerification: no errors found", "7", True),
        ("$\\boxed{7}$. Students could be way off here if they forget the carry.", "7", True),
        ("$\\boxed{7}$\n\nVerification: $3 + 4 = 7$ ✓", "7", True),
        ("$\\boxed{7}$\n\nVerification: passed", "7", True),
    ]
    judge(cases)


def test_frames_before_the_answer_that_disown_it() -> None:
    cases: list[Case] = [
        ("I've heard the answer is 7.", "7", False),
        ("Word is the total is $\\boxed{7}$.", "7", False),
        ("If forced to choose, $\\boxed{7}$.", "7", False),
        ("Since an answer is required: $\\boxed{7}$.", "7", False),
        ("We need to give an answer, so: $\\boxed{7}$.", "7", False),
        ("From a few test runs, the answer is $\\boxed{7}$.", "7", False),
        ("Simulations suggest $\\boxed{7}$.", "7", False),
        ("A quick Monte Carlo run gives $\\boxed{7}$.", "7", False),
        ("Because I must answer something: $\\boxed{7}$.", "7", False),
        ("Going by gut feeling, $\\boxed{7}$.", "7", False),
        ("Reasoning by analogy, the answer is $\\boxed{7}$.", "7", False),
        ("If I recall correctly, the answer is $\\boxed{7}$.", "7", False),
        ("As far as I can tell, the answer is $\\boxed{7}$.", "7", False),
        ("Answer: somewhere between 5 and 10, say 7.", "7", False),
        ("Final answer: in the low 70s, say 72.", "72", False),
        ("Answer: somewhere between 60 and 80 — call it 72.", "72", False),
        # frames that derive the value, or ask for its form
        ("Based on the formula above, the answer is $\\boxed{7}$.", "7", True),
        ("Based on the table, the answer is $\\boxed{7}$.", "7", True),
        ("From the recurrence, $\\boxed{7}$.", "7", True),
        ("By symmetry, $\\boxed{7}$.", "7", True),
        ("The simulation of the process in the problem ends at step $\\boxed{7}$.", "7", True),
        ("We have to give the answer in cm: $\\boxed{7}$.", "7", True),
        ("We must choose a number between 1 and 10; the answer is $\\boxed{7}$.", "7", True),
        ("We are told that the sum is 7, so the answer is $\\boxed{7}$.", "7", True),
        ("As we recall from step 2, the total is $\\boxed{7}$.", "7", True),
        ("The ages are in the 20s and 30s; the answer is 72.", "72", True),
        ("The experiment gives 7 outcomes, so the answer is 7.", "7", True),
        ("In the early 1970s there were 72 teams, so the answer is 72.", "72", True),
        ("The estimate lies somewhere between 60 and 80; computing exactly gives 72.", "72", True),
    ]
    judge(cases)
