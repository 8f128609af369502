"""Running the pipeline over many articles, in one process or several.

``--workers N`` starts N processes; each loads the spaCy model once and analyses
chunks of articles. Results come back in input order.
"""
from __future__ import annotations

import multiprocessing as mp
import os
from typing import Iterable, Iterator

from .model import Article

CHUNK = 8


def _init_worker():
    # One BLAS/OpenMP thread per worker: the processes are the parallelism.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from .parse import load_nlp
    load_nlp()


def _work(chunk: list[Article]) -> list[Article]:
    from .pipeline import analyse_many
    return list(analyse_many(chunk, batch_size=CHUNK))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for a in items:
        chunk.append(a)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(articles: Iterable[Article], workers: int = 1) -> Iterator[Article]:
    """Analyse ``articles`` with ``workers`` processes, yielding them in input order."""
    if workers <= 1:
        from .pipeline import analyse_many
        yield from analyse_many(articles, batch_size=CHUNK)
        return
    ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        for done in pool.imap(_work, _chunks(articles, CHUNK)):
            yield from done
