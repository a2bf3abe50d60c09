"""BibTeX / biblatex → Records through bibtexparser 2 (LaTeX decoded by its middleware)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    BlockMiddleware,
    LatexDecodingMiddleware,
    RemoveEnclosingMiddleware,
    ResolveStringReferencesMiddleware,
    SeparateCoAuthors,
)
from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    Entry,
    MiddlewareErrorBlock,
    ParsingFailedBlock,
)

from caucbib.export.bibtex import ENTRY_TO_CSL, SUBTYPES, languages
from caucbib.export.latex import decode_latex, is_braced_group, latex_decoder
from caucbib.model import CSL_TYPES, Date, FailedReference, Name, Record

NAME_FIELDS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_SIMPLE: dict[str, str] = {
    "title": "title",
    "series": "collection-title",
    "edition": "edition",
    "volume": "volume",
    "volumes": "number-of-volumes",
    "issue": "issue",
    "pagetotal": "number-of-pages",
    "publisher": "publisher",
    "location": "publisher-place",
    "address": "publisher-place",
    "venue": "event-place",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "issn": "ISSN",
    "library": "archive",
    "note": "note",
    "abstract": "abstract",
    "keywords": "keyword",
}
_THESIS_PLACEHOLDERS = {"phdthesis", "mathesis", "mastersthesis", "candthesis"}


@contextmanager
def _quiet_bibtexparser() -> Iterator[None]:
    """bibtexparser logs parse failures to stderr; caucbib reports them itself, by line."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


VERBATIM_FIELDS = frozenset({"url", "doi", "eprint", "file", "verba", "verbb", "verbc"})


class DecodeLatexExceptVerbatim(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding, leaving verbatim fields (``url``, ``doi``) alone:
    ``%`` there is a percent-escape, not a TeX comment."""

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        kept = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS]
        entry.fields = [f for f in entry.fields if f.key.lower() not in VERBATIM_FIELDS]
        block: Block = super().transform_entry(entry, library)
        target = block.ignore_error_block if isinstance(block, ParsingFailedBlock) else block
        if isinstance(target, Entry):
            target.fields = target.fields + kept
        return block


def parse_bib_name(raw: str) -> Name:
    """One BibTeX name (``von Last, Jr, First`` or ``First von Last``) as a Name."""
    text = raw.strip()
    if is_braced_group(text):
        return Name(literal=decode_latex(text[1:-1]))
    parts = parse_single_name_into_parts(text, strict=False)

    def join(words: list[str]) -> str | None:
        value = decode_latex(" ".join(words))
        return value or None

    last = list(parts.last)
    particle = join(parts.von)
    if particle is None and len(last) > 1 and last[0].lower() in _particles():
        particle = join(last[:1])
        last = last[1:]
    family = join(last)
    given = join(parts.first)
    if family is None and given is not None:
        family, given = given, None
    return Name(family=family, given=given, particle=particle, suffix=join(parts.jr))


def split_particle(family: str) -> tuple[str | None, str]:
    """``De Waal`` → (``De``, ``Waal``); other family names come back unchanged."""
    words = family.split()
    if len(words) > 1 and words[0].lower() in _particles():
        return words[0], " ".join(words[1:])
    return None, family


@cache
def _particles() -> frozenset[str]:
    path = resources.files("caucbib").joinpath("data", "export", "name_particles.txt")
    lines = (line.strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


class ResolveConcatenation(BlockMiddleware):
    """``journal = ja # " Suppl."``: join the parts, resolving ``@string`` names."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=False)

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        strings = {k.lower(): v.value for k, v in library.strings_dict.items()}
        for field in entry.fields:
            value = field.value
            if isinstance(value, str) and "#" in value and value[:1] not in '{"':
                field.value = "{" + "".join(_part(p, strings) for p in _split_hash(value)) + "}"
        return entry


def _split_hash(value: str) -> list[str]:
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for index, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:index].strip())
            start = index + 1
    parts.append(value[start:].strip())
    return parts


def _part(part: str, strings: dict[str, Any]) -> str:
    if len(part) >= 2 and (part[0], part[-1]) in (("{", "}"), ('"', '"')):
        return part[1:-1]
    resolved = strings.get(part.lower())
    if isinstance(resolved, str):
        return resolved.strip('{}"') if resolved[:1] in '{"' else resolved
    return part


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _date(value: str) -> Date | None:
    match = re.match(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", value)
    if not match:
        return Date(literal=value) if value.strip() else None
    year, month, day = (int(g) if g else None for g in match.groups())
    return Date(year=year, month=month, day=day)


def _month(value: str) -> int | None:
    text = value.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.index(text[:3]) + 1 if text[:3] in _MONTHS else None


def _language(fields: dict[str, str]) -> str | None:
    by_name: dict[str, str] = {}
    for code, info in languages().items():
        by_name[str(info["langid"]).lower()] = code
        by_name[str(info["language"]).lower()] = code
    for key in ("origlanguage", "language", "langid"):
        value = fields.get(key, "").strip().lower()
        if key == "origlanguage" and fields.get("langid", "").lower() not in ("english", ""):
            continue
        if value:
            first = re.split(r"\s+and\s+|,", value)[0].strip()
            return by_name.get(first, first if re.fullmatch(r"[a-z]{2}", first) else None)
    return None


def entry_to_record(entry: Entry, *, source: str = "") -> Record:
    """A Record from a decoded bibtexparser Entry (names still as raw BibTeX strings)."""
    fields: dict[str, Any] = {f.key.lower(): f.value for f in entry.fields}
    etype = entry.entry_type.lower()
    subtype = str(fields.get("entrysubtype", "")).strip()
    subtype = {v: k for k, v in SUBTYPES.items()}.get(subtype.lower(), subtype)
    csl_type = subtype if subtype in CSL_TYPES else ENTRY_TO_CSL.get(etype, "document")
    record = Record(type=csl_type)

    def read_names(role: str, names: list[str]) -> list[Name]:
        kept = [n for n in names if n.strip()]
        if kept and kept[-1].strip() == "others":
            kept.pop()
            record.et_al.append(role)
        return [parse_bib_name(n) for n in kept]

    for bib_name, role in NAME_FIELDS.items():
        names = fields.get(bib_name)
        if isinstance(names, list):
            record.set(role, read_names(role, names))
    editora = fields.get("editora")
    if isinstance(editora, list) and str(fields.get("editoratype", "")).lower() == "compiler":
        record.compiler = read_names("compiler", editora)
    text = {k: _clean(v) for k, v in fields.items() if isinstance(v, str) and v.strip()}
    for bib_name, csl_key in _SIMPLE.items():
        if bib_name in text and not record.get(csl_key):
            record.set(csl_key, text[bib_name])
    container = text.get("journaltitle") or text.get("journal") or text.get("booktitle")
    howpublished = text.get("howpublished", "")
    if re.match(r"^(https?://|www\.)\S+$", howpublished):
        record.URL = record.URL or howpublished
        text.pop("howpublished")
    if etype in ("online", "misc"):
        container = container or text.get("organization")
        if etype == "misc" and not container and "howpublished" in text:
            container = text["howpublished"]
        elif "howpublished" in text:
            record.medium = text["howpublished"]
    elif "howpublished" in text:
        record.medium = text["howpublished"]
    record.container_title = container
    if "number" in text:
        if etype == "article":
            record.issue = record.issue or text["number"]
        else:
            record.number = text["number"]
    if "pages" in text:
        record.page = re.sub(r"\s*[-‐‑–—]+\s*", "-", text["pages"])
    institution = text.get("institution") or text.get("school")
    if institution and not record.publisher:
        record.publisher = institution
    genre = text.get("type")
    if genre and not (csl_type == "thesis" and genre.lower() in _THESIS_PLACEHOLDERS):
        record.genre = genre
    if "date" in text:
        record.issued = _date(text["date"])
    elif "year" in text:
        issued = _date(text["year"])
        month = _month(text.get("month", ""))
        day = text.get("day", "")
        if issued is not None and issued.year and month:
            issued = Date(year=issued.year, month=month, day=int(day) if day.isdigit() else None)
        record.issued = issued
    if "urldate" in text:
        record.accessed = _date(text["urldate"])
    record.language = _language(text)
    record.extra["citation-key"] = entry.key
    record.raw = entry.raw
    if source:
        record.extra["source"] = source
    return record


def _failure(block: ParsingFailedBlock) -> FailedReference:
    line = (block.start_line or 0) + 1
    raw = (block.raw or "").strip()
    error = block.error
    detail = str(getattr(error, "abort_reason", "") or error or type(error).__name__).strip()
    reason = f"BibTeX entry could not be read: {detail}"
    return FailedReference(raw=raw, reason=reason, position=line)


def read_bibtex(text: str, *, source: str = "") -> tuple[list[Record], list[FailedReference]]:
    """Records and failures from a .bib text; failures carry their 1-based line."""
    stack = [
        ResolveStringReferencesMiddleware(allow_inplace_modification=True),
        ResolveConcatenation(),
        RemoveEnclosingMiddleware(allow_inplace_modification=True),
        SeparateCoAuthors(name_fields=(*NAME_FIELDS, "editora")),
        DecodeLatexExceptVerbatim(decoder=latex_decoder()),
    ]
    with _quiet_bibtexparser():
        library = parse_string(text, parse_stack=stack)
    records: list[Record] = []
    failures: list[FailedReference] = []
    recoverable = (DuplicateBlockKeyBlock, MiddlewareErrorBlock)
    blocks = list(library.entries) + [
        b.ignore_error_block
        for b in library.failed_blocks
        if isinstance(b, recoverable) and isinstance(b.ignore_error_block, Entry)
    ]
    blocks.sort(key=lambda b: b.start_line or 0)
    for entry in blocks:
        try:
            records.append(entry_to_record(entry, source=source))
        except (ValueError, TypeError) as exc:
            raw = (entry.raw or "").strip()
            line = (entry.start_line or 0) + 1
            failures.append(
                FailedReference(raw=raw, reason=f"unreadable entry: {exc}", position=line)
            )
    for block in library.failed_blocks:
        if not (isinstance(block, recoverable) and isinstance(block.ignore_error_block, Entry)):
            failures.append(_failure(block))
    return records, failures
