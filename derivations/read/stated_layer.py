r"""A dense layer stated once in vector form, read in the index notation that follows it.

Notes state a layer once, ``o^{(1)} = \sigma({w^{(1)}}^T x + b^{(1)})``, and then differentiate
in index notation with the superscripts dropped: ``\partial L / \partial w_{jk} = (o_k - t_k)
\partial \sigma(z_k) / \partial w_{jk}``, and for a deeper network ``\partial z_k / \partial o_j
= w_{jk}``, ``\partial L / \partial w_{ij} = \delta_j o_i``. The stated equation holds at every
layer. Its components are, by the definition of the transpose,

.. math:: z_k = (W^T x + b)_k = \sum_j w_{jk}\, x_j + b_k, \qquad o_k = \sigma(z_k)

(stated as ``W x + b``: :math:`z_k = \sum_j w_{kj} x_j + b_k`). So ``w_{jk}`` joins unit j of
the layer below to unit k, and the weight pairs a claim writes (through the definitions it
uses) tell its layers: ``w_{jk}`` and ``w_{ij}`` are three layers of units i, j and k, each
layer's input the output o of the layer below, and the lowest layer's input what the claim
writes at the lowest letter (``x_j``; ``o_i`` when the claim starts inside the network; the
stated input x when it writes nothing there). The layers are then read as in
:mod:`derivations.read.index_layers`: ``z_k`` is the component k of the family ``z^K``.

The reading applies to a claim only when it is certain:

* the layer is stated with a standard activation applied to ``W^T x + b`` or ``W x + b``
  (the bias may be absent), every name one letter, plain or bold, the weight, bias and
  output with one common superscript label or none; the names are then read without it;
* the weight pairs form one path of letters, the unit letter of one pair the input letter of
  the next; a number is allowed only as the unit of a single pair (``w_{j1}``: one neuron);
* the stated input is written only at the lowest letter, and not beside o there;
* the pre-activation a claim writes (``\sigma(z_k)``) and the output are families the document
  does not define otherwise.

Each claim read so says so, and cites the stated layer's line.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

import sympy as sp

from derivations.read.definitions import Definition, Visible
from derivations.read.index_layers import Convention, layer_name
from derivations.read.latex import OPEN, Unreadable, index_symbol, size_symbol
from derivations.read.layers import name_of

_LETTER = r"(?:\\(?:mathbf|boldsymbol|bm|vec)\{(?P<ROLE>[A-Za-z])\}|(?P<ROLEp>[A-Za-z]))"
_LABEL = r"(?:\^\{?\((?P<ROLEl>[0-9A-Za-z]+)\)\}?)?"
_TRANSPOSE = r"(?:\^\{?(?:T|\\top|\\intercal|\\mathrm\{T\}|\\text\{T\}|\\mathsf\{T\})\}?)"


def _term(role: str) -> str:
    return r"\{?" + (_LETTER + _LABEL).replace("ROLE", role) + r"\}?"


_STATED = re.compile(
    r"^\\(?P<act>sigma|tanh)\("
    + _term("w")
    + rf"(?P<t>{_TRANSPOSE})?"
    + r"(?:\\cdot)?"
    + _term("x")
    + r"(?:\+"
    + _term("b")
    + r")?\)$"
)


@dataclass(frozen=True)
class StatedLayer:
    """``output = activation(weightᵀ input + bias)``, stated at ``line`` (``offset``)."""

    output: str
    weight: str
    input: str
    bias: str | None
    activation: str
    transposed: bool
    label: str
    line: int
    offset: int

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(n for n in (self.output, self.weight, self.input, self.bias) if n)


def _normalized(latex: str) -> str:
    text = re.sub(r"\\(?:left|right|[,;!]|big|Big)", "", latex)
    return re.sub(r"\s+", "", text)


def stated_layer(name: str, latex: str, line: int, offset: int) -> StatedLayer | None:
    """The layer that ``name = latex`` states, or None when it is not one (``name``: ``o``
    or ``o^(1)``)."""
    stem, _, label = name.partition("^")
    if len(stem) != 1 or not stem.isalpha():
        return None
    found = _STATED.match(_normalized(latex))
    if found is None:
        return None
    parts = found.groupdict()

    def letter(role: str) -> str | None:
        return parts.get(role) or parts.get(role + "p")

    weight, given, bias = letter("w"), letter("x"), letter("b")
    assert weight is not None and given is not None
    label = label.strip("()")
    if any(parts.get(r + "l") not in (None, label) for r in ("w", "b")) or parts.get("xl"):
        return None  # the input carries no label; the others the output's or none
    if len({stem, weight, given, bias} - {None}) != 3 + (bias is not None):
        return None
    return StatedLayer(
        stem, weight, given, bias, parts["act"], bool(parts["t"]), label, line, offset
    )


@dataclass(frozen=True)
class Network:
    """A claim's layers under a stated layer: its sides and definitions to read with."""

    lhs: sp.Expr
    rhs: sp.Expr
    visible: Visible
    convention: Convention | None
    note: str


def _index(text: str) -> sp.Basic:
    return sp.Integer(int(text)) if text.isdigit() else index_symbol(text)


def _relabelled(expr: sp.Basic, names: Mapping[str, str], label: str, weight: str) -> sp.Basic:
    """``expr`` with the labelled names of the layer read without their label, and the
    components the reader keeps as names (``o_1``, ``w_j1``, ``z_1^(1)``) as components."""
    table: dict[sp.Basic, sp.Basic] = {}
    stems = set(names.values())
    for a in sp.preorder_traversal(expr):
        if isinstance(a, sp.Indexed) and str(a.base.label) in names:
            base = sp.IndexedBase(names[str(a.base.label)], real=True)
            table[a] = sp.Indexed(base, *a.indices)
        elif isinstance(a, sp.Symbol) and not a.is_integer:
            if a.name in names:
                table[a] = sp.Symbol(names[a.name], **a.assumptions0)
                continue
            found = _NAMED_COMPONENT.match(a.name)
            if found is None or found["stem"] not in stems or (found["label"] or label) != label:
                continue
            at = found["at"]
            if len(at) != (2 if found["stem"] == weight else 1):
                continue
            base = sp.IndexedBase(found["stem"], real=True)
            table[a] = sp.Indexed(base, *(_index(c) for c in at))
    return expr.xreplace(table) if table else expr


_NAMED_COMPONENT = re.compile(r"^(?P<stem>[A-Za-z])_(?P<at>[0-9a-z]+)(?:\^\((?P<label>\w+)\))?$")


def _by_bound(expr: sp.Basic) -> sp.Basic:
    """Each sum ``\\sum_{i=1}^{K}`` over the letter its bound names (``\\sum_{k=1}^{K}``): the
    range of units of layer k is K. A bound variable is renamed only when the letter is free."""

    def walk(e: sp.Basic) -> sp.Basic:
        if isinstance(e, sp.Sum):
            function = walk(e.function)
            limits = []
            for variable, lower, upper in e.limits:
                letter = upper.name.lower() if isinstance(upper, sp.Symbol) else ""
                if (
                    upper != OPEN
                    and len(letter) == 1
                    and letter != variable.name
                    and letter.isalpha()
                    and letter not in {s.name for s in function.free_symbols}
                ):
                    fresh = index_symbol(letter)
                    function = function.xreplace({variable: fresh})
                    variable = fresh
                limits.append((variable, lower, upper))
            return sp.Sum(function, *limits)
        if not e.args or isinstance(e, sp.Indexed):
            return e
        return e.func(*(walk(a) for a in e.args))

    return walk(expr)


def _one_letter(i: sp.Basic) -> str | None:
    if isinstance(i, sp.Symbol) and len(i.name) == 1 and i.name.islower():
        return i.name
    return None


def _path(pairs: set[tuple[str, str]]) -> list[str]:
    """The letters of the weight pairs (input, unit) from the lowest layer up; Unreadable
    when they are not one path."""
    below = {unit: given for given, unit in pairs}
    above = {given: unit for given, unit in pairs}
    if len(below) != len(pairs) or len(above) != len(pairs):
        raise Unreadable("a unit with two layers below or above it: the layers are not certain")
    lowest = sorted(g for g in above if g not in below)
    if len(lowest) != 1:
        raise Unreadable("the weights' letters are not one path of layers")
    letters = [lowest[0]]
    while letters[-1] in above:
        letters.append(above[letters[-1]])
    if len(letters) != len(pairs) + 1:
        raise Unreadable("the weights' letters are not one path of layers")
    return letters


@dataclass
class _Collected:
    """Every component a claim uses, directly and through the definitions it expands."""

    components: list[sp.Indexed]
    definitions: dict[str, Definition]
    #: Names looked up and not defined before the claim (a later definition may give them).
    missing: set[str]


def _collect(
    sides: Iterable[sp.Basic], visible: Visible, layer: StatedLayer, names: Mapping[str, str]
) -> _Collected:
    """The components of ``sides`` and of the definitions they use, transitively, each body
    read without the layer's label and with its sums over the letter their bound names."""
    components: list[sp.Indexed] = []
    used: dict[str, Definition] = {}
    missing: set[str] = set()
    queue = list(sides)
    while queue:
        e = queue.pop()
        for a in sp.preorder_traversal(e):
            name = name_of(a)
            if isinstance(a, sp.Indexed):
                components.append(a)
            if name is None or name in used:
                continue
            found = visible.get(name) or visible.later.get(name)
            if found is None:
                missing.add(name)
                continue
            if found.offset == layer.offset:
                continue
            if found.body is None:
                raise Unreadable(
                    f"{found.shown} is defined at line {found.line} by math that could not be read"
                )
            body = _by_bound(_relabelled(found.body, names, layer.label, layer.weight))
            used[name] = replace(found, body=body)
            queue.append(body)
    return _Collected(components, used, missing)


def network(
    layer: StatedLayer,
    lhs: sp.Expr,
    rhs: sp.Expr,
    visible: Visible,
    display: str,
    activation: Callable[[sp.Expr], sp.Expr],
    missed: set[str],
    earlier: set[tuple[str, str]],
) -> Network | None:
    """The claim ``lhs = rhs`` (of the display ``display``) read with the layers ``layer``
    states, or None when the claim writes no weight of it; Unreadable when it does and the
    layers are not certain. The names it looks up and finds no definition of before the claim
    are added to ``missed``; ``earlier``, the weight pairs of the claims read so before, gets
    this claim's: a claim's layers are those the document has built up to it."""
    label = f"^({layer.label})" if layer.label else ""
    pre = _pre_activation(layer, display)
    stems = layer.stems | ({pre} if pre else set())
    names = {stem + label: stem for stem in stems}
    for stem in stems - {layer.input}:
        found = visible.get(stem + label) if label else None
        own = visible.get(stem)
        if (own is not None and own.offset != layer.offset) or (
            found is not None and found.offset != layer.offset
        ):
            return None  # the document defines the name itself
    lhs, rhs = (_relabelled(e, names, layer.label, layer.weight) for e in (lhs, rhs))
    collected = _collect((lhs, rhs), visible, layer, names)
    missed |= collected.missing
    pairs: set[tuple[str, str]] = set()
    for a in collected.components:
        if str(a.base.label) != layer.weight or len(a.indices) != 2:
            continue
        given, unit = a.indices if layer.transposed else a.indices[::-1]
        if _one_letter(given) is None:
            raise Unreadable(
                f"{layer.weight}_{{{given}{unit}}}: an input index that is not a letter"
            )
        if isinstance(unit, sp.Integer):
            pairs.add((str(given), "#"))
        elif _one_letter(unit) is None:
            raise Unreadable(f"{layer.weight}_{{{given}{unit}}}: a unit index that is not a letter")
        else:
            pairs.add((str(given), str(unit)))
    pairs |= _written_pairs(layer, display)
    if (
        not pairs
        and layer.bias
        and any(str(a.base.label) == layer.bias for a in collected.components)
    ):
        pairs = set(earlier)  # ∂E/∂b_k in a network whose weights the document wrote before
    if not pairs:
        return None
    if not any(unit == "#" for _, unit in pairs):
        pairs |= earlier  # the layers the document built before: the loss is at the top one
    earlier |= {p for p in pairs if p[1] != "#"}
    numbered = any(unit == "#" for _, unit in pairs)
    if numbered and len(pairs) > 1:
        raise Unreadable("a numbered unit beside layers told by letters")
    letters = _path(pairs)
    written: dict[str, set[str]] = {}
    for a in collected.components:
        if len(a.indices) == 1 and (letter := _one_letter(a.indices[0])) is not None:
            written.setdefault(letter, set()).add(str(a.base.label))
    for stem in (layer.input, layer.output):
        for letter in re.findall(rf"(?<![A-Za-z\\]){stem}_\{{?([a-z])\}}?(?![a-z])", display):
            written.setdefault(letter, set()).add(stem)
    lowest = letters[0]
    at_lowest = written.get(lowest, set()) & {layer.input, layer.output}
    if len(at_lowest) > 1:
        raise Unreadable(
            f"{layer.input}_{lowest} and {layer.output}_{lowest}: the input of the lowest "
            "layer is not certain"
        )
    given = next(iter(at_lowest), layer.input)
    for letter in letters[1:]:
        if layer.input in written.get(letter, set()):
            raise Unreadable(
                f"{layer.input}_{letter}: the stated input at the units of a layer above it"
            )
    if pre is not None and pre in written.get(lowest, set()):
        raise Unreadable(f"{pre}_{lowest}: the pre-activation of the input layer")
    parts = _Found(layer, lhs, rhs, visible, collected, given, pre, activation, letters)
    return _one_neuron(parts) if numbered else _layers(parts, written)


def _written_pairs(layer: StatedLayer, display: str) -> set[tuple[str, str]]:
    """The weight pairs (input, unit) the display writes (``w_{jk}``, ``w_{j,k}``): the links
    of one chain speak of one network, though each link writes only some of its layers."""
    pattern = rf"(?<![A-Za-z\\]){layer.weight}_\{{\s*([a-z0-9])\s*,?\s*([a-z0-9])\s*\}}"
    pairs = set()
    for first, second in re.findall(pattern, display):
        given, unit = (first, second) if layer.transposed else (second, first)
        if not given.isalpha():
            raise Unreadable(
                f"{layer.weight}_{{{first}{second}}}: an input index that is not a letter"
            )
        pairs.add((given, "#" if unit.isdigit() else unit))
    return pairs


def _pre_activation(layer: StatedLayer, display: str) -> str | None:
    """The family the display applies the activation to (``\\sigma(z_k)``: z), if any."""
    pattern = rf"\\{layer.activation}\s*\(\s*\{{?\s*([A-Za-z])\s*[_^]"
    found = {m for m in re.findall(pattern, display) if m not in layer.stems}
    return found.pop() if len(found) == 1 else None


def _weighted(
    layer: StatedLayer,
    unit: sp.Basic,
    below: sp.IndexedBase,
    weight: sp.IndexedBase,
    bias: sp.IndexedBase | None,
    letter: str,
    size: sp.Symbol,
) -> sp.Expr:
    """``\\sum_j w_{jk} in_j + b_k`` (or ``w_{kj}`` for a layer stated as ``W x + b``)."""
    j = index_symbol(letter)
    entry = weight[j, unit] if layer.transposed else weight[unit, j]
    total = sp.Sum(entry * below[j], (j, 1, size))
    return total + bias[unit] if bias is not None else total


@dataclass(frozen=True)
class _Found:
    """What a claim's layers are read from: the stated layer, the claim (its names without
    the layer's label), the definitions it uses, the input family at the lowest letter, the
    pre-activation's name, the activation, and the letters from the lowest layer up."""

    layer: StatedLayer
    lhs: sp.Expr
    rhs: sp.Expr
    visible: Visible
    collected: _Collected
    given: str
    pre: str | None
    activation: Callable[[sp.Expr], sp.Expr]
    letters: list[str]


def _one_neuron(found: _Found) -> Network:
    """One layer whose unit the claim writes as a number (``w_{j1}``): plain families."""
    layer, visible, given, pre, letters = (
        found.layer,
        found.visible,
        found.given,
        found.pre,
        found.letters,
    )
    if given == layer.output:
        raise Unreadable(f"{layer.output} is both the input and the output of one layer")
    unit = index_symbol("u")
    base = {n: sp.IndexedBase(n, real=True) for n in layer.stems}
    bias = base[layer.bias] if layer.bias else None
    summed = _weighted(layer, unit, base[given], base[layer.weight], bias, letters[0], OPEN)
    made: dict[str, Definition] = {}
    if pre is not None:
        made[pre] = Definition(pre, (unit,), summed, layer.line, offset=layer.offset)
        summed = sp.Indexed(sp.IndexedBase(pre, real=True), unit)
    made[layer.output] = Definition(
        layer.output, (unit,), found.activation(summed), layer.line, offset=layer.offset
    )
    names = {**visible.names, **found.collected.definitions, **made}
    later = {k: v for k, v in visible.later.items() if k not in names}
    note = (
        f"the layer stated at line {layer.line} read in components: "
        f"{pre or layer.output}_u = Σ_{letters[0]} "
        f"{layer.weight}_{{{letters[0]}u}} {given}_{letters[0]}"
        + (f" + {layer.bias}_u" if layer.bias else "")
    )
    return Network(found.lhs, found.rhs, replace(visible, names=names, later=later), None, note)


def _layers(found: _Found, written: Mapping[str, set[str]]) -> Network:
    """Layers told by the letters of the weight pairs, keyed as in :mod:`.index_layers`."""
    layer, visible, collected, given, pre, letters = (
        found.layer,
        found.visible,
        found.collected,
        found.given,
        found.pre,
        found.letters,
    )
    stems = {s for found in written.values() for s in found if "^" not in s}
    families = frozenset(stems | layer.stems | ({pre} if pre else set()))
    labelled = frozenset(n for found in written.values() for n in found if "^" in n) | frozenset(
        d.name
        for d in collected.definitions.values()
        if "^" in d.name
        and len(d.indices) == 1
        and _one_letter(d.indices[0]) is not None
        and layer_name(d.name.split("^", 1)[0], (str(d.indices[0]),)) == d.name
    )
    ranges = _ranges(letters, collected)
    convention = Convention(
        families, labelled, ranges, f"the layer stated at line {layer.line}, at each layer"
    )
    made: dict[str, Definition] = {}
    for below, unit in itertools.pairwise(letters):
        k = index_symbol(unit)
        source = layer.output if below != letters[0] else given
        base = sp.IndexedBase(layer_name(source, (below,)), real=True)
        pair = (below, unit) if layer.transposed else (unit, below)
        weight = sp.IndexedBase(layer_name(layer.weight, pair), real=True)
        bias = sp.IndexedBase(layer_name(layer.bias, (unit,)), real=True) if layer.bias else None
        summed = _weighted(layer, k, base, weight, bias, below, ranges[below])
        if pre is not None:
            name = layer_name(pre, (unit,))
            made[name] = Definition(name, (k,), summed, layer.line, offset=layer.offset)
            summed = sp.Indexed(sp.IndexedBase(name, real=True), k)
        name = layer_name(layer.output, (unit,))
        made[name] = Definition(
            name, (k,), found.activation(summed), layer.line, offset=layer.offset
        )
    names: dict[str, Definition] = {}
    for d in {**visible.later, **visible.names, **collected.definitions}.values():
        if d.body is None or d.offset == layer.offset:
            continue
        try:
            renamed = convention.renamed(d.body)
            name = convention.name(d.name, d.indices)
        except Unreadable:
            continue
        assert isinstance(renamed, sp.Expr)
        names[name] = replace(d, name=name, body=renamed)
    names.update(made)
    lhs, rhs = convention.renamed(found.lhs), convention.renamed(found.rhs)
    assert isinstance(lhs, sp.Expr) and isinstance(rhs, sp.Expr)
    shown = " → ".join(letters)
    note = f"the layer stated at line {layer.line} read at each layer, units {shown}"
    return Network(lhs, rhs, replace(visible, names=names, later={}), convention, note)


def _ranges(letters: list[str], collected: _Collected) -> dict[str, sp.Symbol]:
    """Each letter's size: the one upper bound its sums write, else its capital letter."""
    bounds: dict[str, set[sp.Basic]] = {}
    for d in collected.definitions.values():
        assert d.body is not None
        for s in d.body.atoms(sp.Sum):
            for variable, _, upper in s.limits:
                if upper != OPEN:
                    bounds.setdefault(variable.name, set()).add(upper)
    ranges: dict[str, sp.Symbol] = {}
    for letter in letters:
        found = bounds.get(letter, set())
        if len(found) > 1 or any(not isinstance(b, sp.Symbol) for b in found):
            raise Unreadable(f"sums over {letter} with different bounds")
        bound = next(iter(found), None)
        ranges[letter] = size_symbol(bound.name if isinstance(bound, sp.Symbol) else letter.upper())
    return ranges


__all__ = ("Network", "StatedLayer", "network", "stated_layer")
