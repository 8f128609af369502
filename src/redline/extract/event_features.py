"""Features of a candidate event (trigger token + actor and recipient token spans) for
the event-type classifier. Shared by training (``redline train events``) and
extraction, so both see exactly the same representation.

Features (all sparse, string-valued, read off the existing parse: no re-parsing):
sentence lemmas and lemma bigrams; the trigger's lemma, particle and object head;
lemmas between the actor and the recipient; the recipient's preposition; the
dependency path from the trigger to the recipient; negation/modal flags; and the
PLOVER types the event lexicon gives to the trigger, its object and the sentence's
words; the modal of a complement clause ("says Y *must* ..."); and the word clusters
(learnt from unlabelled news by ``redline train clusters``) of the trigger, its object and
the sentence's verbs and nouns, so that words unseen in training still count.

Two options measured and left off (docs/evaluation.md, events): ``DENSE_WEIGHT`` adds the
parse's tok2vec vectors (``doc.tensor``) pooled over sentence, trigger, actor and
recipient; ``TRIGGER_EXTRAS`` adds the trigger's dependents. A model must be used with the
options it was trained with (they are recorded in its ``meta``).
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Optional

from ..plover import lexicon, word_class
from ._text import is_particle, sentence_of

_SKIP_POS = {"PUNCT", "SPACE", "DET", "NUM", "SYM"}


#: weight of the lexicon's type for the trigger (the lexicon prior; a feature, not an override)
LEX_WEIGHT = 1.0


@functools.lru_cache(maxsize=1)
def _key_heads() -> tuple[frozenset, frozenset]:
    """First words of the VERB keys, last words of the NOUN keys of the event lexicon."""
    lex = lexicon()
    verbs = frozenset(k.split(" ")[0] for k, p in lex if p == "VERB")
    nouns = frozenset(k.split(" ")[-1] for k, p in lex if p == "NOUN") | frozenset(
        k.split(" ")[0] for k, p in lex if p == "NOUN" and k.split(" ")[-1] in _NOUN_PREPS)
    return verbs, nouns


#: prepositions a noun key may end with ("call for")
_NOUN_PREPS = frozenset({"for", "on", "upon", "against", "with", "to"})


def lex_entry(tok, pos: str):
    """The event-lexicon entry of a token, most specific key first: "verb particle/prep"
    ("call for"), "verb prep noun" ("go on strike"), "verb object" ("lift sanctions"),
    "compound noun" ("cease-fire", "air strike"), "noun prep" ("a call for"), then the
    lemma alone. Kept on the doc: every stage asks about the same tokens."""
    lem = tok.lemma_.lower()
    heads = _key_heads()
    if pos == "VERB" and lem not in heads[0]:
        return None  # no key starts with this verb: most tokens stop here
    if pos == "NOUN" and lem not in heads[1] and lem not in _FRAME_NOUNS:
        return None  # no key ends with this noun
    seen = tok.doc.user_data.setdefault("redline.lex_entry", {})
    key = (tok.i, pos)
    if key not in seen:
        seen[key] = _lex_entry(tok, pos, lem)
    return seen[key]


def _lex_entry(tok, pos: str, lem: str):
    lex = lexicon()
    if pos == "VERB":
        for c in tok.children:
            if (c.dep_ == "prep" or is_particle(c)) and c.i > tok.i and not (
                    c.dep_ == "prep" and any(p.ent_type_ in ("DATE", "TIME") for p in c.children)):
                # "On Nov. 2, X called Y", "called Y on Saturday": no "call on"; the
                # longer key first ("called for a boycott" is no mere "call for")
                if c.dep_ == "prep":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            e = lex.get((f"{lem} {c.lower_} {p.lemma_.lower()}", "VERB"))
                            if e:
                                return e
                e = lex.get((f"{lem} {c.lower_}", "VERB"))
                if e:
                    return e
            if c.dep_ == "dobj" and not any(is_particle(p) for p in tok.children):
                # "called off a strike" is no "call strike"; "violated the ceasefire
                # agreement" is "violate ceasefire"
                for o in [c] + [m for m in c.children if m.dep_ == "compound"]:
                    e = lex.get((f"{lem} {o.lemma_.lower()}", "VERB"))
                    if e:
                        return e
            if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > tok.i:
                # "called for the Taliban to lift the ban": the parser makes "for" the
                # mark of the clause, not a preposition of the verb
                mark = _for_mark(tok, c)
                if mark is not None:
                    e = lex.get((f"{lem} {mark.lower_}", "VERB"))
                    if e:
                        return e
            if c.dep_ in ("oprd", "acomp", "ccomp") and c.pos_ == "ADJ":  # "found X guilty"
                e = lex.get((f"{lem} {c.lemma_.lower()}", "VERB"))
                if e:
                    return e
    if pos == "NOUN":
        e = lex.get((compound_key(tok), "NOUN"))
        if e:
            return e
        # "his government's call for"; "ordered a halt to the curfews": the parser may
        # hang the object's preposition on the verb
        beside = tok.head.children if tok.dep_ == "dobj" else ()
        for c in [*tok.children, *beside]:
            if c.dep_ in ("prep", "dative") and c.i == tok.i + 1 and c.lower_ in _NOUN_PREPS:
                e = lex.get((f"{lem} {c.lower_}", "NOUN"))
                if e:
                    return e
        if lem in _FRAME_NOUNS:
            # "an aid package", "mediation efforts", "peacekeeping operations": the act is
            # the modifier's
            for c in tok.children:
                if c.dep_ in ("compound", "amod") and c.i < tok.i:
                    e = lex.get((c.lemma_.lower(), "NOUN"))
                    if e and e.pos == "NOUN":
                        return e
    return lex.get((lem, pos))


_FRAME_NOUNS = word_class("frame_noun")


def _for_mark(verb, clause):
    """The "for" opening a for-to clause right after ``verb`` ("called for the Taliban
    to lift the ban"), or None."""
    return next((m for m in clause.children if m.dep_ == "mark" and m.lower_ == "for"
                 and verb.i < m.i < clause.i and m.i == verb.i + 1), None)


def for_clause_subject(verb):
    """The subject of a for-to clause after ``verb`` ("called for *the Taliban* to lift
    the ban"), or None."""
    for c in verb.children:
        if c.dep_ in ("advcl", "ccomp", "xcomp") and _for_mark(verb, c) is not None:
            return next((s for s in c.children if s.dep_ == "nsubj"), None)
    return None


def compound_modifier(tok):
    """The compound modifier that makes a lexicon noun with ``tok`` ("cease" of "fire":
    spaCy splits "cease-fire" in three tokens; "air" of "strike"), or None."""
    lem = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.i < tok.i \
                and lexicon().get((f"{c.lemma_.lower()} {lem}", "NOUN")):
            return c
    return None


def compound_key(tok) -> str:
    """"compound noun" key of a noun with a compound modifier, or its lemma alone."""
    mod = compound_modifier(tok)
    lem = tok.lemma_.lower()
    return f"{mod.lemma_.lower()} {lem}" if mod is not None else lem


def lex_type(tok, pos: str) -> Optional[str]:
    """PLOVER type the event lexicon gives a token (see :func:`lex_entry`), or None."""
    e = lex_entry(tok, pos)
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


#: Word clusters learnt from unlabelled news (``redline train clusters``); the trigger's,
#: its object's and the sentence's verbs' and nouns' cluster ids are features.
CLUSTERS_PATH = Path(__file__).resolve().parents[1] / "models" / "word_clusters.tsv"
CLUSTER_FEATURES = True


@functools.lru_cache(maxsize=1)
def word_clusters() -> dict[str, tuple[str, ...]]:
    """word → its cluster id at each granularity, as feature name parts ("c300=17"); empty
    when the clusters were not built."""
    if not CLUSTERS_PATH.exists():
        return {}
    out: dict[str, tuple[str, ...]] = {}
    header = None
    with open(CLUSTERS_PATH, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells[1:]
                continue
            out[cells[0]] = tuple(f"{h}={c}" for h, c in zip(header, cells[1:]))
    return out


def _clusters_of(tok) -> tuple[str, ...]:
    wc = word_clusters()
    return wc.get(tok.lower_) or wc.get(tok.lemma_.lower()) or ()


def _cluster_features(f: dict, trigger) -> None:
    for c in _clusters_of(trigger):
        f["ktr" + c] = 1.0
    for o in trigger.children:
        if o.dep_ in ("dobj", "attr"):
            for c in _clusters_of(o):
                f["kob" + c] = 1.0


def _sentence_features(sent) -> dict[str, float]:
    """The features every candidate of a sentence shares (its words, word pairs, lexicon
    types and word clusters), computed once per sentence and kept on the doc."""
    cache = sent.doc.user_data.setdefault("redline.sentence_features", {})
    key = f"{sent.start}:{sent.end}:{SENT_WEIGHT}:{CLUSTER_FEATURES}"
    f = cache.get(key)
    if f is not None:
        return f
    f = {}
    sw = SENT_WEIGHT
    lemmas = []
    for t in sent:
        if t.pos_ in _SKIP_POS or t.is_stop and t.pos_ not in ("ADP", "PART"):
            continue
        lem = t.lemma_.lower()
        lemmas.append(lem)
        f["w=" + lem] = sw
        if t.pos_ in ("VERB", "NOUN"):
            lt = lex_type(t, t.pos_)
            if lt:
                f["lexs=" + lt] = f.get("lexs=" + lt, 0) + 0.5 * sw
    for a, b in zip(lemmas, lemmas[1:]):
        f["bg=" + a + "_" + b] = sw
    if CLUSTER_FEATURES:
        for t in sent:
            if t.pos_ in ("VERB", "NOUN"):
                for c in _clusters_of(t)[1:2]:  # the middle granularity for the whole sentence
                    f["ks" + c] = 0.5
    cache[key] = f
    return f


#: Weight of the dense (tok2vec) features relative to the sparse ones; 0 = off.
DENSE_WEIGHT = 0.0
#: Weight of the sentence-wide word features (trigger-centred features weigh 1).
SENT_WEIGHT = 1.0
#: Trigger-centred extras (dependents of the trigger and of its object).
TRIGGER_EXTRAS = False


def _dense(f: dict, doc, trigger, src, tgt, w: float) -> None:
    """Mean-pooled tok2vec vectors (``doc.tensor``, computed by the parse anyway) of the
    sentence, the trigger, the actor and the recipient, as features ``d<part><k>``."""
    import numpy as np

    T = getattr(doc, "tensor", None)
    if T is None or not hasattr(T, "shape") or len(T.shape) != 2 or T.shape[0] != len(doc):
        return
    sent = sentence_of(trigger)
    parts = {"S": (sent.start, sent.end), "R": (trigger.i, trigger.i + 1), "A": src, "T": tgt}
    for name, span in parts.items():
        if span is None or span[1] <= span[0]:
            continue
        v = T[span[0]:span[1]].mean(axis=0)
        n = float(np.linalg.norm(v)) or 1.0
        v = v * (w / n)
        for k, x in enumerate(v.tolist()):
            f[f"d{name}{k}"] = x


def features(doc, trigger, src: Optional[tuple[int, int]], tgt: Optional[tuple[int, int]]) -> dict:
    """Feature dict of one candidate event. ``src``/``tgt`` are token spans or None."""
    f: dict[str, float] = dict(_sentence_features(sentence_of(trigger)))
    lem = trigger.lemma_.lower()
    # a compound trigger ("cease-fire") is one word for the classifier, not its head ("fire")
    f["tr=" + (compound_key(trigger).replace(" ", "") if trigger.pos_ == "NOUN" else lem)] = 1.0
    f["trpos=" + trigger.pos_] = 1.0
    lt = lex_type(trigger, "VERB" if trigger.pos_ in ("VERB", "AUX") else "NOUN")
    if lt:
        f["lex=" + lt] = LEX_WEIGHT
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
        if c.dep_ == "ccomp":
            for a in c.children:
                if a.dep_ == "aux" and a.lower_ in ("must", "should", "will", "would", "can", "could", "may"):
                    f["ccmodal=" + a.lower_] = 1.0
                if a.dep_ == "neg":
                    f["ccneg"] = 1.0
        if c.dep_ == "aux" and c.lower_ in ("will", "would", "should", "could", "may", "might", "must"):
            f["modal=" + c.lower_] = 1.0
        if c.dep_ in ("auxpass", "nsubjpass"):
            f["passive"] = 1.0
    if TRIGGER_EXTRAS:
        for c in trigger.children:
            if c.dep_ in ("punct", "det", "cc"):
                continue
            f["trc=" + c.dep_ + "_" + c.lemma_.lower()] = 1.0
            if c.dep_ == "prep":
                f["trpp=" + lem + "_" + c.lower_] = 1.0
                for p in c.children:
                    if p.dep_ == "pobj":
                        f["trpobj=" + c.lower_ + "_" + p.lemma_.lower()] = 1.0
            if c.dep_ in ("dobj", "attr"):
                for cc in c.children:
                    if cc.dep_ in ("amod", "compound", "prep"):
                        f["objmod=" + cc.lemma_.lower()] = 1.0
        h = trigger.head
        if h != trigger:
            f["trhead=" + trigger.dep_ + "_" + h.lemma_.lower()] = 1.0
        f["trdep=" + trigger.dep_] = 1.0
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
    if CLUSTER_FEATURES:
        _cluster_features(f, trigger)
    if DENSE_WEIGHT:
        _dense(f, doc, trigger, src, tgt, DENSE_WEIGHT)
    return f
