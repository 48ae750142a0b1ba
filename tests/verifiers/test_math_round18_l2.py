"""Seventeenth outside round, the words before the value (group L2): modals, belief frames (also after the value in
verb-final languages, and on an open line above a marked answer), guess labels and sign words, per language over
the lexicon's LANGUAGES. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge

from rlvr.verifiers.lexicon import (
    FOREIGN_APPROXIMATORS,
    FOREIGN_BELIEFS,
    FOREIGN_CORRECTION_OPENERS,
    FOREIGN_EARLIER_RESULTS,
    FOREIGN_FRAMES,
    FOREIGN_LABEL_CUES,
    FOREIGN_MODALS,
    FOREIGN_PLAIN_LABEL_WORDS,
    FOREIGN_SIGN_WORDS,
    LANGUAGES,
)


def test_tables_cover_every_language() -> None:
    tables = (
        FOREIGN_MODALS,
        FOREIGN_APPROXIMATORS,
        FOREIGN_BELIEFS,
        FOREIGN_FRAMES,
        FOREIGN_EARLIER_RESULTS,
        FOREIGN_LABEL_CUES,
        FOREIGN_PLAIN_LABEL_WORDS,
        FOREIGN_CORRECTION_OPENERS,
        FOREIGN_SIGN_WORDS,
    )
    assert [sorted(set(LANGUAGES) - set(t)) for t in tables] == [[]] * len(tables)
    assert all(all(v for v in t.values()) for t in tables)


def test_modals_before_the_value() -> None:
    cases: list[Case] = [
        ("پاسخ ظاهراً 7 است.", "7", False),
        ("الجواب ربما 7.", "7", False),
        ("መልሱ ምናልባትም 7 ነው።", "7", False),
        ("Jibu labda ni 7.", "7", False),
        ("Vastaus on kenties 7.", "7", False),
        ("Cavab bəlkə 7-dir.", "7", False),
        ("उत्तर संभवतः 7 है।", "7", False),
        ("Odpowiedź to najprawdopodobniej 7.", "7", False),
        ("پاسخ احتمالاً ۷ است.", "7", False),
        ("الإجابة على الأرجح ٧.", "7", False),
        ("پاسخ 7 است.", "7", True),
        ("پاسخ ۷ است.", "7", True),
        ("الجواب 7.", "7", True),
        ("Vastaus on 7.", "7", True),
    ]
    judge(cases)


def test_belief_frames_before_and_after_the_value() -> None:
    cases: list[Case] = [
        ("مجھے لگتا ہے کہ جواب 7 ہے۔", "7", False),
        ("উত্তর 7 বলে মনে হয়।", "7", False),
        ("ఉత్తరం 7 అని అనుకుంటున్నాను.", "7", False),
        ("Cevap 7, sanırım.", "7", False),
        ("Svaret är 7, tror jag.", "7", False),
        ("Jibu ni 7, nadhani.", "7", False),
        ("Ответ 7, скорее всего.", "7", False),
        ("ในความคิดของผม คำตอบคือ 7", "7", False),
        ("คาดว่าคำตอบคือ 7", "7", False),
        ("คำตอบคือ 7", "7", True),
        ("விடை 7 ஆகும்.", "7", True),
        ("उत्तर 7 है।", "7", True),
        ("جواب 7 ہے۔", "7", True),
        ("ఉత్తరం 7.", "7", True),
    ]
    judge(cases)


def test_open_belief_line_above_a_marked_answer() -> None:
    cases: list[Case] = [
        ("Ich vermute, das Ergebnis lautet\n#### 7", "7", False),
        ("Myslím, že výsledek je\n#### 7", "7", False),
        ("أعتقد أن الجواب\n#### 7", "7", False),
        ("I believe it comes out to\n\\boxed{7}", "7", False),
        ("Szerintem az eredmény\n#### 7", "7", False),
        ("Ich glaube, das stimmt.\n#### 7", "7", True),
        ("Therefore the number she could buy is\n#### 7", "7", True),
        ("Assuming no waste, the total is\n\\boxed{7}", "7", True),
        ("Das Ergebnis lautet\n#### 7", "7", True),
    ]
    judge(cases)


def test_guess_labels_of_more_languages() -> None:
    cases: list[Case] = [
        ("Makadirio: 7", "7", False),
        ("Becslés: 7", "7", False),
        ("Arvaus: 7", "7", False),
        ("Gissning: 7", "7", False),
        ("Palpite: 7", "7", False),
        ("ประมาณการ: 7", "7", False),
        ("Makadirio: $\\boxed{7}$", "7", False),
        ("الإجابة التقريبية: 7", "7", False),
        ("Réponse approximative : 7", "7", False),
        ("Gissningen: 7", "7", False),
        ("الإجابة النهائية: 7", "7", True),
        ("மதிப்பீடு: 7", "7", False),
        ("Jibu: 7", "7", True),
        ("Válasz: 7", "7", True),
        ("คำตอบ: 7", "7", True),
    ]
    judge(cases)


def test_sign_words_before_the_value() -> None:
    cases: list[Case] = [
        ("התשובה היא מינוס 7.", "-7", True),
        ("الجواب هو سالب 7.", "-7", True),
        ("Odpowiedź to minus 7.", "-7", True),
        ("Vastaus on miinus 7.", "-7", True),
        ("Η απάντηση είναι μείον 7.", "-7", True),
        ("Jibu ni hasi 7.", "-7", True),
        ("پاسخ منهای 7 است.", "-7", True),
        ("پاسخ منفی ۷ است.", "-7", True),
        ("Válasz: mínusz 7", "-7", True),
        ("Sagot: negatibo 7", "-7", True),
        ("উত্তর: মাইনাস 7", "-7", True),
        ("התשובה היא מינוס 7.", "7", False),
        ("Vastaus on miinus 7.", "7", False),
        ("Jibu ni hasi 7.", "7", False),
    ]
    judge(cases)


def test_plain_labels_with_the_adjective_after_the_noun() -> None:
    cases: list[Case] = [
        ("התשובה הסופית: 7", "7", True),
        ("Răspunsul corect: 7", "7", True),
        ("Jibu la mwisho: 7", "7", True),
        ("Răspunsul estimat: 7", "7", False),
        ("התשובה המשוערת: 7", "7", False),
        ("Jibu la kisio: 7", "7", False),
    ]
    judge(cases)


def test_correcting_openers_of_more_languages() -> None:
    cases: list[Case] = [
        ("Vastaus: 5. Odota, se on 7.", "7", True),
        ("Svar: 5. Vänta, det är 7.", "7", True),
        ("Jibu: 5. Samahani, ni 7.", "7", True),
        ("Vastaus: 5. Odota, se on 7.", "5", False),
    ]
    judge(cases)
