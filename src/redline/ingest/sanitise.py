"""Text sanitising: the characters no store, terminal or JSON consumer can take.

Every reader (files, JSONL, HTML, feeds, WARC, the API, Spark's read tasks) passes
its articles through :func:`sanitise_article`, and the store passes every row through
:func:`clean_value` before writing, so the rules are the same everywhere:

* a **lone surrogate** (``"\\ud800"`` in a JSON string: no character, cannot be
  encoded as UTF-8; it crashed ``extract``'s output and every SQLite rerun) becomes
  U+FFFD REPLACEMENT CHARACTER;
* **NUL** and the other **control characters** (C0 except tab, line feed, carriage
  return and form feed; DEL; C1) become a space (PostgreSQL refuses NUL in text; the
  others are invisible garbage from broken encodings).

Each replacement is one character for one, so the text keeps its length and the
offsets of everything found in it. What was replaced is said in the article's
``notes`` ("text: replaced 2 NUL/control characters with spaces").
"""
from __future__ import annotations

import re
from typing import Any

from ..model import Article

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ANY = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

#: the Article fields that are sanitised (free text from the input).
TEXT_FIELDS = ("text", "id", "title", "published", "source", "url", "error")


def clean_text(value: str) -> tuple[str, dict[str, int]]:
    """``value`` with lone surrogates and control characters replaced, and how many of
    each were found (``{"lone surrogate": 1, "NUL": 2, ...}``; empty when clean)."""
    if not _ANY.search(value):
        return value, {}
    found: dict[str, int] = {}
    n = len(_SURROGATE.findall(value))
    if n:
        found["lone surrogate"] = n
        value = _SURROGATE.sub("\ufffd", value)
    nul = value.count("\x00")
    if nul:
        found["NUL"] = nul
    other = len(_CONTROL.findall(value)) - nul
    if other:
        found["control character"] = other
    value = _CONTROL.sub(" ", value)
    return value, found


def describe(found: dict[str, int]) -> str:
    """"1 lone surrogate (now U+FFFD), 2 NULs (now spaces)" from :func:`clean_text`'s counts."""
    parts = []
    for what, n in found.items():
        plural = what + ("s" if n != 1 else "")
        parts.append(f"{n} {plural} " + ("(now U+FFFD)" if what == "lone surrogate" else "(now spaces)"))
    return ", ".join(parts)


def sanitise_article(article: Article) -> Article:
    """Clean the article's text fields in place (see the module doc); add a note per
    field that had something replaced. Idempotent: a clean article is left as it is."""
    for name in TEXT_FIELDS:
        value = getattr(article, name)
        if not isinstance(value, str) or not value:
            continue
        cleaned, found = clean_text(value)
        if found:
            setattr(article, name, cleaned)
            note = f"{name}: replaced {describe(found)}"
            if note not in article.notes:
                article.notes.append(note)
    return article


def clean_value(value: Any) -> Any:
    """A store cell with the same rules applied (strings only; other values as they are)."""
    if isinstance(value, str):
        return clean_text(value)[0]
    return value


def clean_row(row: dict) -> dict:
    """A row (``{column: value}``) with every string cell cleaned (a new dict only when
    something changed)."""
    if not any(isinstance(v, str) and _ANY.search(v) for v in row.values()):
        return row
    return {k: clean_value(v) for k, v in row.items()}
