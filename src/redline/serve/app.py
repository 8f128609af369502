"""The workbench: one FastAPI application serving the REST API and the web UI.

``create_app(db_url, token=None, ...)`` opens the store and returns the app; ``redline
serve`` runs it with uvicorn. Layout:

* ``/api/...`` — JSON API (OpenAPI at ``/openapi.json``, Swagger UI at ``/docs``,
  served from files shipped in a Python package, no CDN);
* ``/``, ``/articles/{id}``, ``/events``, ``/dyad``, ``/network``, ``/analyse`` —
  the UI pages (static HTML + JS from :mod:`redline.web`, which fetch the API);
* ``/static/...`` — the UI's JS/CSS.

Security: reads are open unless ``protect_reads``; writes (storing an article) need
the token (``Authorization: Bearer TOKEN`` or ``X-Redline-Token``) and are refused
outright when the server has no token. Request bodies are capped (``max_body``
bytes), pages are capped (``max_page`` items). URL fetching goes through the corpus
URL guard (:func:`redline.corpus.fetch.fetch`: public http(s) addresses only, unless
``allow_private``). HTML pages are sent with a strict Content-Security-Policy (scripts
and styles from this origin only, no inline script), and the UI builds every piece of
stored text with ``textContent``.
"""

import csv
import datetime as dt
import hmac
import io
import json
import logging
import os
import re
import threading
from importlib import resources
from pathlib import Path
from typing import Annotated, Iterable, Optional

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..store.queries import FACTUAL, FACTUALITIES, PAIR_KINDS, EventFilter, dyad_series
from ..store.tables import json_list
from . import queries as Q
from . import schemas as S
from .analysis import AnalysisGate, analyse_text
from .hosts import AllowedHosts, HostGuard

log = logging.getLogger(__name__)

WEB = Path(str(resources.files("redline").joinpath("web")))

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
# Swagger UI's page has a small inline bootstrap script.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'")

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TERM = 200  # max length of a free-text filter


class BodyLimit:
    """ASGI middleware refusing request bodies larger than ``max_bytes`` with a JSON 413,
    whether announced by Content-Length or streamed in chunks."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = None
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    declared = -1
        if declared is not None and (declared < 0 or declared > self.max_bytes):
            return await self._reject(send, declared)
        if declared is not None:
            return await self.app(scope, receive, send)  # the server holds it to Content-Length
        # no Content-Length (chunked): read the body here, up to the cap, then replay it
        chunks, seen = [], 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":
                return  # client went away
            body = msg.get("body", b"")
            seen += len(body)
            if seen > self.max_bytes:
                return await self._reject(send, seen)
            chunks.append(body)
            if not msg.get("more_body", False):
                break
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, send, size):
        body = json.dumps({"error": {"status": 413, "message":
                                     f"request body too large (limit {self.max_bytes:,} bytes)",
                                     "details": []}}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """ASGI middleware adding security headers to every response: a strict CSP (a
    looser one for the Swagger UI page), nosniff, no referrer, no framing, and
    ``Cache-Control: no-store`` on the API."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                 (b"x-frame-options", b"DENY"),
                 (b"content-security-policy", (DOCS_CSP if path.startswith("/docs") else CSP).encode())]
        if path.startswith("/api/"):
            extra.append((b"cache-control", b"no-store"))

        async def add_headers(msg):
            if msg["type"] == "http.response.start":
                have = {k.lower() for k, _ in msg.get("headers", [])}
                msg = {**msg, "headers": list(msg.get("headers", [])) + [h for h in extra if h[0] not in have]}
            await send(msg)

        await self.app(scope, receive, add_headers)


def _error(status: int, message: str, details: Optional[list] = None) -> JSONResponse:
    return JSONResponse(status_code=status,
                        content={"error": {"status": status, "message": message, "details": details or []}})


def _csv_values(values: Optional[list[str]]) -> list[str]:
    out = []
    for v in values or []:
        out.extend(x.strip() for x in str(v).split(",") if x.strip())
    return out


def _factualities(values: Optional[list[str]]) -> list[str]:
    """The factuality filter's values, lower-cased; an unknown one is a 422 (it would
    silently match nothing)."""
    out = [v.lower() for v in _csv_values(values)]
    unknown = [v for v in out if v not in FACTUALITIES]
    if unknown:
        raise HTTPException(422, f"unknown factuality {unknown[0]!r}: use one or more of "
                                 f"{', '.join(FACTUALITIES)}")
    return out


def _types(values: Optional[list[str]]) -> list[str]:
    """The PLOVER type filter's values, upper-cased; an unknown one is a 422."""
    from ..plover import types as plover_types

    out = [v.upper() for v in _csv_values(values)]
    known = plover_types()
    unknown = [v for v in out if v not in known]
    if unknown:
        raise HTTPException(422, f"unknown PLOVER type {unknown[0]!r}: use one or more of "
                                 f"{', '.join(sorted(known))}")
    return out


def _check_day(name: str, value: Optional[str]) -> Optional[str]:
    if value in (None, ""):
        return None
    if not _DAY.match(value):
        raise HTTPException(422, f"{name} must be a day written YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name} is not a valid day: {value!r}") from None
    return value


def _analyze_if_needed(store) -> None:
    import sqlalchemy as sa

    if store.dialect != "sqlite":
        return  # PostgreSQL's autovacuum keeps its statistics
    try:
        with store.engine.begin() as conn:
            have = conn.exec_driver_sql(
                "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").scalar()
            if not have:
                conn.exec_driver_sql("ANALYZE")
            else:
                conn.exec_driver_sql("PRAGMA optimize")
    except sa.exc.SQLAlchemyError as exc:  # read-only file, locked store: serve anyway
        log.warning("could not analyze the store: %s", exc)


def create_app(db_url: Optional[str] = None, token: Optional[str] = None, *,
               protect_reads: bool = False, max_body: int = 2_000_000, max_page: int = 200,
               export_limit: int = 50_000, max_analyse_chars: int = 200_000,
               allow_private: bool = False, store=None, analyze: bool = True,
               allowed_hosts: Iterable[str] = (), analyse_queue: int = 8,
               analyse_per_client: int = 2, analyse_needs_token: bool = False) -> FastAPI:
    """Build the workbench app over the store at ``db_url`` (see the module doc).

    ``token``: the secret that writes need (None: writes disabled). ``protect_reads``:
    reads need it too. ``max_body``: largest request body in bytes. ``max_page``:
    largest ``limit`` of a list endpoint. ``export_limit``: most rows of one export.
    ``max_analyse_chars``: longest text the analyse endpoints take. ``allow_private``:
    let the URL fetcher reach loopback/private addresses (tests only). ``store``: an
    open :class:`redline.store.db.Store` to use instead of opening ``db_url``.
    ``analyze``: gather the query planner's statistics of a SQLite store that has none
    (``ANALYZE``; without them SQLite picks poor indexes for filtered, sorted pages).
    ``allowed_hosts``: host names the server answers to besides the loopback ones
    (see :mod:`redline.serve.hosts`; ``"*"``: any). ``analyse_queue``: most analyses
    in flight (running or waiting; more get 503); ``analyse_per_client``: most of one
    client address (more get 429); ``analyse_needs_token``: ``POST /api/analyse``
    needs the token even when nothing is stored (see :mod:`redline.serve.analysis`).
    """
    from ..store.db import open_store

    if store is None:
        store = open_store(db_url)
    if protect_reads and not token:
        raise ValueError("protect_reads needs a token")
    if analyze:
        _analyze_if_needed(store)
    if analyse_needs_token and not token:
        raise ValueError("analyse_needs_token needs a token")
    write_lock = threading.Lock()
    gate = AnalysisGate(max_queue=analyse_queue, per_client=analyse_per_client)
    hosts = AllowedHosts(allowed_hosts)

    app = FastAPI(
        title="Redline workbench",
        version=__version__,
        description=(
            "Read and search Redline's event database: articles with their full analysis, "
            "PLOVER events, quotes, actors, dyad time series and the actor network; analyse "
            "a text at once; store new articles (token needed). Offsets are 0-based Python "
            "string indices (code points) into the article text, end exclusive. Errors are "
            "JSON: `{\"error\": {\"status\", \"message\", \"details\"}}`."),
        docs_url=None, redoc_url=None,
        responses={422: {"model": S.ErrorResponse}},
    )
    app.state.store = store
    app.state.analysis_gate = gate
    app.state.settings = {"protect_reads": protect_reads, "writes": bool(token), "max_page": max_page,
                          "max_body": max_body, "export_limit": export_limit,
                          "max_analyse_chars": max_analyse_chars, "analyse_queue": analyse_queue,
                          "analyse_per_client": analyse_per_client,
                          "analyse_needs_token": analyse_needs_token}
    app.add_middleware(BodyLimit, max_bytes=max_body)
    app.add_middleware(HostGuard, allowed=hosts)
    app.add_middleware(SecurityHeaders)

    # ------------------------------------------------------------------ errors

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        msg = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and msg == "Not Found":
            msg = f"no such resource: {request.url.path}"
        if exc.status_code == 405:
            msg = f"method {request.method} not allowed on {request.url.path}"
        resp = _error(exc.status_code, msg)
        if exc.headers:
            resp.headers.update(exc.headers)
        return resp

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        details = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()))
            details.append({"where": where, "message": e.get("msg", ""), "type": e.get("type", "")})
        first = details[0] if details else {"where": "", "message": "invalid request"}
        return _error(422, f"invalid request: {first['where']}: {first['message']}", details)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):  # pragma: no cover - safety net
        log.exception("unhandled error on %s", request.url.path)
        return _error(500, f"internal error: {type(exc).__name__}")

    # ------------------------------------------------------------------ auth

    def _token_of(request: Request) -> Optional[str]:
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return request.headers.get("x-redline-token")

    def _check_token(request: Request, what: str) -> None:
        if not token:
            raise HTTPException(403, f"{what} is disabled: the server was started without a token "
                                     "(set REDLINE_TOKEN and pass --token-env)")
        given = _token_of(request)
        if not given:
            raise HTTPException(401, f"{what} needs the token: send 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(403, "wrong token")

    def require_read(request: Request) -> None:
        if protect_reads:
            _check_token(request, "reading")

    def require_write(request: Request) -> None:
        _check_token(request, "storing articles")

    Read = Depends(require_read)
    Limit = Annotated[int, Query(ge=1, le=max_page, description=f"page size (at most {max_page})")]
    Offset = Annotated[int, Query(ge=0, le=10_000_000)]
    Term = Annotated[Optional[str], Query(max_length=_TERM)]

    # ------------------------------------------------------------------ meta

    @app.get("/api/health", tags=["meta"], summary="Liveness and store dialect")
    def health():
        return {"status": "ok", "version": __version__, "store": store.dialect}

    @app.get("/api/stats", tags=["meta"], dependencies=[Read], summary="Counts of the store")
    def stats():
        return {**store.counts(), "settings": app.state.settings,
                "analyses": {**gate.stats, "in_flight": gate.in_flight}}

    @app.get("/api/types", tags=["meta"], summary="PLOVER event types with their scores")
    def types():
        from ..plover import types as plover_types
        return [{"type": k, **v} for k, v in plover_types().items()]

    # ------------------------------------------------------------------ articles

    @app.get("/api/articles", tags=["articles"], dependencies=[Read],
             response_model=S.Page[S.ArticleSummary], summary="Search articles")
    def list_articles(q: Term = None, source: Term = None,
                      since: Annotated[Optional[str], Query(description="YYYY-MM-DD")] = None,
                      until: Annotated[Optional[str], Query(description="YYYY-MM-DD")] = None,
                      duplicates: bool = False, limit: Limit = 50, offset: Offset = 0):
        """Articles whose title or text contains `q`, from an outlet matching `source`,
        published between `since` and `until`; newest first, with counts."""
        total, items = Q.search_articles(store, q=q, source=source, since=_check_day("since", since),
                                         until=_check_day("until", until),
                                         include_duplicates=duplicates, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/articles/{article_id}", tags=["articles"], dependencies=[Read],
             response_model=S.Article, summary="One article with its full analysis")
    def get_article(article_id: str):
        if len(article_id) > 64:
            raise HTTPException(404, "no such article")
        art = store.article(article_id)
        if art is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return art

    # ------------------------------------------------------------------ events

    def _event_filter(source, target, both, actor, type_, factuality, since, until, text, article, by=None):
        return EventFilter(source=source or None, target=target or None, actor=actor or None,
                           types=_types(type_), factuality=_factualities(factuality),
                           since=_check_day("since", since), until=_check_day("until", until),
                           text=text or None, article_id=article or None,
                           both_directions=bool(both), exact=by or None)

    def _attach_actors(rows: list[dict]) -> list[dict]:
        acts = Q.event_actors_of(store, [(r["article_id"], r["event_id"]) for r in rows])
        for r in rows:
            a = acts.get((r["article_id"], r["event_id"]), {"source": [], "target": []})
            r["source"], r["target"] = a["source"], a["target"]
            r["equipment"] = json_list(r.get("equipment"))
            r["object"] = json_list(r.get("object"))
        return rows

    def event_params(
        source: Annotated[Optional[str], Query(max_length=_TERM, description=(
            "source actor: a 3-letter country code (PRK) or part of a name"))] = None,
        target: Annotated[Optional[str], Query(max_length=_TERM, description="target actor, as `source`")] = None,
        both: Annotated[bool, Query(description="with source and target: both directions")] = False,
        actor: Annotated[Optional[str], Query(max_length=_TERM, description="an actor on either side")] = None,
        type: Annotated[Optional[list[str]], Query(description="PLOVER type(s); repeat or comma-separate")] = None,
        factuality: Annotated[Optional[list[str]], Query(description=(
            "asserted, reported, hypothetical, advocated, negated, ...; repeat or comma-separate"))] = None,
        since: Annotated[Optional[str], Query(description="first day, YYYY-MM-DD")] = None,
        until: Annotated[Optional[str], Query(description="last day, YYYY-MM-DD")] = None,
        text: Annotated[Optional[str], Query(max_length=_TERM, description="words of the evidence sentence or title")] = None,
        article: Annotated[Optional[str], Query(max_length=64, description="one article's id")] = None,
        place: Annotated[Optional[str], Query(max_length=_TERM, description=(
            "where the event happened: a 3-letter country code or a place's exact name"))] = None,
        by: Annotated[Optional[str], Query(pattern="^(" + "|".join(PAIR_KINDS) + ")$", description=(
            "source, target and actor are exact keys: country codes (`country`) or whole canonical "
            "names (`actor`), as in the network's edges"))] = None,
    ) -> EventFilter:
        f = _event_filter(source, target, both, actor, type, factuality, since, until, text, article, by)
        f.place = place or None
        return f

    Sort = Annotated[str, Query(pattern="^(" + "|".join(Q.EVENT_SORTS) + ")$",
                                description="sort column: " + ", ".join(Q.EVENT_SORTS))]
    Order = Annotated[str, Query(pattern="^(asc|desc)$")]

    @app.get("/api/events", tags=["events"], dependencies=[Read], response_model=S.Page[S.EventOut],
             summary="Search events")
    def list_events(f: Annotated[EventFilter, Depends(event_params)], sort: Sort = "day",
                    order: Order = "desc", limit: Limit = 50, offset: Offset = 0,
                    count: Annotated[bool, Query(description="compute the total")] = True):
        """A page of event mentions matching the filters, with their actors, evidence
        sentence and trigger offsets, and their real-world event's counts. `total` is
        counted up to 10,000 (`total_capped` says when there are more)."""
        names = Q.resolve_names(store, f)
        total, capped = None, False
        if count:
            cap = 10_000
            total = Q.count_matching(store, f, cap=cap, names=names)
            if total > cap:
                total, capped = cap, True
        rows = _attach_actors(Q.search_events(store, f, sort=sort, desc=order == "desc", limit=limit,
                                              offset=offset, names=names, total=total))
        return {"total": total, "total_capped": capped, "limit": limit, "offset": offset, "items": rows}

    CSV_COLUMNS = ("article_id event_id day date type mode context cameo score goldstein quad_class "
                   "factuality confidence source_name source_country source_sector target_name "
                   "target_country target_sector object trigger_start trigger_end trigger_text "
                   "sentence_start sentence_end sentence_text location_name location_country "
                   "cluster_id num_mentions num_articles num_sources article_title article_url "
                   "article_source").split()

    def _csv_value(r: dict, col: str):
        if col == "object":  # the names of what the act is about, one cell
            return "; ".join(x.get("name") or x.get("text") or "" for x in json_list(r.get("object"))) or None
        return r.get(col)

    def _cell(v):
        if v is None:
            return ""
        if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + v  # keep spreadsheets from running a cell as a formula
        return v

    @app.get("/api/events/export", tags=["events"], dependencies=[Read],
             summary="Export the selected events (CSV or PLOVER JSONL)",
             responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
    def export_events(f: Annotated[EventFilter, Depends(event_params)],
                      format: Annotated[str, Query(pattern="^(csv|jsonl)$")] = "csv",
                      sort: Sort = "day", order: Order = "desc",
                      limit: Annotated[int, Query(ge=1, le=export_limit)] = export_limit):
        """Every event matching the filters (at most `limit`, itself at most the
        server's export limit), as CSV (one row per mention; text cells starting with
        = + - @ are prefixed with ' so spreadsheets do not run them) or PLOVER JSONL
        (the field names of `redline export --format plover-jsonl`)."""
        names = Q.resolve_names(store, f)

        def batches():
            done, size = 0, 1000
            while done < limit:
                rows = Q.search_events(store, f, sort=sort, desc=order == "desc",
                                       limit=min(size, limit - done), offset=done, names=names)
                if not rows:
                    return
                yield rows
                done += len(rows)
                if len(rows) < size:
                    return

        if format == "csv":
            def gen():
                buf = io.StringIO()
                w = csv.writer(buf)
                w.writerow(CSV_COLUMNS)
                yield buf.getvalue()
                for rows in batches():
                    buf.seek(0)
                    buf.truncate()
                    for r in rows:
                        w.writerow([_cell(_csv_value(r, c)) for c in CSV_COLUMNS])
                    yield buf.getvalue()
            return StreamingResponse(gen(), media_type="text/csv; charset=utf-8",
                                     headers={"Content-Disposition": 'attachment; filename="redline-events.csv"'})

        def gen_jsonl():
            for rows in batches():
                acts = Q.event_actors_of(store, [(r["article_id"], r["event_id"]) for r in rows])
                yield "".join(json.dumps(Q.plover_record(r, acts.get((r["article_id"], r["event_id"]), {})),
                                         ensure_ascii=False, default=str) + "\n" for r in rows)
        return StreamingResponse(gen_jsonl(), media_type="application/x-ndjson; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="redline-events.jsonl"'})

    # ------------------------------------------------------------------ quotes, actors

    @app.get("/api/quotes", tags=["quotes"], dependencies=[Read], response_model=S.Page[S.QuoteOut],
             summary="Search quotes")
    def list_quotes(speaker: Term = None,
                    entity: Annotated[Optional[str], Query(max_length=64, description="speaker entity id (with article)")] = None,
                    country: Annotated[Optional[str], Query(max_length=8, description="speaker's country code")] = None,
                    article: Annotated[Optional[str], Query(max_length=64)] = None,
                    text: Term = None,
                    kind: Annotated[Optional[str], Query(pattern="^(direct|indirect|mixed)$")] = None,
                    limit: Limit = 50, offset: Offset = 0):
        """Quotes by speaker name (part of it), speaker entity, speaker country, article,
        words of the quote, kind."""
        total, items = Q.search_quotes(store, speaker=speaker, entity=entity, country=country,
                                       article=article, text=text, kind=kind, limit=limit, offset=offset)
        for it in items:
            for k in ("parts", "insertions"):
                try:
                    it[k] = json.loads(it[k]) if it.get(k) else []
                except ValueError:
                    it[k] = []
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/actors", tags=["actors"], dependencies=[Read], response_model=list[S.ActorSummary],
             summary="Actors with counts and roles")
    def list_actors(q: Term = None,
                    country: Annotated[Optional[str], Query(max_length=8)] = None,
                    sector: Annotated[Optional[str], Query(max_length=8)] = None,
                    limit: Limit = 50, offset: Offset = 0):
        """Canonical actors (people, organisations, countries) grouped by name, country
        and sector, most mentioned first: articles, mentions, quotes spoken, events as
        source and as target, roles seen."""
        return Q.actor_summary(store, q=q, country=country, sector=sector, limit=limit, offset=offset)

    # ------------------------------------------------------------------ dyad, network

    @app.get("/api/dyad", tags=["dyad"], dependencies=[Read], response_model=S.DyadSeries,
             summary="Weekly conflict-cooperation series of a dyad")
    def dyad(source: Annotated[str, Query(min_length=1, max_length=_TERM, description="e.g. PRK")],
             target: Annotated[str, Query(min_length=1, max_length=_TERM, description="e.g. RUS")],
             measure: Annotated[str, Query(pattern="^(score|goldstein)$")] = "score",
             per: Annotated[str, Query(pattern="^(event|mention)$")] = "event",
             factuality: Annotated[Optional[list[str]], Query(description=(
                 "factualities counted (default: asserted, reported)"))] = None,
             since: Optional[str] = None, until: Optional[str] = None):
        """The weekly sum and mean of event scores source → target (PLOVER score, or
        Goldstein): each real-world event counts once (`per=event`) or every mention
        (`per=mention`); weeks start on Monday."""
        fact = _factualities(factuality) or list(FACTUAL)
        series = dyad_series(store, source, target, measure=measure, factuality=fact,
                             since=_check_day("since", since), until=_check_day("until", until), per=per)
        return {"source": source, "target": target, "measure": measure, "per": per,
                "factuality": fact, "series": series}

    @app.get("/api/network", tags=["network"], dependencies=[Read], response_model=S.Network,
             response_model_by_alias=True, summary="Actor network over a period")
    def network(since: Optional[str] = None, until: Optional[str] = None,
                by: Annotated[str, Query(pattern="^(country|actor)$")] = "country",
                factuality: Annotated[Optional[list[str]], Query()] = None,
                type: Annotated[Optional[list[str]], Query()] = None,
                edges: Annotated[int, Query(ge=1, le=500)] = 150):
        """Nodes are countries or actors; an edge counts the events source → target in
        the period (every source actor with every target actor of an event), split into
        cooperation (quad classes 1-2) and conflict (3-4). Its events are those of
        `/api/events?source=S&target=T&by=<by>` with the same period, factuality and
        type: the same query, so the same number."""
        return Q.network(store, since=_check_day("since", since), until=_check_day("until", until),
                         by=by, factuality=_factualities(factuality), types=_types(type),
                         max_edges=edges)

    @app.get("/api/overview", tags=["overview"], dependencies=[Read], response_model=S.Overview,
             summary="Where, when and what: events by place, over time, by type, country, factuality")
    def overview(since: Optional[str] = None, until: Optional[str] = None,
                 actor: Annotated[Optional[str], Query(max_length=_TERM, description=(
                     "an actor on either side: a 3-letter country code or part of a name"))] = None,
                 type: Annotated[Optional[list[str]], Query(description="PLOVER type(s)")] = None,
                 factuality: Annotated[Optional[list[str]], Query(description="factualities")] = None,
                 place: Annotated[Optional[str], Query(max_length=_TERM, description=(
                     "where the events happened: a 3-letter country code or a place's exact name"))] = None,
                 interval: Annotated[str, Query(pattern="^(auto|week|month|year)$")] = "auto"):
        """The events matching the filters counted by place (with coordinates, for a
        map), by week, month or year (by type and by cooperation/conflict; `auto`
        picks months beyond 180 days, years beyond six years), by PLOVER type, by country where they happened, by
        source actor's country and by factuality."""
        from .overview import overview as build

        f = EventFilter(actor=actor or None, types=_types(type), factuality=_factualities(factuality),
                        since=_check_day("since", since), until=_check_day("until", until),
                        place=place or None)
        return build(store, f, interval=interval)

    @app.get("/api/factualities", tags=["meta"], summary="The factuality values, with their number of events")
    def factualities():
        """Every factuality the extractors give, most factual first, with the number
        of events of each in the store (0 when none)."""
        return Q.factuality_counts(store)

    # ------------------------------------------------------------------ analysing, storing

    def _store_article(art, origin: str) -> dict:
        """Analyse and store one Article through the corpus batch pipeline (dedup,
        failures, one transaction); return the AnalyseOut fields."""
        from ..corpus.batch import ingest
        from ..corpus.sources import Item
        from ..store import models as M
        from ..store import tables as T

        from ..ingest.sanitise import sanitise_article

        sanitise_article(art)
        if art.error or not (art.text or "").strip():
            return {"stored": False, "status": "failed", "error": art.error or "empty text"}
        aid = T.content_hash(art.text, art.url)
        with write_lock:
            rep = ingest([], store, items=[Item(art, origin)], progress=False)
        import sqlalchemy as sa
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(M.articles.c.duplicate_of, M.articles.c.error)
                               .where(M.articles.c.article_id == aid)).first()
        if row is None:
            return {"stored": False, "status": "failed", "id": aid,
                    "error": (rep.failures[0]["error"] if rep.failures else "not stored")}
        if row.error:
            return {"stored": True, "status": "failed", "id": aid, "error": row.error}
        status = "stored" if rep.stored else ("duplicate" if rep.duplicates else "exists")
        if row.duplicate_of:
            status = "duplicate"
        shown = store.article(row.duplicate_of or aid)
        return {"stored": True, "status": status, "id": aid, "duplicate_of": row.duplicate_of,
                "article": shown}

    def _check_length(text: str) -> None:
        if len(text) > max_analyse_chars:
            raise HTTPException(413, f"text too long: {len(text):,} characters "
                                     f"(limit {max_analyse_chars:,})")

    def _client_of(request: Request) -> str:
        return request.client.host if request.client else "unknown"

    @app.post("/api/analyse", tags=["analyse"], dependencies=[Read], response_model=S.AnalyseOut,
              responses={429: {"model": S.ErrorResponse}, 503: {"model": S.ErrorResponse}},
              summary="Analyse a text at once (stored only if asked, with the token)")
    async def analyse_post(body: S.AnalyseIn, request: Request):
        """Run the whole pipeline on `text` and return the analysis. Nothing is stored
        unless `store` is true, which needs the token (so does any analysis when the
        server runs with --analyse-needs-token). Analyses run one at a time: a client
        with too many in flight gets 429, a full queue 503 (both with Retry-After); an
        analysis whose client goes away is stopped."""
        _check_length(body.text)
        if body.store or analyse_needs_token:
            require_write(request)
        if body.store:
            from ..model import Article

            def work(cancelled):
                if cancelled():
                    return None
                return _store_article(Article(id="api", text=body.text, title=body.title,
                                              published=body.published), "api:analyse")
        else:
            def work(cancelled):
                return analyse_text(body.text, body.title, body.published, cancelled)
        out = await gate.run(_client_of(request), work, request.is_disconnected)
        if out is None:  # the client went away: nobody reads this
            return JSONResponse(status_code=499, content={"error": {
                "status": 499, "message": "the client closed the request", "details": []}})
        if body.store:
            return out
        if out.get("error"):
            return {"stored": False, "status": "failed", "error": out["error"], "article": out}
        return {"stored": False, "status": "analysed", "article": out}

    @app.post("/api/articles", tags=["articles"], response_model=S.AnalyseOut, status_code=201,
              dependencies=[Depends(require_write)],
              responses={401: {"model": S.ErrorResponse}, 403: {"model": S.ErrorResponse}},
              summary="Analyse and store an article (text, HTML or URL; token needed)")
    def submit_article(body: S.ArticleIn):
        """Analyse and store one article, given as plain `text`, an `html` page (main
        text extracted by trafilatura) or a `url` fetched through the corpus URL guard
        (http/https, public addresses only, timeouts and a size cap). An article already
        stored (same content hash) is not stored again (`status: exists`); a near-copy
        of a stored article is linked to it (`status: duplicate`)."""
        from ..corpus.fetch import FetchError, fetch
        from ..corpus.sources import page_article
        from ..ingest import article_from_html
        from ..model import Article

        if body.text is not None:
            _check_length(body.text)
            art = Article(id="api", text=body.text, title=body.title, published=body.published,
                          source=body.source)
            origin = "api:text"
        elif body.html is not None:
            art = article_from_html(body.html, id="api", published=body.published)
            origin = "api:html"
        else:
            try:
                resp = fetch(body.url, allow_private=allow_private)
            except FetchError as exc:
                raise HTTPException(422, f"cannot fetch the URL: {exc}") from None
            ctype = resp.content_type.lower()
            if "html" not in ctype and not ctype.startswith("text/"):
                raise HTTPException(422, f"the URL did not return a page (content type {ctype!r})")
            art = page_article(resp.text if "charset=" in ctype else resp.content, resp.url,
                               body.published)
            origin = f"api:url:{body.url}"
        if art.error:
            raise HTTPException(422, f"no article text: {art.error}")
        _check_length(art.text)
        if body.title and not art.title:
            art.title = body.title
        if body.source and not art.source:
            art.source = body.source
        out = _store_article(art, origin)
        if out["status"] == "failed" and not out.get("stored"):
            raise HTTPException(422, f"could not store the article: {out.get('error')}")
        return out

    # ------------------------------------------------------------------ docs

    try:
        import fastapi_offline
        docs_assets = Path(fastapi_offline.__file__).resolve().parent / "static"
    except ImportError:  # pragma: no cover - dependency missing
        docs_assets = None
    if docs_assets is not None and docs_assets.is_dir():
        app.mount("/docs-assets", StaticFiles(directory=str(docs_assets)), name="docs-assets")

        @app.get("/docs", include_in_schema=False)
        def docs():
            return get_swagger_ui_html(openapi_url=app.openapi_url, title="Redline workbench API",
                                       swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                       swagger_css_url="/docs-assets/swagger-ui.css",
                                       swagger_favicon_url="/docs-assets/favicon.png")

    # ------------------------------------------------------------------ UI

    app.mount("/static", StaticFiles(directory=str(WEB / "static")), name="static")

    def page(name: str):
        from . import pages

        return HTMLResponse(pages.render(name))

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def index_page():
        return page("index")

    @app.api_route("/articles/{article_id}", methods=["GET", "HEAD"], include_in_schema=False)
    def article_page(article_id: str):
        return page("article")

    for route, name in (("/overview", "overview"), ("/events", "events"), ("/dyad", "dyad"),
                        ("/network", "network"), ("/analyse", "analyse")):
        app.add_api_route(route, (lambda n=name: page(n)), include_in_schema=False, methods=["GET", "HEAD"])

    return app


def app_from_env() -> FastAPI:
    """An app configured from the environment (``uvicorn --factory
    redline.serve.app:app_from_env``): ``REDLINE_DB``, ``REDLINE_TOKEN``, ``REDLINE_PROTECT_READS=1``,
    ``REDLINE_MAX_BODY``, ``REDLINE_MAX_PAGE``, ``REDLINE_ALLOWED_HOSTS`` (comma-separated),
    ``REDLINE_ANALYSE_QUEUE``, ``REDLINE_ANALYSE_PER_CLIENT``, ``REDLINE_ANALYSE_NEEDS_TOKEN=1``."""
    from .hosts import hosts_from_env

    env = os.environ
    return create_app(env.get("REDLINE_DB") or None, token=env.get("REDLINE_TOKEN") or None,
                      protect_reads=env.get("REDLINE_PROTECT_READS") == "1",
                      max_body=int(env.get("REDLINE_MAX_BODY") or 2_000_000),
                      max_page=int(env.get("REDLINE_MAX_PAGE") or 200),
                      allowed_hosts=hosts_from_env(),
                      analyse_queue=int(env.get("REDLINE_ANALYSE_QUEUE") or 8),
                      analyse_per_client=int(env.get("REDLINE_ANALYSE_PER_CLIENT") or 2),
                      analyse_needs_token=env.get("REDLINE_ANALYSE_NEEDS_TOKEN") == "1")
