"""Pairwise precision/recall/F1 of caucbib deduplication on a labelled set.

    .venv/bin/python benchmarks/dedup_accuracy.py            # benchmarks/data/dedup_set.jsonl
    .venv/bin/python benchmarks/dedup_accuracy.py --dev      # /work/shared/dev/dedup_dev.jsonl
    .venv/bin/python benchmarks/dedup_accuracy.py --errors   # also print missed/false pairs

Raw strings are parsed by ``caucbib.parse.parse_reference`` (the real pipeline), taken as one
document in file order (positions 1..N), clustered with ``caucbib.dedupe.find_clusters`` and
scored pairwise like ``score_dedup.py``. False merges across ``negative_of`` pairs are counted
separately: they are the errors users complain about.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from caucbib.dedupe import DEFAULT_THRESHOLD, find_clusters
from caucbib.model import Record
from caucbib.parse import parse_reference

OWN = Path(__file__).parent / "data" / "dedup_set.jsonl"
DEV = Path("/work/shared/dev/dedup_dev.jsonl")


def _pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for group in groups:
        out.update(combinations(sorted(set(group)), 2))
    return out


def parse_all(rows: list[dict[str, object]]) -> list[tuple[str, Record]]:
    items = []
    for position, row in enumerate(rows, 1):
        record = parse_reference(str(row["raw"]))
        record.id = f"r{position:06d}"
        items.append((str(position), record))
    return items


def evaluate(path: Path, threshold: float, show_errors: bool) -> dict[str, object]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    started = time.perf_counter()
    items = parse_all(rows)
    parsed = time.perf_counter()
    clusters = find_clusters(items, threshold=threshold)
    clustered = time.perf_counter()
    gold: dict[str, list[int]] = defaultdict(list)
    for position, row in enumerate(rows, 1):
        gold[str(row["cluster"])].append(position)
    gold_pairs = _pairs(list(gold.values()))
    pred_pairs = _pairs([[int(m) for m in c.members] for c in clusters])
    tp = len(gold_pairs & pred_pairs)
    precision = tp / len(pred_pairs) if pred_pairs else 1.0
    recall = tp / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    cluster_of = {position: str(row["cluster"]) for position, row in enumerate(rows, 1)}
    negatives = {
        tuple(sorted((str(row["cluster"]), str(other))))
        for row in rows
        for other in row.get("negative_of", []) or []  # type: ignore[union-attr]
    }
    hard = {
        (a, b) for a, b in pred_pairs if tuple(sorted((cluster_of[a], cluster_of[b]))) in negatives
    }
    hard_clusters = {tuple(sorted((cluster_of[a], cluster_of[b]))) for a, b in hard}
    if show_errors:
        links = {}
        for c in clusters:
            for link in c.links:
                links[tuple(sorted((int(link.a), int(link.b))))] = link
        print("-- false merges")
        for a, b in sorted(pred_pairs - gold_pairs):
            print(f"  {a}~{b} [{cluster_of[a]} | {cluster_of[b]}]")
            print("     ", rows[a - 1]["raw"])
            print("     ", rows[b - 1]["raw"])
            if (a, b) in links:
                print("      reasons:", "; ".join(links[(a, b)].reasons))
        print("-- missed pairs")
        from caucbib.dedupe import features, score_pair

        for a, b in sorted(gold_pairs - pred_pairs):
            link = score_pair(features(items[a - 1][1]), features(items[b - 1][1]))
            print(f"  {a}~{b} [{cluster_of[a]}] score {link.score:.2f}: {'; '.join(link.reasons)}")
            print("     ", rows[a - 1]["raw"])
            print("     ", rows[b - 1]["raw"])
    return {
        "set": str(path),
        "strings": len(rows),
        "clusters": len(gold),
        "gold_pairs": len(gold_pairs),
        "pred_pairs": len(pred_pairs),
        "tp": tp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "hard_negative_merges": len(hard),
        "hard_negative_cluster_pairs": len(hard_clusters),
        "negative_pairs": len(negatives),
        "parse_s": round(parsed - started, 2),
        "cluster_s": round(clustered - parsed, 3),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", action="store_true", help="score the shared dev set instead")
    ap.add_argument("--set", type=Path, help="another labelled JSONL file")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--errors", action="store_true", help="print false merges and missed pairs")
    args = ap.parse_args(argv)
    path = args.set or (DEV if args.dev else OWN)
    result = evaluate(path, args.threshold, args.errors)
    print(" ".join(f"{k}={v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
