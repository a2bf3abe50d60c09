"""Tagging with only the model's known attributes gives the labels full features give."""

from __future__ import annotations

from pathlib import Path

from caucbib.parse.corpus import default_corpus_paths, load_corpus
from caucbib.parse.crf import open_tagger
from caucbib.parse.features import featurize
from caucbib.parse.labeller import bundled_model_path, label_tokens
from caucbib.parse.tokens import tokenize

ROOT = Path(__file__).resolve().parents[2]


def test_the_fast_path_labels_like_the_full_feature_list() -> None:
    refs = load_corpus(default_corpus_paths(ROOT / "training"))[::37]
    extra = ["", "Ə" * 300, "Иванов И.И. Заглавие // Журнал. 2001. № 3. С. 1-9.", "x\u200by 1990"]
    tagger = open_tagger(str(bundled_model_path()))
    assert len(refs) > 100
    for text in [r.text for r in refs] + extra:
        tokens = tokenize(text)
        if tokens:
            assert label_tokens(tokens) == tagger.tag(featurize(tokens)), text
