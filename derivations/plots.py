r"""Plots of a scalar formula :math:`f` and its derivative :math:`f'`, as SVG or PDF bytes.

The derivative plotted is the formula's closed form, which the catalog's
reference claim verifies. Parameters take the midpoint of their domain. The
bytes are the same on every run: SVG ids come from a fixed hash salt and no
date is written.
"""

from __future__ import annotations

import io
from typing import Any

import sympy as sp

from derivations.functions import to_definitions
from derivations.model import Formula

#: The interval plotted.
X_RANGE = (-4.0, 4.0)
POINTS = 401


def plottable(formula: Formula) -> bool:
    """A scalar formula of one variable with a closed-form derivative."""
    return (
        formula.variable is not None
        and formula.derivative is not None
        and not isinstance(formula.definition, sp.MatrixBase)
        and not isinstance(formula.derivative, sp.MatrixBase)
    )


def parameter_values(formula: Formula) -> dict[sp.Symbol, sp.Expr]:
    """Each parameter at the midpoint of its domain, or 1/2 without one."""
    domains = dict(formula.domains)
    return {
        p: (domains[p][0] + domains[p][1]) / 2 if p in domains else sp.Rational(1, 2)
        for p in formula.parameters
    }


def _curve(expr: sp.Expr, x: sp.Symbol, values: dict[sp.Symbol, sp.Expr]) -> Any:
    import numpy as np

    body = to_definitions(sp.sympify(expr)).subs(values)
    fn = sp.lambdify(x, body, modules="numpy")
    xs = np.linspace(*X_RANGE, POINTS)
    ys = np.asarray(fn(xs), dtype=float)
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
        axes.plot(*_curve(formula.definition, x, values), label="f")
        axes.plot(*_curve(formula.derivative, x, values), label="f'", linestyle="--")
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
