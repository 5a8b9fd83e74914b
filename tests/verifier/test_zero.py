"""The exp-rational normal form: zero exactly when the reduction cancels."""

from __future__ import annotations

import sympy as sp

from derivations.symbolic.functions import sigmoid, softmax
from derivations.verifier.zero import is_identically_zero, rational_form

x, y = sp.symbols("x y", real=True)


def test_exponentials_of_multiples_share_one_generator() -> None:
    form = rational_form(sp.exp(2 * x) - sp.exp(x) ** 2)
    assert form == 0


def test_rational_multiples_share_a_root_generator() -> None:
    assert is_identically_zero(sp.exp(x / 2) ** 2 - sp.exp(x))


def test_sigmoid_derivative_identity() -> None:
    assert is_identically_zero(
        sp.diff(sigmoid(x).rewrite(sp.exp), x) - sigmoid(x) * (1 - sigmoid(x))
    )


def test_softmax_components_sum_to_one() -> None:
    z = sp.symbols("z1:4", real=True)
    assert is_identically_zero(sp.Add(*(softmax(i, *z) for i in range(3))) - 1)


def test_not_zero_is_not_a_proof_of_falsity_but_is_reported_false() -> None:
    assert not is_identically_zero(sp.exp(x) - x)


def test_logs_of_products_split_when_positive() -> None:
    assert is_identically_zero(sp.log(sp.exp(x) * (1 + sp.exp(y))) - x - sp.log(1 + sp.exp(y)))


def test_nan_is_never_zero() -> None:
    assert not is_identically_zero(sp.nan)
