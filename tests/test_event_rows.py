"""Every row of the event lexicon and of the event word classes can fire: its key is
what the extractor compares against the parse of some English sentence. A row that can
never match (a hyphenated word spaCy splits in three, a two-word lemma in a class the
code compares with single lemmas) is dead and must go."""
from __future__ import annotations

import collections
import pathlib
import re

import pytest

from redline.plover import lexicon, word_class

DATA = pathlib.Path(__file__).resolve().parents[1] / "src" / "redline" / "data"
SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "redline"

# classes whose rows the code compares with lexicon keys (multiword) rather than lemmas
_PHRASE_CLASSES = {"appeal_verb", "open_phrase", "conscripting_verb", "courtesy_call", "weapon_use_key"}
# classes whose rows are a noun or "modifier noun" (checked on the noun of a sentence)
_NOUN_PHRASE_CLASSES = {"crowd_control_weapon"}


def _rows(name):
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("lemma\t"):
            continue
        out.append(line.split("\t"))
    return out


@pytest.fixture(scope="module")
def nlp():
    from redline.parse import load_nlp
    return load_nlp()


def test_every_word_class_is_consulted_and_has_no_duplicate_rows():
    rows = _rows("event_word_classes.tsv")
    classes = {r[1] for r in rows}
    code = "".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    used = set(re.findall(r'word_class\(\s*"([a-z_]+)"', code))
    assert classes - used == set(), "classes no code reads"
    assert used - classes == set(), "classes the code reads that the file lacks"
    dup = [k for k, v in collections.Counter((r[0], r[1]) for r in rows).items() if v > 1]
    assert not dup


def test_every_word_class_row_can_fire(nlp):
    dead = []
    for lemma, cls, *_ in _rows("event_word_classes.tsv"):
        if cls in _PHRASE_CLASSES:
            assert 1 <= len(lemma.split(" ")) <= 3, (lemma, cls)
            continue
        if cls in _NOUN_PHRASE_CLASSES:
            from redline.extract.event_actors import is_crowd_control_weapon
            doc = nlp(f"Police fired the {lemma} at them.")
            if not any(is_crowd_control_weapon(t) for t in doc if t.pos_ == "NOUN"):
                dead.append((lemma, cls))
            continue
        doc = nlp(lemma)
        if len(doc) != 1:
            dead.append((lemma, cls))  # compared with one token's lemma: never matches
    assert not dead, dead
    assert word_class("exercise_noun")


_OBJ_FRAMES = ["They sent {w} to the army.", "The {w} arrived on Monday."]


def _frames(lemma, pos):
    """Simple sentences in which an actor does the act a lexicon key names."""
    w = lemma.split(" ")
    if pos == "NOUN":
        return [f"Russia's {lemma} against Ukraine was reported.", f"Russia announced a {lemma} against Ukraine.",
                f"The {lemma} by Russia was reported.", f"Russia's {lemma} in Ukraine was reported.",
                f"Russia announced {lemma}s against Ukraine.", f"Russia announced {lemma} with Ukraine."]
    if len(w) == 1:
        return [f"Russia will {lemma} Ukraine.", f"Russia will {lemma}.", f"Russia will {lemma} with Ukraine.",
                f"Russia will {lemma} against Ukraine.", f"Russia will {lemma} to Ukraine.", f"Russia did not {lemma}."]
    if len(w) == 2:  # "verb particle/prep", "verb object", "verb adjective"
        v, x = w
        return [f"Russia will {v} {x} Ukraine.", f"Russia will {v} Ukraine {x}.", f"Russia will {v} {x}.",
                f"Russia will {v} the {x} with Ukraine.", f"Russia will {v} {x}s with Ukraine.",
                f"Russia will {v} its {x} to Ukraine.", f"Russia will {v} {x} on Ukraine.",
                f"The court will {v} Ukraine {x}."]
    v, prep, n = w  # "verb prep noun"
    return [f"Russia will {v} {prep} {n}.", f"Russia will {v} Ukraine {prep} {n}.", f"Russia will {v} {prep} the {n}.",
            f"Russians will {v} {prep} the {n}s."]


def test_every_lexicon_row_can_fire(nlp):
    """Each VERB and NOUN row gives a trigger candidate with that very entry in a simple
    sentence; each OBJ row (what is handed over) is some token's lemma."""
    from redline.extract.event_candidates import candidates

    def reached(lemma, pos):
        for f in _frames(lemma, pos):
            doc = nlp(f)
            for sent in doc.sents:
                if any(c.lex is not None and (c.lex.lemma, c.lex.pos) == (lemma, pos) for c in candidates(doc, sent)):
                    return True
        return False

    dead = []
    for lemma, pos, type_, *_ in _rows("event_lexicon.tsv"):
        assert lemma == lemma.lower().strip() and pos in ("VERB", "NOUN", "OBJ"), (lemma, pos)
        if pos == "OBJ":
            fired = any(t.lemma_.lower() == lemma for f in _OBJ_FRAMES for t in nlp(f.format(w=lemma)))
        else:
            fired = reached(lemma, pos)
        if not fired:
            dead.append((lemma, pos))
    assert not dead, dead


def test_word_class_rows_that_work_with_the_lexicon_can_fire():
    """Rows whose class the code consults together with the trigger's lexicon entry: a
    verb that is no trigger unless the lexicon lists it (skip_verb) must not be listed;
    a light verb must have a type of its own (the light-object rule needs one; a verb
    without one leaves its event object the trigger); the demand, open-phrase,
    courtesy-call and weapon-use classes are compared with lexicon keys; sure and contact verbs need an entry."""
    lex = lexicon()
    verb_keys = {lemma for lemma, pos in lex if pos == "VERB"}
    single = {k for k in verb_keys if " " not in k}
    heads = {k.split(" ")[0] for k in verb_keys}
    assert not word_class("skip_verb") & single
    assert word_class("light_verb") <= single
    assert word_class("appeal_verb") <= verb_keys
    assert word_class("open_phrase") <= verb_keys
    assert word_class("courtesy_call") <= verb_keys
    assert len(word_class("weapon_use_key")) == 1 and word_class("weapon_use_key") <= verb_keys
    assert word_class("sure_verb") <= heads
    consult = {k.split(" ")[0] for k in verb_keys if lex[(k, "VERB")].type == "CONSULT"}
    assert word_class("contact_verb") <= consult
    # "raising an act is that act" is for verbs outside the lexicon only
    assert not word_class("increase_verb") & single
