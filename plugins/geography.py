"""Chongqing's regions and the departments that implement matters.

Pure data so a matter can name its regions and department and be linted without a database.
District and county codes are the 6-digit administrative division codes (GB/T 2260); town and
street codes follow the 9-digit statistical form (district code + 3 digits).
"""

from __future__ import annotations

from dataclasses import dataclass

CITY_CODE = "500000"


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    level: str  # city | district | town
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name: str
    consult_phone: str = "023-12345"


_DISTRICTS = """
500101 万州区
500102 涪陵区
500103 渝中区
500104 大渡口区
500105 江北区
500106 沙坪坝区
500107 九龙坡区
500108 南岸区
500109 北碚区
500110 綦江区
500111 大足区
500112 渝北区
500113 巴南区
500114 黔江区
500115 长寿区
500116 江津区
500117 合川区
500118 永川区
500119 南川区
500120 璧山区
500151 铜梁区
500152 潼南区
500153 荣昌区
500154 开州区
500155 梁平区
500156 武隆区
500229 城口县
500230 丰都县
500231 垫江县
500233 忠县
500235 云阳县
500236 奉节县
500237 巫山县
500238 巫溪县
500240 石柱土家族自治县
500241 秀山土家族苗族自治县
500242 酉阳土家族苗族自治县
500243 彭水苗族土家族自治县
"""

# Towns and streets of three districts, with their 9-digit statistical codes (统计用区划代码).
_TOWNS = {
    "500103": (  # 渝中区
        "500103001 七星岗街道, 500103003 解放碑街道, 500103004 两路口街道, 500103005 上清寺街道, "
        "500103007 菜园坝街道, 500103008 南纪门街道, 500103010 朝天门街道, 500103011 大溪沟街道, "
        "500103012 大坪街道, 500103013 化龙桥街道, 500103014 石油路街道"
    ),
    "500106": (  # 沙坪坝区
        "500106001 小龙坎街道, 500106002 沙坪坝街道, 500106003 渝碚路街道, 500106004 磁器口街道, "
        "500106005 童家桥街道, 500106006 石井坡街道, 500106007 双碑街道, 500106008 井口街道, "
        "500106009 歌乐山街道, 500106010 山洞街道, 500106011 新桥街道, 500106012 天星桥街道, "
        "500106013 土湾街道, 500106014 覃家岗街道, 500106015 陈家桥街道, 500106016 虎溪街道, "
        "500106017 西永街道, 500106018 联芳街道, 500106019 丰文街道, 500106020 香炉山街道, "
        "500106021 土主街道, 500106104 青木关镇, 500106105 凤凰镇, 500106106 回龙坝镇, "
        "500106108 曾家镇, 500106112 中梁镇"
    ),
    "500108": (  # 南岸区
        "500108001 铜元局街道, 500108002 花园路街道, 500108003 南坪街道, 500108004 海棠溪街道, "
        "500108005 龙门浩街道, 500108006 弹子石街道, 500108007 南山街道, 500108008 天文街道, "
        "500108101 南坪镇, 500108102 涂山镇, 500108103 鸡冠石镇, 500108105 峡口镇, "
        "500108106 长生桥镇, 500108107 迎龙镇, 500108108 广阳镇"
    ),
}


def _build_regions() -> dict[str, Region]:
    regions = {CITY_CODE: Region(CITY_CODE, "重庆市", "city")}
    for line in _DISTRICTS.strip().splitlines():
        code, name = line.split()
        regions[code] = Region(code, name, "district", CITY_CODE)
    for district, towns in _TOWNS.items():
        for item in towns.split(", "):
            code, name = item.split()
            regions[code] = Region(code, name, "town", district)
    return regions


REGIONS: dict[str, Region] = _build_regions()
DISTRICT_CODES: tuple[str, ...] = tuple(c for c, r in REGIONS.items() if r.level == "district")
ALL_DISTRICTS = DISTRICT_CODES
CITY = (CITY_CODE,)


def towns_of(district: str) -> tuple[Region, ...]:
    return tuple(r for r in REGIONS.values() if r.parent == district and r.level == "town")


DEPARTMENTS: dict[str, Department] = {
    d.code: d
    for d in (
        Department("market", "市场监督管理局", "023-12315"),
        Department("housing", "住房和城乡建设委员会"),
        Department("public_security", "公安局", "023-110"),
        Department("tax", "税务局", "023-12366"),
        Department("transport", "交通运输委员会"),
        Department("hrss", "人力资源和社会保障局", "023-12333"),
        Department("fire", "消防救援支队", "023-96119"),
        Department("civil_air_defence", "人民防空办公室"),
        Department("housing_fund", "住房公积金管理中心", "023-12329"),
        Department("health", "卫生健康委员会", "023-12320"),
        Department("civil_affairs", "民政局"),
        Department("medical_insurance", "医疗保障局"),
        Department("bank", "中国人民银行重庆市分行"),
        Department("public_service", "人民政府办公厅（政务服务管理办公室）"),
        Department("power", "国网重庆市电力公司", "95598"),
    )
}


def implementing_body(region_code: str, department_code: str) -> str:
    """The name of the body that implements a matter in a region, as a guide prints it."""
    region = REGIONS[region_code]
    department = DEPARTMENTS[department_code]
    if region.level == "town":
        return f"{REGIONS[region.parent].name}{region.name}便民服务中心"
    if department_code in {"power", "bank"}:
        return department.name if region.level == "city" else f"{department.name}{region.name}服务点"
    return f"{region.name}{department.name}"
