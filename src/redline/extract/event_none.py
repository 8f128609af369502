"""The learned "none" decision of the event coder: after the filter stage, a small
logistic regression over the coded events says which are most likely no event of the
kind a careful coder records (a matching gold event).

Takes the events of one article (:class:`redline.model.Event`) and returns those the
model keeps (probability ≥ the threshold stored with the model). Features are the
event's own record: type, factuality, classifier confidence, whether source and target
have a country, their sectors, how many sources, whether there is an object, whether
the event sits in a quote, and whether source and target share a country. Not the
trigger word: weights per word learnt from a few dozen stories fit those stories' rows
("met", "deported" and "detained" were struck down wholesale) and cost held-out core
events; what a word means is the classifier's part. Trained by ``redline train
events_none`` on the 30 VOA work stories, the first 27 stories of the project's own
annotations and the seed article (the held-out ten of ``dev_gold.json`` and the last
12 of ``annotations/voa_extra_gold.json`` are left out); without the model file nothing
is dropped. Applied by :func:`redline.extract.events.extract_events` to texts of
``MIN_SENTENCES`` or more.
"""
from __future__ import annotations

import contextlib
import functools
import logging
from dataclasses import replace
from pathlib import Path

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "event_none.npz"
#: applied to texts of at least this many sentences: the model learnt from whole stories,
#: whose actors are resolved across sentences; a headline or a single sentence (PLV) is
#: outside what it has seen
MIN_SENTENCES = 5
_override = None
_recorded = None  # while recording(): the events each decision saw, one list per call


def features(ev) -> dict:
    """The feature dict of one event (a :class:`~redline.model.Event` or its JSON dict)."""
    g = (lambda k: ev.get(k)) if isinstance(ev, dict) else (lambda k: getattr(ev, k, None))

    def a(x, k):
        return x.get(k) if isinstance(x, dict) else getattr(x, k, None)
    src, tgt = list(g("source") or []), list(g("target") or [])
    f = {"type=" + str(g("type")): 1.0, "fact=" + str(g("factuality")): 1.0,
         "conf": float(g("confidence") or 0.0),
         "src_c": float(any(a(x, "country") for x in src)), "tgt_c": float(any(a(x, "country") for x in tgt)),
         "n_src": float(len(src)), "obj": float(bool(g("object"))), "quote": float(g("quote") is not None),
         "same": float(bool({a(x, "country") for x in src} & {a(x, "country") for x in tgt} - {None}))}
    if src:
        f["ssec=" + str(a(src[0], "sector"))] = 1.0
    if tgt:
        f["tsec=" + str(a(tgt[0], "sector"))] = 1.0
    return f


@functools.lru_cache(maxsize=1)
def _load():
    """The installed none-model (:mod:`redline.linear`), or None: then nothing is dropped."""
    if not MODEL_PATH.exists():
        return None
    from ..linear import load_model

    return load_model(MODEL_PATH, "event none")


def set_model(model) -> None:
    """Use ``model`` instead of the installed one (``False``: none at all; ``None``:
    the installed one again)."""
    from ..linear import as_linear

    global _override
    _override = model if model is False else as_linear(model)


def current():
    if _override is False:
        return None
    return _override if _override is not None else _load()


@contextlib.contextmanager
def recording():
    """Within the block the decision keeps every event and records copies of the events
    it saw, one list per call (per whole story), as they stood when it decided: what the
    model learns from (``redline train events_none``), whatever later steps add."""
    global _recorded
    seen: list[list] = []
    previous, _recorded = _recorded, seen
    try:
        yield seen
    finally:
        _recorded = previous


def keep(events: list) -> list:
    """The events the none-model keeps (all of them without a model)."""
    if _recorded is not None:
        _recorded.append([replace(e, source=list(e.source), target=list(e.target)) for e in events])
        return events
    model = current()
    if model is None or not events:
        return events
    th = threshold(model)
    if th <= 0.0:
        return events
    p = model.probability_of([features(e) for e in events], "True")
    return [e for e, q in zip(events, p) if q >= th]


#: the environment variable that sets the threshold for a run (``redline extract
#: --event-threshold``), so that worker processes use the same one
ENV_VAR = "REDLINE_EVENT_THRESHOLD"


def parse_threshold(text: str) -> float:
    """A threshold given by a user: a probability from 0 to 1 (ValueError otherwise)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"event threshold must be a number from 0 to 1, not {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"event threshold must be from 0 to 1, not {value}")
    return value


def threshold(model) -> float:
    """The probability an event needs to be kept: ``$REDLINE_EVENT_THRESHOLD`` when set,
    else the one stored with the model (0.2 by default)."""
    import os

    if os.environ.get(ENV_VAR):
        return parse_threshold(os.environ[ENV_VAR])
    return float(model.meta.get("threshold", 0.2))
