"""Story-grouped 5-fold CV of the weight of the VOA gold events in the story classifier.

The 57 training stories (the 30 work stories of ``dev_gold.json`` and the first 27 of
``annotations/voa_extra_gold.json``; the held-out ones are never used) are split into 5
folds by position. For each weight, each fold's stories are analysed with a classifier
trained on all PLV rows and the gold events of the other folds, and scored as
``../shared/eval/score_articles.py`` matches events (core recall, precision). The
installed none-model stays as it is.

Usage: .venv/bin/python bench/story_weight_cv.py [WEIGHTS]   (default 0,0.25,0.5,1,2; ~2 min each)

``--extra GOLD STORIES --extra-weights K,...`` adds the gold events of more stories (e.g.
``annotations/synthetic_gold.json`` on the synthetic CSV zip) to the training part of every
fold, never to a test fold, at K times the VOA weight; each (weight, K) pair is scored.
``-C 0.5,2,...`` tries other regularisation strengths (default: the trainer's, 2).
"""
from __future__ import annotations

import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("weights", nargs="?", default="0,0.25,0.5,1,2", help="VOA weights to try")
    ap.add_argument("--extra", nargs=2, metavar=("GOLD", "STORIES"), default=None,
                    help="more whole-story gold used for training only")
    ap.add_argument("--extra-weights", default="1", help="relative weights of --extra's events")
    ap.add_argument("-C", default=None, help="inverse regularisation strengths to try (default: the trainer's)")
    args = ap.parse_args(argv)
    weights = [float(x) for x in args.weights.split(",")]
    ks = [float(x) for x in args.extra_weights.split(",")] if args.extra else [0.0]
    scorer = SHARED / "eval" / "score_articles.py"
    if not scorer.exists():
        print(f"shared data not found: {scorer}", file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location("score_articles", scorer)
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)

    from redline.commands.extract import record_json
    from redline.extract import events as ev_mod
    from redline.model import Article
    from redline.pipeline import analyse_many
    from redline.training import events as tr

    from redline.training.events_none import training_gold
    from redline.training.stories import story_records

    # the trainer's own training stories (their held-out ends left out)
    gold = [g for path, held in tr.VOA_GOLD for g in training_gold(path, held)]
    recs = story_records(tr.VOA_STORIES)
    rows = tr.read_plv(str(tr.PLV_TRAIN))
    docs = tr.parse_all([r["sentence"] for r in rows])
    folds = [[g for k, g in enumerate(gold) if k % 5 == f] for f in range(5)]
    tmp = Path(tempfile.mkdtemp())
    fold_examples = []
    for f, stories in enumerate(folds):
        path = tmp / f"fold{f}.json"
        path.write_text(json.dumps(stories))
        fold_examples.append(tr.voa_examples(gold=((path, 0),)))
    extra = tr.voa_examples(gold=((args.extra[0], 0, args.extra[1]),)) if args.extra else ([], [], [])
    cs = [float(x) for x in args.C.split(",")] if args.C else [tr.DEFAULT_C]
    for w, kx, C in [(w, k, C) for w in weights for k in ks for C in cs]:
        core = found = pred = ok = 0
        for f in range(5):
            X = [x for k in range(5) if k != f for x in fold_examples[k][0]]
            y = [v for k in range(5) if k != f for v in fold_examples[k][1]]
            rel = [1.0] * len(y)
            if kx > 0:
                X, y, rel = X + extra[0], y + extra[1], rel + [kx] * len(extra[1])
            ev_mod.set_model(tr.build(rows=rows, docs=docs, voa_weight=w, voa=(X, y, rel), C=C))
            try:
                arts = [Article(id=str(g["id"]), text=recs[str(g["id"])]["text"], published=g.get("published"))
                        for g in folds[f]]
                outs = {a.id: json.loads(record_json(a)) for a in analyse_many(arts)}
            finally:
                ev_mod.set_model(None)
            for g in folds[f]:
                o = outs[str(g["id"])]
                ents = {e["id"]: e for e in o.get("entities", [])}
                for ge in g["events"]:
                    if ge.get("core"):
                        core += 1
                        found += any(sc.event_matches(e, ge, ents) for e in o["events"])
                for e in o["events"]:
                    pred += 1
                    ok += any(sc.event_matches(e, ge, ents) for ge in g["events"])
        print(f"weight {w}" + (f", extra x{kx}" if args.extra else "") + (f", C {C}" if args.C else "") + f": core recall {found / core:.3f} ({found}/{core}), "
              f"precision {ok / pred:.3f} ({ok}/{pred})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
