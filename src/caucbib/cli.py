"""The command-line interface: each command = options → one api call → render.

One error boundary (:class:`BoundaryGroup`) turns :class:`CaucbibError` into ``Error: …`` on
stderr with the documented exit code; no tracebacks reach the user.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from caucbib import __version__, render
from caucbib.errors import CaucbibError, UsageError

if TYPE_CHECKING:
    from caucbib.model import Occurrence, Record
    from caucbib.store import Library

class _LazyApi:
    """``caucbib.api``, imported on first use so that ``--help`` starts fast."""

    def __getattr__(self, name: str) -> Any:
        from caucbib import api as module

        return getattr(module, name)


api = _LazyApi()

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PROBLEMS, EXIT_PARTIAL = 0, 1, 2, 3, 4


class BoundaryGroup(TyperGroup):
    """The single error boundary of the CLI."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CaucbibError as exc:
            report_error(exc)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            render.message("Interrupted; nothing half-written was kept.")
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(EXIT_OK)
        except Exception as exc:  # the last line of defence: still no traceback
            if type(exc).__module__.startswith("typer") or os.environ.get("CAUCBIB_DEBUG"):
                raise  # usage errors and exits belong to typer
            report_error(CaucbibError(f"internal error: {type(exc).__name__}: {exc}",
                                      hint="set CAUCBIB_DEBUG=1 for a traceback and report it"))
            sys.exit(EXIT_ERROR)


def report_error(exc: CaucbibError) -> None:
    sys.stderr.write(f"Error: {exc.message}\n")
    if exc.hint:
        sys.stderr.write(f"Hint: {exc.hint}\n")


app = typer.Typer(
    cls=BoundaryGroup,
    help="caucbib: find, parse, deduplicate and export az/tr/ru/en references.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)

_state: dict[str, Any] = {"library": None, "config": None}


def _config() -> Any:
    from caucbib.config import Config

    return _state["config"] or Config()

FormatOpt = Annotated[
    str | None,
    typer.Option("--format", "-f", help="Output: table, json, jsonl or csv (default: table on a "
                 "terminal, jsonl when piped)."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"caucbib {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    library: Annotated[Path | None, typer.Option(
        "--library", "-L", help="Library file (else $CAUCBIB_LIBRARY, else the user data dir).",
        envvar="CAUCBIB_LIBRARY", show_envvar=True)] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on stderr.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="More messages on stderr.")
                       ] = False,
) -> None:
    """caucbib: find, parse, deduplicate and export az/tr/ru/en references."""
    from caucbib.config import load_config

    if quiet and verbose:
        raise UsageError("--quiet and --verbose do not go together")
    render.set_verbosity(-1 if quiet else 1 if verbose else 0)
    _state["config"] = config = load_config()
    _state["library"] = library or config.library
    for source in config.sources:
        render.detail(f"config: {source}")


def open_library() -> Library:
    from caucbib.store import Library, default_library_path

    path = _state["library"] or default_library_path()
    return Library(path)


def _row_format(fmt: str | None, allowed: tuple[str, ...] = render.ROW_FORMATS) -> str:
    chosen = render.default_format(fmt)
    if chosen not in allowed:
        raise UsageError(f"unknown format {chosen!r}; choose one of {', '.join(allowed)}")
    return chosen


def _record_row(record: Record, occurrence: Occurrence | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {}
    if occurrence is not None:
        row.update(doc=occurrence.doc, position=occurrence.position)
    row.update(
        id=record.id,
        type=record.type,
        authors=[n.display() for n in record.author or record.editor],
        year=record.year,
        title=record.title,
        container=record.container_title,
        publisher=record.publisher,
        place=record.publisher_place,
        language=record.language,
    )
    return row


RECORD_COLUMNS = ("id", "type", "authors", "year", "title", "container", "publisher", "place")


def _emit_records(records: list[Record], fmt: str) -> None:
    if fmt == "csl-json":
        render.emit_json(r.to_csl() for r in records)
    elif fmt == "jsonl":
        render.emit_rows((r.to_csl() for r in records), "jsonl", ())
    elif fmt in ("bibtex", "biblatex", "ris"):
        render.emit_text(api.export_records(records, api.ExportOptions(fmt=fmt)))
    else:
        render.emit_rows((_record_row(r) for r in records), fmt, RECORD_COLUMNS)


PARSE_FORMATS = ("csl-json", "jsonl", "bibtex", "biblatex", "ris", "table", "json", "csv")


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="A file with one reference per line, or - for stdin.")
                    ] = "-",
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="csl-json, jsonl, bibtex, biblatex, ris or table "
        "(default: table on a terminal, csl-json when piped).")] = None,
    explain: Annotated[bool, typer.Option(help="Show the label of every token.")] = False,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default UTF-8).")] = None,
) -> None:
    """Parse references: every non-empty input line is exactly one reference."""
    from caucbib.find import read_text

    _, text = read_text(file, encoding)
    if explain:
        rows = [{"reference": i, "token": tok, "label": label}
                for i, labels in enumerate(api.explain_lines(text), start=1)
                for tok, label in labels]
        render.emit_rows(rows, _row_format(fmt), ("reference", "token", "label"))
        return
    chosen = fmt or ("table" if render.stdout_is_terminal() else "csl-json")
    if chosen not in PARSE_FORMATS:
        raise UsageError(f"unknown format {chosen!r}; choose one of {', '.join(PARSE_FORMATS)}")
    _emit_records(api.parse_lines(text), "csl-json" if chosen == "json" else chosen)


@app.command()
def train(
    corpus: Annotated[list[str] | None, typer.Argument(
        help="Corpus files or folders (*.jsonl, tagged format; default: training/).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Model file (default: the user data dir; parse then uses it).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (the split is by id hash).")] = 13,
    holdout: Annotated[float, typer.Option(help="Share of references held out for scoring.")
                       ] = 0.1,
    fmt: FormatOpt = None,
) -> None:
    """Rebuild the parser model from a labelled corpus (add your own corrections file)."""
    corpus = corpus or ["training"]
    report = api.train_model(corpus, output, seed=seed, holdout=holdout)
    render.message(f"trained on {report.n_train} references in {report.seconds} s; "
                   f"held out {report.n_holdout}; wrote {report.model_path}")
    row = {"model": str(report.model_path), "train": report.n_train,
           "held_out": report.n_holdout, "token_accuracy": report.token_accuracy,
           "type_accuracy": getattr(report, "type_accuracy", None), "seconds": report.seconds}
    render.emit_rows([row], _row_format(fmt), tuple(row))


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A document (plain text), or - for stdin.")],
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="table, json, jsonl, csv (the reference strings) or csl-json, "
        "bibtex (parsed).")] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default UTF-8).")] = None,
    citations: Annotated[bool, typer.Option(
        "--citations", help="Print the in-text citations instead of the references.")] = False,
) -> None:
    """Find and print the references (or in-text citations) of a whole document."""
    if citations:
        rows = [c.to_dict() for c in api.extract_citations(file, encoding)]
        for row in rows:
            row["cited"] = "; ".join(
                ", ".join(i["authors"]) + (f" {i['year']}" if i["year"] else "")
                if i["authors"] else str(i["number"] or i["key"] or "") for i in row["items"])
        render.emit_rows(rows, _row_format(fmt), ("position", "kind", "raw", "cited"))
        return
    extraction = api.extract_file(file, encoding)
    if not extraction.references:
        render.message(f"{file}: no reference list found (0 references).")
    if fmt in ("csl-json", "bibtex", "biblatex", "ris"):
        _emit_records(api.parse_strings(extraction.references), fmt)
        return
    rows = [{"position": i, "reference": ref} for i, ref in enumerate(extraction.references, 1)]
    render.emit_rows(rows, _row_format(fmt), ("position", "reference"))


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
        render.emit_rows(rows, _row_format(fmt), ("doc", "status", "references", "citations",
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
    render.emit_rows(rows, _row_format(fmt), ("name", "references", "source", "ingested_at"))


@app.command("list")
def list_(
    doc: Annotated[str | None, typer.Option(help="Only this document's references.")] = None,
    fmt: FormatOpt = None,
) -> None:
    """List references (with their records) of one document or of the whole library."""
    with open_library() as lib:
        rows = [_record_row(rec, occ) for occ, rec in api.list_references(lib, doc)]
    render.emit_rows(rows, _row_format(fmt), ("doc", "position", *RECORD_COLUMNS))


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record id (see `list`).")],
    fmt: FormatOpt = None,
) -> None:
    """Show one record in full, with every place it is cited."""
    with open_library() as lib:
        record, occurrences = api.show_record(lib, record_id)
    chosen = _row_format(fmt)
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


EXPORT_FORMATS = ("biblatex", "bibtex", "csl-json", "ris")


@app.command()
def export(
    doc: Annotated[str | None, typer.Option(help="The document to export.")] = None,
    all_docs: Annotated[bool, typer.Option("--all", help="Every document (one file each).")
                        ] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="biblatex, bibtex, csl-json or ris (default: biblatex, or the "
        "config's export_format).")] = None,
    style: Annotated[str | None, typer.Option(
        help="A formatted list in a CSL style id (see `styles`), a .csl file, "
        "gost-r-7.0.100-2018 / gost-r-7.0.5-2008, or 'default' for the config's style.")] = None,
    locale: Annotated[str | None, typer.Option(help="Locale for --style, e.g. az-AZ, tr-TR.")
                      ] = None,
    output_format: Annotated[str, typer.Option(help="With --style: text, html or markdown.")
                             ] = "text",
    ascii_only: Annotated[bool, typer.Option(
        "--ascii", help="BibTeX/biblatex in pure ASCII (LaTeX commands for every letter).")
    ] = False,
    key_pattern: Annotated[str | None, typer.Option(
        help="Citation key pattern, e.g. '{author}{year}{title}'.")] = None,
    langid_az: Annotated[bool, typer.Option(
        help="Write langid = {azerbaijani} (babel support varies).")] = False,
    cited_in: Annotated[Path | None, typer.Option(
        "--aux", "--tex", help="Only the entries a manuscript cites (.aux or .tex file).")
    ] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="A file (with --doc) or a folder (with --all); default stdout.")
    ] = None,
) -> None:
    """Export one document's references in their order, or every document."""
    config = _config()
    fmt = fmt or config.export_format
    style = config.style if style == "default" else style
    if style is not None:
        locale = locale or config.locale
    key_pattern = key_pattern or (config.key_pattern if config.sources else None)
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    if (doc is None) == (not all_docs):
        raise UsageError("give either --doc NAME or --all")
    options = api.ExportOptions(fmt=fmt, ascii=ascii_only, key_pattern=key_pattern,
                                langid_az=langid_az, style=style, locale=locale,
                                output_format=output_format)
    cited = api.cited_keys_of(cited_in) if cited_in is not None else None
    with open_library() as lib:
        if doc is not None:
            api.require_document(lib, doc)
            text = api.export_document(lib, doc, options, only_keys=cited)
            if output is None:
                render.emit_text(text)
            else:
                write_atomically(output, text)
                render.message(f"{doc}: wrote {output}")
            return
        exports = api.export_all(lib, options, only_keys=cited)
    if output is None:
        for text in exports.values():
            render.emit_text(text)
        return
    output.mkdir(parents=True, exist_ok=True)
    suffix = api.export_suffix(options)
    for name, text in exports.items():
        target = output / api.export_file_name(name, suffix)
        write_atomically(target, text)
        render.message(f"{name}: wrote {target}")
    if not exports:
        render.message("the library holds no documents; nothing written")


@app.command()
def styles(
    search: Annotated[str | None, typer.Argument(help="Only styles whose id or title has this.")
                      ] = None,
    fmt: FormatOpt = None,
) -> None:
    """List the citation styles shipped offline (CSL styles and caucbib's GOST renderers)."""
    from caucbib.export.styles import list_styles

    needle = (search or "").casefold()
    rows = [{"id": sid, "title": title} for sid, title in list_styles()
            if needle in sid.casefold() or needle in title.casefold()]
    render.emit_rows(rows, _row_format(fmt), ("id", "title"))


@app.command()
def dedupe(
    apply: Annotated[bool, typer.Option("--apply", help="Merge the clusters (default: dry run).")
                     ] = False,
    threshold: Annotated[float | None, typer.Option(
        help="Link score needed to join two references (0–1; default 0.8).")] = None,
    doc: Annotated[str | None, typer.Option(help="Only clusters with this document's references.")
                   ] = None,
    fmt: FormatOpt = None,
) -> None:
    """Find duplicate references across scripts, spellings and OCR damage, with reasons."""
    from caucbib.dedupe import DEFAULT_THRESHOLD
    from caucbib.merging import apply_clusters, dedupe_library

    chosen = _row_format(fmt)
    with open_library() as lib:
        clusters = dedupe_library(lib, threshold=threshold or DEFAULT_THRESHOLD, doc=doc)
        merged = apply_clusters(lib, [c for c in clusters if not c.merged]) if apply else []
    if chosen in ("json", "jsonl"):
        render.emit_rows((c.to_dict() for c in clusters), chosen, ())
    else:
        rows = [{"cluster": i, "members": [f"{d}#{p}" for d, p in c.members],
                 "records": c.records, "score": round(c.score, 3), "reasons": c.reasons,
                 "merged": c.merged} for i, c in enumerate(clusters, start=1)]
        render.emit_rows(rows, chosen, ("cluster", "members", "score", "reasons", "merged"))
    pending = sum(not c.merged for c in clusters)
    if apply:
        render.message(f"merged {len(merged)} clusters (`caucbib undo` reverts)")
    else:
        render.message(f"{len(clusters)} clusters, {pending} not merged yet"
                       + (" (dry run; --apply merges)" if pending else ""))


@app.command()
def merge(
    record_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Records to merge.")],
) -> None:
    """Merge records into one canonical record (keeps every occurrence; undoable)."""
    from caucbib.merging import merge as merge_records

    if len(set(record_ids)) < 2:
        raise UsageError("give at least two different record ids")
    with open_library() as lib:
        canonical = merge_records(lib, record_ids)
    render.message(f"merged {len(record_ids)} records into {canonical}")
    render.emit_text(canonical)


@app.command()
def unmerge(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A merged or member record.")],
) -> None:
    """Split a merge: a canonical record gives back all its members, a member leaves alone."""
    from caucbib.merging import unmerge as unmerge_record

    with open_library() as lib:
        unmerge_record(lib, record_id)
    render.message(f"unmerged {record_id}")


@app.command()
def undo() -> None:
    """Undo the last merge, unmerge, distinct or dedupe --apply, restoring the state before it."""
    from caucbib.merging import undo as undo_last

    with open_library() as lib:
        done = undo_last(lib)
    render.message(done or "nothing to undo")


@app.command("distinct")
def distinct_(
    first: Annotated[str, typer.Argument(metavar="ID", help="A record.")],
    second: Annotated[str, typer.Argument(metavar="ID", help="Another record.")],
) -> None:
    """Remember that two records are different works; later dedupe runs honour it."""
    from caucbib.merging import mark_distinct

    with open_library() as lib:
        mark_distinct(lib, first, second)
    render.message(f"{first} and {second} are remembered as different works")


@app.command()
def check(
    doc: Annotated[str, typer.Argument(help="The document to check (see `docs`).")],
    fmt: FormatOpt = None,
) -> None:
    """Cross-check in-text citations against the references; exit 3 when problems are found."""
    with open_library() as lib:
        report = api.check(lib, doc)
    chosen = _row_format(fmt)
    rows = report.to_rows()
    if rows or chosen != "table":
        render.emit_rows(rows, chosen, ("kind", "citation", "reference", "message",
                                        "candidates"))
    if not report.ok:
        render.message(f"{doc}: {len(rows)} problems")
        raise typer.Exit(EXIT_PROBLEMS)
    render.message(f"{doc}: every citation has a reference and every reference is cited")


@app.command()
def doctor(fmt: FormatOpt = None) -> None:
    """Check the library (integrity, foreign keys, merges, records); exit 3 on problems."""
    from caucbib.doctor import diagnose
    from caucbib.store import default_library_path

    findings = diagnose(_state["library"] or default_library_path())
    chosen = _row_format(fmt)
    if findings or chosen != "table":
        render.emit_rows([vars(f) for f in findings], chosen, ("check", "message", "hint"))
    if findings:
        raise typer.Exit(EXIT_PROBLEMS)
    render.message("library is sound")


@app.command()
def backup(
    target: Annotated[Path, typer.Argument(help="Where to write the copy.")],
) -> None:
    """Write a consistent copy of the library (SQLite backup API), even while in use."""
    if target.exists():
        raise UsageError(f"{target} exists; give a new file name")
    if not target.parent.is_dir():
        raise CaucbibError(f"cannot write {target}: folder {target.parent} does not exist")
    with open_library() as lib:
        lib.backup(target)
    render.message(f"wrote {target}")


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``target``, then rename it into place."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise CaucbibError(f"cannot write {target}: folder {folder} does not exist")
    import tempfile

    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, target)
        temp = None
    except OSError as exc:
        raise CaucbibError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="caucbib")
    except BrokenPipeError:
        sys.exit(EXIT_OK)
