"""A recursive-descent parser from LaTeX answer tokens to sympy, case-sensitive, in front of latex2sympy2_extended.

Covers what answers are written with: numbers (decimals as exact rationals), letters (case kept: ``R`` and
``r`` are different symbols; ``e`` is Euler's number, ``i`` the imaginary unit), Greek letters, subscripts
(``x_1``), ``\\frac``, ``\\sqrt[n]``, powers, implicit and explicit products, ``!``, ``\\binom``, ``|x|``,
floors and ceilings, the elementary functions (``\\sin^2 x``, ``\\log_2 8``, ``\\ln``, ``\\exp``), ``\\pi``,
``\\infty``, and geometric labels (``\\angle ABC``, ``\\overline{AB}``) as single named symbols. A run of three
or more letters (``abc``, a word) or two or more capitals (``AB``) is one named symbol, not a product, so
``\\text{May}``-like and label answers cannot be reordered into each other; two lower-case letters are a
product (``ab`` = ``ba``).

Nothing is evaluated as code: every token maps to a sympy constructor with ``evaluate=False``, and values
too large to compute exactly (towers, huge factorials, ``1e999999999``) raise :class:`AnswerTooComplex`
before any evaluation. Anything outside the subset raises :class:`Unsupported`.
"""

from __future__ import annotations

import math
from typing import Any

import sympy

from rlvr.verifiers.lexer import Tok, lex
from rlvr.verifiers.structure import AnswerTooComplex


class Unsupported(ValueError):
    """The input uses LaTeX outside this parser's subset."""


class Ambiguous(Unsupported):
    """The input is in the subset but has no single reading (``2 3``, ``a/b c``): no other parser may guess."""


#: exponents above 10^MAX_EXP_DIGITS, factorials/binomials above 10^MAX_FACTORIAL_DIGITS and values with more
#: than 10^MAX_VALUE_DIGITS digits are refused (status error) instead of evaluated
MAX_EXP_DIGITS = 7
MAX_FACTORIAL_DIGITS = 4
MAX_VALUE_DIGITS = 6
#: the cost budget of symbolic work, checked before it: a function (``\sin``, ``\log`` …) of a number above
#: 10^MAX_FUNCTION_ARG_DIGITS (evaluating it needs that many digits), a power of a sum in symbols whose expansion has
#: more than MAX_EXPANSION_TERMS terms (``(x+y+z+w)^{60}``), and a power above MAX_FUNCTION_POWER of any other
#: symbolic base (``\sin^{400}x``) are refused
MAX_FUNCTION_ARG_DIGITS = 1000
MAX_EXPANSION_TERMS = 5000
MAX_FUNCTION_POWER = 100
#: sums, integrals and limits are bounded by their size the same way: a ``Sum`` of more than MAX_SUM_TERMS terms
#: (``\sum_{k=1}^{9999999}\frac1k``) or, when its terms hold other symbols, above MAX_FUNCTION_POWER, and an
#: integral or limit whose body holds a power above MAX_FUNCTION_POWER (``\int_0^1 x^{1000}e^x\,dx``) or a sum,
#: integral or limit itself, are refused
MAX_SUM_TERMS = 1000
#: and a sum whose terms times the digits of its largest term (at either limit) exceed MAX_SUM_DIGITS
#: (``\sum_{k=1}^{1000}k^{1000}``: 1000 terms of up to 3000 digits)
MAX_SUM_DIGITS = 10**5
#: reducing a quotient, a gcd or an lcm of exact integers costs about the product of their digit counts (CPython's
#: division and gcd are quadratic: two 10^5-digit numbers take 0.4 s in math.gcd, two 3·10^4-digit ones 0.04 s); an answer
#: whose bound of that product exceeds MAX_REDUCTION_COST is refused before any of it is computed
MAX_REDUCTION_COST = 3 * 10**9
_MAX_TOKENS = 600

_FUNCS: dict[str, Any] = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "cot": sympy.cot,
    "sec": sympy.sec,
    "csc": sympy.csc,
    "arcsin": sympy.asin,
    "arccos": sympy.acos,
    "arctan": sympy.atan,
    "acot": sympy.acot,
    "asec": sympy.asec,
    "acsc": sympy.acsc,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "coth": sympy.coth,
    "ln": sympy.log,
    "exp": sympy.exp,
    "log": None,  # base 10, or the subscript
    "sqrt": None,
}
#: Greek letters that name special functions when a parenthesis follows them (``\zeta(2)``, ``\Gamma(5)``);
#: without the parenthesis they stay symbols
_SPECIAL = {"zeta": sympy.zeta, "Gamma": sympy.gamma}
_INVERSE = {"sin": sympy.asin, "cos": sympy.acos, "tan": sympy.atan, "cot": sympy.acot, "sec": sympy.asec}
_MULTI = {"max": sympy.Max, "min": sympy.Min, "gcd": sympy.gcd, "lcm": sympy.lcm}
_GREEK = frozenset(
    """alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron rho sigma tau upsilon
    phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega""".split()
)
_LABEL_CMDS = frozenset({"angle", "measuredangle", "triangle", "overline", "overarc", "widehat", "arc", "vec"})
_MUL_CMDS = frozenset({"cdot", "times", "ast"})


class _P:
    """Tokens with ``space`` flags: (kind, value, preceded by whitespace)."""

    def __init__(self, toks: list[Tok]) -> None:
        out: list[tuple[str, str, bool]] = []
        space = False
        for kind, val in toks:
            if kind == "ws":
                space = True
                continue
            if kind in ("word", "unit"):
                raise Unsupported(f"{kind} {val!r} in an expression")
            out.append((kind, val, space))
            space = False
        if len(out) > _MAX_TOKENS:
            raise AnswerTooComplex("expression too long")
        self.t = out
        self.i = 0
        self.bars = 0  # open |…| groups: inside one, a bar closes instead of opening

    def peek(self, k: int = 0) -> tuple[str, str, bool] | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def is_(self, kind: str, val: str | None = None, k: int = 0) -> bool:
        t = self.peek(k)
        return t is not None and t[0] == kind and (val is None or t[1] == val)

    def take(self) -> tuple[str, str, bool]:
        t = self.peek()
        if t is None:
            raise Unsupported("unexpected end")
        self.i += 1
        return t

    def expect(self, kind: str, val: str) -> None:
        t = self.take()
        if t[0] != kind or t[1] != val:
            raise Unsupported(f"expected {val!r}, got {t[1]!r}")

    # ------------------------------------------------------------ grammar

    def parse(self) -> Any:
        e = self.sum()
        if self.peek() is not None:
            raise Unsupported(f"unexpected {self.peek()}")
        return e

    def sum(self) -> Any:
        terms = [self.signed()]
        while self.is_("op", "+") or self.is_("op", "-"):
            neg = self.take()[1] == "-"
            t = self.term()
            terms.append(_neg(t) if neg else t)
        if len(terms) > 1 and any(isinstance(x, sympy.MatrixBase) for x in terms):
            return _matrix_sum(terms)
        return sympy.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]

    def signed(self) -> Any:
        if self.is_("op", "-") or self.is_("op", "+"):
            neg = self.take()[1] == "-"
            t = self.term()
            return _neg(t) if neg else t
        return self.term()

    def term(self) -> Any:
        factors = [self.power()]
        while (tok := self.peek()) is not None:
            kind, val, space = tok
            if (kind == "op" and val == "*") or (kind == "cmd" and val in _MUL_CMDS):
                self.take()
                factors.append(self.power())
            elif kind == "cmd" and val in ("bmod", "mod"):  # 5 \bmod 3 is the remainder 2
                self.take()
                left = sympy.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]
                factors = [sympy.Mod(left, self.power(), evaluate=False)]
            elif (kind == "op" and val == "/") or (kind == "cmd" and val == "div"):
                self.take()
                factors.append(sympy.Pow(self.power(), -1, evaluate=False))
                nxt = self.peek()
                if nxt is not None and self._starts_factor(nxt) and not self._is_func(nxt):
                    raise Ambiguous("a/b c is ambiguous")
            elif self._starts_factor(tok):
                prev = self.t[self.i - 1]
                factorials = prev[1] == "!" and kind == "num" and self.is_("op", "!", 1)  # 3!7! is 3!·7!
                if (
                    kind in ("num", "sci")
                    and not factorials
                    and (prev[0] in ("num", "sci", "sym") or prev[1] in (")", "}", "!", "|"))
                ):
                    raise Ambiguous("a number after a factor")
                if (kind, val) == ("op", "{") and prev[0] in ("num", "sci"):
                    raise Ambiguous("a group after a number renders as joined digits")
                factors.append(self.power())
            else:
                break
        if len(factors) > 1 and any(isinstance(x, sympy.MatrixBase) for x in factors):
            return _matrix_product(factors)
        return sympy.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]

    def _is_func(self, tok: tuple[str, str, bool]) -> bool:
        return tok[0] == "cmd" and (tok[1] in _FUNCS or tok[1] in _MULTI)

    def _starts_factor(self, tok: tuple[str, str, bool]) -> bool:
        kind, val, _ = tok
        if kind in ("num", "sci", "sym", "begin"):
            return True
        if kind == "op":
            return val in ("(", "{", "[") or (val == "|" and self.bars == 0)
        if kind == "cmd":
            return (
                val in ("pi", "infty", "frac", "sqrt", "binom", "lfloor", "lceil", "exp")
                or val in _FUNCS
                or val in _MULTI
                or val in _GREEK
                or val in _LABEL_CMDS
            )
        return False

    def power(self) -> Any:
        base = self.postfix(self.atom())
        if self.is_("op", "^"):
            self.take()
            exp = self.exponent()
            base = sympy.Pow(base, exp, evaluate=False)
            if self.is_("op", "^"):
                raise Ambiguous("a^b^c is ambiguous")
        return base

    def postfix(self, base: Any) -> Any:
        while self.is_("op", "!") and not self.is_("op", "=", 1):
            self.take()
            if self.is_("op", "!") and not self.is_("op", "=", 1):  # n!! is the double factorial
                self.take()
                base = sympy.factorial2(base, evaluate=False)
                continue
            base = sympy.factorial(base, evaluate=False)
        return base

    def exponent(self) -> Any:
        if self.is_("op", "-") or self.is_("op", "+"):
            neg = self.take()[1] == "-"
            e = self.arg()
            return _neg(e) if neg else e
        return self.arg()

    def group(self, open_: str = "{", close: str = "}") -> Any:
        self.expect("op", open_)
        e = self.sum()
        self.expect("op", close)
        return e

    def arg(self) -> Any:
        """A macro argument: ``{…}`` or one token (``\\frac12``, ``\\sqrt2``, ``x^2``)."""
        tok = self.peek()
        if tok is None:
            raise Unsupported("missing argument")
        if tok[:2] == ("op", "{"):
            return self.group()
        if tok[0] == "num":
            self.take()
            digits = tok[1]
            if "." in digits:
                raise Unsupported("decimal macro argument")
            if len(digits) > 1:  # \frac123 is \frac{1}{2}3: give back the rest
                self.t[self.i - 1] = ("num", digits[0], tok[2])
                self.t.insert(self.i, ("num", digits[1:], False))
            return sympy.Integer(int(digits[0]))
        if tok[0] == "sym":
            self.take()
            return _symbol(tok[1])
        if tok[0] == "cmd" and (tok[1] in ("pi", "infty") or tok[1] in _GREEK):
            self.take()
            return _command_atom(tok[1])
        raise Unsupported("macro argument")

    def atom(self) -> Any:
        kind, val, _ = self.take()
        if kind == "num":
            mixed = self._spaced_mixed(val)
            if mixed is not None:
                return mixed
            if self.is_("cmd", "frac") and "." not in val:  # mixed number 2\frac{1}{2}
                save = self.i
                self.take()
                num, den = self.arg(), self.arg()
                if num.is_Integer and den.is_Integer and not self._continues_product():
                    if not 0 < num < den:  # 2\frac32: not a mixed number, and no other reading is safe
                        raise Ambiguous("a whole number before an improper fraction")
                    return sympy.Add(_number(val), sympy.Mul(num, sympy.Pow(den, -1, evaluate=False)), evaluate=False)
                self.i = save
            return _number(val)
        if kind == "sci":
            mant, _, exp = val.partition("e")
            e = int(exp)
            if abs(e) > 10**MAX_VALUE_DIGITS:
                raise AnswerTooComplex("exponent too large to decide exactly")
            return sympy.Mul(_number(mant), sympy.Pow(10, e, evaluate=False), evaluate=False)
        if kind == "sym":
            return self.letters(val)
        if kind == "op":
            if val == "(":
                e = self.sum()
                self.expect("op", ")")
                return e
            if val == "[":
                e = self.sum()
                self.expect("op", "]")
                return e
            if val == "{":
                self.i -= 1
                return self.group()
            if val == "|":
                self.bars += 1
                e = self.sum()
                self.bars -= 1
                self.expect("op", "|")
                if isinstance(e, sympy.MatrixBase):  # |A|, ||A||: a determinant or a norm, never |a_ij| cell by cell
                    raise Ambiguous("bars around a matrix")
                return sympy.Abs(e, evaluate=False)
            raise Unsupported(f"operator {val!r}")
        if kind == "begin":
            return self.matrix(val)
        if kind != "cmd":
            raise Unsupported(f"token {val!r}")
        return self.command(val)

    def matrix(self, env: str) -> Any:
        """``\\begin{pmatrix} … \\end{pmatrix}`` (any matrix environment) as an immutable sympy matrix."""
        if env not in ("pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array"):
            raise Unsupported(f"environment {env}")
        rows: list[list[Any]] = [[]]
        cell: list[tuple[str, str, bool]] = []
        depth = 0
        while True:
            tok = self.take()
            if tok[0] == "begin":
                depth += 1
            elif tok[0] == "end":
                if depth == 0:
                    break
                depth -= 1
            if depth == 0 and tok[:2] in (("op", "&"), ("op", "\\\\")):
                rows[-1].append(_sub(cell))
                cell = []
                if tok[1] == "\\\\":
                    rows.append([])
                continue
            if tok[:2] != ("cmd", "hline"):
                cell.append(tok)
        if cell:
            rows[-1].append(_sub(cell))
        rows = [r for r in rows if r]
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise Unsupported("ragged matrix")
        return sympy.ImmutableMatrix(rows)

    def _spaced_mixed(self, whole: str) -> Any:
        """``4 4/9``: a whole number, a space, and a proper fraction of integers is a mixed number."""
        t = self.t[self.i : self.i + 3]
        if "." in whole or len(t) < 3 or t[0][0] != "num" or not t[0][2] or t[1][:2] != ("op", "/") or t[2][0] != "num":
            return None
        if "." in t[0][1] or "." in t[2][1] or not 0 < int(t[0][1]) < int(t[2][1]):
            return None
        nxt = self.t[self.i + 3] if self.i + 3 < len(self.t) else None
        if nxt is not None and (nxt[0] in ("num", "sym") or nxt[:2] in (("op", "^"), ("op", "("))):
            return None
        self.i += 3
        return sympy.Add(_number(whole), sympy.Rational(int(t[0][1]), int(t[2][1])), evaluate=False)

    def _continues_product(self) -> bool:
        nxt = self.peek()
        return nxt is not None and nxt[0] in ("sym",)

    def letters(self, first: str) -> Any:
        """A run of letters: a function name, a named symbol (three or more letters, or capitals), or a
        product of single-letter symbols; a subscript binds to the last letter."""
        run = [first]
        while self.is_("sym") and not self.peek()[2]:  # type: ignore[index]
            run.append(self.take()[1])
        name = "".join(run)
        if name in _FUNCS or name in _MULTI:
            return self.function(name)
        if name == "pi":
            return sympy.pi
        sub = self.subscript()
        if len(name) >= 3 or (len(name) >= 2 and name.isupper()):
            return sympy.Symbol(name + sub)
        syms = [_symbol(c) for c in name[:-1]] + [_symbol(name[-1], sub)]
        return sympy.Mul(*syms, evaluate=False) if len(syms) > 1 else syms[0]

    def subscript(self) -> str:
        if not self.is_("op", "_"):
            return ""
        self.take()
        tok = self.take()
        if tok[:2] == ("op", "{"):
            parts = []
            depth = 1
            while True:
                t = self.take()
                if t[:2] == ("op", "{"):
                    depth += 1
                elif t[:2] == ("op", "}"):
                    depth -= 1
                    if depth == 0:
                        break
                parts.append(t[1])
                if len(parts) > 20:
                    raise Unsupported("long subscript")
            return "_" + "".join(parts)
        if tok[0] in ("num", "sym"):
            if tok[0] == "num" and len(tok[1]) > 1:  # x_12 is x_1 2
                self.t[self.i - 1] = ("num", tok[1][0], tok[2])
                self.t.insert(self.i, ("num", tok[1][1:], False))
                return "_" + tok[1][0]
            return "_" + tok[1]
        if tok[0] == "cmd":
            return "_" + tok[1]
        raise Unsupported("subscript")

    def command(self, name: str) -> Any:
        if name in _SPECIAL and self.is_("op", "("):
            return _SPECIAL[name](self.group("(", ")"), evaluate=False)  # \zeta(-1), \Gamma(5): functions
        if name in ("pi", "infty") or name in _GREEK:
            atom = _command_atom(name)
            if name in _GREEK:
                sub = self.subscript()
                if sub:
                    atom = sympy.Symbol(name + sub)
            return atom
        if name == "frac":
            num, den = self.arg(), self.arg()
            return sympy.Mul(num, sympy.Pow(den, -1, evaluate=False), evaluate=False)
        if name == "sqrt":
            if self.is_("op", "["):
                self.take()
                index = self.sum()
                self.expect("op", "]")
                radicand = self.arg()
                if index.is_Integer and index % 2 == 1 and radicand.is_number and radicand.doit().is_negative:
                    return _neg(sympy.Pow(_neg(radicand), sympy.Pow(index, -1, evaluate=False), evaluate=False))
                return sympy.Pow(radicand, sympy.Pow(index, -1, evaluate=False), evaluate=False)
            if self.is_("op", "("):
                return sympy.Pow(self.group("(", ")"), sympy.Rational(1, 2), evaluate=False)
            return sympy.Pow(self.arg(), sympy.Rational(1, 2), evaluate=False)
        if name == "binom":
            n, k = self.arg(), self.arg()
            return sympy.binomial(n, k, evaluate=False)
        if name == "lfloor":
            e = self.sum()
            self.expect("cmd", "rfloor")
            return sympy.floor(e, evaluate=False)
        if name == "lceil":
            e = self.sum()
            self.expect("cmd", "rceil")
            return sympy.ceiling(e, evaluate=False)
        if name in _FUNCS or name in _MULTI:
            return self.function(name)
        if name in _LABEL_CMDS:
            return self.label(name)
        raise Unsupported(f"command \\{name}")

    def label(self, cmd: str) -> Any:
        """``\\angle ABC``, ``\\overline{AB}``: one symbol named by the command and the letters."""
        if self.is_("op", "{"):
            save = self.i
            self.take()
            letters = []
            while not self.is_("op", "}"):
                t = self.take()
                if t[0] not in ("sym", "num"):
                    if cmd != "overline":
                        raise Unsupported("label")
                    self.i = save  # \overline{1+2i}: the complex conjugate
                    return sympy.conjugate(self.group(), evaluate=False)
                letters.append(t[1])
            self.take()
        else:
            letters = [self.take()[1]]
            while self.is_("sym") and not self.peek()[2]:  # type: ignore[index]
                letters.append(self.take()[1])
        return sympy.Symbol(f"{cmd} {_geometric_name(cmd, ''.join(letters))}")

    def function(self, name: str) -> Any:
        if name in _MULTI:
            if not self.is_("op", "("):
                raise Unsupported(f"{name} needs parentheses")
            self.take()
            args = [self.sum()]
            while self.is_("op", ","):
                self.take()
                args.append(self.sum())
            self.expect("op", ")")
            if name in ("gcd", "lcm") and all(a.is_number for a in args):
                digits = sorted(log10_bound(a) for a in args)
                if len(digits) > 1 and digits[-1] * digits[-2] > MAX_REDUCTION_COST:
                    raise AnswerTooComplex(f"{name} of numbers too large to decide exactly")
            return _MULTI[name](*args)
        power = None
        base = None
        if name == "log" and self.is_("op", "_"):
            self.take()
            base = self.arg()
        if self.is_("op", "^"):
            self.take()
            power = self.exponent()
        if name == "log" and base is None and self.is_("op", "_"):
            self.take()
            base = self.arg()
        if self.is_("op", "(") or self.is_("op", "{"):
            close = ")" if self.is_("op", "(") else "}"
            self.take()
            arg = self.sum()
            self.expect("op", close)
        else:
            arg = self.implicit_argument()
        if name == "sqrt":
            value = sympy.Pow(arg, sympy.Rational(1, 2), evaluate=False)
        elif name == "log":
            value = sympy.log(arg, base if base is not None else 10, evaluate=False)
        elif power is not None and power.doit() == -1 and name in _INVERSE:  # \sin^{-1} is arcsin
            return _INVERSE[name](arg, evaluate=False)
        else:
            value = _FUNCS[name](arg, evaluate=False)
        return sympy.Pow(value, power, evaluate=False) if power is not None else value

    def implicit_argument(self) -> Any:
        """``\\sin 2x``: the product of the factors that follow, up to an operator or another function."""
        factors = [self.power()]
        while (tok := self.peek()) is not None and self._starts_factor(tok) and not self._is_func(tok):
            if tok[0] in ("num", "sci"):
                raise Ambiguous("a number after a function argument")
            if tok[:2] in (("op", "("), ("op", "["), ("op", "|")):
                break
            factors.append(self.power())
        return sympy.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]


def _sub(toks: list[tuple[str, str, bool]]) -> Any:
    """A matrix cell: its own expression."""
    p = _P([])
    p.t = list(toks)
    return p.parse()


def _matrix_sum(terms: list[Any]) -> Any:
    total = terms[0]
    for t in terms[1:]:
        if isinstance(total, sympy.MatrixBase) != isinstance(t, sympy.MatrixBase):
            raise Unsupported("matrix plus scalar")
        total = total + t
    return total


def _matrix_product(factors: list[Any]) -> Any:
    out = factors[0]
    for f in factors[1:]:
        if isinstance(f, sympy.Pow) and f.exp == -1 and isinstance(f.base, sympy.MatrixBase):
            raise Unsupported("division by a matrix")
        out = out * f
    return out


def _neg(e: Any) -> Any:
    if isinstance(e, sympy.MatrixBase):
        return -e
    return sympy.Mul(-1, e, evaluate=False)


def _number(text: str) -> Any:
    if len(text) > 2000:
        raise AnswerTooComplex("number too long")
    return sympy.Rational(text) if "." in text else sympy.Integer(int(text))


def _symbol(letter: str, sub: str = "") -> Any:
    if not sub and letter == "e":
        return sympy.E
    if not sub and letter == "i":
        return sympy.I
    return sympy.Symbol(letter + sub)


def _command_atom(name: str) -> Any:
    if name == "pi":
        return sympy.pi
    if name == "infty":
        return sympy.oo
    return sympy.Symbol(name)


def parse_tokens(toks: list[Tok]) -> Any:
    """Tokens as an unevaluated sympy expression; raises :class:`Unsupported` outside the subset."""
    if not toks:
        raise Unsupported("empty")
    return _P(toks).parse()


def parse_latex_fast(text: str) -> Any:
    """``text`` as an unevaluated sympy expression; raises :class:`Unsupported` outside the subset."""
    if not text:
        raise Unsupported("empty")
    return parse_tokens(lex(text))


# ---------------------------------------------------------------- bounds before evaluation


def log10_bound(e: Any, env: dict[Any, float] | None = None) -> float:
    """An upper bound of log10 |e| for a numeric sympy expression, computed without evaluating it; ``env`` bounds
    symbols (a sum's index by its largest limit)."""
    if e.is_Rational:
        return max(math.log10(max(abs(e.p), 1)), math.log10(e.q))
    if e.is_Atom:
        return env.get(e, 1.0) if env else 1.0
    if isinstance(e, sympy.Pow):
        x = log10_bound(e.exp, env)
        if x > 15:
            return math.inf
        return max(log10_bound(e.base, env), 0.30103) * 10**x
    if isinstance(e, sympy.Mul):
        return sum(log10_bound(a, env) for a in e.args)
    if isinstance(e, sympy.Add):
        return max(log10_bound(a, env) for a in e.args) + 1
    if isinstance(e, (sympy.factorial, sympy.factorial2, sympy.binomial)):
        n = log10_bound(e.args[0], env)
        return math.inf if n > 15 else (n + 1) * 10**n
    return max((log10_bound(a, env) for a in e.args), default=1.0) + 1


def _geometric_name(cmd: str, name: str) -> str:
    """One spelling of a figure's name: a segment read either way (``AB`` = ``BA``), an angle through the same
    vertex (``ABC`` = ``CBA``), a triangle or polygon from any vertex in the same direction (``ABC`` = ``BCA``;
    ``ACB`` runs the other way, which matters when vertices correspond)."""
    if not name.isalpha() or len(name) < 2:
        return name
    if cmd in ("overline", "angle", "measuredangle", "overarc", "widehat") or len(name) == 2:
        return min(name, name[::-1])
    if cmd in ("triangle", "square", "parallelogram", "polygon"):
        return min(name[k:] + name[:k] for k in range(len(name)))  # the same orientation: ABC = BCA, not ACB
    return name


def refuse_huge(expr: Any) -> None:
    """Raise :class:`AnswerTooComplex` for values whose exact form does not fit (``2^{2^{2^{100}}}``,
    ``(10^{10})!``, ``x^{10^9}``); called on the unevaluated tree, before ``doit``."""
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Pow) and node.base not in (0, 1, -1):
            if node.exp.is_number and log10_bound(node.exp) > MAX_EXP_DIGITS:
                raise AnswerTooComplex("exponent too large to decide exactly")
            if node.is_number and log10_bound(node) > 10**MAX_VALUE_DIGITS:
                raise AnswerTooComplex("value too large to decide exactly")
            if node.exp.is_number and not node.base.is_Symbol and node.base.free_symbols:
                _refuse_symbolic_power(node.base, node.exp)
            if node.base.is_number and node.exp.is_Rational and not node.exp.is_Integer:
                if log10_bound(node.base) > MAX_FUNCTION_ARG_DIGITS:  # \sqrt{9999!}: a root of a huge number
                    raise AnswerTooComplex("root of a number too large to decide exactly")
        elif isinstance(node, sympy.Product) and _terms(node) > MAX_SUM_TERMS:
            raise AnswerTooComplex("product of too many terms to decide exactly")
        elif isinstance(node, sympy.Product) and _terms(node) * _largest_term_digits(node) > MAX_SUM_DIGITS:
            raise AnswerTooComplex("product of terms too large to decide exactly")
        elif isinstance(node, (sympy.Mul, sympy.Add)) and node.is_number and _reduction_cost(node) > MAX_REDUCTION_COST:
            raise AnswerTooComplex("quotient of numbers too large to reduce exactly")
        elif isinstance(node, sympy.Sum) and _terms(node) > _sum_budget(node):
            raise AnswerTooComplex("sum of too many terms to decide exactly")
        elif isinstance(node, sympy.Sum) and _terms(node) * _largest_term_digits(node) > MAX_SUM_DIGITS:
            raise AnswerTooComplex("sum of terms too large to decide exactly")
        elif isinstance(node, (sympy.Integral, sympy.Limit)):
            _refuse_costly_calculus(node)
        elif (
            isinstance(node, (sympy.factorial, sympy.factorial2, sympy.binomial, sympy.gamma, sympy.zeta))
            and node.args[0].is_number
        ):  # (ζ at a negative odd integer is a Bernoulli number: as costly as a factorial)
            if log10_bound(node.args[0]) > MAX_FACTORIAL_DIGITS:
                raise AnswerTooComplex("factorial too large to decide exactly")
        elif isinstance(node, sympy.Function) and node.args and all(a.is_number for a in node.args):
            if max(log10_bound(a) for a in node.args) > MAX_FUNCTION_ARG_DIGITS:
                raise AnswerTooComplex("function of a number too large to evaluate")


def multiply_out_products(expr: Any) -> Any:
    r"""``expr`` with each product over numeric integer limits written as the product of its terms (called after
    :func:`refuse_huge`, so at most MAX_SUM_TERMS of them): sympy's closed forms of such products
    (``\prod_{n=1}^{500}(n^2+1)`` through rising factorials at complex roots) take seconds where the terms take
    milliseconds."""

    def numeric(node: Any) -> bool:
        if not isinstance(node, sympy.Product) or len(node.limits) != 1:
            return False
        index, lo, hi = node.limits[0]
        return lo.is_Integer and hi.is_Integer and not node.function.free_symbols - {index}

    def terms(node: Any) -> Any:
        index, lo, hi = node.limits[0]
        return sympy.Mul(*(node.function.xreplace({index: sympy.Integer(k)}) for k in range(int(lo), int(hi) + 1)))

    return expr.replace(numeric, terms)


def _terms(node: Any) -> float:
    """The number of terms of a ``Product`` with numeric limits (0 when they are symbols: nothing to multiply out)."""
    count = 1.0
    for limit in node.limits:
        lo, hi = limit[1], limit[2]
        if not (lo.is_number and hi.is_number):
            return 0.0
        if log10_bound(hi) > 15 or log10_bound(lo) > 15:
            return math.inf
        try:
            count *= max(0.0, float(hi) - float(lo) + 1)
        except (TypeError, ValueError):
            return math.inf
    return count


def _fraction_digits(e: Any) -> tuple[float, float]:
    """Bounds of the digits of the numerator and denominator of a numeric expression once it is reduced to one
    fraction, computed without evaluating it (an irrational part counts as a numerator)."""
    if e.is_Rational:
        return math.log10(max(abs(e.p), 1)), math.log10(e.q)
    if isinstance(e, sympy.Pow) and e.exp.is_Rational and e.exp.is_integer:
        num, den = _fraction_digits(e.base)
        k = float(abs(e.exp))
        return (den * k, num * k) if e.exp < 0 else (num * k, den * k)
    if isinstance(e, sympy.Mul):
        parts = [_fraction_digits(a) for a in e.args]
        return sum(p[0] for p in parts), sum(p[1] for p in parts)
    if isinstance(e, sympy.Add):  # a/b + c/d = (ad + cb)/(bd)
        parts = [_fraction_digits(a) for a in e.args]
        den = sum(p[1] for p in parts)
        return max(p[0] for p in parts) + den + 1, den
    return log10_bound(e), 0.0


def _reduction_cost(node: Any) -> float:
    """The cost of reducing a numeric product or sum to lowest terms: numerator digits times denominator digits
    (0 without a denominator)."""
    try:
        num, den = _fraction_digits(node)
    except (TypeError, ValueError, OverflowError):
        return math.inf
    return max(num, 1.0) * den if den >= 1 else 0.0


def _sum_budget(node: Any) -> int:
    r"""The most terms a ``Sum`` may have: MAX_SUM_TERMS of numbers, MAX_FUNCTION_POWER when the terms hold other
    symbols (``\sum_{k=0}^{999}x^k`` is a polynomial of degree 999)."""
    indices = {limit[0] for limit in node.limits}
    return MAX_FUNCTION_POWER if node.function.free_symbols - indices else MAX_SUM_TERMS


def _largest_term_digits(node: Any) -> float:
    """A bound of the digits of a numeric ``Sum``'s terms, its index bounded by its limits (0 when the terms hold
    other symbols), computed without evaluating a term."""
    if len(node.limits) != 1 or node.function.free_symbols - {node.limits[0][0]}:
        return 0.0
    index, lo, hi = node.limits[0]
    if not (lo.is_number and hi.is_number):
        return 0.0
    try:
        return log10_bound(node.function, {index: max(log10_bound(lo), log10_bound(hi))})
    except (TypeError, ValueError, AttributeError, OverflowError):
        return math.inf


def _refuse_costly_calculus(node: Any) -> None:
    """Raise :class:`AnswerTooComplex` for an integral or limit beyond the budget: its body holds a power above
    MAX_FUNCTION_POWER (``x^{1000}``: integration by parts a thousand times) or another sum, integral or limit."""
    body = node.args[0]
    for sub in sympy.preorder_traversal(body):
        if isinstance(sub, (sympy.Sum, sympy.Product, sympy.Integral, sympy.Limit)):
            raise AnswerTooComplex("nested sum, integral or limit too costly to decide")
        if isinstance(sub, sympy.Pow) and sub.exp.is_number and sub.free_symbols:
            if log10_bound(sub.exp) > math.log10(MAX_FUNCTION_POWER):
                raise AnswerTooComplex("integral or limit of a power too large to decide exactly")


def _refuse_symbolic_power(base: Any, exp: Any) -> None:
    """Raise :class:`AnswerTooComplex` for a power of a symbolic base beyond the budget: a sum of k terms to the
    n-th power expands to C(n+k-1, k-1) terms (at most MAX_EXPANSION_TERMS); any other base to at most
    MAX_FUNCTION_POWER."""
    n = abs(exp)
    if not n.is_Rational or n <= 2:
        return
    n = int(math.ceil(n))
    if isinstance(base, sympy.Add):
        k = len(base.args)
        terms = math.comb(n + k - 1, k - 1) if n < 10**6 else math.inf
        if terms > MAX_EXPANSION_TERMS:
            raise AnswerTooComplex("power of a sum too large to expand")
    elif n > MAX_FUNCTION_POWER:
        raise AnswerTooComplex("power of a function too large to decide exactly")
