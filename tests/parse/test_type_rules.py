"""Type sanity rules: cue-bound types need a cue word in the reference."""

from __future__ import annotations

import pytest

from caucbib.parse.tokens import tokenize
from caucbib.parse.type_rules import settle_type


def _settle(predicted: str, text: str, labels: list[str] | None = None) -> str:
    tokens = tokenize(text)
    return settle_type(predicted, tokens, labels or ["O"] * len(tokens), text)


@pytest.mark.parametrize(
    ("predicted", "text", "expected"),
    [
        ("legislation", "Qafqaz tarixi. Bakı: Elm, 1990, 200 s.", "book"),
        ("legislation", "Azərbaycan Respublikasının Qanunu. Bakı, 1995.", "legislation"),
        ("legislation", "Convention on Biological Diversity. Rio de Janeiro, 1992.", "treaty"),
        ("report", "Smith J. Mountains. London: Penguin, 1990.", "book"),
        ("report", "Human Rights Watch. Azerbaijan: Prison Conditions. 2004.", "report"),
        ("article-newspaper", "Əliyev R. Kitab. Bakı, 2001.", "book"),
        ("article-newspaper", "Əliyev R. Yeni kəndlər // Kommunist, 1965, 4 may.",
         "article-newspaper"),
        ("book", "Kərimov A. Gəncə xanlığı (unpublished). Gəncə, 1970.", "manuscript"),
        ("book", "Azərbaycanın fiziki xəritəsi. Miq. 1:500 000. Bakı, 1985.", "map"),
        ("manuscript", "Quliyev T. Şeirlər. Bakı, 1990.", "book"),
        ("manuscript", "27. GARF, f. 12, op. 1, d. 4, l. 7.", "manuscript"),
    ],
)
def test_cue_bound_types(predicted: str, text: str, expected: str) -> None:
    assert _settle(predicted, text) == expected


def test_a_web_page_with_a_journal_volume_and_pages_is_an_article() -> None:
    text = "Doe J. Title. Caucasica 4: 10-20. https://example.org/a"
    tokens = tokenize(text)
    labels = ["O"] * len(tokens)
    labels[tokens.index(next(t for t in tokens if t.text == "Caucasica"))] = "container-title"
    labels[tokens.index(next(t for t in tokens if t.text == "4"))] = "volume"
    assert settle_type("webpage", tokens, labels, text) == "article-journal"


def test_a_container_after_in_makes_a_chapter_when_the_cue_is_missing() -> None:
    text = "Doe J. Title. In: Essays on the Caucasus. London, 1990, 5-9."
    tokens = tokenize(text)
    labels = ["O"] * len(tokens)
    for k, t in enumerate(tokens):
        if t.text in ("Essays", "on", "the", "Caucasus"):
            labels[k] = "container-title"
    assert settle_type("report", tokens, labels, text) == "chapter"
