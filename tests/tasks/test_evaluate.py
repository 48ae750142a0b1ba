"""pass@k, maj@k, avg@n and their standard errors: exact numbers; sample records."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from rlvr.tasks.evaluate import (
    SampleGroup,
    aggregate,
    canonical_answer,
    majority_vote,
    mean_and_se,
    parse_ks,
    pass_at_k,
    read_sample_records,
)


def exact_pass_at_k(n: int, c: int, k: int) -> Fraction:
    return 1 - Fraction(math.comb(n - c, k), math.comb(n, k))


@pytest.mark.parametrize(
    ("n", "c", "k", "want"),
    [
        (5, 2, 1, 0.4),
        (5, 2, 2, 0.7),
        (5, 2, 3, 0.9),
        (5, 2, 4, 1.0),
        (10, 0, 5, 0.0),
        (1, 1, 1, 1.0),
    ],
)
def test_pass_at_k_hand_values(n: int, c: int, k: int, want: float) -> None:
    assert pass_at_k(n, c, k) == pytest.approx(want, abs=1e-15)


def test_pass_at_k_matches_binomial_form_everywhere() -> None:
    for n in range(1, 25):
        for c in range(n + 1):
            for k in range(1, n + 1):
                assert pass_at_k(n, c, k) == pytest.approx(float(exact_pass_at_k(n, c, k)), abs=1e-12)


def test_pass_at_k_is_stable_for_large_n() -> None:
    # C(2000, 1000) overflows a float; the product form does not
    assert pass_at_k(2000, 1, 1) == pytest.approx(1 / 2000, rel=1e-12)
    assert pass_at_k(2000, 3, 100) == pytest.approx(float(exact_pass_at_k(2000, 3, 100)), rel=1e-10)


def test_pass_at_k_rejects_k_above_n_and_bad_counts() -> None:
    with pytest.raises(ValueError, match="at least 5 samples"):
        pass_at_k(4, 1, 5)
    with pytest.raises(ValueError):
        pass_at_k(4, 5, 1)


def test_mean_and_se() -> None:
    m, se = mean_and_se([1.0, 0.0, 0.0, 1.0])
    assert m == 0.5
    assert se == pytest.approx(math.sqrt(1 / 12), abs=1e-15)  # var (ddof=1) = 1/3, over n=4
    assert math.isnan(mean_and_se([0.3])[1])


def test_canonical_answer_and_majority_vote() -> None:
    assert canonical_answer(" 7.0 ") == canonical_answer("7") == canonical_answer("0.7e1") == "7"
    assert canonical_answer("1,000") == canonical_answer("7,000/7") == "1000"
    assert canonical_answer("7.5") == canonical_answer("15/2") == canonical_answer("+750e-2") == "15/2"
    assert canonical_answer("-0.0") == canonical_answer("0") == "0"
    assert canonical_answer("x = 2") == "x = 2"
    assert canonical_answer("1/0") == "1/0"
    assert canonical_answer("   ") is None
    assert majority_vote(["7", "7.0", "8"], [True, True, False]) == 1.0
    assert majority_vote([None, None, "5"], [False, False, True]) == 1.0  # no-answers do not vote
    assert majority_vote([None], [False]) == 0.0


@pytest.mark.parametrize(
    ("answers", "passed", "want"),
    [
        (["8", "7"], [False, True], 0.5),  # a tie: the expected value of a random tie-break
        (["7", "7.0", "8", "8"], [True, False, False, False], 0.25),  # 7 scores 1/2, 8 scores 0
        (["7", "7.0", "7", "8"], [False, True, True, False], 2 / 3),  # equal answers judged differently
    ],
)
def test_majority_vote_does_not_depend_on_sample_order(answers, passed, want) -> None:
    import itertools

    for perm in itertools.permutations(range(len(answers))):
        assert majority_vote([answers[i] for i in perm], [passed[i] for i in perm]) == pytest.approx(want)


#: model answers as Python expressions (built in the subprocess: some are 200 000 characters long)
HOSTILE = [
    "'1e999999999'",
    "'-1.5E+999999999'",
    "'1e-999999999'",
    "'.5e999999999'",
    "'9' * 200_000",
    "'1/' + '3' * 200_000",
    "'3' * 200_000 + '/7'",
    "'1e' + '9' * 200_000",
    "'0.' + '0' * 200_000 + '1'",
]


def test_canonical_answer_never_builds_a_huge_number() -> None:
    """Model text reaches canonical_answer through maj@k: numbers with huge exponents or digit counts key
    exactly without being expanded (here in a subprocess with a time limit, so a regression fails, not hangs)."""
    import subprocess
    import sys

    code = (
        "import time\n"
        "from rlvr.tasks.evaluate import canonical_answer, majority_vote\n"
        f"hostile = [{', '.join(HOSTILE)}]\n"
        "t0 = time.perf_counter()\n"
        "keys = [canonical_answer(h) for h in hostile]\n"
        "assert canonical_answer('10e999999998') == keys[0] == '1e999999999'\n"
        "assert canonical_answer('-15e999999998') == keys[1] != keys[0]\n"
        "assert canonical_answer('5e999999998') == keys[3]\n"
        "assert canonical_answer('0.1e-999999998') == keys[2]\n"
        "assert canonical_answer('1e1000') == str(10**1000) and canonical_answer('1e1001') == '1e1001'\n"
        "assert majority_vote(hostile + ['1e999999999'], [False] * len(hostile) + [True]) == 0.5\n"
        "print(time.perf_counter() - t0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert float(out.stdout) < 2.0  # measured ~0.05 s; the old Fraction(s) ran for minutes on the first


def test_aggregate_exact_numbers() -> None:
    groups = {
        "a": SampleGroup([True, True, False, False], ["7", "7", "8", "8"]),
        "b": SampleGroup([False, False, False, True], ["1", "1", "2", "3"]),
    }
    m = aggregate(groups, [1, 2, 4])
    # pass@1: (2/4 + 1/4) / 2; pass@2: a: 1 - C(2,2)/C(4,2) = 5/6, b: 1 - C(3,2)/C(4,2) = 1/2
    assert m["pass@1"].value == pytest.approx(0.375)
    assert m["pass@2"].value == pytest.approx((5 / 6 + 1 / 2) / 2)
    assert m["pass@4"].value == 1.0
    assert m["pass@1"].stderr == pytest.approx(math.sqrt(((0.5 - 0.375) ** 2 + (0.25 - 0.375) ** 2) / 1 / 2))
    # maj@2 chunks a: [7,7]->pass, [8,8]->fail = 0.5; b: [1,1]->fail, [2,3] a tie of a fail and a pass = 0.25
    assert m["maj@2"].value == pytest.approx(0.375)
    # maj@4 a: tie 7 (passes) vs 8 (fails) -> 0.5; b: 1 wins, fails
    assert m["maj@4"].value == pytest.approx(0.25)
    assert m["avg@4"].value == pytest.approx(0.375)


def test_k_above_a_tasks_sample_count_is_reported_not_estimated() -> None:
    groups = {"a": SampleGroup([True] * 10), "b": SampleGroup([False] * 3)}
    m = aggregate(groups, [1, 5], majority=False)
    assert m["pass@1"].value == pytest.approx(0.5)
    assert m["pass@5"].value is None
    assert "1 of 2 tasks have fewer than 5 samples" in m["pass@5"].reason
    assert m["avg@3-10"].value == pytest.approx(0.5)


def test_parse_ks() -> None:
    assert parse_ks("10, 1,5,1") == [1, 5, 10]
    for bad in ("0", "1,x", "", "-1"):
        with pytest.raises(ValueError):
            parse_ks(bad)


def test_read_sample_records_groups_and_rejects_bad_lines() -> None:
    lines = ['{"task_id": "t1", "passed": true}', "", '{"task_id": 2, "passed": 0, "extracted": "4"}']
    g = read_sample_records(lines)
    assert g["t1"].passed == [True] and g["2"].passed == [False] and g["2"].answers == ["4"]
    with pytest.raises(ValueError, match=r"f:2: not valid JSON"):
        read_sample_records(['{"task_id": "a", "passed": true}', "{oops"], "f")
    with pytest.raises(ValueError, match=r"f:1: field 'passed'"):
        read_sample_records(['{"task_id": "a", "passed": "yes"}'], "f")
    with pytest.raises(ValueError, match=r"f:1: field 'task_id'"):
        read_sample_records(['{"passed": true}'], "f")
