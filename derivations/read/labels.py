r"""Superscripts that label a quantity rather than raise it to a power.

Backpropagation notes name a quantity of a layer with a superscript: ``z^{(l)}_j``,
``a^{[2]}_k``, ``w^{(2)}_{jk}``, ``\delta_k^K`` (δ of the layer of K nodes, index k),
``\delta^L_j`` (δ of the last layer L). Such a superscript is part of the name: ``δ_k^K`` is
the component k of the family ``δ^K``, never δ_k raised to the power K. A superscript is read
as a label only when no power reading is plausible:

* a parenthesised or bracketed superscript (``^{(2)}``, ``^{[l]}``, ``^{(l-1)}``): the layer
  convention of the notes (a power is never written in brackets around a single name);
* on a component with letter indices, a capital letter that is the capital of one of its
  indices (``\delta_k^K``, ``\delta^{J}_j``): the index k runs over the K nodes of a layer;
* written before the component's subscript, the layer letters ``l`` and ``L`` and
  ``l \pm 1`` (``a^l_j``, ``\delta^L_j``, ``a^{l-1}_k``): a power is written after the
  subscript (``x_j^2``).

Any other letter superscript on a component stays unread (a label or a power?).
"""

from __future__ import annotations

from collections.abc import Sequence

#: Layer letters read as a label when written before a subscript.
LAYER_LETTERS = frozenset({"l", "L"})


def bracketed(parts: Sequence[tuple[str, str]]) -> str | None:
    """The label of a superscript group ``(…)`` or ``[…]`` of letters, digits and ``+``/``-``
    (``(2)``, ``[l]``, ``(l-1)``), as written; None otherwise."""
    if len(parts) < 3:
        return None
    (_, first), (_, last) = parts[0], parts[-1]
    if (first, last) not in (("(", ")"), ("[", "]")):
        return None
    inner = parts[1:-1]
    if not all(kind in ("letter", "number") or text in "+-" for kind, text in inner):
        return None
    if inner[0][1] in "+-" or inner[-1][1] in "+-":
        return None
    return "".join(text for _, text in parts)


def letter_label(
    parts: Sequence[tuple[str, str]], indices: Sequence[str], *, before_subscript: bool
) -> str | None:
    """The label of a superscript group of letters on a component with ``indices`` (the
    letters of its subscript), or None when it may be a power."""
    texts = [text for _, text in parts]
    kinds = [kind for kind, _ in parts]
    if not texts or not indices:
        return None
    if kinds == ["letter"]:
        (letter,) = texts
        if letter.isupper() and letter in {i.upper() for i in indices if i.islower()}:
            return letter
        if before_subscript and letter in LAYER_LETTERS:
            return letter
        return None
    if (
        before_subscript
        and len(texts) == 3
        and texts[0] in LAYER_LETTERS
        and texts[1] in "+-"
        and kinds[2] == "number"
    ):
        return "".join(texts)
    return None
