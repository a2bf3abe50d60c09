"""Script and language hints for strings."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

_SCRIPTS = ("LATIN", "CYRILLIC", "GEORGIAN", "ARMENIAN")
_AZ_CYRILLIC = frozenset("ӘәҒғҜҝҺһЈјӨөҮүҸҹ")
_AZ_LATIN = frozenset("Əə")
_TR_AZ_LATIN = frozenset("ğĞışŞİ")


@lru_cache(maxsize=8192)
def _script_of_char(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for script in _SCRIPTS:
        if name.startswith(script) or f" {script} " in f" {name} ":
            return script.lower()
    return "other"


def script_counts(s: str) -> Counter[str]:
    """How many letters of each script ``s`` has."""
    counts: Counter[str] = Counter()
    if s.isascii():
        letters = sum(map(str.isalpha, s))
        if letters:
            counts["latin"] = letters
        return counts
    counts.update(filter(None, map(_script_of_char, s)))
    return counts


def script_of(s: str) -> str:
    """``latin``, ``cyrillic``, ``georgian``, ``armenian``, ``mixed`` or ``other``.

    ``mixed`` means two scripts each hold at least 10 % of the letters; a stray
    look-alike letter does not make a string mixed. No letters at all gives ``other``.
    """
    counts = script_counts(s)
    total = sum(counts.values())
    if not total:
        return "other"
    major = [script for script, n in counts.items() if n / total >= 0.1]
    if len(major) > 1:
        return "mixed"
    return counts.most_common(1)[0][0]


def script_and_language(s: str) -> tuple[str, str | None]:
    """``script_of(s)`` and ``language_hint(s)`` in one pass."""
    return script_of(s), language_hint(s)


def language_hint(s: str) -> str | None:
    """A guess at the language of ``s`` from its letters alone: ``az``, ``tr``, ``ru``,
    ``ka``, ``hy`` or None (Latin text without tell-tale letters, e.g. English)."""
    script = script_of(s)
    if script == "georgian":
        return "ka"
    if script == "armenian":
        return "hy"
    if script in ("cyrillic", "mixed") and script_counts(s).get("cyrillic", 0):
        return "az" if any(ch in _AZ_CYRILLIC for ch in s) else "ru"
    if any(ch in _AZ_LATIN for ch in s):
        return "az"
    if any(ch in _TR_AZ_LATIN for ch in s):
        lowered = s.lower()
        if any(w in lowered for w in (" və ", "ların", "lərin", "sı ", "xan")) and "x" in lowered:
            return "az"
        return "tr"
    return None
