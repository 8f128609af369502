"""Trigger candidates and their roles: the first two stages of the event coder.

Takes one parsed sentence and returns its :class:`Candidate` events: a trigger token
(a verb, or an event noun of ``data/event_lexicon.tsv``), its trigger span, the heads
of its actor and recipient phrases (:mod:`redline.extract.event_actors`), its lexicon
entry and what the roles found (``info``: the direct object, the object's event entry,
a light verb's event object, passive, the preposition of the recipient...). Nothing is
typed or resolved here.

A verb is a trigger when the lexicon lists it or when an actor-like phrase is its
subject or object; speech verbs and light verbs are not (their complement or object
carries the event), except three speech acts found here: a demand reported with a
modal ("X says Y must ..."), an expectation of another actor's act ("expects Y to
..."), and a speaker tying a hostile act to another state (an accusation).
"""
from __future__ import annotations

import logging

from .. import plover
from ..plover import factuality_cues, word_class
from ._text import entity_of, is_particle, is_to_infinitive
from . import event_actors as ea
from .event_features import compound_modifier, for_clause_subject, lex_entry
from .factuality import opens_condition

log = logging.getLogger(__name__)

# Verbs that are never triggers on their own (speech, copula, light verbs): their
# complements carry the event; speech verbs with a type (accuse, urge, warn...) are in the lexicon.
_SKIP_VERBS = word_class("skip_verb")
_EXPRESSING_VERBS = word_class("expressing_verb")
_PERSON_NOUNS = word_class("person_noun")
# Speech verbs whose modal complement ("X says Y must end attacks") is a demand on Y.
_SPEECH = word_class("speech_verb")
_DEMAND_MODALS = {"must", "should", "ought"}
_BLAME_ADJECTIVES = word_class("blame_adjective")
_REPROACH_NOUNS = word_class("reproach_noun")
_DENIAL_WORDS = word_class("denial_word")
_BLAME_ADVERBS = word_class("blame_adverb")
_REPROACH_ADJECTIVES = word_class("reproach_adjective")
_COMPLICITY_VERBS = word_class("complicity_verb")
_LABEL_VERBS = word_class("label_verb")
_GENERIC_ACTS = word_class("generic_act_noun")
_STOP_VERBS = word_class("stop_verb")
_STOP_NOUNS = word_class("stop_noun")
_MET_NEEDS = word_class("met_need")
_FIGURATIVE_WAR = word_class("figurative_war")
_LIGHT_VERBS = word_class("light_verb")
_ENACTING_VERBS = word_class("enacting_verb")
#: verbs whose event object is the act they do, announce or plan ("launched an attack")
_GOVERNING_VERBS = ea.NOUN_GOVERNORS | _LIGHT_VERBS
_INCREASE_VERBS = word_class("increase_verb")
#: the lexicon key a verb of using takes with a crowd-control weapon (the class holds one row)
_WEAPON_USE_KEY = (min(word_class("weapon_use_key")), "VERB")


class Candidate:
    """One candidate event: ``trigger`` (a token), ``trig_span`` (token span), ``src``/``tgt``
    (heads of the actor and recipient phrases), ``kind`` ("verb" or "noun"), ``lex`` (the
    lexicon entry or None), ``info`` (what the roles found), and the classifier's
    ``label`` and ``prob`` once classified."""
    __slots__ = ("trigger", "trig_span", "src", "tgt", "kind", "lex", "info", "label", "prob")

    def __init__(self, trigger, trig_span, src, tgt, kind, lex, info):
        self.trigger, self.trig_span, self.src, self.tgt = trigger, trig_span, src, tgt
        self.kind, self.lex, self.info = kind, lex, info
        self.label, self.prob = None, 0.0


def _speech_act(tok, src, tgt, **flags) -> Candidate:
    """The candidate of a speech act whose trigger is the verb ``tok`` alone, with the
    ``info`` flags that say what kind it is (``demand``, ``blame``, ``object_noun``...)."""
    if _according_to(tok) is not None:
        flags["attribution"] = True  # "..., according to X": the story states X's saying
    return Candidate(tok, (tok.i, tok.i + 1), src, tgt, "verb", None,
                     {"speech": True, "dobj": None, "passive": False, "prep": None, **flags})


def _unrealised(verb) -> bool:
    """Is the verb an infinitive, under a modal of the factuality cue table, or a gerund
    after a preposition ("to cease", "would lift", "focus on ending the war"): an act
    aimed at, not (yet) done? A conjunct shares its first verb's ("to limit or cease")."""
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("aux", "nsubj") for c in verb.children):
        verb = verb.head
    return is_to_infinitive(verb) or (verb.tag_ == "VBG" and verb.dep_ == "pcomp") or any(
        c.dep_ == "aux" and (c.lower_, "aux") in factuality_cues() for c in verb.children)


def _left_place(verb):
    """The object of a verb's "from" or "out of" phrase ("withdrew *from Iraq*", "pulled
    out *of Mali*"), or None."""
    return next((p for _, p in ea.prep_objects(verb, {"from"})), None) or next(
        (p for _, p in ea.out_of_objects(verb)), None)


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
    if entry is None and verb.lemma_.lower() in _GOVERNING_VERBS:
        # "threatened Ukraine *with sanctions*", "provided the rebels with military aid":
        # a governing verb names its act by a with-phrase when its object is the recipient
        for _, o in ea.prep_objects(verb, {"with"}):
            e = _noun_entry(o)
            if e is not None:
                return o, e
    if dobj is not None and dobj.lemma_.lower() in ea.TRANSPARENT_NOUNS:
        for _, o in ea.prep_objects(dobj, {"of"}):
            e = _noun_entry(o)
            if e is not None:
                return o, e
    return dobj, entry


_REFLEXIVES = frozenset({"itself", "themselves", "himself", "herself"})
_NAMING_VERBS = word_class("naming_verb")


def _naming(tok) -> bool:
    """A verb that names rather than acts: "what it called political prisoners", "what
    Moscow terms a special operation" (its object is a wh-word and it has a naming
    complement), "a group calling itself ..." (a name one gives oneself)."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if objs and objs[0].lower_ in _REFLEXIVES and tok.lemma_.lower() in _NAMING_VERBS:
        return True  # "a cell calling itself the Lions of the Caliphate": a name it goes by
    return bool(objs) and objs[0].tag_ in ("WP", "WDT") and any(c.dep_ in ("oprd", "attr") for c in tok.children)


def _according_to(tok):
    """The source X when ``tok`` is the "according" of "according to X", else None."""
    if tok.lower_ != "according":
        return None
    return next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                 for p in c.children if p.dep_ == "pobj"), None)


def _reported(tok):
    """(speaker, reported clauses) of a speech verb: its subject and its clausal
    complements; for "according to X", X and the clause the phrase hangs on ("Iran was
    behind the plot, according to prosecutors")."""
    src = _according_to(tok)
    if src is not None:
        return src, [tok.head] if tok.head.pos_ in ("VERB", "AUX") and tok.head != tok else []
    return ea.subject_of(tok), [c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]


def _speech_demand(tok):
    """"Russia says Israel must end attacks", "X said the government should resign": the
    speaker's own act (a demand on the complement's subject), typed by the classifier."""
    src, clauses = _reported(tok)
    if src is None or not ea.looks_actor(src):
        return None
    for c in clauses:
        charge = _charge_called_false(c)
        if charge is not None:
            # "Kenya said Somalia's claims were baseless": the speaker denies the charge,
            # aimed at whoever made it (its possessor, else the story's accuser)
            owner = next((x for x in charge.children if x.dep_ == "poss" and ea.looks_actor(x)), None)
            return _speech_act(tok, src, owner, denial=True, object_noun=charge)
        if _blames(c):
            # "the Afghan government said Taliban militants were responsible": blame
            subj = [_blamed(x) for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
            if subj and subj[0].pos_ != "PRON" and ea.looks_actor(subj[0]) and subj[0] != src:
                return _speech_act(tok, src, subj[0], blame=True)
            if subj and _names_act(subj[0]) and _reproaches(c):
                # "Moscow said the new sanctions were unacceptable": whose act, the story says
                return _speech_act(tok, src, None, blame=True, object_noun=subj[0])
        modal = [a for a in c.children if a.dep_ == "aux" and a.lower_ in _DEMAND_MODALS]
        if not modal and c.lemma_.lower() in ("need", "have") and any(x.dep_ == "xcomp" for x in c.children):
            modal = [c]
        if not modal:
            continue
        subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")]
        if subj and subj[0].pos_ != "PRON" and not ea.looks_actor(subj[0]):
            # "X says immigration to France should stop": a policy that should change is
            # asked of the state the clause names
            subj = [_state_named(c, exclude=src)]
        if not subj or subj[0] is None or not _demandee(subj[0]) or subj[0] == src:
            continue
        return _speech_act(tok, src, subj[0], demand=True)
    return None


def _charge_called_false(clause):
    """The charge a reported clause calls false ("Somalia's claims were baseless", "the
    allegations are a lie"), or None: a copula whose subject is a charge noun and whose
    complement is a word of ``denial_word``, not negated."""
    if clause.lemma_.lower() != "be" or any(x.dep_ == "neg" for x in clause.children):
        return None
    subj = next((x for x in clause.children if x.dep_ == "nsubj"), None)
    if subj is None or subj.lemma_.lower() not in _CHARGE_NOUNS:
        return None
    if any(x.dep_ in ("acomp", "attr") and x.lemma_.lower() in _DENIAL_WORDS for x in clause.children):
        return subj
    return None


def _blames(clause) -> bool:
    """Does a reported clause lay blame on its subject: "Y was responsible", "Y was to
    blame", "Y was behind the attack", "Y failed to protect its citizens", "Y illegally
    entered its waters"?"""
    if clause.lemma_.lower() == "fail" and any(x.dep_ == "xcomp" for x in clause.children):
        return not any(x.dep_ == "neg" for x in clause.children)  # "never failed to" is praise
    if any(x.dep_ == "advmod" and x.lemma_.lower() in _BLAME_ADVERBS for x in clause.children):
        # "the vessel had illegally intruded into its waters": the manner condemns the act
        return not any(x.dep_ == "neg" for x in clause.children)
    if _reproaches(clause):
        return True
    if clause.lemma_.lower() in _COMPLICITY_VERBS and not any(x.dep_ == "neg" for x in clause.children):
        # "Berisha was involved in corrupt acts", "Russia committed war crimes"
        deeds = [x for x in clause.children if x.dep_ == "dobj"] + \
                [o for _, o in ea.prep_objects(clause, {"in", "with"})]
        if any(_is_reproach(d) or any(m.dep_ == "amod" and _is_reproach(m) for m in d.children) for d in deeds):
            return True
    return clause.lemma_.lower() == "be" and any(
        (x.dep_ == "acomp" and x.lemma_.lower() in _BLAME_ADJECTIVES) or (x.dep_ == "prep" and x.lower_ == "behind")
        or _to_blame(x) for x in clause.children)


def _reproaches(clause) -> bool:
    """Does a reported clause judge its subject's act wrong: "the sanctions were
    unacceptable", "Y's decision was a mistake", "Y's actions amounted to genocide"
    (words of ``reproach_noun`` and ``reproach_adjective``), not negated?"""
    if any(x.dep_ == "neg" for x in clause.children):
        return False
    lem = clause.lemma_.lower()
    if lem == "be":
        return any((x.dep_ == "acomp" and x.lemma_.lower() in _REPROACH_ADJECTIVES)
                   or (x.dep_ == "attr" and _is_reproach(x)) for x in clause.children)
    if lem in ("amount", "constitute"):
        objs = [x for x in clause.children if x.dep_ == "dobj"] + [o for _, o in ea.prep_objects(clause, {"to"})]
        return any(_is_reproach(o) for o in objs)
    return False


def _is_reproach(tok) -> bool:
    """A word that condemns: a reproach noun ("a provocation", "a war crime") or a
    reproach adjective ("unacceptable", "illegal")."""
    lem = tok.lemma_.lower()
    return lem in _REPROACH_NOUNS if tok.pos_ in ("NOUN", "PROPN") else lem in _REPROACH_ADJECTIVES


def _names_act(tok) -> bool:
    """Does a noun name an act (a lexicon event noun or a generic act noun: "the
    sanctions", "the decision", "their actions")?"""
    return tok.pos_ == "NOUN" and (lex_entry(tok, "NOUN") is not None or tok.lemma_.lower() in _GENERIC_ACTS)


def _labelled_act(tok):
    """"Kyiv called the strike a war crime", "described the sanctions as illegal",
    "branded Washington's decision a mistake": labelling an act or an actor with a word
    of reproach accuses its maker (or the actor), trigger the labelling verb; an act
    whose maker is not named leaves the target to the story."""
    src = ea.subject_of(tok)
    if src is None or not ea.looks_actor(src):
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    label = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp") and _is_reproach(c)]
    label += [o for _, o in ea.prep_objects(tok, {"as"}) if _is_reproach(o)]
    label += [a for _, o in ea.prep_objects(tok, {"as"}) for a in o.children
              if a.dep_ == "amod" and a.lemma_.lower() in _REPROACH_ADJECTIVES]
    if not label:
        return None
    blamed = _blamed(obj)
    if blamed.pos_ != "PRON" and ea.looks_actor(blamed) and blamed != src:
        return _speech_act(tok, src, blamed, blame=True)
    if _names_act(obj):
        return _speech_act(tok, src, None, blame=True, object_noun=obj)
    return None


def _blamed(subj):
    """Who a blaming clause blames: its subject, or the maker of the act it names ("the
    North's missile launch was a provocation")."""
    if not _names_act(subj):
        return subj
    return next((c for c in subj.children if c.dep_ in ("poss", "compound", "amod") and c.i < subj.i
                 and ea.looks_actor(c)), subj)


def _to_blame(tok) -> bool:
    """"Y is to blame": the infinitive says Y is culpable; Y blames no one."""
    return tok.dep_ == "xcomp" and tok.lemma_.lower() == "blame" and tok.head.lemma_.lower() == "be" \
        and is_to_infinitive(tok)


def _state_named(clause, exclude=None):
    """The first state (a country's name or demonym) named in ``clause``, outside the
    phrase ``exclude``; None if it names none."""
    skip = {t.i for t in exclude.subtree} if exclude is not None else set()
    return next((t for t in clause.subtree if t.ent_type_ in ("GPE", "NORP") and t.i not in skip), None)


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


def _reduced_passive(tok) -> bool:
    """A past participle modifying a noun, with no subject of its own: "a journalist
    arrested over his interviews", "activists detained last week by the police"."""
    return tok.tag_ == "VBN" and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in tok.children)


_AUTHORITY_ACTS = word_class("authority_act")
_ATTEMPT_VERBS = word_class("attempt_verb")
_GATHERING_VERBS = word_class("gathering_verb")
_HELD_NOUNS = word_class("held_noun")
_CLAIM_VERBS = word_class("claim_verb")
_CHARGE_NOUNS = word_class("charge_noun")
_HOSTILE_AGENTS = word_class("hostile_agent")
_CONFLICT_TYPES = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "SANCTION"}
#: acts done with a partner ("a meeting with X", "talks with Y")
_PARTNER_TYPES = {"CONSULT", "AGREE", "COOPERATE"}


def _content_of(tok):
    """The reported content of a speech verb: its clausal complement, or the clause of
    "the claim that ..." ("reiterated the claim that the attack was orchestrated ...")."""
    for c in tok.children:
        if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
            return c
    for c in tok.children:
        if c.dep_ == "dobj" and c.lemma_.lower() in _CHARGE_NOUNS:
            for a in c.children:
                if a.dep_ in ("acl", "ccomp") and a.pos_ == "VERB":
                    return a
    return None


_EXPECT_VERBS = word_class("expect_verb")
_WISH_VERBS = word_class("wish_verb")


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
    return _speech_act(tok, src, objs[0], demand=True)


def _wish_demand(tok):
    """"Japan hopes China will release the detained citizens", "said it hoped Russia would
    agree": hoping that another actor acts is a demand on it (REQUEST subject → the
    clause's subject), as expecting it to act is; the act hoped for is its own event."""
    src = ea.subject_of(tok)
    if src is None or not ea.looks_actor(src):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")
                   and not is_to_infinitive(c)), None)
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None) if clause is not None else None
    if subj is None or subj.pos_ == "PRON" or not ea.looks_actor(subj) or subj == src:
        return None
    return _speech_act(tok, src, subj, demand=True)


def _speech_accusation(tok):
    """"The military said attackers collaborated with partners in Afghanistan", "claimed
    the attackers were in touch with planners in Afghanistan": a speaker ties a hostile
    act (an attack, attackers, handlers) to another state, which is an accusation of
    that state (ACCUSE speaker → state, trigger the speech verb). The state must differ
    from the speaker's (checked once actors are resolved)."""
    src, clauses = _reported(tok)
    if src is None or not ea.looks_actor(src):
        return None
    content = _content_of(tok) or (clauses[0] if clauses else None)
    if content is None:
        return None
    if content.lemma_.lower() in _STOP_VERBS or any(c.dep_ == "neg" for c in content.children):
        return None  # "Russia says Israel ended its attacks": no charge
    subj = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and (_refers_back(subj) or subj.lower_ == src.lower_):
        return None  # "China said it would expel ...": the speaker's own act (a threat)
    toks = [t for t in content.subtree][:40]

    def conflict(t):
        if t.pos_ == "VERB" and t.lemma_.lower() in ea.NOUN_GOVERNORS:
            # "launched military exercises": a verb governing an event noun does the act
            # the noun names (exercises, not the launch of a missile); a hostile noun
            # leaves the verb to judge ("is considering sanctions" is no charge)
            named = next((e for c in t.children if c.dep_ == "dobj"
                          for e in [lex_entry(c, "NOUN")] if e is not None), None)
            if named is not None and named.type not in _CONFLICT_TYPES:
                return False
        e = lex_entry(t, "VERB" if t.pos_ == "VERB" else "NOUN") if t.pos_ in ("VERB", "NOUN") else None
        return e is not None and e.type in _CONFLICT_TYPES
    # the content's own act is hostile, or it names perpetrators ("attackers",
    # "handlers of the attack"), or its subject is an attack or those who took part in one
    # ("the attack was orchestrated by", "those involved in Tuesday's attack are based in")
    hostile = conflict(content) or any(t.lemma_.lower() in _HOSTILE_AGENTS for t in toks) or (
        subj is not None and (conflict(subj) or any(conflict(p) for _, p in ea.prep_objects(subj, {"of"}))
                              or (subj.pos_ == "PRON" and any(conflict(t) for t in subj.subtree))))
    src_ids = {t.i for t in src.subtree}
    if hostile:
        state = next((t for t in toks if t.ent_type_ in ("GPE", "NORP") and t.i not in src_ids
                      and t.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "amod", "compound", "poss", "conj")),
                     None)
        state = _entity_head(state) if state is not None else None
        if state is None:
            # "The Taliban barring Bennett ... is one of many signs": a named organisation
            # that is the agent of the hostile act
            state = next((t for t in toks if t.ent_type_ == "ORG" and t.i not in src_ids
                          and t.dep_ in ("nsubj", "poss") and conflict(t.head)), None)
    else:
        # "... an example of how China uses security laws to suppress freedoms," the
        # spokesperson added: a state doing a hostile act anywhere in what is said
        said = {t.i for t in toks}
        state = next((d for t in toks if t.pos_ == "VERB" and conflict(t)
                      for d in [ea.subject_of(t)] if d is not None and d.i not in src_ids
                      and d.ent_type_ in _ACCUSED_ENTS and d.i in said), None)
    if state is None:
        return None
    return _speech_act(tok, src, state, blame=True, cross_state=True)


def _entity_head(tok):
    """The head word of the named entity ``tok`` is a word of ("Central" → "Republic" in
    "the Central African Republic"), so that the actor is the name, not a piece of it;
    ``tok`` itself outside an entity."""
    ent = entity_of(tok)
    return ent.root if ent is not None else tok


def _refers_back(tok) -> bool:
    """A pronoun that stands for someone named before ("it", "they"), not one a modifier
    defines ("those involved in Tuesday's attack", "anyone responsible")."""
    return tok.pos_ == "PRON" and not any(c.dep_ in ("acl", "relcl", "prep", "amod") for c in tok.children)


#: who a speaker can tie a hostile act it names the agent of: a state, its people, or a
#: named organisation ("the Taliban ... use security laws to suppress freedoms")
_ACCUSED_ENTS = ("GPE", "NORP", "ORG")


def _speech_acts(tok) -> tuple[list, bool]:
    """The speech-act candidates of a verb (a demand, an expectation, an accusation), and
    whether the verb is thereby no trigger of its own."""
    if tok.pos_ != "VERB":
        return [], False
    lem = tok.lemma_.lower()
    found = []
    speech = lem in _SPEECH or _according_to(tok) is not None
    if speech:
        sc = _speech_demand(tok)
        if sc is not None:
            found.append(sc)
    if lem in _LABEL_VERBS:
        labelled = _labelled_act(tok)
        if labelled is not None:
            return [labelled], True
    if lem in _EXPECT_VERBS:
        ex = _expectation_demand(tok)
        if ex is not None:
            return found + [ex], True
    if lem in _WISH_VERBS:
        wish = _wish_demand(tok)
        if wish is not None:
            return found + [wish], True
    if (speech or lem in _CLAIM_VERBS) and not found:
        acc = _speech_accusation(tok)
        if acc is not None:
            return [acc], True  # the speech act is the event; the verb is no other
    return found, False


def doc_candidates(doc) -> list[Candidate]:
    """The candidates of every sentence of ``doc``, in order; a sentence whose reading
    fails is skipped (logged at debug level), so one odd parse costs only its own events."""
    out: list[Candidate] = []
    for sent in doc.sents:
        try:
            out.extend(candidates(doc, sent))
        except Exception:
            log.debug("event candidates failed in a sentence", exc_info=True)
    return out


def candidates(doc, sent) -> list[Candidate]:
    """Candidate events of one sentence (token-level; not yet typed or resolved): the
    verbs first, then the event nouns no verb took over."""
    out: list[Candidate] = []
    consumed: set[int] = set()
    verbs, nouns = [], []
    for tok in sent:  # one pass over the tokens: every candidate starts from a verb or a noun
        pos = tok.pos_
        if pos == "VERB" or pos == "AUX":
            verbs.append(tok)
        elif pos == "NOUN":
            nouns.append(tok)
    for tok in verbs:
        if _to_blame(tok):
            continue
        speech, done = _speech_acts(tok)
        out.extend(speech)
        if done:
            continue
        if tok.i in consumed:
            continue  # the act a verb of stopping stops ("suspended plans to impose curfews")
        cand = _conditional_threat(tok) or _verb_candidate(tok, consumed)
        if cand is not None:
            out.append(cand)
        demand = _quoted_demand(tok)
        if demand is not None:
            out.append(demand)
    for tok in nouns:
        cand = _noun_candidate(tok, consumed) if tok.i not in consumed else None
        if cand is not None:
            out.append(cand)
    return out


_FUTURE_AUX = {"will", "would", "'ll", "’ll", "wo", "shall"}


def _conditional_threat(tok):
    """"If the United States escalates, I will not hesitate to shut the electricity off",
    "if China crosses the line, we will respond firmly": announcing what one will do if
    another actor acts is a threat to that actor (a promise, if the act is cooperative),
    whatever the announced verb; a listed verb gets the same reading from its own
    candidate (the stated intent of a conditional act)."""
    if tok.pos_ not in ("VERB", "AUX") or lex_entry(tok, "VERB") is not None or tok.lemma_.lower() in _SPEECH:
        return None
    if not any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in tok.children):
        return None
    src = ea.subject_of(tok)
    if src is None:
        return None
    for c in tok.children:
        if c.dep_ != "advcl" or not opens_condition(c):
            continue
        other = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if other is not None and not ea.looks_actor(other):
            # "if tariffs are not dropped by Canada": the party the condition is on
            other = next((p for a in c.children if a.dep_ == "agent" for p in a.children
                          if p.dep_ == "pobj"), None)
        if other is not None and other.pos_ != "PRON" and ea.looks_actor(other) and other.i != src.i:
            return _speech_act(tok, src, other, conditional_threat=True)
    # "Russia will respond to any attack on its territory", "would not tolerate any
    # violation": what one will do to whoever commits any hostile act is a threat too
    for n in [c for c in tok.children if c.dep_ == "dobj"] + [o for _, o in ea.prep_objects(tok, {"to", "against"})]:
        if any(d.lower_ == "any" for d in n.children) and hostile_act(n):
            makers = [x for x in n.children if x.dep_ == "poss"] + [o for _, o in ea.prep_objects(n, {"by"})]
            maker = next((x for x in makers if ea.looks_actor(x) and x.pos_ != "PRON"), None)
            return _speech_act(tok, src, maker, conditional_threat=True, object_noun=n)
    return None


def hostile_act(noun) -> bool:
    """A noun of a hostile act: a lexicon event noun of conflict ("attack", "strike") or
    a reproach ("violation", "provocation")."""
    entry = lex_entry(noun, "NOUN") if noun.pos_ == "NOUN" else None
    return (entry is not None and entry.type in _CONFLICT_TYPES) or noun.lemma_.lower() in _REPROACH_NOUNS


def _relative_recipient(act):
    """Whom an act named by a noun is aimed at when only a clause on the noun says it:
    "lift the sanctions Washington has imposed on Moscow" → Moscow."""
    for c in act.children:
        if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB":
            found = next((o for _, o in ea.prep_objects(c, {"on", "against"}) if ea.looks_actor(o)), None)
            if found is not None:
                return found
    return None


def _purpose_recipient(verb, act, src):
    """Whom an act is against when only its purpose says it: "launched an operation to
    flush out al-Shabab" → al-Shabab (the purpose infinitive's recipient)."""
    for c in list(act.children) + list(verb.children):
        if c.dep_ in ("acl", "advcl") and c.pos_ == "VERB" and is_to_infinitive(c):
            _, tgt, _ = ea.verb_roles(c, 1)
            if tgt is not None and ea.looks_actor(tgt) and (src is None or tgt.i != src.i):
                return tgt
    return None


def _demandee(subj) -> bool:
    """Can the subject of a demanded act be the one the demand is made on: an actor
    other than the speaker's side, a third party or the one spoken to ("they must",
    "you need to"), not "we", "I" or a "he" the speaker may be?"""
    if subj.pos_ == "PRON":
        return subj.lower_ in ("they", "you")
    return ea.looks_actor(subj)


def _quoted_demand(tok):
    """"The commission should continue to exercise prudence," Wu told the U.N., "they need
    to return the S-400": a main clause saying what another actor must, should or needs
    to do is a demand (REQUEST) on it by
    whoever says it, the quote's speaker (found when quotes are read; no quote, no
    demand). Demands reported with a speech verb in the same sentence are
    ``_speech_demand``'s."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return None
    needs = tok.lemma_.lower() == "need" and any(
        c.dep_ == "xcomp" and is_to_infinitive(c) for c in tok.children)  # "they need to return it"
    if not needs and not any(c.dep_ == "aux" and c.lower_ in _DEMAND_MODALS for c in tok.children):
        return None
    if tok.dep_ != "ROOT" and tok.head.lemma_.lower() in _SPEECH:
        return None  # "X said Y must ...": _speech_demand
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or not _demandee(subj):
        return None
    return _speech_act(tok, None, subj, demand=True, quoted_demand=True)


def _participle_roles(tok):
    """(actor, recipient) of a listed past participle that modifies a noun: the noun
    undergoes the act ("imprisoned publisher Jimmy Lai", "kidnapped schoolgirls"), its
    actor unstated; after a form of "have", the parser misread a perfect tense
    ("authorities have since banned civilians"), and the subject of "have" acts."""
    if tok.tag_ != "VBN" or tok.dep_ != "amod" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None, None
    doc, j = tok.doc, tok.i - 1
    while j >= 0 and doc[j].dep_ == "advmod":
        j -= 1
    src = ea.subject_of(doc[j]) if j >= 0 and doc[j].lemma_ == "have" else None
    noun = tok.head
    while noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i:
        # "imprisoned publisher Jimmy Lai": the parser hangs the participle on "publisher",
        # a title compounded with the name; who underwent the act is the name's phrase
        noun = noun.head
    return src, noun


def _predicate_taken_for_participle(tok) -> bool:
    """A sentence with no verb of its own: the parser made its subject the root and the
    verb a participle of it ("Up to 20,000 people *protested* in the capital")."""
    head = tok.head
    return tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and head.dep_ == "ROOT" \
        and head.pos_ in ("NOUN", "PROPN") and tok.i == head.i + 1 \
        and not any(c.dep_ in ("dobj", "agent") for c in tok.children)


def _verb_candidate(tok, consumed: set):
    """The candidate of a verb (None if it is no trigger); adds to ``consumed`` the
    tokens of event nouns it takes over (its event object, a three-word key's noun)."""
    if not (tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass"))):
        return None
    lem = tok.lemma_.lower()
    entry = lex_entry(tok, "VERB")
    if entry is None and lem in ea.INSTRUMENT_VERBS and any(
            ch.dep_ == "dobj" and ea.is_crowd_control_weapon(ch) for ch in tok.children):
        # "police used tear gas on protesters": the act of using force (a key of its own)
        entry = plover.lexicon().get(_WEAPON_USE_KEY)
    if entry is None and lem in _SKIP_VERBS:
        return None  # saying, being, having: the complement carries the event
    if entry is None and lem in _EXPRESSING_VERBS and not any(
            _noun_entry(ch) for ch in tok.children if ch.dep_ == "dobj"):
        return None  # "expressed hope that talks resume": no act is expressed
    if lem == "meet" and any(ch.dep_ == "dobj" and ch.lemma_.lower() in _MET_NEEDS for ch in tok.children):
        return None  # "meet the health needs", "meet the deadline": no meeting
    if lem == "return" and not any(ch.dep_ in ("dobj", "nsubjpass") for ch in tok.children):
        who = ea.subject_of(tok)
        if who is not None and (who.ent_type_ == "PERSON" or who.lower_ in ("he", "she", "i", "we")
                                or ea.core(who).lemma_.lower() in _PERSON_NOUNS):
            return None  # "he returned to San Francisco": a person travelling, no event
    if lem in _ATTEMPT_VERBS and any(c.dep_ == "xcomp" and is_to_infinitive(c) for c in tok.children):
        return None  # "Britain is seeking to finalize a deal": the infinitive is the act
    src, tgt, info = ea.verb_roles(tok)
    if src is None and entry is not None and entry.type == "PROTEST" and _predicate_taken_for_participle(tok):
        src = tok.head  # "Up to 20,000 people protested in the capital": protesters protest
    if entry is None and lem in _GATHERING_VERBS and src is not None \
            and ea.is_protesters(src):
        # "thousands of protesters gathered outside parliament": their gathering is the
        # protest (the lexicon's entry for protesting)
        entry = plover.lexicon().get(("protest", "VERB"))
        info["protest_gathering"] = True
    if tgt is None and entry is not None and entry.lemma.count(" ") == 1:
        # "found the journalist guilty", "will hold Moscow accountable": the parser makes
        # whom the key's adjective is said of that adjective's subject
        said_of = next((s for c in tok.children if c.dep_ in ("oprd", "acomp", "ccomp") and c.pos_ == "ADJ"
                        and c.lemma_.lower() == entry.lemma.split(" ")[1]
                        for s in c.children if s.dep_ == "nsubj"), None)
        if said_of is not None and ea.looks_actor(said_of):
            tgt = said_of
    if tgt is None and entry is not None and entry.type == "REQUEST":
        tgt = for_clause_subject(tok)  # "called for the Taliban to lift the ban"
    if entry is not None and src is None and tgt is None:
        src, tgt = _participle_roles(tok)
    if _patient_participle(tok):
        # "two soldiers stand accused of the bombing", "if convicted, they face
        # prison": the subject undergoes the act; its actor is unstated (the subject is
        # the governing verb's when the participle is its complement: "Lai stands accused")
        who = src if src is not None else ea.subject_of(tok.head) if tok.head != tok else None
        if who is not None and (tgt is None or tgt.i == who.i or ea.in_place_phrase(tgt)):
            src, tgt = None, who
            info["patient"] = True
    if entry is not None and lem in _AUTHORITY_ACTS and _reduced_passive(tok):
        # "a journalist arrested over his interviews": the noun the participle modifies
        # underwent the act (an authority's, whose actor is the agent if one is named)
        src = next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        tgt = tok.head
        info["passive"] = True
    if entry is not None and lem in ea.UNDERGO_VERBS and " " in entry.lemma and src is not None:
        # "X faces charges", "who is facing trial": a key "face <act>" names an act the
        # subject undergoes at the hands of someone unsaid
        src, tgt = None, src
        info["patient"] = True
    key_noun = info.get("dobj")
    if entry is not None and key_noun is not None and tgt is not None and tgt.i == key_noun.i \
            and entry.lemma.count(" ") == 1 and entry.lemma.split(" ")[1] == key_noun.lemma_.lower() \
            and plover.quad(entry.type).startswith("verbal") and not any(
                c.dep_ in ("poss", "compound", "amod", "nmod") and ea.looks_actor(c) for c in key_noun.children):
        # "expressed firm opposition to the sale": the stance the key's noun names is part
        # of the act, no recipient, even when the noun could name one ("opposition"); whom
        # it is to is ("accepted a U.S. proposal" keeps the proposal's maker; "took 100
        # passengers hostage" its victims)
        tgt = next((p for h in (key_noun, tok) for _, p in ea.prep_objects(h, {"to", "toward", "towards",
                                                                                "against", "with"})
                    if ea.looks_actor(p)), None)
    obj = info.get("dobj")
    if obj is None and info.get("passive"):
        # "new sanctions were imposed by the EU": the passive subject is the object
        obj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if obj is None and not info.get("passive"):
        # "by first imposing and then delaying a 25% tariff": conjoined verbs share the
        # object the last one takes
        shared = next((c for cj in tok.conjuncts if cj.i > tok.i and cj.pos_ == "VERB"
                       for c in cj.children if c.dep_ == "dobj"), None)
        if shared is not None and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
            obj = shared
            info["dobj"] = shared
            if tgt is None and ea.looks_actor(shared):
                tgt = shared
    if entry is not None and entry.mode == "withdraw" and obj is not None and ea.is_troops(obj) \
            and (tgt is None or tgt.i == obj.i):
        # "France is pulling its troops out of Mali", "withdrew 300 soldiers from Iraq":
        # the troops are the actor's own; the recipient is the state they leave
        tgt = _left_place(tok)
    dobj, dobj_entry = _event_object(tok, obj)
    stopped = _act_stopped(tok, entry, dobj) if dobj_entry is None else None
    if stopped is not None:
        dobj, dobj_entry, act_recipient, how = stopped
        if how in ("planned", "gerund"):
            tgt = act_recipient
            consumed.update(c.i for c in dobj.children if c.dep_ == "dobj")
        else:
            info["left_act"] = True
            tgt = act_recipient or (tgt if tgt is not None and tgt.i != dobj.i else None)
            consumed.add(dobj.i)
    if dobj_entry is not None:
        info["object_entry"] = dobj_entry
    if dobj_entry is not None and tgt is not None and dobj is not None and tgt.i == dobj.i:
        # "doubled the U.S. tariff on Canadian steel": the act is no recipient; the
        # noun's own recipient ("on Canadian steel", "against Iran") is
        # a verbal response ("rejected the Russian ultimatum") reads a named modifier as
        # the maker too; a material act on one's own act ("doubled the U.S. tariff") does not
        responds = entry is not None and plover.quad(entry.type).startswith("verbal")
        owner = next((c for c in dobj.children if c.pos_ != "PRON" and ea.looks_actor(c)
                      and (src is None or c.i != src.i)
                      and (c.dep_ == "poss" or (responds and c.dep_ in ("amod", "compound")
                                                and c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")))), None)
        # "rejected Kenya's request", "welcomed Iran's offer": acting on another's act is
        # acting on whoever made it
        tgt = owner or ea.noun_roles(dobj)[1] or next(
            (o for _, o in ea.prep_objects(dobj, {"on", "against", "to"})), None) or _relative_recipient(dobj)
        info["object_noun"] = dobj
    if dobj is not None and (tgt is None or (tgt.i == dobj.i and not ea.looks_actor(tgt))):
        tgt = _purpose_recipient(tok, dobj, src) or tgt
    if tgt is None and dobj_entry is not None and dobj_entry.type == "AID":
        # "approved debt relief for Ireland": whom aid is for receives it
        tgt = next((p for _, p in ea.prep_objects(tok, {"for"}) if ea.looks_actor(p)), None)
    if entry is None and dobj_entry is not None and lem in ea.NOUN_GOVERNORS:
        return None  # "consider new sanctions": the noun is the event
    if lem in _LIGHT_VERBS and dobj is not None and stopped_act(dobj) is not None:
        return None  # "ordered a halt to curfews": the noun of stopping is the event
    if entry is None and dobj_entry is None and lem in ea.RECEIVING_VERBS and not any(
            e for e in (_noun_entry(cj) for cj in (dobj.conjuncts if dobj is not None else ())) if e):
        return None  # "drew comparisons to", "won the election", "gained ground": nothing given
    if entry is not None and entry.mode == "visit" and lem in ea.RECEIVING_VERBS and dobj is not None \
            and dobj_entry is None and not ea.looks_actor(dobj) and not any(
                ea.looks_actor(p) for h in (tok, dobj) for _, p in ea.prep_objects(h, {"from", "by"})):
        return None  # "received the email": hosting someone needs someone ("a letter from Kim" has one)
    if dobj is not None and dobj.lemma_.lower() in ea.MESSAGE_NOUNS and any(
            ch.pos_ == "VERB" and ch.tag_ == "VBG" and lex_entry(ch, "VERB") is not None
            for ch in list(dobj.children) + [x for x in tok.children if x.dep_ == "advcl"]
            if ch.dep_ in ("acl", "advcl")):
        return None  # "sent a letter threatening to ...": the letter's act is the event
    if _naming(tok):
        return None
    if entry is None and not (src is not None and tgt is not None
                              and (ea.looks_actor(src) or ea.looks_actor(tgt))) \
            and not (dobj_entry is not None and (lem in _INCREASE_VERBS or lem in _STOP_VERBS)
                     and src is not None and ea.looks_actor(src)):
        # ("doubling the tariff on its neighbour's steel": raising an act is that act again,
        # its recipient the act's own; "agreed to end a war": stopping it is an act of
        # its own, with or without a recipient)
        return None
    if entry is not None and src is None and tgt is None:
        return None
    if entry is None and dobj_entry is not None:
        # "reduced military aid to Argentina", "filed a lawsuit against X": the verb
        # says what happens to the act the noun names; the noun is no event of its own
        # (unless it is only to be stopped: "focus on ending the war" leaves it going on)
        info["noun_entry"] = dobj_entry
        if not (lem in _STOP_VERBS and _unrealised(tok)):
            consumed.add(dobj.i)
    elif dobj_entry is not None and (entry.type == dobj_entry.type or lem in ea.NOUN_GOVERNORS
                                     or (lem in _STOP_VERBS and not _unrealised(tok))):
        # ("lifted sanctions on Iran", "suspended military aid": an act stopped is not
        # also an act done; one only asked or promised to stop goes on: "called on China
        # to cease its support for Russia's war")
        consumed.add(dobj.i)
        if " " not in entry.lemma and (lem in _LIGHT_VERBS or (  # "stage strike" is one key
                lem in _ENACTING_VERBS and plover.quad(dobj_entry.type).startswith("material"))):
            info["light_object"] = dobj_entry
    if lem in ea.RECEIVING_VERBS and not info.get("passive"):
        # "Yemen received aid from Saudi Arabia", "got an invitation from Putin":
        # the giver is the actor, the receiver the recipient, the act the noun's
        giver = next((p for _, p in ea.prep_objects(tok, {"from"}) if ea.looks_actor(p)), None)
        if giver is None and dobj is not None:
            # "won the support of China": an of-phrase gives a stance, not a material act
            # ("secured the release of hostages")
            preps = {"from", "by", "of"} if dobj_entry is not None and \
                plover.quad(dobj_entry.type).startswith("verbal") else {"from", "by"}
            giver = next((p for _, p in ea.prep_objects(dobj, preps) if ea.looks_actor(p)), None)
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
        # recipient of its own; the noun's recipient is the phrase's ("called for a
        # boycott of Israeli goods")
        for c in tok.children:
            for p in c.children:
                if c.dep_ == "prep" and p.dep_ == "pobj" and \
                        f"{c.lower_} {p.lemma_.lower()}" == entry.lemma.split(" ", 1)[1]:
                    consumed.add(p.i)
                    if tgt is None or tgt.i == p.i:
                        tgt = ea.noun_roles(p)[1]
                    if p.i - tok.i <= 4:
                        span = (tok.i, p.i + 1)
    for c in tok.children:
        if is_particle(c):
            span = (tok.i, max(span[1], c.i + 1))
    return Candidate(tok, span, src, tgt, "verb", entry, info)


def _act_stopped(verb, entry, dobj):
    """(act, its lexicon entry, its recipient, "planned", "gerund" or "left") of an act a
    verb stops that is no event noun of its direct object: the act of a plan stopped
    ("suspended plans to impose curfews", "dropped its plan to impose sanctions on
    Russia"), the act of a gerund ("stopped attacking the capital"), or an act a
    withdrawal leaves ("pulled out of talks with the government", "withdrew from the
    nuclear deal": leaving an act stops it); None otherwise."""
    if verb.lemma_.lower() in _STOP_VERBS:
        planned = _planned_act(dobj) if dobj is not None else None
        if planned is not None:
            act, act_entry = planned
            return act, act_entry, ea.verb_roles(act)[1], "planned"
        doing = _gerund_act(verb)
        if doing is not None:
            return (*doing, "gerund")
    if entry is not None and entry.mode == "withdraw":
        left = _left_place(verb)
        left_entry = _noun_entry(left)
        if left_entry is not None:
            return left, left_entry, ea.noun_roles(left)[1], "left"
    return None


def _gerund_act(verb):
    """(act, its lexicon entry, its recipient) of the act a verb of stopping takes as a
    gerund: a listed verb ("stopped *attacking* the capital") or the event noun a
    gerund does ("agreed to stop *conducting protests*"); None otherwise."""
    for c in verb.children:
        if c.dep_ not in ("xcomp", "dobj", "ccomp") or c.tag_ != "VBG" or c.pos_ != "VERB":
            continue
        entry = lex_entry(c, "VERB")
        if entry is not None:
            return c, entry, ea.verb_roles(c)[1]
        noun, entry = _event_object(c, None)
        if entry is not None:
            return noun, entry, ea.noun_roles(noun)[1]
    return None


def _planned_act(noun):
    """The (verb, lexicon entry) of the listed act an intent noun names by its
    infinitive or for-gerund ("plans *to impose* curfews", "plans *for banning* rallies"),
    or None."""
    if noun.lemma_.lower() not in ea.INTENT_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ == "acl" and is_to_infinitive(c):
            verb = c
        elif c.dep_ == "prep" and c.lower_ == "for":
            verb = next((p for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"), None)
        else:
            continue
        entry = lex_entry(verb, "VERB") if verb is not None else None
        if entry is not None:
            return verb, entry
    return None


def stopped_act(noun):
    """The (noun, lexicon entry) of the act a noun of stopping stops, named by its
    of- or to-phrase ("the suspension *of talks* with Hamas", "the lifting *of
    sanctions*", "ordered a halt *to curfews*"), or None."""
    if noun.lemma_.lower() not in _STOP_NOUNS:
        return None
    # "ordered a halt *to the curfews* in Karachi": the parser may hang the to-phrase on the verb
    holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    return next(((p, e) for h in holders for _, p in ea.prep_objects(h, {"of", "to"} if h is noun else {"to"})
                 for e in (_noun_entry(p),) if e), None)


def _acts_against(verb, entry) -> bool:
    """Does the clause's verb do a hostile act beside a protest it names ("police beat
    them during the march")? Its subject then acts on the protest, not in it."""
    if entry.type != "PROTEST" or verb.pos_ not in ("VERB", "AUX"):
        return False
    own = lex_entry(verb, "VERB")
    return own is not None and own.type in ("ASSAULT", "COERCE")


def _noun_candidate(tok, consumed: set):
    """The candidate of an event noun of the lexicon with an actor or recipient (None
    if it is no trigger); a noun of stopping adds to ``consumed`` the act it stops."""
    if tok.pos_ != "NOUN":
        return None
    entry = lex_entry(tok, "NOUN")
    if entry is None or entry.pos != "NOUN":
        return None
    if entry.type == "ASSAULT" and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _FIGURATIVE_WAR
                                       for c in tok.children):
        return None  # "a trade war", "tariff wars", "a war of words": no fighting
    modified = tok.head if tok.dep_ in ("compound", "nmod") else (
        tok.head.head if tok.dep_ == "conj" and tok.head.dep_ in ("compound", "nmod") else None)
    if modified is not None and modified.pos_ == "NOUN" and ea.looks_actor(modified):
        # "riot police", "protest leaders", "the military and protest leaders": the noun
        # says who people are, no act
        return None
    if entry.type == "PROTEST" and any(not ea.looks_actor(p) for _, p in ea.prep_objects(tok, {"of"})):
        return None  # "a demonstration of our commitment": a display, no protest
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and not any(c.dep_ == "det" for c in tok.children) \
            and entry.type in ("COOPERATE", "CONSULT") \
            and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
        return None  # "in cooperation with its partners, USAID provided ...": a manner, not an act
    src, tgt, info = ea.noun_roles(tok)
    stopper = ea.stopping_verb(tok)
    if src is None and stopper is not None:
        # "called on China to limit or cease tacit support for Russia's war": an act only
        # asked to stop goes on (the verb left it), and it is the stopper's own
        src = ea.subject_of(stopper)
    stopped = stopped_act(tok)
    if stopped is not None:
        act, info["object_entry"] = stopped
        info["object_noun"] = act
        consumed.add(act.i)
        if tgt is None or tgt.i == act.i:
            tgt = ea.noun_roles(act)[1]  # "the suspension of talks with Hamas": Hamas
        elif src is not None and src.i == act.i:
            src = None
    # "after a meeting with X, the governor told ...", "visited Paris for talks with
    # Macron": a meeting before or after the act, or that it was for, had the clause's
    # subject in it (only for acts with a partner: "after the attack on Kyiv, Zelensky
    # said" is no act of Zelensky's)
    beside = ("after", "before", "following", "for") if entry.type in _PARTNER_TYPES and any(
        c.dep_ == "prep" and c.lower_ == "with" for c in tok.children) else ()
    if src is None and tok.dep_ == "pobj" and tok.head.dep_ == "prep" \
            and tok.head.lower_ in ("in", "during", "at") + beside:
        # "employees stopped work in a strike", "Reagan, in a meeting with Mulroney,
        # agreed": the clause's subject takes part in the act the phrase names
        g = tok.head.head
        if g.pos_ in ("VERB", "AUX"):
            host = ea.subject_of(g)
        else:
            host = g if g.dep_ in ("nsubj", "nsubjpass") else None
        held = tok.lemma_.lower() in _HELD_NOUNS and tok.head.lower_ == "in"
        if held and host is not None and host.pos_ in ("NOUN", "PROPN", "PRON") \
                and (tgt is None or ea.is_place_name(tgt) or ea.in_place_phrase(tgt)):
            # "the reporter had been in pretrial detention since September 30", "the
            # suspect remains in custody": who is in custody is held, by someone the
            # sentence leaves unsaid
            tgt = host
            info["patient"] = True
        elif host is not None and host is not tgt and ea.looks_actor(host) and not _acts_against(g, entry):
            src = host
            if tgt is None and entry.type in _PARTNER_TYPES and g.pos_ in ("VERB", "AUX"):
                # "told Trump in phone conversations": whom the clause addresses took part
                tgt = next((c for c in g.children if c.dep_ in ("dative", "dobj") and c.pos_ != "PRON"
                            and ea.looks_actor(c)), None)
    if tgt is None and tok.dep_ == "pobj" and tok.head.lower_ == "under" and tok.head.head.pos_ in ("VERB", "AUX"):
        # "Kyiv came under attack", "the city is under siege": the subject undergoes the
        # act; a from/by phrase says who does it
        verb = tok.head.head
        tgt = ea.subject_of(verb)
        if src is None:
            src = next((p for _, p in ea.prep_objects(verb, {"from", "by"}) if ea.looks_actor(p)), None)
    if entry.type == "MOBILIZE":
        # "the deployment of North Korean troops to Russia": of-phrase = who is moved
        for prep, pobj in ea.prep_objects(tok, {"of"}):
            if src is None or src == pobj or tgt == pobj:
                src = pobj
                if tgt == pobj:
                    tgt = None
                    for p2, o2 in ea.prep_objects(tok, {"to", "into", "in"}):
                        tgt = o2
    if src is None and tgt is None:
        if ea.points_back(tok):
            # "the attack was deliberate", "after the siege": a repeat mention of an act
            # told before, whose actors that telling names (found once the earlier events
            # exist)
            info["repeat"] = True
        elif entry.type != "PROTEST":
            # of the acts with no actor in their phrase, only a protest is told without its
            # people ("protests erupted in several Iranian cities"; they are found later)
            return None
    elif not (ea.looks_actor(src) or ea.looks_actor(tgt) or info.get("patient")):
        return None
    mod = compound_modifier(tok)
    span = (mod.i if mod is not None else tok.i, tok.i + 1)
    return Candidate(tok, span, src, tgt, "noun", entry, info)
