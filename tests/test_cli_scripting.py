"""Scripting ergonomics: JSON from every read command, no ANSI codes when piped, stderr vs stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucbib.cli import app
from tests.conftest import REFS

READ_COMMANDS = [("docs",), ("list",), ("dedupe",), ("styles", "no-such-style-zzz"), ("doctor",)]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_print_an_empty_json_array_on_an_empty_library(
    library_path: Path, command: tuple[str, ...]
) -> None:
    result = CliRunner().invoke(app, ["--library", str(library_path), *command, "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_list_in_every_row_format(library_path: Path, fmt: str) -> None:
    runner = CliRunner()
    runner.invoke(
        app, ["--library", str(library_path), "ingest", str(REFS / "csto-karabakh-footnotes.txt")]
    )
    result = runner.invoke(app, ["--library", str(library_path), "list", "-f", fmt])
    assert result.exit_code == 0
    if fmt == "json":
        assert len(json.loads(result.stdout)) == 10
    elif fmt == "jsonl":
        assert len([json.loads(x) for x in result.stdout.splitlines()]) == 10
    elif fmt == "csv":
        assert result.stdout.splitlines()[0].startswith("doc,position,id,type")
        assert len(result.stdout.splitlines()) == 11
    else:
        assert "Galoyan" in result.stdout


def test_piped_output_has_no_ansi_codes_and_messages_go_to_stderr(tmp_path: Path) -> None:
    env = {**os.environ, "CAUCBIB_LIBRARY": str(tmp_path / "lib.sqlite")}
    env.pop("NO_COLOR", None)
    env["FORCE_COLOR"] = ""
    run = [sys.executable, "-m", "caucbib"]
    ingest = subprocess.run(
        [*run, "ingest", str(REFS / "south-caucasus-organisations.txt")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert ingest.stdout == ""
    assert "19 references" in ingest.stderr
    for args in (
        ["list"],
        ["docs", "-f", "table"],
        ["list", "-f", "table"],
        ["export", "--doc", "south-caucasus-organisations", "--style", "apa"],
    ):
        done = subprocess.run([*run, *args], capture_output=True, text=True, env=env, check=True)
        assert "\x1b[" not in done.stdout and "\x1b[" not in done.stderr, args
        assert done.stdout.strip()
    listed = subprocess.run([*run, "list"], capture_output=True, text=True, env=env, check=True)
    assert len([json.loads(x) for x in listed.stdout.splitlines()]) == 19  # jsonl when piped


def test_quiet_silences_messages(library_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--library",
            str(library_path),
            "--quiet",
            "ingest",
            str(REFS / "csto-karabakh-footnotes.txt"),
        ],
    )
    assert result.exit_code == 0 and result.stderr == ""
