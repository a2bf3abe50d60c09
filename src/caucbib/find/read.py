"""Reading document files into text, with clear errors for what cannot be decoded.

Plain text may be UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when the NUL
pattern shows it), or a legacy code page (cp1251 for Russian, cp1254 for Turkish) picked by a
small score over the candidate codecs. ``.docx``, ``.pdf`` and ``.tex`` files are recognised by
their content as well as their extension and turned into plain text by :mod:`caucbib.find.formats`.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from caucbib.errors import InputError
from caucbib.find import formats

_BINARY_SNIFF = 8192
LEGACY_CODECS: tuple[str, ...] = ("cp1251", "cp1254")
DOCUMENT_KINDS: tuple[str, ...] = ("text", "markdown", "docx", "pdf", "tex")

# Letters a real az/tr/ru/en text is made of; anything else counts against a candidate codec.
_ALPHABET = frozenset(
    "abcçdeəfgğhxıijkqlmnoöprsştuüvyzwâîû"
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґўәғқңөүұһ"
)
_WORD = re.compile(r"[^\W\d_]+")
_TEX = re.compile(rb"\\documentclass|\\begin\{thebibliography\}|\\bibitem[\[{]")


@dataclass(frozen=True)
class Document:
    """A document as text: display name, the text, and what it was read from."""

    name: str
    text: str
    kind: str  # text | markdown | docx | pdf | tex


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


# -- encodings -------------------------------------------------------------------------------
def _bom_codec(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit at every other byte (ASCII-heavy UTF-16 text)."""
    sample = data[:_BINARY_SNIFF]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def plausibility(text: str) -> float:
    """How much ``text`` looks like az/tr/ru/en prose: 1.0 is perfect, lower is worse.

    Words whose letters are outside the alphabets, and words that mix Latin and Cyrillic
    letters (what a wrong code page produces), count against it.
    """
    words = _WORD.findall(text)
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if not words:  # no words at all: plausible only when it is not a run of control bytes
        return 0.0 if controls > 0.05 * max(1, len(text)) else 1.0
    bad = 0.0
    for word in words:
        lower = word.lower()
        strange = sum(1 for ch in lower if ch not in _ALPHABET and ord(ch) >= 128)
        scripts = {_script(ch) for ch in lower if ord(ch) >= 128 or ch.isalpha()}
        if strange:
            bad += min(1.0, 2 * strange / len(word))
        if "latin" in scripts and "cyrillic" in scripts:
            bad += 1.0
    return max(0.0, 1.0 - bad / len(words) - controls / max(1, len(text)) * 10)


def _script(ch: str) -> str:
    if ord(ch) < 128:
        return "latin"
    name = unicodedata.name(ch, "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return "latin" if name.startswith("LATIN") else "other"


def _looks_like_damaged_utf8(data: bytes, error: UnicodeDecodeError) -> bool:
    """Valid multi-byte UTF-8 sequences before the first bad byte: UTF-8 with damage."""
    head = data[: error.start].decode("utf-8", errors="ignore")
    return any(ord(ch) >= 128 for ch in head)


def detect_encoding(data: bytes) -> str | None:
    """The codec that decodes ``data`` most plausibly, or None when none is plausible."""
    by_mark = _bom_codec(data) or _utf16_without_bom(data)
    if by_mark:
        return by_mark
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if _looks_like_damaged_utf8(data, exc):
            return None
    scored: list[tuple[float, str]] = []
    for codec in LEGACY_CODECS:
        try:
            scored.append((plausibility(data.decode(codec)), codec))
        except UnicodeDecodeError:
            continue
    if not scored:
        return None
    score, codec = max(scored)
    return codec if score >= 0.8 else None


def _utf8_error(name: str, data: bytes, label: str = "UTF-8") -> InputError:
    try:
        data.decode("utf-8-sig")
        offset = 0
    except UnicodeDecodeError as exc:
        offset = exc.start
    return InputError(
        f"{name} is not valid {label}: undecodable byte at offset {offset}",
        hint="convert the file to UTF-8 or pass --encoding (cp1251, cp1254, utf-16 …)",
    )


def _check_not_binary(name: str, data: bytes) -> None:
    sample = data[:_BINARY_SNIFF]
    if b"\x00" in sample and _bom_codec(data) != "utf-16" and not _utf16_without_bom(data):
        raise InputError(
            f"{name} looks like a binary file (it contains NUL bytes), not a text document",
            hint="give a plain-text, Markdown, .docx, .pdf, .tex, BibTeX, RIS or CSL-JSON file",
        )


def decode(name: str, data: bytes, encoding: str | None = None) -> str:
    """Decode document bytes with ``encoding``, or with the detected codec when it is None."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError as exc:
            raise InputError(f"unknown text encoding {encoding!r}") from exc
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name} is not valid {encoding}: undecodable byte at offset {exc.start}",
                hint="check --encoding, or leave it out to detect the encoding",
            ) from exc
        return text.lstrip("\ufeff")
    _check_not_binary(name, data)
    codec = detect_encoding(data)
    if codec is None:
        raise _utf8_error(name, data)
    text = data.decode(codec).lstrip("\ufeff")
    if plausibility(text[:_BINARY_SNIFF]) < 0.5 and _control_share(text) > 0.05:
        raise InputError(f"{name} looks like a binary file, not a text document",
                         hint="give a plain-text, .docx, .pdf or .tex file")
    return text


def _control_share(text: str) -> float:
    sample = text[:_BINARY_SNIFF]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / max(1, len(sample))


# -- documents -------------------------------------------------------------------------------
def sniff_kind(name: str, data: bytes) -> str:
    """``docx``, ``pdf``, ``tex``, ``markdown`` or ``text``: content first, then extension."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/document.xml" in data:
            return "docx"
        raise InputError(f"{name} is a ZIP archive but not a Word .docx document",
                         hint="save it as .docx, or export it as plain text")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx" or suffix == ".pdf":
        raise InputError(f"{name} is not a valid {suffix[1:].upper()} file (wrong content)")
    if suffix == ".tex" or _TEX.search(data[:65536]):
        return "tex"
    if suffix in {".md", ".markdown"}:
        return "markdown"
    return "text"


def read_document(path: str | Path, *, encoding: str | None = None) -> Document:
    """Read a ``.txt``, ``.md``, ``.docx``, ``.pdf`` or ``.tex`` file (or ``-``) as text."""
    name, data = read_bytes(path)
    kind = sniff_kind(name, data)
    if kind == "docx":
        return Document(name, formats.docx_text(name, data), kind)
    if kind == "pdf":
        return Document(name, formats.pdf_text(name, data), kind)
    text = decode(name, data, encoding)
    if kind == "tex":
        return Document(name, formats.tex_text(text), kind)
    if kind == "markdown":
        return Document(name, formats.markdown_text(text), kind)
    return Document(name, text, kind)


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """The display name and text of a file (or ``-``): text files exactly as decoded (LaTeX
    and Markdown sources too, for tools that read their markup); ``.docx`` and ``.pdf`` as
    their text. Use :func:`read_document` to also turn LaTeX and Markdown into plain text."""
    name, data = read_bytes(path)
    kind = sniff_kind(name, data)
    if kind == "docx":
        return name, formats.docx_text(name, data)
    if kind == "pdf":
        return name, formats.pdf_text(name, data)
    return name, decode(name, data, encoding)
