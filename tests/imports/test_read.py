"""Reading .bib, RIS and CSL-JSON written by other tools, including broken files."""

from __future__ import annotations

import pytest

from caucbib.errors import InputError, UsageError
from caucbib.imports import detect_format, read_bibliography
from caucbib.model import Date, Name

FOREIGN_BIB = r"""
@string{ja = {Journal of Caspian Studies}}

@Article{Qasimov:2015,
  author    = {Qas{\i}mov, C{\"a}vid and {World Bank} and de Waal, Thomas},
  title     = {{NATO} and the {S}outh {Caucasus}: \"{O}zel bir bak{\i}{\c{s}}},
  journal   = ja,
  year      = 2015,
  month     = mar,
  pages     = {10--25},
  number    = {4},
  langid    = {turkish},
}

@book{broken,
  title = {Unbalanced {brace,
  year = {2001}
}

@inproceedings{ok2,
  author = {M{\textschwa}mm{\textschwa}dov, {\caucbibSchwa}li},
  title = {G{\"u}nd{\"u}z},
  booktitle = {Proceedings},
  url = {https://example.org/a%20b},
  year = {2020},
}
"""


def test_foreign_bib_decodes_latex_and_keeps_organisations() -> None:
    result = read_bibliography(FOREIGN_BIB, source="refs.bib")
    first = result.records[0]
    assert first.type == "article-journal"
    assert first.author == [
        Name(family="Qasımov", given="Cävid"),
        Name(literal="World Bank"),
        Name(family="Waal", given="Thomas", particle="de"),
    ]
    assert first.title == "NATO and the South Caucasus: Özel bir bakış"
    assert first.container_title == "Journal of Caspian Studies"
    assert first.issued == Date(2015, 3)
    assert first.page == "10-25"
    assert first.issue == "4"
    assert first.language == "tr"
    assert first.extra["citation-key"] == "Qasimov:2015"


def test_macros_of_the_ascii_export_decode_and_urls_stay_verbatim() -> None:
    result = read_bibliography(FOREIGN_BIB)
    ok2 = next(r for r in result.records if r.extra["citation-key"] == "ok2")
    assert ok2.author == [Name(family="Məmmədov", given="Əli")]
    assert ok2.URL == "https://example.org/a%20b"
    assert ok2.type == "paper-conference"


def test_broken_entry_is_reported_with_its_line_and_others_kept() -> None:
    result = read_bibliography(FOREIGN_BIB)
    keys = [r.extra["citation-key"] for r in result.records]
    assert "Qasimov:2015" in keys
    assert len(result.failures) >= 1
    failure = result.failures[0]
    assert failure.position == 15
    assert "closing" in failure.reason
    assert "broken" in failure.raw


def test_ris_with_continuation_and_stray_tag() -> None:
    text = "\n".join(
        [
            "AU  - Stray, Tag",
            "TY  - JOUR",
            "AU  - Yılmaz, Ayşe",
            "AU  - TASS",
            "TI  - A long title that",
            "continues on the next line",
            "T2  - Dergi",
            "PY  - 2022/05//",
            "SP  - 5",
            "EP  - 9",
            "SN  - 1234-567X",
            "ER  - ",
            "TY  - BOOK",
            "TI  - No end record",
        ]
    )
    result = read_bibliography(text)
    assert [f.position for f in result.failures] == [1]
    article, book = result.records
    assert article.author == [Name(family="Yılmaz", given="Ayşe"), Name(literal="TASS")]
    assert article.title == "A long title that continues on the next line"
    assert article.issued == Date(2022, 5)
    assert article.page == "5-9"
    assert article.ISSN == "1234-567X"
    assert book.type == "book" and book.title == "No end record"


def test_csl_json_bad_item_reported_by_line() -> None:
    text = '[\n  {"type": "book", "title": "Good", "id": "k1"},\n  42,\n  {"type": "book"}\n]'
    result = read_bibliography(text)
    assert [r.title for r in result.records] == ["Good", None]
    assert [(f.position, f.reason) for f in result.failures] == [
        (3, "CSL-JSON item is not an object")
    ]
    assert result.records[0].extra["citation-key"] == "k1"


def test_csl_json_lines_with_a_broken_line() -> None:
    text = (
        '{"type": "book", "title": "A"}\n{"type": "book", "title": \n{"type": "book", "title": "C"}'
    )
    result = read_bibliography(text, "csl-json")
    assert [r.title for r in result.records] == ["A", "C"]
    assert [f.position for f in result.failures] == [2]


def test_invalid_json_raises_input_error_with_line() -> None:
    with pytest.raises(InputError, match="line 2"):
        read_bibliography('[\n  {"type": }\n]')


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("@book{a, title={T}}", "bibtex"),
        ("TY  - JOUR\nER  - ", "ris"),
        ('[{"type":"book"}]', "csl-json"),
    ],
    ids=["bibtex", "ris", "csl-json"],
)
def test_format_detection(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_undetectable_text_and_unknown_format() -> None:
    with pytest.raises(InputError):
        read_bibliography("just some words")
    with pytest.raises(UsageError):
        read_bibliography("@book{a,}", "docx")


def test_zotero_style_ris_dates_prefer_the_fullest() -> None:
    text = "TY  - JOUR\nTI  - T\nPY  - 2020\nDA  - 2020/03/12/\nY2  - 2024-01-05 10:22:01\nER  - "
    (record,) = read_bibliography(text).records
    assert record.issued == Date(2020, 3, 12)
    assert record.accessed == Date(2024, 1, 5)


def test_csl_json_raw_dates_and_string_parts() -> None:
    text = '[{"id": "a", "type": "book", "issued": {"raw": "2019-05"}, "accessed": {"date-parts": [["2024", "3", "1"]]}}]'
    (record,) = read_bibliography(text).records
    assert record.issued == Date(2019, 5)
    assert record.accessed == Date(2024, 3, 1)


def test_and_others_is_et_al_both_ways() -> None:
    from caucbib.export import export_records
    from caucbib.model import Record

    record = Record(
        type="book",
        author=[Name(family="Иванов", given="И.")],
        et_al=["author"],
        title="Книга",
        issued=Date(2000),
    )
    text = export_records([record], "biblatex")
    assert "author = {Иванов, И. and others}," in text
    (back,) = read_bibliography(text).records
    assert back.author == record.author
    assert back.et_al == ["author"]


def test_string_concatenation_and_url_in_howpublished() -> None:
    text = (
        '@string{ja = "Journal of Caucasus Studies"}\n'
        '@article{k, title = {A}, journal = ja # ", Supplement", year = 2001}\n'
        "@misc{w, title = {T}, howpublished = {\\url{https://example.org/a_b}}}\n"
    )
    article, web = read_bibliography(text).records
    assert article.container_title == "Journal of Caucasus Studies, Supplement"
    assert web.URL == "https://example.org/a_b"
    assert web.container_title is None
