"""PLOVER reference tables: event types, scores, modes, CAMEO correspondence, Goldstein values.

Everything is read from small data files in ``redline/data`` (see ``data/README.md`` for
their origin), so the package works without ``../shared``:

- ``plover_types.tsv``: the 16 types with the manual's conflict–cooperation score (Table 2.2);
- ``plover_modes.tsv``: the (type, mode) pairs of the structured codebook;
- ``cameo_plover.tsv``: CAMEO code → PLOVER type, mode, context (CAMEO2PLOVER-2021) and
  the CAMEO code's Goldstein value (GDELT);
- ``event_lexicon.tsv`` and ``factuality_cues.tsv``: Redline's own event and cue words;
- ``event_word_classes.tsv``: the word classes the event extractor consults (verbs that
  are no event by themselves, reciprocal verbs, actor nouns...);
- ``sector_codes.tsv``: the actor sector codes and their kinds (political, an organ of
  state, armed, local), read with :func:`sectors_with`.

>>> score("ASSAULT"), goldstein("190"), cameo_type("163")
(-9.3, -10.0, 'COERCE')
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .tables import word_class_of

DATA = Path(__file__).resolve().parent / "data"

#: The 16 PLOVER event types, in the manual's order.
TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: The types of giving something up, merged into one label (YIELD) by the PLV evaluation.
YIELD_TYPES = frozenset({"CONCEDE", "RETREAT"})
#: The 15 labels of the PLV evaluation: CONCEDE and RETREAT are merged into YIELD.
EVAL_LABELS = tuple(t for t in TYPES if t not in YIELD_TYPES) + ("YIELD",)


def eval_label(type_: Optional[str]) -> str:
    """The PLV evaluation label of a PLOVER type (CONCEDE/RETREAT → YIELD, None → NONE)."""
    if not type_:
        return "NONE"
    return "YIELD" if type_ in YIELD_TYPES else type_


def _rows(name: str) -> list[dict]:
    """Rows of a tab-separated data file with '#' comment lines and a header line."""
    lines = [
        ln.rstrip("\n") for ln in (DATA / name).read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    header = lines[0].split("\t")
    out = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        out.append({h: c.strip() for h, c in zip(header, cells)})
    return out


@functools.lru_cache(maxsize=None)
def sectors_with(kind: str) -> frozenset[str]:
    """The sector codes of ``sector_codes.tsv`` flagged ``kind`` (a column: political,
    state, armed, local); KeyError for an unknown column.

    >>> sorted(sectors_with("state"))
    ['COP', 'GOV', 'JUD', 'LEG', 'MIL', 'PTY', 'SPY']
    """
    rows = _rows("sector_codes.tsv")
    if kind not in rows[0]:
        raise KeyError(f"no sector kind {kind!r} in sector_codes.tsv")
    return frozenset(r["code"] for r in rows if r[kind] == "1")


@functools.lru_cache(maxsize=1)
def types() -> dict[str, dict]:
    """type → {score, quad, cameo, definition}."""
    return {
        r["type"]: {"score": float(r["score"]), "quad": r["quad"], "cameo": r["cameo"],
                    "definition": r["definition"]}
        for r in _rows("plover_types.tsv")
    }


def quad(type_: Optional[str]) -> str:
    """The PLOVER quad class of a type ("material conflict", ...), "" if unknown."""
    return types().get(type_, {}).get("quad", "")


def cooperative(type_: Optional[str]) -> bool:
    """Is the type one of cooperation, verbal or material (AGREE ... RETREAT)?"""
    return quad(type_).endswith("cooperation")


def score(type_: str) -> Optional[float]:
    """The PLOVER conflict–cooperation score of a type (manual Table 2.2), or None."""
    t = types().get(type_)
    return t["score"] if t else None


def default_cameo(type_: str) -> Optional[str]:
    """The generic CAMEO code of a PLOVER type (e.g. ASSAULT → 190)."""
    t = types().get(type_)
    return t["cameo"] if t else None


@functools.lru_cache(maxsize=1)
def cameo_table() -> dict[str, dict]:
    """CAMEO code → {type, mode, context, goldstein, label} (type may be '' when unmapped)."""
    out = {}
    for r in _rows("cameo_plover.tsv"):
        g = r["goldstein"]
        out[r["cameo"]] = {
            "type": r["type"] or None, "mode": r["mode"] or None,
            "context": r["context"] or None,
            "goldstein": float(g) if g else None, "label": r["label"] or None,
        }
    return out


def goldstein(cameo: Optional[str]) -> Optional[float]:
    """Goldstein value of a CAMEO code; falls back to its parent code (0332 → 033 → 03)."""
    if not cameo:
        return None
    table = cameo_table()
    code = cameo
    while code:
        row = table.get(code)
        if row and row["goldstein"] is not None:
            return row["goldstein"]
        code = code[:-1] if len(code) > 2 else ""
    return None


def cameo_type(cameo: str) -> Optional[str]:
    """PLOVER type of a CAMEO code (CAMEO2PLOVER-2021), or None."""
    row = cameo_table().get(cameo)
    return row["type"] if row else None


@functools.lru_cache(maxsize=1)
def modes() -> dict[str, set[str]]:
    """type → the set of its codebook modes (lower case)."""
    out: dict[str, set[str]] = {}
    for r in _rows("plover_modes.tsv"):
        if r["mode"]:
            out.setdefault(r["type"], set()).add(r["mode"])
    return out


@dataclass(frozen=True)
class LexEntry:
    lemma: str
    pos: str  # VERB | NOUN | OBJ
    type: str
    mode: Optional[str]
    context: Optional[str]
    cameo: Optional[str]


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, str], LexEntry]:
    """(lemma, pos) → first lexicon entry. Two-word keys are "verb particle" phrases."""
    out: dict[tuple[str, str], LexEntry] = {}
    for r in _rows("event_lexicon.tsv"):
        key = (r["lemma"].lower(), r["pos"])
        out.setdefault(key, LexEntry(r["lemma"].lower(), r["pos"], r["type"], r["mode"] or None,
                                     r["context"] or None, r["cameo"] or None))
    return out


def word_class(name: str) -> frozenset[str]:
    """The lemmas of one class of ``event_word_classes.tsv`` (e.g. ``"reciprocal_verb"``)."""
    return word_class_of("event_word_classes.tsv", "lemma", name)


@functools.lru_cache(maxsize=1)
def factuality_cues() -> dict[tuple[str, str], str]:
    """(cue, where) → factuality class."""
    return {(r["cue"].lower(), r["where"]): r["class"] for r in _rows("factuality_cues.tsv")}
