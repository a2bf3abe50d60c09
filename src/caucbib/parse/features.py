"""Token features for the CRF labeller (word shape, affixes, patterns, lexicons, context)."""

from __future__ import annotations

import re
from functools import lru_cache

from caucbib.parse.lexicon import ascii_fold, categories_of, fold_case
from caucbib.parse.tokens import Token

_YEAR = re.compile(r"^(1[5-9]\d\d|20[0-4]\d)$")
_ROMAN = re.compile(r"^(?=[IVXLC])M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_OPEN_QUOTES = frozenset("«“„\"'‘‹")
_CLOSE_QUOTES = frozenset("»”\"'’›")
_MAJOR_SEPARATORS = frozenset({".", "–", "—", "-", "/", ";", ":"})


def _script(word: str) -> str:
    scripts = set()
    for ch in word:
        o = ord(ch)
        if 0x400 <= o <= 0x52F:
            scripts.add("cyr")
        elif 0x10A0 <= o <= 0x10FF or 0x1C90 <= o <= 0x1CBF:
            scripts.add("geo")
        elif 0x530 <= o <= 0x58F:
            scripts.add("arm")
        elif ch.isalpha():
            scripts.add("lat")
    if not scripts:
        return "none"
    return scripts.pop() if len(scripts) == 1 else "mixed"


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word:
        if ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "X" if ch.isupper() else "x"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """Context-free features of one token text (cached: texts repeat a lot)."""
    low = fold_case(word)
    folded = ascii_fold(word)
    feats = [
        "w=" + low,
        "f=" + folded,
        "sh=" + _shape(word),
        "p2=" + folded[:2],
        "p3=" + folded[:3],
        "s2=" + folded[-2:],
        "s3=" + folded[-3:],
        "sc=" + _script(word),
        "len=" + (str(len(word)) if len(word) < 5 else "5+" if len(word) < 10 else "10+"),
    ]
    if word.isdigit():
        feats.append("num" + (str(len(word)) if len(word) < 5 else "5+"))
        if _YEAR.match(word):
            feats.append("year")
    elif word.isalpha():
        if word.isupper():
            feats.append("upper" if len(word) > 1 else "initial")
        elif word[0].isupper():
            feats.append("title")
        else:
            feats.append("lower")
        if _ROMAN.match(word):
            feats.append("roman")
    else:
        feats.append("punct=" + word if len(word) == 1 else "sym")
        if word.startswith(("http", "www.")):
            feats.append("url")
        elif "10." in word[:8] and "/" in word:
            feats.append("doi")
    for cat in categories_of(word):
        feats.append("lex=" + cat)
    return tuple(feats)


_CONTEXT_KEYS = ("w=", "sh=", "punct=", "lex=", "year", "initial", "upper", "title", "num")


@lru_cache(maxsize=65536)
def _context_features(word: str) -> tuple[str, ...]:
    return tuple(f for f in word_features(word) if f.startswith(_CONTEXT_KEYS))


def featurize(tokens: list[Token]) -> list[list[str]]:
    """One feature list per token: own features, position/state features and ±2 neighbours."""
    n = len(tokens)
    ctx = [_context_features(t.text) for t in tokens]
    out: list[list[str]] = []
    in_quote = False
    segment = 0
    seen_year = False
    seen_slashes = False
    seen_paren = 0
    commas = 0
    for i, tok in enumerate(tokens):
        word = tok.text
        feats = list(word_features(word))
        feats.append(f"pos={min(9, i * 10 // n)}")
        if i < 3:
            feats.append(f"first{i}")
        if i == n - 1:
            feats.append("last")
        space_before = i > 0 and tokens[i - 1].end < tok.start
        feats.append("sp" if space_before else "nosp")
        if i + 1 < n and tokens[i + 1].start > tok.end:
            feats.append("spa")
        feats.append(f"seg={min(segment, 6)}")
        feats.append(f"cseg={min(commas, 5)}")
        feats.append(f"seg_cseg={min(segment, 3)}_{min(commas, 3)}")
        if in_quote:
            feats.append("inq")
        if seen_year:
            feats.append("afteryear")
        if seen_slashes:
            feats.append("afterslash")
        if seen_paren:
            feats.append("inparen")
        if len(word) == 1 and word.isalpha() and word.isupper():
            if i + 1 < n and tokens[i + 1].text == ".":
                feats.append("initdot")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                feats.extend(f"{off}{f}" for f in ctx[j])
            else:
                feats.append(f"{off}edge")
        if 0 < i < n - 1:
            feats.append(f"bi={tokens[i - 1].text[:6]}|{tokens[i + 1].text[:6]}")
        out.append(feats)
        # update state after the token
        if word in _OPEN_QUOTES and not in_quote:
            in_quote = True
        elif word in _CLOSE_QUOTES and in_quote:
            in_quote = False
        if word in _MAJOR_SEPARATORS and (i + 1 >= n or tokens[i + 1].start > tok.end):
            segment += 1
        if word == "/" and i + 1 < n and tokens[i + 1].text == "/":
            seen_slashes = True
        if "year" in ctx[i]:
            seen_year = True
        if word == ",":
            commas += 1
        if word in "([":
            seen_paren += 1
        elif word in ")]" and seen_paren:
            seen_paren -= 1
    return out
