"""``redline eval events FILE.tsv... [--cv K]``: PLOVER event types on PLV-format data.

Scoring follows ``../shared/eval/METRICS.md``: each row's sentence is analysed as an
article; among the predicted events, the one whose actors and recipients overlap the
gold ``source`` and ``target`` strings (first occurrence in the sentence) best is taken
(ties: the first in text order), and its type is the prediction (``NONE`` without an
event). CONCEDE and RETREAT count as YIELD. Reported: macro-F1 over the 15 gold labels,
accuracy, dyad+type (the chosen event's actor and recipient both overlap the gold ones
and the type is right), and a confusion matrix. Macro-F1 comes with a 95% bootstrap
interval over the rows (on the 210 held-out rows it spans about 0.14).

``--split heldout`` trains on 80% of the rows and scores the fixed 20% (stratified,
fixed seed) from which no rule is written; ``--split work`` keeps only the 80% (for
``--cv`` or reading errors). Each run also reports per-type precision and the share of
typed candidates the filter stage calls "no event", by predicate.

``--cv K`` scores K-fold cross-validation on the given file(s) instead, retraining the
classifier on each fold's training part, and measures on the same folds a TF-IDF +
logistic regression baseline (sentence only, actors given).
"""
from __future__ import annotations

import sys
import time

from ..plover import EVAL_LABELS, eval_label
from .intervals import bootstrap, fmt


def _overlap(actors, gold) -> float:
    """Share of the gold span covered by the union of the actors' spans (0..1)."""
    if gold is None or not actors:
        return 0.0
    gs, ge = gold
    covered = set()
    for a in actors:
        lo, hi = max(a.start, gs), min(a.end, ge)
        covered.update(range(lo, hi))
    return len(covered) / max(1, ge - gs)


def _recipients(e) -> list:
    """PLV's target is the recipient: an actor (``target``) or a thing (``object``)."""
    return list(e.target) + list(getattr(e, "object", None) or [])


def choose(events, gold_src, gold_tgt):
    """The event METRICS.md picks for a row, and whether its dyad overlaps the gold one."""
    best, best_key = None, None
    for e in events:
        os_, ot = _overlap(e.source, gold_src), _overlap(_recipients(e), gold_tgt)
        key = (os_ + ot,)
        if best_key is None or key > best_key:
            best, best_key = e, key
    if best is None:
        return None, False
    dyad = (_overlap(best.source, gold_src) > 0 or gold_src is None) and \
           (_overlap(_recipients(best), gold_tgt) > 0 or gold_tgt is None)
    return best, dyad


def score_rows(rows, docs) -> dict:
    """Run the pipeline's analysis on parsed rows and score them."""
    from ..model import Article
    from ..pipeline import analyse_doc
    from ..training.events import gold_char_span

    gold, pred, dyad_ok = [], [], 0
    for r, doc in zip(rows, docs):
        art = Article(id=r["uid"], text=r["sentence"])
        try:
            analyse_doc(doc, art)
            events = art.events
        except Exception as exc:  # count as no event, but say so
            print(f"row {r['uid']}: extraction failed: {exc}", file=sys.stderr)
            events = []
        gs = gold_char_span(r["sentence"], r["source"])
        gt = gold_char_span(r["sentence"], r["target"])
        ev, dyad = choose(events, gs, gt)
        p = eval_label(ev.type if ev is not None else None)
        g = eval_label(r["label"])
        gold.append(g)
        pred.append(p)
        if ev is not None and dyad and p == g:
            dyad_ok += 1
    return {"gold": gold, "pred": pred, "dyad_type": dyad_ok}


def metrics(gold, pred, dyad_type: int, interval: bool = True) -> dict:
    """The scores of one run; ``interval``: with a 95% bootstrap interval of macro-F1
    over the rows (:mod:`redline.evaluation.intervals`)."""
    from sklearn.metrics import accuracy_score, f1_score, precision_score

    labels = [l for l in EVAL_LABELS if l in set(gold)]
    prec = precision_score(gold, pred, labels=labels, average=None, zero_division=0)

    def macro_f1(idx) -> float:
        g, p = [gold[i] for i in idx], [pred[i] for i in idx]
        return float(f1_score(g, p, labels=labels, average="macro", zero_division=0))

    return {
        "precision": {l: float(p) for l, p in zip(labels, prec)},
        "n": len(gold),
        "macro_f1": macro_f1(range(len(gold))),
        # rows resampled: how far the figure could move on another sample of the same size
        "macro_f1_ci": bootstrap(len(gold), macro_f1) if interval else None,
        "accuracy": float(accuracy_score(gold, pred)),
        "dyad_type": dyad_type / max(1, len(gold)),
        "none": sum(p == "NONE" for p in pred) / max(1, len(pred)),
    }


def confusion(gold, pred) -> str:
    labels = list(EVAL_LABELS) + ["NONE"]
    labels = [l for l in labels if l in set(gold) | set(pred)]
    ab = {l: l[:4] for l in labels}
    lines = ["gold\\pred " + " ".join(f"{ab[l]:>4}" for l in labels)]
    for g in labels:
        if g not in set(gold):
            continue
        row = [sum(1 for a, b in zip(gold, pred) if a == g and b == p) for p in labels]
        lines.append(f"{g:<9} " + " ".join(f"{c:>4}" for c in row))
    return "\n".join(lines)


def baseline_tfidf(train_rows, test_rows):
    """TF-IDF (word 1-2-grams) + logistic regression on the sentence only."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)
    X = vec.fit_transform([r["sentence"] for r in train_rows])
    clf = LogisticRegression(C=10.0, max_iter=3000, random_state=13)
    clf.fit(X, [eval_label(r["label"]) for r in train_rows])
    return list(clf.predict(vec.transform([r["sentence"] for r in test_rows])))


def add_arguments(p):
    p.add_argument("files", nargs="+", help="PLV-format TSV files")
    p.add_argument("--cv", type=int, default=0, metavar="K",
                   help="K-fold cross-validation (retrain per fold) instead of scoring the installed model")
    p.add_argument("--synthetic-weight", type=float, default=0.0,
                   help="with --cv: weight of the synthetic stories in each fold's training")
    p.add_argument("-C", type=float, default=None, help="with --cv: regularisation of the classifier")
    p.add_argument("--no-confusion", action="store_true", help="do not print the confusion matrix")
    p.add_argument("--no-none-model", action="store_true",
                   help="score without the learned 'none' decision (redline train events_none), "
                        "which is trained on whole news stories, not single sentences")
    p.add_argument("--split", choices=("heldout", "work"), default=None,
                   # argparse %-formats help texts itself, hence %% for a percent sign
                   help=f"the fixed PLV split (20%%, stratified, seed {HELDOUT_SEED}): 'heldout' trains "
                        "on the other 80%% and scores the 20%% (no rule is written from it); 'work' "
                        "restricts the rows (e.g. --cv) to the 80%%")


def _fmt(m: dict) -> str:
    ci = f" (95% CI {fmt(*m['macro_f1_ci'])})" if m.get("macro_f1_ci") else ""
    return (f"n={m['n']}  macro-F1={m['macro_f1']:.3f}{ci}  accuracy={m['accuracy']:.3f}  "
            f"dyad+type={m['dyad_type']:.3f}  no-event={m['none']:.3f}")


def _fmt_precision(m: dict) -> str:
    return "per-type precision: " + "  ".join(f"{l[:4]} {p:.2f}" for l, p in m["precision"].items())


#: the fixed held-out part of PLV: 20% of the rows, stratified by label, drawn with this
#: seed once and for all; no rule is written from these rows (``--split heldout``)
HELDOUT_FRACTION = 0.2
HELDOUT_SEED = 20261206


def heldout_split(rows) -> tuple[list[int], list[int]]:
    """(work indices, held-out indices) of the fixed PLV split."""
    from sklearn.model_selection import train_test_split

    idx = list(range(len(rows)))
    labels = [eval_label(r["label"]) for r in rows]
    work, held = train_test_split(idx, test_size=HELDOUT_FRACTION, random_state=HELDOUT_SEED,
                                  stratify=labels)
    return sorted(work), sorted(held)


class _Drops:
    """Counts what the filter stage lets go while scoring (the share of "no event"
    candidates, by predicate)."""

    def __init__(self):
        from ..extract import event_filters as ef
        self.ef, self.orig, self.kept, self.by = ef, ef.apply, 0, {}

    def __enter__(self):
        def spy(events, doc=None, config=self.ef.CONFIG, dropped=None, whole_story=True):
            seen = []
            out = self.orig(events, doc, config, seen, whole_story)
            self.kept += len(out)
            for name, _ in seen:
                self.by[name] = self.by.get(name, 0) + 1
            if dropped is not None:
                dropped.extend(seen)
            return out
        self.ef.apply = spy
        return self

    def __exit__(self, *exc):
        self.ef.apply = self.orig

    def report(self) -> str:
        total = self.kept + sum(self.by.values())
        if not total:
            return "filter stage: no candidates"
        parts = "  ".join(f"{k} {v}" for k, v in sorted(self.by.items(), key=lambda kv: -kv[1]))
        return (f"filter stage: {total} typed candidates, {sum(self.by.values()) / total:.3f} said "
                f"'no event' ({parts or 'none'})")


def run(args) -> int:
    from ..extract import events as ev_mod
    from ..training import events as tr

    rows = []
    for f in args.files:
        rows.extend(tr.read_plv(f))
    if not rows:
        print("no rows")
        return 2
    t0 = time.perf_counter()
    if getattr(args, "no_none_model", False):
        from ..extract import event_none
        event_none.set_model(False)
    split = getattr(args, "split", None)
    if split is not None:
        work, held = heldout_split(rows)
        if split == "work":
            rows = [rows[i] for i in work]
    docs = tr.parse_all([r["sentence"] for r in rows])
    if split == "heldout":
        model = tr.build(rows=[rows[i] for i in work], docs=[docs[i] for i in work],
                         C=args.C if args.C is not None else tr.DEFAULT_C)
        ev_mod.set_model(model)
        try:
            with _Drops() as drops:
                res = score_rows([rows[i] for i in held], [docs[i] for i in held])
        finally:
            ev_mod.set_model(None)
        m = metrics(res["gold"], res["pred"], res["dyad_type"])
        print(f"Redline fixed split (train {len(work)}, held out {len(held)}, seed {HELDOUT_SEED}): "
              + _fmt(m) + f"  ({time.perf_counter() - t0:.1f}s)")
        print(_fmt_precision(m))
        print(drops.report())
        if not args.no_confusion:
            print(confusion(res["gold"], res["pred"]))
        return 0
    if not args.cv:
        with _Drops() as drops:
            res = score_rows(rows, docs)
        m = metrics(res["gold"], res["pred"], res["dyad_type"])
        print(_fmt(m) + f"  ({time.perf_counter() - t0:.1f}s)")
        print(_fmt_precision(m))
        print(drops.report())
        if not args.no_confusion:
            print(confusion(res["gold"], res["pred"]))
        return 0

    from sklearn.model_selection import StratifiedKFold

    labels = [eval_label(r["label"]) for r in rows]
    skf = StratifiedKFold(n_splits=args.cv, shuffle=True, random_state=tr.SEED)
    syn = None
    if args.synthetic_weight > 0:
        srows = tr.read_synthetic(tr.SYNTHETIC)
        syn = tr.synthetic_examples(srows, tr.parse_all([r["text"] for r in srows]))
    gold, pred, dyad, base_pred, base_gold = [], [], 0, [], []
    fold_f1 = []
    drops = _Drops()
    for k, (tr_idx, te_idx) in enumerate(skf.split(rows, labels), 1):
        tr_rows = [rows[i] for i in tr_idx]
        model = tr.build(rows=tr_rows, docs=[docs[i] for i in tr_idx],
                         synthetic_weight=args.synthetic_weight, syn=syn,
                         C=args.C if args.C is not None else tr.DEFAULT_C)
        ev_mod.set_model(model)
        try:
            with drops:
                res = score_rows([rows[i] for i in te_idx], [docs[i] for i in te_idx])
        finally:
            ev_mod.set_model(None)
        gold += res["gold"]
        pred += res["pred"]
        dyad += res["dyad_type"]
        fm = metrics(res["gold"], res["pred"], res["dyad_type"], interval=False)
        fold_f1.append(fm["macro_f1"])
        bp = baseline_tfidf(tr_rows, [rows[i] for i in te_idx])
        base_pred += bp
        base_gold += res["gold"]
        print(f"fold {k}: {_fmt(fm)}", file=sys.stderr)
    m = metrics(gold, pred, dyad)
    b = metrics(base_gold, base_pred, 0, interval=False)
    print(f"Redline {args.cv}-fold CV: {_fmt(m)}  (per-fold macro-F1 "
          + " ".join(f"{x:.3f}" for x in fold_f1) + ")")
    print(f"TF-IDF+LR baseline, same folds (sentence only, actors given): "
          f"macro-F1={b['macro_f1']:.3f}  accuracy={b['accuracy']:.3f}")
    print(_fmt_precision(m))
    print(drops.report())
    print(f"({time.perf_counter() - t0:.1f}s)")
    if not args.no_confusion:
        print(confusion(gold, pred))
    return 0
