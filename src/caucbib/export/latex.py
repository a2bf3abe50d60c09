"""LaTeX encoding and decoding of field values (via pylatexenc), with safe escaping.

Policy (documented in the .bib header that ``bibtex`` writes):

* LaTeX specials ``\\ { } % # & $ _ ^ ~`` are always escaped, braces as
  ``\\textbraceleft``/``\\textbraceright`` so BibTeX's brace counting stays balanced and
  nothing (``\\input``, ``\\write18``, ``\\csname``) can run.
* With ``ascii=True`` every non-ASCII letter becomes a command pdflatex compiles:
  ``ı→{\\i}``, ``ğ→{\\u{g}}``, ``ə→{\\textschwa}`` (package tipa), ``Ə`` through a
  configurable macro (default ``\\caucbibSchwa``), Cyrillic as T2A commands
  (``{\\cyrm}``, needs ``\\usepackage[T2A,T1]{fontenc}``) so nothing is lost.
  Characters without a LaTeX form fall back to their anyascii transliteration.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from anyascii import anyascii
from pylatexenc.latex2text import (  # type: ignore[import-untyped]
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)
from pylatexenc.latexencode import (  # type: ignore[import-untyped]
    RULE_CALLABLE,
    RULE_DICT,
    UnicodeToLatexConversionRule,
    UnicodeToLatexEncoder,
)

DEFAULT_SCHWA_MACRO = "\\caucbibSchwa"


@cache
def latex_map() -> dict[str, dict[str, str]]:
    """The character maps in ``data/export/latex_map.json``."""
    text = (
        resources.files("caucbib").joinpath("data", "export", "latex_map.json").read_text("utf-8")
    )
    data: dict[str, Any] = json.loads(text)
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def _ascii_fallback(s: str, pos: int) -> tuple[int, str] | None:
    char = s[pos]
    if ord(char) < 128:
        return None
    return 1, anyascii(char) or "?"


@cache
def _encoder(ascii_only: bool, schwa_macro: str) -> UnicodeToLatexEncoder:
    maps = latex_map()
    table = {ord(k): v for k, v in maps["special"].items()}
    rules: list[Any] = []
    if ascii_only:
        for char, macro in maps["ascii"].items():
            table[ord(char)] = macro.replace("{SCHWA_MACRO}", schwa_macro)
        rules = [
            UnicodeToLatexConversionRule(RULE_DICT, table),
            "defaults",
            UnicodeToLatexConversionRule(RULE_CALLABLE, _ascii_fallback),
        ]
        return UnicodeToLatexEncoder(
            conversion_rules=rules,
            replacement_latex_protection="braces-all",
            unknown_char_policy="keep",
            unknown_char_warning=False,
        )
    rules = [UnicodeToLatexConversionRule(RULE_DICT, table)]
    return UnicodeToLatexEncoder(
        conversion_rules=rules,
        replacement_latex_protection="braces-all",
        unknown_char_policy="keep",
        unknown_char_warning=False,
    )


CYRILLIC_MACRO = "\\caucbibCyr"
_T2A_COMMAND = re.compile(r"\{\\((?:CYR|cyr)[A-Za-z]*)\}")


def encode_latex(text: str, *, ascii: bool = False, schwa_macro: str = DEFAULT_SCHWA_MACRO) -> str:
    """``text`` as a safe LaTeX string (all non-ASCII as commands when ``ascii``).

    Cyrillic letters become ``{\\caucbibCyr\\cyra}``: one BibTeX "special character" per
    letter (initials and labels stay whole), typeset in T2A whatever the current encoding.
    """
    marked = _LIGATURE.sub(_BREAK, text)
    out: str = _encoder(ascii, schwa_macro).unicode_to_latex(marked).replace(_BREAK, "{}")
    if ascii and "{\\" in out:
        out = _T2A_COMMAND.sub(lambda m: "{" + CYRILLIC_MACRO + "\\" + m.group(1) + "}", out)
    return out


# ``--``, ``''``, two backticks, ``!``` and ``?``` are TeX ligatures (dashes, quotes, ¡, ¿):
# an empty group between the characters keeps them as typed.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=')(?=')|(?<=`)(?=`)|(?<=[!?])(?=`)")
_BREAK = "QxCaucbibLigatureBreakxQ"  # plain ASCII letters survive both encoders unchanged


def ascii_preamble(schwa_macro: str = DEFAULT_SCHWA_MACRO) -> str:
    """The ``@preamble`` that makes the ASCII export compile under pdflatex with T2A loaded."""
    t2a = "{\\fontencoding{T2A}\\selectfont "
    return (
        f"\\providecommand{{{CYRILLIC_MACRO}}}[1]{{{t2a}#1}}}}"
        f"\\providecommand{{{schwa_macro}}}{{{t2a}\\CYRSCHWA}}}}"
        f"\\providecommand{{\\textschwa}}{{{t2a}\\cyrschwa}}}}"
    )


@cache
def _decoder(keep_braces: bool) -> LatexNodes2Text:
    db = get_default_latex_context_db()
    specs = [
        MacroTextSpec(name, simplify_repl=repl) for name, repl in latex_map()["decode"].items()
    ]
    specs.append(MacroTextSpec("url", simplify_repl="%s"))
    db.add_context_category("caucbib", prepend=True, macros=specs)
    return LatexNodes2Text(latex_context=db, keep_braced_groups=keep_braces, math_mode="verbatim")


def latex_decoder(*, keep_braces: bool = False) -> LatexNodes2Text:
    """A pylatexenc decoder that knows caucbib's macros (for bibtexparser's middleware)."""
    return _decoder(keep_braces)


def decode_latex(text: str) -> str:
    """Plain Unicode text from a LaTeX field value; whitespace runs become one space."""
    decoded: str = _decoder(False).latex_to_text(text)
    return re.sub(r"\s+", " ", decoded).strip()


def is_braced_group(text: str) -> bool:
    """True when ``text`` is one brace group ``{…}`` from first to last character."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(text) - 1:
            return False
    return depth == 0


# -- case protection ------------------------------------------------------------------------

_WORD = re.compile(r"\S+")


def _has_capital(word: str, *, beyond_first: bool) -> bool:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    caps = [c.isupper() for c in letters]
    return any(caps[1:]) if beyond_first else any(caps)


def protect_case(
    text: str,
    *,
    title_case_english: bool,
    ascii: bool = False,
    schwa_macro: str = DEFAULT_SCHWA_MACRO,
) -> str:
    """``text`` LaTeX-encoded, with words BibTeX styles would lowercase in braces.

    In English title-case titles only words with inner capitals (``OSCE``, ``McCain``) are
    braced, since their other capitals are style; in sentence-case titles and in every
    non-English title each capitalised word after the first is a proper noun and is braced.
    """
    out: list[str] = []
    last = 0
    for index, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        out.append(text[last : match.start()])
        last = match.end()
        protect = _has_capital(word, beyond_first=True)
        if not protect and index > 0 and not title_case_english:
            protect = _has_capital(word, beyond_first=False)
        out.append(
            _brace_word(word, ascii, schwa_macro)
            if protect
            else encode_latex(word, ascii=ascii, schwa_macro=schwa_macro)
        )
    out.append(text[last:])
    return "".join(out)


def _brace_word(word: str, ascii: bool, schwa_macro: str) -> str:
    """``{Word}`` encoded, keeping leading/trailing punctuation outside the braces."""
    match = re.match(r"^([\"'(\[«“]*)(.*?)([\"'.,:;!?)\]»”]*)$", word)
    head, core, tail = match.groups() if match and match.group(2) else ("", word, "")
    head, core, tail = (
        encode_latex(p, ascii=ascii, schwa_macro=schwa_macro) for p in (head, core, tail)
    )
    return f"{head}{{{core}}}{tail}"


def is_title_case(text: str) -> bool:
    """True when most longer words start with a capital (English headline style)."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    if len(words) < 2:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.85
