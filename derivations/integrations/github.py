"""``derive check --format github``: workflow annotations and a Markdown job summary.

Every claim whose verdict is not the expected one becomes one workflow command on stdout,
``::error file=F,line=L,title=T::MESSAGE`` (refuted or proved against the record) or
``::warning …`` (unknown), which GitHub shows at that line of the pull request. Claims of
notes and formula files carry their ``FILE:LINE``; a TOML claim's line is found by
:mod:`derivations.read.toml_lines`, a notebook claim's (``FILE:cell N:line M``) by
:mod:`derivations.read.notebook_lines`: the line of the ``.ipynb`` file's JSON where that line
of the cell's source is written, which is the line GitHub annotates in the file's diff; the
message starts with the claim's id, which names the cell and its line. Catalog claims have no
file in the user's repository: they are annotated without ``file=`` (GitHub lists them on the
run's summary page) and the message names the seed document and the place in it.

Escaping follows GitHub's rules for workflow commands (``@actions/core``): in the message
``%``, ``\\r`` and ``\\n`` become ``%25``, ``%0D`` and ``%0A``; in a property value (``file``,
``title``) ``:`` and ``,`` become ``%3A`` and ``%2C`` as well. Nothing here prints or writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from derivations.catalog.sources import titled
from derivations.checking.report import ClaimReport, Report
from derivations.read import notebook_lines, toml_lines

_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+)$")


def escape_data(text: str) -> str:
    r"""A workflow command's message.

    >>> escape_data("50% of\na\r")
    '50%25 of%0Aa%0D'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (``file=``, ``title=``).

    >>> escape_property("a:b, c%")
    'a%3Ab%2C c%25'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def split_location(location: str, claim_id: str) -> tuple[str | None, int | None]:
    """``(file, line)`` of a claim's location: ``FILE:LINE`` of notes, ``FILE: ID`` of TOML,
    ``FILE:cell N:line M`` of a notebook, whose line is the one of the ``.ipynb`` file (JSON)
    where that line of the cell is written: GitHub shows a notebook's changes by the lines of
    its file, and the message names the cell.

    An empty location (a catalog claim) has neither.
    """
    if not location:
        return None, None
    place = notebook_lines.notebook_place(location)
    if place is not None:
        return place.file, notebook_lines.file_line(place)
    found = _LINE.match(location)
    if found:
        return found["file"], int(found["line"])
    path = location.rsplit(": ", 1)[0]
    text = toml_lines.read_text(path)
    line = toml_lines.claim_lines(text).get(claim_id) if text is not None else None
    return path, line


def _point(claim: ClaimReport) -> str:
    cx = claim.counterexample
    if not cx:
        return ""
    point = cx.get("point")
    where = ", ".join(f"{k} = {v}" for k, v in point.items()) if isinstance(point, dict) else ""
    case = f" ({cx['case']})" if cx.get("case") else ""
    return f"at {where}{case}: left side {cx.get('lhs')}, right side {cx.get('rhs')}"


def message(claim: ClaimReport) -> str:
    """What went wrong with one claim, in plain text (several lines)."""
    lines = [f"{claim.id}: {claim.statement_text}"]
    lines.append(f"verdict {claim.verdict}, expected {claim.expected}")
    if claim.verdict == "refuted":
        point = _point(claim)
        if point:
            lines.append(f"counterexample {point}")
        if claim.correction_text:
            lines.append(f"correct right side: {claim.correction_text}")
        if claim.holds_under:
            lines.append(f"holds when: {claim.holds_under}")
    if claim.reason:
        lines.append(f"reason: {claim.reason}")
    if claim.where:
        lines.append(f"where: {claim.where}")
    if claim.sources:
        lines.append("source: " + "; ".join(titled(s) for s in claim.sources))
    return "\n".join(lines)


def _command(level: str, file: str | None, line: int | None, title: str, text: str) -> str:
    props = []
    if file is not None:
        props.append(f"file={escape_property(file)}")
        if line is not None:
            props.append(f"line={line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(text)}"


def annotation(claim: ClaimReport, location: str = "") -> str:
    """One workflow command for a claim whose verdict is not the expected one."""
    level = "warning" if claim.verdict == "unknown" else "error"
    file, line = split_location(location, claim.id)
    title = f"derive: {claim.verdict} (expected {claim.expected})"
    return _command(level, file, line, title, message(claim))


def unread_message(location: str, reason: str) -> str:
    """Why a display equation that states a derivative fails ``--strict``."""
    why = f": {reason}" if reason else ""
    return f"{location}: a display equation that states a derivative was not checked{why}"


def unread_annotation(location: str, reason: str) -> str:
    """Under ``--strict``, an error at a display equation that states a derivative and was
    skipped (mark it ``<!-- derive: skip -->`` to leave it out on purpose)."""
    file, line = split_location(location, "")
    title = "derive: not checked (--strict)"
    return _command("error", file, line, title, unread_message(location, reason))


def _summary_line(report: Report) -> str:
    s = report.summary()
    return (
        f"derive: {s['claims']} claims: {s['proved']} proved, {s['refuted']} refuted, "
        f"{s['unknown']} unknown; {s['as_expected']} as expected, {s['unexpected']} not."
    )


def workflow_commands(
    report: Report, locations: Sequence[str] = (), unread: Sequence[tuple[str, str]] = ()
) -> str:
    """The workflow commands of a check, then one plain summary line; ``unread`` (location and
    reason of each display equation that states a derivative and was skipped) are errors,
    given only under ``--strict``."""
    located = list(locations) or [""] * len(report.claims)
    pairs = zip(report.claims, located, strict=True)
    out = [annotation(c, loc) for c, loc in pairs if not c.as_expected]
    out.extend(unread_annotation(location, reason) for location, reason in unread)
    out.append(_summary_line(report))
    if unread:
        out.append(
            f"derive: --strict: {len(unread)} display equations that state a derivative "
            "were not checked."
        )
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def step_summary(
    report: Report, locations: Sequence[str] = (), unread: Sequence[tuple[str, str]] = ()
) -> str:
    """The job summary in GitHub Markdown: the counts, then a table of the unexpected verdicts
    and (under ``--strict``) a list of the display equations not checked."""
    s = report.summary()
    out = [
        "## derive check",
        "",
        "| claims | proved | refuted | unknown | as expected | not as expected |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {s['claims']} | {s['proved']} | {s['refuted']} | {s['unknown']} "
        f"| {s['as_expected']} | {s['unexpected']} |",
        "",
    ]
    located = list(locations) or [""] * len(report.claims)
    rows = [(c, loc) for c, loc in zip(report.claims, located, strict=True) if not c.as_expected]
    if unread:
        out += [f"Not checked (`--strict`): {len(unread)} display equations.", ""]
        out += [f"- {_cell(unread_message(loc, reason))}" for loc, reason in unread]
        out.append("")
    if not rows:
        out.append("Every verdict is the expected one.")
        return "\n".join(out) + "\n"
    out += [
        "| where | claim | verdict | expected | details |",
        "| --- | --- | --- | --- | --- |",
    ]
    for claim, location in rows:
        file, line = split_location(location, claim.id)
        where = f"{file}:{line}" if file and line else (file or "; ".join(claim.sources))
        details = message(claim).split("\n", 2)[2:] or [""]
        out.append(
            f"| {_cell(where)} | `{_cell(claim.id)}`: `{_cell(claim.statement_text)}` "
            f"| {claim.verdict} | {claim.expected} | {_cell(details[0])} |"
        )
    return "\n".join(out) + "\n"
