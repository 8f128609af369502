"""The long fuzz run of issue 16: 10,000 generated inputs (by default) through every
reader, the extractors and the API's input routes, with the checks of
:mod:`redline.fuzz` (no crash, no hang, no record lost, output that encodes, offsets
that point into the text). Seeded (rounds with seeds 0, 1, ...): the same inputs every run.

Usage: .venv/bin/python bench/fuzz.py [--total 10000] [--seconds 20]
Prints a Markdown table to paste into docs/benchmarks.md; exits 1 if any check failed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import traceback

#: share of the inputs per target (the slow targets get fewer).
SHARES = {"records": 0.30, "jsonl": 0.20, "files": 0.20, "html": 0.08, "warc": 0.05, "feeds": 0.05,
          "extractors": 0.07, "api /api/analyse": 0.03, "api /api/articles": 0.02}


def targets(client):
    from hypothesis import strategies as st

    from redline import fuzz

    return {
        "records": (fuzz.records(), fuzz.check_record),
        "jsonl": (fuzz.jsonl_bytes(), fuzz.check_jsonl),
        "files": (fuzz.files(), lambda f: fuzz.check_file(*f)),
        "html": (fuzz.html_pages(), fuzz.check_html),
        "warc": (fuzz.WARCS, fuzz.check_warc),
        "feeds": (fuzz.FEEDS, fuzz.check_feed),
        "extractors": (st.lists(fuzz.texts(), min_size=1, max_size=3), fuzz.check_analyse),
        "api /api/analyse": (fuzz.ANALYSE_BODIES, lambda b: fuzz.check_api(client, "/api/analyse", b, "fuzz")),
        "api /api/articles": (fuzz.ARTICLE_BODIES, lambda b: fuzz.check_api(client, "/api/articles", b, "fuzz")),
    }


def run_one(name: str, strategy, check, n: int) -> dict:
    """Run ``check`` on ``n`` inputs from ``strategy``: rounds of a seeded Hypothesis
    run (seed 0, 1, ...), since one round can end early once it finds little new."""
    from hypothesis import HealthCheck, given, seed, settings

    stats = {"inputs": 0, "slowest_s": 0.0, "failure": None}
    t0 = time.perf_counter()
    for round_no in range(50):
        left = n - stats["inputs"]
        if left <= 0 or stats["failure"]:
            break

        @seed(round_no)
        @settings(max_examples=left, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def prop(value):
            t = time.perf_counter()
            stats["inputs"] += 1
            check(value)
            stats["slowest_s"] = max(stats["slowest_s"], time.perf_counter() - t)

        try:
            prop()
        except Exception:
            stats["failure"] = traceback.format_exc(limit=3)[-800:]
    stats["seconds"] = time.perf_counter() - t0
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--total", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=20, help="per-article time budget during the run")
    args = ap.parse_args()
    os.environ["REDLINE_ARTICLE_SECONDS"] = str(args.seconds)

    from fastapi.testclient import TestClient

    from redline.serve.app import create_app

    rows, failed, total = [], 0, 0
    with tempfile.TemporaryDirectory() as d, \
            TestClient(create_app("sqlite:///" + os.path.join(d, "api.db"), token="fuzz")) as client:
        for name, (strategy, check) in targets(client).items():
            n = max(1, round(args.total * SHARES[name]))
            s = run_one(name, strategy, check, n)
            total += s["inputs"]
            failed += bool(s["failure"])
            rows.append((name, s))
            print(f"{name}: {s['inputs']} inputs, {s['seconds']:.1f} s, slowest {s['slowest_s']:.2f} s"
                  + (f"\n{s['failure']}" if s["failure"] else ""), file=sys.stderr, flush=True)
    print(f"\nFuzz run ({dt.date.today().isoformat()}, {total:,} inputs, seeded; per-article budget "
          f"{args.seconds:g} s)\n")
    print("| target | inputs | seconds | slowest input (s) | result |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, s in rows:
        print(f"| {name} | {s['inputs']:,} | {s['seconds']:.1f} | {s['slowest_s']:.2f} | "
              f"{'FAILED' if s['failure'] else 'no crash, no hang, no record lost'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
