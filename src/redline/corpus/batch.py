"""The batch pipeline behind ``redline ingest``.

1. **Read** every source (:func:`redline.corpus.sources.iter_sources`) in the main
   process. Each article gets its id, the content hash of its text and URL
   (:func:`redline.store.tables.content_hash`); one already in the store is skipped
   (a second ingest adds nothing; a restarted run resumes where it stopped).
2. **Deduplicate**: a near-copy (:mod:`redline.corpus.dedup`) of an article already
   stored or queued in this run is stored at once as a linked duplicate, not analysed.
3. **Analyse** the rest with ``--workers N`` processes (each loads the spaCy model
   once; ``redline.pipeline.analyse_many`` in batches) and flatten each result into
   rows (:func:`redline.store.tables.article_rows`) in the worker.
4. **Store** each article in the main process in one transaction (article, all its
   rows, signature, recounted event clusters): a run killed at any point leaves every
   article whole or absent.

A failed item (unreadable, unfetchable, analysis error) is stored as a failure with
its error and reported at the end; it never stops the batch.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import time
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..model import Article
from ..store import tables as T
from . import dedup
from .sources import Item, iter_sources

log = logging.getLogger(__name__)

CHUNK = 4  # articles per task sent to a worker (parsed together with nlp.pipe)


@dataclass
class Report:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store (or repeated in the input)
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    analysed_seconds: float = 0.0
    failures: list[dict] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.analysed / self.analysed_seconds if self.analysed_seconds else 0.0

    @property
    def analysed(self) -> int:
        return self.stored

    def as_dict(self) -> dict:
        return {"read": self.read, "stored": self.stored, "duplicates": self.duplicates,
                "skipped": self.skipped, "failed": self.failed, "seconds": round(self.seconds, 3),
                "analysed_seconds": round(self.analysed_seconds, 3),
                "articles_per_second": round(self.rate, 3), "failures": self.failures}


# --------------------------------------------------------------------------- workers


def _init_worker() -> None:  # pragma: no cover - runs in child processes
    import os
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from ..parse import load_nlp

    load_nlp()


def analyse_chunk(chunk: list[tuple[str, str, Article]]) -> list[tuple[str, str, dict]]:
    """Analyse ``(article_id, origin, article)`` triples; return their rows."""
    from ..pipeline import analyse_many

    out = []
    try:
        done = list(analyse_many([a for _, _, a in chunk], batch_size=len(chunk)))
    except Exception as exc:  # never lose the chunk: mark every article failed
        done = []
        for _, _, a in chunk:
            a.error = a.error or f"analysis failed: {type(exc).__name__}: {exc}"
            done.append(a)
    for (aid, origin, _), art in zip(chunk, done):
        try:
            rows = T.article_rows(art.to_dict(), article_id=aid, origin=origin)
        except Exception as exc:  # a malformed record from an extractor
            art.error = f"flattening failed: {type(exc).__name__}: {exc}"
            art.entities, art.quotes, art.events = [], [], []
            rows = T.article_rows(art.to_dict(), article_id=aid, origin=origin)
        out.append((aid, origin, rows))
    return out


# --------------------------------------------------------------------------- progress


def _progress(enabled: bool):
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                               TextColumn, TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task):
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.2f} art/s" if speed else "-- art/s", style="progress.data.speed")

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    Rate(), TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("ETA"),
                    TimeRemainingColumn(), disable=not enabled, transient=False)


# --------------------------------------------------------------------------- driver


def ingest(sources: Iterable[str], store, workers: int = 1, published: Optional[str] = None,
           allow_private: bool = False, progress: bool = True, dedupe: bool = True,
           items: Optional[Iterable[Item]] = None) -> Report:
    """Ingest ``sources`` (or ready ``items``) into ``store``; see the module doc."""
    t0 = time.perf_counter()
    rep = Report()
    index = dedup.NearDuplicates() if dedupe else None
    if index is not None:
        index.load(store.signatures())

    # 1-2: read, skip known, link duplicates
    pending: list[tuple[str, str, Article]] = []
    sigs: dict[str, bytes] = {}
    seen: set[str] = set()
    buffer: list[Item] = []

    def settle(batch: list[Item]) -> None:
        ids = []
        for it in batch:
            a = it.article
            aid = T.content_hash(a.text, a.url) if a.text and not a.error else \
                T.failure_id(a.id, it.origin, a.error)
            ids.append(aid)
        known = store.known_ids(ids)
        for it, aid in zip(batch, ids):
            a = it.article
            if aid in known or aid in seen:
                rep.skipped += 1
                continue
            seen.add(aid)
            if a.error or not a.text:
                a.error = a.error or "empty text: nothing to analyse"
                rows = T.article_rows(a.to_dict(), article_id=aid, origin=it.origin)
                rows["failures"][0]["stage"] = "read"
                if store.store_article(rows):
                    rep.failed += 1
                    rep.failures.append({"id": a.id, "origin": it.origin, "error": a.error})
                continue
            m = dedup.minhash(a.text) if index is not None else None
            hit = index.match(m) if index is not None else None
            if hit is not None:
                rows = T.article_rows(a.to_dict(), article_id=aid, origin=it.origin)
                if store.store_article(rows, duplicate_of=hit[0], similarity=round(hit[1], 4)):
                    rep.duplicates += 1
                continue
            if m is not None:
                index.add(aid, m)
                sigs[aid] = dedup.to_bytes(m)
            pending.append((aid, it.origin, a))

    with _progress(progress) as prog:
        read_task = prog.add_task("reading", total=None)
        src = items if items is not None else iter_sources(sources, published=published,
                                                           allow_private=allow_private)
        for it in src:
            rep.read += 1
            buffer.append(it)
            prog.advance(read_task)
            if len(buffer) >= 200:
                settle(buffer)
                buffer = []
        if buffer:
            settle(buffer)
        prog.update(read_task, total=rep.read, description="read")

        # 3-4: analyse and store
        task = prog.add_task("analysing", total=len(pending))
        chunks = [pending[i:i + CHUNK] for i in range(0, len(pending), CHUNK)]
        ta = time.perf_counter()

        def store_results(results) -> None:
            for aid, origin, rows in results:
                art = rows["articles"][0]
                ok = store.store_article(rows, signature=sigs.get(aid))
                if ok and art.get("error"):
                    rep.failed += 1
                    rep.failures.append({"id": art.get("ext_id"), "origin": origin, "error": art["error"]})
                elif ok:
                    rep.stored += 1
                else:
                    rep.skipped += 1
                prog.advance(task)

        if workers <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                store_results(analyse_chunk(chunk))
        else:
            ctx = mp.get_context("spawn")
            with ctx.Pool(processes=workers, initializer=_init_worker) as pool:
                for results in pool.imap_unordered(analyse_chunk, chunks):
                    store_results(results)
        rep.analysed_seconds = time.perf_counter() - ta
    rep.seconds = time.perf_counter() - t0
    return rep
