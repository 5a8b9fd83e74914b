r"""Undefined vector functions in the chain rule: ``∂z_i/∂x_j = Σ_k ∂z_i/∂y_k ∂y_k/∂x_j``.

Notes state the multivariable chain rule for maps they never define: z a function of y, y a
function of x. When every appearance of such families in a claim is a first derivative of one
of them by another, the claim fixes the order in which they depend on each other (∂z/∂y: z
depends on y; ∂y/∂x: y on x), and is about every differentiable choice of them. It is read
through linear stand-ins

.. math:: y_k = \sum_j J^y_{kj}\, x_j, \qquad z_i = \sum_k J^z_{ik}\, y_k
          \qquad (J^y, J^z \text{ arbitrary}),

which is exact. The claim is an equation between first derivatives at one point x. By the
chain rule, every first derivative of a family by one below it is an entry of the product of
the Jacobians of the maps between them, taken at that point (∂z/∂x = J^z(y(x)) J^y(x)), and the
claim depends on the maps only through those Jacobians. The Jacobians of maps between spaces
of any sizes can be any matrices (a linear map has its matrix as Jacobian everywhere), and the
Jacobians of the different maps can be chosen independently. So the claim holds for every
differentiable choice exactly when it holds for the linear stand-ins for every J^y, J^z, an
identity between matrix entries that the verifier decides at symbolic sizes. The sizes are the
sums' bounds where written, else symbolic, one per family; families that share an index (z_i
beside y_i, or a Kronecker delta between their indices) share a size.

A value of a family (z_i alone), a second derivative, or an order of dependency the claim leaves
open is not read (a value of z is not fixed by the Jacobians); a claim with other quantities
or derivatives of expressions is left to the document's definitions, as is a family defined
where the claim stands by anything but a function the document does not define. The reading
also needs the document to agree with the order: each of its definitions of a stood-in family,
anywhere and in any notation, may mention of the claim's families only the one below it, and
otherwise only parameters the document never defines (``\vec{y} = A\vec{x}``); a function the
document does not define may be applied to that family alone (``z = f(y)``). A definition that
could not be read, or ``\vec{h} = g(\vec{h}', \vec{w})`` beside a claim from h to w (h' may
depend on w too), makes the reading uncertain. The bottom family (x) is the independent variable. A
counterexample for some J only shows the claim does not hold for every function, not that it
fails for the author's: such a claim is never refuted
(:attr:`derivations.model.Claim.arbitrary`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from derivations.read.definitions import Definition, Visible
from derivations.read.indices import rename_bound
from derivations.read.latex import OPEN, Token, Unreadable, index_symbol, size_symbol
from derivations.read.layers import name_of

#: A component (``z_i``: the family and its index) or a scalar (``L``: index None).
Component = tuple[str, sp.Symbol | None]


@dataclass(frozen=True)
class ChainStandIn:
    """The claim with every derivative of the stood-in families replaced by its entry of a
    product of arbitrary Jacobians, at symbolic sizes, and the note that says so."""

    names: tuple[str, ...]
    lhs: sp.Expr
    rhs: sp.Expr
    note: str
    #: Other readings of the same claim (the two layouts of vector notation).
    readings: tuple[tuple[str, sp.Expr, sp.Expr], ...] = ()


@dataclass(frozen=True)
class Said:
    """A definition of a name somewhere in the document: its line, and the names its body
    mentions (``z = f(y)``: {y}; ``y = A x``: {A, x}); None when its body could not be read.
    Names of a formula that the document never defines are its parameters (A); the arguments of
    a function it does not define are not (``applied``)."""

    line: int
    of: frozenset[str] | None
    #: Whether the body is a function the document does not define applied to ``of``
    #: (``h = g(h', w)``): then h' may depend on w as well, and only ``z = f(y)`` is certain.
    applied: bool = False


def mentioned(body: sp.Basic) -> frozenset[str]:
    """The names a definition's body mentions: families, scalars, matrices (not the functions
    applied, not sizes or indices)."""
    found = set()
    for a in sp.preorder_traversal(body):
        if isinstance(a, sp.MatrixSymbol):
            found.add(str(a.name))
        elif (name := name_of(a)) is not None:
            found.add(name)
    return frozenset(found)


def said_of_index(definitions: Iterable[Definition]) -> Iterator[tuple[str, Said]]:
    """What the definitions in index notation say (read or not)."""
    for d in definitions:
        applied = isinstance(d.body, AppliedUndef)
        yield d.name, Said(d.line, mentioned(d.body) if d.body is not None else None, applied)


def said_everywhere(
    index: Iterable[Definition],
    vectors: Iterable[tuple[str, int, sp.Basic]],
    heads: Iterable[tuple[str, int, list[Token]]],
    functions: Iterable[tuple[str, int]],
) -> dict[str, list[Said]]:
    """What the document's definitions say of each name: in index notation, in vector notation
    (read: the names of their value), as functions (``f(x) = …``: None), and as any other
    statement of the name (``heads``: only ``g(\\vec{x})`` is read, else None). A statement
    at the line of a definition read is the same math (``\\vec{y} = A\\vec{x}``): the one
    read says what it is."""
    said: dict[str, list[Said]] = {}
    read = set()
    for name, line, value in vectors:
        said.setdefault(name, []).append(Said(line, mentioned(value)))
        read.add((name, line))
    index = list(index)
    read |= {(d.name, d.line) for d in index if d.body is not None}
    for name, one in said_of_index(index):
        if one.of is not None or (name, one.line) not in read:
            said.setdefault(name, []).append(one)
    for name, line, tokens in heads:
        if (name, line) not in read:
            said.setdefault(name, []).append(said_of_tokens(tokens, line))
    for name, line in functions:
        said.setdefault(name, []).append(Said(line, None))
    return said


def stated_name(tokens: list[Token]) -> str | None:
    """The letter a side is, plain or bold (``Z``, ``\\mathbf{Z}``, ``\\vec{z}``)."""
    texts = [t.text for t in tokens]
    bold = {"vec", "mathbf", "boldsymbol", "bm"}
    if len(tokens) == 1 and tokens[0].kind == "letter":
        return texts[0]
    if len(tokens) == 4 and texts[0] in bold and texts[1] == "{" and texts[3] == "}":
        return texts[2] if tokens[2].kind == "letter" else None
    if len(tokens) == 2 and texts[0] in bold and tokens[1].kind == "letter":
        return texts[1]
    return None


def said_of_tokens(tokens: list[Token], line: int) -> Said:
    """What a statement of a name says: ``g(\\vec{x})`` (g a letter) makes it a function of
    x alone; anything else is some other definition."""
    of = None
    if (
        len(tokens) > 3
        and tokens[0].kind == "letter"
        and tokens[1].text == "("
        and tokens[-1].text == ")"
        and all(t.text not in ("(", ")") for t in tokens[2:-1])
    ):
        inner = tokens[2:-1]
        allowed = {"vec", "mathbf", "boldsymbol", "bm", "{", "}", ","}
        if all(t.kind == "letter" or t.text in allowed for t in inner):
            of = frozenset(t.text for t in inner if t.kind == "letter")
    return Said(line, of, applied=True)


def _component(e: sp.Basic) -> Component | None:
    if isinstance(e, sp.Indexed) and len(e.indices) == 1:
        (index,) = e.indices
        if isinstance(index, sp.Symbol) and index.is_integer:
            return str(e.base.label), index
        return None
    if isinstance(e, sp.Symbol) and not e.is_integer:
        return e.name, None
    return None


def _derivatives(exprs: Iterable[sp.Basic]) -> list[sp.Derivative]:
    return [d for e in exprs for d in sp.preorder_traversal(e) if isinstance(d, sp.Derivative)]


def _status(name: str, visible: Visible) -> str:
    """``undefined``, ``abstract`` (defined by a function the document does not define) or
    ``defined``."""
    if name in visible.hidden or name in visible.later:
        return "defined"
    definition = visible.get(name)
    if definition is None:
        return "undefined"
    if isinstance(definition.body, AppliedUndef):
        return "abstract"
    return "defined"


def _stands_in(d: sp.Derivative, visible: Visible) -> bool:
    """Whether ``d`` is a derivative of an undefined family (or scalar) by a component of
    another (``∂z_i/∂y_k``, ``∂L/∂h_k``, ``∂s/∂x_j``)."""
    top = _component(d.expr)
    below = _component(d.variables[0]) if len(d.variables) == 1 else None
    return (
        top is not None
        and below is not None
        and top[0] != below[0]
        and _status(top[0], visible) != "defined"
    )


def chain_stand_in(
    lhs: sp.Expr,
    rhs: sp.Expr,
    visible: Visible,
    said: Callable[[], Mapping[str, Iterable[Said]]] | None = None,
) -> ChainStandIn | None:
    """The claim read through linear stand-ins for its undefined families; None when no
    undefined family is differentiated in it by an indexed one, it is not a chain (no family
    between two others), it holds other quantities, or one of its functions is defined where
    it stands (that definition decides); :class:`Unreadable` when the claim is not made of
    first derivatives along one order of dependency, or ``said()`` (every definition in the
    document, anywhere) makes a stood-in family a function of anything but the family below
    it."""
    sides = (lhs, rhs)
    derivatives = _derivatives(sides)
    indexed = any(isinstance(e, sp.Indexed) for d in derivatives for e in (d.expr, *d.variables))
    if not indexed or not any(_stands_in(d, visible) for d in derivatives):
        return None
    taken = {str(s) for side in sides for s in side.free_symbols}
    sides = (_apart(lhs, taken), _apart(rhs, taken))
    derivatives = _derivatives(sides)
    pairs: dict[sp.Derivative, tuple[Component, Component]] = {}
    for d in derivatives:
        top = _component(d.expr)
        below = _component(d.variables[0]) if len(d.variables) == 1 else None
        if top is None or below is None:
            return None  # not a derivative of one component by another: not this reading
        pairs[d] = (top, below)
    families = {name for pair in pairs.values() for name, _ in pair}
    tops, belows = ({p[0] for p in ends} for ends in zip(*pairs.values(), strict=True))
    if len(families) < 3 or not tops & belows:
        return None  # no family between two others: not a chain rule
    if any(_status(name, visible) == "defined" for name in tops):
        return None  # the document's definition of a function decides
    values, others = _outside_derivatives(sides, families)
    if others:
        return None  # another quantity: its definition is read on the usual path
    if values:
        raise Unreadable(
            f"{values[0]} appears as a value, not only through first derivatives: a value is "
            "not fixed by the derivatives of a function the document does not define"
        )
    for d, (top, _) in pairs.items():
        if len(d.variable_count) != 1 or d.variable_count[0][1] != 1:
            raise Unreadable(
                f"a derivative of order 2 or more of {top[0]} beside functions the document "
                "does not define: only first derivatives are read"
            )
    arity: dict[str, int] = {}
    for top, below in pairs.values():
        for name, index in (top, below):
            if arity.setdefault(name, index is not None) != (index is not None):
                raise Unreadable(f"{name} is used both with and without an index")
    order = _order(families, {(t[0], b[0]) for t, b in pairs.values() if t[0] != b[0]})
    stood, bottom = order[:-1], order[-1]
    anywhere = said() if said is not None else {}
    for above, below_name in zip(stood, order[1:], strict=True):
        definition = visible.get(above)
        here = [one for _, one in said_of_index([definition])] if definition else []
        for one in [*here, *anywhere.get(above, ())]:
            if (
                one.of is None
                or (one.applied and one.of != {below_name})
                or below_name not in one.of
                or one.of & families != {below_name}
                or any(other in anywhere for other in one.of - families)
            ):
                raise Unreadable(
                    f"{above} is defined at line {one.line} otherwise than through {below_name} "
                    "and names the document does not define, as the claim's derivatives have "
                    "it: which it depends on is not certain"
                )
    base = visible.get(bottom)
    if base is not None and base.body is not None and _mentions(base.body, families):
        raise Unreadable(
            f"{bottom} is defined at line {base.line} through the functions it is the variable of"
        )
    return _stood_in(sides, pairs, order, arity, visible)


def _apart(expr: sp.Expr, taken: set[str]) -> sp.Expr:
    """``expr`` with each sum's index named apart from every other index (a letter summed
    twice, or summed and free, stands for the components of different families)."""

    def walk(e: sp.Basic) -> sp.Basic:
        if isinstance(e, sp.Sum):
            function, limits = e.function, []
            for variable, *bounds in e.limits:
                name = variable.name
                while name in taken:
                    name += "'"
                taken.add(name)
                fresh = index_symbol(name)
                function = function.xreplace({variable: fresh})
                limits.append((fresh, *bounds))
            return sp.Sum(walk(function), *limits)
        if not e.args or isinstance(e, sp.Indexed):
            return e
        return e.func(*(walk(a) for a in e.args))

    result = walk(expr)
    assert isinstance(result, sp.Expr)
    return result


def _mentions(expr: sp.Basic, families: set[str]) -> bool:
    return any(name_of(a) in families for a in sp.preorder_traversal(expr))


def _outside_derivatives(
    sides: Iterable[sp.Basic], families: set[str]
) -> tuple[list[str], list[str]]:
    """The families that appear otherwise than as a derivative's function or variable, and the
    other quantities that appear at all (abstract functions, names, products over indices)."""
    values: list[str] = []
    others: list[str] = []

    def walk(e: sp.Basic) -> None:
        if isinstance(e, sp.Derivative):
            return
        name = name_of(e)
        if name in families:
            values.append(name)
        elif name is not None or isinstance(e, (AppliedUndef, sp.Product)):
            others.append(str(e))
        elif isinstance(e, sp.Sum):
            walk(e.function)
        else:
            for a in e.args:
                walk(a)

    for side in sides:
        walk(side)
    return values, others


def _order(families: set[str], edges: set[tuple[str, str]]) -> list[str]:
    """The families from the outermost function to the variable: the one order in which each
    differentiated family comes before the one it is differentiated by."""
    above = {f: {a for a, b in edges if b == f} for f in families}
    order: list[str] = []
    while len(order) < len(families):
        ready = sorted(f for f in families if f not in order and above[f] <= set(order))
        if len(ready) != 1:
            shown = ", ".join(sorted(families))
            raise Unreadable(
                f"the claim's derivatives leave open which of {shown} depends on which: "
                "not read as one chain of functions"
            )
        order.append(ready[0])
    return order


class _Sizes:
    """One size per class of families whose indices meet; the written bounds name them."""

    def __init__(self, families: Iterable[str]) -> None:
        self.parent = {f: f for f in families}
        self.bounds: dict[str, set[str]] = {f: set() for f in self.parent}

    def find(self, f: str) -> str:
        while self.parent[f] != f:
            f = self.parent[f]
        return f

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra
            self.bounds[ra] |= self.bounds.pop(rb)


def _stood_in(
    sides: tuple[sp.Expr, sp.Expr],
    pairs: dict[sp.Derivative, tuple[Component, Component]],
    order: list[str],
    arity: dict[str, int],
    visible: Visible,
) -> ChainStandIn:
    sizes = _Sizes(order)
    of_index: dict[sp.Symbol, str] = {}
    for top, below in pairs.values():
        for name, index in (top, below):
            if index is None:
                continue
            if index in of_index:
                sizes.join(of_index[index], name)
            of_index.setdefault(index, name)
    for side in sides:
        for delta in side.atoms(sp.KroneckerDelta):
            known = [of_index[a] for a in delta.args if a in of_index]
            if len(known) != 2:
                raise Unreadable("a Kronecker delta of an index that is no component's")
            sizes.join(*known)
        for s in side.atoms(sp.Sum):
            for variable, lower, upper in s.limits:
                if lower != 1 or not (upper == OPEN or isinstance(upper, sp.Symbol)):
                    raise Unreadable("a sum not from 1 to a size beside undefined functions")
                if variable not in of_index:
                    raise Unreadable(f"a sum over {variable}, which indexes no component")
                if upper != OPEN:
                    sizes.bounds[sizes.find(of_index[variable])].add(str(upper))
    taken = {str(s) for side in sides for s in side.free_symbols} | set(visible.names)
    taken |= {str(v) for side in sides for s in side.atoms(sp.Sum) for v, _, _ in s.limits}
    size: dict[str, sp.Symbol] = {}
    fresh = iter(n for n in ("n", "m", "p", "q", "r", "N", "M", "P", "Q", "R") if n not in taken)
    for root in sorted({sizes.find(f) for f in order if arity[f]}, key=order.index):
        written = sizes.bounds[root]
        if len(written) > 1:
            members = ", ".join(f for f in order if sizes.find(f) == root)
            raise Unreadable(
                f"the components of {members} are summed over different ranges "
                f"({', '.join(sorted(written))})"
            )
        chosen = next(iter(written)) if written else next(fresh, None)
        if chosen is None:
            raise Unreadable("no name is free for the sizes of the claim")
        taken.add(chosen)
        size[root] = size_symbol(chosen)

    def size_of(family: str) -> sp.Symbol:
        return size[sizes.find(family)]

    labels: dict[str, str] = {}
    for family in order[:-1]:
        label = f"J_{family}"
        while label in taken:
            label += "'"
        taken.add(label)
        labels[family] = label

    def fresh_index() -> sp.Symbol:
        name = "t"
        while name in taken:
            name += "'"
        taken.add(name)
        return index_symbol(name)

    def entry(family: str, row: sp.Basic | None, column: sp.Basic | None) -> sp.Expr:
        places = tuple(i for i in (row, column) if i is not None)
        if not places:
            return sp.Symbol(labels[family], real=True)
        return sp.IndexedBase(labels[family], real=True)[places]

    def jacobian(top: Component, below: Component) -> sp.Expr:
        (f, a), (g, b) = top, below
        if f == g:
            return sp.KroneckerDelta(a, b) if a is not None and b is not None else sp.Integer(1)
        path = order[order.index(f) : order.index(g) + 1]
        indices: list[sp.Basic | None] = [a]
        limits = []
        for middle in path[1:-1]:
            if arity[middle]:
                t = fresh_index()
                indices.append(t)
                limits.append((t, 1, size_of(middle)))
            else:
                indices.append(None)
        indices.append(b)
        product = sp.Mul(
            *(entry(path[s], indices[s], indices[s + 1]) for s in range(len(path) - 1))
        )
        return sp.Sum(product, *reversed(limits)) if limits else product

    replaced = {d: jacobian(top, below) for d, (top, below) in pairs.items()}

    def sized(e: sp.Basic) -> sp.Basic:
        if isinstance(e, sp.Derivative):
            return replaced[e]
        if isinstance(e, sp.Sum):
            limits = [(v, 1, size_of(of_index[v])) for v, _, _ in e.limits]
            return sp.Sum(sized(e.function), *limits)
        if not e.args:
            return e
        return e.func(*(sized(a) for a in e.args))

    new = [sized(side) for side in sides]
    free = {
        s for side in new for s in side.free_symbols if isinstance(s, sp.Symbol) and s.is_integer
    } - set(size.values())
    unranged = sorted(str(s) for s in free if s not in of_index)
    if unranged:
        raise Unreadable(f"the range of the index {unranged[0]} is not certain")
    new = [rename_bound(side, {str(s) for s in free}) for side in new]
    ranged = {s: sp.Idx(s.name, (1, size_of(of_index[s]))) for s in free}
    lhs, rhs = (side.xreplace(ranged) for side in new)
    assert isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)
    stood = order[:-1]
    maps = ", ".join(f"{f} = {labels[f]}·{g}" for f, g in zip(stood, order[1:], strict=True))
    counted = "; ".join(f"{f} has {size_of(f)} components" for f in order if arity[f])
    dependencies = ", ".join(f"{f} of {g}" for f, g in zip(stood, order[1:], strict=True))
    note = (
        f"{', '.join(stood)}: functions the document does not define: the claim is read for "
        f"every differentiable {dependencies}, through the linear maps {maps} with "
        f"{', '.join(labels[f] for f in stood)} arbitrary (derivatives at a point depend only "
        f"on the Jacobians there)" + (f"; {counted}" if counted else "")
    )
    return ChainStandIn(tuple(stood), lhs, rhs, note)
