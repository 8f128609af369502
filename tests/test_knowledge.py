"""The actor knowledge base (redline.knowledge) and its builder (redline build actors)."""
from __future__ import annotations

import filecmp
from datetime import date

import pytest

from redline import countries, knowledge
from conftest import shared_path


@pytest.fixture
def user_file(tmp_path, monkeypatch):
    """Write a user actor file, point REDLINE_ACTORS at it, and clean up the caches."""
    def write(text: str, name: str = "mine.tsv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(knowledge.ENV_VAR, str(path))
        knowledge.reload()
        return path

    yield write
    monkeypatch.delenv(knowledge.ENV_VAR, raising=False)
    knowledge.reload()


# --------------------------------------------------------------------------- persons
def test_putin_is_russian_government_in_2024():
    assert knowledge.person_aliases()["Putin"] == "Vladimir Putin"
    country, sector, role = knowledge.person_code("Vladimir Putin", "2024-03-01")
    assert (country, sector) == ("RUS", "GOV")
    assert "President" in role


def test_former_president_is_not_government():
    assert knowledge.person_code("Joe Biden", "2024-06-01")[:2] == ("USA", "GOV")
    country, sector, role = knowledge.person_code("Joe Biden", date(2026, 1, 1))
    assert (country, sector) == ("USA", "ELI")
    assert role.startswith("former ")
    # The handover day belongs to the successor.
    assert knowledge.person_code("Joe Biden", "2025-01-20")[1] == "ELI"
    assert knowledge.person_code("Donald Trump", "2025-01-20")[1] == "GOV"
    assert knowledge.person_code("Donald Trump", "2023-01-01")[1] == "ELI"


def test_spells_follow_the_date():
    assert knowledge.person_code("Ahmed al-Sharaa", "2024-01-01")[1] == "REB"
    assert knowledge.person_code("Ahmed al-Sharaa", "2025-06-01")[:2] == ("SYR", "GOV")
    assert knowledge.person_code("Mike Waltz", "2025-03-01")[2] == "National Security Adviser"
    # With no date, the latest spell.
    assert knowledge.person_code("Marco Rubio")[:2] == ("USA", "GOV")
    assert knowledge.person_code("Nobody Atall", "2024") is None


def test_aliases_and_facts():
    aliases = knowledge.person_aliases()
    for alias in ("Zelenskyy", "Zelensky", "Volodymyr Zelenskyy"):
        assert aliases[alias] == "Volodymyr Zelensky"
    assert aliases["Witkoff"] == "Steve Witkoff"
    assert knowledge.person_code("Steve Witkoff", "2025-05-01")[:2] == ("USA", "GOV")
    facts = knowledge.person_facts("Joe Biden")
    assert facts and all(isinstance(f, knowledge.PersonFact) for f in facts)
    assert any(f.end == "2025-01-20" for f in facts)


def test_stale_open_spell_is_cut_by_a_newer_source():
    # PETRARCH2 (2014) leaves Merkel in office; the hand table ends it in 2021.
    assert knowledge.person_code("Angela Merkel", "2020")[1] == "GOV"
    assert knowledge.person_code("Angela Merkel", "2024")[1] == "ELI"
    # Open spells of the generated sources are trusted only a few years past them.
    assert knowledge.person_code("Francois Hollande", "2016")[1] == "GOV"
    assert knowledge.person_code("Francois Hollande", "2024")[1] == "ELI"


# --------------------------------------------------------------------------- organisations, regions, agents
@pytest.mark.parametrize("text, country, sector", [
    ("al-Shabab", "SOM", "REB"), ("Al-Shabaab", "SOM", "REB"), ("Baloch Liberation Army", "PAK", "REB"),
    ("Rapid Support Forces", "SDN", "REB"), ("RSF", "SDN", "REB"), ("the Houthis", "YEM", "REB"),
    ("Islamic State", "IMG", "REB"), ("M23", "COD", "REB"), ("TTP", "PAK", "REB"),
    ("ECOWAS", "IGO", "GOV"), ("Economic Community of West African States", "IGO", "GOV"),
    ("UNHCR", "UNO", "REF"), ("IAEA", "UNO", "GOV"), ("MSF", "NGO", "MED"),
    ("Xinhua", "CHN", "JRN"), ("Republicans", "USA", "PTY"), ("the Kremlin", "RUS", "GOV"),
])
def test_organisations(text, country, sector):
    ref = countries.organisation(text)
    assert ref is not None, text
    assert (ref.country, ref.sector) == (country, sector)


def test_hand_table_wins_over_generated():
    # data/organisations.tsv codes the Taliban as Afghanistan's government.
    assert countries.organisation("Taliban").sector == "GOV"
    assert "ECOWAS" in countries.all_org_aliases()


@pytest.mark.parametrize("text, iso3, kind", [
    ("Republika Srpska", "BIH", "region"), ("Balochistan", "PAK", "region"), ("Puntland", "SOM", "region"),
    ("the Donbas", "UKR", "region"), ("Gaza Strip", "PSE", "region"), ("Darfur", "SDN", "region"),
    ("Tigray", "ETH", "region"), ("Xinjiang", "CHN", "region"), ("Downing Street", "GBR", "metonym"),
])
def test_regions(text, iso3, kind):
    name, country, k = knowledge.region(text)
    assert (country, k) == (iso3, kind)
    assert text.removeprefix("the ") in knowledge.all_region_aliases()


def test_agents():
    agents = knowledge.agent_sectors()
    assert agents["diplomat"] == ("GOV", True)  # data/sectors.tsv wins, with its title flag
    assert agents["security forces"][0] == "COP"
    assert agents["militants"][0] == "REB"
    assert agents["judges"][0] == "JUD"


# --------------------------------------------------------------------------- user files
USER = (
    "# my actors\n"
    "kind\tname\taliases\tcountry\tsector\trole\tstart\tend\n"
    "person\tZorana Testic\tTestic\tSRB\tGOV\tMinister of Tests\t2025-02-01\t\n"
    "person\tVladimir Putin\t\tRUS\tMIL\tTest override\t2024-01-01\t2024-12-31\n"
    "organisation\tFront for Testing\tFFT\tSRB\tREB\t\t\t\n"
    "region\tTestovina\t\tSRB\t\tregion\t\t\n"
    "agent\ttesters\t\t\tEDU\t\t\t\n"
)


def test_user_file_rows_are_picked_up(user_file):
    user_file(USER)
    assert knowledge.person_aliases()["Testic"] == "Zorana Testic"
    assert knowledge.person_code("Zorana Testic", "2025-06-01") == ("SRB", "GOV", "Minister of Tests")
    assert knowledge.person_code("Zorana Testic", "2024-06-01")[1] == "ELI"
    # User rows win over the packaged ones for the dates they cover.
    assert knowledge.person_code("Vladimir Putin", "2024-06-01")[1] == "MIL"
    assert knowledge.person_code("Vladimir Putin", "2025-06-01")[1] == "GOV"
    assert countries.organisation("FFT").country == "SRB"
    assert knowledge.region("Testovina") == ("Testovina", "SRB", "region")
    assert knowledge.agent_sectors()["testers"] == ("EDU", False)


@pytest.mark.parametrize("row, message", [
    ("person\tNo Country\t\t\tGOV\t\t\t", "needs a country"),
    ("thing\tX\t\tSRB\t\t\t\t", "kind 'thing'"),
    ("person\tBad Date\t\tSRB\tGOV\t\t2025-13-01\t", "start '2025-13-01'"),
    ("person\tToo Many\t\tSRB\tGOV\t\t\t\textra", "9 fields"),
])
def test_malformed_user_row_names_file_and_line(user_file, row, message):
    path = user_file("kind\tname\taliases\tcountry\tsector\trole\tstart\tend\n"
                     "person\tFine Row\t\tSRB\tGOV\t\t\t\n" + row + "\n")
    with pytest.raises(knowledge.ActorFileError) as exc:
        knowledge.person_aliases()
    assert f"{path}:3:" in str(exc.value)
    assert message in str(exc.value)


def test_missing_user_file(user_file, monkeypatch, tmp_path):
    monkeypatch.setenv(knowledge.ENV_VAR, str(tmp_path / "absent.tsv"))
    knowledge.reload()
    with pytest.raises(knowledge.ActorFileError, match="absent.tsv"):
        knowledge.check_user_files()


# --------------------------------------------------------------------------- builder
def test_build_is_deterministic(tmp_path):
    from redline.training.actors_kb import build

    source = shared_path("data", "actors")
    a, b = tmp_path / "a", tmp_path / "b"
    report = build(source, a)
    build(source, b)
    assert report.files["people.tsv"] > 10000
    for name in report.files:
        assert filecmp.cmp(a / name, b / name, shallow=False), name
        head = (a / name).read_text(encoding="utf-8")[:1500]
        assert "MIT" in head and "source" in head


def test_build_missing_source(tmp_path):
    from redline.cli import main

    assert main(["build", "actors", "--source", str(tmp_path / "nowhere"), "--out", str(tmp_path)]) == 2


def test_petrarch_dates():
    from redline.training.actors_kb import decode_date, parse_codes, proper_case, split_code

    assert decode_date("991231") == "1999-12-31"
    assert decode_date("080507") == "2008-05-07"
    assert decode_date("19270101") == "1927-01-01"
    codes = parse_codes("[RUSGOV 991231-080507] [AFGGOV >011222] [USAELI <061231] [ELI]")
    assert [(c.code, c.start, c.end) for c in codes] == [
        ("RUSGOV", "1999-12-31", "2008-05-07"), ("AFGGOV", "2001-12-22", ""),
        ("USAELI", "", "2006-12-31"), ("ELI", "", "")]
    assert split_code("IGOWAFBUSWAS")[:2] == ("IGO", "GOV")
    assert split_code("USAGOVLEG")[:2] == ("USA", "LEG")
    assert proper_case("BASHAR_AL-ASSAD_") == "Bashar al-Assad"


def test_user_file_without_header(user_file):
    path = user_file("person\tZorana Testic\t\tSRB\tGOV\t\t\t\n")
    with pytest.raises(knowledge.ActorFileError, match=f"{path}:1: the header line lacks"):
        knowledge.check_user_files()


def test_analyse_text_with_user_actors(tmp_path, monkeypatch):
    import redline

    path = tmp_path / "mine.tsv"
    path.write_text("kind\tname\taliases\tcountry\tsector\trole\tstart\tend\n"
                    "person\tZorana Testic\tTestic\tSRB\tGOV\tMinister of Tests\t2025\t\n", encoding="utf-8")
    monkeypatch.setattr(knowledge, "_user_files", ())
    try:
        art = redline.analyse_text("Zorana Testic said on Monday that the talks had failed.",
                                   published="2025-06-01", actors=[path])
        person = [e for e in art.entities if e.name == "Zorana Testic"]
        assert person and person[0].country == "SRB"
    finally:
        knowledge._user_files = ()
        knowledge.reload()


def test_iso_inverted_names_are_known_by_their_head():
    # "Micronesia, Federated States of" is written "Micronesia"; a head two states share
    # ("Korea, Republic of") names neither, and one that is a state's own name keeps it
    assert countries.country("Micronesia").iso3 == "FSM"
    assert countries.country("Korea") is None
    assert countries.country("Iran").iso3 == "IRN"


def test_every_sector_an_actor_table_uses_is_a_sector_code():
    """A sector written in any actor table must be one of ``sector_codes.tsv``, whose kinds
    the coders read (a typo such as 'MLI' would silently make an actor non-political)."""
    import csv
    from pathlib import Path

    from redline import plover

    data = Path(plover.DATA)
    codes = {r["code"] for r in plover._rows("sector_codes.tsv")}
    used = {}
    for path in [data / "sectors.tsv", data / "organisations.tsv", *sorted((data / "actors").glob("*.tsv"))]:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            if row.get("sector"):
                used.setdefault(row["sector"], path.name)
    assert used, "no sector read: the tables' layout changed"
    assert {s: f for s, f in used.items() if s not in codes} == {}


def test_sector_kinds_are_nested():
    from redline.plover import sectors_with

    political = sectors_with("political")
    assert sectors_with("state") <= political and sectors_with("armed") <= political
    assert "JRN" not in political  # the newsroom's reporting is no political act
    assert {"MIL", "REB", "PRM"} <= sectors_with("armed") and "GOV" not in sectors_with("armed")
    with pytest.raises(KeyError):
        sectors_with("friendly")
