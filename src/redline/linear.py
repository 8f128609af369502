"""A logistic regression over named features, run with NumPy alone.

Training uses scikit-learn (``DictVectorizer`` + ``LogisticRegression``); extraction
only needs the weights. Importing scikit-learn and unpickling its objects costs about
two seconds per process, a large share of a short ``redline extract`` run, so the
trained model is also saved as plain arrays (``.npz``) and scored here:

- a feature dict maps names to numbers, strings (one-hot ``name=value``, as
  ``DictVectorizer`` does) or lists of strings (one ``name=value`` each);
- probabilities are the softmax of the linear scores (the sigmoid for two classes),
  as ``LogisticRegression.predict_proba`` computes them.
"""
from __future__ import annotations

import json
import logging
from numbers import Number
from pathlib import Path
from typing import Iterable, Mapping

import numpy as np

log = logging.getLogger(__name__)


class LinearModel:
    """Classes, a feature vocabulary and the weights of a fitted logistic regression."""

    def __init__(self, classes, vocabulary: Mapping[str, int], coef, intercept, meta: dict | None = None):
        self.classes_ = np.asarray([str(c) for c in classes])
        self.vocabulary = dict(vocabulary)
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.meta = dict(meta or {})

    # ------------------------------------------------------------------ files
    @classmethod
    def from_sklearn(cls, vectorizer, classifier, meta: dict | None = None) -> "LinearModel":
        """Classes are kept as strings (a boolean class ``True`` is ``"True"``)."""
        return cls(classifier.classes_, vectorizer.vocabulary_, classifier.coef_, classifier.intercept_, meta)

    def save(self, path) -> None:
        names = sorted(self.vocabulary, key=self.vocabulary.get)
        with open(Path(path), "wb") as fh:  # a file object: savez adds no ".npz" of its own
            np.savez_compressed(fh, classes=self.classes_.astype(str),
                                features=np.asarray(names, dtype=str),
                                coef=self.coef.astype(np.float32), intercept=self.intercept,
                                meta=np.asarray(json.dumps(self.meta, sort_keys=True)))

    @classmethod
    def load(cls, path) -> "LinearModel":
        with np.load(Path(path), allow_pickle=False) as z:
            names = z["features"].tolist()
            meta = json.loads(str(z["meta"])) if "meta" in z.files else {}
            return cls(z["classes"], {n: i for i, n in enumerate(names)}, z["coef"], z["intercept"], meta)

    def probability_of(self, feature_dicts: list[Mapping], label: str) -> np.ndarray:
        """The probability of one class for each feature dict."""
        k = list(self.classes_).index(str(label))
        return self.predict_proba(feature_dicts)[:, k]

    # ------------------------------------------------------------------ scoring
    def _indices(self, features: Mapping) -> tuple[list[int], list[float]]:
        vocab = self.vocabulary
        idx, val = [], []
        for name, value in features.items():
            kind = type(value)
            if kind is str:
                keys = ((f"{name}={value}", 1.0),)
            elif kind is float or kind is int or kind is bool or isinstance(value, Number):
                # (the exact types first: the ABC check is slow, and this runs per feature)
                keys = ((name, value),)
            elif isinstance(value, Iterable):
                keys = tuple((f"{name}={item}", 1.0) for item in value)
            else:
                continue
            for key, v in keys:
                k = vocab.get(key)
                if k is not None:
                    idx.append(k)
                    val.append(float(v))
        return idx, val

    def decision_function(self, feature_dicts: list[Mapping]) -> np.ndarray:
        scores = np.tile(self.intercept, (len(feature_dicts), 1))
        for row, features in enumerate(feature_dicts):
            idx, val = self._indices(features)
            if idx:
                scores[row] += self.coef[:, idx] @ np.asarray(val)
        return scores

    def predict_proba(self, feature_dicts: list[Mapping]) -> np.ndarray:
        scores = self.decision_function(feature_dicts)
        if scores.shape[1] == 1:  # two classes: one weight row, the sigmoid
            p = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p, p])
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)


def load_model(path, what: str) -> "LinearModel | None":
    """The model at ``path``, or None (with a warning naming ``what`` it serves) when it
    is missing or unreadable: a broken artefact must not stop extraction."""
    path = Path(path)
    if not path.exists():
        log.warning("no %s model at %s", what, path)
        return None
    try:
        return LinearModel.load(path)
    except Exception as exc:
        log.warning("%s model unusable (%s: %s)", what, path, exc)
        return None


def as_linear(model) -> "LinearModel | None":
    """A :class:`LinearModel` from one, or from a freshly trained ``{"vectorizer",
    "classifier"}`` dict (cross-validation trains in the process)."""
    if model is None or isinstance(model, LinearModel):
        return model
    meta = dict(model.get("meta") or {})
    if "threshold" in model:
        meta["threshold"] = model["threshold"]
    return LinearModel.from_sklearn(model["vectorizer"], model["classifier"], meta)
