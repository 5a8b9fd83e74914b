r"""Check my answer: differentiate a typed expression, or verify a typed derivative.

``question(text, wrt=..., claim=...)`` parses the expression (and the claimed
derivative) with the whitelist parser and picks the variable;
``answer(question, budget=...)`` computes the readable derivative
:math:`\frac{d}{dx} f` in a killable child process, verifies the claim
:math:`\frac{d}{dx} f = g` (the user's ``g``, or the computed derivative when
none is given) with :func:`derivations.verifier.core.verify` through
:func:`derivations.checking.report.check`, and derives :math:`\frac{d}{dx} f` step by step
(:mod:`derivations.derive.steps`), every step verified (:mod:`derivations.checking.derivation`).
Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations.checking.budget import Budget, run_bounded
from derivations.checking.derivation import CheckedDerivation, check_derivation_bounded
from derivations.checking.report import Report, check
from derivations.display import Displayable
from derivations.errors import InputError
from derivations.model import Claim, Formula, Kind, Source, Verdict
from derivations.read.expression import ExpressionError, parse
from derivations.read.safe import Refused
from derivations.read.shapes import Shapes, check_layout
from derivations.read.typed_shapes import declared as declared_shapes
from derivations.symbolic.matrix_calculus import LAYOUTS, LayoutDerivative
from derivations.symbolic.printing import natural_key, text
from derivations.verifier.core import readable

FORMULA_NAME = "expression"
DEFAULT_BUDGET = Budget()


@dataclass(frozen=True)
class Question:
    """An expression, the variable to differentiate by, and the user's claimed derivative.

    The variable is a symbol, a component of a declared vector or matrix (``z[i]``), or a whole
    declared vector or matrix; by a whole one the derivative is taken in ``layout``, and with
    no layout the claim is read in each layout its shape allows (proved when one holds).
    """

    expr: sp.Expr
    variable: sp.Basic
    claim: sp.Expr | None = None
    layout: str | None = None


@dataclass(frozen=True, repr=False)
class Answer(Displayable):
    """The question, its readable derivative (``None`` past the budget), the verdict, and the
    derivation with every step checked (``None`` when there is no derivative to reach)."""

    question: Question
    derivative: sp.Expr | None
    report: Report
    reason: str = ""
    formula: Formula | None = None  # None only for an Answer built by hand
    derivation: CheckedDerivation | None = None

    @property
    def verdict(self) -> str:
        return self.report.claims[0].verdict if self.report.claims else Verdict.UNKNOWN.value

    def __repr__(self) -> str:
        q = self.question
        claimed = "" if q.claim is None else f" = {text(q.claim)}"
        return f"Answer(d/d{q.variable} {text(q.expr)}{claimed}: {self.verdict})"


def _is_component(e: sp.Basic) -> bool:
    return isinstance(e, MatrixElement) and isinstance(e.parent, sp.MatrixSymbol)


def _variable(expr: sp.Expr, wrt: str | None, declared: Shapes) -> sp.Basic:
    if wrt is not None:
        try:
            variable = parse(wrt, declared=declared)
        except ExpressionError as exc:
            raise exc.located("--wrt") from None
        if isinstance(variable, sp.MatrixSymbol) or _is_component(variable):
            return variable
        if not isinstance(variable, sp.Symbol) or variable.is_integer:
            raise InputError(f"--wrt: {wrt!r} is not a variable name")
        return variable
    symbols = sorted(
        (s for s in expr.free_symbols if not s.is_integer),  # sizes and indices are not variables
        key=lambda s: natural_key(s.name),
    )
    if len(symbols) == 1:
        return symbols[0]
    if not symbols:
        raise InputError("the expression has no variable; name one with --wrt")
    names = ", ".join(str(s) for s in symbols)
    raise InputError(f"the expression has several variables ({names}); choose one with --wrt")


def question(
    text: str,
    *,
    wrt: str | None = None,
    claim: str | None = None,
    shape: Sequence[str] = (),
    layout: str | None = None,
) -> Question:
    """Parse ``text`` and ``claim`` with the shapes ``shape`` declares (``x=n``, ``A=m,n``) and
    those the sums state (:mod:`derivations.read.typed_shapes`); bad input raises an
    :class:`InputError` (exit 2)."""
    written = [t for t in (text, wrt, claim) if t is not None]
    declared = declared_shapes(shape, written)
    if layout is not None:
        try:
            layout = check_layout(layout)
        except Refused as exc:
            raise InputError(f"--layout: {exc}") from None
    try:
        expr = parse(text, declared=declared)
    except ExpressionError as exc:
        raise exc.located("expression") from None
    claimed = None
    if claim is not None:
        try:
            claimed = parse(claim, declared=declared)
        except ExpressionError as exc:
            raise exc.located("--claim") from None
    variable = _variable(expr, wrt, declared)
    if isinstance(expr, sp.MatrixExpr) and not isinstance(variable, sp.MatrixSymbol):
        raise InputError("the expression is a vector or matrix: differentiate it by a vector")
    if not isinstance(variable, sp.MatrixSymbol):
        if layout is not None:
            raise InputError(f"--layout: {wrt or variable} is not a vector or matrix")
        return Question(expr, variable, claimed)
    if claimed is None:
        raise InputError(
            f"--wrt {variable.name}: derive computes no derivative by a whole vector or "
            "matrix; give yours with --claim and it is verified"
        )
    for each in LAYOUTS if layout is None else (layout,):
        try:
            LayoutDerivative(expr, variable, each)
        except (TypeError, ValueError) as exc:
            raise InputError(f"--wrt {variable.name}: {exc}") from None
    return Question(expr, variable, claimed, layout)


def derivative(expr: sp.Expr, variable: sp.Basic) -> sp.Expr:
    r"""The derivative in the notes' own terms (σ' = σ(1 − σ)); verified separately. A sum
    whose term holds a Kronecker delta is summed
    (:math:`\sum_k e^{z_k} \delta_{ki} = e^{z_i}`)."""
    value = readable(sp.Derivative(expr, variable))
    assert isinstance(value, sp.Expr)
    summed = value.replace(
        lambda e: isinstance(e, sp.Sum) and e.has(sp.KroneckerDelta), lambda e: e.doit()
    )
    assert isinstance(summed, sp.Expr)
    return summed


#: Where the claims of an answer come from.
YOURS = Source("command line", "--claim")
COMPUTED = Source("derive", "derivative computed by derive")


def _readings(q: Question, rhs: sp.Expr) -> tuple[tuple[str, sp.Basic, sp.Expr], ...]:
    r""":math:`\partial f / \partial X` in the question's layout, else in each layout whose
    shape is the shape of ``rhs`` (in both when neither or both are)."""
    layouts = LAYOUTS if q.layout is None else (q.layout,)
    sides = [(f"{each} layout", LayoutDerivative(q.expr, q.variable, each)) for each in layouts]
    shape = rhs.shape if isinstance(rhs, sp.MatrixExpr) else (1, 1)
    fitting = [(name, lhs) for name, lhs in sides if tuple(lhs.shape) == tuple(shape)]
    chosen = fitting if len(fitting) == 1 else sides
    return tuple((name, lhs, rhs) for name, lhs in chosen)


def _claim(q: Question, rhs: sp.Expr, *, yours: bool) -> Claim:
    r""":math:`\frac{d}{dx} f =` ``rhs``: the user's derivative, or the one derive computed.
    By a whole vector or matrix, one reading per layout it may be read in."""
    lhs: sp.Basic = sp.Derivative(q.expr, q.variable)
    readings: tuple[tuple[str, sp.Basic, sp.Expr], ...] = ()
    if isinstance(q.variable, sp.MatrixSymbol):
        readings = _readings(q, rhs)
        lhs = readings[0][1]
        readings = readings if len(readings) > 1 else ()
    return Claim(
        id=f"{FORMULA_NAME}.{'claim' if yours else 'closed-form'}",
        title="your derivative" if yours else "derivative",
        lhs=lhs,
        rhs=rhs,
        sources=(YOURS if yours else COMPUTED,),
        expected=Verdict.PROVED,
        readings=readings,
    )


def _formula(q: Question, computed: sp.Expr | None) -> Formula:
    """The expression as a formula: the user's claim first (the answer's verdict), then the
    computed derivative as the formula's closed form, verified like a catalog formula's."""
    claims = [] if q.claim is None else [_claim(q, q.claim, yours=True)]
    if computed is not None:
        claims.append(_claim(q, computed, yours=False))
    return Formula(
        name=FORMULA_NAME,
        kind=Kind.IDENTITY,
        title="Your expression",
        summary=f"The derivative of {text(q.expr)} with respect to {text(q.variable)}.",
        variables=(q.variable,),
        variable=q.variable,
        definition=q.expr,
        derivative=computed,
        sources=(YOURS if q.claim is not None else COMPUTED,),
        claims=tuple(claims),
    )


def answer(q: Question, *, budget: Budget = DEFAULT_BUDGET, use_cache: bool = True) -> Answer:
    """Differentiate within ``budget``, verify the claims and every step of the derivation
    (each its own child process); ``use_cache``: the claims' verdicts cached before. By a
    whole vector or matrix only the user's claim is verified: no closed form is computed."""
    if isinstance(q.variable, sp.MatrixSymbol):
        formula = _formula(q, None)
        report = check([formula], budget=budget, jobs=1, use_cache=use_cache)
        return Answer(q, None, report, formula=formula)
    outcome = run_bounded(derivative, (q.expr, q.variable), budget)
    computed = outcome.value
    formula = _formula(q, computed)
    report = (
        check([formula], budget=budget, jobs=1, use_cache=use_cache)
        if formula.claims
        else Report(())
    )
    if computed is None:
        return Answer(q, None, report, reason=f"no derivative: {outcome.error}", formula=formula)
    derivation = check_derivation_bounded(formula, budget, jobs=1)
    return Answer(q, computed, report, formula=formula, derivation=derivation)
