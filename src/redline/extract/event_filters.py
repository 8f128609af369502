"""The "filters" stage of the event coder: named "not an event" predicates.

Takes the typed, resolved events of a document (:class:`redline.model.Event`, with the
parse) and returns the ones that stand, after two changes:

* **targets are actors only.** A target phrase that is no actor (a thing, a place, a
  policy, an abstraction: "power", "tariff", "an operation", "oil prices", "a
  ceasefire") moves to the event's ``object`` (:func:`split_objects`).
* **"no event".** Each predicate of :data:`NOT_AN_EVENT` names one reason a candidate is
  no event; the first that holds drops it (:func:`why_not`).

  - :func:`newsroom_act`: the newsroom's own acts ("contributed to this report",
    "did not respond to a request for comment", "VOA requests for comment").
  - :func:`no_political_actor`: no political actor as its source (or, for the
    types that may lack a stated source, "were killed", "were arrested", as its target).

What an actor is (:func:`is_actor`) and what a political actor is
(:func:`is_political`) are the two definitions the predicates share. The switches are
one frozen :class:`FilterConfig` (:data:`CONFIG`).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Optional

from ..model import Actor, Event
from ..plover import sectors_with, word_class
from . import event_actors as ea
from ._text import actor_head

#: sectors of political actors (``sector_codes.tsv``)
POLITICAL_SECTORS = sectors_with("political")
# The sector of news media: reporting is the newsroom's work, not a political act
NEWS_SECTOR = "JRN"
_GROUP_NOUNS = word_class("group_noun")
_PERSON_PRONOUNS = {"he", "she", "they", "them", "him", "her", "we", "us", "i", "me"}


@dataclass(frozen=True)
class FilterConfig:
    """What the filter stage does (one object; tests build variants with ``replace``)."""
    #: move non-actor targets to ``object``
    split_objects: bool = True
    #: types that may lack a stated source: a political target suffices
    sourceless_types: frozenset = frozenset({"ASSAULT", "COERCE"})
    #: an act demanded or announced with no stated actor ("called for Zamora's release")
    sourceless_factualities: frozenset = frozenset({"advocated"})
    #: news media act too (PLOVER's JRN sector: "the newspaper sued the ministry"); only
    #: the newsroom's own reporting is no event (``newsroom_act``)
    media_are_actors: bool = True
    #: no source stated at all (a passive, a bare noun): a political target suffices
    unstated_source: bool = False
    #: a personal pronoun the resolver could not place still stands for an actor
    pronoun_sources: bool = True
    #: an actor with a named entity but neither country nor sector counts as political
    entity_is_political: bool = False
    #: a person or group phrase with no known country is political too
    named_groups: bool = True
    #: the predicates applied, in order (names of :data:`NOT_AN_EVENT`)
    predicates: tuple = ("newsroom_act", "mere_talk", "thing_as_source", "travel", "no_recipient",
                         "no_political_actor", "unplaced_target")
    #: predicates that need the whole story: a lone sentence (a headline, a PLV row) has
    #: not the context that places its actors ("the group", "the company"), so its
    #: unplaced source is no evidence that nothing political happened
    story_only: frozenset = frozenset({"no_political_actor", "unplaced_target"})
    #: the types of act that may have no target actor (the annotation guide's definition
    #: of an event: "for MOBILIZE, PROTEST, some ASSAULT and CONSULT, with no stated
    #: target"); every other act is done to or with someone
    targetless_types: frozenset = frozenset({"MOBILIZE", "PROTEST", "ASSAULT", "CONSULT"})
    #: types whose act needs a target actor (PLOVER: done to someone); in the VOA gold 6
    #: of 119 such events have none; RETREAT ("laid down their arms") often has none
    needs_target: frozenset = frozenset({"AID", "SUPPORT", "SANCTION", "THREATEN"})
    #: ... or at least an object ("released the prisoners' bodies", "lifted the ban")
    object_is_recipient: bool = True
    #: types of act two parties can do together with no recipient: the PLOVER codebook's
    #: "if two parties make a reciprocal agreement, code both as ACTOR (with no
    #: RECIPIENT)" ("Sudan's military and civilian leaders signed a power-sharing deal")
    reciprocal_types: frozenset = frozenset({"AGREE", "SUPPORT", "COOPERATE", "CONCEDE", "RETREAT"})


CONFIG = FilterConfig()


# --------------------------------------------------------------------------- actors

_VEHICLES = word_class("vehicle_noun")


def is_actor(actor: Actor, doc=None) -> bool:
    """Can this phrase be an event's target? A resolved actor (entity, country or
    sector), a pronoun that stands for a person or a group, or a noun phrase headed by a
    name or an actor noun ("passengers", "protesters", "the militants"); not things,
    places taken as places, policies or abstractions."""
    if actor.entity or actor.country or actor.sector:
        return True
    head = actor_head(doc, actor)
    if head is None:
        return (actor.text or "").lower() in _PERSON_PRONOUNS
    if head.pos_ == "PRON":
        return head.lower_ in _PERSON_PRONOUNS
    c = ea.core(head)
    if c.pos_ == "NOUN" and (c.lemma_.lower() in ea.actor_head_words() or c.lemma_.lower() in _GROUP_NOUNS):
        return True
    if ea.is_thing(head) or ea.is_event_noun(c) or c.lemma_.lower() in weapon_heads() \
            or c.lemma_.lower() in _VEHICLES:
        return False  # "deploying 70 warplanes and 11 navy ships": equipment is no target
    if c.pos_ == "NOUN" and _PERSON_SUFFIX.search(c.lemma_.lower()):
        return True
    return ea.looks_actor(head) and c.ent_type_ not in ("LOC", "FAC")


def is_political(actor: Actor, config: FilterConfig = CONFIG) -> bool:
    """A political actor: one with a country, or a sector other than the news media
    (PLOVER's actors), or (if configured) a named entity."""
    if actor.country:
        return config.media_are_actors or actor.sector != NEWS_SECTOR
    if actor.sector:
        return actor.sector in POLITICAL_SECTORS or (config.media_are_actors and actor.sector == NEWS_SECTOR)
    return bool(config.entity_is_political and actor.entity)


def _thing_pronoun(doc, actor: Actor) -> bool:
    head = actor_head(doc, actor)
    return head is not None and head.pos_ == "PRON" and head.lower_ in ("it", "this", "that")


def _modifier_actor(doc, actor: Actor) -> Optional[Actor]:
    """The actor a thing's modifier names ("*American* soybeans", "*Russia's* gas"),
    with the thing's resolution (country, entity, sector) and the modifier's span."""
    head = actor_head(doc, actor)
    if head is None:
        return None
    for ch in head.children:
        if ch.dep_ in ("poss", "compound", "amod", "nmod") and (
                ch.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or ch.pos_ == "PROPN"):
            lo, hi = ch.left_edge.i, ch.i + 1
            sp = doc[lo:hi]
            text = sp.text[:-2] if sp.text.endswith(("'s", "’s")) else sp.text
            return Actor(actor.name, actor.entity, actor.country, actor.sector,
                         sp.start_char, sp.start_char + len(text), text)
    return None


def split_objects(event: Event, doc=None) -> Event:
    """Move target phrases that are no actors to ``event.object`` (in place)."""
    keep, things = [], []
    src_countries = {a.country for a in event.source if a.country}
    for a in event.target:
        if not is_actor(a, doc) or (a.country in src_countries and _thing_pronoun(doc, a)):
            # "we will not tolerate it": "it" is the provocation, not the speaker's state
            things.append(a)
        elif (a.country or a.entity) and _thing_head(doc, a):
            # "a tariff on American soybeans": the soybeans are the object, the United
            # States (the modifier's actor) the target
            things.append(a)
            owner = _modifier_actor(doc, a)
            if owner is not None:
                keep.append(owner)
        else:
            keep.append(a)
    if things:
        event.target = keep
        event.object = list(event.object) + things
    return event


# --------------------------------------------------------------------------- predicates

_NEWSROOM = re.compile(
    r"contributed to this report|contributed reporting|"
    r"request(?:s|ed)? for comment|requesting (?:a |further )?comment|"
    r"reached for comment|declined to comment|could not be reached|"
    r"\b(?:VOA|Voice of America)(?:'s|’s)? (?:request|inquir|quer|question|interview)",
    re.I)
_TO_PRESS = re.compile(r"\s*(?:to|with)\s+(?:(?:the|a|an)\s+)?(?:[a-z-]+\s+){0,2}?"
                       r"(?:reporters|journalists|press|media|news|VOA|television|TV|radio|broadcaster|newspaper)\b",
                       re.I)
_NEWS_ORGS = {"voa", "voice of america", "reuters", "ap", "associated press", "afp", "agence france-presse",
              "bbc", "cnn"}


def _sentence_text(doc, event: Event) -> str:
    s = event.sentence or {}
    if doc is None:
        return ""
    try:
        from ._text import doc_text
        text = doc_text(doc)  # spaCy rebuilds doc.text on every access
    except Exception:  # a stand-in doc with a plain text attribute
        text = getattr(doc, "text", None)
    if text is None or s.get("start") is None:
        return ""
    return text[s["start"]:s["end"]]


def _is_publisher(a: Actor) -> bool:
    """The publishing newsroom itself (Voice of America, whose stories these are)."""
    for name in (a.text, a.name):
        n = (name or "").strip().lower()
        if n.startswith("voa") or n.startswith("voice of america"):
            return True
    return False


def _is_news_org(a: Actor) -> bool:
    name = (a.name or a.text or "").lower().strip()
    return a.sector == NEWS_SECTOR or name in _NEWS_ORGS or name.startswith("voa")


def newsroom_act(event: Event, doc=None, config: FilterConfig = CONFIG) -> bool:
    """The newsroom's own acts: "Margaret Besheer contributed to this report", "did not
    respond to a request for comment", "have ignored VOA requests for comment". The
    sentence says so around the trigger, or a news organisation is the source or
    target of an act of news gathering."""
    sent = _sentence_text(doc, event)
    if sent:
        t0 = event.trigger.start - (event.sentence or {}).get("start", 0)
        for m in _NEWSROOM.finditer(sent):
            # the trigger is part of the newsroom phrase or its verb ("ignored", "respond")
            if m.start() - 40 <= t0 <= m.end():
                return True
        if event.type == "CONSULT" and _TO_PRESS.match(sent[t0 + len(event.trigger.text):]):
            return True  # "spoke to reporters", "talked with journalists": a press contact
    if any(_is_publisher(a) for a in event.source):
        return True  # "VOA examined the facts and spoke with experts": the newsroom's work
    lemma = (event.trigger.text or "").lower()
    if any(_is_news_org(a) for a in list(event.source) + list(event.target)) and \
            lemma.split(" ")[0] in _NEWSGATHERING_WORDS:
        return True
    return False


_NEWSGATHERING_WORDS = word_class("newsgathering") | {"ignored", "ignore", "ignores", "contributed",
                                                       "reported", "asked", "requests", "told"}


def no_political_actor(event: Event, doc=None, config: FilterConfig = CONFIG) -> bool:
    """No political actor as the source; for the types that may lack a stated source
    (``config.sourceless_types``: "were killed", "were detained") none as the target
    either."""
    if any(_political_in(a, doc, config) for a in event.source):
        return False
    if (event.type in config.sourceless_types or (not event.source and event.factuality in config.sourceless_factualities)) \
            and any(_political_in(a, doc, config) for a in event.target):
        return False
    if not event.source and config.unstated_source and any(is_political(a, config) for a in event.target):
        return False  # "were released from detention", "have been expelled from North Korea"
    if config.pronoun_sources and any(_unresolved_pronoun(doc, a) for a in event.source):
        return False  # "they will not end the strike": someone, though not resolved
    return True


def _unresolved_pronoun(doc, actor: Actor) -> bool:
    head = actor_head(doc, actor)
    return head is not None and head.pos_ == "PRON" and head.lower_ in _PERSON_PRONOUNS


def _political_in(actor: Actor, doc, config: FilterConfig) -> bool:
    """Political by its resolution, or (``config.named_groups``) a person or group the
    parse shows as one though no country is known ("Western politicians", "unnamed
    individuals"); an unresolved pronoun is none."""
    if is_political(actor, config):
        return True
    if not config.named_groups or (actor.sector == NEWS_SECTOR and not config.media_are_actors):
        return False
    head = actor_head(doc, actor)
    if head is None or head.pos_ == "PRON":
        return False
    return is_actor(actor, doc)


def _lemma(doc, span) -> str:
    """Lemma of the first token of a text span in the parse."""
    if doc is None:
        return (span.text or "").lower().split(" ")[0]
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sp[0].lemma_.lower() if sp is not None and len(sp) else (span.text or "").lower()


def _has_object(doc, span) -> bool:
    """Does the trigger verb take a direct object in the parse?"""
    if doc is None:
        return False
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    return sp is not None and len(sp) > 0 and any(c.dep_ == "dobj" for c in sp[0].children)


@functools.lru_cache(maxsize=1)
def weapon_heads() -> frozenset:
    """Head nouns of military equipment (``data/equipment.tsv``)."""
    try:
        from .equipment import _lexicon
        heads = set(_lexicon().heads)
        # "fighter aircraft", "military aircraft" → "aircraft"
        return frozenset(heads | {h.rsplit(" ", 1)[-1] for h in heads} - {"system", "device", "equipment"})
    except Exception:
        return frozenset()


def _thing_head(doc, actor: Actor) -> bool:
    """Is the phrase a thing, a policy or an abstraction that only a modifier ties to an
    actor ("Britain's decision", "U.S. residential bills", "a Chinese update", "the gang
    leader's prison break")? Not when the head is the actor's own name, an actor or
    person noun, an act ("a Taliban attack" stands for its author), a weapon or an
    armed force's vehicle ("Israeli aircraft", "Chinese coast guard vessels" for the
    crews in them)."""
    from . import event_actors as ea
    head = actor_head(doc, actor)
    if head is not None and ea.is_natural_hazard(head):
        return True  # "Tropical Cyclone Chido hit Malawi", "floods hit Grenada": nature
    if head is None or head.pos_ != "NOUN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    c = ea.core(head)
    lem = c.lemma_.lower()
    if c.pos_ != "NOUN" or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    if actor.name and c.lower_ in actor.name.lower():
        return False  # the resolved entity's own name ("Trump", tagged a noun)
    if lem in ea.actor_head_words() or c.lower_ in ea.actor_head_words() or lem in _GROUP_NOUNS or _PERSON_SUFFIX.search(lem) \
            or _AGENT_SUFFIX.search(lem):
        return False  # a source "hackers", "traders" may well be people: only clear things go
    if ea.is_troops(c) or ea.is_thing(c) or ea.is_event_noun(c) or lem in weapon_heads() or _armed_vehicle(c):
        return False
    # the actor comes from a modifier: a possessive, a name or a demonym before the head
    return any(ch.dep_ in ("poss", "compound", "amod", "nmod") and (
        ch.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or ch.pos_ == "PROPN"
        or ch.lemma_.lower() in ea.actor_head_words()) for ch in c.children)


def _armed_vehicle(tok) -> bool:
    """A vehicle of armed forces ("Chinese coast guard vessels", "navy ships", "a
    warplane"): it stands for the crew that acts with it; a cargo ship or a fishing boat
    does not."""
    from .actors import sector_of_words

    if tok.lemma_.lower() not in _VEHICLES:
        return False
    if tok.lemma_.lower().startswith("war"):
        return True
    mods = [t.text for t in tok.subtree if t.i < tok.i and t.dep_ in ("compound", "amod")]
    hit = sector_of_words(mods[-2:]) or next(filter(None, (sector_of_words([m]) for m in mods)), None)
    return hit is not None and hit[0] in _ARMED


# person nouns by their ending ("activist", "civilian", "chairman"); -er/-or words are too
# often things ("power", "border") and are listed in group_noun instead
_AGENT_SUFFIX = re.compile(r"(?:er|or|ant|ent|ee)$")
_PERSON_SUFFIX = re.compile(r"(?:ist|ian|(?:^|[^w])man|men|woman|women|people|folk)$")


def thing_as_source(event: Event, doc=None, config: FilterConfig = CONFIG) -> bool:
    """The source phrase is a thing, a policy or an act, not an actor ("Britain's
    decision to relinquish", "U.S. residential bills would increase"): no event, even
    when a modifier gives it a country."""
    return bool(event.source) and all(_thing_head(doc, a) for a in event.source)


_TRAVEL_VERBS = word_class("travel_verb")
_ARMED = sectors_with("armed")


def _troops(doc, actor: Actor) -> bool:
    from . import event_actors as ea
    head = actor_head(doc, actor)
    return head is not None and (ea.is_troops(ea.core(head)) or ea.core(head).lemma_.lower() in ("peacekeeper", "soldier"))


def travel(event: Event, doc=None, config: FilterConfig = CONFIG) -> bool:
    """Someone or something travelling ("the ship departed China", "before landing in
    Jeddah", "refugees returned to Somalia"): a journey, no act on anyone. Visits
    (CONSULT) and armed forces moving (MOBILIZE, RETREAT) stay."""
    if event.type in ("CONSULT", "MOBILIZE", "ASSAULT"):
        return False
    if _lemma(doc, event.trigger) not in _TRAVEL_VERBS or _has_object(doc, event.trigger):
        return False  # "flew 13 tons of medicine into Afghanistan" moves goods
    if any(a.sector in _ARMED or _troops(doc, a) for a in event.source):
        return False  # "peacekeeping troops arrive in Monrovia": forces moving
    return True


def no_recipient(event: Event, doc=None, config: FilterConfig = CONFIG) -> bool:
    """Acts that are done *to* someone have no event without a target actor ("continued
    military aid", "with support from the UK government", "will help release my
    father"): aid, support, sanctions, threats (``config.needs_target``)."""
    return event.type in config.needs_target and not event.target and not (
        config.object_is_recipient and event.object)


_TALK_VERBS = word_class("talk_verb")


def mere_talk(event: Event, doc=None, config: FilterConfig = CONFIG) -> bool:
    """Talking *about* something with no one ("I'm not talking about students", "people
    that even talk about it"): a mention of speech, no meeting and no refusal; and a
    trigger that is no word (a clitic "'s")."""
    if not any(ch.isalpha() for ch in (event.trigger.text or "")):
        return True
    if event.target or _lemma(doc, event.trigger) not in _TALK_VERBS:
        return False
    sp = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if doc is not None else None
    return sp is None or sp[0].pos_ == "VERB"  # "peace talks" (a noun) stay a meeting


def unplaced_target(event: Event, doc=None, config: FilterConfig = CONFIG) -> bool:
    """An act done to someone (``config.targetless_types`` aside) whose target the whole
    story does not place, as an entity or a state: "Hungary rejected the plan", "the
    minister praised the decision" are no interaction between actors (story-only; on
    the 30 working VOA stories 11 of 68 such events matched a gold event); a
    :func:`reciprocal` act needs none."""
    return event.type not in config.targetless_types and not any(
        a.country or a.entity for a in event.target) and not reciprocal(event, config)


def reciprocal(event: Event, config: FilterConfig = CONFIG) -> bool:
    """An act of ``config.reciprocal_types`` with no target whose source holds two
    parties placed apart (two states or two named bodies): "Armenia and Azerbaijan
    signed a peace treaty", "the army and the rebels agreed to a truce" are done by
    each to the other, so no recipient is missing."""
    if event.type not in config.reciprocal_types or event.target:
        return False
    return len({a.entity or a.country for a in event.source if a.entity or a.country}) >= 2


#: the "not an event" predicates by name, in the order they are tried
NOT_AN_EVENT: dict[str, Callable[..., bool]] = {
    "mere_talk": mere_talk,
    "no_recipient": no_recipient,
    "newsroom_act": newsroom_act,
    "thing_as_source": thing_as_source,
    "travel": travel,
    "no_political_actor": no_political_actor,
    "unplaced_target": unplaced_target,
}


def why_not(event: Event, doc=None, config: FilterConfig = CONFIG, whole_story: bool = True) -> Optional[str]:
    """The name of the first predicate by which this is no event, or None
    (``whole_story=False``: the predicates of ``config.story_only`` are not tried)."""
    for name in config.predicates:
        if not whole_story and name in config.story_only:
            continue
        if NOT_AN_EVENT[name](event, doc, config):
            return name
    return None


def drop_self_targets(event: Event) -> None:
    """Take from the target the actors that are the source itself, entity and sector
    alike ("Beijing had assured it", "the Taliban ... barring them"): an actor does not
    act on itself, so the target was misread. A state's government and its people
    ("Somalia ... to feed its people") differ by sector and stay. What is left is judged
    as any event (an act done to someone needs a target: :func:`unplaced_target`)."""
    event.target = [t for t in event.target if not any(
        s.entity and s.entity == t.entity and s.sector == t.sector for s in event.source)]


def apply(events: list[Event], doc=None, config: FilterConfig = CONFIG,
          dropped: Optional[list] = None, whole_story: bool = True) -> list[Event]:
    """The events that stand, targets split from objects. ``dropped`` (if given)
    receives ``(predicate name, event)`` for each event let go; ``whole_story`` says
    whether ``doc`` is a story (see ``FilterConfig.story_only``)."""
    out = []
    for e in events:
        if config.split_objects:
            split_objects(e, doc)
        drop_self_targets(e)
        reason = why_not(e, doc, config, whole_story)
        if reason is None:
            out.append(e)
        elif dropped is not None:
            dropped.append((reason, e))
    return out
