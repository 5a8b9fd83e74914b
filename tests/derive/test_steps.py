"""Derivations: every step of every derivation of the catalog is proved by the verifier."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp

from derivations.catalog import CATALOG
from derivations.checking.derivation import CheckedDerivation, check_derivation, check_step
from derivations.derive.formula import at_symbolic_size, derive
from derivations.model import Formula, Kind, Verdict
from derivations.symbolic import conditions
from derivations.symbolic.functions import sigmoid, softmax

HERE = Path(__file__).resolve().parents[1]  # tests/
sys.path.insert(0, str(HERE))

CONCRETE = [n for n, f in CATALOG.items() if not at_symbolic_size(f) and f.definition.free_symbols]


def test_a_constant_definition_has_nothing_to_derive() -> None:
    constant = [n for n, f in CATALOG.items() if not f.definition.free_symbols]
    assert constant == ["jacobian_chain_rule"]  # its claims carry the identity
    assert derive(CATALOG["jacobian_chain_rule"]) is None


@pytest.mark.parametrize("name", CONCRETE)
def test_every_step_is_proved(
    name: str, catalog_derivations: dict[str, CheckedDerivation | None]
) -> None:
    checked = catalog_derivations[name]
    assert checked is not None, f"{name} has no derivation"
    unproved = [
        (s.step.rule, s.result.verdict.value, s.result.reason)
        for s in checked.steps
        if not s.proved
    ]
    assert not unproved


@pytest.mark.parametrize("name", [n for n in CONCRETE if CATALOG[n].derivative is not None])
def test_every_derivation_ends_at_the_recorded_closed_form(name: str) -> None:
    derivation = derive(CATALOG[name])
    assert derivation is not None
    assert derivation.result == CATALOG[name].derivative
    assert derivation.steps[-1].rhs == CATALOG[name].derivative


def test_a_wrong_step_is_refuted() -> None:
    # The checker is not vacuous: the sigmoid's rewrite step with a sign flipped fails.
    formula = CATALOG["sigmoid"]
    derivation = derive(formula)
    assert derivation is not None
    rewrite = next(s for s in derivation.steps if s.rule == "rewrite" and s.lhs.has(sp.exp))
    wrong = replace(
        rewrite, rhs=sigmoid(sp.Symbol("x", real=True)) * (1 + sigmoid(sp.Symbol("x", real=True)))
    )
    assert check_step(formula, 0, wrong).result.verdict is Verdict.REFUTED


def test_sigmoid_reaches_sigma_one_minus_sigma_through_the_exp_form() -> None:
    x = sp.Symbol("x", real=True)
    derivation = derive(CATALOG["sigmoid"])
    assert derivation is not None
    rewrite = [s for s in derivation.steps if s.rule == "rewrite"]
    assert rewrite[-1].lhs == sp.exp(-x) / (1 + sp.exp(-x)) ** 2
    assert rewrite[-1].rhs == sigmoid(x) * (1 - sigmoid(x))
    assert not any(s.rhs.has(sp.cosh) for s in derivation.steps)


def test_tanh_uses_the_quotient_rule_and_never_cosh() -> None:
    derivation = derive(CATALOG["tanh"])
    assert derivation is not None
    assert "quotient rule" in [s.rule for s in derivation.steps]
    assert not any(s.rhs.has(sp.cosh) or s.rhs.has(sp.sech) for s in derivation.steps)


def test_softmax_derives_elementwise_then_the_matrix_form() -> None:
    derivation = derive(CATALOG["softmax"])
    assert derivation is not None
    rules = [s.rule for s in derivation.steps]
    assert rules.index("quotient rule") < rules.index("case i = j") < rules.index("assembly")
    assert "case i ≠ j" in rules
    assert r"\operatorname{diag}" in derivation.steps[-1].statement


def test_a_loss_through_softmax_chains_the_two_and_uses_its_hypothesis() -> None:
    # Cross-entropy of softmax, built here: the losses family is encoded elsewhere.
    z = sp.symbols("z1:4", real=True)
    y = sp.symbols("y1:4", positive=True)
    p = [softmax(i, *z) for i in range(3)]
    formula = Formula(
        name="ce_softmax",
        kind=Kind.LOSS,
        title="cross-entropy of softmax",
        summary="",
        variables=z,
        definition=-sum(y[k] * sp.log(p[k]) for k in range(3)),
        derivative=sp.ImmutableMatrix([p[j] - y[j] for j in range(3)]),
        hypotheses=(conditions.sums_to_one(y),),
        sources=(),
    )
    checked = check_derivation(formula)
    assert checked is not None and checked.ok
    names = {s.step.rule for s in checked.steps}
    assert {"chain rule", "derivative of softmax", "assembly"} <= names
    assert any(s.using.startswith("sum of y = 1") for s in checked.steps)
