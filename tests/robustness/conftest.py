"""Helpers for the robustness suite: the real CLI (in-process and as a subprocess) and
library snapshots that tell whether a failed command changed anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from caucbib.cli import app
from caucbib.store import Library

REFERENCES = (
    "Qasımov, C., & Nağıyev, N. (2015). Milli təhlükəsizliyin əsasları. Bakı: Elm.\n"
    "Иванов И.И. История Закавказья. – М.: Наука, 1985. – 312 с.\n"
    "Yılmaz, A. (2012). Kafkasya'da sınırlar. İstanbul: Ötüken Yayınları.\n"
    "Brown, T. (2009). Pipelines and Power. Journal of Regional Studies, 12(3), 45–67.\n"
)
BIBTEX = (
    "@book{huseynov2001,\n  author = {Hüseynov, Rəşad},\n  title = {Şəki xanlığı},\n"
    "  publisher = {Elm},\n  address = {Bakı},\n  year = {2001}\n}\n"
)


@dataclass(frozen=True)
class Outcome:
    """What one CLI run did: exit code and the two streams."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def first_error_line(self) -> str:
        lines = self.stderr.splitlines()
        return lines[0] if lines else ""

    def assert_clean(self, code: int, first_line: str | None = None) -> None:
        """The documented exit code, no traceback, and (when given) the first stderr line."""
        assert "Traceback" not in self.stdout + self.stderr, self.stderr
        assert self.exit_code == code, (self.exit_code, self.stderr[-2000:])
        if first_line is not None:
            assert self.first_error_line.startswith(first_line), self.stderr[:2000]


def run_cli(library: Path | str, *args: str, stdin: str | bytes | None = None) -> Outcome:
    """Run ``caucbib --library LIBRARY ARGS`` in this process (typer's CliRunner)."""
    result = CliRunner().invoke(app, ["--library", str(library), *args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Outcome(result.exit_code, result.stdout, result.stderr)


def subprocess_cli(library: Path | str, *args: str, timeout: float = 120) -> Outcome:
    """Run ``python -m caucbib --library LIBRARY ARGS`` as a real process."""
    done = subprocess.run(
        [sys.executable, "-m", "caucbib", "--library", str(library), *args],
        capture_output=True, text=True, timeout=timeout, env=child_env(),
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CAUCBIB_DEBUG", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parents[2]),
                                                      env.get("PYTHONPATH")]))
    return env


def snapshot(library: Path | str) -> dict[str, Any]:
    """Everything a user could lose: counts, documents, occurrences and every record's CSL."""
    with Library(library) as lib:
        return {
            "counts": lib.counts(),
            "documents": [(d.name, d.source, d.content_hash, d.references)
                          for d in lib.documents()],
            "occurrences": [(o.doc, o.position, o.raw, o.record_id)
                            for o, _ in lib.all_occurrences()],
            "records": sorted(json.dumps(r.to_csl(), sort_keys=True, ensure_ascii=False)
                              for r in lib.records()),
        }


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A library holding one ingested reference list and one imported .bib file."""
    library = tmp_path / "seeded.sqlite"
    refs = tmp_path / "seed-refs.txt"
    refs.write_text(REFERENCES, encoding="utf-8")
    bib = tmp_path / "seed.bib"
    bib.write_text(BIBTEX, encoding="utf-8")
    run_cli(library, "ingest", "--lines", str(refs)).assert_clean(0)
    run_cli(library, "import", str(bib)).assert_clean(0)
    with Library(library) as lib:
        assert lib.counts()["occurrences"] == 5
    return library
