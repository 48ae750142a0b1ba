import pytest
import torch

from rlvr.rl_core.config import LoraConfig
from rlvr.rl_core.forward import pack, token_logprobs
from rlvr.rl_core.lora import apply_lora
from rlvr.rl_core.models import tiny_model

HEADER = "You are a careful calculator. Reply with digits only. "  # a common prefix of >= 8 tokens


def _group_batch(tok, g=3, header=""):
    prompts = [tok(header + t, add_special_tokens=False)["input_ids"] for t in ("1+2=", "30+4=", "7=")]
    rows = [i for i in range(len(prompts)) for _ in range(g)]
    gen = torch.Generator().manual_seed(0)
    comp = torch.randint(4, 90, (len(rows), 6), generator=gen)
    lengths = torch.tensor([6, 1, 4, 2, 6, 5, 3, 6, 1])[: len(rows)]
    mask = torch.arange(6)[None, :] < lengths[:, None]
    comp = comp.masked_fill(~mask, 0)
    return prompts, rows, comp, mask


def _plain_logprobs(model, prompt, completion, temperature):
    x = torch.tensor([prompt + completion])
    logits = model(x).logits[0, len(prompt) - 1 : len(prompt) - 1 + len(completion)] / temperature
    ref = logits.log_softmax(-1)
    return ref.gather(-1, torch.tensor(completion)[:, None]).squeeze(-1), -(ref.exp() * ref).sum(-1)


@pytest.mark.parametrize("header", ["", HEADER])
@pytest.mark.parametrize("share", [True, False])
def test_token_logprobs_and_entropy_match_one_forward_per_row(share, header):
    model, tok = tiny_model(seed=0)
    prompts, rows, comp, mask = _group_batch(tok, header=header)
    batch = pack(prompts, rows, comp, mask, tok.pad_token_id)
    lp, ent = token_logprobs(model, batch, 0.5, True, share_prefix=share)
    assert lp.shape == (9, 6) and not ent.requires_grad
    for r, p in enumerate(rows):
        n = int(mask[r].sum())
        with torch.no_grad():
            ref_lp, ref_ent = _plain_logprobs(model, prompts[p], comp[r, :n].tolist(), 0.5)
        assert torch.allclose(lp[r, :n], ref_lp, atol=1e-5)
        assert torch.allclose(ent[r, :n], ref_ent, atol=1e-5)


@pytest.mark.parametrize("header", ["", HEADER])
@pytest.mark.parametrize("lora", [False, True])
def test_shared_prefix_gives_the_same_gradient(lora, header):
    grads = []
    for share in (True, False):
        model, tok = tiny_model(seed=0)
        if lora:
            torch.manual_seed(1)  # adapters initialise from the global RNG
            model = apply_lora(model, LoraConfig(enabled=True, r=4))
            with torch.no_grad():
                for n, p in model.named_parameters():
                    if "lora_B" in n:
                        p.normal_(0, 0.1)
        prompts, rows, comp, mask = _group_batch(tok, header=header)
        lp, ent = token_logprobs(model, pack(prompts, rows, comp, mask, tok.pad_token_id), 1.0, True, True, share)
        weights = torch.linspace(-1, 1, lp.numel()).view_as(lp)
        ((lp * weights + 0.1 * ent) * mask).sum().backward()
        grads.append({n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None})
    assert grads[0].keys() == grads[1].keys() and grads[0]
    for n in grads[0]:
        assert torch.allclose(grads[0][n], grads[1][n], atol=1e-6, rtol=1e-4), n


def test_single_token_completions():
    model, tok = tiny_model(seed=0)
    prompts, rows, comp, mask = _group_batch(tok)
    mask = torch.zeros_like(mask)
    mask[:, 0] = True
    a, _ = token_logprobs(model, pack(prompts, rows, comp, mask, 0), 1.0, False, share_prefix=True)
    b, _ = token_logprobs(model, pack(prompts, rows, comp, mask, 0), 1.0, False, share_prefix=False)
    assert a.shape == (9, 1) and torch.allclose(a, b, atol=1e-6)
