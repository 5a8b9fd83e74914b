r"""The state of one reading of a notes document (:mod:`derivations.read.notes`): the
definitions, functions, stated conditions, vectors and layers read so far; where an offset of the
document is (its line, its place); the math skipped with the reason; the vector scope of the
piece being read."""

from __future__ import annotations

from bisect import bisect_right

import sympy as sp

from derivations.read import document, index_layers
from derivations.read.chains import Side
from derivations.read.claim_sides import scalar_functions
from derivations.read.definitions import Definitions, Section
from derivations.read.latex import Function, Scope, Token
from derivations.read.limits import Limits
from derivations.read.one_hot import Stated
from derivations.read.plain_vectors import bold_names, vectors_without_bold
from derivations.read.reading import Math, Reading, Skip
from derivations.read.stated_layer import StatedLayer
from derivations.read.undefined_chain import Said
from derivations.read.vector_claims import VectorState
from derivations.read.vectors import VectorScope


class ReaderState:
    """What a reading of a document has read so far, and where it is."""

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
        #: Names a claim looked up where no definition was visible (see
        #: :func:`derivations.read.notes._read_again`).
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
