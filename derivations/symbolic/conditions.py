r"""Constructors for the hypotheses claims are stated under.

Each returns a :class:`~derivations.model.Condition`: a finite list of
substitutions that together cover the hypothesis exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from derivations.model import Condition, Substitution


def _names(symbols: Sequence[sp.Symbol]) -> str:
    return ", ".join(s.name for s in symbols)


def one_hot(ys: Sequence[sp.Symbol], *, name: str = "y") -> Condition:
    r"""``ys`` is a one-hot vector: one case per position of the 1."""
    cases = tuple(
        tuple((y, sp.Integer(1 if i == c else 0)) for i, y in enumerate(ys)) for c in range(len(ys))
    )
    return Condition(
        text=f"{name} is one-hot ({_names(ys)} in {{0, 1}}, exactly one is 1)",
        latex=rf"{name} \text{{ one-hot}}",
        cases=cases,
    )


def sums_to_one(ys: Sequence[sp.Symbol], *, name: str = "y") -> Condition:
    r""":math:`\sum_i y_i = 1`, covered by solving for the last component."""
    last = ys[-1]
    case: Substitution = ((last, 1 - sp.Add(*ys[:-1])),)
    return Condition(
        text=f"sum of {name} = 1 ({' + '.join(s.name for s in ys)} = 1)",
        latex=rf"\textstyle\sum_i {name}_i = 1",
        cases=(case,),
    )


def binary(y: sp.Symbol, values: Sequence[int] = (0, 1)) -> Condition:
    r"""``y`` takes one of finitely many ``values`` (a label in {0, 1} or {-1, +1})."""
    shown = ", ".join(f"{v:+d}" if min(values) < 0 else str(v) for v in values)
    return Condition(
        text=f"{y.name} in {{{shown}}}",
        latex=rf"{sp.latex(y)} \in \{{{shown}\}}",
        cases=tuple(((y, sp.Integer(v)),) for v in values),
    )


def equal(symbol: sp.Symbol, value: sp.Expr, *, text: str = "") -> Condition:
    """``symbol = value`` (one case)."""
    return Condition(
        text=text or f"{symbol.name} = {value}",
        latex=rf"{sp.latex(symbol)} = {sp.latex(value)}",
        cases=(((symbol, value),),),
    )


def symmetric(matrix: sp.ImmutableMatrix, *, name: str = "A") -> Condition:
    r"""The square ``matrix`` of symbols is symmetric: :math:`a_{ji} := a_{ij}` for i < j."""
    n = matrix.rows
    case: Substitution = tuple(
        (matrix[j, i], matrix[i, j]) for i in range(n) for j in range(i + 1, n)
    )
    return Condition(text=f"{name} is symmetric", latex=rf"{name} = {name}^\top", cases=(case,))


def zero(symbols: Sequence[sp.Symbol], *, text: str, latex: str = "") -> Condition:
    """Every symbol of ``symbols`` is 0 (a special case such as w2 = 0).

    ``latex`` defaults to the symbols written out, ``v_{1} = v_{2} = 0``: the
    ``text`` may hold Unicode that neither KaTeX (strict) nor pdflatex accepts in math.
    """
    case: Substitution = tuple((s, sp.Integer(0)) for s in symbols)
    shown = latex or " = ".join([*(sp.latex(s) for s in symbols), "0"])
    return Condition(text=text, latex=shown, cases=(case,))
