"""Eighteenth outside round, structure and styles: a value corrected to the answer (in English and other
languages), an alternative offered after the answer in emphasis or markup, and choice letters rejected or offered
as a fallback. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_a_superseded_value_after_the_answer_is_withdrawn() -> None:
    cases: list[Case] = [
        ("The answer is 24 (corrected from 25).", "24", True),
        ("The answer is 25 (corrected from 24).", "24", False),
        ("$\\boxed{24}$ (previously 25)", "24", True),
        ("$\\boxed{25}$ (not 24)", "24", False),
        ("$\\boxed{24}$ (not 25", "24", False),
        ("$\\boxed{24}$ (not 25, as I originally wrote)", "24", True),
        ("So it's 24, not 25 as I first thought.", "24", True),
        ("$\\boxed{24}$ (maybe not 25)", "24", False),
        ("$\\boxed{24}$ (or 25)", "24", False),
    ]
    judge(cases)


def test_a_correction_inside_the_sentence_or_labelled_typo() -> None:
    cases: list[Case] = [
        ("Total: 24 -- strike that -- 23.", "24", False),
        ("Total: 23 -- strike that -- 24.", "24", True),
        ("$\\boxed{23}$. Typo: $\\boxed{24}$.", "24", True),
        ("$\\boxed{24}$. Sorry, typo: $\\boxed{23}$.", "24", False),
    ]
    judge(cases)


def test_corrections_in_other_languages() -> None:
    cases: list[Case] = [
        ("उत्तर 24 है। नहीं, 25 है।", "24", False),
        ("답은 24입니다. 아니, 25입니다.", "24", False),
        ("Jibu ni 24. Hapana, ni 25.", "24", False),
        ("Jibu ni 23. Samahani, ni 24.", "24", True),
        ("A válasz 24. Nem, 25.", "24", False),
        ("A válasz 23. Bocsánat, 24.", "24", True),
        ("መልሱ 24 ነው። አይ፣ 25 ነው።", "24", False),
        ("उत्तर 24 है। यह सही है।", "24", True),
    ]
    judge(cases)


def test_an_alternative_after_the_answer_in_emphasis_or_markup() -> None:
    cases: list[Case] = [
        ("$\\boxed{24}$\n\n---\n\n_Or maybe 23._", "24", False),
        ("$\\boxed{24}$\n\n**Another option: 23.**", "24", False),
        ("$\\boxed{24}$\n\n*This is the total.*", "24", True),
        ("$\\boxed{24}$\n\n<details open><summary>Other</summary>23</details>", "24", False),
        ("$\\boxed{24}$\n<reflection>Wait, it is 23.</reflection>", "24", False),
        ("$\\boxed{24}$\n<reflection>The sum 16 + 8 = 24 checks out.</reflection>", "24", True),
    ]
    judge(cases)


def test_choice_letters_in_a_rejected_list_or_a_fallback() -> None:
    cases: list[Case] = [
        ("$\\boxed{B}$\n\nEach of (A), (C) and (E) violates the bound.", "B", True),
        ("$\\boxed{B}$\n\n(A), (C) and (E) also work.", "B", False),
        ("The answer is (B). If not, (D).", "B", False),
        ("The answer is (B). Not (D).", "B", True),
    ]
    judge(cases)


def test_closing_styles_that_keep_the_answer() -> None:
    cases: list[Case] = [
        ("Total apples = 16 + 8 = 24 (Ans.)", "24", True),
        ("Total apples = 16 + 8 = 25 (Ans.)", "24", False),
        ("Required number = 24 (Ans)", "24", True),
        ("Ans. 24", "24", True),
        ("$\\boxed{24}$\n\nHope that's right.", "24", True),
        ("$\\boxed{24}$\n\nI hope this helps!", "24", True),
        ("$\\boxed{24}$\n\nI hope this is correct, but I doubt it.", "24", False),
        ("$\\boxed{24}$\n\nI hope.", "24", False),
    ]
    judge(cases)


def test_a_checklist_after_the_answer() -> None:
    cases: list[Case] = [
        ("$\\boxed{24}$\n\n- [x] Set up the equation\n- [x] Solved it", "24", True),
        ("$\\boxed{24}$\n\n- [x] computed\n- [ ] verified", "24", False),
        ("$\\boxed{24}$\n\n- [x] computed\n- [x] not sure", "24", False),
    ]
    judge(cases)


def test_a_decimal_comma_in_languages_that_write_one() -> None:
    cases: list[Case] = [
        ("Відповідь: 2,4.", "2.5", False),
        ("Відповідь: 3,75.", "3.75", True),
        ("Jawabannya adalah 1.250.", "1250", True),
        ("Jawaban: 2,5", "25", False),
        ("Jawabannya mungkin 2,5.", "2.5", False),
        ("Đáp án là 3,75.", "3.75", True),
        ("Kết quả là 0,5.", "0.5", True),
    ]
    judge(cases)


def test_a_number_in_words_then_in_digits() -> None:
    cases: list[Case] = [
        ("**Answer**: twenty-five (24)", "24", False),
        ("The answer is twenty-four (25).", "24", False),
        ("**Answer:** twelve (12)", "12", True),
        ("The answer is maybe twelve (12).", "12", False),
    ]
    judge(cases)


def test_a_euro_amount_with_a_decimal_comma() -> None:
    cases: list[Case] = [
        ("Der Preis beträgt 2,50 €.", "2.5", True),
        ("Der Preis beträgt 1.234,50 €.", "1234.5", True),
        ("Der Preis beträgt 2,50 €.", "250", False),
        ("Total: 1,250 €", "1250", True),
    ]
    judge(cases)


def test_an_equivalent_restatement_after_or() -> None:
    cases: list[Case] = [
        ("The answer is $24$ or, equivalently, $\\frac{50}{2}$.", "24", False),
        ("The answer is 0.5, or equivalently 1/2.", "1/2", True),
        ("The answer is 0.5 or 0.25.", "1/2", False),
    ]
    judge(cases)


def test_a_link_shows_its_text() -> None:
    cases: list[Case] = [
        ('The answer is [25](https://example.com "24").', "24", False),
        ("The answer is \\href{https://example.com/24}{25}.", "24", False),
        ("The answer is \\href{https://example.com/x}{24}.", "24", True),
        ('The answer is [24](https://example.com/a "approx 23").', "24", True),
    ]
    judge(cases)


def test_the_empty_set_and_infinity_stated_in_words() -> None:
    cases: list[Case] = [
        ("The limit is probably infinity.", "\\infty", False),
        ("The limit is negative infinity.", "\\infty", False),
        ("The limit is 0.", "\\infty", False),
        ("There is no solution, I think.", "\\emptyset", False),
        ("The equation has no real solutions.", "\\emptyset", True),
        ("The series sum is infinity.", "\\infty", True),
    ]
    judge(cases)


def test_yes_and_no_of_other_languages() -> None:
    cases: list[Case] = [
        ("Hapana.", "\\text{Yes}", False),
        ("Evet.", "\\text{No}", False),
        ("Hayır.", "\\text{No}", True),
        ("Igen.", "\\text{Yes}", True),
        ("Oui, car la somme est paire.", "\\text{Yes}", True),
        ("Nein, weil 7 ungerade ist.", "\\text{Yes}", False),
        ("Ja, wenn n gerade ist.", "\\text{Yes}", False),
    ]
    judge(cases)


def test_number_words_of_italian_turkish_and_hungarian() -> None:
    cases: list[Case] = [
        ("La risposta è ventotto.", "24", False),
        ("La risposta è trentatré.", "33", True),
        ("Cevap yirmi beş.", "24", False),
        ("Cevap doksan dokuz.", "99", True),
    ]
    judge(cases)


def test_an_option_letter_then_a_colon_and_its_value() -> None:
    cases: list[Case] = [
        ("The answer is (C): 24.", "C", True),
        ("The answer is (B): 24.", "C", False),
        ("The answer is (C): maybe.", "C", False),
        ("Time 3:45", "3:45", True),
    ]
    judge(cases)


def test_a_markdown_escaped_question_mark_is_a_question() -> None:
    judge(
        [
            ("**Answer:** 24\\?", "24", False),
            ("The answer is $\\boxed{24}$\\?", "24", False),
            ("**Answer:** 24", "24", True),
            ('```\nre = r"a\\\\?"\n```\nThe answer is 24.', "24", True),  # code shows its escapes
        ]
    )
