"""GOST R 7.0.100-2018 and 7.0.5-2008: per-entry terms, Cyrillic block first, numbering."""

from __future__ import annotations

import pytest

from caucbib.export.gost import format_gost, initials, render_entry
from caucbib.export.styles import format_bibliography
from caucbib.model import Name, Record

from .conftest import load_records


def by_id(key: str) -> Record:
    return next(r for r in load_records() if r.id == key)


GOST_100 = {
    "r-ivanov": "Иванов, И. И. История Кавказа в XIX веке / И. И. Иванов. – М. : Наука, 2015. "
    "– 320 с.",
    "r-petrov": "Петров, А. В. Энергетическая политика Азербайджана / А. В. Петров, Б. Г. Сидоров "
    "// Вестник международных отношений. – 2019. – Т. 5, № 2. – С. 83–89. "
    "– DOI 10.1234/vmo.2019.2.83.",
    "r-priego": "Priego, A. NATO cooperation towards the South Caucasus / A. Priego // Caucasian "
    "Review of International Affairs. – 2008. – Vol. 2, No. 1. – P. 50–57.",
    "r-tass": "Переговоры в Баку завершились / ТАСС. – 2020. – URL: "
    "https://example.org/tass/baku-talks (дата обращения: 12.03.2020). – Текст : электронный.",
    "r-kaleji": "Kaleji, V. Iran and the Zangezur corridor / V. Kaleji // Eurasia Daily Monitor. "
    "– 2024. – URL: https://example.org/edm/iran-zangezur (accessed: 01.03.2024). "
    "– Text : electronic.",
    "r-smirnova": "Smirnova, O. P. Regional cooperation in the Caspian basin / O. P. Smirnova "
    "// Proceedings of Kazan University. – 2021. – Vol. 11, No. 1. – P. 58–70. (In Russ.)",
    "r-alizada": "Əlizadə, R. Qafqaz Albaniyasının tarixi coğrafiyası : Fəlsəfə doktoru "
    "dissertasiyası / R. Əlizadə ; Bakı Dövlət Universiteti. – Bakı, 2012.",
}
GOST_5 = {
    "r-ivanov": "Иванов И. И. История Кавказа в XIX веке. М.: Наука, 2015. 320 с.",
    "r-petrov": "Петров А. В., Сидоров Б. Г. Энергетическая политика Азербайджана // Вестник "
    "международных отношений. 2019. Т. 5, № 2. С. 83–89. DOI: 10.1234/vmo.2019.2.83.",
    "r-lipschutz": "Lipschutz R. D. Pipelines and politics // The Caspian in world affairs / eds. "
    "J. Smith, P. Brown. Oxford: Oxford University Press, 2011. P. 101–120.",
    "r-tass": "Переговоры в Баку завершились [Электронный ресурс] / ТАСС. 2020. URL: "
    "https://example.org/tass/baku-talks (дата обращения: 12.03.2020).",
    "r-kaleji": "Kaleji V. Iran and the Zangezur corridor [Electronic resource] // Eurasia Daily "
    "Monitor. 2024. URL: https://example.org/edm/iran-zangezur (accessed: 01.03.2024).",
}


@pytest.mark.parametrize("key", sorted(GOST_100))
def test_gost_7_0_100_entries(key: str) -> None:
    assert render_entry(by_id(key), "gost-r-7.0.100-2018") == GOST_100[key]


@pytest.mark.parametrize("key", sorted(GOST_5))
def test_gost_7_0_5_entries(key: str) -> None:
    assert render_entry(by_id(key), "gost-r-7.0.5-2008") == GOST_5[key]


def test_cyrillic_block_first_then_latin_numbered() -> None:
    lines = format_bibliography(load_records(), "gost-r-7.0.100-2018").splitlines()
    assert lines[0].startswith("1. Иванов, И. И.")
    assert lines[1].startswith("2. Переговоры в Баку")  # no heading: sorted by its title
    assert lines[2].startswith("3. Петров, А. В.")
    assert lines[3].startswith("4. Annual report on the South Caucasus / OSCE.")
    assert lines[4].startswith("5. Əlizadə, R.")
    assert len(lines) == 13


def test_latin_first_and_document_order_are_configurable() -> None:
    records = load_records()
    latin_first = format_gost(records, "gost-r-7.0.5-2008", sort="latin-first").splitlines()
    assert latin_first[-1].startswith("13. ")
    assert "Переговоры" in latin_first[-1] or "Петров" in latin_first[-1]
    document = format_gost(records, "gost-r-7.0.5-2008", sort="document").splitlines()
    assert document[0].startswith("1. Həsənova K.")


def test_four_authors_go_to_the_statement_with_et_al() -> None:
    record = Record(
        type="book",
        author=[Name(family=f"Автор{i}", given="Иван") for i in range(4)],
        title="Коллективная монография",
        publisher="Элм",
        publisher_place="Баку",
        issued=None,
    )
    assert render_entry(record, "gost-r-7.0.100-2018") == (
        "Коллективная монография / И. Автор0, И. Автор1, И. Автор2 [и др.]. – Баку : Элм."
    )


@pytest.mark.parametrize(
    ("given", "expected"),
    [("Иван Иванович", "И. И."), ("Jean-Paul", "J.-P."), ("A.A.", "A. A."), ("K.", "K.")],
)
def test_initials(given: str, expected: str) -> None:
    assert initials(given) == expected


def test_html_list() -> None:
    html = format_gost(load_records()[:1], "gost-r-7.0.100-2018", output_format="html")
    assert html.startswith('<ol class="csl-bib-body">\n  <li>Həsənova, K.')


def test_et_al_printed_in_the_statement() -> None:
    record = Record(
        type="book",
        author=[Name(family="Иванов", given="И.")],
        et_al=["author"],
        title="Книга",
        publisher="Наука",
        publisher_place="М.",
    )
    assert render_entry(record, "gost-r-7.0.100-2018") == (
        "Иванов, И. Книга / И. Иванов [и др.]. – М. : Наука."
    )
    assert render_entry(record, "gost-r-7.0.5-2008") == "Книга / И. Иванов [и др.]. М.: Наука."
