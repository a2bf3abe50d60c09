"""The CRF sequence labeller: training and tagging with python-crfsuite."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from caucbib.errors import CaucbibError
from caucbib.parse.corpus import OUTSIDE, LabelledReference, load_corpus, split
from caucbib.parse.crf import model_attributes, open_tagger
from caucbib.parse.features import featurize, model_items
from caucbib.parse.kinds import TYPE_MODEL_NAME, train_type_model
from caucbib.parse.tokens import Token

MODEL_NAME = "parser.crfsuite"
REAL_WEIGHT = 4  # hand-written references weigh as much as 4 synthetic ones
CRF_PARAMS: dict[str, Any] = {
    "c1": 0.2,
    "c2": 0.05,
    "max_iterations": 150,
    "feature.possible_transitions": True,
}


@dataclass
class TrainReport:
    """What :func:`train` did: sizes, held-out token accuracy, per-label F1, time."""

    model_path: Path
    n_train: int
    n_holdout: int
    token_accuracy: float | None
    label_f1: dict[str, float] = field(default_factory=dict)
    type_accuracy: float | None = None
    seconds: float = 0.0
    held_out_ids: list[str] = field(default_factory=list)


@cache
def bundled_model_path(name: str = MODEL_NAME) -> Path:
    return Path(str(resources.files("caucbib.parse").joinpath("model", name)))


def label_tokens(tokens: list[Token], model_path: Path | None = None) -> list[str]:
    """One label per token (``O`` when there is no model or nothing to label)."""
    if not tokens:
        return []
    tagger = open_tagger(str(model_path or bundled_model_path()))
    if tagger is None:
        return [OUTSIDE] * len(tokens)
    known = model_attributes(tagger)
    items = model_items(tokens, known) if known is not None else None
    labels: list[str] = tagger.tag(featurize(tokens) if items is None else items)
    return labels


def train(
    corpus_paths: Sequence[Path],
    model_path: Path,
    *,
    seed: int = 13,
    holdout: float = 0.1,
    real_weight: int = REAL_WEIGHT,
) -> TrainReport:
    """Train the labeller and the type model on the corpus minus its held-out split.

    References not rendered by the synthetic generator (``source != "synthetic"``) are
    given ``real_weight`` times, so hand-labelled real-looking data is not drowned.
    """
    import pycrfsuite

    began = time.perf_counter()
    refs = load_corpus(corpus_paths)
    if not refs:
        raise CaucbibError("the training corpus is empty", hint="pass corpus JSONL files")
    train_refs, held = split(refs, holdout)
    random.Random(seed).shuffle(train_refs)
    trainer = pycrfsuite.Trainer(verbose=False)
    for ref in train_refs:
        tokens, labels = ref.tokens_and_labels()
        if not tokens:
            continue
        feats = featurize(tokens)
        for _ in range(1 if ref.source == "synthetic" else max(1, real_weight)):
            trainer.append(feats, labels)
    trainer.set_params(CRF_PARAMS)
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    open_tagger.cache_clear()
    type_path = model_path.with_name(TYPE_MODEL_NAME)
    train_type_model(train_refs, type_path, real_weight)
    report = TrainReport(model_path, len(train_refs), len(held), None, seconds=0.0)
    if held:
        report.token_accuracy, report.label_f1 = evaluate_tokens(held, model_path)
        report.type_accuracy = _type_accuracy(held, model_path)
    report.held_out_ids = sorted(r.id for r in held)
    report.seconds = round(time.perf_counter() - began, 2)
    return report


def evaluate_tokens(
    refs: Sequence[LabelledReference], model_path: Path
) -> tuple[float, dict[str, float]]:
    """Token accuracy and per-label token F1 of the model on ``refs``."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    right = total = 0
    for ref in refs:
        tokens, gold = ref.tokens_and_labels()
        pred = label_tokens(tokens, model_path)
        for g, p in zip(gold, pred, strict=True):
            total += 1
            right += g == p
            if g == p:
                tp[g] += 1
            else:
                fp[p] += 1
                fn[g] += 1
    labels = sorted(set(tp) | set(fn) | set(fp))
    f1 = {
        lab: round(2 * tp[lab] / (2 * tp[lab] + fp[lab] + fn[lab]), 4)
        for lab in labels
        if tp[lab] + fp[lab] + fn[lab]
    }
    return (right / total if total else 0.0), f1


def _type_accuracy(refs: Sequence[LabelledReference], model_path: Path) -> float:
    from caucbib.parse.kinds import predict_type

    right = 0
    for ref in refs:
        tokens, _ = ref.tokens_and_labels()
        labels = label_tokens(tokens, model_path)
        right += predict_type(tokens, labels, model_path.with_name(TYPE_MODEL_NAME)) == ref.type
    return right / len(refs)
