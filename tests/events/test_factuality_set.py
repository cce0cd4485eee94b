"""The factuality set (``factuality_sentences.jsonl``): its shape, and the pipeline's accuracy on it.

The sentences are written for this project (news style, international politics; no gold-set text).
Each line is ``{"text", "factuality", "trigger"}``: ``trigger`` is the word that expresses the
event being labelled (a verb, or a verb noun such as ``blockade``), and occurs once in ``text``.
``factuality`` is how the text presents *that* event:

- ``asserted``: the author states it happened (or is happening), in a main clause, with no
  source named ("Israeli aircraft struck targets…").
- ``attributed``: the event is someone's claim as reported: a reporting verb ("officials said
  Russian drones attacked…", "reported that…", "claimed that…", "accused X of supplying…"),
  "according to…", "reports emerged that…". The reporting event itself (said, accused) is
  asserted; the trigger is always the reported event.
- ``hypothetical``: a modal of possibility or a condition: may, might, could, would, if…,
  should… (including the consequence of a condition: "…the EU would open talks").
- ``future``: announced or expected, not yet happened: will, plans to, intends to, is expected
  to, is scheduled to, is set to, is due to, is going to.
- ``negated``: the text says the event did not happen: not, never, no (subject), neither…nor.
  Verbs that are events in their own right (refused, denied, rejected) are
  avoided as markers: "Turkey refused to…" is an asserted REJECT.

No sentence stacks two markers on its trigger (no "officials said Iran could…"): each label is
unambiguous. The classes have 13 sentences each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from dragoman.evaluation.events import evaluate_factuality, extract_records, load_factuality_items
from dragoman.evaluation.gold import iter_jsonl
from dragoman.record import FACTUALITIES

SET = Path(__file__).with_name("factuality_sentences.jsonl")
#: The issue's target; measured 0.985 (2026-11-27).
ACCURACY_FLOOR = 0.9
#: A publication date for the sentences (they describe no particular day).
DATE = dt.date(2025, 6, 2)


def test_factuality_set_lines_have_text_factuality_and_trigger() -> None:
    rows = list(iter_jsonl(SET))
    assert len(rows) >= 60
    assert all(set(row) == {"text", "factuality", "trigger"} for row in rows)
    assert len({row["text"] for row in rows}) == len(rows)


def test_factuality_set_covers_the_five_classes_evenly() -> None:
    counts = Counter(item.factuality for item in load_factuality_items(SET))
    assert set(counts) == set(FACTUALITIES)
    assert max(counts.values()) - min(counts.values()) <= 3
    assert min(counts.values()) >= 10


def test_factuality_set_triggers_occur_once_as_words() -> None:
    for item in load_factuality_items(SET):
        found = re.findall(rf"(?<!\w){re.escape(item.trigger)}(?!\w)", item.text)
        assert len(found) == 1, (item.trigger, item.text)


@pytest.mark.slow
def test_factuality_accuracy_stays_above_floor(nlp, extractor) -> None:
    if "dragoman_events" not in nlp.pipe_names:
        pytest.skip("event extractor not registered")
    items = load_factuality_items(SET)
    records = extract_records([(item.text, DATE) for item in items], extractor)
    scores = evaluate_factuality([records[(item.text, DATE)] for item in items], items)
    assert scores["accuracy"] >= ACCURACY_FLOOR, scores["confusion"]
