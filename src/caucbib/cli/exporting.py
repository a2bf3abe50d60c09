"""Commands that write what a document cites: export, styles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caucbib import render
from caucbib.cli.app import (
    FormatOpt,
    api,
    app,
    current_config,
    open_library,
    row_format,
    write_atomically,
)
from caucbib.errors import UsageError

EXPORT_FORMATS = ("biblatex", "bibtex", "csl-json", "ris")


@app.command()
def export(
    doc: Annotated[str | None, typer.Option(help="The document to export.")] = None,
    all_docs: Annotated[bool, typer.Option("--all", help="Every document (one file each).")
                        ] = False,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="biblatex, bibtex, csl-json or ris (default: biblatex, or the "
        "config's export_format).")] = None,
    style: Annotated[str | None, typer.Option(
        help="A formatted list in a CSL style id (see `styles`), a .csl file, "
        "gost-r-7.0.100-2018 / gost-r-7.0.5-2008, or 'default' for the config's style.")] = None,
    locale: Annotated[str | None, typer.Option(help="Locale for --style, e.g. az-AZ, tr-TR.")
                      ] = None,
    output_format: Annotated[str, typer.Option(help="With --style: text, html or markdown.")
                             ] = "text",
    ascii_only: Annotated[bool, typer.Option(
        "--ascii", help="BibTeX/biblatex in pure ASCII (LaTeX commands for every letter).")
    ] = False,
    key_pattern: Annotated[str | None, typer.Option(
        help="Citation key pattern, e.g. '{author}{year}{title}'.")] = None,
    langid_az: Annotated[bool, typer.Option(
        help="Write langid = {azerbaijani} (babel support varies).")] = False,
    cited_in: Annotated[Path | None, typer.Option(
        "--aux", "--tex", help="Only the entries a manuscript cites (.aux or .tex file).")
    ] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="A file (with --doc) or a folder (with --all); default stdout.")
    ] = None,
) -> None:
    """Export one document's references in their order, or every document."""
    config = current_config()
    fmt = fmt or config.export_format
    style = config.style if style == "default" else style
    if style is not None:
        locale = locale or config.locale
    key_pattern = key_pattern or (config.key_pattern if config.sources else None)
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of "
                         f"{', '.join(EXPORT_FORMATS)}")
    if (doc is None) == (not all_docs):
        raise UsageError("give either --doc NAME or --all")
    options = api.ExportOptions(fmt=fmt, ascii=ascii_only, key_pattern=key_pattern,
                                langid_az=langid_az, style=style, locale=locale,
                                output_format=output_format)
    cited = api.cited_keys_of(cited_in) if cited_in is not None else None
    with open_library() as lib:
        if doc is not None:
            api.require_document(lib, doc)
            text = api.export_document(lib, doc, options, only_keys=cited)
            if output is None:
                render.emit_text(text)
            else:
                write_atomically(output, text)
                render.message(f"{doc}: wrote {output}")
            return
        exports = api.export_all(lib, options, only_keys=cited)
    if output is None:
        for text in exports.values():
            render.emit_text(text)
        return
    output.mkdir(parents=True, exist_ok=True)
    suffix = api.export_suffix(options)
    for name, text in exports.items():
        target = output / api.export_file_name(name, suffix)
        write_atomically(target, text)
        render.message(f"{name}: wrote {target}")
    if not exports:
        render.message("the library holds no documents; nothing written")


@app.command()
def styles(
    search: Annotated[str | None, typer.Argument(help="Only styles whose id or title has this.")
                      ] = None,
    fmt: FormatOpt = None,
) -> None:
    """List the citation styles shipped offline (CSL styles and caucbib's GOST renderers)."""
    from caucbib.export.styles import list_styles

    needle = (search or "").casefold()
    rows = [{"id": sid, "title": title} for sid, title in list_styles()
            if needle in sid.casefold() or needle in title.casefold()]
    render.emit_rows(rows, row_format(fmt), ("id", "title"))
