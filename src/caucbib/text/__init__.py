"""Text normalisation for match keys: folding, romanisation, OCR repair, script hints."""

from caucbib.text.fold import fold
from caucbib.text.keys import (
    base_key,
    name_key,
    name_skeleton,
    name_skeletons,
    title_key,
    title_tokens,
)
from caucbib.text.ocr import repair_ocr
from caucbib.text.script import language_hint, script_and_language, script_of
from caucbib.text.translit import SCHEMES, romanize

__all__ = [
    "SCHEMES",
    "base_key",
    "fold",
    "language_hint",
    "name_key",
    "name_skeleton",
    "name_skeletons",
    "repair_ocr",
    "romanize",
    "script_and_language",
    "script_of",
    "title_key",
    "title_tokens",
]
