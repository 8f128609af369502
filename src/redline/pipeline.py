"""The analysis pipeline: parsed document → typed records, in dependency order.

ingest → parse → extract (actors, quotes, dates, places, equipment, quantities,
events) → :class:`redline.model.Article`. Each extractor is a function of the parsed
``Doc`` (plus the records of earlier extractors it builds on) returning typed records.
"""
from __future__ import annotations

import logging
import time
from typing import Iterable, Iterator

from .budget import BudgetExceeded, article_seconds, time_limit
from .model import Article
from .parse import MAX_CHARS, load_nlp

log = logging.getLogger(__name__)


def analyse_doc(doc, article: Article) -> Article:
    """Fill ``article`` with everything extracted from its parsed ``doc``."""
    from .extract import actors, dates, equipment, events, places, quantities, quotes, resolution
    from .extract._text import seed_text

    seed_text(doc, article.text)
    article.entities = actors.extract_entities(doc)
    article.places = places.extract_places(doc, article.entities)
    index = actors.EntityIndex(article.entities, doc)
    resolution.resolve_entities(doc, article.entities, article.places, article.published, index,
                                title=article.title)
    article.quotes, article.terms = quotes.extract_quotes(doc, article.entities, index)
    article.dates = dates.extract_dates(doc, article.published)
    article.equipment = equipment.extract_equipment(doc)
    article.quantities = quantities.extract_quantities(
        doc, article.quotes, index, dates=article.dates, published=article.published)
    article.events = events.extract_events(
        doc,
        entities=article.entities,
        index=index,
        quotes=article.quotes,
        dates=article.dates,
        places=article.places,
        published=article.published,
    )
    equipment.link_equipment(article.equipment, article.events)
    return article


def clear_results(article: Article) -> None:
    """Forget what an interrupted analysis had filled in: a failed article has no records."""
    article.entities, article.quotes, article.terms, article.dates = [], [], [], []
    article.places, article.equipment, article.quantities, article.events = [], [], [], []


def extract_within(doc, article: Article, budget) -> Article:
    """:func:`analyse_doc` under the per-article time budget (``budget`` seconds,
    ``None`` or 0: none); an article over budget or whose extraction fails keeps no
    records and gets ``error`` instead."""
    try:
        with time_limit(budget, "extraction"):
            analyse_doc(doc, article)
    except BudgetExceeded as exc:
        log.warning("article %s: %s", article.id, exc)
        clear_results(article)
        article.error = str(exc)
    except Exception as exc:
        log.exception("extraction failed for %s", article.id)
        article.error = f"extraction failed: {type(exc).__name__}: {exc}"
    return article


def _check(article: Article) -> str | None:
    if article.error:
        return article.error
    if not article.text or not article.text.strip():
        return "empty text: nothing to analyse"
    if len(article.text) > MAX_CHARS:
        return (
            f"text too long: {len(article.text):,} characters (limit {MAX_CHARS:,}; "
            "set REDLINE_MAX_CHARS to raise it)"
        )
    if "\x00" in article.text:
        return "binary content: the text contains NUL bytes"
    return None


def analyse(article: Article) -> Article:
    """Analyse one article in place; a failure becomes ``article.error``."""
    return next(analyse_many([article]))


def analyse_many(articles: Iterable[Article], batch_size: int = 8) -> Iterator[Article]:
    """Analyse articles in input order, parsing in batches with ``nlp.pipe``.

    An article that cannot be analysed gets ``error`` set and keeps its place in the
    stream; the others go on.
    """
    nlp = load_nlp()
    budget = article_seconds()
    batch: list[Article] = []

    def parse_one(a: Article):
        try:
            with time_limit(budget, "parsing"):
                return nlp(a.text)
        except BudgetExceeded as exc:
            a.error = str(exc)
        except Exception as exc:
            a.error = f"parse failed: {type(exc).__name__}: {exc}"
        return None

    def parse_batch(ok: list[Article]) -> dict:
        """Parse together (``nlp.pipe``); when the batch fails or runs over one
        article's budget, parse each alone under its own budget."""
        if len(ok) == 1:
            return {id(ok[0]): parse_one(ok[0])}
        try:
            with time_limit(budget, "parsing"):
                return {id(a): doc for a, doc in
                        zip(ok, nlp.pipe([a.text for a in ok], batch_size=batch_size))}
        except (Exception, BudgetExceeded):  # one bad text must not sink the batch
            return {id(a): parse_one(a) for a in ok}

    def flush(items: list[Article]):
        ok = [a for a in items if a.error is None]
        docs = parse_batch(ok) if ok else {}
        for a in items:
            doc = docs.get(id(a))
            if doc is not None and a.error is None:
                t0 = time.perf_counter()
                extract_within(doc, a, budget)
                a.meta.setdefault("timing", {})["extract_s"] = round(time.perf_counter() - t0, 4)
            yield a

    for article in articles:
        err = _check(article)
        if err:
            article.error = err
        batch.append(article)
        if len(batch) >= batch_size:
            yield from flush(batch)
            batch = []
    if batch:
        yield from flush(batch)
