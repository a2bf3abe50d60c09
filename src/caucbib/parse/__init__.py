"""Reference parsing: one printed reference → a CSL-shaped :class:`~caucbib.model.Record`.

Importing this package is cheap; the CRF model loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from caucbib.parse.assemble import explain, parse_reference, parse_references
    from caucbib.parse.corpus import LabelledReference, load_corpus
    from caucbib.parse.labeller import TrainReport, train

__all__ = [
    "LabelledReference",
    "TrainReport",
    "explain",
    "load_corpus",
    "parse_reference",
    "parse_references",
    "train",
]

_WHERE = {
    "explain": "assemble",
    "parse_reference": "assemble",
    "parse_references": "assemble",
    "LabelledReference": "corpus",
    "load_corpus": "corpus",
    "TrainReport": "labeller",
    "train": "labeller",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        module = importlib.import_module(f"caucbib.parse.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'caucbib.parse' has no attribute {name!r}")
