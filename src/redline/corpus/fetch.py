"""Fetching pages and feeds over HTTP(S), carefully.

* a clear user agent (:data:`USER_AGENT`);
* connect/read timeouts and a size cap (the body is streamed and dropped past the cap);
* only ``http``/``https``; every address a host name resolves to must be a public
  one: loopback (127.0.0.0/8, ::1), private (10/8, 172.16/12, 192.168/16, fc00::/7),
  link-local (169.254/16 — cloud metadata endpoints live there —, fe80::/10),
  multicast, reserved and unspecified addresses are refused unless
  ``allow_private=True`` (``--allow-private``). Redirects are followed by hand, at
  most :data:`MAX_REDIRECTS`, each hop checked again.

The check resolves the name before the request; a DNS answer that changes between
the check and the connection (DNS rebinding) is not defended against.
"""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urljoin, urlsplit

from .. import __version__

USER_AGENT = f"Redline/{__version__} (news event extraction; +https://github.com/redline-events/redline)"
TIMEOUT = 20.0
CONNECT_TIMEOUT = 5.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A page could not be fetched (the message says why)."""


class UnsafeURL(FetchError):
    """The URL points at a non-public address (or is not http/https)."""


@dataclass
class Response:
    url: str  # final URL after redirects
    status: int
    content_type: str
    content: bytes

    @property
    def text(self) -> str:
        charset = "utf-8"
        ct = self.content_type.lower()
        if "charset=" in ct:
            charset = ct.split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")


def _bad_address(ip: ipaddress._BaseAddress) -> Optional[str]:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private:
        return "private"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:
        return "non-public"
    return None


def check_url(url: str, allow_private: bool = False) -> str:
    """Return ``url`` if it may be fetched, else raise :class:`UnsafeURL`."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise UnsafeURL(f"invalid URL {url!r}: {exc}") from None
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"refusing {url!r}: only http and https URLs are fetched")
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"refusing {url!r}: no host name")
    if allow_private:
        return url
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    for info in infos:
        addr = info[4][0].split("%", 1)[0]
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError:
            raise UnsafeURL(f"refusing {url!r}: unrecognised address {addr!r}") from None
        why = _bad_address(ip)
        if why:
            raise UnsafeURL(
                f"refusing {url!r}: {host} resolves to the {why} address {ip} "
                "(use --allow-private to fetch from local networks)")
    return url


def fetch(url: str, allow_private: bool = False, timeout: float = TIMEOUT,
          max_bytes: int = MAX_BYTES, accept: str = "*/*") -> Response:
    """GET ``url`` with the guard, timeouts, size cap and user agent above."""
    import httpx

    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    t = httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout))
    current = url
    with httpx.Client(headers=headers, timeout=t, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private)
            try:
                with client.stream("GET", current) as resp:
                    if resp.is_redirect and resp.headers.get("location"):
                        current = urljoin(current, resp.headers["location"])
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(f"{current}: HTTP {resp.status_code}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(f"{current}: too large ({int(declared):,} bytes, limit {max_bytes:,})")
                    chunks, size = [], 0
                    for chunk in resp.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(f"{current}: too large (over {max_bytes:,} bytes)")
                        chunks.append(chunk)
                    return Response(url=str(resp.url), status=resp.status_code,
                                    content_type=resp.headers.get("content-type", ""),
                                    content=b"".join(chunks))
            except httpx.TimeoutException:
                raise FetchError(f"{current}: timed out after {timeout:g} s") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from None
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
