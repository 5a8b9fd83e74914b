r"""An undefined loss in the chain rule: ``∂L/∂z_i = Σ_s ∂L/∂a_s ∂a_s/∂z_i``, L defined nowhere.

Notes state the chain rule through a loss they never define. When a name the document does
not define appears in a claim only as the function of first derivatives (``∂L/∂a_s``,
``∂L/∂z_i``), the claim is about every differentiable L. At a point it depends on L only
through L's gradient there, and the linear function

.. math:: L = \sum_t g_t\, a_t \qquad (g \text{ arbitrary})

has any gradient. So the claim holds for every L exactly when it holds for this L for every
g, which the verifier decides like any other claim. L's arguments are the names it is
differentiated by, less those through which another of them is defined (a is defined
through z: L is a function of a, and ∂L/∂z_i goes through a). A counterexample for some g
shows only that the claim does not hold for every L, not that it fails for the author's L,
so such a claim is never refuted (:attr:`derivations.model.Claim.arbitrary`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import sympy as sp

from derivations.read.definitions import Definition, Visible
from derivations.read.latex import OPEN, Token, Unreadable, index_symbol
from derivations.read.limits import Limits
from derivations.read.vectors import VectorScope, column, read_vector_side
from derivations.symbolic.matrix_calculus import LayoutDerivative


@dataclass(frozen=True)
class StandIn:
    """The definition that stands in for the undefined ``name``, and the note that says so."""

    name: str
    definition: Definition
    note: str
    #: ∂L/∂a_s for an argument a of L: the gradient's entry g_a[s] itself.
    gradient: dict[sp.Basic, sp.Expr]


def _derivatives_of(name: str, exprs: Iterable[sp.Basic]) -> list[sp.Derivative] | None:
    """The first derivatives of the symbol ``name`` in ``exprs``; None when the symbol also
    appears elsewhere (``L`` itself, or a second derivative)."""
    found: list[sp.Derivative] = []

    def walk(e: sp.Basic) -> bool:
        if isinstance(e, sp.Derivative) and isinstance(e.expr, sp.Symbol):
            if e.expr.name != name:
                return True
            if len(e.variable_count) != 1 or e.variable_count[0][1] != 1:
                return False
            found.append(e)
            return True
        if isinstance(e, sp.Symbol) and e.name == name:
            return False
        return all(walk(a) for a in e.args)

    return found if all(walk(e) for e in exprs) else None


def _family(variable: sp.Basic) -> str | None:
    if isinstance(variable, sp.Indexed) and len(variable.indices) == 1:
        return str(variable.base.label)
    if isinstance(variable, sp.Symbol) and not variable.is_integer:
        return variable.name
    return None


def _depends(name: str, on: str, visible: Visible, seen: frozenset[str] = frozenset()) -> bool:
    """Whether the definition of ``name`` mentions ``on``, through other definitions too."""
    definition = visible.get(name)
    if definition is None or definition.body is None or name in seen:
        return False
    for a in sp.preorder_traversal(definition.body):
        inner = _family(a) if isinstance(a, (sp.Indexed, sp.Symbol)) else None
        if inner == on or (inner is not None and _depends(inner, on, visible, seen | {name})):
            return True
    return False


def stand_in(lhs: sp.Basic, rhs: sp.Basic, visible: Visible, offset: int) -> StandIn | None:
    """The stand-in for the one undefined name the claim only differentiates, or None."""
    names = {
        d.expr.name
        for side in (lhs, rhs)
        for d in side.atoms(sp.Derivative)
        if isinstance(d.expr, sp.Symbol) and not d.expr.is_integer
    }
    undefined = sorted(
        n
        for n in names
        if visible.get(n) is None and n not in visible.hidden and n not in visible.later
    )
    if len(undefined) != 1:
        return None
    (name,) = undefined
    derivatives = _derivatives_of(name, (lhs, rhs))
    if not derivatives:
        return None
    by_family: dict[str, sp.Basic] = {}
    for d in derivatives:
        family = _family(d.variables[0])
        if family is None or family == name:
            return None
        by_family.setdefault(family, d.variables[0])
    arguments = sorted(
        f
        for f in by_family
        if not any(_depends(other, f, visible) for other in by_family if other != f)
    )
    terms: list[sp.Expr] = []
    gradient: dict[sp.Basic, sp.Expr] = {}
    taken = {str(s) for side in (lhs, rhs) for s in side.free_symbols} | set(visible.names)
    labels: dict[str, str] = {}
    for family in arguments:
        label = f"g_{family}"
        while label in taken:
            label += "'"
        labels[family] = label
        variable = by_family[family]
        if isinstance(variable, sp.Indexed):
            t = index_symbol("t")
            base = sp.IndexedBase(label, real=True)
            terms.append(sp.Sum(base[t] * variable.base[t], (t, 1, OPEN)))
            entries = {
                d: base[d.variables[0].indices[0]]
                for d in derivatives
                if isinstance(d.variables[0], sp.Indexed) and _family(d.variables[0]) == family
            }
        else:
            terms.append(sp.Symbol(label, real=True) * variable)
            scalar = sp.Symbol(label, real=True)
            entries = {d: scalar for d in derivatives if d.variables[0] == variable}
        gradient.update(entries)
    body = sp.Add(*terms)
    shown = ", ".join(arguments)
    written = " + ".join(
        f"Σ_t {labels[f]}[t]·{f}[t]" if isinstance(by_family[f], sp.Indexed) else f"{labels[f]}·{f}"
        for f in arguments
    )
    note = (
        f"{name} is not defined in the document: the claim is read for every function {name} "
        f"of {shown}, through {name} = {written} with its gradient arbitrary"
    )
    definition = Definition(name, (), body, line=0, offset=offset, reason="stand-in")
    return StandIn(name, definition, note, gradient)


# --- in vector notation ---------------------------------------------------------------------

_FRACTIONS = {"frac", "dfrac", "cfrac", "tfrac"}


def _numerators(tokens: list[Token]) -> list[str]:
    """The single letters differentiated in ``\\frac{\\partial L}{…}`` and ``\\nabla_{…} L``."""
    found = []
    texts = [*(t.text for t in tokens), "", "", "", "", ""]  # padded: no bounds checks
    for k, tok in enumerate(tokens):
        if tok.kind != "cmd":
            continue
        fraction = tok.text in _FRACTIONS and texts[k + 1 : k + 3] == ["{", "partial"]
        if (
            fraction
            and tokens[min(k + 3, len(tokens) - 1)].kind == "letter"
            and texts[k + 4] == "}"
        ):
            found.append(texts[k + 3])
        if tok.text == "nabla" and texts[k + 1] == "_":
            j = _after_group(texts, k + 2)
            if (
                j < len(tokens)
                and tokens[j].kind == "letter"
                and texts[j + 1] not in ("_", "^", "(")
            ):
                found.append(texts[j])
    return found


def _after_group(texts: list[str], j: int) -> int:
    """The index after the brace group (or the one token) at ``j``."""
    if texts[j] != "{":
        return j + 1
    depth = 0
    while j < len(texts):
        depth += {"{": 1, "}": -1}.get(texts[j], 0)
        j += 1
        if depth == 0:
            break
    return j


def _mentions_vector(value: sp.Basic, name: str) -> bool:
    return any(str(a.base.label) == name for a in value.atoms(sp.Indexed)) or any(
        str(m.name) == name for m in value.atoms(sp.MatrixSymbol)
    )


@dataclass(frozen=True)
class VectorStandIn:
    """The scope with the undefined ``name`` stood in for by ``gᵀa`` (g arbitrary), and why."""

    name: str
    scope: VectorScope
    note: str


def vector_stand_in(
    sides: list[list[Token]],
    scope: VectorScope,
    layouts: Iterable[str],
    limits: Limits,
    defined: frozenset[str] = frozenset(),
) -> VectorStandIn | None:
    """The stand-in for the one undefined scalar L that a vector claim only differentiates by
    column vectors (``∂L/∂\\mathbf{x} = W^T ∂L/∂\\mathbf{z}``): L = gᵀa, a the one of those
    vectors through which none of the others is defined. None when there is no such L, the
    document defines it anywhere (``defined``), it is used otherwise, or its argument is not
    one column."""
    tokens = [t for side in sides for t in side]
    numerators = _numerators(tokens)
    names = set(numerators)
    if len(names) != 1:
        return None
    (name,) = names
    known = {
        *scope.definitions,
        *scope.scalars,
        *scope.shapes,
        *scope.plain,
        *scope.functions,
        *defined,  # anywhere in the document: its definition decides, not a stand-in
    }
    used = sum(t.kind == "letter" and t.text == name for t in tokens)
    if name in known or name in ("e", "I") or used != len(numerators):
        return None
    trial = replace(scope, scalars=scope.scalars | {name})
    values: list[sp.Basic] = []
    for layout in layouts:  # the first layout in which both sides have a shape
        try:
            values = [read_vector_side(side, trial, layout, limits).value for side in sides]
            break
        except Unreadable:
            continue
    if not values:
        return None
    symbol = sp.Symbol(name, real=True)
    variables: dict[str, sp.Basic] = {}
    for d in (d for v in values for d in sp.preorder_traversal(v)):
        if isinstance(d, LayoutDerivative) and d.function == symbol:
            label = _column_name(d.variable)
            if label is None:
                return None
            variables.setdefault(label, d.variable)
    if not variables:
        return None
    direct = [
        v
        for v in variables
        if not any(
            other in scope.definitions and _mentions_vector(scope.definitions[other], v)
            for other in variables
            if other != v
        )
    ]
    if len(direct) != 1:
        return None
    (argument,) = direct
    variable = variables[argument]
    if not (isinstance(variable, sp.FunctionMatrix) and variable.shape[1] == 1):
        return None  # a function of a matrix: not read
    label = f"g_{argument}"
    while label in known:
        label += "'"
    gradient = column(label, variable.shape[0])
    stood = replace(scope, definitions={**scope.definitions, name: gradient.T * variable})
    note = (
        f"{name} is not defined in the document: the claim is read for every function {name} "
        f"of {argument}, through {name} = {label}ᵀ{argument} with {label} arbitrary"
    )
    return VectorStandIn(name, stood, note)


def _column_name(v: sp.Basic) -> str | None:
    """The name of a column vector or of a matrix symbol."""
    if isinstance(v, sp.MatrixSymbol):
        return str(v.name)
    if isinstance(v, sp.FunctionMatrix) and v.shape[1] == 1:
        body = v.lamda.expr
        if isinstance(body, sp.Indexed) and len(body.indices) == 1:
            return str(body.base.label)
    return None
