"""What kind of organisation an unknown name is, from ``data/org_kinds.tsv``: its own
words ("German Marshall Fund" → NGO, "Control Risks" → MNC) or a noun that describes it
("the think tank" → NGO). Shared by the mention reader (:mod:`.actors`) and the
resolution passes (:mod:`.resolution`)."""
from __future__ import annotations

import functools
from typing import Optional

from ..tables import table

#: the kind of think tanks and institutes: the state they sit in where the text says
#: ("a think tank in Ankara" → TUR), else NGO (:func:`code_without_place`)
RESEARCH = "RESEARCH"


def code_without_place(kind: Optional[str]) -> Optional[str]:
    """The code of an organisation of ``kind`` when the text names no place for it."""
    return "NGO" if kind == RESEARCH else kind


@functools.lru_cache(maxsize=1)
def _org_kinds() -> dict[str, tuple[str, str]]:
    """Organisation head words and descriptors → (code or LOCATED, where)."""
    return {r["word"].lower(): (r["code"], r["where"]) for r in table("org_kinds.tsv")}


def org_kind(words: list[str]) -> Optional[str]:
    """PLOVER code of an unknown organisation from its own words ("Control Risks" →
    MNC, "German Marshall Fund" → NGO), "LOCATED" for kinds whose code is the country
    they sit in (universities, state bodies), :data:`RESEARCH` for think tanks and
    institutes, or None. The head noun of the name (the
    word before its first "of"/"for": "Center for Studies and Legal Consultancy" is a
    center) speaks first."""
    kinds = _org_kinds()
    low = [w.lower().strip(".,") for w in words]
    cut = next((i for i, w in enumerate(low) if w in {"of", "for", "on", "in", "to"}), None)
    if cut:
        # "Committee for Freedom in Hong Kong": the head with its preposition may say
        # more than the head alone ("committee for" a cause is an advocacy group)
        head = kinds.get(f"{low[cut - 1]} {low[cut]}") or kinds.get(low[cut - 1])
        if head and head[1] == "head":
            return head[0]
    return _kind_in(low, where=None, last_first=True)


def _kind_in(words: list[str], where: Optional[str], last_first: bool = False) -> Optional[str]:
    """The code of the first key of ``org_kinds.tsv`` (one to three words) among
    ``words`` (longer keys first; from the end when ``last_first``), only rows of ``where``
    (``head`` or ``descriptor``) when it is given."""
    kinds = _org_kinds()
    for n in (3, 2, 1):
        starts = range(len(words) - n + 1)
        for i in (reversed(starts) if last_first else starts):
            hit = kinds.get(" ".join(words[i:i + n]))
            if hit and (where is None or hit[1] == where):
                return hit[0]
    return None


def described_kind(words: list[str]) -> Optional[str]:
    """The code a describing noun gives ("the think tank", "a risk consultancy")."""
    return _kind_in(words, where="descriptor")
