r"""Vector notation in a notes document (:mod:`derivations.read.notes`): a definition of a
bold or arrowed vector, a matrix or a vector function (its shape checked), and a link between two
sides read as vectors and matrices, in numerator or denominator layout, as a claim."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from derivations.model import Claim, Condition, Source, Verdict
from derivations.read.chains import Side
from derivations.read.claim_building import ClaimBuilder
from derivations.read.claim_sides import (
    components_resolved,
    layout_derivatives,
    matrix_symbols,
    one_kind_per_name,
    shape_text,
    side_shape,
)
from derivations.read.definitions import Expansion, used_text
from derivations.read.explicit import written_out
from derivations.read.ill_shaped import IllShaped, ill_shaped
from derivations.read.latex import Unreadable
from derivations.read.mixed_definitions import through_both, with_vector_values
from derivations.read.reading import MAX_CLAIMS, Located, NotesError
from derivations.read.side_tokens import latex_of
from derivations.read.stand_in import vector_stand_in
from derivations.read.tuples import components_tuple
from derivations.read.vector_chain import vector_chain_stand_in
from derivations.read.vector_claims import check_dependence, claim_size, one_based, zero_based
from derivations.read.vectors import (
    INFERRED,
    Unify,
    VectorScope,
    certain,
    read_vector_side,
    vectorish,
)
from derivations.symbolic.abstract import abstract_names, has_abstract, holds_for_every_function
from derivations.symbolic.indexed import sums_to_one, symmetric
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, is_matrix


class VectorLinks(ClaimBuilder):
    """The vector definitions and claims of a reading."""

    def vector_define(self, name: str, side: Side) -> str | None:
        """Record ``name = body`` written in vector notation: None when it is recorded, else
        why not ("" when the body is not in vector notation)."""
        if components_tuple(name, side.tokens):  # (a_1, …, a_n)ᵀ: what the reader assumes
            shown = f"{name} = ({name}_1, …)ᵀ, the vector of its components"
            self.reading.definitions.append(f"{self.where(side.offset)}: {shown}")
            return None
        scope = self.vector_scope(side.offset, side)
        if not vectorish(side.tokens) and not scope.plain:
            return ""
        try:
            try:
                parser = read_vector_side(side.tokens, scope, NUMERATOR, self.limits)
            except Unify as exc:
                parser = read_vector_side(side.tokens, scope, NUMERATOR, self.limits, exc.size)
        except Unreadable as exc:
            found = ill_shaped(side.tokens, scope, self.limits)
            if found is not None:
                self.ill_shaped(name, side, found)
                return None
            return exc.reason
        if parser.derivatives:
            return "a derivative inside a definition"
        if not parser.vectorial:
            return ""
        value = parser.value
        if isinstance(value, sp.MatrixExpr) and value.shape[1] != 1:
            return "a row or a matrix is not read as a definition"
        self.vectors.define(name, value, parser.inferred, self.piece.section, side.offset)
        self.reading.definitions.append(f"{self.where(side.offset)}: {name} (vector notation)")
        return None

    def ill_shaped(self, name: str, side: Side, found: IllShaped) -> None:
        """A definition without a shape: a claim at its line that the verifier refutes by its
        shapes (the name does not get defined)."""
        location = self.where(side.offset)
        line = self.line(side.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        note = (
            f"the definition of {name} has no shape: {found.reason}; the claim is that {name} "
            "equals that product"
        )
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=f"line {line}: the definition of {name}",
            lhs=sp.Symbol(name, real=True),
            rhs=found.product(),
            sources=(Source(self.path, f"line {line}", note),),
            expected=Verdict.PROVED,
            statement=f"{name} = {latex_of(side.tokens)}",
        )
        self.reading.claims.append(Located(claim, location))

    def vector_link(self, left: Side, right: Side, display: bool) -> bool:
        """The claim ``left = right`` in vector notation, in the layout the document names, the
        one the shapes decide, or both (the claim holds when one layout proves it)."""
        stated = self.vectors.layout_at(right.offset, self.piece.section)
        layouts = (stated.layout,) if stated is not None else (NUMERATOR, DENOMINATOR)
        scope = self.vector_scope(right.offset, left, right)
        defined = {d.name for d in self.definitions.found} | {
            d.name for d in (self.upcoming.found if self.upcoming is not None else ())
        }
        try:
            chain = vector_chain_stand_in(
                (left.tokens, right.tokens),
                layouts,
                frozenset(scope.plain) | frozenset(scope.shapes),
                self._visible_at(right.offset),
                self._said_anywhere,
                frozenset(scope.definitions),
            )
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        if chain is not None:
            self.chained.update(chain.names)
            written = f"{latex_of(left.tokens)} = {latex_of(right.tokens)}"
            return self._stood_in_chain(right, chain, "", (), None, written, display)
        standing = vector_stand_in(
            [left.tokens, right.tokens], scope, layouts, self.limits, frozenset(defined)
        )
        if standing is not None:
            scope = standing.scope
        notes: list[str] = []
        guess = INFERRED
        for _ in range(2):
            try:
                built, notes, size = self._vector_built(left, right, layouts, scope, guess)
            except Unreadable as exc:
                offset = exc.offset if exc.offset is not None else right.offset
                self.skip(offset, exc.reason, display)
                return False
            except (sp.ShapeError, ValueError, TypeError) as exc:
                self.skip(right.offset, f"the shapes do not agree ({exc})", display)
                return False
            matching = [b for b in built if side_shape(b[1]) == side_shape(b[2])]
            # a matrix of inferred shape beside a stated length: read again with that length
            lengths = {
                d
                for b in built
                for d in (*side_shape(b[1]), *side_shape(b[2]))
                if isinstance(d, sp.Symbol) and d != size
            }
            if matching or guess != INFERRED or len(lengths) != 1 or not built[0][3]:
                break
            guess = lengths.pop()
        matching = [b for b in built if side_shape(b[1]) == side_shape(b[2])]
        if matching:
            chosen = matching
        else:
            # refuted by its shapes only when they differ for certain in every layout read
            if not all(certain(side_shape(b[1]), side_shape(b[2]), inferred=b[3]) for b in built):
                self.skip(
                    right.offset,
                    "the shapes of the sides differ in every layout, and some shapes are "
                    "inferred, not stated",
                    display,
                )
                return False
            chosen = built[:1]
            if len(built) > 1:
                shown = ", ".join(f"{shape_text(b[1])} in {b[0]} layout" for b in built)
                notes.append(
                    f"the shapes differ in every layout: the left side is {shown}, "
                    f"the right side {shape_text(built[0][2])}"
                )
        if stated is not None:
            notes.append(f'{stated.layout} layout, as the document says ("{stated.text}")')
        elif len(built) > 1 and len(chosen) == 1 and matching:
            notes.append(f"{chosen[0][0]} layout: the shapes of the sides decide it")
        elif len(chosen) > 1:
            notes.append("the document names no layout: both are tried")
        _, lhs, rhs, _ = chosen[0]
        try:
            for _, a, b, _ in chosen:
                one_kind_per_name(a, b)
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        if has_abstract(lhs, rhs) and not all(
            holds_for_every_function(a, b) for _, a, b, _ in chosen
        ):
            names = ", ".join(abstract_names(lhs, rhs))
            self.skip(
                right.offset,
                f"{names}: functions the document does not define; the claim does not hold "
                f"for every {names}",
                display,
            )
            return False
        symmetric_names = self.vectors.symmetric_at(right.offset, self.piece.section)
        hypotheses: list[Condition] = []
        for a in sorted(matrix_symbols(lhs, rhs), key=str):
            if a.shape[0] != a.shape[1]:
                continue
            condition = symmetric(a, name=str(a.name))
            if str(a.name) in symmetric_names:
                hypotheses.append(replace(condition, text=f"{a.name} is symmetric (stated)"))
            elif condition not in self.reading.hypotheses:
                self.reading.hypotheses.append(condition)
        try:
            lhs, rhs, stated_conditions, more = self.conditions_for(right.offset, lhs, rhs, size)
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        notes.extend(more)
        variables = {
            a.base for d in layout_derivatives(lhs, rhs) for a in d.variable.atoms(sp.Indexed)
        }
        covered = {str(getattr(c, "vector", "")) for c in stated_conditions}
        for family in sorted({a.base for e in (lhs, rhs) for a in e.atoms(sp.Indexed)}, key=str):
            if family in variables or str(family.label) in covered:
                continue
            candidate = sums_to_one(family, size, name=str(family.label))
            if candidate not in self.reading.hypotheses:
                self.reading.hypotheses.append(candidate)
        all_conditions = (*hypotheses, *stated_conditions)
        others: tuple[tuple[str, sp.Basic, sp.Basic], ...] = ()
        if len(chosen) > 1:
            others = tuple(
                (f"{layout} layout", *(self.conditions_for(right.offset, a, b, size)[:2]))
                for layout, a, b, _ in chosen
            )
        location = self.where(right.offset)
        line = self.place(right.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        when = "".join(f" (when {h.text})" for h in all_conditions)
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=f"{line}{when}",
            lhs=lhs,
            rhs=rhs,
            sources=(
                Source(
                    self.path,
                    line,
                    "; ".join([*self.plain_notes, *notes, *([standing.note] if standing else [])]),
                ),
            ),
            expected=Verdict.PROVED,
            conditions=all_conditions,
            statement=f"{latex_of(left.tokens)} = {latex_of(right.tokens)}",
            readings=others,
            arbitrary=(standing.name,) if standing is not None else (),
        )
        if len(self.reading.claims) >= MAX_CLAIMS:
            raise NotesError(f"{self.path}: more than {MAX_CLAIMS} claims")
        self.reading.claims.append(Located(claim, location))
        return True

    def _vector_built(
        self,
        left: Side,
        right: Side,
        layouts: tuple[str, ...],
        scope: VectorScope,
        guess: sp.Symbol,
    ) -> tuple[list[tuple[str, sp.Basic, sp.Basic, bool]], list[str], sp.Symbol]:
        """The claim in each layout, its sides expanded through the definitions, at one size."""
        readings, notes, derivatives = self._vector_readings(left, right, layouts, scope, guess)
        # a link without a derivative is checked where it continues a chain of derivatives
        # (∇J = A = B); after a definition (l = A = B) it is algebra, not a derivative claim
        if not derivatives and not self.chain_of_derivatives:
            raise Unreadable("not a derivative claim")
        # a name defined in vector notation (ŷ = σ(wᵀx)), not by its index reading that failed
        visible = with_vector_values(
            self.definitions.visible(right.offset, self.piece.section),
            scope.definitions,
            resolved=True,
        )
        expansion = Expansion(visible)
        stated_sizes = {
            d for shape in scope.shapes.values() for d in shape if isinstance(d, sp.Symbol)
        }
        built = []
        size = INFERRED
        for layout, lhs, rhs, guessed in readings:
            # a derivative by a component (∂L/∂z_i) sees the vectors its function names
            lhs, rhs = (components_resolved(e, scope.definitions) for e in (lhs, rhs))
            lhs, rhs = (
                through_both(e, expansion, scope.definitions, visible.names, notes)
                for e in (lhs, rhs)
            )
            check_dependence(lhs)
            check_dependence(rhs)
            lhs, rhs = (one_based(side) if not is_matrix(side) else side for side in (lhs, rhs))
            lhs, rhs = zero_based(lhs), zero_based(rhs)
            lhs, rhs, size = claim_size(lhs, rhs, stated_sizes)
            explicit = (written_out(lhs), written_out(rhs))
            if explicit[0] is not None and explicit[1] is not None:
                lhs, rhs = explicit  # every shape a number: decided entry by entry
            built.append((layout, lhs, rhs, guessed))
        if used := used_text(expansion.used.values(), visible.reached):
            notes.append(used)
        return built, notes, size

    def _vector_readings(
        self,
        left: Side,
        right: Side,
        layouts: tuple[str, ...],
        scope: VectorScope,
        guess: sp.Symbol = INFERRED,
    ) -> tuple[list[tuple[str, sp.Basic, sp.Basic, bool]], list[str], int]:
        """Both sides read in each layout; read again with the stated length once where a
        vector of inferred length meets one of stated length."""
        for _ in range(2):
            readings: list[tuple[str, sp.Basic, sp.Basic, bool]] = []
            notes: list[str] = []
            derivatives = 0
            failed: list[tuple[str, Unreadable]] = []
            try:
                for layout in layouts:
                    try:
                        lhs_p = read_vector_side(left.tokens, scope, layout, self.limits, guess)
                        rhs_p = read_vector_side(right.tokens, scope, layout, self.limits, guess)
                    except Unify:
                        raise
                    except Unreadable as exc:  # a product that has no shape in this layout
                        failed.append((layout, exc))
                        continue
                    inferred = lhs_p.inferred or rhs_p.inferred
                    both = (lhs_p.plain_names | rhs_p.plain_names) & (
                        lhs_p.bold_names | rhs_p.bold_names
                    )
                    if both:
                        raise Unreadable(f"{min(both)} is written both plain and bold")
                    notes = list(dict.fromkeys(lhs_p.notes + rhs_p.notes))
                    readings.append((layout, lhs_p.value, rhs_p.value, inferred))
                    derivatives = lhs_p.derivatives + rhs_p.derivatives
                    if not derivatives:
                        break  # no derivative: the layout does not matter
            except Unify as exc:
                if guess != INFERRED:
                    raise
                guess = exc.size
                continue
            if not readings:
                raise failed[0][1]
            notes += [
                f"not read in {layout} layout, where it has no meaning ({exc.reason})"
                for layout, exc in failed
            ]
            if guess != INFERRED:
                notes.append(f"the vectors whose length is not stated read with length {guess}")
            return readings, notes, derivatives
        raise Unreadable("the lengths of the vectors do not agree")
