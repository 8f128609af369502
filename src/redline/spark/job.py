"""The Spark job behind ``redline spark extract``.

1. **Read** (executors): the driver cuts the inputs into read tasks
   (:func:`redline.spark.inputs.plan`); each task reads and parses its records with the
   project's readers and yields one record per item: content-hash id, fields, origin,
   MinHash signature (:func:`redline.spark.inputs.read_task`).
2. **Skip known**: a record repeated in the input keeps its first occurrence; records
   whose id is already in the output's ``articles`` table are dropped (left anti-join).
3. **Near-duplicates** (:mod:`redline.spark.dedup`): the store's LSH bands as a Spark
   SQL join for candidates, the store's criterion and linking order.
4. **Analyse** (executors): ``mapPartitions`` over ``--partitions`` partitions; each
   Python worker loads the spaCy model once (:func:`redline.parse.load_nlp` is cached
   per process and Spark reuses its Python workers) and runs
   :func:`redline.pipeline.analyse_many` on batches, then flattens every article with
   :func:`redline.store.tables.article_rows`. An article that fails (unreadable,
   empty, too long, an extractor error) keeps an ``articles`` row with ``error`` and
   gets a ``failures`` row; the job goes on. The result is written once to a staging
   directory, so the analysis runs once whatever the number of tables.
5. **Write** each table as Parquet, partitioned by publication day, in **append**
   mode after a left anti-join on ``article_id`` against the rows already in that
   table (the staged result cached once; the other tables written side by side from
   a few driver threads, then ``articles`` last). Re-running on the same or overlapping input therefore
   adds no row and analyses nothing again; a run killed between two table writes is
   completed by the next run without duplicating rows. See ``docs/spark.md``.
6. **Event clusters** (:mod:`redline.spark.clusters`) are recounted over the whole
   output and overwritten.
"""
from __future__ import annotations

import functools
import logging
import time
import uuid
from typing import Iterable, Optional

from pyspark.accumulators import AccumulatorParam

from ..store import tables as T
from . import schema as SC
from .inputs import SPLIT_BYTES, plan, read_task, record_article

log = logging.getLogger(__name__)

#: articles per ``analyse_many`` call inside a partition.
BATCH = 8
#: written last: an article id in ``articles`` means all its rows are written.
WRITE_ORDER = tuple(t for t in SC.ARTICLE_TABLES if t != "articles") + ("signatures", "articles")
MAX_RECORDS_PER_FILE = 100_000
#: driver threads submitting the table writes (Spark runs their jobs side by side).
WRITE_THREADS = 4


# --------------------------------------------------------------------------- paths


def _hpath(spark, path: str):
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), p


def path_exists(spark, path: str) -> bool:
    fs, p = _hpath(spark, path)
    return bool(fs.exists(p))


def delete_path(spark, path: str) -> None:
    fs, p = _hpath(spark, path)
    if fs.exists(p):
        fs.delete(p, True)


def normalise_out(spark, out: str) -> str:
    """An absolute output location (a bare path is local when the default FS is)."""
    import os

    out = str(out).rstrip("/")
    if "://" in out:
        return out
    default_fs = spark.sparkContext._jsc.hadoopConfiguration().get("fs.defaultFS") or "file:///"
    if default_fs.startswith("file:"):
        return os.path.abspath(out)
    return out


def read_table(spark, out: str, table: str):
    """A table of the output (with its ``pub_day`` column), or None when absent."""
    from pyspark.sql import types as S

    path = f"{out}/{table}"
    if not path_exists(spark, path):
        return None
    schema = SC.table_schema(table)
    if table != "event_clusters":
        schema = S.StructType(list(schema.fields) + [S.StructField(SC.PARTITION, S.StringType(), True)])
    return spark.read.schema(schema).parquet(path)


# --------------------------------------------------------------------------- analysis (executors)


def analyse_partition(rows: Iterable, dups: dict, seconds=None):
    """Analyse one partition of records; yield one :func:`schema.analysed_schema` row
    per record. Never raises for an article: failures become rows."""
    batch = []
    for r in rows:
        batch.append(r)
        if len(batch) >= BATCH:
            yield from _analyse_batch(batch, dups, seconds)
            batch = []
    if batch:
        yield from _analyse_batch(batch, dups, seconds)


def _flatten(art, aid: str, origin: Optional[str]) -> dict:
    try:
        return T.article_rows(art.to_dict(), article_id=aid, origin=origin)
    except Exception as exc:  # a malformed record from an extractor: keep the article
        art.error = f"flattening failed: {type(exc).__name__}: {exc}"
        for name in ("entities", "quotes", "events", "dates", "places", "equipment",
                     "quantities", "terms"):
            setattr(art, name, [])
        return T.article_rows(art.to_dict(), article_id=aid, origin=origin)


def _analyse_batch(recs: list, dups: dict, seconds=None):
    from ..pipeline import analyse_many

    t0 = time.perf_counter()
    arts = [record_article(r) for r in recs]
    todo = [i for i, r in enumerate(recs) if r["stage"] != "read" and r["article_id"] not in dups]
    if todo:
        try:
            done = list(analyse_many([arts[i] for i in todo], batch_size=len(todo)))
        except Exception as exc:  # never lose the batch: mark its articles failed
            done = []
            for i in todo:
                arts[i].error = arts[i].error or f"analysis failed: {type(exc).__name__}: {exc}"
                done.append(arts[i])
        for i, a in zip(todo, done):
            arts[i] = a
    out = []
    for r, art in zip(recs, arts):
        aid, origin = r["article_id"], r["origin"]
        rows = _flatten(art, aid, origin)
        if r["stage"] == "read" and rows["failures"]:
            rows["failures"][0]["stage"] = "read"
        sig = None
        if aid in dups:  # stored as a linked copy: its article row only (as the store does)
            a0 = rows["articles"][0]
            a0["duplicate_of"], a0["similarity"] = dups[aid]
            rows = {t: (v if t == "articles" else []) for t, v in rows.items()}
        elif not art.error and r["minhash"] is not None:
            sig = bytes(r["minhash"])
        out.append((aid, rows["articles"][0]["day"],
                    *[[SC.row_tuple(t, x) for x in rows[t]] for t in SC.ARTICLE_TABLES], sig))
    if seconds is not None:
        import resource

        # seconds analysing, and the peak RSS (MB) of this Python worker so far
        seconds.add((time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    return out


class SumMax(AccumulatorParam):
    """Accumulator of ``(seconds, peak MB)`` pairs: sum of seconds, max of peaks."""

    def zero(self, value):
        return (0.0, 0.0)

    def addInPlace(self, a, b):
        return (a[0] + b[0], max(a[1], b[1]))


# --------------------------------------------------------------------------- the job


def extract(spark, inputs: list[str], out: str, partitions: Optional[int] = None,
            published: Optional[str] = None, dedupe: bool = True,
            split_bytes: int = SPLIT_BYTES, keep_staging: bool = False) -> dict:
    """Run the job; return a report (counts, rows written per table, timings)."""
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    from . import clusters
    from .dedup import candidate_pairs, link

    t0 = time.perf_counter()
    sc = spark.sparkContext
    out = normalise_out(spark, out)
    tasks = plan(inputs, split_bytes, min_tasks=sc.defaultParallelism)
    if not tasks:
        raise ValueError("no input files found in " + " ".join(map(str, inputs)))
    parts = int(partitions or max(2, sc.defaultParallelism * 4))

    # 1. read, in the executors
    reader = functools.partial(read_task, published=published)
    recs = spark.createDataFrame(sc.parallelize(tasks, len(tasks)).flatMap(reader), SC.record_schema())

    # 2. first occurrence of each id, minus what the output already has; every record
    # is kept (flagged) so that one job counts both the records read and the new ones
    ranked = recs.withColumn("_new", F.row_number().over(
        Window.partitionBy("article_id").orderBy("task", "seq")) == 1)
    known = read_table(spark, out, "articles")
    if known is not None:
        ids = known.select("article_id").distinct().withColumn("_known", F.lit(True))
        ranked = (ranked.join(ids, "article_id", "left")
                  .withColumn("_new", F.col("_new") & F.col("_known").isNull()).drop("_known"))
    ranked = ranked.persist(StorageLevel.MEMORY_AND_DISK)
    counts = ranked.agg(F.count(F.lit(1)).alias("read"),
                        F.count(F.when(F.col("_new"), 1)).alias("new")).first()
    n_read, n_new = int(counts["read"]), int(counts["new"])
    new = ranked.where(F.col("_new")).drop("_new")
    t_read = time.perf_counter() - t0

    # 3. near-duplicates
    dups: dict = {}
    if dedupe and n_new:
        old = None
        sigs = read_table(spark, out, "signatures")
        if sigs is not None and known is not None:
            # signatures of complete articles only (a killed run may have written some
            # signatures and not the ``articles`` rows: those articles are new again)
            old = sigs.select("article_id", "minhash").join(known.select("article_id"), "article_id",
                                                            "left_semi")
        dups = link(candidate_pairs(spark, new, old))
    t_dedup = time.perf_counter() - t0 - t_read

    # 4. analyse once, into a staging directory
    run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    staging = f"{out}/_staging/{run_id}"
    rows_written: dict[str, int] = {}
    failures: list[dict] = []
    seconds = sc.accumulator((0.0, 0.0), SumMax())
    n_failed = 0
    if n_new:
        bdups = sc.broadcast(dups)
        analysed = (new.repartition(parts).rdd
                    .mapPartitions(lambda rows: analyse_partition(rows, bdups.value, seconds)))
        # one shuffle after the analysis groups each publication day in few staging
        # files, so each table's append below writes about one file per day
        (spark.createDataFrame(analysed, SC.analysed_schema()).repartition(SC.PARTITION)
         .write.mode("overwrite").parquet(staging))
        t_analyse = time.perf_counter() - t0 - t_read - t_dedup
        # read back once into memory: the size pass and the 13 table writes share it
        staged = spark.read.schema(SC.analysed_schema()).parquet(staging).persist(StorageLevel.MEMORY_AND_DISK)
        sizes = staged.select(
            *[F.sum(F.size(t)).alias(t) for t in SC.ARTICLE_TABLES],
            F.count(F.col("minhash")).alias("signatures")).first().asDict()

        # 5. append each table, minus rows already there
        def write_table(table: str) -> None:
            if table == "signatures":
                df = staged.where(F.col("minhash").isNotNull()).select("article_id", "minhash", SC.PARTITION)
            else:
                df = staged.select(F.explode(table).alias("r"), SC.PARTITION).select("r.*", SC.PARTITION)
            have = read_table(spark, out, table)
            if not sizes.get(table):  # nothing to add: make sure the table's directory exists
                rows_written[table] = 0
                fs, p = _hpath(spark, f"{out}/{table}")
                fs.mkdirs(p)
                return
            if have is not None:
                df = df.join(have.select("article_id").distinct(), "article_id", "left_anti")
            cols = [f.name for f in SC.table_schema(table).fields] + [SC.PARTITION]
            df = df.select(*cols)
            if have is not None:  # rows of an interrupted earlier run may have been removed
                df = df.persist(StorageLevel.MEMORY_AND_DISK)
                rows_written[table] = df.count()
            else:
                rows_written[table] = int(sizes[table] or 0)
            if table == "failures" and rows_written[table]:
                failures.extend(r.asDict() for r in df.orderBy("article_id").limit(50).collect())
            (df.write.mode("append").partitionBy(SC.PARTITION)
             .option("maxRecordsPerFile", MAX_RECORDS_PER_FILE).parquet(f"{out}/{table}"))
            df.unpersist()

        # the tables other than ``articles`` are independent: submit their write jobs
        # from a few driver threads, so one job's scheduling and file commit overlap
        # another's tasks; ``articles`` goes last, alone, once all the others are written
        first_tables = [t for t in WRITE_ORDER if t != "articles"]
        if WRITE_THREADS > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(WRITE_THREADS) as ex:
                list(ex.map(write_table, first_tables))  # re-raises the first error
        else:
            for table in first_tables:
                write_table(table)
        write_table("articles")
        staged.unpersist()
        n_failed = rows_written.get("failures", 0)
    else:
        t_analyse = 0.0
        for table in WRITE_ORDER:
            rows_written[table] = 0

    # 6. event clusters over the whole output
    t5 = time.perf_counter()
    t_write = t5 - t0 - t_read - t_dedup - t_analyse
    events, articles = read_table(spark, out, "events"), read_table(spark, out, "articles")
    n_clusters = 0
    if events is not None and articles is not None:
        clusters.event_clusters(spark, events, articles).write.mode("overwrite").parquet(
            f"{out}/event_clusters")
        n_clusters = read_table(spark, out, "event_clusters").count()  # from Parquet footers
    t_clusters = time.perf_counter() - t5
    if not keep_staging:
        delete_path(spark, staging)
        if path_exists(spark, f"{out}/_staging"):
            fs, p = _hpath(spark, f"{out}/_staging")
            if not fs.listStatus(p):
                fs.delete(p, False)
    ranked.unpersist()
    n_dups = len(dups)
    return {
        "out": out, "read_tasks": len(tasks), "partitions": parts,
        "read": n_read, "new": n_new, "skipped": n_read - n_new, "duplicates": n_dups,
        "analysed": rows_written.get("articles", 0) - n_dups - n_failed if n_new else 0,
        "failed": n_failed, "rows": rows_written, "event_clusters": n_clusters,
        "failures": failures,
        "seconds": {"total": round(time.perf_counter() - t0, 3), "read": round(t_read, 3),
                    "dedup": round(t_dedup, 3), "analyse": round(t_analyse, 3),
                    "write": round(t_write, 3),
                    "clusters": round(t_clusters, 3),
                    "executor_analysis": round(seconds.value[0], 3)},
        "worker_peak_rss_mb": round(seconds.value[1], 1),
    }
