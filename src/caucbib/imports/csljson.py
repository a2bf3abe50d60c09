"""CSL-JSON (array, single item, ``{"items": [...]}`` or JSON lines) → Records."""

from __future__ import annotations

import json
import re
from typing import Any

from caucbib.errors import InputError
from caucbib.model import Date, FailedReference, Record


def _raw_date(date: Date | None) -> Date | None:
    """``{"raw": "2020-03-12"}`` (Zotero, Mendeley) as date parts."""
    if date is None or date.year is not None or not date.literal:
        return date
    match = re.match(r"^\s*(\d{4})(?:[-/.](\d{1,2}))?(?:[-/.](\d{1,2}))?\s*$", date.literal)
    if match is None:
        return date
    year, month, day = (int(g) if g else None for g in match.groups())
    return Date(year=year, month=month, day=day)


def _item_to_record(item: dict[str, Any], source: str) -> Record:
    record = Record.from_csl(item)
    record.issued = _raw_date(record.issued)
    record.accessed = _raw_date(record.accessed)
    custom = record.extra.get("custom")
    key = record.id
    if isinstance(custom, dict) and "caucbib-id" in custom:
        custom = dict(custom)
        record.id = str(custom.pop("caucbib-id"))
        if custom:
            record.extra["custom"] = custom
        else:
            record.extra.pop("custom")
    else:
        record.id = None
    if key is not None:
        record.extra["citation-key"] = key
    if source:
        record.extra["source"] = source
    return record


def _from_items(
    items: list[Any], source: str, lines: list[int] | None
) -> tuple[list[Record], list[FailedReference]]:
    records: list[Record] = []
    failures: list[FailedReference] = []
    for index, item in enumerate(items):
        position = lines[index] if lines else index + 1
        if not isinstance(item, dict):
            failures.append(
                FailedReference(
                    raw=json.dumps(item, ensure_ascii=False)[:500],
                    reason="CSL-JSON item is not an object",
                    position=position,
                )
            )
            continue
        try:
            records.append(_item_to_record(item, source))
        except (TypeError, ValueError, AttributeError) as exc:
            failures.append(
                FailedReference(
                    raw=json.dumps(item, ensure_ascii=False)[:500],
                    reason=f"unreadable CSL-JSON item: {exc}",
                    position=position,
                )
            )
    return records, failures


def _item_lines(text: str) -> list[int]:
    """1-based line where each top-level array element starts."""
    decoder = json.JSONDecoder()
    starts: list[int] = []
    index = text.index("[") + 1
    while True:
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text) or text[index] == "]":
            return starts
        starts.append(text.count("\n", 0, index) + 1)
        _, index = decoder.raw_decode(text, index)


def read_csl_json(text: str, *, source: str = "") -> tuple[list[Record], list[FailedReference]]:
    """Records and failures; positions are 1-based line numbers of the items."""
    stripped = text.strip().lstrip("\ufeff")
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        if stripped.startswith("{") and "\n" in stripped:
            return _json_lines(stripped, source)
        raise InputError(
            f"CSL-JSON is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}",
            "check the file, or export it again",
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if isinstance(data, dict):
        return _from_items([data], source, [1])
    if not isinstance(data, list):
        raise InputError("CSL-JSON must be an array of items", "wrap the items in [ … ]")
    return _from_items(data, source, _item_lines(stripped))


def _json_lines(text: str, source: str) -> tuple[list[Record], list[FailedReference]]:
    records: list[Record] = []
    failures: list[FailedReference] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            failures.append(
                FailedReference(raw=line[:500], reason=f"invalid JSON: {exc.msg}", position=number)
            )
            continue
        got, bad = _from_items([item], source, [number])
        records += got
        failures += bad
    return records, failures
