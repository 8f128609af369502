"""Story-level completion of events (redline.extract.event_referents): the addressee a
verbal act leaves to the story (``dyad_partner``)."""
from __future__ import annotations

from redline.extract.event_referents import dyad_partner
from redline.model import Actor, Event, TextSpan


def _actor(country):
    return Actor(country, None, country, "GOV", 0, 3, country)


def _ev(type_, src, tgt=(), trigger="rejected"):
    return Event(id="", type=type_, mode=None, context=None, cameo=None, score=None, goldstein=None,
                 factuality="asserted", trigger=TextSpan(100, 100 + len(trigger), trigger),
                 sentence={"start": 90, "end": 140}, source=[_actor(c) for c in src],
                 target=[_actor(c) for c in tgt], confidence=0.9)


STORY = [_ev("ACCUSE", ["RUS"], ["UKR"]), _ev("ASSAULT", ["UKR"], ["RUS"]), _ev("REQUEST", ["RUS"], ["USA"])]


def test_a_verbal_act_with_no_target_takes_the_state_the_story_pairs_its_actor_with():
    rejected = _ev("REJECT", ["RUS"])
    out = dyad_partner([rejected], STORY, named_near=lambda ev, state: True)
    assert out == [rejected] and [a.country for a in rejected.target] == ["UKR"]
    assert rejected.target[0].name.endswith("(implied)")


def test_no_partner_without_its_name_near_a_tie_or_a_single_pairing():
    # the partner must be named in the act's sentence or the one before
    assert dyad_partner([_ev("REJECT", ["RUS"])], STORY, named_near=lambda ev, state: False) == []
    # two states paired as often: no one to choose
    tied = STORY + [_ev("ACCUSE", ["RUS"], ["USA"])]
    assert dyad_partner([_ev("REJECT", ["RUS"])], tied, named_near=lambda ev, state: True) == []
    # a single pairing is no pattern of the story
    assert dyad_partner([_ev("REJECT", ["USA"])], STORY, named_near=lambda ev, state: True) == []
    # an act of force is not completed this way (a strike "on the village" names its target)
    assert dyad_partner([_ev("ASSAULT", ["RUS"])], STORY, named_near=lambda ev, state: True) == []
    # sanctions and aid are: "imposed new sanctions" in a story of Russia's exchanges with Ukraine
    sanctions = _ev("SANCTION", ["RUS"])
    assert dyad_partner([sanctions], STORY, named_near=lambda ev, state: True) == [sanctions]


def test_dyad_partner_can_be_switched_off():
    import dataclasses

    from redline.extract import events

    cfg = dataclasses.replace(events.CONFIG, disabled=frozenset({"dyad_partner"}))
    assert "dyad_partner" in cfg.disabled


def test_a_reciprocal_event_counts_once_for_each_side():
    # "the two sides met": both states on both sides pair each with the other once
    story = [_ev("CONSULT", ["RUS", "UKR"], ["UKR", "RUS"]), _ev("ACCUSE", ["RUS"], ["USA"])]
    # RUS meets UKR once and USA once: a tie, no partner
    assert dyad_partner([_ev("REJECT", ["RUS"])], story, named_near=lambda ev, state: True) == []
