"""The offline gazetteer: look-ups, ranking, and the packaged file being current."""

from __future__ import annotations

from pathlib import Path

from dragoman.kb.places import PLACES_FILE, Gazetteer, build_places, latin_names, load_gazetteer


def test_gazetteer_finds_city_by_name_with_country_and_coordinates() -> None:
    aleppo = load_gazetteer().lookup("Aleppo")[0]
    assert aleppo.country == "SYR"
    assert 35 < aleppo.lat < 37 and 36 < aleppo.lon < 38


def test_gazetteer_finds_city_by_alternate_name_accent_folded() -> None:
    assert load_gazetteer().lookup("Raqqah")[0].country == "SYR"
    assert load_gazetteer().lookup("sharm el-sheikh")[0].country == "EGY"


def test_gazetteer_ranks_own_name_then_population() -> None:
    tripolis = [p.country for p in load_gazetteer().lookup("Tripoli")]
    assert tripolis[:2] == ["LBY", "LBN"]


def test_gazetteer_latin_names_drop_other_scripts_and_codes() -> None:
    assert latin_names(["Halab", "حلب", "ALP", "alep", "Alep"]) == ["Halab", "Alep"]


def test_gazetteer_packaged_file_is_current(tmp_path: Path) -> None:
    built = tmp_path / PLACES_FILE
    build_places(built)
    packaged = load_gazetteer().path
    assert built.read_bytes() == packaged.read_bytes()
    assert len(Gazetteer(built)) == len(load_gazetteer())
