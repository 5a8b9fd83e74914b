"""Run every benchmark and print a table of ratios measured in this run.

    python benchmarks/run.py [--out DIR] [--repeat N] [--sizes 4,8,16,...] [--baseline-seconds S]
        [--only issue,catalog,softmax,mlp,cli] [--seeds DIR] [--pytest]

Each row compares the tool with a reference measured on the same machine in the same run:
the *floor* (``python -c "import sympy"``, the least any SymPy tool can cost), the notebook
*baseline* (``simplify(diff(f) - claim) == 0`` claim by claim, see baseline.py), or
``python -c "import click"`` for the command line. The table, a plot of time against size
and the raw numbers go to DIR (default benchmarks/report/, which is not committed).
Targets are stated with each row; a missed target says so.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import math
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
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

#: Sizes of the softmax sweep, and the largest ``derive NAME --n`` accepts (at_size.MAX_SIZE).
SIZES = (4, 8, 16, 32, 64, 128, 256)
EXPLICIT_MAX = 16
#: Depths of the MLP sweep.
DEPTHS = (1, 2, 3, 4, 5, 6)


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
        done = subprocess.run(command, env=env, capture_output=True, check=False, cwd=OUTSIDE)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            raise RuntimeError(
                f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}"
            )
    return statistics.median(times)


@dataclass(frozen=True)
class Timing:
    """Medians over several runs of a whole process: wall time, and CPU time (user + system of
    the process and its children, which load does not inflate); the load average around them."""

    wall: float
    cpu: float
    runs: int
    load: tuple[float, float]

    def note(self) -> str:
        return (
            f"median of {self.runs}; CPU {self.cpu:.2f} s; "
            f"load {self.load[0]:.1f}→{self.load[1]:.1f}"
        )


def timing(
    command: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    repeat: int = 3,
    cwd: str | None = None,
) -> Timing:
    """:func:`wall`, with the CPU time of each run and the load average before and after."""
    walls, cpus = [], []
    load_before = os.getloadavg()[0]
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            command, env=env, capture_output=True, check=False, cwd=cwd or OUTSIDE
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode not in (0, 1):
            raise RuntimeError(
                f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-500:]}"
            )
    return Timing(
        statistics.median(walls), statistics.median(cpus), repeat, (load_before, os.getloadavg()[0])
    )


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def derive(*args: str) -> list[str]:
    return [sys.executable, "-m", "derivations", *args]


#: Where the timed processes run: outside the checkout, whose own ``derivations`` folder
#: ``python -m`` would otherwise import instead of the installed package (it has no
#: ``derivations.cli``: the process would fail at once and be timed as a fast run).
OUTSIDE = tempfile.gettempdir()


def fresh_env(cache: Path) -> dict[str, str]:
    return {**os.environ, "DERIVE_CACHE_DIR": str(cache)}


def catalog_section(results: Results, repeat: int, baseline_seconds: float) -> None:
    """1. The whole catalog against the floor, and against the notebook baseline."""
    floor = floor_seconds(repeat)
    with tempfile.TemporaryDirectory() as tmp:
        env = fresh_env(Path(tmp))
        cold = wall(derive("check", "--no-cache", "--format", "json"), env=env, repeat=repeat)
        subprocess.run(
            derive("check", "--format", "json"),
            env=env,
            capture_output=True,
            check=False,
            cwd=OUTSIDE,
        )
        warm = wall(derive("check", "--format", "json"), env=env, repeat=repeat)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        subprocess.run(
            derive("check", "--no-cache", "--format", "json"),
            env=env,
            capture_output=True,
            check=False,
            cwd=OUTSIDE,
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

    from derivations.catalog import CATALOG
    from derivations.checking.budget import Budget, run_all
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
            subprocess.run(derive(*args), env=env, capture_output=True, check=False, cwd=OUTSIDE)
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
        # derive sig<TAB>, after derive list filled the cache (env is warm from the loop above)
        tab_env = {
            **env,
            "_DERIVE_COMPLETE": "bash_complete",
            "COMP_WORDS": "derive sig",
            "COMP_CWORD": "1",
        }
        tab = wall(derive(), env=tab_env, repeat=repeat)
        results.rows.append(
            Row(
                "cli",
                "derive sig<TAB> (warm)",
                tab,
                "import click",
                click_floor,
                "< 0.3 s",
                tab < 0.3,
            )
        )


@functools.cache
def floor_seconds(repeat: int) -> float:
    """The floor, ``python -c "import sympy"``, measured once per run."""
    return wall([sys.executable, "-c", "import sympy"], repeat=repeat)


def measure(script: str, *args: str, cap: float) -> tuple[float, dict[str, Any]] | None:
    """Run ``benchmarks/SCRIPT ARGS`` in a fresh process: (its wall time, the JSON it printed
    last), or None when it ran longer than ``cap`` seconds (it is killed)."""
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, str(HERE / script), *args],
                env=fresh_env(Path(cache)),
                capture_output=True,
                check=True,
                timeout=cap,
            )
        except subprocess.TimeoutExpired:
            return None
    return time.perf_counter() - start, json.loads(done.stdout.decode().splitlines()[-1])


def _sweep(mode: str, sizes: Sequence[int], cap: float) -> dict[int, tuple[float, dict[str, Any]]]:
    """``softmax_size.py MODE n`` for growing n, stopping after the first n over ``cap``."""
    found: dict[int, tuple[float, dict[str, Any]]] = {}
    for n in sizes:
        got = measure("softmax_size.py", mode, str(n), cap=cap)
        if got is None:
            break
        found[n] = got
    return found


def softmax_section(
    results: Results, repeat: int, cap: float, sizes: Sequence[int] = SIZES
) -> None:
    """2. Softmax + cross-entropy gradient at n = 4 … 256: the tool against the notebook."""
    floor = floor_seconds(repeat)
    proof = measure("softmax_size.py", "proof", "0", cap=cap)
    tool = _sweep("tool", sizes, cap)
    notebook = _sweep("baseline", sizes, cap)
    explicit = _sweep("explicit", [n for n in sizes if n <= EXPLICIT_MAX], cap)
    if proof is not None:
        wall_time, data = proof
        results.rows.append(
            Row(
                "softmax",
                "symbolic-n proof alone (once, every n)",
                data["seconds"],
                "floor",
                floor,
                note=f"{data['verdict']}; whole process {wall_time:.2f} s "
                f"= {wall_time / floor:.1f}× floor",
            )
        )
    for n in sizes:
        ours = tool.get(n)
        theirs = notebook.get(n)
        notes = []
        if ours is not None:
            notes.append(f"tool process {ours[0]:.2f} s = {ours[0] / floor:.1f}× floor")
            if ours[1]["verdict"] != "proved":
                notes.append(f"tool verdict: {ours[1]['verdict']}")
        else:
            notes.append(f"tool over {cap:g} s")
        if theirs is not None and theirs[1]["verdict"] != "proved":
            notes.append(f"baseline: {theirs[1]['verdict']}")
        if theirs is None:
            notes.append(f"baseline over {cap:g} s or not run")
        if n in explicit:
            notes.append(f"entry by entry (derive --n) {explicit[n][1]['seconds']:.2f} s")
        target, met = "", None
        if n == 16:
            target = "≥ 20× faster (ratio ≤ 0.05×)"
            met = (
                ours is not None
                and theirs is not None
                and 20 * ours[1]["seconds"] <= theirs[1]["seconds"]
            )
        results.rows.append(
            Row(
                "softmax",
                f"n = {n}: proof + instance at n",
                None if ours is None else ours[1]["seconds"],
                "notebook baseline",
                None if theirs is None else theirs[1]["seconds"],
                target,
                met,
                "; ".join(notes),
            )
        )
    last = max(sizes)
    ours = tool.get(last)
    results.rows.append(
        Row(
            "softmax",
            f"n = {last}: whole process",
            None if ours is None else ours[0],
            "floor",
            floor,
            "< 5× floor",
            ours is not None and ours[0] < 5 * floor,
            "" if ours is not None else f"over {cap:g} s: see Misses",
        )
    )
    results.series["softmax: proof + instance at n"] = [
        (n, tool[n][1]["seconds"] if n in tool else None) for n in sizes
    ]
    results.series["softmax: notebook baseline"] = [
        (n, notebook[n][1]["seconds"] if n in notebook else None) for n in sizes
    ]
    results.series["softmax: entry by entry (derive --n)"] = [
        (n, explicit[n][1]["seconds"]) for n in sizes if n in explicit
    ]
    if proof is not None:
        results.series["softmax: symbolic-n proof (once)"] = [
            (n, proof[1]["seconds"]) for n in sizes
        ]


def _fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float]:
    """Least squares y ≈ a + b·x: the slope b and the sum of squared residuals."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    residual = sum((y - my - slope * (x - mx)) ** 2 for x, y in zip(xs, ys, strict=True))
    return slope, residual


def growth(points: Sequence[tuple[int, float]]) -> tuple[float, float, bool]:
    """Fit t ≈ c·L^d (polynomial) and t ≈ c·b^L (exponential) to (depth, seconds) in log
    space: the exponent d, the base b, and whether the polynomial fits at least as well."""
    depths = [float(depth) for depth, _ in points]
    logs = [math.log(t) for _, t in points]
    exponent, poly_residual = _fit([math.log(d) for d in depths], logs)
    rate, exp_residual = _fit(depths, logs)
    return exponent, math.exp(rate), poly_residual <= exp_residual


def size_growth(counts: Sequence[tuple[int, int, int, int]]) -> str:
    """What the exact counts say: obligations and expression nodes per depth, and whether
    both grow by the same amount from each depth to the next (linear growth)."""
    steps = {
        name: {b[k] - a[k] for a, b in itertools.pairwise(counts)}
        for k, name in ((1, "obligations"), (2, "nodes"))
    }
    linear = all(len(v) == 1 for v in steps.values())
    listed = ", ".join(f"L={d}: {o} obligations / {n} nodes" for d, o, n, _ in counts)
    largest = sorted({c[3] for c in counts})
    shape = (
        f"linear in L (+{next(iter(steps['obligations']))} obligations and "
        f"+{next(iter(steps['nodes']))} nodes per layer)"
        if linear
        else "not linear in L"
    )
    return f"{listed}; {shape}; largest obligation {'/'.join(map(str, largest))} nodes"


def mlp_section(results: Results, repeat: int, cap: float, depths: Sequence[int] = DEPTHS) -> None:
    """3. Backpropagation through an MLP of width 4, depth 1 … 6."""
    floor = floor_seconds(repeat)
    points: list[tuple[int, float]] = []
    counts: list[tuple[int, int, int, int]] = []
    limit = 3 * repeat * cap
    for depth in depths:
        got = measure(
            "mlp_depth.py",
            *("--depth", str(depth), "--width", "4", "--repeat", str(repeat), "--json"),
            cap=limit,
        )
        if got is None:
            results.rows.append(
                Row("mlp", f"depth {depth}", None, "floor", floor, note=f"over {limit:g} s")
            )
            break
        wall_time, data = got
        # the process ran the proof ``repeat`` times: one run's process is the others less
        wall_time -= sum(data["runs"]) - data["seconds"]
        points.append((depth, data["seconds"]))
        counts.append((depth, data["obligations"], data["nodes"], data["largest"]))
        last = depth == max(depths)
        results.rows.append(
            Row(
                "mlp",
                f"depth {depth}, width 4: whole process",
                wall_time,
                "floor",
                floor,
                "< 10× floor" if last else "",
                wall_time < 10 * floor if last else None,
                f"{data['proved']} of {data['obligations']} obligations proved, "
                f"{data['nodes']} nodes; proof {data['seconds']:.2f} s (least of {repeat} runs; "
                "the process time counts that one run)",
            )
        )
    results.series["mlp: proof time against depth"] = list(points)
    if len(counts) >= 2:
        results.facts["mlp size (exact counts, width 4)"] = size_growth(counts)
    if len(points) >= 3:
        exponent, base, polynomial = growth(points)
        ratios = ", ".join(f"{b[1] / a[1]:.2f}" for a, b in itertools.pairwise(points))
        better = "polynomial" if polynomial else "exponential"
        results.facts["mlp growth (proof time, width 4)"] = (
            f"fits t ≈ c·L^{exponent:.2f} and t ≈ c·{base:.2f}^L; the {better} fits better; "
            f"t(L+1)/t(L) = {ratios}"
        )


#: Where the seed documents are, in the layout this project is developed in.
SEEDS = HERE.parent.parent / "shared" / "seeds"


def issue_section(results: Results, repeat: int, cap: float, seeds: Path, pytest_run: bool) -> None:
    """The table of issue 17: what a user runs, each against its baseline of this run."""
    floor_timing = timing([sys.executable, "-c", "import sympy"], repeat=max(repeat, 5))
    floor = floor_timing.wall
    results.facts["floor of the issue's rows"] = f"{floor:.2f} s ({floor_timing.note()})"

    def row(what: str, t: Timing | None, factor: float, target: str, note: str = "") -> None:
        if t is not None:  # CPU time against the floor's: what load does not inflate
            note = "; ".join(
                x for x in (note, f"CPU {t.cpu / floor_timing.cpu:.1f}× the floor's") if x
            )
        results.rows.append(
            Row(
                "issue 17",
                what,
                None if t is None else t.wall,
                "floor",
                floor,
                target,
                None if t is None else t.wall <= factor * floor,
                "; ".join(x for x in (note, "" if t is None else t.note()) if x),
            )
        )

    with tempfile.TemporaryDirectory() as tmp:
        env = fresh_env(Path(tmp))
        catalog = timing(derive("check", "--no-cache", "--format", "json"), env=env, repeat=repeat)
        row("derive check --no-cache (the catalog)", catalog, 10, "≤ 10× floor (goal 3×)")

        sized = timing(
            derive("softmax_cross_entropy_n", "--n", "16", "--no-cache"), env=env, repeat=repeat
        )
        notebook = measure("softmax_size.py", "baseline", "16", cap=cap)
        theirs = None if notebook is None else notebook[1]["seconds"]
        results.rows.append(
            Row(
                "issue 17",
                "derive softmax_cross_entropy_n --n 16 --no-cache",
                sized.wall,
                "notebook simplify(diff − claim), n = 16",
                theirs,
                "≥ 20× faster (ratio ≤ 0.05×)",
                None if theirs is None else 20 * sized.wall <= theirs,
                f"whole process against the notebook's work after its imports; {sized.note()}",
            )
        )

        files = sorted(str(p) for p in seeds.glob("*.txt")) if seeds.is_dir() else []
        if files:
            check = derive("check", "--as", "markdown", *files, "--format", "json")
            cold = timing([*check, "--no-cache"], env=env, repeat=repeat)
            row(f"derive check on the {len(files)} seed documents, no cache", cold, 3, "≤ 3× floor")
            subprocess.run(check, env=env, capture_output=True, check=False, cwd=OUTSIDE)
            warm = timing(check, env=env, repeat=max(repeat, 5))
            row("the same, verdicts cached (unchanged notes)", warm, 1.5, "≤ 1.5× floor")
        else:
            row("derive check on the seed documents", None, 3, "≤ 3× floor", f"no {seeds}")

        answer = timing(
            derive("x^3", "--claim", "3*x^2", "--no-cache"), env=env, repeat=max(repeat, 5)
        )
        row('derive "x^3" --claim "3*x^2" --no-cache', answer, 2, "≤ 2× floor")

        out = Path(tmp) / "notes"
        book = timing(derive("notes", str(out)), env=fresh_env(Path(tmp) / "fresh"), repeat=1)
        results.rows.append(
            Row(
                "issue 17",
                "derive notes out/ (empty cache)",
                book.wall,
                "",
                None,
                "≤ 30 s",
                book.wall <= 30,
                book.note(),
            )
        )

    if pytest_run:
        tests = timing(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
            repeat=1,
            cwd=str(HERE.parent),
        )
        met = tests.wall <= 300
        note = tests.note()
    else:
        tests, met, note = None, None, "not measured in this run (--pytest measures it)"
    results.rows.append(
        Row(
            "issue 17",
            "pytest (default run)",
            None if tests is None else tests.wall,
            "",
            None,
            "≤ 5 min",
            met,
            note,
        )
    )


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
    missed = [f"{r.section}: {r.what} ({r.target})" for r in results.rows if r.met is False]
    if missed:
        text += "\nMissed targets: " + "; ".join(missed) + ".\n"
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
    """One log-log panel per section (the series name before ":"): time against size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = sorted({label.split(":")[0] for label in results.series})
    figure, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4.5), squeeze=False)
    for axis, panel in zip(axes[0], panels, strict=True):
        for label, points in results.series.items():
            if label.split(":")[0] != panel:
                continue
            xs = [n for n, t in points if t is not None]
            ys = [t for _, t in points if t is not None]
            axis.plot(xs, ys, marker="o", label=label.split(":", 1)[-1].strip())
        axis.set_xscale("log", base=2)
        axis.set_yscale("log")
        axis.set_xlabel("depth L" if panel == "mlp" else "size n")
        axis.set_ylabel("seconds")
        axis.set_title(panel)
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
        "--only", default="", help="comma-separated sections: issue,catalog,softmax,mlp,cli"
    )
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="the seed documents' folder")
    parser.add_argument(
        "--pytest", action="store_true", help="also time the default pytest run (minutes)"
    )
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="softmax sizes, e.g. 4,8,16"
    )
    args = parser.parse_args(argv)
    sizes = [int(v) for v in args.sizes.split(",")]
    wanted = set(filter(None, args.only.split(","))) or {
        "issue",
        "catalog",
        "softmax",
        "mlp",
        "cli",
    }
    results = Results()
    results.facts["load average (1 min) at the start"] = f"{os.getloadavg()[0]:.1f}"
    floor = floor_seconds(args.repeat)
    results.facts["floor (python -c 'import sympy')"] = f"{floor:.2f} s"
    if "issue" in wanted:
        issue_section(results, args.repeat, args.baseline_seconds, args.seeds, args.pytest)
    if "catalog" in wanted:
        catalog_section(results, args.repeat, args.baseline_seconds)
    if "softmax" in wanted:
        softmax_section(results, args.repeat, args.baseline_seconds, sizes)
    if "mlp" in wanted:
        mlp_section(results, args.repeat, args.baseline_seconds)
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
