"""Eighteenth outside round, other languages (group L4): the conditional mood and modal verbs that hedge a value
(before it, or after it in verb-final languages), a belief after a comma, hedges of scripts written without spaces,
bounds after a value and sign words with a linker, per language over the lexicon's LANGUAGES. Each rule both ways,
on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge

from rlvr.verifiers.lexicon import FOREIGN_CONDITIONALS, LANGUAGES


def test_the_conditionals_cover_every_language() -> None:
    assert sorted(set(LANGUAGES) - set(FOREIGN_CONDITIONALS)) == []
    assert all(FOREIGN_CONDITIONALS.values())


def test_conditional_and_modal_verbs_before_the_value() -> None:
    cases: list[Case] = [
        ("Le résultat devrait être 7.", "7", False),
        ("La risposta sarebbe 7.", "7", False),
        ("Die Lösung müsste 7 sein.", "7", False),
        ("El resultado podría ser 7.", "7", False),
        ("A resposta deveria ser 7.", "7", False),
        ("Svaret borde vara 7.", "7", False),
        ("Odpowiedź powinna być 7.", "7", False),
        ("Vastaus olisi 7.", "7", False),
        ("Ответ должен быть 7.", "7", False),
        ("Le résultat est 7.", "7", True),
        ("La risposta è 7.", "7", True),
        ("Die Lösung ist 7.", "7", True),
        ("El resultado es 7.", "7", True),
        ("Il resterait 7 pommes, donc la réponse est 7.", "7", True),
    ]
    judge(cases)


def test_modal_predicates_after_the_value() -> None:
    cases: list[Case] = [
        ("Cevap 7 olmalı.", "7", False),
        ("Sonuç 7 gibi.", "7", False),
        ("விடை 7 ஆகலாம்.", "7", False),
        ("ఉత్తరం 7 ఉండవచ్చు.", "7", False),
        ("ಉತ್ತರ 7 ಆಗಿರಬಹುದು.", "7", False),
        ("उत्तर 7 होना चाहिए।", "7", False),
        ("Cevap 7.", "7", True),
        ("விடை 7.", "7", True),
        ("ಉತ್ತರ 7.", "7", True),
    ]
    judge(cases)


def test_belief_after_a_comma() -> None:
    cases: list[Case] = [
        ("جواب ۷ است، خیال کنم.", "7", False),
        ("پاسخ 7 است، گمان کنم.", "7", False),
        ("پاسخ ۷ است.", "7", True),
    ]
    judge(cases)


def test_hedges_of_scripts_without_spaces() -> None:
    cases: list[Case] = [
        ("结果是7，僅供參考。", "7", False),
        ("答えは7っぽいです。", "7", False),
        ("정답은 7일 거예요.", "7", False),
        ("결과는 7일지도 몰라요.", "7", False),
        ("结果是7。", "7", True),
        ("答えは7です。", "7", True),
        ("정답은 7입니다.", "7", True),
    ]
    judge(cases)


def test_bounds_after_the_value() -> None:
    cases: list[Case] = [
        ("Le total est 7 et quelques.", "7", False),
        ("Sonuç 7 küsur.", "7", False),
        ("El total es 7 y pico.", "7", False),
        ("Le total est 7.", "7", True),
        ("Sonuç 7.", "7", True),
    ]
    judge(cases)


def test_sign_word_with_a_linker() -> None:
    cases: list[Case] = [
        ("Ang resulta ay negatibong 7.", "7", False),
        ("Ang resulta ay 7.", "7", True),
    ]
    judge(cases)


def test_copula_suffix_after_a_value_or_math_span() -> None:
    cases: list[Case] = [
        ("Nəticə 7-dir.", "7", True),
        ("Deməli, cavab 7-dir.", "7", True),
        ("O halde sonuç $7$'dir.", "7", True),
        ("Cevap 7’dir.", "7", True),
        ("Cavab 7 deyil.", "7", False),
        ("Cevap $7$ değildir.", "7", False),
        ("Cavab 7-dir?", "7", False),
        ("Az eredmény 7-tel egyenlő.", "7", True),
        ("Tehát a szorzat $7$-tel egyenlő.", "7", True),
        ("Toplam 7'ye eşittir.", "7", True),
        ("Az eredmény 7-tel nem egyenlő.", "7", False),
        ("Az eredmény 7-tel egyenlő?", "7", False),
    ]
    judge(cases)


def test_ethiopic_numerals() -> None:
    cases: list[Case] = [
        ("መልሱ ፲፯ ነው።", "17", True),
        ("መልሱ ፻፭ ነው።", "105", True),
        ("መልሱ ፲፱፻፹፭ ነው።", "1985", True),
        ("መልሱ ፲፯ ነው።", "18", False),
        ("መልሱ ፲፯ አይደለም።", "17", False),
    ]
    judge(cases)


def test_a_connective_between_the_answer_noun_and_its_value() -> None:
    cases: list[Case] = [
        ("Odpověď je tudíž 7.", "7", True),
        ("Het antwoord is dus $7$.", "7", True),
        ("Svaret är alltså 7.", "7", True),
        ("Răspunsul este deci 7.", "7", True),
        ("Het antwoord is dus niet 7.", "7", False),
        ("Odpověď je tedy asi 7.", "7", False),
        ("Odpověď je tedy 8.", "7", False),
    ]
    judge(cases)


def test_a_result_subject_after_the_verb() -> None:
    cases: list[Case] = [
        ("Somit beträgt das Ergebnis $7$.", "7", True),
        ("Also ist die Anzahl 7.", "7", True),
        ("Dus is de som 7.", "7", True),
        ("Also beträgt die Summe nicht 7.", "7", False),
        ("Also ist die Summe etwa 7.", "7", False),
        ("Also ist die Hälfte 7.", "7", False),
    ]
    judge(cases)


def test_turkish_probability_adverbs_hedge() -> None:
    judge(
        [
            ("$\\boxed{4}$ olasılıkla", "4", False),
            ("Cevap büyük olasılıkla 4.", "4", False),
            ("Cevap 4, büyük ihtimalle.", "4", False),
            ("Olasılık hesabı: cevap $\\boxed{4}$.", "4", True),  # "probability" as the topic, not a hedge
        ]
    )
