"""``redline train quotes``: learn which (verb, frame) pairs report content, from PolNeAR.

Indirect attribution in PolNeAR is broad (speech, beliefs, intentions, endorsements,
evidence). Redline's rules generate, for every verb of a parsed article, its candidate
contents by *frame* (``that`` clause, ``to`` infinitive, nominal ``obj``ect, ``prep:X``
object), with or without a speaker found. This command scores each candidate against the
gold attributions of the training articles (the METRICS.md content match, 80% overlap of
the shorter span, *and* the verb overlapping the gold cue) and writes, per (lemma, frame, context: speaker found / none / inside a direct quote), how often it matched:
``src/redline/data/quote_frames.tsv``. The extractor then uses a learned pair when its
precision on train is at least ``FRAME_MIN_P`` (see :mod:`redline.extract.quotes`).

The artefact is a small table (a few hundred rows) of counts: no text of the corpus.
Reproduce: ``redline train quotes ../shared/data/polnear/train`` (deterministic: same parse
model, same data, same table).
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "quote_frames.tsv"


def add_arguments(parser) -> None:
    parser.add_argument("dirs", nargs="*", metavar="DIR",
                        default=[str(Path(__file__).resolve().parents[4] / "shared" / "data" / "polnear" / "train")],
                        help="PolNeAR-format training directories (default: ../shared/data/polnear/train)")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="where to write the table (default: %(default)s)")
    parser.add_argument("--min-n", type=int, default=4, help="keep pairs seen at least this often")
    parser.add_argument("--cache", metavar="DIR", default=None, help="keep the spaCy parses in DIR (DocBin)")


def learn(dirs, cache=None) -> dict:
    from redline.evaluation.quotes import _parsed, load_polnear, matches, Pred
    from redline.extract.quotes import frame_candidates
    arts = []
    for d in dirs:
        arts.extend(load_polnear(d))
    docs = _parsed([a.text for a in arts], cache)
    stats: dict = collections.defaultdict(lambda: [0, 0])
    for art, doc in zip(arts, docs):
        for c in frame_candidates(doc):
            p = Pred(c["start"], c["end"], c["kind"], [])
            cs, ce = c["cue"] if c.get("cue") else (-1, -1)
            # a real match: the content matches and the verb is the gold cue (a short span
            # inside some other attribution's content would "match" by overlap alone)
            ok = any(matches(p, g) and any(min(ce, b) > max(cs, a) for a, b in g.cue) for g in art.gold)
            st = stats[c["key"]]
            st[0] += 1
            st[1] += ok
    return {"articles": len(arts), "stats": stats}


def run(args) -> int:
    for d in args.dirs:
        if not (Path(d) / "text").is_dir():
            print(f"not a PolNeAR-format directory (no text/): {d}", file=sys.stderr)
            return 2
    res = learn(args.dirs, args.cache)
    rows = sorted(((k, v) for k, v in res["stats"].items() if v[0] >= args.min_n),
                  key=lambda kv: (kv[0][0], kv[0][1], kv[0][2]))
    out = Path(args.out)
    with out.open("w", encoding="utf-8") as f:
        f.write("# Learned by `redline train quotes` from PolNeAR train "
                f"({res['articles']} articles, first annotator): for each verb lemma, frame and\n"
                "# whether a speaker was found, how many candidate contents the rules produced (n)\n"
                "# (context 1: speaker found, 0: none, 2: inside a direct quote)\n"
                "# and how many matched a gold attribution (content: 80% overlap; cue: overlapping). Counts only.\n")
        f.write("lemma\tframe\tcontext\tn\tmatched\tprecision\n")
        for (lemma, frame, ctx), (n, m) in rows:
            f.write(f"{lemma}\t{frame}\t{ctx}\t{n}\t{m}\t{m / n:.3f}\n")
    print(f"wrote {len(rows)} (lemma, frame) rows from {res['articles']} articles to {out}")
    return 0
