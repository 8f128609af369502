"""Size limits on every container, checked while streaming.

Why: a 356 KB ``.warc.gz`` can hold a 100 MB body and a 3.6 MB one a 1 GiB body; read
whole, they took gigabytes of memory and minutes of HTML parsing. Every reader takes
its bytes through :func:`read_limited`, which stops reading (and so decompressing) as
soon as the limit is passed and raises :class:`TooLarge` with a clear message; the
item becomes an error record and the batch goes on.

The limits (bytes; each can be changed by the environment variable named after it,
``REDLINE_MAX_FILE_BYTES`` ...):

* :data:`MAX_FILE_BYTES` a ``.txt``/``.jsonl``/feed file, after decompression (200 MB);
* :data:`MAX_HTML_BYTES` one HTML page: a file, a JSONL ``html`` field, a WARC
  record's body, a fetched page (10 MB);
* :data:`MAX_LINE_BYTES` one JSONL line (64 MB; above :data:`redline.parse.MAX_CHARS`
  characters of UTF-8 text, whose own limit gives the clearer message);
* :data:`MAX_FEED_BYTES` one RSS/Atom feed (50 MB).
"""
from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import IO, Iterator

CHUNK = 1 << 20


def _limit(name: str, default: int) -> int:
    try:
        return int(os.environ.get(f"REDLINE_{name}", default))
    except ValueError:
        return default


MAX_FILE_BYTES = _limit("MAX_FILE_BYTES", 200 * 1024 * 1024)
MAX_HTML_BYTES = _limit("MAX_HTML_BYTES", 10 * 1024 * 1024)
MAX_LINE_BYTES = _limit("MAX_LINE_BYTES", 64 * 1024 * 1024)
MAX_FEED_BYTES = _limit("MAX_FEED_BYTES", 50 * 1024 * 1024)

GZIP_SUFFIX = ".gz"


class TooLarge(ValueError):
    """A container is over its size limit (the message says which and how to raise it)."""


def too_large(what: str, limit: int, size: int | None = None) -> TooLarge:
    """The one message for a container over its limit ("WARC record too large: over
    10,485,760 bytes (limit 10,485,760; REDLINE_MAX_*_BYTES raise the limits)")."""
    got = f"{size:,} bytes" if size is not None else f"over {limit:,} bytes"
    return TooLarge(f"{what} too large: {got} (limit {limit:,} bytes; "
                    "see REDLINE_MAX_*_BYTES in docs/robustness.md)")


def read_limited(stream: IO[bytes], limit: int, what: str) -> bytes:
    """All of ``stream`` if it holds at most ``limit`` bytes; else :class:`TooLarge`,
    raised after reading at most ``limit + 1`` bytes."""
    chunks, size = [], 0
    while True:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise too_large(what, limit)
        chunks.append(chunk)


def is_gzip(path: Path | str) -> bool:
    return str(path).lower().endswith(GZIP_SUFFIX)


def inner_suffix(path: Path | str) -> str:
    """The suffix that says what a file holds: ``.jsonl`` for ``a.jsonl.gz``."""
    p = Path(path)
    if is_gzip(p):
        p = Path(p.name[: -len(GZIP_SUFFIX)])
    return p.suffix.lower()


def open_bytes(path: Path) -> IO[bytes]:
    """``path`` opened for reading, decompressed on the fly when it ends in ``.gz``."""
    return gzip.open(path, "rb") if is_gzip(path) else open(path, "rb")


def read_file(path: Path, limit: int, what: str = "file") -> bytes:
    """The (decompressed) bytes of ``path``, refused past ``limit`` before reading it
    (plain file) or while decompressing (``.gz``)."""
    if not is_gzip(path):
        size = path.stat().st_size
        if size > limit:
            raise too_large(what, limit, size)
    try:
        with open_bytes(path) as fh:
            return read_limited(fh, limit, what + (" (decompressed)" if is_gzip(path) else ""))
    except (gzip.BadGzipFile, EOFError) as exc:
        raise ValueError(f"not a valid gzip file ({exc})") from None


def iter_lines(stream: IO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | str | TooLarge]:
    """The lines of ``stream`` (bytes or text); a line longer than ``limit`` is skipped
    (read through in bounded pieces) and yielded as a :class:`TooLarge` in its place,
    so numbering goes on."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n" if isinstance(line, bytes) else "\n"):
            yield line
            continue
        size = len(line)
        while True:  # the rest of the overlong line, without keeping it
            rest = stream.readline(CHUNK)
            size += len(rest)
            if not rest or rest.endswith(b"\n" if isinstance(rest, bytes) else "\n"):
                break
        yield too_large("line", limit, size)
