"""Reference string → Record: tokenize, label, group spans, normalise each field."""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from caucbib.errors import CaucbibError
from caucbib.model import Date, Name, Record
from caucbib.parse import fields as f
from caucbib.parse._data import word_lists
from caucbib.parse.corpus import OUTSIDE
from caucbib.parse.dates import parse_date
from caucbib.parse.features import YEAR
from caucbib.parse.kinds import TYPE_MODEL_NAME, predict_type
from caucbib.parse.labeller import bundled_model_path, label_tokens
from caucbib.parse.language import detect_language, language_note
from caucbib.parse.names import parse_names, role_of
from caucbib.parse.repairs import guideline_prefix, repair_labels
from caucbib.parse.tokens import Token, tokenize
from caucbib.parse.type_rules import settle_type

MAX_CHARS = 4000  # longer input is labelled on its first MAX_CHARS characters
_DITTO = re.compile(r"^\s*(?:\[?\(?\d{1,4}[.)\]]\s*)?(?:_{2,}|[—–―-]{2,}|—)\s*\.?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NAME_LABELS = ("author", "editor", "translator", "compiler")
_TEXT_LABELS = {
    "title": "title",
    "container-title": "container_title",
    "collection-title": "collection_title",
    "collection-number": "collection_number",
    "publisher": "publisher",
    "publisher-place": "publisher_place",
    "genre": "genre",
    "note": "note",
}
_NO_PUBLISHER = re.compile(r"^\[?\s*(?:б\.\s*и|s\.\s*n|n\.\s*p)\.?\s*\]?$", re.I)
_TURKIC_LETTERS = frozenset("əğışçöüıİƏĞŞÇÖÜ")
_JOINABLE = frozenset({"title", "container-title", "collection-title", "genre", "note"})
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ID_HINT = re.compile(r"http|www\.|10\.|doi:", re.I)


def spans(tokens: Sequence[Token], labels: Sequence[str], text: str) -> list[tuple[str, str]]:
    """(label, exact substring) per labelled run; runs of one label split only by
    punctuation are joined (a title cut at its colon stays one title)."""
    out_runs: list[tuple[str, int, int]] = []  # (label, first token, last token)
    for i, lab in enumerate(labels):
        if lab == OUTSIDE:
            continue
        if out_runs:
            prev_lab, s, e = out_runs[-1]
            if prev_lab == lab and (
                e == i - 1
                or (lab in _JOINABLE and i - e - 1 <= 2 and _only_separators(tokens, labels, e, i))
            ):
                out_runs[-1] = (lab, s, i)
                continue
        out_runs.append((lab, i, i))
    return [(lab, text[tokens[s].start : tokens[e].end]) for lab, s, e in out_runs]


def _only_separators(tokens: Sequence[Token], labels: Sequence[str], e: int, i: int) -> bool:
    return all(labels[j] == OUTSIDE and tokens[j].text in ".:;–—-" for j in range(e + 1, i))


def _looks_turkic(text: str) -> bool:
    return not _TURKIC_LETTERS.isdisjoint(text)


def build_record(
    text: str, tokens: list[Token], labels: list[str], previous: Record | None
) -> Record:
    """Normalise the labelled spans of ``text`` into a Record (raw kept)."""
    rec = Record(raw=text)
    found = spans(tokens, labels, text)
    first: dict[str, str] = {}
    for lab, value in found:
        first.setdefault(lab, value)
    _first = first.get
    turkic = _looks_turkic(text)
    english = not turkic and _CYRILLIC.search(text) is None
    for role in _NAME_LABELS:
        chunks = [v for lab, v in found if lab == role]
        if not chunks:
            continue
        value = chunks[0]
        actual = role if role != "author" else role_of(value, "author")
        names, et_al = parse_names(value, turkic=turkic, english=english)
        target: list[Name] = getattr(rec, actual)
        if not target:
            target.extend(names)
            if et_al and actual not in rec.et_al:
                rec.et_al.append(actual)
    m = _DITTO.match(text)
    if m and previous is not None and previous.author and not rec.author:
        rec.author = list(previous.author)
        if "author" in previous.et_al:
            rec.et_al.append("author")
    for label, attr in _TEXT_LABELS.items():
        setattr(rec, attr, f.clean_text(_first(label)))
    rec.container_title = f.clean_container(_first("container-title"))
    rec.publisher = f.clean_publisher(_first("publisher"))
    if rec.publisher and (
        _NO_PUBLISHER.match(rec.publisher) or rec.publisher == rec.publisher_place
    ):
        rec.publisher = None
    rec.issued = parse_date(_first("issued"))
    rec.accessed = parse_date(_first("accessed"))
    rec.page = f.clean_pages(_first("page"))
    rec.number_of_pages = f.page_count(_first("number-of-pages"))
    rec.volume = f.clean_volume(_first("volume"))
    rec.issue = f.clean_issue(_first("issue"))
    rec.edition = f.clean_edition(_first("edition"))
    rec.DOI = f.clean_doi(_first("DOI"))
    rec.URL = f.clean_url(_first("URL"))
    rec.ISBN = f.clean_isbn(_first("ISBN"))
    _fill_identifiers(rec, tokens, labels, text)
    if rec.issued is None:
        rec.issued = _loose_year(tokens, labels)
    if rec.publisher_place and "," in rec.publisher_place:
        head, _, tail = rec.publisher_place.partition(",")
        if head.strip() == tail.strip():  # "Тбилиси, Тбилиси": the place printed twice
            rec.publisher_place = head.strip()
    rec.language = language_note(text) or _by_place(rec) or detect_language(
        " ".join(v for v in (rec.title, rec.container_title) if v), fallback_text=text
    )
    _running_number(rec, text)
    return rec


@cache
def _place_languages() -> dict[str, str]:
    lists = word_lists("place_languages.json", str.lower)
    return {place: lang for lang, places in lists.items() for place in places}


def _by_place(rec: Record) -> str | None:
    """A Latin-script Turkic work's place settles Azerbaijani vs Turkish (Bakü → az)."""
    work = f"{rec.title or ''} {rec.container_title or ''}"
    if not rec.publisher_place or not _looks_turkic(work):
        return None
    if _CYRILLIC.search(work):
        return None
    first = re.split(r"[,;:/]", rec.publisher_place)[0].strip(" .").lower()
    return _place_languages().get(first.replace("i̇", "i"))


def _running_number(rec: Record, text: str) -> None:
    """Russian ``5(211)``: issue 5 with running number 211 (not volume 5, issue 211)."""
    if rec.language != "ru" or not rec.volume or not rec.volume.isdigit():
        return
    if rec.issue is None:
        if re.search(rf"(?<![\d.]){rec.volume}\s*\(\d{{2,4}}\)", text):
            rec.issue, rec.volume = rec.volume, None
        return
    if not rec.issue.isdigit():
        return
    if int(rec.issue) > 12 >= int(rec.volume) and re.search(
        rf"(?<!\d){rec.volume}\s*\({rec.issue}\)", text
    ):
        rec.issue, rec.volume = rec.volume, None


def _fill_identifiers(rec: Record, tokens: list[Token], labels: list[str], text: str) -> None:
    """URL/DOI the labeller missed; a doi.org link is a DOI, not a URL."""
    if rec.URL and re.match(r"https?://(dx\.)?doi\.org/", rec.URL, re.I):
        rec.DOI = rec.DOI or f.clean_doi(rec.URL)
        rec.URL = None
    if rec.URL and rec.DOI:
        return
    if not _ID_HINT.search(text):  # the loop below only acts on these beginnings
        return
    for tok, lab in zip(tokens, labels, strict=True):
        word = tok.text
        looks_like_id = word.startswith(("http", "www.", "10.")) or word[:4].lower() == "doi:"
        if lab == "DOI" or not looks_like_id:
            continue
        if re.match(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*|10\.\d{4,9}/)", word, re.I):
            rec.DOI = rec.DOI or f.clean_doi(word)
        elif rec.URL is None and word.startswith(("http", "www.")):
            rec.URL = f.clean_url(word)


def _loose_year(tokens: list[Token], labels: list[str]) -> Date | None:
    """A year the labeller left outside every field (never one inside a title)."""
    for tok, lab in zip(tokens, labels, strict=True):
        if lab == OUTSIDE and YEAR.match(tok.text):
            return Date(year=int(tok.text))
    return None


@cache
def _type_path(model_path: Path | None) -> Path:
    return (model_path or bundled_model_path()).with_name(TYPE_MODEL_NAME)


def _labelled(text: str, model_path: Path | None) -> tuple[list[Token], list[str]]:
    tokens = tokenize(text[:MAX_CHARS])
    skip = guideline_prefix(tokens, text)  # "Kitab:", "APA": labelled outside, not tagged
    labels = [OUTSIDE] * skip + label_tokens(tokens[skip:], model_path)
    return tokens, repair_labels(tokens, labels, text)


def parse_reference(
    text: str, previous: Record | None = None, *, model_path: Path | None = None
) -> Record:
    """One reference string → Record with ``raw`` = ``text``. Never raises on any string."""
    raw = text if isinstance(text, str) else str(text)
    try:
        clean = _CONTROL.sub(" ", raw)
        tokens, labels = _labelled(clean, model_path)
        rec = build_record(clean, tokens, labels, previous)
        rec.raw = raw
        if tokens:
            predicted = predict_type(tokens, labels, _type_path(model_path))
            rec.type = settle_type(predicted, tokens, labels, clean)
        else:
            rec.type = "document"
        return rec
    except CaucbibError:  # the model cannot be opened: no reference can be parsed
        raise
    except Exception:  # totality: a batch must go on; the raw text is kept
        return Record(raw=raw)


def parse_references(
    texts: Sequence[str],
    *,
    model_path: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Record]:
    """Parse in order; ditto dashes take the authors of the entry before.

    ``progress(done, total)`` is called every 200 references and at the end.
    """
    out: list[Record] = []
    previous: Record | None = None
    collecting = gc.isenabled()
    gc.disable()  # parsing makes many small acyclic objects: no need to scan for cycles
    try:
        for index, text in enumerate(texts, start=1):
            rec = parse_reference(text, previous, model_path=model_path)
            out.append(rec)
            previous = rec
            if progress is not None and (index % 200 == 0 or index == len(texts)):
                progress(index, len(texts))
    finally:
        if collecting:
            gc.enable()
    return out


def explain(text: str, *, model_path: Path | None = None) -> list[tuple[str, str]]:
    """(token, label) pairs, for ``parse --explain``."""
    try:
        tokens, labels = _labelled(_CONTROL.sub(" ", text), model_path)
    except CaucbibError:
        raise
    except Exception:
        return []
    return [(t.text, lab) for t, lab in zip(tokens, labels, strict=True)]
