"""The twelfth round's benign markup (docs/verifiers.md, "What known markup shows"): each form is read as what it
shows, so the answer beside it passes and words it shows are read; each with its hostile twin, the same markup
hiding the answer or showing a hedge."""

from __future__ import annotations

import time

from cpu_budget import cpu_limit
from redteam import Case, judge

from rlvr.verifiers.render_allowlist import shown_markup, without_faded

LEAD = "Multiplying 3 by 4 gives the product.\n\n"

TEX_EQUATIONS: list[Case] = [
    (LEAD + "\\begin{equation} y = \\boxed{12} \\tag{2.1} \\end{equation}", "12", True),
    (LEAD + "$$ y = \\boxed{12} \\tag{$\\dagger$} $$", "12", True),
    (LEAD + "\\begin{align} y &= \\boxed{12} \\label{eq:prod} \\notag \\end{align}", "12", True),
    (LEAD + "\\begin{equation} y = \\boxed{12} \\nonumber \\end{equation}", "12", True),
    (LEAD + "\\begin{equation} y = \\boxed{12} \\tag{or 13} \\end{equation}", "12", False),
    (LEAD + "$$ y = \\boxed{12} \\tag*{maybe 13} $$", "12", False),
    (LEAD + "\\begin{equation} y = \\boxed{12} \\label{or 13} \\end{equation}", "12", True),  # a label shows nothing
]
TEX_FONTS_AND_BOXES: list[Case] = [
    (LEAD + "The product is \\uwave{12}.", "12", True),
    (LEAD + "The product is \\textup{12}.", "12", True),
    (LEAD + "The product is \\uline{12 or 13}.", "12", False),
    (LEAD + "The product is \\makebox[2cm][c]{12}.", "12", True),
    (LEAD + "The product is \\framebox[0pt]{12}.", "12", False),  # no room: drawn over its neighbours
    (LEAD + "The product is \\scalebox{2}{$\\boxed{12}$}.", "12", True),
    (LEAD + "The product is $\\boxed{12}$ \\scalebox{0}{(or 13)}.", "12", True),  # scaled to nothing: hidden
    (LEAD + "The product is \\scalebox{0}{$\\boxed{12}$}.", "12", False),
    (LEAD + "The product is \\raisebox{-1pt}{$\\boxed{12}$}.", "12", True),
    (LEAD + "The product is \\raisebox{3pt}{$\\boxed{12}$ or 13}.", "12", False),
    (LEAD + "The product is \\rotatebox{360}{$\\boxed{12}$}.", "12", True),
    (LEAD + "The product is $\\boxed{12}$ \\rotatebox{90}{(or 13)}.", "12", False),  # rotated text still shows
    (LEAD + "\\resizebox{!}{12pt}{$\\boxed{12}$}", "12", True),
    (LEAD + "\\resizebox{1pt}{!}{$\\boxed{12}$}", "12", False),
    (LEAD + "$\\boxed{12}$ \\resizebox{3cm}{!}{(or 13)}", "12", False),
    (LEAD + "$\\enclose{roundedbox}{12}$", "12", True),
]
TEX_RELATIONS: list[Case] = [
    (LEAD + "$y \\overset{\\text{def}}{=} \\boxed{12}$", "12", True),
    (LEAD + "$y \\stackrel{\\text{(ii)}}{=} \\boxed{12}$", "12", True),
    (LEAD + "$3 \\cdot 4 \\xRightarrow{\\text{multiply}} \\boxed{12}$", "12", True),
    (LEAD + "$y \\overset{\\text{or 13}}{=} \\boxed{12}$", "12", False),
    (LEAD + "$y \\stackrel{?}{=} \\boxed{12}$", "12", False),
    (LEAD + "$3 \\cdot 4 \\xrightarrow{\\text{probably}} \\boxed{12}$", "12", False),
    (LEAD + "$y = \\boxed{12}\\rlap{\\quad\\text{(final)}}$", "12", True),
    (LEAD + "$y = \\boxed{12}\\mathrlap{\\quad\\text{(or 13)}}$", "12", False),
    (LEAD + "$y = \\mathllap{13}\\boxed{12}$", "12", False),  # drawn over what precedes it
]
TEX_LAYOUT: list[Case] = [
    (LEAD + "The product is $\\mspace{4mu}\\boxed{12}$.", "12", True),
    (LEAD + "The product is $\\boxed{12}$. \\vspace*{1em}", "12", True),
    (LEAD + "The product is $\\boxed{12}$.\\\\[1ex] \\rule{5cm}{1pt}", "12", True),
    (LEAD + "{\\raggedright The product is $\\boxed{12}$.\\par}", "12", True),
    (LEAD + "\\begin{verse}The product is $\\boxed{12}$, or maybe 13.\\end{verse}", "12", False),
    (LEAD + "\\begin{verse}The product is $\\boxed{12}$.\\end{verse}", "12", True),
    (LEAD + "\\begin{empheq}[box=\\fbox]{equation} y = \\boxed{12} \\end{empheq}", "12", True),
    (LEAD + "The product is $\\boxed{12}$.\\\\[2pt] Or maybe 13.", "12", False),
]
HTML: list[Case] = [
    (LEAD + 'The product is <output name="p">12</output>.', "12", True),
    (LEAD + 'The product is <data value="13">12</data>.', "12", True),  # the value is not shown
    (LEAD + 'The product is <data value="12">13</data>.', "12", False),
    (LEAD + "The product is <q>12</q>.", "12", True),
    (LEAD + "The product is <q>12, or 13</q>.", "12", False),
    (LEAD + "The product is 12<wbr>.", "12", True),
    (LEAD + "The product is <nobr>12 or 13</nobr>.", "12", False),
    (LEAD + 'The product is <bdo dir="ltr">12</bdo>.', "12", True),
    (LEAD + 'The product is <bdo dir="rtl">21</bdo>.', "12", False),
    (LEAD + "<hgroup>The product is 12.</hgroup>", "12", True),
    (LEAD + "<address>The product is 12, I think.</address>", "12", False),
    (LEAD + "The product is <math><mrow><mn>12</mn></mrow></math>.", "12", True),
    (LEAD + 'The product is <math display="block"><mn>12</mn></math>', "12", True),
    (LEAD + "The product is <math><mn>12</mn><mtext> or 13</mtext></math>.", "12", False),
    (LEAD + 'The product is <svg width="60" height="24"><text x="2" y="18">12</text></svg>.', "12", True),
    (LEAD + 'The product is <svg width="60" height="24"><text x="900" y="18">12</text></svg>.', "12", False),
    (LEAD + 'The product is <svg width="60" height="24"><text y="18" fill="none">12</text></svg>.', "12", False),
    (LEAD + 'The product is <svg width="160" height="24"><text y="18">12 or 13</text></svg>.', "12", False),
]
MARKDOWN: list[Case] = [
    (LEAD + "Result\n======\n\n$\\boxed{12}$", "12", True),
    (LEAD + "Guess\n-----\n\n$\\boxed{12}$", "12", False),
    (LEAD + "| Result |\n|:---:|\n| **12** |", "12", True),
    (LEAD + "| Guess |\n|---|\n| $\\boxed{12}$ |", "12", False),
    (LEAD + "The product is $\\boxed{12}$.[^n]\n\n[^n]: or maybe 13", "12", False),
    (LEAD + "The product is **12**, see [the table][t].\n\n[t]: https://example.com/table", "12", False),
    (LEAD + "The product is [12][p].\n\n[p]: https://example.com/p", "12", True),
    (LEAD + "**Product:** 12 :tada:", "12", True),
    (LEAD + "**Product:** 12 :thinking:", "12", False),
]
OPACITY: list[Case] = [
    (
        LEAD + "The product is $\\boxed{12}$ " + '<span style="opacity:0.2">' * 2 + "(or 13)" + "</span>" * 2,
        "12",
        True,
    ),  # 0.04: certainly invisible
    (
        LEAD + "The product is $\\boxed{12}$ " + '<span style="opacity:0.8">' * 2 + "(or 13)" + "</span>" * 2,
        "12",
        False,
    ),
    (LEAD + "The product is " + '<span style="opacity:0.1">' * 3 + "$\\boxed{12}$" + "</span>" * 3, "12", False),
    (
        LEAD
        + "The product is $\\boxed{12}$ <style>span{opacity:1!important}</style>"
        + '<span style="opacity:0.2">' * 2
        + "(or 13)"
        + "</span>" * 2,
        "12",
        False,
    ),  # a sheet could show it
]


def test_tex_equation_tags_and_labels() -> None:
    judge(TEX_EQUATIONS)


def test_tex_fonts_and_boxes() -> None:
    judge(TEX_FONTS_AND_BOXES)


def test_tex_relations_and_overlaps() -> None:
    judge(TEX_RELATIONS)


def test_tex_layout() -> None:
    judge(TEX_LAYOUT)


def test_html_elements() -> None:
    judge(HTML)


def test_markdown_forms() -> None:
    judge(MARKDOWN)


def test_nested_opacity_products() -> None:
    judge(OPACITY)


def test_shown_markup_and_faded_spans_are_linear() -> None:
    for chunk in (
        "\\tag{",
        "\\overset{a}{",
        "| a |\n|---|\n",
        "A\n---\n",
        "[^1]: x\n",
        "[a][b]",
        "<q>",
        "\\rlap{\\quad",
    ):
        text = chunk * (200_000 // len(chunk))
        t = time.process_time()  # CPU time: the machine may be shared
        shown_markup(text, "answer", frozenset({"b"}))
        assert time.process_time() - t < cpu_limit(2.0), chunk
    text = '<span style="opacity:0.5">' * 20_000
    t = time.process_time()  # CPU time: the machine may be shared
    without_faded(text, [], text)
    assert time.process_time() - t < cpu_limit(2.0)
