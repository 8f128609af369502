"""Out-of-sample check of the event coder on the NGEC synthetic stories.

The 4,500 machine-written stories of ``../shared/data/ngec-synthetic`` carry one PLOVER
type per story. No rule or model of Redline is tuned on them, so they tell whether changes
made while reading PLV errors carry over to other text. The proxy is weak (document-level
labels): the type of the story's first asserted/reported event (accuracy, macro-F1 over the
15 evaluation labels) and whether any event of the story has its type.

The 64 stories annotated whole in ``annotations/synthetic_gold.json`` (a held-out set of
``redline eval articles``) are left out, and ``--leave-out SEED:N`` also leaves out the
first N of the other stories shuffled by SEED (those read while writing rules), so the
sample is one no rule was written from.

Usage: .venv/bin/python bench/synthetic_check.py [N] [--seed S] [--offset K] [--leave-out SEED:N] [--by-type]
(default 1000 stories, seed 7). Session 14's fresh sample: ``600 --seed 91 --leave-out 77:1600``;
the stories read in session 14: ``400 --seed 77``, in session 15: ``400 --seed 77 --offset 400``.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import zipfile
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ngec-synthetic" / "synthetic_events.csv.zip"
ANNOTATED = Path(__file__).resolve().parents[1] / "annotations" / "synthetic_gold.json"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", nargs="?", type=int, default=1000, help="stories to score (default 1000)")
    p.add_argument("--seed", type=int, default=7, help="shuffle seed (default 7)")
    p.add_argument("--data", type=Path, default=DEFAULT, help="synthetic_events.csv.zip")
    p.add_argument("--offset", type=int, default=0,
                   help="skip the first OFFSET stories of the shuffled sample (another slice of the same order)")
    p.add_argument("--by-type", action="store_true", help="also print any-event recall per gold type")
    p.add_argument("--annotated", type=Path, default=ANNOTATED,
                   help="whole-story annotations whose stories are left out (default: annotations/synthetic_gold.json)")
    p.add_argument("--leave-out", metavar="SEED:N", default=None,
                   help="also leave out the first N stories of the others shuffled by SEED (stories read)")
    args = p.parse_args(argv)
    if not args.data.exists():
        print(f"synthetic stories not found: {args.data}", file=sys.stderr)
        return 2
    from sklearn.metrics import f1_score

    from redline.model import Article
    from redline.pipeline import analyse
    from redline.plover import EVAL_LABELS, eval_label

    with zipfile.ZipFile(args.data) as z:
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(z.namelist()[0]), encoding="utf-8")))
    annotated = set()
    if args.annotated and args.annotated.exists():
        annotated = {str(x["id"]) for x in json.loads(args.annotated.read_text(encoding="utf-8"))}
    pool = [i for i in range(len(rows)) if f"syn-{i}" not in annotated]
    if args.leave_out:
        try:
            seed, n = (int(x) for x in args.leave_out.split(":"))
        except ValueError:
            p.error(f"--leave-out wants SEED:N (two integers), not {args.leave_out!r}")
        read = list(pool)
        random.Random(seed).shuffle(read)
        read = set(read[:n])
        pool = [i for i in pool if i not in read]
    random.Random(args.seed).shuffle(pool)
    rows = [rows[i] for i in pool[args.offset:args.offset + args.n]]
    gold, first, hits = [], [], 0
    per_type: dict[str, list[int]] = {}
    for r in rows:
        g = eval_label(r["label"])
        events = analyse(Article(id="s", text=r["text"])).events
        said = [e for e in events if e.factuality in ("asserted", "reported")] or events
        gold.append(g)
        first.append(eval_label(said[0].type) if said else "NONE")
        hit = any(eval_label(e.type) == g for e in events)
        hits += hit
        per_type.setdefault(g, [0, 0])[0] += hit
        per_type[g][1] += 1
    labels = [l for l in EVAL_LABELS if l in set(gold)]
    acc = sum(g == p for g, p in zip(gold, first)) / len(gold)
    f1 = f1_score(gold, first, labels=labels, average="macro", zero_division=0)
    print(f"n={len(gold)} first-event accuracy={acc:.3f} macro-F1={f1:.3f} any-event recall={hits / len(gold):.3f}")
    if args.by_type:
        for t, (h, n) in sorted(per_type.items(), key=lambda kv: kv[1][0] / kv[1][1]):
            print(f"  {t:10} any-event recall {h / n:.3f} ({h}/{n})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
