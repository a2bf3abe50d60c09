"""Validate hand-labelled training references (corpus contract in training/*.jsonl).

Usage: python training/validate_ruen.py FILE.jsonl [FILE.jsonl ...]
Exits 1 when any record breaks the contract; prints one line per problem.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from contract import LABELS, STYLES, TYPES

KEYS = ("id", "lang", "style", "type", "language", "tagged")
ID_PREFIXES = ("seed-", "hw-az-", "hw-tr-", "hw-ru-", "hw-en-", "hw-mx-", "syn-")
TAG_RE = re.compile(r"</?(" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")>")
STRAY_RE = re.compile(r"</?[a-zA-Z-]+>")
ENCLOSING = {"«": "»", '"': '"', "“": "”", "„": "“", "'": "'"}
# Types that may legitimately have neither title nor container-title.
TITLELESS_OK = frozenset({"manuscript"})
# Language notes and the work language they imply.
LANGUAGE_NOTES = {
    "(in russ": "ru",
    "(in russian": "ru",
    "(in azerbaijani": "az",
    "(in armenian": "hy",
    "(in georgian": "ka",
    "на груз. яз": "ka",
    "на арм. яз": "hy",
    "на азерб. яз": "az",
}
# Types whose records always print a title of their own.
TITLED_TYPES = frozenset(
    {"article-journal", "chapter", "thesis", "paper-conference", "book", "report"}
)


def spans(tagged: str) -> tuple[list[tuple[str, str]], str, list[str]]:
    """Return (label, text) spans, the untagged text and structural problems."""
    problems: list[str] = []
    out: list[tuple[str, str]] = []
    plain: list[str] = []
    open_label: str | None = None
    start = 0
    pos = 0
    for m in TAG_RE.finditer(tagged):
        plain.append(tagged[pos : m.start()])
        closing = m.group(0).startswith("</")
        label = m.group(1)
        if not closing:
            if open_label is not None:
                problems.append(f"nested <{label}> inside <{open_label}>")
            open_label, start = label, m.end()
        else:
            if open_label != label:
                problems.append(f"unbalanced </{label}> (open: {open_label})")
            else:
                out.append((label, tagged[start : m.start()]))
            open_label = None
        pos = m.end()
    plain.append(tagged[pos:])
    if open_label is not None:
        problems.append(f"unclosed <{open_label}>")
    text = "".join(plain)
    if STRAY_RE.search(text):
        problems.append(f"stray tag-like text {STRAY_RE.search(text).group(0)!r}")  # type: ignore[union-attr]
    return out, text, problems


def check_record(rec: dict[str, object], lang: str | None) -> list[str]:
    problems: list[str] = []
    for key in KEYS:
        if not isinstance(rec.get(key), str) or not rec.get(key):
            problems.append(f"missing or empty key {key!r}")
    if problems:
        return problems
    rid, tagged = str(rec["id"]), str(rec["tagged"])
    if not rid.startswith(ID_PREFIXES):
        problems.append(f"bad id prefix {rid!r}")
    if lang and rec["lang"] != lang:
        problems.append(f"lang {rec['lang']!r} != {lang!r}")
    if rec["style"] not in STYLES:
        problems.append(f"unknown style {rec['style']!r}")
    if rec["type"] not in TYPES:
        problems.append(f"unknown type {rec['type']!r}")
    if not re.fullmatch(r"[a-z]{2}", str(rec["language"])):
        problems.append(f"bad language {rec['language']!r}")
    found, text, structural = spans(tagged)
    problems += structural
    if text != text.strip() or "\n" in text:
        problems.append("leading/trailing whitespace or newline in printed string")
    labels = Counter(label for label, _ in found)
    resolver_free = re.sub(r"https?://(?:dx\.)?doi\.org/(?=<DOI>)", "", tagged)
    outside = re.sub(r"<([a-zA-Z-]+)>.*?</\1>", " ", resolver_free)
    for pattern, what in (
        (r"https?://|www\.", "URL"),
        (r"\b10\.\d{4,}/", "DOI"),
        (r"ISBN:?\s*\d", "ISBN"),
    ):
        if re.search(pattern, outside):
            problems.append(f"untagged {what} in separator text")
    notes = " ".join(value.lower() for label, value in found if label == "note")
    for marker, code in LANGUAGE_NOTES.items():
        if marker in notes and rec["language"] != code:
            problems.append(f"note {marker!r} but language {rec['language']!r}")
    for marker in ("(In Russ.)", "(in Russian)", "[Электронный ресурс]", "[Текст]"):
        if marker in outside:
            problems.append(f"untagged note {marker!r}")
    for label, value in found:
        if not value.strip():
            problems.append(f"empty <{label}>")
        elif value != value.strip():
            problems.append(f"<{label}> has edge whitespace: {value!r}")
        elif value[0] in ENCLOSING and value[-1] == ENCLOSING[value[0]] and len(value) > 1:
            problems.append(f"<{label}> keeps enclosing quotes: {value!r}")
        if label in {"title", "container-title", "publisher", "URL", "author"} and value.endswith(
            (",", ";", ":")
        ):
            problems.append(f"<{label}> ends with separator: {value!r}")
        if label == "URL" and value.endswith("."):
            problems.append(f"URL ends with period: {value!r}")
        if label in {"URL", "DOI"} and " " in value:
            problems.append(f"space inside <{label}>: {value!r}")
        if label == "ISBN" and value.upper().startswith("ISBN"):
            problems.append("ISBN label inside span")
        if label == "DOI" and value.upper().startswith("DOI"):
            problems.append("DOI label inside span")
    for label in (
        "title",
        "issued",
        "container-title",
        "publisher",
        "publisher-place",
        "citation-number",
        "author",
        "page",
        "volume",
        "issue",
    ):
        if labels[label] > 1:
            problems.append(f"{labels[label]} <{label}> spans")
    if not (labels["title"] or labels["container-title"]) and rec["type"] not in TITLELESS_OK:
        problems.append("no title and no container-title")
    if (
        rec["type"] == "article-journal"
        and not labels["container-title"]
        and rec["style"] not in {"heading", "footnote"}
        and not re.search(r"<note>(Там же|Ibid\.?)</note>", tagged)
    ):
        problems.append("article-journal without container-title")
    if (
        rec["type"] in TITLED_TYPES
        and not labels["title"]
        and not re.search(r"<note>(Там же|Ibid\.?)</note>", tagged)
    ):
        problems.append(f"{rec['type']} without title")
    for quoted in re.finditer(r"['\"“«][^'\"”»<>]{12,}['\"”»]", outside):
        if "специальност" not in outside[max(0, quoted.start() - 30) : quoted.start()]:
            problems.append("quoted text left untagged")
    if rec["type"] == "thesis" and not labels["genre"]:
        problems.append("thesis without genre")
    return problems


def validate(path: Path) -> tuple[int, int, Counter[str]]:
    lang = {"ru.jsonl": "ru", "en.jsonl": "en"}.get(path.name)
    seen: set[str] = set()
    bad = 0
    types: Counter[str] = Counter()
    texts: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"{path.name}:{n}: invalid JSON: {exc}")
            bad += 1
            continue
        problems = check_record(rec, lang)
        rid = str(rec.get("id"))
        if rid in seen:
            problems.append(f"duplicate id {rid}")
        seen.add(rid)
        plain = TAG_RE.sub("", str(rec.get("tagged", "")))
        if plain in texts:
            problems.append("duplicate printed string")
        texts.add(plain)
        types[str(rec.get("type"))] += 1
        for p in problems:
            print(f"{path.name}:{n}: {rid}: {p}")
        bad += bool(problems)
    return len(seen), bad, types


def main(argv: list[str]) -> int:
    total_bad = 0
    for arg in argv or [
        "training/handwritten/ru.jsonl",
        "training/handwritten/en.jsonl",
        "training/seeds_002.jsonl",
    ]:
        path = Path(arg)
        if not path.exists():
            print(f"{arg}: missing")
            total_bad += 1
            continue
        count, bad, types = validate(path)
        total_bad += bad
        print(f"{arg}: {count} records, {bad} with problems; types {dict(types.most_common())}")
    return 1 if total_bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
