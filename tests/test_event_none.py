"""The learned "none" decision (redline.extract.event_none) and its training command."""
from __future__ import annotations

import pytest

from redline.extract import event_none
from redline.model import Actor, Event, TextSpan


def _ev(type_="ASSAULT", src_country="RUS", trigger="shelled"):
    src = [Actor("Russia", None, src_country, "GOV", 0, 6, "Russia")]
    return Event(id="", type=type_, mode=None, context=None, cameo=None, score=None, goldstein=None,
                 factuality="asserted", trigger=TextSpan(7, 7 + len(trigger), trigger),
                 sentence={"start": 0, "end": 40}, source=src, target=[], confidence=0.9)


def _toy_model():
    """A none-model learnt from two events: keeps the first kind, drops the second
    (threshold 0.5); returns (good, bad) events."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    good, bad = _ev(), _ev(type_="RETREAT", src_country=None, trigger="controls")
    vec = DictVectorizer()
    X = vec.fit_transform([event_none.features(e) for e in [good, bad] * 5])
    clf = LogisticRegression().fit(X, [True, False] * 5)
    event_none.set_model({"vectorizer": vec, "classifier": clf, "threshold": 0.5})
    return good, bad


def test_features_of_an_event_and_of_its_json():
    ev = _ev()
    f = event_none.features(ev)
    assert f["type=ASSAULT"] == 1.0 and f["src_c"] == 1.0 and f["tgt_c"] == 0.0
    # the word is the classifier's to read: the decision judges the event's record
    assert not [k for k in f if "shelled" in k]
    from dataclasses import asdict
    assert event_none.features(asdict(ev)) == f


def test_keep_uses_the_model_and_threshold():
    good, bad = _toy_model()
    try:
        assert event_none.keep([good, bad]) == [good]
    finally:
        event_none.set_model(None)
    event_none.set_model(False)
    try:
        assert event_none.keep([good, bad]) == [good, bad]  # no model: nothing dropped
    finally:
        event_none.set_model(None)


def test_training_labels_match_the_scorer():
    from redline.training.events_none import matches

    ev = _ev()
    ev.target = [Actor("Ukraine", None, "UKR", None, 0, 1, "Ukraine")]
    assert matches(ev, {"type": "ASSAULT", "source_countries": ["RUS"], "target_countries": ["UKR"]})
    assert matches(ev, {"type": "ASSAULT", "source_countries": [], "target_countries": []})
    assert not matches(ev, {"type": "ASSAULT", "source_countries": ["USA"], "target_countries": []})
    assert not matches(ev, {"type": "ACCUSE", "source_countries": ["RUS"], "target_countries": ["UKR"]})


def test_seed_article_examples_read_its_own_schema():
    from conftest import shared_path
    from redline.training.events_none import seed_examples

    gold = shared_path("seed", "gold.json")
    rows = seed_examples(gold, gold.with_name("article.txt"))
    # every coded event of the seed article, labelled against its 55 hand-coded events
    assert len(rows) > 30 and all(r[0] == "seed" for r in rows)
    assert 0 < sum(bool(r[2]) for r in rows) < len(rows)


def test_seed_article_examples_without_the_files(tmp_path):
    from redline.training.events_none import seed_examples

    assert seed_examples(tmp_path / "gold.json", tmp_path / "article.txt") == []


def test_a_run_threshold_from_the_environment(monkeypatch):
    good, bad = _toy_model()
    try:
        monkeypatch.setenv(event_none.ENV_VAR, "0")
        assert event_none.keep([good, bad]) == [good, bad]  # 0: every event the rules pass
        monkeypatch.setenv(event_none.ENV_VAR, "0.99")
        assert event_none.keep([good, bad]) == []
        monkeypatch.setenv(event_none.ENV_VAR, "much")
        with pytest.raises(ValueError, match="from 0 to 1"):
            event_none.keep([good, bad])
    finally:
        event_none.set_model(None)


def test_extract_refuses_a_threshold_outside_0_to_1(tmp_path, capsys):
    from redline.cli import main

    art = tmp_path / "a.txt"
    art.write_text("Russia attacked Ukraine.", encoding="utf-8")
    assert main(["extract", str(art), "--event-threshold", "1.5"]) == 2
    assert "event threshold must be from 0 to 1" in capsys.readouterr().err
