"""The filter stage of the event coder (redline.extract.event_filters): each "not an
event" predicate on sentences written for it, and targets that are no actors moving to
``object``."""
from __future__ import annotations

import dataclasses

import pytest

from redline.extract import event_filters as ef


def _events(analyse_text, text):
    return analyse_text(text).events


def _dropped(analyse_text, text, monkeypatch):
    """(predicate, event) pairs the filter stage let go for this text."""
    seen = []
    orig = ef.apply

    def spy(events, doc=None, config=ef.CONFIG, dropped=None, whole_story=True):
        out = orig(events, doc, config, seen, whole_story)
        return out
    monkeypatch.setattr(ef, "apply", spy)
    analyse_text(text)
    return seen


@pytest.mark.parametrize("text", [
    "Margaret Besheer contributed to this report.",
    "The two governments have ignored VOA requests for comment.",
    "The ministry did not respond to a request for comment.",
])
def test_newsroom_acts_are_no_events(analyse_text, text):
    evs = _events(analyse_text, text)
    assert not evs, [(e.type, e.trigger.text) for e in evs]


def test_newsroom_predicate_names_itself():
    from redline.model import Actor, Event, TextSpan
    text = "The two governments have ignored VOA requests for comment."
    voa = Actor("VOA", None, "USA", "JRN", 36, 39, "VOA")
    ev = Event(id="", type="RETREAT", mode=None, context=None, cameo=None, score=None, goldstein=None,
               factuality="asserted", trigger=TextSpan(26, 33, "ignored"),
               sentence={"start": 0, "end": len(text)}, source=[], target=[voa])

    class _Doc:  # the predicate reads only the text
        pass
    doc = _Doc()
    doc.text = text
    assert ef.newsroom_act(ev, doc)
    assert ef.why_not(ev, doc) == "newsroom_act"


@pytest.mark.parametrize("text,thing,actor", [
    ("China imposed a tariff on American soybeans.", "soybeans", "USA"),
    ("The rebels seized power in Niger.", "power", None),
    ("Russia violated the ceasefire.", "ceasefire", None),
])
def test_things_go_to_object_not_target(analyse_text, text, thing, actor):
    evs = _events(analyse_text, text)
    assert evs, text
    show = [(e.type, [a.text for a in e.target], [a.text for a in e.object]) for e in evs]
    for e in evs:
        assert not any(thing in a.text for a in e.target), show
    assert any(any(thing in a.text for a in e.object) for e in evs), show
    if actor:
        assert any(a.country == actor for e in evs for a in e.target), show


def test_actor_target_stays(analyse_text):
    evs = _events(analyse_text, "Lithuania expelled three Russian diplomats.")
    assert evs and any(a.country == "RUS" for e in evs for a in e.target), \
        [(e.type, [a.text for a in e.target], [a.text for a in e.object]) for e in evs]


@pytest.mark.parametrize("text", [
    "U.S. residential bills would increase by about $69 a month.",
    "Britain's decision to leave angered France.",
])
def test_a_thing_is_no_source(analyse_text, text, monkeypatch):
    seen = _dropped(analyse_text, text, monkeypatch)
    assert any(r == "thing_as_source" for r, _ in seen) or not _events(analyse_text, text), seen


@pytest.mark.parametrize("text", [
    "An al Qaeda offshoot attacked Yemeni troops on Monday.",
    "The Islamic State affiliate attacked Nigerian soldiers in Borno.",
    "The armed wing of Hamas fired rockets at Israel.",
])
def test_a_group_named_by_its_parent_organisation_is_a_source(analyse_text, text, monkeypatch):
    seen = _dropped(analyse_text, text, monkeypatch)
    assert not any(r == "thing_as_source" for r, _ in seen), seen
    assert any(e.type == "ASSAULT" for e in _events(analyse_text, text))


@pytest.mark.parametrize("text", [
    "The Iranian cargo ship departed China on Monday.",
    "Rubio told reporters aboard a military plane before landing in Jeddah.",
])
def test_a_journey_is_no_event(analyse_text, text):
    evs = _events(analyse_text, text)
    assert not any(e.trigger.text in ("departed", "landing") for e in evs), [(e.type, e.trigger.text) for e in evs]


def test_goods_flown_in_stay_aid(analyse_text):
    evs = _events(analyse_text, "Medecins Sans Frontieres flew 13 metric tons of medicine into Afghanistan.")
    assert any(e.type == "AID" for e in evs)


def test_no_political_actor(analyse_text):
    # nothing that acts: "lack of access" hampering relief is no event
    evs = _events(analyse_text, "A lack of access hampered the distribution of relief in Mozambique.")
    assert not any(e.trigger.text == "hampered" for e in evs), [(e.type, e.trigger.text) for e in evs]
    # a group with no country is still an actor; a passive killing needs no stated source
    assert _events(analyse_text, "Western politicians called on China to release the activist.")
    evs = _events(analyse_text, "Five Pakistani soldiers were killed in Balochistan.")
    assert any(e.type == "ASSAULT" for e in evs), [(e.type, e.trigger.text) for e in evs]


def test_predicates_are_configurable(analyse_text):
    cfg = dataclasses.replace(ef.CONFIG, predicates=())
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.predicates = ("travel",)
    assert set(ef.CONFIG.predicates) <= set(ef.NOT_AN_EVENT)


def test_aid_needs_a_recipient(analyse_text, monkeypatch):
    seen = _dropped(analyse_text, "Trump has voiced interest in making continued military aid conditional.", monkeypatch)
    evs = _events(analyse_text, "Trump has voiced interest in making continued military aid conditional.")
    assert not any(e.type == "AID" for e in evs), [(e.type, e.trigger.text) for e in evs]
    assert any(r == "no_recipient" for r, _ in seen) or not seen
    # with a recipient it stands
    evs = _events(analyse_text, "Japan sent humanitarian aid to Turkey after the earthquake.")
    assert any(e.type == "AID" for e in evs)


@pytest.mark.parametrize("text", [
    "\u201cI\u2019m not talking about students,\u201d he said.",
    "The White House did not reply to VOA\u2019s email requesting comment.",
])
def test_talk_about_and_requests_for_comment_are_no_events(analyse_text, text):
    evs = _events(analyse_text, text)
    assert not evs, [(e.type, e.trigger.text) for e in evs]


def test_the_publishing_newsroom_is_no_actor(analyse_text):
    evs = _events(analyse_text, "VOA examined the facts and spoke with experts.")
    assert not evs, [(e.type, e.trigger.text) for e in evs]


def test_an_unplaced_source_is_no_evidence_in_a_lone_sentence(analyse_text):
    # in a whole story "the company" with no political actor behind it is no event; a
    # single sentence lacks the context that would place it
    sentence = "The company accused the regulator of bias."
    story = " ".join(["The weather was mild on Monday."] * 5 + [sentence])
    in_sentence = [e for e in _events(analyse_text, sentence) if e.trigger.text == "accused"]
    in_story = [e for e in _events(analyse_text, story) if e.trigger.text == "accused"]
    assert in_sentence and not in_story


def test_an_act_done_to_no_placed_actor_is_no_event_in_a_story(analyse_text):
    # in a whole story, a rejection of a plan (no actor behind it) is no interaction;
    # rejecting a state's plan is; a killing may have no stated target
    filler = " ".join(["The weather was mild on Monday."] * 5)
    rejected = [e for e in _events(analyse_text, filler + " Hungary rejected the plan.") if e.trigger.text == "rejected"]
    assert not rejected
    rejected = [e for e in _events(analyse_text, filler + " Hungary rejected the Austrian plan.")
                if e.trigger.text == "rejected"]
    assert rejected and [a.country for a in rejected[0].target] == ["AUT"]
    killed = [e for e in _events(analyse_text, filler + " Gunmen killed five people in Mali.")
              if e.type == "ASSAULT"]
    assert killed
    # a lone sentence keeps it: it lacks the story that would place its target
    assert [e for e in _events(analyse_text, "Hungary rejected the plan.") if e.trigger.text == "rejected"]


def test_an_actor_is_not_its_own_target():
    from redline.model import Actor, Event, TextSpan
    beijing = Actor("China", "T1", "CHN", "GOV", 0, 7, "Beijing")
    it = Actor("China", "T1", "CHN", "GOV", 20, 22, "it")
    people = Actor("China", "T1", "CHN", "CVL", 30, 40, "its people")
    thai = Actor("Thailand", "T2", "THA", "GOV", 45, 49, "Thai")
    ev = Event(id="", type="SUPPORT", mode=None, context=None, cameo=None, score=None, goldstein=None,
               factuality="asserted", trigger=TextSpan(12, 19, "assured"),
               sentence={"start": 0, "end": 60}, source=[beijing], target=[it, people, thai])
    ef.drop_self_targets(ev)
    # the same entity in the same sector goes; its people and another state stay
    assert [a.text for a in ev.target] == ["its people", "Thai"]


def test_a_misread_self_target_leaves_no_event_in_a_story(analyse_text):
    story = ("Thailand deported 40 Uyghurs to China last month. The deportations drew rebukes. "
             "Following the rebukes, the Thai government said Beijing had assured it that the Uyghurs "
             "would be treated well. Officials gave no details. The men were flown out at night.")
    evs = _events(analyse_text, story)
    assert not [e for e in evs for s in e.source for t in e.target
                if s.entity and s.entity == t.entity and s.sector == t.sector]


def _event(kind, source, target=()):
    from redline.model import Event, TextSpan
    return Event(id="", type=kind, mode=None, context=None, cameo=None, score=None, goldstein=None,
                 factuality="asserted", trigger=TextSpan(30, 36, "signed"), sentence={"start": 0, "end": 80},
                 source=list(source), target=list(target))


def test_a_reciprocal_act_needs_no_recipient():
    # PLOVER: "if two parties make a reciprocal agreement, code both as ACTOR (with no
    # RECIPIENT)"; one party, an act done to someone, or a target left unplaced stays unplaced
    from redline.model import Actor
    army = Actor("Sudan", "T1", "SDN", "MIL", 0, 12, "Sudan's army")
    rsf = Actor("Rapid Support Forces", "T2", "SDN", "REB", 17, 37, "the Rapid Support Forces")
    mediators = Actor("the mediators", None, None, None, 50, 63, "the mediators")
    assert ef.reciprocal(_event("AGREE", [army, rsf])) and not ef.unplaced_target(_event("AGREE", [army, rsf]))
    assert ef.unplaced_target(_event("AGREE", [army]))
    assert ef.unplaced_target(_event("REJECT", [army, rsf]))
    assert ef.unplaced_target(_event("SUPPORT", [army, rsf], [mediators]))
    assert ef.unplaced_target(_event("COOPERATE", [army, army]))


@pytest.mark.parametrize("text", [
    "Floods hit Grenada on Monday.",
    "An earthquake struck eastern Turkey on Monday, killing 300 people.",
    "The storm destroyed thousands of homes in Haiti.",
    "The pandemic killed millions of people in India.",
])
def test_nature_is_no_actor(analyse_text, text):
    # a flood, a quake, a storm or an epidemic does no political act, in a story or alone
    story = text + " The weather was mild on Monday." * 5
    assert not _events(analyse_text, text) and not _events(analyse_text, story)


def test_an_armed_actor_after_a_hazard_word_still_acts(analyse_text):
    evs = _events(analyse_text, "Russian strikes hit Kharkiv on Monday.")
    assert any(e.type == "ASSAULT" and [a.country for a in e.source] == ["RUS"] for e in evs)
