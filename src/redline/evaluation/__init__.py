"""Scoring against annotated data; see ``redline eval``."""
