"""Redline's core data model: the typed records every extractor returns.

Every record points back to the characters it came from: ``start``/``end`` are
0-based Python ``str`` indices into :attr:`Article.text`, end exclusive. The field
names follow ``../shared/eval/CONTRACT.md``; ``to_dict`` gives the JSON form that
``redline extract`` emits and ``schema/article.schema.json`` describes.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
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
        d = asdict(self)
        if self.error is None:
            d.pop("error")
        if not self.notes:
            d.pop("notes")
        return d
