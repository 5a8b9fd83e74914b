"""Checking claims and reporting the verdicts as plain values (and as JSON).

``check`` runs every claim through the verifier in a killable child process
(see :mod:`derivations.checking.budget`), compares each verdict with the one the catalog
records, and returns a :class:`Report`. Nothing here prints.
"""

from __future__ import annotations

import functools
import hashlib
import io
import pickle
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from multiprocessing.reduction import ForkingPickler
from typing import Any

import sympy as sp

from derivations.checking import cache
from derivations.checking.budget import Budget, Outcome, run_all
from derivations.display import Displayable
from derivations.model import Claim, Formula, Result, Verdict
from derivations.symbolic.printing import equation, latex, natural_key, text
from derivations.verifier.claim import confirms, verify


@dataclass(frozen=True, repr=False)
class ClaimReport(Displayable):
    """One claim with its verdict, ready to print: every field is text or plain data."""

    id: str
    formula: str
    title: str
    sources: tuple[str, ...]
    readings: tuple[str, ...]
    statement: str
    statement_text: str
    verdict: str
    expected: str
    method: str
    where: str
    reason: str
    holds_under: str
    counterexample: dict[str, Any] | None
    correction: str
    correction_text: str
    conditions: tuple[str, ...]

    @property
    def as_expected(self) -> bool:
        return self.verdict == self.expected

    def __repr__(self) -> str:
        expected = "" if self.as_expected else f", expected {self.expected}"
        return f"ClaimReport({self.id!r}, {self.verdict}{expected})"


@dataclass(frozen=True, repr=False)
class Report(Displayable):
    claims: tuple[ClaimReport, ...]

    def __repr__(self) -> str:
        s = self.summary()
        unexpected = f", {s['unexpected']} unexpected" if s["unexpected"] else ""
        return (
            f"Report({s['claims']} claims: {s['proved']} proved, {s['refuted']} refuted, "
            f"{s['unknown']} unknown{unexpected})"
        )

    @property
    def ok(self) -> bool:
        return all(c.as_expected for c in self.claims)

    def summary(self) -> dict[str, int]:
        counts = {v.value: sum(c.verdict == v.value for c in self.claims) for v in Verdict}
        return {
            "claims": len(self.claims),
            **counts,
            "as_expected": sum(c.as_expected for c in self.claims),
            "unexpected": sum(not c.as_expected for c in self.claims),
        }


def statement(claim: Claim) -> str:
    """The claim as LaTeX, with its stated conditions."""
    body = claim.statement or equation(claim.lhs, claim.rhs)
    if claim.conditions:
        body += r" \quad \text{if } " + r",\ ".join(c.latex for c in claim.conditions)
    return body


def statement_text(claim: Claim) -> str:
    """The claim as one line of text (LaTeX for matrix claims that carry their own statement)."""
    body = claim.statement if claim.statement else f"{text(claim.lhs)} = {text(claim.rhs)}"
    if claim.conditions:
        body += f"   if {', '.join(c.text for c in claim.conditions)}"
    return body


def verified_report(formula: Formula, claim: Claim) -> ClaimReport:
    """``claim`` verified and its report printed, in one go: what a worker does for a claim, so
    that nothing whose cost grows with the claim runs in the process that waits for it."""
    return printed_report(formula, claim, verify_claim(formula, claim))


def printed_report(formula: Formula, claim: Claim, result: Result) -> ClaimReport:
    """The report of ``claim`` (as the caller holds it, inherited by a forked worker) printed in
    a worker as the caller would have printed it: ``result`` as the caller would have received
    it through the pipe (a correction rebuilt by SymPy on the way)."""
    received = pickle.loads(ForkingPickler.dumps(result))
    return named_report(formula.name, claim, received)


def claim_report(formula: Formula, claim: Claim, result: Result) -> ClaimReport:
    """``claim`` of ``formula`` with its verdict, printed (LaTeX and text): its cost grows with
    the claim, so :func:`check` calls it in the claim's worker (:func:`named_report`)."""
    return named_report(formula.name, claim, result)


def named_report(name: str, claim: Claim, result: Result) -> ClaimReport:
    """:func:`claim_report` for the formula called ``name`` (all a report needs of it)."""
    counterexample = None
    if result.counterexample is not None:
        cx = result.counterexample
        point = dict(sorted(cx.point, key=lambda coordinate: natural_key(coordinate[0])))
        counterexample = {"point": point, "lhs": cx.lhs, "rhs": cx.rhs, "case": cx.case}
    correction = result.correction
    return ClaimReport(
        id=claim.id,
        formula=name,
        title=claim.title,
        sources=tuple(f"{s.document}: {s.location}" for s in claim.sources),
        readings=tuple(s.reading for s in claim.sources if s.reading),
        statement=statement(claim),
        statement_text=statement_text(claim),
        verdict=result.verdict.value,
        expected=claim.expected.value,
        method=result.method,
        where=result.where,
        reason=result.reason,
        holds_under=result.holds_under,
        counterexample=counterexample,
        correction=equation(claim.lhs, correction) if correction is not None else "",
        correction_text=text(correction) if correction is not None else "",
        conditions=tuple(c.text for c in claim.conditions),
    )


def verify_claim(formula: Formula, claim: Claim) -> Result:
    """Verify one claim of ``formula`` with the formula's domains and hypotheses."""
    return verify(claim, domains=dict(formula.domains), hypotheses=formula.hypotheses)


def _task(formula: Formula, claim: Claim) -> tuple[Claim, dict[Any, Any], tuple[Any, ...]]:
    """What a worker needs to verify ``claim``: not the whole formula, whose other claims
    would be sent (and rebuilt by SymPy) again with each of them."""
    return claim, dict(formula.domains), formula.hypotheses


def _verify_task(claim: Claim, domains: dict[Any, Any], hypotheses: tuple[Any, ...]) -> Result:
    return verify(claim, domains=domains, hypotheses=hypotheses)


def _confirm_task(
    claim: Claim,
    domains: dict[Any, Any],
    hypotheses: tuple[Any, ...],
    counterexample: dict[str, Any] | None,
) -> Result | None:
    """``None`` when the cached refutation's counterexample is confirmed by evaluating the claim
    there; otherwise the claim decided again."""
    if counterexample is not None:
        point, case = counterexample.get("point"), counterexample.get("case", "")
        if (
            isinstance(point, dict)
            and isinstance(case, str)
            and all(isinstance(v, str) for v in point.values())
            and confirms(claim, point, case)
        ):
            return None
    return _verify_task(claim, domains, hypotheses)


class _StablePickler(pickle.Pickler):
    """Pickles SymPy structures with each ``Dummy`` named by its order of first appearance.

    A Dummy's own pickle carries a counter that differs from process to process; named by
    position (and assumptions) instead, equal claims give equal bytes in every process.
    """

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=4)
        self.dummies: dict[sp.Dummy, str] = {}

    def persistent_id(self, obj: object) -> str | None:
        if isinstance(obj, sp.Dummy):
            if obj not in self.dummies:
                assumptions = sorted(obj.assumptions0.items())
                self.dummies[obj] = f"dummy{len(self.dummies)}:{obj.name}:{assumptions}"
            return self.dummies[obj]
        return None


def claim_key(formula: Formula, claim: Claim) -> str:
    """The cache key of a claim: everything the verdict and its report depend on.

    The expressions enter as their pickle (protocol 4, dummies named by position): it
    records the full structure, symbol assumptions included, is identical across processes,
    and is a hundred times cheaper than ``srepr``. The bytes are only hashed, never loaded.
    """
    buffer = io.BytesIO()
    _StablePickler(buffer).dump(
        (
            claim.lhs,
            claim.rhs,
            claim.correction,
            claim.conditions,
            formula.hypotheses,
            formula.domains,
            # other readings (layouts) only when there are some: the keys of the rest stay
            *((claim.readings,) if claim.readings else ()),
            *((claim.arbitrary,) if claim.arbitrary else ()),
        )
    )
    parts = [
        formula.name,
        claim.id,
        claim.title,
        claim.statement,
        claim.expected.value,
        repr(claim.sources),
    ]
    return cache.key("claim", *parts, hashlib.sha256(buffer.getvalue()).hexdigest())


def check(
    formulas: Iterable[Formula],
    *,
    budget: Budget | None = None,
    jobs: int = 2,
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Verify every claim of ``formulas``, each within ``budget``, ``jobs`` at a time.

    With ``use_cache``, definite verdicts are read from and written to
    :mod:`derivations.checking.cache`.
    ``progress(done, total)`` is called as claims finish (see :func:`budget.run_all`).
    """
    pairs = [(f, c) for f in formulas for c in f.claims]
    keys = [claim_key(f, c) for f, c in pairs] if use_cache else [""] * len(pairs)
    reports: list[ClaimReport | None] = [
        from_json(cache.load("claim", k)) if use_cache else None for k in keys
    ]
    # A cached refutation is confirmed (its counterexample evaluated, in a worker) before it
    # is reported: a cache restored from elsewhere must not report a false refutation.
    suspect = {i for i, r in enumerate(reports) if r is not None and r.verdict == "refuted"}
    todo = [i for i, r in enumerate(reports) if r is None or i in suspect]
    cached = len(pairs) - len(todo)

    def advance(done: int, total: int) -> None:
        if progress is not None:
            progress(cached + done, cached + total)

    def settle(position: int, outcome: Outcome[ClaimReport | None]) -> None:
        """Keep the report of ``todo[position]`` (printed by its worker), and store it at once
        when its verdict is definite; a claim whose worker gave none is reported below."""
        i = todo[position]
        if i in suspect and outcome.error == "" and outcome.value is None:
            return  # the cached refutation is confirmed
        if outcome.value is None:
            reports[i] = None
            failed.append((i, outcome.error))
            return
        reports[i] = made = outcome.value
        if use_cache and made.verdict != Verdict.UNKNOWN.value:
            cache.store("claim", keys[i], asdict(made))

    failed: list[tuple[int, str]] = []
    tasks = [
        (i, *_task(*pairs[i]), _counterexample_of(reports[i]))
        if i in suspect
        else (i, *_task(*pairs[i]))
        for i in todo
    ]
    bound = budget or Budget()
    # The forked workers inherit ``pairs``: each prints its claim as given (a claim sent
    # through a pipe is rebuilt by SymPy, which evaluates what the catalog left unevaluated).
    work = functools.partial(_run_task, pairs)
    run_all(work, tasks, bound, jobs=jobs, progress=advance, on_result=settle)
    _report_failed(pairs, reports, failed, bound, jobs)
    return Report(tuple(r for r in reports if r is not None))


def _report_failed(
    pairs: list[tuple[Formula, Claim]],
    reports: list[ClaimReport | None],
    failed: list[tuple[int, str]],
    budget: Budget,
    jobs: int,
) -> None:
    """The claims whose worker gave no report (killed at the budget, or crashed): ``unknown``
    with the reason, each printed in a worker of its own within the same budget, since a claim
    may be too large to print at all; then its statement is only its id."""
    if not failed:
        return
    unknown = [Result(Verdict.UNKNOWN, method="none", reason=error) for _, error in failed]
    tasks = [(i, r) for (i, _), r in zip(failed, unknown, strict=True)]
    outcomes = run_all(functools.partial(_report_of, pairs), tasks, budget, jobs=jobs)
    for (i, _), result, outcome in zip(failed, unknown, outcomes, strict=True):
        reports[i] = outcome.value or unprinted_report(pairs[i][0].name, pairs[i][1], result)


def unprinted_report(name: str, claim: Claim, result: Result) -> ClaimReport:
    """The report of a claim too large to print within the budget: nothing in it grows with the
    claim's expressions."""
    placeholder = f"{claim.id} (not printed: {result.reason})"
    return ClaimReport(
        id=claim.id,
        formula=name,
        title=claim.title,
        sources=tuple(f"{s.document}: {s.location}" for s in claim.sources),
        readings=tuple(s.reading for s in claim.sources if s.reading),
        statement=r"\text{" + claim.id.replace("_", r"\_") + "}",
        statement_text=placeholder,
        verdict=result.verdict.value,
        expected=claim.expected.value,
        method=result.method,
        where=result.where,
        reason=result.reason,
        holds_under=result.holds_under,
        counterexample=None,
        correction="",
        correction_text="",
        conditions=tuple(c.text for c in claim.conditions),
    )


def _counterexample_of(report: ClaimReport | None) -> dict[str, Any] | None:
    return report.counterexample if report is not None else None


def _run_task(pairs: list[tuple[Formula, Claim]], index: int, *task: Any) -> ClaimReport | None:
    """Claim ``index`` of ``pairs`` to decide (three fields), or a cached refutation to confirm
    (four); its report is printed here, in the worker, within the claim's budget (``None``: the
    refutation is confirmed)."""
    result = _confirm_task(*task) if len(task) == 4 else _verify_task(*task)
    if result is None:
        return None
    return _report_of(pairs, index, result)


def _report_of(pairs: list[tuple[Formula, Claim]], index: int, result: Result) -> ClaimReport:
    """The report of claim ``index`` of ``pairs`` (:func:`printed_report`)."""
    formula, claim = pairs[index]
    return printed_report(formula, claim, result)


def from_json(data: Any) -> ClaimReport | None:
    """A report read back from its JSON (``dataclasses.asdict``), or ``None`` when it is not one."""
    if not isinstance(data, dict):
        return None
    try:
        fields = {
            **data,
            "sources": tuple(data["sources"]),
            "readings": tuple(data["readings"]),
            "conditions": tuple(data["conditions"]),
        }
        return ClaimReport(**fields)
    except (KeyError, TypeError):
        return None


__all__ = [
    "ClaimReport",
    "Report",
    "check",
    "claim_report",
    "from_json",
    "latex",
    "named_report",
    "verify_claim",
]
