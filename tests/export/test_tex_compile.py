"""Opt-in: compile documents citing every golden entry (CAUCBIB_TEX_TESTS=1, needs TeX)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from caucbib.export import export_records

from .conftest import load_records

pytestmark = [
    pytest.mark.tex,
    pytest.mark.skipif(
        os.environ.get("CAUCBIB_TEX_TESTS") != "1"
        or not all(shutil.which(t) for t in ("pdflatex", "bibtex", "biber")),
        reason="set CAUCBIB_TEX_TESTS=1 and install pdflatex, bibtex and biber",
    ),
]

PREAMBLE = r"""\documentclass{article}
\usepackage[T2A,T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage[russian,english]{babel}
\usepackage{tipa}
\usepackage{url}
\providecommand{\caucbibSchwa}{{\fontencoding{T2A}\selectfont\CYRSCHWA}}
\DeclareUnicodeCharacter{0259}{\textschwa}
\DeclareUnicodeCharacter{018F}{\caucbibSchwa}
"""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="latin-1",
        timeout=180,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def _check_log(folder: Path) -> None:
    log = (folder / "doc.log").read_text("utf-8", errors="replace")
    assert "! " not in log, log[-3000:]
    assert "Missing character" not in log


def test_biblatex_utf8_output_compiles_with_biber(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(export_records(load_records(), "biblatex"), "utf-8")
    (tmp_path / "doc.tex").write_text(
        PREAMBLE + "\\usepackage[backend=biber,style=authoryear,autolang=other]{biblatex}\n"
        "\\addbibresource{refs.bib}\n\\begin{document}\n\\nocite{*}\n\\printbibliography\n"
        "\\end{document}\n",
        "utf-8",
    )
    steps = [
        ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc"],
        ["biber", "doc"],
        ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc"],
    ]
    for step in steps:
        done = _run(step, tmp_path)
        assert done.returncode == 0, done.stdout[-3000:]
    _check_log(tmp_path)
    assert "ERROR" not in (tmp_path / "doc.blg").read_text("latin-1")


def test_ascii_bibtex_output_compiles_with_classic_bibtex(tmp_path: Path) -> None:
    bib = export_records(load_records(), "bibtex", ascii=True)
    assert bib.isascii()
    (tmp_path / "refs.bib").write_text(bib, "ascii")
    (tmp_path / "doc.tex").write_text(
        PREAMBLE + "\\begin{document}\n\\nocite{*}\n\\bibliographystyle{plain}\n"
        "\\bibliography{refs}\n\\end{document}\n",
        "utf-8",
    )
    steps = [
        ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc"],
        ["bibtex", "doc"],
        ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", "doc"],
    ]
    for step in steps:
        done = _run(step, tmp_path)
        assert done.returncode == 0, done.stdout[-3000:]
    _check_log(tmp_path)
    assert "error message" not in (tmp_path / "doc.blg").read_text("latin-1")
