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
    """


@cli.command("show")
@click.argument("name")
@click.option("--n", "size", type=int, default=None,
              help="Instantiate a vector formula at this size: explicit matrices, each verified.")
@budget_options
@guarded
def show(name: str, size: int | None, seconds: float, jobs: int) -> None:
    """Show formula NAME with its derivative and the verdict of every claim."""
    from derivations import api

    if size is not None:
        click.echo(api.show_sized_text(name, size, seconds=seconds, jobs=jobs), nl=False)
        return
    click.echo(api.show_text(name, seconds=seconds, jobs=jobs), nl=False)


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


@cli.command("mlp")
@click.option("--layers", type=int, default=2, show_default=True, help="Depth L (1 to 6).")
@click.option("--width", type=int, default=3, show_default=True, help="Units of every layer, input included.")
@click.option("--widths", default="", help="All widths n0,n1,...,nL (overrides --width), e.g. 3,4,2.")
@click.option("--activation", type=click.Choice(["sigmoid", "tanh", "relu", "leaky_relu"]), default="sigmoid",
              show_default=True)
@click.option("--loss", type=click.Choice(["mse", "softmax_ce"]), default="mse", show_default=True)
@click.option("--direct", is_flag=True, help="Also differentiate the whole loss in the weights (small nets only).")
@budget_options
@guarded
def mlp(layers: int, width: int, widths: str, activation: str, loss: str, direct: bool,
        seconds: float, jobs: int) -> None:
    """Prove that backpropagation's δ recursion gives the gradient of an MLP's loss.

    Exit 0 when every proof obligation is proved, 1 otherwise.
    """
    from derivations import api

    text, ok = api.mlp_text(layers, width, activation, loss, widths=widths, direct=direct,
                            seconds=seconds, jobs=jobs)
    click.echo(text, nl=False)
    sys.exit(0 if ok else 1)


def main() -> None:
    cli(prog_name="derive")


if __name__ == "__main__":
    main()
