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
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import sympy as sp

from derivations.model import Source, Verdict
from derivations.read import document, index_layers
from derivations.read.block_claims import states_derivative, under_sign, with_block
from derivations.read.chains import (
    Side,
    chains,
    evaluation_point,
    has_derivative,
    row_chains,
    without_arrow,
)
from derivations.read.composition import uncomposed, without_label, without_remark
from derivations.read.definitions import CircularDefinition, Definition, Definitions
from derivations.read.display_vectors import PlainVector, emboldened, plain_vectors
from derivations.read.document import MARKER_SKIP
from derivations.read.head_calls import arguments, head_name, without_head_calls
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
from derivations.read.layers import name_of
from derivations.read.limits import DEFAULT, Limits
from derivations.read.one_hot import Stated, one_hot_statements
from derivations.read.reading import MAX_CLAIMS as MAX_CLAIMS
from derivations.read.reading import Located as Located
from derivations.read.reading import Math as Math
from derivations.read.reading import NotesError as NotesError
from derivations.read.reading import Reading as Reading
from derivations.read.reading import Skip as Skip
from derivations.read.setups import (
    Entry,
    Scopes,
    changing_sections,
    generic_function,
    setup_sections,
)
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
from derivations.read.stated_layer import stated_layer
from derivations.read.statements import consequence_at
from derivations.read.statements import index_condition as index_condition
from derivations.read.statements import statements as statements
from derivations.read.text import read_text
from derivations.read.undefined_chain import Said, stated_name
from derivations.read.vector_links import VectorLinks
from derivations.read.vectors import Unify, VectorScope, read_vector_side, vectorish
from derivations.symbolic import conditions
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR, is_matrix
from derivations.symbolic.printing import text as printed

_EQUALITY_PART = "a cases block on values (y = 1, y = 0) is read only as a whole side of a claim"
MAX_FILE_BYTES = 2_000_000
#: Why a list of notations (``\\frac{df}{dx} = D_x f = f^\\prime``) is not a claim; such a
#: display states no derivative's value, and ``--strict`` does not count it as unread.
NOTATIONS = "equivalent notations for one derivative, not a claim about its value"


# --- finding the math ---------------------------------------------------------------------------


def find_math(text: str, *, tex: bool = False) -> list[Math]:
    """Every piece of math of a document, in order of position, with its section, the prose
    before it and its tag (the document stage's blocks; table rows are not pieces of the text)."""
    blocks = document.parse(text, kind="tex" if tex else "markdown").blocks
    return [_piece(b) for b in blocks if not b.pinned]


def _piece(block: document.Block) -> Math:
    return Math(block.text, block.offset, block.display, block.section, block.before, block.tag)


# --- reading a document ------------------------------------------------------------------------


class _Document(VectorLinks):
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
