"""What the templates print for user input: a typed expression's answer, a notes file's report."""

from __future__ import annotations

from typing import Any

from derivations.checking.answer import Answer
from derivations.checking.files import FilesReport
from derivations.render.sheets import derivation_view
from derivations.render.views import claim_view
from derivations.symbolic.printing import text


def answer_view(a: Answer) -> dict[str, Any]:
    """The expression, its derivative, the verdict of the claim and the checked derivation."""
    q = a.question
    claim = claim_view(a.report.claims[0]) if a.report.claims else None
    return {
        "expression": text(q.expr),
        "variable": text(q.variable),
        "derivative": text(a.derivative) if a.derivative is not None else "",
        "claimed": text(q.claim) if q.claim is not None else "",
        "claim": claim,
        "reason": a.reason,
        "derivation": derivation_view(a.derivation),
    }


def files_view(r: FilesReport) -> dict[str, Any]:
    """The claims of user files with their locations, the skipped math and the counts."""
    claims = [
        {**claim_view(c), "location": where}
        for c, where in zip(r.report.claims, r.locations, strict=True)
    ]
    return {
        "claims": claims,
        "refuted": [c for c in claims if c["verdict"] == "refuted"],
        "unknown": [c for c in claims if c["verdict"] == "unknown"],
        "skipped": [{"location": s.location, "reason": s.reason} for s in r.skipped],
        "reasons": r.reasons(),
        "summary": r.summary(),
        "strict": r.strict,
    }
