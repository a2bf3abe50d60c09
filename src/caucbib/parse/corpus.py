"""The labelled training corpus: tagged JSONL lines → references with labelled spans."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from caucbib.errors import InputError
from caucbib.parse.tokens import Token, tokenize

LABELS: tuple[str, ...] = (
    "citation-number", "author", "editor", "translator", "compiler", "issued", "title",
    "container-title", "collection-title", "collection-number", "volume", "issue", "page",
    "number-of-pages", "edition", "publisher", "publisher-place", "genre", "URL", "DOI", "ISBN",
    "accessed", "note",
)
OUTSIDE = "O"
_TAG_RE = re.compile(r"<(/?)(" + "|".join(re.escape(x) for x in LABELS) + r")>")


@dataclass(frozen=True)
class LabelledReference:
    """One corpus line: the printed text and its (label, start, end) spans."""

    id: str
    text: str
    spans: tuple[tuple[str, int, int], ...]
    lang: str = ""
    style: str = ""
    type: str = ""
    language: str = ""
    source: str = ""

    def tokens_and_labels(self) -> tuple[list[Token], list[str]]:
        """Tokens of ``text`` with the label of the span each token starts in (else ``O``)."""
        tokens = tokenize(self.text)
        labels = []
        for tok in tokens:
            label = OUTSIDE
            for name, start, end in self.spans:
                if start <= tok.start < end:
                    label = name
                    break
            labels.append(label)
        return tokens, labels


def parse_tagged(tagged: str) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    """Strip the tags of one ``tagged`` string → (plain text, spans). Raises ValueError."""
    parts: list[str] = []
    spans: list[tuple[str, int, int]] = []
    length = 0
    pos = 0
    open_label: str | None = None
    open_at = 0
    for m in _TAG_RE.finditer(tagged):
        chunk = tagged[pos:m.start()]
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, label = m.group(1) == "/", m.group(2)
        if not closing:
            if open_label is not None:
                raise ValueError(f"<{label}> opened inside <{open_label}> (tags never nest)")
            open_label, open_at = label, length
        else:
            if open_label != label:
                closes = f"<{open_label}>" if open_label else "nothing"
                raise ValueError(f"</{label}> closes {closes}")
            if length == open_at:
                raise ValueError(f"empty <{label}> span")
            spans.append((label, open_at, length))
            open_label = None
    if open_label is not None:
        raise ValueError(f"<{open_label}> is never closed")
    parts.append(tagged[pos:])
    return "".join(parts), tuple(spans)


def _source_of(path: Path) -> str:
    return path.parent.name if path.parent.name != "training" else path.stem


def load_corpus(paths: Sequence[Path | str]) -> list[LabelledReference]:
    """Read corpus JSONL files; a bad line raises InputError naming the file and line."""
    out: list[LabelledReference] = []
    seen: dict[str, str] = {}
    for raw_path in paths:
        path = Path(raw_path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read corpus file {path}: {exc}") from exc
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError("a line must be a JSON object")
                tagged = row.get("tagged")
                ref_id = row.get("id")
                if not isinstance(tagged, str) or not tagged.strip():
                    raise ValueError('missing "tagged" string')
                if not isinstance(ref_id, str) or not ref_id:
                    raise ValueError('missing "id" string')
                text, spans = parse_tagged(tagged)
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                raise InputError(
                    f"bad corpus line {where}: {exc}",
                    hint="each line is one JSON object with id, lang, style, type and tagged",
                ) from exc
            if ref_id in seen:
                raise InputError(
                    f"bad corpus line {where}: id {ref_id!r} already used at {seen[ref_id]}"
                )
            seen[ref_id] = where
            out.append(
                LabelledReference(
                    id=ref_id, text=text, spans=spans,
                    lang=str(row.get("lang") or ""), style=str(row.get("style") or ""),
                    type=str(row.get("type") or ""), language=str(row.get("language") or ""),
                    source=_source_of(path),
                )
            )
    return out


def is_held_out(ref_id: str, holdout: float) -> bool:
    """Deterministic split by a hash of the id: the same id is always on the same side."""
    digest = hashlib.sha1(ref_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < holdout


def split(
    refs: Sequence[LabelledReference], holdout: float = 0.1
) -> tuple[list[LabelledReference], list[LabelledReference]]:
    """(training, held-out) lists by :func:`is_held_out`."""
    train = [r for r in refs if not is_held_out(r.id, holdout)]
    held = [r for r in refs if is_held_out(r.id, holdout)]
    return train, held


def default_corpus_paths(root: Path) -> list[Path]:
    """Every corpus ``*.jsonl`` under ``root`` (``training/``): files whose first line is tagged."""
    out = []
    for path in sorted(root.rglob("*.jsonl")):
        try:
            with path.open(encoding="utf-8") as handle:
                first = handle.readline()
        except (OSError, UnicodeDecodeError):
            continue
        if '"tagged"' in first:
            out.append(path)
    return out
