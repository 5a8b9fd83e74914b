"""Splitting switches into regions, and deciding regions empty."""

from __future__ import annotations

import sympy as sp

from derivations.symbolic import regions

x, y = sp.symbols("x y", real=True)


def test_select_picks_the_branch_at_a_point() -> None:
    expr, _ = regions.select(sp.Max(0, x) + sp.Heaviside(x - 1), {x: sp.Rational(1, 2)})
    assert expr == x


def test_select_rejects_points_on_a_boundary() -> None:
    import pytest

    with pytest.raises(regions.OnBoundary):
        regions.select(sp.Max(0, x), {x: sp.Integer(0)})


def test_a_switch_without_a_real_argument_is_undefined_and_the_others_still_checked() -> None:
    import pytest

    assert regions.select(sp.Max(0, sp.log(x)), {x: sp.Integer(-1)})[0] is sp.nan
    inner = sp.Piecewise((sp.Max(0, sp.log(x)), x > 0), (0, True))
    assert regions.select(inner, {x: sp.Integer(-1)})[0] == 0
    with pytest.raises(regions.OnBoundary):  # log 0 has no value, and x = 0 is still an edge
        regions.select(inner, {x: sp.Integer(0)})


def test_nested_switches_are_enumerated_innermost_first() -> None:
    found = list(regions.enumerate_regions(sp.Heaviside(x - sp.Max(y, 0))) or [])
    assert {r.expr for r in found} == {0, 1}
    assert len(found) == 4


def test_contradictory_constraints_are_empty() -> None:
    assert regions.interior_point((x, -x), {}) is False


def test_linear_region_gets_an_interior_point() -> None:
    point = regions.interior_point((x - 10, 12 - x), {x: (None, None)})
    assert isinstance(point, dict) and 10 < point[x] < 12


def test_bounds_make_a_region_empty() -> None:
    assert regions.interior_point((x - 10,), {x: (sp.Integer(0), sp.Integer(1))}) is False


def test_nonlinear_regions_are_not_decided() -> None:
    assert regions.interior_point((x * y - 1, x - 2), {}) is None


def test_piecewise_without_otherwise_has_an_undefined_branch() -> None:
    values = [b.value for b in regions.branches(sp.Piecewise((1, x > 0), (2, x < -1)))]
    assert values[-1] is sp.nan


def test_non_polynomial_constraints_are_not_decided() -> None:
    assert regions.interior_point((sp.sin(x) - sp.Rational(1, 2),), {}) is None


# Boundaries that depend on a parameter (issue 14), reduced to linear ones.
alpha, beta = sp.symbols("alpha beta", positive=True)


def test_an_exponential_boundary_is_a_linear_one() -> None:
    # e^x > 1 is x > 0; with 1 - e^x > 0 as well the region is empty
    point = regions.interior_point((sp.exp(x) - 1, 1 - x), {})
    assert isinstance(point, dict) and 0 < point[x] < 1
    assert regions.interior_point((sp.exp(x) - 1, -x), {}) is False


def test_a_boundary_scaled_by_a_positive_parameter() -> None:
    # x/α > 0 is x > 0 (CELU's min(1, e^(x/α)))
    assert regions.interior_point((sp.exp(x / alpha) - 1, -x), {}) is False


def test_a_parameter_times_the_variable_is_a_change_of_variable() -> None:
    # βx > 20 and x > 20/β together, the thresholded softplus: far out at βx = 21
    point = regions.interior_point((beta * x - 20, x - 20 / beta), {})
    assert isinstance(point, dict) and point[beta] * point[x] > 20
    assert regions.interior_point((beta * x - 20, 20 / beta - x), {}) is False


def test_a_parameter_inside_an_exponential_boundary() -> None:
    # α e^x > 1 and x < 0: -log α < x < 0, non-empty for α > 1 (SELU's λ min(1, α e^x))
    point = regions.interior_point((alpha * sp.exp(x) - 1, -x), {})
    assert isinstance(point, dict) and point[x] < 0
    assert float(point[alpha] * sp.exp(point[x])) > 1


def test_boundaries_are_reported_in_their_simplest_form() -> None:
    assert regions.reduced_boundary(sp.exp(x) - 1) == x
    assert regions.reduced_boundary(x - 20 / beta) == beta * x - 20
