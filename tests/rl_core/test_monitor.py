import logging

import pytest

from rlvr.rl_core.config import MonitorConfig
from rlvr.rl_core.monitor import PitfallMonitor


def _run(stream, **cfg):
    mon = PitfallMonitor(MonitorConfig(window=3, **cfg))
    return [mon.update(m) for m in stream], mon


def _healthy(i):
    return {
        "reward/mean": 0.1 + 0.01 * i,
        "length/mean": 20.0,
        "distinct_per_group": 0.9,
        "entropy": 1.5,
        "kl": 0.01,
        "grad_norm": 1.0,
    }


def test_healthy_stream_stays_quiet():
    out, _ = _run([_healthy(i) for i in range(20)])
    assert all(w == [] for w in out)


def test_reward_rising_while_length_explodes():
    stream = [dict(_healthy(i), **{"length/mean": 20.0 * (1.3**i)}) for i in range(10)]
    out, _ = _run(stream)
    assert out[4] == []  # fewer than 2 windows of history: no verdict
    assert any("length_explosion" in w for w in out[-1])


def test_length_growth_without_reward_gain_is_not_hacking():
    stream = [dict(_healthy(0), **{"reward/mean": 0.5 - 0.01 * i, "length/mean": 20.0 * (1.3**i)}) for i in range(10)]
    out, _ = _run(stream)
    assert not any("length_explosion" in w for ws in out for w in ws)


def test_mode_collapse():
    stream = [dict(_healthy(i), distinct_per_group=max(0.1, 1.0 - 0.15 * i)) for i in range(10)]
    out, _ = _run(stream)
    assert any("mode_collapse" in w for w in out[-1])


def test_entropy_collapse_relative_and_absolute():
    out, _ = _run([dict(_healthy(i), entropy=2.0 * 0.5**i) for i in range(10)])
    assert any("entropy_collapse" in w for w in out[-1])
    out, _ = _run([dict(_healthy(i), entropy=0.001) for i in range(3)])
    assert any("entropy_collapse" in w for w in out[-1])


def test_kl_runaway():
    out, _ = _run([dict(_healthy(i), kl=0.01 * 2**i) for i in range(10)])
    fired = [i for i, ws in enumerate(out) if any("kl_runaway" in w for w in ws)]
    assert fired and fired[0] >= 5
    out, _ = _run([dict(_healthy(i), kl=5.0) for i in range(3)])
    assert any("kl_runaway" in w for w in out[-1])


def test_grad_spike_against_running_median():
    stream = [_healthy(i) for i in range(6)] + [dict(_healthy(6), grad_norm=50.0), _healthy(7)]
    out, _ = _run(stream)
    assert any("grad_spike" in w for w in out[6])
    assert out[7] == []
    out, _ = _run([dict(_healthy(i), grad_norm=float("nan") if i == 5 else 1.0) for i in range(6)])
    assert any("grad_spike" in w for w in out[5])


def test_forgetting_uses_standard_errors():
    evals = [(0.50, 0.02), (0.60, 0.02), (0.57, 0.02), (0.40, 0.02)]
    out, _ = _run([dict(_healthy(i), **{"eval/pass@1": p, "eval/pass@1_se": se}) for i, (p, se) in enumerate(evals)])
    assert [any("forgetting" in w for w in ws) for ws in out] == [False, False, False, True]


def test_warnings_logged_once_per_episode_and_state_roundtrip(caplog):
    stream = [dict(_healthy(i), kl=5.0) for i in range(6)]
    with caplog.at_level(logging.WARNING):
        out, mon = _run(stream)
    assert sum("kl_runaway" in r.message for r in caplog.records) == 1
    assert sum(bool(w) for w in out) == 4
    clone = PitfallMonitor(MonitorConfig(window=3))
    clone.load_state_dict(mon.state_dict())
    assert clone.update(stream[0]) == mon.update(stream[0])


def test_disabled_monitor():
    out, _ = _run([dict(_healthy(i), kl=5.0) for i in range(5)], enabled=False)
    assert all(w == [] for w in out)


@pytest.mark.parametrize("missing", ["entropy", "kl", "grad_norm"])
def test_missing_metrics_are_ignored(missing):
    stream = [{k: v for k, v in _healthy(i).items() if k != missing} for i in range(8)]
    out, _ = _run(stream)
    assert all(w == [] for w in out)
