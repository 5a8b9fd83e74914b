"""The verifier's one entry point: a claim goes to the procedure for its kind.

A claim about symbolic sizes (indexed components, sums, matrix symbols, or a hypothesis about
a vector of symbolic length: see :func:`derivations.symbolic.indexed.is_sized`) is decided for
every size by :mod:`derivations.verifier.sized`; any other claim by
:mod:`derivations.verifier.scalar`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import sympy as sp

from derivations.model import Claim, Condition, Result, Verdict
from derivations.symbolic.indexed import is_sized
from derivations.verifier.abstract import is_abstract, verify_abstract
from derivations.verifier.core import checks_of, evaluate, fails_at, shape
from derivations.verifier.sampling import Bounds
from derivations.verifier.scalar import verify_scalar
from derivations.verifier.sized import verify_sized


def verify(
    claim: Claim,
    *,
    domains: Bounds | None = None,
    hypotheses: tuple[Condition, ...] = (),
    with_correction: bool = True,
) -> Result:
    """Decide ``claim``: ``proved``, ``refuted`` with a counterexample, or ``unknown``.

    A claim refuted at a point is tried again under each of ``hypotheses`` (the conditions
    its document or formula states elsewhere): the first under which it is proved is its
    ``holds_under``.
    """
    if claim.arbitrary:
        return _for_every_function(claim, domains, with_correction=with_correction)
    if claim.readings:
        return _any_reading(claim, domains, hypotheses, with_correction=with_correction)
    sized = is_sized(claim)
    if is_abstract(claim) and not sized:
        identity = verify_abstract(claim)
        if identity.verdict is Verdict.PROVED:
            return identity  # an identity for every function: the rest decide it for some f
    procedure = verify_sized if sized else verify_scalar
    result = procedure(claim, domains=domains, with_correction=with_correction)
    if result.counterexample is not None and hypotheses:
        result = replace(result, holds_under=holds_under(claim, hypotheses, domains=domains))
    return result


def _for_every_function(claim: Claim, domains: Bounds | None, *, with_correction: bool) -> Result:
    """A claim about functions the document leaves undefined (``claim.arbitrary``), each
    stood in for by one with an arbitrary gradient: proved when it holds for all of them; a
    counterexample shows only that it does not hold for every such function, which says
    nothing certain of the function the author had in mind: ``unknown``."""
    result = verify(replace(claim, arbitrary=()), domains=domains, with_correction=with_correction)
    names = ", ".join(claim.arbitrary)
    undefined = f"{names}: not defined in the document, read as any function"
    if result.verdict is Verdict.UNKNOWN:
        return replace(result, reason=f"{undefined}; {result.reason}")
    if result.verdict is not Verdict.REFUTED:
        return result
    return Result(
        Verdict.UNKNOWN,
        result.method,
        reason=(
            f"{undefined}; the claim does not hold for every such function, so nothing is "
            "certain about the one the author means"
        ),
    )


def _any_reading(
    claim: Claim,
    domains: Bounds | None,
    hypotheses: tuple[Condition, ...],
    *,
    with_correction: bool,
) -> Result:
    """A claim with several readings (the two layouts of a matrix derivative): proved when one
    reading is proved, and the result says which; refuted only when every reading is refuted
    (the first reading's refutation is shown); unknown otherwise."""
    results: list[tuple[str, Result]] = []
    for name, lhs, rhs in claim.readings:
        single = replace(claim, lhs=lhs, rhs=rhs, readings=())
        result = verify(single, domains=domains, hypotheses=hypotheses, with_correction=False)
        if result.verdict is Verdict.PROVED:
            return replace(result, method=f"{result.method}; {_which(claim, name, domains)}")
        results.append((name, result))
    if all(r.verdict is Verdict.REFUTED for _, r in results):
        name, lhs, rhs = claim.readings[0]
        first = verify(
            replace(claim, lhs=lhs, rhs=rhs, readings=()),
            domains=domains,
            hypotheses=hypotheses,
            with_correction=with_correction,
        )
        shown = ", ".join(n for n, _ in results)
        return replace(first, method=f"{first.method}; refuted in every reading ({shown})")
    unknown = next(r for _, r in results if r.verdict is not Verdict.REFUTED)
    return unknown


def _which(claim: Claim, proved: str, domains: Bounds | None) -> str:
    """Which readings a claim holds in, once the reading ``proved`` is proved: the others are
    decided too, so that "not in" is said only of a reading that is refuted."""
    holds: list[str] = [proved]
    fails: list[str] = []
    open_: list[str] = []
    for name, lhs, rhs in claim.readings:
        if name == proved:
            continue
        single = replace(claim, lhs=lhs, rhs=rhs, readings=())
        verdict = verify(single, domains=domains, with_correction=False).verdict
        {Verdict.PROVED: holds, Verdict.REFUTED: fails}.get(verdict, open_).append(name)
    note = f"holds read in {' and in '.join(holds)}"
    if fails:
        note += f" (not in {', '.join(fails)})"
    if open_:
        note += f" ({', '.join(open_)} not decided)"
    return note


def holds_under(
    claim: Claim, hypotheses: tuple[Condition, ...], *, domains: Bounds | None = None
) -> str:
    """The first hypothesis under which ``claim`` is proved, or ``""``.

    The conditioned claim goes through :func:`verify` again, so a hypothesis about a vector of
    symbolic length sends it to the sized procedure: the scalar procedure does not read such a
    condition and must never be asked to decide a claim under one.
    """
    for hypothesis in hypotheses:
        if hypothesis in claim.conditions:
            continue
        conditioned = replace(claim, conditions=(*claim.conditions, hypothesis))
        if verify(conditioned, domains=domains, with_correction=False).verdict is Verdict.PROVED:
            return hypothesis.text
    return ""


def confirms(claim: Claim, point: Mapping[str, str], case: str = "") -> bool:
    """Whether ``claim`` certainly fails at ``point`` (names to rational numbers as text), in
    the case and entry ``case`` names: one exact evaluation, no search.

    ``False`` whenever the point cannot be confirmed this cheaply (a claim about symbolic
    sizes, one whose counterexample needed an instance of an undefined function, a value
    that is not a rational number): the caller then decides the claim again.
    """
    if is_sized(claim):
        return False
    try:
        values = {name: sp.Rational(value) for name, value in point.items()}
    except (TypeError, ValueError, SyntaxError):
        return False
    lhs, rhs = evaluate(claim.lhs), evaluate(claim.rhs)
    if shape(lhs) != shape(rhs):
        return False
    for check in checks_of(lhs, rhs, claim.conditions):
        where = "; ".join(x for x in (check.case, check.entry) if x)
        at = {s: values[s.name] for s in check.symbols if s.name in values}
        if where == case and len(at) == len(check.symbols) and fails_at(check, at):
            return True
    return False
