"""Validate hand-labelled training references (Azerbaijani, Turkish and seed files).

Usage: python training/validate_aztr.py [FILE ...]
Without arguments it checks training/handwritten/az.jsonl, tr.jsonl and training/seeds_000.jsonl.
Exits with status 1 when any record breaks the corpus contract; prints warnings for doubtful spans.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from contract import LABELS, STYLES, TYPES

LANGS = frozenset(["az", "tr", "ru", "en"])
KEYS = ("id", "lang", "style", "type", "language", "tagged")
TITLELESS_TYPES = frozenset(
    {"article-newspaper", "webpage", "periodical", "legislation", "manuscript", "report"}
)
PREFIXES = ("seed-", "hw-az-", "hw-tr-", "hw-mx-")

PLACE_RE = re.compile(
    r"(?<!\w)(Bakı|Bakü|Baku|Баку|Бакы|Ankara|İstanbul|Istanbul|Gəncə|Naxçıvan|Erzurum|"
    r"Москва|Moskova|Tiflis|Tbilisi|Trabzon|Konya|İzmir|Kars)(?!\w)"
)
LOOSE_RE = re.compile(
    r"(?<![\w/.-])(1[6-9]\d\d|20[0-3]\d)(?![\w/-])|(?<!\w)(s\.|səh\.|ss\.|№|Sayı:?) ?\d+"
)
TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z-]*)>")
QUOTE_PAIRS = {"«": "»", '"': '"', "“": "”", "„": "“", "'": "'"}


def spans(tagged: str) -> tuple[list[tuple[str, str]], str, list[str]]:
    """Return (label, text) spans, the plain string and a list of structural errors."""
    errors: list[str] = []
    out: list[tuple[str, str]] = []
    plain: list[str] = []
    pos = 0
    open_label: str | None = None
    start = 0
    for m in TAG_RE.finditer(tagged):
        name = m.group(1)
        if name not in LABELS:
            continue
        plain.append(tagged[pos : m.start()])
        closing = m.group(0).startswith("</")
        if not closing:
            if open_label is not None:
                errors.append(f"nested <{name}> inside <{open_label}>")
            open_label, start = name, len("".join(plain))
        else:
            if open_label != name:
                errors.append(f"unbalanced </{name}> (open: {open_label})")
            else:
                out.append((name, "".join(plain)[start:]))
            open_label = None
        pos = m.end()
    plain.append(tagged[pos:])
    if open_label is not None:
        errors.append(f"unclosed <{open_label}>")
    text = "".join(plain)
    outside = TAG_RE.sub("|", re.sub(r"<([A-Za-z-]+)>.*?</\1>", "|", tagged))
    for m in PLACE_RE.finditer(outside):
        errors.append(f"warn: place name {m.group(0)!r} outside any span")
    for m in LOOSE_RE.finditer(outside):
        errors.append(f"warn: {m.group(0)!r} (year, page or issue) outside any span")
    for m in TAG_RE.finditer(text):
        errors.append(f"stray tag-like text {m.group(0)!r}")
    return out, text, errors


def check_span(label: str, value: str) -> tuple[list[str], list[str]]:
    """Return (errors, warnings) for one span value."""
    errs: list[str] = []
    warns: list[str] = []
    if not value.strip():
        errs.append(f"empty <{label}>")
        return errs, warns
    if value != value.strip():
        errs.append(f"<{label}> has edge whitespace: {value!r}")
    first, last = value[0], value[-1]
    if (
        first in QUOTE_PAIRS
        and last == QUOTE_PAIRS[first]
        and len(value) > 1
        and label in {"title", "container-title", "publisher", "collection-title"}
    ):
        inner = value[1:-1]
        if first not in inner and QUOTE_PAIRS[first] not in inner:
            errs.append(f"<{label}> wrapped in enclosing quotes: {value!r}")
    if label == "DOI" and re.match(r"(?i)(https?://|doi)", value):
        errs.append(f"DOI span includes its label/resolver: {value!r}")
    if label == "DOI" and not value.startswith("10."):
        warns.append(f"DOI does not start with 10.: {value!r}")
    if label == "URL" and value.endswith("."):
        errs.append(f"URL ends with a period: {value!r}")
    if label == "ISBN" and value.upper().startswith("ISBN"):
        errs.append(f"ISBN span includes its label: {value!r}")
    if label in {"issued", "accessed"} and not re.search(r"\d", value):
        errs.append(f"<{label}> without a digit: {value!r}")
    if label in {"title", "container-title"} and value.endswith((",", ";", ":")):
        errs.append(f"<{label}> ends with a separator: {value!r}")
    if label in {"author", "editor", "translator", "compiler"} and value.endswith((",", ";", ":")):
        errs.append(f"<{label}> ends with a separator: {value!r}")
    if label == "page" and not re.search(r"\d|[IVXLC]", value):
        warns.append(f"page without a number: {value!r}")
    return errs, warns


def validate(paths: list[Path]) -> int:
    seen_ids: set[str] = set()
    seen_text: dict[str, str] = {}
    n_err = 0
    for path in paths:
        counts: Counter[str] = Counter()
        labels: Counter[str] = Counter()
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            where = f"{path.name}:{lineno}"
            errs: list[str] = []
            warns: list[str] = []
            if not line.strip():
                errs.append("blank line")
                print(f"ERROR {where}: blank line")
                n_err += 1
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"ERROR {where}: bad JSON ({exc})")
                n_err += 1
                continue
            missing = [k for k in KEYS if k not in rec]
            if missing:
                errs.append(f"missing keys {missing}")
            rid = str(rec.get("id", ""))
            where = f"{where} {rid}"
            if not rid.startswith(PREFIXES):
                errs.append("id has an unknown prefix")
            if rid in seen_ids:
                errs.append("duplicate id")
            seen_ids.add(rid)
            if rec.get("lang") not in LANGS:
                errs.append(f"bad lang {rec.get('lang')!r}")
            if rec.get("style") not in STYLES:
                errs.append(f"bad style {rec.get('style')!r}")
            if rec.get("type") not in TYPES:
                errs.append(f"bad type {rec.get('type')!r}")
            if not re.fullmatch(r"[a-z]{2}", str(rec.get("language", ""))):
                errs.append(f"bad language {rec.get('language')!r}")
            tagged = str(rec.get("tagged", ""))
            found, plain, struct = spans(tagged)
            errs += [e for e in struct if not e.startswith("warn: ")]
            warns += [e[6:] for e in struct if e.startswith("warn: ")]
            if plain != plain.strip() or "\n" in plain:
                errs.append("printed string has edge whitespace or a newline")
            if plain in seen_text:
                errs.append(f"same printed string as {seen_text[plain]}")
            seen_text[plain] = rid
            names = [lab for lab, _ in found]
            if not {"title", "container-title"} & set(names):
                if rec.get("type") in TITLELESS_TYPES:
                    warns.append("no title or container-title")
                else:
                    errs.append("no title or container-title")
            for once in (
                "title",
                "container-title",
                "issued",
                "author",
                "publisher-place",
                "volume",
                "issue",
            ):
                if names.count(once) > 1:
                    errs.append(f"more than one <{once}>")
            if "citation-number" in names and names[0] != "citation-number":
                errs.append("citation-number is not the first span")
            for lab, val in found:
                span_errs, span_warns = check_span(lab, val)
                errs += span_errs
                warns += span_warns
                labels[lab] += 1
            for msg in errs:
                print(f"ERROR {where}: {msg}")
            for msg in warns:
                print(f"warn  {where}: {msg}")
            n_err += len(errs)
            counts[f"{rec.get('type')}"] += 1
        total = sum(counts.values())
        print(f"{path}: {total} records; types {dict(counts.most_common())}")
        print(f"  labels {dict(labels.most_common())}")
    print("OK" if n_err == 0 else f"{n_err} errors")
    return 1 if n_err else 0


def main() -> None:
    root = Path(__file__).resolve().parent
    args = [Path(a) for a in sys.argv[1:]]
    if not args:
        args = [
            p
            for p in (
                root / "handwritten/az.jsonl",
                root / "handwritten/tr.jsonl",
                root / "seeds_000.jsonl",
            )
            if p.exists()
        ]
    sys.exit(validate(args))


if __name__ == "__main__":
    main()
