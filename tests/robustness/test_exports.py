"""Safe exports: reference text cannot inject LaTeX, and ``-o`` never leaves half a file."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from bibtexparser.entrypoint import parse_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caucbib.export import export_records
from caucbib.imports import read_bibliography
from caucbib.model import Date, Name, Record
from tests.robustness.conftest import run_cli

PAYLOADS = [
    "\\input{/etc/passwd}", "\\write18{rm -rf ~}", "\\immediate\\write18{id}",
    "\\csname input\\endcsname", "\\def\\x{y}\\x", "\\catcode`\\@=11", "^^5cinput{x}",
    "\\string\\input", "\\\\", "\\", "}", "{", "}}{", "%", "50% off", "# & $ _ ^ ~",
    "$\\alpha$", "\\end{thebibliography}", "} , note = {injected", "@preamble{\"\\input x\"}",
    '"', "\\begin{document}", "\\openout1=x", "\\jobname",
]
# Macros caucbib itself writes into field values (LaTeX specials and letters as commands).
ALLOWED_MACROS = {
    "textbackslash", "textbraceleft", "textbraceright", "textasciicircum", "textasciitilde",
    "textquotedbl", "textschwa", "caucbibSchwa", "caucbibCyr",
    "i", "j", "c", "u", "v", "H", "k", "r", "d", "b", "t", "o", "O", "l", "L", "ss",
    "aa", "AA", "ae", "AE", "oe", "OE",
}
CONTROL_SYMBOLS_ALLOWED = set("%#&$_{}'\"`^~=.")
TEXT_FIELDS = ("title", "author", "editor", "note", "publisher", "location", "address",
               "journaltitle", "journal", "booktitle", "series", "institution")
# T2A letter commands (\cyra, \CYRSH) and text-mode symbols (\textendash, \guillemotleft)
_T2A_LETTER = re.compile(r"(?:cyr|CYR)[a-zA-Z]{1,8}|text[a-z]+|guillemot(?:left|right)|ldots")
_TOKEN = re.compile(r"\\([A-Za-z@]+|.)|([%#&$_^~])", re.S)


def tex_problems(bib: str) -> list[str]:
    """What in the entries of ``bib`` could run code or break compilation (empty: safe)."""
    problems: list[str] = []
    library = parse_string(bib)  # raw values, no decoding
    problems += [f"unparsable block: {(b.raw or '')[:80]}" for b in library.failed_blocks]
    for entry in library.entries:
        for fld in entry.fields:
            value = str(fld.value)
            depth = 0
            for char in value:
                depth += {"{": 1, "}": -1}.get(char, 0)
                if depth < 0:
                    problems.append(f"{fld.key}: closes a brace it never opened")
                    break
            if depth > 0:
                problems.append(f"{fld.key}: unbalanced braces")
            if fld.key in ("url", "doi", "eprint"):
                if "\\" in value:
                    problems.append(f"{fld.key}: backslash in a verbatim field")
                continue
            for match in _TOKEN.finditer(value):
                name, bare = match.groups()
                if bare is not None and fld.key in TEXT_FIELDS and not (
                        bare == "~" and fld.key in ("author", "editor")):
                    problems.append(f"{fld.key}: bare {bare!r}")
                elif name is not None and name.isalpha() and name not in ALLOWED_MACROS and (
                        not _T2A_LETTER.fullmatch(name)):
                    problems.append(f"{fld.key}: control sequence \\{name}")
                elif name is not None and not name.isalpha() and (
                        name not in CONTROL_SYMBOLS_ALLOWED):
                    problems.append(f"{fld.key}: control symbol \\{name!r}")
    return problems


def _record(text: str, *, name_text: str | None = None) -> Record:
    name_text = text if name_text is None else name_text
    return Record(
        type="chapter",
        title=f"Başlıq {text} son",
        author=[Name(family=f"Əli{name_text}", given="R."), Name(literal=f"Qurum {name_text}"),
                Name(family="Иванов", given="И. И.")],
        editor=[Name(family="Kaya", given=f"A{name_text}")],
        container_title=f"Toplu {text}",
        publisher=f"Elm {text}",
        publisher_place=f"Bakı {text}",
        note=f"qeyd {text}",
        issued=Date(2001),
        page="11–19",
        language="az",
    )


def _same_text(back: Record, original: Record) -> None:
    assert back.title == original.title
    assert back.author == original.author
    assert back.editor == original.editor
    assert back.container_title == original.container_title
    assert back.publisher == original.publisher
    assert back.publisher_place == original.publisher_place
    assert back.note == original.note


BIB_CASES = [("bibtex", False), ("bibtex", True), ("biblatex", False), ("biblatex", True)]
BIB_IDS = [f"{f}-{'ascii' if a else 'utf8'}" for f, a in BIB_CASES]


@pytest.mark.parametrize(("fmt", "ascii"), BIB_CASES, ids=BIB_IDS)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_latex_payloads_are_escaped_and_read_back(payload: str, fmt: str, ascii: bool) -> None:
    record = _record(payload)
    bib = export_records([record], fmt, ascii=ascii)
    assert tex_problems(bib) == []
    result = read_bibliography(bib)
    assert result.failures == []
    (back,) = result.records
    _same_text(back, record)
    assert export_records(result.records, fmt, ascii=ascii) == bib


LIGATURES = ["--", "---", "''", "``", "!`", "?`"]


def _without_ligatures(text: str) -> str:
    """Break TeX input ligatures (tested on their own below) so the round trip is exact."""
    text = re.sub(r"-{2,}", "-", text)
    text = re.sub(r"'{2,}", "'", text)
    text = re.sub(r"`{2,}", "`", text)
    return re.sub(r"([!?])`", r"\1 `", text)


_adversarial = st.lists(
    st.one_of(st.sampled_from(PAYLOADS),
              st.text(alphabet="aəıİğşçöüЖжё AZ09-–.,;:()[]\"'/@=%#&$_^~\\{}", max_size=8)),
    min_size=1, max_size=5,
).map(lambda parts: _without_ligatures(" ".join(" ".join(parts).split()))).filter(bool)


@pytest.mark.parametrize("ligature", LIGATURES)
def test_tex_ligatures_keep_their_characters(ligature: str) -> None:
    record = Record(type="book", title=f"Qafqaz {ligature} Türkiyə", issued=Date(2001))
    for fmt in ("bibtex", "biblatex"):
        (back,) = read_bibliography(export_records([record], fmt)).records
        assert back.title == record.title


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_adversarial, case=st.sampled_from(BIB_CASES))
def test_any_adversarial_text_is_safe_in_bibtex(text: str, case: tuple[str, bool]) -> None:
    fmt, ascii = case
    record = _record(text)
    bib = export_records([record], fmt, ascii=ascii)
    assert tex_problems(bib) == []
    result = read_bibliography(bib)
    assert result.failures == []
    _same_text(result.records[0], record)
    assert export_records(result.records, fmt, ascii=ascii) == bib


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_adversarial, fmt=st.sampled_from(["csl-json", "ris"]))
def test_adversarial_text_is_a_fixed_point_in_csl_json_and_ris(text: str, fmt: str) -> None:
    # RIS writes a name as "Family, Given, Suffix": a comma inside a name cannot survive it
    names = " ".join(text.replace(",", " ").split()) if fmt == "ris" else text
    record = _record(text, name_text=names)
    first = export_records([record], fmt)
    result = read_bibliography(first)
    assert result.failures == []
    _same_text(result.records[0], record)
    assert export_records(result.records, fmt) == first


def test_tex_hat_notation_is_not_left_in_urls() -> None:
    record = Record(type="webpage", title="T", URL="https://ex.az/?q=^^5cinput{x}",
                    DOI="10.1000/^^5cwrite18", issued=Date(2001))
    for fmt in ("bibtex", "biblatex"):
        assert "^^" not in export_records([record], fmt)


# -- atomic -o -------------------------------------------------------------------------------
OLD = "% the previous export, which must survive\n"


@pytest.fixture
def old_export(seeded: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out" / "refs.bib"
    target.parent.mkdir()
    target.write_text(OLD, encoding="utf-8")
    return target


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "refs.bib")


def test_export_to_a_file_replaces_it_whole(seeded: Path, old_export: Path) -> None:
    run_cli(seeded, "export", "--doc", "seed-refs", "-o", str(old_export)).assert_clean(0)
    expected = run_cli(seeded, "export", "--doc", "seed-refs")
    assert old_export.read_text(encoding="utf-8") == expected.stdout
    assert _leftovers(old_export.parent) == []


def _full_disk_on_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)


class _HalfWriter:
    """A text file that writes half of what it is given, then fails like a full disk."""

    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def __enter__(self) -> _HalfWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, text: str) -> int:
        self.handle.write(text[: len(text) // 2])
        self.handle.flush()
        raise OSError(28, "No space left on device")


def _full_disk_midway(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.fdopen

    def half(fd: int, *args: Any, **kwargs: Any) -> _HalfWriter:
        return _HalfWriter(real(fd, *args, **kwargs))

    monkeypatch.setattr(os, "fdopen", half)


def _record_export_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import caucbib.export.bibtex as bibtex

    real = bibtex.record_to_entry
    calls = {"n": 0}

    def boom(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("this record cannot be exported")
        return real(*args, **kwargs)

    monkeypatch.setattr(bibtex, "record_to_entry", boom)


FAILURES = {"rename-fails": _full_disk_on_rename, "disk-full-midway": _full_disk_midway,
            "record-export-raises": _record_export_raises}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_export_keeps_the_old_file(
    seeded: Path, old_export: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    FAILURES[failure](monkeypatch)
    outcome = run_cli(seeded, "export", "--doc", "seed-refs", "-o", str(old_export))
    outcome.assert_clean(1, "Error: ")
    assert old_export.read_text(encoding="utf-8") == OLD


@pytest.mark.parametrize("failure", [
    "rename-fails",
    "disk-full-midway",
    "record-export-raises",
])
def test_a_failed_export_leaves_no_temporary_file(
    seeded: Path, old_export: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    FAILURES[failure](monkeypatch)
    run_cli(seeded, "export", "--doc", "seed-refs", "-o", str(old_export))
    assert _leftovers(old_export.parent) == []
