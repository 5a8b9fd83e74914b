"""What a checked derivation shows: its steps, numbered by depth, each with its verdict.

A formula with named intermediates (batch normalization's μ, σ², x̂_i) has its steps shown
with the names folded back in (:func:`derivations.symbolic.intermediates.folded`), as its
definition is; the steps were verified on the expanded expressions, and each name stands for
its value, so the equations shown are the same equations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from derivations.checking.derivation import CheckedDerivation, CheckedStep
from derivations.render.views.report import MARKS
from derivations.symbolic.intermediates import folded
from derivations.symbolic.printing import latex, text

Intermediates = Sequence[tuple[sp.Symbol, Any]]


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


def step_view(
    checked: CheckedStep, number: str, intermediates: Intermediates = ()
) -> dict[str, Any]:
    step, result = checked.step, checked.result
    lhs, rhs = (folded(side, intermediates) for side in (step.lhs, step.rhs))
    return {
        "number": number,
        "depth": step.depth,
        "rule": step.rule,
        "detail": step.detail,
        "equation": step.statement or f"{latex(lhs)} = {latex(rhs)}",
        "text": step.statement_text or f"{text(lhs)} = {text(rhs)}",
        "verdict": result.verdict.value,
        "mark": MARKS[result.verdict.value],
        "where": result.where,
        "using": checked.using,
        "reason": result.reason,
    }


def derivation_view(
    checked: CheckedDerivation | None, intermediates: Intermediates = ()
) -> dict[str, Any] | None:
    """The steps of ``checked``, written with the formula's ``intermediates``."""
    if checked is None:
        return None
    numbers = step_numbers([s.step.depth for s in checked.steps])
    steps = [step_view(s, n, intermediates) for s, n in zip(checked.steps, numbers, strict=True)]
    return {
        "variable": checked.derivation.variable,
        "steps": steps,
        "ok": checked.ok,
        "proved": sum(s["verdict"] == "proved" for s in steps),
        "count": len(steps),
    }
