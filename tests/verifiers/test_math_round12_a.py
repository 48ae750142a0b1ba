"""The eleventh outside round's classes of group A (docs/verifiers.md, "Answer extraction"), with cases of our own
beyond the corpus rows: an answer phrase counts as an assertion only in its assertive form (modal and evidential
copulas, first-person belief and preference frames, qualified or other-party labels, goal and given labels,
denying metadata tags and low confidences doubt it); the modelled other languages read a plain answer sentence
with a decimal comma and number words, and distrust words they cannot classify before the value."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract
from rlvr.verifiers.lexicon import foreign_number_words
from rlvr.verifiers.math import MathVerifier


@pytest.fixture(scope="module")
def verifier() -> MathVerifier:
    return MathVerifier(workers=1)


MODAL_COPULA = [
    ("The answer might be 7.", "7", False),
    ("The answer should be 7.", "7", False),
    ("The total appears as if it were 7.", "7", False),
    ("The result sounds like 7.", "7", False),
    ("The answer tends to be 7.", "7", False),
    ("The answer turns out to be 7.", "7", True),
    ("The answer has to be 7.", "7", True),
    ("The answer will be 7.", "7", True),
    ("The answer is 7.", "7", True),
]
BELIEF_FRAME = [
    ("The total, I reckon, is 7.", "7", False),
    ("The answer, if I recall correctly, is 7.", "7", False),
    ("Unless I made a slip, the answer is 7.", "7", False),
    ("From what I can see, the answer is 7.", "7", False),
    ("The answer, as computed above, is 7.", "7", True),
    ("If we add the two parts, the answer is 7.", "7", True),
]
PREFERENCE = [
    ("I'd settle on 7.", "7", False),
    ("I vote for 7.", "7", False),
    ("I'm tempted by 7.", "7", False),
    ("Tentatively, 7.", "7", False),
    ("Presumably, 7.", "7", False),
    ("So far, the answer is 7.", "7", False),
    ("The answer is 7, I'd say.", "7", False),
    ("Finally, 7.", "7", True),
    ("I get 7.", "7", True),
    ("I'm confident the answer is 7.", "7", True),
]
PROVISIONAL_LABEL = [
    ("Preliminary answer: 7", "7", False),
    ("Partial answer: 7", "7", False),
    ("Assumed answer: 7", "7", False),
    ("Textbook answer: 7", "7", False),
    ("Answer (TBD): 7", "7", False),
    ("Answer (to verify): 7", "7", False),
    ("Final answer: 7", "7", True),
    ("Short answer: 7", "7", True),
    ("Numerical answer: 7", "7", True),
    ("My answer: 7", "7", True),
]
OTHER_PARTY_OR_GOAL = [
    ("Alice's answer: 7", "7", False),
    ("Expected: 7", "7", False),
    ("Targets: 7", "7", False),
    ("Knowns: 7", "7", False),
    ("Result: 7", "7", True),
]
METADATA_TAG = [
    ("<answer>7</answer>\n<status>unverified</status>", "7", False),
    ("<answer>7</answer>\n<is_final>no</is_final>", "7", False),
    ("<answer>7</answer>\n<confidence>medium</confidence>", "7", False),
    ("<answer>7</answer>\n<retracted>yes</retracted>", "7", False),
    ("<answer>7</answer>\n<status>verified</status>", "7", True),
    ("<answer>7</answer>\n<is_final>yes</is_final>", "7", True),
    ("<answer>7</answer>\n<note>see above</note>", "7", True),
]
CONFIDENCE = [
    ("The answer is \\boxed{7}. Confidence: 2 out of 10.", "7", False),
    ("The answer is \\boxed{7}. Confidence: 25 percent.", "7", False),
    ("The answer is \\boxed{7}. Confidence: 10/10.", "7", True),
]
MODELLED_LANGUAGES = [
    ("Het antwoord is misschien 7.", "7", False),
    ("Het antwoord is niet 7.", "7", False),
    ("Svaret är inte 7.", "7", False),
    ("Svaret er kanskje 7.", "7", False),
    ("Vastaus on noin 7.", "7", False),
    ("A válasz körülbelül 7.", "7", False),
    ("Η απάντηση είναι ίσως 7.", "7", False),
    ("Răspunsul este probabil 7.", "7", False),
    ("Odpověď je asi 7.", "7", False),
    ("Odpowiedź to chyba 7.", "7", False),
    ("Jibu si 7.", "7", False),
    ("คำตอบไม่ใช่ 7", "7", False),
    ("Het antwoord is 7.", "7", True),
    ("Svaret er 7.", "7", True),
    ("Η απάντηση είναι 7.", "7", True),
    ("Jibu ni 7.", "7", True),
    ("คำตอบคือ 7", "7", True),
    ("উত্তর হল 7।", "7", True),
    ("Het antwoord is 3,75.", "3.75", True),
    ("Răspunsul este 0,5.", "0.5", True),
    ("Odpowiedź: 12,25.", "12.25", True),
    ("Svaret är 3,75.", "3.7", False),
]
COVERED_LANGUAGES = [
    ("Antwort: 7 (wahrscheinlich)", "7", False),
    ("Réponse : 7 (peut-être)", "7", False),
    ("Respuesta: 7 (sin certeza)", "7", False),
    ("Antwort: 7. Das ist falsch.", "7", False),
    ("Risposta: 7. È sbagliato.", "7", False),
    ("Ответ: 7. Неправильно.", "7", False),
    ("答案大约是7。", "7", False),
    ("Die Antwort ist 7, weil 3 + 4 = 7.", "7", True),
    ("La réponse est 7 parce que 3 + 4 = 7.", "7", True),
    ("La respuesta es 7 ya que 3 + 4 = 7.", "7", True),
    ("Ответ: 7, потому что 3 + 4 = 7.", "7", True),
    ("Antwort: 7. Das stimmt.", "7", True),
]

NOT_FINAL = [
    ("Let n = 7. Then", "7", False),
    ("Suppose k = 7.", "7", False),
    ("Try m = 7:", "7", False),
    ("We need to check whether 7 is prime.", "7", False),
    ("Our aim is to prove the answer is 7.", "7", False),
    ("We need to verify the answer is 7.", "7", False),
    ("The answer is 7 (for the previous part).", "7", False),
    ("Result: 7 (from an earlier attempt)", "7", False),
    ("The previous time we got 7.", "7", False),
    ("Answer? 7", "7", False),
    ("The answer?? 7", "7", False),
    ("The answer? 7.", "7", True),
    ("Let me add: 3 + 4 = 7.", "7", True),
    ("The answer is 7 (from the previous step).", "7", True),
    ("So n = 7.", "7", True),
]
WORDS_IN_LABELS = [
    ("Réponse : sept.", "7", True),
    ("Respuesta: siete.", "7", True),
    ("Antwort: sieben.", "7", True),
    ("Ответ: семь.", "7", True),
    ("答えは七です。", "7", True),
    ("Réponse : huit.", "7", False),
]


@pytest.mark.parametrize(
    ("completion", "gold", "expected"),
    MODAL_COPULA
    + BELIEF_FRAME
    + PREFERENCE
    + PROVISIONAL_LABEL
    + OTHER_PARTY_OR_GOAL
    + METADATA_TAG
    + CONFIDENCE
    + MODELLED_LANGUAGES
    + COVERED_LANGUAGES
    + NOT_FINAL
    + WORDS_IN_LABELS,
)
def test_verdict(verifier: MathVerifier, completion: str, gold: str, expected: bool) -> None:
    assert verifier.verify(completion, gold).passed is expected


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("sieben", 7),
        ("siebenundvierzig", 47),
        ("quarante-deux", 42),
        ("quatre-vingt-dix-sept", 97),
        ("soixante et onze", 71),
        ("cuarenta y siete", 47),
        ("veintiséis", 26),
        ("сорок семь", 47),
        ("сорок двадцать", None),
        ("vingt trente", None),
        ("zwei drei", None),
    ],
)
def test_foreign_number_words(words: str, value: int | None) -> None:
    assert foreign_number_words(words) == value


@pytest.mark.parametrize(
    ("completion", "gold", "expected"),
    [
        ("Die Antwort ist siebenundvierzig.", "47", True),
        ("La réponse est quarante-deux.", "42", True),
        ("La respuesta es veintiséis.", "26", True),
        ("Die Antwort ist siebenundvierzig.", "46", False),
    ],
)
def test_number_words_in_other_languages(verifier: MathVerifier, completion: str, gold: str, expected: bool) -> None:
    assert verifier.verify(completion, gold).passed is expected


#: hostile inputs for the answer-phrase forms: long runs of the words each form reads
HOSTILE = {
    "insert": "The answer" + ", a b c d e f I" * 3000 + " is 5.",
    "to_be": "The answer " + "seem to " * 3000 + "be 5.",
    "modal": "may be " * 3000 + "5",
    "fronted": "If " + "I " * 3000 + ", the answer is 5.",
    "label": "Answer " + "(to " * 3000 + ": 5",
    "asked": "Answer" + " ?" * 3000 + " 5",
    "language": "Svaret er " + "ikke " * 3000 + "5.",
    "tags": "<answer>5</answer>" + "<status>" * 3000,
    "number_words": "Réponse : " + "vingt " * 3000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.process_time()
    extract(text)
    assert time.process_time() - t0 < cpu_limit()
