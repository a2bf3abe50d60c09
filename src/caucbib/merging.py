"""Merging duplicate records in the library: merge, unmerge, distinct, undo, dedupe.

Every operation is one transaction and is logged in ``operations`` with everything undo needs
to restore the exact prior state. Stored values are never rewritten: a merge creates a new
canonical record, points the occurrences at it and marks the members ``merged_into``.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from caucbib.dedupe import DEFAULT_THRESHOLD, Cluster, find_clusters
from caucbib.errors import NotFoundError, UsageError
from caucbib.model import NAME_ROLES, TEXT_FIELDS, Name, Record
from caucbib.store import Library, now
from caucbib.text import script_of

KINDS = ("merge", "unmerge", "distinct", "apply")
_DAMAGE = re.compile(r"[^\W\d_]\d|\d[^\W\d_]|[ģĢĠ]|[^\W\d_]ii[^\W\d_]|\s{2,}|-\s")


@dataclass
class ClusterReport:
    """One group of occurrences judged to cite one work (what ``dedupe --format json`` prints)."""

    members: list[tuple[str, int]]  # (document, position)
    records: list[str]
    score: float
    reasons: list[str] = field(default_factory=list)
    merged: bool = False  # every member already points at one record

    def to_dict(self) -> dict[str, Any]:
        return {
            "members": [{"doc": doc, "position": pos} for doc, pos in self.members],
            "records": list(self.records),
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "merged": self.merged,
        }


# -- canonical record ---------------------------------------------------------------------
def _title_quality(title: str) -> tuple[int, int, int]:
    clean = 0 if _DAMAGE.search(title) or script_of(title) == "mixed" else 1
    return (clean, title.count(":") + 1 if clean else 0, len(title))


def _names_quality(names: list[Name], et_al: bool) -> tuple[int, int, int]:
    full = sum(1 for n in names if n.given and len(n.given.replace(".", "").strip()) > 2)
    return (len(names) + (0 if et_al else 1), full, sum(len(n.given or "") for n in names))


def _majority(values: Iterable[str]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    return max(counted, key=lambda v: (counted[v], len(v)))


def canonical_record(records: Sequence[Record], record_id: str) -> Record:
    """The best value of each field: the cleanest longest title, full names over initials,
    the most specific date, a DOI where any has one, the union of ISBNs."""
    out = Record(type=_majority(r.type for r in records) or "document", id=record_id)
    titled = [r for r in records if r.title]
    if titled:
        best_titled = max(titled, key=lambda r: _title_quality(r.title or ""))
        out.title, out.raw = best_titled.title, best_titled.raw
    for role in NAME_ROLES:
        candidates = [r for r in records if r.names(role)]
        if candidates:
            best = max(candidates, key=lambda r: _names_quality(r.names(role), role in r.et_al))
            out.set(role, best.names(role))
            if role in best.et_al:
                out.et_al.append(role)
    years = Counter(r.year for r in records if r.year)
    if years:
        year = years.most_common(1)[0][0]
        dates = [r.issued for r in records if r.issued and r.issued.year == year]
        out.issued = max(dates, key=lambda d: len(d.parts)) if dates else None
    accessed = [r.accessed for r in records if r.accessed]
    if accessed:
        out.accessed = max(accessed, key=lambda d: len(d.parts))
    for key in TEXT_FIELDS:
        if key in ("title", "ISBN"):
            continue
        value = _majority(str(r.get(key)) for r in records if r.get(key))
        if value is not None:
            out.set(key, value)
    isbns = list(dict.fromkeys(r.ISBN for r in records if r.ISBN))
    if isbns:
        out.ISBN = "; ".join(isbns)
    out.extra["custom"] = {"merged-from": [r.id for r in records]}
    return out


def _merged_id(member_ids: Sequence[str]) -> str:
    digest = hashlib.sha256(("merge\x00" + "\x00".join(sorted(member_ids))).encode()).hexdigest()
    return "r" + digest[:12]


# -- store plumbing -----------------------------------------------------------------------
def _log(conn: sqlite3.Connection, kind: str, payload: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO operations(kind, payload, created_at) VALUES (?, ?, ?)",
        (kind, json.dumps(payload, ensure_ascii=False, sort_keys=True), now()),
    )


def _record_row(conn: sqlite3.Connection, record_id: str) -> tuple[str, str | None] | None:
    row = conn.execute("SELECT csl, merged_into FROM records WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else (row[0], row[1])


def _require(lib: Library, conn: sqlite3.Connection, record_id: str) -> str:
    if _record_row(conn, record_id) is None:
        raise NotFoundError(f"no record with id {record_id!r}", hint="`caucbib list` shows ids")
    return lib.current_id(conn, record_id)


def _repoint(conn: sqlite3.Connection) -> int:
    """Point every occurrence at the record now standing for its original record (following
    ``merged_into``). Every operation and its undo ends with this, so occurrences stay right
    even when documents were ingested again in between. Returns how many moved."""
    merged = dict(conn.execute("SELECT id, merged_into FROM records WHERE merged_into IS NOT NULL"))
    moves: list[tuple[str, int, int]] = []
    rows = conn.execute("SELECT doc_id, position, original_record_id, record_id FROM occurrences")
    for doc_id, position, original, current in rows:
        target, seen = original, {original}
        while target in merged and merged[target] not in seen:
            target = merged[target]
            seen.add(target)
        if target != current:
            moves.append((target, doc_id, position))
    conn.executemany(
        "UPDATE occurrences SET record_id = ? WHERE doc_id = ? AND position = ?", moves
    )
    return len(moves)


def _drop_if_unused(conn: sqlite3.Connection, record_id: str) -> None:
    in_use = conn.execute(
        "SELECT 1 FROM occurrences WHERE record_id = ? OR original_record_id = ? UNION "
        "SELECT 1 FROM records WHERE merged_into = ? LIMIT 1",
        (record_id, record_id, record_id),
    ).fetchone()
    if in_use is None:
        conn.execute("DELETE FROM records WHERE id = ? AND merged_into IS NULL", (record_id,))


def _merge_in(
    lib: Library, conn: sqlite3.Connection, record_ids: Sequence[str], *, repoint: bool = True
) -> dict[str, Any]:
    """Merge inside an open transaction; returns the undo payload."""
    current = list(dict.fromkeys(_require(lib, conn, rid) for rid in record_ids))
    if len(current) < 2:
        raise UsageError(
            "a merge needs at least two different records",
            hint="these ids already stand for one record",
        )
    members = [
        Record.from_csl(json.loads(_record_row(conn, rid)[0]))  # type: ignore[index]
        for rid in current
    ]
    canonical_id = _merged_id(current)
    existed = _record_row(conn, canonical_id)
    lib.put_record(conn, canonical_record(members, canonical_id))
    conn.execute("UPDATE records SET merged_into = NULL WHERE id = ?", (canonical_id,))
    conn.executemany(
        "UPDATE records SET merged_into = ? WHERE id = ?", [(canonical_id, rid) for rid in current]
    )
    if repoint:
        _repoint(conn)
    return {
        "canonical": canonical_id,
        "members": current,
        "previous": None if existed is None else {"csl": existed[0], "merged_into": existed[1]},
    }


def _undo_merges(conn: sqlite3.Connection, payloads: Sequence[dict[str, Any]]) -> None:
    """Undo merges (latest first) with one re-pointing pass."""
    for payload in reversed(payloads):
        conn.executemany(
            "UPDATE records SET merged_into = NULL WHERE id = ? AND merged_into = ?",
            [(rid, payload["canonical"]) for rid in payload["members"]],
        )
    _repoint(conn)
    for payload in reversed(payloads):
        previous = payload.get("previous")
        if previous is None:
            _drop_if_unused(conn, payload["canonical"])
        else:
            conn.execute(
                "UPDATE records SET csl = ?, merged_into = ? WHERE id = ?",
                (previous["csl"], previous["merged_into"], payload["canonical"]),
            )
    if any(p.get("previous") for p in payloads):
        _repoint(conn)


# -- public operations --------------------------------------------------------------------
def merge(lib: Library, record_ids: Sequence[str]) -> str:
    """Merge records into a new canonical record; returns its id. Undoable."""
    with lib.transaction() as conn:
        payload = _merge_in(lib, conn, record_ids)
        _log(conn, "merge", payload)
    return str(payload["canonical"])


def unmerge(lib: Library, record_id: str) -> None:
    """Split a merge. For a canonical record every member gets its occurrences back; for a
    member only that member is taken out. Undoable."""
    with lib.transaction() as conn:
        row = _record_row(conn, record_id)
        if row is None:
            raise NotFoundError(f"no record with id {record_id!r}", hint="`caucbib list` shows ids")
        children = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM records WHERE merged_into = ? ORDER BY id", (record_id,)
            )
        ]
        if children:
            canonical, detach = record_id, children
        elif row[1] is not None:
            canonical, detach = row[1], [record_id]
        else:
            raise UsageError(f"record {record_id} is not part of a merge")
        canonical_row = _record_row(conn, canonical)
        conn.executemany(
            "UPDATE records SET merged_into = NULL WHERE id = ?", [(rid,) for rid in detach]
        )
        _repoint(conn)
        _log(
            conn,
            "unmerge",
            {
                "canonical": canonical,
                "detached": detach,
                "canonical_csl": canonical_row[0] if canonical_row else None,
                "canonical_merged_into": canonical_row[1] if canonical_row else None,
            },
        )


def _undo_unmerge(conn: sqlite3.Connection, payload: dict[str, Any]) -> None:
    canonical = payload["canonical"]
    if payload.get("canonical_csl") is not None and _record_row(conn, canonical) is None:
        conn.execute(
            "INSERT INTO records(id, csl, merged_into, created_at) VALUES (?, ?, ?, ?)",
            (canonical, payload["canonical_csl"], payload.get("canonical_merged_into"), now()),
        )
    if _record_row(conn, canonical) is not None:
        conn.executemany(
            "UPDATE records SET merged_into = ? WHERE id = ? AND merged_into IS NULL",
            [(canonical, rid) for rid in payload["detached"]],
        )
    _repoint(conn)


def mark_distinct(lib: Library, a: str, b: str) -> None:
    """Remember that records ``a`` and ``b`` are different works (dedupe will not join them)."""
    with lib.transaction() as conn:
        ca, cb = _require(lib, conn, a), _require(lib, conn, b)
        if ca == cb:
            raise UsageError(f"{a} and {b} are merged into one record", hint=f"unmerge {ca} first")
        low, high = sorted((ca, cb))
        existed = conn.execute(
            "SELECT 1 FROM distinct_pairs WHERE a = ? AND b = ?", (low, high)
        ).fetchone()
        conn.execute("INSERT OR IGNORE INTO distinct_pairs(a, b) VALUES (?, ?)", (low, high))
        _log(conn, "distinct", {"a": low, "b": high, "existed": existed is not None})


def apply_clusters(lib: Library, clusters: Sequence[ClusterReport | Cluster]) -> list[str]:
    """Merge the records of every cluster (one transaction, one undoable operation)."""
    merges: list[dict[str, Any]] = []
    with lib.transaction() as conn:
        for cluster in clusters:
            if isinstance(cluster, ClusterReport):
                ids = cluster.records
            else:
                ids = [member for member in cluster.members]
            current = list(dict.fromkeys(_require(lib, conn, rid) for rid in ids))
            if len(current) > 1:
                merges.append(_merge_in(lib, conn, current, repoint=False))
        _repoint(conn)
        if merges:
            _log(conn, "apply", {"merges": merges})
    return [str(m["canonical"]) for m in merges]


def undo(lib: Library) -> str | None:
    """Undo the last not-undone merge, unmerge, distinct or apply; a description, or None."""
    with lib.transaction() as conn:
        row = conn.execute(
            "SELECT id, kind, payload FROM operations WHERE undone = 0 AND kind IN ({})"
            " ORDER BY id DESC LIMIT 1".format(",".join("?" * len(KINDS))),
            KINDS,
        ).fetchone()
        if row is None:
            return None
        op_id, kind, blob = row
        payload = json.loads(blob)
        if kind == "merge":
            _undo_merges(conn, [payload])
            text = f"undid merge of {len(payload['members'])} records into {payload['canonical']}"
        elif kind == "apply":
            _undo_merges(conn, payload["merges"])
            text = f"undid {len(payload['merges'])} merges"
        elif kind == "unmerge":
            _undo_unmerge(conn, payload)
            text = f"undid unmerge of {payload['canonical']}"
        else:
            if not payload["existed"]:
                conn.execute(
                    "DELETE FROM distinct_pairs WHERE a = ? AND b = ?", (payload["a"], payload["b"])
                )
            text = f"undid distinct {payload['a']} / {payload['b']}"
        conn.execute("UPDATE operations SET undone = 1 WHERE id = ?", (op_id,))
    return text


def dedupe_library(
    lib: Library, *, threshold: float = DEFAULT_THRESHOLD, doc: str | None = None
) -> list[ClusterReport]:
    """Find duplicate groups among all occurrences (pure read). With ``doc``, only groups
    that include an occurrence of that document. Groups already merged are included."""
    if doc is not None:
        lib.document_id(doc)  # NotFoundError for an unknown document
    occurrences = lib.all_occurrences()
    items = [(str(i), record) for i, (_, record) in enumerate(occurrences)]
    distinct = [(str(a), str(b)) for a, b in lib.conn.execute("SELECT a, b FROM distinct_pairs")]
    reports: list[ClusterReport] = []
    for cluster in find_clusters(items, threshold=threshold, distinct=distinct):
        members = [occurrences[int(k)][0] for k in cluster.members]
        if doc is not None and not any(m.doc == doc for m in members):
            continue
        records = list(dict.fromkeys(m.record_id for m in members))
        reports.append(
            ClusterReport(
                [(m.doc, m.position) for m in members],
                records,
                cluster.score,
                cluster.reasons,
                len(records) == 1,
            )
        )
    return reports
