"""``DatasetTask``: the shared implementation of the Task protocol for built-in and user tasks.

A subclass sets ``name`` and implements :meth:`build` (the examples of one split); this class adds the
verifier, the cache and prompt rendering (the tokenizer's chat template when it has one, with the generation
prompt; else ``plain_template``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from rlvr.tasks.base import Example
from rlvr.tasks.cache import cached_examples, config_key
from rlvr.verifiers.base import Verifier, get_verifier

SPLITS = ("train", "eval")


def render_chat(
    user_text: str, tokenizer: Any, *, system_prompt: str | None = None, plain_template: str = "{prompt}\n"
) -> str:
    """The text a model sees for one user message.

    With a chat template: ``apply_chat_template`` with ``add_generation_prompt=True`` (``system_prompt``
    None keeps the template's own default system message). Without one: ``plain_template`` with
    ``{prompt}`` substituted.
    """
    if getattr(tokenizer, "chat_template", None):
        messages = [{"role": "system", "content": system_prompt}] if system_prompt is not None else []
        messages.append({"role": "user", "content": user_text})
        return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    return plain_template.format(prompt=user_text)


def encode_prompt(task: Any, example: Example, tokenizer: Any) -> list[int]:
    """Token ids of ``task.render_prompt(example, tokenizer)``: the rendered text is tokenized without
    adding special tokens (a chat template writes its own); a plain prompt gets the BOS token in front when
    the tokenizer has one."""
    text = task.render_prompt(example, tokenizer)
    ids = list(tokenizer(text, add_special_tokens=False)["input_ids"])
    bos = getattr(tokenizer, "bos_token_id", None)
    if bos is not None and not getattr(tokenizer, "chat_template", None) and (not ids or ids[0] != bos):
        ids.insert(0, bos)
    return ids


class DatasetTask:
    """Base of the built-in tasks. Examples are built once per split, cached on disk, held in memory."""

    name: ClassVar[str] = ""
    #: Default verifier name and its keyword arguments.
    default_verifier: ClassVar[str] = "math"

    def __init__(
        self,
        *,
        verifier: str | None = None,
        verifier_args: Mapping[str, Any] | None = None,
        system_prompt: str | None = None,
        plain_template: str = "{prompt}\n",
        cache: bool = True,
    ) -> None:
        if "{prompt}" not in plain_template:
            raise ValueError(f"{self.name}: plain_template must contain '{{prompt}}', got {plain_template!r}")
        self.verifier_name = verifier or self.default_verifier
        self.verifier_args = dict(verifier_args or {})
        self.system_prompt = system_prompt
        self.plain_template = plain_template
        self.use_cache = cache
        self._examples: dict[str, list[Example]] = {}

    @cached_property
    def verifier(self) -> Verifier:  # type: ignore[override]
        return get_verifier(self.verifier_name, **self.verifier_args)

    def config(self) -> dict[str, Any]:
        """The settings that determine the examples (the cache key). Subclasses extend it."""
        return {}

    def build(self, split: str) -> list[Example]:
        """Build the examples of ``split`` from scratch."""
        raise NotImplementedError

    def examples(self, split: str) -> Sequence[Example]:
        if split not in SPLITS:
            raise ValueError(f"{self.name}: split must be one of {SPLITS}, got {split!r}")
        if split not in self._examples:
            if self.use_cache:
                key = config_key(f"{self.name}-{split}", self.config())
                self._examples[split] = cached_examples(key, lambda: self.build(split))
            else:
                self._examples[split] = self.build(split)
        return self._examples[split]

    def render_prompt(self, example: Example, tokenizer: Any) -> str:
        return render_chat(
            example.prompt, tokenizer, system_prompt=self.system_prompt, plain_template=self.plain_template
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.config()})"
