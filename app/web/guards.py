"""Who may see a page: checked on the server for every request."""

from __future__ import annotations

from urllib.parse import urlencode

from litestar import Request
from litestar.exceptions import NotFoundException
from litestar.response import Redirect

from app.accounts.sessions import CurrentAccount


class SignInRequired(Exception):
    """Raised by a guard; answered with a redirect to the sign-in page that comes back here."""


def signin_redirect(request: Request, page: str = "/signin") -> Redirect:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(f"{page}?" + urlencode({"next": target}), status_code=303)


def citizen(request: Request) -> CurrentAccount:
    account: CurrentAccount | None = request.state.get("account")
    if account is None:
        raise SignInRequired()
    if account.is_staff:
        raise NotFoundException()
    return account


class StaffSignInRequired(SignInRequired):
    """Answered with a redirect to the staff sign-in page."""


def staff(request: Request, roles: tuple[str, ...] = ("clerk", "reviewer", "supervisor", "admin")) -> CurrentAccount:
    account: CurrentAccount | None = request.state.get("account")
    if account is None:
        raise StaffSignInRequired()
    if not account.is_staff or account.role not in roles:
        raise NotFoundException()
    return account
