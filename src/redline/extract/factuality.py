"""Factuality of an event: PLOVER's auxiliary modes, as Redline implements them.

Classes: ``asserted`` (the article states it), ``reported`` (a source says it:
inside a quote, or in the complement of "X said that"), ``hypothetical`` ("would
consider new sanctions"), ``conditional`` ("will depend on", "if they cross into
Ukraine"), ``negated`` ("took no action"), ``advocated`` ("should consider attacking",
"urged NATO to counter"), ``future`` ("will deliver").

The cue words are a data file (``data/factuality_cues.tsv``). The trigger's own
clause decides first (its auxiliaries, negation and the verbs it complements, walking
up through ``xcomp``/object/prepositional links to the clause head); then whether
that clause sits in an ``if`` clause (conditional) or is the complement of a speech
verb or inside a quote (reported).
"""
from __future__ import annotations

from typing import Optional

from ..plover import factuality_cues
from . import event_actors as ea
from ._text import is_to_infinitive, sentence_of, token_table

# Order of precedence when one clause has several cues.
_RANK = {"conditional": 6, "advocated": 5, "hypothetical": 4, "negated": 3, "future": 2,
         "reported": 1, "asserted": 0}
_CHAIN_DEPS = {"xcomp", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "compound", "amod",
               "acl", "attr", "pcomp", "oprd", "conj", "appos", "nmod", "poss", "dative", "agent",
               "advmod", "npadvmod"}


def _cue(word: str, where: str) -> Optional[str]:
    return factuality_cues().get((word, where))


def _prep_cue(tok) -> Optional[str]:
    """The cue class a verb gives the object of its preposition ("accused X *of*
    supporting", "blocked X *from* visiting"), for ``tok`` that object."""
    head = tok.head
    if tok.dep_ not in ("pcomp", "pobj") or head.dep_ != "prep":
        return None
    return _cue(f"{head.head.lemma_.lower()} {head.lower_}", "prep")


def prevented(trigger) -> bool:
    """Is this act one that a verb keeps from happening ("blocked the UN from
    visiting", "barred them from entering")? Its negation is no refusal by its actor."""
    return _prep_cue(trigger) == "negated"


def _det_cues(noun) -> list[str]:
    """The cue classes of the noun's determiners ("no action")."""
    return [k for d in noun.children if d.dep_ == "det" and (k := _cue(d.lower_, "det"))]


def _local(tok, trigger) -> Optional[str]:
    """Cue class carried by one token of the chain (its auxiliaries, negation, lemma)."""
    found = []
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass"):
            k = _cue(c.lower_, "aux") or _cue(c.lemma_.lower(), "aux")
            if k:
                found.append(k)
            # "going to", "is to"
        elif c.dep_ == "neg":
            found.append("negated")
        elif c.dep_ == "dobj" and tok.pos_ in ("VERB", "AUX"):
            # "launched no attacks", "made no concessions": the object's determiner
            # says the act was not done
            found.extend(_det_cues(c))
        elif c.dep_ == "prep" and c.lower_ == "without" and c.i < trigger.i:
            found.append("negated")
    found.extend(_det_cues(tok))  # "took no action"
    if tok != trigger:
        lem = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            prt = [c.lower_ for c in tok.children if c.dep_ in ("prt", "prep")]
            k = None
            for p in prt:
                k = k or _cue(f"{lem} {p}", "verb")
            k = k or _cue(lem, "verb")
            if k and k != "reported":
                found.append(k)
        elif tok.pos_ == "NOUN":
            k = _cue(lem, "noun")
            if k:
                found.append(k)
        elif tok.pos_ == "ADJ":  # "is willing to provide", "ready to send"
            k = _cue(lem, "adj")
            if k:
                found.append(k)
    for c in tok.children:
        if c.dep_ == "amod" and _cue(c.lemma_.lower(), "adj"):
            found.append(_cue(c.lemma_.lower(), "adj"))
    if not found:
        return None
    return max(found, key=lambda k: _RANK[k])


#: subordinators that open a condition ("if China crosses the line", "unless talks resume")
CONDITION_MARKS = frozenset({"if", "unless"})


def opens_condition(clause) -> bool:
    """Does this clause open with a condition's subordinator ("if", "unless")?"""
    return any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children)


#: a purpose infinitive ("sent troops *to help*") is an intended act: future
PURPOSE_IS_FUTURE = True


def factuality(trigger, in_quote: bool = False) -> str:
    """The factuality class of the event whose trigger token is ``trigger``."""
    try:
        return _factuality(trigger, in_quote)
    except Exception:  # never fail an article over a cue
        return "reported" if in_quote else "asserted"


def presupposed(noun) -> bool:
    """An event noun that presupposes its act: the story takes it as fact, whatever
    modality or report surrounds it (asserted). It has its own actor ("U.S. restrictions",
    "Russia's invasion", "Mhlanga's arrest") and no indefinite article, and it is either
    the subject of a plain predicate ("Mhlanga's arrest has had a chilling effect", said a
    lawyer; not "Seoul's arms supplies will depend on ...") or hangs from a verb that
    neither performs it ("impose", "consider": ``noun_governor``) nor undergoes it
    ("face": ``undergo_verb``): "a tool to handle U.S. restrictions" names restrictions in
    force, "have condemned Mhlanga's arrest" an arrest that happened. An act a verb of
    stopping takes as its object, with no article or a definite one, is going on ("called
    on China to cease tacit support", "urged Somalia to halt the strikes")."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass"):
        return False
    if noun.dep_ == "dobj" and all(c.lower_ in ("the", "this", "these") for c in noun.children if c.dep_ == "det"):
        if ea.stopping_verb(noun) is not None:
            return True  # "urged Iran to halt the drone deliveries": stopping an act presupposes it
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "any", "no", "new", "more") for c in noun.children):
        return False
    # ... or a date of its own: "the Sept. 11, 2012 terror attack", "the 2004 bombing"
    if not any(c.dep_ == "poss" or (c.dep_ in ("compound", "amod", "nmod") and ea.looks_actor(c))
               or (c.ent_type_ == "DATE" and any(t.like_num for t in c.subtree))
               for c in noun.children if c.i < noun.i):
        return False
    if noun.dep_ in ("nsubj", "nsubjpass"):
        # "Mhlanga's arrest has had a chilling effect"; not the subject of a modal or
        # conditional predicate ("Seoul's arms supplies will depend on ...")
        verb = noun.head
        return _local(verb, noun) is None and _cue(verb.lemma_.lower(), "verb") is None
    gov = noun.head.head if noun.dep_ == "pobj" else noun.head
    lem = gov.lemma_.lower()
    return gov.pos_ in ("VERB", "AUX") and lem not in ea.NOUN_GOVERNORS and lem not in ea.UNDERGO_VERBS


def is_participle_modifier(tok) -> bool:
    """"the detained citizens", "jailed protesters": a past participle modifying a noun
    (not a verb the parser misread so: "have since banned civilians")."""
    doc = tok.doc
    return tok.dep_ == "amod" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") \
        and tok.i < tok.head.i and not any(t.lemma_ in ("have", "be") and t.tag_.startswith("VB")
                                           for t in doc[max(0, tok.i - 3):tok.i])


def _conditions_complement(verb, condition) -> bool:
    """Does an if-clause after a speech act's complement condition that complement, not
    the speech act? "urged restaurants to substitute other meats if they want to stay
    open", "is warning Washington of severe consequences if it has to turn to Moscow":
    the urging and the warning are made; what they ask or announce is conditional
    (verbs of cue class ``complement``)."""
    if _cue(verb.lemma_.lower(), "complement") is None:
        return False
    return any(c.dep_ in ("xcomp", "ccomp", "dobj", "prep") and verb.i < c.i < condition.i
               for c in verb.children)


def _has_would(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "would" for c in verb.children)


def _according_to(doc) -> list[int]:
    """The tokens "according" followed by "to" in ``doc``, found once per doc: every
    candidate event of a sentence asks whether its sentence has one."""
    cached = doc.user_data.get("redline.according_to")
    if cached is None or cached[0] != len(doc):
        words = token_table(doc)[1]
        # str.lower() is what spaCy's ``lower_`` holds
        cached = (len(doc), [i for i in range(len(words) - 1)
                             if words[i].lower() == "according" and words[i + 1].lower() == "to"])
        doc.user_data["redline.according_to"] = cached
    return cached[1]


def _factuality(trigger, in_quote: bool) -> str:
    tok = trigger
    if ea.claimant(trigger) is not None:
        return "reported"  # "the BLA claimed responsibility for the attack": the claim says so
    if presupposed(trigger):
        return "asserted"  # the guide's annotators code these acts as facts, in a report too
    if is_participle_modifier(trigger):
        return "asserted"  # "the detained citizens": what the noun has undergone, whatever is said of it
    local: Optional[str] = None
    reported = in_quote
    conditional = False
    steps = 0
    crossed = False
    described = False  # the chain went through a clause describing a noun
    hypothetical_word = False
    local_from = None  # the token whose own cues set ``local``
    own_modality = False  # the last step left a conjunct with its own modal or negation
    while steps < 12:
        steps += 1
        k = None if crossed or own_modality else _local(tok, trigger)
        own_modality = False
        if not crossed and tok != trigger and "hypothetical" in (
                _cue(tok.lemma_.lower(), "verb"), _cue(tok.lemma_.lower(), "noun"), _cue(tok.lemma_.lower(), "adj")):
            hypothetical_word = True  # "would consider", "possible": hypothetical whoever reports it
        if k and k != "asserted":
            # the nearest modal decides between hypothetical/advocated/future,
            # but negation nearer the trigger yields to an outer "should"/"would"
            if local is None or _RANK[k] > _RANK[local]:
                local = k
                local_from = tok
        if not crossed and any(
                c.dep_ == "mark" and _cue(c.lower_, "mark") == "conditional" for c in tok.children):
            conditional = True
        if not crossed and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "parataxis" and c.i > trigger.i and _cue(c.lemma_.lower(), "verb") == "reported"
                and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children) for c in tok.children):
            # "Trump is shifting his priorities away from North Korea, experts said, after ...":
            # the attribution parsed as an aside of the clause it attributes
            reported = True
        if not crossed and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "advcl" and c.i != trigger.i and opens_condition(c)
                and not _conditions_complement(tok, c) for c in tok.children):
            # "If China crosses the line, we will respond": the main clause of a condition
            conditional = True
        head = tok.head
        if head == tok:
            break
        if tok.dep_ in ("ccomp", "parataxis") or (tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX")):
            # leaving the clause: the governor is a speech verb, a conditional, ...
            lem = head.lemma_.lower()
            if _cue(lem, "verb") == "reported" and tok.dep_ in ("ccomp", "parataxis"):
                reported = True
                modal = local_from if local_from is not None and local_from.dep_ == "conj" \
                    and local_from.head == tok and _has_would(local_from) else tok
                if local == "hypothetical" and not hypothetical_word and _has_would(modal):
                    # "Japan announced it would hold talks": reported speech shifts "will" back;
                    # "said it would not give in" is then negated, which outranks future
                    # (the clause whose "would" it is decides: "would not back down and
                    # would retaliate" retaliates in the future)
                    local = "negated" if any(c.dep_ == "neg" for c in modal.children) else "future"
            elif _cue(lem, "verb") in ("hypothetical", "advocated", "conditional") and tok.dep_ == "ccomp":
                kk = _cue(lem, "verb")
                if local is None or _RANK[kk] > _RANK[local]:
                    local = kk
            if tok.dep_ == "advcl":
                if local is None and ea.asked_by_demand_noun(tok) is not None:
                    # "renewed its call on Russia to withdraw": what is asked is advocated
                    local = "advocated"
                if PURPOSE_IS_FUTURE and tok == trigger and local is None and is_to_infinitive(tok):
                    # "sent troops to help the army": the purpose is intended, not yet done
                    local = "future"
                break
            crossed = True
            tok = head
            # cues of the governing speech clause do not reach into its complement
            # (except its own modality: "would say that" is rare); keep climbing for "reported"
            continue
        if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and any(
                c.dep_ in ("aux", "auxpass", "neg") for c in tok.children):
            # "would not back down and would retaliate": a conjunct with a modal or
            # negation of its own does not share its first verb's
            own_modality = True
        if tok.dep_ in ("acl", "relcl"):
            described = True
        k = _prep_cue(tok) if not (crossed or described) else None
        if k == "reported":
            # "accused the government of supporting militants": the charge is the accuser's
            # (not what describes its object: "accused of aiding rebels fighting Gbagbo")
            reported = True
        elif k and (local is None or _RANK[k] > _RANK[local]):
            local = k  # "blocked the UN from visiting": the visit is prevented
        if tok.dep_ == "xcomp" and is_to_infinitive(tok) and not crossed:
            # "is seeking to finalize a deal", "pledged to send troops": an act intended or
            # committed to, not done; "is believed to have supplied": a report
            k = _cue(head.lemma_.lower(), "infinitive")
            if k and (local is None or _RANK[k] > _RANK[local]):
                local = k
        if tok.pos_ in ("VERB", "AUX") and ea.is_relative_clause(tok):
            # "at a trial of X, who are facing charges", "in a move that his lawyer called
            # inhumane" (a clause the parser hangs on its noun, missing its object): a relative clause
            # describes its noun in its own right; the modality of the phrase around the
            # noun ("in testimony", "possible", "ordered") does not reach it, a speech verb
            # above still does
            crossed = True
        if tok.dep_ in ("acl", "relcl") and _cue(head.lemma_.lower(), "noun") == "reported" \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            # "said in a statement that 30 civilians had been detained": the content of a message
            reported = True
            crossed = True
        if tok.dep_ == "pobj" and head.lower_ == "according":
            reported = True
        if head.dep_ == "prep" and head.lower_ == "according":
            reported = True
        tok = head
    sent = sentence_of(trigger)
    if any(sent.start <= i < min(sent.end, trigger.i + 40) for i in _according_to(trigger.doc)):
        reported = True
    if conditional and local not in ("advocated",):
        return "conditional"
    if local and local != "asserted":
        return local
    return "reported" if reported else "asserted"
