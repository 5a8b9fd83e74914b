"""The modern-networks families of the catalog (activations, losses, layers of issue 8).

The catalog-wide tests (tests/test_catalog.py) already check every claim's verdict and flip the
sign and scale of every proved claim. Here: every derivative claim survives a *small* additive
perturbation only if the verifier is wrong (so near-misses are caught too), every refutation
carries an exact counterexample and a verified correction, the conditional forms name the
hypothesis under which they hold, and the published constants agree with an independent record.
"""

from __future__ import annotations

from dataclasses import replace

import mpmath
import pytest
import sympy as sp

from derivations.catalog import CATALOG, activations, layers, losses
from derivations.catalog.sources import DOCUMENTS
from derivations.checking.report import verify_claim
from derivations.model import Claim, Formula, Verdict
from derivations.verifier.claim import verify

FAMILIES = (activations, losses, layers)
FORMULAS = [CATALOG[f.name] for family in FAMILIES for f in family.MODERN]
CLAIMS = [(f, c) for f in FORMULAS for c in f.claims]
DERIVATIVE_CLAIMS = [
    (f, c) for f, c in CLAIMS if c.lhs.has(sp.Derivative) and c.expected is Verdict.PROVED
]
REFUTED = [(f, c) for f, c in CLAIMS if c.expected is Verdict.REFUTED]


def claim_id(pair: tuple[Formula, Claim]) -> str:
    return pair[1].id


def _nudged(rhs: sp.Basic, formula: Formula) -> sp.Basic:
    """``rhs`` plus a small multiple of the formula's first variable (or of 1/1000)."""
    first = formula.variables[0]
    if isinstance(rhs, sp.MatrixBase):
        return rhs.applyfunc(lambda e: e + first / 1000)
    return rhs + first / 1000


def test_every_family_is_present() -> None:
    kinds = {m.__name__.rsplit(".", 1)[1]: {f.kind.value for f in m.MODERN} for m in FAMILIES}
    assert kinds == {
        "activations": {"activation"},
        "losses": {"loss"},
        "layers": {"layer"},
    }
    assert len(FORMULAS) == 31


def test_every_formula_cites_a_paper_or_documentation_not_a_seed() -> None:
    for formula in FORMULAS:
        assert formula.sources, formula.name
        assert not {s.document for s in formula.sources} & set(DOCUMENTS), formula.name
        for claim in formula.claims:
            assert claim.sources, claim.id


@pytest.mark.parametrize("pair", DERIVATIVE_CLAIMS, ids=claim_id)
def test_a_near_miss_of_every_derivative_claim_is_refuted(pair: tuple[Formula, Claim]) -> None:
    formula, claim = pair
    wrong = replace(claim, id=f"{claim.id}#nudged", rhs=_nudged(claim.rhs, formula))
    result = verify(wrong, domains=dict(formula.domains), with_correction=False)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert result.counterexample.lhs != result.counterexample.rhs


@pytest.mark.parametrize("pair", REFUTED, ids=claim_id)
def test_refutation_has_exact_counterexample_and_correction(pair: tuple[Formula, Claim]) -> None:
    formula, claim = pair
    result = verify_claim(formula, claim)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert result.correction is not None


@pytest.mark.parametrize(
    ("claim_id", "hypothesis"),
    [
        ("swish.derivative.beta-one-form", "β = 1"),
        ("celu.is-elu", "α = 1"),
        ("huber.equals-smooth-l1", "δ = 1"),
        ("batch_norm.normalized-variance", "ε = 0"),
    ],
)
def test_conditional_forms_name_their_hypothesis(claim_id: str, hypothesis: str) -> None:
    formula = next(f for f in FORMULAS if any(c.id == claim_id for c in f.claims))
    claim = next(c for c in formula.claims if c.id == claim_id)
    result = verify_claim(formula, claim)
    assert result.verdict is Verdict.REFUTED
    assert result.holds_under == hypothesis


def test_the_tanh_approximation_is_refuted_by_a_point_where_the_values_differ() -> None:
    formula = CATALOG["gelu"]
    claim = next(c for c in formula.claims if c.id == "gelu.tanh-approximation")
    result = verify_claim(formula, claim)
    assert result.counterexample is not None
    ((name, value),) = result.counterexample.point
    x = mpmath.mpf(sp.Rational(value).p) / sp.Rational(value).q
    with mpmath.workdps(30):
        exact = x * mpmath.ncdf(x)
        approx = (
            x
            / 2
            * (1 + mpmath.tanh(mpmath.sqrt(2 / mpmath.pi) * (x + mpmath.mpf("0.044715") * x**3)))
        )
    assert name == "x"
    assert abs(exact - approx) > mpmath.mpf("1e-12")


def test_stable_bce_is_proved_region_by_region() -> None:
    formula = CATALOG["bce_with_logits"]
    claim = next(c for c in formula.claims if c.id == "bce_with_logits.stable-form")
    result = verify_claim(formula, claim)
    assert result.verdict is Verdict.PROVED
    assert result.method.startswith("regions")
    assert result.where == "x ≠ 0"


def test_selu_constants_match_the_published_digits() -> None:
    # PyTorch's torch.nn.SELU documentation prints both constants to 32 digits.
    alpha = sp.N(activations.SELU_ALPHA, 40)
    lam = sp.N(activations.SELU_LAMBDA, 40)
    assert str(alpha).startswith("1.673263242354377284817042991671")
    assert str(lam).startswith("1.050700987355480493419334985294")
