"""A name → object registry: algorithms register under a name and configs choose them by that name.

>>> LOSSES = Registry("policy loss")
>>> @LOSSES.register("clipped")
... def clipped(x): ...
>>> LOSSES["clipped"] is clipped
True

Lookups of unknown names raise a :class:`KeyError` that lists the registered choices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Maps names to registered objects (usually pure functions). ``kind`` names what is registered."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """Decorator: register the decorated object under ``name`` (names are unique)."""

        def decorate(obj: T) -> T:
            if name in self._items:
                raise ValueError(f"{self.kind} {name!r} is already registered")
            self._items[name] = obj
            return obj

        return decorate

    def __getitem__(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            raise KeyError(f"unknown {self.kind} {name!r}; choices: {', '.join(self.names())}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        """Registered names, in registration order."""
        return list(self._items)

    def check(self, name: str, field: str) -> None:
        """Raise a :class:`ValueError` naming the config ``field`` when ``name`` is not registered."""
        if name not in self._items:
            raise ValueError(f"{field} must be one of {self.names()}, got {name!r}")
