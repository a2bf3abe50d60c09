"""Records → RIS (the tagged format of EndNote, Zotero, Mendeley; UTF-8, CRLF-free)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from caucbib.export.keys import citation_keys
from caucbib.model import Date, Name, Record

RIS_TYPES: dict[str, str] = {
    "article": "JOUR",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "webpage": "ELEC",
    "post": "ELEC",
    "post-weblog": "BLOG",
    "entry-encyclopedia": "ENCYC",
    "entry-dictionary": "DICT",
    "manuscript": "UNPB",
    "dataset": "DATA",
    "patent": "PAT",
    "pamphlet": "PAMP",
    "legislation": "STAT",
    "bill": "BILL",
    "legal_case": "CASE",
    "map": "MAP",
    "motion_picture": "MPCT",
    "standard": "STAND",
    "speech": "SOUND",
    "interview": "GEN",
    "review": "JOUR",
    "review-book": "JOUR",
    "broadcast": "BROAD",
    "graphic": "ART",
    "periodical": "JFULL",
    "personal_communication": "PCOMM",
    "treaty": "GEN",
    "document": "GEN",
}
#: RIS type → CSL type, for the import (every RIS type above reads back as its first CSL type).
RIS_TO_CSL: dict[str, str] = {}
for _csl, _ris in RIS_TYPES.items():
    RIS_TO_CSL.setdefault(_ris, _csl)
RIS_TO_CSL.update(
    {
        "JOUR": "article-journal",
        "CONF": "paper-conference",
        "WEB": "webpage",
        "EBOOK": "book",
        "ECHAP": "chapter",
        "EJOUR": "article-journal",
        "INPR": "article-journal",
        "GEN": "document",
        "ABST": "article-journal",
    }
)
_RANGE = re.compile(r"^\s*(\S+?)\s*[-‐‑–—]+\s*(\S+)\s*$")


def ris_name(name: Name) -> str:
    """``Family, Given[, Suffix]``; organisations as the plain literal; ``Family,`` alone."""
    if name.literal is not None:
        return name.literal.replace(",", " ").strip()
    family = " ".join(p for p in (name.particle, name.family) if p)
    parts = [family, name.given or ""]
    if name.suffix:
        parts.append(name.suffix)
    return ", ".join(parts) if name.given or name.suffix else family + ","


def ris_date(date: Date) -> str:
    """``YYYY/MM/DD/`` with empty parts, as RIS writes dates."""
    parts = [f"{date.year:04d}" if date.year else "", "", "", date.literal or ""]
    if date.month:
        parts[1] = f"{date.month:02d}"
    if date.day:
        parts[2] = f"{date.day:02d}"
    return "/".join(parts) if date.year else "///" + (date.literal or "")


def _line(tag: str, value: str | None) -> list[str]:
    if value in (None, ""):
        return []
    flat = re.sub(r"\s+", " ", str(value)).strip()
    return [f"{tag}  - {flat}"] if flat else []


def record_to_ris(record: Record, key: str) -> list[str]:
    """The RIS lines of one record (``TY`` … ``ER``)."""
    lines = [f"TY  - {RIS_TYPES.get(record.type, 'GEN')}"]
    lines += _line("ID", key)
    for tag, role in (
        ("AU", "author"),
        ("A2", "editor"),
        ("A4", "translator"),
        ("A3", "container-author"),
        ("A2", "compiler"),
    ):
        for name in record.names(role):
            lines += _line(tag, ris_name(name))
    lines += _line("TI", record.title)
    lines += _line("T2", record.container_title)
    lines += _line("T3", record.collection_title)
    if record.issued is not None:
        lines += _line("PY", ris_date(record.issued))
    if record.accessed is not None:
        lines += _line("Y2", ris_date(record.accessed))
    lines += _line("VL", record.volume)
    lines += _line("IS", record.issue)
    if record.page:
        match = _RANGE.match(record.page)
        if match:
            lines += _line("SP", match.group(1)) + _line("EP", match.group(2))
        else:
            lines += _line("SP", record.page)
    lines += _line("ET", record.edition)
    lines += _line("PB", record.publisher)
    lines += _line("CY", record.publisher_place)
    lines += _line("M3", record.genre)
    lines += _line("M1", record.number or record.collection_number)
    lines += _line("SN", record.ISBN or record.ISSN)
    lines += _line("DO", record.DOI)
    lines += _line("UR", record.URL)
    lines += _line("LA", record.language)
    lines += _line("N1", record.note)
    if RIS_TO_CSL.get(RIS_TYPES.get(record.type, "GEN")) != record.type:
        lines += _line("N1", f"caucbib-type: {record.type}")
    lines.append("ER  - ")
    return lines


def write_ris(
    records: Sequence[Record], *, key_pattern: str | None = None, keys: Sequence[str] | None = None
) -> str:
    """RIS text for ``records``; one blank line between records."""
    keys = list(keys) if keys is not None else citation_keys(records, key_pattern)
    blocks = ["\n".join(record_to_ris(r, k)) for r, k in zip(records, keys, strict=True)]
    return "\n\n".join(blocks) + ("\n" if blocks else "")
