"""``derive``: check the calculus of neural-network notes.

Each command parses its options, calls the library and prints what a template
rendered. Errors of the tool's own type become one line on stderr and exit 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click

EXIT_USAGE = 2

CHECK_FORMATS = ("text", "json")


class DeriveGroup(click.Group):
    """A group whose unknown command names are formula names: ``derive sigmoid``."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "show", self.commands["show"], args
        return super().resolve_command(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("derive", "[NAME | COMMAND] [ARGS]...")


def _fail(message: str) -> None:
    click.echo(f"derive: error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Map the tool's errors to one line and exit code 2.

    Any other exception is a bug of the tool; it too becomes one line (exit 2) unless
    ``DERIVE_DEBUG`` is set, which shows the traceback.
    """
    import functools
    import os

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from derivations.errors import DeriveError

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
            _fail(f"internal error ({type(exc).__name__}: {reason}); set DERIVE_DEBUG=1 for details")

    return wrapper


def budget_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options that bound verification: seconds per claim and parallel jobs."""
    fn = click.option("--seconds", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True,
                      help="Time budget per claim; a claim over it is 'unknown'.")(fn)
    fn = click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True,
                      help="Claims verified in parallel.")(fn)
    fn = click.option("--no-cache", "no_cache", is_flag=True, default=False,
                      help="Verify again instead of reading verdicts cached on disk.")(fn)
    return fn


@click.group(cls=DeriveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="derive")
def cli() -> None:
    """Verify the derivative claims of neural-network notes.

    \b
    derive NAME          a formula: definition, derivative, every claim with its verdict
    derive list          the catalog
    derive check         verify every claim of the catalog
    """


def expression_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options of ``derive "EXPR"``: the variable, the claimed derivative, the format."""
    fn = click.option("--wrt", default=None, metavar="VAR",
                      help="Differentiate by VAR (default: the only variable).")(fn)
    fn = click.option("--claim", default=None, metavar="EXPR",
                      help="Your derivative, to be verified.")(fn)
    fn = click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text",
                      show_default=True)(fn)
    return fn


def answer_expression(
    text: str, wrt: str | None, claim: str | None, fmt: str, seconds: float
) -> None:
    """``derive "EXPR" [--wrt X] [--claim EXPR]``: exit 0 when proved, 1 otherwise."""
    from derivations import api

    result = api.answer_expression(text, wrt=wrt, claim=claim, seconds=seconds)
    click.echo(api.format_answer(result, fmt), nl=False)
    sys.exit(0 if result.verdict == "proved" else 1)


@cli.command("show")
@click.argument("name")
@expression_options
@budget_options
@guarded
def show(
    name: str, wrt: str | None, claim: str | None, fmt: str, seconds: float, jobs: int,
    no_cache: bool,
) -> None:
    """Show formula NAME with its derivative and the verdict of every claim.

    NAME may also be an expression such as "x^2*sigmoid(x)": derive differentiates it
    and, with --claim, verifies your derivative (exit 0 proved, 1 refuted or unknown).
    """
    from derivations import api

    if api.is_expression(name, wrt=wrt, claim=claim):
        answer_expression(name, wrt, claim, fmt, seconds)
    if fmt == "json":
        report = api.check_formula(name, seconds=seconds, jobs=jobs, use_cache=not no_cache)
        click.echo(api.format_report(report, fmt), nl=False)
        return
    click.echo(api.show_text(name, seconds=seconds, jobs=jobs, use_cache=not no_cache), nl=False)


@cli.command("list")
@guarded
def list_formulas() -> None:
    """List the catalog: one line a formula (name, kind, title, documents)."""
    from derivations import api

    click.echo(api.list_text(), nl=False)


@cli.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True)
@click.option("--as", "as_", type=click.Choice(("toml", "markdown", "tex")), default=None,
              help="Read FILES as this kind (default: by suffix; .txt is Markdown).")
@budget_options
@guarded
def check(
    files: tuple[str, ...], fmt: str, as_: str | None, seconds: float, jobs: int, no_cache: bool
) -> None:
    """Verify every claim of the catalog, or of FILES (formulas in TOML, notes in .md/.tex).

    Exit 0 when every verdict is the one recorded (a notes claim is expected to be
    proved), 1 otherwise, 2 when a file cannot be read.
    """
    from derivations import api

    if files:
        result = api.check_paths(list(files), as_=as_, seconds=seconds, jobs=jobs)
        click.echo(api.format_files(result, fmt), nl=False)
        sys.exit(0 if result.ok else 1)
    report = api.check_catalog(seconds=seconds, jobs=jobs, use_cache=not no_cache)
    click.echo(api.format_report(report, fmt), nl=False)
    sys.exit(0 if report.ok else 1)


def main() -> None:
    cli(prog_name="derive")


if __name__ == "__main__":
    main()
