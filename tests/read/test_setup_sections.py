"""Where a definition holds: its section and below, and for a setup section (one whose math
states no derivative) the sections after it under the same heading, until redefined.

``tests/data/notes/setups/sections.md`` is a fresh corpus: a forward pass in a section of its
own, its gradients in the next sections, and the cases where the rule must not reach (a section
that defines and differentiates; a name defined again elsewhere; another chapter). Expected
verdicts were worked out by hand: J = (m − r)², m = cube(s) = s³, s = a q + c, so
∂J/∂a = 2(m − r)·3s²·q and ∂J/∂c = 2(m − r)·3s².
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from derivations.read.notes import reads
from derivations.read.setups import Entry, Scopes, functions_note, setup_sections
from derivations.read.setups import states_derivative as states
from derivations.verifier.claim import verify

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from notes_tools import read_verdicts

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "setups"
P, R = "proved", "refuted"
SETUP = "(a section before this one that only defines)"


def _read(name: str) -> tuple[dict[int, list[str]], dict[int, str], dict[int, str]]:
    """Verdicts by line, skip reasons by line, and the readings by line."""
    return read_verdicts(CORPUS / name)


def test_a_forward_pass_section_reaches_the_sections_after_it() -> None:
    found, skipped, readings = _read("sections.md")
    assert found == {
        22: [P],  # ∂J/∂m = 2(m − r)
        28: [P],  # ∂J/∂a = 6(m − r) s² q
        34: [R],  # drops q ("A common slip", with inline math in the sentence)
        39: [P],  # cube'(u) = 3u², cube from the forward pass
        42: [R],  # cube'(u) = 3u (marked)
        48: [P],  # ∂J/∂c, in a subsection of the gradients
        56: [P],  # p local to its own section
        70: [P],  # J redefined locally: ∂J/∂m = 1
    }
    assert readings[28] == (
        f"definitions used from 'Forward pass' {SETUP}: J (line 14), m (line 8), s (line 8)"
    )
    assert readings[39] == f"functions used from 'Forward pass' {SETUP}: cube (line 8)"
    assert skipped == {
        # a section that also differentiates keeps its definitions
        62: "p is defined at line 53, in another section",
        # the setup's J and another section's J: not certain which one is meant
        76: "J is defined at line 14 (in 'Forward pass', a section that only defines) and "
        "again at line 67, in another section: which one holds here is not certain",
        # another chapter: the setup holds under its own heading only
        82: "J is defined at line 67, in another section",
    }


def test_a_claim_in_the_same_section_as_its_definitions_keeps_them_local() -> None:
    text = (
        "# N\n\n## One\n\n$$f(x) = x^3$$\n\n$$f'(x) = 3x^2$$\n\n"
        "## Two\n\n$$f'(x) = 2x$$\n"  # a different f, never defined here: not read as x³
    )
    reading = reads(text, "n.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == [P]
    assert [s.reason for s in reading.skipped] == ["f is defined at line 5, in another section"]


def test_a_function_named_by_one_letter_is_not_lent() -> None:
    """Calculus texts reuse f for one example after another: a setup section's f(x) = x² does
    not hold in the next section (read with it, the cubic's f'(x) = 3x² would be refuted)."""
    text = (
        "# N\n\n## Functions\n\n$$f(x) = x^2, \\qquad \\operatorname{sq}(x) = x^2$$\n\n"
        "## The cubic\n\n$$f'(x) = 3x^2$$\n\n$$\\operatorname{sq}'(x) = 2x$$\n"
    )
    reading = reads(text, "n.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == [P]
    assert [s.reason for s in reading.skipped] == [
        "f is defined at line 5, in another section (a function named by one letter holds "
        "only in its own section and below)"
    ]


def test_a_dotted_derivative_makes_a_section_not_a_setup() -> None:
    text = (
        "# N\n\n## Motion\n\nLet $x(t) = t^2$; then $\\dot{x}(t) = 2t$.\n\n"
        "## Other\n\n$$\\frac{d}{dx} x^3 = 3x^2$$\n"
    )
    reading = reads(text, "n.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == [P, P]


@pytest.mark.parametrize(
    ("math", "expected"),
    [
        (r"\frac{\partial L}{\partial w} = 1", True),
        (r"\dot{x}(t) = 8t", True),
        (r"f'(x) = 1", True),
        (r"\frac{\mathrm{d}y}{\mathrm{d}x} = 2", True),
        (r"D_x f = 3", True),
        (r"\nabla_{\mathbf{w}} L = 0", True),
        (r"z = w x + b", False),
        (r"\hat{y}_j = \frac{\exp(o_j)}{\sum_k \exp(o_k)}", False),
        (r"\mathrm{diag}(x) = A", False),
        (r"\partial L", False),  # no equation: a mention, not a statement
    ],
)
def test_what_may_state_a_derivative(math: str, expected: bool) -> None:
    assert states(math) is expected


def test_setup_sections_count_their_subsections() -> None:
    pieces = [
        (("A", "Model"), "z = w x", True),
        (("A", "Model", "Loss"), "L = z^2", True),
        (("A", "Grad"), r"\frac{dL}{dw} = 2 z x", True),
        (("A", "Mixed"), "u = 2x", True),
        (("A", "Mixed", "Sub"), "u' = 2", True),
        (("A", "Questions"), "v = 3x", False),  # asked
        ((), "c = 1", True),
    ]
    assert setup_sections(pieces) == {("A", "Model"), ("A", "Model", "Loss")}


def test_resolve_reaches_siblings_after_a_setup_only() -> None:
    scopes = Scopes(frozenset({("A", "Model")}))
    entries = [
        Entry("z", ("A", "Model"), 3, 10, "wx"),
        Entry("q", ("A", "Local"), 7, 20, "q1"),
    ]
    here = scopes.resolve(entries, 100, ("A", "Grad", "Deeper"))
    assert here.names == {"z": "wx"}
    assert here.reached == {"z": ("A", "Model")}
    assert here.hidden == {"q": "q is defined at line 7, in another section"}
    assert scopes.resolve(entries, 100, ("B",)).names == {}
    assert scopes.resolve(entries, 5, ("A", "Grad")).names == {}  # before the definition


def test_the_functions_note_names_only_functions_the_math_writes() -> None:
    reached = {"g": (8, ("A", "Model")), "relu": (9, ("A", "Model"))}
    assert functions_note(reached, r"g'(u) = 3u^2") == (
        f"functions used from 'Model' {SETUP}: g (line 8)"
    )
    assert functions_note(reached, r"\operatorname{ReLU}'(x) = 1") == (
        f"functions used from 'Model' {SETUP}: relu (line 9)"
    )
    assert functions_note(reached, r"\frac{d}{dx} x^2 = 2x") == ""


def test_a_gradient_through_definitions_in_both_notations() -> None:
    """p = tanh(vᵀu) in vector notation, 𝓔 = ½(p − s)² with scalars, G = 𝓔 + (μ/2) vᵀv in
    vector notation again: ∇_v 𝓔 = (p − s)(1 − p²) u and ∇_v G adds μv (by hand)."""
    found, skipped, readings = _read("mixed_notation.md")
    assert found == {26: [P], 31: [R], 35: [P], 40: [R], 46: [P], 53: [R]}
    assert skipped == {}
    assert f"definitions used from 'Setup' {SETUP}: Escr (line 14)" in readings[35]
    assert "p expanded through its definition" in readings[26]


def test_a_script_letter_heads_a_definition_of_vectors() -> None:
    from derivations.read.display_vectors import word_head
    from derivations.read.latex import tokenize

    head = word_head(tokenize(r"\mathcal{L}(\mathbf{w})"))
    assert head is not None and head[0] == "Lcal"
    assert word_head(tokenize(r"\mathcal{L}")) is None  # a name alone, no arguments


def test_a_scalar_left_by_the_other_notation_under_a_derivative_by_a_defined_vector() -> None:
    import sympy as sp

    from derivations.read.latex import Unreadable
    from derivations.read.mixed_definitions import through_both
    from derivations.symbolic.matrix_calculus import DENOMINATOR, LayoutDerivative

    z = sp.MatrixSymbol("z", 2, 1)
    held = LayoutDerivative(sp.Symbol("J"), z, DENOMINATOR)
    vectors = {"z": sp.ImmutableMatrix([1, 2]), "J": sp.Symbol("L")}
    with pytest.raises(Unreadable, match="under a derivative by a defined vector"):
        through_both(held, lambda e: e, vectors, {"L"})


def test_a_section_that_says_it_replaces_something_does_not_get_the_setup() -> None:
    """h = σ(z) in a setup section; "If we replace the sigmoid by the hyperbolic tangent"
    before ∂h/∂z = 1 − h²: read with the setup's h it would be refuted, though it is right for
    tanh. The sibling sections that say nothing of a change are read."""
    found, skipped, _ = _read("changes.md")
    assert found == {12: [P], 26: [P], 32: [R]}
    assert skipped == {
        20: "h is defined at line 6 (in 'The unit', a section that only defines), but this "
        'section says "replace": whether that definition still holds here is not certain'
    }


def test_a_name_defined_with_arguments_used_with_the_same_ones() -> None:
    """𝓛(w) = ½(wᵀx − t)², 𝓙(w) = 𝓛(w) + (λ/2) wᵀw: ∇𝓙 = (wᵀx − t) x + λw (by hand); 𝓛 at
    another point v is not given by the definition: not read (it was read as 𝓛(w))."""
    found, skipped, readings = _read("head_calls.md")
    assert found == {12: [P], 17: [R]}
    assert readings[12].startswith(
        "\\mathcal{J}(\\mathbf{w}) read as \\mathcal{J}, as its definition writes it"
    )
    assert skipped == {
        23: "\\mathcal{L}(\\mathbf{v}): the definition of \\mathcal{L} is written at other "
        "arguments and does not give its value here"
    }


def test_a_mistake_that_swaps_two_names_is_no_change_of_the_setup() -> None:
    from derivations.read.setups import changing_sections

    text = (
        "# N\n\n## A\n\nA common mistake is to use $w_1$ in place of $w_2$:\n\n"
        "## B\n\nNow use the rectifier instead.\n"
    )
    headings = [(text.index("## A"), 2, "A"), (text.index("## B"), 2, "B")]
    sections = {headings[0][0]: ("N", "A"), headings[1][0]: ("N", "B")}
    found = changing_sections(text, headings, lambda at: sections[at])
    assert found == {("N", "B"): "instead"}


@pytest.mark.parametrize(
    ("claim", "verdicts", "reason"),
    [
        # h is a defined name: h(1 - h) is a product
        (r"\frac{\partial h}{\partial z} = h (1 - h)", [P], ""),
        (r"\frac{\partial h}{\partial z} = h (1 + h)", [R], ""),
        # h(z) may be meant as a call: not read as h·z
        (r"\frac{\partial h}{\partial z} = h(z) (1 - h(z))", [], "h(…) but the document"),
    ],
)
def test_a_defined_name_times_a_bracket_that_holds_it(
    claim: str, verdicts: list[str], reason: str
) -> None:
    reading = reads(f"$$h = \\sigma(z)$$\n\n$$\n{claim}\n$$\n", "n.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == verdicts
    assert all(reason in s.reason for s in reading.skipped)
    assert bool(reading.skipped) == bool(reason)
