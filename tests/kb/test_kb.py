"""The knowledge base: loading, lookup, office holders, roles and agents (the seed article's expectations)."""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from dragoman.errors import KnowledgeBaseError
from dragoman.kb import Candidate, KnowledgeBase, data_dir, load_kb
from dragoman.kb.base import DATA_FILES


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _ids(candidates: list[Candidate]) -> list[str]:
    return [candidate.actor_id for candidate in candidates]


def test_load_is_fast_and_data_small() -> None:
    started = time.perf_counter()
    KnowledgeBase(data_dir())
    assert time.perf_counter() - started < 3.0  # about 0.5 s on a laptop; slack for slow CI machines
    size = sum((data_dir() / name).stat().st_size for name in DATA_FILES)
    assert size < 6_000_000


def test_load_kb_is_cached() -> None:
    assert load_kb() is load_kb()


def test_data_files_sorted_by_id_and_sourced() -> None:
    for name in ("countries.jsonl", "organizations.jsonl", "people.jsonl", "agents.jsonl"):
        records = [json.loads(line) for line in (data_dir() / name).read_text(encoding="utf-8").splitlines()]
        ids = [record["id"] for record in records]
        assert ids == sorted(ids), name
        assert all(record.get("source") for record in records), name


def test_every_country_has_iso3_id_and_a_name(kb: KnowledgeBase) -> None:
    countries = [actor for actor in kb.actors() if actor.kind == "country"]
    assert len(countries) >= 249
    for country in countries:
        assert len(country.id) == 3 and country.id.isupper() and country.country == country.id
        assert country.name and (country.aliases or kb.lookup(country.name))
    for iso in ("XKX", "PSE", "TWN"):
        assert kb.actor(iso) is not None


@pytest.mark.parametrize(
    ("text", "actor_id", "via"),
    [
        ("Baku", "AZE", "capital"),
        ("Türkiye", "TUR", "name"),
        ("Turkiye", "TUR", "name"),
        ("Turkey", "TUR", "historical"),
        ("Azerbaijani", "AZE", "demonym"),
        ("U.S.", "USA", "acronym"),
        ("the United States", "USA", "name"),
        ("Washington", "USA", "capital"),
        ("the Kremlin", "RUS", "seat"),
        ("Downing Street", "GBR", "seat"),
        ("UN Security Council", "UNSC", "alias"),
        ("the Board of Peace", "board-of-peace", "name"),
        ("Non-Aligned Movement", "NON-ALIGNED", "name"),
        ("Baku Initiative Group", "BIG", "name"),
        ("C5+1", "C5+1", "acronym"),
        ("Central Asian Countries’ Consultative Meeting", "central-asia-consultative-meeting", "alias"),
        ("Daesh", "ISIS", "alias"),
        ("Kyiv", "UKR", "capital"),
        ("Kiev", "UKR", "capital"),
    ],
)
def test_lookup_finds_actor(kb: KnowledgeBase, text: str, actor_id: str, via: str) -> None:
    assert (actor_id, via) in [(candidate.actor_id, candidate.via) for candidate in kb.lookup(text)]


def test_lookup_brussels_is_ambiguous(kb: KnowledgeBase) -> None:
    assert _ids(kb.lookup("Brussels")) == ["BEL", "EU"]


def test_lookup_seat_carries_sector(kb: KnowledgeBase) -> None:
    assert kb.lookup("the White House") == [Candidate("USA", "seat", "GOV")]
    assert kb.lookup("the Pentagon") == [Candidate("USA", "seat", "MIL")]


def test_lookup_short_acronyms_are_case_sensitive(kb: KnowledgeBase) -> None:
    assert _ids(kb.lookup("US")) == ["USA"]
    assert kb.lookup("us") == []
    assert "UN" in _ids(kb.lookup("UN"))
    assert kb.lookup("un") == []
    assert _ids(kb.lookup("baku")) == ["AZE"]  # longer names are not


def test_lookup_surname_prefers_people_with_dated_offices(kb: KnowledgeBase) -> None:
    assert kb.lookup("Trump")[0] == Candidate("donald-trump", "surname")
    assert kb.lookup("Aliyev")[0] == Candidate("ilham-aliyev", "surname")
    assert kb.lookup("Assad")[0].actor_id == "bashar-al-assad"


@pytest.mark.parametrize(
    ("role", "of", "on", "expected"),
    [
        ("president", "USA", date(2026, 1, 20), "donald-trump"),
        ("president", "USA", date(2022, 1, 1), "joe-biden"),
        ("president", "USA", date(2021, 1, 20), "joe-biden"),
        ("president", "USA", date(2018, 6, 1), "donald-trump"),
        ("president", "AZE", date(2026, 1, 20), "ilham-aliyev"),
        ("leader", "AZE", date(2026, 1, 20), "ilham-aliyev"),
        ("leader", "GBR", date(2023, 1, 1), "rishi-sunak"),
        ("premier", "GBR", date(2020, 1, 1), "boris-johnson"),
        ("head of state", "GBR", date(2023, 1, 1), "charles-iii"),
        ("chancellor", "DEU", date(2026, 1, 20), "friedrich-merz"),
        ("leader", "IRN", date(2026, 1, 20), "ali-khamenei"),
        ("secretary-general", "UN", date(2026, 1, 20), "antonio-guterres"),
        ("secretary general", "NATO", date(2026, 1, 20), "mark-rutte"),
    ],
)
def test_holders_on_date(kb: KnowledgeBase, role: str, of: str, on: date, expected: str) -> None:
    holders = kb.holders(role, of, on)
    assert holders and holders[0].id == expected


def test_holders_none_before_office(kb: KnowledgeBase) -> None:
    assert kb.holders("president", "SYR", date(2025, 1, 1)) == []


def test_roles_and_descriptions(kb: KnowledgeBase) -> None:
    assert kb.role("Premier") == "prime minister"
    assert kb.role("leader") == "leader"
    assert kb.role("troops") is None
    assert kb.role_description("the occupant of the Oval Office") == ("president", "USA")
    assert kb.role_description("president") == ("president", None)
    assert ("occupant of the oval office", "president", "USA") in kb.role_phrases()


@pytest.mark.parametrize(
    ("noun", "sector"),
    [("troops", "MIL"), ("minister", "GOV"), ("ministers", "GOV"), ("police", "COP"), ("rebels", "REB")],
)
def test_agent_sector(kb: KnowledgeBase, noun: str, sector: str) -> None:
    assert kb.agent_sector(noun) == sector


def test_agent_sector_unknown(kb: KnowledgeBase) -> None:
    assert kb.agent_sector("teapot") is None


@pytest.mark.parametrize(
    ("text", "iso"), [("Azerbaijani", "AZE"), ("U.S.", "USA"), ("American", "USA"), ("Chinese", "CHN")]
)
def test_country_by_adjective(kb: KnowledgeBase, text: str, iso: str) -> None:
    assert kb.country_by_adjective(text) == iso


def test_country_by_adjective_shared_is_none(kb: KnowledgeBase) -> None:
    assert kb.country_by_adjective("Congolese") is None


def test_patterns_have_ontonotes_labels(kb: KnowledgeBase) -> None:
    patterns = set(kb.patterns())
    assert ("Azerbaijan", "GPE") in patterns
    assert ("Azerbaijani", "NORP") in patterns
    assert ("Donald Trump", "PERSON") in patterns
    assert ("Board of Peace", "ORG") in patterns
    assert {label for _, label in patterns} <= {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}


def test_stats_counts(kb: KnowledgeBase) -> None:
    stats = kb.stats()
    assert stats["country"] >= 249 and stats["person"] > 10_000 and stats["offices_with_role"] > 400


def test_bad_data_file_names_the_line(tmp_path) -> None:
    for name in DATA_FILES:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "roles.jsonl").write_text('{"role": "x"}\nnot json\n', encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"roles\.jsonl:2"):
        KnowledgeBase(tmp_path)


def test_lookup_old_state_names_and_adjectives(kb: KnowledgeBase) -> None:
    assert kb.country_by_adjective("Soviet") == "RUS"
    assert kb.country_by_adjective("West German") == "DEU"
    assert kb.lookup("Czechoslovakia")[0] == Candidate("CZE", "historical", None)


def test_lookup_region_is_its_country_as_a_place(kb: KnowledgeBase) -> None:
    assert kb.lookup("the West Bank")[0] == Candidate("PSE", "region", None)
    assert kb.country_by_adjective("Darfur") is None  # a region names no country on its own


def test_surname_after_particle_is_indexed_both_ways(kb: KnowledgeBase) -> None:
    for form in ("al-Bashir", "al Bashir", "Bashir"):
        assert "omar-hassan-ahmad-al-bashir" in {c.actor_id for c in kb.lookup(form)}


@pytest.mark.parametrize(("text", "expected"), [("Afganistan", "AFG"), ("Quatar", "QAT"), ("Gambela", None)])
def test_country_like_reads_misspelt_names(kb: KnowledgeBase, text: str, expected: str | None) -> None:
    assert kb.country_like(text) == expected
