"""``redline eval articles GOLD.json``: whole annotated articles, scored by the shared scorer.

Reads the gold (a JSON list of stories with ``id``, ``published``, ``persons``,
``quotes``, ``events``; ``../shared/eval/ANNOTATION.md``) and the stories' texts from
``--stories`` (default: ``dev.jsonl`` next to the gold file), runs Redline's extraction on
them (the records ``redline extract --format jsonl`` writes for the same JSONL records,
byte for byte), and scores them with ``../shared/eval/score_articles.py``, loaded as it is
(``--scorer``; its definitions are never re-derived here). The figures are printed by the
scorer's own ``main``, followed by 95% bootstrap intervals of the event figures (whole
stories resampled; ``--json`` adds them as ``intervals``): on 10 stories they are wide.

Splits. The last ``HELD_OUT`` (10; ``--held N``) stories of the gold list are the
held-out split, set aside as the out-of-sample check of issues 13 and 14; the others are
the work split.
``--split all`` (the default) reports the work split, the held split and all the stories
together. The misses of held-out stories are never printed, even with ``-v``: nobody
should read them, or they stop being held out. ``--only``, ``--exclude`` and
``--ids-file`` narrow the stories further.
"""
from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from ..training.stories import StoryFileError, story_records
from .intervals import bootstrap, fmt, ratio_of_sums

HELD_OUT = 10  # the last stories of the gold list, never tuned on
HIDDEN_NOTE = ("(held-out misses and per-type counts are hidden on purpose, also with -v: "
               "never read them, they are the out-of-sample check)")


class EvalError(Exception):
    """A usage or data error reported as ``error: ...`` with exit status 2."""


def add_arguments(p) -> None:
    p.add_argument("gold", type=Path, help="gold stories, e.g. ../shared/data/voa/dev_gold.json")
    p.add_argument("--stories", type=Path, default=None, metavar="FILE.jsonl",
                   help="the stories' texts as JSONL records {id, text, published, title...}, or "
                        "the NGEC synthetic stories' CSV zip (ids syn-<row>) (default: dev.jsonl next "
                        "to the gold file)")
    p.add_argument("--scorer", type=Path, default=None, metavar="FILE.py",
                   help="the scorer (default: <gold dir>/../../eval/score_articles.py, "
                        "i.e. ../shared/eval/score_articles.py)")
    p.add_argument("--split", choices=["work", "held", "all"], default="all",
                   help=f"work: all but the last N (--held) gold stories; held: the last N "
                        "(misses never shown); all: both separately, then together (default)")
    p.add_argument("--held", type=int, default=HELD_OUT, metavar="N",
                   help=f"how many stories at the end of the gold list are held out (default {HELD_OUT})")
    p.add_argument("--only", metavar="ID,...", help="score only these story ids")
    p.add_argument("--exclude", metavar="ID,...", help="leave these story ids out")
    p.add_argument("--ids-file", type=Path, metavar="FILE",
                   help="score only the ids in FILE (one per line or comma-separated; # comments)")
    p.add_argument("-v", "--verbose", dest="misses", action="store_true",
                   help="list the misses like the scorer's -v (never for held-out stories)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON, one object per split (with "
                   "'intervals': 95%% bootstrap intervals of the event figures)")
    p.add_argument("--out", type=Path, metavar="FILE.jsonl", help="also write the extraction output here")
    p.add_argument("--workers", "-w", type=int, default=1, metavar="N",
                   help="analyse with N processes (default 1)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


# --------------------------------------------------------------------------- inputs


def _missing(what: str, path: Path) -> EvalError:
    return EvalError(f"{what} not found: {path} (the VOA gold, its stories and the scorer live "
                     "in ../shared, which a fresh clone does not have; give the path if it is elsewhere)")


def load_scorer(path: Path):
    """The scorer module, imported from its file as it is."""
    if not path.is_file():
        raise _missing("scorer", path)
    spec = importlib.util.spec_from_file_location("score_articles", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("score", "main"):
        if not hasattr(module, name):
            raise EvalError(f"{path} has no {name}(): not the articles scorer?")
    return module


def load_gold(path: Path) -> list[dict]:
    if not path.is_file():
        raise _missing("gold file", path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise EvalError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(gold, list) or not all(isinstance(g, dict) and "id" in g for g in gold):
        raise EvalError(f"{path} is not a JSON list of stories with an 'id' each (see ANNOTATION.md)")
    return gold


def load_stories(path: Path, wanted: list[str]) -> dict[str, dict]:
    """The records of the wanted story ids (JSONL, or the NGEC synthetic stories' CSV zip
    with ids ``syn-<row>``: :func:`redline.training.stories.story_records`); every one
    must be there."""
    if not path.is_file():
        raise _missing("stories file", path)
    try:
        found = story_records(path, wanted)
    except StoryFileError as exc:
        raise EvalError(str(exc)) from exc
    lost = [i for i in wanted if i not in found]
    if lost:
        raise EvalError(f"{len(lost)} gold story id(s) not found in {path}: {', '.join(lost)}")
    return found


def _id_list(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        out += [x.strip() for x in line.replace(",", " ").split() if x.strip()]
    return out


def select(gold: list[dict], args) -> list[dict]:
    """The gold stories chosen by --only / --ids-file / --exclude (gold order kept)."""
    ids = [str(g["id"]) for g in gold]
    keep = set(ids)
    if args.ids_file is not None:
        if not args.ids_file.is_file():
            raise EvalError(f"ids file not found: {args.ids_file}")
        keep &= set(_id_list(args.ids_file.read_text(encoding="utf-8")))
    if args.only:
        only = _id_list(args.only)
        unknown = [i for i in only if i not in ids]
        if unknown:
            raise EvalError(f"--only: id(s) not in the gold: {', '.join(unknown)}")
        keep &= set(only)
    if args.exclude:
        keep -= set(_id_list(args.exclude))
    return [g for g in gold if str(g["id"]) in keep]


def splits(gold: list[dict], chosen: list[dict], which: str, held_out: int = HELD_OUT) -> list[tuple[str, list[dict]]]:
    """(name, stories) groups to report; held = the last ``held_out`` of the *whole* gold list."""
    held_ids = {str(g["id"]) for g in gold[-held_out:]} if 0 < held_out <= len(gold) else set()
    work = [g for g in chosen if str(g["id"]) not in held_ids]
    held = [g for g in chosen if str(g["id"]) in held_ids]
    if which == "work":
        return [("work", work)]
    if which == "held":
        return [("held", held)]
    groups = [("work", work), ("held", held)]
    groups = [(n, s) for n, s in groups if s]
    if len(groups) > 1:
        groups.append(("all", work + held))
    return groups


# --------------------------------------------------------------------------- extraction


def extract(records: list[dict], workers: int = 1, progress: bool = True) -> list[str]:
    """``redline extract --format jsonl`` lines for the records, in order."""
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    from ..batch import run as run_batch
    from ..commands.extract import record_json
    from ..ingest import article_from_record

    arts = [article_from_record(r, default_id=str(r.get("id"))) for r in records]
    err = Console(stderr=True)
    lines = []
    with Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), TimeRemainingColumn(), console=err,
                  disable=not progress, transient=True) as prog:
        task = prog.add_task("extract", total=len(arts))
        for a in run_batch(iter(arts), workers=max(1, workers)):
            if a.error:
                err.print(f"[red]error[/red] {a.id}: {a.error}", highlight=False)
            lines.append(record_json(a))
            prog.advance(task)
    return lines


# --------------------------------------------------------------------------- scoring


def _scorer_print(scorer, stories: list[dict], out_path: Path, verbose: bool) -> None:
    """The scorer's own printout (its ``main``) for these stories."""
    with tempfile.TemporaryDirectory() as tmp:
        gpath = Path(tmp) / "gold.json"
        gpath.write_text(json.dumps(stories, ensure_ascii=False), encoding="utf-8")
        sys.stdout.flush()
        scorer.main([str(gpath), str(out_path)] + (["-v"] if verbose else []))
        sys.stdout.flush()


def _heading(name: str, stories: list[dict], gold_path: Path, held_out: int = HELD_OUT) -> str:
    n = len(stories)
    if name == "work":
        what = f"work split: {n} stories (all but the last {held_out} of {gold_path.name})"
    elif name == "held":
        what = f"held-out split: {n} stories (the last {held_out} of {gold_path.name})"
    else:
        what = f"all {n} stories"
    return f"== {what} =="


def run(args) -> int:
    try:
        return _run(args)
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run(args) -> int:
    gold_path = Path(args.gold)
    gold = load_gold(gold_path)
    stories_path = Path(args.stories) if args.stories else gold_path.parent / "dev.jsonl"
    scorer_path = Path(args.scorer) if args.scorer else \
        Path(os.path.normpath(gold_path.parent / ".." / ".." / "eval" / "score_articles.py"))
    scorer = load_scorer(scorer_path)
    chosen = select(gold, args)
    if args.held < 0:
        raise EvalError("--held must be 0 or more")
    groups = splits(gold, chosen, args.split, args.held)
    if not any(s for _, s in groups):
        raise EvalError("no gold stories left to score (check --split / --only / --exclude / --ids-file)")
    wanted = [str(g["id"]) for _, s in groups for g in s]
    wanted = list(dict.fromkeys(wanted))
    records = load_stories(stories_path, wanted)

    t0 = time.perf_counter()
    lines = extract([records[i] for i in wanted], workers=args.workers,
                    progress=not args.no_progress)
    print(f"extracted {len(lines)} stories in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    with contextlib.ExitStack() as stack:
        if args.out:
            out_path = Path(args.out)
        else:
            out_path = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "out.jsonl"
        out_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")

        outputs = {}
        for line in lines:
            o = json.loads(line)
            outputs[str(o.get("id"))] = o
        if args.json:
            figures = {name: scorer.score(s, outputs, False)[0] for name, s in groups}
            for name, s in groups:
                if s:
                    figures[name]["intervals"] = story_intervals(scorer, s, outputs)
            print(json.dumps(figures, indent=1))
            return 0

        for k, (name, stories) in enumerate(groups):
            if k:
                print()
            print(_heading(name, stories, gold_path, args.held))
            if not stories:
                print("no stories")
                continue
            held_inside = name != "work"
            if held_inside and args.misses:
                print(HIDDEN_NOTE)
            # held-out stories (alone or inside "all") never go through the scorer's -v
            _scorer_print(scorer, stories, out_path, verbose=args.misses and not held_inside)
            ci = story_intervals(scorer, stories, outputs)
            print("95% intervals, stories resampled: " + "  ".join(
                f"{k.replace('_', ' ')} {fmt(*v)}" for k, v in ci.items()))
    return 0


#: the event figures given an interval: (numerator, denominator) counts of the scorer
INTERVAL_FIGURES = {"core_event_recall": ("core_found", "core"),
                    "event_precision": ("pred_events_ok", "pred_events"),
                    "factuality_right": ("factuality_right", "core_found")}


def story_intervals(scorer, stories: list[dict], outputs: dict) -> dict:
    """95% bootstrap intervals of the event figures, whole stories resampled (the events
    of a story hang together): how far each figure could move on another set of stories
    of the same size."""
    counts = [scorer.score([g], outputs, False)[0]["counts"] for g in stories]
    return {name: bootstrap(len(counts), ratio_of_sums(counts, num, den))
            for name, (num, den) in INTERVAL_FIGURES.items()}
