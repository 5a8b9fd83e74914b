"""What ``derive NAME --n N`` shows: the definition and every claim as explicit matrices."""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.checking.report import Report
from derivations.model import Formula, Math
from derivations.render.views.report import claim_view
from derivations.symbolic.printing import text


def rows(side: Math) -> list[str]:
    """A matrix as one line of text per row (a scalar as one line)."""
    if isinstance(side, sp.MatrixBase):
        return ["[ " + ",  ".join(text(e) for e in side.row(r)) + " ]" for r in range(side.rows)]
    return [text(side)]


def sized_view(formula: Formula, report: Report) -> dict[str, Any]:
    """What ``sized.txt.j2`` prints: the definition, every claim's matrices and its verdict."""
    by_id = {c.id: c for c in report.claims}
    claims = []
    for claim in formula.claims:
        view = claim_view(by_id[claim.id])
        view["lhs_rows"] = rows(claim.lhs)
        view["rhs_rows"] = rows(claim.rhs)
        view["conditions"] = [c.text for c in claim.conditions]
        claims.append(view)
    return {
        "name": formula.name,
        "title": formula.title,
        "definition_rows": rows(formula.definition),
        "claims": claims,
        "summary": report.summary(),
    }
