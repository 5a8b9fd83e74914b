"""The layers and identities families of the catalog.

A deliberately wrong variant of every derivative claim (sign flipped, a
factor changed) must be refuted with an exact counterexample, and the two
mistakes the documents make in these families, eq. (28) of the backprop notes
and the quadratic-form gradient of the neuron lecture, must be found by the
verifier with a counterexample and a verified correction.

The chain rule is stated for undefined functions f and g; a counterexample
needs numbers, so its wrong variants are refuted on a concrete instance of f
and g (a universal claim that fails for one instance is false).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.catalog import CATALOG, identities, layers
from derivations.catalog.identities import explicit
from derivations.catalog.layers import dense
from derivations.checking.report import verify_claim
from derivations.model import Claim, Formula, Math, Verdict
from derivations.verifier.claim import verify

FORMULAS = [CATALOG[f.name] for f in (*layers.DOCUMENTS, *identities.DOCUMENTS)]

#: Claims that state the value of a derivative and are true as written.
DERIVATIVE_CLAIMS = [
    (formula, claim)
    for formula in FORMULAS
    for claim in formula.claims
    if claim.lhs.has(sp.Derivative) and claim.expected is Verdict.PROVED
]

PERTURBATIONS = {
    "sign-flipped": lambda rhs: -rhs,
    "factor-doubled": lambda rhs: 2 * rhs,
}


def _instance(side: Math, functions: list[type[AppliedUndef]]) -> Math:
    """``side`` with each undefined function replaced by a concrete smooth one of its arity."""
    rules = {}
    for n, fn in enumerate(functions):
        arity = len(next(a for a in side.atoms(AppliedUndef) if a.func == fn).args)
        vs = sp.symbols(f"v1:{arity + 1}", real=True)
        linear = sp.Add(*[(k + 1) * v for k, v in enumerate(vs)])
        rules[fn] = sp.Lambda(vs, sp.exp(linear / (n + 2)) + (n + 1) * vs[0] ** 2)
    return side.subs(rules)


def _concrete(claim: Claim) -> Claim:
    """The claim itself, or an instance of it when it is about undefined functions."""
    applied = claim.lhs.atoms(AppliedUndef) | claim.rhs.atoms(AppliedUndef)
    if not applied:
        return claim
    functions = sorted({a.func for a in applied}, key=str)
    return replace(claim, lhs=_instance(claim.lhs, functions), rhs=_instance(claim.rhs, functions))


def _verify(formula: Formula, claim: Claim) -> Verdict:
    result = verify(
        claim, domains=dict(formula.domains), hypotheses=formula.hypotheses, with_correction=False
    )
    if result.verdict is Verdict.REFUTED:
        assert result.counterexample is not None or result.method == "shapes"
    return result.verdict


def test_every_formula_of_both_families_has_derivative_claims() -> None:
    names = {f.name for f, _ in DERIVATIVE_CLAIMS}
    assert names == {f.name for f in FORMULAS}


@pytest.mark.parametrize("how", PERTURBATIONS)
@pytest.mark.parametrize(
    ("formula", "claim"), DERIVATIVE_CLAIMS, ids=[c.id for _, c in DERIVATIVE_CLAIMS]
)
def test_a_perturbed_derivative_is_refuted(formula: Formula, claim: Claim, how: str) -> None:
    wrong = _concrete(claim)
    wrong = replace(wrong, id=f"{claim.id}#{how}", rhs=PERTURBATIONS[how](wrong.rhs))
    assert _verify(formula, wrong) is Verdict.REFUTED


ABSTRACT = [c for c in CATALOG["chain_rule"].claims if c.lhs.atoms(AppliedUndef)]


def test_the_chain_rule_is_stated_for_undefined_functions() -> None:
    assert {c.id for c in ABSTRACT} >= {
        "chain_rule.closed-form",
        "chain_rule.scalar",
        "chain_rule.multivariate",
        "chain_rule.jacobian",
    }


@pytest.mark.parametrize("claim", ABSTRACT, ids=[c.id for c in ABSTRACT])
def test_the_chain_rule_holds_for_a_concrete_instance(claim: Claim) -> None:
    assert _verify(CATALOG["chain_rule"], _concrete(claim)) is Verdict.PROVED


def test_the_chain_rule_for_undefined_functions_is_proved() -> None:
    formula = CATALOG["chain_rule"]
    claim = next(c for c in formula.claims if c.id == "chain_rule.scalar")
    assert verify_claim(formula, claim).verdict is Verdict.PROVED


def _claim(formula: str, claim_id: str) -> tuple[Formula, Claim]:
    f = CATALOG[formula]
    return f, next(c for c in f.claims if c.id == claim_id)


def test_quadratic_form_gradient_as_written_is_refuted_and_holds_for_symmetric_a() -> None:
    formula, claim = _claim("quadratic_form_gradient", "quadratic_form_gradient.as-written")
    result = verify_claim(formula, claim)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert result.counterexample.lhs != result.counterexample.rhs
    point = dict(result.counterexample.point)
    pairs = [(f"a{i}{j}", f"a{j}{i}") for i in range(1, 4) for j in range(i + 1, 4)]
    assert any(a in point and b in point and point[a] != point[b] for a, b in pairs)
    assert result.holds_under == "A is symmetric"
    w, a = explicit.w, explicit.A
    assert result.correction == sp.ImmutableMatrix(w.T * (a + a.T))


def test_eq28_misses_the_factor_o_n_and_the_correction_supplies_it() -> None:
    formula, claim = _claim("backprop_recursion", "backprop_recursion.third-to-last-layer.eq28")
    result = verify_claim(formula, claim)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    assert result.counterexample.lhs != result.counterexample.rhs
    # The verified correction is δ_i·o_n: entry (n, i) is eq. (28)'s right side times o_n.
    assert result.correction is not None
    wrong = claim.rhs
    assert isinstance(wrong, sp.MatrixBase)
    assert result.correction == sp.ImmutableMatrix(
        *wrong.shape, lambda n, i: wrong[n, i] * dense.o_n[n]
    )


def test_the_lectures_log_loss_example_has_the_sign_wrong() -> None:
    formula, claim = _claim("log_loss", "log_loss.chain-example.gradient")
    result = verify_claim(formula, claim)
    assert result.verdict is Verdict.REFUTED
    assert result.counterexample is not None
    left, right = (sp.Float(v, 30) for v in (result.counterexample.lhs, result.counterexample.rhs))
    assert left == -right != 0
    assert result.correction is not None
    assert sp.expand(result.correction + claim.rhs) == sp.zeros(1, 3)
