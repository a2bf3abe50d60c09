"""`caucbib train` builds a model from a corpus; parse then uses it (CAUCBIB_MODEL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucbib.cli import app

LINES = [
    {"id": f"t-{i}", "lang": "en", "style": "apa", "type": "book", "language": "en",
     "tagged": f"<author>Smith{i}, J.</author> (<issued>{1990 + i}</issued>). "
               f"<title>Book number {i}</title>. <publisher-place>London</publisher-place>: "
               f"<publisher>Routledge</publisher>."}
    for i in range(30)
]


def test_train_then_parse_with_the_new_model(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text("\n".join(json.dumps(x) for x in LINES) + "\n", encoding="utf-8")
    model = tmp_path / "model" / "parser.crfsuite"
    result = CliRunner().invoke(app, ["train", str(corpus), "-o", str(model), "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)[0]
    assert report["train"] + report["held_out"] == 30
    assert model.is_file()
    monkeypatch.setenv("CAUCBIB_MODEL", str(model))
    parsed = CliRunner().invoke(app, ["parse", "-", "-f", "csl-json"],
                                input="Jones7, K. (1999). Another book. London: Routledge.\n")
    assert parsed.exit_code == 0, parsed.output
    item = json.loads(parsed.stdout)[0]
    assert item["publisher"] == "Routledge"
    assert item["issued"]["date-parts"][0][0] == 1999


def test_train_rejects_a_malformed_corpus_line(tmp_path: Path) -> None:
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text(json.dumps(LINES[0]) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", str(corpus), "-o", str(tmp_path / "m.crfsuite")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "bad.jsonl" in result.stderr and "2" in result.stderr


@pytest.mark.parametrize("damage", ["truncated", "not a model"])
def test_a_damaged_model_is_a_clear_error(tmp_path: Path, damage: str) -> None:
    """A damaged model file is one Error: line and exit 1 (CRFsuite itself would crash on a
    truncated file, so the check runs in its own process)."""
    from caucbib.parse.labeller import bundled_model_path

    bad = tmp_path / "parser.crfsuite"
    bundled = bundled_model_path().read_bytes()
    bad.write_bytes(bundled[:2000] if damage == "truncated" else b"x\n")
    refs = tmp_path / "refs.txt"
    refs.write_text("Smith, J. (1990). A book. London: Routledge.\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", "from caucbib.cli import main; main()", "parse", str(refs)],
        capture_output=True, text=True, env={**os.environ, "CAUCBIB_MODEL": str(bad)},
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.startswith("Error: cannot open the parser model")
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
