"""Word lists for finding reference sections, loaded once from ``caucbib/data/find``."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


@cache
def word_list(name: str) -> frozenset[str]:
    """The non-comment lines of ``data/find/<name>.txt``, folded with :func:`fold_heading`."""
    text = resources.files("caucbib").joinpath("data", "find", f"{name}.txt").read_text("utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(fold_heading(line) for line in lines)


_NUMBERING = re.compile(r"^(?:#+\s*)?(?:[0-9]+(?:\.[0-9]+)*\.?|[IVXLC]+\.)?\s*")


def fold_heading(line: str) -> str:
    """Case-fold a heading line (Turkish-aware for İ/I) and drop numbering and punctuation."""
    text = _NUMBERING.sub("", line.strip())
    text = text.replace("İ", "i").replace("I", "ı") if _has_turkic(text) else text
    text = text.casefold().replace("i̇", "i")
    text = re.sub(r"[\s*_]+", " ", text).strip(" :.-–—*_#")
    return text


def _has_turkic(text: str) -> bool:
    return any(ch in text for ch in "əƏğĞşŞıİ")


def is_heading(line: str, kind: str = "headings") -> bool:
    """Whether ``line`` is one of the headings in the ``kind`` list."""
    folded = fold_heading(line)
    return bool(folded) and len(folded) < 60 and folded in word_list(kind)
