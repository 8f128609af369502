"""Redline on Apache Spark (PySpark): the same pipeline, beyond one machine.

``redline spark extract INPUT... --out DIR`` (or ``spark-submit
src/redline/spark/submit.py INPUT... --out DIR``) reads JSONL and WARC/WARC.gz inputs
as Spark data, analyses the articles in ``mapPartitions`` (the spaCy model loaded once
per Python worker process, :func:`redline.parse.load_nlp` being cached per process),
and writes the flat tables of :mod:`redline.store.tables` as Parquet, partitioned by
publication day (``pub_day=YYYY-MM-DD``). See ``docs/spark.md``.

Modules:

* :mod:`.inputs`: input files -> read tasks -> article records (in executors);
* :mod:`.schema`: Spark schemas derived from :func:`redline.store.tables.arrow_schema`;
* :mod:`.dedup`: near-duplicate detection (the store's MinHash LSH bands, as a Spark SQL join);
* :mod:`.clusters`: GDELT-style event clusters (mentions, articles, sources);
* :mod:`.job`: the job itself (read, skip known, dedupe, analyse, write);
* :mod:`.load`: a Spark run's Parquet output -> the SQL store;
* :mod:`.submit`: the ``spark-submit`` entry script.

PySpark is an optional extra (``pip install 'redline[spark]'``); nothing here imports it
at module level except :mod:`.job`.
"""
from __future__ import annotations


def pyspark_missing() -> str | None:
    """Why the Spark job cannot run here (None when it can): PySpark or Java missing."""
    import shutil
    import os

    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'redline[spark]')"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))) and not shutil.which("java"):
        return "no Java runtime (install OpenJDK 17, e.g. Debian's default-jre-headless, or set JAVA_HOME)"
    return None
