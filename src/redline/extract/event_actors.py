"""Who did it and to whom: the actor and recipient noun phrases of an event trigger.

Dependency patterns over the parser's tree, no re-parsing:

- a verb's actor is its subject (``nsubj``), the ``by`` agent of a passive, the head noun
  of a relative clause ("Choe, who traveled to Moscow"), or is inherited from the verb it
  complements or is conjoined to ("allies should consider attacking ...");
- its recipient is the direct object, the dative, the passive subject, or the object of
  a directional preposition (to, against, on, with, into, toward, at, from);
- a noun trigger's actor is its possessor ("Seoul's arms supplies"), a demonym or
  name modifier ("North Korean missiles"), a ``by``/``from`` phrase, or the subject of the
  verb that governs it ("Germany ... would consider new sanctions"); its recipient is
  the object of a ``to``/``against``/``on``/``for``/``with`` phrase;
- conjoined phrases give several actors ("the U.S. and NATO allies").

All functions return token-level spans ``(start_token, end_token)`` (end exclusive).
"""
from __future__ import annotations

from typing import Iterator, Optional

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "attr", "oprd"}
TARGET_PREPS = {"to", "against", "on", "with", "into", "toward", "towards", "at", "upon", "onto"}
NOUN_TARGET_PREPS = {"to", "against", "on", "with", "for", "into", "toward", "towards", "at",
                     "over", "between", "of"}
NOUN_SOURCE_PREPS = {"by", "from"}
REL_PRONOUNS = {"who", "which", "that", "whom"}
# Dependents of an NP head that are not part of the actor's name.
_CUT = {"relcl", "acl", "advcl", "punct", "conj", "cc", "appos", "prep", "parataxis", "ccomp",
        "mark", "advmod", "npadvmod"}
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}


def np_tokens(head) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``head``.

    Keeps determiners, adjectives, compounds, possessors and ``of`` phrases
    ("the head of the House Intelligence Committee"); drops relative clauses,
    appositions, other prepositional phrases and conjuncts.
    """
    toks = [head]
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _CUT:
                if not (c.dep_ == "prep" and c.lower_ == "of" and c.head == head):
                    continue
            if c.dep_ == "prep" and c.lower_ == "of" and c.i < head.i:
                continue
            toks.append(c)
            stack.append(c)
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks) + 1
    doc = head.doc
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "case") and doc[hi - 1].i != head.i:
        hi -= 1
    return lo, hi


def conjuncts(head) -> list:
    """``head`` and the heads conjoined to it ("the U.S., Britain and France")."""
    out = [head]
    for c in head.children:
        if c.dep_ == "conj" and c.pos_ in _NOMINAL | {"ADJ"}:
            out.extend(conjuncts(c))
    return out


def actor_spans(head) -> list[tuple[int, int]]:
    """Token spans of the actors a noun phrase headed by ``head`` denotes.

    Conjoined heads give one span each; a conjoined modifier inside the phrase
    ("the U.S. and NATO allies", nmod U.S. + conj NATO) also splits it in two.
    """
    spans = []
    for h in conjuncts(head):
        mods = [c for c in h.children if c.dep_ in ("nmod", "compound", "amod") and c.i < h.i
                and any(cc.dep_ == "conj" for cc in c.children)]
        if mods:
            m = mods[0]
            lo, hi = np_tokens(h)
            parts = conjuncts(m)
            # first part: the determiner up to the first modifier conjunct
            first_lo = lo
            first_hi = m.i + 1
            while first_hi < len(h.doc) and h.doc[first_hi].dep_ in ("compound",) and h.doc[first_hi].head == m:
                first_hi += 1
            spans.append((first_lo, m.right_edge.i + 1 if m.right_edge.i < parts[1].i else first_hi))
            for p in parts[1:-1]:
                spans.append((p.left_edge.i, p.i + 1))
            last = parts[-1]
            spans.append((min(last.left_edge.i, last.i), hi))
            # tidy: no span may start with a conjunction or a comma
            spans = [(a + (1 if h.doc[a].dep_ == "cc" or h.doc[a].is_punct else 0), b) for a, b in spans]
        else:
            spans.append(np_tokens(h))
    return [(a, b) for a, b in spans if b > a]


def _rel_antecedent(tok):
    """The noun a relative pronoun stands for ("Choe, who ..." → Choe)."""
    v = tok.head
    while v.dep_ not in ("relcl", "acl") and v.head != v and v.pos_ in ("VERB", "AUX"):
        if v.dep_ in ("xcomp", "conj", "advcl"):
            v = v.head
        else:
            break
    if v.dep_ in ("relcl", "acl"):
        return v.head
    return None


def subject_of(verb, depth: int = 0):
    """The subject head of ``verb`` (own, relative-clause antecedent, or inherited)."""
    if depth > 6:
        return None
    for c in verb.children:
        if c.dep_ in SUBJ:
            if c.lower_ in REL_PRONOUNS:
                ant = _rel_antecedent(c)
                if ant is not None:
                    return ant
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in _NOMINAL and verb.tag_ != "VBN":
        if looks_actor(verb.head):
            return verb.head
        if is_event_noun(verb.head):  # "the deployment of troops to assist Russia"
            return noun_roles(verb.head)[0]
        return None
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head != verb:
        h = verb.head
        if verb.dep_ == "pcomp":  # "by attacking", "for sending", "the possibility of attacking"
            h = h.head
            if h.pos_ in ("NOUN",) and h.dep_ in ("dobj", "pobj", "nsubj", "attr") and h.head != h:
                h = h.head
                if h.dep_ == "prep":
                    h = h.head
        if verb.dep_ == "xcomp":
            # object control: "urged NATO to counter" → NATO
            for c in h.children:
                if c.dep_ in ("dobj",) and c.i < verb.i:
                    return c
        return subject_of(h, depth + 1)
    return None


def is_event_noun(tok) -> bool:
    from ..plover import lexicon
    e = lexicon().get((tok.lemma_.lower(), "NOUN"))
    return e is not None


def is_thing(tok) -> bool:
    """Handed-over or used things ("shells", "missiles") and troops are never recipients."""
    from ..plover import lexicon
    e = lexicon().get((tok.lemma_.lower(), "OBJ"))
    return e is not None


# Verbs whose subject is the actor of the event noun they govern ("Germany would consider
# new sanctions", "launched an offensive", "imposed sanctions").
NOUN_GOVERNORS = {
    "consider", "impose", "launch", "carry", "conduct", "stage", "provide", "hold", "make", "give",
    "offer", "announce", "plan", "begin", "start", "continue", "intensify", "resume", "send",
    "deliver", "pay", "mount", "wage", "authorize", "step", "deploy", "expand", "increase",
    "extend", "grant", "approve", "order", "prepare", "mull", "weigh", "discuss", "contemplate",
    "introduce", "seek", "request", "demand", "propose", "threaten", "escalate", "open", "lead",
    "organize", "organise", "declare", "enforce", "tighten", "ramp",
}


def is_passive(verb) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


def _prep_objects(tok, preps) -> Iterator:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield c, p
        elif c.dep_ == "advmod":  # "directly against X"
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in preps:
                    for p in cc.children:
                        if p.dep_ == "pobj":
                            yield cc, p


def verb_roles(verb) -> tuple[Optional[object], Optional[object], dict]:
    """(source head, target head, info) of a verbal trigger."""
    info = {"passive": False, "prep": None, "dobj": None}
    src = tgt = None
    if is_passive(verb):
        info["passive"] = True
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        src = p
            if c.dep_ in PASS_SUBJ:
                tgt = c
                if c.lower_ in REL_PRONOUNS:
                    tgt = _rel_antecedent(c) or c
        if tgt is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in _NOMINAL:
            tgt = verb.head  # "the journalist detained by police"
        if src is None:
            src = None
    else:
        src = subject_of(verb)
        objs = [c for c in verb.children if c.dep_ in OBJ]
        dobj = objs[0] if objs else None
        info["dobj"] = dobj
        dative = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in _NOMINAL]
        if dative:
            tgt = dative[0]
        elif dobj is not None and dobj.pos_ in _NOMINAL and not is_thing(dobj):
            tgt = dobj
    # a directional phrase on the verb (or on its object) names the recipient when the
    # object is a thing: "supplying artillery shells to Russia", "imposed sanctions on X"
    preps = list(_prep_objects(verb, TARGET_PREPS))
    if info["dobj"] is not None:
        preps += list(_prep_objects(info["dobj"], TARGET_PREPS))
    if preps:
        prep, pobj = preps[0]
        if tgt is None or not looks_actor(tgt):
            if looks_actor(pobj) or tgt is None:
                tgt = pobj
                info["prep"] = prep.lower_
    return src, tgt, info


def noun_roles(noun) -> tuple[Optional[object], Optional[object], dict]:
    """(source head, target head, info) of a nominal trigger."""
    info = {"prep": None, "governor": None}
    src = tgt = None
    for c in noun.children:
        if c.dep_ == "poss":
            src = c
    if src is None:
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and looks_actor(c):
                src = c
                break
    for prep, pobj in _prep_objects(noun, NOUN_SOURCE_PREPS):
        if src is None and looks_actor(pobj):
            src = pobj
    for prep, pobj in _prep_objects(noun, NOUN_TARGET_PREPS):
        if not looks_actor(pobj):
            continue
        if pobj == src:
            continue
        tgt = pobj
        info["prep"] = prep.lower_
        break
    # the verb governing the noun: "Germany would consider new sanctions", "launch attacks"
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    if gov != noun and gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in NOUN_GOVERNORS:
        info["governor"] = gov
        if src is None and noun.dep_ in ("dobj", "pobj", "attr"):
            src = subject_of(gov)
        if tgt is None:
            for prep, pobj in _prep_objects(gov, TARGET_PREPS):
                if looks_actor(pobj):
                    tgt = pobj
                    info["prep"] = prep.lower_
                    break
    return src, tgt, info


def looks_actor(tok) -> bool:
    """Could this token head a political actor (name, demonym, pronoun, group noun)?"""
    if tok is None:
        return False
    if tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"):
        return True
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON" and tok.lower_ in ("he", "she", "they", "it", "we", "i", "them", "him", "her", "us"):
        return True
    if tok.pos_ in ("NOUN",) and any(c.ent_type_ in ("GPE", "NORP", "ORG") for c in tok.children if c.i < tok.i):
        return True
    return False
