"""The catalog mapping: built from the parts of the notes, validated, looked up by name.

Each formula's readable ``derivative`` becomes a claim of its own (``NAME.closed-form``), so the
closed forms the tool prints are verified like the documents' claims.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType

import sympy as sp

from derivations.catalog.building import D, jacobian
from derivations.catalog.parts import sections
from derivations.errors import CatalogError, UnknownFormulaError
from derivations.model import Claim, Formula, Source, Verdict

#: Cited for the claims the tool adds itself (each formula's closed-form derivative).
CLOSED_FORM = Source("derive catalog", "closed-form derivative")


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
        sources=(CLOSED_FORM,),
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
def catalog() -> Mapping[str, Formula]:
    """Every formula by name: the parts of the notes, one after the other."""
    return build(formula for _, formulas in sections() for formula in formulas)


def names() -> tuple[str, ...]:
    return tuple(catalog())


def lookup(name: str) -> Formula:
    """The formula called ``name`` (or one of its aliases); close matches in the error."""
    key = name.strip().lower().replace("-", "_")
    formulas = catalog()
    if key in formulas:
        return formulas[key]
    for formula in formulas.values():
        if key in (a.replace("-", "_") for a in formula.aliases):
            return formula
    candidates = [*formulas, *(a for f in formulas.values() for a in f.aliases)]
    raise UnknownFormulaError(
        name, tuple(difflib.get_close_matches(key, candidates, n=3, cutoff=0.6))
    )
