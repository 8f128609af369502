"""Equipment: lexicon, designations, spans, linking, the seed article."""
from __future__ import annotations

from redline.extract.equipment import extract_equipment, link_equipment
from redline.model import Actor, Event, TextSpan


def items(nlp, text):
    return extract_equipment(nlp(text))


def test_designations_and_shared_spans(nlp):
    eq = items(nlp, "They were armed with 60mm mortars, AK-12 assault rifles, RPK/PKM machine guns and RPG-7s.")
    got = {(e.name, e.text, e.category) for e in eq}
    assert ("60mm mortar", "60mm mortars", "mortar") in got
    assert ("AK-12", "AK-12 assault rifles", "small arms") in got
    assert ("RPK", "RPK/PKM machine guns", "small arms") in got
    assert ("PKM", "RPK/PKM machine guns", "small arms") in got
    assert ("RPG-7", "RPG-7s", "rocket launcher") in got


def test_quoted_name_and_categories(nlp):
    eq = items(nlp, 'They received "Phoenix" anti-tank guided missiles, night vision devices and binoculars.')
    got = {e.name: e.category for e in eq}
    assert got["Phoenix"] == "anti-tank guided missile"
    assert got["night vision device"] == "optics/night vision"
    assert got["binoculars"] == "optics/night vision"


def test_span_leaves_out_nationality_and_quantifiers(nlp):
    eq = items(nlp, "Russia launched North Korean ballistic missiles and got several night vision devices.")
    texts = {e.text for e in eq}
    assert "ballistic missiles" in texts and "night vision devices" in texts


def test_standalone_designations(nlp):
    eq = items(nlp, "Ukraine asked for F-16s, HIMARS and more T-72 tanks.")
    got = {e.name: e.category for e in eq}
    assert got["F-16"] == "aircraft"
    assert got["HIMARS"] == "rocket launcher"
    assert got["T-72"] == "armour"


def test_crowd_control_weapons(nlp):
    eq = items(nlp, "Police fired tear gas, rubber bullets and stun grenades; water cannon stood by.")
    got = {e.text: e.category for e in eq}
    assert got == {"tear gas": "crowd control", "rubber bullets": "crowd control",
                   "stun grenades": "crowd control", "water cannon": "crowd control"}


def test_no_false_equipment(nlp):
    assert items(nlp, "A think tank welcomed her with open arms; arms control talks resumed.") == []


def test_link_to_the_event_that_moves_it(nlp):
    text = "North Korea began supplying artillery shells to Russia."
    doc = nlp(text)
    eq = extract_equipment(doc)
    start = text.index("supplying")
    ev = Event(id="E1", type="AID", mode=None, context=None, cameo=None, score=None, goldstein=None,
               factuality="asserted", trigger=TextSpan(start, start + 9, "supplying"),
               sentence={"start": 0, "end": len(text)},
               target=[Actor("Russia", "RUS_ENT", "RUS", "GOV", 48, 54, "Russia")])
    link_equipment(eq, [ev])
    shell = [e for e in eq if e.name == "artillery shell"][0]
    assert shell.event == "E1" and shell.recipient == "RUS_ENT"
    assert "artillery shell" in ev.equipment


def test_seed_article_equipment(seed_article, seed_gold):
    gold = seed_gold["equipment"]
    pred = seed_article.equipment
    for g in gold:
        s, e = g["span"]["start"], g["span"]["end"]
        desig = (g.get("designator") or {}).get("text")
        hits = [p for p in pred if p.start < e and s < p.end and (not desig or desig in p.name)]
        assert hits, f"missing {g['span']['text']!r} ({desig})"
    assert len(pred) <= len(gold) / 0.9
