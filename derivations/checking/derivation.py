"""Checking a derivation: every step becomes a claim and goes through the verifier.

A step that the verifier does not prove is a bug of the generator (a test over
the whole catalog fails on it). A step that is true only under one of the
formula's hypotheses (:math:`\\sum y = 1`) is proved under it and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from derivations.checking.budget import Budget, run_all
from derivations.derive.derivation import Derivation, Step
from derivations.derive.formula import derive
from derivations.model import Claim, Formula, Result, Source, Verdict
from derivations.verifier.claim import verify

GENERATOR = Source("derive", "step-by-step derivation")


@dataclass(frozen=True)
class CheckedStep:
    """A step with the verifier's result and the hypothesis it needed, if any."""

    step: Step
    result: Result
    using: str = ""

    @property
    def proved(self) -> bool:
        return self.result.verdict is Verdict.PROVED


@dataclass(frozen=True)
class CheckedDerivation:
    derivation: Derivation
    steps: tuple[CheckedStep, ...]

    @property
    def ok(self) -> bool:
        return all(s.proved for s in self.steps)


def step_claim(formula: Formula, index: int, step: Step) -> Claim:
    """Step ``index`` of ``formula``'s derivation as a claim expected to be proved."""
    return Claim(
        id=f"{formula.name}.step-{index + 1}",
        title=step.rule,
        lhs=step.lhs,
        rhs=step.rhs,
        sources=(GENERATOR,),
        expected=Verdict.PROVED,
    )


def check_step(formula: Formula, index: int, step: Step) -> CheckedStep:
    """Verify one step; when refuted, retry under each of the formula's hypotheses."""
    claim = step_claim(formula, index, step)
    domains = dict(formula.domains)
    result = verify(claim, domains=domains, with_correction=False)
    if result.verdict is Verdict.REFUTED:
        for hypothesis in formula.hypotheses:
            conditioned = verify(
                replace(claim, conditions=(hypothesis,)), domains=domains, with_correction=False
            )
            if conditioned.verdict is Verdict.PROVED:
                return CheckedStep(step, conditioned, using=hypothesis.text)
    return CheckedStep(step, result)


def check_derivation(formula: Formula) -> CheckedDerivation | None:
    """The derivation of ``formula`` with every step verified (in this process)."""
    derivation = derive(formula)
    if derivation is None:
        return None
    checked = tuple(check_step(formula, k, s) for k, s in enumerate(derivation.steps))
    return CheckedDerivation(derivation, checked)


def _verdict(formula: Formula, index: int, step: Step) -> tuple[Result, str]:
    # Only the result crosses the process boundary: unpickling re-evaluates SymPy objects
    # (a Piecewise would merge its cases), and the step shown must be the one derived.
    checked = check_step(formula, index, step)
    return checked.result, checked.using


def check_derivation_bounded(
    formula: Formula, budget: Budget, jobs: int = 2
) -> CheckedDerivation | None:
    """:func:`check_derivation`, each step in a killable child process within ``budget``;
    a step over the budget is ``unknown`` with the reason."""
    derivation = derive(formula)
    if derivation is None:
        return None
    slim = replace(formula, claims=())  # the steps need its name, domains and hypotheses
    tasks = [(slim, k, s) for k, s in enumerate(derivation.steps)]
    outcomes = run_all(_verdict, tasks, budget, jobs=jobs)
    checked = tuple(
        CheckedStep(s, *o.value)
        if o.value is not None
        else CheckedStep(s, Result(Verdict.UNKNOWN, "none", reason=o.error))
        for o, (_, _, s) in zip(outcomes, tasks, strict=True)
    )
    return CheckedDerivation(derivation, checked)
