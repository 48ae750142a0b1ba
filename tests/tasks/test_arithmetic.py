"""The arithmetic task: exact problem space, disjoint splits, checkable steps, determinism."""

from __future__ import annotations

import pytest

from rlvr.rl_core.models import tiny_tokenizer
from rlvr.tasks.arithmetic import ArithmeticTask, Problem


def test_level1_space_split_and_prompt() -> None:
    t = ArithmeticTask(level=1, cache=False)
    assert t.space_size() == 20 * 20 * 2 + 9 * 9 == 881
    train, ev = t.examples("train"), t.examples("eval")
    assert (len(train), len(ev)) == (581, 300)
    assert not {e.id for e in train} & {e.id for e in ev}
    assert len({e.id for e in train} | {e.id for e in ev}) == 881
    e = ev[0]
    a, op, b = e.meta["expression"].split()
    assert e.prompt == f"What is {a} {op} {b}? Answer with just the number."
    assert int(e.reference) == {"+": int(a) + int(b), "-": int(a) - int(b), "*": int(a) * int(b)}[op]
    if op == "*":
        assert 1 <= int(a) <= 9 and 1 <= int(b) <= 9
    else:
        assert 1 <= int(a) <= 20 and 1 <= int(b) <= 20


def _op_counts(examples) -> dict[str, int]:
    ops = [e.meta["ops"][0] for e in examples]
    return {op: ops.count(op) for op in "+-*"}


def test_level1_eval_follows_the_generator_not_the_space() -> None:
    # The generator picks the operation first: the 81-problem * table is a third of the draws, so it fills
    # ~66 of 300 distinct eval problems (the chance of a given * problem being drawn is 1 - (1 - 1/243)^n);
    # a uniform subset of the 881 problems would hold ~28. Train keeps every other problem.
    t = ArithmeticTask(level=1, cache=False)
    ev, train = t.examples("eval"), t.examples("train")
    counts = _op_counts(ev)
    assert sum(counts.values()) == 300 and counts["*"] >= 50 and min(counts["+"], counts["-"]) >= 80
    assert _op_counts(train)["*"] == 81 - counts["*"]
    uniform = ArithmeticTask(level=1, eval_sampling="uniform", cache=False)
    u_ev, u_train = uniform.examples("eval"), uniform.examples("train")
    assert _op_counts(u_ev)["*"] < 45
    assert (len(u_train), len(u_ev)) == (581, 300)
    assert not {e.id for e in u_train} & {e.id for e in u_ev}


def test_problem_steps_and_precedence_rendering() -> None:
    p = Problem(3, (("+", 4), ("*", 2), ("-", 5)))
    assert p.steps() == [7, 14, 9]
    assert p.text() == "(3 + 4) * 2 - 5"
    assert Problem(3, (("*", 4), ("+", 2))).text() == "3 * 4 + 2"
    assert Problem(3, (("-", 4), ("-", 2))).text() == "3 - 4 - 2"  # left to right = standard precedence


@pytest.mark.parametrize("level", [2, 3, 4])
def test_multistep_levels_are_disjoint_and_steps_check(level: int) -> None:
    t = ArithmeticTask(level=level, n_train=500, n_eval=100, cache=False)
    train, ev = t.examples("train"), t.examples("eval")
    assert len(ev) == 100 and len(train) == 500
    assert not {e.meta["expression"] for e in train} & {e.meta["expression"] for e in ev}
    for e in list(ev)[:50]:
        assert len(e.meta["steps"]) == t.num_ops == level
        # each step is the evaluation of the prefix of the chain
        expr = e.meta["expression"]
        assert eval(expr) == e.meta["steps"][-1] == int(e.reference)  # our own generated text


def test_deterministic_and_cached_roundtrip(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RLVR_CACHE", str(tmp_path))
    a = ArithmeticTask(level=1, seed=3).examples("eval")
    b = ArithmeticTask(level=1, seed=3).examples("eval")  # second load comes from the datasets cache
    assert list(a) == list(b)
    assert any((tmp_path / "datasets").iterdir())
    c = ArithmeticTask(level=1, seed=4, cache=False).examples("eval")
    assert [e.id for e in a] != [e.id for e in c]


def test_bad_config_names_the_field() -> None:
    with pytest.raises(ValueError, match="level"):
        ArithmeticTask(level=9)
    with pytest.raises(ValueError, match="ops"):
        ArithmeticTask(ops=["/"])
    with pytest.raises(ValueError, match="n_eval"):
        ArithmeticTask(level=1, n_eval=881)
    with pytest.raises(ValueError, match="eval_sampling"):
        ArithmeticTask(eval_sampling="stratified")
    with pytest.raises(ValueError, match="split"):
        ArithmeticTask(cache=False).examples("test")


def test_plain_prompt_without_chat_template() -> None:
    t = ArithmeticTask(cache=False, plain_template="Q: {prompt}\nA:")
    e = t.examples("eval")[0]
    assert t.render_prompt(e, tiny_tokenizer()) == f"Q: {e.prompt}\nA:"


def test_restating_the_question_earns_nothing() -> None:
    # The main job's reward hack: "What is 16 + 7?" answered "16 + 7". Over every held-out problem, the
    # question's expression (as written, boxed, or as an equation) fails and the number passes.
    t = ArithmeticTask(level=2, n_eval=200, cache=False)
    ev = t.examples("eval")
    forms = [
        lambda e: e.meta["expression"],
        lambda e: f"\\boxed{{{e.meta['expression']}}}",
        lambda e: f"x = {e.meta['expression']}",
    ]
    echoes = [f(e) for e in ev for f in forms]
    results = t.verifier.verify_batch(echoes, [e.reference for e in ev for _ in forms])
    assert [c for c, r in zip(echoes, results) if r.passed] == []
    right = t.verifier.verify_batch([f"{e.meta['expression']} = {e.reference}" for e in ev], [e.reference for e in ev])
    assert all(r.passed for r in right)


def test_verifier_args_override_the_task_default() -> None:
    assert ArithmeticTask(cache=False).verifier.options.answer_form == "number"
    t = ArithmeticTask(cache=False, verifier_args={"answer_form": "expression"})
    assert t.verifier.verify("16 + 7", "23").passed is True
