"""compose (train on one task, evaluate on another) and the code tasks judged by the real code verifier."""

from __future__ import annotations

from pathlib import Path

import pytest

from rlvr.rl_core.models import tiny_tokenizer
from rlvr.tasks import get_task

CONFIGS = Path(__file__).resolve().parents[2] / "configs"


def test_compose_routes_splits_and_prompts() -> None:
    t = get_task("compose", train={"name": "codegen"}, eval={"name": "humaneval"})
    assert t.name == "codegen->humaneval"
    train, ev = t.examples("train"), t.examples("eval")
    assert len(ev) == 164 and train[0].id.startswith("codegen-")
    tok = tiny_tokenizer()
    assert t.render_prompt(ev[0], tok) == ev[0].reference["prompt"]  # humaneval's completion-mode prompt
    assert t.render_prompt(train[0], tok).startswith("Write a Python function")
    with pytest.raises(ValueError, match="verifier 'code' but eval uses 'math'"):
        get_task("compose", train={"name": "codegen"}, eval={"name": "gsm8k"})
    with pytest.raises(ValueError, match="compose: eval must be a mapping"):
        get_task("compose", train={"name": "codegen"}, eval="humaneval")


def test_code_tasks_canonical_solutions_pass_the_code_verifier() -> None:
    he = get_task("humaneval")
    ex = list(he.examples("eval"))[:2]
    whole = [f"```python\n{e.reference['prompt']}{e.meta['canonical_solution']}\n```" for e in ex]
    body = [e.meta["canonical_solution"] for e in ex]  # continuation of the prompt (completion mode)
    cg = get_task("codegen")
    cx = list(cg.examples("eval"))[:2]
    comps = whole + body + [f"```python\n{e.meta['solution']}```" for e in cx] + ["def f(x):\n    return None\n"]
    refs = [e.reference for e in ex] * 2 + [e.reference for e in cx] + [cx[0].reference]
    results = he.verifier.verify_batch(comps, refs)
    assert [r.passed for r in results] == [True] * 6 + [False]


@pytest.mark.parametrize("name", ["default", "smollm2_gsm8k", "humaneval_code"])
def test_shipped_configs_load(name: str) -> None:
    from rlvr.rl_core.builders import load_task
    from rlvr.rl_core.config import load_config

    cfg = load_config(CONFIGS / f"{name}.yaml")
    assert cfg.model.name == "smollm2" and cfg.sampling.dynamic
    assert len(load_task(cfg).examples("eval")) > 0
