"""Story texts by id (``redline.training.stories``): JSONL records and the synthetic CSV."""
from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from conftest import shared_path
from redline.training.stories import StoryFileError, story_records, synthetic_rows


def test_jsonl_records_by_id(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps({"id": 7, "text": "A."}) + "\n\n" + json.dumps({"id": "b", "text": "B."}) + "\n")
    recs = story_records(p)
    assert set(recs) == {"7", "b"} and recs["7"]["text"] == "A."


def test_jsonl_first_record_of_an_id_and_wanted_ids(tmp_path):
    p = tmp_path / "s.jsonl"
    rows = [{"id": "a", "text": "first"}, {"id": "b", "text": "B."}, {"id": "a", "text": "second"},
            {"id": "c", "text": "line\u2028separator\x85inside"}]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    recs = story_records(p)
    assert list(recs) == ["a", "b", "c"] and recs["a"]["text"] == "first"
    # a line ends at \n only: U+2028 and NEL inside a JSON string are text
    assert recs["c"]["text"] == "line\u2028separator\x85inside"
    assert list(story_records(p, wanted=["c", "a", "zz"])) == ["a", "c"]


@pytest.mark.parametrize("bad, what", [
    (b'{"id": "x", "text": ', b"not valid JSON"),
    (b'["x", "y"]', b"not a JSON object but list"),
    (b'{"text": "no id"}', b"has no 'id'"),
    (b'{"id": null, "text": "no id"}', b"has no 'id'"),
    (b'{"id": "x", "text": "\xff"}', b"not UTF-8"),
])
def test_jsonl_bad_line_names_file_and_line(tmp_path, bad, what):
    p = tmp_path / "s.jsonl"
    good = json.dumps({"id": "ok", "text": "A."}).encode()
    p.write_bytes(good + b"\n\n" + bad + b"\n" + good + b"\n")
    with pytest.raises(StoryFileError) as err:
        story_records(p)
    assert str(err.value).startswith(f"{p}:3: ") and what.decode() in str(err.value)


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
    assert list(story_records(p, wanted=["syn-1", "syn-7"])) == ["syn-1"]


def test_the_shared_synthetic_stories_read_in_place():
    path = shared_path("data", "ngec-synthetic", "synthetic_events.csv.zip")
    rows = synthetic_rows(path)
    recs = story_records(path)
    assert len(recs) == len(rows) == 4500
    assert recs["syn-12"]["text"] == rows[12]["text"]
