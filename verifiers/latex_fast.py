"""A small exact parser for the everyday subset of LaTeX answers, in front of latex2sympy2_extended.

Most answers are arithmetic over numbers, single-letter variables, ``\\pi``, ``e``, ``\\frac``, ``\\sqrt``,
powers and implicit products. latex2sympy2_extended's ANTLR grammar parses those in tens of milliseconds;
this recursive-descent parser does it in well under one, building the same sympy objects (symbols
lower-cased, ``e`` as Euler's number, ``2\\frac{1}{2}`` as a mixed number, decimals as exact rationals). It
never evaluates text as code: every token maps to a sympy constructor. Anything outside the subset raises
:class:`Unsupported` and the caller falls back to the full grammar.
"""

from __future__ import annotations

import re
from typing import Any

import sympy

_TOKEN = re.compile(r"\s*(?:(\d+\.\d*|\.\d+|\d+)|\\([A-Za-z]+)|([A-Za-z])|(.))")
_COMMANDS = {"pi": sympy.pi, "infty": sympy.oo}
_BINARY_MUL = {"cdot", "times"}
_MAX_TOKENS = 400


class Unsupported(ValueError):
    """The input uses LaTeX outside this parser's subset."""


def _tokenize(s: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    n = len(s)
    while pos < n:
        m = _TOKEN.match(s, pos)
        if m is None:
            break
        if m.end() == pos:
            break
        pos = m.end()
        num, cmd, letter, other = m.groups()
        if num is not None:
            out.append(("num", num))
        elif cmd is not None:
            out.append(("cmd", cmd))
        elif letter is not None:
            out.append(("sym", letter))
        elif other is not None and not other.isspace():
            out.append(("op", other))
        if len(out) > _MAX_TOKENS:
            raise Unsupported("too many tokens")
    if s[pos:].strip():
        raise Unsupported("untokenisable tail")
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.toks = tokens
        self.i = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise Unsupported("unexpected end")
        self.i += 1
        return tok

    def expect(self, value: str) -> None:
        tok = self.take()
        if tok[1] != value or tok[0] != "op":
            raise Unsupported(f"expected {value!r}")

    def parse(self) -> Any:
        expr = self.additive()
        if self.peek() is not None:
            raise Unsupported(f"unexpected {self.peek()}")
        return expr

    def additive(self) -> Any:
        terms = [self.signed()]
        while (tok := self.peek()) is not None and tok in (("op", "+"), ("op", "-")):
            self.take()
            t = self.term()
            terms.append(-t if tok[1] == "-" else t)
        return sympy.Add(*terms, evaluate=False) if len(terms) > 1 else terms[0]

    def signed(self) -> Any:
        tok = self.peek()
        if tok in (("op", "-"), ("op", "+")):
            self.take()
            t = self.term()
            return -t if tok[1] == "-" else t
        return self.term()

    def term(self) -> Any:
        factors = [self.power()]
        while (tok := self.peek()) is not None:
            if tok == ("op", "*") or (tok[0] == "cmd" and tok[1] in _BINARY_MUL):
                self.take()
                factors.append(self.power())
            elif tok == ("op", "/"):
                self.take()
                factors.append(sympy.Pow(self.power(), -1, evaluate=False))
                nxt = self.peek()
                if nxt is not None and self._starts_factor(nxt):
                    raise Unsupported("a/b c is ambiguous")
            elif self._starts_factor(tok):
                if tok[0] == "num" and self.toks[self.i - 1][0] == "num":
                    raise Unsupported("two numbers side by side")
                factors.append(self.power())
            else:
                break
        return sympy.Mul(*factors, evaluate=False) if len(factors) > 1 else factors[0]

    @staticmethod
    def _starts_factor(tok: tuple[str, str]) -> bool:
        kind, val = tok
        return (
            kind in ("num", "sym")
            or (kind == "op" and val in "({")
            or (kind == "cmd" and (val in _COMMANDS or val in ("frac", "sqrt")))
        )

    def power(self) -> Any:
        base = self.postfix(self.atom())
        if self.peek() == ("op", "^"):
            self.take()
            exp = self.exponent()
            return sympy.Pow(base, exp, evaluate=False)
        return base

    def postfix(self, base: Any) -> Any:
        while self.peek() == ("op", "!"):
            self.take()
            base = sympy.factorial(base, evaluate=False)
        return base

    def exponent(self) -> Any:
        return self.arg()

    def group(self) -> Any:
        self.expect("{")
        expr = self.additive()
        self.expect("}")
        return expr

    def arg(self) -> Any:
        """A macro argument: ``{…}`` or a single digit / letter (``\\frac12``, ``\\sqrt2``)."""
        tok = self.peek()
        if tok == ("op", "{"):
            return self.group()
        if tok is not None and tok[0] == "num":
            self.take()
            digits = tok[1]
            if "." in digits:
                raise Unsupported("decimal macro argument")
            if len(digits) > 1:  # \frac123 is \frac{1}{2}3: give back the rest
                self.toks[self.i - 1] = ("num", digits[0])
                self.toks.insert(self.i, ("num", digits[1:]))
            return _number(digits[0])
        if tok is not None and tok[0] == "sym":
            self.take()
            return _symbol(tok[1])
        raise Unsupported("macro argument")

    def atom(self) -> Any:
        kind, val = self.take()
        if kind == "num":
            if self.peek() == ("cmd", "frac") and "." not in val:  # mixed number 2\frac{1}{2}
                save = self.i
                self.take()
                num, den = self.arg(), self.arg()
                if num.is_Integer and den.is_Integer:
                    return sympy.Add(
                        _number(val), sympy.Mul(num, sympy.Pow(den, -1, evaluate=False), evaluate=False), evaluate=False
                    )
                self.i = save
            return _number(val)
        if kind == "sym":
            return _symbol(val)
        if kind == "op":
            if val == "(":
                expr = self.additive()
                self.expect(")")
                return expr
            if val == "{":
                self.i -= 1
                return self.group()
            raise Unsupported(f"operator {val!r}")
        if val in _COMMANDS:
            return _COMMANDS[val]
        if val == "frac":
            num, den = self.arg(), self.arg()
            return sympy.Mul(num, sympy.Pow(den, -1, evaluate=False), evaluate=False)
        if val == "sqrt":
            if self.peek() == ("op", "["):
                self.take()
                index = self.additive()
                self.expect("]")
                return sympy.Pow(self.arg(), sympy.Pow(index, -1, evaluate=False), evaluate=False)
            return sympy.sqrt(self.arg(), evaluate=False)
        raise Unsupported(f"command \\{val}")


def _number(text: str) -> Any:
    return sympy.Rational(text) if "." in text else sympy.Integer(int(text))


def _symbol(letter: str) -> Any:
    if letter == "e":
        return sympy.E
    return sympy.Symbol(letter.lower())


def parse_latex_fast(text: str) -> Any:
    """``text`` as an unevaluated sympy expression; raises :class:`Unsupported` outside the subset."""
    if not text or "\\\\" in text or "&" in text:
        raise Unsupported("empty or tabular")
    return _Parser(_tokenize(text)).parse()
