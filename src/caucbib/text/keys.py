"""Match keys: folded, romanised, OCR-repaired forms of titles and names (never stored)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from caucbib.text._data import stopwords
from caucbib.text.fold import fold
from caucbib.text.ocr import repair_ocr
from caucbib.text.translit import romanize

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’ʼʻ`´\"]")

# Ordered rewrites that collapse transliteration variants of one surname.
_SKELETON_RULES: tuple[tuple[str, str], ...] = (
    (r"shch|sch", "s"),
    (r"dzh|dj|zh|tch|ch|ts|tz|cz|c|j", "c"),
    (r"sh|sz", "s"),
    (r"kh|gh|ck|q|x|h|g|k", "k"),
    (r"ph|f|w|v", "v"),
    (r"y|i", "i"),
    (r"e|a", "a"),
    (r"u|o", "o"),
    (r"ff$|ov$|of$", "ov"),
    (r"(.)\1+", r"\1"),
)
_SKELETON = tuple((re.compile(p), r) for p, r in _SKELETON_RULES)


@lru_cache(maxsize=200_000)
def base_key(s: str, scheme: str = "key") -> str:
    """OCR-repaired, romanised, folded ASCII text with punctuation turned into spaces."""
    key = _one_pass(s, scheme)
    for _ in range(4):  # repairs can expose new damage patterns ("ıi" -> "ii"): reach a fixpoint
        again = _one_pass(key, scheme)
        if again == key:
            break
        key = again
    return key


def _one_pass(s: str, scheme: str) -> str:
    text = romanize(repair_ocr(unicodedata.normalize("NFKC", s)), scheme=scheme)
    text = _APOSTROPHES.sub("", fold(text))
    return _NON_WORD.sub(" ", text).strip()


def title_tokens(s: str | None) -> list[str]:
    """Content words of a title key (stop words of az/tr/ru/en/de removed)."""
    if not s:
        return []
    stops = _key_stopwords()
    return [t for t in base_key(s).split() if t not in stops]


def title_key(s: str | None) -> str:
    """A title as one comparable string (``"Azərbaycan tarixi."`` → ``"azerbaycan tarixi"``)."""
    return " ".join(title_tokens(s))


@cache
def _key_stopwords() -> frozenset[str]:
    words = stopwords()
    return words | frozenset(base_key(w) for w in words)


@lru_cache(maxsize=200_000)
def name_skeleton(surname: str) -> str:
    """A phonetic skeleton of a surname that survives transliteration:
    ``Гасанов``, ``Gasanov``, ``Hasanov`` and ``Həsənov`` all give ``kasanov``."""
    key = base_key(surname).replace(" ", "")
    for pattern, repl in _SKELETON:
        key = pattern.sub(repl, key)
    return key


def name_key(s: str | None) -> str:
    """A folded, romanised name without spaces (``De Waal`` → ``dewaal``)."""
    return base_key(s or "").replace(" ", "")
