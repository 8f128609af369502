"""Test helpers for stores (used by the project's tests; handy for the API's tests too)."""
from __future__ import annotations

import contextlib
import os
import uuid
from typing import Iterator


def postgres_url_or_skip() -> str:
    """``$REDLINE_TEST_PG``, or skip the test (fail when ``CI=true``)."""
    import pytest

    url = os.environ.get("REDLINE_TEST_PG")
    if not url:
        msg = "REDLINE_TEST_PG is not set (a PostgreSQL URL, e.g. postgresql://user@127.0.0.1:5432/postgres)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg + "; CI=true requires it")
        pytest.skip(msg)
    return url


@contextlib.contextmanager
def temp_postgres_db(url: str) -> Iterator[str]:
    """A fresh, empty database on the server of ``url``; dropped afterwards. Yields its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    from .db import normalise_url

    base = make_url(normalise_url(url))
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = "redline_test_" + uuid.uuid4().hex[:10]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
