"""``redline eval details``: score dates, places, equipment and quantities.

Two gold sources, both read in place:

- the seed article's hand annotation (``../shared/seed/gold.json``: ``dates``,
  ``locations``, ``equipment``, ``quantities``), analysed with publication date 2024-11-04;
- Redline's own hand annotation of dates and places on PolNeAR dev articles
  (``tests/annotations/polnear_details.json``; the texts stay in
  ``../shared/data/polnear/dev/text``), scored separately for the ``tuning`` split (five
  articles that were used to tune the extractors) and the ``heldout`` split (annotated
  afterwards, never tuned on).

Matching is one-to-one by character overlap (the largest overlaps first). For each list
we report precision, recall and F1 over overlap matches, the number of exact-span
matches, and, over the matched pairs, the share with the right normalisation: date
value (where the gold has an ISO value) and qualifier; place country and kind; equipment
category (a coarse mapping of the gold's free-text categories); quantity value,
qualifier and claimant (the predicted claimant entity must share a mention with the gold
claimant, or its cited name must be one of the gold claimant's mentions).
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("REDLINE_SHARED", ROOT.parent / "shared"))
ANNOTATIONS = ROOT / "tests" / "annotations" / "polnear_details.json"
SEED_PUBLISHED = "2024-11-04"

# gold free-text category -> Redline category (first keyword that matches wins)
_CATEGORY_KEYS = [
    ("mortar", "mortar"), ("guided missile", "anti-tank guided missile"), ("grenade launcher", "rocket launcher"),
    ("rocket launcher", "rocket launcher"), ("sniper", "small arms"), ("machine gun", "small arms"),
    ("small arms", "small arms"), ("night", "optics/night vision"), ("thermal", "optics/night vision"),
    ("sight", "optics/night vision"), ("optic", "optics/night vision"), ("artillery ammunition", "artillery shell"),
    ("shell", "artillery shell"), ("ballistic", "ballistic missile"), ("cruise", "cruise missile"),
    ("drone", "drone"), ("tank", "armour"), ("armour", "armour"), ("aircraft", "aircraft"),
    ("air defen", "air defence"), ("munitions", "munitions"), ("weapons", "weapons"), ("arms", "weapons"),
]
_KIND_MAP = {"continent": "region", "sea": "region", "river": "region", "mountain": "region",
             "vague_region": "vague_region", "facility": "facility", "address": "facility"}


def add_arguments(parser) -> None:
    parser.add_argument("--shared", type=Path, default=SHARED, help="path of ../shared (default: %(default)s)")
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS,
                        help="hand annotations of dates/places (default: %(default)s)")
    parser.add_argument("--only", choices=["seed", "polnear"], help="score one source only")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list misses and false positives")
    parser.add_argument("--speed", type=int, metavar="N", default=0,
                        help="instead of scoring, time the four detail extractors against the bare parse "
                             "on the first N PolNeAR dev texts")


def _match(gold: list[dict], pred: list, gspan, pspan) -> list[tuple[int, int]]:
    """One-to-one matching by overlap size, largest first."""
    pairs = []
    for i, g in enumerate(gold):
        gs, ge = gspan(g)
        for j, p in enumerate(pred):
            ps, pe = pspan(p)
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                exact = (gs, ge) == (ps, pe)
                pairs.append((exact, ov, i, j))
    pairs.sort(key=lambda x: (not x[0], -x[1]))
    used_g, used_p, out = set(), set(), []
    for _, _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def _prf(n_gold: int, n_pred: int, n_match: int) -> dict:
    p = n_match / n_pred if n_pred else 0.0
    r = n_match / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold": n_gold, "pred": n_pred, "matched": n_match, "precision": round(p, 3),
            "recall": round(r, 3), "f1": round(f, 3)}


def _share(ok: int, n: int) -> Optional[float]:
    return round(ok / n, 3) if n else None


def _iso(v) -> bool:
    return isinstance(v, str) and bool(re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?", v))


def _qual_ok(gold_q: Optional[str], pred_q: Optional[str]) -> bool:
    g = (gold_q or "").lower()
    p = (pred_q or "").lower()
    if not g:
        return not p or p in ("present",)
    return bool(p) and p in g


def score_dates(gold: list[dict], pred: list, errors: list | None = None) -> dict:
    pairs = _match(gold, pred, lambda g: (g["start"], g["end"]), lambda p: (p.start, p.end))
    res = _prf(len(gold), len(pred), len(pairs))
    exact = sum(1 for i, j in pairs if (gold[i]["start"], gold[i]["end"]) == (pred[j].start, pred[j].end))
    vals = [(gold[i], pred[j]) for i, j in pairs if _iso(gold[i].get("value"))]
    v_ok = sum(1 for g, p in vals if p.value == g["value"])
    q_ok = sum(1 for i, j in pairs if _qual_ok(gold[i].get("qualifier"), pred[j].qualifier))
    res.update(exact=exact, value_acc=_share(v_ok, len(vals)), value_n=len(vals),
               qualifier_acc=_share(q_ok, len(pairs)))
    if errors is not None:
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        errors += [f"date MISS {g['start']}-{g['end']} {g['text']!r} {g.get('value')}" for k, g in enumerate(gold) if k not in mg]
        errors += [f"date FP   {p.start}-{p.end} {p.text!r} {p.value}" for k, p in enumerate(pred) if k not in mp]
        errors += [f"date VAL  {g['text']!r} gold {g['value']} pred {p.value}" for g, p in vals if p.value != g["value"]]
    return res


def score_places(gold: list[dict], pred: list, errors: list | None = None) -> dict:
    pairs = _match(gold, pred, lambda g: (g["start"], g["end"]), lambda p: (p.start, p.end))
    res = _prf(len(gold), len(pred), len(pairs))
    exact = sum(1 for i, j in pairs if (gold[i]["start"], gold[i]["end"]) == (pred[j].start, pred[j].end))
    c_ok = sum(1 for i, j in pairs if (gold[i].get("country") or None) == (pred[j].country or None))

    def kind(k: Optional[str]) -> str:
        k = (k or "").split(" ")[0].lower()
        return _KIND_MAP.get(k, k)

    k_ok = sum(1 for i, j in pairs if kind(gold[i].get("kind")) == kind(pred[j].kind))
    res.update(exact=exact, country_acc=_share(c_ok, len(pairs)), kind_acc=_share(k_ok, len(pairs)))
    if errors is not None:
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        errors += [f"place MISS {g['start']}-{g['end']} {g['text']!r}" for k, g in enumerate(gold) if k not in mg]
        errors += [f"place FP   {p.start}-{p.end} {p.text!r} {p.name} {p.country}" for k, p in enumerate(pred) if k not in mp]
        errors += [f"place CTRY {gold[i]['text']!r} gold {gold[i].get('country')} pred {pred[j].country} ({pred[j].name})"
                   for i, j in pairs if (gold[i].get("country") or None) != (pred[j].country or None)]
    return res


def _gold_category(cat: str) -> Optional[str]:
    c = cat.lower()
    for key, ours in _CATEGORY_KEYS:
        if key in c:
            return ours
    return None


def score_equipment(gold: list[dict], pred: list, errors: list | None = None) -> dict:
    # items sharing a span (RPK/PKM) are told apart by their designator
    def gspan(g):
        return g["span"]["start"], g["span"]["end"]

    pairs = []
    used_p = set()
    for i, g in enumerate(gold):
        gs, ge = gspan(g)
        desig = (g.get("designator") or {}).get("text")
        cands = [(j, p) for j, p in enumerate(pred) if j not in used_p and min(ge, p.end) - max(gs, p.start) > 0]
        if desig:
            named = [(j, p) for j, p in cands if desig.lower() in p.name.lower()]
            cands = named or cands
        if cands:
            j, _ = max(cands, key=lambda jp: min(ge, jp[1].end) - max(gs, jp[1].start))
            used_p.add(j)
            pairs.append((i, j))
    res = _prf(len(gold), len(pred), len(pairs))
    exact = sum(1 for i, j in pairs if gspan(gold[i]) == (pred[j].start, pred[j].end))
    cat_ok = sum(1 for i, j in pairs if _gold_category(gold[i]["category"]) == pred[j].category)
    res.update(exact=exact, category_acc=_share(cat_ok, len(pairs)))
    if errors is not None:
        mg = {i for i, _ in pairs}
        errors += [f"equip MISS {g['span']['text']!r}" for k, g in enumerate(gold) if k not in mg]
        errors += [f"equip FP   {p.text!r} {p.name}" for k, p in enumerate(pred) if k not in used_p]
        errors += [f"equip CAT  {gold[i]['span']['text']!r} gold {gold[i]['category']!r} pred {pred[j].category!r}"
                   for i, j in pairs if _gold_category(gold[i]["category"]) != pred[j].category]
    return res


def _claimant_ok(gold_id: Optional[str], pred, gold_entities: dict, pred_entities: dict) -> bool:
    if gold_id is None:
        return pred.claimant is None and not pred.claimant_name
    gment = gold_entities.get(gold_id, [])
    if pred.claimant and pred.claimant in pred_entities:
        for m in pred_entities[pred.claimant]:
            if any(m[0] < ge and gs < m[1] for gs, ge, _ in gment):
                return True
    name = (pred.claimant_name or "").lower().strip()
    return bool(name) and any(name == t.lower().strip() or name in t.lower() for _, _, t in gment)


def score_quantities(gold: list[dict], pred: list, gold_entities: dict, pred_entities: dict,
                     errors: list | None = None) -> dict:
    pairs = _match(gold, pred, lambda g: (g["quantity_span"]["start"], g["quantity_span"]["end"]),
                   lambda p: (p.start, p.end))
    res = _prf(len(gold), len(pred), len(pairs))
    exact = sum(1 for i, j in pairs if (gold[i]["span"]["start"], gold[i]["span"]["end"]) == (pred[j].start, pred[j].end))
    v_ok = sum(1 for i, j in pairs if gold[i]["normalized"].get("value") == pred[j].value)
    q_ok = sum(1 for i, j in pairs if (gold[i]["normalized"].get("qualifier") or None) == (pred[j].qualifier or None))
    c_ok = sum(1 for i, j in pairs if _claimant_ok(gold[i].get("claimant"), pred[j], gold_entities, pred_entities))
    res.update(exact=exact, value_acc=_share(v_ok, len(pairs)), qualifier_acc=_share(q_ok, len(pairs)),
               claimant_acc=_share(c_ok, len(pairs)))
    if errors is not None:
        mg = {i for i, _ in pairs}
        mp = {j for _, j in pairs}
        errors += [f"qty MISS {g['span']['text']!r}" for k, g in enumerate(gold) if k not in mg]
        errors += [f"qty FP   {p.text!r}" for k, p in enumerate(pred) if k not in mp]
        errors += [f"qty CLAIM {gold[i]['span']['text']!r} gold {gold[i].get('claimant')} pred {pred[j].claimant} {pred[j].claimant_name!r}"
                   for i, j in pairs if not _claimant_ok(gold[i].get("claimant"), pred[j], gold_entities, pred_entities)]
    return res


def _seed_gold_places(gold: dict) -> list[dict]:
    return [{"start": x["start"], "end": x["end"], "text": x["text"], "name": x.get("canonical"),
             "country": x.get("iso3"), "kind": x.get("type")} for x in gold.get("locations", [])]


def _seed_gold_dates(gold: dict) -> list[dict]:
    out = []
    for d in gold.get("dates", []):
        norm = d.get("normalized", {})
        q = " ".join(str(x) for x in (norm.get("modifier"), norm.get("qualifier")) if x)
        out.append({"start": d["span"]["start"], "end": d["span"]["end"], "text": d["span"]["text"],
                    "value": norm.get("value"), "qualifier": q or None})
    return out


def evaluate_seed(shared: Path, errors: list | None = None) -> dict:
    from ..model import Article
    from ..pipeline import analyse

    text = (shared / "seed" / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((shared / "seed" / "gold.json").read_text(encoding="utf-8"))
    art = analyse(Article(id="seed", text=text, published=SEED_PUBLISHED))
    if art.error:
        raise RuntimeError(f"seed article failed: {art.error}")
    gold_entities = {e["id"]: [(m["start"], m["end"], m["text"]) for m in e.get("mentions", [])]
                     for e in gold.get("entities", [])}
    pred_entities = {e.id: [(m.start, m.end) for m in e.mentions] for e in art.entities}
    return {
        "dates": score_dates(_seed_gold_dates(gold), art.dates, errors),
        "places": score_places(_seed_gold_places(gold), art.places, errors),
        "equipment": score_equipment(gold.get("equipment", []), art.equipment, errors),
        "quantities": score_quantities(gold.get("quantities", []), art.quantities, gold_entities, pred_entities, errors),
    }


def evaluate_polnear(shared: Path, annotations: Path, errors: list | None = None,
                     split: Optional[str] = None) -> dict:
    from ..model import Article
    from ..pipeline import analyse_many

    ann = json.loads(annotations.read_text(encoding="utf-8"))
    text_dir = shared / "data" / "polnear" / "dev" / "text"
    arts, golds = [], []
    for a in ann["articles"]:
        if split and a.get("split", "tuning") != split:
            continue
        text = (text_dir / a["file"]).read_text(encoding="utf-8")
        arts.append(Article(id=a["file"], text=text, published=a.get("published")))
        golds.append(a)
    dates_g, dates_p, places_g, places_p = [], [], [], []
    offset = 0
    for art, g in zip(analyse_many(arts), golds):
        if art.error:
            raise RuntimeError(f"{art.id} failed: {art.error}")
        # one long virtual document: shift offsets so the matching stays per article
        shift = offset
        for d in g["dates"]:
            dates_g.append({**d, "start": d["start"] + shift, "end": d["end"] + shift})
        for p in g["places"]:
            places_g.append({**p, "start": p["start"] + shift, "end": p["end"] + shift})
        for d in art.dates:
            d2 = type(d)(**{**d.__dict__, "start": d.start + shift, "end": d.end + shift})
            dates_p.append(d2)
        for p in art.places:
            p2 = type(p)(**{**p.__dict__, "start": p.start + shift, "end": p.end + shift})
            places_p.append(p2)
        offset += len(art.text) + 1
    return {"articles": len(golds),
            "dates": score_dates(dates_g, dates_p, errors),
            "places": score_places(places_g, places_p, errors)}


def _print(name: str, scores: dict) -> None:
    print(f"== {name}")
    for kind, s in scores.items():
        if not isinstance(s, dict):
            print(f"  {kind}: {s}")
            continue
        extra = " ".join(f"{k}={v}" for k, v in s.items() if k not in ("gold", "pred", "matched", "precision", "recall", "f1"))
        print(f"  {kind:<11} gold={s['gold']:<3} pred={s['pred']:<3} P={s['precision']:.3f} R={s['recall']:.3f} "
              f"F1={s['f1']:.3f}  {extra}")


def speed(shared: Path, n: int) -> dict:
    """Seconds spent parsing N texts and in each detail extractor (after warm-up)."""
    import time

    from ..extract import actors, dates, equipment, places, quantities, quotes
    from ..parse import load_nlp

    files = sorted((shared / "data" / "polnear" / "dev" / "text").glob("*.txt"))[:n]
    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = load_nlp()
    warm = list(nlp.pipe(texts[:2]))
    for d in warm:  # loads the gazetteers and lexicons
        dates.extract_dates(d, "2016-10-01"), places.extract_places(d, []), equipment.extract_equipment(d)
        quantities.extract_quantities(d, [], None)
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=8))
    parse_s = time.perf_counter() - t
    cost = {"dates": 0.0, "places": 0.0, "equipment": 0.0, "quantities": 0.0}
    for d in docs:
        ents = actors.extract_entities(d)
        index = actors.EntityIndex(ents)
        qs, _ = quotes.extract_quotes(d, ents, index)
        for kind, fn in (("dates", lambda: dates.extract_dates(d, "2016-10-01")),
                         ("places", lambda: places.extract_places(d, ents)),
                         ("equipment", lambda: equipment.extract_equipment(d)),
                         ("quantities", lambda: quantities.extract_quantities(d, qs, index))):
            t = time.perf_counter()
            fn()
            cost[kind] += time.perf_counter() - t
    total = sum(cost.values())
    return {"texts": len(docs), "parse_s": round(parse_s, 3), **{k: round(v, 3) for k, v in cost.items()},
            "details_over_parse": round(total / parse_s, 4) if parse_s else None}


def run(args) -> int:
    shared = Path(args.shared)
    if args.speed:
        print(json.dumps(speed(shared, args.speed), indent=1))
        return 0
    out = {}
    errors: list | None = [] if args.errors else None
    if args.only in (None, "seed"):
        if not (shared / "seed" / "gold.json").exists():
            print(f"seed gold not found under {shared}")
            return 2
        out["seed"] = evaluate_seed(shared, errors)
    if args.only in (None, "polnear"):
        if not (shared / "data" / "polnear" / "dev" / "text").exists():
            print(f"PolNeAR texts not found under {shared}")
            return 2
        for split in ("tuning", "heldout"):
            if errors is not None:
                errors.append(f"-- polnear {split}")
            out[f"polnear-{split}"] = evaluate_polnear(shared, Path(args.annotations), errors, split)
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for name, scores in out.items():
            _print(name, scores)
    if errors:
        print("\n".join(errors))
    return 0
