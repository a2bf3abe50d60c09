"""Merge, unmerge, distinct, undo and dedupe against a real (in-memory) library."""

from __future__ import annotations

from pathlib import Path

import pytest

from caucbib import api
from caucbib.errors import NotFoundError, UsageError
from caucbib.merging import apply_clusters, dedupe_library, mark_distinct, merge, undo, unmerge
from caucbib.store import Library

LINES = [
    "Həsənov N. Qarabağın tarixi toponimləri: lüğət-məlumat kitabı. – Bakı: Nurlan, 2005. – 312 s.",
    "Hesenov, N. (2005). Qarabagin tarixi toponimleri. Baki: Nurlan.",
    "Kaya, D. (2010). Âşık Edebiyatı Araştırmaları 1. Cilt. Ankara: Akçağ Yayınları.",
    "Kaya, D. (2010). Âşık Edebiyatı Araştırmaları 2. Cilt. Ankara: Akçağ Yayınları.",
    "Гасанов Н. Карабагын тарихи топонимлари. – Баку: Нурлан, 2005. – 312 с.",
]


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    path = tmp_path / "refs.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    library = Library(":memory:")
    api.ingest(library, [path], doc="thesis", lines=True)
    return library


def state(lib: Library) -> dict[str, list[tuple[object, ...]]]:
    tables = {
        "records": "SELECT id, csl, merged_into FROM records ORDER BY id",
        "occurrences": "SELECT doc_id, position, record_id, original_record_id FROM occurrences"
        " ORDER BY doc_id, position",
        "distinct": "SELECT a, b FROM distinct_pairs ORDER BY a, b",
    }
    return {name: [tuple(r) for r in lib.conn.execute(sql)] for name, sql in tables.items()}


def record_at(lib: Library, position: int) -> str:
    return lib.document_records("thesis")[position - 1][0].record_id


def test_dedupe_library_reports_members_by_document_and_position(lib: Library) -> None:
    reports = dedupe_library(lib)
    assert [r.to_dict()["members"] for r in reports] == [
        [
            {"doc": "thesis", "position": 1},
            {"doc": "thesis", "position": 2},
            {"doc": "thesis", "position": 5},
        ]
    ]
    data = reports[0].to_dict()
    assert len(data["records"]) == 3 and data["merged"] is False and data["reasons"]
    assert dedupe_library(lib, doc="thesis") == reports
    with pytest.raises(NotFoundError):
        dedupe_library(lib, doc="nope")


def test_merge_repoints_occurrences_and_undo_restores_everything(lib: Library) -> None:
    before = state(lib)
    ids = [record_at(lib, 1), record_at(lib, 2), record_at(lib, 5)]
    canonical = merge(lib, ids)
    assert {record_at(lib, p) for p in (1, 2, 5)} == {canonical}
    record = lib.get_record(canonical)
    assert record.title == "Qarabağın tarixi toponimləri: lüğət-məlumat kitabı"
    assert record.extra["custom"]["merged-from"] == ids
    report = dedupe_library(lib)[0]
    assert report.merged and report.records == [canonical] and "merged" in report.reasons
    assert undo(lib) == f"undid merge of 3 records into {canonical}"
    assert state(lib) == before
    assert undo(lib) is None


def test_unmerge_a_member_and_the_whole_group_then_undo(lib: Library) -> None:
    ids = [record_at(lib, 1), record_at(lib, 2), record_at(lib, 5)]
    canonical = merge(lib, ids)
    merged_state = state(lib)
    unmerge(lib, ids[2])
    assert record_at(lib, 5) == ids[2] and record_at(lib, 1) == canonical
    undo(lib)
    assert state(lib) == merged_state
    unmerge(lib, canonical)
    assert [record_at(lib, p) for p in (1, 2, 5)] == ids
    undo(lib)
    assert state(lib) == merged_state
    with pytest.raises(UsageError):
        unmerge(lib, record_at(lib, 3))


def test_mark_distinct_keeps_records_apart_and_is_undoable(lib: Library) -> None:
    before = state(lib)
    mark_distinct(lib, record_at(lib, 1), record_at(lib, 5))
    members = [m for r in dedupe_library(lib) for m in r.members]
    assert not {("thesis", 1), ("thesis", 5)} <= set(members)
    undo(lib)
    assert state(lib) == before


def test_apply_clusters_is_one_undoable_operation(lib: Library) -> None:
    before = state(lib)
    canonicals = apply_clusters(lib, dedupe_library(lib))
    assert len(canonicals) == 1
    assert dedupe_library(lib)[0].merged
    assert undo(lib) == "undid 1 merges"
    assert state(lib) == before


def test_bad_merges_raise_caucbib_errors(lib: Library) -> None:
    with pytest.raises(NotFoundError):
        merge(lib, ["r000000000000", record_at(lib, 1)])
    with pytest.raises(UsageError):
        merge(lib, [record_at(lib, 1), record_at(lib, 1)])
    canonical = merge(lib, [record_at(lib, 3), record_at(lib, 4)])
    with pytest.raises(UsageError):
        mark_distinct(lib, record_at(lib, 3), canonical)


def _consistent(lib: Library) -> bool:
    conn = lib.conn
    rows = conn.execute("SELECT original_record_id, record_id FROM occurrences").fetchall()
    return all(current == lib.current_id(conn, original) for original, current in rows)


def test_undo_after_the_document_was_ingested_again(lib: Library, tmp_path: Path) -> None:
    canonical = merge(lib, [record_at(lib, 1), record_at(lib, 2)])
    again = tmp_path / "again.txt"
    again.write_text("\n".join([LINES[1], LINES[0], LINES[2]]) + "\n", encoding="utf-8")
    api.ingest(lib, [again], doc="thesis", lines=True)
    api.ingest(lib, [again], doc="other", lines=True)
    assert record_at(lib, 1) == canonical  # new occurrences follow the merge
    undo(lib)
    assert _consistent(lib) and record_at(lib, 1) != record_at(lib, 2)
    assert lib.integrity_problems() == []


def test_undo_unmerge_after_the_document_was_ingested_again(lib: Library, tmp_path: Path) -> None:
    canonical = merge(lib, [record_at(lib, 1), record_at(lib, 2), record_at(lib, 5)])
    unmerge(lib, canonical)
    again = tmp_path / "again.txt"
    again.write_text(LINES[0] + "\n", encoding="utf-8")
    api.ingest(lib, [again], doc="thesis", lines=True)  # may drop the orphaned canonical
    undo(lib)
    assert _consistent(lib) and record_at(lib, 1) == canonical
    assert lib.integrity_problems() == []
