r"""One measurement of the softmax + cross-entropy gradient at size n, in this process.

    python benchmarks/softmax_size.py {proof,tool,explicit,baseline} N

The claim, with :math:`p = \operatorname{softmax}(z)` and :math:`\sum_k y_k = 1`:

.. math:: L = -\sum_{k=1}^{n} y_k \ln p_k, \qquad \frac{\partial L}{\partial z_i} = p_i - y_i

Modes (each prints one JSON line ``{"mode", "n", "seconds", "verdict", ...}``; ``seconds``
is the work after the imports, the caller times the whole process):

* ``proof``: the symbolic-n proof alone (:func:`derivations.verifier.sized.verify_sized` on
  ``softmax_cross_entropy_n.gradient``); it does not depend on N.
* ``tool``: what the tool does for "verify the gradient at size n": the proof for every n
  once, then the claim instantiated at n (the n entries written out,
  :func:`derivations.verifier.sized.instantiate`). The instance holds because the proof covers every
  n; no entry is simplified again.
* ``explicit``: what ``derive softmax_cross_entropy_n --n N`` does (N ≤ 16): the claim written
  out at n and verified entry by entry by the ordinary verifier.
* ``baseline``: the notebook: ``simplify(diff(L, z_i) - (p_i - y_i)) == 0`` for every i with
  :math:`y_n = 1 - \sum_{k<n} y_k` substituted (how a notebook imposes Σy = 1).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any


def _gradient_claim() -> Any:
    # The family module alone, as a library user imports it: the rest of the catalog is not
    # built (derivations.catalog builds CATALOG on first use).
    from derivations.catalog.losses.sized import softmax_cross_entropy_n as formula

    return formula, next(c for c in formula.claims if c.id == "softmax_cross_entropy_n.gradient")


def proof() -> dict[str, Any]:
    from derivations.verifier.sized import verify_sized

    _, claim = _gradient_claim()
    start = time.perf_counter()
    result = verify_sized(claim)
    return {"seconds": time.perf_counter() - start, "verdict": result.verdict.value}


def tool(n: int) -> dict[str, Any]:
    from derivations.catalog.any_size import n as length
    from derivations.verifier.sized import instantiate, verify_sized

    _, claim = _gradient_claim()
    start = time.perf_counter()
    result = verify_sized(claim)
    proved = time.perf_counter() - start
    instance = instantiate(claim, {length: n})
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "proof_seconds": proved,
        "entries": instance.lhs.rows,
        "verdict": result.verdict.value,
    }


def explicit(n: int) -> dict[str, Any]:
    from derivations.checking.at_size import at_size, verify_explicit

    formula, claim = _gradient_claim()
    start = time.perf_counter()
    small = at_size(formula, n)
    written = next(c for c in small.claims if c.id.startswith(f"{claim.id}@"))
    result = verify_explicit(small, written)
    return {"seconds": time.perf_counter() - start, "verdict": result.verdict.value}


def baseline(n: int) -> dict[str, Any]:
    import sympy as sp

    start = time.perf_counter()
    z = sp.symbols(f"z1:{n + 1}", real=True)
    y = list(sp.symbols(f"y1:{n + 1}", real=True))
    total = sum(sp.exp(t) for t in z)
    p = [sp.exp(t) / total for t in z]
    loss = -sum(yk * sp.log(pk) for yk, pk in zip(y, p, strict=True))
    one = {y[-1]: 1 - sum(y[:-1])}
    shown = sum(
        1 for i in range(n) if sp.simplify((sp.diff(loss, z[i]) - (p[i] - y[i])).subs(one)) == 0
    )
    verdict = "proved" if shown == n else f"{shown} of {n} entries shown equal"
    return {"seconds": time.perf_counter() - start, "verdict": verdict}


def main(argv: list[str]) -> int:
    mode, n = argv[0], int(argv[1])
    runs = {"proof": lambda: proof(), "tool": lambda: tool(n), "explicit": lambda: explicit(n)}
    runs["baseline"] = lambda: baseline(n)
    print(json.dumps({"mode": mode, "n": n, **runs[mode]()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
