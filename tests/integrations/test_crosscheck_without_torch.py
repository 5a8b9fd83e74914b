"""``derive crosscheck`` without PyTorch: one line and exit 2 (runs with or without torch)."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner
from derivations.cli.main import cli


def test_missing_torch_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` raise ImportError
    result = CliRunner().invoke(cli, ["crosscheck", "relu"])
    assert result.exit_code == 2
    assert result.output == (
        'derive: error: PyTorch is not installed: pip install "derive-nn[torch]" '
        "(tested with torch 2.13.0, CPU)\n"
    )
