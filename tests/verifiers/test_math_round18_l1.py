"""Seventeenth outside round, group L1: what follows the value or the answer in the languages of the lexicon's
LANGUAGES: a negation after the value (verb-final languages), a question particle or question mark of another
script, a doubt or a question on the answer's truth after it, a plain confirmation after it. Each rule both ways,
on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge

from rlvr.verifiers.lexicon import (
    FOREIGN_BOUNDS,
    FOREIGN_CERTAINTY_WORDS,
    FOREIGN_DOUBT_WORDS,
    FOREIGN_DOUBTS,
    FOREIGN_FAULTS,
    FOREIGN_NEGATIONS,
    FOREIGN_TRUTH_QUESTION,
    LANGUAGES,
    thai_remark,
)


def test_every_language_has_its_words_after_the_value() -> None:
    for table in (
        FOREIGN_NEGATIONS,
        FOREIGN_BOUNDS,
        FOREIGN_FAULTS,
        FOREIGN_DOUBTS,
        FOREIGN_TRUTH_QUESTION,
        FOREIGN_DOUBT_WORDS,
        FOREIGN_CERTAINTY_WORDS,
    ):
        assert set(table) == set(LANGUAGES)
        assert all(words.strip() for words in table.values())


def test_negation_after_the_value_in_verb_final_languages() -> None:
    cases: list[Case] = [
        ("উত্তর 7 নয়।", "7", False),
        ("መልሱ 7 አይደለም።", "7", False),
        ("उत्तर 7 नाही.", "7", False),
        ("ಉತ್ತರ 7 ಅಲ್ಲ.", "7", False),
        ("ഉത്തരം 7 അല്ല.", "7", False),
        ("సమాధానం 7 కాదు.", "7", False),
        ("જવાબ 7 નથી.", "7", False),
        ("ਜਵਾਬ 7 ਨਹੀਂ ਹੈ।", "7", False),
        ("Cavab 7 deyil.", "7", False),
        ("جواب ۷ نیست.", "7", False),
        ("پاسخ 7 است.", "7", True),
        ("جواب 7 ہے۔", "7", True),
        ("उत्तर 7 है।", "7", True),
        ("Jibu ni 7.", "7", True),
    ]
    judge(cases)


def test_question_particles_and_question_marks_of_other_scripts() -> None:
    cases: list[Case] = [
        ("هل الناتج 7", "7", False),
        ("الناتج 7؟", "7", False),
        ("क्या उत्तर 7 है", "7", False),
        ("کیا جواب 7 ہے", "7", False),
        ("האם התשובה היא 7", "7", False),
        ("Apakah jawabannya 7", "7", False),
        ("Onko vastaus 7", "7", False),
        ("Da li je odgovor 7", "7", False),
        ("Je, jibu ni 7", "7", False),
        ("Είναι η απάντηση 7;", "7", False),
        ("Je pense que la réponse est 7.", "7", False),
        ("La réponse est 7.", "7", True),
        ("الناتج 7.", "7", True),
        ("Η απάντηση είναι 7.", "7", True),
    ]
    judge(cases)


def test_doubts_and_truth_questions_after_the_answer() -> None:
    cases: list[Case] = [
        ("\\boxed{7}\n\nSio sahihi.", "7", False),
        ("\\boxed{7}\n\nSina uhakika.", "7", False),
        ("\\boxed{7}\n\nJe, ni sahihi?", "7", False),
        ("\\boxed{7}\n\nयह सही नहीं है।", "7", False),
        ("\\boxed{7}\n\nهذا غير صحيح.", "7", False),
        ("\\boxed{7}\n\nأعتقد ذلك.", "7", False),
        ("\\boxed{7}\n\nمطمئن نیستم.", "7", False),
        ("\\boxed{7}\n\nאני לא בטוחה.", "7", False),
        ("\\boxed{7}\n\nΔεν είμαι σίγουρη.", "7", False),
        ("\\boxed{7}\n\nΕίναι σωστό;", "7", False),
        ("\\boxed{7}\n\nNu sunt sigură.", "7", False),
        ("\\boxed{7}\n\nBetul kan?", "7", False),
        ("\\boxed{7}\n\nTama ba?", "7", False),
        ("\\boxed{7}\n\nசரியா?", "7", False),
        ("\\boxed{7}\n\nএটা কি সঠিক?", "7", False),
        ("\\boxed{7}\n\nใช่ไหม", "7", False),
        ("\\boxed{7}\n\nไม่แน่ใจครับ", "7", False),
        ("\\boxed{7}\n\nKontrol edilmedi.", "7", False),
        ("\\boxed{7}\n\nEs correcto, pero no estoy seguro.", "7", False),
        ('{"answer": 7, "note": "Penso di sì, ma non ne sono sicuro"}', "7", False),
        ('{"answer": 7, "note": "نمی دانم"}', "7", False),
        ('{"answer": 7, "note": "Nadhani hivyo"}', "7", False),
        ("\\boxed{7}\n\nفکر کنم درست باشد.", "7", False),
        ("\\boxed{7}\n\nBence doğru.", "7", False),
        ("\\boxed{7}\n\nSa tingin ko tama.", "7", False),
        ("\\boxed{7}\n\nDoğru.", "7", True),
    ]
    judge(cases)


def test_plain_confirmations_after_the_answer() -> None:
    cases: list[Case] = [
        ("\\boxed{7}\n\nهذا صحيح.", "7", True),
        ("\\boxed{7}\n\nبررسی شد.", "7", True),
        ("\\boxed{7}\n\nנבדק.", "7", True),
        ("\\boxed{7}\n\nपक्का।", "7", True),
        ("\\boxed{7}\n\nসঠিক।", "7", True),
        ("\\boxed{7}\n\nĐúng rồi.", "7", True),
        ("\\boxed{7}\n\nΕίναι σωστό.", "7", True),
        ("\\boxed{7}\n\nImethibitishwa.", "7", True),
        ("\\boxed{7}\n\nTarkistettu.", "7", True),
        ("\\boxed{7}\n\nDat klopt.", "7", True),
        ("\\boxed{7}\n\nถูกต้องครับ", "7", True),
        ("\\boxed{7}\n\nอาจารย์ช่วยตรวจแล้ว", "7", True),
        ("\\boxed{7}\n\nپاسخ صحیح 7 است.", "7", True),
        ("\\boxed{7}\n\nपाँच और दो, सही उत्तर 7 है।", "7", True),
        ("\\boxed{7}\n\nپاسخ صحیح 8 است.", "7", False),
    ]
    judge(cases)


def test_thai_remarks_read_inside_a_run() -> None:
    assert thai_remark("ถูกไหม") == "question"
    assert thai_remark("ไม่ถูกต้อง") == "doubt"
    assert thai_remark("ไม่ผิดครับ") == "confirm"
    assert thai_remark("ตรวจสอบแล้ว") == "confirm"
    assert thai_remark("abc") is None
