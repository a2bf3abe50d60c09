"""The tagged corpus format: spans, bad lines, the deterministic split, training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caucbib.errors import CaucbibError
from caucbib.parse import load_corpus, train
from caucbib.parse.corpus import is_held_out, parse_tagged
from caucbib.parse.labeller import label_tokens
from caucbib.parse.tokens import tokenize

BOOTSTRAP = Path(__file__).resolve().parents[2] / "training" / "bootstrap.jsonl"


def test_tags_are_removed_and_spans_point_into_the_text() -> None:
    text, spans = parse_tagged("<author>Əliyev R.</author> <title>Qala</title>. <issued>1990</issued>")
    assert text == "Əliyev R. Qala. 1990"
    assert [(lab, text[s:e]) for lab, s, e in spans] == [
        ("author", "Əliyev R."), ("title", "Qala"), ("issued", "1990")]


def test_literal_angle_brackets_are_text() -> None:
    text, spans = parse_tagged("<title>a < b > c</title>")
    assert text == "a < b > c" and spans == (("title", 0, 9),)


@pytest.mark.parametrize(
    ("line", "message"),
    [('{"id": "x-1", "tagged": "<title>A<issued>1</issued></title>"}', "never nest"),
     ('{"id": "x-1", "tagged": "<title>A"}', "never closed"),
     ('{"id": "x-1", "tagged": "A</title>"}', "closes nothing"),
     ('{"id": "x-1"}', "tagged"),
     ("not json", "bad corpus line")],
)
def test_bad_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok-1", "tagged": "<title>Fine</title>"}\n' + line + "\n", "utf-8")
    with pytest.raises(CaucbibError) as err:
        load_corpus([path])
    assert f"{path}:2" in err.value.message and message in err.value.message


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    row = json.dumps({"id": "d-1", "tagged": "<title>T</title>"})
    path.write_text(row + "\n" + row + "\n", "utf-8")
    with pytest.raises(CaucbibError, match="already used"):
        load_corpus([path])


def test_bootstrap_corpus_loads() -> None:
    refs = load_corpus([BOOTSTRAP])
    assert len(refs) >= 40
    assert {r.lang for r in refs} == {"az", "tr", "ru", "en"}


def test_split_depends_only_on_the_id() -> None:
    ids = [f"hw-az-{i:04d}" for i in range(400)]
    held = [i for i in ids if is_held_out(i, 0.1)]
    assert 15 < len(held) < 70
    assert held == [i for i in ids if is_held_out(i, 0.1)]


def test_training_is_reproducible_and_the_model_labels(tmp_path: Path) -> None:
    first = train([BOOTSTRAP], tmp_path / "a" / "m.crfsuite", holdout=0.2)
    second = train([BOOTSTRAP], tmp_path / "b" / "m.crfsuite", holdout=0.2)
    assert first.held_out_ids == second.held_out_ids and first.n_holdout > 0
    assert first.n_train + first.n_holdout == len(load_corpus([BOOTSTRAP]))
    tokens = tokenize("Quliyev A.A. Qədim Şirvan. Bakı: Elm, 1999.")
    assert label_tokens(tokens, first.model_path) == label_tokens(tokens, second.model_path)
    assert (tmp_path / "a" / "type.crfsuite").exists()


def test_empty_corpus_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n", "utf-8")
    with pytest.raises(CaucbibError, match="empty"):
        train([path], tmp_path / "m.crfsuite")
