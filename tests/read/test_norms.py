"""Norms in vector notation: the Frobenius norm of a matrix, and a name that a definition reads
as a number while the claim reads it as a matrix (a false alarm once: ∂(½‖Ax‖²)/∂x = AᵀAx was
refuted with A a number on one side and a matrix on the other)."""

from __future__ import annotations

from pathlib import Path

from derivations.checking.files import check_files

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
"""


def test_frobenius_norms_and_a_name_of_two_kinds(tmp_path: Path) -> None:
    path = tmp_path / "norms.md"
    path.write_text(NOTES)
    result = check_files([str(path)], use_cache=False)
    verdicts = [
        (int(w.rsplit(":", 1)[1]), c.verdict)
        for c, w in zip(result.report.claims, result.locations, strict=True)
    ]
    assert verdicts == [(6, "proved"), (10, "refuted")]
    skipped = {int(s.location.rsplit(":", 1)[1]): s.reason for s in result.skipped}
    assert skipped[16] == "A is a matrix in the claim and a number in a definition it uses"
    assert "Frobenius" in skipped[22]
