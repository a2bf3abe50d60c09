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


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; URLs and DOIs lose trailing sentence punctuation."""
    out: list[Token] = []
    for m in _TOKEN_RE.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        if len(word) > 6 and (word[0] in "hw1dD"):
            trimmed = _trim_identifier(word)
            if trimmed != word:
                out.append(Token(trimmed, start, start + len(trimmed)))
                out.extend(
                    Token(ch, start + len(trimmed) + i, start + len(trimmed) + i + 1)
                    for i, ch in enumerate(word[len(trimmed):])
                )
                continue
        out.append(Token(word, start, end))
    return out


def _trim_identifier(word: str) -> str:
    if not (word.startswith(("http", "www.", "10.")) or word[:4].lower() == "doi:"):
        return word
    while word and word[-1] in _TRAILING:
        if word[-1] == ")" and word.count("(") >= word.count(")"):
            break
        word = word[:-1]
    return word
