"""Checking a derivation: every step becomes a claim and goes through the verifier.

A step that the verifier does not prove is a bug of the generator (a test over
the whole catalog fails on it). A step that is true only under one of the
formula's hypotheses (:math:`\\sum y = 1`) is proved under it and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from derivations.checking import cache
from derivations.checking.budget import Budget, Outcome, run_all
from derivations.checking.report import claim_key
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


def _step_key(formula: Formula, index: int, step: Step) -> str:
    """The cache key of a step: the step as a claim, with the formula's domains and hypotheses
    (all its verdict depends on)."""
    return claim_key(formula, step_claim(formula, index, step))


def _to_json(checked: tuple[Result, str]) -> dict[str, Any]:
    result, using = checked
    return {
        "verdict": result.verdict.value,
        "method": result.method,
        "where": result.where,
        "reason": result.reason,
        "holds_under": result.holds_under,
        "notes": list(result.notes),
        "using": using,
    }


def _from_json(data: Any) -> tuple[Result, str] | None:
    """A proved step read back from the cache (only proved steps are stored: a step that is
    not proved is a bug of the generator, shown as found, never replayed)."""
    fields = ("method", "where", "reason", "holds_under", "using")
    if not isinstance(data, dict) or data.get("verdict") != Verdict.PROVED.value:
        return None
    if not all(isinstance(data.get(f), str) for f in fields):
        return None
    notes = data.get("notes")
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        return None
    result = Result(
        Verdict.PROVED,
        method=data["method"],
        where=data["where"],
        reason=data["reason"],
        holds_under=data["holds_under"],
        notes=tuple(notes),
    )
    return result, data["using"]


def check_derivation_bounded(
    formula: Formula, budget: Budget, jobs: int = 2, *, use_cache: bool = False
) -> CheckedDerivation | None:
    """:func:`check_derivation`, each step in a killable child process within ``budget``;
    a step over the budget is ``unknown`` with the reason. With ``use_cache``, proved steps
    are read from and written to the cache, each as soon as it is proved."""
    derivation = derive(formula)
    if derivation is None:
        return None
    slim = replace(formula, claims=())  # the steps need its name, domains and hypotheses
    steps = list(enumerate(derivation.steps))
    keys = [_step_key(slim, k, s) for k, s in steps] if use_cache else [""] * len(steps)
    found: list[tuple[Result, str] | None] = [
        _from_json(cache.load("step", key)) if use_cache else None for key in keys
    ]
    todo = [k for k, f in enumerate(found) if f is None]

    def settle(position: int, outcome: Outcome[tuple[Result, str]]) -> None:
        k = todo[position]
        if outcome.value is None:
            found[k] = (Result(Verdict.UNKNOWN, "none", reason=outcome.error), "")
            return
        found[k] = outcome.value
        if use_cache and outcome.value[0].verdict is Verdict.PROVED:
            cache.store("step", keys[k], _to_json(outcome.value))

    run_all(_verdict, [(slim, *steps[k]) for k in todo], budget, jobs=jobs, on_result=settle)
    checked = tuple(
        CheckedStep(s, *f) for (_, s), f in zip(steps, found, strict=True) if f is not None
    )
    return CheckedDerivation(derivation, checked)
