"""Deduplication commands: dedupe, merge, unmerge, undo, distinct."""

from __future__ import annotations

from typing import Annotated

import typer

from caucbib import render
from caucbib.cli.app import FormatOpt, app, open_library, row_format
from caucbib.errors import UsageError


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

    chosen = row_format(fmt)
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
