"""The catalog: every formula of the course documents and of modern networks, by name.

One package per family (:mod:`~derivations.catalog.activations`,
:mod:`~derivations.catalog.losses`, :mod:`~derivations.catalog.layers`,
:mod:`~derivations.catalog.identities`); the parts of the notes and their order are in
:mod:`~derivations.catalog.parts`, the mapping is built and looked up in
:mod:`~derivations.catalog.registry`. This module only re-exports.

``CATALOG`` and ``PARTS`` are built on first use (:pep:`562`), so importing one family
(``from derivations.catalog.activations import softmax_n``) or the building helpers does not
build the expressions of every other family.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from derivations.catalog.parts import Part, all_parts
from derivations.catalog.registry import build, lookup, names, reference_claim
from derivations.catalog.registry import catalog as _catalog
from derivations.model import Formula

__all__ = ["CATALOG", "PARTS", "Part", "build", "lookup", "names", "reference_claim"]

if TYPE_CHECKING:
    #: Every formula by name, with its closed form as a claim of its own.
    CATALOG: Mapping[str, Formula]
    #: The parts of the notes: the course documents' formulas, then the modern networks'.
    PARTS: tuple[Part, ...]


def __getattr__(name: str) -> object:
    """``CATALOG`` and ``PARTS``, built on first use."""
    if name == "CATALOG":
        return _catalog()
    if name == "PARTS":
        return all_parts()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
