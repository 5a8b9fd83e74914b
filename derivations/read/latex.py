r"""A reader for the LaTeX math of notes: a tokenizer and a recursive-descent parser.

It accepts a whitelisted subset and builds SymPy objects through
:mod:`derivations.read.safe` (so the bounds of :mod:`derivations.read.limits` hold);
anything outside the subset raises :class:`Unreadable` with the reason, and
the caller lists the equation as skipped. It never guesses: an unknown
command, a ``\sum``, a vector (``\mathbf``, ``\vec``, ``^T``) or an undefined
function is a reason to skip, not a product of letters. When a reading is not
literal, the parser says so in a note (:attr:`SideReading.notes`) that the
claim carries as its source's ``reading``.

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
  ``\hat{y}`` is the name ``yhat``;
* ``\begin{cases} v & x < 0 \\ w & \text{otherwise} \end{cases}`` is a Piecewise
  whose cases do not overlap (:mod:`derivations.symbolic.cases`); cases on values of a
  parameter (``y = 1``, ``y = 0``) are a Piecewise of equalities that the notes
  reader turns into one claim per case;
* ``\frac{d}{dx}\operatorname{ReLU}`` differentiates the function of ``x``:
  the document's definition (``\operatorname{ReLU}(x) = …``, or a word defined
  without argument, which is its expression), else the standard ReLU, σ, tanh
  or softplus, with a note; words are compared without case and underscores;
* a bare function name stands for the function of the variable only where the
  caller says so (``bare``: in a chain that differentiates σ(x), ``\sigma(1-\sigma)``
  is σ(x)(1 - σ(x))).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from derivations.read import labels, safe, sum_bounds
from derivations.read.limits import DEFAULT, Limits
from derivations.read.safe import Refused, Value
from derivations.symbolic.cases import Ambiguous, Case, piecewise
from derivations.symbolic.functions import sigmoid
from derivations.symbolic.printing import text as printed


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


#: Relations typed as two characters, ``>=``, ``<=`` and ``!=``, as the one they stand for.
_TWO_CHARACTER = {">": "≥", "<": "≤", "!": "≠"}
#: Horizontal and vertical space with its length: ``\\hspace{0.5in}``.
_HSPACE = re.compile(r"\\[hv]space\*?\{[^{}]*\}")
_TOKEN = re.compile(r"\\([A-Za-z]+)\*?|\\(.)|([A-Za-z])|(\d+(?:\.\d+)?)|(\s+)|(.)", re.S)
_SPACES = {
    "because",  # ∵ and ∴ only join statements (read/notes.py cuts there)
    "therefore",
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


def top_level(tokens: list[Token], *, environments: bool = True) -> Iterator[tuple[Token, bool]]:
    """Each token with whether it stands outside every brace group (and ``\\begin``…``\\end``
    environment, unless ``environments`` is false). An opening ``{`` belongs to its group, the
    closing ``}`` is outside it again."""
    braces = envs = 0
    for tok in tokens:
        if tok.kind == "char" and tok.text == "{":
            braces += 1
        elif tok.kind == "char" and tok.text == "}":
            braces -= 1
        elif environments and tok.kind == "cmd" and tok.text == "begin":
            envs += 1
        elif environments and tok.kind == "cmd" and tok.text == "end":
            envs -= 1
        yield tok, braces == 0 and envs <= 0


def tokenize(text: str, limits: Limits = DEFAULT) -> list[Token]:
    """The tokens of ``text``; spacing commands, ``~``, ``\\left`` and ``\\right`` are dropped."""
    if len(text) > limits.max_length * 4:
        raise Unreadable(f"math longer than {limits.max_length * 4} characters")
    out: list[Token] = []
    drop_dot = False
    text = _HSPACE.sub(lambda m: " " * len(m.group()), text)  # same length: offsets stay
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
        elif char == "=" and out and out[-1].text in _TWO_CHARACTER and out[-1].offset == at - 1:
            out[-1] = Token("other", _TWO_CHARACTER[out[-1].text], out[-1].offset)  # >= is ≥
        else:
            out.append(Token("char" if char.isascii() else "other", char, at))
        drop_dot = False
        if len(out) > limits.max_length:
            raise Unreadable(f"math of more than {limits.max_length} tokens")
    return _slashed(_primes(out))


def group_end(tokens: list[Token], k: int) -> int:
    """The index after the brace group that opens at ``k`` (``k`` itself if none opens)."""
    if k >= len(tokens) or tokens[k].text != "{":
        return k
    depth = 0
    for j in range(k, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[j].text, 0) if tokens[j].kind == "char" else 0
        if depth == 0:
            return j + 1
    return k


def _atom_end(tokens: list[Token], k: int) -> int | None:
    """The index after one name with its sub- and superscripts (``a^L_j``, ``\\hat{y}_i``,
    ``w^{l}_{jk}``) that starts at ``k``; None when no name starts there."""
    if k >= len(tokens) or tokens[k].kind not in ("letter", "cmd"):
        return None
    j = k + 1
    if tokens[k].kind == "cmd":
        if tokens[k].text in ("partial", "frac", "sum", "prod", "left", "right"):
            return None
        while j < len(tokens) and tokens[j].text == "{":  # \hat{y}, \mathbf{x}
            after = group_end(tokens, j)
            if after == j:  # a group that never closes
                return None
            j = after
    while j + 1 < len(tokens) and tokens[j].kind == "char" and tokens[j].text in "_^":
        after = group_end(tokens, j + 1)
        j = after if after > j + 1 else j + 2
    return j


def _slashed(tokens: list[Token]) -> list[Token]:
    """``\\partial C / \\partial a^L_j``, written inline, as
    ``\\frac{\\partial C}{\\partial a^L_j}``."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        if tok.kind == "cmd" and tok.text == "partial":
            top = _atom_end(tokens, k + 1)
            if (
                top is not None
                and top + 1 < len(tokens)
                and tokens[top].text == "/"
                and tokens[top + 1].kind == "cmd"
                and tokens[top + 1].text == "partial"
                and (bottom := _atom_end(tokens, top + 2)) is not None
            ):
                at = tok.offset

                def brace(text: str, offset: int) -> Token:
                    return Token("char", text, offset)

                out += [Token("cmd", "frac", at), brace("{", at), tok, *tokens[k + 1 : top]]
                out += [brace("}", at), brace("{", at), tokens[top + 1]]
                out += [*tokens[top + 2 : bottom], brace("}", at)]
                k = bottom
                continue
        out.append(tok)
        k += 1
    return out


def _primes(tokens: list[Token]) -> list[Token]:
    """``f^\\prime`` and ``f^{\\prime}`` as ``f'``."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        ahead = [t.text for t in tokens[k + 1 : k + 4]]
        if tok.kind == "char" and tok.text == "^" and ahead[:1] == ["prime"]:
            out.append(Token("char", "'", tok.offset))
            k += 2
            continue
        if tok.kind == "char" and tok.text == "^" and ahead == ["{", "prime", "}"]:
            out.append(Token("char", "'", tok.offset))
            k += 4
            continue
        out.append(tok)
        k += 1
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
    "sign": sp.sign,
    "sgn": sp.sign,
}
_VARIADIC = {"max": sp.Max, "min": sp.Min}
_GREEK = {
    "ell",
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
#: Marks over (or the script of) a letter that make another name of it: ``\hat{y}`` is yhat,
#: ``\mathcal{L}`` is Lcal.
_ACCENTS = {
    **{"hat": "hat", "bar": "bar", "tilde": "tilde", "widehat": "hat", "overline": "bar"},
    **{"mathcal": "cal", "mathscr": "scr"},
}
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
#: Rows of one cases block, and linear programs per side of an equation (overlapping cases).
MAX_CASES = 8
MAX_PROGRAMS = 12
#: Standard activations a document may define itself; used undefined, the standard one is
#: read, and the claim's reading says so.
_STANDARD = {
    "sigma": "the logistic sigmoid 1/(1 + e^(-x))",
    "sigmoid": "the logistic sigmoid 1/(1 + e^(-x))",
    "logistic": "the logistic sigmoid 1/(1 + e^(-x))",
    "tanh": "the hyperbolic tangent",
    "relu": "max(0, x)",
    "softplus": "log(1 + e^x)",
}
#: Mathematical functions a document does not redefine: ``\exp(x) = …`` is a claim.
_MATHEMATICAL = (set(_NAMED) | set(_VARIADIC)) - set(_STANDARD)
#: Words in ``\text{…}`` of a ``cases`` block.
_UNDEFINED_WORDS = {"undefined", "undef", "notdefined", "doesnotexist", "dne", "未定义", "不存在"}
_IF_WORDS = {"if", "for", "when", "where", "若", "当"}
_OTHERWISE_WORDS = {"otherwise", "else", "elsewhere", "否则", "其他", "其它"}
_TEXT = {"text", "textrm", "textit", "textnormal", "mbox", "mathrm"}
_RELATIONS: dict[str, Callable[[sp.Expr, sp.Expr], sp.Basic]] = {
    "<": sp.Lt,
    "lt": sp.Lt,
    ">": sp.Gt,
    "gt": sp.Gt,
    "le": sp.Le,
    "leq": sp.Le,
    "leqslant": sp.Le,
    "≤": sp.Le,
    "ge": sp.Ge,
    "geq": sp.Ge,
    "geqslant": sp.Ge,
    "≥": sp.Ge,
    "=": sp.Eq,
    "ne": sp.Ne,
    "neq": sp.Ne,
    "≠": sp.Ne,
}


@dataclass(frozen=True)
class Function:
    """A function the document defined: ``name(parameter) = body``.

    ``parameter`` is ``None`` for a definition without an argument
    (``\\operatorname{LeakyReLU} = …``): the name then stands for ``body``, an
    expression in the document's own symbols, and can only be differentiated
    (``\\frac{d}{dx}\\operatorname{LeakyReLU}``), not applied.
    """

    parameter: sp.Symbol | None
    body: sp.Expr | None  # None: its definition could not be read
    line: int = 0
    reason: str = ""
    others: tuple[sp.Symbol, ...] = ()  # the parameters after the first: div(ŷ, y)

    def _readable(self, name: str) -> sp.Expr:
        if self.body is None:
            raise Unreadable(
                f"{name} is defined at line {self.line} by math that could not be read"
            )
        return self.body

    def apply(self, name: str, argument: sp.Expr, *more: sp.Expr) -> sp.Expr:
        """The body with the parameters replaced by the arguments (all at once)."""
        body = self._readable(name)
        if self.parameter is None:
            raise Unreadable(
                f"{name} is defined at line {self.line} without an argument; "
                f"{name}(…) cannot be read"
            )
        if len(more) != len(self.others):
            raise Unreadable(f"{name} takes {1 + len(self.others)} argument(s)")
        parameters = (self.parameter, *self.others)
        return body.xreplace(dict(zip(parameters, (argument, *more), strict=True)))

    def of(self, name: str, variable: sp.Symbol) -> sp.Expr:
        """The function as an expression in ``variable`` (a derivative of the bare name); a
        function of several parameters is its body when ``variable`` is one of them
        (``\\frac{\\partial f}{\\partial y}`` after ``f(x, y) = xy``)."""
        if self.parameter is None:
            return self._readable(name)
        if self.others:
            named = [p for p in (self.parameter, *self.others) if p.name == variable.name]
            if named:
                return self._readable(name).xreplace({named[0]: variable})
        return self.apply(name, variable)


def key(name: str) -> str:
    """The name under which a function is looked up: a word (``ReLU``, ``leaky_relu``) is
    compared lower-case without underscores; letters and Greek commands as written."""
    if len(name) == 1 or name in _GREEK:
        return name
    return name.lower().replace("_", "")


@dataclass
class Scope:
    """The functions a document has defined so far, by :func:`key` (``f``, ``sigma``, ``relu``)."""

    functions: dict[str, Function] = field(default_factory=dict)
    #: Index notation (``z_i``, ``\sum_k``, ``\delta_{ij}``) is read: the notes reader's mode.
    indexed: bool = False
    #: Why a name is not visible here (defined in another section), by :func:`key`.
    hidden: dict[str, str] = field(default_factory=dict)
    #: Function letters the document does not define (or whose definition could not be read)
    #: are read as abstract functions, SymPy undefined functions (see :func:`abstract`): a claim
    #: read so is decided only where it holds for every such function.
    abstract: bool = False
    #: The names the document defines here (h = σ(z)): ``h(1 - h)`` is a product, not a call.
    names: frozenset[str] = frozenset()

    def get(self, name: str) -> Function | None:
        return self.functions.get(key(name))

    def is_abstract(self, name: str) -> bool:
        """Whether ``name`` is read as an abstract function here."""
        if not self.abstract or len(name) != 1 or not name.isalpha():
            return False
        defined = self.get(name)
        if defined is not None:
            return defined.body is None and defined.parameter is not None
        return name in _FUNCTION_LETTERS or name in self.hidden


def abstract(name: str) -> sp.FunctionClass:
    """The abstract real function ``name`` (a SymPy undefined function)."""
    return sp.Function(name, real=True)


#: The variable a derivative of an abstract function at a point is taken in: f'(g(x)) is
#: (d/dξ f(ξ)) at ξ = g(x).
XI = sp.Symbol("xi", real=True)


@dataclass
class Shared:
    """What the parsers of one side share: notes on the reading, the derivative's subject,
    and the bare names that stand for a function of the variable (σ for σ(x))."""

    bare: Mapping[str, tuple[sp.Expr, sp.Symbol]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    subjects: list[tuple[str, sp.Symbol]] = field(default_factory=list)
    bare_uses: int = 0
    #: ``\underbrace{A}_{name}``: the names the annotations give, with their bodies and offsets.
    named: list[tuple[sp.Expr, sp.Expr, int]] = field(default_factory=list)
    #: Inside a norm: the index at which a bold vector is read as its component.
    component: sp.Symbol | None = None
    #: Linear programs left for deciding whether cases overlap (each can take 0.2 s).
    programs: list[int] = field(default_factory=lambda: [MAX_PROGRAMS])

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def _is_start(tok: Token) -> bool:
    if tok.kind in ("letter", "number"):
        return True
    if tok.kind == "char":
        return tok.text in "({[|"
    return tok.kind == "cmd" and tok.text not in {"cdot", "times", "div", "}", "\\", "right", "end"}


class Parser:
    """One term of an equation: ``parse()`` gives a SymPy expression or raises Unreadable."""

    def __init__(
        self,
        tokens: list[Token],
        scope: Scope,
        limits: Limits = DEFAULT,
        shared: Shared | None = None,
    ) -> None:
        self.tokens, self.scope, self.limits = tokens, scope, limits
        self.shared = shared if shared is not None else Shared()
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
        child = Parser(tokens, self.scope, self.limits, self.shared)
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
                    value = safe.mul(value, self._apply_operator(), self.limits)
                elif self._subscript_operator():
                    value = safe.mul(value, self._apply_subscript_operator(), self.limits)
                else:
                    value = safe.mul(value, self.power(), self.limits)
                continue
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
        if self._subscript_operator():
            return self._apply_subscript_operator()
        base = self.primary()
        while self.at("char", "^"):
            if isinstance(base.expr, sp.Indexed) and self._letter_superscript():
                raise self.fail("a letter superscript on a component (δ_k^K): a label or a power?")
            self.take()
            base = safe.power(base, self.superscript(), self.limits)
        if self.at("char", "'"):
            raise self.fail("a prime on an expression that is not a defined function")
        return base

    def _subscripted_exponent(self) -> bool:
        """``e^z_i``: one letter after ``^`` and a subscript after it (TeX puts the ``i`` under
        the e; e has no components, so the author's exponent is z_i)."""
        return self.at("letter", None) and self.at("char", "_", 1)

    def subscripted_exponent(self) -> Value:
        """The exponent ``z_i`` of ``e^z_i`` (see :meth:`_subscripted_exponent`)."""
        letter = self.take()
        mark = self.take()
        subscript = self.group_tokens()
        self.shared.note(f"e^{letter.text}_… read as e^{{{letter.text}_…}}")
        braced = [Token("char", "{", mark.offset), *subscript, Token("char", "}", mark.offset)]
        return self.sub([letter, mark, *braced]).whole()

    def _letter_superscript(self) -> bool:
        """Whether the ``^`` here is followed by one letter (``^K``, ``^{K}``)."""
        one = self.at("letter", None, 1)
        braced = self.at("char", "{", 1) and self.at("letter", None, 2) and self.at("char", "}", 3)
        return one or braced

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
            return self.name_or_call(tok.text, *self._take_name())
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
    def _take_name(self) -> tuple[str, tuple[sp.Symbol, ...]]:
        """A letter with its subscript and layer superscript: ``w_{j1}``, ``o^{(1)}``; in
        index notation, a subscript of letters is the indices (``z_i``, ``w_{jk}``)."""
        base = self.take().text
        return self._decorated(base)

    def _decorated(self, base: str) -> tuple[str, tuple[sp.Symbol, ...]]:
        suffix, indices = self._decorations(indexed=self.scope.indexed)
        return base + suffix, indices

    def _decorations(self, *, indexed: bool = False) -> tuple[str, tuple[sp.Symbol, ...]]:
        suffix = ""
        indices: tuple[sp.Symbol, ...] = ()
        while True:
            if self.at("char", "_"):
                self.take()
                parts = self.group_tokens()
                letters = [t for t in parts if not (t.kind == "char" and t.text == ",")]
                if (
                    indexed
                    and not indices
                    and letters
                    and all(t.kind == "letter" for t in letters)
                    and len(parts) in (len(letters), 2 * len(letters) - 1)
                ):
                    indices = tuple(index_symbol(t.text) for t in letters)
                    continue
                if not parts or not all(t.kind in ("letter", "number") for t in parts):
                    raise self.fail("a subscript that is not letters and digits")
                suffix += "_" + "".join(t.text for t in parts)
            elif self.at("char", "^") and self.at("char", "{", 1) and self.at("char", "(", 2):
                self.take()
                parts = self.group_tokens()
                if not all(t.kind in ("letter", "number", "char") for t in parts):
                    raise self.fail("a layer index that is not letters and digits")
                suffix += "^" + "".join(t.text for t in parts)
            elif indexed and (label := self._label(indices)) is not None:
                suffix += "^" + label
            else:
                return suffix, indices

    def _label(self, indices: tuple[sp.Symbol, ...]) -> str | None:
        """A superscript here that labels the name (``^{[l]}``, ``\\delta_k^K``,
        ``a^l_j``: :mod:`derivations.read.labels`), taken; None (nothing taken) otherwise."""
        if not self.at("char", "^"):
            return None
        start = self.i
        self.take()
        if self.peek() is None:
            self.i = start
            return None
        parts = [(t.kind, t.text) for t in self.group_tokens()]
        label = labels.bracketed(parts) if parts[:1] == [("char", "[")] else None
        if label is None and indices:
            label = labels.letter_label(parts, [i.name for i in indices], before_subscript=False)
        elif label is None and self.at("char", "_"):
            after = self.i
            self.take()
            subscript = [t.text for t in self.group_tokens() if t.kind == "letter"]
            self.i = after
            label = labels.letter_label(parts, subscript, before_subscript=True)
        if label is None:
            self.i = start
        return label

    def name_or_call(self, name: str, full: str, indices: tuple[sp.Symbol, ...] = ()) -> Value:
        """A symbol, ``e``, a component ``z_i`` (index notation), or a call of a function the
        document defined."""
        if indices:
            return self.component(full, indices)
        if self.at("char", "'"):
            return self.prime(full)
        if self.scope.get(full) is None and self._times_itself(full):
            self.shared.note(f"{full}(…) read as a product: {full} is a defined name")
            return safe.symbol(full)  # h(1 - h), h a defined name: a product
        if self.scope.is_abstract(full) and self.at("char", "("):
            return self.applied(full)
        if self.scope.get(full) is not None or key(full) in self.shared.bare:
            return self.applied(full)
        if name in _FUNCTION_LETTERS and full == name and self.at("char", "("):
            hidden = self.scope.hidden.get(key(name))
            if hidden:
                raise self.fail(hidden)
            raise self.fail(f"{name}(…) but the document does not define {name}")
        if full == "e":
            if self.at("char", "^"):
                self.take()
                if self._subscripted_exponent():
                    return Value(sp.exp(self.subscripted_exponent().expr))
                return Value(sp.exp(self.superscript().expr))
            return safe.CONSTANTS["e"]
        return safe.symbol(full)

    def _times_itself(self, name: str) -> bool:
        """Whether a name the document defines (not as a function) is followed by a bracket
        that holds the name itself (``h(1 - h)``): a product, as no one writes the name of a
        value applied to an expression of that value."""
        if name not in self.scope.names or not self.at("char", "("):
            return False
        depth = 0
        for j in range(self.i, len(self.tokens)):
            tok = self.tokens[j]
            depth += (tok.text == "(") - (tok.text == ")")
            if depth == 0:
                return False
            if tok.kind == "letter" and tok.text == name:
                return True
        return False

    def component(self, full: str, indices: tuple[sp.Symbol, ...]) -> Value:
        """``z_i``: the component of the family ``z`` at the indices; ``f_x`` is the derivative
        of a function ``f`` the document defined with the variable ``x``; ``f_i(\\mathbf{x})``
        is the component ``f_i`` (the argument is the family's own vector)."""
        defined = self.scope.get(full)
        if defined is not None:
            variable = defined.parameter
            if (
                len(indices) == 1
                and variable is not None
                and not defined.others
                and indices[0].name == variable.name
                and defined.body is not None
            ):
                self.shared.note(f"{full}_{variable} read as the derivative of {full}")
                return Value(sp.Derivative(defined.body, variable))
            raise self.fail(f"{full} is a function of the document, not an indexed family")
        if self.at("char", "'"):
            raise self.fail("a prime on a component of an indexed family")
        if self.at("char", "(") and _bold_argument(self.tokens[self.i :]) is not None:
            shown = _bold_argument(self.tokens[self.i :])
            self.i += 6
            self.shared.note(f"{full}_i({shown}) read as the component {full}_i")
        return Value(sp.Indexed(sp.IndexedBase(full, real=True), *indices))

    def applied(self, name: str) -> Value:
        """``name`` with its argument (``f(x)``, ``f'(x)``, ``\\tanh x``), or a bare name that
        stands for the function of the variable the chain differentiates (σ for σ(x))."""
        if self.at("char", "'"):
            return self.prime(name)
        if self.at("char", "(") or self.at("cmd", "{") or self.at("char", "["):
            saved, uses = self.i, self.shared.bare_uses
            args = self.arguments()
            if key(name) in self.shared.bare and self.shared.bare_uses > uses:
                # σ(1 - σ) where a bare σ means σ(x): the product σ·(1 - σ), not σ(1 - σ(x))
                self.i = saved
                return self.bare(name)
            return self.call_named(name, args)
        tok = self.peek()
        if name.lower() in _NAMED and tok is not None and _is_start(tok):
            return self.call_named(name, [self.power()])
        if key(name) in self.shared.bare:
            if tok is not None and _is_start(tok):
                raise self.fail(f"{name} followed by {tok.text!r}: an argument or a product?")
            return self.bare(name)
        raise self.fail(f"the function {name} is used without an argument")

    def bare(self, name: str) -> Value:
        value, variable = self.shared.bare[key(name)]
        self.shared.bare_uses += 1
        self.shared.note(
            f"{name} without an argument read as {name}({variable}), "
            "the function the chain differentiates"
        )
        return Value(value)

    def prime(self, name: str) -> Value:
        self.take()
        if self.at("char", "'"):
            raise self.fail("second derivatives are not supported")
        if not self.at("char", "("):
            raise self.fail(f"{name}' without an argument")
        args = self.arguments()
        variable = args[0].expr
        if self.scope.is_abstract(name) and len(args) == 1 and not isinstance(variable, sp.Symbol):
            self.shared.note(f"{name} read as a function the document leaves abstract")
            at_point = sp.Derivative(abstract(name)(XI), XI)
            return Value(sp.Subs(at_point, XI, variable))
        if len(args) == 1 and _is_component(variable):
            # h'(a_j): the derivative at the component, h'(ξ) at ξ = a_j (a_j may be defined)
            return Value(sp.Derivative(self.call_named(name, [args[0]]).expr, variable))
        if len(args) == 1 and not isinstance(variable, sp.Symbol) and self.is_function(name):
            # σ'(z_j): the derivative of a known function, taken at its argument
            slope = sp.diff(self.call_named(name, [Value(XI)]).expr, XI)
            self.shared.note(f"{name}'(…) read as the derivative of {name} at its argument")
            return Value(slope.xreplace({XI: variable}))
        if len(args) != 1 or not isinstance(variable, sp.Symbol):
            raise self.fail(f"{name}'(…) needs a variable as its argument")
        self.shared.subjects.append((key(name), variable))
        return Value(sp.Derivative(self.call_named(name, [args[0]]).expr, variable))

    def call_named(self, name: str, args: list[Value]) -> Value:
        """A defined function, or a known one (σ, tanh, relu...), applied to ``args``."""
        if self.scope.is_abstract(name):
            self.shared.note(f"{name} read as a function the document leaves abstract")
            return Value(abstract(name)(*(a.expr for a in args)))
        defined = self.scope.get(name)
        if defined is not None:
            return Value(defined.apply(name, *(a.expr for a in args)))
        lowered = name.lower().replace("\\_", "_")
        if lowered in ("sigma", "sigmoid", "logistic"):
            lowered = "sigmoid"
        if key(name) in _STANDARD:
            self.shared.note(
                f"{name} is not defined in the document: read as {_STANDARD[key(name)]}"
            )
        try:
            if lowered in _NAMED:
                if len(args) != 1:
                    raise self.fail(f"{name} takes one argument")
                return Value(_NAMED[lowered](args[0].expr))
            if lowered in _VARIADIC:
                if len(args) < 2:
                    raise self.fail(f"{name} takes two or more arguments")
                return Value(_VARIADIC[lowered](*(a.expr for a in args)))
        except (TypeError, ValueError):  # max(0, \sqrt{-1}): SymPy refuses to compare
            raise self.fail(f"{name} of a value it is not defined for") from None
        hidden = self.scope.hidden.get(key(name))
        if hidden:
            raise self.fail(hidden)
        raise self.fail(f"{name} is not a known function and the document does not define it")

    def is_function(self, name: str) -> bool:
        """Whether a bare ``name`` names a function: defined by the document, or standard."""
        return self.scope.get(name) is not None or key(name) in _STANDARD or name.lower() in _NAMED

    def function_of(self, name: str, variable: sp.Symbol) -> sp.Expr:
        """The function ``name`` as an expression in ``variable`` (a derivative of a bare name)."""
        self.shared.subjects.append((key(name), variable))
        defined = self.scope.get(name)
        if defined is None:
            return self.call_named(name, [Value(variable)]).expr
        if defined.parameter is None:
            self.shared.note(
                f"{name} is the expression of its definition at line {defined.line} "
                f"(written without an argument), differentiated with respect to {variable}"
            )
        return defined.of(name, variable)

    # -- commands --------------------------------------------------------------------------------
    def command(self, tok: Token) -> Value:
        name = tok.text
        if name in _FRACS:
            self.take()
            digits = self.peek()
            if (
                digits is not None
                and digits.kind == "number"
                and re.fullmatch(r"\d\d", digits.text)
            ):
                self.take()  # \frac12 is 1/2
                return safe.div(
                    safe.number(digits.text[0], self.limits),
                    safe.number(digits.text[1], self.limits),
                    self.limits,
                )
            numerator = self.sub(self.group_tokens()).whole()
            denominator = self.sub(self.group_tokens()).whole()
            return safe.div(numerator, denominator, self.limits)
        if name == "dot":
            return self.dotted(tok)
        if name == "sqrt":
            self.take()
            if self.at("char", "["):
                raise self.fail("roots other than square roots are not supported")
            return safe.power(self.sub(self.group_tokens()).whole(), safe.rational(Fraction(1, 2)))
        if name in ("mathrm", "operatorname", "textrm", "mathit", "text"):
            self.take()
            parts = self.group_tokens()
            word = "".join(t.text if t.kind != "cmd" else "_" for t in parts)
            if name == "text" and not (len(word) > 1 and self.at("char", "(")):
                raise self.fail(_REASONS["text"], tok)
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", word):
                raise self.fail(f"\\{name}{{…}} that is not a name")
            if len(word) == 1:
                return self.name_or_call(word, *self._decorated(word))
            return self.function(word)
        if (
            name in _NAMED
            or name in _VARIADIC
            or name == "sigma"
            or self.scope.get(name) is not None
        ):
            self.take()
            return self.function(name)
        if name in _GREEK:
            self.take()
            return self.name_or_call(name, *self._decorated(name))
        if name == "pi":
            self.take()
            return safe.CONSTANTS["pi"]
        if name in _ACCENTS:
            self.take()
            inner = self.group_tokens()
            if len(inner) != 1 or inner[0].kind != "letter":
                raise self.fail(f"\\{name} over something other than a letter")
            full, indices = self._decorated(inner[0].text + _ACCENTS[name])
            return self.name_or_call(full, full, indices)
        if name == "{":
            return Value(self.parenthesized_brace())
        if name == "begin":
            return self.cases()
        if name in ("underbrace", "overbrace", "overset", "underset"):
            return self.annotated(name)
        if name == "mathbb" and self._indicator_ahead():
            return self.indicator()
        if self.scope.indexed and name in ("sum", "prod"):
            return self.total()
        if self.scope.indexed and name in _BOLD:
            return self.bold_component(tok)
        if self.scope.indexed and name in ("lVert", "Vert", "|") and self.shared.component is None:
            return self.norm(tok)
        raise self.fail(_REASONS.get(name) or f"unsupported command \\{name}")

    def dotted(self, tok: Token) -> Value:
        """``\\dot{x}``: the derivative of a function ``x(t)`` the document defined, with
        respect to its variable; ``\\dot{x}(s)``: the same at the variable ``s``."""
        self.take()
        inner = self.group_tokens()
        name = _bare_name(inner)
        defined = self.scope.get(name) if name is not None else None
        if defined is None or defined.parameter is None or defined.others:
            raise self.fail(
                "\\dot{…} of a name the document does not define as a function of one variable",
                tok,
            )
        assert name is not None
        variable = defined.parameter
        if self.at("char", "("):  # \dot{x}(t): the derivative at t, never \dot{x} times t
            args = self.arguments()
            if len(args) != 1 or not isinstance(args[0].expr, sp.Symbol):
                raise self.fail("\\dot{…}(…) needs a variable as its argument", tok)
            variable = args[0].expr
        self.shared.subjects.append((key(name), variable))
        return Value(sp.Derivative(defined.of(name, variable), variable))

    def annotated(self, name: str) -> Value:
        """``\\underbrace{A}_{note}``, ``\\overbrace{A}^{note}``: A (the note is a comment);
        ``\\overset{note}{A}``, ``\\underset{note}{A}``: A."""
        self.take()
        if name in ("overset", "underset"):
            self.group_tokens()
            return self.sub(self.group_tokens()).whole()
        body = self.group_tokens()
        mark = "_" if name == "underbrace" else "^"
        annotation: list[Token] = []
        if self.at("char", mark) or (self.at("cmd", "_") and mark == "_"):
            self.take()
            annotation = self.group_tokens()
        value = self.sub(body).whole()
        named = self._annotation_name(annotation)
        if named is None:
            self.shared.note(f"\\{name}: its body is read, its annotation is not")
        else:
            self.shared.named.append((named, value.expr, annotation[0].offset))
            self.shared.note(f"\\{name}: its annotation {sp.sstr(named)} names its body")
        return value

    def _annotation_name(self, tokens: list[Token]) -> sp.Expr | None:
        """The name an annotation gives its body (``\\delta_k^K``), None when it is not just a
        name (a comment, a formula)."""
        if not tokens:
            return None
        try:
            named = Parser(tokens, Scope(indexed=self.scope.indexed), self.limits).parse()
        except Unreadable:
            return None
        if isinstance(named, sp.Symbol) and not named.is_integer:
            return named
        if isinstance(named, sp.Indexed) and all(isinstance(i, sp.Symbol) for i in named.indices):
            return named if len(set(named.indices)) == len(named.indices) else None
        return None

    def bold_component(self, tok: Token) -> Value:
        """``\\mathbf{f}_i``: a component of a bold vector is a scalar of index notation."""
        self.take()
        inner = self.group_tokens()
        if len(inner) == 1 and inner[0].kind == "letter" and self.at("char", "_"):
            full, indices = self._decorated(inner[0].text)
            if indices:
                return self.name_or_call(full, full, indices)
        component = self.shared.component
        if component is not None and not self.at("char", "_") and not self.at("char", "^"):
            name = _vector_name(inner)
            if name is not None:  # inside a norm: the component of the vector
                return Value(sp.Indexed(sp.IndexedBase(name, real=True), component))
        raise self.fail(_REASONS.get(tok.text) or f"unsupported command \\{tok.text}", tok)

    def norm(self, tok: Token) -> Value:
        """``\\lVert \\mathbf{y} - \\mathbf{\\hat{y}} \\rVert^2`` (also ``\\|…\\|_2^2``):
        the squared Euclidean norm of a combination of bold vectors, Σ_k (y_k - ŷ_k)²."""
        closer = {"lVert": "rVert", "Vert": "Vert", "|": "|"}[tok.text]
        self.take()
        start = self.i
        depth = 0
        while True:
            here = self.peek()
            if here is None:
                raise self.fail("a norm without its closing bars", tok)
            if here.kind == "char" and here.text in "{(":
                depth += 1
            elif here.kind == "char" and here.text in "})":
                depth -= 1
            elif here.kind == "cmd" and here.text == closer and depth == 0:
                break
            self.take()
        inner = self.tokens[start : self.i]
        self.take()
        marks: dict[str, str] = {}
        while (self.at("char", "_") or self.at("char", "^")) and len(marks) < 2:
            mark = self.take().text
            marks[mark] = "".join(t.text for t in self.group_tokens())
        if marks.get("^") != "2" or marks.get("_", "2") != "2":
            raise self.fail("only squared Euclidean norms (‖v‖², ‖v‖_2^2) are read", tok)
        taken = {t.text for t in inner if t.kind == "letter"}
        variable = index_symbol(next(c for c in "klmpqrjn" if c not in taken))
        saved, self.shared.component = self.shared.component, variable
        try:
            value = self.sub(inner).whole().expr
        finally:
            self.shared.component = saved
        if not value.has(sp.Indexed):
            raise self.fail("a norm of something other than bold vectors", tok)
        self.shared.note(f"‖v‖² read as the sum over {variable} of the squared components")
        return Value(sp.Sum(value**2, (variable, 1, OPEN)))

    def total(self) -> Value:
        r"""``\sum_{k=1}^{n} a_k``, ``\sum_k a_k``, ``\sum_{j=1} a_j`` (no upper bound: the
        claim's size), ``\sum_{k \ne i} a_k`` (:math:`\sum_k a_k - a_i`). The summand is the
        product that follows (up to the next ``+`` or ``-``)."""
        start = self.take()
        lower: list[Token] | None = None
        upper: list[Token] | None = None
        while self.at("char", "_") or self.at("char", "^"):
            mark = self.take().text
            if mark == "_":
                lower = self.group_tokens()
            else:
                upper = self.group_tokens()
        try:
            bounds = sum_bounds.lower(lower or [])
        except sum_bounds.Unreadable as exc:
            raise self.fail(exc.reason, start) from None
        variable = index_symbol(bounds.index)
        excluded = index_symbol(bounds.excluded) if bounds.excluded is not None else None
        first = sp.Integer(1 if bounds.start is None else bounds.start)
        if upper is None:
            bound: sp.Expr = OPEN
        else:
            value = self.sub(upper).whole().expr
            shift, size = value.as_coeff_Add() if isinstance(value, sp.Add) else (0, value)
            if not (isinstance(size, sp.Symbol) and len(size.name) == 1 and sp.S(shift).is_integer):
                raise self.fail("a sum whose upper bound is not a size n, K, N (or n - 1)", start)
            bound = size_symbol(size.name) + shift
        if self.peek() is None or not _is_start(self.peek()):  # type: ignore[arg-type]
            raise self.fail("a sum without a summand", start)
        summand = self.term().expr
        if start.text == "prod":
            try:
                return Value(sum_bounds.product(summand, variable, first, bound, excluded))
            except sum_bounds.Unreadable as exc:
                raise self.fail(exc.reason, start) from None
        found: sp.Expr = sp.Sum(summand, (variable, first, bound))
        if excluded is not None:
            found = found - summand.xreplace({variable: excluded})
            self.shared.note(
                f"the sum over {variable} ≠ {excluded} read as the whole sum minus the "
                f"term {variable} = {excluded}"
            )
        return Value(found)

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
        value = self.applied(name)
        return safe.power(value, exponent, self.limits) if exponent is not None else value

    # -- cases -----------------------------------------------------------------------------------
    def _indicator_ahead(self) -> bool:
        """``\\mathbb{I}(`` or ``\\mathbb{1}(``: an indicator of a condition."""
        texts = [t.text for t in self.tokens[self.i + 1 : self.i + 5]]
        return texts in (["{", "I", "}", "("], ["{", "1", "}", "("])

    def indicator(self) -> Value:
        r"""``\mathbb{I}(x \ge 0)`` (also ``\mathbb{1}(…)``): 1 where the condition holds, 0
        elsewhere, a cases block of two rows."""
        start = self.take()
        self.group_tokens()
        self.take()  # (
        inner: list[Token] = []
        depth = 0
        while True:
            tok = self.peek()
            if tok is None:
                raise self.fail("an indicator without its closing parenthesis", start)
            self.take()
            if tok.kind == "char" and tok.text == "(":
                depth += 1
            elif tok.kind == "char" and tok.text == ")":
                if depth == 0:
                    break
                depth -= 1
            inner.append(tok)
        condition = self.case_condition(inner, start)
        if condition is None or isinstance(condition, sp.Eq):
            raise self.fail("an indicator of something other than an inequality", start)
        try:
            expr, notes = piecewise(
                [Case(sp.Integer(1), condition), Case(sp.Integer(0), None)],
                programs=self.shared.programs,
            )
        except (Ambiguous, TypeError, ValueError):
            raise self.fail("an indicator whose condition cannot be compared", start) from None
        for note in notes:
            self.shared.note(note)
        self.shared.note("\\mathbb{I}(…) read as the indicator of its condition")
        return Value(expr)

    def cases(self) -> Value:
        r"""``\begin{cases} v & c \\ … \end{cases}`` as a Piecewise
        (:mod:`derivations.symbolic.cases`)."""
        begin = self.take()
        environment = "".join(t.text for t in self.group_tokens())
        if environment not in ("cases", "dcases"):
            raise self.fail(f"the environment {environment} is not supported", begin)
        body: list[Token] = []
        nested = 0
        while True:
            tok = self.peek()
            if tok is None:
                raise self.fail(f"\\begin{{{environment}}} without its \\end", begin)
            if tok.kind == "cmd" and tok.text == "begin":
                nested += 1
            elif tok.kind == "cmd" and tok.text == "end":
                if nested == 0:
                    self.take()
                    closing = "".join(t.text for t in self.group_tokens())
                    if closing != environment:
                        raise self.fail(f"\\begin{{{environment}}} ended by \\end{{{closing}}}")
                    break
                nested -= 1
            body.append(self.take())
        rows = [row for row in _split(body, "cmd", "\\") if row]
        if len(rows) > MAX_CASES:
            raise self.fail(f"a cases block with more than {MAX_CASES} rows", begin)
        found: list[Case] = []
        points: list[tuple[sp.Expr, sp.Eq, Token]] = []
        for row in rows:
            parts = _split(row, "char", "&")
            if len(parts) != 2:
                raise self.fail("a case that is not 'value & condition'", row[0])
            value = self.case_value(_trim(parts[0]))
            condition = self.case_condition(_trim(parts[1]), row[0])
            if isinstance(condition, sp.Eq) and value is not None:
                points.append((value, condition, row[0]))
            elif isinstance(condition, sp.Eq):
                self.shared.note(
                    f"the undefined case where {_shown(condition)} has measure zero; not checked"
                )
            else:
                found.append(Case(value, condition))
        if self.scope.indexed and _is_index_relation(points, found):
            return self.index_cases(points, found, begin)
        if points:
            return self.equality_cases(points, found, begin)
        try:
            expr, notes = piecewise(found, programs=self.shared.programs)
        except Ambiguous as exc:
            raise self.fail(str(exc), begin) from None
        except (TypeError, ValueError):  # SymPy refuses a condition (non-real values)
            raise self.fail("a cases block whose conditions cannot be compared", begin) from None
        for note in notes:
            self.shared.note(note)
        return Value(expr)

    def equality_cases(
        self, points: list[tuple[sp.Expr, sp.Eq, Token]], others: list[Case], begin: Token
    ) -> Value:
        """Cases on ``y = 1``, ``y = 0`` (a parameter's values): a Piecewise of equalities,
        which a claim reads as one claim per case under its condition (and nowhere else)."""
        symbols = set()
        values = set()
        for _, equality, row in points:
            symbol, number = equality.lhs, equality.rhs
            if isinstance(number, sp.Symbol) and not isinstance(symbol, sp.Symbol):
                symbol, number = number, symbol
            if not (isinstance(symbol, sp.Symbol) and number.is_Rational):
                raise self.fail(
                    f"a case on an equality ({_shown(equality)}) that is not a symbol = number",
                    row,
                )
            symbols.add(symbol)
            values.add(number)
        if others or len(symbols) != 1 or len(values) != len(points):
            raise self.fail(
                "a cases block whose cases are not all distinct values of one symbol "
                "(y = 1, y = 0)",
                begin,
            )
        (symbol,) = symbols
        self.shared.note(f"each case on {symbol} is checked as its own claim under that condition")
        pieces = []
        for value, equality, _ in points:
            number = equality.rhs if equality.lhs == symbol else equality.lhs
            pieces.append((value, sp.Eq(symbol, number)))
        return Value(sp.Piecewise(*pieces))

    def index_cases(
        self, points: list[tuple[sp.Expr, sp.Eq, Token]], others: list[Case], begin: Token
    ) -> Value:
        """Cases on indices (``i = j``, ``i \\ne j``, *otherwise*): a Piecewise whose rows the
        notes reader checks as claims, each under its index condition."""
        rows: list[tuple[sp.Expr, sp.Basic | None]] = [(v, c) for v, c, _ in points]
        rows += [(c.value, c.condition) for c in others]
        relations = [c for _, c in rows if c is not None]
        if len(rows) != 2 or len(relations) == 0 or any(v is None for v, _ in rows):
            raise self.fail("cases on indices other than one equality and its negation", begin)
        first = relations[0]
        pair = set(first.args)
        complement = sp.Ne(*first.args) if isinstance(first, sp.Eq) else sp.Eq(*first.args)
        conditions = [c if c is not None else complement for _, c in rows]
        if not (
            {type(c) for c in conditions} == {sp.Eq, sp.Ne}
            and all(set(c.args) == pair for c in conditions)
        ):
            raise self.fail("cases on indices other than one equality and its negation", begin)
        self.shared.note("each case on the indices is checked as its own claim")
        pieces = [(v, c) for (v, _), c in zip(rows, conditions, strict=True)]
        return Value(sp.Piecewise(*pieces, evaluate=False))

    def case_value(self, tokens: list[Token]) -> sp.Expr | None:
        """A case's value; ``None`` for ``\\text{undefined}``."""
        if not tokens:
            raise Unreadable("a case without a value")
        word = _text_word(tokens, 0) if tokens[0].text != "mathrm" else None
        if word is not None and word[1] == len(tokens):
            if word[0].lower() in _UNDEFINED_WORDS:
                return None
            raise self.fail(f"a case whose value is the text {word[0]!r}", tokens[0])
        return self.sub(tokens).whole().expr

    def case_condition(self, tokens: list[Token], row: Token) -> sp.Basic | None:
        """A case's condition: a conjunction of relations; ``None`` for *otherwise*."""
        if not tokens:
            raise self.fail("a case without a condition", row)
        word = _text_word(tokens, 0)
        if word is not None and word[0].lower() in _OTHERWISE_WORDS:
            if word[1] != len(tokens):
                raise self.fail("'otherwise' followed by more text", tokens[0])
            return None
        if word is not None and word[0].lower() in _IF_WORDS:
            tokens = tokens[word[1] :]
        conjuncts: list[list[Token]] = [[]]
        k = 0
        while k < len(tokens):
            word = _text_word(tokens, k)
            tok = tokens[k]
            if word is not None and word[0].lower() == "and":
                conjuncts.append([])
                k = word[1]
                continue
            if tok.kind == "cmd" and tok.text in ("land", "wedge"):
                conjuncts.append([])
            elif word is not None:
                raise self.fail(f"a condition with the text {word[0]!r}", tok)
            else:
                conjuncts[-1].append(tok)
            k += 1
        relations = [self.relation(part, row) for part in conjuncts]
        if len(relations) == 1:
            return relations[0]
        if any(isinstance(r, sp.Eq) for r in relations):
            raise self.fail("a condition that joins an equality with 'and'", row)
        return sp.And(*relations)

    def relation(self, tokens: list[Token], row: Token) -> sp.Basic:
        """``a < b``, ``a \\ge b``, ``a < b < c``, ``a = b`` (an equality is returned as ``Eq``);
        in index notation, ``i = j`` and ``i \\ne j`` between two indices."""
        on_indices = _index_relation(tokens) if self.scope.indexed else None
        if on_indices is not None:
            return on_indices
        sides: list[list[Token]] = [[]]
        operators: list[str] = []
        for tok, top in top_level(tokens, environments=False):
            if top and tok.kind in ("char", "cmd", "other") and tok.text in _RELATIONS:
                operators.append(tok.text)
                sides.append([])
            else:
                sides[-1].append(tok)
        if not operators:
            raise self.fail("a case whose condition is not a relation", (tokens or [row])[0])
        values = [self.sub(side).whole().expr for side in sides]
        found: list[sp.Basic] = []
        for op, left, right in zip(operators, values, values[1:], strict=False):
            try:
                relation = _RELATIONS[op](left, right)
            except TypeError:  # a comparison of non-real numbers (\sqrt{-1} < 0)
                raise self.fail("a condition that compares non-real values", row) from None
            if isinstance(relation, sp.Ne):
                raise self.fail(f"a case on {_shown(relation)} is not supported", row)
            if relation in (sp.true, sp.false):
                raise self.fail("a case whose condition is always true or always false", row)
            found.append(relation)
        if len(found) > 1 and any(isinstance(r, sp.Eq) for r in found):
            raise self.fail("a chain of relations with an equality", row)
        return found[0] if len(found) == 1 else sp.And(*found)

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
        return self._variable_of(rest)

    def _variable_of(self, tokens: list[Token]) -> sp.Symbol:
        value = self.sub(tokens).whole().expr
        if self.scope.indexed and isinstance(value, sp.Indexed):
            return value
        if not isinstance(value, sp.Symbol):
            raise self.fail(
                "the variable of a derivative must be a single symbol (dx^2 is not supported)"
            )
        return value

    def _depends(self, expr: sp.Expr, variable: sp.Symbol) -> sp.Expr:
        if self.scope.indexed:
            return expr  # decided after the document's definitions are expanded
        return _depends(expr, variable)

    def _apply_operator(self) -> Value:
        split = self._split_frac()
        assert split is not None
        numerator, denominator, end = split
        variable = self._variable(denominator)
        self.i = end
        body_tokens = numerator[self._marker(numerator) :]
        if body_tokens:
            body = self._differentiated(body_tokens, variable)
            derivative = sp.Derivative(self._depends(body, variable), variable)
            name = _bare_name(body_tokens)
            args = self._evaluation(name, variable) if name and self.at("char", "(") else None
            if args is not None:
                return Value(self._evaluated_at(derivative, variable, args))
            return Value(derivative)
        return self._operand(variable)

    def _operand(self, variable: sp.Symbol) -> Value:
        """What a derivative operator (``\\frac{d}{dx}``, ``\\partial_x``) applies to."""
        name = _bare_name(self.tokens[self.i :])
        if name is not None and self.is_function(name):
            # \frac{d}{dx}\operatorname{ReLU}: the function of the variable
            self.i = len(self.tokens)
            body = self.function_of(name, variable)
            return Value(sp.Derivative(self._depends(body, variable), variable))
        if self.peek() is None or not _is_start(self.peek()):  # type: ignore[arg-type]
            raise self.fail("a derivative operator with nothing to differentiate")
        start = self.i
        operand = self.term()
        if self.i == len(self.tokens):
            self._subject(self.tokens[start:], variable)
        return Value(sp.Derivative(self._depends(operand.expr, variable), variable))

    def _evaluation(self, name: str, variable: sp.Symbol) -> list[Value] | None:
        """The arguments, taken, when ``\\frac{dE}{dx}(…)`` evaluates the derivative at
        ``(…)``; None (nothing taken) when it is a product. Always an evaluation for a function
        the document defines with a parameter (f'(g(x))); for a quantity (``E``, defined without
        a parameter or not at all) at the variable itself or at a number;
        ``\\frac{dE}{dh}(1 - h^2)`` is a product; ``\\frac{dy}{du}(2x)`` is not certain."""
        saved = self.i
        args = self.arguments()
        if self.is_function(name) or len(args) != 1:
            return args
        at = args[0].expr
        if at == variable or at.is_number:
            return args
        self.i = saved
        if variable in at.free_symbols:
            return None  # evaluated at an expression of the variable itself: a product
        raise self.fail(
            f"\\frac{{d{name}}}{{d{variable}}}(…) of a quantity at {printed(at)}: the value at "
            "that point or a product (the chain rule's dy/du (2x))? Not certain"
        )

    def _evaluated_at(
        self, derivative: sp.Derivative, variable: sp.Symbol, args: list[Value]
    ) -> sp.Expr:
        """``\\frac{df}{dx}(x)`` is f'(x), not x·f'(x); ``\\frac{df}{dx}(a)`` is f' at a."""
        if len(args) != 1:
            raise self.fail("a derivative evaluated at several arguments")
        at = args[0].expr
        self.shared.note("df/dx(…) read as the derivative evaluated at its argument")
        if at == variable:
            return derivative
        return sp.Subs(derivative, variable, at)

    def _subscript_operator(self) -> bool:
        """``\\partial_{x} E``, ``\\nabla_{x} E``, ``D_x f`` start here."""
        tok = self.peek()
        if tok is None or not self.at("char", "_", 1):
            return False
        if tok.kind == "cmd" and tok.text in ("partial", "nabla"):
            return True
        if not (tok.kind == "letter" and tok.text == "D" and self.scope.get("D") is None):
            return False
        saved = self.i
        try:  # D_x f: only before the name of a function
            self.i += 2
            self.group_tokens()
            following = self.peek()
            return following is not None and self.is_function(following.text)
        except Unreadable:
            return False
        finally:
            self.i = saved

    def _apply_subscript_operator(self) -> Value:
        start = self.take()
        self.take()
        group = self.group_tokens()
        try:
            variable = self._variable_of(group)
        except Unreadable:
            if start.text == "nabla":
                raise self.fail(_REASONS["nabla"], start) from None
            raise
        if self.at("char", "^"):
            raise self.fail("higher or unusual derivatives (d^2/dx^2) are not supported", start)
        return self._operand(variable)

    def _differentiated(self, tokens: list[Token], variable: sp.Symbol) -> sp.Expr:
        """The numerator of ``\\frac{d E}{dx}``; a bare function name ``f`` means f(x)."""
        name = _bare_name(tokens)
        if name is not None and self.is_function(name):
            return self.function_of(name, variable)
        expr = self.sub(tokens).whole().expr
        if isinstance(expr, sp.Symbol) and expr != variable and not self.scope.indexed:
            raise Unreadable(f"{expr} is not defined in the document", tokens[0].offset)
        self._subject(tokens, variable)
        return expr

    def _subject(self, tokens: list[Token], variable: sp.Symbol) -> None:
        """Record ``NAME`` when ``tokens`` are ``NAME(variable)``: the derivative is of NAME."""
        if not tokens or tokens[-1].text != ")":
            return
        opening = next((k for k, t in enumerate(tokens) if t.text == "("), None)
        if opening is None or opening == 0:
            return
        name = _bare_name(tokens[:opening])
        if name is None or not self.is_function(name):
            return
        try:
            argument = self.sub(tokens[opening + 1 : -1]).whole().expr
        except (Unreadable, Refused):
            return
        if argument == variable:
            self.shared.subjects.append((key(name), variable))


_BOLD = {"mathbf", "boldsymbol", "bm", "vec"}
#: The upper bound of a sum written without one (``\\sum_k``): the claim's size.
OPEN = sp.Symbol("n?", integer=True, positive=True)


def _is_component(e: sp.Basic) -> bool:
    """A component at letter indices (``a_j``, ``w_{jk}``)."""
    return isinstance(e, sp.Indexed) and all(isinstance(i, sp.Symbol) for i in e.indices)


def index_symbol(name: str) -> sp.Symbol:
    """An index of index notation (``i`` of ``z_i``): an integer symbol."""
    return sp.Symbol(name, integer=True)


def size_symbol(name: str) -> sp.Symbol:
    """A size (the upper bound ``n`` of a sum): a positive integer symbol."""
    return sp.Symbol(name, integer=True, positive=True)


def _vector_name(inner: list[Token]) -> str | None:
    """The name of a bold vector's body: ``y`` or ``\\hat{y}`` (``yhat``)."""
    if len(inner) == 1 and inner[0].kind == "letter":
        return inner[0].text
    texts = [t.text for t in inner]
    if (
        len(inner) == 4
        and inner[0].kind == "cmd"
        and texts[0] in _ACCENTS
        and texts[1] == "{"
        and inner[2].kind == "letter"
        and texts[3] == "}"
    ):
        return texts[2] + _ACCENTS[texts[0]]
    return None


def _bold_argument(tokens: list[Token]) -> str | None:
    """The letter when ``tokens`` start with ``(\\mathbf{x})``."""
    texts = [t.text for t in tokens[:6]]
    if (
        len(texts) == 6
        and texts[0] == "("
        and tokens[1].kind == "cmd"
        and texts[1] in _BOLD
        and texts[2] == "{"
        and tokens[3].kind == "letter"
        and texts[4] == "}"
        and texts[5] == ")"
    ):
        return texts[3]
    return None


def _index_relation(tokens: list[Token]) -> sp.Basic | None:
    """``i = j`` or ``i \\ne j`` between two index letters, else None."""
    if len(tokens) != 3 or tokens[0].kind != "letter" or tokens[2].kind != "letter":
        return None
    left, right = index_symbol(tokens[0].text), index_symbol(tokens[2].text)
    if left == right:
        return None
    if tokens[1].text == "=":
        return sp.Eq(left, right, evaluate=False)
    if tokens[1].text in ("ne", "neq", "≠"):
        return sp.Ne(left, right, evaluate=False)
    return None


def _is_index(e: sp.Basic) -> bool:
    return isinstance(e, sp.Symbol) and bool(e.is_integer) and e.is_positive is None


def _is_index_relation(points: list[tuple[sp.Expr, sp.Eq, Token]], others: list[Case]) -> bool:
    conditions = [c for _, c, _ in points] + [c.condition for c in others]
    return bool(conditions) and all(
        c is None or (isinstance(c, (sp.Eq, sp.Ne)) and all(_is_index(a) for a in c.args))
        for c in conditions
    )


def index_cases(expr: sp.Expr) -> tuple[tuple[sp.Expr, sp.Basic], ...] | None:
    """``((value, Eq(i, j)), (value, Ne(i, j)))`` when ``expr`` is a cases block on indices."""
    if not isinstance(expr, sp.Piecewise):
        return None
    rows = tuple((v, c) for v, c in expr.args)
    if all(isinstance(c, (sp.Eq, sp.Ne)) and all(_is_index(a) for a in c.args) for _, c in rows):
        return rows
    return None


def _split(tokens: list[Token], kind: str, text: str) -> list[list[Token]]:
    """``tokens`` cut at the top-level (outside braces and environments) ``kind``/``text``."""
    parts: list[list[Token]] = [[]]
    for tok, top in top_level(tokens):
        if top and tok.kind == kind and tok.text == text:
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def _trim(tokens: list[Token]) -> list[Token]:
    """Without the punctuation around a case's value or condition (``x, & x > 0.``)."""
    start, end = 0, len(tokens)
    while end > start and tokens[end - 1].kind == "char" and tokens[end - 1].text in ",.;:":
        end -= 1
    while start < end and tokens[start].kind == "char" and tokens[start].text in ",;:":
        start += 1
    return tokens[start:end]


def _text_word(tokens: list[Token], k: int) -> tuple[str, int] | None:
    """``(word, end)`` when ``\\text{word}`` starts at ``tokens[k]`` (spaces dropped)."""
    if not (
        k + 1 < len(tokens)
        and tokens[k].kind == "cmd"
        and tokens[k].text in _TEXT
        and tokens[k + 1].text == "{"
    ):
        return None
    close = next((j for j in range(k + 2, len(tokens)) if tokens[j].text == "}"), None)
    if close is None:
        return None
    return "".join(t.text for t in tokens[k + 2 : close]), close + 1


def _shown(relation: sp.Basic) -> str:
    if isinstance(relation, sp.Eq):
        return f"{printed(relation.lhs)} = {printed(relation.rhs)}"
    if isinstance(relation, sp.Ne):
        return f"{printed(relation.lhs)} ≠ {printed(relation.rhs)}"
    return printed(relation)


def _bare_name(tokens: list[Token]) -> str | None:
    """The name when ``tokens`` are just a name: ``f``, ``\\sigma``, ``\\mathrm{sigmoid}``,
    ``\\operatorname{leaky\\_relu}``."""
    if len(tokens) == 1 and tokens[0].kind in ("letter", "cmd"):
        return tokens[0].text
    inner = tokens[2:-1]
    if (
        len(tokens) >= 4
        and tokens[0].kind == "cmd"
        and tokens[0].text in ("mathrm", "operatorname")
        and tokens[1].text == "{"
        and tokens[-1].text == "}"
        and all(t.kind in ("letter", "number") or t.text == "_" for t in inner)
    ):
        return "".join(t.text for t in inner)
    return None


def _depends(expr: sp.Expr, variable: sp.Symbol) -> sp.Expr:
    """``expr``, unless it has variables but not ``variable`` (a dependency the text leaves
    implicit, like z_k on w_jk: differentiating it literally would give a false 0)."""
    if expr.free_symbols and variable not in expr.free_symbols:
        raise Unreadable(
            f"{printed(expr)} does not depend on {variable} as written "
            "(an implicit dependency is not supported)"
        )
    return expr


@dataclass(frozen=True)
class SideReading:
    """One side of an equation: its expression, notes on how it was read, and, when the side
    is a derivative of a function of its variable (``\\frac{d}{dx}\\sigma(x)``), that
    function's name, the function as an expression, and the variable."""

    expr: sp.Expr
    notes: tuple[str, ...] = ()
    subject: tuple[str, sp.Expr, sp.Symbol] | None = None
    #: The names its ``\underbrace`` annotations give: (name, body, offset).
    named: tuple[tuple[sp.Expr, sp.Expr, int], ...] = ()


def read(tokens: list[Token], scope: Scope, limits: Limits = DEFAULT) -> sp.Expr:
    """The expression of one side of an equation."""
    return Parser(tokens, scope, limits).parse()


def read_side(
    tokens: list[Token],
    scope: Scope,
    limits: Limits = DEFAULT,
    bare: Mapping[str, tuple[sp.Expr, sp.Symbol]] | None = None,
) -> SideReading:
    """One side of an equation with its reading; ``bare`` maps a function name written without
    an argument to the function of the variable it stands for (only in a chain whose first
    side differentiates that function)."""
    shared = Shared(bare=dict(bare or {}))
    expr = Parser(tokens, scope, limits, shared).parse()
    subject = None
    if isinstance(expr, sp.Derivative) and len(set(shared.subjects)) == 1:
        name, variable = shared.subjects[0]
        if expr.variables == (variable,):
            subject = (name, expr.expr, variable)
    return SideReading(expr, tuple(shared.notes), subject, tuple(shared.named))


def _head_name(tokens: list[Token]) -> tuple[str, list[Token]] | None:
    """The name a side starts with and the tokens after it."""
    if (
        len(tokens) >= 4
        and tokens[0].kind == "cmd"
        and tokens[0].text in ("mathrm", "operatorname", "text")
        and tokens[1].text == "{"
    ):
        close = next((k for k, t in enumerate(tokens) if t.text == "}"), None)
        if close is None:
            return None
        name = "".join(t.text if t.kind != "cmd" else "_" for t in tokens[2:close])
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            return None
        rest = tokens[close + 1 :]
        if tokens[0].text == "text" and (len(name) < 2 or not rest or rest[0].text != "("):
            return None
        return name, rest
    if tokens and (
        tokens[0].kind == "letter"
        or (tokens[0].kind == "cmd" and tokens[0].text in _GREEK | {"sigma"} | set(_STANDARD))
    ):
        return tokens[0].text, tokens[1:]
    return None


def definition_head(tokens: list[Token]) -> tuple[str, tuple[str, ...] | None] | None:
    """``(name, parameters)`` when ``tokens`` are ``NAME(x)`` or ``NAME(x, y)``: ``f(x)``,
    ``\\sigma(x)``, ``\\mathrm{elu}(x)``, ``\\operatorname{ReLU}(x)``, ``\\tanh(x)``,
    ``\\text{div}(\\hat{y}, y)``; ``(name, None)`` for a word without an argument
    (``\\operatorname{LeakyReLU}``). Mathematical functions (``\\exp``, ``\\log``,
    ``\\max``…) are not redefined: ``\\exp(x) = …`` is a claim."""
    head = _head_name(tokens)
    if head is None:
        return None
    name, rest = head
    if name == "e" or name.lower() in _MATHEMATICAL:
        return None
    if not rest and len(name) > 1 and tokens[0].kind == "cmd" and tokens[0].text != name:
        return name, None
    if len(rest) < 3 or rest[0].text != "(" or rest[-1].text != ")":
        return None
    parameters = [_parameter(part) for part in _split(rest[1:-1], "char", ",")]
    if any(p is None for p in parameters) or len(set(parameters)) != len(parameters):
        return None
    return name, tuple(p for p in parameters if p is not None)


def _parameter(tokens: list[Token]) -> str | None:
    """The symbol name of a parameter: ``x``, ``\\hat{y}`` (``yhat``), ``\\theta``."""
    if len(tokens) == 1 and tokens[0].kind == "letter" and tokens[0].text != "e":
        return tokens[0].text
    if len(tokens) == 1 and tokens[0].kind == "cmd" and tokens[0].text in _GREEK:
        return tokens[0].text
    if (
        len(tokens) == 4
        and tokens[0].kind == "cmd"
        and tokens[0].text in _ACCENTS
        and tokens[1].text == "{"
        and tokens[2].kind == "letter"
        and tokens[3].text == "}"
    ):
        return tokens[2].text + _ACCENTS[tokens[0].text]
    return None


def equality_cases(expr: sp.Expr) -> tuple[tuple[sp.Expr, sp.Symbol, sp.Expr], ...] | None:
    """``((value, y, 1), (value, y, 0))`` when ``expr`` is a cases block on ``y = 1``, ``y = 0``."""
    if not isinstance(expr, sp.Piecewise):
        return None
    found = []
    for value, condition in expr.args:
        if not (isinstance(condition, sp.Eq) and isinstance(condition.lhs, sp.Symbol)):
            return None
        found.append((value, condition.lhs, condition.rhs))
    return tuple(found)


def has_equality_cases(expr: sp.Basic) -> bool:
    """Whether a cases block on equalities occurs in ``expr`` (read only as a whole side)."""
    return any(
        isinstance(condition, sp.Eq)
        for block in expr.atoms(sp.Piecewise)
        for _, condition in block.args
    )


def known_function(name: str) -> bool:
    return name.lower() in _NAMED or name.lower() in _VARIADIC


__all__ = (
    "XI",
    "Function",
    "Parser",
    "Scope",
    "SideReading",
    "Token",
    "Unreadable",
    "abstract",
    "definition_head",
    "equality_cases",
    "has_equality_cases",
    "key",
    "read",
    "read_side",
    "tokenize",
)
