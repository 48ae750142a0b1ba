"""The format verifier: think-then-answer structure, configurable tags, prefilled think."""

from __future__ import annotations

import pytest

from rlvr.verifiers.base import get_verifier
from rlvr.verifiers.format import FormatVerifier

GOOD = [
    "<think>reasoning</think><answer>42</answer>",
    "  <think>\nstep 1\nstep 2\n</think>\n\n<answer> 42 </answer>\n",
    "<think></think><answer>x</answer>",
    "< think >a</ think ><answer>1</answer>",
]
BAD = [
    ("<think>a</think>so<answer>1</answer>", "outside"),
    ("intro <think>a</think><answer>1</answer>", "outside"),
    ("<think>a</think><answer>1</answer> bye", "outside"),
    ("<think>a</think><answer>  \n </answer>", "empty"),
    ("<think>a</think>", "answer"),
    ("<answer>1</answer>", "think"),
    ("<think>a</think><answer>1</answer><answer>2</answer>", "answer"),
    ("<think>a</think><think>b</think><answer>1</answer>", "think"),
    ("<think>a<answer>1</answer></think>", "nested"),
    ("<answer>1</answer><think>a</think>", "order"),
    ("<think>a</think><answer>1<think>b</think></answer>", "think"),
    ("<think>a</think><answer>1", "answer"),
    ("", "think"),
]


@pytest.mark.parametrize("text", GOOD)
def test_good(text: str) -> None:
    r = FormatVerifier().verify(text, None)
    assert (r.passed, r.score, r.status) == (True, 1.0, "ok")


@pytest.mark.parametrize(("text", "why"), BAD)
def test_bad(text: str, why: str) -> None:
    r = FormatVerifier().verify(text, None)
    assert (r.passed, r.score, r.status) == (False, 0.0, "ok")
    assert why in r.details["reason"]


def test_extracted_answer() -> None:
    assert FormatVerifier().verify("<think>a</think><answer> 7 </answer>", None).extracted == "7"


def test_custom_tags() -> None:
    v = FormatVerifier(think_tag="reasoning", answer_tag="solution")
    assert v.verify("<reasoning>r</reasoning><solution>s</solution>", None).passed
    assert not v.verify("<think>r</think><answer>s</answer>", None).passed


def test_prefilled_think() -> None:
    v = get_verifier("format", prefilled_think=True)
    assert v.verify("step one</think>\n<answer>5</answer>", None).passed
    assert not v.verify("<think>a</think><answer>5</answer>", None).passed
    assert not v.verify("a</think>x<answer>5</answer>", None).passed
    assert not FormatVerifier().verify("step one</think><answer>5</answer>", None).passed


@pytest.mark.parametrize("kwargs", [{"think_tag": "a b"}, {"answer_tag": ""}, {"think_tag": "x", "answer_tag": "x"}])
def test_bad_config(kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        FormatVerifier(**kwargs)


def test_non_string_completion() -> None:
    assert FormatVerifier().verify(None, None).status == "error"  # type: ignore[arg-type]
