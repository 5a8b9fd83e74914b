r"""Vectors written without bold, read as vectors only where the display makes it certain.

Notes often write a vector as a plain letter (``\hat{y}``, ``y``). A plain letter is a scalar
unless the display itself shows that it is a vector: it stands inside a Euclidean norm written
with its subscript 2 (``\left\Vert \hat{y}-y\right\Vert_2``, ``\|x\|_2^2``) **and** the same
display writes its components with an index (``(\hat{y})_i``, ``\hat{y}_i``, ``y_i``). A norm
alone is not enough (the norm of a number is its absolute value), nor are components alone
(``y_i`` may be a family without a vector). A letter is a vector too where the display, or
the sentence leading into it, states it in a space of symbolic length (``\hat{y}, y \in
\mathbb{R}^n``; not ``\mathbb{R}^3``). Where it is certain, the letters are rewritten as
bold vectors (``\mathbf{\hat{y}}``, ``\mathbf{y}``) in that display, and their components
``(\hat{y})_i`` as ``\hat{y}_i``, so that the vector reader (:mod:`derivations.read.vectors`)
reads the display; the reading says which evidence made each letter a vector.

:func:`word_head` gives the name of a side that starts with a letter or a named function
(``L(…)``, ``\ell(…)``, ``\mathcal{L}(…)``, ``\text{div}(…)``, ``\operatorname{div}(…)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derivations.read.latex import Token
from derivations.read.plain_vectors import bold_names

_WORD_COMMANDS = frozenset({"mathrm", "operatorname", "text", "textrm"})
_NORM_BARS = {"Vert": "Vert", "lVert": "rVert", "|": "|"}
_ACCENTS = frozenset({"hat", "widehat", "bar", "tilde"})
_SCRIPTS = {"mathcal": "cal", "mathscr": "scr"}
_BOLD = frozenset({"mathbf", "boldsymbol", "bm", "vec"})
#: Letters read as the index of a component (``y_i``); not t (a time step) nor n (a size).
_INDEX_LETTERS = frozenset("ijklm")


def word_head(tokens: list[Token]) -> tuple[str, list[Token]] | None:
    """``(name, rest)`` when a side starts with a letter (``L``) or a word in ``\\text``,
    ``\\mathrm``, ``\\operatorname`` (``\\text{div}``): the name and the tokens after it."""
    if tokens and (
        tokens[0].kind == "letter" or (tokens[0].kind, tokens[0].text) == ("cmd", "ell")
    ):
        return tokens[0].text, tokens[1:]  # L, \ell (the name ell, as the parser spells it)
    texts = [t.text for t in tokens[:4]]
    scripted = len(tokens) > 4 and texts[0] in _SCRIPTS and texts[1] == "{" and texts[3] == "}"
    if scripted and tokens[2].kind == "letter":  # \mathcal{L}: Lcal, as the parser spells it
        return tokens[2].text + _SCRIPTS[texts[0]], tokens[4:]
    if len(tokens) < 4 or tokens[0].text not in _WORD_COMMANDS or tokens[1].text != "{":
        return None
    close = next((k for k, t in enumerate(tokens) if t.text == "}"), None)
    if close is None:
        return None
    name = "".join(t.text for t in tokens[2:close])
    if not re.fullmatch(r"[A-Za-z]{2,}", name) or any(t.kind != "letter" for t in tokens[2:close]):
        return None
    return name, tokens[close + 1 :]


@dataclass(frozen=True)
class Implied(Token):
    """A token the reader adds to what the document wrote (the ``\\mathbf{…}`` around a plain
    vector): left out where a claim's LaTeX is shown (:func:`as_written`)."""


def as_written(tokens: list[Token]) -> list[Token]:
    """The tokens as the document wrote them (without the reader's :class:`Implied` ones)."""
    return [t for t in tokens if not isinstance(t, Implied)]


@dataclass(frozen=True)
class PlainVector:
    """A plain letter (``y``, or ``yhat`` for ``\\hat{y}``) that the display shows is a vector,
    and why (shown in the claim's reading)."""

    name: str
    why: str


def _protected(tokens: list[Token]) -> set[int]:
    """The positions of tokens that are not letters of the formula: a subscript or an
    exponent (``_{i=1}``, ``^n``), a word (``\\text{div}``), a bold group (``\\mathbf{y}``)."""
    found: set[int] = set()
    for k, tok in enumerate(tokens):
        if not (tok.text in ("_", "^") or tok.text in _WORD_COMMANDS or tok.text in _BOLD):
            continue
        if tok.text == "_" and k > 0 and tokens[k - 1].text == "nabla":
            continue  # ∇_{\hat{y}}: the variable, a letter of the formula
        j = k + 1
        if j < len(tokens) and tokens[j].text == "{":
            depth = 0
            while j < len(tokens):
                depth += tokens[j].text == "{"
                depth -= tokens[j].text == "}"
                found.add(j)
                if depth == 0:
                    break
                j += 1
        elif j < len(tokens):
            found.add(j)
    return found


def _letter_at(tokens: list[Token], k: int, protected: set[int]) -> tuple[str, str, int] | None:
    """``(letter, accent, end)`` for a plain letter or an accented plain letter
    (``\\hat{y}``, ``\\hat y``) starting at ``k``; ``end`` is the index after it."""
    if k in protected:
        return None
    tok = tokens[k]
    if tok.kind == "letter":
        return tok.text, "", k + 1
    if tok.kind != "cmd" or tok.text not in _ACCENTS:
        return None
    texts = [t.text for t in tokens[k + 1 : k + 4]]
    if len(texts) == 3 and texts[0] == "{" and texts[2] == "}" and tokens[k + 2].kind == "letter":
        return texts[1], tok.text, k + 4
    if texts and tokens[k + 1].kind == "letter":
        return texts[0], tok.text, k + 2
    return None


def _name(letter: str, accent: str) -> str:
    return letter + ("hat" if accent in ("hat", "widehat") else accent)


def _subscripted(tokens: list[Token], end: int) -> bool:
    """Whether an index subscript (``_i``, ``_{i}``) follows at ``end``."""
    if end >= len(tokens) or tokens[end].text != "_":
        return False
    body = tokens[end + 1 : end + 4]
    texts = [t.text for t in body]
    if body and body[0].kind == "letter" and body[0].text in _INDEX_LETTERS:
        return True
    return texts[:1] == ["{"] and len(texts) >= 3 and texts[1] in _INDEX_LETTERS and texts[2] == "}"


def _components(tokens: list[Token]) -> dict[str, str]:
    """The plain names whose components the tokens write (``y_i``, ``\\hat{y}_i``,
    ``(\\hat{y})_i``), each with how it is written."""
    found: dict[str, str] = {}
    protected = _protected(tokens)
    for k in range(len(tokens)):
        at = _letter_at(tokens, k, protected)
        if at is None:
            continue
        letter, accent, end = at
        name = _name(letter, accent)
        shown = ("\\" + accent + "{" + letter + "}") if accent else letter
        if _subscripted(tokens, end):
            found.setdefault(name, f"{shown}_i")
        elif (
            k > 0
            and tokens[k - 1].text == "("
            and end < len(tokens)
            and tokens[end].text == ")"
            and _subscripted(tokens, end + 1)
        ):
            found.setdefault(name, f"({shown})_i")
    return found


def _norm_letters(tokens: list[Token]) -> set[str]:
    """The plain names inside a norm written with its subscript 2 (``\\Vert v \\Vert_2``,
    ``\\Vert v \\Vert^2_2``)."""
    found: set[str] = set()
    protected = _protected(tokens)
    k = 0
    while k < len(tokens):
        closer = _NORM_BARS.get(tokens[k].text) if tokens[k].kind == "cmd" else None
        if closer is None:
            k += 1
            continue
        end = next(
            (
                j
                for j in range(k + 1, len(tokens))
                if tokens[j].kind == "cmd" and tokens[j].text == closer
            ),
            None,
        )
        if end is None:
            return found
        after = [t.text for t in tokens[end + 1 : end + 8] if t.text not in ("{", "}")]
        two = after[:2] == ["_", "2"] or after[:4] == ["^", "2", "_", "2"]
        if two:
            for j in range(k + 1, end):
                at = _letter_at(tokens, j, protected)
                if at is None or not at[0].islower() or _subscripted(tokens, at[2]):
                    continue  # a capital may be a matrix (‖A‖₂ is its spectral norm)
                if at[2] < len(tokens) and tokens[at[2]].text == "(":
                    continue  # a function, f(x)
                found.add(_name(at[0], at[1]))
        k = end + 1
    return found


_LETTER = (
    r"(?:\\(?:hat|widehat)\s*\{\s*[a-z]\s*\}|\\(?:hat|widehat)\s+[a-z]|(?<![\\A-Za-z_^{])[a-z])"
)
_STATED = re.compile(
    r"(" + _LETTER + r"(?:\s*,\s*" + _LETTER + r")*)\s*\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^"
    r"\s*(?:\{\s*([a-zA-Z])\s*\}|([a-zA-Z]))(?![A-Za-z_^])"
)


def stated_vectors(text: str) -> dict[str, PlainVector]:
    """The plain letters stated in a space of vectors of a symbolic length in ``text``
    (``\\hat{y}, y \\in \\mathbb{R}^n``): vectors. A stated number (``\\mathbb{R}^3``) is
    not read (a claim true at that size only would be decided at every size), nor
    ``\\mathbb{R}^{m \\times n}``."""
    found: dict[str, PlainVector] = {}
    for m in _STATED.finditer(text):
        size = m.group(2) or m.group(3)
        for written in re.split(r"\s*,\s*", m.group(1)):
            letter = re.sub(r"\\(?:hat|widehat)|[\s{}]", "", written)
            name = letter + ("hat" if "hat" in written else "")
            why = f"{name} read as a vector: the document states {written} in ℝ^{size}"
            found.setdefault(name, PlainVector(name, why))
    return found


def plain_vectors(tokens: list[Token], stated: str = "") -> dict[str, PlainVector]:
    """The plain letters of a display that are vectors for certain: inside a 2-norm, with
    their components written in the same display; or stated in ℝ^n in ``stated`` (the
    display and the sentence that leads into it)."""
    components = _components(tokens)
    found: dict[str, PlainVector] = dict(stated_vectors(stated)) if stated else {}
    # one name written plain and bold around the display: two things, or one? not certain
    for name in bold_names(stated) & set(found):
        del found[name]
    for name in sorted(_norm_letters(tokens)):
        if name in components:
            why = (
                f"{name} read as a vector: it stands in a 2-norm and its components are "
                f"written {components[name]} in the same display"
            )
            found.setdefault(name, PlainVector(name, why))
    return found


def emboldened(tokens: list[Token], vectors: dict[str, PlainVector]) -> list[Token]:
    """The tokens with each plain vector written bold (``y`` → ``\\mathbf{y}``, ``\\hat{y}`` →
    ``\\mathbf{\\hat{y}}``) and its parenthesised components unwrapped (``(\\hat{y})_i`` →
    ``\\hat{y}_i``); components ``y_i`` are left as written."""
    out: list[Token] = []
    protected = _protected(tokens)
    k = 0
    while k < len(tokens):
        at = _letter_at(tokens, k, protected)
        if at is None or _name(at[0], at[1]) not in vectors:
            out.append(tokens[k])
            k += 1
            continue
        _, accent, end = at
        tok = tokens[k]
        written = tokens[k:end]
        if _subscripted(tokens, end):
            out.extend(written)
        elif (
            out
            and out[-1].text == "("
            and end < len(tokens)
            and tokens[end].text == ")"
            and (_subscripted(tokens, end + 1))
        ):
            out.pop()
            out.extend(written)
            end += 1  # the closing parenthesis
        else:
            letter_tok = tokens[k + 2] if accent and tokens[k + 1].text == "{" else tokens[end - 1]
            # \mathbf{\hat{y}} (not \hat{\mathbf{y}}): the form both readers read
            inner = [
                tok,
                Token("char", "{", tok.offset),
                letter_tok,
                Token("char", "}", tok.offset),
            ]
            out.extend(
                [
                    Implied("cmd", "mathbf", tok.offset),
                    Implied("char", "{", tok.offset),
                    *(inner if accent else [letter_tok]),
                    Implied("char", "}", tok.offset),
                ]
            )
        k = end
    return out


__all__ = (
    "Implied",
    "PlainVector",
    "as_written",
    "emboldened",
    "plain_vectors",
    "stated_vectors",
    "word_head",
)
