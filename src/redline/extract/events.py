"""Who did what to whom: PLOVER events with actors, recipients, factuality and scores.

For each sentence of the parsed ``Doc``:

1. **Triggers.** Verbs with an actor-like subject or object, or listed in the event
   lexicon (``data/event_lexicon.tsv``); event nouns of the lexicon ("sanctions",
   "deployment", "visit", "arms supplies") that have an actor or recipient.
2. **Actor and recipient** noun phrases from dependency patterns
   (:mod:`redline.extract.event_actors`); conjoined phrases give several actors;
   pronouns are resolved (``I``/``we`` in a quote → the speaker; ``it``/``they`` → the
   nearest earlier actor subject; ``he``/``she`` → the last person named); each phrase is
   resolved to a canonical entity by ``index.actor``.
3. **Type.** Verbal and nominal events are typed by a linear classifier trained on PLV
   (``redline train events``; :mod:`redline.extract.event_features`), which sees the
   lexicon's type as a feature. The lexicon decides when no model is installed. A troop
   deployment to a country is also AID (PLOVER: MOBILIZE and AID/military). Reciprocal
   acts of a compound subject ("the UK and the EU agreed a deal") are coded first
   conjunct → the others.
4. **Mode, context, CAMEO, Goldstein, PLOVER score** from the lexicon and the PLOVER
   tables (:mod:`redline.plover`); **factuality** from cue words
   (:mod:`redline.extract.factuality`); ``quote`` = the quote holding the trigger.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Optional
from dataclasses import dataclass

from .. import plover
from ..plover import word_class
from ._text import doc_text, is_to_infinitive, sentence_bounds, sentence_of
from ..model import Actor, Event, TextSpan
from . import event_actors as ea
from .event_features import compound_modifier, features, lex_entry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventConfig:
    """The event coder's switches in one frozen object (``CONFIG``); a variant is built with
    ``dataclasses.replace(CONFIG, ...)`` and passed where needed, never by editing module globals."""
    #: "X says Y was responsible / guilty / to blame": the speaker blames Y (ACCUSE)
    speech_blame: bool = True
    #: Type nominal events with the classifier too (else by the lexicon).
    noun_classify: bool = True
    #: A trigger the event lexicon does not list needs a known actor and a known recipient.
    unlisted_needs_actors: bool = True
    #: A verb outside the lexicon governing an event noun ("reduced aid") is itself the trigger.
    verb_on_event_noun: bool = True
    #: "X says Y must ...": the speaker's demand is an event (speaker → Y).
    speech_demands: bool = True
    #: "Trump and Putin agreed to share information on North Korea": a reciprocal act of a
    #: compound subject is coded first conjunct → others even when the complement names a
    #: recipient (the complement's recipient is not the reciprocal act's)
    split_indirect: bool = True
    #: ... also when the object is an event noun ("X and Y will attend Saturday's meeting of ASEAN",
    #: "X and Y reached an agreement")
    split_event_object: bool = True
    #: the statement + irrealis-act split only for a known actor (an entity or a country): "the
    #: project will allow ..." stays one event, the irrealis act
    split_needs_known: bool = True
    #: factualities under which a known actor's announced material act also yields the
    #: statement event (THREATEN for a conflictual act, AGREE for a cooperative one)
    stated_intent: tuple = ("future", "hypothetical", "conditional")
    #: demanding a hostile act against Y is a threat to Y: "called for sanctions against X"
    advocated_threat: bool = True
    #: a call or visit to someone with a verbal purpose ("called X to apologize") is that act;
    #: otherwise it is CONSULT whatever the classifier says
    call_purpose: bool = True
    #: sending/releasing a message whose participle acts ("a letter threatening ...") is no
    #: event of its own (not AID)
    message_acts: bool = True
    #: a strike in a sentence about work, wages or unions is a labour strike (PROTEST)
    labour_strike: bool = True
    #: envoys sent for a purpose: the purpose is the act ("sent investigators to investigate")
    sent_for_purpose: bool = True
    #: moving relief goods (medicine, food, tents) is humanitarian AID (CAMEO 073)
    relief_goods: bool = True
    #: stopping an act reverses it: a hostile act stopped is RETREAT, a cooperative one SANCTION
    stopping_an_act: bool = True
    #: a promise verb with the promised act ("offered to send troops") is AGREE
    promise_with_act: bool = True
    #: a demand verb with an object and the act demanded of it is REQUEST
    demand_with_act: bool = True
    #: "X called on Y" with no demanded act is a visit (CONSULT)
    call_on_visit: bool = True
    #: nouns of verbal conflict (threat, accusation, demand, refusal...), of joint action
    #: (cooperation, exercise, war game) and of meeting (visit, talks, summit) keep their type
    statement_nouns_sure: bool = True
    #: "his country", "their government" are the state of the pronoun's referent
    possessed_state: bool = True
    #: multiword verb keys of the lexicon decide the type (except a statement reading of an
    #: irrealis act)
    phrase_keys_sure: bool = True
    #: verbs whose lexicon type the classifier may not overrule with another act type
    sure_verbs: bool = True
    #: agreeing on a text (deal, agreement, treaty, plan) is SUPPORT (formal agreement, 057)
    agreed_text: bool = True
    #: receiving an act from Y ("received aid from the U.S.") is Y's act on the receiver
    received_acts: bool = True
    #: a light verb with a lexicon type of its own ("launch") takes its event object's type
    light_verb_object: bool = True
    #: the stated-intent reading needs a verb, the act's or one governing the event noun ("will
    #: hold a protest"): a bare event noun ("the new rules take effect") announces nothing
    noun_intent_only_verbs: bool = True
    #: troops moved in a sentence about peacekeeping are AID (CAMEO 074), not MOBILIZE
    peacekeeping: bool = True
    #: a known actor's negated act of cooperation ("will not release the prisoners", "has not
    #: agreed") is also a refusal, REJECT, as PLOVER and PLV code it; the act stays, negated
    refusal: bool = True
    #: a blockade, or a seizure/capture/occupation by armed forces or of a place, is ASSAULT (as
    #: PLV codes it: 5 of 5 blockades, 7 of 9 seizures/captures), not COERCE; police seizing
    #: property stays COERCE
    military_seizure: bool = True
    #: "Trump attacked The Wall Street Journal": an attack verb by a named political actor
    #: on a person, an organisation or a publication, with no weapon, troops or armed actor
    #: in the sentence, is a verbal attack (ACCUSE), not ASSAULT
    verbal_attack: bool = True
    #: a sector group ("rebel fighters", "the police") can announce an act too
    known_sector: bool = True


CONFIG = EventConfig()

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "events.npz"

# Verbs that are never triggers on their own (speech, copula, light verbs): their
# complements carry the event; speech verbs with a type (accuse, urge, warn...) are in the lexicon.
_SKIP_VERBS = word_class("skip_verb")
_MOVE_VERBS = word_class("move_verb")
_AID_VERBS = word_class("aid_verb")
# Statement readings of an irrealis act ("would consider sanctions" = THREATEN, "will
# deliver" = AGREE) and the factualities that make the named act a separate event.
_STATEMENT_TYPES = {"AGREE", "THREATEN", "REQUEST", "SUPPORT", "REJECT"}
_IRREALIS = {"future", "hypothetical", "conditional", "advocated"}
# Reciprocal acts: "A and B met/agreed/signed" is A → B.
_SYMMETRIC = word_class("reciprocal_verb")
_PERSON_NOUNS = word_class("person_noun")
# Speech verbs whose modal complement ("X says Y must end attacks") is a demand on Y.
_SPEECH = word_class("speech_verb")
_DEMAND_MODALS = {"must", "should", "ought"}
_BLAME_ADJECTIVES = word_class("blame_adjective")
_PRONOUNS_SPEAKER = {"i", "me", "we", "us", "our", "my"}
_PRONOUNS_GROUP = {"it", "they", "them", "its", "their"}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his"}

_model_override = None
_ADVOCATING = word_class("advocating_verb")
_CONTACT_VERBS = word_class("contact_verb")
_LABOUR_WORDS = word_class("labour_word")
_ENVOYS = word_class("envoy")
_RELIEF_GOODS = word_class("relief_goods")
_AIRLIFT_VERBS = word_class("airlift_verb")
_STOP_VERBS = word_class("stop_verb")
_PROMISE_VERBS = word_class("promise_verb")
_APPEAL_VERBS = word_class("appeal_verb")
_SURE_NOUN_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "COOPERATE", "CONSULT"}
_STATE_NOUNS = word_class("state_noun")
# "call for X" / "call on Y" say only that something is asked: what (sanctions, talks) decides
_OPEN_PHRASES = word_class("open_phrase")
_SURE_VERBS = word_class("sure_verb")
_AGREEMENT_TEXTS = word_class("agreement_text")
_MET_NEEDS = word_class("met_need")
_FIGURATIVE_WAR = word_class("figurative_war")
_RECEIVING = word_class("receiving_verb")
_LIGHT_VERBS = word_class("light_verb")
_PEACEKEEPING = word_class("peacekeeping")
_STATEMENT_OF = {"material conflict": "THREATEN", "material cooperation": "AGREE",
                 "verbal cooperation": "AGREE"}
_COOPERATION_QUADS = {"verbal cooperation", "material cooperation"}
_SEIZURE_WORDS = word_class("seizure_word")
# places and vessels one takes by force ("area" and "position" are too vague: "occupied a
# gray area")
_PLACE_NOUNS_EV = word_class("seized_place")
_VERBAL_ATTACK_VERBS = word_class("verbal_attack_verb")
_VERBAL_ATTACK_ADJ = word_class("verbal_attack_adjective")
_ARMED_WORDS = word_class("armed_word")
_MEDIA_NOUNS = word_class("media_noun")
_NEWSGATHERING = word_class("newsgathering")
_ARMED_SECTORS = {"MIL", "REB", "COP", "SPY", "INS", "CRM"}


def _addressed_objects(verb) -> list:
    """The direct objects of a verb and the objects of its on/upon/to phrases ("urged
    NATO", "called on Russia", "agreed to the plan")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")
             for p in c.children if p.dep_ == "pobj"]
    return objs


def _object_heads(obj) -> list:
    """An object, the noun a quantifier phrase is about, and its of-objects ("a team of
    experts", "13 tons of medicine")."""
    return [obj, ea.core(obj)] + [p for _, p in ea._prep_objects(obj, {"of"})]


def _demanded_act(tok):
    """The infinitive a demand verb asks of its object ("urged NATO *to counter*",
    "called on Russia *to withdraw*"), when the object is an actor."""
    objs = _addressed_objects(tok)
    if not any(ea.looks_actor(o) for o in objs):
        return None
    for c in tok.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and any(o.i < c.i for o in objs):
            return c
    return None


def _advocate(tok):
    """The verb demanding this act: "called *for* sanctions", "urged strikes", "demanded
    that X be punished" (None if the act is not the object of such a verb)."""
    h = tok.head
    if tok.dep_ == "pobj" and h.dep_ == "prep" and h.head != h:
        h = h.head
    elif tok.dep_ not in ("dobj", "xcomp", "ccomp"):
        return None
    if h.pos_ != "VERB":
        return None
    if h.lemma_.lower() in _ADVOCATING:
        return h
    entry = lex_entry(h, "VERB")
    return h if entry is not None and entry.type == "REQUEST" else None


def _agreed_text(tok) -> bool:
    """"agreed a deal", "agreed on the draft text", "agreed to the dual-track approach": the
    object of "agree" is an agreement text, and no infinitive says what will be done."""
    if any(ch.dep_ == "xcomp" and ch.pos_ in ("VERB", "AUX") for ch in tok.children):
        return False
    return any(o.lemma_.lower() in _AGREEMENT_TEXTS for o in _addressed_objects(tok))


def _labour_strike(c) -> bool:
    """A "strike" (trigger or light object) in a sentence about work, wages or unions."""
    noun = c.trigger if c.kind == "noun" else c.info.get("dobj")
    if noun is None or noun.lemma_.lower() != "strike":
        return False
    return any(t.lemma_.lower() in _LABOUR_WORDS for t in sentence_of(c.trigger))


def _envoy_purpose(verb, obj):
    """Type of the purpose of envoys sent ("a team of experts ... to investigate"), if the
    object is a group of envoys (not troops) and the purpose is in the lexicon."""
    if obj is None:
        return None
    heads = _object_heads(obj)
    if not any(h.lemma_.lower() in _ENVOYS for h in heads) or any(ea.is_troops(h) for h in heads):
        return None
    for ch in verb.children:
        if ch.dep_ in ("xcomp", "advcl") and ch.pos_ == "VERB" and is_to_infinitive(ch):
            e = lex_entry(ch, "VERB")
            if e is not None and e.type not in ("AID", "MOBILIZE"):
                return e.type
    return None


def _relief_object(obj) -> bool:
    """Is the object relief goods ("13 tons of medicine", "food and tents")?"""
    if obj is None:
        return False
    heads = _object_heads(obj)
    heads += [cj for h in list(heads) for cj in h.conjuncts]
    return any(h.lemma_.lower() in _RELIEF_GOODS for h in heads)


def _purpose_clause(tok) -> bool:
    """A purpose infinitive ("sent troops to help the army"): intended, but announced by
    no one, so no statement reading."""
    return tok.dep_ == "advcl" and is_to_infinitive(tok)


def _past_possibility(tok) -> bool:
    """A modal perfect ("may have launched", "could have been killed"): uncertainty about
    the past, not an announced act."""
    if tok.pos_ == "NOUN":
        return False
    auxes = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return "have" in auxes and any(a in ("may", "might", "could", "would", "must") for a in auxes)




def _known(actor) -> bool:
    """An actor that can make a statement: a named entity, a country or a sector group."""
    return bool(actor.entity or actor.country or (CONFIG.known_sector and actor.sector))


@functools.lru_cache(maxsize=1)
def _load_model():
    """The installed classifier's weights, scored with NumPy (:mod:`redline.linear`:
    no scikit-learn import when extracting), or None: then events are typed by the
    lexicon only."""
    from ..linear import load_model

    return load_model(MODEL_PATH, "event type")


def set_model(model) -> None:
    """Use ``model`` (a :class:`~redline.linear.LinearModel`, or a freshly trained dict
    with ``vectorizer`` and ``classifier``) instead of the installed one; ``None``
    restores the installed model. Used by cross-validation."""
    from ..linear import as_linear

    global _model_override
    _model_override = as_linear(model)


def current_model():
    return _model_override if _model_override is not None else _load_model()


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


# --------------------------------------------------------------------------- candidates

class _Cand:
    __slots__ = ("trigger", "trig_span", "src", "tgt", "kind", "lex", "info", "label", "prob")

    def __init__(self, trigger, trig_span, src, tgt, kind, lex, info):
        self.trigger, self.trig_span, self.src, self.tgt = trigger, trig_span, src, tgt
        self.kind, self.lex, self.info = kind, lex, info
        self.label, self.prob = None, 0.0


def _noun_entry(tok):
    return lex_entry(tok, "NOUN") if tok is not None and tok.pos_ == "NOUN" else None


def _event_object(verb, dobj):
    """(object, its event-lexicon entry or None) of a verb whose roles gave ``dobj``: the
    direct object naming an event when the roles took a dative ("gave Canada a
    deadline"), and the event noun behind a transparent noun ("launched a wave of
    attacks")."""
    entry = _noun_entry(dobj)
    if entry is None:
        for c in verb.children:
            e = _noun_entry(c) if c.dep_ == "dobj" else None
            if e is not None:
                dobj, entry = c, e
                break
    if dobj is not None and dobj.lemma_.lower() in ea._TRANSPARENT:
        for _, o in ea._prep_objects(dobj, {"of"}):
            e = _noun_entry(o)
            if e is not None:
                return o, e
    return dobj, entry


def _naming(tok) -> bool:
    """A verb that names rather than acts: "what it called political prisoners", "what
    Moscow terms a special operation" (its object is a wh-word and it has a naming
    complement)."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return bool(objs) and objs[0].tag_ in ("WP", "WDT") and any(c.dep_ in ("oprd", "attr") for c in tok.children)


def _speech_demand(tok):
    """"Russia says Israel must end attacks", "X said the government should resign": the
    speaker's own act (a demand on the complement's subject), typed by the classifier."""
    src = ea.subject_of(tok)
    if src is None or not ea.looks_actor(src):
        return None
    for c in tok.children:
        if c.dep_ != "ccomp" or c.pos_ not in ("VERB", "AUX"):
            continue
        blamed = [x for x in c.children if x.dep_ == "acomp" and x.lemma_.lower() in _BLAME_ADJECTIVES]
        if CONFIG.speech_blame and blamed and c.lemma_.lower() == "be":
            # "the Afghan government said Taliban militants were responsible": blame
            subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ != "PRON" and ea.looks_actor(subj[0]) and subj[0] != src:
                return _Cand(tok, (tok.i, tok.i + 1), src, subj[0], "verb", None,
                             {"speech": True, "blame": True, "dobj": None, "passive": False, "prep": None})
        modal = [a for a in c.children if a.dep_ == "aux" and a.lower_ in _DEMAND_MODALS]
        if not modal and c.lemma_.lower() in ("need", "have") and any(x.dep_ == "xcomp" for x in c.children):
            modal = [c]
        if not modal:
            continue
        subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
        if not subj or subj[0].pos_ == "PRON" or not ea.looks_actor(subj[0]) or subj[0] == src:
            continue
        return _Cand(tok, (tok.i, tok.i + 1), src, subj[0], "verb", None,
                     {"speech": True, "dobj": None, "passive": False, "prep": None})
    return None


def _patient_participle(tok) -> bool:
    """A past participle whose subject undergoes the act: after "stand", "remain",
    "become", "get" ("stand accused"), or an adverbial participle with no subject of
    its own ("if convicted, they ...")."""
    if tok.tag_ != "VBN":
        return False
    if tok.dep_ in ("acomp", "xcomp", "oprd", "advcl") and tok.head.lemma_.lower() in ("stand", "remain", "become", "get"):
        return True
    return tok.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in tok.children) \
        and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "once", "when") for c in tok.children)


_CLAIM_VERBS = word_class("claim_verb")
_HOSTILE_AGENTS = word_class("hostile_agent")
_CONFLICT_TYPES = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"}


def _content_of(tok):
    """The reported content of a speech verb: its clausal complement, or the clause of
    "the claim that ..." ("reiterated the claim that the attack was orchestrated ...")."""
    for c in tok.children:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            return c
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in ("claim", "charge", "allegation", "accusation"):
            for a in c.children:
                if a.dep_ in ("acl", "ccomp") and a.pos_ == "VERB":
                    return a
    return None


_EXPECT_VERBS = word_class("expect_verb")


def _expectation_demand(tok):
    """"Pakistan expects the Interim Afghan Government to deny use of its soil", "wants
    Russia to withdraw": an actor's expectation of another actor's act is a demand
    (REQUEST subject → object); the act expected is its own (advocated) event."""
    src = ea.subject_of(tok)
    if src is None or not ea.looks_actor(src):
        return None
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubj") and c.i > tok.i]
    xc = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX") and is_to_infinitive(c)]
    if not xc:
        return None
    if not objs:
        objs = [c for c in xc[0].children if c.dep_ == "nsubj" and c.i < xc[0].i]
    if not objs or objs[0].pos_ == "PRON" or not ea.looks_actor(objs[0]) or objs[0] == src:
        return None
    return _Cand(tok, (tok.i, tok.i + 1), src, objs[0], "verb", None,
                 {"speech": True, "demand": True, "dobj": None, "passive": False, "prep": None})


def _speech_accusation(tok):
    """"The military said attackers collaborated with partners in Afghanistan", "claimed
    the attackers were in touch with planners in Afghanistan": a speaker ties a hostile
    act (an attack, attackers, handlers) to another state, which is an accusation of
    that state (ACCUSE speaker → state, trigger the speech verb). The state must differ
    from the speaker's (checked once actors are resolved)."""
    src = ea.subject_of(tok)
    if src is None or not ea.looks_actor(src):
        return None
    content = _content_of(tok)
    if content is None:
        return None
    if content.lemma_.lower() in _STOP_VERBS or any(c.dep_ == "neg" for c in content.children):
        return None  # "Russia says Israel ended its attacks": no charge
    subj = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (subj.pos_ == "PRON" or subj.lower_ == src.lower_):
        return None  # "China said it would expel ...": the speaker's own act (a threat)
    toks = [t for t in content.subtree][:40]

    def conflict(t):
        e = lex_entry(t, "VERB" if t.pos_ == "VERB" else "NOUN") if t.pos_ in ("VERB", "NOUN") else None
        return e is not None and e.type in _CONFLICT_TYPES
    # the content's own act is hostile, or it names perpetrators ("attackers",
    # "handlers of the attack"), or an attack is its subject ("the attack was orchestrated by")
    hostile = conflict(content) or any(t.lemma_.lower() in _HOSTILE_AGENTS for t in toks) or (
        subj is not None and (conflict(subj) or any(conflict(p) for _, p in ea._prep_objects(subj, {"of"}))))
    if not hostile:
        return None
    src_ids = {t.i for t in src.subtree}
    state = next((t for t in toks if t.ent_type_ in ("GPE", "NORP") and t.i not in src_ids
                  and t.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "amod", "compound", "poss", "conj")), None)
    if state is None:
        return None
    return _Cand(tok, (tok.i, tok.i + 1), src, state, "verb", None,
                 {"speech": True, "blame": True, "cross_state": True, "dobj": None, "passive": False, "prep": None})


def candidates(doc, sent) -> list[_Cand]:
    """Candidate events of one sentence (token-level; not yet typed or resolved)."""
    out: list[_Cand] = []
    consumed: set[int] = set()
    for tok in sent:
        if CONFIG.speech_demands and tok.pos_ == "VERB" and tok.lemma_.lower() in _SPEECH:
            sc = _speech_demand(tok)
            if sc is not None:
                out.append(sc)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _EXPECT_VERBS:
            ex = _expectation_demand(tok)
            if ex is not None:
                out.append(ex)
                continue
        if tok.pos_ == "VERB" and (tok.lemma_.lower() in _SPEECH or tok.lemma_.lower() in _CLAIM_VERBS):
            acc = _speech_accusation(tok)
            if acc is not None and not any(o.trigger.i == tok.i for o in out):
                out.append(acc)
                continue  # the speech act is the event; the verb is no other
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
            lem = tok.lemma_.lower()
            entry = lex_entry(tok, "VERB")
            if entry is None and lem in _SKIP_VERBS:
                continue  # saying, being, having: the complement carries the event
            if lem == "meet" and any(ch.dep_ == "dobj" and ch.lemma_.lower() in _MET_NEEDS for ch in tok.children):
                continue  # "meet the health needs", "meet the deadline": no meeting
            if lem == "return" and not any(ch.dep_ in ("dobj", "nsubjpass") for ch in tok.children):
                who = ea.subject_of(tok)
                if who is not None and (who.ent_type_ == "PERSON" or who.lower_ in ("he", "she", "i", "we")
                                        or ea.core(who).lemma_.lower() in _PERSON_NOUNS):
                    continue  # "he returned to San Francisco": a person travelling, no event
            src, tgt, info = ea.verb_roles(tok)
            if _patient_participle(tok) and src is not None and (tgt is None or tgt.i == src.i):
                # "two soldiers stand accused of the bombing", "if convicted, they face
                # prison": the subject undergoes the act; its actor is unstated
                src, tgt = None, src
            obj = info.get("dobj")
            if obj is None and info.get("passive"):
                # "new sanctions were imposed by the EU": the passive subject is the object
                obj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            dobj, dobj_entry = _event_object(tok, obj)
            if dobj_entry is not None:
                info["object_entry"] = dobj_entry
            if dobj_entry is not None and tgt is not None and dobj is not None and tgt.i == dobj.i:
                # "doubled the U.S. tariff on Canadian steel": the act is no recipient; the
                # noun's own recipient ("on Canadian steel", "against Iran") is
                tgt = ea.noun_roles(dobj)[1] or next(
                    (o for _, o in ea._prep_objects(dobj, {"on", "against", "to"})), None)
                info["object_noun"] = dobj
            if entry is None and dobj_entry is not None and (lem in ea.NOUN_GOVERNORS or not CONFIG.verb_on_event_noun):
                continue  # "consider new sanctions": the noun is the event
            if CONFIG.message_acts and dobj is not None and dobj.lemma_.lower() in ea._MESSAGE_NOUNS and any(
                    ch.pos_ == "VERB" and ch.tag_ == "VBG" and lex_entry(ch, "VERB") is not None
                    for ch in list(dobj.children) + [x for x in tok.children if x.dep_ == "advcl"]
                    if ch.dep_ in ("acl", "advcl")):
                continue  # "sent a letter threatening to ...": the letter's act is the event
            if _naming(tok):
                continue
            if entry is None and not (src is not None and tgt is not None
                                      and (ea.looks_actor(src) or ea.looks_actor(tgt))):
                continue
            if entry is not None and src is None and tgt is None:
                continue
            if entry is None and dobj_entry is not None:
                # "reduced military aid to Argentina", "filed a lawsuit against X": the verb
                # says what happens to the act the noun names; the noun is no event of its own
                info["noun_entry"] = dobj_entry
                consumed.add(dobj.i)
            elif dobj_entry is not None and (entry.type == dobj_entry.type or lem in ea.NOUN_GOVERNORS):
                consumed.add(dobj.i)
                if lem in _LIGHT_VERBS and " " not in entry.lemma:  # "stage strike" is one key
                    info["light_object"] = dobj_entry
            if CONFIG.received_acts and lem in _RECEIVING and not info.get("passive"):
                # "Yemen received aid from Saudi Arabia", "got an invitation from Putin":
                # the giver is the actor, the receiver the recipient, the act the noun's
                giver = next((p for _, p in ea._prep_objects(tok, {"from"}) if ea.looks_actor(p)), None)
                if giver is None and dobj is not None:
                    giver = next((p for _, p in ea._prep_objects(dobj, {"from", "by"}) if ea.looks_actor(p)), None)
                if giver is not None:
                    src, tgt = giver, ea.subject_of(tok)
                    if dobj_entry is None and dobj is not None:
                        # "received logistics and financial support from ...": a conjunct
                        dobj_entry = next((e for e in (_noun_entry(cj) for cj in dobj.conjuncts) if e), None)
                    if dobj_entry is not None:
                        info["light_object"] = dobj_entry
                        consumed.update([dobj.i] + [cj.i for cj in dobj.conjuncts])
            span = (tok.i, tok.i + 1)
            if entry is not None and entry.lemma.count(" ") == 2:
                # "went on strike": the phrase's noun is part of the trigger, no event or
                # recipient of its own
                for c in tok.children:
                    for p in c.children:
                        if c.dep_ == "prep" and p.dep_ == "pobj" and \
                                f"{c.lower_} {p.lemma_.lower()}" == entry.lemma.split(" ", 1)[1]:
                            consumed.add(p.i)
                            if tgt is not None and tgt.i == p.i:
                                tgt = None
                            if p.i - tok.i <= 4:
                                span = (tok.i, p.i + 1)
            for c in tok.children:
                if c.dep_ == "prt":
                    span = (tok.i, max(span[1], c.i + 1))
            out.append(_Cand(tok, span, src, tgt, "verb", entry, info))
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.i in consumed:
            continue
        entry = lex_entry(tok, "NOUN")
        if entry is None or entry.pos != "NOUN":
            continue
        if entry.type == "ASSAULT" and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _FIGURATIVE_WAR
                                           for c in tok.children):
            continue  # "a trade war", "tariff wars", "a war of words": no fighting
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and not any(c.dep_ == "det" for c in tok.children) \
                and entry.type in ("COOPERATE", "CONSULT") \
                and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
            continue  # "in cooperation with its partners, USAID provided ...": a manner, not an act
        src, tgt, info = ea.noun_roles(tok)
        if src is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ in ("in", "during", "at"):
            # "employees stopped work in a strike", "Reagan, in a meeting with Mulroney,
            # agreed": the clause's subject takes part in the act the phrase names
            g = tok.head.head
            host = ea.subject_of(g) if g.pos_ == "VERB" else (g if g.dep_ in ("nsubj", "nsubjpass") else None)
            if host is not None and host is not tgt and ea.looks_actor(host):
                src = host
        if entry.type == "MOBILIZE":
            # "the deployment of North Korean troops to Russia": of-phrase = who is moved
            for prep, pobj in ea._prep_objects(tok, {"of"}):
                if src is None or src == pobj or tgt == pobj:
                    src = pobj
                    if tgt == pobj:
                        tgt = None
                        for p2, o2 in ea._prep_objects(tok, {"to", "into", "in"}):
                            tgt = o2
        if src is None and tgt is None:
            continue
        if not (ea.looks_actor(src) or ea.looks_actor(tgt)):
            continue
        mod = compound_modifier(tok)
        span = (mod.i if mod is not None else tok.i, tok.i + 1)
        out.append(_Cand(tok, span, src, tgt, "noun", entry, info))
    return out


# --------------------------------------------------------------------------- actors

def _quote_at(quotes, pos: int):
    best = None
    for q in quotes or []:
        parts = q.parts or [q]
        for p in parts:
            if p.start <= pos < p.end:
                if best is None or (q.end - q.start) < (best.end - best.start):
                    best = q
    return best


def _ent_actor(ent, start, end, text) -> Actor:
    return Actor(name=ent.name, entity=ent.id, country=ent.country, sector=ent.sector,
                 start=start, end=end, text=text)


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
        # "Turkey's president says it will ...": the state the speaker speaks for
        poss = [c for c in subj.children if c.dep_ == "poss" and c.ent_type_ == "GPE"]
        return poss[0] if poss else None
    if low in ("it", "they"):
        return subj if not person or low == "they" and "Plur" in subj.morph.get("Number") else None
    return None


def _resolve_pronoun(doc, tok, index, quote) -> Optional[Actor]:
    low = tok.lower_
    start, end = tok.idx, tok.idx + len(tok.text)
    if low in _PRONOUNS_SPEAKER and quote is not None and quote.speaker is not None:
        ent = index.get(quote.speaker.entity) if quote.speaker.entity else None
        if ent is not None:
            return _ent_actor(ent, start, end, tok.text)
        return Actor(quote.speaker.name or quote.speaker.text, None, None, None, start, end, tok.text)
    bound = _bound_subject(tok)
    if bound is not None:
        lo, hi = ea.np_tokens(bound)
        a = _actor_of(doc, lo, hi, index)
        if a is not None and _known(a):
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
        for t in scan:
            if t.pos_ == "PRON" or t.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative"):
                continue
            if not ea.looks_actor(t):
                continue
            is_plural = "Plur" in t.morph.get("Number") or any(c.dep_ == "conj" for c in t.children)
            if plural != is_plural and not (plural and t.ent_type_ in ("ORG", "NORP")):
                continue
            if not plural and t.ent_type_ not in ("GPE", "ORG", "NORP") and t.pos_ != "PROPN":
                continue
            lo, hi = ea.np_tokens(t)
            a = _actor_of(doc, lo, hi, index)
            if a is not None and _known(a):
                if sentence_of(t).start == sent.start:  # point at the antecedent's mention in this sentence
                    return a
                return Actor(a.name, a.entity, a.country, a.sector, start, end, tok.text)
    return None


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


def _actor_of(doc, lo, hi, index) -> Optional[Actor]:
    span = doc[lo:hi]
    start, end = span.start_char, span.end_char
    a = None
    try:
        a = index.actor(start, end)
    except Exception:
        log.debug("index.actor failed", exc_info=True)
    if a is not None:
        a.start, a.end, a.text = start, end, doc_text(doc)[start:end]
    return a


def _actors(doc, head, index, quote) -> list[Actor]:
    if head is None:
        return []
    out = []
    for lo, hi in ea.actor_spans(head):
        span = doc[lo:hi]
        if len(span) == 1 and span[0].pos_ == "PRON" or (span.root.pos_ == "PRON"):
            a = _resolve_pronoun(doc, span.root, index, quote)
            if a is None:
                a = Actor(span.text, None, None, None, span.start_char, span.end_char, span.text)
            out.append(a)
            continue
        a = _actor_of(doc, lo, hi, index)
        if (a is None or not (a.entity or a.country)) and CONFIG.possessed_state:
            a = _possessed_state(doc, span, index, quote) or a
        if a is None:  # not a known actor: keep the phrase itself (PLOVER recipients may be things)
            a = Actor(span.text, None, None, None, span.start_char, span.end_char, span.text)
        out.append(a)
    return out


# --------------------------------------------------------------------------- main

def _span_of(doc, head):
    if head is None:
        return None
    return ea.np_tokens(head)


_EXERCISES = word_class("exercise_noun")
#: types an unlisted verb does not get from the classifier alone (on the 30 VOA work
#: stories 4 of 65 such guesses matched a gold event; ACCUSE, AGREE, ASSAULT, SUPPORT
#: guesses match about half the time and stay)
_NAMED_ONLY = frozenset({"AID", "RETREAT", "CONCEDE", "YIELD", "REQUEST", "THREATEN", "CONSULT"})
#: ... unless the classifier is this sure
_NAMED_ONLY_SURE = 0.5


def _has_partner(c, drill) -> bool:
    """Does the exercise have a partner: "joint", "with X", "between", or a compound actor?"""
    if any(ch.lemma_.lower() in ("joint", "combined", "bilateral", "trilateral", "multinational")
           for ch in drill.children if ch.dep_ in ("amod", "compound")):
        return True
    for t in (drill, c.trigger):
        if any(ch.dep_ == "prep" and ch.lower_ in ("with", "between", "alongside") for ch in t.children):
            return True
    return c.src is not None and any(ch.dep_ == "conj" for ch in c.src.children)


def _weapon(tok) -> bool:
    """Is the noun (or what a quantity phrase is about) military equipment?"""
    from .event_filters import _weapon_heads
    core = ea.core(tok)
    return ea.is_thing(core) or core.lemma_.lower() in _weapon_heads()


def _said_by(src, quote) -> bool:
    """Is the quote's speaker among these actors (by entity, or "I"/"we")?"""
    if quote is None or quote.speaker is None or not src:
        return False
    sp = quote.speaker.entity
    return any((sp and a.entity == sp) or (a.text or "").lower() in ("i", "we") for a in src)


def _speaker_acts(type_: str, src, quote, tok) -> bool:
    """Is this a speech act (verbal quad) that the quote's speaker performs in the
    quote, in the present ("we reject", "I urge"), not one they report?"""
    if not plover.quad(type_).startswith("verbal") or quote is None or quote.speaker is None:
        return False
    if tok.tag_ not in ("VBP", "VBZ", "VB") or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "could", "may", "might") for c in tok.children):
        return False
    sp = quote.speaker.entity
    return bool(src) and any((sp and a.entity == sp) or a.text.lower() in ("i", "we") for a in src)


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


def _mode_context(cand, type_: str):
    """Mode/context/CAMEO from the lexicon entry when it agrees with the type."""
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
    if type_ == "PROTEST" and (cand.info.get("labour_strike") or (
            struck is not None and struck.lemma_.lower() == "strike")):
        mode, context, cameo = "strike", None, "143"
    if type_ == "SUPPORT" and cand.info.get("formal_agreement"):
        mode, context, cameo = None, "diplomatic", "057"
    if type_ == "AID" and cand.info.get("humanitarian"):
        mode, context, cameo = None, "humanitarian", "073"
    if type_ == "AID" and cand.info.get("peacekeeping"):
        mode, context, cameo = None, "peacekeeping", "074"
    if cameo is None or plover.cameo_type(cameo) not in (type_, None) and not (
            type_ in ("CONCEDE", "RETREAT") and plover.cameo_type(cameo) in ("CONCEDE", "RETREAT")):
        cameo = plover.default_cameo(type_)
    if mode and mode not in plover.modes().get(type_, set()) and type_ != "AID":
        mode = None if type_ not in ("CONSULT", "MOBILIZE", "ASSAULT", "ACCUSE") else mode
    return mode, context, cameo


_RELEASE_NOUNS = word_class("release_noun")


def _released_person(tok):
    """The person whose release a demand asks ("called for *Zamora's* release", "urged
    the release of *the journalists*"), or None."""
    nouns = [p for ch in tok.children if ch.dep_ == "prep" and ch.lower_ in ("for", "on")
             for p in ch.children if p.dep_ == "pobj"]
    nouns += [ch for ch in tok.children if ch.dep_ == "dobj"]
    for n in nouns:
        if n.lemma_.lower() not in _RELEASE_NOUNS:
            continue
        for ch in n.children:
            if ch.dep_ == "poss" and ch.pos_ != "PRON":
                return ch
        for _, p in ea._prep_objects(n, {"of"}):
            return p
    # "called for limits on internet access for young people in China": the state where
    # the demanded measure applies is asked for it
    for n in nouns:
        for t in list(n.subtree)[:25]:
            if t.ent_type_ in ("GPE", "NORP") and t.dep_ in ("pobj", "amod", "compound", "poss"):
                return t
    return None


def _military_seizure(c, src, tgt) -> bool:
    """Is this COERCE candidate a seizure by force (see ``CONFIG.military_seizure``)?"""
    tok = c.trigger
    words = {tok.lemma_.lower()}
    obj = c.info.get("dobj") if c.kind == "verb" else None
    if obj is not None:
        words.add(obj.lemma_.lower())
    if not words & _SEIZURE_WORDS:
        return False
    if "blockade" in words:
        return True
    if any(a.sector == "COP" for a in src):
        return False  # police seizing drugs, passports or a building: law enforcement
    if any(a.sector in _ARMED_SECTORS and a.sector != "CRM" for a in src):
        return True
    # what is taken: a place or a vessel ("captured three cities", "seized the tanker")
    seized = ea.core(obj) if obj is not None else (ea.core(c.tgt) if c.tgt is not None and c.tgt.dep_ == "nsubjpass" else None)
    return seized is not None and (seized.ent_type_ in ("GPE", "LOC", "FAC")
                                   or seized.lemma_.lower() in _PLACE_NOUNS_EV)


def _verbal_attack_noun(c) -> bool:
    """An attack noun (the trigger, or a light verb's object) that its adjective makes
    verbal: "a scathing attack", "an extraordinary attack", "a verbal assault"."""
    noun = c.trigger if c.kind == "noun" else c.info.get("dobj")
    if noun is None or noun.lemma_.lower() not in ("attack", "assault", "broadside", "tirade"):
        return False
    if not any(ch.dep_ == "amod" and ch.lemma_.lower() in _VERBAL_ATTACK_ADJ for ch in noun.children):
        return False
    return not _armed_context(c.trigger)


def _armed_context(tok) -> bool:
    """Weapons, troops, strikes or casualties in the trigger's sentence."""
    for t in sentence_of(tok):
        lem = t.lemma_.lower()
        if ea.is_thing(t) or ea.is_troops(t) or lem in _ARMED_WORDS:
            return True
    return False


def _verbal_attack(c, src, tgt) -> bool:
    """Is this ASSAULT candidate a verbal attack (see ``CONFIG.verbal_attack``)?"""
    tok = c.trigger
    if c.kind != "verb" or tok.lemma_.lower() not in _VERBAL_ATTACK_VERBS or c.tgt is None:
        return False
    if not src or not all(a.entity is not None and a.sector not in _ARMED_SECTORS for a in src):
        return False
    if any(a.sector in _ARMED_SECTORS for a in tgt):
        return False
    head = ea.core(c.tgt)
    if not (head.ent_type_ in ("PERSON", "ORG") or head.lemma_.lower() in _MEDIA_NOUNS
            or (head.pos_ == "PRON" and head.lower_ in ("him", "her"))):
        return False
    return not _armed_context(tok)


_INCREASE_VERBS = word_class("increase_verb")
_PRAISE_WORDS = word_class("praise_word")
_QUOTES_OPEN = {"“", '"', "‘"}


def _naming_call(tok):
    """"X called Y Z" (an object and what it is called, or a quoted name after the
    object): ACCUSE, or SUPPORT when the name praises ("a brave man", "a hero"); None if
    "call" does not name here ("called for", "called on", "called off", "called Y to ...")."""
    if tok.lemma_.lower() != "call":
        return None
    kids = list(tok.children)
    if any(k.dep_ in ("prt", "xcomp", "ccomp") or (k.dep_ == "prep" and k.lower_ in ("for", "on", "upon"))
           for k in kids):
        return None
    noms = [k for k in kids if k.dep_ in ("dobj", "oprd") and k.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ")]
    if not noms:
        return None
    if len(noms) < 2:
        sent = sentence_of(tok)
        after = [t for t in sent if t.i > noms[0].i]
        if not any(t.text in _QUOTES_OPEN for t in after[:12]):
            return None
        named = [t for t in after if t.i <= noms[0].i + 14]
    else:
        named = [t for n in noms[1:] for t in n.subtree]
    if any(t.lemma_.lower() in _PRAISE_WORDS for t in named):
        return "SUPPORT"
    return "ACCUSE"


def _demands_hostile_act(tok) -> bool:
    """Does "call for/on" ask for a hostile act ("called for sanctions against X")?"""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("for", "on", "upon"):
            for p in c.children:
                e = lex_entry(p, "NOUN") if p.dep_ == "pobj" else None
                if e is not None and plover.quad(e.type).endswith("conflict"):
                    return True
    return False


def _final_type(cand, label: Optional[str], factuality: str) -> str:
    if label is None:
        label = cand.lex.type if cand.lex is not None else None
    if (CONFIG.statement_nouns_sure and cand.kind == "noun" and cand.lex is not None
            and cand.lex.type in _SURE_NOUN_TYPES):
        # "months of threats by Erdogan": a statement noun says what it is
        label = cand.lex.type
    if (CONFIG.phrase_keys_sure and cand.kind == "verb" and cand.lex is not None and cand.lex.lemma in _OPEN_PHRASES
            and not cand.info.get("object_entry") and not _demands_hostile_act(cand.trigger)):
        # "is calling for an end to violence", "called on the government to resign": a
        # request, when what is asked is no hostile act
        label = "REQUEST"
    if (CONFIG.phrase_keys_sure and cand.kind == "verb" and cand.lex is not None and " " in cand.lex.lemma
            and cand.lex.lemma not in _OPEN_PHRASES and label != cand.lex.type and not (label in _STATEMENT_TYPES and factuality in _IRREALIS)):
        # a multiword key ("find guilty", "violate ceasefire", "award medal") was written for
        # exactly this meaning; the classifier has seen few of them
        label = cand.lex.type
    if (CONFIG.sure_verbs and cand.kind == "verb" and cand.lex is not None
            and cand.trigger.lemma_.lower() in _SURE_VERBS and label != cand.lex.type
            and label not in ("THREATEN", "AGREE", "REQUEST", "REJECT")):
        # "mobilised its men", "beefed up its troop presence", "protested the
        # assassination": the verb says what the act is (statement readings stay possible)
        label = cand.lex.type
    if label == "YIELD":
        if cand.lex is not None and cand.lex.type in ("CONCEDE", "RETREAT"):
            return cand.lex.type
        return "CONCEDE" if factuality in ("future", "hypothetical") else "RETREAT"
    return label


def extract_events(doc, *, entities=None, index=None, quotes=None, dates=None, places=None,
                   published=None) -> list:
    """PLOVER events of a parsed document, in text order, ids ``E1``, ``E2``, ...

    ``index`` is the article's :class:`~redline.extract.actors.EntityIndex`; ``quotes``
    the extracted quotes (an event whose trigger lies in one gets its id and is at
    least ``reported``); ``dates``/``places`` feed
    :func:`redline.extract.event_context.attach_time_place`.
    """
    if index is not None and getattr(index, "doc", "absent") is None:
        index.doc = doc  # the index resolves noun phrases against the parse
    cands: list[_Cand] = []
    for sent in doc.sents:
        try:
            cands.extend(candidates(doc, sent))
        except Exception:
            log.debug("event candidates failed in a sentence", exc_info=True)
    verb_cands = [c for c in cands if c.kind == "verb" or CONFIG.noun_classify]
    feats = [features(doc, c.trigger, _span_of(doc, c.src), _span_of(doc, c.tgt)) for c in verb_cands]
    for c, (label, prob) in zip(verb_cands, classify(feats)):
        c.label, c.prob = label, prob

    events: list[Event] = []
    for c in cands:
        try:
            events.extend(_events_of(doc, c, index, quotes))
        except Exception:
            log.debug("event candidate failed", exc_info=True)
    # filters: targets are actors (things go to ``object``); named "not an event" predicates
    if index is not None:
        from . import event_filters, event_none
        whole_story = len(sentence_bounds(doc)) >= event_none.MIN_SENTENCES
        events = event_filters.apply(events, doc, whole_story=whole_story)
        if whole_story:
            # the learned "none" decision (if a model is installed), for whole stories: it
            # was trained on them and reads the story's resolution of actors
            events = event_none.keep(events)
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


def _events_of(doc, c, index, quotes) -> list:
    """The typed, resolved event(s) of one candidate (two for a deployment to an ally)."""
    from .factuality import factuality

    events = []
    if c.label is None and c.lex is None:
        return events
    tok = c.trigger
    quote = _quote_at(quotes, tok.idx)
    fact = factuality(tok, in_quote=quote is not None)
    type_ = _final_type(c, c.label, fact)
    if not type_:
        return events
    if (CONFIG.call_on_visit and c.lex is not None and c.lex.lemma == "call on"
            and not any(ch.dep_ in ("xcomp", "ccomp", "advcl") for ch in tok.subtree if ch.head.i == tok.i or ch.head.dep_ == "prep")):
        # "a delegation called on the party president": a courtesy visit, not a demand
        # (the demand has its content: "called on X to withdraw")
        type_ = "CONSULT"
    if (CONFIG.demand_with_act and c.kind == "verb" and c.lex is not None and c.lex.lemma in _APPEAL_VERBS
            and type_ not in ("REQUEST", "THREATEN") and _demanded_act(tok) is not None):
        # "X called on Russia to withdraw", "urged the rebels to lay down their arms": a
        # demand on Y whatever else the sentence is about; the demanded act is its own
        # (advocated) event
        type_ = "REQUEST"
    if (CONFIG.promise_with_act and c.kind == "verb" and tok.lemma_.lower() in _PROMISE_VERBS
            and any((ch.dep_ == "xcomp" or (ch.dep_ == "advcl" and is_to_infinitive(ch)))
                    and ch.pos_ in ("VERB", "AUX") for ch in tok.children)):
        # ("offered on Wednesday to mediate": the parser may attach the act as advcl)
        # "offered to send troops", "pledged to work with China": the promise is AGREE
        # (45 of 60 PLV rows with "offered/pledged/promised/vowed/agreed to")
        type_ = "AGREE"
    named = _naming_call(tok) if c.kind == "verb" else None
    if named is not None:
        # "Trump called Canada 'one of the highest tariffing nations'", "Leavitt called
        # Ford's comments 'egregious'": naming someone is a verbal act on them (ACCUSE,
        # or SUPPORT for praise), no phone call
        type_ = named
    elif CONFIG.call_purpose and c.kind == "verb" and c.lex is not None and c.lex.type == "CONSULT" \
            and tok.lemma_.lower() in _CONTACT_VERBS and c.tgt is not None and ea.looks_actor(c.tgt) \
            and tok.dep_ not in ("amod", "acl") \
            and not any(ch.dep_ in ("oprd", "attr", "ccomp") for ch in tok.children):  # "calling them nutters"
        # "called Erdogan to apologize", "phoned Morrison to congratulate him": the call's
        # purpose is the act (PLV codes it so); a call to explain stays CONSULT
        purpose = [ch for ch in tok.children if ch.dep_ in ("xcomp", "advcl") and ch.pos_ == "VERB"
                   and is_to_infinitive(ch)]
        pe = lex_entry(purpose[0], "VERB") if purpose else None
        if pe is None and purpose:  # "to express his support", "to convey condolences"
            objs = [o for o in purpose[0].children if o.dep_ == "dobj"]
            pe = lex_entry(objs[0], "NOUN") if objs else None
        type_ = pe.type if pe is not None and plover.quad(pe.type).startswith("verbal") \
            else "CONSULT"
    if c.info.get("blame"):
        type_ = "ACCUSE"
    if c.info.get("demand"):
        type_ = "REQUEST"
    if CONFIG.agreed_text and c.kind == "verb" and tok.lemma_.lower() == "agree" and _agreed_text(tok):
        # "the UK and the EU have agreed a trade deal": a formal agreement reached
        # (CAMEO 057, SUPPORT); agreeing *to do* something stays AGREE
        type_ = "SUPPORT"
        c.info["formal_agreement"] = True
    oe = c.info.get("object_entry") if c.kind == "verb" else None
    if oe is not None and tok.lemma_.lower() in _INCREASE_VERBS and c.lex is None:
        # "doubled the tariff", "increased tariffs on U.S. exports", "stepped up attacks":
        # raising an act is that act
        type_ = oe.type
    if CONFIG.light_verb_object and c.info.get("light_object") is not None:
        # "launched war games", "launched an investigation": the act is the noun's
        type_ = c.info["light_object"].type
    if type_ in ("COOPERATE", "MOBILIZE"):
        drill = c.trigger if c.kind == "noun" else (c.info.get("dobj") if c.info.get("light_object") is not None else None)
        if drill is not None and drill.lemma_.lower() in _EXERCISES:
            # military exercises with a partner ("joint drills", "held exercises with
            # the U.S.") are COOPERATE; alone, around someone, a show of force (MOBILIZE)
            type_ = "COOPERATE" if _has_partner(c, drill) else "MOBILIZE"
            c.info["show_of_force"] = type_ == "MOBILIZE"
    if (CONFIG.message_acts and c.kind == "verb" and c.info.get("dobj") is not None
            and c.info["dobj"].lemma_.lower() in ea._MESSAGE_NOUNS and tok.lemma_.lower() in _MOVE_VERBS):
        # "Trump sent a letter to Kim": a communication, not aid; "the arrest sent a
        # chilling message" is no event at all
        head = c.src
        if head is None or not (head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.pos_ in ("PROPN", "PRON")
                                or head.lemma_.lower() in ea._ACTOR_NOUNS):
            return events
        type_ = "CONSULT"
    if CONFIG.sent_for_purpose and c.kind == "verb" and tok.lemma_.lower() in _MOVE_VERBS:
        # "sent a team of experts to Iran to investigate the crash": the envoys' purpose
        # is the act (ACCUSE for an investigation, CONSULT for talks)
        purpose_type = _envoy_purpose(tok, c.info.get("dobj"))
        if purpose_type is not None:
            type_ = purpose_type
    if CONFIG.relief_goods and c.kind == "verb" and tok.lemma_.lower() in _MOVE_VERBS | _AIRLIFT_VERBS \
            and _relief_object(c.info.get("dobj")):
        # "flew 13 tons of medicine into Afghanistan": humanitarian aid
        type_ = "AID"
        c.info["humanitarian"] = True
    if CONFIG.labour_strike and type_ == "ASSAULT" and _labour_strike(c):
        # "stopped work in a strike for increased wages": a labour strike
        type_ = "PROTEST"
        c.info["labour_strike"] = True
    stopped = c.info.get("object_entry") if c.kind == "verb" and tok.lemma_.lower() in _STOP_VERBS else None
    if (stopped is not None and stopped.type == "CONSULT"
            and stopped.mode in ("visit", "multilateral", "phone", "third-party")):
        stopped = None  # "ending a five-day trip" completes a visit
    if CONFIG.stopping_an_act and stopped is not None and fact != "negated":  # "will not end the strike": REJECT
        quad = plover.quad(stopped.type)
        if quad.endswith("conflict") and stopped.type not in ("SANCTION",):
            # "ceased its military operations", "halted the offensive": de-escalation
            type_ = "RETREAT"
        elif quad.endswith("cooperation"):
            # "ended mediation efforts", "suspended talks", "stopped aid": reducing
            # relations (CAMEO 16: halt negotiations, mediation, aid)
            type_ = "SANCTION"
    if CONFIG.verbal_attack and type_ == "ASSAULT" and _verbal_attack_noun(c):
        # "launched a scathing attack on the government": words, not weapons
        type_ = "ACCUSE"
    src = _actors(doc, c.src, index, quote) if index is not None else []
    tgt = _actors(doc, c.tgt, index, quote) if index is not None else []
    if index is None:
        for head, acc in ((c.src, src), (c.tgt, tgt)):
            if head is not None:
                for lo, hi in ea.actor_spans(head):
                    sp = doc[lo:hi]
                    acc.append(Actor(sp.text, None, None, None, sp.start_char, sp.end_char, sp.text))
    if CONFIG.unlisted_needs_actors and c.lex is None and not c.info.get("noun_entry") \
            and not c.info.get("speech") and index is not None and not (
            any(a.entity or a.country for a in src) and any(a.entity or a.country for a in tgt)):
        # a verb outside the lexicon is an event only between two known actors
        # ("stretches to Hong Kong", "outlined its agenda" are not)
        return events
    if c.info.get("cross_state") and not (
            any(a.country for a in tgt) and not {a.country for a in tgt} & {a.country for a in src if a.country}):
        # an accusation ties the act to another state than the speaker's
        return events
    if (c.lex is None and type_ == _final_type(c, c.label, fact) and type_ in _NAMED_ONLY
            and c.prob < _NAMED_ONLY_SURE
            and not any(c.info.get(k) for k in ("noun_entry", "object_entry", "light_object", "speech",
                                                "humanitarian", "peacekeeping"))):
        # a verb outside the lexicon typed by the classifier alone as a material
        # concession or aid, or a request, threat or meeting ("controls", "moved",
        # "served", "posted"): such acts are named by their words; the guess is no event
        return events
    if src and all(a.sector == "JRN" for a in src) and tok.lemma_.lower() in _NEWSGATHERING:
        # "did not respond to a VOA request for comment": a newsroom gathering news
        return events
    if type_ == "REQUEST" and not any(a.country for a in tgt) and index is not None:
        held = _released_person(tok)
        if held is not None:
            # "called for Zamora's immediate release": the demand is on whoever holds
            # Zamora, the authorities of the released person's state (or of the state
            # where the demanded measure applies)
            who = [a for a in _actors(doc, held, index, quote) if a.country]
            if who:
                tgt = [Actor(f"authorities holding {who[0].text}", None, who[0].country, None,
                             who[0].start, who[0].end, who[0].text)]
    if CONFIG.military_seizure and type_ == "COERCE" and _military_seizure(c, src, tgt):
        type_ = "ASSAULT"
    if CONFIG.verbal_attack and type_ == "ASSAULT" and _verbal_attack(c, src, tgt):
        type_ = "ACCUSE"
    # moving troops is MOBILIZE whatever the verb ("transferred 7,000 soldiers"); the
    # soldiers are what is moved, the destination is the recipient
    dobj = c.info.get("dobj") if c.kind == "verb" else None
    if dobj is not None and tok.lemma_.lower() in _MOVE_VERBS and (ea.is_troops(dobj) or (
            (c.tgt is None or c.tgt.i == dobj.i) and _weapon(dobj))):
        # troops moved, or weapons moved to no one ("deploying more than 70 warplanes")
        if type_ not in ("ASSAULT", "THREATEN", "AGREE", "RETREAT", "CONCEDE"):
            type_ = "MOBILIZE"
            dest = [o for _, o in ea._prep_objects(tok, {"to", "into"})] + \
                   [o for _, o in ea._prep_objects(dobj, {"to", "into"})] + \
                   [o for _, o in ea._prep_objects(tok, {"in"}) if o.ent_type_ in ("GPE", "LOC")]
            c.tgt = dest[0] if dest else None
            tgt = _actors(doc, c.tgt, index, quote) if index is not None else []
            if CONFIG.peacekeeping and any(t.lemma_.lower() in _PEACEKEEPING for t in sentence_of(tok)):
                # troops sent to keep the peace are aid: military protection or
                # peacekeeping (CAMEO 074), not a show of force
                type_ = "AID"
                c.info["peacekeeping"] = True
    if len(src) >= 2 and (all(a.entity is None and a.country is None for a in tgt) or (
            CONFIG.split_indirect and tok.lemma_.lower() in _SYMMETRIC
            and (c.info.get("xcomp") is not None or c.info.get("embedded") is not None
                 or (CONFIG.split_event_object and c.info.get("dobj") is not None
                     and ea.is_event_noun(c.info["dobj"]))))) and (
            tok.lemma_.lower() in _SYMMETRIC or type_ in ("CONSULT", "COOPERATE")):
        # "the UK and the EU agreed", "Russia and Turkey met": a dyad inside the compound
        src, tgt = src[:1], src[1:]
    if not src and len(tgt) >= 2 and c.info.get("prep") == "between":
        # "cooperation between the Philippines and the United States": first → others
        src, tgt = tgt[:1], tgt[1:]
    types = [(type_, tgt)]
    if type_ == "MOBILIZE" and not c.info.get("show_of_force"):
        # a deployment to a (host) country, or to help someone, is also AID (military)
        src_countries = {a.country for a in src}
        purpose = [ch for ch in tok.children if ch.dep_ in ("advcl", "acl", "relcl", "xcomp")
                   and ch.lemma_.lower() in _AID_VERBS]
        if purpose:
            objs = [o for o in purpose[0].children if o.dep_ in ("dobj", "dative")]
            aid_tgt = _actors(doc, objs[0], index, quote) if objs and index is not None else []
            if aid_tgt:
                types.append(("AID", aid_tgt))
        elif c.kind == "verb" and c.tgt is not None and c.tgt.ent_type_ == "GPE" and any(
                a.country and a.country not in src_countries for a in tgt):
            types.append(("AID", tgt))
    facts = [fact] * len(types)
    # who states the statement reading: the actor, or for a demanded act with no known
    # actor the one demanding it ("Netanyahu called for sanctions against the ICC")
    stmt_src = src
    if CONFIG.advocated_threat and fact == "advocated" and index is not None and not any(_known(a) for a in src):
        advocate = _advocate(tok)
        adv = _actors(doc, ea.subject_of(advocate), index, quote) if advocate is not None else []
        if any(_known(a) for a in adv):
            stmt_src = adv
    lex_t = c.lex.type if c.lex is not None else None
    # the statement (asserted, or reported inside a quote) of a statement reading
    # (asserted when the quote's speaker makes it: "Trump said he will raise tariffs" is a
    # threat the story states Trump made)
    said = "reported" if quote is not None and not _said_by(stmt_src, quote) else "asserted"
    # no one announces the act: a guess about the past ("may have launched attacks"),
    # a purpose ("sent troops to help"), an act demanded of someone else ("called on
    # Russia to withdraw": the demand is the speaker's event)
    unannounced = _past_possibility(tok) or _purpose_clause(tok)
    if unannounced or (tok.dep_ == "xcomp" and _demanded_act(tok.head) == tok):
        if c.label is not None and lex_t and type_ in _STATEMENT_TYPES and lex_t != type_:
            types[0] = (lex_t, tgt)
        lex_t = None
    if (c.label is not None and lex_t and type_ in _STATEMENT_TYPES
            and (fact in _IRREALIS or (fact == "negated" and type_ == "REJECT"))
            and plover.eval_label(lex_t) != plover.eval_label(type_)):
        if not CONFIG.split_needs_known or any(_known(a) for a in stmt_src):
            # "Germany would consider new sanctions", "will deliver tanks": the statement
            # itself is a threat/promise (the classifier's reading, as PLV codes it); the
            # act it names is its own event, with the irrealis factuality
            facts[0] = said
            announced = _STATEMENT_OF.get(plover.quad(lex_t)) if fact in CONFIG.stated_intent else None
            if announced and type_ != announced and type_ != "REQUEST":
                # "he will increase the tariffs": announcing a sanction is a threat, not a
                # rejection (the reading's polarity follows the act announced)
                types[0] = (announced, tgt)
            types.append((lex_t, tgt))
            facts.append(fact)
        elif len(types) == 1:
            # no known speaker to make the statement: only the irrealis act
            types[0] = (lex_t, tgt)
    elif (CONFIG.stated_intent and fact in CONFIG.stated_intent and len(types) == 1 and not unannounced
          and (c.kind == "verb" or c.info.get("governor") is not None or not CONFIG.noun_intent_only_verbs)
          and any(_known(a) for a in src)):
        # "the opposition said they would boycott the election", "the U.S. will move a
        # Patriot battery": announcing a material act is itself a threat (conflict) or a
        # promise (cooperation), as PLOVER and PLV code it; the act follows, irrealis
        stmt = _STATEMENT_OF.get(plover.quad(type_))
        if stmt and stmt != type_:
            types.insert(0, (stmt, tgt))
            facts.insert(0, said)
    elif (CONFIG.refusal and fact == "negated" and len(types) == 1
          and plover.quad(type_) in _COOPERATION_QUADS
          and any(_known(a) for a in src)):
        types.insert(0, ("REJECT", tgt))
        facts.insert(0, said)
    if (CONFIG.advocated_threat and fact == "advocated" and len(types) == 1 and tgt and stmt_src is not src
            and plover.quad(type_) == "material conflict"):
        # demanding a hostile act against Y threatens Y (PLV codes it THREATEN); the
        # demanded act follows
        types.insert(0, ("THREATEN", tgt))
        facts.insert(0, said)
    # the statement (first, asserted/reported, other than the act's factuality) is made by
    # stmt_src; the act is the actor's
    srcs = [stmt_src if k == 0 and len(types) > 1 and facts[0] in ("asserted", "reported")
            and facts[0] != fact else src for k in range(len(types))]
    s = sentence_of(tok)
    tspan = doc[c.trig_span[0]:c.trig_span[1]]
    for (t, tgt_t), fact, src in zip(types, facts, srcs):
        if fact == "reported" and quote is not None and _speaker_acts(t, src, quote, tok):
            # "'We strongly reject the baseless allegations,' the spokesperson told
            # reporters": the quote performs the speech act, which the story states
            fact = "asserted"
        mode, context, cameo = _mode_context(c, t)
        if t == "AID" and type_ == "MOBILIZE":
            mode, context, cameo = "military", "military", "072"
        events.append(Event(
            id="", type=t, mode=mode, context=context, cameo=cameo,
            score=plover.score(t), goldstein=plover.goldstein(cameo), factuality=fact,
            trigger=TextSpan(tspan.start_char, tspan.end_char, tspan.text),
            sentence={"start": s.start_char, "end": s.end_char},
            source=list(src), target=list(tgt_t), object=_object_of(doc, c),
            quote=quote.id if quote is not None else None,
            confidence=round(c.prob, 3) if c.label is not None else None,
        ))
    return events
