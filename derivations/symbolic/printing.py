r"""Printing expressions as LaTeX and as terminal text.

SymPy's printers, customised where their defaults mislead a reader of
neural-network notes: the Heaviside step prints as θ(x), the sigmoid as σ,
``Max`` as max, powers with ``^``.

Before printing, :func:`display` rewrites an expression into the notation of the
notes, exactly (every rewrite is an identity): a column written entry by entry
becomes its vector expression (:math:`[\hat y_r - y_r]_r` is
:math:`\hat{\mathbf{y}} - \mathbf{y}`, :math:`[f'(b_r + \sum_k W_{rk} y_k)]_r` is
:math:`f'(W\mathbf{y} + \mathbf{b})`, a sum :math:`\sum_k g_k a_k` of two such columns
:math:`\mathbf{g}^T \mathbf{a}`), entries and sums count from 1, and every bound index
gets a readable name of its own (k, l, m, ...), never one of an enclosing sum nor a
variable SymPy invented (``_s1``, ``_i_1``). Column vectors print bold in LaTeX.

Entries named by their index print in the index's order, ``y2`` before ``y10`` (SymPy orders
the terms of a sum and the factors of a product by the names' string order, ``y10`` first):
the printers order the expression with every number in a name zero-padded
(:func:`natural_names`) and print each name as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

_HAT = re.compile(r"^(?P<base>[A-Za-z]+)_hat(?P<index>\d*)$")

#: Names given to bound indices, in this order, skipping names already in use.
INDEX_NAMES = ("k", "l", "m", "p", "q", "s", "t", "u", "v", "a", "b", "c", "d", "e", "h")


class Elementwise(sp.MatrixExpr):
    """Display only: a function applied to every entry of a vector, ``f(W y + b)``.

    ``template`` is the function applied to :data:`_SLOT`; the vector goes in its place.
    """

    def __new__(cls, template: sp.Expr, arg: sp.MatrixExpr) -> Elementwise:
        return super().__new__(cls, template, arg)

    @property
    def template(self) -> sp.Expr:
        return self.args[0]

    @property
    def arg(self) -> sp.MatrixExpr:
        return self.args[1]

    @property
    def shape(self) -> tuple[sp.Expr, sp.Expr]:
        return self.arg.shape

    def _entry(self, i: Any, j: Any, **kwargs: Any) -> sp.Expr:
        return self.template.xreplace({_SLOT: self.arg[i, j]})

    def _name(self) -> str:
        return "exp" if self.template.func == sp.exp else ""

    def _latex(self, printer: Any, **kwargs: Any) -> str:
        inner = printer._print(self.arg)
        if self.template.func == sp.exp:
            return rf"\exp\left({inner}\right)"
        return printer._print(self.template).replace(_SLOT_TEXT, inner)

    def _sympystr(self, printer: Any) -> str:
        inner = printer._print(self.arg)
        return printer._print(self.template).replace(_SLOT_TEXT, inner)


_SLOT_TEXT = "slotxq"
_SLOT = sp.Symbol(_SLOT_TEXT)


def _depends(e: sp.Basic, r: sp.Symbol) -> bool:
    return r in e.free_symbols


def _column(e: sp.Expr, r: sp.Symbol, rows: sp.Expr) -> sp.MatrixExpr | None:
    """A vector expression ``V`` with ``V[r] == e`` (``r`` counted from 0), or ``None``."""
    if isinstance(e, MatrixElement):
        parent = e.parent
        if parent.shape == (rows, 1) and e.i == r and e.j == 0:
            return parent
        return None
    if isinstance(e, sp.Indexed) and len(e.indices) == 1 and e.indices[0] == r + 1:
        return sp.MatrixSymbol(str(e.base.label), rows, 1)
    if isinstance(e, sp.Add):
        terms = [_column(t, r, rows) for t in e.args]
        if any(t is None for t in terms):
            return None
        return sp.MatAdd(*terms)
    if isinstance(e, sp.Mul):
        dependent = [f for f in e.args if _depends(f, r)]
        scalar = sp.Mul(*[f for f in e.args if not _depends(f, r)])
        columns = [_column(f, r, rows) for f in dependent]
        if not columns or any(c is None for c in columns):
            return None
        vector = columns[0] if len(columns) == 1 else sp.HadamardProduct(*columns)
        softmax = _softmax(vector, scalar)
        if softmax is not None:
            return softmax
        return vector if scalar == 1 else sp.MatMul(scalar, vector)
    if isinstance(e, sp.Sum) and len(e.limits) == 1:
        return _product(e, r, rows)
    if isinstance(e, (AppliedUndef, sp.Function)) and len(e.args) == 1:
        if isinstance(e, (sp.KroneckerDelta, sp.Piecewise)):
            return None
        inner = _column(e.args[0], r, rows)
        if inner is None:
            return None
        return Elementwise(e.func(_SLOT), inner)
    return None


def _softmax(vector: sp.MatrixExpr, scalar: sp.Expr) -> sp.MatrixExpr | None:
    r""":math:`e^{z_r} / \sum_k e^{z_k}` as softmax(z)."""
    if not (isinstance(vector, Elementwise) and vector.template.func == sp.exp):
        return None
    if not (isinstance(scalar, sp.Pow) and scalar.exp == -1 and isinstance(scalar.base, sp.Sum)):
        return None
    total = scalar.base
    (k, lo, hi), *rest = total.limits
    if rest:
        return None
    rows = sp.expand(hi - lo + 1)
    term = total.function.xreplace({k: k + lo}) if lo != 0 else total.function
    if _column(term, k, rows) != vector:
        return None
    return Elementwise(sp.Function("softmax")(_SLOT), vector.arg)


def _product(e: sp.Sum, r: sp.Symbol, rows: sp.Expr) -> sp.MatrixExpr | None:
    r""":math:`\sum_k M_{rk} v_k` as ``M v`` (and :math:`\sum_k M_{kr} v_k` as ``Mᵀ v``)."""
    ((k, lo, hi),) = e.limits
    if lo != 0:
        return None
    for position, factor in enumerate(sp.Mul.make_args(e.function)):
        if not (isinstance(factor, MatrixElement) and isinstance(factor.parent, sp.MatrixSymbol)):
            continue
        if (factor.i, factor.j) == (r, k):
            matrix: sp.MatrixExpr = factor.parent
        elif (factor.i, factor.j) == (k, r):
            matrix = factor.parent.T
        else:
            continue
        if matrix.shape[0] != rows:
            continue
        rest = sp.Mul(*[f for p, f in enumerate(sp.Mul.make_args(e.function)) if p != position])
        if _depends(rest, r):
            continue
        column = _column(rest, k, hi + 1)
        if column is not None:
            return sp.MatMul(matrix, column)
    return None


def _dot(e: sp.Sum) -> sp.Expr | None:
    r""":math:`\sum_k a_k b_k` of two vector expressions (entries of matrix symbols) as
    :math:`\mathbf{a}^T \mathbf{b}`."""
    if len(e.limits) != 1 or not e.function.has(MatrixElement):
        return None
    ((k, lo, hi),) = e.limits
    if lo != 0:
        return None
    factors = sp.Mul.make_args(e.function)
    scalar = sp.Mul(*[f for f in factors if not _depends(f, k)])
    found = [_column(f, k, hi + 1) for f in factors if _depends(f, k)]
    columns = [c for c in found if c is not None]
    if len(found) != 2 or len(columns) != 2:
        return None
    left, right = sorted(columns, key=lambda c: not isinstance(c, sp.MatrixSymbol))
    return scalar * sp.MatMul(left.T, right)


def _vectors(e: Any) -> Any:
    """Columns written entry by entry, and dot products of such columns, as vector forms."""
    if not isinstance(e, sp.Basic) or e.is_Atom or not e.args:
        return e
    if isinstance(e, sp.FunctionMatrix) and e.shape[1] == 1:
        r, c = e.lamda.variables
        if not _depends(e.lamda.expr, c):
            vector = _column(e.lamda.expr, r, e.shape[0])
            if vector is not None:
                return _vectors_inside(vector)
    if isinstance(e, sp.Sum):
        dot = _dot(e)
        if dot is not None:
            return _vectors_inside(dot)
    if isinstance(e, sp.MatAdd):
        factored = _common_transpose(e)
        if factored is not None:
            return factored
    return e.func(*[_vectors(a) for a in e.args])


def _vectors_inside(v: sp.Basic) -> sp.Basic:
    """Vector forms in the scalars a vector form kept (a factor 1/Σ, a bias)."""
    if isinstance(v, (sp.MatrixSymbol, sp.Transpose)) or v.is_Atom:
        return v
    if isinstance(v, (sp.MatMul, sp.MatAdd, sp.HadamardProduct, Elementwise)):
        return v.func(*[_vectors_inside(a) for a in v.args])
    return _vectors(v)


def _common_transpose(e: sp.MatAdd) -> sp.Basic | None:
    r""":math:`\hat{\mathbf{y}}^T - \mathbf{y}^T` as :math:`(\hat{\mathbf{y}} - \mathbf{y})^T`."""
    inner = []
    for term in e.args:
        coeff, rest = term.as_coeff_mmul() if isinstance(term, sp.MatMul) else (sp.Integer(1), term)
        matrices = rest.args if isinstance(rest, sp.MatMul) else (rest,)
        if len(matrices) != 1 or not isinstance(matrices[0], sp.Transpose):
            return None
        inner.append(coeff * _vectors(matrices[0].arg))
    return sp.Transpose(sp.MatAdd(*inner))


def _bound_names(e: sp.Basic) -> set[str]:
    return {str(s) for s in e.atoms(sp.Symbol)} | {m.name for m in e.atoms(sp.MatrixSymbol)}


def _fresh(taken: set[str]) -> str:
    for name in INDEX_NAMES:
        if name not in taken:
            return name
    number = 1
    while f"k{number}" in taken:
        number += 1
    return f"k{number}"


def _invented(s: sp.Symbol) -> bool:
    return isinstance(s, sp.Dummy) or s.name.startswith("_")


def _one_based(e: Any, taken: set[str], enclosing: frozenset[str]) -> Any:
    """Sums and columns counted from 1, bound indices named readably and distinctly."""
    if not isinstance(e, sp.Basic) or e.is_Atom or not e.args:
        return e
    if isinstance(e, sp.Sum):
        term = e.function
        limits = []
        names = set(enclosing)
        for var, lo, hi in e.limits:  # the first limit is the innermost sum
            name = var.name
            if _invented(var) or name in names or name in taken:
                name = _fresh(taken | names)
            fresh = sp.Symbol(name, integer=True)
            if lo == 0 and term.has(MatrixElement):
                term, lo, hi = term.xreplace({var: fresh - 1}), sp.Integer(1), hi + 1
            else:
                term = term.xreplace({var: fresh})
            names.add(name)
            limits.append((fresh, lo, sp.expand(hi)))
        body = _one_based(term, taken, frozenset(names))
        return sp.Sum(body, *limits)
    return e.func(*[_one_based(a, taken, enclosing) for a in e.args])


def display(expr: Any) -> Any:
    """``expr`` rewritten, exactly, in the notation of the notes (see the module docstring)."""
    if not isinstance(expr, sp.Basic) or not expr.has(
        sp.Sum, sp.FunctionMatrix, MatrixElement, sp.MatrixSymbol, sp.Idx
    ):
        return expr
    try:
        shown = _vectors(expr)
        free = {str(s) for s in _free_names(shown)}
        return _one_based(_rebase_indices(shown), free, frozenset())
    except (TypeError, ValueError, AttributeError, IndexError, sp.ShapeError):
        return expr  # a form the rewrites do not know is printed as it is


def _free_names(e: sp.Basic) -> Iterable[sp.Basic]:
    yield from e.free_symbols
    yield from e.atoms(sp.MatrixSymbol)
    yield from (sp.Symbol(type(f).__name__) for f in e.atoms(AppliedUndef))


def _rebase_indices(e: sp.Basic) -> sp.Basic:
    """A free index counted from 0 (an entry ``(j, 0)`` of a matrix expression) as an index
    counted from 1, so that entries print as ``y_j`` like the sums around them."""
    table = {
        i: sp.Idx(i.label, (1, i.upper + 1)) - 1
        for i in e.atoms(sp.Idx)
        if i.lower == 0 and i.upper is not None
    }
    return e.xreplace(table) if table else e


_DIGITS = re.compile(r"\d+")
#: The width numbers in names are padded to for ordering (indices up to 10⁸ − 1).
_PAD = 8


def natural_key(name: str) -> str:
    """A name with every number in it zero-padded, so that string order is index order.

    >>> sorted(["y10", "y2", "y1"], key=natural_key)
    ['y1', 'y2', 'y10']
    """
    return _DIGITS.sub(lambda m: m.group().zfill(_PAD), name)


def natural_names(expr: Any) -> tuple[Any, dict[sp.Symbol, sp.Symbol]]:
    """``expr`` with each symbol whose name holds a number renamed to its :func:`natural_key`
    (same assumptions), and the renaming back; ``expr`` unchanged when no name holds a number
    or two names would meet (``y01`` and ``y1``)."""
    if not isinstance(expr, (sp.Basic, sp.MatrixBase)):
        return expr, {}
    numbered = {
        s
        for s in expr.free_symbols
        if isinstance(s, sp.Symbol) and not isinstance(s, sp.Dummy) and _DIGITS.search(s.name)
    }
    if not numbered:
        return expr, {}
    taken = {str(s) for s in expr.free_symbols}
    padded = {s: sp.Symbol(natural_key(s.name), **s.assumptions0) for s in numbered}
    new = {t.name for t in padded.values()}
    if len(new) != len(padded) or new & (taken - {s.name for s in numbered}):
        return expr, {}
    return expr.xreplace(padded), {t: s for s, t in padded.items()}


class _NaturalNames:
    """A printer mix-in: symbols renamed by :func:`natural_names` print as their own names."""

    _settings: dict[str, Any]

    def _original(self, expr: sp.Symbol) -> sp.Symbol:
        back: dict[sp.Symbol, sp.Symbol] = self._settings.get("natural_names") or {}
        return back.get(expr, expr)


class NotesLatexPrinter(_NaturalNames, LatexPrinter):
    """LaTeX that KaTeX and MathJax both accept, in the notation of the notes."""

    _default_settings: ClassVar[dict[str, Any]] = {
        **LatexPrinter._default_settings,
        "natural_names": None,
    }

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        """``y_hat`` as :math:`\\hat{y}`, ``y_hat2`` as :math:`\\hat{y}_{2}`."""
        expr = self._original(expr)
        match = _HAT.match(expr.name)
        if match is None:
            return super()._print_Symbol(expr, style)
        base = self._print(sp.Symbol(match["base"]))
        index = match["index"]
        return rf"\hat{{{base}}}_{{{index}}}" if index else rf"\hat{{{base}}}"

    def _print_Heaviside(self, expr: sp.Heaviside, exp: str | None = None) -> str:
        tex = rf"\theta\left({self._print(expr.args[0])}\right)"
        return f"{tex}^{{{exp}}}" if exp else tex

    def _print_Idx(self, expr: sp.Idx) -> str:
        """A free index as its name (SymPy appends its range ``1..n``)."""
        return self._print(expr.label)

    def _print_MatrixSymbol(self, expr: sp.MatrixSymbol, style: str = "plain") -> str:
        r"""A column vector in bold (:math:`\mathbf{x}`, :math:`\hat{\mathbf{y}}`), a matrix
        as its name."""
        name = self._print(sp.Symbol(expr.name))
        if expr.shape[1] != 1 or expr.shape[0] == 1:
            return name
        return _bold(name)

    def _print_MatrixElement(self, expr: Any) -> str:
        """An entry counted from 1: :math:`W_{r,k}`, a vector's component :math:`y_k`."""
        parent = expr.parent
        if not isinstance(parent, sp.MatrixSymbol):
            return super()._print_MatrixElement(expr)
        name = self._print(sp.Symbol(parent.name))
        row = self._print(sp.expand(expr.i + 1))
        if parent.shape[1] == 1:
            return f"{{{name}}}_{{{row}}}"
        return f"{{{name}}}_{{{row},{self._print(sp.expand(expr.j + 1))}}}"

    def _print_MatAdd(self, expr: Any) -> str:
        r"""Terms with a minus sign after the others: :math:`\hat{\mathbf{y}} - \mathbf{y}`."""
        terms = sorted(expr.args, key=lambda t: _negative(t))
        out = ""
        for t in terms:
            if _negative(t):
                out += " - " + self._print(-t) if out else "- " + self._print(-t)
            else:
                out += (" + " if out else "") + self._print(t)
        return out

    def _print_HadamardProduct(self, expr: Any) -> str:
        return r" \odot ".join(self.parenthesize(a, 60) for a in expr.args)

    def _print_DiagMatrix(self, expr: Any) -> str:
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_FunctionMatrix(self, expr: Any) -> str:
        """The matrix of entries :math:`[a_{rc}]_{r,c}` (a column: :math:`[a_r]_r`)."""
        r, c = expr.lamda.variables
        entry = self._print(expr.lamda.expr.xreplace({r: r - 1, c: c - 1}))
        where = self._print(r) if expr.shape[1] == 1 else f"{self._print(r)},{self._print(c)}"
        return rf"\left[{entry}\right]_{{{where}}}"

    def _print_Max(self, expr: sp.Max, exp: str | None = None) -> str:
        args = ", ".join(self._print(a) for a in expr.args)
        tex = rf"\max\left({args}\right)"
        return f"{tex}^{{{exp}}}" if exp else tex

    def _print_Min(self, expr: sp.Min, exp: str | None = None) -> str:
        args = ", ".join(self._print(a) for a in expr.args)
        tex = rf"\min\left({args}\right)"
        return f"{tex}^{{{exp}}}" if exp else tex


class NotesTextPrinter(_NaturalNames, StrPrinter):
    """One-line text for the terminal: σ(x)*(1 - σ(x)), θ(x), x^2."""

    _default_settings: ClassVar[dict[str, Any]] = {
        **StrPrinter._default_settings,
        "natural_names": None,
    }

    def _print_Symbol(self, expr: sp.Symbol) -> str:
        return str(super()._print_Symbol(self._original(expr)))

    def _print_sigmoid(self, expr: Any) -> str:
        return f"σ({self._print(expr.args[0])})"

    def _print_Heaviside(self, expr: Any) -> str:
        return f"θ({self._print(expr.args[0])})"

    def _print_Max(self, expr: Any) -> str:
        return f"max({', '.join(self._print(a) for a in expr.args)})"

    def _print_Min(self, expr: Any) -> str:
        return f"min({', '.join(self._print(a) for a in expr.args)})"

    def _print_Derivative(self, expr: Any) -> str:
        variables = "".join(self._print(v) for v, _ in expr.variable_count)
        op = "d/d" if len(expr.expr.free_symbols) <= 1 else "∂/∂"
        return f"{op}{variables} [{self._print(expr.expr)}]"

    def _print_DiagMatrix(self, expr: Any) -> str:
        return f"diag({self._print(expr.args[0])})"

    def _print_Transpose(self, expr: Any) -> str:
        inner = expr.args[0]
        shown = self._print(inner)
        plain = inner.is_Symbol or isinstance(inner, sp.MatrixSymbol)
        return f"{shown}ᵀ" if plain else f"({shown})ᵀ"

    def _print_FunctionMatrix(self, expr: Any) -> str:
        r, c = expr.lamda.variables
        where = self._print(r) if expr.shape[1] == 1 else f"{self._print(r)},{self._print(c)}"
        entry = expr.lamda.expr.xreplace({r: r - 1, c: c - 1})
        return f"[{self._print(entry)}]_({where})"

    def _print_MatrixElement(self, expr: Any) -> str:
        """An entry counted from 1: ``W[r, k]``, a vector's component ``y[k]``."""
        parent = expr.parent
        if not isinstance(parent, sp.MatrixSymbol):
            return super()._print_MatrixElement(expr)
        row = self._print(sp.expand(expr.i + 1))
        if parent.shape[1] == 1:
            return f"{parent.name}[{row}]"
        return f"{parent.name}[{row}, {self._print(sp.expand(expr.j + 1))}]"

    def _print_MatAdd(self, expr: Any) -> str:
        terms = sorted(expr.args, key=lambda t: _negative(t))
        out = ""
        for t in terms:
            if _negative(t):
                out += " - " + self._print(-t) if out else "-" + self._print(-t)
            else:
                out += (" + " if out else "") + self._print(t)
        return out

    def _print_HadamardProduct(self, expr: Any) -> str:
        return " ⊙ ".join(self.parenthesize(a, 60) for a in expr.args)

    def _print_Sum(self, expr: Any, sign: str = "Σ") -> str:
        """``(Σ_{k=1..n} (a_k + b_k))``, the innermost limit first; always in parentheses, so
        that neither a factor after it nor a power reads as part of the sum."""
        out = self._print(expr.function)
        if expr.function.is_Add or (sign == "Π" and expr.function.is_Mul):
            out = f"({out})"
        for var, lo, hi in expr.limits:
            top = sp.sstr(hi, order="lex")  # n - 1, not -1 + n
            bottom = sp.sstr(lo, order="lex")
            out = f"{sign}_{{{self._print(var)}={bottom}..{top}}} {out}"
        return f"({out})"

    def _print_Product(self, expr: Any) -> str:
        """``(Π_{k=1..n} x_k)``, as a sum is printed."""
        return self._print_Sum(expr, "Π")

    def _print_Subs(self, expr: Any) -> str:
        """``(d/dx [x^3])|_{x=2}``: an expression evaluated at a point."""
        at = ", ".join(
            f"{self._print(v)}={self._print(p)}"
            for v, p in zip(expr.variables, expr.point, strict=True)
        )
        return f"({self._print(expr.expr)})|_{{{at}}}"

    def _print_KroneckerDelta(self, expr: Any) -> str:
        i, j = (self._print(a) for a in expr.args[:2])  # a third argument is the range
        return f"δ({i},{j})"

    def _print_Piecewise(self, expr: Any) -> str:
        parts = []
        for value, cond in expr.args:
            shown = "otherwise" if cond is sp.true else f"if {self._print(cond)}"
            parts.append(f"{self._print(value)} {shown}")
        return "{" + "; ".join(parts) + "}"

    def _print_Mul(self, expr: Any) -> str:
        # Factors that are sums go last, as notes write them: σ(x)*(1 - σ(x)).
        factors = sorted(expr.args, key=lambda f: (f.is_Add, not f.is_Number))
        if list(factors) == list(expr.args):
            return super()._print_Mul(expr)
        return super()._print_Mul(sp.Mul(*factors, evaluate=False))

    def _print_Pow(self, expr: Any, rational: bool = False) -> str:
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_ImmutableDenseMatrix(self, expr: Any) -> str:
        rows = [
            "[" + ", ".join(self._print(e) for e in expr.row(i)) + "]" for i in range(expr.rows)
        ]
        return "[" + ", ".join(rows) + "]"

    _print_MutableDenseMatrix = _print_ImmutableDenseMatrix


def _negative(term: Any) -> bool:
    return bool(isinstance(term, sp.Basic) and term.could_extract_minus_sign())


def _bold(name: str) -> str:
    r"""``x`` → ``\mathbf{x}``, ``\delta`` → ``\boldsymbol{\delta}``, ``\hat{y}`` →
    ``\hat{\mathbf{y}}``."""
    hat = re.fullmatch(r"\\hat\{(?P<inner>.+)\}", name)
    if hat:
        return rf"\hat{{{_bold(hat['inner'])}}}"
    return rf"\boldsymbol{{{name}}}" if name.startswith("\\") else rf"\mathbf{{{name}}}"


def latex(expr: Any) -> str:
    """LaTeX for an expression or matrix, indexed names in index order."""
    shown, back = natural_names(display(expr))
    settings = {"mat_delim": "(", "mul_symbol": None, "natural_names": back}
    return NotesLatexPrinter(settings).doprint(shown)


def text(expr: Any) -> str:
    """One-line text for an expression or matrix, indexed names in index order."""
    shown, back = natural_names(display(expr))
    printer = NotesTextPrinter({"order": "none", "natural_names": back})
    return printer.doprint(shown).replace("**", "^")


def equation(lhs: Any, rhs: Any) -> str:
    """LaTeX ``lhs = rhs``."""
    return f"{latex(lhs)} = {latex(rhs)}"
