"""CSRF settings shared by the middleware and the one route that checks the token itself.

Material uploads (one material, or a scanned folder) may be large, so those routes are left out of the middleware (which would read the
whole body first) and checks, in order: who is signing in, the declared size, then the token.
"""

from __future__ import annotations

import hashlib
import hmac

from litestar import Request
from litestar.config.csrf import CSRFConfig
from litestar.exceptions import PermissionDeniedException

COOKIE = "kb_csrf"
HEADER = "x-csrf-token"
FIELD = "_csrf_token"
SELF_CHECKED = [r"^/apply/\d+/materials/[A-Za-z0-9_:-]+$", r"^/apply/\d+/bulk$", r"^/cases/[0-9-]+/materials/[A-Za-z0-9_:-]+$"]
SECRET_LENGTH = 64


def config(secret: str) -> CSRFConfig:
    return CSRFConfig(secret=secret, cookie_name=COOKIE, header_name=HEADER, cookie_secure=False,
                      cookie_samesite="lax", exclude=SELF_CHECKED)


def _decode(token: str, secret: str) -> str | None:
    if len(token) <= SECRET_LENGTH:
        return None
    raw, signature = token[:SECRET_LENGTH], token[SECRET_LENGTH:]
    expected = hmac.new(secret.encode(), raw.encode(), hashlib.sha256).hexdigest()
    return raw if hmac.compare_digest(signature, expected) else None


async def verify(request: Request, secret: str) -> None:
    """The same double-submit check the middleware makes (cookie and header or form field)."""
    cookie = request.cookies.get(COOKIE) or ""
    sent = request.headers.get(HEADER) or (await request.form()).get(FIELD) or ""
    a, b = _decode(cookie, secret), _decode(sent if isinstance(sent, str) else "", secret)
    if a is None or b is None or not hmac.compare_digest(a, b):
        raise PermissionDeniedException("CSRF token verification failed")
