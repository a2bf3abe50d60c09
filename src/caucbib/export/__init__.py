"""Exports: BibTeX/biblatex, CSL-JSON, RIS, formatted bibliographies (APA, GOST, …)."""

from __future__ import annotations

from collections.abc import Sequence

from caucbib.errors import UsageError
from caucbib.export.bibtex import write_bibtex
from caucbib.export.csljson import csl_items, write_csl_json
from caucbib.export.keys import DEFAULT_KEY_PATTERN, PLACEHOLDERS, citation_keys
from caucbib.export.latex import DEFAULT_SCHWA_MACRO
from caucbib.model import Record

FORMATS: tuple[str, ...] = ("biblatex", "bibtex", "csl-json", "ris")

__all__ = [
    "DEFAULT_KEY_PATTERN",
    "DEFAULT_SCHWA_MACRO",
    "FORMATS",
    "PLACEHOLDERS",
    "citation_keys",
    "csl_items",
    "export_records",
]


def export_records(
    records: Sequence[Record],
    fmt: str,
    *,
    ascii: bool = False,
    key_pattern: str | None = None,
    langid_az: bool = False,
    schwa_macro: str = DEFAULT_SCHWA_MACRO,
    keys: Sequence[str] | None = None,
) -> str:
    """``records`` as text in ``fmt`` (one of :data:`FORMATS`).

    ``ascii`` (BibTeX/biblatex) writes every non-ASCII letter as a LaTeX command;
    ``key_pattern`` shapes citation keys (see :mod:`caucbib.export.keys`); ``langid_az``
    writes ``langid = {azerbaijani}`` (off by default: babel support varies). ``keys``
    gives the citation keys outright (one per record), e.g. those computed on a whole
    document before a subset was selected, so suffixes such as ``…2020a`` do not shift.
    """
    if keys is not None and len(keys) != len(records):
        raise UsageError("one citation key per record is needed")
    name = fmt.strip().lower()
    if name in ("biblatex", "bibtex", "bib"):
        dialect = "bibtex" if name == "bibtex" else "biblatex"
        return write_bibtex(
            records,
            keys=keys,
            dialect=dialect,
            ascii=ascii,
            key_pattern=key_pattern,
            langid_az=langid_az,
            schwa_macro=schwa_macro,
        )
    if name in ("csl-json", "csljson", "json"):
        return write_csl_json(records, key_pattern=key_pattern, keys=keys)
    if name == "ris":
        from caucbib.export.ris import write_ris

        text: str = write_ris(records, key_pattern=key_pattern, keys=keys)
        return text
    raise UsageError(f"unknown export format {fmt!r}", "use one of " + ", ".join(FORMATS))
