"""Corpus sources: the URL guard, feeds whose pages come from a local HTTP server,
WARC archives built with warcio, near-duplicate detection."""
from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pytest

from redline.corpus import dedup
from redline.corpus.fetch import FetchError, UnsafeURL, check_url, fetch
from redline.corpus.sources import iter_sources, kind_of, read_warc

PAGES = {
    "/news/1.html": ("Troops massed at the border",
                     "Russian troops massed near the border with Ukraine on Tuesday, officials in Kyiv said. "
                     "The ministry said the build-up included artillery units and several thousand soldiers."),
    "/news/2.html": ("Talks in Geneva",
                     "Diplomats from both countries met in Geneva on Wednesday for a second round of talks. "
                     "A spokesperson said the meeting was constructive but no agreement was reached."),
}


def page_html(title: str, body: str) -> str:
    paras = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Copyright 2024</footer></body></html>")


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path in PAGES:
            data = page_html(*PAGES[self.path]).encode()
            ctype = "text/html; charset=utf-8"
        elif self.path == "/big":
            data = b"x" * (200 * 1024)
            ctype = "text/html"
        elif self.path == "/redirect-to-1":
            self.send_response(302)
            self.send_header("Location", "/news/1.html")
            self.end_headers()
            return
        elif self.path == "/feed.xml":
            data = rss(f"http://127.0.0.1:{self.server.server_port}").encode()
            ctype = "application/rss+xml"
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()
    srv.server_close()


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        f"<pubDate>Tue, 05 Nov 2024 10:00:00 GMT</pubDate></item>"
        for path, (title, _) in PAGES.items())
    items += (f"<item><title>Gone</title><link>{base}/missing.html</link>"
              "<pubDate>Tue, 05 Nov 2024 10:00:00 GMT</pubDate></item>")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>{base}/</link><description>t</description>{items}</channel></rss>")


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2024-11-06T00:00:00Z</updated>
<entry><title>Talks</title><link href="{base}/news/2.html"/><id>urn:2</id>
<updated>2024-11-06T08:00:00Z</updated></entry></feed>"""


# --------------------------------------------------------------------------- URL guard


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://127.9.9.9:8080/x", "http://localhost/", "http://[::1]/",
    "http://10.0.0.5/feed", "http://172.16.3.4/", "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://0.0.0.0/",
    "http://[::ffff:127.0.0.1]/",
])
def test_guard_refuses_non_public_addresses(url):
    with pytest.raises(UnsafeURL):
        check_url(url)
    assert check_url(url, allow_private=True) == url


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://x/", "http:///nohost"])
def test_guard_refuses_other_schemes(url):
    with pytest.raises(UnsafeURL):
        check_url(url, allow_private=True)


def test_public_literal_address_passes():
    assert check_url("http://93.184.216.34/page") == "http://93.184.216.34/page"


def test_fetch_refuses_local_server_without_flag(server):
    with pytest.raises(UnsafeURL, match="loopback"):
        fetch(server + "/news/1.html")


def test_fetch_with_flag_redirect_and_size_cap(server):
    r = fetch(server + "/redirect-to-1", allow_private=True)
    assert r.url.endswith("/news/1.html") and b"Russian troops" in r.content
    with pytest.raises(FetchError, match="too large"):
        fetch(server + "/big", allow_private=True, max_bytes=100_000)
    with pytest.raises(FetchError, match="404"):
        fetch(server + "/nope", allow_private=True)


# --------------------------------------------------------------------------- feeds


def test_feed_file_entries_fetched_and_extracted(server, tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(rss(server))
    items = list(iter_sources([str(feed)], allow_private=True))
    assert len(items) == 3
    ok = [it.article for it in items if not it.article.error]
    assert len(ok) == 2
    a = next(x for x in ok if x.url.endswith("/news/1.html"))
    assert "Russian troops massed near the border" in a.text
    assert "Home | World" not in a.text and "Copyright" not in a.text  # boilerplate dropped
    assert a.published == "2024-11-05" and a.title
    bad = next(it for it in items if it.article.error)
    assert "404" in bad.article.error and "entry 3" in bad.origin


def test_feed_entries_refused_without_allow_private(server, tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text(rss(server))
    items = list(iter_sources([str(feed)]))
    assert len(items) == 3 and all("loopback" in it.article.error for it in items)


def test_atom_feed_and_feed_url(server, tmp_path):
    atom = tmp_path / "wire.atom"
    atom.write_text(ATOM.format(base=server))
    (item,) = list(iter_sources([str(atom)], allow_private=True))
    assert "Diplomats from both countries" in item.article.text
    assert item.article.published == "2024-11-06"
    items = list(iter_sources([server + "/feed.xml"], allow_private=True))
    assert sum(1 for it in items if not it.article.error) == 2
    assert kind_of(server + "/feed.xml") == "url" and kind_of(str(atom)) == "feed"
    (page,) = list(iter_sources([server + "/news/2.html"], allow_private=True))
    assert "second round of talks" in page.article.text and page.article.url == server + "/news/2.html"
    (refused,) = list(iter_sources([server + "/news/2.html"]))
    assert "loopback" in refused.article.error


# --------------------------------------------------------------------------- WARC


def build_warc(path: Path, gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(url, body: bytes, ctype="text/html; charset=utf-8", status="200 OK"):
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                       warc_headers_dict={"WARC-Date": "2024-11-07T12:00:00Z"})
            w.write_record(rec)

        for n, (p, (title, body)) in enumerate(PAGES.items()):
            response(f"https://news.example.com{p}", page_html(title, body).encode())
        response("https://news.example.com/logo.png", b"\x89PNG\r\n", ctype="image/png")
        response("https://news.example.com/gone", b"<html>gone</html>", status="404 Not Found")
        w.write_record(w.create_warc_record("https://news.example.com/news/1.html", "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_only(tmp_path, gz):
    path = tmp_path / ("cc-news.warc.gz" if gz else "cc-news.warc")
    build_warc(path, gz)
    items = list(iter_sources([str(path)]))
    assert [it.article.url for it in items] == [f"https://news.example.com{p}" for p in PAGES]
    assert all(not it.article.error for it in items)
    assert "Diplomats from both countries met in Geneva" in items[1].article.text
    assert items[0].article.published == "2024-11-07"  # WARC-Date when the page has none


def test_corrupt_warc_keeps_good_records_and_reports_failure(tmp_path):
    path = tmp_path / "x.warc.gz"
    build_warc(path)
    data = path.read_bytes()
    cut = len(data) // 3
    path.write_bytes(data[:cut] + b"\x00garbage" * 20 + data[cut + 160:])
    items = list(read_warc(str(path)))
    assert [it.article.url for it in items if not it.article.error] == ["https://news.example.com/news/1.html"]
    (bad,) = [it for it in items if it.article.error]
    assert "WARC read failed after 1 records" in bad.article.error and len(bad.article.error) < 400


# --------------------------------------------------------------------------- near-duplicates

WIRE = ("MOSCOW (Wire) - Russia said on Thursday it had shot down 47 Ukrainian drones over several "
        "regions overnight, while Ukrainian officials reported strikes on energy facilities in the "
        "Kharkiv region that left thousands of homes without power. The defence ministry in Moscow "
        "said air defence units destroyed the drones over the Belgorod, Kursk and Bryansk regions. "
        "Kyiv did not comment on the claims, but the regional governor said repair crews were working.")


def test_near_duplicates_found_distinct_articles_not():
    index = dedup.NearDuplicates()
    index.add("orig", dedup.minhash(WIRE))
    repost = "Published by Daily Example. " + WIRE.replace("(Wire)", "(Reuters)") + " Read more at example.com."
    hit = index.match(dedup.minhash(repost))
    assert hit is not None and hit[0] == "orig" and hit[1] >= dedup.THRESHOLD
    other = " ".join(PAGES["/news/1.html"][1].split() * 3)
    assert index.match(dedup.minhash(other)) is None
    assert dedup.minhash("too short to compare") is None


def test_signature_round_trip():
    m = dedup.minhash(WIRE)
    back = dedup.from_bytes(dedup.to_bytes(m))
    assert back.jaccard(m) == 1.0
