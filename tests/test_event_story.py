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


_MEASURES_STORY = (
    "Tajikistan's government on Tuesday lifted a curfew that had been in force in the capital since March.\n\n"
    "The curfew was imposed after weeks of clashes between security forces and opposition supporters in Dushanbe.\n\n"
    "Officials said shops and markets would reopen and that public transport would run through the night again.\n\n"
    "Separately, the armed opposition announced a ceasefire on Monday, its spokesman told reporters.\n\n"
    "The interior ministry said it would also ease restrictions on assembly next month.\n\n"
    "In a statement, the foreign ministry said it had lifted its objections to the talks.\n"
)


def _by_trigger(article, word, type_):
    return [e for e in article.events if e.trigger.text == word and e.type == type_]


def test_an_act_on_a_states_own_measures_is_aimed_at_that_state(analyse_text):
    art = analyse_text(_MEASURES_STORY)
    (lifted,) = _by_trigger(art, "lifted", "CONCEDE")[:1]
    assert [a.country for a in lifted.target] == ["TJK"] and lifted.target[0].name == "Tajikistan (implied)"
    # a domestic actor's act left without a target: its own state
    (truce,) = _by_trigger(art, "ceasefire", "RETREAT")
    assert [a.country for a in truce.source] == ["TJK"] and [a.country for a in truce.target] == ["TJK"]
    # lifting what is no measure on the people ("its objections") is aimed at no one
    objections = [e for e in art.events if e.trigger.start > _MEASURES_STORY.index("objections") - 30
                  and e.type == "CONCEDE"]
    assert not any(a.country == "TJK" and a.name.endswith("(implied)") for e in objections for a in e.target)


def test_own_state_target_can_be_switched_off(analyse_text):
    import dataclasses

    from redline.extract import events

    cfg = dataclasses.replace(events.CONFIG, disabled=frozenset({"own_state_target", "story_counterpart"}))
    kw = events.extract_events.__kwdefaults__
    old = kw["config"]
    kw["config"] = cfg
    try:
        art = analyse_text(_MEASURES_STORY)
    finally:
        kw["config"] = old
    assert not any(a.name.endswith("(implied)") for e in art.events for a in e.target)


_PROTEST_STORY = (
    "Turkish police on Saturday used tear gas in Istanbul to disperse a crowd outside the city hall.\n\n"
    "The clashes came after violent protests over a crackdown on the opposition turned into street fights.\n\n"
    "The governor's office said six officers were injured.\n\n"
    "The interior minister blamed the opposition for the unrest.\n\n"
    "Opposition leaders said they would go to court.\n"
)


def test_a_protest_with_no_one_and_no_place_named_is_by_the_people_of_the_storys_state(analyse_text):
    art = analyse_text(_PROTEST_STORY)
    (protests,) = [e for e in art.events if e.type == "PROTEST" and e.trigger.text == "protests"]
    assert [(a.name, a.country) for a in protests.source] == [("protesters (implied)", "TUR")]


def test_a_measure_on_another_place_is_not_aimed_at_the_own_state(analyse_text):
    story = ("Israel on Tuesday eased restrictions on aid entering Gaza, officials said.\n\n"
             "The decision came after weeks of pressure from the United States.\n\n"
             "Aid groups said the trucks were still too few.\n\n"
             "The army said the crossing at Kerem Shalom would stay open at night.\n\n"
             "Egypt said it would send more fuel.\n")
    art = analyse_text(story)
    assert not [e for e in art.events if e.trigger.text == "eased"
                and any(a.country == "ISR" and a.name.endswith("(implied)") for a in e.target)]


_EMERGENCY_STORY = (
    "Egypt's president on Monday lifted the state of emergency in Egypt, his office said.\n\n"
    "The measure had been in force since 2017, after attacks on churches.\n\n"
    "Rights groups had long called for it to end.\n\n"
    "Israel on Tuesday lifted restrictions on aid entering Gaza, officials said.\n\n"
    "The crossings reopened in the morning.\n"
)


def test_a_measure_naming_the_states_own_place_is_still_on_its_own_people(analyse_text):
    art = analyse_text(_EMERGENCY_STORY)
    # "the state of emergency in Egypt" names Egypt itself: lifted for its own people
    lifted = [e for e in _by_trigger(art, "lifted", "CONCEDE") if e.trigger.start < 60]
    assert lifted and [a.country for a in lifted[0].target] == ["EGY"]
    # a measure on aid entering another place is not on Israel's own people
    other = [e for e in art.events if e.trigger.text == "lifted" and e.trigger.start > 60]
    assert not any(a.country == "ISR" and a.name.endswith("(implied)") for e in other for a in e.target)


_STRIKE_STORY = (
    "Nairobi - Kenyan teachers ended their strike on Monday after the government raised their pay.\n\n"
    "The union said schools would reopen on Tuesday.\n\n"
    "Activists in Mombasa ended their campaign for a new port on Friday.\n\n"
    "The ministry of education welcomed the end of the strike.\n\n"
    "Parents said the children had missed three weeks of lessons.\n"
)


def test_giving_up_ones_own_protest_is_aimed_at_ones_own_government(analyse_text, monkeypatch):
    from redline.extract import event_none

    # the learned "none" decision is a separate stage: look at what the rules give it
    monkeypatch.setattr(event_none, "keep", lambda events: events)
    art = analyse_text(_STRIKE_STORY)
    ended = [e for e in art.events if e.trigger.text == "ended" and e.trigger.start < 60]
    assert ended and [(a.country, a.sector) for a in ended[0].target] == [("KEN", "GOV")]
    assert ended[0].target[0].name.endswith("(implied)")
    # a campaign is no protest: nothing to yield to
    campaign = [e for e in art.events if e.trigger.text == "ended" and e.trigger.start > 60]
    assert not any(a.name.endswith("(implied)") for e in campaign for a in e.target)
