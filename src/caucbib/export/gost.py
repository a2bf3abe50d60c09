"""GOST R 7.0.100-2018 and GOST R 7.0.5-2008 bibliographic lists, rendered by caucbib.

CSL cannot switch terms per entry, so a mixed list from a CSL style prints ``Т.``/``С.``
for English items. Here every entry takes the terms of its own script
(``data/export/gost_terms.json``): Cyrillic entries ``Т.``, ``№``, ``С.``, ``с.``,
``и др.``; Latin-script entries ``Vol.``, ``No.``, ``P.``, ``p.``, ``et al.``.

* 7.0.100-2018: heading ``Иванов, И. И.``, title, ``/`` statement of responsibility,
  areas separated by ``. – ``, ``Москва : Наука``, ``– Текст : электронный`` for online
  items, ``– DOI 10.…``; four or more authors: no heading, three names ``[и др.]``.
* 7.0.5-2008 (the common list form): ``Иванов И. И., Петров П. П.`` (up to three),
  ``М.: Наука, 2015. 320 с.``, ``[Электронный ресурс]`` after the title of online items,
  ``DOI: 10.…``.
* Both: ``//`` before the container, ``URL: … (дата обращения: 12.03.2020)``. Cyrillic
  entries come before Latin ones by default; entries are numbered.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from caucbib.errors import UsageError
from caucbib.export.bibtex import is_translated_title, language_code
from caucbib.export.collation import record_sort_key
from caucbib.model import Date, Name, Record
from caucbib.text import script_of

GOST_IDS = ("gost-r-7.0.100-2018", "gost-r-7.0.5-2008")
GOST_SORTS = ("document", "alphabetical", "az", "tr", "en", "ru", "latin-first", "cyrillic-first")
_ARTICLES = {
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "review",
    "review-book",
}
_CONTAINED = {"chapter", "paper-conference", "entry", "entry-dictionary", "entry-encyclopedia"}
_ONLINE = {"webpage", "post", "post-weblog"}


@cache
def gost_terms() -> dict[str, dict[str, str]]:
    """The per-script terms (``cyrillic``, ``latin``)."""
    path = resources.files("caucbib").joinpath("data", "export", "gost_terms.json")
    data: dict[str, dict[str, str]] = json.loads(path.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def entry_script(record: Record) -> str:
    """``cyrillic`` or ``latin``: the script whose terms the entry takes."""
    sample = record.title or record.container_title or ""
    if not sample and record.author:
        sample = record.author[0].display()
    return (
        "cyrillic"
        if script_of(sample) in ("cyrillic", "mixed") and _has_cyrillic(sample)
        else "latin"
    )


def _has_cyrillic(text: str) -> bool:
    return bool(re.search(r"[\u0400-\u04FF]", text))


def initials(given: str) -> str:
    """``Иван Иванович`` → ``И. И.``; ``Jean-Paul`` → ``J.-P.``; ``A.A.`` → ``A. A.``."""
    out: list[str] = []
    for word in re.split(r"\s+|(?<=\.)(?=\w)", given.strip()):
        if not word:
            continue
        parts = [p for p in word.split("-") if p]
        out.append("-".join(p[0] + "." for p in parts if p[0].isalpha()))
    return " ".join(o for o in out if o)


@dataclass(frozen=True)
class _Style:
    is_100: bool
    terms: dict[str, str]

    @property
    def sep(self) -> str:
        return ". – " if self.is_100 else ". "


def _heading(name: Name, style: _Style) -> str:
    if name.literal is not None:
        return name.literal
    family = " ".join(p for p in (name.particle, name.family) if p)
    given = initials(name.given) if name.given else ""
    if not given:
        return family
    return f"{family}, {given}" if style.is_100 else f"{family} {given}"


def _statement_name(name: Name) -> str:
    if name.literal is not None:
        return name.literal
    family = " ".join(p for p in (name.particle, name.family) if p)
    given = initials(name.given) if name.given else ""
    return f"{given} {family}".strip()


def _names_list(names: Sequence[Name], style: _Style, limit: int = 3, et_al: bool = False) -> str:
    shown = [_statement_name(n) for n in names[:limit]]
    text = ", ".join(shown)
    if len(names) > limit or et_al:
        text += f" [{style.terms['et_al']}]"
    return text


def _role(names: Sequence[Name], key: str, style: _Style) -> str:
    if not names:
        return ""
    term = style.terms.get(f"{key}_7_0_100" if style.is_100 else key, style.terms[key])
    if key == "editor" and len(names) > 1 and "editor_plural" in style.terms:
        term = style.terms["editor_plural"]
    return f"{term} {_names_list(names, style)}"


def _strip_end(text: str) -> str:
    return text.rstrip(" .")


def _year(date: Date | None, style: _Style) -> str:
    if date is None:
        return ""
    if date.year:
        return str(date.year)
    return date.literal or ""


def _accessed(record: Record, style: _Style) -> str:
    if not record.URL:
        return ""
    text = f"URL: {record.URL}"
    if record.accessed is not None and record.accessed.year:
        d = record.accessed
        stamp = ".".join(
            [f"{d.day:02d}" if d.day else "", f"{d.month:02d}" if d.month else "", f"{d.year}"]
        ).lstrip(".")
        text += f" ({style.terms['accessed']}: {stamp})"
    return text


def _publication(record: Record, style: _Style) -> str:
    """``Place : Publisher, Year`` (7.0.100) or ``Place: Publisher, Year`` (7.0.5)."""
    colon = " : " if style.is_100 else ": "
    place = record.publisher_place or ""
    publisher = record.publisher or ""
    year = _year(record.issued, style)
    head = f"{place}{colon}{publisher}" if place and publisher else place or publisher
    return ", ".join(p for p in (head, year) if p)


def render_entry(record: Record, style_id: str) -> str:
    """One GOST entry (without its number)."""
    if style_id not in GOST_IDS:
        raise UsageError(f"unknown GOST style {style_id!r}", "use " + " or ".join(GOST_IDS))
    record = _collapsed(record)
    style = _Style(style_id == GOST_IDS[0], gost_terms()[entry_script(record)])
    persons = [n for n in record.author if n.literal is None]
    orgs = [n for n in record.author if n.literal is not None]
    sep = style.sep
    online = record.type in _ONLINE

    title = (record.title or record.container_title or "").strip(" ,;:/")
    if record.type == "thesis" and record.genre:
        title += f" : {record.genre.strip(' ,;:/')}"
    if online and not style.is_100:
        title += f" {style.terms['electronic_7_0_5']}"

    head = ""
    if (
        persons
        and not orgs
        and len(persons) <= 3
        and not ("author" in record.et_al and not style.is_100)
    ):
        if style.is_100:
            head = _heading(persons[0], style)
        else:
            head = ", ".join(_heading(n, style) for n in persons)
    responsibility: list[str] = []
    if record.author and (style.is_100 or not head):
        responsibility.append(_names_list(record.author, style, et_al="author" in record.et_al))
    for key in ("editor", "translator", "compiler"):
        if key != "editor" or record.type not in _CONTAINED:
            part = _role(record.names(key), key, style)
            if part:
                responsibility.append(part)
    if record.type == "thesis" and record.publisher and style.is_100:
        responsibility.append(record.publisher)

    main = f"{head} {title}".strip() if head else title
    if responsibility:
        main += " / " + " ; ".join(responsibility)

    areas: list[str] = []
    if record.type in _ARTICLES or record.type in _CONTAINED or (online and record.container_title):
        container = _strip_end(record.container_title or "") if record.title else ""
        if container:
            if record.type in _CONTAINED:
                editors = _role(record.editor, "editor", style)
                if editors:
                    container += f" / {editors}"
            main += f" // {container}"
        if record.type in _CONTAINED:
            pub = _publication(record, style)
            if pub:
                areas.append(pub)
        else:
            year = _year(record.issued, style)
            if year:
                areas.append(year)
            numbering = ", ".join(
                p
                for p in (
                    f"{style.terms['volume']} {record.volume}" if record.volume else "",
                    f"{style.terms['issue']} {record.issue}" if record.issue else "",
                )
                if p
            )
            if numbering:
                areas.append(numbering)
        if record.page:
            areas.append(f"{style.terms['pages']} {record.page.replace('-', '–')}")
    else:
        if record.edition:
            areas.append(record.edition)
        if record.type == "thesis" and style.is_100:
            year = _year(record.issued, style)
            pub = ", ".join(p for p in (record.publisher_place or "", year) if p)
        else:
            pub = _publication(record, style)
        if pub:
            areas.append(pub)
        if record.number_of_pages:
            areas.append(f"{record.number_of_pages} {style.terms['extent']}")
        elif record.page:
            areas.append(f"{style.terms['pages']} {record.page.replace('-', '–')}")
    if record.DOI:
        areas.append(f"DOI {record.DOI}" if style.is_100 else f"DOI: {record.DOI}")
    link = _accessed(record, style)
    if link:
        areas.append(link)
    if online and style.is_100:
        areas.append(style.terms["electronic_7_0_100"])

    text = main.strip()
    for area in areas:
        area = area if area.endswith(")") else area.rstrip(".")
        if not text:
            text = area
        else:
            text += (sep[1:] if text.endswith(".") else sep) + area
    text = text if text.endswith(".") else text + "."
    if is_translated_title(record):
        text += (
            " (In Russ.)" if language_code(record) == "ru" else f" (In {language_code(record)}.)"
        )
    return text


def _collapsed(record: Record) -> Record:
    """A copy with every run of whitespace in its strings made one space."""

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return value

    return Record.from_csl(clean(record.to_csl()))


def order_gost(records: Sequence[Record], sort: str | None = None) -> list[Record]:
    """Cyrillic entries first (each block alphabetical) unless ``sort`` says otherwise."""
    if sort is not None and sort not in GOST_SORTS:
        raise UsageError(f"unknown sort {sort!r}", "use " + ", ".join(GOST_SORTS))
    if sort == "document":
        return list(records)
    latin_lang = sort if sort in ("az", "tr", "en") else "en"
    cyrillic = _sorted_by_heading([r for r in records if entry_script(r) == "cyrillic"], "ru")
    latin = _sorted_by_heading([r for r in records if entry_script(r) != "cyrillic"], latin_lang)
    return latin + cyrillic if sort == "latin-first" else cyrillic + latin


def _has_heading(record: Record) -> bool:
    persons = [n for n in record.author if n.literal is None]
    return bool(persons) and len(persons) == len(record.author) and len(persons) <= 3


def _sorted_by_heading(records: list[Record], lang: str) -> list[Record]:
    """Alphabetical by the heading (first author) or, without one, by the title."""
    proxies = []
    for record in records:
        proxy = Record(
            type=record.type,
            title=record.title,
            issued=record.issued,
            container_title=record.container_title,
        )
        if _has_heading(record):
            proxy.author = record.author
        proxies.append(proxy)
    order = sorted(range(len(records)), key=lambda i: record_sort_key(proxies[i], lang))
    return [records[i] for i in order]


def format_gost(
    records: Sequence[Record],
    style: str = GOST_IDS[0],
    *,
    output_format: str = "text",
    sort: str | None = None,
) -> str:
    """A numbered GOST list; ``text`` one entry per line, ``html`` an ``<ol>``."""
    ordered = order_gost(records, sort)
    entries = [render_entry(r, style) for r in ordered]
    if not entries:
        return ""
    if output_format == "html":
        items = "".join(f"  <li>{html.escape(e)}</li>\n" for e in entries)
        return f'<ol class="csl-bib-body">\n{items}</ol>\n'
    return "".join(f"{i}. {e}\n" for i, e in enumerate(entries, start=1))
