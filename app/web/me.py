"""`/me`: the citizen's own page — notifications, drafts, cases, licences, materials, identity, companies."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, Response, get, post
from litestar.response import Redirect

from app.accounts import identity, service
from app.applications import drafts, uploads
from app.cases import service as cases
from app.cases import status as st
from app.licences import service as licences
from app.web.auth import FORM, safe_next
from app.web.guards import citizen
from app.web.pages import runtime


async def _me_page(request: Request, status: int = 200, **extra) -> Response:
    rt = runtime(request)
    account = citizen(request)
    fresh = await service.get(rt.engine, account.id)
    context = {
        "me": fresh,
        "masked_id": identity.mask_resident_id(fresh.resident_id) if fresh.resident_id else "",
        "companies": await service.companies_of(rt.engine, account.id),
        "identity_errors": {},
        "company_errors": {},
        "identity_form": {},
        "company_form": {},
    }
    context.update(extra)
    context.update(await _case_lists(request, account))
    return rt.renderer.page(request, "pages/me.html", status=status, **context)


async def _case_lists(request: Request, account) -> dict:
    rt = runtime(request)
    return {
        "drafts": await drafts.mine(rt.engine, account.id),
        "case_groups": st.grouped(await cases.mine(rt.engine, account.id)),
        "materials": await uploads.reusable(rt.engine, account.id),
        "notifications": await cases.recent_events(rt.engine, account.id),
        "results": await licences.of_holder(rt.engine, account.id, rt.clock.local_date(rt.clock.now())),
    }


@get("/me", name="me", include_in_schema=False)
async def me(request: Request) -> Response:
    return await _me_page(request)


@post("/me/identity", name="me-identity", include_in_schema=False)
async def me_identity(request: Request, data: Annotated[dict[str, str], FORM]) -> Response:
    rt = runtime(request)
    account = citizen(request)
    errors = await service.set_real_name(rt.engine, account.id, data.get("name", ""), data.get("resident_id", ""))
    if errors:
        return await _me_page(request, status=422, identity_errors=errors, identity_form=data)
    return Redirect(safe_next(data.get("next") or "/me#identity"), status_code=303)


@post("/me/companies", name="me-companies", include_in_schema=False)
async def me_companies(request: Request, data: Annotated[dict[str, str], FORM]) -> Response:
    rt = runtime(request)
    account = citizen(request)
    errors = await service.add_company(
        rt.engine, account.id, data.get("company_name", ""), data.get("credit_code", ""),
        data.get("legal_rep", ""), data.get("role", ""),
    )
    if errors:
        return await _me_page(request, status=422, company_errors=errors, company_form=data)
    return Redirect("/me#companies", status_code=303)


HANDLERS = [me, me_identity, me_companies]
