"""Fuzzy deduplication across scripts and spellings: blocking, scoring, vetoes, clustering.

Pure functions; nothing here touches the library (see :mod:`caucbib.merging`).
"""

from caucbib.dedupe.cluster import DEFAULT_THRESHOLD, Cluster, find_clusters
from caucbib.dedupe.features import Features, features
from caucbib.dedupe.score import Link, score_pair

__all__ = [
    "DEFAULT_THRESHOLD",
    "Cluster",
    "Features",
    "Link",
    "features",
    "find_clusters",
    "score_pair",
]
