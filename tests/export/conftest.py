"""The fixed multilingual record set the export and style tests share."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caucbib.model import Record

DATA = Path(__file__).parent / "data"


def load_records() -> list[Record]:
    items = json.loads((DATA / "records.json").read_text("utf-8"))
    return [Record.from_csl(item) for item in items]


@pytest.fixture
def records() -> list[Record]:
    return load_records()


@pytest.fixture
def by_id(records: list[Record]) -> dict[str, Record]:
    return {r.id or "": r for r in records}
