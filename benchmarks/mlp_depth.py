"""Time the layer-by-layer backpropagation proof of ``derive mlp`` at depth 1..6.

Usage: ``python benchmarks/mlp_depth.py [--width 4] [--activation sigmoid] [--loss mse]``.
Prints one line per depth: the number of proof obligations, how many were proved and the
wall-clock seconds (claims run in child processes, two at a time, as ``derive mlp`` does).
A timing goal belongs here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import time

from derivations import mlp
from derivations.budget import Budget
from derivations.report import check


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=4)
    parser.add_argument("--activation", default="sigmoid", choices=mlp.ACTIVATIONS)
    parser.add_argument("--loss", default="mse", choices=mlp.LOSSES)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"width {args.width}, activation {args.activation}, loss {args.loss}")
    for depth in range(1, mlp.MAX_DEPTH + 1):
        net = mlp.network(depth, args.width, args.activation, args.loss)
        start = time.perf_counter()
        report = check([mlp.obligations(net)], budget=Budget(seconds=120), jobs=args.jobs)
        seconds = time.perf_counter() - start
        claims, proved = report.summary()["claims"], report.summary()["proved"]
        print(f"depth {depth}: {claims:3d} obligations, {proved:3d} proved, {seconds:6.1f} s")


if __name__ == "__main__":
    main()
