"""The plugin contract: everything a matter plugin needs, and nothing from the web or database.

    from plugins import hookimpl, Matter, Field, Material, Step, Output

"""

from plugins.declarations import (
    ApplicantKind,
    Bundle,
    Delivery,
    Faq,
    Fee,
    Field,
    FieldType,
    Material,
    Matter,
    MatterType,
    Option,
    Output,
    OutputKind,
    Place,
    ShowIf,
    Step,
    StepRole,
)
from plugins.geography import ALL_DISTRICTS, CITY, CITY_CODE, DEPARTMENTS, REGIONS
from plugins.hookspecs import CourierProvider, SmsSender, WorkingCalendar, hookimpl

__all__ = [
    "ALL_DISTRICTS",
    "ApplicantKind",
    "Bundle",
    "CITY",
    "CITY_CODE",
    "CourierProvider",
    "DEPARTMENTS",
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
    "REGIONS",
    "ShowIf",
    "SmsSender",
    "Step",
    "StepRole",
    "WorkingCalendar",
    "hookimpl",
]
