"""Per-record match features: keys computed once per record, never stored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from caucbib.model import Name, Record
from caucbib.text import (
    base_key,
    name_skeleton,
    name_skeletons,
    script_and_language,
    title_tokens,
)

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_RE = re.compile(r"^(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_SMALL_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(ix|iv|v?i{0,3})$")
_CENTURY_WORDS = (
    "v",
    "vv",
    "vek",
    "veka",
    "veke",
    "asr",
    "esr",
    "yuzyil",
    "yy",
    "century",
    "centuries",
    "c",
    "cc",
    "ci",
    "cu",
    "jh",
)
_IN_CONTAINER = re.compile(
    r"(?:\bIn:?|\bin:|\bВ кн\.?:?|\bВ сб\.?:?|\bİçinde:?|//)\s+([^.(\[]{4,})"
)
_VOLUME_WORDS = (
    r"cild|cilt|c|t|tom|vol|volume|band|bd|kitab|kniga|hisse|part|chast|ch|pt|vyp|jild|sayi"
)
_SUFFIX = r"(?:\s*(?:ci|cu|ji|nci|inci|unci|uncu|nchi|nji|th|st|nd|rd|y|oy|iy|e))?"
# on base keys: "iii cild", "1 cilt", "10 cu cild", "t 2", "vol 4", "cild 2", "ch 1"
_VOL_AFTER = re.compile(rf"\b([ivx]+|\d+){_SUFFIX}\s+(?:{_VOLUME_WORDS})\b")
_VOL_BEFORE = re.compile(rf"\b(?:{_VOLUME_WORDS})\s+([ivx]+|\d+)\b")
_EDITION = re.compile(
    r"\b(\d+)\s*(?:st|nd|rd|th|e|oe|ci|cu|inci|nci|uncu)?\s+(?:ed|edition|izd|izdanie|baski|nesr)\b"
)
_SUBTITLE = re.compile(r"\s*[:]\s+|\s+[-–—]\s+")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_PAGES = re.compile(r"(\d+)\s*[-–—]\s*(\d+)")
_DIGITS = re.compile(r"\d+")
# "(in Russian)", "(In Russ.)", "(на рус. яз.)", "(rusça)", "(rus dilində)"
_LANG_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\(\s*in\s+russ(?:ian)?\.?\s*\)|\(\s*на\s+рус|\(\s*rus(?:ça|ca)\s*\)|"
            r"\(\s*rus\s+dilind",
            re.IGNORECASE,
        ),
        "ru",
    ),
    (
        re.compile(
            r"\(\s*in\s+azerbaijani\s*\)|\(\s*in\s+azeri\s*\)|\(\s*на\s+азерб", re.IGNORECASE
        ),
        "az",
    ),
    (re.compile(r"\(\s*in\s+turkish\s*\)|\(\s*на\s+турец", re.IGNORECASE), "tr"),
    (re.compile(r"\(\s*in\s+georgian\s*\)|\(\s*на\s+груз", re.IGNORECASE), "ka"),
    (re.compile(r"\(\s*in\s+armenian\s*\)|\(\s*на\s+арм", re.IGNORECASE), "hy"),
)
_PART_TYPES = frozenset(
    {
        "chapter",
        "article-journal",
        "article-newspaper",
        "article-magazine",
        "paper-conference",
        "entry-encyclopedia",
        "entry-dictionary",
        "article",
    }
)
_WHOLE_TYPES = frozenset({"book", "thesis", "report", "periodical", "manuscript"})


def roman_to_int(s: str) -> int | None:
    """``"XLI"`` → 41; None when ``s`` is not a Roman numeral."""
    s = s.lower()
    if not _ROMAN_RE.match(s):
        return None
    total = 0
    for i, ch in enumerate(s):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(s) and _ROMAN[s[i + 1]] > value else value
    return total


def number_of(s: str | None) -> str | None:
    """A volume-like value as a canonical number (``"III"`` → ``"3"``, ``"Т. 2"`` → ``"2"``)."""
    if not s:
        return None
    text = s.strip().strip(".").lower()
    if text.isdigit():
        return str(int(text))
    roman = roman_to_int(text)
    if roman is not None:
        return str(roman)
    found = _DIGITS.search(text)
    if found:
        return str(int(found.group(0)))
    for word in re.split(r"\W+", text):
        roman = roman_to_int(word)
        if roman is not None:
            return str(roman)
    return text or None


def normalise_doi(doi: str | None) -> str | None:
    if not doi:
        return None
    found = _DOI.search(doi)
    return found.group(0).rstrip(".,;").lower() if found else None


_RAW_DOI = re.compile(r"(?:doi\.org/|\bdoi:?\s*)(10\.\d{4,9}/\S+)", re.IGNORECASE)


def _raw_doi(raw: str | None) -> str | None:
    """A DOI printed in the raw string that the parser did not pick up."""
    found = _RAW_DOI.search(raw) if raw and "10." in raw else None
    return normalise_doi(found.group(1)) if found else None


def normalise_isbn(isbn: str | None) -> str | None:
    if not isbn:
        return None
    digits = re.sub(r"[^0-9Xx]", "", isbn).upper()
    if len(digits) == 10:  # to ISBN-13 (978 prefix) so both forms compare equal
        core = "978" + digits[:9]
        check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(core)) % 10) % 10
        digits = core + str(check)
    return digits if len(digits) == 13 else None


def page_range(page: str | None) -> tuple[int, int] | None:
    """First cited range or page as ``(start, end)``; None when there is none."""
    if not page:
        return None
    found = _PAGES.search(page)
    if found:
        start, end = int(found.group(1)), int(found.group(2))
        if end < start and len(found.group(2)) < len(found.group(1)):  # 135-56 → 135-156
            prefix = found.group(1)[: len(found.group(1)) - len(found.group(2))]
            end = int(prefix + found.group(2))
        return (start, end) if end >= start else (start, start)
    single = _DIGITS.search(page)
    return (int(single.group(0)), int(single.group(0))) if single else None


def volume_in_title(title: str | None) -> str | None:
    """A volume or part number printed in a title (``… III cild``, ``Т. 2``, ``Kitabı I``)."""
    if not title:
        return None
    return _volume_in_key(base_key(title))


def _volume_in_key(key: str) -> str | None:
    for pattern in (_VOL_AFTER, _VOL_BEFORE):
        found = pattern.search(key)
        if found:
            value = number_of(found.group(1))
            return value if value and value.isdigit() and 0 < int(value) <= 300 else None
    return None


@dataclass(frozen=True)
class PersonKey:
    skeleton: str
    family: str
    initial: str
    variants: tuple[str, ...]


def person_key(name: Name) -> PersonKey | None:
    family = (
        name.literal
        if name.literal is not None
        else " ".join(p for p in (name.particle, name.family) if p)
    )
    if not family:
        return None
    given = base_key(name.given or "")
    variants = name_skeletons(family)
    return PersonKey(variants[0], base_key(family).replace(" ", ""), given[:1], variants)


@dataclass(frozen=True)
class Features:
    """What scoring and blocking look at for one record."""

    record_id: str | None
    doi: str | None
    isbn: str | None
    title: str
    title_is_surrogate: bool
    main_skeleton: str  # the title before its subtitle ("" when there is no subtitle)
    title_tokens: tuple[str, ...]
    title_skeleton: str
    title_numbers: frozenset[str]
    title_script: str
    title_lang: str | None
    work_lang: str | None
    people: tuple[PersonKey, ...]
    raw_words: frozenset[str]  # skeletons of every word of the raw string
    year: int | None
    raw_years: frozenset[int]  # every year-like number printed anywhere in the raw string
    volume: str | None
    edition: str | None
    issue: str | None
    pages: tuple[int, int] | None
    container: str
    holder: str  # container title or the text after "In"/"//": for chapter-vs-book checks
    holder_marked: bool  # the raw string prints "In …" or "// …"
    name_words: frozenset[str]  # skeletons of every word of every name (parser slips)
    publisher: str
    place: str
    kind: str  # "part" | "whole" | "other"
    type: str
    et_al: bool
    number_of_pages: str | None
    first_author: str  # as printed, for reasons


def _people(record: Record) -> tuple[PersonKey, ...]:
    for role in ("author", "editor", "compiler", "translator"):
        names = record.names(role)
        if names:
            keys = [k for k in (person_key(n) for n in names) if k is not None]
            if keys:
                return tuple(keys)
    return ()


def _kind(record: Record) -> str:
    if record.type in _PART_TYPES and record.container_title:
        return "part"
    if record.type in _WHOLE_TYPES and not record.container_title:
        return "whole"
    return "other"


def _confident_volume(value: str | None) -> str | None:
    """A volume usable for a veto: digits or a small Roman numeral, at most 300."""
    if not value:
        return None
    text = value.strip().strip(".").lower()
    found = _DIGITS.fullmatch(text) or re.fullmatch(r"(?:t|vol|c|cilt|cild|tom)?\.?\s*(\d+)", text)
    if found:
        number = int(found.group(1) if found.groups() else found.group(0))
        return str(number) if 0 < number <= 300 else None
    if _SMALL_ROMAN.match(text):
        return str(roman_to_int(text))
    return None


_TITLE_ROMAN = re.compile(
    r"(?<![-–—]\s)(?<![-–—])\b([IVX]{1,4})\b\.?(?=\s*(?:$|[:(]|[-–—]\s*(?![IVX]+\b)))"
)


def _roman_volume(title: str) -> str | None:
    """``Dede Korkut Kitabı I - Giriş``: a capital Roman numeral closing the main title."""
    found = [m.group(1) for m in _TITLE_ROMAN.finditer(title) if m.start() > 0]
    if len(found) != 1:
        return None
    return str(roman_to_int(found[0]))


@lru_cache(maxsize=100_000)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(title_tokens(text))


def container_guess(record: Record) -> str:
    """The container as a title key: the parsed one, or what follows ``In``/``//`` in the raw."""
    if record.container_title and record.type in _PART_TYPES:
        return " ".join(_tokens(record.container_title))
    for text in (record.title or "", record.raw or ""):
        found = _IN_CONTAINER.search(text)
        if found:
            return " ".join(title_tokens(found.group(1)))
    return ""


def marked_language(raw: str | None) -> str | None:
    """The work language stated by a marker such as ``(In Russ.)`` in the raw string."""
    if not raw:
        return None
    for pattern, lang in _LANG_MARKERS:
        if pattern.search(raw):
            return lang
    return None


def _first_author(record: Record) -> str:
    for role in ("author", "editor", "compiler", "translator"):
        names = record.names(role)
        if names:
            name = names[0]
            return name.literal or name.family or ""
    return ""


def features(record: Record) -> Features:
    """Compute the match features of ``record`` (pure; stored values are not touched)."""
    title = record.title or ""
    surrogate = not title
    if surrogate and record.raw:  # the parser found no title: compare the raw text instead
        title = record.raw
        for name in record.author + record.editor:
            for part in (name.family, name.literal):
                if part:
                    title = title.replace(part, " ")
    split = _SUBTITLE.split(title, maxsplit=1) if title else [""]
    main_all = _tokens(split[0])
    tokens = main_all + (_tokens(split[1]) if len(split) > 1 else ())
    numbers = frozenset() if surrogate else frozenset(t for t in tokens if t.isdigit())
    words = tuple(t for t in tokens if not (t.isdigit() or _SMALL_ROMAN.match(t)))
    main = tuple(t for t in main_all if not (t.isdigit() or _SMALL_ROMAN.match(t)))
    title_script, title_lang = script_and_language(title) if title else ("other", None)
    if title_lang is None and title_script == "latin":
        title_lang = "en"
    raw_key = base_key(record.raw) if record.raw else ""
    volume = (
        _confident_volume(record.volume)
        or volume_in_title(title)
        or _volume_in_key(raw_key)  # "1. Cilt" the parser left outside the title
    )
    if volume is None and record.type in _WHOLE_TYPES:
        volume = _roman_volume(title)
    edition = number_of(record.edition)
    if edition is None and raw_key:
        found = _EDITION.search(raw_key)
        edition = found.group(1) if found else None
    return Features(
        record_id=record.id,
        doi=normalise_doi(record.DOI)
        or (normalise_doi(record.URL) if "doi.org/" in (record.URL or "") else None)
        or _raw_doi(record.raw),
        isbn=normalise_isbn(record.ISBN),
        title=" ".join(words),
        title_is_surrogate=surrogate,
        main_skeleton=" ".join(name_skeleton(w) for w in main) if len(main) < len(words) else "",
        title_tokens=words,
        title_skeleton=" ".join(name_skeleton(w) for w in words),
        title_numbers=numbers,
        title_script=title_script,
        title_lang=title_lang,
        work_lang=marked_language(record.raw) or (title_lang if title_script != "latin" else None),
        people=_people(record),
        raw_words=frozenset(name_skeleton(w) for w in raw_key.split()),
        year=record.year,
        raw_years=frozenset(
            int(y) for y in re.findall(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", record.raw or "")
        ),
        volume=volume,
        edition=None if edition in (None, "1") else edition,
        issue=number_of(record.issue),
        pages=page_range(record.page),
        container=" ".join(_tokens(record.container_title or "")),
        holder=container_guess(record),
        holder_marked=bool(record.raw and _IN_CONTAINER.search(record.raw)),
        name_words=frozenset(
            name_skeleton(w)
            for n in record.author + record.editor
            for w in re.split(r"[\s.,]+", " ".join(x for x in (n.family, n.given, n.literal) if x))
            if len(w) > 2
        ),
        publisher=" ".join(name_skeleton(w) for w in base_key(record.publisher or "").split()),
        place=base_key(record.publisher_place or ""),
        kind=_kind(record),
        type=record.type,
        et_al=bool(record.et_al),
        number_of_pages=number_of(record.number_of_pages),
        first_author=_first_author(record),
    )
