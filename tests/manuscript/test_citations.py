"""In-text citations: the forms scholars print, in en/tr/az/ru, and what is not a citation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caucbib.find.citations import Citation, CitedItem, document_citations, find_citations


def _summary(text: str) -> list[tuple[str, str, list[tuple[object, ...]]]]:
    return [
        (
            c.raw,
            c.kind,
            [(i.authors, i.year, i.suffix, i.no_date, i.pages, i.number, i.et_al) for i in c.items],
        )
        for c in find_citations(text)
    ]


CASES = {
    "one-author": (
        "Trade grew (Smith, 2015) after that.",
        [("(Smith, 2015)", "author-year", [(("Smith",), "2015", None, False, None, None, False)])],
    ),
    "et-al-and-second-work": (
        "This is known (Brown et al., 2017a; Jones & Kim, 2019, p. 5).",
        [
            (
                "(Brown et al., 2017a; Jones & Kim, 2019, p. 5)",
                "author-year",
                [
                    (("Brown",), "2017", "a", False, None, None, True),
                    (("Jones", "Kim"), "2019", None, False, "5", None, False),
                ],
            )
        ],
    ),
    "and-colon-pages": (
        "As argued (Hasanov and Əliyev, 2017: 45).",
        [
            (
                "(Hasanov and Əliyev, 2017: 45)",
                "author-year",
                [(("Hasanov", "Əliyev"), "2017", None, False, "45", None, False)],
            )
        ],
    ),
    "organisation-multiword": (
        "Seen in (The Nagorno Karabakh Conflict, 2020) and (Parlament Assambly, 1994).",
        [
            (
                "(The Nagorno Karabakh Conflict, 2020)",
                "author-year",
                [(("The Nagorno Karabakh Conflict",), "2020", None, False, None, None, False)],
            ),
            (
                "(Parlament Assambly, 1994)",
                "author-year",
                [(("Parlament Assambly",), "1994", None, False, None, None, False)],
            ),
        ],
    ),
    "organisation-with-of": (
        "Figures (Ministry of Foreign Affairs of Azerbaijan, 2020) differ.",
        [
            (
                "(Ministry of Foreign Affairs of Azerbaijan, 2020)",
                "author-year",
                [
                    (
                        ("Ministry of Foreign Affairs of Azerbaijan",),
                        "2020",
                        None,
                        False,
                        None,
                        None,
                        False,
                    )
                ],
            )
        ],
    ),
    "narrative-forms": (
        "Hasanov (2017) argues that Smith et al. (2015) and Brown and Green (2011b) miss it.",
        [
            (
                "Hasanov (2017)",
                "author-year",
                [(("Hasanov",), "2017", None, False, None, None, False)],
            ),
            (
                "Smith et al. (2015)",
                "author-year",
                [(("Smith",), "2015", None, False, None, None, True)],
            ),
            (
                "Brown and Green (2011b)",
                "author-year",
                [(("Brown", "Green"), "2011", "b", False, None, None, False)],
            ),
        ],
    ),
    "narrative-particle-and-full-name": (
        "Later, Thomas de Waal (2003) and van Dijk (2001) agreed.",
        [
            (
                "Thomas de Waal (2003)",
                "author-year",
                [(("Thomas de Waal",), "2003", None, False, None, None, False)],
            ),
            (
                "van Dijk (2001)",
                "author-year",
                [(("van Dijk",), "2001", None, False, None, None, False)],
            ),
        ],
    ),
    "narrative-sentence-word-dropped": (
        "According to Cornell (2011) the route is old. In Hasanov (2019) it is new.",
        [
            (
                "Cornell (2011)",
                "author-year",
                [(("Cornell",), "2011", None, False, None, None, False)],
            ),
            (
                "Hasanov (2019)",
                "author-year",
                [(("Hasanov",), "2019", None, False, None, None, False)],
            ),
        ],
    ),
    "turkish-azerbaijani-forms": (
        "Bu konuda (Yılmaz vd., 2019; Kaya ve ark., 2020, s. 45) ve (Qasımov və b., 2015, səh. 12).",
        [
            (
                "(Yılmaz vd., 2019; Kaya ve ark., 2020, s. 45)",
                "author-year",
                [
                    (("Yılmaz",), "2019", None, False, None, None, True),
                    (("Kaya",), "2020", None, False, "45", None, True),
                ],
            ),
            (
                "(Qasımov və b., 2015, səh. 12)",
                "author-year",
                [(("Qasımov",), "2015", None, False, "12", None, True)],
            ),
        ],
    ),
    "azerbaijani-narrative-possessive": (
        "Qasımov'un (2015) fikrincə və Yılmaz ve Demir (2019) göre.",
        [
            (
                "Qasımov'un (2015)",
                "author-year",
                [(("Qasımov",), "2015", None, False, None, None, False)],
            ),
            (
                "Yılmaz ve Demir (2019)",
                "author-year",
                [(("Yılmaz", "Demir"), "2019", None, False, None, None, False)],
            ),
        ],
    ),
    "russian-forms": (
        "Как показано (Иванов и др., 2015, с. 45), а Петров (2010) и [Сидоров, 2012, с. 7] спорят.",
        [
            (
                "(Иванов и др., 2015, с. 45)",
                "author-year",
                [(("Иванов",), "2015", None, False, "45", None, True)],
            ),
            (
                "Петров (2010)",
                "author-year",
                [(("Петров",), "2010", None, False, None, None, False)],
            ),
            (
                "[Сидоров, 2012, с. 7]",
                "author-year",
                [(("Сидоров",), "2012", None, False, "7", None, False)],
            ),
        ],
    ),
    "russian-initials-after-surname": (
        "Иванов И.И. (2015) пишет об этом.",
        [
            (
                "Иванов И.И. (2015)",
                "author-year",
                [(("Иванов",), "2015", None, False, None, None, False)],
            )
        ],
    ),
    "no-date-forms": (
        "Sources (Smith, n.d.), (Иванов, б.г.), (Kaya, t.y.) and (Rossi, s.d.).",
        [
            ("(Smith, n.d.)", "author-year", [(("Smith",), None, None, True, None, None, False)]),
            ("(Иванов, б.г.)", "author-year", [(("Иванов",), None, None, True, None, None, False)]),
            ("(Kaya, t.y.)", "author-year", [(("Kaya",), None, None, True, None, None, False)]),
            ("(Rossi, s.d.)", "author-year", [(("Rossi",), None, None, True, None, None, False)]),
        ],
    ),
    "same-author-several-years": (
        "Repeated (see Smith, 2015, 2017; cf. Brown 2001a, b).",
        [
            (
                "(see Smith, 2015, 2017; cf. Brown 2001a, b)",
                "author-year",
                [
                    (("Smith",), "2015", None, False, None, None, False),
                    (("Smith",), "2017", None, False, None, None, False),
                    (("Brown",), "2001", "a", False, None, None, False),
                    (("Brown",), "2001", "b", False, None, None, False),
                ],
            )
        ],
    ),
    "ocr-spaces-and-line-breaks": (
        "Damaged (Nuriyev, 2000 ) and ( Əliyev ,\n2001 ) and (Qasım-\nov, 2012).",
        [
            (
                "(Nuriyev, 2000 )",
                "author-year",
                [(("Nuriyev",), "2000", None, False, None, None, False)],
            ),
            (
                "( Əliyev ,\n2001 )",
                "author-year",
                [(("Əliyev",), "2001", None, False, None, None, False)],
            ),
            (
                "(Qasım-\nov, 2012)",
                "author-year",
                [(("Qasımov",), "2012", None, False, None, None, False)],
            ),
        ],
    ),
    "apostrophes-hyphens-possessive": (
        "Both (al-Khalili, 2010) and O’Brien (2015), unlike Smith's (2016) view.",
        [
            (
                "(al-Khalili, 2010)",
                "author-year",
                [(("al-Khalili",), "2010", None, False, None, None, False)],
            ),
            (
                "O’Brien (2015)",
                "author-year",
                [(("O’Brien",), "2015", None, False, None, None, False)],
            ),
            (
                "Smith's (2016)",
                "author-year",
                [(("Smith",), "2016", None, False, None, None, False)],
            ),
        ],
    ),
    "prefix-words-and-bare-page": (
        "Quoted (cited in Smith 2015, 23) and (см.: Иванов, 2015).",
        [
            (
                "(cited in Smith 2015, 23)",
                "author-year",
                [(("Smith",), "2015", None, False, "23", None, False)],
            ),
            (
                "(см.: Иванов, 2015)",
                "author-year",
                [(("Иванов",), "2015", None, False, None, None, False)],
            ),
        ],
    ),
    "numeric-forms": (
        "Shown in [12], [3–5], [3, 7, 9] and [8, с. 45].",
        [
            ("[12]", "numeric", [((), None, None, False, None, 12, False)]),
            ("[3–5]", "numeric", [((), None, None, False, None, n, False) for n in (3, 4, 5)]),
            ("[3, 7, 9]", "numeric", [((), None, None, False, None, n, False) for n in (3, 7, 9)]),
            ("[8, с. 45]", "numeric", [((), None, None, False, "45", 8, False)]),
        ],
    ),
    "numeric-gost-pages-per-number": (
        "По данным [5, с. 12; 7, с. 45] и [3; 8].",
        [
            (
                "[5, с. 12; 7, с. 45]",
                "numeric",
                [((), None, None, False, "12", 5, False), ((), None, None, False, "45", 7, False)],
            ),
            ("[3; 8]", "numeric", [((), None, None, False, None, n, False) for n in (3, 8)]),
        ],
    ),
    "footnote-markers": (
        "The treaty[iv] and the census.²",
        [
            ("[iv]", "footnote", [((), None, None, False, None, 4, False)]),
            ("²", "footnote", [((), None, None, False, None, 2, False)]),
        ],
    ),
    "latex-key": (
        r"As in \cite{smith2015,kaya2020}.",
        [(r"\cite{smith2015,kaya2020}", "key", [((), None, None, False, None, None, False)] * 2)],
    ),
}


@pytest.mark.parametrize("text, expected", list(CASES.values()), ids=list(CASES))
def test_citation_forms(text: str, expected: list[object]) -> None:
    assert _summary(text) == expected


NOT_CITATIONS = {
    "resolution-number-year": "Resolution 822 (1993) was adopted.",
    "qetname": "BMT Təhlükəsizlik Şurasının Qətnamə (1993) mətni.",
    "russian-law": "Согласно Закон (1995) это так.",
    "year-range": "The war (1988-1994) went on.",
    "acronym-without-year": "Refugees were counted (UNHCR).",
    "year-in-prose": "In 1993 the front moved; by 1994 it had stopped.",
    "lower-case-in-year": "It happened (in 2015) and he was (born 1950).",
    "country-before-year": "Azerbaijan (1991) regained independence.",
    "month": "It was signed (May 2015) and (Spring, 2015).",
    "sentence-word": "The (2015) edition.",
    "sentence-adverb": "Recently (2019) the port reopened; Ранее (2015) он был закрыт.",
    "named-treaty": "The Treaty of Kars (1921) fixed the border.",
    "named-event": "The Khojaly Genocide (1992) is remembered.",
    "place-in-brackets": "Printed twice (London, 2010) and (Bakı, 1998).",
    "big-number-in-brackets": "The code [2015] is a year, not a reference number.",
    "superscript-power": "An area of 86 600 km² and 5 м³ of water.",
}


@pytest.mark.parametrize("text", list(NOT_CITATIONS.values()), ids=list(NOT_CITATIONS))
def test_not_citations(text: str) -> None:
    assert find_citations(text) == []


def test_positions_and_offsets_follow_the_text() -> None:
    text = "First [2], then (Smith, 2015), then Kaya (2020)."
    found = find_citations(text)
    assert [c.position for c in found] == [1, 2, 3]
    assert [text[c.offset : c.offset + len(c.raw)] for c in found] == [c.raw for c in found]


def test_json_round_trip() -> None:
    for citation in find_citations(CASES["et-al-and-second-work"][0] + " [3–4] [ii]"):
        assert Citation.from_json(citation.to_json()) == citation
        assert Citation.from_json(citation.to_dict()) == citation
    item = CitedItem(authors=("Иванов",), year="2015", pages="45")
    again = Citation.from_json(Citation("x", 1, 0, "author-year", (item,)).to_json())
    assert again.items == (item,)


def test_reference_section_is_not_prose() -> None:
    text = (
        "Intro text cites (Smith, 2015).\n\nReferences\n"
        "Smith, J. (2015). A book (Second, 2010). London.\n"
        "[2] Brown, A. (2011). Another (Kaya, 2000). Paris.\n"
    )
    found = document_citations(text)
    assert [c.raw for c in found] == ["(Smith, 2015)"]
    assert found[0].offset == text.index("(Smith")
    notes = (
        "Ports\n\nThe port was rebuilt in stages over ten years\n"
        "and the work is still going on today\n"
        "1. In 2015, the port grew (Kaya, 2016).\nIt did [1].\n"
        "[1] Kaya, A. (2016). Limanlar (Brown, 2000). İstanbul.\n"
    )
    assert [c.raw for c in document_citations(notes)] == ["(Kaya, 2016)", "[1]"]
    numbered = "Intro cites Smith (2015).\n" + "".join(
        f"{n}. Author{n}, A. ({2000 + n}). Title (Other, 1999). Baku.\n" for n in (2, 3, 4)
    )
    assert [c.raw for c in document_citations(numbered)] == ["Smith (2015)"]


_PIECES = st.sampled_from(
    [
        "(",
        ")",
        "[",
        "]",
        "Smith",
        "Həsənov",
        "Иванов",
        " et al.",
        " vd.",
        ", ",
        "; ",
        "2015",
        "2017a",
        "n.d.",
        "p. 5",
        "с. 45",
        "\n",
        " ",
        "iv",
        "12",
        "–",
        "&",
        " and ",
        "²",
        "Resolution",
        "\\cite{k}",
        "-\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_gives_consistent_citations(text: str) -> None:
    found = find_citations(text)
    assert [c.position for c in found] == list(range(1, len(found) + 1))
    for citation in found:
        assert text[citation.offset : citation.offset + len(citation.raw)] == citation.raw
        assert citation.kind in ("author-year", "numeric", "footnote", "key")
        assert citation.items
