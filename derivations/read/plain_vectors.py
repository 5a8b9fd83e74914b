r"""Vectors written without bold: which plain letters of a formula are vectors.

Notes drop the bold or the arrow often (handwriting, OCR, haste). A plain letter is read as a
vector only where the document says so:

* it declares the plain letter a vector (``x \in \mathbb{R}^n``, ``\mathbb{R}^{n \times 1}``)
  and never writes that letter bold or arrowed (then the plain one would be another thing: a
  scalar beside the vector), from the declaration on; or
* the formula transposes a plain letter (``w^T x``) that the document has written bold
  before (``\vec{w}``): the author dropped the arrows in this formula, so every plain name of
  it that the document has written bold (``w``, ``x_i`` for ``\vec{x}_i``) is that vector.

>>> sorted(bold_names(r"\vec{w}^T \vec{x}_i + \mathbf{A}"))
['A', 'w', 'x', 'x_i']
>>> from derivations.read.latex import tokenize
>>> sorted(transposed_plain(tokenize(r"w^T x_i + y_{k}^\top")))
['w', 'y_k']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from derivations.read.latex import Token

_BOLD_NAME = re.compile(
    r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*([A-Za-z])\s*\}?(?:\s*_\s*(?:\{\s*([A-Za-z0-9]+)\s*\}|([A-Za-z0-9])))?"
)
#: Commands whose argument is not a plain letter of the formula (``\vec{w}``, ``\text{T}``).
_ARGUMENT_TAKING = frozenset(
    {
        *("mathbf", "boldsymbol", "bm", "vec", "pmb", "mathbfit", "hat", "widehat", "bar"),
        *("tilde", "overline", "dot", "ddot", "text", "textrm", "textbf", "textit", "mathrm"),
        *("operatorname", "mathit", "mathsf", "mathcal", "mathbb", "begin", "end", "label"),
    }
)
_TRANSPOSES = (["T"], ["top"], ["{", "T", "}"], ["{", "top", "}"], ["intercal"])


def bold_names(text: str, end: int | None = None) -> set[str]:
    """The names the text writes bold or arrowed (before ``end``), with and without their
    subscript."""
    names: set[str] = set()
    for m in _BOLD_NAME.finditer(text, 0, len(text) if end is None else end):
        names.add(m.group(1))
        subscript = m.group(2) or m.group(3)
        if subscript:
            names.add(f"{m.group(1)}_{subscript}")
    return names


def _name_at(tokens: list[Token], k: int) -> tuple[str, int]:
    """The plain name at ``k`` (a letter with a subscript of letters and digits) and the index
    after it."""
    name = tokens[k].text
    j = k + 1
    if j < len(tokens) and tokens[j].text == "_":
        if j + 1 < len(tokens) and tokens[j + 1].kind in ("letter", "number"):
            return f"{name}_{tokens[j + 1].text}", j + 2
        if j + 1 < len(tokens) and tokens[j + 1].text == "{":
            close = next((m for m in range(j + 2, len(tokens)) if tokens[m].text == "}"), None)
            inner = tokens[j + 2 : close] if close is not None else []
            if close is not None and inner and all(t.kind in ("letter", "number") for t in inner):
                return f"{name}_{''.join(t.text for t in inner)}", close + 1
    return name, j


def _plain_letter(tokens: list[Token], k: int) -> bool:
    """A letter token not inside a command's argument (``\\vec{w}``, ``\\text{T}``)."""
    if tokens[k].kind != "letter":
        return False
    before = tokens[k - 1] if k >= 1 else None
    two_before = tokens[k - 2] if k >= 2 else None
    if before is not None and before.kind == "cmd" and before.text in _ARGUMENT_TAKING:
        return False
    return not (
        before is not None
        and before.text == "{"
        and two_before is not None
        and two_before.kind == "cmd"
        and two_before.text in _ARGUMENT_TAKING
    )


def plain_names(tokens: list[Token]) -> set[str]:
    """The plain names of a formula (letters with their subscripts)."""
    return {_name_at(tokens, k)[0] for k in range(len(tokens)) if _plain_letter(tokens, k)}


def transposed_plain(tokens: list[Token]) -> set[str]:
    """The plain names a formula transposes (``w^T``, ``x_i^\\top``)."""
    found: set[str] = set()
    for k in range(len(tokens)):
        if not _plain_letter(tokens, k):
            continue
        name, after = _name_at(tokens, k)
        if after < len(tokens) and tokens[after].text == "^":
            ahead = [t.text for t in tokens[after + 1 : after + 4]]
            if any(ahead[: len(t)] == t for t in _TRANSPOSES):
                found.add(name)
    return found


def vectors_without_bold(
    tokens: Iterable[Token], bold: set[str], declared_plain: set[str], bold_before: set[str]
) -> frozenset[str]:
    """The plain names of the formula that are vectors (see the module docstring): ``bold``
    are the names the document writes bold anywhere, ``bold_before`` those it has written
    bold before the formula (a vector whose arrow is dropped was introduced with it)."""
    tokens = list(tokens)
    names = plain_names(tokens)
    vectors = {n for n in names if n in declared_plain and n not in bold}
    if transposed_plain(tokens) & bold_before:
        vectors |= names & bold_before
    return frozenset(vectors)


__all__ = ("bold_names", "plain_names", "transposed_plain", "vectors_without_bold")
