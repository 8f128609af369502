"""Temporal expressions: find them, normalise them against the publication date.

:func:`extract_dates` returns one :class:`~redline.model.DateExpr` per temporal
expression, in text order, with a value that keeps the expression's granularity
(``2024-10-23``, ``2024-10``, ``2022``, ``2024-W44``, ``199X``) and its qualifier
(``early``, ``mid``, ``late``, ``by``, ``since``, ``until``, ``from``, ``before``,
``after``, ``about``, ``present``, ``recent``, ``future``...)::

    "on October 23"          -> 2024-10-23               (year from the publication date)
    "By early October 2024"  -> 2024-10, qualifier early
    "in late 2022"           -> 2022, qualifier late
    "in 2014"                -> 2014                     (no invented day)
    "A year later"           -> 2023, relative, anchor 2022 (the date it follows in the text)
    "three days ago"         -> publication - 3 days      (None without a publication date)
    "Three weeks after the initial reports" -> relative, anchor "the initial reports", value None
    "since World War II"     -> 1945, qualifier since     (historical anchors: data/temporal.tsv)

Candidates come from regular expressions over the text (cheap); the parse is used
only for context (sentence starts, entity labels, the object of "after"/"before").
"may" the verb never matches (months need a capital and a day, a year or a
temporal preposition), and "Today" inside a title ("Lviv Today") is not a date.
Without a publication date, expressions relative to it stay unresolved (value None).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ._text import doc_text, token_table
from ..model import DateExpr

DATA = Path(__file__).resolve().parents[1] / "data" / "temporal.tsv"

_GRAN_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "year": 4, "decade": 5}


@dataclass
class _Lex:
    months: dict
    weekdays: dict
    numbers: dict
    units: dict
    qualifiers: dict
    preps: dict
    adverbs: dict  # phrase -> (kind, qualifier)
    events: dict  # phrase -> (start, end)
    re_month_day: re.Pattern
    re_day_month: re.Pattern
    re_month_year: re.Pattern
    re_month: re.Pattern
    re_year: re.Pattern
    re_decade: re.Pattern
    re_iso: re.Pattern
    re_slash: re.Pattern
    re_weekday: re.Pattern
    re_ago: re.Pattern
    re_lastnext: re.Pattern
    re_deictic: re.Pattern
    re_adverb: re.Pattern
    re_duration: re.Pattern
    re_event: re.Pattern
    re_anaphoric: re.Pattern
    re_prefix: re.Pattern
    re_season: re.Pattern
    re_month_rel_year: re.Pattern
    lower: dict  # lowercase twins (no IGNORECASE, run on text.lower(): ~3x faster)
    re_time: re.Pattern


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lex:
    rows: dict[str, list[tuple[list[str], str, str]]] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        parts = (line.split("\t") + ["", "", ""])[:4]
        kind, terms, value, extra = parts
        rows.setdefault(kind, []).append((terms.split("|"), value.strip(), extra.strip()))

    def table(kind, conv=str):
        out = {}
        for terms, value, _ in rows.get(kind, []):
            for t in terms:
                out[t] = conv(value) if value else None
        return out

    months = table("month", int)
    weekdays = table("weekday", int)
    numbers = table("number", int)
    units = table("unit")
    qualifiers = table("qualifier")
    preps = table("prep")
    adverbs = {}
    for kind in ("present", "past", "recent", "future"):
        for terms, value, _ in rows.get(kind, []):
            for t in terms:
                adverbs[t] = (kind, value or kind)
    events = {}
    for terms, value, extra in rows.get("event", []):
        for t in terms:
            events[t] = (value or None, extra or None)

    # Month names need their capital; abbreviations may carry a full stop.
    month_forms = []
    for m in months:
        cap = m[0].upper() + m[1:]
        month_forms.append(cap + (r"\.?" if len(m) <= 4 and m != "may" and m != "june" and m != "july" else ""))
    month_forms.sort(key=len, reverse=True)
    month_alt = "|".join(month_forms)
    MONTH = "(?P<m>" + month_alt + r")(?![A-Za-z])"
    DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    YEAR = r"(?P<y>(?:1[6-9]|20)\d\d)(?!\d|,\d)"
    wd_alt = "|".join(w[0].upper() + w[1:] for w in sorted(weekdays, key=len, reverse=True) if len(w) > 3)
    WD = "(?P<wd>" + wd_alt + r")\b"
    NUM = "(?:" + _alt(numbers) + r"|\d+(?:\.\d+)?)"
    UNIT = "(?:" + _alt(units) + ")"
    quals = _alt(qualifiers)
    preps_alt = _alt(preps)
    ev_alt = _alt(events)
    seasons = "spring|summer|autumn|fall|winter"
    lex = _Lex(
        months=months, weekdays=weekdays, numbers=numbers, units=units,
        qualifiers=qualifiers, preps=preps, adverbs=adverbs, events=events,
        re_month_day=re.compile(r"\b" + MONTH + r"\s+" + DAY + r"(?:,?\s+" + YEAR + ")?"),
        re_day_month=re.compile(r"\b" + DAY + r"\s+(?:of\s+)?" + MONTH + r"(?:,?\s+" + YEAR + ")?"),
        re_month_year=re.compile(r"\b" + MONTH + r"(?:\s+of)?,?\s+" + YEAR),
        re_month=re.compile(r"\b" + MONTH),
        re_year=re.compile(r"(?<![\d$£€.,/-])\b" + YEAR + r"(?!\s*(?:%|percent|per cent)|-\d)"),
        re_decade=re.compile(r"(?<![\w$])(?:(?P<c>1[6-9]|20)|')(?P<dd>\d)0s\b"),
        re_iso=re.compile(r"\b(?P<y>(?:1[6-9]|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"),
        re_slash=re.compile(r"\b(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)?\d\d)\b"),
        re_weekday=re.compile(r"\b" + WD + r"(?:\s+(?P<tod>morning|afternoon|evening|night))?"),
        re_ago=re.compile(r"\b(?P<n>" + NUM + r")\s+(?P<u>" + UNIT + r")\s+(?P<dir>ago|later|earlier|before|after|from now|prior)\b", re.I),
        re_lastnext=re.compile(r"\b(?P<rel>(?i:last|this|next|past|coming|previous|following))\s+(?P<u>week|month|year|weekend|" + seasons + r"|" + month_alt + r"|" + wd_alt + r")\b"),
        re_deictic=re.compile(r"\b(?P<w>yesterday|today|tomorrow|tonight|this morning|this afternoon|this evening|last night|earlier this (?:week|month|year)|later this (?:week|month|year)|earlier today)\b", re.I),
        re_adverb=re.compile(r"\b(?P<w>" + _alt(adverbs) + r")\b", re.I),
        re_duration=re.compile(r"\b(?:for|over|in)\s+(?P<w>(?:the\s+(?:past|last|next)\s+)?(?:(?:" + NUM + r")\s+)?(?:" + UNIT + r"))\b", re.I),
        re_event=re.compile(r"\b(?P<prep>since|from|after|before|during|until|by|following|prior to|at the (?:beginning|start|outbreak|end) of)\s+(?:the\s+(?:very\s+)?(?P<pos>beginning|start|outbreak|onset|end|eve|dawn|first days?)\s+of\s+)?(?P<ev>" + ev_alt + r")(?![\w])", re.I),
        re_anaphoric=re.compile(r"\b(?P<w>the (?:next|following|previous|same) (?:day|week|month|year)|the day (?:after|before)|that (?:day|week|month|year)|later that (?:day|week|month|year))\b", re.I),
        re_prefix=re.compile(r"(?:\b(?P<prep>" + preps_alt + r")\s+)?(?:(?P<qual>" + quals + r")[\s-]*)?$", re.I),
        re_month_rel_year=re.compile(r"\b" + MONTH + r"(?:\s+of)?\s+(?P<rel>(?i:next|last|this|the following|the previous))\s+(?i:year)\b"),
        re_time=re.compile(r"(?<![\w:])(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)", re.I),
        re_season=re.compile(r"\b(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+of)?\s+" + YEAR),
        lower={},
    )
    for name in ("re_ago", "re_adverb", "re_deictic", "re_event", "re_duration", "re_anaphoric"):
        lex.lower[name] = re.compile(getattr(lex, name).pattern)
    return lex


@dataclass
class _Cand:
    start: int
    end: int
    value: Optional[str]
    qualifier: Optional[str] = None
    granularity: Optional[str] = None
    relative: bool = False
    anchor: Optional[str] = None
    pending: Optional[tuple] = None  # ("later"|"before"..., amount, unit) resolved in text order
    priority: int = 1


def _fmt(d: dt.date, gran: str) -> str:
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "decade":
        return f"{d.year // 10:03d}X"
    return f"{d.year:04d}"


def _parse_iso(value: Optional[str]) -> Optional[tuple[dt.date, str]]:
    """'2024-10-23' / '2024-10' / '2024' / '2024-W44' -> (first day, granularity)."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value), "day"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date(int(value[:4]), int(value[5:7]), 1), "month"
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), "year"
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1), "week"
        m = re.fullmatch(r"(\d{3})X", value)
        if m:
            return dt.date(int(m.group(1)) * 10, 1, 1), "decade"
    except ValueError:
        return None
    return None


def _shift(d: dt.date, amount: float, unit: str) -> dt.date:
    amount = int(round(amount))
    if unit in ("day",):
        return d + dt.timedelta(days=amount)
    if unit == "week":
        return d + dt.timedelta(weeks=amount)
    if unit == "fortnight":
        return d + dt.timedelta(weeks=2 * amount)
    months = amount * {"month": 1, "year": 12, "decade": 120}.get(unit, 0)
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    day = min(d.day, calendar.monthrange(year, m + 1)[1]) if 1 <= year <= 9999 else d.day
    return dt.date(max(1, min(9999, year)), m + 1, day)


def _unit_gran(unit: str) -> str:
    return {"day": "day", "week": "day", "fortnight": "day", "month": "month", "year": "year", "decade": "year"}[unit]


def _number(lex: _Lex, word: str) -> Optional[float]:
    w = word.lower().strip()
    if w in lex.numbers:
        return lex.numbers[w]
    try:
        return float(w)
    except ValueError:
        return None


def _unit(lex: _Lex, word: str) -> Optional[str]:
    return lex.units.get(word.lower())


class _Ctx:
    """Cheap access to the parse: sentence starts, entity labels, tokens by offset."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.tok_starts = token_table(doc)[0]
        self.ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        self.ent_starts = [e[0] for e in self.ents]

    def token_at(self, pos: int):
        i = bisect.bisect_right(self.tok_starts, pos) - 1
        if i < 0 or i >= len(self.doc):
            return None
        t = self.doc[i]
        return t if t.idx <= pos < t.idx + max(1, len(t.text)) else None

    def ent_label(self, start: int, end: int) -> Optional[str]:
        i = bisect.bisect_right(self.ent_starts, start) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self.ents):
                s, e, lab = self.ents[j]
                if s <= start and end <= e:
                    return lab
        return None

    def ent_around(self, start: int, end: int):
        i = bisect.bisect_right(self.ent_starts, start) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self.ents):
                s, e, lab = self.ents[j]
                if s < end and start < e:
                    return s, e, lab
        return None

    def sent_initial(self, pos: int) -> bool:
        """True when pos starts a sentence/paragraph or follows an opening quote/colon."""
        before = self.text[max(0, pos - 3):pos]
        if not before.strip() or re.search(r"[\n.!?:;\"“‘'(]\s*$", before) or pos == 0:
            return True
        t = self.token_at(pos)
        return bool(t is not None and t.is_sent_start)


def _prefix(lex: _Lex, text: str, start: int) -> tuple[int, Optional[str], Optional[str]]:
    """Extend a date core leftwards over '(prep) (qualifier)'; return new start, prep, qual."""
    window = text[max(0, start - 40):start]
    m = lex.re_prefix.search(window)
    if not m or m.start() == m.end():
        return start, None, None
    new_start = start - (len(window) - m.start())
    prep = m.group("prep")
    qual = m.group("qual")
    # the match must begin at a word boundary
    if new_start > 0 and text[new_start - 1].isalnum():
        return start, None, None
    prep_q = lex.preps.get(prep.lower()) if prep else None
    qual_q = lex.qualifiers.get(qual.lower().rstrip("- ")) if qual else None
    if qual and qual_q is None:
        qual_q = lex.qualifiers.get(qual.lower().strip())
    return new_start, prep_q if prep else None, qual_q


def _year_for(pub: Optional[dt.date], month: int, day: Optional[int] = None) -> Optional[int]:
    """Year of a month(-day) written without one: the publication year, or the year
    before when that would put the date more than ~2 months after publication."""
    if pub is None:
        return None
    y = pub.year
    try:
        cand = dt.date(y, month, day or 1)
    except ValueError:
        return y
    if (cand - pub).days > 62:
        return y - 1
    return y


def _future_context(doc, pos: int, ctx: _Ctx) -> bool:
    """True when the verb the expression attaches to is in the future ("will meet on Monday")."""
    t = ctx.token_at(pos)
    if t is None:
        return False
    h = t
    for _ in range(6):
        if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
            break
        h = h.head
    for c in h.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "'ll", "shall", "wo"):
            return True
        if c.lower_ in ("next", "upcoming"):
            return True
    if h.lower_ in ("scheduled", "expected", "due", "set") or any(c.lower_ == "going" for c in h.children):
        return True
    return False


def _absolute(lex: _Lex, ctx: _Ctx, pub: Optional[dt.date]) -> list[_Cand]:
    text = ctx.text
    out: list[_Cand] = []

    def add(s, e, value, gran, core_qual=None, relative=False, anchor=None, need_ctx=False, prio=2):
        s2, prep_q, qual_q = _prefix(lex, text, s)
        if need_ctx and s2 == s:
            return
        qualifier = qual_q or prep_q or core_qual
        out.append(_Cand(s2, e, value, qualifier, gran, relative, anchor, priority=prio))

    for m in lex.re_iso.finditer(text):
        try:
            d = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
        except ValueError:
            continue
        add(m.start(), m.end(), d.isoformat(), "day", prio=3)
    for m in lex.re_slash.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if y < 100:
            y += 2000 if y < 50 else 1900
        mo, d = (a, b) if a <= 12 else (b, a)
        try:
            day = dt.date(y, mo, d)
        except ValueError:
            continue
        add(m.start(), m.end(), day.isoformat(), "day", prio=3)
    # "October 23[, 2024]" and "23 October [2024]" normalise alike.
    for m in itertools.chain(lex.re_month_day.finditer(text), lex.re_day_month.finditer(text)):
        mo = lex.months[m["m"].lower().rstrip(".")]
        d = int(m["d"])
        if not 1 <= d <= 31:
            continue
        y = int(m["y"]) if m["y"] else _year_for(pub, mo, d)
        try:
            value = dt.date(y, mo, d).isoformat() if y else None
        except ValueError:
            continue
        add(m.start(), m.end(), value, "day", relative=not m["y"],
            anchor=(pub.isoformat() if pub and not m["y"] else None), prio=3)
    for m in lex.re_month_year.finditer(text):
        mo = lex.months[m["m"].lower().rstrip(".")]
        add(m.start(), m.end(), f"{int(m['y']):04d}-{mo:02d}", "month", prio=3)
    for m in lex.re_month_rel_year.finditer(text):
        mo = lex.months[m["m"].lower().rstrip(".")]
        rel = m["rel"].lower()
        step = 1 if rel in ("next", "the following") else -1 if rel in ("last", "the previous") else 0
        value = f"{pub.year + step:04d}-{mo:02d}" if pub else None
        add(m.start(), m.end(), value, "month", relative=True, anchor=pub.isoformat() if pub else None, prio=4)
    for m in lex.re_time.finditer(text):
        # a clock time: the day it belongs to (the publication day unless a date is nearby)
        add(m.start(), m.end(), pub.isoformat() if pub else None, "day", relative=True,
            anchor=pub.isoformat() if pub else None, prio=2)
    for m in lex.re_season.finditer(text):
        add(m.start(), m.end(), f"{int(m['y']):04d}", "season", core_qual=m["s"].lower(), prio=3)
    for m in lex.re_month.finditer(text):
        word = m["m"]
        if word.lower().rstrip(".") == "may" and word != "May":
            continue
        # a bare month needs a temporal preposition/qualifier or last/this/next before it
        s2, prep_q, qual_q = _prefix(lex, text, m.start())
        before = text[max(0, m.start() - 12):m.start()].lower()
        attributive = re.search(r"\b(?:the|its|their|his|her|our|a|an)\s+$", before) and \
            re.match(r"\s+[a-z]+", text[m.end():m.end() + 15])
        if s2 == m.start() and not re.search(r"\b(?:last|this|next|early|late|mid)[\s-]*$", before) and not attributive:
            continue
        if s2 != m.start() and not qual_q:
            prep_word = text[s2:m.start()].strip().lower()
            if prep_word == "of" or (word in ("May", "March") and prep_word not in ("in", "since", "until", "by", "from", "during", "before", "after", "through", "throughout")):
                continue
        # "in May" ... but not "Theresa May", "in March Madness": next word must not be capitalised name
        after = text[m.end():m.end() + 20]
        if re.match(r"\s+[A-Z][a-z]", after) and not re.match(r"\s+(?:[A-Z][a-z]+day|The|This|That|It|He|She|They|We|I)\b", after):
            continue
        mo = lex.months[word.lower().rstrip(".")]
        y = _year_for(pub, mo)
        add(m.start(), m.end(), f"{y:04d}-{mo:02d}" if y else None, "month",
            relative=True, anchor=pub.isoformat() if pub else None)
    for m in lex.re_year.finditer(text):
        y = int(m["y"])
        s2, prep_q, qual_q = _prefix(lex, text, m.start())
        label = ctx.ent_label(m.start(), m.end())
        if s2 == m.start() and label != "DATE":
            continue
        if label in ("CARDINAL", "MONEY", "QUANTITY", "PERCENT"):
            continue
        if re.search(r"\b(?:Act|Acts|Treaty|Convention|Agreement|Accords?|Law|Class|Protocol|Charter|Declaration|Resolution|Games|Cup)\s+of\s*$", text[max(0, m.start() - 20):m.start()]):
            continue  # "the National Voter Registration Act of 1993": part of a name
        if s2 != m.start() and label != "DATE":
            # "in 2014" yes; "of 2000 troops" no
            nxt = text[m.end():m.end() + 15]
            if re.match(r"\s+[a-z]+s\b", nxt) and not re.match(r"\s+(?:was|is|has|as|this|saw|elections?|campaign)\b", nxt):
                continue
        add(m.start(), m.end(), f"{y:04d}", "year")
    for m in lex.re_decade.finditer(text):
        c = m["c"]
        if c is None:
            c = "19" if int(m["dd"]) >= 3 else "20"
        s, e = m.start(), m.end()
        if text[max(0, s - 4):s].lower() == "the ":
            s -= 4
        add(s, e, f"{c}{m['dd']}X", "decade")
    return out


def _weekday(lex: _Lex, ctx: _Ctx, pub: Optional[dt.date]) -> list[_Cand]:
    out = []
    for m in lex.re_weekday.finditer(ctx.text):
        wd = lex.weekdays[m["wd"].lower()]
        s2, prep_q, qual_q = _prefix(lex, ctx.text, m.start())
        before = ctx.text[max(0, m.start() - 6):m.start()].lower()
        rel = re.search(r"\b(last|this|next)\s+$", before)
        if rel:
            continue  # handled by the last/this/next pattern
        if ctx.ent_label(m.start(), m.end()) not in (None, "DATE", "TIME"):
            continue
        value = None
        if pub is not None:
            if _future_context(ctx.doc, m.start(), ctx):
                delta = (wd - pub.weekday()) % 7
                value = (pub + dt.timedelta(days=delta)).isoformat()
            else:
                delta = (pub.weekday() - wd) % 7
                value = (pub - dt.timedelta(days=delta)).isoformat()
        out.append(_Cand(s2, m.end(), value, qual_q or prep_q, "day", True,
                         pub.isoformat() if pub else None, priority=2))
    return out


def _finditer(lex: _Lex, name: str, text: str, low: Optional[str]):
    """Case-insensitive matches of pattern ``name``; on the lowercased text when possible."""
    if low is not None:
        return lex.lower[name].finditer(low)
    return getattr(lex, name).finditer(text)


def _relative(lex: _Lex, ctx: _Ctx, pub: Optional[dt.date]) -> list[_Cand]:
    text = ctx.text
    low = text.lower()
    if len(low) != len(text):
        low = None
    out: list[_Cand] = []
    P = pub.isoformat() if pub else None
    for m in _finditer(lex, "re_deictic", text, low):
        w = text[m.start("w"):m.end("w")]
        lw = w.lower()
        if w[0].isupper() and not ctx.sent_initial(m.start()):
            continue  # "Lviv Today", "Today show"
        if lw.startswith("today") or lw.startswith("this ") or lw == "tonight" or lw == "earlier today":
            value, gran, q = (P, "day", None)
        elif lw == "yesterday" or lw == "last night":
            value, gran, q = ((pub - dt.timedelta(days=1)).isoformat() if pub else None, "day", None)
        elif lw == "tomorrow":
            value, gran, q = ((pub + dt.timedelta(days=1)).isoformat() if pub else None, "day", None)
        else:
            unit = lw.split()[-1]
            gran = unit if unit != "year" else "year"
            value = _fmt(pub, gran) if pub else None
            q = "early" if lw.startswith("earlier") else "late"
            q = "before" if lw.startswith("earlier") else "after"
        out.append(_Cand(m.start(), m.end(), value, q, gran, True, P))
    for m in lex.re_lastnext.finditer(text):
        rel, u = m["rel"].lower(), m["u"]
        s = m.start()
        if text[max(0, s - 4):s].lower() == "the ":
            if rel in ("following", "previous", "next"):
                # "the following year": anaphoric, resolved in text order
                unit = u.lower() if u.lower() in ("day", "week", "month", "year") else None
                if unit:
                    out.append(_Cand(s - 4, m.end(), None, None, _unit_gran(unit), True, None,
                                     pending=("later" if rel != "previous" else "earlier", 1, unit)))
                continue
            s -= 4
        if rel in ("past", "coming"):
            continue  # "the past year" is a duration, handled below
        value, gran, q = None, None, None
        ul = u.lower()
        step = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1}.get(rel, 0)
        if ul in ("week", "weekend"):
            gran = "week"
            if pub:
                value = _fmt(pub + dt.timedelta(weeks=step), "week")
        elif ul == "month":
            gran = "month"
            if pub:
                value = _fmt(_shift(pub, step, "month"), "month")
        elif ul == "year":
            gran = "year"
            if pub:
                value = f"{pub.year + step:04d}"
        elif ul in ("spring", "summer", "autumn", "fall", "winter"):
            gran, q = "season", ul
            if pub:
                value = f"{pub.year + step:04d}"
        elif ul.rstrip(".") in lex.months:
            mo = lex.months[ul.rstrip(".")]
            gran = "month"
            if pub:
                if step < 0:
                    y = pub.year if mo < pub.month else pub.year - 1
                elif step > 0:
                    y = pub.year if mo > pub.month else pub.year + 1
                else:
                    y = pub.year
                value = f"{y:04d}-{mo:02d}"
        elif ul in lex.weekdays:
            wd = lex.weekdays[ul]
            gran = "day"
            if pub:
                if step < 0:
                    delta = (pub.weekday() - wd) % 7 or 7
                    value = (pub - dt.timedelta(days=delta)).isoformat()
                else:
                    delta = (wd - pub.weekday()) % 7 or (7 if step > 0 else 0)
                    value = (pub + dt.timedelta(days=delta)).isoformat()
        s2, prep_q, qual_q = _prefix(lex, text, s)
        out.append(_Cand(s2, m.end(), value, qual_q or prep_q or q, gran, True, P))
    for m in _finditer(lex, "re_ago", text, low):
        n = _number(lex, m["n"])
        unit = _unit(lex, m["u"])
        if unit is None:
            continue
        if n is None:  # "a few days ago", "many years ago": relative, no calendar value
            s2, prep_q, qual_q = _prefix(lex, text, m.start())
            out.append(_Cand(s2, m.end(), None, qual_q or prep_q or ("past" if m["dir"].lower() in ("ago", "earlier", "before", "prior") else None),
                             _unit_gran(unit), True, P, priority=3))
            continue
        direction = m["dir"].lower()
        if direction in ("ago", "from now"):
            sign = -1 if direction == "ago" else 1
            value = _fmt(_shift(pub, sign * n, unit), _unit_gran(unit)) if pub else None
            s2, prep_q, qual_q = _prefix(lex, text, m.start())
            out.append(_Cand(s2, m.end(), value, qual_q or prep_q, _unit_gran(unit), True, P, priority=3))
        elif direction in ("later", "earlier", "prior"):
            out.append(_Cand(m.start(), m.end(), None, None, _unit_gran(unit), True, None,
                             pending=("later" if direction == "later" else "earlier", n, unit), priority=3))
        else:  # "three weeks after the initial reports": extend over the anchor's noun phrase
            end = m.end()
            anchor_span = None
            tok = ctx.token_at(m.start("dir"))
            if tok is not None:
                objs = [c for c in tok.children if c.dep_ in ("pobj", "pcomp")]
                if objs:
                    head = objs[0]
                    left = min([head.i] + [c.i for c in head.lefts])
                    anchor_span = (ctx.doc[left].idx, head.idx + len(head.text))
                    end = anchor_span[1]
            out.append(_Cand(m.start(), end, None, direction, _unit_gran(unit), True,
                             text[anchor_span[0]:anchor_span[1]] if anchor_span else None,
                             pending=(direction, n, unit, anchor_span), priority=3))
    for m in _finditer(lex, "re_anaphoric", text, low):
        lw = m["w"].lower()
        unit = lw.split()[-1] if lw.split()[-1] in ("day", "week", "month", "year") else "day"
        if "after" in lw or "next" in lw or "following" in lw or lw.startswith("later"):
            pend = ("later", 1, unit)
        elif "before" in lw or "previous" in lw:
            pend = ("earlier", 1, unit)
        else:
            pend = ("later", 0, unit)
        out.append(_Cand(m.start(), m.end(), None, None, _unit_gran(unit), True, None, pending=pend))
    for m in _finditer(lex, "re_adverb", text, low):
        w = text[m.start("w"):m.end("w")]
        kind, q = lex.adverbs[w.lower()]
        if w[0].isupper() and " " not in w and not ctx.sent_initial(m.start()):
            continue
        if w.lower() == "now":
            after = text[m.end():m.end() + 12]
            if re.match(r"[-–]\w|\s+that\b", after):  # "now-defunct", "now that ..."
                continue
        if kind == "present":
            value, gran = P, "day"
        elif kind == "recent":
            value, gran = (_fmt(pub, "month") if pub and " " not in w else None), "month"
        else:
            value, gran = None, None
        out.append(_Cand(m.start(), m.end(), value, q, gran, True, P, priority=0))
    for m in _finditer(lex, "re_duration", text, low):
        w = m["w"].lower()
        prep = m.group(0).split()[0].lower()
        if not re.search(r"\b(?:many|several|a few|few|some|\d+|" + _alt(k for k in lex.numbers if k not in ("a", "an")) + r"|the)\b", w) \
                and not re.fullmatch(r"(?:years|decades|months|weeks|days)", w) \
                and not (prep in ("for", "over") and re.fullmatch(r"an?\s+\w+", w)):
            continue
        out.append(_Cand(m.start(), m.end(), None, "duration", "duration", True, P, priority=1))
    for m in _finditer(lex, "re_event", text, low):
        start_v, end_v = lex.events[m["ev"].lower()]
        prep = m["prep"].lower()
        pos = (m["pos"] or "").lower()
        use_end = prep in ("since", "after", "following") and not pos or pos in ("end",)
        value = (end_v or start_v) if use_end else start_v
        if value and end_v and start_v and start_v[:4] != end_v[:4]:
            value = value[:4]  # a period of years: "after the Cold War" -> 1991
        if value:
            parsed = _parse_iso(value)
            gran = parsed[1] if parsed else None
        else:
            gran = None
        q = {"since": "since", "from": "from", "after": "after", "following": "after", "before": "before",
             "prior to": "before", "until": "until", "by": "by", "during": "during"}.get(prep, pos or None)
        if q is None and pos:
            q = "from" if pos in ("beginning", "start", "outbreak", "onset") else "late"
        out.append(_Cand(m.start(), m.end(), value, q, gran, False, text[m.start("ev"):m.end("ev")], priority=3))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Keep non-overlapping candidates: longest first, then higher priority."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[tuple[int, int]] = []
    keep = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        keep.append(c)
    keep.sort(key=lambda c: c.start)
    return keep


def _resolve_pending(cands: list[_Cand]) -> None:
    """Resolve 'a year later', 'the following day', 'N weeks before <date>' in text order."""
    last_value: Optional[tuple[_Cand, dt.date, str]] = None
    by_start = {c.start: c for c in cands}
    for c in cands:
        if c.pending:
            kind, n, unit = c.pending[:3]
            anchor = None
            if kind in ("after", "before"):
                span = c.pending[3] if len(c.pending) > 3 else None
                inner = None
                if span:
                    for o in cands:
                        if o is not c and o.value and span[0] <= o.start < span[1]:
                            inner = o
                            break
                if inner is not None:
                    parsed = _parse_iso(inner.value)
                    if parsed:
                        anchor = (inner, parsed[0], parsed[1])
            elif last_value is not None:
                anchor = last_value
            if anchor is not None:
                a_cand, a_date, a_gran = anchor
                sign = 1 if kind in ("later", "after") else -1
                gran = a_gran if _GRAN_RANK.get(a_gran, 4) > _GRAN_RANK.get(_unit_gran(unit), 0) else _unit_gran(unit)
                gran = gran if gran in ("day", "month", "year") else "year"
                c.value = _fmt(_shift(a_date, sign * n, unit), gran)
                c.granularity = gran
                c.anchor = a_cand.value
                if a_cand.qualifier in ("early", "mid", "late") and gran == a_gran:
                    c.qualifier = a_cand.qualifier
        if c.value and c.granularity in _GRAN_RANK and c.qualifier not in ("present", "until", "recent", "duration"):
            parsed = _parse_iso(c.value)
            if parsed:
                last_value = (c, parsed[0], parsed[1])
    del by_start


def _pub_date(published) -> Optional[dt.date]:
    if not published:
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def extract_dates(doc, published=None) -> list[DateExpr]:
    """Return the temporal expressions of ``doc`` in text order, normalised.

    Args:
        doc: a parsed spaCy ``Doc``.
        published: the publication date (``YYYY-MM-DD`` string or date) that
            relative expressions are resolved against; ``None`` leaves them unresolved.

    Each :class:`DateExpr` has ``value`` (ISO, possibly partial; None when it cannot
    be resolved), ``qualifier``, ``granularity`` (day/week/month/season/year/decade/
    duration), ``relative`` (True when the value depends on the publication date or
    on another expression) and ``anchor`` (the date or the text it is relative to).
    """
    text = doc_text(doc)
    if not text:
        return []
    lex = _lexicon()
    ctx = _Ctx(doc)
    pub = _pub_date(published)
    absolute = _absolute(lex, ctx, pub) + _weekday(lex, ctx, pub)
    relative = _relative(lex, ctx, pub)
    # "two weeks after October 1, 2024": the anchor is itself a date
    for c in relative:
        if c.pending and c.pending[0] in ("after", "before") and len(c.pending) > 3 and c.pending[3]:
            a0, a1 = c.pending[3]
            inner = [o for o in absolute if o.start < a1 and o.end > a0 and o.value]
            if inner:
                o = max(inner, key=lambda o: o.end - o.start)
                parsed = _parse_iso(o.value)
                if parsed:
                    _, n, unit = c.pending[:3]
                    sign = 1 if c.pending[0] == "after" else -1
                    gran = parsed[1] if _GRAN_RANK.get(parsed[1], 4) > _GRAN_RANK.get(_unit_gran(unit), 0) else _unit_gran(unit)
                    c.value = _fmt(_shift(parsed[0], sign * n, unit), gran)
                    c.granularity, c.anchor, c.pending = gran, o.value, None
                    c.end = max(c.end, o.end)
                    absolute.remove(o)
    cands = _select(absolute + relative)
    # drop candidates that sit inside a proper name (e.g. "Lviv Today", "Times Square")
    kept = []
    for c in cands:
        ent = ctx.ent_around(c.start, c.end)
        if ent and ent[2] in ("ORG", "WORK_OF_ART", "PERSON", "FAC", "LAW") and c.priority < 3:
            if not (ent[0] >= c.start and ent[1] <= c.end):
                continue
        kept.append(c)
    _resolve_pending(kept)
    out = []
    for c in kept:
        # trim trailing punctuation/space
        s, e = c.start, c.end
        while e > s and text[e - 1] in " ,.;:" and not text[s:e].endswith(tuple(m + "." for m in ("Jan", "Feb", "Aug", "Sept", "Oct", "Nov", "Dec"))):
            e -= 1
        out.append(DateExpr(start=s, end=e, text=text[s:e], value=c.value, qualifier=c.qualifier,
                            granularity=c.granularity, relative=c.relative, anchor=c.anchor))
    try:  # for extractors that need the governing date without being passed the dates
        doc.user_data["redline.dates"] = (pub.isoformat() if pub else None,
                                          [(d.start, d.end, d.text, d.value, d.qualifier, d.granularity) for d in out])
    except Exception:
        pass
    return out
