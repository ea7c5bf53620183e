"""Default numbers for issued results: the shapes a Chongqing office prints."""

from __future__ import annotations

import datetime

from plugins.declarations import Matter, Output, OutputKind
from plugins.geography import REGIONS
from plugins.hookspecs import hookimpl


@hookimpl(trylast=True)
def licence_number(matter: Matter, output: Output, region_code: str, issued_on: datetime.date, sequence: int) -> str:
    region = region_code[:6]
    if output.kind == OutputKind.SEAL:
        return f"{region}{sequence:07d}"  # 印章编码: 13 digits, region then sequence
    if output.kind == OutputKind.DECISION:
        place = REGIONS[region].name if region in REGIONS else "重庆市"
        return f"{place}决字〔{issued_on.year}〕第{sequence}号"
    return f"{region}{issued_on.year}{sequence:07d}"
