"""Records → CSL-JSON (an array of items, each with ``id`` = citation key and ``type``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from caucbib.export.keys import citation_keys
from caucbib.model import Record


def csl_items(
    records: Sequence[Record], keys: Sequence[str] | None = None, *, key_pattern: str | None = None
) -> list[dict[str, Any]]:
    """CSL-JSON items; ``id`` is the citation key, the record id goes to ``custom.caucbib-id``."""
    keys = list(keys) if keys is not None else citation_keys(records, key_pattern)
    items: list[dict[str, Any]] = []
    for record, key in zip(records, keys, strict=True):
        item = record.to_csl(with_raw=False)
        if record.id is not None and record.id != key:
            custom = dict(item.get("custom") or {})
            custom["caucbib-id"] = record.id
            item["custom"] = custom
        item.pop("citation-key", None)
        item["id"] = key
        item["type"] = record.type
        items.append(item)
    return items


def write_csl_json(
    records: Sequence[Record], *, key_pattern: str | None = None, keys: Sequence[str] | None = None
) -> str:
    """A pretty-printed UTF-8 CSL-JSON array (``[]`` when empty)."""
    items = csl_items(records, keys, key_pattern=key_pattern)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
