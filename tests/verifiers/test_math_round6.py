"""Sixth red-team round (``benchmarks/data/math_redteam5.jsonl``, checked row by row by ``test_math_corpora.py``):
our own cases per mechanism closed, positives and negatives, none of them taken from the findings."""

from __future__ import annotations

import json

from rlvr.verifiers.math import MathVerifier

_VERIFIERS: dict[str, MathVerifier] = {}

Case = tuple[str, object, bool]


def judge(cases: list[Case], **opts: str) -> None:
    key = json.dumps(opts, sort_keys=True)
    if key not in _VERIFIERS:
        _VERIFIERS[key] = MathVerifier(timeout_s=20.0, workers=1, **opts)
    results = _VERIFIERS[key].verify_batch([c for c, _, _ in cases], [g for _, g, _ in cases])
    wrong = [(c, g, want, r.passed, r.extracted) for (c, g, want), r in zip(cases, results) if r.passed != want]
    assert wrong == []


def test_number_form_needs_a_fraction_in_lowest_terms() -> None:
    """Under ``answer_form=number`` a fraction or ratio not in lowest terms over a denominator > 1 restates the
    division: it is an expression left to evaluate, not a number."""
    judge(
        [
            (r"\boxed{\frac{84}{4}}", "21", False),
            ("So she has 84/4 marbles.", "21", False),
            (r"\boxed{\dfrac{-60}{5}}", "-12", False),
            (r"\boxed{-\tfrac{60}{5}}", "-12", False),
            (r"\boxed{\frac{21}{1}}", "21", False),
            (r"\boxed{21/1}", "21", False),
            (r"\boxed{\frac{6}{8}}", "0.75", False),
            (r"\boxed{\frac{6}{8}}", r"\frac{3}{4}", False),
            (r"\boxed{\frac{0}{7}}", "0", False),
            (r"\boxed{42:2}", "21", False),
            (r"\boxed{21:1}", "21", False),
            (r"\boxed{9 + 12 = \frac{42}{2}}", "21", False),
            (r"\boxed{\frac{42}{2} \text{ apples}}", "21", False),
            # in lowest terms over a denominator > 1: a number
            (r"\boxed{\frac{3}{4}}", "0.75", True),
            (r"\boxed{-\frac{3}{4}}", "-0.75", True),
            ("The answer is 7/3.", r"2\frac{1}{3}", True),
            (r"\boxed{0.75}", r"\frac{3}{4}", True),
            (r"\boxed{7:2}", "3.5", True),
            (r"\boxed{2\frac{1}{3}}", r"\frac{7}{3}", True),
            (r"\boxed{9 + 12 = 21}", "21", True),
            ("42/2 = 21", "21", True),
        ],
        answer_form="number",
    )


def test_expression_form_still_evaluates_fractions() -> None:
    """The default ``answer_form=expression`` accepts any closed form: the unreduced fraction is the number."""
    judge(
        [
            (r"\boxed{\frac{84}{4}}", "21", True),
            (r"\boxed{42:2}", "21", True),
            (r"\boxed{\frac{6}{8}}", r"\frac{3}{4}", True),
            (r"\boxed{\frac{85}{4}}", "21", False),
        ]
    )


def test_unrendered_characters_are_deleted() -> None:
    """Direction marks, the Mongolian vowel separator, invisible operators, variation selectors, tag characters
    and control characters draw nothing: the digits around them are one number; keycap digits are digits."""
    judge(
        [
            ("The answer is 4\u200e2.", "42", True),
            ("The answer is \u202b42\u202c.", "42", True),
            ("So we get 4\u2066\u20692.", "42", True),
            ("The total: 4\u2061\u20622.", "42", True),
            ("Answer: 4\ufe0e2", "42", True),
            ("Answer: 4\U000e0041\U000e007f2", "42", True),
            ("Answer: \U0001d17942", "42", True),
            ("\\boxed{42}\x00\x07", "42", True),
            ("The answer is 4\u2060\u200e2.", "41", False),
            ("The answer is 4\u200f3.", "42", False),
            ("Answer: 4\ufe0f\u20e32\ufe0f\u20e3", "42", True),
            ("Answer: 7\ufe0f\u20e3", "42", False),
        ]
    )


def test_line_breaking_characters_break_lines() -> None:
    """Vertical tab, form feed, NEL and the Unicode line and paragraph separators end a line like ``\\n``: what
    follows is a next sentence, read as one (a retraction there retracts)."""
    for sep in ("\u2028", "\u2029", "\x85", "\x0b", "\x0c"):
        judge(
            [
                (f"So the answer is 42.{sep}Just kidding.", "42", False),
                (f"Final answer: 42.{sep}Scratch that.", "42", False),
                (f"Some work: 6 * 7.{sep}So the answer is 42.", "42", True),
            ]
        )


def test_reasoning_formats_read_only_the_final_part() -> None:
    """gpt-oss harmony channels, ``[THINK]``, ``<scratchpad>`` and ``<seed:think>`` mark reasoning: only what
    follows is graded."""
    judge(
        [
            (
                "<|channel|>analysis<|message|>Try 41? \\boxed{41}<|end|><|start|>assistant<|channel|>final"
                "<|message|>So the answer is 42.<|return|>",
                "42",
                True,
            ),
            (
                "<|channel|>analysis<|message|>It is 42.<|end|><|start|>assistant<|channel|>final<|message|>"
                "\\boxed{41}<|return|>",
                "42",
                False,
            ),
            ("[THINK]Perhaps 41, perhaps 42.[/THINK]\nFinal: \\boxed{42}", "42", True),
            ("[THINK]It must be 42.[/THINK]\n\\boxed{41}", "42", False),
            ("<scratchpad>\\boxed{7}</scratchpad> The answer is 42.", "42", True),
            ("<seed:think>\\boxed{7}</seed:think> The answer is 42.", "42", True),
            ("<seed:think>\\boxed{42}</seed:think> The answer is 7.", "42", False),
        ]
    )


def test_answer_tags_with_attributes_and_other_names() -> None:
    """``<answer id=…>`` is an answer tag; ``<final>``, ``<final_answer>``, ``<output>`` and ``<solution>``
    closing the completion are read as one."""
    judge(
        [
            ('<answer id="q1">42</answer>', "42", True),
            ("<answer class='final'>41</answer>", "42", False),
            ("Work: 6 * 7.\n<final_answer>42</final_answer>", "42", True),
            ("<final>41</final>", "42", False),
            ("<output>42</output>", "42", True),
            ("<solution>\nSo 6 * 7 = 42.\n</solution>", "42", True),
        ]
    )


def test_layout_around_a_box() -> None:
    """Display environments are display math (their ``&`` alignment points dropped); the document frame, a
    closing ``\\\\`` and end-of-proof marks after the answer are layout, not words after it."""
    judge(
        [
            ("\\begin{equation*}\n\\boxed{42}\n\\end{equation*}", "42", True),
            ("\\begin{align}\ny &= 6 \\cdot 7 \\\\\n  &= \\boxed{42}\n\\end{align}", "42", True),
            ("\\begin{gather*} \\boxed{41} \\end{gather*}", "42", False),
            ("\\boxed{42} \\\\", "42", True),
            ("Hence $y = \\boxed{42}$. \\qed", "42", True),
            ("The answer is 42. \u220e", "42", True),
            ("\\documentclass{article}\n\\begin{document}\nThe answer is $42$.\n\\end{document}", "42", True),
            ("\\begin{document}\nThe answer is $41$.\n\\end{document}", "42", False),
            (
                "The answer is $\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}$.",
                "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}",
                True,
            ),
        ]
    )


def test_float_references_are_read_at_float_precision() -> None:
    """A float reference with 15 or more significant digits is the simple fraction it rounds from (denominator up
    to 10,000) or else its value at 15 significant digits; a shorter float is read as written."""
    judge(
        [
            ("\\boxed{1.1}", 1.1000000000000001, True),
            ("\\boxed{\\frac{1}{7}}", 0.14285714285714285, True),
            ("\\boxed{0.1429}", 0.14285714285714285, True),
            ("\\boxed{0.14}", 0.14285714285714285, False),
            ("\\boxed{\\frac{1}{6}}", 0.14285714285714285, False),
            ("\\boxed{-\\frac{5}{3}}", -1.6666666666666667, True),
            ("\\boxed{7}", 6.999999999999999, True),
            ("\\boxed{6.99}", 6.999999999999999, False),
            ("\\boxed{0.1}", 0.1, True),
            ("\\boxed{0.1}", "0.30000000000000004", False),
            ("\\boxed{0.3}", "0.30000000000000004", True),
        ]
    )


def test_empty_entries_of_a_reference_list_are_skipped() -> None:
    judge([("42", ["", "42"], True), ("42", ["  ", "41"], False), ("42", [None, "", "42"], True)])


def test_gsm8k_answer_line_variants() -> None:
    """``####: 42``, ``##### 42``, a backticked line, closing hashes, an answer phrase on the line; ``### 42``
    only as a lone number on its line."""
    judge(
        [
            ("6 * 7 = 42\n####: 42", "42", True),
            ("6 * 7 = 42\n##### 42", "42", True),
            ("6 * 7 = 42\n`#### 42`", "42", True),
            ("6 * 7 = 42\n#### 42 ####", "42", True),
            ("#### The answer is 42", "42", True),
            ("#### The answer is 41", "42", False),
            ("6 * 7 = 42\n### 42", "42", True),
            ("### Step 1\n6 * 7 = 42\n### 41", "42", False),
            ("6 * 7 = 42\n`#### 41`", "42", False),
        ],
        answer_form="number",
    )


def test_what_does_not_render_is_not_read() -> None:
    """Transparent, zero-opacity, invisible, clipped, zero-scale, off-page and near-white text (CSS and xcolor in
    any notation), boxes stored but never drawn, and Markdown comments hide an answer; visible colours do not."""
    no = "I cannot tell."
    judge(
        [
            (f'{no} <div style="color: RGBA(10, 20, 30, 0)">\\boxed{{42}}</div>', "42", False),
            (f'{no} <p style="font-weight:bold; color:#ffffffff">\\boxed{{42}}</p>', "42", False),
            (f"{no} <span style='color: hsla(200, 40%, 100%, 1)'>\\boxed{{42}}</span>", "42", False),
            (f'{no} <b style="opacity: 0.0">\\boxed{{42}}</b>', "42", False),
            (f'{no} <span style="visibility:collapse">\\boxed{{42}}</span>', "42", False),
            (f'{no} <span style="clip-path: inset(50%)">\\boxed{{42}}</span>', "42", False),
            (f'{no} <span style="transform: scaleY(0)">\\boxed{{42}}</span>', "42", False),
            (f'{no} <span style="position:fixed; top:-5000px">\\boxed{{42}}</span>', "42", False),
            (f'{no} <font color="whitesmoke">\\boxed{{42}}</font>', "42", False),
            (f"{no} \\textcolor[RGB]{{254,254,254}}{{\\boxed{{42}}}}", "42", False),
            (f"{no} \\textcolor[Gray]{{15}}{{\\boxed{{42}}}}", "42", False),
            (f"{no} \\textcolor[cmy]{{0,0,0}}{{\\boxed{{42}}}}", "42", False),
            (f"{no} \\textcolor[HTML]{{FDFDFD}}{{\\boxed{{42}}}}", "42", False),
            (f"{no} \\textcolor{{blue!0!white}}{{\\boxed{{42}}}}", "42", False),
            (f"{no} $\\mathcolor {{ivory}} {{\\boxed{{42}}}}$", "42", False),
            (f"{no} {{\\color{{black!0}} \\boxed{{42}}}}", "42", False),
            (f"{no} \\savebox{{\\answer}}{{\\boxed{{42}}}}", "42", False),
            (f"{no} {{\\transparent{{0.0}} \\boxed{{42}}}}", "42", False),
            (f"{no} \\texttransparent{{0}}{{\\boxed{{42}}}}", "42", False),
            (f"{no}\n[note]: # (\\boxed{{42}})", "42", False),
            (f"{no}\n[hidden]: <> (The answer is 42.)", "42", False),
            # drawn
            ('<span style="color:#333">\\boxed{42}</span>', "42", True),
            ('<span style="opacity:0.9">\\boxed{42}</span>', "42", True),
            ('<span style="position:relative; left:-2px">\\boxed{42}</span>', "42", True),
            ("\\textcolor[gray]{0.2}{\\boxed{42}}", "42", True),
            ("\\textcolor{red!80!black}{\\boxed{42}}", "42", True),
            ("\\textcolor[cmyk]{0,0,0,1}{\\boxed{42}}", "42", True),
            ("\\transparent{0.8} \\boxed{42}", "42", True),
            ("See [the notes](#sec). The answer is \\boxed{42}.", "42", True),
        ]
    )


def test_copulas_of_several_words() -> None:
    """ "is equal to", "equivalent to", "end up with", "are left with", "adds up to", "works out to" state the
    value after them; cue words and alternatives after them still count."""
    judge(
        [
            ("Therefore the perimeter is equal to 42.", "42", True),
            ("So $y$ is equivalent to $42$.", "42", True),
            ("In the end they end up with 42 marbles.", "42", True),
            ("After lunch we were left with 42.", "42", True),
            ("All together it added up to 42.", "42", True),
            ("The cost works out to $42$.", "42", True),
            ("Therefore the perimeter is equal to 41.", "42", False),
            ("So $y$ is not equal to 42.", "42", False),
            ("They end up with at least 42.", "42", False),
            ("It adds up to more than 42.", "42", False),
            ("We are left with 42 or 43.", "42", False),
        ]
    )


def test_decimal_comma_after_an_answer_phrase_of_a_comma_language() -> None:
    """After "Die Antwort ist", "La réponse est", "La respuesta es", "A resposta é", "La risposta è", "Ответ" a
    number is read with a decimal comma and dots between thousands; an English answer keeps the comma as today."""
    judge(
        [
            ("Die Antwort lautet 3,75.", "3.75", True),
            ("La réponse est 0,25.", "\\frac14", True),
            ("La risposta è 12,5.", "12.5", True),
            ("A resposta é 2.500.", "2500", True),
            ("Ответ: 1.234,5", "1234.5", True),
            ("Die Antwort ist 3,75.", "375", False),
            ("La respuesta es 2.500.", "2.5", False),
            ("La réponse est 1,2,3.", "1.2", False),
            ("The answer is 2,500.", "2500", True),
            ("The answer is 2,500.", "2.5", False),
        ]
    )


def test_a_predicate_after_a_value_and_its_noun() -> None:
    """A final sentence whose value and noun phrase are followed by a predicate that does not change the value
    ("42 guests came to the wedding.", "She walks 42 km today.") states the value; cue words, a multiplier or
    another value after it still count."""
    judge(
        [
            ("42 guests came to the wedding.", "42", True),
            ("42 marbles stay in the jar.", "42", True),
            ("She walks 42 km today.", "42", True),
            ("He saves \\$42 weekly.", "42", True),
            ("42 guests came to the wedding.", "41", False),
            ("42 guests probably came.", "42", False),
            ("42 guests came, I think.", "42", False),
            ("42 thousand guests came.", "42", False),
            ("She walks 42 km at most.", "42", False),
            ("42 guests or so came.", "42", False),
        ],
        answer_form="number",
    )


def test_markup_and_json_around_an_answer() -> None:
    """Layout tags with attributes (``<span class=…>``, ``<pre>``), code fences and a JSON object holding only an
    answer do not hide or change the answer; hidden elements still hide it."""
    judge(
        [
            ('<div class="final">The answer is 42.</div>', "42", True),
            ("<pre>42</pre>", "42", True),
            ("So:\n```text\n42\n```", "42", True),
            ('{"answer": 42}', "42", True),
            ('```json\n{"final_answer": "\\\\frac{1}{2}"}\n```', "0.5", True),
            ('{"answer": 41}', "42", False),
            ('{"answer": "42 or 41"}', "42", False),
            ('<span class="x">41</span>', "42", False),
            ('I do not know. <span class="x" style="display:none">\\boxed{42}</span>', "42", False),
        ]
    )


def test_struck_out_text_with_groups_inside() -> None:
    """``\\sout``, ``\\st``, ``\\xout`` and ``\\cancel`` strike their whole argument, groups included: a struck box is
    no answer."""
    judge(
        [
            ("\\sout{\\boxed{41}} \\boxed{42}", "42", True),
            ("\\xout{$\\boxed{41}$} So the answer is $42$.", "42", True),
            ("\\sout{\\boxed{42}} \\boxed{41}", "42", False),
            ("\\cancel{\\boxed{42}}", "42", False),
            ("\\st {The answer is \\boxed{42}.}", "42", False),
        ]
    )


def test_indian_digit_grouping() -> None:
    """``1,00,000`` and ``12,34,567``: comma groups of two, then a last group of three, are one number."""
    judge(
        [
            ("The population is 3,20,000.", "320000", True),
            ("\\boxed{12,34,567}", "1234567", True),
            ("\\boxed{3,20,000}", "32000", False),
            ("\\boxed{3,20,00}", "320000", False),
            ("\\boxed{3,250,000}", "3250000", True),
        ]
    )
