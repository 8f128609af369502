"""Story-grouped 5-fold CV of the weight of the VOA gold events in the story classifier.

The 57 training stories (the 30 work stories of ``dev_gold.json`` and the first 27 of
``annotations/voa_extra_gold.json``; the held-out ones are never used) are split into 5
folds by position. For each weight, each fold's stories are analysed with a classifier
trained on all PLV rows and the gold events of the other folds, and scored as
``../shared/eval/score_articles.py`` matches events (core recall, precision). The
installed none-model stays as it is.

Usage: .venv/bin/python bench/story_weight_cv.py [WEIGHTS]   (default 0,0.25,0.5,1,2; ~2 min each)
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
    args = (argv if argv is not None else sys.argv[1:]) or ["0,0.25,0.5,1,2"]
    weights = [float(x) for x in args[0].split(",")]
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

    gold = (json.loads((SHARED / "data" / "voa" / "dev_gold.json").read_text())[:-10]
            + json.loads((ROOT / "annotations" / "voa_extra_gold.json").read_text())[:-12])
    recs = {}
    for line in (SHARED / "data" / "voa" / "dev.jsonl").read_text().splitlines():
        rec = json.loads(line)
        recs[str(rec["id"])] = rec
    rows = tr.read_plv(str(tr.PLV_TRAIN))
    docs = tr.parse_all([r["sentence"] for r in rows])
    folds = [[g for k, g in enumerate(gold) if k % 5 == f] for f in range(5)]
    tmp = Path(tempfile.mkdtemp())
    fold_examples = []
    for f, stories in enumerate(folds):
        path = tmp / f"fold{f}.json"
        path.write_text(json.dumps(stories))
        fold_examples.append(tr.voa_examples(gold=((path, 0),)))
    for w in weights:
        core = found = pred = ok = 0
        for f in range(5):
            X = [x for k in range(5) if k != f for x in fold_examples[k][0]]
            y = [v for k in range(5) if k != f for v in fold_examples[k][1]]
            ev_mod.set_model(tr.build(rows=rows, docs=docs, voa_weight=w, voa=(X, y)))
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
        print(f"weight {w}: core recall {found / core:.3f} ({found}/{core}), "
              f"precision {ok / pred:.3f} ({ok}/{pred})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
