r"""Vectors and matrices in the LaTeX of notes, read as SymPy matrix expressions of symbolic shape.

A bold or arrowed lower-case letter (``\mathbf{x}``, ``\boldsymbol{x}``, ``\bm{x}``, ``\vec{x}``,
``\hat{\mathbf{y}}``) is a column vector whose components are the indexed family of the same
name (``x_i`` is its i-th component, so that the document's definitions in index notation and
its vector formulas speak of the same numbers); a bold capital, or a capital letter among
vectors, is a matrix (:class:`sympy.MatrixSymbol`); ``\mathbf{1}`` (``\boldsymbol{1}_{n \times
1}``) is the column of ones and ``I`` the identity. Shapes are the document's own
(``\mathbf{x} \in \mathbb{R}^{n}``, ``A \in \mathbb{R}^{m \times n}``) or inferred: every
vector and matrix whose shape is not stated has the length :data:`INFERRED`, one unknown size
that the claim's builder replaces by the claim's size. A shape built from an inferred length is
not certain, so a mismatch between such shapes is not a refutation (see :func:`certain`).

Read here: transposes (``^T``, ``^\top``, ``^\mathrm{T}``, ``^{\mathsf{T}}``), products
(juxtaposition and ``\cdot``: a matrix product; ``\cdot`` between two columns of one length is
their dot product), ``\odot`` (element-wise), sums and differences of equal shapes, a scalar
times a matrix, division by a scalar, the element-wise quotient of two vectors of one shape
(``\frac{\mathbf{y}}{\hat{\mathbf{y}}}``), the element-wise ``\exp``, ``\ln``, ``\log`` and
``\sigma`` of a vector, ``\mathrm{softmax}``, ``\mathrm{diag}(\mathbf{v})``, squared norms
(``\lVert v \rVert^2``, ``\|v\|_2^2``) and norms, and derivatives:
``\frac{\partial f}{\partial \mathbf{x}}``, ``\frac{\partial}{\partial \mathbf{x}} f`` and
``\nabla_{\mathbf{x}} f`` in the layout the parser is given
(:class:`~derivations.symbolic.matrix_calculus.LayoutDerivative`). Everything else, and every
product whose shapes cannot agree, raises :class:`~derivations.read.latex.Unreadable`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix

from derivations.read.latex import Token, Unreadable, index_symbol, size_symbol
from derivations.read.limits import DEFAULT, Limits
from derivations.read.matrix_literals import (
    LITERALS,
    MAX_CELLS,
    dots_layout,
    ellipsis_pattern,
    environment_name,
    literal_body,
    split_cells,
)
from derivations.symbolic.functions import sigmoid
from derivations.symbolic.matrix_calculus import LayoutDerivative

#: The length of a vector whose shape the document does not state: the size ``n`` (a claim whose
#: sums run to another bound K gets K instead); the parser notes that it inferred a shape.
INFERRED = size_symbol("n")

BOLD = frozenset({"mathbf", "boldsymbol", "bm", "vec", "mathbfit", "pmb"})
ACCENTS = {
    **{"hat": "hat", "widehat": "hat", "bar": "bar", "tilde": "tilde", "overline": "bar"},
    **{"mathcal": "cal", "mathscr": "scr"},  # \\mathcal{L}: the name Lcal
}
FRACTIONS = frozenset({"frac", "dfrac", "tfrac", "cfrac"})
_GREEK = frozenset(
    {"alpha", "beta", "gamma", "lambda", "eta", "mu", "epsilon", "theta", "tau", "ell"}
)
_WORDS = frozenset({"mathrm", "operatorname", "text", "textrm", "mathit"})
_r, _c = sp.symbols("r c", integer=True)
#: Letters read as an index in a subscript (``z_i``).
_INDEX_LETTERS = frozenset("ijklmpqrs")  # not t: a time step (x_t) may be another series
#: Letters that name a function the document may leave abstract (``a(\mathbf{x})`` is a product).
_ABSTRACT_LETTERS = frozenset({"f", "g", "h"})
#: Functions read of a scalar only (an entry of a matrix literal, a component).
_SCALAR_FUNCTIONS: dict[str, Callable[[sp.Expr], sp.Expr]] = {
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "tanh": sp.tanh,
}

#: A scalar expression or a matrix expression (SymPy types them loosely).
Value: TypeAlias = Any


def column(name: str, rows: sp.Expr) -> sp.MatrixExpr:
    """The column vector ``name`` of length ``rows``: entry r (0-based) is ``name[r + 1]``."""
    base = sp.IndexedBase(name, real=True)
    return sp.FunctionMatrix(rows, 1, sp.Lambda((_r, _c), base[_r + 1]))


def ones(rows: sp.Expr) -> sp.MatrixExpr:
    return sp.OneMatrix(rows, 1)


def entrywise(fn: Callable[[sp.Expr], sp.Expr], v: sp.MatrixExpr) -> sp.MatrixExpr:
    """``fn`` applied to every entry of ``v``."""
    return sp.FunctionMatrix(v.shape[0], v.shape[1], sp.Lambda((_r, _c), fn(v[_r, _c])))


def is_matrix(v: object) -> bool:
    return isinstance(v, sp.MatrixExpr)


def certain(a: tuple[sp.Expr, sp.Expr], b: tuple[sp.Expr, sp.Expr], *, inferred: bool) -> bool:
    """Whether two different shapes differ for certain: in each differing dimension one side is
    a number (a row against a column), or no shape of the claim was inferred."""
    return all(
        x == y or x.is_number or y.is_number or not inferred for x, y in zip(a, b, strict=True)
    )


@dataclass
class VectorScope:
    """What the document has said about vectors up to a claim: stated shapes (``name`` to
    ``(rows, cols)``), vector definitions (``name`` to its value), and the scalar names it
    defines elsewhere (``L``, ``E``: read as a symbol and expanded by the caller)."""

    shapes: Mapping[str, tuple[sp.Expr, sp.Expr]] = field(default_factory=dict)
    definitions: Mapping[str, sp.Expr] = field(default_factory=dict)
    scalars: frozenset[str] = frozenset()
    functions: frozenset[str] = frozenset()  # functions the document defines (σ of its own)
    #: The document's functions of one scalar variable, applied element-wise to a vector.
    elementwise: Mapping[str, Callable[[sp.Expr], sp.Expr]] = field(default_factory=dict)
    #: Read the vectors whose shape is not stated as rows (the other convention, tried to know
    #: whether a definition is ill-shaped in both).
    rows: bool = False
    plain: frozenset[str] = frozenset()  # plain names that are vectors (read.plain_vectors)


class ShapeConflict(Unreadable):
    """A product (or quotient) whose shapes cannot agree: ``left`` and ``right`` are its two
    factors; ``stated`` whether it fails for certain: a shape whose orientation the document
    states (``\\boldsymbol{1}_{n \\times 1}``, a matrix ``A \\in \\mathbb{R}^{m \\times n}``;
    not ``\\mathbf{x} \\in \\mathbb{R}^{n}``, which a row convention reads as a row) takes part
    in it, and a number meets a size (1 against n)."""

    def __init__(
        self, reason: str, offset: int | None, left: Value, right: Value, *, stated: bool
    ) -> None:
        super().__init__(reason, offset)
        self.left, self.right, self.stated = left, right, stated


class Unify(Unreadable):
    """The inferred length meets a stated one (``size``): read again with that length."""

    def __init__(self, size: sp.Symbol, reason: str, offset: int | None = None) -> None:
        super().__init__(reason, offset)
        self.size = size


class VectorParser:
    """One side of an equation in vector notation; ``parse()`` gives a scalar or a matrix
    expression, or raises Unreadable. ``layout`` is the layout of its derivatives."""

    def __init__(
        self,
        tokens: list[Token],
        scope: VectorScope,
        layout: str,
        limits: Limits = DEFAULT,
        guess: sp.Symbol = INFERRED,
    ) -> None:
        self.tokens, self.scope, self.layout, self.limits = tokens, scope, layout, limits
        self.guess = guess  # the length of a vector whose shape is not stated
        self.i = 0
        self.depth = 0
        self.derivatives = 0
        self.vectorial = False
        self.notes: list[str] = []
        self.keep: set[str] = set()  # names held as variables (not expanded)
        self.value: Value = sp.S.Zero  # the side, once parsed (read_vector_side)
        self.inferred = False  # whether a shape was inferred rather than stated
        self.plain_names: set[str] = set()  # plain letters read as scalars
        self.bold_names: set[str] = set()  # names read as vectors
        self.stated = 0  # how many shapes the document states were read so far
        self.component_names: set[str] = set()  # z of z_i, read as a component
        self.literal = False  # inside a matrix literal: x_1 is the component x[1]
        #: the side multiplies entry by entry (⊙): a number beside a vector fills its entries
        self.entrywise = any(t.kind == "cmd" and t.text == "odot" for t in tokens)

    # -- tokens --------------------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token | None:
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else None

    def at(self, text: str, ahead: int = 0) -> bool:
        tok = self.peek(ahead)
        return tok is not None and tok.text == text

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise Unreadable("the formula ends too early")
        self.i += 1
        return tok

    def fail(self, reason: str, tok: Token | None = None) -> Unreadable:
        tok = tok or self.peek()
        return Unreadable(reason, tok.offset if tok else None)

    def group(self) -> list[Token]:
        """The tokens of a ``{...}`` group, or one token."""
        if not self.at("{"):
            return [self.take()]
        depth = 0
        start = self.i
        while True:
            tok = self.take()
            if tok.text == "{" and tok.kind == "char":
                depth += 1
            elif tok.text == "}" and tok.kind == "char":
                depth -= 1
                if depth == 0:
                    return self.tokens[start + 1 : self.i - 1]

    def sub(self, tokens: list[Token]) -> VectorParser:
        child = VectorParser(tokens, self.scope, self.layout, self.limits, self.guess)
        child.depth = self.depth + 1
        child.keep = self.keep
        child.literal = self.literal
        child.entrywise = self.entrywise
        if child.depth > self.limits.max_depth:
            raise self.fail(f"nested deeper than {self.limits.max_depth}")
        return child

    def whole(self) -> Value:
        if not self.tokens:
            raise Unreadable("an empty group")
        value = self.expression()
        if self.peek() is not None:
            tok = self.peek()
            assert tok is not None
            raise self.fail(f"unexpected {tok.text!r} in vector notation", tok)
        return value

    def absorb(self, child: VectorParser) -> None:
        self.derivatives += child.derivatives
        self.vectorial |= child.vectorial
        self.inferred |= child.inferred
        self.plain_names |= child.plain_names
        self.bold_names |= child.bold_names
        self.notes += [n for n in child.notes if n not in self.notes]

    def read(self, tokens: list[Token]) -> Value:
        child = self.sub(tokens)
        value = child.whole()
        self.absorb(child)
        return value

    def parse(self) -> Value:
        if not self.tokens:
            raise Unreadable("empty side of an equation")
        try:
            return self.whole()
        except (sp.ShapeError, ValueError, TypeError) as exc:
            raise Unreadable(f"the shapes do not agree ({exc})") from None

    # -- grammar -------------------------------------------------------------------------------
    def expression(self) -> Value:
        sign = 1
        if self.at("-") or self.at("+"):
            sign = -1 if self.take().text == "-" else 1
        value = self.term()
        if sign == -1:
            value = -value
        while self.at("+") or self.at("-"):
            op = self.take()
            right = self.term()
            value, right = self._broadcast(value, right)
            value = add(value, right if op.text == "+" else -right, op)
        return value

    def _broadcast(self, a: Value, b: Value) -> tuple[Value, Value]:
        """``(1 - \\mathbf{o}) \\odot \\mathbf{o}``: in a side that multiplies entry by entry, a
        number beside a vector stands for that number in every entry (the number times the ones
        vector); elsewhere, and for a letter, a scalar plus a vector is not read."""
        if not self.entrywise:
            return a, b
        for number, vector in ((a, b), (b, a)):
            if not (is_matrix(vector) and 1 in vector.shape) or is_matrix(number):
                continue
            if sp.sympify(number).is_number:
                self.notes.append(f"{number} beside a vector read as {number} in every entry")
                filled = sp.sympify(number) * sp.OneMatrix(*vector.shape)
                return (filled, b) if number is a else (a, filled)
        return a, b

    def term(self) -> Value:
        before = self.stated
        value = self.factor()
        while True:
            tok = self.peek()
            if tok is None or tok.text in ("+", "-", "}", ")", "]", ",", "&", "=", "\\"):
                return value
            if tok.text in ("cdot", "odot", "times", "circ") and tok.kind == "cmd":
                self.take()
                right = self.factor()
                if tok.text == "odot":
                    value = hadamard(value, right, tok)
                elif tok.text == "cdot":
                    value = dot(value, right, tok, self.notes, stated=self.stated > before)
                else:
                    raise self.fail(f"\\{tok.text} between vectors is not read", tok)
                continue
            right = self.operator_applied() if self._operator() else self.factor()
            value = product(value, right, tok, stated=self.stated > before)

    def factor(self) -> Value:
        if self._operator():
            return self.operator_applied()
        value = self.atom()
        while self.at("^") or self.at("'"):
            tok = self.take()
            if tok.text == "'":
                raise self.fail("a prime in vector notation", tok)
            value = self.superscript(value, tok)
        return value

    def superscript(self, value: Value, tok: Token) -> Value:
        body = self.group()
        if len(body) == 1 and body[0].text in ("mathrm", "mathsf", "text", "rm", "textrm"):
            body = [*body, *self.group()]
        texts = [t.text for t in body if t.text not in ("{", "}")]
        if texts in (["T"], ["top"], ["mathrm", "T"], ["mathsf", "T"], ["intercal"], ["t"]):
            if texts == ["t"]:
                raise self.fail("^t: a transpose or a time step?", tok)
            if isinstance(value, sp.Symbol):
                raise self.fail(
                    f"a transpose of the plain letter {value} (a vector without bold?)", tok
                )
            self.vectorial = True
            return value.T if is_matrix(value) else value
        if is_matrix(value):
            raise self.fail("a power of a vector or a matrix is not read", tok)
        exponent = self.read(body)
        if is_matrix(exponent):
            raise self.fail("a vector in an exponent", tok)
        return sp.Pow(value, exponent)

    # -- atoms ---------------------------------------------------------------------------------
    def atom(self) -> Value:
        tok = self.peek()
        if tok is None:
            raise Unreadable("the formula ends too early")
        if tok.kind == "number":
            self.take()
            return sp.Rational(tok.text)
        if tok.text in ("(", "["):
            return self.parenthesized()
        if tok.text == "{":
            return self.read(self.group())
        if tok.kind == "letter":
            return self.letter()
        if tok.kind == "cmd":
            return self.command(tok)
        raise self.fail(f"unexpected {tok.text!r} in vector notation", tok)

    def parenthesized(self) -> Value:
        opener = self.take()
        closer = ")" if opener.text == "(" else "]"
        depth = 0
        start = self.i
        while True:
            tok = self.peek()
            if tok is None:
                raise self.fail("an unclosed parenthesis", opener)
            if tok.text in ("(", "[") and tok.kind == "char":
                depth += 1
            elif tok.text in (")", "]") and tok.kind == "char":
                if depth == 0 and tok.text == closer:
                    break
                depth -= 1
            self.take()
        inner = self.tokens[start : self.i]
        self.take()
        if any(t.text == "," for t in inner):
            raise self.fail("a tuple or a function of several arguments", opener)
        return self.read(inner)

    def _subscript_name(self) -> str:
        """``_1``, ``_{k}``, ``^{(i)}`` after a name: part of the name."""
        suffix = ""
        while self.at("_") or (self.at("^") and self.at("{", 1) and self.at("(", 2)):
            mark = self.take().text
            body = self.group()
            text = "".join(t.text for t in body)
            if not text.replace("(", "").replace(")", "").replace("-", "").isalnum():
                raise self.fail("a subscript that is not letters and digits")
            suffix += ("_" if mark == "_" else "^") + text
        return suffix

    def letter(self) -> Value:
        tok = self.take()
        name = tok.text
        if self.literal and self.at("_"):
            return self._literal_component(name, tok)
        if self.at("_") or (self.scope.plain and name.islower()):
            mark = self.i
            try:
                full = name + self._subscript_name()
            except Unreadable:
                full = name
            if full in self.scope.plain:
                self.notes.append(f"{full} read as a vector written without bold")
                return self._named(full, True, tok)
            if full != name and full in self.scope.definitions and full not in self.keep:
                return self._defined(full, tok)  # L_i = …: a name with its subscript
            self.i = mark
        found = self._component(name)
        if found is not None:
            return found
        if self.at("_") and not self.at("{", 1) and self._component_like():
            raise self.fail(f"{name}_…: a component beside vectors (index notation)", tok)
        name += self._subscript_name()
        if name == "I":
            self.vectorial = self.inferred = True
            return sp.Identity(self.guess)
        if name in self.scope.definitions and name not in self.keep:
            return self._defined(name, tok)
        if name in self.scope.shapes:
            if name[0].islower():
                raise self.fail(f"the vector {name} written without bold", tok)
            self.vectorial = True
            rows, cols = self.scope.shapes[name]
            self.stated += cols != 1  # a matrix, stated
            return column(name, rows) if cols == 1 else sp.MatrixSymbol(name, rows, cols)
        if name in self.scope.scalars:
            if self._at_parameters():
                self._arguments()
            return sp.Symbol(name, real=True)
        if name[0].isupper() and not self.at("("):
            self.vectorial = self.inferred = True
            return sp.MatrixSymbol(name, self.guess, self.guess)
        if self.at("(") and name in _ABSTRACT_LETTERS and name not in self.scope.functions:
            return self.abstract_field(name, tok)
        if self.at("("):
            raise self.fail(
                f"{name}(…) of a vector: not a name the document defines for vectors", tok
            )
        if name == "e":
            return sp.E
        self.plain_names.add(name)
        return sp.Symbol(name, real=True)

    def _component(self, stem: str) -> Value | None:
        """``z_i``, ``z_{j}``, ``z_1`` of a lower-case letter beside vectors: the component of
        the vector z (the columns' entries are the family z_k), a scalar. Not when the name is
        called (``f_k(\\mathbf{z})``), stated or defined, or the subscript is anything else."""
        accented = len(stem) > 1 and stem[1:] in ACCENTS.values()
        if not ((len(stem) == 1 or accented) and stem[0].islower() and stem != "e"):
            return None
        if not self.at("_"):
            return None
        mark = self.i
        self.take()
        body = [t for t in self.group() if t.text not in ("{", "}")]
        index: sp.Expr | None = None
        if len(body) == 1 and body[0].kind == "number" and body[0].text.isdigit():
            index = sp.Integer(int(body[0].text))
        elif len(body) == 1 and body[0].kind == "letter" and body[0].text in _INDEX_LETTERS:
            index = index_symbol(body[0].text)
        name = f"{stem}_{body[0].text}" if len(body) == 1 else ""
        if (
            index is None
            or self.at("(")
            or self.at("_")
            or (self.at("^") and self.at("{", 1) and self.at("(", 2))
            or name in self.scope.shapes
            or name in self.scope.definitions
            or name in self.scope.scalars
            or stem in self.scope.scalars
        ):
            self.i = mark
            return None
        self.component_names.add(stem)
        self.notes.append(f"{stem}_{body[0].text} read as a component of the vector {stem}")
        return sp.Indexed(sp.IndexedBase(stem, real=True), index)

    def abstract_field(self, name: str, tok: Token) -> Value:
        """``f(\\mathbf{x})`` with f not defined by the document, x a column of a stated
        number of entries k: the abstract scalar function f(x_1, …, x_k) (a claim read with it
        is decided only where it holds for every f: :mod:`derivations.symbolic.abstract`)."""
        argument = self.parenthesized()
        if not (is_matrix(argument) and argument.shape[1] == 1):
            raise self.fail(f"{name}(…) of a vector: not a name the document defines", tok)
        rows = sp.sympify(argument.shape[0])
        if not rows.is_Integer or rows > MAX_CELLS:
            raise self.fail(
                f"{name}(…) of a vector of symbolic length: an abstract function of that many "
                "arguments is not read",
                tok,
            )
        self.vectorial = True
        self.notes.append(f"{name} read as a function the document leaves abstract")
        entries = [argument[k, 0] for k in range(int(rows))]
        return sp.Function(name, real=True)(*entries)

    def _component_like(self) -> bool:
        nxt = self.peek(1)
        return nxt is not None and nxt.kind == "letter" and nxt.text in "ijklmnpqrst"

    def _arguments(self) -> None:
        """Skip ``(\\mathbf{y}, \\hat{\\mathbf{y}})`` after a defined name: its parameters."""
        depth = 0
        while True:
            tok = self.take()
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth -= 1
                if depth == 0:
                    return

    def _at_parameters(self) -> bool:
        """Whether a ``(`` follows that opens a list of names (``(\\mathbf{y}, \\hat{y})``, the
        parameters of a defined name), not a factor (``h(1 - h^2)``: h times 1 - h²)."""
        if not self.at("("):
            return False
        depth = 0
        for k in range(self.i, len(self.tokens)):
            tok = self.tokens[k]
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth -= 1
                if depth == 0:
                    return True
            elif not _a_name_token(tok, self.tokens[k - 1]):
                return False
        return False

    def _defined(self, name: str, tok: Token) -> Value:
        self.vectorial = True
        if self._at_parameters():
            self._arguments()
        self.notes.append(f"{name} expanded through its definition")
        value = self.scope.definitions[name]
        self.inferred |= INFERRED in value.free_symbols
        return value

    def vector_name(self) -> tuple[str, bool]:
        """A bold or arrowed name and whether it is a vector (lower case) or a matrix: the
        command is taken already; its group is next."""
        body = self.group()
        texts = [t.text for t in body]
        if len(body) == 1 and body[0].kind in ("letter", "number"):
            return texts[0], body[0].kind == "letter" and texts[0].islower()
        if (
            len(body) == 4
            and texts[0] in ACCENTS
            and body[2].kind == "letter"
            and texts[1] == "{"
            and texts[3] == "}"
        ):
            return texts[2] + ACCENTS[texts[0]], texts[2].islower()
        if len(body) == 2 and texts[0] in ACCENTS and body[1].kind == "letter":
            return texts[1] + ACCENTS[texts[0]], texts[1].islower()
        raise self.fail("a bold group that is not one letter")

    def bold(self, tok: Token) -> Value:
        self.take()
        name, lower = self.vector_name()
        self.vectorial = True
        if name in ("1", "0"):
            stated = self.stated
            rows = self._ones_size()
            vector = ones(rows) if name == "1" else sp.ZeroMatrix(rows, 1)
            return vector.T if self.scope.rows and self.stated == stated else vector
        if name.isdigit():
            raise self.fail(f"a bold {name}", tok)
        if self.at("_") and self._component_like():
            raise self.fail(f"{name}_…: a component of a bold vector beside vectors", tok)
        name += self._subscript_name()
        return self._named(name, lower, tok)

    def _named(self, name: str, lower: bool, tok: Token) -> Value:
        self.bold_names.add(name)
        defined = self.scope.definitions.get(name)
        if isinstance(defined, sp.MatrixBase) and name not in self.keep:
            return self._defined(name, tok)  # a literal: its entries are explicit
        if lower and defined is not None and is_matrix(defined) and defined.shape[1] == 1:
            # a defined vector stays a vector of its own (an intermediate variable); the
            # claim's builder puts its definition in (derivations.read.vector_claims.resolve)
            self.vectorial = True
            self.inferred |= INFERRED in sp.Tuple(*defined.shape).free_symbols
            return column(name, defined.shape[0])
        if defined is not None and name not in self.keep:
            return self._defined(name, tok)
        if name in ("I",):
            self.inferred = True
            return sp.Identity(self.guess)
        shape = self.scope.shapes.get(name)
        self.inferred |= shape is None
        self.stated += shape is not None and shape[1] != 1  # a matrix or a row, stated
        if lower:
            if shape is not None and shape[0] == 1 and shape[1] != 1:
                return column(name, shape[1]).T  # stated a row: its components still w_k
            if shape is not None and shape[1] != 1:
                raise self.fail(f"{name} is stated to be a matrix", tok)
            vector = column(name, shape[0] if shape else self.guess)
            return vector.T if shape is None and self.scope.rows else vector
        rows, cols = shape if shape is not None else (self.guess, self.guess)
        return sp.MatrixSymbol(name, rows, cols)

    def _ones_size(self) -> sp.Expr:
        """``_{n \\times 1}`` or ``_n`` after ``\\mathbf{1}``: its length."""
        if not self.at("_"):
            self.inferred = True
            return self.guess
        self.take()
        body = [t for t in self.group() if t.text not in ("{", "}")]
        texts = [t.text for t in body]
        if len(texts) == 1 and body[0].kind == "letter":
            return size_symbol(texts[0])
        if len(texts) == 3 and texts[1] == "times" and texts[2] == "1" and body[0].kind == "letter":
            self.stated += 1
            return size_symbol(texts[0])
        raise self.fail("a subscript of 1 that is not its length")

    def accent(self, tok: Token) -> Value:
        """``\\hat{\\mathbf{y}}`` (a bold vector with an accent), or a scalar ``\\hat{y}``."""
        self.take()
        body = self.group()
        texts = [t.text for t in body]
        suffix = ACCENTS[tok.text]
        if len(body) >= 4 and texts[0] in BOLD and texts[1] == "{" and texts[-1] == "}":
            inner = body[2:-1]
            if len(inner) == 1 and inner[0].kind == "letter":
                self.vectorial = True
                name = inner[0].text + suffix + self._subscript_name()
                return self._named(name, inner[0].text.islower(), tok)
        if len(body) == 2 and texts[0] in BOLD and body[1].kind == "letter":
            self.vectorial = True
            name = body[1].text + suffix + self._subscript_name()
            return self._named(name, body[1].text.islower(), tok)
        if len(body) == 1 and body[0].kind == "letter":
            found = self._component(texts[0] + suffix)
            if found is not None:
                return found
            if self.at("_") and self._component_like():
                raise self.fail("a component beside vectors (index notation)", tok)
            name = texts[0] + suffix + self._subscript_name()
            if name in self.scope.shapes or name in self.scope.definitions:
                return self._named(name, texts[0].islower(), tok)
            return sp.Symbol(name, real=True)
        raise self.fail(f"\\{tok.text} of something other than a letter", tok)

    def command(self, tok: Token) -> Value:
        text = tok.text
        if text in BOLD:
            return self.bold(tok)
        if text in ACCENTS:
            return self.accent(tok)
        if text in FRACTIONS:
            return self.fraction(tok)
        if text in ("lVert", "Vert", "|"):
            return self.norm(tok)
        if text in ("exp", "ln", "log"):
            self.take()
            return self.elementwise(text, tok)
        if text in _SCALAR_FUNCTIONS:
            self.take()
            argument = self._argument(tok)
            if is_matrix(argument):
                raise self.fail(f"\\{text} of a vector or a matrix is not read", tok)
            return _SCALAR_FUNCTIONS[text](argument)
        if text == "sigma":
            own = self.scope.elementwise.get("sigma")
            if "sigma" in self.scope.functions and own is None:
                raise self.fail("σ is defined by the document: not read element-wise", tok)
            self.take()
            if self.at("'") and self.at("(", 1):  # σ'(z): the slope of σ, entry by entry
                self.take()
                return self.elementwise("sigma'", tok, _slope(own or sigmoid))
            if not self.at("("):
                raise self.fail("σ without an argument", tok)
            return self.elementwise("sigma", tok, own)
        if text in _WORDS:
            return self.word(tok)
        if text == "ell":  # ℓ, a name like a letter (a loss ℓ(w) = …)
            return self.letter()
        if text in _GREEK:
            self.take()
            return sp.Symbol(text, real=True)
        if text == "nabla":
            raise self.fail("∇ without a subscript vector", tok)
        if text == "begin":
            return self.matrix_literal(tok)
        if text == "langle":
            return self.inner_product(tok)
        if text in ("underbrace", "overbrace"):
            self.take()  # \underbrace{A}_{note}: A (the note is a comment)
            body = self.group()
            if self.at("_" if text == "underbrace" else "^"):
                self.take()
                self.group()
            return self.read(body)
        raise self.fail(f"\\{text} is not read in vector notation", tok)

    def inner_product(self, tok: Token) -> Value:
        """``\\langle \\mathbf{a}, \\mathbf{b} \\rangle``: the inner product aᵀb of two columns
        of one shape."""
        self.take()
        start, depth = self.i, 0
        commas: list[int] = []
        while True:
            inner = self.peek()
            if inner is None:
                raise self.fail("a \\langle without its \\rangle", tok)
            if inner.kind == "cmd" and inner.text == "rangle" and depth == 0:
                break
            if inner.text in ("{", "(", "[", "langle") and inner.kind in ("char", "cmd"):
                depth += 1
            elif inner.text in ("}", ")", "]", "rangle") and inner.kind in ("char", "cmd"):
                depth -= 1
            elif inner.text == "," and depth == 0:
                commas.append(self.i)
            self.take()
        end = self.i
        self.take()
        if len(commas) != 1:
            raise self.fail("an inner product ⟨·, ·⟩ that is not of two things", tok)
        left = self.read(self.tokens[start : commas[0]])
        right = self.read(self.tokens[commas[0] + 1 : end])
        if not (is_matrix(left) and is_matrix(right)):
            raise self.fail("an inner product ⟨·, ·⟩ of something not a vector", tok)
        for x, y in zip(left.shape, right.shape, strict=True):
            if x != y:
                raise _unify(x, y, "an inner product ⟨·, ·⟩ of things of different shapes", tok)
        if left.shape[1] != 1:
            raise self.fail("an inner product ⟨·, ·⟩ of matrices or rows is not read", tok)
        self.vectorial = True
        self.notes.append("⟨a, b⟩ read as the inner product aᵀb")
        return _scalar(left.T * right)

    # -- matrix literals ---------------------------------------------------------------------
    def matrix_literal(self, tok: Token) -> Value:
        r"""``\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}`` (or ``pmatrix``): the explicit
        matrix of its entries; ``a_1 \\\\ \\vdots \\\\ a_n`` a column of length n (see
        :mod:`derivations.read.matrix_literals`)."""
        name, body, after = literal_body(self.tokens, self.i)
        if name not in LITERALS:
            raise self.fail(f"the environment {name} is not read in vector notation", tok)
        self.i = after
        rows = split_cells(body)
        if sum(len(row) for row in rows) > MAX_CELLS:
            raise self.fail(f"a matrix literal of more than {MAX_CELLS} entries", tok)
        if len({len(row) for row in rows}) != 1 or any(not c for row in rows for c in row):
            raise self.fail("a matrix literal whose rows differ in length or have empty cells", tok)
        layout = dots_layout(rows)
        self.vectorial = True
        saved, self.literal = self.literal, True
        try:
            if layout is None:
                entries = [[self._entry(c, tok) for c in row] for row in rows]
                return _scalar(sp.ImmutableMatrix(entries))
            last = rows[2][0] if layout == "column" else rows[0][2]
            size, entry = ellipsis_pattern(self._entry(rows[0][0], tok), self._entry(last, tok))
        finally:
            self.literal = saved
        self.notes.append(f"the dots of a matrix literal read as entries 1 to {size}")
        if layout == "column":
            return sp.FunctionMatrix(size, 1, sp.Lambda((_r, _c), entry(_r + 1)))
        return sp.FunctionMatrix(1, size, sp.Lambda((_r, _c), entry(_c + 1)))

    def _entry(self, cell: list[Token], tok: Token) -> Value:
        value = self.read(cell)
        if is_matrix(value):
            raise self.fail("a block matrix (a vector or matrix inside a literal) is not read", tok)
        return value

    def _literal_component(self, name: str, tok: Token) -> Value:
        """``x_1``, ``x_{2}``, ``x_n`` inside a literal: the component of the vector x (the
        components of a vector are the indexed family of its name)."""
        self.take()
        body = [t for t in self.group() if t.text not in ("{", "}")]
        if len(body) != 1 or body[0].kind not in ("number", "letter"):
            raise self.fail("a subscript in a matrix literal that is not one number or letter", tok)
        index = (
            sp.Integer(int(body[0].text))
            if body[0].kind == "number"
            else sp.Symbol(body[0].text, integer=True)
        )
        if index == 0:
            raise self.fail("a component numbered from 0", tok)
        return sp.IndexedBase(name, real=True)[index]

    def word(self, tok: Token) -> Value:
        self.take()
        body = self.group()
        name = "".join(t.text for t in body if t.kind in ("letter", "number"))
        if name == "T":
            raise self.fail("a T outside a superscript", tok)
        if name == "diag":
            self.vectorial = True
            argument = self._argument(tok)
            if not (is_matrix(argument) and argument.shape[1] == 1):
                raise self.fail("diag of something other than a column vector", tok)
            return DiagMatrix(argument)
        if name in ("exp", "ln", "log", "sigmoid"):
            return self.elementwise("sigma" if name == "sigmoid" else name, tok)
        if name == "softmax":
            argument = self._argument(tok)
            if not (is_matrix(argument) and argument.shape[1] == 1):
                raise self.fail("softmax of something other than a column vector", tok)
            self.vectorial = True
            exps = entrywise(sp.exp, argument)
            return sp.MatMul(sp.Pow((ones(argument.shape[0]).T * exps)[0, 0], -1), exps)
        if name == "d":
            raise self.fail("a differential (\\mathrm{d}) is not read", tok)
        if len(name) > 1 and name in self.scope.definitions and name not in self.keep:
            return self._defined(name, tok)  # div(ŷ, y) = ½‖ŷ − y‖²: the document's
        if len(name) > 1 and name in self.scope.scalars:  # defined with components
            if self.at("("):
                self._arguments()
            return sp.Symbol(name, real=True)
        if len(name) == 1 and name.isalpha() and name.islower():
            return sp.Symbol(name, real=True)  # an upright letter: a scalar
        raise self.fail(f"the function {name} is not read in vector notation", tok)

    def _argument(self, tok: Token) -> Value:
        if self.at("("):
            return self.parenthesized()
        if self.at("{"):
            return self.read(self.group())
        return self.factor()

    def elementwise(
        self, name: str, tok: Token, own: Callable[[sp.Expr], sp.Expr] | None = None
    ) -> Value:
        """A scalar function applied to a vector, entry by entry; ``own`` is the document's
        definition of it (σ(x) = 1/(1 + e^{-x}) written in the notes)."""
        argument = self._argument(tok)
        fn: Callable[[sp.Expr], sp.Expr] = (
            own
            or {
                "exp": sp.exp,
                "ln": sp.log,
                "log": sp.log,
                "sigma": sigmoid,
            }[name]
        )
        if is_matrix(argument):
            self.vectorial = True
            if 1 not in argument.shape:
                raise self.fail(f"{name} of a matrix", tok)
            whose = " (the document's definition)" if own is not None else ""
            self.notes.append(f"{name}{whose} of a vector read element-wise")
            return entrywise(fn, argument)
        return fn(argument)

    def norm(self, tok: Token) -> Value:
        closer = {"lVert": "rVert", "Vert": "Vert", "|": "|"}[tok.text]
        self.take()
        start = self.i
        while not (self.at(closer) and self.peek() is not None and self.peek().kind == "cmd"):  # type: ignore[union-attr]
            if self.peek() is None:
                raise self.fail("a norm without its closing bars", tok)
            self.take()
        inner = self.tokens[start : self.i]
        self.take()
        value = self.read(inner)
        if not is_matrix(value):
            raise self.fail("a norm of something other than a vector or a matrix", tok)
        column = value.shape[1] == 1
        self.vectorial = True
        squared = frobenius = False
        for _ in range(2):
            if self.at("_"):
                self.take()
                written = [t.text for t in self.group() if t.text not in "{}"]
                frobenius = written == ["F"]
                if written != ["2"] and not frobenius:
                    raise self.fail("only Euclidean and Frobenius norms are read", tok)
            elif self.at("^") and [t.text for t in self.tokens[self.i + 1 : self.i + 4]][:1] in (
                ["2"],
                ["{"],
            ):
                mark = self.i
                self.take()
                body = [t.text for t in self.group() if t.text not in "{}"]
                if body != ["2"]:
                    self.i = mark
                    break
                squared = True
        if not column and not frobenius:
            raise self.fail("a norm of a matrix other than the Frobenius norm ‖A‖_F", tok)
        if column:
            inner_product = (value.T * value)[0, 0]
        else:  # ‖A‖_F² = tr(AᵀA), the sum of the squares of the entries
            r, c = sp.symbols("r_F c_F", integer=True)
            rows, cols = value.shape
            inner_product = sp.Sum(value[r, c] ** 2, (r, 0, rows - 1), (c, 0, cols - 1))
        return inner_product if squared else sp.sqrt(inner_product)

    # -- fractions and derivatives -------------------------------------------------------------
    def fraction(self, tok: Token) -> Value:
        self.take()
        top, bottom = self.group(), self.group()
        if bottom and bottom[0].text == "partial":
            return self.derivative(top, bottom, tok)
        if (top and top[0].text == "partial") or (bottom and bottom[0].text in ("d", "mathrm")):
            raise self.fail("a derivative in vector notation that is not ∂f/∂x", tok)
        numerator, denominator = self.read(top), self.read(bottom)
        return divide(numerator, denominator, tok, self.notes)

    def _variable(self, tokens: list[Token], tok: Token) -> sp.MatrixExpr:
        child = self.sub(tokens)
        child.keep = {*self.keep, *self._names(tokens)}
        variable = _literal_variable(child.whole())
        self.inferred |= child.inferred
        if isinstance(variable, sp.Indexed):  # ∂/∂z_i: by a component
            if str(variable.base.label) in self.scope.definitions:
                raise self.fail("a derivative by a component of a vector the document defines")
            self.vectorial = True
            return variable
        if not isinstance(variable, (sp.FunctionMatrix, sp.MatrixSymbol)):
            raise self.fail("the variable of a derivative is not one vector or matrix", tok)
        self.vectorial = True
        return variable

    @staticmethod
    def _names(tokens: list[Token]) -> set[str]:
        """The name of a lone (bold) variable, as the parser would spell it."""
        letters = [t for t in tokens if t.kind == "letter"]
        if len(letters) != 1:
            return set()
        base = letters[0].text
        accent = next((ACCENTS[t.text] for t in tokens if t.text in ACCENTS), "")
        return {base + accent}

    def derivative(self, top: list[Token], bottom: list[Token], tok: Token) -> Value:
        if not top or top[0].text != "partial":
            raise self.fail("a derivative in vector notation that is not ∂f/∂x", tok)
        if self.literal:
            component = self.read(bottom[1:])
            if isinstance(component, sp.Indexed) and component.indices[0].is_Integer:
                # ∂f/∂x_1 inside a literal: the partial derivative by that component
                function = self.read(top[1:]) if len(top) > 1 else self._operand(tok)
                if is_matrix(function):
                    raise self.fail("a derivative of a vector by one of its components", tok)
                self.derivatives += 1
                return sp.Derivative(function, component)
        variable = self._variable(bottom[1:], tok)
        function = self.read(top[1:]) if len(top) > 1 else self._operand(tok)
        return self.layout_derivative(function, variable, tok)

    def _operator(self) -> bool:
        tok = self.peek()
        if tok is None or tok.kind != "cmd":
            return False
        if tok.text == "nabla":
            return True
        return (
            tok.text in FRACTIONS and self.at("{", 1) and self.at("partial", 2) and self.at("}", 3)
        )

    def operator_applied(self) -> Value:
        tok = self.take()
        if tok.text == "nabla":
            if not self.at("_"):
                argument = self._called_with()
                if argument is None:
                    raise self.fail("∇ without a subscript vector", tok)
                # ∇f(\mathbf{x}): the gradient by the vector the function is called with
                self.notes.append("∇ without a subscript: by the argument of the function")
                variable = self._variable(argument, tok)
                return self.layout_derivative(self._operand(tok), variable, tok)
            self.take()
            variable = self._variable(self.group(), tok)
        else:
            self.group()
            bottom = self.group()
            if not bottom or bottom[0].text != "partial":
                raise self.fail("∂/∂ with something other than ∂x below", tok)
            variable = self._variable(bottom[1:], tok)
        return self.layout_derivative(self._operand(tok), variable, tok)

    def _called_with(self) -> list[Token] | None:
        """The tokens of the argument in ``f(…)`` next (a letter called once), else None."""
        name, opening = self.peek(), self.peek(1)
        if name is None or name.kind != "letter" or opening is None or opening.text != "(":
            return None
        depth = 0
        for j in range(self.i + 1, len(self.tokens)):
            depth += {"(": 1, ")": -1}.get(self.tokens[j].text, 0)
            if depth == 0:
                return self.tokens[self.i + 2 : j]
        return None

    def _operand(self, tok: Token) -> Value:
        """What an operator applies to: the product that follows (up to ``+``, ``-`` or ``=``)."""
        if self.peek() is None:
            raise self.fail("a derivative of nothing", tok)
        value = self.factor()
        while self.peek() is not None and self.peek().text not in ("+", "-", "}", ")", "&"):  # type: ignore[union-attr]
            value = product(value, self.factor(), tok)
        return value

    def layout_derivative(self, function: Value, variable: sp.MatrixExpr, tok: Token) -> Value:
        if isinstance(variable, sp.Indexed):
            function = _scalar(function)
            if is_matrix(function):
                raise self.fail("a derivative of a vector by a component is not read", tok)
            self.derivatives += 1
            return sp.Derivative(function, variable)
        if is_matrix(function):
            if function.shape == (1, 1):
                function = function[0, 0]
            elif function.shape[1] != 1:
                raise self.fail("a derivative of a row or of a matrix is not read", tok)
        if is_matrix(function) and function.shape[0] != 1 and variable.shape[1] != 1:
            raise self.fail("a vector by a matrix is a tensor", tok)
        self.derivatives += 1
        self.vectorial = True
        return LayoutDerivative(function, variable, self.layout)


def _a_name_token(tok: Token, before: Token) -> bool:
    """Whether ``tok`` can be part of a list of names: a letter, a bold or accent command,
    braces, a subscript and its digits, a comma."""
    if tok.kind == "cmd":
        return tok.text in BOLD or tok.text in ACCENTS
    if tok.kind == "char":
        return tok.text in ("{", "}", "_", ",")
    if tok.kind == "number":
        return before.text == "_"
    return True


def _literal_variable(value: Value) -> Value:
    """A literal column ``x_1 \\\\ … \\\\ x_k`` of the components of one vector, in order, as
    the vector x of length k (the variable of a derivative); any other value as it is."""
    if not isinstance(value, sp.MatrixBase) or value.shape[1] != 1:
        return value
    entries = list(value)
    bases = {e.base for e in entries if isinstance(e, sp.Indexed)}
    if len(bases) != 1 or len(entries) < 2:
        return value
    (base,) = bases
    if entries != [base[k] for k in range(1, len(entries) + 1)]:
        return value
    return column(str(base.label), sp.Integer(len(entries)))


# -- the operations, with their shapes ----------------------------------------------------------
def _scalar(v: Value) -> Value:
    """A 1×1 matrix is its entry."""
    if is_matrix(v) and v.shape == (1, 1):
        return v[0, 0]
    return v


def _shape_text(v: Value) -> str:
    rows, cols = v.shape
    return f"{sp.sstr(rows)}×{sp.sstr(cols)}"


def _unify(x: sp.Expr, y: sp.Expr, reason: str, tok: Token) -> Unreadable:
    """The error for two lengths that differ: :class:`Unify` when one is the inferred ``n`` and
    the other a stated size, a symbol or a number above 1 (``\\mathbb{R}^2``; a 1 is the other
    dimension of a row or a column, not a length): the claim is read again with that size."""
    for mine, theirs in ((sp.sympify(x), sp.sympify(y)), (sp.sympify(y), sp.sympify(x))):
        length = isinstance(theirs, sp.Symbol) or (theirs.is_Integer and theirs > 1)
        if mine == INFERRED and length:
            return Unify(theirs, reason, tok.offset)
    return Unreadable(reason, tok.offset)


def _slope(fn: Callable[[sp.Expr], sp.Expr]) -> Callable[[sp.Expr], sp.Expr]:
    """The derivative of a scalar function, as a function: σ ↦ σ' = σ(1 − σ)."""
    xi = sp.Symbol("xi", real=True)
    slope = sp.diff(fn(xi), xi)
    return lambda x: slope.xreplace({xi: x})


def add(a: Value, b: Value, tok: Token) -> Value:
    a, b = _scalar(a), _scalar(b)
    if is_matrix(a) != is_matrix(b):
        raise Unreadable("a scalar plus a vector or a matrix", tok.offset)
    if is_matrix(a) and a.shape != b.shape:
        reason = f"a sum of a {_shape_text(a)} and a {_shape_text(b)}"
        for x, y in zip(a.shape, b.shape, strict=True):
            if x != y:
                raise _unify(x, y, reason, tok)
    return a + b


def product(a: Value, b: Value, tok: Token, *, stated: bool = False) -> Value:
    """The matrix product ``a b`` (``stated``: whether a stated shape takes part in it)."""
    if is_matrix(a) and isinstance(b, sp.Symbol):
        raise Unreadable(
            f"a matrix or vector times the plain letter {b} (a vector without bold?)", tok.offset
        )
    if is_matrix(a) and is_matrix(b):
        if a.shape[1] != b.shape[0]:
            reason = f"a product of a {_shape_text(a)} and a {_shape_text(b)} (not defined)"
            error = _unify(a.shape[1], b.shape[0], reason, tok)
            if isinstance(error, Unify):
                raise error
            # certain only where a number meets a size (1 against n: a column times a
            # column); two sizes n and d may be equal
            certain = sp.sympify(a.shape[1]).is_number or sp.sympify(b.shape[0]).is_number
            raise ShapeConflict(reason, tok.offset, a, b, stated=stated and certain)
        return _scalar(a * b)
    return _scalar(a * b)


def dot(a: Value, b: Value, tok: Token, notes: list[str], *, stated: bool = False) -> Value:
    """``a \\cdot b``: a matrix product; two columns of one length: their dot product."""
    if (
        is_matrix(a)
        and is_matrix(b)
        and a.shape[1] == 1
        and b.shape[1] == 1
        and a.shape[0] == b.shape[0]
        and a.shape[0] != 1
    ):
        notes.append("a·b of two columns read as the dot product aᵀb")
        return _scalar(a.T * b)
    return product(a, b, tok, stated=stated)


def hadamard(a: Value, b: Value, tok: Token) -> Value:
    if not (is_matrix(a) and is_matrix(b)) or a.shape != b.shape:
        raise Unreadable("⊙ of two things of different shapes", tok.offset)
    return sp.FunctionMatrix(a.shape[0], a.shape[1], sp.Lambda((_r, _c), a[_r, _c] * b[_r, _c]))


def divide(a: Value, b: Value, tok: Token, notes: list[str]) -> Value:
    a, b = _scalar(a), _scalar(b)
    if not is_matrix(b):
        return a * sp.Pow(b, -1) if is_matrix(a) else a / b
    if is_matrix(a) and a.shape == b.shape and a.shape[1] == 1:
        notes.append("the quotient of two vectors read element-wise")
        return sp.FunctionMatrix(a.shape[0], 1, sp.Lambda((_r, _c), a[_r, 0] / b[_r, 0]))
    if is_matrix(a) and a.shape != b.shape:
        reason = f"a quotient of a {_shape_text(a)} by a {_shape_text(b)} (not defined)"
        raise ShapeConflict(reason, tok.offset, a, b, stated=False)
    raise Unreadable("a division by a vector or a matrix", tok.offset)


def vectorish(tokens: list[Token]) -> bool:
    """Whether the tokens use vector notation (bold, arrows, transposes, ∇, norms)."""
    for k, tok in enumerate(tokens):
        if tok.kind == "cmd" and tok.text in (*BOLD, "top", "lVert", "nabla", "intercal"):
            return True
        if tok.kind == "cmd" and tok.text == "begin":
            try:
                if environment_name(tokens, k)[0] in LITERALS:
                    return True
            except Unreadable:
                return False
        if tok.text == "^" and k + 1 < len(tokens):
            nxt = tokens[k + 1]
            if nxt.text == "T" or (
                nxt.text == "{" and k + 2 < len(tokens) and tokens[k + 2].text in ("T", "top")
            ):
                return True
            if nxt.text == "mathrm" and k + 3 < len(tokens) and tokens[k + 3].text == "T":
                return True
    return False


def read_vector_side(
    tokens: list[Token],
    scope: VectorScope,
    layout: str,
    limits: Limits = DEFAULT,
    guess: sp.Symbol = INFERRED,
) -> VectorParser:
    """Parse one side; the parser holds the value (``value``), its notes and whether it
    differentiates. Where an inferred length meets a stated one, :class:`Unify` is raised
    when ``guess`` is still the inferred ``n``; the caller reads the claim again with it."""
    parser = VectorParser(tokens, scope, layout, limits, guess)
    parser.value = parser.parse()
    return parser


__all__ = (
    "INFERRED",
    "ShapeConflict",
    "Unify",
    "VectorParser",
    "VectorScope",
    "certain",
    "column",
    "read_vector_side",
    "vectorish",
)
