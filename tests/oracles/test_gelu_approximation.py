"""The GELU tanh-approximation error bound: a valid enclosure, checked against an oracle.

The oracle is mpmath's own normal CDF (``mpmath.ncdf``) sampled on a grid: the sampled maximum
must lie inside the proven enclosure, and no sample may exceed the upper bound.
"""

from __future__ import annotations

from decimal import Decimal

import mpmath
import pytest
from oracles.gelu_approximation import TAIL_START, ErrorBound, gelu_tanh_error, tail_bound

from derivations.catalog import CATALOG

CUBIC = mpmath.mpf(44715) / 10**6


def error(x: mpmath.mpf) -> mpmath.mpf:
    u = mpmath.sqrt(2 / mpmath.pi) * (x + CUBIC * x**3)
    return x * mpmath.ncdf(x) - x / 2 * (1 + mpmath.tanh(u))


@pytest.fixture(scope="module")
def bound() -> ErrorBound:
    return gelu_tanh_error(tolerance=5e-8)


def test_enclosure_is_ordered_and_tight(bound: ErrorBound) -> None:
    assert Decimal(bound.lower) <= Decimal(bound.upper)
    assert Decimal(bound.upper) - Decimal(bound.lower) < Decimal("1e-7")


def test_the_stated_summary_bounds_are_proven(bound: ErrorBound) -> None:
    # The gelu_tanh summary states: between 4.732e-4 and 4.733e-4, at x ≈ ±2.699.
    assert "4.732·10⁻⁴ and 4.733·10⁻⁴" in CATALOG["gelu_tanh"].summary
    assert Decimal(bound.lower) >= Decimal("0.0004732")
    assert Decimal(bound.upper) <= Decimal("0.0004733")
    assert abs(Decimal(bound.argmax) - Decimal("2.699")) < Decimal("0.01")


def test_sampled_oracle_lies_inside_the_enclosure(bound: ErrorBound) -> None:
    with mpmath.workdps(30):
        samples = [abs(error(mpmath.mpf(k) / 100)) for k in range(-800, 801)]
        fine = [abs(error(mpmath.mpf(2690 + k) / 1000)) for k in range(21)]
        assert max(samples + fine) <= mpmath.mpf(bound.upper)
        assert max(fine) >= mpmath.mpf(bound.lower) - mpmath.mpf("1e-9")


def test_tail_bound_holds_beyond_the_search(bound: ErrorBound) -> None:
    tail = tail_bound()
    assert mpmath.mpf(bound.tail) >= tail
    with mpmath.workdps(30):
        for x in (TAIL_START, 6.5, 8, 12, 30):
            assert abs(error(mpmath.mpf(x))) <= tail
            assert abs(error(-mpmath.mpf(x))) <= tail


def test_tail_needs_a_start_beyond_one() -> None:
    with pytest.raises(ValueError, match="L > 1"):
        tail_bound(1)


def test_deterministic() -> None:
    assert gelu_tanh_error(tolerance=1e-5) == gelu_tanh_error(tolerance=1e-5)
