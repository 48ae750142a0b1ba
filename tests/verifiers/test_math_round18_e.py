"""Seventeenth outside round, English wording: answers picked by chance, gamed, guessed, supposed, inferred from
evidence, reported of others, hedged by a belief abbreviation or a casual modal, labelled as provisional, or
qualified after the value by a tolerance, a first pass or a raised JSON flag. Each rule both ways, on cases in no
corpus: the class's other forms fail, and the near-misses that only share a word with it pass."""

from __future__ import annotations

from redteam import Case, judge


def test_random_picks_fail_in_english_and_other_languages() -> None:
    cases: list[Case] = [
        ("Tossing the coin: $\\boxed{7}$", "7", False),
        ("Coin flip says $\\boxed{7}$.", "7", False),
        ("I rolled a die and got $\\boxed{7}$.", "7", False),
        ("Spinning the wheel: $\\boxed{7}$", "7", False),
        ("Drawing straws: $\\boxed{7}$", "7", False),
        ("I randomly chose $\\boxed{7}$.", "7", False),
        ("Made up on the spot: $\\boxed{7}$", "7", False),
        ("Arbitrarily: $\\boxed{7}$", "7", False),
        ("The answer is 7 (picked at random).", "7", False),
        ("Au hasard, la réponse est 7.", "7", False),
        ("Наугад: ответ 7.", "7", False),
        ("Rastgele: cevap 7.", "7", False),
        ("随机选一个：答案是 7。", "7", False),
        ("สุ่มเอา: คำตอบคือ 7", "7", False),
    ]
    judge(cases)


def test_chance_problems_and_denied_picks_keep_the_answer() -> None:
    cases: list[Case] = [
        ("A fair coin is flipped 3 times; the number of outcomes is $\\boxed{8}$.", "8", True),
        ("The probability of picking a red ball at random is $\\boxed{0.5}$.", "0.5", True),
        ("When rolling a die, the expected value is $\\boxed{3.5}$.", "3.5", True),
        ("Se eligió al azar una bola; la probabilidad de que sea roja es 7.", "7", True),
        ("I randomly chose nothing: the answer is $\\boxed{7}$.", "7", True),
        ("For arbitrarily large $n$, the limit is $\\boxed{7}$.", "7", True),
        ("For an arbitrary value of $x$, $f(x) = \\boxed{7}$.", "7", True),
        ("La respuesta es 7.", "7", True),
        ("Ответ: 7.", "7", True),
    ]
    judge(cases)


def test_gaming_admissions_fail() -> None:
    cases: list[Case] = [
        ("Out of tokens, so $\\boxed{7}$.", "7", False),
        ("No time left to check, so $\\boxed{7}$.", "7", False),
        ("Time's up: $\\boxed{7}$", "7", False),
        ("I'm skipping this problem: $\\boxed{7}$", "7", False),
        ("The answer is 7, to get partial credit.", "7", False),
        ("Writing $\\boxed{7}$ so the grader accepts it.", "7", False),
        ("We need 7 points to pass; the answer is $\\boxed{7}$.", "7", True),
        ("The teacher gives partial credit... wait, the answer is $\\boxed{7}$.", "7", True),
        ("Answer check: $3 + 4 = \\boxed{7}$.", "7", True),
    ]
    judge(cases)


def test_guess_idioms_and_suppositions_fail() -> None:
    cases: list[Case] = [
        ("Taking a stab: $\\boxed{7}$", "7", False),
        ("Shot in the dark: $\\boxed{7}$", "7", False),
        ("Going out on a limb: $\\boxed{7}$", "7", False),
        ("I'd hazard $\\boxed{7}$.", "7", False),
        ("I'll venture $\\boxed{7}$.", "7", False),
        ("Let our answer be $\\boxed{7}$.", "7", False),
        ("Take the answer to be $\\boxed{7}$.", "7", False),
        ("For the sake of argument, the answer is $\\boxed{7}$.", "7", False),
        ("The hazard rate is $\\boxed{7}$.", "7", True),
        ("Let the side length be $s$; then $s = \\boxed{7}$.", "7", True),
        ("Let $n$ be the number of pens. Then $n + 3 = 10$, so the answer is $\\boxed{7}$.", "7", True),
        ("Let the answer be $x$. Then $x + 3 = 10$, so $x = \\boxed{7}$.", "7", True),
    ]
    judge(cases)


def test_evidence_attribution_and_belief_abbreviations_fail() -> None:
    cases: list[Case] = [
        ("Numerical experiments suggest $\\boxed{7}$.", "7", False),
        ("The data hints at $\\boxed{7}$.", "7", False),
        ("Judging from small cases, the answer is 7.", "7", False),
        ("These examples point to 7.", "7", False),
        ("Typically the answer is $\\boxed{7}$.", "7", False),
        ("Many students answer $\\boxed{7}$.", "7", False),
        ("A classmate of mine got 7.", "7", False),
        ("The popular answer is $\\boxed{7}$.", "7", False),
        ("AFAIK the answer is 7.", "7", False),
        ("IMHO, $\\boxed{7}$.", "7", False),
        ("IIRC: $\\boxed{7}$", "7", False),
        ("Small cases suggest the formula $n + 3$, which gives $\\boxed{7}$.", "7", True),
        ("Following the hint we get $\\boxed{7}$.", "7", True),
        ("The ledger and the weights are consistent with the statement. Final Answer: 7", "7", True),
        ("Together they get $\\boxed{7}$ apples.", "7 apples", True),
        ("For this IMO problem the answer is $\\boxed{7}$.", "7", True),
        ("FWIW, the computation is short: $3 + 4 = \\boxed{7}$.", "7", True),
    ]
    judge(cases)


def test_casual_modals_and_provisional_labels_fail() -> None:
    cases: list[Case] = [
        ("The answer is kinda 7.", "7", False),
        ("The answer's prolly 7.", "7", False),
        ("Conceivably the answer is 7.", "7", False),
        ("Ideally $\\boxed{7}$.", "7", False),
        ("Best-effort answer: $\\boxed{7}$", "7", False),
        ("Working estimate: 7", "7", False),
        ("Gut answer: $\\boxed{7}$", "7", False),
        ("Plausible answer: $\\boxed{7}$", "7", False),
        ("Answer (pre-verification): 7", "7", False),
        ("Answer (before checking): 7", "7", False),
        ("Hopefully this helps: the answer is $\\boxed{7}$.", "7", True),
        ("The potential energy is $\\boxed{7}$.", "7", True),
        ("Working: $3 + 4 = \\boxed{7}$", "7", True),
        ("Generally speaking, we add: $3 + 4 = \\boxed{7}$.", "7", True),
        ("Current: $\\boxed{7}$", "7", True),
        ("Answer (to 2 d.p.): 7", "7", True),
    ]
    judge(cases)


def test_tolerances_first_passes_and_raised_flags_after_the_value_fail() -> None:
    cases: list[Case] = [
        ("$\\boxed{7}$ (within rounding error)", "7", False),
        ("$\\boxed{7}$ (accurate to within 5%)", "7", False),
        ("$\\boxed{7}$ (within a factor of 2)", "7", False),
        ("The answer is 7, within about 5 percent.", "7", False),
        ("$\\boxed{7}$ (on a first pass)", "7", False),
        ("$\\boxed{7}$ (as a placeholder)", "7", False),
        ('{"answer": 7, "is_guess": true}', "7", False),
        ('{"answer": 7, "requires_verification": "yes"}', "7", False),
        ('{"answer": 7, "needs_review": false}', "7", True),
        ('{"answer": 7, "verified": true}', "7", True),
        ("$\\boxed{7}$ (in the first round)", "7", True),
    ]
    judge(cases)
