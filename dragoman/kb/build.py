"""Rebuild the knowledge-base data files from the Phoenix dictionaries and the hand-curated files.

Run ``python -m dragoman.kb.build /path/to/kb-sources`` (the folder holding ``petrarch/``). The output is
deterministic: the same sources give byte-identical files. Hand-curated facts live in ``data/curated/`` and
win over Phoenix where both speak of the same actor (same id and country); regeneration never edits them.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from dragoman.kb import data_dir
from dragoman.kb.base import read_jsonl
from dragoman.kb.phoenix import CAMEO_TO_PLOVER, Entry, proper, read_actors, read_agents
from dragoman.kb.text import key, slug

#: a record's source when it comes from a Phoenix file (spelled out in SOURCES.md and NOTICE)
PHOENIX = "phoenix:{file}"
_ORG_WORDS = re.compile(
    r"\b(ARMY|FORCES?|PARTY|MINISTRY|COUNCIL|POLICE|COMMITTEE|FRONT|MOVEMENT|GOVERNMENT|ASSEMBLY|PARLIAMENT|"
    r"COURT|BANK|AGENCY|OFFICE|UNION|GUARD|SERVICE|CORPS|BRIGADES?|ORGANI[SZ]ATION|ALLIANCE|LEAGUE)\b"
)
_ROLE_TOKENS = {
    "SECRETARY", "SECRETARY-GENERAL", "SECRETARY_GENERAL", "GENERAL", "PRESIDENT", "UN", "U.N.", "UNITED",
    "NATIONS", "CHIEF", "HEAD", "DIRECTOR", "COMMISSIONER", "CHAIRMAN", "MINISTER", "SEC.", "GEN", "SECY",
    "NATO", "EU", "PRIME", "ENVOY", "AMBASSADOR", "SPOKESMAN",
}  # fmt: skip
_NOTE = re.compile(r"_?\([^)]*(\)|$)_?|_\d+(ST|ND|RD|TH)_TIME\b")
#: Phoenix people whose every office ended before this day are left out
STALE_BEFORE = "1980-01-01"
#: Phoenix IGO codes whose officials become offices of a curated organisation
IGO_CODES = {
    "IGOUNO": "UN", "IGOEUREEC": "EU", "IGOWSTNAT": "NATO", "IGOUNODEVWBK": "WB", "IGOBUSIMF": "IMF",
    "IGOUNOHLHWHO": "WHO", "IGOUNOIAE": "IAEA", "IGOUNOKID": "UNICEF", "IGOUNOREFHCR": "UNHCR",
    "IGOSEAASN": "ASEAN", "IGOAFROAU": "AU", "IGOMEAARL": "LAS", "IGOJUDICC": "ICC", "IGOUNOJUDICJ": "ICJ",
    "IGOBUSWTO": "WTO", "IGOBUSOPC": "OPEC", "IGOOAS": "OAS", "IGOUNOWFP": "WFP", "IGOUNOLABILO": "ILO",
    "IGOEURDEVEBR": "EBRD", "IGOASADEVADB": "ADB", "IGOUNOHRIHCH": "OHCHR",
}  # fmt: skip


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _sector(code: str) -> str | None:
    return CAMEO_TO_PLOVER.get(code[3:6]) if len(code) >= 6 else None


def _unique(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    seen = {key(item) for item in exclude}
    out = []
    for item in items:
        if item and key(item) not in seen:
            seen.add(key(item))
            out.append(item)
    return out


def _person_name(names: list[str]) -> tuple[str, list[str]]:
    # "TSAKHIAGIYN_ELBEGDORJ_(1ST_TIME)": the parenthesised note is not part of the name
    names = [_NOTE.sub("", name).strip("_ ") for name in names]
    plain = [name for name in names if name and not set(re.split(r"[_ ]+", name.upper())) & _ROLE_TOKENS]
    if not plain:
        return proper(names[0]), []
    return proper(plain[0]), [proper(name) for name in plain[1:]]


def _phoenix_people(entries: list[Entry], isos: set[str], file: str, igo: bool) -> list[dict[str, Any]]:
    people = []
    source = PHOENIX.format(file=file)
    for entry in entries:
        headword = entry.names[0].upper().replace("_", " ")
        if igo:
            if not any(code in IGO_CODES and (start or end) for code, start, end in entry.codes):
                continue
        elif _ORG_WORDS.search(headword) or (
            "CountryInfo" not in entry.comment and not 2 <= len(headword.split("_")) <= 4
        ):
            continue
        dated = [(code, start, end) for code, start, end in entry.codes if start or end]
        if not dated or all(len(code) <= 3 for code, _, _ in dated):
            continue
        offices = []
        for code, start, end in dated:
            of = IGO_CODES.get(code) if igo and code.startswith("IGO") else code[:3]
            if of is None or (not code.startswith("IGO") and of not in isos):
                continue
            # role and source are left out: the loader reads them as None and the record's source
            offices.append(
                {
                    "code": code,
                    "of": of,
                    "sector": None if code.startswith("IGO") else _sector(code),
                    "start": _iso(start),
                    "end": _iso(end),
                }
            )
        # people out of every office before STALE_BEFORE are rarely in the news the KB serves; dropping
        # them keeps the data small (about 1,500 people)
        if not offices or all(office["end"] and office["end"] < STALE_BEFORE for office in offices):
            continue
        national = [office for office in offices if office["of"] in isos] or offices
        latest = max(national, key=lambda office: office["start"] or office["end"] or "")
        name, aliases = _person_name(entry.names)
        people.append(
            {
                "id": slug(name),
                "kind": "person",
                "name": name,
                "country": latest["of"] if latest["of"] in isos else None,
                "sector": latest["sector"],
                "aliases": _unique(aliases, exclude=[name]),
                "offices": offices,
                "source": source,
            }
        )
    return people


def _merge_people(
    curated: list[dict[str, Any]], phoenix: list[dict[str, Any]], taken: set[str]
) -> list[dict[str, Any]]:
    """Curated people first; a Phoenix person with the same id and country adds aliases and coded offices."""
    people = {record["id"]: record for record in curated}
    for record in phoenix:
        known = people.get(record["id"])
        if known is not None and known.get("country") == record["country"]:
            known["aliases"] = _unique([*known["aliases"], *record["aliases"]], exclude=[known["name"]])
            known["offices"] = known["offices"] + record["offices"]
            for office in record["offices"]:
                office["source"] = record["source"]
            continue
        person_id = record["id"]
        if person_id in people or person_id in taken:
            person_id = f"{record['id']}-{(record['country'] or 'igo').lower()}"
        number = 2
        while person_id in people or person_id in taken:
            person_id, number = f"{record['id']}-{number}", number + 1
        people[person_id] = {**record, "id": person_id}
    for record in people.values():
        record["offices"].sort(
            key=lambda office: (office["start"] or office["end"] or "", office.get("role") or "")
        )
    return list(people.values())


def _groups(
    curated: list[dict[str, Any]], entries: list[Entry], isos: set[str], file: str
) -> list[dict[str, Any]]:
    taken = {key(name) for record in curated for name in [record["id"], record["name"], *record["aliases"]]}
    ids = {record["id"] for record in curated}
    groups = []
    for entry in entries:
        names: list[str] = []
        for raw in entry.names:
            acronym = re.search(r"\(([A-Z0-9-]+)\)", raw)
            names.append(proper(re.sub(r"_?\([^)]*\)_?", "", raw)))
            if acronym and len(acronym.group(1)) >= 3:  # two-letter ones ("AN") match too much
                names.append(acronym.group(1))
        if any(key(name) in taken for name in names):
            continue
        code = entry.codes[0][0]
        country = code[:3] if code[:3] in isos else None
        group_id = slug(names[0])
        if group_id in ids:
            continue
        ids.add(group_id)
        taken.update(key(name) for name in names)
        groups.append(
            {
                "id": group_id,
                "kind": "group",
                "name": names[0],
                "country": country,
                "sector": _sector(code) or ("REB" if code.startswith("IMG") else None),
                "aliases": _unique(names[1:], exclude=[names[0]]),
                "metonyms": [],
                "part_of": None,
                "source": PHOENIX.format(file=file),
            }
        )
    return groups


def _agents(curated: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    agents = {record["id"]: record for record in curated}
    source = PHOENIX.format(file=path.name.removeprefix("Phoenix.").removesuffix(".txt"))
    for noun, plurals, code in read_agents(path):
        sector = CAMEO_TO_PLOVER.get(code[:3])
        if sector is None or noun in agents or not noun:
            continue
        agents[noun] = {"id": noun, "forms": plurals, "cameo": code, "sector": sector, "source": source}
    return list(agents.values())


def _write(path: Path, records: Iterable[dict[str, Any]], sort_key: str = "id") -> int:
    rows = sorted(records, key=lambda record: (record[sort_key], record.get("of") or ""))
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for record in rows:
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(rows)


def build(sources: Path, target: Path | None = None) -> dict[str, int]:
    """Regenerate the data files in ``target`` (the packaged data folder by default); return counts."""
    target = target or data_dir()
    petrarch = sources / "petrarch"
    curated_dir = target / "curated"
    names = ("countries", "organizations", "people", "roles", "agents")
    curated = {name: list(read_jsonl(curated_dir / f"{name}.jsonl")) for name in names}
    countries = curated["countries"]
    isos = {record["id"] for record in countries}
    country_entries = list(read_actors(petrarch / "Phoenix.Countries.actors.txt"))
    # Phoenix's country variants are mostly misspellings, provinces and US state nicknames: the curated
    # countries file has the real names, so only Phoenix's people, groups and agents are converted.
    counts: dict[str, int] = {}
    international = list(read_actors(petrarch / "Phoenix.International.actors.txt"))
    phoenix_people = _phoenix_people(country_entries, isos, "Countries.actors", igo=False)
    phoenix_people += _phoenix_people(international, isos, "International.actors", igo=True)
    armed = list(read_actors(petrarch / "Phoenix.MilNonState.actors.txt"))
    groups = _groups(curated["organizations"], armed, isos, "MilNonState.actors")
    taken = isos | {record["id"] for record in [*curated["organizations"], *groups]}
    people = _merge_people(curated["people"], phoenix_people, taken)
    counts["countries"] = _write(target / "countries.jsonl", countries)
    counts["organizations"] = _write(target / "organizations.jsonl", [*curated["organizations"], *groups])
    counts["phoenix_groups"] = len(groups)
    counts["people"] = _write(target / "people.jsonl", people)
    counts["roles"] = _write(target / "roles.jsonl", curated["roles"], sort_key="role")
    counts["agents"] = _write(
        target / "agents.jsonl", _agents(curated["agents"], petrarch / "Phoenix.agents.txt")
    )
    return counts


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``python -m dragoman.kb.build SOURCES [TARGET]``."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stderr.write("usage: python -m dragoman.kb.build KB_SOURCES_DIR [DATA_DIR]\n")
        return 2
    counts = build(Path(args[0]), Path(args[1]) if len(args) > 1 else None)
    sys.stdout.write(json.dumps(counts, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
