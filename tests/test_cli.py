"""The CLI contract, through typer's CliRunner: commands, formats, errors, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from typer.testing import CliRunner

from caucbib.cli import app
from caucbib.store import Library
from tests.conftest import REFS

ORG = REFS / "south-caucasus-organisations.txt"
NOTES = REFS / "csto-karabakh-footnotes.txt"


@pytest.fixture
def run(library_path: Path):  # type: ignore[no-untyped-def]
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["--library", str(library_path), *args], input=stdin)

    return invoke


def test_parse_prints_one_csl_item_per_non_empty_line_in_order(run, tmp_path: Path) -> None:
    refs = tmp_path / "refs.txt"
    refs.write_text(
        "Buzan, B. (1997). Security: A New Framework for Analysis. Boulder: Lynne Rienner.\n\n"
        "Иванов И.И. История Кавказа. – М.: Наука, 1985. – 312 с.\n"
        "   \n"
        "@@@ ### !!!\n", encoding="utf-8")
    result = run("parse", str(refs), "--format", "csl-json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 3
    assert all(item["id"] and item["type"] for item in items)
    assert items[0]["custom"]["raw"].startswith("Buzan")
    assert items[1]["custom"]["raw"].startswith("Иванов")
    assert items[2]["custom"]["raw"] == "@@@ ### !!!"


def test_parse_reads_stdin_and_jsonl(run) -> None:
    result = run("parse", "-", "--format", "jsonl",
                 stdin="Smith, J. (2005). Borders. London: Routledge.\nKaya, A. (2010). Kafkasya.\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2 and lines[0]["issued"]["date-parts"][0][0] == 2005


def test_parse_bibtex_is_read_back_without_failed_blocks(run) -> None:
    result = run("parse", str(ORG.parent / "south-caucasus-organisations.txt"), "-f", "bibtex")
    assert result.exit_code == 0, result.output
    parsed = bibtexparser.parse_string(result.stdout)
    assert not parsed.failed_blocks
    assert len(parsed.entries) >= 19  # the heading line is parsed as one more line


def test_extract_finds_the_list_and_says_when_there_is_none(run, tmp_path: Path) -> None:
    result = run("extract", str(ORG), "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 19 and rows[0]["position"] == 1
    prose = tmp_path / "prose.txt"
    prose.write_text("An essay that cites nothing.\n", encoding="utf-8")
    result = run("extract", str(prose), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "no reference list found" in result.stderr


def test_ingest_is_idempotent_and_lists_documents(run, library_path: Path) -> None:
    assert run("ingest", str(ORG), str(NOTES)).exit_code == 0
    with Library(library_path) as lib:
        before = lib.counts()
    result = run("ingest", str(ORG), str(NOTES))
    assert result.exit_code == 0
    assert "unchanged" in result.stderr
    with Library(library_path) as lib:
        assert lib.counts() == before
    docs = json.loads(run("docs", "--format", "json").stdout)
    assert {(d["name"], d["references"]) for d in docs} == {
        ("south-caucasus-organisations", 19), ("csto-karabakh-footnotes", 10)}


def test_reingesting_a_changed_document_replaces_its_references(run, tmp_path: Path) -> None:
    doc = tmp_path / "paper.txt"
    doc.write_text("References\nSmith, J. (2005). One. London: Routledge.\n"
                   "Kaya, A. (2010). İki. Ankara: TTK.\n", encoding="utf-8")
    assert run("ingest", str(doc)).exit_code == 0
    doc.write_text("References\nKaya, A. (2010). İki. Ankara: TTK.\n", encoding="utf-8")
    result = run("ingest", str(doc))
    assert "replaced" in result.stderr
    rows = json.loads(run("list", "--doc", "paper", "--format", "json").stdout)
    assert [r["position"] for r in rows] == [1]
    assert rows[0]["title"] is not None


def test_list_show_and_export_csl_json(run) -> None:
    run("ingest", str(ORG), "--doc", "org")
    rows = json.loads(run("list", "--doc", "org", "--format", "json").stdout)
    assert len(rows) == 19
    shown = json.loads(run("show", rows[0]["id"], "--format", "json").stdout)
    assert shown["occurrences"][0]["doc"] == "org"
    exported = json.loads(run("export", "--doc", "org", "--format", "csl-json").stdout)
    assert len(exported) == 19
    assert all(item["id"] and item["type"] for item in exported)


def test_export_all_writes_one_bib_per_document(run, tmp_path: Path) -> None:
    run("ingest", str(ORG), str(NOTES))
    out = tmp_path / "bib"
    result = run("export", "--all", "--format", "bibtex", "-o", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["csto-karabakh-footnotes.bib", "south-caucasus-organisations.bib"]
    for file in out.iterdir():
        parsed = bibtexparser.parse_string(file.read_text("utf-8"))
        assert not parsed.failed_blocks and parsed.entries


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("parse", "missing.txt"), "Error: file not found: missing.txt"),
        (("export", "--doc", "nope", "--format", "bibtex"), "Error: no document named 'nope'"),
        (("show", "r000000000000"), "Error: no record with id"),
    ],
)
def test_errors_are_one_line_exit_1_no_traceback(run, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


def test_undecodable_and_binary_files(run, tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Məmmədov".encode() + b" \xff\xfe broken")
    result = run("ingest", str(bad))
    assert result.exit_code == 1
    assert "not valid UTF-8: undecodable byte at offset 11" in result.stderr
    binary = tmp_path / "img.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run("parse", str(binary))
    assert result.exit_code == 1 and "binary" in result.stderr
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(run) -> None:
    result = run("export", "--format", "bibtex")
    assert result.exit_code == 2
    assert "give either --doc NAME or --all" in result.stderr


def test_import_keeps_good_entries_and_reports_bad_ones(run, tmp_path: Path) -> None:
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@book{a, author={Məmmədov, Əli and {World Bank}}, title={Milli siyasət}, year={2015}}\n"
        "@article{b, author = {Smith, John}, title = {Borders, year = 2001\n"
        "@article{c, author={Иванов, Иван}, title={История}, journal={Вопросы истории}, year={1999}}\n",
        encoding="utf-8")
    result = run("import", str(bib))
    assert result.exit_code == 4
    assert "line 2:" in result.stderr
    rows = json.loads(run("list", "--doc", "mine", "--format", "json").stdout)
    assert [r["title"] for r in rows] == ["Milli siyasət", "История"]
    assert rows[0]["authors"] == ["Məmmədov, Əli", "World Bank"]
