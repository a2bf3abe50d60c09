"""Sanity rules over the type model's choice: a type the fields alone cannot show (a law,
a newspaper item, a report, a map, a manuscript) needs a word in the reference that says so."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from caucbib.parse._data import word_lists
from caucbib.parse.lexicon import categories_of, fold_case
from caucbib.parse.repairs import opens_container
from caucbib.parse.tokens import Token

_SCALE = re.compile(r"\b1\s*:\s*\d[\d\s.]{2,}")


def _cues() -> dict[str, frozenset[str]]:
    return word_lists("type_cues.json", str)


def _in_before_container(tokens: Sequence[Token], labels: Sequence[str]) -> bool:
    """``In: Book``, ``in Book``, ``içinde``, ``в кн.``: the container is a book."""
    start = labels.index("container-title")
    before = [t.text.lower() for t in tokens[max(0, start - 3) : start] if t.text.isalpha()]
    return bool(before) and opens_container(before[-1])


def _day_and_month(tokens: Sequence[Token]) -> bool:
    """A day and a month name side by side (``2 июля``, ``May 4``): a dated issue."""
    for a, b in itertools.pairwise(tokens):
        if (a.text.isdigit() and len(a.text) <= 2 and "month" in categories_of(b.text)) or (
            b.text.isdigit() and len(b.text) <= 2 and "month" in categories_of(a.text)
        ):
            return True
    return False



@lru_cache(maxsize=65536)
def _cue_forms(word: str) -> tuple[str, ...]:
    """The forms a word is matched in: Turkic case folding and plain lower case."""
    return (fold_case(word), word.lower()) if word[:1].isalpha() else ()


def _fallback(have: set[str], tokens: Sequence[Token], labels: Sequence[str]) -> str:
    """What the fields say when the model's cue-bound type has no cue."""
    if "container-title" in have:
        if "editor" in have or _in_before_container(tokens, labels):
            return "chapter"
        return "article-journal"
    if "genre" in have:
        return "thesis"
    if "URL" in have and not have & {"publisher", "publisher-place", "number-of-pages"}:
        return "webpage"
    return "book"


def settle_type(predicted: str, tokens: Sequence[Token], labels: Sequence[str], text: str) -> str:
    """The model's type unless the reference lacks every cue that type needs."""
    cues = _cues()
    have = set(labels)
    scale = _SCALE.search(text)
    needs_words = predicted in _WORD_CHECKED or scale is not None or (
        predicted == "book" and _mentions_unpublished(text)
    )
    words = _words(tokens) if needs_words else set()  # the common case skips the token scan
    if predicted == "legislation" and words & cues["treaty"] and not words & (
        cues["legislation"] - cues["treaty"]
    ):
        return "treaty"
    if predicted in _CUE_BOUND and not words & cues[predicted]:
        return _fallback(have, tokens, labels)
    if predicted == "map" and not (words & cues["map"]):
        return _fallback(have, tokens, labels)
    if predicted != "map" and words & cues["map"] and scale:
        return "map"
    if predicted == "article-newspaper" and not words & cues["article-newspaper"] \
            and not _day_and_month(tokens):
        return _fallback(have, tokens, labels) if "container-title" in have else "book"
    if predicted == "webpage" and "container-title" in have and have & _NUMBERED:
        return "article-journal"
    if predicted == "book" and words & cues["manuscript"] & _UNPUBLISHED:
        return "manuscript"
    return predicted


_CUE_BOUND = ("legislation", "treaty", "report", "manuscript")
_WORD_CHECKED = frozenset({*_CUE_BOUND, "map", "article-newspaper"})
_NUMBERED = frozenset({"volume", "issue", "page"})


def _mentions_unpublished(text: str) -> bool:
    forms = (text.lower(), fold_case(text))
    return any(w in form for w in _UNPUBLISHED for form in forms)


def _words(tokens: Sequence[Token]) -> set[str]:
    return {w for t in tokens for w in _cue_forms(t.text)}


_UNPUBLISHED = frozenset(
    {"unpublished", "yayımlanmamış", "yayınlanmamış", "рукопись", "неопубликовано", "неопубл",
     "неопубликованный", "გამოქვეყნებულა", "olunmamış"}
)
