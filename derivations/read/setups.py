r"""Where a definition holds: its section and the sections under it, and, for a section that
only sets things up, the sections after it under the same heading.

Published notes often put the model or the forward pass in a section of its own ("## The
model", "## A tiny network") and its derivatives in the sections after it. A *setup section*
is one whose math (its subsections' too) states no derivative: every equation in it defines or
states something. Its definitions hold in the sections after it that share its parent heading
(and the sections under those), until the name is defined again. A section that also states a
derivative keeps its definitions local: a calculus text that defines ``f`` for one example and
reuses ``f`` for another function two sections later is not read with the first ``f``.

A function named by one Latin letter (``f(x) = …``) is not lent: calculus texts reuse f, g, u for
one example after another (:func:`generic_function`); named functions (σ, ReLU, softplus) and
names (z, h, L, ŷ) are.

A section whose own prose says something changes ("If we replace the sigmoid by tanh",
"instead") does not get a setup section's definitions (:func:`changing_sections`).

A name that a setup section defines and a later section redefines (in a section whose
definitions do not reach the claim) is ambiguous after that section: which of the two the text
means is not certain, and the name is not expanded (:meth:`Scopes.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

#: A section path: the headings above a piece of math, outermost first.
Section = tuple[str, ...]

T = TypeVar("T")


def within(inner: Section, outer: Section) -> bool:
    """Whether a section is ``outer`` or under it."""
    return inner[: len(outer)] == outer


#: Anything that may write a derivative: ∂, ∇, a prime, a dot over a name, d/dx in a fraction
#: or upright, D_x, the physics package's commands. Wider than what the reader reads, so that a
#: section that differentiates in any notation is never taken for a setup section.
_DERIVATIVE = re.compile(
    r"\\(?:partial|nabla|dot|ddot|dddot|prime|pdv|dv|odv|diff|grad|Delta)(?![A-Za-z])"
    r"|'|′|∂|∇"
    r"|\\[dtc]?frac\s*\{\s*(?:d|\\mathrm|\\operatorname|\\text)"
    r"|\\(?:mathrm|operatorname|text|rm)\s*\{?\s*d(?![A-Za-z])"
    r"|(?<![A-Za-z\\])D_"
)


def states_derivative(math: str) -> bool:
    """Whether a piece of math may state a derivative: an equation (or inequality) with
    anything in it that may write one."""
    return bool(re.search(r"=|<|>|\\[lg]e|\\approx", math)) and bool(_DERIVATIVE.search(math))


def setup_sections(pieces: Iterable[tuple[Section, str, bool]]) -> frozenset[Section]:
    """The setup sections, given each piece of math with its section and whether the prose
    asserts it: those none of whose math, their subsections' included, may state a derivative
    (:func:`states_derivative`) or is asked or set as an exercise (what a question sets up is
    not the notes' setup; "Suppose there are q classes" is); the whole document (the section
    ``()``) is never one."""
    sections: set[Section] = set()
    stating: set[Section] = set()
    for section, math, asserted in pieces:
        states = states_derivative(math) or not asserted
        for depth in range(1, len(section) + 1):
            sections.add(section[:depth])
            if states:
                stating.add(section[:depth])
    return frozenset(sections - stating)


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One definition of ``name`` (``line``, ``section``, where it starts) with its value."""

    name: str
    section: Section
    line: int
    offset: int
    value: T
    #: Whether a setup section may lend it (not a function named by one Latin letter).
    lendable: bool = True


def generic_function(name: str) -> bool:
    """A function named by one Latin letter (f, g, u): the name calculus texts reuse for one
    example after another, so its definition holds only in its own section and below."""
    return len(name) == 1 and name.isascii() and name.isalpha()


@dataclass(frozen=True)
class Resolved(Generic[T]):
    """The definitions that hold at one place, by name; why other defined names do not hold;
    and, for the ones taken from a setup section, that section."""

    names: dict[str, T]
    hidden: dict[str, str]
    reached: dict[str, Section]


def shown(section: Section) -> str:
    return f"'{section[-1]}'" if section else "the document's start"


#: Prose that says the setup changes: "If we replace the sigmoid by tanh", "use ReLU instead".
_CHANGE = re.compile(
    r"\b(?:instead|replac\w*|rather than|swap\w*|switch\w*|substitut\w*|chang\w*|modif\w*"
    r"|alternative\w*|in place of)\b",
    re.IGNORECASE,
)


#: A sentence about a mistake: its "in place of" tells what the mistake swaps, not a change.
_MISTAKE = re.compile(
    r"\b(?:mistake|error|wrong|incorrect|erroneous|slip|pitfall|confus\w*)", re.IGNORECASE
)


def changing_sections(
    text: str, headings: Sequence[tuple[int, int, str]], section_at: Callable[[int], Section]
) -> dict[Section, str]:
    """The sections whose own text (their heading to the next heading) says that something
    changes ("replace", "instead"), each with the word, outside sentences about a mistake: a
    setup section's definitions do not reach them for certain."""
    found: dict[Section, str] = {}
    for k, (at, _, _) in enumerate(headings):
        end = headings[k + 1][0] if k + 1 < len(headings) else len(text)
        for sentence in re.split(r"(?<=[.!?:])\s+|\n\s*\n", text[at:end]):
            if _MISTAKE.search(sentence):  # "A common mistake is to use w_1 in place of w_2"
                continue
            said = _CHANGE.search(sentence)
            if said is not None:
                found.setdefault(section_at(at), said.group(0))
                break
    return found


@dataclass(frozen=True)
class Scopes:
    """The setup sections of a document (none: every definition holds in its section only),
    and the sections whose prose says something changes (:func:`changing_sections`)."""

    setups: frozenset[Section] = frozenset()
    changing: Mapping[Section, str] = field(default_factory=dict)

    def reaches(self, defined: Section, at: Section) -> bool:
        """Whether a definition made in section ``defined`` holds in section ``at`` (at a
        place after it)."""
        if within(at, defined):
            return True
        return self._lent(defined, at) and self._change(defined, at) is None

    def _lent(self, defined: Section, at: Section) -> bool:
        return defined in self.setups and within(at, defined[:-1])

    def _change(self, defined: Section, at: Section) -> str | None:
        """The word by which ``at``, or a section above it under the setup's parent, says
        that something changes."""
        for depth in range(len(defined), len(at) + 1):
            if at[:depth] in self.changing:
                return self.changing[at[:depth]]
        return None

    def resolve(self, entries: Iterable[Entry[T]], offset: int, at: Section) -> Resolved[T]:
        """The entries (in document order) that hold at ``offset`` in section ``at``: for
        each name the last one made before it in ``at`` or a section above it or in a setup
        section that reaches ``at``; a name defined only elsewhere is hidden with the reason."""
        holding: dict[str, Entry[T]] = {}
        elsewhere: dict[str, Entry[T]] = {}
        for entry in entries:
            if entry.offset >= offset:
                continue
            if within(at, entry.section) or (entry.lendable and self.reaches(entry.section, at)):
                holding[entry.name] = entry
                elsewhere.pop(entry.name, None)
            else:
                elsewhere[entry.name] = entry
        hidden = {}
        for name, e in elsewhere.items():
            if name in holding:
                continue
            hidden[name] = f"{name} is defined at line {e.line}, in another section"
            if not e.lendable and self._lent(e.section, at):
                hidden[name] += (
                    " (a function named by one letter holds only in its own section and below)"
                )
            change = self._change(e.section, at) if self._lent(e.section, at) else None
            if change is not None and e.lendable:
                hidden[name] = (
                    f"{name} is defined at line {e.line} (in {shown(e.section)}, a section that "
                    f'only defines), but this section says "{change}": whether that definition '
                    "still holds here is not certain"
                )
        reached: dict[str, Section] = {}
        for name, entry in list(holding.items()):
            if within(at, entry.section):
                continue
            other = elsewhere.get(name)
            if other is not None:  # defined again after the setup, where it does not hold
                del holding[name]
                hidden[name] = (
                    f"{name} is defined at line {entry.line} (in {shown(entry.section)}, a "
                    f"section that only defines) and again at line {other.line}, in another "
                    "section: which one holds here is not certain"
                )
                continue
            reached[name] = entry.section
        return Resolved({n: e.value for n, e in holding.items()}, hidden, reached)


def _mentioned(math: str) -> set[str]:
    """The names a piece of math writes: commands (``sigma``), letters, and words spelled out
    (``\\operatorname{ReLU}``: ``relu``, as functions are looked up)."""
    commands = set(re.findall(r"\\([A-Za-z]+)", math))
    plain = re.sub(r"\\[A-Za-z]+", " ", math)
    words = {w.lower().replace("_", "") for w in re.findall(r"[A-Za-z_]+", plain)}
    return commands | set(re.findall(r"[A-Za-z]", plain)) | words


def functions_note(reached: Mapping[str, tuple[int, Section]], math: str) -> str:
    """Which functions the math (a display, or the inline math of a claim) takes from setup
    sections before it: ``"functions from 'The model' (…): g (line 8)"``; '' when none."""
    names = _mentioned(math)
    groups: dict[Section, list[str]] = {}
    for name, (line, section) in reached.items():
        if name in names:
            groups.setdefault(section, []).append(f"{name} (line {line})")
    return "; ".join(
        f"functions used from {shown(section)} (a section before this one that only defines): "
        + ", ".join(used)
        for section, used in groups.items()
    )
