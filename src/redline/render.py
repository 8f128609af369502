"""Human-readable views of analysed articles (rich): ``pretty`` and ``summary``."""
from __future__ import annotations

from typing import Iterable

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .model import Article

FACT_STYLE = {
    "asserted": "green", "reported": "cyan", "hypothetical": "magenta", "conditional": "yellow",
    "negated": "red", "advocated": "bright_magenta", "future": "blue",
}


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def pretty(article: Article, console: Console) -> None:
    """Everything Redline found in one article: entities, quotes, events, details."""
    title = article.title or article.id
    console.rule(f"[bold]{title}")
    if article.error:
        console.print(f"[red]error:[/red] {article.error}")
        return
    meta = [f"id {article.id}", f"{len(article.text):,} chars"]
    if article.published:
        meta.append(f"published {article.published}")
    if article.source:
        meta.append(article.source)
    console.print(" · ".join(meta), style="dim")

    t = Table(title="Entities", show_lines=False, expand=True)
    for col in ("id", "name", "type", "country", "sector", "role", "mentions"):
        t.add_column(col, overflow="fold")
    for e in article.entities:
        role = e.role or ""
        if e.organisation and e.organisation not in role:
            role = f"{role} ({e.organisation})" if role else e.organisation
        t.add_row(e.id, e.name, e.type, e.country or "", e.sector or "", role, str(len(e.mentions)))
    console.print(t)

    t = Table(title="Quotes", expand=True)
    for col in ("id", "kind", "speaker", "cue", "content"):
        t.add_column(col, overflow="fold")
    for q in article.quotes:
        sp = ""
        if q.speaker:
            sp = q.speaker.name or q.speaker.text
            if q.speaker.name and q.speaker.text != q.speaker.name:
                sp += f" [dim](“{q.speaker.text}”)[/dim]"
        t.add_row(q.id, q.kind, sp, q.cue.text if q.cue else "", _short(q.text, 140))
    console.print(t)

    t = Table(title="Events", expand=True)
    for col in ("type", "mode", "source", "target", "factuality", "score", "date", "trigger"):
        t.add_column(col, overflow="fold")
    for ev in article.events:
        src = ", ".join(f"{a.name}" + (f" [{a.country}]" if a.country else "") for a in ev.source)
        tgt = ", ".join(f"{a.name}" + (f" [{a.country}]" if a.country else "") for a in ev.target)
        fact = Text(ev.factuality, style=FACT_STYLE.get(ev.factuality, ""))
        t.add_row(ev.type, ev.mode or "", src, tgt, fact,
                  "" if ev.score is None else f"{ev.score:g}", ev.date or "", ev.trigger.text)
    console.print(t)

    details = []
    if article.dates:
        details.append("dates: " + "; ".join(f"{d.text} → {d.value or '?'}" + (f" ({d.qualifier})" if d.qualifier else "") for d in article.dates))
    if article.places:
        details.append("places: " + "; ".join(f"{p.text} → {p.name} [{p.country or '?'} {p.kind}]" for p in article.places))
    if article.equipment:
        details.append("equipment: " + "; ".join(f"{e.text} ({e.category})" for e in article.equipment))
    if article.quantities:
        details.append("quantities: " + "; ".join(q.text for q in article.quantities))
    if details:
        console.print(Panel("\n".join(details), title="When, where, with what, how many", expand=True))


def summary(articles: Iterable[Article], console: Console) -> tuple[int, int]:
    """One line per article, then its main quotes and events; returns (ok, failed)."""
    ok = failed = 0
    for a in articles:
        if a.error:
            failed += 1
            console.print(f"[red]✗ {a.id}[/red]: {a.error}")
            continue
        ok += 1
        head = a.title or a.id
        console.print(
            f"[bold]■ {head}[/bold]  [dim]{len(a.entities)} entities · {len(a.quotes)} quotes · "
            f"{len(a.events)} events · {len(a.dates)} dates · {len(a.places)} places · "
            f"{len(a.equipment)} equipment · {len(a.quantities)} quantities[/dim]"
        )
        for q in a.quotes[:4]:
            who = (q.speaker.name or q.speaker.text) if q.speaker else "?"
            console.print(f"   [cyan]“{_short(q.text, 80)}”[/cyan] — {who} [dim]({q.kind})[/dim]")
        for ev in a.events[:5]:
            src = "+".join(x.country or x.name for x in ev.source) or "?"
            tgt = "+".join(x.country or x.name for x in ev.target) or "?"
            console.print(
                f"   [bold]{ev.type}[/bold] {src} → {tgt} [{FACT_STYLE.get(ev.factuality, '')}]{ev.factuality}[/]"
                f" [dim]“{_short(ev.trigger.text, 40)}”[/dim]"
            )
    return ok, failed
