"""Folding for match keys: NFC, Turkish/Azerbaijani-correct case folding, diacritic stripping."""

from __future__ import annotations

import unicodedata
from functools import cache

from caucbib.text._data import table


@cache
def _fold_map() -> dict[int, str]:
    return {ord(k): v for k, v in table("fold.json")["map"].items()}


def _is_latin_letter(ch: str) -> bool:
    return "LATIN" in unicodedata.name(ch, "")


def fold(s: str) -> str:
    """Fold ``s`` for comparison: ``İ ı I i → i``, ``ə → e``, ``ğ ş ç ö ü → g s c o u``,
    other Latin diacritics stripped (NFKD), then casefold. Cyrillic letters keep their
    diacritic letters (``й`` stays ``й``; ``ё`` becomes ``е``). Idempotent.
    """
    s = unicodedata.normalize("NFC", s).translate(_fold_map()).casefold()
    out: list[str] = []
    for ch in s:
        if ord(ch) < 128:
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFKD", ch)
        if _is_latin_letter(decomposed[0]) or not ch.isalpha():
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
        else:
            out.append(ch)
    result = "".join(out)
    # NFKD of a compatibility character may produce letters the table folds (e.g. "ﬁ").
    return unicodedata.normalize("NFC", result).translate(_fold_map()).casefold()
