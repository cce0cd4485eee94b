"""Scoring actor mentions and actor coding on re3d, the PLOVER gold records and GUM news.

The scoring functions take a ``predict`` callable, so they judge any tagger or linker; only
:func:`evaluate_actors` runs Dragoman's own pipeline.

**re3d named-actor mentions** (``ner/re3d.jsonl``). Gold: Person, Organisation, Location and
Nationality spans with crowd ``confidence`` ≥ 0.5 whose text holds a capitalised word (a run of
letters starting upper case: ``al-Khani`` counts by its ``Khani``). Sentence-initial pronouns and
determiners (``We``, ``He``, ``The army``) are capitalised too and so are gold; the rule is the
issue's, kept as written. Predictions: ``(start, end, label)`` with spaCy labels; only PERSON,
ORG, GPE, LOC, FAC and NORP are predictions at all (DATE, CARDINAL, … are ignored). A prediction
may match a gold span of a compatible type (:data:`COMPATIBLE`) that it overlaps; matching is
one-to-one and greedy over all compatible overlapping pairs, best first (exact span, then
larger overlap/union ratio, then text order). A prediction whose only compatible golds are
already taken (``Damascus`` and ``Damascus's`` against one gold ``Damascus``) is a false
positive. Precision = matched predictions / predictions, recall = matched gold / gold.
``exact_*`` is the same with equal offsets required; ``untyped_*`` with any overlapping actor
span, whatever the types (span errors apart from type errors). Per gold type, recall is the type's gold
matched; precision counts a matched prediction under the type it matched and an unmatched one
under its label's first compatible type (PERSON → Person, GPE → Location, NORP → Nationality…),
so the per-type counts add up to the overall ones.

**PLOVER actor countries** (``events/plover_gsr.json``). Each record's ``textInfo.markup``
marks phrases as ``(SRC: …)``, ``(TAR: …)`` or ``(SRC/TAR: …)`` (reciprocal). The sentence is
the record's ``text``; the marked phrases are found in it by removing the markup and aligning
(the markup is an older version of some sentences: ``Isreal``, stray parentheses). A marked
phrase takes the gold code of the source (SRC) or target (TAR) actor, either side for
``SRC/TAR``, whose ``actorText`` matches it: the words of one are all in the other, or, where no
actor's do, the texts are at least 80 % similar (typos: ``Ghanians``/``Ghanaians``). The gold
country is the code's first three letters. **Scorable** phrases are those whose gold country is
an ISO 3166-1 alpha-3 code (:data:`ISO3`; the CAMEO-era ``JAP``, ``ITL`` and ``VTN`` are read as
``JPN``, ``ITA``, ``VNM``).
Left out, and counted: phrases of non-state actors (``IGO``, ``NGO``, ``IMG``, ``ISM``), phrases
no gold actor text matches (the gold actor is sometimes a location the coder inferred the
country from: ``roadside bombing`` → ``IRQ`` via ``Samarra``), and phrases matching actors of
different countries (``French and Egyptian warships``). Predictions: ``(start, end, country)``
per actor mention. A phrase's predicted country is that of the overlapping mention with a
country that overlaps it most (ties: the tighter fit, then the earlier mention); no such
mention → wrong. ``accuracy`` = right / scorable; ``coverage`` = share of scorable phrases
overlapped by any predicted actor mention (with a country or not). The records' dates are placeholders
(2000-01-01); the sentences are CAMEO-manual examples from around 2000, so the pipeline is given
:data:`PLOVER_DATE`, the records' own date, by default.

**GUM identity** (``ner/gum_news.jsonl``). Gold mentions: person, organization and place
mentions with a Wikipedia id; a gold entity is a Wikipedia id (across documents). Predictions:
``(start, end, actor)`` per mention. Gold and predicted mentions are aligned one-to-one, greedy
by overlap/union ratio (nested gold ``U.S.`` inside ``U.S. President Donald Trump 's`` takes the
``U.S.`` mention, the person the ``Donald Trump`` one); a gold mention whose aligned mention has
an actor is *scored*. Over the scored mentions: B-cubed precision/recall/F1 (per mention, the
share of its predicted cluster in its gold cluster, and the converse) and pairwise
precision/recall/F1 (mention pairs with the same predicted actor that are the same gold entity,
and the converse); ``doc_b3_*`` is B-cubed with clusters taken within each document.
``coverage`` = scored / gold mentions. With no scored mention the identity figures are NaN.

**GUM news NER** (``gum_ner``, a proxy of a CoNLL-style news NER benchmark on ``ner/gum_news.jsonl``).
Gold: GUM person → PER, organization → ORG, place → LOC mentions that are *names*
(:func:`gum_named_span`; GUM also marks pronouns and common-noun mentions, nested ones included).
A trailing possessive token (``'s``, ``'``) is dropped from the span; the mention is a name when,
a leading ``the``/``The`` apart, it is not a lone pronoun, its first and last words are capitalised
and every word is capitalised or a name connector (:data:`NAME_CONNECTORS`: ``of``, ``and``,
``de``, ``,``…). A person mention with a lower-case description before a capitalised run of two
words or more, or of one after a title (``actor Dennis Hopper``), is the run; in a person name
the words up to the last title (:data:`PERSON_TITLES`) are dropped when only capitalised words
follow (``U.S. President Donald Trump`` → ``Donald Trump``), as CoNLL leaves titles out. A
one-word name whose lower-case form occurs in the document (``Refugees`` at a sentence start,
``refugees`` later) is a common noun and left out. Nested names are all kept (``U.S.`` inside
``U.S. Space and Rocket Center``); identical spans count once. GUM's own convention remains where
CoNLL's differs: a leading ``the`` is in the span, national teams are ORG. Predictions: PERSON →
PER, ORG → ORG, GPE/LOC/FAC → LOC; NORP and the rest are not predictions. ``p``/``r``/``f1``:
exact span and type (CoNLL); ``nothe_*``: the same with a leading ``the``/``The`` removed from
gold and predicted spans alike (spaCy has ``the White House``, CoNLL ``White House``);
``overlap_f1``: overlapping spans of the same type, one-to-one; ``untyped_f1``: exact span, any
type. :func:`evaluate_actors` reports it for the pipeline (``gum_ner``) and, where the pipeline
has the ``dragoman_actors`` component, for the pipeline without it (``gum_ner_spacy``: plain spaCy).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.evaluation.gold import find_gold_dir, iter_jsonl

if TYPE_CHECKING:
    from dragoman.extract import Extractor
    from dragoman.record import Record

Span = tuple[int, int]

#: The re3d gold types that are named actors, and the minimum crowd confidence.
ACTOR_TYPES = ("Person", "Organisation", "Location", "Nationality")
MIN_CONFIDENCE = 0.5

#: spaCy label → the re3d gold types it may match (the first is its own type for per-type precision).
COMPATIBLE: dict[str, tuple[str, ...]] = {
    "PERSON": ("Person",),
    "ORG": ("Organisation",),
    "GPE": ("Location", "Organisation"),
    "LOC": ("Location",),
    "FAC": ("Location",),
    "NORP": ("Nationality", "Organisation"),
}

#: The publication date given to the pipeline for the PLOVER sentences (their placeholder date).
PLOVER_DATE = dt.date(2000, 1, 1)

_ISO3_CODES = """ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD
    BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD
    COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST
    ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM
    GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ
    KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX
    MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD
    NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA
    SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR
    TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN
    VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE"""
#: ISO 3166-1 alpha-3 codes (the 249 officially assigned).
ISO3 = frozenset(_ISO3_CODES.split())

#: CAMEO-era country codes in the PLOVER gold that are not ISO 3166-1.
CAMEO_COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

#: GUM entity types that are actors.
GUM_ACTOR_TYPES = ("person", "organization", "place")

_LETTERS = re.compile(r"[^\W\d_]+")
_MARK_OPEN = re.compile(r"\(([A-Z]{3}(?:/[A-Z]{3})?):\s*")
_STRAY_TAG = re.compile(r"\b(?:SRC|TAR|EVT|LOC)(?:/[A-Z]{3})?:\s*")


# --- data -------------------------------------------------------------------------------------


@dataclass(slots=True)
class GoldEntity:
    """A gold entity span (re3d ``type`` and ``confidence``; GUM ``type`` and ``wiki``)."""

    start: int
    end: int
    text: str
    type: str
    confidence: float = 1.0
    wiki: str | None = None


@dataclass(slots=True)
class GoldNerDoc:
    """A gold document with its entity spans."""

    doc: str
    text: str
    entities: list[GoldEntity]
    dct: dt.date | None = None


@dataclass(slots=True)
class GoldActorSpan:
    """A marked source/target phrase of a PLOVER sentence with its gold country.

    ``country`` is ``None`` where the phrase is not scorable; ``reason`` then says why
    (``non-state``, ``no matching actor``, ``several countries``).
    """

    start: int
    end: int
    role: str
    code: str | None
    country: str | None
    reason: str | None = None


@dataclass(slots=True)
class GoldActorSpanSentence:
    """A PLOVER sentence and its marked source/target phrases."""

    id: str
    text: str
    spans: list[GoldActorSpan] = field(default_factory=list)


# --- loading ----------------------------------------------------------------------------------


def load_re3d(path: Path) -> list[GoldNerDoc]:
    """Read re3d (``id``, ``text``, ``entities[{start,end,type,text,confidence}]``), all entities kept."""
    return [
        GoldNerDoc(
            row["id"],
            row["text"],
            [
                GoldEntity(e["start"], e["end"], e["text"], e["type"], float(e.get("confidence", 1.0)))
                for e in row["entities"]
            ],
        )
        for row in iter_jsonl(path)
    ]


def load_gum_entities(path: Path) -> list[GoldNerDoc]:
    """Read GUM news entity mentions (``entities[{start,end,text,type,wiki}]``) with each ``dct``."""
    docs = []
    for row in iter_jsonl(path):
        dct = dt.date.fromisoformat(row["dct"][:10]) if row.get("dct") else None
        entities = [
            GoldEntity(e["start"], e["end"], e["text"], e["type"], wiki=e.get("wiki"))
            for e in row["entities"]
        ]
        docs.append(GoldNerDoc(row["doc"], row["text"], entities, dct))
    return docs


def _strip_markup(markup: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The text of a PLOVER markup string and its ``(tag, start, end)`` phrases.

    ``(TAG: …)`` opens a phrase and the matching ``)`` (or a stray ``}``) closes it; plain
    parentheses are text; an unmatched ``)`` and a bracket-less ``EVT:`` are markup slips, dropped.
    """
    out: list[str] = []
    stack: list[tuple[str | None, int]] = []
    phrases: list[tuple[str, int, int]] = []
    pos = i = 0
    while i < len(markup):
        opened = _MARK_OPEN.match(markup, i)
        if opened:
            stack.append((opened.group(1), pos))
            i = opened.end()
            continue
        stray = _STRAY_TAG.match(markup, i)
        if stray and (i == 0 or not markup[i - 1].isalnum()):
            i = stray.end()
            continue
        char = markup[i]
        i += 1
        if char == "(":
            stack.append((None, pos))
        elif char in ")}":
            if not stack:
                continue
            tag, start = stack.pop()
            if tag is not None:
                phrases.append((tag, start, pos))
                continue
        out.append(char)
        pos += 1
    return "".join(out), phrases


def _offset_map(source: str, target: str) -> Callable[[int, bool], int]:
    """Map offsets in ``source`` to ``target`` through their character alignment."""
    blocks = difflib.SequenceMatcher(None, source, target, autojunk=False).get_opcodes()

    def convert(offset: int, is_end: bool) -> int:
        for _op, i1, i2, j1, j2 in blocks:
            if i1 <= offset < i2 or (is_end and i1 < offset <= i2):
                if _op == "equal":
                    return j1 + offset - i1
                return j2 if is_end else j1
        return len(target) if offset >= len(source) else 0

    return convert


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _matching_codes(phrase: str, actors: list[dict[str, Any]]) -> list[str]:
    """Codes of the actors whose text matches ``phrase``: all the words of one are in the other,
    or else (typos) the texts are at least 80 % similar."""
    words = _words(phrase)
    texts = [(_words(a.get("actorText") or ""), a["code"]) for a in actors]
    subset = [code for w, code in texts if w and (set(w) <= set(words) or set(words) <= set(w))]
    if subset or not words:
        return subset
    similar = difflib.SequenceMatcher(None, " ".join(words), "")
    codes = []
    for w, code in texts:
        similar.set_seq2(" ".join(w))
        if w and similar.ratio() >= 0.8:
            codes.append(code)
    return codes


def _country(code: str) -> str | None:
    country = code[:3].upper()
    country = CAMEO_COUNTRY_ALIASES.get(country, country)
    return country if country in ISO3 else None


def plover_sentence(record: dict[str, Any]) -> GoldActorSpanSentence | None:
    """The sentence of a PLOVER gold record with its marked source/target phrases, or ``None``."""
    info = record.get("textInfo")
    markup = info.get("markup") if isinstance(info, dict) else info
    text = record.get("text")
    if not isinstance(markup, str) or not isinstance(text, str):
        return None
    clean, phrases = _strip_markup(markup)
    convert = _offset_map(clean, text) if clean != text else None
    actors = {
        side: [a for a in record.get(side) or [] if isinstance(a, dict) and a.get("code")]
        for side in ("source", "target")
    }
    sentence = GoldActorSpanSentence(str(record.get("id")), text)
    for tag, start, end in sorted(phrases, key=lambda p: (p[1], p[2])):
        roles = tag.split("/")
        if "SRC" not in roles and "TAR" not in roles:
            continue
        if convert is not None:
            start, end = convert(start, False), convert(end, True)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        sides = [s for r, s in (("SRC", "source"), ("TAR", "target")) if r in roles]
        codes = _matching_codes(text[start:end], [a for side in sides for a in actors[side]])
        role = "/".join(r for r in roles if r in ("SRC", "TAR"))
        if not codes:
            sentence.spans.append(GoldActorSpan(start, end, role, None, None, "no matching actor"))
            continue
        countries = {_country(c) for c in codes}
        if len(countries) > 1:
            sentence.spans.append(GoldActorSpan(start, end, role, codes[0], None, "several countries"))
        elif None in countries:
            sentence.spans.append(GoldActorSpan(start, end, role, codes[0], None, "non-state"))
        else:
            sentence.spans.append(GoldActorSpan(start, end, role, codes[0], countries.pop()))
    return sentence


def load_plover(path: Path) -> list[GoldActorSpanSentence]:
    """Read ``plover_gsr.json``: one :class:`GoldActorSpanSentence` per coded record."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    sentences = (plover_sentence(r) for r in records if isinstance(r, dict) and r.get("event") != "DOCUMENT")
    return [s for s in sentences if s is not None]


# --- re3d mentions ----------------------------------------------------------------------------


def has_capitalised_word(text: str) -> bool:
    """Whether ``text`` holds a run of letters that starts with a capital."""
    return any(m.group()[0].isupper() for m in _LETTERS.finditer(text))


def actor_gold(doc: GoldNerDoc) -> list[GoldEntity]:
    """The re3d gold spans that are named actors (see the module docstring)."""
    return [
        e
        for e in doc.entities
        if e.type in ACTOR_TYPES and e.confidence >= MIN_CONFIDENCE and has_capitalised_word(e.text)
    ]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _jaccard(a: Span, b: Span) -> float:
    inter = _overlap(a, b)
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter else 0.0


def _match_mentions(
    gold: Sequence[GoldEntity], pred: Sequence[tuple[int, int, str]], exact: bool, typed: bool = True
) -> dict[int, int]:
    """One-to-one matching, prediction index → gold index, best pairs first."""
    candidates = []
    for pi, (ps, pe, label) in enumerate(pred):
        for gi, g in enumerate(gold):
            if typed and g.type not in COMPATIBLE[label]:
                continue
            same = (g.start, g.end) == (ps, pe)
            if (exact and same) or (not exact and _overlap((g.start, g.end), (ps, pe))):
                candidates.append((-same, -_jaccard((g.start, g.end), (ps, pe)), g.start, ps, pi, gi))
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for *_, pi, gi in sorted(candidates):
        if pi not in matched and gi not in taken:
            matched[pi] = gi
            taken.add(gi)
    return matched


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_re3d(
    docs: Iterable[GoldNerDoc], predict: Callable[[str], list[tuple[int, int, str]]]
) -> dict[str, float]:
    """Named-actor mention scores on re3d documents (see the module docstring).

    Args:
        docs: gold documents (all entity types; :func:`actor_gold` picks the actor spans).
        predict: ``predict(text) -> [(start, end, spacy_label), …]``.

    Returns:
        ``p``, ``r``, ``f1`` (overlap), ``exact_p/r/f1``, ``untyped_p/r/f1`` (overlap, any
        actor type), ``n_gold``, ``n_pred`` and per gold
        type ``<type>_p/_r/_f1`` and ``<type>_n_gold`` (type in lower case).
    """
    n_gold = n_pred = tp = exact_tp = untyped_tp = 0
    type_gold: Counter[str] = Counter()
    type_pred: Counter[str] = Counter()
    type_tp: Counter[str] = Counter()
    for doc in docs:
        gold = actor_gold(doc)
        pred = [(s, e, label) for s, e, label in predict(doc.text) if label in COMPATIBLE]
        matched = _match_mentions(gold, pred, exact=False)
        n_gold += len(gold)
        n_pred += len(pred)
        tp += len(matched)
        exact_tp += len(_match_mentions(gold, pred, exact=True))
        untyped_tp += len(_match_mentions(gold, pred, exact=False, typed=False))
        type_gold.update(g.type for g in gold)
        for pi, (_s, _e, label) in enumerate(pred):
            gi = matched.get(pi)
            kind = gold[gi].type if gi is not None else COMPATIBLE[label][0]
            type_pred[kind] += 1
            type_tp[kind] += gi is not None
    scores: dict[str, float] = {"n_gold": n_gold, "n_pred": n_pred}
    scores["p"], scores["r"], scores["f1"] = _prf(tp, n_pred, n_gold)
    scores["exact_p"], scores["exact_r"], scores["exact_f1"] = _prf(exact_tp, n_pred, n_gold)
    scores["untyped_p"], scores["untyped_r"], scores["untyped_f1"] = _prf(untyped_tp, n_pred, n_gold)
    for kind in ACTOR_TYPES:
        p, r, f = _prf(type_tp[kind], type_pred[kind], type_gold[kind])
        name = kind.lower()
        scores.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f, f"{name}_n_gold": type_gold[kind]})
    return scores


# --- PLOVER countries -------------------------------------------------------------------------


def score_plover_countries(
    items: Iterable[GoldActorSpanSentence], predict: Callable[[str], list[tuple[int, int, str | None]]]
) -> dict[str, float]:
    """Actor-country accuracy on the scorable PLOVER phrases (see the module docstring).

    Args:
        items: the sentences of :func:`load_plover`.
        predict: ``predict(text) -> [(start, end, iso3 country or None), …]``, one per actor mention.

    Returns:
        ``accuracy``, ``coverage``, ``n`` (scorable phrases), ``n_left_out`` (unscorable phrases).
    """
    n = right = covered = left_out = 0
    for item in items:
        scorable = [s for s in item.spans if s.country is not None]
        left_out += len(item.spans) - len(scorable)
        if not scorable:
            continue
        mentions = predict(item.text)
        for span in scorable:
            n += 1
            gold = (span.start, span.end)
            overlapping = [(_overlap(gold, (s, e)), _jaccard(gold, (s, e)), -s, c) for s, e, c in mentions]
            overlapping = [m for m in overlapping if m[0]]
            covered += bool(overlapping)
            with_country = [m for m in overlapping if m[3]]
            if with_country and max(with_country)[3] == span.country:
                right += 1
    return {
        "accuracy": right / n if n else 0.0,
        "coverage": covered / n if n else 0.0,
        "n": n,
        "n_left_out": left_out,
    }


# --- GUM identity -----------------------------------------------------------------------------


def _align(gold: Sequence[GoldEntity], pred: Sequence[tuple[int, int, str | None]]) -> dict[int, int]:
    """One-to-one alignment, gold index → prediction index, by overlap/union ratio."""
    pairs = sorted(
        (-_jaccard((g.start, g.end), (p[0], p[1])), g.start, p[0], gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if _overlap((g.start, g.end), (p[0], p[1]))
    )
    aligned: dict[int, int] = {}
    used: set[int] = set()
    for *_, gi, pi in pairs:
        if gi not in aligned and pi not in used:
            aligned[gi] = pi
            used.add(pi)
    return aligned


def b_cubed(mentions: list[tuple[Any, Any]]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over ``(gold_cluster, predicted_cluster)`` mentions."""
    if not mentions:
        return math.nan, math.nan, math.nan
    both = Counter(mentions)
    gold = Counter(g for g, _ in mentions)
    pred = Counter(p for _, p in mentions)
    p = sum(both[(g, q)] / pred[q] for g, q in mentions) / len(mentions)
    r = sum(both[(g, q)] / gold[g] for g, q in mentions) / len(mentions)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(mentions: list[tuple[Any, Any]]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1: mention pairs clustered together by prediction and gold.

    With no pair sharing a predicted actor, precision is 1 (nothing was wrongly merged); with no
    pair sharing a gold entity, recall is 1.
    """
    if not mentions:
        return math.nan, math.nan, math.nan

    def pairs(counts: Iterable[int]) -> int:
        return sum(c * (c - 1) // 2 for c in counts)

    both = pairs(Counter(mentions).values())
    pred = pairs(Counter(q for _, q in mentions).values())
    gold = pairs(Counter(g for g, _ in mentions).values())
    p = both / pred if pred else 1.0
    r = both / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_gum_identity(
    docs: Iterable[GoldNerDoc], predict: Callable[[str, dt.date | None], list[tuple[int, int, str | None]]]
) -> dict[str, float]:
    """Whether mentions of one Wikipedia entity get one actor, and different ones different actors.

    Args:
        docs: GUM documents of :func:`load_gum_entities`.
        predict: ``predict(text, dct) -> [(start, end, actor id or None), …]``, one per mention.

    Returns:
        ``b3_p/r/f1``, ``pair_p/r/f1``, ``doc_b3_p/r/f1`` (NaN with no scored mention),
        ``coverage``, ``n_mentions`` (gold), ``n_scored``, ``n_entities`` (gold entities scored).
    """
    scored: list[tuple[str, str]] = []
    within: list[tuple[tuple[str, str], tuple[str, str]]] = []
    n_mentions = 0
    for doc in docs:
        gold = [e for e in doc.entities if e.type in GUM_ACTOR_TYPES and e.wiki]
        n_mentions += len(gold)
        if not gold:
            continue
        pred = predict(doc.text, doc.dct)
        for gi, pi in _align(gold, pred).items():
            actor = pred[pi][2]
            wiki = gold[gi].wiki
            if actor is not None and wiki is not None:
                scored.append((wiki, actor))
                within.append(((doc.doc, wiki), (doc.doc, actor)))
    scores: dict[str, float] = {}
    for name, (p, r, f) in (
        ("b3", b_cubed(scored)),
        ("pair", pairwise(scored)),
        ("doc_b3", b_cubed(within)),
    ):
        scores.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f})
    scores.update(
        {
            "coverage": len(scored) / n_mentions if n_mentions else 0.0,
            "n_mentions": n_mentions,
            "n_scored": len(scored),
            "n_entities": len({g for g, _ in scored}),
        }
    )
    return scores


# --- GUM news NER (CoNLL-style proxy) ---------------------------------------------------------

#: GUM entity type → CoNLL type, for the news NER proxy.
GUM_NER_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}

#: spaCy label → CoNLL type (NORP and the rest are not predictions).
CONLL_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}

#: CoNLL types, in report order.
CONLL_TYPES = ("PER", "ORG", "LOC")

#: Lower-case words allowed inside a name ("University of Oxford", "Bank of England and Wales").
_CONNECTOR_WORDS = (
    "of the and for de del della da di du des la le van von der den al el bin ibn on in at upon & - , ."
)
NAME_CONNECTORS = frozenset(_CONNECTOR_WORDS.split())

#: Capitalised words that are not names when they are a whole mention (sentence-initial pronouns…).
_PRONOUN_WORDS = """i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs this that these those who whom whose which what here there one"""
PRONOUNS = frozenset(_PRONOUN_WORDS.split())

#: Titles that CoNLL keeps out of a PER span ("President Donald Trump" → "Donald Trump").
_TITLE_WORDS = """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president vice
    premier chancellor minister secretary senator sen. rep. representative congressman congresswoman
    governor gov. mayor judge justice king queen prince princess pope cardinal bishop archbishop
    reverend rev. rabbi imam sheikh general gen. colonel col. captain capt. major lieutenant lt.
    sergeant sgt. admiral commander ambassador director chairman chairwoman chief officer coach
    detective inspector constable councillor councilor deputy speaker emperor sultan emir ayatollah
    saint st. st"""
PERSON_TITLES = frozenset(_TITLE_WORDS.split())

_POSSESSIVE = ("'s", "'", "\u2019s", "\u2019")


def _proper(token: str) -> bool:
    """Whether a token's first run of letters starts upper case (``U.S.``, ``al-Assad`` no, ``501st`` no)."""
    letters = _LETTERS.search(token)
    return letters is not None and letters.group()[0].isupper()


def gum_named_span(entity: GoldEntity) -> tuple[int, int] | None:
    """The CoNLL-style name span of a GUM mention, or ``None`` when the mention is not a name.

    See the module docstring (GUM news NER) for the rule.
    """
    tokens = [
        (entity.start + m.start(), entity.start + m.end(), m.group())
        for m in re.finditer(r"\S+", entity.text)
    ]
    while tokens and tokens[-1][2] in _POSSESSIVE:
        tokens.pop()
    if tokens and tokens[-1][2].endswith(("'s", "\u2019s")) and len(tokens[-1][2]) > 2:
        start, end, text = tokens[-1]
        tokens[-1] = (start, end - 2, text[:-2])
    words = [t[2] for t in tokens]
    body = words[1:] if words[:1] in (["the"], ["The"]) else words
    if not body or (len(body) == 1 and body[0].casefold() in PRONOUNS):
        return None
    is_person = GUM_NER_TYPES.get(entity.type) == "PER"
    lower = [i for i, w in enumerate(words) if not _proper(w) and w.casefold() not in NAME_CONNECTORS]
    if lower:
        # Only a person mention may have a lower-case description before the name ("actor Dennis
        # Hopper"): the name is the capitalised run after it, two words at least, or one after a title.
        k = lower[-1]
        run = words[k + 1 :]
        if not is_person or not run or not all(_proper(w) for w in run):
            return None
        if len(run) < 2 and words[k].casefold() not in PERSON_TITLES:
            return None
        tokens, body = tokens[k + 1 :], run
    if not _proper(body[0]) or not _proper(body[-1]):
        return None
    if is_person:
        titles = [i for i, t in enumerate(tokens) if t[2].casefold() in PERSON_TITLES]
        if titles and titles[-1] + 1 < len(tokens) and all(_proper(t[2]) for t in tokens[titles[-1] + 1 :]):
            tokens = tokens[titles[-1] + 1 :]
    return tokens[0][0], tokens[-1][1]


def gum_ner_gold(doc: GoldNerDoc) -> list[tuple[int, int, str]]:
    """The named person/organization/place mentions of a GUM document as ``(start, end, CoNLL type)``."""
    found: set[tuple[int, int, str]] = set()
    lower_words = set(re.findall(r"\b[a-z][\w-]*\b", doc.text))
    for entity in doc.entities:
        kind = GUM_NER_TYPES.get(entity.type)
        span = gum_named_span(entity) if kind else None
        if not kind or not span:
            continue
        text = doc.text[span[0] : span[1]]
        if " " not in text and text.lower() in lower_words:
            continue  # a common noun capitalised by its position ("Refugees", "Fans")
        found.add((*span, kind))
    return sorted(found)


def _without_the(text: str, start: int, end: int) -> tuple[int, int]:
    """The span less a leading ``the``/``The`` and the space after it."""
    m = re.match(r"(?:the|The)\s+", text[start:end])
    return (start + m.end(), end) if m and start + m.end() < end else (start, end)


def score_gum_ner(
    docs: Iterable[GoldNerDoc], predict: Callable[[str], list[tuple[int, int, str]]]
) -> dict[str, float]:
    """CoNLL-style exact span + type F1 of PER/ORG/LOC names on GUM news (see the module docstring).

    Args:
        docs: GUM documents of :func:`load_gum_entities`.
        predict: ``predict(text) -> [(start, end, spacy_label), …]``.

    Returns:
        ``p``, ``r``, ``f1`` (exact span and type), ``nothe_p/r/f1`` (a leading "the" ignored on
        either side), ``overlap_f1`` (overlapping span, same type, one-to-one), ``untyped_f1``
        (exact span, any type), per type ``<per|org|loc>_p/_r/_f1`` and ``_n_gold`` (exact),
        ``n_gold``, ``n_pred``.
    """
    counts: Counter[str] = Counter()
    for doc in docs:
        gold = gum_ner_gold(doc)
        pred = sorted(
            {(s, e, CONLL_LABELS[label]) for s, e, label in predict(doc.text) if label in CONLL_LABELS}
        )
        counts["gold"] += len(gold)
        counts["pred"] += len(pred)
        gold_set, pred_set = set(gold), set(pred)
        counts["tp"] += len(gold_set & pred_set)
        for kind in CONLL_TYPES:
            counts[f"{kind}_gold"] += sum(g[2] == kind for g in gold)
            counts[f"{kind}_pred"] += sum(p[2] == kind for p in pred)
            counts[f"{kind}_tp"] += sum(p[2] == kind for p in gold_set & pred_set)
        bare_gold = Counter((*_without_the(doc.text, s, e), k) for s, e, k in gold)
        bare_pred = Counter((*_without_the(doc.text, s, e), k) for s, e, k in pred)
        bare_tp = bare_gold & bare_pred
        counts["nothe_tp"] += sum(bare_tp.values())
        for (_s, _e, kind), n in bare_tp.items():
            counts[f"{kind}_nothe_tp"] += n
        counts["untyped_tp"] += len({g[:2] for g in gold} & {p[:2] for p in pred})
        typed = [GoldEntity(s, e, "", k) for s, e, k in gold]
        candidates = sorted(
            (-_jaccard((g.start, g.end), (ps, pe)), g.start, ps, pi, gi)
            for pi, (ps, pe, pk) in enumerate(pred)
            for gi, g in enumerate(typed)
            if g.type == pk and _overlap((g.start, g.end), (ps, pe))
        )
        used_p: set[int] = set()
        used_g: set[int] = set()
        for *_, pi, gi in candidates:
            if pi not in used_p and gi not in used_g:
                used_p.add(pi)
                used_g.add(gi)
        counts["overlap_tp"] += len(used_p)
    n_gold, n_pred = counts["gold"], counts["pred"]
    scores: dict[str, float] = {"n_gold": n_gold, "n_pred": n_pred}
    scores["p"], scores["r"], scores["f1"] = _prf(counts["tp"], n_pred, n_gold)
    scores["nothe_p"], scores["nothe_r"], scores["nothe_f1"] = _prf(counts["nothe_tp"], n_pred, n_gold)
    scores["overlap_f1"] = _prf(counts["overlap_tp"], n_pred, n_gold)[2]
    scores["untyped_f1"] = _prf(counts["untyped_tp"], n_pred, n_gold)[2]
    for kind in CONLL_TYPES:
        p, r, f = _prf(counts[f"{kind}_tp"], counts[f"{kind}_pred"], counts[f"{kind}_gold"])
        name = kind.lower()
        scores.update(
            {f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f, f"{name}_n_gold": counts[f"{kind}_gold"]}
        )
        nothe = _prf(counts[f"{kind}_nothe_tp"], counts[f"{kind}_pred"], counts[f"{kind}_gold"])
        scores[f"{name}_nothe_f1"] = nothe[2]
    return scores


# --- the pipeline -----------------------------------------------------------------------------


def _input(text: str, date: dt.date | None) -> Any:
    from dragoman.ingest import InputDocument

    return InputDocument.from_text(text, date=date.isoformat() if date else None, origin="gold")


def actor_mentions(record: Record) -> list[tuple[int, int, str]]:
    """``(start, end, actor id)`` of a record's linked entities and of its ``mentions``, if any."""
    found: dict[tuple[int, int], str] = {(e.start, e.end): e.actor for e in record.entities if e.actor}
    for mention in getattr(record, "mentions", None) or ():
        fields: dict[str, Any] = (
            mention
            if isinstance(mention, dict)
            else {k: getattr(mention, k, None) for k in ("start", "end", "actor")}
        )
        actor = fields.get("actor")
        if actor:
            found.setdefault((int(fields["start"]), int(fields["end"])), str(actor))
    return [(s, e, actor) for (s, e), actor in sorted(found.items())]


def _country_of(record: Record, actor: str) -> str | None:
    info = record.actors.get(actor) or {}
    country = info.get("country") if isinstance(info, dict) else None
    return country or None


class _Cache:
    """Records by (text, date), so that each gold text goes through the pipeline once."""

    def __init__(self, extractor: Extractor) -> None:
        self.extractor = extractor
        self.records: dict[tuple[str, dt.date | None], Record] = {}

    def fill(self, keys: Iterable[tuple[str, dt.date | None]]) -> None:
        todo = list(dict.fromkeys(k for k in keys if k not in self.records))
        records = self.extractor.extract(_input(text, date) for text, date in todo)
        for key, record in zip(todo, records, strict=True):
            self.records[key] = record

    def __call__(self, text: str, date: dt.date | None) -> Record:
        if (text, date) not in self.records:
            self.fill([(text, date)])
        return self.records[(text, date)]


def evaluate_actors(
    gold_dir: Path, extractor: Extractor | None = None, *, plover_date: dt.date = PLOVER_DATE
) -> dict[str, dict[str, float]]:
    """Score the pipeline's entities and actors on re3d, the PLOVER records and GUM, where present.

    Args:
        gold_dir: the gold directory (see :func:`dragoman.evaluation.gold.find_gold_dir`).
        extractor: the extractor to run (default: one on the process-wide pipeline).
        plover_date: the publication date given with the PLOVER sentences.

    Returns:
        ``re3d`` (:func:`score_re3d`), ``plover`` (:func:`score_plover_countries`), ``gum``
        (:func:`score_gum_identity`) and ``gum_ner``/``gum_ner_spacy`` (:func:`score_gum_ner`,
        with and without the ``dragoman_actors`` component) scores, for the gold sets found.
    """
    if extractor is None:
        from dragoman.extract import Extractor

        extractor = Extractor()
    gold_dir = Path(gold_dir)
    run = _Cache(extractor)
    results: dict[str, dict[str, float]] = {}

    re3d_path = gold_dir / "ner" / "re3d.jsonl"
    if re3d_path.is_file():
        docs = load_re3d(re3d_path)
        run.fill((d.text, None) for d in docs)
        results["re3d"] = score_re3d(
            docs, lambda text: [(e.start, e.end, e.label) for e in run(text, None).entities]
        )

    plover_path = gold_dir / "events" / "plover_gsr.json"
    if plover_path.is_file():
        items = load_plover(plover_path)
        run.fill((i.text, plover_date) for i in items)

        def countries(text: str) -> list[tuple[int, int, str | None]]:
            record = run(text, plover_date)
            return [(s, e, _country_of(record, actor)) for s, e, actor in actor_mentions(record)]

        results["plover"] = score_plover_countries(items, countries)

    gum_path = gold_dir / "ner" / "gum_news.jsonl"
    if gum_path.is_file():
        gum = load_gum_entities(gum_path)
        run.fill((d.text, d.dct) for d in gum)
        results["gum"] = score_gum_identity(gum, lambda text, dct: list(actor_mentions(run(text, dct))))
        labels = {d.text: [(e.start, e.end, e.label) for e in run(d.text, d.dct).entities] for d in gum}
        results["gum_ner"] = score_gum_ner(gum, labels.__getitem__)
        nlp = getattr(extractor, "nlp", None)
        if nlp is not None and "dragoman_actors" in getattr(nlp, "pipe_names", ()):
            with nlp.select_pipes(disable=["dragoman_actors"]):
                plain = _Cache(extractor)
                plain.fill((d.text, d.dct) for d in gum)
            spacy_labels = {
                d.text: [(e.start, e.end, e.label) for e in plain(d.text, d.dct).entities] for d in gum
            }
            results["gum_ner_spacy"] = score_gum_ner(gum, spacy_labels.__getitem__)
    return results


_GUM_NER_COLUMNS = (
    "p",
    "r",
    "f1",
    "nothe_p",
    "nothe_r",
    "nothe_f1",
    "overlap_f1",
    "untyped_f1",
    "per_f1",
    "per_nothe_f1",
    "org_f1",
    "org_nothe_f1",
    "loc_f1",
    "loc_nothe_f1",
    "n_gold",
    "n_pred",
)

#: The measures printed for each gold set.
TABLE_COLUMNS = {
    "re3d": (
        "p",
        "r",
        "f1",
        "exact_p",
        "exact_r",
        "exact_f1",
        "untyped_f1",
        "person_f1",
        "organisation_f1",
        "location_f1",
        "nationality_f1",
        "n_gold",
        "n_pred",
    ),
    "plover": ("accuracy", "coverage", "n", "n_left_out"),
    "gum_ner": _GUM_NER_COLUMNS,
    "gum_ner_spacy": _GUM_NER_COLUMNS,
    "gum": (
        "b3_p",
        "b3_r",
        "b3_f1",
        "pair_p",
        "pair_r",
        "pair_f1",
        "doc_b3_f1",
        "coverage",
        "n_mentions",
        "n_scored",
        "n_entities",
    ),
}


def format_table(results: dict[str, dict[str, float]]) -> str:
    """The scores as plain text, a row per (gold set, measure)."""
    lines = [f"{'dataset':<8} {'measure':<16} {'value':>8}"]
    for name, scores in results.items():
        for measure in TABLE_COLUMNS.get(name, tuple(scores)):
            value = scores[measure]
            count = measure == "n" or measure.startswith("n_") or "_n_" in measure
            cell = f"{int(value):>8}" if count else f"{value:>8.3f}"
            lines.append(f"{name:<8} {measure:<16} {cell}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table for the gold sets found by :func:`find_gold_dir`."""
    del argv
    gold = find_gold_dir()
    if gold is None:
        sys.stderr.write("gold sets not found: set DRAGOMAN_GOLD or put them at ../shared/gold\n")
        return 1
    sys.stdout.write(format_table(evaluate_actors(gold)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
