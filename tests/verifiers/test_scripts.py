"""Scripts the grader does not read: a completion whose answer region holds a letter of one fails (docs/verifiers.md,
"Languages"); the scripts of the languages it reads, and the letters of mathematics, keep the answer."""

from __future__ import annotations

import time

import pytest
from cpu_budget import cpu_limit

from rlvr.verifiers.extract import extract
from rlvr.verifiers.lexicon import LANGUAGES
from rlvr.verifiers.math import MathVerifier
from rlvr.verifiers.scripts import unread_script

UNREAD = [
    "Պատասխանը 24 է։",  # Armenian
    "პასუხი: 24",  # Georgian
    "පිළිතුර 24 විය හැක.",  # Sinhala: "may be"
    "ចម្លើយ ប្រហែលជា 24",  # Khmer: "probably"
    "အဖြေမှာ 24 ဖြစ်နိုင်သည်။",  # Burmese: "may be"
    "ຄຳຕອບແມ່ນ 24",  # Lao
    "ལན་ནི་ 24",  # Tibetan
    "ଉତ୍ତର 24 ନୁହେଁ।",  # Odia: "is not"
    "The answer is ᏁᎾᎢ 24",  # Cherokee letters that look like Latin ones
    "The answer is $\\boxed{24}$ Ꭺ",
    "**Answer:** 24\n\nმგონი.",  # Georgian "I think" after the answer
]
READ = [
    "The answer is $\\boxed{24}$.",
    "Ответ: 24",
    "Η απάντηση είναι 24.",
    "الإجابة هي 24.",
    "התשובה היא 24.",
    "उत्तर 24 है।",
    "উত্তর হল 24।",
    "ਜਵਾਬ 24 ਹੈ।",
    "જવાબ 24 છે.",
    "விடை 24.",
    "సమాధానం 24.",
    "ಉತ್ತರ 24.",
    "ഉത്തരം 24.",
    "ዋጋው 24 ነው።",
    "答案是 24。",
    "答えは 24 です。",
    "정답은 24입니다.",
    "คำตอบคือ 24",
    "For $x \\in \\mathbb{R}$ with ℓ = 3 and 𝐱ᵢ ≥ 0, ℵ₀ sets aside: the answer is 24.",
    "<think>Պատասխանը 25 է</think>The answer is 24.",  # reasoning is not the answer region
]


@pytest.mark.parametrize("completion", UNREAD)
def test_an_answer_among_letters_of_an_unread_script_fails(completion: str) -> None:
    assert extract(completion).method == "unread_script"
    assert MathVerifier().verify(completion, "24").passed is False


@pytest.mark.parametrize("completion", READ)
def test_the_scripts_of_the_languages_read_and_of_mathematics_keep_the_answer(completion: str) -> None:
    assert MathVerifier().verify(completion, "24").passed is True


def test_every_language_read_is_written_in_a_read_script() -> None:
    samples = {"am": "ነው", "bn": "উত্তর", "gu": "જવાબ", "kn": "ಉತ್ತರ", "ml": "ഉത്തരം", "pa": "ਜਵਾਬ", "ta": "விடை"}
    samples |= {"te": "సమాధానం", "he": "תשובה", "el": "απάντηση", "ru": "ответ", "hi": "उत्तर", "ar": "إجابة"}
    assert set(samples) <= set(LANGUAGES)
    assert {code: unread_script(word) for code, word in samples.items()} == dict.fromkeys(samples)


def test_the_first_unread_letter_is_named() -> None:
    assert unread_script("abc Ꭺ ა") == "ა"  # the lowest code point: Georgian U+10D0 before Cherokee U+13AA
    assert unread_script("plain ascii") is None


def test_linear_time_on_a_megabyte_of_letters() -> None:
    text = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 20_000)) * 50 + "ა"
    t0 = time.process_time()
    assert unread_script(text) == "ა"
    assert time.process_time() - t0 < cpu_limit(1.0)
