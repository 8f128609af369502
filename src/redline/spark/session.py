"""The SparkSession of a ``redline spark`` run (or the one ``spark-submit`` made)."""
from __future__ import annotations

import os
import sys
from typing import Optional

#: SQL settings the job relies on (set at run time, so they hold under spark-submit too).
RUNTIME_CONF = {
    # partition directories are YYYY-MM-DD strings, never dates
    "spark.sql.sources.partitionColumnTypeInference.enabled": "false",
    "spark.sql.parquet.compression.codec": "zstd",
    "spark.sql.adaptive.enabled": "true",
    "spark.sql.adaptive.coalescePartitions.enabled": "true",
}


#: JVM options of a local-mode session (a new JVM only). The JVM does little here (it
#: moves records between the Python workers and Parquet); the work is in Python. With
#: the C1 compiler only, the many short Spark jobs of a run (read, dedup, 13 table
#: writes, clusters) stop paying for C2 compilation, which on a 2-core machine competes
#: with the Python workers for the cores: the session starts and each phase's fixed
#: cost fall by about a third (measured, docs/benchmarks.md). Pass your own
#: ``spark.driver.extraJavaOptions`` to replace it.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1"


def get_session(master: Optional[str] = None, app_name: str = "redline", driver_memory: Optional[str] = None,
                shuffle_partitions: Optional[int] = None, conf: Optional[dict] = None):
    """A SparkSession: an existing one (spark-submit) or a new one on ``master``.

    In local mode the Python workers run this interpreter, with one BLAS/OpenMP thread
    each (the cores are the parallelism), the UI is off and the JVM gets
    :data:`LOCAL_JAVA_OPTIONS`.
    """
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    b = SparkSession.builder.appName(app_name)
    if master:
        b = b.master(master)
    b = b.config("spark.executorEnv.OMP_NUM_THREADS", "1").config("spark.python.worker.reuse", "true")
    if master and master.startswith("local"):
        b = b.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        if "spark.driver.extraJavaOptions" not in (conf or {}):
            b = b.config("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)
    if driver_memory:
        b = b.config("spark.driver.memory", driver_memory)
    if shuffle_partitions:
        b = b.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    for k, v in (conf or {}).items():
        b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel(os.environ.get("REDLINE_SPARK_LOG", "ERROR"))
    for k, v in RUNTIME_CONF.items():
        spark.conf.set(k, v)
    return spark
