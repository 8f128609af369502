"""Reproducible training of Redline components; see ``redline train``."""
