"""Whom a technique span is about, and with what tone.

**Target** — the first of these that names an actor (``doc._.actor_mentions`` with an actor id):

1. a possessive just before the span ("Azerbaijan's outstanding achievements" → Azerbaijan,
   read from the word order: the parser often misattaches it); then the syntax around the
   span's root: the noun an adjective or adverb modifies ("Russian aggression"), then each head
   above it up to the clause, and the possessor or compound of each;
2. a mention inside the span itself ("the Dems", "radical Islamists from Syria");
3. the clause: the subject of the verb that governs the span, else its object;
4. for clause-long spans (six tokens or more), the nearest mention in the same sentence; a
   short span without an actor in its syntax ("the ill-fated Section 907") has no target.

Places (actor kind ``location``) are taken only by the first two rules: a city named nearby is
rarely whom a sentence praises or attacks.

**Polarity** — the evaluative words of the span (our list, else VADER's strongly valenced words:
:mod:`dragoman.framing.lexicon`; a negator just before one turns it), else none. Not the tone a
technique usually carries (name-calling attacks, flag-waving praises): the detected technique is
often wrong, and on our development annotations (``tests/data/framing_targets/dev.tsv``) that
guess was right less often than no tone. Spans without a target get no polarity (the record's
contract: tone is *toward* an actor).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dragoman.framing.lexicon import NEGATIVE, NEGATORS, POSITIVE, PolarityLexicon
from dragoman.record import Mention

#: Dependencies by which a word hangs on the noun or verb it describes.
_MODIFIER_DEPS = frozenset({"amod", "advmod", "acomp", "compound", "nummod", "npadvmod", "det", "poss"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
_OBJECT_DEPS = ("dobj", "attr", "dative", "pobj", "oprd")
#: Spans this long (tokens) are about their clause: they may take the nearest actor as target.
CLAUSE_TOKENS = 6
_PLACE_KINDS = frozenset({"location", "place"})


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """The linked mentions of a document, by character, for quick look-ups."""

    mentions: tuple[Mention, ...]
    places: frozenset[str]
    by_token: dict[int, str]
    sentence_starts: tuple[int, ...]
    text_length: int

    @classmethod
    def of(cls, doc: Doc) -> MentionIndex:
        mentions = tuple(m for m in (doc._.actor_mentions or ()) if m.actor)
        actors = doc._.actors or {}
        places = frozenset(a for a, entry in actors.items() if entry.get("kind") in _PLACE_KINDS)
        by_token: dict[int, str] = {}
        # Longest first, so that the innermost mention of a token is the one kept.
        for m in sorted(mentions, key=lambda m: m.start - m.end):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            for i in range(span.start, span.end) if span is not None and m.actor else ():
                by_token[i] = m.actor
        # ``Span.sent`` and ``Doc.text`` walk the whole Doc on every call: computed once here.
        starts = tuple(s.start_char for s in doc.sents)
        return cls(mentions, places, by_token, starts, len(doc.text))

    def sentence_chars(self, char: int) -> tuple[int, int]:
        """``[start, end)`` character offsets of the sentence holding ``char``."""
        at = bisect_right(self.sentence_starts, char) - 1
        start = self.sentence_starts[at] if at >= 0 else 0
        end = self.sentence_starts[at + 1] if at + 1 < len(self.sentence_starts) else self.text_length
        return start, end

    def at_token(self, token: Token) -> str | None:
        """The actor of the innermost mention that covers ``token``, if any."""
        return self.by_token.get(token.i)

    def inside(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def nearest(self, start: int, end: int) -> str | None:
        """The actor of the mention nearest ``[start, end)`` in its sentence, places aside."""
        sent_start, sent_end = self.sentence_chars(start)
        nearby = [m for m in self.mentions
                  if sent_start <= m.start and m.end <= sent_end and m.actor not in self.places]  # fmt: skip
        if not nearby:
            return None
        middle = (start + end) / 2
        return min(nearby, key=lambda m: abs((m.start + m.end) / 2 - middle)).actor


def _at_subtree_edge(token: Token, index: MentionIndex) -> str | None:
    """The actor named by ``token`` or by its possessor or compound children."""
    actor = index.at_token(token)
    if actor:
        return actor
    for child in token.children:
        if child.dep_ in ("poss", "compound", "nmod"):
            actor = index.at_token(child)
            if actor:
                return actor
    return None


def _possessor_before(span: Span, index: MentionIndex) -> str | None:
    """The actor of a possessive just before the span's words ("Azerbaijan's outstanding
    achievements"), read from the token order, not the parse, which often misplaces it."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].pos_ in ("ADJ", "ADV", "DET", "CCONJ") or doc[i].text == ","):
        i -= 1
    if i >= 1 and doc[i].tag_ == "POS":
        return index.at_token(doc[i - 1])
    return None


def find_target(span: Span, index: MentionIndex) -> str | None:
    """The actor id ``span`` is about, by the rules of the module docstring, or ``None``."""
    root = span.root
    # 1. Upwards from the root, to the first verb: the described noun, its possessor, its head.
    # Token objects are views made afresh on each access: compare positions, never identities.
    token: Token | None = root.head if root.dep_ in _MODIFIER_DEPS and root.head.i != root.i else root
    possessor = _possessor_before(span, index)
    if possessor:
        return possessor
    steps = 0
    while token is not None and steps < 4:
        actor = _at_subtree_edge(token, index)
        if actor:
            return actor
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
        steps += 1
    # 2. A mention inside the span.
    inner = index.inside(span.start_char, span.end_char)
    if inner:
        people = [m for m in inner if m.actor not in index.places] or inner
        return people[0].actor
    # 3. The clause's subject, else its object (the clause of the described word, if any).
    verb = token if token is not None else root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for deps in (_SUBJECT_DEPS, _OBJECT_DEPS):
        for child in verb.children:
            if child.dep_ in deps:
                actor = _first_actor(child.subtree, index)
                if actor:
                    return actor
    # 4. For clause-long spans, the nearest mention in the sentence.
    if len(span) < CLAUSE_TOKENS:
        return None
    return index.nearest(span.start_char, span.end_char)


def _first_actor(tokens: Iterable[Token], index: MentionIndex) -> str | None:
    for token in tokens:
        actor = index.at_token(token)
        if actor and actor not in index.places:
            return actor
    return None


def find_polarity(span: Span, lexicon: PolarityLexicon) -> str | None:
    """``positive``, ``negative`` or ``None`` for the tone of ``span`` (see the module docstring)."""
    score = 0
    for token in span:
        tone = lexicon.tone(token.lower_) or lexicon.tone(token.lemma_.lower())
        if tone is None:
            continue
        sign = 1 if tone == POSITIVE else -1
        for back in range(token.i - 1, max(token.i - 4, -1), -1):
            if span.doc[back].lower_ in NEGATORS:
                sign = -sign
                break
            if span.doc[back].is_sent_start:
                break
        score += sign
    if score > 0:
        return POSITIVE
    if score < 0:
        return NEGATIVE
    return None


def target_and_tone(
    span: Span, index: MentionIndex, lexicon: PolarityLexicon
) -> tuple[str | None, str | None]:
    """The actor ``span`` is about and the span's tone toward it; no tone without a target."""
    target = find_target(span, index)
    return target, find_polarity(span, lexicon) if target else None
