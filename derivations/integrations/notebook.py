r"""How results show themselves in Jupyter: Markdown with math, and LaTeX.

Importing this module registers these functions (:func:`derivations.display.register`) as
the renderers of :class:`~derivations.model.Result`,
:class:`~derivations.checking.report.ClaimReport`, :class:`~derivations.checking.report.Report` and
:class:`~derivations.checking.answer.Answer`, whose ``_repr_markdown_`` and ``_repr_latex_``
call them; :class:`Sheet` renders itself. Markdown goes
through the ``notebook_*.md.j2`` templates (math in ``$…$`` and ``$$…$$``, which Jupyter
renders with MathJax); LaTeX is one display block, ``$$\begin{array}…\end{array}$$``.
Nothing here prints.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from derivations import display
from derivations.checking.answer import Answer
from derivations.checking.report import ClaimReport, Report
from derivations.model import Formula, Result
from derivations.render.environment import render
from derivations.render.views.formula import (
    definition_equation,
    derivative_equation,
    formula_view,
)
from derivations.render.views.report import claim_view
from derivations.symbolic.printing import latex


def _text(s: str) -> str:
    """Plain text inside LaTeX math: ``\\text{…}`` with the special characters escaped."""
    for old, new in (
        ("\\", r"\textbackslash{}"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("_", r"\_"),
        ("%", r"\%"),
        ("&", r"\&"),
        ("#", r"\#"),
        ("$", r"\$"),
    ):
        s = s.replace(old, new)
    return rf"\text{{{s}}}"


def result_markdown(r: Result) -> str:
    """A verdict with its method, the excluded set, the counterexample and the correction."""

    lines = [f"**{r.verdict.value}**" + (f" ({r.method})" if r.method else "")]
    if r.where:
        lines.append(f"where {r.where}")
    if r.counterexample is not None:
        cx = r.counterexample
        point = ", ".join(f"{k} = {v}" for k, v in cx.point)
        lines.append(f"counterexample at {point}: left side {cx.lhs}, right side {cx.rhs}")
    if r.correction is not None:
        lines.append(f"correct: ${latex(r.correction)}$")
    if r.holds_under:
        lines.append(f"holds when {r.holds_under}")
    if r.reason:
        lines.append(f"reason: {r.reason}")
    return "\n\n".join(lines) + "\n"


def result_latex(r: Result) -> str:
    body = _text(r.verdict.value)
    if r.correction is not None:
        body += r"\quad " + _text("correct: ") + latex(r.correction)
    return f"$${body}$$"


def _claims(claims: list[ClaimReport]) -> list[dict[str, Any]]:
    return [claim_view(c) for c in claims]


def claim_markdown(c: ClaimReport) -> str:
    return render("notebook_claim.md.j2", c=_claims([c])[0])


def report_markdown(report: Report) -> str:
    return render(
        "notebook_report.md.j2", claims=_claims(list(report.claims)), summary=report.summary()
    )


def report_latex(report: Report) -> str:
    """Each claim's verdict beside its statement, one row a claim."""
    rows = [rf"{_text(c.verdict)} & {c.statement} \\" for c in report.claims]
    return "$$\\begin{array}{ll}\n" + "\n".join(rows) + "\n\\end{array}$$"


def claim_latex(c: ClaimReport) -> str:
    return f"$${_text(c.verdict)}\\quad {c.statement}$$"


def answer_markdown(a: Answer) -> str:
    q = a.question
    derivative = ""
    if a.derivative is not None:
        derivative = rf"\frac{{d}}{{d{latex(q.variable)}}}\left({latex(q.expr)}\right) = "
        derivative += latex(a.derivative)
    return render(
        "notebook_answer.md.j2",
        a={"derivative": derivative, "reason": a.reason},
        claims=_claims(list(a.report.claims)),
        summary=a.report.summary(),
    )


def answer_latex(a: Answer) -> str:
    return report_latex(a.report)


def formula_markdown(f: Formula) -> str:
    """A catalog formula as :func:`derivations.lookup` gives it: its definition and derivative
    with their left sides, and its claims (not verified here: :func:`derivations.sheet` does)."""
    return render(
        "notebook_formula.md.j2",
        f=formula_view(f, Report(())),
        count=len(f.claims),
    )


def formula_latex(f: Formula) -> str:
    """The definition and the derivative as one LaTeX display (a row each, when there is one)."""
    rows = []
    if definition_equation(f):
        rows.append(rf"{_text('definition')} & {definition_equation(f)} \\")
    if f.derivative is not None:
        rows.append(rf"{_text('derivative')} & {derivative_equation(f)} \\")
    return "$$\\begin{array}{ll}\n" + "\n".join(rows) + "\n\\end{array}$$"


def _math(content: str, options: dict[str, Any]) -> str:
    """Math for MathJax in an HTML output: ``\\[…\\]`` for a display, ``\\(…\\)`` inline."""
    body = html.escape(content)
    return rf"\[{body}\]" if options.get("display_mode") else rf"\({body}\)"


def to_html(markdown: str) -> str:
    """Markdown with ``$…$`` and ``$$…$$`` math as HTML whose math Jupyter typesets."""
    parser = MarkdownIt("commonmark").enable("table")
    parser.use(dollarmath_plugin, double_inline=True, renderer=_math)
    return parser.render(markdown)


@dataclass(frozen=True, repr=False)
class Sheet:
    """A catalog formula with the verdict of every claim: what :func:`derivations.sheet` gives."""

    formula: Formula
    report: Report

    def __repr__(self) -> str:
        return f"Sheet({self.formula.name!r}, {self.report!r})"

    def html(self) -> str:
        """The sheet as HTML with math (the Markdown sheet, converted)."""
        return to_html(self.markdown())

    def markdown(self) -> str:
        """The sheet as Markdown with math (definition, derivative, every claim)."""
        view = formula_view(self.formula, self.report)
        claims = [c for c in self.report.claims if c.id != f"{self.formula.name}.closed-form"]
        return render(
            "notebook_sheet.md.j2", f=view, claims=_claims(claims), summary=self.report.summary()
        )

    def latex(self) -> str:
        """The definition and the derivative as one LaTeX display."""
        return formula_latex(self.formula)

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_latex_(self) -> str:
        return self.latex()


def _as_html(markdown: Callable[[Any], str]) -> Callable[[Any], str]:
    return lambda value: to_html(markdown(value))


for _type, _markdown, _latex in (
    (Formula, formula_markdown, formula_latex),
    (Result, result_markdown, result_latex),
    (ClaimReport, claim_markdown, claim_latex),
    (Report, report_markdown, report_latex),
    (Answer, answer_markdown, answer_latex),
):
    display.register(_type, "html", _as_html(_markdown))
    display.register(_type, "markdown", _markdown)
    display.register(_type, "latex", _latex)
