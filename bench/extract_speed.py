"""Speed and memory of `redline extract` against a bare spaCy parse.

Measures, on a fixed set of real articles (PolNeAR dev texts by default):
  - bare `nlp.pipe` of the same model: articles/s, words/s
  - Redline's whole pipeline (parse + every extractor): articles/s, words/s
  - their time ratio (target ≤ 1.3) and the extractors' share by kind
  - peak RSS of a single-process run (target ≤ 600 MB per worker)
  - `--workers 2` vs 1 through the CLI (target ≥ 1.8× on 2 cores)
  - measured from outside too (on by default; `--no-whole-process` skips it): the wall
    time of the whole `redline extract IN.jsonl --format jsonl > /dev/null` process
    against the wall time of a whole separate Python process that loads the same model
    (`redline.parse.load_nlp()`) and runs a bare `nlp.pipe` over the same texts, on
    `--whole-articles` articles (default 200: the PolNeAR dev texts, which are 84,
    cycled); the median of `--repeat` runs, the two kinds of process alternating. This
    ratio counts what the in-process one leaves out: imports, model and lexicon loads,
    reading the input and writing the JSON.

Usage: .venv/bin/python bench/extract_speed.py [--dir DIR] [--limit N] [--repeat R]
       [--whole-articles N] [--no-whole-process] [--no-workers]
Prints a Markdown block to paste into docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"


def redline_exe() -> str:
    """The `redline` script next to this Python (the venv's), else ROOT/.venv's."""
    here = Path(sys.executable).parent / "redline"
    return str(here if here.exists() else ROOT / ".venv" / "bin" / "redline")


def code_version() -> str:
    """The commit measured, and whether the working tree differs from it."""
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "--", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return f"`{ROOT}` (not a git checkout)"
    return f"commit {head}" + (" plus uncommitted changes under src/" if dirty else "")


def load_texts(directory: Path, limit: int) -> list[str]:
    files = sorted(directory.glob("*.txt"))[:limit]
    if not files:
        sys.exit(f"no .txt files in {directory} (the benchmark reads ../shared)")
    return [f.read_text(encoding="utf-8") for f in files]


def bare(texts, repeat):
    from redline.parse import load_nlp
    nlp = load_nlp()
    list(nlp.pipe(texts[:5]))  # warm up
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=8):
            pass
        best = min(best, time.perf_counter() - t)
    return best


def redline_run(texts, repeat):
    from redline.model import Article
    from redline.pipeline import analyse_many
    list(analyse_many([Article(id="w", text=t) for t in texts[:5]]))
    best = float("inf")
    extract_s = 0.0
    for _ in range(repeat):
        arts = [Article(id=str(i), text=t, published="2016-10-01") for i, t in enumerate(texts)]
        t = time.perf_counter()
        out = list(analyse_many(arts, batch_size=8))
        el = time.perf_counter() - t
        if el < best:
            best = el
            extract_s = sum(a.meta.get("timing", {}).get("extract_s", 0) for a in out)
    errors = sum(1 for a in out if a.error)
    return best, extract_s, errors


def cli_workers(directory: Path, limit: int, workers: int, copies: int = 1) -> float:
    # The corpus is repeated so that each process's start-up (imports, model load,
    # ~3-5 s) weighs on the comparison as it would on a real batch, not a toy one.
    files = sorted(directory.glob("*.txt"))[:limit] * copies
    with tempfile.TemporaryDirectory() as tmp:
        jl = Path(tmp) / "in.jsonl"
        with jl.open("w") as fh:
            for n, f in enumerate(files):
                fh.write(json.dumps({"id": f"{f.stem}-{n}", "text": f.read_text(encoding="utf-8")}) + "\n")
        t = time.perf_counter()
        subprocess.run([redline_exe(), "extract", str(jl), "--workers", str(workers)],
                       check=False, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t


BARE_PROCESS = """\
import json, sys
from redline.parse import load_nlp
nlp = load_nlp()
with open(sys.argv[1], encoding="utf-8") as fh:
    texts = [json.loads(line)["text"] for line in fh if line.strip()]
for _doc in nlp.pipe(texts, batch_size=8):
    pass
"""


def whole_process(directory: Path, n_articles: int, repeat: int):
    """Wall times of whole processes on ``n_articles`` texts (the corpus cycled):
    `redline extract --format jsonl` to /dev/null, and a bare-parse Python process."""
    files = sorted(directory.glob("*.txt"))
    if not files:
        sys.exit(f"no .txt files in {directory} (the benchmark reads ../shared)")
    chosen = [files[i % len(files)] for i in range(n_articles)]
    t_red, t_bare = [], []
    with tempfile.TemporaryDirectory() as tmp:
        jl = Path(tmp) / "in.jsonl"
        with jl.open("w", encoding="utf-8") as fh:
            for n, f in enumerate(chosen):
                fh.write(json.dumps({"id": f"{f.stem}-{n}", "text": f.read_text(encoding="utf-8"),
                                     "published": "2016-10-01"}) + "\n")
        red_cmd = [redline_exe(), "extract", str(jl), "--format", "jsonl"]
        bare_cmd = [sys.executable, "-c", BARE_PROCESS, str(jl)]
        for _ in range(repeat):
            for cmd, times in ((bare_cmd, t_bare), (red_cmd, t_red)):
                t = time.perf_counter()
                rc = subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False).returncode
                times.append(time.perf_counter() - t)
                if rc != 0:
                    print(f"warning: {' '.join(cmd[:3])}... exited with status {rc}", file=sys.stderr)
    return t_red, t_bare, len(files)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--limit", type=int, default=84)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-workers", action="store_true", help="skip the multi-process comparison")
    ap.add_argument("--copies", type=int, default=3,
                    help="repeat the corpus this many times for the --workers comparison (default 3)")
    ap.add_argument("--no-whole-process", action="store_true",
                    help="skip the whole-process comparison (redline extract vs a bare-parse process)")
    ap.add_argument("--whole-articles", type=int, default=200, metavar="N",
                    help="articles for the whole-process comparison: the --dir texts cycled (default 200)")
    args = ap.parse_args()
    load_start = os.getloadavg()
    texts = load_texts(args.dir, args.limit)
    words = sum(len(t.split()) for t in texts)
    n = len(texts)
    t_bare = bare(texts, args.repeat)
    t_red, t_extract, errors = redline_run(texts, args.repeat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"## Benchmark run {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(f"- machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}")
    print(f"- code: {code_version()}")
    print(f"- corpus: {n} articles, {words:,} words from `{args.dir}`; best of {args.repeat}\n")
    print("| run | seconds | articles/s | words/s |")
    print("|---|---|---|---|")
    print(f"| bare `nlp.pipe` | {t_bare:.2f} | {n / t_bare:.1f} | {words / t_bare:,.0f} |")
    print(f"| Redline pipeline | {t_red:.2f} | {n / t_red:.1f} | {words / t_red:,.0f} |")
    print(f"\n- **ratio Redline / bare spaCy: {t_red / t_bare:.2f}** (target ≤ 1.3); extractors alone {t_extract:.2f} s "
          f"({100 * t_extract / t_bare:.1f}% of the bare parse); errors: {errors}")
    print(f"- **peak RSS, one process: {rss_mb:.0f} MB** (target ≤ 600 MB per worker)")
    if not args.no_whole_process:
        w_red, w_bare, n_files = whole_process(args.dir, args.whole_articles, args.repeat)
        m_red, m_bare = statistics.median(w_red), statistics.median(w_bare)
        cyc = f"the {n_files} texts of `{args.dir.name}` cycled" if args.whole_articles > n_files else "the first texts"
        print(f"- whole processes on {args.whole_articles} articles ({cyc}), median of {args.repeat}: "
              f"`redline extract IN.jsonl --format jsonl > /dev/null` {m_red:.2f} s; a separate Python process "
              f"loading the same model (`redline.parse.load_nlp()`) and running a bare `nlp.pipe` over the same "
              f"texts {m_bare:.2f} s; **whole-process ratio: {m_red / m_bare:.2f}** (target ≤ 1.3) "
              f"(runs: redline " + ", ".join(f"{x:.2f}" for x in w_red)
              + "; bare " + ", ".join(f"{x:.2f}" for x in w_bare) + ")")
        print(f"- **ratios Redline / bare spaCy: in-process {t_red / t_bare:.2f}, whole-process {m_red / m_bare:.2f}**")
    if not args.no_workers:
        m = n * args.copies
        t1 = cli_workers(args.dir, args.limit, 1, args.copies)
        t2 = cli_workers(args.dir, args.limit, 2, args.copies)
        print(f"- CLI on {m} articles (the corpus {args.copies}×), `redline extract --workers 1`: {t1:.1f} s "
              f"({m / t1:.1f} articles/s); `--workers 2`: {t2:.1f} s ({m / t2:.1f} articles/s); "
              f"**speed-up {t1 / t2:.2f}×** (wall time of the whole command, start-up and model loads included)")
    load_end = os.getloadavg()
    print(f"- load average (1 min) at the start {load_start[0]:.2f}, at the end {load_end[0]:.2f}")


if __name__ == "__main__":
    main()
