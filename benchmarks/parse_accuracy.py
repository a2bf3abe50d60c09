"""Field-level accuracy of the reference parser.

usage: python benchmarks/parse_accuracy.py [--corpus DIR] [--holdout 0.1] [--dev PATH]
       [--pred-out PRED.json] [--show-errors N]

Scores the shipped model on the held-out split of the training corpus (ids hashed, never
trained on), per field and per printed language, strict (equal after NFKC, dash folding,
casefold, whitespace collapse, edge-punctuation trim) and soft (Levenshtein sim >= 0.8), plus
the instance rate. With --dev it also scores the hand-checked dev file (gold CSL-JSON).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from caucbib.parse import parse_reference
from caucbib.parse.assemble import build_record
from caucbib.parse.corpus import default_corpus_paths, load_corpus, split

CORE = ["author", "editor", "title", "container-title", "issued", "volume", "issue", "page",
        "publisher", "publisher-place", "URL", "DOI"]
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"), "-")
EDGE = " .,;:/·" + "\"'“”„‟‘’‚‛«»‹›()[]{}<>"


def norm(s: Any) -> str:
    t = unicodedata.normalize("NFKC", str(s)).translate(DASHES).replace("İ", "I").casefold()
    return re.sub(r"\s+", " ", t).strip(EDGE)


def value(rec: dict[str, Any], field: str) -> str | None:
    v = rec.get(field)
    if v in (None, "", []):
        return None
    if field in ("author", "editor"):
        out = []
        for n in v:
            fam = n.get("family") or n.get("literal") or "" if isinstance(n, dict) else str(n)
            part = n.get("non-dropping-particle") if isinstance(n, dict) else None
            if part and not norm(fam).startswith(norm(part) + " "):
                fam = f"{part} {fam}"
            if norm(fam):
                out.append(norm(fam))
        return " ; ".join(out) or None
    if field == "issued":
        parts = (v.get("date-parts") or [[]])[0] if isinstance(v, dict) else []
        return str(parts[0]) if parts else None
    if field == "page":
        t = re.sub(r"^(pp?|с|s|ss|səh|стр|sayfa|pages?)\.?\s*", "", norm(v))
        return re.sub(r"\s*-\s*", "-", t) or None
    if field == "DOI":
        return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", norm(v)) or None
    if field == "URL":
        return norm(v).rstrip("/") or None
    return norm(v) or None


def score(pairs: list[tuple[str, dict[str, Any], dict[str, Any]]], fields: list[str]) -> dict[str, Any]:
    """pairs = (group, gold CSL, predicted CSL) → per group: strict/soft F1, instance, fields."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * 6))
    inst: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for group, gold, pred in pairs:
        ok = True
        for key in (group, "all"):
            inst[key][1] += 1
        for field in fields:
            g, p = value(gold, field), value(pred, field)
            if g is None and p is None:
                continue
            strict = g is not None and g == p
            soft = g is not None and p is not None and (strict or Levenshtein.normalized_similarity(g, p) >= 0.8)
            ok &= strict
            for key in (group, "all"):
                c = counts[key][field]
                c[0] += strict
                c[1] += (not strict) and p is not None
                c[2] += (not strict) and g is not None
                c[3] += soft
                c[4] += (not soft) and p is not None
                c[5] += (not soft) and g is not None
        for key in (group, "all"):
            inst[key][0] += ok

    def f1(tp: int, fp: int, fn: int) -> float:
        return round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else 1.0

    report = {}
    for key, per_field in counts.items():
        tot = [sum(c[i] for c in per_field.values()) for i in range(6)]
        report[key] = {
            "n": inst[key][1],
            "strict": f1(*tot[:3]),
            "soft": f1(*tot[3:]),
            "instance": round(inst[key][0] / inst[key][1], 4),
            "fields": {fld: f1(*c[:3]) for fld, c in sorted(per_field.items())},
        }
    return report


def print_report(title: str, report: dict[str, Any]) -> None:
    print(f"== {title}")
    for key in sorted(report, key=lambda k: (k != "all", k)):
        r = report[key]
        print(f"{key:6} n={r['n']:4} strict={r['strict']:.4f} soft={r['soft']:.4f} instance={r['instance']:.4f}")
        print("      ", " ".join(f"{k}={v}" for k, v in r["fields"].items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="training")
    ap.add_argument("--holdout", type=float, default=0.1)
    ap.add_argument("--dev")
    ap.add_argument("--pred-out")
    ap.add_argument("--all-fields", action="store_true")
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()
    fields = CORE + (["translator", "compiler", "number-of-pages", "genre", "accessed", "language", "type"] if args.all_fields else [])
    refs = load_corpus(default_corpus_paths(Path(args.corpus)))
    _, held = split(refs, args.holdout)
    pairs = []
    for ref in held:
        tokens, labels = ref.tokens_and_labels()
        gold = build_record(ref.text, tokens, labels, None).to_csl()
        gold["type"] = ref.type
        gold["language"] = ref.language
        pred = parse_reference(ref.text).to_csl()
        pairs.append((ref.lang or "?", gold, pred))
    print_report(f"held-out split ({len(held)} of {len(refs)} corpus references)", score(pairs, fields))
    if args.dev:
        lines = Path(args.dev).read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        preds = [parse_reference(r["raw"]).to_csl() for r in rows]
        if args.pred_out:
            Path(args.pred_out).write_text(json.dumps(preds, ensure_ascii=False, indent=1), "utf-8")
        dev_pairs = [(r["lang"], r["gold"], p) for r, p in zip(rows, preds, strict=True)]
        print_report(f"dev {args.dev} ({len(rows)})", score(dev_pairs, fields))
        shown = 0
        for r, p in zip(rows, preds, strict=True):
            for field in fields:
                g, v = value(r["gold"], field), value(p, field)
                if g != v and shown < args.show_errors:
                    shown += 1
                    print(f"ERR {r['id']} {field}: gold={g!r} pred={v!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
