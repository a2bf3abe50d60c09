"""`caucbib check` on the test manuscripts: exactly the planted problems, exit 3; fixed, exit 0."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from caucbib.cli import app
from tests.conftest import REPO

DATA = REPO / "tests" / "manuscript" / "data"


def _run(library: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--library", str(library), *args])


def test_check_reports_the_planted_problems_then_passes_when_fixed(library_path: Path) -> None:
    assert _run(library_path, "ingest", str(DATA / "manuscript-problems.txt"),
                str(DATA / "manuscript-fixed.txt")).exit_code == 0
    result = _run(library_path, "check", "manuscript-problems", "--format", "json")
    assert result.exit_code == 3
    problems = {(p["kind"], p["citation"], p["reference"]) for p in json.loads(result.stdout)}
    assert problems == {
        ("spelling", "(Hasanov, 2017; Brown & Lee, 2020)", 2),
        ("year-mismatch", "Qasımov (2014)", 3),
        ("ambiguous", "(Quliyev, 2018)", None),
        ("no-reference", "(Mammadli, 2012)", None),
        ("never-cited", None, 10),
    }
    table = _run(library_path, "check", "manuscript-problems", "--format", "table")
    assert table.exit_code == 3
    assert "cites 'Hasanov', but reference 2 spells it 'Həsənov'" in table.stdout
    fixed = _run(library_path, "check", "manuscript-fixed", "--format", "json")
    assert fixed.exit_code == 0
    assert json.loads(fixed.stdout) == []


def test_check_of_an_unknown_document_is_an_error(library_path: Path) -> None:
    result = _run(library_path, "check", "nope")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no document named 'nope'")
