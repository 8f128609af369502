"""Places: gazetteer resolution, disambiguation, false positives, the seed article."""
from __future__ import annotations

import pytest

from redline.extract.places import extract_places


def places_of(nlp, text, entities=None):
    return extract_places(nlp(text), entities or [])


def find(ps, text):
    hits = [p for p in ps if p.text == text]
    assert hits, f"{text!r} not among {[p.text for p in ps]}"
    return hits[0]


def test_country_city_and_coordinates(nlp):
    ps = places_of(nlp, "Choe Son-hui traveled to Moscow after talks in North Korea.")
    moscow = find(ps, "Moscow")
    assert (moscow.country, moscow.kind) == ("RUS", "city")
    assert abs(moscow.lat - 55.75) < 0.5 and abs(moscow.lon - 37.6) < 0.5
    nk = find(ps, "North Korea")
    assert (nk.country, nk.kind, nk.name) == ("PRK", "country", "North Korea")
    assert nk.lat is not None  # the capital's coordinates


def test_region_phrase_resolves_to_the_subdivision(nlp):
    ps = places_of(nlp, "Reports placed North Korean troops in the Kursk region of Russia.")
    kursk = find(ps, "the Kursk region")
    assert (kursk.name, kursk.country, kursk.kind) == ("Kursk Oblast", "RUS", "region")
    assert abs(kursk.lat - 51.7) < 0.5 and abs(kursk.lon - 36.2) < 0.5


@pytest.mark.parametrize("name,country", [
    ("Balochistan", "PAK"), ("Borno", "NGA"), ("Cabo Delgado", "MOZ"), ("Helmand", "AFG"), ("Tigray", "ETH")])
def test_a_subdivisions_bare_name_is_a_place_of_its_country(nlp, name, country):
    p = find(places_of(nlp, f"Fighting was reported in {name} on Monday."), name)
    assert (p.country, p.kind) == (country, "region")


@pytest.mark.parametrize("text", [
    "Somali forces attacked the camp.", "Rivers flooded the town.", "Unity is needed, he said."])
def test_words_and_peoples_named_like_subdivisions_are_no_places(nlp, text):
    assert places_of(nlp, text) == []


def test_aliases(nlp):
    ps = places_of(nlp, "America is watching, Britain is watching, and the U.S. and NATO allies wait.")
    assert find(ps, "America").country == "USA"
    assert find(ps, "Britain").country == "GBR"
    assert find(ps, "the U.S.").country == "USA"


def test_georgia_the_us_state_among_us_places(nlp):
    ps = places_of(nlp, "Trump campaigned in Ohio and Florida on Monday, then flew to Georgia.")
    g = find(ps, "Georgia")
    assert (g.country, g.kind) == ("USA", "region")


def test_georgia_the_country_near_tbilisi(nlp):
    ps = places_of(nlp, "Russian troops remain in Georgia, and protesters gathered in Tbilisi.")
    g = find(ps, "Georgia")
    assert (g.country, g.kind) == ("GEO", "country")


def test_paris_texas_versus_paris(nlp):
    ps = places_of(nlp, "The storm hit Paris, Texas, on Sunday.")
    assert find(ps, "Paris").country == "USA"
    ps = places_of(nlp, "Leaders met in Paris to discuss the climate deal.")
    assert find(ps, "Paris").country == "FRA"


def test_kyiv_is_a_place_even_when_the_model_calls_it_a_person(nlp):
    ps = places_of(nlp, "Seoul's arms supplies to Kyiv will depend on it.")
    assert find(ps, "Kyiv").country == "UKR"
    assert find(ps, "Seoul").country == "KOR"


@pytest.mark.parametrize("text, absent", [
    ("Dickinson is the publisher of Business Ukraine and Lviv Today.", {"Ukraine", "Lviv"}),
    ("The sitting U.S. President Joe Biden said he was concerned.", {"U.S."}),
    ("The American Civil Liberties Union of Ohio filed suit.", {"Ohio"}),
    ("A retired general works at the Brussels-based Egmont Foundation.", {"Brussels", "the Brussels"}),
    ("Senator Elizabeth Warren questioned the CEO.", {"Warren"}),
])
def test_not_places(nlp, text, absent):
    assert not {p.text for p in places_of(nlp, text)} & absent


def test_vague_regions_and_nesting(nlp):
    ps = places_of(nlp, "Russia moved soldiers to areas near Ukraine and struck targets deep within Russian territory.")
    near = find(ps, "areas near Ukraine")
    assert near.kind == "vague_region"
    assert find(ps, "Ukraine").country == "UKR"
    assert find(ps, "Russian territory").country == "RUS"


def test_macro_regions_and_facilities(nlp):
    ps = places_of(nlp, "The alliance worries about Europe and the Indo-Pacific region, says the Kremlin.")
    assert find(ps, "Europe").kind == "continent"
    assert find(ps, "the Indo-Pacific region").name == "Indo-Pacific"
    assert find(ps, "the Kremlin").kind == "facility"


def test_seed_article_places_match_the_gold(seed_article, seed_gold):
    pred = {(p.start, p.end): p for p in seed_article.places}
    gold = {(g["start"], g["end"]): g for g in seed_gold["locations"]}
    missing = [g["text"] for k, g in gold.items() if k not in pred]
    assert not missing
    wrong_country = [g["text"] for k, g in gold.items()
                     if g["type"] in ("country", "city", "region") and pred[k].country != g["iso3"]]
    assert not wrong_country
    precision = sum(1 for k in pred if k in gold) / len(pred)
    assert precision >= 0.9
