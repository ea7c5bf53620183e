"""Issuing a completed case's results, reading them back for their holder, and the public check.

Results are rows (`licence`): the documents (PDF, seal image, QR) are drawn from a row on demand,
so a result is exactly what its row says and nothing on disk can drift from it.
"""

from __future__ import annotations

import datetime
import json
import re
import secrets

from piccolo.engine.base import Engine

from app.applications import form
from app.clock import CHINA_TZ, stored_moment
from app.db.engine import fetch
from plugins.declarations import Bundle, FieldType, Matter, MatterType, Output, OutputKind
from plugins.geography import REGIONS, implementing_body

VERIFY_PER_MINUTE = 30
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_PRINTED = frozenset({FieldType.TEXT, FieldType.TEXTAREA, FieldType.ADDRESS, FieldType.SELECT, FieldType.RADIO,
                      FieldType.CHECKBOX, FieldType.DATE, FieldType.MONEY, FieldType.NUMBER})
_PRIVATE = ("phone", "contact", "agent", "id_number", "applicant_name", "company_name", "credit_code")
KIND_LABELS = {"licence": "电子证照", "seal": "电子印章", "decision": "决定文书"}
STATUS_LABELS = {"valid": "有效", "revoked": "已注销", "expired": "已过期"}


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def title_of(output: Output) -> str:
    """The short title printed on a result: 营业执照（正本、副本）及电子营业执照 → 营业执照."""
    return re.split(r"[（(]|及", output.name, maxsplit=1)[0].strip() or output.name


def mask_id(value: str) -> str:
    """5001**********123X: enough to compare with the paper in hand, not enough to reuse."""
    value = value or ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_name(name: str, company: bool) -> str:
    """A company's name is public; a person's shows the family name only (张*, 欧***)."""
    if company or not name:
        return name
    return name[0] + "*" * max(1, len(name) - 1)


async def _sequence(engine: Engine, kind: OutputKind, region: str, year: int) -> int:
    """The next number of this kind in the region: per year, except seals, whose code carries no year
    (a 13-digit seal code is region + 7 digits for good)."""
    prefix = f"S{region}" if kind == OutputKind.SEAL else f"{kind.value[0].upper()}{region}-{year}"
    rows = await fetch(
        engine,
        "INSERT INTO case_sequence (prefix, value) VALUES ({}, 1) "
        "ON CONFLICT (prefix) DO UPDATE SET value = case_sequence.value + 1 RETURNING value",
        prefix,
    )
    return rows[0]["value"]


async def holder_of(engine: Engine, case: dict) -> tuple[str, str, bool]:
    """(name, credit code or resident ID, is a company) of the one a result is issued to."""
    answers = json.loads(case["answers"] or "{}")
    if case["company_id"]:
        rows = await fetch(engine, "SELECT name, credit_code FROM company WHERE id = {}", case["company_id"])
        if rows:
            return rows[0]["name"], rows[0]["credit_code"], True
    if answers.get("company_name") or answers.get("business_name"):
        return (answers.get("company_name") or answers["business_name"]), answers.get("credit_code", ""), True
    rows = await fetch(engine, "SELECT name, resident_id FROM account WHERE id = {}", case["account_id"])
    name = (rows[0]["name"] if rows else "") or case["applicant_name"]
    return name, (rows[0]["resident_id"] if rows else "") or "", False


def _lines(matter: Matter, case: dict, holder: str, holder_id: str, company: bool) -> list[list[str]]:
    answers = json.loads(case["answers"] or "{}")
    lines = [["名称" if company else "持证人", holder]]
    if holder_id:
        lines.append(["统一社会信用代码" if company else "公民身份号码", holder_id])
    for f in matter.fields:
        value = str(answers.get(f.name) or "").strip()
        if not value or f.type not in _PRINTED or any(p in f.name for p in _PRIVATE):
            continue
        lines.append([f.label, form.display(f, value)[:300]])
        if len(lines) >= 9:
            break
    lines.append(["办件编号", case["number"]])
    return lines


def _letter(matter: Matter, case: dict, approved: bool, result: str, reasons: list[str], name: str) -> list[str]:
    day = stored_moment(case["submitted_at"]).astimezone(CHINA_TZ).date()
    opening = (f"你（单位）于{day.year}年{day.month}月{day.day}日提出的“{matter.name}”申请（办件编号{case['number']}），"
               "本机关已依法受理并审查。")
    if approved:
        basis = "、".join(matter.legal_basis[:2])
        body = [opening, "经审查，申请符合法定条件和标准。" + (f"根据{basis}，" if basis else "")
                + f"本机关决定准予办理“{matter.name}”。"]
        if result:
            body.append(f"办理结果：{result}")
        return body
    body = [opening, f"经审查，申请不符合法定条件和标准，本机关决定不予办理“{matter.name}”。"]
    body += [f"理由：{r}" for r in reasons if r] or ([f"理由：{result}"] if result else [])
    document = "本决定书" if name.endswith("决定书") else "本告知书"
    body.append(f"如不服本决定，可以自收到{document}之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。")
    return body


async def issue(engine: Engine, pm, case: dict, matter: Matter | None, *, approved: bool, result: str,
                reasons: list[str], issued_on: datetime.date) -> list[dict]:
    """Issue every declared result of a completed case (inside the caller's transaction).

    A refusal issues one decision letter with the reasons. A bundle's results come from its
    members' cases, so its own parent case issues none."""
    if matter is None or isinstance(matter, Bundle):
        return []
    if approved:
        outputs = list(matter.outputs)
    else:
        name = "不予行政许可决定书" if matter.type == MatterType.LICENSING else "不予办理告知书"
        outputs = [Output(kind=OutputKind.DECISION, name=name)]
    holder, holder_id, company = await holder_of(engine, case)
    region = case["region_code"][:6]
    issuer = implementing_body(case["region_code"] if case["region_code"] in REGIONS else region, matter.department)
    issued = []
    for output in outputs:
        if output.kind == OutputKind.SEAL and not company:
            continue
        sequence = await _sequence(engine, output.kind, region, issued_on.year)
        number = pm.hook.licence_number(matter=matter, output=output, region_code=region, issued_on=issued_on,
                                        sequence=sequence)
        details = {"company": company, "lines": _lines(matter, case, holder, holder_id, company)}
        if output.kind == OutputKind.DECISION:
            details = {"company": company, "body": _letter(matter, case, approved, result, reasons, output.name)}
        row = {
            "case_id": case["id"], "account_id": case["account_id"], "company_id": case["company_id"],
            "kind": output.kind.value, "output_name": output.name,
            "title": output.name if not approved else title_of(output), "number": number,
            "holder_name": holder, "holder_id": holder_id or "", "issuer": issuer, "matter_key": matter.key,
            "matter_name": matter.name, "issued_on": issued_on, "valid_until": None, "status": "valid",
            "approved": approved, "token": secrets.token_urlsafe(18),
            "details": json.dumps(details, ensure_ascii=False), "created_at": _now(),
        }
        columns = ", ".join(row)
        marks = ", ".join("{}" for _ in row)
        inserted = await fetch(engine, f"INSERT INTO licence ({columns}) VALUES ({marks}) RETURNING id",
                               *row.values())
        issued.append({**row, "id": inserted[0]["id"]})
    return issued


def _shown(row: dict, today: datetime.date) -> dict:
    status = row["status"]
    valid_until = row["valid_until"]
    if status == "valid" and valid_until is not None and valid_until < today:
        status = "expired"
    return {**row, "state": status, "status_label": STATUS_LABELS.get(status, status),
            "kind_label": KIND_LABELS.get(row["kind"], row["kind"]),
            "details": json.loads(row["details"] or "{}") if isinstance(row["details"], str) else row["details"]}


async def of_case(engine: Engine, case_id: int, today: datetime.date) -> list[dict]:
    """A case's results, with those of a bundle's member cases."""
    rows = await fetch(engine, "SELECT * FROM licence WHERE case_id = {} OR case_id IN "
                               "(SELECT id FROM kb_case WHERE parent_id = {}) ORDER BY id", case_id, case_id)
    return [_shown(r, today) for r in rows]


async def of_holder(engine: Engine, account_id: int, today: datetime.date, kinds=("licence", "seal")) -> list[dict]:
    """The holder's licences and seals (their wallet on /me, reusable in applications)."""
    marks = ", ".join("{}" for _ in kinds)
    rows = await fetch(engine, f"SELECT * FROM licence WHERE account_id = {{}} AND kind IN ({marks}) "
                               "ORDER BY issued_on DESC, id DESC LIMIT 100", account_id, *kinds)
    return [_shown(r, today) for r in rows]


async def one(engine: Engine, licence_id: int, today: datetime.date) -> dict | None:
    rows = await fetch(engine, "SELECT * FROM licence WHERE id = {}", licence_id)
    return _shown(rows[0], today) if rows else None


async def check(engine: Engine, token: str, ip: str, today: datetime.date) -> tuple[str, dict | None]:
    """The public check behind a QR code: ("found", public view) | ("missing", None) | ("limited", None).

    Every check answered is logged, found or not; an address that checks too often in a minute waits
    (and is not logged again, so a flood cannot fill the log). The address is the client's as the
    web server sees it: behind a proxy, run the server so it takes the proxy's forwarded address."""
    now = _now()
    recent = await fetch(engine, "SELECT count(*) AS n FROM verify_check WHERE ip = {} AND at > {}",
                         ip, now - datetime.timedelta(minutes=1))
    if recent[0]["n"] >= VERIFY_PER_MINUTE:
        return "limited", None
    row = None
    if _TOKEN.fullmatch(token or ""):
        rows = await fetch(engine, "SELECT * FROM licence WHERE token = {}", token)
        row = rows[0] if rows else None
    async with engine.transaction():
        await fetch(engine, "INSERT INTO verify_check (licence_id, ip, found, at) VALUES ({}, {}, {}, {})",
                    row["id"] if row else None, ip[:64], row is not None, now)
    if row is None:
        return "missing", None
    return "found", public_view(_shown(row, today))


def public_view(row: dict) -> dict:
    """Only what a verifier needs: what it is, whose (masked), who issued it, when, whether it holds."""
    return {
        "title": row["title"], "kind_label": row["kind_label"], "number": row["number"],
        "holder": mask_name(row["holder_name"], bool(row["details"].get("company"))), "holder_id": mask_id(row["holder_id"]),
        "issuer": row["issuer"], "issued_on": row["issued_on"], "valid_until": row["valid_until"],
        "state": row["state"], "status_label": row["status_label"], "matter_name": row["matter_name"],
    }
