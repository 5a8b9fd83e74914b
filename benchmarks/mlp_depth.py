"""Time the layer-by-layer backpropagation proof of ``derive mlp`` at depth 1..6.

Usage: ``python benchmarks/mlp_depth.py [--width 4] [--activation sigmoid] [--loss mse]
[--depth L] [--repeat K] [--json]``. Prints one line per depth (only depth L with
``--depth``): the number of proof obligations, how many were proved, their size (exact counts:
the nodes of every obligation's two sides, and the largest), and the wall-clock seconds after
the imports, the least of K runs (claims run in child processes, two at a time, as
``derive mlp`` does; the verdict cache is not used). The minimum of repeated runs is the
measurement least disturbed by other jobs on the machine. ``--json`` prints each line as JSON
for benchmarks/run.py. A timing goal belongs here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import sympy as sp

from derivations.checking import mlp
from derivations.checking.budget import Budget
from derivations.checking.report import check


def nodes(expr: Any) -> int:
    """The number of nodes of an expression tree (a matrix: of all its entries)."""
    if isinstance(expr, sp.MatrixBase):
        return sum(nodes(e) for e in expr)
    return sum(1 for _ in sp.preorder_traversal(expr))


def measure(
    depth: int, width: int, activation: str, loss: str, jobs: int, repeat: int
) -> dict[str, Any]:
    net = mlp.network(depth, width, activation, loss)
    formula = mlp.obligations(net)
    sizes = [nodes(c.lhs) + nodes(c.rhs) for c in formula.claims]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        report = check([formula], budget=Budget(seconds=120), jobs=jobs, use_cache=False)
        runs.append(time.perf_counter() - start)
    return {
        "depth": depth,
        "obligations": report.summary()["claims"],
        "proved": report.summary()["proved"],
        "nodes": sum(sizes),
        "largest": max(sizes),
        "seconds": min(runs),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=4)
    parser.add_argument("--activation", default="sigmoid", choices=mlp.ACTIVATIONS)
    parser.add_argument("--loss", default="mse", choices=mlp.LOSSES)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--depth", type=int, default=0, help="only this depth")
    parser.add_argument("--repeat", type=int, default=3, help="runs per depth; the least counts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.json:
        print(f"width {args.width}, activation {args.activation}, loss {args.loss}")
    depths = [args.depth] if args.depth else range(1, mlp.MAX_DEPTH + 1)
    for depth in depths:
        row = measure(depth, args.width, args.activation, args.loss, args.jobs, args.repeat)
        if args.json:
            print(json.dumps(row))
            continue
        print(
            f"depth {depth}: {row['obligations']:3d} obligations, {row['proved']:3d} proved, "
            f"{row['nodes']:6d} nodes (largest {row['largest']}), {row['seconds']:6.2f} s"
        )


if __name__ == "__main__":
    main()
