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

from dataclasses import dataclass

import sympy as sp

from derivations.checking.budget import Budget, run_bounded
from derivations.checking.derivation import CheckedDerivation, check_derivation_bounded
from derivations.checking.report import Report, check
from derivations.display import Displayable
from derivations.errors import InputError
from derivations.model import Claim, Formula, Kind, Source, Verdict
from derivations.read.expression import ExpressionError, parse
from derivations.symbolic.printing import text
from derivations.verifier.core import readable

FORMULA_NAME = "expression"
DEFAULT_BUDGET = Budget()


@dataclass(frozen=True)
class Question:
    """An expression, the variable to differentiate by, and the user's claimed derivative."""

    expr: sp.Expr
    variable: sp.Symbol
    claim: sp.Expr | None = None


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


def _variable(expr: sp.Expr, wrt: str | None) -> sp.Symbol:
    if wrt is not None:
        try:
            variable = parse(wrt)
        except ExpressionError as exc:
            raise exc.located("--wrt") from None
        if not isinstance(variable, sp.Symbol):
            raise InputError(f"--wrt: {wrt!r} is not a variable name")
        return variable
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    if len(symbols) == 1:
        return symbols[0]
    if not symbols:
        raise InputError("the expression has no variable; name one with --wrt")
    names = ", ".join(s.name for s in symbols)
    raise InputError(f"the expression has several variables ({names}); choose one with --wrt")


def question(text: str, *, wrt: str | None = None, claim: str | None = None) -> Question:
    """Parse ``text`` and ``claim`` (bad input raises :class:`ExpressionError`, exit 2)."""
    try:
        expr = parse(text)
    except ExpressionError as exc:
        raise exc.located("expression") from None
    claimed = None
    if claim is not None:
        try:
            claimed = parse(claim)
        except ExpressionError as exc:
            raise exc.located("--claim") from None
    return Question(expr, _variable(expr, wrt), claimed)


def derivative(expr: sp.Expr, variable: sp.Symbol) -> sp.Expr:
    """The derivative in the notes' own terms (σ' = σ(1 − σ)); verified separately."""
    value = readable(sp.Derivative(expr, variable))
    assert isinstance(value, sp.Expr)
    return value


#: Where the claims of an answer come from.
YOURS = Source("command line", "--claim")
COMPUTED = Source("derive", "derivative computed by derive")


def _claim(q: Question, rhs: sp.Expr, *, yours: bool) -> Claim:
    r""":math:`\frac{d}{dx} f =` ``rhs``: the user's derivative, or the one derive computed."""
    return Claim(
        id=f"{FORMULA_NAME}.{'claim' if yours else 'closed-form'}",
        title="your derivative" if yours else "derivative",
        lhs=sp.Derivative(q.expr, q.variable),
        rhs=rhs,
        sources=(YOURS if yours else COMPUTED,),
        expected=Verdict.PROVED,
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
        summary=f"The derivative of {text(q.expr)} with respect to {q.variable.name}.",
        variables=(q.variable,),
        variable=q.variable,
        definition=q.expr,
        derivative=computed,
        sources=(YOURS if q.claim is not None else COMPUTED,),
        claims=tuple(claims),
    )


def answer(q: Question, *, budget: Budget = DEFAULT_BUDGET, use_cache: bool = True) -> Answer:
    """Differentiate within ``budget``, verify the claims and every step of the derivation
    (each its own child process); ``use_cache``: the claims' verdicts cached before."""
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
