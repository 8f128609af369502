"""Country names, demonyms, capitals and metonyms → ISO 3166-1 alpha-3.

pycountry supplies every country's official and common names; ``data/countries.tsv``
adds short names, demonyms, capitals and metonyms ("the Kremlin"), and
``data/organisations.tsv`` the organisations with their PLOVER actor codes, merged by
:mod:`redline.knowledge` with the generated ``data/actors/organisations.tsv`` and the
user's actor files.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional

from .tables import split_list, table


@dataclass(frozen=True)
class CountryRef:
    iso3: str
    name: str  # short canonical name, e.g. "North Korea"
    kind: str  # name | demonym | capital | alias


@dataclass(frozen=True)
class OrgRef:
    name: str
    country: str
    sector: Optional[str]
    type: str


def _norm(text: str) -> str:
    text = text.strip().replace("’", "'")
    low = text.lower()
    if low.startswith("the "):
        text = text[4:]
    return text


@functools.lru_cache(maxsize=1)
def _country_table() -> dict[str, CountryRef]:
    import pycountry

    short_names: dict[str, str] = {}
    rows = table("countries.tsv")
    for row in rows:
        short_names[row["iso3"]] = row["name"]
    out: dict[str, CountryRef] = {}

    def add(alias: str, iso3: str, kind: str, override: bool = True):
        key = _norm(alias)
        if not key:
            return
        name = short_names.get(iso3)
        if name is None:
            c = pycountry.countries.get(alpha_3=iso3)
            name = getattr(c, "common_name", None) or (c.name if c else iso3)
        if override or key not in out:
            out[key] = CountryRef(iso3, name, kind)

    heads: dict[str, set] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                add(value, c.alpha_3, "name", override=False)
                if "," in value:
                    heads.setdefault(value.split(",")[0].strip(), set()).add(c.alpha_3)
    # ISO's inverted names ("Micronesia, Federated States of") are written in news by the
    # part before the comma; not when two states share it ("Korea, Republic of"), nor when
    # it is already another state's name ("Congo")
    for head, isos in heads.items():
        if len(isos) == 1:
            add(head, next(iter(isos)), "name", override=False)
    for row in rows:
        iso3 = row["iso3"]
        add(row["name"], iso3, "name")
        for alias in split_list(row["aliases"]):
            add(alias, iso3, "alias")
        for dem in split_list(row["demonyms"]):
            add(dem, iso3, "demonym")
        for cap in split_list(row["capitals"]):
            add(cap, iso3, "capital")
    return out


@functools.lru_cache(maxsize=1)
def _org_table() -> dict[str, OrgRef]:
    # The knowledge base merges the generated organisations with the hand tables and
    # the user's files, lowest precedence first: a later row takes over an alias.
    from .knowledge import organisation_rows

    out: dict[str, OrgRef] = {}
    for row in organisation_rows():
        ref = OrgRef(row["name"], row["country"], row["sector"] or None, row.get("type") or "ORG")
        for alias in [row["name"], *split_list(row["aliases"])]:
            out[_norm(alias)] = ref
    return out


#: actor codes that are no state's (PLOVER: international, UN, EU, NGO, militant, company, movement)
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "MNC", "ISM"})


def is_state(code) -> bool:
    """Whether an actor code is a state's (ISO3), not IGO, UNO, NGO..."""
    return bool(code) and len(code) == 3 and code not in NON_STATE


def state_of_member(nationality, body_state):
    """The state of a person described by a nationality and a state's body: "a Thai
    opposition lawmaker ... of the House of Representatives Committee" is Thai, since
    many states have a body of that name; otherwise the body's state."""
    if is_state(nationality) and is_state(body_state) and nationality != body_state:
        return nationality
    return body_state


def country(text: str) -> Optional[CountryRef]:
    """The country a name, demonym, capital or metonym denotes, or None.

    Matching is exact on the form as written (case kept: "US" is a country, "us" is
    not), after dropping a leading "the" and possessive "'s".
    """
    key = _norm(text)
    if key.endswith("'s"):
        key = key[:-2]
    return _country_table().get(key)


def organisation(text: str) -> Optional[OrgRef]:
    key = _norm(text)
    if key.endswith("'s"):
        key = key[:-2]
    return _org_table().get(key)


def country_name(iso3: str) -> str:
    """The short name of a state ("United States" for USA), or ``iso3`` itself when the
    table has no such code."""
    return _short_names().get(iso3, iso3)


@functools.lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    # every reference carries its state's canonical short name, whatever its own kind
    return {ref.iso3: ref.name for ref in _country_table().values()}


def all_country_aliases() -> dict[str, CountryRef]:
    return dict(_country_table())


def all_org_aliases() -> dict[str, OrgRef]:
    return dict(_org_table())
