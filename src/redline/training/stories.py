"""Story texts that whole-article gold lists point into, by story id.

Two sources: JSONL records (``../shared/data/voa/dev.jsonl``: ``id``, ``text``,
``published``, ...), and the NGEC synthetic stories (``../shared/data/ngec-synthetic/
synthetic_events.csv.zip``: MIT, machine-written news with invented facts), whose story
ids are ``syn-<row>``, the 0-based row of the CSV. Texts are read in place, never copied.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

#: the id of the synthetic story on CSV row ``n`` is ``SYNTHETIC_PREFIX + str(n)``
SYNTHETIC_PREFIX = "syn-"


def synthetic_rows(path) -> list[dict]:
    """The rows of the NGEC synthetic stories' CSV (inside its zip), in order."""
    with zipfile.ZipFile(path) as z:
        with z.open(z.namelist()[0]) as fh:
            return list(csv.DictReader(io.TextIOWrapper(fh, "utf-8")))


def story_records(path) -> dict[str, dict]:
    """The story records of ``path`` by id: JSONL lines, or the synthetic CSV zip (records
    ``{id, text, title, published: None, label, mode}``)."""
    path = Path(path)
    if path.suffix == ".zip":
        return {f"{SYNTHETIC_PREFIX}{n}": {"id": f"{SYNTHETIC_PREFIX}{n}", "text": r["text"], "title": None,
                                           "published": None, "label": r.get("label"), "mode": r.get("mode")}
                for n, r in enumerate(synthetic_rows(path))}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[str(rec["id"])] = rec
    return out
