"""Finding and coding events: triggers from the verb and noun lexicon, arguments from the parse.

For each sentence, every verb whose lemma the lexicon knows is a candidate trigger; its CAMEO code
is that of the most specific verb pattern whose words occur around it (subject side / object side),
else the verb's own code. A pattern coded ``---`` means "no event" ("ask a question"). Event nouns
("invitation", "talks", "sanctions") are triggers when they name an actor of their own and no
coded verb already governs them ("launched an attack": the verb codes it). An event whose trigger
completes another coded event ("threatened to attack", "agreed that they should cooperate") is the
governor's content, not a second event. Events need at least one actor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dragoman.events.arguments import (
    Arguments,
    MentionIndex,
    date_precision,
    event_date,
    noun_arguments,
    verb_arguments,
)
from dragoman.events.factuality import SPEECH_VERBS, Factuality, factuality
from dragoman.events.lexicon import Coding, EventLexicon, Item, Pattern, load_lexicon
from dragoman.record import Event

#: Dependencies between a verb and what it governs whose object side a pattern may look into.
_OBJECT_SIDE_STOP = frozenset(
    {"ccomp", "advcl", "relcl", "parataxis", "nsubj", "nsubjpass", "punct", "mark", "cc"}
)
#: Dependencies by which an event is the content of the coded event above it ("threatened to attack",
#: "agreed that they should cooperate", "accused them of attacking").
_EMBEDDED_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "prep"})
#: Types whose future-tense report is coded AGREE (an intention to cooperate): PLOVER 0.8 (3.1) names
#: CONSULT, SUPPORT, COOPERATE and AID; the PLOVER gold records also code future concessions and
#: retreats ("said they will release…") as AGREE, and so do we (the factuality stays "future").
FUTURE_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
#: Meetings: reciprocal events whose parties are all the actor (PLOVER manual 2.4.2).
RECIPROCAL_TRIGGERS = frozenset(
    [
        "meet",
        "talk",
        "negotiate",
        "discuss",
        "telephone",
        "phone",
        "confer",
        "consult",
        "converse",
        "talks",
        "meeting",
        "negotiation",
        "dialogue",
        "consultation",
        "conversation",
        "summit",
    ]
)
#: Base confidence of a trigger coded by a pattern, by the verb's own code, and by an event noun.
PATTERN_CONFIDENCE, VERB_CONFIDENCE, NOUN_CONFIDENCE = 0.8, 0.65, 0.55


class EventCoder:
    """Codes a parsed document's events. ``lexicon`` defaults to the package's."""

    def __init__(self, lexicon: EventLexicon | None = None) -> None:
        from dragoman.kb import load_kb

        self.lexicon = lexicon or load_lexicon()
        self.kb = load_kb()

    def events(self, doc: Doc) -> tuple[list[Event], dict[str, dict]]:
        """The events of ``doc`` (which needs ``doc._.actor_mentions``, ``doc._.actors``, ``doc._.timexes``),
        and the entries of actors they name that ``doc._.actors`` lacks (a capital's country)."""
        index = MentionIndex(
            doc,
            doc._.actor_mentions or (),
            doc._.actors or {},
            self._country_entry(doc._.dct),
            self.kb.agent_sector,
        )
        found: list[Event] = []
        for sentence in doc.sents:
            found.extend(self._sentence_events(sentence, index, doc._.timexes or [], doc._.dct))
        return found, index.added

    def _country_entry(self, day: dt.date | None) -> Callable[[str], dict | None]:
        from dragoman.nlp.actors import actor_entry

        def entry(country: str) -> dict | None:
            actor = self.kb.actor(country)
            return actor_entry(actor, day) if actor is not None else None

        return entry

    # --- triggers -------------------------------------------------------------------------------

    def code_verb(self, verb: Token) -> tuple[str | None, float]:
        """The CAMEO code of a verb in context (``None``: no event) and the coding's confidence."""
        if verb.lower_ == "according":
            return None, 0.0  # "according to": lemmatised "accord", never an event
        lemma = verb.lemma_.lower()
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        lemmas = [f"{lemma} {particle}", lemma] if particle else [lemma]
        sides: tuple[_Side, _Side] | None = None
        for key in lemmas:
            if key not in self.lexicon.verb_blocks:
                continue
            own = self.lexicon.verb_codes.get(key)
            sides = sides or (_Side.of(_subject_side(verb)), _Side.of(_object_side(verb)))
            matched: list[Pattern] = []
            for candidate in self.lexicon.verb_patterns(key):  # most specific first
                if matched and candidate.size < matched[0].size:
                    break
                if _foreign(candidate, key, own):
                    continue
                if _matches(candidate, sides):
                    matched.append(candidate)
            if matched:
                # The most specific pattern; among equals, one whose words are the text's own forms
                # ("lift * sanctions" over "lift * sanction" for "lifted sanctions").
                best = max(p.size for p in matched)
                surface = {t.lower_ for t in verb.subtree}
                pattern = max(
                    (p for p in matched if p.size == best),
                    key=lambda p: all(w in surface for i in p.right for a in i.words for w in a.split()),
                )
                return (None if pattern.code == "-" else pattern.code), PATTERN_CONFIDENCE
            code = self.lexicon.verb_codes.get(key)
            if code:
                return (None if code == "-" else code), VERB_CONFIDENCE
        return None, 0.0

    def code_noun(self, noun: Token) -> str | None:
        """The CAMEO code of an event noun ("talks", "phone call"), if it is one."""
        lemma = noun.lemma_.lower()
        compound = next((c.lemma_.lower() for c in noun.children if c.dep_ == "compound"), None)
        if compound and f"{compound} {lemma}" in self.lexicon.nouns:
            return self.lexicon.nouns[f"{compound} {lemma}"]
        return self.lexicon.nouns.get(lemma) or self.lexicon.nouns.get(noun.lower_)

    def _sentence_events(
        self, sentence: Span, index: MentionIndex, timexes: list, dct: dt.date | None
    ) -> list[Event]:
        coded: dict[int, tuple[str, float, bool]] = {}
        for token in sentence:
            if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux" and token.dep_ != "auxpass":
                code, confidence = self.code_verb(token)
                if code is not None and self.lexicon.coding(code) is not None:
                    coded[token.i] = (code, confidence, True)
            elif (
                token.pos_ in ("NOUN", "PROPN")
                and (code := self.code_noun(token)) is not None
                and self.lexicon.coding(code) is not None
                # A noun inside an actor's name ("the Consultative Meeting") names, it does not report.
                and token.i not in index.by_token
            ):
                coded[token.i] = (code, NOUN_CONFIDENCE, False)
        for i in [i for i in coded if _only_modal(sentence.doc[i], coded)]:
            del coded[i]
        for i in [i for i in coded if _appealed(sentence.doc[i], coded)]:
            # "urged North Korea to comply", "called on member states to recognize Guaido": what an
            # appeal asks for has not happened, and PLOVER codes no appeal (CAMEO 02 is dropped).
            del coded[i]
        for speaker, demanded in _demands(sentence):
            # "X said that Y must do Z" is X's demand on Y (PLOVER REQUEST), not Z.
            if speaker.i not in coded or not coded[speaker.i][0].startswith("13"):  # a warning stays a threat
                coded[speaker.i] = (DEMAND_CODE, PATTERN_CONFIDENCE, True)
            coded.pop(demanded.i, None)
        for i, (code, confidence, is_verb) in list(coded.items()):
            # "sworn to fight", "vowed to retaliate": a promise of conflict is a threat (PLOVER 3.11).
            coding = self.lexicon.coding(code)
            if (
                coding is not None
                and coding.type == "AGREE"
                and _promises_conflict(sentence.doc[i], coded, self.lexicon)
            ):
                coded[i] = (THREAT_CODE, confidence, is_verb)
        events: list[tuple[Token, Event]] = []
        topic = list(index.topic)
        for i, (code, confidence, is_verb) in sorted(coded.items()):
            trigger = sentence.doc[i]
            if _governed_by_event(trigger, coded):
                continue
            args = verb_arguments(trigger, index) if is_verb else noun_arguments(trigger, index)
            place = index.place_of(trigger)
            if is_verb and args.source and not args.target and place is not None and place not in args.source:
                # "arrived in Amman", "set up a centre in Tokyo": the place's country is the recipient.
                args = Arguments(args.source, (index.country_of(place),))
            if not args.source and not is_verb and args.target and topic:
                args = Arguments(tuple(a for a in topic if a not in args.target), args.target)
                confidence -= 0.15
            if args.source:
                topic = list(args.source)
            if not (args.source or args.target):
                continue
            events.append(
                (trigger, self._event(trigger, sentence, code, confidence, args, place, timexes, dct, index))
            )
        index.topic = _sentence_topic(sentence, index) or index.topic
        # Events in modifier and adjunct clauses ("the board he established", "…, focused on
        # resolving") are background to the sentence's statement: kept only when it states none.
        triggers = {trigger.i for trigger, _ in events}
        main = [event for trigger, event in events if _on_main_chain(trigger, triggers)]
        return main or [event for _, event in events]

    def _event(
        self,
        trigger: Token,
        sentence: Span,
        code: str,
        confidence: float,
        args: Arguments,
        place: str | None,
        timexes: list,
        dct: dt.date | None,
        index: MentionIndex,
    ) -> Event:
        coding = self.lexicon.coding(code)
        assert coding is not None
        fact = factuality(trigger, sentence)
        refusal, threat = _refused(trigger, coding.type, fact.value), _threat(trigger, coding.type)
        if refusal or threat:
            # "said it would not meet…" is a refusal (REJECT); "will withdraw … unless…", "could
            # strike if…" a threat (THREATEN): the statement itself is what happened.
            recoded = self.lexicon.coding("120" if refusal else "130")
            assert recoded is not None
            coding = Coding(code, recoded.type, None, coding.context, recoded.intensity)
            fact = Factuality(
                "asserted" if refusal else fact.value, fact.attributed_to, fact.attributed_token, fact.quote
            )
        if fact.value == "future" and coding.type in CONFLICTUAL - {"RETREAT"}:
            # A conflictual action announced for the future is a threat ("would tighten the blockade").
            recoded = self.lexicon.coding("130")
            assert recoded is not None
            coding = Coding(coding.cameo, recoded.type, None, coding.context, recoded.intensity)
        if coding.type == "CONSULT" and args.source and args.target and _reciprocal(trigger):
            # PLOVER 2.4.2: in a meeting all parties are the actor and there is no recipient.
            args = Arguments(args.source + args.target, ())
        if fact.value == "future" and coding.type in FUTURE_AGREE:
            # PLOVER 3.1: cooperation reported in the future tense is an intention, coded AGREE.
            coding = Coding(
                coding.cameo, "AGREE", None, coding.context, self.lexicon.scores.get(("AGREE", None))
            )
        attributed_actor = None
        if fact.attributed_token is not None:
            actors = index.of_phrase(fact.attributed_token)
            attributed_actor = actors[0] if actors else None
        timex = event_date(trigger, timexes, (sentence.start_char, sentence.end_char))
        date: str | None
        precision: str | None
        date_span: tuple[int, int] | None
        if timex is not None:
            date, precision, date_span = timex.value, date_precision(timex.value), (timex.start, timex.end)
        else:
            date, precision, date_span = (dct.isoformat() if dct else None), ("day" if dct else None), None
        if not args.source:
            confidence -= 0.1
        if not args.target:
            confidence -= 0.05
        return Event(
            type=coding.type,
            mode=coding.mode,
            context=coding.context,
            cameo=code,
            intensity=coding.intensity,
            source=args.source,
            target=args.target,
            sentence=(sentence.start_char, sentence.end_char),
            trigger=(trigger.idx, trigger.idx + len(trigger)),
            trigger_text=trigger.text,
            factuality=fact.value,
            attributed_to=fact.attributed_to,
            attributed_actor=attributed_actor,
            quote=fact.quote,
            date=date,
            date_precision=precision,
            date_span=date_span,
            location=place,
            confidence=round(max(confidence, 0.05), 2),
        )


#: Dependencies along which a clause is part of the sentence's main statement (not a modifier).
MAIN_DEPS = frozenset({"ROOT", "conj", "ccomp", "xcomp", "parataxis"})


def _on_main_chain(token: Token, triggers: set[int]) -> bool:
    """Whether the trigger belongs to the sentence's main statement: every step up to the root is a
    coordination or a complement ("X said Y attacked Z"), not a modifier or an adjunct clause."""
    current = token
    if current.dep_ == "acl" and current.head.i in triggers:
        current = current.head  # "Trump's signing of the decree to suspend…": the event noun's content
    if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "attr", "nsubj", "nsubjpass"):
        current = current.head  # "speeded up the withdrawal", "held talks": the verb's own object
    while current.dep_ != "ROOT":
        if current.dep_ == "pcomp" and current.head.head.lemma_.lower() in SPEECH_VERBS:
            current = current.head.head  # "accused Pyongyang of supplying": the allegation's content
            continue
        if current.dep_ not in MAIN_DEPS:
            return False
        current = current.head
    return True


def _reciprocal(trigger: Token) -> bool:
    """Whether all parties of the event act together (PLOVER 2.4.2): a meeting ("met", "held talks")."""
    words = {trigger.lemma_.lower()} | {c.lemma_.lower() for c in trigger.children if c.dep_ == "dobj"}
    return bool(words & RECIPROCAL_TRIGGERS)


def _sentence_topic(sentence: Span, index: MentionIndex) -> list[str]:
    """The actors the sentence's main clause is about (its root's subject), for event nouns with no
    source of their own in the next sentence ("… sees Aliyev as the leader. This was evident in the
    invitation extended to …": the invitation is the subject's)."""
    root = sentence.root
    for child in root.children:
        if child.dep_ == "nsubj":
            actors = [a for a in index.of_phrase(child) if index.kind(a) in ("person", "country", "igo")]
            if actors:
                return actors
    return []


#: Verbs that only frame the event they govern ("plans to deploy", "is expected to meet"): when the
#: governed verb is an event, it is the event, and these give its factuality.
MODAL_GOVERNORS = frozenset(
    [
        "plan",
        "decide",
        "intend",
        "expect",
        "schedule",
        "set",
        "go",
        "due",
        "aim",
        "seek",
        "try",
        "attempt",
        "want",
        "wish",
        "hope",
        "consider",
        "prepare",
        "continue",
        "begin",
        "start",
        "mull",
        "weigh",
        "contemplate",
    ]
)


#: The CAMEO code given to a reported obligation ("must", "should"): a demand.
DEMAND_CODE = "100"
#: The CAMEO code of a threat.
THREAT_CODE = "130"
#: Modals and semi-modals of obligation.
OBLIGATION = frozenset({"must", "should"})


#: Types whose announced refusal is a REJECT, and whose conditional announcement is a THREATEN.
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
CONFLICTUAL = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "RETREAT"})
_REFUSAL_MODALS = frozenset({"will", "would", "wo", "'ll", "can", "could", "ca", "shall"})


def _refused(trigger: Token, type_: str, value: str) -> bool:
    """A cooperative event announced as not going to happen ("would not meet", "won't allow")."""
    if value != "negated" or type_ not in COOPERATIVE:
        return False
    return any(c.dep_ == "aux" and c.lower_ in _REFUSAL_MODALS for c in trigger.children)


def _threat(trigger: Token, type_: str) -> bool:
    """An action announced on a condition: anything "unless…", a conflictual one "if…"."""
    for clause in (c for c in trigger.children if c.dep_ == "advcl"):
        marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
        if "unless" in marks or ("if" in marks and type_ in CONFLICTUAL):
            return True
    return False


def _promises_conflict(
    token: Token, coded: dict[int, tuple[str, float, bool]], lexicon: EventLexicon
) -> bool:
    for child in token.children:
        infinitive = child.dep_ == "advcl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        )
        if (child.dep_ == "xcomp" or infinitive) and child.i in coded:
            coding = lexicon.coding(coded[child.i][0])
            if coding is not None and coding.type in CONFLICTUAL - {"RETREAT"}:
                return True
    return False


def _demands(sentence: Span) -> list[tuple[Token, Token]]:
    """(saying verb, obliged verb) pairs: "declared that China must drop barriers", "a reminder to
    Iraq that it must cooperate" (the clause may hang off the saying verb's object)."""
    pairs = []
    for token in sentence:
        if token.pos_ != "VERB" or token.lemma_.lower() not in SPEECH_VERBS | {"conclude", "issue", "insist"}:
            continue
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        clauses += [
            c for o in token.children if o.dep_ == "dobj" for c in o.children if c.dep_ in ("acl", "ccomp")
        ]
        for clause in clauses:
            if any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in clause.children):
                pairs.append((token, clause))
                break
    return pairs


#: Verbs of appeal: no PLOVER event themselves, and what they ask for is no event either.
APPEAL_VERBS = frozenset(
    {"urge", "call", "ask", "appeal", "press", "encourage", "exhort", "implore", "beg", "plead"}
)


def _appealed(token: Token, coded: dict[int, tuple[str, float, bool]]) -> bool:
    current = token
    for _ in range(3):
        if (
            current.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "advcl", "dobj")
            or current.head.i == current.i
        ):
            return False
        current = current.head
        if current.lemma_.lower() in APPEAL_VERBS and current.i not in coded:
            return True
        if current.i in coded:
            return False
    return False


def _only_modal(token: Token, coded: dict[int, tuple[str, float, bool]]) -> bool:
    return token.lemma_.lower() in MODAL_GOVERNORS and any(
        c.dep_ == "xcomp" and c.i in coded for c in token.children
    )


def _governed_by_event(trigger: Token, coded: dict[int, tuple[str, float, bool]]) -> bool:
    """Whether the trigger is the content of a coded event above it ("threatened to attack")."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        # "expressed gratitude", "launched an attack on": the verb codes the noun it governs.
        head = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        if trigger.dep_ in ("dobj", "attr", "pobj", "nsubjpass") and head.i in coded:
            return True
    current = trigger
    for _ in range(3):
        if current.dep_ not in _EMBEDDED_DEPS or current.head.i == current.i:
            return False
        current = current.head
        if current.i in coded:
            # What someone says, claims or alleges is an event of its own ("claimed that police raided").
            return current.lemma_.lower() not in SPEECH_VERBS
        if current.pos_ in ("NOUN", "PROPN"):
            return False
    return False


def _foreign(pattern: Pattern, verb: str, own: str | None) -> bool:
    """A pattern written for another verb of the block that would move this verb out of its own
    CAMEO root ("accused … of" as 161 because of a pattern for "boycott")."""
    if not pattern.written_for or verb in pattern.written_for or not own or own == "-" or pattern.code == "-":
        return False
    return pattern.code[:2] != own[:2]


# --- pattern matching ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Side:
    """One side of a verb, prepared once for all its patterns: word and lemma per token, which
    tokens are prepositions, and every form present."""

    forms: list[tuple[str, str]]
    prepositions: list[bool]
    present: frozenset[str]

    @classmethod
    def of(cls, tokens: list[Token]) -> _Side:
        forms = [(t.lower_, t.lemma_.lower()) for t in tokens]
        return cls(
            forms,
            [t.dep_ in ("prep", "dative", "agent") for t in tokens],
            frozenset(f for pair in forms for f in pair),
        )


def _object_side(verb: Token) -> list[Token]:
    """What follows the verb in its clause, and in the passive its subject ("sanctions were lifted")."""
    tokens: list[Token] = []
    stack = [c for c in verb.children if c.i > verb.i and c.dep_ not in _OBJECT_SIDE_STOP]
    stack += [c for c in verb.children if c.dep_ == "nsubjpass"]
    while stack:
        token = stack.pop()
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in ("ccomp", "relcl", "advcl", "parataxis"))
    return sorted(tokens, key=lambda t: t.i)


def _subject_side(verb: Token) -> list[Token]:
    return sorted(
        (t for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree), key=lambda t: t.i
    )


def _matches(pattern: Pattern, sides: tuple[_Side, _Side]) -> bool:
    left, right = sides
    if pattern.right and not _side_matches(pattern.right, right):
        return False
    if pattern.left and not _side_matches(pattern.left, left):
        return False
    return bool(pattern.left or pattern.right)


def _side_matches(items: Iterable[Item], side: _Side) -> bool:
    forms, present = side.forms, side.present
    if not forms:
        return False
    for item in items:
        if item.preposition is not None:
            preps = [
                i for i, (low, _) in enumerate(forms) if low == item.preposition and side.prepositions[i]
            ]
            if not preps:
                return False
            if item.words and not any(_phrase_at(item.words, forms, present, p + 1) for p in preps):
                return False
        elif not _phrase_at(item.words, forms, present, 0):
            return False
    return True


def _phrase_at(
    alternatives: frozenset[str], forms: list[tuple[str, str]], present: frozenset[str], start: int
) -> bool:
    """Whether one of the alternatives occurs in ``forms[start:]`` (as words or lemmas, contiguous)."""
    for phrase in alternatives:
        words = phrase.split()
        if words[0] not in present:
            continue
        n = len(words)
        for i in range(start, len(forms) - n + 1):
            if all(words[k] in forms[i + k] for k in range(n)):
                return True
    return False
