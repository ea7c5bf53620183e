"""Frozen declarations a plugin uses to describe its matters.

Declarations are data: a matter is a value that can be linted, serialised into the catalog and
unit-tested without a web server or a database. Anything that cannot be data goes through hooks.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Any


class MatterType(enum.StrEnum):
    """The matter type list of the national implementation-list standard."""

    LICENSING = "行政许可"
    CONFIRMATION = "行政确认"
    BENEFIT = "行政给付"
    REGISTRATION = "行政登记"
    FILING = "备案"
    PUBLIC_SERVICE = "公共服务"
    OTHER = "其他行政权力"


class ApplicantKind(enum.StrEnum):
    PERSON = "person"
    COMPANY = "company"


class FieldType(enum.StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    NUMBER = "number"
    DATE = "date"
    SELECT = "select"
    RADIO = "radio"
    CHECKBOX = "checkbox"
    PHONE = "phone"
    RESIDENT_ID = "resident_id"
    CREDIT_CODE = "credit_code"
    ADDRESS = "address"
    MONEY = "money"
    SIGNATURE = "signature"


class OutputKind(enum.StrEnum):
    LICENCE = "licence"
    SEAL = "seal"
    DECISION = "decision"


class Delivery(enum.StrEnum):
    COURIER = "courier"
    WINDOW = "window"
    ONLINE = "online"


class StepRole(enum.StrEnum):
    ACCEPT = "受理"
    REVIEW = "审核"
    APPROVE = "审批"
    COMPLETE = "办结"


OPTION_FIELD_TYPES = frozenset({FieldType.SELECT, FieldType.RADIO, FieldType.CHECKBOX})


@dataclass(frozen=True, slots=True, kw_only=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ShowIf:
    """Show a field only when another field holds one of these values."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    name: str
    label: str
    type: FieldType = FieldType.TEXT
    required: bool = True
    help: str = ""
    example: str = ""
    options: tuple[Option, ...] = ()
    show_if: ShowIf | None = None
    max_length: int | None = None
    group: str = "申请信息"


@dataclass(frozen=True, slots=True, kw_only=True)
class Material:
    name: str
    title: str
    required: bool = True
    condition: str = ""
    kinds: tuple[str, ...] = ("pdf", "jpg", "png")
    max_size_mb: int = 10
    max_files: int = 1
    copies: int = 1
    form: str = "电子件"
    sample: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    key: str
    name: str
    role: StepRole
    department: str
    days: float
    parallel_group: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Output:
    kind: OutputKind
    name: str
    courier: bool = False
    sample: str = ""
    template: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Fee:
    item: str
    amount: str
    basis: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    name: str
    address: str
    hours: str
    phone: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Faq:
    question: str
    answer: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Matter:
    key: str
    code: str
    name: str
    type: MatterType
    department: str
    applicant_kinds: tuple[ApplicantKind, ...]
    regions: tuple[str, ...]
    summary: str = ""
    town_level: bool = False
    themes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    materials: tuple[Material, ...] = ()
    steps: tuple[Step, ...] = ()
    legal_limit: int = 20
    promised_limit: int = 10
    limit_unit: str = "工作日"
    instant: bool = False
    trips: int = 0
    trip_reason: str = ""
    online_depth: int = 4
    free: bool = True
    fees: tuple[Fee, ...] = ()
    outputs: tuple[Output, ...] = ()
    delivery: tuple[Delivery, ...] = (Delivery.ONLINE,)
    places: tuple[Place, ...] = ()
    consult_phone: str = ""
    complaint_phone: str = ""
    legal_basis: tuple[str, ...] = ()
    faq: tuple[Faq, ...] = ()
    popularity: int = 0
    version: str = "1"

    @property
    def fully_online(self) -> bool:
        return self.online_depth == 4

    @property
    def is_bundle(self) -> bool:
        return False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, the form stored in the catalog and served by the API."""
        data = _plain(dataclasses.asdict(self))
        data["is_bundle"] = self.is_bundle
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class Bundle(Matter):
    """A matter made of other matters (一件事一次办): one form, one material set, sub-cases.

    `members` are the keys of the member matters; the catalog checks they exist.
    """

    members: tuple[str, ...] = ()

    @property
    def is_bundle(self) -> bool:
        return True


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def matter_from_dict(data: dict[str, Any]) -> Matter:
    """Rebuild a declaration from `Matter.to_dict()` output (catalog rows keep the dict)."""
    data = dict(data)
    is_bundle = data.pop("is_bundle", False)
    cls: type[Matter] = Bundle if is_bundle else Matter
    nested = {
        "fields": lambda f: Field(
            **{
                **f,
                "type": FieldType(f["type"]),
                "options": tuple(Option(**o) for o in f["options"]),
                "show_if": ShowIf(field=f["show_if"]["field"], values=tuple(f["show_if"]["values"]))
                if f["show_if"]
                else None,
            }
        ),
        "materials": lambda m: Material(**{**m, "kinds": tuple(m["kinds"])}),
        "steps": lambda s: Step(**{**s, "role": StepRole(s["role"])}),
        "outputs": lambda o: Output(**{**o, "kind": OutputKind(o["kind"])}),
        "fees": lambda f: Fee(**f),
        "places": lambda p: Place(**p),
        "faq": lambda q: Faq(**q),
    }
    for name, build in nested.items():
        data[name] = tuple(build(item) for item in data.get(name, ()))
    data["type"] = MatterType(data["type"])
    data["applicant_kinds"] = tuple(ApplicantKind(k) for k in data["applicant_kinds"])
    data["delivery"] = tuple(Delivery(d) for d in data["delivery"])
    for name in ("regions", "themes", "keywords", "conditions", "legal_basis", "members"):
        if name in data:
            data[name] = tuple(data[name])
    return cls(**data)


__all__ = [
    "ApplicantKind",
    "Bundle",
    "Delivery",
    "Faq",
    "Fee",
    "Field",
    "FieldType",
    "Material",
    "Matter",
    "MatterType",
    "Option",
    "Output",
    "OutputKind",
    "Place",
    "ShowIf",
    "Step",
    "StepRole",
    "matter_from_dict",
]

