"""Reading document files into text, with clear errors for what cannot be decoded."""

from __future__ import annotations

import sys
from pathlib import Path

from caucbib.errors import InputError

_BINARY_SNIFF = 8192


def read_bytes(path: str | Path) -> tuple[str, bytes]:
    """The display name and bytes of ``path`` (``-`` reads standard input)."""
    if str(path) == "-":
        return "<stdin>", sys.stdin.buffer.read()
    file = Path(path)
    if not file.exists():
        raise InputError(f"file not found: {file}")
    if file.is_dir():
        raise InputError(f"{file} is a folder, not a file")
    try:
        return str(file), file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {file}: {exc.strerror or exc}") from exc


def decode(name: str, data: bytes, encoding: str | None = None) -> str:
    """Decode document bytes: UTF-8 (with or without BOM) unless ``encoding`` is given."""
    if encoding is None and b"\x00" in data[:_BINARY_SNIFF]:
        raise InputError(
            f"{name} looks like a binary file (it contains NUL bytes), not a text document",
            hint="give a plain-text, BibTeX, RIS or CSL-JSON file",
        )
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not valid {encoding or 'UTF-8'}: undecodable byte at offset {exc.start}",
            hint="convert the file to UTF-8 or pass --encoding",
        ) from exc
    except LookupError as exc:
        raise InputError(f"unknown text encoding {encoding!r}") from exc
    return text


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """The display name and decoded text of a document file (or ``-``)."""
    name, data = read_bytes(path)
    return name, decode(name, data, encoding)
