"""Rules that decide which actor a stretch of text names, given the parse and the article's date.

Pure functions over spaCy spans and the knowledge base; the ``dragoman_actors`` component
(:mod:`dragoman.nlp.actors`) calls them and sets the annotations. Each rule is small and named
for what it recognises:

* :func:`metonym_is_agent` — a capital or seat of government acting ("Baku is joining",
  "Washington's policy") stands for the government; as a place ("in Baku") it is a location;
* :func:`role_descriptions` — "the U.S. president", "the Azerbaijani leader", "the head of the
  Azerbaijani state", "the occupant of the Oval Office" → the office holder on the date;
* :func:`compound_parts` — "Azerbaijani-Chinese", "US-Azerbaijani" → one mention per country;
* :func:`country_in_name`, :func:`demonym_group` — the country of a name the KB does not know
  ("the Latvian Constitutional Court", "Bosnian Serbs");
* :func:`person_name_variants`, :func:`given_and_surname` — a person's name written otherwise than
  the KB writes it ("Lt. Gen. X Y", "Carlos Menem" for Carlos Saúl Menem);
* :func:`title_spans`, :func:`place_not_person` — entity spans the NER misses or mislabels ("The
  Foreign Secretary said", "President Hollande", "Near Palmyra").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dragoman.kb import KnowledgeBase
from dragoman.kb.text import fold

#: Dependency labels of a span's root that make a capital or seat an agent, not a place.
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent", "csubj", "appos"})

#: Prepositions after which a capital or seat is a place ("in Baku", "at the White House").
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "into", "outside", "inside", "across", "via", "around"})

#: "to"/"from" make a place only after motion ("flew to Baku"); else an addressee or sender
#: ("gratitude to the White House", "a message from Washington").
DIRECTION_PREPOSITIONS = frozenset({"to", "from"})
#: Prepositions of a relation between actors ("relations with Moscow", "between Baku and Yerevan").
RELATION_PREPOSITIONS = frozenset({"with", "between", "against", "toward", "towards"})
MOTION_WORDS = frozenset(
    {"travel", "go", "fly", "arrive", "return", "come", "move", "head", "drive", "sail", "flee", "relocate",
     "trip", "visit", "flight", "journey", "road", "route", "way", "train", "deport", "evacuate", "send"}
)  # fmt: skip

#: Nouns after which a capital used as a modifier is the meeting's place ("the Washington summit").
EVENT_NOUNS = frozenset(
    {"summit", "meeting", "talks", "conference", "forum", "process", "format", "declaration", "accords"}
)

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_HEAD_OF_STATE = re.compile(r"\b[Tt]he head of (?:the )?([A-Z][\w.]+) state\b")


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """A role description found in the text: where, which role, of which country or organisation."""

    start: int  # character offsets of the whole description
    end: int
    role: str
    of: str
    head: int  # the role word itself ("president" in "the U.S. president"): [head, head_end)
    head_end: int


def strip_possessive(text: str) -> str:
    """``"Washington’s"`` → ``"Washington"``."""
    return _POSSESSIVE.sub("", text)


def metonym_is_agent(span: Span) -> bool:
    """Whether a capital/seat mention acts (→ the government) rather than names a place.

    Agent: subject of a verb, possessor ("Washington's policy"), agent of a passive, followed by
    a possessive marker, qualified as "official" ("official Baku"), or the object of a relation
    preposition ("relations with Moscow", "talks between Baku and Yerevan"). Place: object of a
    place preposition ("in Baku"), or a modifier of an event noun, directly or through other
    modifiers ("the Washington C5+1 summit"). Anything else counts as an agent, the usual reading
    of a seat of government in political news.
    """
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "Baku and Tbilisi": read as the first
        root = root.head
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is not None and after.tag_ == "POS":
        return True
    if root.dep_ in AGENT_DEPS or any(
        word.lower_ == "official" for word in span.doc[max(span.start - 1, 0) : span.start]
    ):
        return True
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return False
    if root.dep_ == "pobj" and root.head.lower_ in DIRECTION_PREPOSITIONS | RELATION_PREPOSITIONS:
        return root.head.head.lemma_.lower() not in MOTION_WORDS
    if root.dep_ in ("compound", "nmod", "amod") and _modifies_event(root):
        return False
    return root.dep_ not in ("pobj", "dobj", "npadvmod")


def _modifies_event(token: Token) -> bool:
    """Whether ``token`` modifies an event noun, through a chain of modifiers ("Washington C5+1 summit")."""
    head = token.head
    for _ in range(3):
        if head.lemma_.lower() in EVENT_NOUNS:
            return True
        if head.dep_ not in ("compound", "nmod", "amod") or head.head.i == head.i:
            return False
        head = head.head
    return False


def compound_parts(span: Span, kb: KnowledgeBase) -> list[tuple[int, int, str]]:
    """``"Azerbaijani-Chinese"`` → ``[(s1, e1, "AZE"), (s2, e2, "CHN")]`` (character offsets).

    Only when every hyphen-separated part names a country (name, demonym or adjective);
    otherwise ``[]`` ("Sharm El-Sheikh" is one place).
    """
    text = span.text
    if "-" not in text and "–" not in text:
        return []
    parts: list[tuple[int, int, str]] = []
    offset = span.start_char
    for match in re.finditer(r"[^-–]+", text):
        piece = match.group().strip()
        country = kb.country_by_adjective(piece) or _country_by_name(piece, kb)
        if country is None:
            return []
        start = offset + match.start() + (len(match.group()) - len(match.group().lstrip()))
        parts.append((start, start + len(piece), country))
    return parts if len(parts) >= 2 else []


def _country_by_name(text: str, kb: KnowledgeBase) -> str | None:
    for candidate in kb.lookup(text):
        actor = kb.actor(candidate.actor_id)
        if actor is not None and actor.kind == "country" and candidate.via in ("name", "alias", "acronym"):
            return actor.id
    return None


def role_descriptions(doc: Doc, kb: KnowledgeBase) -> Iterator[RoleMatch]:
    """Role descriptions in ``doc``: "the U.S. president", "the president of Azerbaijan", …

    A role word preceded by a country adjective or possessive, or followed by "of" + a country;
    "the head of the X state"; and the descriptive phrases of the KB's role vocabulary (e.g. "the
    occupant of the Oval Office"). A role word directly followed by a person's name is a title
    ("President Ilham Aliyev"), not a description: the name itself is linked instead.
    """
    lowered = doc.text.lower()
    for phrase, phrase_role, of in kb.role_phrases():
        for match in re.finditer(r"\b" + re.escape(phrase) + r"\b", lowered):
            # The phrase's first word is its head: names inside it ("the Oval Office") keep their mentions.
            first_word = len(phrase.split()[0])
            yield RoleMatch(
                match.start(), match.end(), phrase_role, of, match.start(), match.start() + first_word
            )
    for match in _HEAD_OF_STATE.finditer(doc.text):
        country = kb.country_by_adjective(match.group(1))
        if country:
            head = match.start() + len("the ")
            yield RoleMatch(match.start(), match.end(), "head of state", country, head, head + len("head"))
    for token in doc:
        role = kb.role(token.lower_) if token.pos_ in ("NOUN", "PROPN") else None
        if role is None:
            compound = _two_word_role(token, kb)
            if compound is None:
                continue
            role, first = compound
        else:
            first = token
        if _is_title(token):
            continue
        country = _country_before(first, kb) or _country_after(token, kb)
        if country is None:
            continue
        start = _description_start(first)
        end = token.idx + len(token.text)
        yield RoleMatch(start.idx, end, role, country, first.idx, end)


def _two_word_role(token: Token, kb: KnowledgeBase) -> tuple[str, Token] | None:
    """ "prime minister", "foreign minister": a role written as two words ending at ``token``."""
    if token.i == 0:
        return None
    previous = token.doc[token.i - 1]
    role = kb.role(f"{previous.lower_} {token.lower_}")
    return (role, previous) if role else None


def _is_title(token: Token) -> bool:
    """``President`` in "President Ilham Aliyev": a role word directly before a person's name."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.ent_type_ == "PERSON" and following.ent_iob_ == "B"


def _country_before(first: Token, kb: KnowledgeBase) -> str | None:
    """The country named just before the role: "the U.S. president", "Azerbaijan's president"."""
    i = first.i - 1
    doc = first.doc
    if i >= 0 and doc[i].tag_ == "POS":
        i -= 1
    if i < 0:
        return None
    word = doc[i].text
    return kb.country_by_adjective(word) or _country_by_name(word, kb)


def _country_after(token: Token, kb: KnowledgeBase) -> str | None:
    """The country in "the president of Azerbaijan" / "the head of the Azerbaijani state"."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "of":
        return None
    window = doc[token.i + 2 : token.i + 6]
    for word in window:
        if word.is_punct:
            break
        country = kb.country_by_adjective(word.text) or _country_by_name(word.text, kb)
        if country:
            return country
    return None


def _description_start(first: Token) -> Token:
    """Extend a role description left over its determiner and country words."""
    doc = first.doc
    i = first.i
    while i > 0 and (doc[i - 1].lower_ in ("the", "a") or doc[i - 1].tag_ in ("NNP", "POS", "JJ")):
        i -= 1
        if doc[i].lower_ in ("the", "a"):
            break
    return doc[i]


def country_in_name(span: Span, kb: KnowledgeBase) -> str | None:
    """The one country a name the KB does not know contains: "the Latvian Constitutional Court" → LVA.

    A word of the name that is a country's name, adjective or capital ("Montenegro Assembly",
    "Western Cambodia", "Baghdad University") places an unknown organisation or place in that
    country; ``None`` when no word does, or when words name different countries.
    """
    found: set[str] = set()
    for token in span:
        if not token.is_alpha or not token.text[:1].isupper() or token.lower_ == "the":
            continue
        country = (
            kb.country_by_adjective(token.text)
            or _country_by_name(token.text, kb)
            or _capital_of(token.text, kb)
        )
        if country:
            found.add(country)
    return next(iter(found)) if len(found) == 1 else None


def _capital_of(text: str, kb: KnowledgeBase) -> str | None:
    countries = {
        actor.id
        for candidate in kb.lookup(text)
        if candidate.via == "capital"
        and (actor := kb.actor(candidate.actor_id)) is not None
        and actor.kind == "country"
    }
    return next(iter(countries)) if len(countries) == 1 else None


def demonym_group(span: Span, kb: KnowledgeBase) -> str | None:
    """A group named by demonyms alone, "Bosnian Serbs" → BIH: the country of the first, the modifier.

    Only when every word is a country adjective or demonym and there are at least two of them.
    """
    words = [token for token in span if token.is_alpha and token.lower_ != "the"]
    if len(words) < 2:
        return None
    countries = [kb.country_by_adjective(token.text) for token in words]
    return countries[0] if all(countries) else None


def person_name_variants(text: str, kb: KnowledgeBase) -> list[str]:
    """The person's name in ``text`` without its leading titles: "Lt. Gen. Prosper Avril" → "Prosper Avril".

    Titles are abbreviations and words the role or agent vocabulary knows ("Archbishop"); two words
    are always kept.
    """
    variants = []
    words = text.split()
    while len(words) > 2 and (
        words[0].endswith(".") or kb.role(words[0]) is not None or kb.agent_sector(words[0]) is not None
    ):
        words = words[1:]
        variants.append(" ".join(words))
    return variants


def given_and_surname(text: str, kb: KnowledgeBase) -> list[str]:
    """KB people whose given name and surname are those of ``text``: "Carlos Menem" → Carlos Saúl Menem.

    The KB often holds the full name with middle names; the text leaves them out.
    """
    words = text.split()
    if len(words) < 2:
        return []
    first = fold(words[0]).casefold()
    found = []
    surname = " ".join(words[-2:]) if words[-2].casefold() in ("al", "el") else words[-1]
    for candidate in kb.lookup(surname):
        if candidate.via != "surname":
            continue
        actor = kb.actor(candidate.actor_id)
        if actor is not None and actor.kind == "person" and fold(actor.name.split()[0]).casefold() == first:
            found.append(actor.id)
    return list(dict.fromkeys(found))


#: Prepositions that take places, not people ("at Trump", "via Smith" can be people).
PERSONLESS_PREPOSITIONS = frozenset({"in", "near", "into", "outside", "inside", "across", "around"})

#: Words written before a surname that make it a person: "Mr Alzoubi", "Dr Karim".
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "lord", "lady"})


def title_spans(doc: Doc, kb: KnowledgeBase) -> list[tuple[int, int]]:
    """Person mentions the NER tends to miss, as token ranges.

    * a capitalised role used alone as a noun phrase: "The Foreign Secretary said", "the Prime
      Minister" (not a title before a name: "Prime Minister Theresa May");
    * a surname the KB knows after a role or an honorific: "President Hollande", "Mr Alzoubi" is
      found only when the KB knows the surname.
    """
    found: list[tuple[int, int]] = []
    for token in doc:
        if not token.is_title:
            continue
        two = _two_word_role(token, kb)
        if two is not None and two[1].is_title:
            first = two[1]
        elif kb.role(token.lower_) is not None or token.lower_ in HONORIFICS:
            first = token
        else:
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.is_title and following.pos_ == "PROPN":
            rest = doc[token.i + 2] if token.i + 2 < len(doc) else None
            single = rest is None or not (rest.is_title and rest.pos_ == "PROPN")
            if single and any(c.via == "surname" for c in kb.lookup(following.text)):
                found.append((following.i, following.i + 1))
            continue
        if token.lower_ not in HONORIFICS:
            found.append((first.i, token.i + 1))
    return found


def place_not_person(span: Span) -> Span | None:
    """A place the NER took for a person: "Near Palmyra" → "Palmyra", "fighting in Raqqah".

    Returns the place's span (label ``GPE``), or ``None`` when ``span`` reads as a person.
    """
    first = span[0]
    if first.lower_ in PERSONLESS_PREPOSITIONS and len(span) > 1:
        return Span(span.doc, span.start + 1, span.end, label="GPE")
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in PERSONLESS_PREPOSITIONS:
        return Span(span.doc, span.start, span.end, label="GPE")
    return None


def title_country(span: Span, kb: KnowledgeBase) -> str | None:
    """The country a person's title names before the name: "Nigerian junior foreign minister Dubem
    Oniya" → NGA, "Niger's ambassador Brah Mohamane" → NER; ``None`` when the words before the name
    (its compounds, adjectives and possessors) name no country or several."""
    found: set[str] = set()
    stack = [t for t in span.root.children if t.i < span.start and t.dep_ in _TITLE_DEPS]
    while stack:
        token = stack.pop()
        if token.text[:1].isupper() and token.is_alpha:
            country = kb.country_by_adjective(token.text) or _country_by_name(token.text, kb)
            if country is not None:
                found.add(country)
        stack.extend(t for t in token.children if t.i < token.i and t.dep_ in _TITLE_DEPS)
    return next(iter(found)) if len(found) == 1 else None


#: Dependencies of the words of a title before a name ("Kyrgyz Prime Minister", "Niger's ambassador").
_TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
