"""Who may write: the token that guards ``POST /api/extract?store=true``.

On a loopback address (127.0.0.1, ::1, localhost) only this machine's users reach the server, and
writing needs no token unless one is set. On any other address the server refuses to start without
a token (``--token`` or ``$DRAGOMAN_TOKEN``), and every request that stores something must carry it
as ``Authorization: Bearer TOKEN``. Reads are open to whoever reaches the server.
"""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request

from dragoman.web.errors import ApiError

TOKEN_ENV = "DRAGOMAN_TOKEN"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) is reachable from this machine only."""
    if host.strip().lower() in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_write(request: Request) -> None:
    """Allow a write, or raise 401/403 in the one error shape.

    Raises:
        ApiError: 401 without a token where one is needed, 403 with a wrong one.
    """
    token: str | None = request.app.state.token
    if token is None:
        return
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise ApiError(401, "storing needs the server's token: send 'Authorization: Bearer TOKEN'",
                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    if not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise ApiError(403, "wrong token")
