"""A self-contained HTML report of a run: training curves and before/after pass@k, PNGs embedded as base64.

Inputs, all inside ``run_dir``:

* ``metrics.jsonl``: one JSON object per training step with a ``step`` field and numeric metrics. Panels
  are drawn for reward, pass rate, KL, entropy, response length and the dynamic-sampling filtered fraction
  (the first key found from each panel's candidates, see :data:`PANELS`); any other numeric series gets a
  small panel of its own.
* ``eval_<label>.json`` (written by :func:`save_eval`, e.g. ``eval_before.json``, ``eval_after.json``): an
  :class:`rlvr.tasks.evaluate.EvalReport` as a dict; plotted as grouped bars with standard-error whiskers.
* ``config.yaml`` / ``config.json`` when present: shown verbatim.
"""

from __future__ import annotations

import base64
import html
import io
import json
import logging
import math
import re
from pathlib import Path
from typing import Any

from rlvr.rl_core.metrics import read_metrics

logger = logging.getLogger(__name__)

#: Panel title -> metric keys tried in order (the first present is plotted).
PANELS: dict[str, tuple[str, ...]] = {
    "reward": ("reward", "reward/mean", "rewards/mean", "train/reward"),
    "pass rate": ("pass_rate", "reward/pass_rate", "passed", "train/pass_rate", "accuracy"),
    "KL to reference": ("kl", "loss/kl", "kl/mean", "train/kl"),
    "entropy": ("entropy", "loss/entropy", "policy/entropy", "train/entropy"),
    "response length (tokens)": (
        "response_length",
        "completion_length",
        "response_length/mean",
        "length/mean",
        "train/response_length",
    ),
    "filtered fraction (dynamic sampling)": (
        "filtered_fraction",
        "sampling/filtered_fraction",
        "dynamic_sampling/filtered_fraction",
        "filtered",
    ),
}
MAX_EXTRA_PANELS = 12
_EVAL_RE = re.compile(r"^eval_(?P<label>[\w.-]+)\.json$")


def save_eval(run_dir: str | Path, label: str, report: Any, step: int | None = None) -> Path:
    """Write ``report`` (an EvalReport) to ``run_dir/eval_<label>.json`` for :func:`write_report`;
    its samples go to ``run_dir/samples_<label>.jsonl`` (re-scorable with ``rlvr eval --samples``)."""
    if not re.fullmatch(r"[\w.-]+", label):
        raise ValueError(f"eval label must be a plain word, got {label!r}")
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    d = report.to_dict()
    d["label"], d["step"] = label, step
    out = run_dir / f"eval_{label}.json"
    out.write_text(json.dumps(d, indent=1))
    if getattr(report, "samples", None):
        report.write_samples(run_dir / f"samples_{label}.jsonl")
    return out


def _series(rows: list[dict[str, Any]], key: str) -> tuple[list[float], list[float]]:
    xs, ys = [], []
    for i, r in enumerate(rows):
        v = r.get(key)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            continue
        x = r.get("step", i)
        xs.append(float(x) if isinstance(x, (int, float)) else float(i))
        ys.append(float(v))
    return xs, ys


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


def _curve_figures(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    import matplotlib.pyplot as plt

    numeric = [k for k in dict.fromkeys(k for r in rows for k in r) if k != "step" and _series(rows, k)[0]]
    panels: list[tuple[str, str]] = []
    used: set[str] = set()
    for title, keys in PANELS.items():
        key = next((k for k in keys if k in numeric), None)
        if key:
            panels.append((title, key))
            used.add(key)
    extra = [(k, k) for k in numeric if k not in used][:MAX_EXTRA_PANELS]
    figs = []
    for title, key in panels + extra:
        xs, ys = _series(rows, key)
        fig, ax = plt.subplots(figsize=(4.6, 2.8))
        ax.plot(xs, ys, lw=1.2, color="#3465a4", marker="." if len(xs) < 60 else None)
        if len(ys) >= 10:  # a moving average over ~10% of the run
            w = max(2, len(ys) // 10)
            sm = [sum(ys[max(0, i - w + 1) : i + 1]) / len(ys[max(0, i - w + 1) : i + 1]) for i in range(len(ys))]
            ax.plot(xs, sm, lw=2, color="#cc0000", alpha=0.8)
        ax.set_title(f"{title}" + (f"  [{key}]" if key != title else ""), fontsize=9)
        ax.set_xlabel("step", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.3)
        figs.append((title, _png(fig)))
        plt.close(fig)
    return figs


def read_evals(run_dir: Path) -> list[dict[str, Any]]:
    """The ``eval_<label>.json`` files of a run, ordered by step (None first) then label."""
    evals = []
    for p in run_dir.glob("eval_*.json"):
        if not _EVAL_RE.match(p.name):
            continue
        try:
            d = json.loads(p.read_text())
        except (json.JSONDecodeError, OSError) as e:
            logger.warning("skipping unreadable %s: %s", p, e)
            continue
        d.setdefault("label", _EVAL_RE.match(p.name).group("label"))
        evals.append(d)
    order = {"before": 0, "after": 2}
    return sorted(evals, key=lambda d: (order.get(d["label"], 1), d.get("step") or 0, d["label"]))


def _eval_figure(evals: list[dict[str, Any]]) -> str | None:
    import matplotlib.pyplot as plt

    names = [
        k
        for k in dict.fromkeys(k for e in evals for k in e.get("metrics", {}))
        if not k.startswith("avg@")  # avg@n is in the table; with n = 1 it repeats pass@1
        and any(e["metrics"].get(k, {}).get("value") is not None for e in evals)
    ]
    if not names:
        return None
    fig, ax = plt.subplots(figsize=(max(4.6, 1.3 * len(names) * len(evals) ** 0.5), 3.0))
    width = 0.8 / len(evals)
    for j, e in enumerate(evals):
        vals = [(e["metrics"].get(k) or {}).get("value") for k in names]
        ses = [(e["metrics"].get(k) or {}).get("stderr") for k in names]
        xs = [i + (j - (len(evals) - 1) / 2) * width for i in range(len(names))]
        ax.bar(
            xs, [100 * (v or 0) for v in vals], width, label=e["label"], yerr=[100 * (s or 0) for s in ses], capsize=3
        )
    ax.set_xticks(range(len(names)), names, fontsize=8)
    ax.set_ylabel("% (± standard error)", fontsize=8)
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    png = _png(fig)
    plt.close(fig)
    return png


def _eval_table(evals: list[dict[str, Any]]) -> str:
    names = list(dict.fromkeys(k for e in evals for k in e.get("metrics", {})))
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    body = []
    for e in evals:
        cells = []
        for n in names:
            m = e["metrics"].get(n) or {}
            v, se = m.get("value"), m.get("stderr")
            cells.append("n/a" if v is None else f"{100 * v:.1f}%" + ("" if se is None else f" ± {100 * se:.1f}"))
        info = f"{e.get('task', '')}/{e.get('split', '')}, {e.get('num_examples', '?')} problems, " + (
            "greedy" if e.get("greedy") else f"n={e.get('n')}"
        )
        body.append(
            f"<tr><td><b>{html.escape(str(e['label']))}</b><br><small>{html.escape(info)}</small></td>"
            + "".join(f"<td>{c}</td>" for c in cells)
            + "</tr>"
        )
    return f"<table><tr><th>eval</th>{head}</tr>{''.join(body)}</table>"


_CSS = """body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}
h2{font-size:16px;margin-top:28px}.grid{display:flex;flex-wrap:wrap;gap:8px}
table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
td:first-child{text-align:left}pre{background:#f5f5f5;padding:8px;font-size:12px;overflow:auto}"""


def write_report(run_dir: str | Path, title: str | None = None) -> Path:
    """Write ``run_dir/report.html`` from the run's metrics and evals; returns its path."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise FileNotFoundError(f"run directory {run_dir} does not exist")
    rows = read_metrics(run_dir)
    evals = read_evals(run_dir)
    parts = [f"<h1>{html.escape(title or f'rlvr run: {run_dir.name}')}</h1>"]
    if evals:
        parts.append("<h2>Held-out evaluation</h2>")
        parts.append(_eval_table(evals))
        png = _eval_figure(evals)
        if png:
            parts.append(f'<p><img alt="pass@k before and after" src="data:image/png;base64,{png}"></p>')
    if rows:
        parts.append(f"<h2>Training ({len(rows)} steps)</h2><div class='grid'>")
        for name, png in _curve_figures(rows):
            parts.append(f'<img alt="{html.escape(name)}" src="data:image/png;base64,{png}">')
        parts.append("</div>")
        last = {k: v for k, v in rows[-1].items() if isinstance(v, (int, float, str)) and not isinstance(v, bool)}
        parts.append("<h2>Last step</h2><pre>" + html.escape(json.dumps(last, indent=1)) + "</pre>")
    else:
        parts.append("<p>No training metrics (metrics.jsonl absent or empty).</p>")
    for cfg in ("config.yaml", "config.json"):
        if (run_dir / cfg).exists():
            parts.append(f"<h2>Config</h2><pre>{html.escape((run_dir / cfg).read_text())}</pre>")
            break
    doc = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(run_dir.name)}</title>"
        f"<style>{_CSS}</style></head><body>{''.join(parts)}</body></html>"
    )
    out = run_dir / "report.html"
    tmp = out.with_suffix(".html.tmp")
    tmp.write_text(doc)
    tmp.replace(out)
    return out
