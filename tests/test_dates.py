"""Dates: every normalisation rule, the false-positive cases, and the seed article."""
from __future__ import annotations

import pytest

from redline.extract.dates import extract_dates


def dates_of(nlp, text, published="2024-11-04"):
    return extract_dates(nlp(text), published)


def one(nlp, text, needle, published="2024-11-04"):
    found = [d for d in dates_of(nlp, text, published) if needle in d.text]
    assert found, f"no date containing {needle!r} in {text!r}"
    return found[0]


def test_month_day_takes_the_publication_year(nlp):
    d = one(nlp, "NATO confirmed on October 23 that troops had arrived.", "October 23")
    assert (d.value, d.granularity, d.text) == ("2024-10-23", "day", "on October 23")


def test_month_day_late_in_year_before_a_january_publication_is_last_year(nlp):
    d = one(nlp, "The talks began on December 30.", "December 30", published="2025-01-05")
    assert d.value == "2024-12-30"


def test_early_month_year_keeps_month_and_qualifier(nlp):
    d = one(nlp, "By early October 2024, agencies claimed it.", "October")
    assert (d.value, d.qualifier, d.granularity) == ("2024-10", "early", "month")


def test_late_year(nlp):
    d = one(nlp, "It began supplying shells in late 2022, and nobody acted.", "2022")
    assert (d.value, d.qualifier, d.text) == ("2022", "late", "in late 2022")


def test_bare_year_is_not_given_a_day(nlp):
    d = one(nlp, "Russia invaded Ukraine in 2014.", "2014")
    assert (d.value, d.granularity) == ("2014", "year")


def test_a_year_later_is_relative_to_the_previous_date_not_today(nlp):
    ds = dates_of(nlp, "Shipments began in late 2022. A year later, missiles followed.", published="2024-11-04")
    later = [d for d in ds if d.text == "A year later"][0]
    assert later.value == "2023" and later.relative and later.anchor == "2022"


def test_weeks_after_an_event_is_relative_and_anchored_on_its_noun_phrase(nlp):
    d = one(nlp, "Three weeks after the initial reports about troops, Pyongyang confirmed its plans.", "Three weeks")
    assert d.relative and d.value is None
    assert d.text == "Three weeks after the initial reports"
    assert d.anchor == "the initial reports"


def test_weeks_after_a_date_is_computed(nlp):
    d = one(nlp, "Two weeks after October 1, 2024, the ceasefire collapsed.", "Two weeks")
    assert d.value == "2024-10-15"


def test_days_ago_uses_the_publication_date(nlp):
    assert one(nlp, "The strike happened three days ago.", "ago").value == "2024-11-01"


def test_without_publication_date_relative_expressions_stay_unresolved(nlp):
    ds = dates_of(nlp, "The strike happened three days ago. NATO spoke on October 23. Russia invaded in 2014.",
                  published=None)
    by_text = {d.text: d.value for d in ds}
    assert by_text["three days ago"] is None
    assert by_text["on October 23"] is None
    assert by_text["in 2014"] == "2014"


def test_weekday_is_the_last_such_day_before_publication(nlp):
    # 2016-09-08 is a Thursday
    assert one(nlp, "Schiff told reporters on Wednesday that Russia meddled.", "Wednesday",
               published="2016-09-08").value == "2016-09-07"


def test_deictic_and_calendar_relatives(nlp):
    ds = dates_of(nlp, "Yesterday the minister resigned. Last year the army grew; next month it shrinks. "
                       "This week the talks stalled.", published="2024-11-04")
    by_text = {d.text.lower(): d.value for d in ds}
    assert by_text["yesterday"] == "2024-11-03"
    assert by_text["last year"] == "2023"
    assert by_text["next month"] == "2024-12"
    assert by_text["this week"] == "2024-W45"


def test_month_of_next_year(nlp):
    assert one(nlp, "They agreed on a plan by March of next year.", "March").value == "2025-03"


def test_historical_anchor(nlp):
    d = one(nlp, "It is the largest invasion since World War II.", "World War II")
    assert (d.value, d.qualifier) == ("1945", "since")


def test_present_and_future_references(nlp):
    ds = dates_of(nlp, "Currently, troops are massing, and soon we may see an attack.")
    by_text = {d.text: d for d in ds}
    assert by_text["Currently"].value == "2024-11-04"
    assert by_text["soon"].value is None and by_text["soon"].qualifier == "future"


@pytest.mark.parametrize("text", [
    "We may see a sharp increase in the number of soldiers.",
    "Leaders may meet, and they may not.",
    "Prime Minister Theresa May spoke to reporters.",
    "He is the publisher of Business Ukraine and Lviv Today.",
    "The law breaks the National Voter Registration Act of 1993.",
])
def test_no_false_dates(nlp, text):
    assert dates_of(nlp, text) == []


def test_seed_article_dates_match_the_gold(seed_article, seed_gold):
    pred = {(d.start, d.end): d for d in seed_article.dates}
    for g in seed_gold["dates"]:
        key = (g["span"]["start"], g["span"]["end"])
        assert key in pred, f"missing gold date {g['span']['text']!r}"
        value = g["normalized"].get("value")
        if value and value[:1].isdigit():
            assert pred[key].value == value, g["span"]["text"]
    gold_spans = {(g["span"]["start"], g["span"]["end"]) for g in seed_gold["dates"]}
    precision = sum(1 for k in pred if k in gold_spans) / len(pred)
    assert precision >= 0.9


def _event(text, trigger, typ="MOBILIZE", factuality="asserted", target=None):
    from redline.model import Event, TextSpan
    s = text.index(trigger)
    return Event(id="E", type=typ, mode=None, context=None, cameo=None, score=None, goldstein=None,
                 factuality=factuality, trigger=TextSpan(s, s + len(trigger), trigger),
                 sentence={"start": 0, "end": len(text)}, target=target or [])


def test_event_date_from_its_clause_governing_clause_or_publication(nlp):
    from redline.extract.event_context import attach_time_place
    from redline.extract.places import extract_places

    text = "NATO confirmed on October 23 that North Korea had deployed several thousand soldiers to Russia."
    doc = nlp(text)
    ds, ps = extract_dates(doc, "2024-11-04"), extract_places(doc, [])
    own = _event(text, "confirmed", typ="ACCUSE")
    embedded = _event(text, "deployed")
    attach_time_place([own, embedded], ds, ps, doc, "2024-11-04")
    assert (own.date, own.date_basis) == ("2024-10-23", "clause")
    assert (embedded.date, embedded.date_basis) == ("2024-10-23", "governing")
    assert embedded.location is not None and embedded.location.country == "RUS"

    text2 = "Germany announced that it would consider new sanctions."
    doc2 = nlp(text2)
    asserted = _event(text2, "announced", typ="SANCTION")
    hypothetical = _event(text2, "sanctions", typ="SANCTION", factuality="hypothetical")
    attach_time_place([asserted, hypothetical], extract_dates(doc2, "2024-11-04"), [], doc2, "2024-11-04")
    assert (asserted.date, asserted.date_basis) == ("2024-11-04", "published")
    assert hypothetical.date is None


def test_event_location_needs_a_locative_phrase(nlp):
    from redline.extract.event_context import attach_time_place
    from redline.extract.places import extract_places

    text = "North Korea began supplying artillery shells to Russia, and Choe traveled to Moscow."
    doc = nlp(text)
    supply = _event(text, "supplying", typ="AID")
    visit = _event(text, "traveled", typ="CONSULT")
    attach_time_place([supply, visit], extract_dates(doc, None), extract_places(doc, []), doc, None)
    assert supply.location is None  # "to Russia" is the recipient
    assert visit.location is not None and visit.location.name == "Moscow"
    assert supply.date is None  # no publication date, nothing in the text
