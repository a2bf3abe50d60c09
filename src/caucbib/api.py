"""The functions the CLI and the tests share. Each is one user-level job."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from caucbib.errors import InputError, NotFoundError, UsageError
from caucbib.find import Extraction, extract_references, read_text
from caucbib.model import FailedReference, Occurrence, Record
from caucbib.store import DocumentInfo, Library

if TYPE_CHECKING:
    from caucbib.check import CheckReport
    from caucbib.find.citations import Citation
    from caucbib.parse import TrainReport

EXPORT_SUFFIX = {"bibtex": ".bib", "biblatex": ".bib", "csl-json": ".json", "ris": ".ris"}


# -- parsing --------------------------------------------------------------------------
def record_id(record: Record) -> str:
    """A stable id from the raw text and the parsed content: ``r`` + 12 hex digits."""
    raw = unicodedata.normalize("NFC", re.sub(r"\s+", " ", record.raw or "")).strip()
    digest = hashlib.sha256(f"{raw}\x00{record.content_hash()}".encode()).hexdigest()
    return "r" + digest[:12]


def user_model_path() -> Path:
    """Where ``caucbib train`` puts a model by default; used instead of the bundled one when
    present (``CAUCBIB_MODEL`` names another file)."""
    env = os.environ.get("CAUCBIB_MODEL")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("caucbib", appauthor=False) / "model" / "parser.crfsuite"


def active_model_path() -> Path | None:
    """The user's trained model if there is one, else None (the bundled model)."""
    path = user_model_path()
    if os.environ.get("CAUCBIB_MODEL") and not path.is_file():
        raise InputError(f"CAUCBIB_MODEL names {path}, which does not exist")
    return path if path.is_file() else None


Progress = Callable[[int, int], None]


def parse_strings(references: Sequence[str], progress: Progress | None = None) -> list[Record]:
    """Parse reference strings (one reference each), in order, with stable ids.

    ``progress(done, total)`` is called as the batch goes on.
    """
    from caucbib.parse import parse_references

    records = parse_references(list(references), model_path=active_model_path(),
                               progress=progress)
    for record in records:
        record.id = record_id(record)
    return records


def reference_lines(text: str) -> list[str]:
    """The non-empty lines of ``text`` (only newlines end a line, not form feeds or U+2028)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.strip() for line in lines if line.strip()]


def parse_lines(text: str) -> list[Record]:
    """Every non-empty line of ``text`` is exactly one reference."""
    return parse_strings(reference_lines(text))


def explain_lines(text: str) -> list[list[tuple[str, str]]]:
    """Token labels for each non-empty line (for ``parse --explain``)."""
    from caucbib.parse import explain

    model = active_model_path()
    return [explain(line, model_path=model) for line in reference_lines(text)]


def train_model(
    corpus: Sequence[str | Path], output: Path | None = None, *, seed: int = 13,
    holdout: float = 0.1,
) -> TrainReport:
    """Train the parser on corpus files or folders (``*.jsonl`` in the tagged format)."""
    from caucbib.parse import train
    from caucbib.parse.corpus import default_corpus_paths

    paths: list[Path] = []
    for item in corpus:
        path = Path(item)
        if path.is_dir():
            paths += default_corpus_paths(path)
        elif path.is_file():
            paths.append(path)
        else:
            raise InputError(f"corpus file not found: {path}")
    if not paths:
        raise InputError("no corpus files (*.jsonl with a \"tagged\" field) were found",
                         hint="give corpus files or folders, e.g. training/")
    return train(paths, output or user_model_path(), seed=seed, holdout=holdout)


def extract_file(path: str | Path, encoding: str | None = None) -> Extraction:
    """Find the references of a whole document file (.txt, .md, .docx, .pdf, .tex)."""
    from caucbib.find.read import read_document

    return extract_references(read_document(path, encoding=encoding).text)


def extract_citations(path: str | Path, encoding: str | None = None) -> list[Citation]:
    """The in-text citations of a whole document (its reference list is left out)."""
    from caucbib.find.citations import document_citations
    from caucbib.find.read import read_document

    return document_citations(read_document(path, encoding=encoding).text)


# -- library --------------------------------------------------------------------------
@dataclass
class IngestResult:
    """What one ingested file did to the library."""

    doc: str
    source: str
    status: str  # added | replaced | unchanged
    references: int
    method: str
    citations: int = 0


@dataclass
class _Prepared:
    doc: str
    source: str
    content_hash: str
    records: list[Record]
    method: str
    citations: list[tuple[str, str]]


def _prepare(path: str | Path, doc: str | None, lines: bool, encoding: str | None,
             progress: Progress | None = None) -> _Prepared:
    from caucbib.find.read import read_document

    document = read_document(path, encoding=encoding)
    source, text = document.name, document.text
    name = doc or ("stdin" if str(path) == "-" else Path(path).stem)
    mode = "lines" if lines else "document"
    digest = hashlib.sha256(f"{mode}\x00{text}".encode()).hexdigest()
    citations: list[tuple[str, str]] = []
    if lines:
        references = reference_lines(text)
        method = "lines"
    else:
        from caucbib.find.citations import document_citations

        extraction = extract_references(text)
        references, method = extraction.references, extraction.method
        citations = [(c.raw, c.to_json()) for c in document_citations(text)]
    return _Prepared(name, source, digest, parse_strings(references, progress), method,
                     citations)


def ingest(
    lib: Library,
    paths: Sequence[str | Path],
    *,
    doc: str | None = None,
    lines: bool = False,
    encoding: str | None = None,
    progress: Callable[[str], Progress] | None = None,
    force: bool = False,
) -> list[IngestResult]:
    """Extract, parse and store documents; all files in one transaction.

    ``progress(file)`` gives the per-file parse progress callback (for a progress bar).
    """
    if doc is not None and len(paths) > 1:
        raise UsageError("--doc names one document; give one file with it")
    prepared = [_prepare(path, doc, lines, encoding, progress(str(path)) if progress else None)
                for path in paths]
    names = [p.doc for p in prepared]
    if len(set(names)) != len(names):
        raise UsageError("two files would get the same document name",
                         hint="ingest them separately with --doc NAME")
    results: list[IngestResult] = []
    with lib.transaction() as conn:
        for item in prepared:
            row = conn.execute("SELECT content_hash FROM documents WHERE name = ?",
                               (item.doc,)).fetchone()
            if row is not None and row[0] == item.content_hash:
                status = "unchanged"
            elif row is not None and not item.records and not force:
                raise InputError(
                    f"{item.source} has no references now, but document {item.doc!r} holds "
                    f"{lib.document(item.doc).references}; nothing was changed",
                    hint="a truncated copy? pass --force to replace it anyway")
            else:
                status = "added" if row is None else "replaced"
                lib.replace_document(conn, item.doc, item.source, item.content_hash,
                                     item.records, item.citations)
            results.append(IngestResult(item.doc, item.source, status, len(item.records),
                                        item.method, len(item.citations)))
    return results


@dataclass
class ImportSummary:
    """What one imported bibliography file did: the document, and entries that failed."""

    doc: str
    status: str
    references: int
    failures: list[FailedReference]


def import_file(
    lib: Library, path: str | Path, *, doc: str | None = None, fmt: str | None = None,
    encoding: str | None = None,
) -> ImportSummary:
    """Read a .bib/.ris/CSL-JSON file into the library as one document (one transaction)."""
    from caucbib.imports import read_bibliography

    source, text = read_text(path, encoding)
    result = read_bibliography(text, fmt, source=source)
    name = doc or ("stdin" if str(path) == "-" else Path(path).stem)
    if result.failures and not result.records:
        first = result.failures[0]
        raise InputError(f"{source}: no entry could be read (line {first.position}: "
                         f"{first.reason})", hint="nothing was stored; the library is unchanged")
    for record in result.records:
        record.raw = record.raw or _display(record)
        record.id = record_id(record)
    digest = hashlib.sha256(f"import\x00{text}".encode()).hexdigest()
    with lib.transaction() as conn:
        row = conn.execute("SELECT content_hash FROM documents WHERE name = ?",
                           (name,)).fetchone()
        if row is not None and row[0] == digest:
            status = "unchanged"
        else:
            status = "added" if row is None else "replaced"
            lib.replace_document(conn, name, source, digest, result.records)
    return ImportSummary(name, status, len(result.records), result.failures)


def _display(record: Record) -> str:
    """A one-line stand-in for the raw text of an imported entry."""
    names = "; ".join(n.display() for n in record.author or record.editor)
    year = f" ({record.year})" if record.year else ""
    return f"{names}{year}. {record.title or record.container_title or ''}".strip(" .")


def check(lib: Library, doc: str) -> CheckReport:
    """Cross-check a document's in-text citations against its references."""
    from caucbib.check import check_document
    from caucbib.find.citations import Citation

    citations = [Citation.from_json(data) for _, _, data in lib.document_citations(doc)]
    references = [(occ.position, rec) for occ, rec in lib.document_records(doc)]
    return check_document(citations, references)


def documents(lib: Library) -> list[DocumentInfo]:
    return lib.documents()


def list_references(lib: Library, doc: str | None = None) -> list[tuple[Occurrence, Record]]:
    """Occurrences with their current records: one document's, or the whole library's."""
    return lib.document_records(doc) if doc is not None else lib.all_occurrences()


def show_record(lib: Library, record_id: str) -> tuple[Record, list[Occurrence]]:
    """A record and every occurrence that points to it."""
    return lib.get_record(record_id), lib.occurrences_of(record_id)


# -- export ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportOptions:
    """How to write an export: a data format, or a citation style (``style`` set)."""

    fmt: str = "biblatex"
    ascii: bool = False
    key_pattern: str | None = None
    langid_az: bool = False
    style: str | None = None
    locale: str | None = None
    output_format: str = "text"


def export_records(records: Sequence[Record], options: ExportOptions,
                   keys: Sequence[str] | None = None) -> str:
    """Records as a data format (BibTeX, CSL-JSON, RIS …) or as a formatted list.

    ``keys`` fixes the citation keys (a subset keeps the keys of the whole document)."""
    if options.style is not None:
        from caucbib.export.styles import format_bibliography

        return str(format_bibliography(list(records), options.style, locale=options.locale,
                                       output_format=options.output_format))
    from caucbib.export import export_records as write

    return str(write(records, options.fmt, ascii=options.ascii, key_pattern=options.key_pattern,
                     langid_az=options.langid_az, keys=list(keys) if keys is not None else None))


def export_document(
    lib: Library, doc: str, options: ExportOptions, *, only_keys: set[str] | None = None
) -> str:
    """One document's references, in their order in that document.

    ``only_keys`` keeps the entries whose citation keys a manuscript cites.
    """
    records = _unique_in_order(rec for _, rec in lib.document_records(doc))
    if only_keys is None:
        return export_records(records, options)
    from caucbib.export import citation_keys

    kept = [(rec, key) for rec, key in zip(records, citation_keys(records, options.key_pattern),
                                           strict=True) if key in only_keys]
    return export_records([r for r, _ in kept], options, keys=[k for _, k in kept])


def export_all(
    lib: Library, options: ExportOptions, *, only_keys: set[str] | None = None
) -> dict[str, str]:
    """``{document name: exported text}`` for every document."""
    return {info.name: export_document(lib, info.name, options, only_keys=only_keys)
            for info in lib.documents()}


def cited_keys_of(path: str | Path) -> set[str]:
    """The citation keys a ``.aux`` or ``.tex`` file cites."""
    from caucbib.export.cited import cited_keys

    _, text = read_text(path)
    return set(cited_keys(text))


def export_suffix(options: ExportOptions) -> str:
    if options.style is not None:
        return {"html": ".html", "markdown": ".md"}.get(options.output_format, ".txt")
    return EXPORT_SUFFIX.get(options.fmt, ".txt")


def export_file_name(doc: str, suffix: str) -> str:
    """A safe file name for a document's export."""
    stem = re.sub(r"[^\w.-]+", "_", doc, flags=re.UNICODE).strip("._") or "document"
    return stem + suffix


def _unique_in_order(records: Iterable[Record]) -> list[Record]:
    seen: set[str] = set()
    out: list[Record] = []
    for record in records:
        if record.id not in seen:
            seen.add(record.id or "")
            out.append(record)
    return out


def require_document(lib: Library, doc: str) -> None:
    if doc not in {d.name for d in lib.documents()}:
        raise NotFoundError(f"no document named {doc!r} in the library",
                            hint="`caucbib docs` lists the documents")
