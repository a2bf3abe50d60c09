"""Collation by national alphabets (az, tr, ru, en) from ``data/export/alphabets.json``.

A key has three levels, compared in turn: letters by their place in the alphabet (with the
script blocks in the order asked for, e.g. Cyrillic before Latin for GOST), then
accents of letters outside the alphabet, then case. Letters the alphabet lacks sort as
their folded base letter (``é`` as ``e``; in English ``ı`` as ``i``, ``ə`` as ``e``).
Turkic ``I``/``ı`` and ``İ``/``i`` are distinct letters in ``az`` and ``tr``.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from caucbib.errors import UsageError
from caucbib.model import Name, Record
from caucbib.text import fold

SCRIPTS: tuple[str, ...] = ("latin", "cyrillic")
CollationKey = tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...]]


@cache
def alphabets() -> dict[str, dict[str, Any]]:
    """The alphabet data by language code."""
    path = resources.files("caucbib").joinpath("data", "export", "alphabets.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def alphabet_for(lang: str | None) -> str:
    """The alphabet code for a locale or language (``az-AZ`` → ``az``; unknown → ``en``)."""
    code = (lang or "en").lower().replace("_", "-").split("-")[0]
    return code if code in alphabets() else "en"


def _script(char: str) -> str | None:
    name = unicodedata.name(char, "")
    for script in SCRIPTS:
        if name.startswith(script.upper()):
            return script
    return None


@cache
def _table(lang: str) -> tuple[dict[str, int], dict[str, str], str]:
    data = alphabets()[lang]
    letters = data["letters"].split()
    lower_map: dict[str, str] = data.get("lower", {})
    table: dict[str, int] = {}
    for index, upper in enumerate(letters, start=1):
        table[upper] = index
        table[lower_map.get(upper, upper.lower())] = index
    return table, lower_map, data["script"]


def _fallback_alphabet(script: str) -> str:
    return "ru" if script == "cyrillic" else "en"


def collation_key(
    text: str, lang: str | None = "en", script_order: Sequence[str] = ("latin", "cyrillic")
) -> CollationKey:
    """A sort key for ``text`` under the alphabet of ``lang``."""
    code = alphabet_for(lang)
    ranks = {script: i for i, script in enumerate(script_order)}
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    own_table, _, own_script = _table(code)
    for char in unicodedata.normalize("NFC", text):
        if char.isdigit():
            primary.append((-1, int(char) if char.isascii() else ord(char)))
            secondary.append(0)
            tertiary.append(0)
            continue
        if not char.isalpha():
            continue
        script = _script(char) or "other"
        rank = ranks.get(script, len(ranks))
        table = own_table if script == own_script else _table(_fallback_alphabet(script))[0]
        accent = 0
        weight = table.get(char)
        if weight is None:
            base = fold(char)[:1]
            weight = table.get(base, 1000 + ord(char))
            accent = 1
        primary.append((rank, weight))
        secondary.append(accent)
        tertiary.append(1 if char.isupper() else 0)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def _name_text(name: Name) -> str:
    if name.literal is not None:
        return name.literal
    return " ".join(p for p in (name.family, name.given, name.particle) if p)


def record_sort_key(
    record: Record, lang: str | None = "en", script_order: Sequence[str] = ("latin", "cyrillic")
) -> tuple[Any, ...]:
    """Sort key of a bibliography entry: creators, then year, then title."""
    creators: list[Name] = []
    for role in ("author", "editor", "compiler", "translator"):
        creators = record.names(role)
        if creators:
            break
    heads = [collation_key(_name_text(n), lang, script_order) for n in creators]
    title = collation_key(record.title or record.container_title or "", lang, script_order)
    first = heads[0] if heads else title
    return (first, tuple(heads[1:]), record.year or 0, title)


def sort_records(
    records: Sequence[Record],
    lang: str | None = "en",
    script_order: Sequence[str] | None = None,
) -> list[Record]:
    """``records`` in alphabetical order of ``lang``'s alphabet (stable)."""
    if script_order is None:
        script_order = ("cyrillic", "latin") if alphabet_for(lang) == "ru" else SCRIPTS
    unknown = [s for s in script_order if s not in SCRIPTS]
    if unknown:
        raise UsageError(f"unknown script {unknown[0]!r}", "use latin and cyrillic")
    return sorted(records, key=lambda r: record_sort_key(r, lang, script_order))
