"""What a typed expression's answer shows: its derivative, the claim's verdict, the steps."""

from __future__ import annotations

from typing import Any

from derivations.checking.answer import Answer
from derivations.render.views.derivation import derivation_view
from derivations.render.views.report import claim_view
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
