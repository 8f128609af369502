"""Entry script for ``spark-submit``::

    spark-submit --master yarn [--archives redline-env.tar.gz#env ...] \\
        src/redline/spark/submit.py extract INPUT... --out DIR [--partitions N]

The options are those of ``redline spark extract``; the master, memory and other
Spark settings come from ``spark-submit`` (``--master`` here is ignored unless set).
The driver's Python must be able to ``import redline`` (installed, or the package
zipped with ``--py-files``); see ``docs/spark.md``.
"""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    from redline.commands.spark import add_extract_arguments, run

    parser = argparse.ArgumentParser(prog="submit.py", description="Redline on Spark (spark-submit entry)")
    sub = parser.add_subparsers(dest="command", required=True)
    add_extract_arguments(sub.add_parser("extract"))
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
