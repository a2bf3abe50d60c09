"""What the corpus validators share: the labels, styles and types of the corpus contract."""

from caucbib.model import CSL_TYPES
from caucbib.parse.corpus import LABELS as CORPUS_LABELS

LABELS = frozenset(CORPUS_LABELS)
STYLES = frozenset(
    ["apa", "tr-apa", "gost", "chicago", "mla", "harvard", "vancouver", "ieee", "free",
     "footnote", "heading", "other"]
)
TYPES = CSL_TYPES
