"""Hand-made analysed articles for the workbench's tests, demos and benchmark.

The records are written by hand (not by the extractors), with offsets computed from
the texts, so tests of the API and UI do not depend on how well the extractors do.
:func:`sample_articles` returns them; :func:`fill_store` stores them.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Actor, Article, Entity, Event, Location, Mention, Quote, Speaker, TextSpan


def _find(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"{needle!r} not in text")
    return pos, pos + len(needle)


def _sentence(text: str, pos: int) -> dict:
    """The sentence around ``pos`` (split on '. ' — enough for hand-made texts)."""
    starts = [0] + [m.end() for m in re.finditer(r"[.!?][\"”]?\s+", text)]
    start = max(s for s in starts if s <= pos)
    nxt = [s for s in starts if s > pos]
    end = (nxt[0] if nxt else len(text))
    while end > start and text[end - 1].isspace():
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


class _Builder:
    def __init__(self, id: str, text: str, published: str, title: str, source: str,
                 url: Optional[str] = None):
        self.a = Article(id=id, text=text, published=published, title=title, source=source, url=url)
        self.ents: dict[str, Entity] = {}

    def entity(self, eid: str, name: str, type_: str, country=None, sector=None, role=None,
               mentions: tuple[str, ...] = (), kb: Optional[str] = None,
               evidence: Optional[str] = None) -> "_Builder":
        e = Entity(id=eid, name=name, type=type_, country=country, sector=sector, role=role,
                   kb=kb, evidence=evidence)
        for m in mentions:
            s, t = _find(self.a.text, m)
            e.mentions.append(Mention(s, t, m))
        self.ents[eid] = e
        self.a.entities.append(e)
        return self

    def quote(self, qid: str, kind: str, content: str, speaker: str, speaker_entity: str, cue: str) -> "_Builder":
        s, t = _find(self.a.text, content)
        ss, st = _find(self.a.text, speaker)
        cs, ct = _find(self.a.text, cue, 0)
        if cs < t:  # the cue after the quote
            try:
                cs, ct = next((m.start(), m.end()) for m in re.finditer(re.escape(cue), self.a.text) if m.start() >= t)
            except StopIteration:
                pass
        ent = self.ents.get(speaker_entity)
        self.a.quotes.append(Quote(
            id=qid, kind=kind, start=s, end=t, text=content, cue=TextSpan(cs, ct, self.a.text[cs:ct]),
            speaker=Speaker(ss, st, speaker, ent.name if ent else speaker, speaker_entity)))
        return self

    def _actor(self, eid: str, surface: str) -> Actor:
        e = self.ents[eid]
        s, t = _find(self.a.text, surface)
        return Actor(name=e.name, entity=eid, country=e.country, sector=e.sector, start=s, end=t, text=surface)

    def _actors(self, spec) -> list[Actor]:
        """``(entity id, surface)``, a list of them, or None."""
        if not spec:
            return []
        return [self._actor(*a) for a in (spec if isinstance(spec, list) else [spec])]

    def event(self, evid: str, type_: str, trigger: str, source, target,
              score: float, factuality: str = "reported", date: Optional[str] = None, mode=None,
              context=None, cameo=None, goldstein=None, trigger_nth: int = 0,
              place: Optional[tuple] = None, object: tuple[str, ...] = ()) -> "_Builder":
        """``source``/``target``: ``(entity id, surface)`` or a list of them; ``place``:
        ``(name, country, lat, lon)`` where the event happened; ``object``: the
        surfaces of what the act is about (no entity)."""
        s, t = _find(self.a.text, trigger, trigger_nth)
        objects = [Actor(name=o, entity=None, country=None, sector=None, start=a, end=b, text=o)
                   for o in object for a, b in [_find(self.a.text, o)]]
        self.a.events.append(Event(
            id=evid, type=type_, mode=mode, context=context, cameo=cameo, score=score,
            goldstein=goldstein, factuality=factuality, trigger=TextSpan(s, t, trigger),
            sentence=_sentence(self.a.text, s), source=self._actors(source), target=self._actors(target),
            date=date, date_basis="clause" if date else "published", confidence=0.9,
            location=Location(*place) if place else None, object=objects))
        return self


def sample_articles() -> list[Article]:
    """Four short hand-annotated articles about North Korea, Russia, Ukraine and Japan
    (November 2024): quotes with speakers and cues, entity mentions (some with their
    knowledge-base name and country evidence), PLOVER events of several types and
    factualities (two with an object), in four different weeks."""
    out = []
    t = ("North Korea sent 10,000 troops to Russia last month, South Korean intelligence said on Monday. "
         "\"This deployment is a grave threat to our security,\" President Yoon Suk Yeol told reporters in Seoul.")
    b = (_Builder("kr-troops", t, "2024-11-04", "Seoul says North Korean troops are in Russia", "example-news",
                  "https://news.example.org/kr-troops")
         .entity("T1", "North Korea", "GPE", "PRK", mentions=("North Korea",))
         .entity("T2", "Russia", "GPE", "RUS", mentions=("Russia",))
         .entity("T3", "National Intelligence Service", "ORG", "KOR", "SPY", mentions=("South Korean intelligence",))
         .entity("T4", "Yoon Suk Yeol", "PERSON", "KOR", "GOV", "President", mentions=("President Yoon Suk Yeol",),
                 kb="Yoon Suk Yeol", evidence="knowledge")
         .quote("Q1", "indirect", "North Korea sent 10,000 troops to Russia last month", "South Korean intelligence", "T3", "said")
         .quote("Q2", "direct", "This deployment is a grave threat to our security,", "President Yoon Suk Yeol", "T4", "told")
         .event("E1", "AID", "sent", ("T1", "North Korea"), ("T2", "Russia"), 7.4, "reported", "2024-10-28",
                mode="military", cameo="074", goldstein=8.3)
         .event("E2", "THREATEN", "threat", ("T1", "North Korea"), ("T4", "President Yoon Suk Yeol"), -5.1,
                "asserted", None, cameo="130", goldstein=-4.4))
    out.append(b.a)

    t = ("Russia and North Korea signed a mutual defence treaty in Pyongyang on Tuesday. "
         "\"Our friendship is unbreakable,\" Kim Jong Un said after the ceremony. "
         "Vladimir Putin praised North Korea for its support.")
    b = (_Builder("treaty", t, "2024-11-12", "Russia and North Korea sign a defence treaty", "wire",
                  "https://wire.example.com/treaty")
         .entity("T1", "Russia", "GPE", "RUS", mentions=("Russia",))
         .entity("T2", "North Korea", "GPE", "PRK", mentions=("North Korea",))
         .entity("T3", "Kim Jong Un", "PERSON", "PRK", "GOV", "Supreme Leader", mentions=("Kim Jong Un",))
         .entity("T4", "Vladimir Putin", "PERSON", "RUS", "GOV", "President", mentions=("Vladimir Putin",),
                 kb="Vladimir Putin")
         .quote("Q1", "direct", "Our friendship is unbreakable,", "Kim Jong Un", "T3", "said")
         .event("E1", "AGREE", "signed", ("T1", "Russia"), ("T2", "North Korea"), 8.0, "asserted", "2024-11-12",
                cameo="057", goldstein=8.0, place=("Pyongyang", "PRK", 39.02, 125.75),
                object=("a mutual defence treaty",))
         .event("E2", "SUPPORT", "praised", ("T4", "Vladimir Putin"), ("T2", "North Korea"), 4.6, "asserted",
                "2024-11-12", cameo="051", goldstein=3.4))
    out.append(b.a)

    t = ("North Korean troops attacked Ukrainian positions in the Kursk region on Sunday, Ukraine's army said. "
         "Moscow may send more weapons to Pyongyang, analysts warned.")
    b = (_Builder("kursk", t, "2024-11-19", "North Korean troops in combat near Kursk", "example-news")
         .entity("T1", "North Korea", "GPE", "PRK", "MIL", mentions=("North Korean troops",))
         .entity("T2", "Ukraine", "GPE", "UKR", "MIL", mentions=("Ukrainian positions",))
         .entity("T3", "Armed Forces of Ukraine", "ORG", "UKR", "MIL", mentions=("Ukraine's army",))
         .entity("T4", "Russia", "GPE", "RUS", "GOV", mentions=("Moscow",))
         .entity("T5", "North Korea", "GPE", "PRK", "GOV", mentions=("Pyongyang",))
         .quote("Q1", "indirect", "North Korean troops attacked Ukrainian positions in the Kursk region on Sunday",
                "Ukraine's army", "T3", "said")
         .event("E1", "ASSAULT", "attacked", ("T1", "North Korean troops"), ("T2", "Ukrainian positions"), -9.3,
                "reported", "2024-11-17", cameo="190", goldstein=-10.0, place=("Kursk", "RUS", 51.73, 36.19))
         .event("E2", "AID", "send", ("T4", "Moscow"), ("T5", "Pyongyang"), 7.4, "hypothetical", None,
                cameo="074", goldstein=8.3))
    out.append(b.a)

    t = ("Japan condemned the military cooperation between Russia and North Korea on Wednesday, "
         "Foreign Minister Takeshi Iwaya said.")
    b = (_Builder("japan", t, "2024-11-20", "Japan condemns Russia–North Korea cooperation", "tokyo-daily")
         .entity("T1", "Japan", "GPE", "JPN", "GOV", mentions=("Japan",))
         .entity("T2", "North Korea", "GPE", "PRK", mentions=("North Korea",))
         .entity("T3", "Takeshi Iwaya", "PERSON", "JPN", "GOV", "Foreign Minister", mentions=("Foreign Minister Takeshi Iwaya",),
                 evidence="nearby")
         .quote("Q1", "indirect", "Japan condemned the military cooperation between Russia and North Korea on Wednesday",
                "Foreign Minister Takeshi Iwaya", "T3", "said")
         .event("E1", "ACCUSE", "condemned", ("T1", "Japan"), ("T2", "North Korea"), -2.0, "reported", "2024-11-20",
                cameo="111", goldstein=-2.0, object=("the military cooperation",)))
    out.append(b.a)
    return out


def view_articles() -> list[Article]:
    """Three more hand-made articles for the overview, network and explorer tests:
    an actor whose canonical name has three letters ("BLA", not a country code), an
    event with two source actors of two countries, events that are ``future`` and
    ``conditional``, places with coordinates, China and the United States both ways
    in two weeks three months apart (2023), and an event dated "by 2050" in a 2023
    article (filed under its publication day)."""
    out = []
    t = ("BLA fighters attacked a train in Balochistan on Tuesday and seized the hostages, Pakistani officials said. "
         "Pakistan's army will rescue the hostages, the officials said.")
    b = (_Builder("bla", t, "2025-03-12", "Train attacked in Balochistan", "example-news")
         .entity("T1", "BLA", "ORG", None, "REB", mentions=("BLA fighters",))
         .entity("T2", "the hostages", "PERSON", "PAK", "CVL", mentions=("the hostages",))
         .entity("T3", "Pakistan Army", "ORG", "PAK", "MIL", mentions=("Pakistan's army",))
         .event("E1", "ASSAULT", "attacked", ("T1", "BLA fighters"), ("T2", "the hostages"), -9.3, "reported",
                "2025-03-11", cameo="190", place=("Balochistan", "PAK", 28.5, 65.1))
         .event("E2", "COERCE", "seized", ("T1", "BLA fighters"), ("T2", "the hostages"), -8.0, "reported",
                "2025-03-11", cameo="181", place=("Balochistan", "PAK", 28.5, 65.1))
         .event("E3", "AID", "rescue", ("T3", "Pakistan's army"), ("T2", "the hostages"), 5.0, "future", None,
                cameo="070"))
    out.append(b.a)

    t = ("The United States and Japan will send aid to Ukraine if the ceasefire holds, officials said on Friday. "
         "China and the United States met in Geneva and agreed to cut tariffs. "
         "The EU aims to be climate neutral by 2050, the Commission said.")
    b = (_Builder("aid-talks", t, "2023-05-12", "Aid if the ceasefire holds; China and US meet", "wire")
         .entity("T1", "United States", "GPE", "USA", "GOV", mentions=("The United States",))
         .entity("T2", "Japan", "GPE", "JPN", "GOV", mentions=("Japan",))
         .entity("T3", "Ukraine", "GPE", "UKR", "GOV", mentions=("Ukraine",))
         .entity("T4", "China", "GPE", "CHN", "GOV", mentions=("China",))
         .entity("T5", "United States", "GPE", "USA", "GOV", mentions=("the United States",))
         .entity("T6", "European Union", "ORG", "EUR", "IGO", mentions=("The EU",))
         .event("E1", "AID", "send", [("T1", "The United States"), ("T2", "Japan")], ("T3", "Ukraine"), 7.4,
                "conditional", None, cameo="070", place=("Kyiv", "UKR", 50.45, 30.52))
         .event("E2", "CONSULT", "met", ("T4", "China"), ("T5", "the United States"), 1.0, "asserted",
                "2023-05-11", cameo="040", place=("Geneva", "CHE", 46.2, 6.15))
         .event("E3", "AGREE", "agreed", ("T4", "China"), ("T5", "the United States"), 8.0, "asserted",
                "2023-05-11", cameo="057", place=("Geneva", "CHE", 46.2, 6.15))
         .event("E4", "SUPPORT", "neutral", ("T6", "The EU"), None, 3.0, "future", "2050"))
    out.append(b.a)

    t = ("Chinese coast guard ships rammed a Philippine vessel near Second Thomas Shoal on Monday, Manila said. "
         "The United States condemned China on Tuesday, and China warned Washington.")
    b = (_Builder("shoal", t, "2023-08-07", "Ships rammed near the shoal", "tokyo-daily")
         .entity("T1", "China Coast Guard", "ORG", "CHN", "MIL", mentions=("Chinese coast guard",))
         .entity("T2", "Philippines", "GPE", "PHL", "MIL", mentions=("Philippine vessel",))
         .entity("T3", "United States", "GPE", "USA", "GOV", mentions=("The United States",))
         .entity("T4", "China", "GPE", "CHN", "GOV", mentions=("China",))
         .entity("T5", "United States", "GPE", "USA", "GOV", mentions=("Washington",))
         .event("E1", "ASSAULT", "rammed", ("T1", "Chinese coast guard"), ("T2", "Philippine vessel"), -7.0,
                "reported", "2023-08-07", cameo="190", place=("Second Thomas Shoal", "PHL", 9.73, 115.87))
         .event("E2", "ACCUSE", "condemned", ("T3", "The United States"), ("T4", "China"), -2.0,
                "reported", "2023-08-08", cameo="111")
         .event("E3", "THREATEN", "warned", ("T4", "China"), ("T5", "Washington"), -4.4,
                "reported", "2023-08-08", cameo="130"))
    out.append(b.a)
    return out


def fill_store(store, articles: Optional[list[Article]] = None) -> list[str]:
    """Store ``articles`` (default :func:`sample_articles`); return their store ids."""
    from ..store import tables as T

    ids = []
    for art in articles if articles is not None else sample_articles():
        rows = T.article_rows(art.to_dict())
        store.store_article(rows)
        ids.append(rows["articles"][0]["article_id"])
    return ids
