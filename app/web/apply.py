"""Applying online: start, one page per field group, materials, check answers, submit, track.

Controllers stay thin: the form rules live in `app.applications.form`, drafts and files in their
modules, and every state change of a case in `app.cases.service`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect

from app import outbox
from app.accounts import service as accounts
from app.applications import drafts, form, pending, uploads
from app.licences import files as licence_files
from app.licences import service as licences
from app.cases import service as cases
from app.cases import status as st
from app.cases import window as window_rules
from app.db.engine import fetch
from app.materials.storage import FileStore
from app.web import csrf
from app.web import licences as licence_web
from app.web.auth import FORM
from app.web.guards import citizen
from app.web.pages import runtime
from plugins.declarations import ApplicantKind, FieldType, Material, Matter, StepRole
from plugins.geography import DEPARTMENTS, DISTRICT_CODES, REGIONS

FORM_LIMIT = 8 * 1024 * 1024  # field pages (a signature image at most)
UPLOAD_LIMIT = 600 * 1024 * 1024  # the largest material a matter declares, plus multipart overhead
DISTRICTS = [{"code": c, "name": REGIONS[c].name} for c in DISTRICT_CODES]
MIME = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif",
        "webp": "image/webp"}


def store(request: Request) -> FileStore:
    rt = runtime(request)
    return FileStore(rt.settings.data_dir / "files")


async def _matter(request: Request, key: str):
    guide = await runtime(request).catalog.guide(key)
    if guide is None:
        raise NotFoundException()
    return guide


MAX_ID = 2**63 - 1


def _id(value: int) -> int:
    """Ids beyond the database's integer range cannot exist: 404, not an error."""
    if not 0 < value <= MAX_ID:
        raise NotFoundException()
    return value


async def _draft_and_matter(request: Request, draft_id: int):
    """The draft and its matter for the applicant, or for the clerk filling it in on their behalf."""
    rt = runtime(request)
    account = request.state.get("account")
    _id(draft_id)
    expired = request.state.get("expired_account_id")
    if account is None and expired and request.method == "POST" and pending.target(request.url.path):
        # This browser's session ran out with this very post (a page or a field save, small by their
        # routes' limits): keep what it sent for the session's owner until they sign in again.
        posted = await request.form()
        token = await pending.keep(rt.engine, request.url.path, list(posted.multi_items()),
                                   request.cookies.get(pending.COOKIE), expired)
        if token:
            request.state.pending_token = token
    if account is not None and account.is_staff and account.role in ("clerk", "admin"):
        draft = await drafts.get_entered(rt.engine, draft_id, account.id)
    else:
        account = citizen(request)
        draft = await drafts.get_own(rt.engine, draft_id, account.id)
    if draft is None:
        raise NotFoundException()
    guide = await _matter(request, draft.matter_key)
    return account, draft, guide.matter


@dataclass
class _Start:
    """Where an application starts: the matter, the applicant, and the region and company chosen."""

    guide: Any
    me: Any
    region: str = ""
    company: dict | None = None
    ready: bool = False  # a verified applicant with a valid region (and company) chosen
    identity_page: Response | None = None  # an applicant without a real name is asked for one first
    choices: dict | None = None  # what the start page offers

    def page(self, request: Request, status: int = 200) -> Response:
        if self.identity_page is not None:
            return self.identity_page
        return runtime(request).renderer.page(request, "pages/apply_start.html", status=status, **self.choices)


async def _start_choice(request: Request, key: str, values) -> _Start:
    rt = runtime(request)
    guide = await _matter(request, key)
    account = citizen(request)
    matter = guide.matter
    me = await accounts.get(rt.engine, account.id)
    if not me.verified:
        return _Start(guide, me, identity_page=rt.renderer.page(
            request, "pages/apply_identity.html", matter=guide.data, next=f"/matters/{matter.key}/apply"))
    entries = guide.entries
    region = values.get("region") or ""
    if region not in {e["region_code"] for e in entries}:
        region = entries[0]["region_code"] if len(entries) == 1 else ""
    companies = await accounts.companies_of(rt.engine, account.id)
    kinds = set(matter.applicant_kinds)
    company_only = kinds == {ApplicantKind.COMPANY}
    raw_company = values.get("company") or ""
    company = next((c for c in companies if str(c["id"]) == raw_company), None)
    ready = bool(region) and not (company_only and company is None) and not (
        ApplicantKind.COMPANY in kinds and companies and not raw_company
    )
    choices = dict(matter=guide.data, entries=entries, region=region, companies=companies, company_only=company_only,
                   can_company=ApplicantKind.COMPANY in kinds, chosen_company=raw_company)
    return _Start(guide, me, region, company, ready, choices=choices)


@get("/matters/{key:str}/apply", name="apply-start", include_in_schema=False)
async def apply_start(request: Request, key: FromPath[str]) -> Response:
    """Choose region (and company); an unsubmitted draft for that choice is resumed, otherwise the
    start page opens one by POST (a GET never writes)."""
    rt = runtime(request)
    start = await _start_choice(request, key, request.query_params)
    if start.ready:
        draft = await drafts.find_open(rt.engine, start.me.id, start.guide.matter.key, start.region,
                                       start.company["id"] if start.company else None)
        if draft is not None:
            return Redirect(f"/apply/{draft.id}/0", status_code=303)
    return start.page(request)


@post("/matters/{key:str}/apply", name="apply-open", include_in_schema=False)
async def apply_open(request: Request, key: FromPath[str], data: Annotated[dict[str, str], FORM]) -> Response:
    """Open (or resume) the draft for the chosen region and company, with what the platform knows prefilled."""
    rt = runtime(request)
    start = await _start_choice(request, key, data)
    if not start.ready:
        return start.page(request, status=422)
    matter, me, company = start.guide.matter, start.me, start.company
    profile = {"name": me.name or "", "id_number": me.resident_id or "", "phone": me.phone or ""}
    if company:
        profile |= {"company_name": company["name"], "credit_code": company["credit_code"],
                    "legal_rep": company["legal_rep"]}
    prefill = form.profile_prefill(matter, profile)
    for extra in rt.host.pm.hook.prefill_application(matter=matter, applicant=profile):
        for name, value in (extra or {}).items():
            prefill.setdefault(name, value)
    draft = await drafts.open_draft(rt.engine, me.id, matter.key, matter.version, start.region,
                                    company["id"] if company else None, prefill)
    return Redirect(f"/apply/{draft.id}/0", status_code=303)


def _page_count(matter: Matter) -> int:
    return len(form.pages(matter))


async def _render_page(request: Request, draft, matter: Matter, index: int, errors: dict[str, str],
                       status: int = 200) -> Response:
    rt = runtime(request)
    field_pages = form.pages(matter)
    total = len(field_pages) + 2
    common = dict(draft=draft, matter=matter.to_dict(), index=index, total=total, errors=errors, districts=DISTRICTS,
                  titles=[p.title for p in field_pages] + [form.MATERIALS_PAGE, "核对并提交"])
    if index < len(field_pages):
        page = field_pages[index]
        fields = [_field_view(f, draft.answers, errors) for f in page.fields]
        return rt.renderer.page(request, "pages/apply_page.html", partial="partials/_apply_form.html",
                                status=status, page_title=page.title, fields=fields,
                                has_signature=any(f.type == FieldType.SIGNATURE for f in page.fields), **common)
    if index == len(field_pages):
        return await _render_materials(request, draft, matter, errors, status, common)
    return await _render_check(request, draft, matter, errors, status, common)


def _field_view(f, answers: dict[str, str], errors: dict[str, str]) -> dict[str, Any]:
    value = answers.get(f.name, "")
    region, _, detail = value.partition("|") if f.type == FieldType.ADDRESS and "|" in value else ("", "", value)
    return {
        "name": f.name, "label": f.label, "type": f.type.value, "required": f.required, "help": f.help,
        "example": f.example, "options": [{"value": o.value, "label": o.label} for o in f.options],
        "value": detail if f.type == FieldType.ADDRESS else value, "region": region,
        "values": value.split(",") if f.type == FieldType.CHECKBOX else [],
        "visible": form.visible(f, answers), "error": errors.get(f.name, ""),
        "show_if": {"field": f.show_if.field, "values": list(f.show_if.values)} if f.show_if else None,
        "max_length": f.max_length or (form.TEXTAREA_LIMIT if f.type == FieldType.TEXTAREA else form.TEXT_LIMIT),
    }


async def _render_materials(request, draft, matter: Matter, errors, status, common) -> Response:
    rt = runtime(request)
    given = await uploads.for_draft(rt.engine, draft.id)
    # What the applicant gave or got before is theirs to offer: not shown on a clerk's draft, where the
    # walk-in's papers are scanned (a clerk must not browse a person's other cases through it).
    reusable, held = [], []
    if draft.entered_by is None:
        reusable = await uploads.reusable(rt.engine, draft.account_id)
        held = [r for r in await licences.of_holder(rt.engine, draft.account_id, rt.clock.local_date(rt.clock.now()),
                                                    kinds=("licence",)) if r["state"] == "valid"]
    materials = []
    for m in matter.materials:
        files = [u for u in given if u["material"] == m.name]
        offers = [u for u in reusable if u["material"] == m.name or u["material_title"] == m.title]
        seen, unique_offers = set(), []
        for offer in offers:
            if offer["filename"] not in seen:
                seen.add(offer["filename"])
                unique_offers.append(offer)
        licence_offers = [r for r in held if "pdf" in m.kinds and (r["title"] in m.title or m.title in r["title"])]
        materials.append({**_material_dict(m), "files": files, "offers": unique_offers[:3],
                          "licences": licence_offers[:3],
                          "error": errors.get(f"material:{m.name}", ""), "full": len(files) >= m.max_files})
    return rt.renderer.page(request, "pages/apply_materials.html", partial="partials/_materials.html",
                            status=status, materials=materials, **common)


def _material_dict(m) -> dict:
    return {"name": m.name, "title": m.title, "required": m.required, "condition": m.condition,
            "kinds": [k.upper() for k in m.kinds], "max_size_mb": m.max_size_mb, "max_files": m.max_files,
            "sample": m.sample, "note": m.note, "accept": ",".join("." + k for k in m.kinds)}


async def _render_check(request, draft, matter: Matter, errors, status, common) -> Response:
    rt = runtime(request)
    given = await uploads.for_draft(rt.engine, draft.id)
    rows = []
    for page in form.pages(matter):
        for f in page.fields:
            if form.visible(f, draft.answers):
                rows.append({"label": f.label, "value": form.display(f, draft.answers.get(f.name, "")),
                             "page": page.index, "name": f.name})
    materials = [{"title": m.title, "files": [u for u in given if u["material"] == m.name], "required": m.required,
                  "name": m.name} for m in matter.materials]
    return rt.renderer.page(request, "pages/apply_check.html", status=status, rows=rows, materials=materials,
                            **common)


@get("/apply/{draft_id:int}/{index:int}", name="apply-page", include_in_schema=False)
async def apply_page(request: Request, draft_id: FromPath[int], index: FromPath[int]) -> Response:
    account, draft, matter = await _draft_and_matter(request, draft_id)
    if draft.case_number:
        return Redirect(f"/cases/{draft.case_number}", status_code=303)
    if not 0 <= index <= _page_count(matter) + 1:
        raise NotFoundException()
    return await _render_page(request, draft, matter, index, {})


@get("/apply/{draft_id:int}", name="apply-resume", include_in_schema=False)
async def apply_resume(request: Request, draft_id: FromPath[int]) -> Response:
    return Redirect(f"/apply/{draft_id}/0", status_code=303)


async def _read_page(request: Request, draft, matter: Matter, index: int) -> tuple[dict, dict]:
    """Values of one page's fields from the posted form, plus errors from signature files."""
    rt = runtime(request)
    posted = await request.form()
    page = form.pages(matter)[index]
    values, errors = {}, {}
    for f in page.fields:
        if f.type == FieldType.SIGNATURE:
            upload = posted.get(f.name)
            if isinstance(upload, UploadFile) and upload.filename:
                signature = Material(name=f"field:{f.name}", title=f.label, kinds=("jpg", "png"), max_size_mb=5)
                data = await upload.read()
                for old in await uploads.for_draft(rt.engine, draft.id):  # a new image replaces the old one
                    if old["material"] == signature.name:
                        await uploads.remove(rt.engine, draft.account_id, draft.id, old["id"])
                problem = await uploads.add(rt.engine, store(request), draft.account_id, draft.id, signature,
                                            upload.filename, data)
                if problem:
                    errors[f.name] = problem
                else:
                    values[f.name] = "signed"
            continue
        values[f.name] = form.normalise(f, form.read_value(f, posted))
    return values, errors


@post("/apply/{draft_id:int}/{index:int}", name="apply-save", include_in_schema=False,
      request_max_body_size=FORM_LIMIT)
async def apply_save(request: Request, draft_id: FromPath[int], index: FromPath[int]) -> Response:
    """Save the page whatever it holds, then check it: nothing typed is ever lost."""
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    if draft.case_number:
        return Redirect(f"/cases/{draft.case_number}", status_code=303)
    field_pages = form.pages(matter)
    if not 0 <= index < len(field_pages):
        raise NotFoundException()
    values, upload_errors = await _read_page(request, draft, matter, index)
    await drafts.save_answers(rt.engine, draft, values)
    posted = await request.form()
    if posted.get("_action") == "refresh":  # htmx: a controlling field changed, show or hide dependants
        return await _render_page(request, draft, matter, index, {})
    errors = form.validate_page(field_pages[index].fields, draft.answers) | upload_errors
    if posted.get("_action") == "save":
        return Redirect(f"/apply/{draft.id}/{index}?saved=1", status_code=303)
    if errors:
        return await _render_page(request, draft, matter, index, errors, status=422)
    return Redirect(f"/apply/{draft.id}/{index + 1}", status_code=303)


@post("/apply/{draft_id:int}/field/{name:str}", name="apply-field", include_in_schema=False)
async def apply_field(request: Request, draft_id: FromPath[int], name: FromPath[str]) -> Response:
    """htmx: save one field as the user leaves it and answer with that field, checked."""
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    f = next((f for f in matter.fields if f.name == name and f.type != FieldType.SIGNATURE), None)
    if f is None or draft.case_number:
        raise NotFoundException()
    posted = await request.form()
    value = form.normalise(f, form.read_value(f, posted))
    await drafts.save_answers(rt.engine, draft, {f.name: value})
    problem = form.check(f, value) if value else None  # an empty field is flagged on continue, not on leave
    view = _field_view(f, draft.answers, {f.name: problem} if problem else {})
    index = next(p.index for p in form.pages(matter) if f in p.fields)
    return rt.renderer.page(request, "partials/_field.html", status=422 if problem else 200, field=view,
                            draft=draft, districts=DISTRICTS, index=index)


def _material(matter: Matter, name: str):
    m = next((m for m in matter.materials if m.name == name), None)
    if m is None:
        raise NotFoundException()
    return m


@post("/apply/{draft_id:int}/materials/{name:str}", name="apply-upload", include_in_schema=False,
      request_max_body_size=UPLOAD_LIMIT)
async def apply_upload(request: Request, draft_id: FromPath[int], name: FromPath[str]) -> Response:
    """Who, then how big (from Content-Length, before reading a byte), then the CSRF token, then files."""
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    material = _material(matter, name)
    if draft.case_number:
        return Redirect(f"/cases/{draft.case_number}", status_code=303)
    index = _page_count(matter)
    too_big = _size_problem(request, material)
    if too_big:
        return await _render_page(request, draft, matter, index, {f"material:{name}": too_big}, status=413)
    await csrf.verify(request, rt.settings.secret_key)
    posted = await request.form()
    files = [f for f in posted.getall("files", []) if isinstance(f, UploadFile) and f.filename]
    problems = []
    if not files:
        problems.append("请选择要上传的文件")
    for upload in files:
        problem = await uploads.add(rt.engine, store(request), draft.account_id, draft.id, material, upload.filename,
                                    await upload.read())
        if problem:
            problems.append(f"{upload.filename}：{problem}" if len(files) > 1 else problem)
    if problems:
        return await _render_page(request, draft, matter, index, {f"material:{name}": "；".join(problems)},
                                  status=422)
    if request.headers.get("hx-request") == "true":
        return await _render_page(request, draft, matter, index, {})
    return Redirect(f"/apply/{draft.id}/{index}#m-{name}", status_code=303)


@post("/apply/{draft_id:int}/bulk", name="apply-bulk", include_in_schema=False, request_max_body_size=UPLOAD_LIMIT)
async def apply_bulk(request: Request, draft_id: FromPath[int]) -> Response:
    """A whole folder or disc at once (the window scans a walk-in's papers): each file goes to the
    material its name points to; what cannot be placed is listed, nothing is lost silently."""
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    if draft.case_number:
        return Redirect(f"/cases/{draft.case_number}", status_code=303)
    index = _page_count(matter)
    limit = sum(m.max_size_mb * 1024 * 1024 * m.max_files for m in matter.materials) + 1024 * 1024
    declared = request.headers.get("content-length", "")
    if not declared.isdigit() or int(declared) > limit:
        return await _render_page(request, draft, matter, index,
                                  {"bulk": f"一次上传的文件总大小不能超过{limit // (1024 * 1024)}MB"}, status=413)
    await csrf.verify(request, rt.settings.secret_key)
    posted = await request.form()
    files = [(f.filename, await f.read()) for f in posted.getall("files", []) if isinstance(f, UploadFile) and f.filename]
    if not files:
        return await _render_page(request, draft, matter, index, {"bulk": "请选择要上传的文件夹或文件"}, status=422)
    placed, problems = await uploads.add_many(rt.engine, store(request), draft.account_id, draft.id,
                                              matter.materials, files)
    if problems:
        return await _render_page(request, draft, matter, index, {"bulk": "；".join(problems)}, status=422)
    if request.headers.get("hx-request") == "true":
        return await _render_page(request, draft, matter, index, {})
    return Redirect(f"/apply/{draft.id}/{index}", status_code=303)


@post("/apply/{draft_id:int}/uploads/{upload_id:int}/remove", name="apply-remove", include_in_schema=False)
async def apply_remove(request: Request, draft_id: FromPath[int], upload_id: FromPath[int]) -> Response:
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    if not await uploads.remove(rt.engine, draft.account_id, draft.id, _id(upload_id)):
        raise NotFoundException()
    index = _page_count(matter)
    if request.headers.get("hx-request") == "true":
        return await _render_page(request, draft, matter, index, {})
    return Redirect(f"/apply/{draft.id}/{index}", status_code=303)


@post("/apply/{draft_id:int}/materials/{name:str}/licence/{licence_id:int}", name="apply-licence",
      include_in_schema=False)
async def apply_licence(request: Request, draft_id: FromPath[int], name: FromPath[str],
                        licence_id: FromPath[int]) -> Response:
    """Give a licence the platform issued to this applicant as a material: its PDF, drawn now."""
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    if draft.entered_by is not None:  # the applicant's own to offer, not a clerk's
        raise NotFoundException()
    if draft.case_number:
        return Redirect(f"/cases/{draft.case_number}", status_code=303)
    material = _material(matter, name)
    row = await licences.one(rt.engine, _id(licence_id), rt.clock.local_date(rt.clock.now()))
    if row is None or row["account_id"] != draft.account_id or row["kind"] != "licence":
        raise NotFoundException()
    index = _page_count(matter)
    problem = "该证照已失效，不能作为申请材料" if row["state"] != "valid" else None
    if problem is None:
        data = await licence_files.pdf(row, licence_web.base_url(request), rt.settings.cjk_font)
        problem = await uploads.add(rt.engine, store(request), draft.account_id, draft.id, material,
                                    f"{row['title']}（{row['number']}）.pdf", data)
    if problem:
        return await _render_page(request, draft, matter, index, {f"material:{name}": problem}, status=422)
    return Redirect(f"/apply/{draft.id}/{index}#m-{name}", status_code=303)


@post("/apply/{draft_id:int}/materials/{name:str}/reuse/{upload_id:int}", name="apply-reuse",
      include_in_schema=False)
async def apply_reuse(request: Request, draft_id: FromPath[int], name: FromPath[str], upload_id: FromPath[int]) -> Response:
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    if draft.entered_by is not None:  # the applicant's own to offer, not a clerk's
        raise NotFoundException()
    if draft.case_number:
        return Redirect(f"/cases/{draft.case_number}", status_code=303)
    problem = await uploads.reuse(rt.engine, draft.account_id, draft.id, _material(matter, name), _id(upload_id))
    index = _page_count(matter)
    if problem:
        return await _render_page(request, draft, matter, index, {f"material:{name}": problem}, status=422)
    return Redirect(f"/apply/{draft.id}/{index}#m-{name}", status_code=303)


def _submission_errors(rt, matter: Matter, answers: dict, given: list[dict], declared: bool) -> dict[str, str]:
    errors = {f"field:{k}": v for k, v in form.validate_all(matter, answers).items()}
    for m in matter.materials:
        if m.required and not any(u["material"] == m.name for u in given):
            errors[f"material:{m.name}"] = f"请上传{m.title}"
    for objections in rt.host.pm.hook.validate_application(matter=matter, answers=answers):
        for field_name, message in objections or []:
            errors[f"field:{field_name}"] = message
    if not declared:
        errors["declaration"] = "请阅读并勾选承诺声明"
    return errors


@post("/apply/{draft_id:int}/submit", name="apply-submit", include_in_schema=False)
async def apply_submit(request: Request, draft_id: FromPath[int]) -> Response:
    rt = runtime(request)
    account, draft, matter = await _draft_and_matter(request, draft_id)
    posted = await request.form()
    if draft.case_number:  # a double click or a replay: the case that was made
        return Redirect(f"/cases/{draft.case_number}?submitted=1", status_code=303)
    if posted.get("submit_token") != draft.submit_token:
        raise NotFoundException()
    given = await uploads.for_draft(rt.engine, draft.id)
    errors = _submission_errors(rt, matter, draft.answers, given, posted.get("declaration") == "yes")
    if errors:
        return await _render_page(request, draft, matter, _page_count(matter) + 1, errors, status=422)
    members = []
    if matter.is_bundle:
        for key in matter.members:
            member = await rt.catalog.matter(key)
            if member is not None:
                members.append(member)
    me = await accounts.get(rt.engine, draft.account_id)
    applicant = draft.answers.get("company_name") or me.name or ""
    by_staff = draft.entered_by is not None
    number = await cases.submit(
        rt.engine, rt.clock, draft=draft, matter=matter, members=members, account_id=draft.account_id,
        applicant_name=applicant, phone=me.phone, channel="window" if by_staff else _channel(request),
        actor_name=account.display_name if by_staff else (me.name or "申请人"),
        entered_by=draft.entered_by, pm=rt.host.pm, entered_at=await _hall_of(rt, account) if by_staff else "",
    )
    if rt.queue is not None:
        await outbox.enqueue(rt.queue, await outbox.pending(rt.engine, 20))
    if by_staff:
        return Redirect(f"/window/cases/{number}?submitted=1", status_code=303)
    return Redirect(f"/cases/{number}?submitted=1", status_code=303)


async def _hall_of(rt, account) -> str:
    """Where a clerk works: the hall (or service point) of their region."""
    rows = await fetch(rt.engine, "SELECT name FROM hall WHERE region_code = {} ORDER BY kind LIMIT 1",
                       account.region_code or "")
    return rows[0]["name"] if rows else ""


def _channel(request: Request) -> str:
    agent = (request.headers.get("user-agent") or "").lower()
    return "mobile" if any(word in agent for word in ("mobile", "android", "iphone")) else "web"


async def _own_case(request: Request, number: str):
    """The signed-in applicant's case, or a 404 (whether it exists is nobody else's business)."""
    rt = runtime(request)
    account = citizen(request)
    case = await cases.own_case(rt.engine, number, account.id)
    if case is None:
        raise NotFoundException()
    return rt, account, case


def _size_problem(request: Request, material) -> str | None:
    """Refuse from Content-Length, before a byte of the body is read."""
    limit = material.max_size_mb * 1024 * 1024 * material.max_files + 256 * 1024
    declared = request.headers.get("content-length", "")
    if not declared.isdigit():
        return "无法确定上传内容的大小，请重新选择文件上传"
    if int(declared) > limit:
        return f"文件大小不能超过{material.max_size_mb}MB"
    return None


@get("/cases/{number:str}", name="case", include_in_schema=False)
async def case_page(request: Request, number: FromPath[str]) -> Response:
    rt, account, case = await _own_case(request, number)
    return await _case_view(request, case, {}, 200)


async def _case_view(request: Request, case: dict, errors: dict, status: int) -> Response:
    rt = runtime(request)
    matter = await rt.catalog.matter(case["matter_key"])
    notice = await window_rules.open_notice(rt.engine, case["id"]) if case["status"] == st.CORRECTION else None
    if notice and matter:
        by_name = {m.name: m for m in matter.materials}
        for item in notice["items"]:
            m = by_name.get(item["name"]) if item["kind"] == "material" else None
            item["accept"] = ",".join("." + k for k in m.kinds) if m else ""
            item["error"] = errors.get(item["name"], "")
    return rt.renderer.page(
        request, "pages/case.html", status=status, case=case,
        status_label=st.LABELS.get(case["status"], case["status"]),
        current_step=_current_step(matter, case["status"]),
        next_step=st.NEXT_STEP.get(case["status"], ""), events=[
            {**e, "label": st.LABELS.get(e["status_to"], e["status_to"])} for e in await cases.timeline(rt.engine, case["id"])
        ],
        children=[{**c, "status_label": st.LABELS.get(c["status"], c["status"])}
                  for c in await cases.children(rt.engine, case["id"])],
        files=await cases.case_uploads(rt.engine, case["id"]),
        submitted=request.query_params.get("submitted") == "1",
        notice=notice, errors=errors,
        results=await licences.of_case(rt.engine, case["id"], rt.clock.local_date(rt.clock.now())),
    )


@post("/cases/{number:str}/materials/{name:str}", name="case-upload", include_in_schema=False,
      request_max_body_size=UPLOAD_LIMIT)
async def case_upload(request: Request, number: FromPath[str], name: FromPath[str]) -> Response:
    """A corrected material for a case waiting for corrections (size first, then CSRF, then bytes)."""
    rt, account, case = await _own_case(request, number)
    matter = await rt.catalog.matter(case["matter_key"])
    material = _material(matter, name)
    if case["status"] != st.CORRECTION:
        return Redirect(f"/cases/{number}", status_code=303)
    too_big = _size_problem(request, material)
    if too_big:
        return await _case_view(request, case, {name: too_big}, 413)
    await csrf.verify(request, rt.settings.secret_key)
    posted = await request.form()
    files = [f for f in posted.getall("files", []) if isinstance(f, UploadFile) and f.filename]
    problems = [] if files else ["请选择要上传的文件"]
    for upload in files:
        problem = await uploads.add_to_case(rt.engine, store(request), account.id, case["id"], material,
                                            upload.filename, await upload.read())
        if problem:
            problems.append(problem)
    if problems:
        return await _case_view(request, case, {name: "；".join(problems)}, 422)
    return Redirect(f"/cases/{number}#notice-title", status_code=303)


@post("/cases/{number:str}/resubmit", name="case-resubmit", include_in_schema=False)
async def case_resubmit(request: Request, number: FromPath[str]) -> Response:
    rt, account, case = await _own_case(request, number)
    me = await accounts.get(rt.engine, account.id)
    try:
        await window_rules.resubmit(rt.engine, rt.clock, case, await rt.catalog.matter(case["matter_key"]), account.id,
                                    me.name or "申请人", pm=rt.host.pm)
    except cases.CaseError as exc:
        return await _case_view(request, case, {"resubmit": str(exc)}, 422)
    return Redirect(f"/cases/{number}", status_code=303)


def _current_step(matter: Matter | None, status: str) -> str:
    """Which declared step the case is at, as the applicant reads it (the window issue refines it)."""
    if matter is None or not matter.steps:
        return ""
    wanted = {
        st.SUBMITTED: StepRole.ACCEPT, st.RESUBMITTED: StepRole.ACCEPT, st.ACCEPTED: StepRole.REVIEW,
        st.IN_REVIEW: StepRole.REVIEW, st.APPROVED: StepRole.COMPLETE,
    }.get(status)
    if wanted is None:
        return ""
    step = next((s for s in matter.steps if s.role == wanted), matter.steps[0])
    return f"{step.name}（{DEPARTMENTS[step.department].name}）"


@get("/files/{upload_id:int}", name="file", include_in_schema=False)
async def file_download(request: Request, upload_id: FromPath[int]) -> Response:
    """A material, to its owner only; served with its sniffed type, never as HTML."""
    rt = runtime(request)
    account = request.state.get("account")
    if account is not None and account.is_staff:  # the clerk who is filling in a walk-in's draft
        row = await uploads.get_entered(rt.engine, _id(upload_id), account.id)
    else:
        account = citizen(request)
        row = await uploads.get_visible(rt.engine, _id(upload_id), account.id)
    if row is None:
        raise NotFoundException()
    data = store(request).read(row["sha256"])
    inline = row["kind"] in MIME
    disposition = "inline" if inline else "attachment"
    return Response(
        data, media_type=MIME.get(row["kind"], "application/octet-stream"),
        headers={
            "Content-Disposition": f"{disposition}; filename*=UTF-8''{_quote(row['filename'])}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
            "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
        },
    )


def _quote(name: str) -> str:
    return quote(name, safe="")


HANDLERS = [apply_start, apply_open, apply_page, apply_resume, apply_save, apply_field, apply_upload, apply_remove,
            apply_reuse, apply_licence, apply_bulk, apply_submit, case_page, case_upload, case_resubmit, file_download]
