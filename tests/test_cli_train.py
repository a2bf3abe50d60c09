"""`caucbib train` builds a model from a corpus; parse then uses it (CAUCBIB_MODEL)."""

from __future__ import annotations

import json
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
