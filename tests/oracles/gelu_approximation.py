r"""The largest error of GELU's tanh approximation over the reals, found and bounded rigorously.

The error is

.. math:: f(x) = x\Phi(x) - \tfrac12 x\,(1 + \tanh u(x)), \qquad
          u(x) = \sqrt{2/\pi}\,(x + c x^3),\ c = 0.044715,

that is :math:`f = x\,D(x)` with :math:`D = \Phi - T` and :math:`T = (1 + \tanh u)/2 =
1/(1 + e^{-2u})`. The bound rests on four facts:

1. *f is even*: :math:`\Phi(-x) = 1 - \Phi(x)` and :math:`T(-x) = 1 - T(x)` (u is odd), so
   :math:`f(-x) = f(x)`; the catalog proves it symbolically (claim ``gelu_tanh.error-even``).
   Only :math:`x \ge 0` is searched.
2. *The tail*: for :math:`x \ge L > 1`, :math:`\Phi, T \in (0, 1)` give
   :math:`|f| \le x(1 - \Phi(x)) + x(1 - T(x))`; Mills' inequality
   :math:`1 - \Phi(x) < \varphi(x)/x` bounds the first term by :math:`\varphi(x) \le \varphi(L)`;
   the second is :math:`x/(1 + e^{2u}) < x e^{-2u(x)}`, decreasing for :math:`x > 1` because
   :math:`(\log x - 2u)' = 1/x - 2u' < 1 - 2\sqrt{2/\pi} < 0`, hence at most :math:`L e^{-2u(L)}`.
3. *Enclosures on [0, L]*: on an interval :math:`[a, b] \subset [0, L]` with midpoint m and
   radius r, the mean value theorem gives :math:`D([a, b]) \subset D(m) + D'([a, b])[-r, r]`
   with :math:`D' = \varphi - T'`, :math:`T' = u'\,s(u)`, :math:`s(u) = 2e^{-2u}/(1 + e^{-2u})^2`.
   On :math:`x \ge 0`, :math:`\varphi` and :math:`s \circ u` decrease and :math:`u'` increases,
   so :math:`D'([a, b]) \subset [\varphi(b) - u'(b)s(u(a)),\ \varphi(a) - u'(a)s(u(b))]`.
   Then :math:`f([a, b]) \subset [a, b] \cdot D([a, b])`.
4. *Rigorous arithmetic*: every quantity is an :mod:`mpmath` interval (``mpmath.iv``, outward
   rounding); :math:`\Phi` at a point uses the series
   :math:`\operatorname{erf} z = \frac{2}{\sqrt\pi} e^{-z^2} \sum_n \frac{2^n z^{2n+1}}{(2n+1)!!}`
   of positive terms, summed until the term ratio is at most 1/2 and the term is negligible,
   with the remainder enclosed by twice the next term.

A branch-and-bound search bisects the interval whose enclosure is largest until it is within
``tolerance`` of the best rigorous lower bound (the error at a midpoint). The result is an
interval ``[lower, upper]`` that contains :math:`\sup_{x \in \mathbb{R}} |f(x)|`.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from fractions import Fraction

from mpmath import iv, mpf

#: The cubic coefficient of the approximation, exactly as published.
CUBIC = Fraction(44715, 1000000)
#: Where the interval search stops and the tail bound takes over.
TAIL_START = 6
#: Working precision of the interval arithmetic, in decimal digits.
DPS = 30


@dataclass(frozen=True)
class ErrorBound:
    """A rigorous enclosure of :math:`\\sup_x |f(x)|` and where it is attained.

    ``lower`` is a proven value of :math:`|f|` at ``argmax`` (so the supremum is at least
    ``lower``); ``upper`` bounds :math:`|f|` everywhere (on :math:`[0, L]` by the search, beyond
    ``L`` by ``tail``, and on the negative reals by evenness). Values are decimal strings.
    """

    lower: str
    upper: str
    argmax: str
    tail: str
    tail_start: int
    intervals: int


@contextmanager
def _precision() -> Iterator[None]:
    """``mpmath.iv`` at :data:`DPS` digits, restored afterwards (``iv`` has no ``workdps``)."""
    saved = iv.dps
    iv.dps = DPS
    try:
        yield
    finally:
        iv.dps = saved


def _iv(value: Fraction | int | mpf) -> iv.mpf:
    if isinstance(value, Fraction):
        return iv.mpf(value.numerator) / value.denominator
    return iv.mpf(value)


def _u(x: iv.mpf) -> iv.mpf:
    return iv.sqrt(2 / iv.pi) * (x + _iv(CUBIC) * x**3)


def _du(x: iv.mpf) -> iv.mpf:
    return iv.sqrt(2 / iv.pi) * (1 + 3 * _iv(CUBIC) * x**2)


def _t(x: iv.mpf) -> iv.mpf:
    """:math:`T(x) = 1/(1 + e^{-2u(x)})`."""
    return 1 / (1 + iv.exp(-2 * _u(x)))


def _s(u: iv.mpf) -> iv.mpf:
    """:math:`s(u) = 2e^{-2u}/(1 + e^{-2u})^2`, so that :math:`T' = u' s(u)`."""
    w = iv.exp(-2 * u)
    return 2 * w / (1 + w) ** 2


def _pdf(x: iv.mpf) -> iv.mpf:
    return iv.exp(-(x**2) / 2) / iv.sqrt(2 * iv.pi)


def _cdf(x: iv.mpf) -> iv.mpf:
    """:math:`\\Phi(x)` for :math:`x \\ge 0` by the positive series of erf, with its remainder."""
    z = x / iv.sqrt(2)
    z2 = z * z
    term = z
    total = z
    n = 0
    while True:
        n += 1
        term = term * 2 * z2 / (2 * n + 1)
        total += term
        ratio = (
            2 * z2 / (2 * n + 3)
        )  # the ratio of the next term to this one, and an upper bound after
        if ratio.b <= mpf(1) / 2 and term.b <= total.a * mpf(10) ** (-DPS - 5):
            break
    remainder = iv.mpf([0, (2 * term * ratio).b])
    erf = 2 / iv.sqrt(iv.pi) * iv.exp(-z2) * (total + remainder)
    return (1 + erf) / 2


def _difference(x: iv.mpf) -> iv.mpf:
    """:math:`D(x) = \\Phi(x) - T(x)` at a point (an enclosure)."""
    return _cdf(x) - _t(x)


def _enclosure(a: mpf, b: mpf) -> tuple[mpf, mpf, mpf]:
    """An upper bound of :math:`|f|` on ``[a, b]``, a proven value of :math:`|f(m)|`, and m."""
    left, right = iv.mpf(a), iv.mpf(b)
    m = (a + b) / 2
    mid = iv.mpf(m)
    reach = max((mid - left).b, (right - mid).b)  # covers [a, b] even if m was rounded
    slope = iv.mpf(
        [
            (_pdf(right) - _du(right) * _s(_u(left))).a,
            (_pdf(left) - _du(left) * _s(_u(right))).b,
        ]
    )
    d = _difference(mid) + slope * iv.mpf([-reach, reach])
    f = iv.mpf([a, b]) * d
    upper = max(abs(f.a), abs(f.b))
    at_mid = mid * _difference(mid)
    proven = min(abs(at_mid.a), abs(at_mid.b)) if at_mid.a * at_mid.b > 0 else mpf(0)
    return upper, proven, m


def tail_bound(start: int = TAIL_START) -> mpf:
    """:math:`\\varphi(L) + L e^{-2u(L)}`, bounding :math:`|f|` on :math:`[L, \\infty)`, L > 1."""
    if start <= 1:
        raise ValueError("the tail argument needs L > 1")
    with _precision():
        big = iv.mpf(start)
        return (_pdf(big) + big * iv.exp(-2 * _u(big))).b


def gelu_tanh_error(
    *, tolerance: float = 1e-8, pieces: int = 48, budget: int = 20000
) -> ErrorBound:
    """Enclose :math:`\\sup_{x \\in \\mathbb{R}} |x\\Phi(x) - \\mathrm{GELU}_{\\tanh}(x)|`.

    Stops when the largest remaining enclosure is within ``tolerance`` of the best proven
    value, or after ``budget`` intervals (the result is then still a valid, wider enclosure).
    """
    with _precision():
        tail = tail_bound()
        # Adjacent pieces share their edge values, so together they cover [0, L] exactly.
        edges = [mpf(TAIL_START * k) / pieces for k in range(pieces + 1)]
        heap: list[tuple[mpf, mpf, mpf]] = []
        best, argmax = mpf(0), mpf(0)
        count = 0
        for a, b in itertools.pairwise(edges):
            upper, proven, m = _enclosure(a, b)
            count += 1
            if proven > best:
                best, argmax = proven, m
            heapq.heappush(heap, (-upper, a, b))
        while True:
            negative, a, b = heapq.heappop(heap)
            upper = -negative
            if upper - best <= tolerance or count >= budget:
                break
            m = (a + b) / 2
            for lo, hi in ((a, m), (m, b)):
                part, proven, mid = _enclosure(lo, hi)
                count += 1
                if proven > best:
                    best, argmax = proven, mid
                heapq.heappush(heap, (-part, lo, hi))
        bound = max(upper, tail)
    return ErrorBound(
        lower=_show(best, down=True),
        upper=_show(bound, down=False),
        argmax=_show(argmax, down=True),
        tail=_show(tail, down=False),
        tail_start=TAIL_START,
        intervals=count,
    )


def _show(value: mpf, *, down: bool, digits: int = 6) -> str:
    """``value`` to ``digits`` significant digits, rounded down or up so that bounds stay bounds.

    The binary value is converted exactly (``man · 2^exp``) before the directed rounding.
    """
    man, exp = mpf(value).man_exp
    exact = Fraction(int(man)) * (Fraction(2) ** int(exp))
    with localcontext() as ctx:
        ctx.prec = digits
        ctx.rounding = ROUND_FLOOR if down else ROUND_CEILING
        return str(Decimal(exact.numerator) / Decimal(exact.denominator))
