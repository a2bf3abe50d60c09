"""Records → BibTeX / biblatex through bibtexparser 2 (Library, Entry, Field, write_string)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares import (
    MergeCoAuthors,
    MergeNameParts,
    MonthAbbreviationMiddleware,
    NameParts,
)
from bibtexparser.model import Entry, Field, ImplicitComment, Preamble
from bibtexparser.writer import BibtexFormat

from caucbib.export.keys import citation_keys
from caucbib.export.latex import (
    DEFAULT_SCHWA_MACRO,
    ascii_preamble,
    encode_latex,
    is_braced_group,
    is_title_case,
    protect_case,
)
from caucbib.model import Name, Record
from caucbib.text import script_of

BIBLATEX_TYPES: dict[str, str] = {
    "article": "article",
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "review": "article",
    "review-book": "article",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "thesis",
    "report": "report",
    "webpage": "online",
    "post": "online",
    "post-weblog": "online",
    "entry-encyclopedia": "inreference",
    "entry-dictionary": "inreference",
    "manuscript": "unpublished",
    "dataset": "dataset",
    "patent": "patent",
    "pamphlet": "booklet",
    "periodical": "periodical",
}
#: Classic BibTeX has no thesis/online/inreference/dataset/patent/periodical entry types.
BIBTEX_TYPES: dict[str, str] = {
    **{csl: entry for csl, entry in BIBLATEX_TYPES.items()
       if entry not in ("thesis", "online", "inreference", "dataset", "patent", "periodical")},
    "report": "techreport",
    "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection",
}
#: biblatex's own ``entrysubtype`` values (biblatex-chicago and others act on them).
SUBTYPES: dict[str, str] = {"article-newspaper": "newspaper", "article-magazine": "magazine"}
#: The CSL type an entry type reads back as (anything else needs ``entrysubtype``).
ENTRY_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "report": "report",
    "techreport": "report",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "inreference": "entry-encyclopedia",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "patent": "patent",
    "booklet": "pamphlet",
    "periodical": "periodical",
    "misc": "document",
    "proceedings": "book",
    "collection": "book",
    "manual": "report",
    "reference": "book",
}
_NAME_FIELDS = (
    ("author", "author"),
    ("editor", "editor"),
    ("translator", "translator"),
    ("container-author", "bookauthor"),
)
_CONTAINED = {"incollection", "inproceedings", "inreference", "inbook"}
_DOCTORAL = re.compile(r"doct|dokt|ph\.?\s?d|докт|канд|dissert|дис|namizəd|fəlsəfə", re.I)
_MASTERS = re.compile(r"master|magist|магист|lisans|\bm\.?a\b|\bm\.?sc\b", re.I)
_URL_SAFE = "".join(chr(c) for c in range(33, 127) if chr(c) not in "{}\\")
_RANGE_MARK = "QxCaucbibPageRangexQ"  # survives the encoders; becomes "--" afterwards
_RANGE = re.compile(r"(?<=[0-9IVXLCDMivxlcdm])\s*[-‐‑–—]\s*(?=[0-9IVXLCDMivxlcdm])")


@cache
def languages() -> dict[str, dict[str, Any]]:
    """CSL language code → ``langid``/``language`` data (``data/export/languages.json``)."""
    path = resources.files("caucbib").joinpath("data", "export", "languages.json")
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def language_code(record: Record) -> str | None:
    """The record's two-letter language (``ru-RU`` → ``ru``), or None."""
    if not record.language:
        return None
    return record.language.strip().lower().replace("_", "-").split("-")[0] or None


def is_translated_title(record: Record) -> bool:
    """A Russian (or other Cyrillic-language) work cited by a Latin-script title: "(In Russ.)"."""
    code = language_code(record)
    return code in ("ru", "uk") and bool(record.title) and script_of(record.title or "") == "latin"


class _Encoder:
    def __init__(self, ascii_only: bool, schwa_macro: str) -> None:
        self.ascii = ascii_only
        self.schwa = schwa_macro

    def text(self, value: str) -> str:
        return encode_latex(" ".join(value.split()), ascii=self.ascii, schwa_macro=self.schwa)

    def title(self, value: str, english: bool) -> str:
        value = " ".join(value.split())
        return protect_case(
            value,
            title_case_english=english and is_title_case(value),
            ascii=self.ascii,
            schwa_macro=self.schwa,
        )

    def verbatim(self, value: str) -> str:
        """URLs and DOIs: kept as typed except braces, backslashes, spaces (and non-ASCII)."""
        value = value.strip()
        if self.ascii:
            return quote(value, safe=_URL_SAFE)
        for char, code in (("\\", "%5C"), ("{", "%7B"), ("}", "%7D"), (" ", "%20"), ("^", "%5E")):
            value = value.replace(char, code)
        return value

    def name(self, name: Name) -> NameParts:
        if name.literal is not None:
            return NameParts(last=["{" + self.text(name.literal) + "}"])

        def part(value: str | None) -> list[str]:
            if not value:
                return []
            encoded = self.text(value)
            if "," in encoded or re.search(r"\band\b", encoded, re.I):
                return ["{" + encoded + "}"]
            return [encoded]

        family = part(name.family)
        if family and " " in family[0] and not is_braced_group(family[0]):
            family = ["{" + family[0] + "}"]
        return NameParts(
            first=part(name.given), von=part(name.particle), last=family, jr=part(name.suffix)
        )


def _thesis_kind(genre: str | None) -> str:
    if genre and _MASTERS.search(genre):
        return "mastersthesis"
    return "phdthesis"


def entry_type(record: Record, dialect: str) -> str:
    """The BibTeX (``dialect="bibtex"``) or biblatex entry type for a CSL type."""
    if dialect == "bibtex":
        if record.type == "thesis":
            return _thesis_kind(record.genre)
        return BIBTEX_TYPES.get(record.type, "misc")
    return BIBLATEX_TYPES.get(record.type, "misc")


def record_to_entry(
    record: Record,
    key: str,
    *,
    dialect: str = "biblatex",
    ascii: bool = False,
    langid_az: bool = False,
    schwa_macro: str = DEFAULT_SCHWA_MACRO,
) -> Entry:
    """One bibtexparser Entry; field values are already LaTeX-encoded."""
    enc = _Encoder(ascii, schwa_macro)
    biblatex = dialect == "biblatex"
    etype = entry_type(record, dialect)
    fields: list[Field] = []

    def add(name: str, value: Any) -> None:
        if value not in (None, "", []):
            fields.append(Field(name, value))

    def names(role: str) -> list[NameParts]:
        parts = [enc.name(n) for n in record.names(role)]
        if parts and role in record.et_al:
            parts.append(NameParts(last=["others"]))  # BibTeX's "and others" → et al.
        return parts

    for role, field_name in _NAME_FIELDS:
        add(field_name, names(role))
    if record.compiler:
        add("editora", names("compiler"))
        add("editoratype", "compiler")

    code = language_code(record)
    english = code in (None, "en") or is_translated_title(record)
    if record.title:
        add("title", enc.title(record.title, english))
    container = enc.text(record.container_title) if record.container_title else None
    if etype == "article" or record.type.startswith("article"):
        add("journaltitle" if biblatex else "journal", container)
    elif etype in _CONTAINED or record.type in ("chapter", "paper-conference"):
        add("booktitle", container)
    elif etype in ("online", "misc"):
        add("organization" if etype == "online" else "howpublished", container)
    else:
        add("booktitle", container)
    add("series", record.collection_title and enc.text(record.collection_title))
    add("edition", record.edition and enc.text(record.edition))
    add("volume", record.volume and enc.text(record.volume))
    add("volumes", record.number_of_volumes and enc.text(record.number_of_volumes))
    if etype == "article":
        add("number", record.issue and enc.text(record.issue))
    else:
        number = record.number or record.collection_number
        add("number", number and enc.text(number))
        add("issue", record.issue and enc.text(record.issue))
    add("pages", record.page and enc.text(_RANGE.sub(_RANGE_MARK, record.page.strip()))
        .replace(_RANGE_MARK, "--"))
    add("pagetotal", record.number_of_pages and enc.text(record.number_of_pages))

    publisher = record.publisher and enc.text(record.publisher)
    if record.type == "thesis":
        add("institution" if biblatex else "school", publisher)
        add("type", enc.text(record.genre) if record.genre else "phdthesis" if biblatex else None)
    elif record.type == "report":
        add("institution", publisher)
        add("type", record.genre and enc.text(record.genre))
    else:
        add("publisher", publisher)
        if record.genre:
            add("type", enc.text(record.genre))
    add(
        "location" if biblatex else "address",
        record.publisher_place and enc.text(record.publisher_place),
    )
    add("venue", record.event_place and enc.text(record.event_place))

    if record.issued is not None:
        if biblatex and record.issued.parts:
            add("date", record.issued.iso())
        else:
            add(
                "year",
                str(record.issued.year)
                if record.issued.year
                else record.issued.literal and enc.text(record.issued.literal),
            )
            if record.issued.month:
                add("month", str(record.issued.month))
            if record.issued.month and record.issued.day:
                add("day", str(record.issued.day))
    if record.accessed is not None and record.accessed.parts:
        add("urldate", record.accessed.iso())
    add("doi", record.DOI and enc.verbatim(record.DOI))
    add("url", record.URL and enc.verbatim(record.URL))
    add("isbn", record.ISBN and enc.text(record.ISBN))
    add("issn", record.ISSN and enc.text(record.ISSN))
    add("howpublished", record.medium and enc.text(record.medium))
    add("library", record.archive and enc.text(record.archive))

    if code:
        info = languages().get(code)
        if is_translated_title(record):
            add("langid", "english")
            add("origlanguage", info["langid"] if info else code)
        elif info and (info["babel_safe"] or (code == "az" and langid_az)):
            add("langid", info["langid"])
        add("language", enc.text(info["language"]) if info else enc.text(code))
    add("note", record.note and enc.text(record.note))
    if ENTRY_TO_CSL.get(etype) != record.type:
        add("entrysubtype", SUBTYPES.get(record.type, record.type))
    return Entry(etype, key, fields)


_FORMAT = BibtexFormat()  # type: ignore[no-untyped-call]
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"


def _header(dialect: str, ascii: bool, schwa_macro: str) -> list[str]:
    lines = [f"% Written by caucbib ({dialect}{', ASCII' if ascii else ', UTF-8'})."]
    if ascii:
        lines += [
            "% pdflatex needs only \\usepackage[T2A,T1]{fontenc}: the preamble block typesets",
            "% Cyrillic ({\\caucbibCyr\\cyra}) and schwa in T2A; tipa's \\textschwa is used",
            "% when loaded. Define " + schwa_macro + " in your preamble for another capital schwa.",
        ]
    elif dialect == "bibtex":
        lines += [
            "% Classic BibTeX reads UTF-8 byte by byte and may cut labels inside a letter;",
            "% export with the ASCII option for pdflatex + bibtex.",
        ]
    else:
        lines += [
            "% For pdflatex: \\usepackage[T2A,T1]{fontenc}, babel with russian, biblatex",
            "% option autolang=other, \\DeclareUnicodeCharacter{0259}{\\textschwa} (tipa) and",
            "% \\DeclareUnicodeCharacter{018F}{" + schwa_macro + "}; or use lualatex/xelatex.",
        ]
    return lines


def write_bibtex(
    records: Sequence[Record],
    *,
    dialect: str = "biblatex",
    ascii: bool = False,
    key_pattern: str | None = None,
    langid_az: bool = False,
    schwa_macro: str = DEFAULT_SCHWA_MACRO,
    keys: Sequence[str] | None = None,
) -> str:
    """A .bib text for ``records`` (``dialect`` ``"bibtex"`` or ``"biblatex"``)."""
    keys = list(keys) if keys is not None else citation_keys(records, key_pattern)
    library = Library()
    library.add(ImplicitComment("\n".join(_header(dialect, ascii, schwa_macro))))
    if ascii:
        library.add(Preamble('"' + ascii_preamble(schwa_macro) + '"'))
    for record, key in zip(records, keys, strict=True):
        library.add(
            record_to_entry(
                record,
                key,
                dialect=dialect,
                ascii=ascii,
                langid_az=langid_az,
                schwa_macro=schwa_macro,
            )
        )
    fields = ("author", "editor", "translator", "bookauthor", "editora")
    text: str = write_string(
        library,
        prepend_middleware=[
            MergeNameParts(style="last", name_fields=fields, allow_inplace_modification=False),
            MergeCoAuthors(name_fields=fields, allow_inplace_modification=False),
            MonthAbbreviationMiddleware(allow_inplace_modification=False),
        ],
        bibtex_format=_FORMAT,
    )
    return text
