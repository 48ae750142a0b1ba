"""Step splitting and token spans: character tokenizer, byte-level BPE, SentencePiece-style Metaspace."""

from __future__ import annotations

import pytest
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

from rlvr.rl_core.credit.steps import StepSplitter, merge_steps, token_char_spans

CORPUS = ["3+4=7\n7*2=14\n14-5=9\nAnswer: 9", "The total is 12. Then we add 5 cafés to get 17.\n", "Answer: 42"] * 20


@pytest.fixture(scope="module")
def bytelevel():
    t = Tokenizer(models.BPE())
    t.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    t.decoder = decoders.ByteLevel()
    t.train_from_iterator(
        CORPUS,
        trainers.BpeTrainer(
            vocab_size=300, special_tokens=["<pad>", "<eos>"], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
        ),
    )
    return PreTrainedTokenizerFast(tokenizer_object=t, pad_token="<pad>", eos_token="<eos>")


@pytest.fixture(scope="module")
def metaspace():
    t = Tokenizer(models.BPE(unk_token="<unk>"))
    t.pre_tokenizer = pre_tokenizers.Metaspace()
    t.decoder = decoders.Metaspace()
    t.train_from_iterator(CORPUS, trainers.BpeTrainer(vocab_size=200, special_tokens=["<pad>", "<eos>", "<unk>"]))
    return PreTrainedTokenizerFast(tokenizer_object=t, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>")


def encode(tok, text):
    return tok(text, add_special_tokens=False)["input_ids"] + [tok.eos_token_id]


def check_partition(steps, n_tokens):
    assert steps.tokens[0][0] == 0 and steps.tokens[-1][1] == n_tokens
    assert all(a[1] == b[0] for a, b in zip(steps.tokens, steps.tokens[1:]))
    assert "".join(steps.texts()) == steps.text


def test_newline_steps_char_tokenizer(tok):
    text = "3+4=7\n7*2=14\n\n14-5=9\nAnswer: 9"
    ids = encode(tok, text)
    st = StepSplitter("newline")(ids, tok)
    assert st.texts() == ["3+4=7\n", "7*2=14\n\n", "14-5=9\n", "Answer: 9"]
    assert st.tokens == [(0, 6), (6, 14), (14, 21), (21, 31)]  # EOS (token 30) joins the last step
    check_partition(st, len(ids))


def test_sentence_regex_and_token_chunks(tok):
    text = "It costs 3.5 dollars. Then 2 more! Total: 5.5\nAnswer: 5.5"
    ids = encode(tok, text)
    assert StepSplitter("sentence")(ids, tok).texts() == [
        "It costs 3.5 dollars. ",
        "Then 2 more! ",
        "Total: 5.5\n",
        "Answer: 5.5",
    ]
    st = StepSplitter("regex", pattern=r"(?=Then|Answer)")(ids, tok)
    assert st.texts() == ["It costs 3.5 dollars. ", "Then 2 more! Total: 5.5\n", "Answer: 5.5"]
    chunks = StepSplitter("tokens", chunk_tokens=10)(ids, tok)
    assert [e - s for s, e in chunks.tokens] == [10] * 5 + [8]
    check_partition(chunks, len(ids))


def test_max_steps_merges_evenly(tok):
    ids = encode(tok, "a\nb\nc\nd\ne\n")
    st = StepSplitter("newline", max_steps=2)(ids, tok)
    assert st.texts() == ["a\nb\nc\n", "d\ne\n"]
    assert merge_steps(st, 0) is st


@pytest.mark.parametrize("fixture", ["bytelevel", "metaspace"])
def test_bpe_offsets_follow_the_decoded_text(request, fixture):
    tk = request.getfixturevalue(fixture)
    text = "The total is 12. Then we add 5 cafés 🚀 to get 17.\nAnswer: 17"
    ids = encode(tk, text)
    decoded, spans = token_char_spans(ids, tk)
    assert decoded == tk.decode(ids, skip_special_tokens=True)  # Metaspace has no byte fallback: 🚀 is lost
    assert spans[-1] == (len(decoded), len(decoded))  # EOS writes nothing
    assert all(s <= e for s, e in spans) and all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    st = StepSplitter("sentence")(ids, tk)
    check_partition(st, len(ids))
    assert st.texts()[0] == "The total is 12."
    assert st.texts()[-1].strip() == "Answer: 17"


def test_bytelevel_split_character_lands_on_its_last_byte(bytelevel):
    """🚀 was never seen in training, so it is 4 byte tokens whose single decodes are replacement chars."""
    ids = bytelevel("a🚀", add_special_tokens=False)["input_ids"]
    assert len(ids) >= 3 and "".join(bytelevel.decode([i]) for i in ids) != "a🚀"
    text, spans = token_char_spans(ids, bytelevel)
    assert text == "a🚀"
    assert spans[0] == (0, 1) and spans[-1] == (1, 2)
    assert all(s == e for s, e in spans[1:-1])  # partial bytes are zero width


def test_special_tokens_inside_the_completion(bytelevel):
    eos = bytelevel.eos_token_id
    ids = (
        bytelevel("7*2=14\n", add_special_tokens=False)["input_ids"]
        + [eos]
        + bytelevel("Answer: 14", add_special_tokens=False)["input_ids"]
    )
    st = StepSplitter("newline")(ids, bytelevel)
    assert st.texts() == ["7*2=14\n", "Answer: 14"]
    assert ids[st.tokens[0][1] - 1] == eos  # the zero-width EOS stays with the step before it


def test_empty_and_bad_splitters(tok):
    assert len(StepSplitter()([], tok)) == 0
    with pytest.raises(ValueError, match="split_regex"):
        StepSplitter("regex")
    with pytest.raises(ValueError, match="regular expression"):
        StepSplitter("regex", pattern="(")
    with pytest.raises(ValueError, match="split must be one of"):
        StepSplitter("paragraph")
    assert StepSplitter("sentence").split_text("One. Two.\nThree") == ["One. ", "Two.\n", "Three"]


@pytest.mark.parametrize("fixture", ["bytelevel", "metaspace"])
def test_streaming_offsets_match_the_quadratic_reference(request, fixture):
    """Non-ASCII text takes the streaming path; each token's end must equal the longest agreed prefix of
    the decode of ids[:j+1] (the definition), computed here the slow way."""
    from rlvr.rl_core.credit.steps import _agreed_prefix

    tk = request.getfixturevalue(fixture)
    ids = tk("12 × 3 → 36 cafés 🚀. Then ÷ 4 gives 9.\nAnswer: 9 " * 5, add_special_tokens=False)["input_ids"]
    text, spans = token_char_spans(ids, tk)
    prev, ends = 0, []
    for j in range(len(ids)):
        prefix = tk.decode(ids[: j + 1], skip_special_tokens=True, clean_up_tokenization_spaces=False)
        ends.append(prev := max(prev, _agreed_prefix(prefix, text)))
    assert [e for _, e in spans] == ends
