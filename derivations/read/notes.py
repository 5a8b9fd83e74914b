r"""Finding the derivative claims of a Markdown or LaTeX document.

The document stage (:mod:`derivations.read.document`) finds the math (display
``$$…$$``, ``\[…\]``, ``equation`` and ``align`` environments; inline ``$…$``)
outside code and comments, with its section, tag, stance and marker. Each piece of math
is cut into rows at ``\\`` and each row into the sides of a chain of ``=``; a
row that starts with ``&=`` continues the chain of the row before. Every link
``A = B`` of a chain that contains a derivative is a claim, located at the line
of its ``=``. ``f(x) = …`` (also ``\operatorname{ReLU}(x) = …``, ``div(ŷ, y) = …``
and a word without argument, ``\operatorname{LeakyReLU} = …``) defines the
function for the rest of the document. In a chain whose first side is the
derivative of a function of its variable (``\frac{d}{dx}\sigma(x)``), the bare
name stands for that function (``\sigma(1-\sigma)``). A side that is a cases
block on a parameter's values (``y = 1``, ``y = 0``) gives one claim per case,
under that condition. How a claim was read, when not literally, is its source's
``reading``.

Math that cannot be read is *skipped* with the reason (nothing is dropped
silently): the summary counts the display equations checked, the ones that
only define a function, and the ones skipped, by reason.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import sympy as sp

from derivations.errors import InputError
from derivations.model import Claim, Condition, Source, Verdict
from derivations.read import document, index_layers, layers, run_together
from derivations.read.block_claims import states_derivative, under_sign, with_block
from derivations.read.chains import (
    Side,
    chains,
    evaluation_point,
    has_derivative,
    row_chains,
    without_arrow,
)
from derivations.read.claim_sides import (
    by_layers,
    components_resolved,
    layout_derivatives,
    matrix_symbols,
    name_of,
    one_kind_per_name,
    renaming_of,
    scalar_functions,
    shape_text,
    side_shape,
    variables_of,
)
from derivations.read.composition import uncomposed, without_label, without_remark
from derivations.read.definitions import (
    CircularDefinition,
    Definition,
    Definitions,
    Expansion,
    Section,
    Visible,
    used_text,
)
from derivations.read.display_vectors import (
    PlainVector,
    emboldened,
    plain_vectors,
)
from derivations.read.document import MARKER_SKIP
from derivations.read.explicit import written_out
from derivations.read.head_calls import arguments, head_name, without_head_calls
from derivations.read.ill_shaped import IllShaped, ill_shaped
from derivations.read.indices import sized
from derivations.read.jacobian_entries import JacobianEntry, jacobian_entry
from derivations.read.latex import (
    Function,
    Scope,
    SideReading,
    Token,
    Unreadable,
    definition_head,
    equality_cases,
    has_equality_cases,
    index_cases,
    key,
    known_function,
    read,
    read_side,
    tokenize,
)
from derivations.read.limits import DEFAULT, Limits
from derivations.read.mixed_definitions import through_both, with_vector_values
from derivations.read.one_hot import (
    Stated,
    differentiated,
    inside_log_or_denominator,
    one_hot_at,
    one_hot_statements,
    shown_index,
    under_index,
)
from derivations.read.plain_vectors import bold_names, vectors_without_bold
from derivations.read.reading import Located as Located
from derivations.read.reading import Math as Math
from derivations.read.reading import Reading as Reading
from derivations.read.reading import Skip as Skip
from derivations.read.setups import (
    Entry,
    Scopes,
    changing_sections,
    functions_note,
    generic_function,
    setup_sections,
)
from derivations.read.several_ranges import several
from derivations.read.side_tokens import (
    bare_prime,
    bold_head,
    function_of_plain_vectors,
    latex_of,
    matrix_beside_bold,
    passable,
    states_a_set,
    vector_function_head,
)
from derivations.read.stages import labelled_stages
from derivations.read.stand_in import stand_in, vector_stand_in
from derivations.read.stated_layer import Network, StatedLayer, network, stated_layer
from derivations.read.statements import consequence_at
from derivations.read.statements import index_condition as index_condition
from derivations.read.statements import statements as statements
from derivations.read.sum_ranges import from_one
from derivations.read.text import read_text
from derivations.read.tuples import components_tuple
from derivations.read.undefined_chain import (
    ChainStandIn,
    Said,
    chain_stand_in,
    said_everywhere,
    stated_name,
)
from derivations.read.vector_chain import vector_chain_stand_in
from derivations.read.vector_claims import (
    VectorState,
    check_dependence,
    claim_size,
    one_based,
    zero_based,
)
from derivations.read.vectors import (
    INFERRED,
    Unify,
    VectorScope,
    certain,
    read_vector_side,
    vectorish,
)
from derivations.symbolic import conditions
from derivations.symbolic.abstract import abstract_names, has_abstract, holds_for_every_function
from derivations.symbolic.indexed import SizedCondition, one_hot, sums_to_one, symmetric
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, is_matrix
from derivations.symbolic.printing import text as printed

_EQUALITY_PART = "a cases block on values (y = 1, y = 0) is read only as a whole side of a claim"
MAX_FILE_BYTES = 2_000_000
#: Why a list of notations (``\\frac{df}{dx} = D_x f = f^\\prime``) is not a claim; such a
#: display states no derivative's value, and ``--strict`` does not count it as unread.
NOTATIONS = "equivalent notations for one derivative, not a claim about its value"
MAX_CLAIMS = 2000


class NotesError(InputError):
    """A notes file that cannot be read at all."""


# --- finding the math ---------------------------------------------------------------------------


def find_math(text: str, *, tex: bool = False) -> list[Math]:
    """Every piece of math of a document, in order of position, with its section, the prose
    before it and its tag (the document stage's blocks; table rows are not pieces of the text)."""
    blocks = document.parse(text, kind="tex" if tex else "markdown").blocks
    return [_piece(b) for b in blocks if not b.pinned]


def _piece(block: document.Block) -> Math:
    return Math(block.text, block.offset, block.display, block.section, block.before, block.tag)


# --- reading a document ------------------------------------------------------------------------


class _Document:
    def __init__(
        self, path: str, text: str, limits: Limits, blocks: document.Document | None = None
    ) -> None:
        self.path, self.text, self.limits = path, text, limits
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.blocks = blocks  # the document stage's lines and locations (notebook cells)
        self.pinned: int | None = None  # the offset of every part of a table row's claim
        self.scope = Scope(indexed=True)
        self.reading = Reading(path)
        self.definitions = Definitions()
        self.functions: list[tuple[str, Function, Section, int]] = []
        #: Every name a chain defines or states (``z = f(y)``, ``\mathbf{Z} = …``), read or
        #: not, with its right side.
        self.stated_names: list[tuple[str, Side]] = []
        #: The families stood in for by linear maps, and what a reading before this one found
        #: said of names anywhere in the document (:mod:`derivations.read.undefined_chain`).
        self.chained: set[str] = set()
        self.said_everywhere: dict[str, list[Said]] = {}
        self.stated: list[Stated] = []
        self.piece = Math("", 0, False)
        self.index_condition: sp.Basic | None = None
        self.vectors = VectorState()
        self.bold = bold_names(text)  # the names the document writes bold or arrowed
        self.chain_of_derivatives = False  # whether the chain being read starts with one
        #: Every definition of the document (from a first reading): names defined after a claim.
        self.upcoming: Definitions | None = None
        #: Names a claim looked up where no definition was visible (see :func:`_read_again`).
        self.missed: set[str] = set()
        self.remark: list[Token] = []  # a remark in brackets after the formula being read
        #: Layers told by index letters (:mod:`derivations.read.index_layers`), from a first
        #: reading; what this reading saw, for the next one to decide it.
        self.layers: index_layers.Convention | None = None
        self.written = index_layers.Written()
        #: A layer stated once in vector form (:mod:`derivations.read.stated_layer`).
        self.stated_layer: StatedLayer | None = None
        self.stated_pairs: set[tuple[str, str]] = set()  # its weight pairs so far (input, unit)
        self.plain_notes: list[str] = []  # plain letters of the display read as vectors, why
        #: The names defined by a head with arguments (L(\mathbf{w}) = …), as written: those.
        self.heads: dict[str, tuple[str, ...]] = {}
        #: The functions that hold here from a setup section before this one, line, section.
        self.reached_functions: dict[str, tuple[int, Section]] = {}

    def line(self, offset: int) -> int:
        offset = offset if self.pinned is None else self.pinned
        if self.blocks is not None:
            return self.blocks.line(offset)
        return bisect_right(self.starts, offset)

    def where(self, offset: int) -> str:
        offset = offset if self.pinned is None else self.pinned
        if self.blocks is not None:
            return self.blocks.where(offset)
        return f"{self.path}:{self.line(offset)}"

    def place(self, offset: int) -> str:
        """Where in the document, without its path: ``line M``, or ``cell N, line M``."""
        where = self.where(offset)[len(self.path) + 1 :]
        return where.replace(":", ", ") if where.startswith("cell ") else f"line {where}"

    def skip(self, offset: int, reason: str, display: bool) -> None:
        self.reading.skipped.append(Skip(self.where(offset), reason, display))

    def _enter(self, piece: Math) -> None:
        """The functions visible in the piece's section; its index condition (``if i = j:``)."""
        self.piece = piece
        names = self.definitions.visible(piece.offset, piece.section).names
        entries = (
            Entry(n, sec, f.line, o, f, lendable=not generic_function(n))
            for n, f, sec, o in self.functions
        )
        functions = self.definitions.scopes.resolve(entries, piece.offset, piece.section)
        visible, hidden = dict(functions.names), dict(functions.hidden)
        self.reached_functions = {n: (visible[n].line, s) for n, s in functions.reached.items()}
        for name, definition in names.items():  # a later definition of a name wins
            later = [o for n, _, sec, o in self.functions if n == key(name) and o < piece.offset]
            if later and max(later) < definition.offset:
                visible.pop(key(name), None)
        hidden.update(self.definitions.visible(piece.offset, piece.section).hidden)
        defined = frozenset(n for n, d in names.items() if not d.indices)
        self.scope = Scope(visible, indexed=True, hidden=hidden, names=defined)
        self.index_condition = index_condition(piece.before) if piece.display else None
        self.vectors.scan(
            self.text,
            0,
            piece.offset + len(piece.text),
            piece.section,
            self.blocks.section_at if self.blocks is not None else None,
        )

    def math(self, piece: Math) -> str:
        """Read one piece of math; return its status: checked, definition, skipped or ignored."""
        self._enter(piece)
        statuses: list[str] = []
        vectors = self.plain_vectors(piece)
        consequence = consequence_at(piece.text)
        if consequence is not None and self._claims_in(piece.text[: consequence[0]]):
            consequence = None  # f'(x) = 0 ⇒ x = 0: a premise about a derivative is not claimed
        premises = piece.text if consequence is None else piece.text[: consequence[0]]
        for start, text in statements(premises):
            try:
                tokens = [
                    Token(t.kind, t.text, t.offset + piece.offset + start)
                    for t in tokenize(text, self.limits)
                ]
            except Unreadable as exc:
                if piece.display:
                    self.skip(piece.offset, exc.reason, True)
                    return "skipped"
                return "ignored"
            tokens = without_arrow(emboldened(tokens, vectors) if vectors else tokens)
            tokens, called, refused = without_head_calls(tokens, self.heads)  # L(w): L
            if refused:
                if piece.display:
                    self.skip(tokens[0].offset if tokens else piece.offset, refused, True)
                statuses.append("skipped")
                continue
            self.plain_notes += [n for n in called if n not in self.plain_notes]
            tokens, self.remark = without_remark(uncomposed(without_label(tokens)))
            statuses += [self.chain(chain, piece.display) for chain in chains(tokens)]
        if consequence is not None:
            statuses += self.consequence(piece, consequence[1])
        for status in ("checked", "definition", "skipped"):
            if status in statuses:
                return status
        if piece.display and statuses:
            return "skipped"
        return "ignored"

    def _claims_in(self, text: str) -> bool:
        try:
            return has_derivative(tokenize(text, self.limits))
        except Unreadable:
            return True

    def consequence(self, piece: Math, start: int) -> list[str]:
        """Read what follows ``⇒``: a derivative claim is checked, anything else (a name
        restated through the premises) defines nothing and is passed over."""
        try:
            tokens = [
                Token(t.kind, t.text, t.offset + piece.offset + start)
                for t in tokenize(piece.text[start:], self.limits)
            ]
        except Unreadable as exc:
            self.skip(piece.offset + start, exc.reason, piece.display)
            return ["skipped" if piece.display else "ignored"]
        if not has_derivative(tokens):
            return []
        statuses: list[str] = []
        for offset, text in statements(piece.text[start:]):
            part = [
                t for t in tokens if offset <= t.offset - piece.offset - start < offset + len(text)
            ]
            if has_derivative(part):  # a name restated through the premises defines nothing
                statuses += [
                    self.chain(chain, piece.display) for chain in chains(without_arrow(part))
                ]
        return statuses

    def plain_vectors(self, piece: Math) -> dict[str, PlainVector]:
        """The plain letters a display shows to be vectors (a 2-norm and their components in
        the display; a shape in ℝ^n stated in it or in the sentence that leads into it); their
        reasons go into the readings of the display's claims."""
        self.plain_notes = []
        if not piece.display:
            return {}
        try:
            vectors = plain_vectors(
                tokenize(piece.text, self.limits), f"{piece.before}\n{piece.text}"
            )
        except Unreadable:
            return {}
        self.plain_notes = [v.why for v in vectors.values()]
        return vectors

    def chain(self, sides: list[Side], display: bool) -> str:
        staged = any([self.define_stages(side) for side in sides])
        if len(sides) < 2 and states_a_set(sides[0].tokens):
            # x ∈ ℝ^n: a shape (read by the vector state from the text) or a set, stated
            self.reading.definitions.append(
                f"{self.where(sides[0].offset)}: {latex_of(sides[0].tokens)}"
            )
            return "definition"
        if staged and len(sides) <= 2 and not sides[0].tokens:
            return "definition"
        if len(sides) < 2 or not sides[0].tokens:
            if display:
                self.skip(sides[0].offset, "no equation (nothing to check)", True)
                return "skipped"
            return "ignored"
        if any(not s.tokens for s in sides):
            if display or any(has_derivative(s.tokens) for s in sides):
                self.skip(sides[0].offset, "an incomplete equation (a side is empty)", display)
                return "skipped"
            return "ignored"
        before = len(self.reading.claims)  # an ill-shaped definition is a claim
        status = self._chain(sides, display)
        if status == "definition" and len(self.reading.claims) > before:
            return "checked"
        return status

    def _chain(self, sides: list[Side], display: bool) -> str:
        head = definition_head(sides[0].tokens)
        first = has_derivative(sides[0].tokens) or self._reads_derivative(sides[0])
        self.chain_of_derivatives = first
        derivative = first or any(
            has_derivative(s.tokens) or self._reads_derivative(s) for s in sides[1:]
        )
        if self.remark and derivative:
            self.skip(
                sides[0].offset,
                f"a remark after the claim ({latex_of(self.remark)}) may be a condition: not read",
                display,
            )
            return "skipped" if display else "ignored"
        links = list(itertools.pairwise(sides))
        status = "ignored"
        named = None if head is not None or first else self._name_head(sides[0].tokens)
        if head is not None and not first:
            name, parameters = head
            self.define(name, parameters, sides[1])
            status = "definition"
            links = links[1:]
        elif named is not None:
            self.stated_names.append((named[0], sides[1]))
            if self.state(sides):
                return "definition"
            if not self.define_name(named, sides[0], sides[1], display):
                return "skipped" if display else "ignored"
            status = "definition"
            links = links[1:]
        elif self.state(sides):
            return "definition"
        elif not derivative and (vector := self._vector_head(sides)) is not None:
            name = vector
            self.stated_names.append((name, sides[1]))
            why = self.vector_define(name, sides[1])
            if why is not None:
                if display:
                    self.skip(sides[1].offset, f"definition of {name} not read: {why}", True)
                return "skipped" if display else "ignored"
            status = "definition"
            links = links[1:]
            if not links:
                return status
        elif not derivative and not self._known_head(sides[0].tokens):
            if len(sides) > 1 and (stated := stated_name(sides[0].tokens)) is not None:
                self.stated_names.append((stated, sides[1]))
            if display:
                self.skip(sides[0].offset, "not a derivative claim", True)
                return "skipped"
            return "ignored"
        if not display and not derivative:
            return status
        if status != "definition" and self._notations(sides):
            self.skip(sides[0].offset, NOTATIONS, display)
            return "skipped"
        bare = self.bare(sides[0]) if status != "definition" else {}
        checked = False
        anchor: Side | None = None  # the side before one that cannot be read
        for left, right in links:
            source = anchor or left
            if self.link(source, right, display, bare):
                if source is not left:
                    self._note_last(
                        f"the side at line {self.line(left.offset)} before it could not be "
                        "read: the chain's side before that is compared with this one"
                    )
                checked, anchor = True, None
            elif right is not sides[-1] and passable(right) and self._unreadable(right):
                anchor = source  # A = B = C states A = C when B cannot be read
            else:
                anchor = None
        if checked:
            return "checked"
        return status if status == "definition" else "skipped"

    def _vector_head(self, sides: list[Side]) -> str | None:
        """The name a chain defines in vector notation: a bold vector (``\\mathbf{z}``,
        ``\\mathbf{f}(\\mathbf{x})``), or a name applied to vectors written without bold
        (``L_i(w)`` where w is a vector here: see :mod:`derivations.read.plain_vectors`)."""
        bold = bold_head(sides[0].tokens)
        if bold is not None or len(sides) < 2:
            return bold
        plain = self.vector_scope(sides[1].offset, sides[0], sides[1]).plain
        return function_of_plain_vectors(sides[0].tokens, plain)

    def _note_last(self, note: str) -> None:
        """Add ``note`` to the reading of the claim read last."""
        located = self.reading.claims[-1]
        source = located.claim.sources[0]
        reading = "; ".join(x for x in (source.reading, note) if x)
        sources = (replace(source, reading=reading), *located.claim.sources[1:])
        self.reading.claims[-1] = replace(located, claim=replace(located.claim, sources=sources))

    def define_stages(self, side: Side) -> bool:
        """Record the intermediate values a composition names with the labels of its stages
        (``\\underbrace{\\frac{1}{1+e^{-a}}}_{\\frac{\\partial p}{\\partial a}}``: p = …),
        innermost first; the outermost stage's value is the composition itself, which the
        chain names. See :mod:`derivations.read.stages`."""
        stages = labelled_stages(side.tokens)
        if not stages:
            return False
        end = self.piece.offset + len(self.piece.text)
        recorded = False
        for stage in stages[:-1]:
            body = Side(stage.body, stage.body[0].offset)
            scope = self.vector_scope(end, body)
            try:
                try:
                    parser = read_vector_side(body.tokens, scope, NUMERATOR, self.limits)
                except Unify as exc:
                    parser = read_vector_side(body.tokens, scope, NUMERATOR, self.limits, exc.size)
            except (Unreadable, sp.ShapeError, ValueError, TypeError):
                return recorded
            value = parser.value
            if parser.derivatives or (is_matrix(value) and value.shape[1] != 1):
                return recorded
            self.vectors.define(
                stage.output, value, parser.inferred, self.piece.section, body.offset
            )
            self.reading.definitions.append(
                f"{self.where(body.offset)}: {stage.output} (the stage labelled "
                f"∂{stage.output}/∂{stage.input} of a composition)"
            )
            recorded = True
        return recorded

    def _unreadable(self, side: Side) -> bool:
        """Whether a side cannot be read alone, neither as scalars nor in vector notation."""
        try:
            read_side(side.tokens, self.scope, self.limits)
            return False
        except Unreadable:
            pass
        scope = self.vector_scope(side.offset, side)
        try:
            try:
                read_vector_side(side.tokens, scope, NUMERATOR, self.limits)
            except Unify as exc:
                read_vector_side(side.tokens, scope, NUMERATOR, self.limits, exc.size)
        except (Unreadable, sp.ShapeError, ValueError, TypeError):
            return True
        return False

    def _reads_derivative(self, side: Side) -> bool:
        """Whether a side reads as a derivative in a notation without a fraction (``D_x f``,
        ``f_x``, ``\\dot{x}``)."""
        if not any(
            t.text in ("D", "dot", "partial") or (t.kind == "letter" and self.scope.get(t.text))
            for t in side.tokens
        ):
            return False
        try:
            return read_side(side.tokens, self.scope, self.limits).expr.has(sp.Derivative)
        except Unreadable:
            return False

    def _notations(self, sides: list[Side]) -> bool:
        """Whether every side reads as the same derivative (``df/dx = D_x f = f_x``), or is a
        prime without an argument (``= f^\\prime``): a list of notations, not a claim."""
        found = []
        for side in sides:
            try:
                found.append(read_side(side.tokens, self.scope, self.limits).expr)
            except Unreadable:
                if not bare_prime(side.tokens):
                    return False
        if len(found) < 2:
            return False
        first = found[0]
        return isinstance(first, sp.Derivative) and all(f == first for f in found[1:])

    @staticmethod
    def _known_head(tokens: list[Token]) -> bool:
        if not tokens or tokens[0].kind != "cmd":
            return False
        if tokens[0].text in ("mathrm", "operatorname") and len(tokens) > 2:
            close = next((k for k, t in enumerate(tokens) if t.text == "}"), len(tokens))
            name = "".join(t.text for t in tokens[2:close] if t.kind == "letter")
            return known_function(name) and tokens[-1].text == ")"
        return known_function(tokens[0].text) and tokens[0].text != "sigma"

    def define(self, name: str, parameters: tuple[str, ...] | None, side: Side) -> None:
        symbols = [sp.Symbol(p, real=True) for p in parameters or ()]
        first, others = (symbols[0], tuple(symbols[1:])) if symbols else (None, ())
        line = self.line(side.offset)
        try:
            body = self._read_or_abstract(side.tokens)
            if has_equality_cases(body):
                raise Unreadable("a case on an equality inside a definition")
        except Unreadable as exc:
            self._function(key(name), Function(first, None, line, exc.reason, others), side)
            why = self.vector_define(name, side)
            if why is None:
                return
            self.skip(side.offset, f"definition of {name} not read: {why or exc.reason}", True)
            return
        self._function(key(name), Function(first, body, line, others=others), side)
        shown = f"{name}({', '.join(parameters)})" if parameters is not None else name
        self.reading.definitions.append(f"{self.where(side.offset)}: {shown}")

    def _read_or_abstract(self, tokens: list[Token]) -> sp.Expr:
        """A definition's body; where it uses functions the document does not define (or
        defines by math that could not be read), with those read as abstract functions."""
        try:
            return read(tokens, self.scope, self.limits)
        except Unreadable as exc:
            try:
                return read(tokens, replace(self.scope, abstract=True), self.limits)
            except Unreadable:
                raise exc from None

    def _function(self, name: str, function: Function, side: Side) -> None:
        self.functions.append((name, function, self.piece.section, side.offset))
        self.scope.functions[name] = function

    # -- names and families ----------------------------------------------------------------
    def _name_head(self, tokens: list[Token]) -> tuple[str, tuple[sp.Symbol, ...]] | None:
        """``(name, indices)`` when a side is just a name (``E``, ``\\hat{y}``, ``o^{(1)}``),
        a component of a family (``p_i``, ``w_{jk}``, ``\\mathbf{f}_i(\\mathbf{x})``), or a
        function of vectors (``L(\\mathbf{y}, \\mathbf{\\hat{y}})``: the name L)."""
        vectors = vector_function_head(tokens)
        if vectors is not None:
            self.heads[head_name(tokens)] = arguments(tokens) or ()
            return vectors, ()
        try:
            value = read_side(tokens, Scope(indexed=True), self.limits).expr
        except Unreadable:
            return None
        if isinstance(value, sp.Symbol) and not value.is_integer:
            return value.name, ()
        if isinstance(value, sp.Indexed):
            indices = value.indices
            if all(isinstance(i, sp.Symbol) for i in indices) and len(set(indices)) == len(indices):
                return str(value.base.label), tuple(indices)
        return None

    def define_name(
        self, named: tuple[str, tuple[sp.Symbol, ...]], head: Side, side: Side, display: bool
    ) -> bool:
        """Record ``name = body`` (or ``name_i = body``); False when it is not a definition."""
        name, indices = named
        line = self.line(side.offset)
        try:
            if not indices and matrix_beside_bold(side.tokens):
                # ½‖B\mathbf{x} - \mathbf{y}‖²: B is a matrix; in index notation a number
                raise Unreadable("a capital letter beside a bold vector: a matrix")
            body = self._read_or_abstract(side.tokens)
            if has_equality_cases(body):
                raise Unreadable("a case on an equality inside a definition")
        except Unreadable as exc:
            # L_i(\mathbf{w}) = … in vector notation: the name with its subscript
            full = name + (f"_{''.join(str(i) for i in indices)}" if indices else "")
            why = self.vector_define(full, side) if not indices or vectorish(side.tokens) else ""
            reason = why or exc.reason  # in vector notation, why the vector reader refused it
            self.definitions.add(
                Definition(name, indices, None, line, self.piece.section, side.offset, reason)
            )
            layer = (
                None if indices else stated_layer(name, latex_of(side.tokens), line, side.offset)
            )
            if layer is not None:
                self.stated_layer, self.stated_pairs = layer, set()
                self.reading.definitions.append(
                    f"{self.where(side.offset)}: {name} (a layer, read in components)"
                )
                return True
            if why is None:
                return True
            if display:
                self.skip(side.offset, f"definition of {name} not read: {why or exc.reason}", True)
            return False
        if body.is_number:
            if display:
                self.skip(side.offset, f"a value of {name}, not a definition", True)
            return False
        if not indices:  # h = σ(Wx + b) read with numbers: a layer where claims write W_{kj}
            layer = stated_layer(name, latex_of(side.tokens), line, side.offset)
            if layer is not None:
                self.stated_layer, self.stated_pairs = layer, set()
        self.written.definitions.append((name, indices, body))
        if self.layers is not None:
            try:
                name = self.layers.name(name, indices)
                renamed = self.layers.renamed(body)
            except Unreadable as exc:
                self.definitions.add(
                    Definition(
                        name, indices, None, line, self.piece.section, side.offset, exc.reason
                    )
                )
                if display:
                    self.skip(side.offset, f"definition of {name} not read: {exc.reason}", True)
                return False
            assert isinstance(renamed, sp.Expr)
            body = renamed
        if any(name_of(a) == name for a in sp.preorder_traversal(body)):
            if display:
                self.skip(side.offset, f"{name} is defined in terms of itself", True)
            return False
        self.definitions.add(Definition(name, indices, body, line, self.piece.section, side.offset))
        shown = name + (f"_{''.join(i.name for i in indices)}" if indices else "")
        self.reading.definitions.append(f"{self.where(side.offset)}: {shown}")
        return True

    def annotation_names(self, named: sp.Expr, body: sp.Expr, offset: int) -> None:
        """``\\underbrace{A}_{\\delta_k}``: the annotation defines its name as A from there on
        (once, however often the side is read)."""
        name = name_of(named)
        if name is None or any(d.offset == offset for d in self.definitions.found):
            return
        if any(name_of(a) == name for a in sp.preorder_traversal(body)):
            return
        indices = tuple(named.indices) if isinstance(named, sp.Indexed) else ()
        line = self.line(offset)
        self.definitions.add(Definition(name, indices, body, line, self.piece.section, offset))
        shown = name + (f"_{''.join(str(i) for i in indices)}" if indices else "")
        self.reading.definitions.append(f"{self.where(offset)}: {shown} (an underbrace's name)")

    # -- stated conditions -----------------------------------------------------------------
    def state(self, sides: list[Side]) -> bool:
        """``\\sum_k y_k = 1``: a condition on y for the claims after it in its section."""
        if len(sides) != 2:
            return False
        try:
            left = read(sides[0].tokens, Scope(indexed=True), self.limits)
            right = read(sides[1].tokens, Scope(indexed=True), self.limits)
        except Unreadable:
            return self.state_vector(sides)
        if right != 1 or not isinstance(left, sp.Sum) or len(left.limits) != 1:
            return False
        variable = left.limits[0][0]
        term = left.function
        if not (isinstance(term, sp.Indexed) and term.indices == (variable,)):
            return False
        name = str(term.base.label)
        self.stated.append(
            Stated(
                "sums_to_one", name, self.line(sides[1].offset), self.piece.section, sides[1].offset
            )
        )
        self.reading.definitions.append(f"{self.where(sides[1].offset)}: sum of {name} = 1")
        return True

    def state_vector(self, sides: list[Side]) -> bool:
        """``\\hat{\\mathbf{y}}^T \\mathbf{1} = 1`` (or ``\\mathbf{1}^T \\mathbf{y} = 1``): the
        components of y sum to one, for the claims after it in its section."""
        if [t.text for t in sides[1].tokens] != ["1"] or not vectorish(sides[0].tokens):
            return False
        try:
            left = read_vector_side(sides[0].tokens, VectorScope(), NUMERATOR, self.limits).value
        except Unreadable:
            return False
        if not isinstance(left, sp.Sum) or len(left.limits) != 1:
            return False
        term, (variable, _, _) = left.function, left.limits[0]
        if not (isinstance(term, sp.Indexed) and term.indices == (variable + 1,)):
            return False
        name = str(term.base.label)
        self.stated.append(
            Stated(
                "sums_to_one", name, self.line(sides[1].offset), self.piece.section, sides[1].offset
            )
        )
        self.reading.definitions.append(f"{self.where(sides[1].offset)}: sum of {name} = 1")
        return True

    # -- vectors and matrices ----------------------------------------------------------------
    def vector_scope(self, offset: int, *sides: Side) -> VectorScope:
        # only names the document defines (E = …, L(y, ŷ) = …), expanded afterwards; a function
        # of a scalar (f(x) = …) applied to a vector is not read
        visible = self.definitions.visible(offset, self.piece.section)
        functions = frozenset(self.scope.functions)
        tokens = [t for side in sides for t in side.tokens]
        start = min((t.offset for t in tokens), default=offset)
        plain = vectors_without_bold(
            tokens,
            self.bold,
            self.vectors.declared_plain(offset),
            bold_names(self.text, start),
        )
        return self.vectors.scope(
            offset,
            self.piece.section,
            frozenset(visible.names),
            functions,
            scalar_functions(self.scope.functions),
            plain,
        )

    def vector_define(self, name: str, side: Side) -> str | None:
        """Record ``name = body`` written in vector notation: None when it is recorded, else
        why not ("" when the body is not in vector notation)."""
        if components_tuple(name, side.tokens):  # (a_1, …, a_n)ᵀ: what the reader assumes
            shown = f"{name} = ({name}_1, …)ᵀ, the vector of its components"
            self.reading.definitions.append(f"{self.where(side.offset)}: {shown}")
            return None
        scope = self.vector_scope(side.offset, side)
        if not vectorish(side.tokens) and not scope.plain:
            return ""
        try:
            try:
                parser = read_vector_side(side.tokens, scope, NUMERATOR, self.limits)
            except Unify as exc:
                parser = read_vector_side(side.tokens, scope, NUMERATOR, self.limits, exc.size)
        except Unreadable as exc:
            found = ill_shaped(side.tokens, scope, self.limits)
            if found is not None:
                self.ill_shaped(name, side, found)
                return None
            return exc.reason
        if parser.derivatives:
            return "a derivative inside a definition"
        if not parser.vectorial:
            return ""
        value = parser.value
        if isinstance(value, sp.MatrixExpr) and value.shape[1] != 1:
            return "a row or a matrix is not read as a definition"
        self.vectors.define(name, value, parser.inferred, self.piece.section, side.offset)
        self.reading.definitions.append(f"{self.where(side.offset)}: {name} (vector notation)")
        return None

    def ill_shaped(self, name: str, side: Side, found: IllShaped) -> None:
        """A definition without a shape: a claim at its line that the verifier refutes by its
        shapes (the name does not get defined)."""
        location = self.where(side.offset)
        line = self.line(side.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        note = (
            f"the definition of {name} has no shape: {found.reason}; the claim is that {name} "
            "equals that product"
        )
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=f"line {line}: the definition of {name}",
            lhs=sp.Symbol(name, real=True),
            rhs=found.product(),
            sources=(Source(self.path, f"line {line}", note),),
            expected=Verdict.PROVED,
            statement=f"{name} = {latex_of(side.tokens)}",
        )
        self.reading.claims.append(Located(claim, location))

    def vector_link(self, left: Side, right: Side, display: bool) -> bool:
        """The claim ``left = right`` in vector notation, in the layout the document names, the
        one the shapes decide, or both (the claim holds when one layout proves it)."""
        stated = self.vectors.layout_at(right.offset, self.piece.section)
        layouts = (stated.layout,) if stated is not None else (NUMERATOR, DENOMINATOR)
        scope = self.vector_scope(right.offset, left, right)
        defined = {d.name for d in self.definitions.found} | {
            d.name for d in (self.upcoming.found if self.upcoming is not None else ())
        }
        try:
            chain = vector_chain_stand_in(
                (left.tokens, right.tokens),
                layouts,
                frozenset(scope.plain) | frozenset(scope.shapes),
                self._visible_at(right.offset),
                self._said_anywhere,
                frozenset(scope.definitions),
            )
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        if chain is not None:
            self.chained.update(chain.names)
            written = f"{latex_of(left.tokens)} = {latex_of(right.tokens)}"
            return self._stood_in_chain(right, chain, "", (), None, written, display)
        standing = vector_stand_in(
            [left.tokens, right.tokens], scope, layouts, self.limits, frozenset(defined)
        )
        if standing is not None:
            scope = standing.scope
        notes: list[str] = []
        guess = INFERRED
        for _ in range(2):
            try:
                built, notes, size = self._vector_built(left, right, layouts, scope, guess)
            except Unreadable as exc:
                offset = exc.offset if exc.offset is not None else right.offset
                self.skip(offset, exc.reason, display)
                return False
            except (sp.ShapeError, ValueError, TypeError) as exc:
                self.skip(right.offset, f"the shapes do not agree ({exc})", display)
                return False
            matching = [b for b in built if side_shape(b[1]) == side_shape(b[2])]
            # a matrix of inferred shape beside a stated length: read again with that length
            lengths = {
                d
                for b in built
                for d in (*side_shape(b[1]), *side_shape(b[2]))
                if isinstance(d, sp.Symbol) and d != size
            }
            if matching or guess != INFERRED or len(lengths) != 1 or not built[0][3]:
                break
            guess = lengths.pop()
        matching = [b for b in built if side_shape(b[1]) == side_shape(b[2])]
        if matching:
            chosen = matching
        else:
            # refuted by its shapes only when they differ for certain in every layout read
            if not all(certain(side_shape(b[1]), side_shape(b[2]), inferred=b[3]) for b in built):
                self.skip(
                    right.offset,
                    "the shapes of the sides differ in every layout, and some shapes are "
                    "inferred, not stated",
                    display,
                )
                return False
            chosen = built[:1]
            if len(built) > 1:
                shown = ", ".join(f"{shape_text(b[1])} in {b[0]} layout" for b in built)
                notes.append(
                    f"the shapes differ in every layout: the left side is {shown}, "
                    f"the right side {shape_text(built[0][2])}"
                )
        if stated is not None:
            notes.append(f'{stated.layout} layout, as the document says ("{stated.text}")')
        elif len(built) > 1 and len(chosen) == 1 and matching:
            notes.append(f"{chosen[0][0]} layout: the shapes of the sides decide it")
        elif len(chosen) > 1:
            notes.append("the document names no layout: both are tried")
        _, lhs, rhs, _ = chosen[0]
        try:
            for _, a, b, _ in chosen:
                one_kind_per_name(a, b)
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        if has_abstract(lhs, rhs) and not all(
            holds_for_every_function(a, b) for _, a, b, _ in chosen
        ):
            names = ", ".join(abstract_names(lhs, rhs))
            self.skip(
                right.offset,
                f"{names}: functions the document does not define; the claim does not hold "
                f"for every {names}",
                display,
            )
            return False
        symmetric_names = self.vectors.symmetric_at(right.offset, self.piece.section)
        hypotheses: list[Condition] = []
        for a in sorted(matrix_symbols(lhs, rhs), key=str):
            if a.shape[0] != a.shape[1]:
                continue
            condition = symmetric(a, name=str(a.name))
            if str(a.name) in symmetric_names:
                hypotheses.append(replace(condition, text=f"{a.name} is symmetric (stated)"))
            elif condition not in self.reading.hypotheses:
                self.reading.hypotheses.append(condition)
        try:
            lhs, rhs, stated_conditions, more = self.conditions_for(right.offset, lhs, rhs, size)
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        notes.extend(more)
        variables = {
            a.base for d in layout_derivatives(lhs, rhs) for a in d.variable.atoms(sp.Indexed)
        }
        covered = {str(getattr(c, "vector", "")) for c in stated_conditions}
        for family in sorted({a.base for e in (lhs, rhs) for a in e.atoms(sp.Indexed)}, key=str):
            if family in variables or str(family.label) in covered:
                continue
            candidate = sums_to_one(family, size, name=str(family.label))
            if candidate not in self.reading.hypotheses:
                self.reading.hypotheses.append(candidate)
        all_conditions = (*hypotheses, *stated_conditions)
        others: tuple[tuple[str, sp.Basic, sp.Basic], ...] = ()
        if len(chosen) > 1:
            others = tuple(
                (f"{layout} layout", *(self.conditions_for(right.offset, a, b, size)[:2]))
                for layout, a, b, _ in chosen
            )
        location = self.where(right.offset)
        line = self.place(right.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        when = "".join(f" (when {h.text})" for h in all_conditions)
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=f"{line}{when}",
            lhs=lhs,
            rhs=rhs,
            sources=(
                Source(
                    self.path,
                    line,
                    "; ".join([*self.plain_notes, *notes, *([standing.note] if standing else [])]),
                ),
            ),
            expected=Verdict.PROVED,
            conditions=all_conditions,
            statement=f"{latex_of(left.tokens)} = {latex_of(right.tokens)}",
            readings=others,
            arbitrary=(standing.name,) if standing is not None else (),
        )
        if len(self.reading.claims) >= MAX_CLAIMS:
            raise NotesError(f"{self.path}: more than {MAX_CLAIMS} claims")
        self.reading.claims.append(Located(claim, location))
        return True

    def _vector_built(
        self,
        left: Side,
        right: Side,
        layouts: tuple[str, ...],
        scope: VectorScope,
        guess: sp.Symbol,
    ) -> tuple[list[tuple[str, sp.Basic, sp.Basic, bool]], list[str], sp.Symbol]:
        """The claim in each layout, its sides expanded through the definitions, at one size."""
        readings, notes, derivatives = self._vector_readings(left, right, layouts, scope, guess)
        # a link without a derivative is checked where it continues a chain of derivatives
        # (∇J = A = B); after a definition (l = A = B) it is algebra, not a derivative claim
        if not derivatives and not self.chain_of_derivatives:
            raise Unreadable("not a derivative claim")
        # a name defined in vector notation (ŷ = σ(wᵀx)), not by its index reading that failed
        visible = with_vector_values(
            self.definitions.visible(right.offset, self.piece.section),
            scope.definitions,
            resolved=True,
        )
        expansion = Expansion(visible)
        stated_sizes = {
            d for shape in scope.shapes.values() for d in shape if isinstance(d, sp.Symbol)
        }
        built = []
        size = INFERRED
        for layout, lhs, rhs, guessed in readings:
            # a derivative by a component (∂L/∂z_i) sees the vectors its function names
            lhs, rhs = (components_resolved(e, scope.definitions) for e in (lhs, rhs))
            lhs, rhs = (
                through_both(e, expansion, scope.definitions, visible.names, notes)
                for e in (lhs, rhs)
            )
            check_dependence(lhs)
            check_dependence(rhs)
            lhs, rhs = (one_based(side) if not is_matrix(side) else side for side in (lhs, rhs))
            lhs, rhs = zero_based(lhs), zero_based(rhs)
            lhs, rhs, size = claim_size(lhs, rhs, stated_sizes)
            explicit = (written_out(lhs), written_out(rhs))
            if explicit[0] is not None and explicit[1] is not None:
                lhs, rhs = explicit  # every shape a number: decided entry by entry
            built.append((layout, lhs, rhs, guessed))
        if used := used_text(expansion.used.values(), visible.reached):
            notes.append(used)
        return built, notes, size

    def _vector_readings(
        self,
        left: Side,
        right: Side,
        layouts: tuple[str, ...],
        scope: VectorScope,
        guess: sp.Symbol = INFERRED,
    ) -> tuple[list[tuple[str, sp.Basic, sp.Basic, bool]], list[str], int]:
        """Both sides read in each layout; read again with the stated length once where a
        vector of inferred length meets one of stated length."""
        for _ in range(2):
            readings: list[tuple[str, sp.Basic, sp.Basic, bool]] = []
            notes: list[str] = []
            derivatives = 0
            failed: list[tuple[str, Unreadable]] = []
            try:
                for layout in layouts:
                    try:
                        lhs_p = read_vector_side(left.tokens, scope, layout, self.limits, guess)
                        rhs_p = read_vector_side(right.tokens, scope, layout, self.limits, guess)
                    except Unify:
                        raise
                    except Unreadable as exc:  # a product that has no shape in this layout
                        failed.append((layout, exc))
                        continue
                    inferred = lhs_p.inferred or rhs_p.inferred
                    both = (lhs_p.plain_names | rhs_p.plain_names) & (
                        lhs_p.bold_names | rhs_p.bold_names
                    )
                    if both:
                        raise Unreadable(f"{min(both)} is written both plain and bold")
                    notes = list(dict.fromkeys(lhs_p.notes + rhs_p.notes))
                    readings.append((layout, lhs_p.value, rhs_p.value, inferred))
                    derivatives = lhs_p.derivatives + rhs_p.derivatives
                    if not derivatives:
                        break  # no derivative: the layout does not matter
            except Unify as exc:
                if guess != INFERRED:
                    raise
                guess = exc.size
                continue
            if not readings:
                raise failed[0][1]
            notes += [
                f"not read in {layout} layout, where it has no meaning ({exc.reason})"
                for layout, exc in failed
            ]
            if guess != INFERRED:
                notes.append(f"the vectors whose length is not stated read with length {guess}")
            return readings, notes, derivatives
        raise Unreadable("the lengths of the vectors do not agree")

    def conditions_for(
        self, offset: int, lhs: sp.Expr, rhs: sp.Expr, size: sp.Symbol
    ) -> tuple[sp.Expr, sp.Expr, tuple[Condition, ...], list[str]]:
        """The stated conditions on the families of the sides that hold at ``offset``. A
        one-hot family whose hot index the text names (``y_c = 1``) becomes ``y_k = δ_kc`` in
        the sides when the claim has that free index; otherwise it is a condition."""
        bases = {a.base for side in (lhs, rhs) for a in side.atoms(sp.Indexed)}
        free = {
            e.name: e
            for side in (lhs, rhs)
            for e in sp.preorder_traversal(side)
            if isinstance(e, sp.Idx)
        }
        found: dict[str, Condition] = {}
        notes: list[str] = []
        for stated in self.stated:
            if stated.offset >= offset or not self.definitions.scopes.reaches(
                stated.section, self.piece.section
            ):
                continue
            base = next((b for b in bases if str(b.label) == stated.name), None)
            if base is None:
                continue
            if stated.rule == "one_hot" and inside_log_or_denominator(lhs, rhs, base):
                lhs, rhs = differentiated(lhs, base), differentiated(rhs, base)
            if stated.rule == "one_hot" and inside_log_or_denominator(lhs, rhs, base):
                raise Unreadable(
                    f"{stated.name} is one-hot (line {stated.line}) and its components are in a "
                    "logarithm or a denominator (0·log 0): not checked"
                )
            if stated.rule == "one_hot" and stated.hot in free:
                hot = free[stated.hot]
                lhs, rhs = (one_hot_at(side, base, hot) for side in (lhs, rhs))
                notes.append(
                    f"{stated.name} is one-hot with {stated.name}_{hot} = 1 (line {stated.line}): "
                    f"{stated.name}_k read as δ_k{hot}"
                )
                found.pop(stated.name, None)
                continue
            make = sums_to_one if stated.rule == "sums_to_one" else one_hot
            condition = make(base, size, name=stated.name)
            if isinstance(condition, SizedCondition) and condition.hot is not None:
                fresh = "c"
                while fresh in free:
                    fresh += "'"
                condition = replace(condition, hot=sp.Idx(fresh, (1, size)))
            text = f"{condition.text}, stated at line {stated.line}"
            found[stated.name] = replace(condition, text=text)
        return lhs, rhs, tuple(found.values()), notes

    def _conditioned(self, offset: int) -> set[str]:
        """The families a condition stated before ``offset`` is about, where it holds."""
        reaches = self.definitions.scopes.reaches
        return {
            s.name
            for s in self.stated
            if s.offset < offset and reaches(s.section, self.piece.section)
        }

    def _candidates(
        self, lhs: sp.Expr, rhs: sp.Expr, size: sp.Symbol, stated: tuple[Condition, ...]
    ) -> None:
        """Hypotheses the document does not state, under which a refuted claim may hold:
        Σ_k y_k = 1 for each family that is not differentiated (the verifier names one that
        makes the claim true)."""
        variables = {
            v.base
            for side in (lhs, rhs)
            for d in side.atoms(sp.Derivative)
            for v in d.variables
            if isinstance(v, sp.Indexed)
        }
        covered = {str(getattr(c, "vector", "")) for c in stated}
        for side in (lhs, rhs):
            for a in side.atoms(sp.Indexed):
                name = str(a.base.label)
                if a.base in variables or name in covered:
                    continue
                candidate = sums_to_one(a.base, size, name=name)
                if candidate not in self.reading.hypotheses:
                    self.reading.hypotheses.append(candidate)

    # -- claims ----------------------------------------------------------------------------
    def _defined_elsewhere(self, network: frozenset[str], *sides: sp.Expr) -> None:
        """Unreadable when a family left in the expanded sides is one the document defines
        somewhere else (a δ_i defined in another section): read as any value, it would be
        refuted for values the author does not mean. The names of the stated layer
        (``network``) are its variables at the lowest layer."""
        defined = {layers.stem(d.name) for d in self.definitions.found}
        if self.upcoming is not None:
            defined |= {layers.stem(d.name) for d in self.upcoming.found}
        defined -= network  # the lowest layer's input, a variable of the network
        for side in sides:
            for a in side.atoms(sp.Indexed):
                name = str(a.base.label)
                if layers.stem(name) in defined:
                    raise Unreadable(
                        f"{name} is defined in the document, but not where this claim is"
                    )

    def _stated_network(self, lhs: sp.Expr, rhs: sp.Expr, visible: Visible) -> Network | None:
        """The claim read with the layer the document stated (:mod:`.stated_layer`) when it
        writes that layer's weights, else None."""
        layer = self.stated_layer
        if layer is None:
            return None
        own = visible.get(layer.output + (f"^({layer.label})" if layer.label else ""))
        if own is None or own.offset != layer.offset:
            return None  # not visible here, or defined again

        def activation(argument: sp.Expr) -> sp.Expr:
            tokens = tokenize(rf"\{layer.activation}(a)", self.limits)
            body = read(tokens, self.scope, self.limits)
            (symbol,) = body.free_symbols
            return body.xreplace({symbol: argument})

        return network(
            layer, lhs, rhs, visible, self.piece.text, activation, self.missed, self.stated_pairs
        )

    def bare(self, first: Side) -> dict[str, tuple[sp.Expr, sp.Symbol]]:
        """When the chain starts with the derivative of a function of its variable
        (``\\frac{d}{dx}\\sigma(x)``), that function's name stands for it without an argument
        in the rest of the chain (``\\sigma(1-\\sigma)``); nowhere else."""
        try:
            subject = read_side(first.tokens, self.scope, self.limits).subject
        except Unreadable:
            return {}
        if subject is None:
            return {}
        name, function, variable = subject
        return {name: (function, variable)}

    def link(
        self,
        left: Side,
        right: Side,
        display: bool,
        bare: dict[str, tuple[sp.Expr, sp.Symbol]] | None = None,
    ) -> bool:
        rows = row_chains(right.tokens)
        if rows is not None:
            return self.rows(left, rows, display, bare)
        entry = jacobian_entry(left.tokens)
        if entry is not None:
            return self.jacobian_entry_link(entry, right, display, bare)
        if self._names_a_vector_definition(left, right):
            return self.vector_link(left, right, display)
        if self.vector_scope(right.offset, left, right).plain:
            return self.vector_link(left, right, display)  # vectors written without bold
        written, unread = f"{latex_of(left.tokens)} = {latex_of(right.tokens)}", ""
        try:
            lhs_side = self.side(left.tokens, bare)
            rhs_side = self.side(right.tokens, bare)
        except Unreadable as exc:
            if vectorish(left.tokens) or vectorish(right.tokens):
                return self.vector_link(left, right, display)
            try:  # functions the document leaves abstract (the chain rule with f and g)
                lhs_side = self.side(left.tokens, bare, abstract=True)
                rhs_side = self.side(right.tokens, bare, abstract=True)
                unread = exc.reason
            except Unreadable:
                offset = exc.offset if exc.offset is not None else right.offset
                self.skip(offset, exc.reason, display)
                return False
        lhs, rhs = lhs_side.expr, rhs_side.expr
        for named, body, offset in (*lhs_side.named, *rhs_side.named):
            self.annotation_names(named, body, offset)
        reading = "; ".join(dict.fromkeys(lhs_side.notes + rhs_side.notes))
        on_indices = index_cases(rhs)
        if on_indices is not None:
            if self.index_condition is not None:
                self.skip(right.offset, "cases on indices under a condition on indices", display)
                return False
            checked = False
            for value, condition in on_indices:
                checked |= self.claim(right, lhs, value, reading, display, index=condition)
            return checked
        split = equality_cases(rhs)
        if split is None and (has_equality_cases(lhs) or has_equality_cases(rhs)):
            self.skip(right.offset, _EQUALITY_PART, display)
            return False
        if split is None:
            return self.claim(
                right,
                lhs,
                rhs,
                reading,
                display,
                index=self.index_condition,
                written=written,
                unread=unread,
            )
        variables = {v for d in lhs.atoms(sp.Derivative) for v in d.variables}
        if any(symbol in variables for _, symbol, _ in split):
            self.skip(right.offset, "cases on values of the variable of the derivative", display)
            return False
        checked = False
        for value, symbol, number in split:
            checked |= self.claim(
                right, lhs, value, reading, display, conditions.equal(symbol, number)
            )
        return checked

    def jacobian_entry_link(
        self,
        entry: JacobianEntry,
        right: Side,
        display: bool,
        bare: dict[str, tuple[sp.Expr, sp.Symbol]] | None,
    ) -> bool:
        """``(∂f/∂x)_{ij} = R``: the entry read in the layout the document names, else in both
        (∂f_i/∂x_j and ∂f_j/∂x_i); one claim whose readings are the layouts read."""
        stated = self.vectors.layout_at(right.offset)
        layouts = (stated.layout,) if stated is not None else (NUMERATOR, DENOMINATOR)
        skipped, claims = len(self.reading.skipped), len(self.reading.claims)
        read: list[tuple[str, Located]] = []
        for layout in layouts:
            try:
                lhs_side = self.side(entry.derivative(layout), bare)
                rhs_side = self.side(right.tokens, bare)
            except Unreadable as exc:
                self.skip(
                    exc.offset if exc.offset is not None else right.offset, exc.reason, display
                )
                continue
            if index_cases(rhs_side.expr) is not None or has_equality_cases(rhs_side.expr):
                self.skip(right.offset, "cases in an entry of a Jacobian are not read", display)
                continue
            notes = [entry.shown(layout), *lhs_side.notes, *rhs_side.notes]
            if stated is not None:
                notes.append(f'{stated.layout} layout, as the document says ("{stated.text}")')
            reading = "; ".join(dict.fromkeys(notes))
            lhs, rhs = lhs_side.expr, rhs_side.expr
            if self.claim(right, lhs, rhs, reading, display, index=self.index_condition):
                read.append((layout, self.reading.claims.pop()))
        if not read:
            return False
        del self.reading.skipped[skipped:]  # a layout that is read is enough
        first = read[0][1].claim
        others: tuple[tuple[str, sp.Basic, sp.Basic], ...] = ()
        if len(read) > 1:
            others = tuple((f"{layout} layout", c.claim.lhs, c.claim.rhs) for layout, c in read)
        parts = (p for _, c in read for s in c.claim.sources for p in s.reading.split("; "))
        shown = "; ".join(dict.fromkeys(parts))
        if len(read) > 1:
            shown += "; the document names no layout: both are tried"
        claim = replace(
            first,
            sources=(Source(self.path, first.sources[0].location, shown),),
            readings=others,
        )
        assert len(self.reading.claims) == claims
        self.reading.claims.append(Located(claim, read[0][1].location))
        return True

    def _names_a_vector_definition(self, left: Side, right: Side) -> bool:
        """Whether a claim in index notation names what the document defined only in vector
        notation (``L = -\\mathbf{y}^T \\log \\hat{\\mathbf{y}}``, then ``∂L/∂z_i``): a name
        whose definition in index notation is missing or could not be read."""
        if vectorish(left.tokens) or vectorish(right.tokens):
            return False
        defined = self.vector_scope(right.offset).definitions
        names = self.definitions.visible(right.offset, self.piece.section).names
        return any(
            t.kind == "letter"
            and t.text in defined
            and not is_matrix(defined[t.text])  # a scalar (L, J), not a vector
            and (t.text not in names or names[t.text].body is None)
            for t in (*left.tokens, *right.tokens)
        )

    def side(
        self,
        tokens: list[Token],
        bare: dict[str, tuple[sp.Expr, sp.Symbol]] | None,
        *,
        abstract: bool = False,
    ) -> SideReading:
        """A side, evaluated at a point when it ends with ``\\big|_{x=a}``; with ``abstract``,
        the function letters the document does not define are abstract functions."""
        scope = replace(self.scope, abstract=True) if abstract else self.scope
        point = evaluation_point(tokens)
        if point is None:
            return read_side(tokens, scope, self.limits, bare)
        body, variable, value = point
        inner = read_side(body, scope, self.limits, bare)
        at = read_side(variable, self.scope, self.limits).expr
        where = read_side(value, self.scope, self.limits).expr
        if not isinstance(at, sp.Symbol):
            raise Unreadable("an evaluation |_{x=a} whose variable is not a symbol")
        note = f"evaluated at {at} = {printed(where)}"
        return SideReading(sp.Subs(inner.expr, at, where), (*inner.notes, note), None)

    def rows(
        self,
        left: Side,
        rows: list[tuple[list[Side], list[Token]]],
        display: bool,
        bare: dict[str, tuple[sp.Expr, sp.Symbol]] | None,
    ) -> bool:
        """A cases block whose rows are chains (``A = B = C & s = i``): each link of a row is a
        claim under the row's condition on indices, the first against the left side."""
        checked = False
        for row, condition_tokens in rows:
            condition = index_condition(
                " ".join(("\\" if t.kind == "cmd" else "") + t.text for t in condition_tokens)
            )
            if condition is None:
                self.skip(row[0].offset, "a case whose condition is not i = j or i ≠ j", display)
                continue
            saved, self.index_condition = self.index_condition, condition
            try:
                for a, b in itertools.pairwise([left, *row]):
                    checked |= self.link(a, b, display, bare)
            finally:
                self.index_condition = saved
        return checked

    def claim(
        self,
        right: Side,
        lhs: sp.Expr,
        rhs: sp.Expr,
        reading: str,
        display: bool,
        *hypotheses: Condition,
        index: sp.Basic | None = None,
        written: str = "",
        unread: str = "",
    ) -> bool:
        """Add the claim ``lhs = rhs`` (under ``hypotheses``) at the line of ``right``;
        ``written`` is its statement as the document writes it (shown for a claim about
        abstract functions, which SymPy prints poorly);
        ``unread`` why it could not be read without abstract functions."""
        if len(self.reading.claims) >= MAX_CLAIMS:
            raise NotesError(f"{self.path}: more than {MAX_CLAIMS} claims")
        renaming = renaming_of(lhs, rhs)
        if renaming:
            self.skip(right.offset, renaming, display)
            return False
        visible = self.definitions.visible(right.offset, self.piece.section)
        for name in list(visible.names):  # a later definition of a function wins
            if key(name) in self.scope.functions and any(
                n == key(name) and visible.names[name].offset < o < right.offset
                for n, _, _, o in self.functions
            ):
                del visible.names[name]
        if any(d.body is None for d in visible.names.values()):  # ŷ = σ(wᵀx), in vector notation
            visible = with_vector_values(visible, self.vector_scope(right.offset).definitions)
        if self.upcoming is not None:
            visible = replace(visible, later=self.upcoming.after(right.offset, self.piece.section))
        convention, standing = self.layers, None
        try:
            network_read = self._stated_network(lhs, rhs, visible)
            chain = None if network_read else chain_stand_in(lhs, rhs, visible, self._said_anywhere)
        except Unreadable as exc:
            self.skip(right.offset, exc.reason, display)
            return False
        if chain is not None:
            self.chained.update(chain.names)
            return self._stood_in_chain(right, chain, reading, hypotheses, index, written, display)
        if network_read is not None:
            lhs, rhs = network_read.lhs, network_read.rhs
            visible, convention = network_read.visible, network_read.convention
            reading = "; ".join(filter(None, [reading, network_read.note]))
        else:
            standing = stand_in(lhs, rhs, visible, right.offset)
        if standing is not None:  # a later definition of the name, if any, is read instead
            self.missed.add(standing.name)
            lhs, rhs = lhs.xreplace(standing.gradient), rhs.xreplace(standing.gradient)
            visible = replace(visible, names={**visible.names, standing.name: standing.definition})
        expansion = Expansion(visible, variables=variables_of(lhs, rhs), missed=self.missed)

        def one_index(name: str) -> bool:
            definition = visible.get(name)
            return definition is not None and len(definition.indices) == 1

        lhs, rhs, joined_notes = run_together.joined(lhs, rhs, one_index)
        if joined_notes:
            reading = "; ".join(filter(None, [reading, *joined_notes]))
        self.written.claims.extend((lhs, rhs))
        layered: tuple[sp.Symbol, ...] | None = None  # the sizes of a claim read by layers
        try:
            if convention is not None:
                lhs, rhs = by_layers(convention, lhs), by_layers(convention, rhs)
                expansion.variables = variables_of(lhs, rhs)
            lhs, rhs = expansion(lhs), expansion(rhs)
            if network_read is not None:
                assert self.stated_layer is not None
                self._defined_elsewhere(self.stated_layer.stems, lhs, rhs)
            superscript = layers.index_in_superscript(
                (lhs, rhs), run_together.index_names(lhs, rhs)
            )
            if superscript:
                raise Unreadable(superscript)
            if convention is not None and convention.applies(lhs, rhs):
                lhs, rhs, layered, ranged = convention.sized(lhs, rhs)
                size = layered[0] if layered else None
                if index is not None:
                    raise Unreadable("a condition on indices beside layers told by letters")
            else:
                lhs, rhs, ranged = from_one(lhs, rhs)
                try:
                    lhs, rhs, size = sized(lhs, rhs)
                except Unreadable as exc:
                    if not exc.reason.startswith("sums over different ranges") or index is not None:
                        raise
                    lhs, rhs, ranged = several(lhs, rhs, self._conditioned(right.offset))
                    size = None
            statement = written if has_abstract(lhs, rhs) or standing is not None else ""
            if index is not None:
                hot = {s.hot for s in self.stated if s.hot and s.offset < right.offset}
                lhs, rhs, statement = under_index(lhs, rhs, index, size, hot)
        except Unreadable as exc:
            self.skip(exc.offset if exc.offset is not None else right.offset, exc.reason, display)
            return False
        if has_abstract(lhs, rhs):
            names = ", ".join(abstract_names(lhs, rhs))
            if layered is not None:
                self.skip(
                    right.offset,
                    f"{names}: functions the document does not define, beside layers told by "
                    "index letters: whether the claim holds for every such function is not "
                    "decided",
                    display,
                )
                return False
            if not holds_for_every_function(lhs, rhs):
                why = unread or (
                    f"{names}: functions the document does not define (or whose definition "
                    "could not be read); the claim does not hold for every such function"
                )
                self.skip(right.offset, why, display)
                return False
            reading = "; ".join(
                x
                for x in (reading, f"{names} abstract: the claim is decided for every {names}")
                if x
            )
        notes = [*self.plain_notes, reading] if reading else list(self.plain_notes)
        notes += [ranged] if ranged else []
        stood = standing.definition if standing is not None else None
        used = used_text(
            (d for d in expansion.used.values() if d is not stood), expansion.visible.reached
        )
        if used:
            notes.append(used)
        notes.extend(expansion.notes)
        if functions := functions_note(self.reached_functions, self.piece.text):
            notes.append(functions)
        if standing is not None:
            notes.append(standing.note)
        stated: tuple[Condition, ...] = ()
        if size is not None:
            try:
                lhs, rhs, stated, more = self.conditions_for(right.offset, lhs, rhs, size)
                if layered is not None and (stated or more):
                    raise Unreadable("a stated condition beside layers told by letters")
            except Unreadable as exc:
                self.skip(right.offset, exc.reason, display)
                return False
            notes.extend(more)
        hypotheses = (*hypotheses, *stated)
        if size is not None and layered is None:
            self._candidates(lhs, rhs, size, stated)
        location = self.where(right.offset)
        line = self.place(right.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        when = "".join(f" (when {h.text})" for h in hypotheses)
        if index is not None:
            when += f" (when {shown_index(index)})"
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=f"{line}{when}",
            lhs=lhs,
            rhs=rhs,
            sources=(Source(self.path, line, "; ".join(notes)),),
            expected=Verdict.PROVED,
            conditions=hypotheses,
            statement=statement,
            arbitrary=(standing.name,) if standing is not None else (),
        )
        self.reading.claims.append(Located(claim, location))
        return True

    def _said(self) -> dict[str, list[Said]]:
        """Every definition of a name in the document so far, and the names it mentions
        (:mod:`derivations.read.undefined_chain`)."""
        return said_everywhere(
            self.definitions.found,
            ((n, self.line(o), v) for n, v, _, _, o in self.vectors.definitions),
            ((n, self.line(side.offset), side.tokens) for n, side in self.stated_names),
            ((n, f.line) for n, f, _, _ in self.functions),
        )

    def _visible_at(self, offset: int) -> Visible:
        """The definitions in index notation at ``offset``, with those after it."""
        visible = self.definitions.visible(offset, self.piece.section)
        if self.upcoming is not None:
            visible = replace(visible, later=self.upcoming.after(offset, self.piece.section))
        return visible

    def _said_anywhere(self) -> dict[str, list[Said]]:
        """:meth:`_said`, with what a reading before this one found after this place."""
        said = self._said()
        for name, found in self.said_everywhere.items():
            said.setdefault(name, []).extend(found)
        return said

    def _stood_in_chain(
        self,
        right: Side,
        chain: ChainStandIn,
        reading: str,
        hypotheses: tuple[Condition, ...],
        index: sp.Basic | None,
        written: str,
        display: bool,
    ) -> bool:
        """Add a claim read through linear stand-ins (:mod:`derivations.read.undefined_chain`)."""
        if index is not None or hypotheses:
            why = "a case of indices" if index is not None else "a condition"
            self.skip(right.offset, f"{why} beside functions left undefined: not read", display)
            return False
        self.written.claims.extend((chain.lhs, chain.rhs))
        notes = [*self.plain_notes, *([reading] if reading else []), chain.note]
        location = self.where(right.offset)
        line = self.place(right.offset)
        taken = sum(c.location == location for c in self.reading.claims)
        claim = Claim(
            id=location if not taken else f"{location}#{taken + 1}",
            title=line,
            lhs=chain.lhs,
            rhs=chain.rhs,
            sources=(Source(self.path, line, "; ".join(notes)),),
            expected=Verdict.PROVED,
            statement=written,
            readings=chain.readings,
            arbitrary=chain.names,
        )
        self.reading.claims.append(Located(claim, location))
        return True


def reads(
    text: str,
    path: str = "<string>",
    *,
    tex: bool = False,
    kind: str = "markdown",
    limits: Limits = DEFAULT,
) -> Reading:
    """The claims and skipped math of a document's text (``kind``: markdown, tex, notebook)."""
    blocks = document.parse(text, path, "tex" if tex else kind)
    pieces = [_piece(b) for b in blocks.blocks if not b.pinned]
    scopes = _scopes(blocks.blocks, blocks)

    def new() -> _Document:
        reader = _Document(path, blocks.text, limits, blocks)
        reader.definitions.scopes = reader.vectors.scopes = scopes
        return reader

    def run(reader: _Document) -> None:
        reader.stated.extend(one_hot_statements(blocks.text, pieces, reader.line))
        for block in blocks.blocks:
            status = _block(reader, block)
            if block.display:
                reader.reading.display[status if status != "ignored" else "skipped"] += 1

    return _readings(new, run).reading


#: At most this many readings of a document: the first finds the definitions that come after
#: a claim and layers told by index letters; the next ones read with them.
READINGS = 3


def _readings(new: Callable[[], _Document], run: Callable[[_Document], None]) -> _Document:
    """Read a document again while a reading finds what the one before it lacked: the
    definitions that come after a claim (:func:`_read_again`), or layers told by index letters
    (:mod:`derivations.read.index_layers`; without them, a circular definition)."""
    upcoming: Definitions | None = None
    convention: index_layers.Convention | None = None
    said: dict[str, list[Said]] = {}
    again = True  # whether a reading may still be repeated for the definitions after a claim
    for count in range(1, READINGS + 1):
        reader = new()
        reader.upcoming, reader.layers = upcoming, convention
        reader.said_everywhere = said
        try:
            run(reader)
        except CircularDefinition:
            found = index_layers.convention(reader.written)
            if found is None or found == convention or count == READINGS:
                raise
            upcoming, convention = None, found
            continue
        found = index_layers.convention(reader.written)
        if found == convention and not (again and _read_again(reader)):
            break
        said = reader._said()
        if found == convention:
            again = False
            upcoming = reader.definitions
        elif convention is None and found is not None:
            upcoming = index_layers.renamed_definitions(reader.definitions, found)
        else:
            upcoming = None
        convention = found
    return reader


def _read_again(reader: _Document) -> bool:
    """Whether a second reading, with every definition known, can differ from the first: only
    where a claim looked up a name that no definition before it gave and that the document
    defines somewhere (the only use of the definitions that come after a claim), or where a
    family was stood in for that the document defines somewhere (a definition after the claim
    may make the order of dependency uncertain)."""
    return bool(reader.missed & {d.name for d in reader.definitions.found}) or bool(
        reader.chained & set(reader._said())
    )


def _scopes(
    pieces: Iterable[document.Block | Math], doc: document.Document | None = None
) -> Scopes:
    """Where the document's definitions hold: the setup sections (:mod:`.setups`)."""
    setups = setup_sections(
        (
            p.section,
            p.text,
            not isinstance(p, document.Block) or p.stance in ("", document.SUPPOSITION),
        )
        for p in pieces
    )
    if doc is None:
        return Scopes(setups)
    return Scopes(setups, changing_sections(doc.text, doc.headings, doc.section_at))


def _block(reader: _Document, block: document.Block) -> str:
    """Read one block with its stance and marker: status checked, definition, skipped, ignored.

    Asked and exercised math is not read; a supposition is read for its definitions, and its
    claims are skipped; the claims of a block under ``expect refuted`` expect that verdict.
    """
    reason = MARKER_SKIP if block.marker == "skip" else block.stance
    if reason and reason != document.SUPPOSITION:
        if block.display or states_derivative(block, reader.limits):
            reader.skip(block.offset, reason, block.display)
            return "skipped"
        return "ignored"
    first, skips = len(reader.reading.claims), len(reader.reading.skipped)
    piece = _piece(block)
    reader.pinned = block.offset if block.pinned else None
    try:
        status = reader.math(piece)
    finally:
        reader.pinned = None
    added = reader.reading.claims[first:]
    if reason:  # a supposition: its definitions stand, its claims are not claims
        del reader.reading.claims[first:]
        for located in added:
            reader.reading.skipped.append(Skip(located.location, reason, block.display))
        return "skipped" if added or status == "skipped" else status
    expected = Verdict.REFUTED if block.marker == "expect refuted" else Verdict.PROVED
    if block.condition and added:
        kept = []
        for located in added:
            conditioned = under_sign(located.claim, block.condition)
            if isinstance(conditioned, str):  # a condition the reader does not apply: no claim
                reader.reading.skipped.append(Skip(located.location, conditioned, block.display))
            else:
                kept.append(Located(conditioned, located.location))
        status = status if kept else "skipped"
        added = kept
    reader.reading.claims[first:] = [with_block(located, block, expected) for located in added]
    own = [s for s in reader.reading.skipped[skips:] if s.display and s.reason != NOTATIONS]
    if status == "definition" and block.display and own and states_derivative(block, reader.limits):
        status = "skipped"  # f(x) = x^2 ⇒ f'(x) = …: its definition does not hide the claim
    if status == "skipped" and block.display and states_derivative(block, reader.limits):
        # at the first piece skipped with its reason, else at the equation
        own = [s for s in reader.reading.skipped[skips:] if s.display]
        if not (own and all(s.reason == NOTATIONS for s in own)):
            reader.reading.unread.append(own[0].location if own else block.location)
    return status


def read_math(
    text: str, pieces: list[Math], path: str = "<string>", *, limits: Limits = DEFAULT
) -> Reading:
    """The claims and skipped math of a document whose math was found by another stage
    (a Markdown or notebook reader that knows each piece's section)."""
    scopes = _scopes(pieces)

    def new() -> _Document:
        document = _Document(path, text, limits)
        document.definitions.scopes = document.vectors.scopes = scopes
        return document

    def run(document: _Document) -> None:
        document.stated.extend(one_hot_statements(text, pieces, document.line))
        for piece in sorted(pieces, key=lambda p: p.offset):
            status = document.math(piece)
            if piece.display:
                document.reading.display[status if status != "ignored" else "skipped"] += 1

    return _readings(new, run).reading


def read_file(path: str | Path, *, as_: str | None = None, limits: Limits = DEFAULT) -> Reading:
    """The claims of the notes at ``path``; ``as_`` is ``markdown``, ``tex`` or ``notebook``
    (else by suffix)."""
    shown = str(path)
    text = read_text(path, max_bytes=MAX_FILE_BYTES, error=NotesError)
    return reads(text, shown, kind=as_ or kind_of(shown), limits=limits)


def kind_of(path: str) -> str:
    """markdown, tex or notebook, by the file's suffix (Markdown when it is another)."""
    suffix = Path(path).suffix.lower()
    return (
        "tex" if suffix in (".tex", ".latex") else "notebook" if suffix == ".ipynb" else "markdown"
    )
