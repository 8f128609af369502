"""Features of a candidate event (trigger token + actor and recipient token spans) for
the event-type classifier. Shared by training (``redline train events``) and
extraction, so both see exactly the same representation.

Features (all sparse, string-valued, read off the existing parse: no re-parsing):
sentence lemmas and lemma bigrams; the trigger's lemma, particle and object head;
lemmas between the actor and the recipient; the recipient's preposition; the
dependency path from the trigger to the recipient; negation/modal flags; and the
PLOVER types the event lexicon gives to the trigger, its object and the sentence's
words.
"""
from __future__ import annotations

from typing import Optional

from ..plover import lexicon

_SKIP_POS = {"PUNCT", "SPACE", "DET", "NUM", "SYM"}


def lex_type(tok, pos: str) -> Optional[str]:
    """Lexicon type of a token (lemma + particle first: "call for", "rule out")."""
    lex = lexicon()
    lem = tok.lemma_.lower()
    if pos == "VERB":
        for c in tok.children:
            if c.dep_ in ("prt", "prep"):
                e = lex.get((f"{lem} {c.lower_}", "VERB"))
                if e:
                    return e.type
            if c.dep_ == "dobj":
                e = lex.get((f"{lem} {c.lemma_.lower()}", "VERB"))
                if e:
                    return e.type
    e = lex.get((lem, pos))
    return e.type if e else None


def _path(a, b, limit: int = 6) -> str:
    """Dependency labels from ``a`` up to the common ancestor and down to ``b``."""
    anc_a = [a] + list(a.ancestors)[:limit]
    ids = {t.i: k for k, t in enumerate(anc_a)}
    up_b = []
    t = b
    for _ in range(limit + 1):
        if t.i in ids:
            k = ids[t.i]
            ups = [x.dep_ for x in anc_a[:k]]
            return "^".join(ups) + "|" + "v".join(reversed(up_b))
        up_b.append(t.dep_)
        if t.head == t:
            break
        t = t.head
    return "far"


def features(doc, trigger, src: Optional[tuple[int, int]], tgt: Optional[tuple[int, int]]) -> dict:
    """Feature dict of one candidate event. ``src``/``tgt`` are token spans or None."""
    sent = trigger.sent
    f: dict[str, float] = {}
    lemmas = []
    for t in sent:
        if t.pos_ in _SKIP_POS or t.is_stop and t.pos_ not in ("ADP", "PART"):
            continue
        lem = t.lemma_.lower()
        lemmas.append(lem)
        f["w=" + lem] = 1.0
        if t.pos_ in ("VERB", "NOUN"):
            lt = lex_type(t, t.pos_)
            if lt:
                f["lexs=" + lt] = f.get("lexs=" + lt, 0) + 0.5
    for a, b in zip(lemmas, lemmas[1:]):
        f["bg=" + a + "_" + b] = 1.0
    lem = trigger.lemma_.lower()
    f["tr=" + lem] = 1.0
    f["trpos=" + trigger.pos_] = 1.0
    lt = lex_type(trigger, "VERB" if trigger.pos_ in ("VERB", "AUX") else "NOUN")
    if lt:
        f["lex=" + lt] = 1.0
    for c in trigger.children:
        if c.dep_ in ("prt",):
            f["trp=" + lem + "_" + c.lower_] = 1.0
        if c.dep_ in ("dobj", "attr", "oprd"):
            f["obj=" + c.lemma_.lower()] = 1.0
            f["trobj=" + lem + "_" + c.lemma_.lower()] = 1.0
            lo = lex_type(c, "NOUN")
            if lo:
                f["lexobj=" + lo] = 1.0
        if c.dep_ == "xcomp":
            f["xc=" + c.lemma_.lower()] = 1.0
            lx = lex_type(c, "VERB")
            if lx:
                f["lexxc=" + lx] = 1.0
        if c.dep_ == "neg":
            f["neg"] = 1.0
        if c.dep_ == "aux" and c.lower_ in ("will", "would", "should", "could", "may", "might", "must"):
            f["modal=" + c.lower_] = 1.0
        if c.dep_ in ("auxpass", "nsubjpass"):
            f["passive"] = 1.0
    if trigger.dep_ == "xcomp" or trigger.dep_ == "pcomp":
        f["gov=" + trigger.head.lemma_.lower()] = 1.0
    if trigger.pos_ == "NOUN" and trigger.head != trigger:
        f["nounhead=" + trigger.head.lemma_.lower()] = 1.0
    if src is not None and tgt is not None:
        lo, hi = (src[1], tgt[0]) if src[0] <= tgt[0] else (tgt[1], src[0])
        between = [t for t in doc[lo:hi] if t.pos_ not in _SKIP_POS]
        for t in between[:25]:
            f["b=" + t.lemma_.lower()] = 1.0
            if t.pos_ in ("VERB", "NOUN"):
                lb = lex_type(t, t.pos_)
                if lb:
                    f["lexb=" + lb] = 1.0
        f["order=" + ("st" if src[0] <= tgt[0] else "ts")] = 1.0
    for name, span in (("s", src), ("t", tgt)):
        if span is None:
            f[name + "=none"] = 1.0
            continue
        head = doc[span[0]:span[1]].root
        f[name + "h=" + head.lemma_.lower()] = 0.5
        f[name + "ent=" + (head.ent_type_ or head.pos_)] = 1.0
        if name == "t":
            f["path=" + _path(trigger, head)] = 1.0
            if head.dep_ == "pobj":
                f["tprep=" + head.head.lower_] = 1.0
                f["trtprep=" + lem + "_" + head.head.lower_] = 1.0
    return f
