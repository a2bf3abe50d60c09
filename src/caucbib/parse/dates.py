"""Printed dates → :class:`Date` (year; month and day when printed; month names en/tr/az/ru)."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from caucbib.model import Date
from caucbib.parse.lexicon import fold_case

_YEAR = r"(1[4-9]\d\d|20\d\d)"
_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./]" + _YEAR + r"(?!\d)")
_ISO = re.compile(r"(?<!\d)" + _YEAR + r"-(\d{1,2})-(\d{1,2})(?!\d)")
_YEAR_RE = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")
_WORD = re.compile(r"[^\W\d_]+")
_DAY = re.compile(r"(?<![\d.])(\d{1,2})(?![\d.]*\d{3})")


@cache
def _months() -> dict[str, int]:
    text = resources.files("caucbib.data.parse").joinpath("months.json").read_text("utf-8")
    data: dict[str, list[str]] = json.loads(text)
    return {w: int(k) for k, words in data.items() if not k.startswith("_") for w in words}


def month_of(word: str) -> int | None:
    """The month number of a month name or abbreviation in en/tr/az/ru (else None)."""
    low = fold_case(word).rstrip(".")
    return _months().get(low) or _months().get(word.lower().rstrip("."))


def _valid(year: int, month: int | None, day: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def parse_date(text: str | None) -> Date | None:
    """``2021``, ``Haziran 1992``, ``12.03.2020``, ``March 15, 2026``, ``2022, Yanvar 13``."""
    if not text:
        return None
    m = _NUMERIC_DMY.search(text)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(y, mo, d):
            return Date(year=y, month=mo, day=d)
    m = _ISO.search(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(y, mo, d):
            return Date(year=y, month=mo, day=d)
    m = _YEAR_RE.search(text)
    if not m:
        return None
    year = int(m.group(1))
    month: int | None = None
    for w in _WORD.finditer(text):
        month = month_of(w.group())
        if month:
            break
    day: int | None = None
    if month:
        rest = text[: m.start()] + " " + text[m.end():]
        found = _DAY.search(rest)
        if found and 1 <= int(found.group(1)) <= 31:
            day = int(found.group(1))
    return Date(year=year, month=month, day=day)
