"""Reading articles: ``.txt``, ``.html``/``.htm``, ``.jsonl`` (each also gzip-compressed,
``.jsonl.gz``...), directories of these, and ``-`` for JSONL on standard input.

Every reader yields :class:`~redline.model.Article` records in input order. An item
that cannot be read (empty, binary, invalid UTF-8, too large, HTML with no main text,
a JSONL line that is not JSON or lacks ``text``, an impossible date) is yielded with
``error`` set, so a batch always goes on and every input has its output record.

This is the one place input enters: every article leaves through
:func:`sanitise.sanitise_article` (lone surrogates, NUL and control characters
replaced, with a note), dates are checked by :mod:`.dates`, sizes by :mod:`.limits`.
"""
from __future__ import annotations

import codecs
import json
import re
import sys
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from ..budget import BudgetExceeded, article_seconds, time_limit
from ..model import Article
from .dates import InvalidDate, check_published, valid_day
from . import limits
from .limits import TooLarge, inner_suffix, iter_lines, open_bytes, read_file, too_large
from .sanitise import sanitise_article

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _utf16_or_32(data: bytes) -> Optional[str]:
    """The text of UTF-16/UTF-32 data that starts with its byte-order mark (the BOM is
    dropped; Windows tools write such files), else None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {codec.upper()} byte-order mark but is not valid "
                                 f"{codec.upper()} at byte {exc.start}; convert the file to UTF-8") from None
    return None


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8 (a UTF-8 BOM is kept as text: offsets refer to the exact
    input); UTF-16/UTF-32 with a byte-order mark are decoded too.

    Raises ValueError with a clear message for binary or non-UTF-8 content.
    """
    if not data:
        raise ValueError("empty file")
    wide = _utf16_or_32(data)
    if wide is not None:
        return wide
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
    if not html or not html.strip():
        return Article(id=id, text="", url=url, error="empty HTML")
    if len(html) > limits.MAX_HTML_BYTES:
        return Article(id=id, text="", url=url, error=str(too_large("HTML", limits.MAX_HTML_BYTES, len(html))))
    notes: list[str] = []
    try:
        data = _main_text(html, url)
        if data is None:
            # lxml stops building the tree 256 levels down: a page nested deeper (100,000
            # <div>) had text but none was found; flattened, it is read
            flat = flatten_deep_html(html)
            if flat is not None:
                data = _main_text(flat, url)
                notes.append(f"html: nesting deeper than {MAX_HTML_DEPTH} elements flattened to read the text")
    except ValueError as exc:
        return Article(id=id, text="", url=url, error=str(exc))
    text = paragraph_breaks((data or {}).get("text") or "")
    if not text.strip():
        return Article(id=id, text="", url=url, error="HTML has no main text (no article body found)")
    date = data.get("date")
    day = valid_day(str(date)) if date else None
    if date and day is None:
        notes.append(f"published: the page's date {str(date)[:40]!r} is not a real day; ignored")
    return Article(
        id=id,
        text=text,
        title=data.get("title"),
        published=day or published,
        source=data.get("sitename") or data.get("hostname"),
        url=url or data.get("url"),
        notes=notes,
        meta={"html": True},
    )


def paragraph_breaks(text: str) -> str:
    """The page's text with a blank line between its blocks. trafilatura puts one line
    break between paragraphs, headings and list items, where a plain-text story has a
    blank line, and the parser reads on across one line break ("Russia strikes
    Kyiv\nRussian missiles struck Kyiv ..." became one sentence); a blank line ends a
    sentence (:func:`redline.parse.paragraph_breaks`). A line that goes on with a
    lower-case word continues its sentence (a <br> inside it) and keeps its one break."""
    lines = text.strip("\n").split("\n")
    out = []
    for k, line in enumerate(lines):
        if k:
            out.append("\n" if line[:1].islower() else "\n\n")
        out.append(line)
    return "".join(out)


def _main_text(html: str, url: Optional[str]):
    """trafilatura's main text and metadata of a page as a dict; None when it found no
    text; ValueError (the message) when the page could not be read in time or at all."""
    import trafilatura

    try:
        # a page is read under the same time budget as an article is analysed
        with time_limit(article_seconds(), "reading the HTML"):
            doc = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False,
                include_tables=False, favor_precision=True,
                # The extensive search turns a "Copyright 2024" footer into 2024-01-01.
                date_extraction_params={"extensive_search": False},
            )
    except BudgetExceeded as exc:
        raise ValueError(str(exc)) from None
    except Exception as exc:  # trafilatura raises on some malformed pages
        raise ValueError(f"HTML could not be parsed: {exc}") from None
    if doc is None:
        return None
    data = doc if isinstance(doc, dict) else doc.as_dict()
    return data if (data.get("text") or "").strip() else None


#: an HTML page nested deeper than this is flattened before extraction: lxml stops
#: building the tree at 256 levels, and trafilatura then found no main text in a page
#: of 100,000 nested <div> elements that had some.
MAX_HTML_DEPTH = 200
_CONTAINERS = "div|span|section|article|main|font|b|i|p|table|tr|td|tbody|ul|li|ol|blockquote"
_CONTAINER_TAG = re.compile(r"</?(?:%s)\b[^<>]{0,500}>" % _CONTAINERS, re.IGNORECASE)
# elements an HTML parser closes by itself (p, li, td...) do not count for the depth
_CONTAINER_EDGE = re.compile(r"<(/?)(?:div|span|section|article|main|blockquote|table|ul|ol)\b", re.IGNORECASE)


def html_depth(html: str, stop: int = MAX_HTML_DEPTH) -> int:
    """How deep the page's container elements nest (one linear pass; stops counting
    past ``stop``)."""
    depth = deepest = 0
    for m in _CONTAINER_EDGE.finditer(html):
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                break
    return deepest


def flatten_deep_html(html: str) -> Optional[str]:
    """``html`` with its container tags turned into line breaks when they nest more
    than :data:`MAX_HTML_DEPTH` deep (else None: the page is left as it is)."""
    if html.count("<") < MAX_HTML_DEPTH or html_depth(html) <= MAX_HTML_DEPTH:
        return None
    body = _CONTAINER_TAG.sub("\n", html)
    return f"<html><body><article><p>{body}</p></article></body></html>" if "<body" not in body.lower() else body


def file_id(path: Path) -> str:
    """An article id from a file name: its stem, without ``.gz`` (``a.txt.gz`` -> ``a``)."""
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem or name


def read_txt(path: Path, published: Optional[str] = None) -> Article:
    try:
        text = decode_text(read_file(path, limits.MAX_FILE_BYTES))
    except (OSError, ValueError) as exc:
        return Article(id=file_id(path), text="", error=f"{path}: {exc}", meta={"path": str(path)})
    return Article(id=file_id(path), text=text, published=published, meta={"path": str(path)})


def read_html(path: Path, published: Optional[str] = None) -> Article:
    try:
        data = read_file(path, limits.MAX_HTML_BYTES, what="HTML file")
        if not data:
            raise ValueError("empty file")
        html = _utf16_or_32(data)
        if html is None:
            if _binary(data):
                raise ValueError("binary file: contains NUL bytes, not HTML")
            html = data.decode("utf-8", errors="replace")
    except (OSError, ValueError) as exc:
        return Article(id=file_id(path), text="", error=f"{path}: {exc}", meta={"path": str(path)})
    art = article_from_html(html, id=file_id(path), published=published)
    art.meta["path"] = str(path)
    if art.error:
        art.error = f"{path}: {art.error}"
    return art


def article_from_record(record, default_id: str, published: Optional[str] = None) -> Article:
    """An article from one JSONL record ``{"id", "text" | "html", "published"?, ...}``."""
    if not isinstance(record, dict):
        return Article(id=default_id, text="", error=f"record is a JSON {_json_type(record)}, not an object")
    rid = record.get("id")
    if rid is None or rid == "":
        rid = default_id
    elif isinstance(rid, bool) or not isinstance(rid, (str, int, float)):
        return Article(id=default_id, text="",
                       error=f"'id' is a JSON {_json_type(rid)}, not a string or a number")
    rid = str(rid)
    fields = {}
    for name in ("title", "source", "url"):
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return Article(id=rid, text="", error=f"{name!r} is a JSON {_json_type(value)}, not a string")
        fields[name] = value
    given = "published" if record.get("published") not in (None, "") else "date"
    try:
        pub, note = check_published(record.get(given), field=given)
    except InvalidDate as exc:
        return Article(id=rid, text="", error=str(exc), **fields)
    notes = [note] if note else []
    pub = pub or published
    text = record.get("text")
    if text is None and record.get("html") is not None:
        if not isinstance(record["html"], str):
            return Article(id=rid, text="", error=f"'html' is a JSON {_json_type(record['html'])}, not a string")
        art = article_from_html(record["html"], id=rid, url=fields["url"], published=pub)
        art.title = fields["title"] or art.title
        art.source = fields["source"] or art.source
        art.notes[:0] = notes
        return art
    if text is None:
        return Article(id=rid, text="", error="record has no 'text' (or 'html') field")
    if not isinstance(text, str):
        return Article(id=rid, text="", error=f"'text' is a JSON {_json_type(text)}, not a string")
    return Article(id=rid, text=text, published=pub, notes=notes, **fields)


def _json_type(value) -> str:
    """The JSON name of a decoded value's type ("object", "array", ...)."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if value is None:
        return "null"
    return "string"


def _json_error(exc: json.JSONDecodeError) -> str:
    """``json``'s message without its dangling "at" ("Invalid control character at")."""
    msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
    return f"not valid JSON ({msg} at column {exc.colno})"


def read_jsonl_stream(stream: IO[bytes] | IO[str], name: str, published: Optional[str] = None,
                      id_prefix: Optional[str] = None) -> Iterator[Article]:
    """Articles from JSONL; a record without ``id`` is named ``<prefix>:<line>``."""
    prefix = id_prefix or name
    lines = iter_lines(stream) if hasattr(stream, "readline") else stream
    for lineno, line in enumerate(lines, 1):
        if isinstance(line, TooLarge):
            yield Article(id=f"{prefix}:{lineno}", text="", error=f"{name} line {lineno}: {line}")
            continue
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
            yield Article(id=f"{prefix}:{lineno}", text="", error=f"{name} line {lineno}: {_json_error(exc)}")
            continue
        art = article_from_record(record, default_id=f"{prefix}:{lineno}", published=published)
        if art.error and not art.error.startswith(name):
            art.error = f"{name} line {lineno}: {art.error}"
        yield art


def read_jsonl(path: Path, published: Optional[str] = None) -> Iterator[Article]:
    """The records of a ``.jsonl`` (or ``.jsonl.gz``, decompressed line by line) file."""
    import gzip

    try:
        fh = open_bytes(path)
    except OSError as exc:
        yield Article(id=file_id(path), text="", error=f"{path}: {exc}")
        return
    n = 0
    with fh:
        try:
            for art in read_jsonl_stream(fh, str(path), published, id_prefix=file_id(path)):
                n += 1
                yield art
        except (OSError, EOFError, gzip.BadGzipFile) as exc:  # corrupt or truncated .gz
            yield Article(id=f"{file_id(path)}:{n + 1}", text="",
                          error=f"{path}: reading failed after {n} records: {type(exc).__name__}: {exc}")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """Expand directories (recursively, sorted) into the files Redline reads."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and inner_suffix(f) in SUFFIXES and not f.name.startswith("."):
                    yield f
        else:
            yield path


def read_inputs(paths: Iterable[str | Path], published: Optional[str] = None,
                stdin: Optional[IO] = None) -> Iterator[Article]:
    """Yield one article per input item, in order; unreadable items carry ``error``;
    every article is sanitised (:func:`sanitise.sanitise_article`).

    Raises ValueError for a ``published`` default that is not a real day."""
    published, note = check_cli_date(published)
    for art in _read_inputs(paths, published, stdin):
        if note and art.published == published:
            art.notes.append(note)
        yield sanitise_article(art)


def check_cli_date(published: Optional[str], option: str = "--published") -> tuple[Optional[str], Optional[str]]:
    """A ``--published`` value checked (:func:`dates.check_published`): ``(day, note)``;
    ValueError with the one message for dates if it is not a real day."""
    try:
        return check_published(published, field=option)
    except InvalidDate as exc:
        raise ValueError(str(exc)) from None


def _read_inputs(paths, published: Optional[str], stdin: Optional[IO]) -> Iterator[Article]:
    for f in iter_files(paths):
        if f == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl_stream(stream, "<stdin>", published)
            continue
        if not f.exists():
            yield Article(id=file_id(f) or str(f), text="", error=f"{f}: no such file or directory")
            continue
        suffix = inner_suffix(f)
        if suffix == ".jsonl":
            yield from read_jsonl(f, published)
        elif suffix in {".html", ".htm"}:
            yield read_html(f, published)
        else:
            # Anything else is read as text: a file named without a suffix is still text.
            yield read_txt(f, published)
