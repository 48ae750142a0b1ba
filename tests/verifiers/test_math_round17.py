"""Seventeenth outside round, the findings fixed before the stop: disowning labels, belief frames and sign words
in more languages and scripts (Arabic, Persian, Hebrew, Hindi, Czech, Romanian, Ukrainian, Greek, Vietnamese),
also in final sentences of scripts other than Latin. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_disowning_labels_of_more_languages() -> None:
    cases: list[Case] = [
        ("تقدير: 7", "7", False),
        ("הערכה: $\\boxed{7}$", "7", False),
        ("Předběžná odpověď: 7", "7", False),
        ("Estimat: 7", "7", False),
        ("Оцінка: 7", "7", False),
        ("Εκτίμηση: 7", "7", False),
        ("अंदाज़ा: 7", "7", False),
        ("الإجابة: 7", "7", True),
        ("תשובה: $\\boxed{7}$", "7", True),
        ("Odpověď: 7", "7", True),
    ]
    judge(cases)


def test_belief_frames_in_final_sentences_of_other_scripts() -> None:
    cases: list[Case] = [
        ("أعتقد أن الإجابة 7.", "7", False),
        ("אני חושבת שהתשובה היא 7.", "7", False),
        ("به نظرم پاسخ 7 است.", "7", False),
        ("मेरे ख्याल से उत्तर 7 है।", "7", False),
        ("Myslím, že výsledek je 7.", "7", False),
        ("Cred că rezultatul este 7.", "7", False),
        ("Tôi đoán đáp án là 7.", "7", False),
        ("الإجابة 7.", "7", True),
        ("התשובה היא 7.", "7", True),
        ("पाँच और दो मिलाकर उत्तर 7 है।", "7", True),
        ("Výsledek je 7.", "7", True),
    ]
    judge(cases)


def test_sign_words_of_more_languages() -> None:
    cases: list[Case] = [
        ("الإجابة هي سالب 7.", "7", False),
        ("پاسخ منفی 7 است.", "7", False),
        ("उत्तर माइनस 7 है।", "7", False),
        ("התשובה היא מינוס 7.", "7", False),
        ("उत्तर 7 है।", "7", True),
    ]
    judge(cases)
