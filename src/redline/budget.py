"""Per-article budgets: how long one article may be analysed, how much memory a worker
may take.

Why: one pathological input (200,000 quotation marks, a page of 100,000 nested
elements) must cost one error record, not a hung batch. Wherever an article is
analysed (``extract``, ``ingest``, ``serve``'s analyse routes, Spark executors) the
pipeline runs its parse and its extraction under :func:`time_limit`; an article over
budget gets ``error`` set ("analysis took longer than ...") and the batch goes on.

* :data:`ARTICLE_SECONDS` (``REDLINE_ARTICLE_SECONDS``, default 120; ``0`` turns the
  limit off): on the main thread the limit is a ``SIGALRM`` interval timer, which also
  interrupts long regular-expression matches; on any other thread (the web server's
  worker threads) a watchdog timer raises the exception in the analysing thread as soon
  as it runs Python code again.
* :data:`WORKER_MEMORY_MB` (``REDLINE_WORKER_MEMORY_MB``, default 4096; ``0`` = no limit):
  the address-space limit set in each analysis worker process (``--workers N``), so an
  article that would need more fails with ``MemoryError`` (an error record) or, at
  worst, kills only its worker (detected, recorded) instead of the machine swapping.
"""
from __future__ import annotations

import ctypes
import logging
import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Optional

log = logging.getLogger(__name__)


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return float(raw)
    except ValueError:
        log.warning("%s=%r is not a number; using %g", name, raw, default)
        return default


ARTICLE_SECONDS = _env_number("REDLINE_ARTICLE_SECONDS", 120.0)
WORKER_MEMORY_MB = _env_number("REDLINE_WORKER_MEMORY_MB", 4096.0)


def article_seconds() -> float:
    """The per-article time budget in force (read again from the environment, so a
    test or a command-line option can change it after import)."""
    return _env_number("REDLINE_ARTICLE_SECONDS", ARTICLE_SECONDS)


class BudgetExceeded(BaseException):
    """An article took longer than its time budget.

    A ``BaseException`` (like ``KeyboardInterrupt``) so that no ``except Exception``
    inside an extractor can swallow it and let the article run on."""

    def __init__(self, seconds: float = 0.0, what: str = "analysis"):
        self.seconds = seconds
        self.what = what
        super().__init__(over_budget_message(seconds, what))

    def __str__(self) -> str:
        return over_budget_message(self.seconds, self.what)


def over_budget_message(seconds: float, what: str = "analysis") -> str:
    return (f"{what} took longer than the {seconds:g} s budget per article "
            "(set REDLINE_ARTICLE_SECONDS to change it)")


#: after the budget is spent, the exception is raised again this often (seconds)
#: until the block ends, in case some code caught it anyway.
REPEAT = 0.5


@contextmanager
def time_limit(seconds: Optional[float], what: str = "analysis") -> Iterator[None]:
    """Raise :class:`BudgetExceeded` in the current thread if the block runs longer
    than ``seconds`` (``None`` or ``<= 0``: no limit)."""
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds, what):
            yield
    else:
        with _watchdog(seconds, what):
            yield


@contextmanager
def _alarm(seconds: float, what: str) -> Iterator[None]:
    """The limit as a SIGALRM interval timer (main thread only; not nested)."""
    state = {"active": True}

    def on_alarm(signum, frame):
        if state["active"]:
            raise BudgetExceeded(seconds, what)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _watchdog(seconds: float, what: str) -> Iterator[None]:
    """The limit for a thread other than the main one: a timer thread raises
    :class:`BudgetExceeded` asynchronously in the analysing thread (which sees it as
    soon as it runs Python code again)."""
    target = threading.get_ident()
    lock = threading.Lock()
    done = threading.Event()

    def watch():
        if done.wait(seconds):
            return
        while True:
            with lock:
                if done.is_set():
                    return
                _raise_in_thread(target, BudgetExceeded)
            if done.wait(REPEAT):
                return

    thread = threading.Thread(target=watch, name="redline-budget", daemon=True)
    thread.start()
    try:
        yield
    except BudgetExceeded:
        raise BudgetExceeded(seconds, what) from None
    finally:
        with lock:
            done.set()
            _raise_in_thread(target, None)  # drop one that was set but not yet seen


def _raise_in_thread(thread_id: int, exc_type: Optional[type]) -> None:
    exc = ctypes.py_object(exc_type) if exc_type is not None else ctypes.c_void_p(None)
    n = ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), exc)
    if n > 1:  # pragma: no cover - cannot happen with a valid id; undo as the docs say
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)


def limit_worker_memory(megabytes: Optional[float] = None) -> None:
    """Cap this process's address space (in a worker process only: the limit cannot be
    raised again). Best effort: platforms without ``resource`` are left alone."""
    mb = WORKER_MEMORY_MB if megabytes is None else megabytes
    if not mb or mb <= 0:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    limit = int(mb * 1024 * 1024)
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or soft > limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as exc:  # pragma: no cover - a stricter limit is in force
        log.debug("could not limit worker memory: %s", exc)
