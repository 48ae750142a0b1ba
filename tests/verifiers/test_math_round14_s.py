"""Fourteenth outside round, a box glued to the word before it: "The answer is\\boxed{5}." renders the word and then
the box, so the word is prose of the box's sentence, not part of the boxed expression (it was read as ``is{5}``).
Digits, a single letter or a command glued to a box stay part of the expression; a hedge or negation glued to a
box still hedges or negates. Cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_a_word_glued_to_a_box_is_read_with_its_sentence() -> None:
    cases: list[Case] = [
        ("The answer is\\boxed{5}.", "5", True),
        ("Thus\\boxed{12}", "12", True),
        ("Hence the total is\\boxed{18} apples.", "18", True),
        ("La respuesta es\\boxed{5}.", "5", True),
        ("Die Lösung heißt\\boxed{7}.", "7", True),
        ("The answer is\\boxed{6}.", "5", False),
        ("Maybe\\boxed{5}", "5", False),
        ("Perhaps\\boxed{5}.", "5", False),
        ("The answer is not\\boxed{5}.", "5", False),
        ("The answer is\\boxed{5} or\\boxed{6}.", "5", False),
        ("10\\boxed{5}", "5", False),  # digits glued to a box: 105
        ("x\\boxed{5}", "5", False),  # one letter: a product
    ]
    judge(cases)


def test_a_question_made_of_belief_words_doubts_the_answer() -> None:
    cases: list[Case] = [
        ("The answer is 5. I suppose?", "5", False),
        ("\\boxed{5}. I suppose?", "5", False),
        ("The answer is 5. Probably?", "5", False),
        ("The answer is 5. I believe so?", "5", False),
        ("The answer is B. Presumably?", "B", False),
        ("The answer is 5. Any questions?", "5", True),
        ("The answer is 5. Makes sense?", "5", True),
        ("The answer is 5. Hope this helps?", "5", True),
    ]
    judge(cases)


def test_a_correction_after_a_fault_offers_the_corrected_value() -> None:
    """A fault word rejects the values of its sentence ("A common mistake is to pick 5"), unless a modal after it
    states what the value should have been: that is a correction, and the corrected value is offered."""
    cases: list[Case] = [
        ("\\boxed{4}. I made an error; it should be 5.", "4", False),
        ("\\boxed{4}. Typo: should read 5.", "4", False),
        ("The answer is 4. Oops, a slip: it ought to be 5.", "4", False),
        ("#### 4\nMy mistake, the total must be 5.", "4", False),
        ("\\boxed{4}. I made an error; it should be 4.", "4", True),
        ("\\boxed{4}. A common mistake is to pick 5.", "4", True),
        ("\\boxed{4}. A naive count gives 5, which overcounts.", "4", True),
    ]
    judge(cases)
