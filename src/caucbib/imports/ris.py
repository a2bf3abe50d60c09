"""RIS → Records. Lenient: continuation lines join the previous tag; a record without
``ER`` at the end of the text is still kept; tags outside a record are failures."""

from __future__ import annotations

import re

from caucbib.export.ris import RIS_TO_CSL
from caucbib.imports.bibtex import split_particle
from caucbib.model import CSL_TYPES, Date, FailedReference, Name, Record

_TAG = re.compile(r"^([A-Z][A-Z0-9])  ?-(?: (.*))?$")
_ISSN = re.compile(r"^\d{4}-?\d{3}[\dXx]$")


def parse_ris_name(value: str) -> Name:
    """``Family, Given[, Suffix]`` → Name; no comma → an organisation (literal)."""
    if "," not in value:
        return Name(literal=value.strip())
    family, _, rest = value.partition(",")
    given, _, suffix = rest.partition(",")
    particle, family = split_particle(family.strip())
    return Name(
        family=family or None,
        given=given.strip() or None,
        particle=particle,
        suffix=suffix.strip() or None,
    )


def parse_ris_date(value: str) -> Date | None:
    """``YYYY/MM/DD/other``, ``YYYY-MM-DD`` or ``YYYY`` → Date."""
    text = value.strip()
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}[ T]", text):
        text = re.split(r"[ T]", text, maxsplit=1)[0]
    parts = re.split(r"[/-]", text, maxsplit=3)
    nums: list[int | None] = []
    for part in parts[:3]:
        nums.append(int(part) if part.strip().isdigit() else None)
    nums += [None] * (3 - len(nums))
    other = parts[3].strip() if len(parts) > 3 and parts[3].strip() else None
    if nums[0] is None:
        return Date(literal=other or value.strip()) if value.strip("/ ") else None
    return Date(
        year=nums[0],
        month=nums[1] if nums[1] else None,
        day=nums[2] if nums[1] and nums[2] else None,
        literal=other,
    )


def _to_record(tags: list[tuple[str, str]]) -> Record:
    first: dict[str, str] = {}
    for tag, value in tags:
        first.setdefault(tag, value)
    record = Record(type=RIS_TO_CSL.get(first.get("TY", "GEN").upper(), "document"))
    notes: list[str] = []
    for tag, value in tags:
        if tag in ("AU", "A1"):
            record.author.append(parse_ris_name(value))
        elif tag in ("A2", "ED"):
            record.editor.append(parse_ris_name(value))
        elif tag == "A4":
            record.translator.append(parse_ris_name(value))
        elif tag == "A3":
            record.container_author.append(parse_ris_name(value))
        elif tag == "N1":
            if value.startswith("caucbib-type: ") and value[14:].strip() in CSL_TYPES:
                record.type = value[14:].strip()
            else:
                notes.append(value)
        elif tag == "SN":
            if _ISSN.match(value.strip()):
                record.ISSN = value.strip()
            else:
                record.ISBN = value.strip()
    simple = {
        "TI": "title",
        "T1": "title",
        "T2": "container-title",
        "JO": "container-title",
        "JF": "container-title",
        "BT": "container-title",
        "T3": "collection-title",
        "VL": "volume",
        "IS": "issue",
        "ET": "edition",
        "PB": "publisher",
        "CY": "publisher-place",
        "M3": "genre",
        "M1": "number",
        "DO": "DOI",
        "UR": "URL",
        "LA": "language",
        "AB": "abstract",
    }
    for tag, key in simple.items():
        if tag in first and not record.get(key):
            record.set(key, first[tag])
    dates = [parse_ris_date(first[t]) for t in ("PY", "Y1", "DA") if t in first]
    known = [d for d in dates if d is not None]
    if known:
        record.issued = max(known, key=lambda d: len(d.parts))
    if "Y2" in first:
        record.accessed = parse_ris_date(first["Y2"])
    if "SP" in first:
        record.page = first["SP"] + (f"-{first['EP']}" if first.get("EP") else "")
    if notes:
        record.note = " ".join(notes)
    if "ID" in first:
        record.extra["citation-key"] = first["ID"]
    return record


def read_ris(text: str, *, source: str = "") -> tuple[list[Record], list[FailedReference]]:
    """Records and failures from RIS text; positions are 1-based line numbers of ``TY``."""
    records: list[Record] = []
    failures: list[FailedReference] = []
    current: list[tuple[str, str]] | None = None
    start = 0
    raw_lines: list[str] = []

    def finish() -> None:
        nonlocal current
        if current:
            record = _to_record(current)
            record.raw = "\n".join(raw_lines).strip()
            if source:
                record.extra["source"] = source
            records.append(record)
        current = None

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.rstrip()
        match = _TAG.match(stripped.lstrip("\ufeff"))
        if match is None:
            if current and current[-1:] and stripped:
                tag, value = current[-1]
                current[-1] = (tag, f"{value} {stripped.strip()}")
                raw_lines.append(line)
            elif stripped:
                failures.append(
                    FailedReference(
                        raw=stripped, reason="text outside a RIS record", position=number
                    )
                )
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            finish()
            current, start, raw_lines = [("TY", value)], number, [line]
        elif tag == "ER":
            raw_lines.append(line)
            finish()
        elif current is None:
            failures.append(
                FailedReference(
                    raw=stripped, reason=f"RIS tag {tag} before any TY", position=number
                )
            )
        else:
            raw_lines.append(line)
            if value:
                current.append((tag, value))
    del start
    finish()
    return records, failures
