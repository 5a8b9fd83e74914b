r"""A claim in vector notation through definitions written in both notations.

Notes define a prediction in vector notation (``\hat{y} = \sigma(\mathbf{w}^\top \mathbf{x})``),
a loss in terms of it with scalars (``L = -[t \ln \hat{y} + (1 - t) \ln(1 - \hat{y})]``), and
sometimes an objective in vector notation again (``J = L + \frac{\lambda}{2} \lVert \mathbf{w}
\rVert^2``). A claim's sides are taken through the scalar (index-notation) definitions and the
vector definitions in turn until no defined name is left, so that ``∇_w J`` sees ``w`` in L.

A derivative with respect to a defined vector is taken as soon as the vector definitions are put
in (:func:`~derivations.read.vector_claims.resolve`); were a scalar definition to come into sight
only after that, the derivative would have been taken with that name held constant, so that case
is not read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import replace

import sympy as sp

from derivations.read.definitions import Definition, Visible
from derivations.read.latex import Unreadable
from derivations.read.vector_claims import expand, one_based, resolve
from derivations.read.vectors import is_matrix
from derivations.symbolic.matrix_calculus import LayoutDerivative

#: How many turns between the two kinds of definitions (J → L → ŷ → w, x).
MAX_TURNS = 6


def _names(e: sp.Basic) -> set[str]:
    """The names ``e`` uses, outside the variables of its derivatives."""
    if isinstance(e, LayoutDerivative):
        return _names(e.function)
    if isinstance(e, sp.Indexed):
        return {str(e.base.label)}
    if isinstance(e, (sp.Symbol, sp.MatrixSymbol)):
        return {e.name}
    if isinstance(e, sp.Lambda):  # the entries of a column: r, c are its own
        return _names(e.expr) - {str(s) for s in e.signature}
    if isinstance(e, (sp.Sum, sp.Product)):  # a sum's index is its own
        inner = _names(e.function) | {n for _, *ends in e.limits for b in ends for n in _names(b)}
        return inner - {str(v) for v, *_ in e.limits}
    return {n for a in e.args for n in _names(a)}


def _by_defined_vector(e: sp.Basic, vectors: Mapping[str, sp.Basic]) -> bool:
    """Whether ``e`` differentiates with respect to a vector that ``vectors`` defines."""
    for d in sp.preorder_traversal(e):
        if isinstance(d, LayoutDerivative) and _names(d.variable) & set(vectors):
            return True
    return False


def through_both(
    e: sp.Basic,
    expansion: Callable[[sp.Expr], sp.Expr],
    vectors: Mapping[str, sp.Basic],
    scalars: Collection[str],
    notes: list[str] | None = None,
) -> sp.Basic:
    """``e`` with the scalar definitions (``expansion``; their names ``scalars``) and the vector
    definitions (``vectors``) put in, in turn, until none of their names is left; ``notes``
    gets the scalars taken from a definition in vector notation."""
    held = _by_defined_vector(e, vectors)
    # the names a turn puts in (a vector the vector definitions leave, as a held variable or a
    # matrix, is not one)
    named = set(scalars) | {n for n, v in vectors.items() if not is_matrix(v)}
    e = _turn(e, expansion, vectors, notes)
    for _ in range(MAX_TURNS):
        left = _names(e) & named
        if not left:
            return e
        if held:
            raise Unreadable(
                f"{', '.join(sorted(left))}: defined with scalars inside a definition in vector "
                "notation, under a derivative by a defined vector: not read"
            )
        e = _turn(e, expansion, vectors, notes)
    raise Unreadable(f"definitions in the two notations nested deeper than {MAX_TURNS}")


def _turn(
    e: sp.Basic,
    expansion: Callable[[sp.Expr], sp.Expr],
    vectors: Mapping[str, sp.Basic],
    notes: list[str] | None,
) -> sp.Basic:
    """One turn: the scalar definitions, the scalars defined in vector notation (``ŷ`` a
    symbol after the scalar definitions put it in: its value, as the vector reader puts in a
    defined scalar it reads), then the vectors."""
    e = expand(e, expansion)
    scalars = {
        s: one_based(vectors[s.name])  # its sums as the document writes them, as expand does
        for s in e.free_symbols
        if isinstance(s, sp.Symbol) and s.name in vectors and not is_matrix(vectors[s.name])
    }
    for name in sorted(s.name for s in scalars):
        note = f"{name} expanded through its definition"  # as the vector reader says
        if notes is not None and note not in notes:
            notes.append(note)
    return resolve(e.xreplace(scalars) if scalars else e, vectors)


def with_vector_values(
    visible: Visible, vectors: Mapping[str, sp.Basic], *, resolved: bool = False
) -> Visible:
    """The visible definitions, where a name's index reading failed and the document defined
    it in vector notation as a scalar (``\\hat{y} = \\sigma(\\mathbf{w}^\\top \\mathbf{x})``),
    with that value as its body (its sums from 1, as the document writes them). A name defined
    in vector notation as a vector is left out when the vector definitions are ``resolved``
    after (a claim in vector notation), else kept unread (its use is skipped with the reason)."""
    names: dict[str, Definition] = {}
    for name, d in visible.names.items():
        value = vectors.get(name) if d.body is None else None
        if value is None:
            names[name] = d
        elif isinstance(value, sp.Expr) and not is_matrix(value):
            names[name] = replace(d, body=one_based(value), reason="")
        elif not resolved:
            names[name] = d
    return replace(visible, names=names)
