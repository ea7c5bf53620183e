"""Field rules of the application form, one type at a time."""

import pytest

from app.applications import form
from plugins import Field, FieldType, Option, ShowIf

CHOICES = (Option(value="a", label="甲"), Option(value="b", label="乙"))


@pytest.mark.parametrize(("field", "value", "message"), [
    (Field(name="x", label="姓名"), "", "请填写姓名"),
    (Field(name="x", label="姓名", max_length=5), "张" * 6, "不能超过5个字"),
    (Field(name="x", label="说明", type=FieldType.TEXTAREA), "字" * 2001, "不能超过2000个字"),
    (Field(name="x", label="类型", type=FieldType.SELECT, options=CHOICES), "", "请选择类型"),
    (Field(name="x", label="类型", type=FieldType.SELECT, options=CHOICES), "<b>", "请从列表中选择类型"),
    (Field(name="x", label="事项", type=FieldType.CHECKBOX, options=CHOICES), "a,z", "请从列表中选择"),
    (Field(name="x", label="面积", type=FieldType.NUMBER), "十", "应为数字"),
    (Field(name="x", label="注册资本", type=FieldType.MONEY), "1.234", "最多两位小数"),
    (Field(name="x", label="注册资本", type=FieldType.MONEY), "-1", "不小于0"),
    (Field(name="x", label="日期", type=FieldType.DATE), "2026-02-30", "有效日期"),
    (Field(name="x", label="电话", type=FieldType.PHONE), "1234", "11位手机号码"),
    (Field(name="x", label="身份证", type=FieldType.RESIDENT_ID), "110105194912310021", "校验位"),
    (Field(name="x", label="代码", type=FieldType.CREDIT_CODE), "91350100M000100Y44", "校验位"),
    (Field(name="x", label="地址", type=FieldType.ADDRESS), "500103|短", "精确到门牌号"),
    (Field(name="x", label="地址", type=FieldType.ADDRESS), "999999|渝中区解放碑民族路1号", "所在区县"),
    (Field(name="x", label="签名", type=FieldType.SIGNATURE), "", "请上传签名"),
])
def test_bad_values_get_a_chinese_message(field, value, message):
    problem = form.check(field, value)
    assert problem and message in problem


@pytest.mark.parametrize(("field", "value"), [
    (Field(name="x", label="类型", type=FieldType.CHECKBOX, options=CHOICES), "a,b"),
    (Field(name="x", label="注册资本", type=FieldType.MONEY), "100000.50"),
    (Field(name="x", label="电话", type=FieldType.PHONE), "13800138000"),
    (Field(name="x", label="身份证", type=FieldType.RESIDENT_ID), "11010519491231002X"),
    (Field(name="x", label="地址", type=FieldType.ADDRESS), "500103|渝中区解放碑街道民族路188号"),
    (Field(name="x", label="备注", required=False), ""),
])
def test_good_values_pass(field, value):
    assert form.check(field, value) is None


def test_hidden_conditional_fields_are_not_required():
    fields = (
        Field(name="agent", label="委托", type=FieldType.RADIO, options=CHOICES),
        Field(name="agent_name", label="代理人姓名", show_if=ShowIf(field="agent", values=("b",))),
    )
    assert form.validate_page(fields, {"agent": "a"}) == {}
    assert form.validate_page(fields, {"agent": "b"}) == {"agent_name": "请填写代理人姓名"}


def test_pages_follow_declared_groups_in_order():
    from plugins import manager

    matter = manager.load().matters["business-licence-change"]
    pages = form.pages(matter)
    assert [p.index for p in pages] == list(range(len(pages)))
    assert sum(len(p.fields) for p in pages) == len(matter.fields)
