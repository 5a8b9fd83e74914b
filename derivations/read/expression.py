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
  only where the caller allows it;
* with declared shapes (:mod:`derivations.read.shapes`): components ``z[i]``
  and ``A[i, j]`` of declared vectors and matrices, ``sum(TERM, k, LO, HI)``,
  ``delta(i, j)``, ``transpose``, ``trace``, ``det``, ``inv``, ``diag``,
  ``softmax``, matrix products with ``*``, functions applied entry by entry to a
  vector, declared arbitrary functions ``f(x)``, and ``diff(EXPR, x, numerator)``
  (or ``denominator``) by a whole vector or matrix.

Anything else (attributes, slices, lambdas, comprehensions, strings,
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
from derivations.read import safe, shapes
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


_OPERATORS = frozenset({"+", "-", "*", "/", "**", "^", "(", ")", ",", "[", "]"})
_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
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
            depth += string in "(["
            depth -= string in ")]"
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

    def __init__(
        self,
        source: _Source,
        limits: Limits,
        allow_diff: bool,
        declared: shapes.Shapes = shapes.NONE,
        layout: str | None = None,
    ) -> None:
        self.source, self.limits, self.allow_diff = source, limits, allow_diff
        self.declared, self.layout = declared, layout
        self.bound: dict[str, sp.Symbol] = {}  # summation variables in scope

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
            return self._name(node)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = self.build(node.left), self.build(node.right)
            if shapes.is_matrix(left.expr) or shapes.is_matrix(right.expr):
                return shapes.binary(_SYMBOLS[type(node.op)], left, right)
            return _BINARY[type(node.op)](left, right, self.limits)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            operand = self.build(node.operand)
            if shapes.is_matrix(operand.expr):
                return safe.Value(-operand.expr) if isinstance(node.op, ast.USub) else operand
            return safe.neg(operand, self.limits) if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Call):
            return self._call(node)
        if isinstance(node, ast.Subscript):
            return self._component(node)
        raise self.error(node, f"{type(node).__name__} is not allowed in an expression")

    def _name(self, node: ast.Name) -> Value:
        name = node.id
        if name in self.bound:
            return Value(self.bound[name])
        declared = self.declared.get(name)
        if isinstance(declared, sp.FunctionClass):
            raise self.error(node, f"function {name!r} needs arguments: {name}(...)")
        if declared is not None:
            return Value(declared)
        if name in safe.CONSTANTS:
            return safe.CONSTANTS[name]
        if name in self._callable:
            raise self.error(node, f"function {name!r} needs arguments: {name}(...)")
        return safe.symbol(name)

    @property
    def _callable(self) -> frozenset[str]:
        return safe.FUNCTIONS | shapes.MATRIX_FUNCTIONS | shapes.INDEX_FUNCTIONS | {"diff"}

    def _component(self, node: ast.Subscript) -> Value:
        if not isinstance(node.value, ast.Name):
            raise self.error(node, "only a declared vector or matrix has components: x[i]")
        base = self.declared.get(node.value.id)
        if not isinstance(base, sp.MatrixSymbol):
            raise self.error(
                node,
                f"{node.value.id!r} is not a declared vector or matrix "
                f'(declare it: {node.value.id} = "vector n")',
            )
        inner = node.slice
        if isinstance(inner, ast.Slice):
            raise self.error(node, "slices are not allowed")
        items = inner.elts if isinstance(inner, ast.Tuple) else [inner]
        return shapes.component(base, [self.build(i) for i in items])

    def _call(self, node: ast.Call) -> Value:
        if not isinstance(node.func, ast.Name):
            raise self.error(node, "only a function name can be called")
        if node.keywords:
            raise self.error(node.keywords[0], "keyword arguments are not allowed")
        name = node.func.id
        if name == "diff" and self.allow_diff:
            return self._diff(node)
        if name == "sum":
            return self._sum(node)
        declared = self.declared.get(name)
        if isinstance(declared, sp.FunctionClass):
            return self._apply(declared, node)
        if name == "delta":
            return shapes.delta([self.build(a) for a in node.args])
        if name in shapes.MATRIX_FUNCTIONS:
            return shapes.matrix_call(name, [self.build(a) for a in node.args])
        if name not in safe.FUNCTIONS:
            known = sorted(self._callable - ({"diff"} if not self.allow_diff else set()))
            close = difflib.get_close_matches(name, known, n=2, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise self.error(node, f"unknown function {name!r}{hint}")
        args = [self.build(a) for a in node.args]
        if len(args) == 1 and shapes.is_matrix(args[0].expr):
            matrix = args[0].expr
            if matrix.shape == (1, 1):
                args = [Value(matrix[0, 0])]
            elif name in safe.UNARY:
                return shapes.elementwise(safe.UNARY[name], matrix)
        if any(shapes.is_matrix(a.expr) for a in args):
            raise self.error(node, f"{name} takes scalars (or one vector, entry by entry)")
        return safe.call(name, args, self.limits)

    def _apply(self, fn: sp.FunctionClass, node: ast.Call) -> Value:
        """A declared arbitrary function: of one scalar, or entry by entry of a vector."""
        if len(node.args) != 1:
            raise self.error(node, f"{fn.__name__} takes one argument")
        arg = self.build(node.args[0])
        if shapes.is_matrix(arg.expr):
            return shapes.elementwise(fn, arg.expr)
        return Value(fn(arg.expr))

    def _sum(self, node: ast.Call) -> Value:
        args = node.args
        if len(args) != 4 or not isinstance(args[1], ast.Name):
            raise self.error(
                node, "sum takes a term, a variable and two limits: sum(x[k], k, 1, n)"
            )
        name = args[1].id
        if name in self.bound or self.declared.get(name) is not None or name in self._callable:
            raise self.error(args[1], f"sum: {name!r} is already a name; choose another variable")
        low, high = self.build(args[2]), self.build(args[3])
        variable = sp.Symbol(name, integer=True)
        self.bound[name] = variable
        try:
            term = self.build(args[0])
        finally:
            del self.bound[name]
        return shapes.total(term, variable, low, high)

    def _diff(self, node: ast.Call) -> Value:
        usage = "diff takes an expression and a variable: diff(EXPR, x) or diff(EXPR, x, numerator)"
        if len(node.args) not in (2, 3) or not isinstance(node.args[1], (ast.Name, ast.Subscript)):
            raise self.error(node, usage)
        layout = self.layout
        if len(node.args) == 3:
            word = node.args[2]
            if not isinstance(word, ast.Name):
                raise self.error(word, "diff: the layout is numerator or denominator")
            layout = shapes.check_layout(word.id)
        body = self.build(node.args[0])
        variable = self.build(node.args[1])
        if not shapes.is_matrix(variable.expr) and len(node.args) == 2:
            layout = None  # the default layout is for derivatives by vectors and matrices
        return shapes.derivative(body, variable, layout)

    _text = ""


def parse(
    text: str,
    *,
    limits: Limits = DEFAULT,
    allow_diff: bool = False,
    declared: shapes.Shapes = shapes.NONE,
    layout: str | None = None,
) -> sp.Expr:
    """The SymPy expression ``text`` denotes; symbols are real.

    ``declared`` names sizes, indices, vectors, matrices and functions
    (:func:`derivations.read.shapes.declare`); ``layout`` is the layout of a
    ``diff`` by a vector or matrix that does not name one.

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
    builder = _Builder(source, limits, allow_diff, declared, layout)
    builder._text = python
    try:
        value = builder.build(tree.body)
    except (TypeError, ValueError, IndexError, NotImplementedError, sp.ShapeError) as exc:
        # SymPy's own objection to a combination the checks above let through
        reason = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise ExpressionError(f"cannot build this expression: {reason}") from None
    try:
        return safe.defined(value)
    except Refused as exc:
        raise ExpressionError(str(exc)) from None
