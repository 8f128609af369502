"""The readings stage of the event coder: one typed candidate → its events.

Takes the typed candidate (:class:`~redline.extract.event_types.TypeContext`: type,
factuality, actors, recipients) and returns its :class:`Reading` s, each a (type,
recipients, factuality, actors) of one event (:func:`readings`). Most candidates have one
reading. The others:

* **who with whom** (before the readings): a reciprocal act of a compound actor ("the UK
  and the EU agreed", "Russia and Turkey met") is first conjunct → the others
  (``reciprocal_dyad``); "cooperation between A and B" is A → B (``between_dyad``); a
  demand for someone's release is made on the authorities holding them
  (``release_demand``).
* ``deployment_aid``: a deployment to a (host) country, or to help someone, is also AID
  (military; PLOVER: MOBILIZE and AID).
* **statement vs act**, the first of three that applies:
  ``irrealis_statement``: the classifier read a statement (a threat, a promise...) where
  the lexicon names an irrealis act ("Germany would consider new sanctions"): the
  statement is one event (asserted, or reported in a quote), the act another (irrealis);
  ``stated_intent``: a known actor's announced material act ("will move a Patriot
  battery"), or one announced on a condition another actor must meet ("will retaliate
  unless Japan withdraws": a threat to Japan), is also a threat (conflict) or a promise
  (cooperation);
  ``refusal``: a known actor's negated act of cooperation ("will not release the
  prisoners") is also a refusal (REJECT).
  An act no one announces (a guess about the past, a purpose, an act demanded of someone
  else: ``unannounced_act``) has no statement reading.
* ``advocated_threat``: demanding a hostile act against Y threatens Y (PLV codes it
  THREATEN); the demanded act follows.
* ``speaker_performs``: a speech act the quote's speaker performs in the quote ("'We
  reject the allegations,' the spokesperson said") is asserted, not reported; not when
  someone else relays the quote ("CNN reported that Trump told advisers he does not want
  to meet Kim": reported).
* ``own_statement``: a statement reported by its own side (a minister announcing his
  state's ultimatum, a court's president quoting the court) is that side making it:
  asserted.
* ``statement_once`` (over the document's events, :func:`statement_once`): a statement
  read at an act ("pledged to *send* tanks": AGREE) that the verb governing the act
  already makes ("*pledged*": AGREE, same actors, same factuality) is said once.
* ``meeting_both_ways``: a meeting between two known actors ("MBS held a meeting with
  Zelenskyy") is each side's act, so it is coded both ways.

Each name can be disabled by ``EventConfig.disabled``.
"""
from __future__ import annotations

from typing import NamedTuple

from .. import plover
from ..model import Actor
from ..plover import word_class
from ._text import actor_head, is_to_infinitive
from . import event_actors as ea
from .event_features import lex_entry
from .event_referents import actors, known, quote_speaker, states
from .factuality import is_participle_modifier, opens_condition, prevented
from .event_types import IRREALIS, PERMISSION_VERBS, STATEMENT_TYPES, TypeContext, demanded_act

_AID_VERBS = word_class("aid_verb")
# Reciprocal acts: "A and B met/agreed/signed" is A → B.
_RECIPROCAL = word_class("reciprocal_verb")
_MUTUAL = word_class("mutual_verb")
_ADVOCATING = word_class("advocating_verb")
_RELEASE_NOUNS = word_class("release_noun")
_MEETING_NOUNS = word_class("meeting_noun")
# statements a side makes by saying them (a meeting or an act is not made by reporting it)
_SPEECH_ACTS = STATEMENT_TYPES | {"ACCUSE"}
_REPORTING = frozenset(k for (k, where), v in plover.factuality_cues().items() if where == "verb" and v == "reported")
# what announcing an act of each quad states
_STATEMENT_OF = {"material conflict": "THREATEN", "material cooperation": "AGREE",
                 "verbal cooperation": "AGREE"}
_COOPERATION_QUADS = {"verbal cooperation", "material cooperation"}


#: the names of this stage's steps, each of which ``EventConfig.disabled`` can switch off
NAMES = ("release_demand", "reciprocal_dyad", "between_dyad", "deployment_aid", "unannounced_act",
         "irrealis_statement", "stated_intent", "refusal", "advocated_threat", "speaker_performs", "own_statement", "meeting_both_ways",
         "statement_once")


class Reading(NamedTuple):
    """One event of a candidate."""
    type: str
    target: list
    factuality: str
    source: list


def dyads(x: TypeContext, disabled: frozenset = frozenset()) -> None:
    """Who acts on whom (sets ``x.src``/``x.tgt``): ``release_demand``,
    ``reciprocal_dyad``, ``between_dyad`` (see the module docstring)."""
    c, tok = x.cand, x.tok
    src, tgt = x.src, x.tgt
    if "release_demand" not in disabled and x.type == "REQUEST" and not any(a.country for a in tgt) \
            and x.index is not None:
        held = _released_person(tok)
        if held is not None:
            # "called for Zamora's immediate release": the demand is on whoever holds
            # Zamora, the authorities of the released person's state (or of the state
            # where the demanded measure applies)
            who = [a for a in actors(x.doc, held, x.index, x.quote) if a.country]
            if who:
                tgt = [Actor(f"authorities holding {who[0].text}", None, who[0].country, None,
                             who[0].start, who[0].end, who[0].text)]
    reciprocal = x.lemma in _RECIPROCAL
    # "He and other U.S. officials held talks with Russian officials": a partner named
    # with "with" is the other side, the compound actor one side
    partnered = any(known(a) for a in tgt) and any(
        ea.looks_actor(o) for h in (tok, c.info.get("dobj")) if h is not None
        for _, o in ea.prep_objects(h, {"with"}))
    if "reciprocal_dyad" not in disabled and len(src) >= 2 and not partnered and (
            x.lemma in _MUTUAL or all(a.entity is None and a.country is None for a in tgt) or (
                # "Trump and Putin agreed to share information on North Korea", "X and Y
                # reached an agreement": the complement's or the event noun's recipient is
                # not the reciprocal act's
                reciprocal and (c.info.get("xcomp") is not None or c.info.get("embedded") is not None
                                or (c.info.get("dobj") is not None and ea.is_event_noun(c.info["dobj"]))))) and (
            reciprocal or x.type in ("CONSULT", "COOPERATE")):
        src, tgt = src[:1], src[1:]
    if "between_dyad" not in disabled and not src and len(tgt) >= 2 and c.info.get("prep") == "between":
        src, tgt = tgt[:1], tgt[1:]
    x.src, x.tgt = src, tgt


def readings(x: TypeContext, disabled: frozenset = frozenset(),
             intent_factualities: tuple = ("future", "hypothetical")) -> list[Reading]:
    """The events of a typed candidate (see the module docstring); ``intent_factualities``
    are the factualities under which an announced act is also a statement."""
    c, tok, fact, type_ = x.cand, x.tok, x.fact, x.type
    src, tgt, quote = x.src, x.tgt, x.quote
    types = [(type_, tgt)]
    if "deployment_aid" not in disabled and type_ == "MOBILIZE" and "show_of_force" not in x.fired:
        aid_tgt = _deployment_aid(x)
        if aid_tgt:
            types.append(("AID", aid_tgt))
    facts = [fact] * len(types)
    # who states the statement reading: the actor, or for a demanded act with no known
    # actor the one demanding it ("Netanyahu called for sanctions against the ICC")
    stmt_src = src
    if "advocated_threat" not in disabled and fact == "advocated" and x.index is not None \
            and not any(known(a) for a in src):
        advocate = _advocate(tok)
        adv = actors(x.doc, ea.subject_of(advocate), x.index, quote) if advocate is not None else []
        if any(known(a) for a in adv):
            stmt_src = adv
    lex_t = c.lex.type if c.lex is not None else None
    # the statement is asserted when the quote's speaker makes it ("Trump said he will
    # raise tariffs" is a threat the story states Trump made), else reported
    # (a statement its maker states inside someone else's report is reported: "CNN
    # reported that Trump told advisers he does not want to meet Kim")
    said = "reported" if quote is not None and (
        not _said_by(stmt_src, quote) or _relayed(stmt_src, x)) else "asserted"
    # an act demanded of its actor by someone else ("Russia must withdraw," the minister
    # said) is announced by no one: its actor says nothing
    demanded_of_other = (fact == "advocated" and quote is not None and any(known(a) for a in src)
                         and not _said_by(src, quote))
    # the act of an if-clause is the condition, which its actor announces nothing by
    unannounced = _past_possibility(tok) or _purpose_clause(tok) or _permitted(tok) or opens_condition(tok) \
        or _striven_for(tok) or _wished_for(tok) or _expected(tok) or _feared(tok) or demanded_of_other \
        or is_participle_modifier(tok)  # "the detained citizens" announce nothing
    conditioned_on = _condition_party(x, src) if fact == "conditional" and not unannounced else []
    # an act announced as future or hypothetical, or on a condition another actor must meet
    intent = fact in intent_factualities or bool(conditioned_on)
    if "unannounced_act" not in disabled and (
            unannounced or (tok.dep_ == "xcomp" and demanded_act(tok.head) == tok)):
        if c.label is not None and lex_t and type_ in STATEMENT_TYPES and lex_t != type_:
            types[0] = (lex_t, tgt)
        lex_t = None
    if ("irrealis_statement" not in disabled and c.label is not None and lex_t and type_ in STATEMENT_TYPES
            and (fact in IRREALIS or (fact == "negated" and type_ == "REJECT"))
            and plover.eval_label(lex_t) != plover.eval_label(type_)):
        if any(states(a) for a in stmt_src):
            # "Germany would consider new sanctions", "will deliver tanks": the statement
            # itself is a threat/promise (the classifier's reading, as PLV codes it); the
            # act it names is its own event, with the irrealis factuality
            facts[0] = said
            announced = _STATEMENT_OF.get(plover.quad(lex_t)) if intent else None
            if announced and type_ != announced and type_ != "REQUEST":
                # "he will increase the tariffs": announcing a sanction is a threat, not a
                # rejection (the reading's polarity follows the act announced)
                types[0] = (announced, tgt or conditioned_on)
            types.append((lex_t, tgt))
            facts.append(fact)
        else:
            # no known speaker to make the statement: only the irrealis act
            types[0] = (lex_t, tgt)
    elif ("stated_intent" not in disabled and len(types) == 1 and not unannounced
          and intent
          and (c.kind == "verb" or c.info.get("governor") is not None)
          and any(states(a) for a in src)):
        # "the opposition said they would boycott the election": announcing a material
        # act is itself a threat or a promise, as PLOVER and PLV code it; a bare event
        # noun ("the new rules take effect") announces nothing. So is an act announced on
        # a condition another actor must meet ("China will retaliate unless Japan
        # withdraws"), made to that actor when the act names no one else
        stmt = _STATEMENT_OF.get(plover.quad(type_))
        if stmt and stmt != type_:
            types.insert(0, (stmt, tgt or conditioned_on))
            facts.insert(0, said)
    elif "refusal" not in disabled and fact == "negated" and type_ == "REJECT" and lex_t != "REJECT":
        # "will not succumb to pressure": the classifier read the negated act as the refusal
        # it is; the refusal is made, not negated
        facts[0] = said
    elif ("refusal" not in disabled and fact == "negated" and not _not_yet(tok) and not prevented(tok)
          and plover.quad(type_) in _COOPERATION_QUADS and any(known(a) for a in src)):
        # "will not release the prisoners", "has not agreed": a refusal, as PLOVER and
        # PLV code it; the act stays, negated
        types.insert(0, ("REJECT", tgt))
        facts.insert(0, said)
    if ("advocated_threat" not in disabled and fact == "advocated" and len(types) == 1 and tgt
            and stmt_src is not src and plover.quad(type_) == "material conflict"):
        types.insert(0, ("THREATEN", tgt))
        facts.insert(0, said)
    # the statement (first, asserted/reported, other than the act's factuality) is made by
    # stmt_src; the act is the actor's
    srcs = [stmt_src if k == 0 and len(types) > 1 and facts[0] in ("asserted", "reported")
            and facts[0] != fact else src for k in range(len(types))]
    out = []
    for (t, tgt_t), f, s in zip(types, facts, srcs):
        # what someone else reports the speaker said stays reported
        relayed = _relayed(s, x)
        if "speaker_performs" not in disabled and f == "reported" and quote is not None \
                and not relayed and _speaker_acts(t, s, quote, tok):
            f = "asserted"
        if "own_statement" not in disabled and f == "reported" and t in _SPEECH_ACTS \
                and not relayed and _own_statement(x, s):
            f = "asserted"
        out.append(Reading(t, tgt_t, f, s))
    if ("meeting_both_ways" not in disabled and len(out) == 1 and (
            (out[0].type == "CONSULT" and (tok.lemma_.lower() in _RECIPROCAL or tok.lemma_.lower() in _MEETING_NOUNS))
            or (x.lemma in _MUTUAL and len(x.src) == 1))
            and any(a.country for a in out[0].source) and any(a.country for a in out[0].target)):
        # "MBS held a meeting with Zelenskyy": a meeting is each side's act, both ways;
        # so is an exchange ("India and Pakistan traded accusations")
        out.append(Reading(out[0].type, list(out[0].source), out[0].factuality, list(out[0].target)))
    return out


def _deployment_aid(x: TypeContext) -> list:
    """The recipients of the AID reading of a deployment: whom the troops are sent to
    help ("to help the army"), or the host country the troops go to or into (another
    state than the actor's; not one they are massed near); [] if neither."""
    c, tok = x.cand, x.tok
    src_countries = {a.country for a in x.src}
    purpose = [ch for ch in tok.children if ch.dep_ in ("advcl", "acl", "relcl", "xcomp")
               and ch.lemma_.lower() in _AID_VERBS]
    if purpose:
        objs = [o for o in purpose[0].children if o.dep_ in ("dobj", "dative")]
        return actors(x.doc, objs[0], x.index, x.quote) if objs and x.index is not None else []
    # troops go into a host country ("sent troops to Niger", "deployed in Mali"); ships
    # massed near, around or off a state are aimed at it, not sent to help it
    hosted = c.tgt is not None and (c.tgt.dep_ != "pobj" or c.tgt.head.lower_ in ("to", "into", "in", "inside"))
    if c.kind == "verb" and hosted and c.tgt.ent_type_ == "GPE" and any(
            a.country and a.country not in src_countries for a in x.tgt):
        return x.tgt
    return []


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


def _purpose_clause(tok) -> bool:
    """A purpose infinitive ("sent troops to help the army"): intended, but announced by
    no one, so no statement reading."""
    return tok.dep_ == "advcl" and is_to_infinitive(tok)


_EFFORT_VERBS = word_class("effort_verb")


def _striven_for(tok) -> bool:
    """An act someone aims, seeks or tries to do ("conducts bombings, aiming to topple the
    government", "is trying to reach a deal"): the narrator tells of the effort, its
    actor announces nothing, so no statement reading."""
    return tok.dep_ == "xcomp" and is_to_infinitive(tok) and tok.head.lemma_.lower() in _EFFORT_VERBS


_EXPECT_VERBS = word_class("expect_verb")
#: verbs the expected act may sit under ("expected to *start* negotiating")
_ASPECT_VERBS = word_class("skip_verb") - _EXPECT_VERBS


def _expected(tok) -> bool:
    """An act its actor "is expected to" do ("the two sides are expected to start
    negotiating a deal"): others expect it, its actor announces nothing."""
    while tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _ASPECT_VERBS:
        tok = tok.head
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in _EXPECT_VERBS and any(
        c.dep_ == "auxpass" for c in head.children)


_WISH_VERBS = word_class("wish_verb")


def _wished_for(tok) -> bool:
    """An act someone hopes another will do ("Japan hopes China will release them"): the
    hope is the one hoping's demand, and the act's actor announces nothing."""
    if tok.dep_ != "ccomp" or tok.head.lemma_.lower() not in _WISH_VERBS:
        return False
    own, hoper = ea.subject_of(tok), ea.subject_of(tok.head)
    return own is not None and hoper is not None and own.i != hoper.i and own.pos_ != "PRON"


_DREAD_VERBS = word_class("dread_verb")


def _feared(tok) -> bool:
    """An act someone fears another will do ("rights groups fear Egypt will jail them",
    "worries that they will be deported"): foreseen by others, announced by no one."""
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _DREAD_VERBS


def _permitted(tok) -> bool:
    """An act someone is allowed ("the law allows the government to seize the assets"):
    possible, but announced by no one, so no statement reading."""
    return tok.dep_ in ("xcomp", "ccomp") and tok.head.lemma_.lower() in PERMISSION_VERBS


def _past_possibility(tok) -> bool:
    """A modal perfect ("may have launched", "could have been killed"): uncertainty about
    the past, not an announced act."""
    if tok.pos_ == "NOUN":
        return False
    auxes = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return "have" in auxes and any(a in ("may", "might", "could", "would", "must") for a in auxes)


def _reporter_country(x: TypeContext):
    """The state of whoever reports the event: the quote's speaker, else the subject of
    the speech verb whose complement holds the trigger."""
    if x.index is None:
        return None
    if x.quote is not None and x.quote.speaker is not None:
        ent = quote_speaker(x.quote, x.index)
        return ent.country if ent is not None else None
    tok = x.tok
    for _ in range(6):
        if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in _REPORTING:
            who = actors(x.doc, ea.subject_of(tok.head), x.index, None)
            return next((a.country for a in who if a.country), None)
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _not_yet(tok) -> bool:
    """"has not yet agreed to host it", "have not agreed yet": the act is pending, not
    refused (the clause's verb, or a verb it is the infinitive of, says "yet")."""
    for _ in range(3):
        if any(c.dep_ == "advmod" and c.lower_ == "yet" for c in tok.children):
            return True
        if tok.dep_ != "xcomp" or tok.head == tok:
            return False
        tok = tok.head
    return False


def _own_statement(x: TypeContext, src) -> bool:
    """A statement reported by its own side ("Interior Minister Matiangi announced Kenya
    had given the agency 14 days", "the spokesperson said the United States calls for
    his release", a court's president quoting the court) is that side making it:
    asserted, not reported."""
    mine = {a.country for a in src if a.country}
    return bool(mine) and _reporter_country(x) in mine


def _condition_party(x: TypeContext, src: list) -> list:
    """The known actors, other than the act's own, that the condition of the trigger's
    clause is on ("unless *Japan* withdraws its ships", "if *the United States*
    escalates"): the subject of an if/unless clause the trigger governs."""
    for c in x.tok.children:
        if c.dep_ != "advcl" or not opens_condition(c):
            continue
        subj = next((w for w in c.children if w.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            return []
        party = [a for a in actors(x.doc, subj, x.index, x.quote) if known(a)]
        own = {a.entity or a.country for a in src}
        return [a for a in party if (a.entity or a.country) not in own]
    return []


def _said_by(src, quote) -> bool:
    """Is the quote's speaker among these actors (by entity, or "I"/"we")?"""
    if quote is None or quote.speaker is None or not src:
        return False
    sp = quote.speaker.entity
    return any((sp and a.entity == sp) or (a.text or "").lower() in ("i", "we") for a in src)


def _relayed(src, x: TypeContext) -> bool:
    """Is the candidate's quote inside a quote someone other than ``src`` speaks ("CNN
    reported that [Trump told advisers [...]]")?"""
    return x.outer_quote is not None and not _said_by(src, x.outer_quote)


def _speaker_acts(type_: str, src, quote, tok) -> bool:
    """Is this a speech act (verbal quad) that the quote's speaker performs in the
    quote, in the present ("we reject", "I urge"), not one they report?"""
    if not plover.quad(type_).startswith("verbal") or quote is None or quote.speaker is None:
        return False
    if tok.tag_ not in ("VBP", "VBZ", "VB") or any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "could", "may", "might") for c in tok.children):
        return False
    sp = quote.speaker.entity
    return bool(src) and any((sp and a.entity == sp) or a.text.lower() in ("i", "we") for a in src)


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
        for _, p in ea.prep_objects(n, {"of"}):
            return p
    # "called for limits on internet access for young people in China": the state where
    # the demanded measure applies is asked for it
    for n in nouns:
        for t in list(n.subtree)[:25]:
            if t.ent_type_ in ("GPE", "NORP") and t.dep_ in ("pobj", "amod", "compound", "poss"):
                return t
    return None


_COMPLEMENTS = frozenset({"xcomp", "ccomp", "pcomp", "prep", "dobj", "acl"})


def _complement_of(tok, governor) -> bool:
    """``tok`` lies in the complement of ``governor`` ("pledged [to send]", "denied
    [providing]", "refused [to attend]"), not in a conjunct or a clause of its own."""
    while tok.head != tok and tok.dep_ in _COMPLEMENTS | {"aux", "pobj"}:
        tok = tok.head
        if tok == governor:
            return True
    return False


def statement_once(events: list, doc) -> list:
    """``events`` without a statement that repeats one its governing verb makes: same
    statement type and factuality, its trigger in the complement of the other's, and
    every actor and recipient of it one of the other's ("Germany *pledged* to *send*
    tanks to Ukraine" is one promise, AGREE at "pledged"; the sending stays, AID future;
    "Brazil and Argentina *agreed* to *remove* restrictions": the agreement, read as
    Brazil with Argentina, is the one statement)."""
    def who(actors_):
        # things ("restrictions on *trade*") leave the recipients later, so they do not count
        return {(a.entity or a.name.lower(), a.country or "") for a in actors_ if a.entity or a.country}

    # a statement at the trigger of an act is the act's statement reading: under another
    # statement it repeats that one whatever its type ("agreed to impose requirements"
    # is the agreement, no threat besides)
    acts = {e.trigger.start for e in events if e.type not in STATEMENT_TYPES}
    out, said = [], {}
    for e in events:
        if e.type not in STATEMENT_TYPES:
            out.append(e)
            continue
        key = (e.type, e.factuality)
        parties = who(e.source) | who(e.target)
        tok = actor_head(doc, e.trigger)
        governors = said.get(key, []) if e.trigger.start not in acts else [
            x for k2, xs in said.items() if k2[1] == e.factuality for x in xs]
        kept = next((k for g, k, ps in governors if tok is not None and g.sent == tok.sent
                     and parties and parties <= ps and _complement_of(tok, g)), None)
        if kept is not None:
            # what the act is done with is what the statement is about ("pledged to send
            # tanks": the promise's object is the tanks)
            have = {(o.start, o.end) for o in kept.object}
            kept.object.extend(o for o in e.object if (o.start, o.end) not in have)
            continue
        if tok is not None:
            said.setdefault(key, []).append((tok, e, parties))
        out.append(e)
    return out
