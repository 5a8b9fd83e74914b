r"""A reader for the LaTeX math of notes: a tokenizer and a recursive-descent parser.

It accepts a whitelisted subset and builds SymPy objects through
:mod:`derivations.safe` (so the bounds of :mod:`derivations.limits` hold);
anything outside the subset raises :class:`Unreadable` with the reason, and
the caller lists the equation as skipped. It never guesses: an unknown
command, a ``\sum``, a vector (``\mathbf``, ``\vec``, ``^T``), a ``cases``
block or an undefined function is a reason to skip, not a product of letters.

Reading conventions:

* ``\sigma`` is the logistic sigmoid unless the document defines it;
  ``e^{x}`` is :math:`\exp(x)` and a bare ``e`` is Euler's number;
  ``\log`` and ``\ln`` are natural logarithms; ``|x|`` is :math:`|x|`;
* ``\frac{d}{dx} E``, ``\frac{\partial}{\partial x} E`` (also with
  ``\mathrm{d}``, ``\dfrac``, ``\cfrac``) differentiate the rest of the product
  ``E``; ``\frac{d E}{dx}`` differentiates ``E``; ``f'(x)`` differentiates a
  function the document defined;
* a single letter before ``(`` is a product (``a(1 - a)``), unless it names a
  function the document defined; ``f``, ``g`` and ``h`` before ``(`` must be
  defined;
* ``x^{(k)}`` is a name (a layer index), not a power; ``x_{ij}`` is a name;
  ``\hat{y}`` is the name ``yhat``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from derivations import safe
from derivations.functions import sigmoid
from derivations.limits import DEFAULT, Limits
from derivations.safe import Refused, Value


class Unreadable(Exception):
    """Math outside the supported subset; ``offset`` is where in the text, when known."""

    def __init__(self, reason: str, offset: int | None = None) -> None:
        super().__init__(reason)
        self.reason, self.offset = reason, offset


@dataclass(frozen=True)
class Token:
    kind: str  # "cmd", "letter", "number", "char", "other"
    text: str
    offset: int


_TOKEN = re.compile(r"\\([A-Za-z]+)\*?|\\(.)|([A-Za-z])|(\d+(?:\.\d+)?)|(\s+)|(.)", re.S)
_SPACES = {
    ",",
    ";",
    ":",
    "!",
    " ",
    "quad",
    "qquad",
    "displaystyle",
    "textstyle",
    "limits",
    "nonumber",
    "notag",
    "big",
    "Big",
    "bigg",
    "Bigg",
    "bigl",
    "bigr",
    "Bigl",
    "Bigr",
    "biggl",
    "biggr",
}


def tokenize(text: str, limits: Limits = DEFAULT) -> list[Token]:
    """The tokens of ``text``; spacing commands, ``~``, ``\\left`` and ``\\right`` are dropped."""
    if len(text) > limits.max_length * 4:
        raise Unreadable(f"math longer than {limits.max_length * 4} characters")
    out: list[Token] = []
    drop_dot = False
    for m in _TOKEN.finditer(text):
        command, escaped, letter, number, space, char = m.groups()
        at = m.start()
        if space is not None:
            continue
        if command is not None:
            if command in _SPACES:
                continue
            if command in ("left", "right"):
                drop_dot = True
                continue
            out.append(Token("cmd", command, at))
        elif escaped is not None:
            if escaped in _SPACES:
                continue
            out.append(Token("cmd", escaped, at))
        elif letter is not None:
            out.append(Token("letter", letter, at))
        elif number is not None:
            out.append(Token("number", number, at))
        elif char == "~":
            continue
        elif drop_dot and char == ".":
            pass
        else:
            out.append(Token("char" if char.isascii() else "other", char, at))
        drop_dot = False
        if len(out) > limits.max_length:
            raise Unreadable(f"math of more than {limits.max_length} tokens")
    return out


#: Commands that are functions of one argument, by their name (\exp, \operatorname{relu}).
_NAMED = {
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "tanh": sp.tanh,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "sech": safe.UNARY["sech"],
    "erf": sp.erf,
    "sigmoid": sigmoid,
    "softplus": safe.UNARY["softplus"],
    "relu": safe.UNARY["relu"],
    "arctan": sp.atan,
    "atan": sp.atan,
    "abs": sp.Abs,
}
_VARIADIC = {"max": sp.Max, "min": sp.Min}
_GREEK = {
    "alpha",
    "beta",
    "gamma",
    "epsilon",
    "varepsilon",
    "zeta",
    "eta",
    "theta",
    "vartheta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "rho",
    "tau",
    "upsilon",
    "phi",
    "varphi",
    "chi",
    "psi",
    "omega",
    "delta",
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Phi",
    "Psi",
    "Omega",
}
_ACCENTS = {"hat": "hat", "bar": "bar", "tilde": "tilde", "widehat": "hat", "overline": "bar"}
_FRACS = {"frac", "dfrac", "tfrac", "cfrac"}
_REASONS = {
    "sum": r"sums (\sum) are not supported",
    "prod": r"products (\prod) are not supported",
    "int": r"integrals are not supported",
    "mathbf": r"vector or matrix notation (\mathbf) is not supported",
    "boldsymbol": r"vector or matrix notation (\boldsymbol) is not supported",
    "vec": r"vector notation (\vec) is not supported",
    "nabla": r"gradients (\nabla) are not supported",
    "begin": "environments (cases, matrices) are not supported",
    "text": r"text (\text) inside a formula is not supported",
    "mathbb": r"sets (\mathbb) are not supported",
    "Vert": "norms are not supported",
    "lVert": "norms are not supported",
    "|": "norms are not supported",
    "circ": "composition is not supported",
    "underbrace": r"\underbrace is not supported",
    "overbrace": r"\overbrace is not supported",
    "overset": r"\overset is not supported",
    "delta": "",
}
_FUNCTION_LETTERS = {"f", "g", "h"}


@dataclass(frozen=True)
class Function:
    """A function the document defined: ``name(parameter) = body``."""

    parameter: sp.Symbol
    body: sp.Expr | None  # None: its definition could not be read
    line: int = 0
    reason: str = ""

    def apply(self, name: str, argument: sp.Expr) -> sp.Expr:
        if self.body is None:
            raise Unreadable(
                f"{name} is defined at line {self.line} by math that could not be read"
            )
        return self.body.xreplace({self.parameter: argument})


@dataclass
class Scope:
    """The functions a document has defined so far, by name (``f``, ``sigma``, ``elu``)."""

    functions: dict[str, Function] = field(default_factory=dict)


def _is_start(tok: Token) -> bool:
    if tok.kind in ("letter", "number"):
        return True
    if tok.kind == "char":
        return tok.text in "({[|"
    return tok.kind == "cmd" and tok.text not in {"cdot", "times", "div", "}", "\\", "right", "end"}


class Parser:
    """One term of an equation: ``parse()`` gives a SymPy expression or raises Unreadable."""

    def __init__(self, tokens: list[Token], scope: Scope, limits: Limits = DEFAULT) -> None:
        self.tokens, self.scope, self.limits = tokens, scope, limits
        self.i = 0
        self.depth = 0
        self.abs_open = 0

    # -- token helpers -------------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token | None:
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else None

    def at(self, kind: str, text: str | None = None, ahead: int = 0) -> bool:
        tok = self.peek(ahead)
        return tok is not None and tok.kind == kind and (text is None or tok.text == text)

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise Unreadable("the formula ends too early")
        self.i += 1
        return tok

    def expect(self, kind: str, text: str) -> Token:
        tok = self.peek()
        if tok is None or tok.kind != kind or tok.text != text:
            shown = tok.text if tok else "the end"
            raise Unreadable(f"expected {text!r}, found {shown!r}", tok.offset if tok else None)
        self.i += 1
        return tok

    def fail(self, reason: str, tok: Token | None = None) -> Unreadable:
        tok = tok or self.peek()
        return Unreadable(reason, tok.offset if tok else None)

    def guard(self, fn: Callable[[], Value]) -> Value:
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise self.fail(f"nested deeper than {self.limits.max_depth}")
        try:
            return fn()
        finally:
            self.depth -= 1

    def group_tokens(self) -> list[Token]:
        """The tokens of a ``{...}`` group (or of one token)."""
        if not self.at("char", "{"):
            return [self.take()]
        start = self.i
        depth = 0
        while True:
            tok = self.take()
            if tok.kind == "char" and tok.text == "{":
                depth += 1
            elif tok.kind == "char" and tok.text == "}":
                depth -= 1
                if depth == 0:
                    return self.tokens[start + 1 : self.i - 1]

    def sub(self, tokens: list[Token]) -> Parser:
        child = Parser(tokens, self.scope, self.limits)
        child.depth = self.depth
        return child

    # -- grammar ---------------------------------------------------------------------------------
    def parse(self) -> sp.Expr:
        if not self.tokens:
            raise Unreadable("empty side of an equation")
        try:
            value = self.expression()
            if self.peek() is not None:
                tok = self.peek()
                assert tok is not None
                raise self.fail(self._reason_for(tok) or f"unexpected {tok.text!r}", tok)
            return safe.defined(value)
        except Refused as exc:
            raise Unreadable(str(exc)) from None

    def _reason_for(self, tok: Token) -> str:
        if tok.kind == "cmd":
            return _REASONS.get(tok.text) or f"unsupported command \\{tok.text}"
        if tok.kind == "other":
            return f"unsupported character {tok.text!r}"
        if tok.text in "=<>":
            return "a relation inside a side"
        return ""

    def expression(self) -> Value:
        return self.guard(self._expression)

    def _expression(self) -> Value:
        value: Value | None = None
        while True:
            sign = None
            if self.at("char", "+") or self.at("char", "-"):
                sign = self.take().text
            elif value is not None:
                return value
            if self.at("cmd", "pm") or self.at("cmd", "mp"):
                raise self.fail("± is not supported")
            term = self.term()
            if sign == "-":
                term = safe.neg(term, self.limits)
            value = term if value is None else safe.add(value, term, self.limits)

    def term(self) -> Value:
        value = self.power()
        while True:
            tok = self.peek()
            if tok is None:
                return value
            if (tok.kind == "cmd" and tok.text in ("cdot", "times")) or (
                tok.kind == "char" and tok.text == "*"
            ):
                self.take()
                value = safe.mul(value, self.power(), self.limits)
            elif tok.text in ("div", "/") and tok.kind in ("cmd", "char"):
                self.take()
                value = safe.div(value, self.power(), self.limits)
            elif tok.kind == "char" and tok.text == "|" and self.abs_open:
                return value
            elif _is_start(tok):
                if self._derivative_operator():
                    return safe.mul(value, self._apply_operator(), self.limits)
                value = safe.mul(value, self.power(), self.limits)
            else:
                return value

    def power(self) -> Value:
        return self.guard(self._power)

    def _power(self) -> Value:
        if self.at("char", "-"):
            self.take()
            return safe.neg(self.power(), self.limits)
        if self._derivative_operator():
            return self._apply_operator()
        base = self.primary()
        while self.at("char", "^"):
            self.take()
            base = safe.power(base, self.superscript(), self.limits)
        if self.at("char", "'"):
            raise self.fail("a prime on an expression that is not a defined function")
        return base

    def superscript(self) -> Value:
        if self.at("number") and len(self.peek().text) > 1:  # type: ignore[union-attr]
            raise self.fail("ambiguous superscript (write ^{12} for a power of 12)")
        tokens = self.group_tokens()
        if any(t.kind == "letter" and t.text == "T" for t in tokens[:1]) or any(
            t.kind == "cmd" and t.text in ("top", "intercal", "mathrm", "prime") for t in tokens[:1]
        ):
            raise self.fail("transposes (^T) are vector notation, not supported")
        return self.sub(tokens).whole()

    def whole(self) -> Value:
        if not self.tokens:
            raise Unreadable("empty group {}")
        value = self.expression()
        if self.peek() is not None:
            tok = self.peek()
            assert tok is not None
            raise self.fail(self._reason_for(tok) or f"unexpected {tok.text!r}", tok)
        return value

    def primary(self) -> Value:
        tok = self.peek()
        if tok is None:
            raise Unreadable("the formula ends too early")
        if tok.kind == "number":
            self.take()
            return safe.number(tok.text, self.limits)
        if tok.kind == "char":
            if tok.text in "([":
                closer = ")" if tok.text == "(" else "]"
                return self.parenthesized(closer)
            if tok.text == "{":
                return self.sub(self.group_tokens()).whole()
            if tok.text == "|":
                self.take()
                self.abs_open += 1
                inner = self.expression()
                self.abs_open -= 1
                self.expect("char", "|")
                return Value(sp.Abs(inner.expr))
            raise self.fail(self._reason_for(tok) or f"unexpected {tok.text!r}")
        if tok.kind == "letter":
            return self.name_or_call(tok.text, self._take_name())
        if tok.kind == "cmd":
            return self.command(tok)
        raise self.fail(self._reason_for(tok))

    def parenthesized(self, closer: str) -> Value:
        self.take()
        saved, self.abs_open = self.abs_open, 0
        inner = self.expression()
        self.abs_open = saved
        self.expect("char", closer)
        return inner

    def arguments(self) -> list[Value]:
        """``(a, b)``, ``\\{a, b\\}`` or ``[a]``."""
        opener = self.take()
        closer = {"(": ")", "[": "]", "{": "}"}[opener.text]
        close_kind = "cmd" if opener.kind == "cmd" else "char"
        args = [self.expression()]
        while self.at("char", ","):
            self.take()
            args.append(self.expression())
            if len(args) > self.limits.max_arguments:
                raise self.fail("too many arguments")
        self.expect(close_kind, closer)
        return args

    def _at_arguments(self) -> bool:
        return self.at("char", "(") or self.at("cmd", "{")

    # -- names -----------------------------------------------------------------------------------
    def _take_name(self) -> str:
        """A letter with its subscript and layer superscript: ``w_{j1}``, ``o^{(1)}``."""
        base = self.take().text
        return base + self._decorations()

    def _decorations(self) -> str:
        suffix = ""
        while True:
            if self.at("char", "_"):
                self.take()
                parts = self.group_tokens()
                if not parts or not all(t.kind in ("letter", "number") for t in parts):
                    raise self.fail("a subscript that is not letters and digits")
                suffix += "_" + "".join(t.text for t in parts)
            elif self.at("char", "^") and self.at("char", "{", 1) and self.at("char", "(", 2):
                self.take()
                parts = self.group_tokens()
                if not all(t.kind in ("letter", "number", "char") for t in parts):
                    raise self.fail("a layer index that is not letters and digits")
                suffix += "^" + "".join(t.text for t in parts)
            else:
                return suffix

    def name_or_call(self, name: str, full: str) -> Value:
        """A symbol, ``e``, or a call of a function the document defined."""
        key = full
        if self.at("char", "'"):
            return self.prime(key)
        if key in self.scope.functions and self.at("char", "("):
            args = self.arguments()
            if len(args) != 1:
                raise self.fail(f"{key} takes one argument")
            return Value(self.scope.functions[key].apply(key, args[0].expr))
        if key in self.scope.functions:
            raise self.fail(f"the function {key} is used without an argument")
        if name in _FUNCTION_LETTERS and full == name and self.at("char", "("):
            raise self.fail(f"{name}(…) but the document does not define {name}")
        if full == "e":
            if self.at("char", "^"):
                self.take()
                return Value(sp.exp(self.superscript().expr))
            return safe.CONSTANTS["e"]
        return safe.symbol(full)

    def prime(self, key: str) -> Value:
        self.take()
        if self.at("char", "'"):
            raise self.fail("second derivatives are not supported")
        if not self.at("char", "("):
            raise self.fail(f"{key}' without an argument")
        args = self.arguments()
        variable = args[0].expr
        if len(args) != 1 or not isinstance(variable, sp.Symbol):
            raise self.fail(f"{key}'(…) needs a variable as its argument")
        return Value(sp.Derivative(self.call_named(key, [args[0]]).expr, variable))

    def call_named(self, key: str, args: list[Value]) -> Value:
        """A defined function, or a known one (σ, tanh, relu...), applied to ``args``."""
        if key in self.scope.functions:
            if len(args) != 1:
                raise self.fail(f"{key} takes one argument")
            return Value(self.scope.functions[key].apply(key, args[0].expr))
        lowered = key.lower().replace("\\_", "_")
        if lowered in ("sigma", "sigmoid", "logistic"):
            lowered = "sigmoid"
        if lowered in _NAMED:
            if len(args) != 1:
                raise self.fail(f"{key} takes one argument")
            return Value(_NAMED[lowered](args[0].expr))
        if lowered in _VARIADIC:
            if len(args) < 2:
                raise self.fail(f"{key} takes two or more arguments")
            return Value(_VARIADIC[lowered](*(a.expr for a in args)))
        raise self.fail(f"{key} is not a known function and the document does not define it")

    # -- commands --------------------------------------------------------------------------------
    def command(self, tok: Token) -> Value:
        name = tok.text
        if name in _FRACS:
            self.take()
            numerator = self.sub(self.group_tokens()).whole()
            denominator = self.sub(self.group_tokens()).whole()
            return safe.div(numerator, denominator, self.limits)
        if name == "sqrt":
            self.take()
            if self.at("char", "["):
                raise self.fail("roots other than square roots are not supported")
            return safe.power(self.sub(self.group_tokens()).whole(), safe.rational(Fraction(1, 2)))
        if name in ("mathrm", "operatorname", "textrm", "mathit"):
            self.take()
            parts = self.group_tokens()
            word = "".join(t.text for t in parts if t.kind != "cmd" or t.text == "_")
            word = "".join(t.text if t.kind != "cmd" else "_" for t in parts)
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", word):
                raise self.fail(f"\\{name}{{…}} that is not a name")
            if len(word) == 1:
                return self.name_or_call(word, word + self._decorations())
            return self.function(word)
        if name in _NAMED or name in _VARIADIC or name == "sigma" or name in self.scope.functions:
            self.take()
            return self.function(name)
        if name in _GREEK:
            self.take()
            return self.name_or_call(name, name + self._decorations())
        if name == "pi":
            self.take()
            return safe.CONSTANTS["pi"]
        if name in _ACCENTS:
            self.take()
            inner = self.group_tokens()
            if len(inner) != 1 or inner[0].kind != "letter":
                raise self.fail(f"\\{name} over something other than a letter")
            full = inner[0].text + _ACCENTS[name] + self._decorations()
            return self.name_or_call(full, full)
        if name == "{":
            return Value(self.parenthesized_brace())
        raise self.fail(_REASONS.get(name) or f"unsupported command \\{name}")

    def parenthesized_brace(self) -> sp.Expr:
        self.take()
        inner = self.expression()
        self.expect("cmd", "}")
        return inner.expr

    def function(self, name: str) -> Value:
        """``\\tanh(x)``, ``\\tanh^2(x)``, ``\\log x``, ``\\max\\{0, x\\}``."""
        exponent = None
        if self.at("char", "^"):
            self.take()
            exponent = self.superscript()
            if exponent.exact is not None and exponent.exact < 0:
                raise self.fail(f"{name}^{{-1}} (an inverse function) is not supported")
        if self.at("char", "'"):
            value = self.prime(name)
        elif self.at("char", "(") or self.at("cmd", "{") or self.at("char", "["):
            value = self.call_named(name, self.arguments())
        elif name in _NAMED and name not in ("sigma",):
            value = self.call_named(name, [self.power()])
        else:
            raise self.fail(f"the function {name} is used without an argument")
        return safe.power(value, exponent, self.limits) if exponent is not None else value

    # -- derivatives -----------------------------------------------------------------------------
    def _marker(self, tokens: list[Token]) -> int:
        """How many tokens a differential marker (d, \\mathrm{d}, \\partial) at the start takes."""
        if not tokens:
            return 0
        first = tokens[0]
        if first.kind == "cmd" and first.text == "partial":
            return 1
        if first.kind == "letter" and first.text == "d":
            return 1
        if (
            first.kind == "cmd"
            and first.text in ("mathrm", "operatorname", "text")
            and len(tokens) >= 4
            and tokens[1].text == "{"
            and tokens[2].text == "d"
            and tokens[3].text == "}"
        ):
            return 4
        return 0

    def _split_frac(self) -> tuple[list[Token], list[Token], int] | None:
        """If a derivative fraction starts here: its numerator, denominator and end index."""
        tok = self.peek()
        if tok is None or tok.kind != "cmd" or tok.text not in _FRACS:
            return None
        saved = self.i
        try:
            self.take()
            numerator = self.group_tokens()
            denominator = self.group_tokens()
        except Unreadable:
            return None
        finally:
            end, self.i = self.i, saved
        top, bottom = self._marker(numerator), self._marker(denominator)
        if not top or not bottom:
            return None
        if len(numerator) > top and numerator[top].kind == "char" and numerator[top].text in "_^":
            # d^2/dx^2 or d_1/dx: not a product of letters, and not a form we read
            raise self.fail("higher or unusual derivatives (d^2/dx^2) are not supported", tok)
        if len(denominator) == bottom:
            raise self.fail("a derivative without a variable", tok)
        return numerator, denominator, end

    def _derivative_operator(self) -> bool:
        return self._split_frac() is not None

    def _variable(self, denominator: list[Token]) -> sp.Symbol:
        rest = denominator[self._marker(denominator) :]
        value = self.sub(rest).whole().expr
        if not isinstance(value, sp.Symbol):
            raise self.fail(
                "the variable of a derivative must be a single symbol (dx^2 is not supported)"
            )
        return value

    def _apply_operator(self) -> Value:
        split = self._split_frac()
        assert split is not None
        numerator, denominator, end = split
        variable = self._variable(denominator)
        self.i = end
        body_tokens = numerator[self._marker(numerator) :]
        if body_tokens:
            body = self._differentiated(body_tokens, variable)
            return Value(sp.Derivative(_depends(body, variable), variable))
        if self.peek() is None or not _is_start(self.peek()):  # type: ignore[arg-type]
            raise self.fail("a derivative operator with nothing to differentiate")
        operand = self.term()
        return Value(sp.Derivative(_depends(operand.expr, variable), variable))

    def _differentiated(self, tokens: list[Token], variable: sp.Symbol) -> sp.Expr:
        """The numerator of ``\\frac{d E}{dx}``; a bare function name ``f`` means f(x)."""
        name = _bare_name(tokens)
        if name is not None and name in self.scope.functions:
            return self.scope.functions[name].apply(name, variable)
        if name is not None and (name == "sigma" or known_function(name)):
            return self.call_named(name, [Value(variable)]).expr
        expr = self.sub(tokens).whole().expr
        if isinstance(expr, sp.Symbol) and expr != variable:
            raise Unreadable(f"{expr} is not defined in the document", tokens[0].offset)
        return expr


def _bare_name(tokens: list[Token]) -> str | None:
    """The name when ``tokens`` are just a name: ``f``, ``\\sigma``, ``\\mathrm{sigmoid}``."""
    if len(tokens) == 1 and tokens[0].kind in ("letter", "cmd"):
        return tokens[0].text
    inner = tokens[2:-1]
    if (
        len(tokens) >= 4
        and tokens[0].kind == "cmd"
        and tokens[0].text in ("mathrm", "operatorname")
        and tokens[1].text == "{"
        and tokens[-1].text == "}"
        and all(t.kind == "letter" for t in inner)
    ):
        return "".join(t.text for t in inner)
    return None


def _depends(expr: sp.Expr, variable: sp.Symbol) -> sp.Expr:
    """``expr``, unless it has variables but not ``variable`` (a dependency the text leaves
    implicit, like z_k on w_jk: differentiating it literally would give a false 0)."""
    if expr.free_symbols and variable not in expr.free_symbols:
        raise Unreadable(
            f"{sp.sstr(expr)} does not depend on {variable} as written "
            "(an implicit dependency is not supported)"
        )
    return expr


def read(tokens: list[Token], scope: Scope, limits: Limits = DEFAULT) -> sp.Expr:
    """The expression of one side of an equation."""
    return Parser(tokens, scope, limits).parse()


def definition_head(tokens: list[Token]) -> tuple[str, str] | None:
    """``(name, parameter)`` when ``tokens`` are ``NAME(x)``: ``f(x)``, ``\\sigma(x)``,
    ``\\mathrm{elu}(x)``; known functions other than σ are not definitions but claims."""
    if (
        len(tokens) >= 4
        and tokens[0].kind == "cmd"
        and tokens[0].text in ("mathrm", "operatorname")
    ):
        close = next((k for k, t in enumerate(tokens) if t.text == "}"), None)
        if close is None:
            return None
        name = "".join(t.text if t.kind != "cmd" else "_" for t in tokens[2:close])
        rest = tokens[close + 1 :]
    elif tokens and (
        tokens[0].kind == "letter"
        or (tokens[0].kind == "cmd" and tokens[0].text in _GREEK | {"sigma"})
    ):
        name = tokens[0].text
        rest = tokens[1:]
    else:
        return None
    if len(rest) != 3 or rest[0].text != "(" or rest[2].text != ")" or rest[1].kind != "letter":
        return None
    lowered = name.lower()
    if name == "e" or ((lowered in _NAMED or lowered in _VARIADIC) and lowered != "sigma"):
        return None
    return name, rest[1].text


def known_function(name: str) -> bool:
    return name.lower() in _NAMED or name.lower() in _VARIADIC


__all__ = (
    "Function",
    "Parser",
    "Scope",
    "Token",
    "Unreadable",
    "definition_head",
    "read",
    "tokenize",
)
