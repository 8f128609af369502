"""The project's own whole-article annotations (annotations/voa_extra_gold.json): they
point at the right characters of the shared VOA texts and use the guide's vocabulary."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import shared_path

from redline.plover import TYPES

EXTRA = Path(__file__).resolve().parents[1] / "annotations" / "voa_extra_gold.json"
FACTUALITY = {"asserted", "reported", "negated", "hypothetical", "conditional", "advocated", "future"}


def _check_events(story: dict, text: str) -> None:
    """Every event points at its trigger in ``text``, inside its sentence, in the guide's
    vocabulary."""
    for ev in story["events"]:
        trig, sent = ev["trigger"], ev["sentence"]
        assert text[trig["start"]:trig["end"]] == trig["text"], (story["id"], trig)
        assert sent["start"] <= trig["start"] and trig["end"] <= sent["end"]
        assert ev["type"] in TYPES and ev["factuality"] in FACTUALITY
        assert all(len(c) == 3 and c.isupper() for c in ev["source_countries"] + ev["target_countries"])


def test_extra_annotations_point_at_the_shared_texts():
    texts = {}
    for line in shared_path("data", "voa", "dev.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        texts[str(rec["id"])] = rec["text"]
    gold = json.loads(EXTRA.read_text(encoding="utf-8"))
    dev_gold = {str(g["id"]) for g in json.loads(shared_path("data", "voa", "dev_gold.json").read_text())}
    assert len(gold) == 39 and len({g["id"] for g in gold}) == 39
    for story in gold:
        # stories dev_gold.json leaves unannotated, whose texts the shared file has
        assert story["id"] in texts and story["id"] not in dev_gold
        text = texts[story["id"]]
        _check_events(story, text)


SYNTHETIC = EXTRA.with_name("synthetic_gold.json")


def test_synthetic_annotations_point_at_the_shared_synthetic_stories():
    from redline.training.stories import story_records

    texts = story_records(shared_path("data", "ngec-synthetic", "synthetic_events.csv.zip"))
    gold = json.loads(SYNTHETIC.read_text(encoding="utf-8"))
    assert len({g["id"] for g in gold}) == len(gold) >= 60
    for story in gold:
        assert story["id"] in texts and story["quotes"] == []
        text = texts[story["id"]]["text"]
        _check_events(story, text)
