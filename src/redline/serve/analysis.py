"""Bounded, cancellable analyses for ``POST /api/analyse``.

An analysis is CPU-bound (seconds for a long text), so the endpoint must not let a
client pile work up. :class:`AnalysisGate` runs analyses one at a time on a thread
of its own (never on the pool that serves the GET routes) and bounds them:

* at most ``per_client`` requests of one client address in flight (running or
  waiting) — one more gets **429** with ``Retry-After``;
* at most ``max_queue`` requests in flight in all — one more gets **503** with
  ``Retry-After``;
* a request whose client goes away is cancelled: dropped before it starts, or
  stopped between two stages of the pipeline (each spaCy component, then the
  extractors) — see :func:`analyse_text`.

``stats`` counts what happened (``done``, ``cancelled``, ``refused_client``,
``refused_full``) for the tests and the benchmark.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from typing import Callable, Optional

from fastapi import HTTPException

#: how often a waiting request checks whether its client is still there (seconds)
POLL_SECONDS = 0.05


class Cancelled(Exception):
    """The client of an analysis went away: the work was stopped."""


def analyse_text(text: str, title: Optional[str], published: Optional[str],
                 cancelled: Callable[[], bool]) -> dict:
    """The pipeline of :func:`redline.pipeline.analyse` on one text, checking
    ``cancelled()`` before each spaCy component and before the extractors (raising
    :class:`Cancelled`); the article as the ``redline extract`` JSON, without meta."""
    from ..budget import BudgetExceeded, article_seconds, time_limit
    from ..ingest.sanitise import sanitise_article
    from ..model import Article
    from ..parse import load_nlp
    from ..pipeline import _check, extract_within

    def checkpoint():
        if cancelled():
            raise Cancelled()

    checkpoint()
    # the same sanitising and per-article time budget as every other way in
    art = sanitise_article(Article(id="submitted", text=text, title=title, published=published))
    art.error = _check(art)
    if art.error is None:
        nlp = load_nlp()
        budget = article_seconds()
        try:
            with time_limit(budget, "parsing"):
                doc = nlp.make_doc(art.text)
                for _name, component in nlp.pipeline:
                    checkpoint()
                    doc = component(doc)
        except Cancelled:
            raise
        except BudgetExceeded as exc:
            art.error = str(exc)
        except Exception as exc:
            art.error = f"parse failed: {type(exc).__name__}: {exc}"
        else:
            checkpoint()
            extract_within(doc, art, budget)
    out = art.to_dict()
    out.pop("meta", None)
    return out


class AnalysisGate:
    """Admission, queueing and cancellation of analyses (see the module doc)."""

    def __init__(self, max_queue: int = 8, per_client: int = 2):
        if max_queue < 1 or per_client < 1:
            raise ValueError("max_queue and per_client must be at least 1")
        self.max_queue = max_queue
        self.per_client = per_client
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="redline-analyse")
        self._lock = threading.Lock()
        self._in_flight: dict[str, int] = {}
        self.stats = {"done": 0, "cancelled": 0, "refused_client": 0, "refused_full": 0}

    @property
    def in_flight(self) -> int:
        with self._lock:
            return sum(self._in_flight.values())

    def _admit(self, client: str) -> None:
        with self._lock:
            if self._in_flight.get(client, 0) >= self.per_client:
                self.stats["refused_client"] += 1
                raise HTTPException(429, f"too many analyses from this client: at most {self.per_client} "
                                         "at a time; wait for one to finish", headers={"Retry-After": "5"})
            if sum(self._in_flight.values()) >= self.max_queue:
                self.stats["refused_full"] += 1
                raise HTTPException(503, f"the analysis queue is full ({self.max_queue} requests); "
                                         "try again later", headers={"Retry-After": "10"})
            self._in_flight[client] = self._in_flight.get(client, 0) + 1

    def _release(self, client: str) -> None:
        with self._lock:
            n = self._in_flight.get(client, 0) - 1
            if n > 0:
                self._in_flight[client] = n
            else:
                self._in_flight.pop(client, None)

    async def run(self, client: str, work: Callable[[Callable[[], bool]], dict],
                  gone: Callable) -> Optional[dict]:
        """Run ``work(cancelled)`` for ``client`` once admitted; ``gone`` is an async
        function telling whether the client has left (``Request.is_disconnected``).
        Returns the work's result, or None when the client left (nobody to answer)."""
        self._admit(client)
        stop = threading.Event()
        try:
            future = asyncio.get_running_loop().run_in_executor(self._executor, work, stop.is_set)
        except BaseException:
            self._release(client)
            raise
        # the client's slot is freed when the work has really ended, not before
        future.add_done_callback(lambda _f: self._release(client))
        try:
            while not future.done():
                await asyncio.wait({future}, timeout=POLL_SECONDS)
                if not future.done() and not stop.is_set() and await gone():
                    stop.set()  # the work stops at its next checkpoint
        except asyncio.CancelledError:  # the server dropped the request
            stop.set()
            self.stats["cancelled"] += 1
            raise
        try:
            result = future.result()
        except Cancelled:
            result = None
        if stop.is_set():
            self.stats["cancelled"] += 1
            return None
        self.stats["done"] += 1
        return result

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
