"""Shared fixtures. Tests that need ``../shared`` skip on a fresh clone (with the
reason) and fail when ``CI=true`` and the data is missing."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REDLINE_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """Path into ../shared, or skip (fail under CI=true) when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        msg = f"shared data not found: {path} (a fresh clone has no ../shared)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg + "; CI=true requires it")
        pytest.skip(msg)
    return path


@pytest.fixture(scope="session")
def nlp():
    from redline.parse import load_nlp
    return load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    import json
    return json.loads(shared_path("seed", "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_article(seed_text):
    """The seed article analysed once by the whole pipeline (publication 2024-11-04)."""
    from redline.model import Article
    from redline.pipeline import analyse
    return analyse(Article(id="seed", text=seed_text, published="2024-11-04"))


@pytest.fixture
def analyse_text():
    """Analyse a short text with the whole pipeline."""
    from redline.model import Article
    from redline.pipeline import analyse

    def run(text: str, published: str | None = "2024-11-04"):
        return analyse(Article(id="t", text=text, published=published))
    return run


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """The URL of an empty store database: a SQLite file, or a temporary PostgreSQL
    database (skipped unless ``REDLINE_TEST_PG`` is set)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        from redline.store.testing import postgres_url_or_skip, temp_postgres_db
        with temp_postgres_db(postgres_url_or_skip()) as url:
            yield url
