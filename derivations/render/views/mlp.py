"""What ``derive mlp`` shows: the network, the δ recursion, every obligation and the theorem."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from derivations.checking.mlp import Network, describe
from derivations.checking.report import Report
from derivations.render.views.report import claim_view


def _unit_order(kink: str) -> tuple[int, ...]:
    """``"z2_3 ≠ 0"`` sorts as (2, 3)."""
    digits = kink.split(" ")[0].lstrip("z").split("_")
    return tuple(int(d) for d in digits if d.isdigit())


def conclusion(net: Network, verdicts: Sequence[str], wheres: Sequence[str]) -> str:
    """The theorem the lemmas give, stated only when every lemma is proved."""
    every = f"every entry of ∂L/∂W^l and ∂L/∂b^l, l = 1..{net.depth}"
    if all(v == "proved" for v in verdicts):
        units = sorted({u for w in wheres if w for u in w.split(", ")}, key=_unit_order)
        where = ""
        if units:
            shown = ", ".join(units) if len(units) <= 4 else f"{units[0]}, …, {units[-1]}"
            where = f" wherever no pre-activation is 0 ({shown}: {len(units)} units)"
        return f"PROVED: the δ recursion gives the loss's derivative for {every}{where}."
    missing = sum(v != "proved" for v in verdicts)
    total = len(verdicts)
    return (
        f"NOT PROVED: {missing} of {total} obligations are not proved; {every} is not established."
    )


def mlp_view(net: Network, report: Report) -> dict[str, Any]:
    """Plain strings and lists for ``mlp.txt.j2``."""
    claims = [claim_view(c) for c in report.claims]
    L = net.depth
    output = "δ^L = f'(z^L) ⊙ (a^L − t)" if net.loss == "mse" else "δ^L = p − y,  p = softmax(z^L)"
    return {
        "title": describe(net),
        "forward": [
            "a^0 = x",
            f"z^l = W^l a^(l-1) + b^l,  a^l = f(z^l)   (l = 1..{L}, f = {net.activation}"
            + (", the last layer linear)" if net.loss == "softmax_ce" else ")"),
        ],
        "recursion": [
            output.replace("^L", f"^{L}"),
            "δ^l = f'(z^l) ⊙ (W^(l+1))ᵀ δ^(l+1)",
            "∂L/∂W^l = δ^l (a^(l-1))ᵀ,   ∂L/∂b^l = δ^l",
        ],
        "claims": claims,
        "conclusion": conclusion(net, [c["verdict"] for c in claims], [c["where"] for c in claims]),
        "summary": report.summary(),
    }
