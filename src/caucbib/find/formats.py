"""Document formats → plain text: Word ``.docx`` (python-docx), PDF text layers (pypdf),
LaTeX (``thebibliography`` lists become a plain "References" section; ``\\cite`` stays a
citation) and Markdown (inline markup removed).
"""

from __future__ import annotations

import io
import re
from typing import Any

from caucbib.errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOTE_PARTS = (("footnotes", "footnote"), ("endnotes", "endnote"))


# -- Word ------------------------------------------------------------------------------------
def docx_text(name: str, data: bytes) -> str:
    """Body paragraphs (tables included) in order; footnotes and endnotes as a "Notes"
    section of ``[n] text`` lines, with ``[n]`` markers where the body refers to them."""
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("reading .docx needs the python-docx package") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types on bad files
        raise InputError(f"{name} is not a readable .docx file: {exc}") from exc
    notes: dict[tuple[str, str], int] = {}
    lines = [_paragraph_text(p, notes) for p in document.element.body.iter(f"{_W}p")]
    note_texts = _note_texts(document)
    if notes:
        lines += ["", "Notes"]
        for (kind, note_id), number in sorted(notes.items(), key=lambda item: item[1]):
            text = note_texts.get((kind, note_id), "").strip()
            if text:
                lines.append(f"[{number}] {text}")
    return "\n".join(lines).strip() + "\n"


def _paragraph_text(paragraph: Any, notes: dict[tuple[str, str], int]) -> str:
    out: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == f"{_W}t":
            out.append(node.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
            kind = "footnote" if "footnote" in tag else "endnote"
            key = (kind, node.get(f"{_W}id") or "")
            number = notes.setdefault(key, len(notes) + 1)
            out.append(f"[{number}]")
    return "".join(out)


def _note_texts(document: Any) -> dict[tuple[str, str], str]:
    """``{(kind, id): text}`` of the footnotes and endnotes parts, when the file has them."""
    from xml.etree import ElementTree

    found: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        part_name = str(getattr(rel.target_part, "partname", "")) if not rel.is_external else ""
        for part, kind in _NOTE_PARTS:
            if not part_name.endswith(f"/{part}.xml"):
                continue
            root = ElementTree.fromstring(rel.target_part.blob)
            for note in root.iter(f"{_W}{kind}"):
                note_id = note.get(f"{_W}id") or ""
                text = " ".join(_paragraph_text(p, {}) for p in note.iter(f"{_W}p"))
                found[(kind, note_id)] = re.sub(r"\s+", " ", text).strip()
    return found


# -- PDF -------------------------------------------------------------------------------------
def pdf_text(name: str, data: bytes) -> str:
    """The text layer of every page, pages separated by blank lines."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError("reading .pdf needs the pypdf package") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name} is an encrypted PDF", hint="remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name} is not a readable PDF: {exc}") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise InputError(f"{name} has no text layer (a scanned PDF?)",
                         hint="run OCR on it first, or give the text as a .txt file")
    return _dehyphenate(text) + "\n"


def _dehyphenate(text: str) -> str:
    """Join words broken at line ends (``tari-\\nxi`` → ``tarixi``)."""
    return re.sub(r"(\w)[-\u00ad]\n(?=[a-zа-яəığşçöü])", r"\1", text)


# -- LaTeX -----------------------------------------------------------------------------------
_BIBLIOGRAPHY = re.compile(
    r"\\begin\{thebibliography\}(?:\{[^}]*\})?(?P<body>.*?)\\end\{thebibliography\}", re.S
)
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{(?P<key>[^}]*)\}")
_CITE = re.compile(
    r"\\(?:cite|citep|citet|parencite|textcite|autocite|footcite|citealp|citealt)\*?"
    r"\s*(?:\[(?P<opt1>[^\]]*)\])?\s*(?:\[(?P<opt2>[^\]]*)\])?\s*\{(?P<keys>[^}]*)\}"
)
_SECTION = re.compile(r"\\(?:section|subsection|subsubsection|chapter|paragraph)\*?\s*\{([^}]*)\}")
_BODY = re.compile(r"\\begin\{document\}(.*?)(?:\\end\{document\}|\Z)", re.S)
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_PROTECT = "\ue000"


def bibitem_keys(source: str) -> list[str]:
    """The ``\\bibitem`` keys of a LaTeX source, in order."""
    return [m.group("key").strip() for m in _BIBITEM.finditer(source)]


def tex_text(source: str) -> str:
    """LaTeX source → plain text. Citations of known ``\\bibitem`` keys become ``[n]`` (pages
    kept: ``[3, p. 5]``); citations of other keys stay as ``\\cite{key}``."""
    from caucbib.export.latex import decode_latex, latex_decoder

    source = _COMMENT.sub("", source)
    body_match = _BODY.search(source)
    body = body_match.group(1) if body_match else source
    numbers = {key: i for i, key in enumerate(bibitem_keys(body), start=1)}
    kept: list[str] = []

    def cite(match: re.Match[str]) -> str:
        keys = [k.strip() for k in match.group("keys").split(",") if k.strip()]
        pages = (match.group("opt2") if match.group("opt2") is not None else match.group("opt1"))
        pages = decode_latex(pages) if pages else ""
        if keys and all(k in numbers for k in keys):
            inner = ", ".join(str(numbers[k]) for k in keys)
            return f"[{inner}, {pages}]" if pages else f"[{inner}]"
        kept.append(f"\\cite{{{','.join(keys)}}}")
        return f"{_PROTECT}{len(kept) - 1}{_PROTECT}"

    def bibliography(match: re.Match[str]) -> str:
        items = _BIBITEM.split(match.group("body"))[1:]
        lines = []
        for index in range(0, len(items) - 1, 2):
            text = decode_latex(items[index + 1].replace(_PROTECT, ""))
            if text:
                lines.append(f"[{index // 2 + 1}] {text}")
        return "\n\nReferences\n" + "\n".join(lines) + "\n\n"

    parts: list[str] = []
    last = 0
    for match in _BIBLIOGRAPHY.finditer(body):
        parts.append(_decode_prose(_CITE.sub(cite, body[last:match.start()]), latex_decoder))
        parts.append(bibliography(match))
        last = match.end()
    parts.append(_decode_prose(_CITE.sub(cite, body[last:]), latex_decoder))
    text = "".join(parts)
    text = re.sub(f"{_PROTECT}(\\d+){_PROTECT}", lambda m: kept[int(m.group(1))], text)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _decode_prose(text: str, decoder: Any) -> str:
    text = _SECTION.sub(lambda m: f"\n\n{m.group(1)}\n\n", text)
    decoded: str = decoder().latex_to_text(text)
    return decoded


# -- Markdown --------------------------------------------------------------------------------
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<![\w*_])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*_])")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M)


def markdown_text(source: str) -> str:
    """Markdown → plain text: headings, emphasis, inline code and links unwrapped."""
    text = _MD_HEADING.sub(r"\1", source)
    text = _MD_LINK.sub(lambda m: f"{m.group(1)} {m.group(2)}".strip()
                        if m.group(2) not in m.group(1) else m.group(1), text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return re.sub(r"`([^`]*)`", r"\1", text)
