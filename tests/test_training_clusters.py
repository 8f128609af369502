"""Word clusters for the event classifier (``redline train clusters``)."""
import pytest

from redline.extract import event_features as ef
from redline.training import clusters


def test_tokenise_keeps_sentences_of_three_words_or_more():
    sents = clusters.tokenise("Russia and Ukraine agreed a cease-fire. Yes!\nKyiv welcomed it.")
    assert sents == [["russia", "and", "ukraine", "agreed", "a", "cease-fire"], ["kyiv", "welcomed", "it"]]


def test_build_groups_words_used_alike(tmp_path):
    pytest.importorskip("gensim")
    # two families of interchangeable words in identical contexts
    texts = []
    for k in range(60):
        for verb in ("condemned", "denounced", "criticised"):
            texts.append(f"The minister {verb} the attack on the city today. Officials {verb} it again.")
        for verb in ("signed", "ratified", "concluded"):
            texts.append(f"The two states {verb} a trade treaty in the capital. Leaders {verb} it too.")
    words, ids, stats = clusters.build(texts, dim=16, epochs=30, ks=(6,), fit_words=100)
    cid = dict(zip(words, ids[6]))
    assert cid["condemned"] == cid["denounced"] == cid["criticised"]
    assert cid["signed"] == cid["ratified"] == cid["concluded"]
    assert cid["condemned"] != cid["signed"]
    out = tmp_path / "wc.tsv"
    clusters.write(out, words, ids, {"test": True})
    lines = [ln for ln in out.read_text().splitlines() if not ln.startswith("#")]
    assert lines[0] == "word\tc6" and len(lines) == len(words) + 1


def test_shipped_clusters_feed_the_classifier(nlp):
    wc = ef.word_clusters()
    if not wc:
        pytest.skip("word_clusters.tsv not built (redline train clusters)")
    # the shipped clusters put near-synonyms of news together
    assert wc["ceasefire"] == wc["truce"]
    assert wc["condemned"][:2] == wc["denounced"][:2]
    doc = nlp("Moscow denounced the strike on Kyiv.")
    trig = doc[1]
    f = ef.features(doc, trig, (0, 1), None)
    assert any(k.startswith("ktrc") for k in f), sorted(f)[:20]
