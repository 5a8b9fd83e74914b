r"""The procedure for claims about scalars and explicit matrices.

Refute first (exact evaluation at random rational points), then prove each (case, entry)
check region by region (:func:`derivations.verifier.core.prove`), then search again thoroughly
and fall back on ``sympy.simplify``; see :mod:`derivations.verifier.core` for each stage.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from derivations.model import Claim, Math, Result, Verdict
from derivations.symbolic import regions
from derivations.verifier import domains
from derivations.verifier.core import (
    PROOF,
    PROOF_BY_REGIONS,
    REGION_SAMPLES,
    SAMPLES,
    Check,
    checks_of,
    evaluate,
    excluded_parts,
    prove,
    readable,
    scope_of,
    search,
    shape,
    trigonometric_poles,
)
from derivations.verifier.denominators import vanishing_denominators
from derivations.verifier.sampling import Bounds, bounds_for


def verify_scalar(
    claim: Claim,
    *,
    domains: Bounds | None = None,
    with_correction: bool = True,
    refute: bool = True,
) -> Result:
    """Decide ``claim``; see the module docstring for the procedure.

    ``refute=False`` skips the searches for a counterexample (not the proof), for a claim
    that is shown only when proved (a correction): a search can only turn the verdict into
    ``refuted``, never into ``proved``."""
    domains = domains or {}
    lhs, rhs = evaluate(claim.lhs), evaluate(claim.rhs)
    if shape(lhs) != shape(rhs):
        (a, b), (c, d) = shape(lhs), shape(rhs)
        return Result(
            Verdict.REFUTED,
            method="shapes",
            reason=f"shape mismatch: the left side is {a}×{b}, the right side {c}×{d}",
            correction=_correction(claim, domains) if with_correction else None,
        )
    checks = checks_of(lhs, rhs, claim.conditions, scope=scope_of(claim.lhs))
    if not checks:  # a condition without cases (one about a symbolic size) would prove anything
        reason = "the conditions leave no case to check (a condition at a symbolic size?)"
        return Result(Verdict.UNKNOWN, method="none", reason=reason)
    symbols = set().union(*(c.symbols for c in checks))
    bounds = bounds_for(symbols, domains)

    found = search(checks, bounds, claim.id, SAMPLES) if refute else None
    boundaries: set[sp.Expr] = set()
    domains_text: set[str] = set()
    signed: set[sp.Symbol] = set()  # their zeros are left out by the real domain's signs
    method = PROOF
    unresolved: list[tuple[Check, str]] = []
    if found is None:
        for index, check in enumerate(checks):
            proof = prove(check, bounds, domains, f"{claim.id}#{index}")
            if proof.counterexample:
                found = proof.counterexample
                break
            if proof.proved:
                boundaries |= regions.boundaries(check.lhs) | regions.boundaries(check.rhs)
                domains_text |= {proof.domain} if proof.domain else set()
                signed |= proof.signed
                method = PROOF_BY_REGIONS if proof.method == PROOF_BY_REGIONS else method
            else:
                unresolved.append((check, proof.reason))
    if found is None and unresolved and refute:
        # The proof did not settle these checks: search them again, thoroughly (beside every kink
        # and far out in each region too), before simplify.
        found = search(
            [c for c, _ in unresolved],
            bounds,
            f"{claim.id}#thorough",
            REGION_SAMPLES,
            screen=False,
            kinks=True,
            domains=domains,
        )
    if found is not None:
        return Result(
            Verdict.REFUTED,
            method="exact evaluation at a point",
            counterexample=found,
            correction=_correction(claim, domains) if with_correction else None,
        )
    still = [(c, r) for c, r in unresolved if not _simplifies_to_zero(c)]
    if unresolved and not still:
        method = "sympy.simplify (fallback)"
    if still:
        check, reason = still[0]
        where = "; ".join(x for x in (check.case, check.entry) if x)
        return Result(
            Verdict.UNKNOWN,
            method="none",
            reason=f"{reason}{f' ({where})' if where else ''}; no counterexample found",
        )
    sides = [side for c in checks for side in (c.lhs, c.rhs)]
    kinks = excluded_parts(boundaries)
    poles = sorted(vanishing_denominators(sides, signed=signed) - kinks)
    named = (", ".join(sorted(kinks)), trigonometric_poles(sides), *poles, *sorted(domains_text))
    where = ", ".join(x for x in named if x)
    return Result(Verdict.PROVED, method=method, where=where)


def _simplifies_to_zero(check: Check) -> bool:
    if regions.has_switches(check.difference):
        return False
    analysis = domains.analyse(check.lhs, check.rhs)
    if analysis is not None and not analysis.same_requirements:
        return False  # simplify does not know where each side is real
    return bool(sp.simplify(check.difference) == 0)


def _correction(claim: Claim, domains: Bounds) -> Math | None:
    candidate = claim.correction if claim.correction is not None else readable(claim.lhs)
    if candidate is None:
        return None
    if claim.correction is None and all(len(c.cases) == 1 for c in claim.conditions):
        # Under a stated condition with one case (y = +1, Σy = 1) show the value it gives.
        for condition in claim.conditions:
            candidate = candidate.subs(dict(condition.cases[0]))
    corrected = replace(claim, id=f"{claim.id}#correction", rhs=candidate, correction=None)
    # Only a proof shows it: the search for a counterexample would be work done for nothing.
    result = verify_scalar(corrected, domains=domains, with_correction=False, refute=False)
    return candidate if result.verdict is Verdict.PROVED else None
