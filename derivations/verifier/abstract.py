r"""Claims about functions left abstract (``L'(x) = f'(g(x))\,g'(x)`` with f, g undefined).

Such a claim is proved when it holds for every function (a symbolic argument:
:func:`derivations.symbolic.abstract.holds_for_every_function`). Otherwise this procedure
answers ``unknown``, and the verifier goes on with its other procedures. Those read an
undefined f as "every f": a claim false for one polynomial instance of f is refuted, as the
catalog's dense layer with an arbitrary activation is. The notes reader never asks about a
function the author left abstract unless the claim holds for every function, because the
author's f may satisfy a claim that fails for another f
(:mod:`derivations.read.notes`).
"""

from __future__ import annotations

from derivations.model import Claim, Result, Verdict
from derivations.symbolic.abstract import abstract_names, has_abstract, holds_for_every_function

METHOD = "chain rule for abstract functions + simplify"


def is_abstract(claim: Claim) -> bool:
    """Whether the claim speaks of functions left abstract."""
    return has_abstract(claim.lhs, claim.rhs)


def verify_abstract(claim: Claim) -> Result:
    names = ", ".join(abstract_names(claim.lhs, claim.rhs))
    if claim.conditions:
        return Result(Verdict.UNKNOWN, method="none", reason=f"conditions on abstract {names}")
    if holds_for_every_function(claim.lhs, claim.rhs):
        return Result(Verdict.PROVED, method=METHOD, notes=(f"holds for every {names}",))
    return Result(
        Verdict.UNKNOWN,
        method="none",
        reason=f"does not hold for every {names}, and the claim does not define {names}",
    )


__all__ = ("METHOD", "is_abstract", "verify_abstract")
