"""Cross-article event clusters in Spark, as the store counts them.

Every event row carries its ``cluster_id`` (:func:`redline.store.tables.event_cluster_id`:
same PLOVER type, same source and target actor codes, same event day). Per cluster,
exactly as :func:`redline.store.db.refresh_clusters`:

* ``num_mentions``: its event rows;
* ``num_articles``: distinct articles with a mention, plus the near-duplicate copies
  linked to them (a re-post reports the event again; it is not re-analysed);
* ``num_sources``: distinct outlets (``articles.source``, else the article id) among
  those articles;
* ``first_article``: the earliest of them by publication day (undated last), then id;
* ``type``, ``day``, ``source_code``, ``target_code``: the cluster's key
  (:func:`redline.store.tables.actor_code` of the first source and target actor).

The whole table is recomputed from the output's ``events`` and ``articles`` and
written in ``overwrite`` mode after each run (counts of old clusters change when new
articles join them).
"""
from __future__ import annotations


#: the characters Python's ``str.strip()`` removes (``str.isspace``), as a Java regex class
_SPACE = "[" + "".join("\\u%04x" % c for c in range(0x10000) if chr(c).isspace()) + "]"


def actor_code(country, sector, name):
    """:func:`redline.store.tables.actor_code` as a Spark column expression (no Python
    worker): upper-cased country + sector, else the name stripped and lower-cased."""
    from pyspark.sql import functions as F

    cs = F.concat(F.coalesce(country, F.lit("")), F.coalesce(sector, F.lit("")))
    bare = F.regexp_replace(F.coalesce(name, F.lit("")), f"^{_SPACE}+|{_SPACE}+$", "")
    return F.when(cs != "", F.upper(cs)).otherwise(F.lower(bare))


def event_clusters(spark, events, articles):
    """The ``event_clusters`` DataFrame from ``events`` and ``articles`` DataFrames."""
    from pyspark.sql import functions as F

    def code(country, sector, name):
        return actor_code(F.col(country), F.col(sector), F.col(name))
    ev = events.where(F.col("cluster_id").isNotNull())
    key = (ev.groupBy("cluster_id").agg(
        F.count(F.lit(1)).alias("num_mentions"),
        F.min(F.struct("article_id", "event_id", "type", "day", "source_country", "source_sector",
                       "source_name", "target_country", "target_sector", "target_name")).alias("m0"))
        .select("cluster_id", "num_mentions", F.col("m0.type").alias("type"), F.col("m0.day").alias("day"),
                code("m0.source_country", "m0.source_sector", "m0.source_name").alias("source_code"),
                code("m0.target_country", "m0.target_sector", "m0.target_name").alias("target_code")))
    mentioned = ev.select("cluster_id", "article_id").distinct()
    copies = (articles.where(F.col("duplicate_of").isNotNull())
              .select(F.col("duplicate_of").alias("article_id"), F.col("article_id").alias("copy_id")))
    with_copies = mentioned.unionByName(
        mentioned.join(copies, "article_id").select("cluster_id", F.col("copy_id").alias("article_id"))
    ).distinct()
    info = articles.select("article_id", F.coalesce("source", "article_id").alias("outlet"),
                           F.coalesce("day", F.lit("9999")).alias("_day"))
    counts = (with_copies.join(info, "article_id", "left")
              .withColumn("outlet", F.coalesce("outlet", "article_id"))
              .withColumn("_day", F.coalesce("_day", F.lit("9999")))
              .groupBy("cluster_id").agg(
                  F.countDistinct("article_id").alias("num_articles"),
                  F.countDistinct("outlet").alias("num_sources"),
                  F.min(F.struct("_day", "article_id")).getField("article_id").alias("first_article")))
    return (key.join(counts, "cluster_id")
            .select("cluster_id", "type", "day",
                    "source_code", "target_code",
                    F.col("num_mentions").cast("long"), F.col("num_articles").cast("long"),
                    F.col("num_sources").cast("long"), "first_article"))
