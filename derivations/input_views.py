"""What the templates print for user input: a typed expression's answer, a notes file's report."""

from __future__ import annotations

from typing import Any

from derivations.answer import Answer
from derivations.printing import text
from derivations.views import claim_view


def answer_view(a: Answer) -> dict[str, Any]:
    """The expression, its derivative and the verdict of the claim, as strings."""
    q = a.question
    claim = claim_view(a.report.claims[0]) if a.report.claims else None
    return {
        "expression": text(q.expr),
        "variable": text(q.variable),
        "derivative": text(a.derivative) if a.derivative is not None else "",
        "claimed": text(q.claim) if q.claim is not None else "",
        "claim": claim,
        "reason": a.reason,
    }
