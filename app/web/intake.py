"""帮办代办 at the window: the clerk finds or registers a walk-in applicant and opens the same form."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, Response, get, post
from litestar.response import Redirect

from app.accounts import identity, signin
from app.applications import drafts, form, on_behalf
from app.web.auth import FORM
from app.web.guards import staff
from app.web.pages import runtime
from plugins.declarations import ApplicantKind
from plugins.geography import CITY_CODE

FIELDS = ("phone", "name", "resident_id", "matter", "company_name", "credit_code", "legal_rep", "code")
PROOF_TEXT = "【快办】您正在政务服务窗口办理业务，手机验证码为{code}，请告知窗口工作人员，5分钟内有效。"


def _clerk(request: Request):
    return staff(request, roles=("clerk", "admin"))


def _choices(request: Request, account) -> list[dict]:
    """The matters this window takes in: its departments' (an admin's: all)."""
    rt = runtime(request)
    matters = [m for m in rt.host.matters.values()
               if account.role == "admin" or m.department in account.departments]
    return [{"key": m.key, "name": m.name, "company": ApplicantKind.COMPANY in m.applicant_kinds,
             "instant": m.instant} for m in sorted(matters, key=lambda m: m.name)]


def _page(request: Request, account, values: dict, errors: dict, status: int = 200, code_sent: bool = False
          ) -> Response:
    rt = runtime(request)
    return rt.renderer.page(request, "pages/window_intake.html", status=status, me=account,
                            matters=_choices(request, account), values=values, errors=errors,
                            code_sent=code_sent or "code" in errors)


@get("/window/intake", name="window-intake", include_in_schema=False)
async def intake_page(request: Request) -> Response:
    return _page(request, _clerk(request), {}, {})


@post("/window/intake", name="window-intake-start", include_in_schema=False)
async def intake_start(request: Request, data: Annotated[dict[str, str], FORM]) -> Response:
    rt = runtime(request)
    account = _clerk(request)
    values = {k: (data.get(k) or "").strip()[:100] for k in FIELDS}
    errors: dict[str, str] = {}
    offered = {m["key"] for m in _choices(request, account)}
    guide = await rt.catalog.guide(values["matter"]) if values["matter"] in offered else None
    if guide is None:
        errors["matter"] = "请选择本窗口可受理的事项"
    applicant_id, problems = await on_behalf.find(rt.engine, values["phone"], values["name"], values["resident_id"])
    errors |= problems
    if guide is not None:
        region = _region(account, guide.entries)
        if region is None:
            errors["matter"] = "该事项不在本窗口所在区县实施，请引导申请人到实施地办理"
    if not errors and applicant_id is None:  # no real-name record on this phone: the applicant proves it
        phone = identity.normalise_phone(values["phone"])
        if not values["code"]:
            sent = await signin.request_code(rt.engine, rt.settings.secret_key, phone, f"staff:{account.id}",
                                             text=PROOF_TEXT, purpose="window")
            if not sent.ok:
                return _page(request, account, values, {"code": sent.message}, status=429)
            return _page(request, account, values, {}, code_sent=True)
        checked = await signin.check_code(rt.engine, rt.settings.secret_key, phone, values["code"], purpose="window")
        if not checked.ok:
            return _page(request, account, values, {"code": checked.message}, status=422)
        applicant_id, problems = await on_behalf.register(rt.engine, phone, values["name"], values["resident_id"])
        errors |= problems
    company_id = None
    wants_company = guide is not None and ApplicantKind.COMPANY in guide.matter.applicant_kinds and (
        values["company_name"] or values["credit_code"]
        or set(guide.matter.applicant_kinds) == {ApplicantKind.COMPANY})
    if not errors and wants_company:
        company_id, problems = await on_behalf.company(rt.engine, applicant_id, values["name"], values["company_name"],
                                                       values["credit_code"], values["legal_rep"])
        errors |= {"company_name" if k == "role" else k: v for k, v in problems.items()}
    if errors:
        return _page(request, account, values, errors, status=422)
    matter = guide.matter
    profile = {"name": values["name"], "id_number": values["resident_id"].upper(), "phone": values["phone"]}
    if company_id:
        profile |= {"company_name": values["company_name"], "credit_code": values["credit_code"].upper(),
                    "legal_rep": values["legal_rep"]}
    prefill = form.profile_prefill(matter, profile)
    for extra in rt.host.pm.hook.prefill_application(matter=matter, applicant=profile):
        for name, value in (extra or {}).items():
            prefill.setdefault(name, value)
    draft = await drafts.open_draft(rt.engine, applicant_id, matter.key, matter.version, region, company_id, prefill,
                                    entered_by=account.id)
    return Redirect(f"/apply/{draft.id}/0", status_code=303)


def _region(account, entries: list[dict]) -> str | None:
    """Where this window files the case: its own district's implementation of the matter."""
    if not entries:
        return None
    if not account.region_code or account.region_code == CITY_CODE:
        return entries[0]["region_code"]
    district = account.region_code[:6]
    own = [e["region_code"] for e in entries if e["region_code"] == account.region_code]
    inside = [e["region_code"] for e in entries if e["region_code"].startswith(district)]
    found = own or inside  # a city-level matter is filed by a city window, where its clerks can see it
    return found[0] if found else None


HANDLERS = [intake_page, intake_start]
