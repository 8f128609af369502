"""API tests of the workbench (``redline serve``) with FastAPI's TestClient.

Each test runs against a SQLite file and, when ``REDLINE_TEST_PG`` names a PostgreSQL
server (``.ci/run`` starts one), against a fresh database on it; without it the
PostgreSQL variant skips, and fails under ``CI=true``. The store is filled with the
hand-annotated articles of :mod:`redline.serve.sample` (through the store's insert
API) plus a hostile article, so the assertions do not depend on the extractors.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import uuid

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from redline.model import Article, Entity, Event, Mention, Quote, Speaker, TextSpan  # noqa: E402
from redline.serve.sample import fill_store, sample_articles  # noqa: E402

TOKEN = "test-token-1234"

#: the clients' base URL: a loopback host, which the workbench answers to by default
LOCAL = "http://127.0.0.1"


def local_client(app) -> TestClient:
    return TestClient(app, base_url=LOCAL)

HOSTILE_TEXT = ('Officials said <script>alert("x")</script> was found. '
                '<img src=x onerror="alert(1)"> The =HYPERLINK("http://evil") army attacked the town.')


def hostile_article() -> Article:
    t = HOSTILE_TEXT
    s = t.index("attacked")
    sent_start = t.index("<img")
    ent = Entity(id="T1", name="<b onmouseover=alert(2)>Army</b>", type="ORG", country="XXX",
                 role="<script>alert(3)</script>",
                 mentions=[Mention(t.index("army"), t.index("army") + 4, "army")])
    q = Quote(id="Q1", kind="indirect", start=t.index("<script>"), end=t.index(" was found"),
              text=t[t.index("<script>"):t.index(" was found")],
              cue=TextSpan(t.index("said"), t.index("said") + 4, "said"),
              speaker=Speaker(0, 9, "Officials", "<img src=y onerror=alert(4)>", "T1"))
    from redline.model import Actor
    ev = Event(id="E1", type="ASSAULT", mode=None, context=None, cameo="190", score=-9.3, goldstein=-10.0,
               factuality="reported", trigger=TextSpan(s, s + 8, "attacked"),
               sentence={"start": sent_start, "end": len(t), "text": t[sent_start:]},
               source=[Actor("=HYPERLINK(\"http://evil\")", "T1", "XXX", "MIL", t.index("army"), t.index("army") + 4, "army")],
               target=[], date="2024-11-05")
    return Article(id="hostile", text=t, title='<img src=x onerror="alert(5)">Hostile', published="2024-11-05",
                   source="<i>evil</i>", url="javascript:alert(6)", entities=[ent], quotes=[q], events=[ev])


# --------------------------------------------------------------------------- backends


def _pg_url() -> str | None:
    url = os.environ.get("REDLINE_TEST_PG")
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("REDLINE_TEST_PG is not set; CI=true requires the PostgreSQL tests")
        pytest.skip("REDLINE_TEST_PG not set (no PostgreSQL server to test against)")
    return url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def store_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path_factory.mktemp("serve") / "store.db")
        return
    base = _pg_url()
    import sqlalchemy as sa

    from redline.store.db import normalise_url

    base = normalise_url(base)
    name = "rl_serve_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n AND pid <> pg_backend_pid()"),
            {"n": name})
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(scope="module")
def filled(store_url):
    from redline.store.db import open_store

    store = open_store(store_url)
    ids = fill_store(store, sample_articles() + [hostile_article()])
    yield store, ids
    store.close()


@pytest.fixture(scope="module")
def client(filled):
    from redline.serve.app import create_app

    store, _ = filled
    app = create_app(store=store, token=TOKEN, max_page=100, max_body=200_000)
    with local_client(app) as c:
        yield c


@pytest.fixture(scope="module")
def ids(filled):
    return dict(zip(["kr-troops", "treaty", "kursk", "japan", "hostile"], filled[1]))


def _auth():
    return {"Authorization": f"Bearer {TOKEN}"}


# --------------------------------------------------------------------------- articles


def test_article_list_search_and_pages(client):
    r = client.get("/api/articles")
    assert r.status_code == 200
    page = r.json()
    assert page["total"] == 5
    days = [a["day"] for a in page["items"]]
    assert days == sorted(days, reverse=True)  # newest first
    treaty = next(a for a in page["items"] if a["ext_id"] == "treaty")
    assert (treaty["n_events"], treaty["n_quotes"], treaty["n_entities"]) == (2, 1, 4)

    r = client.get("/api/articles", params={"q": "Kursk"})
    assert [a["ext_id"] for a in r.json()["items"]] == ["kursk"]
    r = client.get("/api/articles", params={"since": "2024-11-12", "until": "2024-11-19"})
    assert {a["ext_id"] for a in r.json()["items"]} == {"treaty", "kursk"}
    r = client.get("/api/articles", params={"source": "example-news"})
    assert {a["ext_id"] for a in r.json()["items"]} == {"kr-troops", "kursk"}
    p1 = client.get("/api/articles", params={"limit": 2}).json()
    p2 = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert len(p1["items"]) == 2 and len(p2["items"]) == 2
    assert not {a["article_id"] for a in p1["items"]} & {a["article_id"] for a in p2["items"]}


def test_article_full_analysis_offsets(client, ids):
    art = client.get(f"/api/articles/{ids['kr-troops']}").json()
    text = art["text"]
    assert art["title"].startswith("Seoul says")
    assert len(art["quotes"]) == 2 and len(art["events"]) == 2
    for q in art["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        assert text[q["speaker"]["start"]:q["speaker"]["end"]] == q["speaker"]["text"]
        assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]
    for e in art["events"]:
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        s = e["sentence"]
        assert s["start"] <= e["trigger"]["start"] < e["trigger"]["end"] <= s["end"]
        assert e["source"] and text[e["source"][0]["start"]:e["source"][0]["end"]] == e["source"][0]["text"]
    yoon = next(e for e in art["entities"] if e["name"] == "Yoon Suk Yeol")
    assert (yoon["role"], yoon["country"], yoon["sector"]) == ("President", "KOR", "GOV")


def test_unknown_article_is_a_json_404(client):
    r = client.get("/api/articles/0123456789abcdef")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/json")
    assert "no article" in r.json()["error"]["message"]
    r = client.get("/api/no/such/thing")
    assert r.status_code == 404 and r.json()["error"]["status"] == 404


# --------------------------------------------------------------------------- events


def _events(client, **params):
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_events_filters(client, ids):
    everything = _events(client)
    assert everything["total"] == 8
    prk_rus = _events(client, source="PRK", target="RUS")
    assert [(e["type"], e["article_id"]) for e in prk_rus["items"]] == [("AID", ids["kr-troops"])]
    both = _events(client, source="PRK", target="RUS", both="true")
    # PRK->RUS AID, and RUS->PRK: AGREE, Putin's SUPPORT, the hypothetical AID
    assert both["total"] == 4 and {e["type"] for e in both["items"]} == {"AID", "AGREE", "SUPPORT"}
    assert _events(client, type="ASSAULT")["total"] == 2  # Kursk + hostile
    assert _events(client, type="aid,agree")["total"] == 3
    assert _events(client, type=["AID", "AGREE"])["total"] == 3
    hyp = _events(client, factuality="hypothetical")["items"]
    assert [(e["type"], e["trigger_text"]) for e in hyp] == [("AID", "send")]
    rng = _events(client, since="2024-11-12", until="2024-11-17")["items"]
    assert {e["day"] for e in rng} <= {"2024-11-12", "2024-11-13", "2024-11-14", "2024-11-15", "2024-11-16", "2024-11-17"}
    assert {e["trigger_text"] for e in rng} == {"signed", "praised", "attacked"}
    assert {e["trigger_text"] for e in _events(client, actor="Putin")["items"]} == {"praised"}
    assert {e["trigger_text"] for e in _events(client, text="mutual defence")["items"]} == {"signed"}
    assert _events(client, article=ids["japan"])["total"] == 1


def test_events_carry_actors_evidence_and_clusters(client):
    e = _events(client, type="ACCUSE")["items"][0]
    assert [a["name"] for a in e["source"]] == ["Japan"]
    assert [(a["name"], a["country"]) for a in e["target"]] == [("North Korea", "PRK")]
    ss = e["sentence_start"]
    assert e["sentence_text"][e["trigger_start"] - ss:e["trigger_end"] - ss] == "condemned"
    assert e["article_title"].startswith("Japan condemns")
    assert e["num_articles"] == 1 and e["num_mentions"] == 1


def test_events_sorting_and_paging(client):
    by_score = [e["score"] for e in _events(client, sort="score", order="asc")["items"]]
    assert by_score == sorted(by_score)
    by_type = [e["type"] for e in _events(client, sort="type", order="asc")["items"]]
    assert by_type == sorted(by_type)
    p1 = _events(client, limit=3)
    p2 = _events(client, limit=3, offset=3)
    keys = {(e["article_id"], e["event_id"]) for e in p1["items"]}
    assert len(keys) == 3 and not keys & {(e["article_id"], e["event_id"]) for e in p2["items"]}
    assert p1["total"] == p2["total"] == 8


@pytest.mark.parametrize("params,where", [
    ({"limit": 101}, "query.limit"),           # over this server's max_page (100)
    ({"limit": 0}, "query.limit"),
    ({"offset": -1}, "query.offset"),
    ({"sort": "text; DROP TABLE events"}, "query.sort"),
    ({"order": "sideways"}, "query.order"),
])
def test_bad_parameters_give_clear_json_errors(client, params, where):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["status"] == 422 and where in err["message"]
    assert err["details"][0]["where"] == where


def test_bad_day_is_explained(client):
    r = client.get("/api/events", params={"since": "2024-02-30"})
    assert r.status_code == 422 and "not a valid day" in r.json()["error"]["message"]
    r = client.get("/api/events", params={"until": "yesterday"})
    assert r.status_code == 422 and "YYYY-MM-DD" in r.json()["error"]["message"]


def test_export_csv_is_the_selection(client):
    r = client.get("/api/events/export", params={"format": "csv", "factuality": "reported"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    expected = _events(client, factuality="reported")["items"]
    assert len(rows) == len(expected) == 4
    assert {(x["article_id"], x["event_id"]) for x in rows} == {(e["article_id"], e["event_id"]) for e in expected}
    assert all(x["factuality"] == "reported" for x in rows)
    hostile = next(x for x in rows if x["source_name"].startswith("'"))
    assert hostile["source_name"] == "'=HYPERLINK(\"http://evil\")"  # no live spreadsheet formula
    assert all(x["score"] for x in rows)


def test_export_plover_jsonl(client, ids):
    r = client.get("/api/events/export", params={"format": "jsonl", "source": "PRK"})
    assert r.status_code == 200
    recs = [json.loads(line) for line in r.text.splitlines() if line.strip()]
    assert len(recs) == _events(client, source="PRK")["total"] == 3
    rec = next(x for x in recs if x["event"] == ["AID"])
    assert rec["actor"][0]["code"] == "PRK" and rec["recipient"][0]["code"] == "RUS"
    assert rec["date"] == "2024-10-28" and rec["event_text"] == ["sent"]
    assert rec["quad_code"] == 2 and rec["event_scale"] == 7.4 and rec["mode"] == ["military"]
    assert rec["cite_info"]["citation"] == ids["kr-troops"]
    assert rec["text_info"]["text"].startswith("North Korea sent")


def test_export_limit_is_enforced(client):
    r = client.get("/api/events/export", params={"format": "csv", "limit": 2})
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 2
    r = client.get("/api/events/export", params={"format": "xml"})
    assert r.status_code == 422


# --------------------------------------------------------------------------- quotes, actors


def test_quotes_by_speaker_entity_country(client, ids):
    page = client.get("/api/quotes", params={"speaker": "yoon"}).json()
    assert page["total"] == 1 and page["items"][0]["kind"] == "direct"
    assert page["items"][0]["speaker_country"] == "KOR"
    assert client.get("/api/quotes", params={"country": "JPN"}).json()["items"][0]["speaker_name"] == "Takeshi Iwaya"
    q = client.get("/api/quotes", params={"entity": "T3", "article": ids["treaty"]}).json()["items"]
    assert [x["speaker_name"] for x in q] == ["Kim Jong Un"]
    assert client.get("/api/quotes", params={"kind": "direct"}).json()["total"] == 2
    assert client.get("/api/quotes", params={"kind": "sarcastic"}).status_code == 422


def test_actors_with_counts_and_roles(client):
    actors = client.get("/api/actors", params={"limit": 100}).json()
    nk = next(a for a in actors if a["name"] == "North Korea" and a["country"] == "PRK" and a["sector"] is None)
    assert nk["articles"] == 3 and nk["mentions"] == 3
    yoon = next(a for a in actors if a["name"] == "Yoon Suk Yeol")
    assert yoon["roles"] == ["President"] and yoon["quotes"] == 1
    putin = client.get("/api/actors", params={"q": "putin"}).json()
    assert [(a["name"], a["events_as_source"], a["events_as_target"]) for a in putin] == [("Vladimir Putin", 1, 0)]
    assert all(a["country"] == "JPN" for a in client.get("/api/actors", params={"country": "jpn"}).json())


# --------------------------------------------------------------------------- dyad, network


def test_dyad_weekly_series(client):
    d = client.get("/api/dyad", params={"source": "PRK", "target": "RUS"}).json()
    assert d["factuality"] == ["asserted", "reported"]
    assert [(p["week"], p["events"], p["sum"]) for p in d["series"]] == [("2024-10-28", 1, 7.4)]
    d = client.get("/api/dyad", params={"source": "RUS", "target": "PRK", "factuality": "asserted,hypothetical"}).json()
    weeks = {p["week"]: p for p in d["series"]}
    # the hypothetical AID (7.4) has no date: filed under its publication day 11-19 (week of 11-18)
    assert (weeks["2024-11-11"]["events"], weeks["2024-11-11"]["mean"]) == (2, 6.3)  # AGREE 8.0, SUPPORT 4.6
    assert weeks["2024-11-18"]["mean"] == 7.4
    d = client.get("/api/dyad", params={"source": "PRK", "target": "RUS", "measure": "goldstein"}).json()
    assert d["series"][0]["sum"] == 8.3
    assert client.get("/api/dyad", params={"source": "PRK"}).status_code == 422


def test_network_edges(client):
    net = client.get("/api/network", params={"factuality": "asserted,reported"}).json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("PRK", "RUS")]["cooperation"] == 1 and edges[("PRK", "RUS")]["conflict"] == 0
    assert edges[("PRK", "UKR")]["conflict"] == 1
    assert edges[("PRK", "KOR")]["conflict"] == 1  # THREATEN
    assert ("RUS", "PRK") in edges and edges[("RUS", "PRK")]["events"] == 2  # AGREE + SUPPORT
    nodes = {n["id"]: n for n in net["nodes"]}
    assert nodes["PRK"]["out"] == 3 and nodes["PRK"]["in"] == edges[("RUS", "PRK")]["events"] + edges[("JPN", "PRK")]["events"]
    later = client.get("/api/network", params={"since": "2024-11-17", "factuality": "reported"}).json()
    assert {(e["source"], e["target"]) for e in later["edges"]} == {("PRK", "UKR"), ("JPN", "PRK")}
    actors = client.get("/api/network", params={"by": "actor"}).json()
    assert any(e["source"] == "Vladimir Putin" for e in actors["edges"])


# --------------------------------------------------------------------------- security


def test_stored_markup_comes_back_verbatim_as_json(client, ids):
    r = client.get(f"/api/articles/{ids['hostile']}")
    assert r.headers["content-type"].startswith("application/json")
    art = r.json()
    assert art["text"] == HOSTILE_TEXT
    assert art["title"] == '<img src=x onerror="alert(5)">Hostile'
    assert art["entities"][0]["role"] == "<script>alert(3)</script>"


def test_pages_are_static_and_carry_a_strict_csp(client, ids):
    r = client.get(f"/articles/{ids['hostile']}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "alert" not in r.text and "Hostile" not in r.text  # data never goes into the HTML
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    for page in ("/", "/events", "/dyad", "/network", "/analyse"):
        html = client.get(page).text
        assert "<script src=\"/static/common.js\"></script>" in html
        assert "http://" not in html and "https://" not in html  # no CDN


def test_every_page_is_the_layout_around_its_main():
    """One layout holds the head and the top bar; each page file gives its title, its
    scripts (which exist) and its <main>."""
    from redline.serve import pages
    from redline.serve.app import WEB

    names = pages.names()
    assert {"index", "article", "events", "dyad", "network", "analyse", "overview"} <= set(names)
    for name in names:
        html = pages.render(name)
        assert html.startswith("<!doctype html>") and html.count("<head>") == 1
        assert html.count('<header class="top"></header>') == 1 and html.count("<main") == 1
        assert "<!-- title" not in html and "$" not in html.split("<main")[0]
        for src in re.findall(r'<script src="/static/([^"]+)"></script>', html):
            assert (WEB / "static" / src).is_file(), (name, src)
    with pytest.raises(KeyError):
        pages.render("../layout")


def test_ui_scripts_never_inject_html():
    """The UI's scripts build the DOM with textContent only (see common.js)."""
    from redline.serve.app import WEB

    scripts = sorted((WEB / "static").glob("*.js"))
    assert len(scripts) >= 7
    for path in scripts:
        src = path.read_text(encoding="utf-8")
        code = "\n".join(line for line in src.splitlines() if not line.strip().startswith(("*", "/*", "//")))
        for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert bad not in code, f"{path.name} uses {bad}"


def test_docs_are_served_locally(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in r.text and "cdn" not in r.text.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/events/export",
                 "/api/quotes", "/api/actors", "/api/dyad", "/api/network", "/api/analyse"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/articles"]


def test_writes_need_the_token(client):
    before = client.get("/api/stats").json()["articles"]
    body = {"text": "Russia attacked Ukraine on Monday, officials said."}
    r = client.post("/api/articles", json=body)
    assert r.status_code == 401 and "token" in r.json()["error"]["message"]
    assert r.headers.get("www-authenticate") == "Bearer"
    r = client.post("/api/articles", json=body, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    r = client.post("/api/analyse", json={**body, "store": True})
    assert r.status_code == 401
    assert client.get("/api/stats").json()["articles"] == before


def test_no_token_configured_disables_writes(filled):
    from redline.serve.app import create_app

    with local_client(create_app(store=filled[0])) as c:
        r = c.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "without a token" in r.json()["error"]["message"]
        assert c.get("/api/events").status_code == 200  # reads stay open


def test_protected_reads(filled):
    from redline.serve.app import create_app

    with local_client(create_app(store=filled[0], token=TOKEN, protect_reads=True)) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers={"X-Redline-Token": TOKEN}).status_code == 200
        assert c.get("/api/articles", headers={"Authorization": "Bearer nope"}).status_code == 403
        assert c.get("/api/health").status_code == 200


@pytest.mark.parametrize("url,why", [
    ("http://127.0.0.1:9/page", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.0.0.1/x", "private"),
    ("file:///etc/passwd", "only http and https"),
    ("ftp://example.org/x", "only http and https"),
])
def test_url_submissions_go_through_the_guard(client, url, why):
    r = client.post("/api/articles", json={"url": url}, headers=_auth())
    assert r.status_code == 422
    assert why in r.json()["error"]["message"]


def test_request_and_text_size_limits(client):
    big = "a" * 250_000  # over this app's max_body of 200,000 bytes
    r = client.post("/api/analyse", json={"text": big})
    assert r.status_code == 413 and "too large" in r.json()["error"]["message"]

    def chunks():
        for _ in range(30):
            yield b"x" * 10_000
    r = client.post("/api/analyse", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413  # streamed without a Content-Length


def test_submission_must_have_one_input(client):
    r = client.post("/api/articles", json={"text": "a", "url": "http://example.org"}, headers=_auth())
    assert r.status_code == 422 and "exactly one" in r.json()["error"]["message"]
    r = client.post("/api/articles", json={}, headers=_auth())
    assert r.status_code == 422
    r = client.post("/api/articles", content=b"{not json", headers={**_auth(), "content-type": "application/json"})
    assert r.status_code == 422


# --------------------------------------------------------------------------- the pipeline through the API


def test_analyse_without_storing_then_store_with_token(client):
    text = ("Russian forces shelled Kharkiv on Monday, killing three civilians, Ukrainian officials said. "
            "\"We will respond,\" President Volodymyr Zelensky told reporters in Kyiv.")
    before = client.get("/api/stats").json()
    r = client.post("/api/analyse", json={"text": text, "published": "2024-11-25"})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["stored"] is False and out["status"] == "analysed"
    art = out["article"]
    assert art["text"] == text and art["entities"]
    for q in art["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
    assert client.get("/api/stats").json()["articles"] == before["articles"]

    r = client.post("/api/articles", json={"text": text, "published": "2024-11-25", "title": "Kharkiv shelled"},
                    headers=_auth())
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["stored"] is True and out["status"] == "stored" and out["id"]
    stored = client.get(f"/api/articles/{out['id']}").json()
    assert stored["text"] == text and stored["title"] == "Kharkiv shelled"
    assert len(stored["events"]) == len(art["events"])
    assert client.get("/api/stats").json()["articles"] == before["articles"] + 1
    again = client.post("/api/articles", json={"text": text}, headers=_auth()).json()
    assert again["status"] == "exists" and again["id"] == out["id"]
    assert client.get("/api/stats").json()["articles"] == before["articles"] + 1


def test_html_submission_extracts_the_main_text(client):
    para = ("Japan and South Korea agreed on Friday to share intelligence about North Korean missile launches, "
            "officials in Tokyo said, after a meeting of their defence ministers.")
    html = f"<html><head><title>Allies share data</title></head><body><nav>Home | World</nav><article><h1>Allies share data</h1><p>{para}</p><p>{para.replace('Friday', 'Saturday')}</p></article></body></html>"
    r = client.post("/api/articles", json={"html": html, "published": "2024-11-29"}, headers=_auth())
    assert r.status_code == 201, r.text
    stored = client.get(f"/api/articles/{r.json()['id']}").json()
    assert para in stored["text"] and "Home | World" not in stored["text"]


def test_serve_command_is_registered():
    from redline.cli import build_parser

    args = build_parser().parse_args(["serve", "--db", "x.db", "--port", "8123", "--token-env", "MY_TOKEN"])
    assert (args.port, args.token_env, args.host) == (8123, "MY_TOKEN", "127.0.0.1")
