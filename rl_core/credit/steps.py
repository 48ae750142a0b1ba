"""Reasoning steps: split a completion into steps and map each step to its token span.

A splitter turns the completion's token ids into :class:`Steps`: contiguous token spans covering every
completion token exactly once, with the character span of each step in the decoded text. Text splitters
(newline, sentence, regex) cut the decoded text; the characters each token produced come from
incremental decoding (:func:`token_char_spans`), so byte-level BPE tokens that split a UTF-8 character,
SentencePiece space markers, and special tokens (zero characters, e.g. EOS) all land in the right step.
A token belongs to the step that holds its last character; a zero-width token joins the step before it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rlvr.registry import Registry

Span = tuple[int, int]

#: sentence ends: ., ! or ? followed by whitespace (so "3.5" is not an end), or a run of newlines
SENTENCE_END = r"(?<=[.!?])\s+|\n+"


@dataclass(frozen=True)
class Steps:
    """The steps of one completion.

    text: the decoded completion (special tokens removed). tokens: per step, the [start, end) token span
    (contiguous, covering all tokens). chars: per step, the [start, end) character span of ``text``.
    """

    text: str
    tokens: list[Span]
    chars: list[Span]

    def __len__(self) -> int:
        return len(self.tokens)

    def texts(self) -> list[str]:
        """The text of each step."""
        return [self.text[s:e] for s, e in self.chars]


def _decode(tokenizer: Any, seqs: list[list[int]]) -> list[str]:
    return tokenizer.batch_decode(seqs, skip_special_tokens=True, clean_up_tokenization_spaces=False)


def token_char_spans(ids: Sequence[int], tokenizer: Any) -> tuple[str, list[Span]]:
    """The decoded text of ``ids`` and the [start, end) characters each token produced.

    Tried in order, the first whose pieces concatenate to the full decode wins: per-token decodes (character
    tokenizers, ASCII BPE); streaming decodes with a few tokens of context (SentencePiece spaces, byte-level
    BPE splitting a multi-byte character: the completing token receives the whole character, partial bytes
    are zero width); last, each token's end is the longest prefix of the text that the decode of
    ``ids[:j+1]`` agrees with (quadratic, for tokenizers with context-dependent cleanup rules).
    """
    ids = [int(i) for i in ids]
    text = _decode(tokenizer, [ids])[0] if ids else ""
    ends: list[int] = []
    for pieces in (_decode(tokenizer, [[i] for i in ids]) if ids else [], _incremental_pieces(ids, tokenizer)):
        if "".join(pieces) == text:
            pos = 0
            for p in pieces:
                pos += len(p)
                ends.append(pos)
            break
    else:
        prev = 0
        for prefix in _decode(tokenizer, [ids[: j + 1] for j in range(len(ids))]):
            ends.append(prev := max(prev, _agreed_prefix(prefix, text)))
    starts = [0, *ends[:-1]]
    return text, list(zip(starts, ends))


def _incremental_pieces(ids: list[int], tokenizer: Any, context: int = 6) -> list[str]:
    """The text each token adds, decoded with up to ``context`` earlier tokens as context (the streaming
    detokenizer's rule): a token whose decode ends in an incomplete character adds nothing yet; the token
    that completes it adds the whole character. Linear in len(ids)."""
    windows: list[list[int]] = []
    for j in range(len(ids)):
        lo = max(0, j - context)
        windows += [ids[lo:j], ids[lo : j + 1]]
    decoded = _decode(tokenizer, windows) if windows else []
    pieces: list[str] = []
    pending = 0  # tokens whose characters are still incomplete
    for j in range(len(ids)):
        before, after = decoded[2 * j], decoded[2 * j + 1]
        if after.endswith("\ufffd"):
            pieces.append("")
            pending += 1
            continue
        if pending:  # decode the incomplete run together with this token, in the same context
            lo = max(0, j - pending - context)
            before, after = _decode(tokenizer, [ids[lo : j - pending], ids[lo : j + 1]])
            pending = 0
        pieces.append(after[len(before) :] if after.startswith(before) else after[len(_common(before, after)) :])
    return pieces


def _common(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return a[:n]


def _agreed_prefix(prefix: str, text: str) -> int:
    """Length of the longest common prefix of ``prefix`` and ``text`` (replacement chars never agree)."""
    if text.startswith(prefix) and not prefix.endswith("\ufffd"):
        return len(prefix)
    n = 0
    for a, b in zip(prefix, text):
        if a != b:
            break
        n += 1
    return n


def text_boundaries(text: str, pattern: str) -> list[int]:
    """Sorted step end positions in ``text``: each match's end (ends at 0 or len(text) dropped), then len."""
    ends = {m.end() for m in re.finditer(pattern, text) if 0 < m.end() < len(text)}
    return [*sorted(ends), len(text)]


def steps_from_boundaries(text: str, char_spans: list[Span], boundaries: list[int]) -> Steps:
    """Group tokens (with their ``char_spans``) into steps ending at the character ``boundaries``."""
    n = len(char_spans)
    if n == 0:
        return Steps(text, [], [])
    step_of: list[int] = []
    for j, (s, e) in enumerate(char_spans):
        if e > s:
            step_of.append(bisect.bisect_left(boundaries, e))
        else:  # zero-width token (special token, partial bytes): joins the step of the token before it
            step_of.append(step_of[-1] if j else bisect.bisect_left(boundaries, s + 1) if text else 0)
    # Renumber (monotone) and drop steps that received no token.
    tokens: list[Span] = []
    start = 0
    for j in range(1, n + 1):
        if j == n or step_of[j] != step_of[start]:
            tokens.append((start, j))
            start = j
    return Steps(text, tokens, _char_spans_of(tokens, char_spans, len(text)))


def _char_spans_of(tokens: list[Span], char_spans: list[Span], length: int) -> list[Span]:
    """Character span of each token span: from the previous step's end to its last token's end (the last
    step runs to the end of the text), so the steps' texts concatenate to the whole text."""
    ends = [char_spans[e - 1][1] for _, e in tokens]
    if ends:
        ends[-1] = length
    return list(zip([0, *ends[:-1]], ends))


def merge_steps(steps: Steps, max_steps: int) -> Steps:
    """At most ``max_steps`` steps: consecutive steps merged into near-equal groups (0 = no limit)."""
    n = len(steps)
    if max_steps <= 0 or n <= max_steps:
        return steps
    q, r = divmod(n, max_steps)
    sizes = [q + (1 if k < r else 0) for k in range(max_steps)]
    tokens: list[Span] = []
    chars: list[Span] = []
    i = 0
    for size in sizes:
        tokens.append((steps.tokens[i][0], steps.tokens[i + size - 1][1]))
        chars.append((steps.chars[i][0], steps.chars[i + size - 1][1]))
        i += size
    return Steps(steps.text, tokens, chars)


@dataclass(frozen=True)
class StepSplitter:
    """How completions are cut into steps.

    method: a name in :data:`SPLITTERS` (newline | sentence | regex | tokens). pattern: the regex of
    ``regex`` (a step ends where a match ends; use a lookahead such as ``(?=Step \\d)`` to cut before a
    marker). chunk_tokens: the step length of ``tokens``. max_steps: merge down to at most this many
    steps (0 = no limit).
    """

    method: str = "newline"
    pattern: str = ""
    chunk_tokens: int = 16
    max_steps: int = 0

    def __post_init__(self) -> None:
        SPLITTERS.check(self.method, "split")
        if self.method == "regex":
            if not self.pattern:
                raise ValueError("split_regex must be set when split='regex'")
            try:
                re.compile(self.pattern)
            except re.error as e:
                raise ValueError(f"split_regex is not a valid regular expression: {e}") from None
        if self.chunk_tokens < 1:
            raise ValueError(f"chunk_tokens must be >= 1, got {self.chunk_tokens}")
        if self.max_steps < 0:
            raise ValueError(f"max_steps must be >= 0, got {self.max_steps}")

    def __call__(self, ids: Sequence[int], tokenizer: Any) -> Steps:
        """The steps of the completion ``ids`` (real tokens only, no padding)."""
        return merge_steps(SPLITTERS[self.method](list(ids), tokenizer, self), self.max_steps)

    def split_text(self, text: str) -> list[str]:
        """Cut plain text into step strings (text splitters only; used for data without token ids)."""
        if self.method == "tokens":
            raise ValueError("split='tokens' needs token ids; use a text splitter for plain text")
        bounds = text_boundaries(text, self._pattern())
        return [text[s:e] for s, e in zip([0, *bounds[:-1]], bounds) if e > s]

    def _pattern(self) -> str:
        return {"newline": r"\n+", "sentence": SENTENCE_END}.get(self.method, self.pattern)


#: step splitters: (ids, tokenizer, splitter) -> Steps before merging
SPLITTERS: Registry[Callable[[list[int], Any, StepSplitter], Steps]] = Registry("step splitter")


def _text_splitter(ids: list[int], tokenizer: Any, sp: StepSplitter) -> Steps:
    text, char_spans = token_char_spans(ids, tokenizer)
    return steps_from_boundaries(text, char_spans, text_boundaries(text, sp._pattern()))


SPLITTERS.register("newline")(_text_splitter)
SPLITTERS.register("sentence")(_text_splitter)
SPLITTERS.register("regex")(_text_splitter)


@SPLITTERS.register("tokens")
def _token_chunks(ids: list[int], tokenizer: Any, sp: StepSplitter) -> Steps:
    """Fixed chunks of ``chunk_tokens`` tokens (the last may be shorter)."""
    text, char_spans = token_char_spans(ids, tokenizer)
    tokens = [(s, min(s + sp.chunk_tokens, len(ids))) for s in range(0, len(ids), sp.chunk_tokens)]
    return Steps(text, tokens, _char_spans_of(tokens, char_spans, len(text)))
