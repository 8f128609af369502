"""The per-user disk cache of built tables (redline.cache)."""
import os
import time

from redline import cache


def test_built_once_then_read_and_rebuilt_when_a_source_changes(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "c"))
    src = tmp_path / "table.tsv"
    src.write_text("a\t1\n")
    calls = []

    def build():
        calls.append(1)
        return {"rows": src.read_text()}

    assert cache.cached("t", build, [src]) == {"rows": "a\t1\n"}
    assert cache.cached("t", build, [src]) == {"rows": "a\t1\n"}
    assert len(calls) == 1
    time.sleep(0.01)
    src.write_text("a\t2\n")
    os.utime(src, None)
    assert cache.cached("t", build, [src]) == {"rows": "a\t2\n"}
    assert len(calls) == 2
    assert len(list((tmp_path / "c").glob("t-*.pickle"))) == 1  # the stale file is gone


def test_off_or_unusable_cache_just_builds(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "off")
    assert cache.cache_dir() is None
    assert cache.cached("t", lambda: 7, []) == 7
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "sub"))
    assert cache.cached("t", lambda: 8, []) == 8  # cannot write: no error
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "d"))
    cache.cached("t", lambda: 9, [])
    for f in (tmp_path / "d").glob("t-*.pickle"):
        f.write_bytes(b"garbage")
    assert cache.cached("t", lambda: 10, []) == 10  # unreadable: rebuilt


def test_long_lived_pauses_the_collector_and_restores_it(tmp_path, monkeypatch):
    import gc

    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "c"))
    assert gc.isenabled()

    def build():
        assert not gc.isenabled()  # no collections while the table is made
        return {"k": "v"}

    assert cache.cached("t", build, []) == {"k": "v"}
    assert gc.isenabled()
    try:
        with cache.long_lived():
            raise RuntimeError("a failed build")
    except RuntimeError:
        pass
    assert gc.isenabled()
