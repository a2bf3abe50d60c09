"""Match keys: folded, romanised, OCR-repaired forms of titles and names (never stored)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from caucbib.text._data import stopwords, table
from caucbib.text.fold import fold
from caucbib.text.ocr import repair_ocr
from caucbib.text.script import _AZ_CYRILLIC
from caucbib.text.translit import romanize

_NON_WORD = re.compile(r"[^a-z0-9]+")
_EDGE = ".,:;!?\"'«»“”„()[]{}/-–—"
_ROMANS = frozenset({"i", "v", "x"})
_UPPER_ROMAN = re.compile(r"[IVX]{1,4}")
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
    (r"(?<=[^aoi])i(?=[ao])", ""),  # Aliyev/Aliev/Алиев, Afanasiev/Афанасьев
)
_SKELETON = tuple((re.compile(p), r) for p, r in _SKELETON_RULES)


def base_key(s: str, scheme: str = "key") -> str:
    """OCR-repaired, romanised, folded ASCII text with punctuation turned into spaces."""
    lang = None if _AZ_CYRILLIC.isdisjoint(s) else "az"
    return " ".join([k for k in [_word_key(w, scheme, lang) for w in s.split()] if k])


@lru_cache(maxsize=500_000)
def _word_key(word: str, scheme: str, lang: str | None) -> str:
    key = _one_pass(word, scheme, lang)
    for _ in range(4):  # repairs can expose new damage patterns ("ıi" -> "ii"): reach a fixpoint
        again = _one_pass(key, scheme, lang)
        if again == key:
            break
        key = again
    return key


@lru_cache(maxsize=500_000)
def _folded(word: str) -> str:
    return fold(word.strip(_EDGE))


@cache
def _scholarly() -> dict[int, str]:
    return {ord(k): v for k, v in table("cyrillic.json")["scholarly-latin"].items()}


def _one_pass(s: str, scheme: str, lang: str | None = None) -> str:
    text = unicodedata.normalize("NFKC", s).translate(_scholarly())
    text = romanize(repair_ocr(text), lang=lang, scheme=scheme)
    text = _APOSTROPHES.sub("", fold(text))
    return _NON_WORD.sub(" ", text).strip()


def title_tokens(s: str | None) -> list[str]:
    """Content words of a title key (stop words of az/tr/ru/en/de removed)."""
    if not s:
        return []
    stops = _key_stopwords()
    words = [
        w for w in s.split() if _UPPER_ROMAN.fullmatch(w.strip(_EDGE)) or _folded(w) not in stops
    ]
    return [t for t in base_key(" ".join(words)).split() if t not in stops or t in _ROMANS]


def title_key(s: str | None) -> str:
    """A title as one comparable string (``"Azərbaycan tarixi."`` → ``"azerbaycan tarixi"``).

    Keys are fixed points: ``title_key(title_key(x)) == title_key(x)``.
    """
    return _fixpoint(lambda text: " ".join(title_tokens(text)), s or "")


def _fixpoint(step: Callable[[str], str], text: str) -> str:
    """Apply ``step`` until the value stops changing (repairs can expose new patterns)."""
    key = step(text)
    for _ in range(4):
        again = step(key)
        if again == key:
            break
        key = again
    return key


@cache
def _key_stopwords() -> frozenset[str]:
    words = stopwords()
    return words | frozenset(base_key(w) for w in words)


@lru_cache(maxsize=200_000)
def name_skeleton(surname: str) -> str:
    """A phonetic skeleton of a surname that survives transliteration:
    ``Гасанов``, ``Gasanov``, ``Hasanov`` and ``Həsənov`` all give ``kasanov``."""
    return _skeleton(base_key(surname).replace(" ", ""))


def _skeleton(key: str) -> str:
    for pattern, repl in _SKELETON:
        key = pattern.sub(repl, key)
    return key


@lru_cache(maxsize=200_000)
def name_skeletons(surname: str) -> tuple[str, ...]:
    """The skeleton plus the one read with ``j`` as ``y`` (``Jusifov`` = ``Юсифов``),
    since ``j`` is ``c`` in English renderings of Azerbaijani (``Jafarov`` = ``Cəfərov``)."""
    key = base_key(surname).replace(" ", "")
    main = _skeleton(key)
    if "j" not in key:
        return (main,)
    alt = _skeleton(re.sub(r"(?<!d)j", "y", key))
    return (main,) if alt == main else (main, alt)


def name_key(s: str | None) -> str:
    """A folded, romanised name without spaces (``De Waal`` → ``dewaal``); a fixed point."""
    return _fixpoint(lambda text: base_key(text).replace(" ", ""), s or "")
