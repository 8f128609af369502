"""Spark schemas of the output tables, derived from :func:`redline.store.tables.arrow_schema`.

The Parquet files hold exactly the columns of :data:`redline.store.tables.TABLES`, in
order, plus the Hive partition column :data:`PARTITION` (the article's publication
day, ``YYYY-MM-DD``; null for an undated article) that lives in the directory names
(``<table>/pub_day=2025-03-14/part-*.parquet``), not in the files.

Besides the store's tables the output has two of the store's own tables:
``signatures`` (each analysed article's MinHash, the bytes ``redline.corpus.dedup``
stores, so ``redline load`` carries it into the store and later ingests find
near-copies of Spark's articles) and ``event_clusters`` (GDELT-style counts, see
:mod:`.clusters`).
"""
from __future__ import annotations

from ..store import tables as T

PARTITION = "pub_day"

#: tables written per article (the store's, failures included).
ARTICLE_TABLES = tuple(T.TABLES)

#: extra tables: name -> (column, type) pairs in arrow-type names.
EXTRA = {
    "signatures": (("article_id", "str"), ("minhash", "binary")),
    "event_clusters": (("cluster_id", "str"), ("type", "str"), ("day", "str"),
                       ("source_code", "str"), ("target_code", "str"),
                       ("num_mentions", "int"), ("num_articles", "int"),
                       ("num_sources", "int"), ("first_article", "str")),
}


def spark_type(arrow_type):
    """The Spark SQL type of a pyarrow type of :func:`~redline.store.tables.arrow_schema`."""
    import pyarrow as pa
    from pyspark.sql import types as S

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return S.StringType()
    if pa.types.is_int64(arrow_type):
        return S.LongType()
    if pa.types.is_int32(arrow_type):
        return S.IntegerType()
    if pa.types.is_floating(arrow_type):
        return S.DoubleType()
    if pa.types.is_boolean(arrow_type):
        return S.BooleanType()
    if pa.types.is_binary(arrow_type):
        return S.BinaryType()
    raise TypeError(f"no Spark type for {arrow_type}")


def table_schema(table: str):
    """``StructType`` of a table: :func:`~redline.store.tables.arrow_schema` in Spark types."""
    from pyspark.sql import types as S

    if table in EXTRA:
        return extra_schema(table)
    return S.StructType([S.StructField(f.name, spark_type(f.type), True)
                         for f in T.arrow_schema(table)])


def extra_schema(table: str):
    from pyspark.sql import types as S

    types = {"str": S.StringType(), "int": S.LongType(), "binary": S.BinaryType()}
    return S.StructType([S.StructField(n, types[t], True) for n, t in EXTRA[table]])


def analysed_schema():
    """One row per article after analysis: its publication day and, for each table,
    the array of its rows there."""
    from pyspark.sql import types as S

    fields = [S.StructField("article_id", S.StringType(), False),
              S.StructField(PARTITION, S.StringType(), True)]
    for t in ARTICLE_TABLES:
        fields.append(S.StructField(t, S.ArrayType(table_schema(t), False), False))
    fields.append(S.StructField("minhash", S.BinaryType(), True))
    return S.StructType(fields)


def record_schema():
    """Schema of the records read from the inputs (:data:`redline.spark.inputs.RECORD_FIELDS`)."""
    from pyspark.sql import types as S

    s, L = S.StringType(), S.LongType()
    types = {"task": L, "seq": L, "minhash": S.BinaryType()}
    from .inputs import RECORD_FIELDS

    return S.StructType([S.StructField(n, types.get(n, s), n not in ("task", "seq", "article_id"))
                         for n in RECORD_FIELDS])


def row_tuple(table: str, row: dict) -> tuple:
    """A row dict of :func:`~redline.store.tables.article_rows` as a tuple in column order."""
    return tuple(row.get(c.name) for c in T.TABLES[table])
