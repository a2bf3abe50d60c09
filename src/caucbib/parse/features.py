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
        "sh=" + _shape(word),
        "p3=" + folded[:3],
        "s3=" + folded[-3:],
        "sc=" + _script(word),
    ]
    if folded != low:
        feats.append("f=" + folded)
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
_FAR_KEYS = ("w=", "punct=", "year", "lex=")


@lru_cache(maxsize=65536)
def _context_features(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(near, far) neighbour features of a token text, already prefixed by offset."""
    own = word_features(word)
    near = tuple(f for f in own if f.startswith(_CONTEXT_KEYS))
    far = tuple(f for f in own if f.startswith(_FAR_KEYS))
    return near, far


@lru_cache(maxsize=65536)
def _neighbour_views(word: str) -> tuple[tuple[str, ...], ...]:
    """The features ``word`` lends its neighbours, for offsets +2, +1, -1, -2 (index 0..3)."""
    near, far = _context_features(word)
    return (
        tuple("-2" + f for f in far),
        tuple("-1" + f for f in near),
        tuple("1" + f for f in near),
        tuple("2" + f for f in far),
    )


_POS = tuple(f"pos={k}" for k in range(10))
_FIRST = ("first0", "first1", "first2")


@lru_cache(maxsize=1024)
def _state_features(
    segment: int, commas: int, in_quote: bool, seen_year: bool, slashes: bool, paren: bool
) -> tuple[str, ...]:
    feats = [f"seg={min(segment, 6)}", f"cseg={min(commas, 5)}"]
    if in_quote:
        feats.append("inq")
    if seen_year:
        feats.append("afteryear")
    if slashes:
        feats.append("afterslash")
    if paren:
        feats.append("inparen")
    return tuple(feats)


_LEFT_EDGE2 = ("-2edge",)
_LEFT_EDGE1 = ("-1edge",)
_RIGHT_EDGE1 = ("1edge",)
_RIGHT_EDGE2 = ("2edge",)


def featurize(tokens: list[Token]) -> list[tuple[str, ...]]:
    """One feature tuple per token: own features, position/state features and ±2 neighbours."""
    n = len(tokens)
    texts = [t.text for t in tokens]
    views = [_neighbour_views(t) for t in texts]
    out: list[tuple[str, ...]] = []
    in_quote = seen_year = seen_slashes = False
    segment = commas = seen_paren = 0
    for i, tok in enumerate(tokens):
        word = texts[i]
        own = word_features(word)
        spaced_after = i + 1 >= n or tokens[i + 1].start > tok.end
        extra = [_POS[i * 10 // n], "sp" if i > 0 and tokens[i - 1].end < tok.start else "nosp"]
        if i < 3:
            extra.append(_FIRST[i])
        if i == n - 1:
            extra.append("last")
        elif spaced_after:
            extra.append("spa")
        if len(word) == 1 and word.isupper() and i + 1 < n and texts[i + 1] == ".":
            extra.append("initdot")
        if 0 < i < n - 1:
            extra.append(f"bi={texts[i - 1][:6]}|{texts[i + 1][:6]}")
        # a token two to the left sees views[j][0] ("-2…") of that token, and so on
        out.append(
            own
            + tuple(extra)
            + _state_features(segment, commas, in_quote, seen_year, seen_slashes, seen_paren > 0)
            + (views[i - 2][0] if i >= 2 else _LEFT_EDGE2)
            + (views[i - 1][1] if i >= 1 else _LEFT_EDGE1)
            + (views[i + 1][2] if i + 1 < n else _RIGHT_EDGE1)
            + (views[i + 2][3] if i + 2 < n else _RIGHT_EDGE2)
        )
        # update the state after the token
        if len(word) == 1:
            if word in _OPEN_QUOTES and not in_quote:
                in_quote = True
            elif word in _CLOSE_QUOTES and in_quote:
                in_quote = False
            if word in _MAJOR_SEPARATORS and spaced_after:
                segment += 1
            if word == "/" and i + 1 < n and texts[i + 1] == "/":
                seen_slashes = True
            elif word == ",":
                commas += 1
            elif word in "([":
                seen_paren += 1
            elif word in ")]" and seen_paren:
                seen_paren -= 1
        elif not seen_year and "year" in own:
            seen_year = True
    return out
