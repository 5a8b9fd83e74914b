r"""Declared shapes: sizes, indices, vectors and matrices in typed expressions.

A formula file (``[formula.shapes]``) or a caller of
:func:`derivations.read.expression.parse` declares names:

* ``n = "size"``: a dimension, a positive integer symbol (a size named in a
  vector or matrix declaration is declared by that);
* ``i = "index n"``: a free index ranging over :math:`1..n`;
* ``x = "vector n"``: a column vector :math:`\mathbf{x} \in \mathbb{R}^n`;
  ``x[i]`` is its component :math:`x_i` (1-based);
* ``A = "matrix m n"``: a matrix :math:`A \in \mathbb{R}^{m \times n}`;
  ``A[i, j]`` is its entry :math:`A_{ij}`;
* ``f = "function"``: an arbitrary differentiable function of one variable,
  applied entry by entry to a vector.

Vectors and matrices are SymPy matrix symbols; a component ``x[i]`` is the
matrix element :math:`x_{i-1,0}` (SymPy counts from 0), and a sum
``sum(term, k, lo, hi)`` is stored with its variable counted from 0, which is
how SymPy writes the entries of matrix products itself
(:math:`(\mathbf{w}^\mathrm{T}\mathbf{x})_{00} = \sum_{k=0}^{n-1} w_{k0} x_{k0}`),
so that equal sums compare equal. The printers
(:mod:`derivations.symbolic.printing`) count from 1 again.

Everything here builds SymPy objects from values already checked by the parser;
a combination that makes no sense (a scalar plus a matrix, a product whose
shapes do not chain where SymPy checks them) is :class:`~derivations.read.safe.Refused`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions.diagonal import DiagMatrix
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations.read.safe import Refused, Value
from derivations.symbolic.indexed import index, size
from derivations.symbolic.matrix_calculus import LAYOUTS, LayoutDerivative

#: Largest number of names a table of shapes declares.
MAX_DECLARATIONS = 64
#: Largest integer written in a size or an index position (``x[3]``, ``sum(.., k, 1, 5)``).
MAX_POSITION = 1000

KINDS = ("size", "index", "vector", "matrix", "function")

#: Functions of a vector or matrix, by the name the user writes.
MATRIX_FUNCTIONS = frozenset({"transpose", "trace", "det", "inv", "diag", "softmax"})
#: Functions of indices and sizes.
INDEX_FUNCTIONS = frozenset({"sum", "delta"})


@dataclass(frozen=True)
class Shapes:
    """The declared names: each a size, an index, a vector, a matrix or a function."""

    names: Mapping[str, sp.Basic]

    def get(self, name: str) -> sp.Basic | None:
        return self.names.get(name)


NONE = Shapes({})


def _dimension(word: str, sizes: dict[str, sp.Symbol]) -> sp.Expr:
    if word.isdigit():
        value = int(word)
        if not 1 <= value <= MAX_POSITION:
            raise Refused(f"a dimension must be 1 to {MAX_POSITION}, not {word}")
        return sp.Integer(value)
    if not (word.isascii() and word.isidentifier() and not word.startswith("_")):
        raise Refused(f"{word!r} is not a size name")
    return sizes.setdefault(word, size(word))


def declare(table: Mapping[str, str]) -> Shapes:
    """The shapes a table declares (``{"x": "vector n", "A": "matrix n n", "i": "index n"}``).

    >>> shapes = declare({"x": "vector n", "i": "index n"})
    >>> shapes.get("x").shape, shapes.get("i").upper
    ((n, 1), n)
    """
    if len(table) > MAX_DECLARATIONS:
        raise Refused(f"more than {MAX_DECLARATIONS} declared names")
    sizes: dict[str, sp.Symbol] = {}
    parsed: dict[str, tuple[str, list[str]]] = {}
    for name, text in table.items():
        if not (name.isascii() and name.isidentifier() and not name.startswith("_")):
            raise Refused(f"{name!r} is not a name")
        if not isinstance(text, str):
            raise Refused(f'{name}: a declaration is text, e.g. "vector n"')
        words = text.split()
        if not words or words[0] not in KINDS:
            raise Refused(f"{name}: {text!r} must start with one of {', '.join(KINDS)}")
        arity = {"size": 0, "index": 1, "vector": 1, "matrix": 2, "function": 0}[words[0]]
        if len(words) != 1 + arity:
            example = {"size": "size", "index": "index n", "vector": "vector n"}.get(
                words[0], "matrix m n" if words[0] == "matrix" else "function"
            )
            raise Refused(f'{name}: {text!r} is not a declaration like "{example}"')
        parsed[name] = (words[0], words[1:])
        if words[0] == "size":
            sizes[name] = size(name)
    names: dict[str, sp.Basic] = {}
    for name, (kind, dims) in parsed.items():
        if kind == "size":
            continue
        shape = [_dimension(d, sizes) for d in dims]
        if kind == "index":
            names[name] = index(name, shape[0])
        elif kind == "vector":
            names[name] = sp.MatrixSymbol(name, shape[0], 1)
        elif kind == "matrix":
            names[name] = sp.MatrixSymbol(name, shape[0], shape[1])
        else:
            names[name] = sp.Function(name)
    clash = sorted(set(sizes) & set(names))
    if clash:
        raise Refused(f"{clash[0]} is declared twice (as a size and as something else)")
    return Shapes({**sizes, **names})


# --------------------------------------------------------------------------- values


def is_matrix(e: sp.Basic) -> bool:
    return isinstance(e, sp.MatrixExpr)


def _shape_text(e: sp.MatrixExpr) -> str:
    return "×".join(sp.sstr(d) for d in e.shape)


def scalar(value: Value, what: str) -> sp.Expr:
    """The scalar a value denotes; a 1×1 matrix (``transpose(w)*x``) is its entry."""
    e = value.expr
    if is_matrix(e):
        if e.shape == (1, 1):
            return e[0, 0]
        raise Refused(f"{what} needs a scalar, not a {_shape_text(e)} matrix")
    return e


def position(value: Value, what: str) -> sp.Expr:
    """An index position: an integer expression of indices, sum variables and sizes."""
    e = value.expr
    if is_matrix(e) or not e.is_integer:
        raise Refused(f"{what} must be an index, a size or an integer")
    if any(abs(n) > MAX_POSITION for n in e.atoms(sp.Integer)):
        raise Refused(f"{what}: integers in index positions are at most {MAX_POSITION}")
    return e


def component(base: sp.Basic, positions: Sequence[Value]) -> Value:
    """``x[i]`` (the i-th component, 1-based) or ``A[i, j]``."""
    if not isinstance(base, sp.MatrixSymbol):
        raise Refused("only a declared vector or matrix has components")
    cols = base.shape[1]
    if cols == 1:
        if len(positions) != 1:
            raise Refused(f"{base.name} is a vector: write {base.name}[i]")
        return Value(base[position(positions[0], "a position") - 1, 0])
    if len(positions) != 2:
        raise Refused(f"{base.name} is a {_shape_text(base)} matrix: write {base.name}[i, j]")
    r, c = (position(p, "a position") for p in positions)
    return Value(base[r - 1, c - 1])


def binary(op: str, a: Value, b: Value) -> Value:
    """``a op b`` where one side is a matrix expression (``+ - * /``)."""
    left, right = a.expr, b.expr
    try:
        if op == "*":
            return Value(left * right)
        if op in "+-":
            if is_matrix(left) != is_matrix(right):
                one = left if is_matrix(left) else right
                if one.shape != (1, 1):
                    raise Refused(f"cannot add a scalar and a {_shape_text(one)} matrix")
                left, right = (left[0, 0], right) if is_matrix(left) else (left, right[0, 0])
            return Value(left + right if op == "+" else left - right)
        if op == "/":
            if is_matrix(right):
                if right.shape != (1, 1):
                    raise Refused("cannot divide by a matrix: multiply by inv(...)")
                right = right[0, 0]
            return Value(left / right)
    except sp.ShapeError as exc:
        raise Refused(f"shapes do not match: {' '.join(str(exc).split())}") from None
    except (TypeError, ValueError) as exc:
        raise Refused(f"cannot combine these with {op}: {' '.join(str(exc).split())}") from None
    raise Refused(f"operator {op} is not defined for matrices (inv(A) is the inverse)")


def elementwise(fn: sp.FunctionClass | type, v: sp.MatrixExpr) -> Value:
    """``fn`` applied to every entry of ``v``."""
    r, c = sp.symbols("r c", integer=True)
    return Value(sp.FunctionMatrix(v.shape[0], v.shape[1], sp.Lambda((r, c), fn(v[r, c]))))


def _softmax(v: sp.MatrixExpr) -> Value:
    if v.shape[1] != 1:
        raise Refused("softmax takes a vector")
    r, c, k = sp.symbols("r c k", integer=True)
    total = sp.Sum(sp.exp(v[k, 0]), (k, 0, v.shape[0] - 1))
    return Value(sp.FunctionMatrix(v.shape[0], 1, sp.Lambda((r, c), sp.exp(v[r, 0]) / total)))


def matrix_call(name: str, args: Sequence[Value]) -> Value:
    """transpose, trace, det, inv, diag, softmax of one vector or matrix."""
    if len(args) != 1 or not is_matrix(args[0].expr):
        raise Refused(f"{name} takes one vector or matrix")
    m = args[0].expr
    square = m.shape[0] == m.shape[1]
    if name == "transpose":
        return Value(m.T)
    if name == "diag":
        if m.shape[1] != 1:
            raise Refused("diag takes a vector (the diagonal)")
        return Value(DiagMatrix(m))
    if name == "softmax":
        return _softmax(m)
    if not square:
        raise Refused(f"{name} needs a square matrix, not {_shape_text(m)}")
    if name == "trace":
        return Value(sp.Trace(m))
    if name == "det":
        return Value(sp.Determinant(m))
    return Value(sp.Inverse(m))


def total(term: Value, variable: sp.Symbol, low: Value, high: Value) -> Value:
    r""":math:`\sum_{k=lo}^{hi} term`, stored with ``k`` from 0 (see the module docstring)."""
    lo, hi = position(low, "sum: the lower limit"), position(high, "sum: the upper limit")
    body = scalar(term, "sum")
    shifted = body.xreplace({variable: variable + lo}) if lo != 0 else body
    return Value(sp.Sum(shifted, (variable, 0, hi - lo)))


def delta(args: Sequence[Value]) -> Value:
    if len(args) != 2:
        raise Refused("delta takes two indices: delta(i, j)")
    a, b = (position(v, "delta") for v in args)
    return Value(sp.KroneckerDelta(a, b))


def derivative(body: Value, variable: Value, layout: str | None) -> Value:
    """``diff(F, x)``: by a scalar or a component, an ordinary derivative; by a whole vector or
    matrix, the derivative in the named layout."""
    f, x = body.expr, variable.expr
    if is_matrix(x):
        if not isinstance(x, sp.MatrixSymbol):
            raise Refused("diff: the variable must be a declared vector or matrix")
        if layout is None:
            raise Refused(
                f"diff by the vector or matrix {x.name} needs a layout: "
                f"diff(F, {x.name}, numerator) or diff(F, {x.name}, denominator)"
            )
        try:
            return Value(LayoutDerivative(f, x, layout))
        except (ValueError, TypeError) as exc:
            raise Refused(f"diff: {exc}") from None
    if layout is not None:
        raise Refused("diff: a layout is only for a derivative by a vector or matrix")
    if is_matrix(f):
        raise Refused("diff of a vector or matrix by a scalar is not supported")
    element = isinstance(x, MatrixElement) and isinstance(x.parent, sp.MatrixSymbol)
    if not (isinstance(x, sp.Symbol) or element):
        raise Refused("diff: the variable must be a symbol or a component such as z[j]")
    return Value(sp.Derivative(f, x))


def check_layout(word: str) -> str:
    if word not in LAYOUTS:
        raise Refused(f"the layout must be numerator or denominator, not {word!r}")
    return word
