"""Loading of the text data files (fold, transliteration, OCR and stop-word tables)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files("caucbib.data.text").joinpath(name).read_text(encoding="utf-8")


@cache
def table(name: str) -> dict[str, Any]:
    """A JSON table from ``data/text`` (cached)."""
    data: dict[str, Any] = json.loads(_read(name))
    return data


@cache
def stopwords() -> frozenset[str]:
    """Title stop words of every supported language (folded forms), from ``stopwords/*.txt``."""
    words: set[str] = set()
    folder = resources.files("caucbib.data.text").joinpath("stopwords")
    for entry in folder.iterdir():
        if entry.name.endswith(".txt"):
            for line in entry.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    words.add(line)
    return frozenset(words)
