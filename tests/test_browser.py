"""Browser tests of the workbench UI: Playwright for Python driving Debian's Chromium.

The app runs under uvicorn in a background thread on a free localhost port, over a
SQLite store filled by the real ingest pipeline (``redline ingest``'s Python API) from
two short texts, plus the hand-annotated articles of :mod:`redline.serve.sample` and a
hostile article. Chromium comes from ``$REDLINE_CHROMIUM`` or ``chromium`` on the PATH
(never downloaded); without it the tests skip, and fail under ``CI=true``.
Screenshots of every page go to ``artifacts/screenshots/``.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

INGESTED = [
    {"id": "ingest-1", "title": "Kharkiv shelled", "published": "2024-11-25", "source": "test-wire",
     "text": ("Russian forces shelled the city of Kharkiv on Monday, killing three civilians, Ukrainian "
              "officials said. \"We will not surrender,\" President Volodymyr Zelensky told reporters in Kyiv.")},
    {"id": "ingest-2", "title": "New sanctions", "published": "2024-11-26", "source": "test-wire",
     "text": ("The United States announced new sanctions against Moscow on Tuesday. \"Russia must pay for "
              "this war,\" Secretary of State Antony Blinken said in Washington.")},
]


def _chromium() -> str:
    path = os.environ.get("REDLINE_CHROMIUM") or shutil.which("chromium")
    if not path or not Path(path).exists():
        msg = "Chromium not found (set REDLINE_CHROMIUM or install Debian's chromium package)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg + "; CI=true requires the browser tests")
        pytest.skip(msg)
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, {name: article id}, store) of a running workbench."""
    _chromium()
    import uvicorn

    from redline.corpus.batch import ingest
    from redline.serve.app import create_app
    from redline.serve.sample import fill_store, sample_articles, view_articles
    from redline.store.db import open_store
    from test_serve import TOKEN, hostile_article

    tmp = tmp_path_factory.mktemp("browser")
    src = tmp / "articles.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in INGESTED), encoding="utf-8")
    store = open_store(str(tmp / "store.db"))
    rep = ingest([str(src)], store, progress=False)
    assert rep.stored == 2, rep.as_dict()
    from redline.store.tables import content_hash
    ids = {r["id"]: content_hash(r["text"]) for r in INGESTED}
    names = ["kr-troops", "treaty", "kursk", "japan", "hostile", "bla", "aid-talks", "shoal"]
    ids.update(zip(names, fill_store(store, sample_articles() + [hostile_article()] + view_articles())))

    app = create_app(store=store, token=TOKEN)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline or not th.is_alive():
            pytest.fail("the workbench server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids, store
    server.should_exit = True
    th.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser(site):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=_chromium(), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.errors = []

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()
    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def api(site, path: str, **params):
    import httpx

    r = httpx.get(site[0] + path, params=params, timeout=30)
    r.raise_for_status()
    return r.json()


def open_article(page, site, name: str, fragment: str = ""):
    page.goto(f"{site[0]}/articles/{site[1][name]}{fragment}")
    page.wait_for_selector("body[data-ready='1']", timeout=15000)


# --------------------------------------------------------------------------- article reader


def test_article_reader_hover_quote_and_click_event(page, site):
    open_article(page, site, "kr-troops")
    assert page.inner_text("#article-title") == "Seoul says North Korean troops are in Russia"
    art = api(site, f"/api/articles/{site[1]['kr-troops']}")
    assert page.eval_on_selector("#article-text", "e => e.textContent") == art["text"]

    # hover the direct quote: its speaker, role, country and cue
    page.hover(".article-text span.quote[data-quote~='Q2'] >> nth=0")
    tip = page.locator("#tooltip")
    tip.wait_for(state="visible")
    text = tip.inner_text()
    assert "Speaker: Yoon Suk Yeol" in text
    assert "Role: President" in text and "KOR" in text and "Cue: told" in text
    page.hover(".article-text span.quote[data-quote~='Q1'] >> nth=0")
    assert "Speaker: National Intelligence Service" in tip.inner_text()

    # click an event: its evidence sentence and trigger light up
    assert page.locator(".ev-trigger").count() == 0
    page.click("#event-list li[data-event='E1']")
    trig = page.eval_on_selector_all(".ev-trigger", "els => els.map(e => e.textContent).join('')")
    sent = page.eval_on_selector_all(".ev-sentence", "els => els.map(e => e.textContent).join('')")
    e1 = next(e for e in art["events"] if e["id"] == "E1")
    assert trig == art["text"][e1["trigger"]["start"]:e1["trigger"]["end"]] == "sent"
    assert sent == art["text"][e1["sentence"]["start"]:e1["sentence"]["end"]]
    assert "selected" in page.get_attribute("#event-list li[data-event='E1']", "class")
    assert page.locator("#event-list li[data-event='E1'] .badge.fact-reported").count() == 1
    assert page.locator("#event-list li[data-event='E2'] .badge.fact-asserted").count() == 1
    shot(page, "article-reader")

    page.click("#event-list li[data-event='E2']")
    assert page.eval_on_selector_all(".ev-trigger", "els => els.map(e => e.textContent).join('')") == "threat"
    assert page.locator(".article-text .mention").count() >= 4
    assert not page.errors and not page.dialogs


def test_article_from_real_ingest(page, site):
    aid = site[1]["ingest-1"]
    art = api(site, f"/api/articles/{aid}")
    assert art["quotes"] or art["events"], "the pipeline found nothing in the ingested text"
    open_article(page, site, "ingest-1")
    assert page.eval_on_selector("#article-text", "e => e.textContent") == art["text"]
    if art["quotes"]:
        q = next((q for q in art["quotes"] if q.get("speaker")), art["quotes"][0])
        page.hover(f".article-text span.quote[data-quote~='{q['id']}'] >> nth=0")
        tip = page.locator("#tooltip")
        tip.wait_for(state="visible")
        sp = q.get("speaker") or {}
        assert "Speaker: " + (sp.get("name") or sp.get("text") or "unknown") in tip.inner_text()
    if art["events"]:
        ev = art["events"][0]
        page.click(f"#event-list li[data-event='{ev['id']}']")
        got = page.eval_on_selector_all(".ev-trigger", "els => els.map(e => e.textContent).join('')")
        assert got == art["text"][ev["trigger"]["start"]:ev["trigger"]["end"]]
    shot(page, "article-ingested")


def test_event_object_and_entity_provenance_shown(page, site):
    """What an event is about (its object) is shown with its actors, in the reader and
    the explorer; an entity's knowledge-base name and country evidence in the reader's
    entity list and tooltip, and on the index's actors."""
    open_article(page, site, "japan")
    assert page.inner_text("#event-list li[data-event='E1'] .ev-object") == "object: the military cooperation"
    assert page.inner_text("#entity-list li[data-entity='T3'] .provenance") == "country from nearby"
    page.hover(".article-text span.mention[data-entity~='T3'] >> nth=0")
    page.locator("#tooltip").wait_for(state="visible")
    assert "Country from: nearby" in page.inner_text("#tooltip")
    shot(page, "article-object-provenance")
    open_article(page, site, "kr-troops")
    assert page.inner_text("#entity-list li[data-entity='T4'] .provenance") == \
        "KB: Yoon Suk Yeol · country from knowledge"
    assert page.locator("#event-list .ev-object").count() == 0  # no object, no line

    page.goto(site[0] + "/events?source=JPN&type=ACCUSE")
    page.wait_for_selector("#events-table tbody tr.event-row td.target .ev-object")
    assert page.inner_text("#events-table tbody tr.event-row >> nth=0 >> td.target .ev-object") == \
        "object: the military cooperation"
    shot(page, "events-object")

    page.goto(site[0] + "/")
    page.wait_for_selector("#actors table tbody tr")
    actors = api(site, "/api/actors", limit=20)
    assert page.locator("#actors .actor-kb").count() == sum(1 for a in actors if a.get("kb"))
    assert page.locator("#actors .actor-evidence").count() == sum(1 for a in actors if a.get("evidence"))
    assert not page.errors


def test_evidence_link_opens_the_event(page, site):
    open_article(page, site, "treaty", "#ev=E2")
    assert page.eval_on_selector_all(".ev-trigger", "els => els.map(e => e.textContent).join('')") == "praised"


# --------------------------------------------------------------------------- events explorer


def _rows(page):
    return page.locator("#events-table tbody tr.event-row")


def test_events_explorer_filter_sort_and_export(page, site):
    page.goto(site[0] + "/events")
    page.wait_for_selector("#events-table")
    total = api(site, "/api/events", limit=1)["total"]
    assert _rows(page).count() == min(50, total)
    shot(page, "events-explorer")

    page.select_option("select[name='type']", "ASSAULT")
    page.wait_for_function("() => [...document.querySelectorAll('#events-table tbody td.type')].every(td => td.textContent === 'ASSAULT')")
    n = api(site, "/api/events", type="ASSAULT")["total"]
    assert n >= 2 and _rows(page).count() == n
    assert "type=ASSAULT" in page.url

    page.fill("input[name='source']", "PRK")
    page.click("#filters button[type='submit']")
    page.wait_for_function("n => document.querySelectorAll('#events-table tbody tr.event-row').length === n",
                           arg=api(site, "/api/events", type="ASSAULT", source="PRK")["total"])
    assert page.inner_text("#events-table tbody tr.event-row >> nth=0 >> td.source").startswith("North Korea")

    href = page.get_attribute("#export-csv", "href")
    assert "type=ASSAULT" in href and "source=PRK" in href and "format=csv" in href
    csv_text = page.request.get(site[0] + href).text()
    assert len(csv_text.strip().splitlines()) == 1 + _rows(page).count()
    jsonl = page.request.get(site[0] + page.get_attribute("#export-jsonl", "href")).text()
    assert [json.loads(x)["event"] for x in jsonl.strip().splitlines()] == [["ASSAULT"]] * _rows(page).count()

    # sort by score, ascending then descending
    page.click("#reset")
    page.wait_for_function("n => document.querySelectorAll('#events-table tbody tr.event-row').length === n",
                           arg=min(50, total))
    page.click("#events-table th[data-col='score']")
    page.wait_for_selector("#events-table th.sorted-desc[data-col='score']")
    page.click("#events-table th[data-col='score']")
    page.wait_for_selector("#events-table th.sorted-asc[data-col='score']")
    scores = [float(x.replace("+", "")) for x in page.eval_on_selector_all(
        "#events-table tbody td.num", "els => els.map(e => e.textContent)") if x not in ("–", "")]
    assert scores == sorted(scores) and len(scores) >= 5

    # the evidence link opens the article with the event highlighted
    first = page.locator("#events-table tbody tr.event-row >> nth=0")
    trigger = first.locator("td .evidence b").inner_text()
    first.locator("a.evidence-link").click()
    page.wait_for_selector("body[data-ready='1']")
    assert page.eval_on_selector_all(".ev-trigger", "els => els.map(e => e.textContent).join('')") == trigger
    assert not page.errors


# --------------------------------------------------------------------------- dyad, network, index


def test_dyad_view_has_points_and_lists_their_events(page, site):
    page.goto(site[0] + "/dyad?source=RUS&target=PRK&factuality=")
    page.wait_for_selector("#dyad-chart circle.point")
    series = api(site, "/api/dyad", source="RUS", target="PRK")["series"]
    weeks = [p["week"] for p in series if p["events"]]
    points = page.eval_on_selector_all("#dyad-chart circle.point.fwd", "els => els.map(e => e.dataset.week)")
    assert points == weeks and len(points) >= 1
    shot(page, "dyad")
    page.click(f"#dyad-chart circle.point.fwd[data-week='{weeks[0]}']")
    page.wait_for_selector("#week-table tbody tr")
    import datetime as dt
    last = (dt.date.fromisoformat(weeks[0]) + dt.timedelta(days=6)).isoformat()
    n = api(site, "/api/events", source="RUS", target="PRK", factuality="asserted,reported",
            since=weeks[0], until=last)["total"]
    assert page.locator("#week-table tbody tr").count() == n >= 1
    shot(page, "dyad-week")


def test_network_draws_coloured_edges(page, site):
    page.goto(site[0] + "/network")
    page.wait_for_selector("#network-chart path.edge")
    net = api(site, "/api/network", factuality="asserted,reported", edges=80)
    assert page.locator("#network-chart path.edge").count() == len(net["edges"])
    assert page.locator("#network-chart g.node").count() == len(net["nodes"])
    assert page.locator("#network-chart path.edge.conflict").count() >= 1
    assert page.locator("#network-chart path.edge.coop").count() >= 1
    shot(page, "network")
    page.fill("input[name='since']", "2024-11-17")
    page.click("#net-form button[type='submit']")
    later = api(site, "/api/network", factuality="asserted,reported", edges=80, since="2024-11-17")
    page.wait_for_function("n => document.querySelectorAll('#network-chart path.edge').length === n",
                           arg=len(later["edges"]))


def test_index_lists_articles(page, site):
    page.goto(site[0] + "/")
    page.wait_for_selector("#articles-table tbody tr")
    assert page.locator("#articles-table tbody tr").count() == api(site, "/api/articles")["total"]
    page.wait_for_selector("#actors table")
    shot(page, "index")
    page.goto(site[0] + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    shot(page, "api-docs")


# --------------------------------------------------------------------------- analyse a text


def test_analyse_page_shows_the_analysis_without_storing(page, site):
    before = api(site, "/api/stats")["articles"]
    text = ("North Korea fired a ballistic missile into the sea on Thursday, Japan's defence ministry said. "
            "\"This is a clear provocation,\" Prime Minister Shigeru Ishiba told reporters.")
    page.goto(site[0] + "/analyse")
    page.fill("#text", text)
    page.fill("input[name='published']", "2024-10-31")
    page.click("#analyse-button")
    page.wait_for_selector("#analyse-status", timeout=60000)
    assert page.inner_text("#analyse-status").startswith("analysed")
    # nothing stored: no link, and no "null" written in its place ("analysed in 0.07 snull")
    assert "null" not in page.inner_text("#status") and page.inner_text("#status").endswith(" s")
    assert page.eval_on_selector("#article-text", "e => e.textContent") == text
    assert page.locator("#event-list li").count() + page.locator("#quote-list li").count() >= 1
    shot(page, "analyse")
    assert api(site, "/api/stats")["articles"] == before


# --------------------------------------------------------------------------- injection


def test_hostile_article_stays_inert(page, site):
    from test_serve import HOSTILE_TEXT

    open_article(page, site, "hostile")
    assert page.inner_text("#article-title") == '<img src=x onerror="alert(5)">Hostile'
    assert page.eval_on_selector("#article-text", "e => e.textContent") == HOSTILE_TEXT
    assert page.locator("#main img, #main script, #main b[onmouseover]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    page.hover(".article-text span.quote >> nth=0")
    assert "Speaker: <img src=y onerror=alert(4)>" in page.inner_text("#tooltip")
    page.hover(".article-text span.mention >> nth=0")
    assert "<b onmouseover=alert(2)>Army</b>" in page.inner_text("#tooltip")
    page.click("#event-list li[data-event='E1']")
    assert page.eval_on_selector_all(".ev-trigger", "els => els.map(e => e.textContent).join('')") == "attacked"
    shot(page, "hostile-article")

    page.goto(site[0] + "/events?actor=HYPERLINK")
    page.wait_for_selector("#events-table tbody tr.event-row")
    assert "=HYPERLINK(\"http://evil\")" in page.inner_text("#events-table tbody")
    assert page.locator("#main img, #main script").count() == 0
    page.goto(site[0] + "/?q=Hostile")
    page.wait_for_selector("#articles-table tbody tr")
    assert page.inner_text("#articles-table tbody a.article-link") == '<img src=x onerror="alert(5)">Hostile'
    assert page.locator("#main img").count() == 0
    time.sleep(0.3)  # give any injected handler the chance to fire
    assert page.dialogs == [] and not page.errors
    assert page.evaluate("() => typeof window.__pwned") == "undefined"


# --------------------------------------------------------------------------- the fixes of issue 15


def _query(href: str) -> dict:
    from urllib.parse import parse_qsl, urlsplit

    return dict(parse_qsl(urlsplit(href).query))


NETWORK_GEOMETRY = """() => {
  const svg = document.querySelector('#network-chart');
  const frame = svg.getBoundingClientRect();
  const inside = (r) => r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5
                     && r.top >= frame.top - 0.5 && r.bottom <= frame.bottom + 0.5;
  const nodes = [...svg.querySelectorAll('g.node')];
  const pos = nodes.map((g) => [Number(g.dataset.x), Number(g.dataset.y), Number(g.dataset.r), g.dataset.id]);
  const overlaps = [];
  for (let i = 0; i < pos.length; i++) for (let j = i + 1; j < pos.length; j++) {
    const [x1, y1, r1, a] = pos[i], [x2, y2, r2, b] = pos[j];
    if (Math.hypot(x1 - x2, y1 - y2) < r1 + r2) overlaps.push(a + '/' + b);
  }
  return {
    nodes: nodes.length,
    outside: nodes.filter((g) => !inside(g.querySelector('circle').getBoundingClientRect())).map((g) => g.dataset.id),
    labelsOutside: nodes.filter((g) => !inside(g.querySelector('text').getBoundingClientRect())).map((g) => g.dataset.id),
    nan: [...svg.querySelectorAll('path')].map((p) => p.getAttribute('d')).filter((d) => !d || d.includes('NaN')),
    overlaps,
    edges: [...svg.querySelectorAll('a.edge-link')].map((a) => ({href: a.getAttribute('href'),
      events: Number(a.querySelector('path.edge').dataset.events)})),
  };
}"""


@pytest.mark.parametrize("query", ["by=country&factuality=", "by=actor&factuality=",
                                   "by=actor&factuality=asserted%2Creported&edges=80"])
def test_network_nodes_inside_the_frame_no_nan_edge_counts_equal_lists(page, site, query):
    page.goto(f"{site[0]}/network?{query}")
    page.wait_for_selector("body[data-ready='1']")
    geo = page.evaluate(NETWORK_GEOMETRY)
    params = _query("?" + query)
    net = api(site, "/api/network", **params)
    assert geo["nodes"] == len(net["nodes"]) >= 5
    assert geo["outside"] == [] and geo["labelsOutside"] == []
    assert geo["nan"] == []
    assert geo["overlaps"] == []  # nothing stacked
    assert len(geo["edges"]) == len(net["edges"])
    for edge in geo["edges"]:  # every edge opens a list of exactly its events
        got = api(site, "/api/events", limit=1, **_query(edge["href"]))["total"]
        assert got == edge["events"], edge
    assert not page.errors
    shot(page, "network-" + params["by"])


def test_network_edge_opens_its_events_bla(page, site):
    page.goto(f"{site[0]}/network?by=actor&factuality=")
    page.wait_for_selector("body[data-ready='1']")
    link = page.locator("a.edge-link:has(path[data-source='BLA'][data-target='the hostages'])")
    assert link.locator("path").get_attribute("data-events") == "2"
    link.locator("path").dispatch_event("click")
    page.wait_for_selector("#events-table tbody tr.event-row")
    assert _rows(page).count() == 2
    assert page.inner_text("#event-count").startswith("2 matching")
    assert "by=actor" in page.url and page.input_value("select[name='by']") == "actor"


def test_dyad_both_directions_no_line_across_gaps_last_label_inside(page, site):
    page.goto(site[0] + "/dyad?source=CHN&target=USA")
    page.wait_for_selector("#dyad-chart circle.point")
    fwd = page.eval_on_selector_all("#dyad-chart circle.point.fwd", "els => els.map(e => e.dataset.week)")
    rev = page.eval_on_selector_all("#dyad-chart circle.point.rev", "els => els.map(e => e.dataset.week)")
    assert fwd == ["2023-05-08", "2023-08-07"] and rev == ["2023-08-07"]
    legend = page.eval_on_selector("#dyad-chart .legend", "e => e.textContent")
    assert "CHN → USA" in legend and "USA → CHN" in legend
    # the two CHN → USA weeks are 13 weeks apart: no line between them
    assert page.locator("#dyad-chart polyline.series").count() == 0
    box = page.eval_on_selector("#dyad-chart", "e => e.getBoundingClientRect().right")
    labels = page.eval_on_selector_all("#dyad-chart text.x-label",
                                       "els => els.map(e => [e.textContent, e.getBoundingClientRect().right])")
    assert labels[-1][0] == "2023-08-07"  # the last week, whole
    assert all(right <= box + 0.5 for _, right in labels)
    page.click("#dyad-chart circle.point.rev")
    page.wait_for_selector("#week-table tbody tr")
    assert page.inner_text("#week-events h2").startswith("Events USA → CHN")
    shot(page, "dyad-both-directions")
    assert not page.errors


def test_dyad_lines_join_consecutive_weeks_only(page, site):
    page.goto(site[0] + "/dyad?source=RUS&target=PRK")
    page.wait_for_selector("#dyad-chart circle.point")
    for pts in page.eval_on_selector_all("#dyad-chart polyline.series", "els => els.map(e => e.getAttribute('points'))"):
        assert "NaN" not in pts


def test_empty_dyad_lists_dyads_with_data(page, site):
    page.goto(site[0] + "/dyad")
    page.wait_for_selector("#dyad-hint li")
    suggestions = page.eval_on_selector_all("#dyad-hint a.dyad-suggestion", "els => els.map(e => e.getAttribute('href'))")
    assert len(suggestions) >= 3
    src = page.get_attribute("input[name='source']", "placeholder")
    tgt = page.get_attribute("input[name='target']", "placeholder")
    series = api(site, "/api/dyad", source=src, target=tgt)["series"]
    assert sum(p["events"] for p in series) >= 1  # the placeholder names a dyad with data
    page.click("#dyad-hint a.dyad-suggestion >> nth=0")
    page.wait_for_selector("#dyad-chart circle.point")
    shot(page, "dyad-empty-hint")


def test_events_factuality_filter_has_every_value(page, site):
    page.goto(site[0] + "/events?factuality=future")
    page.wait_for_selector("#events-table tbody tr.event-row")
    options = page.eval_on_selector_all("select[name='factuality'] option", "els => els.map(e => e.value)")
    assert {"future", "conditional", "asserted", "reported", "hypothetical", "advocated", "negated"} <= set(options)
    assert page.input_value("select[name='factuality']") == "future"
    n = api(site, "/api/events", factuality="future")["total"]
    assert n >= 1 and _rows(page).count() == n  # not every event: the filter is applied
    assert page.locator("#events-table tbody .badge.fact-future").count() == n
    page.select_option("select[name='factuality']", "conditional")
    page.wait_for_function("n => document.querySelectorAll('#events-table tbody tr.event-row').length === n",
                           arg=api(site, "/api/events", factuality="conditional")["total"])
    assert "factuality=conditional" in page.url


def test_events_unknown_filter_value_is_said_not_ignored(page, site):
    page.goto(site[0] + "/events?factuality=futur")
    page.wait_for_selector("#table .error-box")
    assert "unknown factuality 'futur'" in page.inner_text("#table .error-box")


def test_events_default_sort_is_not_led_by_a_goal_year(page, site):
    page.goto(site[0] + "/events")
    page.wait_for_selector("#events-table tbody tr.event-row")
    first = page.inner_text("#events-table tbody tr.event-row >> nth=0 >> td.day")
    newest_article = max(a["published"][:10] for a in api(site, "/api/articles", limit=100)["items"] if a["published"])
    assert first <= newest_article  # the EU's "climate neutral by 2050" is not first


def test_events_table_fits_a_narrow_screen(page, site):
    page.set_viewport_size({"width": 420, "height": 800})
    page.goto(site[0] + "/events")
    page.wait_for_selector("#events-table tbody tr.event-row")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
    assert page.evaluate("() => document.querySelector('#table').scrollWidth > document.querySelector('#table').clientWidth")
    shot(page, "events-420px")


def test_overview_map_timeline_and_breakdowns(page, site):
    page.goto(site[0] + "/overview?factuality=any")
    page.wait_for_selector("body[data-ready='1']")
    ov = api(site, "/api/overview")
    assert page.inner_text("#ov-total") == f"{ov['total']:,} events"
    # map: country outlines and one circle per place, inside the frame, no NaN
    assert page.locator("#map-chart path.country").count() > 150
    assert page.locator("#map-chart circle.place").count() == len(ov["places"]) >= 5
    assert page.evaluate("""() => {
      const f = document.querySelector('#map-chart').getBoundingClientRect();
      return [...document.querySelectorAll('#map-chart circle.place')].every((c) => {
        const r = c.getBoundingClientRect(); const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
        return x >= f.left && x <= f.right && y >= f.top && y <= f.bottom; });
    }""")
    assert page.eval_on_selector_all("#map-chart path", "els => els.filter(e => (e.getAttribute('d') || '').includes('NaN')).length") == 0
    # timeline: the bars add up to the dated events, by type
    bars = page.eval_on_selector_all("#timeline-chart rect.bar", "els => els.map(e => Number(e.dataset.events))")
    assert sum(bars) == sum(p["events"] for p in ov["timeline"]["periods"]) == ov["total"]
    # breakdowns
    assert page.locator("#by-type-chart g.bar-row").count() == len(ov["types"])
    assert page.locator("#by-factuality-chart g.bar-row").count() == len(ov["factuality"])
    assert page.locator("#by-country-chart g.bar-row").count() == len(ov["countries"])
    shot(page, "overview")
    # conflict / cooperation view
    page.select_option("select[name='view']", "quad")
    page.wait_for_function("() => [...document.querySelectorAll('#timeline-chart rect.bar')].every(r => ['cooperation', 'conflict', 'other'].includes(r.dataset.key))")
    assert "view=quad" in page.url
    assert not page.errors


def test_overview_filters_live_in_the_url_and_narrow_by_click(page, site):
    page.goto(site[0] + "/overview?actor=PRK&factuality=asserted%2Creported")
    page.wait_for_selector("body[data-ready='1']")
    assert page.input_value("input[name='actor']") == "PRK"
    n = api(site, "/api/overview", actor="PRK", factuality="asserted,reported")["total"]
    assert page.inner_text("#ov-total") == f"{n} events"
    assert _query(page.get_attribute("#ov-list", "href")) == {"actor": "PRK", "factuality": "asserted,reported"}
    # click a type row: the filter narrows to it, in the URL too
    page.click("#by-type-chart g.bar-row[data-key='ASSAULT']")
    page.wait_for_function("() => location.search.includes('type=ASSAULT')")
    n = api(site, "/api/overview", actor="PRK", factuality="asserted,reported", type="ASSAULT")["total"]
    page.wait_for_function("t => (document.querySelector('#ov-total') || {}).textContent === t", arg=f"{n} events")
    # click a place on the map
    page.goto(site[0] + "/overview?factuality=any")
    page.wait_for_selector("#map-chart circle.place[data-name='Balochistan']")
    page.dispatch_event("#map-chart circle.place[data-name='Balochistan']", "click")
    page.wait_for_function("() => location.search.includes('place=Balochistan')")
    page.wait_for_function("() => (document.querySelector('#ov-total') || {}).textContent === '2 events'")
    # click a bar of the timeline: its period becomes the date filter
    page.goto(site[0] + "/overview?factuality=any&interval=month")
    page.wait_for_selector("#timeline-chart rect.bar")
    start, end = page.eval_on_selector("#timeline-chart rect.bar", "e => [e.dataset.start, e.dataset.end]")
    page.dispatch_event("#timeline-chart rect.bar >> nth=0", "click")
    page.wait_for_function("s => location.search.includes('since=' + s)", arg=start)
    assert page.input_value("input[name='until']") == end
    assert not page.errors
