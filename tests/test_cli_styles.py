"""Formatted lists of the seed 000 document through the CLI: alphabet-aware sorting."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from caucbib.cli import app
from tests.conftest import REFS


def _order(library: Path, *extra: str) -> list[str]:
    runner = CliRunner()
    assert runner.invoke(app, ["--library", str(library), "ingest",
                               str(REFS / "south-caucasus-organisations.txt")]).exit_code == 0
    result = runner.invoke(app, ["--library", str(library), "export", "--doc",
                                 "south-caucasus-organisations", "--style", "apa", *extra])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 19
    return [line.split(",")[0].split(".")[0] for line in lines]


def test_apa_english_order_puts_hasanova_before_hughes_and_qasimov_after_priego(
        library_path: Path) -> None:
    order = _order(library_path)
    assert order.index("Həsənova") < order.index("Hughes")
    assert order.index("Priego") < order.index("Qasımov") < order.index("TASS")


def test_apa_azerbaijani_order_puts_qasimov_between_kaleji_and_lipschutz(
        library_path: Path) -> None:
    order = _order(library_path, "--locale", "az-AZ")
    assert order.index("Kaleji") < order.index("Qasımov") < order.index("Lipschutz")
    assert order.index("Həsənova") < order.index("Hughes")


def test_gost_renderer_through_the_cli(library_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["--library", str(library_path), "ingest",
                        str(REFS / "csto-karabakh-footnotes.txt")])
    result = runner.invoke(app, ["--library", str(library_path), "export", "--doc",
                                 "csto-karabakh-footnotes", "--style", "gost-r-7.0.100-2018"])
    assert result.exit_code == 0, result.output
    assert "Galoyan N. G." in result.stdout or "Galoyan, N. G." in result.stdout
    assert "P. 83–89" in result.stdout or "P. 83-89" in result.stdout
