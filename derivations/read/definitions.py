r"""The document's definitions of names, and the expansion of a claim's sides through them.

A definition binds a name to an expression: a scalar (``E = \frac12 (o - t)^2``) or an
indexed family (``p_i = e^{z_i} / \sum_k e^{z_k}``, whose indices are its parameters). It
holds from its line on, in its section and the sections under it, until the name is
defined again there. A claim's sides are expanded through the definitions visible at the
claim, transitively (E → o → s → w_j); a derivative with respect to a defined name
(:math:`\partial E / \partial o`, an intermediate variable) is taken with that name held as
a variable, and the name is expanded afterwards.

Expansion is a pure function of an expression and a lookup (:class:`Visible`); what it cannot
expand with certainty raises :class:`~derivations.read.latex.Unreadable` with the reason, and a
cycle of definitions is an :class:`~derivations.errors.InputError` naming both lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import sympy as sp

from derivations.errors import InputError
from derivations.read import layers
from derivations.read.latex import Unreadable, index_symbol
from derivations.read.setups import Entry, Scopes, shown
from derivations.read.setups import Section as Section
from derivations.read.setups import within as within
from derivations.symbolic.printing import text as printed


class CircularDefinition(InputError):
    """Names whose definitions refer to each other."""


@dataclass(frozen=True)
class Definition:
    """``name`` (with ``indices`` for a family) is ``body``; ``body`` is None when its math
    could not be read (``reason``)."""

    name: str
    indices: tuple[sp.Symbol, ...]
    body: sp.Expr | None
    line: int
    section: Section = ()
    offset: int = 0
    reason: str = ""

    @property
    def shown(self) -> str:
        if not self.indices:
            return self.name
        return f"{self.name}_{''.join(i.name for i in self.indices)}"


@dataclass
class Definitions:
    """Every definition of a document, in order."""

    found: list[Definition] = field(default_factory=list)
    #: Where a definition holds (its section; a setup section's, the sections after it).
    scopes: Scopes = field(default_factory=Scopes)

    def add(self, definition: Definition) -> None:
        self.found.append(definition)

    def visible(self, offset: int, section: Section) -> Visible:
        """The definitions that hold at ``offset`` in ``section``."""
        entries = (Entry(d.name, d.section, d.line, d.offset, d) for d in self.found)
        resolved = self.scopes.resolve(entries, offset, section)
        latest, hidden = resolved.names, resolved.hidden
        # labels anywhere in the document so far: a second layer in another section also
        # makes the stem ambiguous
        labels = layers.labelled_names((d.name, d.body) for d in self.found if d.offset < offset)
        arity = {d.name: len(d.indices) for d in self.found if d.name in hidden}
        return Visible(latest, hidden, labels, reached=resolved.reached, hidden_indices=arity)

    def after(self, offset: int, section: Section) -> dict[str, Definition]:
        """The names first defined after ``offset`` (none of their definitions comes before
        it), in ``section`` or a section above it: each with that first definition. Notes often
        write ``∂E/∂w_jk = δ_k x_j`` and define δ_k in the next line ("where …")."""
        before = {d.name for d in self.found if d.offset < offset}
        found: dict[str, Definition] = {}
        for d in sorted(self.found, key=lambda d: d.offset):
            if d.offset <= offset or d.name in before or d.name in found:
                continue
            if within(section, d.section):
                found[d.name] = d
        return found


@dataclass(frozen=True)
class Visible:
    """The definitions visible at one place, and why other defined names are not."""

    names: dict[str, Definition]
    hidden: dict[str, str]
    #: The labelled names (``o^(1)``) the document's definitions so far use, by stem (``o``).
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Names that the document defines only after this place (:meth:`Definitions.after`).
    later: dict[str, Definition] = field(default_factory=dict)
    #: The names whose definition holds here from a setup section before this one
    #: (:mod:`derivations.read.setups`), with that section.
    reached: dict[str, Section] = field(default_factory=dict)
    #: How many indices the hidden names are defined with (``z = …``: 0).
    hidden_indices: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> Definition | None:
        return self.names.get(name)

    def undropped(self, name: str) -> str | None:
        """The labelled name that ``name`` stands for with its label dropped (``o`` for
        ``o^(1)``: :mod:`derivations.read.layers`), None when ``name`` is defined or carries
        a label or no labelled form is used; Unreadable when several are."""
        if name in self.names or layers.stem(name) != name or name not in self.labels:
            return None
        found = self.labels[name]
        if len(found) > 1:
            raise Unreadable(
                f"{name} without a superscript, but the document writes {', '.join(found)}: "
                "which one is not certain"
            )
        return found[0]


def _name(e: sp.Basic) -> str | None:
    if isinstance(e, sp.Indexed):
        return str(e.base.label)
    if isinstance(e, sp.Symbol) and not e.is_integer:
        return e.name
    return None


def _fresh_bound(body: sp.Expr, avoid: set[str]) -> sp.Expr:
    """``body`` with the index variables of its sums renamed away from ``avoid`` (no capture
    when ``p_i`` with a sum over k is used as ``p_k``); only the sum's own variable is renamed,
    never a free index of the same name outside it."""
    taken = set(avoid) | {s.name for s in body.free_symbols}

    def rename(e: sp.Basic) -> sp.Basic:
        if isinstance(e, sp.Sum):
            function = rename(e.function)
            limits = []
            for variable, *bounds in e.limits:
                if variable.name in avoid:
                    candidate = variable.name
                    while candidate in taken:
                        candidate += "'"
                    taken.add(candidate)
                    fresh = index_symbol(candidate)
                    function = function.xreplace({variable: fresh})
                    variable = fresh
                limits.append((variable, *bounds))
            return sp.Sum(function, *limits)
        if not e.args or isinstance(e, sp.Indexed):
            return e
        return e.func(*(rename(a) for a in e.args))

    if not body.has(sp.Sum):
        return body
    renamed = rename(body)
    assert isinstance(renamed, sp.Expr)
    return renamed


@dataclass
class Expansion:
    """Expands names through the visible definitions; records which were used."""

    visible: Visible
    used: dict[str, Definition] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Names never taken from a later definition: the claim's variables of differentiation.
    variables: frozenset[str] = frozenset()
    #: Names looked up and not visible, that a later definition could have given.
    missed: set[str] = field(default_factory=set)

    def __call__(self, expr: sp.Expr, keep: frozenset[str] = frozenset()) -> sp.Expr:
        return self._expand(expr, keep, ())

    def _another_family(self, name: str, used: int, defined: int) -> None:
        """Note that ``name`` written with ``used`` indices is a variable here, not the name
        another section defines with ``defined``."""
        note = (
            f"{name} with {used} index(es) is not the {name} another section defines "
            f"with {defined}: a variable here"
        )
        if note not in self.notes:
            self.notes.append(note)

    def _lookup(self, name: str, used: int | None = None) -> Definition | None:
        """The definition of ``name`` visible here; ``used``: with how many indices the claim
        writes it (``z_i`` is not the ``z = wᵀx`` of another section: no definition)."""
        found = self.visible.get(name)
        if found is None and name in self.visible.hidden:
            if used is not None and self.visible.hidden_indices.get(name, used) != used:
                self._another_family(name, used, self.visible.hidden_indices[name])
                return None
            raise Unreadable(self.visible.hidden[name])
        if found is None and name not in self.variables:
            found = self.visible.later.get(name)
            if found is None:
                self.missed.add(name)
            if found is not None:
                note = f"{found.shown} is defined after the claim (line {found.line}): used"
                if note not in self.notes:
                    self.notes.append(note)
        if found is not None and found.body is None:
            raise Unreadable(
                f"{found.shown} is defined at line {found.line} by math that could not be read"
                + (f" ({found.reason})" if found.reason else "")
            )
        return found

    def _expand(
        self, expr: sp.Expr, keep: frozenset[str], stack: tuple[Definition, ...]
    ) -> sp.Expr:
        if isinstance(expr, sp.Derivative):
            return self._derivative(expr, keep, stack)
        if isinstance(expr, sp.Subs):
            inner = self._expand(expr.expr, keep, stack)
            point = tuple(self._expand(p, keep, stack) for p in expr.point)
            return sp.Subs(inner, expr.variables, point)
        name = _name(expr)
        if name is not None and (labelled := self._undropped(expr, name)) is not None:
            expr, name = layers.relabelled(expr, labelled), labelled
        if name is not None and name not in keep:
            return self._name(expr, name, keep, stack)
        if isinstance(expr, sp.Indexed) or not expr.args:
            return expr
        if isinstance(expr, sp.Sum):
            term = self._expand(expr.function, keep, stack)
            return sp.Sum(term, *expr.limits)
        args = [self._expand(a, keep, stack) if isinstance(a, sp.Expr) else a for a in expr.args]
        return expr.func(*args)

    def _undropped(self, expr: sp.Basic, name: str) -> str | None:
        """The labelled name ``expr`` stands for; a component is not read as an entry of a
        vector definition (``o_k`` beside ``o^{(1)} = σ(…)`` written with vectors)."""
        labelled = self.visible.undropped(name)
        definition = self.visible.get(labelled) if labelled is not None else None
        used = len(expr.indices) if isinstance(expr, sp.Indexed) else 0
        if definition is not None and len(definition.indices) != used:
            return None
        if labelled is not None:
            note = f"{name} read as {labelled} (the document writes {name} only with that label)"
            if note not in self.notes:
                self.notes.append(note)
        return labelled

    def _name(
        self, expr: sp.Expr, name: str, keep: frozenset[str], stack: tuple[Definition, ...]
    ) -> sp.Expr:
        used = len(expr.indices) if isinstance(expr, sp.Indexed) else 0
        definition = self._lookup(name, used)
        if definition is None:
            if name == "delta" and isinstance(expr, sp.Indexed) and len(expr.indices) == 2:
                return sp.KroneckerDelta(*expr.indices)
            return expr
        assert definition.body is not None
        for earlier in stack:
            if earlier.name == name:
                raise CircularDefinition(
                    f"circular definitions: {name} (line {earlier.line}) and "
                    f"{stack[-1].shown} (line {stack[-1].line}) refer to each other"
                )
        indices = expr.indices if isinstance(expr, sp.Indexed) else ()
        if len(indices) != len(definition.indices) and name in self.visible.reached:
            # z_j here, z = wx + b (no index) lent by a section that only defines: not that z
            self._another_family(name, len(indices), len(definition.indices))
            return expr
        if len(indices) != len(definition.indices):
            if definition.indices and not indices:
                raise Unreadable(
                    f"{name} is an indexed family (defined at line {definition.line}) "
                    "used without an index"
                )
            raise Unreadable(
                f"{name} is defined at line {definition.line} with "
                f"{len(definition.indices)} index(es), used with {len(indices)}"
            )
        self.used.setdefault(f"{definition.shown}@{definition.line}", definition)
        avoid = {str(i) for i in indices}
        body = _fresh_bound(definition.body, avoid)
        body = body.xreplace(dict(zip(definition.indices, indices, strict=True)))
        return self._expand(body, keep, (*stack, definition))

    def _derivative(
        self, expr: sp.Derivative, keep: frozenset[str], stack: tuple[Definition, ...]
    ) -> sp.Expr:
        variables = expr.variables
        if len(variables) != 1:
            raise Unreadable("a derivative with respect to several variables")
        (variable,) = variables
        vname = _name(variable)
        if vname is not None and (labelled := self._undropped(variable, vname)) is not None:
            variable, vname = layers.relabelled(variable, labelled), labelled
        if vname is None:
            raise Unreadable(f"a derivative with respect to {variable}")
        inner = self._expand(expr.expr, keep | {vname}, stack)
        if not _mentions(inner, vname):
            subject = _name(expr.expr)
            if (
                isinstance(expr.expr, (sp.Symbol, sp.Indexed))
                and subject is not None
                and self.visible.get(subject) is None
            ):
                raise Unreadable(f"{subject} is not defined in the document")
            raise Unreadable(
                f"{printed(expr.expr)} does not depend on {printed(variable)}"
                + (" through the document's definitions" if inner != expr.expr else " as written")
                + " (an implicit dependency is not supported)"
            )
        written = len(variable.indices) if isinstance(variable, sp.Indexed) else 0
        intermediate = vname not in keep and self._lookup(vname, written) is not None
        if not intermediate:
            return sp.Derivative(inner, variable)
        # ∂E/∂o for a defined o: differentiate with o held as a variable, then expand o; a sum
        # over k in E is renamed apart from the variable's index (∂/∂o_k of Σ_k (o_k - t_k)²)
        if isinstance(variable, sp.Indexed):
            inner = _fresh_bound(inner, {str(i) for i in variable.indices})
        note = (
            f"the derivative with respect to {vname} (a defined name) holds {vname} as a variable"
        )
        if note not in self.notes:
            self.notes.append(note)
        derivative = sp.diff(inner, variable)
        # what stays unevaluated (f'(y) of an abstract f) is taken at the point y, then expanded
        at_point = {
            d: _at(d, variable) for d in derivative.atoms(sp.Derivative) if variable in d.variables
        }
        return self._expand(derivative.xreplace(at_point), keep, stack)


def _at(derivative: sp.Derivative, variable: sp.Symbol) -> sp.Expr:
    """``d/dy F(y)`` as ``(d/dξ F(ξ)) at ξ = y``, so that y can be replaced by its definition."""
    xi = sp.Symbol("xi", real=True)
    inner = derivative.expr.xreplace({variable: xi})
    return sp.Subs(sp.Derivative(inner, xi), xi, variable)


def _mentions(expr: sp.Basic, name: str) -> bool:
    return any(_name(a) == name for a in sp.preorder_traversal(expr))


def used_text(used: Iterable[Definition], reached: Mapping[str, Section] | None = None) -> str:
    """``"definitions used: E (line 3), o (line 4)"``; the ones taken from a setup section
    before the claim's (``reached``, by name) are named with that section."""
    reached = reached or {}
    groups: dict[Section | None, list[str]] = {}
    for d in used:
        groups.setdefault(reached.get(d.name), []).append(f"{d.shown} (line {d.line})")
    parts = []
    for section, names in groups.items():
        where = (
            ""
            if section is None
            else f" from {shown(section)} (a section before this one that only defines)"
        )
        parts.append((where, ", ".join(names)))
    if not parts:
        return ""
    if len(parts) == 1:
        return f"definitions used{parts[0][0]}: {parts[0][1]}"
    return "definitions used: " + "; ".join(
        f"{names}" if not where else f"{where.strip()}: {names}" for where, names in parts
    )


Lookup = Callable[[str], Definition | None]
