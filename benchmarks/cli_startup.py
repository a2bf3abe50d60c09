"""Time `caucbib --help` (target: under 150 ms; the parser model must load lazily).

usage: python benchmarks/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    exe = shutil.which("caucbib")
    command = [exe, "--help"] if exe else [sys.executable, "-m", "caucbib", "--help"]
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - began)
    print(f"caucbib --help: median {statistics.median(times) * 1000:.0f} ms, "
          f"best {min(times) * 1000:.0f} ms over {runs} runs ({' '.join(command[:1])})")


if __name__ == "__main__":
    main()
