r"""Plots of a formula :math:`f` and its derivative along one variable, as SVG or PDF bytes.

A scalar formula of one variable :math:`x` is plotted as :math:`f(x)` and
:math:`f'(x)`. A formula of several variables is plotted along a one-dimensional
slice: against its first variable :math:`v_1` (the one its derivative is taken
with respect to), every other symbol fixed at a stated value, the curves
:math:`f(v_1)` and :math:`\partial f/\partial v_1`. A vector formula
(softmax) is plotted through its first component: :math:`f_1` and
:math:`\partial f_1/\partial v_1`. The fixed values are printed in the plot's
title, so every slice says where it was taken.

The derivative plotted is the formula's closed form (the entry of its gradient
or Jacobian), which the catalog's reference claim verifies everywhere, for all
values of the fixed symbols. The fixed values are chosen as:

- a hypothesis the formula is commonly used under (``y`` one-hot, ``β = 1``,
  ``t ∈ {-1, +1}``) gives the values of its first case; a constraint such as
  :math:`\sum_i p_i = 1` is met with equal values (:math:`p_i = 1/3`);
- another variable: the midpoint of its domain, else 1/2 when positive, else 0
  (the other logits of a softmax are 0);
- a parameter: the midpoint of its domain, else 1/2.

Formulas of a symbolic size ``n`` are not plotted, nor slices that would fix
more than :data:`MAX_FIXED` symbols (a title that lists them stops being
readable), nor slices along which the formula is constant (batch norm of
:math:`(x_1, 0, 0)` does not depend on :math:`x_1`), nor formulas with
undefined functions (the chain rule). The bytes are
the same on every run: SVG ids come from a fixed hash salt and no date is
written.
"""

from __future__ import annotations

import importlib.util
import io
from dataclasses import dataclass
from functools import cache
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.errors import InputError
from derivations.model import Formula
from derivations.symbolic.functions import to_definitions

#: The interval plotted.
X_RANGE = (-4.0, 4.0)
POINTS = 401
#: The most symbols a slice fixes (they are all listed in the plot's title).
MAX_FIXED = 8


@dataclass(frozen=True)
class Slice:
    """What a plot shows: ``value`` and ``derivative`` (its derivative in ``variable``) as
    functions of ``variable`` alone, once the symbols of ``fixed`` take their values."""

    variable: sp.Symbol
    value: sp.Expr
    derivative: sp.Expr
    fixed: tuple[tuple[sp.Symbol, sp.Expr], ...]
    value_label: str
    derivative_label: str


def _known_functions(*exprs: Any) -> bool:
    return not any(e.has(AppliedUndef, sp.Derivative, sp.Subs) for e in exprs)


def _symbols(*exprs: Any) -> set[sp.Symbol]:
    return set().union(*(e.free_symbols for e in exprs))


def _hypothesis_values(formula: Formula) -> dict[sp.Symbol, sp.Expr]:
    """Values that satisfy the formula's hypotheses: each hypothesis's first case; a case that
    solves for one symbol in terms of others (a sum equal to 1) with all its symbols equal."""
    values: dict[sp.Symbol, sp.Expr] = {}
    for hypothesis in formula.hypotheses:
        case = hypothesis.cases[0] if hypothesis.cases else ()
        if any(symbol in values for symbol, _ in case):
            continue  # an earlier hypothesis fixed these already (sum = 1, then one-hot)
        constant = {s: v for s, v in case if not v.free_symbols}
        values.update(constant)
        for symbol, expr in case:
            if expr.free_symbols:
                common = sp.Dummy("common")
                tied = {s: common for s in expr.free_symbols | {symbol}}
                roots = sp.solve(sp.Eq(common, expr.xreplace(tied)), common)
                if len(roots) == 1 and not roots[0].free_symbols:
                    values.update(dict.fromkeys(sorted(tied, key=str), roots[0]))
    return values


def _fixed_values(
    formula: Formula, free: set[sp.Symbol], variable: sp.Symbol
) -> dict[sp.Symbol, sp.Expr]:
    """Every symbol of ``free`` but ``variable`` at its stated value (module docstring)."""
    domains = dict(formula.domains)
    chosen = _hypothesis_values(formula)
    values: dict[sp.Symbol, sp.Expr] = {}
    for s in sorted(free - {variable}, key=lambda s: s.name):
        if s in chosen:
            values[s] = chosen[s]
        elif s in domains:
            values[s] = (domains[s][0] + domains[s][1]) / 2
        elif s in formula.variables and not s.is_positive:
            values[s] = sp.Integer(0)
        else:
            values[s] = sp.Rational(1, 2)
    return values


@cache
def plot_slice(formula: Formula) -> Slice | None:
    """The slice a plot of ``formula`` shows, or None when it has none (module docstring)."""
    definition, derivative = formula.definition, formula.derivative
    if derivative is None or not formula.variables:
        return None
    if not _known_functions(definition, derivative):
        return None
    variable = formula.variable if formula.variable is not None else formula.variables[0]
    if not isinstance(variable, sp.Symbol):
        return None  # an indexed or matrix variable: a formula of symbolic size
    if isinstance(definition, sp.MatrixBase):
        if definition.cols != 1 or not isinstance(derivative, sp.MatrixBase):
            return None
        if derivative.shape != (definition.rows, len(formula.variables)):
            return None
        column = formula.variables.index(variable)
        value, slope = definition[0, 0], derivative[0, column]
        labels = (f"f1({variable.name})", f"∂f1/∂{variable.name}")
    elif isinstance(derivative, sp.MatrixBase):
        if formula.variable is not None or derivative.shape != (len(formula.variables), 1):
            return None
        value, slope = definition, derivative[0, 0]
        labels = (f"f({variable.name})", f"∂f/∂{variable.name}")
    else:
        if formula.variable is None:
            return None
        value, slope = definition, derivative
        labels = ("f", "f'")
    if not all(isinstance(s, sp.Symbol) for s in _symbols(value, slope)):
        return None
    fixed = _fixed_values(formula, _symbols(value, slope), variable)
    if len(fixed) > MAX_FIXED:
        return None
    import numpy as np  # optional heavy dependency: only plots need numpy

    _, slopes = _curve(slope, variable, fixed, x_range(formula, variable))
    if not np.any(np.nan_to_num(slopes) != 0):
        return None  # f is constant along this slice (batch norm of (x1, 0, 0)): nothing to see
    return Slice(variable, value, slope, tuple(fixed.items()), *labels)


def plottable(formula: Formula) -> bool:
    """A formula with a closed-form derivative, made of known functions, whose plot is an honest
    one-dimensional slice (:func:`plot_slice`)."""
    return plot_slice(formula) is not None


def parameter_values(formula: Formula) -> dict[sp.Symbol, sp.Expr]:
    """Every symbol but the plotted variable at the value the plot fixes it at."""
    found = plot_slice(formula)
    assert found is not None, f"{formula.name} has no plot"
    return dict(found.fixed)


def x_range(formula: Formula, variable: sp.Symbol | None = None) -> tuple[float, float]:
    """The plotted variable's domain without its end points, else (0, 4] for a positive one,
    else :data:`X_RANGE`. The variable is ``formula.variable`` unless given."""
    x = formula.variable if variable is None else variable
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
    import numpy as np  # optional heavy dependency: only plots need numpy

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


#: What to install for the plots (matplotlib, with numpy and pillow): the ``notes`` extra.
MISSING = (
    'the notes\' plots need matplotlib, which is not installed: pip install "derive-nn[notes]"'
)


def require_matplotlib() -> None:
    """Raise :class:`~derivations.errors.InputError` naming the extra when matplotlib is missing."""
    if importlib.util.find_spec("matplotlib") is None or importlib.util.find_spec("numpy") is None:
        raise InputError(MISSING)


def plot(formula: Formula, fmt: str = "svg") -> bytes:
    """The plot of ``formula`` and its derivative in ``fmt`` (``svg`` or ``pdf``)."""
    require_matplotlib()
    import matplotlib  # optional heavy dependency: only plots need matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # optional heavy dependency (after the backend)

    found = plot_slice(formula)
    assert found is not None, f"{formula.name} has no plot"
    x, values = found.variable, dict(found.fixed)
    with matplotlib.rc_context({"svg.hashsalt": "derive", "svg.fonttype": "path", "font.size": 9}):
        figure = Figure(figsize=(5.0, 3.0))
        axes = figure.subplots()
        interval = x_range(formula, x)
        axes.plot(*_curve(found.value, x, values, interval), label=found.value_label)
        axes.plot(
            *_curve(found.derivative, x, values, interval),
            label=found.derivative_label,
            linestyle="--",
        )
        axes.axhline(0, color="0.7", linewidth=0.6)
        axes.axvline(0, color="0.7", linewidth=0.6)
        axes.set_xlabel(x.name)
        shown = ", ".join(f"{p.name} = {v}" for p, v in values.items())
        axes.set_title(f"{formula.name}" + (f" ({shown})" if shown else ""), wrap=True)
        axes.legend(loc="best")
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"CreationDate": None, "ModDate": None}
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
