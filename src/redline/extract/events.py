"""Who did what to whom: PLOVER events with actors, recipients, factuality and scores.

The event coder runs these stages, each in its own module:

1. **Trigger candidates and roles** (:mod:`redline.extract.event_candidates`, over
   :mod:`redline.extract.event_actors`): per sentence, verbs with an actor-like subject
   or object or listed in the event lexicon (``data/event_lexicon.tsv``), event nouns of
   the lexicon with an actor or recipient, and three speech acts (a demand, an
   expectation, an accusation); each with the heads of its actor and recipient phrases.
2. **Classifier**: a linear model trained on PLV (``redline train events``;
   features from :mod:`redline.extract.event_features`, which include the lexicon's
   type) labels every candidate; the lexicon decides when no model is installed.
3. **Factuality** of the trigger from cue words (:mod:`redline.extract.factuality`);
   ``quote`` = the quote holding the trigger.
4. **Actors** (:mod:`redline.extract.event_referents`): each phrase resolved to a
   canonical entity by ``index.actor``, pronouns to their referents.
5. **Type** (:mod:`redline.extract.event_types`): the classifier's label, then the
   ordered table of named type rules (``TYPE_RULES``; a later rule overrules an earlier
   one); named "no event" predicates on the actors (``NOT_AN_EVENT``).
6. **Readings** (:mod:`redline.extract.event_readings`): who with whom (reciprocal
   acts of a compound actor), statement vs act (an announced or irrealis act is also a
   threat, a promise, a refusal), a deployment to an ally also AID.
7. **Coding** (here): mode, context, CAMEO, Goldstein and PLOVER score from the lexicon
   and the PLOVER tables (:mod:`redline.plover`).
8. **Filters** (:mod:`redline.extract.event_filters`, :mod:`redline.extract.event_none`)
   on the events of the document; acts dropped for want of a placed target are
   completed where the story says whom (``dyad_partner``, ``own_state_target``), a
   protest naming no one is aimed at its own state (``protested_state``), then
   the none decision, then story-level actors (``story_counterpart``,
   ``domestic_agent``); then time and place (:mod:`redline.extract.event_context`).

What runs is one frozen :class:`EventConfig` (:data:`CONFIG`): a rule, a reading or a
"no event" predicate is switched off by naming it in ``disabled``.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from .. import plover
from ._text import sentence_bounds, sentence_of
from ..model import Actor, Event, TextSpan
from . import event_actors as ea
from . import event_readings, event_referents, event_types
from .event_candidates import Candidate, candidates, doc_candidates
from .event_features import features
from .event_referents import (actors, answered_accuser, appeal_addressee, domestic_agent, implied_attacker,
                              implied_authority, known, names_people, place_of_act, placed, plea_recipient,
                              quote_around, quote_at, speaker_actor, story_counterpart)

log = logging.getLogger(__name__)

__all__ = ["EventConfig", "CONFIG", "rule_names", "MODEL_PATH", "Candidate", "candidates", "classify",
           "current_model", "extract_events", "set_model"]


@dataclass(frozen=True)
class EventConfig:
    """What the event coder does (one frozen object, :data:`CONFIG`); a variant is built
    with ``dataclasses.replace(CONFIG, ...)`` and passed to :func:`extract_events`."""
    #: names of type rules (:data:`redline.extract.event_types.TYPE_RULES`), "no event"
    #: predicates (``event_types.NOT_AN_EVENT``) and readings
    #: (:mod:`redline.extract.event_readings`) that do not run, for an ablation
    disabled: frozenset = frozenset()
    #: factualities under which a known actor's announced material act also yields the
    #: statement event (THREATEN for a conflictual act, AGREE for a cooperative one)
    intent_factualities: tuple = ("future", "hypothetical", "conditional")

    def __post_init__(self):
        unknown = set(self.disabled) - rule_names()
        if unknown:
            raise ValueError(f"no event rule named {sorted(unknown)}")


def rule_names() -> frozenset:
    """The names ``EventConfig.disabled`` accepts: type rules, "no event" predicates, readings."""
    return frozenset({r.name for r in event_types.TYPE_RULES} | set(event_types.NOT_AN_EVENT)
                     | set(event_readings.NAMES) | set(event_referents.NAMES))


CONFIG = EventConfig()

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "events.npz"
#: the classifier for whole stories (PLV and the VOA whole-article gold; a headline or a
#: lone sentence, like a PLV row, gets the PLV model)
STORY_MODEL_PATH = MODEL_PATH.with_name("events_story.npz")

_model_override = None


@functools.lru_cache(maxsize=2)
def _load_model(story: bool = False):
    """The installed classifier's weights, scored with NumPy (:mod:`redline.linear`:
    no scikit-learn import when extracting), or None: then events are typed by the
    lexicon only. ``story``: the model for whole stories (also trained on the VOA
    whole-article gold), when installed; else the sentence model (PLV)."""
    from ..linear import load_model

    if story and STORY_MODEL_PATH.exists():
        return load_model(STORY_MODEL_PATH, "event type (stories)")
    return load_model(MODEL_PATH, "event type")


def set_model(model) -> None:
    """Use ``model`` (a :class:`~redline.linear.LinearModel`, or a freshly trained dict
    with ``vectorizer`` and ``classifier``) instead of the installed one; ``None``
    restores the installed model. Used by cross-validation."""
    from ..linear import as_linear

    global _model_override
    _model_override = as_linear(model)


def current_model(story: bool = False):
    """The classifier in use: the one :func:`set_model` gave, else the installed model
    for whole stories (``story``) or for lone sentences."""
    return _model_override if _model_override is not None else _load_model(story)


def classify(feature_dicts: list[dict], model=None) -> list[tuple[str, float]]:
    """(label, probability) for each feature dict, or [] if there is no model."""
    from ..linear import as_linear

    model = as_linear(model) or current_model()
    if model is None or not feature_dicts:
        return []
    proba = model.predict_proba(feature_dicts)
    labels = model.classes_
    out = []
    for row in proba:
        k = int(row.argmax())
        out.append((str(labels[k]), float(row[k])))
    return out


# --------------------------------------------------------------------------- the stages

def extract_events(doc, *, entities=None, index=None, quotes=None, dates=None, places=None,
                   published=None, config: EventConfig = CONFIG) -> list:
    """PLOVER events of a parsed document, in text order, ids ``E1``, ``E2``, ...

    ``index`` is the article's :class:`~redline.extract.actors.EntityIndex`; ``quotes``
    the extracted quotes (an event whose trigger lies in one gets its id and is at
    least ``reported``); ``dates``/``places`` feed
    :func:`redline.extract.event_context.attach_time_place`.
    """
    if index is not None and getattr(index, "doc", "absent") is None:
        index.doc = doc  # the index resolves noun phrases against the parse
    cands = doc_candidates(doc)
    feats = [features(doc, c.trigger, _span_of(c.src), _span_of(c.tgt)) for c in cands]
    from . import event_none
    whole_story = len(sentence_bounds(doc)) >= event_none.MIN_SENTENCES
    for c, (label, prob) in zip(cands, classify(feats, current_model(story=whole_story))):
        c.label, c.prob = label, prob

    events: list[Event] = []
    for c in cands:
        try:
            events.extend(_events_of(doc, c, index, quotes, config, places, events))
        except Exception:
            log.debug("event candidate failed", exc_info=True)
    if "statement_once" not in config.disabled:
        events = event_readings.statement_once(sorted(events, key=lambda e: e.trigger.start), doc)
    if index is not None and "answered_accuser" not in config.disabled:
        answered_accuser(events, doc)
    # filters: targets are actors (things go to ``object``); named "not an event" predicates
    if index is not None:
        from . import event_filters
        dropped: list = []
        events = event_filters.apply(events, doc, whole_story=whole_story, dropped=dropped)
        # acts dropped for want of a placed target, completed from the story where it says whom
        unplaced = [e for reason, e in dropped if reason in ("unplaced_target", "no_recipient")]
        if whole_story and "answered_act" not in config.disabled:
            answered = event_referents.answered_act(unplaced, events, doc)
            events += answered
            unplaced = [e for e in unplaced if e not in answered]
        if whole_story and "dyad_partner" not in config.disabled:
            partnered = event_referents.dyad_partner(
                unplaced, events, event_referents.state_named_near(doc, index, places))
            events += partnered
            unplaced = [e for e in unplaced if e not in partnered]
        if whole_story and "own_state_target" not in config.disabled:
            events += event_referents.own_state_target(unplaced, doc)
        if whole_story and "protested_state" not in config.disabled:
            event_referents.protested_state(events)
        if whole_story:
            # the learned "none" decision (if a model is installed), for whole stories: it
            # was trained on them and reads the story's resolution of actors
            events = event_none.keep(events)
        if whole_story and "story_counterpart" not in config.disabled:
            # after the "no event" decisions, which judge the target the text gives: the
            # counterpart is a reading of the story, not evidence of an event
            story_counterpart(events, index)
        if whole_story and "domestic_agent" not in config.disabled:
            domestic_agent(events)
    # text order; events of one trigger keep their order (the classifier's reading first)
    events.sort(key=lambda e: e.trigger.start)
    for k, e in enumerate(events, 1):
        e.id = f"E{k}"
    try:
        from .event_context import attach_time_place
        attach_time_place(events, dates or [], places or [], doc, published)
    except Exception:
        log.debug("attach_time_place failed", exc_info=True)
    return events


def _events_of(doc, c, index, quotes, config: EventConfig = CONFIG, places=None, earlier=()) -> list:
    """The event(s) of one classified candidate: factuality, actors, type, readings,
    coding ([] if it is no event). ``earlier``: the events of the candidates before it."""
    from .factuality import factuality

    if c.label is None and c.lex is None:
        return []  # no model and no lexicon entry: nothing says what the act is
    tok = c.trigger
    quote = quote_at(quotes, tok.idx)
    fact = factuality(tok, in_quote=quote is not None)
    said = ea.speech_conjunct(tok)
    if said is not None and said.i < tok.i:
        # "X said ... and accused Y": the speaker's own act, as factual as the saying
        quote = quote_at(quotes, said.idx)
        fact = factuality(said, in_quote=quote is not None)
    x = event_types.TypeContext(c, fact,
                                _actors_or_phrases(doc, c.src, index, quote),
                                _actors_or_phrases(doc, c.tgt, index, quote),
                                doc=doc, index=index, quote=quote, outer_quote=quote_around(quotes, quote))
    if c.info.get("quoted_demand"):
        # the demand is the quote's speaker's: without one, it is nobody's
        speaker = speaker_actor(quote, index)
        if speaker is None:
            return []
        x.src = [speaker]
        x.fact = "asserted"
    if c.info.get("conditional_threat"):
        x.fact = "asserted"  # the threat is made; what it announces is what is conditional
    if places is not None and "court_officers" not in config.disabled:
        x.src = event_referents.court_officers(doc, x.src, places)
        x.tgt = event_referents.court_officers(doc, x.tgt, places)
    if c.info.get("attribution") and quote is None:
        # "Iran was allegedly behind the plot, according to prosecutors": the phrase hangs
        # on the clause it attributes, whose cues ("allegedly", "must") are the content's
        x.fact = "asserted"
    if event_types.why_not(x, config.disabled) is not None:
        return []
    if event_types.type_of(x, config.disabled) == event_types.NO_EVENT:
        return []
    if c.info.get("repeat"):
        # the act told again is of the noun's own kind: its lexicon type, or the type a
        # rule read from its words ("the drills": a show of force); with no actor in its
        # phrase the classifier alone has little to read ("to protest the cross-border
        # attacks" repeats no complaint)
        kind = x.type if x.fired or c.lex is None else c.lex.type
        told = event_referents.repeated_act(earlier, kind, tok) if "repeated_act" not in config.disabled else None
        if told is None:
            return []
        x.type = told.type
        x.src, x.tgt = list(told.source), list(told.target)
        if x.fact != "negated":
            # what is said of an act told before ("condemned the drills", "the accord would
            # close the corridors") does not make it less or more real than the telling
            x.fact = told.factuality
    if not x.src and index is not None and "act_agent" not in config.disabled:
        x.src = event_referents.act_agent(doc, c, x.type, index, quote)
        scene = event_referents.act_scene(c, x.type, places) if x.src else None
        if scene is not None:
            # people the act hurt, placed by no word of their own, are of where it happened
            # (not of the state the story is about)
            x.tgt = [replace(a, country=scene) if a.entity is None and not placed(doc, a) else a for a in x.tgt]
    if not x.src and index is not None and "implied_authority" not in config.disabled:
        implied = implied_authority(c, x.type, index, places, x.fired)
        if implied is not None:
            x.src = [implied]
            # whom a state's authorities arrest, charge or try is within their reach: an
            # unplaced target ("a journalist arrested over his interviews") is of that state
            x.tgt = [replace(a, country=implied.country) if a.country is None and a.entity is None
                     and names_people(doc, a, c.trigger) else a for a in x.tgt]
    if x.type in event_referents.OWN_PEOPLE_ACTS and "own_people" not in config.disabled:
        x.tgt = event_referents.own_people(doc, x.src, x.tgt, c.trigger)
    if not x.src and "implied_protesters" not in config.disabled:
        protesters = event_referents.implied_protesters(c, x.type, places, getattr(index, "story_country", None))
        if protesters is not None:
            x.src = [protesters]
    if not x.src and index is not None and "implied_attacker" not in config.disabled:
        attacker = implied_attacker(c, x.type, index)
        if attacker is not None:
            x.src = [attacker]
    if not x.tgt and index is not None and "plea_recipient" not in config.disabled:
        pleaded_to = plea_recipient(c, x.type, index, places)
        if pleaded_to is not None:
            x.tgt = [pleaded_to]
    for find in event_referents.RECIPIENT_STEPS:
        # no recipient, or only the act reacted to ("doesn't support the measure"): the
        # first step that names one decides
        if index is None or any(known(a) for a in x.tgt):
            break
        if find.__name__ not in config.disabled:
            x.tgt = find(doc, c, x.type, index, quote) or x.tgt
    if index is not None and not x.tgt and "appeal_addressee" not in config.disabled:
        addressee = appeal_addressee(doc, c, x.type, x.src, index, places)
        if addressee is not None:
            x.tgt = [addressee]
    where = []
    if "place_of_act" not in config.disabled:
        x.tgt, where = place_of_act(c, x.type, x.tgt, places)
    if not x.tgt and "struck_place" not in config.disabled:
        x.tgt = event_referents.struck_place(c, x.type, places)
    event_readings.dyads(x, config.disabled)
    s = sentence_of(tok)
    tspan = doc[c.trig_span[0]:c.trig_span[1]]
    events = []
    for r in event_readings.readings(x, config.disabled, config.intent_factualities):
        mode, context, cameo = _mode_context(c, r.type, x.fired)
        if r.type == "AID" and x.type == "MOBILIZE":  # the AID reading of a deployment
            mode, context, cameo = "military", "military", "072"
        events.append(Event(
            id="", type=r.type, mode=mode, context=context, cameo=cameo,
            score=plover.score(r.type), goldstein=plover.goldstein(cameo), factuality=r.factuality,
            trigger=TextSpan(tspan.start_char, tspan.end_char, tspan.text),
            sentence={"start": s.start_char, "end": s.end_char},
            source=list(r.source), target=list(r.target), object=_object_of(doc, c) + where,
            quote=quote.id if quote is not None else None,
            confidence=round(c.prob, 3) if c.label is not None else None,
        ))
    return events


def _actors_or_phrases(doc, head, index, quote) -> list[Actor]:
    """The resolved actors of a phrase; without an entity index, its conjuncts as they
    are written."""
    if index is not None:
        return actors(doc, head, index, quote)
    if head is None:
        return []
    return [Actor(doc[lo:hi].text, None, None, None, doc[lo:hi].start_char, doc[lo:hi].end_char, doc[lo:hi].text)
            for lo, hi in ea.actor_spans(head)]


def _span_of(head):
    return ea.np_tokens(head) if head is not None else None


# --------------------------------------------------------------------------- coding

def _object_of(doc, c) -> list:
    """The act a verb's object names when it is no recipient ("violated *the ceasefire*")."""
    noun = c.info.get("object_noun")
    if noun is None and c.kind == "verb":
        # what is given, moved or used when it is no recipient ("provided EUR 28 million")
        d = c.info.get("dobj")
        if d is not None and (c.tgt is None or d.i != c.tgt.i) and (c.src is None or d.i != c.src.i) \
                and not ea.looks_actor(d):
            noun = d
    if noun is None:
        return []
    lo, hi = ea.np_tokens(noun)
    sp = doc[lo:hi]
    return [Actor(sp.text, None, None, None, sp.start_char, sp.end_char, sp.text)]


def _mode_context(cand, type_: str, fired) -> tuple:
    """Mode/context/CAMEO from the lexicon entry when it agrees with the type, and from
    the type rules that ``fired`` (a labour strike, a formal agreement, humanitarian aid,
    peacekeeping)."""
    e = cand.lex
    mode = context = cameo = None
    if e is not None and e.type == type_:
        mode, context, cameo = e.mode, e.context, e.cameo
    # what is handed over or used: "arms", "missiles" → military
    obj = cand.info.get("dobj") if cand.kind == "verb" else cand.trigger
    pool = []
    if obj is not None:
        pool = [obj] + [c for c in obj.children if c.dep_ in ("compound", "amod", "nmod")]
        if cand.kind == "verb":
            pool += [t for c in cand.trigger.children if c.dep_ == "prep" and c.lower_ == "with"
                     for t in c.subtree]
    for t in pool:
        o = plover.lexicon().get((t.lemma_.lower(), "OBJ"))
        if o is not None and type_ in ("AID", "THREATEN", "ASSAULT", "MOBILIZE"):
            if type_ == "AID":
                mode, context, cameo = "military", "military", "072"
            context = context or o.context
    if type_ == "MOBILIZE" and mode is None:
        mode, context, cameo = "troops", "military", "154"
    struck = cand.trigger if cand.kind == "noun" else cand.info.get("dobj")
    if type_ == "PROTEST" and ("labour_strike" in fired or (
            struck is not None and struck.lemma_.lower() == "strike")):
        mode, context, cameo = "strike", None, "143"
    if type_ == "PROTEST" and "protesters_obstruct" in fired:
        mode, context, cameo = "obstruct", None, "144"
    if type_ == "ASSAULT" and "crowd_control" in fired:
        mode, context, cameo = "crowd-control", None, "175"
    if type_ == "SANCTION" and ("envoy_withdrawal" in fired or "withdrawal_from_body" in fired):
        mode, context, cameo = "withdraw", "diplomatic", "161"
    if type_ == "SUPPORT" and "agreed_text" in fired:
        mode, context, cameo = None, "diplomatic", "057"
    if type_ == "AID" and "relief_goods" in fired:
        mode, context, cameo = None, "humanitarian", "073"
    if type_ == "AID" and "peacekeeping" in fired:
        mode, context, cameo = None, "peacekeeping", "074"
    if cameo is None or plover.cameo_type(cameo) not in (type_, None) and not (
            type_ in plover.YIELD_TYPES and plover.cameo_type(cameo) in plover.YIELD_TYPES):
        cameo = plover.default_cameo(type_)
    if mode and mode not in plover.modes().get(type_, set()) and type_ != "AID":
        mode = None if type_ not in ("CONSULT", "MOBILIZE", "ASSAULT", "ACCUSE") else mode
    return mode, context, cameo
