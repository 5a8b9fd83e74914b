r"""Function composition written with ``\circ``, and the label a formula starts with.

``(f \circ g)(x)`` is ``f(g(x))``, and ``(f \circ g \circ h)(x)`` is ``f(g(h(x)))``: the
tokens are rewritten so that the readers see applications. Only a parenthesised chain of
function names (one letter, or ``\sigma``) applied to a parenthesised argument is rewritten;
a ``\circ`` anywhere else is left for the readers to refuse.

A display that starts with a label in text ending with a colon (``\text{Example: }``,
``\textbf{Chain rule:}``) is the formula after the label (:func:`without_label`); one that
ends with a remark in brackets (``\quad [\text{For } y_i = +1]``) is split from it
(:func:`without_remark`).
"""

from __future__ import annotations

from derivations.read.latex import Token

_NAMES = frozenset({"sigma", "phi", "psi"})
_TEXT = frozenset({"text", "textbf", "textit", "mathrm", "textrm"})


def _name(tokens: list[Token]) -> bool:
    return len(tokens) == 1 and (
        tokens[0].kind == "letter" or (tokens[0].kind == "cmd" and tokens[0].text in _NAMES)
    )


def _closing(tokens: list[Token], start: int) -> int | None:
    """The index of the ``)`` that closes the ``(`` at ``start``."""
    depth = 0
    for k in range(start, len(tokens)):
        if tokens[k].kind == "char" and tokens[k].text == "(":
            depth += 1
        elif tokens[k].kind == "char" and tokens[k].text == ")":
            depth -= 1
            if depth == 0:
                return k
    return None


def _composed(inner: list[Token]) -> list[list[Token]] | None:
    """The names of ``f \\circ g \\circ h``, or None."""
    parts: list[list[Token]] = [[]]
    for tok in inner:
        if tok.kind == "cmd" and tok.text == "circ":
            parts.append([])
        else:
            parts[-1].append(tok)
    if len(parts) < 2 or not all(_name(p) for p in parts):
        return None
    return parts


def uncomposed(tokens: list[Token]) -> list[Token]:
    """``tokens`` with every ``(f \\circ g)(x)`` written ``f(g(x))``."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        close = _closing(tokens, k) if tok.kind == "char" and tok.text == "(" else None
        names = _composed(tokens[k + 1 : close]) if close is not None else None
        after = close + 1 if close is not None else len(tokens)
        if (
            names is None
            or after >= len(tokens)
            or tokens[after].text != "("
            or (argument_end := _closing(tokens, after)) is None
        ):
            out.append(tok)
            k += 1
            continue
        argument = tokens[after : argument_end + 1]
        opening, closing = argument[0], argument[-1]
        for name in names:
            out += [*name, Token("char", "(", opening.offset)]
        out += uncomposed(argument[1:-1])
        out += [Token("char", ")", closing.offset)] * len(names)
        k = argument_end + 1
    return out


def without_label(tokens: list[Token]) -> list[Token]:
    """The formula after a leading ``\\text{…:}`` label (a text ending with a colon)."""
    if len(tokens) < 4 or tokens[0].kind != "cmd" or tokens[0].text not in _TEXT:
        return tokens
    if tokens[1].text != "{":
        return tokens
    close = next((k for k in range(2, len(tokens)) if tokens[k].text == "}"), None)
    if close is None or close < 3 or tokens[close - 1].text not in (":", "："):
        return tokens
    return tokens[close + 1 :]


def without_remark(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """A trailing remark in brackets that starts with text (``[\text{For } y_i = +1]``, a
    condition or a comment) split off: ``(formula, remark)``; the remark is empty when there
    is none."""
    if len(tokens) < 4 or tokens[-1].text not in ("]", ")"):
        return tokens, []
    opener = "[" if tokens[-1].text == "]" else "("
    depth = 0
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].kind == "char" and tokens[k].text == tokens[-1].text:
            depth += 1
        elif tokens[k].kind == "char" and tokens[k].text == opener:
            depth -= 1
            if depth == 0:
                inside = tokens[k + 1 : -1]
                if k > 0 and inside and inside[0].kind == "cmd" and inside[0].text in _TEXT:
                    return tokens[:k], tokens[k:]
                return tokens, []
    return tokens, []


__all__ = ("uncomposed", "without_label", "without_remark")
