"""Low-rank adapters through peft: LoRA, rsLoRA, DoRA, and LoRA+ learning rates.

With adapters, the KL reference policy is the same base model with the adapters disabled
(:mod:`rlvr.rl_core.reference`), so no second copy of the weights is held.
"""

from __future__ import annotations

import torch

from rlvr.rl_core.config import LoraConfig, OptimConfig


def apply_lora(model: torch.nn.Module, cfg: LoraConfig) -> torch.nn.Module:
    """Wrap ``model`` (a peft ``PeftModel``) with trainable adapters on ``cfg.target_modules``; the base
    weights are frozen."""
    from peft import LoraConfig as PeftLoraConfig
    from peft import get_peft_model

    peft_cfg = PeftLoraConfig(
        r=cfg.r,
        lora_alpha=cfg.alpha,
        lora_dropout=cfg.dropout,
        target_modules=list(cfg.target_modules),
        use_rslora=cfg.rslora,
        use_dora=cfg.dora,
        task_type="CAUSAL_LM",
    )
    try:
        return get_peft_model(model, peft_cfg)
    except ValueError as e:  # peft names the missing modules; say which config field to fix
        raise ValueError(f"lora.target_modules: {e}") from None


def make_optimizer(model: torch.nn.Module, optim: OptimConfig, lora: LoraConfig) -> torch.optim.Optimizer:
    """AdamW over the trainable parameters; with LoRA+ (``lora.plus_ratio != 1``) B gets ``lr * ratio``."""
    kwargs = {"betas": tuple(optim.betas), "eps": optim.adam_eps, "weight_decay": optim.weight_decay}
    if lora.enabled and lora.plus_ratio != 1.0:
        from peft import PeftModel
        from peft.optimizers import create_loraplus_optimizer

        if not isinstance(model, PeftModel):
            raise TypeError("lora.plus_ratio needs a model wrapped by apply_lora")
        return create_loraplus_optimizer(
            model, torch.optim.AdamW, lr=optim.lr, loraplus_lr_ratio=lora.plus_ratio, **kwargs
        )
    params = [p for p in model.parameters() if p.requires_grad]
    if not params:
        raise ValueError("the model has no trainable parameters")
    return torch.optim.AdamW(params, lr=optim.lr, **kwargs)


def trainable_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The trainable parameters by name (the adapters with LoRA, all weights otherwise), detached copies."""
    return {n: p.detach().clone().contiguous() for n, p in model.named_parameters() if p.requires_grad}


def load_trainable_state(model: torch.nn.Module, state: dict[str, torch.Tensor]) -> None:
    """Copy ``state`` (from :func:`trainable_state`) into the model; names must match exactly."""
    params = {n: p for n, p in model.named_parameters() if p.requires_grad}
    missing, unexpected = sorted(set(params) - set(state)), sorted(set(state) - set(params))
    if missing or unexpected:
        raise ValueError(f"checkpoint does not match the model: missing {missing[:3]}, unexpected {unexpected[:3]}")
    with torch.no_grad():
        for n, p in params.items():
            p.copy_(state[n])
