"""``redline eval articles``: runs on a few VOA gold stories, figures in [0, 1], and the
held-out split's misses never printed, even with -v."""
from __future__ import annotations

import json

import pytest

from conftest import shared_path
from redline.training.stories import story_records

FIGURES = ["direct_recall", "speaker_named_right", "indirect_recall", "quote_precision",
           "person_country_right", "core_event_recall", "factuality_right", "event_precision"]


def _shortest(gold, stories_path, ids, n):
    size = {i: len(r.get("text") or "") for i, r in story_records(stories_path).items()}
    return sorted(ids, key=lambda i: size[i])[:n]


@pytest.fixture(scope="module")
def voa():
    gold_path = shared_path("data", "voa", "dev_gold.json")
    stories = shared_path("data", "voa", "dev.jsonl")
    shared_path("eval", "score_articles.py")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    ids = [str(g["id"]) for g in gold]
    work = _shortest(gold, stories, ids[:-10], 2)
    held = _shortest(gold, stories, ids[-10:], 1)
    return gold_path, work, held


def _run(argv, capsys):
    from redline.cli import main
    rc = main(["eval", "articles", *map(str, argv), "--no-progress"])
    return rc, capsys.readouterr()


def test_work_split_figures_and_held_misses_hidden(voa, capsys):
    gold_path, work, held = voa
    # two work stories with -v: figures printed like the scorer, with its miss listing
    rc, cap = _run([gold_path, "--only", ",".join(work + held), "--json"], capsys)
    assert rc == 0, cap.err
    figs = json.loads(cap.out)
    assert set(figs) == {"work", "held", "all"}
    assert figs["work"]["stories"] == 2 and figs["held"]["stories"] == 1 and figs["all"]["stories"] == 3
    for name, f in figs.items():
        for k in FIGURES:
            assert 0.0 <= f[k] <= 1.0, (name, k, f[k])
    assert figs["work"]["counts"].get("direct", 0) + figs["work"]["counts"].get("indirect", 0) > 0

    rc, cap = _run([gold_path, "--only", ",".join(work + held), "-v"], capsys)
    assert rc == 0, cap.err
    lines = cap.out.splitlines()
    # the scorer's -v per-type table is printed once: for the work split only
    assert sum(1 for ln in lines if ln.split()[:3] == ["type", "core", "found"]) == 1
    assert "hidden on purpose" in cap.out
    assert sum(1 for ln in lines if ln.startswith("stories ")) == 3
    # no miss line of the held-out story (the scorer starts each with "  <id>")
    leaked = sum(1 for ln in lines if ln.startswith("  ") and ln.split()[0].rstrip(":") in held)
    assert leaked == 0, f"{leaked} held-out miss line(s) printed"
    # --split held with -v: still no misses at all
    rc, cap = _run([gold_path, "--only", held[0], "--split", "held", "-v"], capsys)
    assert rc == 0, cap.err
    assert not any(ln.startswith("  ") for ln in cap.out.splitlines()), "held-out misses printed"
    assert "hidden on purpose" in cap.out


def test_clear_errors(voa, tmp_path, capsys):
    gold_path, work, _ = voa
    rc, cap = _run([tmp_path / "nope.json"], capsys)
    assert rc == 2 and "nope.json" in cap.err and "fresh clone" in cap.err
    rc, cap = _run([gold_path, "--scorer", tmp_path / "scorer.py"], capsys)
    assert rc == 2 and "scorer.py" in cap.err
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": work[0], "text": "x"}) + "\n", encoding="utf-8")
    rc, cap = _run([gold_path, "--stories", one, "--only", ",".join(work)], capsys)
    assert rc == 2 and work[1] in cap.err and "not found" in cap.err
    # a malformed story line: the file, the line and what is wrong, exit status 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": work[0], "text": "x"}) + "\n{oops\n", encoding="utf-8")
    rc, cap = _run([gold_path, "--stories", bad, "--only", ",".join(work)], capsys)
    assert rc == 2 and f"{bad}:2: not valid JSON" in cap.err
    bad.write_text(json.dumps({"id": work[0], "text": "x"}) + "\n[1, 2]\n", encoding="utf-8")
    rc, cap = _run([gold_path, "--stories", bad, "--only", ",".join(work)], capsys)
    assert rc == 2 and f"{bad}:2: not a JSON object" in cap.err
