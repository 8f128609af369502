"""``redline train quotes|clusters|events``: build Redline's trained components from shared data.

Training is reproducible (fixed seeds) and writes small artefacts into the package's
``data/`` and ``models/`` folders by default.
"""
from __future__ import annotations

from ._kinds import register_kinds

KINDS = {
    "quotes": "learn the reporting-frame table from PolNeAR train",
    "clusters": "learn word clusters from the shared unlabelled news (run before `train events`; needs gensim)",
    "events": "train the PLOVER event-type classifier on PLV train (and optionally the synthetic stories)",
    "events_none": "train the learned 'none' decision over coded events on the VOA work stories (the held-out 10 left out)",
}


def register(sub):
    register_kinds(sub, "train", "train Redline's components from the shared data",
                   "Build Redline's trained components from the shared corpora, reproducibly.",
                   "redline.training", KINDS)
