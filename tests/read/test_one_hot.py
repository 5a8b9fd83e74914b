"""A one-hot target (``tests/data/notes/index/one_hot_divergence.md``, written for this test).

Under a case ``k = c`` where the text names the hot index (t_c = 1), the case keeps c: the claim
is about the hot class (a false alarm once: ∂L/∂z_k = p_c − 1 for k = c was refuted at k = 1,
c = 2). A divergence Σ t_k log(t_k/q_k) holds t in a logarithm, but its derivative by q does
not: it is taken before the one-hot t is put in (no 0·log 0).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from notes_tools import checked

CORPUS = Path(__file__).resolve().parents[1] / "data" / "notes" / "index" / "one_hot_divergence.md"


def test_every_claim_against_a_one_hot_target_has_its_verdict() -> None:
    verdicts, _, _ = checked(CORPUS)
    assert verdicts == [
        (10, "proved"),  # -1/q_c where k = c
        (10, "proved"),  # 0 elsewhere
        (14, "proved"),  # -1/q_k where k = c: the same
        (14, "refuted"),  # -1/q_c elsewhere
        (28, "proved"),  # p_c - 1 where k = c
        (28, "proved"),  # p_k elsewhere
        (32, "refuted"),  # p_k where k = c
        (32, "refuted"),  # p_k - 1 elsewhere
    ]
