"""The SQLite library: documents, occurrences, records and the operation log.

Every write goes through :meth:`Library.transaction` (``BEGIN IMMEDIATE`` … ``COMMIT``), so a
failure leaves the library as it was. The schema is versioned with ``PRAGMA user_version``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from caucbib.errors import LibraryError, NotFoundError
from caucbib.model import Occurrence, Record

T = TypeVar("T")

_SCHEMA_V1 = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    name TEXT UNIQUE NOT NULL,
    source TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE records (
    id TEXT PRIMARY KEY,
    csl TEXT NOT NULL,
    merged_into TEXT REFERENCES records(id),
    created_at TEXT NOT NULL
);
CREATE TABLE occurrences (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    raw TEXT NOT NULL,
    record_id TEXT NOT NULL REFERENCES records(id),
    original_record_id TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
);
CREATE INDEX occurrences_record ON occurrences(record_id);
CREATE TABLE operations (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE distinct_pairs (
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    PRIMARY KEY (a, b)
);
"""

_SCHEMA_V2 = """
CREATE TABLE citations (
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    raw TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
);
"""

MIGRATIONS: tuple[str, ...] = (_SCHEMA_V1, _SCHEMA_V2)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class DocumentInfo:
    """A stored document and how many references it lists."""

    name: str
    source: str | None
    content_hash: str
    ingested_at: str
    references: int


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- SQLite errors a user can act on -----------------------------------------------------
_DAMAGED = ("malformed", "not a database", "corrupt")
_READ_ONLY = ("readonly", "read-only")
_DISK = ("disk i/o error", "disk is full", "unable to open database file")


def translate_error(path: str, exc: sqlite3.Error) -> LibraryError | None:
    """A :class:`LibraryError` for a damaged, read-only or unwritable library file, else None.

    Lock contention and programming errors are not translated: the former is retried by
    :class:`Library`, the latter are bugs that must surface.
    """
    text = str(exc).lower()
    if any(word in text for word in _DAMAGED):
        return LibraryError(
            f"library {path} is damaged: {exc}",
            hint="`caucbib doctor` reports what is wrong; restore a `caucbib backup` copy",
        )
    if any(word in text for word in _READ_ONLY):
        return LibraryError(
            f"library {path} is read-only: {exc}",
            hint="SQLite must write the file and create PATH-wal and PATH-shm beside it: "
            "check the permissions of the file and of its folder",
        )
    if any(word in text for word in _DISK):
        return LibraryError(
            f"cannot use library {path}: {exc}",
            hint="check the path, its permissions and the free disk space",
        )
    return None


class _GuardedCursor(sqlite3.Cursor):
    """A cursor whose damaged/read-only/disk errors become :class:`LibraryError`."""

    def _fail(self, exc: sqlite3.Error) -> LibraryError | None:
        return translate_error(getattr(self.connection, "library_path", "?"), exc)

    def execute(self, sql: str, parameters: Any = (), /) -> _GuardedCursor:
        try:
            super().execute(sql, parameters)
        except sqlite3.DatabaseError as exc:
            raise (self._fail(exc) or exc) from exc
        return self

    def fetchone(self) -> Any:
        try:
            return super().fetchone()
        except sqlite3.DatabaseError as exc:
            raise (self._fail(exc) or exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return super().fetchall()
        except sqlite3.DatabaseError as exc:
            raise (self._fail(exc) or exc) from exc

    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            raise (self._fail(exc) or exc) from exc


class _GuardedConnection(sqlite3.Connection):
    """A connection whose ``execute`` returns :class:`_GuardedCursor` objects."""

    library_path = "?"

    def execute(self, sql: str, parameters: Any = (), /) -> _GuardedCursor:
        return self.cursor(_GuardedCursor).execute(sql, parameters)


class Library:
    """A caucbib library in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str | Path, *, busy_timeout: float = 30.0) -> None:
        self.path = str(path)
        self.busy_timeout = busy_timeout
        if self.path != ":memory:":
            _check_location(Path(self.path).expanduser())
        try:
            self.conn: sqlite3.Connection = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None,
                factory=_GuardedConnection,
            )
        except sqlite3.Error as exc:
            raise LibraryError(f"cannot open library {self.path}: {exc}",
                               hint="check the path and its permissions") from exc
        if isinstance(self.conn, _GuardedConnection):
            self.conn.library_path = self.path
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if self.path != ":memory:":
                self._retry(lambda: self.conn.execute("PRAGMA journal_mode = WAL"))
            self._migrate()
        except LibraryError as exc:
            self.conn.close()
            if "damaged" in exc.message:
                raise LibraryError(
                    f"cannot open library {self.path}: it is not a caucbib library or it is "
                    "damaged",
                    hint="check --library PATH; restore a `caucbib backup` copy if it was one",
                ) from exc
            raise
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise LibraryError(
                f"cannot open library {self.path}: {exc}",
                hint="check the path and permissions; `caucbib doctor` checks a library",
            ) from exc

    # -- plumbing --------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _retry(self, action: Callable[[], T]) -> T:
        """Run ``action``, retrying while another process holds the lock.

        SQLite already waits up to the busy timeout inside each attempt; the retries cover the
        cases where it answers "busy" at once (WAL recovery, a lock upgrade). The whole wait is
        bounded by the busy timeout, so a stuck writer gives an error instead of a hang.
        """
        deadline = time.monotonic() + self.busy_timeout
        attempt = 0
        while True:
            try:
                return action()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                attempt += 1
                if time.monotonic() >= deadline:
                    raise
                time.sleep(min(0.05 * attempt, 0.5))

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back on any exception."""
        try:
            self._retry(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        except sqlite3.OperationalError as exc:
            raise LibraryError(
                f"library {self.path} is busy: another process kept it locked for "
                f"{self.busy_timeout:g} s ({exc})",
                hint="wait for the other caucbib to finish, then try again",
            ) from exc
        try:
            yield self.conn
        except BaseException:
            self._rollback()
            raise
        try:
            self._retry(lambda: self.conn.execute("COMMIT"))
        except LibraryError:
            self._rollback()
            raise
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise LibraryError(f"could not write library {self.path}: {exc}",
                               hint="nothing of this operation was kept") from exc

    def _rollback(self) -> None:
        """Roll back if a transaction is still open (SQLite may have ended it already)."""
        if self.conn.in_transaction:
            # when ROLLBACK fails the connection is unusable; SQLite discards it on close
            with suppress(sqlite3.Error, LibraryError):
                self.conn.execute("ROLLBACK")

    def _migrate(self) -> None:
        version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise LibraryError(
                f"library {self.path} has schema version {version}; this caucbib knows "
                f"{SCHEMA_VERSION}",
                hint="upgrade caucbib",
            )
        if version == SCHEMA_VERSION:
            return
        with self.transaction() as conn:
            # re-read under the write lock: another process may have migrated meanwhile
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            for index in range(version, SCHEMA_VERSION):
                for statement in _statements(MIGRATIONS[index]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {index + 1}")

    # -- documents -------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        rows = self.conn.execute(
            "SELECT d.name, d.source, d.content_hash, d.ingested_at,"
            " (SELECT COUNT(*) FROM occurrences o WHERE o.doc_id = d.id)"
            " FROM documents d ORDER BY d.name"
        ).fetchall()
        return [DocumentInfo(*row) for row in rows]

    def document(self, name: str) -> DocumentInfo:
        for info in self.documents():
            if info.name == name:
                return info
        raise NotFoundError(f"no document named {name!r} in the library",
                            hint="`caucbib docs` lists the documents")

    def document_id(self, name: str) -> int:
        row = self.conn.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFoundError(f"no document named {name!r} in the library",
                                hint="`caucbib docs` lists the documents")
        return int(row[0])

    def replace_document(
        self,
        conn: sqlite3.Connection,
        name: str,
        source: str | None,
        content_hash: str,
        references: Sequence[Record],
        citations: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Store a document, its references and its in-text citations ``(raw, data JSON)``
        (inside a transaction), replacing older ones."""
        conn.execute("DELETE FROM documents WHERE name = ?", (name,))
        cur = conn.execute(
            "INSERT INTO documents(name, source, content_hash, ingested_at) VALUES (?, ?, ?, ?)",
            (name, source, content_hash, now()),
        )
        doc_id = int(cur.lastrowid or 0)
        for position, record in enumerate(references, start=1):
            if record.id is None:
                raise ValueError("record without id")
            self.put_record(conn, record, replace=False)
            current = self.current_id(conn, record.id)
            conn.execute(
                "INSERT INTO occurrences(doc_id, position, raw, record_id, original_record_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (doc_id, position, record.raw or "", current, record.id),
            )
        conn.executemany(
            "INSERT INTO citations(doc_id, position, raw, data) VALUES (?, ?, ?, ?)",
            [(doc_id, i, raw, data) for i, (raw, data) in enumerate(citations, start=1)],
        )
        self.drop_orphans(conn)

    # -- records ---------------------------------------------------------------------
    def put_record(self, conn: sqlite3.Connection, record: Record, *, replace: bool = True) -> None:
        """Insert a record, or replace the stored one with the same id."""
        if record.id is None:
            raise ValueError("record without id")
        blob = json.dumps(record.to_csl(), ensure_ascii=False, sort_keys=True)
        if replace:
            conn.execute(
                "INSERT INTO records(id, csl, created_at) VALUES (?, ?, ?)"
                " ON CONFLICT(id) DO UPDATE SET csl = excluded.csl",
                (record.id, blob, now()),
            )
        else:
            conn.execute(
                "INSERT OR IGNORE INTO records(id, csl, created_at) VALUES (?, ?, ?)",
                (record.id, blob, now()),
            )

    def current_id(self, conn: sqlite3.Connection, record_id: str) -> str:
        """Follow ``merged_into`` to the record now standing for ``record_id``."""
        seen = {record_id}
        while True:
            row = conn.execute("SELECT merged_into FROM records WHERE id = ?",
                               (record_id,)).fetchone()
            if row is None or row[0] is None or row[0] in seen:
                return record_id
            record_id = row[0]
            seen.add(record_id)

    def drop_orphans(self, conn: sqlite3.Connection) -> None:
        """Delete records no occurrence, merge or operation refers to any more."""
        conn.execute(
            "DELETE FROM records WHERE id NOT IN (SELECT record_id FROM occurrences)"
            " AND id NOT IN (SELECT original_record_id FROM occurrences)"
            " AND id NOT IN (SELECT merged_into FROM records WHERE merged_into IS NOT NULL)"
            " AND merged_into IS NULL"
        )

    def get_record(self, record_id: str) -> Record:
        row = self.conn.execute("SELECT csl FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no record with id {record_id!r}",
                                hint="`caucbib list` shows record ids")
        return _record(row[0])

    def records(self, doc: str | None = None) -> list[Record]:
        """Current (canonical) records, optionally of one document, each once."""
        if doc is not None:
            seen: dict[str, Record] = {}
            for _, record in self.document_records(doc):
                seen.setdefault(record.id or "", record)
            return list(seen.values())
        rows = self.conn.execute(
            "SELECT r.csl FROM records r WHERE r.id IN (SELECT record_id FROM occurrences)"
            " ORDER BY r.id"
        ).fetchall()
        return [_record(row[0]) for row in rows]

    def document_records(self, name: str) -> list[tuple[Occurrence, Record]]:
        """A document's references in their order, each with its current record."""
        doc_id = self.document_id(name)
        rows = self.conn.execute(
            "SELECT o.position, o.raw, o.record_id, r.csl FROM occurrences o"
            " JOIN records r ON r.id = o.record_id WHERE o.doc_id = ? ORDER BY o.position",
            (doc_id,),
        ).fetchall()
        return [(Occurrence(name, pos, raw, rid), _record(csl)) for pos, raw, rid, csl in rows]

    def document_citations(self, name: str) -> list[tuple[int, str, str]]:
        """A document's in-text citations: ``(position, raw, data JSON)`` in order."""
        doc_id = self.document_id(name)
        rows = self.conn.execute(
            "SELECT position, raw, data FROM citations WHERE doc_id = ? ORDER BY position",
            (doc_id,),
        ).fetchall()
        return [(int(p), str(r), str(d)) for p, r, d in rows]

    def occurrences_of(self, record_id: str) -> list[Occurrence]:
        """Every occurrence that points to ``record_id`` now, by document and position."""
        rows = self.conn.execute(
            "SELECT d.name, o.position, o.raw, o.record_id FROM occurrences o"
            " JOIN documents d ON d.id = o.doc_id WHERE o.record_id = ?"
            " ORDER BY d.name, o.position",
            (record_id,),
        ).fetchall()
        return [Occurrence(name, pos, raw, rid) for name, pos, raw, rid in rows]

    def all_occurrences(self) -> list[tuple[Occurrence, Record]]:
        """Every occurrence in the library with its current record, by document and position."""
        rows = self.conn.execute(
            "SELECT d.name, o.position, o.raw, o.record_id, r.csl FROM occurrences o"
            " JOIN documents d ON d.id = o.doc_id JOIN records r ON r.id = o.record_id"
            " ORDER BY d.name, o.position"
        ).fetchall()
        return [
            (Occurrence(name, pos, raw, rid), _record(csl)) for name, pos, raw, rid, csl in rows
        ]

    def counts(self) -> dict[str, int]:
        """Row counts per table (for tests, `doctor` and idempotence checks)."""
        tables = ("documents", "records", "occurrences", "operations", "distinct_pairs",
                  "citations")
        return {t: int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
                for t in tables}

    def integrity_problems(self) -> list[str]:
        """What `PRAGMA integrity_check` and foreign-key checks report (empty when sound)."""
        try:
            problems = [row[0] for row in self.conn.execute("PRAGMA integrity_check")
                        if row[0] != "ok"]
            if problems:
                return problems
            return [f"foreign key: table {table} row {rowid} points to a missing {parent} row"
                    for table, rowid, parent, _ in self.conn.execute("PRAGMA foreign_key_check")]
        except LibraryError as exc:
            return [exc.message]

    def backup(self, target: str | Path) -> None:
        """Write a consistent copy with the SQLite backup API.

        The copy is written beside ``target`` under a temporary name and renamed into place
        once complete, so a failed backup never leaves a half-written file.
        """
        target = Path(target)
        folder = target.parent if str(target.parent) else Path(".")
        try:
            handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
            os.close(handle)
        except OSError as exc:
            raise LibraryError(f"cannot write {target}: {exc.strerror or exc}") from exc
        try:
            dest = sqlite3.connect(temp)
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
            finally:
                dest.close()
            os.replace(temp, target)
        except (sqlite3.Error, OSError) as exc:
            Path(temp).unlink(missing_ok=True)
            raise LibraryError(f"cannot write backup {target}: {exc}",
                               hint="check the folder and the free disk space") from exc
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def _check_location(path: Path) -> None:
    """Clear errors for a library path that cannot be a SQLite file, before SQLite tries."""
    if path.is_dir():
        raise LibraryError(f"cannot open library {path}: it is a folder",
                           hint="give a file path, e.g. --library FOLDER/library.sqlite")
    parent = path.resolve().parent
    if not parent.is_dir():
        raise LibraryError(
            f"cannot open library {path}: folder {parent} does not exist",
            hint="create the folder or pass --library PATH",
        )


def _record(blob: str) -> Record:
    return Record.from_csl(json.loads(blob))


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def default_library_path() -> Path:
    """``CAUCBIB_LIBRARY``, else ``library.sqlite`` in the user data directory."""
    env = os.environ.get("CAUCBIB_LIBRARY")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("caucbib", appauthor=False, ensure_exists=True) / "library.sqlite"
