"""Equivalence of two parsed answers: structures first, then values, proven exactly or not at all.

:func:`equivalent` compares an answer with a gold answer (:mod:`rlvr.verifiers.structure` parses both). The
policies (docs/verifiers.md lists them all):

* **structures** must agree: an ordered tuple is not a set; a bare list ``1, 2`` compares unordered with a
  set and in order with a tuple; ``(a, b)`` is also an open interval; a labelled answer (``x = 1, y = 2``,
  ``(p, q) = (3, 2)``) compares label by label with a labelled gold and in written order with a tuple;
  ``x = 5`` matches ``5``; inequalities are intervals (``x \\ne 2`` is a union of two); "or" of
  inequalities is a union, "and" an intersection.
* **hedges**: alternatives (``2 \\text{ or } 3``, ``\\pm``, several boxes) match a gold with exactly those
  parts (one-to-one, any order); against a single-valued gold every alternative must match it.
* **values**: units must agree when both sides have one; ``%`` and degrees have one reading (below); bases
  must agree (a missing base reads the digits in the other's base); exact numbers follow the decimal rule of
  :mod:`rlvr.verifiers.normalize`; anything else goes to sympy, where equality must be *proven*
  (exact arithmetic, ``expand``/``cancel``/``simplify``/minimal polynomials): numeric evaluation can only
  reject, never accept, and an undecided check is "not equal". Undefined values (``\\frac{1}{0}``) equal
  nothing.
* **percent**: ``x\\%`` is x/100. Two percentages compare their numbers; a plain number against a percentage
  matches the number before the sign (a dropped ``%``) or its value (``50\\%`` = ``50`` = ``0.5``;
  ``0.5\\%`` ≠ ``50\\%``). **degrees** likewise: ``30^\\circ`` = ``30`` = ``\\frac{\\pi}{6}``.

Runs in the caller for exact cases (:func:`quick_decision`, no sympy) and otherwise inside a time-limited
worker (:func:`answers_equal_any`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from typing import Any

from rlvr.verifiers.latex_fast import (
    Ambiguous,
    AnswerTooComplex,
    Unsupported,
    multiply_out_products,
    parse_tokens,
    refuse_huge,
)
from rlvr.verifiers.lexer import Tok, render
from rlvr.verifiers.normalize import MIN_SIG_DIGITS, Num, numbers_match
from rlvr.verifiers.structure import (
    MAX_ANSWER_CHARS,
    MAX_NESTING,
    Bad,
    Chain,
    Choice,
    Coll,
    Equation,
    Interval,
    Intervals,
    Labelled,
    Matrix,
    Node,
    Ratio,
    Scalar,
    Text,
    Time,
    check_caps,
    compound_quantity,
    mixed_number,
    parse,
    parse_answer,
)

__all__ = [
    "MAX_ANSWER_CHARS",
    "MAX_NESTING",
    "AnswerTooComplex",
    "MatchOptions",
    "answers_equal_any",
    "equivalent",
    "quick_decision",
    "check_caps",
]

#: an extracted answer on the wire: (mode, parts), mode "math" (LaTeX) or "text" (prose)
Answer = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class MatchOptions:
    """Knobs of the equivalence check (see the module docstring)."""

    min_sig_digits: int = MIN_SIG_DIGITS
    percent: bool = True
    degrees: bool = True
    answer_form: str = "expression"  # or "number": a plain-number gold needs a number written, not an expression


class NeedsWorker(Exception):
    """The quick (sympy-free) check cannot decide: the full check must run."""


# ---------------------------------------------------------------- entry points


def equivalent(pred: str, gold: str, options: MatchOptions | None = None) -> bool:
    """Whether math-mode answer ``pred`` equals gold answer ``gold`` (full check, in this process)."""
    return _Matcher(options or MatchOptions(), full=True).match(parse(pred), parse(gold))


def answers_equal_any(pred: Answer, golds: tuple[Answer, ...], options: MatchOptions) -> bool:
    """True when ``pred`` matches any of the acceptable golds (the worker's entry point)."""
    m = _Matcher(options, full=True)
    p = parse_answer(pred[1], pred[0])
    return any(m.match(p, parse_answer(g[1], g[0])) for g in golds)


def quick_decision(pred: Answer, golds: tuple[Answer, ...], options: MatchOptions) -> bool | None:
    """The decision when it needs no sympy (exact numbers, text, structure), else ``None``."""
    m = _Matcher(options, full=False)
    p = parse_answer(pred[1], pred[0])
    scaled = magnitude_reading(pred)
    undecided = False
    for g in golds:
        try:
            gold = parse_answer(g[1], g[0])
            if scaled is not None and isinstance(gold, Scalar) and gold.num is not None and m.match(scaled, gold):
                return True
            if m.match(p, gold):
                return True
        except NeedsWorker:
            undecided = True
    return None if undecided else False


#: a prose number with a magnitude suffix, the whole answer: ``5k``, ``$1.5M``, ``3bn`` (thousand, million, billion)
_MAGNITUDE = re.compile(r"(\\?\$)?+(\d{1,12}+(?:\.\d{1,6}+)?+)(k|K|M|mn|bn|[ ]mn|[ ]bn)\.?+")
_SUFFIXES = {"k": 1000, "K": 1000, "M": 10**6, "mn": 10**6, "bn": 10**9}


def magnitude_reading(pred: Answer) -> Node | None:
    """A prose answer that is only a number with a magnitude suffix (``5k``, ``1.5M``), read as the number it
    abbreviates; ``None`` otherwise. Used only against a gold that is a plain number: in math ``5k`` is 5·k."""
    if pred[0] != "text" or len(pred[1]) != 1:
        return None
    m = _MAGNITUDE.fullmatch(pred[1][0].strip())
    if m is None:
        return None
    value = Fraction(m.group(2)) * _SUFFIXES[m.group(3).strip()]  # "2.3 bn", "2.3mn": a two-letter suffix apart too
    number = str(value.numerator) if value.denominator == 1 else str(float(value))
    return parse_answer((f"{m.group(1) or ''}{number}",), "text")


# ---------------------------------------------------------------- structures

_UNORDERED = ("set", "list", "and", "or", "pm", "parts")
_ALTERNATIVES = ("or", "pm", "parts")


def _is_set(n: Node) -> bool:
    return isinstance(n, Coll) and n.kind == "set"


class _Matcher:
    def __init__(self, options: MatchOptions, full: bool) -> None:
        self.options = options
        self.full = full

    def match(self, p: Node, g: Node) -> bool:
        if (
            p == g
            and not isinstance(p, (Bad, Choice))
            or isinstance(p, Bad)
            and isinstance(g, Bad)
            and p.text == g.text
        ):
            return bool(not isinstance(p, Bad) or p.text)
        if isinstance(p, Scalar) and isinstance(g, Scalar) and (pt := _integer_tower(p)) and (gt := _integer_tower(g)):
            if not self.full:
                raise NeedsWorker
            same = _same_power(pt, gt)  # 100^{5 \cdot 10^9} against 10^{10^{10}}: by the exponents, never evaluated
            if same is not None:
                return same
        if isinstance(p, Bad) and isinstance(g, Bad) and _INEQUALITY.search(p.text) and _INEQUALITY.search(g.text):
            return self._same_region(p.text, g.text)  # 2x - y + 1 > 0 against y < 2x + 1
        if isinstance(p, Bad) and isinstance(g, (Intervals, Coll)) and _INEQUALITY.search(p.text):
            solved = self._solved_inequality(p.text)  # x^2 < 4: the set of its solutions, (-2, 2)
            return solved is not None and self.match(solved, g)
        if isinstance(p, Bad) or isinstance(g, Bad):
            return False
        if isinstance(g, Chain):
            return self.match(p, g.links[-1])
        if isinstance(p, Chain):  # 2 + 2 = 5 states nothing: every link must hold; then any link is the value
            links = p.links
            return all(self._same(a, b) for a, b in zip(links, links[1:])) and any(self.match(x, g) for x in links)
        if isinstance(p, Choice) or isinstance(g, Choice):
            return self._choice(p, g)
        if isinstance(g, Text) and (reply := _yes_no_reply(p)) is not None:
            return reply == g.text  # \text{No, it is not possible}: the reply, then its reason
        if isinstance(p, Text) or isinstance(g, Text):
            empty = (Text("none"), Coll("set", ()))  # "no solution" is the empty set
            return isinstance(p, Text) and isinstance(g, Text) and p.text == g.text or (p, g) in (empty, empty[::-1])
        if isinstance(p, Coll) and p.kind == "and" and len(p.items) == 2 and isinstance(g, Scalar) and g.unit:
            whole = compound_quantity(p.items[0], p.items[1])  # "5 hours and 30 minutes" against "5.5 hours"
            if whole is not None and whole.unit == g.unit:
                return self.match(whole, g)
        if isinstance(p, Coll) and p.kind == "and" and len(p.items) == 2 and isinstance(g, Scalar):
            mixed = mixed_number(p.items[0], p.items[1])  # "2 and 1/2" against 5/2: one mixed number
            if mixed is not None:
                return self.match(mixed, g)
        if isinstance(p, Coll) and isinstance(g, Scalar) and (derived := _derived_quantity(p)) is not None:
            return self.match(derived, g)  # "a = 2, b = 3, and a + b = 5": the quantity asked for, named last
        if isinstance(p, Coll) and p.kind in _ALTERNATIVES:
            return self._alternatives(p, g)
        if isinstance(g, Coll) and g.kind in _ALTERNATIVES and not isinstance(p, Labelled):
            return self._collection(p, g)
        if isinstance(p, Labelled) or isinstance(g, Labelled):
            return self._labelled(p, g)
        if isinstance(p, Equation) and not isinstance(g, Equation):
            value = _stated_value(p)  # "a + b = 12" states the value of the quantity asked for
            return value is not None and self.match(value, g)
        if isinstance(p, Equation) or isinstance(g, Equation):
            return isinstance(p, Equation) and isinstance(g, Equation) and self._equations(p, g)
        if isinstance(p, Intervals) or isinstance(g, Intervals):
            return self._intervals(p, g)
        if isinstance(p, Coll) and p.kind in ("list", "and") and len(p.items) > 1 and isinstance(g, Scalar):
            return all(self.match(x, g) for x in p.items)  # "5, 5", "5 and 5": one value said twice (every item)
        if isinstance(p, Coll) or isinstance(g, Coll) or isinstance(p, Matrix) or isinstance(g, Matrix):
            return self._collection(p, g)
        if isinstance(p, Time) and isinstance(g, Scalar):
            return _hour_of_day(p, g)
        if isinstance(p, Time) or isinstance(g, Time):
            return isinstance(p, Time) and isinstance(g, Time) and _times_equal(p, g)
        if isinstance(p, Ratio) or isinstance(g, Ratio):
            return self._ratio(p, g)
        if isinstance(p, Scalar) and isinstance(g, Scalar):
            return self.scalar(p, g)
        return False

    def _same_region(self, a: str, b: str) -> bool:
        """Two inequalities of one relation each describe the same region when, written ``f < 0`` (or ``f \\le 0``),
        one ``f`` is a positive constant multiple of the other, proven exactly, with the same strictness."""
        fa, fb = self._below_zero(a), self._below_zero(b)
        if fa is None or fb is None or fa[1] != fb[1] or fa[0] == 0 or fb[0] == 0:
            return False
        ratio = _sp().cancel(_sp().together(fa[0] / fb[0]))
        return bool(ratio.is_number and ratio.is_positive)

    def _below_zero(self, text: str) -> tuple[Any, bool] | None:
        """``text`` (one inequality) as ``(f, strict)`` meaning ``f < 0`` or ``f \\le 0``; else ``None``."""
        found = list(_INEQUALITY.finditer(text))
        if len(found) != 1:
            return None
        if not self.full:
            raise NeedsWorker
        sp = _sp()
        lhs, rhs = _sympy(text[: found[0].start()]), _sympy(text[found[0].end() :])
        if not isinstance(lhs, sp.Expr) or not isinstance(rhs, sp.Expr) or not (lhs - rhs).free_symbols:
            return None
        name = _RELATION_NAMES[found[0].group(0)]
        return (lhs - rhs if name in ("<", "le") else rhs - lhs), name in ("<", ">")

    def _solved_inequality(self, text: str) -> Intervals | None:
        """A polynomial inequality in one variable (degree at most 4, one relation) as its solution set, solved
        exactly by sympy; ``None`` when it is none."""
        found = list(_INEQUALITY.finditer(text))
        if len(found) != 1:
            return None
        rel_at = found[0]
        if not self.full:
            raise NeedsWorker
        sp = _sp()
        lhs, rhs = _sympy(text[: rel_at.start()]), _sympy(text[rel_at.end() :])
        if not isinstance(lhs, sp.Expr) or not isinstance(rhs, sp.Expr):
            return None
        d = sp.expand(lhs - rhs)
        if len(d.free_symbols) != 1:
            return None
        (x,) = d.free_symbols
        if not d.is_polynomial(x) or sp.degree(d, x) > _MAX_INEQUALITY_DEGREE:
            return None
        rel = {"<": sp.Lt, ">": sp.Gt, "le": sp.Le, "ge": sp.Ge}[_RELATION_NAMES[rel_at.group(0)]]
        solved = sp.solve_univariate_inequality(rel(d, 0), x, relational=False)
        return _as_interval_node(solved, x.name)

    def _same(self, a: Node, b: Node) -> bool:
        """Two links of one chain are equal (a decimal link may round the exact one, either side)."""
        return self.match(a, b) or self.match(b, a)

    def _choice(self, p: Node, g: Node) -> bool:
        """Letters compare as letters; an option's value (``(B) 12``) stands for its letter against a value."""
        if isinstance(p, Choice) and isinstance(g, Choice):  # "(B) 13" is not "(B) 12": both must hold
            return p.letter == g.letter and (p.value is None or g.value is None or self._same(p.value, g.value))
        if isinstance(g, Choice):
            return g.value is not None and not isinstance(p, Coll) and self.match(p, g.value)
        assert isinstance(p, Choice)
        return p.value is not None and self.match(p.value, g)

    def _alternatives(self, p: Coll, g: Node) -> bool:
        """A hedge: exactly the gold's parts, or every alternative right."""
        if isinstance(g, Coll) and g.kind in _UNORDERED:
            return self._unordered(list(p.items), list(g.items))
        if isinstance(g, Labelled) and len(g.labels) == 1 and isinstance(g.values[0], Coll):
            return self.match(p, g.values[0])
        if isinstance(g, Coll) and g.kind == "tuple" and p.kind == "parts":
            return self._ordered(list(p.items), list(g.items))
        return bool(p.items) and all(self.match(it, g) for it in p.items)

    def _labelled(self, p: Node, g: Node) -> bool:
        if isinstance(p, Labelled) and isinstance(g, Labelled):
            if sorted(p.labels) == sorted(g.labels):
                gv = dict(zip(g.labels, g.values))
                return all(self.match(v, gv[k]) for k, v in zip(p.labels, p.values))
            if len(p.labels) == len(g.labels) == 1:
                if _graph_labels(p.labels[0], g.labels[0]):  # y = 2x + 1 against f(x) = 2x + 1
                    return self.match(p.values[0], g.values[0])
                renamed = _rename_argument(p, g)
                if renamed is not None:  # f(y) = y against f(x) = x: the same function
                    return self.match(renamed, g.values[0])
                return self._labelled_equations(p, g)
            return False
        if isinstance(p, Labelled):
            if len(p.labels) == 1:
                if isinstance(g, Equation):
                    return self._labelled_equations(p, g)
                if _constant_function(p):
                    return False  # "f'(x) = 5" against 5: an equation in x (or a constant function), not the value
                return self.match(p.values[0], g)
            if isinstance(g, Coll) and g.kind == "set" and _indexed_roots(p.labels):
                return self._unordered(list(p.values), list(g.items))  # x_1 = 1, x_2 = 2 against {1, 2}
            if isinstance(g, Coll) and g.kind == "set" and len(g.items) == 1 and isinstance(g.items[0], Coll):
                return self.match(p, g.items[0])  # x = 1, y = 2 against {(1, 2)}: the one solution
            vec = _vector(g)
            return vec is not None and self._ordered(list(p.values), vec)
        assert isinstance(g, Labelled)
        if len(g.labels) == 1:
            if isinstance(p, Equation):
                return self._labelled_equations(p, g)
            return self.match(p, g.values[0])
        vec = _vector(p)
        return vec is not None and self._ordered(vec, list(g.values))

    def _labelled_equations(self, p: Node, g: Node) -> bool:
        """``y = 2x + 1`` against ``2x - y + 1 = 0`` or ``x = (y - 1)/2``: as equations."""
        ep, eg = _as_equation(p), _as_equation(g)
        return ep is not None and eg is not None and self._equations(ep, eg)

    def _collection(self, p: Node, g: Node) -> bool:
        if isinstance(p, Coll) and isinstance(g, Coll) and p.kind == g.kind == "set":  # {1, 1, 2} = {1, 2}
            return all(any(self._member(a, b) for b in g.items) for a in p.items) and all(
                any(self._member(a, b) for a in p.items) for b in g.items
            )
        if isinstance(g, Coll) and g.kind in _UNORDERED:
            if isinstance(p, Coll) and (p.kind in _UNORDERED or (p.kind == "tuple" and g.kind == "parts")):
                if p.kind == "tuple" and g.kind == "parts":
                    return self._ordered(list(p.items), list(g.items))
                return self._unordered(list(p.items), list(g.items))
            if isinstance(p, Coll) and p.kind == "tuple" and g.kind in ("list", "and"):
                return self._ordered(list(p.items), list(g.items))
            if g.kind == "set" and len(g.items) == 1 and not isinstance(p, Coll) and not _is_set(g.items[0]):
                return self.match(p, g.items[0])
            return False
        if isinstance(g, Coll) and g.kind == "tuple":
            vec = _vector(p)
            if isinstance(p, Coll) and p.kind == "set":
                return False
            return vec is not None and self._ordered(vec, list(g.items))
        if isinstance(g, Matrix) and isinstance(p, Scalar) or isinstance(p, Matrix) and isinstance(g, Scalar):
            return self._matrix_value(p, g)
        if isinstance(g, Matrix):
            if isinstance(p, Matrix):
                return len(p.rows) == len(g.rows) and all(
                    len(a) == len(b) and self._ordered(list(a), list(b)) for a, b in zip(p.rows, g.rows)
                )
            pv, gv = _vector(p), _vector(g)
            return pv is not None and gv is not None and self._ordered(pv, gv)
        if isinstance(p, Coll) and p.kind == "set" and len(p.items) == 1 and not _is_set(p.items[0]):
            return self.match(p.items[0], g)
        if isinstance(p, Matrix) and isinstance(g, Coll):
            return False
        return False

    def _matrix_value(self, p: Node, g: Node) -> bool:
        """A matrix written as an expression (``A + B``, a product) against a matrix written out."""
        if not self.full:
            raise NeedsWorker
        sp = _sp()
        values = []
        for n in (p, g):
            if isinstance(n, Scalar):
                v = _sympy(n.latex)
                if not isinstance(v, sp.MatrixBase):
                    return False
                values.append(v)
            else:
                assert isinstance(n, Matrix)
                cells = [[_sympy(c.latex) if isinstance(c, Scalar) else None for c in row] for row in n.rows]
                if any(c is None for row in cells for c in row):
                    return False
                values.append(sp.ImmutableMatrix(cells))
        a, b = values
        return a.shape == b.shape and all(
            _sympy_equal(x, y, None, None, self.options) for x, y in zip(list(a), list(b))
        )

    def _ordered(self, ps: list[Node], gs: list[Node]) -> bool:
        return len(ps) == len(gs) and all(self._member(a, b) for a, b in zip(ps, gs))

    def _member(self, a: Node, b: Node) -> bool:
        """Two members of a set or entries of a tuple: a member that is a set equals only a set (``\\{\\{5\\}\\}``
        is no ``\\{5\\}``, ``(\\{1\\},\\{2\\})`` no ``(1,2)``); a singleton stands for its value only as a whole answer."""
        return _is_set(a) == _is_set(b) and self.match(a, b)

    def _unordered(self, ps: list[Node], gs: list[Node]) -> bool:
        """One-to-one matching (augmenting paths, so it does not depend on the order tried)."""
        if len(ps) != len(gs):
            return False
        n = len(ps)
        ok = [[self.match(ps[i], gs[j]) for j in range(n)] for i in range(n)]
        owner = [-1] * n

        def assign(i: int, seen: list[bool]) -> bool:
            for j in range(n):
                if ok[i][j] and not seen[j]:
                    seen[j] = True
                    if owner[j] < 0 or assign(owner[j], seen):
                        owner[j] = i
                        return True
            return False

        return all(assign(i, [False] * n) for i in range(n))

    # ------------------------------------------------------------ intervals

    def _intervals(self, p: Node, g: Node) -> bool:
        pi, gi = _as_intervals(p), _as_intervals(g)
        if pi is None or gi is None:
            return False
        if pi.var is not None and gi.var is not None and pi.var != gi.var:
            return False
        if pi.op == gi.op and len(pi.items) == len(gi.items):
            if self._unordered_intervals(list(pi.items), list(gi.items)):
                return True
        if "mixed" in (pi.op, gi.op):
            return False
        try:
            a, b = self._canonical(pi), self._canonical(gi)
        except _Undecided:
            return False
        if a is None or b is None:
            return False
        return len(a) == len(b) and all(self._interval_eq(x, y) for x, y in zip(a, b))

    def _unordered_intervals(self, ps: list[Interval], gs: list[Interval]) -> bool:
        used = [False] * len(gs)
        for x in ps:
            for j, y in enumerate(gs):
                if not used[j] and self._interval_eq(x, y):
                    used[j] = True
                    break
            else:
                return False
        return True

    def _interval_eq(self, a: Interval, b: Interval) -> bool:
        return (
            a.lo_closed == b.lo_closed
            and a.hi_closed == b.hi_closed
            and self.scalar(a.lo, b.lo)
            and self.scalar(a.hi, b.hi)
        )

    def _canonical(self, iv: Intervals) -> list[Interval] | None:
        """The union or intersection as sorted disjoint intervals (exact endpoint order), or ``None``."""
        keyed = []
        for it in iv.items:
            lo, hi = self._order_key(it.lo), self._order_key(it.hi)
            if lo is None or hi is None:
                return None
            keyed.append((lo, hi, it))
        if iv.op == "intersection":
            lo_k, hi_k, cur = keyed[0]
            for lo2, hi2, it in keyed[1:]:
                if lo2 > lo_k or (lo2 == lo_k and not it.lo_closed):
                    lo_k, cur = lo2, Interval(it.lo, cur.hi, it.lo_closed, cur.hi_closed)
                if hi2 < hi_k or (hi2 == hi_k and not it.hi_closed):
                    hi_k, cur = hi2, Interval(cur.lo, it.hi, cur.lo_closed, it.hi_closed)
            keyed = [(lo_k, hi_k, cur)]
        keyed = [k for k in keyed if k[0] < k[1] or (k[0] == k[1] and k[2].lo_closed and k[2].hi_closed)]
        keyed.sort(key=lambda k: (k[0], not k[2].lo_closed))
        out: list[tuple[Any, Any, Interval]] = []
        for lo, hi, it in keyed:
            if out:
                plo, phi, prev = out[-1]
                if lo < phi or (lo == phi and (prev.hi_closed or it.lo_closed)):
                    if hi > phi or (hi == phi and it.hi_closed):
                        out[-1] = (plo, hi, Interval(prev.lo, it.hi, prev.lo_closed, it.hi_closed))
                    continue
            out.append((lo, hi, it))
        return [x[2] for x in out]

    def _order_key(self, s: Scalar) -> Any:
        """A value to order endpoints by: a Fraction, ±inf, or (full check) a real sympy number."""
        if s.latex in ("\\infty", "+\\infty"):
            return _Inf(1)
        if s.latex == "-\\infty":
            return _Inf(-1)
        if s.num is not None:
            return _Real(s.num.value)
        if not self.full:
            raise NeedsWorker
        e = _sympy(s.latex)
        if e is None or not e.is_number or e.has(_sp().zoo, _sp().nan):
            return None
        if e.is_real is False:
            return None
        return _Real(e)

    # ------------------------------------------------------------ scalars

    def scalar(self, p: Scalar, g: Scalar) -> bool:
        """Equality of two values under the unit, base, percent/degree and decimal policies."""
        if "rad" in (p.unit, g.unit):  # radians are the plain reading of an angle: π/6 rad = 30°, 5 rad ≠ 5°
            if {p.unit, g.unit} == {"rad", "deg"}:
                p, g = (replace(x, unit=None) if x.unit == "rad" else x for x in (p, g))
                return self._values(p, g, ("p" if p.unit else "g", "deg"))
            p, g = (replace(x, unit=None) if x.unit == "rad" else x for x in (p, g))
        if p.latex == g.latex and p.unit == g.unit and p.base == g.base:
            return True
        if p.unit and g.unit and p.unit != g.unit:
            return False
        if p.base is not None or g.base is not None:
            return _based_equal(p, g)
        special = {"%": self.options.percent, "deg": self.options.degrees}
        if p.unit != g.unit and (p.unit in special or g.unit in special):
            if self._values(p, g, None):
                return True
            unit = p.unit or g.unit
            if not special[unit]:  # type: ignore[index]
                return False
            return self._values(p, g, ("p" if p.unit else "g", unit))
        return self._values(p, g, None)

    def _values(self, p: Scalar, g: Scalar, convert: tuple[str, str | None] | None) -> bool:
        pn, gn = p.num, g.num
        if self.options.answer_form == "number" and gn is not None and (pn is None or pn.unreduced):
            return False  # a number asked for, an expression written (16 + 7, 46/2 for 23): the question restated
        if convert is not None and convert[1] == "%":
            if convert[0] == "p" and pn is not None:
                pn = _percent(pn)
            elif convert[0] == "g" and gn is not None:
                gn = _percent(gn)
            elif not self.full:
                raise NeedsWorker
        if pn is not None and gn is not None and (convert is None or convert[1] == "%"):
            return numbers_match(pn, gn, self.options.min_sig_digits)
        if p.latex == g.latex and convert is None:
            return True
        if unevaluated_operators(p.latex) - unevaluated_operators(g.latex):
            return False  # \int_0^1 2x\,dx for 1, \gcd(12,18) for 6: the computation asked for, not done
        if not self.full:
            raise NeedsWorker
        if convert is None and _same_form(p.toks, g.toks):
            return True  # the same expression written differently: decided before anything is evaluated
        sp = _sp()
        a = _rational(p.num) if p.num is not None else _sympy(p.latex)
        b = _rational(g.num) if g.num is not None else _sympy(g.latex)
        if a is None or b is None:
            return False
        if convert is not None:
            factor = sp.Rational(1, 100) if convert[1] == "%" else sp.pi / 180
            if convert[0] == "p":
                a = a * factor
                pn = _percent(p.num) if p.num is not None and convert[1] == "%" else None
            else:
                b = b * factor
                gn = _percent(g.num) if g.num is not None and convert[1] == "%" else None
        return _sympy_equal(a, b, pn, gn, self.options)

    def _equations(self, p: Equation, g: Equation) -> bool:
        if self.scalar(p.lhs, g.lhs) and self.scalar(p.rhs, g.rhs):
            return True
        if not self.full:
            raise NeedsWorker
        exprs = [_sympy(x.latex) for x in (p.lhs, p.rhs, g.lhs, g.rhs)]
        if any(e is None for e in exprs):
            return False
        return _proportional(exprs[0] - exprs[1], exprs[2] - exprs[3])

    def _ratio(self, p: Node, g: Node) -> bool:
        if isinstance(p, Ratio) and isinstance(g, Ratio):
            return self._product_equal(p.a, g.b, g.a, p.b)
        r, s = (p, g) if isinstance(p, Ratio) else (g, p)
        if not isinstance(r, Ratio) or not isinstance(s, Scalar) or s.unit is not None or r.words:
            return False
        if self.options.answer_form == "number" and r is p and s.num is not None and not _lowest_terms(r):
            return False  # 10:2 for 5 restates the division, as 10/2 does
        if r.a.num is not None and r.b.num is not None and s.num is not None:
            if r.b.num.value == 0:
                return False
            return numbers_match(Num(r.a.num.value / r.b.num.value), s.num, self.options.min_sig_digits)
        if not self.full:
            raise NeedsWorker
        a, b, c = _sympy(r.a.latex), _sympy(r.b.latex), _sympy(s.latex)
        if a is None or b is None or c is None or b == 0:
            return False
        return _sympy_equal(a / b, c, None, s.num, self.options)

    def _product_equal(self, a: Scalar, b: Scalar, c: Scalar, d: Scalar) -> bool:
        """a·b = c·d, with b and d non-zero (ratios a:d and c:b)."""
        if all(x.num is not None and x.num.places is None for x in (a, b, c, d)):
            av, bv, cv, dv = (x.num.value for x in (a, b, c, d))  # type: ignore[union-attr]
            return bv != 0 and dv != 0 and av * bv == cv * dv
        if not self.full:
            raise NeedsWorker
        e = [_sympy(x.latex) for x in (a, b, c, d)]
        if any(x is None for x in e) or e[1] == 0 or e[3] == 0:
            return False
        return _sympy_equal(e[0] * e[1], e[2] * e[3], None, None, self.options)


#: operators that state a computation rather than its result: calculus (integrals, sums, products, limits,
#: derivatives) and a determinant of a matrix written out; gcd, lcm, min, max stay functions of numbers like
#: ``\binom`` (an earlier round's policy: ``\text{lcm}(4,6)`` = 12)
_OPERATORS = frozenset({"int", "iint", "iiint", "oint", "sum", "prod", "lim", "det", "partial"})
_DERIVATIVE = re.compile(r"\\frac\{[ ]*+(?:\\mathrm\{d\}|d)[ ]*+\}\{[ ]*+(?:\\mathrm\{d\}|d)[ ]*+[A-Za-z]")


def unevaluated_operators(latex: str) -> frozenset[str]:
    """The calculus operators an expression still holds (``\\int``, ``\\sum``, ``\\prod``, ``\\lim``,
    ``\\frac{d}{dx}``, ``\\det``): an answer holding one its gold lacks restates the problem."""
    from rlvr.verifiers.lexer import lex

    if "\\" not in latex:
        return frozenset()
    found = {v for k, v in lex(latex) if k == "cmd" and v in _OPERATORS}
    if _DERIVATIVE.search(latex):
        found.add("derivative")
    return frozenset(found)


#: the big operators compared by their parts: the bound variable, its range or limit point, and the body
_BIG_OPERATORS = frozenset({"int", "sum", "prod", "lim"})


def _same_form(a: tuple[Tok, ...], b: tuple[Tok, ...]) -> bool:
    """Two expressions are one expression written differently, decided without evaluating either (an integral,
    sum or limit costs seconds to evaluate, and an equal one needs none): the same canonical tree (terms and
    factors in sympy's order, ``\\sqrt{u}`` = ``u^{1/2}``, ``k^1`` = ``k``), or the same big operator over the
    same range or limit point with the same body once the bound variable is renamed (``\\int_0^1 x^2e^x\\,dx``
    = ``\\int_0^1 e^t t^2\\,dt``, ``\\sum_{k=1}^{\\infty} k^{-7}`` = ``\\sum_{n=1}^{\\infty} \\frac{1}{n^7}``). Anything
    else is left to evaluation (``False``)."""
    fa, fb = _operator_form(list(a)), _operator_form(list(b))
    return fa is not None and fa == fb


def _operator_form(toks: list[Tok]) -> tuple[Any, ...] | None:
    """``toks`` as a canonical, comparable form (see :func:`_same_form`), or ``None`` when it has none."""
    toks = [t for t in toks if t[0] != "ws" and t not in (("cmd", ","), ("cmd", ";"), ("cmd", "!"))]
    if not toks or toks[0][0] != "cmd" or toks[0][1] not in _BIG_OPERATORS:
        tree = _canonical_tree(toks)
        return None if tree is None else ("expr", tree)
    op, k = toks[0][1], 1
    scripts: dict[str, list[Tok]] = {}
    while k + 1 < len(toks) and toks[k] in (("op", "_"), ("op", "^")) and toks[k][1] not in scripts:
        mark = toks[k][1]
        group, k = _script_group(toks, k + 1)
        if group is None:
            return None
        scripts[mark] = group
    lo, hi, body = scripts.get("_", []), scripts.get("^", []), toks[k:]
    var: str | None = None
    if op == "int":
        if len(body) < 3 or body[-2] != ("sym", "d") or body[-1][0] != "sym":
            return None
        var, body = body[-1][1], body[:-2]
    elif op == "lim":
        arrow = next((j for j, t in enumerate(lo) if t in (("cmd", "to"), ("cmd", "rightarrow"))), -1)
        if arrow != 1 or lo[0][0] != "sym" or hi:
            return None
        var, lo = lo[0][1], lo[2:]
    else:
        if len(lo) < 3 or lo[0][0] != "sym" or lo[1] != ("op", "="):
            return None
        var, lo = lo[0][1], lo[2:]
    parts = [_canonical_tree(x) if x else () for x in (lo, hi)]
    inner = _canonical_tree(body)
    if inner is None or any(x is None for x in parts):
        return None
    if op == "int" and not lo and not hi:
        return (op, var, inner)  # an antiderivative is a function of its variable: x^3/3 is no t^3/3
    sp = _sp()
    return (op, *parts, inner.xreplace({sp.Symbol(var): sp.Symbol("_bound")}))


def _script_group(toks: list[Tok], k: int) -> tuple[list[Tok] | None, int]:
    """The sub- or superscript starting at ``toks[k]``: a braced group or one token, and the index after it."""
    if k >= len(toks):
        return None, k
    if toks[k] != ("op", "{"):
        return [toks[k]], k + 1
    depth = 0
    for j in range(k, len(toks)):
        depth += {("op", "{"): 1, ("op", "}"): -1}.get(toks[j], 0)
        if depth == 0:
            return toks[k + 1 : j], j + 1
    return None, k


def _canonical_tree(toks: list[Tok]) -> Any:
    """The fast parser's tree of ``toks`` rebuilt bottom-up, so sympy puts terms and factors in its canonical
    order; ``None`` when it does not parse or is too large to rebuild."""
    try:
        tree = parse_tokens(toks)
    except (AnswerTooComplex, Ambiguous, Unsupported, TypeError, ValueError, ArithmeticError, IndexError):
        return None
    except (AttributeError, RecursionError):
        return None
    sp = _sp()
    if not isinstance(tree, sp.Expr):
        return None
    if _indeterminate(tree):
        return None  # \infty^0, \infty!: no value, though rebuilding would give one
    if _huge_power(tree):
        return tree  # a number too large to rebuild (2^{9999999} \bmod 7): only the tree as written
    try:
        built = _rebuilt(tree)
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return None
    return None if built is None or _undefined(built) else built  # 1/0 is no value equal to 5/0


def _rebuilt(tree: Any) -> Any:
    """``tree`` rebuilt bottom-up, so sympy evaluates each node; ``None`` when a part has no value (``1/0``,
    ``\\tan\\frac{\\pi}{2}``, ``\\log 0``, ``\\log_0 5``, ``(-1)!``): an undefined part leaves the whole undefined, though
    evaluation would let it vanish (``1/(1/0)`` and ``5/\\tan\\frac{\\pi}{2}`` become 0, ``(1/0)^0`` 1)."""
    sp = _sp()

    def undefined(e: Any) -> bool:
        return e is sp.zoo or e is sp.nan

    def rebuild(e: Any) -> Any:
        if e.is_Atom or not e.args:
            return e
        args = [rebuild(x) for x in e.args]
        if any(a is None or undefined(a) for a in args):
            return None
        if e.func is sp.log and len(args) == 2 and args[1].is_extended_nonpositive:
            return None  # \log_0 5: a logarithm's base is positive (sympy makes log(5)/log(0) zero)
        built = e.func(*args)
        return None if undefined(built) else built

    return rebuild(tree)


def _huge_power(tree: Any) -> bool:
    """``tree`` holds a value too large or costly to evaluate (a power, factorial, sum or product past the budget
    of :func:`~rlvr.verifiers.latex_fast.refuse_huge`): rebuilding it would evaluate it (``(10^{10})!``)."""
    stack = [tree]
    while stack:  # each numeric subtree checked once, as a whole: only what rebuilding evaluates ((a+b)^{30} stays)
        node = stack.pop()
        if node.is_Atom:
            continue
        if not node.is_number:
            stack.extend(node.args)
            continue
        try:
            refuse_huge(node)
        except AnswerTooComplex:
            return True
    return False


def _lowest_terms(r: Ratio) -> bool:
    """``a:b`` of integers in lowest terms with b > 1 (the form a number written as a fraction must take)."""
    a, b = r.a.num, r.b.num
    if a is None or b is None or a.places is not None or b.places is not None or a.unreduced or b.unreduced:
        return False
    if a.value.denominator != 1 or b.value.denominator != 1:
        return False
    return b.value > 1 and math.gcd(a.value.numerator, b.value.numerator) == 1


class _Inf:
    def __init__(self, sign: int) -> None:
        self.sign = sign

    def __lt__(self, other: Any) -> bool:
        return self.sign < 0 and not (isinstance(other, _Inf) and other.sign < 0)

    def __gt__(self, other: Any) -> bool:
        return self.sign > 0 and not (isinstance(other, _Inf) and other.sign > 0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Inf) and other.sign == self.sign

    def __le__(self, other: Any) -> bool:
        return self < other or self == other

    def __ge__(self, other: Any) -> bool:
        return self > other or self == other

    __hash__ = None  # type: ignore[assignment]


class _Real:
    """An exact real endpoint (Fraction or sympy number) ordered exactly; undecidable order raises."""

    def __init__(self, v: Any) -> None:
        self.v = v

    def _cmp(self, other: Any) -> int:
        if isinstance(other, _Inf):
            return -other.sign
        a, b = self.v, other.v
        if isinstance(a, Fraction) and isinstance(b, Fraction):
            return (a > b) - (a < b)
        d = _to_sympy(a) - _to_sympy(b)
        if d == 0:
            return 0
        pos = d.is_positive
        if pos is None:
            raise _Undecided
        return 1 if pos else -1

    def __lt__(self, other: Any) -> bool:
        return self._cmp(other) < 0

    def __gt__(self, other: Any) -> bool:
        return self._cmp(other) > 0

    def __eq__(self, other: object) -> bool:
        return self._cmp(other) == 0

    def __le__(self, other: Any) -> bool:
        return self._cmp(other) <= 0

    def __ge__(self, other: Any) -> bool:
        return self._cmp(other) >= 0

    __hash__ = None  # type: ignore[assignment]


class _Undecided(Exception):
    pass


def _rational(n: Num) -> Any:
    return _sp().Rational(n.value.numerator, n.value.denominator)


def _to_sympy(v: Any) -> Any:
    sp = _sp()
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    return v


def _percent(n: Num) -> Num:
    return Num(n.value / 100, None if n.places is None else n.places + 2, n.sig)


def _hour_of_day(p: Time, g: Scalar) -> bool:
    """A whole hour with its half of the day ("5 AM", ``5:00 \\text{ PM}``) answers a gold that is the hour, on a
    12- or 24-hour clock (5 PM = 5 = 17); minutes, or a time without am/pm (``5:00`` is also a ratio), do not."""
    if p.m or not p.suffix or g.num is None or g.unit is not None or g.approx:
        return False
    hours = {p.h, p.h % 12 + (12 if p.suffix == "pm" else 0)}
    return g.num.value in hours


def _times_equal(p: Time, g: Time) -> bool:
    """Clock times: a missing am/pm matches the same reading on a 12- or 24-hour clock."""
    if p.m != g.m:
        return False
    if p.suffix and g.suffix:
        return p.suffix == g.suffix and p.h % 12 == g.h % 12
    if not p.suffix and not g.suffix:  # either may be a 12-hour reading of the other: 1:00 = 13:00
        return p.h % 12 == g.h % 12
    marked, bare = (p, g) if p.suffix else (g, p)
    return bare.h in (marked.h, marked.h % 12 + (12 if marked.suffix == "pm" else 0))


def _based_equal(p: Scalar, g: Scalar) -> bool:
    """Numbers with base subscripts: the bases must agree; a missing one reads the digits in the other's."""
    if p.base is not None and g.base is not None and p.base != g.base:
        return False
    base = p.base or g.base
    assert base is not None
    pd = p.digits if p.base is not None else _plain_digits(p)
    gd = g.digits if g.base is not None else _plain_digits(g)
    if pd is None or gd is None:
        return False
    pv, gv = _digits_value(pd, base), _digits_value(gd, base)
    return pv is not None and pv == gv


def _plain_digits(s: Scalar) -> str | None:
    toks = [t for t in s.toks if t[0] != "ws"]
    if all(k == "num" and v.isdigit() or k == "sym" and v.isupper() for k, v in toks) and toks:
        return "".join(v for _, v in toks)
    return None


def _digits_value(digits: str, base: int) -> int | None:
    try:
        return int(digits, base) if len(digits) <= 400 else None
    except ValueError:
        return None


_FUNCTION_LABEL = re.compile(r"([A-Za-z]+)\(([a-z])\)")
#: a function (or a derivative) applied to variables: ``f(x)``, ``f'(x)``, ``g''(t)``, ``h(x, y)``
_FUNCTION_OF_VARIABLES = re.compile(r"[A-Za-z]++'*+\([a-z](?:,[ ]?+[a-z]){0,3}+\)")


def _constant_function(p: Labelled) -> bool:
    """``p`` equates a function of variables with a value free of them (``f'(x) = 5``, ``g(t) = 3``): against a
    bare value it states an equation in those variables, or that the function is constant, never the value."""
    value = p.values[0]
    return (
        _FUNCTION_OF_VARIABLES.fullmatch(p.labels[0]) is not None
        and isinstance(value, Scalar)
        and not any(k == "sym" for k, _ in value.toks)
    )


_INDEXED = re.compile(r"([A-Za-z])_\{?+(\d{1,2}+)\}?+")


def _indexed_roots(labels: tuple[str, ...]) -> bool:
    """Labels ``x_1, x_2, …`` of one letter with different indices: the roots of one equation, a set."""
    found = [_INDEXED.fullmatch(lb.replace(" ", "")) for lb in labels]
    return (
        all(found)
        and len({m.group(1) for m in found if m}) == 1
        and len({m.group(2) for m in found if m}) == len(labels)
    )


def _graph_labels(a: str, b: str) -> bool:
    """One label is ``y`` and the other a one-letter function of ``x`` (``f(x)``, ``g(x)``): both name the
    dependent variable of the same graph, so ``y = 2x + 1`` and ``f(x) = 2x + 1`` state the same function."""
    for y, f in ((a, b), (b, a)):
        m = _FUNCTION_LABEL.fullmatch(f.replace(" ", ""))
        if y.strip() == "y" and m is not None and m.group(2) == "x" and len(m.group(1)) == 1:
            return True
    return False


def _rename_argument(p: Labelled, g: Labelled) -> Node | None:
    """``p``'s value with its function argument renamed to ``g``'s (``f(y) = y^2`` read as ``f(x) = x^2``), when
    both label the same one-argument function and ``g``'s argument letter does not occur in ``p``'s value."""
    from rlvr.verifiers.lexer import lex

    mp, mg = _FUNCTION_LABEL.fullmatch(p.labels[0]), _FUNCTION_LABEL.fullmatch(g.labels[0])
    value = p.values[0]
    if mp is None or mg is None or mp.group(1) != mg.group(1) or mp.group(2) == mg.group(2):
        return None
    if not isinstance(value, Scalar):
        return None
    old, new = ("sym", mp.group(2)), ("sym", mg.group(2))
    toks = lex(value.latex)
    if new in toks:
        return None
    return parse(render([new if t == old else t for t in toks]))


def _derived_quantity(p: Coll) -> Chain | None:
    """The last item of a list of labelled values when it is a combination of the earlier labels with its value
    (``a = 2, b = 3, and a + b = 5``): the answer names the parts, then the quantity asked for, read as the chain
    ``(2) + (3) = 5`` so that the parts must agree with it (``m = 4, n = 9, m + n = 12`` states nothing); else
    ``None``."""
    if p.kind not in ("and", "list") or len(p.items) < 2 or not isinstance(p.items[-1], Equation):
        return None
    values: dict[str, Node] = {}
    for item in p.items[:-1]:
        if not isinstance(item, Labelled):
            return None
        values.update(zip(item.labels, item.values))
    last = p.items[-1]
    symbols = {v for k, v in last.lhs.toks if k == "sym"}
    value = _stated_value(last)
    if len(symbols) < 2 or not symbols <= values.keys() or value is None or value is not last.rhs:
        return None
    return _substituted(last.lhs, values, value)


def _substituted(expr: Scalar, values: dict[str, Node], value: Scalar) -> Chain | None:
    """``expr`` with each letter replaced by its stated value in parentheses, as a chain ending in ``value``;
    ``None`` when a letter's value is not a plain scalar (no arithmetic on it)."""
    out: list[Tok] = []
    for tok in expr.toks:
        if tok[0] != "sym":
            out.append(tok)
            continue
        given = values[tok[1]]
        if not isinstance(given, Scalar) or given.unit or given.base or given.approx or not given.toks:
            return None
        out += [("op", "("), *given.toks, ("op", ")")]
    whole = parse(render(out))
    return Chain((whole, value)) if isinstance(whole, Scalar) else None


#: the relation of an inequality as written, and its name
_RELATION_NAMES = {
    "<": "<",
    ">": ">",
    "\\le": "le",
    "\\leq": "le",
    "\\leqslant": "le",
    "\u2264": "le",
    "\\ge": "ge",
    "\\geq": "ge",
    "\\geqslant": "ge",
    "\u2265": "ge",
}
_INEQUALITY = re.compile(r"\\(?:leqslant|geqslant|leq|geq|le|ge)(?![A-Za-z])|[<>\u2264\u2265]")
#: the highest degree of a polynomial inequality that is solved
_MAX_INEQUALITY_DEGREE = 4


def _as_interval_node(solved: Any, var: str) -> Intervals | None:
    """A sympy set of reals (an interval, a union of them, points) as :class:`Intervals` with exact ends."""
    sp = _sp()
    pieces = solved.args if isinstance(solved, sp.Union) else (solved,)
    out: list[Interval] = []
    for piece in pieces:
        if isinstance(piece, sp.Interval):
            lo, hi = parse(sp.latex(piece.start)), parse(sp.latex(piece.end))
            if not isinstance(lo, Scalar) or not isinstance(hi, Scalar):
                return None
            out.append(
                Interval(
                    lo, hi, not piece.left_open and piece.start.is_finite, not piece.right_open and piece.end.is_finite
                )
            )
        elif isinstance(piece, sp.FiniteSet):
            for v in piece.args:
                point = parse(sp.latex(v))
                if not isinstance(point, Scalar):
                    return None
                out.append(Interval(point, point, True, True))
        else:
            return None
    return Intervals(tuple(out), "union", var)


#: the largest base of a power compared by its exponent (:func:`_same_power`)
_MAX_TOWER_BASE = 10**6
#: and the largest exponent
_MAX_TOWER_EXPONENT = 10**40


def _integer_tower(s: Scalar) -> tuple[int, list[Tok]] | None:
    """A power of a whole number ``b^{e}`` (``b`` from 2 to :data:`_MAX_TOWER_BASE`) written with a braced exponent:
    ``(b, exponent tokens)``, else ``None``."""
    t = [x for x in s.toks if x[0] != "ws"]
    if len(t) < 5 or t[0][0] != "num" or not t[0][1].isdigit() or t[1:3] != [("op", "^"), ("op", "{")]:
        return None
    if t[-1] != ("op", "}") or not 2 <= int(t[0][1]) <= _MAX_TOWER_BASE or s.unit or s.base:
        return None
    depth = 0
    for k, tok in enumerate(t[2:], 2):
        depth += (tok == ("op", "{")) - (tok == ("op", "}"))
        if depth == 0 and k != len(t) - 1:
            return None  # 2^{3} + 1: the power is not the whole answer
    return int(t[0][1]), t[3:-1]


def _same_power(a: tuple[int, list[Tok]], b: tuple[int, list[Tok]]) -> bool | None:
    """``x^m = y^n`` for whole ``x, y >= 2`` and positive whole exponents, decided exactly without evaluating the
    powers: write each base as ``r^k`` with ``r`` no perfect power; then equal iff the ``r`` agree and ``k·m = k'·n``.
    ``None`` when an exponent is no such whole number (``4^{1/2}``: compared as usual)."""
    sp = _sp()
    exps = []
    for _, toks in (a, b):
        try:
            e = _sympy(render(toks))
        except AnswerTooComplex:
            return None
        if not isinstance(e, sp.Integer) or not 0 < e < _MAX_TOWER_EXPONENT:
            return None
        exps.append(int(e))
    (ra, ka), (rb, kb) = _perfect_root(a[0]), _perfect_root(b[0])
    return ra == rb and ka * exps[0] == kb * exps[1]


def _perfect_root(n: int) -> tuple[int, int]:
    """``n`` as ``r^k`` with the largest ``k`` (``r`` is then no perfect power)."""
    sp = _sp()
    for k in range(n.bit_length(), 1, -1):
        r, exact = sp.integer_nthroot(n, k)
        if exact:
            return int(r), k
    return n, 1


def _yes_no_reply(p: Node) -> str | None:
    """A list of words opened by yes or no (``\\text{No, it is not possible}``) read as a final reply is: the
    plain yes or no when the rest only explains it, else the whole reply (a qualified yes/no differs); ``None``
    for any other answer."""
    from rlvr.verifiers.extract import _word_answer

    if not isinstance(p, Coll) or p.kind != "list" or not all(isinstance(x, Text) for x in p.items):
        return None
    words = [x.text for x in p.items if isinstance(x, Text)]
    if not words or words[0] not in ("yes", "no"):
        return None
    said = _word_answer(", ".join(words))
    return said.lower() if said is not None else None


def _stated_value(e: Equation) -> Scalar | None:
    """The right side of an answer ``expression = constant`` (not 0): the value it states. A gold written as an
    equation stays an equation (``2x + z = 1`` is not the answer 1)."""
    for value, other in ((e.rhs, e.lhs), (e.lhs, e.rhs)):  # a + b = 12, or 12 = a + b
        if any(k == "sym" and v not in "ei" for k, v in value.toks) or (value.num is not None and value.num.value == 0):
            continue
        if len({v for k, v in other.toks if k == "sym" and v not in "ei"}) >= 2:  # a named combination
            return value  # (x - 1 = 5, 2x = 5 are equations in x, not the value 5)
    return None


def _vector(n: Node) -> list[Node] | None:
    if isinstance(n, Coll) and n.kind in ("tuple", "list", "parts", "and"):
        return list(n.items)
    if isinstance(n, Matrix):
        if len(n.rows) == 1:
            return list(n.rows[0])
        if all(len(r) == 1 for r in n.rows):
            return [r[0] for r in n.rows]
    if isinstance(n, Labelled) and len(n.labels) > 1:
        return list(n.values)
    return None


def _as_intervals(n: Node) -> Intervals | None:
    if isinstance(n, Intervals):
        return n
    if isinstance(n, Coll) and n.pair and len(n.items) == 2:
        lo, hi = n.items
        if isinstance(lo, Scalar) and isinstance(hi, Scalar):
            return Intervals((Interval(lo, hi, False, False),))
    if isinstance(n, Coll) and n.kind == "set" and not n.items:
        return Intervals(())
    points = n.items if isinstance(n, Coll) and n.kind == "set" else (n,)
    if all(isinstance(x, Scalar) and x.num is not None and x.unit is None and x.base is None for x in points):
        # a finite set of numbers, or one number, against intervals: the union of its points
        # ({1} \cup {2} is {1, 2}; [5, 5] is 5)
        return Intervals(tuple(Interval(x, x, True, True) for x in points))  # type: ignore[arg-type]
    if isinstance(n, Labelled) and len(n.labels) == 1:
        inner = _as_intervals(n.values[0])
        if inner is not None:
            return Intervals(inner.items, inner.op, n.labels[0])
    return None


def _as_equation(n: Node) -> Equation | None:
    if isinstance(n, Equation):
        return n
    if isinstance(n, Labelled) and len(n.labels) == 1 and isinstance(n.values[0], Scalar):
        from rlvr.verifiers.lexer import lex
        from rlvr.verifiers.structure import parse_tokens as parse_structure_tokens

        lhs = parse_structure_tokens(lex(n.labels[0]))
        if isinstance(lhs, Scalar):
            return Equation(lhs, n.values[0])
    return None


# ---------------------------------------------------------------- sympy (full check only)


def _sp() -> Any:
    import sympy

    return sympy


_L2S_NORM = None


@lru_cache(maxsize=8192)
def _sympy(latex: str) -> Any:
    """``latex`` as an evaluated sympy object, or ``None`` (refuses huge values with AnswerTooComplex)."""
    sp = _sp()
    from rlvr.verifiers.lexer import lex

    try:
        expr = parse_tokens(lex(latex))
    except AnswerTooComplex:
        raise
    except Ambiguous:  # "1 2", "a/b c": no reading, and no other parser may guess one
        return None
    except Unsupported:
        expr = _latex2sympy(latex)
        if expr is None:
            return None
    except (TypeError, ValueError, ArithmeticError, IndexError, AttributeError, RecursionError):
        return None  # e.g. a matrix sum of different shapes
    if not isinstance(expr, (sp.Expr, sp.MatrixBase)):
        return None
    refuse_huge(expr)
    try:
        if _indeterminate(expr) or isinstance(expr, sp.Expr) and _rebuilt(expr) is None:
            return sp.nan  # \infty^0, 1/(1/0): no value
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return None
    try:
        if expr.free_symbols:  # answers are about real quantities: ln(e^x) = x, sqrt(x^2) = |x|
            expr = expr.xreplace({s: sp.Symbol(s.name, real=True) for s in expr.free_symbols})
        expr = multiply_out_products(expr).doit()
        floats = expr.atoms(sp.Float)
        if floats:
            expr = expr.xreplace({f: sp.Rational(str(f)) for f in floats})
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return None
    return expr


def _latex2sympy(latex: str) -> Any:
    """The full LaTeX grammar, for what the fast parser does not cover. It folds case, so it is only used on
    text without capital Latin letters (a case-folded answer could equal a different one)."""
    global _L2S_NORM
    import re

    if re.search(r"(?<![\\A-Za-z])[A-Z]|\\text|\\unit|\\mathrm|'", latex):
        return None  # case folded, words, units, and primes (x' is a derivative or another name, never x)
    from latex2sympy2_extended import NormalizationConfig, latex2sympy

    if _L2S_NORM is None:
        _L2S_NORM = NormalizationConfig(
            basic_latex=True, units=False, malformed_operators=False, nits=False, boxed="none", equations=False
        )
    try:
        expr = latex2sympy(latex, normalization_config=_L2S_NORM)
    except Exception:  # noqa: BLE001  (the grammar raises bare Exceptions)
        return None
    sp = _sp()
    if not isinstance(expr, sp.Expr):
        return None
    i_sym = [s for s in expr.free_symbols if s.name == "i"]
    if i_sym:
        expr = expr.subs(i_sym[0], sp.I)
    return expr


def _indeterminate(expr: Any) -> bool:
    """Whether the unevaluated tree holds a form with no value that evaluation would give one: an infinite base to
    the power 0 (``\\infty^0``, which sympy makes 1), 1 to an infinite power, and a factorial, gamma or binomial
    of an infinity (``\\infty!``, which sympy makes ``\\infty``)."""
    sp = _sp()
    infinities = (sp.oo, -sp.oo, sp.zoo)
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow):
            if node.exp.is_zero and (node.base.has(*infinities) or node.base.is_zero):
                return True  # \infty^0, 0^0
            if node.base == 1 and node.exp.has(*infinities):
                return True
        elif isinstance(node, (sp.factorial, sp.factorial2, sp.gamma, sp.binomial)) and node.has(*infinities):
            return True
    return False


def _undefined(e: Any) -> bool:
    sp = _sp()
    return bool(e.has(sp.zoo, sp.nan)) or e is sp.nan


#: numeric evaluation precision (digits) used only to *reject* equality
_DIGITS = 40
#: relative difference beyond which two 40-digit evaluations are certainly different values
_REJECT = 1e-30


def _sympy_equal(a: Any, b: Any, an: Num | None, bn: Num | None, options: MatchOptions) -> bool:
    sp = _sp()
    if not (isinstance(a, sp.Expr) and isinstance(b, sp.Expr)) or _undefined(a) or _undefined(b):
        return False
    if a == b:
        return True
    if a.free_symbols or b.free_symbols:
        ca, cb = _integration_constant(a), _integration_constant(b)
        if ca is not None and cb is not None:  # F + C against G + K: antiderivatives of the same function
            return _differ_by_a_constant(a - ca, b - cb)
        return _identical_functions(a, b)
    if a.is_Rational and b.is_Rational:
        return False
    for dec, exact, is_answer in ((an, b, True), (bn, a, False)):  # the decimal rule, either side
        if dec is not None and dec.places is not None:
            if is_answer and dec.sig < options.min_sig_digits:
                return False
            return _rounds_to(exact, dec)
    if _numerically_different(a, b):
        return False
    return _proven_zero(a - b) or _same_angle(a, b)


#: inverse trigonometric functions, whose values at numbers are angles proven equal through their tangents
_INVERSE_TRIG = ("asin", "acos", "atan", "acot")


def _same_angle(a: Any, b: Any) -> bool:
    """Two numbers written with inverse trigonometric functions (``\\arctan\\frac12 + \\arctan\\frac13`` and
    ``\\frac{\\pi}{4}``) are equal when their tangents are, proven exactly, and they differ by less than π (so by
    no multiple of it): the tangent fixes an angle up to a multiple of π."""
    sp = _sp()
    funcs = a.atoms(sp.Function) | b.atoms(sp.Function)
    if not funcs or not any(type(f).__name__ in _INVERSE_TRIG for f in funcs):
        return False
    if not all(type(f).__name__ in _INVERSE_TRIG for f in funcs):
        return False
    ta, tb = (sp.expand_trig(sp.tan(x.rewrite(sp.atan))) for x in (a, b))
    if ta.has(sp.zoo, sp.nan) or tb.has(sp.zoo, sp.nan) or ta.atoms(sp.Function) or tb.atoms(sp.Function):
        return False
    try:
        gap = sp.N(a - b, 30)
    except Exception:  # noqa: BLE001
        return False
    return bool(gap.is_real and abs(gap) < 1) and _proven_zero(ta - tb)


def _rounds_to(exact: Any, dec: Num) -> bool:
    """``|exact - d| <= ½·10^-places``, decided with enough precision (an exact tie needs a rational)."""
    sp = _sp()
    d = sp.Rational(dec.value.numerator, dec.value.denominator)
    if dec.trailing:  # 0.6666…: the exact value continues the digits
        unit = sp.Rational(1, 10**dec.places)
        beyond = sp.Abs(exact) - sp.Abs(d)
        return _nonnegative(beyond) and _nonnegative(unit - beyond) and beyond != unit
    half = sp.Rational(1, 2 * 10**dec.places)
    margin = half - sp.Abs(exact - d)
    if margin.is_Rational:
        return bool(margin >= 0)
    try:
        v = sp.N(margin, 30 + dec.places, strict=True)
    except Exception:  # noqa: BLE001  (PrecisionExhausted: too close to call)
        return False
    return bool(v.is_real and v >= 0)


def _nonnegative(x: Any) -> bool:
    sp = _sp()
    if x.is_Rational:
        return bool(x >= 0)
    try:
        v = sp.N(x, 40, strict=True)
    except Exception:  # noqa: BLE001  (too close to call)
        return False
    return bool(v.is_real and v >= 0)


def _numerically_different(a: Any, b: Any) -> bool:
    sp = _sp()
    try:
        va, vb = sp.N(a, _DIGITS), sp.N(b, _DIGITS)
    except Exception:  # noqa: BLE001
        return False
    if not (va.is_number and vb.is_number) or va.has(sp.zoo, sp.nan) or vb.has(sp.zoo, sp.nan):
        return False
    if not (va.is_finite and vb.is_finite):
        return va != vb
    scale = max(abs(va), abs(vb))
    if scale == 0:
        return False
    return bool(abs(va - vb) > _REJECT * scale)


def _proven_zero(d: Any) -> bool:
    """``d`` is zero by exact symbolic work: expand, simplify, then (algebraic numbers) its minimal polynomial."""
    sp = _sp()
    if d == 0:
        return True
    d1 = sp.expand(d)
    if d1 == 0:
        return True
    if d1.is_Rational:
        return False
    d2 = sp.simplify(d1)
    if d2 == 0:
        return True
    if d2.is_number and d2.has(sp.Pow) and any(p.exp.has(sp.I) for p in d2.atoms(sp.Pow)):
        d2 = sp.simplify(d2.rewrite(sp.exp))  # i^i: a power to a complex exponent, by its principal value
        if d2 == 0:
            return True
    if d2.is_number and (d2.is_algebraic and not d2.has(sp.Function) or _trig_at_rational_pi(d2)):
        x = sp.Dummy("x")
        try:
            return sp.minimal_polynomial(d2, x) == x
        except (NotImplementedError, ValueError):
            return False
    return False


def _trig_at_rational_pi(d: Any) -> bool:
    """``d`` holds functions, all of them sine, cosine or tangent of rational multiples of π (algebraic numbers
    whose minimal polynomial sympy finds exactly: the heptagon's ``\\cos\\frac{2\\pi}{7}``)."""
    sp = _sp()
    funcs = d.atoms(sp.Function)
    return bool(funcs) and all(
        isinstance(f, (sp.sin, sp.cos, sp.tan)) and (f.args[0] / sp.pi).is_Rational for f in funcs
    )


#: names of an arbitrary constant added to an antiderivative (``+C``, ``+c``, ``+K``, ``+D``, ``+C_1``)
_CONSTANT_NAMES = frozenset({"C", "c", "K", "D", "C_0", "C_1", "C_{0}", "C_{1}"})


def _integration_constant(e: Any) -> Any:
    """The constant of integration of an antiderivative ``F + C``: the one term of a sum that is a symbol named as
    a constant (:data:`_CONSTANT_NAMES`) and appears nowhere else, the rest holding another symbol; else ``None``."""
    sp = _sp()
    if not isinstance(e, sp.Add):
        return None
    found = [t for t in e.args if isinstance(t, sp.Symbol) and t.name in _CONSTANT_NAMES]
    if len(found) != 1:
        return None
    rest = e - found[0]
    if found[0] in rest.free_symbols or not rest.free_symbols:
        return None
    return found[0]


def _differ_by_a_constant(f: Any, g: Any) -> bool:
    """``f - g`` is a constant: the same function up to its constant of integration (``\\frac{x^2+1}{2}`` and
    ``\\frac{x^2}{2}``), proven by ``simplify``; the free symbols must agree."""
    sp = _sp()
    if f.free_symbols != g.free_symbols:
        return False
    d = sp.simplify(f - g)
    return not d.free_symbols and d.is_finite is not False and not _undefined(d)


def _identical_functions(a: Any, b: Any) -> bool:
    """``a`` ≡ ``b`` as expressions in their symbols, proven: exact ``cancel`` for rational functions, else
    ``simplify(a - b) == 0``. Values at points only reject (a different value at a point where both are
    defined), never accept."""
    sp = _sp()
    if _differ_at_points(a, b):
        return False  # cheap, before any simplification: (x+y)^{60} is no 5
    d = a - b
    if d.has(sp.acos, sp.acot):
        d = d.rewrite(sp.asin).rewrite(sp.atan)  # \arccos x = \pi/2 - \arcsin x: by definition
    if a.free_symbols != b.free_symbols:
        return bool(sp.simplify(d) == 0)
    if a.is_rational_function() and b.is_rational_function():
        return bool(sp.cancel(sp.together(d)) == 0)
    if sp.expand(d) == 0:
        return True
    if d.has(sp.sin, sp.cos, sp.tan) and _small_multiples(d) and sp.expand(sp.expand_trig(d)) == 0:
        return True  # \sin 5x against its expansion in powers of \sin x
    return bool(sp.simplify(d) == 0)


#: the largest multiple of an angle whose sine, cosine or tangent is expanded (``\sin 5x``): the expansion of
#: ``\\sin(1995 \\pi x)`` has about a thousand terms
MAX_ANGLE_MULTIPLE = 12


def _small_multiples(d: Any) -> bool:
    """Every sine, cosine and tangent in ``d`` is of an angle whose numeric factor is at most
    :data:`MAX_ANGLE_MULTIPLE` in size (``\\sin 5x``, not ``\\sin(1995\\pi x)``)."""
    sp = _sp()
    for f in d.atoms(sp.sin, sp.cos, sp.tan):
        factor = 1
        for term in sp.Add.make_args(f.args[0]):
            coeff, _ = term.as_coeff_Mul()
            factor = max(factor, abs(coeff) if coeff.is_Rational else MAX_ANGLE_MULTIPLE + 1)
        if factor > MAX_ANGLE_MULTIPLE:
            return False
    return True


_POINTS = ((Fraction(7, 3), Fraction(-5, 11), Fraction(13, 17)), (Fraction(-19, 7), Fraction(23, 13), Fraction(3, 29)))


def _differ_at_points(a: Any, b: Any) -> bool:
    sp = _sp()
    symbols = sorted(a.free_symbols | b.free_symbols, key=str)
    for point in _POINTS:
        subs = {
            s: sp.Rational(point[i % 3].numerator + i // 3, point[i % 3].denominator) for i, s in enumerate(symbols)
        }
        try:
            va, vb = a.xreplace(subs), b.xreplace(subs)
        except Exception:  # noqa: BLE001
            continue
        if not (va.is_number and vb.is_number) or _undefined(va) or _undefined(vb):
            continue
        if _numerically_different(va, vb):
            return True
    return False


def _proportional(dp: Any, dg: Any) -> bool:
    """``dp = c·dg`` for a non-zero constant c, proven exactly (rearranged equations)."""
    sp = _sp()
    if dp == 0 or dg == 0 or _undefined(dp) or _undefined(dg):
        return False
    if not dp.free_symbols or dp.free_symbols != dg.free_symbols:
        return False
    ratio = dp / dg
    if dp.is_rational_function() and dg.is_rational_function():
        r = sp.cancel(sp.together(ratio))
    else:
        r = sp.simplify(ratio)
    return bool(r.is_number and r != 0 and r.is_finite and not _undefined(r))


#: expressions parsed once when a worker starts (warms the LaTeX grammar's prediction cache and sympy)
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
    r"\int_0^1 x\,dx",
)


def warm_up() -> None:
    """Import the parsers and run them over :data:`WARM_UP` (a worker calls this before it reports ready)."""
    for text in WARM_UP:
        _sympy(text)
        _latex2sympy(text)
    equivalent(r"\frac{\sqrt2}{2}", r"\frac{1}{\sqrt2}")
    equivalent("x^2-1", "(x-1)(x+1)")
    _sympy.cache_clear()
