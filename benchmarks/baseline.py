"""The notebook baseline the benchmarks compare against.

What a user does without the tool: for each claim, ``sympy.simplify(diff(f) - claim) == 0``.
It answers "equal" or "not shown equal"; it cannot tell a false claim from one it failed to
prove, and it has no time bound of its own (the benchmark gives it one).
"""

from __future__ import annotations

import sympy as sp

from derivations.model import Claim
from derivations.symbolic.functions import to_definitions


def notebook_check(claim: Claim) -> bool:
    """True when ``simplify(lhs - rhs) == 0`` for every entry, under the claim's first case."""
    lhs, rhs = claim.lhs, claim.rhs
    substitution = {s: v for condition in claim.conditions for s, v in condition.cases[0]}
    if isinstance(lhs, sp.MatrixBase) != isinstance(rhs, sp.MatrixBase):
        return False
    pairs = zip(lhs, rhs, strict=True) if isinstance(lhs, sp.MatrixBase) else [(lhs, rhs)]
    for left, right in pairs:
        difference = (to_definitions(left).doit() - to_definitions(right).doit()).subs(substitution)
        if sp.simplify(difference) != 0:
            return False
    return True
