"""Pairwise scoring with per-field similarities, explicit vetoes and human-readable reasons."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from caucbib.dedupe.features import Features, PersonKey

WEIGHTS = {"title": 0.5, "authors": 0.25, "year": 0.1, "container": 0.1, "imprint": 0.05}


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
    if best == direct:
        how = ""
    elif best == skeleton:
        how = " after transliteration"
    else:
        how = " (one title extends the other)"
    return best, how


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


def author_similarity(a: Features, b: Features) -> tuple[float | None, str]:
    if not a.people or not b.people:
        return (None if not a.people and not b.people else 0.5), ""
    first_a, first_b = a.people[0], b.people[0]
    first = (
        1.0 if first_a.skeleton == first_b.skeleton else _ratio(first_a.skeleton, first_b.skeleton)
    )
    if first < 0.8:  # maybe the order differs or the name is split differently
        families_b = {p.skeleton for p in b.people}
        first = 0.8 if first_a.skeleton in families_b else first
    if _initial_conflict(first_a, first_b):
        first *= 0.6
    skel_a = {p.skeleton for p in a.people}
    skel_b = {p.skeleton for p in b.people}
    overlap = len(skel_a & skel_b) / min(len(skel_a), len(skel_b))
    if len(skel_a) != len(skel_b) and not (a.et_al or b.et_al) and overlap == 1.0:
        overlap = 0.9
    value = 0.7 * first + 0.3 * overlap
    note = ""
    if first >= 0.8:
        sep = "=" if a.first_author == b.first_author else "≈"
        note = f"first author {a.first_author}{sep}{b.first_author}"
    return value, note


def _vetoes(a: Features, b: Features, title_sim: float) -> str | None:
    if a.doi and b.doi and a.doi != b.doi:
        return f"veto: DOI {a.doi} vs {b.doi}"
    if a.year and b.year and abs(a.year - b.year) > 1:
        return f"veto: years {a.year} vs {b.year}"
    if a.volume and b.volume and a.volume != b.volume:
        return f"veto: volume {a.volume} vs {b.volume}"
    if a.edition and b.edition and a.edition != b.edition:
        return f"veto: edition {a.edition} vs {b.edition}"
    digits_a = {n for n in a.title_numbers if n.isdigit()}
    digits_b = {n for n in b.title_numbers if n.isdigit()}
    if digits_a and digits_b and digits_a != digits_b:
        return "veto: numbers in the titles differ ({} vs {})".format(
            " ".join(sorted(digits_a)), " ".join(sorted(digits_b))
        )
    if {a.kind, b.kind} == {"part", "whole"}:
        return f"veto: {a.type} vs {b.type} (a part vs a whole work)"
    if (
        a.pages
        and b.pages
        and a.kind == b.kind == "part"
        and (a.pages[1] < b.pages[0] or b.pages[1] < a.pages[0])
    ):
        return f"veto: pages {a.pages[0]}-{a.pages[1]} vs {b.pages[0]}-{b.pages[1]}"
    if (
        a.work_lang
        and b.work_lang
        and a.work_lang != b.work_lang
        and title_sim < 0.85
        and {a.work_lang, b.work_lang} != {"az", "tr"}
    ):
        return f"veto: language {a.work_lang} vs {b.work_lang} (a translation)"
    return None


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
    title_sim, how = title_similarity(a, b)
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
        parts["title"] = title_sim
        reasons.append(f"title {title_sim:.2f}{how}")
    author_sim, author_note = author_similarity(a, b)
    if author_sim is not None:
        parts["authors"] = author_sim
        if author_note:
            reasons.append(author_note)
    if a.year and b.year:
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
    total = sum(WEIGHTS[k] for k in parts)
    score = sum(WEIGHTS[k] * v for k, v in parts.items()) / total
    if a.issue and b.issue and a.issue != b.issue and a.kind == b.kind == "part":
        score -= 0.15
        reasons.append(f"issue {a.issue} vs {b.issue}")
    if title_sim < 0.6:
        evidence = _translated_title_evidence(a, b)
        translated = a.title_script != b.title_script or a.title_lang != b.title_lang
        if (
            translated
            and author_sim is not None
            and author_sim >= 0.9
            and a.year
            and a.year == b.year
            and len(evidence) >= 1
            and a.work_lang == b.work_lang
        ):
            score = 0.8 + 0.03 * len(evidence)
            reasons = ["title translated", *reasons[1:], *evidence]
        else:
            score = min(score, title_sim)
    link.score = max(0.0, min(1.0, score))
    link.reasons = reasons
    return link
