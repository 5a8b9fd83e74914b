"""What ``derive NAME --n N`` shows: the definition and every claim as explicit matrices."""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.checking.report import Report
from derivations.model import Formula, Math
from derivations.render.views.report import claim_view
from derivations.symbolic.printing import text


def _by_one_variable(entry: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """``(E, v)`` when ``entry`` is the derivative of ``E`` by the single variable ``v``."""
    if isinstance(entry, sp.Derivative) and [c for _, c in entry.variable_count] == [1]:
        return entry.expr, entry.variables[0]
    return None


def _by_all(expr: sp.Expr, variables: list[sp.Expr]) -> str:
    """``∂/∂(z1, …, zn) [E]``: the derivatives of one expression by each of the variables."""
    names = [text(v) for v in variables]
    listed = ", ".join(names) if len(names) <= 3 else f"{names[0]}, …, {names[-1]}"
    return f"∂/∂({listed}) [{text(expr)}]"


def rows(side: Math) -> list[str]:
    """A matrix as one line of text per row (a scalar as one line). A row whose entries are the
    derivatives of one expression by each variable is that expression once,
    ``∂/∂(z1, …, zn) [E]``, and a column of them (a gradient) is one line."""
    if not isinstance(side, sp.MatrixBase):
        return [text(side)]
    parts = [[_by_one_variable(e) for e in side.row(r)] for r in range(side.rows)]
    if all(p is not None for row in parts for p in row):
        exprs = [{p[0] for p in row if p is not None} for row in parts]
        if side.cols == 1 and len(set().union(*exprs)) == 1:
            gradient = [p[1] for row in parts for p in row if p is not None]
            return [_by_all(next(iter(exprs[0])), gradient) + "   (a column)"]
        if all(len(e) == 1 for e in exprs):
            return [
                "[ " + _by_all(next(iter(e)), [p[1] for p in row if p is not None]) + " ]"
                for e, row in zip(exprs, parts, strict=True)
            ]
    return ["[ " + ",  ".join(text(e) for e in side.row(r)) + " ]" for r in range(side.rows)]


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
