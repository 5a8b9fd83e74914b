r"""The derivation of a catalog formula: at a symbolic size, or written out.

A formula stated at a symbolic size :math:`n` (sums over indices, matrix symbols) derives
by :func:`derivations.derive.sized_steps.derive_sized`, whose steps are identities for every
:math:`n`; any other by :func:`derivations.derive.steps.derive_explicit`.
"""

from __future__ import annotations

from derivations.derive.derivation import Derivation
from derivations.derive.sized_steps import derive_sized
from derivations.derive.steps import derive_explicit
from derivations.model import Claim, Formula, Verdict
from derivations.symbolic.indexed import is_sized


def at_symbolic_size(formula: Formula) -> bool:
    """True for a formula stated at a symbolic size n (sums over indices, matrix symbols).

    Its claims are proved for every n by :mod:`derivations.verifier.sized`; the rules here work on
    concrete expressions, so :func:`derive` hands it to :mod:`derivations.derive.sized_steps`, whose
    steps are identities for every n.
    """
    probe = Claim(
        id="",
        title="",
        lhs=formula.definition,
        rhs=formula.definition,
        sources=(),
        expected=Verdict.PROVED,
    )
    return is_sized(probe)


def derive(formula: Formula) -> Derivation | None:
    """The derivation of ``formula``'s derivative, or ``None`` when it has nothing to differentiate.

    A formula stated at a symbolic size (see :func:`at_symbolic_size`) derives by
    :func:`derivations.derive.sized_steps.derive_sized` (``None`` where it declines).

    The shapes follow the catalog's reference claim: a matrix definition gets its
    Jacobian over ``formula.variables``, a scalar with a ``variable`` its derivative,
    any other scalar its gradient as a column.
    """
    if at_symbolic_size(formula):
        return derive_sized(formula)
    return derive_explicit(formula)
