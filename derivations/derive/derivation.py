r"""A derivation as data: the ordered steps ``lhs = rhs``, each with the rule that justifies it.

:func:`linearize` turns a rule tree of :mod:`derivations.derive.rules` into steps; the scalar
derivations (:mod:`derivations.derive.steps`) and the ones at a symbolic size
(:mod:`derivations.derive.sized_steps`) share it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from derivations.derive.rules import D, Rule
from derivations.model import Math


@dataclass(frozen=True)
class Step:
    """One equation ``lhs = rhs`` of a derivation and the rule that justifies it.

    ``detail`` is LaTeX naming what the rule was applied to (``u = 1 + e^{-x}``);
    ``depth`` nests the steps of a part under the step that needed it;
    ``statement`` and ``statement_text`` replace the printed ``lhs = rhs`` where
    that would be unreadable (a generic index ``i, j`` for a matrix checked at
    ``n = 3``).
    """

    lhs: Math
    rhs: Math
    rule: str
    detail: str = ""
    depth: int = 0
    statement: str = ""
    statement_text: str = ""


@dataclass(frozen=True)
class Derivation:
    """The derivation of a formula's derivative: its steps and the value they reach."""

    formula: str
    variable: str
    steps: tuple[Step, ...]
    result: Math


def linearize(
    rule: Rule,
    depth: int = 0,
    *,
    step: StepMaker = Step,
    closing: Closing | None = None,
) -> list[Step]:
    """The steps of a rule tree in pre-order: the rule applied, its parts, the substitution.

    ``step`` builds each step (the sized derivations print softmax components as
    :math:`p_t`); ``closing`` may replace the closing substitution of a rule with steps of
    its own (a sum over an index closes with the sifting step), or return ``None``.
    """
    lhs = D(rule.expr, rule.x)
    expansion, value = rule.expansion(), rule.eval()
    steps = [step(lhs, expansion, rule.name, rule.detail(), depth)]
    shown_parts = [p for p in rule.parts if not p.trivial]
    for part in shown_parts:
        steps += linearize(part, depth + 1, step=step, closing=closing)
    special = closing(rule, lhs, expansion, value, depth) if closing is not None else None
    if special is not None:
        steps += special
    elif shown_parts and expansion != value:
        steps.append(step(lhs, value, "substitution", r"\text{the derivatives above}", depth))
    return steps


def _fraction_expanded(expr: sp.Expr) -> sp.Expr:
    numerator, denominator = sp.fraction(expr)
    return sp.expand(numerator) / denominator


def tidy(expr: sp.Expr) -> sp.Expr:
    """The shortest of a few light rewrites of ``expr`` (never ``simplify``, whose
    hyperbolic forms nobody writes)."""
    candidates = [expr, sp.factor_terms(expr), _fraction_expanded(expr)]
    return min(candidates, key=lambda e: (sp.count_ops(e), sp.srepr(e)))


def tidy_math(value: Math) -> Math:
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(tidy))
    return tidy(value)


#: ``step(lhs, rhs, rule, detail, depth)``: how :func:`linearize` builds a step.
StepMaker = Callable[[Math, Math, str, str, int], "Step"]
#: ``closing(rule, lhs, expansion, value, depth)``: steps that close ``rule``, or ``None``.
Closing = Callable[[Rule, Math, Math, Math, int], "list[Step] | None"]
