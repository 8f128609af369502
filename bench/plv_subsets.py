"""How far the fixed PLV split's macro-F1 can fall by sampling alone.

Scores the 80% work part of PLV (``--split work``) by 5-fold cross-validation, as
``redline eval events --split work --cv 5`` does, keeps each row's out-of-fold
prediction, and then draws many stratified subsets of the held-out split's size (210
rows) from those predictions. The spread of their macro-F1 is what sampling alone does to
a 20% split scored by rules and a model that fit the rows around it; a fixed-split figure
far below it says the split's rows are harder for the coder than the work rows (rules
written from work rows do not carry over), not that the split was unlucky.

Usage: .venv/bin/python bench/plv_subsets.py [--draws N] [--plv PATH]
"""
from __future__ import annotations

import argparse
import statistics
import sys


def main(argv=None) -> int:
    from redline.training import events as tr

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--plv", default=str(tr.PLV_TRAIN), help="PLV_train.tsv")
    p.add_argument("--draws", type=int, default=300, help="subsets to draw (default 300)")
    args = p.parse_args(argv)
    try:
        rows = tr.read_plv(args.plv)
    except FileNotFoundError:
        print(f"PLV data not found: {args.plv}", file=sys.stderr)
        return 2
    from sklearn.model_selection import StratifiedKFold, train_test_split

    from redline.evaluation import events as ev_eval
    from redline.extract import events as ev_mod
    from redline.plover import eval_label

    work, held = ev_eval.heldout_split(rows)
    rows = [rows[i] for i in work]
    docs = tr.parse_all([r["sentence"] for r in rows])
    labels = [eval_label(r["label"]) for r in rows]
    gold, pred = [None] * len(rows), [None] * len(rows)
    for tr_idx, te_idx in StratifiedKFold(n_splits=5, shuffle=True, random_state=tr.SEED).split(rows, labels):
        ev_mod.set_model(tr.build(rows=[rows[i] for i in tr_idx], docs=[docs[i] for i in tr_idx], C=tr.DEFAULT_C))
        try:
            res = ev_eval.score_rows([rows[i] for i in te_idx], [docs[i] for i in te_idx])
        finally:
            ev_mod.set_model(None)
        for j, i in enumerate(te_idx):
            gold[i], pred[i] = res["gold"][j], res["pred"][j]
    whole = ev_eval.metrics(gold, pred, 0)["macro_f1"]
    f1s = []
    for seed in range(args.draws):
        _, sub = train_test_split(list(range(len(rows))), test_size=len(held), random_state=seed, stratify=labels)
        f1s.append(ev_eval.metrics([gold[i] for i in sub], [pred[i] for i in sub], 0)["macro_f1"])
    f1s.sort()
    q = lambda x: f1s[min(len(f1s) - 1, int(x * len(f1s)))]  # noqa: E731
    print(f"work-part 5-fold CV macro-F1 {whole:.3f}; {args.draws} stratified subsets of {len(held)} rows: "
          f"mean {statistics.mean(f1s):.3f}, sd {statistics.pstdev(f1s):.3f}, min {f1s[0]:.3f}, "
          f"1% {q(0.01):.3f}, 5% {q(0.05):.3f}, median {q(0.5):.3f}, 95% {q(0.95):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
