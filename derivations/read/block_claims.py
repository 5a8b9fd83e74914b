r"""What a block of the document (:mod:`derivations.read.document`) says of the claims read in
it: the sign condition its sentence states (``for $x > 0$``), the verdict its prose expects, its
equation tag; and whether its math states a derivative (an equation with one in it)."""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from derivations.model import Claim, Condition, Verdict
from derivations.read import document
from derivations.read.chains import has_derivative
from derivations.read.latex import Unreadable, tokenize, top_level
from derivations.read.limits import Limits
from derivations.read.reading import Located
from derivations.read.statements import is_equation


def states_derivative(block: document.Block, limits: Limits) -> bool:
    """Whether the math is an equation with a derivative in it (an ``=`` outside braces: the
    ``a = 1`` of ``\\sum_{a=1}^N`` in an update rule ``w \\leftarrow w - …`` is not one)."""
    try:
        tokens = tokenize(block.text, limits)
    except Unreadable:
        derivative = re.search(r"\\(?:partial|nabla|d?frac\{d)|'", block.text)
        return is_equation(re.sub(r"\\[{}]", "", block.text)) and bool(derivative)
    equal = any(
        top and t.kind == "char" and t.text == "="
        for t, top in top_level(tokens, environments=False)
    )
    return equal and has_derivative(tokens)


#: The sign a variable is given under a condition (``x > 0``: a positive x). A non-strict one
#: (``x \\geq 0``) is checked on its open part (x > 0): the search for a counterexample samples
#: by the strict sign only, and the boundary is where a derivative has one side anyway.
_SIGNS = {
    ">": "positive",
    "\\gt": "positive",
    "\\geq": "positive",
    "\\ge": "positive",
    "\\geqslant": "positive",
    "≥": "positive",
    "<": "negative",
    "\\lt": "negative",
    "\\leq": "negative",
    "\\le": "negative",
    "\\leqslant": "negative",
    "≤": "negative",
}


def under_sign(claim: Claim, latex: str) -> Claim | str:
    """The claim under the sign condition its sentence states (``for $x > 0$``): its variable
    replaced by one of that sign, so that the proof and the search for a counterexample stay
    where the document says the claim holds; the reason when the condition is one the reader
    does not apply (``x \\neq 0``, a condition on an index). A condition on a name the claim
    does not use leaves it as it is."""
    found = document.SIGN_CONDITION.match(latex)
    assert found is not None
    name, op, bound = found.group(1), found.group(2), sp.Integer(found.group(3))
    symbols = {s for side in (claim.lhs, claim.rhs) for s in side.free_symbols if str(s) == name}
    if not symbols:
        return claim
    (symbol, *others) = sorted(symbols, key=sp.default_sort_key)
    sign = _SIGNS.get(op)
    if sign is None or others or not isinstance(symbol, sp.Symbol) or symbol.is_integer:
        return f"stated for {latex.strip()}, a condition the reader does not apply"
    text = f"{name} {'>' if sign == 'positive' else '<'} {bound}"
    # x > c is x = c + (a positive "x - c"), x < c is x = c - (a positive "c - x"): the search
    # for a counterexample draws positive symbols from positive values only, and a
    # counterexample then reads "x - 1 = 5/2", "-x = 5/2"
    if sign == "positive":
        gap = sp.Symbol(name if bound == 0 else f"{name} - {bound}", positive=True)
        value = bound + gap
    else:
        gap = sp.Symbol(f"-{name}" if bound == 0 else f"{bound} - {name}", positive=True)
        value = bound - gap
    condition = Condition(text=text, latex=latex.strip(), cases=(((symbol, value),),))
    strict = op in (">", "<", "\\gt", "\\lt")
    said = f"for {text}, as its sentence states"
    said += "" if strict else f" ({latex.strip()}; checked for {text})"
    return replace(
        claim,
        title=f"{claim.title} (when {text})",
        conditions=(*claim.conditions, condition),
        sources=tuple(
            replace(s, reading="; ".join(r for r in (s.reading, said) if r)) for s in claim.sources
        ),
    )


def with_block(located: Located, block: document.Block, expected: Verdict) -> Located:
    """The claim with its expected verdict (its reading says so when the prose set it) and,
    when the equation is tagged, its number."""
    claim = located.claim
    if block.called_wrong:
        said = "expected refuted: the prose around it calls it wrong"
        claim = replace(
            claim,
            sources=tuple(
                replace(s, reading="; ".join(r for r in (s.reading, said) if r))
                for s in claim.sources
            ),
        )
    if block.tag:
        number = f"eq. ({block.tag})"
        claim = replace(
            claim,
            title=f"{claim.title}, {number}",
            sources=tuple(replace(s, location=f"{s.location}, {number}") for s in claim.sources),
        )
    shown = block.location if block.display else ""
    return Located(replace(claim, expected=expected), located.location, shown)
