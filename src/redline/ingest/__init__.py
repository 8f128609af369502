"""Reading articles: ``.txt``, ``.html``/``.htm``, ``.jsonl``, directories of these,
and ``-`` for JSONL on standard input.

Every reader yields :class:`~redline.model.Article` records in input order. An item
that cannot be read (empty, binary, invalid UTF-8, HTML with no main text, a JSONL
line that is not JSON or lacks ``text``) is yielded with ``error`` set, so a batch
always goes on and every input has its output record.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from ..model import Article

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
# A file larger than this is refused before it is read into memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (a BOM is kept as text: offsets refer to the exact input).

    Raises ValueError with a clear message for binary or non-UTF-8 content.
    """
    if not data:
        raise ValueError("empty file")
    if _binary(data):
        raise ValueError("binary file: contains NUL bytes, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not valid UTF-8 at byte {exc.start} ({data[exc.start:exc.start + 1]!r}); "
            "convert the file to UTF-8"
        ) from None


def article_from_html(html: str, id: str, url: Optional[str] = None,
                      published: Optional[str] = None) -> Article:
    """Main text and metadata (title, date, site) of an HTML page via trafilatura."""
    import trafilatura

    if not html or not html.strip():
        return Article(id=id, text="", url=url, error="empty HTML")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            include_tables=False, favor_precision=True,
            # The extensive search turns a "Copyright 2024" footer into 2024-01-01.
            date_extraction_params={"extensive_search": False},
        )
    except Exception as exc:  # trafilatura raises on some malformed pages
        return Article(id=id, text="", url=url, error=f"HTML could not be parsed: {exc}")
    if doc is None:
        return Article(id=id, text="", url=url, error="HTML has no main text (no article body found)")
    data = doc if isinstance(doc, dict) else doc.as_dict()
    text = data.get("text") or ""
    if not text.strip():
        return Article(id=id, text="", url=url, error="HTML has no main text (no article body found)")
    date = data.get("date")
    if date and not _DATE.match(str(date)[:10]):
        date = None
    return Article(
        id=id,
        text=text,
        title=data.get("title"),
        published=(str(date)[:10] if date else None) or published,
        source=data.get("sitename") or data.get("hostname"),
        url=url or data.get("url"),
        meta={"html": True},
    )


def read_txt(path: Path, published: Optional[str] = None) -> Article:
    try:
        text = decode_text(_read_bytes(path))
    except (OSError, ValueError) as exc:
        return Article(id=path.stem, text="", error=f"{path}: {exc}", meta={"path": str(path)})
    return Article(id=path.stem, text=text, published=published, meta={"path": str(path)})


def read_html(path: Path, published: Optional[str] = None) -> Article:
    try:
        data = _read_bytes(path)
        if not data:
            raise ValueError("empty file")
        if _binary(data):
            raise ValueError("binary file: contains NUL bytes, not HTML")
        html = data.decode("utf-8", errors="replace")
    except (OSError, ValueError) as exc:
        return Article(id=path.stem, text="", error=f"{path}: {exc}", meta={"path": str(path)})
    art = article_from_html(html, id=path.stem, published=published)
    art.meta["path"] = str(path)
    if art.error:
        art.error = f"{path}: {art.error}"
    return art


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,})")
    return path.read_bytes()


def article_from_record(record, default_id: str, published: Optional[str] = None) -> Article:
    """An article from one JSONL record ``{"id", "text" | "html", "published"?, ...}``."""
    if not isinstance(record, dict):
        return Article(id=default_id, text="", error="record is not a JSON object")
    rid = str(record.get("id") or default_id)
    pub = record.get("published") or record.get("date") or published
    if pub is not None:
        pub = str(pub)[:10]
        if not _DATE.match(pub):
            pub = published
    text = record.get("text")
    if text is None and record.get("html") is not None:
        art = article_from_html(str(record["html"]), id=rid, url=record.get("url"), published=pub)
        art.title = record.get("title") or art.title
        art.source = record.get("source") or art.source
        return art
    if text is None:
        return Article(id=rid, text="", error="record has no 'text' (or 'html') field")
    if not isinstance(text, str):
        return Article(id=rid, text="", error=f"'text' is a {type(text).__name__}, not a string")
    return Article(id=rid, text=text, title=record.get("title"), published=pub,
                   source=record.get("source"), url=record.get("url"))


def read_jsonl_stream(stream: IO[bytes] | IO[str], name: str, published: Optional[str] = None,
                      id_prefix: Optional[str] = None) -> Iterator[Article]:
    """Articles from JSONL; a record without ``id`` is named ``<prefix>:<line>``."""
    prefix = id_prefix or name
    for lineno, line in enumerate(stream, 1):
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Article(id=f"{prefix}:{lineno}", text="", error=f"{name} line {lineno}: not valid UTF-8 at byte {exc.start}")
                continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Article(id=f"{prefix}:{lineno}", text="", error=f"{name} line {lineno}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        art = article_from_record(record, default_id=f"{prefix}:{lineno}", published=published)
        if art.error and not art.error.startswith(name):
            art.error = f"{name} line {lineno}: {art.error}"
        yield art


def read_jsonl(path: Path, published: Optional[str] = None) -> Iterator[Article]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Article(id=path.stem, text="", error=f"{path}: {exc}")
        return
    with fh:
        yield from read_jsonl_stream(fh, str(path), published, id_prefix=path.stem)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Expand directories (recursively, sorted) into the files Redline reads."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    yield f
        else:
            yield path


def read_inputs(paths: Iterable[str | Path], published: Optional[str] = None,
                stdin: Optional[IO] = None) -> Iterator[Article]:
    """Yield one article per input item, in order; unreadable items carry ``error``."""
    if published is not None and not _DATE.match(published):
        raise ValueError(f"--published must be YYYY-MM-DD, got {published!r}")
    for f in iter_files(paths):
        if f == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl_stream(stream, "<stdin>", published)
            continue
        if not f.exists():
            yield Article(id=f.stem or str(f), text="", error=f"{f}: no such file or directory")
            continue
        suffix = f.suffix.lower()
        if suffix == ".jsonl":
            yield from read_jsonl(f, published)
        elif suffix in {".html", ".htm"}:
            yield read_html(f, published)
        else:
            # Anything else is read as text: a file named without a suffix is still text.
            yield read_txt(f, published)
