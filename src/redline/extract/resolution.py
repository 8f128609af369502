"""Resolution passes: the country and sector behind every entity, decided from what
the article says, most precise evidence first (in the manner of multi-pass
coreference sieves).

:func:`resolve_entities` takes the entities of :func:`~redline.extract.actors.extract_entities`
(mentions found and clustered, roles read from titles and appositions) and the
article's places, and fills in what is still unknown. Each pass is a named function
``(context, entity) -> Evidence | None``; :data:`PERSON_PASSES` and :data:`ORG_PASSES`
list them in order of precedence, and the first pass that gives a country decides it.
The pass's name is kept on the entity (``Entity.evidence``) so that every code can be
audited.

The passes read evidence in this order:

0. ``newsroom``: reporters who "contributed to this report" belong to the newsroom's
   organisation (a byline is surer than a namesake in the knowledge base);
1. ``knowledge``: a person the knowledge base knows, in an office the article's date
   falls in (``data/actors/``);
2. ``descriptor``: the words the article attaches to the name: its premodifiers,
   apposition, "of"/"at"/"from"/"in" phrases and relative clause (an organisation a
   relative clause names counts only when the clause gives a post: "who is director
   of ...", not "who rose to fame after an interview with CCTV"). A known
   organisation's code beats a nationality ("a French national", "Israeli
   businessman"), which beats an unknown organisation's kind or place ("an analyst at
   the Dutch think tank Clingendael" → NGO, "a professor at Koya University in Iraqi
   Kurdistan" → IRQ), which beats a place ("a commentator based in Hong Kong"), which
   beats a possessor for state roles ("Zelenskyy's chief of staff");
3. ``coordination``: a person listed with others shares their description;
3. ``knowledge-any``: the person's country from the knowledge base, outside office;
4. ``title``: titles that belong to one state's institutions in English-language news
   ("Secretary of State", "Senator", "Representative": ``data/title_countries.tsv``);
5. ``court``: a judge, prosecutor or lawyer belongs to the state whose court tries the
   story's case (the place named with its first court or trial), not to the places of
   what they say ("federal prosecutor X said Tehran offered ...");
6. ``nearby``: a state office-holder takes the state named just before, outside quotes;
7. ``story``: anyone else takes the country the story is about (its lead and most
   named places), since a resident, passenger or official quoted without a nationality
   in a story set in one country is, in news practice, of that country.

An entity that no pass resolves keeps ``country=None``.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Optional

from .. import knowledge
from ..countries import NON_STATE, is_state  # noqa: F401 (re-exported)
from ..countries import country as country_ref
from ..countries import state_of_member
from .actors import PAST_POST, STATE_SECTORS, actor_words, sector_of_words
from .org_kinds import RESEARCH, code_without_place, described_kind, org_kind
from ..model import Entity
from ..tables import table
from ._text import doc_text, entity_of, sentence_bounds, sentence_of
from .places import country_of_major_place, country_of_place_name


_QUOTE_MARKS = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class Evidence:
    """What a pass concluded about an entity."""

    country: str
    sector: Optional[str]
    rule: str


# --------------------------------------------------------------------------- tables
@functools.lru_cache(maxsize=1)
def _title_countries() -> dict[str, str]:
    return {r["title"].lower(): r["country"] for r in table("title_countries.tsv")}


# --------------------------------------------------------------------------- context
class _Context:
    """What the passes share for one article."""

    def __init__(self, doc, entities: list[Entity], places, published: Optional[str], index,
                 title: Optional[str] = None):
        self.doc = doc
        self.title = title or ""
        self.text = doc_text(doc)
        self.entities = entities
        self.places = sorted(places or [], key=lambda p: p.start)
        self.published = published
        self.index = index
        self._story: Optional[list[str]] = None
        self._quotes: Optional[list[tuple[int, int]]] = None

    # ---- the story's countries
    def story_countries(self) -> list[str]:
        """States the story is about, most weight first: places and state entities,
        mentions in the lead (first 3 sentences) counting three times."""
        if self._story is None:
            doc = self.doc
            bounds = sentence_bounds(doc)[:3]
            lead_end = doc[bounds[-1][1] - 1].idx + len(doc[bounds[-1][1] - 1].text) if bounds else 0
            w: Counter = Counter()
            # the headline names the story's state more surely than any sentence
            words = re.findall(r"[A-Z][\w'’.-]*", self.title)
            for n in (3, 2, 1):
                for i in range(len(words) - n + 1):
                    ref = country_ref(" ".join(words[i:i + n]))
                    if ref is not None and is_state(ref.iso3):
                        w[ref.iso3] += 5
            for p in self.places:
                if is_state(p.country):
                    w[p.country] += 3 if p.start < lead_end else 1
            for e in self.entities:
                state_body = e.type == "ORG" and e.sector in STATE_SECTORS and e.evidence is None
                if (e.type in {"GPE", "NORP"} or state_body) and is_state(e.country):
                    # a state's own bodies ("Congress", "the Kremlin") place the story as
                    # its name does; those the tables named, not a guess of these passes
                    for m in e.mentions:
                        if m.kind in {"demonym", "name", "metonym"}:
                            w[e.country] += 3 if m.start < lead_end else 1
            self._story = [c for c, _ in w.most_common()]
        return self._story

    def main_country(self) -> Optional[str]:
        s = self.story_countries()
        return s[0] if s else None

    # ---- quotations
    def in_quote(self, pos: int) -> bool:
        """Whether ``pos`` lies between an opening and a closing quotation mark of its
        paragraph (a country named inside a quote says nothing of who speaks)."""
        if self._quotes is None:
            spans = []
            for para in re.finditer(r"[^\n]+", self.text):
                marks = [m.start() + para.start() for m in _QUOTE_MARKS.finditer(para.group())]
                for a, b in zip(marks[::2], marks[1::2]):
                    spans.append((a, b))
            self._quotes = spans
        return any(a < pos < b for a, b in self._quotes)

    def country_of_name(self, name: str) -> Optional[str]:
        """The state of a place name, ambiguity settled by the story's first states."""
        return country_of_place_name(name, set(self.story_countries()[:3]))

    def place_country(self, start: int, end: int) -> Optional[str]:
        for p in self.places:
            if p.start >= end:
                break
            if p.end > start and p.country and p.kind not in {"continent", "sea"}:
                return p.country
        return None


# --------------------------------------------------------------------------- descriptors
def _name_tokens(doc, ent: Entity) -> list[tuple[int, int]]:
    """Token ranges of the entity's name mentions, first first."""
    out = []
    for m in ent.mentions:
        if m.kind != "name":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((span.start, span.end))
    return out


def _descriptor_phrases(doc, ts: int, te: int) -> list[tuple[str, list]]:
    """The phrases the parse attaches to a name, as (relation, tokens): premodifiers
    ("Israeli businessman"), appositions either way round ("X, a senior fellow at Y";
    "a French national, X"), prepositional phrases ("of the Dutch think tank
    Clingendael", "from the Philippines", "in Quetta") and relative clauses ("who
    worked with Lai in Hong Kong"). Tokens stay inside the sentence, 30 at most."""
    sent = sentence_of(doc[ts])
    # a name the recogniser cut short ("Enrique Pena" of "Enrique Pena Nieto of Mexico"):
    # the proper noun right after it that heads it is the rest of the name, and what the
    # parse attaches to the whole name hangs there
    while te < sent.end and doc[te].pos_ == "PROPN" and doc[te - 1].dep_ == "compound" \
            and doc[te - 1].head.i == te:
        te += 1
    name = set(range(ts, te))
    out: list[tuple[str, list]] = []

    def keep(tokens):
        return [t for t in tokens if t.i not in name and sent.start <= t.i < sent.end][:30]

    pre = []
    for i in name:
        for c in doc[i].children:
            if c.i < ts and c.dep_ in {"compound", "amod", "nmod", "poss", "nummod", "npadvmod"}:
                pre.extend(c.subtree)
    # The parse often leaves titles as siblings ("Lt. Gen. Ahmed ..."): take the
    # capitalised or adjectival run just left of the name too.
    i = ts - 1
    while i >= sent.start and doc[i].pos_ in {"PROPN", "ADJ", "NOUN"} and doc[i].dep_ != "ROOT" \
            and not doc[i].is_punct and (doc[i].head.i in name or doc[i].head.i >= ts - 1 - 4):
        pre.append(doc[i])
        i -= 1
    if pre:
        out.append(("premod", keep(sorted(set(pre), key=lambda t: t.i))))
    roots = [doc[i] for i in name if doc[i].head.i not in name or doc[i].head.i == i]
    for root in roots:
        # "X is a senior fellow at Y", "X was among the first refugees from Z": the
        # predicate of a copula describes its subject as an apposition would
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            for c in root.head.children:
                if c.dep_ == "attr" or (c.dep_ == "prep" and c.lower_ == "among"):
                    out.append(("appos", keep(list(c.subtree))))
        group = _group_of(root)
        if group is not None:
            out.append(("appos-head", keep([t for t in group.subtree if t.i <= group.i])))
        if root.dep_ == "appos" and root.head.i not in name:
            head = root.head
            sub = {t.i for t in root.subtree}
            out.append(("appos-head", keep([t for t in head.subtree if t.i not in sub])))
        for c in root.children:
            if c.i in name:
                continue
            if c.dep_ == "appos":
                out.append(("appos", keep(list(c.subtree))))
            elif c.dep_ == "prep" and c.lower_ in {"of", "at", "from", "in", "with", "for"}:
                out.append(("prep", keep(list(c.subtree))))
            elif c.dep_ in {"relcl", "acl"}:
                out.append(("relcl", keep(list(c.subtree))))
                # "X, who is Azerbaijani": a copular relative clause describes X as an
                # apposition would
                if c.lemma_ == "be":
                    for pred in (t for t in c.children if t.dep_ in {"attr", "acomp"}):
                        out.append(("appos", keep(list(pred.subtree))))
                # "X, who served as the State Department's envoy": the post held
                # describes X as an apposition would
                if c.lemma_ in _SERVE_VERBS:
                    for prep in (t for t in c.children if t.dep_ == "prep" and t.lower_ == "as"):
                        for post in (t for t in prep.children if t.dep_ == "pobj"):
                            out.append(("appos", keep(list(post.subtree))))
                # "X, known also as Y, an American who ...": Y's apposition is X's
                if c.lemma_ in {"know", "call", "nickname", "dub"}:
                    for prep in (t for t in c.children if t.dep_ == "prep" and t.lower_ == "as"):
                        for alias in (t for t in prep.children if t.dep_ == "pobj"):
                            for ap in (t for t in alias.children if t.dep_ == "appos"):
                                out.append(("appos", keep(list(ap.subtree))))
    return [(rel, toks) for rel, toks in out if toks]


_MEMBERSHIP_PREPS = {"including", "among", "like", "by"}
#: verbs of holding a post ("who served as ..."): their as-phrase is the person's post
_SERVE_VERBS = actor_words("serve_verb")
#: after a noun, a place in these names a portfolio, not where the person is ("special
#: envoy for North Korea", "ambassador to China", "adviser on Iran")
_PORTFOLIO_PREPS = {"for", "to", "on", "toward", "towards"}


def _holds_post(verb) -> bool:
    """A clause verb that says what post someone holds: the copula ("who is director of
    ...") or a verb of holding a post ("who works for", "who served as")."""
    return verb.lemma_.lower() == "be" or verb.lemma_.lower() in _SERVE_VERBS


def _portfolio(tok) -> bool:
    """Is ``tok`` in the object of a portfolio preposition after a noun ("envoy for North
    Korea", "ambassador to China"; not "returned to Kismayo", a destination)?"""
    while tok.dep_ in {"compound", "amod", "nmod", "poss", "det"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in _PORTFOLIO_PREPS and tok.head.head.pos_ == "NOUN"


def _group_of(root):
    """The plural noun a name is listed as a member of: "senators led by X",
    "lawmakers including X", "officials such as X" → the noun; else None."""
    tok = root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "pobj":
        return None
    prep = tok.head
    word = prep.lower_
    if word == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such":
        word = "including"
    if word not in _MEMBERSHIP_PREPS and word != "as":
        return None
    head = prep.head
    if head.dep_ == "acl" and head.pos_ == "VERB" and word == "by":
        head = head.head
    elif word == "by":
        return None
    if head.pos_ == "NOUN" and head.tag_ == "NNS":
        return head
    return None


def _role_heads(rel: str, toks: list) -> set[int]:
    """Tokens that name the person's own role in a phrase: the nouns of a premodifier
    run, or the head noun of an apposition ("a Chinese student attending college")."""
    if rel == "premod":
        return {t.i for t in toks if t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ not in {"GPE", "NORP"}}
    if rel in {"appos", "appos-head"}:
        idx = {t.i for t in toks}
        heads = {t.i for t in toks if t.head.i not in idx or t.head.i == t.i}
        # coordinated roles: "activist and president of X"
        heads |= {t.i for t in toks if t.dep_ == "conj" and t.head.i in heads}
        return heads
    return set()


#: words that make a demonym a people rather than a citizenship ("an ethnic Somali")
_ETHNIC = actor_words("ethnic_marker")
#: roles of knowing about something: the demonym before them is their subject
_EXPERTISE = actor_words("expertise_noun")


def _nationality(ctx: "_Context", rel: str, toks: list) -> Optional[str]:
    """A demonym or country that qualifies the person's own role: "Israeli
    businessman", "a French national", "an American who...", "Iranian American
    journalist" (the last of a run of demonyms). A country *name* before an expert's
    title is the subject of expertise ("an Iran analyst"), not a nationality, and so is a
    demonym before a noun of expertise ("a North Korean expert")."""
    heads = _role_heads(rel, toks)
    if not heads:
        return None
    state_role = any((sector_of_words([ctx.doc[i].text]) or ("",))[0] in STATE_SECTORS for i in heads)
    found = []
    for t in toks:
        hit = _state_mention(ctx, t)
        if hit is None:
            continue
        iso3, kind = hit
        if t.i > 0 and t.doc[t.i - 1].lower_ in _ETHNIC:
            continue  # "an ethnic Somali": a people, not a citizenship
        if kind == "demonym":
            # "a Syrian army officer": the demonym may qualify a modifier of the role
            mod = t.head if t.head.dep_ in {"compound", "amod"} and t.head.head.i in heads else None
            if mod is None and t.head.dep_ == "poss" and t.head.head.i in heads and any(
                    c.dep_ == "compound" and t.head.i < c.i for c in t.head.head.children):
                # "a Nigerian women's rights activist": the possessive is part of a
                # compound naming the cause ("women's rights"), which the demonym qualifies
                mod = t.head
            role = t.head if t.head.i in heads else (mod.head if mod is not None else None)
            ok = t.i in heads or (t.dep_ in {"amod", "compound", "nmod"} and role is not None
                                  and role.lemma_.lower() not in _EXPERTISE)
        else:
            # "Kenya's minister", "U.S. Senator"; not "Iran analyst"
            ok = t.head.i in heads and (t.dep_ == "poss" or (
                state_role and t.i not in heads and t.dep_ in {"amod", "compound", "nmod"}))
        if ok:
            found.append((t, iso3))
    if not found:
        return None
    run = [found[0]]
    for t, iso3 in found[1:]:
        if t.i == run[-1][0].i + 1:
            run.append((t, iso3))
    return run[-1][1]


def _state_mention(ctx: "_Context", tok) -> Optional[tuple[str, str]]:
    """(ISO3, mention kind) when ``tok`` lies in a mention of a state ("North
    Korean", "Malawi's")."""
    ent = ctx.index.at(tok.idx, tok.idx + len(tok.text))
    if ent is None or ent.type not in {"GPE", "NORP"} or not is_state(ent.country):
        return None
    kind = next((m.kind for m in ent.mentions if m.start <= tok.idx < m.end), "name")
    return ent.country, kind


def _place_at(ctx: "_Context", tok) -> Optional[str]:
    """The state of a place named at ``tok`` ("in Quetta", "Ontario's", "Hong
    Kong"), not counting demonyms ("Chinese media" says nothing of where)."""
    hit = _state_mention(ctx, tok)
    if hit is not None:
        return hit[0] if hit[1] != "demonym" else None
    c = ctx.place_country(tok.idx, tok.idx + len(tok.text))
    ent = ctx.index.at(tok.idx, tok.idx + len(tok.text))
    if c is None and ent is not None and ent.type in {"GPE", "LOC"}:
        c = ctx.country_of_name(ent.name)
    if c is None and tok.ent_type_ in {"GPE", "LOC"}:
        ent = entity_of(tok)
        if ent is not None:
            c = ctx.country_of_name(ent.text)
    return c if is_state(c) else None


def _orgs_in(ctx: _Context, toks: list) -> list[Entity]:
    seen, out = set(), []
    for t in toks:
        ent = ctx.index.at(t.idx, t.idx + len(t.text))
        if ent is not None and ent.type not in {"PERSON", "GPE", "NORP", "LOC"} and ent.id not in seen:
            seen.add(ent.id)
            out.append(ent)
    return out


def _based_in(tok) -> bool:
    """``tok`` names where something is based ("*Berlin*-based", "*Germany*-based")."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ == "based"


def _said_after_tokens(ctx: _Context, org: Entity) -> list:
    """:func:`_said_after` of an organisation's first mention."""
    m = min(org.mentions, key=lambda m: m.start) if org.mentions else None
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None else None
    return _said_after(span) if span is not None and len(span) else []


def _said_after(span) -> list:
    """Tokens after a name that its own phrase holds: a place phrase or an apposition
    ("Middlebury Institute *in California*", "the Foreign Policy Institute, *a think tank
    in Ankara*", "Observer Research Foundation, *New Delhi*"), at most eight tokens on."""
    head = span.root
    out = []
    for t in span.doc[span.end:min(span.end + 8, span.sent.end)]:
        g, steps = t, 0
        while g != head and g.head != g and steps < 4:
            g, steps = g.head, steps + 1
        if g != head:
            break
        out.append(t)
    return out


def _org_location(ctx: _Context, org: Entity, toks: list, name_places: bool = True) -> Optional[str]:
    """Where an unknown organisation sits, from the phrase around it: "in Burkina
    Faso", "Malawi's Department", "Kenya's National Assembly", "University of New
    South Wales in Australia". Without ``name_places``, only a place the phrase puts it
    in ("a think tank in Ankara", "Ankara's ...", ", New Delhi"), not a state its name
    or a modifier names ("the Carnegie Russia Eurasia Center", "the Dutch think tank
    Clingendael": a think tank's name says what it studies as often as where it is)."""
    lo, hi = (toks[0].idx, toks[-1].idx + len(toks[-1].text)) if toks else (0, 0)
    inside = [m for m in org.mentions if lo <= m.start < hi]
    mention = inside[0] if inside else min(org.mentions, key=lambda m: m.start)
    for t in toks:
        after = t.idx >= mention.end and ((t.head.lower_ in {"in", "of"} and t.dep_ == "pobj")
                                          or (t.dep_ == "appos" and t.ent_type_ == "GPE"))
        # a state's name or demonym right before the name it qualifies ("the Japan Coast
        # Guard", "the China Public Diplomacy Association", "Chinese Coast Guard"), which
        # the NER reads as a place and an organisation
        if (name_places and t.dep_ in ("compound", "amod") and t.idx < mention.start and mention.start <= t.head.idx < mention.end
                and not doc_text(ctx.doc)[t.idx + len(t.text):mention.start].strip()):
            hit = _state_mention(ctx, t)
            if hit is not None:
                return hit[0]
        owner = t.idx < mention.start and t.dep_ == "poss"
        if after or owner:
            c = _place_at(ctx, t)
            if c:
                return c
    if not name_places:
        return None
    # a place inside the name, longest first: "University of New South Wales"
    words = org.name.split()
    for n in range(min(3, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            name = " ".join(words[i:i + n])
            if not name[:1].isupper() or (n == 1 and len(name) < 4):
                continue
            ref = country_ref(name)
            # a single word is too often also some town ("Rubio", Venezuela), unless it is a
            # region or a great city ("University of Melbourne", "of Southern California")
            c = ref.iso3 if ref else (ctx.country_of_name(name) if n > 1 else country_of_major_place(name))
            if is_state(c):
                return c
    return None


def _descriptor(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    ranges = _name_tokens(ctx.doc, ent)
    # the first mentions speak first; a description told only at a later mention
    # ("Mehdiyev, who is Azerbaijani, said"; "Lai, a businessman and founder of ... in
    # Hong Kong") counts when they say nothing
    return _first_descriptor(ctx, ent, ranges[:3]) or _first_descriptor(ctx, ent, ranges[3:8])


def _first_descriptor(ctx: _Context, ent: Entity, ranges) -> Optional[Evidence]:
    """What the phrases attached to the first mentions say of the entity, strongest first."""
    doc = ctx.doc
    phrases = [ph for ts, te in ranges for ph in _descriptor_phrases(doc, ts, te)]
    if not phrases:
        return None
    # organisations a relative clause tells of ("who was sanctioned by the European
    # Union") are no affiliation; nor is a body above states of a past post ("former
    # top European Union official"), while a state's own body still places its former
    # member ("former majority leader in Kenya's National Assembly")
    affiliations = []
    for rel, toks in phrases:
        if rel == "relcl":
            continue
        # ... nor one a relative clause inside the phrase tells of ("Kowal, an American
        # who has risen to popularity after an interview with CCTV"), unless the clause
        # gives the post ("a physicist who is co-director of ... at the Carnegie
        # Endowment", "who works for ...")
        inside = {t.i for t in toks}
        orgs = _orgs_in(ctx, [t for t in toks if not any(
            a.dep_ == "relcl" and a.i in inside and not _holds_post(a) for a in t.ancestors)])
        if any(t.lower_ in PAST_POST for t in toks):
            orgs = [o for o in orgs if is_state(o.country)]
        affiliations.append((toks, orgs))
    nationality = next((c for rel, toks in phrases for c in [_nationality(ctx, rel, toks)] if c), None)
    # 1. a known organisation with a code; a state's body yields to another nationality
    #    ("a Thai lawmaker ... of the House of Representatives": many states have one)
    for toks, orgs in affiliations:
        for org in orgs:
            if org.country and org.evidence is None:
                if state_of_member(nationality, org.country) != org.country:
                    return Evidence(nationality, None, "descriptor:nationality")
                return Evidence(org.country, org.sector, "descriptor:organisation")
    # 2. a nationality
    if nationality:
        return Evidence(nationality, None, "descriptor:nationality")
    # 3. an unknown organisation: its descriptor, its location, its kind (a think tank's
    #    is the place the phrase names, step 4, else NGO)
    research = False
    for toks, orgs in affiliations:
        # describing nouns are common nouns ("the think tank"), not words of a name
        described = described_kind([t.lower_ for t in toks if t.is_lower])
        if described in NON_STATE:
            return Evidence(described, None, "descriptor:organisation-kind")
        for org in orgs:
            # (an organisation coded by its kind is read by its kind again: a think tank
            # the phrase about the person places, "of the Foreign Policy Institute, a
            # think tank in Ankara", is placed)
            kind = org_kind(org.name.split()) if org.evidence is not None else None
            if kind is None and org.country in NON_STATE:
                kind = org.country
            if kind in NON_STATE:
                return Evidence(kind, None, "descriptor:organisation-kind")
            where = _org_location(ctx, org, toks + _said_after_tokens(ctx, org),
                                  name_places=RESEARCH not in (kind, described))
            if where:
                return Evidence(where, None, "descriptor:organisation-place")
            research = research or kind == RESEARCH
        research = research or described == RESEARCH
    # 4. a place
    for rel, toks in phrases:
        for t in toks:
            if rel == "premod" and _state_mention(ctx, t) is not None and ent.sector not in STATE_SECTORS:
                continue  # "Iran analyst": the subject of expertise
            if _portfolio(t):
                continue
            if research and _based_in(t):
                continue  # "the Berlin-based Carnegie Russia Eurasia Center": a think tank abroad
            c = _place_at(ctx, t)
            if c:
                return Evidence(c, None, "descriptor:place")
    if research:
        return Evidence(code_without_place(RESEARCH), None, "descriptor:organisation-kind")
    # 5. the aide of an office-holder: "Zelenskyy's chief of staff", "Trump's envoy"
    #    (a lawyer's client says nothing of the lawyer's country)
    for rel, toks in phrases:
        for t in toks:
            if t.dep_ == "poss":
                owner = ctx.index.at(t.idx, t.idx + len(t.text))
                if owner is not None and owner is not ent and owner.country and owner.type == "PERSON" \
                        and (owner.sector in STATE_SECTORS or ent.sector in STATE_SECTORS):
                    return Evidence(owner.country, None, "descriptor:possessor")
    return None


def _coordinated(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    """A person listed with others shares the list's description: "three members of
    the U.S. Senate — Chuck Grassley, Jeanne Shaheen and Jim Risch"."""
    doc = ctx.doc
    for ts, te in _name_tokens(doc, ent)[:3]:
        root = doc[ts:te].root
        linked = []
        tok = root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
            linked.append(tok)
        linked.extend(c for c in root.subtree if c.dep_ == "conj" and c.i not in range(ts, te))
        for t in linked:
            other = ctx.index.at(t.idx, t.idx + len(t.text))
            if other is not None and other is not ent and other.type == "PERSON" and other.country \
                    and (other.evidence or "").startswith(("descriptor", "knowledge", "title")):
                return Evidence(other.country, None, "coordination")
    return None


# --------------------------------------------------------------------------- other passes
def _knowledge(ctx: _Context, ent: Entity, current: bool) -> Optional[Evidence]:
    """A person the knowledge base knows: in office on the article's date
    (``current``), or at any time (then the sector is ELI, out of office)."""
    code = knowledge.person_code(ent.kb or ent.name, ctx.published)
    if code is None:
        return None
    country, sector, _role = code
    if current and sector in {None, "ELI"}:
        return None
    return Evidence(country, sector, "knowledge" if current else "knowledge-any")


def _knowledge_current(ctx, ent):
    return _knowledge(ctx, ent, current=True)


def _knowledge_any(ctx, ent):
    return _knowledge(ctx, ent, current=False)


def _title(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    """Titles of one state's institutions: "Secretary of State", "Senator"."""
    titles = _title_countries()
    words = (ent.role or "").lower().replace(".", ". ").split()
    for n in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            c = titles.get(" ".join(words[i:i + n]).strip())
            if c:
                return Evidence(c, None, "title")
    # also the words just before a name the role reader did not keep ("Rep.", "Sen.")
    for m in ent.mentions[:3]:
        before = ctx.text[max(0, m.start - 40):m.start].lower().split()
        for n in (3, 2, 1):
            key = " ".join(before[-n:]) if len(before) >= n else None
            if key and key in titles:
                return Evidence(titles[key], None, "title")
    return None


def _party_tag(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    """A U.S. politician's party and state after the name ("Robert Menendez (D-N.J.)"):
    a convention of American newsrooms that names the state surely, so it comes before
    any descriptor the sentence offers."""
    if any(_US_PARTY_TAG.match(ctx.text, m.end) for m in ent.mentions[:3]):
        return Evidence("USA", None, "title")
    return None


_US_PARTY_TAG = re.compile(r"\s*\((?:D|R|I)[-–](?:[A-Z][A-Za-z.]*\s?){1,3}\)")


_NEWSROOM = re.compile(r"\b(contributed|reported from|reporting from|contributed reporting)\b", re.I)


def _newsroom(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    """"X contributed to this report", "X reported from Washington": the reporter
    belongs to the news organisation the article names (VOA → USA)."""
    media = [e for e in ctx.entities if e.sector == "JRN" and e.country and e.type == "ORG"]
    if not media:
        return None
    for m in ent.mentions:
        tok = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if tok is None:
            continue
        sent = sentence_of(tok[0])
        if _NEWSROOM.search(ctx.text[m.end:sent.end_char]):
            # the outlet the same sentence names ("contributed to this report, which
            # originated on VOA Korean"), else the one the story names most
            here = [e for e in media if any(sent.start_char <= x.start < sent.end_char for x in e.mentions)]
            best = max(here or media, key=lambda e: len(e.mentions))
            return Evidence(best.country, "JRN", "newsroom")
    return None


def _nearby(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    """A state office-holder with no country takes the state named last before their
    first mention, in the same sentence or the one before, outside quotations."""
    if ent.sector not in STATE_SECTORS:
        return None
    first = min(ent.mentions, key=lambda m: m.start)
    span = ctx.doc.char_span(first.start, first.end, alignment_mode="expand")
    if span is None:
        return None
    sent = sentence_of(span[0])
    lo = sentence_of(ctx.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char
    seen: dict[str, int] = {}
    for e in ctx.entities:
        if e.type not in {"GPE", "NORP"} or not is_state(e.country):
            continue
        for m in e.mentions:
            if lo <= m.start < first.start and not ctx.in_quote(m.start):
                seen[e.country] = max(seen.get(e.country, -1), m.start)
    if not seen:
        return None
    # the story's own state when it is among them ("Lithuania summoned Russia's
    # ambassador ... Foreign Minister X"), else the state named last
    main = ctx.main_country()
    country = main if main in seen else max(seen, key=seen.get)
    return Evidence(country, None, "nearby")


_COURT_ROLES = actor_words("court_role")


def _court(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    """A judge, prosecutor or lawyer of the story's trial belongs to the state whose court
    tries it ("federal prosecutor Jacob Gutwillig said Tehran offered to pay ...", a
    trial in New York): the state of the place named with the story's first court or
    trial, not of the places in what they say. None for another person or a story that
    places no court."""
    if ent.type != "PERSON":
        return None
    words = {t.lemma_.lower() for ts, te in _name_tokens(ctx.doc, ent)[:3]
             for _, toks in _descriptor_phrases(ctx.doc, ts, te) for t in toks}
    if ent.sector != "JUD" and not words & _COURT_ROLES:
        return None
    from .event_referents import legal_venue
    venue = legal_venue(ctx.doc, ctx.places)
    return Evidence(venue, None, "court") if venue else None


def _story(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    main = ctx.main_country()
    return Evidence(main, None, "story") if main else None


Pass = Callable[[_Context, Entity], Optional[Evidence]]
PERSON_PASSES: tuple[tuple[str, Pass], ...] = (
    ("newsroom", _newsroom),
    ("knowledge", _knowledge_current),
    ("party_tag", _party_tag),
    ("descriptor", _descriptor),
    ("coordination", _coordinated),
    ("knowledge-any", _knowledge_any),
    ("title", _title),
    ("court", _court),
    ("nearby", _nearby),
    ("story", _story),
)


# --------------------------------------------------------------------------- organisations
def _org_own(ctx: _Context, ent: Entity) -> Optional[Evidence]:
    """An unknown organisation's code from its kind or the place it names or sits in
    ("Malawi's Department of ...", "the Constitutional Court of Bosnia")."""
    kind = org_kind(ent.name.split())
    if kind in NON_STATE:
        return Evidence(kind, None, "organisation-kind")
    for m in ent.mentions[:3]:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        toks = list(span) + [t for t in span[0].doc[max(0, span.start - 3):span.start]] + _said_after(span)
        where = _org_location(ctx, ent, sorted(set(toks), key=lambda t: t.i), name_places=kind != RESEARCH)
        if where:
            # ("the Foreign Policy Institute, a think tank in Ankara": TUR)
            return Evidence(where, None, "organisation-place")
    if kind == RESEARCH:
        return Evidence(code_without_place(kind), None, "organisation-kind")
    if kind == "LOCATED" and ent.sector in STATE_SECTORS:
        main = ctx.main_country()
        if main:
            return Evidence(main, None, "story")
    return None


ORG_PASSES: tuple[tuple[str, Pass], ...] = (("own", _org_own),)


def resolve_entities(doc, entities: list[Entity], places=None, published: Optional[str] = None,
                     index=None, title: Optional[str] = None) -> list[Entity]:
    """Fill in the country (and, where a pass knows it, the sector) of every person
    and organisation that the mention reader left without one; returns ``entities``.

    Args:
        doc: the parsed article.
        entities: from :func:`~redline.extract.actors.extract_entities`; changed in place.
        places: the article's :class:`~redline.model.Place` records (story country,
            places in descriptors).
        published: the article's date (``YYYY-MM-DD``), for office-holders' terms.
        index: the article's :class:`~redline.extract.actors.EntityIndex` (built when None).
        title: the article's headline, when it has one (weighs in the story's state).
    """
    if index is None:
        from .actors import EntityIndex
        index = EntityIndex(entities, doc)
    ctx = _Context(doc, entities, places, published, index, title)
    index.story_countries = ctx.story_countries()
    # a known person's sector follows the article's date (a former president is no GOV)
    for ent in entities:
        if ent.type == "PERSON" and ent.kb and ent.sector is None:
            ev = _knowledge_any(ctx, ent)
            if ev is not None:
                ent.sector = ev.sector
        # an office the knowledge base dates to the article's day is surer than an
        # affiliation the mention reader took from a phrase ("Asian NATO Ishiba's call",
        # a subheading glued to the sentence, made Japan's prime minister NATO's)
        if ent.type == "PERSON" and ent.kb and ent.organisation and ent.evidence is None:
            ev = _knowledge_current(ctx, ent)
            if ev is not None and ev.country != ent.country:
                ent.country, ent.sector, ent.evidence = ev.country, ev.sector or ent.sector, ev.rule
    # organisations first: a person's affiliation reads their codes
    for ent in entities:
        if ent.type == "ORG" and ent.country is None:
            _apply(ctx, ent, ORG_PASSES)
    _definite_descriptions(ctx)
    # two rounds, so that a possessor resolved in the first serves the second
    people = [e for e in entities if e.type == "PERSON"]
    for _ in range(2):
        for ent in people:
            if ent.country is None:
                _apply(ctx, ent, PERSON_PASSES[:-1])
    for ent in people:
        if ent.country is None:
            _apply(ctx, ent, PERSON_PASSES[-1:])
    return entities


def _org_head(name: str) -> Optional[str]:
    """The head word of an organisation's name, lower case: "International Court of
    Justice" → court, "U.N. Refugee Agency" → agency."""
    words = re.split(r" (?:of|on|for) ", name)[0].split()
    return words[-1].lower() if words and words[-1].isalpha() else None


def _definite_descriptions(ctx: _Context) -> None:
    """"The court", "the agency", "the ministry" with nothing else to qualify them are
    mentions of the organisation named last before them with that head word, within the
    same stretch of the story ("The International Court of Justice opened hearings. The
    court's president ..."); a bare plural or a qualified noun is left alone."""
    heads = {}
    for ent in ctx.entities:
        if ent.type == "ORG":
            # the name, and the longer names it is mentioned by ("the U.N. Commission on
            # the Limits of the Continental Shelf" for the United Nations)
            for name in {ent.name, *(m.text for m in ent.mentions)}:
                head = _org_head(name)
                if head and ent not in heads.get(head, []):
                    heads.setdefault(head, []).append(ent)
    if not heads:
        return
    for tok in ctx.doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in heads:
            continue
        left = [c for c in tok.children if c.i < tok.i]
        if len(left) != 1 or left[0].lower_ != "the" or left[0].i != tok.i - 1:
            continue
        start, end = left[0].idx, tok.idx + len(tok.text)
        if ctx.index.at(start, end) is not None:
            continue
        # "The Commission on the Limits of the Continental Shelf" repeats a full name
        # said before: the same body, however far back
        rest = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "on", "for") and c.i == tok.i + 1]
        if rest:
            full = doc_text(ctx.doc)[tok.idx:max(t.idx + len(t.text) for t in rest[0].subtree)].lower()
            same = next((e for e in heads[tok.lower_]
                         if any(m.text.lower().endswith(full) and m.start < start for m in e.mentions)), None)
            if same is not None:
                end = tok.idx + len(full)
                ctx.index.add_mention(same.id, start, end, doc_text(ctx.doc)[start:end], kind="descriptor")
                continue
        named = ctx.index.last_before(start, lambda e: e in heads[tok.lower_])
        if named is not None:
            ctx.index.add_mention(named.id, start, end, doc_text(ctx.doc)[start:end], kind="descriptor")


def _apply(ctx: _Context, ent: Entity, passes) -> None:
    for name, fn in passes:
        ev = fn(ctx, ent)
        if ev is None or not ev.country:
            continue
        ent.country = ev.country
        if ev.sector and not ent.sector:
            ent.sector = ev.sector
        ent.evidence = ev.rule
        return
