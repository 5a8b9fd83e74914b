"""The data the tool works on: formulas, claims, conditions, sources and results.

Everything here is a frozen dataclass. Formulas and claims are written once in
the catalog; a verification result is a value computed from a claim.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TypeAlias

import sympy as sp

from derivations.display import Displayable

#: A scalar expression or a matrix of them (vectors are column matrices).
Math: TypeAlias = "sp.Expr | sp.ImmutableMatrix"

#: One substitution: symbol -> value, as a tuple of pairs so that it stays hashable.
Substitution = tuple[tuple[sp.Symbol, sp.Expr], ...]


class Verdict(str, enum.Enum):
    """What the verifier concluded about a claim."""

    PROVED = "proved"
    REFUTED = "refuted"
    UNKNOWN = "unknown"


class Kind(str, enum.Enum):
    """The family a formula belongs to; one catalog module each."""

    ACTIVATION = "activation"
    LOSS = "loss"
    LAYER = "layer"
    IDENTITY = "identity"


@dataclass(frozen=True)
class Source:
    """Where a claim or formula is stated: a document and a place in it.

    ``reading`` says how an ambiguous or mistyped passage was read, so that the
    reader can check the encoding against the document.
    """

    document: str
    location: str
    reading: str = ""

    def __str__(self) -> str:
        return f"{self.document} ({self.location})"


@dataclass(frozen=True)
class Condition:
    r"""A hypothesis such as :math:`\sum_i y_i = 1` or "y is one-hot".

    A condition is a finite set of *cases*, each a substitution. A claim holds
    under the condition when it holds in every case: one-hot ``y`` of length 3
    is three cases; :math:`\sum y = 1` is one case that solves for the last
    component; "A is symmetric" is one case that identifies :math:`a_{ji}` with
    :math:`a_{ij}`.
    """

    text: str
    latex: str
    cases: tuple[Substitution, ...]


@dataclass(frozen=True)
class Convention:
    """A value chosen where the derivative does not exist (a kink), and who uses it."""

    point: str
    value: str
    used_by: tuple[str, ...]


@dataclass(frozen=True)
class Claim:
    r"""One equation a document asserts: ``lhs = rhs``.

    ``lhs`` is usually an unevaluated :class:`sympy.Derivative`; the verifier
    evaluates it from the definitions. ``conditions`` are the hypotheses the
    document states. ``expected`` is the verdict the catalog records: a
    document's mistake is recorded as an expected refutation, and ``derive
    check`` fails when the verifier disagrees. ``correction`` optionally gives
    the readable true value of ``lhs``; it is verified before it is shown.
    ``statement`` is LaTeX for claims whose printed form would be unreadable
    (matrices of derivatives); by default the statement is printed from
    ``lhs = rhs``. ``readings`` are other readings of the same written equation (the
    other layout of a matrix derivative, ``(name, lhs, rhs)``): the claim holds when
    one reading is proved, and is refuted only when every reading is. ``arbitrary`` names
    the functions a document leaves undefined that the claim stands in for by a function with
    an arbitrary gradient (:mod:`derivations.read.stand_in`): the claim is proved when it holds
    for every such function, and a counterexample refutes only that, so it is never refuted.
    """

    id: str
    title: str
    lhs: Math
    rhs: Math
    sources: tuple[Source, ...]
    expected: Verdict
    conditions: tuple[Condition, ...] = ()
    correction: Math | None = None
    statement: str = ""
    readings: tuple[tuple[str, Math, Math], ...] = ()
    arbitrary: tuple[str, ...] = ()


@dataclass(frozen=True, repr=False)
class Formula(Displayable):
    r"""A formula of the catalog: an activation, a loss, a layer or an identity.

    ``definition`` is the formula's value in terms of ``variables`` and
    ``parameters``; ``derivative`` is its derivative with respect to
    ``variable`` in the readable closed form the notes use, and is verified like
    any claim. ``domains`` bound where points are drawn when searching for
    counterexamples (probabilities in (0, 1), slopes in (0, 1)); symbols not
    listed take (-4, 4), or (0, 4) when positive. ``hypotheses`` are conditions
    under which the formula is commonly used (:math:`\sum y = 1`); when a claim
    is refuted as written, the verifier names the hypothesis under which it
    holds. ``intermediates`` are named quantities of the definition (batch
    normalization's :math:`\mu` and :math:`\sigma^2`), in the order they are defined, each in
    terms of the variables, the parameters and the intermediates before it;
    ``named_definition`` and ``named_derivative`` are the definition and the derivative
    written with them, for display only: substituting the intermediates into them gives
    ``definition`` and ``derivative`` exactly (the catalog's tests check it).
    """

    name: str
    kind: Kind
    title: str
    summary: str
    variables: tuple[sp.Symbol, ...]
    definition: Math
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...] = ()
    parameters: tuple[sp.Symbol, ...] = ()
    variable: sp.Symbol | None = None
    derivative: Math | None = None
    conventions: tuple[Convention, ...] = ()
    hypotheses: tuple[Condition, ...] = ()
    domains: tuple[tuple[sp.Symbol, tuple[sp.Rational, sp.Rational]], ...] = ()
    aliases: tuple[str, ...] = ()
    intermediates: tuple[tuple[sp.Symbol, Math], ...] = ()
    named_definition: Math | None = None
    named_derivative: Math | None = None

    def __repr__(self) -> str:
        return f"Formula({self.name!r}, {self.kind.value}, {len(self.claims)} claims)"


@dataclass(frozen=True)
class Counterexample:
    """A point where a claim fails, with both sides' values (exact, or to 30 digits)."""

    point: tuple[tuple[str, str], ...]
    lhs: str
    rhs: str
    case: str = ""


@dataclass(frozen=True, repr=False)
class Result(Displayable):
    """The verifier's answer for one claim.

    ``where`` names the set of measure zero that a proof excludes (the kinks);
    ``reason`` explains an ``unknown`` or a refutation that needs no point (a
    shape mismatch); ``holds_under`` names a hypothesis under which a refuted
    claim becomes true; ``correction`` is the verified true value of the left
    side.
    """

    verdict: Verdict
    method: str
    where: str = ""
    reason: str = ""
    counterexample: Counterexample | None = None
    holds_under: str = ""
    correction: Math | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __repr__(self) -> str:
        detail = self.where and f", where {self.where!r}"
        return f"Result({self.verdict.value}, {self.method!r}{detail})"
