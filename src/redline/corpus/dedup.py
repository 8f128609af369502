"""Near-duplicate articles: MinHash over word shingles, LSH lookup (datasketch).

Wire copies and re-posts differ by a headline, a dateline, a byline or a footer. Each
article's text is reduced to the set of its word 5-grams (lower-cased alphanumeric
tokens); two articles whose estimated Jaccard similarity of those sets is at least
:data:`THRESHOLD` are near-duplicates. The later one is linked to the first
(``articles.duplicate_of``, ``similarity``) and not analysed again; it still counts
as an article (and a source) for the events of the first.

Signatures are :data:`NUM_PERM` 64-bit values (``numpy`` bytes) stored with each
analysed article, so the index is rebuilt from the store after a restart.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

import logging

import numpy as np

log = logging.getLogger(__name__)

NUM_PERM = 128
THRESHOLD = 0.8
SHINGLE = 5
MIN_SHINGLES = 8  # shorter texts are too small to call near-duplicates
SEED = 1
SCHEME = "affine32"  # datasketch >= 2.0 hashing scheme; stored signatures depend on it

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _TOKEN.findall(text.lower())
    if len(words) < k:
        return set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def minhash(text: str):
    """The MinHash of ``text``'s shingles, or None for a text too short to compare."""
    from datasketch import MinHash

    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch(list(sh))
    return m


def to_bytes(m) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(data: bytes):
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME,
                   hashvalues=np.frombuffer(data, dtype=np.uint64).copy())


class NearDuplicates:
    """An LSH index of article signatures."""

    def __init__(self, threshold: float = THRESHOLD):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs: dict[str, object] = {}

    def __len__(self) -> int:
        return len(self.sigs)

    def add(self, key: str, m) -> None:
        if m is None or key in self.sigs:
            return
        self.lsh.insert(key, m)
        self.sigs[key] = m

    def load(self, pairs: Iterable[tuple[str, bytes]]) -> int:
        n = bad = 0
        for key, data in pairs:
            try:
                self.add(key, from_bytes(data))
                n += 1
            except ValueError:  # a signature of another size or scheme: skip it
                bad += 1
        if bad:
            log.warning("%d stored signatures could not be read (other MinHash settings); "
                        "those articles are not checked for near-duplicates", bad)
        return n

    def match(self, m) -> Optional[tuple[str, float]]:
        """The most similar indexed article (id, estimated Jaccard) at or above the
        threshold, else None."""
        if m is None or not self.sigs:
            return None
        best = None
        for key in self.lsh.query(m):
            sim = float(m.jaccard(self.sigs[key]))
            if sim >= self.threshold and (best is None or sim > best[1] or
                                          (sim == best[1] and key < best[0])):
                best = (key, sim)
        return best
