"""``derive``: check the calculus of neural-network notes.

Each command parses its options, calls the library and prints what a template
rendered. Errors of the tool's own type become one line on stderr and exit 2.
"""

from __future__ import annotations

import difflib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem
from derivations.cli.progress import claims_bar, stages_bar

from derivations import commands
from derivations.errors import DeriveError, InputError

EXIT_USAGE = 2
#: Interrupted (Ctrl-C): 128 + SIGINT, as a shell reports it, distinct from 1 (unexpected
#: verdicts) so that CI can tell an abort from a failed check.
EXIT_INTERRUPTED = 130

SHEET_FORMATS = ("text", "markdown", "latex", "html", "json")
CHECK_FILE_FORMATS = (*SHEET_FORMATS, "github")
NOTES_FORMATS = ("markdown", "latex", "html")


def complete_formula_names(
    ctx: click.Context, param: click.Parameter | None, incomplete: str
) -> list[Any]:
    """Shell completion of a formula name: the catalog's names and aliases, with titles (from
    the cache that ``derive list`` fills; the first TAB without it builds the catalog)."""
    titles = commands.formula_names()
    return [CompletionItem(n, help=titles[n]) for n in sorted(titles) if n.startswith(incomplete)]


def is_negated_expression(word: str, params: list[click.Parameter]) -> bool:
    """Whether ``word`` is an expression that starts with a minus (``-log(sigmoid(x))``)
    rather than one of the options ``params``: it starts with a single ``-`` and is no option
    name."""
    if not word.startswith("-") or word.startswith("--") or len(word) < 2:
        return False
    names = {n for p in params for n in (*p.opts, *p.secondary_opts)}
    return word not in names and word[:2] not in names


class ShowCommand(click.Command):
    """``derive show``, whose NAME may be an expression that starts with a minus."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move the first argument that is a negated expression after ``--``, where click reads
        it as NAME instead of an unknown option (``derive "-log(x)" --claim "-1/x"``)."""
        if "--" not in args:
            params = self.get_params(ctx)
            takes_value = {
                n for p in params if isinstance(p, click.Option) and not p.is_flag for n in p.opts
            }
            previous = ""
            for i, word in enumerate(args):
                if previous not in takes_value and is_negated_expression(word, params):
                    args = [*args[:i], *args[i + 1 :], "--", word]
                    break
                previous = word
        return super().parse_args(ctx, args)


class DeriveGroup(click.Group):
    """A group whose unknown command names are formula names or expressions: ``derive sigmoid``,
    ``derive "x^2"``; a single word close to a command name is a misspelt command."""

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        """Commands, then formula names (``derive sig<TAB>`` offers sigmoid)."""
        items: list[Any] = super().shell_complete(ctx, incomplete)
        if not incomplete.startswith("-"):
            items += complete_formula_names(ctx, None, incomplete)
        return items

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """An expression that starts with a minus goes to ``show`` instead of being read as an
        option of the group."""
        if args and is_negated_expression(args[0], self.get_params(ctx)):
            args = ["show", *args]
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            misspelt = misspelt_command(args[0], list(self.commands), args[1:])
            if misspelt:
                _fail(
                    f"unknown formula or command {args[0]!r}; did you mean "
                    f"{', '.join(misspelt)}? (an expression: derive show {args[0]!r})"
                )
            return "show", self.commands["show"], args
        return super().resolve_command(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("derive", "[NAME | COMMAND] [ARGS]...")

    def main(  # type: ignore[override]
        self, args: Any = None, prog_name: str | None = None, **extra: Any
    ) -> Any:
        """Every usage error is one line and exit 2, click's own included (a wrong option, a
        bad path); Ctrl-C exits 130; an argument that is not UTF-8 is a located error."""
        if not extra.pop("standalone_mode", True):
            return super().main(args, prog_name, standalone_mode=False, **extra)
        arguments = sys.argv[1:] if args is None else list(args)
        located = invalid_utf8(arguments)
        if located:
            _fail(located)
        try:
            code = super().main(arguments, prog_name, standalone_mode=False, **extra)
        except click.UsageError as exc:
            path = ["derive", *exc.ctx.command_path.split()[1:]] if exc.ctx else ["derive"]
            hint = f" (see '{' '.join(path)} --help')"
            _fail(" ".join(exc.format_message().split()) + hint)
        except click.ClickException as exc:
            _fail(" ".join(exc.format_message().split()))
        except (click.Abort, KeyboardInterrupt):
            click.echo("derive: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)


def invalid_utf8(arguments: list[str]) -> str:
    """Where the first argument that is not valid UTF-8 is, as an error message (or "").

    Python hands such bytes over as lone surrogates (``surrogateescape``).
    """
    for number, argument in enumerate(arguments, start=1):
        for position, char in enumerate(argument, start=1):
            if "\udc80" <= char <= "\udcff":
                option = arguments[number - 2] if number > 1 else ""
                where = "expression" if number == 1 else f"argument {number}"
                where = option if option.startswith("-") else where
                byte = ord(char) - 0xDC00
                return f"{where}:1:{position}: invalid UTF-8 (byte 0x{byte:02x})"
    return ""


def misspelt_command(word: str, commands: list[str], rest: list[str]) -> list[str]:
    """The commands that ``word`` is close to, when ``word`` is a single word that asks for no
    derivative (no ``--wrt``, no ``--claim``): ``chek`` is a misspelt ``check``, not the
    variable chek. Closeness is the formula names' (difflib, cutoff 0.6)."""
    typed = ("--wrt", "--claim", "--shape", "--layout")
    if not word.isidentifier() or any(a.startswith(typed) for a in rest):
        return []
    return difflib.get_close_matches(word, commands, n=3, cutoff=0.6)


def _fail(message: str) -> None:
    click.echo(f"derive: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Map the tool's errors to one line and exit code 2.

    Any other exception is a bug of the tool; it too becomes one line (exit 2) unless
    ``DERIVE_DEBUG`` is set, which shows the traceback.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DeriveError as exc:
            _fail(str(exc))
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("DERIVE_DEBUG"):
                raise
            reason = " ".join(str(exc).split())
            _fail(
                f"internal error ({type(exc).__name__}: {reason}); set DERIVE_DEBUG=1 for details"
            )

    return wrapper


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system has one), 1 to 64."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity: every CPU
        count = os.cpu_count() or 1
    return max(1, min(count, 64))


def budget_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options that bound verification: seconds per claim and parallel jobs."""
    fn = click.option(
        "--seconds",
        type=click.FloatRange(0.1, 3600),
        default=30.0,
        show_default=True,
        help="CPU time budget per claim, in seconds; a claim over it is 'unknown'.",
    )(fn)
    fn = click.option(
        "--jobs",
        type=click.IntRange(1, 64),
        default=available_cpus(),
        show_default=True,
        help="Claims verified in parallel (default: the CPUs this process may use).",
    )(fn)
    fn = click.option(
        "--no-cache",
        "no_cache",
        is_flag=True,
        default=False,
        help="Verify again instead of reading verdicts cached on disk.",
    )(fn)
    return fn


@click.group(cls=DeriveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="derive-nn")
def cli() -> None:
    """Verify the derivative claims of neural-network notes.

    \b
    derive NAME          a formula: definition, derivative, every claim with its verdict
    derive list          the catalog
    derive check         verify every claim of the catalog
    derive notes DIR     write the course notes (Markdown + mkdocs.yml, LaTeX, HTML)
    """


def expression_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options of ``derive "EXPR"``: the variable and the claimed derivative."""
    fn = click.option(
        "--wrt",
        default=None,
        metavar="VAR",
        help="Differentiate by VAR (default: the only variable).",
    )(fn)
    fn = click.option(
        "--claim", default=None, metavar="EXPR", help="Your derivative, to be verified."
    )(fn)
    fn = click.option(
        "--shape",
        "shape",
        multiple=True,
        metavar="NAME=DIMS",
        help="Declare a vector (x=n) or a matrix (A=m,n), or any formula-file declaration "
        '("i=index n", f=function); repeatable. A name summed as sum(z[k], k, 1, n) is a '
        "vector of length n without it.",
    )(fn)
    fn = click.option(
        "--layout",
        type=click.Choice(["numerator", "denominator"]),
        default=None,
        help="The layout of a derivative by a whole vector or matrix (default: the one the "
        "claim's shape allows; when both do, the claim holds if it holds in one).",
    )(fn)
    return fn


def templates_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A folder whose templates override the shipped ones by name."""
    return click.option(
        "--templates",
        type=click.Path(exists=True, file_okay=False),
        default=None,
        help="Folder of Jinja templates that override the shipped ones by name.",
    )(fn)


def _write(path: Path, content: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None


def write_files(out_dir: str, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative path: bytes) under ``out_dir``."""
    for relative, content in files.items():
        _write(Path(out_dir) / relative, content)


def finish(outcome: commands.Outcome, output: str | None = None) -> None:
    """Print the outcome's text (or write it to ``output``), add its CI job summary, and exit
    with its code."""
    if output:
        _write(Path(output), outcome.text.encode())
    else:
        click.echo(outcome.text, nl=False)
    if outcome.summary:
        append_step_summary(outcome.summary)
    sys.exit(outcome.code)


@cli.command("show", cls=ShowCommand)
@click.argument("name", shell_complete=complete_formula_names)
@expression_options
@click.option(
    "--format", "fmt", type=click.Choice(SHEET_FORMATS), default="text", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the sheet to this file instead of standard output.",
)
@templates_option
@click.option(
    "--n",
    "size",
    type=int,
    default=None,
    help="Write a vector formula out at this size: explicit matrices; a claim proved for every "
    "n holds there by its proof, any other is verified entry by entry.",
)
@click.option(
    "--entries",
    is_flag=True,
    default=False,
    help="With --n: verify every written-out claim entry by entry, also those proved for every n.",
)
@budget_options
@guarded
def show(
    name: str,
    wrt: str | None,
    claim: str | None,
    fmt: str,
    output: str | None,
    templates: str | None,
    size: int | None,
    entries: bool,
    seconds: float,
    jobs: int,
    no_cache: bool,
    shape: tuple[str, ...],
    layout: str | None,
) -> None:
    """Show formula NAME: its derivation step by step and the verdict of every claim.

    NAME may also be an expression such as "x^2*sigmoid(x)": derive differentiates it
    and, with --claim, verifies your derivative (exit 0 proved, 1 refuted or unknown).
    """
    outcome = commands.show(
        name,
        wrt=wrt,
        claim=claim,
        fmt=fmt,
        templates=templates,
        size=size,
        entries=entries,
        seconds=seconds,
        jobs=jobs,
        use_cache=not no_cache,
        shape=shape,
        layout=layout,
    )
    finish(outcome, output)


@cli.command("notes")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(NOTES_FORMATS), default="markdown", show_default=True
)
@click.option("--pdf", is_flag=True, help="Compile the LaTeX book with pdflatex (--format latex).")
@templates_option
@budget_options
@guarded
def notes(
    out_dir: str,
    fmt: str,
    pdf: bool,
    templates: str | None,
    seconds: float,
    jobs: int,
    no_cache: bool,
) -> None:
    """Write the course notes to OUT_DIR: an index, a page per family, the errata."""
    with stages_bar("notes") as progress:
        outcome = commands.notes(
            fmt=fmt,
            pdf=pdf,
            templates=templates,
            seconds=seconds,
            jobs=jobs,
            use_cache=not no_cache,
            progress=progress,
        )
    write_files(out_dir, outcome.files)
    book = commands.compile_book(out_dir).text if pdf else ""
    finish(commands.Outcome(f"{book}wrote {len(outcome.files)} files to {out_dir}\n"))


@cli.command("list")
@click.option(
    "--format", "fmt", type=click.Choice(SHEET_FORMATS), default="text", show_default=True
)
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    default=False,
    help="Build the list again instead of reading it from the cache.",
)
@guarded
def list_formulas(fmt: str, no_cache: bool) -> None:
    """List the catalog: one line a formula (name, kind, title, documents)."""
    finish(commands.list_formulas(use_cache=not no_cache, fmt=fmt))


def append_step_summary(markdown: str) -> None:
    """Append to the file GitHub Actions names in ``$GITHUB_STEP_SUMMARY``, when it is set."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown)
    except OSError as exc:
        _fail(f"GITHUB_STEP_SUMMARY: cannot write {path}: {exc.strerror}")


@cli.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FILE_FORMATS),
    default="text",
    show_default=True,
    help="github: workflow annotations at FILE:LINE and a job summary.",
)
@click.option(
    "--as",
    "as_",
    type=click.Choice(("toml", "markdown", "tex", "notebook")),
    default=None,
    help="Read FILES as this kind (default: by suffix; .txt is Markdown).",
)
@click.option(
    "--skip-other-toml",
    is_flag=True,
    help="Skip TOML files that hold no [[formula]] tables (pyproject.toml) instead of "
    "failing on them.",
)
@click.option("--strict", is_flag=True, help="Fail when a derivative equation was skipped.")
@budget_options
@guarded
def check(
    files: tuple[str, ...],
    fmt: str,
    as_: str | None,
    skip_other_toml: bool,
    strict: bool,
    seconds: float,
    jobs: int,
    no_cache: bool,
) -> None:
    """Verify every claim of the catalog, or of FILES (formulas in TOML, notes in .md/.tex).

    Exit 0 when every verdict is the one recorded (a notes claim is expected to be
    proved), 1 otherwise, 2 when a file cannot be read.
    """
    with claims_bar() as progress:
        outcome = commands.check(
            files,
            fmt=fmt,
            as_=as_,
            skip_other_toml=skip_other_toml,
            strict=strict,
            seconds=seconds,
            jobs=jobs,
            use_cache=not no_cache,
            progress=progress,
        )
    finish(outcome)


@cli.command("crosscheck")
@click.argument("names", nargs=-1, shell_complete=complete_formula_names)
@click.option(
    "--format", "fmt", type=click.Choice(SHEET_FORMATS), default="text", show_default=True
)
@click.option(
    "--points",
    type=click.IntRange(1000, 100_000),
    default=1000,
    show_default=True,
    help="Points per formula (and parameter value).",
)
@guarded
def crosscheck(names: tuple[str, ...], fmt: str, points: int) -> None:
    """Compare the catalog's formulas and derivatives with PyTorch's (needs derive-nn[torch]).

    Forward values and autograd gradients at float64 points, kinks and large magnitudes
    included. Exit 0 when every formula agrees up to round-off (conventions at kinks are
    listed, not failed), 1 when one disagrees, 2 when PyTorch is missing.
    """
    with stages_bar("crosscheck") as progress:
        outcome = commands.crosscheck(names, fmt=fmt, points=points, progress=progress)
    finish(outcome)


@cli.command("mlp")
@click.option(
    "--layers", type=click.IntRange(1, 6), default=2, show_default=True, help="Depth L (1 to 6)."
)
@click.option(
    "--width",
    type=click.IntRange(1, 16),
    default=3,
    show_default=True,
    help="Units of every layer, input included.",
)
@click.option(
    "--widths", default="", help="All widths n0,n1,...,nL (overrides --width), e.g. 3,4,2."
)
@click.option(
    "--activation",
    type=click.Choice(["sigmoid", "tanh", "relu", "leaky_relu"]),
    default="sigmoid",
    show_default=True,
)
@click.option("--loss", type=click.Choice(["mse", "softmax_ce"]), default="mse", show_default=True)
@click.option(
    "--direct",
    is_flag=True,
    help="Also differentiate the whole loss in the weights (small nets only).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SHEET_FORMATS),
    default="text",
    show_default=True,
    help="json: the shape of derive check --format json.",
)
@budget_options
@guarded
def mlp(
    layers: int,
    width: int,
    widths: str,
    activation: str,
    loss: str,
    direct: bool,
    fmt: str,
    seconds: float,
    jobs: int,
    no_cache: bool,
) -> None:
    """Prove that backpropagation's δ recursion gives the gradient of an MLP's loss.

    Exit 0 when every proof obligation is proved, 1 otherwise.
    """
    outcome = commands.mlp(
        layers,
        width,
        activation,
        loss,
        widths=widths,
        direct=direct,
        seconds=seconds,
        jobs=jobs,
        fmt=fmt,
    )
    finish(outcome)


def main() -> None:
    cli(prog_name="derive")


if __name__ == "__main__":
    main()
