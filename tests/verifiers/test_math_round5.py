"""Fifth red-team round: every finding (``benchmarks/data/math_redteam4.jsonl``, judged under its own verifier
options; open rows are strict xfails) as one case, then extra cases per mechanism that the findings do not hold
(positives and negatives)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import _RUN_WORD, extract

sys.path.insert(0, str(Path(__file__).parent))
from redteam import check_finding, findings, judge  # noqa: E402


@pytest.mark.parametrize("row", findings("math_redteam4.jsonl"))
def test_finding(row: dict) -> None:
    check_finding(row)


def test_a_word_keeps_its_combining_marks() -> None:
    """Devanagari vowel signs and the anusvara are marks, not letters: a word is not split at them."""
    assert _RUN_WORD.findall("उत्तर 23 नहीं है, शायद") == ["उत्तर", "नहीं", "है", "शायद"]
    assert _RUN_WORD.findall("don't well-known") == ["don't", "well-known"]


@pytest.mark.parametrize("opts", [{}, {"answer_form": "number"}])
def test_negations_hedges_and_questions_in_other_languages(opts: dict[str, str]) -> None:
    judge(
        [
            ("उत्तर 17 नहीं है", "17", False),  # a negation after the value
            ("उत्तर शायद 17 है", "17", False),  # a hedge before it
            ("उत्तर 17 हो सकता है", "17", False),  # "may be"
            ("उत्तर 17 है", "17", True),
            ("답은 17이 아닙니다", "17", False),  # a polite negation
            ("답은 17일지도 모릅니다", "17", False),
            ("답은 17입니다", "17", True),
            ("解答は17ではありません。", "17", False),
            ("解答は17かもしれません。", "17", False),
            ("解答は17です。", "17", True),
            ("结果是 17 吗", "17", False),  # a question particle
            ("结果是 17 吧", "17", False),  # a hedging particle
            ("结果是 17。", "17", True),
            ("Sonuç 17 değil.", "17", False),
            ("Hasilnya bukan 17.", "17", False),
            ("Hasilnya mungkin 17.", "17", False),
            ("Kết quả không phải là 17.", "17", False),
            ("Kết quả là 17.", "17", True),
        ],
        **opts,
    )


def test_a_next_sentence_in_another_language() -> None:
    """A short retraction in another language takes the answer back; a question to the reader, a courtesy or an
    idiom that affirms does not."""
    judge(
        [
            ("So we get 17. 不是。", "17", False),
            ("So we get 17. 我错了。", "17", False),
            ("So we get 17. 是吗？", "17", False),  # a question about the answer's truth
            ("So we get 17. 冗談です。", "17", False),
            ("So we get 17. 틀렸어요.", "17", False),
            ("So we get 17. Faux.", "17", False),
            ("So we get 17. Неправильно.", "17", False),
            ("So we get 17. Hayır.", "17", False),
            ("The result is 17. 有什么不懂的吗？", "17", True),  # a question to the reader
            ("The result is 17. 没问题。", "17", True),  # "no problem"
            ("The result is 17. 不客气！", "17", True),  # "you're welcome"
            ("The result is 17. 没有别的解。", "17", True),  # "there is no other solution"
            ("The result is 17. 間違いないです。", "17", True),  # "no doubt"
            ("The result is 17. Irgendwelche Fragen?", "17", True),
        ],
        answer_form="number",
    )


def test_retraction_idioms_conditions_and_stated_confidence() -> None:
    judge(
        [
            ("The total is 17. I screwed up somewhere.", "17", False),
            ("The total is 17. Something seems wrong.", "17", False),
            ("The total is 17. I might be wrong.", "17", False),
            ("The total is 17. More or less.", "17", False),
            ("The total is 17. Or so.", "17", False),
            ("The total is 17 /s", "17", False),
            ("The total is 17. Provided the rate is constant.", "17", False),
            ("The total is 17. Unless 9 is wrong.", "17", False),
            ("The total is 17. Confidence: 20%.", "17", False),
            ("The total is 17. Confidence: low.", "17", False),
            ("The total is 17. Confidence: 100%.", "17", True),
            ("The total is 17. If you want, I can show another method.", "17", True),  # a main clause follows
            ("The total is 17. No mistakes were made.", "17", True),
            ("The total is 17. I'm sure.", "17", True),
        ],
        answer_form="number",
    )


@pytest.mark.parametrize("opts", [{}, {"answer_form": "number"}])
def test_a_correction_after_the_answer_is_the_answer(opts: dict[str, str]) -> None:
    """The last committed value wins: a correction after an answer phrase, a box, a #### line or an answer tag
    replaces the answer (so it passes against the corrected value only); a correction that is itself a question, a
    hedge or retracted is no answer; rejecting an alternative ("No, not 22") keeps the answer."""
    judge(
        [
            ("So the answer is 41. Wait, 42.", "42", True),
            ("So the answer is 41. Wait, 42.", "41", False),
            ("$\\boxed{41}$\n\nOops, 42.", "42", True),
            ("$\\boxed{41}$\n\nOops, 42.", "41", False),
            ("#### 41\nUpdate: the total is 42.", "42", True),
            ("#### 41\nUpdate: the total is 42.", "41", False),
            ("<answer>41</answer>\nSorry, 42.", "42", True),
            ("<answer>41</answer>\nSorry, 42.", "41", False),
            ("Die Antwort ist 41. Nein, 42.", "42", True),
            ("The answer is 41. Let me recompute: 42.", "42", True),
            ("The answer is 41. Hmm, 42? ", "42", False),  # the correction is a question
            ("The answer is 41. Hmm, 42?", "41", False),
            ("The answer is 41. Nope, probably 42.", "42", False),  # the correction is a hedge
            ("The answer is 41. Nope, 42. I take it back.", "42", False),  # the correction is retracted
            ("The answer is 41. No, 42. No wait, 41.", "41", True),  # the last correction wins
            ("The answer is 41. No wait, 42. Yes, 42.", "42", True),
            ("The answer is 42. No, not 41.", "42", True),  # a rejected alternative
            ("The answer is 42. No, 42 is right.", "42", True),
        ],
        **opts,
    )


def test_a_value_corrected_within_its_sentence() -> None:
    judge(
        [
            ("The answer is 41, I mean 42.", "42", True),
            ("The answer is 41, I mean 42.", "41", False),
            ("The answer is 41 \u2014 no, 42.", "42", True),
            ("The answer is 41, or rather 42.", "42", True),
            ("The answer is 41, or rather 42.", "41", False),
            ("The answer is 41, sorry, 42.", "41", False),
            ("The answer is 42, which is 6 times 7.", "42", True),  # no correction cue: an explanation
        ],
        answer_form="number",
    )


def test_labels_that_disown_the_answer() -> None:
    """A label word that disowns (``LABEL_CUES``), an adjective that does so only in a label's position
    (``LABEL_FORM_CUES``: "Possible answer:" but not "the only possible answer is"), and a label that asks."""
    judge(
        [
            ("Unconfirmed answer: 9", "9", False),
            ("Decoy: 9", "9", False),
            ("Answer (uncertain): 9", "9", False),
            ("Suggested answer: 9", "9", False),
            ("Result?: 9", "9", False),
            ("Answer (verified): 9", "9", True),
            ("Correct answer: 9", "9", True),
            ("The only possible answer is 9.", "9", True),
            ("The smallest possible value is 9.", "9", True),
        ]
    )


def test_numbers_in_words_on_the_last_lines() -> None:
    judge(
        [
            ("Thirty-one\nThirty-two", "32", False),  # two lone final values: a hedge
            ("Thirty-two\nThirty-two", "32", True),
            ("The count is\nThirty-two.", "32", True),
            ("Thirty and two.", "32", False),  # "and" joins only after hundred, thousand, …
            ("Three hundred and two", "302", True),
        ]
    )


@pytest.mark.parametrize("opts", [{}, {"answer_form": "number"}])
def test_a_line_after_a_box_or_tag_that_stands_on_its_own(opts: dict[str, str]) -> None:
    """A next line that is a sentence of its own (a question, an explanation, a sentence opener) is read by the
    retraction rule, not as words after the value; a word or two that may qualify the value still is."""
    judge(
        [
            ("$\\boxed{8}$\n\nHope this helps!", "8", True),
            ("$\\boxed{8}$\n\nThat's all.", "8", True),
            ("$\\boxed{8}$\n\nProof: 3 + 5 = 8.", "8", True),
            ("<answer>8</answer>\nBecause 3 + 5 = 8.", "8", True),
            ("<answer>8</answer>\nWhy? 3 + 5 makes 8.", "8", True),
            ("<answer>8</answer>\nLet me check: 3 + 5 = 8.", "8", True),
            ("$\\boxed{8}$\nmillion", "8", False),
            ("$\\boxed{8}$\n\nNo.", "8", False),
            ("$\\boxed{8}$\n\nNote: it might be 9.", "8", False),
            ("<answer>8</answer>\nNote: it might be 9.", "8", False),
            ("<answer>8</answer>\nJust kidding.", "8", False),
        ],
        **opts,
    )


@pytest.mark.parametrize("opts", [{}, {"answer_form": "number"}])
def test_a_doubt_resolved_by_what_follows(opts: dict[str, str]) -> None:
    """A question about the answer's truth answered with yes, or a doubt followed by a restatement of the same
    value, leaves the answer; answered otherwise or followed by a hedge, it does not; a value stated right after
    a retraction is the correction (the last committed value wins)."""
    judge(
        [
            ("The answer is 8. Is that right? Yes, it is.", "8", True),
            ("The answer is 8. Really? Definitely.", "8", True),
            ("The answer is 8. Is that right? No.", "8", False),
            ("The answer is 8. Is that right? Not sure.", "8", False),
            ("The answer is 8. Is that right? Hmm.", "8", False),
            ("The answer is 8. Wait, let me check. 3 + 5 = 8.", "8", True),
            ("$\\boxed{8}$. Hmm. 8.", "8", True),
            ("The answer is 8. Wait, let me check. 3 + 6 = 9.", "8", False),
            ("The answer is 8. Wait, let me check. 3 + 6 = 9.", "9", True),  # the re-derived value corrects it
            ("Answer: 8\nWait, that's wrong. It's 9.", "9", True),
            ("Answer: 8\nWait, that's wrong. It's 9.", "8", False),
            ("$\\boxed{8}$\n\nJust kidding, it's 9.", "8", False),
            ("The answer is 8. I could be mistaken.", "8", False),
            ("The answer is 8. Take it with a grain of salt.", "8", False),
            ("The answer is 8. Just kidding. Maybe 8.", "8", False),
            ("The answer is 8. Hmm, let me check. 8?", "8", False),
        ],
        **opts,
    )


def test_closing_remarks_that_endorse_the_answer() -> None:
    judge(
        [
            ("Answer: 8 (verified).", "8", True),
            ("Answer: 8 — confirmed.", "8", True),
            ("Answer: 8 (we checked)", "8", True),
            ("Answer: 8 (unverified).", "8", False),
            ("Answer: 8 — probably.", "8", False),
            ("Answer: 8 (approximately).", "8", False),
        ],
        answer_form="number",
    )


@pytest.mark.parametrize("opts", [{}, {"answer_form": "number"}])
def test_asked_and_rejected_candidates_asides_and_inverted_copulas(opts: dict[str, str]) -> None:
    judge(
        [
            ("The answer is 31. Could it be 30? No.", "31", True),  # a candidate asked about and rejected
            ("The answer is 31. Could it be 30? No.", "30", False),
            ("The answer is 31. Could it be 30? Yes.", "31", False),
            ("The answer is 31. Could it be 30? Maybe.", "31", False),
            ("$\\boxed{31}$. Might it be 30? Nope.", "31", True),
            ("The answer is 31. (This uses the 4 apples from before.)", "31", True),  # an aside
            ("The answer is 31. (Or perhaps 30.)", "31", False),
            ("31 it is.", "31", True),  # an inverted copula affirms
            ("So 31 it is!", "31", True),
            ("31 it is not.", "31", False),
            ("The answer is 31. Not sure what else you want to know.", "31", True),  # about the reader
            ("The answer is 31. Not sure if that is right.", "31", False),
        ],
        **opts,
    )


def test_a_relative_sentence_continues_the_one_before() -> None:
    judge(
        [
            ("30. Which is 31.", "31", False),  # "30, which is 31": 30
            ("So it is 31. Which is odd.", "31", True),
        ]
    )


def test_chinese_numerals_after_an_anchor() -> None:
    judge(
        [
            ("答案是三十一。", "31", True),
            ("答案是三十。", "31", False),
            ("答案大约是三十一。", "31", False),  # a hedge before it
            ("答：五", "5", True),
        ]
    )


def test_a_correction_labelled_answer_phrase_replaces_earlier_markers() -> None:
    judge(
        [
            ("$\\boxed{41}$\n\nCorrection: the answer is 42.", "42", True),
            ("$\\boxed{41}$\n\nCorrection: the answer is 42.", "41", False),
            ("$\\boxed{41}$\n\nAlso, the answer is 42.", "42", False),  # no correction: two final answers
        ]
    )


def test_negated_certainty_in_other_languages_and_parenthesised_marks() -> None:
    judge(
        [
            ("Die Antwort ist 42. Ich bin mir nicht sicher.", "42", False),
            ("La réponse est 42. Je ne suis pas sûr.", "42", False),
            ("La respuesta es 42. No estoy segura.", "42", False),
            ("Ответ — 42. Не уверен.", "42", False),
            ("Answer (?): 42", "42", False),  # a question mark in parentheses ends no sentence
            ("The answer is 42 (checked twice).", "42", True),
            ("The answer is 42. 谢谢！", "42", True),
            ("The answer is 42. Спасибо!", "42", True),
        ]
    )


MB = 1_000_000
#: 1 MB of whitespace or repetition at every anchor the round-5 rules added
HOSTILE = {
    "confidence_ws": "The answer is 2. Confidence" + " " * MB + ": 10%",
    "condition_ws": "The answer is 2. If" + " " * MB + "so.",
    "correction_ws": "The answer is 2. No wait," + " " * MB + "3.",
    "correction_repeat": "The answer is 2. " + "No wait, " * 100_000 + "3.",
    "corrected_in_ws": "The answer is 2, I mean" + " " * MB + "3",
    "reader_ws": "The answer is 2. Not sure what" + " " * MB + "you need.",
    "inverted_ws": "23 it" + " " * MB + "is.",
    "asked_no": "The answer is 2. Could it be 3?" + " No" * 300_000,
    "sarcasm": "The answer is 2. " + "/s " * 300_000,
    "closing_ws": "The answer is 2 (I" + " " * MB + "verified).",
    "cjk_numeral": "答案是" + "二" * MB,
    "cjk_ws": "答案是 23" + "　" * MB + "吗",
    "question_parens": "Answer " + "(?)" * 300_000 + ": 23",
    "next_line_ws": "\\boxed{2}\n" + " " * MB + "Why?",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_linear_time_on_hostile_input(text: str) -> None:
    t0 = time.process_time()  # CPU time: the machine may be shared
    extract(text)
    assert time.process_time() - t0 < cpu_limit()


def test_what_a_policy_could_slip_past_the_new_rules() -> None:
    """Each new reading holds only in its own shape: a hedged yes, an unsure no, an offer to the reader, an aside
    led by "No", a final check, and a self-described approximation are read for what they say."""
    judge(
        [
            ("The answer is 23. Or 22? No idea.", "23", False),  # "no idea" rejects nothing
            ("The answer is 23. Could it be 22? No, it can't.", "23", True),
            ("The answer is 23. Is that right? Yes, I think so.", "23", False),  # a hedged yes
            ("The answer is 23. Is that right? Yes, definitely.", "23", True),
            ("The answer is 23. If needed I can explain more.", "23", True),  # an offer, not a condition
            ("The answer is 23. If my math is right.", "23", False),
            ("$\\boxed{23}$\nIt's approximate.", "23", False),
            ("The answer is 23. Final check: 16 + 7 = 23.", "23", True),  # "Final" corrects only as a label
            ("The answer is 23. No other value works since 5 < 7.", "23", True),  # an aside, not a correction
            ("The answer is 23. No doubt, 23 is right.", "23", True),
            ("The answer is 23. No wait, it's 22.", "22", True),
        ],
        answer_form="number",
    )
