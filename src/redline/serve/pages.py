"""The workbench's HTML pages: one layout (``web/layout.html``: head, stylesheet, the
top bar) around each page's own ``<main>`` (``web/pages/<name>.html``).

A page file starts with two comment lines that say what the layout needs from it::

    <!-- title: Articles -->
    <!-- scripts: common.js index.js -->

(the scripts are paths under ``/static/``, loaded in that order after the page body).
"""
from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from string import Template

WEB = Path(str(resources.files("redline").joinpath("web")))
_FIELD = re.compile(r"<!--\s*(title|scripts):\s*(.*?)\s*-->\n")


@functools.lru_cache(maxsize=None)
def render(name: str) -> str:
    """The whole HTML of page ``name`` (``index``, ``events``...); KeyError if there is
    no such page, ValueError if its file lacks a title."""
    path = WEB / "pages" / f"{name}.html"
    if not re.fullmatch(r"[a-z]+", name) or not path.is_file():
        raise KeyError(name)
    text = path.read_text(encoding="utf-8")
    fields = {}
    while (m := _FIELD.match(text)) is not None:
        fields[m.group(1)] = m.group(2)
        text = text[m.end():]
    if "title" not in fields:
        raise ValueError(f"{path}: no '<!-- title: ... -->' line")
    scripts = "".join(f'<script src="/static/{s}"></script>\n' for s in fields.get("scripts", "").split())
    layout = Template((WEB / "layout.html").read_text(encoding="utf-8"))
    return layout.substitute(title=fields["title"], main=text, scripts=scripts)


def names() -> list[str]:
    """The pages there are."""
    return sorted(p.stem for p in (WEB / "pages").glob("*.html"))
