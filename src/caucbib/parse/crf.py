"""Opening python-crfsuite models, once per file."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from caucbib.errors import CaucbibError


@cache
def _tagger_class() -> Any:
    import pycrfsuite

    class Tagger(pycrfsuite.Tagger):  # type: ignore[misc]
        """A tagger that remembers the attributes of its model (:func:`model_attributes`)."""

        known_attributes: frozenset[str] | None = None
        attributes_read = False

    return Tagger


@cache
def open_tagger(path: str, *, required: bool = True) -> Any:
    """The opened model, or None when the file does not exist (then the caller falls back).

    A file that exists but cannot be read is an error when ``required``, else None too.
    """
    if not Path(path).exists():
        return None
    tagger = _tagger_class()()
    try:
        _check_header(path)
        tagger.open(path)
    except (OSError, ValueError) as exc:
        if not required:
            return None
        raise CaucbibError(f"cannot open the parser model {path}", hint="run training") from exc
    return tagger


def _check_header(path: str) -> None:
    """CRFsuite crashes (segfaults) on a truncated model: check the size its header records."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if len(head) < 8 or head[:4] != b"lCRF":
        raise ValueError("not a CRFsuite model")
    if int.from_bytes(head[4:8], "little") != Path(path).stat().st_size:
        raise ValueError("the model file is truncated")


def model_attributes(tagger: Any) -> frozenset[str] | None:
    """The attribute names the model of ``tagger`` knows (None when they cannot be read).

    CRFsuite ignores any other attribute of an item, so leaving them out before tagging
    changes nothing but the time it takes.
    """
    if not getattr(tagger, "attributes_read", True):
        try:  # python-crfsuite parses the model's dump (once per opened model)
            tagger.known_attributes = frozenset(tagger.info().attributes)
        except (OSError, ValueError, UnicodeDecodeError):
            tagger.known_attributes = None
        tagger.attributes_read = True
    known: frozenset[str] | None = getattr(tagger, "known_attributes", None)
    return known

