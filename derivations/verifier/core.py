r"""The verifier's shared core: evaluation, checks, the counterexample search and the proof.

Both procedures (:mod:`derivations.verifier.scalar` for scalars and explicit matrices,
:mod:`derivations.verifier.sized` for symbolic sizes) are built from these stages:

1. both sides are evaluated from the definitions (:func:`evaluate`: sigmoid, softplus and
   softmax rewritten through ``exp`` before differentiating, so no readable derivative rule
   is ever trusted);
2. the conditions expand into cases (one-hot ``y`` of length 3 is three cases) and matrices
   into entries; each (case, entry) is a :class:`Check` (:func:`checks_of`);
3. **refute first** (:func:`search`): both sides are evaluated exactly at random rational
   points; a certain difference is a counterexample;
4. **prove** (:func:`prove`): a check's difference is split into the regions of its switches
   (``Max``, ``Piecewise``, ...); each region's smooth expression is decided by
   :func:`~derivations.verifier.zero.is_identically_zero`; a region whose expression is not zero
   must be shown empty (a linear program) or yields a counterexample from a point inside it.

:func:`excluded` names the set of measure zero a proof leaves out; :func:`readable` is the
true value of a derivative in the notes' own terms, for corrections.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import sympy as sp

from derivations.model import Condition, Counterexample, Math
from derivations.symbolic import regions
from derivations.symbolic.functions import to_definitions
from derivations.verifier import domains as real_domains
from derivations.verifier import numeric
from derivations.verifier.evidence import refutation
from derivations.verifier.instances import instantiate
from derivations.verifier.kinks import kink_points
from derivations.verifier.sampling import Bounds, hard_bounds, random_point, rng_for
from derivations.verifier.zero import is_identically_zero

#: Random points tried per check before any symbolic work.
SAMPLES = 6
#: Extra points tried inside a region whose expression could not be shown zero.
REGION_SAMPLES = 24

PROOF = "exp-rational normal form"
PROOF_BY_REGIONS = "regions + exp-rational normal form"


@dataclass(frozen=True)
class Check:
    """One scalar equation to decide: an entry of the claim in one case of its conditions."""

    case: str
    entry: str
    lhs: sp.Expr
    rhs: sp.Expr
    #: The functions a derivative claim differentiates: where one is not real, the claim is silent.
    scope: tuple[sp.Expr, ...] = ()

    @property
    def difference(self) -> sp.Expr:
        return self.lhs - self.rhs

    @property
    def symbols(self) -> set[sp.Symbol]:
        return self.lhs.free_symbols | self.rhs.free_symbols


def evaluate(side: Math) -> Math:
    """A side of a claim from first principles: definitions substituted, derivatives taken.

    A pure function of ``side``: asked again in the same process for an equal side (a claim
    at size 3 is evaluated for its counterexample search and again for its entry-by-entry
    check), it answers from a memo.
    """
    if isinstance(side, sp.MatrixBase) and not isinstance(side, sp.ImmutableMatrix):
        return _evaluate(side)  # a mutable matrix has no hash
    return _evaluate_once(side)


@functools.lru_cache(maxsize=256)
def _evaluate_once(side: Math) -> Math:
    return _evaluate(side)


def _evaluate(side: Math) -> Math:
    if isinstance(side, sp.MatrixBase):
        return sp.ImmutableMatrix(side.applyfunc(lambda e: to_definitions(e).doit()))
    return to_definitions(side).doit()


def shape(side: Math) -> tuple[int, int]:
    return side.shape if isinstance(side, sp.MatrixBase) else (1, 1)


def _entries(lhs: Math, rhs: Math) -> list[tuple[str, sp.Expr, sp.Expr]]:
    if not isinstance(lhs, sp.MatrixBase):
        return [("", lhs, rhs)]
    rows, cols = lhs.shape

    def label(i: int, j: int) -> str:
        return f"entry {i + 1}" if cols == 1 else f"entry ({i + 1}, {j + 1})"

    return [(label(i, j), lhs[i, j], rhs[i, j]) for i in range(rows) for j in range(cols)]


def _cases(conditions: Iterable[Condition]) -> list[tuple[str, dict[sp.Symbol, sp.Expr]]]:
    per_condition = [c.cases for c in conditions]
    out = []
    for combo in itertools.product(*per_condition):
        substitution = {s: v for case in combo for s, v in case}
        label = (
            ", ".join(f"{s} = {v}" for s, v in substitution.items())
            if len(combo) and any(len(c.cases) > 1 for c in conditions)
            else ""
        )
        out.append((label, substitution))
    return out


def scope_of(side: Math) -> tuple[sp.Expr, ...]:
    """The functions ``side`` differentiates, from their definitions (see :class:`Check`)."""
    functions = sorted({d.expr for d in side.atoms(sp.Derivative)}, key=sp.default_sort_key)
    out = []
    for f in functions:
        value = evaluate(f)
        if isinstance(value, sp.MatrixBase):
            out.extend(value)
        else:
            out.append(value)
    return tuple(out)


def checks_of(
    lhs: Math, rhs: Math, conditions: tuple[Condition, ...], *, scope: tuple[sp.Expr, ...] = ()
) -> list[Check]:
    checks = []
    for case_label, substitution in _cases(conditions):
        within = tuple(f.subs(substitution).doit() for f in scope)
        for entry_label, l_entry, r_entry in _entries(lhs, rhs):
            checks.append(
                Check(
                    case_label,
                    entry_label,
                    l_entry.subs(substitution).doit(),
                    r_entry.subs(substitution).doit(),
                    within,
                )
            )
    return checks


def _screened_equal(check: Check, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    """Both sides are real and agree to 25 digits at ``point`` by a fast mpmath evaluation, or
    both are undefined there (a screen only: whatever it lets through is decided by
    :func:`derivations.verifier.evidence.refutation`)."""
    values = []
    for side in (check.lhs, check.rhs):
        try:
            values.append(numeric.evaluate(side, point))
        except numeric.Undefined:
            values.append(None)
        except numeric.Unsupported:
            return False
    left, right = values
    if left is None or right is None:
        return left is None and right is None
    return numeric.agree(left, right)


def _counterexample(
    check: Check, point: Mapping[sp.Symbol, sp.Expr], *, screen: bool = True
) -> Counterexample | None:
    """A counterexample at ``point`` by the one definition (:mod:`derivations.verifier.evidence`).

    With ``screen``, points where a fast evaluation shows agreement to 25 digits are passed
    over; the thorough search (``screen=False``) decides every point.
    """
    if screen and _screened_equal(check, point):
        return None
    where = "; ".join(x for x in (check.case, check.entry) if x)
    return refutation(check.lhs, check.rhs, point, scope=check.scope, case=where)


def fails_at(check: Check, point: Mapping[sp.Symbol, sp.Expr]) -> bool:
    """Whether the two sides of ``check`` certainly differ at ``point`` (exact evaluation, no
    screen): how a counterexample read back from the cache is confirmed."""
    return _counterexample(check, point, screen=False) is not None


def _sampleable(check: Check, rng: random.Random) -> Check:
    """``check`` itself, or an instance of it when it speaks of undefined functions."""
    (lhs, rhs), instance = instantiate((check.lhs, check.rhs), rng)
    if not instance:
        return check
    case = "; ".join(x for x in (check.case, instance) if x)
    return Check(case, check.entry, lhs, rhs)  # the instance's functions are polynomials


def search(
    checks: list[Check],
    bounds: Bounds,
    key: str,
    samples: int,
    *,
    screen: bool = True,
    kinks: bool = False,
    domains: Bounds | None = None,
) -> Counterexample | None:
    """The first counterexample among ``samples`` seeded points per check, then, with
    ``kinks``, among the points beside each kink and far out in each region
    (:func:`kink_points`, kept inside the declared ``domains``), or None.

    The points depend only on ``key``, so the same search asked twice in a process (a claim
    at size 3 searched before its proof for every size and again when the proof is checked
    entry by entry at size 3) is answered from a memo of the first.
    """
    frozen = tuple(sorted(bounds.items(), key=lambda item: item[0].sort_key()))
    declared = tuple(sorted((domains or {}).items(), key=lambda item: item[0].sort_key()))
    return _search_once(tuple(checks), frozen, key, samples, screen, kinks, declared)


@functools.lru_cache(maxsize=256)
def _search_once(
    checks: tuple[Check, ...],
    bounds: tuple[tuple[sp.Symbol, tuple[sp.Rational, sp.Rational]], ...],
    key: str,
    samples: int,
    screen: bool,
    kinks: bool,
    domains: tuple[tuple[sp.Symbol, tuple[sp.Rational, sp.Rational]], ...],
) -> Counterexample | None:
    return _search_points(
        list(checks), dict(bounds), key, samples, screen=screen, kinks=kinks, domains=dict(domains)
    )


def _search_points(
    checks: list[Check],
    bounds: Bounds,
    key: str,
    samples: int,
    *,
    screen: bool = True,
    kinks: bool = False,
    domains: Bounds | None = None,
) -> Counterexample | None:
    rng = rng_for(key)
    sampled = []
    for original in checks:
        check = _sampleable(original, rng)
        sampled.append(check)
        for _ in range(samples):
            found = _counterexample(check, random_point(bounds, rng), screen=screen)
            if found:
                return found
    if not kinks:
        return None
    # Then beside the kinks and far out: a claim wrong only on a thin interval next to a kink,
    # or only where βx > 20, escapes the random points (a generator of its own, so the points
    # above stay those of every earlier run).
    beside = rng_for(key + "#kinks")
    for check in sampled:
        for point in kink_points((check.lhs, check.rhs), bounds, domains or {}, beside):
            found = _counterexample(check, point, screen=screen)
            if found:
                return found
    return None


@dataclass(frozen=True)
class Proof:
    proved: bool
    boundaries: frozenset[sp.Expr] = frozenset()
    reason: str = ""
    counterexample: Counterexample | None = None
    method: str = PROOF
    #: Where both sides are real, when a proof holds only there (``both sides real: x > 0``).
    domain: str = ""
    #: The symbols whose signs ``domain`` splits (so it leaves out where each is 0).
    signed: frozenset[sp.Symbol] = frozenset()


_TRIGONOMETRIC = (sp.sin, sp.cos, sp.tan, sp.cot, sp.sec, sp.csc)


def _prove_smooth(expr: sp.Expr) -> bool:
    """``expr`` is 0 wherever it is defined, by the exp-rational normal form.

    Trigonometric functions are first written through :math:`e^{ix}` (``sin x = (e^{ix} −
    e^{−ix})/2i``, valid for every real x): a trigonometric rational identity becomes a rational
    identity in the generators :math:`e^{ix/d}`, and ``i`` is one more constant.
    """
    if is_identically_zero(expr):
        return True
    if expr.has(*_TRIGONOMETRIC):
        return is_identically_zero(expr.rewrite(sp.exp))
    return False


def prove(
    check: Check, bounds: Bounds, domains: Bounds, key: str, *, two_sides: bool = True
) -> Proof:
    """Prove ``check`` region by region; with ``two_sides`` (its sides are a claim's, not a
    difference against 0), on the common real domain of the sides."""
    difference = check.difference
    if not regions.has_switches(difference):
        analysis = (
            real_domains.analyse(check.lhs, check.rhs, _signs(check, domains), check.scope)
            if two_sides
            else None
        )
        if analysis is not None:
            return _prove_on_real_domains(check, analysis, bounds, key)
        if _prove_smooth(difference):
            return Proof(True)
        return Proof(False, reason="the difference does not reduce to 0")
    signs = _signs(check, domains)
    # Sides that need positive bases (logarithms, roots, powers) are decided region by region
    # on their common real domain: each region's two sides are kept apart (the left side plus
    # a marker times the right side), as without switches.
    apart = two_sides and real_domains.analyse(check.lhs, check.rhs, signs, check.scope)
    marker, carrier = sp.Dummy("rhs"), sp.Dummy("evaluated")
    every = (
        regions.enumerate_regions(check.lhs + marker * check.rhs, carrier=carrier)
        if apart
        else regions.enumerate_regions(difference)
    )
    if every is None:
        return Proof(False, reason="too many piecewise regions to enumerate")
    rng = rng_for(key + "#regions")
    sampled = _sampleable(check, rng)
    within: set[str] = set()
    signed: set[sp.Symbol] = set()
    for region in every:
        if apart:
            # Each side of the region still carries the parts its switches evaluate, so that
            # its requirements are those of the claim's side there (see enumerate_regions).
            carried = region.expr.xreplace({marker: 0}), region.expr.diff(marker)
            left, right = (side.xreplace({carrier: 0}) for side in carried)
            limits = hard_bounds(check.symbols, domains)
            forced = _region_signs(region.constraints, check.symbols, signs, limits)
            analysis = real_domains.analyse(*carried, forced, check.scope, carrier=carrier)
            if analysis is not None:
                decided = _prove_on_real_domains(
                    check, analysis, bounds, f"{key}#{region.key}", difference=left - right
                )
                if decided.counterexample:
                    return decided
                if decided.proved:
                    shown = _beyond_region(analysis, set(forced) - set(signs))
                    within |= {shown} if shown else set()
                    signed |= set(analysis.symbols) if shown else set()
                    continue
                if region.constraints is not None and (
                    regions.interior_point(region.constraints, hard_bounds(check.symbols, domains))
                    is False
                ):
                    continue
                return Proof(False, reason=f"{decided.reason} in region {region.key}")
            region = regions.Region(left - right, region.key, region.constraints)
        if _prove_smooth(region.expr):
            continue
        if region.constraints is None:
            return Proof(False, reason=f"cannot describe the region {region.key} by inequalities")
        inside = regions.interior_point(region.constraints, hard_bounds(check.symbols, domains))
        if inside is False:
            continue
        if inside is None:
            return Proof(
                False, reason="cannot decide whether a region with non-linear boundaries is empty"
            )
        assert isinstance(inside, dict)
        for attempt in range(REGION_SAMPLES):
            point = (
                {**random_point(bounds, rng), **inside}
                if attempt == 0
                else _near(inside, bounds, rng)
            )
            found = _counterexample(sampled, point)
            if found:
                return Proof(False, counterexample=found, reason="")
        return Proof(False, reason=f"the difference does not reduce to 0 in region {region.key}")
    return Proof(
        True, method=PROOF_BY_REGIONS, domain=", ".join(sorted(within)), signed=frozenset(signed)
    )


def _region_signs(
    constraints: tuple[sp.Expr, ...] | None,
    symbols: Iterable[sp.Symbol],
    signs: Mapping[sp.Symbol, tuple[int, ...]],
    limits: Mapping[sp.Symbol, tuple[sp.Expr | None, sp.Expr | None]],
) -> dict[sp.Symbol, tuple[int, ...]]:
    """``signs`` with the sign of every symbol the region's constraints decide (``x > 0`` in the
    region of ``Abs(x) = x``): an orthant the region does not meet is no part of its claim."""
    out = dict(signs)
    if constraints is None:
        return out
    for s in sorted(symbols, key=lambda s: s.name):
        if s in out:
            continue
        for sign in (1, -1):
            if regions.interior_point((*constraints, -sign * s), limits) is False:
                out[s] = (sign,)
                break
    return out


def _beyond_region(analysis: real_domains.Analysis, forced: set[sp.Symbol]) -> str:
    """Where both sides are real in a region, without the signs the region itself decides
    (in the region ``x > 0`` of ``Abs(x)``, "x > 0" says nothing)."""
    both = []
    for orthant in analysis.both:
        kept = real_domains.Orthant(tuple((s, g) for s, g in orthant.signs if s not in forced))
        if kept not in both:
            both.append(kept)
    free = tuple(s for s in analysis.symbols if s not in forced)
    return dataclasses.replace(analysis, both=tuple(both), symbols=free).where()


def _signs(check: Check, domains: Bounds) -> dict[sp.Symbol, tuple[int, ...]]:
    """The signs each symbol may take by its declared domain."""
    out: dict[sp.Symbol, tuple[int, ...]] = {}
    for s, (lo, hi) in hard_bounds(check.symbols, domains).items():
        if lo is not None and lo >= 0:
            out[s] = (1,)
        elif hi is not None and hi <= 0:
            out[s] = (-1,)
    return out


def _prove_on_real_domains(
    check: Check,
    analysis: real_domains.Analysis,
    bounds: Bounds,
    key: str,
    *,
    difference: sp.Expr | None = None,
) -> Proof:
    """Decide a smooth check whose sides need positive bases (logarithms, roots, powers):
    a counterexample where exactly one side is real, else a proof in every orthant where both
    are (see :mod:`derivations.verifier.real_domains`).

    With ``difference`` (the smooth difference of the sides in one region of ``check``'s
    switches, ``analysis`` that of its sides), the proof is of that difference; every point
    is still decided on ``check`` itself.
    """
    difference = check.difference if difference is None else difference
    rng = rng_for(key + "#domains")
    for orthant in analysis.one:
        for inside in real_domains.points(orthant):
            found = _counterexample(check, {**random_point(bounds, rng), **inside}, screen=False)
            if found:
                return Proof(False, counterexample=found)
    for orthant in analysis.soft:
        for inside in real_domains.lattice(orthant, check.symbols):
            found = _counterexample(check, inside)
            if found:
                return Proof(False, counterexample=found)
    if not analysis.decided:
        # The signs do not decide where each side is real. When both sides need the same
        # bases positive, their real domains are the same and the normal form decides.
        if analysis.same_requirements and _prove_smooth(difference):
            return Proof(True)
        reason = analysis.reason or "cannot tell where each side is real"
        return Proof(
            False,
            reason=f"{reason} (orthants {', '.join(o.text() for o in analysis.undecided)})"
            if analysis.undecided
            else reason,
        )
    if analysis.one:
        return Proof(False, reason="one side is real where the other is not; no point confirmed")
    for orthant in analysis.both:
        if not _prove_smooth(real_domains.on_orthant(difference, orthant)):
            return Proof(
                False, reason=f"the difference does not reduce to 0 where {orthant.text()}"
            )
    where = analysis.where()
    return Proof(True, domain=where, signed=frozenset(analysis.symbols if where else ()))


def _near(
    inside: Mapping[sp.Symbol, sp.Expr], bounds: Bounds, rng: random.Random
) -> dict[sp.Symbol, sp.Expr]:
    """A random point whose coordinates in ``inside`` are moved by a small rational step."""
    point = random_point(bounds, rng)
    for s, v in inside.items():
        point[s] = v + sp.Rational(rng.randint(-4, 4), 1024)
    return point


def excluded(boundaries: Iterable[sp.Expr], *, show: Callable[[sp.Expr], str] = sp.sstr) -> str:
    """The excluded set as inequalities: ``x ≠ 0``, ``x1 ≠ x2``; ``show`` prints each side (the
    sized procedure writes sums in the notes' notation)."""
    return ", ".join(sorted(excluded_parts(boundaries, show=show)))


def excluded_parts(
    boundaries: Iterable[sp.Expr], *, show: Callable[[sp.Expr], str] = sp.sstr
) -> set[str]:
    """The inequalities of :func:`excluded`, one for each boundary."""
    parts = set()
    for g in boundaries:
        if regions.has_switches(g):
            continue  # a boundary of an inner switch is also one of a plain comparison
        g = regions.reduced_boundary(g)  # e^x = 1 is x = 0, x = 20/β is βx = 20
        terms = sp.Add.make_args(sp.expand(g))
        plus = sp.Add(*[t for t in terms if not t.could_extract_minus_sign()])
        minus = -sp.Add(*[t for t in terms if t.could_extract_minus_sign()])
        left, right = sorted((plus, minus), key=lambda e: (e == 0, sp.default_sort_key(e)))
        parts.add(f"{show(left)} ≠ {show(right)}")
    return parts


#: Where each trigonometric function has its poles: tan x and sec x where cos x = 0, ...
_POLES: dict[type, Callable[[sp.Expr], sp.Expr]] = {
    sp.tan: sp.cos,
    sp.sec: sp.cos,
    sp.cot: sp.sin,
    sp.csc: sp.sin,
}


def trigonometric_poles(
    sides: Iterable[sp.Expr], *, show: Callable[[sp.Expr], str] = sp.sstr
) -> str:
    """The poles a trigonometric identity leaves out, as inequalities: ``cos(x) ≠ 0`` for
    ``tan x`` (or ``sec x``, or a division by ``cos x``), ``sin(x) ≠ 0`` for ``cot x`` and
    ``csc x``; the normal form proves such an identity only where both sides are defined."""
    parts = set()
    for side in sides:
        for node in sp.preorder_traversal(side):
            pole = _POLES.get(type(node))
            if pole is not None and node.args[0].free_symbols:
                parts.add(f"{show(pole(node.args[0]))} ≠ 0")
            elif isinstance(node, sp.Pow) and node.exp.is_negative:
                base = node.base
                if isinstance(base, (sp.sin, sp.cos)) and base.args[0].free_symbols:
                    parts.add(f"{show(base)} ≠ 0")
    return ", ".join(sorted(parts))


def readable(lhs: Math) -> Math | None:
    """The true value of a derivative side in the notes' own terms (σ, tanh, p), unverified."""
    if not lhs.has(sp.Derivative):
        return None
    value = lhs.doit()
    if isinstance(value, sp.MatrixBase):
        return sp.ImmutableMatrix(value.applyfunc(sp.factor_terms))
    return sp.factor_terms(value)
