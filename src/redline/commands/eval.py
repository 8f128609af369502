"""``redline eval quotes|events|...``: score Redline against annotated data.

Each kind lives in ``redline.evaluation.<kind>`` and defines ``add_arguments(parser)``
and ``run(args) -> int``.
"""
from __future__ import annotations

import importlib

KINDS = {
    "quotes": "score quotes and attribution on PolNeAR-format directories (text/ + attributions/)",
    "events": "score PLOVER event types on PLV-format TSV files (macro-F1, dyad+type, confusion matrix)",
    "details": "score dates, places, equipment and quantities against hand annotations",
}


def register(sub):
    p = sub.add_parser("eval", help="score Redline on annotated data",
                       description=__doc__.splitlines()[0])
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, help_ in KINDS.items():
        try:
            module = importlib.import_module(f"redline.evaluation.{kind}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("redline.evaluation"):
                continue
            raise
        kp = kinds.add_parser(kind, help=help_, description=help_)
        module.add_arguments(kp)
        kp.set_defaults(func=module.run)
