"""Plots: the one-dimensional slice each formula is plotted along, its stated values, and bytes
that are the same on every run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sympy as sp

from derivations.catalog import CATALOG
from derivations.derive.formula import at_symbolic_size
from derivations.model import Formula, Kind
from derivations.render.plots import plot, plot_slice
from derivations.symbolic.functions import to_definitions


def at(expr: sp.Expr, values: dict[sp.Symbol, sp.Expr]) -> sp.Expr:
    return sp.simplify(to_definitions(expr).xreplace(values))


def test_softmax_is_plotted_through_p1_against_z1_with_the_other_logits_zero() -> None:
    found = plot_slice(CATALOG["softmax"])
    assert found is not None
    z1 = found.variable
    assert z1.name == "z1"
    assert {s.name: v for s, v in found.fixed} == {"z2": 0, "z3": 0}
    assert (found.value_label, found.derivative_label) == ("f1(z1)", "∂f1/∂z1")
    # By hand: at z = (0, 0, 0), p1 = 1/3 and ∂p1/∂z1 = p1 (1 - p1) = 2/9.
    point = {z1: sp.Integer(0), **dict(found.fixed)}
    assert at(found.value, point) == sp.Rational(1, 3)
    assert at(found.derivative, point) == sp.Rational(2, 9)


def test_a_loss_of_several_variables_fixes_the_others_and_says_so() -> None:
    found = plot_slice(CATALOG["mse"])
    assert found is not None
    fixed = dict(found.fixed)
    assert found.variable.name == "yhat1"
    assert {s.name for s in fixed} == {"yhat2", "yhat3", "y1", "y2", "y3"}
    assert found.derivative_label == "∂f/∂yhat1"
    # Only the plotted variable is left.
    assert (found.value.free_symbols | found.derivative.free_symbols) - set(fixed) == {
        found.variable
    }


def test_hypotheses_choose_the_fixed_values() -> None:
    huber = dict(plot_slice(CATALOG["huber"]).fixed)  # type: ignore[union-attr]
    assert {s.name: v for s, v in huber.items()}["delta"] == 1  # "δ = 1"
    kl = {s.name: v for s, v in plot_slice(CATALOG["kl_divergence_general"]).fixed}  # type: ignore[union-attr]
    assert kl["p1"] + kl["p2"] + kl["p3"] == 1  # "sum of p = 1", met with equal values
    nll = {s.name: v for s, v in plot_slice(CATALOG["nll"]).fixed}  # type: ignore[union-attr]
    assert sorted((nll["y1"], nll["y2"], nll["y3"])) == [0, 0, 1]  # one-hot


def test_every_slice_leaves_one_variable_and_its_derivative_is_the_derivative() -> None:
    """The plotted derivative is d(value)/d(variable), the right Jacobian entry (two rational
    points, 30 digits; the closed form itself is proved by its reference claim)."""
    plotted = 0
    for formula in CATALOG.values():
        found = plot_slice(formula)
        if found is None:
            continue
        plotted += 1
        fixed = dict(found.fixed)
        assert (found.value.free_symbols | found.derivative.free_symbols) - set(fixed) <= {
            found.variable
        }
        slope = sp.diff(to_definitions(found.value), found.variable)
        for x in (sp.Rational(3, 7), sp.Rational(13, 10)):
            point = {**fixed, found.variable: x}
            difference = slope.xreplace(point) - to_definitions(found.derivative).xreplace(point)
            assert abs(sp.N(difference, 30)) < sp.Float("1e-20"), formula.name
    assert plotted > 40


def test_formulas_of_symbolic_size_have_no_plot() -> None:
    sized = [f for f in CATALOG.values() if at_symbolic_size(f)]
    assert sized and all(plot_slice(f) is None for f in sized)


def test_a_slice_along_which_the_formula_is_constant_is_not_plotted() -> None:
    x1, x2 = sp.symbols("x1 x2", real=True)
    flat = Formula(
        name="flat",
        kind=Kind.LOSS,
        title="",
        summary="",
        variables=(x1, x2),
        definition=x2**2,
        derivative=sp.ImmutableMatrix([0, 2 * x2]),
        sources=(),
    )
    assert plot_slice(flat) is None
    steep = Formula(
        name="steep",
        kind=Kind.LOSS,
        title="",
        summary="",
        variables=(x1, x2),
        definition=x1**2 + x2,
        derivative=sp.ImmutableMatrix([2 * x1, 1]),
        sources=(),
    )
    found = plot_slice(steep)
    assert found is not None and found.fixed == ((x2, 0),)


def test_vector_plots_are_byte_identical_across_processes(tmp_path: Path) -> None:
    code = (
        "import sys; from derivations.catalog import CATALOG; "
        "from derivations.render.plots import plot; "
        "sys.stdout.buffer.write(plot(CATALOG['softmax'], 'svg'))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, cwd=tmp_path
    ).stdout
    assert run == plot(CATALOG["softmax"], "svg")
    assert run.startswith(b"<?xml")
