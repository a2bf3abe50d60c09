"""cited_keys for .aux/.tex; alphabet collation for az, tr, ru, en."""

from __future__ import annotations

import pytest

from caucbib.export.cited import cited_keys
from caucbib.export.collation import collation_key, sort_records
from caucbib.model import Name, Record

AUX = r"""\relax
\citation{mammadov2020milli}
\citation{ivanov2015russkom,hughes2010energy}
\abx@aux@cite{0}{qasimov2015milli}
\bibstyle{plain}
"""
TEX = r"""As \textcite[p.~5]{a1} and \parencite[see][12]{b1, b2} show, % \cite{commented}
\autocite*{c1} \cites(pre)(post)[5]{m1}[7]{m2} \footcite{f1} \nocite{*} \citep[][]{p1}
50\% \Cite{after} \supercite{s1}
"""


def test_aux_citations() -> None:
    assert cited_keys(AUX) == {
        "mammadov2020milli",
        "ivanov2015russkom",
        "hughes2010energy",
        "qasimov2015milli",
    }


def test_tex_cite_commands() -> None:
    assert cited_keys(TEX) == {"a1", "b1", "b2", "c1", "m1", "m2", "f1", "p1", "after", "s1"}


@pytest.mark.parametrize(
    ("lang", "words", "expected"),
    [
        ("az", ["Lipschutz", "Qasımov", "Kaleji"], ["Kaleji", "Qasımov", "Lipschutz"]),
        ("en", ["Lipschutz", "Qasımov", "Kaleji"], ["Kaleji", "Lipschutz", "Qasımov"]),
        (
            "az",
            ["Hüseynov", "Xəlilov", "İsmayılov", "Işıqlı"],
            ["Hüseynov", "Xəlilov", "Işıqlı", "İsmayılov"],
        ),
        ("tr", ["İnce", "Işık", "Çelik", "Cengiz"], ["Cengiz", "Çelik", "Işık", "İnce"]),
        ("en", ["Həsənova", "Hughes", "Hasanov"], ["Hasanov", "Həsənova", "Hughes"]),
        ("az", ["Ezizov", "Əzizov", "Fərəcov"], ["Ezizov", "Əzizov", "Fərəcov"]),
        ("ru", ["Ёлкин", "Жуков", "Елин", "Яковлев"], ["Елин", "Ёлкин", "Жуков", "Яковлев"]),
    ],
    ids=[
        "az-k-q-l",
        "en-q-after-p",
        "az-x-after-h-dotless-i",
        "tr-i",
        "en-schwa-as-e",
        "az-schwa",
        "ru",
    ],
)
def test_alphabets(lang: str, words: list[str], expected: list[str]) -> None:
    assert sorted(words, key=lambda w: collation_key(w, lang)) == expected


def test_scripts_blocks() -> None:
    records = [Record(author=[Name(family=f)]) for f in ("Иванов", "Aliyev", "Петров")]
    assert [r.author[0].family for r in sort_records(records, "en")] == [
        "Aliyev",
        "Иванов",
        "Петров",
    ]
    assert [r.author[0].family for r in sort_records(records, "ru")] == [
        "Иванов",
        "Петров",
        "Aliyev",
    ]
