"""Reading the Phoenix dictionaries, and the packaged data being what the build makes of them."""

from __future__ import annotations

import filecmp
from datetime import date
from pathlib import Path

import pytest

from dragoman.kb import data_dir
from dragoman.kb.build import build, slug
from dragoman.kb.phoenix import phoenix_date, proper, read_actors, read_agents

SOURCES = Path(__file__).resolve().parents[3] / "shared" / "kb-sources"


def test_phoenix_date_century_rule() -> None:
    assert phoenix_date("031031") == date(2003, 10, 31)
    assert phoenix_date("410101") == date(1941, 1, 1)
    assert phoenix_date("20070101") == date(2007, 1, 1)
    assert phoenix_date("2004017") is None


def test_proper_names() -> None:
    assert proper("ILHAM_ALIYEV_") == "Ilham Aliyev"
    assert proper("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert proper("EGYPT'S_REVOLUTION") == "Egypt's Revolution"


def test_slug() -> None:
    assert slug("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slug("C5+1") == "c5+1"


def test_read_actors_entries(tmp_path: Path) -> None:
    path = tmp_path / "x.actors.txt"
    path.write_text(
        "# comment\nILHAM_ALIYEV_  # CountryInfo.txt\n+ILHAM_ALIEV_\n"
        "\t[AZEELI 780101-030804]\n\t[AZEGOV >031031]\n"
        "HEYDAR_ALIYEV_\n\t[AZEGOV 930624-031031]\n",
        encoding="utf-8",
    )
    first, second = read_actors(path)
    assert first.names == ["ILHAM_ALIYEV", "ILHAM_ALIEV"]
    assert first.codes == [
        ("AZEELI", date(1978, 1, 1), date(2003, 8, 4)),
        ("AZEGOV", date(2003, 10, 31), None),
    ]
    assert second.names == ["HEYDAR_ALIYEV"]


def test_read_agents_expands_macros(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text("!PERSON! = MAN, WOMAN\nPOLICE {} [~COP]\nCLERGY!PERSON! [~REL]\n", encoding="utf-8")
    assert list(read_agents(path)) == [
        ("police", [], "COP"),
        ("clergyman", [], "REL"),
        ("clergywoman", [], "REL"),
    ]


@pytest.mark.skipif(not SOURCES.is_dir(), reason="needs ../shared/kb-sources")
def test_packaged_data_is_what_the_build_makes(tmp_path: Path) -> None:
    (tmp_path / "curated").mkdir()
    for curated in (data_dir() / "curated").iterdir():
        (tmp_path / "curated" / curated.name).write_bytes(curated.read_bytes())
    build(SOURCES, tmp_path)
    for name in ("countries.jsonl", "organizations.jsonl", "people.jsonl", "roles.jsonl", "agents.jsonl"):
        assert filecmp.cmp(tmp_path / name, data_dir() / name, shallow=False), f"{name} is stale: rebuild it"
