"""SIGKILL in the middle of a write, `caucbib doctor` and `caucbib backup`."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from caucbib.doctor import check_library, diagnose
from caucbib.store import Library
from tests.robustness.conftest import child_env, run_cli, snapshot, subprocess_cli

# Runs the real CLI; after PAUSE_AFTER stored records it signals the parent and sleeps, so
# the parent can kill it with half of the operation written (cache_size 5 makes SQLite spill
# uncommitted pages into the WAL file).
PAUSING_CLI = r"""
import os, sys, time
from pathlib import Path
import caucbib.store as store

flag, pause_after = Path(os.environ["PAUSE_FLAG"]), int(os.environ["PAUSE_AFTER"])
original_put, original_init = store.Library.put_record, store.Library.__init__
written = 0

def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    self.conn.execute("PRAGMA cache_size = 5")

def put_record(self, conn, record, *, replace=True):
    global written
    original_put(self, conn, record, replace=replace)
    written += 1
    if written == pause_after:
        flag.write_text(str(os.getpid()))
        time.sleep(120)

store.Library.__init__ = init
store.Library.put_record = put_record
from caucbib.cli import main
sys.argv = ["caucbib", *sys.argv[1:]]
main()
"""


def _many_references(path: Path, count: int, tag: str) -> Path:
    path.write_text("".join(
        f"Məmmədov, {chr(65 + n % 26)}. ({1900 + n % 120}). {tag} əsər {n}: "
        f"{'uzun başlıq ' * 8}. Bakı: Elm.\n" for n in range(count)), encoding="utf-8")
    return path


def _kill_midway(tmp_path: Path, library: Path, *args: str, pause_after: int) -> None:
    script = tmp_path / "pausing_cli.py"
    script.write_text(PAUSING_CLI, encoding="utf-8")
    flag = tmp_path / "paused"
    flag.unlink(missing_ok=True)
    env = child_env() | {"PAUSE_FLAG": str(flag), "PAUSE_AFTER": str(pause_after)}
    proc = subprocess.Popen([sys.executable, str(script), "--library", str(library), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 90
    while not flag.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the child never reached the pause"
        time.sleep(0.02)
    wal = Path(f"{library}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # uncommitted pages are on disk
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def _assert_sound(library: Path) -> None:
    with Library(library) as lib:
        assert lib.integrity_problems() == []
        assert check_library(lib) == []


def test_killed_ingest_keeps_none_of_it_and_a_rerun_completes(
    seeded: Path, tmp_path: Path
) -> None:
    before = snapshot(seeded)
    refs = _many_references(tmp_path / "killed.txt", 300, "kill")
    _kill_midway(tmp_path, seeded, "ingest", "--lines", str(refs), pause_after=250)
    _assert_sound(seeded)
    assert snapshot(seeded) == before
    subprocess_cli(seeded, "ingest", "--lines", str(refs)).assert_clean(
        0, "killed: 300 references (added)")
    after = snapshot(seeded)
    assert set(before["records"]) <= set(after["records"])
    assert after["counts"]["occurrences"] == before["counts"]["occurrences"] + 300
    _assert_sound(seeded)


def test_killed_replacement_keeps_the_old_version(seeded: Path, tmp_path: Path) -> None:
    refs = _many_references(tmp_path / "doc.txt", 120, "old")
    subprocess_cli(seeded, "ingest", "--lines", str(refs)).assert_clean(0)
    before = snapshot(seeded)
    _many_references(refs, 200, "new")
    _kill_midway(tmp_path, seeded, "ingest", "--lines", str(refs), pause_after=150)
    _assert_sound(seeded)
    assert snapshot(seeded) == before


def test_killed_import_keeps_none_of_it(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    ris = tmp_path / "big.ris"
    ris.write_text("".join(f"TY  - BOOK\nAU  - Kaya, A.\nTI  - Kitap {n} {'uzun ' * 20}\n"
                           f"PY  - 2001\nER  - \n" for n in range(3000)), encoding="utf-8")
    _kill_midway(tmp_path, seeded, "import", str(ris), pause_after=2500)
    _assert_sound(seeded)
    assert snapshot(seeded) == before
    subprocess_cli(seeded, "import", str(ris)).assert_clean(0, "big: 3000 entries (added)")


def test_killed_merge_keeps_none_of_it_and_undo_still_works(tmp_path: Path) -> None:
    library = tmp_path / "merge.sqlite"
    azerbaijani, romanised = tmp_path / "az.txt", tmp_path / "roman.txt"
    azerbaijani.write_text("".join(
        f"Məmmədov, R. ({1950 + n}). Qarabağ tarixinin {n}-ci cildi haqqında. Bakı: Elm.\n"
        for n in range(30)), encoding="utf-8")
    romanised.write_text("".join(
        f"Mammadov R. Qarabag tarixinin {n}-ci cildi haqqinda. - Baku: Elm, {1950 + n}.\n"
        for n in range(30)), encoding="utf-8")
    subprocess_cli(library, "ingest", "--lines", str(azerbaijani), str(romanised)).assert_clean(0)
    before = snapshot(library)
    _kill_midway(tmp_path, library, "dedupe", "--apply", pause_after=20)
    _assert_sound(library)
    assert snapshot(library) == before
    subprocess_cli(library, "dedupe", "--apply").assert_clean(0, "merged 30 clusters")
    merged = snapshot(library)
    assert merged["counts"]["operations"] == before["counts"]["operations"] + 1
    assert len({o[3] for o in merged["occurrences"]}) == 30
    subprocess_cli(library, "undo").assert_clean(0)
    assert snapshot(library)["occurrences"] == before["occurrences"]
    _assert_sound(library)


# -- doctor ------------------------------------------------------------------------------
def test_doctor_says_a_fresh_library_is_sound(seeded: Path) -> None:
    outcome = run_cli(seeded, "doctor")
    outcome.assert_clean(0)
    assert "library is sound" in outcome.stderr + outcome.stdout


def _plant(library: Path, *statements: str) -> None:
    conn = sqlite3.connect(library)  # behind caucbib's back, foreign keys off
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("statements", "check"),
    [
        pytest.param(["UPDATE records SET csl = '{not json' WHERE rowid = 1"], "records",
                     id="invalid-json"),
        pytest.param(["UPDATE records SET csl = '[1, 2]' WHERE rowid = 2"], "records",
                     id="not-a-csl-item"),
        pytest.param(["UPDATE occurrences SET record_id = 'rmissing' WHERE position = 1"],
                     "integrity", id="dangling-occurrence"),
        pytest.param(["UPDATE occurrences SET position = position + 10 WHERE position = 2"],
                     "positions", id="position-gap"),
        pytest.param(["INSERT INTO records VALUES ('ra', '{\"type\": \"book\"}', 'rb', 'now')",
                      "INSERT INTO records VALUES ('rb', '{\"type\": \"book\"}', 'ra', 'now')"],
                     "merges", id="merge-cycle"),
        pytest.param(["INSERT INTO operations(kind, payload, created_at)"
                      " VALUES ('merge', '{oops', 'now')"], "operations", id="bad-operation"),
    ],
)
def test_doctor_reports_planted_problems(seeded: Path, statements: list[str], check: str) -> None:
    _plant(seeded, *statements)
    outcome = run_cli(seeded, "doctor", "--format", "json")
    outcome.assert_clean(3)
    findings = json.loads(outcome.stdout)
    assert check in {f["check"] for f in findings}, findings
    assert check in {f.check for f in diagnose(seeded)}


def test_doctor_reports_damaged_pages(seeded: Path) -> None:
    from tests.robustness.test_bad_input import damage_pages

    damage_pages(seeded)
    outcome = run_cli(seeded, "doctor", "--format", "json")
    outcome.assert_clean(3)
    assert {f["check"] for f in json.loads(outcome.stdout)} == {"integrity"}


def test_diagnose_reports_a_file_that_cannot_be_opened(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 300)
    (finding,) = diagnose(junk)
    assert finding.check == "open" and "cannot open library" in finding.message


def test_doctor_command_reports_an_unopenable_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 300)
    run_cli(junk, "doctor").assert_clean(3)


# -- backup --------------------------------------------------------------------------------
HOLD_WRITE = r"""
import sys, time
from pathlib import Path
from caucbib.store import Library
lib = Library(sys.argv[1])
lib.conn.execute("BEGIN IMMEDIATE")
lib.conn.execute("DELETE FROM occurrences")
lib.conn.execute("INSERT INTO operations(kind, payload, created_at) VALUES ('x', '{}', 'n')")
Path(sys.argv[2]).touch()
time.sleep(120)
"""


def test_backup_while_another_process_writes_is_consistent(seeded: Path, tmp_path: Path) -> None:
    before = snapshot(seeded)
    script = tmp_path / "hold.py"
    script.write_text(HOLD_WRITE, encoding="utf-8")
    flag = tmp_path / "holding"
    proc = subprocess.Popen([sys.executable, str(script), str(seeded), str(flag)],
                            env=child_env())
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        copy = tmp_path / "copy.sqlite"
        subprocess_cli(seeded, "backup", str(copy)).assert_clean(0)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert not Path(f"{copy}-wal").exists()  # a self-contained file
    _assert_sound(copy)
    assert snapshot(copy) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_backup_refuses_to_overwrite_and_missing_folders(seeded: Path, tmp_path: Path) -> None:
    existing = tmp_path / "exists.sqlite"
    existing.write_bytes(b"keep me")
    run_cli(seeded, "backup", str(existing)).assert_clean(2, "Error: ")
    assert existing.read_bytes() == b"keep me"
    run_cli(seeded, "backup", str(tmp_path / "no" / "copy.sqlite")).assert_clean(1, "Error: ")


def test_failed_backup_leaves_no_file(seeded: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    target = tmp_path / "copy.sqlite"
    run_cli(seeded, "backup", str(target)).assert_clean(1, "Error: cannot write backup")
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".copy")] == []
