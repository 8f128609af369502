"""The workbench's two guards: the Host/Origin check (DNS rebinding) and the bounds
on ``POST /api/analyse`` (per-client limit, bounded queue, cancellation, token).

The analysis tests run the app under uvicorn in a thread (a real HTTP server, so a
client that leaves really closes its connection) with the pipeline replaced by a
stand-in that waits until the test releases it or the gate cancels it.
"""
from __future__ import annotations

import socket
import threading
import time

import pytest

pytest.importorskip("fastapi")
import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from redline.serve.analysis import AnalysisGate, Cancelled  # noqa: E402
from redline.serve.hosts import AllowedHosts, HostGuard, host_name  # noqa: E402

TOKEN = "guard-token-5678"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from redline.serve.sample import fill_store, sample_articles
    from redline.store.db import open_store

    st = open_store(str(tmp_path_factory.mktemp("guards") / "store.db"))
    fill_store(st, sample_articles())
    yield st
    st.close()


def _app(store, **kw):
    from redline.serve.app import create_app

    return create_app(store=store, token=TOKEN, **kw)


# --------------------------------------------------------------------------- Host / Origin


@pytest.mark.parametrize("value,name", [
    ("127.0.0.1:8000", "127.0.0.1"), ("localhost", "localhost"), ("[::1]:8000", "::1"),
    ("Example.ORG.:80", "example.org"), ("rebind.attacker.example", "rebind.attacker.example"),
    ("host:port", None), ("[::1", None), ("", None)])
def test_host_name_of_a_host_header(value, name):
    assert host_name(value) == name


def test_allowed_hosts_default_to_loopback():
    hosts = AllowedHosts()
    for ok in ("localhost", "127.0.0.1", "127.0.0.2", "::1"):
        assert hosts.allows(ok), ok
    for bad in ("rebind.attacker.example", "localhost.attacker.example", "10.0.0.1", "0.0.0.0", None, ""):
        assert not hosts.allows(bad), bad
    more = AllowedHosts(["workbench.example.org", ".corp.example"])
    assert more.allows("workbench.example.org") and more.allows("a.corp.example") and more.allows("corp.example")
    assert not more.allows("evilcorp.example") and not more.allows("example.org")
    assert AllowedHosts(["*"]).allows("anything.example")


def test_dns_rebinding_host_is_refused(store):
    with TestClient(_app(store), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/stats").status_code == 200
        for path in ("/api/stats", "/api/events", "/", "/static/common.js"):
            r = c.get(path, headers={"Host": "rebind.attacker.example"})
            assert r.status_code == 400, path
            assert r.headers["content-type"].startswith("application/json")
            msg = r.json()["error"]["message"]
            assert "rebind.attacker.example" in msg and "not allowed" in msg and "--allow-host" in msg
        r = c.post("/api/analyse", json={"text": "x"}, headers={"Host": "rebind.attacker.example:8000"})
        assert r.status_code == 400
        assert c.get("/api/stats", headers={"Host": "localhost:8000"}).status_code == 200
        assert c.get("/api/stats", headers={"Host": "[::1]:8000"}).status_code == 200


def test_foreign_origin_is_refused(store):
    with TestClient(_app(store), base_url="http://127.0.0.1:8000") as c:
        r = c.post("/api/analyse", json={"text": "x"}, headers={"Origin": "http://rebind.attacker.example"})
        assert r.status_code == 403 and "origin" in r.json()["error"]["message"]
        assert c.get("/api/events", headers={"Origin": "null"}).status_code == 403
        assert c.get("/api/events", headers={"Origin": "http://127.0.0.1:8000"}).status_code == 200


def test_allowed_hosts_are_configurable(store, monkeypatch):
    with TestClient(_app(store, allowed_hosts=["workbench.example.org"]),
                    base_url="http://workbench.example.org") as c:
        assert c.get("/api/stats").status_code == 200
        assert c.get("/api/stats", headers={"Host": "other.example.org"}).status_code == 400
    monkeypatch.setenv("REDLINE_ALLOWED_HOSTS", "a.example, b.example")
    monkeypatch.setenv("REDLINE_DB", store.url)
    from redline.serve.app import app_from_env
    with TestClient(app_from_env(), base_url="http://b.example") as c:
        assert c.get("/api/health").status_code == 200
    from redline.commands.serve import allowed_hosts
    assert allowed_hosts("0.0.0.0", ["x.example"]) == ["x.example", "a.example", "b.example"]
    assert allowed_hosts("10.1.2.3", []) == ["a.example", "b.example", "10.1.2.3"]
    assert allowed_hosts("127.0.0.1", []) == ["a.example", "b.example"]


def test_host_guard_lets_everything_through_with_a_star():
    guard = HostGuard(None, AllowedHosts(["*"]))
    assert guard.allowed.any
    assert HostGuard(None, AllowedHosts()).problem("rebind.attacker.example", None)[0] == 400
    assert HostGuard(None, AllowedHosts()).problem(None, None)[0] == 400


# --------------------------------------------------------------------------- analyses


class StandIn:
    """Replaces the pipeline: waits until released or cancelled; records what ran."""

    def __init__(self):
        self.release = threading.Event()
        self.started: list[str] = []
        self.cancelled: list[str] = []

    def __call__(self, text, title, published, cancelled):
        if cancelled():
            raise Cancelled()
        self.started.append(text)
        deadline = time.time() + 20
        while not self.release.is_set() and time.time() < deadline:
            if cancelled():
                self.cancelled.append(text)
                raise Cancelled()
            time.sleep(0.01)
        return {"id": "submitted", "text": text, "events": [], "quotes": []}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live(store, monkeypatch):
    """start(**create_app options) -> (base URL, app, stand-in); servers stop at the end."""
    import uvicorn

    import redline.serve.app as serve_app

    stand_in = StandIn()
    monkeypatch.setattr(serve_app, "analyse_text", stand_in)
    servers = []

    def start(**kw):
        app = _app(store, **kw)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        th = threading.Thread(target=server.run, daemon=True)
        th.start()
        servers.append((server, th))
        deadline = time.time() + 20
        while not server.started:
            assert time.time() < deadline and th.is_alive(), "the server did not start"
            time.sleep(0.02)
        return f"http://127.0.0.1:{port}", app, stand_in

    yield start
    stand_in.release.set()
    for server, th in servers:
        server.should_exit = True
        th.join(10)


def _post_in_thread(url, text, timeout=20.0, results=None):
    def go():
        try:
            r = httpx.post(url + "/api/analyse", json={"text": text}, timeout=timeout)
            out = (r.status_code, r.json())
        except httpx.TimeoutException:
            out = ("timeout", None)
        if results is not None:
            results[text] = out
    th = threading.Thread(target=go, daemon=True)
    th.start()
    return th


def _wait(cond, seconds=10.0):
    deadline = time.time() + seconds
    while not cond():
        assert time.time() < deadline, "timed out waiting"
        time.sleep(0.02)


def test_a_client_with_too_many_analyses_gets_429(live):
    url, app, stand_in = live(analyse_per_client=1, analyse_queue=4)
    gate = app.state.analysis_gate
    results = {}
    th = _post_in_thread(url, "first", results=results)
    _wait(lambda: stand_in.started == ["first"])
    r = httpx.post(url + "/api/analyse", json={"text": "second"}, timeout=10)
    assert r.status_code == 429
    assert r.headers["retry-after"] and "at most 1 at a time" in r.json()["error"]["message"]
    stand_in.release.set()
    th.join(10)
    assert results["first"][0] == 200 and results["first"][1]["status"] == "analysed"
    assert gate.stats["refused_client"] == 1 and gate.in_flight == 0
    r = httpx.post(url + "/api/analyse", json={"text": "third"}, timeout=10)
    assert r.status_code == 200  # the slot is free again


def test_a_full_queue_gets_503(live):
    url, app, stand_in = live(analyse_per_client=5, analyse_queue=2)
    results = {}
    threads = [_post_in_thread(url, t, results=results) for t in ("a", "b")]
    _wait(lambda: app.state.analysis_gate.in_flight == 2)
    r = httpx.post(url + "/api/analyse", json={"text": "c"}, timeout=10)
    assert r.status_code == 503 and r.headers["retry-after"]
    assert "queue is full" in r.json()["error"]["message"]
    stand_in.release.set()
    for th in threads:
        th.join(10)
    assert results["a"][0] == results["b"][0] == 200


def test_an_abandoned_analysis_is_stopped_and_a_queued_one_never_runs(live):
    url, app, stand_in = live(analyse_per_client=4, analyse_queue=4)
    gate = app.state.analysis_gate
    results = {}
    running = _post_in_thread(url, "running", timeout=0.6, results=results)  # leaves after 0.6 s
    _wait(lambda: stand_in.started == ["running"])
    queued = _post_in_thread(url, "queued", timeout=0.3, results=results)  # leaves while waiting
    running.join(5)
    queued.join(5)
    assert results == {"running": ("timeout", None), "queued": ("timeout", None)}
    _wait(lambda: gate.stats["cancelled"] == 2 and gate.in_flight == 0, 5)
    assert stand_in.cancelled == ["running"]  # stopped at a checkpoint
    assert stand_in.started == ["running"]  # the queued one never started
    assert gate.stats["done"] == 0


def test_gets_stay_fast_while_analyses_wait(live):
    url, app, stand_in = live(analyse_per_client=50, analyse_queue=50)
    threads = [_post_in_thread(url, f"text {i}") for i in range(40)]
    _wait(lambda: app.state.analysis_gate.in_flight == 40)
    with httpx.Client(base_url=url, timeout=10) as c:
        c.get("/api/events")
        t0 = time.perf_counter()
        for _ in range(5):
            assert c.get("/api/events", params={"limit": 50}).status_code == 200
        per_get = (time.perf_counter() - t0) / 5
    assert per_get < 0.5, f"a GET took {per_get:.2f} s with 40 analyses in flight"
    stand_in.release.set()
    for th in threads:
        th.join(20)


def test_analyse_can_require_the_token(store):
    with TestClient(_app(store, analyse_needs_token=True), base_url="http://127.0.0.1") as c:
        r = c.post("/api/analyse", json={"text": "Russia attacked Ukraine."})
        assert r.status_code == 401 and "token" in r.json()["error"]["message"]
    from redline.serve.app import create_app
    with pytest.raises(ValueError):
        create_app(store=store, analyse_needs_token=True)


def test_gate_refuses_bad_bounds():
    with pytest.raises(ValueError):
        AnalysisGate(max_queue=0)


def test_serve_command_takes_the_new_options():
    from redline.cli import build_parser

    args = build_parser().parse_args(["serve", "--allow-host", "a.example", "--allow-host", ".corp.example",
                                      "--analyse-queue", "3", "--analyse-per-client", "1", "--analyse-needs-token"])
    assert args.allow_host == ["a.example", ".corp.example"]
    assert (args.analyse_queue, args.analyse_per_client, args.analyse_needs_token) == (3, 1, True)
