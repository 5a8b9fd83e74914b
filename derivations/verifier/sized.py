r"""Proofs at symbolic size: vectors of length :math:`n`, sums and Kronecker deltas.

A claim about vectors of any length is written with indexed symbols
(:class:`sympy.IndexedBase` ``z[i]``, matrix symbols ``A[i, j]``), free indices
(:class:`sympy.Idx` with a symbolic range such as ``1..n``) and sums
:math:`\sum_{k=1}^{n}`. SymPy differentiates such expressions
(:math:`\partial z_k / \partial z_j = \delta_{kj}`), but evaluating the sums it
produces leaves ``Piecewise`` conditions on index ranges and ``simplify``
raises on them (SymPy issue 14570). This module decides such claims with a
handful of rules, each valid for every :math:`n`:

* **linearity**: :math:`\sum_k (a_k + b_k) = \sum_k a_k + \sum_k b_k` and
  :math:`\sum_k c\,a_k = c \sum_k a_k` when :math:`c` does not depend on
  :math:`k`; :math:`\sum_{k=lo}^{hi} c = (hi - lo + 1)\,c`;
* **sifting**: :math:`\sum_{k=lo}^{hi} \delta_{kt}\, a_k = a_t` when the index
  :math:`t` ranges over the same :math:`lo..hi` as :math:`k`;
* **delta lifting**: :math:`g(\delta) = \delta\, g(1) + (1 - \delta)\, g(0)`
  for any function or power :math:`g` (a delta is 0 or 1), when both values are
  finite; in particular :math:`\delta^2 = \delta`;
* **index cases**: the free indices are split by every pattern of equalities
  among them (the set partitions); in each pattern a delta between two indices
  is 1 or 0;
* **opaque sums**: a sum that no rule removes, such as
  :math:`S = \sum_k e^{z_k}`, becomes a fresh variable (positive when its terms
  are); distinct components :math:`z_i, z_j` become distinct variables. If the
  difference is 0 for *arbitrary* values of these variables it is 0 for the
  actual ones: a proof. Relations between them are never assumed.

What remains is decided by :func:`~derivations.verifier.zero.is_identically_zero`
(region by region when ``Max`` or ``Heaviside`` occur). A claim is refuted only
by an exact counterexample at a concrete size (the claim instantiated at
:math:`n = 2, 3`, ...), never by the symbolic procedure failing.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement
from sympy.utilities.iterables import multiset_partitions

from derivations.model import Claim, Condition, Counterexample, Math, Result, Verdict
from derivations.symbolic import conditions, regions
from derivations.symbolic.functions import to_definitions
from derivations.symbolic.indexed import (
    SizedCondition,
    all_matrix_symbols,
    generic_slopes,
    index,
    sizes_of,
)
from derivations.symbolic.matrix_calculus import LayoutDerivative, is_matrix, sympy_derivative
from derivations.symbolic.printing import text
from derivations.symbolic.shapes import check_shapes
from derivations.verifier import core
from derivations.verifier.core import Check, prove
from derivations.verifier.products import split_at_free_index
from derivations.verifier.sampling import POSITIVE_RANGE, bounds_for
from derivations.verifier.scalar import verify_scalar

METHOD = "indexed sums and Kronecker deltas, for every size"
Range = tuple[sp.Expr, sp.Expr]

#: Concrete sizes at which a symbolic claim is searched for a counterexample.
SEARCH_SIZES = (2, 3)
#: The size at which a proof for every size is cross-checked entry by entry.
CROSS_CHECK_SIZE = 3


# --------------------------------------------------------------------------- the rules


def _range_of(t: sp.Expr, ranges: Mapping[sp.Expr, Range]) -> Range | None:
    """The range of an index, or of an index plus a constant offset."""
    offset, rest = t.as_coeff_Add() if isinstance(t, sp.Add) else (sp.Integer(0), t)
    if isinstance(rest, sp.Idx) and rest.lower is not None:
        return (rest.lower + offset, rest.upper + offset)
    found = ranges.get(rest)
    return None if found is None else (found[0] + offset, found[1] + offset)


def _same_range(a: Range | None, b: Range) -> bool:
    return a is not None and all(sp.expand(x - y) == 0 for x, y in zip(a, b, strict=True))


def _expand(e: sp.Expr) -> sp.Expr:
    """Products and powers multiplied out; ``exp`` of a sum is left alone (no ``Product``)."""
    return sp.expand(e, power_exp=False)


def _is_index(e: sp.Basic) -> bool:
    return isinstance(e, (sp.Symbol, sp.Idx))


def _delta_ends(d: sp.KroneckerDelta) -> tuple[sp.Expr, sp.Expr]:
    return d.args[0], d.args[1]


def _sum_level(expr: sp.Basic) -> int:
    sums = [a for a in sp.preorder_traversal(expr) if isinstance(a, sp.Sum)]
    return max(
        (
            int(str(s.limits[0][0]).split("_s")[-1])
            for s in sums
            if str(s.limits[0][0]).startswith("_s")
        ),
        default=0,
    )


def _canonical_sum(term: sp.Expr, k: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> sp.Expr:
    """``Sum(term, (k, lo, hi))``, its variable renamed by depth and its term in a canonical
    form: equal sums compare equal."""
    var = sp.Symbol(f"_s{_sum_level(term) + 1}", integer=True)
    return sp.Sum(canonical_term(term).xreplace({k: var}), (var, lo, hi))


@functools.lru_cache(maxsize=4096)
def canonical_term(term: sp.Expr) -> sp.Expr:
    r"""The term of a sum as a reduced fraction, with :math:`e^{-a}` read as :math:`1/e^{a}`:
    :math:`e^{s}/(e^{s} + 1)` and :math:`1/(1 + e^{-s})` (two forms of one sigmoid) become one
    expression. A term without ``exp`` is left as it is."""
    powers = sorted(
        {e for e in _free_exps(term) if not e.has(sp.Derivative)}, key=sp.default_sort_key
    )
    if not powers:
        return term
    names: dict[sp.Expr, sp.Symbol] = {}
    masked: dict[sp.Basic, sp.Expr] = {}
    for power in powers:
        argument = power.args[0]
        negative = argument.could_extract_minus_sign()
        key = -argument if negative else argument
        if key not in names:
            names[key] = sp.Dummy("exp", positive=True)
        masked[power] = 1 / names[key] if negative else names[key]
    try:
        reduced = sp.cancel(term.xreplace(masked))
    except sp.PolynomialError:
        return term
    return reduced.xreplace({name: sp.exp(key) for key, name in names.items()})


def _free_exps(term: sp.Basic, bound: frozenset[sp.Symbol] = frozenset()) -> set[sp.exp]:
    """The exponentials of ``term`` that do not mention the variable of a sum around them
    inside ``term``: masked as a symbol, an exponential of a summation variable would no longer
    depend on it, and ``cancel`` would take it out of its sum."""
    if isinstance(term, sp.exp):
        inside = _free_exps(term.args[0], bound)
        return inside if term.free_symbols & bound else inside | {term}
    if isinstance(term, (sp.Sum, sp.Product)):
        inner = bound | {limit[0] for limit in term.limits}
        return _free_exps(term.function, inner)
    found: set[sp.exp] = set()
    for a in term.args:
        found |= _free_exps(a, bound)
    return found


def _sift(
    term: sp.Expr, k: sp.Symbol, bounds: Range, ranges: Mapping[sp.Expr, Range]
) -> sp.Expr | None:
    factors = sp.Mul.make_args(term)
    for position, factor in enumerate(factors):
        if not isinstance(factor, sp.KroneckerDelta):
            continue
        a, b = _delta_ends(factor)
        if a == k and not b.has(k):
            other = b
        elif b == k and not a.has(k):
            other = a
        else:
            continue
        if not _same_range(_range_of(other, ranges), bounds):
            continue
        rest = sp.Mul(*(f for p, f in enumerate(factors) if p != position))
        return rest.xreplace({k: other})
    return None


def _infinite(e: sp.Basic) -> bool:
    return bool(e.has(sp.nan, sp.zoo, sp.oo, -sp.oo))


def lift_deltas(expr: sp.Expr) -> sp.Expr:
    r"""Deltas out of functions and powers: :math:`g(\delta) = \delta g(1) + (1-\delta)g(0)`."""
    skip: set[sp.Basic] = set()
    while True:
        target = next(
            (
                e
                for e in sp.preorder_traversal(expr)
                if isinstance(e, (sp.Pow, sp.Function))
                and not isinstance(e, (sp.KroneckerDelta, sp.Sum))
                and e not in skip
                and any(_free_delta(e))
            ),
            None,
        )
        if target is None:
            return expr
        d = sorted(_free_delta(target), key=sp.default_sort_key)[0]
        one, zero = target.xreplace({d: sp.Integer(1)}), target.xreplace({d: sp.Integer(0)})
        if _infinite(one) or _infinite(zero):
            skip.add(target)
            continue
        expr = expr.xreplace({target: d * one + (1 - d) * zero})


def _free_delta(expr: sp.Basic) -> list[sp.KroneckerDelta]:
    """Deltas of ``expr`` that are not inside a sum (whose variable they may bind)."""
    out: list[sp.KroneckerDelta] = []

    def walk(e: sp.Basic) -> None:
        if isinstance(e, sp.KroneckerDelta):
            out.append(e)
        elif not isinstance(e, sp.Sum):
            for a in e.args:
                walk(a)

    walk(expr)
    return out


def _resolve_deltas(expr: sp.Basic) -> sp.Basic:
    """Deltas outside sums, between indices already identified or kept apart: 1 or 0."""
    if isinstance(expr, sp.KroneckerDelta):
        a, b = _delta_ends(expr)
        gap = sp.expand(a - b)
        if gap == 0:
            return sp.Integer(1)
        if gap.is_number or (_is_index(a) and _is_index(b)):
            return sp.Integer(0)  # distinct indices of the current case, or a fixed offset
        return expr
    if isinstance(expr, sp.Sum) or expr.is_Atom or not expr.has(sp.KroneckerDelta):
        return expr
    return expr.func(*(_resolve_deltas(a) for a in expr.args))


def normalize_deltas(expr: sp.Basic) -> sp.Basic:
    r""":math:`\delta_{a+c,\,b+c} = \delta_{ab}`; a delta of two numbers is 0 or 1."""

    def simpler(d: sp.KroneckerDelta) -> sp.Expr:
        a, b = _delta_ends(d)
        gap = sp.expand(a - b)
        if gap.is_number:
            return sp.Integer(1) if gap == 0 else sp.Integer(0)
        plus = [t for t in sp.Add.make_args(gap) if not t.could_extract_minus_sign()]
        minus = [-t for t in sp.Add.make_args(gap) if t.could_extract_minus_sign()]
        if len(plus) == 1 and len(minus) == 1 and _is_index(plus[0]) and _is_index(minus[0]):
            return sp.KroneckerDelta(plus[0], minus[0])
        return d

    return expr.replace(lambda e: isinstance(e, sp.KroneckerDelta), simpler)


def _extreme(e: sp.Expr, ranges: Mapping[sp.Expr, Range], *, smallest: bool) -> sp.Expr | None:
    """The least (or greatest) value of ``e``, linear in its indices, over their ranges."""
    for t in sorted(
        e.atoms(sp.Idx) | {s for s in e.free_symbols if s in ranges}, key=sp.default_sort_key
    ):
        bounds = _range_of(t, ranges)
        c = sp.expand(e).coeff(t)
        if bounds is None or not c.is_number or sp.expand(e - c * t).has(t):
            return None
        low_end = (c > 0) == smallest
        e = sp.expand(e).xreplace({t: bounds[0] if low_end else bounds[1]})
    return e


def _truth(cond: sp.Basic, ranges: Mapping[sp.Expr, Range]) -> bool | None:
    """Whether an index-range condition holds for every value of its indices (None: it depends)."""
    if cond in (sp.true, sp.false):
        return bool(cond)
    if isinstance(cond, (sp.And, sp.Or)):
        parts = [_truth(c, ranges) for c in cond.args]
        if isinstance(cond, sp.And):
            return False if False in parts else (True if all(parts) else None)
        return True if True in parts else (False if all(p is False for p in parts) else None)
    if not isinstance(cond, sp.Rel) or isinstance(cond, (sp.Eq, sp.Ne)):
        return None
    e = (
        cond.lhs - cond.rhs
        if isinstance(cond, (sp.GreaterThan, sp.StrictGreaterThan))
        else cond.rhs - cond.lhs
    )
    strict = isinstance(cond, (sp.StrictGreaterThan, sp.StrictLessThan))
    low, high = _extreme(e, ranges, smallest=True), _extreme(e, ranges, smallest=False)
    if low is None or high is None:
        return None
    if low.is_positive if strict else low.is_nonnegative:
        return True
    if high.is_nonpositive if strict else high.is_negative:
        return False
    return None


def resolve_ranges(expr: sp.Basic, ranges: Mapping[sp.Expr, Range] | None = None) -> sp.Basic:
    """A ``Piecewise`` whose conditions only restate index ranges (``m >= κ + 1`` for
    ``κ`` in ``0..m-1``) is replaced by the branch that always applies."""
    ranges = dict(ranges or {})

    def pick(pw: sp.Piecewise) -> sp.Expr:
        for value, cond in pw.args:
            truth = _truth(cond, ranges)
            if truth is None:
                return pw
            if truth:
                return value
        return pw

    return expr.replace(lambda e: isinstance(e, sp.Piecewise), pick)


def reduce_sums(expr: sp.Basic, ranges: Mapping[sp.Expr, Range] | None = None) -> sp.Basic:
    """Apply linearity, sifting and delta lifting inside every sum, innermost first."""
    ranges = dict(ranges or {})
    if not isinstance(expr, sp.Basic) or expr.is_Atom or not expr.has(sp.Sum):
        return expr
    if isinstance(expr, sp.Sum):
        return _reduce_sum(expr, ranges)
    return expr.func(*(reduce_sums(a, ranges) for a in expr.args))


def _reduce_sum(s: sp.Sum, ranges: dict[sp.Expr, Range]) -> sp.Expr:
    current: sp.Expr = s.function
    limits = list(s.limits)
    inner_ranges = {**ranges, **{v: (lo, hi) for v, lo, hi in limits}}
    for k, lo, hi in limits:  # the first limit is the innermost sum
        current = resolve_ranges(reduce_sums(current, inner_ranges), inner_ranges)
        current = lift_deltas(current)
        result: sp.Expr = sp.Integer(0)
        for term in sp.Add.make_args(_expand(current)):
            if not term.has(k):
                result += term * (hi - lo + 1)
                continue
            const, dependent = term.as_independent(k, as_Add=False)
            sifted = _sift(dependent, k, (lo, hi), inner_ranges)
            if sifted is not None:
                result += const * reduce_sums(sifted, inner_ranges)
            else:
                result += const * _canonical_sum(dependent, k, lo, hi)
        current = result
    return current


# --------------------------------------------------------------------------- deciding


def _of(e: sp.Basic, v: sp.Basic | None) -> bool:
    return (isinstance(e, sp.Indexed) and e.base == v) or (
        isinstance(e, MatrixElement) and e.parent == v
    )


def _with_hypotheses(expr: sp.Expr, case: Sequence[SizedCondition]) -> sp.Expr:
    for cond in case:
        if cond.rule == "zero":
            expr = expr.replace(lambda e, v=cond.vector: _of(e, v), lambda e: sp.Integer(0))
        if cond.rule == "symmetric":
            a = cond.vector
            assert isinstance(a, sp.MatrixSymbol)
            b = sp.MatrixSymbol(f"{a.name}_", *a.shape)
            expr = expr.replace(
                lambda e, a=a: isinstance(e, MatrixElement) and e.parent == a,
                lambda e, b=b: (b[e.i, e.j] + b[e.j, e.i]) / 2,
            )
        if cond.rule == "one_hot":
            y, c = cond.vector, cond.hot
            expr = expr.replace(
                lambda e, y=y: isinstance(e, sp.Indexed) and e.base == y,
                lambda e, c=c: sp.KroneckerDelta(e.indices[0], c),
            )
    return expr


def _after_hypotheses(expr: sp.Expr, case: Sequence[SizedCondition]) -> sp.Expr:
    for cond in case:
        if cond.rule == "sums_to_one":
            y = cond.vector
            k = sp.Symbol("_k", integer=True)
            one = _canonical_sum(y[k], k, sp.Integer(1), cond.length)  # type: ignore[index]
            expr = expr.xreplace({one: sp.Integer(1)})
    return expr


def _opaque(expr: sp.Expr) -> tuple[sp.Expr, dict[sp.Symbol, sp.Basic]]:
    """Sums and vector components as fresh variables (see the module docstring)."""
    names: dict[sp.Basic, sp.Symbol] = {}

    def fresh(e: sp.Basic) -> sp.Symbol:
        if e not in names:
            positive = bool(e.is_positive)
            label = sp.sstr(e).replace(" ", "")
            names[e] = (
                sp.Symbol(f"⟨{label}⟩", positive=True)
                if positive
                else sp.Symbol(f"⟨{label}⟩", real=True)
            )
        return names[e]

    out = expr.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)), fresh)
    out = out.replace(lambda e: isinstance(e, (sp.Indexed, MatrixElement)), fresh)
    out = out.replace(lambda e: isinstance(e, sp.Determinant), fresh)
    return out, {v: k for k, v in names.items()}


@dataclass(frozen=True)
class Decision:
    """Whether a difference was shown to be 0, where (kinks), and why not."""

    proved: bool
    where: frozenset[sp.Expr] = frozenset()
    reason: str = ""


def _partitions(items: list[sp.Expr]) -> Iterable[list[list[sp.Expr]]]:
    if not items:
        return [[]]
    return list(multiset_partitions(items))


def _describe(partition: list[list[sp.Expr]]) -> str:
    parts = []
    for block in partition:
        if len(block) > 1:
            parts.append(" = ".join(str(b) for b in block))
    distinct = [str(block[0]) for block in partition]
    if len(distinct) > 1:
        parts.append("distinct: " + ", ".join(distinct))
    return "; ".join(parts) or "generic indices"


def decide(difference: sp.Expr, case: Sequence[SizedCondition] = ()) -> Decision:
    """Show ``difference == 0`` for every size and every value of its free indices."""
    expr = _with_hypotheses(to_definitions(difference), case)
    expr = resolve_ranges(reduce_sums(resolve_ranges(expr)))
    expr = lift_deltas(_expand(expr))
    expr = normalize_deltas(_after_hypotheses(expr, case))
    indices = sorted(
        {a for d in _free_delta(expr) for a in _delta_ends(d)}, key=sp.default_sort_key
    )
    where: set[sp.Expr] = set()
    for partition in _partitions(indices):
        representative = {a: block[0] for block in partition for a in block}
        current = expr.xreplace(representative)
        current = _resolve_deltas(current)
        current = _after_hypotheses(reduce_sums(current), case)
        current = split_at_free_index(current)
        masked, names = _opaque(current)
        if masked.has(sp.Sum, sp.Product, sp.Indexed, sp.KroneckerDelta):
            return Decision(False, reason=f"sums or deltas remain ({_describe(partition)})")
        proof = prove(
            Check("", "", masked, sp.Integer(0)),
            _bounds(masked),
            {},
            f"indexed#{partition}",
            two_sides=False,  # a difference with opaque parts, not a claim's two sides
        )
        if not proof.proved:
            merged = _merged_sums(current, case)
            if merged is not None and merged.proved:
                where |= merged.where
                continue
            reason = proof.reason or "the difference does not reduce to 0"
            return Decision(False, reason=f"{reason} ({_describe(partition)})")
        where |= {b.xreplace(names) for b in regions.boundaries(masked)}
    return Decision(True, where=frozenset(where))


def _merged_sums(expr: sp.Expr, case: Sequence[SizedCondition]) -> Decision | None:
    r"""Linearity backwards: a difference :math:`\sum_t c_t \sum_k f_t(k)` whose sums all run
    over one range (and whose :math:`c_t` do not depend on k) is :math:`\sum_k \sum_t c_t
    f_t(k)`; it is 0 when that summand is 0 for a generic k (and the terms without a sum are 0).
    The two sides of a claim often split one sum into terms differently (a factor of the
    summand inside one sum, outside the other), so that no two opaque sums compare equal.
    None when the difference is not of that form."""
    outer: tuple[sp.Expr, sp.Expr] | None = None
    k = sp.Dummy("k", integer=True)
    summand: sp.Expr = sp.Integer(0)
    rest: sp.Expr = sp.Integer(0)
    for term in sp.Add.make_args(_expand(expr)):
        sums = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Sum)]
        if not sums:
            rest += term
            continue
        if len(sums) != 1 or len(sums[0].limits) != 1:
            return None
        (total,) = sums
        variable, lo, hi = total.limits[0]
        if outer is None:
            outer = (lo, hi)
        elif outer != (lo, hi):
            return None
        coefficient = term / total
        summand += coefficient * total.function.xreplace({variable: k})
    if outer is None:
        return None
    first = decide(summand, case)
    if not first.proved:
        return first
    if rest == 0:
        return first
    second = decide(rest, case)
    return Decision(second.proved, first.where | second.where, second.reason)


def _bounds(expr: sp.Expr) -> dict[sp.Symbol, tuple[sp.Rational, sp.Rational]]:
    return bounds_for(expr.free_symbols, {})


# --------------------------------------------------------------------------- concrete sizes


def _component(base: sp.Basic, *position: int, column: bool) -> sp.Symbol:
    name = str(base)
    label = "".join(str(p) for p in position[:1]) if column else "".join(str(p) for p in position)
    assumptions = {"positive": True} if getattr(base, "is_positive", False) else {"real": True}
    return sp.Symbol(f"{name}{label}", **assumptions)


def concrete(expr: sp.Basic) -> sp.Basic:
    """Sums expanded and components as plain symbols (``z[2]`` → ``z2``, ``A[0, 1]`` → ``A12``).

    Sums with integer limits are written out first, also inside matrix expressions, so that
    writing a matrix expression out entry by entry meets explicit additions, not ``Sum``
    objects that SymPy would evaluate again in every entry.
    """
    expr = _explicit_symbols(_written_out(expr))
    if isinstance(expr, sp.MatrixExpr) and not isinstance(expr, sp.MatrixBase):
        expr = _explicit_matrix(expr)
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr.applyfunc(concrete))
    expr = _written_out(expr)
    expr = expr.replace(
        lambda e: isinstance(e, sp.Indexed) and all(i.is_Integer for i in e.indices),
        lambda e: _component(e.base.label, *[int(i) for i in e.indices], column=False),
    )
    expr = expr.replace(
        lambda e: isinstance(e, MatrixElement) and e.i.is_Integer and e.j.is_Integer,
        lambda e: _component(e.parent, int(e.i) + 1, int(e.j) + 1, column=e.parent.shape[1] == 1),
    )
    return expr


def _explicit_matrix(expr: sp.MatrixExpr) -> sp.ImmutableMatrix:
    """A matrix expression of concrete shape as an explicit matrix: products, sums and
    transposes of explicit factors are multiplied out as matrices (``as_explicit`` on a
    product builds every entry as a ``Sum`` and evaluates it); inverses as adj(A)/det(A);
    other nodes by ``as_explicit``."""
    if isinstance(expr, sp.MatrixBase):
        return sp.ImmutableMatrix(expr)
    if isinstance(expr, sp.MatMul):
        scalar = sp.Mul(*[a for a in expr.args if not isinstance(a, sp.MatrixExpr)])
        product = functools.reduce(
            operator.matmul,
            [_explicit_matrix(a) for a in expr.args if isinstance(a, sp.MatrixExpr)],
        )
        return sp.ImmutableMatrix(product if scalar == 1 else scalar * product)
    if isinstance(expr, sp.MatAdd):
        return sp.ImmutableMatrix(
            functools.reduce(operator.add, [_explicit_matrix(a) for a in expr.args])
        )
    if isinstance(expr, sp.Transpose):
        return sp.ImmutableMatrix(_explicit_matrix(expr.arg).T)
    if isinstance(expr, sp.Inverse):
        # adj(A)/det(A), built once: ``as_explicit`` inverts the matrix by elimination again
        # for every entry, which takes seconds at size 3.
        matrix = _explicit_matrix(expr.arg)
        return sp.ImmutableMatrix(matrix.adjugate() / matrix.det())
    if isinstance(expr, sp.MatPow) and expr.exp.is_Integer and expr.exp > 0:
        return sp.ImmutableMatrix(_explicit_matrix(expr.base) ** int(expr.exp))
    return sp.ImmutableMatrix(expr.as_explicit())


def _explicit_symbols(expr: sp.Basic) -> sp.Basic:
    """Matrix symbols of concrete shape replaced by matrices of their component symbols, so
    that products are multiplied out directly instead of through symbolic sums."""
    symbols = {s for s in all_matrix_symbols(expr) if all(d.is_Integer for d in s.shape)}
    if not symbols:
        return expr
    table = {
        s: sp.ImmutableMatrix(
            int(s.shape[0]),
            int(s.shape[1]),
            lambda r, c, s=s: _component(s, int(r) + 1, int(c) + 1, column=s.shape[1] == 1),
        )
        for s in symbols
    }
    out = expr.xreplace(table)
    if isinstance(out, sp.MatrixExpr) and not isinstance(out, sp.MatrixBase):
        return out
    return out.replace(
        lambda e: isinstance(e, MatrixElement) and isinstance(e.parent, sp.MatrixExpr),
        lambda e: (
            e.parent.as_explicit()[int(e.i), int(e.j)] if e.i.is_Integer and e.j.is_Integer else e
        ),
    )


def _written_out(expr: sp.Basic) -> sp.Basic:
    r"""Every sum (product) with integer limits as an explicit addition (multiplication),
    innermost first."""
    if not isinstance(expr, sp.Basic) or expr.is_Atom or not expr.has(sp.Sum, sp.Product):
        return expr
    if isinstance(expr, (sp.Sum, sp.Product)):
        term = _written_out(expr.function)
        combine = sp.Add if isinstance(expr, sp.Sum) else sp.Mul
        for var, lo, hi in expr.limits:
            if not (lo.is_Integer and hi.is_Integer):
                return expr.func(term, *expr.limits)
            term = combine(
                *[term.xreplace({var: sp.Integer(v)}) for v in range(int(lo), int(hi) + 1)]
            )
        return term
    return expr.func(*(_written_out(a) for a in expr.args))


def free_indices(*exprs: sp.Basic) -> list[sp.Idx]:
    found: set[sp.Idx] = set()
    for e in exprs:
        if isinstance(e, sp.Basic):
            found |= set(e.atoms(sp.Idx))
    return sorted(found, key=lambda i: i.name)


def unranged_indices(*exprs: Math) -> list[sp.Symbol]:
    """Free symbols used as a component's index that have no range: neither an ``Idx``, nor a
    summation variable, nor a size. ``z[k]`` with such a ``k`` names no particular component,
    so no size can write it out (and a search would treat ``z[k]`` as a new variable)."""
    found: set[sp.Symbol] = set()
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        free = e.free_symbols
        sizes = set(sizes_of(e))
        for node in sp.preorder_traversal(e):
            if isinstance(node, sp.Indexed):
                positions: tuple[sp.Basic, ...] = node.indices
            elif isinstance(node, MatrixElement):
                positions = (node.i, node.j)
            else:
                continue
            for position in positions:
                found |= {
                    s
                    for s in position.free_symbols & free
                    if not isinstance(s, sp.Idx) and s not in sizes
                }
    return sorted(found, key=lambda s: s.name)


def _instantiate_side(side: Math, sizes: Mapping[sp.Symbol, int], idx: Sequence[sp.Idx]) -> Math:
    r"""The side at concrete sizes; with free indices, the matrix of its entries.

    The side is written out once for all entries: the sizes are set, every sum with integer
    limits becomes an explicit addition and every component with integer indices a plain
    symbol. Each entry is then that expression with its index values put in
    (:func:`_substitute`), so a sum the entries share, such as :math:`\sum_k e^{z_k}`, is one
    object in all of them instead of n copies, and the work is linear in the number of entries.
    """
    if isinstance(side, sp.MatrixExpr) or not idx:
        return concrete(side.xreplace(dict(sizes)))
    generic = side.xreplace(dict(sizes))
    free = [i.xreplace(dict(sizes)) for i in idx]
    ranges = [range(int(i.lower), int(i.upper) + 1) for i in free]
    values = [tuple(map(sp.Integer, v)) for v in itertools.product(*ranges)]
    if all_matrix_symbols(generic):
        entries = [concrete(generic.xreplace(dict(zip(free, v, strict=True)))) for v in values]
    else:
        generic = _shared_written_out(_components(generic))
        depends = _dependence(generic, set(free))
        entries = [_substitute(generic, dict(zip(free, v, strict=True)), depends) for v in values]
        if _left_over(generic, set(free)):  # a sum whose limits involve a free index
            entries = [concrete(e) for e in entries]
    if len(free) == 2:
        return sp.ImmutableMatrix(len(ranges[0]), len(ranges[1]), entries)
    return sp.ImmutableMatrix(entries)


def _left_over(generic: sp.Basic, free: set[sp.Idx]) -> bool:
    """Whether an entry of ``generic`` keeps a sum, or a component whose position is not an
    integer, once the free indices are integers (then it is written out entry by entry)."""
    nodes = nodes_of(generic)
    return any(isinstance(e, (sp.Sum, sp.Product)) for e in nodes) or any(
        not set().union(*(i.free_symbols for i in e.indices)) <= free
        for e in nodes
        if isinstance(e, sp.Indexed)
    )


def nodes_of(expr: sp.Basic) -> set[sp.Basic]:
    """The distinct subexpressions of ``expr``, each visited once however often it is shared
    (walking the tree would visit a shared sum once per entry that holds it)."""
    seen: set[sp.Basic] = set()
    stack = [expr]
    while stack:
        e = stack.pop()
        if e not in seen:
            seen.add(e)
            stack.extend(e.args)
    return seen


def _components(expr: sp.Basic) -> sp.Basic:
    """Components with integer indices as plain symbols (``z[2]`` → ``z2``), by one mapping."""
    table = {
        e: _component(e.base.label, *[int(i) for i in e.indices], column=False)
        for e in expr.atoms(sp.Indexed)
        if all(i.is_Integer for i in e.indices)
    }
    return expr.xreplace(table) if table else expr


def _shared_written_out(expr: sp.Basic) -> sp.Basic:
    r""":func:`_written_out` with the terms of a sum built by :func:`_substitute` from its
    summand: what does not mention the summation variable (an inner sum already written out)
    is one shared object, not rebuilt for every term; components become plain symbols."""
    if not isinstance(expr, sp.Basic) or expr.is_Atom or not expr.has(sp.Sum, sp.Product):
        return expr
    if isinstance(expr, (sp.Sum, sp.Product)):
        term = _shared_written_out(expr.function)
        combine = sp.Add if isinstance(expr, sp.Sum) else sp.Mul
        for var, lo, hi in expr.limits:
            if not (lo.is_Integer and hi.is_Integer):
                return expr.func(term, *expr.limits)
            depends = _dependence(term, {var})
            term = combine(
                *[
                    _substitute(term, {var: sp.Integer(v)}, depends)
                    for v in range(int(lo), int(hi) + 1)
                ]
            )
        return term
    args = [_shared_written_out(a) for a in expr.args]
    return (
        sp.Expr.__new__(sp.Derivative, *args) if _plain_derivative(expr, args) else expr.func(*args)
    )


def _dependence(expr: sp.Basic, free: set[sp.Basic]) -> dict[sp.Basic, bool]:
    """For every subexpression, whether it mentions one of the symbols ``free``."""
    depends: dict[sp.Basic, bool] = {}

    def visit(e: sp.Basic) -> bool:
        known = depends.get(e)
        if known is None:
            known = e in free or any([visit(a) for a in e.args])
            depends[e] = known
        return known

    visit(expr)
    return depends


def _substitute(
    expr: sp.Basic, values: Mapping[sp.Basic, sp.Integer], depends: Mapping[sp.Basic, bool]
) -> sp.Basic:
    """``expr.xreplace(values)``, integer-indexed components as plain symbols, rebuilding only
    the subexpressions that mention a replaced symbol (``depends``); the others are shared."""
    done: dict[sp.Basic, sp.Basic] = {}

    def rebuild(e: sp.Basic) -> sp.Basic:
        if not depends.get(e, True):
            return e
        if e in values:
            return values[e]
        if e in done:
            return done[e]
        args = [rebuild(a) for a in e.args]
        if isinstance(e, sp.Indexed) and all(i.is_Integer for i in args[1:]):
            out: sp.Basic = _component(e.base.label, *[int(i) for i in args[1:]], column=False)
        elif _plain_derivative(e, args):
            # what Derivative(f, v) returns, without recomputing the free symbols of the
            # shared f (checked once when the generic derivative was built)
            out = sp.Expr.__new__(sp.Derivative, *args)
        else:
            out = e.func(*args)
        done[e] = out
        return out

    return rebuild(expr)


def _plain_derivative(e: sp.Basic, args: Sequence[sp.Basic]) -> bool:
    """``e`` is an unevaluated derivative and ``Derivative(*args)`` would return
    ``Expr.__new__(Derivative, *args)``: an expression that is not itself a derivative,
    distinct variables to differentiate by, positive integer orders."""
    if type(e) is not sp.Derivative or not isinstance(args[0], sp.Expr):
        return False
    variables = [v for v, _ in args[1:]]
    return (
        not isinstance(args[0], sp.Derivative)
        and all(isinstance(v, (sp.Symbol, sp.Indexed)) and v._diff_wrt for v in variables)
        and len(set(variables)) == len(variables)
        and all(c.is_Integer and c.is_positive for _, c in args[1:])
    )


def _concrete_condition(cond: Condition, sizes: Mapping[sp.Symbol, int]) -> Condition:
    if not isinstance(cond, SizedCondition):
        return cond
    length = int(cond.length.xreplace(sizes))
    label = str(cond.vector)
    if cond.rule == "symmetric":
        rows = [
            [_component(cond.vector, r, c, column=False) for c in range(1, length + 1)]
            for r in range(1, length + 1)
        ]
        return conditions.symmetric(sp.ImmutableMatrix(rows), name=label)
    if isinstance(cond.vector, sp.MatrixSymbol):
        ys = [_component(cond.vector, k, 1, column=True) for k in range(1, length + 1)]
    else:
        ys = [_component(cond.vector, k, column=False) for k in range(1, length + 1)]
    if cond.rule == "zero":
        return conditions.zero(ys, text=cond.text)
    if cond.rule == "one_hot":
        return conditions.one_hot(ys, name=label)
    return conditions.sums_to_one(ys, name=label)


def instantiate(claim: Claim, sizes: Mapping[sp.Symbol, int]) -> Claim:
    """The claim at concrete sizes: free indices become matrix positions, sums are expanded."""
    hot = [c for c in claim.conditions if isinstance(c, SizedCondition) and c.rule == "one_hot"]
    lhs, rhs = (_with_hypotheses(side, hot) for side in (claim.lhs, claim.rhs))
    idx = free_indices(lhs, rhs)
    label = ", ".join(f"{s} = {v}" for s, v in sizes.items())
    return replace(
        claim,
        id=f"{claim.id}@{label}",
        lhs=_instantiate_side(lhs, sizes, idx),
        rhs=_instantiate_side(rhs, sizes, idx),
        conditions=tuple(_concrete_condition(c, sizes) for c in claim.conditions if c not in hot),
        correction=None,
        statement="",
    )


def assignments(sizes: Sequence[sp.Symbol]) -> list[dict[sp.Symbol, int]]:
    """Sizes to search: all equal to 2, all equal to 3, then neighbours different (2, 3, 2, ...)."""
    out = [{s: v for s in sizes} for v in SEARCH_SIZES]
    if len(sizes) > 1:
        out.append({s: 2 + k % 2 for k, s in enumerate(sizes)})
    return out if sizes else [{}]


# --------------------------------------------------------------------------- the verdict


def _shape_text(shape: tuple[sp.Expr, sp.Expr]) -> str:
    return f"{sp.sstr(shape[0])}×{sp.sstr(shape[1])}"


def _shape(side: Math) -> tuple[sp.Expr, sp.Expr]:
    return (
        tuple(side.shape)
        if isinstance(side, (sp.MatrixExpr, sp.MatrixBase))
        else (sp.Integer(1), sp.Integer(1))
    )


def shape_mismatch(lhs: Math, rhs: Math) -> str:
    """Why two sides cannot be equal for every size, or ``""``."""
    for side, name in ((lhs, "left"), (rhs, "right")):
        problem = check_shapes(side)
        if problem:
            return f"shape mismatch in the {name} side: {problem}"
    a, b = _shape(lhs), _shape(rhs)
    if any(sp.expand(x - y) != 0 for x, y in zip(a, b, strict=True)):
        left, right = _shape_text(a), _shape_text(b)
        return f"shape mismatch: the left side is {left}, the right side {right}"
    return ""


def search_small_sizes(
    claim: Claim, domains: Mapping[sp.Symbol, tuple[sp.Rational, sp.Rational]]
) -> Counterexample | None:
    """Random points at every small size, then, size by size, the points beside every kink
    and far out in each region (after every random point, so a claim refuted by those keeps
    its counterexample)."""
    for kinks in (False, True):
        for sizes in assignments(_claim_sizes(claim)):
            small = instantiate(claim, sizes)
            names = function_names(small.lhs, small.rhs)
            written = as_polynomial(small.lhs, names)
            lhs, rhs = core.evaluate(written), core.evaluate(as_polynomial(small.rhs, names))
            if core.shape(lhs) != core.shape(rhs):
                continue
            checks = core.checks_of(lhs, rhs, small.conditions, scope=core.scope_of(written))
            symbols = set().union(*(c.symbols for c in checks))
            bounds = bounds_for(symbols, domains)
            found = (
                core.search(checks, bounds, small.id, 0, kinks=True, domains=domains)
                if kinks
                else core.search(checks, bounds, small.id, core.SAMPLES)
            )
            positive = _positive_arguments(small.lhs, small.rhs)
            if found is None and not kinks and positive:
                # then where every logarithm's argument is positive: half the points of the
                # whole box put one of them out of the sides' common domain
                inside = bounds_for(symbols, {**positive, **domains})
                found = core.search(checks, inside, f"{small.id}>0", core.SAMPLES)
            if found is not None:
                return _at_sizes(found, sizes, small)
    return None


def _positive_arguments(*sides: Math) -> dict[sp.Symbol, tuple[sp.Rational, sp.Rational]]:
    """The symbols that are a logarithm's whole argument in the sides (log t̂_k), each with
    the positive sampling range: where the sides are defined."""
    found = {
        e.args[0]
        for side in sides
        for e in side.atoms(sp.log)
        if isinstance(e.args[0], sp.Symbol) and not e.args[0].is_positive
    }
    return {s: POSITIVE_RANGE for s in sorted(found, key=sp.default_sort_key)}


def _at_sizes(
    found: Counterexample, sizes: Mapping[sp.Symbol, int], small: Claim
) -> Counterexample:
    label = ", ".join(f"{s} = {v}" for s, v in sizes.items())
    chosen = ", ".join(cubics(small.lhs, small.rhs))
    case = "; ".join(x for x in (label, chosen, found.case) if x)
    return replace(found, case=case)


def function_names(*sides: Math) -> list[str]:
    """The arbitrary functions of the sides (``f`` also for ``f'``), by name."""
    found: set[str] = set()
    for side in sides:
        found |= {type(e).__name__.rstrip("'") for e in side.atoms(AppliedUndef)}
    return sorted(found)


def _cubic(k: int, t: sp.Expr) -> sp.Expr:
    """The stand-in for the k-th undefined function (k = 1, 2, ...)."""
    return t**3 + (k + 1) * t**2 + t / (k + 1)


def cubics(*sides: Math) -> list[str]:
    """How the arbitrary functions were chosen: ``f(t) = t^3 + 2*t^2 + t/2``."""
    t = sp.Symbol("t")
    names = function_names(*sides)
    return [
        f"{name}(t) = {sp.sstr(_cubic(k + 1, t))}".replace("**", "^")
        for k, name in enumerate(names)
    ]


def as_polynomial(side: Math, names: list[str]) -> Math:
    """Each undefined function (an arbitrary activation) taken as a cubic of its own while
    searching: a counterexample for one function refutes a claim made for every function, and
    a polynomial is evaluated exactly and fast."""
    if isinstance(side, sp.MatrixBase):
        return sp.ImmutableMatrix(side.applyfunc(lambda e: as_polynomial(e, names)))
    t = sp.Dummy("t")

    def stand_in(e: sp.Expr) -> sp.Expr:
        name = type(e).__name__
        cubic = _cubic(names.index(name.rstrip("'")) + 1, t)
        value = sp.diff(cubic, t) if name.endswith("'") else cubic
        return value.xreplace({t: e.args[0]})

    return side.replace(lambda e: isinstance(e, AppliedUndef) and len(e.args) == 1, stand_in)


def _entries(lhs: Math, rhs: Math) -> list[tuple[sp.Expr, sp.Expr]]:
    """The generic entry (i, j) of two matrix expressions, or the two scalars."""
    if not isinstance(lhs, sp.MatrixExpr) and not isinstance(rhs, sp.MatrixExpr):
        return [(lhs, rhs)]
    rows, cols = _shape(lhs)
    positions = []
    for name, extent in (("ρ", rows), ("κ", cols)):
        positions.append(sp.Integer(0) if extent == 1 else index(name, extent, base=0))
    i, j = positions
    return [(lhs[i, j], rhs[i, j])]


def verify_sized(
    claim: Claim,
    *,
    domains: Mapping[sp.Symbol, tuple[sp.Rational, sp.Rational]] | None = None,
    with_correction: bool = True,
    refute: bool = True,
) -> Result:
    """Decide a claim about symbolic sizes: shapes, then a concrete counterexample, then a proof
    (``refute=False``: no search for a counterexample, as in
    :func:`~derivations.verifier.scalar.verify_scalar`)."""
    domains = domains or {}
    unranged = unranged_indices(claim.lhs, claim.rhs)
    if unranged:
        names = ", ".join(s.name for s in unranged)
        reason = f"the index {names} has no range: write it as an index from 1 to a size"
        return Result(Verdict.UNKNOWN, method="none", reason=reason)
    mismatch = shape_mismatch(claim.lhs, claim.rhs)
    if mismatch:
        return Result(
            Verdict.REFUTED,
            method="shapes",
            reason=mismatch,
            correction=_correction(claim, domains, with_correction),
        )
    found = search_small_sizes(claim, domains) if refute else None
    if found is not None:
        return Result(
            Verdict.REFUTED,
            method="exact evaluation at a point of a concrete size",
            counterexample=found,
            correction=_correction(claim, domains, with_correction),
        )
    sized = tuple(c for c in claim.conditions if isinstance(c, SizedCondition))
    plain = [c.cases for c in claim.conditions if not isinstance(c, SizedCondition)]
    where: set[sp.Expr] = set()
    several = len(_claim_sizes(claim)) > 1 and not (
        all_matrix_symbols(claim.lhs) or all_matrix_symbols(claim.rhs)
    )
    for lhs, rhs in _entries(claim.lhs, claim.rhs):
        quick = _decided_unsummed(lhs, rhs, plain, sized) if several else None
        if quick is not None:
            where |= quick
            continue
        left, right = evaluate_generic(lhs), evaluate_generic(rhs)
        difference = left - right
        where |= _kinks(left) | _kinks(right)
        for combo in itertools.product(*plain):
            substitution = {s: v for case in combo for s, v in case}
            decision = decide(difference.xreplace(substitution), sized)
            if not decision.proved:
                shown = ", ".join(f"{s} = {v}" for s, v in substitution.items())
                reason = (
                    f"{decision.reason}{f' when {shown}' if shown else ''}; no counterexample found"
                )
                return Result(Verdict.UNKNOWN, method="none", reason=reason)
            where |= decision.where
    sizes = {s: CROSS_CHECK_SIZE for s in _claim_sizes(claim)}
    small = instantiate(claim, sizes)
    small = replace(
        small,
        lhs=generic_slopes(core.evaluate(small.lhs)),
        rhs=generic_slopes(core.evaluate(small.rhs)),
    )
    check = verify_scalar(small, domains=domains, with_correction=False, refute=refute)
    label = ", ".join(f"{s} = {v}" for s, v in sizes.items()) or "its size"
    if check.verdict is not Verdict.PROVED:
        reason = (
            f"the proof for every size is not confirmed entry by entry at {label}: {check.reason}"
        )
        return Result(Verdict.UNKNOWN, method="none", reason=reason)
    method = f"{METHOD}; entry by entry at {label}"
    if isinstance(claim.lhs, LayoutDerivative) and not claim.conditions:
        opinion = sympy_agrees(claim.lhs.function, claim.lhs.variable, claim.lhs.layout, claim.rhs)
        method += f"; SymPy's own matrix derivative {opinion}"
    return Result(Verdict.PROVED, method=method, where=core.excluded(where, show=text))


def _decided_unsummed(
    lhs: sp.Expr,
    rhs: sp.Expr,
    plain: Sequence[Any],
    sized: Sequence[SizedCondition],
) -> set[sp.Expr] | None:
    """Where the proof leaves kinks out, when the claim is proved with its derivatives taken
    and its sums left as they are (sifted and compared by :func:`decide`); None when it is not
    so proved. A claim over several sizes (layers of a network) nests sums that SymPy's
    ``doit`` would try, one by one, to evaluate in closed form (minutes for three layers)."""
    left, right = _derivatives_taken(lhs), _derivatives_taken(rhs)
    where = _kinks(left) | _kinks(right)
    for combo in itertools.product(*plain):
        substitution = {s: v for case in combo for s, v in case}
        decision = decide((left - right).xreplace(substitution), sized)
        if not decision.proved:
            return None
        where |= decision.where
    return where


def _derivatives_taken(side: sp.Expr) -> sp.Expr:
    """:func:`evaluate_generic` without evaluating sums: each derivative taken, innermost
    first."""
    taken = to_definitions(side).replace(
        lambda e: isinstance(e, sp.Derivative), lambda e: sp.diff(e.expr, *e.variables)
    )
    return _entries_of_transposes(jacobi(generic_slopes(exp_of_sums(taken))))


def _claim_sizes(claim: Claim) -> list[sp.Symbol]:
    lengths = [c.length for c in claim.conditions if isinstance(c, SizedCondition)]
    return sizes_of(claim.lhs, claim.rhs, *lengths)


def provably_equal(lhs: Math, rhs: Math) -> bool:
    """True when the shapes agree and the generic entries are proved equal for every size
    (the symbolic procedure alone: no search, no concrete cross-check)."""
    if shape_mismatch(lhs, rhs):
        return False
    return all(
        decide(evaluate_generic(a) - evaluate_generic(b)).proved for a, b in _entries(lhs, rhs)
    )


def _kinks(side: sp.Expr) -> set[sp.Expr]:
    """Where a side's switches change branch (the set of measure zero a proof leaves out)."""
    masked, names = _opaque(resolve_ranges(reduce_sums(resolve_ranges(side))))
    return {b.xreplace(names) for b in regions.boundaries(masked)}


def evaluate_generic(side: sp.Expr) -> sp.Expr:
    return _entries_of_transposes(jacobi(generic_slopes(exp_of_sums(to_definitions(side).doit()))))


def exp_of_sums(expr: sp.Expr) -> sp.Expr:
    r"""A product of exponentials written as the exponential of the sum,
    :math:`\prod_i e^{a_i} = e^{\sum_i a_i}` for every size: SymPy's ``doit`` writes the
    sigmoid of a sum with a ``Product`` on one side of a claim and not on the other, and the
    two forms of one sum would not compare equal."""

    def is_product_of_exp(e: sp.Basic) -> bool:
        return isinstance(e, sp.Product) and isinstance(e.function, sp.exp)

    def as_sum(e: sp.Product) -> sp.Expr:
        return sp.exp(sp.Sum(e.function.args[0], *e.limits))

    return expr.replace(is_product_of_exp, as_sum) if expr.has(sp.Product) else expr


def jacobi(expr: sp.Expr) -> sp.Expr:
    r"""Jacobi's formula, valid for every size where :math:`X` is invertible:
    :math:`\partial \det X / \partial X_{ab} = \det X \,(X^{-1})_{ba}`."""

    def is_jacobi(e: sp.Basic) -> bool:
        return (
            isinstance(e, sp.Derivative)
            and isinstance(e.expr, sp.Determinant)
            and len(e.variables) == 1
            and isinstance(e.variables[0], MatrixElement)
            and e.variables[0].parent == e.expr.arg
            and e.derivative_count == 1
        )

    def formula(e: sp.Derivative) -> sp.Expr:
        x = e.variables[0]
        return e.expr * sp.Inverse(x.parent)[x.j, x.i]

    return expr.replace(is_jacobi, formula) if expr.has(sp.Determinant) else expr


def _entries_of_transposes(expr: sp.Expr) -> sp.Expr:
    r""":math:`(M^\mathrm{T})_{ab} = M_{ba}` and
    :math:`(X^\mathrm{T})^{-1} = (X^{-1})^\mathrm{T}`, so that equal entries are written alike."""
    if not expr.has(sp.Transpose):
        return expr
    expr = expr.replace(
        lambda e: isinstance(e, sp.Inverse) and isinstance(e.arg, sp.Transpose),
        lambda e: sp.Transpose(sp.Inverse(e.arg.arg)),
    )
    return expr.replace(
        lambda e: isinstance(e, MatrixElement) and isinstance(e.parent, sp.Transpose),
        lambda e: e.parent.arg[e.j, e.i],
    )


def _correction(
    claim: Claim, domains: Mapping[sp.Symbol, tuple[sp.Rational, sp.Rational]], wanted: bool
) -> Math | None:
    if not wanted:
        return None
    candidate = claim.correction if claim.correction is not None else derived_value(claim.lhs)
    if candidate is None:
        return None
    corrected = replace(claim, id=f"{claim.id}#correction", rhs=candidate, correction=None)
    # Only a proof shows it: the search for a counterexample would be work done for nothing.
    result = verify_sized(corrected, domains=domains, with_correction=False, refute=False)
    return candidate if result.verdict is Verdict.PROVED else None


def derived_value(lhs: Math) -> Math | None:
    r"""The value of a derivative of a scalar by a vector (a row or a column) written entry by
    entry, :math:`(\partial f/\partial x)_r` for a generic r, as a column (or the transpose
    of one); the printers show such a column in vector form (:math:`2(\hat y - y)/n`). None
    for anything else, or when an entry keeps a derivative or a case on its index. It is a
    candidate only: the caller proves it before showing it."""
    if not isinstance(lhs, LayoutDerivative) or is_matrix(lhs.function):
        return None
    rows, cols = lhs.shape
    if sp.Integer(1) not in (rows, cols) or (rows, cols) == (1, 1):
        return None
    length = rows if cols == 1 else cols
    r, c = sp.symbols("r c", integer=True)
    at = sp.Idx("r", (0, length - 1))  # the generic row, with its range for the sums
    value = evaluate_generic(lhs._entry(at, 0) if cols == 1 else lhs._entry(0, at))
    for _ in range(2):
        value = resolve_ranges(reduce_sums(normalize_deltas(value)))
    value = value.xreplace({at: r})
    if value.has(sp.Derivative) or value.has(sp.Piecewise) or value.has(sp.KroneckerDelta):
        return None
    column = sp.FunctionMatrix(length, 1, sp.Lambda((r, c), value))
    return column if cols == 1 else column.T


def sympy_agrees(f: Any, x: sp.MatrixExpr, layout: str, value: Any) -> str:
    """Whether SymPy's matrix derivative equals ``value`` (already proved): ``agrees``,
    ``disagrees`` (SymPy is wrong, since ``value`` is proved) or ``no answer``."""
    try:
        theirs = sympy_derivative(f, x, layout)
    except Exception:
        return "no answer (SymPy raises)"
    if theirs is None or (isinstance(theirs, sp.Basic) and theirs.has(sp.Derivative)):
        return "no answer (left unevaluated)"
    if not is_matrix(theirs) and is_matrix(value):
        return f"disagrees (SymPy gives {sp.sstr(theirs)})"
    try:
        if provably_equal(theirs, value):
            return "agrees"
    except Exception:
        return f"not compared (SymPy gives {sp.sstr(theirs)})"
    return f"disagrees (SymPy gives {sp.sstr(theirs)})"
