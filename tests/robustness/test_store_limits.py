"""The store at its limits: a full disk, a writer that never lets go, a newer schema."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from caucbib import api
from caucbib.errors import LibraryError
from caucbib.store import Library
from tests.robustness.conftest import run_cli, snapshot


def _references(path: Path, count: int) -> Path:
    path.write_text("".join(f"Əliyev, R. ({1900 + n % 120}). Cild {n}: {'başlıq ' * 10}. "
                            f"Bakı: Elm.\n" for n in range(count)), encoding="utf-8")
    return path


def test_a_full_disk_fails_cleanly_and_keeps_the_library(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    refs = _references(tmp_path / "many.txt", 400)
    with Library(seeded) as lib:
        pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
        lib.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the "disk" is nearly full
        with pytest.raises(LibraryError, match="full") as caught:
            api.ingest(lib, [refs], lines=True)
        assert caught.value.hint and "disk space" in caught.value.hint
        assert not lib.conn.in_transaction
        assert lib.integrity_problems() == []
    assert snapshot(seeded) == before
    run_cli(seeded, "ingest", "--lines", str(refs)).assert_clean(0, "many: 400 references")


def test_a_writer_that_never_lets_go_gives_an_error_not_a_hang(seeded: Path) -> None:
    with Library(seeded) as holder:
        holder.conn.execute("BEGIN IMMEDIATE")
        with Library(seeded, busy_timeout=0.5) as waiting:
            start = time.monotonic()
            with pytest.raises(LibraryError, match="busy"), waiting.transaction():
                pass
            assert time.monotonic() - start < 5
        holder.conn.execute("ROLLBACK")


def test_a_library_from_a_newer_caucbib_is_refused_untouched(seeded: Path) -> None:
    conn = sqlite3.connect(seeded)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    content = seeded.read_bytes()
    outcome = run_cli(seeded, "docs")
    outcome.assert_clean(1, "Error: library")
    assert "schema version 99" in outcome.first_error_line and "upgrade" in outcome.stderr
    assert seeded.read_bytes() == content


def test_an_empty_file_becomes_a_library(tmp_path: Path) -> None:
    library = tmp_path / "empty.sqlite"
    library.write_bytes(b"")
    run_cli(library, "docs").assert_clean(0)
    assert snapshot(library)["counts"]["documents"] == 0
