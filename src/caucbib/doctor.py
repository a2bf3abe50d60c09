"""Library health checks for ``caucbib doctor``: integrity, references, merges, schema."""

from __future__ import annotations

import json
from dataclasses import dataclass

from caucbib.store import SCHEMA_VERSION, Library


@dataclass(frozen=True)
class Finding:
    """One problem found in a library, with what to do about it."""

    check: str
    message: str
    hint: str = ""


def check_library(lib: Library) -> list[Finding]:
    """Every problem found; an empty list means the library is sound."""
    findings = [Finding("integrity", p, "restore from a `caucbib backup` copy")
                for p in lib.integrity_problems()]
    if findings:
        return findings  # the other checks read tables that may be damaged
    version = int(lib.conn.execute("PRAGMA user_version").fetchone()[0])
    if version != SCHEMA_VERSION:
        findings.append(Finding("schema", f"schema version {version}, expected {SCHEMA_VERSION}"))
    for (rid,) in lib.conn.execute(
        "SELECT o.record_id FROM occurrences o JOIN records r ON r.id = o.record_id"
        " WHERE r.merged_into IS NOT NULL"
    ):
        findings.append(Finding("merges", f"an occurrence points to merged record {rid}",
                                "run `caucbib undo` or merge again"))
    for rid, blob in lib.conn.execute("SELECT id, csl FROM records"):
        try:
            data = json.loads(blob)
        except json.JSONDecodeError:
            findings.append(Finding("records", f"record {rid} holds invalid JSON"))
            continue
        if not isinstance(data, dict) or "type" not in data:
            findings.append(Finding("records", f"record {rid} is not a CSL item"))
    return findings
