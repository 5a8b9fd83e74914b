"""The library's entry points, as the CLI and other programs call them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from derivations import catalog
from derivations.catalog import lookup
from derivations.checking import cache, mlp
from derivations.checking.answer import Answer, Question, answer, question
from derivations.checking.at_size import at_size, correction_at, symbolic_form, verify_explicit
from derivations.checking.budget import Budget, run_all, run_bounded
from derivations.checking.derivation import check_derivation_bounded
from derivations.checking.progress import Progress, StageProgress
from derivations.checking.report import Report, check, claim_report
from derivations.errors import DeriveError, InputError, UnknownFormulaError
from derivations.integrations import github, notebook
from derivations.model import Result, Verdict
from derivations.read.toml_lines import is_formula_file, read_text
from derivations.render import plots
from derivations.render.book import build_notes, render_sheet
from derivations.render.environment import render
from derivations.render.json_views import files_json, report_json
from derivations.render.pdf import compile_pdf, pdflatex
from derivations.render.views.answer import answer_view
from derivations.render.views.catalog import list_view
from derivations.render.views.files import files_view
from derivations.render.views.mlp import mlp_view
from derivations.render.views.report import check_view
from derivations.render.views.sized import sized_view

if TYPE_CHECKING:
    from derivations.checking.files import FilesReport
    from derivations.integrations.torch.compare import CrossCheck


def _quiet(stage: str, done: int, total: int) -> None:
    """The progress of a caller that asked for none."""


@dataclass(frozen=True)
class Printed:
    """What a command prints: the text, whether every verdict is the expected one, the Markdown
    job summary for CI (``--format github``), and whether every verdict is definite (only then
    may the text be remembered)."""

    text: str
    ok: bool = True
    summary: str = ""
    settled: bool = True


def printed_check(
    files: Sequence[str] = (),
    *,
    fmt: str = "text",
    as_: str | None = None,
    skip_other_toml: bool = False,
    strict: bool = False,
    seconds: float = 30.0,
    jobs: int = 2,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Printed:
    """``derive check [FILES]``: the catalog's claims, or those of notes and formula files,
    verified and printed in ``fmt`` (``text``, ``json`` or ``github``); ``strict``: a display
    equation of FILES that states a derivative and was skipped fails the check."""
    paths = list(files)
    if paths and skip_other_toml:
        paths = without_other_toml(paths, as_=as_)
        if not paths:
            return Printed("")
    unread: tuple[tuple[str, str], ...] = ()
    if paths:
        result = check_paths(
            paths,
            as_=as_,
            seconds=seconds,
            jobs=jobs,
            progress=progress,
            strict=strict,
            use_cache=use_cache,
        )
        report, locations = result.report, result.locations
        if strict:
            why: dict[str, str] = {}
            for skip in result.skipped:
                if skip.display:
                    why.setdefault(skip.location, skip.reason)
            unread = tuple((location, why.get(location, "")) for location in result.unread)
    else:
        report = check_catalog(seconds=seconds, jobs=jobs, use_cache=use_cache, progress=progress)
        locations = ()
    settled = all(c.verdict != "unknown" for c in report.claims)
    ok = result.ok if paths else report.ok
    if fmt == "github":
        return Printed(
            github_annotations(report, locations, unread),
            ok,
            github_summary(report, locations, unread),
            settled,
        )
    text = format_files(result, fmt) if paths else format_report(report, fmt)
    return Printed(text, ok, settled=settled)


def printed_show(
    name: str,
    *,
    wrt: str | None = None,
    claim: str | None = None,
    fmt: str = "text",
    templates: str | None = None,
    size: int | None = None,
    entries: bool = False,
    seconds: float = 30.0,
    jobs: int = 2,
    use_cache: bool = True,
    shape: Sequence[str] = (),
    layout: str | None = None,
) -> Printed:
    """``derive NAME``: a formula's sheet in ``fmt``; ``derive EXPR``: the expression
    differentiated and, with ``claim``, the claim verified (``ok`` when proved), its vectors
    and matrices declared by ``shape`` (``x=n``, ``A=m,n``) and ``layout``; with ``size``
    a vector formula written out at that size (``entries``: every written-out claim verified
    entry by entry, also those proved for every n)."""
    if shape or layout is not None or is_expression(name, wrt=wrt, claim=claim):
        return printed_answer(
            name,
            wrt=wrt,
            claim=claim,
            fmt=fmt,
            templates=templates,
            seconds=seconds,
            shape=shape,
            layout=layout,
            use_cache=use_cache,
        )
    if size is not None:
        return printed_sized(name, size, fmt=fmt, seconds=seconds, jobs=jobs, entries=entries)
    text = sheet(name, fmt, seconds=seconds, jobs=jobs, templates=templates, use_cache=use_cache)
    return Printed(text)


def check_catalog(
    *,
    seconds: float = 30.0,
    jobs: int = 2,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Report:
    """Verify every claim of the catalog; ``progress(done, total)`` as claims finish."""
    return check(
        catalog.CATALOG.values(),
        budget=Budget(seconds=seconds),
        jobs=jobs,
        use_cache=use_cache,
        progress=progress,
    )


def check_formula(
    name: str, *, seconds: float = 30.0, jobs: int = 2, use_cache: bool = True
) -> Report:
    """Verify the claims of one formula."""
    return check([lookup(name)], budget=Budget(seconds=seconds), jobs=jobs, use_cache=use_cache)


def show_text(name: str, *, seconds: float = 30.0, jobs: int = 2, use_cache: bool = True) -> str:
    """The terminal sheet of formula ``name``."""
    return sheet(name, "text", seconds=seconds, jobs=jobs, use_cache=use_cache)


def sheet(
    name: str,
    fmt: str = "text",
    *,
    seconds: float = 30.0,
    jobs: int = 2,
    templates: str | None = None,
    use_cache: bool = True,
) -> str:
    """The derivation sheet of formula ``name`` in ``fmt``: its claims and every step checked."""
    formula = lookup(name)
    budget = Budget(seconds=seconds)
    report = check([formula], budget=budget, jobs=jobs, use_cache=use_cache)
    checked = check_derivation_bounded(formula, budget, jobs, use_cache=use_cache)
    text = render_sheet(formula, report, checked, fmt, templates)
    settled = all(c.verdict != "unknown" for c in report.claims)
    if use_cache and templates is None and settled:
        cache.store_output(text, "sheet", name, fmt)
    return text


def notes(
    fmt: str = "markdown",
    *,
    seconds: float = 30.0,
    jobs: int = 2,
    templates: str | None = None,
    use_cache: bool = True,
    progress: StageProgress | None = None,
) -> dict[str, bytes]:
    """The files of the course notes over the whole catalog, by relative path;
    ``progress(stage, done, total)`` as claims, derivations and pages are done."""
    progress = progress or _quiet
    formulas = list(catalog.CATALOG.values())
    budget = Budget(seconds=seconds)
    progress("verifying claims", 0, sum(len(f.claims) for f in formulas))
    report = check(
        formulas,
        budget=budget,
        jobs=jobs,
        use_cache=use_cache,
        progress=lambda done, total: progress("verifying claims", done, total),
    )
    derivations = {}
    for done, f in enumerate(formulas):
        progress("checking derivations", done, len(formulas))
        derivations[f.name] = check_derivation_bounded(f, budget, jobs, use_cache=use_cache)
    progress("checking derivations", len(formulas), len(formulas))
    progress("writing pages and plots", 0, 1)
    files = build_notes(formulas, report, derivations, fmt, templates)
    progress("writing pages and plots", 1, 1)
    return files


def show_sized(
    name: str,
    n: int,
    *,
    fmt: str = "text",
    seconds: float = 30.0,
    jobs: int = 2,
    entries: bool = False,
) -> str:
    """The sheet of formula ``name`` written out at size ``n``, in ``fmt``: text (explicit
    matrices, a row a line), json (that view's data) or a sheet in markdown, latex or html.

    Each claim is first decided for every n (the catalog's proof, cached like any verdict). A
    claim proved for every n holds at ``n`` as the instance of that proof, so its written-out
    entries are not verified again unless ``entries`` asks; a claim not proved for every n (a
    refutation found at a small size may not hold at ``n``) is verified entry by entry.
    """
    symbolic = symbolic_form(name)
    formula = at_size(symbolic, n)
    budget = Budget(seconds=seconds)
    proofs = check([symbolic], budget=budget, jobs=jobs).claims
    pending = [
        index
        for index, proof in enumerate(proofs)
        if entries or proof.verdict != Verdict.PROVED.value
    ]
    # A correction proved for every n holds at n: its instance is shown, not proved again.
    corrections = [
        correction_at(symbolic, symbolic.claims[index], n) if proofs[index].correction else None
        for index in pending
    ]
    tasks = [
        (formula, formula.claims[index], correction)
        for index, correction in zip(pending, corrections, strict=True)
    ]
    outcomes = dict(zip(pending, run_all(verify_explicit, tasks, budget, jobs=jobs), strict=True))
    results = []
    for index, (claim, proof) in enumerate(zip(formula.claims, proofs, strict=True)):
        if index in outcomes:
            outcome = outcomes[index]
            result = outcome.value or Result(Verdict.UNKNOWN, "none", reason=outcome.error)
        else:
            method = f"the proof for every n ({proof.method}), at n = {n}"
            result = Result(Verdict.PROVED, method=method, where=proof.where)
        results.append(claim_report(formula, claim, result))
    report = Report(tuple(results))
    if fmt == "text":
        return render("sized.txt.j2", f=sized_view(formula, report))
    if fmt == "json":
        return json.dumps(sized_view(formula, report), indent=2, ensure_ascii=False) + "\n"
    return render_sheet(formula, report, None, fmt)


def _sized_text(
    name: str, n: int, fmt: str, seconds: float, jobs: int, entries: bool
) -> str | Printed:
    try:
        return show_sized(name, n, fmt=fmt, seconds=seconds, jobs=jobs, entries=entries)
    except DeriveError as exc:
        return Printed(str(exc), ok=False)


def printed_sized(
    name: str,
    n: int,
    *,
    fmt: str = "text",
    seconds: float = 30.0,
    jobs: int = 2,
    entries: bool = False,
) -> Printed:
    """``derive NAME --n SIZE``: the formula written out at the size the user chose, in a
    killable worker (its cost grows with ``n``); each claim in it is verified in its own."""
    per_task = Budget(seconds=seconds)
    budget = Budget(seconds=ANSWER_BUDGETS * seconds, wall=ANSWER_BACKSTOPS * per_task.backstop)
    outcome = run_bounded(_sized_text, (name, n, fmt, seconds, jobs, entries), budget)
    if isinstance(outcome.value, Printed):
        raise InputError(outcome.value.text)
    if outcome.value is not None:
        return Printed(outcome.value)
    why = f"no answer within {ANSWER_BUDGETS} × the budget of {seconds:g} s ({outcome.error})"
    return Printed(f"? unknown: {name} at n = {n}: {why}\n", ok=False)


def mlp_text(
    layers: int,
    width: int,
    activation: str,
    loss: str,
    *,
    widths: str = "",
    direct: bool = False,
    seconds: float = 30.0,
    jobs: int = 2,
    fmt: str = "text",
) -> tuple[str, bool]:
    """The layer-by-layer proof of backpropagation for one MLP in ``fmt`` (text; json, the
    shape of ``derive check --format json``; markdown, latex or html, a sheet), and whether it
    was proved."""

    net = mlp.network(layers, width, activation, loss, mlp.parse_widths(widths) if widths else ())
    formula = mlp.obligations(net)
    if direct:
        if net.depth > 2 or max(net.widths) > 3:
            raise InputError("--direct differentiates the whole loss: at most 2 layers of width 3")
        formula = replace(formula, claims=formula.claims + mlp.direct_claims(net))
    report = check([formula], budget=Budget(seconds=seconds), jobs=jobs)
    if fmt == "json":
        return report_json(report), report.ok
    if fmt != "text":
        return render_sheet(formula, report, None, fmt), report.ok
    return render("mlp.txt.j2", m=mlp_view(net, report)), report.ok


#: The template of ``derive list`` in each format but JSON.
LIST_TEMPLATES = {
    "text": "list.txt.j2",
    "markdown": "list.md.j2",
    "latex": "list.tex.j2",
    "html": "list.html.j2",
}


def list_text(*, use_cache: bool = True, fmt: str = "text") -> str:
    """The catalog, one line (or row) a formula, in ``fmt`` (remembered for the next call,
    with the names that shell completion offers)."""
    view = list_view(list(catalog.CATALOG.values()))
    if fmt == "json":
        rows = [
            {
                "name": row["name"],
                "kind": row["kind"],
                "title": row["title"],
                "claims": int(row["claims"]),
                "documents": row["sources"].split("; ") if row["sources"] else [],
            }
            for row in view["rows"]
        ]
        text = json.dumps(
            {"formulas": rows, "documents": view["documents"]}, ensure_ascii=False, indent=2
        )
        text += "\n"
    else:
        text = render(LIST_TEMPLATES[fmt], catalog=view)
    if use_cache:
        cache.store_output(text, "list", fmt)
        formula_names()
    return text


def formula_names() -> dict[str, str]:
    """Every formula name and alias with its formula's title (remembered for the next call)."""
    titles = {name: f.title for name, f in catalog.CATALOG.items()}
    titles.update({a: f.title for f in catalog.CATALOG.values() for a in f.aliases})
    cache.store_output(json.dumps(titles, ensure_ascii=False), "names")
    return titles


def format_report(report: Report, fmt: str) -> str:
    """A check's report in ``fmt``: text, json, or the notebook's rendering of a report
    (markdown, html; latex: one array, a row a claim)."""
    if fmt == "json":
        return report_json(report)
    if fmt == "text":
        return render("check.txt.j2", r=check_view(report))
    return _rich_report(report, fmt)


def _rich_report(report: Report, fmt: str) -> str:
    if fmt == "markdown":
        return notebook.report_markdown(report)
    if fmt == "html":
        return notebook.to_html(notebook.report_markdown(report))
    if fmt == "latex":
        return notebook.report_latex(report) + "\n"
    raise InputError(f"unknown format {fmt!r}")


# --- user input: typed expressions (issue 5) -------------------------------------------------


def is_expression(word: str, *, wrt: str | None = None, claim: str | None = None) -> bool:
    """Whether ``derive WORD`` means an expression rather than a catalog formula.

    With ``--wrt`` or ``--claim`` it always does. Otherwise a formula name or alias is a
    formula, a word close to one is a misspelt formula (an error with suggestions), and any
    other text, a lone variable name included, is an expression.
    """
    if wrt is not None or claim is not None:
        return True
    try:
        lookup(word)
    except UnknownFormulaError as exc:
        if word.strip().isidentifier() and exc.suggestions:
            raise
        return True
    return False


def answer_expression(
    text: str,
    *,
    wrt: str | None = None,
    claim: str | None = None,
    seconds: float = 30.0,
    shape: Sequence[str] = (),
    layout: str | None = None,
    use_cache: bool = True,
) -> Answer:
    """Differentiate ``text`` and verify ``claim``, each step within ``seconds``; derives the
    steps and prints in this process (the worker of :func:`bounded_answer` and of
    :func:`printed_answer` calls it). ``use_cache``: cached verdicts of the claims."""
    q = question(text, wrt=wrt, claim=claim, shape=shape, layout=layout)
    return answer(q, budget=Budget(seconds=seconds), use_cache=use_cache)


#: The work of ``derive EXPR`` besides its verifications (parsing, deriving the steps,
#: printing) may use this many per-claim budgets of CPU time; each differentiation and
#: verification inside it runs in its own worker within one budget.
ANSWER_BUDGETS = 2

#: The wall-clock backstop of ``derive EXPR`` as a whole, in per-task backstops: it waits for
#: its own bounded workers, one per verification, so it may wait for many of them.
ANSWER_BACKSTOPS = 100


def _answer(q: Question, seconds: float) -> Answer:
    """The answer to ``q``, derived and verified (runs in a worker)."""
    return answer(q, budget=Budget(seconds=seconds))


def bounded_answer(
    text: str, *, wrt: str | None = None, claim: str | None = None, seconds: float = 30.0
) -> Answer:
    """:func:`answer_expression` in a killable worker, as ``derive EXPR`` runs it: the
    differentiation, the derivation step by step and the printing of every report are bounded
    (``ANSWER_BUDGETS`` × ``seconds`` of CPU time for the whole, each verification in a worker
    of its own within ``seconds``), so nothing whose cost grows with the expression runs in
    this process.

    Only the question is parsed here (bad input raises as before), which
    :mod:`derivations.read.limits` bounds; past the budget the answer is the parsed question
    with no derivative, no claim report (printing a claim is not bounded) and verdict
    ``unknown``, its ``reason`` saying why.
    """
    q = question(text, wrt=wrt, claim=claim)
    per_task = Budget(seconds=seconds)
    budget = Budget(seconds=ANSWER_BUDGETS * seconds, wall=ANSWER_BACKSTOPS * per_task.backstop)
    outcome = run_bounded(_answer, (q, seconds), budget)
    if outcome.value is not None:
        return outcome.value
    why = f"no answer within {ANSWER_BUDGETS} × the budget of {seconds:g} s ({outcome.error})"
    return Answer(q, None, Report(()), reason=why)


def _printed_answer(
    text: str,
    wrt: str | None,
    claim: str | None,
    fmt: str,
    templates: str | None,
    seconds: float,
    shape: Sequence[str] = (),
    layout: str | None = None,
    use_cache: bool = True,
) -> Printed | str:
    """The answer printed in ``fmt``, or the one-line input error (runs in a worker)."""
    try:
        result = answer_expression(
            text,
            wrt=wrt,
            claim=claim,
            seconds=seconds,
            shape=shape,
            layout=layout,
            use_cache=use_cache,
        )
        return Printed(format_answer(result, fmt, templates), result.verdict == "proved")
    except DeriveError as exc:
        return str(exc)


def printed_answer(
    text: str,
    *,
    wrt: str | None = None,
    claim: str | None = None,
    fmt: str = "text",
    templates: str | None = None,
    seconds: float = 30.0,
    shape: Sequence[str] = (),
    layout: str | None = None,
    use_cache: bool = True,
) -> Printed:
    """``derive EXPR``: parsed, differentiated, derived step by step, verified and printed in a
    killable worker, so that nothing whose cost grows with the expression runs in this
    process. Past its budget the answer is ``unknown`` with the reason, in one line."""
    per_task = Budget(seconds=seconds)
    budget = Budget(seconds=ANSWER_BUDGETS * seconds, wall=ANSWER_BACKSTOPS * per_task.backstop)
    arguments = (text, wrt, claim, fmt, templates, seconds, tuple(shape), layout, use_cache)
    outcome = run_bounded(_printed_answer, arguments, budget)
    if isinstance(outcome.value, str):
        raise InputError(outcome.value)
    if outcome.value is not None:
        return outcome.value
    why = f"no answer within {ANSWER_BUDGETS} × the budget of {seconds:g} s ({outcome.error})"
    if fmt == "json":
        return Printed(json.dumps({"verdict": "unknown", "reason": why}) + "\n", ok=False)
    return Printed(f"? unknown: {why}\n", ok=False)


def format_answer(result: Answer, fmt: str, templates: str | None = None) -> str:
    """The answer in ``fmt``: the terminal's text and JSON report, or the sheet of the
    expression (its derivation step by step and the claim) as Markdown, LaTeX or HTML."""
    if fmt == "json":
        return report_json(result.report)
    if fmt == "text":
        return render("answer.txt.j2", templates, a=answer_view(result))
    assert result.formula is not None
    return render_sheet(result.formula, result.report, result.derivation, fmt, templates)


# --- user input: formula files and notes (issue 5) -------------------------------------------


def check_paths(
    paths: list[str],
    *,
    as_: str | None = None,
    seconds: float = 30.0,
    jobs: int = 2,
    progress: Progress | None = None,
    strict: bool = False,
    use_cache: bool = True,
) -> FilesReport:
    """Verify the claims of TOML formula files and Markdown/LaTeX/notebook notes; ``strict``:
    fail when a display equation that states a derivative was skipped; ``use_cache``: files
    and verdicts checked before are replayed."""
    from derivations.checking.files import check_files  # deferred: imports the notes reader

    budget = Budget(seconds=seconds)
    return check_files(
        paths,
        as_=as_,
        budget=budget,
        jobs=jobs,
        progress=progress,
        strict=strict,
        use_cache=use_cache,
    )


def format_files(result: FilesReport, fmt: str) -> str:
    if fmt == "json":
        return files_json(result)
    if fmt == "text":
        return render("files.txt.j2", r=files_view(result))
    return _rich_report(result.report, fmt)


# --- where users work: CI annotations, pre-commit (issue 7) -----------------------------------


def without_other_toml(paths: list[str], *, as_: str | None = None) -> list[str]:
    """``paths`` less the TOML files that are not formula files (no ``[[formula]]`` tables)."""
    from derivations.checking.files import kind_of  # deferred: imports the notes reader

    kept = []
    for path in paths:
        if kind_of(path, as_) == "toml":
            text = read_text(path)
            if text is not None and not is_formula_file(text):
                continue
        kept.append(path)
    return kept


def github_annotations(
    report: Report, locations: tuple[str, ...] = (), unread: tuple[tuple[str, str], ...] = ()
) -> str:
    """GitHub workflow commands for the claims whose verdict is not the expected one and (under
    ``--strict``) the display equations that state a derivative and were not checked."""
    return github.workflow_commands(report, locations, unread)


def github_summary(
    report: Report, locations: tuple[str, ...] = (), unread: tuple[tuple[str, str], ...] = ()
) -> str:
    """The Markdown job summary of a check."""
    return github.step_summary(report, locations, unread)


# --- PyTorch cross-check (issue 7) --------------------------------------------------------------


def crosscheck(
    names: tuple[str, ...] = (), *, points: int = 1000, progress: StageProgress | None = None
) -> CrossCheck:
    """Compare the catalog with PyTorch (``names``: only these formulas; names or aliases);
    ``progress(stage, done, total)`` as comparisons finish."""
    # The PyTorch tables build the activations' expressions (a second at start-up).
    from derivations.integrations.torch import compare, counterparts  # deferred: see above

    report = progress or _quiet
    chosen = tuple(lookup(n).name for n in names)
    known = {p.formula for p in counterparts.COUNTERPARTS} | set(counterparts.UNMAPPED)
    missing = [n for n in chosen if n not in known]
    if missing:
        raise InputError(f"PyTorch has no counterpart of {', '.join(missing)}")
    return compare.crosscheck(
        chosen,
        count=points,
        progress=lambda done, total: report("comparing with PyTorch", done, total),
    )


def format_crosscheck(result: CrossCheck, fmt: str) -> str:
    """The cross-check in ``fmt``: text, json, markdown (a table), html (that table) or latex."""
    from derivations.integrations.torch.compare import to_json  # deferred: see crosscheck
    from derivations.integrations.torch.view import crosscheck_view  # deferred: see crosscheck

    if fmt == "json":
        return to_json(result)
    templates = {"text": "crosscheck.txt.j2", "markdown": "crosscheck.md.j2"}
    if fmt in templates:
        return render(templates[fmt], r=crosscheck_view(result))
    if fmt == "html":
        return notebook.to_html(render("crosscheck.md.j2", r=crosscheck_view(result)))
    if fmt == "latex":
        return render("crosscheck.tex.j2", r=crosscheck_view(result))
    raise InputError(f"unknown format {fmt!r}")


# --- the PDF book ------------------------------------------------------------------------------


def require_matplotlib() -> None:
    """Raise :class:`~derivations.errors.InputError` when the notes' plots cannot be drawn."""
    plots.require_matplotlib()


def require_pdflatex() -> None:
    """Raise :class:`~derivations.errors.InputError` when pdflatex is not installed."""
    pdflatex()


def compile_book(out_dir: str) -> Path:
    """Compile ``out_dir/book.tex`` (written by :func:`notes` in LaTeX) to a PDF; its path."""
    return compile_pdf(Path(out_dir) / "book.tex")
