"""Opening a company (企业开办“一件事”): the bundle and its five member matters.

The members are market regulation (registration), public security (seal carving), tax (invoices
and tax device), human resources and social security (staff insurance) and the bank account
appointment. Each member is a complete matter that can also be applied for on its own; the bundle
takes one form and one material set and fans out into member cases, all inside one working day.
"""

from __future__ import annotations

from plugins import (
    ALL_DISTRICTS,
    ApplicantKind,
    Bundle,
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
    ShowIf,
    Step,
    StepRole,
)

from matters._common import (
    COMPLAINT_PHONE,
    agent_fields,
    authorisation_material,
    company_fields,
    delivery_address_field,
    district_places,
    id_card_material,
)

MARKET_LAW = (
    "《中华人民共和国公司法》",
    "《中华人民共和国市场主体登记管理条例》",
    "《中华人民共和国市场主体登记管理条例实施细则》",
)

COMPANY_TYPES = (
    Option(value="llc_single", label="有限责任公司（自然人独资）"),
    Option(value="llc", label="有限责任公司（自然人投资或控股）"),
    Option(value="llc_corporate", label="有限责任公司（法人独资）"),
    Option(value="joint_stock", label="股份有限公司（非上市）"),
    Option(value="sole", label="个人独资企业"),
    Option(value="partnership", label="普通合伙企业"),
)

SEAL_KINDS = (
    Option(value="official", label="公章（单位印章）"),
    Option(value="finance", label="财务专用章"),
    Option(value="invoice", label="发票专用章"),
    Option(value="contract", label="合同专用章"),
    Option(value="legal_rep", label="法定代表人名章"),
)

BANKS = (
    Option(value="icbc", label="中国工商银行"),
    Option(value="abc", label="中国农业银行"),
    Option(value="boc", label="中国银行"),
    Option(value="ccb", label="中国建设银行"),
    Option(value="bocom", label="交通银行"),
    Option(value="psbc", label="中国邮政储蓄银行"),
    Option(value="cqrcb", label="重庆农村商业银行"),
    Option(value="cqbank", label="重庆银行"),
    Option(value="cqsxb", label="重庆三峡银行"),
)

INVOICE_KINDS = (
    Option(value="digital_general", label="数电发票（普通发票）"),
    Option(value="digital_special", label="数电发票（增值税专用发票）"),
    Option(value="paper_general", label="纸质增值税普通发票"),
    Option(value="paper_special", label="纸质增值税专用发票"),
)

TAXPAYER_KINDS = (
    Option(value="small", label="小规模纳税人"),
    Option(value="general", label="一般纳税人"),
)

MAX_INVOICE_AMOUNTS = (
    Option(value="10k", label="单张最高开票限额1万元"),
    Option(value="100k", label="单张最高开票限额10万元"),
)


def _company_basics(group: str = "企业基本信息") -> tuple[Field, ...]:
    """The registration part of the form, shared by the bundle and the registration matter."""
    return (
        Field(
            name="company_name",
            label="企业名称",
            help="按“行政区划+字号+行业+组织形式”自主申报，系统将即时进行名称查重和禁限用字检查",
            example="重庆渝快科技有限公司",
            max_length=100,
            group=group,
        ),
        Field(
            name="company_type",
            label="企业类型",
            type=FieldType.SELECT,
            options=COMPANY_TYPES,
            group=group,
        ),
        Field(
            name="registered_capital",
            label="注册资本（万元）",
            type=FieldType.MONEY,
            help="有限责任公司全体股东认缴的出资额应当自公司成立之日起五年内缴足",
            example="100",
            group=group,
        ),
        Field(
            name="registered_address",
            label="住所（经营场所）",
            type=FieldType.ADDRESS,
            help="选择区县、乡镇（街道）后填写详细地址，精确到门牌号和房号",
            example="重庆市渝北区龙溪街道新溉大道101号5幢12-3",
            group=group,
        ),
        Field(
            name="premises_source",
            label="住所使用方式",
            type=FieldType.RADIO,
            options=(
                Option(value="owned", label="自有房产"),
                Option(value="leased", label="租赁"),
                Option(value="free", label="无偿使用"),
                Option(value="cluster", label="集群注册（园区托管地址）"),
            ),
            help="住所信息实行申报承诺制，无需提交房屋产权证明",
            group=group,
        ),
        Field(
            name="lease_term",
            label="租赁期限至",
            type=FieldType.DATE,
            show_if=ShowIf(field="premises_source", values=("leased",)),
            help="租赁合同约定的到期日",
            example="2027-12-31",
            group=group,
        ),
        Field(
            name="business_scope",
            label="经营范围",
            type=FieldType.TEXTAREA,
            help="请从经营范围规范表述目录中勾选，许可项目须取得相关许可后方可经营",
            example="一般项目：软件开发；信息技术咨询服务；计算机系统服务。许可项目：第二类增值电信业务。",
            max_length=2000,
            group=group,
        ),
    )


def _legal_rep_fields(group: str = "法定代表人信息") -> tuple[Field, ...]:
    return (
        Field(
            name="legal_rep_name",
            label="法定代表人姓名",
            help="由董事或者经理担任，按公司章程规定产生",
            example="张三",
            max_length=30,
            group=group,
        ),
        Field(
            name="legal_rep_id_number",
            label="法定代表人公民身份号码",
            type=FieldType.RESIDENT_ID,
            help="法定代表人须在提交后通过“渝快办”APP完成实名认证和电子签名",
            example="500103199001011234",
            group=group,
        ),
        Field(
            name="legal_rep_phone",
            label="法定代表人手机号码",
            type=FieldType.PHONE,
            example="13800000000",
            group=group,
        ),
        Field(
            name="legal_rep_position",
            label="法定代表人职务",
            type=FieldType.RADIO,
            options=(
                Option(value="chair", label="董事长"),
                Option(value="director", label="执行董事（董事）"),
                Option(value="manager", label="经理"),
            ),
            group=group,
        ),
    )


def _shareholder_field(group: str = "股东（出资人）信息") -> Field:
    return Field(
        name="shareholders",
        label="股东（发起人）及出资情况",
        type=FieldType.TEXTAREA,
        help="每行一位：姓名或名称、证件号码、认缴出资额（万元）、出资方式、出资期限；自然人股东须逐一完成实名认证",
        example="张三，500103199001011234，60，货币，2029-12-31\n李四，500106199205052345，40，货币，2029-12-31",
        max_length=4000,
        group=group,
    )


def _registration_materials() -> tuple[Material, ...]:
    return (
        Material(
            name="articles_of_association",
            title="公司章程",
            kinds=("pdf",),
            max_size_mb=10,
            form="电子件",
            sample="可选用系统提供的章程范本自动生成，由全体股东电子签名",
            note="使用范本的无需另行上传",
        ),
        Material(
            name="shareholder_ids",
            title="股东主体资格证明",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=5,
            max_files=10,
            sample="自然人股东为身份证件（实名认证后自动获取）；法人股东为加盖公章的营业执照复印件",
        ),
        Material(
            name="appointment_documents",
            title="法定代表人、董事、监事和经理的任职文件",
            kinds=("pdf",),
            max_size_mb=10,
            sample="股东会决议或股东决定，写明任职人员姓名和职务，由股东签名（盖章）；系统可按填报信息自动生成",
        ),
        Material(
            name="premises_commitment",
            title="住所（经营场所）申报承诺书",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=5,
            sample="承诺住所真实、合法、可用，由法定代表人电子签名；系统自动生成",
        ),
        Material(
            name="licensing_documents",
            title="前置审批文件或许可证件",
            required=False,
            condition="经营范围中含有法律、行政法规或者国务院决定规定在登记前须经批准的项目的",
            kinds=("pdf", "jpg"),
            max_size_mb=10,
            max_files=5,
            sample="有关部门的批准文件或许可证件，加盖公章",
        ),
    )


COMPANY_REGISTRATION = Matter(
    key="company-registration",
    code="11500000MB1A53962W-000-00-0101",
    name="企业设立登记",
    type=MatterType.REGISTRATION,
    department="market",
    applicant_kinds=(ApplicantKind.PERSON, ApplicantKind.COMPANY),
    regions=ALL_DISTRICTS,
    summary=(
        "申请人依法设立有限责任公司、股份有限公司、个人独资企业或合伙企业的，向住所所在地区县市场监督"
        "管理局申请设立登记。全程网上申报、电子签名、智能审批，材料齐全、符合法定形式的当场或当日"
        "核准，营业执照免费邮寄到家，同步生成电子营业执照。"
    ),
    themes=("开办企业",),
    keywords=("营业执照", "注册公司", "开公司", "公司注册", "企业登记", "设立公司", "办执照"),
    conditions=(
        "企业名称符合《企业名称登记管理规定》，不与同行业已登记的企业名称相同；",
        "有符合公司章程规定的全体股东认缴的出资额，有限责任公司股东出资自成立之日起五年内缴足；",
        "有公司住所，住所应当在登记机关辖区内且实际可用；",
        "股东、法定代表人和高级管理人员不存在《中华人民共和国公司法》第一百七十八条规定的不得担任的情形；",
        "经营范围中属于登记前须经批准的项目的，已取得批准文件；",
        "全体股东、法定代表人完成实名认证。",
    ),
    fields=(
        *_company_basics(),
        *_legal_rep_fields(),
        _shareholder_field(),
        Field(
            name="supervisor_name",
            label="监事姓名",
            required=False,
            help="设审计委员会或规模较小、经全体股东一致同意不设监事的可不填",
            example="王五",
            group="主要人员信息",
        ),
        Field(
            name="finance_officer_name",
            label="财务负责人姓名",
            example="赵六",
            group="主要人员信息",
        ),
        Field(
            name="finance_officer_phone",
            label="财务负责人手机号码",
            type=FieldType.PHONE,
            example="13700000000",
            group="主要人员信息",
        ),
        Field(
            name="licence_copies",
            label="申领纸质营业执照副本数量",
            type=FieldType.NUMBER,
            help="正本一份；副本默认一份，最多可申领五份",
            example="1",
            group="结果送达",
        ),
        delivery_address_field(),
    ),
    materials=(*_registration_materials(), id_card_material("法定代表人", "legal_rep_id_card")),
    steps=(
        Step(
            key="accept",
            name="网上受理",
            role=StepRole.ACCEPT,
            department="market",
            days=0.1,
            description="核对名称自主申报结果、实名认证和电子签名情况，材料齐全即时受理",
        ),
        Step(
            key="review",
            name="登记审查",
            role=StepRole.REVIEW,
            department="market",
            days=0.2,
            description="对申请材料进行形式审查；符合智能审批规则的由系统自动核准",
        ),
        Step(
            key="approve",
            name="核准登记",
            role=StepRole.APPROVE,
            department="market",
            days=0.1,
            description="作出准予设立登记决定，赋统一社会信用代码",
        ),
        Step(
            key="issue",
            name="发照并寄递",
            role=StepRole.COMPLETE,
            department="market",
            days=0.1,
            description="打印纸质营业执照、生成电子营业执照，交EMS免费寄递",
        ),
    ),
    legal_limit=3,
    promised_limit=1,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.LICENCE,
            name="营业执照（正本、副本）及电子营业执照",
            courier=True,
            sample="营业执照载明名称、统一社会信用代码、类型、法定代表人、经营范围、注册资本、成立日期、住所，"
            "右下角加盖登记机关印章，左下角二维码可扫码核验；电子营业执照与纸质执照具有同等法律效力",
        ),
    ),
    delivery=(Delivery.COURIER, Delivery.WINDOW, Delivery.ONLINE),
    places=district_places(),
    consult_phone="023-12315",
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        *MARKET_LAW,
        "《企业名称登记管理规定》",
        "《国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见》（国办发〔2020〕24号）",
    ),
    faq=(
        Faq(
            question="企业名称需要先单独申请核准吗？",
            answer="不需要。重庆已全面实行企业名称自主申报，在填写设立登记申请时同步完成名称查重和申报，无需另行办理名称预先核准。",
        ),
        Faq(
            question="注册资本需要实缴吗？",
            answer="有限责任公司实行认缴制，全体股东认缴的出资额应当按照公司章程的规定自公司成立之日起五年内缴足，设立登记时无需提交验资证明。",
        ),
        Faq(
            question="没有办公场所可以注册公司吗？",
            answer="住所实行申报承诺制，须有真实可用的住所。初创企业可以选择经认定的集群注册园区提供的托管地址登记。",
        ),
        Faq(
            question="营业执照多久能拿到？",
            answer="材料齐全、符合法定形式的，1个工作日内核准，纸质执照由EMS免费寄送，电子营业执照核准后即可在“电子营业执照”小程序下载。",
        ),
    ),
    popularity=2600,
    version="1",
)


SEAL_CARVING = Matter(
    key="seal-carving",
    code="11500000009278829B-000-00-0102",
    name="印章刻制",
    type=MatterType.FILING,
    department="public_security",
    applicant_kinds=(ApplicantKind.COMPANY,),
    regions=ALL_DISTRICTS,
    summary=(
        "新设立企业及已登记企业需刻制公章、财务专用章、发票专用章等印章的，通过渝快办选择具备资质的"
        "印章刻制企业在线下单，刻制信息自动推送公安机关备案。新开办企业首套印章由政府购买服务免费刻制，"
        "与营业执照一同免费寄递。"
    ),
    themes=("开办企业",),
    keywords=("刻章", "公章", "刻公章", "印章备案", "财务章", "发票专用章", "法人章"),
    conditions=(
        "已依法取得营业执照；",
        "由法定代表人或其授权的经办人申请；",
        "选择已在公安机关备案、具备印章治安管理信息系统接入条件的刻章企业；",
        "申请刻制的印章名称与营业执照登记名称一致。",
    ),
    fields=(
        *company_fields(),
        Field(
            name="seal_kinds",
            label="刻制印章种类",
            type=FieldType.CHECKBOX,
            options=SEAL_KINDS,
            help="新开办企业免费刻制公章、财务专用章、发票专用章、合同专用章和法定代表人名章各一枚",
        ),
        Field(
            name="seal_material",
            label="印章材质",
            type=FieldType.RADIO,
            options=(
                Option(value="photopolymer", label="光敏材质（免费）"),
                Option(value="copper", label="铜质（自费）"),
            ),
        ),
        Field(
            name="carver",
            label="刻章企业",
            type=FieldType.SELECT,
            options=(
                Option(value="nearest", label="系统就近分配（免费刻制合作企业）"),
                Option(value="self_chosen", label="自行选择备案刻章企业"),
            ),
        ),
        Field(
            name="carver_name",
            label="自选刻章企业名称",
            show_if=ShowIf(field="carver", values=("self_chosen",)),
            help="须为公安机关备案的印章刻制企业",
            example="重庆某某印章有限公司",
        ),
        Field(
            name="legal_rep_id_number",
            label="法定代表人公民身份号码",
            type=FieldType.RESIDENT_ID,
            help="刻制法定代表人名章时必填，用于核验身份",
            example="500103199001011234",
        ),
        delivery_address_field(),
        *agent_fields(),
    ),
    materials=(
        Material(
            name="business_licence",
            title="营业执照",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=5,
            sample="营业执照副本照片或电子营业执照；通过企业开办一件事办理的由系统自动推送，免于提交",
        ),
        id_card_material("法定代表人", "legal_rep_id_card"),
        authorisation_material(),
    ),
    steps=(
        Step(
            key="accept",
            name="刻章申请受理",
            role=StepRole.ACCEPT,
            department="public_security",
            days=0.05,
            description="核对营业执照信息与刻章种类，推送至刻章企业",
        ),
        Step(
            key="carve",
            name="印章制作",
            role=StepRole.REVIEW,
            department="public_security",
            days=0.3,
            description="刻章企业按备案印模制作印章，印模信息实时上传印章治安管理信息系统",
        ),
        Step(
            key="file",
            name="备案并交寄",
            role=StepRole.COMPLETE,
            department="public_security",
            days=0.1,
            description="公安机关完成印章备案，印章与营业执照合并寄递",
        ),
    ),
    legal_limit=1,
    promised_limit=1,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.SEAL,
            name="企业印章（公章、财务专用章、发票专用章、合同专用章、法定代表人名章）",
            courier=True,
            sample="圆形公章直径40毫米，中央刊五角星，五角星外刊企业名称，自左而右环行；印章下缘刊13位印章编码，"
            "可在公安机关印章信息查询平台核验",
        ),
    ),
    delivery=(Delivery.COURIER, Delivery.WINDOW),
    places=district_places(),
    consult_phone="023-63961110",
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《国务院关于国家行政机关和企业事业单位社会团体印章管理的规定》（国发〔1999〕25号）",
        "《国务院关于第三批取消中央指定地方实施行政许可事项的决定》（国发〔2017〕7号）",
        "《国务院办公厅关于进一步压缩企业开办时间的意见》（国办发〔2018〕32号）",
    ),
    faq=(
        Faq(
            question="刻章要收费吗？",
            answer="新开办企业通过渝快办申请的首套光敏印章（五枚）由政府购买服务免费刻制并免费寄递；选择铜质等其他材质或补刻、换刻的，费用由企业与刻章企业协商。",
        ),
        Faq(
            question="还需要到公安机关办理刻章审批吗？",
            answer="不需要。公章刻制已由审批改为备案，刻章企业通过印章治安管理信息系统上传印模即完成备案。",
        ),
        Faq(
            question="印章丢失了怎么办？",
            answer="应及时向公安机关报告并在国家企业信用信息公示系统公告作废，再通过本事项申请补刻。",
        ),
    ),
    popularity=7800,
    version="1",
)


INVOICE_TAX_DEVICE = Matter(
    key="invoice-tax-device",
    code="11500000MB0P65103E-000-00-0103",
    name="发票和税控设备申领",
    type=MatterType.PUBLIC_SERVICE,
    department="tax",
    applicant_kinds=(ApplicantKind.COMPANY,),
    regions=ALL_DISTRICTS,
    summary=(
        "新办纳税人完成税务信息确认后，可在电子税务局一次办理发票票种核定、数电发票开票额度确定和发票"
        "领用。全面推行数字化电子发票（数电发票）后，新办纳税人无需购买税控设备即可开具发票；确需使用"
        "纸质发票的，可申请邮寄领用。"
    ),
    themes=("开办企业",),
    keywords=("领发票", "发票申领", "税控盘", "金税盘", "数电发票", "全电发票", "票种核定", "税务报到"),
    conditions=(
        "已领取营业执照，并完成新办纳税人套餐（税务信息确认）；",
        "法定代表人、财务负责人、办税人员已在电子税务局完成实名认证；",
        "申请增值税专用发票的，应为增值税一般纳税人或自愿使用专用发票的小规模纳税人；",
        "申请纸质发票的，已刻制发票专用章。",
    ),
    fields=(
        *company_fields(),
        Field(
            name="taxpayer_kind",
            label="增值税纳税人类型",
            type=FieldType.RADIO,
            options=TAXPAYER_KINDS,
            help="年应税销售额超过500万元的应当登记为一般纳税人；未超过的可自愿登记",
        ),
        Field(
            name="invoice_kinds",
            label="申请发票种类",
            type=FieldType.CHECKBOX,
            options=INVOICE_KINDS,
        ),
        Field(
            name="paper_quantity",
            label="每月纸质发票领用数量（份）",
            type=FieldType.NUMBER,
            show_if=ShowIf(field="invoice_kinds", values=("paper_general", "paper_special")),
            help="新办纳税人首次领用纸质发票一般不超过25份",
            example="25",
        ),
        Field(
            name="max_invoice_amount",
            label="单张发票最高开票限额",
            type=FieldType.SELECT,
            options=MAX_INVOICE_AMOUNTS,
            show_if=ShowIf(field="invoice_kinds", values=("paper_special",)),
            help="最高开票限额10万元及以下的即时办结",
        ),
        Field(
            name="tax_officer_name",
            label="办税人员姓名",
            example="赵六",
        ),
        Field(
            name="tax_officer_id_number",
            label="办税人员公民身份号码",
            type=FieldType.RESIDENT_ID,
            example="500106199205052345",
        ),
        Field(
            name="invoice_delivery",
            label="纸质发票领取方式",
            type=FieldType.RADIO,
            options=(
                Option(value="mail", label="邮寄送达（免费）"),
                Option(value="terminal", label="自助终端领取"),
                Option(value="none", label="仅使用数电发票，无需纸质发票"),
            ),
        ),
        Field(
            name="invoice_delivery_address",
            label="发票邮寄地址",
            type=FieldType.ADDRESS,
            show_if=ShowIf(field="invoice_delivery", values=("mail",)),
            example="重庆市渝北区龙溪街道新溉大道101号5幢12-3",
        ),
    ),
    materials=(
        Material(
            name="tax_officer_authorisation",
            title="办税人员授权书",
            required=False,
            condition="由法定代表人以外的人员办税的",
            kinds=("pdf", "jpg"),
            max_size_mb=5,
            sample="法定代表人在电子税务局“人员权限管理”中在线授权的，无需上传",
        ),
        Material(
            name="invoice_seal_impression",
            title="发票专用章印模",
            required=False,
            condition="申请领用纸质发票的",
            kinds=("jpg", "png"),
            max_size_mb=2,
            sample="在白纸上加盖发票专用章后拍照，印文清晰完整；企业开办一件事中已刻制的由系统自动获取",
        ),
    ),
    steps=(
        Step(
            key="accept",
            name="受理",
            role=StepRole.ACCEPT,
            department="tax",
            days=0.05,
            description="电子税务局校验新办纳税人套餐和实名信息",
        ),
        Step(
            key="verify",
            name="票种核定及额度确定",
            role=StepRole.APPROVE,
            department="tax",
            days=0.2,
            description="系统根据纳税人风险等级自动赋予数电发票初始开票额度；纸质发票核定领用数量和限额",
        ),
        Step(
            key="issue",
            name="发票发放",
            role=StepRole.COMPLETE,
            department="tax",
            days=0.1,
            description="数电发票即时开通；纸质发票交寄或推送至自助终端",
        ),
    ),
    legal_limit=5,
    promised_limit=1,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.DECISION,
            name="税务事项通知书（票种核定）及数电发票开票额度",
            courier=False,
            sample="载明纳税人名称、纳税人识别号、核定的发票种类、单份最高开票限额、每月最高领用数量和"
            "数电发票初始开票总额度，加盖税务机关电子印章，可在电子税务局“文书查询”中下载",
        ),
    ),
    delivery=(Delivery.ONLINE, Delivery.COURIER),
    places=district_places(),
    consult_phone="023-12366",
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《中华人民共和国税收征收管理法》",
        "《中华人民共和国发票管理办法》",
        "《中华人民共和国发票管理办法实施细则》",
        "《国家税务总局关于推广应用全面数字化电子发票的公告》",
    ),
    faq=(
        Faq(
            question="新办企业还需要购买税控盘（税务UKey）吗？",
            answer="不需要。重庆已全面推行数电发票，新办纳税人通过电子税务局即可开具发票，无需领用税控设备，也不收取任何设备费用。",
        ),
        Faq(
            question="数电发票的开票额度不够用怎么办？",
            answer="开票额度按纳税人信用和经营情况动态调整；临时不够用的，可在电子税务局提交“发票额度调整申请”。",
        ),
        Faq(
            question="纸质发票可以邮寄吗？",
            answer="可以。选择邮寄送达的，税务机关通过EMS免费寄送，也可在办税服务厅自助终端领取。",
        ),
    ),
    popularity=6900,
    version="1",
)


EMPLOYEE_INSURANCE = Matter(
    key="employee-insurance",
    code="11500000009275296M-000-00-0104",
    name="员工参保登记",
    type=MatterType.PUBLIC_SERVICE,
    department="hrss",
    applicant_kinds=(ApplicantKind.COMPANY,),
    regions=ALL_DISTRICTS,
    summary=(
        "用人单位自成立之日起三十日内申请办理社会保险登记，并自用工之日起三十日内为职工申请办理"
        "基本养老、工伤、失业保险参保登记。新开办企业的单位社会保险登记随营业执照核发自动完成，"
        "在线增员即可为员工参保。"
    ),
    themes=("开办企业", "社会保障"),
    keywords=("社保开户", "单位参保", "员工社保", "社保增员", "五险", "社会保险登记", "交社保"),
    conditions=(
        "用人单位已依法取得营业执照；",
        "所招用职工与单位建立劳动关系；",
        "职工未在其他单位参加同险种的职工社会保险。",
    ),
    fields=(
        *company_fields(),
        Field(
            name="insurance_start",
            label="参保起始年月",
            type=FieldType.DATE,
            help="一般为用工当月，最早不得早于单位成立日期",
            example="2025-07-01",
        ),
        Field(
            name="employee_count",
            label="本次参保人数",
            type=FieldType.NUMBER,
            example="5",
        ),
        Field(
            name="employee_list",
            label="参保职工名单",
            type=FieldType.TEXTAREA,
            help="每行一人：姓名、身份证号码、用工日期、月缴费工资（元）；人数较多的可上传批量增员表",
            example="张三，500103199001011234，2025-07-01，6000",
            max_length=8000,
        ),
        Field(
            name="insurance_kinds",
            label="参保险种",
            type=FieldType.CHECKBOX,
            options=(
                Option(value="pension", label="企业职工基本养老保险"),
                Option(value="injury", label="工伤保险"),
                Option(value="unemployment", label="失业保险"),
            ),
            help="医疗保险（含生育保险）由医保部门同步办理",
        ),
        Field(
            name="payment_bank",
            label="社保费缴费方式",
            type=FieldType.RADIO,
            options=(
                Option(value="deduct", label="签订三方协议银行代扣"),
                Option(value="self", label="自行网上缴纳"),
            ),
        ),
    ),
    materials=(
        Material(
            name="batch_employee_sheet",
            title="参保人员批量增员表",
            required=False,
            condition="一次为10人以上职工办理参保的",
            kinds=("xlsx", "xls"),
            max_size_mb=5,
            sample="使用渝快办提供的Excel模板，逐行填写姓名、身份证号码、用工日期和缴费工资",
        ),
        Material(
            name="labour_contract",
            title="劳动合同",
            required=False,
            condition="补缴以前年度社会保险费的",
            kinds=("pdf",),
            max_size_mb=10,
            max_files=20,
            sample="劳动合同首页、工资条款页和签字页",
        ),
    ),
    steps=(
        Step(
            key="accept",
            name="受理",
            role=StepRole.ACCEPT,
            department="hrss",
            days=0.05,
            description="系统校验单位登记状态和职工参保状态",
        ),
        Step(
            key="register",
            name="参保登记",
            role=StepRole.COMPLETE,
            department="hrss",
            days=0.2,
            description="完成单位社会保险登记和职工增员，推送税务部门核定缴费",
        ),
    ),
    legal_limit=15,
    promised_limit=1,
    instant=True,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.DECISION,
            name="社会保险参保登记回执",
            courier=False,
            sample="载明单位社会保险编号、参保险种、参保职工名单和参保起始年月，加盖社会保险经办机构电子业务章",
        ),
    ),
    delivery=(Delivery.ONLINE,),
    places=district_places(),
    consult_phone="023-12333",
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《中华人民共和国社会保险法》第五十七条、第五十八条",
        "《社会保险费征缴暂行条例》",
        "《工伤保险条例》",
        "《失业保险条例》",
    ),
    faq=(
        Faq(
            question="新公司什么时候开始给员工交社保？",
            answer="用人单位应当自用工之日起三十日内为职工办理社会保险登记，通常从用工当月开始缴费。",
        ),
        Faq(
            question="还需要单独办理单位社保登记吗？",
            answer="不需要。企业办理设立登记后，市场监管部门将登记信息共享至人力社保部门，自动完成单位社会保险登记。",
        ),
        Faq(
            question="社保费向哪里缴纳？",
            answer="社会保险费由税务部门征收，参保登记完成后可通过电子税务局或签订三方协议由银行代扣。",
        ),
    ),
    popularity=5600,
    version="1",
)


BANK_ACCOUNT_APPOINTMENT = Matter(
    key="bank-account-appointment",
    code="11500000MB1X81637L-000-00-0105",
    name="银行开户预约",
    type=MatterType.PUBLIC_SERVICE,
    department="bank",
    applicant_kinds=(ApplicantKind.COMPANY,),
    regions=ALL_DISTRICTS,
    summary=(
        "企业领取营业执照后，可在渝快办预约开立单位基本存款账户。登记信息自动推送至所选银行，银行"
        "提前备好开户资料、电话确认预约时间；企业银行账户已取消许可，开户后即可使用。"
    ),
    themes=("开办企业",),
    keywords=("对公账户", "基本户", "开户", "银行开户", "公司开户", "基本存款账户"),
    conditions=(
        "已依法取得营业执照；",
        "尚未开立单位基本存款账户（一个单位只能开立一个基本存款账户）；",
        "法定代表人能够亲自或授权他人到银行网点完成开户意愿核实。",
    ),
    fields=(
        *company_fields(),
        Field(
            name="bank",
            label="开户银行",
            type=FieldType.SELECT,
            options=BANKS,
        ),
        Field(
            name="bank_branch",
            label="开户网点",
            help="输入网点名称关键字，可选择住所附近的营业网点",
            example="中国建设银行重庆渝北支行",
        ),
        Field(
            name="appointment_date",
            label="预约开户日期",
            type=FieldType.DATE,
            help="可预约5个工作日内的日期",
            example="2025-07-02",
        ),
        Field(
            name="appointment_period",
            label="预约时段",
            type=FieldType.RADIO,
            options=(
                Option(value="morning", label="上午（9:00—12:00）"),
                Option(value="afternoon", label="下午（13:30—17:00）"),
            ),
        ),
        Field(
            name="account_services",
            label="同步开通服务",
            type=FieldType.CHECKBOX,
            required=False,
            options=(
                Option(value="ebank", label="企业网上银行"),
                Option(value="tax_agreement", label="税费三方协议"),
                Option(value="payroll", label="代发工资"),
            ),
        ),
    ),
    materials=(
        Material(
            name="business_licence",
            title="营业执照",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=5,
            sample="营业执照照片或电子营业执照，通过企业开办一件事办理的自动推送",
        ),
        id_card_material("法定代表人", "legal_rep_id_card"),
        Material(
            name="authorisation_letter",
            title="法定代表人授权书及经办人身份证件",
            required=False,
            condition="法定代表人授权他人办理开户的",
            kinds=("pdf", "jpg"),
            max_size_mb=5,
            max_files=3,
            form="原件",
            sample="银行提供格式文本，法定代表人签名并加盖公章；开户时交银行网点留存",
        ),
    ),
    steps=(
        Step(
            key="accept",
            name="预约受理",
            role=StepRole.ACCEPT,
            department="bank",
            days=0.05,
            description="预约信息推送至所选银行网点",
        ),
        Step(
            key="confirm",
            name="银行确认预约",
            role=StepRole.COMPLETE,
            department="bank",
            days=0.2,
            description="银行客户经理电话确认预约时间并告知携带的印章和证件",
        ),
    ),
    legal_limit=2,
    promised_limit=1,
    instant=True,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.DECISION,
            name="银行开户预约回执",
            courier=False,
            sample="载明预约银行网点、地址、预约日期和时段、预约编号及客户经理联系电话",
        ),
    ),
    delivery=(Delivery.ONLINE,),
    places=district_places(),
    consult_phone="023-63716000",
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《人民币银行结算账户管理办法》（中国人民银行令〔2003〕第5号）",
        "《中国人民银行关于取消企业银行账户许可的通知》（银发〔2019〕41号）",
    ),
    faq=(
        Faq(
            question="预约后还需要去银行吗？",
            answer="需要。为防范账户被冒用，开立基本存款账户时银行须当面核实开户意愿，预约可让银行提前准备，缩短现场办理时间。预约本身全程网上办理。",
        ),
        Faq(
            question="开户还需要人民银行核准吗？",
            answer="不需要。企业银行账户许可已取消，银行为企业开立基本存款账户后即可使用，并向人民银行备案。",
        ),
        Faq(
            question="开户收费吗？",
            answer="政府不收取费用。多家银行对新开办企业免收开户手续费和首年账户管理费，具体以银行公示为准。",
        ),
    ),
    popularity=5200,
    version="1",
)


MEMBERS = (
    COMPANY_REGISTRATION,
    SEAL_CARVING,
    INVOICE_TAX_DEVICE,
    EMPLOYEE_INSURANCE,
    BANK_ACCOUNT_APPOINTMENT,
)


COMPANY_ESTABLISHMENT = Bundle(
    key="company-establishment",
    code="11500000MB1A53962W-000-00-0100",
    name="企业开办（一件事一次办）",
    type=MatterType.REGISTRATION,
    department="market",
    applicant_kinds=(ApplicantKind.PERSON, ApplicantKind.COMPANY),
    regions=ALL_DISTRICTS,
    summary=(
        "将企业设立登记、印章刻制、发票和税控设备申领、员工参保登记、银行开户预约五个事项整合为"
        "“一件事”：一张表单、一套材料、一次提交，各部门并联办理，1个工作日内办结、最快2小时。"
        "全程免费，营业执照和印章免费邮寄到家，一次都不用跑。"
    ),
    themes=("开办企业",),
    keywords=(
        "开办企业", "开公司", "注册公司", "营业执照", "刻章", "领发票", "社保开户", "银行开户",
        "企业开办一件事", "公司注册一网通办",
    ),
    conditions=(
        "拟设立的企业为有限责任公司、股份有限公司、个人独资企业或合伙企业；",
        "企业名称、住所、经营范围等符合《中华人民共和国市场主体登记管理条例》的规定；",
        "全体股东、法定代表人、财务负责人已在渝快办完成实名认证，能够进行电子签名；",
        "经营范围中属于登记前须经批准的项目的，已取得批准文件；",
        "股东、法定代表人不存在依法不得担任的情形，未被列入严重违法失信名单。",
    ),
    fields=(
        *_company_basics(),
        *_legal_rep_fields(),
        _shareholder_field(),
        Field(
            name="finance_officer_name",
            label="财务负责人姓名",
            example="赵六",
            group="主要人员信息",
        ),
        Field(
            name="finance_officer_phone",
            label="财务负责人手机号码",
            type=FieldType.PHONE,
            example="13700000000",
            group="主要人员信息",
        ),
        Field(
            name="seal_kinds",
            label="免费刻制印章",
            type=FieldType.CHECKBOX,
            options=SEAL_KINDS,
            help="首套五枚光敏印章免费刻制，与营业执照一同寄递",
            group="印章刻制",
        ),
        Field(
            name="apply_invoices",
            label="是否同步申领发票",
            type=FieldType.RADIO,
            options=(Option(value="yes", label="是"), Option(value="no", label="暂不申领")),
            group="发票申领",
        ),
        Field(
            name="taxpayer_kind",
            label="增值税纳税人类型",
            type=FieldType.RADIO,
            options=TAXPAYER_KINDS,
            show_if=ShowIf(field="apply_invoices", values=("yes",)),
            group="发票申领",
        ),
        Field(
            name="invoice_kinds",
            label="申请发票种类",
            type=FieldType.CHECKBOX,
            options=INVOICE_KINDS,
            show_if=ShowIf(field="apply_invoices", values=("yes",)),
            help="推荐使用数电发票，无需税控设备",
            group="发票申领",
        ),
        Field(
            name="tax_officer_name",
            label="办税人员姓名",
            show_if=ShowIf(field="apply_invoices", values=("yes",)),
            help="不填写的，默认由财务负责人担任办税人员",
            required=False,
            example="赵六",
            group="发票申领",
        ),
        Field(
            name="employee_count",
            label="拟参保员工人数",
            type=FieldType.NUMBER,
            help="填0表示暂不为员工办理参保，领照后可随时在线增员",
            example="3",
            group="员工参保",
        ),
        Field(
            name="employee_list",
            label="参保职工名单",
            type=FieldType.TEXTAREA,
            required=False,
            help="每行一人：姓名、身份证号码、用工日期、月缴费工资（元）",
            example="张三，500103199001011234，2025-07-01，6000",
            max_length=8000,
            group="员工参保",
        ),
        Field(
            name="bank",
            label="预约开户银行",
            type=FieldType.SELECT,
            options=(*BANKS, Option(value="none", label="暂不预约")),
            group="银行开户",
        ),
        Field(
            name="bank_branch",
            label="预约开户网点",
            required=False,
            show_if=ShowIf(field="bank", values=tuple(b.value for b in BANKS)),
            example="中国建设银行重庆渝北支行",
            group="银行开户",
        ),
        delivery_address_field(),
    ),
    materials=(
        *_registration_materials(),
        id_card_material("法定代表人", "legal_rep_id_card"),
        Material(
            name="batch_employee_sheet",
            title="参保人员批量增员表",
            required=False,
            condition="拟参保员工10人以上的",
            kinds=("xlsx", "xls"),
            max_size_mb=5,
            sample="使用渝快办提供的Excel模板，逐行填写姓名、身份证号码、用工日期和缴费工资",
        ),
    ),
    steps=(
        Step(
            key="accept",
            name="一窗受理",
            role=StepRole.ACCEPT,
            department="market",
            days=0.1,
            description="企业开办专区统一受理，信息一次采集、各部门共享",
        ),
        Step(
            key="register",
            name="设立登记核准",
            role=StepRole.APPROVE,
            department="market",
            days=0.4,
            description="核准设立登记，生成营业执照和电子营业执照，同步推送公安、税务、人力社保和银行",
        ),
        Step(
            key="seal",
            name="印章刻制备案",
            role=StepRole.REVIEW,
            department="public_security",
            days=0.3,
            parallel_group="after-licence",
        ),
        Step(
            key="invoice",
            name="发票票种核定及发放",
            role=StepRole.REVIEW,
            department="tax",
            days=0.25,
            parallel_group="after-licence",
        ),
        Step(
            key="insurance",
            name="单位及员工参保登记",
            role=StepRole.REVIEW,
            department="hrss",
            days=0.2,
            parallel_group="after-licence",
        ),
        Step(
            key="bank",
            name="银行开户预约确认",
            role=StepRole.REVIEW,
            department="bank",
            days=0.2,
            parallel_group="after-licence",
        ),
        Step(
            key="deliver",
            name="办结并寄递",
            role=StepRole.COMPLETE,
            department="market",
            days=0.1,
            description="营业执照与印章合并装袋，EMS免费寄递",
        ),
    ),
    legal_limit=3,
    promised_limit=1,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.LICENCE,
            name="营业执照（正本、副本）及电子营业执照",
            courier=True,
            sample="营业执照载明名称、统一社会信用代码、类型、法定代表人、经营范围、注册资本、成立日期、住所，"
            "加盖登记机关印章，二维码可扫码核验",
        ),
        Output(
            kind=OutputKind.SEAL,
            name="企业印章（公章、财务专用章、发票专用章、合同专用章、法定代表人名章）",
            courier=True,
            sample="光敏材质印章五枚，印文下缘刊13位印章编码，已在公安机关备案",
        ),
        Output(
            kind=OutputKind.DECISION,
            name="税务事项通知书、社会保险参保登记回执、银行开户预约回执",
            courier=False,
            sample="各部门办理结果以电子文书形式推送至渝快办“我的办件”，可下载打印",
        ),
    ),
    delivery=(Delivery.COURIER, Delivery.WINDOW, Delivery.ONLINE),
    places=district_places(),
    consult_phone="023-12315",
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        *MARKET_LAW,
        "《国务院办公厅关于进一步压缩企业开办时间的意见》（国办发〔2018〕32号）",
        "《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）",
        "《中华人民共和国发票管理办法》",
        "《中华人民共和国社会保险法》",
        "《人民币银行结算账户管理办法》",
    ),
    faq=(
        Faq(
            question="企业开办一件事需要跑几次？",
            answer="零次。从申报到领取营业执照、印章全程网上办理，执照和印章免费邮寄到家；开立银行账户时按银行要求到网点核实开户意愿。",
        ),
        Faq(
            question="开办企业要花多少钱？",
            answer="营业执照、首套印章、数电发票开通、参保登记和邮寄均免费，企业开办零成本。",
        ),
        Faq(
            question="多久能办完？",
            answer="材料齐全、符合法定形式的，1个工作日内全部办结，最快2小时。",
        ),
        Faq(
            question="只想办营业执照，不需要其他服务可以吗？",
            answer="可以。刻章、发票、参保和开户均可选择“暂不办理”，也可以单独申请“企业设立登记”事项，领照后再逐项办理。",
        ),
    ),
    popularity=9200,
    version="1",
    members=tuple(m.key for m in MEMBERS),
)


MATTERS = (COMPANY_ESTABLISHMENT, *MEMBERS)
