"""The public parser: totality, offsets, ditto dashes, lazy import, and golden references."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caucbib.model import Name, Record
from caucbib.parse import explain, parse_reference, parse_references
from caucbib.parse.tokens import tokenize


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00\x01\x1f", "—", "((((", "<title>", "1.", "x" * 100_000,
     "Ə" * 5000 + " 1999", "a\u0301\u0307 \ud7ff \U0001F600", "Bakı, 2001." * 3000],
    ids=["empty", "space", "control", "dash", "parens", "tag-like", "number", "100kb", "long-az",
         "combining", "repeated"],
)
def test_any_string_gives_a_record(text: str) -> None:
    rec = parse_reference(text)
    assert isinstance(rec, Record) and rec.raw == text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_total_on_random_text(text: str) -> None:
    rec = parse_reference(text)
    assert rec.raw == text
    rec.to_csl()


@given(st.text(max_size=200))
@settings(max_examples=60, deadline=None)
def test_tokens_are_exact_substrings(text: str) -> None:
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text and tok.text.strip()


def test_url_loses_its_final_period() -> None:
    assert [t.text for t in tokenize("URL: https://ex.az/a.html.")][-2:] == ["https://ex.az/a.html", "."]


def test_apostrophes_inside_words_stay_inside() -> None:
    assert [t.text for t in tokenize("T'iflis, Kafkasya’da")] == ["T'iflis", ",", "Kafkasya’da"]


def test_ditto_dashes_take_the_previous_authors() -> None:
    first, second = parse_references([
        "Məmmədov A.A. Qarabağ xanlığı. Bakı: Elm, 1989. 210 s.",
        "———. Şəki xanlığı. Bakı: Elm, 1992. 180 s.",
    ])
    assert first.author == [Name("Məmmədov", "A.A.")]
    assert second.author == first.author
    assert second.issued is not None and second.issued.year == 1992


def test_explain_pairs_tokens_with_labels() -> None:
    pairs = explain("Əliyev R. Qala. Bakı, 1990.")
    assert [tok for tok, _ in pairs][:3] == ["Əliyev", "R", "."]
    assert dict(pairs)["1990"] == "issued"


def test_importing_the_package_does_not_load_the_model() -> None:
    code = ("import sys, caucbib.parse; "
            "print('pycrfsuite' in sys.modules, 'caucbib.parse.labeller' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def _csl(text: str) -> dict[str, object]:
    data = parse_reference(text).to_csl(with_raw=False)
    return data


GOLDEN = [
    ("az-gost-book",
     "Hüseynov R.Ə. Naxçıvanın qədim abidələri. – Bakı: Elm, 1986. – 148 s.",
     {"type": "book", "author": [{"family": "Hüseynov", "given": "R.Ə."}],
      "title": "Naxçıvanın qədim abidələri", "publisher-place": "Bakı", "publisher": "Elm",
      "issued": {"date-parts": [[1986]]}, "number-of-pages": "148", "language": "az"}),
    ("az-gost-article",
     "Quliyeva N.M. Qarabağ toponimləri // Azərbaycan Tarixi Jurnalı. – 2014. – № 2. – s. 33-41.",
     {"author": [{"family": "Quliyeva", "given": "N.M."}], "title": "Qarabağ toponimləri",
      "container-title": "Azərbaycan Tarixi Jurnalı", "issued": {"date-parts": [[2014]]},
      "issue": "2", "page": "33-41", "language": "az"}),
    ("tr-apa-article",
     "Demirci, S., & Kalkan, M. (2017). Kafkasya'da göç ve iskân. Tarih Dergisi, 12(3), 145-170.",
     {"type": "article-journal",
      "author": [{"family": "Demirci", "given": "S."}, {"family": "Kalkan", "given": "M."}],
      "title": "Kafkasya'da göç ve iskân", "container-title": "Tarih Dergisi",
      "issued": {"date-parts": [[2017]]}, "volume": "12", "issue": "3", "page": "145-170",
      "language": "tr"}),
    ("tr-apa-book",
     "Aydın, Mehmet (2009). Osmanlı ve Kafkasya. İstanbul: Ötüken Yayınları.",
     {"author": [{"family": "Aydın", "given": "Mehmet"}], "title": "Osmanlı ve Kafkasya",
      "publisher-place": "İstanbul", "publisher": "Ötüken Yayınları",
      "issued": {"date-parts": [[2009]]}, "language": "tr"}),
    ("ru-gost-book",
     "Смирнов Н.А. История Ширвана. – М.: Наука, 1978. – 312 с.",
     {"type": "book", "author": [{"family": "Смирнов", "given": "Н.А."}],
      "title": "История Ширвана", "publisher-place": "М.", "publisher": "Наука",
      "issued": {"date-parts": [[1978]]}, "number-of-pages": "312", "language": "ru"}),
    ("ru-gost-article",
     "Орлов В.В. Города Закавказья // Вопросы истории. – 1985. – № 7. – С. 40–52.",
     {"author": [{"family": "Орлов", "given": "В.В."}], "title": "Города Закавказья",
      "container-title": "Вопросы истории", "issued": {"date-parts": [[1985]]}, "issue": "7",
      "page": "40-52", "language": "ru"}),
    ("en-apa-article-doi",
     "Miller, A. B., & Clark, D. (2015). Oil and politics in Baku. Europe-Asia Studies, 67(2), "
     "301–320. https://doi.org/10.1080/09668136.2015.1000001",
     {"type": "article-journal",
      "author": [{"family": "Miller", "given": "A. B."}, {"family": "Clark", "given": "D."}],
      "title": "Oil and politics in Baku", "container-title": "Europe-Asia Studies",
      "issued": {"date-parts": [[2015]]}, "volume": "67", "issue": "2", "page": "301-320",
      "DOI": "10.1080/09668136.2015.1000001", "language": "en"}),
    ("en-chicago-book",
     "Walker, Thomas. The Road to Tiflis. London: Murray, 1911.",
     {"type": "book", "author": [{"family": "Walker", "given": "Thomas"}],
      "title": "The Road to Tiflis", "publisher-place": "London", "publisher": "Murray",
      "issued": {"date-parts": [[1911]]}, "language": "en"}),
    ("en-vancouver-in-russ",
     "Ivanov AV, Petrova NK. Mountain villages of Dagestan. Herald of the Dagestan Scientific "
     "Centre. 2018;9(2):14-29. (In Russ.)",
     {"author": [{"family": "Ivanov", "given": "AV"}, {"family": "Petrova", "given": "NK"}],
      "title": "Mountain villages of Dagestan", "issued": {"date-parts": [[2018]]},
      "volume": "9", "issue": "2", "page": "14-29", "language": "ru"}),
]


@pytest.mark.parametrize(("text", "expected"), [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN])
def test_golden(text: str, expected: dict[str, object]) -> None:
    got = _csl(text)
    for key, value in expected.items():
        assert got.get(key) == value, key


def test_repair_joins_a_consecutive_double_issue_only() -> None:
    from caucbib.parse.repairs import repair_labels

    text = "Мцкемси. 1891. 9/10. С. 11"
    tokens = tokenize(text)
    labels = ["container-title", "O", "issued", "O", "volume", "O", "issue", "O", "page", "page",
              "page"]
    assert repair_labels(tokens, labels, text)[4:7] == ["issue", "issue", "issue"]
    text = "Dergi 14/55 (2010)"
    tokens = tokenize(text)
    labels = ["container-title", "volume", "O", "issue", "O", "issued", "O"]
    assert repair_labels(tokens, list(labels), text) == labels


def test_repair_keeps_a_parenthesised_year_range_in_the_title() -> None:
    from caucbib.parse.repairs import repair_labels

    text = "Biblioqrafiya (1950-2006). Bakı, 2007."
    tokens = tokenize(text)
    labels = ["title", "O", "issued", "O", "issued", "O", "O", "publisher-place", "O", "issued",
              "O"]
    assert repair_labels(tokens, labels, text)[:6] == ["title"] * 6
