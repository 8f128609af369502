"""Loading of the package's reference tables (``redline/data/*.tsv``).

Tables are tab-separated with a header line; lines starting with ``#`` are comments.
Each loader is cached: a table is read once per process.
"""
from __future__ import annotations

import csv
import functools
from importlib import resources
from typing import Iterator


def data_path(name: str):
    return resources.files("redline").joinpath("data", name)


def read_tsv(name: str) -> Iterator[dict]:
    """Yield the rows of ``redline/data/<name>`` as dicts keyed by the header."""
    with data_path(name).open(encoding="utf-8") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@functools.lru_cache(maxsize=None)
def table(name: str) -> tuple[dict, ...]:
    return tuple(read_tsv(name))


@functools.lru_cache(maxsize=None)
def _classes(name: str, column: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in table(name):
        out.setdefault(r["class"], set()).add(r[column].lower())
    return {k: frozenset(v) for k, v in out.items()}


def word_class_of(name: str, column: str, cls: str) -> frozenset[str]:
    """The words (column ``column``, lower case) of class ``cls`` in the word-class table
    ``redline/data/<name>``; KeyError naming the file when the class has no row."""
    words = _classes(name, column).get(cls)
    if not words:
        raise KeyError(f"no word class {cls!r} in {name}")
    return words
