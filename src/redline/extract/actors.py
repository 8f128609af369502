"""Canonical actors: entity mentions merged per article into people, organisations
and states, each with a country (ISO3 or PLOVER's IGO/UNO/EUR/NGO/...), a PLOVER
sector and a role.

What the small English model misses or mislabels is corrected from the package's
tables (``data/countries.tsv``, ``organisations.tsv``, ``people.tsv``,
``ner_fixes.tsv``, ``sectors.tsv``): Kyiv is never a PERSON, G7 is an IGO, "the
Kremlin" is Russia. Capitals, metonyms and demonyms are mentions of their state.

Public API: :func:`extract_entities` and :class:`EntityIndex`.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from ..cache import long_lived
from ..countries import (CountryRef, OrgRef, all_country_aliases, all_org_aliases, country, is_state, organisation,
                         state_of_member)
from ..entity_labels import label_fixes
from ..model import Actor, Entity, Mention
from ..plover import sectors_with
from ..tables import table, word_class_of
from ._text import doc_text, sentence_of, token_table
from .org_kinds import code_without_place, described_kind

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
# Trailing debris the small model glues onto names: "Ukraine - Ed", "North Korea's".
_TRAIL = re.compile(r"(\s*[-–—]\s*Ed\.?|'s|’s|’|')$")
_FEMALE = {"she", "her", "hers", "herself"}
_MALE = {"he", "him", "his", "himself"}


# --------------------------------------------------------------------------- tables
def actor_words(name: str) -> frozenset[str]:
    """The words of one class of ``data/actor_word_classes.tsv`` (e.g. ``"group_noun"``)."""
    return word_class_of("actor_word_classes.tsv", "word", name)


_TITLE_FILLERS = actor_words("title_filler")
PAST_POST = actor_words("past_post")
_BODY_HEADS = actor_words("body_head")


@functools.lru_cache(maxsize=1)
def _sector_words() -> dict[str, tuple[str, bool]]:
    return {r["word"]: (r["sector"], r["is_title"] == "1") for r in table("sectors.tsv")}


@functools.lru_cache(maxsize=1)
def _people() -> dict[str, dict]:
    """Person aliases → {name, country, sector, kb}: the hand table ``people.tsv``
    (facts that hold whatever the date), then the full names of the knowledge base
    (``data/actors/``; their country and sector depend on the article's date and are
    set by the resolution passes)."""
    from .. import knowledge

    # A hand row's sector holds only for people the knowledge base does not date.
    out = {}
    for r in table("people.tsv"):
        known = bool(knowledge.person_facts(r["name"]))
        out[r["alias"]] = dict(r, kb=r["name"] if known else None, sector="" if known else r["sector"])

    for alias, canonical in knowledge.person_aliases().items():
        # Bare surnames are linked to a full name only once the article gives it.
        if " " in alias and alias not in out and alias[0].isupper():
            out[alias] = {"alias": alias, "name": canonical, "country": "", "sector": "", "kb": canonical}
    return out


def sector_of_words(words: list[str]) -> Optional[tuple[str, bool]]:
    """Sector of a head word or title phrase: the longest table key ending the words."""
    return _sector_of_words(tuple(words))


@functools.lru_cache(maxsize=65536)
def _sector_of_words(words: tuple[str, ...]) -> Optional[tuple[str, bool]]:
    # Cached: the title passes ask about the same few words for every mention of a story.
    table_ = _sector_words()
    low = [w.lower() for w in words]
    while "-" in low[1:-1]:
        # "Secretary - General" as the tokenizer splits it is "secretary-general"
        k = low.index("-", 1)
        low[k - 1:k + 2] = [low[k - 1] + "-" + low[k + 1]]
    for n in range(min(3, len(low)), 0, -1):
        key = " ".join(low[-n:])
        if key in table_:
            return table_[key]
    return None


@functools.lru_cache(maxsize=1)
def _alias_table() -> tuple[dict[str, tuple[str, ...]], frozenset[str], int]:
    """Every alias the tables know, as written → its groups ("C" country, capital,
    demonym or metonym; "O" organisation; "P" person; "R" a region that is no state,
    ``world_regions.tsv``), the first two characters of
    the aliases, and the most words an alias has.

    Matching compares the text of token spans with these strings: as exact as a
    PhraseMatcher on ORTH, without tokenising ~25,000 names when a process starts.
    "the Kremlin" is stored as "Kremlin": the bare form matches, and the article is
    decided from the doc.
    """
    with long_lived():
        return _build_alias_table()


def _build_alias_table() -> tuple[dict[str, tuple[str, ...]], frozenset[str], int]:
    groups: dict[str, list[str]] = {}
    # an organisation before a country for the same words ("the Kremlin" is the
    # presidency, GOV, as well as a name for Russia)
    regions = [r["name"] for r in table("world_regions.tsv")]
    for key, aliases in (("O", all_org_aliases()), ("C", all_country_aliases()), ("P", _people()),
                         ("R", regions)):
        for alias in aliases:
            if alias and not alias.islower():
                groups.setdefault(alias, []).append(key)
    longest = max((len(re.findall(r"\w+|[^\w\s]", a)) for a in groups), default=1)
    return ({a: tuple(g) for a, g in groups.items()}, frozenset(a[:2] for a in groups), min(longest, 16))


def _table_matches(doc) -> Iterator[tuple[str, int, int]]:
    """(group, start token, end token) of every span whose text is an alias of
    :func:`_alias_table`, all lengths at each start (longest first)."""
    table_, prefixes, longest = _alias_table()
    text = doc_text(doc)
    starts, words, _ = token_table(doc)
    n = len(doc)
    for i in range(n):
        s = starts[i]
        if text[s:s + 2] not in prefixes:
            continue
        for j in range(min(n, i + longest), i, -1):
            end = starts[j - 1] + len(words[j - 1])
            hit = table_.get(text[s:end])
            if hit:
                for group in hit:
                    yield group, i, j


def _forget_tables() -> None:
    """Drop the tables built from the knowledge base (user actor files changed)."""
    _people.cache_clear()
    _alias_table.cache_clear()
    _sector_words.cache_clear()
    _sector_of_words.cache_clear()


def _watch_knowledge() -> None:
    from .. import knowledge

    knowledge.on_reload(_forget_tables)


_watch_knowledge()


# --------------------------------------------------------------------------- mentions
@dataclass
class _Raw:
    start: int  # char offsets
    end: int
    text: str
    label: str  # PERSON ORG GPE NORP LOC FAC GROUP
    tok_start: int
    tok_end: int
    country: Optional[CountryRef] = None
    org: Optional[OrgRef] = None
    person: Optional[dict] = None
    kind: str = "name"


def _strip(doc, ts: int, te: int) -> tuple[int, int]:
    """Drop leading determiners and trailing possessives/punctuation from a token range."""
    while ts < te and (doc[ts].lower_ in {"the", "a", "an", "'s", "’s"} or doc[ts].is_punct):
        ts += 1
    while te > ts and (doc[te - 1].is_punct or doc[te - 1].lower_ in {"'s", "’s", "'", "’", "ed"}
                       or doc[te - 1].text in {"-", "–", "—"}):
        te -= 1
    return ts, te


def _person_ent_beyond(doc, ts: int, te: int) -> bool:
    """Whether the model's PERSON entity at ``ts`` reaches outside [ts, te)."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= ts < ent.end:
            return ent.start < ts or ent.end > te
    return False


def _portfolio_before_name(doc, ts: int, te: int) -> bool:
    """"Resident Coordinator for [Myanmar Andrew Kirkwood]": a country after "for"/"to"
    that opens a PERSON span of two more words is the post's portfolio, not part of the
    name ("Jordan Peterson" stays a name)."""
    ent = next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= ts < e.end), None)
    return ent is not None and ent.start == ts and ent.end - te >= 2 and ts > 0 \
        and doc[ts - 1].lower_ in ("for", "to") and doc[ts - 1].pos_ == "ADP"


def _inside_longer_name(doc, ts: int, te: int) -> bool:
    """A country's or an organisation's name that is part of a longer proper name the
    model found ("Business Ukraine", "Radio Free Europe", "National Congress Party"), not
    a mention of it."""
    ent_type = doc[ts].ent_type_
    if ent_type not in {"ORG", "LOC", "FAC", "WORK_OF_ART", "PRODUCT"}:
        return False
    i = ts - 1
    while i >= 0 and doc[i].ent_type_ == ent_type and doc[i].ent_iob_ != "B" or (i >= 0 and i == ts - 1 and doc[ts].ent_iob_ == "I"):
        tok = doc[i]
        if tok.is_title and tok.lower_ not in _sector_words() and tok.lower_ not in _TITLE_FILLERS \
                and country(tok.text) is None and tok.pos_ == "PROPN":
            return True
        if doc[i].ent_iob_ == "B":
            break
        i -= 1
    return False


def _of_name_follows(doc, ts: int, te: int) -> bool:
    """An organisation's alias that the model's entity carries on with "of" and a name
    ("the Democratic Party of Kosovo", "the Socialist Party of Serbia"): the longer name
    is another organisation, not a mention of the alias's."""
    return te + 1 < len(doc) and doc[te].lower_ == "of" and doc[te].ent_iob_ == "I" \
        and doc[te + 1].ent_iob_ == "I" and doc[te + 1].pos_ == "PROPN"


_SPEECH_LEMMAS = actor_words("speech_verb")
_PLACE_NOUNS = actor_words("place_noun")


# A wire dateline at the start of a paragraph: "VILNIUS, March 14 (Reuters) -".
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'’-]{2,40}(?:,[^()\n]{0,40})?\s*\((?P<agency>[^()\n]{2,40})\)\s*[-–—]")


def _named_by_org_noun(doc, ts: int) -> bool:
    """Whether a name comes right after a noun that says what kind of organisation it
    is ("think tank", "consultancy", "firm": ``data/org_kinds.tsv`` descriptors)."""

    words = [t.lower_ for t in doc[max(0, ts - 2):ts]]
    return bool(words) and (described_kind(words[-1:]) is not None or described_kind(words) is not None)


def _place_frame(doc, ts: int) -> bool:
    """Whether the word at ``ts`` sits where a place does: after "<place noun> of"
    ("the border town of X") or after a locative preposition when a gazetteer knows
    the word ("near X")."""
    from .places import is_place_name

    if ts >= 2 and doc[ts - 1].lower_ == "of" and doc[ts - 2].lower_ in _PLACE_NOUNS:
        return True
    return ts >= 1 and doc[ts - 1].lower_ in {"in", "near", "outside", "around", "from", "to"} \
        and is_place_name(doc[ts].text)


def _reads_as_person(doc, ts: int, te: int, label: str) -> bool:
    """A name the model tagged as a place or group that no gazetteer knows, used as a
    person: after a person's title ("Solo Mayor Hadi Rudyatmo"), in apposition to a
    common noun ("Another passenger, Allah Ditta"), coordinated with a person, or
    (for places) the subject of a verb of saying."""
    from .places import is_place_name

    text = doc[ts:te].text
    if country(text) is not None or organisation(text) is not None or is_place_name(text):
        return False
    if not all(t.is_title or not t.is_alpha for t in doc[ts:te]):
        return False
    root = doc[ts:te].root
    prev = doc[ts - 1] if ts > 0 else None
    if prev is not None and prev.is_title:
        hit = sector_of_words([prev.text])
        if hit and hit[1]:
            return True
    for other in [root.head] if root.dep_ == "appos" else []:
        if other.pos_ == "NOUN" and other.lower_ not in _PLACE_NOUNS:
            return True
    for c in root.children:
        if c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ not in _PLACE_NOUNS:
            return True
    if root.dep_ == "conj" and root.head.ent_type_ == "PERSON" or any(
            c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in root.children):
        return True
    # "A Qiang, who used to work in ...": "who" stands for persons only
    if any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in root.children):
        return True
    return label in {"GPE", "LOC"} and root.dep_ == "nsubj" and root.head.lemma_ in _SPEECH_LEMMAS


def _raw_mentions(doc) -> list[_Raw]:
    """Candidate mentions: table matches first, then the model's entities that do not
    overlap them, with labels corrected from the tables."""
    text = doc_text(doc)
    taken = [False] * (len(doc) + 1)
    out: list[_Raw] = []

    def free(ts, te):
        return not any(taken[i] for i in range(ts, te))

    def claim(ts, te):
        for i in range(ts, te):
            taken[i] = True

    longer: list[tuple[int, int]] = []  # proper names that hold an organisation's alias
    matches = list(_table_matches(doc))
    # Longest first, so "North Korean" wins over "Korean" and "House Intelligence
    # Committee" over "House".
    matches.sort(key=lambda m: (-(m[2] - m[1]), m[1]))
    fixes = label_fixes()
    for group, ts, te in matches:
        if not free(ts, te):
            continue
        span = doc[ts:te]
        surface = span.text
        ent_label = doc[ts].ent_type_
        if group == "R":
            # "Latin American": no state, and "American" inside it is none; inside a longer
            # name ("the Inter-American Development Bank") the name decides
            if not _inside_longer_name(doc, ts, te):
                claim(ts, te)
            continue
        if group == "C":
            ref = country(surface)
            if ref is None:
                continue
            # "US" in capitals is the country; "us" is a pronoun and never matches (ORTH).
            label = "NORP" if ref.kind == "demonym" else "GPE"
            # A country name is the country whatever the model's label ("Burkina Faso,
            # Mali and Niger" tagged PERSON), unless it is part of a longer person's
            # name the model found ("Jordan Peterson").
            if ent_label == "PERSON" and ref.kind == "name" and surface not in fixes \
                    and _person_ent_beyond(doc, ts, te) and not _portfolio_before_name(doc, ts, te):
                continue
            if ref.kind in {"name", "alias"} and _inside_longer_name(doc, ts, te):
                continue
            if ref.kind == "capital" and ent_label == "PERSON" and _person_ent_beyond(doc, ts, te):
                continue  # "Prime Minister Joseph Muscat": a surname, not Oman's capital
            kind = {"capital": "metonym", "demonym": "demonym"}.get(ref.kind, "name")
            out.append(_Raw(span.start_char, span.end_char, surface, label, ts, te, country=ref, kind=kind))
        elif group == "O":
            ref = organisation(surface)
            if ref is None:
                continue
            if _inside_longer_name(doc, ts, te) or _of_name_follows(doc, ts, te):
                # "Congress" in Sudan's "National Congress Party": the longer name is
                # another organisation, and no shorter alias inside it is one either
                # ("European Council" in "European Council on Foreign Relations")
                longer.extend((e.start, e.end) for e in doc.ents if e.start <= ts and te <= e.end)
                continue
            if any(a <= ts and te <= b for a, b in longer):
                continue
            if ts > 0 and doc[ts - 1].lower_ == "the" and surface[0].isupper():
                s = doc[ts - 1].idx
            else:
                s = span.start_char
            out.append(_Raw(s, span.end_char, text[s:span.end_char], ref.type, ts, te, org=ref))
        else:
            row = _people()[surface]
            out.append(_Raw(span.start_char, span.end_char, surface, "PERSON", ts, te, person=row))
        claim(ts, te)

    agencies = [m.span("agency") for m in _DATELINE.finditer(text)]
    for ent in doc.ents:
        if any(a <= ent.start_char < b for a, b in agencies):
            continue  # "VILNIUS, March 14 (Redline Wire) -": the news agency, no actor
        label = fixes.get(ent.text, ent.label_)
        if label in {"WORK_OF_ART", "PRODUCT"} and _reads_as_person(doc, ent.start, ent.end, "GPE"):
            label = "PERSON"  # "Imran Hayat, the divisional railway superintendent" tagged a title
        if label == "NONE" or label not in ENTITY_LABELS:
            continue
        ts, te = _strip(doc, ent.start, ent.end)
        if te <= ts:
            continue
        # A span that cuts a known name is extended to hold it: "Constitutional Court
        # of Bosnia and" + "Herzegovina".
        for _, ms, me in matches:
            if ent.start <= ms < ent.end < me and free(ent.end, me):
                te = me
        # A title inside a person's span: "[Crown Prince Khalid bin Rashid]".
        if label == "PERSON":
            ts += _leading_title(doc, ts, te)
        # A title the model glued onto a name: "Secretary of [State Marcus Bell]".
        cut = _title_overlap(doc, ts, te)
        if cut:
            ts += cut
            if te - ts >= 2 and all(t.pos_ == "PROPN" and t.is_title for t in doc[ts:te]):
                label = "PERSON"
        # Split off the part a table already claimed; keep the rest if it is a name.
        while ts < te and taken[ts]:
            ts += 1
        while te > ts and taken[te - 1]:
            te -= 1
        ts, te = _strip(doc, ts, te)
        if te <= ts or not free(ts, te):
            continue
        # The rest of an organisation's name the table matched in part ("[U.S.
        # Treasury] Department"): the same organisation.
        owner = next((r for r in out if r.org is not None and r.tok_end == ts), None)
        named = owner is not None and all(t.is_title for t in doc[ts:te])
        if owner is None and label == "ORG":
            # "[the U.N. Commission] on the [Limits of the Continental Shelf]": a body's
            # name goes on past its head noun through of/on/for (and "the")
            owner = next((r for r in out if r.org is not None and r.tok_end < ts <= r.tok_end + 2
                          and doc[r.tok_end - 1].lower_ in _BODY_HEADS
                          and doc[r.tok_end].lower_ in ("of", "on", "for")
                          and all(t.lower_ == "the" for t in doc[r.tok_end + 1:ts])), None)
            named = owner is not None and doc[ts].is_title and doc[te - 1].is_title
        if named and label == "ORG":
            owner.end = doc[te - 1].idx + len(doc[te - 1].text)
            owner.text = text[owner.start:owner.end]
            owner.tok_end = te
            claim(ts, te)
            continue
        # The small model glues titles onto names ("The North Korean Foreign" ORG,
        # "Defense" ORG): an ORG made only of title/sector words is no organisation.
        words = [t.text for t in doc[ts:te]]
        if label in {"ORG", "GPE", "LOC", "PERSON"} and all(
            (w.lower() in _sector_words() or country(w) is not None or w.lower() in _TITLE_FILLERS)
            for w in words
        ):
            continue
        span = doc[ts:te]
        surface = _TRAIL.sub("", span.text)
        if not surface or not any(c.isupper() for c in surface):
            continue
        if label in {"PERSON", "GPE", "LOC", "ORG"} and _named_by_org_noun(doc, ts):
            label = "ORG"  # "the Dutch think tank Clingendael", "consultancy Control Risks"
        elif label in {"GPE", "LOC", "ORG", "NORP"} and _reads_as_person(doc, ts, te, label):
            label = "PERSON"
        elif label == "PERSON" and te - ts == 1 and _place_frame(doc, ts):
            label = "GPE"  # "the border town of Druskininkai", "near Tillaberi"
        elif label in {"FAC", "ORG"} or (label == "PERSON" and te - ts >= 2):
            # a place the gazetteer knows is a place whatever the model says ("Banja
            # Luka" PERSON); single words stay, many surnames are also town names
            from .places import is_place_name
            if is_place_name(surface):
                label = "GPE"
        end = span.start_char + len(surface)
        out.append(_Raw(span.start_char, end, surface, label, ts, te))
        claim(ts, te)
    for ts, te in _titled_names(doc, taken):
        span = doc[ts:te]
        out.append(_Raw(span.start_char, span.end_char, span.text, "PERSON", ts, te))
        claim(ts, te)
    out.sort(key=lambda r: r.start)
    return out


def _leading_title(doc, ts: int, te: int) -> int:
    """How many leading tokens of a person's span are a title ("Crown Prince",
    "President"), leaving at least two tokens of name."""
    table_ = _sector_words()
    for k in (3, 2, 1):
        if te - ts - k < 2:
            continue
        hit = table_.get(" ".join(t.lower_ for t in doc[ts:ts + k]))
        if hit and hit[1] and all(t.is_title for t in doc[ts:ts + k]):
            return k
    return 0


def _title_overlap(doc, ts: int, te: int) -> int:
    """How many leading tokens of [ts, te) finish a multiword title begun before it
    ("Secretary of" + "State ..."), or 0."""
    table_ = _sector_words()
    for k in (2, 1):
        if te - ts <= k:
            continue
        for j in (3, 2, 1):
            if ts - j < 0:
                continue
            key = " ".join(t.lower_ for t in doc[ts - j:ts + k])
            hit = table_.get(key)
            if hit and hit[1]:
                return k
    return 0


def _titled_names(doc, taken: list) -> Iterator[tuple[int, int]]:
    """Names the model missed or mislabelled, read from their frame: a run of two to
    four capitalised proper nouns right after a person's title ("Defense Minister
    Rustem Umerov", "spokesperson Randhir Jaiswal told"), or after a verb of saying and
    before an apposition ("said Oh Ei Sun, senior fellow with ...")."""
    n = len(doc)
    table_ = _sector_words()
    i = 0
    while i < n:
        tok = doc[i]
        titled = (table_.get(tok.lower_) or (None, False))[1] and tok.pos_ in {"NOUN", "PROPN"}
        spoken = tok.lemma_ in _SPEECH_LEMMAS and tok.pos_ == "VERB"
        if not (titled or spoken):
            i += 1
            continue
        j = i + 1
        # ("Oh Ei Sun": the model reads "Oh" as an interjection)
        while j < n and j - i <= 4 and (doc[j].pos_ == "PROPN" or (spoken and j == i + 1 and doc[j].pos_ == "INTJ")) \
                and doc[j].is_title and not taken[j] \
                and doc[j].text.lower() not in table_ and country(doc[j].text) is None:
            j += 1
        run = j - (i + 1)
        if run >= 2 and (titled or (j < n and doc[j].text == "," and j + 1 < n
                                    and doc[j + 1].lower_ in {"a", "an", "the", "senior", "chief"})):
            yield i + 1, j
            i = j
            continue
        i += 1


# --------------------------------------------------------------------------- roles
@dataclass
class _Role:
    role: Optional[str] = None
    country: Optional[str] = None
    organisation: Optional[OrgRef] = None
    org_name: Optional[str] = None
    sector: Optional[str] = None
    nationality: bool = False  # the country came from a demonym ("Israeli businessman")


#: the sectors of a state's organs (a ruling party's among them)
STATE_SECTORS = sectors_with("state")
# Agent nouns that, unqualified, mean the forces or groups of the story's own state.
_LOCAL_SECTORS = sectors_with("local")
_GROUP_NOUNS = actor_words("group_noun")
_REGIONAL = actor_words("regional_adjective")
_COLLECTIVE = actor_words("collective_head")
_ADVERSARIES = actor_words("adversary_head")
_ARMED_SECTORS = sectors_with("armed")


def definite_group_noun(root) -> bool:
    """"the group", "the alliance", "the bloc": a noun of a body of members
    (``group_noun``) with the definite article, which stands for the body named before."""
    return root.lower_ in _GROUP_NOUNS and any(c.lower_ == "the" for c in root.children)
_GENERIC_TITLES = actor_words("generic_title")
_STATE_DESCRIPTIONS = actor_words("state_description")


def _like_num(doc, word: str) -> bool:
    """Is ``word`` a number word ("thousand", "12")? Asked of the language's getter, not
    ``doc.vocab[word]``, which would add a lexeme to the shared vocabulary for every new
    word asked about."""
    from spacy.attrs import LIKE_NUM

    getter = doc.vocab.lex_attr_getters.get(LIKE_NUM)
    return bool(getter(word)) if getter is not None else False


def _is_place(ent: Entity) -> bool:
    """A place entity with no state behind it (a city, a strait, a region)."""
    return ent.type in {"GPE", "LOC", "FAC"} and not ent.country


def _token_country(tok) -> Optional[str]:
    ref = country(tok.text)
    return ref.iso3 if ref else None


def _title_context(doc, ts: int, te: int, by_token: dict[int, _Raw]) -> _Role:
    """Role, country and organisation from the words around a person's name:
    premodifiers ("North Korean Foreign Minister Choe Son-hui", "NATO spokesperson
    Farah Dakhla") and appositions ("the head of the House Intelligence Committee,
    Mike Turner"; "Peter Dickinson, a scholar at the Atlantic Council")."""
    info = _Role()
    name_tokens = set(range(ts, te))
    # 1. premodifiers: walk left over the name's own noun phrase.
    i = ts - 1
    left = []
    while i >= 0:
        tok = doc[i]
        if tok.text == "-" and i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_:
            left.insert(0, tok)  # "Secretary-General": one word the tokenizer split
            i -= 1
            continue
        if tok.pos_ == "ADP" and tok.lower_ in ("for", "to") and left and left[0].i == i + 1 \
                and (raw := by_token.get(left[0].i)) is not None and raw.country is not None:
            # "Resident Coordinator for Myanmar Andrew Kirkwood": the title goes on past
            # its portfolio
            left.insert(0, tok)
            i -= 1
            continue
        if tok.is_punct or tok.is_sent_end or tok.dep_ in {"ROOT"}:
            break
        if tok.head.i not in name_tokens and tok.head.i not in {t.i for t in left} and tok.head.i < ts - 1 - 5:
            break
        if tok.pos_ not in {"PROPN", "NOUN", "ADJ", "DET", "PART", "NUM"}:
            break
        if tok.dep_ in {"nsubj", "dobj", "pobj", "nsubjpass"} and tok.head.i not in name_tokens \
                and doc[ts:te].root.head.i != tok.i and not (left and left[0].pos_ == "ADP"
                                                             and left[0].head.i == tok.i):
            break
        left.insert(0, tok)
        i -= 1
    role_words: list = []
    state_raw = None
    # "the U.N. special envoy for Syria Geir Pedersen", "Ambassador to Japan X": a state
    # right after "for"/"to" is the post's portfolio, not the person's state
    portfolio = {left[0].i} if left and i >= 0 and doc[i].pos_ == "ADP" and doc[i].lower_ in ("for", "to") else set()
    portfolio |= {t.i + 1 for t in left if t.pos_ == "ADP" and t.lower_ in ("for", "to")}
    for tok in left:
        raw = by_token.get(tok.i)
        if tok.pos_ == "ADP" or (raw is not None and raw.country is not None and tok.i in portfolio):
            continue
        if raw is not None and raw.country is not None:
            # the first state named qualifies the person ("Palestinian activist and
            # U.S. legal permanent resident X")
            if info.country is None:
                info.country = raw.country.iso3
                info.nationality = raw.country.kind == "demonym"
                state_raw = raw
            role_words = []
            continue
        if raw is not None and (raw.org is not None or raw.label == "ORG") and state_raw is not None \
                and raw.tok_start == state_raw.tok_end:
            # the state qualifies the organisation: "the German Marshall Fund's Ohlberg"
            info.country, info.nationality, state_raw = None, False, None
        if raw is not None and raw.org is not None:
            info.organisation = raw.org
            info.org_name = raw.org.name
            role_words = []
            continue
        if raw is not None and raw.label == "ORG" and raw.org is None and raw.text.lower() not in _sector_words():
            info.org_name = raw.text
            role_words = []
            continue
        if tok.pos_ == "DET" or tok.tag_ == "POS":
            role_words = []
            continue
        role_words.append(tok)
    # Drop leading ordinary adjectives ("sitting", "respected") before the title proper.
    while role_words and role_words[0].pos_ == "ADJ" and role_words[0].is_lower \
            and sector_of_words([role_words[0].text]) is None:
        role_words.pop(0)
    if role_words and sector_of_words([t.text for t in role_words]) is not None:
        info.role = doc[role_words[0].i:role_words[-1].i + 1].text
    # 2. appositions, either way round.
    root = doc[ts:te].root
    heads = []
    if root.dep_ == "appos" and root.head.i not in name_tokens:
        heads.append(root.head)
    heads.extend(c for c in root.children if c.dep_ == "appos")
    for head in heads:
        if sector_of_words([head.text]) is None:
            continue
        if info.role is None:
            info.role = head.text if head.i < ts else head.text
            # "head of the House Intelligence Committee": keep the of-phrase in the role.
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    sub = list(child.subtree)
                    info.role = doc[head.i:sub[-1].i + 1].text
                    break
        for tok in head.subtree:
            if tok.i in name_tokens:
                continue
            raw = by_token.get(tok.i)
            if raw is None:
                continue
            if raw.org is not None and info.organisation is None:
                info.organisation, info.org_name = raw.org, raw.org.name
            elif raw.label == "ORG" and info.org_name is None:
                info.org_name = raw.text
        break
    if info.role:
        hit = sector_of_words(info.role.split(" of ")[0].split())
        if hit:
            info.sector = hit[0]
        head_word = info.role.split(" of ")[0].split()[-1].lower()
        if info.organisation and (head_word in _GENERIC_TITLES or info.sector is None):
            info.sector = info.organisation.sector or info.sector
    # "an Iran analyst", "a Russia expert": a country qualifying a non-state role is
    # the subject of expertise, not the person's country.
    if info.country and info.sector not in STATE_SECTORS and info.role and not info.nationality:
        info.country = None
    if info.organisation and info.country is None and not any(t.lower_ in PAST_POST for t in left):
        info.country = info.organisation.country
        # "a Thai opposition lawmaker and deputy chair of the House of Representatives
        # Committee": the nationality on the title beats the state a body's name
        # suggests (many states have a House of Representatives)
        said = next((r.iso3 for h in heads for c in h.children if c.dep_ in ("amod", "compound") and c.i < h.i
                     for r in [country(c.text)] if r is not None and r.kind == "demonym"), None)
        info.country = state_of_member(said, info.country)
    return info


# --------------------------------------------------------------------------- merging
@dataclass
class _Cluster:
    key: tuple
    name: str
    type: str
    country: Optional[str] = None
    sector: Optional[str] = None
    role: Optional[str] = None
    organisation: Optional[str] = None
    kb: Optional[str] = None
    raws: list = field(default_factory=list)
    tokens: set = field(default_factory=set)


def _person_of(text: str, persons: list) -> Optional["_Cluster"]:
    """The latest person whose full name has ``text`` as one of its words (any case)."""
    low = text.lower()
    if " " in text or len(text) < 3:
        return None
    for p in reversed(persons):
        if len(p.tokens) >= 2 and low in {t.lower() for t in p.tokens}:
            return p
    return None


def _person_key(text: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", text) if w]


def extract_entities(doc) -> list[Entity]:
    """Canonical entities of a parsed article, in order of first mention.

    Yields one :class:`~redline.model.Entity` per person, organisation, state or
    place, with every mention (names, surnames, capitals and metonyms, demonyms,
    and titles such as "the minister" resolved to the person they denote).
    """
    raws = _raw_mentions(doc)
    by_token: dict[int, _Raw] = {}
    for r in raws:
        for i in range(r.tok_start, r.tok_end):
            by_token[i] = r
    clusters: dict[tuple, _Cluster] = {}
    persons: list[_Cluster] = []

    def cluster_for(key, **kw) -> _Cluster:
        if key not in clusters:
            clusters[key] = _Cluster(key=key, **kw)
        return clusters[key]

    pending_single: list[_Raw] = []
    for r in raws:
        if r.country is not None:
            c = cluster_for(("C", r.country.iso3), name=r.country.name, type="GPE", country=r.country.iso3)
            c.raws.append(r)
        elif r.org is not None:
            c = cluster_for(("O", r.org.name), name=r.org.name, type=r.org.type,
                            country=r.org.country or None, sector=r.org.sector, kb=r.org.name)
            c.raws.append(r)
        elif r.label == "PERSON":
            words = _person_key(r.text)
            if r.person is not None:
                canonical = r.person["name"]
                c = cluster_for(("P", canonical), name=canonical, type="PERSON",
                                country=r.person["country"] or None, sector=r.person["sector"] or None,
                                kb=r.person.get("kb"))
                c.tokens.update(_person_key(canonical))
                c.raws.append(r)
                if c not in persons:
                    persons.append(c)
            elif len(words) >= 2:
                target = None
                for p in reversed(persons):
                    if set(words) <= p.tokens or p.tokens <= set(words):
                        target = p
                        break
                if target is None:
                    target = cluster_for(("P", r.text), name=r.text, type="PERSON")
                    persons.append(target)
                elif len(r.text) > len(target.name) and r.person is None:
                    target.name = r.text
                target.tokens.update(words)
                target.raws.append(r)
            else:
                pending_single.append(r)
        elif r.label in {"ORG", "GPE", "LOC", "NORP"} and _person_of(r.text, persons) is not None:
            # A known person's surname the model mislabelled ("Turner" ORG).
            p = _person_of(r.text, persons)
            p.raws.append(r)
            r.label = "PERSON"
        elif r.label == "ORG":
            key_text = r.text
            for p in reversed(persons):
                if key_text in p.tokens:
                    p.raws.append(r)
                    r.label = "PERSON"
                    break
            else:
                pending_org = cluster_for(("O", key_text), name=key_text, type="ORG")
                pending_org.raws.append(r)
        else:
            c = cluster_for((r.label, r.text), name=r.text, type=r.label)
            c.raws.append(r)
    # Single-word person mentions: the latest earlier person whose name contains the
    # word, else any person who does, else a person of their own.
    for r in pending_single:
        target = None
        earlier = [p for p in persons if p.raws and min(x.start for x in p.raws) < r.start]
        low = r.text.lower()
        for p in reversed(earlier):
            if low in {t.lower() for t in p.tokens}:
                target = p
                break
        if target is None:
            for p in persons:
                if low in {t.lower() for t in p.tokens}:
                    target = p
                    break
        if target is None:
            target = cluster_for(("P", r.text), name=r.text, type="PERSON")
            target.tokens.add(r.text)
            persons.append(target)
        target.raws.append(r)
    # Surnames the model did not tag at all ("Choe declared"): a capitalised proper
    # noun equal to a word of a person's full name is a mention of that person.
    full = [p for p in persons if len(p.tokens) >= 2]
    if full:
        # a sentence-initial surname is often tagged a common noun ("Mehdiyev, who is
        # Azerbaijani, said"): such a word counts when the text never uses it in lower case
        lower_words = {t.lower_ for t in doc if t.is_lower}
        for tok in doc:
            if tok.i in by_token or len(tok.text) < 3 or not tok.is_title:
                continue
            if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and tok.lower_ not in lower_words):
                continue
            owners = [p for p in full if tok.text in p.tokens]
            if len(owners) != 1:
                continue
            r = _Raw(tok.idx, tok.idx + len(tok.text), tok.text, "PERSON", tok.i, tok.i + 1)
            owners[0].raws.append(r)
            by_token[tok.i] = r
    # ORG clusters the model mislabelled as a person's surname, found after the person.
    for key in [k for k in clusters if k[0] not in {"C", "P"}]:
        c = clusters[key]
        if c.type in {"ORG", "GPE", "LOC", "NORP"} and len(_person_key(c.name)) == 1 \
                and not any(r.org is not None for r in c.raws):
            p = _person_of(c.name, persons)
            if p is not None:
                p.raws.extend(c.raws)
                del clusters[key]

    # Roles, countries and sectors of people from their titles and appositions.
    for p in persons:
        for r in sorted(p.raws, key=lambda x: x.start):
            if r.label != "PERSON" and r.org is None:
                pass
            info = _title_context(doc, r.tok_start, r.tok_end, by_token)
            if info.role and not p.role:
                p.role = info.role
            if info.country and not p.country:
                p.country = info.country
            if info.sector and (not p.sector or info.role):
                p.sector = info.sector if not p.role or info.role == p.role else p.sector
            if info.org_name and not p.organisation:
                p.organisation = info.org_name

    ordered = sorted(clusters.values(), key=lambda c: min(x.start for x in c.raws) if c.raws else 0)
    entities: list[Entity] = []
    for n, c in enumerate(ordered, 1):
        if not c.raws:
            continue
        mentions = [Mention(r.start, r.end, r.text, r.kind) for r in sorted(c.raws, key=lambda x: x.start)]
        entities.append(Entity(id=f"T{n}", name=c.name, type=c.type, country=c.country,
                               sector=c.sector, role=c.role, organisation=c.organisation,
                               mentions=mentions, kb=c.kb))
    entities = _merge_acronyms(doc_text(doc), entities)
    for e in entities:
        if e.type == "ORG" and e.sector is None:
            # the name's ending ("Foreign Ministry"), else any word of it ("Ministry of ...")
            words = e.name.split()
            hit = sector_of_words(words) or next(filter(None, (sector_of_words([w]) for w in words)), None)
            e.sector = hit[0] if hit else None
    _renumber(entities)
    _resolve_titles(doc, entities)
    return entities


_ACRONYM = re.compile(r"\s*\((?P<a>[A-Z][A-Za-z&.-]{1,9})\)")


def _name_words(name: str) -> list[str]:
    """The words of a name an acronym can take a letter from (small particles and
    hyphenated parts included: Mohammed bin Salman → MBS)."""
    return [w for w in re.split(r"[\s-]+", name) if w]


def _initials_fit(acronym: str, name: str) -> bool:
    """Whether an acronym can stand for a name: its letters, in order, begin words
    of the name ("NISA": National Intelligence and Security Agency)."""
    words = _name_words(name)
    letters = [c.lower() for c in acronym if c.isalpha()]
    heads = [w[0].lower() for w in words]
    i = 0
    for h in heads:
        if i < len(letters) and h == letters[i]:
            i += 1
    return i == len(letters) and letters[:1] == heads[:1]


def _merge_acronyms(text: str, entities: list[Entity]) -> list[Entity]:
    """"National Intelligence and Security Agency (NISA)": the acronym and every later
    mention of it belong to the named entity, which keeps the long name."""
    by_name: dict[str, Entity] = {}
    for e in entities:
        by_name.setdefault(e.name, e)
    gone: set[str] = set()
    for e in entities:
        if e.type not in {"ORG", "GROUP"} or e.id in gone:
            continue
        for m in list(e.mentions):
            hit = _ACRONYM.match(text, m.end)
            if not hit or not _initials_fit(hit.group("a"), m.text):
                continue
            acronym = hit.group("a")
            s, t = hit.start("a"), hit.end("a")
            other = by_name.get(acronym)
            if other is not None and other is not e and other.type != "PERSON":
                e.mentions.extend(x for x in other.mentions if (x.start, x.end) != (m.start, m.end))
                e.country = e.country or other.country
                e.sector = e.sector or other.sector
                gone.add(other.id)
            if not any(x.start == s for x in e.mentions):
                e.mentions.append(Mention(s, t, acronym, "name"))
            e.mentions.sort(key=lambda x: x.start)
            break
    # A person's initials used as a name ("Mohammed bin Salman ... MBS"): the person.
    people = [e for e in entities if e.type == "PERSON" and len(e.name.split()) >= 2]
    for e in entities:
        if e.id in gone or not (2 <= len(e.name) <= 5 and e.name.isupper() and e.name.isalpha()):
            continue
        first = min(m.start for m in e.mentions)
        owners = [p for p in people if p is not e and min(m.start for m in p.mentions) < first
                  and _initials_fit(e.name, p.name) and len(e.name) == len(_name_words(p.name))]
        if len(owners) == 1:
            owner = owners[0]
            owner.mentions.extend(e.mentions)
            owner.mentions.sort(key=lambda x: x.start)
            gone.add(e.id)
    return [e for e in entities if e.id not in gone]


def _renumber(entities: list[Entity]) -> None:
    for n, e in enumerate(entities, 1):
        e.id = f"T{n}"


_EXPERT_WORDS = actor_words("expert_title")


def _resolve_titles(doc, entities: list[Entity]) -> None:
    """Add title mentions ("the minister", "the expert", "the President of Ukraine")
    to the person they denote: the latest person named before with that role, or,
    when the title names a country, the latest person of that country."""
    people = [e for e in entities if e.type == "PERSON"]
    if not people:
        return
    covered = sorted((m.start, m.end) for e in entities for m in e.mentions)
    starts = [s for s, _ in covered]

    def is_covered(s, e):
        i = bisect.bisect_right(starts, e) - 1
        while i >= 0 and covered[i][1] > s:
            return True
        return False

    for tok in doc:
        if tok.pos_ != "NOUN" and tok.pos_ != "PROPN":
            continue
        hit = sector_of_words([tok.lower_])
        if not hit or not hit[1]:
            continue
        det = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "the"]
        if not det:
            continue
        if any(c.ent_type_ == "PERSON" for c in tok.subtree) or tok.dep_ == "compound":
            continue
        if tok.dep_ == "appos" or any(c.dep_ == "appos" for c in tok.children):
            continue  # "the head of X, Mike Turner": the apposition already names them
        start_tok = det[0]
        end_tok = tok
        nation = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for t in c.subtree:
                    ref = country(t.text)
                    if ref:
                        nation = ref.iso3
                        end_tok = max(end_tok, list(c.subtree)[-1], key=lambda x: x.i)
        for c in tok.children:
            if c.dep_ in {"compound", "amod", "nmod"} and country(c.text):
                nation = country(c.text).iso3
        s, e = start_tok.idx, end_tok.idx + len(end_tok.text)
        if is_covered(s, e) and not nation:
            continue
        word = tok.lower_
        before = [p for p in people if p.mentions and p.mentions[0].start < s]
        if not before:
            continue

        def last_pos(p):
            return max(m.start for m in p.mentions if m.start < s)

        before.sort(key=last_pos, reverse=True)
        chosen = None
        for p in before:
            role = (p.role or "").lower()
            if word in _EXPERT_WORDS and (p.sector == "EDU" or any(w in role for w in _EXPERT_WORDS)):
                chosen = p
                break
            if role and word in role.split() and (nation is None or p.country in (None, nation)):
                chosen = p
                break
        if chosen is None and nation:
            for p in before:
                if p.country == nation and not p.role:
                    chosen = p
                    break
            if chosen is None:
                sent_start = sentence_of(tok).start
                prev = sentence_of(doc[sent_start - 1]).start_char if sent_start > 0 else sentence_of(tok).start_char
                for p in before:
                    if last_pos(p) >= prev and not p.role and p.country in (None, nation):
                        chosen = p
                        break
            if chosen is not None:
                chosen.role = chosen.role or doc[det[0].i + 1:tok.i + 1].text
                chosen.country = chosen.country or nation
                hit2 = sector_of_words([word])
                chosen.sector = chosen.sector or (hit2[0] if hit2 else None)
        if chosen is not None:
            chosen.mentions.append(Mention(s, e, doc_text(doc)[s:e], "title"))
            chosen.mentions.sort(key=lambda m: m.start)


# --------------------------------------------------------------------------- index
class EntityIndex:
    """Look-ups from character spans to canonical entities and actors.

    ``at`` finds the entity mentioned at a span; ``actor`` turns any noun phrase into
    an :class:`~redline.model.Actor` (country and sector from its head noun when it
    names no entity: "North Korean soldiers" → PRK, MIL).
    """

    def __init__(self, entities: list[Entity], doc=None, story_country: Optional[str] = None):
        self.entities = entities
        self.doc = doc
        # The states the article is about, most weight first (set by the resolution passes).
        self.story_countries: list[str] = [story_country] if story_country else []
        self._by_id = {e.id: e for e in entities}
        self._rebuild()

    @property
    def story_country(self) -> Optional[str]:
        """The state the article is most about."""
        return self.story_countries[0] if self.story_countries else None

    def _rebuild(self):
        spans = []
        for e in self.entities:
            for m in e.mentions:
                spans.append((m.start, m.end, e.id))
        spans.sort()
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def get(self, entity_id: Optional[str]) -> Optional[Entity]:
        return self._by_id.get(entity_id) if entity_id else None

    def mentions_in(self, start: int, end: int) -> Iterator[tuple[int, int, Entity]]:
        """Mentions overlapping [start, end), in text order."""
        i = bisect.bisect_left(self._starts, start)
        # step back over mentions that start before but reach into the span
        j = i
        while j > 0 and self._spans[j - 1][1] > start:
            j -= 1
            if start - self._spans[j][0] > 200:
                break
        for s, e, eid in self._spans[j:]:
            if s >= end:
                break
            if e > start:
                yield s, e, self._by_id[eid]

    def at(self, start: int, end: int) -> Optional[Entity]:
        """The entity with a mention overlapping the span most (people and
        organisations before states when tied)."""
        best, best_key = None, None
        rank = {"PERSON": 0, "ORG": 1, "GROUP": 2, "GPE": 3, "NORP": 4}
        for s, e, ent in self.mentions_in(start, end):
            overlap = min(e, end) - max(s, start)
            key = (overlap, -rank.get(ent.type, 5))
            if best_key is None or key > best_key:
                best, best_key = ent, key
        return best

    def add_mention(self, entity_id: str, start: int, end: int, text: str, kind: str = "pronoun") -> None:
        ent = self._by_id.get(entity_id)
        if ent is None:
            return
        if any(m.start == start and m.end == end for m in ent.mentions):
            return
        bisect.insort(ent.mentions, Mention(start, end, text, kind), key=lambda m: m.start)
        # one insertion into the sorted span index, not a rebuild of it
        span = (start, end, entity_id)
        i = bisect.bisect_left(self._spans, span)
        self._spans.insert(i, span)
        self._starts.insert(i, start)

    def last_person_before(self, pos: int, gender: Optional[str] = None) -> Optional[Entity]:
        """The person mentioned last before ``pos`` (a pronoun's antecedent)."""
        best, best_pos = None, -1
        for s, e, eid in self._spans:
            if s >= pos:
                break
            ent = self._by_id[eid]
            if ent.type == "PERSON" and s > best_pos:
                best, best_pos = ent, s
        return best

    def _owner_of(self, noun) -> Optional[Actor]:
        """Whose "its forces" / "their police" are: the subject of a clause the phrase
        sits in ("Russia said its forces struck ..."), nearest clause first."""
        tok = noun
        while tok.head.i != tok.i:
            tok = tok.head
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != noun.i
                         and noun not in c.subtree), None)
            if subj is None:
                # "As the White House talks about it, some of its officials hint ...": the
                # subject of a clause put before the phrase
                subj = next((s for c in tok.children if c.dep_ == "advcl" and c.i < noun.i
                             for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.pos_ != "PRON":
                lo, hi = min(t.i for t in subj.subtree), subj.i + 1
                found = self.actor(self.doc[lo].idx, self.doc[hi - 1].idx + len(self.doc[hi - 1].text))
                if found is not None and found.country:
                    return found
        return None

    def _qualified_before(self, noun) -> Optional[Actor]:
        """The actor of the last earlier phrase headed by the same noun and qualified
        by an entity, within 300 tokens ("G7 diplomats ... the diplomats")."""
        doc = self.doc
        for i in range(noun.i - 1, max(-1, noun.i - 300), -1):
            tok = doc[i]
            if tok.lemma_ != noun.lemma_ or tok.pos_ != "NOUN":
                continue
            mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
            if not mods:
                continue
            lo = min(t.i for m in mods for t in m.subtree)
            span = doc[lo:tok.i + 1]
            found = self.actor(span.start_char, span.end_char)
            if found is not None and found.country:
                return found
        return None

    def last_before(self, pos: int, accept) -> Optional[Entity]:
        """The entity mentioned last before ``pos`` that ``accept`` takes, within
        the 1,500 characters before it (the same stretch of the story)."""
        best, best_pos = None, -1
        for s, e, eid in self._spans:
            if s >= pos:
                break
            if s < pos - 1500:
                continue
            ent = self._by_id[eid]
            if s > best_pos and accept(ent):
                best, best_pos = ent, s
        return best

    def actor_of_entity(self, ent: Entity, start: int, end: int, sector: Optional[str] = None) -> Actor:
        """The entity as an actor at characters ``start:end`` (its text is what stands
        there); ``sector`` wins over the entity's own, and a state is its government."""
        text = doc_text(self.doc)[start:end] if self.doc is not None else ""
        return Actor(name=ent.name, entity=ent.id, country=ent.country,
                     sector=sector or ent.sector or ("GOV" if ent.type == "GPE" else None),
                     start=start, end=end, text=text)

    def actor(self, start: int, end: int) -> Optional[Actor]:
        """The actor a noun phrase denotes, or None if it denotes none.

        The entity whose mention holds the phrase's head wins ("the head of the House
        Intelligence Committee" → the committee's chair only if named; "North Korean
        soldiers" → North Korea, MIL; "Russia's army" → Russia, MIL).
        """
        if self.doc is None or end <= start:
            ent = self.at(start, end)
            if ent is None:
                return None
            return Actor(ent.name, ent.id, ent.country, ent.sector, start, end, "")
        doc = self.doc
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        root = span.root
        head_sector = None
        hit = sector_of_words([t.text for t in span if t.i <= root.i][-3:]) or sector_of_words([root.text])
        if hit is None and root.lemma_.lower() in _COLLECTIVE:
            # "Sudanese rebel groups", "opposition leaders": a head that names a body of
            # people but not its sector; the nearest modifier that has one decides
            mods = sorted((c for c in root.children if c.dep_ in {"compound", "amod"} and c.i < root.i),
                          key=lambda c: -c.i)
            before = [t.text for t in span if t.i < root.i]
            # ("civil society organizations": the words before the head, then each modifier)
            hit = sector_of_words(before[-2:]) if len(before) > 1 else None
            hit = hit or next(filter(None, (sector_of_words([c.text]) for c in mods)), None)
        if hit is None and (root.pos_ == "NUM" or _like_num(doc, root.lemma_.lower())):
            # "thousands of Kenyan teachers": a count says nothing of who; what it counts does
            counted = next((p for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                            for p in c.children if p.dep_ == "pobj" and p.i < span.end), None)
            if counted is not None:
                hit = sector_of_words([t.text for t in span if root.i < t.i <= counted.i][-3:])
        if hit is None and root.pos_ == "PROPN":
            # "Military spokesperson Chaundry": a name no table knows, after its title
            words = [t.text for t in span if t.i < root.i and t.pos_ in {"NOUN", "PROPN", "ADJ"}]
            hit = sector_of_words(words[-3:]) if words else None
        if hit is None and root.pos_ == "NOUN" and root.lemma_.lower() in _GENERIC_TITLES:
            # "the chief of the armed forces of Togo": a title of no sector of its own is
            # of the body its of-phrase names
            for t in span:
                if t.i > root.i and t.dep_ == "pobj" and t.head.lower_ == "of" and t.pos_ in {"NOUN", "PROPN"}:
                    hit = sector_of_words([w.text for w in span if root.i < w.i <= t.i][-3:])
                    if hit:
                        break
        if hit:
            head_sector = hit[0]
        if root.lemma_.lower() in _ADVERSARIES and root.pos_ == "NOUN":
            # "Kremlin critics", "Berisha's opponents", "rivals of Imran Khan": those who
            # stand against the one named are not them; a person's or a body's opponents
            # are the opposition of its state, a state's enemies are of no state known
            opposed = next((ent for _, _, ent in self.mentions_in(start, end)
                            if not _is_place(ent) and ent.type in {"PERSON", "ORG"}), None)
            if opposed is not None:
                return Actor(name=span.text, entity=None, country=opposed.country, sector="OPP",
                             start=start, end=end, text=span.text)
        # The head itself inside a mention?
        head_ent = self.at(root.idx, root.idx + len(root.text))
        if head_ent is not None:
            if head_ent.country is None and head_sector is not None and head_ent.type != "PERSON":
                # "The Russian Embassy" (the model made "Embassy" a place of its own): a
                # body of no known state is of the state a modifier names
                coded = next((ent for s, e, ent in self.mentions_in(start, end)
                              if ent is not head_ent and ent.country and not _is_place(ent)
                              and e <= root.idx), None)
                if coded is not None:
                    return self.actor_of_entity(coded, start, end, head_sector)
            if _is_place(head_ent):
                return None  # "Jeddah", "the Singapore Strait": places, not actors
            sector = head_sector if head_ent.type in {"GPE", "NORP"} else None
            return self.actor_of_entity(head_ent, start, end, sector)
        # A modifier names the actor: "North Korean soldiers", "NATO allies",
        # "Republican U.S. senators" (an entity with a code before one without).
        ents = [(s, e, ent) for s, e, ent in self.mentions_in(start, end) if not _is_place(ent)]
        if ents:
            people = [x for x in ents if x[2].type == "PERSON"]
            coded = [x for x in ents if x[2].country]
            pick = people[0] if people else (coded or ents)[0]
            ent = pick[2]
            if ent.country or head_sector is None or ent.type == "PERSON":
                return self.actor_of_entity(ent, start, end, head_sector if ent.type in {"GPE", "NORP", "GROUP"} else None)
            # "the Kurdish-led administration": a modifier that places no one; the head decides
        # "the diplomats", "the ministers": the same noun qualified earlier ("G7
        # diplomats", "Iranian ministers") stands behind it
        if root.tag_ == "NNS" and any(c.lower_ == "the" for c in root.children) \
                and not any(c.dep_ in {"amod", "compound", "poss", "nmod"} for c in root.children):
            earlier = self._qualified_before(root)
            if earlier is not None:
                return Actor(name=earlier.name, entity=earlier.entity, country=earlier.country,
                             sector=earlier.sector or head_sector, start=start, end=end, text=span.text)
        # "the country", "the nation" alone as a subject: the state named last (a modifier
        # or an of-phrase says which country otherwise: "the Gulf country"; as an object it
        # is mostly a place: "entering the country", "from the country")
        if root.lemma_.lower() in _STATE_DESCRIPTIONS and [c.lower_ for c in root.children] == ["the"] \
                and root.dep_ in ("nsubj", "nsubjpass"):
            state = self.last_before(start, lambda e: e.type == "GPE" and is_state(e.country or ""))
            if state is not None:
                return Actor(name=state.name, entity=state.id, country=state.country, sector="GOV",
                             start=start, end=end, text=span.text)
        # "the group", "the separatist group": the armed group or organisation named last
        if definite_group_noun(root):
            antecedent = self.last_before(start, lambda e: e.type == "ORG" and e.country is not None
                                          and (e.sector in _ARMED_SECTORS or root.lower_ != "group"))
            if antecedent is not None:
                return self.actor_of_entity(antecedent, start, end, None)
        if head_sector is not None:
            # "police", "security forces", "the militants": the state the story is
            # about, when the resolution passes found one (domestic forces and armed
            # groups are coded with their state).
            # "its forces", "their police": the owner decides (the event reader
            # resolves the pronoun), not the story
            owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
            if owner is not None and owner.lower_ in {"its", "their"}:
                found = self._owner_of(root)
                if found is not None:
                    return Actor(name=span.text, entity=found.entity, country=found.country,
                                 sector=head_sector, start=start, end=end, text=span.text)
            # a proper adjective that names no state ("European military", "Western
            # diplomats", "Arab leaders") places them beyond the story's state
            regional = any(c.dep_ == "amod" and c.lower_ in _REGIONAL for c in root.children)
            country = self.story_country if head_sector in _LOCAL_SECTORS and owner is None \
                and not regional else None
            return Actor(name=span.text, entity=None, country=country, sector=head_sector,
                         start=start, end=end, text=span.text)
        # "rights groups", "aid agencies": a describing noun of a non-governmental kind
        words = [t.lower_ for t in span if t.i < root.i and t.is_alpha] + [root.lemma_.lower()]
        if code_without_place(described_kind(words[-3:])) == "NGO":
            return Actor(name=span.text, entity=None, country="NGO", sector=None,
                         start=start, end=end, text=span.text)
        return None
