"""Where articles come from: files and directories, RSS/Atom feeds, WARC archives.

:func:`iter_sources` turns the ``SOURCE`` arguments of ``redline ingest`` into a stream
of :class:`~redline.model.Article` records (with ``error`` set for an item that could
not be read or fetched, so it is recorded as a failure and the batch goes on):

* ``.txt``/``.html``/``.jsonl`` files, directories of them and ``-``: the project's
  reader, :func:`redline.ingest.read_inputs`;
* RSS/Atom feeds (``.rss``/``.atom``/``.xml`` files, or ``http(s)`` URLs that answer
  with a feed), parsed by feedparser; each entry's page is fetched
  (:mod:`redline.corpus.fetch`, with its URL guard) and its main text extracted by
  trafilatura; an entry whose page cannot be fetched falls back to the text of the
  feed's own content/summary when it has some, else it is a failure;
* WARC / WARC.gz files (``.warc``, ``.warc.gz``; Common Crawl's CC-NEWS), read by
  warcio: only ``response`` records of HTML pages with HTTP status 200;
* any other ``http(s)`` URL: the page itself.

A directory is searched for feeds and WARC files too.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..model import Article
from .fetch import FetchError, fetch

log = logging.getLogger(__name__)

FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
FETCH_THREADS = 6  # concurrent page fetches per feed


@dataclass
class Item:
    """An article read from a source, with where it came from (for failure reports)."""
    article: Article
    origin: str


def kind_of(source: str) -> str:
    """``url``, ``feed``, ``warc``, ``dir`` or ``files`` (for the project reader)."""
    low = source.lower()
    if low.startswith(("http://", "https://")):
        return "url"
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(FEED_SUFFIXES):
        return "feed"
    if source != "-" and Path(source).is_dir():
        return "dir"
    return "files"


def iter_sources(sources: Iterable[str], published: Optional[str] = None,
                 allow_private: bool = False) -> Iterator[Item]:
    """One :class:`Item` per article of ``sources``, in order, each sanitised
    (:func:`redline.ingest.sanitise.sanitise_article`)."""
    from ..ingest.sanitise import sanitise_article

    for item in _iter_sources(sources, published, allow_private):
        sanitise_article(item.article)
        yield item


def _iter_sources(sources: Iterable[str], published: Optional[str],
                  allow_private: bool) -> Iterator[Item]:
    from ..ingest import read_inputs

    for source in sources:
        source = str(source)
        kind = kind_of(source)
        if kind == "url":
            yield from read_url(source, published, allow_private)
        elif kind == "warc":
            yield from read_warc(source, published)
        elif kind == "feed":
            yield from read_feed_file(source, published, allow_private)
        else:
            if kind == "dir":
                for path in sorted(Path(source).rglob("*")):
                    if path.is_file() and not path.name.startswith("."):
                        low = path.name.lower()
                        if low.endswith(WARC_SUFFIXES):
                            yield from read_warc(str(path), published)
                        elif low.endswith(FEED_SUFFIXES):
                            yield from read_feed_file(str(path), published, allow_private)
            for art in read_inputs([source], published=published):
                yield Item(art, art.meta.get("path") or source)


# --------------------------------------------------------------------------- pages


def page_article(html: bytes | str, url: str, published: Optional[str] = None,
                 title: Optional[str] = None, source: Optional[str] = None) -> Article:
    """An article from a fetched HTML page (main text via trafilatura)."""
    from ..ingest import article_from_html

    if isinstance(html, bytes):
        html = _decode_html(html)
    art = article_from_html(html, id=url, url=url, published=published)
    if (published and art.published and art.published != published and art.published.endswith("-01-01")
            and art.published[:4] == published[:4]):
        # htmldate's guess from a bare year ("Copyright 2024" -> 2024-01-01): the
        # feed's or crawl's date of the same year is the better one
        art.published = published
    if title and not art.title:
        art.title = title
    if source and not art.source:
        art.source = source
    art.url = url
    return art


def _decode_html(data: bytes, charset: Optional[str] = None) -> str:
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            if best is not None:
                return str(best)
        except Exception:  # pragma: no cover - optional helper
            pass
        return data.decode("latin-1", errors="replace")


def read_url(url: str, published: Optional[str] = None, allow_private: bool = False) -> Iterator[Item]:
    try:
        resp = fetch(url, allow_private=allow_private)
    except FetchError as exc:
        yield Item(Article(id=url, text="", url=url, error=f"fetch failed: {exc}"), url)
        return
    ctype = resp.content_type.lower()
    if "html" not in ctype and _looks_like_feed(resp.content):
        yield from read_feed_bytes(resp.content, url, published, allow_private)
        return
    yield Item(page_article(resp.text if "charset=" in ctype else resp.content, resp.url, published), url)


def _looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and any(t in data[:4096].lower() for t in (b"<rss", b"<feed", b"<rdf"))


# --------------------------------------------------------------------------- feeds


def _entry_date(entry) -> Optional[str]:
    """The entry's date as a real ``YYYY-MM-DD`` day, else None (a date feedparser could
    not make a real day of is not used)."""
    from ..ingest.dates import valid_day

    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                day = valid_day(f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}")
            except AttributeError:  # pragma: no cover
                continue
            if day:
                return day
    return None


def _entry_html(entry) -> Optional[str]:
    for c in entry.get("content") or []:
        if c.get("value"):
            return c["value"]
    return entry.get("summary") or None


def read_feed_file(path: str, published: Optional[str] = None, allow_private: bool = False) -> Iterator[Item]:
    from ..ingest.limits import MAX_FEED_BYTES, read_file

    try:
        data = read_file(Path(path), MAX_FEED_BYTES, what="feed")
    except (OSError, ValueError) as exc:
        yield Item(Article(id=Path(path).name, text="", error=f"{path}: {exc}"), path)
        return
    yield from read_feed_bytes(data, path, published, allow_private)


def read_feed_bytes(data: bytes, origin: str, published: Optional[str] = None,
                    allow_private: bool = False) -> Iterator[Item]:
    """Each entry of an RSS/Atom feed, its page fetched and extracted."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        why = getattr(feed, "bozo_exception", None)
        yield Item(Article(id=Path(origin).name, text="",
                           error=f"{origin}: not a feed or no entries" + (f" ({why})" if why else "")),
                   origin)
        return
    feed_title = (feed.feed or {}).get("title")

    def one(n_entry) -> Item:
        n, entry = n_entry
        link = entry.get("link")
        title = entry.get("title")
        date = _entry_date(entry) or published
        where = f"{origin} entry {n}"
        if not link:
            html = _entry_html(entry)
            if html:
                art = page_article(f"<html><body><article>{html}</article></body></html>",
                                   url=entry.get("id") or f"{origin}#{n}", published=date,
                                   title=title, source=feed_title)
                art.url = None
                art.id = entry.get("id") or f"{origin}#{n}"
            else:
                art = Article(id=f"{origin}#{n}", text="", error=f"{where}: no link and no content")
            return Item(art, where)
        try:
            resp = fetch(link, allow_private=allow_private)
            art = page_article(resp.text if "charset=" in resp.content_type.lower() else resp.content,
                               link, date, title=title, source=feed_title)
            if _entry_date(entry):
                # the feed's own date beats the page's guessed one (htmldate can take a
                # "Copyright 2024" footer for a date)
                art.published = _entry_date(entry)
        except FetchError as exc:
            html = _entry_html(entry)
            art = None
            if html:
                art = page_article(f"<html><body><article>{html}</article></body></html>", link, date,
                                   title=title, source=feed_title)
                if not art.error:
                    art.meta["from_feed_summary"] = True
                    art.meta["fetch_error"] = str(exc)
                else:
                    art = None
            if art is None:
                art = Article(id=link, text="", url=link, title=title, error=f"fetch failed: {exc}")
        except Exception as exc:  # an extraction bug must not stop the feed
            art = Article(id=link, text="", url=link, title=title,
                          error=f"{where}: {type(exc).__name__}: {exc}")
        return Item(art, where)

    # pages are fetched FETCH_THREADS at a time (network-bound), entries kept in order
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=FETCH_THREADS) as ex:
        yield from ex.map(one, enumerate(feed.entries, 1))


# --------------------------------------------------------------------------- WARC


def read_warc(path: str, published: Optional[str] = None) -> Iterator[Item]:
    """HTML responses (HTTP 200) of a WARC/WARC.gz file, one article each. A record
    body over :data:`redline.ingest.limits.MAX_HTML_BYTES` is refused while it is
    being decompressed (an error record; the archive goes on)."""
    from warcio.archiveiterator import ArchiveIterator

    from ..ingest.dates import valid_day
    from ..ingest.limits import MAX_HTML_BYTES, TooLarge, read_limited

    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield Item(Article(id=Path(path).name, text="", error=f"{path}: {exc}"), path)
        return
    with fh:
        n = 0
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    continue
                n += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{n}"
                where = f"{path} record {n}"
                http = record.http_headers
                if http is None:
                    continue
                status = http.get_statuscode()
                ctype = (http.get_header("Content-Type") or "").lower()
                if status != "200" or not any(t in ctype for t in HTML_TYPES):
                    continue
                try:
                    body = read_limited(record.content_stream(), MAX_HTML_BYTES, "WARC record body")
                except TooLarge as exc:  # the rest of the record is skipped unread by warcio
                    yield Item(Article(id=url, text="", url=url, error=f"{where}: {exc}"), where)
                    continue
                except Exception as exc:  # corrupt record: report, go on
                    yield Item(Article(id=url, text="", url=url, error=f"{where}: unreadable record: {exc}"), where)
                    continue
                charset = ctype.split("charset=", 1)[1].split(";")[0].strip() if "charset=" in ctype else None
                warc_date = valid_day(record.rec_headers.get_header("WARC-Date") or "")
                art = page_article(_decode_html(body, charset), url, published or warc_date)
                if art.error:
                    art.error = f"{where}: {art.error}"
                yield Item(art, where)
        except Exception as exc:  # truncated/corrupt archive: keep what was read
            yield Item(Article(id=Path(path).name, text="", error=f"{path}: WARC read failed after "
                               f"{n} records: {type(exc).__name__}: {str(exc)[:200]}"), path)
