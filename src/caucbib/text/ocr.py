"""OCR and font-mapping repairs for match keys (stored values are never rewritten)."""

from __future__ import annotations

import re
from functools import cache

from caucbib.text._data import table
from caucbib.text.script import script_counts

_WORD = re.compile(r"\w+", re.UNICODE)
_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)


@cache
def _chars() -> dict[int, str]:
    return {ord(k): v for k, v in table("ocr.json")["chars"].items()}


@cache
def _lookalikes(into: str) -> dict[int, str]:
    key = "cyrillic_lookalikes" if into == "latin" else "latin_lookalikes"
    return {ord(k): v for k, v in table("ocr.json")[key].items()}


def _repair_word(word: str) -> str:
    counts = script_counts(word)
    latin, cyrillic = counts.get("latin", 0), counts.get("cyrillic", 0)
    if latin and cyrillic:
        word = word.translate(_lookalikes("latin" if latin >= cyrillic else "cyrillic"))
    if not any(ch.isalpha() for ch in word) or _ROMAN.match(word):
        return word
    if cyrillic > latin:
        return word.translate(_lookalikes("cyrillic")) if any(c.isdigit() for c in word) else word
    # Digits standing for letters inside a word: Say1 -> Sayı, 6z -> öz, 0zet -> özet.
    digits = table("ocr.json")["digits_in_words"]
    n_digits = sum(ch.isdigit() for ch in word)
    n_letters = sum(ch.isalpha() for ch in word)
    if (
        n_digits
        and n_letters
        and (n_digits == 1 or n_letters >= 3 * n_digits)
        and all(ch in digits for ch in word if ch.isdigit())
    ):
        chars = list(word)
        for i, ch in enumerate(chars):
            if ch in digits and (i == 0 or chars[i - 1].isalpha() or i + 1 < len(chars)):
                near_letter = (i > 0 and chars[i - 1].isalpha()) or (
                    i + 1 < len(chars) and chars[i + 1].isalpha()
                )
                if near_letter:
                    chars[i] = digits[ch]
        word = "".join(chars)
    # ü printed as ii inside a word (Tiirkiye, Kiiltiir); not in Roman numerals.
    if "ii" in word.lower() and len(word) > 3:
        word = re.sub(r"(?<=[^\W\d_])ii(?=[^\W\d_])", "ü", word)
        word = re.sub(r"(?<=[^\W\d_])II(?=[^\W\d_])", "Ü", word)
    return word


def repair_ocr(s: str) -> str:
    """Undo common PDF/OCR damage for keys: ``ģ→ş``, ``Ġ→İ``, ``ii→ü`` and ``1→ı``,
    ``6→ö``, ``0→o`` inside words, and look-alike letters of the other script inside a word."""
    s = s.translate(_chars())
    return _WORD.sub(lambda m: _repair_word(m.group(0)), s)
