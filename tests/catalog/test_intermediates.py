"""Named intermediates (batch normalization's μ, σ², x̂): the named forms are the formula."""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.catalog import CATALOG
from derivations.checking.report import Report
from derivations.derive.formula import derive
from derivations.model import Formula
from derivations.render.book import render_sheet
from derivations.render.views.formula import definition_equation, derivative_equation, formula_view
from derivations.symbolic.intermediates import expanded as with_intermediates
from derivations.symbolic.intermediates import folded

NAMED = [f for f in CATALOG.values() if f.intermediates]


def _zero(difference: sp.Basic) -> bool:
    if isinstance(difference, sp.MatrixBase):
        return all(_zero(entry) for entry in difference)
    return difference == 0 or sp.simplify(difference) == 0


def test_batch_and_layer_normalization_name_their_statistics() -> None:
    for name in ("batch_norm", "layer_norm"):
        names = {str(symbol) for symbol, _ in CATALOG[name].intermediates}
        assert {"mu", "sigma^2"} <= names


@pytest.mark.parametrize("formula", NAMED, ids=lambda f: f.name)
def test_the_named_forms_are_the_definition_and_the_derivative(formula: Formula) -> None:
    assert formula.named_definition is not None
    assert _zero(
        with_intermediates(formula.named_definition, formula.intermediates) - formula.definition
    )
    if formula.named_derivative is not None:
        assert formula.derivative is not None
        expanded = with_intermediates(formula.named_derivative, formula.intermediates)
        assert _zero(expanded - formula.derivative)


@pytest.mark.parametrize("formula", NAMED, ids=lambda f: f.name)
def test_each_intermediate_uses_only_what_is_defined_before_it(formula: Formula) -> None:
    known = set(formula.variables) | set(formula.parameters)
    for name, value in formula.intermediates:
        assert value.free_symbols <= known, name
        known.add(name)
    assert formula.named_definition is not None
    assert formula.named_definition.free_symbols <= known


def test_a_wrong_intermediate_is_caught() -> None:
    """The check above can fail: σ² defined without its 1/m is not batch normalization's."""
    formula = CATALOG["batch_norm"]
    assert formula.named_definition is not None
    wrong = tuple(
        (name, 3 * value if str(name) == "sigma^2" else value)
        for name, value in formula.intermediates
    )
    difference = with_intermediates(formula.named_definition, wrong) - formula.definition
    point = {
        s: sp.Rational(k + 1, 3) for k, s in enumerate(sorted(difference.free_symbols, key=str))
    }
    assert sp.nsimplify(difference.xreplace(point)) != 0


def test_the_sheet_defines_the_intermediates_then_the_formula_in_their_terms() -> None:
    formula = CATALOG["batch_norm"]
    view = formula_view(formula, Report(claims=()))
    equations = [q["equation"] for q in view["intermediates"]]
    assert equations[0].startswith(r"\mu = ") and equations[1].startswith(r"\sigma^{2} = ")
    definition = definition_equation(formula)
    assert r"\hat{x}_{1}" in definition and r"\frac{x_{1}}{3}" not in definition
    assert r"\sigma^{2}" in derivative_equation(formula)
    sheet = render_sheet(formula, Report(claims=()), None, "latex")
    named = sheet.index("With the named quantities")
    assert named < sheet.index(r"\mu = ") < sheet.index(r"\operatorname{batch\_norm}\left(")


def test_a_formula_without_intermediates_shows_its_definition_as_before() -> None:
    formula = CATALOG["sigmoid"]
    assert formula_view(formula, Report(claims=()))["intermediates"] == []
    assert "With the named quantities" not in render_sheet(
        formula, Report(claims=()), None, "latex"
    )


def test_folding_the_names_into_a_step_keeps_its_value() -> None:
    """The RNN's derivation steps shown with h_1, h_2 expand back to the steps verified."""
    formula = CATALOG["rnn_bptt"]
    derivation = derive(formula)
    assert derivation is not None
    shortened = 0
    for step in derivation.steps[:12]:
        for side in (step.lhs, step.rhs):
            shown = folded(side, formula.intermediates)
            assert _zero(with_intermediates(shown, formula.intermediates) - side)
            shortened += len(str(shown)) < len(str(side))
    assert shortened > 0
