"""Split a printed name list into :class:`Name` objects (roles, et al., organisations)."""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from caucbib.model import Name

_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-.]*", re.U)
_DASHES = "‐‑‒–—―−"
_DASH_TO_HYPHEN = {ord(c): "-" for c in _DASHES}


_SPACES = re.compile(r"\s+")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_INITIAL = re.compile(r"(?<![\w])[^\W\d_]{1,2}\.")
_INITIAL_SEPARATORS = re.compile(r"[\s.\-]+")
_GLUED_INITIALS = re.compile(r"^((?:[^\W\d_]{1,2}\.\s*)+)([^\W\d_].+)$")
_STARTS_WITH_INITIAL = re.compile(r"^[^\W\d_]{1,2}\.")
_LIST_SEPARATOR = re.compile(r"[,;&]")
_LIST_NUMBER = re.compile(r"^\[?\d{1,4}[.)\]]\s*")


@cache
def _conventions() -> dict[str, Any]:
    text = resources.files("caucbib.data.parse").joinpath("names.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _alt(patterns: list[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


@cache
def _role_re() -> re.Pattern[str]:
    roles = _conventions()["role_phrases"]
    pats = [p for role in roles.values() for p in role]
    return re.compile(r"(?<![\w])(?:" + _alt(pats) + r")(?![\w])\s*:?", re.I)


@cache
def _etal_re() -> re.Pattern[str]:
    return re.compile(r"[,;]?\s*(?<![\w])(?:" + _alt(_conventions()["etal"]) + r")(?![\w])", re.I)


@cache
def _title_re() -> re.Pattern[str]:
    pats = _conventions()["academic_titles"]
    return re.compile(r"(?<![\w])(?:" + _alt(pats) + r")(?=[\s.,]|$)\s*", re.I)


@cache
def given_names() -> frozenset[str]:
    """Common given names (lower-case), from ``data/parse/given_names.txt``."""
    text = resources.files("caucbib.data.parse").joinpath("given_names.txt").read_text("utf-8")
    return frozenset(
        w.strip().replace("İ", "i").lower()
        for w in text.splitlines()
        if w.strip() and not w.startswith("#")
    )


def _is_given(word: str) -> bool:
    return word.strip(".,").replace("İ", "i").lower() in given_names()


@cache
def _patronymics() -> frozenset[str]:
    return frozenset(_conventions()["patronymic"])


@cache
def _particles() -> frozenset[str]:
    return frozenset(_conventions()["particles"])


@cache
def _org_words() -> frozenset[str]:
    return frozenset(_conventions()["organisation_words"])


@cache
def _role_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (str(role), re.compile(r"(?<![\w])(?:" + _alt(pats) + r")(?![\w])", re.I))
        for role, pats in _conventions()["role_phrases"].items()
    )


def role_of(text: str, default: str = "author") -> str:
    """The role a role word in ``text`` names (editor, translator, compiler), else default."""
    for role, pattern in _role_patterns():
        if pattern.search(text):
            return role
    return default


def strip_roles(text: str) -> tuple[str, bool]:
    """Remove role words, academic titles and et-al forms → (names text, had et al.)."""
    text, n_etal = _etal_re().subn(" ", text)
    text = _role_re().sub(" ", text)
    text = _title_re().sub(" ", text)
    text = _EMPTY_BRACKETS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" ,;:/-–—()[]")
    text = text.lstrip(". ")
    return text, n_etal > 0


def is_organisation(text: str) -> bool:
    """Acronyms (``OSCE``, ``СССР``), ``The …`` and names with organisation words."""
    words = _WORD.findall(text)
    if not words:
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 3 and "." not in text:
        return True
    if words[0] in ("The", "the") and len(words) > 1:
        return True
    low = {w.lower() for w in words}
    return len(words) >= 2 and bool(low & _org_words()) and not _has_initials(text)


def _has_initials(text: str) -> bool:
    return _INITIAL.search(text) is not None


def recase(word: str, turkic: bool) -> str:
    """``KANTARCI``→``Kantarcı`` (tr/az rules when ``turkic``), ``SMITH``→``Smith``."""
    def one(part: str) -> str:
        if len(part) < 2:
            return part
        rest = part[1:].replace("İ", "i")
        if turkic:
            rest = rest.replace("I", "ı").replace("İ", "i")
        return part[0] + rest.lower()

    return "-".join(one(p) for p in word.split("-"))


def _is_initials(text: str) -> bool:
    """``A.``, ``A.A.``, ``N. G.``, ``Sh.``, ``Yu.A.``, Vancouver ``AB``/``ЭЕ``, ``Y``."""
    return _short_is_initials(text) if len(text) <= 40 else _initials(text)


@lru_cache(maxsize=16384)
def _short_is_initials(text: str) -> bool:
    return _initials(text)


def _initials(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > 12:
        return False
    parts = [p for p in _INITIAL_SEPARATORS.split(t) if p]
    if not parts or len(parts) > 4 or not all(p.isalpha() for p in parts):
        return False
    dotted = "." in t
    for part in parts:
        if len(part) == 1:
            if not part.isupper():
                return False
        elif len(part) == 2 and part[0].isupper() and part[1].islower():
            if not dotted:
                return False
        elif len(part) <= 3 and part.isupper():
            if dotted or len(parts) > 1:
                return False
        else:
            return False
    return True


def _split_particle(family: str) -> tuple[str | None, str]:
    parts = family.split()
    for k in (2, 1):
        if len(parts) > k and " ".join(parts[:k]).lower() in _particles():
            return " ".join(parts[:k]), " ".join(parts[k:])
    return None, family


def _make(family: str, given: str | None, turkic: bool) -> Name:
    family = family.strip(" ,.;:")
    given = given.strip(" ,;:") if given else None
    if given and family.isupper() and len(family) > 1 and not _is_initials(family):
        family = " ".join(recase(w, turkic) for w in family.split())
    particle, family = _split_particle(family)
    return Name(family=family or None, given=given or None, particle=particle)


def parse_one(text: str, *, family_first: bool = True, turkic: bool = False) -> Name | None:
    """One printed name → Name.

    Forms: ``Family, Given``, ``Family I.I.``, ``I. I. Family``, ``Given Family``.
    """
    text = _SPACES.sub(" ", text).strip(" ,;:&")
    if not text or not any(c.isalpha() for c in text):
        return None
    if is_organisation(text):
        return Name(literal=text.strip(" .,"))
    if "," in text:
        family, given = text.split(",", 1)
        return _make(family, given, turkic)
    # initials glued to the family name: A.S.Sumbatzade / Sumbatzade A.S.
    m = _GLUED_INITIALS.match(text)
    if m and not _is_initials(m.group(2)):
        return _make(m.group(2), m.group(1).strip(), turkic)
    words = text.split(" ")
    # family followed by initials: Galoyan N.G. / Sekijima Y / Кравченко ЭЕ
    for k in range(1, len(words)):
        tail = " ".join(words[k:])
        if _is_initials(tail) and not _is_initials(" ".join(words[:k])):
            return _make(" ".join(words[:k]), tail, turkic)
    low = [w.lower().strip(".,") for w in words]
    patronymic = _patronymics()
    if any(w in patronymic for w in low) or any(
        w.endswith(("ович", "евич", "овна", "евна", "ична")) for w in low[1:]
    ):
        return _make(words[0], " ".join(words[1:]), turkic)
    if len(words) == 1:
        return _make(words[0], None, turkic)
    if len(words) >= 3 and _is_initials(words[-2]) and _is_given(words[0]):
        family_first = False  # Fabio L. Grassi
    first_caps = words[0].isupper() and len(words[0]) > 1
    last_caps = words[-1].isupper() and len(words[-1]) > 1
    if last_caps and not first_caps:
        family_first = False  # Taner TİMUR
    elif first_caps and not last_caps:
        family_first = True  # KANTARCI Şenol
    elif _is_given(words[0]) and not _is_given(words[-1]):
        family_first = False  # Yusuf Tekin
    elif _is_given(words[-1]) and not _is_given(words[0]):
        family_first = True  # Ergin Muharrem
    if family_first:
        return _make(words[0], " ".join(words[1:]), turkic)
    # given-first: the family name is the last word (with a particle before it)
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _particles():
        k -= 1
    return _make(" ".join(words[k:]), " ".join(words[:k]), turkic)


# "Hacıyev T.İ. Vəliyev K.N." — a new family name after initials, no comma printed
_RUN_TOGETHER = re.compile(
    r"((?<!\S)[^\W\d_]{2,}[\w'-]*\s+(?:[^\W\d_]{1,2}\.\s?){1,3})"
    r"(?=\s*[^\W\d_]{2,}\s+[^\W\d_]{1,2}\.)"
)
_CONJ = re.compile(r"\s*(?:&|\b(?:and|And|AND|və|ve|и|und|et|y|i)\b|;)\s*")


def _pair_chunks(chunks: list[str]) -> list[tuple[str, str | None]]:
    """Comma-separated chunks → (name text, given or None) items."""
    out: list[tuple[str, str | None]] = []
    i = 0
    while i < len(chunks):
        cur = chunks[i]
        nxt = chunks[i + 1] if i + 1 < len(chunks) else None
        single = " " not in cur.strip() or _split_particle(cur)[0] is not None
        if (
            nxt is not None
            and not _is_initials(cur)
            and not _looks_full(cur)
            and not _STARTS_WITH_INITIAL.match(cur)
            and (
                _is_initials(nxt)
                or (single and len(nxt.split()) <= 3)
                or (len(chunks) == 2 and len(cur.split()) <= 2 and not _looks_full(nxt))
            )
        ):
            out.append((nxt, cur) if _given_then_family(cur, nxt) else (cur, nxt))
            i += 2
        else:
            out.append((cur, None))
            i += 1
    return out


@cache
def _family_endings() -> tuple[str, ...]:
    return tuple(_conventions()["family_endings"])


def _given_then_family(first: str, second: str) -> bool:
    """``Araz, Aslanlı``: a stray comma between a given name and a family name."""
    first, second = first.strip(" ."), second.strip(" .")
    if " " in first or " " in second or _is_initials(second):
        return False
    return (
        _is_given(first)
        and not _is_given(second)
        and second.lower().endswith(_family_endings())
        and not first.lower().endswith(_family_endings())
    )


def _looks_full(chunk: str) -> bool:
    """A chunk that is a whole name on its own (``Danyuk N.S.``, ``N. Smith``)."""
    words = chunk.split()
    if len(words) < 2 or all(_is_initials(w) for w in words):
        return False
    return any(_is_initials(w) for w in words)


def parse_names(
    text: str, *, turkic: bool = False, english: bool = False
) -> tuple[list[Name], bool]:
    """A printed name list → (names, had an et-al form). Roles and titles are dropped."""
    body, et_al = strip_roles(text.translate(_DASH_TO_HYPHEN))
    if not body or set(body) <= set("_- .—"):
        return [], et_al
    if is_organisation(body) and not _LIST_SEPARATOR.search(body):
        return [Name(literal=body.strip(" .,"))], et_al
    body = _LIST_NUMBER.sub("", body)
    body = _RUN_TOGETHER.sub(r"\1, ", body)
    names: list[Name] = []
    groups = [g for g in _CONJ.split(body) if g and g.strip(" ,.")]
    for group in groups:
        chunks = [c.strip() for c in group.split(",") if c.strip(" .")]
        for name_text, given in _pair_chunks(chunks):
            name: Name | None
            if given is not None:
                name = _make(name_text, given, turkic)
            else:
                name = parse_one(name_text, family_first=not english, turkic=turkic)
            if name is not None:
                names.append(name)
    return names, et_al
