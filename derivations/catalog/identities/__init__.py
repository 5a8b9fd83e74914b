"""Identities of matrix calculus, from the course documents (the modern part has none).

One module per encoding: written out entry by entry, and at symbolic shapes; this package only
names the family's formulas, by part of the notes.
"""

from __future__ import annotations

from derivations.catalog.identities.explicit import (
    chain_rule,
    linear_form_gradient,
    linear_map_jacobian,
    quadratic_form_gradient,
)
from derivations.catalog.identities.sized import (
    jacobian_chain_rule,
    linear_form_gradient_n,
    linear_map_jacobian_n,
    quadratic_form_gradient_n,
)
from derivations.model import Formula

#: The course documents' identities, written out at a fixed size.
DOCUMENTS: tuple[Formula, ...] = (
    linear_form_gradient,
    quadratic_form_gradient,
    linear_map_jacobian,
    chain_rule,
)
#: The course documents' identities at any shape.
AT_ANY_SIZE: tuple[Formula, ...] = (
    linear_form_gradient_n,
    quadratic_form_gradient_n,
    linear_map_jacobian_n,
    jacobian_chain_rule,
)
#: Modern networks add no identity.
MODERN: tuple[Formula, ...] = ()
FORMULAS: tuple[Formula, ...] = (*DOCUMENTS, *AT_ANY_SIZE, *MODERN)

__all__ = [
    "AT_ANY_SIZE",
    "DOCUMENTS",
    "FORMULAS",
    "MODERN",
    "chain_rule",
    "jacobian_chain_rule",
    "linear_form_gradient",
    "linear_form_gradient_n",
    "linear_map_jacobian",
    "linear_map_jacobian_n",
    "quadratic_form_gradient",
    "quadratic_form_gradient_n",
]
