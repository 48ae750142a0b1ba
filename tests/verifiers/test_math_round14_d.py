"""Fourteenth outside round, choices, word answers and other languages: a first-person "I" after a choice letter is
a pronoun; a sentence after a letter is no option's value; more ways to name a choice; word answers stated as a
verb or a "no solution" reply; JSON and one-column table replies; joining and restating words of other languages
and math spans in sentences of other scripts. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_a_first_person_i_after_a_choice_letter_is_a_pronoun() -> None:
    cases: list[Case] = [
        ("Final Answer: The final answer is $\\text{(D)}$. I hope it is correct.", "D", True),
        ("So the correct option is (E).\n\nI double-checked each step.", "E", True),
        ("Answer: (B)\nI am fairly confident in this.", "B", True),
        ("Final Answer: The final answer is A", "A", True),
        ("The answer is $\\boxed{I}$.", "I", True),
        ("The answer is (B). I is also possible.", "B", False),
        ("The answer is (B). Option I also works.", "B", False),
        ("The answer is (B) or (I).", "B", False),
        ("The answer is (B). I might be wrong.", "B", False),
    ]
    judge(cases)


def test_a_sentence_after_a_choice_letter_is_no_value_of_the_option() -> None:
    cases: list[Case] = [
        ("Answer: D. Maybe.", "D", False),
        ("The answer is (A). Not certain.", "A", False),
        ("Answer: B. Possibly.", "B", False),
        ("The answer is (A). This follows from the table.", "A", True),
        ("Answer: D. Hope this helps!", "D", True),
        ("Answer: B. 12", "B", True),
    ]
    judge(cases)


def test_more_ways_to_name_a_choice() -> None:
    cases: list[Case] = [
        ("La respuesta correcta es la D.", "D", True),
        ("La respuesta correcta es la C.", "D", False),
        ("La bonne réponse est la C.", "C", True),
        ("Die korrekte Antwort ist C.", "C", True),
        ("A resposta correta é a B.", "B", True),
        ("La risposta corretta è la A.", "A", True),
        ("答案是【D】", "D", True),
        ("The answer is 【A】 or 【B】", "A", False),
        ("正解は C です。", "C", True),
        ("正解はたぶん C です。", "C", False),
        ("정답은 D입니다.", "D", True),
        ("The correct choice is option __C__: $7$.", "C", True),
        ("The answer is $\\boxed{12}$ (choice D).", "12", True),
        ("The answer is $\\boxed{13}$ (choice D).", "12", False),
        ("Answer: C (12)", "12", True),
        ("Answer: C (13)", "12", False),
        ("Answer: C (12)", "C", True),
    ]
    judge(cases)


def test_word_answers_in_reply_forms() -> None:
    cases: list[Case] = [
        ("The integral does not exist.", "DNE", True),
        ("The limit is 2.", "DNE", False),
        ("$\\boxed{\\text{DNE}}$", "DNE", True),
        ("There are no real solutions.", "\\text{no solution}", True),
        ("The system has no solution.", "\\text{none}", True),
        ("No such $k$ exists.", "\\text{no solution}", True),
        ("There might be no solution.", "\\text{no solution}", False),
        ("No such $n$ exists, I believe.", "\\text{none}", False),
        ("Bob wins the game.", "\\text{Bob}", True),
        ("Bob wins the game.", "\\text{Alice}", False),
        ("Probably Bob wins.", "\\text{Bob}", False),
        ("Alice loses.", "\\text{Alice}", False),
        ("The next meeting will be Tuesday.", "\\text{Tuesday}", True),
        ("It will be Monday.", "\\text{Tuesday}", False),
        ("The integral diverges.", "\\text{diverges}", True),
        ("The integral diverges.", "\\text{converges}", False),
        ("The series might converge.", "\\text{converges}", False),
        ("The quadrilateral is a rhombus.", "\\text{rhombus}", True),
        ("The quadrilateral is a kite.", "\\text{rhombus}", False),
        ("The quadrilateral is probably a rhombus.", "\\text{rhombus}", False),
    ]
    judge(cases)


def test_structured_replies() -> None:
    cases: list[Case] = [
        ('{"explanation": "7*6=42", "answer": 42}', "42", True),
        ('{"explanation": "7*6=42", "answer": 41}', "42", False),
        ('```json\n{"work": "3+4", "final_answer": "7"}\n```', "7", True),
        ('{"answer": "7", "sure": false}', "7", False),
        ("| Final answer |\n|:--:|\n| 42 |", "42", True),
        ("| Result |\n|---|\n| 41 |", "42", False),
        ("| Estimate |\n|---|\n| 42 |", "42", False),
    ]
    judge(cases)


def test_joining_and_restating_words_of_other_languages() -> None:
    cases: list[Case] = [
        ("Alors $x = 1$ ou $x = 4$.", "\\{1,4\\}", True),
        ("Alors $x = 1$ ou $x = 5$.", "\\{1,4\\}", False),
        ("Quindi $x = 1$ oppure $x = 4$.", "1, 4", True),
        ("Also $x = 1$ oder $x = 4$.", "1, 4", True),
        ("Значит, $x = 1$ или $x = 4$.", "1, 4", True),
        ("解得 $x=1$ 或 $x=4$。", "\\{1,4\\}", True),
        ("解得 $x=1$ 或 $x=5$。", "\\{1,4\\}", False),
        ("Las raíces son $x = 1$ y $x = 4$.", "1, 4", True),
        ("Les racines sont $x_1 = 1$ et $x_2 = 4$.", "1, 4", True),
        ("La risposta è $\\frac{3}{4}$, cioè $0{,}75$.", "\\frac34", True),
        ("La risposta è $\\frac{3}{4}$, cioè $0{,}7$.", "\\frac34", False),
        ("A resposta é $\\frac{1}{4}$, ou seja, $0{,}25$.", "\\frac14", True),
        ("La réponse est $\\frac{1}{4}$, c'est-à-dire $0{,}25$.", "\\frac14", True),
        ("The answer is $\\frac{1}{4}$, that is, $0.3$.", "\\frac14", False),
        ("Le prix est de 40 euros.", "40", True),
        ("La altura es de 15 metros.", "15", True),
        ("La altura es de 16 metros.", "15", False),
    ]
    judge(cases)


def test_a_math_span_in_a_sentence_of_other_scripts_is_its_value() -> None:
    cases: list[Case] = [
        ("因此 $x = 7$。", "7", True),
        ("所以共有 $30$ 种。", "30", True),
        ("答：$y=-2$。", "-2", True),
        ("그러므로 답은 $9$입니다.", "9", True),
        ("所以答案大概是 $9$。", "9", False),
        ("故 $x = 7$ 吗？", "7", False),
        ("因此 $x = 8$。", "7", False),
    ]
    judge(cases)
