"""Language (ISO 639-1) of the cited work: explicit notes, then script, letters and words."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_AZ_CYRILLIC = frozenset("әҹғһјөүӘҸҒҺЈӨҮ")


@cache
def _data() -> dict[str, Any]:
    text = resources.files("caucbib.data.parse").joinpath("language.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _note_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (lang, re.compile("|".join(pats), re.I)) for lang, pats in _data()["notes"].items()
    )


@cache
def _word_sets() -> dict[str, frozenset[str]]:
    return {lang: frozenset(ws) for lang, ws in _data()["words"].items()}


@cache
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Word → the languages whose word list has it (in the lists' order)."""
    out: dict[str, tuple[str, ...]] = {}
    for lang, ws in _word_sets().items():
        for w in ws:
            out[w] = (*out.get(w, ()), lang)
    return out


def language_note(text: str) -> str | None:
    """The language an explicit remark names: ``(In Russ.)``, ``(на груз. яз.)`` …"""
    for lang, pattern in _note_patterns():
        if pattern.search(text):
            return lang
    return None


_SCRIPT_RES = {
    "cyr": re.compile("[\u0400-\u052f]"),
    "geo": re.compile("[\u10a0-\u10ff\u1c90-\u1cbf]"),
    "arm": re.compile("[\u0530-\u058f]"),
    "arab": re.compile("[\u0600-\u06ff]"),
    "lat": re.compile("[A-Za-z\u00c0-\u024f\u0259\u018f]"),
}


def _scripts(text: str) -> dict[str, int]:
    return {name: len(pattern.findall(text)) for name, pattern in _SCRIPT_RES.items()}


def detect_language(text: str, *, fallback_text: str = "") -> str | None:
    """ISO 639-1 code of ``text`` (a title), using ``fallback_text`` (the raw) when unsure."""
    sample = text or fallback_text
    if not sample.strip():
        return None
    scripts = _scripts(sample)
    top = max(scripts, key=lambda k: scripts[k])
    if scripts[top] == 0:
        return None
    if top == "geo":
        return "ka"
    if top == "arm":
        return "hy"
    if top == "arab":
        return "fa"
    if top == "cyr":
        return "az" if any(c in _AZ_CYRILLIC for c in sample) else "ru"
    return _latin_language(sample, fallback_text)


def _latin_language(sample: str, fallback: str) -> str:
    scores = _score(sample)
    if max(scores.values()) == 0 and fallback:
        scores = _score(fallback)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] == 0:
        low = sample.lower()
        if any(c in low for c in "ğışçöü"):
            return "tr"
        return "en"
    return best


def _score(text: str) -> dict[str, float]:
    turkic_case = "ı" in text or "ə" in text
    low = text.replace("İ", "i").replace("I", "ı").lower() if turkic_case else text.lower()
    words = _WORD.findall(low)
    scores: dict[str, float] = {lang: 0.0 for lang in _word_sets()}
    langs_of = _languages_of_word()
    for w in words:
        for lang in langs_of.get(w, ()):
            scores[lang] += 1
    scores["az"] += 3 * low.count("ə")
    # Azerbaijani writes q and x where Turkish writes k and h
    scores["az"] += 0.5 * sum(
        1 for w in words if ("q" in w or "x" in w) and any(c in w for c in "ğışçöüə")
    )
    turkic = sum(1 for c in low if c in "ğışçöü")
    if turkic and scores["az"] == 0:
        scores["tr"] += 0.5 * min(turkic, 4)
    return scores
