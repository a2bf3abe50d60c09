"""The shipped parser on whole reference lists it was never trained on.

usage: python benchmarks/parse_unseen.py [FILE.jsonl ...]

``benchmarks/data/unseen_lists/`` holds 687 hand-labelled references in the corpus format: 41
reference lists of imagined articles (Azerbaijani, Turkish, Russian and English ones, each list
with its own habits and mixed languages), written after the shipped model's corpus was fixed.
They are kept OUT of ``training/`` on purpose: never train on them, or this figure stops meaning
anything. Prints the same strict/soft field F1 as ``parse_accuracy.py``, per printed language.
"""

from __future__ import annotations

import sys
from pathlib import Path

from parse_accuracy import CORE, print_report, score

from caucbib.parse import parse_reference
from caucbib.parse.assemble import build_record
from caucbib.parse.corpus import load_corpus

DEFAULT = sorted((Path(__file__).parent / "data" / "unseen_lists").glob("*.jsonl"))


def main() -> int:
    files = [Path(a) for a in sys.argv[1:]] or DEFAULT
    refs = load_corpus(files)
    if not refs:
        print("no references in " + ", ".join(map(str, files)), file=sys.stderr)
        return 1
    pairs = []
    for ref in refs:
        tokens, labels = ref.tokens_and_labels()
        gold = build_record(ref.text, tokens, labels, None).to_csl()
        pairs.append((ref.lang or "?", gold, parse_reference(ref.text).to_csl()))
    print_report(f"unseen lists ({len(refs)} references)", score(pairs, CORE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
