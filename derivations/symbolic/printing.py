"""Printing expressions as LaTeX and as terminal text.

SymPy's printers, customised where their defaults mislead a reader of
neural-network notes: the Heaviside step prints as θ(x), the sigmoid as σ,
``Max`` as max, powers with ``^``.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

_HAT = re.compile(r"^(?P<base>[A-Za-z]+)_hat(?P<index>\d*)$")


class NotesLatexPrinter(LatexPrinter):
    """LaTeX that KaTeX and MathJax both accept, in the notation of the notes."""

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        """``y_hat`` as :math:`\\hat{y}`, ``y_hat2`` as :math:`\\hat{y}_{2}`."""
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

    def _print_DiagMatrix(self, expr: Any) -> str:
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_FunctionMatrix(self, expr: Any) -> str:
        """The matrix of entries :math:`[a_{rc}]_{r,c}` (a column: :math:`[a_r]_r`)."""
        r, c = expr.lamda.variables
        entry = self._print(expr.lamda.expr)
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


class NotesTextPrinter(StrPrinter):
    """One-line text for the terminal: σ(x)*(1 - σ(x)), θ(x), x^2."""

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
        return f"[{self._print(expr.lamda.expr)}]_({where})"

    def _print_Sum(self, expr: Any) -> str:
        """``(Σ_{k=1..n} (a_k + b_k))``, the innermost limit first; always in parentheses, so
        that neither a factor after it nor a power reads as part of the sum."""
        out = self._print(expr.function)
        if expr.function.is_Add:
            out = f"({out})"
        for var, lo, hi in expr.limits:
            out = f"Σ_{{{self._print(var)}={self._print(lo)}..{self._print(hi)}}} {out}"
        return f"({out})"

    def _print_KroneckerDelta(self, expr: Any) -> str:
        i, j = (self._print(a) for a in expr.args)
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


def latex(expr: Any) -> str:
    """LaTeX for an expression or matrix."""
    return NotesLatexPrinter({"mat_delim": "(", "mul_symbol": None}).doprint(expr)


def text(expr: Any) -> str:
    """One-line text for an expression or matrix."""
    return NotesTextPrinter({"order": "none"}).doprint(expr).replace("**", "^")


def equation(lhs: Any, rhs: Any) -> str:
    """LaTeX ``lhs = rhs``."""
    return f"{latex(lhs)} = {latex(rhs)}"
