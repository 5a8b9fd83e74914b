r"""An entry of a Jacobian, written with a subscript on the parenthesised derivative.

``\left(\frac{\partial \mathbf{f}}{\partial \mathbf{x}}\right)_{ij}`` is the (i, j) entry of the
derivative of the vector f by the vector x. Which partial derivative that is depends on the
layout: in numerator layout (the Jacobian, f down the rows) the entry (i, j) is ∂f_i/∂x_j; in
denominator layout (x down the rows) it is ∂f_j/∂x_i. :func:`jacobian_entry` recognises the
notation and gives the tokens of each reading, written in index notation
(``\frac{\partial f_i}{\partial x_j}``), so that the index reader decides the claim with the
document's definition of the components ``f_i``; the caller tries the layout the document
names, else both.
"""

from __future__ import annotations

from dataclasses import dataclass

from derivations.read.latex import Token
from derivations.symbolic.matrix_calculus import DENOMINATOR, NUMERATOR

_BOLD = frozenset({"mathbf", "boldsymbol", "bm", "vec"})
_FRACTIONS = frozenset({"frac", "dfrac", "tfrac", "cfrac"})
#: Letters read as the indices of an entry.
_INDEX_LETTERS = frozenset("ijklmpq")


@dataclass(frozen=True)
class JacobianEntry:
    """The entry ``(row, column)`` of ∂function/∂variable (names of bold vectors)."""

    function: str
    variable: str
    row: str
    column: str
    offset: int

    def derivative(self, layout: str) -> list[Token]:
        """``\\frac{\\partial f_a}{\\partial x_b}``: the entry read in ``layout``."""
        numerator, denominator = (
            (self.row, self.column) if layout == NUMERATOR else (self.column, self.row)
        )
        o = self.offset
        texts = [
            ("cmd", "frac"),
            ("char", "{"),
            ("cmd", "partial"),
            ("letter", self.function),
            ("char", "_"),
            ("letter", numerator),
            ("char", "}"),
            ("char", "{"),
            ("cmd", "partial"),
            ("letter", self.variable),
            ("char", "_"),
            ("letter", denominator),
            ("char", "}"),
        ]
        return [Token(kind, text, o) for kind, text in texts]

    def shown(self, layout: str) -> str:
        a, b = (self.row, self.column) if layout == NUMERATOR else (self.column, self.row)
        return (
            f"entry ({self.row}, {self.column}) of ∂{self.function}/∂{self.variable} read as "
            f"∂{self.function}_{a}/∂{self.variable}_{b} ({layout} layout)"
        )


def _bold_letter(tokens: list[Token]) -> str | None:
    """The letter of ``\\mathbf{f}`` (or ``\\mathbf f``), lower case."""
    texts = [t.text for t in tokens]
    if len(tokens) == 4 and texts[0] in _BOLD and texts[1] == "{" and texts[3] == "}":
        letter = tokens[2]
    elif len(tokens) == 2 and texts[0] in _BOLD:
        letter = tokens[1]
    else:
        return None
    return letter.text if letter.kind == "letter" and letter.text.islower() else None


def _group(tokens: list[Token], start: int) -> tuple[list[Token], int] | None:
    """The tokens of the ``{…}`` group at ``start`` and the index after it."""
    if start >= len(tokens) or tokens[start].text != "{":
        return None
    depth = 0
    for k in range(start, len(tokens)):
        if tokens[k].text == "{" and tokens[k].kind == "char":
            depth += 1
        elif tokens[k].text == "}" and tokens[k].kind == "char":
            depth -= 1
            if depth == 0:
                return tokens[start + 1 : k], k + 1
    return None


def _indices(tokens: list[Token]) -> tuple[str, str] | None:
    """``ij``, ``{ij}``, ``{i,j}``, ``{i j}`` after ``_``: two different index letters."""
    letters = [t for t in tokens if t.text not in ("{", "}", ",")]
    if len(letters) != 2 or any(
        t.kind != "letter" or t.text not in _INDEX_LETTERS for t in letters
    ):
        return None
    if letters[0].text == letters[1].text:
        return None
    return letters[0].text, letters[1].text


def jacobian_entry(tokens: list[Token]) -> JacobianEntry | None:
    """The entry when a side is exactly ``(\\frac{\\partial \\mathbf{f}}{\\partial
    \\mathbf{x}})_{ij}`` (``\\left(``/``\\right)`` already dropped by the tokenizer)."""
    if len(tokens) < 8 or tokens[0].text != "(" or tokens[1].text not in _FRACTIONS:
        return None
    top = _group(tokens, 2)
    if top is None:
        return None
    bottom = _group(tokens, top[1])
    if bottom is None:
        return None
    after = bottom[1]
    if after + 2 > len(tokens) or tokens[after].text != ")" or tokens[after + 1].text != "_":
        return None
    rest = tokens[after + 2 :]
    if not rest:
        return None
    subscript = _group(rest, 0) if rest[0].text == "{" else ([rest[0]], 1)
    if subscript is None or subscript[1] != len(rest):
        return None
    indices = _indices(subscript[0])
    if top[0][:1] == [] or bottom[0][:1] == []:
        return None
    if top[0][0].text != "partial" or bottom[0][0].text != "partial":
        return None
    function, variable = _bold_letter(top[0][1:]), _bold_letter(bottom[0][1:])
    if indices is None or function is None or variable is None or function == variable:
        return None
    return JacobianEntry(function, variable, indices[0], indices[1], tokens[0].offset)


__all__ = ("DENOMINATOR", "NUMERATOR", "JacobianEntry", "jacobian_entry")
