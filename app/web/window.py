"""The window workbench (一窗综办): staff queues, the staff case page and intake decisions."""

from __future__ import annotations

import json
from typing import Annotated

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from app.applications import form
from app.cases import service as cases
from app.cases import status as st
from app.cases import window as rules
from app.cases.service import CaseError
from app.db.engine import fetch
from app.licences import service as licences
from app.web.apply import MIME, _id, store
from app.web.auth import FORM
from app.web.guards import staff
from app.i18n import CHANNEL_LABELS
from app.web.pages import runtime
from plugins.geography import DEPARTMENTS

DEPARTMENT_NAMES = {code: d.name for code, d in DEPARTMENTS.items()}


@get("/window", name="window", include_in_schema=False)
async def workbench(request: Request) -> Response:
    rt = runtime(request)
    account = staff(request)
    tab = request.query_params.get("tab", "intake")
    if tab not in rules.TABS:
        tab = "intake"
    today = rt.clock.local_date(rt.clock.now())
    chosen = {name: (request.query_params.get(name) or "").strip()[:50] for name in ("matter", "channel", "applicant")}
    if chosen["channel"] not in CHANNEL_LABELS:
        chosen["channel"] = ""
    rows = await rules.queue(rt.engine, account, tab, today, **chosen)
    counts = await rules.counts(rt.engine, account, today)
    matters = [{"key": m.key, "name": m.name} for m in sorted(rt.host.matters.values(), key=lambda m: m.name)]
    return rt.renderer.page(request, "pages/window.html", partial="partials/_queue.html", tab=tab, rows=rows,
                            counts=counts, tabs=[{"key": k, "label": v[0]} for k, v in rules.TABS.items()],
                            me=account, chosen=chosen, matters=matters)


async def _case(request: Request, number: str):
    rt = runtime(request)
    account = staff(request)
    case = await rules.case_in_scope(rt.engine, account, number)
    if case is None:
        raise NotFoundException()
    return rt, account, case


async def _case_page(request: Request, number: str, errors: dict | None = None, status: int = 200) -> Response:
    rt, account, case = await _case(request, number)
    matter = await rt.catalog.matter(case["matter_key"])
    answers = json.loads(case["answers"] or "{}")
    rows = []
    for f in matter.fields if matter else ():
        if f.name in answers:
            rows.append({"name": f.name, "label": f.label, "value": form.display(f, answers[f.name])})
    return rt.renderer.page(
        request, "pages/window_case.html", status=status, case=case, rows=rows,
        status_label=st.LABELS.get(case["status"], case["status"]),
        events=[{**e, "label": st.LABELS.get(e["status_to"], e["status_to"])}
                for e in await cases.timeline(rt.engine, case["id"])],
        files=await cases.case_uploads(rt.engine, case["id"]),
        materials=[{"name": m.name, "title": m.title} for m in (matter.materials if matter else ())],
        steps=[{"name": s.name, "role": s.role.value, "days": s.days, "parallel": s.parallel_group}
               for s in (matter.steps if matter else ())],
        case_steps=[{**s, "mine": s["status"] == "active" and (account.role == "admin" or (
            account.role in ("reviewer", "clerk") and s["department"] in account.departments))}
            for s in await rules.steps_of(rt.engine, case["id"])],
        can_complete=account.role in ("clerk", "admin") and case["status"] in (st.APPROVED, st.REJECTED, st.ACCEPTED)
        and not (matter and matter.is_bundle),
        can_intake=case["status"] in (st.SUBMITTED, st.RESUBMITTED) and account.role in ("clerk", "admin")
        and case["parent_id"] is None,
        can_notice=await rules.may_notice(rt.engine, case, account),
        can_finish=bool(matter and matter.instant) and case["status"] in (st.SUBMITTED, st.RESUBMITTED)
        and account.role in ("clerk", "admin"),
        notice=await rules.open_notice(rt.engine, case["id"]), errors=errors or {},
        clock=await rules.clock_of(rt.engine, rt.clock, case, matter),
        results=await licences.of_case(rt.engine, case["id"], rt.clock.local_date(rt.clock.now())),
        entered_by=await rules.staff_name(rt.engine, case["entered_by"]),
        applicant=await rules.applicant_of(rt.engine, case), DEPARTMENT_NAMES=DEPARTMENT_NAMES,
        children=[{**c, "status_label": st.LABELS.get(c["status"], c["status"])}
                  for c in await cases.children(rt.engine, case["id"])],
        parent_number=await rules.number_of(rt.engine, case["parent_id"]),
    )


@get("/window/cases/{number:str}", name="window-case", include_in_schema=False)
async def window_case(request: Request, number: FromPath[str]) -> Response:
    return await _case_page(request, number)


def _intake_allowed(account) -> None:
    if account.role not in ("clerk", "admin"):
        raise NotFoundException()


@post("/window/cases/{number:str}/accept", name="window-accept", include_in_schema=False)
async def window_accept(request: Request, number: FromPath[str]) -> Response:
    rt, account, case = await _case(request, number)
    _intake_allowed(account)
    matter = await rt.catalog.matter(case["matter_key"])
    members = {key: await rt.catalog.matter(key) for key in (matter.members if matter and matter.is_bundle else ())}
    try:
        await rules.accept(rt.engine, rt.clock, case, account, matter, pm=rt.host.pm, members=members)
    except CaseError as exc:
        return await _case_page(request, number, {"action": str(exc)}, status=409)
    return Redirect(f"/window/cases/{number}", status_code=303)


async def _act(request: Request, number: str, error_key: str, action) -> Response:
    """Run one decision; a rule's refusal is shown on the case page next to the form it came from."""
    try:
        await action()
    except PermissionError:
        raise NotFoundException() from None
    except CaseError as exc:
        return await _case_page(request, number, {error_key: str(exc)}, status=422)
    return Redirect(f"/window/cases/{number}", status_code=303)


@post("/window/cases/{number:str}/refuse", name="window-refuse", include_in_schema=False)
async def window_refuse(request: Request, number: FromPath[str], data: Annotated[dict[str, str], FORM]) -> Response:
    rt, account, case = await _case(request, number)
    _intake_allowed(account)
    reason = (data.get("reason") or "")[:500]
    return await _act(request, number, "reason",
                      lambda: rules.refuse(rt.engine, case, account, reason, pm=rt.host.pm))


@post("/window/cases/{number:str}/correction", name="window-correction", include_in_schema=False)
async def window_correction(request: Request, number: FromPath[str]) -> Response:
    rt, account, case = await _case(request, number)
    if account.role not in ("clerk", "reviewer", "admin"):
        raise NotFoundException()
    if not await rules.may_notice(rt.engine, case, account):
        return await _case_page(request, number, {"items": "办件当前状态下您不能发出补正告知"}, status=409)
    posted = await request.form()
    matter = await rt.catalog.matter(case["matter_key"])
    chosen = set(posted.getall("items", []))
    items = []
    for m in matter.materials if matter else ():
        if f"material:{m.name}" in chosen:
            items.append({"kind": "material", "name": m.name, "title": m.title,
                          "note": (posted.get(f"note:material:{m.name}") or "")[:200]})
    for f in matter.fields if matter else ():
        if f"field:{f.name}" in chosen:
            items.append({"kind": "field", "name": f.name, "title": f.label,
                          "note": (posted.get(f"note:field:{f.name}") or "")[:200]})
    note = (posted.get("note") or "")[:500]
    return await _act(request, number, "items",
                      lambda: rules.request_correction(rt.engine, case, account, items, note, pm=rt.host.pm))


@post("/window/cases/{number:str}/steps/{key:str}", name="window-step", include_in_schema=False)
async def window_step(request: Request, number: FromPath[str], key: FromPath[str],
                      data: Annotated[dict[str, str], FORM]) -> Response:
    rt, account, case = await _case(request, number)
    if account.role not in ("reviewer", "clerk", "admin"):  # supervisors watch, they do not decide
        raise NotFoundException()
    decision = data.get("decision")
    if decision not in ("approve", "reject"):
        return await _case_page(request, number, {"step": "请选择同意或不同意"}, status=422)
    opinion = (data.get("opinion") or "")[:1000]
    return await _act(request, number, "step", lambda: rules.decide_step(
        rt.engine, case, key, account, decision == "approve", opinion, pm=rt.host.pm))


@post("/window/cases/{number:str}/complete", name="window-complete", include_in_schema=False)
async def window_complete(request: Request, number: FromPath[str], data: Annotated[dict[str, str], FORM]) -> Response:
    rt, account, case = await _case(request, number)
    _intake_allowed(account)
    result = (data.get("result") or "")[:500]
    matter = await rt.catalog.matter(case["matter_key"])
    return await _act(request, number, "result",
                      lambda: rules.complete(rt.engine, rt.clock, case, account, matter, result, pm=rt.host.pm))


@post("/window/cases/{number:str}/finish", name="window-finish", include_in_schema=False)
async def window_finish(request: Request, number: FromPath[str], data: Annotated[dict[str, str], FORM]) -> Response:
    """即办件 at the counter: accepted, reviewed and completed in one sitting."""
    rt, account, case = await _case(request, number)
    _intake_allowed(account)
    result = (data.get("result") or "")[:500]
    matter = await rt.catalog.matter(case["matter_key"])
    return await _act(request, number, "finish",
                      lambda: rules.finish_at_counter(rt.engine, rt.clock, case, account, matter, result,
                                                      pm=rt.host.pm))


@get("/window/files/{upload_id:int}", name="window-file", include_in_schema=False)
async def window_file(request: Request, upload_id: FromPath[int]) -> Response:
    """A material of a case in this staff member's scope (404 otherwise)."""
    rt = runtime(request)
    account = staff(request)
    where, args = rules.scope(account)
    rows = await fetch(rt.engine, f"SELECT u.sha256, u.kind, u.filename FROM upload u JOIN kb_case c ON c.id = u.case_id "
                                  f"WHERE u.id = {{}} AND u.removed_at IS NULL AND {where}", _id(upload_id), *args)
    if not rows:
        raise NotFoundException()
    row = rows[0]
    return Response(store(request).read(row["sha256"]), media_type=MIME.get(row["kind"], "application/octet-stream"),
                    headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
                             "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
                             "Content-Disposition": "inline" if row["kind"] in MIME else "attachment"})


HANDLERS = [workbench, window_case, window_accept, window_refuse, window_correction, window_step, window_complete,
            window_finish, window_file]
