"""Eighth round, false fails: correct answers in common styles that the grader rejected (the sixth red-team round's
open rows, ``benchmarks/data/math_redteam5.jsonl``, checked row by row by ``test_math_corpora.py``). Per mechanism,
our own cases in three directions: the correct style passes, a wrong value in the same style fails, and a hedge in
the same style fails."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rlvr.verifiers.extract import expand_macros, extract

sys.path.insert(0, str(Path(__file__).parent))
from cpu_budget import cpu_limit  # noqa: E402
from redteam import judge  # noqa: E402


def test_a_unit_of_measure_names_what_it_measures() -> None:
    judge(
        [
            ("The tank holds 7 gallons of water.", "7", True),
            ("She used 3 cups of sugar in total.", "3", True),
            ("The bottle has 2 liters of milk.", "2 \\text{ L}", True),
            ("The tank holds 8 gallons of water.", "7", False),
            ("The tank holds perhaps 7 gallons of water.", "7", False),
            ("The tank holds 7 gallons of water or 8.", "7", False),
            ("The tank holds 7 percent of 20.", "7", False),  # related to another number
            ("The answer is 12 pairs of socks.", "12", False),  # a count noun with "of" still counts groups
            ("The answer is 9 boxes of pencils.", "9", False),
        ],
        answer_form="number",
    )


def test_descriptors_after_a_value_end_its_phrase() -> None:
    judge(
        [
            ("She earned $40 last month.", "40", True),
            ("She will earn $40 next month.", "40", True),
            ("He got $3 back in change.", "3", True),
            ("She earned $41 last month.", "40", False),
            ("She earned maybe $40 last month.", "40", False),
            ("He got $3 and change.", "3", False),  # "and change": a little more than 3
            ("He got $3 back or more.", "3", False),
        ],
        answer_form="number",
    )


def test_words_after_a_box_read_like_words_after_a_value() -> None:
    judge(
        [
            ("Tom earns $\\boxed{25}$ dollars every week at the shop.", "25", True),
            ("Tom earns $\\boxed{25}$ dollars at the shop.", "25", True),
            ("Tom earns $\\boxed{25}$ every week at the shop.", "25", True),
            ("Tom earns $\\boxed{25}$ dollars every week at the shop.", "25 \\text{ dollars per week}", True),
            ("Tom earns $\\boxed{26}$ dollars every week at the shop.", "25", False),
            ("Tom earns $\\boxed{25}$ dollars every week at the shop.", "25 \\text{ dollars per day}", False),
            ("Tom earns $\\boxed{25}$ dollars at most.", "25", False),
            ("Tom earns $\\boxed{25}$ dollars, maybe.", "25", False),
            ("Tom earns $\\boxed{25}$ dollars or 26.", "25", False),
            ("Tom earns $\\boxed{25}$ dollars if it rains.", "25", False),
            ("Tom earns $\\boxed{25}$ dollars by next week at the earliest.", "25", False),
            ("The length is \\boxed{2} in", "2 \\text{ ft}", False),  # the unit (inches) is kept
        ]
    )


def test_a_rate_stays_with_its_value() -> None:
    judge(
        [
            ("The answer is 3 times per week.", "3", True),
            ("Tom earns $25 every week at the shop.", "25 \\text{ dollars per week}", True),
            ("The answer is 3 times per week.", "3 \\text{ per day}", False),
            ("The answer is 4 times per week.", "3", False),
            ("The answer is probably 3 times per week.", "3", False),
            ("Tom earns $25 every week at the shop.", "25 \\text{ dollars per day}", False),
        ]
    )


def test_a_rate_with_the_article_a_keeps_what_follows() -> None:
    """ "a" is one letter, no word of the lexer: "5 miles a day or more" was cut after "miles" and passed."""
    judge(
        [
            ("He runs 5 miles a day.", "5", True),
            ("She reads 5 times a day.", "5", True),
            ("He runs 6 miles a day.", "5", False),
            ("He runs 5 miles a day or more.", "5", False),
            ("She earns 5 dollars a day or less.", "5", False),
            ("She reads 5 times a day or more.", "5", False),
            ("He runs 5 miles a day at most.", "5", False),
        ]
    )


def test_macros_defined_in_the_completion_are_expanded() -> None:
    judge(
        [
            ("\\newcommand{\\result}{12}Hence $\\boxed{\\result}$.", "12", True),
            ("\\newcommand\\result{12}Hence $\\boxed{\\result}$.", "12", True),
            ("\\def\\result{12}Hence $\\boxed{\\result}$.", "12", True),
            ("\\newcommand{\\a}{12}\\newcommand{\\b}{\\a}Hence $\\boxed{\\b}$.", "12", True),
            ("\\newcommand{\\result}{11}\\renewcommand{\\result}{13}Hence $\\boxed{\\result}$.", "13", True),
            ("\\newcommand{\\result}{11}\\renewcommand{\\result}{13}Hence $\\boxed{\\result}$.", "11", False),
            ("\\def\\result{13}Hence $\\boxed{\\result}$.", "12", False),
            ("\\def\\result{12 \\text{ or } 13}Hence $\\boxed{\\result}$.", "12", False),
            ("% \\def\\result{12}\nHence $\\boxed{\\result}$.", "12", False),  # a commented-out definition
            ("\\newcommand{\\result}[1]{#1}Hence $\\boxed{\\result{12}}$.", "12", False),  # parameters: not expanded
        ]
    )


def test_macro_expansion_is_bounded_and_linear() -> None:
    doubling = "".join(f"\\def\\m{chr(98 + i)}{{\\m{chr(97 + i)}\\m{chr(97 + i)}}}" for i in range(24))
    bomb = "\\def\\ma{12}" + doubling + "\\boxed{\\mz}"
    assert expand_macros(bomb) == bomb  # 2^25 characters: left unexpanded
    many = "\\def\\a{1}" + "\\a" * 200_000
    t0 = time.process_time()
    extract("\\def\\a{" * 100_000)
    extract(many)
    assert time.process_time() - t0 < cpu_limit()


def test_a_colour_switch_ends_at_the_next_switch() -> None:
    judge(
        [
            ("The answer is \\boxed{\\color{white}4\\color{black}9}.", "9", True),
            ("The answer is \\boxed{\\color{white}4\\color{black}9}.", "49", False),
            ("The answer is \\boxed{\\color{black}4\\color{white}9}.", "49", False),
            ("The answer is \\boxed{\\color{white}4\\color{black}8}.", "9", False),
            ("The answer is \\boxed{\\color{white}{4\\color{black}}9}.", "9", False),  # white to the group's end
        ]
    )


def test_a_probability_said_as_a_count_of_a_total() -> None:
    judge(
        [
            ("The probability is 3 out of 8.", "\\frac38", True),
            ("There is a 2 in 7 chance.", "\\frac27", True),
            ("The probability is 2 in 7.", "\\frac27", True),
            ("The probability is 3 out of 9.", "\\frac13", True),
            ("The probability is 3 out of 8.", "3", False),  # the count is not the probability
            ("The probability is 4 out of 8.", "\\frac38", False),
            ("The probability is about 3 out of 8.", "\\frac38", False),
            ("The probability is 3 out of 8 or 3 out of 7.", "\\frac38", False),
            ("3 out of 8 students passed.", "3", False),
        ]
    )


def test_a_hash_line_groups_digits_with_spaces() -> None:
    judge(
        [
            ("So x = 3450.\n#### 3 450", "3450", True),
            ("So x = 1250000.\n#### 1 250 000", "1250000", True),
            ("So x = 3450.\n#### 3 451", "3450", False),
            ("So x = 3450.\n#### 34 50", "3450", False),  # not groups of three
            ("So x = 3450.\n#### 3 450 or 3 451", "3450", False),
            ("\\boxed{3 450}", "3450", False),  # in math a plain space is spacing (adversarial corpus)
        ],
        answer_form="number",
    )


def test_a_magnitude_suffix_in_prose_against_a_number() -> None:
    judge(
        [
            ("The answer is 7k.", "7000", True),
            ("The answer is $2.5M.", "2500000", True),
            ("The answer is 3bn.", "3000000000", True),
            ("The answer is 7k.", "7k", True),  # the letter still reads as itself against a symbolic gold
            ("The answer is 8k.", "7000", False),
            ("The answer is 7k.", "7", False),
            ("The answer is roughly 7k.", "7000", False),
            ("The answer is 7k or 8k.", "7000", False),
            ("\\boxed{7k}", "7000", False),  # in math 7k is 7·k
        ]
    )


def test_the_rupee_abbreviation_ends_no_sentence() -> None:
    judge(
        [
            ("The answer is Rs. 750.", "750", True),
            ("The price is Rs. 750.", "750", True),
            ("The answer is Rs. 751.", "750", False),
            ("The price is Rs. 750 or Rs. 800.", "750", False),
        ],
        answer_form="number",
    )


def test_word_replies_name_their_answer() -> None:
    judge(
        [
            ("Sí.", "\\text{Yes}", True),
            ("Sí.", "\\text{No}", False),
            ("On Friday.", "\\text{Friday}", True),
            ("The party is on Friday.", "\\text{Friday}", True),
            ("Certainly Friday.", "\\text{Friday}", True),
            ("They met in New York.", "\\text{New York}", True),
            ("On Saturday.", "\\text{Friday}", False),
            ("The party is on Saturday.", "\\text{Friday}", False),
            ("Probably on Friday.", "\\text{Friday}", False),
            ("The party is not on Friday.", "\\text{Friday}", False),
            ("The party is probably on Friday.", "\\text{Friday}", False),
            ("On Friday or Saturday.", "\\text{Friday}", False),
            ("The party is over by Friday.", "\\text{Friday}", False),  # a deadline, not the day
            ("The party is on Friday, not Saturday.", "\\text{Friday}", True),  # the other day rejected (round 19)
        ]
    )


def test_an_html_heading_is_a_line_of_its_own() -> None:
    judge(
        [
            ("<h3>Final answer</h3><p>14</p>", "14", True),
            ("<h3>Final answer</h3><p>15</p>", "14", False),
            ("<h3>Final answer</h3><p>14 or 15</p>", "14", False),
            ("<h3>Final answer</h3><p>perhaps 14</p>", "14", False),
        ]
    )


def test_newtons_abbreviated() -> None:
    judge(
        [
            ("\\boxed{9 \\text{ N}}", "9", True),
            ("The force is 9 N.", "9 \\text{ newtons}", True),
            ("\\boxed{9 \\text{ N}}", "9 \\text{ J}", False),
            ("\\boxed{8 \\text{ N}}", "9", False),
            ("\\boxed{9 \\text{ N or more}}", "9", False),
            ("\\boxed{9N}", "9", False),  # in math a letter after a number is a variable
        ]
    )


def test_an_approximation_in_parentheses_after_an_exact_value_is_dropped() -> None:
    judge(
        [
            ("The probability is 3/7 (about 43%).", "\\frac37", True),
            ("\\boxed{\\frac{3}{7} \\text{ (approximately } 0.43)}", "\\frac37", True),
            ("The probability is 2/7 (about 43%).", "\\frac37", False),
            ("The probability is 3/7 (about 43%) or 1/2.", "\\frac37", False),
            ("\\boxed{\\frac{3}{7} \\text{ (or } 0.5)}", "\\frac37", False),  # a restatement must still match
            ("\\boxed{x \\text{ (approximately } 0.8)}", "x", False),  # not an exact value: an alternative
        ]
    )


def test_a_quantity_in_two_units_is_one_quantity() -> None:
    judge(
        [
            ("\\boxed{2 \\text{ hours and } 15 \\text{ minutes}}", "2.25 \\text{ hours}", True),
            ("It took 2 hours and 15 minutes.", "2.25 \\text{ hours}", True),
            ("It took 2 hours and 15 minutes.", "2.25", False),  # a unitless gold does not say it counts hours
            ("The total cost is 7 dollars and 25 cents.", "7.25", True),
            ("\\boxed{2 \\text{ hours and } 15 \\text{ minutes}}", "2 \\text{ hours}", False),
            ("\\boxed{2 \\text{ hours and } 20 \\text{ minutes}}", "2.25 \\text{ hours}", False),
            ("\\boxed{2 \\text{ hours or } 15 \\text{ minutes}}", "2.25 \\text{ hours}", False),
            ("The total cost is 7 dollars and 125 cents.", "8.25", False),  # not fewer than one dollar
            ("The total cost is about 7 dollars and 25 cents.", "7.25", False),
        ]
    )


def test_a_reversed_bracket_is_an_open_end_in_mixed_notation() -> None:
    judge(
        [
            ("\\boxed{(3, \\infty[}", "(3, \\infty)", True),
            ("\\boxed{]3, 4)}", "(3, 4)", True),
            ("\\boxed{(3, \\infty[}", "[3, \\infty)", False),
            ("\\boxed{(3, 4[}", "(3, 4]", False),
            ("\\boxed{(3, 4)}", "(3, 4)", True),
        ]
    )


def test_struck_out_values_do_not_count() -> None:
    judge(
        [
            ("The answer is 3\u0336 4.", "4", True),
            ("The answer is $\\cancelto{4}{3}$.", "4", True),
            ("The answer is 3\u0336 4.", "3", False),
            ("The answer is 4\u0336.", "4", False),
            ("The answer is $\\cancelto{4}{3}$.", "3", False),
            ("The answer is 3\u0336 4 or 5.", "4", False),
        ]
    )


def test_a_value_given_to_us_as_the_answer() -> None:
    judge(
        [
            ("That gives us **8** as the answer.", "8", True),
            ("This gives me 8 as the final answer.", "8", True),
            ("We get 8 as a result.", "8", True),
            ("That gives us **9** as the answer.", "8", False),
            ("That gives us maybe **8** as the answer.", "8", False),
            ("That gives us **8** or 9 as the answer.", "8", False),
            ("That gives us **8** as a rough answer.", "8", False),  # what the value is called stays with it
            ("We get 8 as an upper bound.", "8", False),
        ]
    )


def test_a_one_sentence_reference_is_read_by_its_final_statement() -> None:
    judge(
        [
            ("\\boxed{24}", "So he earns \\$24.", True),
            ("\\boxed{24}", "He earns 8 * 3 = $24 every week.", True),
            ("\\boxed{25}", "So he earns \\$24.", False),
            ("\\boxed{25}", "He earns 8 * 3 = $24 every week.", False),
        ],
        answer_form="number",
    )


def test_a_currency_before_every_amount_of_a_chain() -> None:
    judge(
        [
            ("Total: 8 × $3 = **$24**", "24", True),
            ("So he pays $20 + $4 = $24.", "24", True),
            ("Total: 8 × $3 = **$25**", "25", False),  # a link that does not hold states nothing
            ("Total: 8 × $3 = **$24** or $25", "24", False),
            ("So he pays $20 + $4 = $24 maybe.", "24", False),
        ],
        answer_form="number",
    )


def test_small_notations_read_as_written() -> None:
    judge(
        [
            ("\\boxed{\\text{sqrt}(7)}", "\\sqrt7", True),
            ("\\boxed{\\text{sqrt}(7)}", "\\sqrt6", False),
            ("\\boxed{4, 4}", "4", True),  # one value said twice
            ("\\boxed{4, 4}", "(4, 4)", True),
            ("\\boxed{4, 5}", "4", False),
            ("\\boxed{\\text{both } 3 \\text{ and } 4}", "3, 4", True),
            ("\\boxed{\\text{both } 3 \\text{ and } 5}", "3, 4", False),
            ("\\boxed{\\text{both } 3 \\text{ and } 4}", "3", False),
            ("The limit does not exist.", "\\text{DNE}", True),
            ("The limit probably does not exist.", "\\text{DNE}", False),
            ("The limit exists.", "\\text{DNE}", False),
            ("The limit does not exist.", "0", False),
        ]
    )
