"""Publication dates as they enter: ``--published``, JSONL records, feeds, HTML metadata.

One rule everywhere (:func:`check_published`): a date is a real calendar day written
``YYYY-MM-DD`` (a longer ISO timestamp such as ``2024-11-04T20:28:39Z`` is cut to its
day). ``today``, ``yesterday`` and ``tomorrow`` are resolved against the day of the
run, with a note saying so. Anything else (``2024-13-45``, ``2024-02-30``, ``last
week``) is refused with one message, :func:`invalid_date_message`: a command-line
option exits with status 2, a record becomes an error record; a date guessed from a
feed or a page's metadata is dropped with a note instead (the article is still read).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")
#: relative words resolved against the run date, in days from it.
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


class InvalidDate(ValueError):
    """A date that is not a real calendar day (the message says what to write)."""


def run_date() -> dt.date:
    """The day of this run (UTC), against which relative words are resolved."""
    return dt.datetime.now(dt.timezone.utc).date()


def invalid_date_message(field: str, value: object) -> str:
    return (f"{field} must be a real date written YYYY-MM-DD (or today/yesterday/tomorrow), "
            f"got {str(value)[:80]!r}")


def check_published(value: object, field: str = "published",
                    today: Optional[dt.date] = None) -> tuple[Optional[str], Optional[str]]:
    """``(YYYY-MM-DD or None, note or None)`` for a date as given; raises
    :class:`InvalidDate` for one that is not a real day."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        raise InvalidDate(invalid_date_message(field, value))
    text = value.strip()
    if not text:
        return None, None
    word = text.lower()
    if word in RELATIVE:
        day = (today or run_date()) + dt.timedelta(days=RELATIVE[word])
        return day.isoformat(), f"{field}: {text!r} read as {day.isoformat()} (relative to the day of the run)"
    m = _ISO.match(text)
    if not m:
        raise InvalidDate(invalid_date_message(field, value))
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:  # month 13, February 30, ...
        raise InvalidDate(f"{invalid_date_message(field, value)} ({exc})") from None
    return day.isoformat(), None


def valid_day(value: object) -> Optional[str]:
    """``YYYY-MM-DD`` if ``value`` is (or starts with) a real calendar day, else None;
    for metadata guessed by a library (feeds, HTML), where a bad date is dropped."""
    try:
        day, note = check_published(value)
    except InvalidDate:
        return None
    return day if note is None else None
