"""The SQLite library: schema, transactions, replacement, location."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from caucbib.errors import LibraryError, NotFoundError
from caucbib.model import Date, Name, Record
from caucbib.store import SCHEMA_VERSION, Library, default_library_path


def _record(rid: str, title: str) -> Record:
    return Record(type="book", id=rid, title=title, author=[Name("Əliyev", "R.")],
                  issued=Date(2001), raw=f"Əliyev R. {title}. Bakı, 2001.")


def test_new_library_is_wal_and_at_the_current_schema(library_path: Path) -> None:
    with Library(library_path) as lib:
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert lib.counts()["documents"] == 0


def test_migrates_an_old_library_forward(library_path: Path) -> None:
    from caucbib.store import MIGRATIONS, _statements

    conn = sqlite3.connect(library_path)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Library(library_path) as lib:
        assert lib.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "citations" in lib.counts()


def test_replace_document_and_read_back_in_order(library_path: Path) -> None:
    with Library(library_path) as lib:
        with lib.transaction() as conn:
            lib.replace_document(conn, "doc", "doc.txt", "h1",
                                 [_record("r1", "Bir"), _record("r2", "İki")])
        refs = lib.document_records("doc")
        assert [(o.position, r.title) for o, r in refs] == [(1, "Bir"), (2, "İki")]
        with lib.transaction() as conn:
            lib.replace_document(conn, "doc", "doc.txt", "h2", [_record("r3", "Üç")])
        assert [r.title for _, r in lib.document_records("doc")] == ["Üç"]
        assert lib.counts()["records"] == 1  # orphans are dropped


def test_failed_transaction_leaves_the_library_as_it_was(library_path: Path) -> None:
    with Library(library_path) as lib:
        with lib.transaction() as conn:
            lib.replace_document(conn, "doc", None, "h1", [_record("r1", "Bir")])
        before = lib.counts()
        with pytest.raises(RuntimeError), lib.transaction() as conn:
            lib.replace_document(conn, "doc", None, "h2", [_record("r2", "İki")])
            raise RuntimeError("boom")
        assert lib.counts() == before
        assert [r.title for _, r in lib.document_records("doc")] == ["Bir"]


def test_unknown_document_and_record_are_clear_errors(library_path: Path) -> None:
    with Library(library_path) as lib:
        with pytest.raises(NotFoundError, match="no document named 'nope'"):
            lib.document_records("nope")
        with pytest.raises(NotFoundError, match="no record"):
            lib.get_record("r000")


def test_missing_folder_and_corrupt_file(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        Library(tmp_path / "missing" / "lib.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match="cannot open library"):
        Library(bad)


def test_default_path_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.setenv("CAUCBIB_LIBRARY", str(tmp_path / "x.sqlite"))
    assert default_library_path() == tmp_path / "x.sqlite"


def test_backup_is_a_consistent_copy(library_path: Path, tmp_path: Path) -> None:
    with Library(library_path) as lib:
        with lib.transaction() as conn:
            lib.replace_document(conn, "doc", None, "h1", [_record("r1", "Bir")])
        lib.backup(tmp_path / "copy.sqlite")
    with Library(tmp_path / "copy.sqlite") as copy:
        assert copy.counts()["occurrences"] == 1
        assert copy.integrity_problems() == []
