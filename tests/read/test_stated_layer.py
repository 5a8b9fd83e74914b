"""A layer stated once in vector form, read in index notation (``read/stated_layer.py``).

The corpus ``tests/data/notes/stated_layer/`` was written for these tests: a layer written
``W x + b`` and differentiated by ``W_{kj}``; one written ``w^\\top x + b`` and grown to three
layers told by the weights' letters; one neuron (``w_{j1}``); and claims whose layers are not
certain. Each true claim is proved for every size, each false one refuted, and the uncertain
ones are skipped with their reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.read.stated_layer import stated_layer
from tests.notes_tools import checked

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "stated_layer"


def _by_line(path: Path) -> tuple[dict[int, list[str]], dict[int, str], list[str]]:
    verdicts, skipped, result = checked(path)
    found: dict[int, list[str]] = {}
    for line, verdict in verdicts:
        found.setdefault(line, []).append(verdict)
    readings = [c.readings[0] if c.readings else "" for c in result.report.claims]
    return found, skipped, readings


@pytest.mark.slow
def test_layers_told_by_the_weights_letters_are_proved_and_refuted() -> None:
    found, skipped, readings = _by_line(CORPUS / "deeper.md")
    assert found == {
        9: ["proved"],
        11: ["refuted"],  # y_j (1 - y_j) in place of y_k (1 - y_k)
        18: ["proved", "proved"],
        20: ["refuted"],  # the weight w_jk dropped
        26: ["proved"],
        28: ["refuted"],  # δ_i without the input y_n of the weight
    }
    assert skipped == {}
    assert "units n → i → j → k" in readings[-1]
    assert "delta^I_i (line 30)" in readings[-1]  # the δ defined after the claim


def test_a_layer_written_w_x_is_read_with_the_unit_first() -> None:
    found, skipped, readings = _by_line(CORPUS / "components.md")
    # the bias claims write no weight: their layers are those the weights told before
    assert found == {10: ["proved", "proved"], 14: ["refuted"], 18: ["proved"], 20: ["refuted"]}
    assert skipped == {}
    assert "the layer stated at line 3" in readings[0]


def test_one_neuron_written_with_its_unit_number() -> None:
    found, skipped, _ = _by_line(CORPUS / "one_neuron.md")
    assert found == {8: ["proved"], 10: ["refuted"]}
    assert skipped == {}


def test_layers_that_are_not_certain_are_skipped_with_the_reason() -> None:
    found, skipped, _ = _by_line(CORPUS / "not_certain.md")
    assert found == {}
    assert "the stated input at the units of a layer above it" in skipped[9]
    assert "the input of the lowest layer is not certain" in skipped[13]
    assert "two layers below or above it" in skipped[17]


def test_weights_written_against_the_stated_transpose_are_not_refuted() -> None:
    """W_{ij} with i the output beside a = σ(Wᵀx + b): the true claims of that author are
    skipped (an input at a unit letter; a loss over the other letter), never refuted."""
    found, skipped, _ = _by_line(CORPUS / "rows_and_columns.md")
    assert found == {}
    assert set(skipped) == {8, 10}


@pytest.mark.parametrize(
    ("name", "latex", "expected"),
    [
        ("o^(1)", r"\sigma({w^{(1)}}^Tx + b^{(1)})", ("o", "w", "x", "b", True, "1")),
        ("h", r"\sigma(W x + b)", ("h", "W", "x", "b", False, "")),
        ("a", r"\tanh(\mathbf{W}^\top \mathbf{x})", ("a", "W", "x", None, True, "")),
        ("y", r"\sigma\left(w^{\mathrm{T}} x + b\right)", ("y", "w", "x", "b", True, "")),
    ],
)
def test_the_forms_of_a_stated_layer(name: str, latex: str, expected: tuple[object, ...]) -> None:
    layer = stated_layer(name, latex, 1, 0)
    assert layer is not None
    got = (layer.output, layer.weight, layer.input, layer.bias, layer.transposed, layer.label)
    assert got == expected


@pytest.mark.parametrize(
    ("name", "latex"),
    [
        ("o", r"\sigma(x)"),  # no weight
        ("o", r"\sigma(W^T x + b) + c"),  # more than the layer
        ("o^(1)", r"\sigma({w^{(2)}}^T x + b^{(1)})"),  # the weight of another layer
        ("o", r"\sigma(W^T x^{(1)} + b)"),  # a labelled input
        ("o", r"\sigma(o^T x + b)"),  # the output among its own arguments
        ("o", r"\operatorname{softmax}(W^T x + b)"),  # not applied unit by unit
        ("o_k", r"\sigma(W^T x + b)"),  # a component, not the layer
    ],
)
def test_what_is_not_a_stated_layer(name: str, latex: str) -> None:
    assert stated_layer(name, latex, 1, 0) is None
