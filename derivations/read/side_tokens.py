r"""Predicates on the tokens of one side of a chain: whether it is one bold vector (or one
applied to bold vectors), a function of plain names read as vectors, a matrix beside a bold
vector, a bare prime (``f'``), a statement of membership in a set, or one expression that may be
passed over in its chain; and its LaTeX as written."""

from __future__ import annotations

import itertools

from derivations.read.chains import Side, split_at
from derivations.read.display_vectors import as_written, word_head
from derivations.read.latex import Token, top_level
from derivations.read.vectors import BOLD

_BOLD_COMMANDS = frozenset({"mathbf", "boldsymbol", "bm", "vec"})


def matrix_beside_bold(tokens: list[Token]) -> bool:
    """Whether a capital letter (a matrix, among vectors) multiplies a bold vector:
    ``B\\mathbf{x}``, ``W^T\\mathbf{x}``, ``A^{\\top} \\mathbf{y}``."""
    for k, tok in enumerate(tokens):
        if tok.kind != "letter" or not tok.text.isupper():
            continue
        j = k + 1
        if j + 1 < len(tokens) and tokens[j].text == "^":  # a transpose between
            j += 1
            if tokens[j].text == "{":
                depth = 0
                while j < len(tokens):
                    depth += {"{": 1, "}": -1}.get(tokens[j].text, 0)
                    j += 1
                    if depth == 0:
                        break
            else:
                j += 1
        if j < len(tokens) and tokens[j].kind == "cmd" and tokens[j].text in _BOLD_COMMANDS:
            return True
    return False


def bare_prime(tokens: list[Token]) -> bool:
    """Whether the tokens are a name with a prime and no argument: ``f'``, ``f^\\prime``,
    ``\\sigma'`` (the tokenizer writes every prime ``'``; a full stop or comma after it aside)."""
    kept = [t for t in tokens if not (t.kind == "char" and t.text in ".,")]
    return (
        len(kept) == 2
        and kept[0].kind in ("letter", "cmd")
        and (kept[1].kind, kept[1].text) == ("char", "'")
    )


def states_a_set(tokens: list[Token]) -> bool:
    """``\\mathbf{x} \\in \\mathbb{R}^{n}``: a statement of membership in a set."""
    return any(
        a.kind == "cmd" and a.text == "in" and b.kind == "cmd" and b.text == "mathbb"
        for a, b in itertools.pairwise(tokens)
    )


def latex_of(tokens: list[Token]) -> str:
    """The LaTeX of a side, from its tokens."""
    out = ""
    after_word = False
    for tok in as_written(tokens):
        if after_word and tok.kind in ("letter", "number"):
            out += " "
        out += "\\" + tok.text if tok.kind == "cmd" else tok.text
        after_word = tok.kind == "cmd" and tok.text.isalpha()
    return out


def bold_head(tokens: list[Token]) -> str | None:
    """The name when a side is one bold or arrowed vector (``\\mathbf{z}``, ``\\vec{y}``,
    ``\\hat{\\mathbf{y}}``), or one applied to vectors (``\\mathbf{f}(\\mathbf{x})``), as the
    vector reader spells it."""
    tokens = without_vector_arguments(tokens)
    texts = [t.text for t in tokens]
    if len(tokens) == 4 and texts[0] in BOLD and texts[1] == "{" and texts[3] == "}":
        letter = tokens[2]
    elif len(tokens) == 2 and texts[0] in BOLD:
        letter = tokens[1]
    elif (
        len(tokens) == 7
        and texts[0] == "hat"
        and texts[2] in BOLD
        and texts[1] == "{"
        and texts[3] == "{"
        and texts[5:] == ["}", "}"]
    ) or (
        len(tokens) == 7
        and texts[0] in BOLD
        and texts[2] == "hat"
        and texts[1] == "{"
        and texts[3] == "{"
        and texts[5:] == ["}", "}"]
    ):
        return tokens[4].text + "hat" if tokens[4].kind == "letter" else None
    else:
        return None
    return letter.text if letter.kind == "letter" and letter.text.islower() else None


#: Tokens that make a side more than an expression (a relation, an implication, words): a
#: chain is not continued past such a side (``f' = 0 \Rightarrow x = 1`` states no f' = 1).
_NOT_PASSABLE = frozenset(
    {
        *("Rightarrow", "Leftarrow", "Leftrightarrow", "implies", "impliedby", "iff"),
        *("rightarrow", "to", "mapsto", "approx", "sim", "simeq", "cong", "equiv", "propto"),
        *("ne", "neq", "leq", "geq", "le", "ge", "lt", "gt", "in", "notin", "subset"),
        *("text", "textrm", "textbf", "mbox", "quad", "qquad", "forall", "exists"),
        *("<", ">", ",", ";", ":", "\\", "≈", "→", "⇒"),
    }
)


def passable(side: Side) -> bool:
    """Whether a side that cannot be read may be passed over in its chain: it is one
    expression (no relation, implication, words or separators at its top level)."""
    return not any(top and tok.text in _NOT_PASSABLE for tok, top in top_level(side.tokens))


def function_of_plain_vectors(tokens: list[Token], plain: frozenset[str]) -> str | None:
    """``L_i`` when the side is ``L_i(w)`` or ``L(w, x)`` and every argument is a plain name
    read as a vector here."""
    if len(tokens) < 4 or tokens[0].kind != "letter" or tokens[-1].text != ")" or not plain:
        return None
    opening = next((k for k, t in enumerate(tokens) if t.text == "("), None)
    if opening is None:
        return None
    head = tokens[:opening]
    texts = [t.text for t in head if t.text not in ("{", "}")]
    if not (len(texts) == 1 or (len(texts) == 3 and texts[1] == "_" and head[-1].kind != "cmd")):
        return None
    for part in split_at(tokens[opening + 1 : -1], ","):
        name = "".join(t.text for t in part if t.text not in ("{", "}"))
        if name not in plain:
            return None
    return texts[0] if len(texts) == 1 else f"{texts[0]}_{texts[2]}"


def without_vector_arguments(tokens: list[Token]) -> list[Token]:
    """``\\mathbf{f}(\\mathbf{x}, \\mathbf{y})`` without its arguments, when each is one bold
    letter; ``tokens`` as they are otherwise."""
    if len(tokens) < 6 or tokens[-1].text != ")":
        return tokens
    opening = next((k for k, t in enumerate(tokens) if t.text == "("), None)
    if opening is None or opening < 2:
        return tokens
    for part in split_at(tokens[opening + 1 : -1], ","):
        if bold_head(part) is None:
            return tokens
    return tokens[:opening]


def vector_function_head(tokens: list[Token]) -> str | None:
    """``L`` when the side is ``L(\\mathbf{y}, \\mathbf{\\hat{y}})``: a function of vectors
    whose body is written with their components (the name stands for the body)."""
    head = word_head(tokens)
    if head is None:
        return None
    name, rest = head
    if len(rest) < 2 or rest[0].text != "(" or rest[-1].text != ")":
        return None
    inner = rest[1:-1]
    parts: list[list[Token]] = [[]]
    for tok in inner:
        if tok.text == ",":
            parts.append([])
        else:
            parts[-1].append(tok)
    bold = False
    for part in parts:
        texts = [t.text for t in part]
        if texts[:1] == ["hat"] and texts[1:2] == ["{"] and texts[-1:] == ["}"]:
            texts = texts[2:-1]  # \hat{\mathbf{y}}
        if len(part) == 1 and part[0].kind == "letter":
            continue  # a scalar beside the vectors: \ell(\mathbf{w}, b)
        if not texts or texts[0] not in ("mathbf", "boldsymbol", "vec"):
            return None
        letters = [t for t in part if t.kind == "letter"]
        if len(letters) != 1 or any(t.kind == "number" for t in part):
            return None
        bold = True
    return name if bold else None
