"""Redline's core data model: the typed records every extractor returns.

Every record points back to the characters it came from: ``start``/``end`` are
0-based Python ``str`` indices into :attr:`Article.text`, end exclusive. The field
names follow ``../shared/eval/CONTRACT.md``; ``to_dict`` gives the JSON form that
``redline extract`` emits and ``schema/article.schema.json`` describes.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Optional


@dataclass
class TextSpan:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "TextSpan":
        return cls(start, end, text[start:end])


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | title | pronoun | metonym | demonym | descriptor


@dataclass
class Entity:
    id: str
    name: str
    type: str  # PERSON | ORG | GPE | NORP | LOC | FAC | ...
    country: Optional[str] = None  # ISO3, or PLOVER IGO/UNO/EUR/NGO/...
    sector: Optional[str] = None  # PLOVER sector code: GOV, MIL, LEG, ...
    role: Optional[str] = None
    organisation: Optional[str] = None
    mentions: list[Mention] = field(default_factory=list)
    # How the country was decided: a resolution pass ("descriptor:nationality",
    # "knowledge", "story", ...), or None when the mention itself names it.
    evidence: Optional[str] = None
    # The knowledge-base name of a known person or organisation.
    kb: Optional[str] = None


@dataclass
class Speaker:
    start: int
    end: int
    text: str
    name: Optional[str]
    entity: Optional[str]


@dataclass
class Quote:
    id: str
    kind: str  # direct | indirect | mixed
    start: int
    end: int
    text: str
    cue: Optional[TextSpan] = None
    speaker: Optional[Speaker] = None
    # A direct quote split around its attribution, or running over paragraphs, is
    # one quote in several parts; start/end then cover the whole and parts each piece.
    parts: list[TextSpan] = field(default_factory=list)
    # "(... - Ed.)" insertions: inside the content but not the speaker's words.
    insertions: list[TextSpan] = field(default_factory=list)


@dataclass
class Actor:
    name: str
    entity: Optional[str]
    country: Optional[str]
    sector: Optional[str]
    start: int
    end: int
    text: str


@dataclass
class Location:
    name: str
    country: Optional[str]
    lat: Optional[float]
    lon: Optional[float]


@dataclass
class Event:
    id: str
    type: str
    mode: Optional[str]
    context: Optional[str]
    cameo: Optional[str]
    score: Optional[float]
    goldstein: Optional[float]
    factuality: str
    trigger: TextSpan
    sentence: dict
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    # what the act is about or done with when it is no actor: things, places, policies,
    # abstractions ("oil prices", "a ceasefire", "Mogadishu"); never in ``target``
    object: list[Actor] = field(default_factory=list)
    date: Optional[str] = None
    date_basis: Optional[str] = None  # clause | governing | published
    location: Optional[Location] = None
    quote: Optional[str] = None
    confidence: Optional[float] = None
    equipment: list[str] = field(default_factory=list)


@dataclass
class DateExpr:
    start: int
    end: int
    text: str
    value: Optional[str]
    qualifier: Optional[str] = None
    granularity: Optional[str] = None  # day | month | year | decade ...
    relative: bool = False
    anchor: Optional[str] = None


@dataclass
class Place:
    start: int
    end: int
    text: str
    name: str
    country: Optional[str]
    kind: str
    lat: Optional[float]
    lon: Optional[float]


@dataclass
class Equipment:
    start: int
    end: int
    text: str
    name: str
    category: str
    event: Optional[str] = None
    recipient: Optional[str] = None


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: Any  # number or [low, high]
    qualifier: Optional[str]
    unit: Optional[str]
    claimant: Optional[str] = None
    date: Optional[str] = None
    counted: Optional[str] = None  # the thing counted, as written ("North Korean soldiers")
    claimant_name: Optional[str] = None  # the cited source's name, also when it is no entity


@dataclass
class Article:
    id: str
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    error: Optional[str] = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    terms: list[TextSpan] = field(default_factory=list)  # scare-quoted terms, not speech
    # What the reader changed or assumed ("text: replaced 1 lone surrogate ...",
    # "published: 'yesterday' read as 2024-03-03"); present in the output only when set.
    notes: list[str] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        d = _plain(self)
        if self.error is None:
            d.pop("error")
        if not self.notes:
            d.pop("notes")
        return d


# Field names per record class: ``dataclasses.fields`` rebuilds its tuple on every call.
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def _plain(obj):
    """What ``dataclasses.asdict`` returns for ``obj`` (the same dicts, lists and tuples,
    in the same order; other values deep-copied), several times faster: an article has
    thousands of records and values, and ``asdict`` deep-copies every string and number
    through ``copy.deepcopy``."""
    kind = type(obj)
    if kind in _ATOMS:
        return obj
    if kind is list:
        return [_plain(v) for v in obj]
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {name: _plain(getattr(obj, name)) for name in names}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):  # a named tuple
        return kind(*[_plain(v) for v in obj])
    if isinstance(obj, (list, tuple)):
        return kind(_plain(v) for v in obj)
    if isinstance(obj, dict):
        if hasattr(kind, "default_factory"):  # a defaultdict, as asdict rebuilds it
            out = kind(obj.default_factory)
            for k, v in obj.items():
                out[_plain(k)] = _plain(v)
            return out
        return kind((_plain(k), _plain(v)) for k, v in obj.items())
    return copy.deepcopy(obj)
