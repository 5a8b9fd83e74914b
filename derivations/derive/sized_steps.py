r"""Derivations at a symbolic size :math:`n`: sums over indices, components and Kronecker deltas.

A formula stated for vectors of any length (each catalog family's ``sized`` module, with
the symbols of :mod:`derivations.catalog.any_size`) is a scalar expression in components
:math:`z_t` of an indexed vector and sums :math:`\sum_{k=1}^{n}`. It derives
with the rules of :mod:`derivations.derive.rules` (sum, constant multiple, product,
quotient, power, chain, exp, log, σ, regions for max) and three rules of its
own, each an identity for every :math:`n`:

* **component**: :math:`\frac{\partial z_t}{\partial z_j} = \delta_{tj}`, so a
  component with another index is *not* a constant (for the entries of a matrix symbol,
  :math:`\partial W_{rs} / \partial W_{pq} = \delta_{rp}\delta_{sq}`; a 1×1 matrix
  expression such as :math:`w^\top A w` is taken as its entry, a sum over indices);
* **sum over an index**: :math:`\frac{\partial}{\partial z_j} \sum_k f_k = \sum_k
  \frac{\partial f_k}{\partial z_j}`, followed by **linearity and sifting**
  (:math:`\sum_k \delta_{kj} a_k = a_j`, constants pulled out of the sum);
* **softmax**: inside a larger expression, :math:`p_t = e^{z_t} / \sum_k e^{z_k}`
  has the derivative :math:`p_t(\delta_{tj} - p_j)` derived by ``softmax_n``.

The derivative is then carried to the value the formula's proved claim
records, split into the cases of its deltas (:math:`i = j`, :math:`i \ne j`),
and assembled into the matrix form a claim states in a named layout
(:math:`\operatorname{diag}(p) - pp^\top`). Nothing here decides whether a step
is true: :mod:`derivations.checking.derivation` checks every step with the verifier for
sized claims (:func:`derivations.verifier.sized.verify_sized`), which proves it for
every :math:`n`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import ClassVar

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations.derive import derivation
from derivations.derive.derivation import Derivation, Step, tidy
from derivations.derive.rules import (
    OUTER,
    ChainRule,
    ConstantMultipleRule,
    ConstantRule,
    NoRule,
    OuterRule,
    PiecewiseRule,
    PowerRule,
    QuotientRule,
    Rule,
    SumRule,
    UnspecifiedFunctionRule,
    VariableRule,
    product_rule,
    shown,
    switch_rule,
)
from derivations.model import Formula, Math, Verdict
from derivations.symbolic.functions import sigmoid
from derivations.symbolic.indexed import generic_slopes
from derivations.symbolic.matrix_calculus import NUMERATOR, LayoutDerivative
from derivations.symbolic.printing import latex, text

D = sp.Derivative


# --------------------------------------------------------------------------- dependence


def _container(e: sp.Basic) -> sp.Basic | None:
    """The vector or matrix a component belongs to: ``z`` for ``z_k``, ``W`` for ``W_{rs}``."""
    if isinstance(e, sp.Indexed):
        return e.base
    if isinstance(e, MatrixElement):
        return e.parent
    return None


def indices(e: sp.Basic) -> tuple[sp.Expr, ...]:
    """The position of a component: ``(k,)`` for ``z_k``, ``(r, s)`` for ``W_{rs}``."""
    return tuple(e.indices) if isinstance(e, sp.Indexed) else (e.i, e.j)


def depends(expr: sp.Basic, x: sp.Expr) -> bool:
    """Whether ``expr`` mentions any component of ``x``'s vector (``z_k`` depends on ``z_j``)."""
    whole = _container(x)
    return any(_container(e) == whole or e == whole for e in sp.preorder_traversal(expr))


def softmax_parts(expr: sp.Basic) -> tuple[sp.Indexed, sp.Sum] | None:
    r"""``(z_t, S)`` when ``expr`` is :math:`e^{z_t} / S` with :math:`S = \sum_k e^{z_k}`."""
    if not isinstance(expr, sp.Mul) or len(expr.args) != 2:
        return None
    tops = [a for a in expr.args if isinstance(a, sp.exp)]
    bottoms = [a for a in expr.args if isinstance(a, sp.Pow) and a.exp == -1]
    if len(tops) != 1 or len(bottoms) != 1:
        return None
    component, total = tops[0].args[0], bottoms[0].base
    if not (isinstance(component, sp.Indexed) and isinstance(total, sp.Sum)):
        return None
    if len(total.limits) != 1:
        return None
    k = total.limits[0][0]
    term = total.function
    if not (isinstance(term, sp.exp) and term.args[0] == component.base[k]):
        return None
    return component, total


# --------------------------------------------------------------------------- rules of their own


@dataclass(frozen=True)
class ComponentRule(Rule):
    r""":math:`\frac{\partial z_t}{\partial z_j} = \delta_{tj}` for components of one vector
    (:math:`\delta_{rp}\,\delta_{sq}` for entries :math:`W_{rs}`, :math:`W_{pq}` of a matrix)."""

    name: ClassVar[str] = "component"

    @property
    def trivial(self) -> bool:
        return True

    def eval(self) -> sp.Expr:
        pairs = zip(indices(self.expr), indices(self.x), strict=True)
        return sp.Mul(*(sp.KroneckerDelta(a, b) for a, b in pairs))


@dataclass(frozen=True)
class IndexSumRule(Rule):
    r""":math:`\frac{\partial}{\partial z_j} \sum_k f_k = \sum_k \frac{\partial f_k}{\partial z_j}`,
    then linearity and sifting (:math:`\sum_k \delta_{kj} a_k = a_j`).

    The term is derived with ``free``, a free index over the sum's range in place of the
    summation variable, so that its own steps are identities for every value of it.
    """

    term: Rule | None = None
    free: sp.Idx | None = None
    name: ClassVar[str] = "sum rule over an index"

    @property
    def parts(self) -> tuple[Rule, ...]:
        assert self.term is not None
        return (self.term,)

    @property
    def limit(self) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
        """The outermost summation (SymPy lists a sum's limits innermost first)."""
        k, lo, hi = self.expr.limits[-1]
        return k, lo, hi

    def _bound(self, e: sp.Expr) -> sp.Expr:
        return rename_free(e, self.free, self.limit[0]) if self.free is not None else e

    def raw(self) -> sp.Expr:
        """The sum of the terms' derivatives, before sifting."""
        return sp.Sum(self._bound(self.parts[0].eval()), self.limit)

    def eval(self) -> sp.Expr:
        return sift(self.raw())

    def expansion(self) -> sp.Expr:
        return sp.Sum(self._bound(shown(self.parts[0])), self.limit)

    def detail(self) -> str:
        return rf"\text{{term by term in }} {latex(self.limit[0])}"


def _index_sum(expr: sp.Sum, x: sp.Expr) -> Rule:
    k, lo, hi = expr.limits[-1]
    inner = sp.Sum(expr.function, *expr.limits[:-1]) if len(expr.limits) > 1 else expr.function
    free = sp.Idx(k.name, (lo, hi))
    term = rename_free(inner, k, free)
    return IndexSumRule(expr, x, term=sized_rule(term, x), free=free)


def rename_free(expr: sp.Basic, old: sp.Symbol, new: sp.Symbol) -> sp.Basic:
    """``expr`` with the free occurrences of ``old`` replaced (a sum that binds it is kept)."""
    if expr == old:
        return new
    if isinstance(expr, sp.Sum) and old in [v for v, *_ in expr.limits]:
        return expr
    if isinstance(expr, sp.Indexed):  # an atom to SymPy, though its indices are arguments
        return expr.xreplace({old: new})
    if expr.is_Atom or not expr.args:
        return expr
    return expr.func(*(rename_free(a, old, new) for a in expr.args))


@dataclass(frozen=True)
class SoftmaxComponentRule(Rule):
    r""":math:`\frac{\partial p_t}{\partial z_j} = p_t(\delta_{tj} - p_j)` for
    :math:`p_t = e^{z_t} / \sum_k e^{z_k}` (derived step by step in ``softmax_n``)."""

    name: ClassVar[str] = "derivative of softmax"

    def eval(self) -> sp.Expr:
        found = softmax_parts(self.expr)
        assert found is not None
        component, total = found
        j = self.x.indices[0]
        return self.expr * (sp.KroneckerDelta(component.indices[0], j) - sp.exp(self.x) / total)

    def detail(self) -> str:
        return (
            r"p_t = \frac{e^{z_t}}{\sum_k e^{z_k}}:\ "
            r"\frac{\partial p_t}{\partial z_j} = p_t\left(\delta_{tj} - p_j\right)"
        )


# --------------------------------------------------------------------------- sums: sifting


def _sift_term(term: sp.Expr, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    """One term of an expanded summand, summed over ``k``: constants out, a delta sifted."""
    if not term.has(k):
        return term * (hi - lo + 1)
    constant, dependent = term.as_independent(k, as_Add=False)
    for factor in sp.Mul.make_args(dependent):
        if not isinstance(factor, sp.KroneckerDelta):
            continue
        a, b = factor.args
        other = b if a == k else a if b == k else None
        if other is None or other.has(k) or not _spans(other, lo, hi):
            continue
        rest = sp.Mul(*(f for f in sp.Mul.make_args(dependent) if f is not factor))
        return constant * rest.xreplace({k: other})
    return constant * sp.Sum(dependent, (k, lo, hi))


def _spans(t: sp.Expr, lo: sp.Expr, hi: sp.Expr) -> bool:
    """Whether the free index ``t`` ranges over exactly ``lo .. hi``."""
    return (
        isinstance(t, sp.Idx)
        and t.lower is not None
        and sp.expand(t.lower - lo) == 0
        and sp.expand(t.upper - hi) == 0
    )


def sift(expr: sp.Expr) -> sp.Expr:
    r"""Every single sum of ``expr`` by linearity and sifting: the summand is put over a common
    denominator and multiplied out, constants leave the sum, :math:`\sum_k \delta_{kj} a_k = a_j`
    when :math:`j` ranges over the sum's range. Sums no rule removes stay."""

    def one(s: sp.Sum) -> sp.Expr:
        current = s.function
        for k, lo, hi in s.limits:  # innermost first
            summand = sp.expand(sp.cancel(current), power_exp=False)
            current = sp.Add(*(_sift_term(t, k, lo, hi) for t in sp.Add.make_args(summand)))
        return current

    return expr.replace(lambda e: isinstance(e, sp.Sum) and e.has(sp.KroneckerDelta), one)


# --------------------------------------------------------------------------- dispatch


def _outer(expr: sp.Expr, x: sp.Expr, rule: type[OuterRule], argument: sp.Expr) -> Rule:
    outer = rule(expr, x)
    if argument == x:
        return outer
    return ChainRule(expr, x, outer=outer, inner=sized_rule(argument, x))


def _mul(expr: sp.Expr, x: sp.Expr) -> Rule:
    if softmax_parts(expr) is not None:
        return SoftmaxComponentRule(expr, x)
    factors = sp.Mul.make_args(expr)
    constant = sp.Mul(*(f for f in factors if not depends(f, x)))
    rest = sp.Mul(*(f for f in factors if depends(f, x)))
    if constant != 1:
        return ConstantMultipleRule(expr, x, constant=constant, other=sized_rule(rest, x))
    return product_rule(expr, x, factors, sized_rule)


def _function(expr: sp.Expr, x: sp.Expr) -> Rule:
    return _outer(expr, x, OUTER[type(expr)], expr.args[0])


def _pow(expr: sp.Expr, x: sp.Expr) -> Rule:
    base, exponent = expr.args
    if not depends(exponent, x):
        return _outer(expr, x, PowerRule, base)
    return NoRule(expr, x)


def _switch(expr: sp.Expr, x: sp.Expr) -> Rule:
    return switch_rule(expr, x, _piecewise)


def _piecewise(expr: sp.Expr, x: sp.Expr) -> Rule:
    return PiecewiseRule(expr, x, cases=tuple((sized_rule(e, x), c) for e, c in expr.args))


DISPATCH: dict[type[sp.Basic], Callable[[sp.Expr, sp.Indexed], Rule]] = {
    sp.Add: lambda e, x: SumRule(e, x, terms=tuple(sized_rule(t, x) for t in e.args)),
    sp.Mul: _mul,
    sp.Pow: _pow,
    sp.Sum: _index_sum,
    sp.Indexed: ComponentRule,
    MatrixElement: ComponentRule,
    sp.Piecewise: _piecewise,
    sp.Max: _switch,
    sp.Min: _switch,
    sp.Abs: _switch,
    sp.Heaviside: _switch,
    **{head: _function for head in OUTER},
}


def sized_rule(expr: sp.Expr, x: sp.Expr) -> Rule:
    r"""The rule tree of :math:`\partial` ``expr`` :math:`/ \partial x` for a component ``x``."""
    if isinstance(expr, int):
        expr = sp.Integer(expr)
    if expr == x:
        return VariableRule(expr, x)
    if not depends(expr, x):
        return ConstantRule(expr, x)
    if isinstance(expr, AppliedUndef) and len(expr.args) == 1:
        return _outer(expr, x, UnspecifiedFunctionRule, expr.args[0])
    handler = DISPATCH.get(type(expr))
    return handler(expr, x) if handler else NoRule(expr, x)


# --------------------------------------------------------------------------- steps


def _closing(rule: Rule, lhs: Math, expansion: Math, value: Math, depth: int) -> list[Step] | None:
    """A sum over an index closes with the derivative substituted, then linearity and
    sifting; any other rule with the ordinary substitution."""
    if not isinstance(rule, IndexSumRule):
        return None
    steps = []
    raw = rule.raw()
    if raw != expansion:
        steps.append(_step(lhs, raw, "substitution", r"\text{the derivative above}", depth))
    if raw != value:
        steps.append(_step(lhs, value, "linearity and sifting", SIFTING, depth))
    return steps


def linearize(rule: Rule, depth: int = 0) -> list[Step]:
    """The steps of a rule tree in pre-order; a sum over an index adds its sifting step."""
    return derivation.linearize(rule, depth, step=_step, closing=_closing)


SIFTING = r"\textstyle\sum_k \delta_{kj}\, a_k = a_j"


def abbreviate(expr: Math) -> Math:
    r"""For printing: :math:`e^{z_t} / \sum_k e^{z_k}` written :math:`p_t` (and its inverse
    :math:`1/p_t`), wherever the two factors stand together in a product."""
    if not isinstance(expr, sp.Basic) or isinstance(expr, sp.MatrixExpr):
        return expr
    p = sp.IndexedBase("p")

    def shorter(m: sp.Mul) -> sp.Expr:
        factors = list(sp.Mul.make_args(m))
        for e in [f for f in factors if isinstance(f, sp.exp)]:
            for s in [f for f in factors if isinstance(f, sp.Pow) and f.exp.is_integer]:
                # e^{z_t} S^{-m} = p_t S^{1-m};  e^{-z_t} S^{m} = S^{m-1} / p_t
                step = 1 if s.exp.is_negative else -1
                top = e if step == 1 else sp.exp(-e.args[0])
                if softmax_parts(top / s.base) is None:
                    continue
                rest = [f for f in factors if f is not e and f is not s]
                t = top.args[0].indices[0]
                return sp.Mul(p[t] ** step, s.base ** (s.exp + step), *rest)
            for s in [f for f in factors if isinstance(f, sp.Sum)]:
                top = sp.exp(-e.args[0])
                if softmax_parts(top / s) is not None:
                    rest = [f for f in factors if f is not e and f is not s]
                    return sp.Mul(1 / p[top.args[0].indices[0]], *rest)
        return m

    previous = None
    while previous != expr:
        previous = expr
        expr = expr.replace(lambda e: isinstance(e, sp.Mul), shorter)
    return expr


def display(expr: Math, *, short: bool = True) -> Math:
    """What a step prints for ``expr``: bound variables named readably, an unspecified
    function's slope as :math:`f'(u)`, columns of components as vectors, and (when ``short``)
    softmax components as :math:`p_t`. The same value, written shorter."""
    shown = readable_sums(expr)
    return vectors(generic_slopes(abbreviate(shown) if short else shown))


def _step(
    lhs: Math,
    rhs: Math,
    rule: str,
    detail: str = "",
    depth: int = 0,
    *,
    short: bool = True,
) -> Step:
    """A step whose printed statement writes softmax components as :math:`p_t` when ``short``;
    the checked equation is ``lhs = rhs`` itself."""
    shown_lhs, shown_rhs = (display(s, short=short) for s in (lhs, rhs))
    return Step(
        lhs,
        rhs,
        rule,
        detail,
        depth,
        statement=f"{latex(shown_lhs)} = {latex(shown_rhs)}",
        statement_text=f"{text(shown_lhs)} = {text(shown_rhs)}",
    )


# --------------------------------------------------------------------------- a formula


@dataclass(frozen=True)
class Setting:
    """What a sized derivation differentiates: ``definition`` (a scalar in components) by the
    component ``x``; ``out`` is the free index of a vector-valued definition (:math:`p_i`)."""

    definition: sp.Expr
    x: sp.Expr
    out: sp.Idx | None


def setting(formula: Formula) -> Setting | None:
    """The component to differentiate by, and the definition in components.

    A scalar loss :math:`L` differentiates by the formula's variable :math:`z_i`;
    a component :math:`p_i` of a vector differentiates by :math:`z_j`, a second index;
    a column :math:`w` of symbolic length by its entry :math:`w_j` (0-based, as SymPy's
    matrix entries), and a column-valued :math:`Bx` is taken entry :math:`i` at a time.
    Anything else (a matrix variable, a definition free of the variable) gives ``None``.
    """
    if len(formula.variables) != 1:
        return None
    x, definition = formula.variables[0], formula.definition
    if isinstance(definition, sp.MatrixBase):
        return None
    if isinstance(x, sp.MatrixSymbol) and x.shape[1] == 1:
        out = None
        if isinstance(definition, sp.MatrixExpr):
            if definition.shape[1] != 1:
                return None
            if definition.shape[0] != 1:
                out = sp.Idx("i", (0, definition.shape[0] - 1))
            definition = definition[out if out is not None else 0, 0]
        entry = x[sp.Idx("j", (0, x.shape[0] - 1)), 0]
        scalar = readable_sums(definition)
        return Setting(scalar, entry, out) if depends(scalar, entry) else None
    if not isinstance(x, sp.Indexed) or not isinstance(definition, sp.Expr):
        return None
    (i,) = x.indices
    if not isinstance(i, sp.Idx) or not depends(definition, x):
        return None
    if i not in definition.atoms(sp.Idx):
        return Setting(definition, x, None)
    j = sp.Idx("j" if i.name != "j" else "l", (i.lower, i.upper))
    return Setting(definition, x.base[j], i)


def readable_sums(expr: Math) -> Math:
    """``expr`` with the summation variables SymPy invents (dummies) named k, l, m, … (names
    the expression does not use): the same expression up to the names of bound variables."""
    if not isinstance(expr, sp.Basic):
        return expr
    used = {str(a) for a in expr.atoms(sp.Symbol)}
    names = iter([c for c in "klmpqtuv" if c not in used])

    def renamed(e: sp.Basic) -> sp.Basic:
        if isinstance(e, sp.Sum):
            function, limits = renamed(e.function), []
            for var, lo, hi in e.limits:
                if isinstance(var, sp.Dummy):
                    fresh = sp.Symbol(next(names), integer=True)
                    function = function.xreplace({var: fresh})
                    var = fresh
                limits.append((var, lo, hi))
            return sp.Sum(function, *limits)
        if isinstance(e, sp.Lambda):
            return sp.Lambda(e.variables, renamed(e.expr))
        if e.is_Atom or not e.args:
            return e
        return e.func(*(renamed(a) for a in e.args))

    return renamed(expr)


def _target(formula: Formula, lhs: sp.Expr) -> sp.Expr | None:
    """The value the formula's first claim expected proved about ``lhs`` records."""
    for claim in formula.claims:
        if claim.expected is Verdict.PROVED and claim.lhs == lhs:
            return claim.rhs
    return None


def _definition_steps(definition: sp.Expr, x: sp.Expr) -> list[Step]:
    """A softmax component starts from its definition :math:`p_i = e^{z_i} / \\sum e^{z_k}`."""
    if softmax_parts(definition) is None:
        return []
    p_def = abbreviate(definition)
    return [
        Step(
            D(definition, x),
            D(definition, x),
            "rewrite",
            r"\text{definition of softmax}",
            0,
            statement=f"{latex(D(p_def, x))} = {latex(D(definition, x))}",
            statement_text=f"{text(D(p_def, x))} = {text(D(definition, x))}",
        )
    ]


def _cases(lhs: sp.Expr, value: sp.Expr, i: sp.Idx, j: sp.Idx) -> list[Step]:
    r"""The cases :math:`i = j` and :math:`i \ne j` of a value with :math:`\delta_{ij}`; the
    second is checked as :math:`(1 - \delta_{ij})\,\mathrm{lhs} =
    (1 - \delta_{ij})\,\mathrm{rhs}`, an identity for every :math:`i, j`."""
    delta = sp.KroneckerDelta(i, j)
    if not value.has(delta):
        return []
    same = value.xreplace({j: i})
    apart = sp.expand(value.xreplace({delta: sp.Integer(0)}), power_exp=False)
    off = 1 - delta
    return [
        _step(lhs.xreplace({j: i}), same, f"case {i} = {j}", rf"\delta_{{{i}{i}}} = 1", 1),
        Step(
            off * lhs,
            off * apart,
            f"case {i} ≠ {j}",
            rf"\delta_{{{i}{j}}} = 0;\ \text{{checked times }} 1 - \delta_{{{i}{j}}}",
            1,
            statement=rf"{latex(display(lhs))} = {latex(display(apart))}"
            rf" \quad ({latex(i)} \ne {latex(j)})",
            statement_text=f"{text(display(lhs))} = {text(display(apart))}   ({i} ≠ {j})",
        ),
    ]


def _assembly(
    formula: Formula, x: sp.Expr, value: sp.Expr, out: sp.Idx | None, by: sp.Idx
) -> list[Step]:
    """The element-wise value as the matrix a claim states in a named layout, then that claim's
    matrix form (:math:`\\operatorname{diag}(p) - pp^\\top`)."""
    steps: list[Step] = []
    r, c = sp.symbols("_r _c", integer=True)  # apart from the summation variables
    reached: set[tuple[str, Math]] = set()
    for claim in formula.claims:
        lhs = claim.lhs
        if claim.expected is not Verdict.PROVED or not isinstance(lhs, LayoutDerivative):
            continue
        if not set(claim.conditions) <= set(formula.hypotheses):
            continue  # a condition the formula does not assume
        if lhs.variable.shape[1] != 1 or not depends(lhs.variable, x):
            continue
        numerator = lhs.layout == NUMERATOR
        row, col = (r, c) if numerator else (c, r)  # (output, variable) positions
        entry = value.xreplace({by: col + by.lower})
        if out is not None:
            entry = entry.xreplace({out: row + out.lower})
        matrix = sp.FunctionMatrix(*lhs.shape, sp.Lambda((r, c), entry))
        name = "Jacobian" if out is not None else "gradient"
        if (lhs.layout, claim.rhs) in reached:
            continue  # the same matrix form, stated of another spelling of the function
        reached.add((lhs.layout, claim.rhs))
        if not any((s.lhs, s.rhs) == (lhs, matrix) for s in steps):
            steps.append(
                Step(
                    lhs,
                    matrix,
                    "assembly",
                    rf"\text{{the {name} entry by entry, {lhs.layout} layout}}",
                    0,
                    statement=f"{latex(display(lhs))} = {_entries(value, out, by, numerator)}",
                    statement_text=f"{text(display(lhs))} = [{text(display(value))}]",
                )
            )
        if claim.rhs != matrix:
            form = _step(matrix, claim.rhs, "rewrite", r"\text{matrix form}", 0, short=False)
            steps.append(
                replace(
                    form,
                    statement=f"{latex(display(lhs))} = {latex(display(claim.rhs))}",
                    statement_text=f"{text(display(lhs))} = {text(display(claim.rhs))}",
                )
            )
    return steps


def vectors(expr: Math) -> Math:
    """For printing: a column whose entry ``r`` is component ``r + 1`` of a vector (after
    :func:`abbreviate`) written as that vector, :math:`\\mathbf{p}` for
    :math:`(p_1, \\dots, p_n)^\\top`."""
    if not isinstance(expr, sp.Basic):
        return expr

    def column(m: sp.FunctionMatrix) -> sp.Basic:
        r, _ = m.lamda.variables
        entry = abbreviate(m.lamda.expr)
        if m.shape[1] == 1 and isinstance(entry, sp.Indexed) and entry.indices == (r + 1,):
            return sp.MatrixSymbol(str(entry.base), m.shape[0], 1)
        return m

    return expr.replace(lambda e: isinstance(e, sp.FunctionMatrix), column)


def _entries(value: sp.Expr, out: sp.Idx | None, by: sp.Idx, numerator: bool) -> str:
    entry = latex(display(value))
    if out is None:
        return rf"\left[{entry}\right]_{{{latex(by)}}}"
    first, second = (out, by) if numerator else (by, out)
    return rf"\left[{entry}\right]_{{{latex(first)}{latex(second)}}}"


def derive_sized(formula: Formula) -> Derivation | None:
    """The derivation of a formula stated at a symbolic size, or ``None`` when its definition
    is not a scalar in the components of one indexed vector (matrix expressions)."""
    found = setting(formula)
    if found is None:
        return None
    definition, x, out = found.definition, found.x, found.out
    by = indices(x)[0]
    lhs = D(definition, x)
    steps = _definition_steps(definition, x)
    if steps and out is not None:  # the softmax itself: derived, not quoted
        rule: Rule = QuotientRule(
            definition,
            x,
            u=sized_rule(_top(definition), x),
            v=sized_rule(_bottom(definition), x),
        )
    else:
        rule = sized_rule(definition, x)
    steps += linearize(rule)
    value = rule.eval()
    target = _target(formula, lhs)
    tidied = tidy(value)
    if target != value and tidied != value:
        steps.append(_step(value, tidied, "algebra", r"\text{expand and collect}"))
        value = tidied
    if target is not None and target != value:
        steps.append(_step(value, target, "rewrite", _rewrite_detail(target)))
        value = target
    steps.append(_step(lhs, value, "conclusion", r"\text{the steps above}"))
    if out is not None:
        steps += _cases(lhs, value, out, by)
    steps += _assembly(formula, x, value, out, by)
    result = steps[-1].rhs
    return Derivation(formula.name, text(x), tuple(steps), result)


def _top(definition: sp.Expr) -> sp.Expr:
    return next(a for a in definition.args if isinstance(a, sp.exp))


def _bottom(definition: sp.Expr) -> sp.Expr:
    return next(a.base for a in definition.args if isinstance(a, sp.Pow))


def _rewrite_detail(target: sp.Expr) -> str:
    if target.has(sigmoid):
        return r"\text{in terms of } \sigma"
    if abbreviate(target) != target:
        return r"\text{in terms of } p_t = e^{z_t} / \textstyle\sum_k e^{z_k}"
    return r"\text{the form the claim records}"
