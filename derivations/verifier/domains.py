r"""Where each side of a claim is real, and the claim decided on the common real domain.

Over the reals a logarithm needs a positive argument and a power with an exponent that is not
an integer needs a positive base. Each such base is a *requirement* of the side: *hard* when
its failure leaves the side undefined wherever it fails (``log(u)``, ``u^(1/2)``), *soft* when
the exponent varies with the symbols (``u^b``): a negative base is then real where the exponent
happens to be an integer, a set of measure zero.

The requirements split space by the signs of the symbols they mention: in each *orthant*
(``x > 0, y < 0``, ...) whose signs decide every requirement, each side is real almost
everywhere, or nowhere but on a set of measure zero. :func:`analyse` reports, orthant by orthant,

- both sides real: the claim must hold there; it is decided with the symbols replaced by
  positive ones (where ``sqrt(1/x) = 1/sqrt(x)`` and ``x^log(y) = exp(log x log y)`` are
  valid rewritings);
- exactly one side real: the claim is false on an open set (a counterexample is sought there
  and confirmed by :mod:`derivations.verifier.evidence`);
- neither real: nothing to decide, unless both fail only softly (then both may be real and
  differ at isolated points, such as ``(a^b)^c`` and ``a^(bc)`` at ``a = -1, b = 2, c = 1/2``,
  and the orthant is left undecided).

A claim proved this way holds wherever both sides are real, and the two real domains agree
up to a set of measure zero; the report names the orthants (``where both sides are real:
x > 0, y > 0``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sympy as sp

#: Most symbols whose signs are split (2^n orthants).
MAX_SYMBOLS = 5

Requirement = tuple[sp.Expr, bool]  # (base that must be positive, hard)


def requirements(expr: sp.Basic, carrier: sp.Symbol | None = None) -> frozenset[Requirement]:
    """The bases ``expr`` needs positive to be real (those not positive by assumption).

    With ``carrier``, ``expr`` is a region of a claim's side that still carries the parts its
    switches evaluate (:func:`derivations.symbolic.regions.enumerate_regions`): each base and
    exponent is read at ``carrier = 0``.
    """
    zero = {carrier: sp.Integer(0)} if carrier is not None else {}
    out: set[Requirement] = set()
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.log):
            base, hard = node.args[0].xreplace(zero), True
        elif node.is_Pow and not node.exp.xreplace(zero).is_Integer:
            base, exponent = node.base.xreplace(zero), node.exp.xreplace(zero)
            hard = not exponent.free_symbols
        else:
            continue
        if _sign(base) == 1 or (base.is_nonnegative and hard and not isinstance(node, sp.log)):
            continue
        out.add((base, hard))
    return frozenset(out)


@dataclass(frozen=True)
class Orthant:
    """One sign pattern of the symbols, as a substitution ``x -> ±t`` with ``t`` positive."""

    signs: tuple[tuple[sp.Symbol, int], ...]

    @property
    def substitution(self) -> dict[sp.Symbol, sp.Expr]:
        return {s: sign * _positive(s) for s, sign in self.signs}

    def text(self) -> str:
        return ", ".join(f"{s} {'>' if sign > 0 else '<'} 0" for s, sign in self.signs)


def _positive(s: sp.Symbol) -> sp.Symbol:
    return sp.Symbol(s.name, positive=True)


@dataclass(frozen=True)
class Analysis:
    """The orthants by what they hold (see the module docstring)."""

    both: tuple[Orthant, ...] = ()
    one: tuple[Orthant, ...] = ()
    undecided: tuple[Orthant, ...] = ()
    #: The undecided orthants when an exponent varies with the symbols: both sides may be real
    #: and differ at isolated points there (see the module docstring).
    soft: tuple[Orthant, ...] = ()
    reason: str = ""
    same_requirements: bool = False
    symbols: tuple[sp.Symbol, ...] = field(default=())

    @property
    def decided(self) -> bool:
        return not self.undecided and not self.reason

    def where(self) -> str:
        """Where both sides are real, when that is not everywhere."""
        if not self.both or (
            not self.one and not self.undecided and len(self.both) == 2 ** len(self.symbols)
        ):
            return ""
        if len(self.both) == 1:
            return f"both sides real: {self.both[0].text()}"
        return "both sides real: " + " or ".join(f"({o.text()})" for o in self.both)


def _status(needs: Iterable[Requirement], substitution: Mapping[sp.Symbol, sp.Expr]) -> str:
    """``real``, ``hard`` (undefined almost everywhere), ``soft`` (real only where an
    exponent is an integer) or ``unknown`` in the orthant of ``substitution``."""
    failed_softly, unknown = False, False
    for base, hard in needs:
        sign = _sign(base.xreplace(substitution))
        if sign == 1:
            continue
        if sign == -1:
            if hard:
                return "hard"
            failed_softly = True
        else:
            unknown = True
    if unknown:
        return "unknown"
    return "soft" if failed_softly else "real"


def _sign(value: sp.Expr) -> int | None:
    """+1 or -1 when SymPy's assumptions tell the sign of ``value``, directly or once it is
    written as one fraction (``1 - 1/(1 + e^(-x))`` is ``e^(-x)/(1 + e^(-x))``)."""
    for form in (value, _normal(value)):
        if form.is_positive:
            return 1
        if form.is_negative:
            return -1
    return None


def _normal(base: sp.Expr) -> sp.Expr:
    """A base up to positive factors (u and 1/u and 2u need the same sign)."""
    numerator, denominator = sp.fraction(sp.together(base))
    product = sp.Mul(*[f for f in sp.Mul.make_args(numerator * denominator) if not f.is_positive])
    return product


def analyse(
    lhs: sp.Expr,
    rhs: sp.Expr,
    allowed: Mapping[sp.Symbol, tuple[int, ...]] | None = None,
    scope: Iterable[sp.Expr] = (),
    *,
    carrier: sp.Symbol | None = None,
) -> Analysis | None:
    """The orthants of ``lhs = rhs`` (None when neither side has a requirement).

    ``allowed`` restricts the signs a symbol may take (a positive symbol, a declared domain);
    orthants where a function of ``scope`` is undefined are outside the claim. ``carrier``:
    the sides are a region's, carrying what their switches evaluate (see :func:`requirements`).
    """
    left, right = requirements(lhs, carrier), requirements(rhs, carrier)
    if not left and not right:
        return None
    within: frozenset[Requirement] = frozenset().union(*(requirements(f) for f in scope))
    same = {(_normal(b), h) for b, h in left} == {(_normal(b), h) for b, h in right}
    symbols = sorted(
        set().union(*(b.free_symbols for b, _ in left | right | within)), key=lambda s: s.name
    )
    if any(not s.is_Symbol or s.is_real is not True for s in symbols):
        return Analysis(reason="a requirement speaks of a non-real symbol", same_requirements=same)
    if len(symbols) > MAX_SYMBOLS:
        return Analysis(reason="too many symbols to split by sign", same_requirements=same)
    allowed = allowed or {}
    choices = [
        allowed.get(s, (1,) if s.is_positive or s.is_nonnegative else (1, -1)) for s in symbols
    ]
    both, one, undecided, soft = [], [], [], []
    for signs in itertools.product(*choices):
        orthant = Orthant(tuple(zip(symbols, signs, strict=True)))
        claimed = _status(within, orthant.substitution)
        if claimed == "hard":
            continue  # the differentiated function is undefined here: the claim is silent
        if claimed != "real":
            undecided.append(orthant)
            continue
        pair = {_status(left, orthant.substitution), _status(right, orthant.substitution)}
        if "unknown" in pair or pair == {"soft"}:
            undecided.append(orthant)
            if any(not hard for _, hard in left | right):
                soft.append(orthant)
        elif pair == {"real"}:
            both.append(orthant)
        elif "real" in pair:
            one.append(orthant)
    return Analysis(
        tuple(both),
        tuple(one),
        tuple(undecided),
        tuple(soft),
        same_requirements=same,
        symbols=tuple(symbols),
    )


def on_orthant(expr: sp.Expr, orthant: Orthant) -> sp.Expr:
    """``expr`` in ``orthant`` with positive symbols, powers with varying exponents written
    through ``exp`` and ``log`` and logarithms of products split (valid: every base is
    positive where both sides are real)."""
    value = expr.xreplace(orthant.substitution)
    value = value.replace(
        lambda e: e.is_Pow and bool(e.exp.free_symbols) and not e.exp.is_Integer,
        lambda e: sp.exp(e.exp * sp.log(e.base)),
    )
    return sp.expand_log(value, force=False)


def points(orthant: Orthant) -> list[dict[sp.Symbol, sp.Expr]]:
    """A few rational points inside ``orthant`` (its symbols only)."""
    magnitudes = [sp.Integer(1), sp.Rational(1, 2), sp.Integer(2), sp.Rational(3, 7)]
    return [
        {s: sign * m for (s, sign), m in zip(orthant.signs, shift, strict=True)}
        for shift in itertools.islice(itertools.product(magnitudes, repeat=len(orthant.signs)), 8)
    ]


#: Magnitudes of the lattice searched where both sides fail only softly: integer exponents
#: make negative bases real, and half-integers and thirds make them differ.
LATTICE = tuple(sp.Rational(v) for v in ("1", "2", "1/2", "3", "3/2", "1/3", "2/3"))
#: Most lattice points tried per orthant.
LATTICE_POINTS = 200


def lattice(orthant: Orthant, symbols: Iterable[sp.Symbol]) -> Iterable[dict[sp.Symbol, sp.Expr]]:
    """Points of small integers and simple fractions in ``orthant``, the other symbols of
    either sign, where exponents that vary with the symbols may be integers."""
    signs = dict(orthant.signs)
    others = sorted(set(symbols) - set(signs), key=lambda s: s.name)
    order = [s for s, _ in orthant.signs] + others
    values = [
        [signs[s] * m for m in LATTICE]
        if s in signs
        else [m * sign for m in LATTICE for sign in (1, -1)]
        for s in order
    ]
    return (
        dict(zip(order, combo, strict=True))
        for combo in itertools.islice(itertools.product(*values), LATTICE_POINTS)
    )
