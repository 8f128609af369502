"""Fuzzing Redline's inputs with Hypothesis: the strategies and the checks, shared by
the seeded, bounded CI suite (``tests/test_fuzz.py``) and the long run
(``bench/fuzz.py``, 10,000 inputs; figures in ``docs/benchmarks.md``).

Each ``check_*`` function takes one generated input, runs one reader, the extractors
or an API route on it and asserts what issue 16 asks of every input: no exception,
no hang (the per-article time budget is set low), one record per item with its error
when it failed, output that encodes as UTF-8 JSON, offsets that point into the text,
rows the store accepts. Hypothesis is imported only here (a dev dependency).
"""
from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import strategies as st

from .model import Article

# --------------------------------------------------------------------------- strategies

#: characters that have broken readers, the tokenizer or a store before: quotation
#: marks and brackets (tokenizer), lone surrogates, NUL and control characters, BOMs,
#: markup, line and paragraph separators.
NASTY = st.sampled_from(['"', "“", "”", "'", "(", ")", "[", "!", "\ud800", "\udfff", "\x00", "\x01",
                         "\x1b", "\x7f", "\x85", "\ufeff", "\u2028", "\u202e", "<div>", "</p>", "&amp;",
                         "\n\n", "\t", " ", "-", "...", "1", "2024-13-45", "Kyiv", "said"])
WORDS = st.sampled_from(["Russia", "Ukraine", "NATO", "Zelensky", "said", "attacked", "troops", "on",
                         "Monday", "the", "fired", "12", "missiles", "at", "Kyiv", "\"We", "will",
                         "win,\"", "he", "told", "reporters.", "(AP)", "—", "yesterday", "2024"])


@st.composite
def texts(draw) -> str:
    """Article-like text mixed with nasty characters and long runs of one of them."""
    parts = draw(st.lists(st.one_of(WORDS, NASTY, st.text(max_size=20)), max_size=60))
    text = " ".join(parts)
    if draw(st.booleans()):
        run = draw(NASTY) * draw(st.integers(1, 3000))
        at = draw(st.integers(0, len(text)))
        text = text[:at] + run + text[at:]
    return text


JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=30), NASTY)
JSON_VALUES = st.recursive(JSON_SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                               st.dictionaries(st.text(max_size=5), kids, max_size=3)),
                           max_leaves=8)
DATES = st.one_of(st.none(), st.sampled_from(["2024-11-04", "2024-13-45", "2024-02-30", "yesterday", "today",
                                              "2024-11-04T10:00:00Z", "", "0000-00-00", "9999-12-31",
                                              "04/11/2024", "\x00"]), JSON_VALUES)


@st.composite
def records(draw) -> object:
    """A decoded JSONL record: mostly well-formed, with hostile field values."""
    if draw(st.integers(0, 9)) == 0:
        return draw(JSON_VALUES)
    rec = {}
    for key, values in (("id", st.one_of(st.text(max_size=10), JSON_VALUES)), ("text", st.one_of(texts(), JSON_VALUES)),
                        ("html", st.one_of(html_pages(), JSON_VALUES)), ("published", DATES), ("date", DATES),
                        ("title", st.one_of(st.text(max_size=20), JSON_VALUES)), ("url", JSON_VALUES),
                        ("source", JSON_VALUES)):
        if draw(st.booleans()):
            rec[key] = draw(values)
    return rec


def _dumps(value) -> str:
    # a lone surrogate in a JSON string is escaped as \udXXX, as real producers write it
    return json.dumps(value, ensure_ascii=True)


@st.composite
def jsonl_bytes(draw) -> bytes:
    """A JSONL file: records, broken lines, blank lines, invalid UTF-8, a BOM."""
    lines = draw(st.lists(st.one_of(records().map(_dumps).map(str.encode), st.binary(max_size=40),
                                    st.sampled_from([b"", b"{", b"[1,2]", b"\xff\xfe", b'{"text": "a\tb"}',
                                                     b"\xef\xbb\xbf{}", b"null"])), max_size=8))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


@st.composite
def html_pages(draw) -> str:
    """HTML that is sometimes a page, sometimes deeply nested or broken markup."""
    body = draw(texts())
    depth = draw(st.sampled_from([0, 1, 5, 300]))
    tag = draw(st.sampled_from(["div", "span", "p", "article", "b"]))
    meta = draw(st.sampled_from(["", "<meta property='article:published_time' content='2024-13-45'>",
                                 "<meta name='date' content='2024-11-04'>", "<title>\x00</title>"]))
    page = (f"<html><head>{meta}</head><body>" + f"<{tag}>" * depth + f"<p>{body}</p>" +
            f"</{tag}>" * depth + "</body></html>")
    return draw(st.sampled_from([page, page[: len(page) // 2], body]))


FILE_SUFFIXES = st.sampled_from([".txt", ".html", ".jsonl", ".txt.gz", ".jsonl.gz", ".htm", ""])


@st.composite
def files(draw) -> tuple[str, bytes]:
    """``(suffix, bytes)`` of an input file: text in several encodings, JSONL, HTML,
    random bytes; gzip-compressed when the suffix says so (or not, to lie)."""
    suffix = draw(FILE_SUFFIXES)
    kind = draw(st.sampled_from(["text", "jsonl", "html", "binary"]))
    if kind == "text":
        enc = draw(st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "latin-1"]))
        data = draw(texts()).encode(enc, errors="surrogatepass" if enc.startswith("utf-8") else "replace")
    elif kind == "jsonl":
        data = draw(jsonl_bytes())
    elif kind == "html":
        data = draw(html_pages()).encode("utf-8", errors="surrogatepass")
    else:
        data = draw(st.binary(max_size=200))
    if suffix.endswith(".gz") and draw(st.integers(0, 4)):
        data = gzip.compress(data)
    return suffix, data


# --------------------------------------------------------------------------- checks


def check_output(art: Article) -> dict:
    """What every output record must satisfy: JSON that encodes as UTF-8, and offsets
    that point at their text."""
    d = art.to_dict()
    line = json.dumps(d, ensure_ascii=False)
    line.encode("utf-8")  # a lone surrogate would raise here
    text = art.text or ""
    if art.error:
        assert isinstance(art.error, str) and art.error
    for q in art.quotes:
        assert text[q.start:q.end] == q.text
    for e in art.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    return d


def check_reader_output(arts: list[Article]) -> None:
    for a in arts:
        assert isinstance(a.id, str)
        assert a.text == "" or isinstance(a.text, str)
        check_output(a)
        for name in ("text", "title", "id", "source", "url", "error"):
            value = getattr(a, name)
            if isinstance(value, str):
                assert "\x00" not in value and not any("\ud800" <= c <= "\udfff" for c in value), name
        if a.published is not None:
            import datetime as dt
            dt.date.fromisoformat(a.published)  # a real day


def check_record(record) -> None:
    from .ingest import article_from_record
    from .ingest.sanitise import sanitise_article

    check_reader_output([sanitise_article(article_from_record(record, "fuzz:1"))])


def check_jsonl(data: bytes) -> None:
    from .ingest import read_inputs

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "f.jsonl"
        p.write_bytes(data)
        arts = list(read_inputs([p]))
    # one record per non-blank line (blank as the reader sees it: after decoding)
    n = sum(1 for line in data.split(b"\n") if line.decode("utf-8", "replace").strip())
    assert len(arts) == n, (len(arts), n)
    check_reader_output(arts)


def check_file(suffix: str, data: bytes) -> None:
    from .ingest import read_inputs

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / ("f" + suffix)
        p.write_bytes(data)
        arts = list(read_inputs([d]) if suffix else read_inputs([p]))
    if suffix.replace(".gz", "") != ".jsonl":
        assert len(arts) == 1, arts
    check_reader_output(arts)


def check_html(html: str) -> None:
    from .ingest import article_from_html
    from .ingest.sanitise import sanitise_article

    check_reader_output([sanitise_article(article_from_html(html, id="h", published="2024-11-04"))])


def check_warc(data: bytes) -> None:
    from .corpus.sources import read_warc
    from .ingest.sanitise import sanitise_article

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "f.warc.gz"
        p.write_bytes(data)
        # as every caller reads a WARC: through the sanitiser (iter_sources, Spark's to_record)
        check_reader_output([sanitise_article(it.article) for it in read_warc(str(p))])


def check_feed(data: bytes) -> None:
    """A feed read with fetching disabled (every page fetch fails: no network)."""
    from unittest import mock

    from .corpus import sources
    from .corpus.fetch import FetchError
    from .ingest.sanitise import sanitise_article

    def no_fetch(url, **kw):
        raise FetchError("fetching disabled in the fuzz suite")

    with mock.patch.object(sources, "fetch", no_fetch):
        # as every caller reads a feed: through the sanitiser (iter_sources)
        check_reader_output([sanitise_article(it.article) for it in sources.read_feed_bytes(data, "fuzz.rss")])


def check_analyse(texts_: list[str]) -> None:
    """The whole pipeline on a batch: one output per input, in order, each valid."""
    from .ingest.sanitise import sanitise_article
    from .pipeline import analyse_many

    arts = [sanitise_article(Article(id=f"a{i}", text=t, published="2024-11-04")) for i, t in enumerate(texts_)]
    out = list(analyse_many(arts, batch_size=4))
    assert [a.id for a in out] == [f"a{i}" for i in range(len(texts_))]
    for a in out:
        check_output(a)


def check_store_rows(art: Article, store) -> None:
    """An (analysed or failed) article is accepted by the store."""
    from .store import tables as T

    rows = T.article_rows(art.to_dict(), origin="fuzz")
    store.store_article(rows)


def feed_bytes(entries: list[tuple[str, str, str]]) -> bytes:
    """An RSS document of ``(title, date, description)`` entries (values as given)."""
    from xml.sax.saxutils import escape

    items = "".join(f"<item><title>{escape(t)}</title><pubDate>{escape(d)}</pubDate>"
                    f"<description>{escape(s)}</description></item>" for t, d, s in entries)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>F</title>"
            f"{items}</channel></rss>").encode("utf-8", errors="surrogatepass")


FEEDS = st.one_of(
    st.lists(st.tuples(st.text(max_size=20), DATES.map(lambda d: d if isinstance(d, str) else str(d)),
                       texts()), max_size=4).map(feed_bytes),
    st.binary(max_size=300))


def warc_bytes(bodies: list[tuple[str, bytes]]) -> bytes:
    """A gzipped WARC of HTML responses ``(WARC-Date, body)``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i, (date, body) in enumerate(bodies):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        w.write_record(w.create_warc_record(f"https://news.example/{i}", "response", payload=io.BytesIO(body),
                                            http_headers=http, warc_headers_dict={"WARC-Date": date}))
    return buf.getvalue()


WARCS = st.one_of(
    st.lists(st.tuples(st.sampled_from(["2024-11-04T00:00:00Z", "2024-13-45T00:00:00Z", "", "x"]),
                       html_pages().map(lambda h: h.encode("utf-8", errors="surrogatepass"))),
             max_size=3).map(warc_bytes),
    st.binary(max_size=300),
    st.lists(st.tuples(st.just("2024-11-04T00:00:00Z"), st.binary(max_size=100)), max_size=2)
      .map(warc_bytes).map(lambda b: b[: len(b) * 2 // 3]))  # truncated


ANALYSE_BODIES = st.one_of(
    st.fixed_dictionaries({"text": texts()}, optional={"title": st.one_of(st.text(max_size=30), JSON_VALUES),
                                                       "published": DATES, "store": st.booleans()}),
    JSON_VALUES)
ARTICLE_BODIES = st.one_of(
    st.fixed_dictionaries({}, optional={"text": st.one_of(texts(), JSON_VALUES), "html": st.one_of(html_pages(), JSON_VALUES),
                                        "url": st.sampled_from(["ftp://x", "http://127.0.0.1/", "not a url", ""]),
                                        "title": st.text(max_size=30), "published": DATES,
                                        "source": st.text(max_size=30)}),
    JSON_VALUES)


def check_api(client, route: str, body, token: str) -> None:
    """An API input route answers every body with a status below 500 and JSON."""
    data = _dumps(body).encode("utf-8")
    r = client.post(route, content=data, headers={"Authorization": f"Bearer {token}",
                                                  "Content-Type": "application/json"})
    assert r.status_code < 500, (r.status_code, r.text[:500])
    r.json()
