"""What reading a notes document yields: its pieces of math, the claims found with where
they were stated, the math skipped with the reason, and the status of each display equation
(the values :mod:`derivations.read.notes` builds), the bound on a document's claims, and the error
of a file that cannot be read at all."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sympy as sp

from derivations.errors import InputError
from derivations.model import Claim, Condition, Formula, Kind, Source

MAX_CLAIMS = 2000


class NotesError(InputError):
    """A notes file that cannot be read at all."""


@dataclass(frozen=True)
class Math:
    """A piece of math: its text, where it starts, and whether it was displayed; the section
    it is in (the headings above it, outermost first), the line of text right before it
    (``if i = j:``) and its equation tag."""

    text: str
    offset: int
    display: bool
    section: tuple[str, ...] = ()
    before: str = ""
    tag: str = ""


@dataclass(frozen=True)
class Skip:
    """Math that was not checked, and why."""

    location: str
    reason: str
    display: bool


@dataclass(frozen=True)
class Located:
    """A claim found in the document and where."""

    claim: Claim
    location: str
    #: The display equation it is part of (its location), "" for inline math.
    display: str = ""


@dataclass
class Reading:
    """What a document yielded: claims, skipped math, and per display equation a status."""

    path: str
    claims: list[Located] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)
    display: Counter[str] = field(default_factory=Counter)
    definitions: list[str] = field(default_factory=list)
    #: Conditions the document does not state, tried on refuted claims (Σ_k y_k = 1).
    hypotheses: list[Condition] = field(default_factory=list)
    #: The display equations that state a derivative and were skipped (not read), each at
    #: the first piece of it skipped with its reason (else at the equation).
    unread: list[str] = field(default_factory=list)

    def formula(self) -> Formula:
        """The claims as one formula (the document), for
        :func:`derivations.checking.report.check`."""
        return Formula(
            name=self.path,
            kind=Kind.IDENTITY,
            title=f"claims of {self.path}",
            summary="",
            variables=(),
            definition=sp.Integer(0),
            sources=(Source(self.path, "whole document"),),
            claims=tuple(c.claim for c in self.claims),
            hypotheses=tuple(self.hypotheses),
        )
