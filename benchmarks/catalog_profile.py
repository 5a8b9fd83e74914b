"""Where the uncached ``derive check`` spends its time, claim by claim, in one process.

    python benchmarks/catalog_profile.py [--top 15] [--json FILE]

Every claim of the catalog is verified in this process, one after the other (``derive check``
runs the same work in two child processes), and its time is split among the stages of the
verifier by wrapping them with timers:

* ``evaluate``: derivatives taken and definitions substituted (``core.evaluate``,
  ``sized.evaluate_generic``);
* ``search``: the counterexample search at random exact points (``core.search``,
  ``sized.search_small_sizes`` at sizes 2 and 3);
* ``zero test``: the exp-rational normal form (``zero.is_identically_zero``);
* ``regions``: splitting Max/Piecewise/Heaviside/Abs into regions and finding interior points;
* ``simplify fallback``: ``sympy.simplify`` on what the zero test left;
* ``symbolic n``: the rules for sums and deltas (``sized.decide``, outside the zero test);
* ``correction``: after a refutation, verifying the catalog's correction or the true
  derivative, and ``holds_under`` (the hypotheses it holds under), everything inside included;
* ``report``: the claim's report (LaTeX and text printing, what ``derive check`` prints);
* ``other``: the rest (shapes, building checks, substituting cases).

Each stage's time excludes the stages nested in it, except ``correction``, which includes all.
The times are the work after the imports; the import of SymPy and of the catalog is measured
separately. A profile, not a benchmark: the profiling wrappers cost a little themselves.
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

#: The clock of every time here: CPU time of this process (``--clock wall``: the wall clock),
#: so that the split does not depend on what else the machine is running.
CLOCK = time.process_time

STAGES = (
    "evaluate",
    "search",
    "zero test",
    "regions",
    "simplify fallback",
    "symbolic n",
    "correction",
    "report",
    "other",
)


@dataclass(frozen=True)
class Timing:
    """One claim's verification: its verdict, seconds, and seconds per stage."""

    id: str
    verdict: str
    seconds: float
    stages: dict[str, float]


class Stages:
    """Exclusive time per stage, with a stack of the stages currently entered."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.stack: list[tuple[str, float]] = []

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            absorbed = any(s == "correction" for s, _ in self.stack)
            if absorbed:
                return original(*args, **kwargs)
            self._enter(stage)
            try:
                return original(*args, **kwargs)
            finally:
                self._leave()

        setattr(owner, name, timed)

    def _enter(self, stage: str) -> None:
        now = CLOCK()
        if self.stack:
            parent, since = self.stack[-1]
            self.totals[parent] += now - since
        self.stack.append((stage, now))

    def _leave(self) -> None:
        now = CLOCK()
        stage, since = self.stack.pop()
        self.totals[stage] += now - since
        if self.stack:
            parent, _ = self.stack[-1]
            self.stack[-1] = (parent, now)

    def take(self) -> dict[str, float]:
        out = dict(self.totals)
        self.totals = defaultdict(float)
        return out


def instrument(stages: Stages) -> None:
    # Each stage is wrapped where it is called from: a name imported into a module is that
    # module's attribute.
    from derivations.checking import report
    from derivations.symbolic import regions
    from derivations.verifier import claim, core, scalar, sized, zero

    stages.wrap(scalar, "evaluate", "evaluate")
    stages.wrap(core, "evaluate", "evaluate")
    stages.wrap(sized, "evaluate_generic", "evaluate")
    stages.wrap(scalar, "search", "search")
    stages.wrap(core, "search", "search")
    stages.wrap(sized, "search_small_sizes", "search")
    stages.wrap(zero, "is_identically_zero", "zero test")
    stages.wrap(core, "is_identically_zero", "zero test")
    stages.wrap(regions, "enumerate_regions", "regions")
    stages.wrap(regions, "interior_point", "regions")
    stages.wrap(scalar, "_simplifies_to_zero", "simplify fallback")
    stages.wrap(sized, "decide", "symbolic n")
    stages.wrap(scalar, "_correction", "correction")
    stages.wrap(sized, "_correction", "correction")
    stages.wrap(claim, "holds_under", "correction")
    stages.wrap(report, "claim_report", "report")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", default="")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter

    start = CLOCK()
    import sympy  # noqa: F401

    sympy_import = CLOCK() - start
    from derivations.catalog import CATALOG
    from derivations.checking import report

    imports = CLOCK() - start
    stages = Stages()
    instrument(stages)
    rows = []
    for formula in CATALOG.values():
        for claim in formula.claims:
            began = CLOCK()
            stages._enter("other")
            result = report.verify_claim(formula, claim)
            report.claim_report(formula, claim, result)
            stages._leave()
            seconds = CLOCK() - began
            rows.append(Timing(claim.id, result.verdict.value, seconds, stages.take()))
    total = sum(r.seconds for r in rows)
    by_stage: dict[str, float] = defaultdict(float)
    for r in rows:
        for stage, t in r.stages.items():
            by_stage[stage] += t
    ranked = sorted(rows, key=lambda r: -r.seconds)
    times = sorted(r.seconds for r in rows)
    n = len(times)
    print(
        f"{n} claims, {total:.1f} s ({args.clock}) of verification in one process; "
        f"imports {imports:.2f} s "
        f"(SymPy {sympy_import:.2f} s)"
    )
    slowest = sum(r.seconds for r in ranked[: args.top])
    median, p90 = times[n // 2], times[int(0.9 * n)]
    print(
        f"per claim: median {median:.3f} s, 90th percentile {p90:.3f} s, max {times[-1]:.2f} s; "
        f"the slowest {args.top} take {slowest:.1f} s ({slowest / total:.0%})"
    )
    print("by stage: " + ", ".join(f"{s} {by_stage[s]:.1f} s" for s in STAGES if s in by_stage))
    print(f"\n| claim | verdict | s | {' | '.join(STAGES)} |")
    print("|---|---|---:|" + "---:|" * len(STAGES))
    for r in ranked[: args.top]:
        cells = " | ".join(f"{r.stages.get(s, 0.0):.2f}" for s in STAGES)
        print(f"| {r.id} | {r.verdict} | {r.seconds:.2f} | {cells} |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            claims = [asdict(r) for r in rows]
            json.dump({"imports": imports, "sympy": sympy_import, "claims": claims}, out, indent=1)


if __name__ == "__main__":
    main()
