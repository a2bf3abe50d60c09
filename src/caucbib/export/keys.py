"""Citation keys: deterministic, ASCII, transliterated from any script, unique per export.

A pattern is text with placeholders in braces (default ``{author}{year}{title}``):

* ``{author}`` first author's (else editor's) family name, lower case; organisations give
  their first word; nothing at all gives ``anon``. ``{Author}`` the same, capitalised.
* ``{authors}`` up to three family names joined (``aliyevmammadov``), ``etal`` after three.
* ``{year}`` the year of issue, ``nd`` without one.
* ``{title}`` the first title word that is not a function word; ``{shorttitle}`` the first
  three such words.

Everything is romanised by :func:`caucbib.text.romanize` with the Azerbaijani official
scheme (``ə → a``: ``Məmmədov → mammadov``) and BGN/PCGN for Cyrillic (``Иванов → ivanov``),
then reduced to ``[a-z0-9]``. A letter no table can write becomes ``u`` + its hex code point,
so no letter is dropped silently. Clashing keys get ``a``, ``b``, … in the order of record
ids (stable hashes), so the same records get the same keys on every run. An imported
record keeps the key it came with (``citation-key``) unless a pattern is given.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from importlib import resources

from caucbib.errors import UsageError
from caucbib.model import Name, Record
from caucbib.text import romanize

DEFAULT_KEY_PATTERN = "{author}{year}{title}"
PLACEHOLDERS: tuple[str, ...] = ("author", "Author", "authors", "year", "title", "shorttitle")
_PLACEHOLDER = re.compile(r"\{([A-Za-z]+)\}")


@cache
def _stopwords() -> frozenset[str]:
    path = resources.files("caucbib").joinpath("data", "export", "key_stopwords.txt")
    words = (line.strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def ascii_slug(text: str, lang: str | None = None) -> str:
    """Lower-case ASCII letters and digits of ``text`` (romanised, nothing dropped)."""
    latin = romanize(text, lang=lang, scheme="az-official")
    out: list[str] = []
    for ch in latin.lower():
        if ch.isascii():
            if ch.isalnum():
                out.append(ch)
        elif ch.isalpha():
            out.append(f"u{ord(ch):04x}")
    return "".join(out)


def _name_part(name: Name, lang: str | None) -> str:
    if name.literal is not None:
        words = [w for w in re.split(r"\s+", name.literal) if ascii_slug(w, lang)]
        words = [w for w in words if ascii_slug(w, lang) not in _stopwords()] or words
        return ascii_slug(words[0], lang) if words else ""
    family = " ".join(p for p in (name.particle, name.family) if p) or name.given or ""
    return ascii_slug(family, lang)


def _creators(record: Record) -> list[Name]:
    for role in ("author", "editor", "compiler", "translator"):
        names = record.names(role)
        if names:
            return names
    return []


def _title_words(record: Record) -> list[str]:
    title = record.title or record.container_title or ""
    slugs = [ascii_slug(w, record.language) for w in re.split(r"[\s\-–—/:;,.!?()«»\"“”„']+", title)]
    slugs = [s for s in slugs if s]
    return [s for s in slugs if s not in _stopwords()] or slugs


def _value(placeholder: str, record: Record) -> str:
    lang = record.language
    creators = _creators(record)
    if placeholder in ("author", "Author"):
        value = _name_part(creators[0], lang) if creators else ""
        value = value or "anon"
        return value.capitalize() if placeholder == "Author" else value
    if placeholder == "authors":
        parts = [_name_part(n, lang) for n in creators[:3]]
        value = "".join(p for p in parts if p) or "anon"
        return value + ("etal" if len(creators) > 3 else "")
    if placeholder == "year":
        return str(record.year) if record.year else "nd"
    if placeholder == "title":
        words = _title_words(record)
        return words[0] if words else ""
    if placeholder == "shorttitle":
        return "".join(_title_words(record)[:3])
    raise UsageError(
        f"unknown key placeholder {{{placeholder}}}",
        "use " + ", ".join("{" + p + "}" for p in PLACEHOLDERS),
    )


def base_key(record: Record, pattern: str = DEFAULT_KEY_PATTERN) -> str:
    """The key ``pattern`` gives ``record`` before clashes are resolved."""
    literal_text = _PLACEHOLDER.sub("", pattern)
    if "{" in literal_text or "}" in literal_text:
        raise UsageError(f"malformed key pattern {pattern!r}", "placeholders look like {author}")
    key = _PLACEHOLDER.sub(lambda m: _value(m.group(1), record), pattern)
    key = re.sub(r"[^A-Za-z0-9_:\-]", "", key)
    return key or "ref"


def _kept_key(record: Record) -> str | None:
    """The key an imported record came with (``citation-key``), if usable."""
    key = record.extra.get("citation-key")
    if not isinstance(key, str):
        return None
    key = re.sub(r"[^A-Za-z0-9_:\-]", "", ascii_slug_keep_case(key))
    return key or None


def ascii_slug_keep_case(text: str) -> str:
    """``text`` romanised to ASCII, case and punctuation kept."""
    return romanize(text, scheme="az-official")


def _suffix(n: int) -> str:
    """a, b, …, z, aa, ab, … for n = 0, 1, …"""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def citation_keys(records: Sequence[Record], pattern: str | None = None) -> list[str]:
    """One unique key per record (same order as ``records``)."""
    bases: list[str] = []
    for record in records:
        kept = _kept_key(record) if pattern is None else None
        bases.append(kept or base_key(record, pattern or DEFAULT_KEY_PATTERN))
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(bases):
        groups[key].append(index)
    keys = list(bases)
    taken = set(bases)
    for key, members in groups.items():
        if len(members) == 1:
            continue
        members.sort(key=lambda i: (records[i].id or records[i].content_hash(), i))
        n = 0
        for rank, index in enumerate(members):
            if rank == 0:
                continue
            while (candidate := key + _suffix(n)) in taken:
                n += 1
            keys[index] = candidate
            taken.add(candidate)
            n += 1
    return keys
