"""Extractors: one module per kind of record, each a function of a parsed ``Doc``."""
