"""A Spark run's Parquet output -> the SQL store (``redline load --from-parquet``).

Each article is written with the store's own API, :meth:`redline.store.db.Store.store_article`:
one transaction per article with all its rows, its MinHash signature (so later
``redline ingest`` runs find near-copies of these articles) and the recount of the
event clusters it touches. Articles already in the store (same content-hash id) are
skipped, so loading the same output twice, or two overlapping outputs, adds nothing.

The output is read one publication day (``pub_day=`` directory) at a time with
pyarrow; needs no Spark or Java. Reads local paths (or a mounted filesystem).
"""
from __future__ import annotations

import logging
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional

from ..store import tables as T
from .schema import PARTITION

log = logging.getLogger(__name__)


def days(root: Path) -> list[str]:
    """Every ``pub_day`` partition value present in the output's tables."""
    found = set()
    for table in list(T.TABLES) + ["signatures"]:
        d = root / table
        if d.is_dir():
            found.update(p.name.split("=", 1)[1] for p in d.iterdir()
                         if p.is_dir() and p.name.startswith(PARTITION + "="))
    return sorted(found)


def _read(root: Path, table: str, day: str) -> list[dict]:
    import pyarrow.parquet as pq

    d = root / table / f"{PARTITION}={day}"
    files = sorted(p for p in d.glob("*.parquet")) if d.is_dir() else []
    if not files:
        return []
    rows = []
    cols = [c.name for c in T.TABLES[table]] if table in T.TABLES else ["article_id", "minhash"]
    for f in files:
        # the output of an older version lacks the columns added since (entities.kb,
        # events.object...): they are read as null
        have = set(pq.read_schema(f).names)
        got = pq.read_table(f, columns=[c for c in cols if c in have]).to_pylist()
        missing = [c for c in cols if c not in have]
        if missing:
            got = [{**r, **dict.fromkeys(missing)} for r in got]
        rows.extend(got)
    return rows


def load(root: str | Path, store, progress: Optional[Callable[[int], None]] = None) -> dict:
    """Load every article of a Spark output directory into ``store``; return counts."""
    root = Path(root)
    if not (root / "articles").is_dir():
        raise ValueError(f"{root} has no articles table (not a `redline spark extract` output)")
    t0 = time.perf_counter()
    rep = {"articles": 0, "duplicates": 0, "failed": 0, "skipped": 0, "days": 0}
    for day in days(root):
        rep["days"] += 1
        arts = _read(root, "articles", day)
        if not arts:
            continue
        known = store.known_ids([a["article_id"] for a in arts])
        todo = [a for a in arts if a["article_id"] not in known]
        rep["skipped"] += len(arts) - len(todo)
        if not todo:
            continue
        wanted = {a["article_id"] for a in todo}
        children: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for table in T.TABLES:
            if table == "articles":
                continue
            for r in _read(root, table, day):
                if r["article_id"] in wanted:
                    children[r["article_id"]][table].append(r)
        sigs = {r["article_id"]: bytes(r["minhash"]) for r in _read(root, "signatures", day)
                if r["article_id"] in wanted and r.get("minhash") is not None}
        for a in todo:
            aid = a["article_id"]
            rows = {t: [] for t in T.TABLES}
            rows["articles"] = [a]
            for t, rs in children.get(aid, {}).items():
                key = [k for k in T.KEYS[t]]
                rows[t] = sorted(rs, key=lambda r: tuple(str(r.get(k)) for k in key))
            ok = store.store_article(rows, signature=sigs.get(aid), duplicate_of=a.get("duplicate_of"),
                                     similarity=a.get("similarity"))
            if not ok:
                rep["skipped"] += 1
            elif a.get("duplicate_of"):
                rep["duplicates"] += 1
            elif a.get("error"):
                rep["failed"] += 1
            else:
                rep["articles"] += 1
            if progress:
                progress(1)
    rep["seconds"] = round(time.perf_counter() - t0, 3)
    return rep
