"""Inputs of the Spark job: files -> read tasks (driver) -> article records (executors).

The driver only lists files and cuts them into *read tasks*; the records themselves
are read and parsed in the executors:

* a ``.jsonl`` file is one task, or several when it is larger than ``split_bytes``
  (or when all the JSONL input is less than one ``split_bytes`` per core):
  byte ranges cut at line ends, each knowing the number of its first line (so a
  record without ``id`` gets the same ``<stem>:<line>`` id as ``redline extract``);
* a ``.warc``/``.warc.gz`` file is one task, read with warcio by
  :func:`redline.corpus.sources.read_warc` (HTML responses with status 200; a corrupt
  record or a truncated archive becomes a failure item, the rest is kept);
* ``.txt``/``.html`` files are one task each (the project reader).

Each item becomes one *record* (:data:`RECORD_FIELDS`): its content-hash id (the
store's definition, :func:`redline.store.tables.content_hash`), the article fields,
where it came from, and its MinHash signature for near-duplicate detection (the
store's definition, :mod:`redline.corpus.dedup`).

Paths are opened with Python's ``open``: local files or a filesystem every node
mounts (NFS, a FUSE mount of the object store). ``docs/spark.md`` says more.
"""
from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Iterator, Optional

from ..corpus.sources import WARC_SUFFIXES
from ..ingest import SUFFIXES
from ..store import tables as T

#: bigger JSONL files are cut into byte ranges of about this size.
SPLIT_BYTES = 64 * 1024 * 1024
#: ... but not below this when cut finer to give every core a read task.
MIN_SPLIT_BYTES = 1024 * 1024

#: one read record, in this order (see :func:`read_task`).
RECORD_FIELDS = ("task", "seq", "article_id", "ext_id", "title", "published", "source", "url",
                 "text", "error", "stage", "origin", "meta", "minhash")


def expand(inputs) -> list[str]:
    """Input paths (files or directories, searched recursively) -> sorted file list."""
    files: list[str] = []
    for p in inputs:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                low = f.name.lower()
                if f.is_file() and not f.name.startswith(".") and (
                        f.suffix.lower() in SUFFIXES or low.endswith(WARC_SUFFIXES)):
                    files.append(str(f.resolve()))
        else:
            files.append(str(path.resolve()) if path.exists() else str(path))
    return files


def _line_splits(path: str, split_bytes: int) -> list[tuple[int, int, int]]:
    """``(start, end, first_line)`` byte ranges of a JSONL file cut at line ends."""
    size = os.path.getsize(path)
    if size <= split_bytes:
        return [(0, size, 1)]
    out = []
    start, line = 0, 1
    with open(path, "rb") as fh:
        while start < size:
            target = min(size, start + split_bytes)
            fh.seek(target)
            if target < size:
                fh.readline()  # move to the end of the line the target falls in
            end = min(size, fh.tell())
            # count the lines of [start, end) to number the next range
            fh.seek(start)
            n, left = 0, end - start
            while left > 0:
                chunk = fh.read(min(left, 1 << 24))
                if not chunk:
                    break
                n += chunk.count(b"\n")
                left -= len(chunk)
            out.append((start, end, line))
            line += n
            start = end
    return out


def plan(inputs, split_bytes: int = SPLIT_BYTES, min_tasks: int = 1) -> list[tuple]:
    """Read tasks ``(task_no, kind, path, start, end, first_line)`` in input order.

    With ``min_tasks`` (the cluster's cores), JSONL input smaller than ``min_tasks *
    split_bytes`` in all is cut finer, in ranges of at least :data:`MIN_SPLIT_BYTES`,
    so that reading (JSON, content hash, MinHash) is not left to one core."""
    files = expand(inputs)
    jsonl = sum(os.path.getsize(p) for p in files if p.lower().endswith(".jsonl") and os.path.isfile(p))
    if min_tasks > 1 and jsonl:
        split_bytes = min(split_bytes, max(MIN_SPLIT_BYTES, -(-jsonl // min_tasks)))
    tasks = []
    for path in files:
        low = path.lower()
        if low.endswith(WARC_SUFFIXES):
            tasks.append(("warc", path, 0, -1, 1))
        elif low.endswith(".jsonl") and os.path.isfile(path):
            for start, end, line in _line_splits(path, split_bytes):
                tasks.append(("jsonl", path, start, end, line))
        else:
            tasks.append(("file", path, 0, -1, 1))
    return [(i, *t) for i, t in enumerate(tasks)]


# --------------------------------------------------------------------------- executors


def _jsonl_range(path: str, start: int, end: int, first_line: int,
                 published: Optional[str]) -> Iterator[tuple]:
    """Articles of the lines of ``path`` in ``[start, end)``, with the project reader.

    :func:`redline.ingest.read_jsonl_stream` numbers lines from 1; ``first_line - 1``
    empty lines (which it skips) are put in front so that ids and messages carry the
    file's real line numbers.
    """
    from ..ingest import read_jsonl_stream

    current = [first_line - 1]  # number of the line last handed to the reader

    def lines():
        with open(path, "rb") as fh:
            fh.seek(start)
            pos = start
            while pos < end:
                line = fh.readline()
                if not line:
                    break
                pos += len(line)
                current[0] += 1
                yield line

    stream = itertools.chain(itertools.repeat(b"", first_line - 1), lines())
    # the reader yields an article as soon as it has read its line: ``current`` is it
    for art in read_jsonl_stream(stream, path, published, id_prefix=Path(path).stem):
        yield art, f"{path} line {current[0]}"


def _items(task: tuple, published: Optional[str]) -> Iterator[tuple]:
    _, kind, path, start, end, first_line = task
    if kind == "jsonl":
        yield from _jsonl_range(path, start, end, first_line, published)
    elif kind == "warc":
        from ..corpus.sources import read_warc

        for item in read_warc(path, published):
            yield item.article, item.origin
    else:
        from ..ingest import read_inputs

        for art in read_inputs([path], published=published):
            yield art, art.meta.get("path") or path


def to_record(task_no: int, seq: int, art, origin: str) -> tuple:
    """One read item -> a record (:data:`RECORD_FIELDS`), as ``corpus.batch`` settles it:
    an item with an error or no text is a read failure (id from its error); any other
    is identified by its content hash and gets its MinHash signature."""
    from ..corpus import dedup
    from ..ingest.sanitise import sanitise_article

    sanitise_article(art)
    if art.text and not art.error:
        aid = T.content_hash(art.text, art.url)
    else:
        aid = T.failure_id(art.id, origin, art.error)
    stage = None
    mh = None
    if art.error or not art.text:
        art.error = art.error or "empty text: nothing to analyse"
        stage = "read"
    else:
        m = dedup.minhash(art.text)
        if m is not None:
            mh = dedup.to_bytes(m)
    meta = {**art.meta, "notes": art.notes} if art.notes else art.meta
    meta = json.dumps(meta, ensure_ascii=False, default=str) if meta else None
    return (task_no, seq, aid, art.id, art.title, art.published, art.source, art.url,
            art.text or "", art.error, stage, origin, meta, mh and bytearray(mh))


def read_task(task: tuple, published: Optional[str] = None) -> Iterator[tuple]:
    """Every record of one read task; never raises (an unreadable file is a failure record)."""
    from ..model import Article

    task_no, kind, path = task[0], task[1], task[2]
    seq = 0
    try:
        for art, origin in _items(task, published):
            yield to_record(task_no, seq, art, origin)
            seq += 1
    except Exception as exc:  # a reader bug or an I/O error mid-file: record it, go on
        art = Article(id=Path(path).name, text="",
                      error=f"{path}: reading failed after {seq} items: {type(exc).__name__}: {exc}")
        yield to_record(task_no, seq, art, f"{path} ({kind} task {task_no})")


def record_article(rec):
    """The :class:`~redline.model.Article` of a record (a Row or a dict)."""
    from ..model import Article

    get = rec.__getitem__
    meta = json.loads(get("meta")) if get("meta") else {}
    return Article(id=get("ext_id"), text=get("text") or "", title=get("title"),
                   published=get("published"), source=get("source"), url=get("url"),
                   error=get("error"), notes=meta.pop("notes", []), meta=meta)
