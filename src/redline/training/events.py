"""``redline train events``: the PLOVER event-type classifier.

Two models: ``events.npz`` for lone sentences and headlines, trained on
``PLV_train.tsv`` (news sentences with a marked actor and recipient, 15 labels with
CONCEDE/RETREAT as YIELD), and ``events_story.npz`` for whole stories (5 sentences or
more), trained on the same rows and on the events of the whole-article VOA gold that are
not held out (``--voa-weight``, default 0.25, chosen by ``bench/story_weight_cv.py``: the
30 work stories of ``dev_gold.json`` and
the first 27 of the project's ``annotations/voa_extra_gold.json``; each gold event whose
trigger a candidate of extraction overlaps gives that candidate its gold type). Stories
are not sentences: on PLV's rows the VOA examples cost 0.02 of CV macro-F1 (at weight
0.5), on the held-out VOA stories they add 0.04–0.07 of core event recall. Optionally, the first sentences of the
NGEC synthetic stories (document-level labels; ``--synthetic-weight``, 0 = not used).

Each example is featurised exactly as extraction featurises a candidate event
(:func:`redline.extract.event_features.features`), on the candidate event extraction
itself finds whose actor and recipient overlap the marked ones best (so training sees
what prediction sees); when no candidate overlaps them, the trigger is the lowest
common ancestor of the marked actor and recipient in the dependency tree. The model is a
multinomial logistic regression over a ``DictVectorizer`` (scikit-learn, CPU, fixed
seed), saved as plain arrays to ``src/redline/models/events.npz`` (about 1 MB; scored with
NumPy at extraction, :mod:`redline.linear`). The features
include word clusters (``redline train clusters``, run first); a model and the clusters
file it was trained with go together.
"""
from __future__ import annotations

import csv
import functools
import logging
import os
import time
from pathlib import Path

from .events_none import EXTRA, EXTRA_HELD

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("REDLINE_SHARED", ROOT.parent / "shared"))
PLV_TRAIN = SHARED / "data" / "plv" / "PLV_train.tsv"
SYNTHETIC = SHARED / "data" / "ngec-synthetic" / "synthetic_events.csv.zip"
SEED = 13
DEFAULT_C = 2.0
#: the whole-article gold the classifier also learns from, and how many stories at the
#: end of each list are held out (never trained on)
VOA_GOLD = ((SHARED / "data" / "voa" / "dev_gold.json", 10),
            (EXTRA, EXTRA_HELD))
VOA_STORIES = SHARED / "data" / "voa" / "dev.jsonl"
DEFAULT_VOA_WEIGHT = 0.25


def read_plv(path) -> list[dict]:
    """PLV rows: uid, sentence, source, target, label (gold_root)."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            uid = (r.get("") or r.get("uid") or r.get("sentence_id") or "").strip()
            rows.append({"uid": uid or str(len(rows)), "sentence": r["sentence"],
                         "source": r.get("source", ""), "target": r.get("target", ""),
                         "label": (r.get("gold_root") or "").strip()})
    return rows


def gold_char_span(text: str, s: str):
    """Character span of the first occurrence of ``s`` in ``text`` (stripped), or None."""
    s = (s or "").strip()
    if not s:
        return None
    k = text.find(s)
    if k < 0:
        k = text.lower().find(s.lower())
    if k < 0:
        return None
    return k, k + len(s)


def _tok_span(doc, span):
    if span is None:
        return None
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return None
    return sp.start, sp.end


def trigger_between(doc, s_span, t_span):
    """The lowest common ancestor of the actor's and the recipient's heads (a verb or
    noun), which is what extraction takes as the trigger."""
    heads = [doc[a:b].root for a, b in (s_span, t_span) if a is not None]
    if not heads:
        return doc[0].sent.root
    if len(heads) == 1:
        t = heads[0].head
    else:
        anc = {heads[0].i} | {x.i for x in heads[0].ancestors}
        t = heads[1]
        while t.i not in anc and t.head != t:
            t = t.head
    k = 0
    while t.pos_ not in ("VERB", "NOUN", "AUX") and t.head != t and k < 8:
        t = t.head
        k += 1
    return t


#: How training examples are made: "lca" (trigger = lowest common ancestor of the gold
#: actor and recipient), "cand" (the extracted candidate event the evaluation would pick,
#: LCA when none overlaps), "both".
TRAIN_MODE = "cand"


def _char_overlap(spans, gold) -> float:
    if gold is None or not spans:
        return 0.0
    covered = set()
    for a, b in spans:
        covered.update(range(max(a, gold[0]), min(b, gold[1])))
    return len(covered) / max(1, gold[1] - gold[0])


def best_candidate(doc, gs, gt):
    """The extracted candidate event (verbal, as typed by the classifier) whose actor and
    recipient spans overlap the gold character spans best, with its token spans."""
    from ..extract import event_actors as ea
    from ..extract.events import candidates

    best, best_key = None, 0.0
    for sent in doc.sents:
        try:
            cands = candidates(doc, sent)
        except Exception:
            continue
        for c in cands:
            sp = {}
            for name, head in (("s", c.src), ("t", c.tgt)):
                sp[name] = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in ea.actor_spans(head)] \
                    if head is not None else []
            key = _char_overlap(sp["s"], gs) + _char_overlap(sp["t"], gt)
            if key > best_key:
                best_key = key
                best = (c.trigger, ea.np_tokens(c.src) if c.src is not None else None,
                        ea.np_tokens(c.tgt) if c.tgt is not None else None)
    return best


def plv_examples(rows, docs, mode: str | None = None):
    """(features, label) for PLV rows whose actor/recipient can be found in the sentence."""
    from ..extract.event_features import features

    mode = mode or TRAIN_MODE
    X, y, keep = [], [], []
    for k, (r, doc) in enumerate(zip(rows, docs)):
        gs = gold_char_span(r["sentence"], r["source"])
        gt = gold_char_span(r["sentence"], r["target"])
        s = _tok_span(doc, gs)
        t = _tok_span(doc, gt)
        if s is None and t is None:
            continue
        trig = trigger_between(doc, s or (None, None), t or (None, None))
        cand = best_candidate(doc, gs, gt) if mode in ("cand", "both") else None
        if cand is None or mode in ("lca", "both"):
            X.append(features(doc, trig, s, t))
            y.append(r["label"])
            keep.append(k)
        if cand is not None and (mode == "cand" or cand[0] != trig):
            X.append(features(doc, *cand))
            y.append(r["label"])
            keep.append(k)
    return X, y, keep


def read_synthetic(path, limit: int | None = None) -> list[dict]:
    from ..plover import YIELD_TYPES
    from .stories import synthetic_rows

    rows = synthetic_rows(path)
    out = []
    for r in rows[:limit]:
        label = r["label"].strip().upper()
        if label in YIELD_TYPES:
            label = "YIELD"
        text = r["text"].strip().split("\n")[0][:600]
        out.append({"text": text, "label": label})
    return out


def synthetic_examples(rows, docs, clear_only: bool = True):
    """Features of the first sentence's main event (found as extraction finds it).

    With ``clear_only``, only stories whose first sentence's main verb (or its object
    noun) has the story's type in the event lexicon are kept: the story label is a
    document label, and the first sentence often describes something else."""
    from ..extract.event_actors import verb_roles, np_tokens
    from ..extract.event_features import features, lex_type
    from ..plover import eval_label

    X, y = [], []
    for r, doc in zip(rows, docs):
        sent = next(iter(doc.sents), None)
        if sent is None:
            continue
        root = sent.root
        if clear_only:
            types = {lex_type(root, "VERB")} | {lex_type(c, "NOUN") for c in root.children
                                                if c.dep_ in ("dobj", "attr") and c.pos_ == "NOUN"}
            if r["label"] not in {eval_label(t) for t in types if t}:
                continue
        src, tgt, _ = verb_roles(root) if root.pos_ in ("VERB", "AUX") else (None, None, {})
        X.append(features(doc, root, np_tokens(src) if src is not None else None,
                          np_tokens(tgt) if tgt is not None else None))
        y.append(r["label"])
    return X, y


def fit(X, y, weights=None, C: float = DEFAULT_C):
    """Vectoriser + logistic regression on feature dicts."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    Xm = vec.fit_transform(X)
    clf = LogisticRegression(C=C, max_iter=3000, random_state=SEED, class_weight="balanced")
    clf.fit(Xm, y, sample_weight=weights)
    return {"vectorizer": vec, "classifier": clf}


def parse_all(texts, n_process: int = 1):
    from ..parse import load_nlp
    return list(load_nlp().pipe(texts, batch_size=64))


def voa_examples(gold=VOA_GOLD, stories_path=VOA_STORIES) -> tuple[list, list, list]:
    """(features, labels, relative weights) of the gold events of the whole stories that
    are not held out: the candidate extraction finds at each gold trigger, labelled with
    the gold type (PLV's 15 labels). ``gold`` lists (gold path, stories held out at its
    end[, stories path[, relative weight]]); the stories path defaults to
    ``stories_path``, the weight to 1. Empty lists when the shared stories are absent."""
    from ..extract import event_actors as ea
    from ..extract.event_candidates import doc_candidates
    from ..extract.event_features import features
    from ..plover import eval_label
    from .events_none import training_gold
    from .stories import story_records

    stories, texts, weight = [], {}, {}
    for entry in gold:
        path, held = entry[0], entry[1]
        where = Path(entry[2]) if len(entry) > 2 and entry[2] else Path(stories_path)
        if not Path(path).exists() or not where.exists():
            continue
        recs = story_records(where)
        for g in training_gold(path, held):
            if str(g["id"]) in recs:
                stories.append(g)
                texts[str(g["id"])] = recs[str(g["id"])]
                weight[str(g["id"])] = float(entry[3]) if len(entry) > 3 else 1.0
    X, y, w = [], [], []
    for g, doc in zip(stories, parse_all([texts[str(g["id"])]["text"] for g in stories])):
        cands = doc_candidates(doc)
        used = set()
        for ge in g["events"]:
            a, b = ge["trigger"]["start"], ge["trigger"]["end"]
            c = next((c for c in cands if c.trigger.idx < b and c.trigger.idx + len(c.trigger) > a
                      and c.trigger.i not in used), None)
            if c is None:
                continue
            used.add(c.trigger.i)
            X.append(features(doc, c.trigger, ea.np_tokens(c.src) if c.src is not None else None,
                              ea.np_tokens(c.tgt) if c.tgt is not None else None))
            y.append(eval_label(ge["type"]))
            w.append(weight[str(g["id"])])
    return X, y, w


@functools.lru_cache(maxsize=1)
def _voa_examples_cached() -> tuple[list, list, list]:
    """:func:`voa_examples` of the default gold, read once per process (cross-validation
    builds a model per fold)."""
    return voa_examples()


def build(plv_path=PLV_TRAIN, synthetic_path=SYNTHETIC, synthetic_weight: float = 0.0,
          C: float = DEFAULT_C, rows=None, docs=None, syn=None,
          voa_weight: float = 0.0, voa=None):
    """Train on PLV rows, the VOA gold events (``voa``: (X, y), read when None, if
    ``voa_weight`` > 0) and synthetic stories if their weight > 0; returns the model dict."""
    if rows is None:
        rows = read_plv(plv_path)
        docs = parse_all([r["sentence"] for r in rows])
    X, y, _ = plv_examples(rows, docs)
    w = [1.0] * len(y)
    if voa_weight > 0:
        if voa is None:
            voa = _voa_examples_cached()
        X = X + voa[0]
        y = y + voa[1]
        w = w + [voa_weight * k for k in (voa[2] if len(voa) > 2 else [1.0] * len(voa[1]))]
    if synthetic_weight > 0:
        if syn is None:
            srows = read_synthetic(synthetic_path)
            syn = synthetic_examples(srows, parse_all([r["text"] for r in srows]))
        X = X + syn[0]
        y = y + syn[1]
        w = w + [synthetic_weight] * len(syn[1])
    model = fit(X, y, w, C=C)
    from ..extract import event_features as ef

    model["meta"] = {"trained_on": [str(plv_path)] + ([str(synthetic_path)] if synthetic_weight > 0 else []),
                     "examples": len(y), "C": C, "synthetic_weight": synthetic_weight, "seed": SEED,
                     "voa_weight": voa_weight, "voa_examples": len(voa[1]) if voa_weight > 0 and voa else 0,
                     "train_mode": TRAIN_MODE,
                     "dense_weight": ef.DENSE_WEIGHT, "sent_weight": ef.SENT_WEIGHT,
                     "trigger_extras": ef.TRIGGER_EXTRAS,
                     "cluster_features": bool(ef.CLUSTER_FEATURES and ef.word_clusters()),
                     "clusters": str(ef.CLUSTERS_PATH.name) if ef.CLUSTERS_PATH.exists() else None}
    return model


def add_arguments(p):
    p.add_argument("--plv", default=str(PLV_TRAIN), help="PLV-format training TSV")
    p.add_argument("--synthetic", default=str(SYNTHETIC), help="NGEC synthetic stories (zip)")
    p.add_argument("--synthetic-weight", type=float, default=0.0,
                   help="sample weight of the synthetic stories (0 = not used; default 0, see docs)")
    p.add_argument("--voa-weight", type=float, default=DEFAULT_VOA_WEIGHT,
                   help="sample weight of the VOA gold events not held out in the model for whole "
                        "stories, written beside --out as <name>_story.npz (0 = write only the PLV "
                        f"model for sentences; default {DEFAULT_VOA_WEIGHT})")
    p.add_argument("-C", type=float, default=DEFAULT_C, help="inverse regularisation strength")
    p.add_argument("--out", default=None,
                   help="output path of the sentence model (default: the package's models/events.npz)")


def run(args) -> int:
    from ..extract.events import MODEL_PATH
    from ..linear import LinearModel

    t0 = time.perf_counter()
    if not Path(args.plv).exists():
        print(f"training data not found: {args.plv}")
        return 2
    rows = read_plv(args.plv)
    docs = parse_all([r["sentence"] for r in rows])
    out = Path(args.out) if args.out else MODEL_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    kinds = [("sentences", out, 0.0)]
    if args.voa_weight > 0:
        kinds.append(("stories", out.with_name(out.stem + "_story" + out.suffix), args.voa_weight))
    for kind, path, weight in kinds:
        model = build(args.plv, args.synthetic, args.synthetic_weight, C=args.C, rows=rows, docs=docs,
                      voa_weight=weight)
        if kind == "stories" and not model["meta"]["voa_examples"]:
            print("no VOA gold found: no story model written")
            continue
        LinearModel.from_sklearn(model["vectorizer"], model["classifier"], model.get("meta")).save(path)
        print(f"{kind}: trained on {model['meta']['examples']} examples in {time.perf_counter() - t0:.1f}s; "
              f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")
    return 0
