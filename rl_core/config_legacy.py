"""The earlier flat config keys, moved into today's shape (docs/config.md, "Migration").

Variants used to be prefixed fields of one section (``loss.policy_loss`` + ``loss.gspo_eps_*``,
``credit.mc_*`` / ``prm_*`` / ``redistribute_*``); they are discriminated sections now. :func:`migrate`
rewrites one source (a YAML file or one override) with a warning naming the new field. The KL keys of the loss
section (``loss.kl_beta``, ``loss.kl_estimator``) are errors naming ``kl.*``, the section that owns KL.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from rlvr.rl_core.config_base import ConfigError

logger = logging.getLogger(__name__)

#: loss.<old> -> kl.<new>: the kl section owns KL (the loss keys were never read by a run)
KL_MOVED = {"kl_beta": "beta", "kl_estimator": "estimator"}
#: loss.<old> -> loss.policy.<new>, for the clipped surrogate (also a plugin's name)
CLIPPED_KEYS = {"eps_low": "eps_low", "eps_high": "eps_high", "dual_clip": "dual_clip"}
#: loss.<old> -> loss.policy.<new> with loss.policy.name=gspo
GSPO_KEYS = {"gspo_eps_low": "eps_low", "gspo_eps_high": "eps_high"}
#: credit.<old> -> credit.<new> (the method's own fields)
CREDIT_RENAMED = {
    "mc_select": "select",
    "mc_max_new_tokens": "max_new_tokens",
    "mc_temperature": "temperature",
    "mc_chunk": "chunk",
    "prm_path": "path",
    "prm_combine": "combine",
    "prm_weight": "weight",
    "redistribute_weighting": "weighting",
    "redistribute_smoothing": "smoothing",
}
#: the values the earlier version wrote for fields a run did not use (a saved config lists every field)
OLD_DEFAULTS = {"kl_beta": 0.0, "kl_estimator": "k3"}


def migrate(data: Mapping[str, Any], saved: bool = False) -> dict[str, Any]:
    """``data`` (one source: a file or one override) with the earlier flat keys moved into today's shape.
    ``saved``: ``data`` is a whole config an earlier version wrote into a run directory, which lists every
    field: settings no run read (another variant's, the loss's unused KL keys at their defaults) are dropped
    quietly instead of raising."""
    out = dict(data)
    if isinstance(out.get("loss"), Mapping):
        out["loss"] = _loss(dict(out["loss"]), saved)
    if isinstance(out.get("credit"), Mapping):
        out["credit"] = _credit(dict(out["credit"]), saved)
    return out


def _moved(old: str, new: str, saved: bool) -> None:
    if not saved:
        logger.warning("config: %s is now %s (docs/config.md, migration); please update the config", old, new)


def _loss(loss: dict[str, Any], saved: bool) -> dict[str, Any]:
    for old, new in KL_MOVED.items():
        if old not in loss:
            continue
        value = loss.pop(old)
        if not (saved and value == OLD_DEFAULTS[old]):
            raise ConfigError(
                f"loss.{old}: the kl section owns KL; set kl.{new} instead (kl.in_reward chooses loss or reward)"
            )
    flat = {k: loss.pop(k) for k in [*CLIPPED_KEYS, *GSPO_KEYS, "policy_loss"] if k in loss}
    if not flat:
        return loss
    name = flat.pop("policy_loss", None)
    clipped = {new: flat[old] for old, new in CLIPPED_KEYS.items() if old in flat}
    gspo = {new: flat[old] for old, new in GSPO_KEYS.items() if old in flat}
    if name == "gspo":
        policy = {"name": name, **gspo, **({"dual_clip": clipped["dual_clip"]} if "dual_clip" in clipped else {})}
        unused = [f"loss.{k}" for k in ("eps_low", "eps_high") if k in flat]
    elif name is not None or not gspo:
        policy = {**({"name": name} if name is not None else {}), **clipped}
        unused = [f"loss.{k}" for k in GSPO_KEYS if k in flat]
    else:
        first = next(iter(k for k in GSPO_KEYS if k in flat))
        raise ConfigError(
            f"loss.{first}: GSPO's clip range is now loss.policy.{GSPO_KEYS[first]} with loss.policy.name=gspo"
        )
    if unused and not saved:
        logger.warning("config: %s had no effect with loss.policy_loss=%s; dropped", ", ".join(unused), name)
    if name is not None:
        _moved("loss.policy_loss", "loss.policy.name", saved)
    for old in flat:
        if f"loss.{old}" not in unused:
            _moved(f"loss.{old}", f"loss.policy.{GSPO_KEYS.get(old) or CLIPPED_KEYS[old]}", saved)
    given = loss.get("policy")
    loss["policy"] = {**policy, **given} if isinstance(given, Mapping) else policy
    return loss


def _credit(credit: dict[str, Any], saved: bool) -> dict[str, Any]:
    for old, new in CREDIT_RENAMED.items():
        if old in credit:
            value = credit.pop(old)
            _moved(f"credit.{old}", f"credit.{new}", saved)
            credit.setdefault(new, value)
    if saved:
        from rlvr.rl_core.config import RunConfig
        from rlvr.rl_core.config_base import variant_key, variants_of

        f = RunConfig.model_fields["credit"]
        vk = variant_key(f)
        model = variants_of(f).get(credit.get(vk.key, vk.default)) if vk is not None else None
        if model is not None:
            credit = {k: v for k, v in credit.items() if k in model.model_fields}
    return credit
