"""A large, realistic-looking catalog for demos and benchmarks (`kuaiban demo --catalog-size N`).

Real implementation lists reach 110,000+ entries because every matter is listed once per body
and region that implements it. The generator composes valid matter declarations from the kinds of
names such lists hold (object × action × procedure) and implements each in every district, and
the town-level ones in every town, until the entry count reaches the size asked for.
"""

from __future__ import annotations

import itertools

from plugins.declarations import ApplicantKind, Material, Matter, MatterType, Output, OutputKind, Step, StepRole
from plugins.geography import ALL_DISTRICTS

# (object, department, applicant kinds, town level)
OBJECTS = [
    ("食品经营许可", "market", "c", False), ("食品生产许可", "market", "c", False),
    ("药品零售企业许可", "market", "c", False), ("医疗器械经营备案", "market", "c", False),
    ("特种设备使用登记", "market", "c", False), ("计量器具型式批准", "market", "c", False),
    ("户外广告设施设置许可", "housing", "c", False), ("城市建筑垃圾处置核准", "housing", "c", False),
    ("占用挖掘城市道路许可", "housing", "c", False), ("建设工程规划许可", "housing", "c", False),
    ("商品房预售许可", "housing", "c", False), ("建筑业企业资质", "housing", "c", False),
    ("房屋建筑工程竣工验收备案", "housing", "c", False), ("公共租赁住房申请", "housing", "p", True),
    ("道路运输经营许可", "transport", "c", False), ("道路运输从业人员资格", "transport", "p", False),
    ("出租汽车驾驶员从业资格", "transport", "p", False), ("机动车维修经营备案", "transport", "c", False),
    ("公路超限运输许可", "transport", "c", False), ("涉路施工许可", "transport", "c", False),
    ("人力资源服务许可", "hrss", "c", False), ("劳务派遣经营许可", "hrss", "c", False),
    ("职业技能等级认定", "hrss", "p", False), ("失业保险金申领", "hrss", "p", True),
    ("城乡居民养老保险参保登记", "hrss", "p", True), ("就业创业证申领", "hrss", "p", True),
    ("灵活就业人员参保登记", "hrss", "p", True), ("工伤认定申请", "hrss", "p", False),
    ("医疗机构执业登记", "health", "c", False), ("医师执业注册", "health", "p", False),
    ("护士执业注册", "health", "p", False), ("公共场所卫生许可", "health", "c", False),
    ("母婴保健技术服务许可", "health", "c", False), ("出生医学证明办理", "health", "p", True),
    ("婚姻登记", "civil_affairs", "p", False), ("社会团体登记", "civil_affairs", "c", False),
    ("民办非企业单位登记", "civil_affairs", "c", False), ("最低生活保障审批", "civil_affairs", "p", True),
    ("临时救助审批", "civil_affairs", "p", True), ("养老机构备案", "civil_affairs", "c", False),
    ("残疾人两项补贴申请", "civil_affairs", "p", True), ("高龄津贴申领", "civil_affairs", "p", True),
    ("医保参保登记", "medical_insurance", "p", True), ("异地就医备案", "medical_insurance", "p", True),
    ("门诊特殊疾病待遇认定", "medical_insurance", "p", True), ("生育保险待遇申领", "medical_insurance", "p", True),
    ("居民身份证申领", "public_security", "p", True), ("临时身份证明开具", "public_security", "p", True),
    ("户籍证明开具", "public_security", "p", True), ("机动车登记", "public_security", "p", False),
    ("驾驶证换证", "public_security", "p", False), ("犬只登记", "public_security", "p", True),
    ("旅馆业特种行业许可", "public_security", "c", False), ("大型群众性活动安全许可", "public_security", "c", False),
    ("公众聚集场所投入使用营业前消防安全检查", "fire", "c", False), ("建设工程消防验收", "fire", "c", False),
    ("人防工程竣工验收备案", "civil_air_defence", "c", False), ("防空地下室易地建设审批", "civil_air_defence", "c", False),
    ("纳税人登记信息变更", "tax", "c", False), ("增值税专用发票增版增量", "tax", "c", False),
    ("个人所得税综合所得汇算", "tax", "p", False), ("车辆购置税申报", "tax", "p", False),
    ("契税申报", "tax", "p", False), ("房产税减免", "tax", "c", False),
    ("住房公积金缴存登记", "housing_fund", "c", False), ("住房公积金贷款申请", "housing_fund", "p", False),
    ("住房公积金异地转移接续", "housing_fund", "p", False), ("住房公积金缴存基数调整", "housing_fund", "c", False),
]
ACTIONS = ("新办", "变更", "延续", "注销", "补办", "查询")
PROCEDURES = ("", "（告知承诺制）", "（一般程序）", "（简易程序）", "（容缺受理）", "（跨区域通办）")


def _matter(index: int, name: str, department: str, kinds: str, town_level: bool) -> Matter:
    online = 4 if index % 3 else 3
    trips = 0 if online == 4 else 1
    applicant = (ApplicantKind.COMPANY,) if kinds == "c" else (ApplicantKind.PERSON,)
    return Matter(
        key=f"gen-{index:05d}",
        code=f"11500000MB{index:07d}-GEN-00",
        name=name,
        type=MatterType.LICENSING if kinds == "c" else MatterType.PUBLIC_SERVICE,
        department=department,
        applicant_kinds=applicant,
        regions=ALL_DISTRICTS,
        town_level=town_level,
        summary=f"{name}，由实施机关依申请办理。",
        conditions=("申请人符合法律法规规定的条件", "申请材料齐全、符合法定形式"),
        materials=(Material(name="application", title="申请表", sample="申请表样表（签字或盖章）"),),
        steps=(
            Step(key="accept", name="受理", role=StepRole.ACCEPT, department=department, days=1),
            Step(key="review", name="审核", role=StepRole.REVIEW, department=department, days=2),
            Step(key="complete", name="办结", role=StepRole.COMPLETE, department=department, days=1),
        ),
        legal_limit=20,
        promised_limit=5,
        trips=trips,
        trip_reason="" if trips == 0 else "现场核验原件",
        online_depth=online,
        outputs=(Output(kind=OutputKind.DECISION, name=f"{name}办理结果", sample="办理结果通知书样本"),),
        popularity=max(1, 5000 - index),
    )


def generate(entries_wanted: int) -> list[Matter]:
    """Matters whose implementations add up to at least `entries_wanted` entries."""
    from app.catalog.sync import entry_regions

    matters: list[Matter] = []
    total = 0
    combos = itertools.product(PROCEDURES, ACTIONS, OBJECTS)
    for index, (procedure, action, (obj, department, kinds, town_level)) in enumerate(combos, start=1):
        if total >= entries_wanted:
            break
        matter = _matter(index, f"{obj}{action}{procedure}", department, kinds, town_level)
        matters.append(matter)
        total += len(entry_regions(matter))
    if total < entries_wanted:
        raise ValueError(f"the generator can make at most {total} entries")
    return matters
