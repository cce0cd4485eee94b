"""How the text presents an event: asserted, attributed, hypothetical, future or negated.

Read from the parse around the trigger and up its chain of governing verbs:

- **negated**: a negation on the trigger or on a verb it completes ("did not attend", "never agreed
  to meet"), or "no"/"without" before an event noun;
- **hypothetical**: a modal (may, might, could, would, should), a condition ("if", "unless"), or a
  governor of possibility ("consider", "aim", "seek to");
- **future**: "will"/"shall", "be going to", or a governor of intention ("plan", "intend",
  "expect", "schedule", "prepare to");
- **attributed**: the event is the content of someone's saying, reporting or believing ("X said
  Y attacked", "reports emerged that", "according to analysts"), or inside quotation marks.

The first that applies wins in that order (a plan someone reports is still a plan). Whoever the
claim is credited to is kept whatever the factuality (``attributed_to``), with a quotation's
offsets where the event sits inside one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

#: Verbs whose clausal complement is someone's claim.
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "report",
        "claim",
        "allege",
        "suggest",
        "note",
        "state",
        "announce",
        "add",
        "insist",
        "believe",
        "think",
        "argue",
        "contend",
        "assert",
        "write",
        "estimate",
        "predict",
        "warn",
        "accuse",
        "confirm",
        "deny",
        "reveal",
        "indicate",
        "acknowledge",
        "admit",
        "explain",
        "declare",
        "stress",
        "emphasise",
        "emphasize",
        "point",
        "observe",
        "remark",
        "recall",
        "speculate",
        "suspect",
        "fear",
        "hope",
        "know",
        "understand",
        "learn",
        "quote",
        "cite",
        "emerge",
        "surface",
        "circulate",
    ]
)
#: Nouns that credit a claim: "reports emerged that…", "the claim that…".
SPEECH_NOUNS = frozenset(
    [
        "report",
        "reports",
        "claim",
        "claims",
        "allegation",
        "rumour",
        "rumor",
        "statement",
        "news",
        "word",
        "speculation",
    ]
)
HYPOTHETICAL_MODALS = frozenset({"may", "might", "could", "would", "should", "can", "must"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})
FUTURE_GOVERNORS = frozenset(["ready", "willing", "prepared", "swear", "determined"]) | frozenset(
    {
        "plan",
        "intend",
        "expect",
        "schedule",
        "prepare",
        "set",
        "go",
        "due",
        "vow",
        "pledge",
        "promise",
        "agree",
    }
)
HYPOTHETICAL_GOVERNORS = frozenset(
    {
        "consider",
        "aim",
        "seek",
        "try",
        "attempt",
        "want",
        "wish",
        "mull",
        "weigh",
        "contemplate",
        "threaten",
        "propose",
        "offer",
        "hope",
        "able",
        "likely",
        "possible",
    }
)
CONDITIONS = frozenset({"if", "unless", "whether"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})
QUOTES = '"“”«»'

#: Dependencies through which an event completes its governor ("agreed to meet", "plans to visit").
COMPLEMENT_DEPS = frozenset({"xcomp", "acomp", "pcomp", "prep", "pobj"})


@dataclass(frozen=True, slots=True)
class Factuality:
    """The factuality of one event and who its claim is credited to."""

    value: str
    attributed_to: str | None = None
    attributed_token: Token | None = None
    quote: tuple[int, int] | None = None


def factuality(trigger: Token, sentence: Span) -> Factuality:
    """The factuality of the event whose trigger is ``trigger``."""
    speaker, speaker_token = _attribution(trigger, sentence)
    quote = _quotation(trigger, sentence)
    value = "asserted"
    if _negated(trigger):
        value = "negated"
    elif _hypothetical(trigger):
        value = "hypothetical"
    elif _future(trigger):
        value = "future"
    elif speaker is not None or quote is not None:
        value = "attributed"
    return Factuality(value, speaker, speaker_token, quote)


def _governors(trigger: Token, deps: frozenset[str] = COMPLEMENT_DEPS) -> list[Token]:
    """The trigger and the verbs (or event nouns) it completes, nearest first."""
    chain = [trigger]
    current = trigger
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass"):
        current = trigger.head  # "would tighten the blockade": the verb's modality is the noun's
        chain.append(current)
    while current.dep_ in deps and current.head.i != current.i:
        current = current.head
        chain.append(current)
    return chain


def _negated(trigger: Token) -> bool:
    for token in _governors(trigger, frozenset({"xcomp"})):
        if any(
            c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("det", "advmod")) for c in token.children
        ):
            return True
        # "No shots were fired", "Neither Washington nor Tehran sent …"
        for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
            if any(c.lower_ in ("no", "neither") and c.dep_ in ("det", "preconj") for c in subject.children):
                return True
    if trigger.pos_ == "NOUN":
        if any(c.lower_ in ("no", "without") for c in trigger.children):
            return True
        if trigger.head.lower_ == "without":
            return True
    return False


def _modals(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD"}


def _hypothetical(trigger: Token) -> bool:
    chain = _governors(trigger)
    for i, token in enumerate(chain):
        modals = _modals(token)
        if modals == {"would"} and _reported(token) and not _conditional(token):
            continue  # "Iraq said it would allow…": the future of a reported statement
        if modals & HYPOTHETICAL_MODALS:
            return True
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return True
        if i > 0 and token.lemma_.lower() in HYPOTHETICAL_GOVERNORS:
            return True
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children):
            return True
    return False


def _reported(token: Token) -> bool:
    return token.dep_ in ("ccomp", "conj") and token.head.lemma_.lower() in SPEECH_VERBS


def _conditional(token: Token) -> bool:
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
        for c in token.children
    )


def _future(trigger: Token) -> bool:
    for i, token in enumerate(_governors(trigger)):
        modals = _modals(token)
        if modals & FUTURE_MODALS or (modals == {"would"} and _reported(token) and not _conditional(token)):
            return True
        lemma = token.lemma_.lower()
        if i > 0 and lemma in FUTURE_GOVERNORS:
            if lemma == "go" and not any(
                c.lower_ in ("is", "are", "was", "were", "am", "be") for c in token.children
            ):
                continue
            return True
    return False


def _attribution(trigger: Token, sentence: Span) -> tuple[str | None, Token | None]:
    """The text (and head token) of whoever the event is credited to, if anyone."""
    current = trigger
    for _ in range(6):
        for child in current.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                return _according(child)
        head = current.head
        if head.i == current.i:
            break
        if current.dep_ in (
            "ccomp",
            "parataxis",
            "acl",
            "advcl",
            "relcl",
            "xcomp",
            "conj",
            "pcomp",
            "pobj",
            "prep",
            "dobj",
        ):
            if head.lemma_.lower() in SPEECH_VERBS and current.dep_ in ("ccomp", "parataxis", "conj"):
                return _subject_text(head)
            if head.lemma_.lower() in SPEECH_VERBS and current.dep_ == "prep" and current.lower_ == "of":
                return _subject_text(head)  # "accused Pyongyang of supplying…"
            if head.lemma_.lower() in SPEECH_VERBS and current.dep_ == "advcl" and _has_subject(head):
                return _subject_text(head)
            if head.lower_ in SPEECH_NOUNS and current.dep_ in ("acl", "ccomp", "relcl"):
                return head.text, head
        current = head
    # "X attacked Y, officials said": the speech verb is the root and the trigger its complement,
    # or the speech verb hangs off the trigger as parataxis.
    for child in trigger.children:
        # "As previously reported, …" has no one to credit: the outlet's own earlier reporting.
        if (
            child.dep_ in ("parataxis", "advcl")
            and child.lemma_.lower() in SPEECH_VERBS
            and _has_subject(child)
        ):
            return _subject_text(child)
    for token in sentence:
        if token.dep_ == "prep" and token.lower_ == "according" and token.head in _governors(trigger):
            return _according(token)
    return None, None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ != "it" for c in verb.children)


def _subject_text(verb: Token) -> tuple[str | None, Token | None]:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words = list(child.subtree)
            text = child.doc[words[0].i : words[-1].i + 1].text if len(words) <= 8 else child.text
            return text, child
    return verb.text, None


def _according(prep: Token) -> tuple[str | None, Token | None]:
    for child in prep.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return " ".join(t.text for t in obj.subtree), obj
    return "according to", None


def _quotation(trigger: Token, sentence: Span) -> tuple[int, int] | None:
    """The offsets of the quotation marks' content around the trigger, if it is quoted."""
    text = sentence.text
    position = trigger.idx - sentence.start_char
    opened: int | None = None
    for i, char in enumerate(text):
        if char not in QUOTES:
            continue
        if opened is None:
            opened = i
        else:
            if opened < position < i and i - opened > 20:
                return sentence.start_char + opened + 1, sentence.start_char + i
            opened = None
    return None
