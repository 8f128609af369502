"""Entity labels the tables know better than the small English model.

The model tags about one country name in ten with another label on VOA news ("Mauritius"
and "Malawi" as persons, "Cameroon" as an organisation, "Ivory Coast" as a location), and
some cities and words likewise ("Goma" a person, "Brexit" a person). Every extractor reads
those labels (a recipient is a state only if it is a GPE), so they are corrected once, in
the parse, by the component :func:`fix_entity_labels` that runs after the recogniser:
an entity whose whole text is a country's name (``countries.tsv``), a city of the places'
alias table or a row of ``ner_fixes.tsv`` gets the label the table gives (``NONE`` drops
it). Entities that only contain such a name ("Jordan Peterson") keep theirs. A name
headed by a kind of storm or quake ("Tropical Cyclone Jude", tagged a person) is an EVENT;
an organisation's name ending in a word of a legal text ("the Maritime Traffic Safety
Law") is a LAW.
A country's name of several words that the model cuts or spreads over other entities
("Antigua" GPE + "Barbuda" PERSON, "The Government of Saint Kitts and" ORG) becomes one
GPE entity; an entity holding the whole name keeps its own ("the Bank of Trinidad and
Tobago").
"""
from __future__ import annotations

import functools

from .countries import all_country_aliases, country
from .tables import table, word_class_of

#: the labels a country's name may keep (a demonym the model calls NORP is right)
_STATE_LABELS = frozenset({"GPE", "NORP"})
_TIME_LABELS = frozenset({"DATE", "TIME"})


@functools.lru_cache(maxsize=1)
def hazard_words() -> frozenset[str]:
    """Kinds of storm, quake or fire that head a name ("Hurricane Helene")."""
    return word_class_of("actor_word_classes.tsv", "word", "natural_hazard")


@functools.lru_cache(maxsize=1)
def label_fixes() -> dict[str, str]:
    """Entity texts whose label is fixed: the rows of ``ner_fixes.tsv``, and the cities of
    the places' alias table (their names are places, whatever the small model says:
    "Goma" and "Sumy" tagged persons, "Mariupol" an organisation)."""
    fixes = {r["alias"]: "GPE" for r in table("places/aliases.tsv") if r["kind"] == "city"}
    fixes.update({r["text"]: r["label"] for r in table("ner_fixes.tsv")})
    return fixes


@functools.lru_cache(maxsize=1)
def legal_text_words() -> frozenset[str]:
    """Words that end the name of a law or treaty ("Safety Law", "Non-Proliferation Treaty")."""
    return word_class_of("actor_word_classes.tsv", "word", "legal_text")


def fixed_label(text: str, label: str) -> str:
    """The label an entity with this text should have (``NONE``: no entity)."""
    fix = label_fixes().get(text)
    if fix is not None:
        return fix
    words = text.lower().split()
    if len(words) > 1 and hazard_words().intersection(words[:-1]):
        return "EVENT"
    if label == "ORG" and len(words) > 1 and words[-1] in legal_text_words():
        return "LAW"  # "the Maritime Traffic Safety Law": a text, no organisation
    if label not in _STATE_LABELS:
        ref = country(text)
        if ref is not None and ref.kind in ("name", "alias"):
            return "GPE"
    return label


@functools.lru_cache(maxsize=1)
def _long_country_names() -> tuple[str, ...]:
    """Names and aliases of states of more than one word, as written in the tables."""
    return tuple(sorted({name for name, ref in all_country_aliases().items()
                         if ref.kind in ("name", "alias") and " " in name and "," not in name}))


def _country_name_spans(doc):
    """Spans of ``doc`` that are a state's name of several words (the longest where two
    overlap)."""
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    matcher = _matchers.get(doc.vocab)
    if matcher is None:
        # the English tokenizer the pipeline uses, so "Timor-Leste" is cut as in the text
        tokenizer = spacy.blank("en").tokenizer
        matcher = PhraseMatcher(doc.vocab)
        matcher.add("STATE", [Doc(doc.vocab, words=[t.text for t in tokenizer(n)])
                              for n in _long_country_names()])
        _matchers[doc.vocab] = matcher
    return filter_spans([doc[s:e] for _, s, e in matcher(doc)])


_matchers: dict = {}


def _whole_names(doc, ents):
    """``ents`` with every state's name of several words one GPE entity: entities inside
    the name or crossing its edge give way to it; one that holds the whole name stays."""
    names = [s for s in _country_name_spans(doc)
             if not any(e.start <= s.start and s.end <= e.end for e in ents)]
    if not names:
        return ents, False
    from spacy.tokens import Span

    kept = [e for e in ents if not any(e.start < s.end and s.start < e.end for s in names)]
    return sorted(kept + [Span(doc, s.start, s.end, label="GPE") for s in names], key=lambda e: e.start), True


def _leading_place(ent) -> int:
    """How many first tokens of a time entity are a place's name the tables know
    ("Odesa overnight", tagged TIME): 0 if none."""
    if ent.label_ not in _TIME_LABELS or len(ent) < 2:
        return 0
    for n in range(len(ent) - 1, 0, -1):
        if fixed_label(ent[:n].text, ent.label_) == "GPE":
            return n
    return 0


def fix_entity_labels(doc):
    """spaCy component: relabel (or drop) the entities :func:`fixed_label` corrects, and
    split a place's name from a time entity that swallowed it ("Odesa | overnight")."""
    from spacy.tokens import Span

    out, changed = [], False
    for ent in doc.ents:
        n = _leading_place(ent)
        if n:
            changed = True
            out += [Span(doc, ent.start, ent.start + n, label="GPE"), Span(doc, ent.start + n, ent.end, label=ent.label_)]
            continue
        label = fixed_label(ent.text, ent.label_)
        if label == ent.label_:
            out.append(ent)
            continue
        changed = True
        if label != "NONE":
            out.append(Span(doc, ent.start, ent.end, label=label))
    out, joined = _whole_names(doc, out)
    if changed or joined:
        doc.ents = out
    return doc
