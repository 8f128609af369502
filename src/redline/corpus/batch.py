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
import os
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
    store_seconds: float = 0.0  # time spent writing analysed articles (main process)
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
                "store_seconds": round(self.store_seconds, 3),
                "articles_per_second": round(self.rate, 3), "failures": self.failures}


# --------------------------------------------------------------------------- workers


#: a short text touching every extractor, analysed once when an engine starts.
WARM_TEXT = ("KYIV, March 3, 2024 - Russian forces fired 12 missiles and 30 Shahed drones at "
             "Kyiv on Monday, Ukraine's air force said. \"We shot down most of them,\" "
             "President Volodymyr Zelensky told reporters in Brussels, where NATO ministers "
             "met. Germany will send two Patriot batteries, the defence minister said.")


def warm_up() -> float:
    """Load the spaCy model *and* everything the extractors load on first use
    (lexicons, gazetteers, tables: about 2.5 s), by analysing :data:`WARM_TEXT`; returns
    the seconds spent. Done when an engine starts, while the main process is still
    reading, so the first real chunk is analysed at full speed."""
    from ..parse import load_nlp
    from ..pipeline import analyse_many

    t0 = time.perf_counter()
    load_nlp()
    try:
        list(analyse_many([Article(id="warm-up", text=WARM_TEXT, published="2024-03-04")], batch_size=1))
    except Exception as exc:  # a broken extractor fails real articles later, with a record
        log.debug("warm-up analysis failed: %s", exc)
    return time.perf_counter() - t0


_WARM_BARRIER = None


def _init_worker(barrier=None) -> None:  # pragma: no cover - runs in child processes
    import os
    import signal

    from ..budget import limit_worker_memory

    global _WARM_BARRIER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    limit_worker_memory()  # an article needing more fails alone (redline.budget)
    _WARM_BARRIER = barrier
    warm_up()


def analyse_chunk(chunk: list[tuple[str, str, Article]]) -> list[tuple[str, str, dict]]:
    """Analyse ``(article_id, origin, article)`` triples; return their rows."""
    from ..pipeline import analyse_many

    marker = os.environ.get("REDLINE_TEST_CRASH_MARKER")  # test hook: simulate a worker crash
    if marker and mp.current_process().name != "MainProcess" and any(marker in a.text for _, _, a in chunk):
        os._exit(70)
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


def crashed(chunk: list[tuple[str, str, Article]], why: str) -> list[tuple[str, str, dict]]:
    out = []
    for aid, origin, a in chunk:
        a.error = f"analysis failed: {why}"
        a.entities, a.quotes, a.events = [], [], []
        out.append((aid, origin, T.article_rows(a.to_dict(), article_id=aid, origin=origin)))
    return out


def _warm() -> int:  # pragma: no cover - runs in child processes
    # A worker takes a task only once its initializer (the warm-up) is done; waiting
    # here for the others makes each worker take exactly one of these tasks, so all
    # of them answering means all of them are warm.
    if _WARM_BARRIER is not None:
        try:
            _WARM_BARRIER.wait(timeout=600)
        except Exception:  # a worker died or timed out: the pool copes later
            pass
    return os.getpid()


def start_pool(workers: int):
    """A pool of ``workers`` spawned processes, each loading the model and warming the
    extractors now (:func:`warm_up`, in the background while the main process reads
    the sources)."""
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                               initializer=_init_worker, initargs=(ctx.Barrier(workers),))
    pool._redline_warm = [pool.submit(_warm) for _ in range(workers)]
    return pool


def wait_warm(pool, workers: int, timeout: float = 600) -> None:
    """Wait until every worker of the pool is warm (best effort)."""
    from concurrent.futures import wait

    futs = getattr(pool, "_redline_warm", [])
    if futs:
        wait(futs, timeout=timeout)


def run_pool(chunks: list, workers: int, on_results, pool=None) -> None:
    """Analyse ``chunks`` in ``workers`` spawned processes, results to ``on_results``
    as they come. A worker that dies (a crash, the OOM killer) breaks the pool: the
    pool is restarted and the chunks in flight are retried one article at a time, so
    only an article that kills a worker by itself is recorded as failed. Workers that
    give no result for :func:`redline.batch.hard_limit` seconds are killed the same way."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    from ..batch import hard_limit

    queue = list(reversed(chunks))
    suspects: list = []  # single-article chunks to retry, one at a time, after a crash
    window = workers * 2
    while queue or suspects:
        if pool is None:
            pool = start_pool(workers)
        inflight: dict = {}
        broken = False
        try:
            while (queue or suspects or inflight) and not broken:
                limit = 1 if suspects else window
                while (suspects or queue) and len(inflight) < limit:
                    chunk = suspects.pop() if suspects else queue.pop()
                    try:
                        inflight[pool.submit(analyse_chunk, chunk)] = chunk
                    except BrokenProcessPool:
                        # a worker died since the last results came in: the pool refuses
                        # new work; this chunk is retried article by article
                        suspects.extend([c] for c in chunk)
                        broken = True
                        break
                if broken:
                    break
                alone = len(inflight) == 1
                done, _ = wait(list(inflight), timeout=hard_limit(), return_when=FIRST_COMPLETED)
                if not done:  # stuck where the per-article budget cannot interrupt
                    log.warning("no result from the workers for %s s; killing them", hard_limit())
                    kill_workers(pool)
                    broken = True
                    if alone:
                        chunk = inflight.pop(next(iter(inflight)))
                        if len(chunk) == 1:
                            on_results(crashed(chunk, f"the worker was stopped after {hard_limit():g} s "
                                                      "without a result"))
                        else:
                            suspects.extend([c] for c in chunk)
                    continue
                for fut in done:
                    chunk = inflight.pop(fut)
                    try:
                        results = fut.result()
                    except BrokenProcessPool:
                        broken = True
                        if alone and len(chunk) == 1:
                            on_results(crashed(chunk, "the worker process died on this article"))
                        else:
                            suspects.extend([c] for c in chunk)
                        continue
                    on_results(results)
        finally:
            if broken:
                log.warning("a worker process died; restarting the pool")
                for chunk in inflight.values():
                    suspects.extend([c] for c in chunk)
            if broken:
                kill_workers(pool)
            pool.shutdown(wait=not broken, cancel_futures=True)
            pool = None


def kill_workers(pool) -> None:
    """Kill the pool's worker processes (a stuck one would keep ``shutdown`` waiting);
    the pool then counts as broken."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            proc.kill()
        except Exception:  # pragma: no cover - already gone
            pass


def make_chunks(items: list, workers: int, size: int = CHUNK) -> list[list]:
    """``items`` in chunks of ``size``; with several workers the last ``workers * size``
    items go one per chunk, so the workers finish together instead of one waiting
    for the other's last whole chunk."""
    tail = workers * size if workers > 1 else 0
    head = max(0, len(items) - tail)
    return ([items[i:min(i + size, head)] for i in range(0, head, size)] +
            [[x] for x in items[head:]])


# --------------------------------------------------------------------------- progress


def _progress(enabled: bool):
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn,
                               TextColumn, TimeElapsedColumn)
    from rich.text import Text

    def rate(task) -> float | None:
        # the mean over the whole task: results come in bursts (chunks, workers), so
        # rich's windowed speed estimate would swing wildly
        if not task.completed or not task.elapsed:
            return None
        return task.completed / task.elapsed

    class Rate(ProgressColumn):
        def render(self, task):
            r = rate(task)
            return Text(f"{r:.2f} art/s" if r else "-- art/s", style="progress.data.speed")

    class ETA(ProgressColumn):
        def render(self, task):
            r = rate(task)
            if task.total is None or not r:
                return Text("ETA --:--", style="progress.remaining")
            left = max(0.0, (task.total - task.completed) / r)
            m, sec = divmod(int(round(left)), 60)
            h, m = divmod(m, 60)
            return Text(f"ETA {h}:{m:02d}:{sec:02d}", style="progress.remaining")

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    Rate(), TextColumn("elapsed"), TimeElapsedColumn(), ETA(),
                    disable=not enabled, transient=False)


# --------------------------------------------------------------------------- driver


def ingest(sources: Iterable[str], store, workers: int = 1, published: Optional[str] = None,
           allow_private: bool = False, progress: bool = True, dedupe: bool = True,
           items: Optional[Iterable[Item]] = None) -> Report:
    """Ingest ``sources`` (or ready ``items``) into ``store``; see the module doc."""
    run = _Ingest(store, workers, dedupe)
    try:
        src = items if items is not None else iter_sources(sources, published=published,
                                                           allow_private=allow_private)
        run.run(src, progress)
    finally:
        run.close()
    return run.rep


class _Ingest:
    def __init__(self, store, workers: int, dedupe: bool):
        self.t0 = time.perf_counter()
        self.store = store
        self.workers = max(1, workers)
        self.rep = Report()
        self.index = dedup.NearDuplicates() if dedupe else None
        if self.index is not None:
            self.index.load(store.signatures())
        self.pending: list[tuple[str, str, Article]] = []
        self.sigs: dict[str, bytes] = {}
        self.seen: set[str] = set()
        self.pool = None
        self.warm: list = []
        self.engine_ready = False

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.rep.seconds = time.perf_counter() - self.t0

    def start_engine(self) -> None:
        """Load the model (here or in the workers) once there is something to analyse;
        workers load it in the background while the main process goes on reading."""
        if self.engine_ready:
            return
        self.engine_ready = True
        if self.workers > 1:
            self.pool = start_pool(self.workers)
        else:
            warm_up()

    # 1-2: skip known articles, store read failures, link near-duplicates
    def settle(self, batch: list[Item]) -> None:
        rep, store = self.rep, self.store
        ids = [T.content_hash(it.article.text, it.article.url) if it.article.text and not it.article.error
               else T.failure_id(it.article.id, it.origin, it.article.error) for it in batch]
        known = store.known_ids(ids)
        for it, aid in zip(batch, ids):
            a = it.article
            if aid in known or aid in self.seen:
                rep.skipped += 1
                continue
            self.seen.add(aid)
            if a.error or not a.text:
                a.error = a.error or "empty text: nothing to analyse"
                rows = T.article_rows(a.to_dict(), article_id=aid, origin=it.origin)
                rows["failures"][0]["stage"] = "read"
                if store.store_article(rows):
                    rep.failed += 1
                    rep.failures.append({"id": a.id, "origin": it.origin, "error": a.error})
                continue
            m = dedup.minhash(a.text) if self.index is not None else None
            hit = self.index.match(m) if self.index is not None else None
            if hit is not None:
                rows = T.article_rows(a.to_dict(), article_id=aid, origin=it.origin)
                if store.store_article(rows, duplicate_of=hit[0], similarity=round(hit[1], 4)):
                    rep.duplicates += 1
                continue
            if m is not None:
                self.index.add(aid, m)
                self.sigs[aid] = dedup.to_bytes(m)
            self.pending.append((aid, it.origin, a))
            self.start_engine()

    # 4: store one analysed chunk
    def store_results(self, results, prog, task) -> None:
        rep = self.rep
        for aid, origin, rows in results:
            art = rows["articles"][0]
            ts = time.perf_counter()
            ok = self.store.store_article(rows, signature=self.sigs.get(aid))
            rep.store_seconds += time.perf_counter() - ts
            if ok and art.get("error"):
                rep.failed += 1
                rep.failures.append({"id": art.get("ext_id"), "origin": origin, "error": art["error"]})
            elif ok:
                rep.stored += 1
            else:
                rep.skipped += 1
            prog.advance(task)

    def run(self, src: Iterable[Item], progress: bool) -> None:
        with _progress(progress) as prog:
            read_task = prog.add_task("reading", total=None)
            buffer: list[Item] = []
            for it in src:
                self.rep.read += 1
                buffer.append(it)
                prog.advance(read_task)
                if len(buffer) >= 200:
                    self.settle(buffer)
                    buffer = []
            if buffer:
                self.settle(buffer)
            prog.update(read_task, total=self.rep.read, description="read")

            # 3-4: analyse and store
            chunks = make_chunks(self.pending, self.workers)
            task = prog.add_task("analysing", total=len(self.pending))
            if self.pool is not None:
                wait_warm(self.pool, self.workers)  # rate = steady state, model loads excluded
            prog.reset(task, total=len(self.pending))
            ta = time.perf_counter()
            on_results = lambda results: self.store_results(results, prog, task)  # noqa: E731
            if self.pool is None:
                for chunk in chunks:
                    on_results(analyse_chunk(chunk))
            elif chunks:
                pool, self.pool = self.pool, None
                run_pool(chunks, self.workers, on_results, pool=pool)
            self.rep.analysed_seconds = time.perf_counter() - ta
