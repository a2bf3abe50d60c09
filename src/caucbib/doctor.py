"""Library health checks for ``caucbib doctor``: integrity, references, merges, schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from caucbib.errors import LibraryError
from caucbib.store import SCHEMA_VERSION, Library

RESTORE = "restore from a `caucbib backup` copy"


@dataclass(frozen=True)
class Finding:
    """One problem found in a library, with what to do about it."""

    check: str
    message: str
    hint: str = ""


def diagnose(path: str | Path) -> list[Finding]:
    """Like :func:`check_library`, but a file that cannot even be opened is a finding too."""
    try:
        lib = Library(path)
    except LibraryError as exc:
        return [Finding("open", exc.message, exc.hint or RESTORE)]
    with lib:
        return check_library(lib)


def check_library(lib: Library) -> list[Finding]:
    """Every problem found; an empty list means the library is sound."""
    findings = [Finding("integrity", p, RESTORE) for p in lib.integrity_problems()]
    if findings:
        return findings  # the other checks read tables that may be damaged
    try:
        return _checks(lib)
    except LibraryError as exc:  # damage that integrity_check did not see
        return [Finding("integrity", exc.message, RESTORE)]


def _checks(lib: Library) -> list[Finding]:
    findings: list[Finding] = []
    conn = lib.conn
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version != SCHEMA_VERSION:
        findings.append(Finding("schema", f"schema version {version}, expected {SCHEMA_VERSION}"))
    for (rid,) in conn.execute(
        "SELECT o.record_id FROM occurrences o JOIN records r ON r.id = o.record_id"
        " WHERE r.merged_into IS NOT NULL"
    ):
        findings.append(Finding("merges", f"an occurrence points to merged record {rid}",
                                "run `caucbib undo` or merge again"))
    findings += _merge_cycles(lib)
    for rid, blob in conn.execute("SELECT id, csl FROM records"):
        try:
            data = json.loads(blob)
        except json.JSONDecodeError:
            findings.append(Finding("records", f"record {rid} holds invalid JSON", RESTORE))
            continue
        if not isinstance(data, dict) or "type" not in data:
            findings.append(Finding("records", f"record {rid} is not a CSL item", RESTORE))
    for name, count, top in conn.execute(
        "SELECT d.name, COUNT(*), MAX(o.position) FROM occurrences o"
        " JOIN documents d ON d.id = o.doc_id GROUP BY d.id HAVING MAX(o.position) != COUNT(*)"
        " OR MIN(o.position) != 1"
    ):
        findings.append(Finding("positions", f"document {name!r} has {count} references but "
                                f"positions up to {top}", "ingest the document again"))
    for op_id, kind, payload in conn.execute("SELECT id, kind, payload FROM operations"):
        try:
            json.loads(payload)
        except json.JSONDecodeError:
            findings.append(Finding("operations", f"operation {op_id} ({kind}) has an invalid "
                                    "payload; it cannot be undone", RESTORE))
    return findings


def _merge_cycles(lib: Library) -> list[Finding]:
    """Records whose ``merged_into`` chain comes back to itself."""
    parent = dict(lib.conn.execute(
        "SELECT id, merged_into FROM records WHERE merged_into IS NOT NULL").fetchall())
    findings: list[Finding] = []
    reported: set[str] = set()
    for start in parent:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node not in seen:
            seen.append(node)
            node = parent.get(node)
        if node is not None and node not in reported:
            cycle = seen[seen.index(node):]
            reported.update(cycle)
            findings.append(Finding("merges", "records merged into each other in a cycle: "
                                    + " → ".join([*cycle, node]), "run `caucbib undo`"))
    return findings
