"""In-text citations: ``(Author, 2015)``, ``Author et al. (2015a)``, ``[12]``, ``[3–5]``,
``[iv]``, ``[Иванов, 2015, с. 45]``, ``\\cite{key}`` — in English, Turkish, Azerbaijani and
Russian forms, tolerant of OCR damage (spaces and line breaks inside brackets).

The caller passes the prose; :func:`document_citations` masks the reference sections of a
whole document first. Word lists live in ``data/citations/lexicon.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from importlib import resources
from typing import Any

from caucbib.text import fold

CITATION_KINDS: tuple[str, ...] = ("author-year", "numeric", "footnote", "key")
_MAX_RANGE = 60
_MAX_NUMBER = 999


@dataclass(frozen=True)
class CitedItem:
    """One work inside a citation: authors as printed (initials dropped), year and letter,
    or a reference number, with the page locator if any."""

    authors: tuple[str, ...] = ()
    year: str | None = None
    suffix: str | None = None
    no_date: bool = False
    pages: str | None = None
    number: int | None = None
    et_al: bool = False
    key: str | None = None  # a LaTeX \cite key that no \bibitem resolved


@dataclass(frozen=True)
class Citation:
    """A citation as printed: the whole bracket (or narrative ``Author (Year)``)."""

    raw: str
    position: int
    offset: int
    kind: str
    items: tuple[CitedItem, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["items"] = [
            {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(item).items()}
            for item in self.items
        ]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_json(cls, data: str | dict[str, Any]) -> Citation:
        obj: dict[str, Any] = json.loads(data) if isinstance(data, str) else data
        known = {f.name for f in fields(CitedItem)}
        items = tuple(
            CitedItem(**{**{k: v for k, v in item.items() if k in known},
                         "authors": tuple(item.get("authors") or ())})
            for item in obj.get("items") or ()
        )
        return cls(str(obj["raw"]), int(obj["position"]), int(obj["offset"]), str(obj["kind"]),
                   items)


# -- lexicon ---------------------------------------------------------------------------------
@cache
def _raw_lexicon() -> dict[str, frozenset[str]]:
    text = resources.files("caucbib").joinpath("data", "citations", "lexicon.json").read_text(
        "utf-8")
    raw: dict[str, Any] = json.loads(text)
    return {k: frozenset(v) for k, v in raw.items() if isinstance(v, list)}


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """The citation word lists, folded (``not_authors``, ``et_al``, ``no_date`` …)."""
    return {k: frozenset(fold(w) for w in v) for k, v in _raw_lexicon().items()}


def _alternation(words: frozenset[str]) -> str:
    forms = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s*") for f in forms)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = {k: v | lexicon()[k] for k, v in _raw_lexicon().items()}
    no_date = _alternation(lex["no_date"])
    year = rf"(?:(?:1[5-9]\d\d|20[0-4]\d)(?:\s?[a-hа-е](?!\w))?|(?:{no_date})(?!\w))"
    years = rf"(?P<years>{year}(?:\s*[,/]\s*(?:{year}|[a-hа-е](?!\w)))*)"
    labels = _alternation(lex["locators"])
    number = r"[\dIVXLCivxlc]+(?:\s*[-–—]\s*[\dIVXLCivxlc]+)?"
    more = r"(?:\s*,\s*\d+(?:\s*[-–—]\s*\d+)?)*(?:\s*ff?\.)?"
    loc = rf"(?P<loc>(?:(?:{labels})\.?\s*)?{number}{more})"
    return {
        "part": re.compile(rf"^(?P<head>.*?)[\s,]*{years}(?:\s*[,:]\s*{loc})?\s*\.?\s*$",
                           re.I | re.S),
        "bare": re.compile(rf"^\s*{years}(?:\s*[,:]\s*{loc})?\s*\.?\s*$", re.I),
        "year": re.compile(rf"{year}", re.I),
        "no_date": re.compile(rf"^(?:{no_date})$", re.I),
        "numeric": re.compile(
            rf"^\s*(?P<nums>\d{{1,3}}(?:\s*[-–—]\s*\d{{1,3}})?(?:\s*,\s*\d{{1,3}}"
            rf"(?:\s*[-–—]\s*\d{{1,3}})?)*)(?:\s*[,:]\s*{loc})?\s*$", re.I),
        "label": re.compile(rf"^(?:{labels})\.?\s*", re.I),
    }


# -- finding ---------------------------------------------------------------------------------
_PAREN = re.compile(r"\(([^()]{1,400})\)")
_SQUARE = re.compile(r"\[([^\[\]]{1,400})\]")
_ROMAN = re.compile(r"^\s*([ivxlc]{1,7})\s*$")
_LATEX_CITE = re.compile(r"\\cite\{([^}]*)\}")
_SUPERSCRIPT = re.compile(r"(?:(?<=[^\W\d_])|(?<=[.,;:»”\"')]))([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
_SUPER_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SPLIT_NAMES = re.compile(r"\s*(?:,|\s&\s|&|\s(?:and|ve|və|и|und|ile)\s)\s*")
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.\s*-?)+$")
_POSSESSIVE = re.compile(r"['’ʼ][a-zçəğıöşüа-яё]{1,5}$")
_NAME_EDGE = " ,;:.\"'«»“”„()"
_NAME_INNER = frozenset({"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le",
                         "ve", "и", "по", "для", "at", "&"})


def find_citations(text: str) -> list[Citation]:
    """Every in-text citation of ``text`` (prose), in order of appearance."""
    found: list[tuple[int, str, str, tuple[CitedItem, ...]]] = []
    for match in _PAREN.finditer(text):
        hit = _parenthesis(text, match)
        if hit:
            found.append(hit)
    for match in _SQUARE.finditer(text):
        hit = _square(match)
        if hit:
            found.append(hit)
    for match in _LATEX_CITE.finditer(text):
        keys = tuple(CitedItem(key=k.strip()) for k in match.group(1).split(",") if k.strip())
        if keys:
            found.append((match.start(), match.group(0), "key", keys))
    for match in _SUPERSCRIPT.finditer(text):
        before = re.search(r"(\w+)\W?$", text[max(0, match.start() - 12):match.start()])
        if before and fold(before.group(1)) in lexicon()["units"]:
            continue  # km², м³: a power, not a note
        number = int(match.group(1).translate(_SUPER_DIGITS))
        found.append((match.start(), match.group(1), "footnote", (CitedItem(number=number),)))
    found.sort(key=lambda hit: hit[0])
    return [Citation(raw, i, offset, kind, items)
            for i, (offset, raw, kind, items) in enumerate(found, start=1)]


def _clean(inner: str) -> str:
    """Undo line-break hyphenation and collapse whitespace (OCR and wrapped lines)."""
    inner = re.sub(r"(?<=[^\W\d_])-\s*\n\s*(?=[^\W\d_])",
                   lambda m: "" if m.string[m.end():m.end() + 1].islower() else "-", inner)
    return re.sub(r"\s+", " ", inner).strip()


def _parenthesis(text: str, match: re.Match[str]) -> tuple[int, str, str,
                                                            tuple[CitedItem, ...]] | None:
    inner = _clean(match.group(1))
    bare = _patterns()["bare"].match(inner)
    if bare:
        narrative = _narrative_authors(text, match.start())
        if narrative is None:
            return None
        start, authors, et_al = narrative
        items = _year_items(authors, et_al, bare.group("years"), bare.group("loc"))
        return start, text[start:match.end()], "author-year", items
    items = _author_year_parts(inner)
    if items:
        return match.start(), match.group(0), "author-year", items
    return None


def _square(match: re.Match[str]) -> tuple[int, str, str, tuple[CitedItem, ...]] | None:
    inner = _clean(match.group(1))
    roman = _ROMAN.match(inner)
    if roman:
        from caucbib.find.references import roman_value

        value = roman_value(roman.group(1))
        return (match.start(), match.group(0), "footnote", (CitedItem(number=value),)) \
            if value else None
    numeric = _numeric_items(inner)
    if numeric:
        return match.start(), match.group(0), "numeric", numeric
    items = _author_year_parts(inner)
    return (match.start(), match.group(0), "author-year", items) if items else None


def _numeric_items(inner: str) -> tuple[CitedItem, ...]:
    """``12``, ``3–5``, ``3, 7, 9``, ``5, с. 12; 7, с. 45`` → numbered items (else empty)."""
    items: list[CitedItem] = []
    for part in inner.split(";"):
        numeric = _patterns()["numeric"].match(part)
        if not numeric:
            return ()
        numbers = list(_numbers(numeric.group("nums")))
        if not numbers:
            return ()
        pages = _locator(numeric.group("loc"))
        items += [CitedItem(number=n, pages=pages if i == len(numbers) - 1 else None)
                  for i, n in enumerate(numbers)]
    return tuple(items)


def _numbers(spec: str) -> Iterator[int]:
    for piece in re.split(r"\s*[,;]\s*", spec):
        bounds = [int(b) for b in re.split(r"\s*[-–—]\s*", piece) if b]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= _MAX_RANGE:
            yield from range(bounds[0], bounds[1] + 1)
        elif bounds and 0 < bounds[0] <= _MAX_NUMBER:
            yield bounds[0]


def _locator(loc: str | None) -> str | None:
    if not loc:
        return None
    value = _patterns()["label"].sub("", loc.strip())
    return re.sub(r"\s*[-–—]\s*", "–", value).strip() or None


def _year_items(authors: tuple[str, ...], et_al: bool, years: str,
                loc: str | None) -> tuple[CitedItem, ...]:
    out: list[CitedItem] = []
    last_year: str | None = None
    pieces = [p for p in re.split(r"\s*[,/]\s*", years.strip()) if p]
    for piece in pieces:
        if _patterns()["no_date"].match(piece):
            out.append(CitedItem(authors, None, None, True, None, None, et_al))
            continue
        digits = re.match(r"\d{4}", piece)
        year = digits.group(0) if digits else last_year
        letter = piece[digits.end():].strip() if digits else piece.strip()
        last_year = year
        out.append(CitedItem(authors, year, letter.lower() or None, False, None, None, et_al))
    if out and loc:
        last = out[-1]
        out[-1] = CitedItem(last.authors, last.year, last.suffix, last.no_date, _locator(loc),
                            None, last.et_al)
    return tuple(out)


def _author_year_parts(inner: str) -> tuple[CitedItem, ...]:
    """``Author, 2015; Other et al., 2017a, p. 5`` → items (empty when not a citation)."""
    items: list[CitedItem] = []
    previous: tuple[tuple[str, ...], bool] | None = None
    for part in (p.strip() for p in inner.split(";")):
        if not part:
            continue
        match = _patterns()["part"].match(part)
        if not match:
            return ()
        head = match.group("head").strip(" ,:")
        if head:
            parsed = _parenthetical_authors(head)
            if parsed is None:
                return ()
            previous = parsed
        elif previous is None:
            return ()
        items.extend(_year_items(previous[0], previous[1], match.group("years"),
                                 match.group("loc")))
    return tuple(items)


# -- authors ---------------------------------------------------------------------------------
def _strip_et_al(head: str) -> tuple[str, bool]:
    folded = fold(head)
    for form in sorted(lexicon()["et_al"], key=len, reverse=True):
        if folded.endswith(form) and (len(folded) == len(form)
                                      or not folded[-len(form) - 1].isalnum()):
            return head[: len(head) - len(form)].rstrip(" ,"), True
    return head, False


def _strip_prefix(head: str) -> str:
    """Drop ``see``, ``e.g.``, ``bax``, ``см.`` and other lower-case words before the name."""
    words = head.split()
    particles = lexicon()["particles"]
    while words and not words[0][:1].isupper():
        if fold(words[0]) in particles and len(words) > 1 and words[1][:1].isupper():
            break
        if "-" in words[0] and fold(words[0].split("-")[0]) in particles:
            break
        words.pop(0)
    return " ".join(words).lstrip(" ,:")


def _clean_name(piece: str) -> str | None:
    tokens = [t for t in piece.strip(_NAME_EDGE).split() if not _INITIALS.match(t)]
    if not tokens:
        return None
    tokens[-1] = _POSSESSIVE.sub("", tokens[-1])
    name = " ".join(tokens).strip(_NAME_EDGE)
    return name or None


def _looks_like_name(name: str) -> bool:
    words = name.split()
    if not words or len(words) > 9 or len(name) > 80 or any(ch.isdigit() for ch in name):
        return False
    particles = lexicon()["particles"]
    first = words[0]
    hyphenated = "-" in first and fold(first.split("-")[0]) in particles
    if not (first[:1].isupper() or hyphenated or (fold(first) in particles and len(words) > 1)):
        return False
    if not all(w[:1].isupper() or fold(w) in _NAME_INNER or fold(w) in particles
               or fold(w.split("-")[0]) in particles or w[:1] in "-'’(«\"" for w in words):
        return False
    not_authors = lexicon()["not_authors"]
    content = [fold(w.strip(_NAME_EDGE)) for w in words if fold(w) not in _NAME_INNER]
    return bool(content) and not all(w in not_authors for w in content)


def _parenthetical_authors(head: str) -> tuple[tuple[str, ...], bool] | None:
    head, et_al = _strip_et_al(_strip_prefix(head))
    pieces = [p for p in _SPLIT_NAMES.split(head) if p.strip()]
    names = [n for n in (_clean_name(p) for p in pieces) if n]
    if any(len(n.split()) >= 3 for n in names) or len(names) > 6:
        whole = _clean_name(head)
        names = [whole] if whole else []
    if not names or not all(_looks_like_name(n) for n in names):
        return None
    return tuple(names), et_al


_TOKEN = re.compile(r"\S+")


def _narrative_authors(text: str, paren: int) -> tuple[int, tuple[str, ...], bool] | None:
    """``Hasanov and Əliyev (2017)``: the start offset, names and et-al flag before ``(``."""
    window_start = max(0, paren - 160)
    window = text[window_start:paren]
    tokens = [(m.start() + window_start, m.group(0)) for m in _TOKEN.finditer(window)]
    et_al = False
    folded_tail = fold(" ".join(t for _, t in tokens[-3:]))
    for form in sorted(lexicon()["et_al"], key=len, reverse=True):
        if folded_tail.endswith(form) and (folded_tail == form
                                           or folded_tail[-len(form) - 1] == " "):
            tokens, et_al = tokens[: -len(form.split())], True
            break
    particles, connectors = lexicon()["particles"], lexicon()["connectors"]
    groups: list[list[tuple[int, str]]] = [[]]
    while tokens:
        start, token = tokens[-1]
        word = token.rstrip(",")
        if groups[-1] and fold(token) in connectors:
            groups.append([])
            tokens.pop()
            continue
        if groups[-1] and token.endswith(","):
            groups.append([])
        if _INITIALS.match(word) and len(tokens) > 1:
            tokens.pop()
            continue
        is_name = (word[:1].isupper() and not word.endswith((".", ":", ";", "!", "?"))
                   and all(ch.isalpha() or ch in "-'’ʼ" for ch in word)) or (
            fold(word) in particles and bool(groups[-1]))
        if not is_name or len(groups[-1]) >= 3:
            break
        groups[-1].insert(0, (start, word))
        tokens.pop()
    groups = [g for g in groups if g]
    if not groups or _names_a_thing(tokens):
        return None
    groups.reverse()
    not_authors = lexicon()["not_authors"]
    first = groups[0]
    while first and fold(first[0][1]) in not_authors:
        first.pop(0)
    if not first:
        groups = groups[1:]
    if not groups:
        return None
    names: list[str] = []
    for group in groups:
        name = _clean_name(" ".join(word for _, word in group))
        if not name or fold(name.split()[-1]) in not_authors:
            return None
        names.append(name)
    return groups[0][0][0], tuple(names), et_al


def _names_a_thing(before: list[tuple[int, str]]) -> bool:
    """``Treaty of Kars (1921)``, ``Law on Education (2009)``: the name belongs to a thing."""
    if len(before) < 2 or fold(before[-1][1]) not in _NAME_INNER:
        return False
    return fold(before[-2][1].strip(_NAME_EDGE)) in lexicon()["not_authors"] and \
        before[-2][1][:1].isupper()


# -- whole documents -------------------------------------------------------------------------
def document_citations(text: str) -> list[Citation]:
    """Citations of a whole document: reference sections and footnote lists are masked
    (offsets stay those of ``text``) so the references themselves are not counted."""
    return find_citations(prose_of(text))


def prose_of(text: str) -> str:
    """``text`` with its references replaced by spaces, keeping every offset: sections under a
    reference heading, runs of three or more consecutively numbered reference-like lines
    (``1.``, ``[2]``, ``[iii]`` …), lone ``[n]`` reference lines, and the whole text when it
    is a bare list. Numbered prose paragraphs (``1. In 2015 …``) stay."""
    from caucbib.find.lexicon import is_heading
    from caucbib.find.references import extract_references, looks_like_reference

    lines = text.splitlines(keepends=True)
    if extract_references(text).method == "bare-list":
        return re.sub(r"[^\r\n]", " ", text)
    masked = [False] * len(lines)
    in_section = False
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if is_heading(body):
            in_section = True
        elif in_section and is_heading(body, "section_ends"):
            in_section = False
        bracketed = _LINE_MARKER.match(body)
        if in_section or (bracketed and bracketed.group("b") and looks_like_reference(body)):
            masked[index] = True
    for start, end in _numbered_runs(lines):
        masked[start:end] = [True] * (end - start)
    return "".join(re.sub(r"[^\r\n]", " ", line) if hide else line
                   for line, hide in zip(lines, masked, strict=True))


_LINE_MARKER = re.compile(
    r"^\s*(?:\[(?P<b>\d{1,4}|[ivxlc]{1,8})\]|(?P<d>\d{1,4})[.)])\s*\S", re.I)


def _numbered_runs(lines: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` line ranges of 3+ reference-like items numbered n, n+1, n+2 …;
    unnumbered lines inside a run are wrapped continuations, a blank line after it ends it."""
    from caucbib.find.references import looks_like_reference, marker_number

    runs: list[tuple[int, int]] = []
    start, last, count, end = 0, 0, 0, 0
    for index, line in enumerate(lines):
        match = _LINE_MARKER.match(line)
        number = marker_number(match.group("b") or match.group("d")) if match else None
        if number is not None and (count == 0 or number == last + 1) \
                and looks_like_reference(line):
            if count == 0:
                start = index
            last, count, end = number, count + 1, index + 1
        elif count and line.strip() and number is None:
            end = index + 1 if end == index else end  # a wrapped line of the item before
        else:
            if count >= 3:
                runs.append((start, end))
            count, last = 0, 0
            if number is not None and looks_like_reference(line):
                start, last, count, end = index, number, 1, index + 1
    if count >= 3:
        runs.append((start, end))
    return runs
