"""Seventeenth outside round, group L3: words after a box or an answer's value that restate it in any listed
language (copulas of verb-final languages, "is the sought number" predicates, classifiers and count nouns) are
read as the value; a negated, hedged or doubted predicate still changes it. Each rule both ways, on cases in no
corpus."""

from __future__ import annotations

from redteam import Case, judge

from rlvr.verifiers import lexicon
from rlvr.verifiers.lexicon import (
    FOREIGN_ANSWER_PREDICATES,
    FOREIGN_COPULAS,
    FOREIGN_NEGATED_COPULAS,
    LANGUAGES,
    restating_tail,
)


def test_copulas_after_a_box_restate_it() -> None:
    cases: list[Case] = [
        ("بنابراین تعداد سیب‌ها $\\boxed{17}$ است.", "17", True),
        ("Bu yüzden toplam $\\boxed{17}$'dir.", "17", True),
        ("इसलिए कुल $\\boxed{17}$ है।", "17", True),
        ("അതിനാൽ ഉത്തരം $\\boxed{17}$ ആണ്.", "17", True),
        ("তাই উত্তর $\\boxed{17}$ হয়।", "17", True),
        ("ஆகவே மொத்தம் $\\boxed{17}$ ஆகும்.", "17", True),
        ("ስለዚህ ድምሩ $\\boxed{17}$ ነው።", "17", True),
        ("अतः उत्तर $\\boxed{17}$ आहे.", "17", True),
        ("కాబట్టి సమాధానం $\\boxed{17}$ అవుతుంది.", "17", True),
        ("答えは $\\boxed{17}$ です。", "17", True),
        ("정답은 $\\boxed{17}$입니다.", "17", True),
        # the same copula after a wrong value, and a copula of a language that puts its verb first waits
        ("بنابراین تعداد سیب‌ها $\\boxed{16}$ است.", "17", False),
        ("$\\boxed{17}$ é", "17", False),
    ]
    judge(cases)


def test_predicates_naming_the_answer_after_a_box() -> None:
    cases: list[Case] = [
        ("Therefore $\\boxed{17}$ is the desired value.", "17", True),
        ("So $\\boxed{17}$ is the unique solution.", "17", True),
        ("Thus $\\boxed{17}$ is the largest such number.", "17", True),
        ("Daher ist $\\boxed{17}$ die gesuchte Lösung.", "17", True),
        ("Quindi $\\boxed{17}$ è il numero cercato.", "17", True),
        ("Portanto, $\\boxed{17}$ é o número procurado.", "17", True),
        ("Zatem $\\boxed{17}$ jest szukaną liczbą.", "17", True),
        ("Итак, $\\boxed{17}$ — искомое значение.", "17", True),
        ("Dus $\\boxed{17}$ is het gezochte getal.", "17", True),
        ("Jadi $\\boxed{17}$ adalah jawaban yang dicari.", "17", True),
        ("لذا فإن $\\boxed{17}$ هو الجواب الصحيح.", "17", True),
        ("לכן $\\boxed{17}$ היא התשובה הנכונה.", "17", True),
        ("Dakle, $\\boxed{17}$ je traženi broj.", "17", True),
        ("Tedy $\\boxed{17}$ je hledané číslo.", "17", True),
        ("Deci $\\boxed{17}$ este numărul căutat.", "17", True),
        # a predicate that says something else, or names one of several
        ("So $\\boxed{17}$ is a possible value.", "17", False),
        ("So $\\boxed{17}$ is possible.", "17", False),
        ("So $\\boxed{17}$ is the number we guessed.", "17", False),
        ("Donc $\\boxed{17}$ est le nombre supposé.", "17", False),
    ]
    judge(cases)


def test_classifiers_and_count_nouns_after_a_box() -> None:
    cases: list[Case] = [
        ("所以一共有 $\\boxed{17}$ 本书。", "17", True),
        ("よって、ねこは $\\boxed{17}$ 匹です。", "17", True),
        ("따라서 학생은 $\\boxed{17}$명입니다.", "17", True),
        ("ดังนั้นมีนักเรียน $\\boxed{17}$ คน", "17", True),
        ("Vậy lớp có $\\boxed{17}$ học sinh.", "17", True),
        ("Sonuç olarak $\\boxed{17}$ kalem vardır.", "17", True),
        ("لذا هناك $\\boxed{17}$ كتابا.", "17", True),
        ("तो कुल $\\boxed{17}$ किताबें हैं।", "17", True),
        ("Επομένως υπάρχουν $\\boxed{17}$ βιβλία.", "17", True),
        ("অতএব মোট $\\boxed{17}$ টি বই।", "17", True),
        ("Így $\\boxed{17}$ alma marad.", "17", True),
        ("إذن لديه $\\boxed{17}$ كتاباً.", "17", True),
        # a bound or a doubt after the classifier, a noun a later sentence sets against the question
        ("所以一共有 $\\boxed{17}$ 本左右。", "17", False),
        ("따라서 학생은 $\\boxed{17}$명 이상입니다.", "17", False),
        ("答えは $\\boxed{17}$ 個かな。", "17", False),
        ("小红有 $\\boxed{17}$ 本书。但题目问的是笔的数量。", "17", False),
    ]
    judge(cases)


def test_negated_and_hedged_predicates_after_a_box_still_fail() -> None:
    cases: list[Case] = [
        ("پاسخ $\\boxed{17}$ نیست.", "17", False),
        ("Cevap $\\boxed{17}$ değil.", "17", False),
        ("उत्तर $\\boxed{17}$ नहीं है।", "17", False),
        ("விடை $\\boxed{17}$ அல்ல.", "17", False),
        ("መልሱ $\\boxed{17}$ አይደለም።", "17", False),
        ("উত্তর $\\boxed{17}$ নয়।", "17", False),
        ("So $\\boxed{17}$ is not the required number.", "17", False),
        ("So $\\boxed{17}$ is probably the answer.", "17", False),
        ("Donc $\\boxed{17}$ n'est pas le nombre cherché.", "17", False),
        ("Also ist $\\boxed{17}$ wahrscheinlich die gesuchte Zahl.", "17", False),
        ("Значит, $\\boxed{17}$ — не искомое число.", "17", False),
        ("Por tanto, $\\boxed{17}$ es quizás el número buscado.", "17", False),
        ("Cevap $\\boxed{17}$ olabilir.", "17", False),
        ("答案是 $\\boxed{17}$ 个吗？", "17", False),
        ("$\\boxed{17}$ (est.)", "17", False),
        ("Cevap $\\boxed{17}$ mü", "17", False),
        ("答えは $\\boxed{17}$ 個ですか。", "17", False),
        ("정답은 $\\boxed{17}$개입니까?", "17", False),
        ("الإجابة $\\boxed{17}$ تقريباً.", "17", False),
        ("$\\boxed{17}$\n\nمطمئن نیستم.", "17", False),
        ("$\\boxed{17}$ oder so", "17", False),
    ]
    judge(cases)


def test_answer_lines_and_tags_with_a_restating_tail() -> None:
    cases: list[Case] = [
        ("#### 17 本", "17", True),
        ("#### 17 kalem kalır", "17", True),
        ("<answer>17 ہے</answer>", "17", True),
        ("<answer>17개</answer>", "17", True),
        ("<answer>17 ናቸው</answer>", "17", True),
        ("#### 17 değil", "17", False),
        ("<answer>17 نہیں ہے</answer>", "17", False),
        ("<answer>17個くらい</answer>", "17", False),
    ]
    judge(cases)


def test_answer_phrases_with_a_restating_tail() -> None:
    cases: list[Case] = [
        ("Ответ: 17 — искомое значение.", "17", True),
        ("Final answer: 17 টি", "17", True),
        ("The answer is 17 ہے۔", "17", True),
        ("Ответ: 17 — не искомое значение.", "17", False),
        ("Ответ: 17 тыс.", "17", False),
        ("The answer is 17 نہیں ہے۔", "17", False),
        ("The answer is 17̸.", "17", False),
    ]
    judge(cases)


def test_tables_cover_every_language() -> None:
    for table in (FOREIGN_COPULAS, FOREIGN_ANSWER_PREDICATES, FOREIGN_NEGATED_COPULAS):
        assert set(table) == set(LANGUAGES)


def test_no_restating_word_is_a_cue_but_the_documented_one() -> None:
    restating = lexicon._COPULA_SET | lexicon._ANSWER_PREDICATE_SET
    assert restating & (lexicon._RESTATING_GUARD | lexicon.QUESTION_WORDS) == {"ni"}  # Swahili "is", Slovene "is not"


def test_restating_tail_reads_words_not_parts_of_words() -> None:
    assert restating_tail(" است.")
    assert restating_tail(" هستند")
    assert not restating_tail(" نیستند")
    assert not restating_tail(" peut être la réponse")
    assert not restating_tail(" is the answer?")
    assert not restating_tail(" is the answer; or 18")
