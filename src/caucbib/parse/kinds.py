"""CSL type of a reference: a one-item CRF (= logistic regression) over labels and keywords."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from caucbib.parse.corpus import OUTSIDE, LabelledReference
from caucbib.parse.crf import open_tagger
from caucbib.parse.lexicon import categories_of, fold_case
from caucbib.parse.tokens import Token

TYPE_MODEL_NAME = "type.crfsuite"
_CUE_WORDS = frozenset(
    {"in", "in:", "içinde", "в", "//", "ed", "eds", "materialları", "материалы", "сборник",
     "proceedings", "proc", "conference", "konfrans", "tezi", "thesis", "dissertation", "дис",
     "автореф", "dissertasiya", "avtoreferatı", "qəzeti", "qəzet", "gazetesi", "газета",
     "newspaper", "fərmanı", "kanunu", "закон", "указ", "law", "decree", "qanunu", "treaty",
     "convention", "konvensiya", "map", "xəritə", "карта", "harita", "report", "raporu",
     "hesabat", "отчет", "отчёт", "url", "http", "www", "erişim", "accessed", "обращения",
     "ajansı", "agency", "news", "arxivi", "архив", "фонд", "ф", "оп", "д", "fond", "archive",
     "yayımlanmamış", "unpublished", "jurnalı", "journal", "dergisi", "журнал", "вестник",
     "известия", "cilt", "sayı", "vol", "no", "issue", "т", "№", "вып", "pp", "ss",
     "ansiklopedisi", "encyclopedia", "ensiklopediyası", "энциклопедия", "sözlüğü", "lüğəti",
     "словарь", "entry", "yayınları", "press", "nəşriyyatı", "издательство"}
)


@lru_cache(maxsize=65536)
def _word_cues(word: str) -> tuple[str, tuple[str, ...]]:
    low = fold_case(word)
    return (low if low in _CUE_WORDS else ""), categories_of(word)


def type_features(tokens: Sequence[Token], labels: Sequence[str]) -> list[str]:
    """Features of a whole reference: which fields it has, their order, and cue words."""
    present = [lab for lab in dict.fromkeys(labels) if lab != OUTSIDE]
    feats = {"bias", *("has=" + lab for lab in present)}
    feats.update(f"{a}>{b}" for a, b in itertools.pairwise(present))
    if labels.count("title") > 12:
        feats.add("longtitle")
    previous = ""
    for tok, lab in zip(tokens, labels, strict=False):
        word = tok.text
        cues = _token_cues(word, lab)
        if cues:
            feats.update(cues)  # added in order, as one by one (the set's order depends on it)
        if previous == "/" and word == "/":
            feats.add("cue=//")
        previous = word
    return list(feats)


@lru_cache(maxsize=65536)
def _token_cues(word: str, label: str) -> tuple[str, ...]:
    """The features one labelled token adds, in the order they are added."""
    cue, cats = _word_cues(word)
    out = [f"cue={cue}@{label}", f"cue={cue}"] if cue else []
    out.extend(f"lex={cat}@{label}" for cat in cats)
    return tuple(out)


def train_type_model(
    refs: Sequence[LabelledReference], path: Path, real_weight: int = 1
) -> None:
    """Train the type classifier on the gold labels of ``refs`` (non-synthetic ones
    ``real_weight`` times)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for ref in refs:
        if not ref.type:
            continue
        tokens, labels = ref.tokens_and_labels()
        for _ in range(1 if ref.source == "synthetic" else max(1, real_weight)):
            trainer.append([sorted(type_features(tokens, labels))], [ref.type])  # hash-seed free
    trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 200})
    trainer.train(str(path))
    open_tagger.cache_clear()


def predict_type(tokens: Sequence[Token], labels: Sequence[str], model_path: Path) -> str:
    """The CSL type: the model's choice, or :func:`rule_type` without a model."""
    tagger = open_tagger(str(model_path), required=False) if tokens else None
    if tagger is None:
        return rule_type(labels)
    return str(tagger.tag([type_features(tokens, labels)])[0])


def rule_type(labels: Sequence[str]) -> str:
    """A fallback from the fields alone."""
    have = set(labels)
    if "genre" in have:
        return "thesis"
    if "container-title" in have:
        if "editor" in have or "publisher" in have:
            return "chapter"
        return "article-journal"
    if "URL" in have and "publisher" not in have:
        return "webpage"
    return "book" if "title" in have else "document"
