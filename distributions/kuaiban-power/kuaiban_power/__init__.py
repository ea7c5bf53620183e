"""快办插件：国网重庆市电力公司 低压小微企业用电新装 / 增容。

Two public-service matters of the power utility (department code ``power``), published on the
platform as fully online (网办深度四级, 一次都不用跑) and free of charge (低压小微企业办电"三零"服务:
零上门、零审批、零投资). Besides the declarations, the plugin checks that the requested capacity
stays within the low-voltage limit (160 kW) and prefills the contact phone.

Only the public plugin contract is imported: ``from plugins import ...``.
"""

from __future__ import annotations

from plugins import (
    ALL_DISTRICTS,
    ApplicantKind,
    Delivery,
    Faq,
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
    hookimpl,
)

__version__ = "1.0.0"

DEPARTMENT = "power"
NEW_KEY = "power-low-voltage-new"
INCREASE_KEY = "power-capacity-increase"
POWER_KEYS = frozenset({NEW_KEY, INCREASE_KEY})

#: 低压小微企业用电报装容量上限（千瓦）；超过的应按高压用电申请。
LOW_VOLTAGE_MAX_KW = 160.0
CAPACITY_FIELD = "capacity_kw"
PHONE_FIELD = "contact_phone"
CAPACITY_MESSAGE = "低压小微企业用电容量不超过160千瓦，超过请申请高压用电"

# --------------------------------------------------------------------------------------------
# Shared guide content
# --------------------------------------------------------------------------------------------

LEGAL_BASIS = (
    "《电力供应与使用条例》（1996年国务院令第196号发布，2019年3月2日国务院令第709号修订）第二十二条、第二十三条",
    "《供电营业规则》（国家发展和改革委员会令2024年第14号）关于新装、增容用电的规定",
    "国家发展改革委 国家能源局《关于全面提升“获得电力”服务水平 持续优化用电营商环境的意见》"
    "（发改能源规〔2020〕1479号）",
)

PLACES = (
    Place(
        name="国网重庆市电力公司市区供电分公司营业厅",
        address="重庆市渝中区中山三路（具体营业网点以“网上国网”App“营业厅查询”公布为准）",
        hours="周一至周日 9:00-12:00，13:30-17:30（法定节假日另行公告）；95598热线24小时受理",
        phone="95598",
    ),
    Place(
        name="各区县供电公司营业厅",
        address="各区县城区供电营业厅（可通过“网上国网”App或95598查询就近网点）",
        hours="周一至周五 9:00-12:00，13:30-17:30；线上渠道24小时受理",
        phone="95598",
    ),
)

ROLE_OPTIONS = (
    Option(value="legal_rep", label="法定代表人（负责人、经营者）本人办理"),
    Option(value="agent", label="委托代理人办理"),
)

USAGE_OPTIONS = (
    Option(value="commercial", label="一般工商业用电"),
    Option(value="agriculture", label="农业生产用电"),
    Option(value="charging", label="电动汽车充换电设施用电"),
)

PHASE_OPTIONS = (
    Option(value="single", label="220伏单相"),
    Option(value="three", label="380伏三相"),
)


def _applicant_fields() -> tuple[Field, ...]:
    return (
        Field(
            name="applicant_name",
            label="用电户名（企业或个体工商户名称）",
            help="与营业执照上的名称一致，将作为电费账户户名",
            example="重庆山城小面餐饮有限公司",
            max_length=100,
            group="申请人信息",
        ),
        Field(
            name="credit_code",
            label="统一社会信用代码",
            type=FieldType.CREDIT_CODE,
            help="18位统一社会信用代码，系统将据此调取电子营业执照",
            example="91500103MA5U000000",
            group="申请人信息",
        ),
        Field(
            name="applicant_role",
            label="办理人身份",
            type=FieldType.RADIO,
            options=ROLE_OPTIONS,
            group="申请人信息",
        ),
        Field(
            name="agent_name",
            label="委托代理人姓名",
            show_if=ShowIf(field="applicant_role", values=("agent",)),
            max_length=30,
            group="申请人信息",
        ),
        Field(
            name="agent_id_number",
            label="委托代理人身份证号码",
            type=FieldType.RESIDENT_ID,
            show_if=ShowIf(field="applicant_role", values=("agent",)),
            group="申请人信息",
        ),
        Field(
            name="contact_name",
            label="联系人",
            example="张晓渝",
            max_length=30,
            group="联系方式",
        ),
        Field(
            name=PHONE_FIELD,
            label="联系电话",
            type=FieldType.PHONE,
            help="用于接收受理、勘查预约和接电完成短信，请保持畅通",
            example="13800000000",
            group="联系方式",
        ),
    )


def _site_fields(capacity_label: str, capacity_help: str) -> tuple[Field, ...]:
    return (
        Field(
            name="site_address",
            label="用电地址",
            type=FieldType.ADDRESS,
            help="精确到门牌号，须与物业权属证明或租赁合同上的地址一致",
            example="重庆市渝中区解放碑街道民族路××号1-2",
            group="用电信息",
        ),
        Field(
            name="usage_category",
            label="用电类别",
            type=FieldType.SELECT,
            options=USAGE_OPTIONS,
            help="按主要用电性质选择，决定适用的电价",
            group="用电信息",
        ),
        Field(
            name="supply_phase",
            label="供电电压",
            type=FieldType.RADIO,
            options=PHASE_OPTIONS,
            help="容量较大或有三相动力设备（如空调机组、电梯、厨房设备）的请选380伏三相",
            group="用电信息",
        ),
        Field(
            name=CAPACITY_FIELD,
            label=capacity_label,
            type=FieldType.NUMBER,
            help=capacity_help,
            example="60",
            group="用电信息",
        ),
        Field(
            name="expected_power_on_date",
            label="期望接电日期",
            type=FieldType.DATE,
            help="供电公司将尽量按期望日期装表接电，最迟不超过承诺时限",
            group="用电信息",
        ),
    )


def _common_materials() -> tuple[Material, ...]:
    return (
        Material(
            name="business_licence",
            title="营业执照",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=5,
            copies=1,
            form="电子证照",
            note="已通过统一社会信用代码关联电子营业执照的，系统自动调取，无需上传",
        ),
        Material(
            name="property_proof",
            title="用电地址物业权属证明",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=10,
            max_files=5,
            copies=1,
            sample="不动产权证书、房屋所有权证、购房合同，或房屋租赁合同（附出租方产权证明）任选其一",
            note="已在不动产登记电子证照库中的，可授权共享免于上传",
        ),
        Material(
            name="legal_rep_id",
            title="法定代表人（负责人、经营者）身份证明",
            kinds=("jpg", "png", "pdf"),
            max_size_mb=5,
            max_files=2,
            copies=1,
            note="居民身份证正反面；已实名认证登录并经人脸识别的可免于上传",
        ),
        Material(
            name="authorization",
            title="授权委托书及委托代理人身份证明",
            required=False,
            condition="委托代理人办理的",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=5,
            max_files=3,
            copies=1,
            sample="授权委托书须载明委托事项、权限和期限，由委托人签字或加盖公章",
        ),
    )


def _steps(survey_name: str, survey_text: str, finish_name: str, finish_text: str) -> tuple[Step, ...]:
    return (
        Step(
            key="accept",
            name="受理签约",
            role=StepRole.ACCEPT,
            department=DEPARTMENT,
            days=0.5,
            description="线上受理申请，核验电子证照和材料；供用电合同通过电子签章在线签订",
        ),
        Step(
            key="survey",
            name=survey_name,
            role=StepRole.REVIEW,
            department=DEPARTMENT,
            days=1,
            description=survey_text,
        ),
        Step(
            key="connect",
            name=finish_name,
            role=StepRole.COMPLETE,
            department=DEPARTMENT,
            days=3,
            description=finish_text,
        ),
    )


# --------------------------------------------------------------------------------------------
# The two matters
# --------------------------------------------------------------------------------------------

def _new_connection() -> Matter:
    return Matter(
        key=NEW_KEY,
        code="GWCQ-DYXW-XZ-001",
        name="低压小微企业用电新装",
        type=MatterType.PUBLIC_SERVICE,
        department=DEPARTMENT,
        applicant_kinds=(ApplicantKind.COMPANY, ApplicantKind.PERSON),
        regions=ALL_DISTRICTS,
        summary=(
            "小微企业、个体工商户等非居民用户首次申请低压（220/380伏）用电，报装容量160千瓦及以下。"
            "全程网上办理，实行“零上门、零审批、零投资”，一次都不用跑，5个工作日内装表接电。"
        ),
        themes=("用水用电",),
        keywords=("办电", "用电报装", "新装", "低压", "小微企业", "电力", "三零服务", "获得电力", "接电"),
        conditions=(
            "用电地址位于国网重庆市电力公司供电营业区内",
            "申请人为依法登记的小微企业、个体工商户等非居民用户",
            "报装容量160千瓦及以下，具备低压（220/380伏）接入条件",
            "用电地址具有合法的物业权属或使用权证明",
            "用电地址不存在未结清的电费或违约用电行为",
        ),
        fields=_applicant_fields()
        + _site_fields(
            "报装容量（千瓦）",
            "所有用电设备额定功率之和，单位千瓦；低压小微企业报装容量不超过160千瓦",
        ),
        materials=_common_materials(),
        steps=_steps(
            "现场勘查",
            "客户经理预约上门勘查，确定电源点、计量方式和表箱位置，当场答复供电方案（客户无需到场配合的可远程确认）",
            "装表接电",
            "供电企业投资建设表箱（含）以上的接入工程，安装智能电能表并送电，短信通知客户",
        ),
        legal_limit=15,
        promised_limit=5,
        limit_unit="工作日",
        instant=False,
        trips=0,
        online_depth=4,
        free=True,
        outputs=(
            Output(
                kind=OutputKind.DECISION,
                name="供电方案答复单",
                sample=(
                    "供电方案答复单\n"
                    "户名：重庆山城小面餐饮有限公司\n"
                    "用电地址：重庆市渝中区解放碑街道民族路××号1-2\n"
                    "报装容量：60千瓦    用电类别：一般工商业用电\n"
                    "供电方式：380伏三相四线低压供电，电源取自××公用配电变压器××低压出线\n"
                    "计量方式：低压直接计量，安装三相智能电能表1只\n"
                    "投资界面：表箱（含）及以上接入工程由供电企业投资建设，表后线路由客户负责\n"
                    "答复日期：××××年××月××日\n"
                    "国网重庆市电力公司××供电分公司"
                ),
            ),
            Output(
                kind=OutputKind.DECISION,
                name="装表接电完成通知",
                sample=(
                    "【国网重庆电力】尊敬的客户：您申请的低压用电新装（户号50××××××××）"
                    "已于××××年××月××日完成装表接电，电能表资产号××××。可通过“网上国网”App"
                    "查询电量电费，服务热线95598。"
                ),
            ),
        ),
        delivery=(Delivery.ONLINE,),
        places=PLACES,
        consult_phone="95598",
        complaint_phone="12345",
        legal_basis=LEGAL_BASIS,
        faq=(
            Faq(
                question="低压小微企业办电需要交费吗？",
                answer="不需要。160千瓦及以下低压小微企业用电报装实行“零投资”，表箱（含）及以上的接入"
                "工程由供电企业投资建设，不收取任何费用；表后线路和用电设备由客户自行负责。",
            ),
            Faq(
                question="需要到营业厅或现场配合吗？",
                answer="不需要。申请、签约、缴费均在线完成，电子证照自动调取；现场勘查和装表由客户经理"
                "预约上门，客户无需到营业厅，全程一次都不用跑。",
            ),
            Faq(
                question="报装容量超过160千瓦怎么办？",
                answer="超过160千瓦的应按高压用电报装办理，可在“网上国网”App或拨打95598申请，"
                "客户经理将提供一对一服务。",
            ),
        ),
        popularity=860,
        version="1",
    )


INCREASE_REASON_OPTIONS = (
    Option(value="expansion", label="扩大经营规模、新增用电设备"),
    Option(value="charging", label="新增电动汽车充电设施"),
    Option(value="phase", label="单相改三相"),
    Option(value="other", label="其他原因"),
)


def _capacity_increase() -> Matter:
    fields = _applicant_fields() + (
        Field(
            name="account_number",
            label="用电户号",
            help="电费通知单或“网上国网”App上显示的10位户号",
            example="5012345678",
            max_length=20,
            group="用电信息",
        ),
        Field(
            name="current_capacity_kw",
            label="原合同容量（千瓦）",
            type=FieldType.NUMBER,
            example="30",
            group="用电信息",
        ),
        Field(
            name="increase_reason",
            label="增容原因",
            type=FieldType.SELECT,
            options=INCREASE_REASON_OPTIONS,
            group="用电信息",
        ),
        Field(
            name="increase_reason_detail",
            label="其他增容原因说明",
            type=FieldType.TEXTAREA,
            required=True,
            show_if=ShowIf(field="increase_reason", values=("other",)),
            max_length=200,
            group="用电信息",
        ),
    ) + _site_fields(
        "增容后总容量（千瓦）",
        "增容后全部用电设备额定功率之和；低压增容后总容量不超过160千瓦",
    )
    materials = _common_materials() + (
        Material(
            name="equipment_list",
            title="新增用电设备清单",
            required=False,
            condition="新增三相动力设备或充电设施的",
            kinds=("pdf", "jpg", "png", "xlsx"),
            max_size_mb=5,
            copies=1,
            sample="设备名称、台数、单台额定功率（千瓦）、电压等级",
        ),
    )
    return Matter(
        key=INCREASE_KEY,
        code="GWCQ-DYXW-ZR-002",
        name="低压小微企业用电增容",
        type=MatterType.PUBLIC_SERVICE,
        department=DEPARTMENT,
        applicant_kinds=(ApplicantKind.COMPANY, ApplicantKind.PERSON),
        regions=ALL_DISTRICTS,
        summary=(
            "已用电的小微企业、个体工商户等低压非居民用户申请增加用电容量，增容后总容量160千瓦及以下。"
            "全程网上办理，零上门、零审批、零投资，5个工作日内完成换表接电。"
        ),
        themes=("用水用电",),
        keywords=("办电", "用电报装", "增容", "扩容", "低压", "小微企业", "电力", "三零服务", "获得电力"),
        conditions=(
            "用电地址位于国网重庆市电力公司供电营业区内，且已开立低压非居民用电户",
            "申请人为用电户的户主（企业、个体工商户）或其委托代理人",
            "增容后总容量160千瓦及以下，具备低压（220/380伏）接入条件",
            "用电户无欠缴电费、无违约用电或窃电未处理完毕的情形",
        ),
        fields=fields,
        materials=materials,
        steps=_steps(
            "现场勘查及方案答复",
            "客户经理预约上门核实原有计量装置和线路，确定增容接入方案并在线答复",
            "换表接电",
            "供电企业完成表箱（含）以上线路和计量装置改造，更换电能表并恢复送电，短信通知客户",
        ),
        legal_limit=15,
        promised_limit=5,
        limit_unit="工作日",
        instant=False,
        trips=0,
        online_depth=4,
        free=True,
        outputs=(
            Output(
                kind=OutputKind.DECISION,
                name="供电方案答复单（增容）",
                sample=(
                    "供电方案答复单（增容）\n"
                    "户名：重庆山城小面餐饮有限公司    户号：50××××××××\n"
                    "用电地址：重庆市南岸区南坪街道××路××号\n"
                    "原合同容量：30千瓦    增容后总容量：80千瓦\n"
                    "供电方式：由220伏单相改为380伏三相四线低压供电\n"
                    "计量方式：更换为三相智能电能表1只\n"
                    "投资界面：表箱（含）及以上改造由供电企业投资，表后线路由客户负责\n"
                    "答复日期：××××年××月××日\n"
                    "国网重庆市电力公司××供电分公司"
                ),
            ),
            Output(
                kind=OutputKind.DECISION,
                name="装表接电完成通知",
                sample=(
                    "【国网重庆电力】尊敬的客户：您的户号50××××××××增容申请已于××××年××月××日"
                    "完成换表接电，合同容量变更为80千瓦，自下一抄表周期起按新容量计费。服务热线95598。"
                ),
            ),
        ),
        delivery=(Delivery.ONLINE,),
        places=PLACES,
        consult_phone="95598",
        complaint_phone="12345",
        legal_basis=LEGAL_BASIS,
        faq=(
            Faq(
                question="增容要收取费用吗？",
                answer="160千瓦及以下的低压增容不收取任何费用，表箱（含）及以上的线路和计量装置改造由"
                "供电企业投资；客户内部线路需要改造的，由客户自行委托具备资质的电工施工。",
            ),
            Faq(
                question="增容期间会停电吗？",
                answer="换表接电时需短时停电，一般不超过1小时。客户经理会提前与您预约时间，"
                "尽量避开营业高峰。",
            ),
            Faq(
                question="增容后电价会变化吗？",
                answer="用电类别不变的，电价标准不变，电费按实际用电量计算；如用电性质发生变化，"
                "请在申请时选择相应的用电类别。",
            ),
        ),
        popularity=420,
        version="1",
    )


# --------------------------------------------------------------------------------------------
# Hooks
# --------------------------------------------------------------------------------------------

@hookimpl
def register_matters() -> list[Matter]:
    return [_new_connection(), _capacity_increase()]


@hookimpl
def validate_application(matter: Matter, answers: dict[str, str]) -> list[tuple[str, str]]:
    if matter.key not in POWER_KEYS:
        return []
    raw = str(answers.get(CAPACITY_FIELD, "") or "").strip()
    try:
        capacity = float(raw)
    except ValueError:
        return []  # empty or malformed numbers are the declared field rules' business
    if capacity > LOW_VOLTAGE_MAX_KW:
        return [(CAPACITY_FIELD, CAPACITY_MESSAGE)]
    return []


@hookimpl
def prefill_application(matter: Matter, applicant: dict[str, str]) -> dict[str, str]:
    if matter.key not in POWER_KEYS:
        return {}
    phone = (applicant.get("phone") or "").strip()
    return {PHONE_FIELD: phone} if phone else {}
