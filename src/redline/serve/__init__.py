"""The analysts' workbench: REST API and web UI over the event database.

``create_app(db_url, token=None, ...)`` builds the FastAPI application (see
:mod:`redline.serve.app`); ``redline serve --db URL`` runs it with uvicorn.
"""
from __future__ import annotations


def create_app(*args, **kwargs):
    from .app import create_app as _create
    return _create(*args, **kwargs)


__all__ = ["create_app"]
