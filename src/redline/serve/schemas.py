"""Pydantic models of the workbench API: request bodies and response shapes.

Responses keep the field names of the store (``redline.store.tables``) and of the
``redline extract`` JSON (``redline.model``); offsets are 0-based Python ``str``
indices (code points) into the article text, end exclusive.
"""
from __future__ import annotations

from typing import Any, Generic, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

T = TypeVar("T")


class _Open(BaseModel):
    """A response model that documents its main fields and passes others through."""
    model_config = ConfigDict(extra="allow")


class ErrorBody(BaseModel):
    status: int = Field(description="HTTP status code")
    message: str = Field(description="what went wrong, for a human")
    details: list[dict] = Field(default_factory=list, description="per-field problems, if any")


class ErrorResponse(BaseModel):
    error: ErrorBody


class Page(BaseModel, Generic[T]):
    total: Optional[int] = Field(None, description="number of matching items (capped, see total_capped)")
    total_capped: bool = Field(False, description="true when there are more than `total` matches")
    limit: int
    offset: int
    items: list[T]


class ArticleSummary(_Open):
    article_id: str
    ext_id: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    day: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    n_chars: Optional[int] = None
    snippet: Optional[str] = Field(None, description="the first 240 characters of the text")
    n_events: int = 0
    n_quotes: int = 0
    n_entities: int = 0


class ActorOut(_Open):
    name: Optional[str] = None
    entity: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None


class EventOut(_Open):
    article_id: str
    event_id: str
    type: Optional[str] = None
    mode: Optional[str] = None
    context: Optional[str] = None
    cameo: Optional[str] = None
    score: Optional[float] = None
    goldstein: Optional[float] = None
    quad_class: Optional[int] = None
    factuality: Optional[str] = None
    trigger_start: Optional[int] = None
    trigger_end: Optional[int] = None
    trigger_text: Optional[str] = None
    sentence_start: Optional[int] = None
    sentence_end: Optional[int] = None
    sentence_text: Optional[str] = None
    date: Optional[str] = None
    day: Optional[str] = None
    source: list[ActorOut] = Field(default_factory=list)
    target: list[ActorOut] = Field(default_factory=list)
    object: list[ActorOut] = Field(default_factory=list, description=(
        "what the act is about when it is no actor (things, places, policies); never in target"))
    article_title: Optional[str] = None
    article_url: Optional[str] = None
    article_source: Optional[str] = None
    num_mentions: Optional[int] = None
    num_articles: Optional[int] = None
    num_sources: Optional[int] = None


class QuoteOut(_Open):
    article_id: str
    quote_id: str
    kind: Optional[str] = None
    start: int
    end: int
    text: Optional[str] = None
    cue_text: Optional[str] = None
    speaker_text: Optional[str] = None
    speaker_name: Optional[str] = None
    speaker_entity: Optional[str] = None
    speaker_country: Optional[str] = None
    speaker_sector: Optional[str] = None
    article_title: Optional[str] = None
    article_day: Optional[str] = None


class ActorSummary(_Open):
    name: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    type: Optional[str] = None
    articles: int = 0
    mentions: int = 0
    quotes: int = 0
    events_as_source: int = 0
    events_as_target: int = 0
    roles: list[str] = Field(default_factory=list)
    kb: Optional[str] = Field(None, description="the knowledge-base name of a known person or organisation")
    evidence: list[str] = Field(default_factory=list, description=(
        "how its country was decided: the resolution passes seen (knowledge, "
        "descriptor:nationality, story...); empty when the mentions name it"))


class DyadPoint(BaseModel):
    week: str = Field(description="the Monday starting the week, YYYY-MM-DD")
    events: int = Field(description="real-world events (clusters) that week")
    mentions: int
    sum: float
    mean: Optional[float] = None


class DyadSeries(BaseModel):
    source: str
    target: str
    measure: str
    per: str
    factuality: list[str]
    series: list[DyadPoint]


class NetworkNode(BaseModel):
    id: str
    label: str
    events: int
    out: int
    # "in" is a Python keyword
    in_: int = Field(alias="in")
    model_config = ConfigDict(populate_by_name=True)


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    score_sum: Optional[float] = None
    score_mean: Optional[float] = None


class Network(BaseModel):
    by: str
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class Article(_Open):
    """An article with its full analysis (the ``redline extract`` JSON form)."""
    id: str
    text: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    entities: list[dict] = Field(default_factory=list)
    quotes: list[dict] = Field(default_factory=list)
    events: list[dict] = Field(default_factory=list)
    dates: list[dict] = Field(default_factory=list)
    places: list[dict] = Field(default_factory=list)
    equipment: list[dict] = Field(default_factory=list)
    quantities: list[dict] = Field(default_factory=list)
    terms: list[dict] = Field(default_factory=list)


def _real_day(value: Optional[str]) -> Optional[str]:
    """A ``published`` value that is a real calendar day (2024-13-45 and 2024-02-30 are
    refused with the readers' message, :func:`redline.ingest.dates.invalid_date_message`)."""
    if value is None:
        return None
    from ..ingest.dates import InvalidDate, check_published

    try:
        day, note = check_published(value)
    except InvalidDate as exc:
        raise ValueError(str(exc)) from None
    if note:  # a relative word: the API takes days only
        raise ValueError(f"published must be a day written YYYY-MM-DD, got {value!r}")
    return day


class AnalyseIn(BaseModel):
    """A text to analyse at once."""
    text: str = Field(min_length=1, description="the article text (plain text)")
    title: Optional[str] = Field(None, max_length=1000)
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                     description="publication day, YYYY-MM-DD")
    store: bool = Field(False, description="also store it (needs the token)")

    _published = field_validator("published")(_real_day)


class ArticleIn(BaseModel):
    """An article to analyse and store: exactly one of ``text``, ``html`` or ``url``."""
    text: Optional[str] = Field(None, description="plain text")
    html: Optional[str] = Field(None, description="an HTML page; its main text is extracted")
    url: Optional[str] = Field(None, max_length=2048,
                               description="an http(s) URL to fetch (public addresses only)")
    title: Optional[str] = Field(None, max_length=1000)
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    source: Optional[str] = Field(None, max_length=200, description="the outlet")

    _published = field_validator("published")(_real_day)

    @model_validator(mode="after")
    def _one_input(self):
        given = [k for k in ("text", "html", "url") if getattr(self, k)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class AnalyseOut(BaseModel):
    stored: bool
    status: str = Field(description="analysed | stored | duplicate | exists | failed")
    id: Optional[str] = Field(None, description="the article's store id (content hash)")
    duplicate_of: Optional[str] = None
    article: Optional[dict[str, Any]] = None
    error: Optional[str] = None


class Breakdown(_Open):
    key: Optional[str] = Field(None, description="the type, country code or factuality")
    events: int
    cooperation: int = Field(0, description="events of quad classes 1-2")
    conflict: int = Field(0, description="events of quad classes 3-4")


class PlaceCount(_Open):
    name: Optional[str] = None
    country: Optional[str] = None
    lat: float
    lon: float
    events: int
    cooperation: int = 0
    conflict: int = 0


class Period(BaseModel):
    start: str = Field(description="first day of the week (a Monday) or month")
    end: str = Field(description="last day of the period")
    events: int
    cooperation: int
    conflict: int
    other: int = Field(description="events of no quad class")
    types: dict[str, int]


class Timeline(BaseModel):
    interval: str = Field(description="week | month | year")
    periods: list[Period]
    before: int = Field(0, description="events dated before the first period, left out (interval auto)")
    after: int = Field(0, description="events dated after the last period, left out (interval auto)")


class Overview(BaseModel):
    total: int = Field(description="number of events matching the filters")
    places: list[PlaceCount]
    timeline: Timeline
    types: list[Breakdown]
    countries: list[Breakdown] = Field(description="by the country where the events happened")
    source_countries: list[Breakdown] = Field(description="by the source actor's country")
    factuality: list[Breakdown]
