"""``redline train quotes|events``: build Redline's trained components from shared data.

Each kind lives in ``redline.training.<kind>`` and defines ``add_arguments(parser)``
and ``run(args) -> int``. Training is reproducible (fixed seeds) and writes small
artefacts into ``src/redline/models/`` by default.
"""
from __future__ import annotations

import importlib

KINDS = {
    "quotes": "train the attribution component on PolNeAR train",
    "events": "train the PLOVER event-type classifier on PLV train and the synthetic stories",
}


def register(sub):
    p = sub.add_parser("train", help="train Redline's components from the shared data",
                       description=__doc__.splitlines()[0])
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, help_ in KINDS.items():
        try:
            module = importlib.import_module(f"redline.training.{kind}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("redline.training"):
                continue
            raise
        kp = kinds.add_parser(kind, help=help_, description=help_)
        module.add_arguments(kp)
        kp.set_defaults(func=module.run)
