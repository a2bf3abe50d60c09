"""Clustering of scored links: veto-aware agglomeration that cannot chain unrelated works."""

from __future__ import annotations

import gc
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from caucbib.dedupe.blocking import candidate_pairs
from caucbib.dedupe.features import Features, features
from caucbib.dedupe.score import Link, score_pair
from caucbib.model import Record

DEFAULT_THRESHOLD = 0.8
FLOOR_MARGIN = 0.2  # every member must score at least threshold - margin with the medoid
CROSS_MARGIN = 0.2  # no two members of a small cluster may score below floor - margin
FULL_CHECK = 400  # cross pairs checked one by one below this many; else against medoids


@dataclass
class Cluster:
    """Items judged to be one work, with the links that joined them and why."""

    members: list[str]
    score: float
    reasons: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "members": list(self.members),
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "links": [x.to_dict() for x in self.links],
        }


class _Scorer:
    def __init__(
        self,
        keys: Sequence[str],
        feats: Sequence[Features],
        record_ids: Sequence[str],
        distinct: Collection[tuple[str, str]],
    ) -> None:
        self.keys, self.feats, self.record_ids = keys, feats, record_ids
        self.distinct = {tuple(sorted(p)) for p in distinct}
        self.cache: dict[tuple[int, int], Link] = {}

    def link(self, i: int, j: int) -> Link:
        if i > j:
            i, j = j, i
        cached = self.cache.get((i, j))
        if cached is not None:
            return cached
        ki, kj = self.keys[i], self.keys[j]
        ri, rj = self.record_ids[i], self.record_ids[j]
        if ri and ri == rj:
            result = Link(ki, kj, 1.0, ["merged"])
        elif self.distinct and (
            tuple(sorted((ki, kj))) in self.distinct
            or (ri and rj and tuple(sorted((ri, rj))) in self.distinct)
        ):
            result = Link(ki, kj, 0.0, ["veto: marked distinct"], "veto: marked distinct")
        else:
            result = score_pair(self.feats[i], self.feats[j], ki, kj)
        self.cache[(i, j)] = result
        return result


def _medoid(members: list[int], scorer: _Scorer) -> int:
    if len(members) <= 2:
        return members[0]
    sample = members[:30]
    return max(sample, key=lambda m: sum(scorer.link(m, o).score for o in sample if o != m))


def _may_join(a: list[int], b: list[int], scorer: _Scorer, floor: float) -> bool:
    if len(a) * len(b) <= FULL_CHECK:
        cross = [scorer.link(x, y) for x in a for y in b]
        # complete linkage against vetoes and against plainly unrelated members
        if any(c.veto or c.score < floor - CROSS_MARGIN for c in cross):
            return False
    else:
        cross = [scorer.link(_medoid(a, scorer), y) for y in b]
        cross += [scorer.link(_medoid(b, scorer), x) for x in a]
        if any(c.veto for c in cross):
            return False
    medoid = _medoid(a + b, scorer)
    return all(scorer.link(medoid, m).score >= floor for m in a + b if m != medoid)


def find_clusters(
    items: Sequence[tuple[str, Record]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    distinct: Collection[tuple[str, str]] = (),
) -> list[Cluster]:
    """Group items (key, record) that cite one work. Pure: nothing is stored.

    Items sharing a record id are linked ("merged"). ``distinct`` pairs (item keys or
    record ids) never share a cluster. Clusters of two or more members, in input order.
    """
    enabled = gc.isenabled()
    gc.disable()  # many small objects and no cycles: the collector only costs time here
    try:
        return _find_clusters(items, threshold, distinct)
    finally:
        if enabled:
            gc.enable()


def _find_clusters(
    items: Sequence[tuple[str, Record]], threshold: float, distinct: Collection[tuple[str, str]]
) -> list[Cluster]:
    keys = [key for key, _ in items]
    record_ids = [record.id or "" for _, record in items]
    by_record: dict[str, Features] = {}
    feats: list[Features] = []
    for _, record in items:
        cache_key = record.id or ""
        if cache_key and cache_key in by_record:
            feats.append(by_record[cache_key])
            continue
        f = features(record)
        if cache_key:
            by_record[cache_key] = f
        feats.append(f)
    scorer = _Scorer(keys, feats, record_ids, distinct)
    parent = list(range(len(items)))
    members: dict[int, list[int]] = {}
    used: dict[int, list[Link]] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int, link: Link) -> None:
        rx, ry = find(x), find(y)
        if len(members.get(rx, ())) < len(members.get(ry, ())):
            rx, ry = ry, rx
        parent[ry] = rx
        members.setdefault(rx, [rx]).extend(members.pop(ry, [ry]))
        used.setdefault(rx, []).extend(used.pop(ry, []))
        used[rx].append(link)

    first_of: dict[str, int] = {}
    for index, rid in enumerate(record_ids):
        if rid and rid in first_of:
            union(first_of[rid], index, scorer.link(first_of[rid], index))
        elif rid:
            first_of[rid] = index
    scored = []
    for i, j in candidate_pairs(feats):
        fi, fj = feats[i], feats[j]
        if (
            fi.year
            and fj.year
            and abs(fi.year - fj.year) > 1
            and record_ids[i] != record_ids[j]
            and not (fi.year in fj.raw_years and fj.year in fi.raw_years)
        ):
            continue  # the year veto, decided without building a link
        link = scorer.link(i, j)
        if link.veto is None and link.score >= threshold:
            scored.append((link.score, i, j, link))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    floor = threshold - FLOOR_MARGIN
    for _, i, j, link in scored:
        ri, rj = find(i), find(j)
        if ri != rj and _may_join(members.get(ri, [ri]), members.get(rj, [rj]), scorer, floor):
            union(ri, rj, link)
    clusters: list[tuple[int, Cluster]] = []
    for root, group in members.items():
        if len(group) < 2:
            continue
        group.sort()
        links = used[root]
        reasons: list[str] = []
        for link in links:
            for reason in link.reasons:
                if reason not in reasons:
                    reasons.append(reason)
        score = min(link.score for link in links) if links else 1.0
        clusters.append((group[0], Cluster([keys[m] for m in group], score, reasons, links)))
    clusters.sort(key=lambda pair: pair[0])
    return [cluster for _, cluster in clusters]
