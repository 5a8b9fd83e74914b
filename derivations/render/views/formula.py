"""What a formula shows: its definition, derivative, parameters, sources, conventions, claims."""

from __future__ import annotations

from typing import Any

from derivations.checking.report import Report
from derivations.model import Formula
from derivations.render.views.report import claim_view
from derivations.symbolic.functions import to_definitions
from derivations.symbolic.printing import latex, text


def _definition_text(formula: Formula) -> str:
    """The definition, followed by its form through exp when it uses σ, softplus or softmax."""
    shown = text(formula.definition)
    expanded = text(to_definitions(formula.definition))
    return shown if expanded == shown else f"{shown} = {expanded}"


def formula_view(formula: Formula, report: Report) -> dict[str, Any]:
    claims = [claim_view(c) for c in report.claims if c.formula == formula.name]
    reference = next((c for c in claims if c["id"] == f"{formula.name}.closed-form"), None)
    variable = formula.variable
    return {
        "name": formula.name,
        "title": formula.title,
        "kind": formula.kind.value,
        "summary": formula.summary,
        "definition": _definition_text(formula),
        "definition_latex": latex(formula.definition),
        "variable": text(variable)
        if variable is not None
        else ", ".join(text(v) for v in formula.variables),
        "parameters": [text(p) for p in formula.parameters],
        "derivative": text(formula.derivative) if formula.derivative is not None else "",
        "derivative_latex": latex(formula.derivative) if formula.derivative is not None else "",
        "derivative_verdict": reference["verdict"] if reference else "",
        "derivative_where": reference["where"] if reference else "",
        "sources": [str(s) for s in formula.sources],
        "conventions": [
            {"point": c.point, "value": c.value, "used_by": ", ".join(c.used_by) or "—"}
            for c in formula.conventions
        ],
        "claims": [c for c in claims if c is not reference],
        # every claim, the derivative's included: the count derive list and derive check give
        "claim_count": len(claims),
    }
