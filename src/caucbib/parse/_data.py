"""Loading of the parser's word-list data files (``caucbib/data/parse/*.json``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources

from caucbib.parse.lexicon import fold_case


@cache
def word_lists(name: str, fold: Callable[[str], str] = fold_case) -> dict[str, frozenset[str]]:
    """Category → words of one JSON file of lists, each word ``fold``-ed; ``_``-keys are
    comments."""
    text = resources.files("caucbib.data.parse").joinpath(name).read_text("utf-8")
    data: dict[str, list[str]] = json.loads(text)
    return {k: frozenset(map(fold, v)) for k, v in data.items() if not k.startswith("_")}
