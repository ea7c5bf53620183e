"""A matter's form: pages (field groups), visibility, validation and prefill.

Every rule here runs on the server; htmx only asks for it sooner (one field as the user leaves it).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from app.accounts import identity
from plugins.declarations import Field, FieldType, Matter
from plugins.geography import REGIONS

TEXT_LIMIT = 200
TEXTAREA_LIMIT = 2000
MATERIALS_PAGE = "申请材料"
CHOICE_TYPES = {FieldType.SELECT, FieldType.RADIO, FieldType.CHECKBOX}


@dataclass(frozen=True, slots=True)
class Page:
    index: int
    title: str
    fields: tuple[Field, ...]


def pages(matter: Matter) -> list[Page]:
    """Field groups in declaration order, one short page each on a phone."""
    order: list[str] = []
    grouped: dict[str, list[Field]] = {}
    for f in matter.fields:
        if f.group not in grouped:
            order.append(f.group)
            grouped[f.group] = []
        grouped[f.group].append(f)
    return [Page(i, title, tuple(grouped[title])) for i, title in enumerate(order)]


def visible(f: Field, answers: dict[str, str]) -> bool:
    if f.show_if is None:
        return True
    value = answers.get(f.show_if.field, "")
    chosen = set(value.split(",")) if value else set()
    return bool(chosen & set(f.show_if.values))


def read_value(f: Field, form) -> str:
    """The submitted value of a field from a form multi-dict (checkboxes join with commas)."""
    if f.type == FieldType.CHECKBOX:
        values = form.getall(f.name, []) if hasattr(form, "getall") else form.get(f.name, [])
        if isinstance(values, str):
            values = [values]
        return ",".join(v.strip() for v in values if v.strip())
    if f.type == FieldType.ADDRESS:
        region = (form.get(f"{f.name}__region") or "").strip()
        detail = (form.get(f.name) or "").strip()
        return f"{region}|{detail}" if region else detail
    value = form.get(f.name)
    return value.strip() if isinstance(value, str) else ""


def check(f: Field, value: str) -> str | None:
    """The Chinese message for a bad value, or None."""
    if not value:
        if not f.required:
            return None
        verb = "请选择" if f.type in CHOICE_TYPES or f.type == FieldType.DATE else "请填写"
        if f.type == FieldType.SIGNATURE:
            return f"请上传{f.label}"
        return f"{verb}{f.label}"
    limit = f.max_length or (TEXTAREA_LIMIT if f.type == FieldType.TEXTAREA else TEXT_LIMIT)
    if len(value) > limit:
        return f"{f.label}不能超过{limit}个字"
    options = {o.value for o in f.options}
    match f.type:
        case FieldType.SELECT | FieldType.RADIO:
            if value not in options:
                return f"请从列表中选择{f.label}"
        case FieldType.CHECKBOX:
            if not set(value.split(",")) <= options:
                return f"请从列表中选择{f.label}"
        case FieldType.NUMBER:
            if not re.fullmatch(r"-?\d+(\.\d+)?", value):
                return f"{f.label}应为数字"
        case FieldType.MONEY:
            try:
                amount = Decimal(value)
            except InvalidOperation:
                return f"{f.label}应为金额，例如 10000 或 10000.50"
            if amount < 0 or amount.as_tuple().exponent < -2 or not amount.is_finite():
                return f"{f.label}应为不小于0、最多两位小数的金额"
        case FieldType.DATE:
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return f"{f.label}应为有效日期，格式如 2026-01-31"
        case FieldType.PHONE:
            return identity.validate_phone(identity.normalise_phone(value))
        case FieldType.RESIDENT_ID:
            return identity.validate_resident_id(identity.normalise_resident_id(value))
        case FieldType.CREDIT_CODE:
            return identity.validate_credit_code(identity.normalise_credit_code(value))
        case FieldType.ADDRESS:
            region, _, detail = value.partition("|") if "|" in value else ("", "", value)
            if region and region not in REGIONS:
                return f"请选择{f.label}所在区县"
            if len(detail) < 5:
                return f"请填写完整的{f.label}，精确到门牌号"
    return None


def normalise(f: Field, value: str) -> str:
    match f.type:
        case FieldType.PHONE:
            return identity.normalise_phone(value)
        case FieldType.RESIDENT_ID:
            return identity.normalise_resident_id(value)
        case FieldType.CREDIT_CODE:
            return identity.normalise_credit_code(value)
    return value


def validate_page(page_fields: tuple[Field, ...], answers: dict[str, str]) -> dict[str, str]:
    errors = {}
    for f in page_fields:
        if visible(f, answers):
            problem = check(f, answers.get(f.name, ""))
            if problem:
                errors[f.name] = problem
    return errors


def validate_all(matter: Matter, answers: dict[str, str]) -> dict[str, str]:
    return validate_page(matter.fields, answers)


def profile_prefill(matter: Matter, profile: dict[str, str]) -> dict[str, str]:
    """Values the platform already knows: the applicant's identity and the company acted for."""
    known = {
        "applicant_name": profile.get("name", ""),
        "applicant_id_number": profile.get("id_number", ""),
        "applicant_phone": profile.get("phone", ""),
        "contact_name": profile.get("name", ""),
        "contact_phone": profile.get("phone", ""),
        "company_name": profile.get("company_name", ""),
        "credit_code": profile.get("credit_code", ""),
        "legal_rep_name": profile.get("legal_rep", ""),
    }
    names = {f.name for f in matter.fields}
    return {k: v for k, v in known.items() if k in names and v}


def display(f: Field, value: str) -> str:
    """An answer as people read it: option labels, the district's name before an address."""
    if not value:
        return "—"
    labels = {o.value: o.label for o in f.options}
    if f.type == FieldType.CHECKBOX:
        return "、".join(labels.get(v, v) for v in value.split(","))
    if f.type in (FieldType.SELECT, FieldType.RADIO):
        return labels.get(value, value)
    if f.type == FieldType.ADDRESS:
        region, _, detail = value.partition("|") if "|" in value else ("", "", value)
        place = REGIONS[region].name if region in REGIONS else ""
        return detail if detail.startswith(place) else place + detail
    if f.type == FieldType.SIGNATURE:
        return "已上传签名"
    return value
