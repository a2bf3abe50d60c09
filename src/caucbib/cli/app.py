"""The Typer app, its single error boundary and the helpers every command module shares.

Each command = options → one api call → render. The one error boundary,
:class:`BoundaryGroup`, turns :class:`CaucbibError` into ``Error: …`` on stderr with the
documented exit code; no tracebacks reach the user.
"""

from __future__ import annotations

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

state: dict[str, Any] = {"library": None, "config": None}


def current_config() -> Any:
    from caucbib.config import Config

    return state["config"] or Config()

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
    state["config"] = config = load_config()
    state["library"] = library or config.library
    for source in config.sources:
        render.detail(f"config: {source}")


def open_library() -> Library:
    from caucbib.store import Library, default_library_path

    path = state["library"] or default_library_path()
    return Library(path)


def row_format(fmt: str | None, allowed: tuple[str, ...] = render.ROW_FORMATS) -> str:
    chosen = render.default_format(fmt)
    if chosen not in allowed:
        raise UsageError(f"unknown format {chosen!r}; choose one of {', '.join(allowed)}")
    return chosen


def record_row(record: Record, occurrence: Occurrence | None = None) -> dict[str, Any]:
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


def emit_records(records: list[Record], fmt: str) -> None:
    if fmt == "csl-json":
        render.emit_json(r.to_csl() for r in records)
    elif fmt == "jsonl":
        render.emit_rows((r.to_csl() for r in records), "jsonl", ())
    elif fmt in ("bibtex", "biblatex", "ris"):
        render.emit_text(api.export_records(records, api.ExportOptions(fmt=fmt)))
    else:
        render.emit_rows((record_row(r) for r in records), fmt, RECORD_COLUMNS)


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
