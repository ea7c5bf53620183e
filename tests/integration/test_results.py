"""From an online application to a licence a stranger can verify through its QR link.

submit → one-time notice at intake → resubmit → accept → parallel reviews, with a one-time notice from
the fire review (clock paused) → resubmit → reviews finish → complete → e-licence (page, PDF, seal
image) → /me → /verify/{token}: masked, logged, rate-limited; a rejection's decision letter.
"""

from __future__ import annotations

import html
import re

import pytest
from litestar.testing import AsyncTestClient

from app.db.engine import fetch
from app.factory import create_app
from app.licences import service as licences
from tests.integration.apply_helpers import (
    COMPANY, CREDIT_CODE, PERSON_ID, act_for_company, fill_and_submit, review_steps, sample_file, start_draft,
)
from tests.integration.test_accounts import csrf, sign_in
from tests.integration.test_apply import _declared, verified
from tests.integration.test_window import Identities, make_staff

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def query(settings, sql: str, *args) -> list[dict]:
    """Read (or tidy) the database beside the app, through a runtime of this test's own loop."""
    from app.runtime import Runtime

    rt = Runtime(settings)
    await rt.start(sync=False)
    try:
        async with rt.engine.transaction():
            return await fetch(rt.engine, sql, *args)
    finally:
        await rt.stop()


async def age_codes(settings, phone: str) -> None:
    """Let a minute pass for this phone's codes (a second code within 60 s is refused, rightly)."""
    await query(settings, "UPDATE otp_code SET created_at = {} WHERE phone = {}",
                __import__("datetime").datetime(2020, 1, 1, tzinfo=__import__("datetime").UTC), phone)


async def rebuild_tally(settings) -> None:
    """Recount the tally (after a test moved dates by hand, which the state-change function never sees)."""
    from app.cases import tally
    from app.runtime import Runtime

    rt = Runtime(settings)
    await rt.start(sync=False)
    try:
        async with rt.engine.transaction():
            await tally.rebuild(rt.engine)
    finally:
        await rt.stop()


async def assert_tally_matches_a_scan(settings, usernames, rebuild: bool = False) -> None:
    """The maintained tab counts equal a count over each staff member's cases, today (and again after
    recounting the tally from scratch, when `rebuild`)."""
    from app.accounts import service as accounts
    from app.cases import tally, window
    from app.runtime import Runtime

    rt = Runtime(settings)
    await rt.start(sync=False)
    try:
        today = rt.clock.local_date(rt.clock.now())
        for username in usernames:
            row = await fetch(rt.engine, "SELECT id FROM account WHERE username = {}", username)
            account = await accounts.get(rt.engine, row[0]["id"])
            kept, scanned = await window.counts(rt.engine, account, today), await window.counted_by_scan(
                rt.engine, account, today)
            assert kept == scanned, (username, kept, scanned)
            if rebuild:
                async with rt.engine.transaction():
                    await tally.rebuild(rt.engine)
                assert await window.counts(rt.engine, account, today) == kept, username
    finally:
        await rt.stop()


async def _decide(who, name, number, key, decision="approve", opinion="符合要求"):
    c = who.act_as(name)
    return await c.post(f"/window/cases/{number}/steps/{key}",
                        data={"_csrf_token": csrf(c), "decision": decision, "opinion": opinion})


async def test_online_case_to_a_licence_verified_through_its_qr_link(settings):
    matter = _declared("construction-permit")
    await make_staff(settings, "r-clerk", "clerk", "500103", ("housing",))
    await make_staff(settings, "r-housing", "reviewer", "500103", ("housing",))
    await make_staff(settings, "r-fire", "reviewer", "500000", ("fire",))
    await make_staff(settings, "r-cad", "reviewer", "500000", ("civil_air_defence",))
    await make_staff(settings, "r-nanan", "clerk", "500108", ("housing",))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13844440001")
        await act_for_company(client)
        number = await fill_and_submit(client, matter)
        who.save("citizen")
        await sign_in(client, "13844440002")
        who.save("stranger")
        who.jars["visitor"] = __import__("httpx").Cookies()
        for name in ("r-clerk", "r-housing", "r-fire", "r-cad", "r-nanan"):
            await who.staff(name)

        # One-time notice: every missing item at once; the applicant sees exactly that list.
        wrong = matter.materials[0]
        clerk = who.act_as("r-clerk")
        r = await clerk.post(f"/window/cases/{number}/correction", data={
            "_csrf_token": csrf(clerk), "items": [f"material:{wrong.name}"],
            f"note:material:{wrong.name}": "申请表未盖单位公章", "note": "请补正后重新提交"})
        assert r.status_code == 303
        citizen = who.act_as("citizen")
        tracking = (await citizen.get(f"/cases/{number}")).text
        assert "申请表未盖单位公章" in tracking and wrong.title in tracking
        name, payload = sample_file(wrong.kinds, 9)
        r = await citizen.post(f"/cases/{number}/materials/{wrong.name}", data={"_csrf_token": csrf(citizen)},
                               files={"files": (name, payload, "application/octet-stream")})
        assert r.status_code == 303
        assert (await citizen.post(f"/cases/{number}/resubmit", data={"_csrf_token": csrf(citizen)})).status_code == 303
        assert number in (await who.act_as("r-clerk").get("/window?tab=intake")).text, "back in the same queue"

        # Accept (days after submitting: the promised date moves), then the parallel reviews, then complete.
        await query(settings, "UPDATE kb_case SET promised_due = {} WHERE number = {}",
                    __import__("datetime").date(2026, 1, 5), number)
        await rebuild_tally(settings)
        clerk = who.act_as("r-clerk")
        assert (await clerk.post(f"/window/cases/{number}/accept", data={"_csrf_token": csrf(clerk)})).status_code == 303
        staff = ("r-clerk", "r-housing", "r-fire", "r-cad", "r-nanan")
        await assert_tally_matches_a_scan(settings, staff)
        fire_tabs = (await who.act_as("r-fire").get("/window")).text
        assert re.search(r"审核中 <span class=\"count\">[1-9]", fire_tabs), "fire counts the case it holds a step in"
        assert (await _decide(who, "r-housing", number, "quality_safety")).status_code == 303

        # During the parallel review the fire reviewer finds a drawing missing: a notice pauses the clock.
        fire_doc = next(m for m in matter.materials if "消防" in m.title)
        fire = who.act_as("r-fire")
        assert f'action="/window/cases/{number}/correction"' in (await fire.get(f"/window/cases/{number}")).text, \
            "the reviewer whose step is open is offered the notice"
        assert "/correction" not in (await who.act_as("r-housing").get(f"/window/cases/{number}")).text, \
            "a reviewer whose steps are decided or still to come is not"
        fire = who.act_as("r-fire")
        r = await fire.post(f"/window/cases/{number}/correction", data={
            "_csrf_token": csrf(fire), "items": [f"material:{fire_doc.name}"],
            f"note:material:{fire_doc.name}": "缺少消防设计说明", "note": ""})
        assert r.status_code == 303
        paused = (await who.act_as("r-fire").get(f"/window/cases/{number}")).text
        assert "等待补正，计时暂停" in paused
        assert (await _decide(who, "r-cad", number, "civil_air_defence_review")).status_code == 422, "paused"
        clerk = who.act_as("r-clerk")
        again = await clerk.post(f"/window/cases/{number}/accept", data={"_csrf_token": csrf(clerk)})
        assert again.status_code == 409 and "不能受理" in again.text, "a case waiting for corrections is not re-accepted"
        # Say it was accepted ten days ago and the notice went out six days ago: the pause's working days
        # move the due dates on when the corrections come back.
        import datetime

        from app.clock import Clock, Pause
        from plugins.builtin.calendar import OfficialCalendar

        now = datetime.datetime.now(datetime.UTC)
        accepted_at, paused_at = now - datetime.timedelta(days=10), now - datetime.timedelta(days=6)
        await query(settings, "UPDATE kb_case SET accepted_at = {} WHERE number = {}", accepted_at, number)
        await query(settings, "UPDATE case_pause SET started_at = {} WHERE ended_at IS NULL", paused_at)
        await assert_tally_matches_a_scan(settings, staff)
        citizen = who.act_as("citizen")
        assert "缺少消防设计说明" in (await citizen.get(f"/cases/{number}")).text
        me = (await citizen.get("/me")).text
        waiting = re.search(r'<h3 id="cases-action"[^>]*>(.*?)</h3>\s*<ul[^>]*>(.*?)</ul>', me, re.S)
        assert waiting and "待我补正（1）" in waiting.group(1) and number in waiting.group(2), "/me puts it first"
        name, payload = sample_file(fire_doc.kinds, 11)
        r = await citizen.post(f"/cases/{number}/materials/{fire_doc.name}", data={"_csrf_token": csrf(citizen)},
                               files={"files": (name, payload, "application/octet-stream")})
        assert r.status_code == 303
        assert (await citizen.post(f"/cases/{number}/resubmit", data={"_csrf_token": csrf(citizen)})).status_code == 303
        back = (await who.act_as("r-fire").get(f"/window/cases/{number}")).text
        assert "审核中" in back and "计时中" in back and "质量安全监督登记" in back, "back to its review, not to intake"
        clock = Clock(OfficialCalendar())
        expected = clock.due_date(accepted_at, matter.promised_limit, [Pause(paused_at, datetime.datetime.now(datetime.UTC))])
        stored = (await query(settings, "SELECT promised_due FROM kb_case WHERE number = {}", number))[0]["promised_due"]
        assert str(stored)[:10] == expected.isoformat(), (stored, expected)
        assert expected > clock.due_date(accepted_at, matter.promised_limit), "the paused days were added"
        await rebuild_tally(settings)  # the dates were moved by hand above
        assert number in (await who.act_as("r-fire").get("/window?tab=review")).text

        for name, key in (("r-fire", "fire_review"), ("r-cad", "civil_air_defence_review"), ("r-housing", "approve")):
            assert (await _decide(who, name, number, key)).status_code == 303, key
        clerk = who.act_as("r-clerk")
        staff_page = (await clerk.get(f"/window/cases/{number}")).text
        assert "已用工作日" in staff_page and "剩余工作日" in staff_page
        assert CREDIT_CODE in staff_page and PERSON_ID in staff_page, "the window sees whom it serves"
        from plugins.geography import DEPARTMENTS

        for department in ("fire", "civil_air_defence"):
            assert DEPARTMENTS[department].name in staff_page, "each step says which department holds it"
        r = await clerk.post(f"/window/cases/{number}/complete", data={"_csrf_token": csrf(clerk),
                                                                      "result": "准予施工许可"})
        assert r.status_code == 303

        await assert_tally_matches_a_scan(settings, staff)
        tracking = (await who.act_as("citizen").get(f"/cases/{number}")).text
        assert "办理结果" in tracking and "建筑工程施工许可证" in tracking
        licence_id = re.search(r'href="/licences/(\d+)/pdf"', tracking).group(1)
        me = (await who.act_as("citizen").get("/me")).text
        assert f"/licences/{licence_id}" in me and "建筑工程施工许可证" in me
        done = re.search(r'<h3 id="cases-done"[^>]*>(.*?)</h3>\s*<ul[^>]*>(.*?)</ul>', me, re.S)
        assert done and "已办结（1）" in done.group(1) and number in done.group(2)
        assert 'id="cases-action"' not in me

        page = await who.act_as("citizen").get(f"/licences/{licence_id}")
        assert page.status_code == 200 and COMPANY in page.text and "<svg" in page.text
        verify_url = re.search(r'href="(https?://[^"]+/verify/([A-Za-z0-9_-]+))"', html.unescape(page.text))
        assert verify_url, "the licence page links its check URL (the QR code's target)"
        token = verify_url.group(2)
        pdf = await who.act_as("citizen").get(f"/licences/{licence_id}/pdf")
        assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF") and b"attachment" in pdf.headers["content-disposition"].encode()
        seal = await who.act_as("citizen").get(f"/licences/{licence_id}/seal.png")
        assert seal.status_code == 200 and seal.content.startswith(b"\x89PNG")
        assert (await who.act_as("r-clerk").get(f"/licences/{licence_id}")).status_code == 200, "staff in scope"
        for role in ("stranger", "r-nanan"):
            for suffix in ("", "/pdf", "/seal.png"):
                r = await who.act_as(role).get(f"/licences/{licence_id}{suffix}")
                assert r.status_code == 404, (role, suffix, r.status_code)
        r = await who.act_as("visitor").get(f"/licences/{licence_id}")
        assert r.status_code == 303 and "signin" in r.headers["location"]

        # The stranger scanning the QR code needs no account and sees only what a verifier needs.
        check = await who.act_as("visitor").get(f"/verify/{token}")
        assert check.status_code == 200
        assert "核验通过" in check.text and "建筑工程施工许可证" in check.text and COMPANY in check.text
        assert CREDIT_CODE not in check.text and licences.mask_id(CREDIT_CODE) in check.text
        assert "准予施工许可" not in check.text, "the case's own details stay private"
        missing = await who.act_as("visitor").get("/verify/" + "x" * 24)
        assert missing.status_code == 404 and "未找到" in missing.text
        logged = await query(settings, "SELECT licence_id, found FROM verify_check ORDER BY id")
        assert [(r["licence_id"], bool(r["found"])) for r in logged][-2:] == [(int(licence_id), True), (None, False)]

        statuses = [(await who.act_as("visitor").get(f"/verify/{token}")).status_code
                    for _ in range(licences.VERIFY_PER_MINUTE)]
        assert statuses[-1] == 429 and 200 in statuses, statuses
        limited = await who.act_as("visitor").get(f"/verify/{token}")
        assert "核验过于频繁" in limited.text and limited.headers["retry-after"] == "60"
        await query(settings, "DELETE FROM verify_check")  # later tests check from the same address


async def test_a_rejected_case_gets_a_decision_letter_with_the_reasons_and_a_person_is_masked(settings):
    matter = _declared("residence-permit")
    await make_staff(settings, "d-clerk", "clerk", "500103", (matter.department,))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13844440003")
        approved = await fill_and_submit(client, matter)
        rejected = await fill_and_submit(client, matter, upload_seed=5)
        who.save("citizen")
        await who.staff("d-clerk")
        clerk = who.act_as("d-clerk")
        steps = review_steps(matter)
        for number, decision in ((approved, "approve"), (rejected, "reject")):
            assert (await clerk.post(f"/window/cases/{number}/accept", data={"_csrf_token": csrf(clerk)})).status_code == 303
            for key in (steps if decision == "approve" else steps[:1]):
                r = await _decide(who, "d-clerk", number, key, decision, "居住证明与实际居住地址不符"
                                  if decision == "reject" else "符合条件")
                assert r.status_code == 303
            r = await clerk.post(f"/window/cases/{number}/complete", data={"_csrf_token": csrf(clerk),
                                                                           "result": "办结"})
            assert r.status_code == 303

        letter_page = (await who.act_as("citizen").get(f"/cases/{rejected}")).text
        title = "不予行政许可决定书" if matter.type.value == "行政许可" else "不予办理告知书"
        assert title in letter_page
        letter_id = re.search(r'href="/licences/(\d+)"', letter_page).group(1)
        letter = (await who.act_as("citizen").get(f"/licences/{letter_id}")).text
        assert "居住证明与实际居住地址不符" in letter and "行政复议" in letter
        assert ("本决定书" if title.endswith("决定书") else "本告知书") in letter, "the letter names itself"
        assert (await who.act_as("citizen").get(f"/licences/{letter_id}/pdf")).content.startswith(b"%PDF")

        card_page = (await who.act_as("citizen").get(f"/cases/{approved}")).text
        card_id = re.search(r'href="/licences/(\d+)"', card_page).group(1)
        card = (await who.act_as("citizen").get(f"/licences/{card_id}")).text
        token = re.search(r"/verify/([A-Za-z0-9_-]+)", html.unescape(card)).group(1)
        who.jars["visitor"] = __import__("httpx").Cookies()
        check = (await who.act_as("visitor").get(f"/verify/{token}")).text
        assert "张*" in check and "张三" not in check
        assert PERSON_ID not in check and licences.mask_id(PERSON_ID) in check
        wallet = (await who.act_as("citizen").get("/me")).text
        assert f"/licences/{card_id}" in wallet and f"/licences/{letter_id}" not in wallet, "letters are not licences"


async def test_an_issued_licence_is_offered_as_a_material_in_a_later_application(settings):
    change = _declared("business-licence-change")
    await make_staff(settings, "u-clerk", "clerk", "500103", ("market",))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13844440004")
        await act_for_company(client)
        number = await fill_and_submit(client, change)
        who.save("citizen")
        await who.staff("u-clerk")
        clerk = who.act_as("u-clerk")
        await clerk.post(f"/window/cases/{number}/accept", data={"_csrf_token": csrf(clerk)})
        for step in review_steps(change):
            assert (await _decide(who, "u-clerk", number, step)).status_code == 303
        assert (await clerk.post(f"/window/cases/{number}/complete", data={"_csrf_token": csrf(clerk),
                                                                          "result": "准予变更登记"})).status_code == 303
        sms = await query(settings, "SELECT body FROM outbox WHERE kind = 'sms' ORDER BY id")
        texts = [r["body"] for r in sms if number in r["body"]]
        assert any("已受理" in t for t in texts) and any("已审核通过" in t for t in texts)
        assert any("已办结" in t and "营业执照" in t for t in texts), "the applicant hears of each change by SMS"

        citizen = who.act_as("citizen")
        started = await start_draft(citizen, "seal-carving")  # as the company (its first)
        draft = started.headers["location"].rsplit("/", 1)[0]
        from app.applications import form

        materials_page = f"{draft}/{len(form.pages(_declared('seal-carving')))}"
        page = (await citizen.get(materials_page)).text
        offer = re.search(r'action="(' + draft + r'/materials/business_licence/licence/\d+)"', page)
        assert offer and "使用我的证照：" in page, "the licence is offered under the matching material"
        r = await citizen.post(offer.group(1), data={"_csrf_token": csrf(citizen)})
        assert r.status_code == 303
        page = (await citizen.get(materials_page)).text
        listed = re.search(r'<section[^>]+id="m-business_licence".*?</section>', page, re.S).group(0)
        assert "营业执照（" in listed and ".pdf" in listed
        file_id = re.search(r'href="/files/(\d+)"', listed).group(1)
        pdf = await citizen.get(f"/files/{file_id}")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


async def test_seal_codes_stay_unique_across_years(settings):
    """Seal codes carry no year: the sequence must not start again on 1 January."""
    import datetime
    import json

    from app.runtime import Runtime

    rt = Runtime(settings)
    await rt.start(sync=False)
    try:
        matter = _declared("seal-carving")
        now = datetime.datetime.now(datetime.UTC)
        numbers = []
        for case_id, day in ((900001, datetime.date(2026, 12, 31)), (900002, datetime.date(2027, 1, 4))):
            case = {"id": case_id, "account_id": 1, "company_id": None, "region_code": "500106",
                    "number": f"50010620261231{case_id}", "submitted_at": now, "applicant_name": "张三",
                    "answers": json.dumps({"company_name": f"重庆年末{case_id}有限公司"})}
            async with rt.engine.transaction():
                issued = await licences.issue(rt.engine, rt.host.pm, case, matter, approved=True, result="刻制完成",
                                              reasons=[], issued_on=day)
            numbers += [i["number"] for i in issued if i["kind"] == "seal"]
        assert len(numbers) == 2 and len(set(numbers)) == 2, numbers
        assert all(re.fullmatch(r"500106\d{7}", n) for n in numbers), numbers
    finally:
        await rt.stop()


async def test_a_bundle_is_taken_in_once_and_completes_with_its_last_member(settings):
    """一件事一次办: one acceptance at the main case starts every member; each department finishes its
    own; the main case completes with the last of them and lists all their results."""
    bundle = _declared("company-establishment")
    members = [_declared(key) for key in bundle.members]
    departments = tuple(sorted({m.department for m in members} | {s.department for m in members for s in m.steps}))
    await make_staff(settings, "b-clerk", "clerk", "500103", departments)
    await make_staff(settings, "b-police", "clerk", "500103", ("public_security",))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13844440005")
        number = await fill_and_submit(client, bundle)
        who.save("citizen")
        for name in ("b-clerk", "b-police"):
            await who.staff(name)
        seal_case = f"{number}-{bundle.members.index('seal-carving') + 1}"

        police = who.act_as("b-police")
        assert seal_case not in (await police.get("/window?tab=intake")).text, "taken in at the main case"
        part = (await police.get(f"/window/cases/{seal_case}")).text
        assert "在主办件统一受理" in part and f"/window/cases/{number}/accept" not in part
        refused = await police.post(f"/window/cases/{seal_case}/accept", data={"_csrf_token": csrf(police)})
        assert refused.status_code == 409 and "主办件上统一受理" in refused.text
        await assert_tally_matches_a_scan(settings, ("b-clerk", "b-police"))

        clerk = who.act_as("b-clerk")
        assert (await clerk.post(f"/window/cases/{number}/accept", data={"_csrf_token": csrf(clerk)})).status_code == 303
        early = await clerk.post(f"/window/cases/{number}/complete", data={"_csrf_token": csrf(clerk), "result": "x"})
        assert early.status_code == 422 and "自动办结" in early.text
        assert seal_case in (await who.act_as("b-police").get("/window?tab=review")).text, "its department reviews it"
        await assert_tally_matches_a_scan(settings, ("b-clerk", "b-police"))

        for index, member in enumerate(members, start=1):
            child = f"{number}-{index}"
            decider = "b-police" if member.key == "seal-carving" else "b-clerk"  # each department its own part
            for step in review_steps(member):
                if decider == "b-police":
                    assert (await _decide(who, "b-police", f"{number}-1", "review")).status_code == 404, "not its step"
                assert (await _decide(who, decider, child, step)).status_code == 303, (child, step)
            clerk = who.act_as("b-clerk")
            done = await clerk.post(f"/window/cases/{child}/complete", data={"_csrf_token": csrf(clerk),
                                                                             "result": f"{member.name}办结"})
            assert done.status_code == 303, (child, done.text[done.text.find("error-summary"):][:300])
            tracking = (await who.act_as("citizen").get(f"/cases/{number}")).text
            assert ("已办结</strong>" in tracking) == (index == len(members)), "done with its last member only"
        await assert_tally_matches_a_scan(settings, ("b-clerk", "b-police"), rebuild=True)
        tracking = (await who.act_as("citizen").get(f"/cases/{number}")).text
        for title in ("营业执照", "企业印章"):
            assert title in tracking.split('id="results-title"')[1], f"the main case lists the members' {title}"


async def test_demo_cases_fill_the_window_once(settings):
    """`kuaiban demo` seeds cases through the real services: one per tab of interest, a licence to check."""
    from app.demo import seed_cases
    from app.runtime import Runtime

    rt = Runtime(settings)
    await rt.start()
    try:
        from app.cli import DEMO_STAFF
        from app.accounts import service as accounts

        for username, password, role, name, region, departments in DEMO_STAFF[:1]:
            await accounts.add_staff(rt.engine, username=username, password=password, role=role, name=name,
                                     region_code=region, departments=departments)
        said = await seed_cases(rt)
        token = re.search(r"/verify/([A-Za-z0-9_-]+)", said).group(1)
        assert await seed_cases(rt) == "demo cases: already there"
        statuses = {r["status"] for r in await fetch(rt.engine, "SELECT status FROM kb_case")}
        assert {"submitted", "correction", "in_review", "completed"} <= statuses
        outcome, shown = await licences.check(rt.engine, token, "203.0.113.9", rt.clock.local_date(rt.clock.now()))
        assert outcome == "found" and shown["state"] == "valid"
    finally:
        await rt.stop()
    await assert_tally_matches_a_scan(settings, ("clerk-yuzhong",))


async def test_refusing_a_bundle_refuses_every_member(settings):
    bundle = _declared("company-establishment")
    await make_staff(settings, "x-clerk", "clerk", "500103", ("market",))
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13844440006")
        number = await fill_and_submit(client, bundle)
        who.save("citizen")
        await who.staff("x-clerk")
        clerk = who.act_as("x-clerk")
        r = await clerk.post(f"/window/cases/{number}/refuse", data={"_csrf_token": csrf(clerk),
                                                                     "reason": "经营场所证明材料不实"})
        assert r.status_code == 303
        rows = await query(settings, "SELECT number, status FROM kb_case WHERE number LIKE {} ORDER BY number",
                           f"{number}%")
        assert len(rows) == len(bundle.members) + 1 and {r["status"] for r in rows} == {"refused"}
        tracking = (await who.act_as("citizen").get(f"/cases/{number}")).text
        assert "不予受理" in tracking and "经营场所证明材料不实" in tracking
    await assert_tally_matches_a_scan(settings, ("x-clerk",))
