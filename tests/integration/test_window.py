"""The window: scoped queues, the staff case page, accept, refuse and the one-time notice."""

from __future__ import annotations

import re

import pytest
from litestar.testing import AsyncTestClient

from app.factory import create_app
from tests.integration.apply_helpers import act_for_company, fill_and_submit
from tests.integration.test_accounts import csrf
from tests.integration.test_apply import _declared, verified

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def make_staff(settings, username, role, region, departments):
    from app.accounts import service
    from app.runtime import Runtime

    rt = Runtime(settings)
    await rt.start(sync=False)
    await service.add_staff(rt.engine, username=username, password="window-pass-1", role=role, name=f"员工{username}",
                            region_code=region, departments=departments)
    await rt.stop()


class Identities:
    """One test client (one running app) that acts as several people by swapping cookie jars."""

    def __init__(self, client) -> None:
        self.client = client
        self.jars: dict[str, object] = {}

    def save(self, who: str) -> None:
        import httpx

        self.jars[who] = self.client.cookies
        self.client.cookies = httpx.Cookies()

    def act_as(self, who: str):
        self.client.cookies = self.jars[who]
        return self.client

    async def staff(self, username: str) -> None:
        c = self.client
        await c.get("/staff/signin")
        r = await c.post("/staff/signin", data={"username": username, "password": "window-pass-1",
                                                "_csrf_token": csrf(c)})
        assert r.status_code == 303
        self.save(username)


async def test_intake_decisions_are_scoped_and_on_the_timeline(settings):
    matter = _declared("residence-permit")
    await make_staff(settings, "w-yuzhong", "clerk", "500103", (matter.department,))
    await make_staff(settings, "w-nanan", "clerk", "500108", (matter.department,))
    await make_staff(settings, "w-review", "reviewer", "500103", (matter.department,))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13822220001")
        first = await fill_and_submit(client, matter)
        second = await fill_and_submit(client, matter, upload_seed=7)
        who.save("citizen")
        for name in ("w-yuzhong", "w-nanan", "w-review"):
            await who.staff(name)

        clerk = who.act_as("w-yuzhong")
        queue = await clerk.get("/window")
        assert queue.status_code == 200 and first in queue.text and "待受理" in queue.text
        other = who.act_as("w-nanan")
        assert first not in (await other.get("/window")).text
        assert (await other.get(f"/window/cases/{first}")).status_code == 404
        assert (await who.act_as("citizen").get("/window")).status_code == 404
        reviewer = who.act_as("w-review")
        assert (await reviewer.post(f"/window/cases/{first}/accept",
                                    data={"_csrf_token": csrf(reviewer)})).status_code == 404

        clerk = who.act_as("w-yuzhong")
        assert (await clerk.post(f"/window/cases/{first}/accept")).status_code == 403, "CSRF"
        accepted = await clerk.post(f"/window/cases/{first}/accept", data={"_csrf_token": csrf(clerk)})
        assert accepted.status_code == 303
        page = (await clerk.get(f"/window/cases/{first}")).text
        assert "已受理" in page and "员工w-yuzhong" in page
        again = await clerk.post(f"/window/cases/{first}/accept", data={"_csrf_token": csrf(clerk)})
        assert again.status_code == 409 and "不能" in again.text

        no_reason = await clerk.post(f"/window/cases/{second}/refuse", data={"_csrf_token": csrf(clerk), "reason": " "})
        assert no_reason.status_code == 422 and "请填写不予受理的理由" in no_reason.text
        material = matter.materials[0]
        notice = await clerk.post(f"/window/cases/{second}/correction", data={
            "_csrf_token": csrf(clerk), "items": [f"material:{material.name}"],
            f"note:material:{material.name}": "<b>照片模糊</b>，请重新上传", "note": "请一次性补齐"})
        assert notice.status_code == 303
        assert second in (await clerk.get("/window?tab=correction")).text
        filtered = (await clerk.get("/window", params={"tab": "correction", "applicant": "没有这个人"})).text
        assert second not in filtered and "该队列暂无办件" in filtered
        by_matter = (await clerk.get("/window", params={"tab": "correction", "matter": matter.key,
                                                       "channel": "web", "applicant": "张"})).text
        assert second in by_matter

        citizen = who.act_as("citizen")
        tracking = (await citizen.get(f"/cases/{first}")).text
        assert "已受理" in tracking and re.search(r"<dt>承诺办结时限</dt><dd>\d{4}-\d{2}-\d{2}", tracking)
        tracking = (await citizen.get(f"/cases/{second}")).text
        assert "待补正" in tracking and "请按以下清单补正后重新提交" in tracking
        assert material.title in tracking and "&lt;b&gt;照片模糊" in tracking

        bad = await citizen.post(f"/cases/{second}/resubmit", data={"_csrf_token": csrf(citizen)})
        assert bad.status_code == 422 and "请先上传补正材料" in bad.text
        from tests.integration.apply_helpers import sample_file

        name, payload = sample_file(material.kinds, 42)
        up = await citizen.post(f"/cases/{second}/materials/{material.name}", data={"_csrf_token": csrf(citizen)},
                                files={"files": (name, payload, "image/png")})
        assert up.status_code == 303
        again = await citizen.post(f"/cases/{second}/resubmit", data={"_csrf_token": csrf(citizen)})
        assert again.status_code == 303
        assert "已补正，待受理" in (await citizen.get(f"/cases/{second}")).text
        me = (await citizen.get("/me")).text
        assert "消息通知" in me and "已受理" in me and "待补正" in me, "each status change is listed on /me"
        clerk = who.act_as("w-yuzhong")
        assert second in (await clerk.get("/window?tab=intake")).text
        page = (await clerk.get(f"/window/cases/{second}")).text
        assert "已按一次性告知补正" in page, "the resubmission is on the staff timeline"


async def test_parallel_reviews_complete_only_when_every_member_approved(settings):
    matter = _declared("construction-permit")
    await make_staff(settings, "c-clerk", "clerk", "500103", ("housing",))
    await make_staff(settings, "c-housing", "reviewer", "500103", ("housing",))
    await make_staff(settings, "c-fire", "reviewer", "500000", ("fire",))
    await make_staff(settings, "c-cad", "reviewer", "500000", ("civil_air_defence",))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13822220002")
        await act_for_company(client)
        number = await fill_and_submit(client, matter)
        who.save("citizen")
        for name in ("c-clerk", "c-housing", "c-fire", "c-cad"):
            await who.staff(name)

        async def decide(name, key, decision="approve", opinion="符合要求"):
            c = who.act_as(name)
            return await c.post(f"/window/cases/{number}/steps/{key}",
                                data={"_csrf_token": csrf(c), "decision": decision, "opinion": opinion})

        clerk = who.act_as("c-clerk")
        assert (await clerk.post(f"/window/cases/{number}/accept", data={"_csrf_token": csrf(clerk)})).status_code == 303
        fire = who.act_as("c-fire")
        assert (await fire.get(f"/window/cases/{number}")).status_code == 200, "fire sees the case it holds a step in"
        assert (await decide("c-fire", "fire_review")).status_code == 422, "not active before quality & safety"
        assert (await decide("c-fire", "quality_safety")).status_code == 404, "fire cannot approve a housing step"
        assert (await decide("c-housing", "quality_safety", opinion="")).status_code == 422
        assert (await decide("c-housing", "quality_safety")).status_code == 303
        assert (await decide("c-fire", "fire_review")).status_code == 303
        page = (await who.act_as("c-clerk").get(f"/window/cases/{number}")).text
        assert "审核中" in page and "人防审查" in page
        assert "审核通过" not in (await who.act_as("citizen").get(f"/cases/{number}")).text
        assert (await decide("c-cad", "civil_air_defence_review")).status_code == 303
        assert (await decide("c-housing", "approve", opinion="准予许可")).status_code == 303
        tracking = (await who.act_as("citizen").get(f"/cases/{number}")).text
        assert "审核通过" in tracking
        clerk = who.act_as("c-clerk")
        done = await clerk.post(f"/window/cases/{number}/complete", data={"_csrf_token": csrf(clerk),
                                                                          "result": "准予施工许可"})
        assert done.status_code == 303
        tracking = (await who.act_as("citizen").get(f"/cases/{number}")).text
        assert "已办结" in tracking and "准予施工许可" in tracking
        for words in ("消防设计审查：同意", "人防审查：同意", "质量安全监督登记：同意"):
            assert words in tracking
