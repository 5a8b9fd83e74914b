"""A name defined without an index in another section is not the family used with an index
here: ``z = \\mathbf{w}^\\top \\mathbf{x}`` in a logistic-regression section does not hide the
logits ``z_i`` of a softmax section (they were skipped as "defined in another section")."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from notes_tools import checked

NOTES = r"""# Two models

## Logistic regression

Score $z = \mathbf{w}^\top \mathbf{x}$, so $\frac{\partial z}{\partial \mathbf{x}} = \mathbf{w}$.

## Softmax

$$
p_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}
$$

$$
\frac{\partial p_i}{\partial z_j} = p_i(\delta_{ij} - p_j)
$$

$$
\frac{\partial p_i}{\partial z_j} = -p_i p_j
$$

## Back to the score

$$
\frac{\partial z}{\partial \mathbf{w}} = \mathbf{x}
$$
"""


def test_a_family_is_not_a_scalar_of_another_section(tmp_path: Path) -> None:
    path = tmp_path / "two.md"
    path.write_text(NOTES)
    verdicts, _, result = checked(path)
    assert verdicts == [(5, "proved"), (14, "proved"), (18, "refuted")]
    notes = " ".join(r for c in result.report.claims for r in c.readings)
    assert "z with 1 index(es) is not the z another section defines with 0" in notes
    # the scalar z itself, used in a section where it is not defined, is still skipped
    (skip,) = result.skipped
    assert skip.location.endswith(":24") and "in another section" in skip.reason
