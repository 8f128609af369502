"""The type stage: one ordered table of named type rules, switched off by name."""
from __future__ import annotations

import dataclasses

import pytest

from redline.extract import event_readings, event_referents, event_types, events


def test_rule_names_are_unique_and_documented():
    names = [r.name for r in event_types.TYPE_RULES]
    assert len(names) == len(set(names))
    assert all(r.why for r in event_types.TYPE_RULES), "every rule says why it exists"
    assert event_types.TYPE_RULES[:len(event_types.LEXICON_RULES)] == event_types.LEXICON_RULES
    every = names + list(event_types.NOT_AN_EVENT) + list(event_readings.NAMES) + list(event_referents.NAMES)
    assert len(every) == len(set(every))
    assert events.rule_names() == frozenset(every)


def test_unknown_rule_name_is_refused():
    with pytest.raises(ValueError):
        dataclasses.replace(events.CONFIG, disabled=frozenset({"no_such_rule"}))


def test_a_rule_is_switched_off_by_name():
    from redline.parse import load_nlp

    doc = load_nlp()("The UK and the EU have agreed a trade deal.")
    on = events.extract_events(doc)
    off = events.extract_events(doc, config=dataclasses.replace(events.CONFIG, disabled=frozenset({"agreed_text"})))
    # agreeing on a text is a formal agreement (CAMEO 057); without the rule, the
    # classifier's reading and its generic code
    assert [(e.type, e.cameo) for e in on] == [("SUPPORT", "057")]
    assert off and off[0].cameo != "057"


def test_every_name_can_be_switched_off(caplog):
    """Switching any rule, predicate or reading off runs (a failing candidate is only
    logged by the coder, so the log is checked)."""
    import logging

    from redline.parse import load_nlp

    doc = load_nlp()("Russia said it would send troops to Syria. The UK and the EU agreed a trade deal, "
                     "and Germany called on Iran to release the prisoners.")
    with caplog.at_level(logging.DEBUG, logger="redline.extract.events"):
        for name in sorted(events.rule_names()):
            events.extract_events(doc, config=dataclasses.replace(events.CONFIG, disabled=frozenset({name})))
    assert not [r for r in caplog.records if "failed" in r.getMessage()]
