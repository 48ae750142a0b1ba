"""Reasoning-model prompts: chat-template keyword arguments (a Qwen3-style thinking switch) passed through to
``apply_chat_template``, a prefilled ``<think>`` scored by the format verifier's ``prefilled_think``, and the
prompt budget that leaves long prompts out."""

from __future__ import annotations

import logging

import pytest

from rlvr.rl_core.models import tiny_model
from rlvr.tasks.base import Example
from rlvr.tasks.dataset import drop_long_prompts, encode_prompt, render_chat
from rlvr.tasks.registry import get_task
from rlvr.verifiers.base import get_verifier
from rlvr.verifiers.combine import build_verifier

#: the shape of Qwen3's template: a thinking switch read from the template's keyword arguments
THINKING_TEMPLATE = (
    "{%- for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{%- endfor %}"
    "{%- if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}"
    "{%- if enable_thinking is defined and enable_thinking is false %}{{ '<think>\\n\\n</think>\\n\\n' }}{%- endif %}"
    "{%- endif %}"
)
#: the shape of DeepSeek-R1's newer template: it opens the think block itself
R1_TEMPLATE = "{%- for m in messages %}<|User|>{{ m['content'] }}{%- endfor %}{{ '<|Assistant|><think>\\n' }}"


@pytest.fixture()
def tok():
    _, t = tiny_model()
    t.chat_template = THINKING_TEMPLATE
    return t


def test_thinking_switch_reaches_the_template(tok) -> None:
    ex = Example("1", "What is 2+2?", "4")
    on = get_task("file", path="unused.jsonl", chat_template_kwargs={"enable_thinking": True})
    off = get_task("file", path="unused.jsonl", chat_template_kwargs={"enable_thinking": False})
    head = "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n"
    assert on.render_prompt(ex, tok) == head
    assert off.render_prompt(ex, tok) == head + "<think>\n\n</think>\n\n"
    # every built-in task takes the same settings, and the token ids follow the text
    arith = get_task("arithmetic", chat_template_kwargs={"enable_thinking": False})
    e = arith.examples("eval")[0]
    ids = encode_prompt(arith, e, tok)
    assert tok.decode(ids).endswith("<think>\n\n</think>\n\n") and ids[0] != tok.bos_token_id


def test_assistant_prefill_opens_the_think_block_once(tok) -> None:
    ex = Example("1", "What is 2+2?", "4")
    task = get_task("file", path="unused.jsonl", assistant_prefill="<think>\n")
    assert task.render_prompt(ex, tok).endswith("<|im_start|>assistant\n<think>\n")
    tok.chat_template = R1_TEMPLATE  # the template opens it already: not twice
    assert task.render_prompt(ex, tok) == "<|User|>What is 2+2?<|Assistant|><think>\n"
    tok.chat_template = None  # no template: the plain template, then the prefill
    assert render_chat("hi", tok, plain_template="Q: {prompt}\nA: ", assistant_prefill="<think>") == "Q: hi\nA: <think>"


def test_prefilled_think_completions_are_scored(tok) -> None:
    """A completion that starts inside the prefilled think block: the format verifier with prefilled_think
    passes it (and fails one that opens a second block); the math verifier reads the answer after </think>."""
    fmt = get_verifier("format", prefilled_think=True)
    good = "2 and 2 make 4.\n</think>\n<answer>4</answer>"
    assert fmt.verify(good).passed
    assert not fmt.verify("<think>again</think>\n<answer>4</answer>").passed
    assert not get_verifier("format").verify(good).passed  # without the switch the opening tag is missing
    assert get_verifier("math").verify("maybe 5? no: 4\n</think>\n<answer>4</answer>", "4").passed
    assert not get_verifier("math").verify("the answer is 4\n</think>\n<answer>5</answer>", "4").passed
    combined = build_verifier(
        {
            "components": [
                {"name": "math", "weight": 0.8},
                {"name": "format", "weight": 0.2, "kwargs": {"prefilled_think": True}},
            ]
        }
    )
    assert combined.verify(good, "4").score == pytest.approx(1.0)


def test_template_kwargs_are_checked(tok, caplog) -> None:
    with pytest.raises(ValueError, match="chat_template_kwargs may not set 'tokenize'"):
        get_task("file", path="x.jsonl", chat_template_kwargs={"tokenize": True})
    with pytest.raises(ValueError, match="chat_template_kwargs must be a mapping"):
        get_task("file", path="x.jsonl", chat_template_kwargs=["enable_thinking"])
    typo = get_task("file", path="x.jsonl", chat_template_kwargs={"enable_thinkng": False})
    with caplog.at_level(logging.WARNING, logger="rlvr.tasks.dataset"):
        for _ in range(3):
            typo.render_prompt(Example("1", "q", "a"), tok)
    warnings = [r.getMessage() for r in caplog.records if "not used by the tokenizer's chat template" in r.getMessage()]
    assert warnings == ["file: chat_template_kwargs ['enable_thinkng'] are not used by the tokenizer's chat template"]


def test_drop_long_prompts_leaves_out_what_exceeds_the_budget(tok, caplog) -> None:
    task = get_task("file", path="x.jsonl", plain_template="{prompt}")
    tok.chat_template = None
    examples = [Example(str(n), "x" * n, "1") for n in (3, 10, 30, 9)]  # the tiny tokenizer: one token per char
    with caplog.at_level(logging.WARNING, logger="rlvr.tasks.dataset"):
        kept = drop_long_prompts(task, examples, tok, 11)  # + BOS
    assert [e.id for e in kept] == ["3", "10", "9"]
    assert "1 of 4 prompts are longer than rollout.max_prompt_tokens=11 tokens" in caplog.text
    assert drop_long_prompts(task, examples, tok, None) == examples
    with pytest.raises(ValueError, match="rollout.max_prompt_tokens: every one of the 4 prompts is longer than 2"):
        drop_long_prompts(task, examples, tok, 2)
