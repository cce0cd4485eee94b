"""Scoring PLOVER events on the PLOVER gold records, the PETRARCH unit tests and the quad sentences.

The scoring functions take a ``predict(text, date)`` callable returning :class:`PredictedEvent`
values, so they judge any event coder; only :func:`evaluate_events` runs Dragoman's pipeline.

**Events** (``events/plover_gsr.json``, ``events/petr_unit_tests.json``). A sentence's gold is a
list of :class:`GoldEvent`: a PLOVER 0.8 type and the source and target countries. In the PLOVER
records each record is one event; records with the same ``text`` are one sentence. Their PLOVER
0.5b1 names are renamed (:data:`OLD_PLOVER_NAMES`); the ``DOCUMENT`` record is not an event. A
PETRARCH test lists all the events of its sentence as CAMEO codes, mapped to PLOVER through
``events/cameo2plover.txt`` (:func:`cameo_plover_type`; a letter suffix such as ``174K`` is
dropped). Codes of the roots 01 and 02 (public statements, appeals) have no PLOVER type: such gold
events are dropped and the sentence is kept (an event predicted there is a false positive). A
code the table lacks (the tests' own ``9xx``, ``802``, ``223``, ``1717``…) makes the whole
sentence *left out* (``n_left_out``), as its true PLOVER type is unknown.

A gold actor's country is the first three letters of its code (:func:`gold_country`): an ISO
3166-1 alpha-3 code, the CAMEO-era ``JAP``/``ITL``/``VTN``/``KUW``/``NZE`` read as ISO. Other
codes give no country: international and non-state actors (``IGO``, ``NGO``, ``IMG``, ``ISM``,
…), PETRARCH's unknown actor (``---``) and fictional countries. This mirrors Dragoman's record,
where IGOs and unlinked actors have ``country: null``. A side of a predicted event (its set of
countries) **matches** a gold side when they share a country, or when neither has one (a gold
side of an IGO, or with no actor, matches a prediction whose actors on that side have no
country, or that has none). A predicted event matches a gold one when the type and both sides
match; matching is one-to-one per sentence (maximum matching). ``type_*``: precision, recall and
F1 of the per-sentence multisets of types; ``full_*``: of the matched events. ``per_type`` gives
both per gold/predicted type; ``confusion`` counts ``GOLD>PRED`` pairs per sentence after the
type matching (an unmatched gold type paired with an unmatched predicted one, the most confident
first; ``-`` where one side has nothing left). The PETRARCH tests use fictional countries
(Arnor, Gondor…, and ``ERI`` for Eriador, ``FRO`` for Frodo, which are ISO codes too):
``petr/real`` is scored on the tests whose every actor code is a real-world one. ``per_tag``
breaks PETRARCH figures down by the test's ``category`` (``MODIFY`` split into its ``PASSIVE``
and ``COMMA`` tests by id).

**Quad classes** (``events/quad_dev.tsv``, ``sentence<TAB>class``). The predicted class of a
sentence is the quad (:data:`QUAD`) of its most confident event (the first of equals), 0 when it
has none; a CONCEDE event also counts as right for gold class 2. ``accuracy``, ``macro_f1`` over
the five classes, ``f1_<class>`` and ``confusion`` (rows gold 0–4, columns predicted 0–4).

**Splits.** Every sentence is in the ``dev`` or the ``val`` half by a stable hash of its text
(:func:`split_of`): tune on ``dev``, check on ``val``. Results hold each gold set pooled and per
half (``plover``, ``plover/dev``, ``plover/val``, …).

**Factuality** (:func:`evaluate_factuality`). An item is a sentence, the factuality of one event
in it and that event's trigger word; it is right when the most confident event whose trigger
overlaps the word's first occurrence has that factuality. No such event: wrong (``missing``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dragoman.errors import GoldDataError
from dragoman.evaluation.actors import CAMEO_COUNTRY_ALIASES, ISO3
from dragoman.evaluation.gold import iter_jsonl, require_gold_dir
from dragoman.record import EVENT_TYPES, FACTUALITIES

if TYPE_CHECKING:
    from dragoman.extract import Extractor
    from dragoman.record import Record

Predict = Callable[[str, "dt.date | None"], Sequence["PredictedEvent"]]

#: PLOVER 0.5b1 event names in the PLOVER gold records → PLOVER 0.8 types.
OLD_PLOVER_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}

#: PLOVER type → CAMEO quad class (1 verbal cooperation … 4 material conflict).
QUAD = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
QUAD_CLASSES = (0, 1, 2, 3, 4)

#: CAMEO roots without a PLOVER type: 01 make public statement, 02 appeal.
NON_EVENT_ROOTS = ("01", "02")

#: Country codes of the older CAMEO dictionaries that are not ISO 3166-1, read as ISO.
COUNTRY_ALIASES = {**CAMEO_COUNTRY_ALIASES, "KUW": "KWT", "NZE": "NZL"}
#: Actor-code prefixes of real actors without a country (IGOs, NGOs, militant and other
#: non-state groups, multinationals) and PETRARCH's unknown actor.
NON_STATE = frozenset({"IGO", "NGO", "NGM", "IMG", "ISM", "MNC", "---", "###"})
#: ISO codes the PETRARCH tests use for fictional actors (ERI Eriador, FRO Frodo).
PETR_FICTIONAL = frozenset({"ERI", "FRO"})

#: Publication dates given to the pipeline: the PLOVER records' own placeholder; the quad
#: sentences are from 2017–2018 (2018-01-01); a PETRARCH test's own ``date`` where it has one.
PLOVER_DATE = dt.date(2000, 1, 1)
QUAD_DATE = dt.date(2018, 1, 1)
PETR_DATE = dt.date(2000, 1, 1)


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    """A predicted event as the scorers see it: type, the countries on each side, confidence."""

    type: str
    source_countries: frozenset[str] = frozenset()
    target_countries: frozenset[str] = frozenset()
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A gold event: PLOVER 0.8 type, source and target countries, and the gold actor codes."""

    type: str
    source_countries: frozenset[str] = frozenset()
    target_countries: frozenset[str] = frozenset()
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """A gold sentence with all its events.

    ``tag``: the PETRARCH test category; ``real``: every gold actor code is a real-world one;
    ``left_out``: why the sentence is not scored (``None`` when it is).
    """

    id: str
    text: str
    events: tuple[GoldEvent, ...]
    date: dt.date | None = None
    tag: str | None = None
    real: bool = True
    left_out: str | None = None


@dataclass(frozen=True, slots=True)
class QuadSentence:
    """A sentence and its gold CAMEO quad class (0 no coded event … 4 material conflict)."""

    text: str
    label: int


@dataclass(frozen=True, slots=True)
class FactualityItem:
    """A sentence, the factuality of one of its events and the word that expresses that event."""

    text: str
    factuality: str
    trigger: str


# --- gold ---------------------------------------------------------------------------------------


def split_of(text: str) -> str:
    """``"dev"`` or ``"val"``: the half a sentence is in, by a stable hash of its text."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "val"


def plover_name(name: str) -> str | None:
    """The PLOVER 0.8 type of a gold record's event name (0.5b1 names renamed), else ``None``."""
    name = OLD_PLOVER_NAMES.get(name.upper(), name.upper())
    return name if name in EVENT_TYPES else None


def gold_country(code: str | None) -> str | None:
    """The ISO alpha-3 country of a CAMEO/PLOVER actor code (its first three letters), or ``None``."""
    if not code:
        return None
    country = code[:3].upper()
    country = COUNTRY_ALIASES.get(country, country)
    return country if country in ISO3 else None


def _real_code(code: str) -> bool:
    prefix = code[:3].upper()
    if prefix in PETR_FICTIONAL:
        return False
    return prefix in NON_STATE or COUNTRY_ALIASES.get(prefix, prefix) in ISO3


def _countries(codes: Iterable[str]) -> frozenset[str]:
    return frozenset(c for c in map(gold_country, codes) if c)


def _load_json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise GoldDataError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from exc


def _actor_codes(side: Any) -> list[str]:
    """The codes of a PLOVER record's ``source``/``target`` (a list of actors, or a stray string)."""
    if not isinstance(side, list):
        return []
    return [str(a["code"]) for a in side if isinstance(a, dict) and a.get("code")]


def load_plover_events(path: Path) -> list[GoldSentence]:
    """Read the PLOVER gold records as sentences (records with the same text grouped), in file order."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for record in _load_json(path):
        if isinstance(record, dict) and isinstance(record.get("text"), str) and record.get("event"):
            grouped.setdefault(record["text"], []).append(record)
    sentences = []
    for text, records in grouped.items():
        events = []
        for record in records:
            kind = plover_name(str(record["event"]))
            if kind is None:
                continue
            source, target = _actor_codes(record.get("source")), _actor_codes(record.get("target"))
            events.append(GoldEvent(kind, _countries(source), _countries(target), (*source, *target)))
        if events:
            sentences.append(GoldSentence(str(records[0].get("id")), text, tuple(events), PLOVER_DATE))
    return sentences


def load_cameo_table(path: Path) -> dict[str, str]:
    """``cameo2plover.txt`` as CAMEO code → PLOVER type (``#`` comments and the ``~~~`` end ignored)."""
    table: dict[str, str] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    for line in lines:
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)", line)
        if m and m.group(2) in EVENT_TYPES:
            table.setdefault(m.group(1), m.group(2))
    return table


def cameo_plover_type(code: str, table: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO event code through ``table`` (a trailing letter dropped), or ``None``."""
    code = code.strip()
    return table.get(code) or table.get(re.sub(r"(?<=\d{3})[A-Za-z]$", "", code))


def _petr_tag(record: dict[str, Any]) -> str:
    category = str(record.get("category") or "NONE").upper().rstrip("X")
    category = {"AGENTS": "AGENT"}.get(category, category)
    prefix = str(record.get("id") or "").split("-")[0].upper()
    return prefix if category == "MODIFY" and prefix else category


def _petr_date(value: Any) -> dt.date:
    try:
        return dt.datetime.strptime(str(value), "%Y%m%d").date()
    except ValueError:
        return PETR_DATE


def load_petr_tests(path: Path, table: dict[str, str]) -> list[GoldSentence]:
    """Read the PETRARCH unit tests, CAMEO codes mapped through ``table`` (see the module docstring)."""
    sentences = []
    for number, record in enumerate(_load_json(path)):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            continue
        events: list[GoldEvent] = []
        codes: list[str] = []
        left_out = None
        for coding in record.get("events") or []:
            code = str(coding.get("eventcode") or "")
            if not code:
                continue
            actors = [str(coding.get(k) or "") for k in ("sourcecode", "targetcode")]
            codes.extend(a for a in actors if a)
            kind = cameo_plover_type(code, table)
            if kind is not None:
                source, target = (_countries([a]) for a in actors)
                events.append(GoldEvent(kind, source, target, tuple(actors)))
            elif not code.startswith(NON_EVENT_ROOTS):
                left_out = f"CAMEO code {code} not in cameo2plover"
        sentences.append(
            GoldSentence(
                str(record.get("id") or f"petr-{number}"),
                record["text"],
                tuple(events),
                _petr_date(record.get("date")),
                _petr_tag(record),
                all(map(_real_code, codes)),
                left_out,
            )
        )
    return sentences


def load_quad(path: Path) -> list[QuadSentence]:
    """Read ``quad_dev.tsv`` (``sentence<TAB>class``)."""
    items = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if not text or label.strip() not in {str(c) for c in QUAD_CLASSES}:
            raise GoldDataError(f"{path}:{number}: expected 'sentence<TAB>class' with class 0-4")
        items.append(QuadSentence(text, int(label)))
    return items


def load_factuality_items(path: Path) -> list[FactualityItem]:
    """Read a factuality set (JSON lines of ``text``, ``factuality``, ``trigger``)."""
    return [FactualityItem(row["text"], row["factuality"], row["trigger"]) for row in iter_jsonl(path)]


# --- scoring ------------------------------------------------------------------------------------


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def side_matches(predicted: frozenset[str], gold: frozenset[str]) -> bool:
    """Whether a predicted side's countries match a gold side's: a shared country, or neither has one."""
    return bool(predicted & gold) if gold else not predicted


def event_matches(pred: PredictedEvent, gold: GoldEvent) -> bool:
    """Type, source countries and target countries all match."""
    return (
        pred.type == gold.type
        and side_matches(pred.source_countries, gold.source_countries)
        and side_matches(pred.target_countries, gold.target_countries)
    )


def _max_matching(pred: Sequence[PredictedEvent], gold: Sequence[GoldEvent]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of predicted to gold events (``(pred, gold)`` index pairs)."""
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g, event in enumerate(gold):
            if g in seen or not event_matches(pred[p], event):
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(pred)):
        augment(p, set())
    return sorted((p, g) for g, p in owner.items())


def _confusion(pred: Sequence[PredictedEvent], gold: Sequence[GoldEvent]) -> Counter[str]:
    pairs: Counter[str] = Counter()
    left_gold = Counter(g.type for g in gold)
    left_pred = Counter(p.type for p in pred)
    common = left_gold & left_pred
    for kind, n in common.items():
        pairs[f"{kind}>{kind}"] += n
    left_gold -= common
    left_pred -= common
    queue = []  # the leftover predicted types, most confident first
    for event in sorted(pred, key=lambda e: -e.confidence):
        if left_pred[event.type] > 0:
            left_pred[event.type] -= 1
            queue.append(event.type)
    for g in gold:
        if left_gold[g.type] > 0:
            left_gold[g.type] -= 1
            pairs[f"{g.type}>{queue.pop(0) if queue else '-'}"] += 1
    for kind in queue:
        pairs[f"->{kind}"] += 1
    return pairs


def score_events(sentences: Iterable[GoldSentence], predict: Predict) -> dict[str, Any]:
    """Type-only and full (type + source + target country) event scores (see the module docstring).

    Args:
        sentences: gold sentences (:func:`load_plover_events`, :func:`load_petr_tests`); those
            with ``left_out`` set are counted in ``n_left_out`` and not scored.
        predict: ``predict(text, date) -> [PredictedEvent, …]``.

    Returns:
        ``type_p/r/f1``, ``full_p/r/f1``, ``n_sentences``, ``n_gold``, ``n_pred``,
        ``n_left_out``; ``per_type`` (type → ``type_p/r/f1``, ``full_f1``, ``n_gold``,
        ``n_pred``), ``confusion`` (``"GOLD>PRED"`` → count, most frequent first) and, where
        the sentences have tags, ``per_tag`` (tag → ``type_f1``, ``full_f1``, ``n_sentences``).
    """
    counts: Counter[str] = Counter()
    confusion: Counter[str] = Counter()
    by_tag: dict[str, Counter[str]] = {}
    for sentence in sentences:
        if sentence.left_out:
            counts["left_out"] += 1
            continue
        pred = list(predict(sentence.text, sentence.date))
        gold = list(sentence.events)
        gold_types, pred_types = Counter(g.type for g in gold), Counter(p.type for p in pred)
        matched = _max_matching(pred, gold)
        local = Counter(
            sentences=1,
            gold=len(gold),
            pred=len(pred),
            type_tp=sum((gold_types & pred_types).values()),
            full_tp=len(matched),
        )
        for kind, n in gold_types.items():
            local[f"{kind}:gold"] += n
            local[f"{kind}:type_tp"] += min(n, pred_types[kind])
        for kind, n in pred_types.items():
            local[f"{kind}:pred"] += n
        for _p, g in matched:
            local[f"{gold[g].type}:full_tp"] += 1
        counts.update(local)
        confusion.update(_confusion(pred, gold))
        if sentence.tag is not None:
            by_tag.setdefault(sentence.tag, Counter()).update(local)
    scores: dict[str, Any] = {}
    for measure in ("type", "full"):
        p, r, f = _prf(counts[f"{measure}_tp"], counts["pred"], counts["gold"])
        scores.update({f"{measure}_p": p, f"{measure}_r": r, f"{measure}_f1": f})
    scores.update(
        n_sentences=counts["sentences"],
        n_gold=counts["gold"],
        n_pred=counts["pred"],
        n_left_out=counts["left_out"],
    )
    per_type = {}
    for kind in EVENT_TYPES:
        n_gold, n_pred = counts[f"{kind}:gold"], counts[f"{kind}:pred"]
        if n_gold or n_pred:
            p, r, f = _prf(counts[f"{kind}:type_tp"], n_pred, n_gold)
            full = _prf(counts[f"{kind}:full_tp"], n_pred, n_gold)[2]
            per_type[kind] = {
                "type_p": p,
                "type_r": r,
                "type_f1": f,
                "full_f1": full,
                "n_gold": n_gold,
                "n_pred": n_pred,
            }
    scores["per_type"] = per_type
    scores["confusion"] = dict(sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])))
    if by_tag:
        scores["per_tag"] = {
            tag: {
                "type_f1": _prf(c["type_tp"], c["pred"], c["gold"])[2],
                "full_f1": _prf(c["full_tp"], c["pred"], c["gold"])[2],
                "n_sentences": c["sentences"],
            }
            for tag, c in sorted(by_tag.items())
        }
    return scores


def quad_class(events: Sequence[PredictedEvent], gold: int | None = None) -> int:
    """The quad class of a sentence's events: that of the most confident one, 0 when none.

    A CONCEDE event is class 1, or 2 when ``gold`` is 2 (both are accepted for it).
    """
    if not events:
        return 0
    top = max(events, key=lambda e: e.confidence)  # max keeps the first of equals
    if top.type == "CONCEDE" and gold == 2:
        return 2
    return QUAD.get(top.type, 0)


def score_quad(
    items: Iterable[QuadSentence], predict: Predict, date: dt.date | None = QUAD_DATE
) -> dict[str, Any]:
    """Quad-class accuracy, macro F1 over the five classes, per-class F1 and the confusion matrix.

    Args:
        items: :func:`load_quad` sentences.
        predict: ``predict(text, date) -> [PredictedEvent, …]``.
        date: the publication date passed to ``predict``.

    Returns:
        ``accuracy``, ``macro_f1``, ``f1_0`` … ``f1_4``, ``n``, and ``confusion`` (a 5 × 5 list,
        rows gold class, columns predicted class).
    """
    matrix = [[0] * len(QUAD_CLASSES) for _ in QUAD_CLASSES]
    for item in items:
        matrix[item.label][quad_class(predict(item.text, date), item.label)] += 1
    n = sum(map(sum, matrix))
    scores: dict[str, Any] = {"accuracy": sum(matrix[c][c] for c in QUAD_CLASSES) / n if n else 0.0}
    f1s = []
    for c in QUAD_CLASSES:
        f1 = _prf(matrix[c][c], sum(row[c] for row in matrix), sum(matrix[c]))[2]
        scores[f"f1_{c}"] = f1
        f1s.append(f1)
    scores["macro_f1"] = sum(f1s) / len(f1s)
    scores["n"] = n
    scores["confusion"] = matrix
    return scores


def trigger_span(item: FactualityItem) -> tuple[int, int]:
    """The offsets of the first whole-word occurrence of an item's trigger in its text."""
    m = re.search(rf"(?<!\w){re.escape(item.trigger)}(?!\w)", item.text)
    if m is None:
        raise GoldDataError(f"trigger {item.trigger!r} not in {item.text!r}")
    return m.start(), m.end()


def _get(event: Any, name: str) -> Any:
    """A field of a record event, whether an :class:`~dragoman.record.Event` or its JSON dict."""
    return event.get(name) if isinstance(event, dict) else getattr(event, name, None)


def evaluate_factuality(records: Sequence[Record], items: Sequence[FactualityItem]) -> dict[str, Any]:
    """Factuality accuracy of ``records`` (one per item, in order) on the items' trigger words.

    Returns:
        ``accuracy``, ``n``, ``right``, ``missing`` (items with no event on the trigger),
        ``per_class`` (factuality → ``n``, ``right``, ``missing``) and ``confusion``
        (``"GOLD>PRED"`` → count, ``-`` for a missing event).
    """
    if len(records) != len(items):
        raise ValueError(f"{len(records)} records for {len(items)} factuality items")
    per_class = {f: Counter[str]() for f in FACTUALITIES}
    confusion: Counter[str] = Counter()
    for record, item in zip(records, items, strict=True):
        start, end = trigger_span(item)
        hits = [e for e in record.events if (t := _get(e, "trigger")) and t[0] < end and start < t[1]]
        best = max(hits, key=lambda e: float(_get(e, "confidence") or 0.0)) if hits else None
        predicted = str(_get(best, "factuality")) if best is not None else "-"
        counts = per_class.setdefault(item.factuality, Counter())
        counts.update(n=1, right=int(predicted == item.factuality), missing=int(best is None))
        confusion[f"{item.factuality}>{predicted}"] += 1
    right = sum(c["right"] for c in per_class.values())
    return {
        "accuracy": right / len(items) if items else 0.0,
        "n": len(items),
        "right": right,
        "missing": sum(c["missing"] for c in per_class.values()),
        "per_class": {f: {k: c[k] for k in ("n", "right", "missing")} for f, c in per_class.items()},
        "confusion": dict(sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


# --- the pipeline -------------------------------------------------------------------------------


def predicted_events(record: Record) -> list[PredictedEvent]:
    """A record's events with each side's actors replaced by their countries (``actors[id].country``)."""

    def countries(ids: Any) -> frozenset[str]:
        found = ((record.actors.get(i) or {}).get("country") for i in ids or ())
        return frozenset(str(c) for c in found if c)

    return [
        PredictedEvent(
            str(_get(e, "type")),
            countries(_get(e, "source")),
            countries(_get(e, "target")),
            float(_get(e, "confidence") or 0.0),
        )
        for e in record.events
    ]


def extract_records(
    keys: Iterable[tuple[str, dt.date | None]], extractor: Extractor | None = None
) -> dict[tuple[str, dt.date | None], Record]:
    """The record of each distinct ``(text, date)``, the texts run through the pipeline in one stream."""
    from dragoman.ingest import InputDocument

    if extractor is None:
        from dragoman.extract import Extractor

        extractor = Extractor()
    todo = list(dict.fromkeys(keys))
    docs = (
        InputDocument.from_text(text, date=date.isoformat() if date else None, origin="gold")
        for text, date in todo
    )
    return dict(zip(todo, extractor.extract(docs), strict=True))


def _halves(
    name: str, sentences: Sequence[Any], score: Callable[[Sequence[Any]], dict[str, Any]]
) -> dict[str, Any]:
    results = {name: score(sentences)}
    for half in ("dev", "val"):
        results[f"{name}/{half}"] = score([s for s in sentences if split_of(s.text) == half])
    return results


def evaluate_events(
    gold_dir: Path | None = None, extractor: Extractor | None = None
) -> dict[str, dict[str, Any]]:
    """Score the pipeline's events on the PLOVER records, the PETRARCH tests and the quad sentences.

    Args:
        gold_dir: the gold directory (default: :func:`~dragoman.evaluation.gold.require_gold_dir`).
        extractor: the extractor to run (default: one on the process-wide pipeline).

    Returns:
        For the gold sets found, pooled and per half: ``plover``, ``plover/dev``,
        ``plover/val`` and ``petr…`` (:func:`score_events`; ``petr/real`` on the tests with
        real-world actors only), ``quad…`` (:func:`score_quad`).
    """
    events_dir = Path(gold_dir if gold_dir is not None else require_gold_dir()) / "events"
    plover_path, petr_path = events_dir / "plover_gsr.json", events_dir / "petr_unit_tests.json"
    table_path, quad_path = events_dir / "cameo2plover.txt", events_dir / "quad_dev.tsv"
    plover = load_plover_events(plover_path) if plover_path.is_file() else []
    petr = (
        load_petr_tests(petr_path, load_cameo_table(table_path))
        if petr_path.is_file() and table_path.is_file()
        else []
    )
    quad = load_quad(quad_path) if quad_path.is_file() else []
    keys = [(s.text, s.date) for s in (*plover, *petr) if not s.left_out] + [
        (q.text, QUAD_DATE) for q in quad
    ]
    records = extract_records(keys, extractor)

    def predict(text: str, date: dt.date | None) -> list[PredictedEvent]:
        return predicted_events(records[(text, date)])

    results: dict[str, dict[str, Any]] = {}
    if plover:
        results.update(_halves("plover", plover, lambda s: score_events(s, predict)))
    if petr:
        results.update(_halves("petr", petr, lambda s: score_events(s, predict)))
        results["petr/real"] = score_events([s for s in petr if s.real], predict)
    if quad:
        results.update(_halves("quad", quad, lambda s: score_quad(s, predict)))
    return results


def headline(results: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    """The single-number figures of :func:`evaluate_events` (per-type, per-tag and confusions left out)."""
    return {name: {k: v for k, v in s.items() if isinstance(v, int | float)} for name, s in results.items()}


def format_table(results: dict[str, dict[str, Any]]) -> str:
    """The scores as plain text: the figures per gold set, then per type, confusions and per tag."""
    lines = [f"{'dataset':<11} {'measure':<12} {'value':>8}"]
    for name, figures in headline(results).items():
        for measure, value in figures.items():
            cell = f"{value:>8}" if measure == "n" or measure.startswith("n_") else f"{value:>8.3f}"
            lines.append(f"{name:<11} {measure:<12} {cell}")
    for name, scores in results.items():
        if "/" in name:
            continue
        if scores.get("per_type"):
            lines += ["", f"{name} per type: type_p type_r type_f1 full_f1 n_gold n_pred"]
            for kind, s in scores["per_type"].items():
                lines.append(
                    f"  {kind:<10} {s['type_p']:.3f} {s['type_r']:.3f} {s['type_f1']:.3f} "
                    f"{s['full_f1']:.3f} {s['n_gold']:>4} {s['n_pred']:>4}"
                )
            errors = [(k, n) for k, n in scores["confusion"].items() if k.split(">")[0] != k.split(">")[1]]
            lines.append(
                f"{name} confusions (gold>predicted): " + ", ".join(f"{k} {n}" for k, n in errors[:12])
            )
        if scores.get("per_tag"):
            lines += ["", f"{name} per tag: type_f1 full_f1 n_sentences"]
            for tag, s in scores["per_tag"].items():
                lines.append(f"  {tag:<10} {s['type_f1']:.3f} {s['full_f1']:.3f} {s['n_sentences']:>4}")
        if "confusion" in scores and isinstance(scores["confusion"], list):
            lines += ["", f"{name} confusion (rows gold 0-4, columns predicted 0-4)"]
            lines += ["  " + " ".join(f"{n:>5}" for n in row) for row in scores["confusion"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table for the gold sets found by :func:`~dragoman.evaluation.gold.find_gold_dir`."""
    del argv
    try:
        results = evaluate_events()
    except GoldDataError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(format_table(results) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
