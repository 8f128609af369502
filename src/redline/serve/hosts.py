"""The Host/Origin check of the workbench: a defence against DNS rebinding.

A web page on ``rebind.attacker.example`` can make its own name resolve to
127.0.0.1 and then read a server listening there *as the same origin*: the browser
sees no cross-origin request. What gives it away is the ``Host`` header, which still
names the attacker's domain. :class:`HostGuard` answers every request whose ``Host``
is not an allowed name with a JSON 400, and every request whose ``Origin`` (sent by
browsers on cross-origin requests and on every POST) names a host that is not
allowed with a JSON 403.

Allowed by default: the loopback names (``localhost``, ``127.0.0.1`` and the rest of
127.0.0.0/8, ``::1``). More names come from ``redline serve --allow-host NAME`` or
``$REDLINE_ALLOWED_HOSTS`` (comma-separated): a name, ``.example.org`` for that
domain and its subdomains, or ``*`` for any host (no check).
"""
from __future__ import annotations

import ipaddress
import json
import os
from typing import Iterable, Optional
from urllib.parse import urlsplit

#: the host names allowed when nothing else is configured.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")

#: the environment variable adding allowed hosts (comma-separated).
ENV_VAR = "REDLINE_ALLOWED_HOSTS"


def hosts_from_env(env: Optional[dict] = None) -> list[str]:
    """The extra allowed hosts named in ``$REDLINE_ALLOWED_HOSTS``."""
    value = (env if env is not None else os.environ).get(ENV_VAR, "")
    return [h.strip() for h in value.split(",") if h.strip()]


def host_name(value: str) -> Optional[str]:
    """The host part of a ``Host`` header value (``[::1]:8000`` -> ``::1``,
    ``Example.org.:80`` -> ``example.org``); None when it is malformed."""
    v = value.strip().lower()
    if not v:
        return None
    if v.startswith("["):
        end = v.find("]")
        if end < 0 or (v[end + 1:] and not v[end + 1:].startswith(":")):
            return None
        return v[1:end]
    if v.count(":") == 1:
        v, port = v.split(":")
        if port and not port.isdigit():
            return None
    elif ":" in v:  # a bare IPv6 address (not valid in Host, but unambiguous)
        return v
    return v.rstrip(".") or None


def _is_loopback(name: str) -> bool:
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class AllowedHosts:
    """The set of host names the server answers to (see the module doc)."""

    def __init__(self, extra: Iterable[str] = ()):
        names = [h.strip().lower().rstrip(".") for h in (*LOOPBACK_HOSTS, *extra) if h and h.strip()]
        self.any = "*" in names
        self.exact = {n for n in names if not n.startswith(".")}
        self.exact |= {n.strip("[]") for n in self.exact}
        self.domains = tuple(n for n in names if n.startswith(".") and len(n) > 1)

    def allows(self, name: Optional[str]) -> bool:
        if self.any:
            return True
        if not name:
            return False
        return (name in self.exact or _is_loopback(name)
                or any(name.endswith(d) or name == d[1:] for d in self.domains))

    def describe(self) -> str:
        if self.any:
            return "any host"
        return ", ".join(sorted(self.exact | {"*" + d for d in self.domains}))


def _json_response(status: int, message: str) -> tuple[dict, bytes]:
    body = json.dumps({"error": {"status": status, "message": message, "details": []}}).encode()
    start = {"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode())]}
    return start, body


class HostGuard:
    """ASGI middleware refusing requests addressed to a host that is not allowed
    (``Host`` header: 400) or coming from a page of such a host (``Origin``: 403)."""

    def __init__(self, app, allowed: AllowedHosts):
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket") or self.allowed.any:
            return await self.app(scope, receive, send)
        headers = {k.decode(): v.decode("latin-1") for k, v in scope.get("headers", [])
                   if k in (b"host", b"origin")}
        problem = self.problem(headers.get("host"), headers.get("origin"))
        if problem is None:
            return await self.app(scope, receive, send)
        start, body = _json_response(*problem)
        await send(start)
        await send({"type": "http.response.body", "body": body})

    def problem(self, host: Optional[str], origin: Optional[str]) -> Optional[tuple[int, str]]:
        """``(status, message)`` when the request must be refused, else None."""
        hint = (f"allowed: {self.allowed.describe()}; add names with --allow-host or "
                f"${ENV_VAR}")
        if host is None:
            return 400, "the request has no Host header"
        name = host_name(host)
        if not self.allowed.allows(name):
            return 400, f"host {host!r} is not allowed ({hint})"
        if origin is not None:
            oname = urlsplit(origin.strip()).hostname if origin.strip() != "null" else None
            if not self.allowed.allows(oname):
                return 403, f"requests from pages of origin {origin!r} are not allowed ({hint})"
        return None
