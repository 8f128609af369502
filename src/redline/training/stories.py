"""Story texts that whole-article gold lists point into, by story id.

Two sources: JSONL records (``../shared/data/voa/dev.jsonl``: ``id``, ``text``,
``published``, ...), and the NGEC synthetic stories (``../shared/data/ngec-synthetic/
synthetic_events.csv.zip``: MIT, machine-written news with invented facts), whose story
ids are ``syn-<row>``, the 0-based row of the CSV. Texts are read in place, never copied.

The one reader of these story files, for the trainers and ``redline eval articles``
alike: a JSONL line that is not a JSON object with an ``id`` stops the reading with a
:class:`StoryFileError` that names the file and the line.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Iterable, Iterator, Optional

#: the id of the synthetic story on CSV row ``n`` is ``SYNTHETIC_PREFIX + str(n)``
SYNTHETIC_PREFIX = "syn-"


class StoryFileError(ValueError):
    """A line of a JSONL story file that is no story record: ``<file>:<line>: <what>``."""


def synthetic_rows(path) -> list[dict]:
    """The rows of the NGEC synthetic stories' CSV (inside its zip), in order."""
    with zipfile.ZipFile(path) as z:
        with z.open(z.namelist()[0]) as fh:
            return list(csv.DictReader(io.TextIOWrapper(fh, "utf-8")))


def jsonl_story_records(path) -> Iterator[tuple[str, dict]]:
    """(id, record) of every record of a JSONL story file, in file order; blank lines
    are skipped. A line that is not UTF-8, not valid JSON, not an object, or has no
    ``id`` raises :class:`StoryFileError` with the file and the line number. Lines end
    at ``\\n`` only (a JSON string may hold U+2028 and the like unescaped)."""
    path = Path(path)
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8").strip()
            except UnicodeDecodeError as exc:
                raise StoryFileError(f"{path}:{n}: not UTF-8: {exc}") from exc
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise StoryFileError(f"{path}:{n}: not valid JSON: {exc}") from exc
            if not isinstance(rec, dict):
                raise StoryFileError(f"{path}:{n}: not a JSON object but {type(rec).__name__}")
            if rec.get("id") is None:
                raise StoryFileError(f"{path}:{n}: the record has no 'id'")
            yield str(rec["id"]), rec


def story_records(path, wanted: Optional[Iterable[str]] = None) -> dict[str, dict]:
    """The story records of ``path`` by id: JSONL lines (:func:`jsonl_story_records`; of
    an id given twice, the first record), or the synthetic CSV zip (records ``{id, text,
    title, published: None, label, mode}``). With ``wanted``, only the records of those
    ids (the others are read past, not kept)."""
    path = Path(path)
    want = None if wanted is None else set(wanted)
    if path.suffix == ".zip":
        return {f"{SYNTHETIC_PREFIX}{n}": {"id": f"{SYNTHETIC_PREFIX}{n}", "text": r["text"], "title": None,
                                           "published": None, "label": r.get("label"), "mode": r.get("mode")}
                for n, r in enumerate(synthetic_rows(path))
                if want is None or f"{SYNTHETIC_PREFIX}{n}" in want}
    out = {}
    for rid, rec in jsonl_story_records(path):
        if (want is None or rid in want) and rid not in out:
            out[rid] = rec
    return out
