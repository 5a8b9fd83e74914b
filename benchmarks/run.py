"""Run every benchmark and print a table of ratios measured in this run.

    python benchmarks/run.py [--out DIR] [--repeat N] [--sizes 4,8,16,...] [--baseline-seconds S]

Each row compares the tool with a reference measured on the same machine in the same run:
the *floor* (``python -c "import sympy"``, the least any SymPy tool can cost), the notebook
*baseline* (``simplify(diff(f) - claim) == 0`` claim by claim, see baseline.py), or
``python -c "import click"`` for the command line. The table, a plot of time against size
and the raw numbers go to DIR (default benchmarks/report/, which is not committed).
Targets are stated with each row; a missed target says so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


@dataclass
class Row:
    section: str
    what: str
    seconds: float | None
    reference: str
    reference_seconds: float | None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or not self.reference_seconds:
            return None
        return self.seconds / self.reference_seconds


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    series: dict[str, list[tuple[int, float | None]]] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)


def wall(command: Sequence[str], *, env: dict[str, str] | None = None, repeat: int = 3) -> float:
    """Median wall time of ``command`` over ``repeat`` runs (it must exit 0 or 1)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise RuntimeError(
                f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}"
            )
    return statistics.median(times)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def derive(*args: str) -> list[str]:
    return [sys.executable, "-m", "derivations", *args]


def fresh_env(cache: Path) -> dict[str, str]:
    return {**os.environ, "DERIVE_CACHE_DIR": str(cache)}


def catalog_section(results: Results, repeat: int, baseline_seconds: float) -> None:
    """1. The whole catalog against the floor, and against the notebook baseline."""
    floor = wall([sys.executable, "-c", "import sympy"], repeat=repeat)
    results.facts["floor (python -c 'import sympy')"] = f"{floor:.2f} s"
    with tempfile.TemporaryDirectory() as tmp:
        env = fresh_env(Path(tmp))
        cold = wall(derive("check", "--no-cache", "--format", "json"), env=env, repeat=repeat)
        subprocess.run(
            derive("check", "--format", "json"), env=env, capture_output=True, check=False
        )
        warm = wall(derive("check", "--format", "json"), env=env, repeat=repeat)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        subprocess.run(
            derive("check", "--no-cache", "--format", "json"),
            env=env,
            capture_output=True,
            check=False,
        )
        peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    results.rows.append(
        Row(
            "catalog",
            "derive check (no cache)",
            cold,
            "floor",
            floor,
            "≤ 3× floor",
            cold <= 3 * floor,
        )
    )
    results.rows.append(
        Row(
            "catalog",
            "derive check (verdicts cached)",
            warm,
            "floor",
            floor,
            "≤ 3× floor",
            warm <= 3 * floor,
        )
    )
    results.facts["peak memory of derive check (largest process)"] = f"{peak_kb / 1024:.0f} MB"

    from baseline import notebook_check

    from derivations.budget import Budget, run_all
    from derivations.catalog import CATALOG
    from derivations.model import Verdict

    claims = [c for f in CATALOG.values() for c in f.claims]
    start = time.perf_counter()
    outcomes = run_all(
        notebook_check, [(c,) for c in claims], Budget(seconds=baseline_seconds), jobs=2
    )
    spent = time.perf_counter() - start
    true_claims = [i for i, c in enumerate(claims) if c.expected is Verdict.PROVED]
    undecided = sum(1 for i in true_claims if outcomes[i].value is not True)
    timeouts = sum(1 for o in outcomes if o.value is None)
    results.rows.append(
        Row(
            "catalog",
            "notebook baseline, same claims",
            spent,
            "derive check (no cache)",
            cold,
            "",
            None,
            f"could not prove {undecided} of {len(true_claims)} true claims "
            f"({timeouts} over {baseline_seconds:g} s)",
        )
    )


def cli_section(results: Results, repeat: int) -> None:
    """4. The command line, cold (empty cache) and warm, against importing click."""
    click_floor = wall([sys.executable, "-c", "import click"], repeat=repeat)
    click_jinja = wall([sys.executable, "-c", "import click, jinja2"], repeat=repeat)
    with tempfile.TemporaryDirectory() as tmp:
        env = fresh_env(Path(tmp))
        for args, target, reference, ref_seconds, factor in (
            (("--help",), "≤ 1.5× import click", "import click", click_floor, 1.5),
            (("list",), "≤ 1.5× import click", "import click", click_floor, 1.5),
            (
                ("sigmoid",),
                "warm ≤ 2× import click, jinja2",
                "import click, jinja2",
                click_jinja,
                2.0,
            ),
        ):
            cold = wall(derive(*args), env=fresh_env(Path(tempfile.mkdtemp(dir=tmp))), repeat=1)
            subprocess.run(derive(*args), env=env, capture_output=True, check=False)
            warm = wall(derive(*args), env=env, repeat=repeat)
            name = "derive " + " ".join(args)
            results.rows.append(Row("cli", f"{name} (cold)", cold, reference, ref_seconds))
            results.rows.append(
                Row(
                    "cli",
                    f"{name} (warm)",
                    warm,
                    reference,
                    ref_seconds,
                    target,
                    warm <= factor * ref_seconds,
                )
            )


SECTIONS: dict[str, Callable[..., None]] = {}


def table(results: Results) -> str:
    lines = [
        "| section | measured | time (s) | against | its time (s) | ratio | target | met | note |",
        "|---|---|---:|---|---:|---:|---|---|---|",
    ]
    for r in results.rows:

        def fmt(v: float | None) -> str:
            return "—" if v is None else f"{v:.3f}"

        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        cells = [r.section, r.what, fmt(r.seconds), r.reference, fmt(r.reference_seconds)]
        cells += [ratio, r.target, met, r.note]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_report(results: Results, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    facts = "\n".join(f"- {k}: {v}" for k, v in results.facts.items())
    load = os.getloadavg()[0]
    text = f"# Benchmarks\n\nMachine: {machine()}; load average {load:.1f}.\n\n"
    text += f"{facts}\n\n{table(results)}\n"
    if results.series:
        text += "\n![time against size](scaling.svg)\n"
        plot(results, out / "scaling.svg")
    (out / "REPORT.md").write_text(text, encoding="utf-8")
    (out / "results.json").write_text(
        json.dumps(
            {
                "rows": [r.__dict__ for r in results.rows],
                "series": results.series,
                "facts": results.facts,
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )


def plot(results: Results, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 4.5))
    for label, points in results.series.items():
        xs = [n for n, t in points if t is not None]
        ys = [t for _, t in points if t is not None]
        axis.plot(xs, ys, marker="o", label=label)
    axis.set_xscale("log", base=2)
    axis.set_yscale("log")
    axis.set_xlabel("size")
    axis.set_ylabel("seconds")
    axis.legend()
    figure.tight_layout()
    figure.savefig(path, format="svg", metadata={"Date": None})
    plt.close(figure)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "report")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-seconds", type=float, default=60.0)
    parser.add_argument(
        "--only", default="", help="comma-separated sections: catalog,softmax,mlp,cli"
    )
    args = parser.parse_args(argv)
    wanted = set(filter(None, args.only.split(","))) or {"catalog", "softmax", "mlp", "cli"}
    results = Results()
    if "catalog" in wanted:
        catalog_section(results, args.repeat, args.baseline_seconds)
    for name, section in SECTIONS.items():
        if name in wanted:
            section(results, args.repeat, args.baseline_seconds)
    if "cli" in wanted:
        cli_section(results, args.repeat)
    print(f"Machine: {machine()}")
    for k, v in results.facts.items():
        print(f"{k}: {v}")
    print(table(results))
    write_report(results, args.out)
    print(f"\nreport written to {args.out / 'REPORT.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
