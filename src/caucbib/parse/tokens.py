"""Tokenizer that keeps character offsets, so every span is an exact substring of raw."""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN_RE = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs stay whole
    r"|(?i:doi:\s*)?10\.\d{4,9}/\S+"  # DOIs stay whole
    r"|\d+"
    r"|[^\W\d_]+(?:['’ʼ][^\W\d_]+)*"  # letter runs (any script), T'iflis, Kafkasya'da
    r"|\S",  # any other single visible character
)
_TRAILING = ".,;:)]}»>\"'”’"


class Token(NamedTuple):
    """One token: its text and [start, end) offsets in the raw string."""

    text: str
    start: int
    end: int


_new_tuple = tuple.__new__  # Token(...) without the Python-level __new__ of a NamedTuple


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; URLs and DOIs lose trailing sentence punctuation."""
    out: list[Token] = []
    append = out.append
    find = text.find
    pos = 0
    # Every visible character starts a match (``\S``), so only whitespace lies between
    # two matches: the first occurrence of a match at or after the last end is its start.
    for word in _TOKEN_RE.findall(text):
        start = find(word, pos)
        pos = end = start + len(word)
        if len(word) > 6 and (word[0] in "hw1dD"):
            trimmed = _trim_identifier(word)
            if trimmed != word:
                cut = start + len(trimmed)
                append(_new_tuple(Token, (trimmed, start, cut)))
                out.extend(
                    _new_tuple(Token, (ch, cut + i, cut + i + 1))
                    for i, ch in enumerate(word[len(trimmed):])
                )
                continue
        append(_new_tuple(Token, (word, start, end)))
    return out


def _trim_identifier(word: str) -> str:
    if not (word.startswith(("http", "www.", "10.")) or word[:4].lower() == "doi:"):
        return word
    while word and word[-1] in _TRAILING:
        if word[-1] == ")" and word.count("(") >= word.count(")"):
            break
        word = word[:-1]
    return word
