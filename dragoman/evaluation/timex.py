"""Scoring the TIMEX3 tagger on the TempEval-3 corpora and on GUM news dates.

Conventions (TempEval-3): a predicted span matches a gold span *strictly* when the offsets are
equal and *relaxedly* when they overlap (one-to-one, greedy in text order). **Value** precision
and recall count relaxed matches whose value is also right, over all predicted and all gold
timexes; ``type_accuracy`` is the share of relaxed matches whose TIMEX3 type is right.

GUM (``ner/gum_news.jsonl``) has no TIMEX3 types: its dates carry an absolute ``when``
(``2017-07-21``, ``2017-07``, ``2017``, ``2010-09-04T22:30:00``), an interval ``from``/``to`` or
bounds ``notBefore``/``notAfter``. Both sides are turned into calendar-day intervals and a value
is right when the intervals agree:

* a predicted value becomes the days it covers: ``2017-W28`` is 2017-07-10..2017-07-16,
  ``2017-07`` the whole month, ``2017-W28-WE`` its Saturday and Sunday, ``2017-Q3``,
  ``2017-SU`` (June–August), ``2017-H1``, ``199`` (the decade) likewise;
* interval ends may differ by one day (weeks that start on Sunday against ISO weeks);
* a gold time of day (``...T22:30:00``) needs a predicted TIME with the same date, hour and minute;
* a predicted DURATION matches a gold ``notBefore``/``notAfter`` or ``from``/``to`` interval
  when its length agrees within 10 % or one unit (``15 years`` for 1994..2008);
* GUM annotates dates, not durations or frequencies, so predicted DURATION and SET timexes that
  overlap no gold span are left out of the counts (neither right nor wrong); so are predicted
  ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` values (``now``, ``recently``, ``the future``):
  GUM resolves every date it annotates to the calendar and never annotates these, so they are
  outside what it can judge (where one does overlap a gold date it is scored, and is wrong);
* a predicted ``mod`` of START, MID or END narrows a value to the first, middle or last third of
  its interval (``the end of the year``, ``2006`` END, covers September–December 2006), and a
  gold date inside that part agrees (GUM writes such spans as a day: ``2006-12-31``);
* ``type_accuracy`` is not defined for GUM (reported as NaN).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dragoman.evaluation.gold import find_gold_dir, iter_jsonl
from dragoman.record import Timex
from dragoman.time.bounds import timex_days

if TYPE_CHECKING:
    from spacy.tokens import Doc

Interval = tuple[dt.date, dt.date]
Tagger = Callable[[str, dt.date | None, "Doc | None"], list[Timex]]

_UNIT_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0, "Q": 91.3}


@dataclass(slots=True)
class GoldTimex:
    """A gold temporal expression; GUM ones have ``gum`` bounds instead of a TIMEX3 value."""

    start: int
    end: int
    text: str
    type: str | None
    value: str | None
    mod: str | None = None
    gum: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class GoldDoc:
    """A gold document: its text, creation date and gold timexes."""

    doc: str
    dct: dt.date | None
    text: str
    timexes: list[GoldTimex]
    dataset: str = "timebank"


def _parse_dct(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


def load_tempeval(path: Path) -> list[GoldDoc]:
    """Read a TempEval-3 JSON-lines file (``doc``, ``dct``, ``text``, ``timex[...]``).

    Args:
        path: e.g. ``gold/timex/timebank_timex.jsonl``.

    Returns:
        One :class:`GoldDoc` per line.
    """
    docs = []
    for row in iter_jsonl(path):
        timexes = [
            GoldTimex(t["start"], t["end"], t["text"], t["type"], t["value"], t.get("mod"))
            for t in row["timex"]
        ]
        docs.append(GoldDoc(row["doc"], _parse_dct(row.get("dct")), row["text"], timexes, "tempeval"))
    return docs


def load_gum_dates(path: Path) -> list[GoldDoc]:
    """Read GUM news dates (``dates[{start,end,text,when | from,to | notBefore,notAfter}]``).

    Args:
        path: e.g. ``gold/ner/gum_news.jsonl``.

    Returns:
        One :class:`GoldDoc` per line, gold bounds kept in :attr:`GoldTimex.gum`.
    """
    docs = []
    keys = ("when", "from", "to", "notBefore", "notAfter")
    for row in iter_jsonl(path):
        timexes = [
            GoldTimex(
                d["start"], d["end"], d["text"], None, d.get("when"), None, {k: d[k] for k in keys if k in d}
            )
            for d in row.get("dates", [])
        ]
        docs.append(GoldDoc(row["doc"], _parse_dct(row.get("dct")), row["text"], timexes, "gum"))
    return docs


def _gum_interval(gum: dict[str, str]) -> Interval | None:
    start_text = gum.get("from") or gum.get("notBefore") or gum.get("when")
    end_text = gum.get("to") or gum.get("notAfter") or gum.get("when")
    if not start_text or not end_text:
        return None
    start, end = timex_days(start_text), timex_days(end_text)
    return (start[0], end[1]) if start and end else None


_REF_VALUES = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})


def _mod_part(interval: Interval, mod: str | None) -> Interval | None:
    """The third of ``interval`` that a START/MID/END ``mod`` names, or ``None`` for other mods."""
    third = dt.timedelta(days=((interval[1] - interval[0]).days + 1) // 3)
    if mod == "START":
        return interval[0], interval[0] + third
    if mod == "MID":
        return interval[0] + third, interval[1] - third
    if mod == "END":
        return interval[1] - third, interval[1]
    return None


def gum_value_matches(gold: GoldTimex, pred: Timex) -> bool:
    """Whether a predicted timex's value agrees with a GUM gold date (see the module docstring)."""
    gum = gold.gum
    when = gum.get("when", "")
    if "T" in when:
        return pred.type == "TIME" and pred.value[:16] == when[:16]
    interval = _gum_interval(gum)
    if interval is None:
        return False
    if pred.type == "DURATION":
        m = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMWDQ])", pred.value)
        if not m or "when" in gum:
            return False
        measured = ((interval[1] - interval[0]).days + 1) / _UNIT_DAYS[m.group(2)]
        wanted = float(m.group(1))
        return abs(measured - wanted) <= max(1.0, 0.1 * wanted)
    predicted = timex_days(pred.value)
    if predicted is None:
        return False
    part = _mod_part(predicted, pred.mod) if predicted[0] < predicted[1] else None
    if part is not None and part[0] <= interval[0] and interval[1] <= part[1]:
        return True
    return abs((predicted[0] - interval[0]).days) <= 1 and abs((predicted[1] - interval[1]).days) <= 1


def _align(gold: list[GoldTimex], pred: list[Timex]) -> list[tuple[GoldTimex, Timex]]:
    """One-to-one relaxed alignment: exact-span pairs first, then overlaps in text order."""
    pairs: list[tuple[GoldTimex, Timex]] = []
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for exact in (True, False):
        for pi, p in enumerate(pred):
            if pi in used_pred:
                continue
            for gi, g in enumerate(gold):
                if gi in used_gold:
                    continue
                hit = (g.start, g.end) == (p.start, p.end) if exact else g.start < p.end and p.start < g.end
                if hit:
                    pairs.append((g, p))
                    used_gold.add(gi)
                    used_pred.add(pi)
                    break
    return pairs


def _prf(tp: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_timex(pairs: Iterable[tuple[GoldDoc, list[Timex]]]) -> dict[str, float]:
    """TempEval-3 span, value and type scores over (gold document, predicted timexes) pairs.

    Args:
        pairs: each gold document with the tagger's timexes for its text.

    Returns:
        ``strict_p/r/f1``, ``relaxed_p/r/f1``, ``value_p/r/f1``, ``type_accuracy``, ``n_gold``,
        ``n_pred`` (GUM documents are scored by the interval rules of the module docstring).
    """
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = 0
    typed = False
    for gold_doc, predicted in pairs:
        gum = gold_doc.dataset == "gum"
        pred = list(predicted)
        if gum:
            pred = [p for p in pred if (p.type in ("DATE", "TIME") and p.value not in _REF_VALUES)
                    or any(g.start < p.end and p.start < g.end for g in gold_doc.timexes)]  # fmt: skip
        n_gold += len(gold_doc.timexes)
        n_pred += len(pred)
        for g, p in _align(gold_doc.timexes, pred):
            relaxed += 1
            strict += (g.start, g.end) == (p.start, p.end)
            value_ok += gum_value_matches(g, p) if gum else p.value == g.value
            if not gum:
                typed = True
                type_ok += p.type == g.type
    scores: dict[str, float] = {"n_gold": n_gold, "n_pred": n_pred}
    for name, tp in (("strict", strict), ("relaxed", relaxed), ("value", value_ok)):
        precision, recall, f1 = _prf(tp, n_pred, n_gold)
        scores.update({f"{name}_p": precision, f"{name}_r": recall, f"{name}_f1": f1})
    scores["type_accuracy"] = type_ok / relaxed if typed and relaxed else math.nan
    return scores


def gold_sets(gold_dir: Path) -> dict[str, list[GoldDoc]]:
    """The three development sets, by name (``timebank``, ``aquaint``, ``gum_news``), where present."""
    sets: dict[str, list[GoldDoc]] = {}
    for name in ("timebank", "aquaint"):
        path = gold_dir / "timex" / f"{name}_timex.jsonl"
        if path.is_file():
            sets[name] = load_tempeval(path)
    gum = gold_dir / "ner" / "gum_news.jsonl"
    if gum.is_file():
        sets["gum_news"] = load_gum_dates(gum)
    return sets


def _parses(texts: list[str]) -> Iterator[Doc]:
    """The texts parsed by the process's pipeline, as the ``dragoman_timex`` component sees them.

    Reuses :func:`~dragoman.nlp.pipeline.load_pipeline` (no second model load); the tagger reads
    part-of-speech tags and dependencies only, so entities and Dragoman's own steps are skipped.
    """
    from dragoman.nlp.pipeline import DRAGOMAN_COMPONENTS, load_pipeline

    return load_pipeline().pipe(texts, disable=["ner", *DRAGOMAN_COMPONENTS])


def evaluate_timex(
    gold_dir: Path, tagger: Tagger | None = None, *, parse: bool = True
) -> dict[str, dict[str, float]]:
    """Score a tagger (default :func:`dragoman.time.tag_timexes`) on each gold set.

    The pipeline's timex component receives the spaCy parse of each document (for the tense of
    the governing verb), so by default the evaluation parses the texts the same way: the figures
    are those of the product.

    Args:
        gold_dir: the gold directory (see :func:`dragoman.evaluation.gold.find_gold_dir`).
        tagger: ``tagger(text, dct, doc) -> list[Timex]``.
        parse: pass the spaCy parse (``doc``) to the tagger; ``False`` passes ``None``.

    Returns:
        Per dataset name, the scores of :func:`score_timex`; also ``timebank+aquaint``, the two
        TempEval-3 sets pooled (micro-averaged), where both are present.
    """
    if tagger is None:
        from dragoman.time import tag_timexes

        tagger = tag_timexes
    tagged: dict[str, list[tuple[GoldDoc, list[Timex]]]] = {}
    for name, docs in gold_sets(Path(gold_dir)).items():
        parsed: Iterable[Doc | None] = _parses([d.text for d in docs]) if parse else [None] * len(docs)
        tagged[name] = [
            (doc, tagger(doc.text, doc.dct, parse_of_doc))
            for doc, parse_of_doc in zip(docs, parsed, strict=True)
        ]
    results = {name: score_timex(pairs) for name, pairs in tagged.items()}
    if "timebank" in tagged and "aquaint" in tagged:
        # TimeBank and AQUAINT together are TempEval-3's training corpus (TBAQ): the pooled figure.
        results["timebank+aquaint"] = score_timex([*tagged["timebank"], *tagged["aquaint"]])
    return results


def format_table(results: dict[str, dict[str, float]]) -> str:
    """The scores as a plain-text table, one row per dataset."""
    cols = ["strict_p", "strict_r", "strict_f1", "relaxed_p", "relaxed_r", "relaxed_f1",
            "value_p", "value_r", "value_f1", "type_accuracy"]  # fmt: skip
    lines = ["dataset   " + " ".join(f"{c:>13}" for c in cols) + "  n_gold n_pred"]
    for name, s in results.items():
        cells = " ".join(f"{s[c]:>13.3f}" for c in cols)
        lines.append(f"{name:<9} {cells}  {int(s['n_gold']):>6} {int(s['n_pred']):>6}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table for the gold sets found by :func:`find_gold_dir` (``--no-parse``: no spaCy doc)."""
    args = sys.argv[1:] if argv is None else argv
    gold = find_gold_dir()
    if gold is None:
        sys.stderr.write("gold sets not found: set DRAGOMAN_GOLD or put them at ../shared/gold\n")
        return 1
    sys.stdout.write(format_table(evaluate_timex(gold, parse="--no-parse" not in args)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
