"""Store errors as one clear line: which database, what is wrong, what to do.

Why: a read-only or corrupted database, or a full disk, gave a 100-line SQLAlchemy
traceback that never named the file, and a write that can never succeed (a file made
immutable with ``chattr +i``) was retried five times per article. :func:`store_errors`
wraps every store operation: a database error becomes a :class:`StoreError` whose
message names the database; :func:`is_permanent` tells a locked database (worth
waiting for) from one that will fail the same way again (no retry).
"""
from __future__ import annotations

import errno
from contextlib import contextmanager
from typing import Iterator, Optional


class StoreError(Exception):
    """A database error, said in one line (``redline`` prints it without a traceback)."""

    def __init__(self, message: str, permanent: bool = True):
        super().__init__(message)
        self.permanent = permanent


#: (words in the driver's message, what it means, what to do); first match wins.
_KINDS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("readonly database", "read-only", "read only transaction", "permission denied",
      "operation not permitted"),
     "the database is read-only (file or directory permissions, an immutable file, a read-only "
     "replica or mount)", "make it writable, or choose another with --db / REDLINE_DB"),
    (("malformed", "file is not a database", "not a database", "corrupt"),
     "the database file is corrupted or is not a Redline store",
     "restore it from a backup, or start a new store with --db / REDLINE_DB"),
    (("disk is full", "disk full", "no space left", "could not extend file", "diskfull"),
     "the disk is full", "free some space and run the command again (finished articles are kept)"),
    (("unable to open database file", "could not open", "no such file or directory"),
     "the database cannot be opened", "check that the path and its directory exist and are writable"),
    (("connection refused", "could not connect", "could not translate host name",
      "password authentication failed", "does not exist", "connection to server"),
     "the database server cannot be reached", "check the URL, the server and the credentials"),
    (("database is locked", "deadlock", "could not serialize"),
     "the database is busy (locked by another writer)", "wait for the other process, or run again"),
)
#: waiting may cure these: a busy SQLite file, a PostgreSQL conflict or dropped connection.
_TRANSIENT = ("database is locked", "deadlock", "could not serialize", "server closed the connection",
              "terminating connection", "connection reset", "ssl syscall error")


def _driver_message(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__


def _errno(exc: BaseException) -> Optional[int]:
    for e in (exc, getattr(exc, "orig", None), exc.__cause__, exc.__context__):
        if isinstance(e, OSError) and e.errno:
            return e.errno
    return None


def is_permanent(exc: BaseException) -> bool:
    """False only for errors that waiting can cure (a locked or busy database)."""
    msg = _driver_message(exc).lower()
    return not any(t in msg for t in _TRANSIENT)


def describe(exc: BaseException, where: str) -> str:
    """One line for ``exc`` raised by the database at ``where`` (its URL or path)."""
    msg = _driver_message(exc)
    low = msg.lower() + " " + type(getattr(exc, "orig", None) or exc).__name__.lower()
    code = _errno(exc)
    if code == errno.ENOSPC:
        low += " no space left"
    elif code in (errno.EROFS, errno.EACCES, errno.EPERM):
        low += " read-only"
    for words, what, todo in _KINDS:
        if any(w in low for w in words):
            return f"store {where}: {what}: {todo} ({msg})"
    return f"store {where}: database error: {msg}"


def where_of(url: str) -> str:
    """The database as a user would name it: the file of a SQLite URL, else the URL
    (password hidden)."""
    try:
        import sqlalchemy as sa  # here, not at import: every command imports StoreError

        u = sa.engine.make_url(url)
    except Exception:  # pragma: no cover - not a URL
        return url
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


@contextmanager
def store_errors(url: str) -> Iterator[None]:
    """Turn a database error in the block into a :class:`StoreError` naming the store."""
    import sqlalchemy as sa

    try:
        yield
    except StoreError:
        raise
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        if isinstance(exc, sa.exc.IntegrityError):
            raise
        raise StoreError(describe(exc, where_of(url)), permanent=is_permanent(exc)) from exc
