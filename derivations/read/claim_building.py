r"""Building a claim from the two sides of a link (:mod:`derivations.read.notes` reads the
chains): the definitions it expands, its shapes and layout, the conditions the document states
for it (``\sum_k y_k = 1``, one-hot, symmetric, ``i = j``), the layers told by index letters or
stated once, and the families stood in for by linear maps when the document leaves them
undefined."""

from __future__ import annotations

import functools
from dataclasses import replace

import sympy as sp

from derivations.model import Claim, Condition, Source, Verdict
from derivations.read import layers, run_together
from derivations.read.chains import Side
from derivations.read.claim_sides import by_layers, renaming_of, variables_of
from derivations.read.definitions import Expansion, Visible, used_text
from derivations.read.indices import sized
from derivations.read.latex import Unreadable, key, read, tokenize
from derivations.read.mixed_definitions import with_vector_values
from derivations.read.one_hot import (
    differentiated,
    inside_log_or_denominator,
    one_hot_at,
    shown_index,
    under_index,
)
from derivations.read.reader_state import ReaderState
from derivations.read.reading import MAX_CLAIMS, Located, NotesError
from derivations.read.setups import functions_note
from derivations.read.several_ranges import several
from derivations.read.stand_in import stand_in
from derivations.read.stated_layer import Network, network
from derivations.read.sum_ranges import from_one
from derivations.read.undefined_chain import ChainStandIn, Said, chain_stand_in, said_everywhere
from derivations.symbolic.abstract import abstract_names, has_abstract, holds_for_every_function
from derivations.symbolic.indexed import SizedCondition, one_hot, sums_to_one


class ClaimBuilder(ReaderState):
    """The claims of a reading, built from the links of its chains."""

    def conditions_for(
        self, offset: int, lhs: sp.Expr, rhs: sp.Expr, size: sp.Symbol
    ) -> tuple[sp.Expr, sp.Expr, tuple[Condition, ...], list[str]]:
        """The stated conditions on the families of the sides that hold at ``offset``. A
        one-hot family whose hot index the text names (``y_c = 1``) becomes ``y_k = δ_kc`` in
        the sides when the claim has that free index; otherwise it is a condition."""
        bases = {a.base for side in (lhs, rhs) for a in side.atoms(sp.Indexed)}
        free = {
            e.name: e
            for side in (lhs, rhs)
            for e in sp.preorder_traversal(side)
            if isinstance(e, sp.Idx)
        }
        found: dict[str, Condition] = {}
        notes: list[str] = []
        for stated in self.stated:
            if stated.offset >= offset or not self.definitions.scopes.reaches(
                stated.section, self.piece.section
            ):
                continue
            base = next((b for b in bases if str(b.label) == stated.name), None)
            if base is None:
                continue
            if stated.rule == "one_hot" and inside_log_or_denominator(lhs, rhs, base):
                lhs, rhs = differentiated(lhs, base), differentiated(rhs, base)
            if stated.rule == "one_hot" and inside_log_or_denominator(lhs, rhs, base):
                raise Unreadable(
                    f"{stated.name} is one-hot (line {stated.line}) and its components are in a "
                    "logarithm or a denominator (0·log 0): not checked"
                )
            if stated.rule == "one_hot" and stated.hot in free:
                hot = free[stated.hot]
                lhs, rhs = (one_hot_at(side, base, hot) for side in (lhs, rhs))
                notes.append(
                    f"{stated.name} is one-hot with {stated.name}_{hot} = 1 (line {stated.line}): "
                    f"{stated.name}_k read as δ_k{hot}"
                )
                found.pop(stated.name, None)
                continue
            make = sums_to_one if stated.rule == "sums_to_one" else one_hot
            condition = make(base, size, name=stated.name)
            if isinstance(condition, SizedCondition) and condition.hot is not None:
                fresh = "c"
                while fresh in free:
                    fresh += "'"
                condition = replace(condition, hot=sp.Idx(fresh, (1, size)))
            text = f"{condition.text}, stated at line {stated.line}"
            found[stated.name] = replace(condition, text=text)
        return lhs, rhs, tuple(found.values()), notes

    def _conditioned(self, offset: int) -> set[str]:
        """The families a condition stated before ``offset`` is about, where it holds."""
        reaches = self.definitions.scopes.reaches
        return {
            s.name
            for s in self.stated
            if s.offset < offset and reaches(s.section, self.piece.section)
        }

    def _candidates(
        self, lhs: sp.Expr, rhs: sp.Expr, size: sp.Symbol, stated: tuple[Condition, ...]
    ) -> None:
        """Hypotheses the document does not state, under which a refuted claim may hold:
        Σ_k y_k = 1 for each family that is not differentiated (the verifier names one that
        makes the claim true)."""
        variables = {
            v.base
            for side in (lhs, rhs)
            for d in side.atoms(sp.Derivative)
            for v in d.variables
            if isinstance(v, sp.Indexed)
        }
        covered = {str(getattr(c, "vector", "")) for c in stated}
        for side in (lhs, rhs):
            for a in side.atoms(sp.Indexed):
                name = str(a.base.label)
                if a.base in variables or name in covered:
                    continue
                candidate = sums_to_one(a.base, size, name=name)
                if candidate not in self.reading.hypotheses:
                    self.reading.hypotheses.append(candidate)

    # -- claims ----------------------------------------------------------------------------
    def _defined_elsewhere(self, network: frozenset[str], *sides: sp.Expr) -> None:
        """Unreadable when a family left in the expanded sides is one the document defines
        somewhere else (a δ_i defined in another section): read as any value, it would be
        refuted for values the author does not mean. The names of the stated layer
        (``network``) are its variables at the lowest layer."""
        defined = {layers.stem(d.name) for d in self.definitions.found}
        if self.upcoming is not None:
            defined |= {layers.stem(d.name) for d in self.upcoming.found}
        defined -= network  # the lowest layer's input, a variable of the network
        for side in sides:
            for a in side.atoms(sp.Indexed):
                name = str(a.base.label)
                if layers.stem(name) in defined:
                    raise Unreadable(
                        f"{name} is defined in the document, but not where this claim is"
                    )

    def _stated_network(self, lhs: sp.Expr, rhs: sp.Expr, visible: Visible) -> Network | None:
        """The claim read with the layer the document stated (:mod:`.stated_layer`) when it
        writes that layer's weights, else None."""
        layer = self.stated_layer
        if layer is None:
            return None
        own = visible.get(layer.output + (f"^({layer.label})" if layer.label else ""))
        if own is None or own.offset != layer.offset:
            return None  # not visible here, or defined again

        @functools.cache
        def applied() -> tuple[sp.Expr, sp.Basic]:
            """The activation as the document reads it, at a placeholder (read once)."""
            body = read(tokenize(rf"\{layer.activation}(a)", self.limits), self.scope, self.limits)
            (symbol,) = body.free_symbols
            return body, symbol

        def activation(argument: sp.Expr) -> sp.Expr:
            body, symbol = applied()
            return body.xreplace({symbol: argument})

        return network(
            layer, lhs, rhs, visible, self.piece.text, activation, self.missed, self.stated_pairs
        )

    def claim(
        self,
        right: Side,
        lhs: sp.Expr,
        rhs: sp.Expr,
        reading: str,
        display: bool,
        *hypotheses: Condition,
        index: sp.Basic | None = None,
        written: str = "",
        unread: str = "",
    ) -> bool:
        """Add the claim ``lhs = rhs`` (under ``hypotheses``) at the line of ``right``;
        ``written`` is its statement as the document writes it (shown for a claim about
        abstract functions, which SymPy prints poorly);
        ``unread`` why it could not be read without abstract functions."""
        if len(self.reading.claims) >= MAX_CLAIMS:
            raise NotesError(f"{self.path}: more than {MAX_CLAIMS} claims")
        renaming = renaming_of(lhs, rhs)
        if renaming:
            self.skip(right.offset, renaming, display)
            return False
        visible = self.definitions.visible(right.offset, self.piece.section)
        for name in list(visible.names):  # a later definition of a function wins
            if key(name) in self.scope.functions and any(
                n == key(name) and visible.names[name].offset < o < right.offset
                for n, _, _, o in self.functions
            ):
                del visible.names[name]
        if any(d.body is None for d in visible.names.values()):  # ŷ = σ(wᵀx), in vector notation
            visible = with_vector_values(visible, self.vector_scope(right.offset).definitions)
        if self.upcoming is not None:
            visible = replace(visible, later=self.upcoming.after(right.offset, self.piece.section))
        convention, standing = self.layers, None
        try:
            network_read = self._stated_network(lhs, rhs, visible)
            chain = None if network_read else chain_stand_in(lhs, rhs, visible, self._said_anywhere)
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        if chain is not None:
            self.chained.update(chain.names)
            return self._stood_in_chain(right, chain, reading, hypotheses, index, written, display)
        if network_read is not None:
            lhs, rhs = network_read.lhs, network_read.rhs
            visible, convention = network_read.visible, network_read.convention
            reading = "; ".join(filter(None, [reading, network_read.note]))
        else:
            standing = stand_in(lhs, rhs, visible, right.offset)
        if standing is not None:  # a later definition of the name, if any, is read instead
            self.missed.add(standing.name)
            lhs, rhs = lhs.xreplace(standing.gradient), rhs.xreplace(standing.gradient)
            visible = replace(visible, names={**visible.names, standing.name: standing.definition})
        expansion = Expansion(visible, variables=variables_of(lhs, rhs), missed=self.missed)

        def one_index(name: str) -> bool:
            definition = visible.get(name)
            return definition is not None and len(definition.indices) == 1

        lhs, rhs, joined_notes = run_together.joined(lhs, rhs, one_index)
        if joined_notes:
            reading = "; ".join(filter(None, [reading, *joined_notes]))
        self.written.claims.extend((lhs, rhs))
        layered: tuple[sp.Symbol, ...] | None = None  # the sizes of a claim read by layers
        try:
            if convention is not None:
                lhs, rhs = by_layers(convention, lhs), by_layers(convention, rhs)
                expansion.variables = variables_of(lhs, rhs)
            lhs, rhs = expansion(lhs), expansion(rhs)
            if network_read is not None:
                assert self.stated_layer is not None
                self._defined_elsewhere(self.stated_layer.stems, lhs, rhs)
            superscript = layers.index_in_superscript(
                (lhs, rhs), run_together.index_names(lhs, rhs)
            )
            if superscript:
                raise Unreadable(superscript)
            if convention is not None and convention.applies(lhs, rhs):
                lhs, rhs, layered, ranged = convention.sized(lhs, rhs)
                size = layered[0] if layered else None
                if index is not None:
                    raise Unreadable("a condition on indices beside layers told by letters")
            else:
                lhs, rhs, ranged = from_one(lhs, rhs)
                try:
                    lhs, rhs, size = sized(lhs, rhs)
                except Unreadable as exc:
                    if not exc.reason.startswith("sums over different ranges") or index is not None:
                        raise
                    lhs, rhs, ranged = several(lhs, rhs, self._conditioned(right.offset))
                    size = None
            statement = written if has_abstract(lhs, rhs) or standing is not None else ""
            if index is not None:
                hot = {s.hot for s in self.stated if s.hot and s.offset < right.offset}
                lhs, rhs, statement = under_index(lhs, rhs, index, size, hot)
        except Unreadable as exc:
            self.skip(exc.offset if exc.offset is not None else right.offset, exc.reason, display)
            return False
        if has_abstract(lhs, rhs):
            names = ", ".join(abstract_names(lhs, rhs))
            if layered is not None:
                self.skip(
                    right.offset,
                    f"{names}: functions the document does not define, beside layers told by "
                    "index letters: whether the claim holds for every such function is not "
                    "decided",
                    display,
                )
                return False
            if not holds_for_every_function(lhs, rhs):
                why = unread or (
                    f"{names}: functions the document does not define (or whose definition "
                    "could not be read); the claim does not hold for every such function"
                )
                self.skip(right.offset, why, display)
                return False
            reading = "; ".join(
                x
                for x in (reading, f"{names} abstract: the claim is decided for every {names}")
                if x
            )
        notes = [*self.plain_notes, reading] if reading else list(self.plain_notes)
        notes += [ranged] if ranged else []
        stood = standing.definition if standing is not None else None
        used = used_text(
            (d for d in expansion.used.values() if d is not stood), expansion.visible.reached
        )
        if used:
            notes.append(used)
        notes.extend(expansion.notes)
        if functions := functions_note(self.reached_functions, self.piece.text):
            notes.append(functions)
        if standing is not None:
            notes.append(standing.note)
        stated: tuple[Condition, ...] = ()
        if size is not None:
            try:
                lhs, rhs, stated, more = self.conditions_for(right.offset, lhs, rhs, size)
                if layered is not None and (stated or more):
                    raise Unreadable("a stated condition beside layers told by letters")
            except Unreadable as exc:
                self.skip(right.offset, exc.reason, display)
                return False
            notes.extend(more)
        hypotheses = (*hypotheses, *stated)
        if size is not None and layered is None:
            self._candidates(lhs, rhs, size, stated)
        location = self.where(right.offset)
        line = self.place(right.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        when = "".join(f" (when {h.text})" for h in hypotheses)
        if index is not None:
            when += f" (when {shown_index(index)})"
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=f"{line}{when}",
            lhs=lhs,
            rhs=rhs,
            sources=(Source(self.path, line, "; ".join(notes)),),
            expected=Verdict.PROVED,
            conditions=hypotheses,
            statement=statement,
            arbitrary=(standing.name,) if standing is not None else (),
        )
        self.reading.claims.append(Located(claim, location))
        return True

    def _said(self) -> dict[str, list[Said]]:
        """Every definition of a name in the document so far, and the names it mentions
        (:mod:`derivations.read.undefined_chain`)."""
        return said_everywhere(
            self.definitions.found,
            ((n, self.line(o), v) for n, v, _, _, o in self.vectors.definitions),
            ((n, self.line(side.offset), side.tokens) for n, side in self.stated_names),
            ((n, f.line) for n, f, _, _ in self.functions),
        )

    def _visible_at(self, offset: int) -> Visible:
        """The definitions in index notation at ``offset``, with those after it."""
        visible = self.definitions.visible(offset, self.piece.section)
        if self.upcoming is not None:
            visible = replace(visible, later=self.upcoming.after(offset, self.piece.section))
        return visible

    def _said_anywhere(self) -> dict[str, list[Said]]:
        """:meth:`_said`, with what a reading before this one found after this place."""
        said = self._said()
        for name, found in self.said_everywhere.items():
            said.setdefault(name, []).extend(found)
        return said

    def _stood_in_chain(
        self,
        right: Side,
        chain: ChainStandIn,
        reading: str,
        hypotheses: tuple[Condition, ...],
        index: sp.Basic | None,
        written: str,
        display: bool,
    ) -> bool:
        """Add a claim read through linear stand-ins (:mod:`derivations.read.undefined_chain`)."""
        if index is not None or hypotheses:
            why = "a case of indices" if index is not None else "a condition"
            self.skip(right.offset, f"{why} beside functions left undefined: not read", display)
            return False
        self.written.claims.extend((chain.lhs, chain.rhs))
        notes = [*self.plain_notes, *([reading] if reading else []), chain.note]
        location = self.where(right.offset)
        line = self.place(right.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=line,
            lhs=chain.lhs,
            rhs=chain.rhs,
            sources=(Source(self.path, line, "; ".join(notes)),),
            expected=Verdict.PROVED,
            statement=written,
            readings=chain.readings,
            arbitrary=chain.names,
        )
        self.reading.claims.append(Located(claim, location))
        return True
