"""``pytest --derive``: notes and formula files as test items, run through pytester."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from notebook_tools import UNKNOWN_CONFTEST, cubes_notebook, json_line

# Imported here, before pytester snapshots sys.modules: the in-process runs then share these
# modules instead of importing SymPy a second time beside the first.
import derivations.checking.files
import derivations.checking.report
import derivations.integrations.github  # noqa: F401

pytest_plugins = ["pytester"]

NOTES = r"""# Notes

The sigmoid:

$$
\frac{d}{dx} \sigma(x) = \sigma(x)(1 - \sigma(x))
$$

and a mistake:

$$
\frac{d}{dx} x^3 = 3x
$$
"""

SWISH = (Path(__file__).parents[1] / "data" / "swish.toml").read_text(encoding="utf-8")


@pytest.fixture()
def notes(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makefile(".md", notes=NOTES)
    pytester.makefile(".toml", swish=SWISH)
    pytester.makefile(".toml", pyproject="[tool.other]\nkey = 1\n")
    return pytester


def test_off_without_the_flag(notes: pytest.Pytester) -> None:
    result = notes.runpytest("-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    result.stdout.no_fnmatch_line("*notes.md*")


def test_each_claim_is_an_item_named_by_file_and_line(notes: pytest.Pytester) -> None:
    result = notes.runpytest("--derive", "-v", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines(
        [
            "notes.md::notes.md:6 PASSED*",
            "notes.md::notes.md:12 FAILED*",
            # swish.toml: the closed form at its `derivative =` line, the claims at their tables
            "swish.toml::swish.toml:9 PASSED*",
            "swish.toml::swish.toml:18 PASSED*",
            "swish.toml::swish.toml:25 PASSED*",
        ]
    )
    result.stdout.no_fnmatch_line("*pyproject.toml::*")


def test_a_refuted_claim_fails_with_counterexample_and_correction(notes: pytest.Pytester) -> None:
    result = notes.runpytest("--derive", "-p", "no:cacheprovider", "notes.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "notes.md:12: d/dx [x^3] = 3*x",
            "verdict refuted, expected proved",
            "counterexample at x = *: left side *, right side *",
            "correct right side: 3*x^2",
        ]
    )


def test_junit_xml_comes_from_pytest(notes: pytest.Pytester) -> None:
    notes.runpytest("--derive", "-p", "no:cacheprovider", "--junitxml=report.xml")
    root = ElementTree.parse(notes.path / "report.xml").getroot()
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {
        "notes.md:6",
        "notes.md:12",
        "swish.toml:9",
        "swish.toml:18",
        "swish.toml:25",
    }
    failure = cases["notes.md:12"].find("failure")
    assert failure is not None and "correct right side: 3*x^2" in (failure.get("message") or "")
    verdicts = {
        name: [p.get("value") for p in case.iter("property") if p.get("name") == "verdict"]
        for name, case in cases.items()
    }
    assert verdicts["swish.toml:18"] == ["refuted"]  # expected refuted in the file: a pass
    assert verdicts["notes.md:6"] == ["proved"]


def test_unknown_is_a_skip_with_the_reason(notes: pytest.Pytester) -> None:
    # The items are not Python tests and take no fixtures: the conftest replaces the verifier
    # for the inner session only, and puts it back when the session ends.
    notes.makeconftest(UNKNOWN_CONFTEST)
    result = notes.runpytest("--derive", "-rs", "-p", "no:cacheprovider", "notes.md")
    result.assert_outcomes(skipped=2)
    result.stdout.fnmatch_lines(["SKIPPED [1] notes.md:6: derive: unknown: no method applies"])


def test_a_broken_formula_file_is_a_one_line_collection_error(notes: pytest.Pytester) -> None:
    notes.makefile(".toml", broken='[[formula]]\nname = "f"\ndefinition = "foo(x)"\n')
    result = notes.runpytest("--derive", "-p", "no:cacheprovider", "broken.toml")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["broken.toml: formula[0].definition:1:1: unknown function 'foo'"])
    result.stdout.no_fnmatch_line("*Traceback*")


def test_claims_are_verified_and_printed_in_their_workers(
    notes: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Printing a claim grows with it (issue 15): pytest's own process prints none."""
    import os

    from derivations.checking import report

    caller = os.getpid()
    printed = report.named_report

    def only_in_a_worker(*args: object) -> report.ClaimReport:
        assert os.getpid() != caller, "a claim was printed in pytest's own process"
        return printed(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "named_report", only_in_a_worker)
    result = notes.runpytest("--derive", "-p", "no:cacheprovider", "notes.md")
    result.assert_outcomes(passed=1, failed=1)


MYST = r"""# MyST

```{math}
:label: cube
\frac{d}{dx} x^3 = 3x^2
```

$$
\frac{d}{dx} x^2 = x
$$ (square)
"""


def test_notebooks_and_myst_are_collected_with_cell_and_line(pytester: pytest.Pytester) -> None:
    book = cubes_notebook()
    pytester.makefile(".ipynb", lesson=book)
    pytester.makefile(".md", myst=MYST)
    result = pytester.runpytest(
        "--derive", "-v", "-p", "no:cacheprovider", "--junitxml=r.xml", "-o", "junit_family=xunit1"
    )
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "lesson.ipynb::lesson.ipynb:cell 1:line 4 PASSED*",
            "lesson.ipynb::lesson.ipynb:cell 3:line 4 FAILED*",
            "myst.md::myst.md:5 PASSED*",
            "myst.md::myst.md:9 FAILED*",
        ]
    )
    result.stdout.fnmatch_lines(["lesson.ipynb:cell 3:line 4: d/dx [x^3] = 3*x"])
    root = ElementTree.parse(pytester.path / "r.xml").getroot()
    lines = {c.get("name"): c.get("line") for c in root.iter("testcase")}
    # xunit1 records the 0-based line of reportinfo: the JSON line of the cell's line, minus 1
    slip = json_line(book, "\\frac{d}{dx} x^3 = 3x\n")
    assert lines["lesson.ipynb:cell 3:line 4"] == str(slip - 1)
    assert lines["myst.md:9"] == "8"


def test_a_notebook_claim_is_skipped_at_itsjson_line(pytester: pytest.Pytester) -> None:
    book = cubes_notebook()
    pytester.makefile(".ipynb", lesson=book)
    pytester.makeconftest(UNKNOWN_CONFTEST)
    result = pytester.runpytest("--derive", "-rs", "-p", "no:cacheprovider", "lesson.ipynb")
    result.assert_outcomes(skipped=2)
    first = json_line(book, "\\frac{d}{dx} x^3 = 3x^2\n")
    shown = f"SKIPPED [1] lesson.ipynb:{first}: derive: unknown: no method applies"
    result.stdout.fnmatch_lines([shown])
