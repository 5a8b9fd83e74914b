"""What each ``derive`` command does, as functions that return what to print and the exit code.

The command line (``cli/main.py``) parses options, calls one function here and prints its
:class:`Outcome`; only the command line writes files. Answers that were printed before under
the same tool and SymPy are replayed from the cache (:mod:`derivations.checking.cache`) here,
before anything imports SymPy: that is why :mod:`derivations.api` is imported inside the
functions that need it (importing it costs half a second; a replayed answer costs none).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from derivations.checking import cache
from derivations.checking.progress import Progress, StageProgress
from derivations.errors import InputError

#: Exit codes: every verdict as expected; some verdict not; a usage error.
OK, UNEXPECTED, USAGE = 0, 1, 2


@dataclass(frozen=True)
class Outcome:
    """What a command prints and how it exits.

    ``summary`` is Markdown for the CI job summary (``derive check --format github``);
    ``files`` maps relative paths to the bytes a command writes (``derive notes``).
    """

    text: str = ""
    code: int = OK
    summary: str = ""
    files: dict[str, bytes] = field(default_factory=dict)


def show(
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
) -> Outcome:
    """``derive NAME``: a formula's sheet; ``derive EXPR``: an expression differentiated and,
    with ``claim``, the claim verified (exit 0 when proved, 1 otherwise), its vectors and
    matrices declared by ``shape`` (``x=n``, ``A=m,n``) and ``layout``; ``size``: a vector
    formula written out at that size."""
    if entries and size is None:
        raise InputError("--entries verifies a formula written out with --n: use them together")
    typed = bool(shape) or layout is not None
    remembered = wrt is None and claim is None and size is None and templates is None
    remembered = remembered and not typed
    sheet = cache.load_output("sheet", name, fmt) if remembered and use_cache else None
    if sheet is not None:
        return Outcome(sheet)
    from derivations import api  # deferred: imports SymPy (see the module doc)

    printed = api.printed_show(
        name,
        wrt=wrt,
        claim=claim,
        fmt=fmt,
        templates=templates,
        size=size,
        entries=entries,
        seconds=seconds,
        jobs=jobs,
        use_cache=use_cache,
        shape=shape,
        layout=layout,
    )
    return Outcome(printed.text, OK if printed.ok else UNEXPECTED)


def list_formulas(*, use_cache: bool = True, fmt: str = "text") -> Outcome:
    """``derive list``: the catalog, one line (or row) a formula, in ``fmt``."""
    text = cache.load_output("list", fmt) if use_cache else None
    if text is None:
        from derivations import api  # deferred: imports SymPy (see the module doc)

        text = api.list_text(use_cache=use_cache, fmt=fmt)
    return Outcome(text)


def formula_names() -> dict[str, str]:
    """Every formula name and alias with its formula's title, for shell completion: from the
    cache that ``derive list`` fills, so that a TAB does not import SymPy and the catalog."""
    text = cache.load_output("names")
    if text is None:
        from derivations import api  # deferred: imports SymPy (see the module doc)

        return api.formula_names()
    names: dict[str, str] = json.loads(text)
    return names


def check(
    files: tuple[str, ...] = (),
    *,
    fmt: str = "text",
    as_: str | None = None,
    skip_other_toml: bool = False,
    strict: bool = False,
    seconds: float = 30.0,
    jobs: int = 2,
    use_cache: bool = True,
    progress: Progress | None = None,
) -> Outcome:
    """``derive check [FILES]``: verify the catalog, or the claims of notes and formula files.

    Exit 0 when every verdict is the expected one (and, with ``strict``, no display equation
    that states a derivative was skipped), 1 otherwise. A check whose verdicts are all
    definite is remembered with its exit code: the catalog's under the tool's fingerprint,
    that of FILES also under each file's content, so that a check of unchanged notes (a
    pre-commit hook) answers without importing SymPy.
    """
    arguments = _check_arguments(files, fmt, as_, skip_other_toml, strict)
    remembered = use_cache and fmt != "github" and arguments is not None
    outcome = cache.load_outcome("check", *arguments) if remembered and arguments else None
    if outcome is not None:
        return Outcome(*outcome)
    from derivations import api  # deferred: imports SymPy (see the module doc)

    printed = api.printed_check(
        files,
        fmt=fmt,
        as_=as_,
        skip_other_toml=skip_other_toml,
        strict=strict,
        seconds=seconds,
        jobs=jobs,
        use_cache=use_cache,
        progress=progress,
    )
    code = OK if printed.ok else UNEXPECTED
    # Remembered unless a file changed while it was checked (its content is not what was read).
    if (
        remembered
        and arguments
        and printed.settled
        and arguments == _check_arguments(files, fmt, as_, skip_other_toml, strict)
    ):
        cache.store_outcome(printed.text, code, "check", *arguments)
    return Outcome(printed.text, code, printed.summary)


def _check_arguments(
    files: tuple[str, ...], fmt: str, as_: str | None, skip_other_toml: bool, strict: bool
) -> tuple[str, ...] | None:
    """What the output of ``derive check`` depends on besides the tool: the format and, for
    FILES, the options of reading and each file as given with its content (``None`` when a
    file's content cannot be digested: then nothing is remembered)."""
    if not files:
        return (fmt,)
    digests = [cache.file_digest(path) for path in files]
    if any(d is None for d in digests):
        return None
    options = f"as={as_ or ''};skip-other-toml={skip_other_toml};strict={strict}"
    pairs = [f"{path}\0{digest}" for path, digest in zip(files, digests, strict=True)]
    return (fmt, "files", options, *pairs)


def notes(
    *,
    fmt: str = "markdown",
    pdf: bool = False,
    templates: str | None = None,
    seconds: float = 30.0,
    jobs: int = 2,
    use_cache: bool = True,
    progress: StageProgress | None = None,
) -> Outcome:
    """``derive notes DIR``: the files of the course notes (index, a page per family, errata);
    ``progress(stage, done, total)`` as the work goes."""
    if pdf and fmt != "latex":
        raise InputError("--pdf compiles the LaTeX book: use it with --format latex")
    from derivations import api as library  # deferred: imports SymPy (see the module doc)

    library.require_matplotlib()  # fail before the long computation: plots need the extra
    if pdf:
        library.require_pdflatex()  # fail before the long computation when TeX is missing
    files = library.notes(
        fmt,
        seconds=seconds,
        jobs=jobs,
        templates=templates,
        use_cache=use_cache,
        progress=progress,
    )
    return Outcome(files=files)


def crosscheck(
    names: tuple[str, ...] = (),
    *,
    fmt: str = "text",
    points: int = 1000,
    progress: StageProgress | None = None,
) -> Outcome:
    """``derive crosscheck``: the catalog against PyTorch's autograd (exit 1 on a
    disagreement); ``progress(stage, done, total)`` as comparisons finish."""
    from derivations import api as library  # deferred: imports SymPy (see the module doc)

    result = library.crosscheck(names, points=points, progress=progress)
    return Outcome(library.format_crosscheck(result, fmt), OK if result.ok else UNEXPECTED)


def mlp(
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
) -> Outcome:
    """``derive mlp``: backpropagation's δ recursion proved for one network (exit 0 when
    every obligation is proved)."""
    from derivations import api  # deferred: imports SymPy (see the module doc)

    text, ok = api.mlp_text(
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
    return Outcome(text, OK if ok else UNEXPECTED)


def compile_book(out_dir: str) -> Outcome:
    """``derive notes DIR --format latex --pdf``: compile the book written to ``out_dir``."""
    from derivations import api  # deferred: imports SymPy (see the module doc)

    return Outcome(f"wrote {api.compile_book(out_dir)}\n")
