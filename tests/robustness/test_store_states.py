"""Random sequences of ingest, merge, unmerge and undo keep the library consistent."""

from __future__ import annotations

from contextlib import suppress

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from caucbib import merging
from caucbib.doctor import check_library
from caucbib.errors import CaucbibError
from caucbib.model import Date, Name, Record
from caucbib.store import Library

POOL = [
    Record(type="book", id=f"r{n:012x}", title=title, author=[Name(family=family, given="R.")],
           issued=Date(2001), raw=f"{family} R. {title}. Bakı, 2001.")
    for n, (family, title) in enumerate([
        ("Məmmədov", "Qarabağ tarixi"), ("Mammadov", "Qarabag tarixi"),
        ("Мамедов", "История Карабаха"), ("Kaya", "Kafkasya"), ("Kaya", "Kafkasya'da"),
        ("Brown", "Pipelines"), ("Braun", "Pipelines"), ("Hüseynov", "Şəki xanlığı"),
    ])
]
DOCS = ["alpha", "beta", "gamma"]


class LibraryMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.lib = Library(":memory:")
        self.ingested: dict[str, list[str]] = {}

    def teardown(self) -> None:
        self.lib.close()

    def _mapping(self) -> list[tuple[str, int, str]]:
        return [(o.doc, o.position, o.record_id) for o, _ in self.lib.all_occurrences()]

    def _current_ids(self) -> list[str]:
        return sorted({rid for _, _, rid in self._mapping()})

    @rule(doc=st.sampled_from(DOCS), picks=st.lists(st.integers(0, len(POOL) - 1), max_size=6))
    def ingest(self, doc: str, picks: list[int]) -> None:
        """Add or replace a document, also between merges and their undo."""
        records = [POOL[i] for i in picks]
        with self.lib.transaction() as conn:
            self.lib.replace_document(conn, doc, None, f"h{picks}", records)
        self.ingested[doc] = [r.id or "" for r in records]

    @precondition(lambda self: len(self._current_ids()) >= 2)
    @rule(data=st.data())
    def merge(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(st.sampled_from(self._current_ids()), min_size=2, max_size=3,
                                 unique=True))
        merging.merge(self.lib, ids)

    @precondition(lambda self: len(self._current_ids()) >= 2)
    @rule(data=st.data())
    def merge_then_undo_restores(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(st.sampled_from(self._current_ids()), min_size=2, max_size=2,
                                 unique=True))
        before = self._mapping()
        merging.merge(self.lib, ids)
        merging.undo(self.lib)
        assert self._mapping() == before

    @precondition(lambda self: bool(self._current_ids()))
    @rule(data=st.data())
    def unmerge(self, data: st.DataObject) -> None:
        target = data.draw(st.sampled_from(self._current_ids()))
        with suppress(CaucbibError):  # not part of a merge: refused, nothing changed
            merging.unmerge(self.lib, target)

    @rule()
    def undo(self) -> None:
        merging.undo(self.lib)

    @invariant()
    def library_is_sound(self) -> None:
        assert check_library(self.lib) == []

    @invariant()
    def occurrences_follow_their_original_records(self) -> None:
        conn = self.lib.conn
        for doc, originals in self.ingested.items():
            rows = conn.execute(
                "SELECT o.position, o.original_record_id, o.record_id FROM occurrences o"
                " JOIN documents d ON d.id = o.doc_id WHERE d.name = ? ORDER BY o.position",
                (doc,)).fetchall()
            assert [r[0] for r in rows] == list(range(1, len(originals) + 1))
            assert [r[1] for r in rows] == originals
            for _, original, current in rows:
                assert current == self.lib.current_id(conn, original)


LibraryMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_library_state_machine = LibraryMachine.TestCase


def _ingest(lib: Library, doc: str, picks: list[int]) -> None:
    with lib.transaction() as conn:
        lib.replace_document(conn, doc, None, f"h{picks}", [POOL[i] for i in picks])


def _consistent(lib: Library) -> bool:
    conn = lib.conn
    rows = conn.execute("SELECT original_record_id, record_id FROM occurrences").fetchall()
    return check_library(lib) == [] and all(cur == lib.current_id(conn, orig)
                                            for orig, cur in rows)


def test_undo_merge_after_another_document_was_ingested() -> None:
    with Library(":memory:") as lib:
        _ingest(lib, "alpha", [0, 1])
        merging.merge(lib, [POOL[0].id or "", POOL[1].id or ""])
        _ingest(lib, "beta", [0])
        merging.undo(lib)
        assert _consistent(lib)


def test_undo_merge_after_the_document_was_ingested_again() -> None:
    with Library(":memory:") as lib:
        _ingest(lib, "alpha", [0, 1, 2])
        merging.merge(lib, [POOL[0].id or "", POOL[1].id or ""])
        _ingest(lib, "alpha", [0, 0])
        merging.undo(lib)
        assert _consistent(lib)


def test_undo_unmerge_after_the_document_was_ingested_again() -> None:
    with Library(":memory:") as lib:
        _ingest(lib, "alpha", [1, 0, 2, 3])
        canonical = merging.merge(lib, [POOL[0].id or "", POOL[1].id or "", POOL[2].id or ""])
        merging.unmerge(lib, canonical)
        _ingest(lib, "alpha", [0])
        merging.undo(lib)
        assert _consistent(lib)
