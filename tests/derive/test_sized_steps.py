"""Derivations at a symbolic size n: every step an identity proved for every n."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

from derivations.catalog import CATALOG
from derivations.catalog.any_size import exp_total, i, j, k, n, p, y, z
from derivations.checking.derivation import CheckedDerivation, check_step
from derivations.derive.formula import at_symbolic_size, derive
from derivations.derive.sized_steps import abbreviate, derive_sized, sift
from derivations.model import Verdict
from derivations.symbolic.printing import latex, text
from derivations.verifier.sized import METHOD

SIZED = [name for name, f in CATALOG.items() if at_symbolic_size(f)]
DERIVED = [name for name in SIZED if derive(CATALOG[name]) is not None]
#: The formulas at any size written in components of one vector.
IN_COMPONENTS = {
    "linear_form_gradient_n",
    "quadratic_form_gradient_n",
    "linear_map_jacobian_n",
    "dense_layer_n",
    "softmax_n",
    "softmax_cross_entropy_n",
    "kl_divergence_n",
    "l2_divergence_n",
    "mse_n",
    "maxout_n",
    "hinge_n",
    "logistic_regression_n",
}


def test_the_formulas_in_components_are_derived() -> None:
    assert set(DERIVED) >= IN_COMPONENTS


@pytest.mark.parametrize("name", DERIVED)
def test_every_step_is_proved_for_every_n(
    name: str, catalog_derivations: dict[str, CheckedDerivation | None]
) -> None:
    checked = catalog_derivations[name]
    assert checked is not None
    unproved = [(s.step.rule, s.result.reason) for s in checked.steps if not s.proved]
    assert not unproved
    # proved by the sized procedure, for every n, not only at a concrete size
    assert all(s.result.method.startswith(METHOD) for s in checked.steps)


@pytest.mark.parametrize("name", DERIVED)
def test_no_step_is_a_silent_jump(name: str) -> None:
    derivation = derive(CATALOG[name])
    assert derivation is not None
    assert not [s for s in derivation.steps if s.rule.startswith("no rule")]
    assert derivation.steps[-1].rule in {"conclusion", "rewrite", "case i ≠ j"}


def test_softmax_derives_by_the_quotient_rule_then_cases_then_the_matrix_form() -> None:
    derivation = derive(CATALOG["softmax_n"])
    assert derivation is not None
    rules = [s.rule for s in derivation.steps]
    order = ["quotient rule", "linearity and sifting", "case i = j", "case i ≠ j", "assembly"]
    assert [rules.index(r) for r in order] == sorted(rules.index(r) for r in order)
    quotient = derivation.steps[rules.index("quotient rule")]
    assert r"u = e^{{z}_{i}}" in quotient.detail
    sifting = derivation.steps[rules.index("linearity and sifting")]
    assert (sifting.lhs, sifting.rhs) == (sp.Derivative(exp_total, z[j]), sp.exp(z[j]))
    conclusion = derivation.steps[rules.index("conclusion")]
    assert conclusion.rhs == p(i) * (sp.KroneckerDelta(i, j) - p(j))
    assert conclusion.statement_text.endswith("= p[i]*(-p[j] + δ(i,j))")
    assert r"\operatorname{diag}" in derivation.steps[-1].statement


def test_cross_entropy_chains_through_the_softmax_and_uses_sum_y_equal_one(
    catalog_derivations: dict[str, CheckedDerivation | None],
) -> None:
    checked = catalog_derivations["softmax_cross_entropy_n"]
    assert checked is not None and checked.ok
    rules = [s.step.rule for s in checked.steps]
    assert {"sum rule over an index", "chain rule", "derivative of softmax"} <= set(rules)
    sifted = checked.steps[rules.index("linearity and sifting")].step
    assert sifted.rhs == y[i] - p(i) * sp.Sum(y[k], (k, 1, n))
    used = [s for s in checked.steps if s.using]
    assert used and all(s.using.startswith("sum of y = 1") for s in used)
    assert checked.derivation.result == p(i) - y[i]


def test_a_wrong_sized_step_is_refuted() -> None:
    # The checker is not vacuous: sifting to the wrong component fails.
    formula = CATALOG["softmax_n"]
    derivation = derive_sized(formula)
    assert derivation is not None
    k_ = next(n for n, s in enumerate(derivation.steps) if s.rule == "linearity and sifting")
    wrong = replace(derivation.steps[k_], rhs=sp.exp(z[i]))
    assert check_step(formula, k_, wrong).result.verdict is Verdict.REFUTED


def test_sifting_needs_the_index_to_range_over_the_sum() -> None:
    a = sp.IndexedBase("a")
    assert sift(sp.Sum(sp.KroneckerDelta(k, j) * a[k], (k, 1, n))) == a[j]
    assert sift(sp.Sum(a[k] * (sp.KroneckerDelta(k, j) + 3), (k, 1, n))) == a[j] + 3 * sp.Sum(
        a[k], (k, 1, n)
    )
    short = sp.Sum(sp.KroneckerDelta(k, j) * a[k], (k, 1, n - 1))  # j may be n
    assert sift(short) == short


def test_softmax_components_print_as_p() -> None:
    assert abbreviate(-p(i) * p(j)) == -sp.IndexedBase("p")[i] * sp.IndexedBase("p")[j]
    assert text(abbreviate(1 / p(k))) == "1/p[k]"


def test_sums_and_free_indices_print_readably() -> None:
    assert text(exp_total) == "(Σ_{k=1..n} exp(z[k]))"
    assert latex(z[i]) == "{z}_{i}"
    assert latex(exp_total) == r"\sum_{k=1}^{n} e^{{z}_{k}}"


def test_a_formula_with_nothing_to_differentiate_is_declined() -> None:
    # the chain rule's definition is 0: its claims are about other functions
    assert derive_sized(CATALOG["jacobian_chain_rule"]) is None


def test_an_entry_of_a_matrix_differentiates_to_two_deltas() -> None:
    from derivations.derive.sized_steps import ComponentRule

    m = sp.Symbol("m", integer=True, positive=True)
    w = sp.MatrixSymbol("W", m, n)
    r, s, a, b = (sp.Idx(name, (0, n - 1)) for name in "rsab")
    delta = sp.KroneckerDelta
    assert ComponentRule(w[r, s], w[a, b]).eval() == delta(r, a) * delta(s, b)


def test_the_quadratic_form_reaches_a_plus_a_transpose_then_2_wt_a_when_symmetric(
    catalog_derivations: dict[str, CheckedDerivation | None],
) -> None:
    checked = catalog_derivations["quadratic_form_gradient_n"]
    assert checked is not None and checked.ok
    forms = [s for s in checked.steps if s.step.rule == "rewrite"]
    A, w = (
        CATALOG["quadratic_form_gradient_n"].parameters[0],
        CATALOG["quadratic_form_gradient_n"].variables[0],
    )
    assert forms[0].step.rhs == w.T * (A + A.T) and not forms[0].using
    assert forms[-1].step.rhs == 2 * w.T * A and forms[-1].using == "A is symmetric"


def test_the_dense_layer_sums_over_its_outputs_and_assembles_both_layouts() -> None:
    derivation = derive(CATALOG["dense_layer_n"])
    assert derivation is not None
    assert [s.rule for s in derivation.steps].count("assembly") == 2
    assert "f'" in derivation.steps[-1].statement_text
    assert r"\operatorname{diag}" in derivation.steps[-1].statement
