"""Conditions on families a document states and how a claim is read under them: "y is
one-hot" in the prose (the family its inline math names, and the hot index of ``y_c = 1``),
the components of a one-hot family put in (y_k = δ_k,c, after the derivatives by another family
are taken), and a claim under an index condition (``i = j``, ``i ≠ j``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from derivations.read.chains import chains
from derivations.read.definitions import Section
from derivations.read.latex import Scope, Unreadable, read_side, tokenize
from derivations.read.reading import Math
from derivations.symbolic.printing import latex


@dataclass(frozen=True)
class Stated:
    """A condition the document states (``\\sum_k y_k = 1``, "y is one-hot")."""

    rule: str
    name: str
    line: int
    section: Section
    offset: int
    hot: str = ""  # the index the text names for a one-hot family (y_c = 1)


_ONE_HOT = re.compile(r"one[- ]?hot|1[- ]hot|独热", re.IGNORECASE)


def one_hot_statements(
    text: str, pieces: list[Math], line_of: Callable[[int], int]
) -> list[Stated]:
    """ "y is one-hot": the text of a line says one-hot and its inline math names exactly one
    family (``$y$``, ``$y_c = 1$``); the condition holds from there on in that section."""
    found: list[Stated] = []
    for m in _ONE_HOT.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        inline = [p for p in pieces if not p.display and start <= p.offset < end]
        named = {hit for p in inline if (hit := _family_named(p.text)) is not None}
        if len({name for name, _ in named}) != 1 or not inline:
            continue
        name = next(iter(named))[0]
        hots = {hot for _, hot in named if hot}
        hot = hots.pop() if len(hots) == 1 else ""
        section = inline[0].section
        found.append(Stated("one_hot", name, line_of(m.start()), section, m.start(), hot))
    return found


def _family_named(math: str) -> tuple[str, str] | None:
    """The family an inline piece names, and the hot index when it says ``y_c = 1``:
    ``y``, ``\\mathbf{y}``, ``y_c = 1``."""
    try:
        tokens = tokenize(math)
    except Unreadable:
        return None
    first = next(iter(chains(tokens)), [])
    if not first or not first[0].tokens:
        return None
    head = first[0].tokens
    if head and head[0].kind == "cmd" and head[0].text in ("mathbf", "boldsymbol", "vec"):
        head = head[2:-1] if len(head) == 4 else head
    try:
        value = read_side(head, Scope(indexed=True)).expr
        one = len(first) == 2 and read_side(first[1].tokens, Scope()).expr == 1
    except Unreadable:
        return None
    if isinstance(value, sp.Indexed):
        hot = value.indices[0] if one and len(value.indices) == 1 else None
        return str(value.base.label), hot.name if isinstance(hot, sp.Symbol) else ""
    if isinstance(value, sp.Symbol) and not value.is_integer:
        return value.name, ""
    return None


def inside_log_or_denominator(lhs: sp.Expr, rhs: sp.Expr, base: sp.IndexedBase) -> bool:
    def has_base(e: sp.Basic) -> bool:
        return any(isinstance(a, sp.Indexed) and a.base == base for a in sp.preorder_traversal(e))

    for side in (lhs, rhs):
        for e in sp.preorder_traversal(side):
            if isinstance(e, sp.log) and has_base(e):
                return True
            if isinstance(e, sp.Pow) and e.exp.is_negative and has_base(e.base):
                return True
    return False


def differentiated(expr: sp.Expr, base: sp.IndexedBase) -> sp.Expr:
    """``expr`` with its derivatives by another family taken: the terms with ``y_k log y_k``
    that do not depend on the variable drop out (∂/∂ŷ_i Σ_k y_k log(y_k/ŷ_k) = -y_i/ŷ_i), so a
    one-hot y is put in without 0·log 0."""

    def by_other(e: sp.Basic) -> bool:
        return isinstance(e, sp.Derivative) and not any(
            isinstance(v, sp.Indexed) and v.base == base for v in e.variables
        )

    return expr.replace(by_other, lambda d: d.doit())


def one_hot_at(expr: sp.Expr, base: sp.IndexedBase, hot: sp.Idx) -> sp.Expr:
    """``expr`` with every component ``y_k`` of ``base`` replaced by δ_k,hot."""
    return expr.replace(
        lambda e: isinstance(e, sp.Indexed) and e.base == base and len(e.indices) == 1,
        lambda e: sp.KroneckerDelta(e.indices[0], hot),
    )


def shown_index(condition: sp.Basic) -> str:
    a, b = condition.args
    return f"{a} = {b}" if isinstance(condition, sp.Eq) else f"{a} ≠ {b}"


def under_index(
    lhs: sp.Expr,
    rhs: sp.Expr,
    condition: sp.Basic,
    size: sp.Symbol | None,
    hot: set[str] | frozenset[str] = frozenset(),
) -> tuple[sp.Expr, sp.Expr, str]:
    """The claim under ``i = j`` (j replaced by i; the index a one-hot family is hot at, named
    in ``hot``, is the one kept: under ``k = c`` with y_c = 1, k becomes c) or ``i ≠ j`` (both
    sides times 1 − δ_ij, which is the claim where i ≠ j and 0 = 0 where i = j); and its
    statement as written."""
    if size is None:
        raise Unreadable(f"a condition on indices ({shown_index(condition)}) without indices")
    a, b = (sp.Idx(s.name, (1, size)) for s in condition.args)
    free = {e for side in (lhs, rhs) for e in sp.preorder_traversal(side) if isinstance(e, sp.Idx)}
    if a not in free and b not in free:
        raise Unreadable(f"the condition {shown_index(condition)} is on indices the claim lacks")
    statement = rf"{latex(lhs)} = {latex(rhs)} \quad ({latex(condition)})"
    if isinstance(condition, sp.Eq):
        if a.name in hot and b.name not in hot:
            a, b = b, a
        return lhs.xreplace({a: b}), rhs.xreplace({a: b}), statement
    off = 1 - sp.KroneckerDelta(a, b)
    return lhs * off, rhs * off, statement
