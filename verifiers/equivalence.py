"""Mathematical equivalence of two answer strings: structure first, then exact numbers, then sympy.

Runs inside a time-limited worker (:mod:`rlvr.verifiers.workers`); nothing here evaluates model text as
Python: LaTeX is parsed by latex2sympy2_extended's ANTLR grammar into sympy objects.

Structure (parsed by hand, top-level only, so that policies are ours and explicit):

* multiple-choice letters ``B`` = ``(B)`` = ``\\text{(B)}``;
* equations: ``x=2`` matches ``2`` when one side is a lone variable; two equations match when their
  left-hand sides agree and right-hand sides match, or when ``lhs - rhs`` differ by a non-zero constant
  factor (rearranged equations: ``y=2x+1`` = ``2x-y+1=0``);
* inequalities become intervals (``x>2`` = ``(2,\\infty)``, ``x<1 \\text{ or } x>2`` = a union);
* intervals compare endpoints and open/closed ends; unions compare as unordered collections of intervals;
  ``(a,b)`` is both a pair and an open interval, so it matches either;
* sets ``\\{…\\}`` and bare lists ``1, 2`` compare as unordered collections (same size, one-to-one);
  tuples ``(…)``, ``\\langle…\\rangle``, ``[a,b,c]`` compare in order; matrices (``pmatrix``, ``bmatrix``,
  ``vmatrix``, ``matrix``) compare cell by cell and a one-row/one-column matrix matches a tuple;
* ``a \\pm b`` is the set ``{a+b, a-b}``.

Scalars: equal normalised strings; else exact numbers (:mod:`rlvr.verifiers.normalize`, with the decimal
policy there); else sympy: exact rational comparison, a high-precision numeric *rejection* (values that
differ beyond 1e-20 relative are unequal, so ``1/2^99`` ≠ ``1/2^98`` and ``1-1/e`` ≠ ``1+1/e`` exactly),
then ``simplify(a - b) == 0``, then agreement to 80 significant digits for constants sympy cannot simplify.
Percent answers also match their value divided by 100; degree answers also match the value in radians.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from rlvr.verifiers.latex_fast import Unsupported, parse_latex_fast
from rlvr.verifiers.normalize import (
    MIN_SIG_DIGITS,
    Normalized,
    Num,
    normalize,
    numbers_match,
    parse_number,
    split_or,
)

#: answers (either side) longer than this are rejected before any parsing
MAX_ANSWER_CHARS = 1000
#: and so are answers whose brackets nest deeper than this
MAX_NESTING = 40

_CHOICE = re.compile(r"^\(?([A-J])\)?$")
_VARIABLE = re.compile(r"^(?:[A-Za-z]|\\[A-Za-z]+)(?:_\{?[A-Za-z0-9]+\}?)?(?:\([A-Za-z, ]*\))?'?$")
_MATRIX = re.compile(r"^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^{}]*\})?(.*)\\end\{\1\}$", re.S)
_OPEN = {"(": ")", "[": "]", "{": "}"}
_REL_OPS = re.compile(r"\\le(?![A-Za-z])|\\ge(?![A-Za-z])|<=|>=|<|>")


class AnswerTooComplex(ValueError):
    """The answer exceeds the size or nesting caps."""


@dataclass(frozen=True)
class Interval:
    lo: str
    hi: str
    lo_closed: bool
    hi_closed: bool


@dataclass(frozen=True)
class Node:
    """A parsed answer. kind: scalar | choice | eq | set | tuple | intervals | matrix."""

    kind: str
    text: str = ""
    norm: Normalized | None = None
    items: tuple[Any, ...] = ()
    lhs: str = ""
    rhs: Node | None = None
    parens_pair: bool = False  # a (a, b) tuple, also readable as an open interval


# ---------------------------------------------------------------- structure


def _check_caps(s: str) -> None:
    if len(s) > MAX_ANSWER_CHARS:
        raise AnswerTooComplex(f"answer of {len(s)} characters exceeds the cap of {MAX_ANSWER_CHARS}")
    depth = peak = 0
    for ch in s:
        if ch in "({[":
            depth += 1
            peak = max(peak, depth)
        elif ch in ")}]":
            depth -= 1
    if peak > MAX_NESTING:
        raise AnswerTooComplex(f"answer nests {peak} brackets deep, above the cap of {MAX_NESTING}")


def _split_top(s: str, seps: tuple[str, ...]) -> list[str]:
    """Split ``s`` at separators that sit outside every bracket (``\\{``, ``\\langle`` included)."""
    parts, depth, start, i, n = [], 0, 0, 0, len(s)
    while i < n:
        ch = s[i]
        if ch == "\\":
            if s.startswith("\\{", i) or s.startswith("\\langle", i):
                depth += 1
            elif s.startswith("\\}", i) or s.startswith("\\rangle", i):
                depth -= 1
            elif depth == 0:
                for sep in seps:
                    if (
                        sep.startswith("\\")
                        and s.startswith(sep, i)
                        and not s[i + len(sep) : i + len(sep) + 1].isalpha()
                    ):
                        parts.append(s[start:i])
                        i += len(sep)
                        start = i
                        break
                else:
                    i += 1
                    continue
                continue
            i += 2 if s.startswith(("\\{", "\\}"), i) else 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch in seps:
            parts.append(s[start:i])
            start = i + 1
        i += 1
    parts.append(s[start:])
    return [p.strip() for p in parts]


def _outer_pair(s: str, open_: str, close: str) -> bool:
    """``s`` is wrapped by one bracket pair whose opener matches its last character."""
    if not (s.startswith(open_) and s.endswith(close)) or len(s) < len(open_) + len(close):
        return False
    inner = s[len(open_) : len(s) - len(close)]
    return len(_split_top(inner + "\x00", ("\x00",))) == 2 and _balanced(inner)


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s.replace("\\{", "(").replace("\\}", ")"):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _is_thousands(s: str) -> bool:
    return parse_number(s) is not None and "," in s


@lru_cache(maxsize=4096)
def parse_structure(raw: str) -> Node:
    """Parse an extracted answer into a :class:`Node` (cached: references repeat across a group)."""
    _check_caps(raw)
    norm = normalize(split_or(raw) if "or" in raw or "and" in raw or "quad" in raw else raw)
    return _parse(norm)


def _parse(norm: Normalized) -> Node:
    s = norm.text
    m = _CHOICE.match(s)
    if m:
        return Node("choice", text=m.group(1))
    m = _MATRIX.match(s)
    if m:
        rows = [r for r in re.split(r"\\\\", m.group(2)) if r.strip() and not r.strip().startswith("\\hline")]
        cells = tuple(tuple(_parse_sub(c) for c in r.split("&")) for r in rows)
        if cells and all(len(r) == len(cells[0]) for r in cells):
            return Node("matrix", text=s, items=cells)
    commas = _split_top(s, (",", ";"))
    if len(commas) > 1 and not _is_thousands(s):
        if all(_top_eq(p) for p in commas) or all(_REL_OPS.search(p) for p in commas):
            items = tuple(_parse_sub(p) for p in commas)
            if all(it.kind == "intervals" for it in items):
                return Node("intervals", text=s, items=tuple(iv for it in items for iv in it.items))
            return Node("set", text=s, items=items)
    eq = _split_top(s, ("=", "\\in"))
    if len(eq) >= 2 and eq[0] and eq[-1]:
        return Node("eq", text=s, lhs=eq[0], rhs=_parse(Normalized(eq[-1], norm.percent, norm.degrees)))
    ivs = _parse_intervals(s)
    if ivs is not None:
        return Node("intervals", text=s, items=tuple(ivs))
    if len(commas) > 1 and not _is_thousands(s):
        return Node("set", text=s, items=tuple(_parse_sub(p) for p in commas))
    if _outer_pair(s, "{", "}") and not s.startswith("{}"):  # plain braces: a set when listed, else grouping
        inner = s[1:-1].strip()
        parts = _split_top(inner, (",", ";"))
        if len(parts) > 1 and not _is_thousands(inner):
            return Node("set", text=s, items=tuple(_parse_sub(p) for p in parts if p))
        return _parse(Normalized(inner, norm.percent, norm.degrees))
    if _outer_pair(s, "\\{", "\\}"):
        inner = s[2:-2]
        return Node("set", text=s, items=tuple(_parse_sub(p) for p in _split_top(inner, (",", ";")) if p))
    for open_, close in (("(", ")"), ("\\langle", "\\rangle"), ("[", "]")):
        if _outer_pair(s, open_, close):
            parts = _split_top(s[len(open_) : len(s) - len(close)], (",",))
            if len(parts) > 1:
                return Node(
                    "tuple",
                    text=s,
                    items=tuple(_parse_sub(p) for p in parts),
                    parens_pair=open_ == "(" and len(parts) == 2,
                )
    pm = _split_top(s, ("\\pm", "\\mp"))
    if len(pm) == 2:
        a, b = pm
        plus, minus = (f"{a}+{b}", f"{a}-({b})") if a else (b, f"-({b})")
        return Node("set", text=s, items=(_parse_sub(plus), _parse_sub(minus)))
    return Node("scalar", text=s, norm=norm)


def _parse_sub(s: str) -> Node:
    return _parse(normalize(s))


def _top_eq(s: str) -> bool:
    return len(_split_top(s, ("=",))) > 1


def _parse_intervals(s: str) -> list[Interval] | None:
    """Intervals, unions of intervals (``\\cup``) or inequalities in one variable; ``None`` otherwise."""
    parts = _split_top(s, ("\\cup",))
    out: list[Interval] = []
    for p in parts:
        iv = _interval(p) or _inequality(p)
        if iv is None:
            return None
        out.append(iv)
    if len(parts) == 1 and s.startswith("(") and s.endswith(")") and not _REL_OPS.search(s):
        return None  # a plain (a, b): a pair, parsed as a tuple that also matches an open interval
    return out


def _interval(p: str) -> Interval | None:
    if len(p) < 5 or p[0] not in "([" or p[-1] not in ")]":
        return None
    inner = p[1:-1]
    if not _balanced(inner):
        return None
    ends = _split_top(inner, (",",))
    if len(ends) != 2 or not all(ends):
        return None
    return Interval(ends[0], ends[1], p[0] == "[", p[-1] == "]")


def _inequality(p: str) -> Interval | None:
    """``x > 2``, ``-1 < x \\le 3``, ``2 \\ge x`` as an interval; ``None`` if not one variable."""
    ops = [m for m in _REL_OPS.finditer(p)]
    if not ops or len(ops) > 2:
        return None
    terms, last = [], 0
    for m in ops:
        terms.append(p[last : m.start()].strip())
        last = m.end()
    terms.append(p[last:].strip())
    sym = [m.group(0) for m in ops]
    less = [o in ("<", "\\le", "<=") for o in sym]
    closed = [o in ("\\le", "\\ge", "<=", ">=") for o in sym]
    if len(terms) == 2:
        a, b = terms
        if _VARIABLE.match(a):
            lo_hi = ("-\\infty", b, False, closed[0]) if less[0] else (b, "\\infty", closed[0], False)
        elif _VARIABLE.match(b):
            lo_hi = (a, "\\infty", closed[0], False) if less[0] else ("-\\infty", a, False, closed[0])
        else:
            return None
        return Interval(*lo_hi)
    a, x, b = terms
    if not _VARIABLE.match(x) or less[0] != less[1]:
        return None
    if less[0]:
        return Interval(a, b, closed[0], closed[1])
    return Interval(b, a, closed[1], closed[0])


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Policy:
    """Knobs of the equivalence check (see the module docstring)."""

    min_sig_digits: int = MIN_SIG_DIGITS
    percent: bool = True
    degrees: bool = True


def equivalent(pred: str, gold: str, policy: Policy | None = None) -> bool:
    """Whether answer ``pred`` equals answer ``gold`` (both extracted strings)."""
    policy = policy or Policy()
    return _match(parse_structure(pred), parse_structure(gold), policy)


def _match(p: Node, g: Node, pol: Policy) -> bool:
    if g.kind == "choice" or p.kind == "choice":
        return p.kind == g.kind and p.text == g.text
    if p.kind == "eq" and g.kind == "eq":
        if _key(p.lhs) == _key(g.lhs) and p.rhs is not None and g.rhs is not None and _match(p.rhs, g.rhs, pol):
            return True
        return _equations_equivalent(p, g)
    if g.kind == "eq":
        return _VARIABLE.match(g.lhs) is not None and g.rhs is not None and _match(p, g.rhs, pol)
    if p.kind == "eq":
        return _VARIABLE.match(p.lhs) is not None and p.rhs is not None and _match(p.rhs, g, pol)
    if g.kind == "intervals" or p.kind == "intervals":
        pi, gi = _as_intervals(p), _as_intervals(g)
        return pi is not None and gi is not None and _unordered(pi, gi, lambda a, b: _interval_eq(a, b, pol))
    if g.kind == "set":
        if p.kind in ("set", "tuple"):
            return _unordered(list(p.items), list(g.items), lambda a, b: _match(a, b, pol))
        return len(g.items) == 1 and _match(p, g.items[0], pol)
    if g.kind == "tuple":
        items = _vector(p)
        return (
            items is not None and len(items) == len(g.items) and all(_match(a, b, pol) for a, b in zip(items, g.items))
        )
    if g.kind == "matrix":
        if p.kind == "matrix":
            return len(p.items) == len(g.items) and all(
                len(pr) == len(gr) and all(_match(a, b, pol) for a, b in zip(pr, gr))
                for pr, gr in zip(p.items, g.items)
            )
        items, gitems = _vector(p), _vector(g)
        return (
            items is not None
            and gitems is not None
            and len(items) == len(gitems)
            and all(_match(a, b, pol) for a, b in zip(items, gitems))
        )
    if p.kind == "set" and len(p.items) == 1:
        return _match(p.items[0], g, pol)
    if p.kind != "scalar" or g.kind != "scalar":
        return False
    assert p.norm is not None and g.norm is not None
    return scalar_equal(p.norm, g.norm, pol)


def _equations_equivalent(p: Node, g: Node) -> bool:
    """Rearranged equations: ``lhs - rhs`` of one is a non-zero constant multiple of the other's."""
    import sympy

    if p.rhs is None or g.rhs is None or p.rhs.kind != "scalar" or g.rhs.kind != "scalar":
        return False
    exprs = [_sympy(x) for x in (p.lhs, p.rhs.text, g.lhs, g.rhs.text)]
    if any(not isinstance(e, sympy.Expr) for e in exprs):
        return False
    dp, dg = exprs[0] - exprs[1], exprs[2] - exprs[3]
    if dp == 0 or dg == 0 or not dp.free_symbols or dp.free_symbols != dg.free_symbols:
        return False
    rows = _values_at_points([dp, dg])
    if rows is None:
        ratio = sympy.simplify(dp / dg)
        return bool(ratio.is_number and ratio != 0 and ratio.is_finite)
    if any(v == 0 for _, v in rows):
        return all(u == 0 for u, v in rows if v == 0) and len({str(u / v) for u, v in rows if v != 0}) <= 1
    ratios = [u / v for u, v in rows]
    return ratios[0] != 0 and all(_close(r, ratios[0]) for r in ratios)


def _key(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _vector(n: Node) -> list[Node] | None:
    if n.kind == "tuple":
        return list(n.items)
    if n.kind == "matrix":
        if len(n.items) == 1:
            return list(n.items[0])
        if all(len(r) == 1 for r in n.items):
            return [r[0] for r in n.items]
    return None


def _as_intervals(n: Node) -> list[Interval] | None:
    if n.kind == "intervals":
        return list(n.items)
    if n.kind == "tuple" and n.parens_pair:
        return [Interval(n.items[0].text, n.items[1].text, False, False)]
    if n.kind == "eq" and n.rhs is not None and _VARIABLE.match(n.lhs):
        return _as_intervals(n.rhs)
    return None


def _interval_eq(a: Interval, b: Interval, pol: Policy) -> bool:
    return (
        a.lo_closed == b.lo_closed
        and a.hi_closed == b.hi_closed
        and _match(_parse_sub(a.lo), _parse_sub(b.lo), pol)
        and _match(_parse_sub(a.hi), _parse_sub(b.hi), pol)
    )


def _unordered(ps: list[Any], gs: list[Any], eq: Any) -> bool:
    """One-to-one matching of two collections under ``eq`` (greedy; ``eq`` is an equivalence)."""
    if len(ps) != len(gs):
        return False
    left = list(ps)
    for g in gs:
        for i, p in enumerate(left):
            if eq(p, g):
                del left[i]
                break
        else:
            return False
    return True


# ---------------------------------------------------------------- scalars


def scalar_equal(p: Normalized, g: Normalized, pol: Policy) -> bool:
    """Equality of two normalised scalar answers under the policy (percent/degree alternatives included)."""
    if p.key == g.key and p.percent == g.percent and p.degrees == g.degrees:
        return True
    pn, gn = parse_number(p.text), parse_number(g.text)
    if pn is not None and gn is not None:
        for pv in _num_alternatives(pn, p, pol):
            for gv in _num_alternatives(gn, g, pol):
                if numbers_match(pv, gv, pol.min_sig_digits):
                    return True
        if not ((p.degrees or g.degrees) and pol.degrees):
            return False
    if p.key == g.key and p.key:
        return True
    a, b = _sympy(p.text), _sympy(g.text)
    if a is None or b is None:
        return False
    for av in _sym_alternatives(a, p, pol):
        for bv in _sym_alternatives(b, g, pol):
            if _sympy_equal(av, bv, pn if av is a else None, gn if bv is b else None, pol):
                return True
    return False


def _num_alternatives(n: Num, norm: Normalized, pol: Policy) -> list[Num]:
    out = [n]
    if norm.percent and pol.percent:
        out.append(Num(n.value / 100, None if n.places is None else n.places + 2, n.sig))
    return out


def _sym_alternatives(e: Any, norm: Normalized, pol: Policy) -> list[Any]:
    import sympy

    out = [e]
    if norm.percent and pol.percent:
        out.append(e / 100)
    if norm.degrees and pol.degrees:
        out.append(e * sympy.pi / 180)
    return out


_L2S_NORM = None


@lru_cache(maxsize=8192)
def _sympy(text: str) -> Any:
    """``text`` (LaTeX) as an evaluated sympy object with exact rationals for decimals, or ``None``."""
    global _L2S_NORM
    import sympy
    from latex2sympy2_extended import NormalizationConfig, latex2sympy

    if _L2S_NORM is None:
        _L2S_NORM = NormalizationConfig(
            basic_latex=True, units=False, malformed_operators=True, nits=False, boxed="none", equations=False
        )
    try:
        expr = parse_latex_fast(text)
    except Unsupported:
        try:
            expr = latex2sympy(text, normalization_config=_L2S_NORM)
        except Exception:
            return None
    if not isinstance(expr, sympy.Basic) or isinstance(expr, (sympy.logic.boolalg.Boolean,)) and not expr.is_Atom:
        return None
    _refuse_huge(expr)
    try:
        i_sym = [s for s in expr.free_symbols if s.name == "i"]
        if i_sym:
            expr = expr.subs(i_sym[0], sympy.I)
        expr = expr.doit()
        floats = expr.atoms(sympy.Float)
        if floats:
            expr = expr.xreplace({f: sympy.Rational(str(f)) for f in floats})
    except Exception:
        return None
    return expr


#: exponents above 10^MAX_EXP_DIGITS and factorials above 10^MAX_FACTORIAL_DIGITS are refused (status error)
#: instead of being evaluated: their exact values do not fit in memory or time (``2^{2^{2^{100}}}``)
MAX_EXP_DIGITS = 7
MAX_FACTORIAL_DIGITS = 5


def _log10_bound(e: Any) -> float:
    """An upper bound of log10 |e| for a numeric sympy expression, computed without evaluating it."""
    import math

    import sympy

    if e.is_Rational:
        return max(math.log10(max(abs(e.p), 1)), math.log10(e.q))
    if isinstance(e, sympy.Pow):
        x = _log10_bound(e.exp)
        return math.inf if x > 15 else max(_log10_bound(e.base), 0.30103) * 10**x
    if isinstance(e, sympy.Mul):
        return sum(_log10_bound(a) for a in e.args)
    if isinstance(e, sympy.Add):
        return max(_log10_bound(a) for a in e.args) + 1
    if isinstance(e, sympy.factorial):
        n = _log10_bound(e.args[0])
        return math.inf if n > 15 else (n + 1) * 10**n
    return max((_log10_bound(a) for a in e.args if a.is_number), default=1.0) + 1


def _refuse_huge(expr: Any) -> None:
    """Raise :class:`AnswerTooComplex` for towers like ``2^{2^{2^{100}}}`` or ``(10^{10})!`` (see the caps)."""
    import sympy

    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Pow) and node.exp.is_number and node.base not in (0, 1, -1):
            if _log10_bound(node.exp) > MAX_EXP_DIGITS:
                raise AnswerTooComplex("exponent too large to decide exactly")
        elif isinstance(node, sympy.factorial) and node.args[0].is_number:
            if _log10_bound(node.args[0]) > MAX_FACTORIAL_DIGITS:
                raise AnswerTooComplex("factorial too large to decide exactly")


_REL_REJECT = 1e-20
_REL_ACCEPT = 1e-80


def _sympy_equal(a: Any, b: Any, an: Num | None, bn: Num | None, pol: Policy) -> bool:
    import sympy

    if a == b:
        return True
    if not (isinstance(a, sympy.Expr) and isinstance(b, sympy.Expr)):
        return False
    if a.free_symbols or b.free_symbols:
        return _identical_functions(a, b)
    if a.is_Rational and b.is_Rational:
        return False
    for dec, exact, is_gold in ((an, b, False), (bn, a, True)):  # a decimal answer, or a decimal gold
        if dec is not None and dec.places is not None:
            if not is_gold and dec.sig < pol.min_sig_digits:
                return False
            diff = sympy.N(abs(sympy.Rational(dec.value.numerator, dec.value.denominator) - exact), 30)
            unit = sympy.Rational(1, 10) ** dec.places
            return bool(diff <= unit / 2) if is_gold else bool(diff < unit)
    va, vb = sympy.N(a, 40), sympy.N(b, 40)
    if not (va.is_finite and vb.is_finite):
        return bool(va == vb) and va.is_infinite is True
    scale = max(abs(va), abs(vb))
    if scale == 0:
        return True
    if abs(va - vb) > _REL_REJECT * scale:
        return False
    d = sympy.expand(a - b)
    if d == 0:
        return True
    if d.is_Rational:
        return False
    d = sympy.simplify(d)
    if d == 0:
        return True
    if d.is_Rational:
        return False
    return bool(abs(sympy.N(d, 100)) < _REL_ACCEPT * sympy.N(scale, 100))


#: points at which two expressions in free symbols are compared (fixed, so decisions are reproducible)
_POINTS = (
    (Fraction(7, 3), Fraction(-5, 11), Fraction(13, 17)),
    (Fraction(-19, 7), Fraction(23, 13), Fraction(3, 29)),
    (Fraction(31, 19), Fraction(41, 37), Fraction(-43, 23)),
    (Fraction(11, 5), Fraction(-2, 9), Fraction(17, 31)),
)


def _values_at_points(exprs: Sequence[Any]) -> list[list[Any]] | None:
    """Each expression evaluated at the :data:`_POINTS` (exact for rational functions, else 60 digits);
    points where any expression is undefined are skipped; ``None`` when fewer than two points remain."""
    import sympy

    symbols = sorted(set().union(*(e.free_symbols for e in exprs)), key=str)
    rows: list[list[Any]] = []
    for point in _POINTS:
        subs = {
            s: sympy.Rational(point[i % 3].numerator + i // 3, point[i % 3].denominator) for i, s in enumerate(symbols)
        }
        vals = []
        for e in exprs:
            v = e.xreplace(subs)
            v = v if v.is_Rational else sympy.N(v, 60)
            if v.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not v.is_number:
                break
            vals.append(v)
        else:
            rows.append(vals)
    return rows if len(rows) >= 2 else None


def _close(u: Any, v: Any) -> bool:
    if u.is_Rational and v.is_Rational:
        return bool(u == v)
    scale = max(abs(u), abs(v))
    return bool(scale == 0 or abs(u - v) <= _REL_POINT * scale)


def _identical_functions(a: Any, b: Any) -> bool:
    """``a`` ≡ ``b`` as functions of their free symbols: exact ``cancel`` for rational functions, else
    agreement at fixed random points to 45 significant digits (a different value anywhere rejects)."""
    import sympy

    rows = _values_at_points([a, b])
    if rows is None:
        return bool(sympy.simplify(a - b) == 0)
    if not all(_close(u, v) for u, v in rows):
        return False
    if a.is_rational_function() and b.is_rational_function():
        return bool(sympy.cancel(a - b) == 0)
    return True


_REL_POINT = 1e-45


def answers_equal_any(pred: str, golds: tuple[str, ...], policy: Policy) -> bool:
    """True when ``pred`` matches any of the acceptable gold answers (worker entry point)."""
    return any(equivalent(pred, g, policy) for g in golds)


#: expressions parsed once when a worker starts, so that the LaTeX parser's prediction cache (ANTLR's DFA)
#: is warm before the first real check
WARM_UP = (
    r"\frac{1}{2}",
    r"\sqrt{2}+3",
    r"2x^2-3x+1",
    r"\frac{\pi}{4}",
    r"e^{-1}",
    r"\sqrt[3]{5}",
    r"3\cdot 4",
    r"\log_2 9",
    r"\sin x",
    r"(x+1)(x-1)",
    r"\frac{a+b}{c}",
    r"2^{10}",
    r"7!",
    r"\binom{5}{2}",
    r"|x-1|",
    r"1+2i",
    r"\dfrac{\sqrt{3}}{2}",
)


def warm_up() -> None:
    """Import the parser and run it over :data:`WARM_UP` (a worker calls this before it reports ready)."""
    for text in WARM_UP:
        _sympy(text)
    _sympy.cache_clear()
