"""Scoring Dragoman against the development gold sets in ``../shared/gold`` (never shipped)."""
