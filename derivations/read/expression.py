r"""A whitelist parser for expressions the user types: ``x^2 * sigmoid(x)``.

The syntax is Python's expression syntax where ``^`` also means power. The
text is never evaluated: it is tokenized, every token is checked against a
whitelist, ``^`` becomes ``**`` token by token, and Python's :mod:`ast` parses
it (``mode="eval"``). The tree is then walked node by node; only these nodes
are accepted:

* numbers (decimal integers and floats, read as exact rationals: ``0.1`` is
  :math:`1/10`), names (real symbols, or the constants ``e`` and ``pi``);
* ``+ - * / **`` and unary ``+ -``;
* calls of the whitelisted functions (:data:`derivations.read.safe.FUNCTIONS`)
  with positional arguments; ``diff(EXPR, x)`` (an unevaluated derivative)
  only where the caller allows it.

Anything else (attributes, subscripts, lambdas, comprehensions, strings,
keyword arguments, ...) is an :class:`ExpressionError` naming
``line:column``. Size, depth and number bounds (:mod:`derivations.read.limits`)
are checked before SymPy sees anything.
"""

from __future__ import annotations

import ast
import difflib
import io
import keyword
import tokenize
from bisect import bisect_right
from dataclasses import dataclass

import sympy as sp

from derivations.errors import InputError
from derivations.read import safe
from derivations.read.limits import DEFAULT, Limits
from derivations.read.safe import Refused, Value


class ExpressionError(InputError):
    """An expression the parser refuses, located at ``line:column`` (1-based) of its text."""

    def __init__(self, message: str, line: int = 1, column: int = 1, origin: str = "") -> None:
        self.message, self.line, self.column, self.origin = message, line, column, origin
        where = f"{origin}:" if origin else ""
        super().__init__(f"{where}{line}:{column}: {message}")

    def located(self, origin: str) -> ExpressionError:
        """The same error, prefixed with where the text came from (a file and key)."""
        return ExpressionError(self.message, self.line, self.column, origin)


_OPERATORS = frozenset({"+", "-", "*", "/", "**", "^", "(", ")", ","})
_BINARY = {
    ast.Add: safe.add,
    ast.Sub: safe.sub,
    ast.Mult: safe.mul,
    ast.Div: safe.div,
    ast.Pow: safe.power,
}


@dataclass(frozen=True)
class _Source:
    """The text as typed, and how columns of the rewritten text map back to it."""

    text: str
    line_starts: tuple[int, ...]
    inserted: tuple[int, ...]  # positions in the rewritten text after each ``^`` -> ``**``
    shift: int  # characters stripped from the start

    def position(self, rewritten_column: int) -> tuple[int, int]:
        """1-based ``(line, column)`` in the original text of a 0-based rewritten column."""
        offset = rewritten_column - bisect_right(self.inserted, rewritten_column) + self.shift
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


def _fail(source: _Source, column: int, message: str) -> ExpressionError:
    line, col = source.position(column)
    return ExpressionError(message, line, col)


def _prepare(text: str, limits: Limits) -> tuple[str, _Source]:
    """Check the raw text and tokens; return one line of Python with ``^`` as ``**``."""
    if not isinstance(text, str):
        raise ExpressionError("an expression must be text")
    if len(text) > limits.max_length:
        raise ExpressionError(f"expression longer than {limits.max_length} characters")
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    plain = _Source(text, tuple(starts), (), 0)
    for i, ch in enumerate(text):
        if not (ch.isascii() and (ch.isprintable() or ch in "\n\t\r")):
            raise _fail(plain, i, f"character {ch!r} is not allowed")
    flat = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    stripped = flat.lstrip()
    shift = len(flat) - len(stripped)
    line = stripped.rstrip()
    if not line:
        raise ExpressionError("empty expression")
    located = _Source(text, tuple(starts), (), shift)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(line).readline))
    except (tokenize.TokenError, SyntaxError) as exc:
        raise _fail(
            located, len(line), f"unbalanced or unfinished expression ({exc.args[0]})"
        ) from None
    out: list[str] = []
    inserted: list[int] = []
    depth = 0
    last = 0
    for tok in tokens:
        kind, string, (_, col), (_, end) = tok.type, tok.string, tok.start, tok.end
        if kind in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER):
            continue
        if kind == tokenize.NAME:
            if keyword.iskeyword(string):
                raise _fail(located, col, f"Python keyword {string!r} is not allowed")
            if string.startswith("_"):
                raise _fail(located, col, f"name {string!r} is not allowed (leading underscore)")
        elif kind == tokenize.NUMBER:
            if not all(ch.isdigit() or ch in ".eE+-" for ch in string):
                raise _fail(located, col, f"number {string!r} is not a decimal number")
        elif kind == tokenize.OP:
            if string not in _OPERATORS:
                raise _fail(located, col, f"operator {string!r} is not allowed")
            depth += string == "("
            depth -= string == ")"
            if depth > limits.max_depth:
                raise _fail(located, col, f"parentheses nested deeper than {limits.max_depth}")
        else:
            raise _fail(
                located, col, f"{tokenize.tok_name[kind].lower()} {string!r} is not allowed"
            )
        out.append(line[last:col])
        if string == "^":
            out.append("**")
            inserted.append(sum(map(len, out)) - 1)
        else:
            out.append(string)
        last = end
    source = _Source(text, tuple(starts), tuple(inserted), shift)
    return "".join(out), source


def _depth(node: ast.AST, limit: int) -> int:
    """The depth of ``node``'s tree, stopping as soon as it exceeds ``limit``."""
    stack = [(node, 1)]
    deepest = 0
    while stack:
        current, d = stack.pop()
        deepest = max(deepest, d)
        if deepest > limit:
            return deepest
        stack.extend((child, d + 1) for child in ast.iter_child_nodes(current))
    return deepest


class _Builder:
    """Walks a checked :mod:`ast` tree into SymPy through :mod:`derivations.read.safe`."""

    def __init__(self, source: _Source, limits: Limits, allow_diff: bool) -> None:
        self.source, self.limits, self.allow_diff = source, limits, allow_diff

    def error(self, node: ast.AST, message: str) -> ExpressionError:
        return _fail(self.source, getattr(node, "col_offset", 0), message)

    def build(self, node: ast.AST) -> Value:
        try:
            return self._build(node)
        except Refused as exc:
            raise self.error(node, str(exc)) from None

    def _build(self, node: ast.AST) -> Value:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise self.error(node, f"constant {type(node.value).__name__} is not allowed")
            return safe.number(ast.get_source_segment(self._text, node) or "", self.limits)
        if isinstance(node, ast.Name):
            if node.id in safe.CONSTANTS:
                return safe.CONSTANTS[node.id]
            if node.id in safe.FUNCTIONS or node.id == "diff":
                raise self.error(node, f"function {node.id!r} needs arguments: {node.id}(...)")
            return safe.symbol(node.id)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = self.build(node.left), self.build(node.right)
            return _BINARY[type(node.op)](left, right, self.limits)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            operand = self.build(node.operand)
            return safe.neg(operand, self.limits) if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Call):
            return self._call(node)
        raise self.error(node, f"{type(node).__name__} is not allowed in an expression")

    def _call(self, node: ast.Call) -> Value:
        if not isinstance(node.func, ast.Name):
            raise self.error(node, "only a function name can be called")
        if node.keywords:
            raise self.error(node.keywords[0], "keyword arguments are not allowed")
        name = node.func.id
        if name == "diff" and self.allow_diff:
            return self._diff(node)
        if name not in safe.FUNCTIONS:
            close = difflib.get_close_matches(name, sorted(safe.FUNCTIONS), n=2, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise self.error(node, f"unknown function {name!r}{hint}")
        return safe.call(name, [self.build(a) for a in node.args], self.limits)

    def _diff(self, node: ast.Call) -> Value:
        if len(node.args) != 2 or not isinstance(node.args[1], ast.Name):
            raise self.error(node, "diff takes an expression and a variable: diff(EXPR, x)")
        body = self.build(node.args[0])
        variable = self.build(node.args[1]).expr
        if not isinstance(variable, sp.Symbol):
            raise self.error(node.args[1], "diff: the variable must be a symbol")
        return Value(sp.Derivative(body.expr, variable))

    _text = ""


def parse(text: str, *, limits: Limits = DEFAULT, allow_diff: bool = False) -> sp.Expr:
    """The SymPy expression ``text`` denotes; symbols are real.

    >>> parse("x^2 + 0.5*x")
    x**2 + x/2
    >>> parse("x.real")
    Traceback (most recent call last):
    ...
    derivations.read.expression.ExpressionError: 1:2: operator '.' is not allowed
    """
    python, source = _prepare(text, limits)
    try:
        tree = ast.parse(python, mode="eval")
    except SyntaxError as exc:
        column = max(0, (exc.offset or 1) - 1)
        raise _fail(
            source, min(column, max(0, len(python) - 1)), f"syntax error: {exc.msg}"
        ) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError("expression too deeply nested or too large") from None
    nodes = sum(1 for _ in ast.walk(tree))
    if nodes > limits.max_nodes:
        raise ExpressionError(f"expression has more than {limits.max_nodes} parts")
    if _depth(tree, limits.max_depth) > limits.max_depth:
        raise ExpressionError(f"expression nested deeper than {limits.max_depth}")
    builder = _Builder(source, limits, allow_diff)
    builder._text = python
    value = builder.build(tree.body)
    try:
        return safe.defined(value)
    except Refused as exc:
        raise ExpressionError(str(exc)) from None
