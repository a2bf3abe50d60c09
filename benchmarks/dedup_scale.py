"""Time and memory of clustering synthetic libraries of 25k / 50k / 100k occurrences.

    .venv/bin/python benchmarks/dedup_scale.py [--sizes 25000 50000 100000]

Each size runs in a fresh process (so peak memory is per size). Synthetic records: titles
drawn Zipf-like from a mixed az/tr/ru/en word list plus 6,000 pseudo-words, authors from a
surname list plus 3,000 pseudo-surnames, years 1950-2023;
about 30 % of the works are cited 2-4 times with realistic variation (ASCII folding,
Cyrillic spelling, dropped subtitle, initials, OCR damage, a typo). Target: 100k in ≤ 30 s,
≤ 2 GB, and time ×≤ 2.3 when the input doubles. CPU time is printed next to wall time
because the machine may be shared (the ratio uses CPU time).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

from caucbib.dedupe import find_clusters
from caucbib.model import Date, Name, Record

WORDS = [
    "azərbaycan",
    "tarixi",
    "kitabxana",
    "təhsil",
    "inkişaf",
    "qafqaz",
    "xalq",
    "dil",
    "ədəbiyyat",
    "folklor",
    "musiqi",
    "memarlıq",
    "şəhər",
    "coğrafiya",
    "torpaq",
    "neft",
    "iqtisadiyyat",
    "siyasət",
    "mədəniyyət",
    "abidələr",
    "dastan",
    "toponimlər",
    "türk",
    "dünyası",
    "kafkasya",
    "osmanlı",
    "göç",
    "araştırmalar",
    "tarihi",
    "coğrafya",
    "edebiyat",
    "kültür",
    "sorunu",
    "caucasus",
    "history",
    "oil",
    "politics",
    "language",
    "empire",
    "frontier",
    "archaeology",
    "settlements",
    "silk",
    "trade",
    "история",
    "кавказа",
    "культура",
    "народа",
    "топонимика",
    "очерки",
    "археология",
    "торговля",
    "государство",
    "языка",
]
SURNAMES = [
    "Həsənov",
    "Məmmədov",
    "Əliyev",
    "Quliyev",
    "Hüseynov",
    "Qasımov",
    "Rzayev",
    "Abbasov",
    "Kərimov",
    "Cəfərov",
    "Bayramov",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Öztürk",
    "Aydın",
    "Smith",
    "Brown",
    "Taylor",
    "Hill",
    "Green",
    "Davies",
    "Иванов",
    "Петров",
    "Смирнова",
    "Гасанов",
    "Алиев",
    "Волкова",
    "Лавров",
    "Nəcəfli",
    "Babayeva",
    "Orucov",
    "Seyidov",
]
FOLD = str.maketrans("əƏıİğĞşŞçÇöÖüÜ", "eEiIgGsScCoOuU")
CYR = str.maketrans("abdefgiklmnoprstuvyzəı", "абдефгиклмнопрстувйзаы")


SYLLABLES = [
    "ba",
    "ka",
    "la",
    "ma",
    "na",
    "sa",
    "ta",
    "va",
    "za",
    "qa",
    "xa",
    "ha",
    "ra",
    "da",
    "ga",
    "ya",
    "be",
    "ke",
    "le",
    "me",
    "ne",
    "se",
    "te",
    "ve",
    "ze",
    "ğı",
    "şə",
    "çö",
    "ün",
    "ar",
    "an",
    "al",
    "ov",
    "ev",
    "li",
    "lı",
    "ski",
    "ko",
    "ro",
    "to",
    "so",
    "mo",
    "no",
    "zo",
    "du",
    "ru",
    "su",
    "tu",
    "nu",
    "qu",
]


def _lexicon(rng: random.Random, size: int, parts: tuple[int, int], suffix: str = "") -> list[str]:
    """Pseudo-words, so that the vocabulary is large and Zipf-like as in real titles."""
    return [
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(*parts))) + suffix
        for _ in range(size)
    ]


_RNG = random.Random(3)
VOCABULARY = WORDS + _lexicon(_RNG, 6000, (2, 4))
FAMILY_NAMES = SURNAMES + [w.capitalize() for w in _lexicon(_RNG, 3000, (2, 3), "ov")]


def zipf(rng: random.Random, items: list[str]) -> str:
    """A Zipf-like draw: early (common) items are drawn far more often than late ones."""
    return items[
        min(int(rng.paretovariate(1.0)) - 1, len(items) - 1)
        if rng.random() < 0.5
        else rng.randrange(len(items))
    ]


def work(rng: random.Random, n: int) -> Record:
    title = " ".join(zipf(rng, VOCABULARY) for _ in range(rng.randint(3, 8)))
    if rng.random() < 0.3:
        title += ": " + " ".join(zipf(rng, VOCABULARY) for _ in range(rng.randint(2, 4)))
    authors = [
        Name(zipf(rng, FAMILY_NAMES), rng.choice("ABCDEFGHKLMNRST") + ".")
        for _ in range(rng.randint(0, 3))
    ]
    kind = rng.choice(["book", "book", "article-journal", "chapter"])
    record = Record(
        type=kind,
        author=authors,
        title=title.capitalize(),
        issued=Date(rng.randint(1950, 2023)),
        publisher=rng.choice(WORDS).title(),
    )
    if kind != "book":
        record.container_title = " ".join(rng.choice(WORDS) for _ in range(3)).title()
        start = rng.randint(1, 400)
        record.page = f"{start}-{start + rng.randint(5, 30)}"
    if rng.random() < 0.1:
        record.volume = str(rng.randint(1, 5))
    if rng.random() < 0.05:
        record.DOI = f"10.{rng.randint(1000, 9999)}/x{n}"
    return record


def variant(rng: random.Random, record: Record) -> Record:
    out = record.copy()
    choice = rng.randrange(6)
    title = out.title or ""
    if choice == 0:
        out.title = title.translate(FOLD)
        out.author = [Name(a.family and a.family.translate(FOLD), a.given) for a in out.author]
    elif choice == 1:
        out.title = title.lower().translate(CYR)
    elif choice == 2:
        out.title = title.split(":")[0]
    elif choice == 3:
        out.title = title.replace("ü", "ii").replace("ı", "1")
    elif choice == 4 and len(title) > 5:
        i = rng.randrange(1, len(title) - 1)
        out.title = title[:i] + title[i + 1 :]
    else:
        out.publisher = None
        out.page = None
    return out


def _render(record: Record) -> str:
    """A plausible printed form, so that raw-text features cost what they cost in real use."""
    names = ", ".join(f"{a.family} {a.given}" for a in record.author)
    where = f" // {record.container_title}" if record.container_title else ""
    pages = f" – P. {record.page}." if record.page else ""
    volume = f" – Vol. {record.volume}." if record.volume else ""
    return (
        f"{names}. {record.title}{where}. – {record.publisher or ''}, {record.year}.{volume}{pages}"
    )


def synthetic(size: int, seed: int = 7) -> list[tuple[str, Record]]:
    rng = random.Random(seed)
    items: list[tuple[str, Record]] = []
    n = 0
    while len(items) < size:
        base = work(rng, n)
        n += 1
        copies = (
            [base] + [variant(rng, base) for _ in range(rng.choice([1, 2, 3]))]
            if rng.random() < 0.3
            else [base]
        )
        for record in copies:
            record.raw = _render(record)
            record.id = f"r{len(items):07d}"
            items.append((str(len(items)), record))
    return items[:size]


def run_one(size: int) -> dict[str, float]:
    items = synthetic(size)
    started, cpu_started = time.perf_counter(), time.process_time()
    clusters = find_clusters(items)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "size": size,
        "seconds": round(elapsed, 2),
        "cpu": round(cpu, 2),
        "clusters": len(clusters),
        "peak_mb": round(peak_mb),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[25_000, 50_000, 100_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    previous: float | None = None
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        result = json.loads(out)
        ratio = f" ×{result['cpu'] / previous:.2f}" if previous else ""
        print(
            f"{size:>7} occurrences: {result['seconds']:>6} s wall, {result['cpu']:>6} s CPU"
            f"{ratio}, {result['clusters']} clusters, peak {result['peak_mb']} MB"
        )
        previous = result["cpu"]
    return 0


if __name__ == "__main__":
    sys.exit(main())
