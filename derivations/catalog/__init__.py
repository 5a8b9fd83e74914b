"""The catalog: every formula of the seed documents, by name.

One module per family; the mapping is built in one expression that rejects
duplicate names. Each formula's readable ``derivative`` becomes a claim of its
own (``NAME.closed-form``), so the closed forms the tool prints are verified
like the documents' claims.

``CATALOG`` and ``PARTS`` are built on first use (:pep:`562`), so importing one family
module (``from derivations.catalog.vectors import softmax_n``) or the building helpers does
not build the expressions of every other family.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING

import sympy as sp

from derivations.catalog.building import D, jacobian
from derivations.errors import CatalogError, UnknownFormulaError
from derivations.model import Claim, Formula, Source, Verdict

#: Cited for the claims the tool adds itself (each formula's closed-form derivative).
REFERENCE = Source("derive catalog", "closed-form derivative")


def reference_claim(formula: Formula) -> Claim | None:
    """The claim that ``formula.derivative`` is the derivative of its definition."""
    if formula.derivative is None:
        return None
    definition = formula.definition
    if isinstance(definition, sp.MatrixBase):
        lhs = jacobian(list(definition), formula.variables)
    elif formula.variable is not None:
        lhs = D(definition, formula.variable)
    else:
        lhs = jacobian([definition], formula.variables).T
    return Claim(
        id=f"{formula.name}.closed-form",
        title="derivative in closed form",
        lhs=lhs,
        rhs=formula.derivative,
        sources=(REFERENCE,),
        expected=Verdict.PROVED,
    )


def _with_reference(formula: Formula) -> Formula:
    claim = reference_claim(formula)
    if claim is None or any(c.id == claim.id for c in formula.claims):
        return formula
    return replace(formula, claims=(claim, *formula.claims))


def build(formulas: Iterable[Formula]) -> Mapping[str, Formula]:
    """The catalog mapping; a repeated formula name or claim id is an error."""
    catalog: dict[str, Formula] = {}
    claim_ids: set[str] = set()
    for formula in map(_with_reference, formulas):
        if formula.name in catalog:
            raise CatalogError(f"duplicate formula name {formula.name!r}")
        for claim in formula.claims:
            if claim.id in claim_ids:
                raise CatalogError(f"duplicate claim id {claim.id!r}")
            claim_ids.add(claim.id)
        catalog[formula.name] = formula
    return MappingProxyType(catalog)


@functools.cache
def _families() -> tuple[tuple[ModuleType, ...], tuple[ModuleType, ...]]:
    """The family modules: the seed documents' (with their vector and matrix forms), then
    the modern networks' (issue 8)."""
    from derivations.catalog import (
        activations,
        identities,
        layers,
        losses,
        matrices,
        modern_activations,
        modern_layers,
        modern_losses,
        vectors,
    )

    documents = (activations, losses, layers, identities, vectors, matrices)
    return documents, (modern_activations, modern_losses, modern_layers)


@functools.cache
def _catalog() -> Mapping[str, Formula]:
    documents, modern = _families()
    return build(f for module in (*documents, *modern) for f in module.FORMULAS)


@dataclass(frozen=True)
class Part:
    """A part of the course notes: the formulas of some catalog modules, under a title.

    ``prefix`` starts the file stems of the part's family pages (``modern-activations``).
    """

    key: str
    title: str
    prefix: str
    names: tuple[str, ...]


def _part(key: str, title: str, prefix: str, modules: Iterable[ModuleType]) -> Part:
    return Part(key, title, prefix, tuple(f.name for m in modules for f in m.FORMULAS))


@functools.cache
def _parts() -> tuple[Part, ...]:
    """The parts of the notes, by the module each formula comes from."""
    documents, modern = _families()
    return (
        _part("documents", "Course documents", "", documents),
        _part("modern", "Modern networks", "modern-", modern),
    )


if TYPE_CHECKING:
    #: Every formula by name, with its closed form as a claim of its own.
    CATALOG: Mapping[str, Formula]
    #: The parts of the notes: the seed documents' formulas, then the modern networks'.
    PARTS: tuple[Part, ...]


def __getattr__(name: str) -> object:
    """``CATALOG`` and ``PARTS``, built on first use."""
    if name == "CATALOG":
        return _catalog()
    if name == "PARTS":
        return _parts()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def names() -> tuple[str, ...]:
    return tuple(_catalog())


def lookup(name: str) -> Formula:
    """The formula called ``name`` (or one of its aliases); close matches in the error."""
    key = name.strip().lower().replace("-", "_")
    catalog = _catalog()
    if key in catalog:
        return catalog[key]
    for formula in catalog.values():
        if key in (a.replace("-", "_") for a in formula.aliases):
            return formula
    candidates = [*catalog, *(a for f in catalog.values() for a in f.aliases)]
    raise UnknownFormulaError(
        name, tuple(difflib.get_close_matches(key, candidates, n=3, cutoff=0.6))
    )
