r"""What a document says about its vectors, and the pieces of a claim in vector notation.

The notes reader (:mod:`derivations.read.notes`) keeps a :class:`VectorState` per document:

* stated shapes: ``\mathbf{x} \in \mathbb{R}^{n}`` (a column of length n),
  ``\mathbf{r} \in \mathbb{R}^{1 \times n}`` (a row), ``A \in \mathbb{R}^{m \times n}``; from
  their place on;
* the layout the document names: "numerator layout", "denominator layout", 分子布局, 分母布局,
  "the gradient is a row (column) vector"; from its place on, in its section and the sections
  under it (the section of the sentence itself, not of the math after it), until a statement
  there names another (as a definition holds, :mod:`derivations.read.definitions`). A sentence
  that names both layouts, or denies one, names none;
* matrices stated symmetric ("A is symmetric", "a symmetric matrix A", ``A = A^T``), for the
  claims after the statement in its section;
* vector definitions (``\mathbf{z} = W\mathbf{x} + \mathbf{b}``, ``l = -\mathbf{y}^T\mathbf{z}``).

:func:`expand` takes a claim's sides through the document's scalar definitions (inside the
function of a :class:`~derivations.symbolic.matrix_calculus.LayoutDerivative` too), and
:func:`claim_size` gives the claim one size.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from derivations.read.definitions import Section, within
from derivations.read.indices import rename_bound
from derivations.read.latex import OPEN, Unreadable, size_symbol
from derivations.read.setups import Entry, Scopes
from derivations.read.vectors import INFERRED, VectorScope
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, LayoutDerivative
from derivations.symbolic.printing import text as printed

_BOLD = r"\\(?:mathbf|boldsymbol|bm|vec)"
_NAME = (
    r"(?:" + _BOLD + r"\s*\{?\s*(?:\\hat\s*\{?\s*)?([A-Za-z])\s*\}?\s*\}?"  # \mathbf{\hat{y}}
    r"|\\hat\s*\{\s*" + _BOLD + r"\s*\{?\s*([A-Za-z])\s*\}?\s*\}"  # \hat{\mathbf{y}}
    r"|(?<![\\A-Za-z])([A-Za-z])(?![A-Za-z]))"  # A
)
_DIM = r"([A-Za-z]|\d+)"
_DECLARATION = re.compile(
    _NAME
    + r"\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*(?:\{\s*"
    + _DIM
    + r"\s*(?:\\times\s*"
    + _DIM
    + r"\s*)?\}|"
    + _DIM
    + r")"
)
_HAT = re.compile(r"\\hat")
_NUMERATOR = re.compile(
    r"numerator[- ]layout|分子布局|jacobian formulation|gradients? (?:is|are) (?:a )?row", re.I
)
_DENOMINATOR = re.compile(
    r"denominator[- ]layout|分母布局|hessian formulation|gradients? (?:is|are) (?:a )?column",
    re.I,
)
_DENIAL = re.compile(
    r"\bnot\b|\bnever\b|n't|\bunlike\b|\binstead\b|\brather\b|\bwhereas\b|\bsome\b|"
    r"\bother\b|不|而非|有些",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?。\n]+")
_SYMMETRIC_PROSE = re.compile(
    r"(?:symmetric (?:matrix )?\$?\s*(?:\\mathbf\{)?([A-Z])\b)"
    r"|(?:\$?\b([A-Z])\$? is (?:a )?symmetric)"
    r"|对称矩阵\s*\$?\s*([A-Z])"
)
_SYMMETRIC_MATH = re.compile(
    r"(?<![A-Za-z\\])([A-Z])\s*=\s*\1\s*\^\s*(?:T|\{T\}|\\top|\{\\top\})|(?<![A-Za-z\\])([A-Z])\s*\^\s*(?:T|\{T\}|\\top|\{\\top\})\s*=\s*\2(?![A-Za-z_^])"
)


#: A stated length above this is not written out (the claim is read at a symbolic length).
MAX_STATED_LENGTH = 16


@dataclass(frozen=True)
class Layout:
    """A layout the document names, where, in which words, and in which section."""

    layout: str
    offset: int
    text: str
    section: Section = ()


@dataclass
class VectorState:
    """What the document has said about vectors so far (see the module docstring)."""

    shapes: list[tuple[str, tuple[sp.Expr, sp.Expr], int]] = field(default_factory=list)
    #: plain lower-case letters stated to be columns (``x \in \mathbb{R}^n``)
    plain: list[tuple[str, tuple[sp.Expr, sp.Expr], int]] = field(default_factory=list)
    layouts: list[Layout] = field(default_factory=list)
    symmetric: list[tuple[str, Section, int]] = field(default_factory=list)
    definitions: list[tuple[str, sp.Expr, bool, Section, int]] = field(default_factory=list)
    scanned: int = 0
    #: Where a definition holds (its section; a setup section's, the sections after it).
    scopes: Scopes = field(default_factory=Scopes)

    def scan(
        self,
        text: str,
        start: int,
        end: int,
        section: Section,
        section_at: Callable[[int], Section] | None = None,
    ) -> None:
        """Read the statements of ``text[start:end]`` (prose and math) not read yet, to the end
        of the line (a sentence goes on after its inline math); ``section_at`` gives the
        section of an offset (a layout statement holds in its own), else all is in
        ``section``."""
        start = max(start, self.scanned)
        newline = text.find("\n", end)
        end = len(text) if newline < 0 else newline
        if end <= start:
            return
        chunk = text[start:end]
        for m in _DECLARATION.finditer(chunk):
            letter = m.group(1) or m.group(2) or m.group(3)
            hat = "hat" if _HAT.search(m.group(0).split("\\in")[0]) else ""
            first, second, alone = m.group(4), m.group(5), m.group(6)
            rows = _dim(first or alone)
            cols = _dim(second) if second else sp.Integer(1)
            if any(d.is_number and d > MAX_STATED_LENGTH for d in (rows, cols)):
                continue  # too long to write out: the length is inferred (a proof covers it)
            if m.group(3) and letter.islower():
                # a plain lower-case letter: a vector only where no bold one stands beside it
                # (derivations.read.plain_vectors)
                if cols == 1 and rows != 1:
                    self.plain.append((letter, (rows, cols), start + m.start()))
                continue
            self.shapes.append((letter + hat, (rows, cols), start + m.start()))
        for m in _SENTENCE.finditer(chunk):
            sentence = m.group(0)
            numerator = bool(_NUMERATOR.search(sentence))
            denominator = bool(_DENOMINATOR.search(sentence))
            if numerator == denominator or _DENIAL.search(sentence):
                continue
            layout = NUMERATOR if numerator else DENOMINATOR
            shown = sentence.strip()
            shown = shown if len(shown) <= 80 else shown[:77] + "…"
            at = start + m.start()
            where = section_at(at) if section_at is not None else section
            self.layouts.append(Layout(layout, at, shown, where))
        for m in _SYMMETRIC_PROSE.finditer(chunk):
            name = m.group(1) or m.group(2) or m.group(3)
            self.symmetric.append((name, section, start + m.start()))
        for m in _SYMMETRIC_MATH.finditer(chunk):
            name = m.group(1) or m.group(2)
            self.symmetric.append((name, section, start + m.start()))
        self.scanned = end

    def layout_at(self, offset: int, section: Section | None = None) -> Layout | None:
        """The layout last named before ``offset`` in ``section`` or a section above it (in
        any section when ``section`` is None)."""
        found = [
            s
            for s in self.layouts
            if s.offset < offset and (section is None or within(section, s.section))
        ]
        return found[-1] if found else None

    def symmetric_at(self, offset: int, section: Section) -> set[str]:
        return {n for n, sec, o in self.symmetric if o < offset and within(section, sec)}

    def scope(
        self,
        offset: int,
        section: Section,
        scalars: frozenset[str],
        functions: frozenset[str] = frozenset(),
        elementwise: Mapping[str, Callable[[sp.Expr], sp.Expr]] | None = None,
        plain: frozenset[str] = frozenset(),
    ) -> VectorScope:
        """What holds at ``offset``; ``plain`` are the plain names read as vectors there."""
        shapes = {name: shape for name, shape, o in self.shapes if o < offset}
        shapes.update(
            {name: shape for name, shape, o in self.plain if o < offset and name in plain}
        )
        # in its section and below, or from a setup section before it (derivations.read.setups)
        entries = (Entry(name, sec, 0, o, value) for name, value, _, sec, o in self.definitions)
        definitions = self.scopes.resolve(entries, offset, section).names
        return VectorScope(
            shapes,
            definitions,
            scalars - set(definitions),
            functions,
            dict(elementwise or {}),
            plain=plain,
        )

    def declared_plain(self, offset: int) -> set[str]:
        """The plain letters stated to be columns before ``offset``."""
        return {name for name, _, o in self.plain if o < offset}

    def define(
        self, name: str, value: sp.Expr, inferred: bool, section: Section, offset: int
    ) -> None:
        self.definitions.append((name, value, inferred, section, offset))


def _dim(text: str) -> sp.Expr:
    return sp.Integer(int(text)) if text.isdigit() else size_symbol(text)


def expand(e: sp.Basic, expansion: Callable[[sp.Expr], sp.Expr]) -> sp.Basic:
    """``e`` with its scalar parts and the components of its vectors taken through the
    document's definitions (``p_i = …`` defines the components of the vector p); the variable
    of a derivative is left as it is."""
    if isinstance(e, LayoutDerivative):
        function = expand(e.function, expansion)
        return LayoutDerivative(function, e.variable, e.layout)
    if isinstance(e, sp.FunctionMatrix):  # a column of components: each through its definition
        signature, body = e.lamda.signature, e.lamda.expr
        expanded = one_based(expansion(body))
        if expanded == body:
            return e
        return sp.FunctionMatrix(e.rows, e.cols, sp.Lambda(signature, expanded))
    if isinstance(e, (sp.MatrixSymbol, sp.Identity, sp.OneMatrix, sp.ZeroMatrix)):
        return e
    if isinstance(e, sp.MatrixExpr):
        return e.func(*(expand(a, expansion) for a in e.args))
    if isinstance(e, sp.Expr):
        return one_based(expansion(e))
    return e


def one_based(e: sp.Expr) -> sp.Expr:
    """The sums of matrix entries, ``Σ_{i=0}^{n-1} y[i + 1]``, written as the document's sums
    are, ``Σ_{k=1}^{n} y[k]`` (the form the hypotheses Σ y = 1 are stated in)."""

    def is_zero_based(a: sp.Basic) -> bool:
        return (
            isinstance(a, sp.Sum)
            and any(lower == 0 for _, lower, _ in a.limits)
            and not a.has(MatrixElement)  # entries of a matrix stay 0-based, as SymPy has them
        )

    def shifted(a: sp.Sum) -> sp.Sum:
        term = a.function
        limits = []
        taken = {str(x) for x in a.free_symbols} | {str(x) for x in term.free_symbols}
        for variable, lower, upper in a.limits:
            if lower != 0:
                limits.append((variable, lower, upper))
                continue
            name = next(c for c in ("k", "l", "m", "p", "q", "s", "t", "u", "v") if c not in taken)
            taken.add(name)
            fresh = sp.Symbol(name, integer=True)
            term = term.xreplace({variable: fresh - 1})
            limits.append((fresh, sp.Integer(1), upper + 1))
        return sp.Sum(term, *limits)

    for _ in range(8):  # nested sums, outermost first
        if not e.has(sp.Sum) or not any(is_zero_based(a) for a in sp.preorder_traversal(e)):
            break
        e = e.replace(is_zero_based, shifted)
    return e


def check_dependence(e: sp.Basic) -> None:
    """Every derivative's function depends on its variable as written (after the definitions
    are put in); an implicit dependency is not read."""
    for d in sp.preorder_traversal(e):
        if not isinstance(d, LayoutDerivative):
            continue
        bases = {a.base for a in d.variable.atoms(sp.Indexed)} | (
            {d.variable} if isinstance(d.variable, sp.MatrixSymbol) else set()
        )
        if not any(
            (isinstance(a, sp.Indexed) and a.base in bases) or a in bases
            for a in sp.preorder_traversal(d.function)
        ):
            name = _base_name(d.variable) or printed(d.variable)
            raise Unreadable(
                f"the derivative by {name} of something that does not depend on {name} as "
                f"written (an implicit dependency is not supported): {printed(d.function)}"
            )


def _base_name(v: sp.Basic) -> str | None:
    """The name of a column of components (``FunctionMatrix`` of ``name[r + 1]``)."""
    if isinstance(v, sp.FunctionMatrix):
        body = v.lamda.expr
        if isinstance(body, sp.Indexed) and len(body.indices) == 1:
            return str(body.base.label)
    return None


#: How deep definitions of vectors may refer to each other (a → z → x).
MAX_DEPTH = 8


def resolve(
    e: sp.Basic, definitions: Mapping[str, sp.Basic], hold: frozenset[str] = frozenset()
) -> sp.Basic:
    r"""``e`` with the document's vector definitions put in (``\mathbf{z} = W\mathbf{x}``: the
    components ``z_k`` become ``(Wx)_k``), except the names in ``hold``. A derivative with
    respect to a defined vector (an intermediate variable, ``∂L/∂z``) is taken with that vector
    held as a variable, entry by entry, and its definition is put into the result."""
    for _ in range(MAX_DEPTH):
        done = _resolve(e, definitions, hold)
        if done == e:
            return done
        e = done
    raise Unreadable(f"definitions of vectors nested deeper than {MAX_DEPTH}")


def _resolve(e: sp.Basic, definitions: Mapping[str, sp.Basic], hold: frozenset[str]) -> sp.Basic:
    if isinstance(e, LayoutDerivative):
        name = _base_name(e.variable)
        held = hold | ({name} if name is not None else set())
        function = resolve(e.function, definitions, held)
        if name is None or name not in definitions or name in hold:
            return LayoutDerivative(function, e.variable, e.layout)
        held_derivative = LayoutDerivative(function, e.variable, e.layout)
        rows, cols = held_derivative.shape
        r, c = sp.symbols("r c", integer=True)
        entries = sp.Lambda((r, c), held_derivative._entry(r, c).doit())
        return sp.FunctionMatrix(rows, cols, entries)
    if isinstance(e, sp.Sum) and any(upper == OPEN for _, _, upper in e.limits):
        e = _bounded(e, definitions)
    if isinstance(e, sp.Indexed):
        name = str(e.base.label)
        value = definitions.get(name)
        if value is None or name in hold or len(e.indices) != 1:
            return e
        if not (isinstance(value, sp.MatrixExpr) and value.shape[1] == 1):
            return e
        return value[e.indices[0] - 1, 0]
    if not isinstance(e, sp.Basic) or e.is_Atom or not e.args:
        return e
    args = tuple(_resolve(a, definitions, hold) for a in e.args)
    return e if args == e.args else e.func(*args)


def zero_based(e: sp.Basic) -> sp.Basic:
    """The sums over entries of a matrix written from 0, as SymPy writes the entries of
    matrix products (``Σ_{k=1}^{m} W_{k-1,i}`` → ``Σ_{k=0}^{m-1} W_{k,i}``), so that the
    sums of one claim are alike."""

    def is_one_based(a: sp.Basic) -> bool:
        return (
            isinstance(a, sp.Sum)
            and a.has(MatrixElement)
            and any(lower == 1 for _, lower, _ in a.limits)
        )

    def shifted(a: sp.Sum) -> sp.Sum:
        term, limits = a.function, []
        for variable, lower, upper in a.limits:
            if lower == 1:
                term = term.xreplace({variable: variable + 1})
                lower, upper = sp.Integer(0), upper - 1
            limits.append((variable, lower, upper))
        return sp.Sum(term, *limits)

    for _ in range(MAX_DEPTH):
        if not any(is_one_based(a) for a in sp.preorder_traversal(e)):
            break
        e = e.replace(is_one_based, shifted)
    return e


def _bounded(s: sp.Sum, definitions: Mapping[str, sp.Basic]) -> sp.Sum:
    r"""A sum written without its bound (``‖z‖²``, ``\sum_k z_k``) over the components of a
    defined vector runs over that vector's length."""
    limits = []
    for variable, lower, upper in s.limits:
        if upper == OPEN:
            lengths = {
                definitions[str(a.base.label)].shape[0]
                for a in s.function.atoms(sp.Indexed)
                if str(a.base.label) in definitions
                and a.indices == (variable,)
                and isinstance(definitions[str(a.base.label)], sp.MatrixExpr)
            }
            if len(lengths) == 1:
                upper = lengths.pop()
        limits.append((variable, lower, upper))
    return sp.Sum(s.function, *limits)


def claim_size(
    lhs: sp.Basic, rhs: sp.Basic, stated: set[sp.Symbol]
) -> tuple[sp.Basic, sp.Basic, sp.Symbol]:
    """One size for the claim: the bound of the sums its definitions brought in (``\\sum_{k=1}^K``)
    when there is one, else ``n``; the inferred length, an open bound and a variable ``n``
    (the ``1/n`` of a mean) become that size."""
    bounds = {
        upper
        for side in (lhs, rhs)
        for s in side.atoms(sp.Sum)
        for _, lower, upper in s.limits
        if lower == 1 and upper != OPEN and size_symbol(str(upper)) not in stated
    }
    if len(bounds) > 1:
        raise Unreadable("sums over different ranges beside vectors")
    size = INFERRED
    if bounds:
        (bound,) = bounds
        if not isinstance(bound, sp.Symbol):
            raise Unreadable("a sum whose upper bound is not a size")
        size = size_symbol(bound.name)
        if size != INFERRED and INFERRED in stated:
            raise Unreadable(f"sums up to {size} beside vectors stated of length n")
    renamed: dict[sp.Basic, sp.Basic] = {OPEN: size, INFERRED: size}
    for side in (lhs, rhs):
        for s in side.free_symbols:
            if isinstance(s, sp.Symbol) and not s.is_integer and s.name in (size.name, "n?"):
                renamed[s] = size
            if isinstance(s, sp.Symbol) and s.is_integer and s.name == size.name and s != size:
                renamed[s] = size
    lhs, rhs = lhs.xreplace(renamed), rhs.xreplace(renamed)
    # a component z_i beside vectors: its free index ranges over the vector's 1..size
    free = _free_component_indices(lhs) | _free_component_indices(rhs)
    if free:  # a sum over k beside a free k: the sum's index gets a fresh name first
        lhs, rhs = (rename_bound(e, {i.name for i in free}) for e in (lhs, rhs))
    ranged = {i: sp.Idx(i.name, (1, _index_length(i, lhs, rhs, size, stated))) for i in free}
    return lhs.xreplace(ranged), rhs.xreplace(ranged), size


def _lengths(*sides: sp.Basic) -> dict[sp.Basic, set[sp.Expr]]:
    """The length of each family, from the sums over its components and the vectors built
    from them (a column of ``z[r + 1]`` with n rows: z has length n)."""
    found: dict[sp.Basic, set[sp.Expr]] = {}
    for side in sides:
        for s in side.atoms(sp.Sum):
            for variable, lower, upper in s.limits:
                for a in s.function.atoms(sp.Indexed):
                    if any(variable in i.free_symbols for i in a.indices):
                        found.setdefault(a.base, set()).add(sp.expand(upper - lower + 1))
        for m in side.atoms(sp.FunctionMatrix):
            if isinstance(m.lamda, sp.Lambda) and m.shape[1] == 1:
                for a in m.lamda.expr.atoms(sp.Indexed):
                    found.setdefault(a.base, set()).add(m.shape[0])
    return found


def _index_length(
    i: sp.Symbol, lhs: sp.Basic, rhs: sp.Basic, size: sp.Symbol, stated: set[sp.Symbol]
) -> sp.Expr:
    """How far the free index of a component (``w_j``) runs: the length of its vector; the
    claim's size when no length is known and none is stated."""
    lengths = _lengths(lhs, rhs)
    bases = {
        a.base
        for side in (lhs, rhs)
        for a in side.atoms(sp.Indexed)
        if any(i in index.free_symbols for index in a.indices)
    }
    known = set().union(*(lengths.get(b, set()) for b in bases))
    known = {size if length in (INFERRED, OPEN) else length for length in known}
    if len(known) == 1:
        return known.pop()
    if not known and not stated:
        return size
    raise Unreadable(f"the range of the index {i} is not certain (the lengths of its vectors)")


def _free_component_indices(
    e: sp.Basic, bound: frozenset[sp.Basic] = frozenset()
) -> set[sp.Symbol]:
    """The letters indexing a component (``z_i`` read beside vectors) that no sum, product or
    entry of a matrix binds."""
    if isinstance(e, (sp.Sum, sp.Product)):
        inner = bound | {limit[0] for limit in e.limits}
        return _free_component_indices(e.function, inner)
    if isinstance(e, sp.Lambda):
        return _free_component_indices(e.expr, bound | set(e.variables))
    if isinstance(e, sp.Indexed):
        return {
            s
            for i in e.indices
            for s in i.free_symbols
            if isinstance(s, sp.Symbol)
            and not isinstance(s, sp.Idx)
            and s.is_integer
            and s.is_positive is None
            and s not in bound
        }
    found: set[sp.Symbol] = set()
    for a in e.args:
        found |= _free_component_indices(a, bound)
    return found


__all__ = (
    "Layout",
    "VectorState",
    "check_dependence",
    "claim_size",
    "expand",
    "one_based",
    "resolve",
    "zero_based",
)
