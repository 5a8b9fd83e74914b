"""What the sheet and notes templates print: derivations, formulas and errata as plain data.

Every value here is a string, a number, a boolean, or a list or dict of them;
LaTeX fields are printed by :mod:`derivations.symbolic.printing` and plain-text fields
are escaped by the templates' filters for their format.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from derivations.catalog.sources import DOCUMENTS
from derivations.checking.derivation import CheckedDerivation, CheckedStep
from derivations.checking.report import Report
from derivations.derive.rules import D
from derivations.model import Formula, Kind
from derivations.render.views import MARKS, claim_view, formula_view
from derivations.symbolic.functions import to_definitions
from derivations.symbolic.printing import latex, text

#: Family pages of the notes, in order: kind, file stem, title.
FAMILIES: tuple[tuple[Kind, str, str], ...] = (
    (Kind.ACTIVATION, "activations", "Activations"),
    (Kind.LOSS, "losses", "Losses"),
    (Kind.LAYER, "layers", "Layers"),
    (Kind.IDENTITY, "identities", "Identities"),
)


def step_numbers(depths: Sequence[int]) -> list[str]:
    """Outline numbers for steps nested by depth.

    >>> step_numbers([0, 1, 2, 1, 0])
    ['1', '1.1', '1.1.1', '1.2', '2']
    """
    counters: list[int] = []
    out = []
    for depth in depths:
        del counters[depth + 1 :]
        while len(counters) <= depth:
            counters.append(0)
        counters[depth] += 1
        out.append(".".join(str(c) for c in counters))
    return out


def step_view(checked: CheckedStep, number: str) -> dict[str, Any]:
    step, result = checked.step, checked.result
    return {
        "number": number,
        "depth": step.depth,
        "rule": step.rule,
        "detail": step.detail,
        "equation": step.statement or f"{latex(step.lhs)} = {latex(step.rhs)}",
        "text": step.statement_text or f"{text(step.lhs)} = {text(step.rhs)}",
        "verdict": result.verdict.value,
        "mark": MARKS[result.verdict.value],
        "where": result.where,
        "using": checked.using,
        "reason": result.reason,
    }


def derivation_view(checked: CheckedDerivation | None) -> dict[str, Any] | None:
    if checked is None:
        return None
    numbers = step_numbers([s.step.depth for s in checked.steps])
    steps = [step_view(s, n) for s, n in zip(checked.steps, numbers, strict=True)]
    return {
        "variable": checked.derivation.variable,
        "steps": steps,
        "ok": checked.ok,
        "proved": sum(s["verdict"] == "proved" for s in steps),
        "count": len(steps),
    }


def derivative_lhs(formula: Formula) -> str:
    r"""LaTeX for what the closed form is the derivative of: :math:`\frac{d}{dx} f`, a Jacobian
    :math:`\frac{\partial\,\operatorname{softmax}}{\partial (z_1, z_2, z_3)}`, or a gradient."""
    name = r"\operatorname{" + formula.name.replace("_", r"\_") + "}"
    variables = ", ".join(latex(v) for v in formula.variables)
    if isinstance(formula.definition, sp.MatrixBase):
        return rf"\frac{{\partial\,{name}}}{{\partial \left({variables}\right)}}"
    if formula.variable is not None:
        return latex(D(formula.definition, formula.variable))
    return rf"\nabla_{{\left({variables}\right)}} {name}"


def sheet_view(
    formula: Formula, report: Report, checked: CheckedDerivation | None, plot: str = ""
) -> dict[str, Any]:
    """Everything the sheet of ``formula`` shows; ``plot`` is the relative path of its plot."""
    view = formula_view(formula, report)
    definition = latex(formula.definition)
    expanded = latex(to_definitions(formula.definition))
    derivative_equation = ""
    if formula.derivative is not None:
        derivative_equation = f"{derivative_lhs(formula)} = {latex(formula.derivative)}"
    return {
        **view,
        "definition_equation": definition
        if expanded == definition
        else f"{definition} = {expanded}",
        "derivative_equation": derivative_equation,
        "derivation": derivation_view(checked),
        "plot": plot,
    }


def errata_view(report: Report) -> list[dict[str, Any]]:
    """Every refuted claim of the source documents, grouped by document, then by claim id.

    Only the seed documents' own claims are errata: the tool's deliberately wrong variants
    and the literature's conditional forms cite other sources and are left out.
    """
    rows: list[dict[str, Any]] = []
    for c in report.claims:
        if c.verdict != "refuted":
            continue
        for source in c.sources:
            document, _, location = source.partition(": ")
            if document not in DOCUMENTS:
                continue
            rows.append(
                {**claim_view(c), "document": document, "location": location, "formula": c.formula}
            )
    rows.sort(key=lambda r: (r["document"], r["id"], r["location"]))
    documents: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        documents.setdefault(row["document"], []).append(row)
    return [{"document": d, "entries": entries} for d, entries in documents.items()]
