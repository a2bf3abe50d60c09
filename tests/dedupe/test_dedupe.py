"""Scoring, vetoes and clustering of records across scripts, spellings and styles."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from caucbib.dedupe import features, find_clusters, score_pair
from caucbib.model import Date, Name, Record


def book(family: str, given: str, title: str, year: int, **kw: Any) -> Record:
    kind = kw.pop("type", "book")
    name = Name(family=family, given=given)
    return Record(type=kind, author=[name], title=title, issued=Date(year=year), **kw)


def score(a: Record, b: Record) -> tuple[float, str | None, list[str]]:
    link = score_pair(features(a), features(b))
    return link.score, link.veto, link.reasons


# -- matches -------------------------------------------------------------------------------
def test_cyrillic_and_latin_azerbaijani_title_match() -> None:
    a = book("Həsənov", "N.", "Qarabağın tarixi toponimləri", 2005, publisher="Elm")
    b = book("Гасанов", "Н.", "Карабагын тарихи топонимлари", 2005, publisher="Элм")
    value, veto, reasons = score(a, b)
    assert veto is None and value >= 0.8
    assert "first author Həsənov≈Гасанов" in reasons
    assert any("after transliteration" in r for r in reasons)


def test_ascii_folded_and_ocr_damaged_variants_match() -> None:
    a = book("Rüstəmov", "Ə.M.", "Şirvanın orta əsr iqtisadiyyatı", 1998)
    b = book("Rustemov", "E.M.", "Sirvanin orta esr iqtisadiyyati", 1998)
    c = book("Riistəmov", "Ə.M.", "Ģirvan1n orta əsr iqtisadiyyat1", 1998)
    assert score(a, b)[0] >= 0.9
    assert score(a, c)[0] >= 0.9


def test_dropped_subtitle_still_matches() -> None:
    a = book("Lang", "M.", "Dagestan: Islam and Power in the North Caucasus", 2012)
    b = book("Lang", "Michael", "Dagestan", 2012)
    c = book("Lang", "M.", "Dagestan: Islam and power", 2012)
    assert score(a, c)[0] >= 0.8
    assert score(a, b)[1] is None


def test_russian_article_cited_in_english_translation_matches() -> None:
    ru = Record(
        type="article-journal",
        author=[Name("Касимов", "Р.")],
        title="Торговые пути через Шемаху",
        container_title="Вопросы истории",
        issued=Date(2015),
        issue="7",
        page="112-124",
    )
    en = Record(
        type="article-journal",
        author=[Name("Kasimov", "R.")],
        title="Trade routes through Shemakha",
        container_title="Voprosy Istorii",
        issued=Date(2015),
        issue="7",
        page="112-124",
        raw="Kasimov R. Trade routes through Shemakha. Voprosy Istorii. 2015;(7):112-124."
        " (In Russ.)",
    )
    value, veto, reasons = score(ru, en)
    assert veto is None and value >= 0.8 and "title translated" in reasons


# -- vetoes --------------------------------------------------------------------------------
def test_different_doi_is_a_veto() -> None:
    a = book("Hill", "M.", "Silk and khans", 2009, DOI="10.1080/1")
    b = book("Hill", "M.", "Silk and khans", 2009, DOI="https://doi.org/10.1080/2")
    assert score(a, b)[1] == "veto: DOI 10.1080/1 vs 10.1080/2"


def test_volume_in_title_is_a_veto() -> None:
    a = book("Kaya", "D.", "Âşık Edebiyatı Araştırmaları 1. Cilt", 2010)
    b = book("Kaya", "D.", "Âşık Edebiyatı Araştırmaları 2. Cilt", 2010)
    c = book("", "", "Naxçıvan ensiklopediyası. I cild", 2007)
    d = book("", "", "Naxçıvan ensiklopediyası. II cild", 2007)
    e = book("Иванов", "С.", "Кавказская война. Т. 1", 1998)
    f = book("Иванов", "С.", "Кавказская война. Т. 2", 1998)
    for x, y in ((a, b), (c, d), (e, f)):
        assert score(x, y)[1] is not None


def test_years_more_than_one_apart_are_a_veto() -> None:
    a = book("De Waal", "T.", "The Caucasus: An Introduction", 2010)
    b = book("De Waal", "T.", "The Caucasus: An Introduction", 2020)
    assert score(a, b)[1] == "veto: years 2010 vs 2020"
    c = book("De Waal", "T.", "The Caucasus: An Introduction", 2011)
    assert score(a, c)[1] is None


def test_chapter_vs_the_book_that_holds_it_is_a_veto() -> None:
    whole = book("Erdem", "F.", "Güney Kafkasya'da Ermeni meselesi", 2015, publisher="Berikan")
    chapter = book(
        "Erdem",
        "F.",
        "Ermeni meselesi ve 1918 Batum görüşmeleri",
        2015,
        type="chapter",
        container_title="Güney Kafkasya'da Ermeni meselesi",
        page="121-160",
    )
    assert score(whole, chapter)[1] == "veto: a part vs the work that holds it"


def test_successive_programmes_differ_by_the_years_in_their_titles() -> None:
    a = book("", "", "Turizmin inkişafı Dövlət Proqramı (2011-2015-ci illər)", 2011)
    b = book("", "", "Turizmin inkişafı Dövlət Proqramı (2016-2020-ci illər)", 2011)
    assert score(a, b)[1] is not None


def test_disjoint_pages_of_articles_are_a_veto() -> None:
    a = Record(
        type="article-journal",
        author=[Name("Green", "L.")],
        title="Frontier forts",
        container_title="JRAS",
        issued=Date(1999),
        page="201-225",
    )
    b = Record(
        type="article-journal",
        author=[Name("Green", "L.")],
        title="Frontier forts",
        container_title="JRAS",
        issued=Date(1999),
        page="355-371",
    )
    assert score(a, b)[1] == "veto: pages 201-225 vs 355-371"


def test_same_author_year_publisher_but_different_title_is_no_match() -> None:
    a = book(
        "Mustafayev", "C.", "Molla Pənah Vaqif: həyatı və yaradıcılığı", 1987, publisher="Yazıçı"
    )
    b = book(
        "Mustafayev", "C.", "Molla Vəli Vidadi: həyatı və yaradıcılığı", 1987, publisher="Yazıçı"
    )
    assert score(a, b)[0] < 0.8


# -- clustering ----------------------------------------------------------------------------
def test_find_clusters_groups_variants_and_keeps_apart_volumes() -> None:
    items = [
        ("a", book("Həsənov", "N.", "Qarabağın tarixi toponimləri", 2005)),
        ("b", book("Hesenov", "N.", "Qarabagin tarixi toponimleri", 2005)),
        ("c", book("Гасанов", "Н.", "Карабагын тарихи топонимлари", 2005)),
        ("d", book("Kaya", "D.", "Âşık Edebiyatı Araştırmaları 1. Cilt", 2010)),
        ("e", book("Kaya", "D.", "Âşık Edebiyatı Araştırmaları 2. Cilt", 2010)),
    ]
    clusters = find_clusters(items)
    assert [c.members for c in clusters] == [["a", "b", "c"]]
    assert clusters[0].score >= 0.8 and clusters[0].reasons


def test_clusters_do_not_chain_across_a_veto() -> None:
    # the undated variant matches both editions; the editions must stay apart
    items = [
        ("old", book("De Waal", "T.", "The Caucasus: An Introduction", 2010)),
        ("new", book("De Waal", "T.", "The Caucasus: An Introduction", 2020)),
        (
            "undated",
            Record(
                type="book", author=[Name("De Waal", "T.")], title="The Caucasus: An Introduction"
            ),
        ),
    ]
    for cluster in find_clusters(items):
        assert not {"old", "new"} <= set(cluster.members)


def test_distinct_pairs_and_merged_records() -> None:
    a = book("Qasımov", "C.", "Şirvan bəylərbəyliyi", 1998)
    a.id = "r1"
    b = book("Qasimov", "C.", "Sirvan beylerbeyliyi", 1998)
    b.id = "r2"
    assert find_clusters([("x", a), ("y", b)], distinct=[("r2", "r1")]) == []
    merged = find_clusters([("x", a), ("y", a)])
    assert merged[0].members == ["x", "y"] and merged[0].reasons == ["merged"]


dois = st.from_regex(r"10\.[0-9]{4}/[a-z0-9]{1,8}", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(dois, dois, st.sampled_from(["Qarabağın tarixi", "Caspian Oil", "Кавказская война"]))
def test_records_with_different_dois_never_merge(doi_a: str, doi_b: str, title: str) -> None:
    a = book("Smith", "R.", title, 2011, DOI=doi_a)
    b = book("Smith", "R.", title, 2011, DOI=doi_b)
    clusters = find_clusters([("a", a), ("b", b)])
    assert (clusters != []) == (doi_a.lower() == doi_b.lower())


def test_entry_printing_both_renderings_matches_the_translation_alone() -> None:
    both = book(
        "Бугай",
        "Н.Ф.",
        "Турки из Месхетии: долгий путь к реабилитации",
        1994,
        raw="БУГАЙ Н.Ф. Турки из Месхетии: долгий путь к реабилитации. М., 1994, 161 с "
        "(BUGAY, Nikolay. Meskhetiya Türkleri ve Haksızlığın Uzun Yolu, Moskova, 1994)",
    )
    rendering = book("Bugay", "Nikolay", "Meskhetiya Türkleri ve Haksızlığın Uzun Yolu", 1994)
    value, veto, reasons = score(both, rendering)
    assert veto is None and value >= 0.8
    assert "title 0.85 (the title is printed in the other entry)" in reasons


def test_doi_printed_in_raw_counts_when_the_parser_missed_it() -> None:
    a = book("Hill", "M.", "Silk and khans", 2009, raw="Hill M. Silk and khans. DOI: 10.1080/77")
    b = book("Hill", "M.", "Silk and khans", 2009, DOI="10.1080/78")
    assert features(a).doi == "10.1080/77"
    assert score(a, b)[1] == "veto: DOI 10.1080/77 vs 10.1080/78"


def test_volume_left_outside_the_title_is_read_from_the_raw_string() -> None:
    a = book(
        "Kaya",
        "D.",
        "Âşık Edebiyatı Araştırmaları",
        2010,
        raw="Kaya, D. (2010). Âşık Edebiyatı Araştırmaları 1. Cilt. Ankara.",
    )
    b = book(
        "Kaya",
        "D.",
        "Âşık Edebiyatı Araştırmaları",
        2010,
        raw="Kaya, D. (2010). Âşık Edebiyatı Araştırmaları 2. Cilt. Ankara.",
    )
    assert score(a, b)[1] == "veto: volume 1 vs 2"


def test_untitled_parse_is_compared_through_its_raw_text() -> None:
    broken = Record(
        type="book",
        author=[Name("Qas", "C.")],
        issued=Date(1998),
        raw="C. Qas1mov. Ģirvan1n orta əsr iqtisadiyyat1. -Bak1, «Elm», 1998, 176 s.",
    )
    clean = book("Qasımov", "C.", "Şirvanın orta əsr iqtisadiyyatı", 1998)
    value, veto, reasons = score(broken, clean)
    assert veto is None and value >= 0.8
    assert reasons[0] == "title 0.90 (a title not found: raw text compared)"


text = st.text(max_size=40)
records = st.builds(
    Record,
    type=st.sampled_from(["book", "chapter", "article-journal", "thesis", "document"]),
    title=st.none() | text,
    author=st.lists(st.builds(Name, family=st.none() | text, given=st.none() | text), max_size=3),
    issued=st.none() | st.builds(Date, year=st.none() | st.integers(1, 2100)),
    volume=st.none() | text,
    page=st.none() | text,
    container_title=st.none() | text,
    DOI=st.none() | text,
    raw=st.none() | text,
)


@settings(max_examples=80, deadline=None)
@given(st.lists(records, max_size=6))
def test_any_records_cluster_without_errors(items: list[Record]) -> None:
    clusters = find_clusters([(str(i), r) for i, r in enumerate(items)])
    assert all(len(c.members) >= 2 for c in clusters)
    assert find_clusters([]) == []
