"""Deterministic repairs of the labeller's output, before fields are assembled.

Each repair is a small function over (tokens, labels) that fixes one kind of mistake the CRF
makes and a rule of the field conventions settles: a parenthesised subtitle read as a note, a
book title read as a container, a journal read as a publisher, a guideline label (``Kitab:``)
read as part of the title. ``repair_labels`` runs them in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from caucbib.parse._data import word_lists
from caucbib.parse.corpus import OUTSIDE
from caucbib.parse.features import YEAR, word_features
from caucbib.parse.language import language_note
from caucbib.parse.lexicon import fold_case
from caucbib.parse.tokens import Token

Labels = list[str]
_ROMAN_BETWEEN_STOPS = re.compile(r"\.\s*[IVX]+\s*\.")
_CURRENCY = r"\s*(?:р|руб|коп|manat|man|TL)\b"
_PRICE = re.compile(r"\d" + _CURRENCY, re.I)
_PRICE_AFTER_NUMBER = re.compile(r"(?:\.\d\d)?" + _CURRENCY)  # matched at the number's end
_DOUBLE_SLASH = re.compile(r"/\s*/")
_ROMAN = re.compile(r"^(?=[IVX])X{0,2}(IX|IV|V?I{0,3})$")
_ROLE_AFTER = re.compile(r"^[\s,.;:]*[(\[]\s*(?:eds?|hrsg|red|haz|ред|сост)\s*\.?\s*[)\]]", re.I)
_NOT_SUBTITLE_CATEGORIES = frozenset(
    {"lex=note_word", "lex=role", "lex=edition_word", "lex=thesis", "lex=access", "lex=etal"}
)


def _words() -> dict[str, frozenset[str]]:
    return word_lists("repairs.json")


def opens_container(word: str) -> bool:
    """``in``, ``içinde``, ``в``, ``кн``: a word that introduces the book a part is in."""
    return word.lower() in _words()["container_openers"]


def guideline_prefix(tokens: Sequence[Token], text: str) -> int:
    """How many leading tokens are a list number plus a guideline label (``3. Kitab:``,
    ``İnternet mənbə:``, ``APA``) that is not part of the reference; 0 when there is none."""
    k = 0
    while k < len(tokens) and k < 3 and (tokens[k].text.isdigit() or tokens[k].text in ".)]["):
        k += 1
    if k >= len(tokens) or not (
        tokens[k].text.isupper() or any(t.text == ":" for t in tokens[k + 1 : k + 4])
    ):
        return 0  # neither a style name in capitals nor a label and its colon
    words = _words()
    for width in (3, 2, 1):
        end = k + width
        if end >= len(tokens):
            continue
        phrase = fold_case(text[tokens[k].start : tokens[end - 1].end])
        phrase = re.sub(r"\s+", " ", phrase)
        nxt = tokens[end]
        if phrase in words["guideline_labels"] and nxt.text == ":":
            return end + 1 if end + 1 < len(tokens) else 0
        if width == 1 and phrase in words["style_labels"] and tokens[k].text.isupper() \
                and nxt.text[:1].isupper() and nxt.start > tokens[k].end:
            return end
    return 0


def _runs(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(label, first, last) for each maximal run of one label."""
    return _runs_of(tuple(labels))


@lru_cache(maxsize=64)
def _runs_of(labels: tuple[str, ...]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            out.append((labels[start], start, i - 1))
            start = i
    return out


def _relabel(labels: Labels, first: int, last: int, label: str) -> None:
    """Give tokens ``first``…``last`` (inclusive) the label ``label``."""
    labels[first : last + 1] = [label] * (last + 1 - first)


def _closing_paren(tokens: Sequence[Token], opening: int, within: int) -> int | None:
    """The first ``)`` after the ``(`` at ``opening``, if it comes within ``within`` tokens."""
    end = min(len(tokens), opening + within)
    return next((k for k in range(opening + 1, end) if tokens[k].text == ")"), None)


def _double_issue(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Volume 2/3`` with the 3 left outside: volume 2, issue 3; an unmarked consecutive
    ``9/10`` read as volume 9 issue 10 is one double issue."""
    n = len(tokens)
    for k in range(n - 2):
        if (
            labels[k] == "volume" and labels[k + 2] == OUTSIDE and "issue" not in labels
            and tokens[k + 1].text == "/" and tokens[k].text.isdigit()
            and tokens[k + 2].text.isdigit()
            and tokens[k].end == tokens[k + 1].start and tokens[k + 1].end == tokens[k + 2].start
            and k > 0 and "lex=volume_marker" in word_features(tokens[k - 1].text)
        ):
            labels[k + 2] = "issue"
    for k in range(n - 2):
        if (
            labels[k] == "volume" and labels[k + 2] == "issue" and tokens[k + 1].text == "/"
            and (k == 0 or "lex=volume_marker" not in word_features(tokens[k - 1].text))
            and tokens[k].text.isdigit() and tokens[k + 2].text.isdigit()
            and int(tokens[k + 2].text) == int(tokens[k].text) + 1  # 9/10, 5/6: consecutive
            and tokens[k].end == tokens[k + 1].start and tokens[k + 1].end == tokens[k + 2].start
            and (k == 0 or labels[k - 1] != "volume")
        ):
            labels[k] = labels[k + 1] = "issue"


def _glued_imprint(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Şahnamə. Bakı-Yazıçı, 1987`` labelled as one title: a known place glued by a
    hyphen to a capitalised word after a sentence stop is the place and the publisher."""
    n = len(tokens)
    if "publisher-place" in labels:
        return
    for k in range(2, n - 2):
        place, dash, pub = tokens[k], tokens[k + 1], tokens[k + 2]
        if (
            labels[k] in ("title", "container-title")
            and tokens[k - 1].text in ".,"
            and dash.text in "-–—" and place.end == dash.start and dash.end == pub.start
            and pub.text[:1].isupper() and place.text[:1].isupper()
            and "lex=place" in word_features(place.text)
        ):
            run = labels[k]
            labels[k], labels[k + 1] = "publisher-place", OUTSIDE
            j = k + 2
            while j < n and labels[j] == run and tokens[j].text not in ",;(":
                labels[j] = "publisher"
                j += 1
            return


def _parenthesised_years(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """A parenthesis right after the title that holds years or a range, while the work's
    date is printed elsewhere, belongs to the title (``… (1950-2006)``, ``… (1864)``)."""
    n = len(tokens)
    for e in range(n - 2):
        if labels[e] != "title" or labels[e + 1] == "title" or tokens[e + 1].text != "(":
            continue
        close = _closing_paren(tokens, e + 1, 9)
        if close is None:
            continue
        inner = range(e + 2, close)
        if not all(labels[k] in (OUTSIDE, "issued") for k in inner):
            continue
        years_inside = [k for k in inner if YEAR.match(tokens[k].text)]
        years_after = [k for k in range(close + 1, n) if YEAR.match(tokens[k].text)]
        if years_inside and years_after:
            _relabel(labels, e + 1, close, "title")


def _parenthesised_subtitle(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Title (words of a subtitle)`` with the words read as a note: they are the title's,
    unless they name a language, a role, an edition or a document kind."""
    n = len(tokens)
    for e in range(n - 3):
        if labels[e] != "title" or tokens[e + 1].text != "(" or labels[e + 1] != OUTSIDE:
            continue  # (a bracketed gloss, "[History of …]", is not the title's)
        close = _closing_paren(tokens, e + 1, 29)
        if close is None or close - e < 4:
            continue
        inner = range(e + 2, close)
        if any(labels[k] not in ("note", OUTSIDE) for k in inner) or all(
            labels[k] == OUTSIDE for k in inner
        ):
            continue
        words = [tokens[k].text for k in inner if tokens[k].text[:1].isalpha()]
        if any(tokens[k].text[:1].isdigit() for k in inner):
            continue  # "(CRS Report R46651)", "(2 vols.)": numbered remarks
        if len(words) < 2:
            continue
        inside = text[tokens[e + 2].start : tokens[close - 1].end]
        if language_note(f"({inside})") or any(
            c in _NOT_SUBTITLE_CATEGORIES for k in inner for c in word_features(tokens[k].text)
        ):
            continue
        _relabel(labels, e + 1, close, "title")


def _container_without_title(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """A reference with a container but no title and no volume, issue or page is a book
    whose title was read as a container (``Soyad, Ad (2017), Başlık, Ankara, Yayınevi.``)."""
    if "title" in labels or "container-title" not in labels:
        return
    if any(lab in labels for lab in ("volume", "issue", "page")):
        return
    first = next(r for r in _runs(labels) if r[0] == "container-title")
    nouns = _words()["periodical_nouns"]
    if any(fold_case(t.text) in nouns for t in tokens[first[1] : first[2] + 3]):
        return  # "X jurnalı, 2017", "“X” qəzeti, 1997": a periodical cited as a whole
    if any(lab == "issued" and "lex=month" in word_features(t.text)
           for t, lab in zip(tokens, labels, strict=True)):
        return  # a day or month in the date: a newspaper or magazine issue
    _relabel(labels, first[1], first[2], "title")


def _journal_read_as_publisher(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """A 'publisher' in a reference with an issue number and a page range, and no container,
    is the journal or newspaper (``Затмение, “Огонёк”, № 29, 1989, с. 28-32``)."""
    if "publisher" not in labels or "issue" not in labels or "page" not in labels:
        return
    if labels.index("publisher") > labels.index("issue"):
        return  # a journal's name comes before its issue number
    if "container-title" in labels:
        if "title" in labels or labels.index("container-title") > labels.index("publisher"):
            return
        for k, lab in enumerate(labels):  # "Title, “Journal”, № 29": shifted one field
            if lab == "container-title":
                labels[k] = "title"
    for k, lab in enumerate(labels):
        if lab == "publisher":
            labels[k] = "container-title"


def _dated_not_accessed(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """An 'accessed' date with no access word and no URL in the reference, while no
    publication date was found, is the publication date (``Summer 2007``)."""
    if "issued" in labels or "accessed" not in labels or "URL" in labels:
        return
    first = labels.index("accessed")
    marked = [t for k, t in enumerate(tokens) if labels[k] == "accessed" or first - 3 <= k < first]
    if any("lex=access" in word_features(t.text) for t in marked):
        return
    if any(t.text.startswith(("http", "www.")) for t in tokens):
        return
    for k, lab in enumerate(labels):
        if lab == "accessed":
            labels[k] = "issued"


def _roles_by_marker(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """Names read as editors with no role word in or next to them are authors; names read
    as authors right before ``(ed.)``/``(eds.)`` are editors."""
    if "editor" not in labels and "(" not in text and "[" not in text:
        return
    for lab, s, e in _runs(labels):
        if lab not in ("author", "editor"):
            continue
        after = text[tokens[e].end : tokens[e].end + 12]
        marked_after = bool(_ROLE_AFTER.match(after))
        if lab == "author" and not marked_after:
            continue
        inside = any("lex=role" in word_features(tokens[k].text) for k in range(s, e + 1))
        before = any("lex=role" in word_features(tokens[k].text) for k in range(max(0, s - 3), s))
        if lab == "editor" and not (inside or marked_after or before) and s <= 2:
            new = "author"
        elif lab == "author" and marked_after and not inside:
            new = "editor"
        else:
            continue
        _relabel(labels, s, e, new)


def _lone_roman_volume(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Kitabı. II. Ankara, 1963.``: a lone Roman numeral between full stops after the
    title, with no volume found, is the volume."""
    if "volume" in labels or not _ROMAN_BETWEEN_STOPS.search(text):
        return
    n = len(tokens)
    for k in range(2, n - 1):
        if (
            labels[k] in ("title", OUTSIDE) and _ROMAN.match(tokens[k].text)
            and tokens[k - 1].text == "." and tokens[k + 1].text == "."
            and labels[k - 2] == "title" and labels[k + 1] == OUTSIDE
            and any(lab in ("publisher-place", "issued", "publisher") for lab in labels[k + 2:])
        ):
            labels[k] = "volume"
            return


def _back_reference_is_no_container(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``//Там же``, ``Ibid.``: a pointer to the entry before, not a container name."""
    if "container-title" not in labels:
        return
    low = text.lower()
    if not any(w in low for w in _words()["back_references"]):
        return
    back = _words()["back_references"]
    for lab, s, e in _runs(labels):
        if lab == "container-title":
            value = fold_case(text[tokens[s].start : tokens[e].end]).strip(" .")
            if value in back:
                _relabel(labels, s, e, OUTSIDE)


def _page_list(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``pp. 6–7, 19–21, 58–67``: page ranges split by commas are one page field."""
    if labels.count("page") < 2:
        return
    n = len(tokens)
    for k in range(1, n - 1):
        if labels[k] == OUTSIDE and tokens[k].text == "," and labels[k - 1] == "page" \
                and labels[k + 1] == "page" and tokens[k + 1].text[:1].isdigit():
            labels[k] = "page"


def _word_as_list_number(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """A leading word read as a list number (``СССР. Title …``) is an organisation author."""
    if not labels or labels[0] != "citation-number":
        return
    runs = _runs(labels)
    if not runs or runs[0][0] != "citation-number" or "author" in labels:
        return
    _, s, e = runs[0]
    words = [tokens[k].text for k in range(s, e + 1)]
    stopped = words[-1] == "." or (e + 1 < len(tokens) and tokens[e + 1].text == ".")
    if any(w.isdigit() for w in words) or not stopped:
        return
    if any(w.isalpha() and not _ROMAN.match(w) and not (len(w) == 1 and w.islower())
           for w in words):
        _relabel(labels, s, e, "author")
        if tokens[e].text == ".":  # "СССР." — the stop after the name is no part of it
            labels[e] = OUTSIDE


def _price(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``8.00 р.``, ``2 руб. 50 коп.``: a price, not an issue, volume or page count."""
    if not _PRICE.search(text):
        return
    for k in range(len(tokens) - 1):
        if (
            labels[k] in ("issue", "volume", "number-of-pages", "page")
            and tokens[k].text.isdigit() and _PRICE_AFTER_NUMBER.match(text, tokens[k].end)
        ):
            run = labels[k]
            j = k
            while j >= 0 and labels[j] == run:
                labels[j] = OUTSIDE
                j -= 1


_PATRONYMIC = re.compile(r"(?:оглы|оглу|кызы|oğlu|oglu|qızı|kızı|[вч]ич|[вч]на|ична)$", re.I)


def _patronymic_in_title(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Аскеров, Мамед Мухтар оглы. Title`` with the given names read as the title's
    first words: they end the author's name."""
    n = len(tokens)
    for s in range(1, n - 2):
        if labels[s] != "title" or labels[s - 1] not in (OUTSIDE, "author"):
            continue
        back = s - 1 if labels[s - 1] == OUTSIDE else s
        if labels[back - 1] != "author" or (back != s and tokens[s - 1].text != ","):
            return
        for e in range(s, min(n - 1, s + 4)):
            if labels[e] != "title":
                return
            if _PATRONYMIC.search(tokens[e].text) and tokens[e + 1].text == ".":
                _relabel(labels, back, e, "author")
                labels[e + 1] = OUTSIDE
                return
            if not tokens[e].text[:1].isupper():
                return
        return


def _bare_issue_after_year(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """GOST periodicals ``//Иверия. 1903. 142. С. 4``: the bare number after the year is
    the issue."""
    if "issue" in labels or not _DOUBLE_SLASH.search(text):
        return
    n = len(tokens)
    for k in range(2, n - 1):
        tok = tokens[k]
        if (
            labels[k] == OUTSIDE and tok.text.isdigit() and len(tok.text) <= 4
            and not YEAR.match(tok.text)
            and tokens[k - 1].text == "." and labels[k - 2] == "issued"
            and tokens[k + 1].text in ".,"
        ):
            labels[k] = "issue"
            return


def _place_after_dash(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``— Днепропетровск, 1996.`` read as a second publisher: one capitalised word after
    a dash and before ``, year`` is the place."""
    if "publisher-place" in labels or "publisher" not in labels:
        return
    pubs = [r for r in _runs(labels) if r[0] == "publisher"]
    for _, s, e in pubs:
        words = [t for t in tokens[s : e + 1] if t.text.isalpha()]
        if (
            len(words) == 1 and words[0].text[:1].isupper() and s >= 1
            and tokens[s - 1].text in "—–-" and e + 2 < len(tokens)
            and tokens[e + 1].text == "," and labels[e + 2] == "issued"
            and (len(pubs) > 1 or "lex=place" in word_features(words[0].text))
        ):
            _relabel(labels, s, e, "publisher-place")
            return


def _date_after_url_is_accessed(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``http://… (27.11.2012)``: a date in parentheses right after a URL is the access date."""
    if "accessed" in labels or "URL" not in labels:
        return
    runs = _runs(labels)
    for i in range(len(runs) - 2):
        if runs[i][0] == "URL" and runs[i + 2][0] == "issued" and runs[i + 1][0] == OUTSIDE:
            gap = "".join(t.text for t in tokens[runs[i + 1][1] : runs[i + 1][2] + 1])
            if gap.endswith("(") and sum(1 for r in runs if r[0] == "issued") == 1:
                _relabel(labels, runs[i + 2][1], runs[i + 2][2], "accessed")
                return


def _bare_count_at_the_end(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Bakı: Nurlan, 2003, 118.``: a bare number closing a book reference is its page
    count (a cited page has its ``s.``/``p.``)."""
    if "container-title" in labels or "number-of-pages" in labels:
        return
    runs = [r for r in _runs(labels) if r[0] != OUTSIDE]
    if not runs or runs[-1][0] != "page" or runs[-1][1] != runs[-1][2]:
        return
    k = runs[-1][1]
    if tokens[k].text.isdigit() and labels[k - 1] == OUTSIDE and tokens[k - 1].text == "," \
            and k >= 2 and labels[k - 2] == "issued" and "publisher" in labels \
            and all(t.text in ".;" for t in tokens[k + 1 :]):
        labels[k] = "number-of-pages"


def _volume_before_date(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """Chicago ``Georgica 5 (November 11, 1982): 70–71``: an unmarked number between the
    journal and a parenthesised date is the volume."""
    if "volume" in labels:
        return
    n = len(tokens)
    for k in range(1, n - 2):
        if (
            labels[k] == "issue" and tokens[k].text.isdigit() and labels[k - 1] == "container-title"
            and tokens[k + 1].text == "(" and labels[k + 2] == "issued"
        ):
            labels[k] = "volume"
            return


def _volume_without_number(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """A 'volume' with no digit and no Roman numeral (``preface``) is no volume."""
    if "volume" not in labels:
        return
    for lab, s, e in _runs(labels):
        if lab == "volume" and not any(
            any(ch.isdigit() for ch in t.text) or _ROMAN.match(t.text.upper())
            for t in tokens[s : e + 1] if "lex=volume_marker" not in word_features(t.text)
        ):
            _relabel(labels, s, e, OUTSIDE)


_CONTENT_FREE_CATEGORIES = frozenset(
    {"lex=note_word", "lex=role", "lex=edition_word", "lex=thesis", "lex=access", "lex=journal",
     "lex=publisher_word", "lex=place", "lex=month", "lex=volume_marker", "lex=issue_marker",
     "lex=page_marker"}
)


def _title_words_left_out(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``… ədəbiyyatı: problemlər, araşdırmalar. - Bakı``: plain words joined to the title
    by a comma and left outside every field are the end of the title."""
    n = len(tokens)
    for e in range(n - 2):
        if labels[e] != "title" or labels[e + 1] != OUTSIDE or tokens[e + 1].text != ",":
            continue
        j = e + 2
        words = 0
        while j < n and labels[j] == OUTSIDE and (
            tokens[j].text.isalpha() or tokens[j].text == ","
        ):
            if tokens[j].text.isalpha():
                if not tokens[j].text[:1].islower() or any(
                    c in _CONTENT_FREE_CATEGORIES for c in word_features(tokens[j].text)
                ):
                    break
                words += 1
            j += 1
        if words and j < n and tokens[j].text == "." and tokens[j - 1].text != ",":
            _relabel(labels, e + 1, j - 1, "title")


def _number_opening_the_title(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``100 YIL ÖNCE …``: a bare number glued by a space to the title's first word is the
    title's, not a list number (those are followed by ``.``, ``)``, ``]``)."""
    if len(tokens) < 3 or labels[0] != "citation-number" or not tokens[0].text.isdigit():
        return
    k = 1
    while k < len(tokens) and labels[k] == "citation-number":
        k += 1
    first_word = tokens[1].text
    if k < len(tokens) and labels[k] == "title" and first_word.isalpha() \
            and first_word.isupper() and len(first_word) > 1:
        _relabel(labels, 0, k - 1, "title")


def _imprint_inside_the_title(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Title. Mysl. Moscow, 1975`` / ``Title. Тбилиси.``: a one-word last sentence of the
    title is the publisher before a place, or the place when it is a known place."""
    runs = _runs(labels)
    titles = [r for r in runs if r[0] == "title"]
    for i, (lab, s, e) in enumerate(runs):
        if lab != "title":
            continue
        last = e if tokens[e].text != "." else e - 1
        alone = s == last and len(titles) > 1 and titles[0][1] < s  # "Title. Mysl. Moscow"
        if not alone and (e - s < 4 or not (
            tokens[last - 1].text == "." and tokens[last - 2].text.isalpha()
            and len(tokens[last - 2].text) > 1
        )):
            continue
        if not (tokens[last].text.isalpha() and tokens[last].text[:1].isupper()
                and len(tokens[last].text) >= 3 and tokens[last - 1].text == "."):
            continue
        following = [r for r in runs[i + 1 :] if r[0] != OUTSIDE]
        gap = tokens[e + 1 : following[0][1]] if following else []
        if any(t.text not in ".,:;-–—" for t in gap):
            continue
        cats = word_features(tokens[last].text)
        if "publisher-place" not in labels and "lex=place" in cats:
            new = "publisher-place"
        elif following and following[0][0] == "publisher-place" and "publisher" not in labels:
            new = "publisher"
        else:
            continue
        abbreviation = len(tokens[last - 2].text) <= 3 and tokens[last - 2].text.islower()
        labels[last - 1] = "title" if abbreviation else OUTSIDE  # "… гг." keeps its period
        labels[last] = new
        if e != last:
            labels[e] = OUTSIDE
        return


def _subtitle_read_as_container(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Title: From X to Y`` with the part after the colon read as a container: a colon
    joins a subtitle (containers come after ``//``, ``In:``, a full stop or a comma)."""
    for i, (lab, _, _) in enumerate(runs := _runs(labels)):
        if lab != "title" or i + 2 >= len(runs):
            continue
        gap, nxt = runs[i + 1], runs[i + 2]
        if gap[0] != OUTSIDE or nxt[0] != "container-title" or gap[2] - gap[1] > 1:
            continue
        words = [t.text for t in tokens[gap[1] + 1 : gap[2] + 1]]  # ": From Prehistoric …"
        if tokens[gap[1]].text != ":" or not all(w.isalpha() and w[:1].isupper() for w in words):
            continue
        if any(opens_container(w) for w in [*words, tokens[nxt[1]].text]):
            continue
        if nxt[2] + 1 < len(tokens) and tokens[nxt[2] + 1].text in ")]”»\"":
            continue  # "(Title: Series)" or a quoted container
        _relabel(labels, gap[1], nxt[2], "title")
        return



def _edited_book_read_as_container(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``A. Name and B. Name, (eds.), Book Title, Press, 1993``: the editors of a book cited
    as a whole come first, and the container after them is the book's title."""
    if "title" in labels or "container-title" not in labels:
        return
    runs = [r for r in _runs(labels) if r[0] not in (OUTSIDE, "citation-number")]
    if len(runs) >= 2 and runs[0][0] == "editor" and runs[1][0] == "container-title":
        if any(opens_container(t.text) for t in tokens[runs[0][2] + 1 : runs[1][1]]):
            return
        _relabel(labels, runs[1][1], runs[1][2], "title")


def _numbers_inside_the_container(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Turkish Studies Volume 2/3 Summer 2007`` or ``Georgica 5 (…)`` read as one container:
    a volume or issue marker with its number ends the container; so does a bare number
    right before a parenthesis."""
    if "container-title" not in labels:
        return
    for lab, s, e in _runs(labels):
        if lab != "container-title" or e - s < 1:
            continue
        if not any(t.text.isdigit() for t in tokens[s + 1 : e + 2]):
            continue
        for k in range(s + 1, e + 1):
            word = tokens[k].text
            nxt = tokens[k + 1] if k + 1 < len(tokens) else None
            feats = word_features(word)
            marker = "lex=volume_marker" in feats or "lex=issue_marker" in feats
            if marker and len(word) > 1 and nxt is not None and nxt.text.isdigit() and k + 1 <= e:
                field = "volume" if "lex=volume_marker" in feats else "issue"
                labels[k] = labels[k + 1] = field
                rest = range(k + 2, e + 1)
                years = [j for j in rest if YEAR.match(tokens[j].text)]
                for j in rest:
                    labels[j] = OUTSIDE
                if years and "issued" not in labels:
                    first = years[0] - 1 if years[0] - 1 >= k + 2 and tokens[years[0] - 1] \
                        .text.isalpha() else years[0]
                    for j in range(first, years[0] + 1):
                        labels[j] = "issued"
                return
            if (k == e and word.isdigit() and len(word) <= 3 and nxt is not None
                    and nxt.text == "(" and "volume" not in labels):
                labels[k] = "volume"
                return


def _issue_inside_the_date(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``//Иверия. 1903. 142. 2 июля.`` read as one date: the number that is neither the
    year nor a day next to a month name is the issue."""
    if "issue" in labels or "issued" not in labels:
        return
    for lab, s, e in _runs(labels):
        if lab != "issued" or e - s < 3:
            continue
        for k in range(s + 1, e):
            word = tokens[k].text
            if not word.isdigit() or YEAR.match(word) or len(word) > 4:
                continue
            near = [tokens[j].text for j in (k - 1, k + 1, k + 2) if s <= j <= e]
            if any("lex=month" in word_features(w) for w in near):
                continue  # a day: "2 июля"
            spaced = tokens[k].start > tokens[k - 1].end and (
                k + 2 > e or tokens[k + 2].start > tokens[k + 1].end
            )
            if tokens[k - 1].text == "." and tokens[k + 1].text == "." and spaced:
                labels[k] = "issue"  # not "12.05.1990": a numeric date has no spaces
                return


def _title_read_as_note(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """A reference opening with a 'note' and having no title: the note is the title (and a
    ``//`` inside it starts the container)."""
    if "title" in labels:
        return
    runs = [r for r in _runs(labels) if r[0] not in (OUTSIDE, "citation-number")]
    if not runs or runs[0][0] != "note":
        return
    _, s, e = runs[0]
    if sum(1 for t in tokens[s : e + 1] if t.text.isalpha()) < 2 or tokens[s].text in "([":
        return
    if not {r[0] for r in runs[1:]} & {"issued", "container-title", "publisher-place", "publisher"}:
        return  # archive locations ("ARDA, f. 28, siy. 1") are notes
    if any(fold_case(t.text) in _words()["archive_words"] for t in tokens[s : e + 1]):
        return
    field = "title"
    for k in range(s, e + 1):
        if tokens[k].text == "/" and k + 1 <= e and tokens[k + 1].text == "/":
            field = "container-title" if "container-title" not in labels else OUTSIDE
            labels[k] = labels[k + 1] = OUTSIDE
        elif labels[k] == "note" and tokens[k].text in "([" and field != "title":
            break
        elif labels[k] == "note":
            labels[k] = field
    for k in range(s, e + 1):
        if labels[k] == "note":
            labels[k] = OUTSIDE


def _parallel_rendering(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Турки из Месхетии. М, 1994 (BUGAY, Nikolay. Meskhetiya Türkleri …, 1994)``: a closing
    parenthesis that renders the entry again in another script is not part of its fields."""
    n = len(tokens)
    end = n - 1
    while end > 0 and tokens[end].text in ".,;":
        end -= 1
    if end < 6 or tokens[end].text != ")":
        return
    depth, start = 0, -1
    for k in range(end, -1, -1):
        depth += tokens[k].text == ")"
        depth -= tokens[k].text == "("
        if depth == 0:
            start = k
            break
    if start < 3:
        return
    inside = [t.text for t in tokens[start + 1 : end] if t.text.isalpha()]
    before = [t.text for t in tokens[:start] if t.text.isalpha()]
    if len(inside) < 4 or not before:
        return
    cyrillic = sum(1 for w in before if "\u0400" <= w[0] <= "\u04ff") / len(before)
    inside_cyr = sum(1 for w in inside if "\u0400" <= w[0] <= "\u04ff") / len(inside)
    if abs(cyrillic - inside_cyr) < 0.7 or language_note(text[tokens[start].start :]):
        return
    _relabel(labels, start, end, OUTSIDE)


def _place_read_as_container(tokens: Sequence[Token], labels: Labels, text: str) -> None:
    """``Title. Алма-Ата, И-во Наука, 1978``: one (hyphenated) word read as a container right
    before the publisher, with no place found, is the place."""
    if "publisher-place" in labels or any(x in labels for x in ("volume", "issue", "page")):
        return
    runs = _runs(labels)
    for i in range(len(runs) - 2):
        lab, s, e = runs[i]
        if lab != "container-title" or runs[i + 2][0] != "publisher":
            continue
        gap = runs[i + 1]
        words = [t for t in tokens[s : e + 1] if t.text.isalpha()]
        glued = all(tokens[k].end == tokens[k + 1].start for k in range(s, e))
        if gap[0] == OUTSIDE and gap[1] == gap[2] and tokens[gap[1]].text == "," and glued \
                and 1 <= len(words) <= 3 and words[0].text[:1].isupper():
            _relabel(labels, s, e, "publisher-place")
            return


_REPAIRS: tuple[Callable[[Sequence[Token], Labels, str], None], ...] = (
    _parallel_rendering,
    _title_read_as_note,
    _numbers_inside_the_container,
    _double_issue,
    _glued_imprint,
    _parenthesised_years,
    _parenthesised_subtitle,
    _back_reference_is_no_container,
    _dated_not_accessed,
    _journal_read_as_publisher,
    _container_without_title,
    _lone_roman_volume,
    _roles_by_marker,
    _page_list,
    _word_as_list_number,
    _price,
    _patronymic_in_title,
    _bare_issue_after_year,
    _issue_inside_the_date,
    _place_after_dash,
    _place_read_as_container,
    _date_after_url_is_accessed,
    _bare_count_at_the_end,
    _subtitle_read_as_container,
    _edited_book_read_as_container,
    _volume_before_date,
    _volume_without_number,
    _title_words_left_out,
    _number_opening_the_title,
    _imprint_inside_the_title,
)


def repair_labels(tokens: Sequence[Token], labels: Labels, text: str) -> Labels:
    """Apply every repair in order (in place) to the labels of ``text``'s tokens; return them."""
    for repair in _REPAIRS:
        repair(tokens, labels, text)
    return labels
