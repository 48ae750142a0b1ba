"""``DatasetTask``: the shared implementation of the Task protocol for built-in and user tasks.

A subclass sets ``name`` and implements :meth:`build` (the examples of one split); this class adds the
verifier, the cache and prompt rendering (the tokenizer's chat template when it has one, with the generation
prompt; else ``plain_template``). Reasoning models: ``chat_template_kwargs`` go to ``apply_chat_template``
(e.g. Qwen3's ``enable_thinking``), and ``assistant_prefill`` (e.g. ``"<think>\n"``) is appended to the
prompt so the completion starts inside it (score such completions with the format verifier's
``prefilled_think``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, ClassVar

from rlvr.tasks.base import Example
from rlvr.tasks.cache import cached_examples, config_key
from rlvr.verifiers.base import Verifier, get_verifier

logger = logging.getLogger(__name__)

SPLITS = ("train", "eval")
#: ``apply_chat_template`` arguments rlvr sets itself; ``chat_template_kwargs`` may not override them
RESERVED_TEMPLATE_KWARGS = frozenset(
    {"conversation", "messages", "tokenize", "add_generation_prompt", "continue_final_message", "return_dict"}
)


def render_chat(
    user_text: str,
    tokenizer: Any,
    *,
    system_prompt: str | None = None,
    plain_template: str = "{prompt}\n",
    chat_template_kwargs: Mapping[str, Any] | None = None,
    assistant_prefill: str = "",
) -> str:
    """The text a model sees for one user message.

    With a chat template: ``apply_chat_template`` with ``add_generation_prompt=True`` and
    ``chat_template_kwargs`` (``system_prompt`` None keeps the template's own default system message).
    Without one: ``plain_template`` with ``{prompt}`` substituted. ``assistant_prefill`` is appended unless
    the rendered text already ends with it (templates that open ``<think>`` themselves).
    """
    if getattr(tokenizer, "chat_template", None):
        messages = [{"role": "system", "content": system_prompt}] if system_prompt is not None else []
        messages.append({"role": "user", "content": user_text})
        text = tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True, **dict(chat_template_kwargs or {})
        )
    else:
        text = plain_template.format(prompt=user_text)
    return text if text.endswith(assistant_prefill) else text + assistant_prefill


def unused_template_kwargs(tokenizer: Any, kwargs: Mapping[str, Any]) -> list[str]:
    """Keys of ``kwargs`` that the tokenizer's chat template never names (a typo such as
    ``enable_thinkng`` would otherwise be silently ignored by Jinja); all of them without a template."""
    template = getattr(tokenizer, "chat_template", None) or ""
    if isinstance(template, dict):  # named templates
        template = " ".join(template.values())
    return [k for k in kwargs if not re.search(rf"\b{re.escape(k)}\b", template)]


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


def drop_long_prompts(
    task: Any,
    examples: Sequence[Example],
    tokenizer: Any,
    max_tokens: int | None,
    field: str = "rollout.max_prompt_tokens",
) -> list[Example]:
    """``examples`` whose rendered prompt has at most ``max_tokens`` tokens (all of them when None); the
    dropped ones are logged (verl's ``filter_overlong_prompts``). ValueError naming ``field`` when none fit."""
    if max_tokens is None:
        return list(examples)
    kept = [e for e in examples if len(encode_prompt(task, e, tokenizer)) <= max_tokens]
    dropped = len(examples) - len(kept)
    if dropped and not kept:
        raise ValueError(f"{field}: every one of the {len(examples)} prompts is longer than {max_tokens} tokens")
    if dropped:
        logger.warning(
            "%d of %d prompts are longer than %s=%d tokens and are left out", dropped, len(examples), field, max_tokens
        )
    return kept


class DatasetTask:
    """Base of the built-in tasks. Examples are built once per split, cached on disk, held in memory."""

    name: ClassVar[str] = ""
    #: Default verifier name and its keyword arguments (``verifier_args`` override them).
    default_verifier: ClassVar[str] = "math"
    default_verifier_args: ClassVar[Mapping[str, Any]] = {}

    def __init__(
        self,
        *,
        verifier: str | None = None,
        verifier_args: Mapping[str, Any] | None = None,
        system_prompt: str | None = None,
        plain_template: str = "{prompt}\n",
        chat_template_kwargs: Mapping[str, Any] | None = None,
        assistant_prefill: str = "",
        cache: bool = True,
    ) -> None:
        if "{prompt}" not in plain_template:
            raise ValueError(f"{self.name}: plain_template must contain '{{prompt}}', got {plain_template!r}")
        if chat_template_kwargs is not None and not isinstance(chat_template_kwargs, Mapping):
            raise ValueError(f"{self.name}: chat_template_kwargs must be a mapping, got {chat_template_kwargs!r}")
        reserved = sorted(RESERVED_TEMPLATE_KWARGS & set(chat_template_kwargs or {}))
        if reserved:
            raise ValueError(f"{self.name}: chat_template_kwargs may not set {reserved[0]!r} (rlvr sets it)")
        if not isinstance(assistant_prefill, str):
            raise ValueError(f"{self.name}: assistant_prefill must be a string, got {assistant_prefill!r}")
        self.verifier_name = verifier or self.default_verifier
        self.verifier_args = dict(verifier_args or {})
        if verifier is None or verifier == self.default_verifier:
            self.verifier_args = {**self.default_verifier_args, **self.verifier_args}
        self.system_prompt = system_prompt
        self.plain_template = plain_template
        self.chat_template_kwargs = dict(chat_template_kwargs or {})
        self.assistant_prefill = assistant_prefill
        self._checked_template: int | None = None
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
        return self.render_user(example.prompt, tokenizer)

    def render_user(self, user_text: str, tokenizer: Any) -> str:
        """``user_text`` rendered with this task's chat settings (see :func:`render_chat`)."""
        if self.chat_template_kwargs and self._checked_template != id(tokenizer):
            self._checked_template = id(tokenizer)
            unused = unused_template_kwargs(tokenizer, self.chat_template_kwargs)
            if unused:
                logger.warning(
                    "%s: chat_template_kwargs %s are not used by the tokenizer's chat template%s",
                    self.name,
                    unused,
                    "" if getattr(tokenizer, "chat_template", None) else " (it has none)",
                )
        return render_chat(
            user_text,
            tokenizer,
            system_prompt=self.system_prompt,
            plain_template=self.plain_template,
            chat_template_kwargs=self.chat_template_kwargs,
            assistant_prefill=self.assistant_prefill,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.config()})"
