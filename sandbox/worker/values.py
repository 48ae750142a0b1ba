"""Type-tagged JSON: the only form in which values cross between the solution and the trusted tests.
Plain data (exact types only: a subclass of ``int`` or ``str`` is not data) is encoded exactly; anything
else becomes a reference the other side can only hold as a proxy. Never pickle."""

from __future__ import annotations

import base64


def encode(x: object, ref: object = None, depth: int = 0) -> list:
    """Encode plain data exactly (type tags; subclasses are not data). Anything else becomes ``["r", id]``
    through ``ref`` (solution side) or raises TypeError (trusted side)."""
    if depth > 200:
        raise ValueError("value nested too deeply")
    t = type(x)
    if x is None:
        return ["n"]
    if t is bool:
        return ["b", x]
    if t is int:
        return ["i", hex(x)]
    if t is float:
        return ["f", x.hex()]
    if t is str:
        return ["s", x]
    if t is bytes:
        return ["y", base64.b64encode(x).decode()]
    if t is complex:
        return ["c", x.real.hex(), x.imag.hex()]
    if t in (list, tuple, set, frozenset):
        tag = {list: "l", tuple: "t", set: "S", frozenset: "F"}[t]
        return [tag, [encode(v, ref, depth + 1) for v in x]]
    if t is dict:
        return ["d", [[encode(k, ref, depth + 1), encode(v, ref, depth + 1)] for k, v in x.items()]]
    if ref is None:
        raise TypeError(f"cannot send a {t.__name__} to the solution")
    return ["r", ref(x)]


def decode(v: list, ref: object = None) -> object:
    tag = v[0]
    if tag == "n":
        return None
    if tag == "b":
        return bool(v[1])
    if tag == "i":
        return int(v[1], 16)
    if tag == "f":
        return float.fromhex(v[1])
    if tag == "s":
        if type(v[1]) is not str:
            raise TypeError("bad str")
        return v[1]
    if tag == "y":
        return base64.b64decode(v[1])
    if tag == "c":
        return complex(float.fromhex(v[1]), float.fromhex(v[2]))
    if tag in ("l", "t", "S", "F"):
        items = [decode(e, ref) for e in v[1]]
        return {"l": list, "t": tuple, "S": set, "F": frozenset}[tag](items)
    if tag == "d":
        return {decode(k, ref): decode(e, ref) for k, e in v[1]}
    if tag == "r" and ref is not None:
        return ref(int(v[1]))
    raise TypeError(f"bad value tag {tag!r}")


def short_repr(x: object, n: int = 200) -> str:
    try:
        s = repr(x)
    except BaseException:
        s = f"<{type(x).__name__}>"
    return s if len(s) <= n else s[:n] + "..."
