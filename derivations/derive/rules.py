r"""Differentiation rules as data: a derivative becomes a tree of rule objects.

Modelled on SymPy's ``manualintegrate``: :func:`rule_for` looks the head of an
expression up in a dispatch table and returns a small frozen dataclass whose
docstring states the rule as mathematics, whose ``eval()`` gives the
derivative, and whose ``expansion()`` is the rule applied once, the
derivatives of the parts left unevaluated. Nothing here prints or simplifies
beyond what SymPy does on construction; :mod:`derivations.derive.steps` turns a tree
into the ordered list of equations a derivation shows.

Where no rule applies the tree holds an explicit :class:`NoRule` whose value
is SymPy's ``diff``: the step is shown as such, never silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.symbolic.functions import sigmoid, softmax, softplus
from derivations.symbolic.printing import latex

D = sp.Derivative


@dataclass(frozen=True)
class Rule:
    """``d/dx expr`` by one rule; ``parts`` are the sub-derivatives the rule needs."""

    expr: sp.Expr
    x: sp.Symbol
    name: ClassVar[str] = "rule"

    @property
    def parts(self) -> tuple[Rule, ...]:
        return ()

    @property
    def trivial(self) -> bool:
        """A derivative short enough to substitute inside its parent's step (0, 1, c)."""
        return False

    def eval(self) -> sp.Expr:
        raise NotImplementedError

    def expansion(self) -> sp.Expr:
        """The rule applied once; non-trivial parts stay unevaluated derivatives."""
        return self.eval()

    def detail(self) -> str:
        """LaTeX naming what the rule was applied to (``u = 1 + e^{-x}``); may be empty."""
        return ""


def shown(part: Rule) -> sp.Expr:
    """A part's derivative as its parent's step shows it: its value if trivial, else d/dx."""
    return part.eval() if part.trivial else D(part.expr, part.x)


@dataclass(frozen=True)
class ConstantRule(Rule):
    r""":math:`\frac{d}{dx} c = 0` for :math:`c` free of :math:`x`."""

    name: ClassVar[str] = "constant"

    @property
    def trivial(self) -> bool:
        return True

    def eval(self) -> sp.Expr:
        return sp.Integer(0)


@dataclass(frozen=True)
class VariableRule(Rule):
    r""":math:`\frac{d}{dx} x = 1`."""

    name: ClassVar[str] = "identity"

    @property
    def trivial(self) -> bool:
        return True

    def eval(self) -> sp.Expr:
        return sp.Integer(1)


@dataclass(frozen=True)
class SumRule(Rule):
    r""":math:`(u + v)' = u' + v'`."""

    terms: tuple[Rule, ...] = ()
    name: ClassVar[str] = "sum rule"

    @property
    def parts(self) -> tuple[Rule, ...]:
        return self.terms

    @property
    def trivial(self) -> bool:
        return all(t.trivial for t in self.terms)

    def eval(self) -> sp.Expr:
        return sp.Add(*(t.eval() for t in self.terms))

    def expansion(self) -> sp.Expr:
        return sp.Add(*(shown(t) for t in self.terms))


@dataclass(frozen=True)
class ConstantMultipleRule(Rule):
    r""":math:`(c\,u)' = c\,u'` for :math:`c` free of :math:`x`."""

    constant: sp.Expr = sp.S.One
    other: Rule | None = None
    name: ClassVar[str] = "constant multiple"

    @property
    def inner(self) -> Rule:
        assert self.other is not None
        return self.other

    @property
    def parts(self) -> tuple[Rule, ...]:
        return (self.inner,)

    @property
    def trivial(self) -> bool:
        return self.inner.trivial

    def eval(self) -> sp.Expr:
        return self.constant * self.inner.eval()

    def expansion(self) -> sp.Expr:
        return self.constant * shown(self.inner)


@dataclass(frozen=True)
class ProductRule(Rule):
    r""":math:`(u\,v)' = u'\,v + u\,v'`."""

    u: Rule | None = None
    v: Rule | None = None
    name: ClassVar[str] = "product rule"

    @property
    def parts(self) -> tuple[Rule, ...]:
        assert self.u is not None and self.v is not None
        return (self.u, self.v)

    def eval(self) -> sp.Expr:
        u, v = self.parts
        return u.eval() * v.expr + u.expr * v.eval()

    def expansion(self) -> sp.Expr:
        u, v = self.parts
        return shown(u) * v.expr + u.expr * shown(v)

    def detail(self) -> str:
        u, v = self.parts
        return rf"u = {latex(u.expr)},\ v = {latex(v.expr)}"


@dataclass(frozen=True)
class QuotientRule(Rule):
    r""":math:`\left(\frac{u}{v}\right)' = \frac{u'\,v - u\,v'}{v^2}`."""

    u: Rule | None = None
    v: Rule | None = None
    name: ClassVar[str] = "quotient rule"

    @property
    def parts(self) -> tuple[Rule, ...]:
        assert self.u is not None and self.v is not None
        return (self.u, self.v)

    def eval(self) -> sp.Expr:
        u, v = self.parts
        return (u.eval() * v.expr - u.expr * v.eval()) / v.expr**2

    def expansion(self) -> sp.Expr:
        u, v = self.parts
        return (shown(u) * v.expr - u.expr * shown(v)) / v.expr**2

    def detail(self) -> str:
        u, v = self.parts
        return rf"u = {latex(u.expr)},\ v = {latex(v.expr)}"


# --- Functions of one argument: the outer rules the chain rule combines. -------------------


@dataclass(frozen=True)
class OuterRule(Rule):
    """``d/dx f(x)`` for a function ``f`` whose derivative is known; ``expr = f(x)``.

    ``chain`` states the rule composed with an inner function, in LaTeX.
    """

    chain: ClassVar[str] = ""

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        """:math:`f'(u)`."""
        raise NotImplementedError

    @property
    def argument(self) -> sp.Expr:
        return self.expr.args[0]

    def eval(self) -> sp.Expr:
        return self.derivative_at(self.argument)


@dataclass(frozen=True)
class PowerRule(OuterRule):
    r""":math:`\frac{d}{dx} x^n = n\,x^{n-1}` for :math:`n` free of :math:`x`."""

    name: ClassVar[str] = "power rule"
    chain: ClassVar[str] = r"(u^{n})' = n\,u^{n-1}\,u'"

    @property
    def argument(self) -> sp.Expr:
        return self.expr.args[0]

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        n = self.expr.args[1]
        return n * u ** (n - 1)


@dataclass(frozen=True)
class ExponentialRule(OuterRule):
    r""":math:`\frac{d}{dx} a^x = a^x \ln a` for :math:`a` free of :math:`x`."""

    name: ClassVar[str] = "exponential rule"
    chain: ClassVar[str] = r"(a^{u})' = a^{u} \ln a\,u'"

    @property
    def argument(self) -> sp.Expr:
        return self.expr.args[1]

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        a = self.expr.args[0]
        return a**u * sp.log(a)


@dataclass(frozen=True)
class ExpRule(OuterRule):
    r""":math:`\frac{d}{dx} e^x = e^x`."""

    name: ClassVar[str] = "exp rule"
    chain: ClassVar[str] = r"(e^{u})' = e^{u}\,u'"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return sp.exp(u)


@dataclass(frozen=True)
class LogRule(OuterRule):
    r""":math:`\frac{d}{dx} \ln x = \frac{1}{x}`."""

    name: ClassVar[str] = "log rule"
    chain: ClassVar[str] = r"(\ln u)' = \frac{u'}{u}"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return 1 / u


@dataclass(frozen=True)
class SigmoidRule(OuterRule):
    r""":math:`\sigma'(x) = \sigma(x)\,(1 - \sigma(x))`."""

    name: ClassVar[str] = "derivative of σ"
    chain: ClassVar[str] = r"\sigma(u)' = \sigma(u)\left(1 - \sigma(u)\right) u'"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return sigmoid(u) * (1 - sigmoid(u))


@dataclass(frozen=True)
class TanhRule(OuterRule):
    r""":math:`\tanh'(x) = 1 - \tanh^2(x)`."""

    name: ClassVar[str] = "derivative of tanh"
    chain: ClassVar[str] = r"\tanh(u)' = \left(1 - \tanh^{2}(u)\right) u'"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return 1 - sp.tanh(u) ** 2


@dataclass(frozen=True)
class SoftplusRule(OuterRule):
    r""":math:`\operatorname{softplus}'(x) = \sigma(x)`."""

    name: ClassVar[str] = "derivative of softplus"
    chain: ClassVar[str] = r"\operatorname{softplus}(u)' = \sigma(u)\,u'"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return sigmoid(u)


@dataclass(frozen=True)
class SinhRule(OuterRule):
    r""":math:`\sinh'(x) = \cosh(x)`."""

    name: ClassVar[str] = "derivative of sinh"
    chain: ClassVar[str] = r"\sinh(u)' = \cosh(u)\,u'"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return sp.cosh(u)


@dataclass(frozen=True)
class CoshRule(OuterRule):
    r""":math:`\cosh'(x) = \sinh(x)`."""

    name: ClassVar[str] = "derivative of cosh"
    chain: ClassVar[str] = r"\cosh(u)' = \sinh(u)\,u'"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return sp.sinh(u)


@dataclass(frozen=True)
class AtanRule(OuterRule):
    r""":math:`\arctan'(x) = \frac{1}{1 + x^2}`."""

    name: ClassVar[str] = "derivative of arctan"
    chain: ClassVar[str] = r"\arctan(u)' = \frac{u'}{1 + u^{2}}"

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        return 1 / (1 + u**2)


@dataclass(frozen=True)
class UnspecifiedFunctionRule(OuterRule):
    r""":math:`\frac{d}{dx} f(x) = f'(x)` for a function :math:`f` left unspecified (the
    general chain rule writes :math:`f'(g(x))\,g'(x)`)."""

    name: ClassVar[str] = "derivative of an unspecified function"
    chain: ClassVar[str] = r"f(u)' = f'(u)\,u'"

    @property
    def trivial(self) -> bool:
        return isinstance(self.argument, sp.Symbol)

    def derivative_at(self, u: sp.Expr) -> sp.Expr:
        f = self.expr.func
        if isinstance(u, sp.Symbol):
            return sp.Derivative(f(u), u)
        y = sp.Dummy("y")
        return sp.Subs(sp.Derivative(f(y), y), y, u)


@dataclass(frozen=True)
class ChainRule(Rule):
    r""":math:`\frac{d}{dx} f(u) = f'(u)\,\frac{du}{dx}`, the inner function :math:`u` named."""

    outer: OuterRule | None = None
    inner: Rule | None = None
    name: ClassVar[str] = "chain rule"

    @property
    def parts(self) -> tuple[Rule, ...]:
        assert self.inner is not None
        return (self.inner,)

    @property
    def _outer(self) -> OuterRule:
        assert self.outer is not None
        return self.outer

    def eval(self) -> sp.Expr:
        (inner,) = self.parts
        return self._outer.derivative_at(inner.expr) * inner.eval()

    def expansion(self) -> sp.Expr:
        (inner,) = self.parts
        return self._outer.derivative_at(inner.expr) * shown(inner)

    def detail(self) -> str:
        (inner,) = self.parts
        return rf"u = {latex(inner.expr)},\quad {self._outer.chain}"


# --- Switches: piecewise functions, max, min, |u|, the step function. ----------------------


@dataclass(frozen=True)
class PiecewiseRule(Rule):
    r"""On the open set where case :math:`k` applies, :math:`f' = f_k'`; at the boundaries
    :math:`f` may have no derivative (a kink), which the result leaves to the conventions."""

    cases: tuple[tuple[Rule, sp.Basic], ...] = ()
    name: ClassVar[str] = "piecewise, by cases"

    @property
    def parts(self) -> tuple[Rule, ...]:
        return tuple(r for r, _ in self.cases)

    # evaluate=False keeps one case per region: SymPy would merge equal values into one case
    # whose condition is a long disjunction.
    def eval(self) -> sp.Expr:
        return sp.Piecewise(*((r.eval(), c) for r, c in self.cases), evaluate=False)

    def expansion(self) -> sp.Expr:
        return sp.Piecewise(*((shown(r), c) for r, c in self.cases), evaluate=False)


@dataclass(frozen=True)
class RewriteRule(Rule):
    r""":math:`f = g \implies f' = g'`: the expression is rewritten (its definition, or a
    switch written by regions) and the rewritten form is differentiated."""

    rewritten: sp.Expr = sp.S.Zero
    reason: str = "rewrite"
    then: Rule | None = None
    name: ClassVar[str] = "rewrite"

    @property
    def parts(self) -> tuple[Rule, ...]:
        assert self.then is not None
        return (self.then,)

    def eval(self) -> sp.Expr:
        return self.parts[0].eval()

    def expansion(self) -> sp.Expr:
        return D(self.rewritten, self.x)

    def detail(self) -> str:
        return self.reason


@dataclass(frozen=True)
class SoftmaxRule(Rule):
    r""":math:`\frac{\partial p_i}{\partial z_j} = p_i\,(\delta_{ij} - p_j)` for
    :math:`p = \operatorname{softmax}(z)`; here :math:`x` is one of the logits."""

    name: ClassVar[str] = "derivative of softmax"

    def eval(self) -> sp.Expr:
        i = int(self.expr.args[0])
        logits = self.expr.args[1:]
        j = logits.index(self.x)
        return self.expr * (sp.KroneckerDelta(i, j) - softmax(j, *logits))


@dataclass(frozen=True)
class NoRule(Rule):
    r"""No rule of this module applies: the value is SymPy's ``diff``, shown as such."""

    name: ClassVar[str] = "no rule (SymPy's diff)"

    def eval(self) -> sp.Expr:
        return sp.diff(self.expr, self.x)


# --- Dispatch on the head of the expression. -----------------------------------------------

OUTER: dict[type[sp.Basic], type[OuterRule]] = {
    sp.exp: ExpRule,
    sp.log: LogRule,
    sigmoid: SigmoidRule,
    sp.tanh: TanhRule,
    softplus: SoftplusRule,
    sp.sinh: SinhRule,
    sp.cosh: CoshRule,
    sp.atan: AtanRule,
}


def _outer(expr: sp.Expr, x: sp.Symbol, rule: type[OuterRule], argument: sp.Expr) -> Rule:
    outer = rule(expr, x)
    if argument == x:
        return outer
    return ChainRule(expr, x, outer=outer, inner=rule_for(argument, x))


def _function(expr: sp.Expr, x: sp.Symbol) -> Rule:
    rule = OUTER[type(expr)]
    return _outer(expr, x, rule, expr.args[0])


def _add(expr: sp.Expr, x: sp.Symbol) -> Rule:
    return SumRule(expr, x, terms=tuple(rule_for(t, x) for t in expr.args))


def _mul(expr: sp.Expr, x: sp.Symbol) -> Rule:
    constant, rest = expr.as_independent(x, as_Add=False)
    if constant != 1:
        return ConstantMultipleRule(expr, x, constant=constant, other=rule_for(rest, x))
    return product_rule(expr, x, sp.Mul.make_args(rest), rule_for)


def product_rule(
    expr: sp.Expr,
    x: sp.Expr,
    factors: tuple[sp.Expr, ...],
    recurse: Callable[[sp.Expr, sp.Expr], Rule],
) -> Rule:
    """The quotient rule when some ``factors`` are negative powers (u/v with both named), the
    product rule of the first factor and the rest otherwise; ``recurse`` derives the parts
    (the scalar rules here, or the sized ones of :mod:`derivations.derive.sized_steps`)."""
    below = [f for f in factors if isinstance(f, sp.Pow) and f.exp.is_negative and f.exp.is_number]
    above = [f for f in factors if f not in below]
    if below and above:
        u = sp.Mul(*above)
        v = sp.Mul(*(f.base ** (-f.exp) for f in below))
        return QuotientRule(expr, x, u=recurse(u, x), v=recurse(v, x))
    first, others = factors[0], sp.Mul(*factors[1:])
    return ProductRule(expr, x, u=recurse(first, x), v=recurse(others, x))


def _pow(expr: sp.Expr, x: sp.Symbol) -> Rule:
    base, exponent = expr.args
    if not exponent.has(x):
        return _outer(expr, x, PowerRule, base)
    if not base.has(x):
        return _outer(expr, x, ExponentialRule, exponent)
    return NoRule(expr, x)


def _piecewise(expr: sp.Expr, x: sp.Symbol) -> Rule:
    return PiecewiseRule(expr, x, cases=tuple((rule_for(e, x), c) for e, c in expr.args))


def by_regions(expr: sp.Expr) -> sp.Piecewise | None:
    """``max``, ``min``, ``|u|`` and ``θ(u)`` as a ``Piecewise`` over open regions.

    >>> from sympy import Max, Symbol
    >>> x = Symbol("x", real=True)
    >>> by_regions(Max(0, x))
    Piecewise((0, x < 0), (x, x > 0))
    """
    if isinstance(expr, (sp.Max, sp.Min)):
        args = expr.args

        def wins(a: sp.Expr, b: sp.Expr) -> sp.Basic:
            return sp.Gt(a, b) if isinstance(expr, sp.Max) else sp.Lt(a, b)

        return sp.Piecewise(*((a, sp.And(*(wins(a, b) for b in args if b is not a))) for a in args))
    if isinstance(expr, sp.Abs):
        (u,) = expr.args
        return sp.Piecewise((-u, u < 0), (u, u > 0))
    if isinstance(expr, sp.Heaviside):
        u = expr.args[0]
        return sp.Piecewise((sp.Integer(0), u < 0), (sp.Integer(1), u > 0))
    return None


def _switch(expr: sp.Expr, x: sp.Symbol) -> Rule:
    return switch_rule(expr, x, _piecewise)


def switch_rule(expr: sp.Expr, x: sp.Expr, piecewise: Callable[[sp.Expr, sp.Expr], Rule]) -> Rule:
    """Max, min, |u| or θ written by regions, then differentiated case by case by
    ``piecewise`` (the scalar rules here, or the sized ones of
    :mod:`derivations.derive.sized_steps`)."""
    regions = by_regions(expr)
    if regions is None:  # pragma: no cover - by_regions covers every head dispatched here
        return NoRule(expr, x)
    what = {sp.Max: r"\max", sp.Min: r"\min", sp.Abs: r"|\cdot|", sp.Heaviside: r"\theta"}[
        type(expr)
    ]
    return RewriteRule(
        expr,
        x,
        rewritten=regions,
        reason=rf"{what} \text{{ written by regions}}",
        then=piecewise(regions, x),
    )


def _softmax(expr: sp.Expr, x: sp.Symbol) -> Rule:
    logits = expr.args[1:]
    if x in logits and all(z == x or not z.has(x) for z in logits):
        return SoftmaxRule(expr, x)
    return NoRule(expr, x)


DISPATCH: dict[type[sp.Basic], Callable[[sp.Expr, sp.Symbol], Rule]] = {
    sp.Add: _add,
    sp.Mul: _mul,
    sp.Pow: _pow,
    sp.Piecewise: _piecewise,
    sp.Max: _switch,
    sp.Min: _switch,
    sp.Abs: _switch,
    sp.Heaviside: _switch,
    softmax: _softmax,
    **{head: _function for head in OUTER},
}


def rule_for(expr: sp.Expr, x: sp.Symbol) -> Rule:
    """The rule tree of :math:`\\frac{d}{dx}` ``expr``."""
    if isinstance(expr, int):  # a literal 0 or 1 written in the catalog
        expr = sp.Integer(expr)
    if expr == x:
        return VariableRule(expr, x)
    if not expr.has(x):
        return ConstantRule(expr, x)
    if isinstance(expr, AppliedUndef) and len(expr.args) == 1:
        return _outer(expr, x, UnspecifiedFunctionRule, expr.args[0])
    handler = DISPATCH.get(type(expr))
    return handler(expr, x) if handler else NoRule(expr, x)
