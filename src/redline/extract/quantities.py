"""Numeric claims: value or range, qualifier, unit, the thing counted, claimant and date.

:func:`extract_quantities` returns :class:`~redline.model.Quantity` records::

    "several thousand soldiers"        -> value None, qualifier several, unit soldiers
    "over 7,000 North Korean soldiers" -> value 7000, qualifier over, unit soldiers
    "half of all munitions used by Russia in Ukraine" -> value 0.5, qualifier half,
                                          unit proportion, counted "all munitions used ..."
    "between 10 and 20 tanks"          -> value [10, 20]
    "$5 billion"                       -> value 5000000000, unit USD
    "60mm mortars"                     -> value 60, unit mm (a calibre)
    "a sharp increase in the number of North Korean soldiers" -> qualifier "sharp increase"

The claimant is the source the sentence cites for the figure ("NATO confirmed that ...",
"Western intelligence agencies claimed that ...", "according to X"), resolved with the
entity index, else the speaker of the innermost quote containing the figure, else None
(the author). ``claimant`` is an entity id; ``claimant_name`` keeps the cited source's
name when it is not a known entity. The date is the governing date (a date expression in
the same sentence, else the last one earlier in the paragraph, else the publication
date), filled when the article's dates are passed in. Numbers that are dates, durations,
ages or parts of names (AK-12, G7, World War II) are not quantities.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ._text import sentence_of, doc_text, token_at
from ..model import Quantity

DATA = Path(__file__).resolve().parents[1] / "data" / "quantities.tsv"


@dataclass
class _Lex:
    qualifiers: dict
    fractions: dict
    vague: dict
    numbers: dict
    multipliers: dict
    currencies: dict
    changes: dict
    report: set
    temporal: set
    labels: set
    re_num: re.Pattern
    re_fraction: re.Pattern
    re_vague: re.Pattern
    re_qual: re.Pattern
    re_change: re.Pattern
    re_calibre: re.Pattern
    re_range: re.Pattern


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lex:
    tables: dict[str, dict] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, terms, value = (line.split("\t") + ["", ""])[:3]
        for t in terms.split("|"):
            if t:
                tables.setdefault(kind, {})[t] = value
    q = tables.get("qualifier", {})
    fr = {k: float(v) for k, v in tables.get("fraction", {}).items()}
    vg = tables.get("vague", {})
    nums = {k: float(v) for k, v in tables.get("number", {}).items()}
    mult = {k: float(v) for k, v in tables.get("multiplier", {}).items()}
    cur = tables.get("currency", {})
    ch = tables.get("change", {})
    NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + _alt(nums) + r")"
    MULT = r"(?:\s*(?P<m>" + _alt(k for k in mult if len(k) > 2) + r"|bn|mln|tn)\b)?"
    CUR = r"(?:(?P<cur>[$£€])\s?)?"
    re_num = re.compile(
        r"(?<![\w.,/:-])" + CUR + r"(?P<n>" + NUM + r")" + MULT +
        r"(?:\s*(?:-|–|to|and|or)\s*(?P<n2>" + NUM + r")(?:\s*(?P<m2>" + _alt(k for k in mult if len(k) > 2) + r"))?)?" +
        r"(?P<pct>\s*(?:%|percent\b|per cent\b))?(?![\w/:]|[.,]\d|-(?:year|month|day|week))",
        re.I)
    return _Lex(
        qualifiers=q, fractions=fr, vague=vg, numbers=nums, multipliers=mult, currencies=cur, changes=ch,
        report=set(tables.get("report", {})), temporal=set(tables.get("temporal", {})),
        labels=set(tables.get("label", {})),
        re_num=re_num,
        re_fraction=re.compile(r"\b(?P<f>" + _alt(fr) + r")\s+of\b", re.I),
        re_vague=re.compile(r"\b(?P<v>" + _alt(vg) + r")(?:\s+(?P<m>" + _alt(k for k in mult if len(k) > 2) + r"))?(?:\s+of)?\s+(?=[\w\"“])", re.I),
        re_qual=re.compile(r"\b(?P<q>" + _alt(q) + r")\s+$", re.I),
        re_change=re.compile(r"\b(?P<a>an?\s+(?:(?P<adj>[a-z]+)\s+)?)(?P<c>" + _alt(ch) + r")\s+in\s+the\s+(?:number|amount|size)\s+of\b", re.I),
        re_calibre=re.compile(r"(?<![\w.])(?P<n>\d{1,3}(?:\.\d+)?)\s?-?\s?mm\b"),
        re_range=re.compile(r"\bbetween\s+$", re.I),
    )


def _num(lex: _Lex, s: Optional[str]) -> Optional[float]:
    if s is None:
        return None
    t = s.lower().strip()
    if t in lex.numbers:
        return lex.numbers[t]
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _clean(v: Optional[float]):
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(v, 4)


def _counted(doc, tok, lex: _Lex):
    """Head noun counted by a number token, or (None) when the number has none."""
    h = tok
    for _ in range(4):
        if h.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and h.head.i > h.i:
            h = h.head
            if h.pos_ in ("NOUN", "PROPN") and h.lower_ not in lex.multipliers:
                return h
        else:
            break
    return None


def _span_end_partitive(doc, of_tok) -> int:
    objs = [c for c in of_tok.children if c.dep_ == "pobj"]
    if not objs:
        return of_tok.idx + len(of_tok.text)
    sub = list(objs[0].subtree)
    sent_end = sentence_of(of_tok).end
    last = max(t.i for t in sub if t.i < sent_end)
    while last > of_tok.i and (doc[last].is_punct or doc[last].dep_ in ("cc",)):
        last -= 1
    return doc[last].idx + len(doc[last].text)


def _is_temporal_context(doc, tok, lex: _Lex) -> bool:
    if tok is None:
        return False
    if tok.ent_type_ in ("DATE", "TIME", "ORDINAL"):
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in lex.temporal:
        return True
    if tok.head.lower_ in lex.temporal and tok.head.i > tok.i:
        return True
    return False


def _claimant(doc, start: int, quotes, index, lex: _Lex):
    """(entity id, name) of the cited source of a figure at ``start``."""
    tok = token_at(doc, start, within=True)
    if tok is not None:
        # "X claimed/said/confirmed that ... N ...": climb to a reporting verb in the sentence
        h = tok
        seen = 0
        while h.head.i != h.i and seen < 12:
            child = h
            h = h.head
            seen += 1
            if h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in lex.report and child.dep_ in ("ccomp", "xcomp", "advcl", "conj", "dobj", "parataxis"):
                subj = [c for c in h.children if c.dep_ in ("nsubj",)]
                if subj:
                    s = subj[0]
                    if s.lower_ in ("it", "this", "that", "there", "which", "who"):
                        break
                    if s.pos_ == "PRON":
                        # a pronoun subject: resolved by the index if it knows it
                        ent = index.at(s.idx, s.idx + len(s.text)) if index is not None else None
                        if ent is not None:
                            return ent.id, ent.name
                        break
                    left = min(t.i for t in s.subtree)
                    right = max(t.i for t in s.subtree)
                    s0, s1 = doc[left].idx, doc[right].idx + len(doc[right].text)
                    actor = None
                    try:
                        actor = index.actor(s0, s1) if index is not None else None
                    except Exception:
                        actor = None
                    if actor is not None:
                        return actor.entity, doc_text(doc)[s0:s1]
                    return None, doc_text(doc)[s0:s1]
        # "according to X"
        sent = sentence_of(tok)
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                objs = [c for c in doc[t.i + 1].children if c.dep_ == "pobj"]
                if objs:
                    o = objs[0]
                    left = min(x.i for x in o.subtree)
                    right = max(x.i for x in o.subtree)
                    s0, s1 = doc[left].idx, doc[right].idx + len(doc[right].text)
                    try:
                        actor = index.actor(s0, s1) if index is not None else None
                    except Exception:
                        actor = None
                    if actor is not None:
                        return actor.entity, actor.name
                    return None, doc_text(doc)[s0:s1]
    # the innermost quote around the figure
    best = None
    for q in quotes or []:
        parts = getattr(q, "parts", None) or []
        spans = [(p.start, p.end) for p in parts] or [(q.start, q.end)]
        if any(s <= start < e for s, e in spans):
            if best is None or (q.end - q.start) < (best.end - best.start):
                best = q
    if best is not None and best.speaker is not None:
        return best.speaker.entity, best.speaker.name
    return None, None


def _governing_date(q: Quantity, dates, doc, published) -> Optional[str]:
    if not dates:
        return published
    tok = token_at(doc, q.start, within=True)
    if tok is None:
        return published
    sent = sentence_of(tok)
    s0, s1 = sent.start_char, sent.end_char
    in_sent = [d for d in dates if s0 <= d.start < s1]
    if any(d.qualifier == "future" for d in in_sent):
        return None
    usable = [d for d in in_sent if d.value and d.granularity != "duration"]
    if usable:
        return min(usable, key=lambda d: abs(d.start - q.start)).value
    # the last date earlier in the paragraph
    para_start = doc_text(doc).rfind("\n", 0, q.start) + 1
    earlier = [d for d in dates if para_start <= d.start < s0 and d.value and d.granularity != "duration"
               and d.qualifier not in ("future",)]
    if earlier:
        return earlier[-1].value
    return published


def extract_quantities(doc, quotes=None, index=None, dates=None, published=None) -> list[Quantity]:
    """Return the numeric claims of ``doc`` in text order.

    Args:
        doc: a parsed spaCy ``Doc``.
        quotes: the article's quotes; a figure inside one is claimed by its speaker.
        index: the :class:`~redline.extract.actors.EntityIndex`, to resolve cited sources.
        dates: the article's :class:`DateExpr` list (optional) for the governing date.
        published: publication date, the date of last resort.
    """
    text = doc_text(doc)
    if not text:
        return []
    if dates is None:
        # extract_dates leaves its result on the doc (the pipeline runs it first)
        stash = doc.user_data.get("redline.dates") if hasattr(doc, "user_data") else None
        if stash is not None:
            from ..model import DateExpr
            published = published or stash[0]
            dates = [DateExpr(s, e, t, v, q, g) for s, e, t, v, q, g in stash[1]]
    lex = _lexicon()
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s, e):
        return not any(s < te and ts < e for ts, te in taken)

    def add(qs, qe, num_start, value, qualifier, unit, counted, claim=True):
        if not free(num_start, qe):
            return
        q = Quantity(qs, qe, text[qs:qe], value, qualifier, unit)
        q.counted = counted
        q._claim = claim  # type: ignore[attr-defined]
        out.append(q)
        taken.append((qs, qe))

    def qualifier_before(pos: int):
        m = lex.re_qual.search(text[max(0, pos - 25):pos])
        if m:
            return pos - (len(text[max(0, pos - 25):pos]) - m.start()), lex.qualifiers[m.group("q").lower()]
        return pos, None

    # change claims: "a sharp increase in the number of North Korean soldiers"
    for m in lex.re_change.finditer(text):
        tok = token_at(doc, m.end() - 2, within=True)
        end = m.end()
        of_tok = token_at(doc, m.end() - 2, within=True)
        counted = None
        if of_tok is not None and of_tok.lower_ == "of":
            end = _span_end_partitive(doc, of_tok)
            objs = [c for c in of_tok.children if c.dep_ == "pobj"]
            counted = text[m.end():end].strip() or None
            unit = objs[0].lower_ if objs else None
        else:
            unit = None
        adj = (m.group("adj") or "").lower()
        qual = (adj + " " if adj else "") + lex.changes[m.group("c").lower()]
        add(m.start(), end, m.start(), None, qual, unit, counted)
    # proportions: "half of all munitions used by Russia in Ukraine"
    for m in lex.re_fraction.finditer(text):
        of_tok = token_at(doc, m.end() - 2, within=True)
        end = _span_end_partitive(doc, of_tok) if of_tok is not None else m.end()
        counted = text[m.end():end].strip() or None
        word = m.group("f").lower()
        qual = "half" if "half" in word else word
        add(m.start(), end, m.start(), lex.fractions[word], qual, "proportion", counted)
    # calibres: "60mm mortars"
    for m in lex.re_calibre.finditer(text):
        v = _num(lex, m.group("n"))
        end = m.end()
        tok = token_at(doc, m.start(), within=True)
        head = None
        if tok is not None:
            after = [t for t in doc[tok.i:tok.i + 5] if t.idx >= m.end() and t.pos_ in ("NOUN", "PROPN")]
            if after:
                head = after[0]
                end = head.idx + len(head.text)
        add(m.start(), end, m.start(), _clean(v), None, "mm", head.text if head is not None else None, claim=False)
    # vague counts: "several thousand soldiers", "hundreds of civilians"
    for m in lex.re_vague.finditer(text):
        tok = token_at(doc, m.end(), within=True)
        if tok is None or tok.lower_ in lex.temporal or _is_temporal_context(doc, token_at(doc, m.start(), within=True), lex):
            continue
        if tok.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
            continue
        # the counted noun: the first noun at or after tok, before any verb/punct
        head = None
        for t in doc[tok.i:tok.i + 8]:
            if t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ") and t.idx > tok.idx:
                break
            if t.pos_ in ("NOUN", "PROPN") and (t.i + 1 >= len(doc) or doc[t.i + 1].pos_ not in ("NOUN", "PROPN") or doc[t.i + 1].is_punct):
                head = t
                break
        if head is None or head.lower_ in lex.temporal:
            continue
        qual = lex.vague[m.group("v").lower()]
        end = head.idx + len(head.text)
        counted = text[m.end():end]
        add(m.start(), end, m.start(), None, qual, head.lower_, counted)
    # numbers
    for m in lex.re_num.finditer(text):
        n_s = m.start("n")
        tok = token_at(doc, n_s, within=True)
        if tok is None:
            continue
        word_number = m.group("n").lower() in lex.numbers
        if _is_temporal_context(doc, tok, lex):
            continue
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "NORP") and not m.group("cur"):
            continue
        v1 = _num(lex, m.group("n"))
        if v1 is None:
            continue
        if word_number and m.group("n").lower() in ("one", "a", "an") and not m.group("m") and not m.group("n2"):
            continue  # "one argument", "one of the producers": not a numeric claim
        prev_word = re.search(r"([A-Za-z.]+)[\s-]*$", text[max(0, m.start() - 12):m.start()])
        if prev_word and prev_word.group(1).lower() in lex.labels and not m.group("cur"):
            continue  # "type 2 diabetes", "Article 5", "phase 3"
        if not word_number and re.fullmatch(r"(?:1[89]|20)\d\d", m.group("n")) and not m.group("pct") and not m.group("cur"):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is None or nxt.pos_ not in ("NOUN",) or tok.dep_ != "nummod":
                continue  # a bare year-like number
        mult = lex.multipliers.get((m.group("m") or "").lower(), 1.0)
        v1 *= mult
        v2 = _num(lex, m.group("n2"))
        if v2 is not None:
            v2 *= lex.multipliers.get((m.group("m2") or "").lower(), mult if not m.group("m2") else 1.0)
        qs, qual = qualifier_before(m.start())
        if v2 is None or not re.search(r"\s*(?:-|–|to|and)\s*", text[m.end("n"):m.start("n2")] if m.group("n2") else ""):
            v2 = None
        if v2 is not None and re.search(r"\band\b", text[m.end("n"):m.start("n2")]) and not lex.re_range.search(text[max(0, m.start() - 10):m.start()]):
            v2 = None  # "3 and 4" outside "between ... and" is two numbers
        elif v2 is not None and lex.re_range.search(text[max(0, qs - 10):qs]):
            qs = qs - (len(text[max(0, qs - 10):qs]) - lex.re_range.search(text[max(0, qs - 10):qs]).start())
        end = m.end() if v2 is not None else (m.end("m") if m.group("m") else m.end("n"))
        if m.group("pct"):
            end = m.end("pct") if v2 is None else m.end()
        value = [_clean(v1), _clean(v2)] if v2 is not None else _clean(v1)
        unit, counted = None, None
        last_tok = token_at(doc, end - 1, within=True) or tok
        if m.group("cur"):
            unit = lex.currencies.get(m.group("cur"))
        elif m.group("pct"):
            unit = "percent"
            of = doc[last_tok.i + 1] if last_tok.i + 1 < len(doc) else None
            if of is not None and of.lower_ == "of":
                pend = _span_end_partitive(doc, of)
                counted = text[of.idx + 3:pend].strip() or None
                end = pend
        else:
            head = _counted(doc, last_tok, lex) or _counted(doc, tok, lex)
            nxt = doc[last_tok.i + 1] if last_tok.i + 1 < len(doc) else None
            if head is not None:
                cur_word = lex.currencies.get(head.lower_)
                if cur_word:
                    unit = cur_word
                else:
                    unit = head.lower_
                    counted = text[last_tok.idx + len(last_tok.text):head.idx + len(head.text)].strip()
                end = head.idx + len(head.text)
            elif nxt is not None and nxt.lower_ == "of" and not word_number or (nxt is not None and nxt.lower_ == "of" and tok.lower_ != "one"):
                pend = _span_end_partitive(doc, nxt)
                objs = [c for c in nxt.children if c.dep_ == "pobj"]
                unit = objs[0].lower_ if objs else None
                counted = text[nxt.idx + 3:pend].strip() or None
                end = pend
            else:
                continue  # a bare number with nothing counted: not a claim we can type
        if word_number and tok.lower_ == "one" and (unit is None or tok.dep_ != "nummod"):
            continue
        add(qs, end, n_s, value, qual, unit, counted)
    out.sort(key=lambda q: q.start)
    for q in out:
        claim = getattr(q, "_claim", True)
        try:
            del q._claim  # type: ignore[attr-defined]
        except AttributeError:
            pass
        if claim:
            q.claimant, name = _claimant(doc, q.start, quotes, index, lex)
            q.claimant_name = name.strip(" ,;:") if name else None
            q.date = _governing_date(q, dates, doc, published) if (dates is not None or published) else None
    return out


def assign_dates(quantities: Iterable[Quantity], dates, doc, published=None) -> None:
    """Fill ``Quantity.date`` with the governing date when it was not known at extraction."""
    for q in quantities or []:
        if q.date is None and q.unit != "mm":
            q.date = _governing_date(q, dates, doc, published)
