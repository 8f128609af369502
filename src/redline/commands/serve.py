"""``redline serve``: the analysts' workbench (REST API + web UI) over a store."""
from __future__ import annotations

import os
import sys

from ._db import add_db


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve", help="serve the workbench: REST API and web UI over a store",
        description=(
            "Serve the REST API (OpenAPI docs at /docs) and the web UI (article reader, events "
            "explorer, dyad view, actor network, analyse-a-text) over a store. Reads are open "
            "unless --protect-reads; storing articles needs the token, read from the environment "
            "variable named by --token-env (default REDLINE_TOKEN); without it, writes are "
            "disabled."))
    add_db(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token-env", default="REDLINE_TOKEN", metavar="VAR",
                   help="environment variable holding the write token (default REDLINE_TOKEN)")
    p.add_argument("--protect-reads", action="store_true", help="reads need the token too")
    p.add_argument("--max-body", type=int, default=2_000_000, metavar="BYTES",
                   help="largest request body accepted (default 2,000,000 bytes)")
    p.add_argument("--max-page", type=int, default=200, metavar="N",
                   help="largest page size of list endpoints (default 200)")
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=run)


def run(args) -> int:
    import uvicorn

    from ..serve.app import create_app

    token = os.environ.get(args.token_env) or None
    if args.protect_reads and not token:
        print(f"redline serve: --protect-reads needs a token in ${args.token_env}", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1") and not token:
        print(f"redline serve: note: listening on {args.host} without a token: writes are disabled, "
              "reads are open", file=sys.stderr)
    try:
        app = create_app(args.db, token=token, protect_reads=args.protect_reads,
                         max_body=args.max_body, max_page=args.max_page)
    except Exception as exc:
        print(f"redline serve: cannot open the store: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(f"redline serve: store {app.state.store.url}; writes {'enabled (token)' if token else 'disabled'}; "
          f"UI at http://{args.host}:{args.port}/  API docs at http://{args.host}:{args.port}/docs",
          file=sys.stderr)
    if args.workers > 1:
        from ..store.db import normalise_url
        os.environ["REDLINE_DB"] = normalise_url(args.db)
        if token:
            os.environ["REDLINE_TOKEN"] = token
        os.environ["REDLINE_PROTECT_READS"] = "1" if args.protect_reads else "0"
        os.environ["REDLINE_MAX_BODY"] = str(args.max_body)
        os.environ["REDLINE_MAX_PAGE"] = str(args.max_page)
        uvicorn.run("redline.serve.app:app_from_env", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level=args.log_level)
    else:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
