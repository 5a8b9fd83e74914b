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
SHEET_FORMATS = ("text", "markdown", "latex", "html", "json")
NOTES_FORMATS = ("markdown", "latex", "html")


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
    """Map the tool's errors to one line and exit code 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from derivations.errors import DeriveError

        try:
            return fn(*args, **kwargs)
        except DeriveError as exc:
            _fail(str(exc))

    return wrapper


def budget_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The options that bound verification: seconds per claim and parallel jobs."""
    fn = click.option("--seconds", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True,
                      help="Time budget per claim; a claim over it is 'unknown'.")(fn)
    fn = click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True,
                      help="Claims verified in parallel.")(fn)
    return fn


@click.group(cls=DeriveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="derive")
def cli() -> None:
    """Verify the derivative claims of neural-network notes.

    \b
    derive NAME          a formula: definition, derivative, every claim with its verdict
    derive list          the catalog
    derive check         verify every claim of the catalog
    derive notes DIR     write the course notes (Markdown + mkdocs.yml, LaTeX, HTML)
    """


def templates_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A folder whose templates override the shipped ones by name."""
    return click.option(
        "--templates", type=click.Path(exists=True, file_okay=False), default=None,
        help="Folder of Jinja templates that override the shipped ones by name.",
    )(fn)


def _write(path: str, content: str | bytes) -> None:
    from pathlib import Path

    from derivations.errors import InputError

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from None


@cli.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(SHEET_FORMATS), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the sheet to this file instead of standard output.")
@templates_option
@budget_options
@guarded
def show(
    name: str, fmt: str, output: str | None, templates: str | None, seconds: float, jobs: int
) -> None:
    """Show formula NAME: its derivation step by step and the verdict of every claim."""
    from derivations import api

    sheet = api.sheet(name, fmt, seconds=seconds, jobs=jobs, templates=templates)
    if output:
        _write(output, sheet)
    else:
        click.echo(sheet, nl=False)


@cli.command("notes")
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(NOTES_FORMATS), default="markdown",
              show_default=True)
@click.option("--pdf", is_flag=True, help="Compile the LaTeX book with pdflatex (--format latex).")
@templates_option
@budget_options
@guarded
def notes(
    out_dir: str, fmt: str, pdf: bool, templates: str | None, seconds: float, jobs: int
) -> None:
    """Write the course notes to OUT_DIR: an index, a page per family, the errata."""
    from pathlib import Path

    from derivations import api
    from derivations.errors import InputError
    from derivations.pdf import compile_pdf, pdflatex

    if pdf and fmt != "latex":
        raise InputError("--pdf compiles the LaTeX book: use it with --format latex")
    if pdf:
        pdflatex()  # fail before the long computation when TeX is missing
    files = api.notes(fmt, seconds=seconds, jobs=jobs, templates=templates)
    for relative, content in files.items():
        _write(str(Path(out_dir) / relative), content)
    if pdf:
        click.echo(f"wrote {compile_pdf(Path(out_dir) / 'book.tex')}")
    click.echo(f"wrote {len(files)} files to {out_dir}")


@cli.command("list")
@guarded
def list_formulas() -> None:
    """List the catalog: one line a formula (name, kind, title, documents)."""
    from derivations import api

    click.echo(api.list_text(), nl=False)


@cli.command("check")
@click.option("--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text", show_default=True)
@budget_options
@guarded
def check(fmt: str, seconds: float, jobs: int) -> None:
    """Verify every claim of the catalog.

    Exit 0 when every verdict is the one the catalog records, 1 otherwise.
    """
    from derivations import api

    report = api.check_catalog(seconds=seconds, jobs=jobs)
    click.echo(api.format_report(report, fmt), nl=False)
    sys.exit(0 if report.ok else 1)


def main() -> None:
    cli(prog_name="derive")


if __name__ == "__main__":
    main()
