"""The tabular form of Redline's output: one definition for every store and export.

An analysed article (``Article.to_dict()``) is nested: entities with mentions, quotes
with cue and speaker, events with source/target actor lists, and so on. Relational
stores, Parquet files and the Spark job all need it *flat*. This module is the single
place that says how: :data:`TABLES` names every table and column with a portable type,
and :func:`article_rows` turns one article dict into rows for each table.

Everything here is pure (no database, no I/O) so that the SQL store
(:mod:`redline.store.models`), the Parquet export and the Spark job
(``redline spark``) share it unchanged.

Conventions
-----------
* ``article_id`` is the article's **content hash** (:func:`content_hash`), never the
  id the input gave it; the input's id is kept as ``articles.ext_id``.
* Record ids of the JSON output (``e1``, ``q3``, ``ev2``...) are local to an article,
  so child tables are keyed by ``(article_id, <local id>)`` or ``(article_id, seq)``.
* Every span keeps its 0-based ``start``/``end`` (end exclusive) into ``articles.text``.
* Column types are portable names: ``str`` (short string), ``text`` (long string),
  ``int``, ``float``, ``bool`` and ``json`` (a JSON document stored as a string).
* ``day`` columns are ``YYYY-MM-DD`` strings (see :func:`event_day`), the key of date
  range queries, weekly dyad series and event clustering.
* ``entities.kb`` is the knowledge-base name of a known person or organisation and
  ``entities.evidence`` the resolution pass that gave its country (``knowledge``,
  ``descriptor:nationality``, ``story``...; null when the mention itself names it).
* ``events.object`` holds what the act is about when it is no actor (things, places,
  policies: "the ceasefire proposal") as a JSON list of ``{name, entity, country,
  sector, start, end, text}``. It is kept out of ``event_actors`` so that actor
  searches, counts and the network see the event's actors only.
* Rows stored before a column existed (see the store's migrations) have it null; read
  back, a null ``object`` is an empty list.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional

# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # str | text | int | float | bool | json
    nullable: bool = True
    doc: str = ""


def _cols(spec: str) -> tuple[Column, ...]:
    """Parse ``"name:type name:type! ..."`` (``!`` = not null)."""
    out = []
    for item in spec.split():
        name, typ = item.split(":")
        out.append(Column(name, typ.rstrip("!"), nullable=not typ.endswith("!")))
    return tuple(out)


_SPAN = "start:int! end:int! text:text"

#: table name -> columns, in order. The first columns listed in :data:`KEYS` form the
#: primary key of each table.
TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _cols(
        "article_id:str! ext_id:str title:text published:str day:str source:str url:text "
        "text:text n_chars:int error:text duplicate_of:str similarity:float meta:json"
    ),
    "entities": _cols(
        "article_id:str! entity_id:str! name:text type:str country:str sector:str "
        "role:text organisation:text n_mentions:int kb:text evidence:str"
    ),
    "mentions": _cols(f"article_id:str! entity_id:str! seq:int! {_SPAN} kind:str"),
    "quotes": _cols(
        f"article_id:str! quote_id:str! kind:str {_SPAN} "
        "cue_start:int cue_end:int cue_text:text "
        "speaker_start:int speaker_end:int speaker_text:text speaker_name:text "
        "speaker_entity:str speaker_country:str speaker_sector:str "
        "parts:json insertions:json"
    ),
    "events": _cols(
        "article_id:str! event_id:str! type:str mode:str context:str cameo:str "
        "score:float goldstein:float quad_class:int factuality:str "
        "trigger_start:int trigger_end:int trigger_text:text "
        "sentence_start:int sentence_end:int sentence_text:text "
        "date:str date_basis:str day:str "
        "location_name:text location_country:str location_lat:float location_lon:float "
        "quote_id:str confidence:float equipment:json "
        "source_name:text source_entity:str source_country:str source_sector:str "
        "target_name:text target_entity:str target_country:str target_sector:str "
        "cluster_id:str object:json"
    ),
    "event_actors": _cols(
        f"article_id:str! event_id:str! role:str! seq:int! name:text entity_id:str "
        f"country:str sector:str {_SPAN}"
    ),
    "dates": _cols(
        f"article_id:str! seq:int! {_SPAN} value:str qualifier:str granularity:str "
        "relative:bool anchor:str"
    ),
    "places": _cols(
        f"article_id:str! seq:int! {_SPAN} name:text country:str kind:str lat:float lon:float"
    ),
    "equipment": _cols(
        f"article_id:str! seq:int! {_SPAN} name:text category:str event_id:str recipient:str"
    ),
    "quantities": _cols(
        f"article_id:str! seq:int! {_SPAN} value:json value_low:float value_high:float "
        "qualifier:str unit:text claimant:str date:str counted:text claimant_name:text"
    ),
    "terms": _cols(f"article_id:str! seq:int! {_SPAN}"),
    "failures": _cols("article_id:str! ext_id:str origin:text stage:str error:text"),
}

#: primary key columns of each table.
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "entities": ("article_id", "entity_id"),
    "mentions": ("article_id", "entity_id", "seq"),
    "quotes": ("article_id", "quote_id"),
    "events": ("article_id", "event_id"),
    "event_actors": ("article_id", "event_id", "role", "seq"),
    "dates": ("article_id", "seq"),
    "places": ("article_id", "seq"),
    "equipment": ("article_id", "seq"),
    "quantities": ("article_id", "seq"),
    "terms": ("article_id", "seq"),
    "failures": ("article_id",),
}

#: child tables, in insertion order (``articles`` first, then these).
CHILD_TABLES = tuple(t for t in TABLES if t not in ("articles", "failures"))


def columns(table: str) -> list[str]:
    return [c.name for c in TABLES[table]]


# --------------------------------------------------------------------------- ids


def content_hash(text: str, url: Optional[str] = None) -> str:
    """The article id: SHA-256 (hex, first 32 chars) of its text, plus its URL if any.

    The same text from the same place is the same article (a second ingest adds
    nothing); the same text at another URL is another article, which deduplication
    then links to the first as an exact copy (so it still counts as a source).
    """
    h = hashlib.sha256()
    h.update((text or "").encode("utf-8", "surrogatepass"))
    if url:
        h.update(b"\x00")
        h.update(url.strip().encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


def failure_id(ext_id: Optional[str], origin: Optional[str], error: Optional[str]) -> str:
    """Id of an item that has no text to hash (unreadable record, failed fetch)."""
    key = "\x00".join([ext_id or "", origin or "", error or ""])
    return "f" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:31]


def url_host(url: Optional[str]) -> Optional[str]:
    """The outlet of a URL (``www.voanews.com`` -> ``voanews.com``), None if none.

    Used as an article's ``source`` when the input names none, so that sources can
    be counted (GDELT's NumSources)."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    if host.startswith("www."):
        host = host[4:]
    return host or None


# --------------------------------------------------------------------------- days

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def iso_day(value: Optional[str]) -> Optional[str]:
    """``YYYY-MM-DD`` from an ISO date or datetime string (``2024-11-04 20:28:39Z``), else None."""
    if not value or not isinstance(value, str):
        return None
    m = _FULL.match(value.strip())
    if not m:
        return None
    y, mo, d = (int(x) for x in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


#: an event dated more than this many days after its article's publication is filed
#: under the publication day: news does not report events a year ahead ("climate
#: neutral by 2050" names a goal, not the day of the event).
MAX_DAYS_AHEAD = 366


def event_day(date: Optional[str], published: Optional[str]) -> Optional[str]:
    """The day an event is filed under.

    The event's own date when it is a full day; a partial date is filed under its
    first day (``2024-10`` -> ``2024-10-01``, ``2022`` -> ``2022-01-01``, ISO week
    ``2025-W10`` -> its Monday ``2025-03-03``); an undated
    event under the article's publication day; None when neither is known. A date
    more than :data:`MAX_DAYS_AHEAD` days after the publication day is taken for an
    extraction error: the event is filed under the publication day.
    """
    day = _own_day(date)
    pub = iso_day(published)
    if day is None:
        return pub
    if pub is not None and _days_between(pub, day) > MAX_DAYS_AHEAD:
        return pub
    return day


def _days_between(first: str, second: str) -> int:
    import datetime as _dt

    try:
        return (_dt.date.fromisoformat(second) - _dt.date.fromisoformat(first)).days
    except ValueError:
        return 0


def _own_day(date: Optional[str]) -> Optional[str]:
    """The first day of an event's own (full or partial) date, else None."""
    if date and isinstance(date, str):
        d = date.strip()
        full = iso_day(d)
        if full:
            return full
        if _MONTH.match(d) and 1 <= int(d[5:7]) <= 12:
            return d + "-01"
        if _YEAR.match(d):
            return d + "-01-01"
        m = _WEEK.match(d)
        if m:
            import datetime as _dt

            try:
                return _dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
            except ValueError:
                pass
    return None


# --------------------------------------------------------------------------- event codes


def quad_class(cameo: Optional[str], type_: Optional[str] = None) -> Optional[int]:
    """GDELT/CAMEO QuadClass: 1 verbal cooperation, 2 material cooperation,
    3 verbal conflict, 4 material conflict. From the CAMEO root code when there is
    one, else from the PLOVER type (the quad of PLOVER manual table 7.3)."""
    if cameo:
        m = re.match(r"\s*(\d{2})", str(cameo))
        if m:
            root = int(m.group(1))
            if 1 <= root <= 5:
                return 1
            if 6 <= root <= 8:
                return 2
            if 9 <= root <= 13:
                return 3
            if 14 <= root <= 20:
                return 4
    return _plover_quad((type_ or "").upper())


_QUADS = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3,
          "material conflict": 4}


@functools.lru_cache(maxsize=1)
def plover_types() -> dict[str, dict]:
    """``data/plover_types.tsv``: each PLOVER type's score, quad and default CAMEO code."""
    from importlib.resources import files

    out = {}
    raw = files("redline").joinpath("data", "plover_types.tsv").read_text(encoding="utf-8")
    header = None
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        row["quad_class"] = _QUADS.get(row.get("quad", "").strip().lower())
        out[row["type"].strip().upper()] = row
    return out


def _plover_quad(type_: str) -> Optional[int]:
    try:
        return plover_types().get(type_, {}).get("quad_class")
    except (OSError, ModuleNotFoundError):  # pragma: no cover - broken install
        return None


def default_cameo(type_: Optional[str]) -> Optional[str]:
    """The CAMEO code standing for a PLOVER type when the event has none."""
    return plover_types().get((type_ or "").upper(), {}).get("cameo") or None



def actor_code(country: Optional[str], sector: Optional[str], name: Optional[str] = None) -> str:
    """A GDELT-like actor code: country + sector (``PRKMIL``); the lower-cased name
    when neither is known; empty when there is no actor."""
    code = (country or "") + (sector or "")
    if code:
        return code.upper()
    return (name or "").strip().lower()


def event_cluster_id(type_: Optional[str], source_code: str, target_code: str,
                     day: Optional[str], article_id: str, event_id: str) -> str:
    """The real-world event an event mention belongs to.

    Mentions of the same type between the same actors (by :func:`actor_code`) on the
    same :func:`event_day` are one event, as GDELT's event records are; counts of
    mentions, articles and sources are taken over a cluster. A mention with no day,
    or with no actor at all, cannot be matched safely and forms its own cluster.
    """
    if day and (source_code or target_code):
        key = "\x1f".join([(type_ or "").upper(), source_code, target_code, day])
    else:
        key = "\x1f".join(["solo", article_id, event_id])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


# --------------------------------------------------------------------------- flattening


def _get(d: Any, key: str, default=None):
    if d is None:
        return default
    if isinstance(d, Mapping):
        return d.get(key, default)
    return getattr(d, key, default)


def _int(v) -> Optional[int]:
    try:
        return None if v is None else int(v)
    except (TypeError, ValueError):
        return None


def _float(v) -> Optional[float]:
    try:
        return None if v is None or isinstance(v, bool) else float(v)
    except (TypeError, ValueError):
        return None


def _str(v) -> Optional[str]:
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def _json(v) -> Optional[str]:
    if v is None:
        return None
    return json.dumps(v, ensure_ascii=False, sort_keys=False, default=str)


def _span(d) -> dict:
    return {"start": _int(_get(d, "start")), "end": _int(_get(d, "end")), "text": _str(_get(d, "text"))}


def _actor(d) -> dict:
    """An event actor or object as stored in a JSON column (the ``Actor`` fields)."""
    return {"name": _str(_get(d, "name")), "entity": _str(_get(d, "entity")),
            "country": _str(_get(d, "country")), "sector": _str(_get(d, "sector")), **_span(d)}


def json_list(v) -> list:
    """A JSON list column read back: [] for NULL (a row stored before the column
    existed) or anything that is no list."""
    if not v:
        return []
    try:
        out = json.loads(v) if isinstance(v, str) else v
    except ValueError:
        return []
    return out if isinstance(out, list) else []


def _value_range(v) -> tuple[Optional[float], Optional[float]]:
    if isinstance(v, (list, tuple)) and v:
        lo, hi = _float(v[0]), _float(v[-1])
        return lo, hi
    f = _float(v)
    return f, f


def empty_rows() -> dict[str, list[dict]]:
    return {t: [] for t in TABLES}


def _meta_with_notes(meta, notes) -> Optional[dict]:
    """The article's ``meta`` with its reader ``notes`` (what was replaced or assumed)
    kept under ``"notes"``: the store has no column of its own for them."""
    if not notes:
        return meta
    return {**(meta or {}), "notes": list(notes)}


def article_rows(article: Any, article_id: Optional[str] = None,
                 origin: Optional[str] = None) -> dict[str, list[dict]]:
    """Flatten one analysed article into rows, ``{table: [row dict, ...]}``.

    ``article`` is ``Article.to_dict()`` (an :class:`~redline.model.Article` is also
    accepted). ``article_id`` defaults to :func:`content_hash` of its text and URL.
    ``origin`` says where it came from (file:line, URL) for the failures table.
    Every table of :data:`TABLES` is present in the result (possibly empty) and every
    row has exactly that table's columns. An article with ``error`` set yields its
    ``articles`` row (error filled) and one ``failures`` row, nothing else.
    """
    if not isinstance(article, Mapping) and hasattr(article, "to_dict"):
        article = article.to_dict()
    a = article
    text = _get(a, "text") or ""
    url = _str(_get(a, "url"))
    ext_id = _str(_get(a, "id"))
    error = _str(_get(a, "error"))
    if article_id is None:
        article_id = content_hash(text, url) if text else failure_id(ext_id, origin, error)
    published = _str(_get(a, "published"))
    source = _str(_get(a, "source")) or url_host(url)
    rows = empty_rows()
    rows["articles"].append({
        "article_id": article_id, "ext_id": ext_id, "title": _str(_get(a, "title")),
        "published": published, "day": iso_day(published), "source": source,
        "url": url, "text": text, "n_chars": len(text), "error": error,
        "duplicate_of": None, "similarity": None,
        "meta": _json(_meta_with_notes(_get(a, "meta"), _get(a, "notes")) or None),
    })
    if error:
        rows["failures"].append({"article_id": article_id, "ext_id": ext_id, "origin": origin,
                                 "stage": "analyse" if text else "read", "error": error})
        return rows

    ents = {}
    for e in _get(a, "entities") or []:
        eid = _str(_get(e, "id"))
        if eid is None or eid in ents:
            continue
        ents[eid] = e
        mentions = _get(e, "mentions") or []
        rows["entities"].append({
            "article_id": article_id, "entity_id": eid, "name": _str(_get(e, "name")),
            "type": _str(_get(e, "type")), "country": _str(_get(e, "country")),
            "sector": _str(_get(e, "sector")), "role": _str(_get(e, "role")),
            "organisation": _str(_get(e, "organisation")), "n_mentions": len(mentions),
            "kb": _str(_get(e, "kb")), "evidence": _str(_get(e, "evidence")),
        })
        for i, m in enumerate(mentions):
            rows["mentions"].append({"article_id": article_id, "entity_id": eid, "seq": i,
                                     **_span(m), "kind": _str(_get(m, "kind"))})

    seen = set()
    for q in _get(a, "quotes") or []:
        qid = _str(_get(q, "id"))
        if qid is None or qid in seen:
            continue
        seen.add(qid)
        cue, sp = _get(q, "cue"), _get(q, "speaker")
        sp_ent = ents.get(_get(sp, "entity")) if sp else None
        rows["quotes"].append({
            "article_id": article_id, "quote_id": qid, "kind": _str(_get(q, "kind")), **_span(q),
            "cue_start": _int(_get(cue, "start")), "cue_end": _int(_get(cue, "end")),
            "cue_text": _str(_get(cue, "text")),
            "speaker_start": _int(_get(sp, "start")), "speaker_end": _int(_get(sp, "end")),
            "speaker_text": _str(_get(sp, "text")), "speaker_name": _str(_get(sp, "name")),
            "speaker_entity": _str(_get(sp, "entity")),
            "speaker_country": _str(_get(sp_ent, "country")),
            "speaker_sector": _str(_get(sp_ent, "sector")),
            "parts": _json([_span(p) for p in _get(q, "parts") or []]),
            "insertions": _json([_span(p) for p in _get(q, "insertions") or []]),
        })

    seen = set()
    for n, ev in enumerate(_get(a, "events") or []):
        evid = _str(_get(ev, "id")) or f"ev{n + 1}"
        if evid in seen:
            evid = f"{evid}#{n}"
        seen.add(evid)
        trig, sent, loc = _get(ev, "trigger"), _get(ev, "sentence"), _get(ev, "location")
        s_start, s_end = _int(_get(sent, "start")), _int(_get(sent, "end"))
        s_text = _get(sent, "text")
        if s_text is None and s_start is not None and s_end is not None:
            s_text = text[s_start:s_end]
        src = list(_get(ev, "source") or [])
        tgt = list(_get(ev, "target") or [])
        s0 = src[0] if src else None
        t0 = tgt[0] if tgt else None
        day = event_day(_str(_get(ev, "date")), published)
        type_ = _str(_get(ev, "type"))
        cameo = _str(_get(ev, "cameo"))
        rows["events"].append({
            "article_id": article_id, "event_id": evid, "type": type_, "mode": _str(_get(ev, "mode")),
            "context": _str(_get(ev, "context")), "cameo": cameo,
            "score": _float(_get(ev, "score")), "goldstein": _float(_get(ev, "goldstein")),
            "quad_class": quad_class(cameo, type_), "factuality": _str(_get(ev, "factuality")),
            "trigger_start": _int(_get(trig, "start")), "trigger_end": _int(_get(trig, "end")),
            "trigger_text": _str(_get(trig, "text")),
            "sentence_start": s_start, "sentence_end": s_end, "sentence_text": _str(s_text),
            "date": _str(_get(ev, "date")), "date_basis": _str(_get(ev, "date_basis")), "day": day,
            "location_name": _str(_get(loc, "name")), "location_country": _str(_get(loc, "country")),
            "location_lat": _float(_get(loc, "lat")), "location_lon": _float(_get(loc, "lon")),
            "quote_id": _str(_get(ev, "quote")), "confidence": _float(_get(ev, "confidence")),
            "equipment": _json(list(_get(ev, "equipment") or [])),
            "source_name": _str(_get(s0, "name")), "source_entity": _str(_get(s0, "entity")),
            "source_country": _str(_get(s0, "country")), "source_sector": _str(_get(s0, "sector")),
            "target_name": _str(_get(t0, "name")), "target_entity": _str(_get(t0, "entity")),
            "target_country": _str(_get(t0, "country")), "target_sector": _str(_get(t0, "sector")),
            "cluster_id": event_cluster_id(
                type_,
                actor_code(_get(s0, "country"), _get(s0, "sector"), _get(s0, "name")) if s0 else "",
                actor_code(_get(t0, "country"), _get(t0, "sector"), _get(t0, "name")) if t0 else "",
                day, article_id, evid),
            "object": _json([_actor(x) for x in _get(ev, "object") or []]),
        })
        for role, actors in (("source", src), ("target", tgt)):
            for i, act in enumerate(actors):
                rows["event_actors"].append({
                    "article_id": article_id, "event_id": evid, "role": role, "seq": i,
                    "name": _str(_get(act, "name")), "entity_id": _str(_get(act, "entity")),
                    "country": _str(_get(act, "country")), "sector": _str(_get(act, "sector")),
                    **_span(act),
                })

    for i, d in enumerate(_get(a, "dates") or []):
        rows["dates"].append({
            "article_id": article_id, "seq": i, **_span(d), "value": _str(_get(d, "value")),
            "qualifier": _str(_get(d, "qualifier")), "granularity": _str(_get(d, "granularity")),
            "relative": bool(_get(d, "relative", False)), "anchor": _str(_get(d, "anchor")),
        })
    for i, p in enumerate(_get(a, "places") or []):
        rows["places"].append({
            "article_id": article_id, "seq": i, **_span(p), "name": _str(_get(p, "name")),
            "country": _str(_get(p, "country")), "kind": _str(_get(p, "kind")),
            "lat": _float(_get(p, "lat")), "lon": _float(_get(p, "lon")),
        })
    for i, e in enumerate(_get(a, "equipment") or []):
        rows["equipment"].append({
            "article_id": article_id, "seq": i, **_span(e), "name": _str(_get(e, "name")),
            "category": _str(_get(e, "category")), "event_id": _str(_get(e, "event")),
            "recipient": _str(_get(e, "recipient")),
        })
    for i, q in enumerate(_get(a, "quantities") or []):
        value = _get(q, "value")
        lo, hi = _value_range(value)
        rows["quantities"].append({
            "article_id": article_id, "seq": i, **_span(q), "value": _json(value),
            "value_low": lo, "value_high": hi, "qualifier": _str(_get(q, "qualifier")),
            "unit": _str(_get(q, "unit")), "claimant": _str(_get(q, "claimant")),
            "date": _str(_get(q, "date")), "counted": _str(_get(q, "counted")),
            "claimant_name": _str(_get(q, "claimant_name")),
        })
    for i, t in enumerate(_get(a, "terms") or []):
        rows["terms"].append({"article_id": article_id, "seq": i, **_span(t)})
    return rows


def failure_rows(ext_id: Optional[str], origin: Optional[str], error: str, stage: str = "read",
                 text: Optional[str] = None, url: Optional[str] = None,
                 meta: Optional[dict] = None) -> dict[str, list[dict]]:
    """Rows for an item that failed before analysis (unreadable input, failed fetch)."""
    art = {"id": ext_id, "text": text or "", "url": url, "error": error, "meta": meta or {}}
    rows = article_rows(art, origin=origin)
    rows["failures"][0]["stage"] = stage
    return rows


# --------------------------------------------------------------------------- readers' helpers


def row_to_nested(rows: Mapping[str, Iterable[Mapping]]) -> list[dict]:
    """The inverse of :func:`article_rows` for the main fields: rebuild article dicts
    (``id`` = article_id) from rows of one or more articles. Used by exports and the
    API to serve an article from a store."""
    by_art: dict[str, dict] = {}
    for r in rows.get("articles", []):
        by_art[r["article_id"]] = {
            "id": r["article_id"], "ext_id": r.get("ext_id"), "text": r.get("text"),
            "title": r.get("title"), "published": r.get("published"), "source": r.get("source"),
            "url": r.get("url"), "duplicate_of": r.get("duplicate_of"),
            "entities": [], "quotes": [], "events": [], "dates": [], "places": [],
            "equipment": [], "quantities": [], "terms": [],
        }
        if r.get("error"):
            by_art[r["article_id"]]["error"] = r["error"]
    ents = {}
    for r in rows.get("entities", []):
        a = by_art.get(r["article_id"])
        if a is None:
            continue
        e = {k: r.get(k) for k in ("name", "type", "country", "sector", "role", "organisation")}
        e = {"id": r["entity_id"], **e, "mentions": [], "evidence": r.get("evidence"),
             "kb": r.get("kb")}
        ents[(r["article_id"], r["entity_id"])] = e
        a["entities"].append(e)
    for r in sorted(rows.get("mentions", []), key=lambda r: r["seq"]):
        e = ents.get((r["article_id"], r["entity_id"]))
        if e is not None:
            e["mentions"].append({k: r.get(k) for k in ("start", "end", "text", "kind")})
    for r in rows.get("quotes", []):
        a = by_art.get(r["article_id"])
        if a is None:
            continue
        cue = None if r.get("cue_start") is None else {
            "start": r["cue_start"], "end": r["cue_end"], "text": r.get("cue_text")}
        sp = None if r.get("speaker_start") is None else {
            "start": r["speaker_start"], "end": r["speaker_end"], "text": r.get("speaker_text"),
            "name": r.get("speaker_name"), "entity": r.get("speaker_entity")}
        a["quotes"].append({
            "id": r["quote_id"], "kind": r.get("kind"), "start": r["start"], "end": r["end"],
            "text": r.get("text"), "cue": cue, "speaker": sp,
            "parts": json.loads(r["parts"]) if r.get("parts") else [],
            "insertions": json.loads(r["insertions"]) if r.get("insertions") else [],
        })
    evs = {}
    for r in rows.get("events", []):
        a = by_art.get(r["article_id"])
        if a is None:
            continue
        loc = None if r.get("location_name") is None else {
            "name": r["location_name"], "country": r.get("location_country"),
            "lat": r.get("location_lat"), "lon": r.get("location_lon")}
        ev = {
            "id": r["event_id"], **{k: r.get(k) for k in (
                "type", "mode", "context", "cameo", "score", "goldstein", "factuality")},
            "trigger": {"start": r.get("trigger_start"), "end": r.get("trigger_end"),
                        "text": r.get("trigger_text")},
            "sentence": {"start": r.get("sentence_start"), "end": r.get("sentence_end")},
            "source": [], "target": [], "object": json_list(r.get("object")),
            "date": r.get("date"), "date_basis": r.get("date_basis"),
            "location": loc, "quote": r.get("quote_id"), "confidence": r.get("confidence"),
            "equipment": json.loads(r["equipment"]) if r.get("equipment") else [],
            "cluster_id": r.get("cluster_id"),
        }
        evs[(r["article_id"], r["event_id"])] = ev
        a["events"].append(ev)
    for r in sorted(rows.get("event_actors", []), key=lambda r: (r["role"], r["seq"])):
        ev = evs.get((r["article_id"], r["event_id"]))
        if ev is not None and r["role"] in ("source", "target"):
            ev[r["role"]].append({"name": r.get("name"), "entity": r.get("entity_id"),
                                  "country": r.get("country"), "sector": r.get("sector"),
                                  "start": r.get("start"), "end": r.get("end"), "text": r.get("text")})
    simple = {
        "dates": ("start", "end", "text", "value", "qualifier", "granularity", "relative", "anchor"),
        "places": ("start", "end", "text", "name", "country", "kind", "lat", "lon"),
        "terms": ("start", "end", "text"),
    }
    for table, keys in simple.items():
        for r in sorted(rows.get(table, []), key=lambda r: r["seq"]):
            a = by_art.get(r["article_id"])
            if a is not None:
                a[table].append({k: r.get(k) for k in keys})
    for r in sorted(rows.get("equipment", []), key=lambda r: r["seq"]):
        a = by_art.get(r["article_id"])
        if a is not None:
            a["equipment"].append({
                **{k: r.get(k) for k in ("start", "end", "text", "name", "category")},
                "event": r.get("event_id"), "recipient": r.get("recipient")})
    for r in sorted(rows.get("quantities", []), key=lambda r: r["seq"]):
        a = by_art.get(r["article_id"])
        if a is not None:
            a["quantities"].append({
                **{k: r.get(k) for k in ("start", "end", "text", "qualifier", "unit", "claimant", "date",
                                         "counted", "claimant_name")},
                "value": json.loads(r["value"]) if r.get("value") else None})
    return list(by_art.values())


def arrow_schema(table: str):
    """The pyarrow schema of a table (for Parquet files and Spark)."""
    import pyarrow as pa

    types = {"str": pa.string(), "text": pa.string(), "json": pa.string(),
             "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(c.name, types[c.type], nullable=c.nullable) for c in TABLES[table]])
