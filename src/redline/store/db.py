"""Opening, migrating and writing the store.

``open_store(url)`` accepts a SQLAlchemy URL (``sqlite:///redline.db``,
``postgresql+psycopg://user@host:5432/db``; a bare ``postgresql://`` gets the psycopg 3
driver) or a plain file path (a SQLite file). The schema is brought to the latest
Alembic revision on open, programmatically.

Writes are per article: :meth:`Store.store_article` inserts an article and all its
rows, its MinHash signature and the refreshed counts of the event clusters it touches
in **one transaction**, so a process killed at any point leaves every article either
whole or absent. An article already present (same content hash) is skipped, which
makes ingestion idempotent and resumable.
"""
from __future__ import annotations

import logging
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, OperationalError

from ..ingest.sanitise import clean_row
from . import models as M
from . import tables as T
from .errors import StoreError, describe, is_permanent, store_errors, where_of

log = logging.getLogger(__name__)

DEFAULT_DB = "redline.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def normalise_url(url: Optional[str]) -> str:
    """A SQLAlchemy URL from what a user typed after ``--db``."""
    url = (url or os.environ.get("REDLINE_DB") or DEFAULT_DB).strip()
    if "://" not in url:
        return "sqlite:///" + str(Path(url).expanduser().resolve())
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def make_engine(url: Optional[str]) -> sa.Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 60})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _rec):  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    # configparser reads "%" as interpolation: a URL with %-escapes (a password, a
    # SQLite "file:" URI) must have it doubled
    cfg.set_main_option("sqlalchemy.url", connection.engine.url.render_as_string(hide_password=False)
                        .replace("%", "%%") if connection is not None else "")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` (Alembic, run in-process)."""
    from alembic import command

    for attempt in range(5):
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # one migrator at a time when several processes open a new store
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(74657201)"))
                command.upgrade(alembic_config(conn), revision)
            return
        except (OperationalError, IntegrityError, sa.exc.ProgrammingError) as exc:
            # another process created the tables between our check and our DDL
            if isinstance(exc, OperationalError) and is_permanent(exc) and not _raced(exc):
                raise StoreError(describe(exc, where_of(str(engine.url)))) from exc
            if attempt == 4:
                raise
            log.debug("migration raced (%s); retrying", exc)
            time.sleep(0.2 * (attempt + 1))


def _raced(exc: BaseException) -> bool:
    """A migration error that another process creating the same tables explains."""
    msg = str(getattr(exc, "orig", exc)).lower()
    return "already exists" in msg or "duplicate" in msg


def current_revision(engine: sa.Engine) -> Optional[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def open_store(url: Optional[str] = None, migrate_schema: bool = True) -> "Store":
    """The store at ``url`` (see the module doc), its schema brought up to date. A
    database that cannot be opened or migrated raises :class:`StoreError` (one line
    naming it)."""
    engine = make_engine(url)
    if migrate_schema:
        with store_errors(str(engine.url)):
            migrate(engine)
    return Store(engine)


def _chunks(items: list, n: int = 500) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


class Store:
    """The event database (SQLite or PostgreSQL)."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ reading ids

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among ``ids`` already in the store (articles, duplicates or failures)."""
        ids = list(dict.fromkeys(i for i in ids if i))
        found: set[str] = set()
        a = M.articles.c.article_id
        with store_errors(self.url), self.engine.connect() as conn:
            for chunk in _chunks(ids):
                found.update(conn.execute(sa.select(a).where(a.in_(chunk))).scalars())
        return found

    def check_writable(self) -> None:
        """Raise :class:`StoreError` now if nothing can be written (read-only file or
        replica, immutable file, full disk), before any article is analysed: a write
        that changes nothing, rolled back."""
        with store_errors(self.url):
            with self.engine.connect() as conn:
                with conn.begin() as tx:
                    conn.execute(sa.text("UPDATE alembic_version SET version_num = version_num"))
                    tx.rollback()

    def has_article(self, article_id: str) -> bool:
        return bool(self.known_ids([article_id]))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """MinHash signatures of analysed (non-duplicate) articles."""
        with self.engine.connect() as conn:
            res = conn.execution_options(yield_per=2000).execute(
                sa.select(M.signatures.c.article_id, M.signatures.c.minhash))
            for aid, mh in res:
                yield aid, bytes(mh)

    # ------------------------------------------------------------------ writing

    def store_article(self, rows: dict[str, list[dict]], signature: Optional[bytes] = None,
                      duplicate_of: Optional[str] = None,
                      similarity: Optional[float] = None) -> bool:
        """Store one article with all its rows in one transaction.

        ``rows`` comes from :func:`tables.article_rows`. With ``duplicate_of`` the
        article is stored as a (near-)copy of that article: its text and metadata
        only, linked, and the clusters of the original recounted. Returns False when
        the article was already there (nothing written).
        """
        art = clean_row(dict(rows["articles"][0]))
        aid = art["article_id"]
        if duplicate_of:
            art["duplicate_of"] = duplicate_of
            art["similarity"] = similarity
            rows = {"articles": [art]}
        else:
            # the same character rules as the readers (redline.ingest.sanitise), for
            # rows that did not come through them: no NUL reaches PostgreSQL
            rows = {name: [clean_row(r) for r in rs] for name, rs in rows.items()}
            rows["articles"] = [art]
        with store_errors(self.url):
            return self._store_rows(rows, aid, art, signature, duplicate_of)

    def _store_rows(self, rows, aid, art, signature, duplicate_of) -> bool:
        for attempt in range(5):
            try:
                with self.engine.begin() as conn:
                    if conn.execute(sa.select(M.articles.c.article_id)
                                    .where(M.articles.c.article_id == aid)).first():
                        return False
                    conn.execute(M.articles.insert(), [art])
                    for name in T.CHILD_TABLES + ("failures",):
                        if rows.get(name):
                            conn.execute(M.TABLES[name].insert(), rows[name])
                    if signature is not None and not duplicate_of and not art.get("error"):
                        conn.execute(M.signatures.insert(), [{"article_id": aid, "minhash": signature}])
                    if duplicate_of:
                        clusters = set(conn.execute(
                            sa.select(M.events.c.cluster_id).distinct()
                            .where(M.events.c.article_id == duplicate_of)).scalars())
                    else:
                        clusters = {r["cluster_id"] for r in rows.get("events", []) if r.get("cluster_id")}
                    # duplicates stored before their original (e.g. killed run) count too
                    refresh_clusters(conn, clusters)
                return True
            except IntegrityError:
                # a concurrent writer stored it (or raced on a cluster row): re-check
                if self.has_article(aid):
                    return False
                if attempt == 4:
                    raise
            except OperationalError as exc:  # database locked for too long: retry
                if attempt == 4 or is_permanent(exc):
                    raise  # read-only, corrupted, disk full: the same again next time
                log.warning("retrying article %s after %s", aid, exc)
                time.sleep(0.5 * (attempt + 1))
        return False

    def refresh_all_clusters(self) -> int:
        with self.engine.begin() as conn:
            ids = set(conn.execute(sa.select(M.events.c.cluster_id).distinct()).scalars())
            refresh_clusters(conn, ids)
        return len(ids)

    # ------------------------------------------------------------------ reading

    def counts(self) -> dict:
        a = M.articles.c
        with store_errors(self.url), self.engine.connect() as conn:
            def n(q):
                return int(conn.execute(q).scalar() or 0)
            total = n(sa.select(sa.func.count()).select_from(M.articles))
            return {
                "articles": n(sa.select(sa.func.count()).select_from(M.articles)
                              .where(a.error.is_(None), a.duplicate_of.is_(None))),
                "duplicates": n(sa.select(sa.func.count()).select_from(M.articles)
                                .where(a.duplicate_of.is_not(None))),
                "failed": n(sa.select(sa.func.count()).select_from(M.failures)),
                "items": total,
                "quotes": n(sa.select(sa.func.count()).select_from(M.quotes)),
                "events": n(sa.select(sa.func.count()).select_from(M.events)),
                "event_clusters": n(sa.select(sa.func.count()).select_from(M.event_clusters)),
                "entities": n(sa.select(sa.func.count()).select_from(M.entities)),
                "mentions": n(sa.select(sa.func.count()).select_from(M.TABLES["mentions"])),
            }

    def failures(self, limit: Optional[int] = None) -> list[dict]:
        q = sa.select(M.failures).order_by(M.failures.c.article_id)
        if limit:
            q = q.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def iter_rows(self, table: str, batch: int = 5000) -> Iterator[dict]:
        t = M.TABLES.get(table) if table in M.TABLES else M.metadata.tables[table]
        pk = [c for c in t.primary_key.columns]
        with self.engine.connect() as conn:
            res = conn.execution_options(yield_per=batch).execute(sa.select(t).order_by(*pk))
            for r in res:
                yield dict(r._mapping)

    def article(self, article_id: str) -> Optional[dict]:
        """One article rebuilt in the ``redline extract`` JSON form (None if absent)."""
        rows = {}
        with self.engine.connect() as conn:
            for name, t in M.TABLES.items():
                if name == "failures":
                    continue
                rows[name] = [dict(r._mapping) for r in conn.execute(
                    sa.select(t).where(t.c.article_id == article_id))]
        if not rows["articles"]:
            return None
        return T.row_to_nested(rows)[0]


def refresh_clusters(conn, cluster_ids: Iterable[str]) -> None:
    """Recount the given event clusters from the rows (inside the caller's transaction).

    * ``num_mentions``: event mentions in the cluster (rows of ``events``);
    * ``num_articles``: distinct articles with a mention, plus the near-duplicate
      copies linked to them (a re-post reports the event again; it is not re-analysed);
    * ``num_sources``: distinct outlets (``articles.source``, else the URL's host)
      among those articles.
    """
    ids = sorted(set(i for i in cluster_ids if i))
    e, a, c = M.events.c, M.articles.c, M.event_clusters
    for chunk in _chunks(ids, 400):
        mentions = conn.execute(sa.select(
            e.cluster_id, e.article_id, e.type, e.day, e.source_country, e.source_sector,
            e.source_name, e.target_country, e.target_sector, e.target_name)
            .where(e.cluster_id.in_(chunk))).all()
        art_ids = sorted({m.article_id for m in mentions})
        info: dict[str, tuple] = {}
        copies: dict[str, list[str]] = defaultdict(list)
        for achunk in _chunks(art_ids, 400):
            for r in conn.execute(sa.select(a.article_id, a.source, a.day)
                                  .where(a.article_id.in_(achunk))):
                info[r.article_id] = (r.source, r.day)
            for r in conn.execute(sa.select(a.article_id, a.source, a.day, a.duplicate_of)
                                  .where(a.duplicate_of.in_(achunk))):
                info[r.article_id] = (r.source, r.day)
                copies[r.duplicate_of].append(r.article_id)
        by_cluster: dict[str, list] = defaultdict(list)
        for m in mentions:
            by_cluster[m.cluster_id].append(m)
        conn.execute(c.delete().where(c.c.cluster_id.in_(chunk)))
        out = []
        for cid, ms in by_cluster.items():
            arts = {m.article_id for m in ms}
            for aid in list(arts):
                arts.update(copies.get(aid, ()))
            sources = {info.get(x, (None, None))[0] or x for x in arts}
            first = min(arts, key=lambda x: (info.get(x, (None, None))[1] or "9999", x))
            m0 = ms[0]
            out.append({
                "cluster_id": cid, "type": m0.type, "day": m0.day,
                "source_code": T.actor_code(m0.source_country, m0.source_sector, m0.source_name),
                "target_code": T.actor_code(m0.target_country, m0.target_sector, m0.target_name),
                "num_mentions": len(ms), "num_articles": len(arts), "num_sources": len(sources),
                "first_article": first,
            })
        if out:
            conn.execute(c.insert(), out)
