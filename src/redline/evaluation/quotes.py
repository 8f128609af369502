"""``redline eval quotes DIR...``: score quote and attribution extraction on PolNeAR.

Reads PolNeAR-format directories (``text/*.txt`` and brat ``attributions/*_<annotator>.ann``;
the gold of an article is the first ``.ann`` file in sorted order) and prints the figures of
``../shared/eval/METRICS.md``:

- **precision**: predicted quotes whose content matches some gold content / predicted quotes;
- **all-attribution recall**: gold contents matched by some predicted quote, and **all-F1**;
- **direct recall**: the same over gold contents that begin and end with a double quotation
  mark (trailing ``.,;:!?)`` ignored);
- **speaker correct**: for matched direct quotes whose gold has a Source, the predicted speaker
  mention overlaps the gold Source, or the predicted speaker entity has a mention that does.

A match is a character overlap covering at least 80% of the shorter of the two spans (gold
contents made of several parts count as the union of their parts). Figures are broken down by
kind: gold contents are *direct* (as above), *mixed* (some double quotation mark inside) or
*indirect* (none); predicted quotes by their own ``kind``.

``--baseline regex|textacy`` scores a baseline instead of Redline: a 15-line regular expression
(:func:`regex_baseline`) or textacy's ``direct_quotations`` run paragraph by paragraph (on a
whole article it raises on an odd number of quotation marks). ``--errors`` lists, per article,
missed gold contents, unmatched predictions and wrong speakers.
"""
from __future__ import annotations

import hashlib
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

DOUBLE_MARKS = "\"“”„‟«»"
MATCH = 0.8


# --------------------------------------------------------------------------- gold
@dataclass
class Gold:
    parts: list[tuple[int, int]]  # content, union of parts
    source: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    kind: str  # direct | mixed | indirect
    text: str


@dataclass
class GoldArticle:
    name: str
    text: str
    gold: list[Gold] = field(default_factory=list)


def _spans(spec: str) -> list[tuple[int, int]]:
    out = []
    for piece in spec.split(";"):
        a, b = piece.split()
        out.append((int(a), int(b)))
    return out


def _union(spans):
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [(a, b) for a, b in out]


def gold_kind(text: str, parts) -> str:
    lo, hi = min(a for a, _ in parts), max(b for _, b in parts)
    s = text[lo:hi].strip()
    core = s.rstrip(".,;:!?) ")
    if core[:1] in DOUBLE_MARKS and core[-1:] in DOUBLE_MARKS and len(core) > 1:
        return "direct"
    if core.startswith("''") and core.endswith("''") and len(core) > 3:
        return "direct"
    if any(m in s for m in DOUBLE_MARKS) or "''" in s:
        return "mixed"
    return "indirect"


def read_ann(path: Path, text: str) -> list[Gold]:
    tb: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not cols or not cols[0]:
            continue
        if cols[0].startswith("T") and len(cols) >= 2:
            label, _, spec = cols[1].partition(" ")
            try:
                tb[cols[0]] = (label, _spans(spec))
            except ValueError:
                continue
        elif cols[0].startswith("E") and len(cols) >= 2:
            args: dict[str, list[str]] = {}
            for arg in cols[1].split()[1:]:
                role, _, tid = arg.partition(":")
                role = re.sub(r"\d+$", "", role)
                args.setdefault(role, []).append(tid)
            events.append(args)
    out = []
    for args in events:
        content = [sp for t in args.get("Content", []) if t in tb for sp in tb[t][1]]
        if not content:
            continue
        content = _union(content)
        source = [sp for t in args.get("Source", []) if t in tb for sp in tb[t][1]]
        cue = [sp for t in args.get("Cue", []) if t in tb for sp in tb[t][1]]
        lo, hi = content[0][0], content[-1][1]
        out.append(Gold(content, source, cue, gold_kind(text, content), text[lo:hi]))
    return out


def load_polnear(directory: str | Path) -> list[GoldArticle]:
    """Articles of a PolNeAR-format directory with the gold of their first annotator."""
    d = Path(directory)
    arts = []
    for tpath in sorted((d / "text").glob("*.txt")):
        text = tpath.read_text(encoding="utf-8")
        anns = sorted((d / "attributions").glob(tpath.stem + "_*.ann"))
        arts.append(GoldArticle(tpath.stem, text, read_ann(anns[0], text) if anns else []))
    return arts


# --------------------------------------------------------------------------- predictions
@dataclass
class Pred:
    start: int
    end: int
    kind: str
    speakers: list[tuple[int, int]]  # speaker mention + mentions of its entity
    speaker_text: str = ""
    qid: str = ""


def _overlap(a: int, b: int, spans) -> int:
    return sum(max(0, min(b, y) - max(a, x)) for x, y in spans)


def matches(pred: Pred, gold: Gold) -> bool:
    glen = sum(y - x for x, y in gold.parts)
    plen = pred.end - pred.start
    if glen <= 0 or plen <= 0:
        return False
    return _overlap(pred.start, pred.end, gold.parts) >= MATCH * min(glen, plen)


def _parsed(texts: list[str], cache: str | None):
    """Parse ``texts`` (in order), reusing a DocBin cache file when given."""
    from redline.parse import load_nlp
    nlp = load_nlp()
    path = None
    if cache:
        # the pipeline's components are part of the key: a parse by other components is stale
        h = hashlib.sha1("\x00".join([",".join(nlp.pipe_names)] + texts).encode("utf-8")).hexdigest()[:16]
        path = Path(cache) / f"polnear-{h}.spacy"
        if path.exists():
            from spacy.tokens import DocBin
            return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    if path is not None:
        from spacy.tokens import DocBin
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def redline_predictions(articles: list[GoldArticle], cache: str | None = None, timing=None):
    from redline.extract import quotes as Q
    docs = _parsed([a.text for a in articles], cache)
    preds = []
    t_extract = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        try:
            from redline.extract import actors
            entities = actors.extract_entities(doc)
            index = actors.EntityIndex(entities, doc)
        except Exception:  # actors not ready: quotes falls back on spaCy's entities
            entities, index = [], None
        t1 = time.perf_counter()
        quotes, _terms = Q.extract_quotes(doc, entities, index)
        t_extract += time.perf_counter() - t1
        mentions = {e.id: [(m.start, m.end) for m in e.mentions] for e in entities}
        out = []
        for q in quotes:
            spk = []
            if q.speaker is not None:
                spk.append((q.speaker.start, q.speaker.end))
                spk.extend(mentions.get(q.speaker.entity, []))
            out.append(Pred(q.start, q.end, q.kind, spk, q.speaker.text if q.speaker else "", q.id))
        preds.append(out)
        _ = t0
    if timing is not None:
        timing["quotes_s"] = t_extract
    return preds


_REGEX_QUOTE = re.compile(r"[\"“]([^\"“”\n]{15,}?)[\"”]")
_REGEX_AFTER = re.compile(
    r"[,\s]*(?:(?P<s1>(?:[A-Z][\w.'-]*\s?){1,4}|he|she|they)\s+"
    r"(?P<c1>said|says|added|told|asked|wrote|explained)|(?P<c2>said|says|added|told|asked|wrote)\s+"
    r"(?P<s2>(?:[A-Z][\w.'-]*\s?){1,4}))")
_REGEX_BEFORE = re.compile(
    r"(?P<s>(?:[A-Z][\w.'-]*\s?){1,4}|he|she|they)\s+(?P<c>said|says|added|told \w+|wrote)[,:]?\s*$")


def regex_baseline(text: str) -> list[Pred]:
    """The 15-line regular-expression baseline of METRICS.md: text between double marks
    (15 characters or more), speaker = a capitalised name or pronoun next to said/says/..."""
    out = []
    for m in _REGEX_QUOTE.finditer(text):
        spk: list[tuple[int, int]] = []
        a = _REGEX_AFTER.match(text, m.end())
        if a:
            g = "s1" if a.group("s1") else "s2"
            spk.append(a.span(g))
        else:
            b = _REGEX_BEFORE.search(text, max(0, m.start() - 80), m.start())
            if b:
                spk.append(b.span("s"))
        out.append(Pred(m.start(1), m.end(1), "direct", spk))
    return out


def textacy_predictions(articles: list[GoldArticle]):
    """textacy's ``direct_quotations`` run on each paragraph separately (a paragraph on
    which it raises yields nothing)."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:  # pragma: no cover
        raise SystemExit("textacy is not installed: pip install -e '.[bench]'")
    from redline.parse import load_nlp
    nlp = load_nlp()
    preds = []
    for art in articles:
        out = []
        paras = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", art.text)]
        for (off, para), doc in zip(paras, nlp.pipe([p for _, p in paras], batch_size=32)):
            try:
                triples = list(direct_quotations(doc))
            except Exception:
                continue
            for tr in triples:
                spk = [(off + t.idx, off + t.idx + len(t.text)) for t in tr.speaker]
                c = tr.content
                out.append(Pred(off + c.start_char, off + c.end_char, "direct", spk))
        preds.append(out)
    return preds


# --------------------------------------------------------------------------- scoring
KINDS = ("direct", "indirect", "mixed")


def score(articles: list[GoldArticle], preds: list[list[Pred]], errors=None) -> dict:
    s = {"articles": len(articles), "gold": 0, "pred": 0, "pred_ok": 0, "gold_found": 0,
         "by_gold": {k: [0, 0] for k in KINDS}, "by_pred": {k: [0, 0] for k in KINDS},
         "spk_total": 0, "spk_ok": 0}
    for art, ps in zip(articles, preds):
        lines = []
        for p in ps:
            ok = any(matches(p, g) for g in art.gold)
            s["pred"] += 1
            s["pred_ok"] += ok
            k = p.kind if p.kind in KINDS else "indirect"
            s["by_pred"][k][0] += 1
            s["by_pred"][k][1] += ok
            if not ok and errors is not None:
                lines.append(f"  FP  [{p.kind}] {art.text[p.start:p.end][:160]!r}")
        for g in art.gold:
            found = [p for p in ps if matches(p, g)]
            s["gold"] += 1
            s["gold_found"] += bool(found)
            s["by_gold"][g.kind][0] += 1
            s["by_gold"][g.kind][1] += bool(found)
            if not found:
                if errors is not None:
                    lines.append(f"  FN  [{g.kind}] {g.text[:160]!r}")
                continue
            if g.kind == "direct" and g.source:
                s["spk_total"] += 1
                ok = any(_overlap(a, b, g.source) > 0 for p in found for a, b in p.speakers)
                s["spk_ok"] += ok
                if not ok and errors is not None:
                    src = " / ".join(art.text[a:b] for a, b in g.source)
                    got = found[0].speaker_text or None
                    lines.append(f"  SPK gold {src!r} got {got!r}: {g.text[:80]!r}")
        if lines and errors is not None:
            errors.append(f"{art.name}\n" + "\n".join(lines))
    return s


def _ratio(a, b):
    return a / b if b else 0.0


def summary(s: dict) -> dict:
    p = _ratio(s["pred_ok"], s["pred"])
    r = _ratio(s["gold_found"], s["gold"])
    d_tot, d_ok = s["by_gold"]["direct"]
    return {
        "direct_recall": _ratio(d_ok, d_tot),
        "speaker_correct": _ratio(s["spk_ok"], s["spk_total"]),
        "precision": p,
        "all_recall": r,
        "all_f1": 2 * p * r / (p + r) if p + r else 0.0,
    }


def report(s: dict, title: str) -> str:
    m = summary(s)
    out = [f"{title}: {s['articles']} articles, {s['gold']} gold attributions, {s['pred']} predicted quotes",
           f"  direct recall    {m['direct_recall']:.3f}  ({s['by_gold']['direct'][1]}/{s['by_gold']['direct'][0]})",
           f"  speaker correct  {m['speaker_correct']:.3f}  ({s['spk_ok']}/{s['spk_total']})",
           f"  precision        {m['precision']:.3f}  ({s['pred_ok']}/{s['pred']})",
           f"  all recall       {m['all_recall']:.3f}  ({s['gold_found']}/{s['gold']})",
           f"  all F1           {m['all_f1']:.3f}",
           "  by kind          gold recall            predicted precision"]
    for k in KINDS:
        gt, gok = s["by_gold"][k]
        pt, pok = s["by_pred"][k]
        out.append(f"    {k:<9}      {_ratio(gok, gt):.3f} ({gok}/{gt})".ljust(40)
                   + f"{_ratio(pok, pt):.3f} ({pok}/{pt})")
    return "\n".join(out)


def add_arguments(parser) -> None:
    parser.add_argument("dirs", nargs="+", metavar="DIR",
                        help="PolNeAR-format directories (text/*.txt, attributions/*.ann)")
    parser.add_argument("--baseline", choices=["regex", "textacy"],
                        help="score a baseline instead of Redline")
    parser.add_argument("--errors", action="store_true",
                        help="list, per article, missed gold, unmatched predictions, wrong speakers")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles per directory")
    parser.add_argument("--cache", metavar="DIR", default=None,
                        help="keep the spaCy parses in DIR (DocBin) to re-score quickly")


def run(args) -> int:
    articles: list[GoldArticle] = []
    for d in args.dirs:
        if not (Path(d) / "text").is_dir():
            print(f"not a PolNeAR-format directory (no text/): {d}", file=sys.stderr)
            return 2
        arts = load_polnear(d)
        articles.extend(arts[: args.limit] if args.limit else arts)
    timing: dict = {}
    t0 = time.perf_counter()
    if args.baseline == "regex":
        preds = [regex_baseline(a.text) for a in articles]
    elif args.baseline == "textacy":
        preds = textacy_predictions(articles)
    else:
        preds = redline_predictions(articles, cache=args.cache, timing=timing)
    elapsed = time.perf_counter() - t0
    errors: list[str] | None = [] if args.errors else None
    s = score(articles, preds, errors)
    if errors:
        print("\n\n".join(errors))
        print()
    print(report(s, args.baseline or "redline"))
    extra = f", quote extraction {timing['quotes_s']:.2f}s" if "quotes_s" in timing else ""
    print(f"  time             {elapsed:.1f}s{extra}")
    return 0
