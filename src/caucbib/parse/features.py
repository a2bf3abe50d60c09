"""Token features for the CRF labeller (word shape, affixes, patterns, lexicons, context)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from caucbib.parse.lexicon import ascii_fold, categories_of, fold_case
from caucbib.parse.tokens import Token

YEAR = re.compile(r"^(1[5-9]\d\d|20[0-4]\d)$")  # a plausible year of publication
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
        if YEAR.match(word):
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


# What one token text contributes: its own features, the views it lends its neighbours
# at -2, -1, +1, +2 (see _neighbour_views), and whether it is a year.
_Entry = tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...], tuple[Any, ...],
               tuple[Any, ...], bool]


class _Encoding:
    """How featurize spells features: as they are (str), or, for tagging, only those a
    model knows, as UTF-8 bytes (what python-crfsuite would turn them into anyway)."""

    def __init__(self, known: frozenset[str] | None) -> None:
        self.known = known
        self.entry = lru_cache(maxsize=65536)(self._entry)
        self.state = lru_cache(maxsize=1024)(self._state)
        self.pos = tuple(self.spell((p,)) for p in _POS)
        self.first = tuple(self.spell((f,)) for f in _FIRST)
        self.sp, self.nosp, self.last, self.spa, self.initdot = (
            self.spell((f,)) for f in ("sp", "nosp", "last", "spa", "initdot")
        )
        # position plus spacing before: pos_sp[k][spaced_before]
        self.pos_sp = tuple((p + self.nosp, p + self.sp) for p in self.pos)
        self.edges = tuple(self.spell((f,)) for f in ("-2edge", "-1edge", "1edge", "2edge"))

    def spell(self, feats: tuple[str, ...]) -> tuple[Any, ...]:
        known = self.known
        if known is None:
            return feats
        return tuple([f.encode() for f in feats if f in known])

    def _entry(self, word: str) -> _Entry:
        own = word_features(word)
        known = self.known
        if known is None:
            views = _neighbour_views(word)
            return (own, views[0], views[1], views[2], views[3], "year" in own)
        # the views of _neighbour_views, spelled directly
        near = [f for f in own if f.startswith(_CONTEXT_KEYS)]
        far = [f for f in own if f.startswith(_FAR_KEYS)]
        return (
            tuple([f.encode() for f in own if f in known]),
            tuple([v.encode() for f in far if (v := "-2" + f) in known]),
            tuple([v.encode() for f in near if (v := "-1" + f) in known]),
            tuple([v.encode() for f in near if (v := "1" + f) in known]),
            tuple([v.encode() for f in far if (v := "2" + f) in known]),
            "year" in own,
        )

    def _state(
        self, segment: int, commas: int, in_quote: bool, seen_year: bool, slashes: bool,
        paren: bool,
    ) -> tuple[Any, ...]:
        return self.spell(
            _state_features(segment, commas, in_quote, seen_year, slashes, paren)
        )


_PLAIN = _Encoding(None)


@lru_cache(maxsize=8)
def _model_encoding(known: frozenset[str]) -> _Encoding:
    return _Encoding(known)


def featurize(tokens: list[Token]) -> list[tuple[str, ...]]:
    """One feature tuple per token: own features, position/state features and ±2 neighbours."""
    return _featurize(tokens, _PLAIN)


def model_items(tokens: list[Token], known: frozenset[str]) -> list[tuple[bytes, ...]] | None:
    """:func:`featurize` as a model whose attributes are ``known`` sees it: the other
    features left out (CRFsuite ignores them), the rest UTF-8 encoded, order kept.

    None when a token text holds a NUL or cannot be encoded: then tag ``featurize(tokens)``
    itself, so CRFsuite treats such text exactly as it always did.
    """
    joined = "".join([t.text for t in tokens])
    if "\x00" in joined:
        return None
    try:
        joined.encode()
    except UnicodeEncodeError:
        return None
    return _featurize(tokens, _model_encoding(known))


def _featurize(tokens: list[Token], enc: _Encoding) -> list[Any]:
    n = len(tokens)
    if not n:
        return []
    texts, starts, ends = zip(*tokens, strict=True)
    entry = enc.entry
    entries = [entry(w) for w in texts]
    # the views each token sees from its neighbours (edges padded)
    view_m2 = [enc.edges[0], enc.edges[0]] + [e[1] for e in entries[:-2]]
    view_m1 = [enc.edges[1]] + [e[2] for e in entries[:-1]]
    view_p1 = [e[3] for e in entries[1:]] + [enc.edges[2]]
    view_p2 = [e[4] for e in entries[2:]] + [enc.edges[3], enc.edges[3]]
    pos_sp, first, last, spa, initdot = enc.pos_sp, enc.first, enc.last, enc.spa, enc.initdot
    state = enc.state
    known = enc.known
    out: list[Any] = []
    in_quote = seen_year = seen_slashes = False
    segment = commas = seen_paren = 0
    current = state(0, 0, False, False, False, False)
    last_i = n - 1
    for i in range(n):
        word = texts[i]
        own = entries[i]
        spaced_after = i == last_i or starts[i + 1] > ends[i]
        extra = pos_sp[i * 10 // n][i > 0 and ends[i - 1] < starts[i]]
        if i < 3:
            extra += first[i]
        if i == last_i:
            extra += last
        elif spaced_after:
            extra += spa
        if len(word) == 1 and word.isupper() and i < last_i and texts[i + 1] == ".":
            extra += initdot
        if 0 < i < last_i:
            bigram = f"bi={texts[i - 1][:6]}|{texts[i + 1][:6]}"
            if known is None:
                extra += (bigram,)
            elif bigram in known:
                extra += (bigram.encode(),)
        # a token two to the left lends its "-2…" view, and so on
        out.append(own[0] + extra + current + view_m2[i] + view_m1[i] + view_p1[i] + view_p2[i])
        # update the state after the token
        if len(word) == 1:
            if word in _OPEN_QUOTES and not in_quote:
                in_quote = True
            elif word in _CLOSE_QUOTES and in_quote:
                in_quote = False
            if word in _MAJOR_SEPARATORS and spaced_after:
                segment += 1
            if word == "/" and i < last_i and texts[i + 1] == "/":
                seen_slashes = True
            elif word == ",":
                commas += 1
            elif word in "([":
                seen_paren += 1
            elif word in ")]" and seen_paren:
                seen_paren -= 1
            current = state(segment, commas, in_quote, seen_year, seen_slashes, seen_paren > 0)
        elif not seen_year and own[5]:
            seen_year = True
            current = state(segment, commas, in_quote, seen_year, seen_slashes, seen_paren > 0)
    return out
