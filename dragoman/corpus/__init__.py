"""Corpus analysis: what the stored records say together.

- :mod:`dragoman.corpus.actors`: document-local actors merged across documents (recorded, reversible).
- :mod:`dragoman.corpus.clusters`: reports of the same event grouped into one event.
- :mod:`dragoman.corpus.dyads`: two actors' events over time, by PLOVER quad class, with evidence.
- :mod:`dragoman.corpus.graph`: the actor network (nodes actors, edges dyads weighted by events).
- :mod:`dragoman.corpus.export`: the store in the field's formats.

Each module reads the store through :class:`dragoman.store.Store`; this package imports nothing
at package level so that the store can use :mod:`dragoman.corpus.actors` while saving.
"""
