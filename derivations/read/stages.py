r"""A composition whose stages are labelled with their derivatives names its intermediate values.

Notes on the chain rule write a function as a composition and put under each stage the
derivative it contributes:

.. math::
    \Bigl(\underbrace{-\log(\cdot)}_{\partial L / \partial p} \circ
    \underbrace{\tfrac{1}{1 + e^{-a}}}_{\partial p / \partial a} \circ
    \underbrace{x^T w}_{\partial a / \partial w}\Bigr)(w)

The label ∂p/∂a says that the stage maps a to p: p = 1/(1 + e^{-a}). The stages are read only
when the labels chain (each stage's input is the next stage's output, the last one's input is
the argument) and each body is written in its input, or with a placeholder ``(\cdot)`` for it.
:func:`labelled_stages` gives the definitions ``output = body``, innermost first.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from derivations.read.latex import Token


@dataclass(frozen=True)
class Stage:
    """``output = body``, the body written in ``input``."""

    output: str
    input: str
    body: list[Token]


def _closing(tokens: list[Token], start: int, opener: str, closer: str) -> int | None:
    depth = 0
    for k in range(start, len(tokens)):
        if tokens[k].kind == "char" and tokens[k].text == opener:
            depth += 1
        elif tokens[k].kind == "char" and tokens[k].text == closer:
            depth -= 1
            if depth == 0:
                return k
    return None


def _split_circ(tokens: list[Token]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    depth = 0
    for tok in tokens:
        if tok.kind == "char" and tok.text in "{([":
            depth += 1
        elif tok.kind == "char" and tok.text in "})]":
            depth -= 1
        if depth == 0 and tok.kind == "cmd" and tok.text == "circ":
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def _letter(tokens: list[Token]) -> str | None:
    return tokens[0].text if len(tokens) == 1 and tokens[0].kind == "letter" else None


def _label(tokens: list[Token]) -> tuple[str, str] | None:
    """``(out, in)`` of ``\\frac{\\partial out}{\\partial in}``."""
    if len(tokens) < 7 or tokens[0].text not in ("frac", "dfrac", "tfrac"):
        return None
    top_end = _closing(tokens, 1, "{", "}")
    if top_end is None or tokens[1].text != "{":
        return None
    bottom_end = _closing(tokens, top_end + 1, "{", "}")
    if bottom_end != len(tokens) - 1:
        return None
    top, bottom = tokens[2:top_end], tokens[top_end + 2 : bottom_end]
    if not (top and bottom and top[0].text == "partial" and bottom[0].text == "partial"):
        return None
    out, into = _letter(top[1:]), _letter(bottom[1:])
    return (out, into) if out is not None and into is not None else None


def _stage(tokens: list[Token]) -> Stage | None:
    """``\\underbrace{body}_{\\frac{\\partial out}{\\partial in}}``."""
    if len(tokens) < 4 or tokens[0].text != "underbrace" or tokens[1].text != "{":
        return None
    body_end = _closing(tokens, 1, "{", "}")
    if body_end is None or body_end + 2 >= len(tokens) or tokens[body_end + 1].text != "_":
        return None
    label_tokens = tokens[body_end + 2 :]
    if label_tokens[0].text != "{" or _closing(label_tokens, 0, "{", "}") != len(label_tokens) - 1:
        return None
    label = _label(label_tokens[1:-1])
    if label is None:
        return None
    out, into = label
    body = _in_input(tokens[2:body_end], into)
    return Stage(out, into, body) if body is not None else None


def _in_input(body: list[Token], into: str) -> list[Token] | None:
    """The body with its placeholder ``(\\cdot)`` replaced by the input; None when the body
    neither has a placeholder nor mentions the input."""
    out: list[Token] = []
    placeholder = False
    for k, tok in enumerate(body):
        between = 0 < k < len(body) - 1 and body[k - 1].text == "(" and body[k + 1].text == ")"
        if tok.kind == "cmd" and tok.text == "cdot" and between:
            out.append(Token("letter", into, tok.offset))
            placeholder = True
        else:
            out.append(tok)
    if placeholder or any(t.kind == "letter" and t.text == into for t in body):
        return out
    return None


def labelled_stages(tokens: list[Token]) -> list[Stage] | None:
    """The stages of ``(S_1 \\circ … \\circ S_k)(v)``, innermost (S_k) first; None unless the
    whole side is such a composition whose labels chain to ``v``."""
    if not tokens or tokens[0].text != "(":
        return None
    close = _closing(tokens, 0, "(", ")")
    if close is None or tokens[close + 1 : close + 2] == [] or tokens[close + 1].text != "(":
        return None
    argument_end = _closing(tokens, close + 1, "(", ")")
    if argument_end != len(tokens) - 1:
        return None
    argument = _letter(tokens[close + 2 : argument_end])
    parts = _split_circ(tokens[1:close])
    stages = [_stage(p) for p in parts]
    if argument is None or len(stages) < 2 or any(s is None for s in stages):
        return None
    chain = [s for s in stages if s is not None]
    for outer, inner in itertools.pairwise(chain):
        if outer.input != inner.output:
            return None
    if chain[-1].input != argument or len({s.output for s in chain}) != len(chain):
        return None
    return chain[::-1]


__all__ = ("Stage", "labelled_stages")
