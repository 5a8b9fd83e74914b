r"""What refutes a claim: the one definition, enforced here and nowhere else.

derive reasons over the reals: every symbol is real, and an expression has a value at a point
only where every one of its parts has a real value there (``log`` of a positive number, a
negative base only to an integer power, no division by 0, a ``Piecewise`` with a branch that
applies). A point refutes ``lhs = rhs`` when

1. **both sides are real there and differ**: exactly, when both values are rational, or by
   interval arithmetic whose enclosures of the two values do not overlap; or
2. **exactly one side is real there, on an open set around it**: the real side's parts are
   defined strictly inside their domains, and the other side fails strictly (the logarithm of
   a negative number, a negative base to an exponent that is not an integer anywhere near).

A single point where one side is undefined (``log(0)``, a pole, an integer exponent that only
makes a negative base real at that point) refutes nothing, just as a proof leaves out such
sets. A derivative claim :math:`\frac{d}{dx} f = g` speaks where ``f`` is real: a point where
the differentiated function has no real value is outside the claim (its ``scope``).

:func:`refutation` is the only function that makes a
:class:`~derivations.model.Counterexample`: every point the search or the proof proposes passes
through it, and the values it shows are the enclosures it certified (a side without a real value
is shown as ``undefined``, never as a complex number).

The evaluation walks the expression tree once: rationals stay exact (Python fractions) until a
transcendental function or a root appears, everything else is an interval of :mod:`mpmath.iv`
at a working precision that is raised when an enclosure is too wide to decide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import mpmath
import sympy as sp
from mpmath import iv
from sympy.core.evalf import PrecisionExhausted

from derivations.model import Counterexample
from derivations.symbolic import regions
from derivations.symbolic.functions import sigmoid, softmax, softplus

#: Working precisions (decimal digits) tried in turn while an enclosure is too wide to decide.
PRECISIONS = (60, 160, 400)
#: Significant digits shown for an irrational value (more when needed to tell two apart).
DIGITS = 30
#: Largest exact rational power computed (bits); beyond it the power is an enclosure.
EXACT_BITS = 200_000
#: Most digits ever shown.
MAX_DIGITS = 240

Point = Mapping[sp.Symbol, sp.Expr]


class NotReal(Exception):
    """The expression has no real value at the point; ``robust`` when that holds on an open
    set around it (up to a set of measure zero)."""

    def __init__(self, robust: bool) -> None:
        super().__init__("not real")
        self.robust = robust


class Unsure(Exception):
    """The enclosures at this precision cannot decide a domain condition or a branch."""


@dataclass(frozen=True)
class Real:
    """A real value: ``exact`` when it is rational, always an enclosure ``interval``.

    ``robust``: the expression is real on an open set around the point (every domain condition
    and every branch was decided strictly).
    """

    exact: Fraction | None
    interval: Any
    robust: bool = True


Value = Real | NotReal | None  # None: undecided


def _lo(v: Any) -> Any:
    """The lower end of an enclosure, exactly (``mpmath.mpf`` would round it to 53 bits)."""
    return mpmath.mp.make_mpf(v._mpi_[0])


def _hi(v: Any) -> Any:
    return mpmath.mp.make_mpf(v._mpi_[1])


def _mid(v: Any) -> Any:
    """The centre of an enclosure, exactly (the ends have at most a few thousand bits)."""
    with mpmath.workprec(8000):
        return (_lo(v) + _hi(v)) / 2


def _exact(q: Fraction, robust: bool = True) -> Real:
    return Real(q, iv.mpf(q.numerator) / q.denominator, robust)


def _inexact(interval: Any, robust: bool) -> Real:
    if not (mpmath.isfinite(_lo(interval)) and mpmath.isfinite(_hi(interval))):
        raise Unsure
    return Real(None, interval, robust)


def _sign(v: Real) -> int | None:
    """+1, -1 or 0 when the sign is certain, None when the enclosure contains 0 inexactly."""
    if v.exact is not None:
        return (v.exact > 0) - (v.exact < 0)
    if _lo(v.interval) > 0:
        return 1
    if _hi(v.interval) < 0:
        return -1
    return None


def _contains_integer(v: Real) -> bool:
    if v.exact is not None:
        return v.exact.denominator == 1
    return bool(mpmath.floor(_lo(v.interval)) != mpmath.floor(_hi(v.interval))) or bool(
        _lo(v.interval) == mpmath.floor(_lo(v.interval))
    )


def _monotone(f: Callable[[Any], Any], v: Real) -> Any:
    """The enclosure of an increasing ``f`` (``atan``, ``erf``) over ``v``: its values at the
    ends, computed with guard digits and widened by a few units in the last place."""
    prec = iv.prec
    with mpmath.workprec(prec + 30):
        low, high = f(_lo(v.interval)), f(_hi(v.interval))
        slack = mpmath.ldexp(abs(low) + abs(high) + mpmath.ldexp(1, -prec), -prec + 4)
        return iv.mpf([low - slack, high + slack])


def _certainly_beyond(v: Real, w: Real, above: bool) -> bool:
    if above:
        return bool(_lo(v.interval) >= _hi(w.interval))
    return bool(_hi(v.interval) <= _lo(w.interval))


def _exp(v: Real) -> Real:
    if v.exact == 0:
        return _exact(Fraction(1), v.robust)
    return _inexact(iv.exp(v.interval), v.robust)


def _log(v: Real) -> Real:
    sign = _sign(v)
    if sign is None:
        raise Unsure
    if sign <= 0:
        raise NotReal(robust=sign < 0 and v.robust)
    if v.exact == 1:
        return _exact(Fraction(0), v.robust)
    return _inexact(iv.log(v.interval), v.robust)


def _reciprocal(v: Real) -> Real:
    sign = _sign(v)
    if sign is None:
        raise Unsure
    if sign == 0:
        raise NotReal(robust=False)  # a pole: a single point
    if v.exact is not None:
        return _exact(1 / v.exact, v.robust)
    return _inexact(1 / v.interval, v.robust)


def _tan(v: Real) -> Real:
    cos = iv.cos(v.interval)
    if _lo(cos) <= 0 <= _hi(cos):
        raise Unsure  # at or near a pole; a rational point is never exactly one
    return _inexact(iv.sin(v.interval) / cos, v.robust)


def _sigmoid(v: Real) -> Real:
    return _reciprocal(_add([_exact(Fraction(1)), _exp(_negate(v))]))


def _negate(v: Real) -> Real:
    return Real(None if v.exact is None else -v.exact, -v.interval, v.robust)


def _add(values: list[Real]) -> Real:
    robust = all(v.robust for v in values)
    if all(v.exact is not None for v in values):
        return _exact(sum((v.exact for v in values if v.exact is not None), Fraction(0)), robust)
    total = iv.mpf(0)
    for v in values:
        total += v.interval
    return _inexact(total, robust)


def _mul(values: list[Real]) -> Real:
    robust = all(v.robust for v in values)
    if any(v.exact == 0 for v in values):
        return _exact(Fraction(0), robust)  # every factor is real: the product is exactly 0
    if all(v.exact is not None for v in values):
        product = Fraction(1)
        for v in values:
            assert v.exact is not None
            product *= v.exact
        return _exact(product, robust)
    total = iv.mpf(1)
    for v in values:
        total *= v.interval
    return _inexact(total, robust)


def _integer_power(base: Real, n: int, robust: bool) -> Real:
    if n < 0:
        return _reciprocal(_integer_power(base, -n, robust))
    size = max(abs(base.exact.numerator), base.exact.denominator) if base.exact is not None else 0
    if base.exact is not None and size.bit_length() * n <= EXACT_BITS:
        return _exact(base.exact**n, robust)
    return _inexact(base.interval**n, robust)


def _power(base: Real, exponent: Real, constant_exponent: bool) -> Real:
    """``base ** exponent`` over the reals: a negative base only to an integer exponent."""
    robust = base.robust and exponent.robust
    if exponent.exact is not None and exponent.exact.denominator == 1:
        # An integer exponent that varies with the symbols makes a negative base real at this
        # point only (a set of measure zero), so the value is real but not robustly.
        stays = constant_exponent or _sign(base) == 1
        return _integer_power(base, int(exponent.exact), robust and stays)
    sign = _sign(base)
    if sign is None:
        raise Unsure
    if sign > 0:
        if base.exact == 1:
            return _exact(Fraction(1), robust)
        return _inexact(iv.exp(exponent.interval * iv.log(base.interval)), robust)
    if sign == 0:
        positive = _sign(exponent)
        if positive is None:
            raise Unsure
        if positive > 0:
            return _exact(Fraction(0), robust=False)
        raise NotReal(robust=False)
    if _contains_integer(exponent):
        raise Unsure  # an exponent near an integer: real or not, not decided here
    raise NotReal(robust=robust)


def _compare(left: Real, right: Real) -> tuple[int, bool]:
    """The sign of ``left - right`` and whether it is strict (not an equality at the point)."""
    sign = _sign(_add([left, _negate(right)]))
    if sign is None:
        raise Unsure
    return sign, sign != 0


_RELATIONS: dict[str, Callable[[int], bool]] = {
    "<": lambda s: s < 0,
    "<=": lambda s: s <= 0,
    ">": lambda s: s > 0,
    ">=": lambda s: s >= 0,
    "==": lambda s: s == 0,
    "!=": lambda s: s != 0,
}


class _Walk:
    """One evaluation of expressions at one point and one precision, sharing a memo."""

    def __init__(self, point: Point) -> None:
        self.point = point
        self.memo: dict[sp.Basic, Real] = {}

    def value(self, e: sp.Basic) -> Real:
        known = self.memo.get(e)
        if known is None:
            known = self.memo[e] = self._node(e)
        return known

    def holds(self, cond: sp.Basic) -> tuple[bool, bool]:
        """Whether ``cond`` holds at the point, and whether it holds strictly (near it too)."""
        if cond is sp.true:
            return True, True
        if cond is sp.false:
            return False, True
        if isinstance(cond, (sp.And, sp.Or)):
            parts = [self.holds(c) for c in cond.args]
            truth = (all if isinstance(cond, sp.And) else any)(t for t, _ in parts)
            return truth, all(strict for _, strict in parts)
        if isinstance(cond, sp.Not):
            truth, strict = self.holds(cond.args[0])
            return not truth, strict
        if isinstance(cond, sp.Rel):
            sign, strict = _compare(self.value(cond.lhs), self.value(cond.rhs))
            return _RELATIONS[cond.rel_op](sign), strict
        raise Unsure

    def _node(self, e: sp.Basic) -> Real:
        if e.is_Symbol:
            if e not in self.point:
                raise Unsure
            return self._number(self.point[e])
        if e in (sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise NotReal(robust=False)
        if e is sp.I:
            raise NotReal(robust=True)  # a constant part that is nowhere real (log(-3) + I*pi)
        if e.is_Number or e is sp.pi or e is sp.E:
            return self._number(e)
        if e.is_Add:
            return _add([self.value(a) for a in e.args])
        if e.is_Mul:
            return _mul([self.value(a) for a in e.args])
        if e.is_Pow:
            return _power(
                self.value(e.base), self.value(e.exp), constant_exponent=not e.exp.free_symbols
            )
        if isinstance(e, sp.exp):
            return _exp(self.value(e.args[0]))
        if isinstance(e, sp.log) and len(e.args) == 1:
            return _log(self.value(e.args[0]))
        unary = _UNARY.get(type(e))
        if unary is not None:
            return unary(self.value(e.args[0]))
        if isinstance(e, sp.sign):
            sign = _sign(self.value(e.args[0]))
            if sign is None:
                raise Unsure
            return _exact(Fraction(sign), self.value(e.args[0]).robust)
        if isinstance(e, sp.Heaviside):
            v = self.value(e.args[0])
            sign = _sign(v)
            if sign is None:
                raise Unsure
            if sign == 0:
                at_zero = e.args[1] if len(e.args) > 1 else sp.S.Half
                return replace(self.value(at_zero), robust=False)
            return _exact(Fraction(int(sign > 0)), v.robust)
        if isinstance(e, (sp.Max, sp.Min)):
            return self._extreme(e)
        if isinstance(e, sp.Piecewise):
            return self._piecewise(e)
        if isinstance(e, softmax):
            logits = [self.value(a) for a in e.args[1:]]
            weights = [_exp(z) for z in logits]
            return _mul([weights[int(e.args[0])], _reciprocal(_add(weights))])
        if isinstance(e, sp.KroneckerDelta):
            sign, strict = _compare(self.value(e.args[0]), self.value(e.args[1]))
            return _exact(Fraction(int(sign == 0)), strict)
        return self._fallback(e)

    def _number(self, e: sp.Expr) -> Real:
        if e.is_Rational:
            return _exact(Fraction(int(e.p), int(e.q)))
        if e is sp.pi:
            return _inexact(iv.pi, True)
        if e is sp.E:
            return _inexact(iv.e, True)
        if e.is_Float:
            exact = sp.Rational(e)  # the binary value of the float, exactly
            return _exact(Fraction(int(exact.p), int(exact.q)))
        return self.value(e)

    def _extreme(self, e: sp.Max | sp.Min) -> Real:
        values = [self.value(a) for a in e.args]
        robust = all(v.robust for v in values)
        if all(v.exact is not None for v in values):
            chosen = (max if isinstance(e, sp.Max) else min)(
                v.exact for v in values if v.exact is not None
            )
            return _exact(chosen, robust)
        pick = max if isinstance(e, sp.Max) else min
        for v in values:
            # an argument certainly above (below) all others is the value, exact if it is
            if all(v is w or _certainly_beyond(v, w, isinstance(e, sp.Max)) for w in values):
                return replace(v, robust=robust)
        low = pick(_lo(v.interval) for v in values)
        high = pick(_hi(v.interval) for v in values)
        return _inexact(iv.mpf([low, high]), robust)

    def _piecewise(self, e: sp.Piecewise) -> Real:
        strict_so_far = True
        for expr, cond in e.args:
            truth, strict = self.holds(cond)
            strict_so_far = strict_so_far and strict
            if truth:
                v = self.value(expr)
                return Real(v.exact, v.interval, v.robust and strict_so_far)
        raise NotReal(robust=strict_so_far)

    def _fallback(self, e: sp.Basic) -> Real:
        """A node this walk does not know (gamma, an instance's ``Subs``): SymPy's adaptive
        ``evalf`` of its value at the point, real or undecided, never robust."""
        value = e.xreplace(dict(self.point))
        if not value.is_number:
            value = value.doit()
        if value.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise NotReal(robust=False)
        if value.is_Rational:
            return _exact(Fraction(int(value.p), int(value.q)), robust=False)
        try:
            approx = sp.N(value, iv.dps + 10, strict=True)
        except (PrecisionExhausted, ValueError, TypeError, ArithmeticError):
            raise Unsure from None
        if not approx.is_number or approx.is_real is not True or not approx.is_Float:
            raise Unsure
        with mpmath.workprec(iv.prec + 64):
            centre = mpmath.mp.make_mpf(approx._mpf_)
            slack = mpmath.ldexp(abs(centre) + mpmath.ldexp(1, -iv.prec), -iv.prec + 8)
            return _inexact(iv.mpf([centre - slack, centre + slack]), robust=False)


def _hyperbolic(name: str) -> Callable[[Real], Real]:
    def f(v: Real) -> Real:
        up, down = _exp(v), _exp(_negate(v))
        if name == "tanh":
            # tanh u = 1 - 2/(e^(2u) + 1): one exponential, a narrow enclosure
            twice = _exp(_add([v, v]))
            return _add(
                [
                    _exact(Fraction(1)),
                    _negate(
                        _mul([_exact(Fraction(2)), _reciprocal(_add([twice, _exact(Fraction(1))]))])
                    ),
                ]
            )
        half = _exact(Fraction(1, 2))
        if name == "sinh":
            return _mul([half, _add([up, _negate(down)])])
        cosh = _mul([half, _add([up, down])])
        return cosh if name == "cosh" else _reciprocal(cosh)

    return f


_UNARY: dict[type, Callable[[Real], Real]] = {
    sp.sin: lambda v: _inexact(iv.sin(v.interval), v.robust),
    sp.cos: lambda v: _inexact(iv.cos(v.interval), v.robust),
    sp.tan: _tan,
    sp.tanh: _hyperbolic("tanh"),
    sp.sinh: _hyperbolic("sinh"),
    sp.cosh: _hyperbolic("cosh"),
    sp.sech: _hyperbolic("sech"),
    sp.atan: lambda v: _inexact(_monotone(mpmath.atan, v), v.robust),
    sp.erf: lambda v: _inexact(_monotone(mpmath.erf, v), v.robust),
    sp.Abs: lambda v: (
        _exact(abs(v.exact), v.robust)
        if v.exact is not None
        else _inexact(abs(v.interval), v.robust)
    ),
    sigmoid: _sigmoid,
    softplus: lambda v: _log(_add([_exact(Fraction(1)), _exp(v)])),
}


def real_value(expr: sp.Basic, point: Point, digits: int = PRECISIONS[0]) -> Value:
    """``expr`` at ``point`` over the reals: :class:`Real`, :class:`NotReal`, or ``None`` when
    even the finest enclosure cannot decide a domain condition or a branch."""
    return _values([expr], point, digits)[0]


def _values(exprs: list[sp.Basic], point: Point, digits: int = PRECISIONS[0]) -> list[Value]:
    """The values of ``exprs`` at ``point``, each at the least precision in
    :data:`PRECISIONS` (from ``digits`` on) that decides it."""
    out: list[Value] = [None] * len(exprs)
    pending = list(range(len(exprs)))
    saved = iv.prec
    try:
        for dps in [d for d in PRECISIONS if d >= digits] or [digits]:
            iv.dps = dps
            walk = _Walk(point)
            still = []
            for i in pending:
                try:
                    out[i] = walk.value(exprs[i])
                except NotReal as exc:
                    out[i] = exc
                except Unsure:
                    still.append(i)
                except (ValueError, ZeroDivisionError, ArithmeticError, TypeError):
                    still.append(i)
            pending = still
            if not pending:
                break
    finally:
        iv.prec = saved
    return out


def _differ(left: Real, right: Real) -> bool:
    if left.exact is not None and right.exact is not None:
        return left.exact != right.exact
    return bool(
        _hi(left.interval) < _lo(right.interval) or _hi(right.interval) < _lo(left.interval)
    )


def _shown(v: Real, digits: int) -> str:
    if v.exact is not None:
        return str(sp.Rational(v.exact.numerator, v.exact.denominator))
    return str(sp.Float(_mid(v.interval), digits))


def _wide(v: Real, digits: int) -> bool:
    """Whether the enclosure is too wide to show ``digits`` significant digits of it."""
    if v.exact is not None:
        return False
    with mpmath.workprec(iv.prec + 64):
        width, size = _hi(v.interval) - _lo(v.interval), abs(_mid(v.interval))
        return bool(width > size * mpmath.mpf(10) ** -(digits + 5))


def _show_pair(
    exprs: tuple[sp.Basic, sp.Basic], values: tuple[Real | None, Real | None], point: Point
) -> tuple[str, str]:
    """Both values, with at least :data:`DIGITS` digits and as many more as it takes to tell
    them apart; a side without a real value is ``undefined``."""
    digits = DIGITS
    current = list(values)
    while True:
        for i, v in enumerate(current):
            if v is not None and _wide(v, digits):
                again = real_value(exprs[i], point, digits + 30)
                current[i] = again if isinstance(again, Real) else v
        shown = tuple("undefined" if v is None else _shown(v, digits) for v in current)
        if shown[0] != shown[1] or digits >= MAX_DIGITS:
            return shown[0], shown[1]
        digits *= 2


#: Values tried for a symbol the scope has and the sides have not (``y`` in d/dy (x·y) = x).
_FILLERS = tuple(sp.Rational(v) for v in ("1", "1/2", "2", "-1", "-1/2", "3/7", "-3"))


def _within(scope: list[sp.Expr], point: Point) -> bool:
    """Whether the claim speaks at ``point``: every function in ``scope`` is real there, for
    some values of the symbols the point does not fix (the sides do not depend on them)."""
    if not scope:
        return True
    missing = sorted(set().union(*(f.free_symbols for f in scope)) - set(point), key=str)
    choices = [
        [v for v in _FILLERS if not ((s.is_positive or s.is_nonnegative) and v < 0)]
        for s in missing
    ]
    for filler in zip(*choices, strict=False) if missing else [()]:
        full = {**point, **dict(zip(missing, filler, strict=True))}
        if all(isinstance(v, Real) for v in _values(list(scope), full)):
            return True
    return False


def _one_real(left: Value, right: Value) -> bool:
    return (isinstance(left, Real) and isinstance(right, NotReal)) or (
        isinstance(left, NotReal) and isinstance(right, Real)
    )


def refutation(
    lhs: sp.Expr,
    rhs: sp.Expr,
    point: Point,
    *,
    scope: Iterable[sp.Expr] = (),
    case: str = "",
) -> Counterexample | None:
    """The counterexample ``point`` is to ``lhs = rhs`` by the definition above, or None.

    ``scope`` holds the functions a derivative claim differentiates: a point where one of them
    has no real value is outside the claim. A point on the boundary of a switch (a kink of
    ``Max``, a ``Piecewise`` condition's edge) refutes nothing either: proofs leave those out.
    """
    try:
        for side in (lhs, rhs):
            regions.select(side, point)
    except regions.OnBoundary:
        return None
    if not _within(list(scope), point):
        return None
    for digits in PRECISIONS:
        left, right = _values([lhs, rhs], point, digits)
        if not (isinstance(left, Real) and isinstance(right, Real)):
            break
        if _differ(left, right):
            break
        if left.exact is not None and right.exact is not None:
            return None  # equal
        # overlapping enclosures: equal, or too close to tell at this precision
    else:
        return None
    if isinstance(left, Real) and isinstance(right, Real):
        if not _differ(left, right):
            return None
    elif _one_real(left, right):
        # exactly one side is real: a refutation only where that holds on an open set
        assert left is not None and right is not None
        if not (left.robust and right.robust):
            return None
    else:
        return None  # both undefined, or undecided
    shown_left, shown_right = _show_pair(
        (lhs, rhs),
        (left if isinstance(left, Real) else None, right if isinstance(right, Real) else None),
        point,
    )
    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
    return Counterexample(
        point=tuple((s.name, str(point[s])) for s in symbols if s in point),
        lhs=shown_left,
        rhs=shown_right,
        case=case,
    )
