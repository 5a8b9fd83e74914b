r"""A name defined with its arguments, used again with the same arguments.

Notes define a loss as a function of vectors, ``\mathcal{L}(\mathbf{w}) = -[t \ln \hat{y} + …]``,
which the reader takes as a definition of the name (:func:`derivations.read.notes` reads the
head ``\mathcal{L}(\mathbf{w})`` as the name Lcal). Where the same name is written later with the
same arguments, ``\mathcal{J}(\mathbf{w}) = \mathcal{L}(\mathbf{w}) + \frac{\lambda}{2}
\lVert \mathbf{w} \rVert^2``, it is that name: the arguments are dropped. With other arguments
(``\mathcal{L}(\mathbf{v})``) it is the function at another point, which the definition of the
name does not give: the math is not read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from derivations.read.latex import Token

#: The commands that write a name with a script (``\mathcal{L}``).
_SCRIPTS = frozenset({"mathcal", "mathscr"})


def arguments(tokens: Sequence[Token]) -> tuple[str, ...] | None:
    """The text of the arguments of a head ``X(…)`` (``tokens`` its side), None when the side
    is not a name followed by one parenthesized group."""
    start = _name_end(tokens, 0)
    if start is None or start >= len(tokens) or tokens[start].text != "(":
        return None
    close = _closing(tokens, start)
    if close != len(tokens) - 1:
        return None
    return tuple(t.text for t in tokens[start + 1 : close])


def _name_end(tokens: Sequence[Token], k: int) -> int | None:
    """Where a name that starts at ``k`` ends: a letter, ``\\ell``, ``\\mathcal{L}``."""
    if k >= len(tokens):
        return None
    tok = tokens[k]
    if tok.kind == "letter" or (tok.kind, tok.text) == ("cmd", "ell"):
        return k + 1
    texts = [t.text for t in tokens[k : k + 4]]
    if tok.kind == "cmd" and tok.text in _SCRIPTS and texts[1:2] == ["{"] and texts[3:] == ["}"]:
        return k + 4 if tokens[k + 2].kind == "letter" else None
    return None


def _name(tokens: Sequence[Token], k: int, end: int) -> str:
    return "".join(t.text for t in tokens[k:end])


def _shown(tokens: Sequence[Token]) -> str:
    """The tokens as LaTeX (commands with their backslash)."""
    return "".join(f"\\{t.text}" if t.kind == "cmd" else t.text for t in tokens)


def _closing(tokens: Sequence[Token], opening: int) -> int | None:
    depth = 0
    for j in range(opening, len(tokens)):
        if tokens[j].text == "(":
            depth += 1
        elif tokens[j].text == ")":
            depth -= 1
            if depth == 0:
                return j
    return None


def head_name(tokens: Sequence[Token]) -> str:
    """The text of the name a head starts with (``\\mathcal{L}`` as written)."""
    end = _name_end(tokens, 0)
    return _name(tokens, 0, end) if end is not None else ""


def without_head_calls(
    tokens: list[Token], heads: Mapping[str, tuple[str, ...]]
) -> tuple[list[Token], list[str], str]:
    """``tokens`` with the arguments dropped after each name written as its definition's head
    wrote it (``heads``: the name as written, the text of its arguments), what was done, and
    why the math is not read ('' when it is): the name with other arguments is the function at
    another point, which the definition of the name does not give."""
    if not heads:
        return tokens, [], ""
    out: list[Token] = []
    notes: list[str] = []
    k = 0
    while k < len(tokens):
        end = _name_end(tokens, k)
        name = _name(tokens, k, end) if end is not None else ""
        after = tokens[end] if end is not None and end < len(tokens) else None
        before = tokens[k - 1] if k else None
        if (
            end is not None
            and name in heads
            and after is not None
            and after.text == "("
            and not (before is not None and before.kind == "cmd" and before.text in _SCRIPTS)
        ):
            close = _closing(tokens, end)
            if (
                k == 0
                and close is not None
                and tokens[close + 1 : close + 2]
                and (tokens[close + 1].text == "=")
            ):  # a head again: a new definition of the name, read as such
                out.extend(tokens[k : close + 1])
                k = close + 1
                continue
            shown = _shown(tokens[k:end])
            if close is not None and tuple(t.text for t in tokens[end + 1 : close]) != heads[name]:
                why = (
                    f"{shown}({_shown(tokens[end + 1 : close])}): the definition of {shown} is "
                    "written at other arguments and does not give its value here"
                )
                return tokens, notes, why
            if close is not None:
                if out and (out[-1].kind, out[-1].text) == ("cmd", "nabla"):
                    # ∇f(\mathbf{x}) without a subscript: the gradient by the argument, ∇_{x} f
                    at = out[-1].offset
                    out += [Token("char", "_", at), Token("char", "{", at)]
                    out += [*tokens[end + 1 : close], Token("char", "}", at)]
                out.extend(tokens[k:end])
                written = _shown(tokens[end + 1 : close])
                note = f"{shown}({written}) read as {shown}, as its definition writes it"
                if note not in notes:
                    notes.append(note)
                k = close + 1
                continue
        out.append(tokens[k])
        k += 1
    return out, notes, ""
