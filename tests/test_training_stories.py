"""Story texts by id (``redline.training.stories``): JSONL records and the synthetic CSV."""
from __future__ import annotations

import csv
import io
import json
import zipfile

from conftest import shared_path
from redline.training.stories import story_records, synthetic_rows


def test_jsonl_records_by_id(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps({"id": 7, "text": "A."}) + "\n\n" + json.dumps({"id": "b", "text": "B."}) + "\n")
    recs = story_records(p)
    assert set(recs) == {"7", "b"} and recs["7"]["text"] == "A."


def test_synthetic_zip_ids_are_csv_rows(tmp_path):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["text", "title", "label", "mode"])
    w.writeheader()
    w.writerow({"text": "Troops crossed the border.", "title": "t", "label": "ASSAULT", "mode": ""})
    w.writerow({"text": "The two leaders met.", "title": "t", "label": "CONSULT", "mode": "visit"})
    p = tmp_path / "syn.csv.zip"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("syn.csv", buf.getvalue())
    recs = story_records(p)
    assert list(recs) == ["syn-0", "syn-1"]
    assert recs["syn-1"]["text"] == "The two leaders met." and recs["syn-1"]["label"] == "CONSULT"
    assert recs["syn-0"]["published"] is None


def test_the_shared_synthetic_stories_read_in_place():
    path = shared_path("data", "ngec-synthetic", "synthetic_events.csv.zip")
    rows = synthetic_rows(path)
    recs = story_records(path)
    assert len(recs) == len(rows) == 4500
    assert recs["syn-12"]["text"] == rows[12]["text"]
