"""Model loading: local transformers checkpoints, the embedded SmolLM2-135M-Instruct, and ``tiny``.

``tiny`` is a randomly initialised Llama with a character-level tokenizer, built locally in well under a
second: the model for unit tests and the fastest demo. Nothing here touches a model hub.
"""

from __future__ import annotations

import string

import torch
from tokenizers import Tokenizer, decoders
from tokenizers.models import BPE
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

TINY_SPECIALS = ("<pad>", "<bos>", "<eos>", "<unk>")
TINY_CHARS = string.printable[:95] + "\n"  # printable ASCII (space included) and newline


def tiny_tokenizer() -> PreTrainedTokenizerFast:
    """Character-level tokenizer: one id per printable ASCII char; pad=0, bos=1, eos=2, unk=3."""
    vocab = {tok: i for i, tok in enumerate(TINY_SPECIALS)}
    for ch in TINY_CHARS:
        vocab.setdefault(ch, len(vocab))
    tok = Tokenizer(BPE(vocab=vocab, merges=[], unk_token="<unk>"))  # no merges: every char is a token
    tok.decoder = decoders.Fuse()
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        pad_token="<pad>",
        bos_token="<bos>",
        eos_token="<eos>",
        unk_token="<unk>",
        padding_side="left",
    )


def tiny_model(
    hidden_size: int = 64,
    num_layers: int = 2,
    num_heads: int = 4,
    intermediate_size: int | None = None,
    max_positions: int = 512,
    seed: int = 0,
) -> tuple[LlamaForCausalLM, PreTrainedTokenizerFast]:
    """A freshly initialised Llama (float32, seeded) and its character tokenizer.

    Defaults give ~0.1M parameters; ``hidden_size=256, num_layers=4`` gives ~3.2M.
    """
    tokenizer = tiny_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=intermediate_size or 4 * hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=num_heads,
        num_key_value_heads=num_heads,
        max_position_embeddings=max_positions,
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        model = LlamaForCausalLM(config)
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    return model.float().eval(), tokenizer
