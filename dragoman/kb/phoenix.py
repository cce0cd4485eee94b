"""Reading the Phoenix (PETRARCH) actor and agent dictionaries.

The format (``dictionaries.rst`` in the sources): a line ``NAME_`` starts an entry, ``+VARIANT_`` lines add
synonyms, ``[CODE]`` or ``[CODE YYMMDD-YYMMDD]`` lines give the CAMEO code (``<date`` before, ``>date`` from),
``_`` joins words, ``#`` starts a comment. Agent lines are ``NOUN {PLURAL} [~CODE]`` with ``!MACRO!`` sets.

Dates have two-digit years: 00-30 are read as 20xx, 31-99 as 19xx (the dictionaries stop in 2018 and their
earliest offices are pre-war birth-year placeholders such as ``410101``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

_CODE = re.compile(r"\[([~A-Z0-9]+)(?:\s+([<>]?)(\d{6,8})(?:-(\d{6,8}))?)?\s*\]")
_PLURAL = re.compile(r"\{([^}]*)\}")
_MACRO = re.compile(r"^!([A-Z]+)!\s*=\s*(.+)$")
_PARTICLES = {"al", "el", "bin", "ibn", "bint", "de", "da", "do", "dos", "van", "von", "der", "den"}
_PARTICLES |= {"del", "la", "le"}
_SMALL = {"of", "the", "for", "and", "in", "on", "to", "at", "by", "a", "an"}
_ROMAN = {"ii", "iii", "iv", "vi", "vii", "viii"}

#: CAMEO sector codes → PLOVER 0.8 sector codes (CAMEO MED was media, HLH health; see the PLOVER manual 5.2)
CAMEO_TO_PLOVER = {
    "GOV": "GOV", "MIL": "MIL", "REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP", "PTY": "PTY",
    "COP": "COP", "JUD": "JUD", "LEG": "LEG", "SPY": "SPY", "MED": "JRN", "HLH": "MED", "EDU": "EDU",
    "BUS": "BUS", "MNC": "BUS", "CRM": "CRM", "CVL": "CVL", "LAB": "LAB", "REF": "REF", "AGR": "AGR",
    "ELI": "ELI", "UAF": "UAF", "REL": "REL", "CHR": "REL", "MOS": "REL", "JEW": "REL", "BUD": "REL",
    "HIN": "REL", "NGO": "SOC", "NGM": "SOC", "HRI": "SOC", "ENV": "SOC", "SET": "CVL", "IMG": "REB",
    "PRM": "PRM", "UNK": "UNK", "PRE": "PRE", "IGO": None, "DEV": None, "MOD": None, "RAD": None,
}  # fmt: skip


@dataclass
class Entry:
    """One dictionary entry: its names (first is the headword) and its dated codes."""

    names: list[str]
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    comment: str = ""


def phoenix_date(text: str) -> date | None:
    """``YYMMDD`` (or ``YYYYMMDD``) → date; ``None`` for malformed dates (a few entries have 7 digits)."""
    try:
        if len(text) == 8:
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 6:
            year = int(text[:2])
            return date((2000 if year <= 30 else 1900) + year, int(text[2:4]), int(text[4:]))
    except ValueError:
        return None
    return None


def proper(name: str) -> str:
    """``ILHAM_ALIYEV_`` → ``Ilham Aliyev``; ``BASHAR_AL-ASSAD`` → ``Bashar al-Assad``."""
    words = [word for word in name.replace("_", " ").split() if word]
    out = []
    for index, word in enumerate(words):
        pieces = re.split(r"([-'])", word.lower())
        parts: list[str] = []
        for position, part in enumerate(pieces):
            last_piece = index == len(words) - 1 and position == len(pieces) - 1
            lower = (
                part in {"-", "'", ""}
                or (part == "s" and position > 0 and pieces[position - 1] == "'")  # Egypt's
                or (part in _SMALL and index > 0 and len(pieces) == 1)  # Army for the Liberation of
                or (part in _PARTICLES and (index > 0 or position > 0) and not last_piece)  # al-Assad
            )
            if lower:
                parts.append(part)
            elif part in _ROMAN:
                parts.append(part.upper())
            elif part.startswith("mc") and len(part) > 2:
                parts.append("Mc" + part[2:].capitalize())
            else:
                parts.append(part.capitalize())
        out.append("".join(parts))
    return " ".join(out)


def _codes(text: str) -> list[tuple[str, date | None, date | None]]:
    found = []
    for code, sign, first, second in _CODE.findall(text):
        start = end = None
        if sign == "<":
            end = phoenix_date(first)
        elif sign == ">":
            start = phoenix_date(first)
        elif first:
            start, end = phoenix_date(first), phoenix_date(second) if second else None
        found.append((code.lstrip("~"), start, end))
    return found


def read_actors(path: Path) -> Iterator[Entry]:
    """Yield the entries of a Phoenix ``.actors.txt`` file in file order."""
    entry: Entry | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, _, comment = raw.partition("#")
        stripped = text.strip()
        if not stripped:
            if entry is not None and entry.codes and not raw.strip():
                yield entry
                entry = None
            continue
        if stripped.startswith("+"):
            if entry is not None:
                for variant in stripped[1:].split("+"):
                    variant = _CODE.sub("", variant).strip()
                    if variant:
                        entry.names.append(variant.strip("_ "))
                entry.codes.extend(_codes(stripped))
            continue
        if stripped.startswith("[") or raw[:1].isspace():
            if entry is not None:
                entry.codes.extend(_codes(stripped))
            continue
        # a new headword: the previous entry is complete if it had codes
        if entry is not None and entry.codes:
            yield entry
            entry = Entry(names=[], comment=comment.strip())
        elif entry is None:
            entry = Entry(names=[], comment=comment.strip())
        headword = _CODE.sub("", stripped).strip().strip("_ ")
        if headword:
            entry.names.append(headword)
        entry.codes.extend(_codes(stripped))
        entry.comment = entry.comment or comment.strip()
    if entry is not None and entry.codes:
        yield entry


def read_agents(path: Path) -> Iterator[tuple[str, list[str], str]]:
    """Yield ``(noun, plural forms, CAMEO code)`` from ``Phoenix.agents.txt``, macros expanded."""
    macros: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = raw.partition("#")[0].strip()
        macro = _MACRO.match(text)
        if macro:
            macros[macro.group(1)] = [word.strip() for word in macro.group(2).split(",")]
            continue
        codes = _codes(text)
        if not text or not codes:
            continue
        head = _CODE.sub("", text)
        plural = _PLURAL.search(head)
        plurals = [form.strip() for form in plural.group(1).split(",") if form.strip()] if plural else []
        noun = _PLURAL.sub("", head).strip()
        nouns = [noun]
        for name, words in macros.items():
            token = f"!{name}!"
            if token in noun:
                # CLERGY!PERSON! → CLERGYMAN, CLERGYWOMAN, … (the macro joins without a space)
                nouns = [noun.replace(token, word) for word in words]
        if "Ã" in noun:  # a few lines are doubly encoded UTF-8; they are Spanish variants in any case
            continue
        for form in nouns:
            yield (
                form.replace("_", " ").strip().lower(),
                [p.replace("_", " ").lower() for p in plurals],
                codes[0][0],
            )
