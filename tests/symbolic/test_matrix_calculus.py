"""Layout-named matrix calculus: shapes, pass/fail pairs, and SymPy's matrix derivatives
as a cross-check only.

The true values (numerator layout): ∂(wᵀx)/∂w = xᵀ, ∂(wᵀAw)/∂w = wᵀ(A + Aᵀ), ∂(Ax)/∂x = A;
the denominator layout is their transpose (the standard convention, e.g. the matrix-calculus
article of Wikipedia, "Layout conventions").
"""

from __future__ import annotations

import pytest
import sympy as sp

from derivations.catalog import activations, identities, layers, losses
from derivations.checking.report import verify_claim
from derivations.model import Claim, Verdict
from derivations.symbolic import indexed as nx
from derivations.symbolic import matrix_calculus as mc
from derivations.symbolic.shapes import check_shapes
from derivations.verifier import sized as ix

#: The formulas of the catalog at any size.
SIZED = tuple(f for family in (identities, layers, activations, losses) for f in family.AT_ANY_SIZE)

n, m = nx.size("n"), nx.size("m")
w, x = sp.MatrixSymbol("w", n, 1), sp.MatrixSymbol("x", n, 1)
A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", m, n)


def verdict(lhs: object, rhs: object, *conditions: object) -> tuple[Verdict, str]:
    result = ix.verify_sized(Claim("t", "t", lhs, rhs, (), Verdict.PROVED, conditions=conditions))  # type: ignore[arg-type]
    return result.verdict, result.reason


@pytest.mark.parametrize(
    ("f", "var", "layout", "shape"),
    [
        (w.T * x, w, mc.NUMERATOR, (1, n)),
        (w.T * x, w, mc.DENOMINATOR, (n, 1)),
        (B * x, x, mc.NUMERATOR, (m, n)),
        (B * x, x, mc.DENOMINATOR, (n, m)),
        ((x.T * B.T * B * x), B, mc.NUMERATOR, (n, m)),
        ((x.T * B.T * B * x), B, mc.DENOMINATOR, (m, n)),
    ],
)
def test_layout_shapes(
    f: object, var: sp.MatrixSymbol, layout: str, shape: tuple[object, object]
) -> None:
    assert mc.derivative(f, var, layout).shape == shape


def test_linear_form_in_both_layouts() -> None:
    assert verdict(mc.derivative(w.T * x, w, mc.NUMERATOR), x.T)[0] is Verdict.PROVED
    assert verdict(mc.derivative(w.T * x, w, mc.DENOMINATOR), x)[0] is Verdict.PROVED


def test_wrong_layout_is_refuted_by_its_shape() -> None:
    assert verdict(mc.derivative(w.T * x, w, mc.NUMERATOR), x) == (
        Verdict.REFUTED,
        "shape mismatch: the left side is 1×n, the right side n×1",
    )


def test_quadratic_form_pass_and_missing_factor() -> None:
    d = mc.derivative(w.T * A * w, w, mc.NUMERATOR)
    assert verdict(d, w.T * (A + A.T))[0] is Verdict.PROVED
    assert verdict(d, 2 * w.T * A, nx.symmetric(A))[0] is Verdict.PROVED
    assert verdict(d, w.T * A, nx.symmetric(A))[0] is Verdict.REFUTED  # the factor 2 missing
    assert verdict(d, 2 * w.T * A)[0] is Verdict.REFUTED  # A not symmetric


def test_dropped_transpose_is_refuted_by_shape_or_by_a_counterexample() -> None:
    d = mc.derivative(B * x, x, mc.DENOMINATOR)
    assert verdict(d, B.T)[0] is Verdict.PROVED
    assert verdict(d, B) == (
        Verdict.REFUTED,
        "shape mismatch: the left side is n×m, the right side m×n",
    )
    square = mc.derivative(A * x, x, mc.DENOMINATOR)
    result = ix.verify_sized(Claim("t", "t", square, A, (), Verdict.PROVED))
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None


def test_a_product_with_mismatched_inner_sizes_is_named() -> None:
    k, d = nx.size("k"), nx.size("d")
    F, G = sp.MatrixSymbol("F", k, m), sp.MatrixSymbol("G", m, d)
    assert check_shapes(F * G) == ""
    assert check_shapes(G * F) == "G is m×d and F is k×m: d columns against k rows"


def test_sympy_matrix_derivative_is_cross_checked_not_trusted() -> None:
    # SymPy differentiates the matrix expression correctly ...
    assert ix.sympy_agrees(w.T * A * w, w, mc.NUMERATOR, w.T * (A + A.T)) == "agrees"
    # ... but returns 0 for the same quadratic form written with its entries.
    entries = (w.T * A * w)[0, 0]
    assert ix.sympy_agrees(entries, w, mc.NUMERATOR, w.T * (A + A.T)) == "disagrees (SymPy gives 0)"
    assert verdict(mc.derivative(entries, w, mc.NUMERATOR), w.T * (A + A.T))[0] is Verdict.PROVED


@pytest.mark.parametrize(
    "claim_id",
    [
        "dense_layer_n.grad-W.numerator",
        "dense_layer_n.grad-W.wrong-layout",
        "dense_layer_n.grad-y.dropped-transpose",
        "dense_layer_n.grad-z.missing-factor",
        "maxout_n.relu-special-case",
        "hinge_n.subgradient-sign",
        "logistic_regression_n.gradient",
        "logistic_regression_n.chain-example",
        pytest.param("jacobian_chain_rule.wrong-order", marks=pytest.mark.slow),
    ],
)
def test_catalog_layers_and_identities(claim_id: str) -> None:
    formula, claim = next((f, c) for f in SIZED for c in f.claims if c.id == claim_id)
    assert verify_claim(formula, claim).verdict is claim.expected


def test_refuted_quadratic_form_names_the_hypothesis_that_fixes_it() -> None:
    formula = identities.quadratic_form_gradient_n
    claim = next(c for c in formula.claims if c.id == "quadratic_form_gradient_n.as-written")
    result = verify_claim(formula, claim)
    assert result.verdict is Verdict.REFUTED
    assert result.holds_under == "A is symmetric"
