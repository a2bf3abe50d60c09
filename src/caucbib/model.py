"""The data model: CSL-JSON-shaped records, names, dates, occurrences. No I/O."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

NAME_ROLES: tuple[str, ...] = ("author", "editor", "translator", "compiler", "container-author")
DATE_FIELDS: tuple[str, ...] = ("issued", "accessed")
TEXT_FIELDS: tuple[str, ...] = (
    "title",
    "container-title",
    "collection-title",
    "collection-number",
    "volume",
    "issue",
    "page",
    "number-of-pages",
    "number-of-volumes",
    "edition",
    "publisher",
    "publisher-place",
    "event-place",
    "genre",
    "number",
    "archive",
    "medium",
    "URL",
    "DOI",
    "ISBN",
    "ISSN",
    "language",
    "note",
)
CSL_TYPES: frozenset[str] = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
        "broadcast", "chapter", "dataset", "entry", "entry-dictionary", "entry-encyclopedia",
        "figure", "graphic", "interview", "legal_case", "legislation", "manuscript", "map",
        "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
        "periodical", "personal_communication", "post", "post-weblog", "report", "review",
        "review-book", "song", "speech", "standard", "thesis", "treaty", "webpage", "document",
    }
)


@dataclass(frozen=True)
class Name:
    """One person or organisation. Organisations and rulers use ``literal``."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None
    particle: str | None = None  # CSL "non-dropping-particle"
    suffix: str | None = None

    @property
    def is_literal(self) -> bool:
        return self.literal is not None

    def display(self) -> str:
        """A readable form: ``Family, Given`` or the literal."""
        if self.literal is not None:
            return self.literal
        family = " ".join(p for p in (self.particle, self.family) if p)
        return f"{family}, {self.given}" if self.given else family

    def to_csl(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.literal is not None:
            out["literal"] = self.literal
        if self.family is not None:
            out["family"] = self.family
        if self.given is not None:
            out["given"] = self.given
        if self.particle is not None:
            out["non-dropping-particle"] = self.particle
        if self.suffix is not None:
            out["suffix"] = self.suffix
        return out

    @classmethod
    def from_csl(cls, data: dict[str, Any] | str) -> Name:
        if isinstance(data, str):
            return cls(literal=data)
        return cls(
            family=data.get("family"),
            given=data.get("given"),
            literal=data.get("literal"),
            particle=data.get("non-dropping-particle") or data.get("dropping-particle"),
            suffix=data.get("suffix"),
        )


@dataclass(frozen=True)
class Date:
    """A CSL date: year, optional month and day; ``literal`` for unparsed text."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    literal: str | None = None

    @property
    def parts(self) -> list[int]:
        out: list[int] = []
        for part in (self.year, self.month, self.day):
            if part is None:
                break
            out.append(part)
        return out

    def to_csl(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.parts:
            out["date-parts"] = [self.parts]
        if self.literal is not None:
            out["literal"] = self.literal
        return out

    def iso(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (empty when there is no year)."""
        return "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(self.parts))

    @classmethod
    def from_csl(cls, data: dict[str, Any] | str | int) -> Date:
        if isinstance(data, int):
            return cls(year=data)
        if isinstance(data, str):
            return cls(year=int(data)) if data.isdigit() else cls(literal=data)
        parts = (data.get("date-parts") or [[]])[0] or []
        ints: list[int | None] = []
        for p in parts[:3]:
            try:
                ints.append(int(p))
            except (TypeError, ValueError):
                break
        ints += [None] * (3 - len(ints))
        literal = data.get("literal") or data.get("raw")
        return cls(year=ints[0], month=ints[1], day=ints[2], literal=literal)


def _attr(csl_key: str) -> str:
    return csl_key.replace("-", "_")


@dataclass
class Record:
    """A bibliographic record whose fields follow CSL-JSON, plus the raw text it came from.

    ``extra`` keeps every CSL key the model has no attribute for, so CSL-JSON round-trips.
    ``et_al`` lists the name roles that ended in "et al." (or a local form) when printed.
    """

    type: str = "document"
    id: str | None = None
    author: list[Name] = field(default_factory=list)
    editor: list[Name] = field(default_factory=list)
    translator: list[Name] = field(default_factory=list)
    compiler: list[Name] = field(default_factory=list)
    container_author: list[Name] = field(default_factory=list)
    issued: Date | None = None
    accessed: Date | None = None
    title: str | None = None
    container_title: str | None = None
    collection_title: str | None = None
    collection_number: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    number_of_pages: str | None = None
    number_of_volumes: str | None = None
    edition: str | None = None
    publisher: str | None = None
    publisher_place: str | None = None
    event_place: str | None = None
    genre: str | None = None
    number: str | None = None
    archive: str | None = None
    medium: str | None = None
    URL: str | None = None
    DOI: str | None = None
    ISBN: str | None = None
    ISSN: str | None = None
    language: str | None = None
    note: str | None = None
    raw: str | None = None
    et_al: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    # -- access by CSL key -------------------------------------------------------------
    def get(self, csl_key: str) -> Any:
        """The value of a CSL field (names, dates and strings), or None."""
        attr = _attr(csl_key)
        if attr in _ATTRS:
            value = getattr(self, attr)
            return value if value not in ([], "") else None
        return self.extra.get(csl_key)

    def set(self, csl_key: str, value: Any) -> None:
        attr = _attr(csl_key)
        if attr in _ATTRS:
            setattr(self, attr, value)
        else:
            self.extra[csl_key] = value

    def names(self, role: str) -> list[Name]:
        return list(getattr(self, _attr(role)))

    @property
    def year(self) -> int | None:
        return self.issued.year if self.issued else None

    # -- CSL-JSON ------------------------------------------------------------------------
    def to_csl(self, *, with_raw: bool = True) -> dict[str, Any]:
        """CSL-JSON item. ``raw`` and ``et_al`` go under ``custom`` (CSL 1.0.2)."""
        out: dict[str, Any] = {"type": self.type}
        if self.id is not None:
            out["id"] = self.id
        for role in NAME_ROLES:
            names = getattr(self, _attr(role))
            if names:
                out[role] = [n.to_csl() for n in names]
        for key in DATE_FIELDS:
            date = getattr(self, key)
            if date is not None and date.to_csl():
                out[key] = date.to_csl()
        for key in TEXT_FIELDS:
            value = getattr(self, _attr(key))
            if value not in (None, ""):
                out[key] = value
        extra = dict(self.extra)
        custom = dict(extra.pop("custom", None) or {})
        if with_raw and self.raw is not None:
            custom["raw"] = self.raw
        if self.et_al:
            custom["et-al"] = list(self.et_al)
        out.update(extra)
        if custom:
            out["custom"] = custom
        return out

    @classmethod
    def from_csl(cls, data: dict[str, Any]) -> Record:
        """Build a record from a CSL-JSON item; unknown keys land in ``extra``."""
        rec = cls(type=str(data.get("type") or "document"))
        for key, value in data.items():
            if key == "type":
                continue
            if key == "id":
                rec.id = str(value)
            elif key in NAME_ROLES:
                setattr(rec, _attr(key), [Name.from_csl(n) for n in value or []])
            elif key in DATE_FIELDS:
                setattr(rec, key, Date.from_csl(value) if value else None)
            elif key in TEXT_FIELDS:
                setattr(rec, _attr(key), None if value is None else str(value))
            elif key == "custom" and isinstance(value, dict):
                custom = dict(value)
                raw = custom.pop("raw", None)
                rec.raw = None if raw is None else str(raw)
                rec.et_al = [str(r) for r in custom.pop("et-al", []) or []]
                if custom:
                    rec.extra["custom"] = custom
            else:
                rec.extra[key] = value
        return rec

    def content_hash(self) -> str:
        """A stable hash of the bibliographic content (not id, not raw)."""
        data = self.to_csl(with_raw=False)
        data.pop("id", None)
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def copy(self) -> Record:
        return Record.from_csl(self.to_csl())


_ATTRS = frozenset(f.name for f in fields(Record)) - {"extra", "raw", "et_al", "id", "type"}


@dataclass(frozen=True)
class FailedReference:
    """A reference that could not be parsed: its raw text and why. Failures are data."""

    raw: str
    reason: str
    position: int | None = None


@dataclass(frozen=True)
class Occurrence:
    """One reference as it stands in a document: 1-based position, raw text, its record."""

    doc: str
    position: int
    raw: str
    record_id: str
