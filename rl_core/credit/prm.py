"""Process reward model (Math-Shepherd, Wang et al. 2024): Monte Carlo step labels, training, and use in RL.

Labels. For each step boundary of a completion, K continuations are sampled from the prefix; the soft
label is the fraction that reach the gold answer (score ≥ ``pass_score``), the hard label is 1 when any
does. The last step's label is the completion's own outcome.

Model. A transformers backbone with a scalar token-classification head (``num_labels=1``); the logit at
the last token of each step is the step's score, trained with binary cross-entropy against the soft or
hard labels (LoRA via peft allowed; adapters are merged before saving, so a saved PRM is a plain model
directory). Inputs are the prompt text followed by the step texts, each piece tokenized on its own, so the
step ends are exact for any tokenizer.

Use in RL (``credit.method=prm``). The PRM's sigmoid p_t ≈ V(s_t) is a learned value of the verifier
score after step t, with p_0 = the mean score of the other completions of the group (leave-one-out, as in
``mc``). With the preset advantage A written as A = β·(S − p_0) + h (``score_affine``: S the completion's
verifier score, β the preset's scale, h the shift that carries reward shaping and is given to every token
unchanged), tokens of step t receive, by ``credit.combine``:

* ``weighted``: (1 − w)·(A − h) + w·β·(p_t − p_{t−1}) + h  (w = 1: VinePPO with learned values)
* ``sum``:      A + w·β·(p_t − p_{t−1})                    (outcome plus process advantage, as in PRIME)
* ``min``:      β·(min(S, min_{s≥t} p_s) − p_0) + h        (min-form return, PURE; the outcome is the last score)
"""

from __future__ import annotations

import json
import logging
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import torch

from rlvr.registry import Registry
from rlvr.rl_core.config_base import Float, Section, knob
from rlvr.rl_core.credit.base import CREDIT, CreditInputs, broadcast, score_affine, spread_steps
from rlvr.rl_core.credit.mc_values import Prefix, mc_values
from rlvr.rl_core.credit.steps import StepSplitter
from rlvr.rl_core.rollout.batch import pad_token_id
from rlvr.rl_core.types import Generator, SamplingParams
from rlvr.tasks.base import Example
from rlvr.tasks.dataset import encode_prompt

if TYPE_CHECKING:
    from rlvr.rl_core.credit.config import PRMCredit

logger = logging.getLogger(__name__)

PRM_META = "prm.json"


# --------------------------------------------------------------------------------------------- labels


@dataclass
class StepLabels:
    """One labelled completion: the prompt text, its step texts and one label of each kind per step.

    soft: fraction of continuations reaching the gold answer. hard: 1 if any did. correct: optional ground
    truth per step (e.g. whether the step's intermediate result is right), used only for evaluation.
    """

    id: str
    prompt: str
    steps: list[str]
    soft: list[float]
    hard: list[int]
    correct: list[int] | None = None

    def __post_init__(self) -> None:
        n = len(self.steps)
        if n == 0:
            raise ValueError(f"record {self.id!r}: no steps")
        if len(self.soft) != n or len(self.hard) != n or (self.correct is not None and len(self.correct) != n):
            raise ValueError(f"record {self.id!r}: {n} steps but labels of other lengths")
        if any(not 0.0 <= s <= 1.0 for s in self.soft) or any(h not in (0, 1) for h in self.hard):
            raise ValueError(f"record {self.id!r}: soft labels must lie in [0, 1] and hard labels be 0/1")

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StepLabels:
        try:
            return cls(
                id=str(d["id"]),
                prompt=str(d["prompt"]),
                steps=[str(s) for s in d["steps"]],
                soft=[float(s) for s in d["soft"]],
                hard=[int(h) for h in d["hard"]],
                correct=None if d.get("correct") is None else [int(c) for c in d["correct"]],
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"bad step-label record: {e}") from None


def write_labels(records: Sequence[StepLabels], path: str | Path) -> None:
    """Write records as JSONL (atomically: a temporary file renamed into place)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w") as f:
        for r in records:
            f.write(json.dumps(asdict(r)) + "\n")
    tmp.replace(path)


def read_labels(path: str | Path) -> list[StepLabels]:
    """Read a JSONL of step labels; a malformed line raises ValueError naming the line."""
    out = []
    with Path(path).open() as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append(StepLabels.from_dict(json.loads(line)))
            except (ValueError, json.JSONDecodeError) as e:
                raise ValueError(f"{path}:{n}: {e}") from None
    return out


def label_steps(
    prompt_ids: Sequence[list[int]],
    completions: Sequence[list[int]],
    examples: Sequence[Example],
    *,
    generator: Generator,
    tokenizer: Any,
    splitter: StepSplitter,
    k: int,
    sampling: SamplingParams,
    score: Callable[[list[str], list[Example]], torch.Tensor],
    pass_score: float = 1.0,
    chunk: int = 0,
) -> list[StepLabels]:
    """Math-Shepherd labels of ``completions`` (token ids, no padding) answering ``examples``.

    All inner boundaries of all completions are valued in batched generate calls (see ``mc_values``); the
    last step is labelled by scoring the completion itself.
    """
    if not len(prompt_ids) == len(completions) == len(examples):
        raise ValueError("label_steps: prompt_ids, completions and examples must have one entry each")
    steps = [splitter(c, tokenizer) for c in completions]
    prefixes: list[Prefix] = []
    index: list[list[int]] = []
    for p, c, st, ex in zip(prompt_ids, completions, steps, examples):
        index.append(list(range(len(prefixes), len(prefixes) + max(len(st) - 1, 0))))
        for _, end in st.tokens[:-1]:
            prefixes.append(Prefix(list(p), list(c[:end]), max(sampling.max_new_tokens - end, 1), ex))
    _, rewards, stats = mc_values(
        prefixes, generator=generator, tokenizer=tokenizer, k=k, sampling=sampling, score=score, chunk=chunk
    )
    finals = score([st.text for st in steps], list(examples))
    logger.info("labelled %d completions: %d continuations, %d tokens", len(steps), stats.continuations, stats.tokens)
    reached = (rewards >= pass_score - 1e-6).float()
    out = []
    prompts = tokenizer.batch_decode([list(p) for p in prompt_ids], skip_special_tokens=True)
    for j, (st, idx, ex) in enumerate(zip(steps, index, examples)):
        if len(st) == 0:
            continue
        last = float(finals[j] >= pass_score - 1e-6)
        soft = [*reached[idx].mean(1).tolist(), last]
        out.append(StepLabels(f"{ex.id}/{j}", prompts[j], st.texts(), soft, [int(s > 0) for s in soft]))
    return out


# --------------------------------------------------------------------------------------------- model


class ProcessRewardModel:
    """A scalar-head transformers model scoring the end of each step (see module doc)."""

    def __init__(self, model: torch.nn.Module, tokenizer: Any, max_length: int = 1024) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.pad_id = pad_token_id(tokenizer)

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    def encode(self, prompt: str, steps: Sequence[str]) -> tuple[list[int], list[int]]:
        """Token ids of prompt + steps and the index of each step's last token (left-truncated to
        ``max_length``; a step cut off entirely is read at position 0)."""
        tok = self.tokenizer
        ids = [] if tok.bos_token_id is None else [tok.bos_token_id]
        ids += tok(prompt, add_special_tokens=False)["input_ids"]
        ends = []
        for s in steps:
            ids += tok(s, add_special_tokens=False)["input_ids"]
            ends.append(len(ids) - 1)
        cut = max(0, len(ids) - self.max_length)
        return ids[cut:], [max(e - cut, 0) for e in ends]

    def logits(self, prompts: Sequence[str], steps: Sequence[Sequence[str]]) -> list[torch.Tensor]:
        """Per item, the (L,) step logits (differentiable)."""
        enc = [self.encode(p, s) for p, s in zip(prompts, steps)]
        width = max(len(ids) for ids, _ in enc)
        ids = torch.full((len(enc), width), self.pad_id, dtype=torch.long)
        att = torch.zeros((len(enc), width), dtype=torch.long)
        for r, (x, _) in enumerate(enc):
            ids[r, : len(x)] = torch.tensor(x)
            att[r, : len(x)] = 1
        out = self.model(input_ids=ids.to(self.device), attention_mask=att.to(self.device)).logits[..., 0]
        return [out[r, torch.tensor(e, device=out.device)] for r, (_, e) in enumerate(enc)]

    @torch.no_grad()
    def score(self, prompts: Sequence[str], steps: Sequence[Sequence[str]], batch_size: int = 16) -> list[list[float]]:
        """Per item, the probability of each step being on a path to the gold answer."""
        was = self.model.training
        self.model.eval()
        try:
            out: list[list[float]] = []
            for lo in range(0, len(prompts), batch_size):
                out += [
                    x.sigmoid().float().cpu().tolist()
                    for x in self.logits(prompts[lo : lo + batch_size], steps[lo : lo + batch_size])
                ]
            return out
        finally:
            self.model.train(was)

    def save(self, path: str | Path) -> None:
        """Save model, tokenizer and PRM settings to directory ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(path)
        self.tokenizer.save_pretrained(path)
        (path / PRM_META).write_text(json.dumps({"max_length": self.max_length}))

    @classmethod
    def load(
        cls, path: str | Path, device: str | torch.device = "cpu", trust_remote_code: bool = False
    ) -> ProcessRewardModel:
        """Load a PRM written by :meth:`save`: a local directory, or a hub id whose snapshot is fetched (or,
        offline, found in the HF cache) with ``huggingface_hub.snapshot_download``."""
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        from rlvr.rl_core.models import hub_errors, is_hub_id, model_source

        if not Path(path).expanduser().is_dir() and is_hub_id(str(path)):
            from huggingface_hub import snapshot_download

            source = model_source(str(path), field="credit.path")
            with hub_errors(source, "credit.path", "trust_remote_code"):
                path = snapshot_download(source.location)
        path = Path(path).expanduser()
        if not (path / PRM_META).is_file():
            raise FileNotFoundError(f"{path} is not a PRM directory (no {PRM_META}); train one with `rlvr prm train`")
        meta = json.loads((path / PRM_META).read_text())
        model = AutoModelForTokenClassification.from_pretrained(path, trust_remote_code=trust_remote_code)
        tok = AutoTokenizer.from_pretrained(path, trust_remote_code=trust_remote_code)
        return cls(model.to(device).eval(), tok, int(meta.get("max_length", 1024)))


def build_prm(
    base: str,
    seed: int = 0,
    max_length: int = 1024,
    *,
    revision: str | None = None,
    trust_remote_code: bool = False,
    attn_implementation: str = "sdpa",
    **tiny_kwargs: Any,
) -> ProcessRewardModel:
    """A PRM with a fresh scalar head on ``base``: ``tiny`` (tests; ``tiny_kwargs`` size it), ``smollm2``
    (embedded), a local model directory or a hub id at ``revision`` (transformers ``from_pretrained``, the HF
    cache and offline mode apply; ``trust_remote_code`` and ``attn_implementation`` as for the policy)."""
    from transformers import AutoModelForTokenClassification, AutoTokenizer, LlamaForTokenClassification

    from rlvr.rl_core.models import ensure_smollm2, hub_errors, model_source

    source = model_source(base, revision, field="PRM base model")
    if source.kind == "tiny":
        from rlvr.rl_core.models import tiny_model

        causal, tok = tiny_model(seed=seed, attn_implementation=attn_implementation, **tiny_kwargs)
        config = causal.config
        config.num_labels = 1
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            model = LlamaForTokenClassification(config)
        model.model.load_state_dict(causal.model.state_dict())
        return ProcessRewardModel(model, tok, min(max_length, config.max_position_embeddings))
    if source.kind == "adapter":
        raise FileNotFoundError(
            f"PRM base model {base!r}: a LoRA adapter directory; merge it first (rlvr eval loads it)"
        )
    location = str(ensure_smollm2()) if source.kind == "smollm2" else source.location
    common: dict[str, Any] = {"revision": source.revision, "trust_remote_code": trust_remote_code}
    with hub_errors(source, "PRM base model", "trust_remote_code (--trust-remote-code)"), torch.random.fork_rng():
        torch.manual_seed(seed)
        model = AutoModelForTokenClassification.from_pretrained(
            location, num_labels=1, attn_implementation=attn_implementation, **common
        )
        tok = AutoTokenizer.from_pretrained(location, **common)
    if tok.pad_token_id is None:
        tok.pad_token = tok.eos_token
    model.config.pad_token_id = tok.pad_token_id
    return ProcessRewardModel(model, tok, min(max_length, getattr(model.config, "max_position_embeddings", max_length)))


class PRMTrainConfig(Section):
    """Training settings of ``rlvr prm train`` (Math-Shepherd trains with BCE on step labels)."""

    target: Literal["soft", "hard"] = knob("soft", "soft | hard Math-Shepherd step labels (Wang et al. 2024)")
    epochs: int = knob(3, "passes over the labelled data (Math-Shepherd PRM training)", ge=1)
    lr: Float = knob(1e-3, "AdamW learning rate (Loshchilov & Hutter 2019)", gt=0)
    batch_size: int = knob(16, "completions per optimiser step (Math-Shepherd PRM training)", ge=1)
    max_grad_norm: Float = knob(1.0, "clip the global gradient norm to this (HF Trainer's default); 0 disables", ge=0)
    lora_r: int = knob(0, "LoRA rank (Hu et al. 2021); 0 trains all weights", ge=0)
    lora_alpha: int = knob(16, "LoRA alpha (Hu et al. 2021)")
    seed: int = knob(0, "shuffling and head initialisation seed (torch)")


def train_prm(prm: ProcessRewardModel, records: Sequence[StepLabels], cfg: PRMTrainConfig) -> list[float]:
    """Train ``prm`` in place on ``records``; returns the mean loss of each epoch. With ``lora_r`` > 0 the
    backbone is frozen, LoRA adapters and the head are trained, and the adapters are merged afterwards."""
    if not records:
        raise ValueError("train_prm: no records")
    with torch.random.fork_rng():  # dropout draws from a seeded stream: the result does not depend on history
        torch.manual_seed(cfg.seed)
        return _train_prm(prm, records, cfg)


def _train_prm(prm: ProcessRewardModel, records: Sequence[StepLabels], cfg: PRMTrainConfig) -> list[float]:
    rng = random.Random(cfg.seed)
    model = prm.model
    if cfg.lora_r > 0:
        from peft import LoraConfig, TaskType, get_peft_model

        lcfg = LoraConfig(
            task_type=TaskType.TOKEN_CLS,
            r=cfg.lora_r,
            lora_alpha=cfg.lora_alpha,
            target_modules="all-linear",
            exclude_modules=["score", "classifier"],
        )
        model = get_peft_model(model, lcfg)
        prm.model = model
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=cfg.lr)
    losses = []
    order = list(range(len(records)))
    for _ in range(cfg.epochs):
        rng.shuffle(order)
        total, count = 0.0, 0
        for lo in range(0, len(order), cfg.batch_size):
            batch = [records[i] for i in order[lo : lo + cfg.batch_size]]
            logits = torch.cat(prm.logits([r.prompt for r in batch], [r.steps for r in batch]))
            target = torch.tensor(
                [x for r in batch for x in (r.soft if cfg.target == "soft" else r.hard)],
                dtype=logits.dtype,
                device=logits.device,
            )
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if cfg.max_grad_norm > 0:
                torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
            opt.step()
            total += float(loss.detach()) * len(target)
            count += len(target)
        losses.append(total / count)
        logger.info("prm epoch %d: loss %.4f", len(losses), losses[-1])
    if cfg.lora_r > 0:
        prm.model = model.merge_and_unload()
    prm.model.eval()
    return losses


def step_auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """ROC AUC of ``scores`` for binary ``labels`` (Mann-Whitney, ties count half); NaN if a class is empty."""
    s = torch.as_tensor(list(scores), dtype=torch.float64)
    y = torch.as_tensor(list(labels), dtype=torch.bool)
    pos, neg = s[y], s[~y]
    if pos.numel() == 0 or neg.numel() == 0:
        return math.nan
    diff = pos[:, None] - neg[None, :]
    return float(((diff > 0).double() + 0.5 * (diff == 0).double()).mean())


# --------------------------------------------------------------------------------------------- RL use

#: combination rules: (p (L,) step probabilities, S the verifier score, A the preset advantage, scale β,
#: baseline p_0, shift h (A's part that is not β·(S − p_0)), w) -> (L,) step advantages
PRM_COMBINE: Registry[Callable[[list[float], float, float, float, float, float, float], list[float]]] = Registry(
    "prm combination rule"
)


def _gains(p: list[float], baseline: float) -> list[float]:
    return [b - a for a, b in zip([baseline, *p[:-1]], p)]


@PRM_COMBINE.register("weighted")
def combine_weighted(
    p: list[float], r: float, a: float, scale: float, baseline: float, shift: float, w: float
) -> list[float]:
    return [(1 - w) * (a - shift) + w * scale * g + shift for g in _gains(p, baseline)]


@PRM_COMBINE.register("sum")
def combine_sum(
    p: list[float], r: float, a: float, scale: float, baseline: float, shift: float, w: float
) -> list[float]:
    return [a + w * scale * g for g in _gains(p, baseline)]


@PRM_COMBINE.register("min")
def combine_min(
    p: list[float], r: float, a: float, scale: float, baseline: float, shift: float, w: float
) -> list[float]:
    out, running = [], r
    for x in reversed(p):
        running = min(running, x)
        out.append(scale * (running - baseline) + shift)
    return out[::-1]


_LOADED: dict[str, ProcessRewardModel] = {}


def load_cached(path: str, device: torch.device) -> ProcessRewardModel:
    """The PRM at ``path`` on ``device``, loaded once per process (the last one used is kept)."""
    key = f"{Path(path).resolve() if Path(path).expanduser().is_dir() else path}@{device}"
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = ProcessRewardModel.load(path, device)
    return _LOADED[key]


@CREDIT.register("prm")
def prm_credit(inputs: CreditInputs, cfg: PRMCredit) -> torch.Tensor:
    """Token advantages (N, T) from PRM step scores combined with the outcome by ``cfg.combine``."""
    roll = inputs.rollout
    mask = roll.completion_mask
    prm = load_cached(cfg.path, next(inputs.model.parameters()).device)
    splitter = cfg.splitter()
    steps = [splitter(roll.completion_ids[i][mask[i]].tolist(), inputs.tokenizer) for i in range(len(roll))]
    rows = [i for i, st in enumerate(steps) if len(st) > 0]
    prompts = inputs.tokenizer.batch_decode(
        [roll.prompt_ids[int(roll.group_ids[i])] for i in rows], skip_special_tokens=True
    )
    probs = prm.score(prompts, [steps[i].texts() for i in rows], cfg.forward_batch_size)
    scores = inputs.unshaped_scores
    aff = score_affine(scores, inputs.rewards, inputs.advantages, roll.group_ids)
    rule = PRM_COMBINE[cfg.combine]
    step_adv = [
        rule(
            p,
            float(scores[i]),
            float(inputs.advantages[i]),
            float(aff.scale[i]),
            float(aff.baseline[i]),
            float(aff.shift[i]),
            cfg.weight,
        )
        for i, p in zip(rows, probs)
    ]
    out = broadcast(inputs.advantages, mask).cpu()
    if rows:
        out[rows] = spread_steps(step_adv, [steps[i].tokens for i in rows], (len(rows), out.shape[1]))
    flat = [x for p in probs for x in p]
    inputs.metrics["credit/prm_score_mean"] = float(sum(flat) / max(len(flat), 1))
    return (out * mask.float().cpu()).to(mask.device)


def label_task(
    task: Any,
    generator: Generator,
    tokenizer: Any,
    *,
    split: str = "train",
    limit: int | None = None,
    samples: int = 4,
    k: int = 8,
    splitter: StepSplitter | None = None,
    sampling: SamplingParams | None = None,
    chunk: int = 0,
) -> list[StepLabels]:
    """Sample ``samples`` completions per problem of ``task`` with the policy and label their steps."""
    sampling = sampling or SamplingParams()
    examples = list(task.examples(split))[:limit]
    prompts = [encode_prompt(task, ex, tokenizer) for ex in examples]
    roll = generator.generate(prompts, samples, sampling)
    comps = [roll.completion_ids[i][roll.completion_mask[i]].tolist() for i in range(len(roll))]
    exs = [examples[int(g)] for g in roll.group_ids]

    def score(texts: list[str], exs_: list[Example]) -> torch.Tensor:
        res = task.verifier.verify_batch(texts, [e.reference for e in exs_])
        return torch.tensor([r.score for r in res], dtype=torch.float32)

    return label_steps(
        [prompts[int(g)] for g in roll.group_ids],
        comps,
        exs,
        generator=generator,
        tokenizer=tokenizer,
        splitter=splitter or StepSplitter(),
        k=k,
        sampling=sampling,
        score=score,
        chunk=chunk,
    )
