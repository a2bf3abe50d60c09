"""Small deterministic normalisers for labelled spans (pages, volume, issue, identifiers…)."""

from __future__ import annotations

import re

DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−"), "-")
_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"', "'": "'", "‘": "’", "‹": "›", "(": ")", "[": "]"}
_QUOTE_CHARS = "«»“”„\"'‘’‹›"
_QUOTE_SET = frozenset(_QUOTE_CHARS)
_TRAIL = " \t,;:/–—-=|"
_PAGE_PREFIX = re.compile(
    r"^(?:səhifə|səhh?|s[aə]h|sayfa|pages?|стр|сс|pp|pg|ss|p|s|с)(?![^\W\d_])\.?\s*[:.]?\s*",
    re.I,
)
# a printed label before the numbers: "Sayfa aralığı: 451-470", "Page range: 5-9"
_PAGE_LABEL = re.compile(r"^[^\W\d_][^\d:]{0,30}:\s*(?=[\dIVXLCivxlc])")
_VOLUME_MARK = re.compile(
    r"(?<![\w])(?:т|том|tom|vol|vols|volume|cilt|cild|c|bd|band|jg|kn|кн|книга|kitab|yıl|il|v)"
    r"(?![\w])\.?\s*:?\s*",
    re.I,
)
_ISSUE_MARK = re.compile(
    r"(?:№|(?<![\w])(?:no|nos|nr|n|num|number|issue|iss|sayı|sayısı|say|s|вып|выпуск|buraxılış|bur|"
    r"nömrə)(?![\w]))\.?\s*:?\s*",
    re.I,
)
_CORE_NUMBER = re.compile(r"[0-9IVXLCDMivxlcdm]+(?:\s*[-/–]\s*[0-9IVXLCDMivxlcdm]+)?")
_SHORT_ABBREV = re.compile(r"(?:^|\s)(?:[^\W\d_]{1,3}|[IVXLC]+|\d+)\.$")


_SPACES = re.compile(r"\s+")
_SPACED_HYPHEN = re.compile(r"\s*-\s*")
_SPACED_COMMA = re.compile(r"\s*,\s*")
_DIGITS = re.compile(r"\d+")
_PAREN_NUMBER_END = re.compile(r"\(\s*\d+\s*\)$")
_NUMBER_THEN_PAREN = re.compile(r"^\D*\d+\s*\(\d+\)")
_DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi\s*:?\s*)", re.I)
_URL_PREFIX = re.compile(r"^(?:URL|url)\s*:?\s*")
_ISBN_PREFIX = re.compile(r"^\s*ISBN(?:-1[03])?\s*:?\s*", re.I)
_LEADING_NUMBER = re.compile(r"^\s*(\d+)")


def strip_quotes(text: str) -> str:
    """Remove one layer of enclosing quotes/brackets and a lone unmatched edge quote."""
    t = text.strip()
    for _ in range(2):
        matched = len(t) >= 2 and t[0] in _PAIRS and t[-1] == _PAIRS[t[0]]
        if matched or (len(t) >= 2 and t[0] in "«“„\"" and t[-1] in "»”\"“"):
            t = t[1:-1].strip()
        else:
            break  # nothing changed: another round would not change anything either
    if t and t[0] in _QUOTE_CHARS and _QUOTE_SET.isdisjoint(t[1:]):
        t = t[1:].strip()
    if t and t[-1] in _QUOTE_CHARS and _QUOTE_SET.isdisjoint(t[:-1]):
        t = t[:-1].strip()
    return t


def clean_text(text: str | None) -> str | None:
    """Title-like values: no enclosing quotes, no trailing separators; abbreviations kept."""
    if text is None:
        return None
    t = _SPACES.sub(" ", text).strip()
    for _ in range(3):
        before = t
        t = strip_quotes(t.strip(_TRAIL))
        if t.endswith(".") and not _SHORT_ABBREV.search(t) and not t.endswith(".."):
            t = t[:-1].rstrip()
        if t == before:  # a fixed point: the remaining rounds would change nothing
            break
    t = t.strip(_TRAIL)
    return t or None


# the printer after the publisher: "Мецниереба: Тип. АН ГССР", "Elm; Mətbəə ..."
_PRINTER = re.compile(r"\s*[:;,]\s*(?:тип\.|типография|типо-литография|mətbəəsi|mətbəə|matbaası)",
                      re.I)


def clean_publisher(text: str | None) -> str | None:
    """A publisher without the printing house printed after it."""
    if text is None:
        return None
    m = _PRINTER.search(text)
    return clean_text(text[: m.start()] if m and m.start() > 0 else text)


_TRAILING_MARKER = re.compile(
    r"[\s,.;:]+(?:volume|vol|cilt|cild|sayı|issue|no|yıl|year|том|т|вып|выпуск|№)\.?\s*:?$", re.I
)
_DESCRIPTOR = re.compile(r"\s+(?:jurnalı|jurnalında|qəzeti|qəzetində)$")  # lower case only


def clean_container(text: str | None) -> str | None:
    """A container title without a trailing volume marker, a descriptor word (``… jurnalı``)
    or a parallel title after ``=`` (``Географический вестник=Geographical Bulletin``)."""
    t = clean_text(text)
    if t is None:
        return None
    if "=" in t:
        head = t.split("=", 1)[0].strip()
        if len(head) >= 3:
            t = head
    t = _TRAILING_MARKER.sub("", t)
    t = _DESCRIPTOR.sub("", t)
    return clean_text(t)


def clean_pages(text: str | None) -> str | None:
    """``С. 83 - 89`` → ``83-89``; ``pp. 6–7, 19–21`` → ``6-7, 19-21``; ``s.32-37`` → ``32-37``."""
    if not text:
        return None
    t = text.translate(DASHES).strip(" .,;:")
    t = _PAGE_PREFIX.sub("", t, count=1)
    t = _PAGE_LABEL.sub("", t, count=1)
    t = _SPACED_HYPHEN.sub("-", t)
    t = _SPACED_COMMA.sub(", ", t).strip(" .,;:")
    return t or None


def page_count(text: str | None) -> str | None:
    """``132 s.``, ``283 səh.``, ``100 p.`` → the bare number."""
    if not text:
        return None
    m = _DIGITS.search(text)
    return m.group() if m else None


def _core(text: str, marker: re.Pattern[str]) -> str | None:
    t = text.translate(DASHES)
    t = _PAREN_NUMBER_END.sub("", t.strip()) if _NUMBER_THEN_PAREN.match(t) else t
    t = marker.sub(" ", t).strip(" .,;:()[]")
    m = _CORE_NUMBER.search(t)
    if m is None:
        return t or None
    value = _SPACES.sub("", m.group())
    if value.strip("0") == "":
        return None
    return value


def clean_volume(text: str | None) -> str | None:
    """Volume without its marker: ``Т. 8`` → ``8``, ``III cild`` → ``III``, ``1. cilt`` → ``1``."""
    return _core(text, _VOLUME_MARK) if text else None


def clean_issue(text: str | None) -> str | None:
    """``№ 2``/``Sayı: 16``/``no. 26``/``вып. 1``/``9/10``; ``5(211)`` → ``5``; ``0`` → None."""
    return _core(text, _ISSUE_MARK) if text else None


def clean_doi(text: str | None) -> str | None:
    if not text:
        return None
    t = _DOI_PREFIX.sub("", text.strip())
    return t.rstrip(".,;") or None


def clean_url(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip().strip("<>")
    t = _URL_PREFIX.sub("", t)
    return t.rstrip(".,;") or None


def clean_isbn(text: str | None) -> str | None:
    if not text:
        return None
    t = _ISBN_PREFIX.sub("", text.strip())
    return t.rstrip(".,;") or None


def clean_edition(text: str | None) -> str | None:
    """``2nd ed.`` → ``2``; ``3-е изд.`` → ``3``; otherwise the cleaned text."""
    if not text:
        return None
    m = _LEADING_NUMBER.match(text)
    return m.group(1) if m else clean_text(text)
