"""What renders invisibly on a white page: colours (LaTeX ``xcolor`` and CSS notations) and CSS styles.

A colour is invisible when it is transparent or so close to white that its contrast ratio against white (WCAG
2, from relative luminance) is at most :data:`MAX_CONTRAST`: ``white``, ``snow``, ``#FEFEFE``, ``black!0``,
``[gray]{1}``, ``[cmyk]{0,0,0,0}``, ``rgba(0,0,0,0)``, ``hsl(0,0%,100%)``. A style hides its element when it makes
it transparent (``opacity: 0``, an invisible ``color``), not drawn (``display: none``, ``visibility: hidden`` or
``collapse``), of no size (``font-size: 0``, ``transform: scale(0)``), clipped away (``clip-path: inset(50%)``
or more, ``clip: rect(0,0,0,0)``) or moved off the page (a ``left``/``top``/``text-indent``/``margin`` of -1000px
or beyond). Nearly nothing renders nothing legible either: an opacity, zoom or scale of at most
:data:`MIN_VISIBLE_SCALE`, a font under 2px, a TeX box of at most :data:`TINY_POINTS` or moved :data:`FAR_POINTS`
away; CSS Color 4 functions (``color()``, ``lab``, ``lch``, ``oklab``, ``oklch``, ``hwb``) and xcolor's ``hsb``
are read like the other notations, and text struck through (``line-through``) is withdrawn. Against a background
the completion sets, text is certainly legible only at a contrast ratio of :data:`LEGIBLE_CONTRAST` or more
(:func:`contrast`, :func:`over`); :func:`style_certainly_hides` tells a hiding nothing can undo. Every parser
here works on short bounded strings.
"""

from __future__ import annotations

import math
import re

from rlvr.verifiers.colour_names import CSS_NAMES, DVIPS_NAMES

#: a colour whose contrast ratio against white is at most this is invisible text (#EEEEEE is 1.16); against a
#: background the completion sets, text of at most this contrast is hidden in both readings
MAX_CONTRAST = 1.2
#: against a background the completion sets, text below this contrast ratio is not certainly legible (WCAG 2's
#: 3:1 for large text): the hidden reading removes it, so an answer must be legible for sure
LEGIBLE_CONTRAST = 3.0
#: the page a completion is read on: black text on white
WHITE: tuple[float, float, float] = (1.0, 1.0, 1.0)
BLACK: tuple[float, float, float] = (0.0, 0.0, 0.0)

_RGB = tuple[float, float, float]

#: named colours (xcolor's base names, CSS names of near-white colours), channels in [0, 1]
_NAMED: dict[str, _RGB] = {
    "white": (1, 1, 1),
    "black": (0, 0, 0),
    "red": (1, 0, 0),
    "green": (0, 1, 0),
    "blue": (0, 0, 1),
    "cyan": (0, 1, 1),
    "magenta": (1, 0, 1),
    "yellow": (1, 1, 0),
    "gray": (0.5, 0.5, 0.5),
    "grey": (0.5, 0.5, 0.5),
    "darkgray": (0.25, 0.25, 0.25),
    "lightgray": (0.75, 0.75, 0.75),
    "brown": (0.75, 0.5, 0.25),
    "lime": (0.75, 1, 0),
    "olive": (0.5, 0.5, 0),
    "orange": (1, 0.5, 0),
    "pink": (1, 0.75, 0.75),
    "purple": (0.75, 0, 0.25),
    "teal": (0, 0.5, 0.5),
    "violet": (0.5, 0, 0.5),
}
for _name, _hex in {
    "snow": "fffafa",
    "ghostwhite": "f8f8ff",
    "whitesmoke": "f5f5f5",
    "ivory": "fffff0",
    "floralwhite": "fffaf0",
    "mintcream": "f5fffa",
    "azure": "f0ffff",
    "aliceblue": "f0f8ff",
    "seashell": "fff5ee",
    "lavenderblush": "fff0f5",
    "honeydew": "f0fff0",
    "oldlace": "fdf5e6",
    "linen": "faf0e6",
    "cornsilk": "fff8dc",
    "lightyellow": "ffffe0",
    "lightcyan": "e0ffff",
    "beige": "f5f5dc",
}.items():
    _NAMED[_name] = tuple(int(_hex[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[assignment]
for _name, _rgb in {**DVIPS_NAMES, **CSS_NAMES}.items():
    _NAMED.setdefault(_name, _rgb)  # xcolor's base names keep xcolor's values

_NUM = r"[-+]?(?:\d{1,6}(?:\.\d{0,6})?|\.\d{1,6})"


def _luminance(c: _RGB) -> float:
    lin = [x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _near_white(c: _RGB) -> bool:
    return 1.05 / (_luminance(c) + 0.05) <= MAX_CONTRAST


def _hex(spec: str) -> tuple[_RGB, float] | None:
    """``#RGB``, ``#RGBA``, ``#RRGGBB``, ``#RRGGBBAA`` (the ``#`` optional): colour and alpha."""
    h = spec.lstrip("#")
    if not re.fullmatch(r"[0-9A-Fa-f]{3,8}", h) or len(h) not in (3, 4, 6, 8):
        return None
    if len(h) in (3, 4):
        h = "".join(ch * 2 for ch in h)
    rgb = tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    alpha = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
    return rgb, alpha  # type: ignore[return-value]


def _clamp(x: float) -> float:
    return min(1.0, max(0.0, x))


def _numbers(spec: str) -> list[float] | None:
    parts = [p.strip() for p in spec.split(",")]
    if not parts or not all(re.fullmatch(_NUM, p) for p in parts):
        return None
    return [float(p) for p in parts]


def _model_colour(model: str, spec: str) -> _RGB | None:
    """A colour given in an xcolor model: ``[rgb]{1,1,1}``, ``[RGB]{255,255,255}``, ``[gray]{1}``,
    ``[cmyk]{0,0,0,0}``, ``[cmy]{0,0,0}``, ``[HTML]{FFFFFF}``."""
    model = model.strip()
    if model == "HTML":
        got = _hex(spec.strip())
        return got[0] if got else None
    v = _numbers(spec)
    if v is None:
        return None
    if model == "rgb" and len(v) == 3:
        return (_clamp(v[0]), _clamp(v[1]), _clamp(v[2]))
    if model == "RGB" and len(v) == 3:
        return (_clamp(v[0] / 255), _clamp(v[1] / 255), _clamp(v[2] / 255))
    if model in ("gray", "Gray") and len(v) == 1:
        g = _clamp(v[0] / (15 if model == "Gray" else 1))
        return (g, g, g)
    if model == "cmyk" and len(v) == 4:
        k = _clamp(v[3])
        return tuple(_clamp((1 - _clamp(x)) * (1 - k)) for x in v[:3])  # type: ignore[return-value]
    if model == "cmy" and len(v) == 3:
        return tuple(1 - _clamp(x) for x in v)  # type: ignore[return-value]
    if model in ("hsb", "HSB") and len(v) == 3:  # white is any hue at saturation 0 and full brightness
        scale = 240 if model == "HSB" else 1
        sat, bright = _clamp(v[1] / scale), _clamp(v[2] / scale)
        return (bright, bright * (1 - sat), bright * (1 - sat))  # the hue's least bright channels bound it
    return None


def _xcolor_expression(spec: str) -> _RGB | None:
    """An xcolor expression ``c1!p1!c2!p2…`` (``black!0``, ``white!100!black``, ``red!20``): ``c!p!d`` is p% of c
    and the rest d; a trailing ``!p`` mixes with white. ``None`` for a name it does not know (unless weighted 0)."""
    tokens = [t.strip() for t in spec.split("!")]
    if len(tokens) > 9:
        return None
    cur = _NAMED.get(tokens[0].lower()) if tokens[0] else None
    i = 1
    while i < len(tokens):
        if not re.fullmatch(_NUM, tokens[i]):
            return None
        p = _clamp(float(tokens[i]) / 100)
        nxt_name = tokens[i + 1] if i + 1 < len(tokens) else "white"
        nxt = _NAMED.get(nxt_name.lower())
        if nxt is None and p < 1:
            return None
        if cur is None and p > 0:
            return None
        if p == 0:
            cur = nxt
        elif p == 1:
            cur = cur
        else:
            cur = tuple(p * a + (1 - p) * b for a, b in zip(cur, nxt))  # type: ignore[arg-type]
        i += 2
    return cur


def latex_colour(model: str | None, spec: str) -> tuple[_RGB, float] | None:
    """``\\textcolor[model]{spec}`` as (colour, alpha), ``None`` when it is not a colour this module reads."""
    spec = spec.strip()
    if len(spec) > 60:
        return None
    if model:
        c = _model_colour(model, spec)
        return None if c is None else (c, 1.0)
    if spec.startswith("#"):
        return _hex(spec)
    c = _xcolor_expression(spec)
    return None if c is None else (c, 1.0)


def css_colour(value: str) -> tuple[_RGB, float] | None:
    """A CSS colour value (``transparent``, ``#RGB[A]``, ``#RRGGBB[AA]``, ``rgb[a]()``, ``hsl[a]()``, a name this
    module knows) as (colour, alpha); ``None`` for any other value (``lab()``, ``var(--x)``, a gradient)."""
    v = _css_value(value)
    if v == "transparent":
        return (0.0, 0.0, 0.0), 0.0
    if v.startswith("#"):
        return _hex(v)
    if (f := _rgb_or_hsl(v)) is not None:
        fn, args, vals = f
        alpha = _clamp(vals[3]) if len(vals) == 4 else 1.0
        if fn.startswith("rgb"):
            scale = [1.0 if a.endswith("%") else 1 / 255 for a in args[:3]]
            return tuple(_clamp(x * s) for x, s in zip(vals, scale)), alpha  # type: ignore[return-value]
        sat = _clamp(vals[1] if args[1].endswith("%") else vals[1] / 100)
        light = _clamp(vals[2] if args[2].endswith("%") else vals[2] / 100)
        return _hsl(vals[0], sat, light), alpha
    c = _NAMED.get(v) or _CSS_DARK.get(v)
    return None if c is None else (c, 1.0)


def _css_value(value: str) -> str:
    return re.sub(r"\s*+!important$", "", value.strip().lower().rstrip(";").strip())


def _rgb_or_hsl(v: str) -> tuple[str, list[str], list[float]] | None:
    """``rgb[a]()``/``hsl[a]()`` with three or four arguments: the function, its arguments and their values (a
    percentage as a fraction)."""
    m = re.fullmatch(r"(rgba?|hsla?)\(\s*+([^()]{1,80}+)\)", v)
    if m is None:
        return None
    args = [a for a in re.split(r"[\s,/]+", m.group(2).strip()) if a]
    if len(args) not in (3, 4):
        return None
    try:
        return m.group(1), args, [float(a.rstrip("%deg")) / (100 if a.endswith("%") else 1) for a in args]
    except ValueError:
        return None


def _hsl(hue: float, sat: float, light: float) -> _RGB:
    """CSS ``hsl()`` to sRGB (CSS Color 4's algorithm)."""

    def f(n: float) -> float:
        k = (n + hue / 30) % 12
        return light - sat * min(light, 1 - light) * max(-1.0, min(k - 3, 9 - k, 1.0))

    return (f(0), f(8), f(4))


#: CSS names of dark colours (backgrounds a reader may set), beyond xcolor's base names
_CSS_DARK: dict[str, _RGB] = {
    name: tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[misc]
    for name, h in {
        "navy": "000080",
        "maroon": "800000",
        "darkblue": "00008b",
        "darkred": "8b0000",
        "darkgreen": "006400",
        "midnightblue": "191970",
        "darkslategray": "2f4f4f",
        "darkslategrey": "2f4f4f",
        "dimgray": "696969",
        "dimgrey": "696969",
        "indigo": "4b0082",
        "silver": "c0c0c0",
        "gold": "ffd700",
        "crimson": "dc143c",
    }.items()
}


def over(fg: tuple[_RGB, float], bg: _RGB) -> _RGB:
    """``fg`` (colour, alpha) composited over the opaque ``bg``."""
    (c, a), b = fg, bg
    return (a * c[0] + (1 - a) * b[0], a * c[1] + (1 - a) * b[1], a * c[2] + (1 - a) * b[2])


def contrast(a: _RGB, b: _RGB) -> float:
    """The WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def latex_colour_invisible(model: str | None, spec: str) -> bool:
    """``\\textcolor[model]{spec}`` (``model`` ``None`` when not given) renders invisibly on white."""
    spec = spec.strip()
    if len(spec) > 60:
        return False
    if model:
        c = _model_colour(model, spec)
        return c is not None and _near_white(c)
    if spec.startswith("#"):
        got = _hex(spec)
        return got is not None and (got[1] == 0 or _near_white(got[0]))
    c = _xcolor_expression(spec)
    return c is not None and _near_white(c)


def css_colour_invisible(value: str) -> bool:
    """A CSS colour value that renders invisibly on white: ``transparent``, zero alpha, near-white."""
    v = _css_value(value)
    if v == "transparent" or v.startswith(("#", "rgb")):
        got = css_colour(v)
        return got is not None and (got[1] <= 0 or _near_white(got[0]))
    if (f := _rgb_or_hsl(v)) is not None:  # hsl: by its lightness
        _, args, vals = f
        return len(vals) == 4 and vals[3] <= 0 or _clamp(vals[2] if args[2].endswith("%") else vals[2] / 100) >= 0.95
    m = re.fullmatch(r"(color|lab|lch|oklab|oklch|hwb)\(\s*+([^()]{1,80}+)\)", v)
    if m:
        return _function_colour_white(m.group(1), [a for a in re.split(r"[\s,/]+", m.group(2).strip()) if a])
    c = _NAMED.get(v)
    return c is not None and _near_white(c)


def _css_number(arg: str, percent_scale: float = 1.0) -> float | None:
    """A CSS number or percentage (``0.5``, ``50%``, ``1e-9``, ``calc(0)``), a percentage scaled to ``percent_scale``."""
    a = arg.strip()
    if a.startswith("calc(") and a.endswith(")"):
        a = a[5:-1].strip()
    pct = a.endswith("%")
    try:
        x = float(a.rstrip("%").removesuffix("deg")) if len(a) <= 30 else None
    except ValueError:
        return None
    return None if x is None else x * percent_scale / 100 if pct else x


def _function_colour_white(fn: str, args: list[str]) -> bool:
    """CSS Color 4 functions: ``color(srgb 1 1 1)``, ``lab(100 0 0)``, ``lch(100% 0 0)``, ``oklab(1 0 0)``,
    ``oklch(100% 0 0)``, ``hwb(0 100% 0%)`` render near white (or alpha 0) here."""
    if fn == "color":
        if len(args) < 4 or args[0] not in ("srgb", "srgb-linear", "display-p3", "a98-rgb", "rec2020"):
            return False
        vals = [_css_number(a) for a in args[1:4]]
        alpha = _css_number(args[4]) if len(args) > 4 else 1.0
        if any(x is None for x in vals) or alpha is None:
            return False
        return alpha <= 0 or _near_white(tuple(_clamp(x) for x in vals))  # type: ignore[arg-type,misc]
    if len(args) < 3:
        return False
    alpha = _css_number(args[3]) if len(args) > 3 else 1.0
    if alpha is not None and alpha <= 0:
        return True
    if fn == "hwb":
        white, black = _css_number(args[1], 100), _css_number(args[2], 100)
        return white is not None and black is not None and white >= 95 and black <= 5
    top = 1.0 if fn.startswith("ok") else 100.0  # lightness: oklab/oklch in [0, 1], lab/lch in [0, 100]
    light, a, b = (_css_number(x, top) for x in args[:3])
    if light is None or a is None or b is None:
        return False
    chroma = abs(a) if fn.endswith("ch") else max(abs(a), abs(b))
    return light >= 0.97 * top and chroma <= 0.05 * (0.4 if fn.startswith("ok") else 100)


_DECL = re.compile(r"([A-Za-z-]{1,30}+)\s*+:\s*+([^;]{0,120}+)")
_LENGTH = re.compile(rf"({_NUM})\s*+([a-z%]{{0,4}})")


def _zero(value: str) -> bool:
    m = _LENGTH.fullmatch(value.strip().lower().replace("!important", "").strip())
    return m is not None and float(m.group(1)) == 0


def _far_off(value: str) -> bool:
    m = _LENGTH.fullmatch(value.strip().lower().replace("!important", "").strip())
    return m is not None and float(m.group(1)) <= -1000 and m.group(2) in ("px", "pt", "em", "rem", "vw", "vh", "")


#: below this, an opacity or a scale factor renders nothing legible
MIN_VISIBLE_SCALE = 0.05
#: font sizes below these (per unit) render nothing legible
_MIN_FONT = {"px": 2.0, "pt": 1.5, "em": 0.15, "rem": 0.15, "%": 15.0, "ex": 0.3, "": 2.0}
#: a translation of this many px/pt/em or more moves the element off the page
_FAR = 1000
_TRANSLATE = re.compile(r"translate(?:x|y|3d)?+\(\s*+(-?\d{1,9}(?:\.\d{1,6})?+)(?:px|pt|em|rem|vw|vh)")


def _tiny_font(value: str) -> bool:
    m = _LENGTH.fullmatch(value.strip().lower().replace("!important", "").strip())
    return m is not None and m.group(2) in _MIN_FONT and abs(float(m.group(1))) < _MIN_FONT[m.group(2)]


def _near_zero(value: str) -> bool:
    x = _css_number(value.replace("!important", ""))
    return x is not None and abs(x) <= MIN_VISIBLE_SCALE


_ROTATE = re.compile(rf"rotate[xyz]?\(\s*+({_NUM})\s*+(deg|turn|rad|grad)?\s*+\)")
_ROTATE_3D = re.compile(r"rotate3d\(")
_SCALE = re.compile(r"scale(?:[xyz]|3d)?\(([^()]{0,60}+)\)")
_RTL = re.compile(r"(?i)(?<![-\w])direction\s*+:\s*+rtl")
_FULL_TURN = {"deg": 360.0, "turn": 1.0, "rad": 2 * math.pi, "grad": 400.0}


def _turns_or_flips(value: str) -> bool:
    """A CSS ``transform`` that turns the text (a rotation that is not a whole number of turns) or mirrors it (a
    negative scale)."""
    for r in _ROTATE.finditer(value):
        full = _FULL_TURN[r.group(2) or "deg"]
        angle = float(r.group(1)) % full
        if min(angle, full - angle) > full * 1e-6:
            return True
    if _ROTATE_3D.search(value):
        return True
    return any(
        (x := _css_number(part)) is not None and x < 0 for m in _SCALE.finditer(value) for part in m.group(1).split(",")
    )


def style_hides(style: str) -> bool:
    """A CSS ``style`` attribute's declarations hide the element (module docstring)."""
    for m in _DECL.finditer(style[:2000]):
        prop, value = m.group(1).lower(), m.group(2).strip().lower()
        if prop == "display" and value.startswith("none"):
            return True
        if prop in ("opacity", "zoom") and _near_zero(value) or prop == "font-size" and _tiny_font(value):
            return True  # opacity:0.01, zoom:0, font-size:0.1px
        if prop == "filter" and (f := re.fullmatch(r"opacity\(([^()]{1,30}+)\)", value)) and _near_zero(f.group(1)):
            return True
        if prop.startswith("text-decoration") and "line-through" in value:
            return True  # struck out: a withdrawn answer
        if prop == "clip-path" and re.fullmatch(r"(?:circle|ellipse)\(\s*+0*+(?:\.0*+)?+[a-z%]{0,3}\b.{0,60}+", value):
            return True
        if prop == "transform" and (t := _TRANSLATE.search(value)) and abs(float(t.group(1))) >= _FAR:
            return True  # translateX(-9999px): off the page
        if prop == "visibility" and value.startswith(("hidden", "collapse")):
            return True
        if prop in ("opacity", "font-size", "width", "height", "max-width", "max-height") and _zero(value):
            if prop in ("opacity", "font-size") or "overflow" in style:
                return True
        if prop in ("color", "-webkit-text-fill-color") and css_colour_invisible(value):
            return True
        if prop == "transform" and re.search(r"scale[xy]?\(\s*+0*+(?:\.0*+)?\s*+[,)]", value):
            return True
        if prop == "transform" and _turns_or_flips(value):
            return True  # rotate(180deg) draws 9 as 6, scaleX(-1) draws 52 mirrored: no longer the value
        if prop == "unicode-bidi" and "override" in value and _RTL.search(style):
            return True  # bidi-override with direction:rtl draws 52 as 25
        if prop == "clip-path" and (p := re.match(r"inset\(\s*+(\d{1,3})(?:\.\d+)?%", value)) and int(p.group(1)) >= 50:
            return True
        if prop == "clip" and re.fullmatch(r"rect\(\s*+0[a-z]*[\s,]+0[a-z]*[\s,]+0[a-z]*[\s,]+0[a-z]*\s*+\)", value):
            return True
        if prop in ("left", "top", "right", "text-indent", "margin-left", "margin-top") and _far_off(value):
            return True
    return False


#: CSS properties that can draw text that a colour, size or clip hides (a shadow, a stroke, a filter, a blend, a
#: background), or undo a hiding property (a transform scaling a tiny font back up, an animation)
_RESHOWING_PROPERTIES = (
    "text-shadow",
    "-webkit-text-stroke",
    "text-stroke",
    "paint-order",
    "filter",
    "backdrop-filter",
    "mix-blend-mode",
    "background",
    "-webkit-background-clip",
    "transform",
    "scale",
    "translate",
    "rotate",
    "zoom",
    "outline",
    "animation",
    "transition",
    "content",
)


def style_certainly_hides(style: str) -> bool:
    """The style attribute hides its element and nothing in it can undo that: :func:`style_hides`, with every
    property declared once (``display:none;display:inline`` is a cascade: the last one wins) and none that draws
    the text another way or undoes the hiding (:data:`_RESHOWING_PROPERTIES`)."""
    props = [m.group(1).lower() for m in _DECL.finditer(style[:2000])]
    if len(props) != len(set(props)) or any(p.startswith(_RESHOWING_PROPERTIES) for p in props):
        return False
    return style_hides(style)


#: CSS utility classes that hide their element (Bootstrap, Tailwind, WordPress, HTML5 Boilerplate)
HIDING_CLASSES = frozenset(
    "sr-only visually-hidden visuallyhidden screen-reader-text d-none hidden invisible hide".split()
)
_CLASS_RULE = re.compile(r"\.([A-Za-z_][\w-]{0,40}+)\s*+\{([^{}]{0,300}+)\}")


def hiding_classes(css: str) -> set[str]:
    """The classes a ``<style>`` sheet hides (``.x{display:none}``), read by :func:`style_hides`."""
    return {m.group(1) for m in _CLASS_RULE.finditer(css[:20_000]) if style_hides(m.group(2))}


_TEX_LENGTH = re.compile(rf"({_NUM})\s*+(pt|bp|mm|cm|in|em|ex|px|pc|sp)?")
#: a TeX length in points per unit
TEX_POINTS = {
    "pt": 1.0,
    "bp": 1.00375,
    "mm": 2.845,
    "cm": 28.45,
    "in": 72.27,
    "em": 10.0,
    "ex": 4.3,
    "px": 1.0,
    "pc": 12.0,
}


def tex_points(length: str) -> float | None:
    """A TeX length (``0.01pt``, ``-1000cm``, ``100cm``) in points, ``None`` when it is not one (``\\linewidth``)."""
    m = _TEX_LENGTH.fullmatch(length.strip())
    if m is None:
        return None
    return float(m.group(1)) * TEX_POINTS.get(m.group(2) or "pt", 0.0 if m.group(2) == "sp" else 1.0)


#: a move of this many points or more puts its content off the page (an A4 page is 842pt high)
FAR_POINTS = 1000.0
#: a box at most this many points wide or high renders nothing legible
TINY_POINTS = 1.0


def tex_scale_hides(factor: str) -> bool:
    """``\\scalebox{factor}`` renders nothing legible: |factor| ≤ :data:`MIN_VISIBLE_SCALE`."""
    x = _css_number(factor)
    return x is not None and abs(x) <= MIN_VISIBLE_SCALE


def adjustbox_hides(keys: str) -> bool:
    """``\\adjustbox{keys}`` scales its content to nothing (``scale=0``, ``width=0pt``) or makes it invisible."""
    for k, _, v in (kv.partition("=") for kv in keys.split(",")):
        k, v = k.strip(), v.strip()
        if (
            k == "scale"
            and tex_scale_hides(v)
            or k in ("width", "height", "totalheight")
            and ((p := tex_points(v)) is not None and abs(p) <= TINY_POINTS)
        ):
            return True
        if k in ("phantom", "hide"):
            return True
    return False
