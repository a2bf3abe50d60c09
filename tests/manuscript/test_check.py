"""Checking citations against the reference list: planted problems, and a clean manuscript."""

from __future__ import annotations

from pathlib import Path

import pytest

from caucbib.api import parse_strings
from caucbib.check import CheckReport, check_document
from caucbib.find import extract_references
from caucbib.find.citations import document_citations, find_citations
from caucbib.find.read import read_document
from caucbib.model import Date, Name, Record

DATA = Path(__file__).parent / "data"


def _check_file(path: Path) -> CheckReport:
    text = read_document(path).text
    records = parse_strings(extract_references(text).references)
    return check_document(document_citations(text), list(enumerate(records, start=1)))


def _ref(family: str | None = None, year: int | None = None, *, raw: str | None = None,
         title: str | None = None, literal: str | None = None,
         more: tuple[str, ...] = ()) -> Record:
    names = [Name(family=family, given="A.")] if family else []
    names += [Name(family=f, given="B.") for f in more]
    if literal:
        names = [Name(literal=literal)]
    return Record(type="book", author=names, issued=Date(year) if year else None, title=title,
                  raw=raw)


def _kinds(report: CheckReport) -> list[tuple[str, str | None, int | None]]:
    return [(p.kind, p.citation[0] if p.citation else None, p.reference) for p in report.problems]


def test_planted_problems_are_reported_exactly() -> None:
    report = _check_file(DATA / "manuscript-problems.txt")
    assert _kinds(report) == [
        ("spelling", "(Hasanov, 2017; Brown & Lee, 2020)", 2),
        ("year-mismatch", "Qasımov (2014)", 3),
        ("ambiguous", "(Quliyev, 2018)", None),
        ("no-reference", "(Mammadli, 2012)", None),
        ("never-cited", None, 10),
    ]
    ambiguous = report.problems[2]
    assert ambiguous.candidates == (6, 7)
    assert "Həsənov" in report.problems[0].message
    assert not report.ok
    rows = report.to_rows()
    assert rows[1] == {"kind": "year-mismatch", "citation": "Qasımov (2014)", "position": 2,
                       "reference": 3, "candidates": "3",
                       "message": "cites Qasımov 2014, but reference 3 is Qasımov 2015"}


def test_fixed_manuscript_is_clean() -> None:
    report = _check_file(DATA / "manuscript-fixed.txt")
    assert report.problems == []
    assert report.ok
    # every reference is matched by some cited item
    assert sorted(set(report.matches.values())) == list(range(1, 11))


def test_numeric_citations_match_positions_and_flag_out_of_range() -> None:
    refs = [(i, _ref(f"Author{chr(64 + i)}", 2000 + i)) for i in (1, 2, 3)]
    report = check_document(find_citations("See [1], [2–3] and [7]."), refs)
    assert _kinds(report) == [("out-of-range", "[7]", None)]
    assert "the list has 3 references" in report.problems[0].message


def test_footnote_markers_match_by_order() -> None:
    refs = [(i, _ref(f"Author{chr(64 + i)}", 2000 + i)) for i in (1, 2)]
    report = check_document(find_citations("One[i] and two[ii]."), refs)
    assert report.ok
    assert report.matches == {(1, 0): 1, (2, 0): 2}


@pytest.mark.parametrize(
    "text, record",
    [
        ("(Conflict Resolution, 2006)",
         _ref(None, 2006, title="Conflict resolution in the South Caucasus")),
        ("(World Bank, 2019)", _ref(None, 2019, literal="World Bank", title="Ports")),
        ("(Ivanov, 2015)", _ref("Иванов", 2015, title="История")),
        ("(Smith et al., 2015)", _ref("Smith", 2015, more=("Brown", "Kaya"))),
        ("(Quliyev, 2018b)", _ref("Quliyev", 2018, raw="Quliyev, E. (2018b). Ticarət.")),
        ("В работе Иванова (2015)", _ref("Иванов", 2015)),
        ("у Петровой (2010)", _ref("Петрова", 2010)),
        ("(Macfarlane,\nno date)", _ref("Macfarlane", None, title="Notes")),
    ],
    ids=["organisation-title-start", "organisation-literal", "transliteration-is-not-misspelling",
         "et-al", "letter", "russian-genitive", "russian-feminine-instrumental", "no-date"],
)
def test_matches_without_problems(text: str, record: Record) -> None:
    others = [_ref("Quliyev", 2018, raw="Quliyev, E. (2018a). Gömrük.")] \
        if "2018b" in text else []
    refs = list(enumerate([*others, record], start=1))
    report = check_document(find_citations(text), refs)
    assert [p.kind for p in report.problems] == ["never-cited"] * len(others)
    assert report.matches == {(1, 0): len(refs)}


def test_missing_reference_names_the_likeliest_candidates() -> None:
    refs = [(1, _ref("Smith", 2015)), (2, _ref("Jones", 2015)), (3, _ref("Smithson", 1990))]
    report = check_document(find_citations("(Simth, 2015) and (Jones, 2015)."), refs)
    missing = report.problems[0]
    assert (missing.kind, missing.candidates) == ("no-reference", (1,))
    assert "closest: [1] Smith 2015" in missing.message
    spelled = check_document(find_citations("(Smyth, 2015)"), refs[:1])
    assert [p.kind for p in spelled.problems] == ["spelling"]


def test_latex_keys() -> None:
    record = _ref("Smith", 2015)
    record.id = "smith2015"
    report = check_document(find_citations(r"\cite{smith2015} and \cite{nokey}"),
                            [(1, record)])
    assert _kinds(report) == [("unresolved-key", r"\cite{nokey}", None)]


def test_citations_without_a_reference_list() -> None:
    report = check_document(find_citations("(Smith, 2015) and (Kaya, 2019)."), [])
    assert _kinds(report) == [("no-references", None, None)]
