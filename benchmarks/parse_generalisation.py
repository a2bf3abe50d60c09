"""How the parser does on reference forms it was never trained on (leave files out).

usage: python benchmarks/parse_generalisation.py [--corpus training] [--leave GLOB ...]

Trains a throw-away model on the corpus without the files matching the --leave globs
(default: ``handwritten/forms_*.jsonl``, the hand-written batch of less common forms:
landing-page copies, page headings, catalogue cards, OJS exports, notes with chapters), then
scores it on those files with the same strict/soft field F1 as ``parse_accuracy.py``. The
model is trained as the shipped one is (same seed, same held-out split kept out). Takes minutes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from parse_accuracy import CORE, print_report, score

from caucbib.parse import parse_reference
from caucbib.parse.assemble import build_record
from caucbib.parse.corpus import default_corpus_paths, load_corpus
from caucbib.parse.labeller import train


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="training")
    ap.add_argument("--leave", nargs="+", default=["handwritten/forms_*.jsonl"])
    args = ap.parse_args()
    root = Path(args.corpus)
    left = {p.resolve() for g in args.leave for p in root.glob(g)}
    if not left:
        print(f"no corpus file matches {args.leave}", file=sys.stderr)
        return 1
    kept = [p for p in default_corpus_paths(root) if p.resolve() not in left]
    test = load_corpus(sorted(left))
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "parser.crfsuite"
        report = train(kept, model)
        print(f"trained on {report.n_train} references without {len(test)} left out "
              f"({', '.join(sorted(p.name for p in left))}) in {report.seconds:.0f} s")
        pairs = []
        for ref in test:
            tokens, labels = ref.tokens_and_labels()
            gold = build_record(ref.text, tokens, labels, None).to_csl()
            pairs.append((ref.lang or "?", gold, parse_reference(ref.text, model_path=model).to_csl()))
    print_report("left-out files", score(pairs, CORE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
