"""When and where an event happened.

:func:`attach_time_place` fills ``Event.date``, ``Event.date_basis`` and
``Event.location`` in place:

- date: the date expression of the event's own clause (``date_basis = "clause"``);
  else the nearest governing one — the clause that embeds it ("NATO confirmed *on
  October 23* that North Korea had deployed ..."), then the rest of the sentence
  (``"governing"``); else the publication date (``"published"``) for events that are
  asserted, reported or negated. Future, hypothetical, conditional and advocated
  events get no publication date: they had not happened when the article was written.
  Durations ("for many years"), future references ("soon") and open intervals up to
  now ("thus far") never date an event.
- location: the place the event's clause gives with a locative preposition ("traveled
  *to Moscow*", "troops *in the Kursk region*", "strikes on targets deep within *Russian
  territory*"); for an assault with no such place, the target country named in the
  clause ("the war against *Ukraine*"). Places that are the event's own source or target
  actors ("*Germany* announced") are not its location.
"""
from __future__ import annotations

from typing import Optional

from ._text import token_at
from ..model import Location

_CLAUSAL = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "csubj", "parataxis", "acl", "pcomp", "conj"}
_LOCATIVE = {"in", "into", "to", "at", "near", "across", "inside", "within", "on", "throughout",
             "over", "onto", "toward", "towards", "from", "along", "outside"}
_MOVES = {"MOBILIZE", "CONSULT", "RETREAT", "ASSAULT"}
_NO_PUBLISHED = {"future", "hypothetical", "conditional", "advocated"}
_BAD_QUALIFIERS = {"future", "until", "duration"}


def _get(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _clause_head(tok):
    h = tok
    for _ in range(40):
        if h.pos_ in ("VERB", "AUX") and h.dep_ in _CLAUSAL or h.dep_ == "ROOT":
            return h
        if h.head.i == h.i:
            return h
        h = h.head
    return h


def _clause_tokens(head, keep) -> set[int]:
    """Token indices of the clause headed by ``head``, without embedded clauses
    (unless they contain token index ``keep``)."""
    out = set()
    stack = [head]
    while stack:
        t = stack.pop()
        out.add(t.i)
        for c in t.children:
            if c.dep_ in _CLAUSAL - {"ROOT"} and c.pos_ in ("VERB", "AUX") and c.dep_ != "xcomp":
                sub = {x.i for x in c.subtree}
                if keep not in sub:
                    continue
            stack.append(c)
    return out


def _date_ok(d) -> bool:
    if not d.value or d.granularity == "duration" or (d.qualifier or "") in _BAD_QUALIFIERS:
        return False
    # "the largest invasion since World War II": a historical yardstick, not the event's date
    if d.qualifier == "since" and d.anchor and not d.anchor[:1].isdigit():
        return False
    return True


def _in_tokens(d, doc, toks: set[int]) -> bool:
    t = token_at(doc, d.start)
    return t is not None and t.i in toks


def _pick_date(ev, dates, doc, trig) -> tuple[Optional[str], Optional[str]]:
    s, e = ev.sentence["start"], ev.sentence["end"]
    in_sent = [d for d in dates if s <= d.start < e]
    if not in_sent or trig is None:
        return None, None
    usable = [d for d in in_sent if _date_ok(d)]
    # a future reference in the event's own clause: the event is not dated by the text
    head = _clause_head(trig)
    own = _clause_tokens(head, trig.i) | {x.i for x in trig.subtree}
    if any(_in_tokens(d, doc, own) and (d.qualifier == "future") for d in in_sent):
        return None, "future"
    mine = [d for d in usable if _in_tokens(d, doc, own)]
    if mine:
        d = min(mine, key=lambda d: abs(d.start - trig.idx))
        return d.value, "clause"
    # climb to governing clauses
    h = head
    for _ in range(10):
        if h.head.i == h.i:
            break
        parent = _clause_head(h.head)
        toks = _clause_tokens(parent, h.i)
        gov = [d for d in usable if _in_tokens(d, doc, toks)]
        if gov:
            d = min(gov, key=lambda d: abs(d.start - trig.idx))
            return d.value, "governing"
        if parent.i == h.i:
            break
        h = parent
    if usable:
        d = min(usable, key=lambda d: abs(d.start - trig.idx))
        return d.value, "governing"
    return None, None


def _actor_spans(ev) -> list[tuple[int, int]]:
    out = []
    for a in list(_get(ev, "source") or []) + list(_get(ev, "target") or []):
        s, e = _get(a, "start"), _get(a, "end")
        if s is not None and e is not None:
            out.append((s, e))
    return out


def _pick_place(ev, places, doc, trig):
    s, e = ev.sentence["start"], ev.sentence["end"]
    in_sent = [p for p in places if s <= p.start < e]
    if not in_sent or trig is None:
        return None
    actors = _actor_spans(ev)
    head = _clause_head(trig)
    own = _clause_tokens(head, trig.i) | {x.i for x in trig.subtree}
    best = None
    typ = _get(ev, "type")
    trig_sub = {x.i for x in trig.subtree} if trig.pos_ in ("NOUN", "PROPN") else {trig.i}
    for p in in_sent:
        t = token_at(doc, p.start)
        if t is None or t.i not in own:
            continue
        # walk up from the place's head to a preposition
        h = t
        for _ in range(6):
            if h.dep_ in ("pobj", "pcomp") or h.head.i == h.i:
                break
            h = h.head
        prep = h.head if h.dep_ in ("pobj", "pcomp") else None
        if prep is None or prep.lower_ not in _LOCATIVE:
            continue
        # the preposition must modify the trigger, its clause's verb, or (nominal
        # trigger) a word inside the trigger's phrase: "troops in the Kursk region"
        if not (prep.head.i in (trig.i, head.i) or prep.head.i in trig_sub):
            continue
        word = prep.lower_
        if word == "from" and typ not in ("MOBILIZE", "RETREAT", "AID"):
            continue
        if word in ("to", "toward", "towards", "onto") and typ not in _MOVES:
            continue  # "supplying shells to Russia": the recipient, not a place of the event
        if word == "on" and typ != "ASSAULT" and p.kind != "vague_region":
            continue  # "consequences on Moscow"
        if word == "on" and any(a0 < p.end and p.start < a1 for a0, a1 in actors) and typ != "ASSAULT":
            continue
        key = (abs(p.start - trig.idx), -(p.end - p.start))
        if best is None or key < best[0]:
            best = (key, p)
    if best is not None:
        return best[1]
    if _get(ev, "type") in ("ASSAULT", "COERCE"):
        for p in in_sent:
            t = token_at(doc, p.start)
            if t is None or t.i not in own or p.kind not in ("country", "region", "city"):
                continue
            for a in _get(ev, "target") or []:
                if _get(a, "country") and _get(a, "country") == p.country:
                    return p
    return None


def attach_time_place(events, dates, places, doc, published) -> None:
    """Give each event the date and the location of its clause (see module docs).

    Mutates ``events`` in place; existing ``date``/``location`` values are kept. Never
    raises on odd input: an event whose trigger cannot be found is left as it is.
    """
    if not events:
        return
    dates = sorted(dates or [], key=lambda d: d.start)
    places = sorted(places or [], key=lambda p: p.start)
    for ev in events:
        try:
            trig = token_at(doc, ev.trigger.start)
        except Exception:
            trig = None
        try:
            if ev.date is None:
                value, basis = _pick_date(ev, dates, doc, trig)
                if value:
                    ev.date, ev.date_basis = value, basis
                elif published and basis != "future" and (ev.factuality or "") not in _NO_PUBLISHED:
                    ev.date, ev.date_basis = str(published)[:10], "published"
            if ev.location is None:
                p = _pick_place(ev, places, doc, trig)
                if p is not None:
                    ev.location = Location(name=p.name, country=p.country, lat=p.lat, lon=p.lon)
        except Exception:
            continue
