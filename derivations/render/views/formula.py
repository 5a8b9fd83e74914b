"""What a formula shows: its definition, derivative, parameters, sources, conventions, claims."""

from __future__ import annotations

from typing import Any

import sympy as sp

from derivations.catalog.sources import TITLES, document_title, titled
from derivations.checking.report import Report
from derivations.derive.rules import D
from derivations.model import Formula, Math
from derivations.render.views.report import claim_view
from derivations.symbolic.functions import to_definitions
from derivations.symbolic.printing import latex, text


def _placeholder(formula: Formula) -> bool:
    """Whether the definition is only a place holder (a constant: the formula is its claims,
    as the Jacobian chain rule and an MLP's proof obligations are); it is not shown."""
    return not isinstance(formula.definition, sp.MatrixBase) and not formula.definition.free_symbols


def _named(formula: Formula) -> bool:
    """Whether the definition is itself a function applied to the variables (``σ(x)``), and so
    its own left side; any other definition gets the formula's name as its left side."""
    return isinstance(formula.definition, sp.Function) or not formula.variables


def _equation(left: str, definition: str, expanded: str) -> str:
    sides = [left, definition] if left else [definition]
    return " = ".join([*sides, expanded] if expanded != definition else sides)


def _applied_text(formula: Formula) -> str:
    """The left side of the definition in text: ``σ(x)``, ``linear(x)``."""
    if _named(formula):
        return text(formula.definition)
    return f"{formula.name}({', '.join(text(v) for v in formula.variables)})"


def _shown_definition(formula: Formula) -> Math:
    """The definition as shown: with the formula's named intermediates when it has them."""
    return formula.named_definition if formula.named_definition is not None else formula.definition


def _shown_derivative(formula: Formula) -> Math | None:
    """The derivative as shown: with the formula's named intermediates when it has them."""
    return formula.named_derivative if formula.named_derivative is not None else formula.derivative


def intermediates(formula: Formula) -> list[dict[str, str]]:
    r"""The named intermediates as equations in LaTeX and text, in the order they are defined
    (:math:`\mu = \frac{1}{3}(x_1 + x_2 + x_3)`, ``mu = (x1 + x2 + x3)/3``)."""
    return [
        {"equation": f"{latex(name)} = {latex(value)}", "text": f"{text(name)} = {text(value)}"}
        for name, value in formula.intermediates
    ]


def _definition_text(formula: Formula) -> str:
    """The definition as an equation with its left side, followed by its form through exp when
    it uses σ, softplus or softmax: ``σ(x) = 1/(1 + exp(-x))``, ``linear(x) = x``,
    ``swish(x, beta) = x*σ(beta*x) = x/(1 + exp(-beta*x))``. A formula with named
    intermediates is shown in terms of them."""
    if _placeholder(formula):
        return ""
    left = "" if _named(formula) else _applied_text(formula)
    shown = _shown_definition(formula)
    return _equation(left, text(shown), text(to_definitions(shown)))


def _derivative_text(formula: Formula) -> str:
    """The closed-form derivative as an equation: ``d/dx σ(x) = σ(x)*(1 - σ(x))``."""
    shown = _shown_derivative(formula)
    if shown is None:
        return ""
    closed = text(shown)
    variables = ", ".join(text(v) for v in formula.variables)
    if isinstance(formula.definition, sp.MatrixBase):
        return f"∂{formula.name}/∂({variables}) = {closed}"
    if formula.variable is not None:
        return f"d/d{text(formula.variable)} {_applied_text(formula)} = {closed}"
    return f"∇_({variables}) {formula.name} = {closed}"


def latex_name(formula: Formula) -> str:
    r"""The formula's name as an operator: :math:`\operatorname{leaky\_relu}`."""
    return r"\operatorname{" + formula.name.replace("_", r"\_") + "}"


def definition_equation(formula: Formula) -> str:
    """The definition as a LaTeX equation with its left side, as :func:`_definition_text`."""
    if _placeholder(formula):
        return ""
    left = ""
    if not _named(formula):
        variables = ", ".join(latex(v) for v in formula.variables)
        left = rf"{latex_name(formula)}\left({variables}\right)"
    shown = _shown_definition(formula)
    return _equation(left, latex(shown), latex(to_definitions(shown)))


def derivative_lhs(formula: Formula) -> str:
    r"""LaTeX for what the closed form is the derivative of: :math:`\frac{d}{dx} f`, a Jacobian
    :math:`\frac{\partial\,\operatorname{softmax}}{\partial (z_1, z_2, z_3)}`, or a gradient."""
    name = latex_name(formula)
    variables = ", ".join(latex(v) for v in formula.variables)
    if isinstance(formula.definition, sp.MatrixBase):
        return rf"\frac{{\partial\,{name}}}{{\partial \left({variables}\right)}}"
    if formula.variable is not None:
        return latex(D(formula.definition, formula.variable))
    return rf"\nabla_{{\left({variables}\right)}} {name}"


def derivative_equation(formula: Formula) -> str:
    """The closed-form derivative as a LaTeX equation with its left side (``""`` if none), in
    terms of the formula's named intermediates when it has them."""
    shown = _shown_derivative(formula)
    if shown is None:
        return ""
    return f"{derivative_lhs(formula)} = {latex(shown)}"


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
        "definition_equation": definition_equation(formula),
        "intermediates": intermediates(formula),
        "derivative_equation": derivative_equation(formula),
        "variable": text(variable)
        if variable is not None
        else ", ".join(text(v) for v in formula.variables),
        "parameters": [text(p) for p in formula.parameters],
        "derivative": text(formula.derivative) if formula.derivative is not None else "",
        "derivative_text": _derivative_text(formula),
        "derivative_latex": latex(formula.derivative) if formula.derivative is not None else "",
        "derivative_verdict": reference["verdict"] if reference else "",
        "derivative_where": reference["where"] if reference else "",
        # a seed document by its title, its file name kept as the reference
        "sources": [
            titled(f"{s.document}: {s.location}") if s.document in TITLES else titled(str(s))
            for s in formula.sources
        ],
        "source_titles": [document_title(s.document) for s in formula.sources],
        "conventions": [
            {
                "point": c.point,
                "value": c.value,
                "used_by": ", ".join(titled(u) for u in c.used_by) or "—",
            }
            for c in formula.conventions
        ],
        "claims": [c for c in claims if c is not reference],
        # every claim, the derivative's included: the count derive list and derive check give
        "claim_count": len(claims),
    }
