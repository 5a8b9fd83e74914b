"""Shell completion through click's own completion machinery."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.shell_completion import ShellComplete
from derivations.cli.main import cli


def complete(args: list[str], incomplete: str) -> list[str]:
    return [
        c.value
        for c in ShellComplete(cli, {}, "derive", "_DERIVE_COMPLETE").get_completions(
            args, incomplete
        )
    ]


def test_the_first_word_completes_commands_and_formula_names() -> None:
    from derivations.catalog import CATALOG

    names = {*CATALOG, *(a for f in CATALOG.values() for a in f.aliases)}
    assert complete([], "c") == [
        "check",
        "crosscheck",
        *sorted(n for n in names if n.startswith("c")),
    ]
    assert "cross_entropy_mean" in complete([], "c")
    assert complete([], "sig") == sorted(n for n in names if n.startswith("sig"))


def test_show_and_crosscheck_complete_names_and_aliases() -> None:
    from derivations.catalog import CATALOG

    names = {*CATALOG, *(a for f in CATALOG.values() for a in f.aliases)}
    assert complete(["show"], "leaky") == sorted(n for n in names if n.startswith("leaky"))
    assert {"leaky-relu", "leaky_relu"} <= set(complete(["show"], "leaky"))
    soft = complete(["crosscheck", "relu"], "soft")
    assert soft == sorted(n for n in names if n.startswith("soft"))
    assert {"softmax", "softmax_ce", "softplus"} <= set(soft)


def test_options_still_complete() -> None:
    assert "--format" in complete(["check"], "--f")


def test_bash_script_is_emitted() -> None:
    from click.testing import CliRunner

    env = {"_DERIVE_COMPLETE": "bash_source"}
    result = CliRunner().invoke(cli, [], prog_name="derive", env=env)
    assert result.exit_code == 0
    assert "_derive_completion()" in result.output


def test_after_derive_list_a_tab_answers_from_the_cache_without_sympy(tmp_path: Path) -> None:
    env = {**os.environ, "DERIVE_CACHE_DIR": str(tmp_path / "cache")}
    listed = subprocess.run(
        [sys.executable, "-m", "derivations", "list"], env=env, cwd=tmp_path, check=True
    )
    assert listed.returncode == 0
    probe = (
        "import sys\n"
        "from click.shell_completion import ShellComplete\n"
        "from derivations.cli.main import cli\n"
        "done = ShellComplete(cli, {}, 'derive', '_DERIVE_COMPLETE').get_completions([], 'sig')\n"
        "print(' '.join(c.value for c in done))\n"
        "print('sympy' in sys.modules, 'derivations.catalog' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    names, imported = done.stdout.splitlines()
    assert {"sigmoid", "sigma"} <= set(names.split())
    assert imported == "False False"
