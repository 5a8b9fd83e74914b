r"""Plots of a scalar formula :math:`f` and its derivative :math:`f'`, as SVG or PDF bytes.

The derivative plotted is the formula's closed form, which the catalog's
reference claim verifies. The variable ranges over its domain (or [-4, 4]);
every other symbol takes the midpoint of its domain. The
bytes are the same on every run: SVG ids come from a fixed hash salt and no
date is written.
"""

from __future__ import annotations

import io
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.functions import to_definitions
from derivations.model import Formula

#: The interval plotted.
X_RANGE = (-4.0, 4.0)
POINTS = 401


def plottable(formula: Formula) -> bool:
    """A scalar formula of one variable with a closed-form derivative, made of known functions."""
    if formula.variable is None or formula.derivative is None:
        return False
    sides = (formula.definition, formula.derivative)
    if any(isinstance(side, sp.MatrixBase) for side in sides):
        return False
    return not any(side.has(AppliedUndef, sp.Derivative, sp.Subs) for side in sides)


def parameter_values(formula: Formula) -> dict[sp.Symbol, sp.Expr]:
    """Every symbol but the variable (parameters, targets) at the midpoint of its domain, or 1/2."""
    domains = dict(formula.domains)
    assert formula.derivative is not None
    others = formula.definition.free_symbols | formula.derivative.free_symbols
    others.discard(formula.variable)
    return {
        s: (domains[s][0] + domains[s][1]) / 2 if s in domains else sp.Rational(1, 2)
        for s in sorted(others, key=lambda s: s.name)
    }


def x_range(formula: Formula) -> tuple[float, float]:
    """The variable's domain without its end points, else (0, 4] for a positive one, else
    :data:`X_RANGE`."""
    x = formula.variable
    domains = dict(formula.domains)
    if x in domains:
        low, high = (float(v) for v in domains[x])
        margin = (high - low) / 200
        return low + margin, high - margin
    if x is not None and x.is_positive:
        return X_RANGE[1] / 200, X_RANGE[1]
    return X_RANGE


def _curve(
    expr: sp.Expr, x: sp.Symbol, values: dict[sp.Symbol, sp.Expr], interval: tuple[float, float]
) -> Any:
    import numpy as np

    # Numeric constants (SELU's erfc(1/√2)) are evaluated first: NumPy has no erfc.
    body = to_definitions(expr).subs(values).evalf(20)
    fn = sp.lambdify(x, body, modules="numpy")
    xs = np.linspace(*interval, POINTS)
    with np.errstate(all="ignore"):  # a point outside the function's domain is left out (nan)
        try:
            ys = np.asarray(fn(xs), dtype=complex)
        except TypeError:  # a function only the math module has: point by point
            ys = np.vectorize(fn, otypes=[complex])(xs)
    ys = np.where(np.isfinite(ys) & (ys.imag == 0), ys.real, np.nan)
    return xs, np.broadcast_to(ys, xs.shape)


def plot(formula: Formula, fmt: str = "svg") -> bytes:
    """The plot of ``formula`` and its derivative in ``fmt`` (``svg`` or ``pdf``)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    assert formula.variable is not None and formula.derivative is not None
    x = formula.variable
    values = parameter_values(formula)
    with matplotlib.rc_context({"svg.hashsalt": "derive", "svg.fonttype": "path", "font.size": 9}):
        figure = Figure(figsize=(5.0, 3.0))
        axes = figure.subplots()
        interval = x_range(formula)
        axes.plot(*_curve(formula.definition, x, values, interval), label="f")
        axes.plot(*_curve(formula.derivative, x, values, interval), label="f'", linestyle="--")
        axes.axhline(0, color="0.7", linewidth=0.6)
        axes.axvline(0, color="0.7", linewidth=0.6)
        axes.set_xlabel(x.name)
        shown = ", ".join(f"{p.name} = {v}" for p, v in values.items())
        axes.set_title(f"{formula.name}" + (f" ({shown})" if shown else ""))
        axes.legend(loc="best")
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"CreationDate": None, "ModDate": None}
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
