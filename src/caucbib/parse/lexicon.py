"""Word lists of the parser (``caucbib/data/parse/lexicon.json``), loaded once."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources

_FOLD = str.maketrans({"İ": "i", "I": "ı", "ё": "е", "Ё": "е", "’": "'", "ʼ": "'"})


def fold_case(word: str) -> str:
    """Lower-case with Turkic dotted/dotless I kept apart (``İ``→``i``, ``I``→``ı``)."""
    if word.isascii() and "I" not in word:  # the table changes no other ASCII letter
        return word.lower()
    if len(word) <= 40:
        return _fold_word(word)
    return word.translate(_FOLD).lower()


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return word.translate(_FOLD).lower()


_ASCII_FOLD = str.maketrans(
    {"ı": "i", "ə": "e", "ğ": "g", "ş": "s", "ç": "c", "ö": "o", "ü": "u", "ñ": "n", "â": "a",
     "î": "i", "û": "u", "é": "e", "è": "e", "á": "a", "ó": "o", "í": "i", "ú": "u", "ä": "a"}
)


def ascii_fold(word: str) -> str:
    """Lower-case and fold the Turkic letters to ASCII (``Qasımov``→``qasimov``)."""
    return word.lower().replace("i̇", "i").translate(_ASCII_FOLD)


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """Category → set of lower-case entries; multi-word entries also add their words."""
    text = resources.files("caucbib.data.parse").joinpath("lexicon.json").read_text("utf-8")
    data: dict[str, list[str]] = json.loads(text)
    out: dict[str, frozenset[str]] = {}
    for key, words in data.items():
        if key.startswith("_"):
            continue
        entries: set[str] = set()
        for word in words:
            entries.add(word.lower())
            entries.add(ascii_fold(word))
            entries.update(w.strip(".,") for w in word.lower().split())
        entries.discard("")
        out[key] = frozenset(entries)
    names = resources.files("caucbib.data.parse").joinpath("given_names.txt").read_text("utf-8")
    out["given"] = frozenset(
        fold_case(w.strip()) for w in names.splitlines() if w.strip() and not w.startswith("#")
    )
    return out


@cache
def categories_of(word: str) -> tuple[str, ...]:
    """The lexicon categories a single word belongs to (case-folded)."""
    masks, of_mask = _inverted()
    mask = masks.get(fold_case(word), 0) | masks.get(ascii_fold(word), 0)
    return of_mask[mask] if mask in of_mask else _categories_of_mask(mask)


@cache
def _inverted() -> tuple[dict[str, int], dict[int, tuple[str, ...]]]:
    """Entry → bit mask of its categories (bit k: the k-th category), and a mask → names memo."""
    masks: dict[str, int] = {}
    for k, entries in enumerate(lexicon().values()):
        for entry in entries:
            masks[entry] = masks.get(entry, 0) | (1 << k)
    return masks, {0: ()}


def _categories_of_mask(mask: int) -> tuple[str, ...]:
    names = tuple(k for i, k in enumerate(lexicon()) if mask >> i & 1)
    _inverted()[1][mask] = names
    return names


def words(category: str) -> frozenset[str]:
    return lexicon()[category]
