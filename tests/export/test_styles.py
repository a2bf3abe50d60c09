"""Golden tests per style on the fixed multilingual set (tests/export/data/records.json).

Expected strings were checked by hand against the manuals: APA 7 (10.1 journal article,
10.3 chapter in an edited book, 10.6 unpublished dissertation, 9.29 author = publisher),
Chicago 18 author-date, MLA 9, Cite Them Right (Harvard), IEEE reference guide,
GOST R 7.0.5-2008 and GOST R 7.0.100-2018.
"""

from __future__ import annotations

from functools import cache

import pytest

from caucbib.errors import NotFoundError, UsageError
from caucbib.export.styles import format_bibliography, list_styles

from .conftest import load_records


@cache
def render(style: str, locale: str | None = None, sort: str | None = None) -> list[str]:
    text = format_bibliography(load_records(), style, locale=locale, sort=sort)
    return text.splitlines()


def surnames(lines: list[str], wanted: list[str]) -> list[str]:
    order = []
    for line in lines:
        for name in wanted:
            if name in line.split(",")[0].split(".")[0]:
                order.append(name)
    return order


DEMO = ["Həsənova", "Hughes", "Priego", "Qasımov", "Kaleji", "Lipschutz"]


def test_apa_english_alphabet_puts_hasanova_before_hughes_and_qasimov_after_priego() -> None:
    assert surnames(render("apa"), DEMO) == [
        "Həsənova",
        "Hughes",
        "Kaleji",
        "Lipschutz",
        "Priego",
        "Qasımov",
    ]


def test_apa_azerbaijani_locale_orders_k_q_l() -> None:
    assert surnames(render("apa", "az-AZ"), DEMO) == [
        "Həsənova",
        "Hughes",
        "Kaleji",
        "Qasımov",
        "Lipschutz",
        "Priego",
    ]


APA = {
    "Priego": "Priego, A. (2008). NATO cooperation towards the South Caucasus. Caucasian Review "
    "of International Affairs, 2(1), 50–57.",
    "Lipschutz": "Lipschutz, R. D. (2011). Pipelines and politics. In J. Smith & P. Brown (Eds.), "
    "The Caspian in world affairs (pp. 101–120). Oxford University Press.",
    "Əlizadə": "Əlizadə, R. (2012). Qafqaz Albaniyasının tarixi coğrafiyası [Fəlsəfə doktoru "
    "dissertasiyası]. Bakı Dövlət Universiteti.",
    "OSCE": "OSCE. (2019). Annual report on the South Caucasus.",
    "Qasımov": "Qasımov, C., & Nağıyev, N. (2015). Milli təhlükəsizliyin nəzəri əsasları. Elm.",
}


@pytest.mark.parametrize("who", sorted(APA))
def test_apa7_entries(who: str) -> None:
    assert APA[who] in render("apa")


def test_apa_in_azerbaijani_uses_shipped_locale_terms() -> None:
    lines = render("apa", "az-AZ")
    assert (
        "Lipschutz, R. D. (2011). Pipelines and politics. J. Smith & P. Brown (Red.), "
        "The Caspian in world affairs (ss. 101–120). Oxford University Press."
    ) in lines
    assert any("(2024, fevral 7)" in line for line in lines)


CHICAGO = [
    "Priego, Alberto. 2008. “NATO Cooperation Towards the South Caucasus.” Caucasian Review of "
    "International Affairs 2 (1): 50–57.",
    "Həsənova, Kəmalə. 2017. “Cənubi Qafqazda enerji təhlükəsizliyi məsələləri.” Azərbaycan "
    "Universitetinin Xəbərləri 12 (3): 45–58.",
    "Hughes, Christopher W. 2010. Energy Security and the Caspian Region. Routledge.",
]


@pytest.mark.parametrize("entry", CHICAGO, ids=["journal", "azerbaijani-not-title-cased", "book"])
def test_chicago_author_date_entries(entry: str) -> None:
    assert entry in render("chicago-author-date")


MLA = [
    "Priego, Alberto. “NATO Cooperation Towards the South Caucasus.” Caucasian Review of "
    "International Affairs, vol. 2, no. 1, 2008, pp. 50–57.",
    "Lipschutz, Ronnie D. “Pipelines and Politics.” The Caspian in World Affairs, edited by Jane "
    "Smith and Peter Brown, Oxford University Press, 2011, pp. 101–20.",
    "Yılmaz, Ayşe, and Mehmet Öztürk. “Türkiye-Azerbaycan ilişkilerinde İstanbul’un rolü.” "
    "Uluslararası İlişkiler Dergisi, vol. 80, no. 3, 2022, pp. 1021–65.",
    "Smirnova, Olga P. “Regional Cooperation in the Caspian Basin.” Proceedings of Kazan "
    "University, vol. 11, no. 1, 2021, pp. 58–70.",
]


@pytest.mark.parametrize(
    "entry", MLA, ids=["journal", "chapter", "turkish-not-title-cased", "in-russ-english-title"]
)
def test_mla9_entries(entry: str) -> None:
    assert entry in render("modern-language-association")


def test_harvard_cite_them_right_entries() -> None:
    lines = render("harvard-cite-them-right")
    assert "Hughes, C.W. (2010) Energy security and the Caspian region. London: Routledge." in lines
    assert (
        "Qasımov, C. and Nağıyev, N. (2015) Milli təhlükəsizliyin nəzəri əsasları. Bakı: Elm."
        in lines
    )
    assert any(
        line.startswith("OSCE (2019) Annual report on the South Caucasus.") for line in lines
    )


def test_ieee_numbers_in_document_order() -> None:
    lines = render("ieee")
    assert lines[0] == (
        "[1] K. Həsənova, “Cənubi Qafqazda enerji təhlükəsizliyi məsələləri,” Azərbaycan "
        "Universitetinin Xəbərləri, vol. 12, no. 3, pp. 45–58, 2017."
    )
    assert lines[1] == (
        "[2] C. W. Hughes, Energy security and the Caspian region. London: Routledge, 2010."
    )
    assert lines[6] == "[7] И. И. Иванов, История Кавказа в XIX веке. М.: Наука, 2015."
    assert len(lines) == 13


def test_ieee_alphabetical_on_request() -> None:
    lines = render("ieee", None, "alphabetical")
    assert lines[0].startswith("[1] R. Əlizadə,")


def test_html_output_has_entries() -> None:
    html = format_bibliography(load_records()[:2], "apa", output_format="html")
    assert html.count('class="csl-entry"') == 2
    assert "<em>Azərbaycan Universitetinin Xəbərləri</em>" in html


def test_list_styles_has_offline_styles_and_gost() -> None:
    ids = dict(list_styles())
    assert "gost-r-7.0.100-2018" in ids and "gost-r-7.0.5-2008" in ids
    assert ids["apa"] == "APA Style 7th edition"
    assert len(ids) > 2000


def test_unknown_style_sort_and_format_are_errors() -> None:
    with pytest.raises(NotFoundError):
        format_bibliography(load_records(), "no-such-style")
    with pytest.raises(UsageError):
        format_bibliography(load_records(), "apa", sort="random")
    with pytest.raises(UsageError):
        format_bibliography(load_records(), "apa", output_format="docx")


def test_empty_list_renders_empty() -> None:
    assert format_bibliography([], "apa") == ""


def test_turkish_locale_capitalises_dotted_i() -> None:
    lines = render("chicago-author-date", "tr-TR")
    assert any(" İçinde The Caspian in World Affairs" in line for line in lines)
    assert any(
        line.startswith("Kaleji, Vali. 2024. “Iran and the Zangezur Corridor”.") for line in lines
    )


def test_fix_turkic_capitals_uses_the_records_words() -> None:
    from caucbib.export.styles import fix_turkic_capitals
    from caucbib.model import Record

    records = [Record(title="ilk addımlar", language="az")]
    assert fix_turkic_capitals("Ilk addımlar. Işıq. Iran.", records) == "İlk addımlar. Işıq. Iran."


def test_untagged_turkish_title_is_not_title_cased() -> None:
    from caucbib.model import Date, Name, Record

    record = Record(
        type="book",
        author=[Name(family="Ergin", given="Muharrem")],
        title="Dede Korkut ve tarih",
        publisher="Kurum",
        issued=Date(1958),
    )
    assert format_bibliography([record], "modern-language-association") == (
        "Ergin, Muharrem. Dede Korkut ve tarih. Kurum, 1958.\n"
    )
