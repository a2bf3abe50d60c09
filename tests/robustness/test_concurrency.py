"""Two real processes writing one library at once; readers never block writers."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from caucbib.store import Library
from tests.robustness.conftest import child_env, subprocess_cli

CAUCBIB = [sys.executable, "-m", "caucbib"]


def _reference_files(folder: Path, prefix: str, count: int) -> list[str]:
    paths = []
    for n in range(count):
        path = folder / f"{prefix}{n}.txt"
        path.write_text(
            f"Əliyev, R. ({1990 + n}). {prefix.upper()} cild {n}. Bakı: Elm.\n"
            f"Kaya, A. ({2000 + n}). {prefix} üzerine notlar {n}. İstanbul: Ötüken.\n",
            encoding="utf-8")
        paths.append(str(path))
    return paths


def test_two_ingest_processes_on_a_new_library_both_succeed(tmp_path: Path) -> None:
    library = tmp_path / "shared.sqlite"
    first = _reference_files(tmp_path, "alpha", 3)
    second = _reference_files(tmp_path, "beta", 3)
    procs = [subprocess.Popen([*CAUCBIB, "--library", str(library), "ingest", "--lines", *files],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=child_env())
             for files in (first, second)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with Library(library) as lib:
        assert [d.name for d in lib.documents()] == sorted(
            Path(f).stem for f in first + second)
        assert all(d.references == 2 for d in lib.documents())
        assert lib.integrity_problems() == []


WRITER = r"""
import sys, time
from pathlib import Path
from caucbib import api
from caucbib.store import Library

library, folder, prefix, rounds, go = sys.argv[1:6]
Path(folder, prefix + ".ready").touch()
while not Path(go).exists():
    time.sleep(0.005)
lib = Library(library)
for n in range(int(rounds)):
    path = Path(folder) / f"{prefix}{n}.txt"
    path.write_text(f"Hüseynov, R. ({1900 + n}). {prefix} kitab {n}. Bakı: Elm.\n",
                    encoding="utf-8")
    api.ingest(lib, [path], lines=True)
lib.close()
"""


def test_many_interleaved_transactions_from_two_processes_lose_nothing(tmp_path: Path) -> None:
    library = tmp_path / "busy.sqlite"
    Library(library).close()
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    go = tmp_path / "go"
    rounds = 25
    procs = [subprocess.Popen([sys.executable, str(script), str(library), str(tmp_path), prefix,
                               str(rounds), str(go)], stderr=subprocess.PIPE, text=True,
                              env=child_env())
             for prefix in ("left", "right")]
    deadline = time.monotonic() + 60
    while not all((tmp_path / f"{side}.ready").exists() for side in ("left", "right")):
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs)
        time.sleep(0.01)
    go.touch()  # both start writing at the same moment
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with Library(library) as lib:
        names = {d.name for d in lib.documents()}
        assert names == {f"{side}{n}" for side in ("left", "right") for n in range(rounds)}
        assert lib.counts()["occurrences"] == 2 * rounds
        assert lib.integrity_problems() == []


def test_a_reader_in_a_long_transaction_does_not_block_a_writer(tmp_path: Path) -> None:
    library = tmp_path / "read.sqlite"
    (doc,) = _reference_files(tmp_path, "first", 1)
    subprocess_cli(library, "ingest", "--lines", doc).assert_clean(0)
    (later,) = _reference_files(tmp_path, "second", 1)
    with Library(library) as reader:
        reader.conn.execute("BEGIN")
        seen = reader.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        start = time.perf_counter()
        outcome = subprocess_cli(library, "ingest", "--lines", later, timeout=60)
        outcome.assert_clean(0, "second0: 2 references (added)")
        assert time.perf_counter() - start < 20
        # the reader still sees its snapshot, then the new document once it ends
        assert reader.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == seen
        reader.conn.execute("COMMIT")
        assert {d.name for d in reader.documents()} == {"first0", "second0"}


def test_readers_see_the_last_commit_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    library = tmp_path / "write.sqlite"
    (doc,) = _reference_files(tmp_path, "kept", 1)
    subprocess_cli(library, "ingest", "--lines", doc).assert_clean(0)
    with Library(library) as writer:
        writer.conn.execute("BEGIN IMMEDIATE")
        writer.conn.execute("DELETE FROM documents")  # uncommitted
        start = time.perf_counter()
        outcome = subprocess_cli(library, "docs", "--format", "json", timeout=60)
        outcome.assert_clean(0)
        assert '"kept0"' in outcome.stdout
        assert time.perf_counter() - start < 20
        writer.conn.execute("ROLLBACK")


def test_a_writer_waits_for_another_writer_then_succeeds(tmp_path: Path) -> None:
    library = tmp_path / "wait.sqlite"
    Library(library).close()
    (doc,) = _reference_files(tmp_path, "waiting", 1)
    with Library(library) as holder:
        with holder.transaction() as conn:
            conn.execute("INSERT INTO operations(kind, payload, created_at)"
                         " VALUES ('note', '{}', 'now')")
            proc = subprocess.Popen([*CAUCBIB, "--library", str(library), "ingest", "--lines",
                                     doc], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, env=child_env())
            time.sleep(1.5)  # the child starts, parses, then waits on the lock
            assert proc.poll() is None
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    with Library(library) as lib:
        assert lib.counts()["operations"] == 1
        assert [d.name for d in lib.documents()] == ["waiting0"]
