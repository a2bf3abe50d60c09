"""Opening python-crfsuite models, once per file."""

from __future__ import annotations

import struct
from functools import cache
from pathlib import Path
from typing import Any

from caucbib.errors import CaucbibError


@cache
def _tagger_class() -> Any:
    import pycrfsuite

    class Tagger(pycrfsuite.Tagger):  # type: ignore[misc]
        """A tagger that remembers its model file (for :func:`model_attributes`)."""

        model_path = ""
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
        tagger.open(path)
    except (OSError, ValueError) as exc:
        if not required:
            return None
        raise CaucbibError(f"cannot open the parser model {path}", hint="run training") from exc
    tagger.model_path = path
    return tagger


def model_attributes(tagger: Any) -> frozenset[str] | None:
    """The attribute names the model of ``tagger`` knows (None when they cannot be read).

    CRFsuite ignores any other attribute of an item, so leaving them out before tagging
    changes nothing but the time it takes.
    """
    if not getattr(tagger, "attributes_read", True):
        try:
            tagger.known_attributes = _read_attributes(tagger.model_path)
        except (OSError, ValueError, UnicodeDecodeError, struct.error):
            tagger.known_attributes = None
        tagger.attributes_read = True
    known: frozenset[str] | None = getattr(tagger, "known_attributes", None)
    return known


def _read_attributes(path: str) -> frozenset[str] | None:
    """The attribute dictionary (a CQDB chunk) of a CRFsuite ``crf1d`` model file."""
    data = Path(path).read_bytes()
    magic, size, _type, _version, _nf, _nl, n_attrs, _of, _ol, off_attrs, _olr, _oar = (
        struct.unpack_from("<4sI4sIIIIIIIII", data, 0)
    )
    if magic != b"lCRF" or size != len(data):
        return None
    chunk, _csize, _flag, _order, bwd_size, bwd_offset = struct.unpack_from(
        "<4sIIIII", data, off_attrs
    )
    if chunk != b"CQDB" or bwd_size != n_attrs:
        return None
    names: list[str] = []
    for i, offset in enumerate(struct.unpack_from(f"<{bwd_size}I", data, off_attrs + bwd_offset)):
        at = off_attrs + offset
        rid, ksize = struct.unpack_from("<II", data, at)
        key = data[at + 8 : at + 8 + ksize]
        if rid != i or ksize < 1 or len(key) != ksize or key[-1] != 0:
            return None
        names.append(key[:-1].decode("utf-8"))
    known = frozenset(names)
    return known if len(known) == n_attrs else None
