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

Spans are token-level ``(start_token, end_token)`` (end exclusive). The public API the
event coder uses: :func:`verb_roles`, :func:`noun_roles`, :func:`subject_of`,
:func:`actor_spans`, :func:`np_tokens`, :func:`prep_objects`, :func:`core`,
:func:`looks_actor`, :func:`is_troops`, :func:`is_thing`, :func:`is_event_noun` and the
word classes :data:`ACTOR_NOUNS`, :data:`MESSAGE_NOUNS`, :data:`TRANSPARENT_NOUNS`,
:data:`NOUN_GOVERNORS`.
"""
from __future__ import annotations

import contextvars
import functools
from typing import Iterator, Optional

from ..entity_labels import hazard_words
from ..plover import word_class
from ..tables import table
from ._text import is_to_infinitive, per_token, sentence_of
from .event_features import lex_type


SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "dative", "attr", "oprd"}
TARGET_PREPS = {"to", "against", "on", "with", "into", "toward", "towards", "at", "upon", "onto"}
NOUN_TARGET_PREPS = {"to", "against", "on", "with", "for", "into", "toward", "towards", "at",
                     "over", "between", "of"}
NOUN_SOURCE_PREPS = {"by", "from"}
# A recipient phrase that beats a non-actor object ("launched an assault on X").
STRONG_PREPS = {"to", "against", "on", "into", "toward", "towards", "upon", "onto", "between", "with"}
# ... and that beats a common-noun object of the verb ("sent a team of experts to Iran").
RECIPIENT_PREPS = {"to", "into", "against", "toward", "towards"}
#: the prepositions that name a meeting's other side or members ("a meeting of ASEAN"), or
#: the place a visit goes to
_PARTNER_PREPS = {"with", "between", "among", "of", "to"}
NAMED_ENTS = {"GPE", "NORP", "ORG", "PERSON"}
REL_PRONOUNS = {"who", "which", "that", "whom"}
# Dependents of an NP head that are not part of the actor's name.
_CUT = {"relcl", "acl", "advcl", "punct", "conj", "cc", "appos", "prep", "parataxis", "ccomp",
        "mark", "advmod", "npadvmod"}
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}
_NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "dative", "appos", "attr", "conj"}


def _mistagged_noun(tok) -> bool:
    """A noun the small model tagged ADJ in a noun's slot ("meet his *counterpart*")."""
    return tok.pos_ == "ADJ" and tok.dep_ in _NOMINAL_DEPS and tok.lemma_.lower() in ACTOR_NOUNS


_DASHES = {"--", "-", "\u2014", "\u2013"}


def dateline_end(tok) -> int:
    """Index of the dash closing a dateline at the start of ``tok``'s sentence
    ("THE HAGUE, Netherlands -- A prosecutor ...", "KABUL - A Taliban attack ..."), or -1."""
    doc = tok.doc
    table = doc.user_data.get("redline.datelines")
    if table is None or len(table) != len(doc):
        # asked for thousands of times per article: one pass over the sentences instead
        table = []
        for sent in doc.sents:
            table.extend([_sentence_dateline(sent)] * len(sent))
        doc.user_data["redline.datelines"] = table
    return table[tok.i]


def _sentence_dateline(sent) -> int:
    for t in sent[:8]:
        if t.text in _DASHES and t.i > sent.start:
            before = sent.doc[sent.start:t.i]
            if all(b.is_punct or b.pos_ in ("PROPN", "DET") or b.is_upper for b in before) \
                    and any(b.ent_type_ in ("GPE", "LOC", "ORG", "FAC") or b.is_upper for b in before):
                return t.i
            return -1
    return -1


@per_token
def np_tokens(head) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``head``.

    Keeps determiners, adjectives, compounds, possessors and ``of`` phrases, nested ones
    too ("the head of the House Intelligence Committee", "the chief of the armed forces
    of Togo"); drops relative clauses, appositions, other prepositional phrases and
    conjuncts.
    """
    toks = [head]
    stack = [head]
    # the head and the objects of its chain of of-phrases ("the chief of the armed
    # forces of Togo"): their own of-phrases belong to the phrase too
    chain = {head.i}
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _CUT:
                if not (c.dep_ == "prep" and c.lower_ == "of" and c.head.i in chain):
                    continue
            if c.dep_ == "prep" and c.lower_ == "of" and c.i < head.i:
                continue
            if c.dep_ == "amod" and c.pos_ == "VERB" and _object_taken_for_head(c) is not None:
                continue  # the sentence's verb, taken for a modifier of its object
            if c.dep_ == "pobj" and t.dep_ == "prep" and t.lower_ == "of" and t.head.i in chain:
                chain.add(c.i)
            toks.append(c)
            stack.append(c)
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks) + 1
    doc = head.doc
    d = dateline_end(head)
    if lo < d < head.i:
        lo = d + 1  # "KABUL - A Taliban attack": the dateline is not part of the phrase
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
        parts = conjuncts(mods[0]) if mods else []
        if len(parts) >= 2:
            m = mods[0]
            lo, hi = np_tokens(h)
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
        elif of_parts := _of_conjuncts(h):
            # "the finance ministers of Britain and Spain": one actor per state named
            lo, hi = np_tokens(h)
            first, *others = of_parts
            spans.append((lo, first.i + 1))
            spans.extend((p.left_edge.i, p.i + 1) for p in others)
        else:
            lo, hi = np_tokens(h)
            named = _apposed_name(h)
            if named is not None:
                # "his Iranian counterpart, Mostafa Najjar": the name says who the role is
                hi = max(hi, named.right_edge.i + 1)
            spans.append((lo, hi))
    return [(a, b) for a, b in spans if b > a]




def _of_conjuncts(head) -> list:
    """The conjoined names of a role noun's of-phrase ("the leaders of [Russia] and
    [China]"), or [] when there are fewer than two."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in actor_head_words():
        return []
    for _, o in prep_objects(head, {"of"}):
        parts = conjuncts(o)
        # "forces of the U.N. mission, or MINUSCA": another name of the same one
        if any(c.dep_ == "cc" and c.lower_ == "or" for p in parts for c in p.children):
            return []
        if len(parts) >= 2 and all(p.ent_type_ in ("GPE", "NORP", "ORG") for p in parts):
            return parts
    return []


def _apposed_name(head):
    """The named person/organisation apposed to a common role noun, if any."""
    if head.pos_ == "PROPN" or head.ent_type_ or not looks_actor(head):
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG") and c.i > head.i:
            return c
    if head.dep_ in ("dobj", "nsubj"):
        # the small model often hangs the name as a second object: "meet his counterpart
        # Italian President Sergio Mattarella"
        nxt = [c for c in head.head.children if c.dep_ == head.dep_ and c.i > head.i
               and c.ent_type_ == "PERSON" and c.left_edge.i == head.right_edge.i + 1]
        if nxt:
            return nxt[0]
    return None


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


def asked_by_demand_noun(verb):
    """The one asked to do ``verb``, a to-infinitive the parser hangs on the verb whose
    object is a demand noun ("renewed its *call on Russia* to withdraw": Russia), or
    None."""
    if verb.dep_ not in ("xcomp", "advcl") or verb.head == verb or not is_to_infinitive(verb):
        return None
    demand = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
                   and lex_type(c, "NOUN") == "REQUEST"), None)
    if demand is None:
        return None
    return next((o for _, o in prep_objects(demand, {"on", "upon", "to"}) if looks_actor(o)), None)


def subject_of(verb, depth: int = 0):
    """The subject head of ``verb`` (own, relative-clause antecedent, or inherited)."""
    if depth > 6:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJ]
    if len(subjects) > 1:
        # "BERLIN -- A court in Bavaria has convicted": a dateline parsed as a second
        # subject; the real one is nearest to the verb
        before = [c for c in subjects if c.i < verb.i]
        subjects = [before[-1]] if before else subjects[:1]
    if subjects and subjects[0].dep_ in SUBJ:
        d = dateline_end(verb)
        if subjects[0].i < d < verb.i:
            # "THE HAGUE, Netherlands -- A prosecutor has charged": the dateline was
            # parsed as the subject; the real one is the phrase between the dash and the verb
            roots = [t for t in verb.doc[d + 1:verb.i]
                     if not (d < t.head.i < verb.i) and t.pos_ in _NOMINAL]
            if roots:
                return roots[0]
    stative = stative_subject(verb)
    if stative is not None:
        subjects = [stative]
    for c in subjects:
        if c.dep_ in SUBJ or c is stative:
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
    if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "attr" and verb.head.head.lemma_ == "be" \
            and is_to_infinitive(verb):
        # "X was the first to reject the constitution": the copula's subject acts
        return subject_of(verb.head.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and is_to_infinitive(verb) and verb.head.dep_ == "dobj":
        # "gave Hamas an ultimatum to release", "gave Putin a deadline to end the war":
        # what is given to someone to do, the one it is given to does
        dative = next((c for c in verb.head.head.children if c.dep_ == "dative" and looks_actor(c)), None)
        if dative is not None:
            return dative
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in INTENT_NOUNS and is_to_infinitive(verb) \
            and verb.head.dep_ != "ROOT":
        # "Japan has no plans to lift", "Moscow's decision to withdraw", "announced a bid
        # to join": whoever holds the plan or makes the decision does the act (a noun
        # the parser made the root has lost its verb: the parse is not to be trusted)
        owner = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        if verb.head.dep_ in ("dobj", "attr") and verb.head.head != verb.head:
            return subject_of(verb.head.head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in _NOMINAL and verb.tag_ != "VBN":
        if (verb.dep_ == "acl" and verb.head.lemma_.lower() in MESSAGE_NOUNS
                and verb.head.dep_ in ("dobj", "nsubjpass") and verb.head.head != verb.head):
            # "released a joint statement criticising X": the statement's author criticises
            return subject_of(verb.head.head, depth + 1)
        if looks_actor(verb.head):
            return verb.head
        if is_event_noun(verb.head):  # "the deployment of troops to assist Russia"
            return noun_roles(verb.head)[0]
        return None
    asked = asked_by_demand_noun(verb)
    if asked is not None:
        return asked
    if verb.dep_ == "conj" and any(c.dep_ in PASS_SUBJ for c in verb.children):
        return None  # "Police said ..., but no one was killed": a passive with its own subject
    # "hinted at lifting the sanctions": the parser may make a gerund after a preposition
    # its object, as if it were a noun; it is the preposition's complement all the same
    gerund = verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and verb.tag_ == "VBG" and verb.head.dep_ == "prep")
    if (verb.dep_ in ("xcomp", "conj", "advcl") or gerund) and verb.head != verb:
        h = verb.head
        said = speech_conjunct(verb)
        if said is not None:
            return subject_of(said, depth + 1)
        if verb.dep_ == "xcomp" and h.pos_ == "ADJ" and h.dep_ in ("acomp", "amod") and h.head != h:
            h = h.head  # "the U.S. is willing to provide", "must be ready to mediate"
        if gerund:  # "by attacking", "for sending", "the possibility of attacking"
            if h.lower_ in ("of", "for", "against", "from"):
                # object control: "accusing India of providing support", "blamed Kyiv for
                # shelling", "warned Iran against enriching": the verb's object acts, also
                # when the parser hangs the phrase on the object ("the U.N. accused rebels
                # [of killing civilians]")
                objs = []
                if h.head.pos_ == "VERB":
                    objs.append(next((c for c in h.head.children if c.dep_ == "dobj" and c.i < h.i), None))
                if h.head.dep_ == "dobj" and h.head.head.pos_ == "VERB":
                    objs.append(h.head)
                obj = next((o for o in objs if o is not None and looks_actor(o)), None)
                if obj is not None:
                    return obj
            h = h.head
            if h.pos_ in ("NOUN",) and h.dep_ in ("dobj", "pobj", "nsubj", "attr") and h.head != h:
                h = h.head
                if h.dep_ == "prep":
                    h = h.head
        if verb.dep_ == "xcomp":
            # a passive's subject is the infinitive's: "Rubio is expected to have a meeting",
            # "Kyiv was urged (by Paris) to negotiate" (object control seen from the passive)
            for c in h.children:
                if c.dep_ in PASS_SUBJ and c.i < verb.i:
                    return c
            # object control: "urged NATO to counter" → NATO; not after a verb of using
            # ("China uses security laws to suppress freedoms" → China)
            for c in h.children:
                if c.dep_ in ("dobj",) and c.i < verb.i and h.lemma_.lower() not in INSTRUMENT_VERBS:
                    return c
            # ... also through a preposition: "called on Russia to withdraw", "appealed to
            # the rebels to lay down their arms"
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") and c.i < verb.i:
                    for p in c.children:
                        if p.dep_ == "pobj" and looks_actor(p):
                            return p
        return subject_of(h, depth + 1)
    return None


_SPEECH_VERBS = word_class("speech_verb")
INSTRUMENT_VERBS = word_class("instrument_verb")


def speech_conjunct(verb):
    """The speech verb a verb is really coordinated with, or None. "Peskov said the
    accusations were absurd and accused Vilnius": the parse joins "accused" to the
    reported clause, whose subject (a thing) cannot accuse; a conjunct whose inherited
    subject is no actor continues the speaker's own sentence ("said ... and accused")."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or any(c.dep_ in SUBJ | PASS_SUBJ for c in verb.children):
        return None
    first = verb.head
    if first.dep_ != "ccomp" or first.head.lemma_.lower() not in _SPEECH_VERBS:
        return None
    from ..plover import lexicon, quad
    subj = next((c for c in first.children if c.dep_ in SUBJ | PASS_SUBJ), None)
    if subj is None or subj.pos_ == "PRON" or looks_actor(subj):
        return None
    act = lexicon().get((core(subj).lemma_.lower(), "NOUN"))
    if act is not None and quad(act.type).startswith("material"):
        return None  # "said the strike destroyed grain and wounded five workers": the strike did
    entry = lexicon().get((verb.lemma_.lower(), "VERB"))
    if entry is None or not quad(entry.type).startswith("verbal"):
        return None  # only a speech act continues what the speaker says
    return first.head


def is_event_noun(tok) -> bool:
    from ..plover import lexicon
    e = lexicon().get((tok.lemma_.lower(), "NOUN"))
    return e is not None


def is_thing(tok) -> bool:
    """Handed-over or used things ("shells", "missiles") and troops are never recipients."""
    from ..plover import lexicon
    e = lexicon().get((tok.lemma_.lower(), "OBJ"))
    return e is not None and e.type == "AID"


def _own_people(tok) -> bool:
    """People the subject sends or calls back, marked as its own ("its ambassador",
    "their diplomats", "its citizens")."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in tok.children)


def points_back(noun) -> bool:
    """Does a definite or demonstrative determiner make ``noun`` a mention of something
    told before ("the attack", "this bombing", "those drills"), not a new one ("an
    attack", "attacks")?"""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children)


LABOUR_WORDS = word_class("labour_word")


def about_work(tok) -> bool:
    """Is ``tok``'s sentence about work, wages or unions (word class ``labour_word``)? A
    "strike" in it is a labour strike, no air strike."""
    return any(t.lemma_.lower() in LABOUR_WORDS for t in sentence_of(tok))


_CROWD_CONTROL = word_class("crowd_control_weapon")


def is_crowd_control_weapon(tok) -> bool:
    """Is the noun a crowd-control weapon ("tear gas", "water cannon", "batons")?"""
    lem = tok.lemma_.lower()
    return lem in _CROWD_CONTROL or any(
        f"{m.lemma_.lower()} {lem}" in _CROWD_CONTROL for m in tok.children
        if m.dep_ in ("compound", "amod") and m.i == tok.i - 1)


def is_troops(tok) -> bool:
    """Armed personnel nouns ("troops", "soldiers", "forces")."""
    from ..plover import lexicon
    e = lexicon().get((tok.lemma_.lower(), "OBJ"))
    if e is not None and e.type == "MOBILIZE":
        return True
    # "thousands of troops", "a battalion of soldiers"
    return any(is_troops(p) for _, p in prep_objects(tok, {"of"})) if tok.pos_ in ("NOUN", "NUM") else False


# Verbs whose subject is the actor of the event noun they govern ("Germany would consider
# new sanctions", "launched an offensive", "imposed sanctions").
NOUN_GOVERNORS = word_class("noun_governor")
#: "face", "undergo": with an act as object ("faces charges") the subject is its recipient
UNDERGO_VERBS = word_class("undergo_verb")
#: "receive", "win", "have": an act the subject receives or holds is the giver's
#: ("won the support of China" is China's support of the subject)
RECEIVING_VERBS = word_class("receiving_verb")
_PATIENT_NOUNS = word_class("patient_noun")
_DISPOSED_ADJECTIVES = word_class("disposed_adjective")
_IN_COMPLEMENT = contextvars.ContextVar("in_complement", default=False)


def _complement_target(verb):
    """The recipient of a noun's infinitive complement (no nested complements: the roles
    of the infinitive may lead back to nouns)."""
    token = _IN_COMPLEMENT.set(True)
    try:
        return verb_roles(verb, 1)[1]
    finally:
        _IN_COMPLEMENT.reset(token)


#: messages ("a letter", "a statement"): their author is the actor of their participle
#: ("issued a statement condemning X"); sending one is a communication, not aid
MESSAGE_NOUNS = word_class("message_noun")
#: nouns of an intent or a capacity to act, whose infinitive its holder does ("plans to")
INTENT_NOUNS = word_class("intent_noun")
#: nouns that stand for the act of their of-object ("a wave of attacks")
TRANSPARENT_NOUNS = word_class("transparent_noun")
_RESPONSIBILITY_NOUNS = word_class("responsibility_noun")
_OWNING_VERBS = word_class("owning_verb")


def is_passive(verb) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children)


_STATIVE_PARTICIPLES = word_class("stative_participle")


def stative_subject(verb):
    """The subject of a participle that states its subject's stance or readiness ("Russia
    is opposed to new sanctions", "India is committed to supporting Ukraine", "stands
    prepared to"): a passive in form whose subject is the one who holds the stance, and
    so the actor; None for a passive with a "by" agent ("was opposed by the U.S.") or any
    other verb."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in _STATIVE_PARTICIPLES:
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    if verb.dep_ == "acomp" and verb.head.lemma_ == "be":
        # the parser may make the participle the copula's complement
        return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None) or next(
        # ... or hang the subject on the auxiliary ("Hungary is opposed": "Hungary" ← "is")
        (c for a in verb.children if a.dep_ == "auxpass" for c in a.children if c.dep_ == "nsubj"), None)


def prep_objects(tok, preps) -> Iterator:
    for c in tok.children:
        if (c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP")) \
                and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield c, p
        elif c.dep_ == "advmod":  # "directly against X"
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in preps:
                    for p in cc.children:
                        if p.dep_ == "pobj":
                            yield cc, p


_CIRCUMSTANCE_NOUNS = word_class("circumstance_noun")


def is_relative_clause(verb) -> bool:
    """Is ``verb`` the head of a relative clause, also one the parser made an acl ("a move
    *that his lawyer called inhumane*": a relative word or a missing object)?"""
    if verb.dep_ == "relcl":
        return True
    return verb.dep_ == "acl" and (any(c.dep_ == "dobj" and c.lower_ in REL_PRONOUNS for c in verb.children)
                                   or relativized_object(verb) is not None)


def relativized_object(verb):
    """The noun a relative clause with no object of its own says something was done to
    ("a charge *New Delhi quickly rejected*", "the sanctions Washington imposed"), or
    None: the clause has a subject and nothing else that could be its object, no
    stranded preposition ("the town the army withdrew from"), no relative adverb and no
    noun of time, reason or manner ("the day Russia attacked")."""
    head = verb.head
    kids = list(verb.children)
    # the parser may make a relative clause an acl ("a move that his lawyer called
    # inhumane"); one whose verb names with no object ("called inhumane") is one
    relative = verb.dep_ == "relcl" or (verb.dep_ == "acl" and any(c.dep_ == "oprd" for c in kids))
    if not relative or head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in _NOT_ACTOR_ENTS \
            or head.lemma_.lower() in _CIRCUMSTANCE_NOUNS:
        return None
    if not any(c.dep_ in SUBJ for c in kids) or any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative") for c in kids):
        return None
    if any(c.dep_ == "prep" and not any(p.dep_ in ("pobj", "pcomp") for p in c.children) for c in kids):
        return None
    if any(c.dep_ == "advmod" and c.tag_ == "WRB" for c in kids):
        return None
    return head


_STOP_VERBS = word_class("stop_verb")


def stopping_verb(noun):
    """The verb of stopping whose direct object ``noun`` is ("halt *the strikes*", "limit
    or cease *support*": the verb or one it is conjoined with), or None."""
    if noun.dep_ != "dobj":
        return None
    verb = noun.head
    return next((v for v in [verb, *verb.conjuncts] if v.lemma_.lower() in _STOP_VERBS), None)


def out_of_objects(verb) -> list:
    """(preposition, object) of a verb's "out of" phrase ("pulled its forces *out of
    southern Lebanon*"): what is left, as a "from" phrase says."""
    return [(p, o) for c in verb.children if c.lower_ == "out" and c.dep_ in ("prt", "advmod", "prep")
            for p, o in prep_objects(c, {"of"})]


def _object_taken_for_head(verb):
    """"Lee Myung-bak hosted Pyongyang Foreign Ministry officials": the parser made the
    verb a modifier of its object, the sentence's root, though the verb has a subject of
    its own (a modifying participle has none); that noun is its object. None otherwise."""
    head = verb.head
    if verb.dep_ == "amod" and head.i > verb.i and head.dep_ == "ROOT" and head.pos_ in _NOMINAL \
            and any(c.dep_ in SUBJ for c in verb.children):
        return head
    return None


def verb_roles(verb, depth: int = 0) -> tuple[Optional[object], Optional[object], dict]:
    """(source head, target head, info) of a verbal trigger."""
    info = {"passive": False, "prep": None, "dobj": None}
    src = tgt = None
    if is_passive(verb) and stative_subject(verb) is None:
        info["passive"] = True
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        src = p
            if c.dep_ in PASS_SUBJ and c.ent_type_ not in ("DATE", "TIME"):
                # ("expected Saturday to be held": the parser's subject may be a date)
                tgt = c
                if c.lower_ in REL_PRONOUNS:
                    tgt = _rel_antecedent(c) or c
        if tgt is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in _NOMINAL:
            tgt = verb.head  # "the journalist detained by police"
        if src is None:
            src = _combat_party(verb)
    else:
        src = subject_of(verb)
        if src is not None and lex_type(core(src), "NOUN") == "ASSAULT":
            # "an Israeli airstrike killed 20 people", "a Pakistani military operation
            # rescued 190 passengers": the attack's own actor did what the attack did
            owner = noun_roles(core(src))[0]
            if owner is not None and looks_actor(owner) and owner.i >= dateline_end(owner):
                src = owner
            else:  # "a deadly attack killed three soldiers": an attack by someone unsaid
                src = None
            info["act_subject"] = True
        # (a naming complement is no object: "a move his lawyer called inhumane")
        objs = [c for c in verb.children if c.dep_ in OBJ and not (c.dep_ == "oprd" and c.pos_ == "ADJ")]
        dobj = objs[0] if objs else (_object_taken_for_head(verb) or relativized_object(verb))
        if dobj is not None and dobj.lower_ in REL_PRONOUNS and verb.dep_ in ("relcl", "acl"):
            # "a move that his lawyer called inhumane": the pronoun stands for its noun
            dobj = _rel_antecedent(dobj) or dobj
        info["dobj"] = dobj
        dative = [c for c in verb.children if c.dep_ == "dative" and c.pos_ in _NOMINAL]
        if dative:
            tgt = dative[0]
        elif dobj is not None and (dobj.pos_ in _NOMINAL or _mistagged_noun(dobj)) and not is_thing(core(dobj)) \
                and core(dobj).ent_type_ not in _NOT_ACTOR_ENTS:
            tgt = dobj
    # a directional phrase on the verb (or on its object) names the recipient when the
    # object is a thing: "supplying artillery shells to Russia", "imposed sanctions on X"
    preps = list(prep_objects(verb, TARGET_PREPS | {"from", "between"}))  # "mediated between X and Y"
    if info["dobj"] is not None:
        preps += list(prep_objects(info["dobj"], TARGET_PREPS | {"from", "by", "between", "for"}))
        for _, of in prep_objects(info["dobj"], {"of"}):  # "a team of experts to Iran"
            preps += list(prep_objects(of, RECIPIENT_PREPS))
    # "pulled its forces out of southern Lebanon": "out of" says what is left, as "from" does
    left_place = out_of_objects(verb)
    preps += left_place
    preps = [(p, o) for p, o in preps if o.ent_type_ not in _NOT_ACTOR_ENTS]
    if preps:
        # the first phrase naming an actor, else the first directional one
        actors = [(p, o) for p, o in preps if looks_actor(o)]
        if len(actors) > 1 and actors[0][0].lower_ == "at":
            # "filed a case against Israel at the World Court": where an act is brought is
            # no recipient when another phrase says whom it is against
            actors = [a for a in actors if a[0].lower_ == "against"] + actors
        prep, pobj = next(iter(actors), None) or \
            next(((p, o) for p, o in preps if p.lower_ in STRONG_PREPS), preps[0])
        if tgt is None or not looks_actor(tgt):
            if looks_actor(pobj) or tgt is None or prep.lower_ in STRONG_PREPS:
                # "launched an assault on the last ISIS bastion": the object is the act
                tgt = pobj
                info["prep"] = prep.lower_
        elif (prep.lower_ == "from" or (prep, pobj) in left_place) and tgt is info["dobj"] and (is_troops(core(tgt)) or _own_people(tgt)) \
                and (not looks_actor(pobj) or pobj.ent_type_ in ("GPE", "LOC", "FAC", "ORG") or _place_noun(pobj)):
            # "withdraw its troops from Syria", "recalled its ambassador from Riyadh": the
            # place left is the recipient
            tgt = pobj
            info["prep"] = "from"
        elif prep.lower_ in RECIPIENT_PREPS and tgt is info["dobj"] \
                and tgt.ent_type_ not in NAMED_ENTS and (looks_actor(pobj) or pobj.ent_type_):
            # "sent a team of experts to Iran": the object is what is sent
            tgt = pobj
            info["prep"] = prep.lower_
    if tgt is not None and not looks_actor(tgt) and tgt.pos_ != "PRON":
        # the object is a thing or an act: its recipient is the actor it is about
        # ("spurned offers by the Kabul government", "lift sanctions imposed on India")
        inner = None
        if tgt.lemma_.lower() in INTENT_NOUNS and tgt.dep_ == "pobj" and tgt.head.lower_ == "in" \
                and tgt.head.head.pos_ == "VERB":
            # "ordered Zamora back to prison in a move that his lawyer called inhumane":
            # the move is the act of the clause it qualifies, made by its subject
            inner = subject_of(tgt.head.head)
        if inner is None:
            inner = embedded_actor(tgt, exclude=src)
        if inner is None:
            # "its demand that US ease sanctions", "threats made by X and Y's attacks"
            inner = clause_subject(tgt)
            for cj in ([] if inner is not None else tgt.conjuncts):
                inner = embedded_actor(cj, exclude=src)
                if inner is not None:
                    break
        if inner is not None:
            info["embedded"] = tgt
            tgt = inner
    if (tgt is None or not looks_actor(tgt)) and any(c.dep_ == "neg" for c in verb.children):
        # "will not lift the embargo until Cuba undertakes reforms": the party the refusal
        # waits on is the recipient
        for c in verb.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("until", "unless", "before")
                                         for m in c.children):
                for v in [c] + [x for x in c.conjuncts if x.pos_ in ("VERB", "AUX")]:
                    subj = [x for x in v.children if x.dep_ in SUBJ | PASS_SUBJ]
                    if subj and subj[0].pos_ != "PRON" and looks_actor(subj[0]) and subj[0] is not src \
                            and (src is None or subj[0].i != src.i):
                        tgt = subj[0]
                        info["until"] = True
                        break
                break
    if tgt is None and not info["passive"]:
        # "demanded that Dbeibeh appear", "will help Pakistan establish courts": the
        # subject of the complement clause (of a bare infinitive, the parser's xcomp)
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
                subj = [s for s in c.children if s.dep_ in SUBJ | PASS_SUBJ and looks_actor(s)
                        and s.pos_ != "PRON"]
                if subj:
                    tgt = subj[0]
                    info["ccomp"] = True
                if subj or c.dep_ == "ccomp":
                    break
    if tgt is not None and info.get("prep") in ("to", "into") \
            and tgt.pos_ == "NOUN" and tgt.ent_type_ not in NAMED_ENTS:
        # "contribute troops to the NATO-led security force in Afghanistan": the country
        place = _place_recipient(tgt)
        if place is not None:
            tgt = place
    if depth < 3 and (tgt is None or (not looks_actor(tgt) and tgt.pos_ != "PRON")):
        # "set up a centre in Mumbai", "contribute more to operations in Syria"
        tgt = _place_recipient(verb, info["dobj"]) or tgt
    sender = None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in MESSAGE_NOUNS and verb.head.head != verb.head:
        sender = verb.head.head
    elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in MESSAGE_NOUNS for c in verb.head.children):
        sender = verb.head
    if sender is not None and (tgt is None or not looks_actor(tgt)):
        # "sent a letter to the WHO head threatening to pull funding": the letter's addressee
        for _, pobj in prep_objects(sender, {"to"}):
            if looks_actor(pobj):
                tgt = pobj
                info["prep"] = "to"
                break
    if tgt is None and depth < 3:
        # "agreed to allow international aid into the areas": the complement's recipient
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
                _, t2, _ = verb_roles(c, depth + 1)
                if t2 is not None and t2 is not src:
                    tgt = t2
                    info["xcomp"] = c
                break
    return src, tgt, info


_COMBAT_NOUNS = word_class("combat_noun")


def _combat_party(verb):
    """The other side of the fight a passive act happened in, the act's actor when no
    ``by`` phrase names one: "was killed in a gun battle with police" → police."""
    for _, fight in prep_objects(verb, {"in", "during"}):
        if fight.lemma_.lower() in _COMBAT_NOUNS:
            for _, party in prep_objects(fight, {"with"}):
                if looks_actor(party):
                    return party
    return None


#: prepositions that say where an act happens
PLACE_PREPS = {"in", "inside", "across", "throughout"}


def in_place_phrase(tok) -> bool:
    """A recipient phrase in a phrase of place ("in Odesa", "across the region"), as
    :func:`_place_recipient` or an actor inside the object ("an agreement in X") find it."""
    return tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS


def is_place_name(tok) -> bool:
    """The parse's own sign of a place: a place entity or a place noun."""
    return tok.ent_type_ in ("GPE", "LOC") or _place_noun(tok)


def _place_recipient(tok, obj=None):
    """Last resort recipient: the country or region where the act happens ("declared a
    ceasefire in Tripoli", "suspended aid deliveries in Borno State")."""
    for t in (tok, obj):
        if t is None:
            continue
        for _, p in prep_objects(t, PLACE_PREPS):
            if p.ent_type_ in ("GPE", "LOC") or _place_noun(p):
                return p
    return None


_PLACE_NOUNS = word_class("place_noun")


def _place_noun(tok) -> bool:
    """A place named through a common noun: "Niger's Maradi region", "the West Bank cities"."""
    return tok.lemma_.lower() in _PLACE_NOUNS and any(
        c.ent_type_ in ("GPE", "LOC", "NORP", "FAC") for c in tok.children if c.i < tok.i)


def clause_subject(noun):
    """The actor-like subject of a noun's complement clause ("the demand *that US* ease
    sanctions", "claims that *two servicemen* abused children")."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp") and c.i > noun.i:
            if not any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                continue
            subj = [s for s in c.children if s.dep_ in SUBJ | PASS_SUBJ]
            if subj and subj[0].pos_ != "PRON" and looks_actor(subj[0]):
                return subj[0]
    return None


def embedded_actor(head, exclude=None, max_depth: int = 4):
    """The nearest actor-like noun inside the phrase headed by ``head`` (a possessor, or
    the object of a preposition, reached without crossing a clause boundary other than
    a participle: "an appeal filed by lawyers of X" → lawyers)."""
    frontier = [(head, 0)]
    while frontier:
        nxt = []
        for t, d in frontier:
            if d >= max_depth:
                continue
            for c in t.children:
                if c.dep_ in ("relcl", "advcl", "ccomp", "conj", "cc", "punct", "appos", "det"):
                    continue
                if c.dep_ in ("pobj", "poss") and c.pos_ in ("PROPN", "NOUN") and looks_actor(c) \
                        and c.ent_type_ not in _NOT_ACTOR_ENTS and (exclude is None or c.i != exclude.i):
                    return c
                nxt.append((c, d + 1))
        frontier = nxt
    return None


def claimant(act):
    """Who claims an act as its own ("the BLA claimed responsibility *for the attack*",
    "took credit for *attacking* a convoy"): the subject of the owning verb, or None (also
    when no one claims it: "no group has claimed", "has not claimed")."""
    prep = act.head
    if act.dep_ not in ("pobj", "pcomp") or prep.lower_ != "for" or prep.head == prep:
        return None
    verb = prep.head.head if prep.head.dep_ == "dobj" else prep.head  # "for" on the noun or on the verb
    if verb.lemma_.lower() not in _OWNING_VERBS or not any(
            c.dep_ == "dobj" and c.lemma_.lower() in _RESPONSIBILITY_NOUNS for c in verb.children):
        return None
    owner = subject_of(verb)
    if owner is None or any(c.dep_ == "neg" for c in verb.children) \
            or any(c.lower_ in ("no", "none") for c in owner.subtree):
        return None
    return owner


#: statement nouns that announce an act ("threat", "promise", "offer")
_ANNOUNCING_TYPES = frozenset({"THREATEN", "AGREE"})


#: the preposition by which a speech act of each type names the act its object did or
#: may do ("accused X of", "thanked X for", "warned X against")
_CHARGED_PREPS = {"ACCUSE": {"of", "for"}, "SANCTION": {"for"}, "SUPPORT": {"for"}, "THREATEN": {"against"}}


def noun_roles(noun) -> tuple[Optional[object], Optional[object], dict]:
    """(source head, target head, info) of a nominal trigger."""
    info = {"prep": None, "governor": None}
    src = tgt = None
    for c in noun.children:
        if c.dep_ == "poss":
            src = c
    if src is not None and src.lower_ == "their" and noun.dep_ == "dobj":
        # "China and Russia expanded their cooperation": "their" is the compound subject
        subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
        if subj is not None and any(c.dep_ == "conj" for c in subj.children):
            src = subj
    if (src is not None and noun.lemma_.lower() in _PATIENT_NOUNS
            and not any(True for _ in prep_objects(noun, {"of"}))):
        # "Khalil's deportation", "Lai's detention": the possessor is who undergoes it
        # ("Russia's deportation of children" keeps Russia as the actor)
        tgt, src = src, None
        info["patient_possessor"] = True
    if src is None:
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.i < noun.i and looks_actor(c) \
                    and c.i >= dateline_end(c):  # "KABUL - A Taliban attack": no dateline
                src = c
                break
    for prep, pobj in prep_objects(noun, NOUN_SOURCE_PREPS):
        if src is None and looks_actor(pobj):
            src = pobj
    # a meeting's partner comes with "with" or "between"; "talks on Gaza", "a meeting for
    # Ukraine" name what it is about ("a visit to China": where it goes)
    noun_type = lex_type(noun, "NOUN")
    target_preps = _PARTNER_PREPS if noun_type == "CONSULT" else NOUN_TARGET_PREPS
    for prep, pobj in prep_objects(noun, target_preps):
        if info.get("patient_possessor"):
            break
        if not looks_actor(pobj):
            continue
        if pobj == src:
            continue
        tgt = pobj
        info["prep"] = prep.lower_
        break
    if tgt is not None and tgt.pos_ == "NOUN" and info["prep"] and lex_type(tgt, "NOUN") is not None:
        # "tacit support for Russia's war": an act the noun is aimed at is aimed at
        # whoever does that act
        tgt = next((c for c in tgt.children if c.dep_ == "poss" and c.pos_ == "PROPN" and looks_actor(c)
                    and (src is None or c.i != src.i)), tgt)
    if src is None and noun_type in _ANNOUNCING_TYPES:
        # "threats of Washington sanctions", "the promise of Japanese aid to Manila": who
        # announces an act is the act's actor, aimed at its recipient
        for _, act in prep_objects(noun, {"of"}):
            if act.pos_ == "NOUN" and lex_type(act, "NOUN") is not None:
                s2, t2, _ = noun_roles(act)
                if s2 is not None:
                    src, tgt = s2, t2 if tgt in (None, act) else tgt
                break
    movers = [o for _, o in prep_objects(noun, {"of"}) if is_troops(core(o))]
    if movers and noun_type == "RETREAT" and not any(True for _ in prep_objects(noun, {"by"})):
        # "the withdrawal of U.S. and NATO troops from the country": of-phrase = who
        # withdraws (unless a by-phrase says who withdraws them), from-phrase = whom
        # they leave
        src = movers[0]
        tgt = next((o for _, o in prep_objects(noun, {"from"})), None)
    # the verb governing the noun: "Germany would consider new sanctions", "launch attacks"
    gov = noun.head
    carrier = noun
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
        if gov.lemma_.lower() in TRANSPARENT_NOUNS and noun.head.lower_ == "of" and gov.head != gov:
            # "began a new round of joint exercises": the verb governs the noun through
            # "round of"
            carrier, gov = gov, gov.head
    disposed = noun.head.head if noun.dep_ == "pobj" else None
    if src is None and disposed is not None and disposed.pos_ == "ADJ" \
            and disposed.lemma_.lower() in _DISPOSED_ADJECTIVES and disposed.head != disposed:
        # "Putin was open to a meeting with Trump", "Iran is ready for talks": whoever is
        # ready for the act would be its actor
        src = subject_of(disposed.head)
    elif src is None and disposed is not None and disposed.tag_ == "VBN" and disposed.lower_ in _DISPOSED_ADJECTIVES:
        # "Suriname is prepared for further cooperation": the parser makes the
        # adjective a passive participle, whose subject is the one disposed
        src = next((c for c in disposed.children if c.dep_ == "nsubjpass"), None)
    if src is None and noun.dep_ == "pobj" and gov.pos_ == "VERB" \
            and noun.head.lower_ in _CHARGED_PREPS.get(lex_type(gov, "VERB"), ()):
        # "accused Kyiv of aggression", "blamed Russia for the attack", "thanked Germany
        # for its support", "warned Iran against any attack on Israel": the one the
        # speaker charges, thanks or warns is the act's actor
        charged = next((c for c in gov.children if c.dep_ == "dobj" and c.i < noun.i and looks_actor(c)), None)
        if charged is not None:
            src = charged
    if src is None:
        owner = claimant(noun)
        if owner is not None:  # "the BLA claimed responsibility for the attack"
            src = owner
            info["claimed"] = True
    if gov != noun and gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in NOUN_GOVERNORS:
        info["governor"] = gov
        if src is None and carrier.dep_ in ("dobj", "pobj", "attr", "nsubjpass"):
            src = subject_of(gov)
        if tgt is None:
            for prep, pobj in prep_objects(gov, TARGET_PREPS):
                if looks_actor(pobj):
                    tgt = pobj
                    info["prep"] = prep.lower_
                    break
    if carrier.dep_ == "dobj" and gov.lemma_.lower() in RECEIVING_VERBS and noun_type is not None:
        from ..plover import quad
        giver = next((p for _, p in prep_objects(noun, {"of", "from", "by"}) if looks_actor(p)), None)
        if giver is not None and quad(noun_type).startswith("verbal"):
            # "Pakistan has the support of China", "enjoys the backing of Washington": the
            # of-phrase gives what the subject holds
            src, tgt = giver, subject_of(gov)
            info["prep"] = None
    if tgt is None and carrier.dep_ == "dobj" and gov.lemma_.lower() in UNDERGO_VERBS:
        # "Turkey faces the threat of U.S. sanctions": the subject undergoes what the noun names
        tgt = subject_of(gov)
    if tgt is None and not _IN_COMPLEMENT.get():
        # "Cuba's refusal to engage with the Colombian government", "a threat to attack
        # Kyiv": the act the noun announces names the recipient
        for c in noun.children:
            if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB" and c.i > noun.i and is_to_infinitive(c):
                t2 = _complement_target(c)
                if t2 is not None and looks_actor(t2) and t2 != src:
                    tgt = t2
                    info["complement"] = c
                break
    if tgt is None:
        tgt = clause_subject(noun)
    if tgt is None:
        tgt = _place_recipient(noun)
    if tgt is None:
        # "an investigation into the $3.5 billion spent", "a meeting with members of ...":
        # PLOVER recipients may be things or unnamed groups
        for prep, pobj in prep_objects(noun, {"into", "against", "with", "on", "to"} & target_preps):
            if pobj != src and pobj.ent_type_ not in ("DATE", "TIME"):
                tgt = pobj
                info["prep"] = prep.lower_
                break
    return src, tgt, info


ACTOR_NOUNS = word_class("actor_noun")


@functools.lru_cache(maxsize=1)
def actor_head_words() -> frozenset:
    """Nouns that head an actor phrase: the actor and person nouns, and the one-word
    titles, group and agent nouns of ``sectors.tsv`` ("captors", "schoolgirls",
    "passengers"), singular and plural: a noun the sector table codes names people."""
    words = set(ACTOR_NOUNS) | set(word_class("person_noun"))
    for r in table("sectors.tsv"):
        w = (r.get("word") or "").lower()
        if w and " " not in w:
            words.add(w)
            words.add(w[:-1] if w.endswith("s") else w)
    return frozenset(words)


@functools.lru_cache(maxsize=1)
def actor_head_phrases() -> frozenset:
    """The two-word keys of ``sectors.tsv`` ("suicide bomber", "security forces"): a
    modifier and a head that together name people."""
    return frozenset(w for r in table("sectors.tsv") for w in [(r.get("word") or "").lower()]
                     if w.count(" ") == 1)


_NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "EVENT", "LAW", "WORK_OF_ART"}


_QUANTIFIERS = word_class("quantifier")


def core(tok):
    """The noun a quantifier phrase is about: "dozens of demonstrators" → demonstrators,
    "one of the Kremlin's critics" → critics (else ``tok`` itself)."""
    k = 0
    while tok is not None and k < 3 and (
            tok.lemma_.lower() in _QUANTIFIERS or tok.ent_type_ == "CARDINAL" or tok.pos_ == "NUM"):
        of = [p for _, p in prep_objects(tok, {"of"})]
        if not of:
            break
        tok = of[0]
        k += 1
    return tok


PROTESTER_NOUNS = word_class("protester_noun")


def is_protesters(tok) -> bool:
    """Does the phrase ``tok`` heads name protesters ("protesters", "thousands of
    demonstrators")? (Armed personnel: :func:`is_troops`.)"""
    return core(tok).lemma_.lower() in PROTESTER_NOUNS


def named_hazard(tok) -> bool:
    """Does ``tok`` head the name of a storm, quake or fire ("Tropical Cyclone *Jude*",
    tagged an EVENT by the parse, or left untagged)?"""
    return tok.ent_type_ == "EVENT" or (tok.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.lower_ in hazard_words() for c in tok.children))


def is_natural_hazard(tok) -> bool:
    """Is ``tok`` a storm, quake, flood, wildfire or epidemic, named ("Tropical Cyclone
    Chido") or not ("floods", "an earthquake", "the pandemic")? Nature is no actor."""
    c = core(tok)
    # (a capitalised plural at the start of a sentence may be tagged a name: "Wildfires")
    return named_hazard(tok) or c.lemma_.lower() in hazard_words() or (
        c.tag_ in ("NNS", "NNPS") and c.lower_.endswith("s") and c.lower_[:-1] in hazard_words())


@per_token
def looks_actor(tok) -> bool:
    """Could this token head a political actor (name, demonym, pronoun, group noun)?"""
    if tok is None:
        return False
    c = core(tok)
    if c is not tok:
        return looks_actor(c)
    if tok.ent_type_ in _NOT_ACTOR_ENTS:
        return False
    if named_hazard(tok):
        return False  # "Tropical Cyclone Jude slammed into southern Africa": a storm, no actor
    if tok.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"):
        return True
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ == "PRON" and tok.lower_ in ("he", "she", "they", "it", "we", "i", "them", "him", "her", "us"):
        return True
    if tok.pos_ == "PRON" and tok.dep_ == "poss" and tok.lower_ in ("his", "its", "their", "our"):
        return True  # "announced his resignation", "its offensive": the owner acts (resolved later)
    if _mistagged_noun(tok):
        return True
    if tok.pos_ == "NOUN":
        if tok.lemma_.lower() in actor_head_words() or tok.lower_ in actor_head_words():
            return True  # the table's irregular plurals ("women") are no lemma
        mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
        if mods and f"{mods[-1]} {tok.lower_}" in actor_head_phrases():
            return True  # "a suicide bomber" (a bomber alone may be an aircraft)
        for c in tok.children:
            if c.i < tok.i and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
                return True
            if c.dep_ == "prep" and c.lower_ == "of":
                if any(p.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") for p in c.children):
                    return True
    return False
