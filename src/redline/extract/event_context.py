"""When and where an event happened (simple version; the time-and-place issue improves it).

``attach_time_place`` fills ``Event.date``/``date_basis`` and ``Event.location`` in place:
the date expression and the place inside the event's sentence nearest the trigger
(``date_basis = "clause"``); no date in the sentence leaves the date unset.
"""
from __future__ import annotations

from ..model import Location


def attach_time_place(events, dates, places, doc, published) -> None:
    """Give each event the nearest resolved date and place of its own sentence."""
    for ev in events:
        s, e = ev.sentence["start"], ev.sentence["end"]
        mid = (ev.trigger.start + ev.trigger.end) / 2
        in_sent = [d for d in dates if s <= d.start and d.end <= e and d.value]
        if in_sent and ev.date is None:
            d = min(in_sent, key=lambda d: abs((d.start + d.end) / 2 - mid))
            ev.date, ev.date_basis = d.value, "clause"
        ps = [p for p in places if s <= p.start and p.end <= e]
        if ps and ev.location is None:
            p = min(ps, key=lambda p: abs((p.start + p.end) / 2 - mid))
            ev.location = Location(name=p.name, country=p.country, lat=p.lat, lon=p.lon)
