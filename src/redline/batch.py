"""Running the pipeline over many articles, in one process or several.

``--workers N`` starts N processes; each loads the spaCy model once and analyses
chunks of articles. Results come back in input order.

A worker that dies (a crash, the OOM killer, ``kill -9``) breaks the pool: it is
restarted and the chunks that were in flight are analysed again one article at a
time, alone, so that only an article that kills a worker by itself gets an error
record ("the worker process died on this article"); the run goes on and finishes.
A worker that stops answering for longer than :func:`hard_limit` (an article stuck
in code the per-article time budget cannot interrupt) is killed the same way.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections import deque
from typing import Iterable, Iterator, Optional

from .model import Article

log = logging.getLogger(__name__)

CHUNK = 8


def _init_worker():  # pragma: no cover - runs in child processes
    # One BLAS/OpenMP thread per worker: the processes are the parallelism.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from .budget import limit_worker_memory
    from .parse import load_nlp

    limit_worker_memory()
    load_nlp()


def _work(chunk: list[Article]) -> list[Article]:
    from .pipeline import analyse_many

    marker = os.environ.get("REDLINE_TEST_CRASH_MARKER")  # test hook: simulate a worker crash
    if marker and mp.current_process().name != "MainProcess" and any(marker in a.text for a in chunk):
        os._exit(70)
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


def hard_limit() -> Optional[float]:
    """Seconds without any result after which the workers are taken to be stuck and
    killed: a whole chunk of articles each using its full time budget, plus a minute;
    None when the time budget is off."""
    from .budget import article_seconds

    budget = article_seconds()
    return budget * (CHUNK + 1) + 60 if budget and budget > 0 else None


def run(articles: Iterable[Article], workers: int = 1) -> Iterator[Article]:
    """Analyse ``articles`` with ``workers`` processes, yielding them in input order."""
    if workers <= 1:
        from .pipeline import analyse_many
        yield from analyse_many(articles, batch_size=CHUNK)
        return
    yield from _Pool(workers).run(articles)


def failed(article: Article, why: str) -> Article:
    """``article`` as an error record: nothing extracted, ``error`` saying why."""
    from .pipeline import clear_results

    clear_results(article)
    article.error = f"analysis failed: {why}"
    return article


class _Pool:
    """The worker processes of one ``extract --workers N`` run (see the module doc).

    A task is ``(chunk_no, offset, articles)``: a whole chunk, or after a crash one
    article of it (``offset`` its place in the chunk); finished chunks are yielded in
    input order."""

    def __init__(self, workers: int):
        self.workers = workers
        self.window = workers * 2
        self.ctx = mp.get_context("fork" if hasattr(os, "fork") else "spawn")
        self.pool = None
        self.inflight: dict = {}  # future -> task
        self.suspects: deque = deque()  # single-article tasks to run alone, after a crash
        self.parts: dict[int, list[Optional[Article]]] = {}  # chunk_no -> results so far
        self.next_out = 0

    def start(self):
        from concurrent.futures import ProcessPoolExecutor

        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=self.ctx, initializer=_init_worker)
        return self.pool

    def stop(self, broken: bool) -> None:
        if self.pool is None:
            return
        if broken:
            for proc in list((getattr(self.pool, "_processes", None) or {}).values()):
                try:
                    proc.kill()  # a stuck worker would keep shutdown() waiting
                except Exception:  # pragma: no cover - already gone
                    pass
        self.pool.shutdown(wait=not broken, cancel_futures=True)
        self.pool = None

    def place(self, task, done: list[Article]) -> None:
        no, offset, _ = task
        self.parts[no][offset:offset + len(done)] = done

    def split(self, task) -> None:
        """Queue each article of ``task`` to be analysed alone."""
        no, offset, chunk = task
        self.suspects.extend((no, offset + i, [a]) for i, a in enumerate(chunk))

    def ready(self) -> Iterator[Article]:
        while self.next_out in self.parts and None not in self.parts[self.next_out]:
            yield from self.parts.pop(self.next_out)
            self.next_out += 1

    def submit_more(self, source: Iterator) -> bool:
        """Fill the pool (suspects one at a time, alone); False once the source is
        exhausted and nothing is left to submit. Raises BrokenProcessPool."""
        pool = self.start()
        while True:
            if self.suspects:
                if self.inflight:
                    return True
                task = self.suspects.popleft()
                try:
                    self.inflight[pool.submit(_work, task[2])] = task
                except BaseException:
                    self.suspects.appendleft(task)
                    raise
                return True
            if len(self.inflight) >= self.window:
                return True
            nxt = next(source, None)
            if nxt is None:
                return bool(self.inflight)
            no, chunk = nxt
            self.parts[no] = [None] * len(chunk)
            task = (no, 0, chunk)
            try:
                self.inflight[pool.submit(_work, chunk)] = task
            except BaseException:
                self.split(task)
                raise

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        source = enumerate(_chunks(articles, CHUNK))
        limit = hard_limit()
        try:
            while True:
                broken = False
                try:
                    more = self.submit_more(source)
                except BrokenProcessPool:
                    more, broken = True, True
                if not more and not self.suspects:
                    break
                if not broken:
                    broken = self.collect(wait(list(self.inflight), timeout=limit,
                                               return_when=FIRST_COMPLETED)[0])
                if broken:
                    log.warning("a worker process died; restarting the pool")
                    for task in self.inflight.values():
                        self.split(task)
                    self.inflight.clear()
                    self.stop(broken=True)
                yield from self.ready()
            yield from self.ready()
        finally:
            self.stop(broken=bool(self.inflight))

    def collect(self, done) -> bool:
        """Take the finished futures' results; True if the pool broke (a worker died,
        or none finished within the hard limit and the workers were killed)."""
        from concurrent.futures.process import BrokenProcessPool

        alone = len(self.inflight) == 1
        if not done:  # nothing within the hard limit: the workers are stuck
            log.warning("no result from the workers for %s s; killing them", hard_limit())
            if alone:
                task = self.inflight.pop(next(iter(self.inflight)))
                if len(task[2]) == 1:
                    self.place(task, [failed(task[2][0], f"the worker was stopped after "
                                                         f"{hard_limit():g} s without a result")])
                else:
                    self.split(task)
            return True
        broken = False
        for fut in done:
            task = self.inflight.pop(fut)
            try:
                self.place(task, fut.result())
            except BrokenProcessPool:
                broken = True
                if alone and len(task[2]) == 1:
                    self.place(task, [failed(task[2][0], "the worker process died on this article")])
                else:
                    self.split(task)
            except Exception as exc:  # the chunk could not be sent or returned (pickling)
                self.place(task, [failed(a, f"{type(exc).__name__}: {exc}") for a in task[2]])
        return broken
