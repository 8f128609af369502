"""Load-independent view of `redline ingest --workers 2` scaling: CPU seconds per process.

On a shared machine the wall-clock speed-up of two workers says more about the other
jobs than about the code. This measures, for ``--workers 1`` and ``--workers 2`` (each
in its own process, into a fresh SQLite store), the CPU time every process spends in the
timed analysis window (``/proc/PID/stat`` of the workers; ``time.process_time`` in the
main process), and predicts the idle-machine speed-up as

    1-worker CPU / max(busiest worker's CPU, all CPU / cores)

(it assumes no idle waiting; it gave 1.74x for the code that measured 1.73x idle).

    .venv/bin/python bench/ingest_cpu.py --corpus /tmp/polnear120.jsonl
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TCK = os.sysconf("SC_CLK_TCK")


def cpu(pid: int) -> float:
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / TCK


def child(corpus: str, workers: int) -> dict:
    import redline.corpus.batch as B
    from redline.store.db import open_store

    info: dict = {"workers": workers}
    orig_run_pool, orig_chunk, orig_store = B.run_pool, B.analyse_chunk, B._Ingest.store_results

    def run_pool(chunks, n, on_results, pool=None):
        pids = list(pool._processes) if pool is not None else []
        c0 = {p: cpu(p) for p in pids}
        last = dict(c0)
        m0 = time.process_time()

        def cb(results):
            for p in pids:
                try:
                    last[p] = cpu(p)
                except OSError:
                    pass
            on_results(results)
        try:
            return orig_run_pool(chunks, n, cb, pool=pool)
        finally:
            info["main_cpu_s"] = round(time.process_time() - m0, 2)
            info["worker_cpu_s"] = [round(last[p] - c0[p], 2) for p in pids]

    def analyse_chunk(chunk):
        t = time.process_time()
        try:
            return orig_chunk(chunk)
        finally:
            info["inproc_cpu_s"] = info.get("inproc_cpu_s", 0) + time.process_time() - t

    def store_results(self, results, prog, task):
        t = time.process_time()
        try:
            return orig_store(self, results, prog, task)
        finally:
            info["store_cpu_s"] = info.get("store_cpu_s", 0) + time.process_time() - t

    B.run_pool, B._Ingest.store_results = run_pool, store_results
    if workers == 1:  # in-process only: a worker process needs the picklable original
        B.analyse_chunk = analyse_chunk
    with tempfile.TemporaryDirectory() as d, open_store(f"{d}/r.db") as st:
        rep = B.ingest([corpus], st, workers=workers, progress=False)
    info.update(stored=rep.stored, analysed_s=round(rep.analysed_seconds, 2))
    for k in ("inproc_cpu_s", "store_cpu_s"):
        if k in info:
            info[k] = round(info[k], 2)
    return info


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.corpus, args.child)))
        return 0
    res = {}
    for w in (1, 2):
        load = os.getloadavg()[0]
        out = subprocess.run([sys.executable, __file__, "--corpus", args.corpus, "--child", str(w)],
                             check=True, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout
        res[w] = json.loads(out.strip().splitlines()[-1]) | {"load_before": round(load, 2)}
        print(json.dumps(res[w]), flush=True)
    one = res[1]["inproc_cpu_s"] + res[1].get("store_cpu_s", 0)
    two = res[2]["worker_cpu_s"] + [res[2]["main_cpu_s"]]
    pred = one / max(max(res[2]["worker_cpu_s"]), sum(two) / (os.cpu_count() or 2))
    print(json.dumps({"one_worker_cpu_s": round(one, 2), "two_workers_cpu_s": two,
                      "predicted_speedup_2_workers": round(pred, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
