"""Who may reach what: every role × every case, result and window route × an object in and out of scope.

Refusals must be 404 (or a sign-in redirect for visitors) so existence does not leak.
"""

from __future__ import annotations

import html
import re

import pytest
from litestar.testing import AsyncTestClient

from app.factory import create_app
from tests.integration.apply_helpers import fill_and_submit, review_steps, start_draft
from tests.integration.test_accounts import csrf, last_code, sign_in
from tests.integration.test_apply import _declared, verified
from tests.integration.test_results import age_codes
from tests.integration.test_window import Identities, make_staff

pytestmark = pytest.mark.asyncio(loop_scope="session")

OK, DENIED, SIGNIN = "ok", "denied", "signin"


async def test_the_authorisation_matrix(settings):
    matter = _declared("residence-permit")
    await make_staff(settings, "m-clerk-in", "clerk", "500103", (matter.department,))
    await make_staff(settings, "m-clerk-out", "clerk", "500108", (matter.department,))
    await make_staff(settings, "m-clerk-dept", "clerk", "500103", ("transport",))
    await make_staff(settings, "m-supervisor", "supervisor", "500000", ())
    app = create_app(settings)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        await verified(client, "13833330001")
        number = await fill_and_submit(client, matter)
        case_page = (await client.get(f"/cases/{number}")).text
        file_id = re.search(r'href="/files/(\d+)"', case_page).group(1)
        started = await start_draft(client, "household-transfer")
        draft = started.headers["location"]
        done = await fill_and_submit(client, matter, upload_seed=3)
        who.save("owner")
        await sign_in(client, "13833330002")
        who.save("other citizen")
        for name in ("m-clerk-in", "m-clerk-out", "m-clerk-dept", "m-supervisor"):
            await who.staff(name)
        who.jars["visitor"] = __import__("httpx").Cookies()
        clerk = who.act_as("m-clerk-in")  # one case finished, so there is a licence to reach
        await clerk.post(f"/window/cases/{done}/accept", data={"_csrf_token": csrf(clerk)})
        for step in review_steps(matter):
            await clerk.post(f"/window/cases/{done}/steps/{step}", data={"_csrf_token": csrf(clerk),
                                                                        "decision": "approve", "opinion": "同意"})
        r = await clerk.post(f"/window/cases/{done}/complete", data={"_csrf_token": csrf(clerk), "result": "办结"})
        assert r.status_code == 303
        licence = re.search(r'href="/licences/(\d+)"', (await who.act_as("owner").get(f"/cases/{done}")).text).group(1)
        token = re.search(r"/verify/([A-Za-z0-9_-]+)", html.unescape(
            (await who.act_as("owner").get(f"/licences/{licence}")).text)).group(1)
        clerk = who.act_as("m-clerk-in")
        walk_in = {"_csrf_token": csrf(clerk), "phone": "13833330003", "name": "王五",
                   "resident_id": "500108198001010018", "matter": matter.key}
        assert (await clerk.post("/window/intake", data=walk_in)).status_code == 200  # a code goes to the phone
        started = await clerk.post("/window/intake", data={**walk_in, "code": await last_code(clerk, "13833330003")})
        assert started.status_code == 303, started.text[:300]
        clerk_draft = started.headers["location"]
        who.save("m-clerk-in")
        await age_codes(settings, "13833330003")
        await sign_in(client, "13833330003")
        who.save("walk-in")  # whom the clerk's draft is for: not theirs until it is submitted

        reads = {
            f"/cases/{number}": {"owner": OK},
            f"/files/{file_id}": {"owner": OK},
            draft: {"owner": OK},
            "/me": {"owner": OK, "other citizen": OK, "walk-in": OK},
            "/window": {"m-clerk-in": OK, "m-clerk-out": OK, "m-clerk-dept": OK, "m-supervisor": OK},
            f"/window/cases/{number}": {"m-clerk-in": OK, "m-supervisor": OK},
            f"/window/files/{file_id}": {"m-clerk-in": OK, "m-supervisor": OK},
            f"/licences/{licence}": {"owner": OK, "m-clerk-in": OK, "m-supervisor": OK},
            f"/licences/{licence}/pdf": {"owner": OK, "m-clerk-in": OK, "m-supervisor": OK},
            f"/licences/{licence}/seal.png": {"owner": OK, "m-clerk-in": OK, "m-supervisor": OK},
            f"/verify/{token}": {role: OK for role in ("visitor", "owner", "other citizen", "walk-in", "m-clerk-in",
                                                       "m-clerk-out", "m-clerk-dept", "m-supervisor")},
            "/window/intake": {"m-clerk-in": OK, "m-clerk-out": OK, "m-clerk-dept": OK},
            clerk_draft: {"m-clerk-in": OK},
        }
        staff_pages = {"/window", f"/window/cases/{number}", f"/window/files/{file_id}", "/window/intake"}
        problems = []
        for url, allowed in reads.items():
            for role in ("visitor", "owner", "other citizen", "walk-in", "m-clerk-in", "m-clerk-out", "m-clerk-dept",
                         "m-supervisor"):
                c = who.act_as(role)
                r = await c.get(url)
                expected = allowed.get(role, SIGNIN if role == "visitor" else DENIED)
                got = OK if r.status_code == 200 else SIGNIN if r.status_code == 303 and "signin" in r.headers.get(
                    "location", "") else DENIED if r.status_code == 404 else f"HTTP {r.status_code}"
                if got != expected:
                    problems.append(f"{role} GET {url}: expected {expected}, got {got}")
                if role == "visitor" and url in staff_pages and got == SIGNIN:
                    assert "/staff/signin" in r.headers["location"]

        actions = [f"/window/cases/{number}/refuse", f"/window/cases/{number}/complete",
                   f"/window/cases/{number}/steps/review", f"/window/cases/{number}/finish",
                   f"/window/cases/{number}/accept", f"/window/cases/{number}/correction"]
        for url in actions:
            for role in ("owner", "other citizen", "m-clerk-out", "m-clerk-dept", "m-supervisor"):
                c = who.act_as(role)
                r = await c.post(url, data={"_csrf_token": csrf(c), "reason": "x", "result": "x",
                                            "decision": "approve", "opinion": "x"})
                if r.status_code != 404:
                    problems.append(f"{role} POST {url}: expected 404, got {r.status_code}")
        c = who.act_as("other citizen")
        r = await c.post(f"/cases/{number}/resubmit", data={"_csrf_token": csrf(c)})
        if r.status_code != 404:
            problems.append(f"other citizen POST resubmit: expected 404, got {r.status_code}")
        base = clerk_draft.rsplit("/", 1)[0]
        for role in ("walk-in", "m-clerk-out", "m-clerk-dept", "m-supervisor", "owner"):
            c = who.act_as(role)
            for url in (f"{base}/0", f"{base}/submit", f"{base}/materials/{matter.materials[0].name}/reuse/{file_id}"):
                r = await c.post(url, data={"_csrf_token": csrf(c), "_action": "save"})
                if r.status_code != 404:
                    problems.append(f"{role} POST {url}: expected 404, got {r.status_code}")
        c = who.act_as("m-clerk-in")  # even the clerk cannot pull the applicant's earlier files into it
        r = await c.post(f"{base}/materials/{matter.materials[0].name}/reuse/{file_id}", data={"_csrf_token": csrf(c)})
        if r.status_code != 404:
            problems.append(f"m-clerk-in POST reuse into a walk-in's draft: expected 404, got {r.status_code}")
        for role in ("owner", "other citizen", "m-supervisor"):
            c = who.act_as(role)
            r = await c.post("/window/intake", data={"_csrf_token": csrf(c), "phone": "13833330009", "name": "赵六",
                                                     "resident_id": "11010519491231002X", "matter": matter.key})
            if r.status_code != 404:
                problems.append(f"{role} POST /window/intake: expected 404, got {r.status_code}")
            r = await c.post(f"{clerk_draft.rsplit('/', 1)[0]}/bulk", data={"_csrf_token": csrf(c)})
            if r.status_code != 404:
                problems.append(f"{role} POST the clerk's draft: expected 404, got {r.status_code}")
        assert not problems, "\n".join(problems)
        page = (await who.act_as("owner").get(f"/cases/{number}")).text
        assert "已提交，待受理" in page, "nobody outside the scope changed the case"


async def test_plugin_admin_page_is_for_admins_only(database_url, tmp_path):
    from tests.conftest import make_settings

    plain = make_settings(database_url, tmp_path)  # no KUAIBAN_DEV
    await make_staff(plain, "m-admin", "admin", "500000", ())
    await make_staff(plain, "m-clerk", "clerk", "500103", ("market",))
    app = create_app(plain)
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        who = Identities(client)
        who.jars["visitor"] = __import__("httpx").Cookies()
        await who.staff("m-admin")
        await who.staff("m-clerk")
        assert (await who.act_as("visitor").get("/admin/plugins")).status_code == 404
        assert (await who.act_as("m-clerk").get("/admin/plugins")).status_code == 404
        page = await who.act_as("m-admin").get("/admin/plugins")
        assert page.status_code == 200 and "power" in page.text
