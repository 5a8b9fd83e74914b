r"""A formula of symbolic length instantiated at a concrete size: ``derive softmax --n 5``.

Every claim of a symbolic-size formula (each catalog family's ``sized`` module, e.g.
:mod:`derivations.catalog.losses.sized`) becomes a claim about explicit vectors and
matrices: ``n`` takes the given value, a free index becomes a matrix position
(``∂p_i/∂z_j`` becomes the ``n × n`` Jacobian), sums are written out. The explicit
claims are printed with the softmax outputs named ``p1 … pn`` and verified entry by
entry by the ordinary verifier; what is shown is exactly what was verified.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import sympy as sp

from derivations import catalog
from derivations.catalog import lookup
from derivations.checking.report import verify_claim
from derivations.errors import InputError
from derivations.model import Claim, Formula, Math, Result, Verdict
from derivations.symbolic import indexed as nx
from derivations.symbolic.functions import softmax
from derivations.symbolic.printing import natural_key
from derivations.verifier import sized as indexed
from derivations.verifier.claim import verify
from derivations.verifier.core import evaluate

#: The largest size ``--n`` accepts (an n × n Jacobian has n² entries to prove).
MAX_SIZE = 16


class p(softmax):
    r"""Softmax component ``p_{i+1}`` as printed in explicit matrices; the definition is
    :class:`derivations.symbolic.functions.softmax`'s.

    .. math:: p_i = \frac{e^{z_i}}{\sum_k e^{z_k}}
    """

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        i, j = int(self.args[0]), argindex - 2
        return self * (sp.KroneckerDelta(i, j) - p(j, *self.args[1:]))

    def _latex(self, printer: Any, exp: str | None = None) -> str:
        base = rf"p_{{{int(self.args[0]) + 1}}}"
        return f"{base}^{{{exp}}}" if exp else base


def symbolic_form(name: str) -> Formula:
    """The symbolic-size formula behind ``name`` (``softmax`` → ``softmax_n``)."""
    key = name.strip().lower().replace("-", "_")
    if f"{key}_n" in catalog.CATALOG:
        return catalog.CATALOG[f"{key}_n"]
    formula = lookup(name)
    if nx.sizes_of(*_sides(formula)):
        return formula
    twin = catalog.CATALOG.get(f"{formula.name}_n")
    if twin is None:
        sized = ", ".join(
            sorted(
                f.name.removesuffix("_n")
                for f in catalog.CATALOG.values()
                if nx.sizes_of(*_sides(f))
            )
        )
        raise InputError(
            f"--n: {formula.name!r} has no form at symbolic size; --n works for {sized}"
        )
    return twin


def _sides(formula: Formula) -> list[Any]:
    return [formula.definition, *(side for c in formula.claims for side in (c.lhs, c.rhs))]


def _softmax_totals(expr: sp.Basic) -> dict[sp.Expr, tuple[sp.Expr, ...]]:
    """Every written-out softmax denominator ``Σ_k exp(z_k)`` in ``expr``, with its logits
    in order (``p(t)`` is the component at that position)."""
    totals: dict[sp.Expr, tuple[sp.Expr, ...]] = {}
    for power in indexed.nodes_of(expr):
        if not isinstance(power, sp.Pow):
            continue
        total = power.base
        if (
            power.exp.is_negative
            and isinstance(total, sp.Add)
            and all(isinstance(t, sp.exp) for t in total.args)
        ):
            totals[total] = tuple(sorted((t.args[0] for t in total.args), key=by_index))
    return totals


def by_index(logit: sp.Expr) -> tuple[int, str, int, Any]:
    """A sort key that puts ``z2`` before ``z10`` (SymPy's own order is the names' string
    order), so that ``p_t`` is the component of ``z_t``; other expressions come after, in
    SymPy's order."""
    found = re.fullmatch(r"(.*?)(\d+)", logit.name) if isinstance(logit, sp.Symbol) else None
    if found is None:
        return (1, "", 0, sp.default_sort_key(logit))
    return (0, found.group(1), int(found.group(2)), ())


def _exp_power(factor: sp.Expr) -> tuple[sp.Expr, int] | None:
    """``exp(c·u)`` or ``exp(u)^c`` as ``(u, c)`` for a positive integer ``c``."""
    if isinstance(factor, sp.Pow) and isinstance(factor.base, sp.exp):
        count = factor.exp
        argument = factor.base.args[0]
    elif isinstance(factor, sp.exp):
        count, argument = factor.args[0].as_coeff_Mul()
    else:
        return None
    if not (count.is_Integer and count.is_positive):
        return None
    return argument, int(count)


def _paired(mul: sp.Mul, totals: Mapping[sp.Expr, tuple[sp.Expr, ...]]) -> sp.Expr:
    r""":math:`e^{c z_t} / S^m` → :math:`p_t^{\min(c, m)}` inside one product, the components
    taken in the order of their logits while a power of the denominator :math:`S` is left."""
    factors = list(mul.args)
    for position, factor in enumerate(mul.args):
        if not (isinstance(factor, sp.Pow) and factor.base in totals):
            continue
        if not (factor.exp.is_Integer and factor.exp.is_negative):
            continue
        total, left = factor.base, -int(factor.exp)
        logits = totals[total]
        powers = [(at, _exp_power(other)) for at, other in enumerate(factors)]
        candidates = sorted(
            (logits.index(found[0]), at, found[1])
            for at, found in powers
            if found is not None and found[0] in logits
        )
        for place, at, count in candidates:
            if not left:
                break
            used = min(count, left)
            left -= used
            rest = sp.exp(logits[place]) ** (count - used)
            factors[at] = p(place, *logits) ** used * rest
        factors[position] = total**-left
    return sp.Mul(*factors)


def named(side: Math) -> Math:
    r"""``side`` with written-out softmax components named ``p1 … pn`` (equal by definition:
    each :math:`e^{z_t}` over the denominator :math:`\sum_k e^{z_k}` of the same logits becomes
    :math:`p_t`). Each distinct subexpression is renamed once, so a denominator shared by all
    the entries is visited once."""
    totals = _softmax_totals(side)
    if not totals:
        return side
    done: dict[sp.Basic, sp.Basic] = {}

    def rename(e: sp.Basic) -> sp.Basic:
        if e.is_Atom or e in totals:
            return e
        if e not in done:
            args = [rename(a) for a in e.args]
            out = e.func(*args) if args != list(e.args) else e
            done[e] = _paired(out, totals) if isinstance(out, sp.Mul) else out
        return done[e]

    if isinstance(side, sp.MatrixBase):
        return sp.ImmutableMatrix(side.applyfunc(rename))
    return rename(side)


def at_size(formula: Formula, n: int) -> Formula:
    """``formula`` with every size set to ``n``: explicit vectors and matrices."""
    if not 1 <= n <= MAX_SIZE:
        raise InputError(f"--n must be between 1 and {MAX_SIZE}, not {n}")
    sizes = {s: n for s in nx.sizes_of(*_sides(formula))}
    label = ", ".join(f"{s} = {v}" for s, v in sizes.items())
    claims = tuple(_claim_at(c, sizes, label) for c in formula.claims)
    definition = _definition_at(formula.definition, sizes)
    return replace(
        formula,
        name=f"{formula.name}@{n}",
        title=f"{formula.title.replace(' at any length n', '')} at {label}",
        definition=definition,
        variables=tuple(sorted(_components(definition), key=lambda s: natural_key(s.name))),
        parameters=(),
        claims=claims,
        hypotheses=(),
        aliases=(),
    )


def _components(expr: Math) -> set[sp.Symbol]:
    return {s for s in expr.free_symbols if isinstance(s, sp.Symbol)}


def _definition_at(definition: Math, sizes: Mapping[sp.Symbol, int]) -> Math:
    probe = Claim("definition", "", definition, sp.Integer(0), (), Verdict.PROVED)
    return named(indexed.instantiate(probe, sizes).lhs)


def _claim_at(claim: Claim, sizes: Mapping[sp.Symbol, int], label: str) -> Claim:
    if indexed.shape_mismatch(claim.lhs, claim.rhs):
        # No explicit matrices exist for it: the claim stays symbolic and is refuted by its shapes.
        return replace(claim, id=f"{claim.id}@{label.replace(' ', '')}")
    small = indexed.instantiate(claim, sizes)
    statement = rf"{claim.statement} \quad ({label})" if claim.statement else ""
    return replace(
        small,
        id=f"{claim.id}@{label.replace(' ', '')}",
        title=claim.title.replace(", every n", ""),
        lhs=named(small.lhs),
        rhs=named(small.rhs),
        statement=statement,
    )


def correction_at(formula: Formula, claim: Claim, n: int) -> Math | None:
    """The correction of ``claim`` (a claim of the symbolic-size ``formula``) written out at size
    ``n`` as :func:`at_size` writes the claim; ``None`` when the claim states none."""
    if claim.correction is None:
        return None
    corrected = replace(claim, rhs=claim.correction, correction=None)
    return at_size(replace(formula, claims=(corrected,)), n).claims[0].rhs


def verify_explicit(formula: Formula, claim: Claim, correction: Math | None = None) -> Result:
    """Verify one written-out claim. With an arbitrary activation ``f`` in it, a counterexample
    is searched with ``f`` a cubic (as at symbolic size) and the proof keeps ``f`` arbitrary
    (``f'`` an unknown function of its own); otherwise the ordinary verifier decides.

    ``correction``: the claim's correction, already known to hold (the instance of a correction
    proved for every n): shown as it is when the claim is refuted, not derived and proved
    again at this size."""
    names = indexed.function_names(claim.lhs, claim.rhs)
    if correction is not None and not names and not nx.is_sized(claim):
        result = verify(
            claim,
            domains=dict(formula.domains),
            hypotheses=formula.hypotheses,
            with_correction=False,
        )
        return replace(result, correction=correction) if result.counterexample else result
    if not names or nx.is_sized(claim):
        return verify_claim(formula, claim)
    cubic = replace(
        claim,
        lhs=indexed.as_polynomial(claim.lhs, names),
        rhs=indexed.as_polynomial(claim.rhs, names),
        correction=None,
    )
    found = verify_claim(formula, cubic)
    if found.verdict is Verdict.REFUTED and found.counterexample is not None:
        chosen = "; ".join(indexed.cubics(claim.lhs, claim.rhs))
        case = "; ".join(x for x in (chosen, found.counterexample.case) if x)
        # the readable correction would be the cubic's, not the claim's: none is shown
        return replace(
            found, counterexample=replace(found.counterexample, case=case), correction=None
        )
    generic = replace(
        claim,
        lhs=nx.generic_slopes(evaluate(claim.lhs)),
        rhs=nx.generic_slopes(evaluate(claim.rhs)),
    )
    return verify_claim(formula, generic)
