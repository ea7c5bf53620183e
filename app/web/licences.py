"""Results of cases: the printable licence page, its PDF and seal image, and the public check page."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from app.cases import window as rules
from app.db.engine import fetch
from app.licences import files
from app.licences import service as licences
from app.web.auth import client_ip
from app.web.guards import SignInRequired
from app.web.pages import runtime

PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}


def base_url(request: Request) -> str:
    """Where a verifier's phone reaches this site: KUAIBAN_PUBLIC_URL, else the address asked for."""
    return runtime(request).settings.public_url or str(request.base_url).rstrip("/")


async def visible(request: Request, licence_id: int) -> dict:
    """A result for its holder, or for staff whose scope holds its case; 404 for everybody else."""
    rt = runtime(request)
    account = request.state.get("account")
    if account is None:
        raise SignInRequired()
    if not 0 < licence_id < 2**31:
        raise NotFoundException()
    row = await licences.one(rt.engine, licence_id, rt.clock.local_date(rt.clock.now()))
    if row is None:
        raise NotFoundException()
    if account.is_staff:
        if not await rules.sees_case(rt.engine, account, row["case_id"]):
            raise NotFoundException()
    elif row["account_id"] != account.id:
        raise NotFoundException()
    return row


@get("/licences/{licence_id:int}", name="licence", include_in_schema=False)
async def licence_page(request: Request, licence_id: FromPath[int]) -> Response:
    rt = runtime(request)
    row = await visible(request, licence_id)
    case = await fetch(rt.engine, "SELECT number FROM kb_case WHERE id = {}", row["case_id"])
    response = rt.renderer.page(request, "pages/licence.html", licence=row, doc=files.document_of(row),
                                qr=files.qr_svg(base_url(request), row["token"]),
                                verify_url=files.verify_url(base_url(request), row["token"]),
                                case_number=case[0]["number"] if case else "")
    response.headers.update(PRIVATE)
    return response


def _filename(row: dict, ext: str) -> str:
    name = f"{row['title']}-{row['number']}.{ext}".replace("/", "-")
    return f"attachment; filename=\"licence-{row['id']}.{ext}\"; filename*=UTF-8''{quote(name)}"


@get("/licences/{licence_id:int}/pdf", name="licence-pdf", include_in_schema=False)
async def licence_pdf(request: Request, licence_id: FromPath[int]) -> Response:
    rt = runtime(request)
    row = await visible(request, licence_id)
    data = await files.pdf(row, base_url(request), rt.settings.cjk_font)
    return Response(data, media_type="application/pdf",
                    headers={**PRIVATE, "Content-Disposition": _filename(row, "pdf")})


@get("/licences/{licence_id:int}/seal.png", name="licence-seal", include_in_schema=False)
async def licence_seal(request: Request, licence_id: FromPath[int]) -> Response:
    rt = runtime(request)
    row = await visible(request, licence_id)
    data = await asyncio.to_thread(files.seal_image, row, rt.settings.cjk_font)
    return Response(data, media_type="image/png", headers=PRIVATE)


@get("/verify/{token:str}", name="verify", include_in_schema=False)
async def verify(request: Request, token: FromPath[str]) -> Response:
    """The public check a QR code opens: no sign-in, only what a verifier needs, masked."""
    rt = runtime(request)
    outcome, shown = await licences.check(rt.engine, token[:100], client_ip(request),
                                          rt.clock.local_date(rt.clock.now()))
    status = {"found": 200, "missing": 404, "limited": 429}[outcome]
    response = rt.renderer.page(request, "pages/verify.html", status=status, outcome=outcome, shown=shown)
    response.headers.update({"Cache-Control": "no-store", "X-Robots-Tag": "noindex",
                             "Referrer-Policy": "no-referrer"})
    if outcome == "limited":
        response.headers["Retry-After"] = "60"
    return response


HANDLERS = [licence_page, licence_pdf, licence_seal, verify]
