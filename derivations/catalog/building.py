"""Small constructors shared by the catalog modules.

They only assemble data: a derivation written ``A = B = C`` becomes one claim
per link, a vector of symbols becomes a column matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp

from derivations.model import Claim, Condition, Math, Source, Verdict

PROVED, REFUTED, UNKNOWN = Verdict.PROVED, Verdict.REFUTED, Verdict.UNKNOWN

D = sp.Derivative


def real(names: str) -> tuple[sp.Symbol, ...]:
    """Real symbols, e.g. ``real("z1:4")``."""
    return tuple(sp.symbols(names, real=True, seq=True))


def positive(names: str) -> tuple[sp.Symbol, ...]:
    """Positive symbols (probabilities, slopes)."""
    return tuple(sp.symbols(names, positive=True, seq=True))


def column(entries: Sequence[sp.Expr]) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(list(entries))


def row(entries: Sequence[sp.Expr]) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix([list(entries)])


def matrix(rows: int, cols: int, entry: Callable[[int, int], sp.Expr]) -> sp.ImmutableMatrix:
    return sp.ImmutableMatrix(rows, cols, lambda i, j: entry(int(i), int(j)))


def symbol_matrix(name: str, rows: int, cols: int) -> sp.ImmutableMatrix:
    """A matrix of real symbols ``name{i}{j}`` with 1-based indices."""
    return matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}{i + 1}{j + 1}", real=True))


def gradient_row(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> sp.ImmutableMatrix:
    """Unevaluated partial derivatives as a row vector (numerator layout)."""
    return row([D(expr, v) for v in variables])


def jacobian(outputs: Sequence[sp.Expr], variables: Sequence[sp.Symbol]) -> sp.ImmutableMatrix:
    """Unevaluated Jacobian, entry (i, j) = d outputs[i] / d variables[j]."""
    return matrix(len(outputs), len(variables), lambda i, j: D(outputs[i], variables[j]))


def chain(
    id: str,
    title: str,
    terms: Sequence[Math],
    expected: Sequence[Verdict],
    sources: tuple[Source, ...],
    *,
    conditions: tuple[Condition, ...] = (),
    corrections: Sequence[Math | None] | None = None,
    statements: Sequence[str] | None = None,
) -> tuple[Claim, ...]:
    """The links of a written chain ``terms[0] = terms[1] = ...``, one claim each.

    ``expected[k]`` is the recorded verdict of link ``terms[k] = terms[k+1]``.
    """
    links = len(terms) - 1
    if len(expected) != links:
        raise ValueError(f"{id}: {links} links but {len(expected)} expected verdicts")
    corrections = corrections or [None] * links
    statements = statements or [""] * links
    return tuple(
        Claim(
            id=f"{id}.{k + 1}",
            title=f"{title}, step {k + 1} of {links}" if links > 1 else title,
            lhs=terms[k],
            rhs=terms[k + 1],
            sources=sources,
            expected=expected[k],
            conditions=conditions,
            correction=corrections[k],
            statement=statements[k],
        )
        for k in range(links)
    )


def unevaluated(op: type[sp.Basic], *args: sp.Basic) -> sp.Expr:
    """``op(*args)`` as written, without SymPy's automatic simplification (1 + e - 1 stays)."""
    return op(*args, evaluate=False)
