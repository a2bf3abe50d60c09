"""Commands that read references without a library: parse, extract, train."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from caucbib import render
from caucbib.cli.app import FormatOpt, api, app, emit_records, row_format
from caucbib.errors import UsageError

PARSE_FORMATS = ("csl-json", "jsonl", "bibtex", "biblatex", "ris", "table", "json", "csv")


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="A file with one reference per line, or - for stdin.")
                    ] = "-",
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="csl-json, jsonl, bibtex, biblatex, ris or table "
        "(default: table on a terminal, csl-json when piped).")] = None,
    explain: Annotated[bool, typer.Option(help="Show the label of every token.")] = False,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default UTF-8).")] = None,
) -> None:
    """Parse references: every non-empty input line is exactly one reference."""
    from caucbib.find import read_text

    _, text = read_text(file, encoding)
    if explain:
        rows = [{"reference": i, "token": tok, "label": label}
                for i, labels in enumerate(api.explain_lines(text), start=1)
                for tok, label in labels]
        render.emit_rows(rows, row_format(fmt), ("reference", "token", "label"))
        return
    chosen = fmt or ("table" if render.stdout_is_terminal() else "csl-json")
    if chosen not in PARSE_FORMATS:
        raise UsageError(f"unknown format {chosen!r}; choose one of {', '.join(PARSE_FORMATS)}")
    emit_records(api.parse_lines(text), "csl-json" if chosen == "json" else chosen)


@app.command()
def train(
    corpus: Annotated[list[str] | None, typer.Argument(
        help="Corpus files or folders (*.jsonl, tagged format; default: training/).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Model file (default: the user data dir; parse then uses it).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed (the split is by id hash).")] = 13,
    holdout: Annotated[float, typer.Option(help="Share of references held out for scoring.")
                       ] = 0.1,
    fmt: FormatOpt = None,
) -> None:
    """Rebuild the parser model from a labelled corpus (add your own corrections file)."""
    corpus = corpus or ["training"]
    report = api.train_model(corpus, output, seed=seed, holdout=holdout)
    render.message(f"trained on {report.n_train} references in {report.seconds} s; "
                   f"held out {report.n_holdout}; wrote {report.model_path}")
    row = {"model": str(report.model_path), "train": report.n_train,
           "held_out": report.n_holdout, "token_accuracy": report.token_accuracy,
           "type_accuracy": getattr(report, "type_accuracy", None), "seconds": report.seconds}
    render.emit_rows([row], row_format(fmt), tuple(row))


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="A document (plain text), or - for stdin.")],
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="table, json, jsonl, csv (the reference strings) or csl-json, "
        "bibtex (parsed).")] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default UTF-8).")] = None,
    citations: Annotated[bool, typer.Option(
        "--citations", help="Print the in-text citations instead of the references.")] = False,
) -> None:
    """Find and print the references (or in-text citations) of a whole document."""
    if citations:
        rows = [c.to_dict() for c in api.extract_citations(file, encoding)]
        for row in rows:
            row["cited"] = "; ".join(
                ", ".join(i["authors"]) + (f" {i['year']}" if i["year"] else "")
                if i["authors"] else str(i["number"] or i["key"] or "") for i in row["items"])
        render.emit_rows(rows, row_format(fmt), ("position", "kind", "raw", "cited"))
        return
    extraction = api.extract_file(file, encoding)
    if not extraction.references:
        render.message(f"{file}: no reference list found (0 references).")
    if fmt in ("csl-json", "bibtex", "biblatex", "ris"):
        emit_records(api.parse_strings(extraction.references), fmt)
        return
    rows = [{"position": i, "reference": ref} for i, ref in enumerate(extraction.references, 1)]
    render.emit_rows(rows, row_format(fmt), ("position", "reference"))
