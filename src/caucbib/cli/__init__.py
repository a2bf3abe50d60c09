"""The command-line interface: a thin client of :mod:`caucbib.api`, one module per group."""

from caucbib.cli import checks, dedupe, exporting, library, reading
from caucbib.cli.app import app, main

__all__ = ["app", "checks", "dedupe", "exporting", "library", "main", "reading"]
