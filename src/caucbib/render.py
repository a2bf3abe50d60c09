"""The only code that writes command results to stdout.

Read commands hand over rows (dicts) and a format: ``table`` (rich, on a terminal), ``json``
(a streamed array, ``[]`` when empty), ``jsonl`` or ``csv``. Messages go to stderr.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from caucbib.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

ROW_FORMATS = ("table", "json", "jsonl", "csv")
_verbosity = {"level": 0}


def set_verbosity(level: int) -> None:
    """-1 quiet (no messages), 0 normal, 1 verbose (details too)."""
    _verbosity["level"] = level


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def default_format(explicit: str | None) -> str:
    """``table`` on a terminal, ``jsonl`` when piped, unless the user chose."""
    if explicit:
        return explicit
    return "table" if stdout_is_terminal() else "jsonl"


def console(stream: TextIO | None = None) -> Console:
    """A rich console: colour only on a terminal and never with ``NO_COLOR``."""
    from rich.console import Console

    out = stream or sys.stdout
    width = int(os.environ.get("COLUMNS", "0") or 0) or None
    return Console(
        file=out,
        no_color="NO_COLOR" in os.environ,
        highlight=False,
        soft_wrap=False,
        width=width,
    )


def emit_rows(
    rows: Iterable[dict[str, Any]],
    fmt: str,
    columns: Sequence[str],
    *,
    title: str | None = None,
    stream: TextIO | None = None,
) -> None:
    """Write rows in ``fmt``; ``columns`` orders the table and CSV columns."""
    out = stream or sys.stdout
    if fmt == "json":
        _json_array(rows, out)
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: _cell(row.get(c)) for c in columns})
    elif fmt == "table":
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        console(out).print(table)
    else:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(ROW_FORMATS)}")


def emit_json(items: Iterable[Any], stream: TextIO | None = None) -> None:
    """A JSON array, one item per line (streams; ``[]`` when empty)."""
    _json_array(items, stream or sys.stdout)


def emit_text(text: str, stream: TextIO | None = None) -> None:
    """Already formatted output (BibTeX, RIS, a formatted list)."""
    out = stream or sys.stdout
    out.write(text if text.endswith("\n") or not text else text + "\n")


def message(text: str) -> None:
    """A message for the user (stderr), never mixed into data; silent with ``--quiet``."""
    if _verbosity["level"] >= 0:
        console(sys.stderr).print(text, markup=False)


def detail(text: str) -> None:
    """A message shown only with ``--verbose``."""
    if _verbosity["level"] > 0:
        console(sys.stderr).print(text, markup=False)


class ProgressBars:
    """Rich progress bars on stderr, only on a terminal and never with ``--quiet``."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty() and _verbosity["level"] >= 0
        self._progress: Any = None

    def __enter__(self) -> ProgressBars:
        if self.enabled:
            from rich.progress import Progress

            self._progress = Progress(console=console(sys.stderr), transient=True)
            self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)

    def task(self, label: str) -> Callable[[int, int], None]:
        """A ``(done, total)`` callback that drives one bar."""
        if self._progress is None:
            return lambda done, total: None
        task_id = self._progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            self._progress.update(task_id, completed=done, total=total)

        return update


def _json_array(items: Iterable[Any], out: TextIO) -> None:
    first = True
    for item in items:
        out.write("[\n" if first else ",\n")
        out.write(json.dumps(item, ensure_ascii=False))
        first = False
    out.write("[]\n" if first else "\n]\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
