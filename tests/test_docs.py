"""The README documents every command, and starts with the two fresh-machine commands."""

from __future__ import annotations

import re
import subprocess
import sys

from caucbib.cli import app
from tests.conftest import REPO


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme_reference() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    reference = readme.split("## Command reference", 1)[1]
    missing = [c for c in _commands() if not re.search(rf"^\| `{c}\b", reference, re.MULTILINE)]
    assert missing == []


def test_readme_starts_with_exactly_two_command_blocks() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    head = readme.split("## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", head, re.DOTALL)
    assert len(blocks) == 2
    assert "ingest refs/" in blocks[0] and "export --all" in blocks[0]
    assert "pytest" in blocks[1]


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "caucbib", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("caucbib ")
