"""The pipeline as a whole: per-article errors, order, the output schema, the CLI."""
import json
import subprocess
import sys

import jsonschema
import pytest

import redline
from redline.model import Article
from redline.pipeline import analyse_many

SCHEMA = redline.output_schema()


def test_bad_articles_fail_alone():
    arts = [
        Article(id="ok1", text="Germany announced new sanctions against North Korea on Monday."),
        Article(id="empty", text="   \n"),
        Article(id="nul", text="abc\x00def"),
        Article(id="ok2", text="Seoul said it was monitoring the situation."),
    ]
    out = list(analyse_many(arts))
    assert [a.id for a in out] == ["ok1", "empty", "nul", "ok2"]
    assert out[0].error is None and out[3].error is None
    assert "empty" in out[1].error and "NUL" in out[2].error
    assert any(e.country == "DEU" for e in out[0].entities)


def test_huge_text_is_refused_with_a_clear_error(monkeypatch):
    import redline.pipeline as p
    monkeypatch.setattr(p, "MAX_CHARS", 1000)
    [a] = list(analyse_many([Article(id="big", text="word " * 500)]))
    assert "too long" in a.error and "REDLINE_MAX_CHARS" in a.error


def test_output_validates_against_schema(seed_article):
    d = seed_article.to_dict()
    d.pop("meta")
    jsonschema.validate(d, SCHEMA)
    for q in d["quotes"]:
        assert d["text"][q["start"]:q["end"]] == q["text"]
    for e in d["entities"]:
        for m in e["mentions"]:
            assert d["text"][m["start"]:m["end"]] == m["text"]


def run_cli(*args, input=None):
    return subprocess.run([sys.executable, "-m", "redline.cli", *args], input=input,
                          capture_output=True, text=True, timeout=600)


def test_cli_extract_jsonl_with_bad_items(tmp_path):
    (tmp_path / "good.txt").write_text("NATO confirmed that North Korea had deployed troops to Russia.")
    # a PNG header: binary (b"\xff\xfe..." would now be read as UTF-16 with its BOM)
    (tmp_path / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.txt").write_text("")
    r = run_cli("extract", str(tmp_path), "--published", "2024-11-04")
    assert r.returncode == 1, r.stderr
    recs = [json.loads(l) for l in r.stdout.splitlines()]
    assert [x["id"] for x in recs] == ["bad", "empty", "good"]
    for x in recs:
        jsonschema.validate(x, SCHEMA)
    assert "error" not in recs[2] and recs[2]["published"] == "2024-11-04"
    assert "binary" in recs[0]["error"] and "empty" in recs[1]["error"]
    assert "bad" in r.stderr and "empty" in r.stderr


def test_cli_stdin_and_json_format():
    line = json.dumps({"id": "x1", "text": "Turkey offered to mediate talks between Russia and Ukraine."})
    r = run_cli("extract", "-", "--format", "json", input=line + "\n")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data[0]["id"] == "x1"
    assert {e["country"] for e in data[0]["entities"]} >= {"TUR", "RUS", "UKR"}


def test_cli_pretty_and_summary_render(tmp_path):
    (tmp_path / "a.txt").write_text("“We will respond,” said Taiwanese President Lin Mei-hua.")
    r = run_cli("extract", str(tmp_path / "a.txt"), "--format", "pretty")
    assert r.returncode == 0 and "Entities" in r.stdout and "Lin Mei-hua" in r.stdout
    r = run_cli("extract", str(tmp_path / "a.txt"), "--format", "summary")
    assert r.returncode == 0 and "1 analysed, 0 failed" in r.stdout


def test_workers_keep_order_and_results(tmp_path):
    texts = [f"Story {i}: Germany criticised Russia over the attack on Kyiv." for i in range(10)]
    arts = lambda: [Article(id=str(i), text=t) for i, t in enumerate(texts)]
    from redline.batch import run
    one = [a.to_dict() for a in run(arts(), workers=1)]
    two = [a.to_dict() for a in run(arts(), workers=2)]
    for d in one + two:
        d.pop("meta")
    assert one == two
