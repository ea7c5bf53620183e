"""Market regulation matters after opening: changes, staff filing, simplified deregistration, and
registering an individual business (个体工商户)."""

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
    person_fields,
)

MARKET_PHONE = "023-12315"

CHANGE_ITEMS = (
    Option(value="name", label="名称"),
    Option(value="address", label="住所"),
    Option(value="scope", label="经营范围"),
    Option(value="legal_rep", label="法定代表人"),
    Option(value="capital", label="注册资本"),
)


def _changed(*values: str) -> ShowIf:
    return ShowIf(field="change_items", values=values)


BUSINESS_LICENCE_CHANGE = Matter(
    key="business-licence-change",
    code="11500000MB1A53962W-000-00-0201",
    name="营业执照变更登记",
    type=MatterType.REGISTRATION,
    department="market",
    applicant_kinds=(ApplicantKind.COMPANY,),
    regions=ALL_DISTRICTS,
    summary=(
        "企业名称、住所、经营范围、法定代表人、注册资本等营业执照载明事项发生变更的，应当自作出变更"
        "决议、决定或者法定变更事项发生之日起30日内向登记机关申请变更登记。全程网上办理，核准后换发"
        "营业执照并免费邮寄，原执照寄回或在线作废。"
    ),
    themes=("企业变更",),
    keywords=("执照变更", "工商变更", "公司变更", "改名称", "变更地址", "迁址", "增资", "减资", "换法人", "变更经营范围"),
    conditions=(
        "企业为登记机关辖区内已登记的存续企业；",
        "变更事项已依法作出股东会决议、决定或者法定变更事项已经发生；",
        "变更后的名称、住所、经营范围等符合法律法规规定；",
        "减少注册资本的，已依法通知债权人并在国家企业信用信息公示系统公示满45日；",
        "企业未被列入经营异常名录或已移出，不存在股权冻结等限制变更的情形。",
    ),
    fields=(
        *company_fields(),
        Field(
            name="change_items",
            label="变更事项",
            type=FieldType.CHECKBOX,
            options=CHANGE_ITEMS,
            help="可同时选择多项，一次申请、一次换照",
            group="变更内容",
        ),
        Field(
            name="new_name",
            label="变更后名称",
            show_if=_changed("name"),
            help="自主申报名称，系统即时查重",
            example="重庆渝快数字科技有限公司",
            max_length=100,
            group="变更内容",
        ),
        Field(
            name="new_address",
            label="变更后住所",
            type=FieldType.ADDRESS,
            show_if=_changed("address"),
            help="住所迁出本区县的，由迁入地登记机关直接办理，无需办理迁出手续",
            example="重庆市南岸区南坪街道江南大道8号10-1",
            group="变更内容",
        ),
        Field(
            name="new_scope",
            label="变更后经营范围",
            type=FieldType.TEXTAREA,
            show_if=_changed("scope"),
            help="请填写变更后的完整经营范围，而非仅填增加或减少的部分",
            example="一般项目：软件开发；数据处理服务；人工智能应用软件开发。",
            max_length=2000,
            group="变更内容",
        ),
        Field(
            name="new_legal_rep_name",
            label="新任法定代表人姓名",
            show_if=_changed("legal_rep"),
            example="李四",
            group="变更内容",
        ),
        Field(
            name="new_legal_rep_id_number",
            label="新任法定代表人公民身份号码",
            type=FieldType.RESIDENT_ID,
            show_if=_changed("legal_rep"),
            help="新任法定代表人须完成实名认证和电子签名",
            example="500106199205052345",
            group="变更内容",
        ),
        Field(
            name="new_capital",
            label="变更后注册资本（万元）",
            type=FieldType.MONEY,
            show_if=_changed("capital"),
            example="500",
            group="变更内容",
        ),
        Field(
            name="resolution_date",
            label="变更决议（决定）作出日期",
            type=FieldType.DATE,
            example="2025-06-20",
            group="变更内容",
        ),
        delivery_address_field(),
        *agent_fields(),
    ),
    materials=(
        Material(
            name="change_application",
            title="公司变更登记申请书",
            kinds=("pdf",),
            max_size_mb=10,
            sample="按填报信息由系统自动生成，法定代表人电子签名",
        ),
        Material(
            name="shareholder_resolution",
            title="股东会决议（股东决定）",
            kinds=("pdf", "jpg"),
            max_size_mb=10,
            max_files=5,
            sample="写明变更事项、表决情况，由代表三分之二以上表决权的股东签名（盖章）；一人公司为股东决定",
        ),
        Material(
            name="amended_articles",
            title="章程修正案或修改后的公司章程",
            required=False,
            condition="变更事项涉及公司章程修改的（名称、住所、经营范围、注册资本等）",
            kinds=("pdf",),
            max_size_mb=10,
            sample="由法定代表人签名并加盖公章",
        ),
        Material(
            name="new_premises_commitment",
            title="新住所（经营场所）申报承诺书",
            required=False,
            condition="变更住所的",
            kinds=("pdf", "jpg"),
            max_size_mb=5,
            sample="承诺新住所真实、合法、可用，系统自动生成后电子签名",
        ),
        Material(
            name="legal_rep_appointment",
            title="新任法定代表人任职文件及身份证件",
            required=False,
            condition="变更法定代表人的",
            kinds=("pdf", "jpg"),
            max_size_mb=5,
            max_files=3,
            sample="股东会决议或董事会决议，附新任法定代表人身份证正反面",
        ),
        Material(
            name="capital_reduction_notice",
            title="减资公告及债务清偿或担保说明",
            required=False,
            condition="减少注册资本的",
            kinds=("pdf",),
            max_size_mb=10,
            sample="国家企业信用信息公示系统减资公告截图（公示期满45日）及公司债务清偿或者债务担保情况说明",
        ),
        authorisation_material(),
    ),
    steps=(
        Step(key="accept", name="受理", role=StepRole.ACCEPT, department="market", days=0.1),
        Step(key="review", name="审查", role=StepRole.REVIEW, department="market", days=0.3),
        Step(
            key="approve",
            name="核准变更",
            role=StepRole.APPROVE,
            department="market",
            days=0.2,
            description="作出准予变更登记决定，变更信息同步推送税务、人力社保、公安等部门",
        ),
        Step(
            key="issue",
            name="换发执照并寄递",
            role=StepRole.COMPLETE,
            department="market",
            days=0.2,
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
            name="营业执照（换发）及电子营业执照",
            courier=True,
            sample="换发的营业执照载明变更后的登记事项，统一社会信用代码不变，加盖登记机关印章",
        ),
        Output(
            kind=OutputKind.DECISION,
            name="登记通知书（准予变更登记）",
            courier=False,
            sample="载明企业名称、变更事项、变更前后内容和核准日期，加盖登记机关电子印章",
        ),
    ),
    delivery=(Delivery.COURIER, Delivery.WINDOW, Delivery.ONLINE),
    places=district_places(),
    consult_phone=MARKET_PHONE,
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《中华人民共和国公司法》",
        "《中华人民共和国市场主体登记管理条例》第二十四条",
        "《中华人民共和国市场主体登记管理条例实施细则》",
    ),
    faq=(
        Faq(
            question="公司跨区县迁址需要先办迁出吗？",
            answer="不需要。重庆市内跨区县迁移住所的，直接向迁入地登记机关申请变更登记，档案由登记机关内部调转。",
        ),
        Faq(
            question="变更后原营业执照怎么处理？",
            answer="新执照寄达后，原执照正副本可随快递回寄或交回任一政务服务中心；电子营业执照自动更新。",
        ),
        Faq(
            question="变更登记后还要去税务、社保部门变更吗？",
            answer="名称、住所、法定代表人等共享信息由登记机关同步推送，税务、社保部门自动更新，企业无需另行申请。",
        ),
    ),
    popularity=11800,
    version="1",
)


REGISTERED_STAFF_CHANGE = Matter(
    key="registered-staff-change",
    code="11500000MB1A53962W-000-00-0202",
    name="变更登记人员（备案）",
    type=MatterType.FILING,
    department="market",
    applicant_kinds=(ApplicantKind.COMPANY,),
    regions=ALL_DISTRICTS,
    summary=(
        "公司董事、监事、经理等人员发生变动的，应当自作出变更决议、决定之日起30日内向登记机关办理备案。"
        "备案不换发营业执照，全程网上办理，即时备案并在国家企业信用信息公示系统公示。"
    ),
    themes=("企业变更",),
    keywords=("董事变更", "监事变更", "经理变更", "高管备案", "人员备案", "主要人员变更", "财务负责人变更"),
    conditions=(
        "企业为已登记的存续企业；",
        "董事、监事、经理的变动已依法作出决议或决定；",
        "新任人员不存在《中华人民共和国公司法》第一百七十八条规定的不得担任的情形；",
        "新任人员已完成实名认证。",
    ),
    fields=(
        *company_fields(),
        Field(
            name="filing_items",
            label="备案人员类别",
            type=FieldType.CHECKBOX,
            options=(
                Option(value="director", label="董事"),
                Option(value="supervisor", label="监事"),
                Option(value="manager", label="经理"),
                Option(value="finance", label="财务负责人"),
                Option(value="liaison", label="登记联络员"),
            ),
            group="备案内容",
        ),
        Field(
            name="departing_staff",
            label="离任人员",
            type=FieldType.TEXTAREA,
            required=False,
            help="每行一人：姓名、原任职务",
            example="王五，监事",
            group="备案内容",
        ),
        Field(
            name="incoming_staff",
            label="新任人员",
            type=FieldType.TEXTAREA,
            help="每行一人：姓名、身份证号码、职务、任期、产生方式",
            example="赵六，500106199205052345，监事，三年，股东会选举",
            max_length=4000,
            group="备案内容",
        ),
        Field(
            name="finance_officer_phone",
            label="新任财务负责人手机号码",
            type=FieldType.PHONE,
            show_if=ShowIf(field="filing_items", values=("finance",)),
            example="13700000000",
            group="备案内容",
        ),
        Field(
            name="resolution_date",
            label="决议（决定）作出日期",
            type=FieldType.DATE,
            example="2025-06-20",
            group="备案内容",
        ),
    ),
    materials=(
        Material(
            name="filing_application",
            title="公司备案申请书",
            kinds=("pdf",),
            max_size_mb=10,
            sample="系统按填报信息自动生成，法定代表人电子签名",
        ),
        Material(
            name="appointment_resolution",
            title="任免职文件",
            kinds=("pdf", "jpg"),
            max_size_mb=10,
            max_files=5,
            sample="股东会决议（选举、更换董事、监事）或董事会决议（聘任、解聘经理），由股东签名（盖章）或董事签名",
        ),
        Material(
            name="incoming_staff_ids",
            title="新任人员身份证件",
            kinds=("jpg", "png", "pdf"),
            max_size_mb=5,
            max_files=10,
            sample="身份证人像面和国徽面；已完成实名认证的自动获取",
        ),
    ),
    steps=(
        Step(key="accept", name="受理", role=StepRole.ACCEPT, department="market", days=0.1),
        Step(
            key="file",
            name="备案并公示",
            role=StepRole.COMPLETE,
            department="market",
            days=0.2,
            description="完成备案，在国家企业信用信息公示系统更新主要人员信息",
        ),
    ),
    legal_limit=1,
    promised_limit=1,
    instant=True,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.DECISION,
            name="备案通知书",
            courier=False,
            sample="载明企业名称、统一社会信用代码、备案事项和备案日期，加盖登记机关电子印章",
        ),
    ),
    delivery=(Delivery.ONLINE,),
    places=district_places(),
    consult_phone=MARKET_PHONE,
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《中华人民共和国市场主体登记管理条例》第九条、第二十九条",
        "《中华人民共和国市场主体登记管理条例实施细则》",
    ),
    faq=(
        Faq(
            question="董事、监事变更需要换营业执照吗？",
            answer="不需要。营业执照不记载董事、监事和经理，办理备案即可；法定代表人变更则须办理“营业执照变更登记”。",
        ),
        Faq(
            question="超过30日未备案有什么后果？",
            answer="未按规定办理备案的，由登记机关责令改正；拒不改正的，依照《中华人民共和国市场主体登记管理条例》处以罚款。",
        ),
    ),
    popularity=3100,
    version="1",
)


SIMPLIFIED_DEREGISTRATION = Matter(
    key="simplified-deregistration",
    code="11500000MB1A53962W-000-00-0203",
    name="企业简易注销登记",
    type=MatterType.REGISTRATION,
    department="market",
    applicant_kinds=(ApplicantKind.COMPANY,),
    regions=ALL_DISTRICTS,
    summary=(
        "未发生债权债务或已将债权债务清偿完结的企业，经全体投资人书面承诺后，可申请简易注销。无需成立"
        "清算组备案、无需登报公告，在国家企业信用信息公示系统公示20个自然日（原报纸公告45日的流程已取消），"
        "公示期满无异议的，全体投资人签署承诺书并拍照上传签字页即可申请，1个工作日内办结。"
    ),
    themes=("企业注销",),
    keywords=("公司注销", "简易注销", "注销营业执照", "关闭公司", "注销登记", "承诺制注销"),
    conditions=(
        "企业未发生债权债务或者已将债权债务清偿完结，未发生或者已结清清偿费用、职工工资、社会保险费用、"
        "法定补偿金、应缴纳税款（滞纳金、罚款），并由全体投资人书面承诺对上述情况的真实性承担法律责任；",
        "已通过国家企业信用信息公示系统发布简易注销公告，公示期20个自然日届满且无异议，"
        "并自公示期届满之日起20日内提出申请；",
        "不存在被吊销营业执照、责令关闭、撤销，被列入经营异常名录或严重违法失信名单，股权（投资权益）"
        "被冻结、出质，正在被立案调查或采取行政强制等不适用简易注销的情形；",
        "涉及国家规定实施准入特别管理措施的外商投资企业不适用简易注销。",
    ),
    fields=(
        *company_fields(),
        Field(
            name="notice_start",
            label="简易注销公告起始日期",
            type=FieldType.DATE,
            help="国家企业信用信息公示系统简易注销公告的发布日期，公示期为20个自然日",
            example="2025-06-01",
            group="公示情况",
        ),
        Field(
            name="notice_objection",
            label="公示期内是否收到异议",
            type=FieldType.RADIO,
            options=(Option(value="no", label="无异议"), Option(value="yes", label="有异议")),
            help="公示期内被提出异议的，不得申请简易注销，应通过普通注销程序办理",
            group="公示情况",
        ),
        Field(
            name="investor_count",
            label="全体投资人人数",
            type=FieldType.NUMBER,
            example="2",
            group="承诺签署",
        ),
        Field(
            name="investors",
            label="全体投资人名单",
            type=FieldType.TEXTAREA,
            help="每行一位：姓名或名称、证件号码；所有投资人均须在承诺书上签字（盖章）",
            example="张三，500103199001011234\n李四，500106199205052345",
            group="承诺签署",
        ),
        Field(
            name="legal_rep_signature",
            label="法定代表人签名",
            type=FieldType.SIGNATURE,
            help="请在手写板或手机屏幕上手写签名，签名将附于《简易注销全体投资人承诺书》",
            group="承诺签署",
        ),
        Field(
            name="licence_return",
            label="纸质营业执照处理方式",
            type=FieldType.RADIO,
            options=(
                Option(value="mail", label="邮寄交回"),
                Option(value="window", label="交至政务服务中心"),
                Option(value="lost", label="已遗失（在公示系统声明作废）"),
            ),
            group="执照缴回",
        ),
        Field(
            name="tax_clearance",
            label="税务注销情况",
            type=FieldType.SELECT,
            options=(
                Option(value="cleared", label="已办结税务注销（已取得清税文书）"),
                Option(value="exempt", label="未办理涉税事宜，免予到税务部门办理清税"),
                Option(value="instant", label="符合即办条件，申请同步清税"),
            ),
            group="执照缴回",
        ),
    ),
    materials=(
        Material(
            name="deregistration_application",
            title="简易注销登记申请书",
            kinds=("pdf",),
            max_size_mb=10,
            sample="系统按填报信息自动生成，法定代表人电子签名",
        ),
        Material(
            name="commitment_signature_photo",
            title="全体投资人承诺书签字页照片",
            kinds=("jpg", "png"),
            max_size_mb=5,
            max_files=5,
            form="电子件",
            sample="《简易注销全体投资人承诺书》打印后由全体投资人签字（法人投资人加盖公章），将签字页平铺拍照上传，"
            "签名清晰、四角完整、无遮挡；投资人较多时可分多张上传",
        ),
        Material(
            name="tax_clearance_certificate",
            title="清税证明",
            required=False,
            condition="曾办理涉税事宜且未通过系统同步取得清税信息的",
            kinds=("pdf", "jpg"),
            max_size_mb=5,
            sample="税务机关出具的《清税证明》",
        ),
        Material(
            name="licence_lost_statement",
            title="营业执照遗失声明",
            required=False,
            condition="纸质营业执照遗失的",
            kinds=("pdf", "jpg", "png"),
            max_size_mb=5,
            sample="国家企业信用信息公示系统发布的营业执照作废声明截图",
        ),
    ),
    steps=(
        Step(
            key="accept",
            name="受理",
            role=StepRole.ACCEPT,
            department="market",
            days=0.1,
            description="核查国家企业信用信息公示系统简易注销公告已满20个自然日且无异议，并在期满后20日内申请",
        ),
        Step(
            key="review",
            name="审查",
            role=StepRole.REVIEW,
            department="market",
            days=0.3,
            description="核对承诺书签字页与全体投资人一致，核查税务、人力社保等部门反馈意见",
        ),
        Step(
            key="approve",
            name="核准注销",
            role=StepRole.APPROVE,
            department="market",
            days=0.2,
        ),
        Step(
            key="complete",
            name="办结",
            role=StepRole.COMPLETE,
            department="market",
            days=0.1,
            description="推送准予简易注销登记通知书，注销信息同步共享至相关部门",
        ),
    ),
    legal_limit=3,
    promised_limit=1,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.DECISION,
            name="准予简易注销登记通知书",
            courier=False,
            sample="载明企业名称、统一社会信用代码、注销日期和登记机关，加盖登记机关电子印章，可在渝快办下载",
        ),
    ),
    delivery=(Delivery.ONLINE,),
    places=district_places(),
    consult_phone=MARKET_PHONE,
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《中华人民共和国公司法》第二百四十条",
        "《中华人民共和国市场主体登记管理条例》第三十三条、第三十四条",
        "《中华人民共和国市场主体登记管理条例实施细则》",
        "《市场监管总局 国家税务总局关于进一步完善简易注销登记便捷中小微企业市场退出的通知》（国市监注发〔2021〕45号）",
    ),
    faq=(
        Faq(
            question="还需要登报公告45天吗？",
            answer="不需要。简易注销只需在国家企业信用信息公示系统免费公示20个自然日，无需登报，也无需成立清算组备案。",
        ),
        Faq(
            question="投资人不在重庆，怎么签承诺书？",
            answer="下载承诺书打印签字后拍照上传签字页即可，无需到现场；法人投资人加盖公章。",
        ),
        Faq(
            question="承诺不实有什么后果？",
            answer="投资人以隐瞒真实情况、弄虚作假方式骗取注销登记的，登记机关可以撤销注销登记，恢复企业主体资格，"
            "相关投资人三年内不得再申请简易注销，并依法承担清偿责任。",
        ),
        Faq(
            question="公示期有人提出异议怎么办？",
            answer="公示期内被提出异议的，不得申请简易注销；企业可在处理异议后按普通注销程序办理。",
        ),
    ),
    popularity=4200,
    version="1",
)


INDIVIDUAL_BUSINESS_REGISTRATION = Matter(
    key="individual-business-registration",
    code="11500000MB1A53962W-000-00-0204",
    name="个体工商户设立登记",
    type=MatterType.REGISTRATION,
    department="market",
    applicant_kinds=(ApplicantKind.PERSON,),
    regions=ALL_DISTRICTS,
    town_level=True,
    summary=(
        "有经营能力的公民从事工商业经营的，可以申请登记为个体工商户。手机端即可申报，经营场所实行"
        "申报承诺，材料齐全的即时核准，营业执照免费邮寄或就近在乡镇（街道）便民服务中心领取。"
    ),
    themes=("个体经营",),
    keywords=("个体户", "个体执照", "小店执照", "个体工商户营业执照", "摆摊执照", "开店", "网店执照"),
    conditions=(
        "申请人为有经营能力的自然人（家庭经营的，以主持经营者作为经营者登记）；",
        "有固定的经营场所；从事网络经营的，可以将网络经营场所作为经营场所登记；",
        "从事法律、行政法规规定须经批准的经营项目的，已取得批准文件；",
        "个体工商户名称（可以不使用名称）符合名称登记管理规定。",
    ),
    fields=(
        *person_fields(group="经营者信息", who="经营者"),
        Field(
            name="organisation_form",
            label="组成形式",
            type=FieldType.RADIO,
            options=(Option(value="personal", label="个人经营"), Option(value="family", label="家庭经营")),
            group="经营者信息",
        ),
        Field(
            name="family_members",
            label="参加经营的家庭成员",
            type=FieldType.TEXTAREA,
            show_if=ShowIf(field="organisation_form", values=("family",)),
            help="每行一人：姓名、身份证号码、与经营者关系",
            example="李四，500106199205052345，配偶",
            group="经营者信息",
        ),
        Field(
            name="business_name",
            label="个体工商户名称",
            required=False,
            help="可以不使用名称；使用名称的，按“行政区划+字号+行业+组织形式（店、馆、部、行、中心等）”申报",
            example="渝中区老张面馆",
            max_length=60,
            group="经营信息",
        ),
        Field(
            name="premises_kind",
            label="经营场所类型",
            type=FieldType.RADIO,
            options=(Option(value="physical", label="实体经营场所"), Option(value="online", label="网络经营场所")),
            group="经营信息",
        ),
        Field(
            name="premises_address",
            label="经营场所",
            type=FieldType.ADDRESS,
            show_if=ShowIf(field="premises_kind", values=("physical",)),
            example="重庆市渝中区解放碑街道民族路166号负一楼12号",
            group="经营信息",
        ),
        Field(
            name="shop_url",
            label="网店网址（网络经营场所）",
            show_if=ShowIf(field="premises_kind", values=("online",)),
            help="电子商务平台店铺首页网址",
            example="https://shop.example.com/12345678",
            group="经营信息",
        ),
        Field(
            name="business_scope",
            label="经营范围",
            type=FieldType.TEXTAREA,
            help="从经营范围规范表述目录中选择",
            example="许可项目：餐饮服务。一般项目：食品销售（仅销售预包装食品）。",
            max_length=1000,
            group="经营信息",
        ),
        Field(
            name="capital",
            label="资金数额（万元）",
            type=FieldType.MONEY,
            example="5",
            group="经营信息",
        ),
        Field(
            name="employees",
            label="从业人数",
            type=FieldType.NUMBER,
            example="2",
            group="经营信息",
        ),
        Field(
            name="collect_way",
            label="执照领取方式",
            type=FieldType.RADIO,
            options=(
                Option(value="mail", label="免费邮寄"),
                Option(value="town", label="到乡镇（街道）便民服务中心领取"),
                Option(value="electronic", label="仅领取电子营业执照"),
            ),
            group="结果送达",
        ),
        Field(
            name="delivery_address",
            label="邮寄地址",
            type=FieldType.ADDRESS,
            show_if=ShowIf(field="collect_way", values=("mail",)),
            example="重庆市渝中区解放碑街道民族路166号",
            group="结果送达",
        ),
    ),
    materials=(
        Material(
            name="registration_application",
            title="个体工商户登记（备案）申请书",
            kinds=("pdf",),
            max_size_mb=5,
            sample="系统按填报信息自动生成，经营者电子签名",
        ),
        id_card_material("经营者", "operator_id_card"),
        Material(
            name="premises_commitment",
            title="经营场所申报承诺书",
            kinds=("pdf", "jpg"),
            max_size_mb=5,
            sample="承诺经营场所真实、合法、可用，系统自动生成后电子签名",
        ),
        Material(
            name="family_relation_proof",
            title="家庭成员关系证明",
            required=False,
            condition="家庭经营的",
            kinds=("jpg", "pdf"),
            max_size_mb=5,
            max_files=3,
            sample="户口簿、结婚证或村（社区）出具的家庭关系证明",
        ),
        Material(
            name="licence_approval",
            title="前置许可文件",
            required=False,
            condition="经营范围涉及登记前须经批准项目的",
            kinds=("pdf", "jpg"),
            max_size_mb=10,
            sample="有关部门的批准文件或许可证件",
        ),
    ),
    steps=(
        Step(key="accept", name="受理", role=StepRole.ACCEPT, department="market", days=0.1),
        Step(
            key="approve",
            name="核准登记",
            role=StepRole.APPROVE,
            department="market",
            days=0.3,
            description="符合条件的智能审批即时核准",
        ),
        Step(key="issue", name="发照", role=StepRole.COMPLETE, department="market", days=0.1),
    ),
    legal_limit=3,
    promised_limit=1,
    instant=True,
    trips=0,
    online_depth=4,
    free=True,
    outputs=(
        Output(
            kind=OutputKind.LICENCE,
            name="个体工商户营业执照及电子营业执照",
            courier=True,
            sample="载明名称、统一社会信用代码、经营者、组成形式、经营场所、经营范围和注册日期，加盖登记机关印章，"
            "二维码可扫码核验",
        ),
    ),
    delivery=(Delivery.COURIER, Delivery.WINDOW, Delivery.ONLINE),
    places=district_places(),
    consult_phone=MARKET_PHONE,
    complaint_phone=COMPLAINT_PHONE,
    legal_basis=(
        "《促进个体工商户发展条例》",
        "《中华人民共和国市场主体登记管理条例》",
        "《中华人民共和国市场主体登记管理条例实施细则》",
    ),
    faq=(
        Faq(
            question="开网店需要办理个体工商户登记吗？",
            answer="电子商务经营者应当依法办理市场主体登记；个人销售自产农副产品、家庭手工业产品，个人利用自己的技能从事依法无须取得许可的便民劳务活动和零星小额交易活动的除外。",
        ),
        Faq(
            question="个体工商户可以转变为公司吗？",
            answer="可以。个体工商户可直接申请变更经营者或转型为企业，原有字号、行政许可等可依法延续。",
        ),
        Faq(
            question="个体工商户需要每年年报吗？",
            answer="需要。每年1月1日至6月30日通过国家企业信用信息公示系统报送上一年度年度报告，可通过手机完成。",
        ),
    ),
    popularity=24500,
    version="1",
)


MATTERS = (
    BUSINESS_LICENCE_CHANGE,
    REGISTERED_STAFF_CHANGE,
    SIMPLIFIED_DEREGISTRATION,
    INDIVIDUAL_BUSINESS_REGISTRATION,
)
