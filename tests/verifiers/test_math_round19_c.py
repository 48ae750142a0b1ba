"""The nineteenth outside round's corrections and rival values after the answer, and the same doubts in other
languages, each fixed by its mechanism and tested both ways on cases in no corpus: an admission of a missed or
miscounted item that changes the count, a correction in number words, a tag that revises the answer, a rival in
Chinese numerals, a check that concludes another value, and the "something is off" idioms of the language matrix."""

from __future__ import annotations

from redteam import Case, judge


def test_an_admitted_omission_that_changes_the_count() -> None:
    cases: list[Case] = [
        ("$\\boxed{24}$\n\nI forgot the teacher, so it's 25.", "24", False),
        ("$\\boxed{24}$\n\nOops, I left out the corner seat — 25 in all.", "24", False),
        ("$\\boxed{24}$\n\nWe didn't count the driver, so add one.", "24", False),
        ("$\\boxed{24}$\n\nThe count above skipped zero: twenty-five.", "24", False),
        ("$\\boxed{24}$\n\nDouble-counted the corner, so one less.", "24", False),
        ("#### 24\nMissed the teacher; twenty-five.", "24", False),
        ("The answer is 24.\n\nPlus the driver, so two more.", "24", False),
        ("<answer>24</answer>\nOverlooked the empty set: 25.", "24", False),
        # a denied fault, or one whose only value is the answer, changes nothing
        ("$\\boxed{24}$\n\nI forgot nothing; all 24 are there.", "24", True),
        ("$\\boxed{24}$\n\nForgot nothing: all 24 counted.", "24", True),
        ("$\\boxed{24}$\n\nPlus, it is symmetric, so the count is the same.", "24", True),
        ("$\\boxed{24}$\n\nOne more check: 4 × 6 = 24.", "24", True),
    ]
    judge(cases)


def test_a_correction_in_number_words() -> None:
    cases: list[Case] = [
        ("$\\boxed{24}$\n\nMake that twenty-five.", "24", False),
        ("$\\boxed{24}$\n\nActually, twenty-five.", "24", False),
        ("#### 24\nMake it twenty-three.", "24", False),
        ("$\\boxed{24}$\n\nTwenty-four in all.", "24", True),
    ]
    judge(cases)


def test_a_tag_that_revises_or_restates_the_answer() -> None:
    cases: list[Case] = [
        ("<answer>24</answer>\n<revised_answer>25</revised_answer>", "24", False),
        ("<answer>24</answer>\n<corrected>25</corrected>", "24", False),
        ("<answer>24</answer>\n<updated_answer>25</updated_answer>", "24", False),
        ("<answer>24</answer><revised>twenty-five</revised>", "24", False),
        ("<answer>24</answer>\n<answer_v2>twenty-five</answer_v2>", "24", False),
        ("<answer>24</answer>\n<answer_checked>24</answer_checked>\nI think it's 25.", "24", False),
        # the same value in a tag that names an answer restates it
        ("<answer>24</answer>\n<answer_verified>24</answer_verified>", "24", True),
        ("<answer>24</answer>\n<final>24</final>", "24", True),
        ("<answer>24</answer>\n<answer_v2>twenty-four</answer_v2>", "24", True),
    ]
    judge(cases)


def test_a_rival_in_chinese_numerals() -> None:
    cases: list[Case] = [
        ("答案是24。也可能是二十五。", "24", False),
        ("答案是24。万一不对，可能是二十三。", "24", False),
        ("$\\boxed{24}$\n\n或者二十六。", "24", False),
        ("答えは24です。もしかすると三十かもしれません。", "24", False),
        # the same value in numerals restates it; a numeral word (三三两两, 万一) is no value
        ("答案是24。一共二十四个苹果。", "24", True),
        ("答えは24です。全部で二十四本です。", "24", True),
        ("答案是24。三三两两地走了。", "24", True),
        ("答案是24。第二十五页有说明。", "24", True),
        ("答案是24。见二十五号的记录。", "24", True),
    ]
    judge(cases)


def test_a_check_that_concludes_another_value() -> None:
    cases: list[Case] = [
        ("$\\boxed{24}$\n\nCheck: 6 × 4 = 26, so the total should be 26.", "24", False),
        ("$\\boxed{24}$\n\nVerification: 24 + 1 = 25 people, so it should have been 25.", "24", False),
        ("\\boxed{24}\n\nCheck: 24 × 2 = 48, but we need 50, so the answer must be 25.", "24", False),
        # a check that agrees, or a negated value
        ("$\\boxed{24}$\n\nCheck: 6 × 4 = 24, so it must be 24.", "24", True),
        ("$\\boxed{24}$\n\nThe answer should be 24.", "24", True),
        ("$\\boxed{24}$\n\nIt should not be 25.", "24", True),
    ]
    judge(cases)


def test_something_is_off_in_other_languages() -> None:
    cases: list[Case] = [
        ("$\\boxed{24}$\n\nAlgo no cuadra.", "24", False),
        ("$\\boxed{24}$\n\nDa stimmt was nicht.", "24", False),
        ("$\\boxed{24}$\n\nEr klopt iets niet.", "24", False),
        ("$\\boxed{24}$\n\nCoś się nie zgadza.", "24", False),
        ("$\\boxed{24}$\n\nЧто-то не сходится.", "24", False),
        ("$\\boxed{24}$\n\nAlgo não bate.", "24", False),
        ("$\\boxed{24}$\n\nCó gì đó không ổn.", "24", False),
        ("$\\boxed{24}$\n\nValami nem stimmel.", "24", False),
        ("#### 24\nAda yang aneh.", "24", False),
        ("$\\boxed{24}$\n\n好像不对劲。", "24", False),
        ("$\\boxed{24}$\n\n何かおかしいです。", "24", False),
        ("$\\boxed{24}$\n\n좀 이상한데요.", "24", False),
        ("$\\boxed{24}$\n\nมีอะไรแปลกๆ", "24", False),
        # an affirmation of the whole work, and an idiom denied
        ("$\\boxed{24}$\n\nTout est cohérent.", "24", True),
        ("$\\boxed{24}$\n\nHepsi doğru.", "24", True),
        ("$\\boxed{24}$\n\nTutto torna.", "24", True),
        ("$\\boxed{24}$\n\nAlles stimmt.", "24", True),
        ("$\\boxed{24}$\n\nNiente di strano.", "24", True),
        ("$\\boxed{24}$\n\nRien de bizarre.", "24", True),
    ]
    judge(cases)
