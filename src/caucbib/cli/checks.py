"""Commands that check things: check (a manuscript), doctor and backup (the library)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caucbib import render
from caucbib.cli.app import EXIT_PROBLEMS, FormatOpt, api, app, open_library, row_format, state
from caucbib.errors import CaucbibError, UsageError


@app.command()
def check(
    doc: Annotated[str, typer.Argument(help="The document to check (see `docs`).")],
    fmt: FormatOpt = None,
) -> None:
    """Cross-check in-text citations against the references; exit 3 when problems are found."""
    with open_library() as lib:
        report = api.check(lib, doc)
    chosen = row_format(fmt)
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

    findings = diagnose(state["library"] or default_library_path())
    chosen = row_format(fmt)
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
