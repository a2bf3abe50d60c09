"""Imports: BibTeX/biblatex, RIS and CSL-JSON files into Records (bad entries kept as data)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from caucbib.errors import InputError, UsageError
from caucbib.imports.bibtex import read_bibtex
from caucbib.imports.csljson import read_csl_json
from caucbib.imports.ris import read_ris
from caucbib.model import FailedReference, Record

IMPORT_FORMATS: tuple[str, ...] = ("bibtex", "csl-json", "ris")
_ALIASES = {
    "bib": "bibtex",
    "biblatex": "bibtex",
    "bibtex": "bibtex",
    "json": "csl-json",
    "csl-json": "csl-json",
    "csljson": "csl-json",
    "ris": "ris",
}

__all__ = ["IMPORT_FORMATS", "ImportResult", "detect_format", "read_bibliography"]


@dataclass
class ImportResult:
    """What an import gave: the records read and the entries that could not be read."""

    records: list[Record] = field(default_factory=list)
    failures: list[FailedReference] = field(default_factory=list)


def detect_format(text: str) -> str:
    """``bibtex``, ``csl-json`` or ``ris`` from the content; InputError when none fits."""
    body = text.lstrip("\ufeff \t\r\n")
    if body.startswith(("[", "{")):
        return "csl-json"
    if re.search(r"^\s*TY  ?- ", text, re.M):
        return "ris"
    if re.search(r"@\s*[A-Za-z]+\s*[{(]", text):
        return "bibtex"
    raise InputError(
        "cannot tell the bibliography format of this text",
        "give the format explicitly: bibtex, csl-json or ris",
    )


def read_bibliography(text: str, fmt: str | None = None, *, source: str = "") -> ImportResult:
    """Records from a .bib, .ris or CSL-JSON text (format detected when ``fmt`` is None).

    Good entries are kept and bad ones come back as FailedReference with their line.
    """
    if fmt is None:
        name = detect_format(text)
    else:
        alias = _ALIASES.get(fmt.strip().lower())
        if alias is None:
            raise UsageError(f"unknown import format {fmt!r}", "use bibtex, csl-json or ris")
        name = alias
    reader = {"bibtex": read_bibtex, "csl-json": read_csl_json, "ris": read_ris}[name]
    records, failures = reader(text, source=source)
    return ImportResult(records=records, failures=failures)
