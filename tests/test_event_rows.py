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
_PHRASE_CLASSES = {"appeal_verb", "open_phrase"}


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
        doc = nlp(lemma)
        if len(doc) != 1:
            dead.append((lemma, cls))  # compared with one token's lemma: never matches
    assert not dead, dead
    assert word_class("exercise_noun")


_FRAMES = {
    "VERB": ["They will {w} them.", "They {w} them yesterday.", "The leaders {w} on Monday."],
    "NOUN": ["The {w} was reported on Monday.", "They condemned the {w}.", "There were {w} in the city."],
    "OBJ": ["They sent {w} to the army.", "The {w} arrived on Monday."],
}


def test_every_lexicon_row_can_fire(nlp):
    from redline.extract.event_features import lex_entry

    dead = []
    for lemma, pos, type_, *_ in _rows("event_lexicon.tsv"):
        assert lemma == lemma.lower().strip() and pos in _FRAMES, (lemma, pos)
        words = lemma.split(" ")
        fired = False
        if pos == "OBJ":
            for f in _FRAMES["OBJ"]:
                if any(t.lemma_.lower() == lemma and (t.lemma_.lower(), "OBJ") in lexicon() for t in nlp(f.format(w=lemma))):
                    fired = True
                    break
        elif pos == "VERB" and len(words) > 1:
            fired = True  # "verb particle/prep (noun)" and "verb object" keys are looked up from the parse
        else:
            for f in _FRAMES[pos]:
                doc = nlp(f.format(w=lemma))
                for t in doc:
                    e = lex_entry(t, pos)
                    if e is not None and e.lemma == lemma:
                        fired = True
                        break
                if fired:
                    break
            if not fired and pos == "NOUN" and len(words) > 1:
                fired = True  # "compound noun" keys ("air strike") come from the compound
        if not fired:
            dead.append((lemma, pos))
    assert not dead, dead
