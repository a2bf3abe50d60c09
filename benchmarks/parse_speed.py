"""Parsing speed: references per second for a 10,000-reference file in one process.

usage: python benchmarks/parse_speed.py [--n 10000] [--profile] [--runs N]

The references are the corpus texts (training/**/*.jsonl) repeated to --n lines.
Target: >= 2,000 references/s. Timings vary by several per cent between runs on a shared VM:
``--runs 5`` measures in five fresh processes (cold caches each time) and prints the median.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

from caucbib.parse import parse_references
from caucbib.parse.corpus import default_corpus_paths, load_corpus


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--corpus", default="training")
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    if args.runs > 1:
        return _runs(args.runs, ["--n", str(args.n), "--corpus", args.corpus])
    texts = [r.text for r in load_corpus(default_corpus_paths(Path(args.corpus)))]
    if not texts:
        print("no corpus texts found", file=sys.stderr)
        return 1
    lines = (texts * (args.n // len(texts) + 1))[: args.n]
    parse_references(lines[:10])  # load the model outside the timing
    began = time.perf_counter()
    cpu_began = time.process_time()
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        parse_references(lines)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    else:
        parse_references(lines)
    seconds = time.perf_counter() - began
    cpu = time.process_time() - cpu_began
    chars = sum(map(len, lines)) / len(lines)
    print(f"{len(lines)} references (mean {chars:.0f} chars) in {seconds:.2f} s wall, "
          f"{cpu:.2f} s CPU: {len(lines) / seconds:,.0f} refs/s wall, "
          f"{len(lines) / cpu:,.0f} refs/s CPU")
    return 0


def _runs(n: int, argv: list[str]) -> int:
    """Measure in ``n`` fresh processes; print each line and the median wall rate."""
    rates = []
    for _ in range(n):
        out = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True,
                             check=True).stdout.strip()
        print(out)
        rates.append(float(out.split(" refs/s wall")[0].rsplit(" ", 1)[1].replace(",", "")))
    print(f"median of {n} runs: {statistics.median(rates):,.0f} refs/s wall")
    return 0


if __name__ == "__main__":
    sys.exit(main())
