"""Named weapons and military equipment, with a category, linked to the event that moves them.

:func:`extract_equipment` finds equipment mentions from a lexicon kept as a data file
(``data/equipment.tsv``: head nouns such as "sniper rifles", "night vision devices",
"artillery shells", named systems such as HIMARS, and designation prefixes) and from a
pattern for designations::

    "60mm mortars"                 -> name "60mm mortar", category mortar
    "AK-12 assault rifles"         -> name "AK-12", category small arms
    "RPK/PKM machine guns"         -> two items, "RPK" and "PKM", sharing the span
    "\\"Phoenix\\" anti-tank guided missiles" -> name "Phoenix", anti-tank guided missile
    "RPG-7s"                       -> name "RPG-7", rocket launcher
    "North Korean ballistic missiles" -> span "ballistic missiles" (nationality left out)

:func:`link_equipment` then sets ``Equipment.event`` to the id of the event that moves
the item (supply, transfer, use) and ``Equipment.recipient`` to that event's target.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from ._text import doc_text, token_at
from ..model import Equipment

DATA = Path(__file__).resolve().parents[1] / "data" / "equipment.tsv"

_BODY_ARMS = re.compile(r"(?:\b(?:his|her|their|my|your|our|its|open|folded|crossed|outstretched|both|two)\s+$)", re.I)
_ARMS_NOT = re.compile(r"^\s+(?:control|race|length|embargo(?:es)?)\b|^\s*[-–]\s*length", re.I)


@dataclass
class _Lex:
    heads: dict  # folded head -> category
    re_head: re.Pattern
    guards: dict  # head -> set of words that must precede
    stops: set
    systems: dict  # text -> (category, name)
    needs: dict
    re_system: Optional[re.Pattern]
    re_needs: Optional[re.Pattern]
    prefixes: list  # (regex, category)
    re_desig: re.Pattern
    re_desig_end: re.Pattern
    desig_bare: dict  # text -> category
    prefix_cat: list
    # re_head's lowercase twin (no IGNORECASE, run on text.lower(): ~3x faster, as in dates)
    re_head_low: re.Pattern


def _norm_head(s: str) -> str:
    return re.sub(r"[\s-]+", " ", s.lower()).strip()


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lex:
    heads, guards, stops, systems, needs, prefixes, desig = {}, {}, set(), {}, {}, [], {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, term, cat, name = (line.split("\t") + ["", "", ""])[:4]
        if kind == "head":
            heads[_norm_head(term)] = cat
        elif kind == "guard":
            guards[_norm_head(term)] = {w.lower() for w in name.split("|") if w}
        elif kind == "stop":
            stops.add(term.lower())
        elif kind == "system":
            systems[term] = (cat, name or term)
        elif kind == "needs":
            needs[term] = (cat, name or term)
        elif kind == "prefix":
            prefixes.append((term, cat))
        elif kind == "desig":
            desig[term] = cat
    head_forms = []
    for h in heads:
        words = h.split(" ")
        body = r"[\s-]+".join(re.escape(w) for w in words[:-1])
        last = re.escape(words[-1])
        plural = r"(?:s|es)?" if not words[-1].endswith("s") else ""
        head_forms.append((body + r"[\s-]+" if body else "") + last + plural)
    head_forms.sort(key=len, reverse=True)
    re_head = re.compile(r"(?<![\w-])(?:" + "|".join(head_forms) + r")(?![\w-])", re.I)

    def names_re(d):
        if not d:
            return None
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in sorted(d, key=len, reverse=True)) + r")(?![\w-])")

    # designation: PREFIX-digits (single-letter prefixes need the hyphen; M needs 3 digits)
    alts = []
    prefix_cat = []
    for p, cat in prefixes:
        if p == "M":
            rx = r"M\d{3}[A-Z]?\d?"
        elif re.fullmatch(r"[A-Z]", p):
            rx = p + r"-\d{1,3}[A-Z]{0,3}\d?"
        else:
            rx = "(?:" + p + r")-?\d{1,4}[A-Z]{0,3}\d?"
        alts.append(rx)
        prefix_cat.append((re.compile(rx + r"$"), cat))
    desig_alt = "|".join(sorted((re.escape(k) for k in desig), key=len, reverse=True))
    one = "(?:" + "|".join(alts) + ("|" + desig_alt if desig_alt else "") + ")"
    re_desig = re.compile(r"(?<![\w-])(?P<list>" + one + r"(?:\s*/\s*" + one + r")*)(?P<pl>s)?(?![\w-])")
    return _Lex(heads, re_head, guards, stops, systems, needs, names_re(systems), names_re(needs),
                prefixes, re_desig, re.compile(re_desig.pattern + r"\s+$"), desig, prefix_cat,
                re.compile(re_head.pattern))


def _desig_category(lex: _Lex, name: str) -> Optional[str]:
    if name in lex.desig_bare:
        return lex.desig_bare[name]
    for rx, cat in lex.prefix_cat:
        if rx.match(name):
            return cat
    return None


def _left_extend(lex: _Lex, doc, text: str, start: int) -> tuple[int, list[str], Optional[str]]:
    """Extend an item leftwards from a head noun at ``start``.

    Returns the new start, the designations found (possibly several, "RPK/PKM"), and a
    calibre ("60mm") if any.
    """
    before = text[max(0, start - 80):start]
    base = start - len(before)
    # a designation list, a quoted name or a calibre right before the head
    m = re.search(r"(?P<q>[\"“‘'][A-Z][^\"”’'\n]{0,30}[\"”’'])\s+$", before)
    if m:
        return base + m.start("q"), [m.group("q")[1:-1]], None
    m = re.search(r"(?P<cal>\b\d{2,3}(?:\.\d)?\s?-?\s?mm)\s+$", before)
    if m:
        return base + m.start("cal"), [], re.sub(r"[\s-]", "", m.group("cal"))
    m = lex.re_desig_end.search(before)
    if m:
        names = [p.strip() for p in m.group("list").split("/")]
        return base + m.start(), names, None
    m = re.search(r"(?P<d>\b[A-Z][A-Za-z]{0,5}-\d{1,4}[A-Z0-9]{0,3})\s+$", before)
    if m:
        return base + m.start("d"), [m.group("d")], None
    # "various types of weapons"
    m = re.search(r"\b(?P<x>(?:various|different|all|many|several|other|new) (?:types|kinds|sorts) of)\s+$", before, re.I)
    if m:
        return base + m.start("x"), [], None
    # adjectival/compound modifiers of the head: "allied weapons", "long-range missiles"
    tok = token_at(doc, start)
    if tok is None:
        return start, [], None
    new_start = start
    i = tok.i - 1
    while i >= 0:
        t = doc[i]
        if t.is_punct and t.text != "-":
            break
        if t.text == "-":
            i -= 1
            continue
        if t.lower_ in lex.stops or t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON", "CARDINAL", "QUANTITY", "MONEY"):
            break
        if t.pos_ not in ("ADJ", "NOUN", "VERB") or t.dep_ not in ("amod", "compound", "npadvmod", "advmod") and t.pos_ != "NOUN":
            break
        if t.pos_ == "VERB" and t.dep_ != "amod":
            break
        if t.head.i < tok.i - 0 and t.head.i > t.i and t.head.i != tok.i and doc[t.head.i].idx >= new_start and t.dep_ not in ("amod", "compound", "npadvmod"):
            break
        if t.head.i <= t.i or t.head.i > tok.i + 4:
            break
        new_start = t.idx
        i -= 1
    return new_start, [], None


def extract_equipment(doc) -> list[Equipment]:
    """Return the equipment mentions of ``doc`` in text order.

    Items are found from the head nouns and named systems of ``data/equipment.tsv`` and
    from designations (AK-12, RPG-7, T-72, S-400; RPK/PKM lists give one item per
    designation, sharing the span). A span covers the designation or quoted name, the
    calibre and the modifiers of the head, but not nationality adjectives, numbers or
    quantifiers ("several night vision devices" → "night vision devices").
    """
    text = doc_text(doc)
    if not text:
        return []
    lex = _lexicon()
    items: list[Equipment] = []
    taken: list[tuple[int, int]] = []

    def overlaps(s, e):
        return any(s < te and ts < e for ts, te in taken)

    low = text.lower()
    # The head nouns are lowercase: the twin on the lowercased text finds the same
    # spans, which stay valid in ``text`` unless lowering changed its length.
    heads = lex.re_head_low.finditer(low) if len(low) == len(text) else lex.re_head.finditer(text)
    for m in heads:
        s, e = m.start(), m.end()
        if overlaps(s, e):
            continue
        head = _norm_head(text[s:e])
        key, cat = None, None
        for k in (head, head[:-1] if head.endswith("s") else None, head[:-2] if head.endswith("es") else None):
            if k and k in lex.heads:
                key, cat = k, lex.heads[k]
                break
        if cat is None:
            continue
        # the match must be a noun (not "shelled", "arms" the limbs, "think tank")
        tok = token_at(doc, e - 1)
        if tok is not None and tok.pos_ not in ("NOUN", "PROPN", "X") and not head.isupper():
            if not (tok.pos_ == "ADJ" and head.endswith("s")):
                continue
        lw = text[max(0, s - 30):s]
        if key in lex.guards:
            if not re.search(r"(?:" + "|".join(re.escape(g) for g in lex.guards[key]) + r")[\s-]*$", lw, re.I):
                continue
        if key == "arms" and (_BODY_ARMS.search(lw) or _ARMS_NOT.match(text[e:e + 20]) or re.search(r"\b(?:up|coat)\s+(?:in|of)\s+$", lw)):
            continue
        if key == "tank" and re.search(r"\bthink[\s-]*$", lw, re.I):
            continue
        if key in ("rocket", "bomb", "shell", "weapon", "weapons") and tok is not None and tok.dep_ == "compound" and tok.head.lower_ in ("attack", "fire", "scare", "threat"):
            pass
        new_start, names, calibre = _left_extend(lex, doc, text, s)
        span_text = text[new_start:e]
        canonical = key
        if names:
            for n in names:
                c2 = cat
                if cat in ("weapons", "missile", "munitions") and _desig_category(lex, n):
                    c2 = _desig_category(lex, n)
                items.append(Equipment(new_start, e, span_text, n, c2))
        else:
            name = f"{calibre} {canonical}" if calibre else canonical
            items.append(Equipment(new_start, e, span_text, name, cat))
        taken.append((new_start, e))
    # standalone designations: "RPG-7s", "T-72", "Su-25s", "RPK/PKM"
    for m in lex.re_desig.finditer(text):
        s, e = m.start(), m.end()
        if overlaps(s, e):
            continue
        names = [p.strip() for p in m.group("list").split("/")]
        cats = [_desig_category(lex, n) for n in names]
        if not all(cats):
            continue
        tok = token_at(doc, s)
        if tok is not None and tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            continue
        for n, c in zip(names, cats):
            items.append(Equipment(s, e, text[s:e], n, c))
        taken.append((s, e))
    for rx, table, need in ((lex.re_system, lex.systems, False), (lex.re_needs, lex.needs, True)):
        if rx is None:
            continue
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if overlaps(s, e):
                continue
            cat, name = table[m.group(0)]
            if need:
                after = text[e:e + 30]
                hm = lex.re_head.match(after.lstrip())
                if not hm and not re.match(r"\s*(?:-?\d|[A-Z]{1,3}\d)", after):
                    continue
            items.append(Equipment(s, e, text[s:e], name, cat))
            taken.append((s, e))
    items.sort(key=lambda x: (x.start, x.end))
    return items


_MOVE_TYPES = ("AID", "MOBILIZE", "COOPERATE", "ASSAULT", "COERCE", "THREATEN", "AGREE", "REQUEST", "SANCTION")


def _ev(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def link_equipment(equipment: Iterable[Equipment], events: Iterable) -> None:
    """Link each item to the event that moves it, and to that event's recipient.

    The event chosen is the one whose sentence contains the item, preferring AID
    (supply, arming) over other types in :data:`_MOVE_TYPES`, then the trigger
    nearest the item. ``Equipment.event`` gets the event id, ``Equipment.recipient``
    the name of the event's first target (or None), and the event's ``equipment``
    list gets the item's name. Mutates in place; never raises on odd input.
    """
    events = list(events or [])
    if not events:
        return
    for item in equipment or []:
        best = None
        for ev in events:
            sent = _ev(ev, "sentence") or {}
            s0, s1 = (sent.get("start"), sent.get("end")) if isinstance(sent, dict) else (None, None)
            if s0 is None or s1 is None or not (s0 <= item.start < s1):
                continue
            typ = _ev(ev, "type")
            if typ not in _MOVE_TYPES:
                continue
            trig = _ev(ev, "trigger")
            ts = _ev(trig, "start", None) if trig is not None else None
            dist = abs((ts if ts is not None else s0) - item.start)
            rank = (0 if typ == "AID" else 1 if typ in ("MOBILIZE", "ASSAULT") else 2, dist)
            if best is None or rank < best[0]:
                best = (rank, ev)
        if best is None:
            continue
        ev = best[1]
        item.event = _ev(ev, "id")
        targets = _ev(ev, "target") or []
        if targets:
            t = targets[0]
            item.recipient = _ev(t, "entity") or _ev(t, "name")
        eq = _ev(ev, "equipment")
        if isinstance(eq, list) and item.name not in eq:
            eq.append(item.name)
