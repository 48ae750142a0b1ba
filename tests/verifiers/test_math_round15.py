"""Fifteenth outside round: belief frames and modal hedges of other languages anywhere before the answer in its
sentence, a share of being sure below full, a sentence struck through character by character and corrections in
other languages. Each rule both ways, on cases in no corpus."""

from __future__ import annotations

from redteam import Case, judge


def test_belief_frames_of_other_languages_before_the_answer() -> None:
    cases: list[Case] = [
        ("Ich vermute, die Antwort ist $\\boxed{4}$.", "4", False),
        ("Je pense que la réponse est $\\boxed{4}$.", "4", False),
        ("Me parece que la respuesta es $\\boxed{4}$.", "4", False),
        ("Penso che la risposta sia $\\boxed{4}$.", "4", False),
        ("Я думаю, ответ $\\boxed{4}$.", "4", False),
        ("По-моему, ответ $\\boxed{4}$.", "4", False),
        ("Myślę, że odpowiedź to $\\boxed{4}$.", "4", False),
        ("Jag tror att svaret är $\\boxed{4}$.", "4", False),
        ("Szerintem a válasz $\\boxed{4}$.", "4", False),
        ("Bence cevap $\\boxed{4}$.", "4", False),
        ("Saya pikir jawabannya $\\boxed{4}$.", "4", False),
        ("Tôi nghĩ đáp án là $\\boxed{4}$.", "4", False),
        ("Νομίζω ότι η απάντηση είναι $\\boxed{4}$.", "4", False),
        ("Sa tingin ko ang sagot ay $\\boxed{4}$.", "4", False),
        ("أعتقد أن الإجابة هي $\\boxed{4}$.", "4", False),
        ("मुझे लगता है कि उत्तर $\\boxed{4}$ है।", "4", False),
        ("Creo que la respuesta es 4.", "4", False),
        ("Die Antwort ist, glaube ich, 4.", "4", False),
        # the same sentences without the frame, and a frame in the sentence before
        ("Die Antwort ist $\\boxed{4}$.", "4", True),
        ("La réponse est $\\boxed{4}$.", "4", True),
        ("Ответ: $\\boxed{4}$.", "4", True),
        ("Đáp án là $\\boxed{4}$.", "4", True),
        ("La respuesta es 4.", "4", True),
        ("Ich glaube nicht, dass es schwer ist. Die Antwort ist $\\boxed{4}$.", "4", True),
        ("Je pense à la méthode. La réponse est $\\boxed{4}$.", "4", True),
    ]
    judge(cases)


def test_modal_hedges_of_other_languages_anywhere_before_the_answer() -> None:
    cases: list[Case] = [
        ("Wahrscheinlich ist die Antwort $\\boxed{4}$.", "4", False),
        ("Vielleicht ist die Antwort $\\boxed{4}$.", "4", False),
        ("Probablemente la respuesta es $\\boxed{4}$.", "4", False),
        ("Đáp án có lẽ là $\\boxed{4}$.", "4", False),
        ("Đáp án chắc là $\\boxed{4}$.", "4", False),
        ("Jawapannya agaknya $\\boxed{4}$.", "4", False),
        ("பதில் ஒருவேளை $\\boxed{4}$.", "4", False),
        ("উত্তর সম্ভবত $\\boxed{4}$।", "4", False),
        ("Đáp án chắc chắn là $\\boxed{4}$.", "4", True),  # chắc chắn: certainly
        ("பதில் $\\boxed{4}$.", "4", True),
        ("Jawapannya ialah $\\boxed{4}$.", "4", True),
    ]
    judge(cases)


def test_english_belief_adverbs_anywhere_before_the_answer() -> None:
    cases: list[Case] = [
        ("Apparently the answer is $\\boxed{4}$.", "4", False),
        ("It seems the answer is $\\boxed{4}$.", "4", False),
        ("In my opinion, the answer is $\\boxed{4}$.", "4", False),
        ("Presumably the answer is 4.", "4", False),
        ("I suspect the answer is $\\boxed{4}$.", "4", False),
        ("It might look hard. The answer is $\\boxed{4}$.", "4", True),
        ("Could it be 3? Let us check: the answer is $\\boxed{4}$.", "4", True),
    ]
    judge(cases)


def test_scripts_without_spaces_between_words() -> None:
    cases: list[Case] = [
        ("คำตอบอาจจะเป็น $\\boxed{4}$", "4", False),
        ("คำตอบน่าจะเป็น $\\boxed{4}$", "4", False),
        ("คำตอบคง $\\boxed{4}$", "4", False),
        ("คิดว่าคำตอบคือ $\\boxed{4}$", "4", False),
        ("คำตอบประมาณ $\\boxed{4}$", "4", False),
        ("我认为答案是 $\\boxed{4}$。", "4", False),
        ("我觉得答案是 $\\boxed{4}$。", "4", False),
        ("제 생각에 답은 $\\boxed{4}$입니다.", "4", False),
        ("คำตอบคือ $\\boxed{4}$", "4", True),
        ("ค่าคงที่คือ $\\boxed{4}$", "4", True),  # คงที่: constant
        ("答案是 $\\boxed{4}$。", "4", True),
        ("我认为这题很难。答案是 $\\boxed{4}$。", "4", True),
        ("답은 $\\boxed{4}$입니다.", "4", True),
    ]
    judge(cases)


def test_a_share_of_being_sure_below_full() -> None:
    cases: list[Case] = [
        ("$\\boxed{4}$ (not 100% sure)", "4", False),
        ("$\\boxed{4}$ (less than 100% confident)", "4", False),
        ("$\\boxed{4}$ (not even 60% sure)", "4", False),
        ("The answer is 4 (under 90% certain).", "4", False),
        ("$\\boxed{4}$ (100% sure)", "4", True),
        ("$\\boxed{4}$ (at least 99% sure)", "4", True),
    ]
    judge(cases)


def test_a_sentence_struck_through_character_by_character() -> None:
    struck = "".join(c + "\u0336" for c in "The answer is 5")
    cases: list[Case] = [
        ("$\\boxed{4}$\n\n\u0336" + struck, "4", True),
        ("$\\boxed{4}$\n\n" + struck, "4", True),
        ("The answer is 4. " + struck + ".", "4", True),
        ("$\\boxed{4}$\n\n" + struck, "5", False),
        ("The answer is 5\u0336 6.", "5", False),
    ]
    judge(cases)


def test_corrections_in_other_languages() -> None:
    cases: list[Case] = [
        ("$\\boxed{4}$. Cometí un error; debería ser 5.", "4", False),
        ("$\\boxed{4}$. Ich habe einen Fehler gemacht; es sollte 5 sein.", "4", False),
        ("$\\boxed{4}$. J'ai fait une erreur ; cela devrait être 5.", "4", False),
        ("$\\boxed{4}$. Я ошибся, должно быть 5.", "4", False),
        ("$\\boxed{4}$. Un error común es elegir 5.", "4", True),
        ("$\\boxed{4}$. Ein häufiger Fehler ist 5.", "4", True),
    ]
    judge(cases)


def test_a_question_about_a_fault_answered_after_the_answer() -> None:
    cases: list[Case] = [
        ("$\\boxed{24}$. Did I make an error? No, it should be 24.", "24", True),
        ("$\\boxed{24}$. Wait, I made an error? No — it should be 24, as computed.", "24", True),
        ("$\\boxed{24}$. Did I make an error? No.", "24", True),
        ("$\\boxed{24}$. Is this wrong? No.", "24", True),
        ("$\\boxed{24}$. Could it be wrong? No, it is 24.", "24", True),
        # a "no" that goes on to another value corrects; a "yes" admits the fault
        ("$\\boxed{24}$. Did I make an error? No, it should be 25.", "24", False),
        ("$\\boxed{24}$. Did I make an error? No, wait, it should be 25.", "24", False),
        ("$\\boxed{24}$. Did I make an error? No, 24 and 25 both work.", "24", False),
        ("$\\boxed{24}$. Did I make an error? Yes.", "24", False),
        ("$\\boxed{24}$. Is this wrong? Yes.", "24", False),
        ("$\\boxed{24}$. Is this right? No.", "24", False),
        ("$\\boxed{24}$. Is this right? Yes.", "24", True),
    ]
    judge(cases)


def test_a_correction_of_an_answer_with_a_unit() -> None:
    cases: list[Case] = [
        ("$\\boxed{4 \\text{ cm}}$. Wait, I made an error; it should be 5 cm.", "4 cm", False),
        ("$\\boxed{4 \\text{ cm}}$. Wait, I made an error; it should be 5.", "4 cm", False),
        ("$\\boxed{4 \\text{ cm}}$. Wait, I made an error? No, it should be 4 cm.", "4 cm", True),
        ("$\\boxed{4 \\text{ cm}}$. A common mistake is to answer 5 cm.", "4 cm", True),
        ("The answer is $4\\,\\mathrm{cm}$. It is longer than the 3 cm side.", "4 cm", True),
    ]
    judge(cases)


def test_leftover_forms_of_earlier_rounds() -> None:
    cases: list[Case] = [
        ("答えは約5です。", "5", False),  # 約: about
        ("答えは約数の個数で、6です。", "6", True),  # 約数: divisor
        ("The answer is $\\boxed{42}$. Confidence: medium-high.", "42", True),
        ("The answer is $\\boxed{42}$. Confidence: medium-low.", "42", False),
        ("The answer is $\\boxed{42}$. Confidence: medium.", "42", False),
        ("The answer is $\\boxed{42}$ (in base 10).", "42", True),
        ("The answer is $\\boxed{42}$ (in decimal).", "42", True),
        ("The answer is $\\boxed{42}$ (in base 7).", "42", False),
    ]
    judge(cases)
