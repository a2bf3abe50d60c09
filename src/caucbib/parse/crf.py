"""Opening python-crfsuite models, once per file."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from caucbib.errors import CaucbibError


@cache
def open_tagger(path: str, *, required: bool = True) -> Any:
    """The opened model, or None when the file does not exist (then the caller falls back).

    A file that exists but cannot be read is an error when ``required``, else None too.
    """
    import pycrfsuite

    if not Path(path).exists():
        return None
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(path)
    except (OSError, ValueError) as exc:
        if not required:
            return None
        raise CaucbibError(f"cannot open the parser model {path}", hint="run training") from exc
    return tagger
