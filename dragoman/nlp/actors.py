"""The ``dragoman_actors`` component: knowledge-base patterns beside the NER, then linking.

``match()`` computes, ``set_annotations()`` writes, as spaCy's own ``SpanRuler`` does:

1. **Patterns**: the KB's names (countries, organisations, people, demonyms, capitals, seats) are
   matched with phrase matchers and merged with the statistical entities; where they overlap the
   longer span wins, and on a tie the KB's label (so "Trump" is a PERSON even when the NER says ORG).
2. **Linking**: each actor-like entity is resolved with the rules of :mod:`dragoman.nlp.linking`
   and the article's date (``doc._.dct``): metonyms by syntax, surnames within the document first,
   then by who held an office on the date; role descriptions and compounds add their own mentions.
   Entities the KB does not know become document-local actors (``kb_id`` null), so that "Smith"
   after "Jane Smith" still lands on one actor.

Results: ``doc.ents`` (merged), ``doc._.actor_mentions`` (list of :class:`~dragoman.record.Mention`,
offsets relative to the Doc) and ``doc._.actors`` (actor id → record entry).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dragoman.kb import Actor, Candidate, KnowledgeBase, load_kb
from dragoman.nlp.extensions import register_extensions
from dragoman.nlp.linking import (
    compound_parts,
    metonym_is_agent,
    role_descriptions,
    strip_possessive,
)
from dragoman.record import Mention

#: NER labels that can name an actor or a place.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

#: The entity label a KB actor kind gets when a pattern finds it.
KIND_LABEL = {
    "person": "PERSON",
    "country": "GPE",
    "igo": "ORG",
    "organization": "ORG",
    "group": "ORG",
    "location": "GPE",
}

#: How a mention must have been linked for its actor's kind to override the NER label.
RELABEL_VIA = frozenset({"name", "alias", "acronym", "historical", "surname", "coreference"})

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """``"Jane Smith"`` → ``"jane-smith"``: the id part of a document-local actor."""
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


@dataclass(slots=True)
class LinkResult:
    """What ``match()`` found: the merged entities, the mentions and the actors they name."""

    ents: list[Span]
    mentions: list[Mention] = field(default_factory=list)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)


class ActorLinker:
    """Links actor mentions to the knowledge base (see the module docstring)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        self.kb: KnowledgeBase = load_kb()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_matcher: dict[tuple[PhraseMatcher, str], list[str]] = {}
        for text, label in self.kb.patterns():
            # Short and all-capital names are matched as written ("US" is not "us", "IS" not "is").
            matcher = self.exact if len(text) <= 4 or text.isupper() else self.folded
            by_matcher.setdefault((matcher, label), []).append(text)
        for (matcher, label), texts in by_matcher.items():
            matcher.add(label, list(nlp.tokenizer.pipe(texts)))

    # -- spaCy protocol ---------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def set_annotations(self, doc: Doc, result: LinkResult) -> None:
        """Write the merged entities and the linking results onto ``doc``."""
        doc.ents = result.ents
        doc._.actor_mentions = result.mentions
        doc._.actors = result.actors

    def match(self, doc: Doc) -> LinkResult:
        """Find and link the actor mentions of ``doc`` without modifying it."""
        result = LinkResult(ents=self._merged_entities(doc))
        linker = _DocumentLinker(self.kb, doc._.dct, result)
        for ent in result.ents:
            if ent.label_ in ACTOR_LABELS:
                linker.link_entity(ent)
        linker.link_role_descriptions(doc)
        result.mentions.sort(key=lambda m: (m.start, m.end))
        result.ents = self._relabelled(result)
        return result

    def _relabelled(self, result: LinkResult) -> list[Span]:
        """Entities whose confident link contradicts the NER label take the actor's kind.

        "Trump" tagged ORG but linked to a person becomes PERSON; "Azerbaijan" tagged PERSON
        becomes GPE. Demonyms, metonyms and unlinked names keep the NER's label.
        """
        linked = {
            m.start: m.actor
            for m in result.mentions
            if m.actor and m.confidence >= 0.7 and m.via in RELABEL_VIA
        }
        ents = []
        for ent in result.ents:
            actor = self.kb.actor(linked.get(ent.start_char, "")) if ent.label_ in ACTOR_LABELS else None
            label = KIND_LABEL.get(actor.kind) if actor is not None else None
            if label is not None and label != ent.label_:
                ent = Span(ent.doc, ent.start, ent.end, label=label)
            ents.append(ent)
        return ents

    def _merged_entities(self, doc: Doc) -> list[Span]:
        patterns = [
            Span(doc, start, end, label=label)
            for matcher in (self.exact, self.folded)
            for label, start, end in matcher(doc, as_spans=False)
        ]
        # KB spans first: filter_spans keeps the first of equally long overlapping spans.
        return sorted(filter_spans([*patterns, *doc.ents]), key=lambda s: s.start)


class _DocumentLinker:
    """The linking state of one document: the date and the people already named in full."""

    def __init__(self, kb: KnowledgeBase, dct: dt.date | None, result: LinkResult) -> None:
        self.kb = kb
        self.dct = dct
        self.result = result
        self.by_surname: dict[str, str] = {}  # surname (lower) → actor id named in full earlier

    def link_entity(self, ent: Span) -> None:
        parts = compound_parts(ent, self.kb)
        if parts:
            for start, end, country in parts:
                self._mention(start, end, ent.doc.text[start:end], country, "compound", 0.85)
            return
        text = strip_possessive(ent.text)
        candidates = self.kb.lookup(text)
        if not candidates:
            self._link_unknown(ent, text)
            return
        via = candidates[0].via
        best = [c for c in candidates if c.via == via]
        if via in ("capital", "seat"):
            # A city can be a capital and a seat at once ("Brussels": BEL and the EU).
            self._link_metonym(ent, text, [c for c in candidates if c.via in ("capital", "seat")])
        elif via == "surname":
            self._link_surname(ent, text, best)
        else:
            self._link_named(ent, text, best, via)

    # -- rules ----------------------------------------------------------------------------

    def _link_named(self, ent: Span, text: str, best: list[Candidate], via: str) -> None:
        ids = _unique(c.actor_id for c in best)
        compatible = [i for i in ids if self._label_fits(ent.label_, i)] or ids
        chosen = compatible[0]
        confidence = 0.95 if len(compatible) == 1 else 0.5
        self._mention(
            ent.start_char,
            ent.start_char + len(text),
            text,
            chosen,
            via,
            confidence,
            alternatives=tuple(i for i in compatible[1:]),
            sector=best[0].sector,
        )
        actor = self.kb.actor(chosen)
        if actor is not None and actor.kind == "person" and " " in text:
            self.by_surname[text.split()[-1].lower()] = chosen

    def _link_metonym(self, ent: Span, text: str, best: list[Candidate]) -> None:
        start, end = ent.start_char, ent.start_char + len(text)
        if metonym_is_agent(ent):
            ids = _unique(c.actor_id for c in best)
            # A seat shared by a state and an organisation ("Brussels"): the organisation is the
            # usual agent in political news, but the state stays recorded as an alternative.
            ids.sort(key=lambda i: 0 if (a := self.kb.actor(i)) is not None and a.kind == "igo" else 1)
            confidence = 0.85 if len(ids) == 1 else 0.55
            self._mention(
                start,
                end,
                text,
                ids[0],
                best[0].via,
                confidence,
                alternatives=tuple(ids[1:]),
                sector=best[0].sector or "GOV",
            )
            return
        country = next(
            (a.id for c in best if (a := self.kb.actor(c.actor_id)) is not None and a.kind == "country"), None
        )
        self._location(start, end, text, country)

    def _link_surname(self, ent: Span, text: str, best: list[Candidate]) -> None:
        start, end = ent.start_char, ent.start_char + len(text)
        earlier = self.by_surname.get(text.split()[-1].lower())
        if earlier is not None:
            self._mention(start, end, text, earlier, "coreference", 0.95)
            return
        ids = _unique(c.actor_id for c in best)
        if self.dct is not None:
            in_office = [i for i in ids if (a := self.kb.actor(i)) is not None and _office_on(a, self.dct)]
            ids = in_office + [i for i in ids if i not in in_office]
            if len(in_office) == 1:
                self._mention(start, end, text, in_office[0], "surname", 0.7, alternatives=tuple(ids[1:]))
                return
        self._mention(
            start,
            end,
            text,
            ids[0] if len(ids) == 1 else None,
            "surname",
            0.6 if len(ids) == 1 else 0.3,
            alternatives=tuple(ids if len(ids) > 1 else ()),
        )

    def _link_unknown(self, ent: Span, text: str) -> None:
        """An entity the KB does not know: a document-local actor, or a place."""
        start, end = ent.start_char, ent.start_char + len(text)
        label = ent.label_
        if label == "PERSON":
            surname = text.split()[-1].lower()
            if " " not in text and surname in self.by_surname:
                self._mention(start, end, text, self.by_surname[surname], "coreference", 0.9)
                return
            actor_id = f"person:{slug(text)}"
            self.result.actors.setdefault(actor_id, _local(text, "person"))
            if " " in text:
                self.by_surname.setdefault(surname, actor_id)
            self._mention(start, end, text, actor_id, "unlinked", 0.5)
        elif label == "ORG":
            actor_id = f"org:{slug(text.removeprefix('the ').removeprefix('The '))}"
            self.result.actors.setdefault(
                actor_id, _local(text.removeprefix("the ").removeprefix("The "), "organization")
            )
            self._mention(start, end, text, actor_id, "unlinked", 0.5)
        elif label in ("GPE", "LOC", "FAC"):
            self._location(start, end, text, None)

    def link_role_descriptions(self, doc: Doc) -> None:
        """Role descriptions → the office holder on the document's date (never guessed without one)."""
        taken = [(m.start, m.end) for m in self.result.mentions]
        for match in role_descriptions(doc, self.kb):
            # The country inside "the U.S. president" keeps its own mention; the role word must be free.
            if any(s < match.head_end and match.head < e for s, e in taken):
                continue
            holders = [a.id for a in self.kb.holders(match.role, match.of, self.dct)] if self.dct else []
            text = doc.text[match.start : match.end]
            if len(holders) == 1:
                self._mention(match.start, match.end, text, holders[0], "role", 0.85, role=match.role)
            else:
                self._mention(
                    match.start,
                    match.end,
                    text,
                    None,
                    "role",
                    0.2,
                    alternatives=tuple(holders),
                    role=match.role,
                )
            taken.append((match.start, match.end))

    # -- helpers --------------------------------------------------------------------------

    def _label_fits(self, label: str, actor_id: str) -> bool:
        actor = self.kb.actor(actor_id)
        return actor is not None and KIND_LABEL.get(actor.kind) == label

    def _location(self, start: int, end: int, text: str, country: str | None) -> None:
        actor_id = f"loc:{slug(text.removeprefix('the '))}"
        self.result.actors.setdefault(
            actor_id,
            {
                "name": text,
                "kind": "location",
                "country": country,
                "sector": None,
                "kb_id": None,
                "office": None,
            },
        )
        self._mention(start, end, text, actor_id, "unlinked" if country is None else "capital", 0.6)

    def _mention(
        self,
        start: int,
        end: int,
        text: str,
        actor_id: str | None,
        via: str,
        confidence: float,
        *,
        alternatives: tuple[str, ...] = (),
        role: str | None = None,
        sector: str | None = None,
    ) -> None:
        self.result.mentions.append(
            Mention(start, end, text, actor_id, via, confidence, alternatives, role=role, sector=sector)
        )
        for known in (actor_id, *alternatives):
            if known is not None and known not in self.result.actors:
                actor = self.kb.actor(known)
                if actor is not None:
                    self.result.actors[known] = _entry(actor, self.dct)


def _office_on(actor: Actor, day: dt.date) -> bool:
    return any(office.held_on(day) for office in actor.offices)


def _entry(actor: Actor, day: dt.date | None) -> dict[str, Any]:
    """The record's entry for a KB actor: for a person, the office held on ``day``."""
    office = None
    sector = actor.sector
    if actor.kind == "person" and day is not None:
        held = [o for o in actor.offices if o.held_on(day)]
        held.sort(key=lambda o: o.role is None)  # a named role beats a bare CAMEO code
        if held:
            o = held[0]
            office = {
                "role": o.role,
                "of": o.of,
                "start": o.start.isoformat() if o.start else None,
                "end": o.end.isoformat() if o.end else None,
            }
            sector = o.sector or sector
    return {
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "sector": sector,
        "kb_id": actor.id,
        "office": office,
    }


def _local(name: str, kind: str) -> dict[str, Any]:
    return {"name": name, "kind": kind, "country": None, "sector": None, "kb_id": None, "office": None}


def _unique(ids: Any) -> list[str]:
    return list(dict.fromkeys(ids))


@Language.factory(
    "dragoman_actors",
    assigns=["doc.ents", "doc._.actor_mentions", "doc._.actors"],
    requires=["doc.ents", "token.dep"],
    default_config={},
)
def make_actor_linker(nlp: Language, name: str) -> ActorLinker:
    """Factory of the ``dragoman_actors`` component."""
    return ActorLinker(nlp, name)
