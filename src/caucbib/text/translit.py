"""Romanisation of any script to ASCII Latin with named schemes.

Schemes:

* ``key`` (default): Russian Cyrillic by BGN/PCGN 1947 (context-free, ``е``/``ё`` → ``e``)
  with ``ь``/``ъ`` written as nothing, as in ICAO 9303; Latin ``ə`` → ``e``.
* ``bgn-pcgn``: BGN/PCGN 1947 with ``ь`` → ``'`` and ``ъ`` → ``"``.
* ``gost-7.79-b``: GOST 7.79-2000 System B (``ц`` → ``cz``, ``щ`` → ``shh``, ``ы`` → ``y'``).
* ``az-official``: Azerbaijani official ASCII romanisation, ``ə`` → ``a``
  (``Məmmədov`` → ``Mammadov``).

Azerbaijani Cyrillic (text with ``Ә Ғ Ҝ Һ Ј Ө Ү Ҹ`` or ``lang="az"``) is first converted to
the Azerbaijani Latin alphabet by the 1991 correspondence (``Ҹ`` → ``C``, ``Ч`` → ``Ç``,
``Х`` → ``X``), then folded to ASCII. Georgian, Armenian and other scripts go through
anyascii. A letter that no table or anyascii can write is kept unchanged, never dropped.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from anyascii import anyascii

from caucbib.errors import UsageError
from caucbib.text._data import table
from caucbib.text.script import _AZ_CYRILLIC

SCHEMES: tuple[str, ...] = ("key", "bgn-pcgn", "gost-7.79-b", "az-official")

_LATIN_EXTRA = {"ə": "e", "Ə": "E", "ı": "i", "İ": "I"}


@cache
def _cyrillic(scheme: str) -> dict[str, str]:
    name = "key" if scheme == "az-official" else scheme
    mapping: dict[str, str] = table("cyrillic.json")[name]
    return mapping


def _cased(latin: str, upper: bool, next_upper: bool) -> str:
    if not upper or not latin:
        return latin
    return latin.upper() if next_upper or len(latin) == 1 else latin[0].upper() + latin[1:]


def _ascii_latin(ch: str, scheme: str) -> str:
    if ch in "əƏ" and scheme == "az-official":
        return "a" if ch == "ə" else "A"
    if ch in _LATIN_EXTRA:
        return _LATIN_EXTRA[ch]
    out = anyascii(ch)
    return out if out or not ch.isalpha() else ch


def _is_cyrillic(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CYRILLIC")


def _az_to_latin(s: str) -> str:
    mapping = table("cyrillic.json")["az-cyrillic"]
    out: list[str] = []
    for i, ch in enumerate(s):
        low = ch.lower()
        if low in mapping:
            nxt = s[i + 1] if i + 1 < len(s) else ""
            repl = mapping[low]
            upper = ch != low
            out.append(_cased(repl, upper, nxt.isupper()))
        else:
            out.append(ch)
    return "".join(out)


def romanize(s: str, lang: str | None = None, scheme: str = "key") -> str:
    """Write ``s`` in ASCII Latin letters under ``scheme`` (see the module docstring).

    ``lang`` ``"az"`` treats Cyrillic as Azerbaijani Cyrillic; ``"ru"`` forces Russian
    tables; None decides from the letters present.
    """
    if scheme not in SCHEMES:
        raise UsageError(
            f"unknown transliteration scheme {scheme!r}", "use one of " + ", ".join(SCHEMES)
        )
    s = unicodedata.normalize("NFC", s)
    azerbaijani = lang == "az" or (lang != "ru" and any(ch in _AZ_CYRILLIC for ch in s))
    if azerbaijani and any(_is_cyrillic(ch) for ch in s):
        s = _az_to_latin(s)
    cyr = _cyrillic(scheme)
    out: list[str] = []
    for i, ch in enumerate(s):
        if ord(ch) < 128:
            out.append(ch)
        elif _is_cyrillic(ch) and ch.lower() in cyr:
            nxt = s[i + 1] if i + 1 < len(s) else ""
            out.append(_cased(cyr[ch.lower()], ch != ch.lower(), nxt.isupper()))
        else:
            out.append(_ascii_latin(ch, scheme))
    return "".join(out)
