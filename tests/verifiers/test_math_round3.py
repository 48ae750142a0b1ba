"""Third red-team round: one test per mechanism, each with cases the corpora do not hold (positives and negatives)."""

from __future__ import annotations

import pytest

from rlvr.verifiers.math import MathVerifier

Case = tuple[str, object, bool]


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(timeout_s=20.0, workers=1)


def judge(verifier: MathVerifier, cases: list[Case]) -> None:
    results = verifier.verify_batch([c for c, _, _ in cases], [g for _, g, _ in cases])
    wrong = [(c, g, want, r.passed, r.extracted) for (c, g, want), r in zip(cases, results) if r.passed != want]
    assert wrong == []


def test_chains_state_their_value_only_when_every_link_holds(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{3 + 4 = 8}", "8", False),
            (r"\boxed{y = 9 = 10}", "10", False),
            (r"\boxed{a + b = 6 + 1 = 8}", "8", False),
            (r"\boxed{7 = n = 8}", "8", False),
            (r"So $3^{3} = 28$.", "28", False),
            (r"\boxed{3 + 4 = 7}", "7", True),
            (r"\boxed{a + b = 6 + 1 = 7}", "7", True),
            (r"\boxed{n = 2 \cdot 3 = 6}", "6", True),
            (r"\boxed{20 = p + q}", "20", True),
            (r"\boxed{x = \frac{1}{4} = 0.25}", "0.25", True),
        ],
    )


def test_an_approximation_after_an_exact_value_is_dropped(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{\frac{1}{3} \approx 0.4}", "0.4", False),
            (r"\boxed{4 \approx \pi}", r"\pi", False),
            (r"\boxed{\sqrt{3} \approx 9.1}", "9.1", False),
            (r"\boxed{\frac{1}{3} \approx 0.33}", r"\frac13", True),
            (r"\boxed{x \approx 2.5}", "2.5", True),
            (r"The answer is 2.2361 approx.", r"\sqrt5", True),
        ],
    )


def test_several_choice_letters_are_a_hedge(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            ("Answer: (C)(D)", "C", False),
            (r"\boxed{(A)(D)}", "D", False),
            ("The answer is (C) or (D).", "C", False),
            (r"The answer is \textbf{(C)} 7 \textbf{(D)} 8.", "C", False),
            ("The answer is (A)/(C).", "A", False),
            ("The correct answer is: **D) 40**", "D", True),
            ("The answer is 40 (D).", "D", True),
            (r"\boxed{40}", r"\text{(D) }40", True),
            (r"\boxed{41}", r"\text{(D) }40", False),
            (r"\boxed{\text{Option D}}", "D", True),
            (r"\boxed{\text{Choice C}}", "D", False),
        ],
    )


def test_primes_are_never_dropped(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{g'}", "g", False),
            (r"\boxed{z''}", "z", False),
            (r"\boxed{7'}", r"7\text{ inches}", False),
            (r"\boxed{7''}", r"7\text{ feet}", False),
            (r"\boxed{7'}", r"7\text{ feet}", True),
            (r"\boxed{7''}", r"7\text{ inches}", True),
            (r"\boxed{g'}", "g'", True),
        ],
    )


def test_struck_out_values_and_invalid_numerals_equal_nothing(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{\not 7}", "7", False),
            (r"\boxed{1012_2}", "1012_2", False),
            (r"\boxed{385_8}", "385_8", False),
            (r"\boxed{1G_{16}}", "1G_{16}", False),
            (r"\boxed{110_{(2)}}", "110_2", True),
            (r"\boxed{110_{\text{two}}}", "6", False),
            (r"\boxed{110_{\text{two}}}", "110_2", True),
            (r"\boxed{1a_{16}}", "1A_{16}", True),
        ],
    )


def test_improper_fraction_after_a_whole_number_is_not_a_mixed_number(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{3\frac{5}{4}}", r"\frac{17}{4}", False),
            (r"\boxed{1 \frac{7}{3}}", r"\frac{10}{3}", False),
            (r"\boxed{3\frac{1}{4}}", r"\frac{13}{4}", True),
        ],
    )


def test_inverse_trig_roots_and_operators(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{\cos^{-1}(y)}", r"\frac{1}{\cos y}", False),
            (r"\boxed{\cos^{-1} 0}", r"\frac{\pi}{2}", True),
            (r"\boxed{\tan^{-1}\sqrt{3}}", r"\frac{\pi}{3}", True),
            (r"\boxed{\sqrt[3]{-27}}", "-3", True),
            (r"\boxed{\sqrt[5]{-32}}", "-2", True),
            (r"\boxed{7!!}", "105", True),
            (r"\boxed{7!!}", "5040", False),
            (r"\boxed{3**4}", "81", True),
            (r"\boxed{17 \bmod 5}", "2", True),
            (r"\boxed{\nicefrac{3}{4}}", "0.75", True),
            (r"\boxed{\lVert -7 \rVert}", "7", True),
            (r"$4\boxed{7}$", "7", False),
        ],
    )


def test_residues_and_the_remainder_operation(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{x \equiv 3 \pmod{11}}", "3", True),
            (r"\boxed{4 \pmod 9}", "4", True),
            (r"\boxed{4 \pmod 9}", r"4 \pmod 8", False),
            (r"\boxed{y \equiv 4}", "4", True),
            ("The answer is 3 modulo 11.", "3", True),
            (r"\boxed{9} mod 4", "9", False),
            (r"\boxed{9} mod 4", "1", True),
        ],
    )


def test_number_words(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            ("The answer is four thousand and seven.", "4007", True),
            ("The answer is two hundred and six.", "206", True),
            ("The answer is a thousand.", "1000", True),
            ("The answer is two dozen.", "24", True),
            ("The answer is minus seven.", "-7", True),
            ("The answer is negative 7.", "-7", True),
            ("The answer is negative 7.", "7", False),
            ("The answer is three fifths.", r"\frac35", True),
            ("The answer is a quarter.", r"\frac14", True),
            ("The answer is one quarters.", r"\frac14", False),
            ("The answer is twenty-one.", "21", True),
            ("So the answer is 8 (eight).", "8", True),
            ("So the answer is 8 (nine).", "8", False),
            (r"\boxed{8^{\text{th}}}", "8", True),
            (r"\boxed{3\text{rd}}", "3", True),
        ],
    )


def test_currency_symbols(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{€15}", "15", True),
            (r"\boxed{15€}", "15", True),
            (r"\boxed{£15}", r"\$15", False),
            (r"\boxed{¥15}", "15", True),
            (r"\boxed{₹15}", "15", True),
            ("The total is 15 dollars.", r"\$15", True),
        ],
    )


def test_intervals_sets_and_times_in_other_notations(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{]3,7[}", "(3,7)", True),
            (r"\boxed{[3,7[}", "[3,7)", True),
            (r"\boxed{]3,7]}", "[3,7]", False),
            (r"\boxed{\mathbb{R}\setminus\{5\}}", r"x \ne 5", True),
            (r"\boxed{\mathbb{R}\setminus\{5\}}", r"x \ne 4", False),
            (r"\boxed{[0,4]\setminus\{1\}}", r"[0,1)\cup(1,4]", True),
            (r"\boxed{\{3,3,4\}}", r"\{3,4\}", True),
            (r"\boxed{\{3,3,4\}}", r"\{3,4,5\}", False),
            ("It is 4:45 p.m.", "16:45", True),
            ("It is 4:45 a.m.", "16:45", False),
            ("It is 12:00 midnight.", "0:00", True),
            (r"\boxed{14:00}", "2:00", True),
            (r"\boxed{a:b = 5:7}", "5:7", True),
        ],
    )


def test_count_nouns_with_qualifiers_and_directions(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            ("The answer is 9 broken eggs.", "9", False),
            ("The answer is 9 boxes of pencils.", "9", False),
            ("The point moves 9 units to the right.", "9", False),
            ("The answer is 9 distinct pencils.", "9", True),
        ],
    )


def test_units_decimals_and_words(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{7 km^2}", r"7\text{ km}^2", True),
            ("The area is 7 m².", r"7\text{ m}", False),
            ("The area is 7 m².", r"7\text{ m}^2", True),
            (r"\boxed{0.\bar{6}}", r"\frac23", True),
            (r"\boxed{0.1\dot{6}}", r"\frac16", True),
            (r"\boxed{0.666\ldots}", r"\frac23", True),
            (r"\boxed{0.141414\ldots}", r"\frac{14}{99}", True),
            (r"\boxed{0.3141\ldots}", r"\frac{\pi}{10}", True),
            (r"\boxed{\frac{\pi}{4}\text{ rad}}", r"45^\circ", True),
            (r"\boxed{4\text{ rad}}", r"4^\circ", False),
            (r"\boxed{45^o}", r"45^\circ", True),
            (r"\boxed{\text{Sun}\text{day}}", r"\text{Sunday}", True),
            (r"\boxed{\text{infinity}}", r"\infty", True),
            (r"\boxed{\text{Amy?}}", r"\text{Amy}", False),
        ],
    )


def test_references_in_sentences_lists_and_json_numbers(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{12}", "The total is 12.", True),
            (r"\boxed{13}", "The total is 12.", False),
            (r"\boxed{12}", "There are 12 apples.", True),
            (r"\boxed{\{3,4\}}", r"The roots are $\{3,4\}$.", True),
            (r"\boxed{7}", [7, None], True),
            (r"\boxed{\infty}", float("inf"), True),
            (r"\boxed{-\infty}", float("inf"), False),
            ("The answer is " + "2" * 450 + ".", "2" * 450, True),
            ("The answer is " + "2" * 450 + ".", "2" * 449, False),
        ],
    )


def test_word_answers_for_word_golds(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            ("The meeting is on **Friday**.", r"\text{Friday}", True),
            ("The meeting is on **Monday**.", r"\text{Friday}", False),
            ("Yes, it is always possible.", r"\text{Yes}", True),
            ("No idea, maybe yes.", r"\text{Yes}", False),
            ("Gabriel", r"\text{Gabriel}", True),
        ],
    )


def test_cue_words_between_an_answer_and_its_anchor(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"Scarcely \boxed{8}", "8", False),
            (r"Most likely \boxed{8}", "8", False),
            (r"It surpasses \boxed{8}", "8", False),
            (r"The result is thrice \boxed{8}", "8", False),
            (r"The answer is the cube of \boxed{8}", "8", False),
            (r"Hypothetically: \boxed{8}", "8", False),
            (r"Lower bound: \boxed{8}", "8", False),
            ("The answer is nowhere near 8.", "8", False),
            ("I doubt that the total is 8.", "8", False),
            (r"Working it through carefully, the total is \boxed{8}", "8", True),
            (r"Therefore, the final answer is exactly \boxed{8}.", "8", True),
            (r"About 40% of the class passed, so \boxed{8}.", "8", True),
            (r"Area: \boxed{8}", "8", True),
        ],
    )


def test_other_languages_and_scripts(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            ("Die Antwort ist wahrscheinlich 8.", "8", False),
            (r"Ce n'est pas \boxed{8}.", "8", False),
            (r"Probablemente \boxed{8}", "8", False),
            (r"至少 \boxed{8}", "8", False),
            (r"\boxed{8} 左右", "8", False),
            ("答案是 $8$", "8", True),
            (r"所以答案为 \boxed{8}。", "8", True),
            ("La risposta è 8.", "8", True),
            (r"\boxed{８}", "8", True),
            (r"\boxed{八}", "8", True),
            (r"\boxed{8元}", "8", True),
            (r"\boxed{⑧}", "8", True),
        ],
    )


def test_labels_reasoning_markers_and_markup(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{\text{estimate} = 8}", "8", False),
            ("Incorrect sum = 8", "8", False),
            (r"<reasoning>\boxed{7}</reasoning>\boxed{8}", "8", True),
            (r"<thinking>so 7</thinking> The answer is 8.", "8", True),
            ("<think>Maybe 7. The answer is 8.", "8", False),
            (r"<answer>8</answer> but I am not sure", "8", False),
            (r"The answer is ~~7~~ 8.", "8", True),
            (r"\colorbox{yellow}{8}", "8", True),
            (r"\boxed{8}\boxed{8}", "8", True),
            (r"\boxed{8} 🤔", "8", False),
            (r"$\boxed{8}$*", "8", False),
            ("Perhaps (D).", "D", False),
        ],
    )


def test_notations_for_the_same_value(verifier: MathVerifier) -> None:
    judge(
        verifier,
        [
            (r"\boxed{x = y = 4}", "x = 4, y = 4", True),
            (r"\boxed{\overline{CD}}", r"\overline{DC}", True),
            (r"\boxed{\angle PQR}", r"\angle RQP", True),
            (r"\boxed{\angle PQR}", r"\angle QPR", False),
            (r"\boxed{\overline{3-4i}}", "3+4i", True),
            (r"\boxed{\text{no real solutions}}", r"\emptyset", True),
            (r"\boxed{\SI{8}{\kilo\metre}}", r"8\text{ km}", True),
            (r"\boxed{{6 \choose 2}}", "15", True),
            (r"\boxed{\abs{-8}}", "8", True),
            (r"\boxed{\mathbb R}", r"(-\infty,\infty)", True),
            (r"\boxed{y - 2 = 8}", "8", False),
            (r"\boxed{\begin{aligned}y&=8\end{aligned}}", "8", True),
            (r"\boxed{\begin{gathered}8\end{gathered}}", "8", True),
            (r"\boxed{\begin{aligned}x&=1\\y&=8\end{aligned}}", "x = 1, y = 8", True),
            (r"\boxed{0.(6)}", r"\frac23", True),
            (r"\boxed{0.1(3)}", r"\frac{2}{15}", True),
            (r"\boxed{\text{no...}}", r"\text{no}", False),
            (r"\boxed{g(t) = 3t - 1}", "g(x) = 3x - 1", True),
            (r"\boxed{g(t) = 3t + 1}", "g(x) = 3x - 1", False),
        ],
    )
