"""Checking a manuscript: do its in-text citations and its reference list agree?

Pure: citations (from :mod:`caucbib.find.citations`) and ``(position, Record)`` pairs in,
a :class:`CheckReport` out. Surnames are compared exactly, then by folded/romanised keys and a
transliteration skeleton (``Hasanov`` ~ ``Həsənov`` ~ ``Гасанов``), and ranked by rapidfuzz
for "did you mean" candidates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from caucbib.find.citations import Citation, CitedItem
from caucbib.model import Name, Record
from caucbib.text import name_key, name_skeleton, script_of, title_key

PROBLEM_KINDS: tuple[str, ...] = (
    "no-reference", "ambiguous", "year-mismatch", "spelling", "out-of-range", "unresolved-key",
    "never-cited", "no-citations", "no-references",
)
_EXACT, _KEY, _SKELETON = 3, 2, 1
_YEAR_SLACK = 2
_CANDIDATES = 3
_ANY_YEAR = r"1[5-9]\d\d|20[0-4]\d"


@dataclass(frozen=True)
class Problem:
    """One disagreement. ``citation`` is ``(raw, position)``; ``reference`` a list position."""

    kind: str
    message: str
    citation: tuple[str, int] | None = None
    reference: int | None = None
    candidates: tuple[int, ...] = ()


@dataclass
class CheckReport:
    """All problems, and which reference each cited item was matched to."""

    problems: list[Problem] = field(default_factory=list)
    matches: dict[tuple[int, int], int] = field(default_factory=dict)  # (citation, item) → ref

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_rows(self) -> list[dict[str, Any]]:
        """Flat rows for the renderer: kind, citation, position, reference, message, candidates."""
        return [
            {
                "kind": p.kind,
                "citation": p.citation[0] if p.citation else None,
                "position": p.citation[1] if p.citation else None,
                "reference": p.reference,
                "message": p.message,
                "candidates": ", ".join(str(c) for c in p.candidates),
            }
            for p in self.problems
        ]


@dataclass(frozen=True)
class _Ref:
    position: int
    surnames: tuple[str, ...]  # as printed: family (with particle) or literal
    year: int | None
    letter: str | None
    title: str

    def label(self) -> str:
        who = self.surnames[0] if self.surnames else (self.title[:40] or "?")
        if len(self.surnames) == 2:
            who = f"{who} & {self.surnames[1]}"
        elif len(self.surnames) > 2:
            who += " et al."
        return f"{who} {self.year or 'n.d.'}{self.letter or ''}"


def _surname(name: Name) -> str:
    if name.literal:
        return name.literal
    return " ".join(p for p in (name.particle, name.family) if p) or (name.given or "")


def _reference(position: int, record: Record) -> _Ref:
    people = record.author or record.editor or record.compiler
    year, letter = record.year, None
    raw = record.raw or ""
    found = re.search(rf"(?<!\d)({year or _ANY_YEAR})\s?([a-hа-е])?(?![\w])", raw)
    if found:
        year = int(found.group(1))
        letter = found.group(2).lower() if found.group(2) else None
    return _Ref(position, tuple(s for s in (_surname(n) for n in people) if s),
                year, letter, record.title or "")


# -- comparing names ---------------------------------------------------------------------------
def _variants(cited: str) -> list[str]:
    """``Thomas de Waal`` → the whole, ``de Waal``, ``Waal``; initials already dropped."""
    words = cited.split()
    out = [cited]
    if len(words) > 1:
        out += [" ".join(words[-2:]), words[-1], words[0]]
    return out


_RUSSIAN_CASE_ENDINGS = ("ого", "ому", "ыми", "ым", "ых", "ой", "ом", "им", "а", "у", "е", "ы")


def _russian_stem(word: str) -> str:
    """``Иванова``/``Иванову``/``Ивановым`` → ``иванов``: a surname declined in prose."""
    word = word.casefold()
    for ending in _RUSSIAN_CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _same_word(cited: str, printed: str) -> bool:
    a = unicodedata.normalize("NFC", cited).casefold()
    b = unicodedata.normalize("NFC", printed).casefold()
    if a == b:
        return True
    return script_of(a) == "cyrillic" == script_of(b) and _russian_stem(a) == _russian_stem(b)


def _name_level(cited: str, printed: str) -> int:
    """3 exact (or a declined Russian form), 2 same key (case/diacritics/script),
    1 same skeleton, 0 different."""
    printed_forms = [printed] + ([printed.split()[-1]] if " " in printed else [])
    best = 0
    for c in _variants(cited):
        for p in printed_forms:
            if _same_word(c, p):
                return _EXACT
            if name_key(c) and name_key(c) == name_key(p):
                best = max(best, _KEY)
            elif name_skeleton(c) and name_skeleton(c) == name_skeleton(p):
                best = max(best, _SKELETON)
    return best


def _org_level(cited: str, ref: _Ref) -> int:
    """An organisation or title cited as author: literal names, or the start of the title."""
    key = title_key(cited)
    if not key:
        return 0
    for surname in ref.surnames[:1]:
        if title_key(surname) == key:
            return _EXACT if surname.casefold() == cited.casefold() else _KEY
    if not ref.surnames and ref.title:
        title = title_key(ref.title)
        if title == key or title.startswith(key + " "):
            return _EXACT  # a title start: capitalisation differs by style, not by error
    return 0


def _author_level(item: CitedItem, ref: _Ref) -> int:
    if not item.authors:
        return 0
    first = item.authors[0]
    if len(first.split()) >= 2 and (not ref.surnames or len(item.authors) == 1):
        org = _org_level(first, ref)
        if org:
            return org
    if not ref.surnames:
        return 0
    level = _name_level(first, ref.surnames[0])
    if not level:
        return 0
    for cited, printed in zip(item.authors[1:], ref.surnames[1:], strict=False):
        level = min(level, _name_level(cited, printed))
    if len(item.authors) > 1 and len(ref.surnames) < len(item.authors):
        return 0
    return level


def _same_script(item: CitedItem, ref: _Ref) -> bool:
    cited = " ".join(item.authors)
    printed = " ".join(ref.surnames) or ref.title
    return script_of(cited) == script_of(printed)


def _year_fits(item: CitedItem, ref: _Ref) -> bool:
    if item.no_date:
        return ref.year is None
    if item.year is None or ref.year is None or int(item.year) != ref.year:
        return False
    return not (item.suffix and ref.letter and item.suffix != ref.letter)


# -- the check -----------------------------------------------------------------------------------
def check_document(citations: Sequence[Citation],
                   references: Sequence[tuple[int, Record]]) -> CheckReport:
    """Citations without a reference, references never cited, ambiguous citations, year and
    spelling mismatches, numbers out of range and unknown LaTeX keys."""
    refs = [_reference(pos, rec) for pos, rec in references]
    ids = {rec.id: pos for pos, rec in references if rec.id}
    by_position = {r.position: r for r in refs}
    ordered = sorted(by_position)
    report = CheckReport()
    if citations and not refs:
        report.problems.append(Problem(
            "no-references", f"{len(citations)} citations but no reference list was found"))
        return report
    cited: set[int] = set()
    for citation in citations:
        where = (citation.raw, citation.position)
        for index, item in enumerate(citation.items):
            matched = _resolve(citation, item, refs, by_position, ordered, ids, report, where)
            for position in matched:
                cited.add(position)
                report.matches.setdefault((citation.position, index), position)
    if not citations and refs:
        report.problems.append(Problem("no-citations", "no in-text citations were found"))
        return report
    for ref in refs:
        if ref.position not in cited:
            report.problems.append(Problem(
                "never-cited", f"reference {ref.position} ({ref.label()}) is never cited",
                reference=ref.position))
    return report


def _resolve(citation: Citation, item: CitedItem, refs: list[_Ref], by_position: dict[int, _Ref],
             ordered: list[int], ids: dict[str, int], report: CheckReport,
             where: tuple[str, int]) -> list[int]:
    """The reference positions ``item`` points to, adding problems to ``report``."""
    add = report.problems.append
    if citation.kind in ("numeric", "footnote") and item.number is not None:
        position = item.number if citation.kind == "numeric" else (
            ordered[item.number - 1] if 0 < item.number <= len(ordered) else None)
        if position is not None and position in by_position:
            return [position]
        add(Problem("out-of-range", f"{citation.raw} cites {item.number}, but the list has "
                    f"{len(ordered)} references", where))
        return []
    if citation.kind == "key":
        if item.key in ids:
            return [ids[item.key]]
        add(Problem("unresolved-key", f"{citation.raw}: no reference has the key {item.key!r}",
                    where))
        return []
    return _resolve_author_year(item, refs, add, where)


def _cited_label(item: CitedItem) -> str:
    who = item.authors[0] if item.authors else "?"
    if item.et_al:
        who += " et al."
    elif len(item.authors) == 2:
        who += f" & {item.authors[1]}"
    when = "n.d." if item.no_date else f"{item.year or ''}{item.suffix or ''}"
    return f"{who} {when}".strip()


def _resolve_author_year(item: CitedItem, refs: list[_Ref], add: Callable[[Problem], None],
                         where: tuple[str, int]) -> list[int]:
    label = _cited_label(item)
    levels = {r.position: _author_level(item, r) for r in refs}
    by_author = [r for r in refs if levels[r.position]]
    full = [r for r in by_author if _year_fits(item, r)]
    if len(full) > 1:
        full = _narrow(item, full)
    if len(full) > 1:
        positions = tuple(r.position for r in full)
        add(Problem("ambiguous", f"{label} fits references "
                    f"{', '.join(str(p) for p in positions)}; give them letters "
                    f"({item.year}a, {item.year}b) or more authors", where, None, positions))
        return list(positions)
    if len(full) == 1:
        ref = full[0]
        if levels[ref.position] < _EXACT and _same_script(item, ref):
            printed = ref.surnames[0] if ref.surnames else ref.title
            add(Problem("spelling", f"cites {item.authors[0]!r}, but reference {ref.position} "
                        f"spells it {printed!r}", where, ref.position))
        return [ref.position]
    near = [r for r in by_author if item.year and r.year is not None
            and 0 < abs(int(item.year) - r.year) <= _YEAR_SLACK]
    if near:
        year = int(item.year or 0)
        ref = min(near, key=lambda r: (abs(year - (r.year or 0)), -levels[r.position]))
        add(Problem("year-mismatch", f"cites {label}, but reference {ref.position} is "
                    f"{ref.label()}", where, ref.position,
                    tuple(r.position for r in near)))
        return [ref.position]
    candidates = _candidates(item, refs)
    hint = ("; closest: " + "; ".join(f"[{r.position}] {r.label()}" for r in candidates)
            if candidates else "")
    add(Problem("no-reference", f"no reference for {label}{hint}", where, None,
                tuple(r.position for r in candidates)))
    return []


def _narrow(item: CitedItem, refs: list[_Ref]) -> list[_Ref]:
    """Tell apart same-author-same-year works by letter, author count and et al."""
    if item.suffix:
        lettered = [r for r in refs if r.letter == item.suffix]
        if lettered:
            refs = lettered
    if len(refs) > 1:
        count = len(item.authors)
        if item.et_al:
            fit = [r for r in refs if len(r.surnames) >= 3 or len(r.surnames) > count]
        else:
            fit = [r for r in refs if len(r.surnames) == count]
        if fit:
            refs = fit
    return refs


def _candidates(item: CitedItem, refs: list[_Ref]) -> list[_Ref]:
    """The likeliest intended references: fuzzy surname (or title) score, year as a bonus."""
    if not item.authors:
        return []
    cited = name_key(item.authors[0].split()[-1]) or name_key(item.authors[0])
    scored: list[tuple[float, _Ref]] = []
    for ref in refs:
        printed = ref.surnames[0] if ref.surnames else ref.title
        keys = [name_key(printed)] + [name_key(w) for w in printed.split()[:4]]
        score = max((fuzz.ratio(cited, k) for k in keys if k), default=0.0)
        if item.year and ref.year is not None and abs(int(item.year) - ref.year) <= 1:
            score += 15
        if score >= 75:
            scored.append((score, ref))
    scored.sort(key=lambda pair: (-pair[0], pair[1].position))
    return [ref for _, ref in scored[:_CANDIDATES]]
