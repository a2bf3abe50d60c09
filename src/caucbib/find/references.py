"""Document text → reference sections → one string per reference.

Steps: find sections by heading (or take a bare list, or a run of numbered references),
split each section at list markers (``2.``, ``[3]``, ``(4)``, ``5)``, footnote markers ``[iv]``
even when several stand on one line) or at lines, join wrapped lines, strip the markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from caucbib.find.lexicon import is_heading

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20[0-4]\d)(?!\d)")
_MARKER = re.compile(
    r"^\s*(?:\[(?P<b>\d{1,5}|[ivxlcdm]{1,8})\]|\((?P<p>\d{1,5})\)|(?P<d>\d{1,5})[.)](?=\s|\S)"
    r"|(?P<bullet>[•·▪\-–—*]))\s*",
    re.IGNORECASE,
)
_INLINE_BRACKET = re.compile(r"\[(\d{1,5}|[ivxlcdm]{1,8})\]", re.IGNORECASE)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass
class Extraction:
    """What was found in a document: reference strings, in order, and how."""

    references: list[str] = field(default_factory=list)
    method: str = "none"  # heading | bare-list | numbered-run | footnotes | none
    sections: list[str] = field(default_factory=list)


def roman_value(text: str) -> int | None:
    """The value of a lower- or upper-case roman numeral, or None."""
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        value = _ROMAN.get(ch)
        if value is None:
            return None
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total or None


def marker_number(token: str) -> int | None:
    token = token.strip(" ").strip("[]().")
    if token.isdigit():
        return int(token)
    return roman_value(token)


def looks_like_reference(text: str) -> bool:
    """A cheap test: a year or a URL/DOI, and some bibliographic punctuation."""
    has_anchor = bool(_YEAR.search(text)) or "http" in text or "doi" in text.lower()
    has_shape = bool(re.search(r"[.,:;/]|//", text)) and len(text) >= 12
    return has_anchor and has_shape


def extract_references(text: str) -> Extraction:
    """Find the references of a whole document (plain text)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    sections = _sections_by_heading(lines)
    if sections:
        refs = [r for block in sections for r in split_section(block)]
        if refs:
            return Extraction(refs, "heading", ["\n".join(b) for b in sections])
    footnotes = _footnote_run(lines)
    if footnotes:
        return Extraction(footnotes, "footnotes")
    run = _numbered_run(lines)
    if run:
        return Extraction(split_section(run), "numbered-run")
    if _is_bare_list(lines):
        return Extraction(split_section(lines), "bare-list")
    return Extraction()


def _sections_by_heading(lines: list[str]) -> list[list[str]]:
    sections: list[list[str]] = []
    current: list[str] | None = None
    for line in lines:
        if is_heading(line):
            current = []
            sections.append(current)
        elif current is not None and is_heading(line, "section_ends"):
            current = None
        elif current is not None:
            current.append(line)
    return [s for s in sections if any(line.strip() for line in s)]


def _is_bare_list(lines: list[str]) -> bool:
    items = [line.strip() for line in lines if line.strip()]
    if not items:
        return False
    refs = sum(looks_like_reference(item) for item in items)
    return refs / len(items) >= 0.6


def _numbered_run(lines: list[str]) -> list[str]:
    """The longest run of consecutively numbered reference-like lines (at least 3)."""
    best: list[str] = []
    run: list[str] = []
    last: int | None = None
    for line in lines:
        match = _MARKER.match(line)
        number = _number(match) if match else None
        if number is not None and looks_like_reference(line) and (
            last is None or number == last + 1
        ):
            run.append(line)
            last = number
            continue
        if run and line.strip() and number is None and not _starts_new(line):
            run.append(line)  # a wrapped line of the item before
            continue
        if len(run) > len(best):
            best = run
        run, last = [], None
        if number is not None and looks_like_reference(line):
            run, last = [line], number
    if len(run) > len(best):
        best = run
    numbered = sum(1 for line in best if _MARKER.match(line))
    return best if numbered >= 3 else []


def _footnote_run(lines: list[str]) -> list[str]:
    """References given as ``[i] … [ii] …`` markers, several possibly on one line."""
    joined = "\n".join(lines)
    hits = list(_INLINE_BRACKET.finditer(joined))
    # the block starts at the last marker 1 standing at a line start (in-text markers, which
    # come earlier in the prose, do not count); then markers 2, 3 … follow in order
    firsts = [i for i, m in enumerate(hits)
              if marker_number(m.group(1)) == 1 and _at_line_start(joined, m.start())]
    if not firsts:
        return []
    block_chain: list[re.Match[str]] = []
    for hit in hits[firsts[-1]:]:
        if marker_number(hit.group(1)) == len(block_chain) + 1:
            block_chain.append(hit)
    if len(block_chain) < 2:
        return []
    out: list[str] = []
    for index, hit in enumerate(block_chain):
        end = block_chain[index + 1].start() if index + 1 < len(block_chain) else None
        piece = joined[hit.end(): end] if end is not None else _until_blank(joined[hit.end():])
        piece = _join_lines(piece.split("\n"))
        if piece:
            out.append(piece)
    return out if all(looks_like_reference(p) or len(p) > 20 for p in out) else []


def _at_line_start(text: str, index: int) -> bool:
    line_start = text.rfind("\n", 0, index) + 1
    return not text[line_start:index].strip()


def _until_blank(text: str) -> str:
    parts = re.split(r"\n\s*\n", text, maxsplit=1)
    return parts[0]


def _number(match: re.Match[str]) -> int | None:
    for group in ("b", "p", "d"):
        if match.group(group):
            return marker_number(match.group(group))
    return None


def _starts_new(line: str) -> bool:
    return bool(_MARKER.match(line)) and _MARKER.match(line).group("bullet") is None  # type: ignore[union-attr]


def split_section(lines: list[str]) -> list[str]:
    """Split one reference section into reference strings, markers stripped."""
    items = [line for line in lines if line.strip()]
    if not items:
        return []
    inline = _split_inline_markers("\n".join(line.strip() for line in items))
    if inline:
        return inline
    numbered = [line for line in items if _starts_new(line)]
    if len(numbered) >= max(2, len(items) // 3):
        return _split_at_markers(items)
    if any(not line.strip() for line in lines):
        paragraphs = _paragraphs(lines)
        if len(paragraphs) > 1 and any(len(p) > 1 for p in paragraphs):
            return [_join_lines(p) for p in paragraphs]
    return _split_lines(items)


def _split_inline_markers(text: str) -> list[str]:
    """``[1] … [2] …`` or ``[i] … [ii] …`` run together on one line."""
    hits = [m for m in _INLINE_BRACKET.finditer(text)]
    chain: list[re.Match[str]] = []
    for hit in hits:
        if marker_number(hit.group(1)) == len(chain) + 1:
            chain.append(hit)
    if len(chain) < 2 or chain[0].start() > 3:
        return []
    out = []
    for index, hit in enumerate(chain):
        end = chain[index + 1].start() if index + 1 < len(chain) else len(text)
        piece = _join_lines(text[hit.end(): end].split("\n"))
        if piece:
            out.append(piece)
    return out


def _split_at_markers(items: list[str]) -> list[str]:
    groups: list[list[str]] = []
    for line in items:
        if _starts_new(line) or not groups:
            groups.append([_MARKER.sub("", line, count=1)])
        else:
            groups[-1].append(line)
    return [ref for ref in (_join_lines(g) for g in groups) if ref]


def _paragraphs(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _split_lines(items: list[str]) -> list[str]:
    """One reference per line, joining lines that continue the one before."""
    groups: list[list[str]] = []
    for line in items:
        stripped = _MARKER.sub("", line, count=1) if _MARKER.match(line) else line
        if groups and _continues(groups[-1][-1], line):
            groups[-1].append(line)
        else:
            groups.append([stripped])
    return [ref for ref in (_join_lines(g) for g in groups) if ref]


def _continues(previous: str, line: str) -> bool:
    head = line.lstrip()
    if not head:
        return False
    if previous.rstrip().endswith(("-", "‐")) and head[:1].islower():
        return True
    return head[:1].islower() or head[:1] in ",;:)]" or (
        head[:1].isdigit() and not _MARKER.match(line)
    )


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines with single spaces, undoing line-break hyphenation."""
    out = ""
    for line in lines:
        part = line.strip()
        if not part:
            continue
        if out.endswith(("-", "‐")) and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            out = out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return re.sub(r"[ \t]+", " ", out).strip()
