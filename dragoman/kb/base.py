"""The loaded knowledge base: actors by id, and the indexes the linker queries.

Built once per process by :func:`dragoman.kb.load_kb` from the JSON-lines files in ``dragoman/kb/data/``
(see ``SOURCES.md`` there for what each holds). Every query is a dictionary look-up on a normalised key
(:func:`dragoman.kb.text.key`), so linking costs nothing beyond the load.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dragoman.errors import KnowledgeBaseError
from dragoman.kb.model import VIA_ORDER, Actor, Candidate, Office
from dragoman.kb.text import is_acronym, key

#: the files a knowledge base is loaded from, in load order
DATA_FILES = ("countries.jsonl", "organizations.jsonl", "people.jsonl", "roles.jsonl", "agents.jsonl")

#: the files whose records are actors
ACTOR_FILES = frozenset(DATA_FILES[:3])

#: roles that stand for "whoever holds the top office", resolved per country or organisation
GENERIC_ROLES = ("leader", "head of state", "head of government")

_KIND_ORDER = {"country": 0, "igo": 1, "organization": 2, "group": 3, "person": 4, "location": 5}
_VIA_RANK = {via: rank for rank, via in enumerate(VIA_ORDER)}
#: misspelt country names: the shortest text compared, and the least similarity accepted
_MIN_FUZZY = 5
_FUZZY_CUTOFF = 0.88
#: surnames that are also common English words: indexed only for people with a dated, named office
_COMMON_WORDS = (
    "may major said day time long little white black green young king power rice case price love hope rose "
    "well bell hall hill wood field strong good best mark grant rich frank cash early law ward street more "
    "new brown gray grey english french north south west east moon sun page lane park star stone"
)
_WORD_SURNAMES = frozenset(_COMMON_WORDS.split())
_INVERT_DIGITS = str.maketrans("0123456789", "9876543210")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_ARTICLE_PREFIXES = ("al-", "el-", " al ", "el ")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON-lines file, translating errors into :class:`KnowledgeBaseError`."""
    for _, record in read_lines(path):
        yield record


def read_lines(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield each line of a JSON-lines file with its object (errors as :class:`KnowledgeBaseError`)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeBaseError(f"{path}: cannot read the knowledge-base file ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield line, json.loads(line)
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(f"{path}:{number}: not a JSON object ({exc.msg})") from exc


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _office(office: dict[str, Any], record: dict[str, Any]) -> Office:
    return Office(
        role=office.get("role"),
        of=office["of"],
        start=_day(office.get("start")),
        end=_day(office.get("end")),
        sector=office.get("sector"),
        source=office.get("source") or record.get("source", ""),
        uncertain=bool(office.get("uncertain", False)),
        code=office.get("code"),
    )


def surnames(name: str) -> list[str]:
    """The surname forms a person may be called by alone ("Bashar al-Assad" → "al-Assad", "Assad")."""
    tokens = [token for token in name.split() if token.casefold() not in _SUFFIXES]
    if len(tokens) < 2:
        return []
    last = tokens[-1]
    forms = []
    if len(tokens) >= 3 and tokens[-2].casefold() in {"al", "el", "bin", "ibn", "van", "von", "de"}:
        # "Omar Hassan al Bashir" is "al Bashir", "al-Bashir" and "Bashir"
        forms.append(last)
        last = f"{tokens[-2]} {last}"
    forms.insert(0, last)
    for prefix in _ARTICLE_PREFIXES:
        if last.casefold().startswith(prefix) and len(last) > len(prefix) + 2:
            forms.append(last[len(prefix) :])
    return [form for form in forms if sum(ch.isalpha() for ch in form) >= 3]


class KnowledgeBase:
    """Actors, their names and offices, the role vocabulary and the agent nouns, indexed for linking."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lines: dict[str, str] = {}
        self._counts: dict[str, int] = defaultdict(int)
        self._kinds: dict[str, str] = {}
        self._actors: dict[str, Actor] = {}
        self._index: dict[str, dict[tuple[str, str | None], str]] = defaultdict(dict)
        self._patterns: dict[tuple[str, str], None] = {}
        self._offices: dict[tuple[str, str], list[tuple[Office, str]]] = defaultdict(list)
        self._top_roles: dict[str, dict[str, list[str]]] = {}
        self._demonyms: dict[str, set[str]] = defaultdict(set)
        self._country_words: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._roles: dict[str, str] = {}
        self._role_kinds: dict[str, str] = {}
        self._descriptions: dict[str, tuple[str, str | None]] = {}
        self._phrases: list[tuple[str, str, str]] = []
        self._agents: dict[str, str] = {}
        self._agent_count = 0
        self._prominence: dict[str, tuple[int, str]] = {}
        self._alias_count = 0
        for name in DATA_FILES:
            path = data_dir / name
            loader = getattr(self, f"_load_{name.removesuffix('.jsonl')}")
            for line, record in read_lines(path):
                try:
                    loader(record)
                    if name in ACTOR_FILES:
                        # keep the line, not the parsed object: a str is a tenth of the memory of its dict
                        self._lines[record["id"]] = line
                except (KeyError, TypeError, ValueError) as exc:
                    raise KnowledgeBaseError(f"{path}: bad record {record.get('id')!r} ({exc!r})") from exc

    # -- loading ---------------------------------------------------------------------------------

    def _add(self, text: str, actor_id: str, via: str, label: str, sector: str | None = None) -> None:
        if not text:
            return
        entries = self._index[key(text)]
        slot = (actor_id, sector)
        known = entries.get(slot)
        if known is None or _VIA_RANK[via] < _VIA_RANK[known]:
            entries[slot] = via
        if via != "surname":
            # spaCy's entity spans leave out the article: "the White House" → "White House"
            bare = text[4:] if text[:4].lower() == "the " else text
            self._patterns[(bare, label)] = None

    def _add_actor(self, record: dict[str, Any], label: str) -> str:
        # Actors are built on first request (``actor()``): most of the 18,000 are never asked for, and
        # building their offices up front would triple the load time.
        actor_id = record["id"]
        if actor_id in self._kinds:
            raise ValueError(f"duplicate actor id {actor_id}")
        self._kinds[actor_id] = record["kind"]
        self._counts[record["kind"]] += 1
        self._counts["offices"] += len(record.get("offices", ()))
        name = record["name"]
        self._add(name, actor_id, "acronym" if is_acronym(name) else "name", label)
        aliases = record.get("aliases", ())
        for alias in aliases:
            self._add(alias, actor_id, "acronym" if is_acronym(alias) else "alias", label)
        self._alias_count += len(aliases)
        for past in record.get("historical", ()):
            self._add(past["name"], actor_id, "historical", label)
        for metonym in record.get("metonyms", ()):
            via = metonym["type"]
            self._add(
                metonym["text"], actor_id, via, "FAC" if via == "seat" else "GPE", metonym.get("sector")
            )
        for role_kind, roles in record.get("roles", {}).items():
            self._top_roles.setdefault(actor_id, {})[role_kind] = list(roles)
        return actor_id

    def _build(self, record: dict[str, Any]) -> Actor:
        return Actor(
            id=record["id"],
            kind=record["kind"],
            name=record["name"],
            country=record.get("country"),
            sector=record.get("sector"),
            aliases=tuple(record.get("aliases", ())),
            offices=tuple(_office(office, record) for office in record.get("offices", ())),
        )

    def _load_countries(self, record: dict[str, Any]) -> None:
        actor_id = self._add_actor(record, "GPE")
        for demonym in record.get("demonyms", ()):
            self._add(demonym, actor_id, "demonym", "NORP")
            self._demonyms[key(demonym)].add(actor_id)
        names = [record["name"], *record.get("aliases", ()), *record.get("demonyms", ())]
        names += [past["name"] for past in record.get("historical", ())]
        for name in names:
            folded = key(name)
            if len(folded) >= _MIN_FUZZY:
                self._country_words[folded[0]][folded].add(actor_id)

    def _load_organizations(self, record: dict[str, Any]) -> None:
        self._add_actor(record, "ORG")

    def _load_people(self, record: dict[str, Any]) -> None:
        actor_id = self._add_actor(record, "PERSON")
        latest = ""
        named = 0
        for raw in record.get("offices", ()):
            if raw.get("role") is not None:
                named += 1
                office = _office(raw, record)
                assert office.role is not None
                self._offices[(office.role, office.of)].append((office, actor_id))
            latest = max(latest, raw.get("end") or "9999", raw.get("start") or "")
        self._prominence[actor_id] = (named, latest)
        for surname in surnames(record["name"]):
            if named or surname.casefold() not in _WORD_SURNAMES:
                self._add(surname, actor_id, "surname", "PERSON")

    def _load_roles(self, record: dict[str, Any]) -> None:
        role = record["role"]
        if record.get("of"):
            for alias in record["aliases"]:
                self._descriptions[key(alias)] = (role, record["of"])
                self._phrases.append((alias.lower(), role, record["of"]))
            return
        self._role_kinds[role] = record.get("kind", "")
        for alias in [role, *record.get("aliases", ())]:
            self._roles[key(alias)] = role

    def _load_agents(self, record: dict[str, Any]) -> None:
        self._agent_count += 1
        for form in [record["id"], *record.get("forms", ())]:
            self._agents.setdefault(key(form), record["sector"])

    # -- queries ---------------------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this KB id, or ``None``."""
        actor = self._actors.get(actor_id)
        if actor is None:
            line = self._lines.get(actor_id)
            if line is None:
                return None
            actor = self._actors[actor_id] = self._build(json.loads(line))
        return actor

    def actors(self) -> Iterator[Actor]:
        """Every actor, in load order (countries, organisations, people)."""
        for actor_id in self._lines:
            actor = self.actor(actor_id)
            if actor is not None:
                yield actor

    def _rank(self, candidate: Candidate) -> tuple[int, int, int, str]:
        named, latest = self._prominence.get(candidate.actor_id, (0, ""))
        # the latest office first: invert the ISO date's characters so an ascending sort puts it first
        recency = latest.translate(_INVERT_DIGITS)
        return (
            _VIA_RANK[candidate.via],
            _KIND_ORDER.get(self._kinds[candidate.actor_id], 9),
            -named,
            recency,
        )

    def lookup(self, text: str) -> list[Candidate]:
        """Every actor a surface text may name, best first (by how it names it, then the actor's kind).

        A capital that is also a seat ("Brussels": Belgium's capital and the EU's seat) returns both;
        a bare surname returns every person with it, those with dated offices first.
        """
        entries = self._index.get(key(text))
        if not entries:
            return []
        candidates = [Candidate(actor_id, via, sector) for (actor_id, sector), via in entries.items()]
        return sorted(candidates, key=self._rank)

    def patterns(self) -> Iterable[tuple[str, str]]:
        """(surface text, label) pairs for a spaCy ``PhraseMatcher`` or ``SpanRuler``.

        Labels are OntoNotes': ``GPE`` for countries and capitals, ``NORP`` for demonyms, ``ORG`` for
        organisations and groups, ``PERSON`` for people, ``FAC`` for seats of government. A leading "the"
        is left out ("White House"); surnames alone are not patterns (they are resolved within a document).
        """
        return self._patterns.keys()

    def _concrete_roles(self, role: str, of: str) -> list[str]:
        named = self.role(role) or role
        if named not in GENERIC_ROLES:
            return [named]
        tops = self._top_roles.get(of, {})
        wanted = tops.get(named.replace(" ", "_"), [])
        if named == "leader" and not wanted:
            wanted = tops.get("head_of_state", []) + tops.get("head_of_government", [])
        return wanted

    def holders(self, role: str, of: str, on: date) -> list[Actor]:
        """Who held ``role`` of ``of`` (ISO3 or organisation id) on ``on``, best first.

        ``role`` may be any name in the role vocabulary ("premier"), or a generic one ("leader",
        "head of state", "head of government") that the country's own data resolves ("leader" of AZE is
        its president, of GBR its prime minister). Holders with checked dates come before uncertain ones,
        and the most recently appointed first.
        """
        found: list[tuple[bool, int, timedelta, str]] = []
        for rank, concrete in enumerate(self._concrete_roles(role, of)):
            for office, actor_id in self._offices.get((concrete, of), ()):
                if office.held_on(on):
                    found.append((office.uncertain, rank, date.max - (office.start or date.min), actor_id))
        ordered = dict.fromkeys(actor_id for *_, actor_id in sorted(found))
        return [actor for actor_id in ordered if (actor := self.actor(actor_id)) is not None]

    def role(self, text: str) -> str | None:
        """The role a noun phrase names ("Premier" → "prime minister", "leader" → "leader"), or ``None``."""
        return self._roles.get(key(text))

    def role_description(self, text: str) -> tuple[str, str | None] | None:
        """The office a descriptive phrase names: "occupant of the Oval Office" → ("president", "USA").

        A plain role noun gives the role and ``None`` ("premier" → ("prime minister", None)).
        """
        found = self._descriptions.get(key(text))
        if found is None:
            role = self.role(text)
            return (role, None) if role else None
        return found

    def role_phrases(self) -> Iterable[tuple[str, str, str]]:
        """(lower-cased phrase, role, of) for every descriptive phrase ("occupant of the oval office", …)."""
        return tuple(self._phrases)

    def agent_sector(self, noun: str) -> str | None:
        """The PLOVER sector of a generic agent noun ("troops" → ``MIL``, "minister" → ``GOV``)."""
        folded = key(noun)
        found = self._agents.get(folded)
        if found is not None:
            return found
        for suffix, replacement in (("ies", "y"), ("es", ""), ("s", ""), ("men", "man")):
            if folded.endswith(suffix):
                found = self._agents.get(folded[: -len(suffix)] + replacement)
                if found is not None:
                    return found
        return None

    def country_by_adjective(self, text: str) -> str | None:
        """The country a demonym or attributive name names ("Azerbaijani" → ``AZE``, "U.S." → ``USA``).

        Returns ``None`` when the adjective is shared ("Congolese": COD and COG) or unknown.
        """
        countries = self._demonyms.get(key(text))
        if countries is None:
            countries = {
                candidate.actor_id
                for candidate in self.lookup(text)
                if candidate.via in {"name", "alias", "acronym", "historical"}
                and self._kinds[candidate.actor_id] == "country"
            }
        return next(iter(countries)) if len(countries) == 1 else None

    def country_like(self, text: str) -> str | None:
        """The country a misspelt name or demonym means ("Afganistan" → ``AFG``, "Quatar" → ``QAT``).

        Only for texts of at least five letters that nearly match (difflib ratio ≥ 0.88) the names,
        aliases, historical names and demonyms of exactly one country, starting with the same letter.
        """
        folded = key(text)
        if len(folded) < _MIN_FUZZY:
            return None
        words = self._country_words.get(folded[0], {})
        near = difflib.get_close_matches(folded, words.keys(), n=3, cutoff=_FUZZY_CUTOFF)
        countries = {country for word in near for country in words[word]}
        return next(iter(countries)) if len(countries) == 1 else None

    def stats(self) -> dict[str, int]:
        """Counts: actors per kind, offices (all and with a named role), aliases, keys, roles, agents."""
        counts = dict(self._counts)
        counts["actors"] = len(self._kinds)
        counts["offices_with_role"] = sum(len(found) for found in self._offices.values())
        counts["aliases"] = self._alias_count
        counts["lookup_keys"] = len(self._index)
        counts["patterns"] = len(self._patterns)
        counts["roles"] = len(self._role_kinds)
        counts["agents"] = self._agent_count
        return dict(counts)
