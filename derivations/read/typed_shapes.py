r"""Shapes for expressions typed on the command line: ``--shape x=n``, ``--shape A=m,n``.

A formula file declares its shapes in ``[formula.shapes]`` (:mod:`derivations.read.shapes`);
``derive EXPR`` takes the same declarations as options, one name each:

* ``--shape x=n``: a column vector :math:`\mathbf{x} \in \mathbb{R}^n`;
* ``--shape A=m,n``: a matrix :math:`A \in \mathbb{R}^{m \times n}`;
* ``--shape "i=index n"``, ``--shape n=size``, ``--shape f=function``: any declaration of the
  formula files, written as there (``vector n`` and ``matrix m n`` too).

A name written with components but not declared is declared from the sums over it, when they
say its length: in ``sum(exp(z[k]), k, 1, n)`` the components :math:`z_1, \dots, z_n` are
summed, so ``z`` is a vector of length ``n``; ``A[k, l]`` summed over ``k`` from 1 to ``m``
and ``l`` from 1 to ``n`` is an :math:`m \times n` matrix; and a free index written where such
a length is known (``z[i]`` in ``--wrt``) ranges over it (``i = "index n"``). A name whose
length no sum states, or that two places give different lengths, is not guessed: the error
asks for ``--shape``.

The text is read by :mod:`ast` only to find these names (never evaluated); the expression
parser reads it again with the declarations and refuses anything it does not accept.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping, Sequence

from derivations.errors import InputError
from derivations.read import shapes
from derivations.read.limits import DEFAULT
from derivations.read.safe import Refused

_WORDS = ("size", "index", "vector", "matrix", "function")


class ShapeError(InputError):
    """A ``--shape`` option (or a name's shape) the tool cannot accept."""


def _declaration(option: str) -> tuple[str, str]:
    """``NAME=SPEC`` as a name and a declaration of the formula files.

    >>> _declaration("A=m,n"), _declaration("x = n"), _declaration("i=index n")
    (('A', 'matrix m n'), ('x', 'vector n'), ('i', 'index n'))
    """
    name, equals, spec = option.partition("=")
    name, spec = name.strip(), " ".join(spec.split())
    if not equals or not name or not spec:
        raise ShapeError(f"--shape {option!r}: write NAME=n (a vector) or NAME=m,n (a matrix)")
    if spec.split()[0] in _WORDS:
        return name, spec
    dims = [d.strip() for d in spec.split(",")]
    if len(dims) > 2 or not all(dims) or any(" " in d for d in dims):
        raise ShapeError(
            f"--shape {option!r}: {spec!r} is not a shape: write n (a vector of length n) "
            "or m,n (an m×n matrix)"
        )
    return name, ("vector " if len(dims) == 1 else "matrix ") + " ".join(dims)


def declarations(options: Sequence[str]) -> dict[str, str]:
    """The declarations of ``--shape`` options; a name declared twice is an error."""
    table: dict[str, str] = {}
    for option in options:
        name, spec = _declaration(option)
        if name in table:
            raise ShapeError(f"--shape: {name} is declared twice")
        table[name] = spec
    return table


def _tree(text: str) -> ast.AST | None:
    """The text's syntax tree (``^`` read as ``**``), or None when it is not Python syntax (the
    expression parser then says what is wrong). Bounded by the parser's length limit."""
    if len(text) > DEFAULT.max_length:
        return None
    try:
        return ast.parse(text.replace("^", "**"), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _positions(node: ast.Subscript) -> list[ast.expr]:
    inside = node.slice
    return list(inside.elts) if isinstance(inside, ast.Tuple) else [inside]


def _length(low: ast.expr, high: ast.expr) -> str | None:
    """The length a sum from ``low`` to ``high`` states: ``n`` for 1..n (a name or a number)."""
    if not (isinstance(low, ast.Constant) and low.value == 1 and type(low.value) is int):
        return None
    if isinstance(high, ast.Name):
        return high.id
    if isinstance(high, ast.Constant) and type(high.value) is int and high.value >= 1:
        return str(high.value)
    return None


class _Lengths(ast.NodeVisitor):
    """Which lengths the sums give each undeclared name's positions, and where free indices
    stand."""

    def __init__(self, declared: Mapping[str, str]) -> None:
        self.declared = declared
        self.bound: dict[str, str | None] = {}  # a sum's variable: its length, if stated
        self.summed: set[str] = set()  # every name a sum binds somewhere
        self.lengths: dict[str, list[set[str]]] = {}  # per position, the lengths seen
        self.free: dict[str, set[tuple[str, int]]] = {}  # free index: (name, position) uses
        self.arity: dict[str, set[int]] = {}

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        args = node.args
        if name == "sum" and len(args) == 4 and isinstance(args[1], ast.Name):
            variable = args[1].id
            self.summed.add(variable)
            outer = dict(self.bound)
            self.bound[variable] = _length(args[2], args[3])
            self.visit(args[0])
            self.bound = outer
            for arg in args[2:]:
                self.visit(arg)
            return
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.value, ast.Name):
            name = node.value.id
            positions = _positions(node)
            undeclared = name not in self.declared
            if undeclared:
                self.arity.setdefault(name, set()).add(len(positions))
            seen = self.lengths.setdefault(name, []) if undeclared else []
            seen.extend(set() for _ in range(len(positions) - len(seen)))
            for k, position in enumerate(positions):
                if not isinstance(position, ast.Name):
                    continue
                if position.id in self.bound:
                    length = self.bound[position.id]
                    if undeclared and length is not None:
                        seen[k].add(length)
                elif position.id not in self.declared:
                    self.free.setdefault(position.id, set()).add((name, k))
        self.generic_visit(node)


def inferred(texts: Iterable[str], declared: Mapping[str, str]) -> dict[str, str]:
    """The declarations of the names written with components but not declared, from the sums
    over them (see the module docstring); an error names what cannot be told."""
    visitor = _Lengths(declared)
    for text in texts:
        tree = _tree(text)
        if tree is not None:
            visitor.visit(tree)
    table: dict[str, str] = {}
    for name, arities in sorted(visitor.arity.items()):
        lengths = visitor.lengths[name]
        if len(arities) != 1 or len(lengths) > 2:
            raise ShapeError(
                f"{name} is written with {' and with '.join(str(a) for a in sorted(arities))} "
                f"positions; declare it with --shape"
            )
        for seen in lengths:
            if len(seen) != 1:
                said = (
                    f"the sums give {name} the lengths {', '.join(sorted(seen))}"
                    if seen
                    else f"no sum from 1 says the length of {name}"
                )
                example = f"{name}=n" if len(lengths) == 1 else f"{name}=m,n"
                raise ShapeError(f"{said}: declare it with --shape {example}")
        dims = [next(iter(seen)) for seen in lengths]
        table[name] = ("vector " if len(dims) == 1 else "matrix ") + " ".join(dims)
    known = {**declared, **table}
    for index, uses in sorted(visitor.free.items()):
        if index in known or index in visitor.summed:
            continue
        ranges = {
            words[1 + k]
            for name, k in uses
            if len(words := known.get(name, "").split()) > 1 + k
            and words[0] in ("vector", "matrix")
        }
        if len(ranges) == 1:
            table[index] = f"index {ranges.pop()}"
    return table


def declared(options: Sequence[str], texts: Iterable[str]) -> shapes.Shapes:
    """The shapes of ``--shape`` options and those the sums of ``texts`` state."""
    table = declarations(options)
    try:
        return shapes.declare({**table, **inferred(texts, table)})
    except Refused as exc:
        raise ShapeError(f"--shape: {exc}") from None
