r"""A vector written as the tuple of its own components: ``\mathbf{a} = (a_1, \dots, a_n)^T``.

The reader takes a bold vector's components to be the family of the same name (``a_i``), so
such a line says what the reader already assumes: it is a definition that binds nothing new,
not math to skip. Read: round or square brackets (``\left(`` … ``\right)`` too), an optional
transpose (``^T``, ``^\top``, ``^\mathrm{T}``, ``^{\mathsf{T}}``), the first component with
index 1 (or 0), ``\dots``/``\cdots``/``\ldots``, and a last component with a letter or number.

>>> from derivations.read.latex import tokenize
>>> components_tuple("a", tokenize(r"(a_1, \dots, a_n)^\mathrm{T}"))
True
>>> components_tuple("a", tokenize(r"(b_1, \dots, b_n)^T"))
False
"""

from __future__ import annotations

from derivations.read.latex import Token

_DOTS = frozenset({"dots", "cdots", "ldots"})
_TRANSPOSES = (["T"], ["top"], ["mathrm", "T"], ["mathsf", "T"], ["intercal"])


def _without_transpose(texts: list[str]) -> list[str]:
    if "^" not in texts:
        return texts
    at = len(texts) - 1 - texts[::-1].index("^")
    mark = [t for t in texts[at + 1 :] if t not in ("{", "}")]
    return texts[:at] if mark in _TRANSPOSES else texts


def _component(part: list[str], name: str, first: bool) -> bool:
    body = [t for t in part if t not in ("{", "}")]
    if len(body) != 3 or body[0] != name or body[1] != "_":
        return False
    return body[2] in ("0", "1") if first else body[2].isalnum()


def components_tuple(name: str, tokens: list[Token]) -> bool:
    """Whether ``tokens`` are ``(name_1, \\dots, name_n)`` (with an optional transpose)."""
    texts = [t.text for t in tokens if t.text not in ("left", "right")]
    texts = _without_transpose(texts)
    if len(texts) < 2 or (texts[0], texts[-1]) not in (("(", ")"), ("[", "]")):
        return False
    parts: list[list[str]] = [[]]
    for t in texts[1:-1]:
        if t == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return (
        len(parts) == 3
        and _component(parts[0], name, first=True)
        and len(parts[1]) == 1
        and parts[1][0] in _DOTS
        and _component(parts[2], name, first=False)
    )


__all__ = ("components_tuple",)
