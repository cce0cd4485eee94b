"""Scoring whom framing spans are about, and their tone, on Dragoman's own annotations.

No gold set marks the actor a persuasion technique targets, so ``tests/data/framing_targets``
holds our own, in two files of 80 spans each (``dev.tsv``, ``test.tsv``): one row per span of the
bundled example corpus (``examples/demo/articles.jsonl``; offsets index its texts) with the actor
the span is about (an actor id of the record, or ``none``) and its tone toward it (``positive``,
``negative`` or ``none``). The spans were sampled from the detector's output on that corpus and
annotated blind to the system's targets and tones (see the files' headers).

The targeting stage is scored on its own: each annotated span, with its technique, goes through
:func:`~dragoman.framing.targets.target_and_tone` over the pipeline's parse of its document,
whatever the technique detector now finds there. The rules may be tuned on ``dev.tsv``;
``test.tsv`` reports. Measures:

* **target** precision (spans given an actor: the right one), recall (spans about an actor: that
  actor found) and F1, and accuracy over every span (``none`` against ``none`` is right);
* **tone** accuracy over the spans whose target is right and about an actor;
* the same for a **baseline**: the nearest actor mention in the span's sentence (places aside),
  and the tone the technique carries.

    python -m dragoman.evaluation.targets
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dragoman.errors import GoldDataError
from dragoman.framing.lexicon import NEGATIVE, POSITIVE, load_lexicon
from dragoman.framing.targets import MentionIndex, target_and_tone
from dragoman.record import FRAMING_TECHNIQUES

_REPO = Path(__file__).resolve().parents[2]
#: The annotations, and the corpus whose texts their offsets index (in a source checkout).
TEST = _REPO / "tests" / "data" / "framing_targets" / "test.tsv"
DEV = _REPO / "tests" / "data" / "framing_targets" / "dev.tsv"
CORPUS = _REPO / "examples" / "demo" / "articles.jsonl"

_POLARITIES = ("positive", "negative")

#: The baseline's tone: the one a technique usually carries.
_TECHNIQUE_TONE = {
    "Name_Calling,Labeling": NEGATIVE,
    "Appeal_to_fear-prejudice": NEGATIVE,
    "Doubt": NEGATIVE,
    "Whataboutism,Straw_Men,Red_Herring": NEGATIVE,
    "Flag-Waving": POSITIVE,
}


@dataclass(frozen=True, slots=True)
class TargetAnnotation:
    """One annotated span: where it is, its technique, whom it is about and in what tone."""

    doc_id: str
    start: int
    end: int
    technique: str
    target: str | None
    polarity: str | None


def load_annotations(path: Path) -> list[TargetAnnotation]:
    """Read ``annotations.tsv`` (``#`` lines are comments; a header row names the columns).

    Raises:
        GoldDataError: the file is missing, or a row is malformed.
    """
    if not path.is_file():
        raise GoldDataError(f"{path}: no target annotations")
    rows: list[TargetAnnotation] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("doc\t"):
            continue
        parts = line.split("\t")
        if len(parts) < 6 or parts[3] not in FRAMING_TECHNIQUES or parts[5] not in (*_POLARITIES, "none"):
            raise GoldDataError(f"{path}:{number}: expected doc, start, end, technique, target, polarity")
        target = None if parts[4] == "none" else parts[4]
        polarity = None if parts[5] == "none" else parts[5]
        rows.append(TargetAnnotation(parts[0], int(parts[1]), int(parts[2]), parts[3], target, polarity))
    return rows


def _texts(corpus: Path, ids: Iterable[str]) -> dict[str, str]:
    wanted = set(ids)
    texts = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["id"] in wanted:
            texts[row["id"]] = row["text"]
    if missing := wanted - set(texts):
        raise GoldDataError(f"{corpus}: no document {sorted(missing)[0]!r} of the annotations")
    return texts


def _scores(gold: list[TargetAnnotation], predicted: list[tuple[str | None, str | None]]) -> dict[str, float]:
    pairs = list(zip(gold, predicted, strict=True))
    given = [(g, p) for g, p in pairs if p[0] is not None]
    about = [(g, p) for g, p in pairs if g.target is not None]
    right = [(g, p) for g, p in about if p[0] == g.target]
    precision = sum(p[0] == g.target for g, p in given) / len(given) if given else 0.0
    recall = len(right) / len(about) if about else 0.0
    return {
        "spans": len(pairs),
        "about_an_actor": len(about),
        "target_p": precision,
        "target_r": recall,
        "target_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "target_accuracy": sum(p[0] == g.target for g, p in pairs) / len(pairs) if pairs else 0.0,
        "tone_accuracy": sum(p[1] == g.polarity for g, p in right) / len(right) if right else 0.0,
    }


def evaluate_targets(annotations: Path = TEST, corpus: Path = CORPUS) -> dict[str, dict[str, float]]:
    """Score :func:`~dragoman.framing.targets.target_and_tone` and the baseline on the annotations.

    Returns:
        ``{"dragoman": scores, "baseline": scores}``, the measures of the module docstring.
    """
    from dragoman.nlp.framing import unused_components
    from dragoman.nlp.pipeline import load_pipeline

    gold = load_annotations(annotations)
    texts = _texts(corpus, (a.doc_id for a in gold))
    nlp = load_pipeline()
    lexicon = load_lexicon()
    ids = sorted(texts)
    docs = dict(zip(ids, nlp.pipe((texts[i] for i in ids), disable=unused_components(nlp)), strict=True))
    ours: list[tuple[str | None, str | None]] = []
    baseline: list[tuple[str | None, str | None]] = []
    indexes = {doc_id: MentionIndex.of(doc) for doc_id, doc in docs.items()}
    for a in gold:
        doc, index = docs[a.doc_id], indexes[a.doc_id]
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        if span is None or not len(span):
            raise GoldDataError(f"{annotations}: {a.doc_id} [{a.start}, {a.end}) is no span of its text")
        ours.append(target_and_tone(span, index, lexicon))
        nearest = index.nearest(a.start, a.end)  # the baseline
        baseline.append((nearest, _TECHNIQUE_TONE.get(a.technique) if nearest else None))
    return {"dragoman": _scores(gold, ours), "baseline": _scores(gold, baseline)}


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """The scores as a plain-text table, one row per system."""
    lines = [f"{'':<10} {'target P':>9} {'R':>6} {'F1':>6} {'accuracy':>9} {'tone':>6} {'spans':>6}"]
    for name, s in scores.items():
        lines.append(
            f"{name:<10} {s['target_p']:>9.3f} {s['target_r']:>6.3f} {s['target_f1']:>6.3f} "
            f"{s['target_accuracy']:>9.3f} {s['tone_accuracy']:>6.3f} {int(s['spans']):>6}"
        )
    return "\n".join(lines)


def main() -> int:
    """Print the table."""
    try:
        scores = evaluate_targets()
    except GoldDataError as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(format_scores(scores) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
