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
  mention nearest the quote as written, resolved to a canonical entity through the
  :class:`~redline.extract.actors.EntityIndex` (pronouns and titles are resolved to the
  last compatible speaker or person, and added to the entity as mentions);
- quoted **terms** that are not speech (scare quotes, names: ``"brotherly"``, ``"Phoenix"``),
  returned separately.

It never gives up on an article because of an unbalanced quotation mark: marks are paired
paragraph by paragraph, and a stray mark only affects its own paragraph. The work is linear
in the length of the text and reads the existing parse (no re-parsing).
"""
from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Optional

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
_SUBJ = {"nsubj", "nsubjpass", "csubj"}


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
        return "open" if (ch == "«") != inside else "close"
    # straight marks: by context, then by alternation
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    left_open = before.isspace() or before in "([{—–-/:" or m.start() == 0
    right_open = after.isspace() or after in ".,;:!?)]}—–" or m.end() >= len(text)
    if inside:
        return "open" if (left_open and not right_open and not before.isspace()) and False else "close"
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
    for ps, pe in _paragraphs(text):
        marks = list(_MARK_RE.finditer(text, ps, pe))
        lead = ps
        while lead < pe and text[lead].isspace():
            lead += 1
        if cur is not None:
            if marks and marks[0].start() == lead and _orient(text, marks[0], False) == "open":
                cur.parts.append([marks[0].end(), None])
                marks = marks[1:]
            else:
                runs.append(cur)
                cur = None
        seen_mark = False
        for m in marks:
            kind = _orient(text, m, cur is not None)
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
class _Doc:
    """Character → token lookups over a spaCy Doc, built once (linear)."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text
        n = len(self.text)
        self.tok_at = [-1] * (n + 1)
        for t in doc:
            for i in range(t.idx, t.idx + len(t.text)):
                self.tok_at[i] = t.i
        # fill gaps (whitespace) with the next token index
        nxt = len(doc)
        for i in range(n, -1, -1):
            if self.tok_at[i] == -1:
                self.tok_at[i] = nxt
            else:
                nxt = self.tok_at[i]

    def toks(self, start: int, end: int):
        """Tokens lying (at least partly) within [start, end)."""
        if end <= start:
            return self.doc[0:0]
        a = self.tok_at[min(start, len(self.text))]
        b = self.tok_at[min(end - 1, len(self.text))]
        if b >= len(self.doc):
            b = len(self.doc) - 1
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


def _subject(verb, depth: int = 0):
    """The subject of ``verb``: its own, or (for a conjunct, participle, relative or
    open clause) the one it shares."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
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
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        return _subject(verb.head, depth + 1)
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    return None


# --------------------------------------------------------------------------- speakers
class _Resolver:
    """Speaker mentions → canonical entities, with pronoun/title resolution."""

    def __init__(self, doc, entities, index):
        self.doc = doc
        self.index = index
        self.entities = {e.id: e for e in (entities or [])}
        self.history: list[tuple[int, Optional[str], Optional[str], bool]] = []  # (pos, entity, name, person)

    def _entity(self, eid):
        if eid is None:
            return None
        if self.index is not None:
            try:
                return self.index.get(eid)
            except Exception:
                pass
        return self.entities.get(eid)

    def speaker(self, head, span: tuple[int, int]) -> Speaker:
        text = self.doc.text
        s, e = span
        low = head.lower_
        eid = name = None
        person = head.ent_type_ == "PERSON"
        if low in _PERSONAL or (head.pos_ == "PRON" and low not in ("it", "this", "that")):
            ent = self._last_person(s, low)
            if ent is not None:
                eid, name = ent.id, ent.name
                self._add(eid, head.idx, head.idx + len(head.text), head.text, "pronoun")
            return self._remember(Speaker(head.idx, head.idx + len(head.text), head.text, name, eid), True)
        ent = self._lookup(head, s, e)
        if ent is None and head.pos_ != "PROPN" and head.lower_ in title_words():
            # "the expert", "the President of Ukraine": the last person speaker
            ent = self._last_person(s, None)
            if ent is not None:
                self._add(ent.id, s, e, text[s:e], "title")
        if ent is not None:
            eid, name = ent.id, ent.name
            person = person or getattr(ent, "type", None) == "PERSON"
        elif head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            name = text[s:e]
        return self._remember(Speaker(s, e, text[s:e], name, eid), person)

    def _lookup(self, head, s: int, e: int):
        """The entity a speaker phrase names: the one whose mention holds the head word,
        else a person named in the phrase, else what the index makes of the phrase."""
        if self.index is None:
            return None
        try:
            cands = list(self.index.mentions_in(s, e)) if hasattr(self.index, "mentions_in") else []
            hs, he = head.idx, head.idx + len(head.text)
            at_head = [ent for ms, me, ent in cands if ms <= hs and he <= me]
            if at_head:
                people = [x for x in at_head if x.type == "PERSON"]
                return (people or at_head)[0]
            people = [ent for ms, me, ent in cands if ent.type == "PERSON"]
            if people:
                return people[-1]
            ent = self.index.at(s, e)
            if ent is None:
                act = self.index.actor(s, e)
                if act is not None and act.entity:
                    ent = self._entity(act.entity)
            return ent
        except Exception:
            log.debug("index lookup failed", exc_info=True)
            return None

    def _add(self, eid, s, e, t, kind):
        if self.index is None:
            return
        try:
            ent = self._entity(eid)
            if ent is not None and any(m.start == s and m.end == e for m in ent.mentions):
                return
            self.index.add_mention(eid, s, e, t, kind)
        except Exception:
            log.debug("add_mention failed", exc_info=True)

    def _remember(self, spk: Speaker, person: bool) -> Speaker:
        self.history.append((spk.start, spk.entity, spk.name, person))
        return spk

    def _last_person(self, pos: int, pronoun: Optional[str]):
        for p, eid, name, person in reversed(self.history):
            if p < pos and eid and person:
                ent = self._entity(eid)
                if ent is not None and getattr(ent, "type", "PERSON") == "PERSON":
                    return ent
        if self.index is not None:
            try:
                gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(pronoun or "")
                return self.index.last_person_before(pos, gender)
            except TypeError:
                return self.index.last_person_before(pos)
            except Exception:
                return None
        return None


# --------------------------------------------------------------------------- attribution
@dataclass
class _Attr:
    cue: Optional[tuple[int, int]]
    head: object  # speaker head token or None
    span: Optional[tuple[int, int]]


def _cue_span(tok) -> tuple[int, int]:
    """The cue as written: the verb with its particle ("pointed out")."""
    s, e = tok.idx, tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            e = c.idx + len(c.text)
    return s, e


def _speaker_of(verb, dd: _Doc, qspans) -> Optional[_Attr]:
    subj = _subject(verb)
    if subj is None:
        # "..., said the President of Ukraine": a noun right after the verb
        for c in verb.children:
            if c.i > verb.i and c.dep_ in ("dobj", "attr", "npadvmod", "oprd", "dative") and c.pos_ in ("PROPN", "NOUN"):
                subj = c
                break
    if subj is None or _inside(subj.idx, qspans):
        return _Attr(_cue_span(verb), None, None)
    if subj.lower_ in ("it", "there") and subj.dep_ == "nsubj":
        return _Attr(_cue_span(verb), None, None)
    return _Attr(_cue_span(verb), subj, _speaker_span(subj))


def _speaker_span(subj) -> tuple[int, int]:
    """The speaker phrase: the subject's noun phrase, with an appositive name
    ("the head of the committee, Mike Turner,")."""
    s, e = _np_span(subj)
    for c in subj.children:
        if c.dep_ == "appos" and c.i > subj.i and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN"):
            e = max(e, _np_span(c)[1])
    return s, e


def _inside(pos: int, spans) -> bool:
    return any(a <= pos < b for a, b in spans)


_STOP_AFTER = {"when", "while", "as", "after", "before", "if", "because", "since", "although", "though", "but", "and", "so"}


def _find_after(dd: _Doc, qe: int, limit: int, qspans, closed: bool = True) -> Optional[_Attr]:
    """Attribution right after a quote: '“...,” X said' / '“...,” said X' / '“...” – X said'.

    ``qe`` is the end of the quoted words (before the closing mark). The quote must end
    with punctuation (inside or right after the closing mark), and every word between the
    quote and the cue must belong to the speaker's noun phrase or the cue's verb group.
    """
    text = dd.text
    inner = text[max(0, qe - 2):qe].rstrip()
    j = qe
    while j < limit and (text[j] in "\"'”’»〞" or text[j].isspace()):
        j += 1
    if not (inner[-1:] in ",.!?…—–-:;" or (j < limit and text[j] in ",—–-:")):
        return None
    toks = [t for t in dd.toks(qe, limit) if not t.is_space and t.idx >= qe]
    while toks and (toks[0].is_punct or _is_mark(toks[0])):
        toks = toks[1:]
    toks = toks[:12]
    for k, t in enumerate(toks):
        if t.text in ".!?;" or _is_mark(t) or t.lower_ in _STOP_AFTER:
            break
        c = verb_cue(t)
        if c is not None and "quote" in c.frames:
            subj = _subject(t)
            allowed = set()
            if subj is not None:
                allowed |= {x.i for x in subj.subtree}
            allowed |= {x.i for x in t.children if x.dep_ in ("aux", "auxpass", "neg", "advmod", "punct")}
            if any(b.i not in allowed and not b.is_punct for b in toks[:k]):
                break
            return _speaker_of(t, dd, qspans)
        if t.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to" and k == 0:
            return _according(t, dd, qspans)
    return None


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


def _find_before(dd: _Doc, lo: int, qs: int, qspans) -> Optional[_Attr]:
    """Attribution right before a quote: 'X said: “' / 'X said, “' / 'X told Y that “'.

    ``qs`` is the position of the opening mark. Every word between the cue and the quote
    must depend on the cue (its object, "that", a time or place).
    """
    toks = [t for t in dd.toks(lo, qs) if not t.is_space and t.idx + len(t.text) <= qs]
    toks = toks[-14:]
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if (t.text in ".!?;" and k < len(toks) - 1) or (_is_mark(t) and k < len(toks) - 1):
            break
        c = verb_cue(t)
        if c is not None and ("quote" in c.frames or "that" in c.frames):
            between = toks[k + 1:]
            if any(not (b.is_punct or t.is_ancestor(b)) for b in between):
                break
            return _speaker_of(t, dd, qspans)
        if t.lower_ == "according" and k + 1 < len(toks) and toks[k + 1].lower_ == "to":
            return _according(t, dd, qspans)
    return None


def _find_by_head(dd: _Doc, qs: int, qe: int, qspans) -> Optional[_Attr]:
    """A cue verb outside the quote governing a word inside it (in the same sentence)."""
    for t in dd.toks(qs, qe):
        h = t.head
        steps = 0
        while steps < 2 and h is not t and qs <= h.idx < qe:
            h = h.head
            steps += 1
        if h is t or qs <= h.idx < qe:
            continue
        c = verb_cue(h)
        if c is not None and ("quote" in c.frames or "that" in c.frames) and not _inside(h.idx, qspans):
            return _speaker_of(h, dd, qspans)
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


def _insertions(text: str, s: int, e: int) -> list[TextSpan]:
    out = []
    for m in _EDITOR_RE.finditer(text, s, e):
        if m.group().startswith("[") and len(m.group()) > 40:
            continue
        out.append(TextSpan(m.start(), m.end(), m.group()))
    return out


def extract_quotes(doc, entities, index) -> tuple[list[Quote], list[TextSpan]]:
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
    text = doc.text
    dd = _Doc(doc)
    res = _Resolver(doc, entities, index)
    runs = pair_marks(text)
    paras = _paragraphs(text)
    para_of = _para_lookup(paras)

    found: list[dict] = []
    terms: list[TextSpan] = []
    qspans = [(r.start, r.end) for r in runs]

    # 1. merge quotes split around an attribution: “A,” he said, “B.”
    merged: list[_Raw] = []
    between_attr: dict[int, _Attr] = {}
    for r in runs:
        if merged and r.open_mark and merged[-1].closed and para_of(merged[-1].end) == para_of(r.start):
            prev = merged[-1]
            gap = text[prev.end:r.start].strip(" \"“”'’«»\u00a0")
            words = gap.split()
            ends_open = text[max(0, prev.end - 1):prev.end] in (",", "—", "–", "-", "…") or text[prev.end - 1:prev.end].isalnum()
            if 0 < len(words) <= 9 and not re.search(r"[.!?;]", gap[:-1]) and (ends_open or gap[-1:] in ",:"):
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
        if attr is None:
            limit = pe
            nxt = [q[0] for q in qspans if q[0] > e]
            if nxt:
                limit = min(limit, nxt[0])
            attr = _find_after(dd, e, limit, qspans)
        if attr is None:
            prev_end = max([q[1] for q in qspans if q[1] < s] + [ps])
            attr = _find_before(dd, max(ps, prev_end), s - 1 if r.open_mark else s, qspans)
        if attr is None:
            attr = _find_by_head(dd, s, e, qspans)
        speech = _looks_like_speech(dd, s, e)
        if attr is None or attr.cue is None:
            if not speech or (r.orphan and not attr):
                if not r.orphan:
                    terms.append(TextSpan(s, e, text[s:e]))
                continue
            # an unattributed quote paragraph continuing the previous speaker
            q = {"kind": "direct", "start": s, "end": e, "cue": None, "attr": None, "run": r}
            if last_direct is not None and last_direct["attr"] is not None and p is not None and \
                    para_of(last_direct["start"]) is not None and p - para_of(last_direct["start"]) <= 2:
                q["same_as"] = last_direct
            found.append(q)
            last_direct = q
            continue
        if not speech and not r.closed:
            continue
        q = {"kind": "direct", "start": s, "end": e, "cue": attr.cue,
             "attr": attr if attr.head is not None else None, "run": r}
        found.append(q)
        last_direct = q

    # 3. indirect and mixed quotes from cue verbs and "according to"
    direct_spans = [(q["start"], q["end"]) for q in found]
    indirect = _indirect(dd, qspans, direct_spans)
    mixed = [(q["start"], q["end"]) for q in indirect if q["kind"] == "mixed"]
    if mixed:  # a quoted fragment of a mixed quote is not a quote of its own
        found = [q for q in found if not any(a <= q["start"] and q["end"] <= b and (q["start"], q["end"]) != (a, b)
                                              for a, b in mixed)]
    found.extend(indirect)

    # 4. speakers, resolved in text order (pronouns look back at earlier speakers)
    spoken = sorted((q for q in found if q.get("attr") is not None), key=lambda q: q["attr"].head.i)
    for q in spoken:
        q["speaker"] = res.speaker(q["attr"].head, q["attr"].span)
    for q in sorted(found, key=lambda q: q["start"]):
        if "speaker" not in q:
            src = q.get("same_as")
            q["speaker"] = src.get("speaker") if src is not None else None

    # single-quoted terms nested anywhere
    for m in _SINGLE_TERM_RE.finditer(text):
        inner = m.group(1)
        if len(inner.split()) <= 5 and not inner.endswith((".", ",")):
            terms.append(TextSpan(m.start(1), m.end(1), inner))

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


def _para_lookup(paras):
    import bisect
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


def _indirect(dd: _Doc, qspans, direct_spans):
    doc = dd.doc
    text = dd.text
    out = []
    for t in doc:
        content = None
        attr = None
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            attr = _according(t, dd, qspans)
            head = t.head
            if head is t or attr.head is None:
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
            content = (doc[lo].idx, doc[hi].idx + len(doc[hi].text))
        else:
            c = verb_cue(t)
            if c is None:
                continue
            comp = None
            for ch in t.children:
                if ch.dep_ == "ccomp" and "that" in c.frames:
                    comp = ch
                    break
                if ch.dep_ in ("xcomp", "ccomp") and "to" in c.frames and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
                    comp = ch
                    break
            if comp is None and ("for" in c.frames or "of" in c.frames):
                for ch in t.children:
                    if ch.dep_ == "prep" and ch.lower_ in c.frames:
                        objs = [g for g in ch.children if g.dep_ in ("pobj", "pcomp")]
                        if objs:
                            content = _content_span(objs[0])
                            break
            if comp is None and content is None and "obj" in c.frames:
                for ch in t.children:
                    if ch.dep_ == "dobj" and ch.pos_ in ("NOUN", "PRON", "PROPN"):
                        if ch.lower_ in ("it", "this", "that"):
                            continue
                        content = _content_span(ch)
                        break
            if comp is not None:
                content = _content_span(comp)
                # "X said" after the clause: content starts the sentence
            if content is None:
                continue
            attr = _speaker_of(t, dd, qspans)
            if attr.head is None:
                continue
        s, e = content
        if e - s < 8:
            continue
        # a direct quote already reports it (the cue attributes that quote)
        if any(min(e, b) - max(s, a) >= 0.8 * (e - s) for a, b in direct_spans):
            if not any(a <= t.idx < b for a, b in direct_spans):
                continue
        if attr.head is not None and s <= attr.head.idx < e:
            # speaker inside content: trim to the part after the cue
            if attr.cue and attr.cue[1] < e and attr.cue[1] > s:
                s = attr.cue[1]
                while s < e and not text[s].isalnum() and text[s] not in "“\"'":
                    s += 1
            else:
                continue
        kind = "mixed" if _MARK_RE.search(text, s, e) else "indirect"
        out.append({"kind": kind, "start": s, "end": e, "cue": attr.cue,
                    "attr": attr if attr.head is not None else None, "run": None})
    return out
