r"""Definitions in vector notation that have no shape: an ill-formed statement, never a skip.

``l = -\mathbf{y}^T \ln \frac{\exp(\mathbf{z})}{\mathbf{1}_{n \times 1} \exp(\mathbf{z})}``
multiplies a column of ones, stated :math:`n \times 1`, by the column :math:`\exp(\mathbf{z})`:
an :math:`n \times 1` times an :math:`n \times 1`, which is not defined (the transpose of the
ones is missing). Such a definition is a mistake of the document, and it is reported at its
line as a claim that the verifier refutes by its shapes, naming both, rather than skipped.

It is reported only when it is ill-formed for certain:

* a shape the document states (``\mathbf{1}_{n \times 1}``, ``\mathbf{x} \in \mathbb{R}^n``)
  takes part in the product that fails, so two vectors of unstated shape written side by
  side (``\mathbf{w}\mathbf{x}``, a common shorthand for the dot product) are not reported;
* the definition has no shape either when the vectors whose shape is not stated are read as
  rows (the other convention of some notes): read that way, it fails on its shapes again.

The claim says that the defined name equals the product that fails, so the verifier's shape
check (:func:`derivations.symbolic.shapes.check_shapes`) gives the refutation and its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy as sp

from derivations.read.latex import Token, Unreadable
from derivations.read.limits import DEFAULT, Limits
from derivations.read.vectors import ShapeConflict, Unify, VectorScope, read_vector_side
from derivations.symbolic.matrix_calculus import NUMERATOR


@dataclass(frozen=True)
class IllShaped:
    """A definition without a shape: the product that fails (``left`` times ``right``, left
    unevaluated) and why, in words that name both shapes."""

    left: sp.MatrixExpr
    right: sp.MatrixExpr
    reason: str

    def product(self) -> sp.MatrixExpr:
        """The failing product, kept as written (not evaluated)."""
        return sp.MatMul(self.left, self.right)


def _conflict(
    tokens: list[Token], scope: VectorScope, limits: Limits, guess: sp.Symbol | None
) -> ShapeConflict | None:
    try:
        if guess is None:
            read_vector_side(tokens, scope, NUMERATOR, limits)
        else:
            read_vector_side(tokens, scope, NUMERATOR, limits, guess)
    except ShapeConflict as exc:
        return exc
    except Unify as exc:
        if guess is not None:
            return None
        return _conflict(tokens, scope, limits, exc.size)
    except Unreadable:
        return None
    return None


def ill_shaped(
    tokens: list[Token], scope: VectorScope, limits: Limits = DEFAULT
) -> IllShaped | None:
    """The failing product of a definition's body when the body has no shape for certain (see
    the module docstring), else None."""
    found = _conflict(tokens, scope, limits, None)
    if found is None or not found.stated:
        return None
    if not (isinstance(found.left, sp.MatrixExpr) and isinstance(found.right, sp.MatrixExpr)):
        return None
    if _conflict(tokens, replace(scope, rows=True), limits, None) is None:
        return None  # read with rows it has a shape: not certain
    return IllShaped(found.left, found.right, found.reason)


__all__ = ("IllShaped", "ill_shaped")
