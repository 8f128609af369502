"""Quantities: values, ranges, qualifiers, units, exclusions, claimants, the seed article."""
from __future__ import annotations

import pytest

from redline.extract.quantities import extract_quantities


def qs(nlp, text):
    return extract_quantities(nlp(text), [], None)


def one(nlp, text, needle):
    hits = [q for q in qs(nlp, text) if needle in q.text]
    assert hits, f"no quantity with {needle!r} in {[q.text for q in qs(nlp, text)]}"
    return hits[0]


def test_number_with_qualifier_and_counted_noun(nlp):
    q = one(nlp, "Russia has transferred over 7,000 North Korean soldiers to areas near Ukraine.", "7,000")
    assert (q.value, q.qualifier, q.unit, q.counted) == (7000, "over", "soldiers", "North Korean soldiers")
    assert q.text == "over 7,000 North Korean soldiers"


def test_vague_count(nlp):
    q = one(nlp, "North Korea had deployed several thousand soldiers to Russia.", "several")
    assert (q.value, q.qualifier, q.unit) == (None, "several", "soldiers")


def test_proportion_keeps_what_it_is_a_share_of(nlp):
    q = one(nlp, "North Korea was supplying half of all munitions used by Russia in Ukraine.", "half")
    assert (q.value, q.qualifier, q.unit) == (0.5, "half", "proportion")
    assert q.counted == "all munitions used by Russia in Ukraine"


def test_range_money_and_percent(nlp):
    assert one(nlp, "They sent between 10 and 20 tanks.", "10").value == [10, 20]
    money = one(nlp, "Congress approved $5 billion in aid.", "$5")
    assert (money.value, money.unit) == (5_000_000_000, "USD")
    pct = one(nlp, "Only 24 percent of contributors are small donors.", "24")
    assert (pct.value, pct.unit, pct.counted) == (24, "percent", "contributors")


def test_calibre(nlp):
    q = one(nlp, "They were armed with 60mm mortars.", "60mm")
    assert (q.value, q.unit) == (60, "mm")


@pytest.mark.parametrize("text", [
    "Three weeks after the reports, nothing happened.",
    "Troops carried AK-12 rifles at the G7 summit.",
    "It was the largest invasion since World War II.",
    "In 2014 Russia invaded, one of many wars.",
])
def test_not_quantities(nlp, text):
    assert qs(nlp, text) == []


def test_claimant_is_the_cited_source(analyse_text):
    art = analyse_text("NATO confirmed on October 23 that North Korea had deployed several thousand soldiers to Russia.")
    q = [q for q in art.quantities if "several" in q.text][0]
    ent = {e.id: e for e in art.entities}.get(q.claimant)
    assert ent is not None and "NATO" in ent.name
    assert q.date == "2024-10-23"


def test_claimant_of_an_unattributed_figure_is_none(analyse_text):
    art = analyse_text("Currently, it is known that Russia has transferred over 7,000 North Korean soldiers.")
    q = [q for q in art.quantities if "7,000" in q.text][0]
    assert q.claimant is None


def test_seed_article_quantities_and_claimants(seed_article, seed_gold):
    gold_mentions = {e["id"]: [(m["start"], m["end"], m["text"]) for m in e["mentions"]] for e in seed_gold["entities"]}
    ents = {e.id: e for e in seed_article.entities}
    pred = seed_article.quantities
    for g in seed_gold["quantities"]:
        s, e = g["quantity_span"]["start"], g["quantity_span"]["end"]
        hits = [p for p in pred if p.start < e and s < p.end]
        assert hits, f"missing {g['span']['text']!r}"
        p = hits[0]
        if g["claimant"] is None:
            assert p.claimant is None, g["span"]["text"]
        else:
            gm = gold_mentions[g["claimant"]]
            ent = ents.get(p.claimant)
            by_mention = ent is not None and any(m.start < ge and gs < m.end for m in ent.mentions for gs, ge, _ in gm)
            by_name = bool(p.claimant_name) and any(p.claimant_name.lower() in t.lower() for _, _, t in gm)
            assert by_mention or by_name, (g["span"]["text"], p.claimant, p.claimant_name)
    assert len(pred) <= len(seed_gold["quantities"]) / 0.9
