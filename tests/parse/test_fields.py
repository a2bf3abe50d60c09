"""Field normalisers: pages, counts, volume/issue, identifiers, text cleaning, dates, language."""

from __future__ import annotations

import pytest

from caucbib.model import Date
from caucbib.parse import fields as f
from caucbib.parse.dates import parse_date
from caucbib.parse.language import detect_language, language_note


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("С. 83 - 89", "83-89"), ("pp. 6–7, 19–21, 58–67", "6-7, 19-21, 58-67"),
     ("s.32-37", "32-37"), ("səh. 78", "78"), ("ss. 213 - 229", "213-229"), ("с. 364", "364"),
     ("стр. 12–15", "12-15"), ("sayfa 5", "5"), ("p. 190- 199", "190-199"), ("45", "45"),
     ("Sayfa aralığı: 12-30", "12-30"), ("Page range: 5-9", "5-9")],
)
def test_pages(printed: str, expected: str) -> None:
    assert f.clean_pages(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("132 s.", "132"), ("283 səh.", "283"), ("161 с", "161"), ("100 p.", "100"),
     ("270 стр.", "270"), ("201л.", "201")],
)
def test_page_count(printed: str, expected: str) -> None:
    assert f.page_count(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("Т. 8", "8"), ("Vol. 2", "2"), ("Cilt: 5", "5"), ("III cild", "III"), ("1. cilt", "1"),
     ("C: 8", "8"), ("т.II", "II"), ("vol. 14", "14"), ("Cilt: 0", None), ("yıl 24", "24")],
)
def test_volume(printed: str, expected: str | None) -> None:
    assert f.clean_volume(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("№ 2", "2"), ("Sayı: 16", "16"), ("no. 26", "26"), ("вып. 1", "1"), ("9/10", "9/10"),
     ("1-2", "1-2"), ("5(211)", "5"), ("S:102", "102"), ("N 10", "10"), ("Sayı: 0", None)],
)
def test_issue(printed: str, expected: str | None) -> None:
    assert f.clean_issue(printed) == expected


def test_identifiers() -> None:
    assert f.clean_doi("https://doi.org/10.1080/02634937.2016.1") == "10.1080/02634937.2016.1"
    assert f.clean_doi("doi:10.52340/abc.2022.26.06.") == "10.52340/abc.2022.26.06"
    assert f.clean_url("https://example.az/a/b.html.") == "https://example.az/a/b.html"
    assert f.clean_isbn("ISBN 978-5-02-012345-6") == "978-5-02-012345-6"
    assert f.clean_edition("2nd ed.") == "2"
    assert f.clean_edition("3-е изд.") == "3"


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("«Maarif»", "Maarif"), ('"Ədəbiyyat"', "Ədəbiyyat"), ("Qədim tarix.", "Qədim tarix"),
     ("Очерки истории 1801-1853 гг.", "Очерки истории 1801-1853 гг."), ("Başlık,", "Başlık"),
     ("“Kafkas” Sözü Üzerine", "“Kafkas” Sözü Üzerine")],
)
def test_clean_text(printed: str, expected: str) -> None:
    assert f.clean_text(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("2021", Date(2021)), ("Haziran 1992", Date(1992, 6)), ("12.03.2020", Date(2020, 3, 12)),
     ("March 15, 2026", Date(2026, 3, 15)), ("2022, Yanvar 13", Date(2022, 1, 13)),
     ("10 November 2020", Date(2020, 11, 10)), ("дата обращения: 21.10.2018", Date(2018, 10, 21)),
     ("5 мая 1972 г.", Date(1972, 5, 5)), ("2015-07-01", Date(2015, 7, 1)), ("b.t.", None)],
)
def test_dates(printed: str, expected: Date | None) -> None:
    assert parse_date(printed) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Azərbaycanın qədim şəhərləri", "az"), ("Osmanlı Devleti ve Kafkasya", "tr"),
     ("Очерки по истории Кавказа", "ru"), ("The Caucasus Frontier", "en"),
     ("საქართველოს ისტორია", "ka"), ("Հայոց պատմություն", "hy"),
     ("Geschichte des Kaukasus", "de")],
)
def test_language_by_script_and_words(title: str, expected: str) -> None:
    assert detect_language(title) == expected


def test_language_notes_override_the_script() -> None:
    assert language_note("Mountain villages. Bulletin. 2019;12(3):44-59. (In Russ.)") == "ru"
    assert language_note("Кутаиси, 1901 (на груз. яз.)") == "ka"
    assert language_note("The rivers of the Kura. Baku, 1981 (in Azerbaijani).") == "az"
    assert language_note("Plain English title") is None


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("Elm və tarix jurnalı", "Elm və tarix"), ("Azərbaycan Tarixi Jurnalı", "Azərbaycan Tarixi Jurnalı"),
     ("Вестник истории=History Bulletin", "Вестник истории"),
     ("Kafkas Araştırmaları, Cilt", "Kafkas Araştırmaları"), ("«Elm»", "Elm")],
)
def test_container(printed: str, expected: str) -> None:
    assert f.clean_container(printed) == expected


def _relabel(text: str, runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Label every token of ``text`` by the run (label, substring) it falls in, repair, group."""
    from caucbib.parse.assemble import spans
    from caucbib.parse.repairs import repair_labels
    from caucbib.parse.tokens import tokenize

    tokens = tokenize(text)
    labels = ["O"] * len(tokens)
    cursor = 0
    for label, piece in runs:  # runs in printed order
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        for k, tok in enumerate(tokens):
            if start <= tok.start < start + len(piece):
                labels[k] = label
    return spans(tokens, repair_labels(tokens, labels, text), text)


def test_glued_place_and_publisher_split_from_the_title() -> None:
    text = "Rzayev V. Dağ kəndləri. Bakı-Maarif, 1991. 210 s."
    got = _relabel(text, [("author", "Rzayev V."), ("title", "Dağ kəndləri. Bakı-Maarif"),
                          ("issued", "1991"), ("number-of-pages", "210 s.")])
    assert ("publisher-place", "Bakı") in got and ("publisher", "Maarif") in got
    assert ("title", "Dağ kəndləri.") in got


def test_hyphenated_title_word_is_not_an_imprint() -> None:
    text = "Rzayev V. Qafqaz-Avropa əlaqələri. Bakı: Maarif, 1991."
    runs = [("author", "Rzayev V."), ("title", "Qafqaz-Avropa əlaqələri"),
            ("publisher-place", "Bakı"), ("publisher", "Maarif"), ("issued", "1991")]
    assert ("title", "Qafqaz-Avropa əlaqələri") in _relabel(text, runs)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("Наука: Тип. АН СССР", "Наука"), ("Elm; Mətbəə 3", "Elm"), ("Maarif", "Maarif"),
     ("Тип. Губернского правления", "Тип. Губернского правления")],
)
def test_publisher_without_printer(printed: str, expected: str) -> None:
    assert f.clean_publisher(printed) == expected


def test_marked_volume_slash_number_is_volume_and_issue() -> None:
    text = "Kaya A. Bir inceleme // Dil Dergisi Volume 4/2 Spring 2009, s. 10-19."
    got = _relabel(text, [("author", "Kaya A."), ("title", "Bir inceleme"),
                          ("container-title", "Dil Dergisi"), ("volume", "4"),
                          ("issued", "Spring 2009"), ("page", "s. 10-19")])
    assert ("volume", "4") in got and ("issue", "2") in got


def test_unmarked_consecutive_double_issue_stays_one_issue() -> None:
    text = "Kaya A. Bir inceleme // Dil Dergisi. 2009. 9/10. S. 10-19."
    got = _relabel(text, [("author", "Kaya A."), ("title", "Bir inceleme"),
                          ("container-title", "Dil Dergisi"), ("issued", "2009"),
                          ("volume", "9"), ("issue", "10"), ("page", "S. 10-19")])
    assert ("issue", "9/10") in got
