"""Near-duplicate articles in Spark: Spark ML's ``MinHashLSH`` finds the candidates,
the store's own criterion decides.

Definitions are the single-machine store's (:mod:`redline.corpus.dedup`):

* an article's shingles are its lower-cased word 5-grams (``dedup.shingles``); a text
  with fewer than ``dedup.MIN_SHINGLES`` of them is never a near-duplicate;
* two articles are near-duplicates when the datasketch MinHash estimate of the
  Jaccard similarity of their shingle sets (``NUM_PERM`` permutations, ``SEED``; the
  bytes stored in the ``signatures`` tables) is at least ``dedup.THRESHOLD``;
* articles are taken in input order (read task, then record), after every article
  already in the output; an article matching an earlier *analysed* article is linked
  to the best match (highest similarity, then smallest id), is not analysed, and
  is not itself matched against later ones. This is what
  :func:`redline.corpus.batch.ingest` does one article at a time.

Candidate pairs come from ``pyspark.ml.feature.MinHashLSH`` over the shingles hashed
into a sparse binary vector (:func:`redline.spark.inputs.features`), with an
``approxSimilarityJoin`` at an exact-Jaccard distance of ``1 - CANDIDATE_MIN``, well
below the threshold so the final decision, on the MinHash estimate, loses nothing
the store would find. Only the pairs that pass are brought to the driver, where the
order-dependent linking above runs (their number is the number of near-copies, small
next to the corpus).
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from ..corpus import dedup as D
from .inputs import NUM_FEATURES, features

#: candidate pairs are those with an exact shingle Jaccard at least this.
CANDIDATE_MIN = 0.5
NUM_HASH_TABLES = 8
LSH_SEED = 20250314


def estimate(a: bytes, b: bytes) -> float:
    """datasketch's ``MinHash.jaccard`` of two stored signatures."""
    x = np.frombuffer(bytes(a), dtype=np.uint64)
    y = np.frombuffer(bytes(b), dtype=np.uint64)
    if len(x) != len(y) or not len(x):
        return 0.0
    return float(np.count_nonzero(x == y)) / float(len(x))


def _vector_rows(rows, new: bool):
    from pyspark.ml.linalg import Vectors

    for r in rows:
        feats = r["features"] if "features" in r else None
        if feats is None and r["text"] is not None:
            feats = features(r["text"])
        if not feats:
            continue
        yield (r["article_id"], bool(new), int(r["task"]) if new else -1,
               int(r["seq"]) if new else -1, bytes(r["minhash"]),
               Vectors.sparse(NUM_FEATURES, feats, [1.0] * len(feats)))


def _vectors_schema():
    from pyspark.ml.linalg import VectorUDT
    from pyspark.sql import types as S

    return S.StructType([
        S.StructField("article_id", S.StringType(), False),
        S.StructField("new", S.BooleanType(), False),
        S.StructField("task", S.LongType(), False),
        S.StructField("seq", S.LongType(), False),
        S.StructField("minhash", S.BinaryType(), False),
        S.StructField("vec", VectorUDT(), False),
    ])


def candidate_pairs(spark, new_df, old_df=None, threshold: float = D.THRESHOLD):
    """Pairs ``(a, b, sim)`` with ``a`` a new article, ``b`` a new or existing one,
    ``sim`` the MinHash estimate, ``sim >= threshold``; as a local list."""
    from pyspark.ml.feature import MinHashLSH

    # few partitions before each trip to Python: a join's 200 default shuffle partitions
    # would each start a Python task for a handful of rows
    par = max(1, spark.sparkContext.defaultParallelism)
    new_vecs = spark.createDataFrame(
        new_df.where("minhash IS NOT NULL AND features IS NOT NULL")
        .select("article_id", "task", "seq", "minhash", "features").coalesce(par).rdd
        .mapPartitions(lambda rows: _vector_rows((r.asDict() for r in rows), True)),
        _vectors_schema()).cache()
    everything = new_vecs
    if old_df is not None:
        old_vecs = spark.createDataFrame(
            old_df.select("article_id", "minhash", "text").rdd
            .mapPartitions(lambda rows: _vector_rows((r.asDict() for r in rows), False)),
            _vectors_schema())
        everything = new_vecs.unionByName(old_vecs)
    model = MinHashLSH(inputCol="vec", outputCol="hashes", numHashTables=NUM_HASH_TABLES,
                       seed=LSH_SEED).fit(new_vecs)
    joined = model.approxSimilarityJoin(new_vecs, everything, 1.0 - CANDIDATE_MIN, distCol="dist")
    pairs = (joined.where("datasetA.article_id != datasetB.article_id")
             .select("datasetA.article_id", "datasetA.task", "datasetA.seq", "datasetA.minhash",
                     "datasetB.article_id", "datasetB.new", "datasetB.task", "datasetB.seq",
                     "datasetB.minhash").coalesce(par).rdd
             .map(lambda r: (r[0], (r[1], r[2]), r[4], (r[6], r[7]) if r[5] else None,
                             estimate(r[3], r[8])))
             .filter(lambda p: p[4] >= threshold))
    try:
        return pairs.collect()
    finally:
        new_vecs.unpersist()


def link(pairs) -> dict[str, tuple[str, float]]:
    """Resolve candidate pairs in input order: ``{duplicate id: (original id, similarity)}``.

    ``pairs`` are ``(a, a_order, b, b_order_or_None, sim)``, ``None`` for an article
    already in the output (earlier than every new one, and analysed).
    """
    order: dict[str, tuple] = {}
    nbrs: dict[str, list[tuple[str, float]]] = {}
    existing: set[str] = set()
    for a, ao, b, bo, sim in pairs:
        order[a] = tuple(ao)
        if bo is None:
            existing.add(b)
        else:
            order[b] = tuple(bo)
        nbrs.setdefault(a, []).append((b, sim))
        if bo is not None:
            nbrs.setdefault(b, []).append((a, sim))
    canonical = set(existing)
    out: dict[str, tuple[str, float]] = {}
    for aid in sorted(order, key=lambda k: order[k]):
        best: Optional[tuple[str, float]] = None
        for other, sim in nbrs.get(aid, ()):
            if other not in canonical:
                continue  # a later article, or itself a duplicate: not in the index
            if best is None or sim > best[1] or (sim == best[1] and other < best[0]):
                best = (other, sim)
        if best is None:
            canonical.add(aid)
        else:
            out[aid] = (best[0], round(best[1], 4))
    return out
