"""Shared plumbing of commands whose sub-commands live in a package, one module per
kind (``redline eval KIND`` → ``redline.evaluation.<kind>``, ``redline train KIND`` →
``redline.training.<kind>``); each module defines ``add_arguments(parser)`` and
``run(args) -> int``."""
from __future__ import annotations

import importlib


def register_kinds(sub, command: str, help_: str, description: str, package: str,
                   kinds: dict[str, str]) -> None:
    p = sub.add_parser(command, help=help_, description=description)
    kp_sub = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, kind_help in kinds.items():
        try:
            module = importlib.import_module(f"{package}.{kind}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(package):
                continue  # kind not part of this build
            raise
        kp = kp_sub.add_parser(kind, help=kind_help, description=kind_help)
        module.add_arguments(kp)
        kp.set_defaults(func=module.run)
