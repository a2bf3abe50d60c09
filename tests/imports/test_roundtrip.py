"""Export → import → export is a fixed point for every format; imports keep what they read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caucbib.export import export_records
from caucbib.imports import read_bibliography
from caucbib.model import Date, Name, Record

DATA = Path(__file__).parents[1] / "export" / "data" / "records.json"
CASES = [
    ("biblatex", False),
    ("biblatex", True),
    ("bibtex", False),
    ("bibtex", True),
    ("csl-json", False),
    ("ris", False),
]


def _records() -> list[Record]:
    return [Record.from_csl(i) for i in json.loads(DATA.read_text("utf-8"))]


@pytest.mark.parametrize(
    ("fmt", "ascii"), CASES, ids=[f"{f}-{'ascii' if a else 'utf8'}" for f, a in CASES]
)
def test_golden_set_is_a_fixed_point(fmt: str, ascii: bool) -> None:
    first = export_records(_records(), fmt, ascii=ascii)
    result = read_bibliography(first)
    assert result.failures == []
    assert len(result.records) == 13
    assert export_records(result.records, fmt, ascii=ascii) == first


@pytest.mark.parametrize(
    ("fmt", "ascii"), CASES, ids=[f"{f}-{'ascii' if a else 'utf8'}" for f, a in CASES]
)
def test_import_gives_back_the_fields(fmt: str, ascii: bool) -> None:
    original = {r.title: r for r in _records()}
    result = read_bibliography(export_records(list(original.values()), fmt, ascii=ascii))
    for record in result.records:
        source = original[record.title]
        assert record.type == source.type
        assert record.author == source.author
        assert record.editor == source.editor
        assert record.issued == source.issued
        assert record.page == source.page
        assert record.language == source.language
        assert record.container_title == source.container_title
        assert record.publisher == source.publisher


_text = st.text(
    alphabet=st.sampled_from(list("abcXYZ əƏıİğşçöüÇŞ Жжёщ %#&$_^~\\{}")),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")


@st.composite
def _record(draw: st.DrawFn) -> Record:
    title = draw(_text).strip()
    family = draw(_text).strip()
    return Record(
        type=draw(st.sampled_from(["article-journal", "book", "chapter", "thesis", "webpage"])),
        author=[
            Name(family=" ".join(family.split()), given="A."),
            Name(literal=" ".join(draw(_text).split())),
        ],
        title=" ".join(title.split()),
        container_title=" ".join(draw(_text).split()),
        issued=Date(draw(st.integers(1900, 2030))),
        language=draw(st.sampled_from(["az", "ru", "tr", "en", None])),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rec=_record(),
    fmt=st.sampled_from(["biblatex", "bibtex", "ris", "csl-json"]),
    ascii=st.booleans(),
)
def test_any_text_survives_export_and_import(rec: Record, fmt: str, ascii: bool) -> None:
    first = export_records([rec], fmt, ascii=ascii)
    if ascii and fmt in ("bibtex", "biblatex"):
        assert first.isascii()
    result = read_bibliography(first)
    assert result.failures == []
    (back,) = result.records
    assert back.title == rec.title
    assert back.author == rec.author
    assert back.container_title == rec.container_title
    assert export_records(result.records, fmt, ascii=ascii) == first
