"""Candidate pairs by blocking, so the cost grows near-linearly with the number of records.

Passes: equal DOI or ISBN; first-author surname skeleton + year (±1); the two rarest
title-skeleton tokens; a sorted neighbourhood over title skeletons. Oversized blocks are
not paired all-to-all but through a sorted window inside the block.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from caucbib.dedupe.features import Features

MAX_BLOCK = 24
AUTHOR_BLOCK = 8  # a common surname in a busy year: pair through a window
WINDOW = 3


def _block_keys(f: Features, frequency: Counter[str]) -> Iterable[tuple[str, ...]]:
    if f.doi:
        yield ("doi", f.doi)
    if f.isbn:
        yield ("isbn", f.isbn)
    if f.people and f.year:
        first = f.people[0].skeleton
        yield ("ay", first, str(f.year))
        yield ("ay", first, str(f.year + 1))
    tokens = [t for t in set(f.title_skeleton.split()) if len(t) > 2 and frequency[t] > 1]
    tokens.sort(key=lambda t: (frequency[t], t))
    if len(tokens) >= 2:
        yield ("tt", *sorted(tokens[:2]))
    for token in tokens[:4]:
        if frequency[token] <= MAX_BLOCK:  # a rare word: its block is small anyway
            yield ("tok", token)


def _pairs_in(
    members: list[int], order: dict[int, str], out: set[tuple[int, int]], limit: int
) -> None:
    if len(members) <= limit:
        for i, x in enumerate(members):
            for y in members[i + 1 :]:
                out.add((x, y) if x < y else (y, x))
        return
    ranked = sorted(members, key=lambda m: order[m])
    for i, x in enumerate(ranked):
        for y in ranked[i + 1 : i + 1 + WINDOW]:
            out.add((x, y) if x < y else (y, x))


def candidate_pairs(feats: Sequence[Features]) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, worth scoring."""
    frequency: Counter[str] = Counter()
    for f in feats:
        frequency.update(set(f.title_skeleton.split()))
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, f in enumerate(feats):
        for key in _block_keys(f, frequency):
            blocks[key].append(index)
    order = {i: f.title_skeleton for i, f in enumerate(feats)}
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) > 1:
            _pairs_in(members, order, pairs, AUTHOR_BLOCK if key[0] == "ay" else MAX_BLOCK)
    ranked = sorted(range(len(feats)), key=lambda i: order[i])
    for position, x in enumerate(ranked):
        if not order[x]:
            continue
        for y in ranked[position + 1 : position + 1 + WINDOW]:
            pairs.add((x, y) if x < y else (y, x))
    return pairs
