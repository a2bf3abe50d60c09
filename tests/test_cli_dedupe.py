"""dedupe / merge / undo / distinct through the CLI, on the seed lists and variants of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from caucbib.cli import app
from caucbib.store import Library
from tests.conftest import REFS, REPO

VARIANTS = REPO / "tests" / "data" / "seed-variants.txt"
ORG = "south-caucasus-organisations"
NOTES = "csto-karabakh-footnotes"
# variant position → (document, position) of the original it restyles
EXPECTED = {1: (ORG, 9), 2: (ORG, 11), 3: (ORG, 3), 4: (ORG, 19), 5: (ORG, 17), 6: (ORG, 10),
            7: (NOTES, 7), 8: (ORG, 14)}
SAME_IN_SOURCE = {(NOTES, 5), (NOTES, 6)}  # [v] and [vi] print the same charter twice


@pytest.fixture
def run(library_path: Path):  # type: ignore[no-untyped-def]
    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(app, ["--library", str(library_path), *args])

    assert invoke("ingest", str(REFS / f"{ORG}.txt"), str(REFS / f"{NOTES}.txt"),
                  str(VARIANTS)).exit_code == 0
    return invoke


def _clusters(run) -> list[set[tuple[str, int]]]:  # type: ignore[no-untyped-def]
    result = run("dedupe", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert all(c["reasons"] and "score" in c for c in data)
    return [{(m["doc"], m["position"]) for m in c["members"]} for c in data]


def test_each_variant_is_linked_to_its_original_and_nothing_else(run) -> None:
    clusters = _clusters(run)
    expected = [{("seed-variants", v), original} for v, original in EXPECTED.items()]
    expected.append(SAME_IN_SOURCE)
    assert sorted(map(sorted, clusters)) == sorted(map(sorted, expected))


def _content(library_path: Path) -> dict[str, object]:
    with Library(library_path) as lib:
        return {
            "records": sorted(lib.conn.execute(
                "SELECT id, csl, merged_into FROM records").fetchall()),
            "occurrences": sorted(lib.conn.execute(
                "SELECT doc_id, position, raw, record_id, original_record_id FROM occurrences"
            ).fetchall()),
            "distinct": sorted(lib.conn.execute("SELECT a, b FROM distinct_pairs").fetchall()),
        }


def test_apply_then_undo_restores_the_library(run, library_path: Path) -> None:
    before = _content(library_path)
    assert run("dedupe", "--apply").exit_code == 0
    merged = json.loads(run("dedupe", "--format", "json").stdout)
    assert merged and all(c["merged"] for c in merged)
    exported = json.loads(run("export", "--doc", "seed-variants", "-f", "csl-json").stdout)
    assert len(exported) == 8  # the document still lists its own references, in order
    undo = run("undo")
    assert undo.exit_code == 0 and "undid" in undo.stderr
    assert _content(library_path) == before
    assert "nothing to undo" in run("undo").stderr


def test_merge_unmerge_and_distinct(run) -> None:
    rows = json.loads(run("list", "--doc", ORG, "--format", "json").stdout)
    first, second = rows[0]["id"], rows[1]["id"]
    merged = run("merge", first, second)
    assert merged.exit_code == 0
    canonical = merged.stdout.strip()
    shown = json.loads(run("show", canonical, "--format", "json").stdout)
    assert {o["position"] for o in shown["occurrences"]} == {1, 2}
    assert run("unmerge", canonical).exit_code == 0
    again = json.loads(run("list", "--doc", ORG, "--format", "json").stdout)
    assert [again[0]["id"], again[1]["id"]] == [first, second]
    variants = json.loads(run("list", "--doc", "seed-variants", "--format", "json").stdout)
    buzan_variant = variants[2]["id"]
    buzan = rows[2]["id"]
    assert run("distinct", buzan, buzan_variant).exit_code == 0
    clusters = _clusters(run)
    assert not any({(ORG, 3), ("seed-variants", 3)} <= c for c in clusters)


def test_merge_needs_two_known_records(run) -> None:
    assert run("merge", "r1").exit_code == 2
    result = run("merge", "r000000000000", "r000000000001")
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
