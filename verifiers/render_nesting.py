"""What nested HTML elements add up to: each element's opacity, font size, scale and horizontal shift may be
harmless alone, but a reader sees their product (opacity, size, scale) or sum (shift) down the element stack.
The hidden reading judges the accumulated value with the thresholds of a single one (docs/verifiers.md, "What
renders")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from rlvr.verifiers.invisible import MAX_CONTRAST, MIN_VISIBLE_SCALE, WHITE, contrast, css_colour, over

#: the smallest product of opacities, and of font-size factors (of the 16px default) with scales, that is legible
MIN_PRODUCT = 0.5
#: the largest horizontal shift, in pixels, the moves of nested elements may add up to
MAX_SHIFT = 100.0
#: an element moved back by more than this many pixels may be drawn over what precedes it on its line (a digit
#: is about 9px wide at 16px)
MAX_BACK_SHIFT = 3.0

_TAG = re.compile(r"<(/?+)([A-Za-z][A-Za-z0-9]{0,20}+)([^<>]{0,600}+)>")
_STYLE = re.compile(r"""(?i)\bstyle\s*+=\s*+(?:"([^"]{0,600}+)"|'([^']{0,600}+)')""")
_DECL = re.compile(r"([A-Za-z-]{1,40}+)\s*+:\s*+([^;]{0,200}+)")
_NUMBER = re.compile(r"\s*+([-+]?+\d{0,6}+(?:\.\d{1,6}+)?+)\s*+(px|pt|em|rem|%)?+\s*+")
_FUNCTION = re.compile(r"(scale[xy]?+|translatex?+)\(\s*+([^()]{1,40}+)\)")
_INK = re.compile(r"\S")
_VOID = frozenset("br hr wbr img col area source track input meta base link".split())
_SMALLER = 0.83
_TAG_SIZE = {"small": _SMALLER, "sub": _SMALLER, "sup": _SMALLER, "big": 1.2}
_SIZE_WORDS = {
    "xx-small": 9 / 16, "x-small": 10 / 16, "small": 13 / 16, "medium": 1.0, "large": 18 / 16,
    "x-large": 1.5, "xx-large": 2.0, "smaller": _SMALLER, "larger": 1.2,
}  # fmt: skip
_ABSOLUTE = {"px": 1 / 16, "pt": 4 / 3 / 16, "rem": 1.0}


@dataclass(frozen=True)
class _State:
    opacity: float = 1.0
    size: float = 1.0  # of the 16px default
    scale: float = 1.0
    shift: float = 0.0
    colour: tuple[float, float, float] | None = None


def _number(value: str) -> tuple[float, str | None] | None:
    m = _NUMBER.fullmatch(value)
    if m is None or m.group(1) in ("", "+", "-", "."):
        return None
    return float(m.group(1)), m.group(2)


def _size(value: str, size: float) -> float:
    if value in _SIZE_WORDS:
        return (size if value in ("smaller", "larger") else 1.0) * _SIZE_WORDS[value]
    n = _number(value)
    if n is None:
        return size
    num, unit = n
    if unit in _ABSOLUTE:
        return num * _ABSOLUTE[unit]
    return size * (num / 100 if unit == "%" else num)


def _transform(value: str, state: _State) -> tuple[float, float]:
    scale, shift = state.scale, state.shift
    for f in _FUNCTION.finditer(value):
        parts = f.group(2).split(",")
        n = _number(parts[0])
        if n is None:
            continue
        if f.group(1).startswith("scale"):
            scale *= abs(n[0])
        elif n[1] in (None, "px", "pt"):
            shift += n[0]
    return scale, shift


def _child(state: _State, name: str, attrs: str) -> _State:
    """The state inside an element: its own factors applied to its parent's (the parent's own object when the
    element changes nothing)."""
    s = _STYLE.search(attrs)
    if s is None and name not in _TAG_SIZE:
        return state
    opacity, size, scale, shift = state.opacity, state.size * _TAG_SIZE.get(name, 1.0), state.scale, state.shift
    colour = state.colour
    for d in _DECL.finditer((s.group(1) or s.group(2)) if s else ""):
        prop, value = d.group(1).lower(), d.group(2).strip().lower().removesuffix("!important").strip()
        if prop == "opacity" and (n := _number(value)) is not None:
            opacity *= n[0] / 100 if n[1] == "%" else n[0]
        elif prop == "font-size":
            size = _size(value, size)
        elif prop == "transform":
            scale, shift = _transform(value, _State(scale=scale, shift=shift))
        elif prop in ("left", "margin-left") and (n := _number(value)) is not None and n[1] in (None, "px", "pt"):
            shift += n[0]
        elif prop == "right" and (n := _number(value)) is not None and n[1] in (None, "px", "pt"):
            shift -= n[0]
        elif prop == "color" and (c := css_colour(value)) is not None:
            colour = over(c, WHITE)
    return _State(opacity, size, scale, shift, colour)


def _illegible(state: _State) -> bool:
    if min(state.opacity, state.size * state.scale) < MIN_PRODUCT or abs(state.shift) > MAX_SHIFT:
        return True
    if state.colour is not None and state.opacity < 1:
        return contrast(over((state.colour, state.opacity), WHITE), WHITE) <= MAX_CONTRAST
    return False


_T = TypeVar("_T")


def _cut_elements(
    text: str,
    code_end: Callable[[int], int],
    element_end: Callable[[str, int, str], int],
    enter: Callable[[re.Match[str], _T], tuple[_T, int | None]],
    root: _T,
) -> list[tuple[int, int]]:
    """The spans of ``text`` cut by ``enter``, walking its elements outside code spans with a stack of values:
    ``enter(tag, parent)`` gives an opening tag's value from its parent's (``root`` at the top) and, when the
    element is cut, where the cut starts (it ends at the element's end, ``element_end(text, start, name)``, and
    nothing inside it is walked). A closing tag pops back to its element within 40 levels; void and
    self-closing tags push nothing. Linear: each tag is pushed and popped once, a cut span is skipped."""
    stack: list[tuple[str, _T]] = []
    cuts: list[tuple[int, int]] = []
    tags = _TAG.finditer(text)  # restarted only where the walk jumps ahead
    while (m := next(tags, None)) is not None:
        if (literal := code_end(m.start())) >= 0:
            if literal > m.end():
                tags = _TAG.finditer(text, literal)
            continue
        name = m.group(2).lower()
        if m.group(1):
            for k in range(len(stack) - 1, max(-1, len(stack) - 40), -1):
                if stack[k][0] == name:
                    del stack[k:]
                    break
            continue
        if name in _VOID or m.group(3).rstrip().endswith("/"):
            continue
        value, cut = enter(m, stack[-1][1] if stack else root)
        if cut is not None:
            end = element_end(text, m.end(), name)
            cuts.append((cut, end))
            if end > m.end():
                tags = _TAG.finditer(text, end)
            continue
        stack.append((name, value))
    return cuts


def nesting_cuts(
    text: str, code_end: Callable[[int], int], element_end: Callable[[str, int, str], int]
) -> list[tuple[int, int]]:
    """The spans of ``text`` inside an element where the accumulated opacity, size, scale or shift (or the
    colour at the accumulated opacity) is not legible: from its start tag to its end tag, or the end of the
    text; for an element moved back by more than :data:`MAX_BACK_SHIFT` after something on its line, from the
    line's start, since it may be drawn over what precedes it. ``code_end(i)`` is the end of the code span at
    ``i`` or -1, ``element_end(text, start, name)`` the end of an element. Linear (:func:`_cut_elements`; each
    line's start is looked for once)."""
    scanned, line, ink = 0, 0, -1  # how far lines were looked for, the current line's start and first character

    def enter(m: re.Match[str], parent: _State) -> tuple[_State, int | None]:
        nonlocal scanned, line, ink
        state = _child(parent, m.group(2).lower(), m.group(3))
        if state is parent:  # legible (it was not cut) and not moved
            return state, None
        start = m.start()
        if (nl := text.rfind("\n", scanned, start)) >= 0:  # the line's start, each character looked at once
            line, ink = nl + 1, -1
        scanned = start
        if state.shift - parent.shift < -MAX_BACK_SHIFT:
            if ink < 0:
                ink = _INK.search(text, line).start()  # at most start: the tag is ink
            if ink < start:
                start = line
        return state, (start if start < m.start() or _illegible(state) else None)

    return _cut_elements(text, code_end, element_end, enter, _State())


#: a product of opacities at most this certainly hides (the threshold of a single ``opacity`` declaration,
#: :data:`rlvr.verifiers.invisible.MIN_VISIBLE_SCALE`)
MAX_HIDDEN_OPACITY = MIN_VISIBLE_SCALE

_OPACITY = re.compile(r"(?i)(?<![-\w])opacity\s*+:")


def _own_opacity(attrs: str) -> float | None:
    """An element's own ``opacity`` from its style attribute (1 when it declares none), ``None`` when a reader's
    value could differ: declared twice (a cascade) or not a plain number."""
    s = _STYLE.search(attrs)
    style = (s.group(1) or s.group(2)) if s else ""
    if len(_OPACITY.findall(style)) > 1 or len(_STYLE.findall(attrs)) > 1:
        return None
    for d in _DECL.finditer(style):
        if d.group(1).lower() == "opacity":
            n = _number(d.group(2).strip().lower())
            return None if n is None or n[1] not in (None, "%") else n[0] / 100 if n[1] == "%" else n[0]
    return 1.0


def faded_cuts(
    text: str, code_end: Callable[[int], int], element_end: Callable[[str, int, str], int]
) -> list[tuple[int, int]]:
    """The spans of ``text`` inside nested elements whose opacities multiply to at most
    :data:`MAX_HIDDEN_OPACITY`: certainly invisible, since a descendant cannot draw more opaque than its
    ancestors' group (each element's opacity read only when it is certain, and no style sheet can restyle them;
    the caller checks that). Linear (:func:`_cut_elements`)."""

    def enter(m: re.Match[str], parent: float) -> tuple[float, int | None]:
        own = _own_opacity(m.group(3))
        opacity = parent * (1.0 if own is None else max(0.0, own))
        return opacity, (m.start() if opacity <= MAX_HIDDEN_OPACITY else None)

    return _cut_elements(text, code_end, element_end, enter, 1.0)
