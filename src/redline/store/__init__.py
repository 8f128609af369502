"""Redline's event database: SQLAlchemy models, Alembic migrations, the store API.

``tables`` is the single definition of the tabular form of an analysed article;
``models`` builds the SQL tables from it; ``db.open_store(url)`` opens (and migrates)
a SQLite or PostgreSQL store.
"""
