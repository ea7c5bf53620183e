"""Shared bits of the first-party guides: service halls, hotlines and the applicant-identity fields.

Everything here is plain declaration data built from the plugin contract; the matters themselves
stay explicit in the department modules.
"""

from __future__ import annotations

from plugins import Field, FieldType, Material, Option, Place, ShowIf

COMPLAINT_PHONE = "023-12345"
"""The 12345 government service hotline takes complaints for every matter."""

HALL_HOURS = "周一至周五 上午9:00—12:00，下午13:30—17:30（法定节假日休息，调休工作日正常办公）"
EXTENDED_HOURS = (
    "周一至周五 上午9:00—12:00，下午13:30—17:30；周六 上午9:00—12:00（企业开办、"
    "不动产登记等专区延时服务；24小时自助服务区全天开放）"
)
STATION_HOURS = "周一至周日 上午9:00—12:00，下午14:00—17:30（法定节假日除外，部分派出所周末轮休请先电话确认）"
TOWN_HOURS = "周一至周五 上午9:00—12:00，下午14:00—17:30（法定节假日除外）"

ONLINE_PLACE = Place(
    name="渝快办（网上办事大厅、“渝快办”APP、微信/支付宝小程序）",
    address="https://zwykb.cq.gov.cn ；手机应用市场搜索“渝快办”",
    hours="7×24小时全天受理，非工作日提交的申请顺延至下一工作日处理",
    phone=COMPLAINT_PHONE,
)

CITY_HALL = Place(
    name="重庆市政务服务中心（市级政务服务大厅）",
    address="重庆市渝北区青枫北路6号 重庆市政务服务中心一楼综合受理窗口",
    hours=EXTENDED_HOURS,
    phone="023-67856789",
)

DISTRICT_HALLS = (
    Place(
        name="渝中区政务服务中心",
        address="重庆市渝中区和平路1号 一楼综合窗口",
        hours=HALL_HOURS,
        phone="023-63765432",
    ),
    Place(
        name="南岸区政务服务中心",
        address="重庆市南岸区江南大道23号 政务服务大厅",
        hours=HALL_HOURS,
        phone="023-62988123",
    ),
    Place(
        name="沙坪坝区政务服务中心",
        address="重庆市沙坪坝区凤天大道29号 政务服务大厅",
        hours=HALL_HOURS,
        phone="023-65367890",
    ),
    Place(
        name="其他区县政务服务中心",
        address="所在区县政务服务中心综合受理窗口（地址、电话见渝快办“办事大厅”地图）",
        hours=HALL_HOURS,
    ),
)

POLICE_STATIONS = Place(
    name="户籍所在地（或拟迁入地）公安派出所户政窗口",
    address="所在地公安派出所户政服务窗口（地址见渝快办“警务服务”地图）",
    hours=STATION_HOURS,
    phone="023-63961110",
)

TOWN_CENTRES = Place(
    name="乡镇（街道）便民服务中心、村（社区）便民服务站",
    address="居住地所在乡镇（街道）便民服务中心综合窗口",
    hours=TOWN_HOURS,
)


def district_places(*extra: Place) -> tuple[Place, ...]:
    """The usual list for a district-implemented matter: online first, then the halls."""
    return (ONLINE_PLACE, *DISTRICT_HALLS, *extra)


def city_places(*extra: Place) -> tuple[Place, ...]:
    """The usual list for a city-implemented matter."""
    return (ONLINE_PLACE, CITY_HALL, *extra)


def person_fields(group: str = "申请人信息", who: str = "申请人") -> tuple[Field, ...]:
    """Name, resident ID and mobile phone of a natural-person applicant."""
    return (
        Field(
            name="applicant_name",
            label=f"{who}姓名",
            help="与居民身份证上的姓名一致",
            example="张三",
            max_length=30,
            group=group,
        ),
        Field(
            name="applicant_id_number",
            label=f"{who}公民身份号码",
            type=FieldType.RESIDENT_ID,
            help="18位居民身份证号码，末位为X的请填写大写X",
            example="500103199001011234",
            group=group,
        ),
        Field(
            name="applicant_phone",
            label="联系电话",
            type=FieldType.PHONE,
            help="办理进度和结果将通过短信发送到此号码",
            example="13800000000",
            group=group,
        ),
    )


def company_fields(group: str = "申请单位信息") -> tuple[Field, ...]:
    """Name and unified social credit code of a company applicant, plus its contact person."""
    return (
        Field(
            name="company_name",
            label="单位名称",
            help="与营业执照上的名称一致",
            example="重庆渝快科技有限公司",
            max_length=100,
            group=group,
        ),
        Field(
            name="credit_code",
            label="统一社会信用代码",
            type=FieldType.CREDIT_CODE,
            help="18位统一社会信用代码，见营业执照左上方",
            example="91500103MA5U7ABC1X",
            group=group,
        ),
        Field(
            name="contact_name",
            label="经办人姓名",
            example="李四",
            max_length=30,
            group=group,
        ),
        Field(
            name="contact_phone",
            label="经办人手机号码",
            type=FieldType.PHONE,
            help="用于接收受理、补正和办结短信",
            example="13900000000",
            group=group,
        ),
    )


def agent_fields(group: str = "代理人信息") -> tuple[Field, ...]:
    """Whether someone applies on the applicant's behalf; the agent's identity shows only then."""
    show = ShowIf(field="by_agent", values=("yes",))
    return (
        Field(
            name="by_agent",
            label="是否委托他人代为办理",
            type=FieldType.RADIO,
            options=(Option(value="no", label="本人办理"), Option(value="yes", label="委托代理人办理")),
            help="委托他人办理的，须同时上传授权委托书和代理人身份证件",
            group=group,
        ),
        Field(
            name="agent_name",
            label="代理人姓名",
            show_if=show,
            example="王五",
            max_length=30,
            group=group,
        ),
        Field(
            name="agent_id_number",
            label="代理人公民身份号码",
            type=FieldType.RESIDENT_ID,
            show_if=show,
            example="500106198805052345",
            group=group,
        ),
    )


def delivery_address_field(group: str = "结果送达") -> Field:
    return Field(
        name="delivery_address",
        label="邮寄地址",
        type=FieldType.ADDRESS,
        help="证照、印章将通过EMS免费寄送至此地址，请精确到门牌号",
        example="重庆市渝北区龙溪街道金山路18号2单元1201",
        group=group,
    )


def id_card_material(who: str = "申请人", name: str = "applicant_id_card") -> Material:
    return Material(
        name=name,
        title=f"{who}居民身份证",
        kinds=("jpg", "png", "pdf"),
        max_size_mb=5,
        max_files=2,
        form="电子件",
        sample="身份证人像面和国徽面各一张，四角完整、字迹清晰、无反光；已通过电子证照库核验的可免提交",
        note="已实名认证并授权调用电子证照的，系统自动获取，无需上传",
    )


def authorisation_material() -> Material:
    return Material(
        name="power_of_attorney",
        title="授权委托书及代理人居民身份证",
        required=False,
        condition="委托他人代为办理的",
        kinds=("pdf", "jpg", "png"),
        max_size_mb=5,
        max_files=3,
        form="原件扫描件",
        sample="写明委托事项、权限和期限，由委托人签名（单位加盖公章），附代理人身份证正反面",
    )
