"""``redline train events_none``: the learned "none" decision over coded events
(:mod:`redline.extract.event_none`), from the whole-article VOA gold.

Each story of the gold except the last ``--hold-out`` (default 10, the stories set aside
for out-of-sample figures) is analysed with the none decision off; the read stories of the
project's own annotations (``--extra``, all but their last ``--extra-hold-out``) and the
seed article (``--seed``, a development story) are added. Each event it codes
is labelled by whether it matches a gold event of the story the way
``../shared/eval/score_articles.py`` matches them (same type; a source and a target
country shared where the gold lists any); a logistic regression learns the label from
:func:`redline.extract.event_none.features`. ``--cv`` prints a story-grouped 5-fold
estimate (events kept, their precision, gold core events still matched) per threshold.
"""
from __future__ import annotations

import json
from pathlib import Path

from .stories import story_records

ROOT = Path(__file__).resolve().parents[3]  # the project folder
SHARED = ROOT.parent / "shared" / "data" / "voa"
#: the project's own annotations of more VOA stories (annotations/README.md); their last
#: EXTRA_HELD stories are held out like the last 10 of dev_gold.json
EXTRA = ROOT / "annotations" / "voa_extra_gold.json"
EXTRA_HELD = 12
#: the seed article and its hand annotation: a development story (rules have been read
#: from it since the project began), one more whole story to learn from
SEED_GOLD = ROOT.parent / "shared" / "seed" / "gold.json"
SEED_TEXT = SEED_GOLD.with_name("article.txt")
SEED_PUBLISHED = "2024-11-04"
SEED = 13


def _countries(actors) -> set:
    return {a.country for a in actors if getattr(a, "country", None)}


def matches(ev, gold: dict) -> bool:
    """Same type; source and target countries meet the gold ones where gold has any."""
    if ev.type != gold["type"]:
        return False
    gs, gt = set(gold.get("source_countries") or []), set(gold.get("target_countries") or [])
    if gs and not _countries(ev.source) & gs:
        return False
    if gt and not _countries(ev.target) & gt:
        return False
    return True


def training_gold(gold_path, hold_out: int) -> list[dict]:
    """The stories of a whole-article gold list but its last ``hold_out`` (held out)."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    return gold[:-hold_out] if hold_out else gold


def examples(gold_path, stories_path, hold_out: int = 10):
    """(story id, features, label, core gold keys matched) of every coded event."""
    from ..model import Article

    gold = training_gold(gold_path, hold_out)
    texts = story_records(stories_path)
    return _coded([(g, Article(id=str(g["id"]), text=texts[str(g["id"])]["text"], published=g.get("published")))
                   for g in gold if str(g["id"]) in texts])


def seed_examples(gold_path=SEED_GOLD, text_path=SEED_TEXT):
    """:func:`examples` of the seed article (``../shared/seed``), whose hand annotation has
    a schema of its own (``plover_type``, ``source_iso3``, ``target_iso3``; no core
    flag); [] without it."""
    from ..model import Article

    if not Path(gold_path).exists() or not Path(text_path).exists():
        return []
    seed = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    gold = {"id": "seed", "events": [
        {"type": e["plover_type"], "source_countries": e.get("source_iso3") or [],
         "target_countries": e.get("target_iso3") or [], "core": False} for e in seed.get("events") or []]}
    published = (seed.get("document") or {}).get("publication_date_assumed") or SEED_PUBLISHED
    return _coded([(gold, Article(id="seed", text=Path(text_path).read_text(encoding="utf-8"),
                                  published=str(published)[:10]))])


def _coded(stories):
    """The coded-event rows of (gold story, article) pairs: the events as the none
    decision sees them (:func:`redline.extract.event_none.recording`), one story at a time."""
    from ..extract import event_none
    from ..extract.event_none import features
    from ..pipeline import analyse_many

    rows = []
    for g, art in stories:
        with event_none.recording() as seen:
            next(analyse_many([art]))
        for ev in (seen[0] if seen else []):
            core = [(art.id, k) for k, ge in enumerate(g["events"]) if ge.get("core") and matches(ev, ge)]
            rows.append((art.id, features(ev), any(matches(ev, ge) for ge in g["events"]), core))
    return rows


def fit(rows, C: float = 0.5):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([r[1] for r in rows])
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", random_state=SEED)
    clf.fit(X, [bool(r[2]) for r in rows])
    return {"vectorizer": vec, "classifier": clf}


def cross_validate(rows, C: float = 0.5, thresholds=(0.0, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)) -> list[str]:
    """Story-grouped 5-fold estimate per threshold."""
    ids = sorted({r[0] for r in rows})
    fold = {sid: i % 5 for i, sid in enumerate(ids)}
    probs = [0.0] * len(rows)
    for k in range(5):
        m = fit([r for r in rows if fold[r[0]] != k], C)
        idx = [i for i, r in enumerate(rows) if fold[r[0]] == k]
        cls = list(m["classifier"].classes_)
        p = m["classifier"].predict_proba(m["vectorizer"].transform([rows[i][1] for i in idx]))[:, cls.index(True)]
        for i, q in zip(idx, p):
            probs[i] = float(q)
    all_core = {c for r in rows for c in r[3]}
    out = []
    for th in thresholds:
        keep = [r for r, q in zip(rows, probs) if q >= th]
        core = {c for r in keep for c in r[3]}
        prec = sum(bool(r[2]) for r in keep) / max(1, len(keep))
        out.append(f"threshold {th:.2f}: {len(keep)} of {len(rows)} events kept, precision {prec:.3f}, "
                   f"gold core events matched {len(core)} of {len(all_core)}")
    return out


def add_arguments(p):
    p.add_argument("--gold", default=str(SHARED / "dev_gold.json"), help="whole-article gold (JSON list)")
    p.add_argument("--stories", default=str(SHARED / "dev.jsonl"), help="the gold's story texts (JSONL)")
    p.add_argument("--hold-out", type=int, default=10,
                   help="leave out the last N stories of the gold (the out-of-sample set)")
    p.add_argument("--extra", default=str(EXTRA),
                   help="more whole-article gold on the same story texts (default: the project's "
                        "annotations/voa_extra_gold.json; '' for none)")
    p.add_argument("--extra-hold-out", type=int, default=EXTRA_HELD,
                   help=f"leave out the last N stories of --extra (default {EXTRA_HELD})")
    p.add_argument("--seed", default=str(SEED_GOLD),
                   help="the seed article's hand annotation, one more story to learn from (default: "
                        "../shared/seed/gold.json beside article.txt; '' for none)")
    p.add_argument("--threshold", type=float, default=0.2, help="keep events with probability >= this")
    p.add_argument("-C", type=float, default=0.5, help="regularisation")
    p.add_argument("--cv", action="store_true", help="print a story-grouped 5-fold estimate instead of training")
    p.add_argument("--out", default=None, help="model path (default: the package's models/event_none.npz)")


def run(args) -> int:
    from ..extract import event_none

    rows = examples(args.gold, args.stories, args.hold_out)
    extra = Path(args.extra) if args.extra else None
    if extra is not None and extra.exists():
        rows += examples(extra, args.stories, args.extra_hold_out)
    if args.seed:
        rows += seed_examples(args.seed, Path(args.seed).with_name("article.txt"))
    print(f"{len(rows)} coded events from {len({r[0] for r in rows})} stories, "
          f"{sum(bool(r[2]) for r in rows)} matching a gold event")
    if args.cv:
        for line in cross_validate(rows, args.C):
            print(line)
        return 0
    from ..linear import LinearModel

    model = fit(rows, args.C)
    model["threshold"] = args.threshold
    model["meta"] = {"gold": str(args.gold), "hold_out": args.hold_out, "extra": str(args.extra or ""),
                     "seed_article": str(args.seed or ""),
                     "extra_hold_out": args.extra_hold_out, "C": args.C, "seed": SEED, "examples": len(rows)}
    out = Path(args.out) if args.out else event_none.MODEL_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = dict(model["meta"], threshold=args.threshold)
    LinearModel.from_sklearn(model["vectorizer"], model["classifier"], meta).save(out)
    event_none._load.cache_clear()
    print(f"wrote {out}")
    return 0
