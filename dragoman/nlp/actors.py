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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from dragoman.kb import Actor, Candidate, KnowledgeBase, load_kb
from dragoman.kb.places import Place, load_gazetteer
from dragoman.kb.text import fold, key, slug
from dragoman.nlp.extensions import register_extensions
from dragoman.nlp.linking import (
    compound_parts,
    country_in_name,
    demonym_group,
    given_and_surname,
    metonym_is_agent,
    person_name_variants,
    place_not_person,
    role_descriptions,
    strip_possessive,
    title_country,
    title_spans,
)
from dragoman.record import Mention

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer
    from spacy.tokenizer import Tokenizer

#: NER labels that can name an actor or a place.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})

#: NER labels under which a word that is some KB person's surname is not taken for that person.
NOT_A_NAME = frozenset({"NORP", "GPE", "LOC", "FAC", "LANGUAGE", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})

#: The entity label a KB actor kind gets when a pattern finds it.
KIND_LABEL = {
    "person": "PERSON",
    "country": "GPE",
    "igo": "ORG",
    "organization": "ORG",
    "group": "ORG",
    "location": "GPE",
}

#: The fewest people a place the NER took for a person, organisation or group must have to be read
#: as that place ("Raqqah" tagged PERSON); smaller towns share too many names with people.
BIG_PLACE = 100_000

#: The fewest people a city must have for its names to be matched as patterns beside the NER
#: (300,000: about 3,000 names, +0.5 s on the load; 100,000 doubled that for no gain on re3d).
PATTERN_PLACE = 300_000
#: ... and their alternate names too ("Bombay", "Saigon") from this many; the matcher's build time
#: grows with the names, and smaller towns' alternates add little.
PATTERN_ALL_NAMES = 5_000_000

#: How the KB names a country in a document: what makes it context for choosing among places
#: (not capitals: "Tripoli" must not vouch for its own Libyan reading).
COUNTRY_VIA = frozenset({"name", "alias", "acronym", "historical", "seat"})

#: How a mention must have been linked for its actor's kind to override the NER label.
RELABEL_VIA = frozenset({"name", "alias", "acronym", "historical", "surname", "coreference"})

#: A same-named place abroad is kept as an alternative when its population is at least this share
#: (as a divisor) of the chosen place's: 1/10.
ALTERNATIVE_SHARE = 10


def local_id(kind: str, name: str) -> str:
    """The id of a document-local actor: ``("person", "Jane Smith")`` → ``"person:jane-smith"``.

    Uses the knowledge base's own slug rule, so local and KB ids are spelled alike.
    """
    return f"{kind}:{slug(name) or 'x'}"


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
        # Given names ("Victoria", "Florence", "Jackson" as a first name) are never read as places
        # when the NER says PERSON: the first words of the KB's people.
        self.given_names = frozenset(
            fold(actor.name.split(" ", 1)[0]).casefold()
            for actor in self.kb.actors()
            if actor.kind == "person" and " " in actor.name
        )
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        # ``Language.tokenizer`` is typed as any callable; this pipeline's is spaCy's own Tokenizer.
        tokenizer = cast("Tokenizer", nlp.tokenizer)
        by_matcher: dict[tuple[PhraseMatcher, str], list[str]] = {}
        for text, label in self.kb.patterns():
            # Short and all-capital names are matched as written ("US" is not "us", "IS" not "is").
            matcher = self.exact if len(text) <= 4 or text.isupper() else self.folded
            by_matcher.setdefault((matcher, label), []).append(text)
        for (matcher, label), texts in by_matcher.items():
            matcher.add(label, list(tokenizer.pipe(texts)))
        self.places = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.places.add("GPE", list(tokenizer.pipe(self._place_patterns(nlp))))

    def _place_patterns(self, nlp: Language) -> list[str]:
        """The names of big cities worth matching: not English words, given names or names the KB knows.

        "Reading", "Mobile", "Nice", "Split" are words before they are cities (any verb, adjective
        or adverb of the lemmatizer's tables, and spaCy's stop words, is left out); "Victoria" and
        "Florence" are people as often as places.
        """
        words = set(STOP_WORDS)
        if "lemmatizer" in nlp.pipe_names:
            tables = cast("Lemmatizer", nlp.get_pipe("lemmatizer")).lookups
            if tables.has_table("lemma_index"):
                index = tables.get_table("lemma_index")
                for pos in ("verb", "adj", "adv"):
                    words.update(index.get(pos, []))
        names = []
        for text in load_gazetteer().keys(PATTERN_PLACE, PATTERN_ALL_NAMES):
            if text in words or text in self.given_names or len(text) < 4 or self.kb.lookup(text):
                continue
            names.append(text)
        return names

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
        linker = _DocumentLinker(self.kb, doc._.dct, result, self.given_names)
        linker.collect_name_parts(result.ents)
        linker.collect_countries(result.ents)
        for ent in result.ents:
            # A role alone ("the Prime Minister") is left to the role descriptions: it is no name.
            if ent.label_ in ACTOR_LABELS and self.kb.role(ent.text) is None:
                linker.link_entity(ent)
        linker.link_role_descriptions(doc)
        result.mentions.sort(key=lambda m: (m.start, m.end))
        result.ents = self._relabelled(result)
        return result

    def _relabelled(self, result: LinkResult) -> list[Span]:
        """Entities whose confident link contradicts the NER label take the actor's kind.

        "Trump" tagged ORG but linked to a person becomes PERSON; "Azerbaijan" tagged PERSON
        becomes GPE; "Karim" tagged GPE after "Ahmed Karim" becomes PERSON. A bare surname the KB
        knows is a person even where which person stays uncertain. Demonyms, metonyms and
        unlinked names keep the NER's label.
        """
        linked = {
            m.start: m.actor
            for m in result.mentions
            if m.actor and m.via in RELABEL_VIA and (m.confidence >= 0.7 or m.via == "surname")
        }
        ents = []
        for ent in result.ents:
            actor_id = linked.get(ent.start_char, "") if ent.label_ in ACTOR_LABELS else ""
            actor = self.kb.actor(actor_id)
            local = result.actors.get(actor_id) if actor is None else None
            kind = actor.kind if actor is not None else local["kind"] if local else None
            label = KIND_LABEL.get(kind) if kind is not None else None
            if label is not None and label != ent.label_:
                ent = Span(ent.doc, ent.start, ent.end, label=label)
            ents.append(ent)
        return ents

    def _merged_entities(self, doc: Doc) -> list[Span]:
        # Names are written capitalised: a lower-case word is not a name even when it spells one
        # ("the organization" is not the group whose alias is "Organization").
        patterns = [
            Span(doc, start, end, label=label)
            for matcher in (self.exact, self.folded)
            for label, start, end in matcher(doc, as_spans=False)
            if any(token.text[:1].isupper() for token in doc[start:end])
        ]
        titles = [Span(doc, start, end, label="PERSON") for start, end in title_spans(doc, self.kb)]
        ner = [self._place_or_person(ent) for ent in doc.ents]
        # Cities last: they only fill gaps the KB and the NER leave, and are written capitalised.
        places = [
            span
            for span in self.places(doc, as_spans=True)
            if all(token.text[:1].isupper() for token in span if token.is_alpha and len(token) > 2)
        ]
        # KB spans first: filter_spans keeps the first of equally long overlapping spans.
        return sorted(filter_spans([*patterns, *titles, *ner, *places]), key=lambda s: s.start)

    def _place_or_person(self, ent: Span) -> Span:
        """A PERSON the KB does not know as a person, in a place's position, is a place."""
        if ent.label_ != "PERSON":
            return ent
        place = place_not_person(ent)
        if place is None or any(
            (actor := self.kb.actor(c.actor_id)) is not None and actor.kind == "person"
            for c in self.kb.lookup(strip_possessive(place.text))
        ):
            return ent
        return place


class _DocumentLinker:
    """The linking state of one document: the date and the people already named in full."""

    def __init__(
        self,
        kb: KnowledgeBase,
        dct: dt.date | None,
        result: LinkResult,
        given_names: frozenset[str] = frozenset(),
    ) -> None:
        self.kb = kb
        self.dct = dct
        self.result = result
        self.given_names = given_names
        self.countries: set[str] = set()  # the countries the document names: context for places
        self.by_surname: dict[str, str] = {}  # surname (lower) → actor id named in full earlier
        self.name_parts: dict[str, str] = {}  # given name or surname (lower) → a full name in the document

    def collect_name_parts(self, ents: list[Span]) -> None:
        """The given names and surnames of the people named in full anywhere in the document."""
        for ent in ents:
            words = ent.text.split()
            if ent.label_ == "PERSON" and 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words):
                for word in (words[0], words[-1]):
                    self.name_parts.setdefault(strip_possessive(word).lower(), ent.text)

    def collect_countries(self, ents: list[Span]) -> None:
        """The countries the document names, by name, adjective or seat ("Libya", "Libyan", "the Kremlin")."""
        for ent in ents:
            text = strip_possessive(ent.text)
            country = self.kb.country_by_adjective(text)
            if country is not None:
                self.countries.add(country)
                continue
            for candidate in self.kb.lookup(text):
                actor = self.kb.actor(candidate.actor_id)
                if candidate.via in COUNTRY_VIA and actor is not None and actor.kind == "country":
                    self.countries.add(actor.id)

    def link_entity(self, ent: Span) -> None:
        parts = compound_parts(ent, self.kb)
        if parts:
            for start, end, country in parts:
                self._mention(start, end, ent.doc.text[start:end], country, "compound", 0.85)
            return
        text = strip_possessive(ent.text)
        candidates = self.kb.lookup(text)
        if not candidates and ent.label_ == "PERSON":
            candidates = self._person_candidates(text)
        if not candidates:
            self._link_unknown(ent, text)
            return
        via = candidates[0].via
        best = [c for c in candidates if c.via == via]
        if via in ("capital", "seat"):
            # A city can be a capital and a seat at once ("Brussels": BEL and the EU).
            self._link_metonym(ent, text, [c for c in candidates if c.via in ("capital", "seat")])
        elif via == "region":
            # A region inside a country ("Darfur", "the West Bank") is a place, never the government;
            # the record's ``via`` vocabulary has no "region": the KB knows the place by this name.
            region_of = self.kb.actor(best[0].actor_id)
            region_country = region_of.country if region_of is not None else None
            self._location(ent.start_char, ent.start_char + len(text), text, region_country, "name")
        elif via == "surname" and ent.label_ in NOT_A_NAME and self._surname_unseen(text):
            # A bare word that is some KB person's surname but that the NER did not take for a person
            # ("Turkish Kurd refugees") names nobody unless the document named that person before.
            self._link_unknown(ent, text)
        elif via == "surname":
            self._link_surname(ent, text, best)
        else:
            self._link_named(ent, text, best, via)

    # -- rules ----------------------------------------------------------------------------

    def _person_candidates(self, text: str) -> list[Candidate]:
        """A person's name the KB writes otherwise: hyphens, leading titles, middle names left out."""
        for variant in person_name_variants(text, self.kb):
            found = [c for c in self.kb.lookup(variant) if c.via != "surname"]
            if found:
                return found
        return [Candidate(actor_id, "alias", None) for actor_id in given_and_surname(text, self.kb)]

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
        place, alternatives, confidence = self._place(text)
        if place is not None and place.country != country and country not in self.countries:
            # "Tripoli" in an article about Lebanon: the city the context names, not the capital
            alternatives = tuple(_unique(a for a in (country, *alternatives) if a and a != place.country))
            self._location(start, end, text, place.country, "name", place, alternatives, confidence)
            return
        places = [p for p in load_gazetteer().lookup(text) if p.country == country] if country else []
        alternatives = tuple(a for a in alternatives if a != country)
        self._location(
            start,
            end,
            text,
            country,
            "unlinked" if country is None else "capital",
            places[0] if places else None,
            alternatives,
        )

    def _surname_unseen(self, text: str) -> bool:
        return text.split()[-1].lower() not in self.by_surname

    def _link_surname(self, ent: Span, text: str, best: list[Candidate]) -> None:
        start, end = ent.start_char, ent.start_char + len(text)
        earlier = self.by_surname.get(text.split()[-1].lower())
        if earlier is not None:
            self._mention(start, end, text, earlier, "coreference", 0.95)
            return
        named = self._named_in_full(text)
        if named is not None:
            self._mention(start, end, text, named, "coreference", 0.8)
            return
        ids = _unique(c.actor_id for c in best)
        if self.dct is not None:
            in_office = [i for i in ids if (a := self.kb.actor(i)) is not None and _office_on(a, self.dct)]
            ids = in_office + [i for i in ids if i not in in_office]
            if len(in_office) == 1:
                self._mention(start, end, text, in_office[0], "surname", 0.7, alternatives=tuple(ids[1:]))
                return
        countries = {a.country if (a := self.kb.actor(i)) is not None else None for i in ids}
        if len(ids) > 1 and len(countries) == 1 and None not in countries:
            # Every bearer of the surname is of one country ("Bush" in 2000: the elder or the
            # younger president): the most prominent is chosen, the others kept as alternatives.
            self._mention(start, end, text, ids[0], "surname", 0.4, alternatives=tuple(ids[1:]))
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
        """An entity the KB does not know: a document-local actor, or a place.

        Its country, where it has one, comes from its words: demonyms alone name a group of the first
        one's country ("Bosnian Serbs"); a country, adjective or capital inside a name places the
        organisation or place ("the Latvian Constitutional Court", "Western Cambodia"); a near miss of
        a country's name is that country ("Afganistan").
        """
        start, end = ent.start_char, ent.start_char + len(text)
        label = ent.label_
        group = demonym_group(ent, self.kb)
        if group is not None:
            actor_id = local_id("group", text.removeprefix("the ").removeprefix("The "))
            self.result.actors.setdefault(actor_id, _local(text, "group", group))
            self._mention(start, end, text, actor_id, "demonym", 0.7)
            return
        if " " not in text and text.lower() in self.by_surname:
            # "Karim" after "Ahmed Karim", whatever the NER's label
            self._mention(start, end, text, self.by_surname[text.lower()], "coreference", 0.9)
            return
        named = self._named_in_full(text)
        if named is not None:
            self._mention(start, end, text, named, "coreference", 0.8)
            return
        if label in ("GPE", "NORP", "LOC", "ORG") and " " not in text:
            country = self.kb.country_like(text)
            if country is not None:
                # a variant spelling of a KB name: "alias" in the record's ``via`` vocabulary
                self._mention(start, end, text, country, "alias", 0.6)
                return
        if label in ("GPE", "LOC", "FAC") or (
            label in ("PERSON", "ORG", "NORP") and self._is_big_place(text)
        ):
            place, alternatives, confidence = self._place(text)
            if place is not None:
                via = "name" if key(place.name) == key(text) else "alias"
                self._location(start, end, text, place.country, via, place, alternatives, confidence)
                return
        if label == "PERSON":
            surname = text.split()[-1].lower()
            actor_id = local_id("person", text)
            self.result.actors.setdefault(actor_id, _local(text, "person", title_country(ent, self.kb)))
            if " " in text:
                self.by_surname.setdefault(surname, actor_id)
            self._mention(start, end, text, actor_id, "unlinked", 0.5)
        elif label == "ORG":
            name = text.removeprefix("the ").removeprefix("The ")
            actor_id = local_id("org", name)
            self.result.actors.setdefault(
                actor_id, _local(name, "organization", country_in_name(ent, self.kb))
            )
            self._mention(start, end, text, actor_id, "unlinked", 0.5)
        elif label in ("GPE", "LOC", "FAC"):
            country = country_in_name(ent, self.kb)
            # the place itself stays unlinked; only its country comes from its words
            self._location(start, end, text, country, "unlinked")

    def _is_big_place(self, text: str) -> bool:
        """Whether a name the NER took for a person or group is rather a big city ("Raqqah" as PERSON)."""
        if key(text) in self.given_names or text.lower() in STOP_WORDS or not text[:1].isupper():
            return False
        places = load_gazetteer().lookup(text)
        return bool(places) and places[0].population >= BIG_PLACE

    def _place(self, text: str) -> tuple[Place | None, tuple[str, ...], float]:
        """The gazetteer's place for ``text``, the other countries it may be in, and the confidence.

        A place in a country the document names elsewhere wins ("Tripoli" in an article about
        Libya); else the place whose own name it is, the most populous first. Other countries
        with a place of that very name stay as alternatives.
        """
        places = load_gazetteer().lookup(text)
        if not places:
            return None, (), 0.0
        in_context = [p for p in places if p.country in self.countries]
        chosen = in_context[0] if in_context else places[0]
        text_key = key(text)
        # Another country's place of that name is a real alternative only if it is not tiny beside the
        # chosen one: Tripoli (LBN) for Tripoli (LBY) is; Moscow, Idaho for Moscow is not.
        others = _unique(
            p.country
            for p in places
            if p.country != chosen.country
            and key(p.name) == text_key
            and (in_context or p.population * ALTERNATIVE_SHARE >= chosen.population)
        )
        alternatives = tuple(c for c in others if self.kb.actor(c) is not None)[:3]
        confidence = 0.85 if not alternatives else 0.75 if in_context else 0.6
        return chosen, alternatives, confidence

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

    def _named_in_full(self, text: str) -> str | None:
        """The person a one-word name is part of, where the document names them in full ("Omid")."""
        full = self.name_parts.get(text.lower()) if " " not in text else None
        if full is None or full == text:
            return None
        actor_id = self.by_surname.get(full.split()[-1].lower())
        if actor_id is None:
            # named in full later on: the KB's person if the KB knows the full name
            known = [c.actor_id for c in self.kb.lookup(full) if c.via in ("name", "alias")]
            actor_id = known[0] if len(set(known)) == 1 else None
        if actor_id is None:
            actor_id = local_id("person", full)
            self.result.actors.setdefault(actor_id, _local(full, "person"))
        return actor_id

    def _label_fits(self, label: str, actor_id: str) -> bool:
        actor = self.kb.actor(actor_id)
        return actor is not None and KIND_LABEL.get(actor.kind) == label

    def _location(
        self,
        start: int,
        end: int,
        text: str,
        country: str | None,
        via: str,
        place: Place | None = None,
        alternatives: tuple[str, ...] = (),
        confidence: float = 0.6,
    ) -> None:
        actor_id = local_id("loc", text.removeprefix("the "))
        entry: dict[str, Any] = {
            "name": text,
            "kind": "location",
            "country": country,
            "sector": None,
            "kb_id": None,
            "office": None,
        }
        if place is not None:
            entry |= {"lat": place.lat, "lon": place.lon, "geonameid": place.geonameid}
        self.result.actors.setdefault(actor_id, entry)
        self._mention(start, end, text, actor_id, via, confidence, alternatives=alternatives)

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
                    self.result.actors[known] = actor_entry(actor, self.dct)


def _office_on(actor: Actor, day: dt.date) -> bool:
    return any(office.held_on(day) for office in actor.offices)


def actor_entry(actor: Actor, day: dt.date | None) -> dict[str, Any]:
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


def _local(name: str, kind: str, country: str | None = None) -> dict[str, Any]:
    return {"name": name, "kind": kind, "country": country, "sector": None, "kb_id": None, "office": None}


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
