"""Time the layer-by-layer backpropagation proof of ``derive mlp`` at depth 1..6.

Usage: ``python benchmarks/mlp_depth.py [--width 4] [--activation sigmoid] [--loss mse]
[--depth L] [--json]``. Prints one line per depth (only depth L with ``--depth``): the number
of proof obligations, how many were proved and the wall-clock seconds after the imports (claims
run in child processes, two at a time, as ``derive mlp`` does; the verdict cache is not
used); ``--json`` prints each line as JSON for benchmarks/run.py.
A timing goal belongs here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import json
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
    parser.add_argument("--depth", type=int, default=0, help="only this depth")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.json:
        print(f"width {args.width}, activation {args.activation}, loss {args.loss}")
    depths = [args.depth] if args.depth else range(1, mlp.MAX_DEPTH + 1)
    for depth in depths:
        net = mlp.network(depth, args.width, args.activation, args.loss)
        start = time.perf_counter()
        report = check(
            [mlp.obligations(net)], budget=Budget(seconds=120), jobs=args.jobs, use_cache=False
        )
        seconds = time.perf_counter() - start
        claims, proved = report.summary()["claims"], report.summary()["proved"]
        if args.json:
            print(
                json.dumps(
                    {"depth": depth, "obligations": claims, "proved": proved, "seconds": seconds}
                )
            )
            continue
        print(f"depth {depth}: {claims:3d} obligations, {proved:3d} proved, {seconds:6.1f} s")


if __name__ == "__main__":
    main()
