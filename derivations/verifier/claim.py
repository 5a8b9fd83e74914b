"""The verifier's one entry point: a claim goes to the procedure for its kind.

A claim about symbolic sizes (indexed components, sums, matrix symbols: see
:func:`derivations.symbolic.indexed.is_sized`) is decided for every size by
:mod:`derivations.verifier.sized`; any other claim by :mod:`derivations.verifier.scalar`.
"""

from __future__ import annotations

from derivations.model import Claim, Condition, Result
from derivations.symbolic.indexed import is_sized
from derivations.verifier.sampling import Bounds
from derivations.verifier.scalar import verify_scalar
from derivations.verifier.sized import verify_sized


def verify(
    claim: Claim,
    *,
    domains: Bounds | None = None,
    hypotheses: tuple[Condition, ...] = (),
    with_correction: bool = True,
) -> Result:
    """Decide ``claim``: ``proved``, ``refuted`` with a counterexample, or ``unknown``."""
    procedure = verify_sized if is_sized(claim) else verify_scalar
    return procedure(claim, domains=domains, hypotheses=hypotheses, with_correction=with_correction)
