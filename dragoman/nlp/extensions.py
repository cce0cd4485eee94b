"""The custom ``Doc._`` attributes Dragoman's components read and write.

They are registered explicitly by :func:`register_extensions` (called when the pipeline is
built), never as an import side effect.
"""

from __future__ import annotations

from spacy.tokens import Doc

#: name → default value of each ``Doc._`` extension Dragoman uses.
DOC_EXTENSIONS: dict[str, object] = {
    # Publication date (``datetime.date`` or None): the anchor for relative time expressions.
    "dct": None,
    # Temporal expressions found by ``dragoman_timex`` (list of dragoman.record.Timex).
    "timexes": None,
    # Actor mentions found by ``dragoman_actors`` (list of dragoman.record.Mention).
    "actor_mentions": None,
    # Actors those mentions name: actor id → the record's entry (name, kind, country, sector, …).
    "actors": None,
    # Events found by ``dragoman_events`` (list of dragoman.record.Event).
    "events": None,
    # Persuasion-technique spans found by ``dragoman_framing`` (list of dragoman.record.FramingSpan).
    "framing": None,
}


def register_extensions() -> None:
    """Register Dragoman's ``Doc._`` extensions; safe to call more than once."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
