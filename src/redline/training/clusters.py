"""``redline train clusters``: word clusters for the event-type classifier.

The PLV training set has 1,050 labelled sentences, so most verbs and nouns of held-out
news never occur in it. Word clusters learnt from unlabelled news carry what the
labelled rows cannot: "denounced" falls in the cluster of "condemned", "truce" in the
one of "ceasefire". The classifier sees a word's cluster ids at three granularities
(100, 300 and 800 clusters) as sparse features, next to the word itself.

How they are made, reproducibly (fixed seed, one worker thread):

1. The corpus: every text of ``../shared`` that is news or news-like and unlabelled
   *for this task* — PolNeAR's article texts (train and dev), the VOA stories, the NGEC
   synthetic stories and the PLV training sentences (their text only, not their labels).
   Lower-cased word tokens, one sentence a line.
2. Skip-gram word2vec (gensim), 200 dimensions, window 5, words seen at least 3 times,
   20 epochs.
3. k-means (scikit-learn) on the unit-length vectors of the 12,000 most frequent words,
   for k = 100, 300 and 800; every word of the vocabulary then gets its nearest centroid.

The artefact is a TSV (``src/redline/models/word_clusters.tsv``, word and three cluster
ids, about 20,000 rows): no vectors ship and nothing runs at extraction time but a
dictionary lookup. gensim is needed only here (``pip install 'redline[train]'``).
"""
from __future__ import annotations

import json
import re
import time
from pathlib import Path

from .events import SHARED, read_plv
from .stories import jsonl_story_records, synthetic_rows

SEED = 13
DIM = 200
EPOCHS = 20
MIN_COUNT = 3
KS = (100, 300, 800)
FIT_WORDS = 12_000

_WORD = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
_SENT_END = re.compile(r"(?<=[.!?])\s+|\n+")


def tokenise(text: str) -> list[list[str]]:
    """Lower-cased word tokens of each sentence-like chunk with at least three words."""
    out = []
    for chunk in _SENT_END.split(text.lower()):
        words = _WORD.findall(chunk)
        if len(words) > 2:
            out.append(words)
    return out


def corpus_texts(shared: Path = SHARED):
    """The unlabelled texts the clusters are learnt from, in a fixed order."""
    data = shared / "data"
    for p in sorted((data / "polnear").glob("*/text/*.txt")):
        yield p.read_text(encoding="utf-8", errors="replace")
    voa = data / "voa" / "dev.jsonl"
    if voa.exists():
        for _, rec in jsonl_story_records(voa):
            yield rec.get("text") or ""
    synthetic = data / "ngec-synthetic" / "synthetic_events.csv.zip"
    if synthetic.exists():
        for r in synthetic_rows(synthetic):
            yield r["text"]
    plv = data / "plv" / "PLV_train.tsv"
    if plv.exists():
        for r in read_plv(plv):  # the sentences only, not their labels
            yield r["sentence"]


def build(texts, dim: int = DIM, epochs: int = EPOCHS, min_count: int = MIN_COUNT,
          ks=KS, fit_words: int = FIT_WORDS) -> tuple[list[str], dict[int, list[int]], dict]:
    """Train word2vec on ``texts`` and cluster its vectors; returns (words, {k: ids}, stats)."""
    try:
        from gensim.models import Word2Vec
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise SystemExit("redline train clusters needs gensim: pip install 'redline[train]'") from exc
    import numpy as np
    from sklearn.cluster import KMeans

    sents = [s for t in texts for s in tokenise(t)]
    if not sents:
        raise ValueError("no text to learn word clusters from")
    model = Word2Vec(sents, vector_size=dim, window=5, min_count=min_count, workers=1, sg=1,
                     epochs=epochs, seed=SEED)
    words = list(model.wv.index_to_key)
    vecs = model.wv.vectors.astype("float64")
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-12
    ids = {}
    for k in ks:
        k_eff = min(k, max(1, min(fit_words, len(words))))
        km = KMeans(n_clusters=k_eff, n_init=1, random_state=SEED).fit(vecs[:fit_words])
        ids[k] = km.predict(vecs).tolist()
    stats = {"sentences": len(sents), "tokens": sum(map(len, sents)), "words": len(words)}
    return words, ids, stats


def write(path: Path, words, ids, meta: dict) -> None:
    ks = sorted(ids)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("# Word clusters for the event classifier, written by `redline train clusters`.\n")
        fh.write("# " + json.dumps(meta, sort_keys=True) + "\n")
        fh.write("word\t" + "\t".join(f"c{k}" for k in ks) + "\n")
        for i, w in enumerate(words):
            fh.write(w + "\t" + "\t".join(str(ids[k][i]) for k in ks) + "\n")


def add_arguments(p):
    p.add_argument("--shared", default=str(SHARED), help="the shared data directory (default ../shared)")
    p.add_argument("--out", default=None,
                   help="output TSV (default: the package's models/word_clusters.tsv)")


def run(args) -> int:
    from ..extract.event_features import CLUSTERS_PATH

    shared = Path(args.shared)
    if not (shared / "data").is_dir():
        print(f"shared data not found: {shared / 'data'}")
        return 2
    t0 = time.perf_counter()
    words, ids, stats = build(corpus_texts(shared))
    out = Path(args.out) if args.out else CLUSTERS_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"trained_on": "polnear text (train+dev), voa dev, ngec-synthetic, PLV_train sentences",
            "dim": DIM, "epochs": EPOCHS, "min_count": MIN_COUNT, "ks": list(KS), "seed": SEED, **stats}
    write(out, words, ids, meta)
    print(f"{stats['words']} words from {stats['tokens']:,} tokens in {time.perf_counter() - t0:.0f}s; "
          f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0
