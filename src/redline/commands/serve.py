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
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="a host name the server answers to besides localhost/127.0.0.1/::1 (repeatable; "
                        "'.example.org' for a domain and its subdomains, '*' for any); also "
                        "$REDLINE_ALLOWED_HOSTS, comma-separated. Requests naming another Host are "
                        "refused (DNS rebinding)")
    p.add_argument("--analyse-queue", type=int, default=8, metavar="N",
                   help="most analyses in flight, running or waiting (default 8; more get 503)")
    p.add_argument("--analyse-per-client", type=int, default=2, metavar="N",
                   help="most analyses in flight from one client address (default 2; more get 429)")
    p.add_argument("--analyse-needs-token", action="store_true",
                   help="POST /api/analyse needs the token even when nothing is stored")
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (default 1)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=run)


#: listen addresses meaning "every interface": no host name follows from them.
WILDCARDS = ("0.0.0.0", "::", "")


def allowed_hosts(listen: str, extra: list[str]) -> list[str]:
    """The host names to allow besides the loopback ones: those given with
    --allow-host and in $REDLINE_ALLOWED_HOSTS, plus the listen address when it is
    a specific one."""
    from ..serve.hosts import LOOPBACK_HOSTS, hosts_from_env

    names = [*extra, *hosts_from_env()]
    if listen not in WILDCARDS and listen not in LOOPBACK_HOSTS:
        names.append(listen)
    return list(dict.fromkeys(names))


def run(args) -> int:
    import uvicorn

    from ..serve.app import create_app
    from ..serve.hosts import ENV_VAR

    token = os.environ.get(args.token_env) or None
    if args.protect_reads and not token:
        print(f"redline serve: --protect-reads needs a token in ${args.token_env}", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1") and not token:
        print(f"redline serve: note: listening on {args.host} without a token: writes are disabled, "
              "reads are open", file=sys.stderr)
    if args.analyse_needs_token and not token:
        print(f"redline serve: --analyse-needs-token needs a token in ${args.token_env}", file=sys.stderr)
        return 2
    allowed = allowed_hosts(args.host, args.allow_host)
    if args.host in WILDCARDS and allowed == []:
        print("redline serve: note: only requests naming localhost, 127.0.0.1 or ::1 as Host are answered; "
              "add the names clients use with --allow-host", file=sys.stderr)
    try:
        app = create_app(args.db, token=token, protect_reads=args.protect_reads,
                         max_body=args.max_body, max_page=args.max_page, allowed_hosts=allowed,
                         analyse_queue=args.analyse_queue, analyse_per_client=args.analyse_per_client,
                         analyse_needs_token=args.analyse_needs_token)
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
        os.environ[ENV_VAR] = ",".join(allowed)
        os.environ["REDLINE_ANALYSE_QUEUE"] = str(args.analyse_queue)
        os.environ["REDLINE_ANALYSE_PER_CLIENT"] = str(args.analyse_per_client)
        os.environ["REDLINE_ANALYSE_NEEDS_TOKEN"] = "1" if args.analyse_needs_token else "0"
        uvicorn.run("redline.serve.app:app_from_env", factory=True, host=args.host, port=args.port,
                    workers=args.workers, log_level=args.log_level)
    else:
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0
