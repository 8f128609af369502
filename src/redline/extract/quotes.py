"""Quotes and attribution: who said what.

:func:`extract_quotes` finds, in a parsed article,

- **direct quotes**: words between double quotation marks (straight ``"`` and ``''``,
  typographic ``“ ”``, ``„ “``, ``« »``), including quotes split around their attribution
  (``“A,” he said, “B.”`` is one quote in two parts), quotes running over several paragraphs
  (an opening mark at each paragraph start, the closing one only at the end), a paragraph
  whose opening mark is missing but whose closing mark is there, nested single-mark terms
  (which never cut the outer quote) and editor insertions ``(... - Ed.)`` (kept in
  :attr:`Quote.insertions`);
- **indirect and mixed quotes**: the clause reported by a cue (``X stated that ...``,
  ``..., X said``, ``according to X, ...``, ``X believes ...``, ``X urged Y to ...``,
  ``X criticized Y for ...``); *mixed* when the reported clause contains quoted words;
- the **cue** (reporting verb or phrase, from ``data/cues.tsv``) and the **speaker**: the
  mention nearest the quote as written (a tag after or before it, a signature line
  '― Name' or a next paragraph '- Name.', a digest's 'Topic - Name: “...”', the subject of
  any verb the quote is the object of), resolved to a canonical entity through the
  :class:`~redline.extract.actors.EntityIndex` (pronouns and titles are resolved to the
  last compatible speaker or person, and added to the entity as mentions);
- quoted **terms** that are not speech (scare quotes, names: ``"brotherly"``, ``"Phoenix"``),
  returned separately.

It never gives up on an article because of an unbalanced quotation mark: marks are paired
paragraph by paragraph, and a stray mark only affects its own paragraph. The work is linear
in the length of the text and reads the existing parse (no re-parsing).
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Optional

from ._text import doc_text, is_to_infinitive, sentence_of, token_table
from ..model import Quote, Speaker, TextSpan

log = logging.getLogger(__name__)

# Double quotation marks. « » and „ are oriented; " and '' are resolved by context.
OPENING = "“„‟〝«"
CLOSING = "”〞»"
STRAIGHT = '"'
_MARK_RE = re.compile(r"''|[\"“”„‟〝〞«»]")
_EDITOR_RE = re.compile(r"\((?:[^()]{0,200}?)[-–—]\s*(?:Ed|ed|Eds|Editor|eds)\.?\)|\[[^\[\]]{1,120}\]")
_SINGLE_TERM_RE = re.compile(r"(?<![\w’'])['‘]([^'‘’\n]{2,60}?)['’](?![\w’'])")
_PERSONAL = {"he", "she", "him", "her", "i", "we", "they", "you"}
_PRONOUNS = _PERSONAL | {"it", "who", "which", "that", "this", "one"}
_POSSESSIVE = {"his", "her", "their", "its", "my", "our", "your"}
_SUBJ = {"nsubj", "nsubjpass", "csubj"}
# Report attributions nested inside a direct quote ("..., Western agencies claimed that ...")
NESTED = True
# He/she after a quoted speaker goes to a person named as a subject since (see _last_person)
RECENT_SUBJECT = True
# a speech-like quote that is the object of any verb is attributed to that verb's subject
ANY_VERB_HEAD = True
# He/she after a quoted speaker goes to a person the narrative turned to since, when a
# sentence in between has that pronoun as its subject (see _narrative_topic)
NARRATIVE_TOPIC = True


# --------------------------------------------------------------------------- lexicon
@dataclass(frozen=True)
class Cue:
    text: str
    pos: str
    frames: frozenset


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> dict[tuple[str, str], Cue]:
    """The reporting cues of ``data/cues.tsv``, keyed by (lemma or phrase, pos)."""
    out: dict[tuple[str, str], Cue] = {}
    path = resources.files("redline").joinpath("data", "cues.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            continue
        key = (cols[0].strip().lower(), cols[1].strip().upper())
        frames = frozenset(f.strip() for f in cols[2].split(",") if f.strip())
        prev = out.get(key)
        out[key] = Cue(key[0], key[1], frames | (prev.frames if prev else frozenset()))
    return out


@functools.lru_cache(maxsize=1)
def title_words() -> frozenset:
    """Nouns that name a person by role ("the minister", "the expert")."""
    path = resources.files("redline").joinpath("data", "quote_titles.tsv")
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.add(line.split("\t")[0].strip().lower())
    return frozenset(words)


# Inflected forms of the commonest tag verbs: after a quote ('“...,” the editorial read')
# they are the cue even when the tagger takes them for nouns.
_TAG_FORMS = {w: Cue(w, "VERB", frozenset({"quote"})) for w in (
    "said", "says", "read", "reads", "wrote", "writes", "added", "adds", "told", "tells",
    "asked", "asks", "noted", "notes", "stated", "states", "tweeted", "tweets", "posted", "replied")}


@functools.lru_cache(maxsize=1)
def gender_words() -> dict[str, str]:
    """Words that tell a person's gender (``data/gender_words.tsv``): word → m|f."""
    path = resources.files("redline").joinpath("data", "gender_words.tsv")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) >= 2:
                out[cols[0].strip().lower()] = cols[1].strip()
    return out


def verb_cue(tok) -> Optional[Cue]:
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    return cue_lexicon().get((tok.lemma_.lower(), "VERB"))


# --------------------------------------------------------------------------- marks
@dataclass
class _Mark:
    start: int
    end: int
    kind: str  # open | close


@dataclass
class _Raw:
    """A run of quoted text found by pairing marks: one part per paragraph."""
    parts: list[list[int]] = field(default_factory=list)
    open_mark: bool = True
    closed: bool = False
    orphan: bool = False  # closing mark without an opening one

    @property
    def start(self):
        return self.parts[0][0]

    @property
    def end(self):
        return self.parts[-1][1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _orient(text: str, m: re.Match, inside: bool) -> str:
    ch = m.group()
    if ch in OPENING and ch != "«":
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        # a typographic opening mark used as a closing one ("word“ ")
        if inside and (before.isalnum() or before in ".,!?;:") and (after.isspace() or after in ".,;:)"):
            return "close"
        return "open"
    if ch in CLOSING and ch != "»":
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        if not inside and (before.isspace() or before in "([—–-") and after.isalnum():
            return "open"
        return "close"
    if ch in "«»":
        return "close" if inside else "open"  # «...» and »...« alike
    # straight marks: by context, then by alternation
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    left_open = before.isspace() or before in "([{—–-/:" or m.start() == 0
    right_open = after.isspace() or after in ".,;:!?)]}—–" or m.end() >= len(text)
    if inside:
        return "close"
    if not left_open and right_open:
        return "close"
    return "open"


def pair_marks(text: str) -> list[_Raw]:
    """Pair the double quotation marks of ``text`` into quoted runs.

    Pairing is done paragraph by paragraph. A run still open at the end of a paragraph
    continues into the next one when that paragraph begins with an opening mark (the news
    convention for quotes over several paragraphs); otherwise it ends there. A closing
    mark with no opening mark before it in its paragraph opens the run at the paragraph
    start (a missing opening mark).
    """
    runs: list[_Raw] = []
    cur: Optional[_Raw] = None
    prev_end = 0
    for ps, pe in _paragraphs(text):
        marks = list(_MARK_RE.finditer(text, ps, pe))
        lead = ps
        while lead < pe and text[lead].isspace():
            lead += 1
        if cur is not None:
            a, _ = cur.parts[-1]
            long_enough = len(text[a:prev_end].split()) >= 4
            if long_enough and marks and marks[0].start() == lead and _orient(text, marks[0], False) == "open":
                cur.parts.append([marks[0].end(), None])
                marks = marks[1:]
            else:
                runs.append(cur)
                cur = None
        seen_mark = False
        skip = 0
        for k, m in enumerate(marks):
            if skip:
                skip -= 1
                continue
            # a mark opening the paragraph can only open a quote, whatever its shape
            # ('” … what I learned ...,” he said')
            kind = "open" if cur is None and m.start() == lead else _orient(text, m, cur is not None)
            if kind == "open" and cur is not None and m.group() in OPENING and k + 2 < len(marks) and \
                    cur.parts[-1][0] > 0 and text[cur.parts[-1][0] - 1] in OPENING and \
                    all(marks[j].group() not in OPENING and _orient(text, marks[j], True) == "close"
                        for j in (k + 1, k + 2)):
                # a double-quoted term inside a quote ('“... what he calls “hell” than ...”'):
                # it does not cut the outer quote
                skip = 1
                continue
            if kind == "open":
                if cur is not None:  # opening while open: the earlier one was stray
                    if cur.parts[-1][1] is None:
                        cur.parts[-1][1] = m.start()
                    runs.append(cur)
                cur = _Raw(parts=[[m.end(), None]])
            else:
                if cur is not None:
                    cur.parts[-1][1] = m.start()
                    cur.closed = True
                    runs.append(cur)
                    cur = None
                elif not seen_mark and m.start() > lead:
                    runs.append(_Raw(parts=[[lead, m.start()]], open_mark=False, closed=True, orphan=True))
            seen_mark = True
        if cur is not None and cur.parts[-1][1] is None:
            cur.parts[-1][1] = pe
        prev_end = pe
    if cur is not None:
        runs.append(cur)
    out = []
    for r in runs:
        parts = []
        for a, b in r.parts:
            if b is None:
                continue
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                parts.append([a, b])
        if parts:
            r.parts = parts
            out.append(r)
    return out


# --------------------------------------------------------------------------- parse helpers
_doc_text = doc_text  # spaCy rebuilds doc.text at every access: cache it per doc

class _Doc:
    """Character → token lookups over a spaCy Doc, built once (linear)."""

    def __init__(self, doc):
        self.doc = doc
        self.text = _doc_text(doc)
        starts, words, _ = token_table(doc)  # shared with the other extractors
        self.starts = starts
        self.ends = [a + len(w) for a, w in zip(starts, words)]

    def toks(self, start: int, end: int):
        """Tokens lying (at least partly) within [start, end)."""
        if end <= start:
            return self.doc[0:0]
        a = bisect.bisect_right(self.ends, start)
        b = bisect.bisect_left(self.starts, end) - 1
        if a > b:
            return self.doc[0:0]
        return self.doc[a:b + 1]


def _np_span(tok, stop: Iterable[int] = ()) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok``: its subtree without relative
    clauses, clauses and appositions after a comma, cut at quotation marks."""
    stop = set(stop)
    left, right = tok.i, tok.i
    doc = tok.doc
    keep = []
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj", "appos", "prep") and c.i > tok.i:
            if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in ("of", "at", "for", "from", "on", "with"):
                keep.append(c)
            elif c.dep_ == "conj" and all(doc[j].dep_ != "punct" for j in range(tok.i + 1, c.i)):
                keep.append(c)
            continue
        keep.append(c)
    for c in keep:
        sub = list(c.subtree)
        left = min(left, sub[0].i)
        right = max(right, sub[-1].i)
    # keep contiguous, never crossing a mark or a stop token
    i = tok.i
    while i > left and doc[i - 1].i not in stop and not _is_mark(doc[i - 1]) and doc[i - 1].dep_ != "punct":
        i -= 1
    j = tok.i
    while j < right and doc[j + 1].i not in stop and not _is_mark(doc[j + 1]) and doc[j + 1].text not in ",;:()—–":
        j += 1
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def _is_mark(tok) -> bool:
    return bool(_MARK_RE.fullmatch(tok.text)) or tok.text in ("'", "‘", "’", "``")


def _subject(verb, depth: int = 0, avoid=()):
    """The subject of ``verb``: its own, or (for a conjunct, participle, relative or
    open clause) the one it shares. Subjects inside ``avoid`` spans (quotes) are skipped;
    of several, the nearest to the verb wins."""
    subs = [c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not _inside(c.idx, avoid)]
    subs.sort(key=lambda c: abs(c.i - verb.i))
    if subs and subs[0].left_edge.i > 0 and subs[0].left_edge.lower_ == "tank" and \
            verb.doc[subs[0].left_edge.i - 1].lower_ == "think":
        # "think tank" taken for a verb: 'Andrew Lebovich of the Dutch think tank
        # Clingendael said': the subject of "think" is the speaker
        th = verb.doc[subs[0].left_edge.i - 1]
        subs = [g for g in th.children if g.dep_ == "nsubj" and g.i < th.i][:1] or subs
    if not subs and verb.tag_ == "VBG" and verb.i > 0 and verb.dep_ != "ROOT":
        # a participle right after a name: "footage of Hillary Clinton asking, “...”"
        prev = verb.doc[verb.i - 1]
        if (prev.ent_type_ == "PERSON" or prev.lower_ in ("him", "her")) and not _inside(prev.idx, avoid):
            return prev
    for c in subs:
        if True:
            if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            return c
    for c in verb.children:  # passive with an agent: "it was said by X"
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG" and (verb.tag_ not in ("VBD", "VBZ", "VBP") or any(
                c.dep_ in ("mark", "advmod", "aux", "auxpass") or c.tag_ in ("WRB", "IN") for c in verb.children)):
            return None  # "when X arrived, ...": a clause of its own (a bare finite verb is a misparse)
        return _subject(verb.head, depth + 1, avoid)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    return None


# --------------------------------------------------------------------------- speakers
@dataclass(frozen=True)
class _Named:
    """A speaker known by a phrase only (no entity)."""
    id: Optional[str]
    name: str


def _tags_by_position(last) -> bool:
    """A name (ending with token ``last``) right before a finite cue verb, maybe with an
    apposition between commas, whatever the parse says: '..., Glenn Jusnes, a
    spokesperson for UNHCR Kenya, told VOA.'"""
    doc = last.doc
    j = last.i + 1
    if j < len(doc) and doc[j].text == ",":
        k = j + 1
        while k < min(len(doc), j + 14) and doc[k].text != "," and not doc[k].is_sent_start:
            if doc[k].pos_ in ("VERB", "AUX") or _is_mark(doc[k]):
                return False
            k += 1
        if k >= len(doc) or doc[k].text != ",":
            return False
        j = k + 1
    if j >= len(doc) or doc[j].tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    c = verb_cue(doc[j])
    return c is not None and "quote" in c.frames


def _role_apposition(head) -> bool:
    """A role noun (``data/quote_titles.tsv``) in apposition to the name ``head``: 'Imran
    Hayat, the divisional railway superintendent in Quetta, told VOA'."""
    doc = head.doc
    if head.i + 1 >= len(doc) or doc[head.i + 1].text != ",":
        return False
    for t in doc[head.i + 2: head.i + 9]:
        if t.text in (",", ";", "(", ")") or t.pos_ in ("VERB", "AUX", "PRON") or _is_mark(t):
            return False
        if t.pos_ == "NOUN" and (t.lower_ in title_words() or t.lemma_.lower() in title_words()):
            return True
    return False


def _definite(head) -> bool:
    """A noun phrase that refers back: "the spokesperson", "this official", "Solo's
    mayor" (not "his spokesman": someone else's)."""
    for c in head.children:
        if c.i >= head.i:
            continue
        if c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"):
            return True
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return True
    return False


class _Resolver:
    """Speaker mentions → canonical entities, with pronoun/title resolution."""

    def __init__(self, doc, entities, index, dd: Optional["_Doc"] = None):
        self.doc = doc
        self.dd = dd if dd is not None else _Doc(doc)
        self.index = index
        self.entities = {e.id: e for e in (entities or [])}
        # (pos, entity, name, person, nouns of the phrase)
        self.history: list[tuple[int, Optional[str], Optional[str], bool, frozenset]] = []
        self._gender_cache: Optional[dict] = None
        self._subj_mentions: Optional[list] = None
        self._subj_pos = -1
        # direct quotes: a person named inside one ('“... President Putin remains
        # antagonistic ...,” he added') is not who a pronoun outside it stands for
        self.quoted: list[tuple[int, int]] = []

    def _entity(self, eid):
        if eid is None:
            return None
        if self.index is not None:
            try:
                return self.index.get(eid)
            except Exception:
                pass
        return self.entities.get(eid)

    def speaker(self, head, span: tuple[int, int], rel=None, speaking: bool = True) -> Speaker:
        """The speaker of an attribution whose subject is ``head`` (phrase ``span``). With
        ``rel`` (a relative pronoun: "Mike Lee, who declared"), the mention as written is
        the pronoun, resolved to what its antecedent ``head`` names."""
        n = len(self.history)
        spk = self._speaker(head, span)
        if not speaking:  # "X insulted women": not a speaker later pronouns go back to
            del self.history[n:]
        if rel is not None:
            rs, re_ = rel.idx, rel.idx + len(rel.text)
            if spk.entity:
                self._add(spk.entity, rs, re_, rel.text, "pronoun")
            spk = Speaker(rs, re_, rel.text, spk.name or spk.text, spk.entity)
        return spk

    def _speaker(self, head, span: tuple[int, int]) -> Speaker:
        text = _doc_text(self.doc)
        s, e = span
        low = head.lower_
        eid = name = None
        person = head.ent_type_ == "PERSON"
        if low in ("it", "they") and head.pos_ == "PRON":
            # an organisation or group: the subject of the sentence before ('The Autonomous
            # Administration ... was the first to reject it. “...,” it said')
            ante = self._group_antecedent(head, low == "they")
            if ante is not None:
                a_s, a_e = _speaker_span(ante)
                ent, _ = self._lookup(ante, a_s, a_e)
                if ent is not None:
                    self._add(ent.id, head.idx, head.idx + len(head.text), head.text, "pronoun")
                return self._remember(Speaker(head.idx, head.idx + len(head.text), head.text, text[a_s:a_e],
                                              ent.id if ent is not None else None), False, head)
        if low in _PERSONAL or (head.pos_ == "PRON" and low not in ("it", "this", "that")):
            ent = self._last_person(s, low)
            if ent is not None:
                eid, name = ent.id, ent.name
                if not isinstance(ent, _Named):  # (not a mention of the person's organisation)
                    self._add(eid, head.idx, head.idx + len(head.text), head.text, "pronoun")
            return self._remember(Speaker(head.idx, head.idx + len(head.text), head.text, name, eid), True, head)
        ent, at_head = self._lookup(head, s, e)
        if head.pos_ == "NOUN" and not at_head and _definite(head):
            # "the spokesperson", "Solo's mayor": the last speaker whose phrase has that
            # noun ("A U.S. State Department spokesperson", "Solo Mayor Hadi Rudyatmo")
            ante = self._same_head(head, s)
            if ante is not None:
                self._add(ante[1], s, e, text[s:e], "title")
                return self._remember(Speaker(s, e, text[s:e], ante[2], ante[1]), ante[3], head)
        described = ent is not None and not at_head and head.pos_ in ("NOUN", "PROPN")
        if described and head.pos_ == "NOUN" and _definite(head) and \
                (head.lower_ in title_words() or head.lemma_.lower() in title_words()):
            # "the Israeli leader", "The U.S. leader": the last person quoted of that
            # country (the demonym's entity is only the country)
            same = self._last_of_country(s, getattr(ent, "country", None), getattr(ent, "type", None))
            if same is not None:
                self._add(same.id, s, e, text[s:e], "title")
                return self._remember(Speaker(s, e, text[s:e], same.name, same.id), True, head)
        if ent is None and head.pos_ != "PROPN" and head.lower_ in title_words() and \
                not any(t.lower_ in _POSSESSIVE for t in self.dd.toks(s, e)):
            # "the expert", "the President of Ukraine": the last person speaker (not in
            # "the leader of his legal team": the last person is "his")
            ent = self._last_person(s, None)
            if ent is not None:
                if not isinstance(ent, _Named):
                    self._add(ent.id, s, e, text[s:e], "title")
                person = True
        if ent is not None:
            eid, name = ent.id, ent.name
            person = person or getattr(ent, "type", None) == "PERSON"
            if described:
                # "another user from Beijing", "Kenya's government": the phrase names
                # the speaker; the entity met in it (China, Kenya) stays its actor
                name = text[s:e]
                person = person or head.lower_ in title_words() or head.lemma_.lower() in title_words()
        elif head.pos_ in ("PROPN", "NOUN") or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            # no entity: the phrase names the speaker ("another user from Beijing", a
            # name the recogniser missed); a role noun ("a college student") is a person,
            # and so is a name with a role in apposition ("Oh Ei Sun, senior fellow with ...")
            name = text[s:e]
            person = person or head.lower_ in title_words() or (head.pos_ == "PROPN" and _role_apposition(head))
        return self._remember(Speaker(s, e, text[s:e], name, eid), person, head)

    def _group_antecedent(self, pron, plural: bool):
        """What "it" / "they" (``plural``) speaking stands for: the subject of the last
        sentence before the pronoun's (not counting sentences inside direct quotes, nor
        the one the tagged quote opens) when it is a noun phrase of that number that
        names no person; else None."""
        doc = self.doc
        sent = sentence_of(pron)
        start = sent.start
        for _ in range(3):
            if start <= 0:
                return None
            prev = sentence_of(doc[start - 1])
            start = prev.start
            root = prev.root
            if _inside(root.idx, self.quoted):
                continue
            subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
                return None
            if subj.ent_type_ == "PERSON" or subj.lower_ in title_words() or subj.lemma_.lower() in title_words():
                return None
            if (subj.tag_ in ("NNS", "NNPS")) != plural and not (plural and subj.ent_type_ in ("ORG", "NORP")):
                return None
            return subj
        return None

    def _last_of_country(self, pos: int, country: Optional[str], etype: Optional[str]):
        """The last person quoted before ``pos`` whose country is ``country`` (the
        entity a demonym or country name in the phrase stands for)."""
        if not country or etype not in ("GPE", "NORP", "COUNTRY"):
            return None
        outside = not _inside(pos, self.quoted)
        for p, eid, name, person, _ in reversed(self.history):
            if p >= pos or not eid or not person or (outside and _inside(p, self.quoted)):
                continue
            ent = self._entity(eid)
            if ent is not None and ent.type == "PERSON" and ent.country == country:
                return ent
        return None

    def _same_head(self, head, pos: int):
        """The last speaker before ``pos`` whose phrase holds the noun ``head``."""
        lemma = head.lemma_.lower()
        outside = not _inside(pos, self.quoted)
        for h in reversed(self.history):
            if h[0] < pos and lemma in h[4] and (h[1] or h[2]) and not (outside and _inside(h[0], self.quoted)):
                return h
        return None

    def _lookup(self, head, s: int, e: int):
        """The entity a speaker phrase names: the one whose mention holds the head word,
        else a person named in the phrase, else what the index makes of the phrase; and
        whether the phrase names it (False for what the index makes of it)."""
        if self.index is None:
            return None, False
        try:
            cands = list(self.index.mentions_in(s, e)) if hasattr(self.index, "mentions_in") else []
            hs, he = head.idx, head.idx + len(head.text)
            at_head = [ent for ms, me, ent in cands if ms <= hs and he <= me]
            if at_head:
                people = [x for x in at_head if x.type == "PERSON"]
                return (people or at_head)[0], True
            # (not a possessor, someone else: "the leader of his legal team", "Trump's
            # spokesman")
            text = self.dd.text
            people = [ent for ms, me, ent in cands if ent.type == "PERSON" and
                      text[ms:me].lower() not in _POSSESSIVE and not text.startswith(("'s", "’s", "' ", "’ "), me)]
            if people:
                return people[-1], True
            ent = self.index.at(s, e)
            if ent is None:
                act = self.index.actor(s, e)
                if act is not None and act.entity:
                    ent = self._entity(act.entity)
            return ent, False
        except Exception:
            log.debug("index lookup failed", exc_info=True)
            return None, False

    def _add(self, eid, s, e, t, kind):
        if self.index is None or eid is None:
            return
        try:
            ent = self._entity(eid)
            if ent is not None and any(m.start == s and m.end == e for m in ent.mentions):
                return
            self.index.add_mention(eid, s, e, t, kind)
        except Exception:
            log.debug("add_mention failed", exc_info=True)

    def _remember(self, spk: Speaker, person: bool, head=None) -> Speaker:
        nouns = frozenset(t.lemma_.lower() for t in self.dd.toks(spk.start, spk.end) if t.pos_ in ("NOUN", "PROPN"))
        self.history.append((spk.start, spk.entity, spk.name, person, nouns))
        return spk

    def _last_person(self, pos: int, pronoun: Optional[str]):
        """The person a pronoun (or bare title) at ``pos`` stands for: the last person
        quoted before it, else the last person named before it; of the matching gender
        when the pronoun has one and the person's gender is known."""
        want = gender_words().get(pronoun or "")
        if want not in ("m", "f"):
            want = None
        genders = self._genders()

        def fits(eid):
            return want is None or genders.get(eid) in (None, want)

        outside = not _inside(pos, self.quoted)
        for p, eid, name, person, _ in reversed(self.history):
            if outside and _inside(p, self.quoted):
                continue
            if p < pos and eid and person and fits(eid):
                ent = self._entity(eid)
                if ent is not None and getattr(ent, "type", "PERSON") == "PERSON":
                    # a person brought in as a subject after that speaker takes over:
                    # 'As X told AP, “...” He added, ...'
                    newer = self._last_subject_person(p, pos, fits) if RECENT_SUBJECT else None
                    if NARRATIVE_TOPIC:
                        newer = self._narrative_topic(max(p, self._subj_pos if newer else -1), p, pos,
                                                      pronoun, fits) or newer
                    return newer or ent
                if ent is not None and name and name != ent.name:
                    # a person described by role in an organisation ("the chief foreign
                    # correspondent of Britain's Financial Times", "a State Department
                    # spokesperson"): that phrase, with the organisation's entity
                    newer = self._last_subject_person(p, pos, fits) if RECENT_SUBJECT else None
                    return newer or _Named(eid, name)
            elif p < pos and eid is None and name and person:
                # a person named only by the phrase ("Imran Hayat" with no entity)
                newer = self._last_subject_person(p, pos, fits) if RECENT_SUBJECT else None
                return newer or _Named(None, name)
        best, best_pos = None, -1
        for ent in self.entities.values():
            if ent.type != "PERSON" or not fits(ent.id):
                continue
            for m in ent.mentions:
                if best_pos < m.start < pos and not (outside and _inside(m.start, self.quoted)):
                    best, best_pos = ent, m.start
        if best is not None or self.index is None:
            return best
        try:
            return self.index.last_person_before(pos)
        except Exception:
            return None

    def _narrative_topic(self, after: int, lo: int, hi: int, pronoun: Optional[str], fits):
        """The person a story turned to since the last speaker (at ``lo``): when a
        sentence between that speaker and the pronoun at ``hi`` has the same pronoun as a
        subject (not of a speech verb) after position ``after``, the person it stands for:
        named in that sentence or the one before it, a subject first, else the last
        named. 'For Sithole,
        managing his diabetes has been a long journey. ... he has regained control.
        “...,” he said.'"""
        if pronoun not in ("he", "she") or not len(self.doc):
            return None
        toks = self.dd.toks(lo, lo + 1)
        if not len(toks):
            return None
        lo = sentence_of(toks[0]).end_char
        narr = None
        for t in self.dd.toks(lo, hi):
            if t.lower_ == pronoun and t.dep_ in ("nsubj", "nsubjpass") and not _inside(t.idx, self.quoted) \
                    and verb_cue(t.head) is None and t.idx > after:
                narr = t
        if narr is None:
            return None
        sent = sentence_of(narr)
        start = sentence_of(self.doc[sent.start - 1]).start_char if sent.start > 0 else sent.start_char
        start = max(start, lo)
        named = []
        for ent in self.entities.values():
            if ent.type != "PERSON" or not fits(ent.id):
                continue
            for m in ent.mentions:
                if m.kind == "name" and start <= m.start < narr.idx and not _inside(m.start, self.quoted):
                    mt = self.dd.toks(m.start, m.end)
                    t = mt[-1]
                    while t.dep_ in ("compound", "flat") and t.head.i != t.i:
                        t = t.head
                    named.append((t.dep_ in ("nsubj", "nsubjpass"), m.start, ent))
        if not named:
            return None
        subjects = [x for x in named if x[0]]
        return max(subjects or named, key=lambda x: x[1])[2]

    def _last_subject_person(self, lo: int, hi: int, fits):
        """The last person named (by name) as the subject of a clause between ``lo`` and
        ``hi``, in the paragraph of ``hi`` or the one before it."""
        text = _doc_text(self.doc)
        para = text.rfind("\n", 0, hi)
        para = text.rfind("\n", 0, para) if para > 0 else -1
        if lo >= 0 and len(self.doc):
            # not in the sentence of that speaker ('According to X, Putin is awaiting ...')
            tok = self.dd.toks(lo, lo + 1)
            try:
                if len(tok):
                    lo = max(lo, sentence_of(tok[0]).end_char - 1)
            except ValueError:  # no sentence boundaries (an unparsed doc)
                pass
        lo = max(lo, para + 1)
        if self._subj_mentions is None:
            dd = self.dd
            out = []
            for ent in self.entities.values():
                if ent.type != "PERSON":
                    continue
                for m in ent.mentions:
                    if m.kind != "name":
                        continue
                    toks = dd.toks(m.start, m.end)
                    if not len(toks):
                        continue
                    t = toks[-1]
                    while t.dep_ in ("compound", "flat") and t.head.i != t.i:
                        t = t.head
                    if (t.dep_ in ("nsubj", "nsubjpass") or _tags_by_position(toks[-1])) and \
                            not _inside(m.start, self.quoted):
                        out.append((m.start, ent))
            out.sort(key=lambda x: x[0])
            self._subj_mentions = out
        best = None
        self._subj_pos = -1
        for s, ent in self._subj_mentions:
            if s >= hi:
                break
            if s > lo and fits(ent.id):
                best = ent
                self._subj_pos = s
        return best

    def _genders(self) -> dict:
        """Gender of the people of the article, where the text tells it: a title or
        honorific next to a name ("Mr.", "Congresswoman", "his wife, X"), or the first
        personal pronoun after a name in its sentence ("Clinton said she ..."); majority."""
        if self._gender_cache is not None:
            return self._gender_cache
        votes: dict[str, list[int]] = {}
        words = gender_words()
        doc = self.doc
        starts = {}
        for ent in self.entities.values():
            if ent.type != "PERSON":
                continue
            for m in ent.mentions:
                if m.kind == "name":
                    starts[m.start] = (ent.id, m.end)
        dd = self.dd
        people = sorted(starts)
        for k, s in enumerate(people):
            eid, e = starts[s]
            v = votes.setdefault(eid, [0, 0])
            toks = dd.toks(s, e)
            if not len(toks):
                continue
            first = toks[0]
            cands = [first.nbor(-1)] if first.i > 0 else []
            cands += [t for t in toks if not t.ent_type_ or t.i == first.i]
            for t in cands:
                g = words.get(t.lower_)
                if g and t.pos_ != "PRON":
                    v[g == "f"] += 2
            # the name is the subject of a verb and a personal pronoun follows in that
            # verb's clause, before any other person: "Clinton said she ...", "Trump and his"
            nxt = people[k + 1] if k + 1 < len(people) else None
            last = toks[-1]
            root = last
            while root.dep_ in ("compound", "flat") and root.head.i != root.i:
                root = root.head
            if root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = root.head
            for t in doc[last.i + 1: min(sentence_of(last).end, last.i + 25)]:
                if (nxt is not None and t.idx >= nxt) or _is_mark(t):
                    break
                if t.pos_ == "PRON" and t.lower_ in ("he", "his", "him", "she", "her"):
                    # a subject or possessive pronoun ("said she", "and her"), not an
                    # object one ("X scolded him": someone else)
                    if verb.is_ancestor(t) and t.dep_ in ("nsubj", "nsubjpass", "poss"):
                        v[words[t.lower_] == "f"] += 1
                    break
        self._gender_cache = {eid: ("m" if m > f else "f") for eid, (m, f) in votes.items() if m != f}
        return self._gender_cache


# --------------------------------------------------------------------------- attribution
@dataclass
class _Attr:
    cue: Optional[tuple[int, int]]
    head: object  # speaker head token or None
    span: Optional[tuple[int, int]]
    rel: object = None  # relative pronoun standing for the head ("Mike Lee, who declared")
    # a tag that may open a sentence of its own: taken only when nothing else attributes
    # the quote ('“... a question of when.” Authorities said no ransom was paid')
    weak: bool = False


def _cue_span(tok) -> tuple[int, int]:
    """The cue as written: the verb with its particle ("pointed out")."""
    s, e = tok.idx, tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            e = c.idx + len(c.text)
    return s, e


def _speaker_of(verb, dd: _Doc, qspans, positional: bool = False, inverted: bool = False) -> Optional[_Attr]:
    """Cue and speaker of a cue verb. With ``positional`` (a verb tagging a direct quote),
    a misparsed sentence falls back on the nearest subject before the verb, or the noun
    right after it ("..., said Sanders"). ``inverted``: the verb comes right after the
    quote, so a name after it is its speaker even for a verb of addressing ('“...,”
    warned Asli Aydintasbas')."""
    avoid = [(a, b) for a, b in qspans if not a <= verb.idx < b]
    subj = _subject(verb, avoid=avoid)
    cue = verb_cue(verb)
    if subj is None and not (cue is not None and "addressee" in cue.frames and not inverted) and verb.tag_ != "VBG":
        # "..., said the President of Ukraine": a noun right after the verb (not the
        # person spoken to: "..., X told Mr. Obama"; not what a participle is about:
        # '..., further describing the legal challenges as “baseless”')
        for c in verb.children:
            if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "oprd", "dative", "nsubjpass") and \
                    c.pos_ in ("PROPN", "NOUN") and c.ent_type_ not in _WHEN:
                subj = c
                break
    if subj is None and positional:
        subj = _nearby_subject(verb, qspans, inverted)
    if subj is None or (_inside(subj.idx, qspans) and
                        not any(a <= subj.idx < b and a <= verb.idx < b for a, b in qspans)):
        return _Attr(_cue_span(verb), None, None)
    if subj.lower_ == "there" or (subj.lower_ == "it" and (
            verb.lemma_ == "be" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children))):
        return _Attr(_cue_span(verb), None, None)
    rel = None
    if verb.dep_ == "relcl" and subj.i == verb.head.i:
        rel = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that")), None)
    return _Attr(_cue_span(verb), subj, _speaker_span(subj), rel)


# entity types of a time phrase, never a speaker ('..., X said Monday')
_WHEN = ("DATE", "TIME")


def _nearby_subject(verb, qspans, inverted: bool = False):
    """A misparsed tag's speaker: the nearest subject before the verb, else the noun
    phrase right before it ('In a statement, her adviser, Jake Sullivan, said:'; 'the
    editorial read'), else a noun right after it ('..., said Sanders'; not for verbs whose
    object is the person spoken to)."""
    sent = sentence_of(verb)
    for t in reversed(sent[: verb.i - sent.start]):
        if _inside(t.idx, qspans) or _is_mark(t):
            break
        if t.dep_ in ("nsubj",) and t.pos_ in ("PROPN", "NOUN", "PRON"):
            return t
    doc = verb.doc
    j = verb.i - 1
    while j >= sent.start and (doc[j].text == "," or doc[j].dep_ in ("advmod", "aux", "neg") or doc[j].is_space):
        j -= 1
    if j >= sent.start and not _inside(doc[j].idx, qspans) and not _is_mark(doc[j]):
        t = doc[j]
        if t.pos_ in ("PROPN", "NOUN") or (t.pos_ == "PRON" and t.lower_ in _PERSONAL) or (
                t.pos_ == "ADJ" and j > sent.start and doc[j - 1].pos_ == "DET"):
            return t
    cue = verb_cue(verb)
    if cue is not None and "addressee" in cue.frames and not inverted:
        return None
    # (right after a quote, across a sentence break the parser put after the verb:
    # '“...,” said | international relations expert Soli Ozel')
    after = doc[verb.i + 1: verb.i + 5] if inverted else sent[verb.i - sent.start + 1: verb.i - sent.start + 5]
    for t in after:
        if _is_mark(t) or t.is_punct:
            break
        if t.pos_ in ("PROPN", "NOUN") and t.dep_ != "compound" and t.ent_type_ not in _WHEN:
            return t
        if inverted and t.pos_ in ("PROPN", "NOUN") and t.ent_type_ not in _WHEN:
            # 'said international relations expert Soli Ozel': up the compound chain
            h = t
            while h.dep_ in ("compound", "flat") and h.i < h.head.i <= verb.i + 8:
                h = h.head
            if h.dep_ not in ("compound", "flat"):
                return h
    return None


def _speaker_span(subj) -> tuple[int, int]:
    """The speaker phrase: the subject's noun phrase, with an appositive name
    ("the head of the committee, Mike Turner,")."""
    s, e = _np_span(subj)
    text = _doc_text(subj.doc)
    if "(" in text[s:e] and ")" not in text[s:e]:
        e = s + text[s:e].index("(")
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= subj.idx:
            s, e = subj.idx, subj.idx + len(subj.text)
    for c in subj.children:
        if c.dep_ == "appos" and c.i > subj.i and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"):
            e = max(e, _np_span(c)[1])
    if subj.pos_ == "NOUN":
        # a described person's place or body, wherever the parse hangs it: "a college
        # student in Beijing", "wrote another user from Beijing"
        doc = subj.doc
        j = bisect.bisect_left([t.idx for t in doc[subj.i: subj.i + 12]], e) + subj.i
        if j + 1 < len(doc) and doc[j].lower_ in ("in", "from", "at") and doc[j + 1].pos_ == "PROPN" and \
                doc[j + 1].ent_type_ in ("GPE", "ORG", "LOC", "FAC"):
            k = j + 1
            while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].ent_iob_ == "I":
                k += 1
            e = doc[k].idx + len(doc[k].text)
    return s, e


def _inside(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


_STOP_AFTER = {"when", "while", "as", "after", "before", "if", "because", "since", "although", "though", "but", "and", "so"}


def _find_after(dd: _Doc, qe: int, limit: int, qspans, closed: bool = True, speech: bool = True) -> Optional[_Attr]:
    """Attribution right after a quote: '“...,” X said' / '“...,” said X' / '“...” – X said'.

    ``qe`` is the end of the quoted words (before the closing mark). The quote must end
    with punctuation (inside or right after the closing mark), and every word between the
    quote and the cue must belong to the speaker's noun phrase or the cue's verb group.
    """
    text = dd.text
    inner = text[max(0, qe - 3):qe].rstrip().rstrip("'’")  # '... help?’”': a nested quote ends it
    j = qe
    while j < limit and (text[j] in "\"'”’»〞" or text[j].isspace()):
        j += 1
    if j < limit and text[j] in "―—–-" and j > qe:
        # a tag after a dash: '“...” ― Krystal Correa' / '“...” — Albert Einstein'
        dash = j
        names = [t for t in dd.toks(dash + 1, limit) if not t.is_space][:6]
        run = []
        for t in names:
            if t.pos_ == "PROPN" or (run and t.text in (".", "-")) or t.ent_type_ in ("PERSON", "ORG"):
                run.append(t)
            else:
                break
        while run and run[-1].is_punct:
            run.pop()
        if run:
            head = run[-1]
            return _Attr((dash, dash + 1), head, (run[0].idx, head.idx + len(head.text)))
    if not (inner[-1:] in ",.!?…—–-:;" or (j < limit and text[j] in ",—–-:")):
        return None
    tight = inner[-1:] in ",!?" or (j < limit and text[j] == ",")
    a = _find_after_cue(dd, qe, limit, qspans, inner, tight, speech)
    if a is not None and inner[-1:] == "." and not tight and a.cue is not None:
        # after a quote closed by a full stop, a cue with content of its own reports
        # something else in a sentence of its own ('“...” Experts stressed that ...',
        # '“...” According to the report, ...')
        toks = dd.toks(a.cue[0], a.cue[1])
        v = toks[0] if len(toks) else None
        if v is not None and (any(c.dep_ == "ccomp" and c.i > v.i and not _inside(c.idx, qspans) for c in v.children)
                              or (v.lower_ == "according" and v.head.i > v.i)):
            a.weak = True
    return a


def _find_after_cue(dd: _Doc, qe: int, limit: int, qspans, inner: str, tight: bool, speech: bool) -> Optional[_Attr]:
    text = dd.text
    toks = [t for t in dd.toks(qe, limit) if not t.is_space and t.idx >= qe]
    while toks and (toks[0].is_punct or _is_mark(toks[0])):
        toks = toks[1:]
    toks = toks[:30 if speech else 12]
    for k, t in enumerate(toks):
        if t.text in ".!?;" or _is_mark(t) or (t.lower_ in _STOP_AFTER and k < 2):
            break
        c = verb_cue(t) or (_TAG_FORMS.get(t.lower_) if k > 0 else None)
        if (c is not None and "quote" in c.frames) or (tight and t.pos_ == "VERB" and t.dep_ in ("ROOT", "parataxis", "ccomp", "conj")):
            if inner[-1:] == "." and _tags_next_quote(t, dd, limit):
                return None  # '“...” He added, “...”': it attributes the next quote
            subj = _subject(t, avoid=qspans)
            allowed = set()
            if subj is not None:
                allowed |= {x.i for x in subj.subtree}
            allowed |= {x.i for x in t.children if x.dep_ in ("aux", "auxpass", "neg", "advmod", "punct")}
            if any(b.i not in allowed and not b.is_punct for b in toks[:k]):
                run = [b for b in toks[:k] if not b.is_punct]
                if subj is not None and run and subj.i == run[-1].i and all(
                        b.pos_ in ("PROPN", "NOUN", "ADJ", "DET") or _misparsed_name(b) for b in run):
                    # the subject ends the run and the words before it are split off by the
                    # parse ('“...,” Tulsa police Chief Dan Brody said'): the whole run
                    return _Attr(_cue_span(t), subj, (run[0].idx, _speaker_span(subj)[1]))
                np_head = _phrase_head(toks[:k]) if speech else None
                if np_head is None:
                    break
                # the parse hangs the speaker elsewhere ('“...,” X, 58, told AFP'):
                # the noun phrase between the quote and the cue is the speaker
                return _Attr(_cue_span(t), np_head, _speaker_span(np_head))
            return _speaker_of(t, dd, qspans, positional=True, inverted=k == 0)
        if t.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to" and k == 0:
            return _according(t, dd, qspans)
    return None


def _tags_next_quote(verb, dd: _Doc, limit: int) -> bool:
    """True when the attribution clause of ``verb`` runs into the next quote
    ('He added, “...' / 'X said: “...'), i.e. it introduces what follows."""
    doc = verb.doc
    # the clause reaches the next quote's opening mark before the sentence ends
    # ('He added, “...”'), even when the parse hangs that quote on the verb
    for t in doc[verb.i + 1: verb.i + 10]:
        if t.text in (".", "!", "?", ";") or "\n" in t.text or t.idx > limit + 2:
            break
        if (_is_mark(t) or dd.text[t.idx:t.idx + 1] in OPENING + STRAIGHT) and t.idx >= limit - 2:
            return True
    last = max(x.i for x in verb.subtree)
    j = last + 1
    if doc[last].text in (".", "!", "?", ";"):
        return False
    while j < len(doc) and ((doc[j].is_space and "\n" not in doc[j].text) or doc[j].text in ",:—–-"):
        j += 1
    if j >= len(doc) or doc[j].idx > limit + 2:
        return False
    return _is_mark(doc[j]) or dd.text[doc[j].idx:doc[j].idx + 1] in OPENING + STRAIGHT


def _phrase_head(toks) -> Optional[object]:
    """The head of the noun phrase that ``toks`` (the words between a quote and its
    cue) make up, or None when they are not one noun phrase (a verb, a clause)."""
    words = [t for t in toks if not t.is_punct and not t.is_space]
    if not words or len(words) > 25:
        return None
    ids = {t.i for t in words}
    if words[0].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM") and not _misparsed_name(words[0]):
        return None
    for t in words:
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl", "relcl", "amod", "compound") and \
                t.tag_ not in ("VBN", "VBG") and not _misparsed_name(t):
            return None
    # the first noun whose head lies outside the run (or is a later word of it)
    for t in words:
        if t.pos_ in ("PROPN", "NOUN", "PRON") and (t.head.i not in ids or t.head.i < t.i or t.dep_ in ("conj", "appos", "nsubj")):
            if t.dep_ == "compound" and t.head.i in ids:
                continue
            return t
    return None


def _misparsed_name(t) -> bool:
    """A capitalised word inside a sentence that the tagger took for a verb but the
    entity recogniser for a name ('“...,” Tulsa police Chief Chuck Jordan said')."""
    return t.ent_type_ in ("GPE", "PERSON", "ORG", "NORP") and t.text[:1].isupper()


def _according(t, dd, qspans) -> _Attr:
    to = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    pobj = None
    if to is not None:
        for c in to.children:
            if c.dep_ == "pobj":
                pobj = c
        if pobj is None:
            for c in t.children:
                if c.dep_ == "pobj":
                    pobj = c
    cue = (t.idx, to.idx + len(to.text)) if to is not None else (t.idx, t.idx + len(t.text))
    if pobj is None or _inside(pobj.idx, qspans):
        return _Attr(cue, None, None)
    return _Attr(cue, pobj, _np_span(pobj))


def _find_before(dd: _Doc, lo: int, qs: int, qspans, speech: bool = True) -> Optional[_Attr]:
    """Attribution right before a quote: 'X said: “' / 'X said, “' / 'X told Y that “'.

    ``qs`` is the position of the opening mark. Every word between the cue and the quote
    must depend on the cue (its object, "that", a time or place).
    """
    toks = [t for t in dd.toks(lo, qs) if not t.is_space and t.idx + len(t.text) <= qs]
    toks = toks[-14:]
    dash = _dash_name(toks) or _dash_colon_name(toks)
    if dash is not None:
        return dash
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if (t.text in ".!?;" and k < len(toks) - 1) or (_is_mark(t) and k < len(toks) - 1):
            break
        c = verb_cue(t)
        if c is not None and ("quote" in c.frames or "that" in c.frames):
            between = toks[k + 1:]
            if any(not (b.is_punct or t.is_ancestor(b)) for b in between):
                break
            # a verb of finding or showing inside what a speaker says ('Sharif said the
            # attack shows, “...”'): the speaker's verb is the cue
            v = t
            if "quote" not in c.frames:
                v = next((a for a in t.ancestors if a.i < t.i and (ac := verb_cue(a)) is not None
                          and "quote" in ac.frames and not _inside(a.idx, qspans)), t)
            return _speaker_of(v, dd, qspans, positional=True)
        if t.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
            return _according(t, dd, qspans)
    intro = _intro_verb(toks, qspans) if speech else None
    if intro is not None:
        return intro
    # "Here's Clinton in 1992: “...”", "Donald Trump: “...”": the name before a colon
    if toks and toks[-1].text == ":" and len(toks) >= 2:
        for t in reversed(toks[:-1][-6:]):
            if t.lower_ in ("it", "this", "that", "its"):
                break
            if t.ent_type_ in _WHEN:  # "Here's Clinton in December 1992: “...”"
                continue
            if t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
                while t.dep_ in ("compound", "flat") and t.head.i > t.i and t.head.i < toks[-1].i:
                    t = t.head
                return _Attr((toks[-1].idx, toks[-1].idx + 1), t, _speaker_span(t))
            if t.pos_ in ("VERB", "AUX") or t.is_punct:
                break
    return None


def _dash_colon_name(toks) -> Optional[_Attr]:
    """A news digest's source between a dash and a colon: 'Pollsters agree - Carl Bialik: “...”'
    (only names between them)."""
    if len(toks) < 3 or toks[-1].text != ":":
        return None
    names = []
    for t in reversed(toks[:-1]):
        if t.text in ("-", "--", "—", "–"):
            break
        if not (t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") or (names and t.lower_ == "and")):
            return None
        names.append(t)
    else:
        return None
    if not names:
        return None
    head = names[0]
    return _Attr((toks[-1].idx, toks[-1].idx + 1), head, (names[-1].idx, head.idx + len(head.text)))


def _dash_name(toks) -> Optional[_Attr]:
    """A person's name, then a dash and the quote: '..., including Mitt Romney -- “...”'
    (not the person spoken to: '... told Sean Hannity — “...”')."""
    if len(toks) < 2 or toks[-1].text not in ("--", "—", "–") or toks[-2].ent_type_ != "PERSON":
        return None
    t = toks[-2]
    while t.dep_ in ("compound", "flat") and t.head.i > t.i and t.head.ent_type_ == "PERSON":
        t = t.head
    if t.dep_ in ("dobj", "dative", "pobj") and (c := verb_cue(t.head)) is not None and "addressee" in c.frames:
        return None
    return _Attr((toks[-1].idx, toks[-1].idx + len(toks[-1].text)), t, _speaker_span(t))


def _intro_verb(toks, qspans) -> Optional[_Attr]:
    """A clause introducing the quote that follows it, whatever its verb: 'X shot back, “',
    'Hoff's letter makes a case: “', 'Stated Stone: “'. With a colon, the main verb of
    the clause before it; with a comma, a verb right before the comma (only its particle,
    adverbs or prepositional phrases in between) with no object. Its subject (not "it",
    "there") is the speaker."""
    if len(toks) < 2 or toks[-1].text not in (":", ","):
        return None
    end = toks[-1]
    if end.text == ":":
        verb = None
        for t in reversed(toks[:-1]):
            if t.text in ".!?;" or _is_mark(t):
                break
            if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or t.dep_ in ("ROOT", "conj", "ccomp", "parataxis") or t.head.i > end.i):
                verb = t
                break
    else:
        verb = None
        for t in reversed(toks[:-1][-5:]):
            if t.pos_ == "VERB":
                verb = t
                break
            if t.pos_ not in ("ADP", "ADV", "PART", "DET", "NOUN", "PRON", "ADJ") and not t.is_punct:
                return None
        # objects that still introduce the quote: "As X put it, “...”", "X issued a
        # statement, “...”" (a message noun: a NOUN cue of data/cues.tsv)
        intro_obj = verb is not None and any(
            c.dep_ == "dobj" and ((verb.lemma_ == "put" and c.lower_ == "it") or
                                  (c.lemma_.lower(), "NOUN") in cue_lexicon())
            for c in verb.children)
        if verb is None or (not intro_obj and any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp")
                                               for c in verb.children)):
            return None
        if any(not verb.is_ancestor(b) for b in toks if b.i > verb.i and b.i < end.i and not b.is_punct):
            return None
    if verb is None:
        return None
    subj = _subject(verb, avoid=qspans)
    if verb.lemma_ == "put" and subj is not None and subj.lower_ == "it":
        subj = None
    if subj is None:
        # inverted: "Stated Stone:" / "Said the senator:"
        for c in verb.children:
            if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and c.pos_ in ("PROPN", "NOUN") and verb.i == sentence_of(verb).start:
                subj = c
                break
    if subj is None or subj.lower_ in ("it", "there", "this", "that", "what") or _inside(subj.idx, qspans):
        return None
    return _Attr(_cue_span(verb), subj, _speaker_span(subj))


def _find_by_head(dd: _Doc, qs: int, qe: int, qspans) -> Optional[_Attr]:
    """A cue verb outside the quote governing a word inside it (in the same sentence)."""
    for t in dd.toks(qs, qe):
        h = t.head
        steps = 0
        while steps < 2 and h is not t and qs <= h.idx < qe:
            h = h.head
            steps += 1
        if h.i == t.i or qs <= h.idx < qe:
            continue
        c = verb_cue(h)
        if c is not None and ("quote" in c.frames or "that" in c.frames) and not _inside(h.idx, qspans):
            return _speaker_of(h, dd, qspans, positional=True)
        if ANY_VERB_HEAD and h.pos_ == "VERB" and not _inside(h.idx, qspans):
            # any verb with a subject whose object or complement is the quote: "Trump
            # attacked “the hateful ideology ...”", "the band leader ..., singing “...”"
            a = _speaker_of(h, dd, qspans)
            if a is not None and a.head is not None:
                return a
    return None


# --------------------------------------------------------------------------- main
def _looks_like_speech(dd: _Doc, s: int, e: int) -> bool:
    toks = [t for t in dd.toks(s, e) if not t.is_punct and not t.is_space]
    if len(toks) >= 6:
        return True
    text = dd.text[s:e].rstrip()
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in toks)
    if len(toks) >= 3 and has_verb and text[-1:] in ".!?,…":
        return True
    return False


_TITLE_SMALL = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from",
                "as", "vs", "vs.", "is", "not", "but", "nor", "de", "la", "&"}
_TITLE_BEFORE = {"on", "of", "in", "from", "titled", "entitled", "show", "book", "books", "movie", "film",
                 "series", "program", "programme", "podcast", "documentary", "novel", "song", "album",
                 "column", "magazine", "episode", "segment", "memoir", "biography", "drama", "sitcom",
                 "ad", "spot", "video", "play", "musical", "hit"}


def _looks_like_title(text: str, s: int, e: int, mark: int) -> bool:
    """A quoted title of a work, not speech: Title-Case words ('Meet the Press', 'The Art
    of the Deal') right after a possessive or a word that announces a work ("on", "of",
    "book", "titled", "ABC's")."""
    inner = text[s:e].strip().rstrip(".,;:")
    if not any(ch.isalpha() for ch in inner):
        return True  # '672139201337532417'
    words = re.findall(r"[^\s—–]+", inner)
    if not words or len(words) > 10 or inner[-1:] in "?!":
        return False
    for w in words:
        core = w.strip("\"'“”‘’()[]:,")
        if not core or core.lower() in _TITLE_SMALL:
            continue
        if not (core[0].isupper() or core[0].isdigit()):
            return False
    if not (words[0].strip("\"'“‘(")[:1].isupper() or words[0][:1].isdigit()):
        return False
    before = text[max(0, mark - 30):mark].rstrip(" \u00a0,")
    prev = before.split()[-1].lower() if before.split() else ""
    return prev.endswith(("'s", "’s", "s'", "s’")) or prev in _TITLE_BEFORE


def _insertions(text: str, s: int, e: int) -> list[TextSpan]:
    out = []
    for m in _EDITOR_RE.finditer(text, s, e):
        if m.group().startswith("[") and len(m.group()) > 40:
            continue
        out.append(TextSpan(m.start(), m.end(), m.group()))
    return out


def frame_candidates(doc) -> list[dict]:
    """Every indirect-quote candidate of ``doc`` (any verb, any frame), each with its
    ``key`` = (lemma, frame, has speaker): what ``redline train quotes`` scores."""
    return extract_quotes(doc, [], None, _learn=True)


def extract_quotes(doc, entities, index, *, _learn: bool = False) -> tuple[list[Quote], list[TextSpan]]:
    """Quotes (direct, indirect, mixed) with cue and speaker, and quoted terms.

    Args:
        doc: the parsed article (spaCy ``Doc``).
        entities: canonical entities of the article (``actors.extract_entities``).
        index: their :class:`~redline.extract.actors.EntityIndex` (may be ``None``);
            resolved pronoun and title speakers are added to it as mentions.

    Returns:
        ``(quotes, terms)``: quotes in text order with ids ``Q1``, ``Q2``...; ``terms`` are
        quoted words that are not speech (scare quotes, names), including single-quoted
        terms nested in quotes.
    """
    text = _doc_text(doc)
    dd = _Doc(doc)
    res = _Resolver(doc, entities, index, dd)
    runs = pair_marks(text)
    paras = _paragraphs(text)
    para_of = _para_lookup(paras)

    found: list[dict] = []
    terms: list[TextSpan] = []
    qspans = [(r.start, r.end) for r in runs]
    qstarts = [a for a, _ in qspans]
    qends = sorted(b for _, b in qspans)

    # 1. merge quotes split around an attribution: “A,” he said, “B.”
    merged: list[_Raw] = []
    between_attr: dict[int, _Attr] = {}
    for r in runs:
        if merged and r.open_mark and merged[-1].closed and para_of(merged[-1].end) == para_of(r.start):
            prev = merged[-1]
            gap = text[prev.end:r.start].strip(" \"“”'’«»\u00a0")
            words = gap.split()
            ends_open = text[max(0, prev.end - 1):prev.end] in (",", "—", "–", "-", "…") or text[prev.end - 1:prev.end].isalnum()
            # (not a title then the quote: "author of ``The Book,'' put it, ``...''")
            pmark = prev.start - 2 if text[max(prev.start - 2, 0):prev.start] == "''" else max(prev.start - 1, 0)
            title = len(prev.parts) == 1 and _looks_like_title(text, prev.start, prev.end, max(pmark, 0))
            if 0 < len(words) <= 9 and not re.search(r"[.!?;]", gap[:-1]) and ends_open and gap[-1:] in ",:—–-" \
                    and not title:
                a = _find_after(dd, prev.end, r.start, qspans)
                if a is not None and a.cue is not None:
                    prev.parts.extend(r.parts)
                    prev.closed = r.closed
                    between_attr[id(prev)] = a
                    continue
        merged.append(r)

    # 2. direct quotes: attribute them, or keep them as terms
    last_direct: Optional[dict] = None
    for r in merged:
        s, e = r.start, r.end
        p = para_of(s)
        ps, pe = paras[p] if p is not None else (0, len(text))
        attr = between_attr.get(id(r))
        how = "between"
        speech = _looks_like_speech(dd, s, e)
        mark = text.rfind(text[s - 1], max(0, s - 3), s) if s > 0 and r.open_mark else s
        if mark >= 1 and text[mark - 1:mark + 1] == "''":
            mark -= 1  # the first of the two marks of ``''``
        if r.open_mark and len(r.parts) == 1 and _looks_like_title(text, s, e, max(mark, 0)):
            terms.append(TextSpan(s, e, text[s:e]))
            continue
        if attr is None:
            pl = para_of(e)  # a quote over several paragraphs is tagged after its last part
            limit = paras[pl][1] if pl is not None else pe
            k = bisect.bisect_right(qstarts, e)
            if k < len(qstarts):
                limit = min(limit, qstarts[k])
            attr, how = _find_after(dd, e, limit, qspans, speech=speech), "after"
        weak = None
        if attr is not None and attr.weak:
            weak, attr = attr, None
        if attr is None or (attr.head is None and how == "between"):
            # (a quote split around a cue with no subject of its own, 'she stated, “A,”
            # adding, “B”', takes its speaker from the clause before it)
            k = bisect.bisect_left(qends, s)
            prev_end = max(qends[k - 1] if k > 0 else ps, ps)
            b = _find_before(dd, prev_end, s - 1 if r.open_mark else s, qspans, speech)
            if attr is None or (b is not None and b.head is not None):
                attr, how = b, "before"
        if attr is None and weak is None:
            attr, how = _find_by_head(dd, s, e, qspans), "head"
        if attr is None and speech:
            # a signature paragraph after a quote paragraph: '"..." / - Bernie Sanders.'
            pl = para_of(e)
            if pl is not None and pl + 1 < len(paras) and not text[e:paras[pl][1]].strip(" \"'”’»."):
                ns, ne = paras[pl + 1]
                sig = text[ns:ne].strip()
                if sig[:1] in "-–—―" and len(sig.split()) <= 6:
                    a = _find_after(dd, e, ne, qspans, speech=speech)
                    if a is not None and a.head is not None and a.cue and text[a.cue[0]:a.cue[1]] in "-–—―":
                        attr, how = a, "signature"
        if attr is None and speech and p is not None and p > 0 and text[ps:s].strip() in ("", '"', "“", "„", "«", "''"):
            # a quote paragraph introduced by the paragraph before: 'Stated Stone:' / 'X said:'
            qs_, qe_ = paras[p - 1]
            if text[qs_:qe_].rstrip().endswith(":"):
                k = bisect.bisect_left(qends, qe_)
                prev_end = max(qends[k - 1] if k > 0 else qs_, qs_)
                attr, how = _find_before(dd, prev_end, qe_, qspans, speech), "intro"
        if attr is None and weak is not None and not (speech and _continues(last_direct, p, para_of)):
            attr, how = weak, "after"
        if attr is None or attr.cue is None:
            if not speech or (r.orphan and not attr):
                if not r.orphan:
                    terms.append(TextSpan(s, e, text[s:e]))
                continue
            # an unattributed quote paragraph continuing the previous speaker
            q = {"kind": "direct", "start": s, "end": e, "cue": None, "attr": None, "run": r}
            if _continues(last_direct, p, para_of):
                q["same_as"] = last_direct
            elif last_direct is not None and last_direct.get("same_as") is not None and \
                    _continues(last_direct["same_as"], p, para_of):
                # a run of unattributed quotes after an attributed one: '“A,” X said. “B.” “C.”'
                q["same_as"] = last_direct["same_as"]
            found.append(q)
            last_direct = q
            continue
        if not speech and (not r.closed or (how == "head" and not _names_it(dd, attr)) or
                           text[attr.cue[0]:attr.cue[1]].lower().startswith("according")):
            if not r.orphan:
                terms.append(TextSpan(s, e, text[s:e]))
            continue
        q = {"kind": "direct", "start": s, "end": e, "cue": attr.cue,
             "attr": attr if attr.head is not None else None, "run": r}
        found.append(q)
        last_direct = q

    # 3. indirect and mixed quotes from cue verbs and "according to"
    direct_spans = [(q["start"], q["end"]) for q in found]
    if _learn:
        return _indirect(dd, qspans, direct_spans, learn=True)
    indirect = _indirect(dd, qspans, direct_spans)
    mixed = [(q["start"], q["end"]) for q in indirect if q["kind"] == "mixed"]
    if mixed:  # a quoted fragment of a mixed quote is not a quote of its own
        # (one that opens it with an attribution of its own stays: 'footage of Trump
        # saying, “That makes me smart,” when Clinton blasted him')
        found = [q for q in found if not any(a <= q["start"] and q["end"] <= b and (q["start"], q["end"]) != (a, b)
                                              and not (q.get("attr") is not None and q["start"] - a <= 1)
                                              for a, b in mixed)]
    found.extend(indirect)

    # 4. speakers, resolved in text order (pronouns look back at earlier speakers)
    # (the words of each part: the tag of a quote split around it is not inside)
    res.quoted = [tuple(pt) for q in found if q["kind"] == "direct" and q.get("run") is not None
                  for pt in q["run"].parts]
    spoken = sorted((q for q in found if q.get("attr") is not None), key=lambda q: q["attr"].head.i)
    for q in spoken:
        speaking = q["kind"] == "direct" or _speaking_cue(dd, q["cue"])
        q["speaker"] = res.speaker(q["attr"].head, q["attr"].span, q["attr"].rel, speaking)
    for q in sorted(found, key=lambda q: q["start"]):
        if "speaker" not in q:
            src = q.get("same_as")
            q["speaker"] = src.get("speaker") if src is not None else None

    # single-quoted terms nested anywhere
    for m in _SINGLE_TERM_RE.finditer(text):
        inner = m.group(1).rstrip(",.")
        if inner and len(inner.split()) <= 5:
            terms.append(TextSpan(m.start(1), m.start(1) + len(inner), inner))

    found.sort(key=lambda q: (q["start"], q["end"]))
    quotes: list[Quote] = []
    for q in found:
        s, e = q["start"], q["end"]
        r = q.get("run")
        parts = [TextSpan(a, b, text[a:b]) for a, b in r.parts] if r is not None and len(r.parts) > 1 else []
        cue = TextSpan(q["cue"][0], q["cue"][1], text[q["cue"][0]:q["cue"][1]]) if q["cue"] else None
        quotes.append(Quote(id=f"Q{len(quotes) + 1}", kind=q["kind"], start=s, end=e, text=text[s:e],
                            cue=cue, speaker=q["speaker"], parts=parts, insertions=_insertions(text, s, e)))
    terms.sort(key=lambda t: t.start)
    return quotes, terms


# verbs that give a thing a quoted name or verdict ('a move the lawyer called “inhumane.”')
_NAMING = {"call", "describe", "label", "term", "brand", "dub", "denounce", "decry"}


def _names_it(dd: _Doc, attr: _Attr) -> bool:
    """A short quote that a speaker's verb of calling governs: the speaker's words."""
    if attr is None or attr.head is None or not attr.cue:
        return False
    toks = dd.toks(attr.cue[0], attr.cue[1])
    return bool(len(toks)) and toks[0].lemma_.lower() in _NAMING


def _continues(last_direct: Optional[dict], p: Optional[int], para_of) -> bool:
    """True when an unattributed quote in paragraph ``p`` can continue the last direct
    quote (attributed, at most two paragraphs back)."""
    return last_direct is not None and last_direct["attr"] is not None and p is not None and \
        para_of(last_direct["start"]) is not None and p - para_of(last_direct["start"]) <= 2


def _speaking_cue(dd: _Doc, cue) -> bool:
    """True for a cue of speech ("said", "according to"), not of thought or deed."""
    if not cue:
        return False
    toks = dd.toks(cue[0], cue[1])
    if not len(toks):
        return False
    t = toks[0]
    if t.lower_ == "according":
        return True
    c = verb_cue(t)
    return c is not None and "quote" in c.frames


def _para_lookup(paras):
    starts = [a for a, _ in paras]

    def para_of(pos: int) -> Optional[int]:
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return None
        return i
    return para_of


def _content_span(tok, exclude=()) -> tuple[int, int]:
    sub = [t for t in tok.subtree]
    lo, hi = sub[0], sub[-1]
    doc = tok.doc
    i, j = lo.i, hi.i
    while i < j and (doc[i].is_punct and not _is_mark(doc[i])):
        i += 1
    while j > i and (doc[j].is_punct and not _is_mark(doc[j]) or doc[j].is_space):
        j -= 1
    return doc[i].idx, doc[j].idx + len(doc[j].text)


_SKIP_OBJ = {"it", "this", "that", "them", "him", "her", "me", "us", "you", "what", "which", "who"}


def verb_frames(t):
    """The ways content can hang on verb ``t``: ``(frame, content token span)`` pairs.

    ``that``: a clausal complement; ``to``: an infinitive; ``obj``: a nominal object (with
    its predicate: "called Trump “unhinged”"); ``prep:X``: the object of a preposition
    ("called for ...", "criticized Y for ...", "referring to ...").
    """
    out = []
    for ch in t.children:
        if ch.dep_ in ("ccomp", "xcomp") and ch.i > t.i or ch.dep_ == "ccomp":
            if is_to_infinitive(ch):
                out.append(("to", _tok_span(ch)))
            elif ch.dep_ == "ccomp":
                out.append(("that", _tok_span(ch)))
        elif ch.dep_ == "dobj" and ch.i > t.i and ch.lower_ not in _SKIP_OBJ and ch.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            lo, hi = _tok_span(ch)
            for g in t.children:
                if g.dep_ in ("oprd", "ccomp", "xcomp") and g.i > ch.i:
                    hi = max(hi, _tok_span(g)[1])
            out.append(("obj", (lo, hi)))
        elif ch.dep_ in ("prep", "agent") and ch.i > t.i:
            objs = [g for g in ch.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                out.append(("prep:" + ch.lower_, _tok_span(objs[0])))
    return out


def _tok_span(tok) -> tuple[int, int]:
    """Token span [lo, hi] of ``tok``'s subtree, without outer punctuation."""
    doc = tok.doc
    i, j = tok.left_edge.i, tok.right_edge.i
    while i < j and doc[i].is_punct and not _is_mark(doc[i]):
        i += 1
    while j > i and ((doc[j].is_punct and not _is_mark(doc[j])) or doc[j].is_space):
        j -= 1
    deps = doc.user_data.get("redline.deps")
    if deps is None or len(deps) != len(doc):
        deps = doc.user_data["redline.deps"] = doc.to_array("DEP").tolist()
    appos = doc.vocab.strings["appos"]
    for k in range(i + 2, j + 1):
        if deps[k] != appos:
            continue
        t = doc[k]
        if t.left_edge.i > i and doc[t.left_edge.i - 1].text == "," \
                and t.right_edge.i >= j and any(c.dep_ == "relcl" for c in t.children):
            # "accusing it of X, a charge New Delhi rejected": a closing apposition with a
            # clause of its own is the narrator's aside on what was said, not part of it
            j = t.left_edge.i - 2
            while j > i and ((doc[j].is_punct and not _is_mark(doc[j])) or doc[j].is_space):
                j -= 1
            break
    return i, j


@functools.lru_cache(maxsize=1)
def learned_frames() -> dict[tuple[str, str, int], tuple[int, float]]:
    """(lemma, frame, context) → (n, precision) on PolNeAR train, from
    ``data/quote_frames.tsv`` (written by ``redline train quotes``)."""
    out = {}
    try:
        path = resources.files("redline").joinpath("data", "quote_frames.tsv")
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, OSError):
        return out
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        c = line.split("\t")
        try:
            out[(c[0], c[1], int(c[2]))] = (int(c[3]), float(c[5]))
        except (IndexError, ValueError):
            continue
    return out


# A learned (lemma, frame) is used when its precision on train is at least this (and it
# was seen at least FRAME_MIN_N times); a hand-listed one is dropped below FRAME_VETO.
FRAME_MIN_P = 0.6
FRAME_MIN_N = 4
FRAME_VETO = 0.4


def _frame_score(lemma: str, frame: str, ctx: int, cue: Optional[Cue]) -> Optional[float]:
    """How reliable a (lemma, frame) is in context ``ctx`` (1: speaker found, 0: none,
    2: inside a direct quote), or None when it is not used."""
    learned = learned_frames().get((lemma, frame, ctx))
    hand = cue is not None and ctx == 1 and (frame in cue.frames or (frame.startswith("prep:") and frame[5:] in cue.frames))
    if learned is not None:
        n, p = learned
        if hand:
            return None if (n >= 10 and p < FRAME_VETO) else max(p, 0.5)
        return p if (n >= FRAME_MIN_N and p >= FRAME_MIN_P) else None
    return 0.5 if hand else None


def _indirect(dd: _Doc, qspans, direct_spans, learn: bool = False):
    """Indirect and mixed quotes. With ``learn``, every candidate (any verb, any frame)
    is returned with its ``key`` (lemma, frame, has speaker), for training."""
    doc = dd.doc
    text = dd.text
    out = []
    for t in doc:
        cands = []  # (content char span, attr, key)
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            attr = _according(t, dd, qspans)
            head = t.head
            if head.i == t.i or attr.head is None:
                continue
            # content: the clause "according to X" hangs on, without it
            sub = list(head.subtree)
            acc = {x.i for x in t.subtree}
            keep = [x for x in sub if x.i not in acc]
            if not keep:
                continue
            lo, hi = keep[0].i, keep[-1].i
            if t.i < lo or t.i > hi:
                pass
            elif t.i > (lo + hi) / 2:
                hi = min(acc) - 1
            else:
                lo = max(acc) + 1
            while lo < hi and doc[lo].is_punct:
                lo += 1
            while hi > lo and doc[hi].is_punct:
                hi -= 1
            cands.append(((doc[lo].idx, doc[hi].idx + len(doc[hi].text)), attr, ("according to", "that", True)))
        elif t.pos_ == "VERB" or (learn is False and verb_cue(t) is not None):
            frames = verb_frames(t)
            if not frames:
                continue
            c = verb_cue(t)
            attr = _speaker_of(t, dd, qspans)
            ctx = 2 if _inside(t.idx, direct_spans) else int(attr.head is not None)
            best = None
            for frame, (lo, hi) in frames:
                key = (t.lemma_.lower(), frame, ctx)
                if learn:
                    cands.append(((doc[lo].idx, doc[hi].idx + len(doc[hi].text)), attr, key))
                    continue
                sc = _frame_score(key[0], frame, ctx, c)
                if sc is not None and (best is None or sc > best[0]):
                    best = (sc, (doc[lo].idx, doc[hi].idx + len(doc[hi].text)), key)
            if best is not None:  # one content per cue: its most reliable frame
                cands.append((best[1], attr, best[2]))
        if cands:
            pa = text.rfind("\n", 0, t.idx) + 1
            pb = text.find("\n", t.idx)
            pb = len(text) if pb < 0 else pb
        for (s, e), attr, key in cands:
            s, e = max(s, pa), min(e, pb)  # never across a paragraph break
            while e > s and text[e - 1] in " \t\u00a0":
                e -= 1
            if e - s < 3:
                continue
            # a direct quote already reports it (the cue attributes that quote)
            if any(min(e, b) - max(s, a) >= 0.8 * (e - s) for a, b in direct_spans):
                if not NESTED or not any(a <= t.idx < b for a, b in direct_spans):
                    continue
            if attr.head is not None and s <= attr.head.idx < e:
                # speaker inside content: trim to the part after the cue
                if attr.cue and s < attr.cue[1] < e:
                    s = attr.cue[1]
                    while s < e and not text[s].isalnum() and text[s] not in "“\"'":
                        s += 1
                else:
                    continue
            kind = "mixed" if _MARK_RE.search(text, s, e) else "indirect"
            out.append({"kind": kind, "start": s, "end": e, "cue": attr.cue,
                        "attr": attr if attr.head is not None else None, "run": None, "key": key})
    return out
