"""Backpropagation in matrix form (``tests/data/notes/vectors/matrix_form.md``, written for this
test): σ'(z) of a vector is σ' entry by entry, and ``1 - \\mathbf{o}`` is 1 − o entry by entry.
The true claims are proved in some layout; each false one (the slope dropped, a factor of the
slope dropped, the weight gradient transposed in a layout whose shape is W's) is refuted."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from notes_tools import checked

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "vectors" / "matrix_form.md"


@pytest.mark.slow  # the weight gradients are proved for every shape: about 35 s
def test_every_claim_of_the_matrix_form_has_its_verdict() -> None:
    verdicts, _, result = checked(CORPUS)
    assert verdicts == [
        (7, "proved"),  # (o - y) ⊙ σ'(z)
        (13, "refuted"),  # the slope σ'(z) dropped
        (17, "proved"),  # σ' = o ⊙ (1 - o)
        (21, "refuted"),  # the factor o of the slope dropped
        (25, "proved"),  # Wᵀ[…] (denominator layout)
        (29, "proved"),  # […]aᵀ: W's shape
        (33, "proved"),  # a[…]ᵀ: the numerator layout's n×m
    ]
    assert not result.skipped
