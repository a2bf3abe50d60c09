"""LaTeX safety: escaping, ASCII mode, case protection; the .bib reads back to the same text."""

from __future__ import annotations

import bibtexparser
import pytest

from caucbib.export import export_records
from caucbib.export.latex import protect_case
from caucbib.imports import read_bibliography
from caucbib.model import Date, Name, Record

HOSTILE = [
    r"\input{/etc/passwd}",
    r"\write18{rm -rf ~}",
    r"\csname foo\endcsname",
    "unbalanced { brace",
    "closing } first",
    "100% of # & $ _ ^ ~ \\",
]


@pytest.mark.parametrize(
    "text", HOSTILE, ids=["input", "write18", "csname", "open", "close", "specials"]
)
@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_hostile_text_is_escaped_and_reads_back(text: str, fmt: str) -> None:
    record = Record(
        type="book",
        author=[Name(family=text, given="A.")],
        title=text,
        note=text,
        issued=Date(2000),
    )
    bib = export_records([record], fmt)
    library = bibtexparser.parse_string(bib)
    assert library.failed_blocks == []
    body = bib.split("\n@", 1)[1]
    for command in ("\\input", "\\write18", "\\csname", "\\endcsname"):
        assert command not in body
    assert body.count("{") == body.count("}")
    (back,) = read_bibliography(bib).records
    assert back.title == text
    assert back.note == text
    assert back.author[0].family == text


def test_ascii_bibtex_is_pure_ascii_with_pdflatex_commands_and_header() -> None:
    record = Record(
        type="book",
        author=[Name(family="Əliyev", given="Şəhla")],
        title="Azərbaycanın İstanbul ilə ğ ı ç ö ü əlaqələri",
        publisher="Наука",
        issued=Date(2001),
        language="az",
    )
    bib = export_records([record], "bibtex", ascii=True)
    assert bib.isascii()
    assert "{\\caucbibSchwa}liyev, {\\c{S}}{\\textschwa}hla" in bib
    assert '{\\u{g}} {\\i} {\\c{c}} {\\"o} {\\"u}' in bib
    assert "{\\.I}stanbul" in bib
    assert "{\\caucbibCyr\\CYRN}{\\caucbibCyr\\cyra}{\\caucbibCyr\\cyru}" in bib
    assert '@preamble{"\\providecommand{\\caucbibCyr}[1]' in bib
    assert "\\providecommand{\\caucbibSchwa}{{\\fontencoding{T2A}\\selectfont \\CYRSCHWA}}" in bib
    assert "\\usepackage[T2A,T1]{fontenc}" in bib


def test_schwa_macro_is_configurable() -> None:
    record = Record(type="book", author=[Name(family="Əliyev")], title="T", issued=Date(2001))
    bib = export_records([record], "bibtex", ascii=True, schwa_macro="\\Schwa")
    assert "{\\Schwa}liyev" in bib


@pytest.mark.parametrize(
    ("title", "english", "expected"),
    [
        ("NATO and the OSCE in Europe", True, "{NATO} and the {OSCE} in Europe"),
        ("Energy policy of Azerbaijan", True, "Energy policy of {Azerbaijan}"),
        ("The Politics Of Energy In Baku", True, "The Politics Of Energy In Baku"),
        ("Cənubi Qafqazda enerji", False, "Cənubi {Qafqazda} enerji"),
        ("McCain's view (Georgia).", True, "{McCain's} view ({Georgia})."),
    ],
    ids=[
        "acronyms",
        "proper-noun-in-sentence-case",
        "title-case-left-alone",
        "non-english",
        "punct",
    ],
)
def test_case_protection(title: str, english: bool, expected: str) -> None:
    from caucbib.export.latex import is_title_case

    assert protect_case(title, title_case_english=english and is_title_case(title)) == expected


def test_organisation_is_double_braced() -> None:
    record = Record(type="report", author=[Name(literal="OSCE")], title="Report", issued=Date(2019))
    assert "author = {{OSCE}}," in export_records([record], "biblatex")
