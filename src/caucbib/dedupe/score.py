"""Pairwise scoring with per-field similarities, explicit vetoes and human-readable reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from caucbib.dedupe.features import Features, PersonKey

WEIGHTS = {
    "title": 0.5,
    "authors": 0.25,
    "year": 0.1,
    "container": 0.1,
    "imprint": 0.05,
    "locator": 0.1,
}


@dataclass
class Link:
    """A scored pair of items: ``veto`` set means they must never share a cluster."""

    a: str
    b: str
    score: float
    reasons: list[str] = field(default_factory=list)
    veto: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "a": self.a,
            "b": self.b,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "veto": self.veto,
        }


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0 if a and b else 0.0


def _abbreviation_match(short: str, long: str) -> bool:
    """``geogr j`` abbreviates ``geographical journal``: each short token prefixes a long one."""
    long_tokens = long.split()
    position = 0
    for token in short.split():
        while position < len(long_tokens) and not long_tokens[position].startswith(token):
            position += 1
        if position == len(long_tokens):
            return False
        position += 1
    return True


def title_similarity(a: Features, b: Features) -> tuple[float, str]:
    """Best of: exact-key ratio, skeleton ratio (transliteration), subset match (subtitle)."""
    if not a.title or not b.title:
        return 0.0, ""
    direct = _ratio(a.title, b.title)
    skeleton = _ratio(a.title_skeleton, b.title_skeleton)
    shorter = min(len(a.title_tokens), len(b.title_tokens))
    subset = fuzz.token_set_ratio(a.title_skeleton, b.title_skeleton) / 100.0
    subset = min(subset, 0.9 if shorter >= 3 else 0.8 if shorter == 2 else 0.6)
    if a.title_tokens and b.title_tokens and a.title_tokens[:shorter] == b.title_tokens[:shorter]:
        subset = max(subset, 0.9 if shorter >= 2 else 0.6)  # subtitle dropped
    best = max(direct, skeleton, subset)
    if a.main_skeleton and b.main_skeleton:  # both have subtitles: the main titles must agree
        best = min(best, _ratio(a.main_skeleton, b.main_skeleton) + 0.1)
    if best == direct:
        how = ""
    elif best == skeleton:
        how = " after transliteration"
    else:
        how = " (one title extends the other)"
    return best, how


def _contained(a: Features, b: Features) -> float:
    """Share of the real title's words found in the raw text of the record without a title."""
    if a.title_is_surrogate == b.title_is_surrogate:
        return 0.0
    real, surrogate = (b, a) if a.title_is_surrogate else (a, b)
    words = real.title_skeleton.split()
    if len(words) < 2:
        return 0.0
    pool = surrogate.raw_words or set(surrogate.title_skeleton.split())
    return sum(1 for w in words if w in pool) / len(words)


def _printed_in(a: Features, b: Features) -> bool:
    """One entry prints the other's whole title too (a Russian reference followed by its
    Turkish rendering in parentheses)."""
    for x, y in ((a, b), (b, a)):
        words = y.title_skeleton.split()
        if len(words) >= 3 and not y.title_is_surrogate and all(w in x.raw_words for w in words):
            return True
    return False


def _first_author_printed(a: Features, b: Features) -> bool:
    """One entry's first author is printed in the other (whose parse lost or garbled it)."""
    for x, y in ((a, b), (b, a)):
        if x.people and len(x.people[0].skeleton) >= 4 and x.people[0].skeleton in y.raw_words:
            return True
    return False


def _initial_conflict(x: PersonKey, y: PersonKey) -> bool:
    if not x.initial or not y.initial or x.initial == y.initial:
        return False
    similar = (
        {"e", "a"},
        {"i", "y", "j", "e"},
        {"k", "h", "x", "q", "g"},
        {"c", "j", "d"},
        {"u", "y", "i"},
        {"s", "c"},
    )
    return not any(x.initial in group and y.initial in group for group in similar)


def _same_person(x: PersonKey, y: PersonKey) -> bool:
    return bool(set(x.variants) & set(y.variants))


def author_similarity(a: Features, b: Features) -> tuple[float | None, str]:
    if not a.people or not b.people:
        return None, ""
    first_a, first_b = a.people[0], b.people[0]
    if _same_person(first_a, first_b):
        first = 1.0
    else:
        first = max(_ratio(x, y) for x in first_a.variants for y in first_b.variants)
        first = first if first >= 0.8 else 0.0
    if first < 0.8:  # the order differs, or the parser split a name differently
        others = [p for p in b.people[1:] if _same_person(first_a, p)]
        if others or first_a.skeleton in b.name_words or first_b.skeleton in a.name_words:
            first = 0.8
    if _initial_conflict(first_a, first_b):
        first *= 0.6
    small, large = sorted((a.people, b.people), key=len)
    found = sum(
        1
        for p in small
        if any(_same_person(p, q) or _ratio(p.skeleton, q.skeleton) >= 0.85 for q in large)
    )
    overlap = found / len(small)
    value = 0.7 * first + 0.3 * max(overlap, first if (a.et_al or b.et_al) else overlap)
    note = ""
    if first >= 0.8:
        sep = "=" if a.first_author == b.first_author else "≈"
        note = f"first author {a.first_author}{sep}{b.first_author}"
    return value, note


def _is_range(pages: tuple[int, int] | None) -> bool:
    return pages is not None and pages[1] > pages[0]


def _part_of(part: Features, whole: Features) -> bool:
    """``part`` is printed as held by ``whole`` (chapter in book, article in that periodical)."""
    if (
        not part.holder
        or part.title_is_surrogate
        or not whole.title
        or whole.title_is_surrogate
        or whole.kind == "part"
    ):
        return False
    whole_title = " ".join(whole.title_tokens)
    return _ratio(part.holder, whole_title) >= 0.85 or (
        len(whole.title_tokens) >= 2 and part.holder.startswith(whole_title)
    )


def _looks_part(f: Features) -> bool:
    if f.type == "chapter" and not f.holder_marked:  # a parser's guess, e.g. "(eds.)", "trans."
        return False
    return f.kind == "part" and bool(f.container) and (_is_range(f.pages) or bool(f.issue))


def _looks_whole(f: Features) -> bool:
    return (
        f.kind == "whole"
        and not _is_range(f.pages)
        and not f.holder
        and not f.issue
        and not f.doi
        and (bool(f.publisher) or bool(f.number_of_pages))
    )


def _year_doubt(a: Features, b: Features) -> bool:
    """Each string also prints the other's year (``(1864) İstanbul, 2017``): a parser slip."""
    return bool(
        a.year and b.year and a.year != b.year and b.year in a.raw_years and a.year in b.raw_years
    )


def _vetoes(a: Features, b: Features, title_sim: float) -> str | None:
    if a.doi and b.doi and a.doi != b.doi:
        return f"veto: DOI {a.doi} vs {b.doi}"
    if a.year and b.year and abs(a.year - b.year) > 1 and not _year_doubt(a, b):
        return f"veto: years {a.year} vs {b.year}"
    if a.volume and b.volume and a.volume != b.volume:
        return f"veto: volume {a.volume} vs {b.volume}"
    if a.edition and b.edition and a.edition != b.edition:
        return f"veto: edition {a.edition} vs {b.edition}"
    # numbers printed only in one title; a number the other entry prints elsewhere is no conflict
    only_a = {n for n in a.title_numbers - b.title_numbers if n not in b.raw_words}
    only_b = {n for n in b.title_numbers - a.title_numbers if n not in a.raw_words}
    if a.title_numbers and b.title_numbers and only_a and only_b:
        return "veto: numbers in the titles differ ({} vs {})".format(
            " ".join(sorted(a.title_numbers)), " ".join(sorted(b.title_numbers))
        )
    if _part_of(a, b) or _part_of(b, a):
        return "veto: a part vs the work that holds it"
    same_holder = bool(a.holder and b.holder and _ratio(a.holder, b.holder) >= 0.85)
    if not same_holder and (
        (_looks_part(a) and _looks_whole(b)) or (_looks_part(b) and _looks_whole(a))
    ):
        return f"veto: {a.type} vs {b.type} (a part vs a whole work)"
    if (
        _is_range(a.pages)
        and _is_range(b.pages)
        and a.pages
        and b.pages
        and (a.pages[1] < b.pages[0] or b.pages[1] < a.pages[0])
    ):
        return f"veto: pages {a.pages[0]}-{a.pages[1]} vs {b.pages[0]}-{b.pages[1]}"
    if (
        a.work_lang
        and b.work_lang
        and a.work_lang != b.work_lang
        and title_sim < 0.6
        and {a.work_lang, b.work_lang} != {"az", "tr"}
    ):
        return f"veto: language {a.work_lang} vs {b.work_lang} (a translation)"
    return None


def _locator(a: Features, b: Features) -> float | None:
    """Agreement of volume, issue and pages of two parts (None when nothing to compare)."""
    checks: list[float] = []
    if a.pages and b.pages:
        checks.append(1.0 if a.pages[0] == b.pages[0] else 0.0)
    if a.issue and b.issue:
        checks.append(1.0 if a.issue == b.issue else 0.0)
    if a.volume and b.volume:
        checks.append(1.0 if a.volume == b.volume else 0.0)
    return sum(checks) / len(checks) if checks else None


def _translated_title_evidence(a: Features, b: Features) -> list[str]:
    """Agreeing details that identify one work cited under a translated title."""
    found: list[str] = []
    if a.pages and b.pages and a.pages == b.pages:
        found.append(f"same pages {a.pages[0]}-{a.pages[1]}")
    if a.number_of_pages and a.number_of_pages == b.number_of_pages:
        found.append(f"same page count {a.number_of_pages}")
    if a.volume and a.volume == b.volume:
        found.append(f"same volume {a.volume}")
    if a.issue and a.issue == b.issue:
        found.append(f"same issue {a.issue}")
    if a.publisher and b.publisher and _ratio(a.publisher, b.publisher) >= 0.8:
        found.append("same publisher")
    return found


def score_pair(a: Features, b: Features, key_a: str = "", key_b: str = "") -> Link:
    """Score two records; the link carries reasons and, when they cannot match, a veto."""
    link = Link(key_a, key_b, 0.0)
    if a.doi and b.doi and a.doi == b.doi:
        link.score, link.reasons = 1.0, ["same DOI"]
        if a.volume and b.volume and a.volume != b.volume:
            link.veto = f"veto: volume {a.volume} vs {b.volume}"
        return link
    if a.year and b.year and abs(a.year - b.year) > 1 and not _year_doubt(a, b):
        link.veto = f"veto: years {a.year} vs {b.year}"  # cheap and common: decide first
        link.reasons = [link.veto]
        return link
    if (
        a.title_script == b.title_script
        and a.title
        and b.title
        and fuzz.token_set_ratio(a.title_skeleton, b.title_skeleton, score_cutoff=45) == 0
    ):
        link.reasons = ["titles differ"]  # quick reject: nothing below could lift the score
        return link
    title_sim, how = title_similarity(a, b)
    if title_sim < 0.85 and _printed_in(a, b):
        title_sim, how = 0.85, " (the title is printed in the other entry)"
    if (
        title_sim < 0.6
        and a.title_script == b.title_script
        and a.title_lang == b.title_lang
        and not a.title_is_surrogate
        and not b.title_is_surrogate
    ):
        link.score, link.reasons = title_sim, [f"title {title_sim:.2f}"]  # cannot reach 0.6
        return link
    link.veto = _vetoes(a, b, title_sim)
    if link.veto:
        link.reasons = [link.veto]
        return link
    if a.isbn and b.isbn and a.isbn == b.isbn:
        link.score, link.reasons = 0.97, ["same ISBN"]
        return link
    parts: dict[str, float] = {}
    reasons: list[str] = []
    if a.title and b.title:
        if a.title_is_surrogate or b.title_is_surrogate:
            contained = _contained(a, b)
            title_sim = max(min(title_sim, 0.85), 0.9 if contained == 1.0 else 0.85 * contained)
            how = " (a title not found: raw text compared)"
        parts["title"] = title_sim
        reasons.append(f"title {title_sim:.2f}{how}")
    author_sim, author_note = author_similarity(a, b)
    if author_sim is not None and author_sim < 0.8 and _first_author_printed(a, b):
        author_sim, author_note = 0.8, "first author printed in the other entry"
    if author_sim is not None:
        # a long, near-identical title outweighs a name the transliteration changed (Шопен/Chopin)
        if title_sim >= 0.9 and len(a.title_tokens) >= 5 and not a.title_is_surrogate:
            author_sim = max(author_sim, 0.6)
        parts["authors"] = author_sim
        if author_note:
            reasons.append(author_note)
    locator = _locator(a, b)
    if locator is not None:
        parts["locator"] = locator
    if a.year and b.year and not _year_doubt(a, b):
        parts["year"] = 1.0 if a.year == b.year else 0.7
        reasons.append(f"same year {a.year}" if a.year == b.year else f"years {a.year}/{b.year}")
    if a.container and b.container:
        short, long = sorted((a.container, b.container), key=len)
        container = 0.9 if _abbreviation_match(short, long) else 0.0
        parts["container"] = max(container, _ratio(a.container, b.container))
    imprint = [_ratio(x, y) for x, y in ((a.publisher, b.publisher), (a.place, b.place)) if x and y]
    if imprint:
        parts["imprint"] = max(imprint)
    if "title" not in parts:
        return link
    surrogate = a.title_is_surrogate or b.title_is_surrogate
    if surrogate:  # the parser failed on one entry: its other fields are not trusted either
        parts = {k: v for k, v in parts.items() if k in ("title", "authors", "year", "locator")}
        if "authors" not in parts and _first_author_printed(a, b):
            parts["authors"] = 0.9
            reasons.append("first author printed in the other entry")
    total = sum(WEIGHTS[k] for k in parts)
    score = sum(WEIGHTS[k] * v for k, v in parts.items()) / total
    if a.issue and b.issue and a.issue != b.issue and a.kind == b.kind == "part":
        score -= 0.15
        reasons.append(f"issue {a.issue} vs {b.issue}")
    if ((a.people and not b.people) or (b.people and not a.people)) and not surrogate:
        score -= 0.03
    if title_sim < 0.8:
        evidence = _translated_title_evidence(a, b)
        translated = a.title_script != b.title_script or a.title_lang != b.title_lang
        marked = bool(a.work_lang and a.work_lang == b.work_lang)
        if (
            translated
            and author_sim is not None
            and author_sim >= 0.9
            and a.year
            and a.year == b.year
            and len(evidence) >= (1 if marked else 2)
        ):
            score = max(score, 0.8 + 0.03 * len(evidence))
            reasons = ["title translated", *reasons[1:], *evidence]
        elif title_sim < 0.6:
            score = min(score, title_sim)
        else:  # a weak title is not rescued by agreeing author, year and publisher
            score = min(score, title_sim + 0.05)
    link.score = max(0.0, min(1.0, score))
    link.reasons = reasons
    return link
