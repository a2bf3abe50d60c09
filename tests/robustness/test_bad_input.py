"""Bad input through the real CLI: a clear ``Error: …``, the documented exit code, no
traceback, and a library that holds exactly what it held before."""

from __future__ import annotations

import os
import random
import stat
import time
from pathlib import Path

import pytest

from caucbib.store import Library
from tests.robustness.conftest import run_cli, snapshot, subprocess_cli


def _random_bytes(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size)


# -- documents that are not text ------------------------------------------------------
@pytest.mark.parametrize(
    ("command", "payload"),
    [
        pytest.param(("ingest",), _random_bytes(4000), id="ingest-random-bytes"),
        pytest.param(("ingest", "--lines"), b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 600,
                     id="ingest-lines-elf-header"),
        pytest.param(("import",), b"\x89PNG\r\n\x1a\n" + _random_bytes(2000),
                     id="import-png"),
        pytest.param(("ingest",), b"%PDF-1.4\n" + _random_bytes(3000), id="ingest-broken-pdf"),
        pytest.param(("ingest",), b"PK\x03\x04" + _random_bytes(3000), id="ingest-zip-not-docx"),
    ],
)
def test_binary_files_are_refused_and_change_nothing(
    seeded: Path, tmp_path: Path, command: tuple[str, ...], payload: bytes
) -> None:
    before = snapshot(seeded)
    target = tmp_path / "blob.dat"
    target.write_bytes(payload)
    run_cli(seeded, *command, str(target)).assert_clean(1, "Error: ")
    assert snapshot(seeded) == before


def test_binary_on_stdin_is_refused(seeded: Path) -> None:
    before = snapshot(seeded)
    run_cli(seeded, "ingest", "-", stdin=_random_bytes(5000)).assert_clean(1, "Error: <stdin>")
    assert snapshot(seeded) == before


# -- empty and whitespace-only files ---------------------------------------------------
@pytest.mark.parametrize("content", [b"", b"\n\n  \t\n", b"\xef\xbb\xbf"],
                         ids=["empty", "blank-lines", "bom-only"])
def test_empty_documents_keep_the_library(seeded: Path, tmp_path: Path, content: bytes) -> None:
    before = snapshot(seeded)
    empty = tmp_path / "nothing.txt"
    empty.write_bytes(content)
    outcome = run_cli(seeded, "ingest", str(empty))
    outcome.assert_clean(0, "nothing: 0 references")
    after = snapshot(seeded)
    assert after["records"] == before["records"]
    assert after["occurrences"] == before["occurrences"]
    parsed = run_cli(seeded, "parse", str(empty), "--format", "csl-json")
    parsed.assert_clean(0)
    assert parsed.stdout.strip() == "[]"


def test_empty_bibliography_import_is_an_error(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    empty = tmp_path / "empty.bib"
    empty.write_bytes(b"")
    run_cli(seeded, "import", str(empty)).assert_clean(1, "Error: cannot tell the bibliography")
    assert snapshot(seeded) == before


# -- huge inputs ---------------------------------------------------------------------
def test_ten_megabyte_line_is_handled_quickly(seeded: Path, tmp_path: Path) -> None:
    """The parser labels the first few thousand characters of an over-long "reference"."""
    before = snapshot(seeded)
    line = ("Məmmədov Ə. Tarix. Bakı, 2001. " * 340_000)[:10_000_000]
    huge = tmp_path / "huge.txt"
    huge.write_text(line + "\n", encoding="utf-8")
    start = time.perf_counter()
    outcome = run_cli(seeded, "ingest", "--lines", str(huge))
    assert time.perf_counter() - start < 30
    outcome.assert_clean(0, "huge: 1 references")
    after = snapshot(seeded)
    assert set(before["records"]) <= set(after["records"])
    assert after["counts"]["occurrences"] == before["counts"]["occurrences"] + 1


def test_two_megabyte_document_without_a_list(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    huge = tmp_path / "prose.txt"
    huge.write_text("word " * 400_000, encoding="utf-8")  # 2 MB; benchmarks/ times 10 MB
    run_cli(seeded, "ingest", str(huge)).assert_clean(0, "prose: 0 references")
    assert snapshot(seeded)["records"] == before["records"]


def test_hundred_thousand_line_ris_import(seeded: Path, tmp_path: Path) -> None:
    entries = [f"TY  - BOOK\nAU  - Əliyev, R.\nTI  - Cild {i}\nPY  - 1999\nER  - \n"
               for i in range(20_000)]
    big = tmp_path / "big.ris"
    big.write_text("".join(entries), encoding="utf-8")
    assert len(big.read_text(encoding="utf-8").splitlines()) == 100_000
    before = snapshot(seeded)
    run_cli(seeded, "import", str(big)).assert_clean(0, "big: 20000 entries (added)")
    with Library(seeded) as lib:
        assert lib.counts()["occurrences"] == before["counts"]["occurrences"] + 20_000
        kept = [(o.doc, o.position, o.raw, o.record_id) for o, _ in lib.all_occurrences()
                if o.doc != "big"]
    assert kept == before["occurrences"]


def test_hundred_thousand_line_document_without_a_list(seeded: Path, tmp_path: Path) -> None:
    big = tmp_path / "notes.txt"
    big.write_text("".join(f"Note {i}: a remark on the text.\n" for i in range(100_000)),
                   encoding="utf-8")
    before = snapshot(seeded)
    start = time.perf_counter()
    run_cli(seeded, "ingest", str(big)).assert_clean(0, "notes: ")
    assert time.perf_counter() - start < 30
    assert set(before["records"]) <= set(snapshot(seeded)["records"])


# -- control characters and encodings --------------------------------------------------
def test_a_page_of_control_bytes_is_refused(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(1, 32)) * 50)
    run_cli(seeded, "ingest", "--lines", str(junk)).assert_clean(1, "Error: ")
    assert snapshot(seeded) == before


def test_stray_control_characters_inside_references_are_kept_as_text(
    seeded: Path, tmp_path: Path
) -> None:
    refs = tmp_path / "stray.txt"
    refs.write_text("Kaya, A. (2010).\x1b Kafkasya\x07 tarihi. İstanbul: Ötüken.\n"
                    "Hüseynov, R. (2001). Şəki\x08 xanlığı. Bakı: Elm.\n", encoding="utf-8")
    run_cli(seeded, "ingest", "--lines", str(refs)).assert_clean(0, "stray: 2 references")
    exported = run_cli(seeded, "export", "--doc", "stray", "--format", "bibtex")
    exported.assert_clean(0)
    assert "@book" in exported.stdout


def test_form_feed_inside_a_line_does_not_split_the_reference(
    seeded: Path, tmp_path: Path
) -> None:
    refs = tmp_path / "ff.txt"
    refs.write_text("Smith, J. (2001). Borders\x0c and seas. London: Routledge.\n"
                    "Kaya, A. (2010).\x0b Kafkasya. İstanbul: Ötüken.\n"
                    "Brown, T. (2009). Pipelines\u2028and Power. London: Verso.\n",
                    encoding="utf-8")
    run_cli(seeded, "ingest", "--lines", str(refs)).assert_clean(0, "ff: 3 references")


def test_mixed_encodings_name_the_offset_and_change_nothing(
    seeded: Path, tmp_path: Path
) -> None:
    before = snapshot(seeded)
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Əliyev R. Tarix. Bakı, 2001.\n".encode()
                      + "Иванов И.И. История. М.: Наука, 1985.\n".encode("cp1251"))
    outcome = run_cli(seeded, "ingest", "--lines", str(mixed))
    outcome.assert_clean(1, "Error: ")
    assert "offset" in outcome.first_error_line and "--encoding" in outcome.stderr
    assert snapshot(seeded) == before


@pytest.mark.parametrize(
    ("codec", "text"),
    [
        pytest.param("cp1251", "Иванов И.И. История Закавказья. – М.: Наука, 1985.", id="cp1251"),
        pytest.param("cp1254", "Yılmaz, A. (2012). Kafkasya'da sınırlar. İstanbul: Ötüken.",
                     id="cp1254"),
        pytest.param("utf-16", "Qasımov, C. (2015). Milli təhlükəsizlik. Bakı: Elm.", id="utf16"),
    ],
)
def test_legacy_encodings_are_read(tmp_path: Path, codec: str, text: str) -> None:
    source = tmp_path / "legacy.txt"
    source.write_bytes((text + "\n").encode(codec))
    library = tmp_path / "lib.sqlite"
    run_cli(library, "ingest", "--lines", str(source)).assert_clean(0, "legacy: 1 references")
    assert snapshot(library)["occurrences"][0][2] == text


def test_unknown_encoding_is_an_error(seeded: Path, tmp_path: Path) -> None:
    refs = tmp_path / "r.txt"
    refs.write_text("Kaya, A. (2010). Kafkasya.\n", encoding="utf-8")
    run_cli(seeded, "ingest", "--encoding", "klingon-8", str(refs)).assert_clean(
        1, "Error: unknown text encoding")


# -- malformed bibliographies ---------------------------------------------------------
MALFORMED_BIB = (
    "@book{good1,\n  title = {Birinci kitab},\n  year = {2001}\n}\n"
    "\n"
    "@book{broken,\n  title = {Açıq qalan mötərizə,\n  year = 2001\n"
    "\n"
    "@article{good2,\n  title = {İkinci məqalə},\n  author = {Kaya, A.}\n}\n"
)


def test_partial_bibtex_import_keeps_the_good_entries_with_line_numbers(
    seeded: Path, tmp_path: Path
) -> None:
    before = snapshot(seeded)
    bib = tmp_path / "partial.bib"
    bib.write_text(MALFORMED_BIB, encoding="utf-8")
    outcome = run_cli(seeded, "import", str(bib))
    outcome.assert_clean(4)
    assert "partial: 2 entries (added)" in outcome.stderr
    assert "line 6:" in outcome.stderr
    after = snapshot(seeded)
    assert set(before["records"]) <= set(after["records"])
    titles = {o[2] for o in after["occurrences"] if o[0] == "partial"}
    assert any("Birinci kitab" in t for t in titles) and any("İkinci məqalə" in t for t in titles)


def test_partial_bibtex_import_reports_first(seeded: Path, tmp_path: Path) -> None:
    bib = tmp_path / "partial.bib"
    bib.write_text(MALFORMED_BIB, encoding="utf-8")
    subprocess_cli(seeded, "import", str(bib)).assert_clean(4, "partial: 2 entries")


def test_a_fully_broken_reimport_keeps_the_old_document(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    bib = tmp_path / "seed.bib"  # the same document name as the seeded import
    bib.write_text("@book{a,\n title = {never closed,\n year = 2001\n", encoding="utf-8")
    run_cli(seeded, "import", str(bib)).assert_clean(1)
    assert snapshot(seeded) == before


def test_partial_ris_import(seeded: Path, tmp_path: Path) -> None:
    ris = tmp_path / "partial.ris"
    ris.write_text("TY  - BOOK\nTI  - Birinci\nPY  - 2001\nER  - \n"
                   "TY  - NOSUCHTYPE\nTI  - Qəribə\nER  - \n"
                   "TY  - JOUR\nTI  - İkinci\nJO  - Jurnal\nER  - \n", encoding="utf-8")
    outcome = run_cli(seeded, "import", str(ris))
    assert outcome.exit_code in (0, 4)
    outcome.assert_clean(outcome.exit_code, "partial: ")
    titles = {r for _, _, r, _ in snapshot(seeded)["occurrences"]}
    assert any("Birinci" in t for t in titles) and any("İkinci" in t for t in titles)


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        pytest.param('[{"type": "book", "title": "ok"}, {"title": ', "Error: CSL-JSON is not "
                     "valid JSON (line 1", id="truncated"),
        pytest.param("[1, 2]", "Error: ", id="no-item-is-an-object"),
        pytest.param("TY  - BOOK\nTI  - unfinished", None, id="ris-without-end"),
    ],
)
def test_malformed_files_give_one_clear_line(
    seeded: Path, tmp_path: Path, text: str, first_line: str | None
) -> None:
    before = snapshot(seeded)
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    outcome = run_cli(seeded, "import", str(path))
    assert "Traceback" not in outcome.stderr
    if first_line is None:  # lenient reading is fine, as long as it says what it kept
        assert outcome.exit_code in (0, 1, 4)
        assert outcome.first_error_line.startswith(("bad: ", "Error: "))
        return
    outcome.assert_clean(1, first_line)
    after = snapshot(seeded)
    assert (after["records"], after["occurrences"]) == (before["records"], before["occurrences"])


def test_csl_json_items_that_are_not_objects_are_reported_by_line(
    seeded: Path, tmp_path: Path
) -> None:
    path = tmp_path / "items.json"
    path.write_text('[\n{"type": "book", "title": "Birinci"},\n7,\n'
                    '{"type": "book", "title": "İkinci"}\n]\n', encoding="utf-8")
    outcome = run_cli(seeded, "import", str(path))
    outcome.assert_clean(4, "items: 2 entries (added)")
    assert "line 3:" in outcome.stderr


# -- names and paths -----------------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [("export", "--doc", "nope"), ("list", "--doc", "nope"), ("show", "r000000000000")],
    ids=["export", "list", "show"],
)
def test_unknown_names_are_clear_errors(seeded: Path, args: tuple[str, ...]) -> None:
    before = snapshot(seeded)
    run_cli(seeded, *args).assert_clean(1, "Error: no ")
    assert snapshot(seeded) == before


def test_missing_input_file_and_folder_as_input(seeded: Path, tmp_path: Path) -> None:
    run_cli(seeded, "ingest", str(tmp_path / "absent.txt")).assert_clean(
        1, "Error: file not found")
    run_cli(seeded, "ingest", str(tmp_path)).assert_clean(1, "Error: ")


def test_unknown_format_is_a_usage_error(seeded: Path) -> None:
    run_cli(seeded, "export", "--doc", "seed", "--format", "docx").assert_clean(
        2, "Error: unknown export format")


def test_library_in_a_missing_folder(tmp_path: Path) -> None:
    library = tmp_path / "no" / "such" / "lib.sqlite"
    run_cli(library, "docs").assert_clean(1, "Error: cannot open library")
    assert not library.parent.exists()


def test_library_path_that_is_a_folder(tmp_path: Path) -> None:
    run_cli(tmp_path, "docs").assert_clean(1, "Error: cannot open library")


def test_library_where_nothing_can_be_created(tmp_path: Path) -> None:
    """procfs refuses new files even to root, unlike a chmod-ed folder."""
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux procfs")
    run_cli("/proc/caucbib-test.sqlite", "docs").assert_clean(1, "Error: cannot open library")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores folder permissions; the procfs test covers root")
def test_library_in_a_read_only_folder(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    refs = tmp_path / "more.txt"
    refs.write_text("Kaya, A. (2010). Kafkasya. İstanbul: Ötüken.\n", encoding="utf-8")
    folder = seeded.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    seeded.chmod(stat.S_IRUSR)
    try:
        outcome = run_cli(seeded, "ingest", "--lines", str(refs))
        outcome.assert_clean(1, "Error: ")
        assert "read-only" in outcome.stderr or "cannot" in outcome.stderr
    finally:
        folder.chmod(stat.S_IRWXU)
        seeded.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert snapshot(seeded) == before


# -- corrupt libraries ------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [_random_bytes(8192), b"SQLite format 3\x00" + _random_bytes(4000),
     b"@book{x, title={not a library}}\n"],
    ids=["random", "sqlite-header-then-garbage", "a-bib-file"],
)
def test_a_file_that_is_not_a_library_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    library = tmp_path / "lib.sqlite"
    library.write_bytes(content)
    refs = tmp_path / "r.txt"
    refs.write_text("Kaya, A. (2010). Kafkasya. İstanbul: Ötüken.\n", encoding="utf-8")
    for args in (("docs",), ("ingest", "--lines", str(refs))):
        outcome = run_cli(library, *args)
        outcome.assert_clean(1, "Error: cannot open library")
        assert "Hint: " in outcome.stderr
    assert library.read_bytes() == content


def damage_pages(library: Path) -> None:
    """Overwrite the middle of a checkpointed library file with garbage bytes."""
    import sqlite3

    conn = sqlite3.connect(library)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(library.read_bytes())
    page = 4096
    assert len(data) >= 4 * page
    for start in range(page, len(data), page):  # every page after the schema page
        data[start: start + 200] = b"\xab" * 200
    library.write_bytes(bytes(data))


def test_damaged_pages_give_a_clear_error_in_a_subprocess(seeded: Path) -> None:
    damage_pages(seeded)
    outcome = subprocess_cli(seeded, "list")
    outcome.assert_clean(1, "Error: library")
    assert "damaged" in outcome.first_error_line and "doctor" in outcome.stderr


def test_numbered_lists_past_ten_thousand_are_split() -> None:
    from caucbib.find import extract_references

    text = "References\n" + "".join(
        f"{n}. Kaya, A. (2001). Başlıq {n}. İstanbul: Ötüken.\n" for n in range(1, 10_003))
    assert len(extract_references(text).references) == 10_002


def test_an_emptied_file_does_not_wipe_its_document(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    emptied = tmp_path / "seed-refs.txt"  # the seeded document's own file, now empty
    emptied.write_bytes(b"")
    outcome = run_cli(seeded, "ingest", "--lines", str(emptied))
    assert "Traceback" not in outcome.stderr
    assert snapshot(seeded) == before
