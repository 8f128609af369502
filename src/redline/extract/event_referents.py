"""The actors stage of the event coder: a candidate's actor and recipient phrases →
:class:`~redline.model.Actor` objects.

Takes the head token of a phrase (from :mod:`redline.extract.event_candidates`), the
article's entity index and the quote holding the trigger; returns one actor per
conjunct (:func:`actors`). Each phrase is resolved to a canonical entity by
``index.actor``; pronouns are resolved (``I``/``we`` in a quote → the speaker; the
subject pronoun of a reported clause → the reporting verb's subject; ``he``/``she`` →
the last person named; ``it``/``they`` → the nearest earlier actor phrase); "his
country", "their government" → the state of the pronoun's referent. A phrase that is
no known actor is kept as it is (PLOVER recipients may be things).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Optional

from ..countries import country, country_name
from ..model import Actor
from ..plover import YIELD_TYPES, cooperative, sectors_with, word_class
from ._text import actor_head, doc_text, sentence_bounds, sentence_of, token_at
from . import event_actors as ea
from .actors import definite_group_noun, sector_of_words
from .event_features import lex_entry
from .resolution import STATE_SECTORS, is_state

log = logging.getLogger(__name__)

_PERSON_NOUNS = word_class("person_noun")
_STATE_NOUNS = word_class("state_noun")
_PRONOUNS_SPEAKER = {"i", "me", "we", "us", "our", "my"}
_PRONOUNS_GROUP = {"it", "they", "them", "its", "their"}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}


#: the name an actor the text implies gets ends so ("authorities (implied)", "Kenya (implied)")
IMPLIED = " (implied)"


def known(actor) -> bool:
    """An actor that can make a statement: a named entity, a country or a sector group
    ("rebel fighters", "the police")."""
    return bool(actor.entity or actor.country or actor.sector)


def implied(actor) -> bool:
    """Is the actor one no words name, only the act implies ("authorities (implied)")?"""
    return actor.name.endswith(IMPLIED)


def states(actor) -> bool:
    """Can the actor be the maker of a statement reading (a threat, a promise): known,
    and named by the text (one only implied announces nothing)."""
    return known(actor) and not implied(actor)


def quote_at(quotes, pos: int):
    """The innermost quote (of ``quotes``) holding character ``pos``, or None."""
    best = None
    for q in quotes or []:
        parts = q.parts or [q]
        for p in parts:
            if p.start <= pos < p.end:
                if best is None or (q.end - q.start) < (best.end - best.start):
                    best = q
    return best


def quote_around(quotes, quote):
    """The innermost quote (of ``quotes``) that holds ``quote`` and is longer, or None."""
    best = None
    for q in quotes or []:
        if q is quote or quote is None:
            continue
        if q.start <= quote.start and quote.end <= q.end and (q.end - q.start) > (quote.end - quote.start):
            if best is None or (q.end - q.start) < (best.end - best.start):
                best = q
    return best


def _ent_actor(ent, start, end, text) -> Actor:
    return Actor(name=ent.name, entity=ent.id, country=ent.country, sector=ent.sector,
                 start=start, end=end, text=text)


def quote_speaker(quote, index):
    """The entity that speaks ``quote`` (None if the quote has no resolved speaker)."""
    sp = quote.speaker if quote is not None else None
    if sp is None or not sp.entity or index is None:
        return None
    return index.get(sp.entity)


def speaker_actor(quote, index) -> Optional[Actor]:
    """The quote's speaker as an actor at the speaker's mention, when a state or code
    places it; else None."""
    ent = quote_speaker(quote, index)
    if ent is None or not ent.country:
        return None
    return _ent_actor(ent, quote.speaker.start, quote.speaker.end, quote.speaker.text)


def _bound_subject(tok):
    """"Gantz said he would seek peace", "Russia said it had expelled": the subject
    pronoun of a reported clause stands for the reporting verb's subject (when they
    agree: he/she for a person, it/they for a state or group)."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    v = tok.head
    while v.dep_ in ("xcomp", "conj") and v.head != v:
        v = v.head
    if v.dep_ != "ccomp" or v.head == v:
        return None
    subj = ea.subject_of(v.head)
    if subj is None or subj.pos_ == "PRON" or not ea.looks_actor(subj):
        return None
    low = tok.lower_
    person = subj.ent_type_ == "PERSON" or (subj.ent_type_ == "" and subj.pos_ == "NOUN"
                                            and subj.lemma_.lower() in _PERSON_NOUNS)
    if low in ("he", "she"):
        return subj if person else None
    if low == "it" and person:
        # "Turkey's president says it will ...", "a spokesperson for the State Department
        # told VOA it had been working with Thailand": the state or body the speaker
        # speaks for
        poss = [c for c in subj.children if c.dep_ == "poss" and c.ent_type_ == "GPE"]
        poss += [o for _, o in ea.prep_objects(subj, {"for", "of", "at"}) if o.ent_type_ in ("GPE", "ORG")]
        return poss[0] if poss else None
    if low == "they" and _one_individual(subj):
        return None  # "'They beat villagers,' said one resident": the resident speaks of others
    if low in ("it", "they"):
        return subj if not person or low == "they" and "Plur" in subj.morph.get("Number") else None
    return None


def _one_individual(tok) -> bool:
    """"a resident", "one witness": a singular noun counted as one, which "they" does not
    stand for (a body may be "they": "the government said they would")."""
    return "Sing" in tok.morph.get("Number") and any(
        (c.dep_ == "det" and c.lower_ in ("a", "an")) or (c.dep_ == "nummod" and c.lower_ == "one")
        for c in tok.children)


def _resolve_pronoun(doc, tok, index, quote) -> Optional[Actor]:
    low = tok.lower_
    start, end = tok.idx, tok.idx + len(tok.text)
    if low in _PRONOUNS_SPEAKER and quote is not None and quote.speaker is not None:
        ent = quote_speaker(quote, index)
        if ent is not None:
            return _ent_actor(ent, start, end, tok.text)
        return Actor(quote.speaker.name or quote.speaker.text, None, None, None, start, end, tok.text)
    bound = _bound_subject(tok)
    if bound is not None:
        lo, hi = ea.np_tokens(bound)
        a = _actor_of(doc, lo, hi, index)
        if a is not None and known(a):
            return a
    if low in _PRONOUNS_PERSON:
        try:
            ent = index.last_person_before(start)
        except Exception:
            ent = None
        if ent is not None:
            return _ent_actor(ent, start, end, tok.text)
    if low in _PRONOUNS_GROUP:
        # nearest earlier actor-like noun phrase of the right number (this sentence, then the previous)
        plural = low in ("they", "them", "their")
        sent = sentence_of(tok)
        scan = [t for t in doc[sent.start:tok.i]][::-1]
        if sent.start > 0:
            scan += [t for t in sentence_of(doc[sent.start - 1])][::-1]
        clausemate = _clause_subject(tok)
        for t in scan:
            if t.pos_ == "PRON" or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative"):
                continue
            if clausemate is not None and (t.i == clausemate.i or t in clausemate.conjuncts):
                continue  # "police will arrest them": an object pronoun is not its own clause's subject
            if not ea.looks_actor(t):
                continue
            is_plural = "Plur" in t.morph.get("Number") or any(c.dep_ == "conj" for c in t.children)
            if plural != is_plural and not (plural and t.ent_type_ in ("ORG", "NORP")):
                continue
            if not plural and t.ent_type_ not in ("GPE", "ORG", "NORP") and t.pos_ != "PROPN":
                continue
            lo, hi = ea.np_tokens(t)
            a = _actor_of(doc, lo, hi, index)
            if a is not None and known(a):
                if sentence_of(t).start == sent.start:  # point at the antecedent's mention in this sentence
                    return a
                return Actor(a.name, a.entity, a.country, a.sector, start, end, tok.text)
    return None


def _clause_subject(pron):
    """The subject of the verb an object pronoun ("them", "it") depends on, or None: the
    pronoun cannot stand for it (a reflexive would)."""
    if pron.dep_ in ("dobj", "dative"):
        verb = pron.head
    elif pron.dep_ == "pobj" and pron.head.dep_ in ("prep", "dative"):
        verb = pron.head.head
    else:
        return None
    return ea.subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None


def _possessed_state(doc, span, index, quote) -> Optional[Actor]:
    """"his country", "their government": the state of the person or group the possessive
    pronoun refers to ("Putin said his country will not lift the ban" → Russia)."""
    root = span.root
    if root.lemma_.lower() not in _STATE_NOUNS:
        return None
    poss = [c for c in root.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    if not poss:
        return None
    owner = _resolve_pronoun(doc, poss[0], index, quote)
    if owner is None or not owner.country:
        return None
    sector = "GOV" if root.lemma_.lower() in ("government", "administration", "state") else None
    return Actor(span.text, None, owner.country, sector, span.start_char, span.end_char, span.text)


_PARTY_NOUNS = word_class("party_noun")


def _pair_referent(doc, span, index) -> list[Actor]:
    """"the two governments", "both sides": a plural party noun counted as two names
    the last pair of actors named together before it ("Niger and Mali agreed ... The
    two governments signed") — one actor each, pointing at the phrase; [] when no
    such pair precedes it."""
    root = span.root
    if root.lemma_.lower() not in _PARTY_NOUNS or "Plur" not in root.morph.get("Number") \
            or not any(c.i < root.i and c.lower_ in ("two", "both") for c in root.children):
        return []
    for t in reversed(doc[:span.start]):
        partners = [c for c in t.children if c.dep_ == "conj"]
        if len(partners) != 1 or not ea.looks_actor(t) or not ea.looks_actor(partners[0]):
            continue
        pair = [_actor_of(doc, t.i, t.i + 1, index), _actor_of(doc, partners[0].i, partners[0].i + 1, index)]
        if all(a is not None and a.country for a in pair) and pair[0].country != pair[1].country:
            sector = "GOV" if root.lemma_.lower() in ("government", "administration") else None
            return [Actor(a.name, a.entity, a.country, a.sector or sector,
                          span.start_char, span.end_char, span.text) for a in pair]
    return []


def _actor_of(doc, lo, hi, index) -> Optional[Actor]:
    span = doc[lo:hi]
    start, end = span.start_char, span.end_char
    a = None
    try:
        a = index.actor(start, end)
    except Exception:
        log.debug("index.actor failed", exc_info=True)
    noun = ea.core(span.root)
    if index is not None and lo <= noun.i < hi and noun.pos_ == "NOUN" \
            and sector_of_words([noun.text]) is not None \
            and (noun.i != span.root.i or a is None or not (a.entity or a.country or a.sector)):
        # "Hundreds of demonstrators", "dozens of Russian soldiers", "some of the Russian
        # soldiers": a quantifier heads the phrase, the noun it counts (one the sector
        # table knows) says who they are (the quantifier itself is of no sector); a phrase
        # that is no actor may be one with all its words
        inner = doc[noun.left_edge.i:noun.right_edge.i + 1]
        try:
            a = index.actor(inner.start_char, inner.end_char) or a
        except Exception:
            log.debug("index.actor failed", exc_info=True)
    if a is not None:
        a.start, a.end, a.text = start, end, doc_text(doc)[start:end]
    return a


def actors(doc, head, index, quote) -> list[Actor]:
    """The actors of the phrase headed by ``head`` (one per conjunct; [] for None)."""
    if head is None:
        return []
    out = []
    for lo, hi in ea.actor_spans(head):
        if hi - lo > 1 and doc[lo].tag_ == "VBN" and doc[lo].dep_ == "amod":
            lo += 1  # "kidnapped schoolgirls": the act done to them is no part of who they are
        span = doc[lo:hi]
        root = span.root
        counts = ea.core(root).i != root.i  # "some of the Russian soldiers": who they are is counted
        if (len(span) == 1 and span[0].pos_ == "PRON" or root.pos_ == "PRON") and not counts:
            a = _resolve_pronoun(doc, root, index, quote)
            if a is None:
                a = Actor(span.text, None, None, None, span.start_char, span.end_char, span.text)
            out.append(a)
            continue
        if root.pos_ == "NOUN" and not root.ent_type_ and ea.is_event_noun(root) and index is not None \
                and index.at(root.idx, root.idx + len(root.text)) is None:
            # "the 2004 bombing of a French military base killed ...": an act is no actor,
            # whatever states its modifiers name (its own actor is the noun's); but "the
            # alliance", "the coalition" is also the body named before
            body = _actor_of(doc, lo, hi, index) if definite_group_noun(root) else None
            out.append(body if body is not None and body.entity else
                       Actor(span.text, None, None, None, span.start_char, span.end_char, span.text))
            continue
        a = _actor_of(doc, lo, hi, index)
        if a is None or not (a.entity or a.country):
            pair = _pair_referent(doc, span, index)
            if pair:
                out.extend(pair)
                continue
            a = _possessed_state(doc, span, index, quote) or a
        if a is None:  # not a known actor: keep the phrase itself (PLOVER recipients may be things)
            a = Actor(span.text, None, None, None, span.start_char, span.end_char, span.text)
        out.append(a)
    return out



_AUTHORITY_ACTS = word_class("authority_act")
_REMOVAL_ACTS = word_class("removal_act")


def is_removal(cand) -> bool:
    """Does the candidate name an act a state does to another state's people (deporting,
    extraditing, expelling)?"""
    return cand.trigger.lemma_.lower() in _REMOVAL_ACTS or (
        cand.lex is not None and cand.lex.lemma.split(" ")[-1] in _REMOVAL_ACTS)
_PLEA_VERBS = word_class("plea_verb")
_COURT_NOUNS = word_class("court_noun")
#: the steps of this stage that ``EventConfig.disabled`` can switch off
NAMES = ("repeated_act", "act_agent", "implied_protesters", "implied_authority", "implied_attacker",
         "plea_recipient", "place_of_act", "act_anaphor", "conjunct_recipient", "clause_recipient",
         "possessor_recipient", "appeal_addressee", "act_owner", "answered_accuser", "story_counterpart",
         "domestic_agent", "dyad_partner", "own_state_target", "protested_state", "own_people", "struck_place", "answered_act",
         "court_officers")
#: acts between parties (meeting, agreeing, cooperating, signing): a place is their venue
VENUE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})


def place_of_act(cand, type_: str, targets: list, places) -> tuple[list, list]:
    """(targets, places moved to the object) when the recipient phrase only says where
    the act happened ("in Niamey", "in Odesa"). A place is never a target
    (ANNOTATION.md): the actor affected is. For an act between parties ("met in
    Geneva", "signed an accord in Niamey") a town or region is the venue and affects no
    one (a country may be the partner: "investment in Ukraine"); for an act done there
    ("struck targets in Odesa", "bombings in Somalia", "visit cities in China") the
    state the place lies in is the actor affected, named as the state; a place of no known state is only a place."""
    if targets and not ea.in_place_phrase(cand.tgt):
        return _named_places(targets, type_, places)
    if not targets:
        return targets, []
    kept, moved = [], []
    for a in targets:
        place = next((p for p in places or [] if a.start is not None and p.start <= a.start < p.end), None)
        if place is None and not ea.is_place_name(cand.tgt):
            kept.append(a)  # "in the government": no place
            continue
        country = a.country or (place.country if place is not None else None)
        visit = cand.lex is not None and cand.lex.mode == "visit"  # the place visited is the host's
        if type_ in VENUE_TYPES and not visit and (place is None or place.kind != "country"):
            moved.append(a)
        elif country is None:
            moved.append(a)
        elif a.country:
            kept.append(a)  # "Mogadishu" resolved to the state it stands for
        else:
            kept.append(_state_at(country, a.start, a.end, a.text))
    return kept, moved


def struck_place(cand, type_: str, places) -> list[Actor]:
    """The state of a place an act is done to, named as the verb's object ("Russia
    struck Odesa overnight", "shelled Kharkiv"): the places stage knows the place's state
    though the parse did not take the name for an actor. [] for an act between parties
    (a meeting's place is its venue), a candidate with a recipient, or a place of no
    known state."""
    d = cand.info.get("dobj")
    if d is None or cand.tgt is not None or type_ in VENUE_TYPES or cand.kind != "verb":
        return []
    place = next((p for p in places or [] if p.start <= d.idx < p.end and p.country), None)
    if place is None or not is_state(place.country):
        return []
    return [_state_at(place.country, place.start, place.end, place.text)]


def _named_places(targets: list, type_: str, places) -> tuple[list, list]:
    """Recipients that are a place the parser took for a name of no known state ("shelled
    Khan Younis", "Mariupol" tagged an organisation): the place's state for an act done
    there, the venue of an act between parties (moved to the object)."""
    kept, moved = [], []
    for a in targets:
        place = None if a.country or a.start is None or a.end is None else next(
            (p for p in places or [] if p.start <= a.start and a.end <= p.end and p.country), None)
        if place is None or not is_state(place.country):
            kept.append(a)
        elif type_ in VENUE_TYPES:
            moved.append(a)
        else:
            kept.append(_state_at(place.country, a.start, a.end, a.text))
    return kept, moved


def _state_at(country: str, start: int, end: int, text: str) -> Actor:
    """A state as the actor the words at ``start:end`` (a place in it) stand for."""
    return Actor(country_name(country), None, country, None, start, end, text)


#: reactions to an act: their recipient is who did it
REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
#: nouns naming an act of no particular kind ("the measure", "the decision")
_GENERIC_ACTS = word_class("generic_act_noun")
_SKIP_VERBS = word_class("skip_verb")
#: how many sentences back "the measure" may look for its act
_GENERIC_REACH = 3


def _reacted_to(cand):
    """The noun naming what a reaction is to: the verb's object ("condemned the drills"),
    or a receiving verb's subject ("the move drew criticism from X"); None if neither."""
    from .event_features import lex_entry

    tgt = cand.tgt
    if tgt is not None and tgt.pos_ == "NOUN" and tgt.dep_ in ea.SUBJ | ea.PASS_SUBJ:
        return tgt
    obj = cand.info.get("dobj")
    if obj is not None and obj.pos_ == "NOUN" and lex_entry(obj, "NOUN") is None:
        # a feeling about an act: "expressed concern over Georgia's crackdown"
        about = next((p for _, p in ea.prep_objects(obj, _ABOUT) if lex_entry(p, "NOUN") is not None), None)
        if about is not None:
            return about
    return obj


#: prepositions that name what a feeling or a statement is about
_ABOUT = frozenset({"over", "about", "at", "regarding", "on", "for"})


def act_anaphor(doc, cand, type_: str, index, quote) -> list[Actor]:
    """The recipient of a reaction to an act named before ("condemned *the drills*",
    "praised the agreement"): a definite event noun with no actor of its own refers to
    the last act of its kind (same type in the event lexicon) named earlier in the story;
    condemning or praising it is aimed at that act's actor (the subject of its verb, or
    its possessor; the subject of an act named by a verb). [] when no such act or actor
    precedes it."""
    from .event_features import lex_entry
    obj = _reacted_to(cand)
    if type_ not in REACTION_TYPES or cand.kind != "verb" or obj is None:
        return []
    entry = lex_entry(obj, "NOUN")
    generic = entry is None and obj.lemma_.lower() in _GENERIC_ACTS
    if (entry is None and not generic) or not ea.points_back(obj) \
            or any(c.dep_ in ("poss", "prep", "acl", "relcl") for c in obj.children):
        return []
    return _last_act_actors(doc, obj, entry, generic, index, quote)


def _earlier_acts(doc, noun, entry, generic: bool):
    """The triggers of acts of ``noun``'s kind (lexicon ``entry``; any kind but a reaction
    or a saying, and only a few sentences back, when ``generic``) named in the sentences
    before ``noun``'s, the nearest first."""
    from .event_features import lex_entry
    # "the measure", "the decision" name no kind: the last act of any kind, if near
    start = sentence_of(noun).start
    floor = 0
    if generic:
        before = [b for b, _ in sentence_bounds(doc) if b < start][-_GENERIC_REACH:]
        floor = before[0] if before else start
    for t in reversed(doc[floor:start]):
        earlier = lex_entry(t, "VERB" if t.pos_ == "VERB" else "NOUN") if t.pos_ in ("NOUN", "VERB") else None
        if generic:
            # an act of any kind but a reaction or a saying
            if earlier is None or earlier.type in REACTION_TYPES or t.lemma_.lower() in _SKIP_VERBS:
                continue
        elif earlier is None or earlier.type != entry.type:
            continue
        yield t


def _last_act_actors(doc, noun, entry, generic: bool, index, quote) -> list[Actor]:
    """The known actors of the last act of ``noun``'s kind (lexicon ``entry``; any kind
    but a reaction or a saying, and only a few sentences back, when ``generic``) named
    in the sentences before ``noun``'s: the subject of its verb, or the noun's own actor
    (its possessor, "a Russian missile strike"), or the subject of the verb the noun is
    the object of. [] when no such act or actor precedes."""
    from .event_features import lex_entry
    for t in _earlier_acts(doc, noun, entry, generic):
        verb = t.pos_ == "VERB"
        if verb:  # "Russian forces attacked the port ... condemned the attack"
            actor = ea.subject_of(t) if not ea.is_passive(t) else None
        else:
            actor = ea.noun_roles(t)[0] or (ea.subject_of(t.head) if t.dep_ in ("dobj", "nsubjpass") else None)
        if actor is not None and actor.pos_ == "NOUN" and lex_entry(actor, "NOUN") is not None:
            # "a Russian missile strike hit Odesa": the act's subject is an act; its actor did it
            actor = ea.noun_roles(actor)[0]
        if actor is None or not ea.looks_actor(actor):
            if generic:
                continue  # "aid groups": a word of a name, no act; look further back
            return []
        return [a for a in actors(doc, actor, index, quote) if known(a)]
    return []


def repeated_act(earlier: list, type_: str, tok) -> Optional[object]:
    """The event a repeat mention ("the attack", "this bombing": a definite event noun
    with no actor of its own) tells again: the nearest event before it of the same type
    with a known source, else with a known target, whose actors and factuality it takes
    (unless it is negated itself), as the annotation guide codes every mention of an
    act. None when no such event precedes."""
    before = [e for e in reversed(earlier) if e.type == type_ and e.trigger.start < tok.idx]
    # "gunmen stormed the hotel ... several hundred people were wounded ... no one was
    # killed in the assault": the assault is the gunmen's, not the unsourced wounding
    return next((e for e in before if any(known(a) for a in e.source)), None) or next(
        (e for e in before if any(known(a) for a in e.target)), None)


def _acting_act(cand, type_: str) -> tuple:
    """(subject, its lexicon entry) when an active verb's subject is an event noun of
    ``type_`` ("the strike wounded ..."); (None, None) otherwise."""
    from .event_features import lex_entry
    tok = cand.trigger
    if cand.kind != "verb" or ea.is_passive(tok):
        return None, None
    subj = ea.subject_of(tok)
    entry = lex_entry(subj, "NOUN") if subj is not None and subj.pos_ == "NOUN" else None
    return (subj, entry) if entry is not None and entry.type == type_ else (None, None)


def _known_actors(doc, tok, index, quote) -> list[Actor]:
    """The known actors of the phrase ``tok`` heads ("Russia's strike": Russia); [] when
    it heads no actor phrase."""
    return [a for a in actors(doc, tok, index, quote) if known(a)] if ea.looks_actor(tok) else []


def act_agent(doc, cand, type_: str, index, quote) -> list[Actor]:
    """The source of an act whose subject is an act of the same kind: "the strike
    destroyed 60,000 tonnes of grain and wounded five port workers", "the attack killed
    12 people". Whoever did the act the subject names did this: the noun's own actor
    ("Russia's strike", "a Russian missile strike"), or, for a definite noun with none,
    the actor of the last act of its kind named before (as in :func:`act_anaphor`). []
    when the subject is no event noun of the candidate's type or no actor is found."""
    subj, entry = _acting_act(cand, type_)
    if subj is None:
        return []
    own = ea.noun_roles(subj)[0]
    if own is not None:
        return _known_actors(doc, own, index, quote)
    if not ea.points_back(subj):
        return []
    return _last_act_actors(doc, subj, entry, False, index, quote)


def act_scene(cand, type_: str, places) -> Optional[str]:
    """The state where an act happened that :func:`act_agent` ties to an act named
    before: "a Russian missile strike hit Odesa ... the strike wounded five port
    workers" happened in Ukraine, where that act struck. None when the subject names no
    earlier act or that act names no place of a known state."""
    subj, entry = _acting_act(cand, type_)
    if subj is None or not ea.points_back(subj):
        return None
    earlier = next(_earlier_acts(cand.trigger.doc, subj, entry, False), None)
    if earlier is None:
        return None
    hit = ea.verb_roles(earlier)[1] if earlier.pos_ == "VERB" else ea.noun_roles(earlier)[1]
    if hit is None and earlier.dep_ == "nsubj" and earlier.head.pos_ == "VERB":
        hit = ea.verb_roles(earlier.head)[1]  # "a Russian missile strike damaged the port of Odesa"
    if hit is None:
        return None
    first, last = hit.left_edge.idx, hit.right_edge.idx + len(hit.right_edge)
    return next((p.country for p in places or [] if first <= p.start and p.end <= last and p.country), None)


def conjunct_recipient(doc, cand, type_: str, index, quote) -> list[Actor]:
    """The recipient of a reaction that names none, from a verb joined to it: "expressed
    sorrow over lives lost and urged the Haitian government to act" (the sorrow is
    expressed to the government urged). [] when no joined verb has an actor object."""
    if type_ not in REACTION_TYPES or cand.kind != "verb":
        return []
    for v in cand.trigger.conjuncts:
        if v.pos_ != "VERB":
            continue
        for c in v.children:
            if c.dep_ in ("dobj", "dative") and c.pos_ != "PRON" and ea.looks_actor(c):
                found = [a for a in actors(doc, c, index, quote) if known(a)]
                if found:
                    return found
    return []


def clause_recipient(doc, cand, type_: str, index, quote) -> list[Actor]:
    """The recipient of an act told in an adverbial participle that names none, from the
    clause it elaborates: "Trump ramped up his trade war with Canada, doubling the tariff
    on its neighbour's steel" (the doubling is aimed at Canada). Only a participle with
    no subject of its own, whose clause has an actor recipient; [] otherwise."""
    tok = cand.trigger
    if cand.kind != "verb" or tok.dep_ != "advcl" or tok.tag_ not in ("VBG", "VBN") \
            or any(c.dep_ in ea.SUBJ | ea.PASS_SUBJ or c.dep_ == "mark" for c in tok.children):
        return []
    head = tok.head
    if head.pos_ != "VERB":
        return []
    tgt = ea.verb_roles(head)[1]
    if tgt is None or tgt.pos_ == "PRON" or not ea.looks_actor(tgt):
        return []
    return [a for a in actors(doc, tgt, index, quote) if known(a)]


def possessor_recipient(doc, cand, type_: str, index, quote) -> list[Actor]:
    """The recipient of an act done to someone's thing: "the Taliban had banned her book"
    (aimed at her), "soldiers destroyed their homes", "seized the journalist's passport".
    Only a verb whose object is a thing (no person, no actor, no act) with a possessor
    that is a known actor other than the act's own subject ("Beijing cites records to
    back its claims" is aimed at no one); [] otherwise."""
    from .event_features import lex_entry
    from .quotes import gender_words
    obj = cand.info.get("dobj")
    if cand.kind != "verb" or obj is None or obj.pos_ != "NOUN" or ea.looks_actor(obj) \
            or lex_entry(obj, "NOUN") is not None or obj.lemma_.lower() in _PERSON_NOUNS \
            or obj.lower_ in gender_words() or obj.lemma_.lower() in gender_words():
        return []  # "release my father": a person is no one's thing
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    if owner is None or not (owner.pos_ == "PRON" or ea.looks_actor(owner)):
        return []
    found = [a for a in actors(doc, owner, index, quote) if known(a)]
    own = {(a.entity, a.country) for a in actors(doc, ea.subject_of(cand.trigger), index, quote)}
    return [] if any((a.entity, a.country) in own for a in found) else found


#: acts whose "of" phrase names who does them ("the withdrawal of U.S. troops"), not to whom
_INTRANSITIVE_ACTS = frozenset({"RETREAT", "MOBILIZE", "PROTEST", "CONSULT"})


def act_owner(doc, cand, type_: str, index, quote) -> list[Actor]:
    """The recipient of a reaction to an act whose actor the act's own phrase names:
    "praised the withdrawal of U.S. and NATO troops", "condemned Russia's offensive",
    "denounced the strikes by Israel": praise or blame goes to that actor; so does any
    act against an act ("would retaliate against any Israeli aggression"). [] when the
    object is no event noun or names no known actor."""
    from .event_features import lex_entry
    obj = _reacted_to(cand) if type_ in REACTION_TYPES else None
    if obj is None and cand.kind == "verb":
        # acting against an act is acting against its actor ("would retaliate against any
        # Israeli aggression", "protests against Russia's invasion")
        against = [p for prep, p in ea.prep_objects(cand.trigger, {"against"})]
        if against and lex_entry(against[0], "NOUN") is not None:
            own = ea.noun_roles(against[0])[0]
            if own is not None:
                return _known_actors(doc, own, index, quote)
        return []
    if cand.kind != "verb" or obj is None:
        return []
    entry = lex_entry(obj, "NOUN")
    if entry is None:
        return []
    owners = [c for c in obj.children if c.dep_ == "poss"]
    for prep, pobj in ea.prep_objects(obj, {"by", "of"}):
        if prep.lower_ == "by" or entry.type in _INTRANSITIVE_ACTS:
            owners.append(pobj)
    if not ea.is_passive(cand.trigger):
        # the parse often hangs "by Russia" on the verb: an active verb has no agent phrase
        owners += [p for _, p in ea.prep_objects(cand.trigger, {"by"})]
    for o in owners:
        found = [a for a in actors(doc, o, index, quote) if known(a)]
        if found:
            return found
    return []


#: the steps that look for a recipient the trigger's own phrase does not name, in order
#: (each is also the name ``EventConfig.disabled`` switches it off by)
RECIPIENT_STEPS = (act_owner, act_anaphor, conjunct_recipient, clause_recipient, possessor_recipient)


def _acts_of_authority(cand, fired=()) -> bool:
    """Does the candidate name an act only a state's authorities perform: a word of the
    class ``authority_act`` ("arrested", "the detention of"), the act of a key "face
    <act>" ("faces charges"), an accusation its subject stands under ("stands
    accused"), which is a formal charge, or an order that compels someone (the type
    rule ``ordered_act``: "was ordered to appear before a judge")?"""
    if "ordered_act" in fired:
        return True
    words = {cand.trigger.lemma_.lower()}
    if cand.lex is not None:
        words |= {cand.lex.lemma, cand.lex.lemma.split(" ")[-1]}
    if words & _AUTHORITY_ACTS:
        return True
    return bool(cand.info.get("patient")) and cand.lex is not None and cand.lex.type == "ACCUSE"


def _unsaid_actor(cand) -> bool:
    """Is the act's actor left out by the grammar (an agentless passive, a participle
    modifying its recipient, a subject who undergoes the act, an event noun with no
    possessor, an attack by no one named as subject), rather than missed by the parse? An active verb always has an actor, so
    none is implied for one."""
    tok = cand.trigger
    return bool(cand.info.get("passive") or cand.info.get("patient") or tok.dep_ == "amod"
                or (cand.info.get("act_subject") and cand.src is None)
                or (cand.kind == "noun" and cand.tgt is not None))


def _elsewhere(tok) -> bool:
    """Does a place token tell where someone comes from or is taken, or who they are,
    rather than where an act happened: under "from", "to" or "into" ("both from
    Azerbaijan", "deported to El Salvador"), or inside an apposition or a relative
    clause ("Lai, founder of a newspaper in Hong Kong, ...")?"""
    for a in tok.ancestors:
        if (a.dep_ == "prep" and a.lower_ in ("from", "to", "into")) or a.dep_ in ("appos", "relcl"):
            return True
    return False


def _scene(tok, places, lo: int, hi: int, within=None) -> Optional[str]:
    """The state of the first place between characters ``lo`` and ``hi`` that is no
    one's origin or destination; when ``within`` is given, a place in its phrase and not
    in that of another act it names ("accused of the bombing of a base near Bouake":
    Bouake is where the bombing was, not where the charge is brought)."""
    from .event_features import lex_entry
    doc = tok.doc
    # the places, and capitals named as where something happens ("a trial opened in
    # Paris"): the place stage leaves those to the actors (Paris as France's government)
    spots = [(p.start, p.country) for p in places or []]
    spots += sorted((e.start_char, c.iso3) for e in doc.ents if e.label_ == "GPE" and lo <= e.start_char < hi
                    and e.root.dep_ == "pobj" and e.root.head.lower_ in ("in", "at")
                    for c in [country(e.text)] if c is not None and c.kind == "capital")
    for start, state in sorted(spots):
        t = token_at(doc, start)
        t = t if t is not None and t.idx == start else None
        if not state or not lo <= start < hi or t is None or _elsewhere(t):
            continue
        if within is None:
            return state
        path = [t] + list(t.ancestors)
        if within in path and not any(a.pos_ == "NOUN" and lex_entry(a, "NOUN") is not None
                                      for a in path[:path.index(within)]):
            return state
    return None


def _legal_venue(tok, places) -> Optional[str]:
    """:func:`legal_venue` of ``tok``'s document."""
    return legal_venue(tok.doc, places)


def legal_venue(doc, places) -> Optional[str]:
    """The state of the story's court: the place named with the first court or trial
    that has one ("at a trial in New York"), or with the verb whose subject it is ("a
    trial opened in Paris"); looked up once per story."""
    cache = doc.user_data.setdefault("redline.legal_venue", {})
    if id(places) not in cache:
        cache[id(places)] = _first_legal_venue(doc, places)
    return cache[id(places)]


def court_officers(doc, found: list, places) -> list:
    """The actors, with prosecutors, judges and courts that no word of their own places
    ("according to prosecutors", "the judge ruled") given the state of the story's court
    ("at a trial in New York": :func:`legal_venue`) when the story names one, rather than
    the state the story is about."""
    venue = None
    out = []
    for a in found:
        if a.entity is None and a.sector == "JUD" and not placed(doc, a):
            venue = venue or legal_venue(doc, places)
            if venue is not None:
                a = replace(a, country=venue)
        out.append(a)
    return out


def _first_legal_venue(doc, places) -> Optional[str]:
    for t in doc:
        if t.lemma_.lower() in _COURT_NOUNS and t.pos_ == "NOUN":
            s = sentence_of(t)
            country = _scene(t, places, s.start_char, s.end_char, within=t)
            if country is None and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
                country = next((c for p in t.head.children if p.dep_ == "prep" and p.lower_ in ("in", "at")
                                for c in [_scene(t, places, s.start_char, s.end_char, within=p)] if c), None)
            if country is not None:
                return country
    return None


def _own_state(cand, index) -> Optional[str]:
    """The one state of the actor who underwent the act ("imprisoned publisher Jimmy
    Lai": Hong Kong): a state arrests, charges and tries its own people far more often
    than foreigners, so with no place named that is the likeliest jailer."""
    if cand.tgt is None or not _unsaid_actor(cand) or is_removal(cand):
        return None
    states = {a.country for a in actors(cand.trigger.doc, cand.tgt, index, None) if a.country}
    return next(iter(states)) if len(states) == 1 else None


def _authorities_at(cand, index, places) -> Optional[Actor]:
    """"authorities (implied)" of the state where the act happened: a place the act's own
    phrase names ("was dismantled in Seville", "the detention of two journalists in
    Ethiopia"; a place elsewhere in the sentence is the main clause's), else the state of
    the story's court (a charge, a plea or a trial is brought there), else the state of
    the one who underwent it, else the state the story is about; None when none is
    known. The actor points at the trigger, the words that imply it."""
    tok = cand.trigger
    sent = sentence_of(tok)
    # a participle's act happened where its noun is ("jailed publisher X in Hong Kong")
    scope = cand.tgt if tok.dep_ == "amod" and cand.tgt is not None else tok
    country = _scene(tok, places, sent.start_char, sent.end_char, within=scope) \
        or _legal_venue(tok, places) or _own_state(cand, index) or _story_state(cand, index)
    if country is None:
        return None
    return implied_authorities(country, tok)


def _story_state(cand, index) -> Optional[str]:
    """The state the story is about, as the one whose authorities act; for a removal
    the state it is from ("is usually deported from the U.S."), else the first of the
    story's states that is neither where the people are sent nor theirs ("the 40 were
    deported", "deported to China"): a state deports others' nationals."""
    if not is_removal(cand):
        return getattr(index, "story_country", None)
    tok = cand.trigger
    sent_from = next((c.iso3 for _, p in ea.prep_objects(tok, {"from"}) for c in [country(p.text)] if c is not None), None)
    if sent_from is not None:
        return sent_from
    sent_to = {c.iso3 for _, p in ea.prep_objects(tok, {"to"}) for c in [country(p.text)] if c is not None}
    theirs = {a.country for a in actors(tok.doc, cand.tgt, index, None) if a.country} if cand.tgt is not None else set()
    return next((c for c in getattr(index, "story_countries", ()) if c not in sent_to | theirs), None)


def implied_authorities(country: str, tok) -> Actor:
    """"authorities (implied)" of ``country``, pointing at ``tok``, the words that imply them."""
    return Actor(name="authorities" + IMPLIED, entity=None, country=country, sector="GOV",
                 start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)


#: the types of a state's legal and coercive acts: arresting, jailing, deporting
#: (COERCE), charging and trying (ACCUSE), convicting and sentencing (SANCTION)
AUTHORITY_TYPES = frozenset({"COERCE", "ACCUSE", "SANCTION"})


_PRISON_NOUNS = word_class("prison_noun")
_RELEASE_VERBS = word_class("release_verb")
_BAIL_NOUNS = word_class("bail_noun")


def _release_from_custody(cand):
    """The place of custody a release is from ("freed from prison", "released from Russian
    prisons", "released on bail": the bail itself), or None when the release names none
    (hostages released by their captors are no state's act)."""
    tok = cand.trigger
    if cand.kind != "verb" or tok.lemma_.lower() not in _RELEASE_VERBS:
        return None
    for prep, pobj in ea.prep_objects(tok, {"from", "on"}):
        lem = pobj.lemma_.lower()
        if (prep.lower_ == "from" and lem in _PRISON_NOUNS) or (prep.lower_ == "on" and lem in _BAIL_NOUNS):
            return pobj
    return None


def implied_authority(cand, type_: str, index, places, fired=()) -> Optional[Actor]:
    """The authorities behind a state's act of coercion or prosecution whose actor the
    text leaves unsaid ("he was arrested in Brooklyn", "a cell was dismantled in
    Seville", "imprisoned publisher X", "the arrest of activist X", "X was charged with
    sedition", "X stands accused of collusion", "X faces charges"): only a state arrests,
    jails, charges, sentences or deports, so the actor is the authorities of a state
    (:func:`_authorities_at` says which); None when no state is known."""
    if type_ == "RETREAT" and _unsaid_actor(cand):
        # "was freed from prison", "released on bail": the jailers release (and "Russian
        # prisons" say whose they are)
        held = _release_from_custody(cand)
        if held is None:
            return None
        owner = next((country(m.text) for m in held.children if m.dep_ == "amod" and m.ent_type_ == "NORP"), None)
        if owner is not None:
            tok = cand.trigger
            return implied_authorities(owner.iso3, tok)
        return _authorities_at(cand, index, places)
    if type_ not in AUTHORITY_TYPES or not _acts_of_authority(cand, fired) or not _unsaid_actor(cand):
        return None
    return _authorities_at(cand, index, places)


def implied_protesters(cand, type_: str, places, story_country: Optional[str] = None) -> Optional[Actor]:
    """The people of a protest told with no one protesting ("protests erupted in several
    Iranian cities", "demonstrations spread to Tehran", "amid protests in Serbia"): the
    protesters of the state where it happens, named by a place or a people in the
    protest's phrase or its clause, else of ``story_country`` (the state a whole story is
    about: "after violent protests over a police crackdown"); None for another type or
    when no state is known."""
    if type_ != "PROTEST" or cand.src is not None:
        return None
    tok = cand.trigger
    clause = tok.head if tok.dep_ in ea.SUBJ | ea.PASS_SUBJ and tok.head.pos_ in ("VERB", "AUX") else tok
    lo, hi = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
    state = _scene(tok, places, lo, hi)
    if state is None:
        state = next((c.iso3 for t in clause.subtree if t.ent_type_ == "NORP" and t.dep_ == "amod"
                      for c in [country(t.text)] if c is not None), None)
    if state is None and story_country is not None and is_state(story_country):
        state = story_country
    if state is None:
        return None
    sector = sector_of_words(["protesters"])
    return Actor(name="protesters" + IMPLIED, entity=None, country=state, sector=sector[0] if sector else None,
                 start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)


#: sectors of armed groups that are not a state's forces
_ARMED_GROUP_SECTORS = sectors_with("armed") - STATE_SECTORS


def implied_attacker(cand, type_: str, index) -> Optional[Actor]:
    """The attacker of an armed attack the text leaves unsaid ("a deadly attack on a
    joint military base", "the car was attacked with gunfire") in a story that names one
    armed group and no other: that group, as a reader of the story takes it. None for
    another type, a stated actor, or a story with no armed group or several."""
    if type_ != "ASSAULT" or not _unsaid_actor(cand) or index is None:
        return None
    in_sentence = _sentence_force(cand, index)
    if in_sentence is not None:
        return in_sentence
    groups = {e.id: e for e in index.entities if e.sector in _ARMED_GROUP_SECTORS}
    if len(groups) != 1:
        return None
    (group,) = groups.values()
    if cand.tgt is not None:
        # "16 terrorists had been killed": fighters who fell were not their own attackers
        head = ea.core(cand.tgt)
        sector = sector_of_words([head.lemma_]) or sector_of_words([head.text])
        if (sector and sector[0] in _ARMED_GROUP_SECTORS) or any(
                a.entity == group.id for a in actors(cand.trigger.doc, cand.tgt, index, None)):
            return None
    tok = cand.trigger
    return index.actor_of_entity(group, tok.idx, tok.idx + len(tok.text))


#: armed forces that can be the unsaid attacker their own sentence names
_FORCE_SECTORS = frozenset({"MIL", "COP", "REB", "INS"})


_SPEECH_VERBS = word_class("speech_verb")


def _sentence_force(cand, index) -> Optional[Actor]:
    """"condemned the continuing brutality of the Myanmar military, as at least eight
    demonstrators were killed": the one armed force the sentence of an agentless attack
    names (a state's forces or an armed group, other than its victims) did it. None when
    the sentence names none or several."""
    tok = cand.trigger
    doc = tok.doc
    victims = {t.i for t in cand.tgt.subtree} if cand.tgt is not None else set()
    # whoever tells of the attack ("Afghan police said the blast killed ...") did not do it
    tellers = {t.i for v in tok.ancestors if v.lemma_.lower() in _SPEECH_VERBS
               for s in [ea.subject_of(v)] if s is not None for t in s.subtree}
    # nor did whoever comes to its victims' help ("the Indian navy rescued the crew of a
    # hijacked ship")
    tellers |= {t.i for v in tok.ancestors if v.pos_ == "VERB" and _helps(v)
                for s in [ea.subject_of(v)] if s is not None for t in s.subtree}
    found = {}
    for t in sentence_of(tok):
        if t.pos_ not in ("NOUN", "PROPN") or t.i in victims or t.i in tellers or t.i == tok.i \
                or t.dep_ in ("compound", "amod"):
            continue
        for a in actors(doc, t, index, None):
            if a.sector in _FORCE_SECTORS and a.country:
                found[(a.country, a.sector)] = a
    if len(found) != 1:
        return None
    (a,) = found.values()
    return replace(a, start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)


def _helps(verb) -> bool:
    """Is the verb one of cooperation in the lexicon (rescue, aid, protect...)?"""
    entry = lex_entry(verb, "VERB")
    return entry is not None and cooperative(entry.type)


def plea_recipient(cand, type_: str, index, places) -> Optional[Actor]:
    """"X and Y have pleaded not guilty", "X pleaded guilty": a plea answers the charge the
    state's prosecutors bring, so it is aimed at the authorities (implied) of the state
    where it is made (:func:`_authorities_at`), as a rejection of the charge or a
    concession of it; None for a plea of no such key ("pleaded for help")."""
    if type_ not in ("REJECT", "CONCEDE") or not is_plea(cand):
        return None
    return _authorities_at(cand, index, places)


def appeal_addressee(doc, cand, type_: str, source, index, places) -> Optional[Actor]:
    """An appeal that names no addressee ("the U.N. envoy is calling for an end to
    violence", "the United States calls for Lai's release") is made to those who can
    grant it: the authorities (implied) of the state where the act asked for would
    happen (a place in what is asked: "an inclusive government in Syria"), else of the
    one state of the people it names (Lai's), else of the state the story is about. None
    for another type, when no state is known, or when that state's own organs make the
    appeal ("the Nairobi government had called for shuttering the camp" is its plan)."""
    if type_ != "REQUEST":
        return None
    tok = cand.trigger
    sent = sentence_of(tok)
    asked = [c for c in tok.children if c.dep_ in ("prep", "dobj", "xcomp", "ccomp")]
    country = next((c for a in asked for c in [_scene(tok, places, sent.start_char, sent.end_char, within=a)]
                    if c), None)
    if country is None:
        states = {x.country for a in asked for t in a.subtree if t.ent_type_ in ("PERSON", "ORG", "NORP")
                  for x in actors(doc, t, index, None) if x.country}
        country = next(iter(states)) if len(states) == 1 else getattr(index, "story_country", None)
    if country is None or any(a.country == country and a.sector in STATE_SECTORS for a in source):
        return None
    return implied_authorities(country, tok)


def is_plea(cand) -> bool:
    """Is the candidate a plea key of the lexicon ("plead guilty"), not a plea of no such
    key ("pleaded for help")?"""
    return cand.kind == "verb" and cand.lex is not None and " " in cand.lex.lemma \
        and cand.trigger.lemma_.lower() in _PLEA_VERBS


# --------------------------------------------------------------------------- the story's events

_CHARGE_NOUNS = word_class("charge_noun")
#: acts that make a charge someone can deny: accusing, and the coercion or penalty that
#: rests on one (charging in court, arresting, sanctioning)
CHARGING_TYPES = frozenset({"ACCUSE", "COERCE", "SANCTION"})


def answered_accuser(events: list, doc) -> None:
    """A denial of a charge is aimed at whoever made it: "Berisha rejected the
    allegations", "DHS has dismissed the allegations", "denies the charges against him".
    A REJECT whose object is a charge (word class ``charge_noun``: allegation,
    accusation, claim, charge) and that is aimed at no known actor gets as target the
    source of the nearest earlier event of the story that charged the denier (an
    ACCUSE, COERCE or SANCTION aimed at the same entity or country); the denier named
    as the one charged ("against him") is no target. Changes ``events`` in place; a
    denial with no such event before it keeps its target."""
    ordered = sorted(events, key=lambda e: e.trigger.start)
    for k, ev in enumerate(ordered):
        if ev.type != "REJECT" or not ev.source:
            continue
        # "the charges against him": the denier is the one charged, not the one answered
        own = {a.entity for a in ev.source if a.entity}
        if any(known(a) and not (a.entity and a.entity in own) for a in ev.target):
            continue
        # the charge is the object, or still a thing in the target (the filters move it)
        if not any(_charge_object(doc, o) for o in ev.object + ev.target):
            continue
        deniers = {a.entity for a in ev.source if a.entity} | {a.country for a in ev.source if a.country}
        if not deniers:
            continue
        for earlier in reversed(ordered[:k]):
            if earlier.type not in CHARGING_TYPES or earlier.trigger.start >= ev.trigger.start:
                continue
            charged = {a.entity for a in earlier.target if a.entity} | {a.country for a in earlier.target if a.country}
            accusers = [a for a in earlier.source if (a.entity or a.country) and a.entity not in deniers]
            if charged & deniers and accusers:
                ev.target = [replace(a) for a in accusers] + [a for a in ev.target if not known(a)]
                break


def _charge_object(doc, obj) -> bool:
    """Whether the object phrase ``obj`` (an :class:`~redline.model.Actor` span) names a
    charge ("the allegations", "all the accusations", "the charges against him")."""
    head = actor_head(doc, obj)
    return head is not None and head.lemma_.lower() in _CHARGE_NOUNS


#: sectors of actors who act within their own state: rebels, opposition, police, criminal
#: groups (on the training stories, the target the text left unsaid was the source's own
#: state for 21 of 25 such events, with armed forces). A state's armed forces are left
#: out: they fight abroad too ("its forces ... denied targeting civilian facilities" in
#: Odesa is no act against Russia)
DOMESTIC_SECTORS = frozenset({"REB", "OPP", "COP", "CRM"})
#: acts the guide lets stand without a target (a show of force, a protest)
UNDIRECTED_TYPES = frozenset({"MOBILIZE", "PROTEST"})


def story_counterpart(events: list, index) -> None:
    """The target a domestic actor's act leaves unsaid is its own state: "the BLA
    claimed responsibility for the attack" is aimed at Pakistan, "the police arrested
    dozens" at Kenya, as the guide codes the actor affected. An event (but a show of
    force or a protest) whose source is rebels, opposition, police or a criminal group
    of one state (sectors :data:`DOMESTIC_SECTORS`) and whose target has
    no country gets "<state> (implied)", pointing at the trigger. A state's own act is
    left alone: the other state of the story was its target only half the time on the
    training stories. Changes ``events`` in place."""
    _aim_at_own_state(events, lambda ev: ev.type not in UNDIRECTED_TYPES and all(
        a.sector in DOMESTIC_SECTORS for a in ev.source))


def protested_state(events: list) -> None:
    """A protest that names no one it is aimed at ("thousands of protesters demonstrated
    against corruption", "teachers launched a general strike") is aimed at the
    protesters' own state, as the guide codes protests (8 of the 11 protests of the
    working stories have the protesters' state as target, 3 none): a PROTEST whose
    source is of one state and none of that state's bodies (sectors other than
    ``STATE_SECTORS``: a government's "protest" is a diplomatic one) and whose target
    has no country gets "<state> (implied)", its government, pointing at the trigger.
    Changes ``events`` in place."""
    _aim_at_own_state(events, lambda ev: ev.type == "PROTEST" and not any(
        a.sector in STATE_SECTORS for a in ev.source), sector="GOV")


def _aim_at_own_state(events: list, applies, sector=None) -> None:
    """Give each event that ``applies`` to, whose source is of one state and whose
    target has no country, that state as an implied target (``sector``: which of its
    bodies)."""
    for ev in events:
        if not ev.source or any(a.country for a in ev.target) or not applies(ev):
            continue
        state = _one_state(ev.source)
        if state is not None:
            ev.target = ev.target + [_implied_state(ev, state, sector=sector)]


#: acts whose addressee a story often leaves to its context ("Hungary rejected the plan",
#: "the ministry welcomed the decision", "imposed new sanctions", "sent more aid")
ADDRESSED_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "SUPPORT", "AGREE", "THREATEN", "SANCTION", "AID"})


#: verbal responses to a thing someone made or did ("rejected the constitution", "the
#: backing of India for the deal"): aimed at who made it
RESPONSE_TYPES = frozenset({"REJECT", "SUPPORT", "ACCUSE"})
#: acts whose parties both made what they produced (a deal is both sides')
_JOINT_TYPES = frozenset({"AGREE", "SUPPORT", "CONSULT", "COOPERATE"})


def answered_act(unplaced: list, events: list, doc) -> list:
    """Verbal responses whose target no word places, aimed at a thing an earlier event of
    the story names by the same noun ("the proposed deal also has the backing of India",
    after "Britain and Mauritius signed a deal": SUPPORT IND → GBR, MUS; "rejected the
    constitution" after "the interim president signed a constitution"): the response is
    aimed at whoever made it, both parties of a joint act. The events of ``unplaced``
    so completed, the others left out."""
    def heads(spans) -> set:
        return {h.lemma_.lower() for h in (actor_head(doc, sp) for sp in spans) if h is not None}

    from .event_features import lex_entry

    def named_response(ev) -> bool:
        """Do the trigger's own words name the response ("rejected", "the backing")?"""
        tok = actor_head(doc, ev.trigger)
        if tok is None:
            return False
        entry = lex_entry(tok, "NOUN" if tok.pos_ == "NOUN" else "VERB")
        return entry is not None and entry.type == ev.type

    ordered = sorted(events, key=lambda e: e.trigger.start)
    done = []
    for ev in unplaced:
        if ev.type not in RESPONSE_TYPES or not any(known(a) for a in ev.source) or not named_response(ev):
            continue
        things = heads(ev.object + [a for a in ev.target if not known(a)])
        if not things:
            continue
        responders = {a.entity or a.country for a in ev.source if known(a)}
        for earlier in reversed([e for e in ordered if e.trigger.start < ev.trigger.start]):
            if not (heads([earlier.trigger]) | heads(earlier.object)) & things:
                continue
            makers = [a for a in earlier.source + (earlier.target if earlier.type in _JOINT_TYPES else [])
                      if known(a) and (a.entity or a.country) not in responders]
            if makers:
                ev.target = [replace(a) for a in makers]
                done.append(ev)
            break
    return done


def dyad_partner(unplaced: list, events: list, named_near, min_pairs: int = 2) -> list:
    """Acts of one state (:data:`ADDRESSED_TYPES`) whose target no word places, given the
    state the story pairs it with: the other side of the events that state takes part
    in, when one state is paired with it at least ``min_pairs`` times and more often than
    any other, and when ``named_near(event, state)`` finds that state named in the act's
    sentence or the one before ("Kenya refused to attend the hearing" after a sentence on
    its dispute with Somalia). The events of ``unplaced`` so completed (target "<state>
    (implied)"), the others left out."""
    from collections import Counter

    # how often each state meets each other state across the kept events
    pairs: dict[str, Counter] = {}
    for other in events:
        src = {a.country for a in other.source if is_state(a.country)}
        tgt = {a.country for a in other.target if is_state(a.country)}
        for one in src | tgt:
            pairs.setdefault(one, Counter()).update((tgt if one in src else src) - {one})
    out = []
    for ev in unplaced:
        state = _one_state(ev.source) if ev.type in ADDRESSED_TYPES else None
        if state is None:
            continue
        ranked = pairs.get(state, Counter()).most_common(2)
        if not ranked or ranked[0][1] < min_pairs or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            continue
        partner = ranked[0][0]
        if not named_near(ev, partner):
            continue
        ev.target = [_implied_state(ev, partner)]
        out.append(ev)
    return out


#: acts a state's authorities do to people within their reach (arrest, ban, restrict)
OWN_PEOPLE_ACTS = frozenset({"COERCE"})
#: sectors of a state's civil authorities (its armed forces act abroad too)
AUTHORITY_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG"})


def own_people(doc, sources: list, targets: list, trigger) -> list:
    """The targets of a state authority's coercion ("Bahrain threatened to ban any
    groups", "police detained dozens of students"), with the people no word places given
    that state: whom a state's authorities arrest, ban or restrict is within their
    reach."""
    state = _one_state(sources)
    if state is None or any(a.sector not in AUTHORITY_SECTORS for a in sources):
        return targets
    return [replace(a, country=state) if a.country is None and a.entity is None and not placed(doc, a)
            and names_people(doc, a, trigger) and _own_kind(doc, a) else a for a in targets]


_OUTSIDERS = word_class("outsider_noun")


def _own_kind(doc, actor: Actor) -> bool:
    """Does the phrase name people ("any groups", "girls") and not a thing ("her book")
    nor people who came from elsewhere ("migrants", "foreign tourists"), whom a state's
    reach says nothing of?"""
    root = actor_head(doc, actor)
    if root is None:
        return False
    head = ea.core(root)
    return ea.looks_actor(head) and head.pos_ != "PRON" and head.lemma_.lower() not in _OUTSIDERS


def placed(doc, actor: Actor) -> bool:
    """Does the actor's own phrase name a state or people ("five Turkish workers")?"""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand") if actor.start is not None else None
    return span is None or any(t.ent_type_ in ("GPE", "NORP", "LOC") for t in span)


def names_people(doc, actor: Actor, trigger) -> bool:
    """Does an actor's phrase name someone who underwent the act, not no one ("no one
    should be detained") nor the thing a participle describes ("its detained centers")?"""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = ea.core(span.root)
    if head.lower_ in ("nobody", "none") or any(t.lower_ == "no" for t in (*span, *head.children)):
        return False
    return trigger.dep_ != "amod" or trigger.head != head or ea.looks_actor(head)


#: the acts by which a state eases or imposes one of its own measures on its people
MEASURE_ACTS = frozenset({"CONCEDE", "RETREAT", "COERCE"})
_DOMESTIC_MEASURES = word_class("domestic_measure")


def _names_measure(doc, obj, state: str) -> bool:
    """Whether the object phrase ``obj`` names a measure ``state`` keeps on its own
    people ("its curfew", "restrictions on assembly", "the state of emergency in
    Algeria"), not one whose phrase names another place or people ("restrictions on aid
    entering Gaza")."""
    root = actor_head(doc, obj)
    if root is None:
        return False
    heads = [root] + [g for p in root.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
    lo, hi = root.left_edge.i, root.right_edge.i + 1
    for ent in doc.ents:
        if not (lo <= ent.start < hi) or ent.label_ not in ("GPE", "NORP", "LOC"):
            continue
        ref = country(ent.text)
        if ref is None or ref.iso3 != state:
            return False  # "restrictions on aid entering Gaza", "the ban on Chinese imports": aimed elsewhere
    return any(t.lemma_.lower() in _DOMESTIC_MEASURES for t in heads)


def own_state_target(unplaced: list, doc) -> list:
    """Acts whose target no word places, aimed at the source's own state: a domestic
    actor's act (rebels, opposition, police, criminal groups: :data:`DOMESTIC_SECTORS`;
    "the armed opposition announced a ceasefire"), and a state body's lifting, easing or
    imposing of a measure on its own people (:data:`MEASURE_ACTS` with an object of the
    word class ``domestic_measure``: "the government lifted its curfew", "agreed to ease
    a visa requirement"), as the guide codes the actor affected (the people). The events
    of ``unplaced`` so completed (target "<state> (implied)"), the others left out."""
    out = []
    for ev in unplaced:
        state = _one_state(ev.source) if ev.type not in UNDIRECTED_TYPES else None
        if state is None:
            continue
        domestic = all(a.sector in DOMESTIC_SECTORS for a in ev.source)
        # (a measure may have stayed a target: "the state of emergency" reads as an actor)
        phrases = list(ev.object) + [a for a in ev.target if not a.country and not a.entity]
        measure = ev.type in MEASURE_ACTS and doc is not None and any(_names_measure(doc, o, state) for o in phrases)
        if domestic or measure:
            ev.target = [_implied_state(ev, state)]
            out.append(ev)
        elif _ends_own_protest(ev, doc, phrases):
            # "teachers ended their strike": yielded to whom the protest was aimed at,
            # the protesters' own government (as :func:`protested_state` reads a protest)
            ev.target = [_implied_state(ev, state, sector="GOV")]
            out.append(ev)
    return out


def _ends_own_protest(ev, doc, phrases: list) -> bool:
    """Is ``ev`` non-state actors giving up a protest of theirs ("Kenyan teachers ended
    their strike", "the union called off the demonstrations"): a yielding act whose
    object is a protest (an event noun of the lexicon typed PROTEST)?"""
    if ev.type not in YIELD_TYPES or doc is None or any(a.sector in STATE_SECTORS for a in ev.source):
        return False
    for o in phrases:
        head = actor_head(doc, o)
        entry = lex_entry(head, "NOUN") if head is not None and head.pos_ == "NOUN" else None
        if entry is not None and entry.type == "PROTEST":
            return True
        if head is not None and head.lemma_.lower() == "strike" and ea.about_work(head):
            return True  # a labour strike, no air strike
    return False


def state_named_near(doc, index, places):
    """``named_near(event, state)`` for :func:`dyad_partner`: is ``state`` named (an
    entity of it, or a place in it) in the event's sentence or the sentence before?"""
    starts = [doc[b].idx for b, _ in sentence_bounds(doc) if b < len(doc)]

    def named_near(ev, state) -> bool:
        end = ev.sentence["end"]
        before = [b for b in starts if b < ev.sentence["start"]]
        start = before[-1] if before else ev.sentence["start"]
        if any(e.country == state for _, _, e in index.mentions_in(start, end)):
            return True
        return any(p.country == state and start <= p.start < end for p in places or [])
    return named_near


def _implied_at(ev, name: str, country: str, sector=None) -> Actor:
    """An actor the story implies, named ``name``, pointing at ``ev``'s trigger (the words
    that imply it)."""
    return Actor(name=name, entity=None, country=country, sector=sector, start=ev.trigger.start,
                 end=ev.trigger.end, text=ev.trigger.text)


def _implied_state(ev, state: str, sector=None) -> Actor:
    """The state ``state`` as an actor the story implies ("Kenya (implied)"), in
    ``sector`` if given (its government: "GOV")."""
    return _implied_at(ev, country_name(state) + IMPLIED, state, sector)


def _one_state(actors: list) -> Optional[str]:
    """The state every one of ``actors`` belongs to, or None (no actor, several states,
    or a code that is no state's)."""
    states = {a.country for a in actors}
    if len(states) != 1:
        return None
    (state,) = states
    return state if is_state(state) else None


#: acts a state's own people do within it, whoever does them: the agent a text leaves
#: unsaid is of the victims' state (on the training stories, for 12 of 16 such events)
DOMESTIC_ACTS = frozenset({"ASSAULT", "COERCE"})


def domestic_agent(events: list) -> None:
    """The agent an act of force or coercion leaves unsaid is of the victims' own state:
    "five protesters were killed in Yangon" (Myanmar), "the party was banned"
    (Pakistan's authorities), as the guide codes the source. An ASSAULT or COERCE with no
    source and targets of one state gets "<state> (implied)" (for COERCE its
    "authorities (implied)", sector GOV), pointing at the trigger. Changes ``events``
    in place."""
    for ev in events:
        if ev.type not in DOMESTIC_ACTS or any(known(a) for a in ev.source):
            continue
        state = _one_state([a for a in ev.target if a.country])
        if state is None:
            continue
        name, sector = (("authorities" + IMPLIED, "GOV") if ev.type == "COERCE"
                        else (country_name(state) + IMPLIED, None))
        ev.source = [_implied_at(ev, name, state, sector)] + [a for a in ev.source if not known(a)]
