"""Abandoned analyses against the workbench: do GETs stay fast, does the work stop?

Starts ``redline serve`` (a subprocess, on a free loopback port) over a store filled
with the hand-made sample articles (or ``--db``), warms the pipeline up with one short
analysis, measures ``GET /api/events`` alone, then sends ``--posts`` analysis requests
of ``--chars`` characters at once, each client leaving after ``--leave-after``
seconds (a read time-out closes its connection), and keeps sending a GET every
100 ms for ``--watch`` seconds. Reports the GET latencies (alone / under the flood),
the server's CPU seconds from the flood until it is idle again (read from
/proc/PID/stat), and the gate's counts (``/api/stats``: done, cancelled, refused).

The server runs with ``--analyse-queue`` and ``--analyse-per-client`` set to
``--posts`` (every request is admitted: the worst case); ``--defaults`` keeps the
server's own limits (8 in all, 2 per client: the other requests get 429/503 at once).

Usage:
  .venv/bin/python bench/analyse_flood.py [--posts 40] [--chars 60000] [--watch 12]
        [--defaults] [--db PATH]
Targets (issue 15): a GET under 200 ms with 40 abandoned 60,000-character analyses in
flight, and no work left running for clients that left. Sends traffic to 127.0.0.1 only.
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def long_text(chars: int) -> str:
    """News-like text of about ``chars`` characters (VOA stories when ../shared has them)."""
    import json

    src = SHARED / "data" / "voa" / "dev.jsonl"
    parts = []
    if src.exists():
        for line in src.read_text(encoding="utf-8").splitlines():
            if line.strip():
                parts.append(json.loads(line).get("text") or "")
    if not parts:
        from redline.serve.sample import sample_articles
        parts = [a.text for a in sample_articles()]
    text, i = "", 0
    while len(text) < chars:
        text += parts[i % len(parts)] + "\n\n"
        i += 1
    return text[:chars]


def sample_store(path: str) -> None:
    from redline.serve.sample import fill_store, sample_articles, view_articles
    from redline.store.db import open_store

    store = open_store(path)
    fill_store(store, sample_articles() + view_articles())
    store.close()


def timed_get(client: httpx.Client) -> float:
    t0 = time.perf_counter()
    r = client.get("/api/events", params={"limit": 50})
    r.raise_for_status()
    return (time.perf_counter() - t0) * 1000


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {ms[-1]:.1f} ms (n={len(ms)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, default=40)
    ap.add_argument("--chars", type=int, default=60_000)
    ap.add_argument("--leave-after", type=float, default=1.0)
    ap.add_argument("--watch", type=float, default=12.0)
    ap.add_argument("--defaults", action="store_true", help="keep the server's own analysis limits")
    ap.add_argument("--db", help="an existing store (default: a temporary one with the sample articles)")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="rl-flood-")
    db = args.db or os.path.join(tmp, "store.db")
    if not args.db:
        sample_store(db)
    port = free_port()
    cmd = [sys.executable, "-m", "redline.cli", "serve", "--db", db, "--port", str(port), "--log-level", "warning"]
    if not args.defaults:
        cmd += ["--analyse-queue", str(args.posts), "--analyse-per-client", str(args.posts)]
    server = subprocess.Popen(cmd, cwd=str(ROOT))
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            deadline = time.time() + 60
            while True:
                try:
                    client.get("/api/health").raise_for_status()
                    break
                except httpx.HTTPError:
                    if time.time() > deadline or server.poll() is not None:
                        print("the server did not start", file=sys.stderr)
                        return 1
                    time.sleep(0.2)
            client.post("/api/analyse", json={"text": "Russia attacked Ukraine on Monday, officials said."}).raise_for_status()
            alone = [timed_get(client) for _ in range(30)]

            text = long_text(args.chars)
            statuses: dict = {}

            def post(i: int) -> None:
                try:
                    r = httpx.post(base + "/api/analyse", json={"text": text}, timeout=args.leave_after)
                    statuses[i] = r.status_code
                except httpx.TimeoutException:
                    statuses[i] = "left"

            cpu0, t0 = cpu_seconds(server.pid), time.perf_counter()
            threads = [threading.Thread(target=post, args=(i,), daemon=True) for i in range(args.posts)]
            for th in threads:
                th.start()
            under = []
            while time.perf_counter() - t0 < args.watch:
                under.append(timed_get(client))
                time.sleep(0.1)
            for th in threads:
                th.join(30)
            while client.get("/api/stats").json()["analyses"]["in_flight"] and time.perf_counter() - t0 < 600:
                time.sleep(0.2)
            idle_after = time.perf_counter() - t0
            cpu = cpu_seconds(server.pid) - cpu0
            gate = client.get("/api/stats").json()["analyses"]
    finally:
        server.terminate()
        server.wait(10)

    counts: dict = {}
    for v in statuses.values():
        counts[v] = counts.get(v, 0) + 1
    print(f"server: redline serve {'(default analysis limits)' if args.defaults else f'--analyse-queue {args.posts} --analyse-per-client {args.posts}'}; "
          f"{args.posts} POST /api/analyse of {args.chars:,} characters, clients leaving after {args.leave_after} s")
    print(f"client outcomes: {counts}")
    print(f"GET /api/events alone:       {summary(alone)}")
    print(f"GET /api/events under flood: {summary(under)}")
    print(f"server CPU from the flood until idle: {cpu:.1f} s; idle {idle_after:.1f} s after the flood began")
    print(f"gate: {gate}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
