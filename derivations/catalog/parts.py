"""The parts of the notes and the formulas of each, in the catalog's order.

Which part a formula belongs to is data: each family names its formulas of the course documents
(written out at a fixed size, and at any size n) and of modern networks. The order of the parts
is the order of the catalog, hence of ``derive list``, of the check report and of the notes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from derivations.errors import CatalogError
from derivations.model import Formula


@dataclass(frozen=True)
class Part:
    """A part of the course notes: the names of its formulas, under a title.

    ``prefix`` starts the file stems of the part's family pages (``modern-activations``).
    """

    key: str
    title: str
    prefix: str
    names: tuple[str, ...]


@functools.cache
def sections() -> tuple[tuple[Part, tuple[Formula, ...]], ...]:
    """Each part of the notes with its formulas: the course documents', then modern networks'.

    The families are imported here, on first use, so that importing one family module does not
    build the others.
    """
    # deferred: importing one family builds its expressions; the others wait until first use
    from derivations.catalog import activations, identities, layers, losses

    families = (activations, losses, layers, identities)
    documents = (
        *(formula for family in families for formula in family.DOCUMENTS),
        # At any size n, in the order they joined the catalog.
        activations.softmax_n,
        losses.softmax_cross_entropy_n,
        losses.kl_divergence_n,
        losses.l2_divergence_n,
        losses.mse_n,
        *identities.AT_ANY_SIZE,
        layers.dense_layer_n,
        activations.maxout_n,
        losses.hinge_n,
        losses.logistic_regression_n,
    )
    modern = tuple(formula for family in families for formula in family.MODERN)
    placed = {formula.name for formula in (*documents, *modern)}
    for family in families:
        for formula in family.FORMULAS:
            if formula.name not in placed:
                raise CatalogError(f"formula {formula.name!r} is in no part of the notes")
    return (
        (_part("documents", "Course documents", "", documents), documents),
        (_part("modern", "Modern networks", "modern-", modern), modern),
    )


def _part(key: str, title: str, prefix: str, formulas: tuple[Formula, ...]) -> Part:
    return Part(key, title, prefix, tuple(formula.name for formula in formulas))


def all_parts() -> tuple[Part, ...]:
    """The parts of the notes."""
    return tuple(part for part, _ in sections())
