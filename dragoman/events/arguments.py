"""Who did it to whom: an event trigger's source and target actors, its place and its date, from the parse.

The actors are those the ``dragoman_actors`` component found (``doc._.actor_mentions``): an argument's
phrase (its head noun with modifiers, ``of`` phrases and conjuncts, not its clauses) names the
actors of the mentions in it — the mention covering the head noun first ("the Azerbaijani leader"),
else every top-level mention in the phrase ("Hungarian and Romanian officials" → both countries).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dragoman.record import Mention, Timex

#: Dependencies that open a clause of their own: an argument phrase stops there.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "appos", "punct", "cc"})
#: Prepositions whose object is the target of a verb or an event noun ("talks with", "attack on").
TARGET_PREPS = frozenset(
    {"to", "with", "against", "on", "toward", "towards", "into", "upon", "at", "from", "for"}
)
#: Prepositions that introduce the place of an event.
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "through"})
#: Prepositions whose object may name the recipient when nothing else does ("fired across the
#: Armenian border", "marched through Tbilisi").
FALLBACK_PREPS = TARGET_PREPS | PLACE_PREPS | {"across", "along", "over", "around"}
#: Personal pronouns resolved to the nearest person named before them.
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
#: How far back (characters) a pronoun looks for its person.
PRONOUN_WINDOW = 400

_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q(\d)|-(SP|SU|FA|WI))?$")


@dataclass(frozen=True, slots=True)
class Arguments:
    """The actor ids on each side of an event (several for compound actors)."""

    source: tuple[str, ...]
    target: tuple[str, ...]


class MentionIndex:
    """The document's actor mentions, looked up by token."""

    def __init__(
        self,
        doc: Doc,
        mentions: Iterable[Mention],
        actors: dict[str, dict],
        country_entry: Callable[[str], dict | None] | None = None,
        agent_sector: Callable[[str], str | None] | None = None,
    ) -> None:
        self.actors = actors
        #: country actors the events name that the document's mentions did not (see :meth:`government`)
        self.added: dict[str, dict] = {}
        self._country_entry = country_entry
        self._agent_sector = agent_sector
        self._places: dict[int, str | None] = {}
        #: the actors the previous sentence was about (set by the coder as it reads)
        self.topic: list[str] = []
        self.by_token: dict[int, list[Mention]] = {}
        self.people: list[Mention] = []
        for mention in mentions:
            if mention.actor is None:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.by_token.setdefault(token.i, []).append(mention)
            if actors.get(mention.actor, {}).get("kind") == "person":
                self.people.append(mention)
        for found in self.by_token.values():
            found.sort(key=lambda m: m.start - m.end)  # longest first

    def kind(self, actor: str) -> str | None:
        """The actor's kind (country, person, igo, organization, group, location)."""
        return (self.actors.get(actor) or self.added.get(actor) or {}).get("kind")

    def of_phrase(self, head: Token) -> list[str]:
        """The actors a noun phrase names (its head's mention, else its top-level mentions), per conjunct."""
        found: list[str] = []
        for part in _conjuncts(head):
            covering = self.by_token.get(part.i)
            if covering:
                found.append(self.government(covering[0]))
                continue
            if part.lower_ in PERSON_PRONOUNS:
                person = self.pronoun(part)
                if person:
                    found.append(person)
                continue
            seen: set[tuple[int, int]] = set()
            for token in phrase_tokens(part):
                for mention in self.by_token.get(token.i, ())[:1]:
                    if (mention.start, mention.end) not in seen:
                        seen.add((mention.start, mention.end))
                        found.append(self.government(mention))
        return _unique(a for a in found if a)

    def government(self, mention: Mention) -> str:
        """A capital taking part in an event is its country's government ("accused Pyongyang of…"):
        the country's id (its actor added to :attr:`added` where the document lacked it)."""
        actor = mention.actor or ""
        if mention.via != "capital":
            return actor
        return self.country_of(actor)

    def country_of(self, actor: str) -> str:
        """A place's country actor id (added to :attr:`added` where needed); other actors unchanged."""
        if self.kind(actor) != "location":
            return actor
        country = self.actors.get(actor, {}).get("country")
        if not country:
            return actor
        if country not in self.actors and country not in self.added:
            entry = self._country_entry(country) if self._country_entry else None
            if entry is None:
                return actor
            self.added[country] = entry
        return str(country)

    def group(self, head: Token, verb: Token, other: tuple[str, ...]) -> str | None:
        """A group actor for a generic agent noun that names no actor ("police", "protesters"), of
        the country of the clause's place, else of the other side's one country; ``None`` when the
        noun is no agent (or the KB is not at hand)."""
        if self._agent_sector is None or head.pos_ != "NOUN" or head.i in self.by_token:
            return None
        sector = self._agent_sector(head.lemma_.lower()) or self._agent_sector(head.lower_)
        if sector is None:
            return None
        place = self.place_of(verb)
        country = (self.actors.get(place) or self.added.get(place) or {}).get("country") if place else None
        if country is None:
            countries = {(self.actors.get(a) or self.added.get(a) or {}).get("country") for a in other}
            country = next(iter(countries)) if len(countries) == 1 else None
        name = head.lower_
        actor_id = f"group:{(country or 'x').lower()}-{name.replace(' ', '-')}"
        if actor_id not in self.actors and actor_id not in self.added:
            self.added[actor_id] = {
                "name": name,
                "kind": "group",
                "country": country,
                "sector": sector,
                "kb_id": None,
                "office": None,
            }
        return actor_id

    def place_of(self, trigger: Token) -> str | None:
        """:func:`event_place` of the trigger, worked out once per trigger."""
        if trigger.i not in self._places:
            self._places[trigger.i] = event_place(trigger, self)
        return self._places[trigger.i]

    def pronoun(self, token: Token) -> str | None:
        """The person a he/him/his/she/her most likely refers to: the nearest person named before it
        in the window that is not the subject of the pronoun's own clause."""
        own_subject = _subject_actors(token, self)
        start = token.idx
        for mention in sorted(self.people, key=lambda m: -m.start):
            if (
                mention.end <= start
                and start - mention.end <= PRONOUN_WINDOW
                and mention.actor not in own_subject
            ):
                return mention.actor
        return None

    def place(self, token: Token) -> str | None:
        """A place actor (location, else country) named by the object of a place preposition."""
        covering = self.by_token.get(token.i)
        if not covering:
            for child in phrase_tokens(token):
                if child.i in self.by_token:
                    covering = self.by_token[child.i]
                    break
        for mention in covering or ():
            if mention.actor and self.kind(mention.actor) in ("location", "country"):
                return mention.actor
        return None


def phrase_tokens(head: Token, top: bool = True) -> Iterator[Token]:
    """The head and the tokens of its noun phrase: modifiers (with their conjuncts: "Hungarian and
    Romanian officials"), ``of`` phrases, compounds; not clauses, not the head's own conjuncts."""
    yield head
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS or (top and child.dep_ == "conj"):
            continue
        if child.dep_ == "prep" and child.lower_ != "of":
            continue
        yield from phrase_tokens(child, top=False)


def _conjuncts(head: Token) -> list[Token]:
    parts = [head]
    for token in head.conjuncts:
        if token.i > head.i and token.pos_ in ("PROPN", "NOUN", "PRON", "ADJ"):
            parts.append(token)
    return parts


def _subject_actors(token: Token, index: MentionIndex) -> set[str]:
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != token.i]
    return {a for c in subjects if c.lower_ not in PERSON_PRONOUNS for a in index.of_phrase(c)}


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def verb_arguments(verb: Token, index: MentionIndex) -> Arguments:
    """Source and target of a verb: subject and object, ``by`` agent and subject in the passive,
    ``to/with/against…`` objects; a verb with no subject of its own takes its governor's."""
    children = list(verb.children)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
    source: list[str] = []
    target: list[str] = []
    for child in children:
        if passive and child.dep_ == "agent":
            source += [a for obj in child.children if obj.dep_ == "pobj" for a in index.of_phrase(obj)]
        elif passive and child.dep_ == "nsubjpass":
            # "A camp for Congolese refugees was attacked": an actor anywhere in the subject
            target += index.of_phrase(child) or mentions_in(child, index)
        elif not passive and child.dep_ == "nsubj":
            source += index.of_phrase(child)
    if not source:
        source = inherited_source(verb, index)
    if not source:
        # "Demonstrators in Baghdad blocked…", "students throughout Indonesia staged…": the subject's
        # place stands for its country.
        subjects = [c for c in children if c.dep_ == ("nsubjpass" if passive else "nsubj")]
        source = [index.country_of(a) for c in subjects for a in mentions_in(c, index, places=True)]
    if not source and any(c.dep_ == "nsubj" and c.lower_ in REPORTED_PRONOUNS for c in children):
        source = reporter(verb, index)
    objects = [c for c in children if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd")]
    for obj in objects:
        target += index.of_phrase(obj)
        if not target:
            target += _prep_objects(obj, index)
    if not target:
        # "arrested 12 protesters": a generic agent object is the recipient, before any place
        target += [g for o in objects if o.dep_ == "dobj" and (g := index.group(o, verb, tuple(source)))]
    if not target:
        target += _prep_objects(verb, index)
    if not target:
        # "demanded that North Korea forsake…", "urged Iran to…": the subject of the demanded clause.
        for child in children:
            if child.dep_ in ("ccomp", "xcomp"):
                target += [
                    a
                    for c in child.children
                    if c.dep_ == "nsubj" and c.lower_ not in REPORTED_PRONOUNS
                    for a in index.of_phrase(c)
                ]
    if not target:
        # "demanded an immediate admission by Moscow": an actor anywhere in the object.
        target += [a for obj in objects for a in mentions_in(obj, index) if a not in source]
    if not target:
        # "refused to commit to any assistance to the US-led war", "threatened to impose a curfew
        # in Algiers": an actor in the verb's prepositional objects or in the action it complements.
        heads = [o for p in children if p.dep_ == "prep" and p.lower_ in FALLBACK_PREPS for o in p.children]
        heads += [c for c in children if c.dep_ == "xcomp" or (c.dep_ == "advcl" and not _finite_advcl(c))]
        places = [index.country_of(a) for head in heads for a in mentions_in(head, index)]
        target += [a for a in places if a not in source]
    args = _arguments(source, target, index)
    return _with_groups(verb, children, passive, args, index)


def _with_groups(
    verb: Token, children: list[Token], passive: bool, args: Arguments, index: MentionIndex
) -> Arguments:
    """Fill an empty side from a generic agent noun ("police", "demonstrators", "refugees"): a
    group actor of the clause's place's country, else of the other side's one country (a domestic
    event: "Egyptian police opened fire on demonstrators")."""
    source, target = args.source, args.target
    if not source:
        heads = (
            [c for c in children if c.dep_ == ("nsubjpass" if passive else "nsubj")]
            if not passive
            else [o for c in children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        )
        source = tuple(g for h in heads if (g := index.group(h, verb, target)))
    if not target:
        heads = [c for c in children if c.dep_ in (("nsubjpass",) if passive else ("dobj",))]
        target = tuple(g for h in heads if (g := index.group(h, verb, source)) and g not in source)
    return Arguments(source, target)


def _arguments(source: list[str], target: list[str], index: MentionIndex) -> Arguments:
    """Places are where events happen, not who does them: location actors are left out."""
    source = [a for a in _unique(source) if index.kind(a) != "location"]
    target = [a for a in _unique(target) if a not in source and index.kind(a) != "location"]
    return Arguments(tuple(source), tuple(target))


def noun_arguments(noun: Token, index: MentionIndex) -> Arguments:
    """Source and target of an event noun: possessor, ``by`` phrase, demonym or name modifiers, or a
    ``between`` pair as source; ``to/with/against/on…`` phrases (also those of a participle
    describing the noun: "the invitation extended to…") as target."""
    source: list[str] = []
    target: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss" or _possessive(child):
            source += index.of_phrase(child)
        elif child.dep_ in ("amod", "compound", "nmod", "npadvmod"):
            source += mentions_in(child, index)
        elif (child.dep_ == "prep" and child.lower_ == "by") or (
            child.dep_ == "prep" and child.lower_ == "between"
        ):
            source += [a for obj in child.children if obj.dep_ == "pobj" for a in index.of_phrase(obj)]
    # "the blockade of Serbia", "the invasion of Kuwait": an actor in the noun's "of" is its recipient.
    target += [
        a
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for o in c.children
        if o.dep_ == "pobj"
        for a in index.of_phrase(o)
    ]
    target += _prep_objects(noun, index)
    for child in noun.children:
        if child.dep_ in ("acl", "relcl") and not target:
            target += _prep_objects(child, index)
            target += [a for c in child.children if c.dep_ == "dobj" for a in index.of_phrase(c)]
    if not source and noun.dep_ in ("dobj", "pobj", "nsubjpass"):
        verb = noun.head if noun.dep_ != "pobj" else noun.head.head
        if verb.pos_ in ("VERB", "AUX"):
            source += [a for c in verb.children if c.dep_ == "nsubj" for a in index.of_phrase(c)]
    return _arguments(source, target, index)


#: Subject pronouns that, in a reported clause, usually mean the reporter ("Iraq said it would allow").
REPORTED_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})


def reporter(verb: Token, index: MentionIndex) -> list[str]:
    """The subject of the saying verb whose complement ``verb`` is ("Iraq said it would …" → Iraq)."""
    current = verb
    for _ in range(3):
        if current.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or current.head.i == current.i:
            return []
        current = current.head
        for child in current.children:
            if child.dep_ == "nsubj" and child.lower_ not in REPORTED_PRONOUNS:
                return index.of_phrase(child)
    return []


def inherited_source(token: Token, index: MentionIndex, depth: int = 4) -> list[str]:
    """The subject (or possessor) of the nearest governor: "agreed to set up", "Trump's signing of
    the decree to suspend …" (the possessor of the event noun above)."""
    current = token
    for _ in range(depth):
        if current.dep_ not in (
            "xcomp",
            "conj",
            "acl",
            "pcomp",
            "pobj",
            "prep",
            "advcl",
            "ccomp",
            "dobj",
            "acomp",
        ):
            return []
        if current.dep_ == "pcomp" and current.head.lower_ in ("of", "for"):
            # "accused Pyongyang of supplying", "praised Kazakhstan for hosting": the object acts.
            holder = current.head.head
            objects = (
                [holder]
                if holder.pos_ in ("NOUN", "PROPN")
                else [c for c in holder.children if c.dep_ == "dobj"]
            )
            if objects and (actors := index.of_phrase(objects[0])):
                return actors
        current = current.head
        for child in current.children:
            if child.dep_ in ("nsubj", "poss") or _possessive(child):
                return index.of_phrase(child)
            if child.dep_ == "nsubjpass" and token.dep_ == "xcomp":
                return index.of_phrase(child)  # "Egypt and Jordan are expected to meet"
            if child.dep_ == "agent":
                return [a for obj in child.children if obj.dep_ == "pobj" for a in index.of_phrase(obj)]
    return []


def _possessive(token: Token) -> bool:
    """ "Trump’s signing": spaCy sometimes attaches the possessor as ``nmod`` with a ``case`` 's."""
    return token.dep_ == "nmod" and any(c.dep_ == "case" for c in token.children)


def mentions_in(head: Token, index: MentionIndex, places: bool = False) -> list[str]:
    """The actors of the top-level mentions in a phrase and its modifiers ("Azerbaijani-Chinese" →
    both), not in clauses of their own ("…to suggest that Trump may…"); with ``places``, only in
    the phrase and its prepositional phrases (a subject's "in Baghdad")."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    tokens = _clause_tokens(head) if not places else (t for t in head.subtree if not _in_clause(t, head))
    for token in sorted(tokens, key=lambda t: t.i):
        for mention in index.by_token.get(token.i, ())[:1]:
            if (mention.start, mention.end) not in seen and mention.actor:
                seen.add((mention.start, mention.end))
                found.append(mention.actor)
    return found


def _prep_objects(head: Token, index: MentionIndex) -> list[str]:
    found: list[str] = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found += index.of_phrase(obj)
    return found


def event_place(trigger: Token, index: MentionIndex) -> str | None:
    """The place of an event: the object of ``in/at/near`` attached to the trigger or to its phrase."""
    for token in _clause_tokens(trigger):
        if token.dep_ == "prep" and token.lower_ in PLACE_PREPS:
            for obj in token.children:
                if obj.dep_ == "pobj" and (place := index.place(obj)):
                    return place
    return None


def _clause_tokens(trigger: Token) -> Iterator[Token]:
    """The trigger's subtree without subordinate clauses of other events."""
    stack = [trigger]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(
            c
            for c in token.children
            if c.dep_ not in ("ccomp", "relcl", "parataxis") and not _finite_advcl(c)
        )


def _in_clause(token: Token, head: Token) -> bool:
    """Whether ``token`` sits in a clause below ``head`` (a relative or complement clause)."""
    while token.i != head.i:
        if token.dep_ in ("relcl", "acl", "ccomp", "advcl"):
            return True
        token = token.head
    return False


def _finite_advcl(token: Token) -> bool:
    """An adverbial clause with its own tense ("…, focused on"), not a purpose infinitive."""
    return token.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def event_date(trigger: Token, timexes: list[Timex], sentence: tuple[int, int]) -> Timex | None:
    """The DATE timex inside the trigger's clause (its subtree without subordinate clauses), if any."""
    dated = [
        t
        for t in timexes
        if t.type == "DATE" and sentence[0] <= t.start < sentence[1] and _DATE_VALUE.match(t.value)
    ]
    if not dated:
        return None
    clause = [(token.idx, token.idx + len(token)) for token in _clause_tokens(trigger)]
    for timex in dated:
        if any(s < timex.end and timex.start < e for s, e in clause):
            return timex
    return None


def date_precision(value: str) -> str | None:
    """``2026-01-15`` → day, ``2025-10`` → month, ``2026-W03`` → week, ``2026-Q1`` → quarter,
    ``2026`` → year, ``2026-SU`` → season (a quarter of a year's precision)."""
    match = _DATE_VALUE.match(value)
    if not match:
        return None
    if match.group(3):
        return "day"
    if match.group(2):
        return "month"
    if match.group(4):
        return "week"
    if match.group(5) or match.group(6):
        return "quarter"
    return "year"
