"""Near-duplicate articles in Spark: the store's own LSH banding, as Spark SQL joins.

Definitions are the single-machine store's (:mod:`redline.corpus.dedup`):

* an article's shingles are its lower-cased word 5-grams (``dedup.shingles``); a text
  with fewer than ``dedup.MIN_SHINGLES`` of them has no signature and is never a
  near-duplicate;
* two articles are near-duplicates when the datasketch MinHash estimate of the
  Jaccard similarity of their shingle sets (``NUM_PERM`` permutations, ``SEED``; the
  bytes stored in the ``signatures`` tables) is at least ``dedup.THRESHOLD``;
* articles are taken in input order (read task, then record), after every article
  already in the output; an article matching an earlier *analysed* article is linked
  to the best match (highest similarity, then smallest id), is not analysed, and
  is not itself matched against later ones. This is what
  :func:`redline.corpus.batch.ingest` does one article at a time.

Candidate pairs are found exactly as the store's index (datasketch ``MinHashLSH`` at
``dedup.THRESHOLD``) finds them: the signature is cut into the same ``b`` bands of
``r`` values (:func:`bands`), and two articles are candidates when one band is equal.
In Spark that is one equi-join of the exploded bands (no Python worker, no Spark ML
stage, no article text). Only the candidate pairs, with their two signatures, come
to the driver, where the MinHash estimate decides and the order-dependent linking
above runs (their number is about the number of near-copies, small next to the
corpus).
"""
from __future__ import annotations

import functools
from typing import Optional

import numpy as np

from ..corpus import dedup as D

#: bytes per signature value (``numpy.uint64``).
VALUE_BYTES = 8


@functools.lru_cache(maxsize=None)
def bands(threshold: float = D.THRESHOLD, num_perm: int = D.NUM_PERM) -> tuple[int, int]:
    """``(b, r)``: the bands and rows per band datasketch's ``MinHashLSH`` uses for this
    threshold (the store's index; 9 bands of 13 values at 0.8 with 128 permutations)."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def estimate(a: bytes, b: bytes) -> float:
    """datasketch's ``MinHash.jaccard`` of two stored signatures."""
    x = np.frombuffer(bytes(a), dtype=np.uint64)
    y = np.frombuffer(bytes(b), dtype=np.uint64)
    if len(x) != len(y) or not len(x):
        return 0.0
    return float(np.count_nonzero(x == y)) / float(len(x))


def _banded(df, new: bool, threshold: float):
    """One row per (article, band): the band's bytes as the join key."""
    from pyspark.sql import functions as F

    b, r = bands(threshold)
    width = r * VALUE_BYTES
    size = D.NUM_PERM * VALUE_BYTES
    task = F.col("task").cast("long") if new else F.lit(-1).cast("long")
    seq = F.col("seq").cast("long") if new else F.lit(-1).cast("long")
    return (df.where(F.col("minhash").isNotNull() & (F.length("minhash") == size))
            .select("article_id", F.lit(new).alias("new"), task.alias("task"), seq.alias("seq"),
                    "minhash",
                    F.posexplode(F.array(*[F.substring("minhash", i * width + 1, width)
                                           for i in range(b)])).alias("band", "key")))


def candidate_pairs(spark, new_df, old_df=None, threshold: float = D.THRESHOLD):
    """Pairs ``(a, a_order, b, b_order_or_None, sim)`` with ``a`` a new article, ``b`` a
    new or existing one (``old_df``: ``article_id``, ``minhash``), ``sim`` the MinHash
    estimate, ``sim >= threshold``; as a local list."""
    from pyspark.sql import functions as F

    new_b = _banded(new_df, True, threshold)
    every = new_b if old_df is None else new_b.unionByName(_banded(old_df, False, threshold))
    a = new_b.alias("a")
    o = every.alias("o")
    cands = (a.join(o, (F.col("a.band") == F.col("o.band")) & (F.col("a.key") == F.col("o.key"))
                    & (F.col("a.article_id") != F.col("o.article_id")))
             .select(F.col("a.article_id").alias("a_id"), F.col("a.task").alias("a_task"),
                     F.col("a.seq").alias("a_seq"), F.col("a.minhash").alias("a_mh"),
                     F.col("o.article_id").alias("b_id"), F.col("o.new").alias("b_new"),
                     F.col("o.task").alias("b_task"), F.col("o.seq").alias("b_seq"),
                     F.col("o.minhash").alias("b_mh"))
             .dropDuplicates(["a_id", "b_id"]))
    out = []
    for r in cands.collect():
        sim = estimate(r["a_mh"], r["b_mh"])
        if sim >= threshold:
            out.append((r["a_id"], (r["a_task"], r["a_seq"]), r["b_id"],
                        (r["b_task"], r["b_seq"]) if r["b_new"] else None, sim))
    return out


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
