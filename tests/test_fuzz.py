"""The fuzz suite (issue 16): Hypothesis over every reader, the extractors and the
API's input routes, seeded (``derandomize``) and bounded (few examples, a deadline, a
low per-article time budget) so that CI stays fast and gives the same inputs each run.
The strategies and checks are :mod:`redline.fuzz`; ``bench/fuzz.py`` runs them on
10,000 inputs."""
from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from redline import fuzz  # noqa: E402

FAST = settings(derandomize=True, max_examples=40, deadline=dt.timedelta(seconds=20), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])
SLOW = settings(FAST, max_examples=12, deadline=dt.timedelta(seconds=60))


@pytest.fixture(autouse=True)
def _budget(monkeypatch):
    monkeypatch.setenv("REDLINE_ARTICLE_SECONDS", "20")


@FAST
@given(fuzz.records())
def test_fuzz_records(record):
    fuzz.check_record(record)


@FAST
@given(fuzz.jsonl_bytes())
def test_fuzz_jsonl_files(data):
    fuzz.check_jsonl(data)


@FAST
@given(fuzz.files())
def test_fuzz_files_of_every_suffix(f):
    fuzz.check_file(*f)


@SLOW
@given(fuzz.html_pages())
def test_fuzz_html(html):
    fuzz.check_html(html)


@SLOW
@given(fuzz.WARCS)
def test_fuzz_warc(data):
    fuzz.check_warc(data)


@SLOW
@given(fuzz.FEEDS)
def test_fuzz_feeds(data):
    fuzz.check_feed(data)


@SLOW
@given(st.lists(fuzz.texts(), min_size=1, max_size=3))
def test_fuzz_extractors(texts):
    fuzz.check_analyse(texts)


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    from fastapi.testclient import TestClient

    from redline.serve.app import create_app

    app = create_app("sqlite:///" + str(tmp_path_factory.mktemp("fuzz") / "api.db"), token="fuzz-token")
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


@SLOW
@given(body=fuzz.ANALYSE_BODIES)
def test_fuzz_api_analyse(api, body):
    fuzz.check_api(api, "/api/analyse", body, "fuzz-token")


@SLOW
@given(body=fuzz.ARTICLE_BODIES)
def test_fuzz_api_articles(api, body):
    fuzz.check_api(api, "/api/articles", body, "fuzz-token")
