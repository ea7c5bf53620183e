"""Demo cases, so a fresh `kuaiban run` shows a living window: queues with work in them, a case in
review, and a finished case whose licence can be checked through its QR link.

Everything goes through the same services the pages use (drafts, uploads, submit, accept, complete);
only the answers are filled in here. Seeded once per database (a `setting` row remembers it).
"""

from __future__ import annotations

import io
import json

from PIL import Image

from app.accounts import service as accounts
from app.applications import drafts, form, uploads
from app.cases import service as cases
from app.cases import window
from app.db.engine import fetch
from app.materials.storage import FileStore
from plugins.declarations import ApplicantKind, FieldType, Matter

PHONE, NAME, RESIDENT_ID = "13800138000", "张三", "11010519491231002X"
COMPANY, CREDIT_CODE = "重庆示例有限公司", "91350100M000100Y43"
MARK = "demo_cases"
# (matter, what happens to it at the window): a spread over the tabs of 渝中区's clerk.
PLAN = (
    ("residence-permit", "submitted"),
    ("social-security-card-replacement", "correction"),
    ("household-transfer", "in_review"),
    ("business-licence-change", "in_review"),
    ("individual-business-registration", "completed"),
)


def _answer(f) -> str:
    if f.options:
        return f.options[0].value
    return {
        FieldType.RESIDENT_ID: RESIDENT_ID, FieldType.CREDIT_CODE: CREDIT_CODE, FieldType.PHONE: PHONE,
        FieldType.DATE: "2026-12-01", FieldType.NUMBER: "10", FieldType.MONEY: "100",
        FieldType.ADDRESS: "500103|渝中区解放碑街道民族路188号", FieldType.TEXTAREA: "按申请内容办理。",
        FieldType.SIGNATURE: "signed",
    }.get(f.type, (f.example or "示例")[: f.max_length or 100])


def _scan(kind: str, seed: int) -> tuple[str, bytes]:
    """A small real file of a kind the material accepts (a grey page, as PNG, JPEG or PDF)."""
    image = Image.new("RGB", (120, 160), (230 - seed % 40, 230, 230))
    buffer = io.BytesIO()
    if kind == "pdf":
        image.save(buffer, "PDF")
        return "扫描件.pdf", buffer.getvalue()
    image.save(buffer, "PNG" if kind == "png" else "JPEG")
    return f"扫描件.{'png' if kind == 'png' else 'jpg'}", buffer.getvalue()


async def seed_cases(rt) -> str:
    """Seed the demo cases once; returns what was done (and where to check the demo licence)."""
    engine = rt.engine
    if await fetch(engine, "SELECT 1 AS done FROM setting WHERE name = {}", MARK):
        return "demo cases: already there"
    citizen = await accounts.citizen_by_phone(engine, PHONE)
    await accounts.set_real_name(engine, citizen, NAME, RESIDENT_ID)
    await accounts.add_company(engine, citizen, COMPANY, CREDIT_CODE, NAME, "legal_rep")
    company = (await fetch(engine, "SELECT id FROM company WHERE credit_code = {}", CREDIT_CODE))[0]["id"]
    clerk_row = await fetch(engine, "SELECT id FROM account WHERE username = 'clerk-yuzhong'")
    clerk = await accounts.get(engine, clerk_row[0]["id"]) if clerk_row else None
    store = FileStore(rt.settings.data_dir / "files")
    checked = ""
    for seed, (key, fate) in enumerate(PLAN):
        matter: Matter | None = await rt.catalog.matter(key)
        if matter is None:
            continue
        answers = {f.name: _answer(f) for f in matter.fields if f.show_if is None}
        answers |= {f.name: _answer(f) for f in matter.fields if f.show_if and form.visible(f, answers)}
        for_company = ApplicantKind.PERSON not in matter.applicant_kinds
        draft = await drafts.open_draft(engine, citizen, key, matter.version, "500103",
                                        company if for_company else None, answers)
        for m in matter.materials:
            if m.required:
                await uploads.add(engine, store, citizen, draft.id, m, *_scan(m.kinds[0], seed))
        number = await cases.submit(engine, rt.clock, draft=draft, matter=matter, members=[], account_id=citizen,
                                    applicant_name=answers.get("company_name") or NAME, phone=PHONE,
                                    channel="web", actor_name=NAME, pm=rt.host.pm)
        if clerk is None or fate == "submitted":
            continue
        case = (await fetch(engine, "SELECT * FROM kb_case WHERE number = {}", number))[0]
        if fate == "completed" and matter.instant and all(
                s.department in clerk.departments for s in matter.steps):
            issued = await window.finish_at_counter(engine, rt.clock, case, clerk, matter, "准予登记，当场发照",
                                                    pm=rt.host.pm)
            checked = next((i["token"] for i in issued if i["kind"] == "licence"), checked)
        elif fate == "correction":
            first = matter.materials[0]
            await window.request_correction(engine, case, clerk, [
                {"kind": "material", "name": first.name, "title": first.title, "note": "照片不清晰，请重新上传"}],
                "请按清单补正后重新提交", pm=rt.host.pm)
        else:
            await window.accept(engine, rt.clock, case, clerk, matter, pm=rt.host.pm)
    async with engine.transaction():
        await fetch(engine, "INSERT INTO setting (name, value) VALUES ({}, {})", MARK,
                    json.dumps({"licence_token": checked}))
    where = f"; a demo licence to check: /verify/{checked}" if checked else ""
    return f"demo cases: {len(PLAN)} for {NAME} ({PHONE}){where}"
