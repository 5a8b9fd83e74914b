"""Notes the team wrote while hunting false alarms, in the styles of published material (a
computational-graph page, an MLP with weight decay, softmax with cross-entropy step by step, a
cheat sheet of matrix calculus, a two-layer network by hand, normalization, backpropagation in
matrix form, the chain rule with products, a one-hot target, a loss left undefined in vectors,
a LaTeX chapter on activations, Chinese backprop notes, MyST directives):
``tests/data/notes/hunt/``.

Every claim was written true, except where noted; each verdict below was checked by hand. The
two refutations of ``softmax_cross_entropy_steps.md`` are right: its Σ_j y_j = 1 is not stated
(the report says the claim holds when it is). A wrong claim about a loss the notes leave
undefined (``undefined_loss_vectors.md``, line 14) is skipped, never refuted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from derivations.checking.files import check_files

HUNT = Path(__file__).resolve().parents[1] / "data" / "notes" / "hunt"

#: By file: the lines of the claims refuted (every other claim read is proved).
REFUTED: dict[str, list[int]] = {
    "backprop_zh.md": [28],  # the prose calls it a common mistake (常见错误)
    "chain_products.md": [],
    "chapter.tex": [],
    "computational_graph.md": [],
    "matrix_cheatsheet.md": [],
    "matrix_form_sigmoid.md": [],
    "mlp_regularized.md": [],
    "myst_gradients.md": [],
    "normalization_and_more.md": [],
    "one_hot_cases.md": [],
    "softmax_cross_entropy_steps.md": [17, 22],  # hold only when Σ y = 1, not stated
    "two_layer_scalar.md": [],
    "undefined_loss_vectors.md": [],
}


@pytest.mark.slow  # about a minute: every page decided in full
@pytest.mark.parametrize("name", sorted(REFUTED))
def test_no_false_alarm_in_the_hunt(name: str) -> None:
    result = check_files([str(HUNT / name)], use_cache=False)
    claims = list(zip(result.report.claims, result.locations, strict=True))
    refuted = [int(w.rsplit(":", 1)[1]) for c, w in claims if c.verdict == "refuted"]
    assert refuted == REFUTED[name]
    assert all(c.verdict in ("proved", "refuted") for c, _ in claims)
    for claim, _ in claims:
        if claim.verdict == "refuted":  # a mistake the notes show, or a condition not stated
            assert claim.expected == "refuted" or claim.holds_under
