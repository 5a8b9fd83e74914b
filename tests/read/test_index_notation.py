"""Index notation, definitions and stated conditions in notes: a corpus of fresh notes.

Every claim of ``tests/data/notes/index/*.md`` has its expected verdict here, by line (several
claims on one line in order). The expected verdicts were worked out by hand from the notes'
mathematics, not taken from the tool: e.g. ∂q_a/∂z_c = -q_a q_c drops the δ_ac q_a term, so
it is refuted; ∂J/∂z_c = q_c - t_c holds only because the notes state Σ_a t_a = 1.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import sympy as sp

from derivations.errors import InputError
from derivations.read.notes import Math, find_math, index_condition, read_math, reads, statements
from derivations.verifier.claim import verify

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "index"
P, R = "proved", "refuted"


def sectioned(text: str) -> list[Math]:
    """The math of a Markdown text with its section (the headings above it), as the document
    stage gives it."""
    heads = [
        (m.start(), len(m.group(1)), m.group(2).strip())
        for m in re.finditer(r"^(#+)\s+(.*)$", text, re.M)
    ]
    pieces = []
    for piece in find_math(text):
        stack: list[tuple[int, str]] = []
        for offset, level, title in heads:
            if offset > piece.offset:
                break
            stack = [s for s in stack if s[0] < level] + [(level, title)]
        pieces.append(replace(piece, section=tuple(t for _, t in stack)))
    return pieces


def verdicts(name: str) -> tuple[dict[int, list[str]], dict[int, str], dict[int, str]]:
    """Verdicts by line, skip reasons by line, and holds-when texts by line."""
    text = (CORPUS / name).read_text(encoding="utf-8")
    reading = read_math(text, sectioned(text), name)
    hypotheses = reading.formula().hypotheses
    found: dict[int, list[str]] = {}
    holds: dict[int, str] = {}
    for located in reading.claims:
        line = int(located.location.rsplit(":", 1)[1])
        result = verify(located.claim, hypotheses=hypotheses)
        found.setdefault(line, []).append(result.verdict.value)
        if result.holds_under:
            holds[line] = result.holds_under
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in reading.skipped}
    return found, skipped, holds


def test_softmax_and_cross_entropy_by_components() -> None:
    found, skipped, holds = verdicts("softmax_cross_entropy.md")
    assert found == {
        20: [P],  # q_a(δ_ac - q_c), for every K
        26: [R],  # the δ term dropped
        32: [P, P],  # cases a = c and a ≠ c
        40: [P, R],  # q_a q_c for a ≠ c has the wrong sign
        58: [P],  # chain of the cross-entropy gradient, under the stated Σ t = 1
        59: [P],
        60: [P],
        65: [R],  # q_c + t_c
        75: [R],  # q_c - r_c without Σ r = 1
    }
    assert holds == {75: "sum of r = 1 (for every n)"}
    assert skipped == {}


def test_a_stated_condition_is_cited_by_the_claims_after_it() -> None:
    text = (CORPUS / "softmax_cross_entropy.md").read_text(encoding="utf-8")
    reading = read_math(text, sectioned(text), "s.md")
    claims = {c.location: c.claim for c in reading.claims}
    assert "stated at line 49" in claims["s.md:60"].title
    assert not claims["s.md:75"].conditions  # another family (r), not the stated t
    assert "definitions used: J (line 52), q_a (line 6)" in claims["s.md:58"].sources[0].reading


def test_a_neuron_through_a_chain_of_definitions() -> None:
    found, skipped, _ = verdicts("neuron_chain.md")
    assert found == {
        5: [P],  # ∂E/∂o with o a defined name held as a variable
        7: [P],  # E → o → s
        9: [P],  # E → o → s → w_j, the index summed inside s
        11: [R],  # σ' dropped
        15: [P],  # ∂w_k/∂w_j = δ_jk
        17: [P],
        19: [R],  # the sum is not the derivative
        21: [P],  # Σ_{j≠i} does not contain w_i
        23: [R],
    }
    assert skipped == {}


def test_derivative_notations_in_true_and_false_pairs() -> None:
    found, skipped, _ = verdicts("notations.md")
    assert found == {
        5: [P],  # df/dx(x) is f'(x), not x·f'(x)
        7: [R],
        9: [P],  # evaluated at x = 2: 12
        11: [R],  # at x = 1 it is 3
        13: [P],  # f^\prime
        15: [R],
        17: [P],  # D_x f
        19: [R],
        21: [P],  # f_x
        23: [P],  # g_u
        25: [R],
        29: [P],  # \dfrac, \mathrm{d}, \cfrac
        31: [P],  # a formula after \rightarrow, \operatorname{log}
        33: [R],  # after →, inline
        35: [P],  # \underbrace, \overbrace, \, \; \!
        37: [R],
        41: [P],  # \partial_h with h a defined name
        43: [P],  # ℓ → h → a
        45: [R],
        49: [P],  # \dot{p} of p(t)
        51: [R],
    }
    assert skipped == {27: "equivalent notations for one derivative, not a claim about its value"}


def test_index_cases_from_the_line_before_and_one_hot_in_chinese() -> None:
    found, skipped, _ = verdicts("softmax_zh.md")
    assert found == {
        8: [P],  # 当 i = j 时: s_i - s_i^2
        14: [P],  # 当 i ≠ j 时
        20: [R],  # s_i s_j is not the diagonal
        30: [P],  # s_i - y_i with y one-hot (独热)
        34: [R],
    }
    assert skipped == {}


def test_definitions_hold_in_their_section_and_below() -> None:
    found, skipped, _ = verdicts("scopes.md")
    assert found == {7: [P], 11: [P], 19: [P], 21: [R], 27: [P], 31: [P], 33: [R]}
    assert skipped == {
        15: "f is defined at line 5, in another section",
        37: "u is defined at line 25, in another section",
    }


def test_a_squared_norm_of_bold_vectors_is_a_sum_of_components() -> None:
    found, skipped, _ = verdicts("mean_squared_error.md")
    # the factor 2 of the square (line 12); ∂‖u‖/∂u_i = u_i/‖u‖ (line 22), read in vector
    # notation, where N = ‖u‖ is defined
    assert found == {8: [P], 12: [R], 16: [P], 22: [P]}
    assert skipped == {}


def test_circular_definitions_are_an_input_error_naming_both_lines() -> None:
    text = (CORPUS / "circular.md").read_text(encoding="utf-8")
    with pytest.raises(InputError, match=r"a \(line 3\) and b \(line 5\)"):
        reads(text, "circular.md")


def test_a_later_definition_applies_from_its_line_on() -> None:
    text = "$$h = x^2$$\n$$\\frac{dh}{dx} = 2x$$\n$$h = x^3$$\n$$\\frac{dh}{dx} = 2x$$\n"
    reading = reads(text, "h.md")
    results = [verify(c.claim).verdict.value for c in reading.claims]
    assert results == [P, R]
    assert "h (line 3)" in reading.claims[1].claim.sources[0].reading


def test_the_false_alarm_of_df_dx_of_x() -> None:
    reading = reads("Let $f(x) = x^3$.\n\n$$\\frac{df}{dx}(x) = 3x^2$$\n", "f.md")
    x = sp.Symbol("x", real=True)
    (located,) = reading.claims
    assert located.claim.lhs == sp.Derivative(x**3, x)
    assert verify(located.claim).verdict.value == P


def test_the_math_pieces_carry_section_before_and_tag() -> None:
    piece = Math("x", 0, True)
    assert (piece.section, piece.before, piece.tag) == ((), "", "")
    (found,) = find_math("> $if \\quad i = j:$\n> $$\n> p_i = 1\n> $$\n")[1:]
    assert found.before == "$if \\quad i = j:$"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$if \\quad i = j:$", "Eq"),
        ("当 i = j 时：", "Eq"),
        ("当 $i \\ne j$ 时:", "Ne"),
        ("when s \\neq i,", "Ne"),
        ("if x = 0:", None),
        ("if i = i:", None),
        ("Then we have", None),
        ("if i < j:", None),
    ],
)
def test_index_conditions_before_a_display(text: str, expected: str | None) -> None:
    found = index_condition(text)
    kinds = {sp.Eq: "Eq", sp.Ne: "Ne"}
    assert (
        next(v for k, v in kinds.items() if isinstance(found, k)) if found is not None else None
    ) == expected


def test_several_statements_in_one_piece() -> None:
    parts = [t.strip() for _, t in statements(r"E = \frac12 (o - t)^2, \quad o = \sigma(s)")]
    assert parts == [r"E = \frac12 (o - t)^2", r"o = \sigma(s)"]  # ", \quad": one cut
    assert len(statements(r"f(x) = \max(0, x)")) == 1
    assert len(statements(r"x, y = 3")) == 1


@pytest.mark.parametrize(
    ("math", "reason"),
    [
        (r"p_i = 1/K \qquad \frac{\partial p}{\partial z_i} = 0", "used without an index"),
        (
            r"\delta_k = o_k \qquad \frac{\partial \delta_k^K}{\partial o_j} = 1",
            "delta^K is not defined in the document",
        ),
        (
            r"\delta_k = o_k \qquad \frac{\partial \delta_k^n}{\partial o_j} = 1",
            "a letter superscript on a component",
        ),
        (
            r"\frac{\partial}{\partial z_i} \sum_{k=1}^{K} z_k \sum_{j=1}^{n} z_j = 1",
            "sums over different ranges",
        ),
        (
            r"\frac{\partial}{\partial z_i} \sum_{k=0}^{n} z_k = 1",
            "a sum from 0 that does not end at n − 1",
        ),
        (r"\frac{\partial}{\partial z_i} (z_i + z_1) = 1", "numbered components"),
    ],
)
def test_what_is_not_certain_is_skipped_with_the_reason(math: str, reason: str) -> None:
    reading = reads(f"$$ {math} $$\n", "u.md")
    assert not reading.claims
    assert reason in reading.skipped[-1].reason


def test_a_later_family_of_the_same_name_shadows_a_function() -> None:
    text = (
        "$$f(x) = x^2$$\n"
        "$$\\mathbf{f}_i(\\mathbf{x}) = \\frac{e^{x_i}}{\\sum_{j=1}^{n} e^{x_j}}$$\n"
        "$$\\nabla_{x_j} \\mathbf{f}_i(\\mathbf{x}) = \\mathbf{f}_i(\\mathbf{x})"
        "(\\delta_{ij} - \\mathbf{f}_j(\\mathbf{x}))$$\n"
        "$$\\nabla_{x_j} \\mathbf{f}_i(\\mathbf{x}) = -\\mathbf{f}_i(\\mathbf{x})"
        "\\mathbf{f}_j(\\mathbf{x})$$\n"
    )
    reading = reads(text, "f.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == [P, R]


def test_words_and_spacing_between_statements() -> None:
    # \textrm{and} cuts like \text{and}; an escaped \; or \, is spacing, never a separator
    parts = [t.strip() for _, t in statements(r"a = 1 \; \textrm{and} \; b = 2")]
    assert parts == ["a = 1 \\;", "\\; b = 2"]
    assert len(statements(r"f(x) = x^2 \, \mathbb{1}(x > 0)")) == 1
