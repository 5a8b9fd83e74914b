"""Backpropagation notes written layer by layer: a corpus of fresh notes.

Every claim of the layered notes in ``tests/data/notes/index/`` (``backprop_layers.md``,
``dropped_superscript.md``, ``layer_letters.md``, ``two_layers_unlabelled.md``) has its
expected verdict here, by line. The verdicts were worked out by hand from the notes'
mathematics: with :math:`z^{[2]}_k = \\sum_j w^{[2]}_{jk} a^{[1]}_j`, the derivative
:math:`\\partial z^{[2]}_k / \\partial w^{[2]}_{jk}` is the input :math:`a^{[1]}_j`, not the
weight; the gradient of a weight is the unit's error times its input, so each claim that drops
the input factor (the slip of eq. (28) of the backpropagation notes) is refuted.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sympy as sp

from derivations.read.latex import Scope, Unreadable, read, tokenize
from derivations.read.notes import reads
from derivations.verifier.claim import verify

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from notes_tools import read_verdicts

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "index"
P, R = "proved", "refuted"


def verdicts(name: str) -> tuple[dict[int, list[str]], dict[int, str], dict[int, str]]:
    """Verdicts by line, skip reasons by line, and the readings by line."""
    return read_verdicts(CORPUS / name)


@pytest.mark.slow
def test_two_layers_with_bracketed_labels() -> None:
    found, skipped, _ = verdicts("backprop_layers.md")
    assert found == {
        20: [P],  # ∂C/∂a_k = a_k - y_k (the sum's index renamed apart from k)
        22: [P],  # σ' through the definition of a
        24: [P],  # ∂z_k/∂w_jk = a_j (the input)
        26: [R],  # ... not the weight
        28: [P],  # a depends on w through z: the implicit dependency expanded
        34: [P],  # ∂C/∂w_jk = δ_k a_j
        36: [R],  # the input factor a_j dropped
        40: [P],  # ∂z_k/∂a_j = w_jk
        42: [P],  # ∂C/∂a_j = Σ_k δ_k w_jk
        44: [R],  # the sum dropped
        50: [P],  # two layers down: ∂C/∂w_ij = δ_j x_i, for every n
        52: [R],  # the input factor x_i dropped (the slip of eq. (28))
    }
    assert skipped == {}


def test_a_dropped_superscript_is_read_when_the_notes_make_it_certain() -> None:
    found, skipped, readings = verdicts("dropped_superscript.md")
    assert found == {
        11: [P],  # o_k is o^(1)_k: σ(z) (1 - σ(z)) x_j
        13: [P],
        15: [R],  # σ' dropped
        21: [P],  # δ_k^K is the label K, not a power
        23: [P],
        25: [R],  # a stray x_k
    }
    assert "o read as o^(1)" in readings[13]
    assert "w read as w^(1)" in readings[13]
    assert skipped == {29: "a letter superscript on a component (δ_k^K): a label or a power?"}


def test_two_layers_of_one_name_are_not_guessed() -> None:
    found, skipped, _ = verdicts("two_layers_unlabelled.md")
    assert found == {13: [P], 15: [R]}
    assert skipped == {
        9: "h without a superscript, but the document writes h^(1), h^(2): which one is not certain"
    }


def test_layer_letters_before_the_subscript() -> None:
    found, skipped, _ = verdicts("layer_letters.md")
    assert found == {
        7: [P],  # ∂z^l_j/∂w^l_jk = a^{l-1}_k
        9: [R],  # the layer's own output instead of the one below
        11: [P],  # ∂a^l_j/∂b^l_j = σ'(z^l_j)
        13: [R],
        15: [P],  # ∂z^l_j/∂a^{l-1}_k = w^l_jk
        17: [R],  # the transposed weight
        19: [P],
        21: [R],  # a factor of σ' dropped
    }
    assert skipped == {}


@pytest.mark.parametrize(
    ("math", "name"),
    [
        (r"\delta_k^K", "delta^K"),
        (r"\delta^{J}_j", "delta^J"),
        (r"a^{[l]}_j", "a^[l]"),
        (r"a^{[2]}_j", "a^[2]"),
        (r"a^l_j", "a^l"),
        (r"\delta^L_j", "delta^L"),
        (r"a^{l-1}_k", "a^l-1"),
        (r"w^{(2)}_{jk}", "w^(2)"),
        (r"w_{jk}^{(2)}", "w^(2)"),
        (r"a_j^{[l]}", "a^[l]"),
        (r"\hat{y}_k^K", "yhat^K"),
    ],
)
def test_superscripts_that_label_a_component(math: str, name: str) -> None:
    value = read(tokenize(math), Scope(indexed=True))
    assert isinstance(value, sp.Indexed)
    assert str(value.base.label) == name


@pytest.mark.parametrize("math", [r"x_j^n", r"x_j^{m}", r"x_k^J"])
def test_a_letter_that_may_be_a_power_is_not_a_label(math: str) -> None:
    with pytest.raises(Unreadable, match="a label or a power"):
        read(tokenize(math), Scope(indexed=True))


def test_a_derivative_by_a_defined_component_keeps_the_sum_apart() -> None:
    # ∂C/∂a_k of C = ½ Σ_k (a_k - y_k)²: the sum's k is not the variable's k
    text = (
        "$$a_k = \\sigma(z_k)$$\n\n$$C = \\frac{1}{2} \\sum_{k=1}^{n} (a_k - y_k)^2$$\n\n"
        "$$\\frac{\\partial C}{\\partial a_k} = a_k - y_k$$\n\n"
        "$$\\frac{\\partial C}{\\partial a_k} = \\sum_{k=1}^{n} (a_k - y_k)$$\n"
    )
    reading = reads(text, "u.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == [P, R]


def test_the_notes_own_sigma_applies_to_a_vector_entry_by_entry() -> None:
    found, skipped, readings = verdicts("own_sigma_vector.md")
    assert found == {
        13: [P],  # ∂L/∂a = aᵀ (numerator layout)
        15: [R],  # a column where the layout asks for a row
        17: [P],  # σ'(u) = σ(u) σ(-u), entry by entry
        19: [R],  # the σ' factor dropped
    }
    assert "sigma (the document's definition) of a vector read element-wise" in readings[17]
    assert skipped == {}


def test_a_second_layer_in_another_section_makes_the_dropped_name_ambiguous() -> None:
    text = (
        "# One\n\n$$h^{(1)}_j = \\tanh(u_j x_j)$$\n\n"
        "# Two\n\n$$h^{(2)}_j = \\tanh(v_j x_j)$$\n\n"
        "$$\\frac{\\partial h_j}{\\partial v_j} = (1 - h_j^2) x_j$$\n"
    )
    reading = reads(text, "u.md")
    assert not reading.claims
    assert "which one is not certain" in reading.skipped[-1].reason


def test_a_family_without_its_underscore_next_to_an_index_is_the_component() -> None:
    text = (
        "$$p_i = \\frac{e^{z_i}}{\\sum_{k=1}^{K} e^{z_k}}$$\n\n"
        "$$\\frac{\\partial p_i}{\\partial z_i} = pi (1 - p_i)$$\n\n"
        "$$\\frac{\\partial p_i}{\\partial z_i} = pi$$\n\n"
        "$$\\frac{\\partial p_i}{\\partial z_j} = p \\cdot p_j$$\n"
    )
    reading = reads(text, "u.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == [P, R]
    assert "pi read as p_i" in reading.claims[0].claim.sources[0].reading
    assert "used without an index" in reading.skipped[-1].reason


def test_an_underbrace_annotation_names_its_body() -> None:
    text = (
        "$$\n\\begin{aligned}\n"
        "\\frac{\\partial}{\\partial x_j} \\sum_k (x_k - t_k)^2 x_j"
        " &= 2 \\underbrace{(x_j - t_j)}_{e_j} x_j + \\sum_k (x_k - t_k)^2 \\\\\n"
        "&= 2 e_j x_j + \\sum_k (x_k - t_k)^2 \\\\\n"
        "&= e_j x_j + \\sum_k (x_k - t_k)^2\n"
        "\\end{aligned}\n$$\n"
    )
    reading = reads(text, "u.md")
    assert [verify(c.claim).verdict.value for c in reading.claims] == [P, P, R]
    assert "its annotation e[j] names its body" in reading.claims[0].claim.sources[0].reading


def test_a_name_defined_after_its_use_takes_that_definition() -> None:
    found, skipped, readings = verdicts("defined_after.md")
    assert found == {
        5: [P],  # δ_k x_j with δ_k from line 11 ("where …")
        7: [R],  # x_j dropped
        15: [P],  # r is the variable: the later r = 3s + 1 is not used
    }
    assert "delta_k is defined after the claim (line 11): used" in readings[5]
    assert "after the claim" not in readings[15]
    assert skipped == {}


def test_a_bracketed_superscript_that_a_sum_runs_over_is_not_a_label() -> None:
    # x^{(i)}: the i-th example of a training set, not a layer
    text = (
        "$$J = \\frac{1}{2m} \\sum_{i=1}^{m} (\\theta x^{(i)} - y^{(i)})^2$$\n\n"
        "$$\\frac{\\partial J}{\\partial \\theta} = \\sum_{i=1}^{m} (\\theta x^{(i)} - y^{(i)})"
        " x^{(i)}$$\n"
    )
    reading = reads(text, "u.md")
    assert not reading.claims
    assert "the superscript (i) is an index of the claim" in reading.skipped[-1].reason
