"""Reading documents: encodings, binary junk, .docx, .pdf, .tex, .md and stdin."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from caucbib.api import parse_strings
from caucbib.errors import InputError
from caucbib.find import extract_references
from caucbib.find.citations import document_citations
from caucbib.find.read import decode, detect_encoding, read_document, read_text
from tests.manuscript.pdfwriter import write_pdf

DATA = Path(__file__).parent / "data"
RUSSIAN = ("Введение\nГрузовые перевозки на Каспии выросли (Иванов и др., 2016, с. 45).\n"
           "Литература\nИванов И.И. Грузовые перевозки. М.: Наука, 2016. 210 с. Объём, щука, ёж.\n")
TURKISH = ("Giriş\nOrta Koridor üzerine çalışmalar (Yılmaz vd., 2019) arttı; İstanbul ve Ağrı.\n"
           "Kaynakça\nYılmaz, A. (2019). Orta Koridor ve maliyet analizi. İstanbul: Beta Yayınları.\n")


# -- encodings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, codec, detected",
    [
        (RUSSIAN, "cp1251", "cp1251"),
        (TURKISH, "cp1254", "cp1254"),
        (RUSSIAN, "utf-16", "utf-16"),
        (TURKISH, "utf-16-le", "utf-16-le"),
        (TURKISH, "utf-16-be", "utf-16-be"),
        (TURKISH, "utf-8-sig", "utf-8-sig"),
        (RUSSIAN, "utf-8", "utf-8"),
    ],
    ids=["cp1251-russian", "cp1254-turkish", "utf16-bom", "utf16le-no-bom", "utf16be-no-bom",
         "utf8-bom", "utf8"],
)
def test_encodings_are_detected(tmp_path: Path, text: str, codec: str, detected: str) -> None:
    data = text.encode(codec)
    assert detect_encoding(data) == detected
    file = tmp_path / "doc.txt"
    file.write_bytes(data)
    name, decoded = read_text(file)
    assert (name, decoded) == (str(file), text)


def test_given_encoding_wins_and_bad_forced_utf8_names_the_offset(tmp_path: Path) -> None:
    data = RUSSIAN.encode("cp1251")
    assert decode("x.txt", data, "cp1251") == RUSSIAN
    with pytest.raises(InputError, match=re.escape("x.txt is not valid utf-8: undecodable byte at offset 0")):
        decode("x.txt", data, "utf-8")
    with pytest.raises(InputError, match="unknown text encoding 'klingon'"):
        decode("x.txt", data, "klingon")


def test_damaged_utf8_is_not_guessed_as_a_code_page() -> None:
    data = "Məmmədov".encode() + b" \xff\xfe broken"
    with pytest.raises(InputError) as info:
        decode("bad.txt", data)
    assert "bad.txt is not valid UTF-8: undecodable byte at offset 11" in info.value.message


def test_binary_junk() -> None:
    with pytest.raises(InputError, match="looks like a binary file"):
        decode("img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = SimpleNamespace(buffer=io.BytesIO(TURKISH.encode("cp1254")))
    monkeypatch.setattr(sys, "stdin", fake)
    document = read_document("-")
    assert (document.name, document.text, document.kind) == ("<stdin>", TURKISH, "text")


# -- Word ---------------------------------------------------------------------------------------
def _docx_bytes(lines: list[str], footnote: str | None = None) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Table cell text"
    for line in lines:
        document.add_paragraph(line)
    if footnote:
        run = document.paragraphs[0].add_run()
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), "1")
        run._r.append(reference)
    buffer = io.BytesIO()
    document.save(buffer)
    return _add_footnotes(buffer.getvalue(), footnote) if footnote else buffer.getvalue()


def _add_footnotes(data: bytes, footnote: str) -> bytes:
    """python-docx cannot write footnotes: add the part, its relationship and content type."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    part = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{ns}">'
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>{footnote}</w:t></w:r></w:p>'
            "</w:footnote></w:footnotes>")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.'
                    b'openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'))
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>"))
            target.writestr(item, content)
        target.writestr("word/footnotes.xml", part.encode())
    return out.getvalue()


def test_docx_gives_the_same_references_and_citations_as_text(tmp_path: Path) -> None:
    text = (DATA / "manuscript-fixed.txt").read_text("utf-8")
    file = tmp_path / "manuscript.docx"
    file.write_bytes(_docx_bytes(text.splitlines()))
    document = read_document(file)
    assert document.kind == "docx"
    assert extract_references(document.text).references == extract_references(text).references
    assert [c.raw.replace("\n", " ") for c in document_citations(document.text)] == \
        [c.raw.replace("\n", " ") for c in document_citations(text)]
    assert "Table cell text" in document.text


def test_docx_footnotes_become_a_notes_section(tmp_path: Path) -> None:
    file = tmp_path / "notes.bin"  # found by content, not by extension
    note = "Həsənov R. Xəzər limanları. Bakı: Elm, 2017. 120 s."
    file.write_bytes(_docx_bytes(["Limanlar yenidən quruldu."], footnote=note))
    document = read_document(file)
    assert document.kind == "docx"
    assert document.text.startswith("Table cell text\nLimanlar yenidən quruldu.[1]\n")
    assert document.text.endswith(f"\nNotes\n[1] {note}\n")


def test_zip_that_is_not_docx(tmp_path: Path) -> None:
    file = tmp_path / "archive.zip"
    with zipfile.ZipFile(file, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="ZIP archive but not a Word"):
        read_document(file)


# -- PDF ----------------------------------------------------------------------------------------
LATIN1 = [
    "Ports and corridors",
    "Trade through the ports grew quickly (Müller, 2010; Brown & Lee, 2020), as Dubois (2015)",
    "also notes for the years after the war.",
    "",
    "References",
    "Brown, A., & Lee, S. (2020). Corridors and ports in the Caspian region. London: Routledge.",
    "Dubois, F. (2015). Les routes du Caucase. Paris: Karthala.",
    "Müller, K. (2010). Häfen am Kaspischen Meer. Berlin: Dietz.",
]


def test_pdf_gives_the_same_references_as_text(tmp_path: Path) -> None:
    file = tmp_path / "paper.pdf"
    file.write_bytes(write_pdf(LATIN1))
    document = read_document(file)
    text = "\n".join(LATIN1) + "\n"
    assert document.kind == "pdf"
    from_pdf = extract_references(document.text).references
    assert from_pdf == extract_references(text).references
    assert len(from_pdf) == 3
    assert [r.to_csl() for r in parse_strings(from_pdf)] == \
        [r.to_csl() for r in parse_strings(extract_references(text).references)]
    assert [c.raw for c in document_citations(document.text)] == \
        ["(Müller, 2010; Brown & Lee, 2020)", "Dubois (2015)"]


def test_pdf_without_text_and_broken_pdf(tmp_path: Path) -> None:
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(write_pdf([]))
    with pytest.raises(InputError, match="has no text layer"):
        read_document(empty)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(InputError, match=re.escape("broken.pdf")):
        read_document(broken)


# -- LaTeX and Markdown --------------------------------------------------------------------------
TEX = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\begin{document}
\section{Giriş}
% a comment (Nobody, 1999)
Limanlar \cite{hasanov2017} və yollar \cite[s.~45]{ivanov2016} haqqında, həmçinin \citep{nobib}.
\begin{thebibliography}{9}
\bibitem{hasanov2017} H\"{u}seynov, R. (2017). \textit{Xəzər və \c{S}u\c{s}a limanlar\i}. Bak\i: Elm.
\bibitem[Ivanov(2016)]{ivanov2016} Иванов И.~И. Грузовые перевозки. --- М.: Наука, 2016. --- 210~с.
\end{thebibliography}
\end{document}
"""


def test_tex_bibliography_and_cites(tmp_path: Path) -> None:
    file = tmp_path / "paper"  # no extension: found by content
    file.write_text(TEX, encoding="utf-8")
    document = read_document(file)
    assert document.kind == "tex"
    assert "Limanlar [1] və yollar [2, s. 45] haqqında, həmçinin \\cite{nobib}." in document.text
    assert "Nobody" not in document.text
    assert extract_references(document.text).references == [
        "Hüseynov, R. (2017). Xəzər və Şuşa limanları. Bakı: Elm.",
        "Иванов И. И. Грузовые перевозки. — М.: Наука, 2016. — 210 с.",
    ]
    kinds = [(c.raw, c.kind) for c in document_citations(document.text)]
    assert kinds == [("[1]", "numeric"), ("[2, s. 45]", "numeric"), ("\\cite{nobib}", "key")]


def test_markdown(tmp_path: Path) -> None:
    file = tmp_path / "notes.md"
    file.write_text("# Notes on ports\n\nAs *Brown* says (Brown, 2020), see [the map](http://x.org).\n\n"
                    "## References\n\n- Brown, A. (2020). *Corridors and ports*. London: Routledge.\n",
                    encoding="utf-8")
    document = read_document(file)
    assert document.kind == "markdown"
    assert "As Brown says (Brown, 2020), see the map http://x.org." in document.text
    assert extract_references(document.text).references == [
        "Brown, A. (2020). Corridors and ports. London: Routledge."]
