"""Hand-made analysed articles for the workbench's tests, demos and benchmark.

The records are written by hand (not by the extractors), with offsets computed from
the texts, so tests of the API and UI do not depend on how well the extractors do.
:func:`sample_articles` returns them; :func:`fill_store` stores them.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Actor, Article, Entity, Event, Mention, Quote, Speaker, TextSpan


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
               mentions: tuple[str, ...] = ()) -> "_Builder":
        e = Entity(id=eid, name=name, type=type_, country=country, sector=sector, role=role)
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

    def event(self, evid: str, type_: str, trigger: str, source: tuple[str, str], target: tuple[str, str],
              score: float, factuality: str = "reported", date: Optional[str] = None, mode=None,
              context=None, cameo=None, goldstein=None, trigger_nth: int = 0) -> "_Builder":
        s, t = _find(self.a.text, trigger, trigger_nth)
        self.a.events.append(Event(
            id=evid, type=type_, mode=mode, context=context, cameo=cameo, score=score,
            goldstein=goldstein, factuality=factuality, trigger=TextSpan(s, t, trigger),
            sentence=_sentence(self.a.text, s),
            source=[self._actor(*source)] if source else [], target=[self._actor(*target)] if target else [],
            date=date, date_basis="clause" if date else "published", confidence=0.9))
        return self


def sample_articles() -> list[Article]:
    """Four short hand-annotated articles about North Korea, Russia, Ukraine and Japan
    (November 2024): quotes with speakers and cues, entity mentions, PLOVER events of
    several types and factualities, in four different weeks."""
    out = []
    t = ("North Korea sent 10,000 troops to Russia last month, South Korean intelligence said on Monday. "
         "\"This deployment is a grave threat to our security,\" President Yoon Suk Yeol told reporters in Seoul.")
    b = (_Builder("kr-troops", t, "2024-11-04", "Seoul says North Korean troops are in Russia", "example-news",
                  "https://news.example.org/kr-troops")
         .entity("T1", "North Korea", "GPE", "PRK", mentions=("North Korea",))
         .entity("T2", "Russia", "GPE", "RUS", mentions=("Russia",))
         .entity("T3", "National Intelligence Service", "ORG", "KOR", "SPY", mentions=("South Korean intelligence",))
         .entity("T4", "Yoon Suk Yeol", "PERSON", "KOR", "GOV", "President", mentions=("President Yoon Suk Yeol",))
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
         .entity("T4", "Vladimir Putin", "PERSON", "RUS", "GOV", "President", mentions=("Vladimir Putin",))
         .quote("Q1", "direct", "Our friendship is unbreakable,", "Kim Jong Un", "T3", "said")
         .event("E1", "AGREE", "signed", ("T1", "Russia"), ("T2", "North Korea"), 8.0, "asserted", "2024-11-12",
                cameo="057", goldstein=8.0)
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
                "reported", "2024-11-17", cameo="190", goldstein=-10.0)
         .event("E2", "AID", "send", ("T4", "Moscow"), ("T5", "Pyongyang"), 7.4, "hypothetical", None,
                cameo="074", goldstein=8.3))
    out.append(b.a)

    t = ("Japan condemned the military cooperation between Russia and North Korea on Wednesday, "
         "Foreign Minister Takeshi Iwaya said.")
    b = (_Builder("japan", t, "2024-11-20", "Japan condemns Russia–North Korea cooperation", "tokyo-daily")
         .entity("T1", "Japan", "GPE", "JPN", "GOV", mentions=("Japan",))
         .entity("T2", "North Korea", "GPE", "PRK", mentions=("North Korea",))
         .entity("T3", "Takeshi Iwaya", "PERSON", "JPN", "GOV", "Foreign Minister", mentions=("Foreign Minister Takeshi Iwaya",))
         .quote("Q1", "indirect", "Japan condemned the military cooperation between Russia and North Korea on Wednesday",
                "Foreign Minister Takeshi Iwaya", "T3", "said")
         .event("E1", "ACCUSE", "condemned", ("T1", "Japan"), ("T2", "North Korea"), -2.0, "reported", "2024-11-20",
                cameo="111", goldstein=-2.0))
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
