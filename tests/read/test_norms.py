"""Norms in vector notation: the Frobenius norm of a matrix; a definition with a capital letter
beside a bold vector (``½‖A\\mathbf{x}‖²``) is read in vector notation, A a matrix (a false alarm
once: ∂(½‖Ax‖²)/∂x = AᵀAx was refuted with A a number on one side and a matrix on the other);
∇f(\\mathbf{x}) without a subscript is the gradient by the argument; a matrix whose shape is
stated after a definition inferred another one is not compared with itself."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from notes_tools import checked

NOTES = r"""# Weight decay

Let $s = \frac{\lambda}{2} \|\mathbf{W}\|_F^2$ for a matrix $\mathbf{W}$.

$$
\frac{\partial s}{\partial \mathbf{W}} = \lambda \mathbf{W}
$$

$$
\frac{\partial s}{\partial \mathbf{W}} = 2\lambda \mathbf{W}
$$

Let $r = \frac{1}{2} \|A\mathbf{x}\|_2^2$.

$$
\frac{\partial r}{\partial \mathbf{x}} = A^T A \mathbf{x}
$$

A matrix norm that is not Frobenius is not read: $q = \|\mathbf{W}\|_2$,

$$
\frac{\partial q}{\partial \mathbf{W}} = \mathbf{W}
$$

For $f(\mathbf{x}) = \frac{1}{2}\|C\mathbf{x} - \mathbf{y}\|^2$,

$$
\nabla f(\mathbf{x}) = C^\top (C\mathbf{x} - \mathbf{y})
$$

For $g(\mathbf{x}) = \frac12\|B\mathbf{x} - \mathbf{y}\|^2$, $B \in \mathbb{R}^{m \times n}$,

$$
\nabla g(\mathbf{x}) = B^\top (B\mathbf{x} - \mathbf{y})
$$
"""


def test_frobenius_norms_and_a_name_of_two_kinds(tmp_path: Path) -> None:
    path = tmp_path / "norms.md"
    path.write_text(NOTES)
    verdicts, _, result = checked(path)
    assert verdicts == [(6, "proved"), (10, "refuted"), (16, "proved"), (28, "proved")]
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in result.skipped}
    assert "Frobenius" in skipped[22]
    assert 34 in skipped  # B stated m×n after f was read: never compared as two matrices


def test_a_matrix_read_with_two_shapes_is_not_compared(tmp_path: Path) -> None:
    path = tmp_path / "shapes.md"
    path.write_text(
        "Let $\\mathbf{a}, \\mathbf{x} \\in \\mathbb{R}^n$.\n\n"
        "For $f(\\mathbf{x}) = \\frac{1}{2}\\|B\\mathbf{x} - \\mathbf{y}\\|^2$ with "
        "$B \\in \\mathbb{R}^{m \\times n}$,\n\n"
        "$$\n\\nabla f(\\mathbf{x}) = B^\\top (B\\mathbf{x} - \\mathbf{y})\n$$\n"
    )
    _, _, result = checked(path)
    assert not result.report.claims  # it was refuted: the definition's B square, the claim's m×n
    (skip,) = result.skipped
    assert skip.reason == "the matrix B is read with two shapes (m×n and n×n)"
