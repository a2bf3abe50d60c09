"""The basic writers: BibTeX/biblatex through bibtexparser, CSL-JSON, RIS."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from caucbib.errors import UsageError
from caucbib.export import export_records
from caucbib.model import Date, Name, Record


def _records() -> list[Record]:
    return [
        Record(
            type="article-journal",
            id="r000000000001",
            author=[Name(family="Məmmədov", given="Əli"), Name(literal="OSCE")],
            title="Cənubi Qafqazda enerji siyasəti",
            container_title="Xəbərlər",
            issued=Date(2020, 3),
            volume="3",
            issue="2",
            page="83-89",
            language="az",
        ),
        Record(
            type="book",
            id="r000000000002",
            author=[Name(family="Иванов", given="И. И.")],
            title="О русском языке",
            issued=Date(2015),
            publisher="Наука",
            publisher_place="М.",
            language="ru",
        ),
        Record(
            type="report",
            id="r000000000003",
            author=[Name(literal="World Bank")],
            title="Azerbaijan: Country Report",
            issued=Date(2019),
        ),
    ]


@pytest.mark.parametrize("fmt", ["biblatex", "bibtex"])
def test_bib_output_parses_back_without_failed_blocks(fmt: str) -> None:
    text = export_records(_records(), fmt)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [
        "mammadov2020canubi",
        "ivanov2015russkom",
        "world2019azerbaijan",
    ]


def test_biblatex_names_types_and_fields() -> None:
    text = export_records(_records(), "biblatex")
    assert "@article{mammadov2020canubi," in text
    assert "author = {Məmmədov, Əli and {OSCE}}," in text
    assert "author = {{World Bank}}," in text
    assert "pages = {83--89}," in text
    assert "date = {2020-03}," in text
    assert "langid = {russian}," in text
    assert "langid = {azerbaijani}" not in text
    assert "@report{world2019azerbaijan," in text


def test_langid_azerbaijani_only_on_request() -> None:
    text = export_records(_records()[:1], "biblatex", langid_az=True)
    assert "langid = {azerbaijani}," in text


def test_classic_bibtex_uses_year_journal_and_techreport() -> None:
    text = export_records(_records(), "bibtex")
    assert "journal = {Xəbərlər}," in text
    assert "year = {2020}," in text
    assert "@techreport{world2019azerbaijan," in text


def test_csl_json_items_carry_key_type_and_language() -> None:
    items = json.loads(export_records(_records(), "csl-json"))
    assert [i["id"] for i in items] == [
        "mammadov2020canubi",
        "ivanov2015russkom",
        "world2019azerbaijan",
    ]
    assert items[0]["type"] == "article-journal"
    assert items[1]["language"] == "ru"
    assert items[2]["author"] == [{"literal": "World Bank"}]
    assert items[0]["custom"]["caucbib-id"] == "r000000000001"


def test_ris_lines() -> None:
    text = export_records(_records()[:1], "ris")
    assert text.splitlines()[:4] == [
        "TY  - JOUR",
        "ID  - mammadov2020canubi",
        "AU  - Məmmədov, Əli",
        "AU  - OSCE",
    ]
    assert "SP  - 83\nEP  - 89" in text
    assert text.rstrip().endswith("ER  -")


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        export_records(_records(), "docx")


def test_empty_csl_json_is_an_empty_array() -> None:
    assert json.loads(export_records([], "csl-json")) == []


def test_given_keys_keep_suffixes_of_a_selected_subset() -> None:
    from caucbib.export import citation_keys

    twins = [
        Record(
            type="book",
            id=f"r00000000000{i}",
            author=[Name(family="Aliyev")],
            issued=Date(2020),
            title="Neft",
        )
        for i in (1, 2)
    ]
    keys = citation_keys(twins)
    assert keys == ["aliyev2020neft", "aliyev2020nefta"]
    text = export_records(twins[1:], "biblatex", keys=keys[1:])
    assert "@book{aliyev2020nefta," in text
    with pytest.raises(UsageError):
        export_records(twins, "ris", keys=keys[:1])
