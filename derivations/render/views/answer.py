"""What a typed expression's answer shows: its derivative, the claim's verdict, the steps."""

from __future__ import annotations

import re
from typing import Any

from derivations.checking.answer import Answer
from derivations.render.views.derivation import derivation_view
from derivations.render.views.report import claim_view
from derivations.symbolic.matrix_calculus import LayoutDerivative
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
        "layout": _layout(a),
        "derivation": derivation_view(a.derivation),
    }


def _layout(a: Answer) -> str:
    """The layout of a derivative by a whole vector or matrix: the one given or the only one
    the claim's shape allows, else the one of the two that the claim holds in (the verifier's
    method names it); empty for any other derivative."""
    claims = a.formula.claims if a.formula is not None else ()
    if not claims or not isinstance(claims[0].lhs, LayoutDerivative):
        return ""
    if not claims[0].readings:
        return f"{claims[0].lhs.layout}"
    method = a.report.claims[0].method if a.report.claims else ""
    held = re.search(r"holds read in (\w+) layout", method)
    if held:
        return f"{held.group(1)} (your answer holds in it, not in the other layout)"
    return "numerator or denominator (your answer's shape allows both)"
