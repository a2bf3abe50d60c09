"""Commands that fill and read the library: ingest, import, docs, list, show."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from caucbib import render
from caucbib.cli.app import (
    EXIT_ERROR,
    EXIT_PARTIAL,
    RECORD_COLUMNS,
    FormatOpt,
    api,
    app,
    open_library,
    record_row,
    row_format,
)


@app.command()
def ingest(
    files: Annotated[list[str], typer.Argument(help="Documents to ingest (- for stdin).")],
    doc: Annotated[str | None, typer.Option(help="Document name (default: the file stem).")
                   ] = None,
    lines: Annotated[bool, typer.Option(
        "--lines", help="One reference per line, as `parse` reads it.")] = False,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default UTF-8).")] = None,
    force: Annotated[bool, typer.Option(
        help="Replace a stored document even when the file now has no references.")] = False,
    fmt: FormatOpt = None,
) -> None:
    """Find, parse and store the references of documents (one transaction)."""
    with open_library() as lib, render.ProgressBars() as bars:
        results = api.ingest(lib, files, doc=doc, lines=lines, encoding=encoding,
                             progress=bars.task, force=force)
    for result in results:
        note = "" if result.references else " — no reference list found"
        cites = f", {result.citations} in-text citations" if result.citations else ""
        render.message(f"{result.doc}: {result.references} references{cites} "
                       f"({result.status}){note}")
    if fmt:
        rows = [vars(r) for r in results]
        render.emit_rows(rows, row_format(fmt), ("doc", "status", "references", "citations",
                                                  "method", "source"))


@app.command("import")
def import_(
    file: Annotated[str, typer.Argument(help="A .bib, .ris or CSL-JSON file (- for stdin).")],
    doc: Annotated[str | None, typer.Option(help="Document name (default: the file stem).")
                   ] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="bibtex, csl-json or ris (default: detected).")] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default UTF-8).")] = None,
) -> None:
    """Import a bibliography file into the library as a document."""
    with open_library() as lib:
        summary = api.import_file(lib, file, doc=doc, fmt=fmt, encoding=encoding)
    render.message(f"{summary.doc}: {summary.references} entries ({summary.status})")
    for failure in summary.failures:
        render.message(f"  line {failure.position}: {failure.reason}")
    if summary.failures:
        render.message(f"{len(summary.failures)} entries could not be read; the others were kept.")
        raise typer.Exit(EXIT_PARTIAL if summary.references else EXIT_ERROR)


@app.command()
def docs(fmt: FormatOpt = None) -> None:
    """List the documents in the library."""
    with open_library() as lib:
        rows = [vars(d) for d in api.documents(lib)]
    render.emit_rows(rows, row_format(fmt), ("name", "references", "source", "ingested_at"))


@app.command("list")
def list_(
    doc: Annotated[str | None, typer.Option(help="Only this document's references.")] = None,
    fmt: FormatOpt = None,
) -> None:
    """List references (with their records) of one document or of the whole library."""
    with open_library() as lib:
        rows = [record_row(rec, occ) for occ, rec in api.list_references(lib, doc)]
    render.emit_rows(rows, row_format(fmt), ("doc", "position", *RECORD_COLUMNS))


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record id (see `list`).")],
    fmt: FormatOpt = None,
) -> None:
    """Show one record in full, with every place it is cited."""
    with open_library() as lib:
        record, occurrences = api.show_record(lib, record_id)
    chosen = row_format(fmt)
    data = record.to_csl()
    data["occurrences"] = [{"doc": o.doc, "position": o.position, "raw": o.raw}
                           for o in occurrences]
    if chosen == "table":
        rows = [{"field": k, "value": v} for k, v in data.items()]
        render.emit_rows(rows, "table", ("field", "value"))
    elif chosen == "json":
        render.emit_text(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        render.emit_rows([data], chosen, tuple(data))
