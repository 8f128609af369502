"""Reading inputs: every bad item gets its own clear error and the batch goes on."""
import io
import json

import pytest

from redline.ingest import read_inputs

HTML = """<html><head><title>Troops move</title>
<meta property="article:published_time" content="2024-10-23T08:00:00Z">
<meta property="og:site_name" content="Example News"></head>
<body><article><h1>Troops move</h1>
<p>NATO confirmed on Wednesday that North Korea had deployed several thousand soldiers to Russia, the alliance's spokesperson said in Brussels.</p>
<p>"This is a significant escalation," the spokesperson said. Germany announced that it would consider new sanctions against North Korea.</p>
</article></body></html>"""


def one(tmp_path, name, data, **kw):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return list(read_inputs([p], **kw))


def test_txt_is_read_unchanged(tmp_path):
    text = "\ufeff  Seoul said on Monday.\r\n\r\nSecond paragraph.  "
    [a] = one(tmp_path, "story.txt", text)
    assert a.id == "story" and a.text == text and a.error is None


def test_published_flag_applies_where_input_has_none(tmp_path):
    [a] = one(tmp_path, "s.txt", "Kyiv said.", published="2024-11-04")
    assert a.published == "2024-11-04"


def test_bad_published_flag_is_refused(tmp_path):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        one(tmp_path, "s.txt", "x", published="04/11/2024")


def test_empty_file(tmp_path):
    [a] = one(tmp_path, "empty.txt", b"")
    assert "empty" in a.error


def test_binary_file(tmp_path):
    [a] = one(tmp_path, "blob.txt", bytes(range(256)) * 4)
    assert "binary" in a.error


def test_invalid_utf8(tmp_path):
    [a] = one(tmp_path, "latin1.txt", "Zürich said".encode("latin-1"))
    assert "UTF-8" in a.error and "byte 1" in a.error


def test_html_main_text_and_metadata(tmp_path):
    [a] = one(tmp_path, "page.html", HTML)
    assert a.error is None
    assert "several thousand soldiers" in a.text
    assert a.title == "Troops move"
    assert a.published == "2024-10-23"


BLOCKS = """<html><head><title>Strikes</title></head><body><article><h1>Russia strikes Kyiv</h1>
<p>Russian missiles struck Kyiv on Monday, officials said. Five people were killed in the attack.</p>
<h2>Reaction</h2><p>Ukraine condemned the attack<br>and called for new sanctions.</p>
<ul><li>Germany protested</li><li>France summoned the Russian envoy</li></ul>
<p>The strikes came after weeks of talks that ended without a deal between the two sides.</p>
</article></body></html>"""


def test_html_blocks_are_paragraphs_and_a_line_break_inside_one_is_kept(tmp_path):
    from redline.parse import load_nlp

    [a] = one(tmp_path, "blocks.html", BLOCKS)
    assert a.text.startswith("Russia strikes Kyiv\n\nRussian missiles struck Kyiv")
    assert "the attack\nand called for new sanctions." in a.text
    assert "Germany protested\n\n- France" in a.text
    sents = [s.text.strip() for s in load_nlp()(a.text).sents]
    # no sentence runs on from a heading or a list item into the next block
    assert not any("\n\n" in s for s in sents)
    assert "Russian missiles struck Kyiv on Monday, officials said." in sents
    assert "Reaction" in sents


def test_html_without_body(tmp_path):
    [a] = one(tmp_path, "nobody.html", "<html><head><title>x</title></head></html>")
    assert "no main text" in a.error


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Moscow denied it.", "published": "2024-10-01"}),
        "{not json",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": 42}),
        json.dumps({"id": "e", "html": HTML}),
    ]
    arts = one(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    assert [a.id for a in arts] == ["a", "batch:2", "c", "d", "e"]
    assert arts[0].error is None and arts[0].published == "2024-10-01"
    assert "line 2" in arts[1].error and "not valid JSON" in arts[1].error
    assert "no 'text'" in arts[2].error
    assert "not a string" in arts[3].error
    assert arts[4].error is None and "North Korea" in arts[4].text


def test_directory_and_stdin(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b.txt").write_text("B text.")
    (tmp_path / "d" / "a.txt").write_text("A text.")
    (tmp_path / "d" / "notes.pdf").write_bytes(b"%PDF")
    stdin = io.BytesIO(b'{"id": "s1", "text": "From stdin."}\n')
    arts = list(read_inputs([tmp_path / "d", "-"], stdin=stdin))
    assert [a.id for a in arts] == ["a", "b", "s1"]


def test_missing_path(tmp_path):
    [a] = list(read_inputs([tmp_path / "nope.txt"]))
    assert "no such file" in a.error
