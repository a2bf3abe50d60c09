"""Finding references in documents: reading files, locating sections, splitting entries."""

from caucbib.find.read import read_text
from caucbib.find.references import Extraction, extract_references, split_section

__all__ = ["Extraction", "extract_references", "read_text", "split_section"]
