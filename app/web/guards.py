"""Who may see a page: checked on the server for every request."""

from __future__ import annotations

from urllib.parse import urlencode

from litestar import Request
from litestar.exceptions import NotFoundException

from app.accounts.sessions import CurrentAccount


class SignInRequired(Exception):
    """Raised by a guard; answered with a redirect to the sign-in page that comes back here."""


def signin_url(target: str, page: str = "/signin") -> str:
    """The sign-in page that comes back to `target` (a path of ours) afterwards."""
    return f"{page}?" + urlencode({"next": target})



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
