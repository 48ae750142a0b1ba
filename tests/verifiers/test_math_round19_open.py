"""The eighteenth outside round's last open rows, each fixed by its mechanism and tested both ways on cases in no
corpus: a count noun after the value of a modelled language's answer sentence, the frame boxes of other packages,
a number restated in another form in bare parentheses, an option named before a colon, a recap of the work in the
first person, and a word answer that rejects another name."""

from __future__ import annotations

from redteam import Case, judge


def test_a_count_noun_after_the_value_of_a_modelled_answer_sentence() -> None:
    cases: list[Case] = [
        ("Απάντηση: 18 πορτοκάλια.", "18", True),
        ("Η απάντηση είναι 18 βιβλία.", "18", True),
        ("Đáp số: 18 con gà.", "18", True),
        ("উত্তর: 18টি কলম", "18", True),
        ("উত্তরঃ 18", "18", True),
        ("Odpowiedź: 18 jabłek.", "18", True),
        ("Odpowiedź to 18 kwiatow.", "18", True),
        ("Jawaban: 18 buku.", "18", True),
        ("Válasz: 18 könyv.", "18", True),
        ("Het antwoord is 18 boeken.", "18", True),
        # a word that weighs, bounds or scales the value, a unit, another value: not a count noun
        ("Απάντηση: 18 περίπου.", "18", False),
        ("Odpowiedź: 18 mniej więcej.", "18", False),
        ("Jawaban: 18 sekitar.", "18", False),
        ("Válasz: 18 körülbelül.", "18", False),
        ("Het antwoord is 18 misschien.", "18", False),
        ("Odpowiedź: 18 km.", "18 \\text{ m}", False),
        ("Odpowiedź: 18 million.", "18", False),
        ("Jawaban: 18 buku atau 19 buku.", "18", False),
        ("Đáp án là 18 thì phải.", "18", False),
        ("উত্তরঃ 18 হয়তো", "18", False),
    ]
    judge(cases)


def test_frame_boxes_of_other_packages() -> None:
    cases: list[Case] = [
        ("\\ovalbox{18}", "18", True),
        ("The answer is \\Ovalbox{18}.", "18", True),
        ("\\doublebox{18}", "18", True),
        ("$\\shadowbox{18}$", "18", True),
        ("\\tcbox{18}", "18", True),
        ("\\tcbox[colback=yellow!10]{18}", "18", True),
        ("\\begin{align*}\ny &= 9 \\cdot 2\\\\\n\\Aboxed{y &= 18}\n\\end{align*}", "18", True),
        # boxes that hide, hedge or differ
        ("\\tcbox[colback=black]{18}", "18", False),
        ("\\tcbox[colupper=white]{18}", "18", False),
        ("\\ovalbox{18} or \\ovalbox{19}", "18", False),
        ("\\doublebox{19}", "18", False),
        ("\\ovalbox{18} \\boxed{19}", "18", False),
    ]
    judge(cases)


def test_a_number_restated_in_bare_parentheses() -> None:
    cases: list[Case] = [
        ("$\\frac{3}{4}$ (0.75)", "3/4", True),
        ("The probability is $0.75$ ($75\\%$).", "0.75", True),
        ("$\\boxed{\\frac{3}{4}}$ (0.75)", "3/4", True),
        ("The answer is 3/4 (0.75).", "3/4", True),
        ("$\\frac{3}{4} \\ (0.75)$", "3/4", True),
        # every form must match; written together it is a product
        ("$\\frac{3}{4}$ (0.7)", "3/4", False),
        ("The probability is $0.75$ ($70\\%$).", "0.75", False),
        ("$\\boxed{\\frac{3}{4}}$ (0.8)", "3/4", False),
        ("$\\frac{3}{4}(0.75)$", "3/4", False),
    ]
    judge(cases)


def test_an_option_named_before_a_colon_and_its_value() -> None:
    cases: list[Case] = [
        ("The answer is option (B): 12.", "B", True),
        ("The answer is option B: 12.", "B", True),
        ("Answer: choice (B): $12$", "B", True),
        ("The answer is option (D): 12.", "B", False),
        ("The answer is option (B) or (D): 12.", "B", False),
    ]
    judge(cases)


def test_a_first_person_recap_of_the_work_after_the_answer() -> None:
    cases: list[Case] = [
        ("$\\boxed{18}$\n\n**Summary:** We subtracted 7 from 25.", "18", True),
        ("$\\boxed{18}$\n\n**Recap:** I took 7 from 25.", "18", True),
        # a recap that states a result, or a bare value after the label, offers it
        ("$\\boxed{18}$\n\n**Summary:** We subtracted 6 from 25 to get 19.", "18", False),
        ("$\\boxed{18}$\n\n**Summary:** 19", "18", False),
        ("$\\boxed{18}$\n\n**Summary:** We subtracted 7 from 25, so 19.", "18", False),
    ]
    judge(cases)


def test_a_word_answer_that_rejects_another_name() -> None:
    cases: list[Case] = [
        ("It's Monday, not Sunday.", "\\text{Monday}", True),
        ("Carol wins, not Dave.", "\\text{Carol}", True),
        ("It's Sunday, not Monday.", "\\text{Monday}", False),
        ("It's probably Monday, not Sunday.", "\\text{Monday}", False),
        ("It's Monday, or Sunday.", "\\text{Monday}", False),
    ]
    judge(cases)


def test_the_sign_of_a_value_after_a_modelled_answer_noun() -> None:
    cases: list[Case] = [
        ("Svaret är -7.", "-7", True),
        ("Odpověď: −7", "-7", True),
        ("Vastaus: -7", "-7", True),
        ("Svaret är -7.", "7", False),
        ("Odpowiedź: -7", "7", False),
        ("Відповідь: −7", "7", False),
        ("Het antwoord is +7.", "7", True),
    ]
    judge(cases)


def test_yes_and_no_of_every_language_read() -> None:
    cases: list[Case] = [
        ("हाँ।", "\\text{Yes}", True),
        ("नहीं।", "\\text{No}", True),
        ("হ্যাঁ।", "\\text{Yes}", True),
        ("இல்லை.", "\\text{No}", True),
        ("అవును.", "\\text{Yes}", True),
        ("Ναι.", "\\text{Yes}", True),
        ("Όχι.", "\\text{No}", True),
        ("ہاں۔", "\\text{Yes}", True),
        ("Jā.", "\\text{Yes}", True),
        # the other reply, or a reply with a doubt, differs
        ("हाँ।", "\\text{No}", False),
        ("Ναι.", "\\text{No}", False),
        ("இல்லை.", "\\text{Yes}", False),
        ("Όχι.", "\\text{Yes}", False),
        ("Ναι, ίσως.", "\\text{Yes}", False),
    ]
    judge(cases)


def test_an_answer_phrase_that_only_affirms_states_no_answer() -> None:
    cases: list[Case] = [
        ("$\\boxed{18}$\n\nThe answer is correct.", "18", True),
        ("#### 18\nThe result is verified.", "18", True),
        ("$\\boxed{18}$\n\nLa respuesta es correcta.", "18", True),
        ("$\\boxed{18}$\n\nThe answer is indeed right.", "18", True),
        # a different answer stays different; a hedged or negated affirmation doubts it
        ("$\\boxed{19}$\n\nThe answer is correct.", "18", False),
        ("$\\boxed{18}$\n\nThe answer is probably correct.", "18", False),
        ("$\\boxed{18}$\n\nThe answer is not correct.", "18", False),
        ("The answer is correct.", "18", False),
    ]
    judge(cases)
