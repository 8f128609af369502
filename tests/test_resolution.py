"""The resolution passes (``redline.extract.resolution``) and the mention repairs of
``redline.extract.actors``, each on sentences written for it. Names are invented
unless the test is about a known office-holder."""
from __future__ import annotations

import pytest

from redline.extract.org_kinds import org_kind


def person(article, surname):
    hits = [e for e in article.entities if e.type == "PERSON" and surname in e.name]
    assert hits, f"no person named {surname}: {[(e.name, e.type) for e in article.entities]}"
    return hits[0]


def entity(article, name):
    hits = [e for e in article.entities if e.name == name]
    assert hits, f"no entity {name}: {[(e.name, e.type) for e in article.entities]}"
    return hits[0]


def _actor_of_phrase(nlp, text: str, phrase: str):
    """The actor ``index.actor`` gives the first occurrence of ``phrase`` in ``text``, after
    the resolution passes."""
    index = _resolved_index(nlp, text)
    s = text.index(phrase)
    return index.actor(s, s + len(phrase))


def _resolved_index(nlp, text: str):
    """The entity index of ``text`` after the resolution passes (as the pipeline runs them)."""
    from redline.extract import actors, places, resolution

    doc = nlp(text)
    ents = actors.extract_entities(doc)
    index = actors.EntityIndex(ents, doc)
    resolution.resolve_entities(doc, ents, places.extract_places(doc, ents), "2025-03-14", index)
    return index


@pytest.mark.parametrize("text, surname, country, evidence", [
    # a nationality in an apposition, either way round, or before a role
    ("Lena Vogt, a German national, said the border had been closed for days.", "Vogt", "DEU",
     "descriptor:nationality"),
    ("One of the best-known bloggers is a Russian internet celebrity, Pavel Orlov, who lives abroad.",
     "Orlov", "RUS", "descriptor:nationality"),
    ("Israeli businessman Dov Harel founded the company in 2016.", "Harel", "ISR", None),
    # a known organisation's code beats where it sits
    ("Anna Kowalski, a spokesperson for NATO, said the alliance would respond.", "Kowalski", "IGO", None),
    # a think tank of the organisations table, named with "of" (not the story's state)
    ("Albania's opposition protested. \"The timing is not good,\" said Janusz Bugajski of the Jamestown "
     "Foundation.", "Bugajski", "NGO", "descriptor:organisation"),
    # an unknown organisation: what it is, or where it is
    ("Tom Reyes, a senior fellow at the Atlantic Policy Institute, said the talks had stalled.",
     "Reyes", "NGO", "descriptor:organisation-kind"),
    ("Sara Lind, an analyst at the political risk consultancy Harbor Risk, said shipping would suffer.",
     "Lind", "MNC", "descriptor:organisation-kind"),
    ("Grace Achieng, a professor at Makerere University in Uganda, said the study was small.",
     "Achieng", "UGA", "descriptor:organisation-place"),
    # the apposition of a name the person is "known as"
    ("Among them is Gerald Kowalski, known also as Jerry Gao, an American who has risen to popularity in "
     "China.", "Kowalski", "USA", "descriptor:nationality"),
    # an organisation's head noun says what it is ("a center for ... consultancy")
    ("Jan Berisha, vice chairman of the Zurich-based Balkan Center for Studies and Legal Consultancy, "
     "said it was wrong.", "Berisha", "NGO", "descriptor:organisation-kind"),
    # ... and so does the predicate of a copular relative clause, at the first mention or later
    ("Omar Haddad, who is Syrian, said the border had been closed.", "Haddad", "SYR", "descriptor:nationality"),
    ("A man named Tarik Mehdiyev drove to the border on Monday. Guards stopped the car of Mehdiyev at "
     "night. Police questioned Mehdiyev for hours. Mehdiyev, who is Azerbaijani, said he had done nothing "
     "wrong.", "Mehdiyev", "AZE", "descriptor:nationality"),
    # an apposition at a later mention, when the first mentions say nothing
    ("The son of jailed publisher Tam Wing-kei spoke in Washington. Tam's lawyers met officials. Tam's "
     "family waited. Tam, a businessman and founder of a newspaper in Hong Kong, denies the charges.",
     "Tam", "HKG", "descriptor:place"),
    # the predicate of a copula describes its subject
    ("Tomas Varga is a senior fellow at the Danube Policy Institute.", "Varga", "NGO", None),
    ("Abdi Farah was among the first refugees from Somalia to arrive.", "Farah", "SOM", "descriptor:place"),
    # a place in the description
    ("Li Wei, a media commentator based in Hong Kong, said online spaces matter.", "Wei", "HKG",
     "descriptor:place"),
    ("Marta Rossi, governor of the Veneto region, told reporters the hospitals were full.", "Rossi", "ITA",
     "descriptor:place"),
    # the aide of an office-holder
    ("President Vladimir Putin's adviser, Ivan Sorokin, said the offer stood.", "Sorokin", "RUS",
     "descriptor:possessor"),
    # a demonym qualifying the cause in a role ("women's rights activist") is the
    # person's nationality, before the kind of the group the person leads
    # an ethnic demonym names a people, not a citizenship; a former post in a state's own
    # body still places the person
    ("Hassan Omar, a former deputy speaker in Kenya's parliament and an ethnic Somali, said the camps "
     "must stay open.", "Omar", "KEN", None),
    # a committee or campaign *for* a cause is an advocacy group, wherever it works
    ("Ana Silva, president of the Campaign for Clean Rivers in Brazil, said the dam must go.", "Silva",
     "NGO", "descriptor:organisation-kind"),
    # the organisation of a past post is no longer the person's
    ("Former NATO spokesperson Tomas Varga said the alliance was slow. Varga, who is Hungarian, now "
     "teaches in Vienna.", "Varga", "HUN", "descriptor:nationality"),
    ("Ada Okafor, a Ghanaian children's rights advocate and head of the Safe Futures Initiative, said "
     "schools must reopen.", "Okafor", "GHA", "descriptor:nationality"),
    # the post held ("who served as ...") describes the person as an apposition would
    ("Steve Biegun, who served as the State Department's special representative for North Korea, was "
     "confirmed on Monday.", "Biegun", "USA", "descriptor:organisation"),
    # a university named for a great city or a region is in that city's or region's state
    ("Indonesia's schools are failing, said Ian Rosser, a University of Melbourne professor.", "Rosser",
     "AUS", "descriptor:organisation-place"),
    ("Russian media are adapting, said Ivan Gatov, a media analyst at the University of Southern "
     "California.", "Gatov", "USA", "descriptor:organisation-place"),
    # ... but not one named for a word that is only another name of a city ("Soul" for Seoul)
    ("Zimbabwe's courts adjourned, said Tendai Moyo, a journalist with Heart and Soul Television.", "Moyo",
     "ZWE", None),
    # a state after "for"/"to" in a title before the name is the post's portfolio
    ("U.N. Resident Coordinator for Myanmar Andrew Kirkwood said the violence had increased.", "Kirkwood",
     "UNO", None),
    ("The U.N. special envoy for Syria Lars Hansen said talks would resume.", "Hansen", "UNO", None),
    # a U.S. party and state tag after the name, in a story about another state
    ("Iran tested a missile on Monday. Maria Lopez (D-Calif.) said new sanctions were ready.", "Lopez",
     "USA", "title"),
    # a nationality on the title beats the state a body's common name suggests
    ("Kannavee Suebsang, a Thai opposition lawmaker and deputy chair of the House of Representatives "
     "Committee on Legal Affairs, said the deportation was illegal.", "Suebsang", "THA", None),
])

def test_descriptor_pass(analyse_text, text, surname, country, evidence):
    p = person(analyse_text(text), surname)
    assert p.country == country
    if evidence:
        assert p.evidence == evidence


@pytest.mark.parametrize("text,surname", [
    ("Mark Lambert, who was the special envoy for North Korea, took up a role in New York.", "Lambert"),
    ("Laura Stone, the ambassador to China, met students on Friday.", "Stone"),
])
def test_a_place_a_post_is_for_is_not_the_holders(analyse_text, text, surname):
    # (a lone sentence's story state may still place them; the post's place does not)
    assert person(analyse_text(text), surname).evidence != "descriptor:place"


def test_a_destination_is_still_a_place(analyse_text):
    art = analyse_text("Shamsa Mohamed Aden was among the refugees who voluntarily returned in 2017 to Kismayo, "
                       "her southeastern Somali hometown.")
    assert person(art, "Aden").country == "SOM"


def test_a_country_name_before_an_experts_title_is_not_a_nationality(analyse_text):
    art = analyse_text("Iran analyst Omid Farahani said the tanker had turned off its transponder. "
                       "Farahani works in London.")
    assert person(art, "Farahani").country != "IRN"


def test_coordinated_persons_share_the_lists_description(analyse_text):
    art = analyse_text("Three members of the U.S. Senate — Mark Holt, Jane Perry and Tom Vance — wrote "
                       "to the ambassador on Monday.")
    for surname in ("Holt", "Perry", "Vance"):
        assert person(art, surname).country == "USA", surname


def test_titles_of_one_states_institutions(analyse_text):
    art = analyse_text("Secretary of State Marcus Bell said the sanctions on Iran would stay.")
    p = person(art, "Bell")
    assert (p.country, p.evidence) == ("USA", "title")


def test_a_us_party_tag_outweighs_a_place_in_the_sentence(analyse_text):
    # "(D-N.J.)" names the state whatever places the sentence names
    art = analyse_text("Corker teamed up with Sens. Alma Rydell (D-N.J.) and Carl Voss (R-Fla.), who opposed "
                       "the deal with Tehran, to introduce the bill on Iran.")
    assert person(art, "Rydell").country == "USA" and person(art, "Voss").country == "USA"


def test_a_states_own_bodies_place_the_story(analyse_text):
    # no U.S. place is named, but Congress and the Senate are American: the unmarked
    # doctor is of the story's state, not of the one a "British journal" names
    art = analyse_text(
        "Mehmet Kaya, a television doctor, has been called a charlatan by fellow physicians.\n\n"
        "He has been investigated by Congress for promoting weight loss pills, and the Senate held a hearing.\n\n"
        "More than half of his advice is wrong, according to a top British medical journal.\n\n"
        "His show was a safe space for the candidate, said Ellen Marsh, a doctor who studied it.")
    assert person(art, "Marsh").country == "USA"


def test_newsroom_reporters_belong_to_the_news_organisation(analyse_text):
    art = analyse_text("Fighting resumed near the border with Chad, officials said. "
                       "Kate Lindqvist of VOA's English service contributed to this report.")
    p = person(art, "Lindqvist")
    assert (p.country, p.evidence) == ("USA", "newsroom")
    # the outlet of the contributors' own sentence, not another one the story cites
    art = analyse_text("Seoul said talks would resume, Reuters reported. Lee Joen and Ahn So-young contributed "
                       "to this report, which originated on VOA Korean.")
    assert person(art, "Joen").country == "USA"


@pytest.mark.parametrize("text, surname, country", [
    # a state office-holder takes the state named just before
    ("Kenya said it would reopen the camp. Interior Minister Joseph Kamau said the decision was final.",
     "Kamau", "KEN"),
    # ... the story's own state when several are named
    ("Lithuania summoned Russia's ambassador on Thursday after two drones crashed, the ministry said.\n\n"
     "\u201cThis is a provocation,\u201d Foreign Minister Ona Petrenaite told reporters.", "Petrenaite", "LTU"),
])
def test_nearby_pass(analyse_text, text, surname, country):
    assert person(analyse_text(text), surname).country == country


def test_an_unmarked_resident_takes_the_storys_country(analyse_text):
    art = analyse_text("Gunmen attacked a market in Mogadishu, Somalia, on Tuesday, killing six people. "
                       "Somali police said the attackers fled.\n\n"
                       "\u201cWe ran for our lives,\u201d said Ahmed Nur Warsame, a trader who saw the attack.")
    p = person(art, "Warsame")
    assert p.country == "SOM"


def test_known_office_holder_from_the_knowledge_base(analyse_text):
    art = analyse_text("Vladimir Putin said the talks were useful.", published="2024-05-01")
    p = person(art, "Putin")
    assert (p.country, p.sector) == ("RUS", "GOV")


def test_an_unknown_name_stays_unresolved(analyse_text):
    # nothing in the text says where Quill is from, and the story names no state
    art = analyse_text("Jonah Quill said the weather had turned.")
    assert person(art, "Quill").country is None


def test_country_names_are_countries_whatever_the_models_label(analyse_text):
    art = analyse_text("Burkina Faso, Mali and Niger withdrew from the Economic Community of West "
                       "African States in January.")
    for name, code in (("Burkina Faso", "BFA"), ("Mali", "MLI"), ("Niger", "NER")):
        e = entity(art, name)
        assert (e.type, e.country) == ("GPE", code)
    assert entity(art, "Economic Community of West African States").country == "IGO"


def test_a_span_cutting_a_known_name_is_repaired(analyse_text):
    art = analyse_text("The Constitutional Court of Bosnia and Herzegovina ruled against the law, "
                       "which the assembly in Banja Luka had passed.")
    names = {e.name: e for e in art.entities}
    court = next(e for n, e in names.items() if n.startswith("Constitutional Court"))
    assert court.name.endswith("Herzegovina") and court.country == "BIH"
    assert "Herzegovina" not in names
    assert all(e.type != "PERSON" for e in art.entities if "Banja" in e.name)


def test_names_read_from_their_frame(analyse_text):
    art = analyse_text("The delegation includes Defense Minister Rustem Umerov and senior aides.")
    p = person(art, "Umerov")
    assert p.name == "Rustem Umerov"


def test_acronym_definition_names_one_entity(analyse_text):
    art = analyse_text("Somalia's National Intelligence and Security Agency (NISA) said 20 fighters were "
                       "killed. NISA added that others fled.")
    orgs = [e for e in art.entities if e.type == "ORG"]
    nisa = next(e for e in orgs if e.name == "National Intelligence and Security Agency")
    assert [m.text for m in nisa.mentions].count("NISA") == 2
    assert nisa.country == "SOM"
    assert not any(e.name == "NISA" for e in orgs)


def test_unqualified_security_nouns_take_the_storys_state(nlp):
    text = ("Militants stormed a hotel in Beledweyne, Somalia, on Friday. Security forces ended the "
            "siege after ten hours.")
    actor = _actor_of_phrase(nlp, text, "Security forces")
    assert (actor.country, actor.sector) == ("SOM", "COP")


@pytest.mark.parametrize("phrase, sector", [
    ("the kidnappers", "CRM"),   # criminals of the story's state
    ("the schoolgirls", "CVL"),  # its civilians
    ("prison guards", "COP"),
    ("the victims", "CVL"),
    ("city council members", "LEG"),
    ("restaurant owners", "BUS"),   # local businesses
    ("criminal groups", "CRM"),
    ("security sources", "COP"),  # anonymous officials
    ("the Kurdish-led administration", "GOV"),  # a modifier that places no one
])
def test_unqualified_group_nouns_take_the_storys_state(nlp, phrase, sector):
    text = ("Gunmen abducted pupils from a school in Zamfara, Nigeria, on Friday. Officials said "
            f"{phrase} were seen near the forest.")
    actor = _actor_of_phrase(nlp, text, phrase)
    assert (actor.country, actor.sector) == ("NGA", sector)


@pytest.mark.parametrize("words, code", [
    (["German", "Marshall", "Fund"], "NGO"),
    (["Control", "Risks"], "MNC"),
    (["Koya", "University"], "LOCATED"),
    (["Ministry", "of", "Defense"], "LOCATED"),
    (["Apple"], None),
])
def test_org_kind_table(words, code):
    assert org_kind(words) == code


def test_a_users_actor_file_adds_a_person(analyse_text, tmp_path, monkeypatch):
    from redline import knowledge

    text = "Kaveh Tarani met the delegation in Geneva. Tarani said the offer was fair."
    before = person(analyse_text(text), "Tarani")
    assert before.country != "IRN"
    path = tmp_path / "mine.tsv"
    path.write_text("kind\tname\taliases\tcountry\tsector\trole\tstart\tend\n"
                    "person\tKaveh Tarani\t\tIRN\tGOV\tdeputy foreign minister\t2024-01-01\t\n",
                    encoding="utf-8")
    monkeypatch.setenv("REDLINE_ACTORS", str(path))
    knowledge.reload()
    try:
        after = person(analyse_text(text, published="2025-02-01"), "Tarani")
        assert (after.country, after.sector, after.kb) == ("IRN", "GOV", "Kaveh Tarani")
        # out of office before the row's start date: the country holds, the sector does not
        earlier = person(analyse_text(text, published="2023-02-01"), "Tarani")
        assert earlier.country == "IRN" and earlier.sector != "GOV"
    finally:
        monkeypatch.delenv("REDLINE_ACTORS")
        knowledge.reload()


def test_a_persons_initials_are_that_person(analyse_text):
    art = analyse_text("Crown Prince Khalid bin Rashid, known by his initials KBR, met the envoy. "
                       "KBR said the talks went well.")
    p = person(art, "Rashid")
    assert p.name == "Khalid bin Rashid" and p.role == "Crown Prince"
    assert "KBR" in [m.text for m in p.mentions]
    assert not any(e.name == "KBR" for e in art.entities)


def test_a_definite_plural_goes_back_to_the_same_noun_qualified(nlp):
    text = ("Iranian officials rejected the plan on Monday. Later the officials warned of retaliation, "
            "and the group's leaders met.")
    actor = _actor_of_phrase(nlp, text, "the officials")
    assert actor is not None and actor.country == "IRN"


def test_dateline_agency_and_place_frames(analyse_text):
    art = analyse_text("KHARTOUM, May 2 (Sahel Wire) - Drones struck near the border town of Kornoi, "
                       "officials said.")
    assert not any("Sahel Wire" in e.name or e.name == "Sahel" and e.type == "PERSON" for e in art.entities)
    art = analyse_text("Lithuania summoned the ambassador after drones crashed near the border town of "
                       "Druskininkai, the ministry said.")
    assert all(e.type != "PERSON" for e in art.entities if "Druskininkai" in e.name)


def test_an_organisation_named_by_its_kind_is_no_person(analyse_text):
    art = analyse_text("Beverly Ochieng, a senior analyst at geopolitical risk consultancy Control Risks, "
                       "agreed. Andrew Lebovich of the Dutch international affairs think tank Clingendael said "
                       "the plots matter.")
    for name in ("Control Risks", "Clingendael"):
        hits = [e for e in art.entities if e.name == name]
        assert hits and hits[0].type == "ORG", [(e.name, e.type) for e in art.entities]


def test_its_forces_are_the_clause_subjects(nlp):
    text = ("Turkey offered to mediate. Russia's defence ministry said its forces had struck "
            "military targets in the port.")
    actor = _actor_of_phrase(nlp, text, "its forces")
    assert actor is not None and (actor.country, actor.sector) == ("RUS", "MIL")


def test_a_definite_description_is_a_mention_of_the_named_organisation(analyse_text):
    text = ("The International Court of Justice opened hearings on Monday. The court's president, Judge "
            "Mira Castell, rejected Kenya's request. The court regrets the decision, she said.")
    art = analyse_text(text)
    court = entity(art, "International Court of Justice")
    assert [m.text for m in court.mentions if m.kind == "descriptor"] == ["The court", "The court"]
    # the person the description qualifies takes the organisation's code
    assert person(art, "Castell").country == court.country == "UNO"


def test_a_qualified_or_unnamed_description_stays_apart(analyse_text):
    text = ("The Supreme Court of Kenya ruled on Monday. A regional court in Mombasa had ruled "
            "earlier. The ministry said it would appeal.")
    art = analyse_text(text)
    court = entity(art, "Supreme Court")
    assert [m.text for m in court.mentions if m.kind == "descriptor"] == []


@pytest.mark.parametrize("phrase", ["rights groups", "Aid agencies", "a humanitarian organization",
                                    "Non-governmental organizations", "Nongovernmental organisations", "NGOs"])
def test_a_non_governmental_kind_of_group_is_coded_ngo(nlp, phrase):
    text = f"Floods hit Malawi on Monday. {phrase} said they had reached 2,000 families."
    assert _actor_of_phrase(nlp, text, phrase).country == "NGO"


@pytest.mark.parametrize("phrase, sector", [("Thousands of Kenyan teachers", "EDU"),
                                           ("Hundreds of Kenyan soldiers", "MIL")])
def test_a_count_of_people_is_of_what_it_counts(nlp, phrase, sector):
    text = f"Floods hit Kenya on Monday. {phrase} were sent to the coast."
    actor = _actor_of_phrase(nlp, text, phrase)
    assert (actor.country, actor.sector) == ("KEN", sector)


@pytest.mark.parametrize("text, phrase, country", [
    ("Floods hit Grenada on Monday. The country declared a state of emergency.", "The country", "GRD"),
    ("Protests spread in Venezuela. The nation accused Colombia of meddling.", "The nation", "VEN"),
    # a modifier says which country: not the last one named
    ("Protests spread in Venezuela. The Gulf country accused Colombia of meddling.", "The Gulf country", None),
])
def test_the_country_as_a_subject_is_the_state_named_last(nlp, text, phrase, country):
    actor = _actor_of_phrase(nlp, text, phrase)
    assert (actor.country if actor is not None else None) == country


def test_governmental_organizations_are_no_ngos(nlp):
    # the three-word key wants its "non": the state's own bodies are no NGOs
    text = "Floods hit Malawi on Monday. Governmental organizations said they had reached 2,000 families."
    actor = _actor_of_phrase(nlp, text, "Governmental organizations")
    assert actor is None or actor.country != "NGO"


def test_a_bodys_name_repeated_in_full_is_the_same_body_however_far_back(analyse_text):
    filler = " ".join(["Fishermen in the region say catches have fallen for years."] * 30)
    text = ("Vietnam filed its claim with the U.N. Commission on the Limits of the Continental Shelf in May. "
            + filler + " \"The Commission on the Limits of the Continental Shelf must reject that claim,\" "
            "Chinese Ambassador Li Qiang told reporters.")
    art = analyse_text(text)
    un = [e for e in art.entities if e.country == "UNO"]
    # the name the model cuts after "Commission" is one body's name, and its repetition is
    # a mention of that body
    assert len(un) == 1 and sum("Limits" in m.text for m in un[0].mentions) == 2
    assert any(e.type == "REQUEST" and {a.country for a in e.target} == {"UNO"} for e in art.events)


@pytest.mark.parametrize("text, name, country", [
    ("The Japan Coast Guard said a foreign vessel entered the waters.", "Coast Guard", "JPN"),
    ("The Kenya Wildlife Service arrested two poachers on Monday.", "Wildlife Service", "KEN"),
    ("Chinese Coast Guard ships sailed into the disputed waters.", "Coast Guard", "CHN"),
])
def test_a_state_named_right_before_an_organisation_is_its_state(analyse_text, text, name, country):
    # the NER reads "Japan" as a place and "Coast Guard" as an organisation of no country
    assert entity(analyse_text(text), name).country == country



def test_is_state_on_every_code_a_country_column_can_hold():
    # the resolution passes test ``is_state(code)`` where they tested ``code and code not in
    # NON_STATE``: the same on every code they can meet, for every country column of the
    # data tables (like the knowledge base's user rows, checked on reading) holds a
    # three-letter code
    from redline.extract.resolution import NON_STATE, is_state
    from redline.tables import table

    assert is_state("KEN") and is_state("XKX")
    assert not any(is_state(c) for c in (*NON_STATE, None, ""))
    for name in ("countries.tsv", "organisations.tsv", "people.tsv", "title_countries.tsv",
                 "places/aliases.tsv", "actors/people.tsv", "actors/current_officeholders.tsv",
                 "actors/organisations.tsv", "actors/organisations_hand.tsv", "actors/regions.tsv",
                 "actors/regions_hand.tsv"):
        rows = table(name)
        col = "iso3" if "iso3" in rows[0] else "country"
        odd = {r[col] for r in rows if r[col] and len(r[col]) != 3}
        assert not odd, (name, odd)


def test_an_organisation_a_relative_clause_inside_an_apposition_tells_of_is_no_affiliation():
    from redline.model import Article
    from redline.pipeline import analyse
    a = analyse(Article(id="x", text="Among them is Gerald Kowal, an American who has risen to popularity in China "
                                     "after an interview with state-owned CCTV in 2020. Kowal had been posting videos."))
    kowal = next(e for e in a.entities if e.name == "Gerald Kowal")
    assert kowal.country == "USA", (kowal.country, kowal.sector)


def test_a_relative_clause_that_gives_the_post_still_places_the_person():
    from redline.model import Article
    from redline.pipeline import analyse
    a = analyse(Article(id="x", text="\"It will threaten its neighbours,\" said James Acton, a physicist who is "
                                     "co-director of the Nuclear Policy Program at the Carnegie Endowment for "
                                     "International Peace. North Korea tested a missile."))
    acton = next(e for e in a.entities if e.name == "James Acton")
    assert acton.country == "NGO", (acton.country, acton.evidence)


def test_officers_of_the_court_belong_to_the_state_whose_court_tries_the_case():
    from redline.model import Article
    from redline.pipeline import analyse
    text = ("Two men went on trial in a federal court in New York on Tuesday, accused of a plot ordered by Iran. "
            "During opening statements, federal prosecutor Jacob Gutwillig said Tehran offered to pay the men "
            "$500,000. The men's lawyer, Michael Perkins, said the evidence was circumstantial. Iran denied any role "
            "and Iranian officials in Tehran called the case baseless.")
    a = analyse(Article(id="x", text=text))
    by_name = {e.name: e for e in a.entities}
    assert by_name["Jacob Gutwillig"].country == "USA", by_name["Jacob Gutwillig"].evidence
    assert by_name["Michael Perkins"].country == "USA", by_name["Michael Perkins"].evidence


def test_a_demonym_before_a_noun_of_expertise_is_its_subject_not_a_nationality():
    from redline.model import Article
    from redline.pipeline import analyse
    a = analyse(Article(id="x", text="\"No further engagement is planned,\" said Joshua Pollack, a North Korean "
                                     "expert at the Middlebury Institute of International Studies in California."))
    assert next(e for e in a.entities if e.name == "Joshua Pollack").country != "PRK"
    # an analyst's demonym is still a nationality
    a = analyse(Article(id="x", text="\"The talks failed,\" said Li Wei, a Chinese analyst at Renmin University."))
    assert next(e for e in a.entities if e.name == "Li Wei").country == "CHN"


def test_a_famous_surname_alone_is_known(analyse_text):
    # "Obama" with no first name in a story about Iran is the American president
    art = analyse_text("New Iran sanctions bill lacks support.\n\nObama has said he would veto any bill that "
                       "undermines the nuclear deal with Tehran, and Iran warned against new sanctions.")
    assert person(art, "Obama").country == "USA"


@pytest.mark.parametrize("text, name, code", [
    # a think tank the text places has that state's code; one it only names is NGO, and a
    # state in its name or before it says what it studies, not where it is
    ("Huseyin Bagci, an analyst at the Foreign Policy Institute, a think tank in Ankara, disagreed.",
     "Huseyin Bagci", "TUR"),
    ("Joshua Pollack, an expert at the Middlebury Institute of International Studies in California, agreed.",
     "Joshua Pollack", "USA"),
    ("Steven Pifer, a senior fellow at the Brookings Institution, said the talks would fail.",
     "Steven Pifer", "NGO"),
    ("Alexander Gabuev, director of the Berlin-based Carnegie Russia Eurasia Center, said Moscow would wait.",
     "Alexander Gabuev", "NGO"),
    ("Mareike Ohlberg, a senior fellow at the German Marshall Fund, said Beijing would wait.",
     "Mareike Ohlberg", "NGO"),
    ('"It was a mistake," said Huseyin Bagci of the Foreign Policy Institute, a think tank in Ankara.',
     "Huseyin Bagci", "TUR"),
    ("Jian Badrakhan, vice chairman of the Germany-based Kurdish Center for Studies, said Damascus would wait.",
     "Jian Badrakhan", "NGO"),
])
def test_a_think_tanks_code_is_where_the_text_puts_it_else_ngo(analyse_text, text, name, code):
    art = analyse_text("Russia and Ukraine held talks in Istanbul on Monday. " + text)
    person = entity(art, name)
    assert person.country == code, (person.country, person.organisation)


def test_a_name_the_recogniser_cut_short_still_takes_its_of_phrase(analyse_text):
    # spaCy's entity is "Enrique Pena" (without "Nieto"); "of Mexico" hangs on "Nieto"
    a = analyse_text("The declaration was signed by King Jigme Khesar Namgyel Wangchuck of Bhutan, "
                     "President Enrique Pena Nieto of Mexico and Prime Minister Narendra Modi of India.")
    pena = next(e for e in a.entities if e.name.startswith("Enrique Pena"))
    assert pena.country == "MEX", (pena.name, pena.country)
