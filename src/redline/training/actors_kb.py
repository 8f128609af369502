"""Build the actor knowledge base (``redline/data/actors/*.tsv``) from the reference
dictionaries in ``../shared/data/actors/`` (PETRARCH2's Phoenix dictionaries, MIT;
Wikidata's world leaders, CC0).

The sources are read only here, by ``redline build actors``; the package reads the
generated tables. Output is deterministic: rows are sorted and nothing depends on
dict order, the clock or the environment, so two builds compare equal with ``cmp``.

Entry point: :func:`build`.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

PETRARCH = "PETRARCH2 Phoenix dictionaries (openeventdata/petrarch2 676801cd, MIT, (c) 2014 Open Event Data Alliance)"
WIKIDATA = "Wikidata world leaders (every-politician-scrapers/world-leaders-2021 be7039cf, CC0)"
SRC_PETRARCH = "petrarch2"
SRC_WIKIDATA = "wikidata"
# Spells that ended before this date are of no use for today's news and only make the
# table bigger.
KEEP_FROM = "1990-01-01"

# PETRARCH (CAMEO-era) sector codes -> the codes this package uses (data/sectors.tsv:
# MED is health here and JRN the media, where CAMEO had HLH and MED).
SECTOR_MAP = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "OPP": "OPP", "PTY": "PTY", "COP": "COP",
    "JUD": "JUD", "SPY": "SPY", "LEG": "LEG", "MED": "JRN", "HLH": "MED", "EDU": "EDU",
    "BUS": "BUS", "REF": "REF", "REL": "REL", "CHR": "REL", "MUS": "REL", "JEW": "REL",
    "BUD": "REL", "HIN": "REL", "CVL": "CVL", "ELI": "ELI", "UAF": "PRM", "INS": "REB",
    "CRM": "CRM", "LAB": "LAB", "AGR": "AGR", "HRI": "HRI", "DEV": "DEV", "ENV": "ENV",
    "SET": "CVL", "IGO": "GOV", "NGO": "NGO", "MNC": "BUS",
}
# Country codes of the dictionaries that are not ISO 3166-1 alpha-3 today.
COUNTRY_MAP = {"TMP": "TLS", "KSV": "XKX", "ROM": "ROU", "ZAR": "COD"}
# Historic states: their persons and places are no longer coded to a current state.
DEFUNCT = {"USR", "SUN", "YUG", "DDR", "CSK", "SCG", "FRY", "SRP", "KNT", "KRJ", "FRN"}
TRANSNATIONAL = {"IGO", "NGO", "IMG", "MNC", "UNO", "EUR"}

# Words that make an entry an institution or a generic description, not a person.
ORG_WORDS = {
    "ACADEMY", "AGENCY", "ALLIANCE", "ARMY", "ASSEMBLY", "ASSOCIATION", "AUTHORITY",
    "BANK", "BOARD", "BUREAU", "CABINET", "CENTER", "CENTRE", "CHAMBER", "COALITION",
    "COMMAND", "COMMISSION", "COMMITTEE", "COMMUNITY", "CONFERENCE", "CONGRESS",
    "CORPORATION", "COUNCIL", "COURT", "DEPARTMENT", "FEDERATION", "FORCE", "FORCES",
    "FORUM", "FOUNDATION", "FRONT", "FUND", "GROUP", "GUARD", "INSTITUTE",
    "INTERNATIONAL", "LEAGUE", "MINISTRY", "MISSION", "MOVEMENT", "NATIONS", "NETWORK",
    "OFFICE", "ORGANISATION", "ORGANIZATION", "PARLIAMENT", "PARTNERSHIP", "PARTY",
    "PROGRAM", "PROGRAMME", "PROJECT", "SECRETARIAT", "SERVICE", "SERVICES", "SOCIETY",
    "TRIBUNAL", "UNION", "UNIVERSITY", "WATCH", "INITIATIVE", "PANEL", "COOPERATION",
    "CO-OPERATION", "TREATY", "PACT", "AGREEMENT", "POLICE", "NAVY", "MILITARY",
    "GOVERNMENT", "REGIME", "MINISTERS", "CORPS", "BRIGADE", "BRIGADES", "ARMED",
    "LIMITED", "LTD", "LTD.", "INC", "INC.", "CORP", "CORP.", "COMPANY", "HOLDINGS",
    "COMMUNICATIONS", "SYSTEMS", "TECHNOLOGIES", "TECHNOLOGY", "INDUSTRIES", "PLC", "AG",
    "NEWS", "TIMES", "POST", "TELEVISION", "RADIO", "AIRLINES", "ENERGY", "OIL", "GAS",
    "COUNTRIES", "TANK", "CLUB", "WORLDWIDE", "RELIEF", "AID", "RIGHTS", "PEACE", "STATES",
}
# Words that make a person-shaped entry generic ("UN_ENVOY_", "ACTING_MINISTER_X").
GENERIC_WORDS = {
    "ACTING", "AMBASSADOR", "ENVOY", "MONITOR", "PEACEKEEPER", "PEACEKEEPERS", "OFFICIAL",
    "OFFICIALS", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "MINISTER", "PRESIDENT",
    "SECRETARY", "PREMIER", "CHAIRMAN", "DEPUTY", "FORMER", "LEADER", "KING", "QUEEN",
    "PRINCE", "SHEIKH", "GENERAL", "COLONEL", "CAPTAIN", "MAJOR", "COMMANDER", "CHIEF",
    "DIRECTOR", "HEAD", "RESIDENT", "STAFF", "REPRESENTATIVE", "RAPPORTEUR", "BODIES",
    "MEMBER", "MEMBERS", "THE", "OF", "AND", "FOR", "SENATOR", "GOVERNOR", "MAYOR",
    "JUDGE", "JUSTICE", "ADMIRAL", "LIEUTENANT", "SERGEANT", "DR", "DR.", "MR", "MR.",
    "MRS", "MRS.", "MS", "MS.", "SIR", "LORD", "DAME", "EMIR", "SULTAN", "POPE", "BISHOP",
    "ARCHBISHOP", "CARDINAL", "SHAH", "AYATOLLAH", "MULLAH", "IMAM", "REV", "REV.",
    "PROFESSOR", "PROF", "PROF.", "SPEAKER", "CHANCELLOR", "VICE", "PRIME", "FIRST",
    "LADY", "SOLDIER", "SOLDIERS", "TROOPS", "CONTINGENT", "UN", "U.N.", "AMERICAN",
    "INDIAN", "BRITISH", "CHINESE", "RUSSIAN", "FRENCH", "GERMAN", "INTERIM", "REGENT",
}
# Words that make a country alias a natural feature (rivers, mountains), no actor.
FEATURE_WORDS = {
    "RIVER", "RIVERS", "MOUNTAIN", "MOUNTAINS", "MOUNT", "MT.", "LAKE", "SEA", "FALLS",
    "CANYON", "DESERT", "VALLEY", "OCEAN", "GULF", "BAY", "STRAIT", "STRAITS", "PLATEAU",
    "PEAK", "HILLS", "FOREST", "PARK", "CHANNEL", "CAPE", "DELTA", "BASIN",
    "GLACIER", "VOLCANO", "COAST",
}
# Lower-case particles inside proper names ("Bashar al-Assad", "Ursula von der Leyen").
PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "das", "do", "dos", "van",
             "von", "der", "den", "la", "le", "du", "di", "del", "della", "y", "ul", "ud",
             "ad", "as", "ash", "at", "az", "of", "the", "and", "for", "on", "in", "to"}
SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by", "with",
               "de", "du", "des", "la", "le", "sans", "et"}

_CODE = re.compile(r"\[([A-Z~]*|---)\s*([<>]?)\s*(\d*)\s*(?:-\s*(\d+))?\s*\]")
_YYMMDD = re.compile(r"^\d{6}$|^\d{8}$")


# --------------------------------------------------------------------------- parsing
@dataclass
class Code:
    code: str
    start: str = ""
    end: str = ""


@dataclass
class Entry:
    # Each group is a name line and its "+" synonyms. Several name lines before one code
    # share that code: synonyms of one person (LEONID_BREZHNEV_, LEONID_ILYICH_BREZHNEV)
    # or distinct actors with the same code (four Syrian rebel groups under [SYRREB]).
    groups: list[list[str]] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    closed: bool = False

    @property
    def names(self) -> list[str]:
        return [n for g in self.groups for n in g]


def decode_date(raw: str) -> Optional[str]:
    """A PETRARCH date (YYMMDD, 00-30 = 20xx, else 19xx; or YYYYMMDD) as ISO, or None."""
    if not _YYMMDD.match(raw or ""):
        return None
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = ("20" if yy <= 30 else "19") + raw
    y, m, d = raw[:4], raw[4:6], raw[6:]
    if not ("01" <= m <= "12" and "01" <= d <= "31"):
        return None
    return f"{y}-{m}-{d}"


def parse_codes(text: str) -> list[Code]:
    out = []
    for code, sign, first, second in _CODE.findall(text):
        if not code or code == "---":
            continue
        start = end = ""
        if sign == ">":
            start = decode_date(first) or ""
            if not start:
                continue
        elif sign == "<":
            end = decode_date(first) or ""
            if not end:
                continue
        elif first:
            start, end = decode_date(first) or "", decode_date(second or "") or ""
            if not start or (second and not end):
                continue  # a malformed date range: better no fact than a wrong one
        out.append(Code(code, start, end))
    return out


def parse_dictionary(path: Path) -> list[Entry]:
    """Entries of a PETRARCH actor dictionary, in file order.

    A name line starts a group, ``+`` lines add synonyms to it, and the codes come on
    the name line or on indented lines below; name lines with no code between them
    share the next code. ``#`` starts a comment.
    """
    entries: list[Entry] = []
    cur: Optional[Entry] = None
    with path.open(encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.rstrip("\n").split("#", 1)[0]
            if not line.strip():
                continue
            if raw[0] in " \t":
                if cur is not None:
                    cur.codes.extend(parse_codes(line))
                continue
            body = line.strip()
            name = re.split(r"[\[{]", body.lstrip("+"), maxsplit=1)[0].strip()
            inline = "[" in body
            if body.startswith("+"):
                if cur is not None and cur.groups and name:
                    cur.groups[-1].append(name)
                if cur is not None:
                    cur.codes.extend(parse_codes(body))
                continue
            # A name line with its own code (even one we cannot read) stands alone.
            if cur is None or cur.codes or cur.closed or inline:
                cur = Entry()
                entries.append(cur)
            if name:
                cur.groups.append([name])
            cur.codes.extend(parse_codes(body))
            cur.closed = inline
    return [e for e in entries if e.codes and e.groups]


# --------------------------------------------------------------------------- helpers
def words(name: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", name.strip("_ ").upper()) if w]


def proper_case(name: str, *, org: bool = False, acronyms: frozenset = frozenset()) -> str:
    """UPPER_UNDERSCORE -> "Proper Case", with particles and function words in lower case
    ("BASHAR_AL-ASSAD" -> "Bashar al-Assad"); dotted initials and short acronyms kept."""
    out = []
    for i, w in enumerate(words(name)):
        out.append(w if w in acronyms else _case_word(w, first=(i == 0), org=org))
    return " ".join(out)


def _case_word(w: str, *, first: bool, org: bool) -> str:
    if "-" in w:
        parts = w.split("-")
        cased = [_case_word(p, first=(first and j == 0), org=org) for j, p in enumerate(parts)]
        # "AL-ASSAD" -> "al-Assad", but the second part of "BOUTROS-GHALI" stays capital.
        return "-".join(cased[:1] + [c[:1].upper() + c[1:] for c in cased[1:]])
    low = w.lower()
    if re.fullmatch(r"([A-Z]\.)+[A-Z]?\.?", w):
        return w
    if org and (len(w) <= 4 and not re.search(r"[AEIOU]", w) or w in ("UN", "EU", "US", "UK")):
        return w
    if not first and low in (SMALL_WORDS if org else PARTICLES):
        return low
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2:].capitalize()
    if "'" in low:
        head, _, tail = low.partition("'")
        if len(head) == 1:  # O'Brien, D'Alema
            return head.upper() + "'" + tail.capitalize()
        return head.capitalize() + "'" + tail
    return low.capitalize()


def map_country(code: str) -> Optional[str]:
    import pycountry

    code = COUNTRY_MAP.get(code, code)
    if code in DEFUNCT:
        return None
    if code in TRANSNATIONAL or code == "PSE":
        return code
    return code if pycountry.countries.get(alpha_3=code) else None


def split_code(code: str) -> tuple[Optional[str], Optional[str], list[str]]:
    """A PETRARCH actor code -> (PLOVER country, sector, remaining chunks).

    "RUSGOV" -> RUS GOV; "IGOUNOREFHCR" -> UNO REF; "IGOWAFBUSWAS" -> IGO (BUS is the
    remit of ECOWAS, not its sector: an IGO's sector is GOV unless it is a court or a
    force); "USAGOVLEG" -> USA LEG; "GBRVGBGOV" -> GBR GOV.
    """
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    if not chunks or len(code) % 3:
        return None, None, []
    head = chunks[0]
    rest = chunks[1:]
    if head == "IGO":
        if rest[:1] == ["UNO"]:
            country, rest = "UNO", rest[1:]
        elif rest[:1] == ["EUR"]:
            country, rest = "EUR", rest[1:]
        else:
            country = "IGO"
        sector = "GOV"
        for c in rest:
            if c in ("JUD", "MIL", "REF", "HLH"):
                sector = SECTOR_MAP[c]
                break
        return country, sector, rest
    if head in ("NGO", "MNC", "IMG"):
        country = head
        sector = {"NGO": "NGO", "MNC": "BUS", "IMG": "REB"}[head]
        for c in rest:
            if c in SECTOR_MAP and c not in ("IGO", "NGO", "MNC"):
                sector = SECTOR_MAP[c]
                break
        return country, sector, rest
    country = map_country(head)
    if country is None:
        return None, None, []
    sectors = [c for c in rest if c in SECTOR_MAP]
    if not sectors:
        return country, None, rest
    # Legislators are GOVLEG in these dictionaries; ministers are GOV whatever their
    # portfolio (GOVAGR, GOVMIL...).
    if sectors[0] == "GOV" and "LEG" in sectors[1:2]:
        return country, "LEG", rest
    return country, SECTOR_MAP[sectors[0]], rest


def looks_like_person(names: list[str]) -> bool:
    w = words(names[0])
    if not 2 <= len(w) <= 5 or any(x in ORG_WORDS or _TITLE_PART.search(x) for x in w):
        return False
    if w[0] in GENERIC_WORDS or w[-1] in GENERIC_WORDS:
        return False
    return all(re.fullmatch(r"[A-Z][A-Z.'\-]*", x) for x in w)


_TITLE_PART = re.compile(r"PRESIDENT|MINISTER|KANZLER|ADMINISTRATION|GOVERNMENT|ELECT|SECRETARY|CHAIRMAN")


def person_alias_ok(alias: str) -> bool:
    w = words(alias)
    return bool(w) and not any(x in GENERIC_WORDS or x in ORG_WORDS or _TITLE_PART.search(x) for x in w) \
        and all(re.fullmatch(r"[A-Z][A-Z.'\-]*", x) for x in w)


# --------------------------------------------------------------------------- persons
@dataclass
class Spell:
    name: str
    aliases: list[str]
    country: str
    sector: str
    role: str
    start: str
    end: str
    source: str


def _overlaps_keep(start: str, end: str) -> bool:
    return not end or end >= KEEP_FROM[: len(end)]


def person_groups(e: Entry) -> list[list[str]]:
    """The persons of an entry: name lines sharing a word with the first are its
    synonyms; the others are further persons with the same code."""
    persons: list[list[str]] = []
    for g in e.groups:
        key = set(words(g[0]))
        for p in persons:
            if key & set(words(p[0])) - GENERIC_WORDS:
                p.extend(g)
                break
        else:
            persons.append(list(g))
    return persons


def petrarch_persons(entries: Iterable[Entry]) -> list[Spell]:
    spells = []
    for e in entries:
        for names in person_groups(e):
            spells.extend(_person_spells(names, e.codes))
    return spells


def _person_spells(names: list[str], entry_codes: list[Code]) -> list[Spell]:
    if not looks_like_person(names):
        return []
    dated = [c for c in entry_codes if c.start or c.end]
    # An undated code next to dated ones is the default outside the dated spells: the
    # loader's "former office-holder" rule stands for it.
    decoded = []
    for c in dated or entry_codes:
        country, sector, _ = split_code(c.code)
        if country is not None and sector is not None and country != "MNC":
            decoded.append((country, sector, c.start, c.end))
    if not any(_overlaps_keep(s, e) for _, _, s, e in decoded):
        return []
    if not dated and not (decoded[0][0] in ("IGO", "UNO", "EUR") and len(words(names[0])) <= 3):
        # Undated person-shaped entries are mostly NGOs and groups ("Autism Speaks",
        # "Jund al Aqsa"); only international officials are worth the risk.
        return []
    name = proper_case(names[0])
    aliases = sorted({proper_case(a) for a in names[1:] if person_alias_ok(a)} - {name})
    office = [d for d in decoded if d[1] != "ELI"]
    if office:
        decoded = [d for d in office if _overlaps_keep(d[2], d[3])] or office[-1:]
    else:  # only "elite" spells: one row for the person's country
        starts = [d[2] for d in decoded]
        ends = [d[3] for d in decoded]
        decoded = [(decoded[-1][0], "ELI", "" if "" in starts else min(starts),
                    "" if "" in ends else max(ends))]
    return [Spell(name, aliases, country, sector, "", start, end, SRC_PETRARCH)
            for country, sector, start, end in decoded]


def wikidata_persons(path: Path, iso3_of: Callable[[str], Optional[str]]) -> list[Spell]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    countries_of = defaultdict(set)
    for r in rows:
        countries_of[r["officeholder"]].add(r["country"])
    spells = []
    for r in rows:
        name = r["officeholderLabel"].strip()
        # Monarchs of several realms (Elizabeth II) are no actor of each realm.
        if len(countries_of[r["officeholder"]]) > 1 or not name or re.match(r"Q\d+$", name):
            continue
        iso3 = iso3_of(r["country"])
        if iso3 is None:
            continue
        start, end = r["start_year"].strip(), r["end_year"].strip()
        if not _overlaps_keep(start, end):
            continue
        role = r["positionLabel"].strip()
        role = role[:1].upper() + role[1:]
        spells.append(Spell(name, [], iso3, "GOV", role, start, end, SRC_WIKIDATA))
    return spells


def _surname(name: str) -> Optional[str]:
    parts = name.split()
    if len(parts) < 2:
        return None
    last = parts[-1]
    # "al-Assad" -> "Assad" is how the press writes it after the first mention.
    m = re.match(r"^(?:al|el|as|ash|ad)-(.+)$", last)
    if m:
        last = m.group(1)
    return last if len(last) >= 4 and last[0].isupper() else None


def finish_people(spells: list[Spell], taken: set[str]) -> list[Spell]:
    """Aliases per person: the full-name variants of the sources, plus the bare surname
    when no other person in the table and no country or organisation name shares it
    (a surname is accepted by the matcher only after the full name appeared)."""
    by_name: dict[str, list[Spell]] = defaultdict(list)
    for s in spells:
        by_name[s.name].append(s)
    surname_owners = defaultdict(set)
    for name in by_name:
        sur = _surname(name)
        if sur:
            surname_owners[sur].add(name)
    # Full-name aliases shared by two people are ambiguous: drop them from both.
    alias_owners = defaultdict(set)
    for name, ss in by_name.items():
        for s in ss:
            for a in s.aliases:
                alias_owners[a].add(name)
    for name, ss in by_name.items():
        aliases = set()
        for s in ss:
            aliases.update(a for a in s.aliases if len(alias_owners[a]) == 1 and a not in by_name)
        sur = _surname(name)
        if sur and len(surname_owners[sur]) == 1 and sur not in by_name and sur.lower() not in taken:
            aliases.add(sur)
        for s in ss:
            s.aliases = sorted(aliases)
    return spells


# --------------------------------------------------------------------------- organisations
@dataclass
class Org:
    name: str
    aliases: set[str]
    country: str
    sector: str
    type: str
    source: str


def _is_acronym(w: list[str]) -> bool:
    return len(w) == 1 and 2 <= len(w[0]) <= 8 and bool(re.fullmatch(r"[A-Z][A-Z0-9]+", w[0])) \
        and w[0] not in SECTOR_MAP


def _acronym_of(acronym: str, name_words: list[str]) -> bool:
    """"USDA" of UNITED STATES DEPARTMENT OF AGRICULTURE, "DOJ" of ... DEPARTMENT OF
    JUSTICE: the letters are a run of the name's initials."""
    initials = "".join(x[0] for x in name_words if x[0].isalpha())
    return len(acronym) >= 2 and acronym in initials


# Words too common in names to show that two names denote the same body.
_WEAK = {"THE", "OF", "AND", "FOR", "US", "U.S.", "UNITED", "STATES", "NATIONAL", "AMERICAN",
         "INTERNATIONAL", "FEDERAL", "DEPARTMENT", "COUNCIL", "COMMITTEE", "OFFICE", "AGENCY"}


def _org_name(n: str, acronyms: frozenset) -> str:
    w = words(n)
    # A bare acronym (ECOWAS, UNHCR): the press writes it in capitals, also inside
    # longer names ("PLA Navy").
    return w[0] if _is_acronym(w) else proper_case(n, org=True, acronyms=acronyms)


def acronyms_of(entries: Iterable[Entry]) -> frozenset:
    """The words the dictionaries list on their own as a body's acronym (PLA, UN)."""
    return frozenset(w[0] for e in entries for n in e.names
                     if _is_acronym(w := words(n)) and len(e.codes[0].code) > 3  # not a country's own name
                     and split_code(e.codes[0].code)[0])


def _org_groups(group: list[str]) -> list[list[str]]:
    """Split a dictionary entry's synonyms into bodies. PETRARCH2 lists under one code
    whatever shares it ("UNITED_STATES_CONGRESS_" +HOUSE_ARMED_SERVICES_COMMITTEE,
    "KURDISTAN_REGIONAL_GOVERNMENT" +MASOUD_BARZANI): a synonym stays with the head
    name when it is its acronym or shares a distinctive word with it; an institution
    name or an unrelated acronym becomes a body of its own with the same code; anything
    else (persons, descriptions) is dropped."""
    head = words(group[0])
    own: list[str] = [group[0]]
    others: list[list[str]] = []
    for n in group[1:]:
        w = words(n)
        if not w or len(w) > 10:
            continue
        if _is_acronym(w):
            (own.append(n) if _acronym_of(w[0], head) else others.append([n]))
        elif (set(w) & set(head)) - _WEAK - GENERIC_WORDS:
            own.append(n)
        elif any(x in ORG_WORDS for x in w) and not any(x in GENERIC_WORDS - {"THE", "OF", "AND", "FOR"} for x in w):
            others.append([n])
    return [own, *others]


def petrarch_orgs(entries: Iterable[Entry], *, international: bool,
                  acronyms: frozenset = frozenset()) -> list[Org]:
    """Institutions: entries named with an institution word or a bare acronym, coded
    without dates. Entries sharing an organisation-specific code (NGOHLHMSF) are one
    organisation."""
    groups: dict[str, Org] = {}
    order: list[str] = []
    for e in entries:
        if any(c.start or c.end for c in e.codes):
            continue
        code = e.codes[0].code
        country, sector, rest = split_code(code)
        if country is None or sector is None:
            continue
        if country == "MNC" or (country not in TRANSNATIONAL and international):
            continue
        if country not in TRANSNATIONAL and len(rest) > 1 and rest[0] == "GOV" and rest[1] in SECTOR_MAP:
            # A state body coded GOVJUD, GOVMIL...: the court, the army, not a ministry.
            sector = SECTOR_MAP[rest[1]] if rest[1] in ("JUD", "MIL", "COP", "SPY", "LEG") else sector
        for group in e.groups:
            for body in _org_groups(group):
                _add_org(groups, order, body, code, country, sector, rest, acronyms)
    return [groups[k] for k in order]


def _add_org(groups: dict[str, Org], order: list[str], group: list[str], code: str,
             country: str, sector: str, rest: list[str], acronyms: frozenset) -> None:
    w = words(group[0])
    if not _is_acronym(w) and not any(x in ORG_WORDS for x in w):
        return
    if w[0] in GENERIC_WORDS - {"THE"} or any(x.endswith("-BASED") for x in w) or len(w) > 10:
        return
    names = [_org_name(n, acronyms) for n in group]
    # A code with a chunk naming this very body (MSF, HCR, WAS) groups its entries.
    specific = [c for c in rest if c not in SECTOR_MAP and map_country(c) is None
                and c not in ("UNO", "EUR", "WAF", "LAM", "ASA", "AFR", "EEC", "WST")]
    key = code if specific else f"{code}:{names[0]}"
    org = groups.get(key)
    if org is None:
        org = groups[key] = Org(names[0], set(), country, sector, "ORG", SRC_PETRARCH)
        order.append(key)
    for n in names:
        # A multi-word name is the better canonical name than an acronym.
        if " " in n and " " not in org.name:
            org.aliases.add(org.name)
            org.name = n
        elif n != org.name:
            org.aliases.add(n)


# --------------------------------------------------------------------------- places
@dataclass
class Place:
    name: str
    aliases: set[str]
    country: str
    sector: str
    kind: str
    source: str


def petrarch_places(entries: Iterable[Entry], capitals: dict[str, set[str]],
                    known_names: set[str], subdivisions: dict[str, set[str]]) -> list[Place]:
    """Cities and regions listed under a country's name entry (``AFGHANISTAN_ [AFG]``:
    +KABUL_, +HELMAND...). Spelling variants of the country's own name, demonyms and
    natural features are left out."""
    out = []
    for e in entries:
        if len(e.codes) != 1 or len(e.codes[0].code) != 3 or e.codes[0].start or e.codes[0].end:
            continue
        iso3 = map_country(e.codes[0].code)
        if iso3 is None or iso3 in TRANSNATIONAL:
            continue
        head = words(e.names[0])
        stem = "".join(head)[:4]
        caps = {c.upper() for c in capitals.get(iso3, ())}
        # The block lists the country's own name variants (translations, misspellings)
        # before its capital and cities: those are names of the state, no place in it.
        listed = [" ".join(words(n)) for n in e.names]
        first_city = next((i for i, n in enumerate(listed) if n in caps), None)
        for i, n in enumerate(e.names[1:], 1):
            if "\ufffd" in n or not re.match(r"[A-Z]", n.lstrip("+")):
                continue
            w = words(n)
            if not w or any(x in FEATURE_WORDS for x in w) or n.upper().endswith("STATE_"):
                continue
            joined = "".join(w)
            if joined[:4] == stem or any(x in GENERIC_WORDS | ORG_WORDS for x in w):
                continue  # a variant of the country's name, or an institution
            name = proper_case(n, org=True)
            if name.lower() in known_names:
                continue
            if first_city is not None and i < first_city:
                kind = "alias"
            elif name in capitals.get(iso3, ()):
                kind = "capital"
            elif name.lower() in subdivisions.get(iso3, ()):
                kind = "region"
            else:
                kind = "place"
            out.append(Place(name, set(), iso3, "", kind, SRC_PETRARCH))
    return out


# --------------------------------------------------------------------------- agents
def petrarch_agents(path: Path) -> dict[str, str]:
    """Agent nouns -> sector, singular and plural, lower case (``DIPLOMAT [~GOV]``)."""
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].strip()
            m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
            if m:
                macros[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
                continue
            m = re.match(r"^\+?([A-Z][A-Z_!.'\-]*)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]{3})~?\]", line)
            if not m:
                continue
            sector = SECTOR_MAP.get(m.group(3))
            if sector is None or sector in ("IGO", "NGO"):
                continue
            stem = m.group(1).strip("_")
            forms = _expand(stem, macros)
            if m.group(2):
                forms += _expand(m.group(2).strip("_"), macros)
            elif len(forms) == 1:  # a macro (!PERSON!) already spells out the plurals
                forms.append(_plural(forms[0]))
            for f in forms:
                f = f.replace("_", " ").lower().strip()
                if f and f not in out:
                    out[f] = sector
    return out


def _expand(stem: str, macros: dict[str, list[str]]) -> list[str]:
    for key, values in macros.items():
        if key in stem:
            return [x for v in values for x in _expand(stem.replace(key, v), macros)]
    return [stem]


def _plural(word: str) -> str:
    w = word
    if re.search(r"(MAN)$", w):
        return w[:-3] + "MEN"
    if re.search(r"(S|X|Z|CH|SH)$", w):
        return w + "ES"
    if re.search(r"[^AEIOU]Y$", w):
        return w[:-1] + "IES"
    return w + "S"


# --------------------------------------------------------------------------- writing
def _write_tsv(path: Path, header_lines: list[str], columns: list[str], rows: list[list[str]]):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for h in header_lines:
            fh.write(f"# {h}\n".replace("# \n", "#\n"))
        fh.write("\t".join(columns) + "\n")
        for r in rows:
            fh.write("\t".join(_clean(v) for v in r) + "\n")


def _clean(v: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", v or "").strip()


@dataclass
class BuildReport:
    files: dict[str, int] = field(default_factory=dict)


def build(source: Path, out: Path, *, log: Callable[[str], None] = lambda s: None) -> BuildReport:
    """Convert the dictionaries under ``source`` into ``out``/{people,organisations,
    regions,agents}.tsv. Raises FileNotFoundError naming the first missing input."""
    source, out = Path(source), Path(out)
    needed = {
        "countries": source / "petrarch2" / "Phoenix.Countries.actors.txt",
        "international": source / "petrarch2" / "Phoenix.International.actors.txt",
        "agents": source / "petrarch2" / "Phoenix.agents.txt",
        "leaders": source / "wikidata" / "world-leaders.csv",
    }
    if not source.is_dir():
        raise FileNotFoundError(f"actor source directory not found: {source}")
    for p in needed.values():
        if not p.is_file():
            raise FileNotFoundError(f"actor source file not found: {p}")
    from ..countries import all_country_aliases, country
    from ..tables import split_list, table

    report = BuildReport()
    log(f"reading {needed['countries']}")
    countries = parse_dictionary(needed["countries"])
    log(f"reading {needed['international']}")
    international = parse_dictionary(needed["international"])
    log(f"  {len(countries):,} + {len(international):,} dictionary entries")

    country_aliases = all_country_aliases()
    taken = {a.lower() for a in country_aliases}
    for row in table("organisations.tsv"):
        taken.update(a.lower() for a in [row["name"], *split_list(row["aliases"])])

    def iso3_of(label: str) -> Optional[str]:
        import pycountry

        ref = country(label)
        if ref:
            return ref.iso3
        try:
            return pycountry.countries.lookup(label).alpha_3
        except LookupError:
            return None

    # ---- people
    spells = petrarch_persons(countries) + petrarch_persons(international)
    spells += wikidata_persons(needed["leaders"], iso3_of)
    spells = finish_people(spells, taken)
    rows = sorted({(s.name, "|".join(s.aliases), s.country, s.sector, s.role, s.start, s.end, s.source)
                   for s in spells})
    _write_tsv(out / "people.tsv", [
        "Persons and their office spells, generated by `redline build actors` (do not edit;",
        "hand rows go to current_officeholders.tsv or a user file, see docs/actors.md).",
        f"Sources: {PETRARCH} (source=petrarch2);",
        f"{WIKIDATA} (source=wikidata).",
        "One row per spell: name, aliases (|), country (ISO3 or IGO/UNO/EUR/NGO/IMG), PLOVER",
        "sector, role, start, end (YYYY-MM-DD or YYYY; empty = open), source.",
        f"Spells ending before {KEEP_FROM} are left out.",
    ], ["name", "aliases", "country", "sector", "role", "start", "end", "source"],
        [list(r) for r in rows])
    report.files["people.tsv"] = len(rows)
    log(f"  people.tsv: {len(rows):,} spells of {len({r[0] for r in rows}):,} persons")

    # ---- organisations
    acronyms = acronyms_of(international) | acronyms_of(countries)
    orgs = (petrarch_orgs(international, international=True, acronyms=acronyms)
            + petrarch_orgs(countries, international=False, acronyms=acronyms))
    person_names = {s.name.lower() for s in spells}
    # A bare capitalised surname ("ASSAD", "JOULANI") reads like an acronym: it is not
    # an organisation.
    surnames = {s.name.split()[-1].split("-")[-1].lower() for s in spells}
    merged: dict[str, Org] = {}
    for o in orgs:
        key = o.name.lower()
        if key in taken or key in person_names or (" " not in key and (key in surnames or o.sector == "ELI")):
            continue
        if key in merged:
            merged[key].aliases |= o.aliases
            continue
        merged[key] = o
    # An alias claimed by two organisations with different codes is ambiguous.
    claims = defaultdict(set)
    for key, o in merged.items():
        for a in o.aliases | {o.name}:
            claims[a.lower()].add((o.country, o.sector))
    org_rows = set()
    for key, o in merged.items():
        aliases = sorted(a for a in o.aliases if a.lower() not in taken and len(claims[a.lower()]) == 1
                         and a != o.name)
        org_rows.add((o.name, "|".join(aliases), o.country, o.sector, o.type, o.source))
    org_rows = sorted(org_rows)
    _write_tsv(out / "organisations.tsv", [
        "Organisations with their PLOVER actor code, generated by `redline build actors` (do not",
        "edit; ../organisations.tsv is the hand table and wins over these rows).",
        f"Source: {PETRARCH}.",
        "Columns: name, aliases (|), country (PLOVER: ISO3 or IGO/UNO/EUR/NGO/IMG), sector, type, source.",
    ], ["name", "aliases", "country", "sector", "type", "source"], [list(r) for r in org_rows])
    report.files["organisations.tsv"] = len(org_rows)
    log(f"  organisations.tsv: {len(org_rows):,} organisations")

    # ---- places
    import pycountry

    capitals: dict[str, set[str]] = defaultdict(set)
    for alias, ref in country_aliases.items():
        if ref.kind == "capital":
            capitals[ref.iso3].add(alias)
    subdivisions: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        c = pycountry.countries.get(alpha_2=sub.country_code)
        if c:
            subdivisions[c.alpha_3].add(sub.name.lower())
    places = petrarch_places(countries, capitals, taken | person_names, subdivisions)
    # A place name listed under two countries (Georgia, Punjab) is no evidence of either.
    homes = defaultdict(set)
    for p in places:
        homes[p.name].add(p.country)
    place_rows = sorted({(p.name, "", p.country, p.sector, p.kind, p.source)
                         for p in places if len(homes[p.name]) == 1})
    _write_tsv(out / "regions.tsv", [
        "Sub-national places -> ISO3, generated by `redline build actors` (kind: region = a",
        "pycountry subdivision, place = a city or other place, alias = another name of the",
        "country itself: a translation or misspelling listed before its capital)",
        "(do not edit; hand rows are in regions_hand.tsv, which wins).",
        f"Source: {PETRARCH}; kind from pycountry's subdivisions and ../countries.tsv's capitals.",
        "Columns: name, aliases (|), country, sector (for metonyms of a government), kind, source.",
    ], ["name", "aliases", "country", "sector", "kind", "source"], [list(r) for r in place_rows])
    report.files["regions.tsv"] = len(place_rows)
    log(f"  regions.tsv: {len(place_rows):,} places")

    # ---- agents
    agents = petrarch_agents(needed["agents"])
    hand = {r["word"] for r in table("sectors.tsv")}
    agent_rows = sorted((w, s, SRC_PETRARCH) for w, s in agents.items() if w not in hand)
    _write_tsv(out / "agents.tsv", [
        "Agent nouns -> PLOVER sector, generated by `redline build actors` (do not edit;",
        "../sectors.tsv is the hand table and wins: words it has are left out here).",
        f"Source: {PETRARCH} (Phoenix.agents.txt), sector codes mapped as in",
        "redline.training.actors_kb.SECTOR_MAP (CAMEO HLH -> MED, MED -> JRN).",
        "Columns: word (lower case), sector, source.",
    ], ["word", "sector", "source"], [list(r) for r in agent_rows])
    report.files["agents.tsv"] = len(agent_rows)
    log(f"  agents.tsv: {len(agent_rows):,} words")
    return report
