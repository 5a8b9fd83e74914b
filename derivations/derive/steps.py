r"""Derivations: the ordered equations a teacher writes, each with the rule that justifies it.

A :class:`Derivation` is a tuple of :class:`Step` values ``lhs = rhs``. For a
scalar formula :math:`f(x)` the steps are

1. the definition, when :math:`f` is a named function (σ, tanh, softplus):
   :math:`\frac{d}{dx}\sigma(x) = \frac{d}{dx}\frac{1}{1 + e^{-x}}`;
2. the rule tree of :mod:`derivations.derive.rules` in pre-order: each rule applied once
   (the parts' derivatives left unevaluated), the parts' own steps, then the
   parts' values substituted;
3. algebra that tidies the result (only when it is shorter);
4. a rewrite to the closed form the catalog records (``formula.derivative``),
   e.g. :math:`\frac{e^{-x}}{(1 + e^{-x})^2} = \sigma(x)(1 - \sigma(x))`;
5. the conclusion :math:`f'(x) = ` closed form.

Vector formulas derive element-wise (one sub-derivation per partial
derivative) and assemble the Jacobian or gradient; the softmax derives
:math:`\partial p_i/\partial z_j` by the quotient rule, splits the cases
:math:`i = j` and :math:`i \ne j`, and assembles :math:`\operatorname{diag}(p) - pp^\top`.

Nothing here decides whether a step is true: :mod:`derivations.checking.derivation`
makes every step a claim and runs the verifier on it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from derivations.derive.derivation import Derivation, Step, linearize, tidy_math
from derivations.derive.rules import D, RewriteRule, Rule, rule_for
from derivations.model import Formula, Math
from derivations.symbolic.functions import sigmoid, softmax, softplus, to_definitions
from derivations.symbolic.printing import latex

#: Functions a formula may be named after; its derivation starts from their definition.
NAMED = (sigmoid, softplus, sp.tanh)


# --- Scalar expressions. -------------------------------------------------------------------


def _named_rule(expr: sp.Expr, x: sp.Symbol) -> Rule:
    """The rule tree of a formula's definition: a named function starts from its definition."""
    if isinstance(expr, NAMED) and expr.args[0] == x:
        rewritten = to_definitions(expr)
        if rewritten != expr:
            name = latex(type(expr)(sp.Symbol("x")))
            return RewriteRule(
                expr,
                x,
                rewritten=rewritten,
                reason=rf"\text{{definition of }} {name}",
                then=rule_for(rewritten, x),
            )
    return rule_for(expr, x)


def _rewrite_detail(closed: Math) -> str:
    names = [
        (sigmoid, r"\sigma"),
        (sp.tanh, r"\tanh"),
        (softplus, r"\operatorname{softplus}"),
        (softmax, "p"),
        (sp.Heaviside, r"\theta"),
    ]
    used = [tex for head, tex in names if closed.has(head)]
    return rf"\text{{in terms of }} {', '.join(used)}" if used else r"\text{the closed form}"


def _finish(lhs: Math, raw: Math, closed: Math | None, depth: int = 0) -> tuple[list[Step], Math]:
    """Tidy ``raw``, rewrite it to ``closed`` and conclude ``lhs = closed``."""
    steps: list[Step] = []
    current = raw
    tidied = tidy_math(raw)
    if tidied != raw:
        steps.append(Step(raw, tidied, "algebra", r"\text{expand and collect}", depth))
        current = tidied
    if closed is None:
        return steps, current
    if closed != current:
        steps.append(Step(current, closed, "rewrite", _rewrite_detail(closed), depth))
    steps.append(Step(lhs, closed, "conclusion", r"\text{the steps above}", depth))
    return steps, closed


def derive_scalar(
    expr: sp.Expr, x: sp.Symbol, closed: Math | None = None
) -> tuple[list[Step], Math]:
    """The steps of :math:`\\frac{d}{dx}` ``expr``, ending at ``closed`` when given."""
    rule = _named_rule(expr, x)
    steps = linearize(rule)
    finish, result = _finish(D(expr, x), rule.eval(), closed)
    return steps + finish, result


# --- Vector formulas. ----------------------------------------------------------------------


def _softmax_logits(definition: Math, variables: Sequence[sp.Symbol]) -> tuple[sp.Expr, ...] | None:
    """The logits when ``definition`` is the column ``softmax(z)`` of the formula's variables."""
    if not isinstance(definition, sp.MatrixBase) or definition.cols != 1:
        return None
    entries = list(definition)
    if not all(isinstance(p, softmax) for p in entries):
        return None
    logits = entries[0].args[1:]
    if tuple(logits) != tuple(variables) or [int(p.args[0]) for p in entries] != list(
        range(len(logits))
    ):
        return None
    return tuple(logits)


def derive_softmax(logits: tuple[sp.Expr, ...], closed: Math | None) -> tuple[list[Step], Math]:
    r"""The softmax Jacobian: element-wise by the quotient rule, the two cases, the matrix form.

    Each step is a matrix equation over every :math:`(i, j)` at the catalog's
    :math:`n`; its statement is printed with a generic index.
    """
    n = len(logits)
    p = [softmax(i, *logits) for i in range(n)]
    e = [sp.exp(z) for z in logits]
    total = sp.Add(*e)
    delta = sp.KroneckerDelta

    def grid(entry: object) -> sp.ImmutableMatrix:
        return sp.ImmutableMatrix(n, n, lambda i, j: entry(int(i), int(j)))  # type: ignore[operator]

    jac = grid(lambda i, j: D(p[i], logits[j]))
    defined = grid(lambda i, j: D(e[i] / total, logits[j]))
    quotient = grid(
        lambda i, j: (D(e[i], logits[j]) * total - e[i] * D(total, logits[j])) / total**2
    )
    substituted = grid(lambda i, j: (delta(i, j) * e[i] * total - e[i] * e[j]) / total**2)
    in_p = grid(lambda i, j: p[i] * (delta(i, j) - p[j]))
    cases = grid(lambda i, j: p[i] * (1 - p[i]) if i == j else -p[i] * p[j])
    diagonal_lhs = sp.ImmutableMatrix([D(p[i], logits[i]) for i in range(n)])
    diagonal = sp.ImmutableMatrix([p[i] * (1 - p[i]) for i in range(n)])
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    off_lhs = sp.ImmutableMatrix([D(p[i], logits[j]) for i, j in pairs])
    off = sp.ImmutableMatrix([-p[i] * p[j] for i, j in pairs])

    sums = r"\sum_k e^{z_k}"
    dp = r"\frac{\partial p_i}{\partial z_j}"
    steps = [
        Step(
            jac,
            defined,
            "rewrite",
            r"\text{definition of softmax}",
            0,
            rf"{dp} = \frac{{\partial}}{{\partial z_j}} \frac{{e^{{z_i}}}}{{{sums}}}",
            "∂p_i/∂z_j = ∂/∂z_j [e^{z_i} / Σ_k e^{z_k}]",
        ),
        Step(
            defined,
            quotient,
            "quotient rule",
            rf"u = e^{{z_i}},\ v = {sums}",
            0,
            rf"{dp} = \frac{{\frac{{\partial e^{{z_i}}}}{{\partial z_j}} {sums} - e^{{z_i}}"
            rf" \frac{{\partial}}{{\partial z_j}} {sums}}}{{\left({sums}\right)^2}}",
            "∂p_i/∂z_j = (∂e^{z_i}/∂z_j · Σ_k e^{z_k} − e^{z_i} · ∂(Σ_k e^{z_k})/∂z_j)"
            " / (Σ_k e^{z_k})^2",
        ),
        Step(
            quotient,
            substituted,
            "exp rule and sum rule",
            r"\frac{\partial e^{z_i}}{\partial z_j} = \delta_{ij} e^{z_i},\ "
            rf"\frac{{\partial}}{{\partial z_j}} {sums} = e^{{z_j}}",
            1,
            rf"{dp} = \frac{{\delta_{{ij}} e^{{z_i}} {sums} - e^{{z_i}} e^{{z_j}}}}"
            rf"{{\left({sums}\right)^2}}",
            "∂p_i/∂z_j = (δ_ij e^{z_i} Σ_k e^{z_k} − e^{z_i} e^{z_j}) / (Σ_k e^{z_k})^2",
        ),
        Step(
            substituted,
            in_p,
            "rewrite",
            rf"p_i = \frac{{e^{{z_i}}}}{{{sums}}}",
            0,
            rf"{dp} = p_i\left(\delta_{{ij}} - p_j\right)",
            "∂p_i/∂z_j = p_i (δ_ij − p_j)",
        ),
        Step(
            diagonal_lhs,
            diagonal,
            "case i = j",
            r"\delta_{ii} = 1",
            1,
            r"\frac{\partial p_i}{\partial z_i} = p_i\left(1 - p_i\right)",
            "∂p_i/∂z_i = p_i (1 − p_i)",
        ),
        Step(
            off_lhs,
            off,
            "case i ≠ j",
            r"\delta_{ij} = 0",
            1,
            r"\frac{\partial p_i}{\partial z_j} = -p_i p_j \quad (i \ne j)",
            "∂p_i/∂z_j = −p_i p_j   (i ≠ j)",
        ),
        Step(
            jac,
            cases,
            "assembly",
            r"\text{the two cases as one matrix}",
            0,
            r"\frac{\partial \boldsymbol{p}}{\partial \boldsymbol{z}} = "
            r"\begin{pmatrix} p_1(1-p_1) & -p_1p_2 & \cdots \\ -p_2p_1 & p_2(1-p_2) & \cdots \\"
            r" \vdots & \vdots & \ddots \end{pmatrix}",
            "∂p/∂z = [p_i(1 − p_i) on the diagonal, −p_i p_j off it]",
        ),
    ]
    result: Math = cases
    if closed is not None:
        steps.append(
            Step(
                cases,
                closed,
                "rewrite",
                r"\text{matrix form}",
                0,
                r"\frac{\partial \boldsymbol{p}}{\partial \boldsymbol{z}} = "
                r"\operatorname{diag}(\boldsymbol{p}) - \boldsymbol{p}\boldsymbol{p}^\top",
                "∂p/∂z = diag(p) − p pᵀ",
            )
        )
        result = closed
    return steps, result


def _entrywise(
    outputs: Sequence[sp.Expr], variables: Sequence[sp.Symbol], closed: Math | None, column: bool
) -> tuple[list[Step], Math]:
    """Every partial derivative by its own sub-derivation, then the matrix assembled."""
    steps: list[Step] = []
    raw = []
    for output in outputs:
        row = []
        for v in variables:
            tree = rule_for(output, v)
            sub = linearize(tree)
            steps += sub
            row.append(tree.eval())
        raw.append(row)
    if column:
        lhs = sp.ImmutableMatrix([D(outputs[0], v) for v in variables])
        value = sp.ImmutableMatrix(raw[0])
        rule = "gradient"
    else:
        lhs = sp.ImmutableMatrix([[D(o, v) for v in variables] for o in outputs])
        value = sp.ImmutableMatrix(raw)
        rule = "Jacobian"
    steps.append(Step(lhs, value, "assembly", rf"\text{{the {rule}, entry by entry}}", 0))
    finish, result = _finish(lhs, value, closed)
    return steps + finish, result


# --- A formula. ----------------------------------------------------------------------------


def derive_explicit(formula: Formula) -> Derivation | None:
    """The derivation of a formula written out (scalars, explicit vectors and matrices).

    The shapes follow the catalog's reference claim: a matrix definition gets its
    Jacobian over ``formula.variables``, a scalar with a ``variable`` its derivative,
    any other scalar its gradient as a column.
    """
    definition, closed = formula.definition, formula.derivative
    if not definition.free_symbols:  # a constant: the formula's claims carry the content
        return None
    if isinstance(definition, sp.MatrixBase):
        logits = _softmax_logits(definition, formula.variables)
        if logits is not None:
            steps, result = derive_softmax(logits, closed)
        else:
            steps, result = _entrywise(list(definition), formula.variables, closed, column=False)
        variable = ", ".join(v.name for v in formula.variables)
    elif formula.variable is not None:
        steps, result = derive_scalar(definition, formula.variable, closed)
        variable = formula.variable.name
    elif formula.variables:
        steps, result = _entrywise([definition], formula.variables, closed, column=True)
        variable = ", ".join(v.name for v in formula.variables)
    else:
        return None
    return Derivation(formula.name, variable, tuple(steps), result)
