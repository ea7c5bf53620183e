"""帮办代办 and 即办件: a clerk applies for a walk-in applicant, scans their papers in one go, and
finishes an instant matter at the counter; the applicant follows the case online afterwards."""

from __future__ import annotations

import re

import pytest
from litestar.testing import AsyncTestClient

from app.factory import create_app
from tests.integration.apply_helpers import PERSON_ID, complete_draft, png_bytes
from tests.integration.test_accounts import csrf, last_code, sign_in
from tests.integration.test_apply import _declared, verified
from tests.integration.test_results import age_codes, assert_tally_matches_a_scan, query
from tests.integration.test_window import Identities, make_staff

pytestmark = pytest.mark.asyncio(loop_scope="session")
WALK_IN = "13855550001"


def _valid_id(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


async def test_a_clerk_applies_for_a_walk_in_and_finishes_an_instant_matter_at_the_counter(settings):
    matter = _declared("individual-business-registration")
    assert matter.instant
    walk_in_id = _valid_id("50010319900307123")
    await make_staff(settings, "i-clerk", "clerk", "500103", ("market",))
    await make_staff(settings, "i-other", "clerk", "500103", ("market",))
    await make_staff(settings, "i-supervisor", "supervisor", "500000", ())
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        for name in ("i-clerk", "i-other", "i-supervisor"):
            await who.staff(name)
        await verified(client, "13855550002")
        who.save("someone else")

        clerk = who.act_as("i-clerk")
        form = await clerk.get("/window/intake")
        assert form.status_code == 200 and matter.name in form.text
        bad = await clerk.post("/window/intake", data={"_csrf_token": csrf(clerk), "phone": "123", "name": "",
                                                        "resident_id": "500103199003071230", "matter": "nope"})
        assert bad.status_code == 422
        for message in ("请输入11位手机号码", "请输入申请人姓名", "请选择本窗口可受理的事项"):
            assert message in bad.text
        walk_in = {"_csrf_token": csrf(clerk), "phone": WALK_IN, "name": "李四", "resident_id": walk_in_id,
                   "matter": matter.key}
        asked = await clerk.post("/window/intake", data=walk_in)
        assert asked.status_code == 200 and 'name="code"' in asked.text, "a new phone must be proven first"
        assert (await query(settings, "SELECT count(*) AS n FROM account WHERE phone = {}", WALK_IN))[0]["n"] == 0
        wrong = await clerk.post("/window/intake", data={**walk_in, "code": "000000"})
        assert wrong.status_code == 422 and "验证码不正确" in wrong.text
        code = await last_code(clerk, WALK_IN)
        who.save("i-clerk")
        await client.get("/signin")
        misuse = await client.post("/signin/verify", data={"phone": WALK_IN, "code": code, "next": "/me",
                                                           "_csrf_token": csrf(client)})
        assert misuse.status_code == 422, "a code read out at the window signs nobody in"
        clerk = who.act_as("i-clerk")
        start = await clerk.post("/window/intake", data={**walk_in, "code": code})
        assert start.status_code == 303, start.text[start.text.find("error-summary"):][:500]
        draft_url = start.headers["location"].rsplit("/", 1)[0]
        assert re.fullmatch(r"/apply/\d+", draft_url)
        assert (await who.act_as("i-other").get(f"{draft_url}/0")).status_code == 404, "another clerk's draft"
        assert (await who.act_as("someone else").get(f"{draft_url}/0")).status_code == 404
        who.jars["walk-in"] = __import__("httpx").Cookies()
        await age_codes(settings, WALK_IN)
        signed = await sign_in(who.act_as("walk-in"), WALK_IN)
        assert signed.status_code == 303 and signed.headers["location"] == "/me"
        who.save("walk-in")
        assert (await who.act_as("walk-in").get(f"{draft_url}/0")).status_code == 404, "the clerk's until submitted"

        # The scanned folder: one file the system cannot place is listed, the rest are filed.
        clerk = who.act_as("i-clerk")
        odd = await clerk.post(f"{draft_url}/bulk", data={"_csrf_token": csrf(clerk)},
                               files=[("files", ("扫描件/IMG_0001.png", png_bytes(3), "image/png"))])
        assert odd.status_code == 422 and "IMG_0001.png" in odd.text and "未能从文件名识别" in odd.text
        number = await complete_draft(clerk, matter, draft_url, upload_seed=4, bulk=True)
        page = (await clerk.get(f"/window/cases/{number}")).text
        assert "窗口" in page and "工作人员代为录入（渝中区政务服务中心）" in page and "员工i-clerk" in page
        rows = await query(settings, "SELECT channel, entered_by, account_id FROM kb_case WHERE number = {}", number)
        staff_id = (await query(settings, "SELECT id FROM account WHERE username = 'i-clerk'"))[0]["id"]
        assert rows[0]["channel"] == "window" and rows[0]["entered_by"] == staff_id
        files = await query(settings, "SELECT material FROM upload WHERE case_id = (SELECT id FROM kb_case "
                                      "WHERE number = {}) ORDER BY material", number)
        assert sorted(f["material"] for f in files) == sorted(m.name for m in matter.materials if m.required)

        # 即办件: accepted, reviewed and completed in one sitting; the licence is issued at once.
        assert (await who.act_as("i-supervisor").post(f"/window/cases/{number}/finish", data={
            "_csrf_token": csrf(who.act_as("i-supervisor")), "result": "x"})).status_code == 404
        clerk = who.act_as("i-clerk")
        empty = await clerk.post(f"/window/cases/{number}/finish", data={"_csrf_token": csrf(clerk), "result": ""})
        assert empty.status_code == 422 and "请填写办结结果" in empty.text
        done = await clerk.post(f"/window/cases/{number}/finish", data={"_csrf_token": csrf(clerk),
                                                                        "result": "准予登记，当场发照"})
        assert done.status_code == 303
        page = (await clerk.get(f"/window/cases/{number}")).text
        assert "已办结" in page and "个体工商户营业执照" in page and "当场审核通过" in page
        await assert_tally_matches_a_scan(settings, ("i-clerk", "i-other", "i-supervisor"), rebuild=True)
        tabs = (await clerk.get("/window?tab=done")).text
        assert re.search(r"已办结 <span class=\"count\">[1-9]", tabs) and number in tabs

        # The walk-in signs in with the same mobile number and finds everything there.
        walk_in = who.act_as("walk-in")
        me = (await walk_in.get("/me")).text
        assert number in me and "个体工商户营业执照" in me and "李四" in me
        tracking = (await walk_in.get(f"/cases/{number}")).text
        assert "工作人员代为录入" in tracking and "已办结" in tracking
        assert (await walk_in.get(f"{draft_url}/0")).status_code == 404, "the clerk's draft stays the clerk's"


async def test_intake_checks_the_walk_in_against_their_real_name_record(settings):
    await make_staff(settings, "j-clerk", "clerk", "500103", ("public_security", "market"))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13855550003")  # 张三, PERSON_ID
        who.save("citizen")
        await who.staff("j-clerk")
        clerk = who.act_as("j-clerk")
        other_id = _valid_id("50010319851111222")
        r = await clerk.post("/window/intake", data={"_csrf_token": csrf(clerk), "phone": "13855550003",
                                                     "name": "张三", "resident_id": other_id,
                                                     "matter": "residence-permit"})
        assert r.status_code == 422 and "不一致" in r.text
        r = await clerk.post("/window/intake", data={"_csrf_token": csrf(clerk), "phone": "13855550003",
                                                     "name": "张三", "resident_id": PERSON_ID,
                                                     "matter": "residence-permit"})
        assert r.status_code == 303
        draft_url = r.headers["location"].rsplit("/", 1)[0]
        number = await complete_draft(clerk, _declared("residence-permit"), draft_url)
        r = await clerk.post(f"/window/cases/{number}/finish", data={"_csrf_token": csrf(clerk), "result": "x"})
        assert r.status_code == 422 and "不是即办件" in r.text
        mine = (await who.act_as("citizen").get("/me")).text
        assert number in mine, "an existing applicant finds the window's case on /me"


async def test_an_account_without_a_real_name_must_prove_its_phone_at_the_window(settings):
    """Somebody once signed in with this phone but never gave a real name: it is not the walk-in's
    until the walk-in reads out the code sent to it (a mistyped number must not bind a stranger)."""
    await make_staff(settings, "k-clerk", "clerk", "500103", ("public_security",))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await sign_in(client, "13855550007")  # an account, no real name
        who.save("holder")
        await who.staff("k-clerk")
        clerk = who.act_as("k-clerk")
        await age_codes(settings, "13855550007")
        walk_in = {"_csrf_token": csrf(clerk), "phone": "13855550007", "name": "赵六",
                   "resident_id": _valid_id("50010319700101123"), "matter": "residence-permit"}
        asked = await clerk.post("/window/intake", data=walk_in)
        assert asked.status_code == 200 and 'name="code"' in asked.text
        rows = await query(settings, "SELECT name, resident_id FROM account WHERE phone = '13855550007'")
        assert rows[0]["name"] is None and rows[0]["resident_id"] is None, "nothing bound before the code"
        start = await clerk.post("/window/intake", data={**walk_in, "code": await last_code(clerk, "13855550007")})
        assert start.status_code == 303
        rows = await query(settings, "SELECT name FROM account WHERE phone = '13855550007'")
        assert rows[0]["name"] == "赵六"
