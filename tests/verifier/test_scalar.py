"""The decision procedure on identities chosen to be hard: true ones that ``simplify`` does not
prove, and false ones that hold at many points."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

from derivations.model import Claim, Source, Verdict
from derivations.symbolic.functions import sigmoid, softplus
from derivations.verifier import scalar
from derivations.verifier.claim import verify

x = sp.Symbol("x", real=True)
a, b = sp.symbols("a b", real=True)
alpha, beta, lam = sp.symbols("alpha beta lambda", positive=True)
_softplus_threshold = sp.log(1 + sp.exp(sp.Min(beta * x, 20))) / beta + sp.Max(x - 20 / beta, 0)
D = sp.Derivative


def claim(lhs: sp.Basic, rhs: sp.Basic, **kwargs: object) -> Claim:
    return Claim(
        id=f"test:{lhs}={rhs}",
        title="",
        lhs=lhs,
        rhs=rhs,
        sources=(Source("test", "-"),),
        expected=Verdict.PROVED,
        **kwargs,
    )  # type: ignore[arg-type]


TRUE = [
    pytest.param(sp.tanh(x), 2 * sigmoid(2 * x) - 1, id="tanh-via-sigmoid"),
    pytest.param(sp.tanh(x), (1 - sp.exp(-2 * x)) / (1 + sp.exp(-2 * x)), id="tanh-exp-minus-2x"),
    pytest.param(
        D(sp.Max(0, x), x), sp.Piecewise((1, x > 0), (0, True)), id="relu-derivative-piecewise"
    ),
    pytest.param(
        D(sp.Max(0, 1 - a * x), a), sp.Piecewise((-x, a * x < 1), (0, True)), id="hinge-subgradient"
    ),
    pytest.param(D(softplus(x), x), sigmoid(x), id="softplus-derivative"),
    pytest.param(D(sigmoid(x), x), 1 / (4 * sp.cosh(x / 2) ** 2), id="sigmoid-derivative-cosh"),
    pytest.param(
        sp.log(sp.exp(a) + sp.exp(b)) - a, sp.log(1 + sp.exp(b - a)), id="log-sum-exp-shift"
    ),
    pytest.param(sp.Abs(x) * sp.sign(x), x, id="abs-times-sign"),
    pytest.param(sp.Max(a, b) + sp.Min(a, b), a + b, id="max-plus-min"),
    pytest.param(  # issue 14: a trigonometric rational identity, through e^(ix)
        sp.sin(x / 2) / (1 + sp.tan(x) * sp.tan(x / 2)),
        sp.sin(x / 2) * sp.cos(x),
        id="trigonometric-rational",
    ),
    pytest.param(sp.sin(3 * x), 3 * sp.sin(x) - 4 * sp.sin(x) ** 3, id="triple-angle"),
    # issue 14: regions whose boundaries depend on a parameter
    pytest.param(
        D(lam * sp.Max(0, x) + lam * alpha * sp.Min(0, sp.exp(x) - 1), x),
        lam * sp.Piecewise((1, x > 0), (alpha * sp.exp(x), True)),
        id="selu-derivative-closed-form",
    ),
    pytest.param(
        D(sp.Max(0, x) + sp.Min(0, alpha * (sp.exp(x / alpha) - 1)), x),
        sp.Min(1, sp.exp(x / alpha)),
        id="celu-derivative-min",
    ),
    pytest.param(
        D(_softplus_threshold, x),
        sp.Piecewise((sigmoid(beta * x), beta * x < 20), (1, True)),
        id="softplus-with-threshold",
    ),
    pytest.param(
        D(sp.Piecewise((x**2 / (2 * beta), sp.Abs(x) < beta), (sp.Abs(x) - beta / 2, True)), x),
        sp.Piecewise((x / beta, sp.Abs(x) < beta), (sp.sign(x), True)),
        id="smooth-l1-with-threshold",
    ),
    pytest.param(
        sp.Max(a, b, x) + sp.log(sum(sp.exp(v - sp.Max(a, b, x)) for v in (a, b, x))),
        sp.log(sp.exp(a) + sp.exp(b) + sp.exp(x)),
        id="stable-logsumexp-of-three",
    ),
    # issue 14: big exponents, read within the cost budget and proved
    pytest.param((x - a) ** 6000, (a - x) ** 6000, id="even-power-6000"),
    pytest.param(D((x - a) ** 6000, x), 6000 * (x - a) ** 5999, id="power-rule-6000"),
    pytest.param(D(x**398 * sp.exp(x), x), (x + 398) * x**397 * sp.exp(x), id="exponent-398"),
]


@pytest.mark.parametrize(("lhs", "rhs"), TRUE)
def test_true_identity_is_proved(lhs: sp.Basic, rhs: sp.Basic) -> None:
    result = verify(claim(lhs, rhs))
    assert result.verdict is Verdict.PROVED, result.reason


FALSE = [
    pytest.param(sp.Max(x, 10), sp.Integer(10), id="agrees-on-the-whole-sampling-range"),
    pytest.param(D(sp.Max(0, x), x), sp.Integer(1), id="agrees-for-every-positive-x"),
    pytest.param(sp.log(sp.exp(x) + sp.exp(50)), 50 + sp.exp(x - 50), id="agrees-to-40-digits"),
    pytest.param(sp.Abs(x), x, id="abs-is-x-for-half-the-line"),
    pytest.param(
        D(sigmoid(x), x), sigmoid(x) * (1 + sigmoid(x)), id="wrong-sign-in-sigmoid-derivative"
    ),
    pytest.param(sp.Max(a, b), a, id="max-of-two-is-the-first"),
    pytest.param(sp.sin(2 * x), sp.sin(x) * sp.cos(x), id="double-angle-without-its-2"),
]


@pytest.mark.parametrize(("lhs", "rhs"), FALSE)
def test_false_identity_is_refuted_with_an_exact_point(lhs: sp.Basic, rhs: sp.Basic) -> None:
    result = verify(claim(lhs, rhs))
    assert result.verdict is Verdict.REFUTED
    cx = result.counterexample
    assert cx is not None
    point = {sp.Symbol(name, real=True): sp.Rational(value) for name, value in cx.point}
    left = sp.N(lhs.doit().xreplace(point), 80)
    right = sp.N(rhs.doit().xreplace(point), 80)
    assert abs(left - right) > 0


def test_thresholded_softplus_is_refuted_beyond_its_threshold() -> None:
    # σ(βx) is wrong only where βx > 20, outside the sampling range: the region's point finds it
    result = verify(claim(D(_softplus_threshold, x), sigmoid(beta * x)))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    assert result.counterexample.point == (("beta", "1"), ("x", "21"))
    assert result.counterexample.lhs == "1"


def test_selu_min_form_is_refuted_between_its_two_kinks() -> None:
    # λ min(1, α e^x) is wrong on (-log α, 0) ≈ (-0.515, 0) at the published constants
    from derivations.catalog.activations import SELU_ALPHA, SELU_LAMBDA

    selu = SELU_LAMBDA * sp.Piecewise((x, x > 0), (SELU_ALPHA * (sp.exp(x) - 1), True))
    result = verify(claim(D(selu, x), SELU_LAMBDA * sp.Min(1, SELU_ALPHA * sp.exp(x))))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    assert -0.515 < float(sp.Rational(result.counterexample.point[0][1])) < 0


def _differs_at(lhs: sp.Basic, rhs: sp.Basic, point: tuple[tuple[str, str], ...]) -> bool:
    values = {sp.Symbol(name, real=True): sp.Rational(value) for name, value in point}
    return bool(sp.N((lhs - rhs).doit().xreplace(values), 50) != 0)


def test_a_claim_wrong_only_just_beside_a_kink_is_refuted() -> None:
    # issue 14: wrong only on (0, 1/1000), next to the kink of max(0, x) at 0, and the extra
    # term's boundary is not linear (no region point): the points beside the kink find it
    wrong = sp.Max(0, x) + sp.Max(0, x * (sp.Rational(1, 1000) - x))
    result = verify(claim(sp.Max(0, x), wrong))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    x0 = sp.Rational(result.counterexample.point[0][1])
    assert 0 < x0 < sp.Rational(1, 1000)
    assert _differs_at(sp.Max(0, x), wrong, result.counterexample.point)


def test_a_claim_wrong_only_far_out_is_refuted() -> None:
    # issue 14: wrong only for x > 50, far outside the sampling range: the points far out in
    # each region of the kink at 0 find it
    wrong = sp.Max(0, x) + sp.Max(0, (x - 50) ** 3)
    result = verify(claim(sp.Max(0, x), wrong))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    assert sp.Rational(result.counterexample.point[0][1]) > 50
    assert _differs_at(sp.Max(0, x), wrong, result.counterexample.point)


_ring = x**2 + a**2  # a boundary linear in neither symbol


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        pytest.param(
            sp.Piecewise((1, (_ring > 1) & (_ring < sp.Rational(101, 100))), (0, True)),
            sp.Integer(0),
            id="wrong-on-a-thin-ring",
        ),
        pytest.param(
            sp.Max(0, x**3 - x - 1)
            + sp.Piecewise(
                (sp.Rational(1, 100), (x**3 - x > 1) & (x**3 - x < sp.Rational(101, 100))),
                (0, True),
            ),
            sp.Max(0, x**3 - x - 1),
            id="wrong-just-beyond-a-cubic-kink",
        ),
    ],
)
def test_a_claim_wrong_only_beside_a_curved_boundary_is_refuted(
    lhs: sp.Basic, rhs: sp.Basic
) -> None:
    # issue 14: such boundaries used to get no points of their own (unknown)
    result = verify(claim(lhs, rhs))
    assert result.verdict is Verdict.REFUTED and result.counterexample is not None
    assert _differs_at(lhs, rhs, result.counterexample.point)


def test_a_curved_boundary_gets_its_real_roots_in_one_symbol() -> None:
    from derivations.verifier.kinks import ROOT_TOLERANCE, polynomial_roots

    roots = polynomial_roots(x**2 + a**2 - 1, x, {x: sp.Integer(3), a: sp.Rational(1, 2)})
    assert len(roots) == 2
    for root, exact in zip(roots, (-sp.sqrt(3) / 2, sp.sqrt(3) / 2), strict=True):
        assert abs(root - exact) <= ROOT_TOLERANCE
    assert polynomial_roots(x**2 + a**2 - 1, x, {a: sp.Integer(2)}) == []  # no real root
    assert polynomial_roots(sp.exp(x) + x - 2, x, {}) == []  # not a polynomial: no points


def test_the_kink_points_are_bounded_and_deterministic() -> None:
    from derivations.verifier.core import Check
    from derivations.verifier.kinks import CURVE_SAMPLES, KINK_SAMPLES, kink_points
    from derivations.verifier.sampling import bounds_for, rng_for

    lhs = sp.Max(a, b, x) + sp.Abs(a - 2 * b) + sp.Heaviside(x - beta)
    check = Check("", "", lhs, sp.Integer(0))
    bounds = bounds_for(check.symbols, {})
    first = kink_points((check.lhs, check.rhs), bounds, {}, rng_for("k"))
    assert 0 < len(first) <= KINK_SAMPLES + CURVE_SAMPLES
    assert first == kink_points((check.lhs, check.rhs), bounds, {}, rng_for("k"))
    assert all(p[beta] > 0 for p in first)  # inside the symbol's domain
    curved = (sp.Heaviside(x**2 + a**2 - 1) + sp.Max(0, x * a - 1), sp.Integer(0))
    points = kink_points(curved, bounds_for({x, a}, {}), {}, rng_for("k"))
    assert points == kink_points(curved, bounds_for({x, a}, {}), {}, rng_for("k"))
    assert len(points) <= KINK_SAMPLES + CURVE_SAMPLES
    assert any(abs(p[x] ** 2 + p[a] ** 2 - 1) < sp.Rational(1, 100) for p in points)


def test_a_parameter_kink_is_reported_in_its_simplest_form() -> None:
    result = verify(
        claim(D(sp.Min(1, sp.exp(x / alpha)) * x, x), D(sp.Min(1, sp.exp(x / alpha)) * x, x))
    )
    assert result.where == "x ≠ 0"


def test_kink_is_reported_as_where() -> None:
    result = verify(claim(D(sp.Max(0, x), x), sp.Heaviside(x)))
    assert result.verdict is Verdict.PROVED
    assert result.where == "x ≠ 0"


def test_condition_the_document_does_not_state_is_named() -> None:
    from derivations.symbolic.conditions import sums_to_one

    y1, y2 = sp.symbols("y1 y2", real=True)
    statement = claim(y1 * a + y2 * a - y1, a - y1)
    result = verify(statement, hypotheses=(sums_to_one([y1, y2]),))
    assert result.verdict is Verdict.REFUTED
    assert result.holds_under.startswith("sum of y = 1")


def test_stated_condition_is_used() -> None:
    from derivations.symbolic.conditions import sums_to_one

    y1, y2 = sp.symbols("y1 y2", real=True)
    result = verify(claim(y1 * a + y2 * a - y1, a - y1, conditions=(sums_to_one([y1, y2]),)))
    assert result.verdict is Verdict.PROVED


def test_shape_mismatch_is_a_refutation_with_its_reason() -> None:
    result = verify(claim(sp.ImmutableMatrix([[a, b]]), sp.ImmutableMatrix([a, b])))
    assert result.verdict is Verdict.REFUTED
    assert result.reason == "shape mismatch: the left side is 1×2, the right side 2×1"


def test_correction_is_the_readable_derivative() -> None:
    result = verify(claim(D(sigmoid(x), x), sigmoid(x) ** 2))
    assert result.verdict is Verdict.REFUTED
    assert result.correction == sigmoid(x) * (1 - sigmoid(x))


def test_undefined_right_side_is_a_counterexample() -> None:
    p = sp.Symbol("p", positive=True)
    result = verify(
        claim(D(sp.Piecewise((x, x > 0), (p * x, True)), x), sp.Piecewise((1, x > 0), (p, p < 0)))
    )
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None and result.counterexample.rhs == "undefined"


def test_unknown_when_no_argument_applies() -> None:
    # True for x > 0, but outside the exp-rational class, and simplify does not prove it either:
    # neither a proof nor a counterexample, so unknown with the reason.
    p = sp.Symbol("p", positive=True)
    result = verify(claim(sp.atan(p) + sp.atan(1 / p), sp.pi / 2))
    assert result.verdict is Verdict.UNKNOWN
    assert result.reason == "the difference does not reduce to 0; no counterexample found"


def test_simplify_is_the_last_resort_and_says_so() -> None:
    # Euler's reflection formula is outside the normal form's class; simplify proves it.
    result = verify(claim(sp.gamma(x) * sp.gamma(1 - x) * sp.sin(sp.pi * x), sp.pi))
    assert result.verdict is Verdict.PROVED
    assert result.method == "sympy.simplify (fallback)"


def test_runs_are_deterministic() -> None:
    first = verify(claim(D(sigmoid(x), x), sigmoid(x) ** 2))
    second = verify(claim(D(sigmoid(x), x), sigmoid(x) ** 2))
    assert first == second


@pytest.mark.parametrize(
    ("lhs", "rhs", "where"),
    [
        pytest.param(sp.tan(x), sp.sin(x) / sp.cos(x), "cos(x) ≠ 0", id="tan"),
        pytest.param(D(sp.tan(x), x), 1 / sp.cos(x) ** 2, "cos(x) ≠ 0", id="tan-derivative"),
        pytest.param(sp.cot(x), sp.cos(x) / sp.sin(x), "sin(x) ≠ 0", id="cot"),
        pytest.param(sp.sin(3 * x), 3 * sp.sin(x) - 4 * sp.sin(x) ** 3, "", id="no-pole"),
    ],
)
def test_a_trigonometric_identity_names_the_poles_it_leaves_out(
    lhs: sp.Basic, rhs: sp.Basic, where: str
) -> None:
    # issue 14: the proof holds where both sides are defined, not at the poles of tan
    result = verify(claim(lhs, rhs))
    assert result.verdict is Verdict.PROVED
    assert result.where == where


@pytest.mark.parametrize(
    ("lhs", "rhs", "where"),
    [
        pytest.param(
            x / (x**2 - 1), 1 / (2 * (x - 1)) + 1 / (2 * (x + 1)), "x ≠ ±1", id="partial-fractions"
        ),
        pytest.param(1 / (sp.exp(x) - 1), sp.exp(-x) / (1 - sp.exp(-x)), "x ≠ 0", id="exp-minus-1"),
        pytest.param((x**2 - 1) / (x - 1), x + 1, "x ≠ 1", id="removable"),
        pytest.param(1 / (x * (x - 2)), (1 / (x - 2) - 1 / x) / 2, "x ≠ 0, x ≠ 2", id="two-roots"),
        pytest.param(1 / (x**2 - 2), 1 / ((x - sp.sqrt(2)) * (x + sp.sqrt(2))), "x ≠ ±sqrt(2)"),
        pytest.param(1 / (a - b), -1 / (b - a), "a ≠ b", id="two-symbols"),
        pytest.param(1 / (x**2 + x + 1), 1 / (x**2 + x + 1), "", id="no-real-root"),
        pytest.param(1 / (1 + sp.exp(-x)), sigmoid(x), "", id="positive"),
        pytest.param(  # x = 2 lies in the other branch: the side has a value there
            sp.Piecewise((1 / (x - 2), x < 1), (0, True)),
            sp.Piecewise((-1 / (2 - x), x < 1), (0, True)),
            "1 ≠ x",
            id="in-another-branch",
        ),
    ],
)
def test_a_proof_names_where_a_denominator_vanishes(
    lhs: sp.Basic, rhs: sp.Basic, where: str
) -> None:
    # issue 14: as the poles of tan are named, so are the zeros of other denominators
    result = verify(claim(lhs, rhs))
    assert (result.verdict, result.where) == (Verdict.PROVED, where)


def test_a_correction_is_proved_without_searching_for_a_counterexample(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The correction of a refuted claim is shown only when proved: the search for a
    counterexample, which can only refute, is not run for it (issue 17)."""
    searched: list[str] = []
    original = scalar.search

    def recorded(checks: object, bounds: object, seed: str, *args: object, **kw: object) -> object:
        searched.append(seed)
        return original(checks, bounds, seed, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(scalar, "search", recorded)
    x = sp.Symbol("x", real=True)
    claim = Claim(
        id="cube.wrong",
        title="a wrong derivative",
        lhs=sp.Derivative(x**3, x),
        rhs=3 * x,
        sources=(Source("test", "-"),),
        expected=Verdict.REFUTED,
    )
    result = scalar.verify_scalar(claim)
    assert result.verdict is Verdict.REFUTED
    assert result.correction == 3 * x**2
    assert searched == ["cube.wrong"]  # the claim's own search, none for its correction
    wrong = replace(claim, rhs=x**2, id="cube.wrong-again")
    assert scalar.verify_scalar(wrong, refute=False).verdict is not Verdict.PROVED
