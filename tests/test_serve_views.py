"""API tests of the workbench's views (on SQLite, and PostgreSQL like tests/test_serve.py)
over a store of hand-made articles
(:func:`redline.serve.sample.sample_articles` + :func:`~redline.serve.sample.view_articles`):
the network's edges against the events lists they open, the overview, the
factuality filter, far-future event days.
"""
from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from redline.serve.sample import fill_store, sample_articles, view_articles  # noqa: E402


from test_serve import store_url  # noqa: E402,F401  (SQLite, and PostgreSQL when REDLINE_TEST_PG is set)


@pytest.fixture(scope="module")
def client(store_url):  # noqa: F811
    from redline.serve.app import create_app
    from redline.store.db import open_store

    store = open_store(store_url)
    fill_store(store, sample_articles() + view_articles())
    with TestClient(create_app(store=store), base_url="http://127.0.0.1") as c:
        yield c
    store.close()


def _get(client, path, **params):
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


@pytest.mark.parametrize("by", ["country", "actor"])
@pytest.mark.parametrize("factuality", ["", "asserted,reported"])
def test_every_edge_counts_the_events_it_lists(client, by, factuality):
    net = _get(client, "/api/network", by=by, factuality=factuality, edges=500)
    assert net["edges"]
    for e in net["edges"]:
        page = _get(client, "/api/events", source=e["source"], target=e["target"], by=by,
                    factuality=factuality, limit=200)
        assert page["total"] == len(page["items"]) == e["events"], e
        assert e["cooperation"] + e["conflict"] <= e["events"]
    ids = {n["id"] for n in net["nodes"]}
    assert ids == {e["source"] for e in net["edges"]} | {e["target"] for e in net["edges"]}


def test_a_three_letter_actor_name_is_not_a_country_code(client):
    net = _get(client, "/api/network", by="actor")
    edge = next(e for e in net["edges"] if e["source"] == "BLA" and e["target"] == "the hostages")
    assert edge["events"] == 2
    page = _get(client, "/api/events", source="BLA", target="the hostages", by="actor")
    assert page["total"] == 2 and {x["trigger_text"] for x in page["items"]} == {"attacked", "seized"}
    # without `by`, BLA is read as a country code: that is what broke the edge's list
    assert _get(client, "/api/events", source="BLA", target="the hostages")["total"] == 0


def test_every_source_actor_of_an_event_makes_an_edge(client):
    net = _get(client, "/api/network", by="country")
    edges = {(e["source"], e["target"]): e["events"] for e in net["edges"]}
    assert edges[("USA", "UKR")] == edges[("JPN", "UKR")] == 1  # "The United States and Japan will send aid"
    assert ("PAK", "PAK") not in edges  # no self-loops


def test_factuality_filter_takes_every_value_and_refuses_unknown_ones(client):
    facts = {f["factuality"]: f["events"] for f in _get(client, "/api/factualities")}
    assert facts["future"] == 2 and facts["conditional"] == 1
    assert list(facts)[:2] == ["asserted", "reported"]
    future = _get(client, "/api/events", factuality="future")
    assert future["total"] == 2 and {e["factuality"] for e in future["items"]} == {"future"}
    assert _get(client, "/api/events", factuality="conditional")["items"][0]["trigger_text"] == "send"
    for path, more in (("/api/events", {}), ("/api/network", {}), ("/api/overview", {}),
                       ("/api/dyad", {"source": "PRK", "target": "RUS"})):
        r = client.get(path, params={"factuality": "futur", **more})
        assert r.status_code == 422, path
        assert "unknown factuality 'futur'" in r.json()["error"]["message"] and "conditional" in r.json()["error"]["message"]
    r = client.get("/api/events", params={"type": "SIEZE"})
    assert r.status_code == 422 and "unknown PLOVER type" in r.json()["error"]["message"]


def test_a_goal_year_does_not_sort_first(client):
    page = _get(client, "/api/events", limit=3)
    assert page["items"][0]["day"] == "2025-03-12"  # the newest real event day, not 2050
    eu = _get(client, "/api/events", actor="European Union")["items"][0]
    assert (eu["date"], eu["day"]) == ("2050", "2023-05-12")  # the date kept, filed under the publication day


def test_overview_counts_one_selection_every_way(client):
    ov = _get(client, "/api/overview")
    total = ov["total"]
    assert total == _get(client, "/api/events", limit=1)["total"] == 17
    assert sum(t["events"] for t in ov["types"]) == total
    assert sum(f["events"] for f in ov["factuality"]) == total
    tl = ov["timeline"]
    assert tl["interval"] == "month"  # 2023-05 .. 2025-03
    assert sum(p["events"] for p in tl["periods"]) == total
    assert [p["start"] for p in tl["periods"]][:2] == ["2023-05-01", "2023-06-01"]  # empty months included
    assert all(p["events"] == p["cooperation"] + p["conflict"] + p["other"] == sum(p["types"].values())
               for p in tl["periods"])
    places = {p["name"]: p for p in ov["places"]}
    assert places["Balochistan"]["events"] == 2 and places["Balochistan"]["conflict"] == 2
    assert (places["Geneva"]["lat"], places["Geneva"]["lon"]) == (46.2, 6.15)
    assert {c["key"] for c in ov["countries"]} == {"PAK", "CHE", "UKR", "PHL", "PRK", "RUS"}


def test_overview_filters(client):
    ov = _get(client, "/api/overview", actor="PRK", factuality="asserted,reported")
    assert ov["total"] == _get(client, "/api/events", actor="PRK", factuality="asserted,reported")["total"] == 6
    assert ov["timeline"]["interval"] == "week"
    assert [p["start"] for p in ov["timeline"]["periods"]] == ["2024-10-28", "2024-11-04", "2024-11-11", "2024-11-18"]
    ov = _get(client, "/api/overview", type="ASSAULT", since="2024-01-01")
    assert ov["total"] == 2 and {p["name"] for p in ov["places"]} == {"Kursk", "Balochistan"}
    assert _get(client, "/api/overview", interval="year")["timeline"]["interval"] == "year"
    assert client.get("/api/overview", params={"since": "2024-13-01"}).status_code == 422


def test_events_by_place(client):
    assert _get(client, "/api/events", place="Geneva")["total"] == 2
    assert _get(client, "/api/events", place="PAK")["total"] == 2
    assert _get(client, "/api/events", place="Nowhere")["total"] == 0
