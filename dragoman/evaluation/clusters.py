"""Scoring event clustering (:mod:`dragoman.corpus.clusters`) on Dragoman's own test corpus.

The corpus (``tests/data/clusters``) is about thirty short wire-style articles written for this
purpose: ``articles.jsonl`` (the JSON-lines input format) and ``gold.tsv``, one row per article
naming its main event (PLOVER type, source and target actor sets) and a gold event label; rows
with the same label report the same real event. Some events are reported two to four times in
different words; others are look-alikes that must stay apart (the same pair meeting again two
weeks later, the same pair on the same day doing something else, the same type and day with
another pair, the same meeting in another city, a denial).

The articles are ingested into an in-memory store and clustered with
:func:`~dragoman.corpus.clusters.recluster`. An article's **predicted row** is its stored event
of the gold type whose source and target actor *sets* equal the gold ones (the first by index
when several do). An article without one is **missed**: it is listed, and it counts as a
cluster of its own, so it costs recall (it joins nothing) but no precision.

Measures, over the gold-labelled articles:

* **pairwise** precision/recall/F1: a pair of articles is predicted-same when both rows share a
  cluster id, gold-same when both share a gold label; precision = pairs right among predicted-same,
  recall = pairs right among gold-same (1.0 when there is no pair to judge);
* **B-cubed** precision/recall/F1: per article, the share of its predicted cluster that has its
  gold label, and the share of its gold event that is in its predicted cluster, averaged.

Only the articles' main events are scored: other rows are clustered too (and may share a
cluster with a main event, which is fine), but are not judged.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from dragoman.corpus.clusters import recluster
from dragoman.errors import GoldDataError

# The pair and B-cubed formulas are the ones actor identity is scored with: one copy.
from dragoman.evaluation.actors import b_cubed, pairwise
from dragoman.store import Store
from dragoman.store.corpus import EventFact

if TYPE_CHECKING:
    from dragoman.extract import Extractor

#: The clustering test corpus in a source checkout: ``articles.jsonl`` and ``gold.tsv``.
CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "clusters"

_NONE = "-"


@dataclass(frozen=True, slots=True)
class GoldReport:
    """One article's main event and the real event it reports (a row of ``gold.tsv``)."""

    doc: str
    type: str
    source: frozenset[str]
    target: frozenset[str]
    event: str


class ClusterScores(TypedDict):
    """What :func:`evaluate_clusters` returns: the figures, and enough detail to check pairs."""

    pair_p: float
    pair_r: float
    pair_f1: float
    b3_p: float
    b3_r: float
    b3_f1: float
    n_reports: int
    n_events: int
    n_clusters: int
    n_missed: int
    missed: list[str]
    clusters: dict[str, str]


def _actor_set(cell: str) -> frozenset[str]:
    cell = cell.strip()
    return frozenset() if cell in ("", _NONE) else frozenset(a.strip() for a in cell.split(","))


def load_gold(path: Path) -> list[GoldReport]:
    """Read ``gold.tsv``: ``#`` comment lines, a header, then doc, type, source, target, event.

    Args:
        path: the TSV file.

    Returns:
        One :class:`GoldReport` per data row, in file order.

    Raises:
        GoldDataError: the file cannot be read, a row has not five columns, or a doc is given twice.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GoldDataError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    reports: list[GoldReport] = []
    seen: set[str] = set()
    rows = [
        (n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")
    ]
    for number, line in rows[1:]:  # rows[0] is the header
        cells = line.split("\t")
        if len(cells) != 5:
            raise GoldDataError(f"{path}:{number}: expected 5 tab-separated columns, found {len(cells)}")
        doc, type_, source, target, event = (c.strip() for c in cells)
        if doc in seen:
            raise GoldDataError(f"{path}:{number}: document {doc!r} is listed twice")
        seen.add(doc)
        reports.append(GoldReport(doc, type_, _actor_set(source), _actor_set(target), event))
    return reports


def main_event(facts: Iterable[EventFact], gold: GoldReport) -> EventFact | None:
    """The stored row of ``gold.doc`` with the gold type and actor sets (lowest index), if any."""
    matches = [
        f
        for f in facts
        if f.doc_id == gold.doc
        and f.type == gold.type
        and frozenset(f.source) == gold.source
        and frozenset(f.target) == gold.target
    ]
    return min(matches, key=lambda f: f.idx, default=None)


def score_clusters(gold: Sequence[GoldReport], predicted: dict[str, str | None]) -> ClusterScores:
    """Pairwise and B-cubed scores of predicted clusters against the gold events.

    Args:
        gold: the gold reports.
        predicted: ``{doc id: cluster id}`` of each report's predicted row; ``None`` (or absent)
            for a missed one, which then stands alone.

    Returns:
        The scores; ``clusters`` maps each doc to its predicted cluster (a missed doc to
        ``missed:<doc>``).
    """
    clusters = {g.doc: predicted.get(g.doc) or f"missed:{g.doc}" for g in gold}
    mentions = [(g.event, clusters[g.doc]) for g in gold]
    pair_p, pair_r, pair_f1 = pairwise(mentions)
    b3_p, b3_r, b3_f1 = b_cubed(mentions)
    missed = [g.doc for g in gold if predicted.get(g.doc) is None]
    return ClusterScores(
        pair_p=pair_p,
        pair_r=pair_r,
        pair_f1=pair_f1,
        b3_p=b3_p,
        b3_r=b3_r,
        b3_f1=b3_f1,
        n_reports=len(gold),
        n_events=len({g.event for g in gold}),
        n_clusters=len(set(clusters.values())),
        n_missed=len(missed),
        missed=missed,
        clusters=clusters,
    )


def evaluate_clusters(path: Path = CORPUS_DIR, extractor: Extractor | None = None) -> ClusterScores:
    """Ingest the test corpus into an in-memory store, cluster it and score the clusters.

    Args:
        path: the folder holding ``articles.jsonl`` and ``gold.tsv``.
        extractor: the extractor to ingest with (a new one, loading the pipeline, by default).

    Returns:
        The scores of :func:`score_clusters`.

    Raises:
        GoldDataError: an article could not be ingested, or the gold file is malformed.
    """
    # Imported here: ingesting needs spaCy, which scoring alone (and importing this module) does not.
    from dragoman.batch import ingest

    gold = load_gold(path / "gold.tsv")
    with Store(":memory:") as store:
        failed = [
            o
            for o in ingest([str(path / "articles.jsonl")], store, extractor=extractor)
            if o.status == "failed"
        ]
        if failed:
            raise GoldDataError(f"{failed[0].where}: could not ingest the article: {failed[0].reason}")
        recluster(store)
        facts = store.event_facts()
    by_doc: dict[str, list[EventFact]] = {}
    for fact in facts:
        by_doc.setdefault(fact.doc_id, []).append(fact)
    predicted: dict[str, str | None] = {}
    for report in gold:
        row = main_event(by_doc.get(report.doc, []), report)
        predicted[report.doc] = row.cluster_id if row is not None else None
    return score_clusters(gold, predicted)


def format_table(scores: ClusterScores) -> str:
    """The figures as plain text, a measure per line, then the missed articles if any."""
    lines = [f"{'measure':<12} {'value':>8}"]
    for measure, value in scores.items():
        if isinstance(value, float):
            lines.append(f"{measure:<12} {value:>8.3f}")
        elif isinstance(value, int):
            lines.append(f"{measure:<12} {value:>8}")
    if scores["missed"]:
        lines.append("missed: " + ", ".join(scores["missed"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the clustering scores on the test corpus (``python -m dragoman.evaluation.clusters [DIR]``)."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else CORPUS_DIR
    if not (path / "gold.tsv").is_file():
        sys.stderr.write(f"clustering test corpus not found: no gold.tsv in {path}\n")
        return 1
    sys.stdout.write(format_table(evaluate_clusters(path)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
