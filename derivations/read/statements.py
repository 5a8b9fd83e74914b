r"""Cutting the text of a piece of math into statements before it is tokenized: at top-level
separators (``,``, ``;``, ``\quad``, ``\text{where}``) when each part is an equation, at an
implication arrow whose premises are an equation; and the index condition a line of prose
states (``if i = j:``)."""

from __future__ import annotations

import re

import sympy as sp

from derivations.read.latex import index_symbol

_SEPARATOR = re.compile(
    r"\\[hH]space\*?\{[^{}]*\}|\\qquad|\\quad|\\because|\\therefore|;|,"
    r"|\\(?:text|textrm|mathrm|mbox)\{\s*(?:and|where|with|记|令)\s*\}"
)


#: An implication arrow between equations: what follows it is a consequence, not a statement.
_IMPLIES = re.compile(
    r"\\(?:Rightarrow|Longrightarrow|implies|rightarrow|longrightarrow|to)(?![A-Za-z])|⇒|→"
)


def statements(text: str) -> list[tuple[int, str]]:
    """A piece of math cut into statements at top-level separators (``,``, ``;``, ``\\quad``,
    ``\\qquad``, ``\\text{and}``, ``\\text{where}``) when each part is an equation:
    ``E = \\frac12 (o - t)^2, \\quad o = \\sigma(s)`` states two definitions."""
    cuts: list[tuple[int, int]] = []
    depth = 0
    k = 0
    while k < len(text):
        ch = text[k]
        if ch == "\\" and k + 1 < len(text) and not text[k + 1].isalpha():
            k += 2  # an escaped character: \{, \;, \, and \\ are never separators
            continue
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth == 0:
            m = _SEPARATOR.match(text, k)
            if m is not None:
                cuts.append((m.start(), m.end()))
                k = m.end()
                continue
        k += 1
    joined: list[tuple[int, int]] = []
    for begin, end in cuts:  # \quad \text{where} \quad: one separator
        if joined and not text[joined[-1][1] : begin].strip():
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((begin, end))
    parts: list[tuple[int, str]] = []
    start = 0
    for begin, end in joined:
        parts.append((start, text[start:begin]))
        start = end
    parts.append((start, text[start:]))
    return _merged(text, parts)


def consequence_at(text: str) -> tuple[int, int] | None:
    """Where the arrow is and the consequence starts in ``premises \\Rightarrow consequence``
    (``\\implies``, ``⇒``) when the premises are an equation: ``l = f(y), y = g(z) \\Rightarrow
    l = f(g(z))``.
    What follows the arrow is derived from the premises, so it defines nothing."""
    depth = 0
    for k, ch in enumerate(text):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif depth == 0 and (m := _IMPLIES.match(text, k)) is not None:
            return (k, m.end()) if is_equation(text[:k]) else None
    return None


def _merged(text: str, parts: list[tuple[int, str]]) -> list[tuple[int, str]]:
    merged: list[tuple[int, str]] = []
    for offset, part in parts:
        if merged and not (is_equation(part) and is_equation(merged[-1][1])):
            first = merged[-1][0]
            merged[-1] = (first, text[first : offset + len(part)])
        else:
            merged.append((offset, part))
    return merged


def is_equation(text: str) -> bool:
    depth = 0
    for ch in text:
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch == "=" and depth == 0:
            return True
    return False


_INDEX_CONDITION = re.compile(
    r"^(?:if|when|for|where|若|当|如果)?\s*([a-zA-Z])\s*(=|\\ne|\\neq|≠|!=)\s*([a-zA-Z])\s*"
    r"(?:时)?\s*[:：,，]?$"
)


def index_condition(text: str) -> sp.Basic | None:
    """``i = j`` or ``i \\ne j`` when ``text`` is only that condition (``$if \\quad i = j:$``,
    ``当 i = j 时:``, a cases row's condition), else None."""
    cleaned = re.sub(r"\\(?:quad|qquad|text\{\s*(\w+)\s*\}|[,;: !])", r" \1 ", text)
    cleaned = re.sub(r"\$|\\mathrm|\\text|[{}~]", " ", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(".").strip()
    m = _INDEX_CONDITION.match(cleaned)
    if m is None or m.group(1) == m.group(3):
        return None
    left, right = index_symbol(m.group(1)), index_symbol(m.group(3))
    if m.group(2) == "=":
        return sp.Eq(left, right, evaluate=False)
    return sp.Ne(left, right, evaluate=False)
