"""``redline eval quotes|events|details|articles``: score Redline against annotated data."""
from __future__ import annotations

from ._kinds import register_kinds

KINDS = {
    "quotes": "score quotes and attribution on PolNeAR-format directories (text/ + attributions/)",
    "events": "score PLOVER event types on PLV-format TSV files (macro-F1 with its bootstrap "
              "interval, dyad+type, confusion matrix)",
    "details": "score dates, places, equipment and quantities against hand annotations",
    "articles": "score whole annotated articles (quotes, speakers, persons' countries, events) "
                "with ../shared/eval/score_articles.py, work and held-out splits, bootstrap "
                "intervals of the event figures",
}


def register(sub):
    register_kinds(sub, "eval", "score Redline on annotated data",
                   "Score Redline against annotated data, with the figures of METRICS.md.",
                   "redline.evaluation", KINDS)
