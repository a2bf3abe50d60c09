"""The synthetic-reference generator keeps labels by construction (training/synthesize.py)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "training" / "synthesize.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("caucbib_synthesize", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["caucbib_synthesize"] = module
    spec.loader.exec_module(module)
    return module


syn = _load()


def s(field: str, value: str) -> str:
    """Wrap a value in the generator's sentinels for ``field``."""
    return str(syn.START[field] + value + syn.STOP[field])


ARTICLE: dict[str, Any] = {
    "id": "t1", "type": "article-journal", "language": "az",
    "title": "Qarabağın tarixi coğrafiyası",
    "author": [{"family": "Qasımov", "given": "Cavid"}, {"family": "Nağıyev", "given": "Nicat Rəşid"}],
    "container-title": "Tarix və onun problemləri", "volume": "12", "issue": "3",
    "page": "145-167", "issued": {"date-parts": [[2015]]}, "DOI": "10.1234/tp.2015.3",
    "_synth": {"lang": "az", "variant": None},
}
BOOK: dict[str, Any] = {
    "id": "t2", "type": "book", "language": "ru", "title": "История Ширванского ханства",
    "author": [{"family": "Иванов", "given": "Иван Петрович"}],
    "editor": [{"family": "Петрова", "given": "Анна Сергеевна"}],
    "publisher-place": "М.", "publisher": "Наука", "number-of-pages": "312",
    "issued": {"date-parts": [[2018]]}, "_synth": {"lang": "ru", "variant": None},
}


def label(rendered: str, rec: dict[str, Any], locale: str = "en-US") -> str:
    return str(syn.to_tagged(syn.label_rendered(rendered, rec, locale, random.Random(0))))


# --- sentinel -> tag conversion on hand-built renders ----------------------------------


def test_apa_like_render_gives_one_author_span_with_initials_and_ampersand() -> None:
    rendered = (f"{s('author', 'Qasımov')}, C., & {s('author', 'Nağıyev')}, N. R. (2015). "
                f"{s('title', 'Qarabağın tarixi coğrafiyası')}. "
                f"{s('container-title', 'Tarix və onun problemləri')}, {s('volume', '12')}"
                f"({s('issue', '3')}), {s('page', '145–167')}.")
    assert label(rendered, ARTICLE) == (
        "<author>Qasımov, C., & Nağıyev, N. R.</author> (<issued>2015</issued>). "
        "<title>Qarabağın tarixi coğrafiyası</title>. "
        "<container-title>Tarix və onun problemləri</container-title>, <volume>12</volume>"
        "(<issue>3</issue>), <page>145–167</page>.")


def test_gost_markers_go_inside_value_spans() -> None:
    rendered = (f"{s('author', 'Qasımov')} C., {s('author', 'Nağıyev')} N. R. "
                f"{s('title', 'Qarabağın tarixi coğrafiyası')} // "
                f"{s('container-title', 'Tarix və onun problemləri')}. 2015. Т. {s('volume', '12')}. "
                f"№ {s('issue', '3')}. С. {s('page', '145–167')}.")
    assert label(rendered, ARTICLE, "ru-RU") == (
        "<author>Qasımov C., Nağıyev N. R.</author> <title>Qarabağın tarixi coğrafiyası</title> // "
        "<container-title>Tarix və onun problemləri</container-title>. <issued>2015</issued>. "
        "<volume>Т. 12</volume>. <issue>№ 3</issue>. <page>С. 145–167</page>.")


def test_given_first_editor_takes_role_term_and_page_prefix() -> None:
    chapter = {**BOOK, "type": "chapter", "container-title": "Кавказ",
               "editor": [{"family": "Brown", "given": "Kate"}], "page": "45-67"}
    rendered = (f"{s('author', 'Иванов')}, И. П. (2018). {s('title', 'Очерки')}. In K. "
                f"{s('editor', 'Brown')} (Ed.), {s('container-title', 'Кавказ')} "
                f"(pp. {s('page', '45–67')}). {s('publisher', 'Наука')}.")
    assert label(rendered, chapter) == (
        "<author>Иванов, И. П.</author> (<issued>2018</issued>). <title>Очерки</title>. In "
        "<editor>K. Brown (Ed.)</editor>, <container-title>Кавказ</container-title> "
        "(<page>pp. 45–67</page>). <publisher>Наука</publisher>.")


def test_leading_list_number_becomes_citation_number() -> None:
    pieces = syn.label_rendered(f"[1]{s('title', 'Очерки')}, 2018.", BOOK, "en-US",
                                random.Random(0))
    assert pieces[0][1] == "citation-number"
    assert pieces[0][0].startswith("[") and pieces[1] == (" ", None)


def test_names_split_by_another_field_are_rejected() -> None:
    rendered = (f"{s('author', 'Иванов')}, {s('title', 'Очерки')}, {s('author', 'Петров')}. 2018.")
    rec = {**BOOK, "author": [{"family": "Иванов", "given": "И."}, {"family": "Петров", "given": "П."}]}
    with pytest.raises(syn.SynthError, match="not contiguous"):
        syn.label_rendered(rendered, rec, "en-US", random.Random(0))


def test_unclosed_sentinel_is_rejected() -> None:
    rendered = syn.START["title"] + "Очерки. 2018."
    with pytest.raises(syn.SynthError, match="unclosed"):
        syn.label_rendered(rendered, BOOK, "en-US", random.Random(0))


def test_issued_year_printed_twice_is_rejected() -> None:
    rendered = f"{s('title', 'Очерки')}. 2018. Наука, 2018."
    with pytest.raises(syn.SynthError, match="twice"):
        syn.label_rendered(rendered, BOOK, "en-US", random.Random(0))


# --- validation -----------------------------------------------------------------------


def test_validate_accepts_clean_pieces_and_returns_tagged() -> None:
    pieces = [("Əliyev R.", "author"), (" ", None), ("Tarix", "title"), (". – ", None),
              ("Bakı", "publisher-place"), (", ", None), ("2005", "issued"), (".", None)]
    assert syn.validate(pieces) == ("<author>Əliyev R.</author> <title>Tarix</title>. – "
                                    "<publisher-place>Bakı</publisher-place>, <issued>2005</issued>.")


@pytest.mark.parametrize(
    ("pieces", "reason"),
    [
        pytest.param([("Tarix", "title"), (", ", None), ("Elm", "title")], "contiguous",
                     id="label-twice"),
        pytest.param([(" Tarix", "title"), (".", None)], "edge spaces", id="edge-space"),
        pytest.param([("Tarix\ue003", "title")], "sentinel", id="sentinel-left"),
        pytest.param([("Tarix", "subtitle")], "unknown label", id="unknown-label"),
        pytest.param([("Elm", "publisher"), (", 2005", None)], "no title", id="no-title"),
    ],
)
def test_validate_rejects_broken_spans(pieces: list[tuple[str, str | None]], reason: str) -> None:
    with pytest.raises(syn.SynthError, match=reason):
        syn.validate(pieces)


def test_validate_rejects_pieces_that_do_not_spell_the_render() -> None:
    with pytest.raises(syn.SynthError, match="spell"):
        syn.validate([("Tarix", "title"), (".", None)], "Tarix!")


def test_parse_tagged_rejects_nested_tags() -> None:
    with pytest.raises(syn.SynthError):
        syn.parse_tagged("<title>A <author>B</author></title>")


def test_literal_angle_brackets_round_trip() -> None:
    tagged = "<title>a < b > c</title>."
    assert syn.to_tagged(syn.parse_tagged(tagged)) == tagged


# --- end to end -----------------------------------------------------------------------


def test_article_through_csl_apa() -> None:
    pieces = syn.render_csl(ARTICLE, "apa", random.Random(1))
    assert syn.validate(pieces) == (
        "<author>Qasımov, C., & Nağıyev, N. R.</author> (<issued>2015</issued>). "
        "<title>Qarabağın tarixi coğrafiyası</title>. "
        "<container-title>Tarix Və Onun Problemləri</container-title>, <volume>12</volume>"
        "(<issue>3</issue>), <page>145–167</page>. https://doi.org/<DOI>10.1234/tp.2015.3</DOI>")


def test_book_through_csl_chicago_keeps_russian_role_term_in_editor() -> None:
    pieces = syn.render_csl(BOOK, "chicago-author-date", random.Random(1))
    assert "<editor>Под редакцией А. С. Петрова</editor>" in syn.validate(pieces)


def test_book_through_gost_template() -> None:
    pieces, style = syn.tpl_gost(BOOK, random.Random(0))
    assert style == "gost"
    assert syn.validate(pieces) == (
        "<author>Иванов И. П.</author> <title>История Ширванского ханства</title> / "
        "<editor>под редакцией А. С. Петровой</editor>. — <publisher-place>М.</publisher-place>: "
        "<publisher>Наука</publisher>, <issued>2018</issued>. — <number-of-pages>312 с</number-of-pages>.")


def test_russian_genitive_for_editor_statements() -> None:
    assert [syn.ru_genitive(x) for x in ("Иванов", "Петрова", "Трубецкой", "Кравченко")] == [
        "Иванова", "Петровой", "Трубецкого", "Кравченко"]


def test_initials_skip_patronymic_word_and_keep_hyphen() -> None:
    assert syn.initials("Elman Yusif oğlu") == "E.Y."
    assert syn.initials("Jean-Paul", space=True) == "J.-P."


def test_noise_keeps_every_item_valid() -> None:
    rng = random.Random(7)
    records = [syn.make_record(rng, i, lang, None) for i, lang in
               enumerate(["az", "tr", "ru", "en"] * 10)]
    kinds: set[str] = set()
    for n, rec in enumerate(records):
        pieces, _ = syn.tpl_gost(rec, random.Random(n))
        noisy, chosen = syn.add_noise(pieces, rec, random.Random(n))
        kinds.update(chosen)
        syn.validate(noisy)
    assert len(kinds) >= 5


def test_url_drop_keeps_the_label_before_it() -> None:
    pieces = [("Sayt", "title"), (". URL: ", None), ("https://a.az/x", "URL")]
    assert syn.plain(syn._noise_url_drop(pieces, ARTICLE, random.Random(0))) == "Sayt. URL: "


def test_generation_is_reproducible_and_balanced() -> None:
    _, first, _ = syn.generate(13, scale=0.01)
    _, second, _ = syn.generate(13, scale=0.01)
    assert first == second
    langs = {item["lang"] for item in first}
    assert langs == {"az", "tr", "ru", "en"}


def test_footnote_pinpoint_is_a_page_inside_the_cited_range() -> None:
    pieces, style = syn.tpl_footnote(ARTICLE, random.Random(3))
    assert style == "footnote"
    page = next(text for text, lab in pieces if lab == "page")
    digits = "".join(c for c in page if c.isdigit())
    assert 145 <= int(digits) <= 167


def test_heading_is_only_made_for_journal_articles() -> None:
    with pytest.raises(syn.SynthError):
        syn.tpl_heading(BOOK, random.Random(0))
    pieces, style = syn.tpl_heading(ARTICLE, random.Random(0))
    assert style == "heading" and pieces[0] == ("Qarabağın tarixi coğrafiyası", "title")


def test_azerbaijani_cyrillic_keeps_roman_numerals() -> None:
    assert syn._to_cyrillic("Qarabağ XIX əsrdə, Bakı: Elm") == "Гарабағ XIX әсрдә, Бакы: Елм"


def test_azerbaijani_cyrillic_transliterates_initials() -> None:
    assert syn._to_cyrillic("Səfərov C.Ə., V cild") == "Сәфәров Ҹ.Ә., V ҹилд"


def test_given_initial_does_not_swallow_the_next_word() -> None:
    rec = {**BOOK, "author": [{"family": "Ivanov", "given": "Igor"}], "title": "Istoriya"}
    rendered = f"I. {s('author', 'Ivanov')}, Ibid. {s('title', 'Istoriya')}. Moscow, 2018."
    assert label(rendered, rec).startswith("<author>I. Ivanov</author>, Ibid. <title>")
