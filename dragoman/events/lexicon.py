"""The event lexicon: verbs, verb patterns, event nouns and the CAMEO → PLOVER table, loaded once.

Data files under ``data/`` (see ``NOTICE`` there for sources and licences):

- ``verbs.tsv``, ``patterns.tsv``, ``synsets.tsv``: converted from PETRARCH's CAMEO verb dictionary
  by :mod:`dragoman.events.build`; ``extra_verbs.tsv``, ``extra_patterns.tsv``, ``extra_synsets.tsv``:
  curated additions in the same formats (newer diplomatic vocabulary, fixes);
- ``nouns.tsv``: curated event nominals ("invitation", "talks", "sanctions") with their CAMEO code;
- ``cameo2plover.tsv``: the PLOVER 0.8 conversion table (CAMEO 01 statements and 02 appeals have no
  PLOVER type, as the manual drops them), ``extra_cameo.tsv`` curated rows that override it;
  ``plover_scores.tsv``: the manual's conflict–cooperation scores.

A pattern keeps PETRARCH's notation: words, ``{a b}`` phrases, ``(prep x y)`` prepositional phrases,
``&synset`` references; :class:`Pattern` holds it parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

#: PLOVER quad class of each event type (1 verbal cooperation … 4 material conflict).
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

_ITEM = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")


@dataclass(frozen=True, slots=True)
class Item:
    """One thing a pattern needs near its verb: alternative words or phrases, maybe after a preposition."""

    words: frozenset[str]
    preposition: str | None = None


@dataclass(frozen=True, slots=True)
class Pattern:
    """Words required before (subject side) and after (object side) a verb, and the code they give."""

    left: tuple[Item, ...]
    right: tuple[Item, ...]
    code: str
    #: the verbs the dictionary's authors wrote the pattern for (its comment); empty when unknown
    written_for: frozenset[str] = frozenset()

    @property
    def size(self) -> int:
        """How specific the pattern is: the number of items it needs."""
        return len(self.left) + len(self.right)


@dataclass(frozen=True, slots=True)
class Coding:
    """A CAMEO code's PLOVER reading."""

    cameo: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    intensity: float | None


@dataclass(slots=True)
class EventLexicon:
    """Everything the event coder knows, indexed for lookup by lemma."""

    verb_codes: dict[str, str] = field(default_factory=dict)
    verb_blocks: dict[str, list[str]] = field(default_factory=dict)
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, str] = field(default_factory=dict)
    plover: dict[str, tuple[str, str | None, tuple[str, ...]]] = field(default_factory=dict)
    scores: dict[tuple[str, str | None], float] = field(default_factory=dict)
    _sorted: dict[str, list[Pattern]] = field(default_factory=dict, repr=False)

    def verb_patterns(self, lemma: str) -> list[Pattern]:
        """The patterns of every block the verb belongs to, most specific first (computed once)."""
        cached = self._sorted.get(lemma)
        if cached is None:
            found = [p for block in self.verb_blocks.get(lemma, ()) for p in self.patterns.get(block, ())]
            cached = self._sorted[lemma] = sorted(found, key=lambda p: -p.size)
        return cached

    def coding(self, cameo: str) -> Coding | None:
        """The PLOVER type, mode, context and score of a CAMEO code (its parents' where it has no row)."""
        for length in range(len(cameo), 1, -1):
            row = self.plover.get(cameo[:length])
            if row is not None:
                type_, mode, context = row
                score = self.scores.get((type_, mode), self.scores.get((type_, None)))
                return Coding(cameo, type_, mode, context, score)
        return None


def _rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    if not path.exists():
        return []
    return [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def parse_side(text: str, synsets: dict[str, frozenset[str]]) -> tuple[Item, ...]:
    """PETRARCH pattern notation (one side of the ``*``) → items."""
    items: list[Item] = []
    for raw in _ITEM.findall(text):
        if raw.startswith("("):
            words = raw[1:-1].split()
            if not words:
                continue
            prep, rest = words[0], " ".join(words[1:]).replace("{", "").replace("}", "")
            items.append(Item(_alternatives(rest, synsets) if rest else frozenset(), prep))
        else:
            items.append(Item(_alternatives(raw.strip("{}"), synsets)))
    return tuple(item for item in items if item.words or item.preposition)


def _alternatives(text: str, synsets: dict[str, frozenset[str]]) -> frozenset[str]:
    """A word, a phrase, or phrases with ``&synset`` parts expanded (``{&military aid}``)."""
    phrases = [""]
    for word in text.lower().split():
        options = synsets.get(word[1:], frozenset({word[1:]})) if word.startswith("&") else {word}
        phrases = [f"{p} {o}".strip() for p in phrases for o in sorted(options)][:200]
    return frozenset(p for p in phrases if p)


@lru_cache(maxsize=1)
def load_lexicon() -> EventLexicon:
    """The process-wide event lexicon (read from the package's data files once)."""
    lexicon = EventLexicon()
    synsets: dict[str, frozenset[str]] = {}
    for row in _rows("synsets.tsv") + _rows("extra_synsets.tsv"):
        words = {w.strip() for w in row[1].split("|") if w.strip()}
        synsets[row[0]] = synsets.get(row[0], frozenset()) | frozenset(words)
    for curated, name in ((False, "verbs.tsv"), (True, "extra_verbs.tsv")):
        for row in _rows(name):
            verb, block, code = row[0], row[1], row[2] if len(row) > 2 else ""
            blocks = lexicon.verb_blocks.setdefault(verb, [])
            if block not in blocks:
                blocks.append(block)
            # A curated code wins; among converted ones, the verb's first block with a code.
            if code and (curated or verb not in lexicon.verb_codes):
                lexicon.verb_codes[verb] = code
    for row in _rows("extra_patterns.tsv") + _rows("patterns.tsv"):  # curated first: they win ties
        block, left, right, code = row[:4]
        written_for = frozenset(w for w in (row[4] if len(row) > 4 else "").split("|") if w)
        lexicon.patterns.setdefault(block, []).append(
            Pattern(parse_side(left, synsets), parse_side(right, synsets), code, written_for)
        )
    for row in _rows("nouns.tsv"):
        lexicon.nouns[row[0]] = row[1]
    for row in _rows("extra_cameo.tsv") + _rows("cameo2plover.tsv"):  # curated rows first: they win
        code, type_, mode, context = [*row, "", "", ""][:4]
        if code not in lexicon.plover:
            lexicon.plover[code] = (type_, mode or None, tuple(c for c in context.split(";") if c))
    for row in _rows("plover_scores.tsv"):
        lexicon.scores[(row[0], row[1] or None)] = float(row[2])
    return lexicon
