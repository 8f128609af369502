"""Exports of a store: PLOVER JSONL, GDELT-2.0-style event TSV, Parquet tables.

* **PLOVER JSONL** (:func:`plover_records`): one record per event mention, with the
  field names of the PLOVER manual's chapter 6 ("Data Fields", tables 6.1-6.6). The
  manual writes multi-word names with spaces (``event text``, ``quad code``); they
  are written with underscores here (``event_text``, ``quad_code``, ``text_info``,
  ``cite_info``, ``entity_text``, ``identifier_text``, ``extracted_place``,
  ``country_code``...). ``link`` is the id of the real-world event (cluster) the
  mention belongs to — the manual's "common reference across multiple related events".
  Redline's own additions (allowed by the manual): ``factuality``, ``cameo``,
  ``goldstein``, ``trigger`` (with offsets), ``object`` (what the act is about when it
  is no actor, entities written like ``actor``'s), ``num_mentions``/``num_articles``/
  ``num_sources`` and ``article_id``.
* **GDELT TSV** (:func:`gdelt_rows`): one row per real-world event (cluster) in the
  61-column layout of GDELT 2.0's event table (no header, like GDELT's files, unless
  asked), with CAMEO codes, Goldstein scale, QuadClass, actor codes and country
  codes, NumMentions/NumSources/NumArticles and the first article's URL. Columns
  Redline does not produce (tone, ethnic/religion codes, ADM codes, feature ids) are
  empty.
* **Parquet** (:func:`write_parquet`): one file per table of
  :data:`redline.store.tables.TABLES` plus ``event_clusters``, with the schemas of
  :func:`redline.store.tables.arrow_schema`; readable by DuckDB, pandas, Spark.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator, Optional

from .. import __version__
from . import tables as T

GDELT_COLUMNS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
    "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
    "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()
assert len(GDELT_COLUMNS) == 61


def _actors(store) -> dict[tuple[str, str], dict[str, list[dict]]]:
    out: dict = defaultdict(lambda: {"source": [], "target": []})
    for r in store.iter_rows("event_actors"):
        out[(r["article_id"], r["event_id"])][r["role"]].append(r)
    return out


def _clusters(store) -> dict[str, dict]:
    return {r["cluster_id"]: r for r in store.iter_rows("event_clusters")}


def _articles(store) -> dict[str, dict]:
    import sqlalchemy as sa

    from . import models as M

    a = M.articles.c
    with store.engine.connect() as conn:
        return {r.article_id: dict(r._mapping) for r in conn.execute(
            sa.select(a.article_id, a.title, a.url, a.source, a.published, a.day, a.ext_id))}


def _plover_entity(r: dict) -> dict:
    return {"code": r.get("country"), "sector": r.get("sector"), "entity_text": r.get("text"),
            "identifier_text": r.get("name"), "start": r.get("start"), "end": r.get("end")}


def _list(v) -> list:
    if v is None or v == "":
        return []
    return [x for x in str(v).split(",") if x] if isinstance(v, str) else list(v)


def plover_event(e: dict, acts: dict, article: dict, cluster: dict) -> dict:
    """The PLOVER JSON record of one event row (``events`` table columns), its actors
    (``{"source": [...], "target": [...]}`` of ``event_actors`` rows), its article
    (``title``, ``url``, ``source``) and its cluster (``num_mentions``...)."""
    coder = f"redline {__version__}"
    loc = None
    if e.get("location_name"):
        loc = {"extracted_place": e["location_name"], "resolved_place": e["location_name"],
               "lat": e.get("location_lat"), "lon": e.get("location_lon"),
               "country_code": e.get("location_country")}
    return {
        "id": f"{e['article_id']}-{e['event_id']}",
        "has_event": True,
        "date": e.get("day"),
        "actor": [_plover_entity(x) for x in acts.get("source", [])],
        "recipient": [_plover_entity(x) for x in acts.get("target", [])],
        "event": [e["type"]] if e.get("type") else [],
        "event_loc": loc,
        "event_text": [e["trigger_text"]] if e.get("trigger_text") else [],
        "quad_code": e.get("quad_class"),
        "event_scale": e.get("score"),
        "mode": _list(e.get("mode")),
        "context": _list(e.get("context")),
        "link": e.get("cluster_id"),
        "text_info": {"start": e.get("sentence_start"), "end": e.get("sentence_end"),
                      "text": e.get("sentence_text")},
        "cite_info": {"corpus": "redline", "citation": e["article_id"], "url": article.get("url"),
                      "title": article.get("title"), "publication": article.get("source"),
                      "coder": coder, "codebook": "plover-base (PLOVER manual draft 0.8)"},
        "coder": coder,
        # Redline's additions
        "article_id": e["article_id"],
        "factuality": e.get("factuality"),
        "cameo": e.get("cameo"),
        "goldstein": e.get("goldstein"),
        "trigger": {"start": e.get("trigger_start"), "end": e.get("trigger_end"),
                    "text": e.get("trigger_text")},
        "event_date": e.get("date"),
        "object": [_plover_entity(x) for x in T.json_list(e.get("object"))],
        "num_mentions": cluster.get("num_mentions"),
        "num_articles": cluster.get("num_articles"),
        "num_sources": cluster.get("num_sources"),
    }


def plover_records(store) -> Iterator[dict]:
    """PLOVER JSON records, one per event mention (see the module doc)."""
    actors = _actors(store)
    clusters = _clusters(store)
    arts = _articles(store)
    for e in store.iter_rows("events"):
        acts = actors.get((e["article_id"], e["event_id"]), {"source": [], "target": []})
        yield plover_event(e, acts, arts.get(e["article_id"], {}),
                           clusters.get(e.get("cluster_id") or "", {}))


def write_plover(store, out: str | Path) -> int:
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for rec in plover_records(store):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e6 else str(v)
    return str(v).replace("\t", " ").replace("\n", " ")


def gdelt_rows(store) -> Iterator[list[str]]:
    """GDELT 2.0 event rows, one per real-world event (see the module doc)."""
    clusters = _clusters(store)
    arts = _articles(store)
    members: dict[str, list[dict]] = defaultdict(list)
    for e in store.iter_rows("events"):
        if e.get("cluster_id"):
            members[e["cluster_id"]].append(e)
    order = sorted(clusters.values(), key=lambda c: (c.get("day") or "", c["cluster_id"]))
    for n, c in enumerate(order, 1):
        ms = members.get(c["cluster_id"])
        if not ms:
            continue
        first = [m for m in ms if m["article_id"] == c.get("first_article")] or ms
        rep = min(first, key=lambda m: (m.get("trigger_start") or 0))
        art = arts.get(rep["article_id"], {})
        day = c.get("day") or rep.get("day") or ""
        ymd = day.replace("-", "")
        cameos = Counter(m.get("cameo") or T.default_cameo(m.get("type")) for m in ms)
        cameos.pop(None, None)
        code = cameos.most_common(1)[0][0] if cameos else ""
        gold = [m["goldstein"] for m in ms if m.get("goldstein") is not None]
        frac = ""
        if len(ymd) == 8:
            import datetime as dt

            d = dt.date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))
            frac = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"

        def actor(prefix: str):
            name, country, sector = (rep.get(f"{prefix}_name"), rep.get(f"{prefix}_country"),
                                     rep.get(f"{prefix}_sector"))
            if not (name or country or sector):
                return [""] * 10
            return [((country or "") + (sector or "")), name or "", country or "", "", "", "", "",
                    sector or "", "", ""]

        loc = ["", "", "", "", "", "", "", ""]
        if rep.get("location_name"):
            loc = ["", rep["location_name"], rep.get("location_country") or "", "", "",
                   _fmt(rep.get("location_lat")), _fmt(rep.get("location_lon")), ""]
        quad = T.quad_class(code, rep.get("type"))
        row = [str(n), ymd, ymd[:6], ymd[:4], frac, *actor("source"), *actor("target"),
               "0", code, code[:3], code[:2], _fmt(quad),
               _fmt(round(sum(gold) / len(gold), 2) if gold else None),
               _fmt(c.get("num_mentions")), _fmt(c.get("num_sources")), _fmt(c.get("num_articles")), "",
               *([""] * 8), *([""] * 8), *loc, (ymd + "000000") if ymd else "", art.get("url") or ""]
        assert len(row) == 61
        yield [_fmt(x) for x in row]  # no tab or newline inside a field


def write_gdelt(store, out: str | Path, header: bool = False) -> int:
    n = 0
    with open(out, "w", encoding="utf-8", newline="") as fh:
        if header:
            fh.write("\t".join(GDELT_COLUMNS) + "\n")
        for row in gdelt_rows(store):
            fh.write("\t".join(row) + "\n")
            n += 1
    return n


def write_parquet(store, out: str | Path, tables: Optional[list[str]] = None,
                  batch: int = 20000) -> dict[str, int]:
    """One Parquet file per table in directory ``out``; returns rows per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from . import models as M

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    names = tables or [*T.TABLES, "event_clusters"]
    counts = {}
    for name in names:
        if name in T.TABLES:
            schema = T.arrow_schema(name)
        else:
            types = {"VARCHAR": pa.string(), "INTEGER": pa.int64()}
            schema = pa.schema([pa.field(c.name, types.get(str(c.type), pa.string()))
                                for c in M.metadata.tables[name].columns])
        path = out / f"{name}.parquet"
        tmp = path.with_suffix(".parquet.tmp")
        n = 0
        with pq.ParquetWriter(tmp, schema, compression="zstd") as w:
            buf = []
            for r in store.iter_rows(name):
                buf.append(r)
                if len(buf) >= batch:
                    w.write_table(pa.Table.from_pylist(buf, schema=schema))
                    n += len(buf)
                    buf = []
            if buf or n == 0:
                w.write_table(pa.Table.from_pylist(buf, schema=schema))
                n += len(buf)
        tmp.replace(path)
        counts[name] = n
    return counts
