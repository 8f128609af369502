"""The tabular form (redline.store.tables): flattening typed records into rows."""
from __future__ import annotations

import json

import pytest

from redline.model import (Actor, Article, DateExpr, Entity, Equipment, Event, Location, Mention,
                           Place, Quantity, Quote, Speaker, TextSpan)
from redline.store import tables as T

TEXT = ("North Korea has sent about 10,000 troops to Russia, the Pentagon said on Oct. 28. "
        "\"We will respond,\" said Yoon Suk Yeol, South Korea's president.")


def span(text: str, sub: str, after: int = 0) -> tuple[int, int]:
    i = text.index(sub, after)
    return i, i + len(sub)


def rich_article() -> Article:
    t = TEXT
    nk, ru, pe = span(t, "North Korea"), span(t, "Russia"), span(t, "the Pentagon")
    yoon = span(t, "Yoon Suk Yeol")
    ents = [
        Entity("e1", "North Korea", "GPE", "PRK", "GOV", mentions=[Mention(*nk, "North Korea")]),
        Entity("e2", "Russia", "GPE", "RUS", "GOV", mentions=[Mention(*ru, "Russia")]),
        Entity("e3", "Yoon Suk Yeol", "PERSON", "KOR", "GOV", role="president", kb="Yoon Suk Yeol",
               evidence="knowledge",
               mentions=[Mention(*yoon, "Yoon Suk Yeol"), Mention(*span(t, "South Korea's president"),
                                                                "South Korea's president", "title")]),
    ]
    q = span(t, "We will respond,")
    cue = span(t, "said", q[1])
    quote = Quote("q1", "direct", *q, t[q[0]:q[1]], cue=TextSpan(*cue, "said"),
                  speaker=Speaker(*yoon, "Yoon Suk Yeol", "Yoon Suk Yeol", "e3"))
    trig = span(t, "sent")
    sent_end = t.index(". ") + 1
    ev = Event("ev1", "MOBILIZE", "troops", None, "150", -5.3, -7.2, "reported", TextSpan(*trig, "sent"),
               {"start": 0, "end": sent_end},
               source=[Actor("North Korea", "e1", "PRK", "MIL", *nk, "North Korea")],
               target=[Actor("Russia", "e2", "RUS", "GOV", *ru, "Russia")],
               object=[Actor("troops", None, None, None, *span(t, "troops"), "troops")],
               date="2024-10", date_basis="clause", location=Location("Russia", "RUS", 61.5, 105.3))
    qty = span(t, "about 10,000 troops")
    d = span(t, "Oct. 28")
    return Article(
        id="ext-1", text=t, title="Troops", published="2024-11-04", url="https://www.example.org/a/1",
        entities=ents, quotes=[quote], events=[ev],
        dates=[DateExpr(*d, "Oct. 28", "2024-10-28", granularity="day")],
        places=[Place(*ru, "Russia", "Russia", "RUS", "country", 61.5, 105.3)],
        equipment=[Equipment(*trig, "sent", "troops", "personnel", event="ev1")],
        quantities=[Quantity(*qty, "about 10,000 troops", 10000, "about", "troops", claimant="e3")],
        terms=[TextSpan(0, 5, "North")],
    )


def test_every_table_and_column_present_and_offsets_point_into_text():
    art = rich_article()
    rows = T.article_rows(art.to_dict())
    assert set(rows) == set(T.TABLES)
    for table, rs in rows.items():
        for r in rs:
            assert list(r) == T.columns(table), table
            if "start" in r and r.get("text") is not None and table != "articles":
                assert TEXT[r["start"]:r["end"]] == r["text"], (table, r)
    a = rows["articles"][0]
    assert a["article_id"] == T.content_hash(TEXT, "https://www.example.org/a/1")
    assert a["ext_id"] == "ext-1" and a["source"] == "example.org" and a["day"] == "2024-11-04"
    assert {len(rows[t]) for t in ("quotes", "events", "dates", "places", "equipment", "quantities", "terms")} == {1}
    # an object is no actor: it stays in events.object, out of event_actors
    assert len(rows["mentions"]) == 4 and len(rows["event_actors"]) == 2
    assert json.loads(rows["events"][0]["object"]) == [
        {"name": "troops", "entity": None, "country": None, "sector": None, "start": TEXT.index("troops"),
         "end": TEXT.index("troops") + 6, "text": "troops"}]
    yoon = rows["entities"][2]
    assert (yoon["kb"], yoon["evidence"], yoon["role"]) == ("Yoon Suk Yeol", "knowledge", "president")
    ev = rows["events"][0]
    assert ev["sentence_text"] == TEXT[:ev["sentence_end"]]
    assert ev["day"] == "2024-10-01" and ev["quad_class"] == 4
    assert ev["source_country"] == "PRK" and ev["target_country"] == "RUS"
    q = rows["quotes"][0]
    assert q["speaker_country"] == "KOR" and TEXT[q["cue_start"]:q["cue_end"]] == "said"
    qty = rows["quantities"][0]
    assert json.loads(qty["value"]) == 10000 and qty["value_low"] == qty["value_high"] == 10000.0


def test_dataclass_and_dict_give_the_same_rows():
    art = rich_article()
    assert T.article_rows(art) == T.article_rows(art.to_dict())


def test_rows_round_trip_to_nested_form():
    art = rich_article()
    d = art.to_dict()
    back = T.row_to_nested(T.article_rows(d))[0]
    for key in ("quotes", "dates", "places", "terms"):
        assert back[key] == d[key], key
    assert [e["mentions"] for e in back["entities"]] == [e["mentions"] for e in d["entities"]]
    for key in ("name", "type", "country", "sector", "role", "organisation", "kb", "evidence"):
        assert [e[key] for e in back["entities"]] == [e[key] for e in d["entities"]], key
    ev, ev0 = back["events"][0], d["events"][0]
    for key in ("type", "mode", "cameo", "score", "goldstein", "factuality", "trigger", "source",
                "target", "object", "date", "location", "equipment"):
        assert ev[key] == ev0[key], key
    assert back["quantities"][0]["value"] == 10000


def test_failed_article_gives_article_and_failure_rows_only():
    rows = T.article_rows({"id": "x", "text": "", "error": "not valid JSON"}, origin="in.jsonl line 3")
    assert rows["failures"] == [{"article_id": rows["articles"][0]["article_id"], "ext_id": "x",
                                 "origin": "in.jsonl line 3", "stage": "read", "error": "not valid JSON"}]
    assert not any(rows[t] for t in T.CHILD_TABLES)
    # the same failure gets the same id (idempotent), another one another id
    again = T.article_rows({"id": "x", "text": "", "error": "not valid JSON"}, origin="in.jsonl line 3")
    other = T.article_rows({"id": "y", "text": "", "error": "not valid JSON"}, origin="in.jsonl line 4")
    assert again["articles"][0]["article_id"] == rows["articles"][0]["article_id"]
    assert other["articles"][0]["article_id"] != rows["articles"][0]["article_id"]


def test_content_hash_depends_on_text_and_url():
    assert T.content_hash("abc") == T.content_hash("abc")
    assert T.content_hash("abc") != T.content_hash("abd")
    assert T.content_hash("abc", "http://a") != T.content_hash("abc", "http://b")


@pytest.mark.parametrize("date,published,day", [
    ("2024-10-23", "2024-11-04", "2024-10-23"),
    ("2024-10", "2024-11-04", "2024-10-01"),
    ("2022", None, "2022-01-01"),
    ("2025-W10", None, "2025-03-03"),
    (None, "2024-11-04 20:28:39Z", "2024-11-04"),
    ("PAST_REF", "2024-11-04", "2024-11-04"),
    (None, None, None),
    ("2024-13-45", None, None),
    # more than a year after publication: an extraction error, filed under the publication day
    ("2050", "2019-12-09", "2019-12-09"),
    ("2030-05-01", "2025-03-01T10:00:00Z", "2025-03-01"),
    ("2026-02-28", "2025-03-01", "2026-02-28"),  # within a year: kept
    ("2050", None, "2050-01-01"),  # nothing to compare with
])
def test_event_day(date, published, day):
    assert T.event_day(date, published) == day


def test_cluster_id_groups_same_type_actors_day_only():
    a = T.event_cluster_id("ASSAULT", "RUSMIL", "UKR", "2024-11-01", "art1", "ev1")
    assert a == T.event_cluster_id("ASSAULT", "RUSMIL", "UKR", "2024-11-01", "art2", "ev7")
    assert a != T.event_cluster_id("ASSAULT", "RUSMIL", "UKR", "2024-11-02", "art2", "ev7")
    assert a != T.event_cluster_id("ACCUSE", "RUSMIL", "UKR", "2024-11-01", "art2", "ev7")
    # no day or no actors: a cluster of its own
    assert (T.event_cluster_id("ASSAULT", "", "", "2024-11-01", "art1", "ev1")
            != T.event_cluster_id("ASSAULT", "", "", "2024-11-01", "art2", "ev1"))


def test_quad_class_from_cameo_or_plover_type():
    assert T.quad_class("042", None) == 1
    assert T.quad_class("0874", None) == 2
    assert T.quad_class("112", None) == 3
    assert T.quad_class("190", None) == 4
    assert T.quad_class(None, "AID") == 2
    assert T.quad_class(None, "THREATEN") == 3
    assert T.quad_class(None, None) is None


def test_arrow_schema_matches_rows():
    pa = pytest.importorskip("pyarrow")
    rows = T.article_rows(rich_article())
    for table in T.TABLES:
        t = pa.Table.from_pylist(rows[table], schema=T.arrow_schema(table))
        assert t.num_rows == len(rows[table])
