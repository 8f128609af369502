"""The parse stage: subheadings glued to the text (``redline.parse.glued_headings``),
paragraph breaks (``redline.parse.paragraph_breaks``) and the lemmas the model gets wrong
(``lemma_fixes.tsv``)."""
from __future__ import annotations

from redline.model import Article
from redline.pipeline import analyse


def sentences(nlp, text):
    return [s.text for s in nlp(text).sents]


def test_quoted_subheading_is_its_own_sentence(nlp):
    text = ("The ban covers poetry and fiction. 'Hostility is directed at women' Maryam Rahimi "
            "believes her book was banned because a woman wrote it.")
    assert sentences(nlp, text) == [
        "The ban covers poetry and fiction.",
        "'Hostility is directed at women'",
        "Maryam Rahimi believes her book was banned because a woman wrote it."]


def test_curly_quoted_subheading_with_a_space_before_its_closing_mark(nlp):
    text = ("They meet each year. ‘We are very concerned ’ In a statement on Friday, the "
            "government said it had received no request.")
    sents = sentences(nlp, text)
    assert sents[1] == "‘We are very concerned ’"
    assert sents[2].startswith("In a statement")


def test_quotations_with_their_own_punctuation_or_at_the_start_stay_whole(nlp):
    # a quotation closed by a comma is followed by its attribution
    text = "He left early. “Once again we are ignored,” Bontemps told VOA."
    assert sentences(nlp, text) == ["He left early.", "“Once again we are ignored,” Bontemps told VOA."]
    # nothing ends before it: a headline's opening quotation is no subheading
    assert len(sentences(nlp, "'We will win' Putin said on Monday.")) == 1
    # a quoted phrase inside a sentence is not preceded by a sentence end
    assert len(sentences(nlp, "Officials called the plan 'a dead end' Monday.")) == 1


def test_subheading_no_longer_hides_the_speaker():
    # the speaker of the next sentence was lost in "women' Maryam Rahimi believes"
    text = ("Officials closed the library in March. 'Hostility is directed at women' Maryam Rahimi, "
            "an Afghan writer, said the Taliban fear any opposition.")
    a = analyse(Article(id="h", text=text))
    q = [q for q in a.quotes if "fear any opposition" in q.text]
    assert q and q[0].speaker is not None and "Rahimi" in (q[0].speaker.name or "")


def test_a_blank_line_ends_a_sentence(nlp):
    # the parser alone read these two paragraphs as one sentence whose subject was
    # "Nasir al-Wuhayshi. President Abdelaziz Bouteflika"
    text = ("Algeria's presidential office announced on Thursday that its five-day curfew would be lifted, "
            "after a six-week pause to allow the military to complete its search for fugitive Al Qaeda "
            "leader Nasir al-Wuhayshi.\n\nPresident Abdelaziz Bouteflika, who became president following "
            "the death of his long-time predecessor, lifted the state of emergency in Algeria last month.")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0].endswith("Nasir al-Wuhayshi.")
    assert sents[1].startswith("President Abdelaziz Bouteflika")
    # a single line break (wrapped plain text) is no paragraph: the sentence goes on
    wrapped = "The minister said on Monday that the\nborder would reopen next week."
    assert len(list(nlp(wrapped).sents)) == 1


def test_lemma_fixes_give_irregular_forms_their_verb(nlp):
    """Each form of ``lemma_fixes.tsv`` gets its lemma; other forms keep the model's."""
    from redline.tables import table

    rows = list(table("lemma_fixes.tsv"))
    assert rows
    for r in rows:
        doc = nlp(f"They {r['form']} it.")
        assert doc[1].lemma_ == r["lemma"], (r, doc[1].lemma_)
    assert nlp("They took it.")[1].lemma_ == "take"


def test_entity_labels_the_tables_know_are_corrected_in_the_parse():
    from redline.parse import parse

    doc = parse("Mauritius and Malawi signed a trade deal. Jordan Peterson spoke in Goma. Brexit was debated.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Mauritius") == "GPE" and labels.get("Malawi") == "GPE", labels
    assert labels.get("Goma") == "GPE", labels
    assert labels.get("Jordan Peterson") == "PERSON", labels  # a name holding a country's keeps its label
    assert "Brexit" not in labels, labels  # a NONE row drops the entity


def test_a_place_a_time_entity_swallowed_is_split_from_it():
    from redline.parse import parse

    doc = parse("Russia struck Odesa overnight, officials in Ukraine said.")
    assert [(e.text, e.label_) for e in doc.ents if e.text in ("Odesa", "overnight", "Odesa overnight")] == \
        [("Odesa", "GPE"), ("overnight", "TIME")]


def test_a_state_name_of_several_words_is_one_entity():
    # the model cuts names with "and" in them, or spreads them over other entities
    from redline.parse import parse

    doc = parse("The Government of Saint Kitts and Nevis lifted its curfew. "
                "A curfew was lifted in Antigua and Barbuda. The Central Bank of Trinidad and Tobago said so.")
    labels = [(e.text, e.label_) for e in doc.ents]
    assert ("Saint Kitts and Nevis", "GPE") in labels and ("Antigua and Barbuda", "GPE") in labels, labels
    assert not any(e.label_ == "PERSON" for e in doc.ents), labels
    # an entity holding the whole name keeps its own span and label
    held = [e for e in doc.ents if "Tobago" in e.text]
    assert len(held) == 1 and held[0].text.endswith("Trinidad and Tobago"), labels


def test_a_law_the_model_calls_an_organisation_is_a_law():
    from redline.parse import parse

    doc = parse("The committee voted to amend the Maritime Traffic Safety Law. The Government of National "
                "Accord asked Turkey for help.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("the Maritime Traffic Safety Law", labels.get("Maritime Traffic Safety Law")) == "LAW", labels
    # a body whose name ends in "Accord" stays an organisation
    assert any("National Accord" in t and lab == "ORG" for t, lab in labels.items()), labels
