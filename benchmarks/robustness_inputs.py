"""Timings of huge inputs through the library functions the CLI calls (not a test).

Run: ``.venv/bin/python benchmarks/robustness_inputs.py [--quick]``. Prints one line per case:
what was fed, how long it took, and what came out.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from caucbib import api
from caucbib.find import extract_references
from caucbib.imports import read_bibliography
from caucbib.parse import parse_reference
from caucbib.store import Library


def _timed(label: str, action: Callable[[], object]) -> None:
    start = time.perf_counter()
    result = action()
    print(f"{label:<52} {time.perf_counter() - start:8.2f} s  {result}", flush=True)


def _numbered(count: int) -> str:
    return "References\n" + "".join(
        f"{n}. Kaya, A. ({1950 + n % 70}). Başlıq {n}. İstanbul: Ötüken.\n"
        for n in range(1, count + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the cases over a minute")
    quick = parser.parse_args().quick
    line = ("Məmmədov Ə. Tarix. Bakı, 2001. " * 340_000)[:10_000_000]
    _timed("parse_reference: one 10 MB line", lambda: len(parse_reference(line).title or ""))
    _timed("extract_references: 10 MB prose, no list",
           lambda: len(extract_references("word " * 2_000_000).references))
    _timed("extract_references: heading + one 10 MB line",
           lambda: [len(r) for r in extract_references("References\n" + line).references])
    _timed("extract_references: 9,999 numbered entries",
           lambda: len(extract_references(_numbered(9_999)).references))
    if not quick:
        _timed("extract_references: 100,000 numbered entries",
               lambda: len(extract_references(_numbered(100_000)).references))
    ris = "".join(f"TY  - BOOK\nAU  - Əliyev, R.\nTI  - Cild {i}\nPY  - 1999\nER  - \n"
                  for i in range(20_000))
    _timed("read_bibliography: RIS, 100,000 lines", lambda: len(read_bibliography(ris).records))
    bib = "".join(f"@book{{k{i},\n author = {{Əliyev, R.}},\n title = {{Cild {i}}},\n"
                  f" year = {{1999}}\n}}\n" for i in range(20_000 if not quick else 2_000))
    _timed(f"read_bibliography: BibTeX, {bib.count(chr(10)):,} lines",
           lambda: len(read_bibliography(bib).records))
    with tempfile.TemporaryDirectory() as folder:
        lines = Path(folder) / "lines.txt"
        count = 2_000 if quick else 100_000
        lines.write_text("".join(f"Kaya, A. ({1950 + n % 70}). Başlıq {n}. İstanbul: Ötüken.\n"
                                 for n in range(count)), encoding="utf-8")
        with Library(Path(folder) / "lib.sqlite") as lib:
            _timed(f"api.ingest --lines: {count:,} references",
                   lambda: api.ingest(lib, [lines], lines=True)[0].references)


if __name__ == "__main__":
    main()
