"""Shared fixtures: a fixed terminal width, no colour, a library in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REFS = REPO / "refs"


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("CAUCBIB_LIBRARY", raising=False)


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "lib.sqlite"
