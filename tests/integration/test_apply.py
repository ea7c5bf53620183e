"""Applying online over HTTP on SQLite and PostgreSQL: pages, drafts, uploads, submit, tracking."""

from __future__ import annotations

import re

import pytest
from litestar.testing import AsyncTestClient

from app.factory import create_app
from tests.conftest import make_settings
from tests.integration.apply_helpers import PERSON_ID, act_for_company, fill_and_submit, png_bytes, start_draft
from tests.integration.test_accounts import csrf, sign_in

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture
async def web(database_url, tmp_path):
    app = create_app(make_settings(database_url, tmp_path, KUAIBAN_DEV="1"))
    async with AsyncTestClient(app) as client:
        client.follow_redirects = False
        yield client


async def verified(client, phone: str):
    await sign_in(client, phone)
    r = await client.post("/me/identity", data={"name": "张三", "resident_id": PERSON_ID, "_csrf_token": csrf(client)})
    assert r.status_code == 303


async def matter(client, key):
    return await client.app.state.runtime.catalog.matter(key) if False else _declared(key)


def _declared(key):
    from plugins import manager

    return manager.load().matters[key]


async def test_apply_for_licence_change_and_track_it(web):
    await verified(web, "13811112222")
    await act_for_company(web)
    number = await fill_and_submit(web, _declared("business-licence-change"))
    assert re.fullmatch(r"50010320\d{6}\d{5}", number)
    page = await web.get(f"/cases/{number}?submitted=1")
    assert page.status_code == 200
    for words in ("申请已提交", number, "已提交，待受理", "当前环节", "预计办结", "办理过程", "下一步", "我的材料"):
        assert words in page.text, words
    me = await web.get("/me")
    assert number in me.text and "营业执照变更登记" in me.text


async def test_submitting_twice_makes_one_case(web):
    await verified(web, "13811113333")
    first = await fill_and_submit(web, _declared("residence-permit"))
    drafts = re.findall(r'href="/apply/(\d+)"', (await web.get("/me")).text)
    assert not drafts, "the submitted draft is no longer listed as a draft"
    rows = await _cases_of(web, "13811113333")
    assert rows == [first]


async def _cases_of(client, phone):
    me = await client.get("/me")
    return sorted(set(re.findall(r'href="/cases/([0-9-]+)"', me.text)))  # cases and notifications link


async def test_replayed_submit_returns_the_same_case(web):
    await verified(web, "13811114444")
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    number = await fill_and_submit(web, _declared("residence-permit"))
    check = await web.get(draft_url + "/99")
    assert check.status_code in (303, 404)
    replay = await web.post(f"{draft_url}/submit", data={"_csrf_token": csrf(web), "submit_token": "x",
                                                        "declaration": "yes"})
    assert replay.status_code == 303 and replay.headers["location"] == f"/cases/{number}?submitted=1"


async def test_another_users_case_draft_and_file_are_404(web, database_url, tmp_path):
    await verified(web, "13811115555")
    started = await start_draft(web, "household-transfer")
    draft_page = started.headers["location"]
    number = await fill_and_submit(web, _declared("residence-permit"))
    me = (await web.get("/me")).text
    case_page = (await web.get(f"/cases/{number}")).text
    file_id = re.search(r'href="/files/(\d+)"', case_page).group(1)
    assert (await web.get(f"/files/{file_id}")).status_code == 200
    other = create_app(make_settings(database_url, tmp_path, KUAIBAN_DEV="1"))
    async with AsyncTestClient(other) as intruder:
        intruder.follow_redirects = False
        await sign_in(intruder, "13899998888")
        assert (await intruder.get(f"/cases/{number}")).status_code == 404
        assert (await intruder.get(f"/files/{file_id}")).status_code == 404
        assert (await intruder.get(f"/cases/50010320990101{99999}")).status_code == 404
        assert (await intruder.get(draft_page)).status_code == 404
        assert (await intruder.post(draft_page, data={"_csrf_token": csrf(intruder), "_action": "save"})).status_code == 404
    assert me


async def test_bad_answers_get_messages_and_the_draft_keeps_them(web):
    await verified(web, "13811116666")
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    m = _declared("residence-permit")
    from app.applications import form

    first = form.pages(m)[0]
    data = {"_csrf_token": csrf(web), "_action": "next"}
    id_field = next((f.name for f in first.fields if f.type.value == "resident_id"), None)
    text_field = next(f for f in first.fields if f.type.value == "text")
    data[text_field.name] = "<script>alert('x')</script>"
    long_field = next((f for f in first.fields if f.type.value == "text" and f is not text_field), None)
    if long_field:
        data[long_field.name] = "长" * 500
    if id_field:
        data[id_field] = "110105194912310021"
    bad = await web.post(f"{draft_url}/0", data=data)
    assert bad.status_code == 422
    assert 'class="error-summary"' in bad.text and "<script>alert" not in bad.text
    if id_field:
        assert "校验位" in bad.text
    if long_field:
        assert "不能超过" in bad.text
    again = await web.get(f"{draft_url}/0")
    assert "&lt;script&gt;alert" in again.text, "what was typed survives the error and a reload"


async def test_uploads_are_checked_by_content(web):
    await verified(web, "13811117777")
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    m = _declared("residence-permit")
    material = next(x for x in m.materials if x.max_size_mb <= 10)
    url = f"{draft_url}/materials/{material.name}"
    exe = await web.post(url, data={"_csrf_token": csrf(web)},
                         files={"files": ("照片.png", b"MZ\x90\x00" + b"\x00" * 200, "image/png")})
    assert exe.status_code == 422 and "文件格式不符合要求" in exe.text
    empty = await web.post(url, data={"_csrf_token": csrf(web)}, files={"files": ("a.png", b"", "image/png")})
    assert empty.status_code == 422 and "文件为空" in empty.text
    from tests.integration.apply_helpers import sample_file

    ext_name, payload = sample_file(material.kinds, 3)
    sneaky = await web.post(url, data={"_csrf_token": csrf(web)},
                            files={"files": ("../../etc/passwd" + ext_name[-4:], payload, "image/png")})
    assert sneaky.status_code == 303
    page = await web.get(sneaky.headers["location"].split("#")[0])
    assert "passwd" + ext_name[-4:] in page.text and "../" not in page.text
    big = await web.post(url, data={"_csrf_token": csrf(web)},
                         files={"files": ("big" + ext_name[-4:],
                                          payload + b"\x00" * (material.max_size_mb * 1024 * 1024), "image/png")})
    assert big.status_code == 422 and f"文件大小不能超过{material.max_size_mb}MB" in big.text
    no_csrf = await web.post(url, files={"files": ("a.png", png_bytes(5), "image/png")})
    assert no_csrf.status_code == 403
    for seed in range(material.max_files):  # fill the material up, then one too many
        name, data = sample_file(material.kinds, 10 + seed)
        await web.post(url, data={"_csrf_token": csrf(web)}, files={"files": (name, data, "image/png")})
    name, data = sample_file(material.kinds, 99)
    extra = await web.post(url, data={"_csrf_token": csrf(web)}, files={"files": (name, data, "image/png")})
    assert extra.status_code == 422 and f"最多上传{material.max_files}个文件" in extra.text


async def test_expired_session_mid_form_keeps_the_draft(web, monkeypatch):
    import datetime

    from app.accounts import signin

    monkeypatch.setattr(signin, "PHONE_GAP", datetime.timedelta(0))  # signing in twice within a minute
    await verified(web, "13811118888")
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    m = _declared("residence-permit")
    from app.applications import form
    from tests.integration.apply_helpers import page_data

    first = form.pages(m)[0]
    data = page_data(first.fields, csrf(web))
    data["_action"] = "save"
    assert (await web.post(f"{draft_url}/0", data=data)).status_code == 303
    web.cookies.delete("kb_session")
    lost = await web.post(f"{draft_url}/0", data=data)
    assert lost.status_code == 303 and "/signin" in lost.headers["location"]
    await sign_in(web, "13811118888", next_url=f"{draft_url}/0")
    again = await web.get(f"{draft_url}/0")
    value = next(v for k, v in data.items() if not k.startswith("_") and isinstance(v, str) and len(v) > 1)
    assert again.status_code == 200 and value in again.text


async def test_bundle_application_makes_a_parent_and_sub_cases(web):
    await verified(web, "13811119999")
    await act_for_company(web)
    bundle = _declared("company-establishment")
    number = await fill_and_submit(web, bundle)
    page = await web.get(f"/cases/{number}")
    assert "一并办理的事项" in page.text
    for index, key in enumerate(bundle.members, start=1):
        assert f"{number}-{index}" in page.text
    children = re.findall(r"预计 (\d{4}-\d{2}-\d{2})", page.text)
    expected = re.search(r"<dt>预计办结</dt><dd>(\d{4}-\d{2}-\d{2})", page.text).group(1)
    assert children and expected == max(children), "the bundle follows its slowest member"


async def test_markup_in_every_text_field_is_shown_as_text(web):
    await verified(web, "13811110000")
    await act_for_company(web)
    m = _declared("business-licence-change")
    r = await start_draft(web, "business-licence-change")  # as the company
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    from app.applications import form

    attack = "<img src=x onerror=alert(1)>"
    for page in form.pages(m):
        data = {"_csrf_token": csrf(web), "_action": "save"}
        for f in page.fields:
            if f.type.value in ("text", "textarea"):
                data[f.name] = attack
        await web.post(f"{draft_url}/{page.index}", data=data)
        shown = await web.get(f"{draft_url}/{page.index}")
        assert attack not in shown.text
    check = await web.get(f"{draft_url}/{len(form.pages(m)) + 1}")
    assert attack not in check.text and "&lt;img src=x onerror=alert(1)&gt;" in check.text


async def test_an_upload_larger_than_the_material_allows_is_refused_before_it_is_read(web):
    await verified(web, "13811110001")
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    material = next(x for x in _declared("residence-permit").materials if x.max_size_mb <= 10)
    too_big = b"\x00" * (material.max_size_mb * material.max_files * 1024 * 1024 + 512 * 1024)
    r = await web.post(f"{draft_url}/materials/{material.name}", data={"_csrf_token": csrf(web)},
                       files={"files": ("big.png", too_big, "image/png")})
    assert r.status_code == 413 and f"文件大小不能超过{material.max_size_mb}MB" in r.text
    forged = await web.post(f"{draft_url}/materials/{material.name}", data={"_csrf_token": "forged"},
                            files={"files": ("a.png", png_bytes(1), "image/png")})
    assert forged.status_code == 403


async def test_huge_ids_are_404_not_errors(web):
    await verified(web, "13811110002")
    for url in ("/apply/99999999999999999999999/0", "/files/99999999999999999999999"):
        assert (await web.get(url)).status_code == 404, url


async def test_inline_field_check_saves_and_answers_with_the_field(web):
    await verified(web, "13811110003")
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    field = next(f for f in _declared("residence-permit").fields if f.type.value == "resident_id")
    bad = await web.post(f"{draft_url}/field/{field.name}", data={field.name: "110105194912310021"},
                         headers={"HX-Request": "true", "x-csrf-token": csrf(web)})
    assert bad.status_code == 422 and "<html" not in bad.text and "校验位" in bad.text
    assert f'id="field-{field.name}"' in bad.text and 'aria-invalid="true"' in bad.text
    good = await web.post(f"{draft_url}/field/{field.name}", data={field.name: PERSON_ID},
                          headers={"HX-Request": "true", "x-csrf-token": csrf(web)})
    assert good.status_code == 200 and "error-text" not in good.text
    assert (await web.post(f"{draft_url}/field/no_such_field", data={},
                           headers={"x-csrf-token": csrf(web)})).status_code == 404


async def test_remove_an_upload_and_reuse_a_file_from_an_earlier_case(web):
    await verified(web, "13811110004")
    matter = _declared("residence-permit")
    await fill_and_submit(web, matter)
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    from app.applications import form

    materials_page = f"{draft_url}/{len(form.pages(matter))}"
    page = (await web.get(materials_page)).text
    offer = re.search(r'action="(/apply/\d+/materials/([a-z_]+)/reuse/\d+)"', page)
    assert offer, "a file from the earlier case is offered again"
    reused = await web.post(offer.group(1), data={"_csrf_token": csrf(web)})
    assert reused.status_code == 303
    page = (await web.get(materials_page)).text
    remove = re.search(r'action="(/apply/\d+/uploads/\d+/remove)"', page)
    assert remove, "the reused file is listed with a remove button"
    assert (await web.post(remove.group(1), data={"_csrf_token": csrf(web)})).status_code == 303
    assert remove.group(1) not in (await web.get(materials_page)).text
    assert (await web.post(remove.group(1), data={"_csrf_token": csrf(web)})).status_code == 404


async def test_opening_an_application_writes_only_on_post(web):
    """在线办理 is a link: its GET shows the start page (or resumes a draft) and creates nothing; the
    start form's POST (with its CSRF token) opens the draft, once."""
    await verified(web, "13811119990")
    page = await web.get("/matters/residence-permit/apply", params={"region": "500103"})
    assert page.status_code == 200 and 'method="post"' in page.text
    assert "/apply/" not in (await web.get("/me")).text.split('id="drafts-title"')[1].split("</section>")[0]
    forged = await web.post("/matters/residence-permit/apply", data={"region": "500103"})
    assert forged.status_code == 403, "no CSRF token, no draft"
    opened = await web.post("/matters/residence-permit/apply", data={"region": "500103", "_csrf_token": csrf(web)})
    assert opened.status_code == 303 and opened.headers["location"].endswith("/0")
    again = await web.get("/matters/residence-permit/apply", params={"region": "500103"})
    assert again.status_code == 303 and again.headers["location"] == opened.headers["location"], "resumed"
    bad = await web.post("/matters/residence-permit/apply", data={"region": "999999", "_csrf_token": csrf(web)})
    assert bad.status_code == 422


async def test_what_was_typed_as_the_session_ran_out_is_saved_after_signing_in_again(web, settings):
    import datetime

    from tests.integration.apply_helpers import page_data
    from tests.integration.test_results import age_codes, query
    from app.applications import form

    await verified(web, "13811119991")
    r = await start_draft(web, "residence-permit")
    draft_url = r.headers["location"].rsplit("/", 1)[0]
    page = form.pages(_declared("residence-permit"))[0]
    typed = page_data(page.fields, csrf(web))
    # A forged session cookie keeps nothing: only a real session that has just run out does.
    real = web.cookies.get("kb_session")
    domain = next(c.domain for c in web.cookies.jar if c.name == "kb_session")
    web.cookies.set("kb_session", "forged-" + "x" * 40, domain=domain)
    assert (await web.post(f"{draft_url}/0", data=typed)).status_code == 303
    assert not web.cookies.get("kb_pending")
    assert (await query(settings, "SELECT count(*) AS n FROM pending_answers"))[0]["n"] == 0
    web.cookies.set("kb_session", real, domain=domain)
    idle = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=31)
    await query(settings, "UPDATE user_session SET last_seen = {}", idle)  # idle too long: it has run out
    lost = await web.post(f"{draft_url}/0", data=typed)
    assert lost.status_code == 303 and lost.headers["location"].startswith("/signin?next=")
    assert f"next=%2Fapply%2F{draft_url.rsplit('/', 1)[1]}%2F0" in lost.headers["location"], "back to the page"
    assert web.cookies.get("kb_pending"), "what was sent is kept for this browser"
    field = next(f for f in page.fields if f.type.value == "text")
    htmx = await web.post(f"{draft_url}/field/{field.name}", data={field.name: "王小二", "_csrf_token": csrf(web)},
                          headers={"HX-Request": "true"})
    assert htmx.status_code == 200 and htmx.headers["hx-redirect"].startswith("/signin?next=")
    submit = await web.post(f"{draft_url}/submit", data={"_csrf_token": csrf(web)})
    assert "next=%2Fapply%2F" in submit.headers["location"] and "submit" not in submit.headers["location"]
    # Somebody else signing in on this browser does not get them, nor use them up.
    await verified(web, "13811119992")
    other = await start_draft(web, "residence-permit")
    other_page = (await web.get(other.headers["location"])).text
    assert "王小二" not in other_page
    assert web.cookies.get("kb_pending") and (await query(
        settings, "SELECT count(*) AS n FROM pending_answers"))[0]["n"] == 1
    await web.post("/signout", data={"_csrf_token": csrf(web)})
    await age_codes(settings, "13811119991")
    back = await sign_in(web, "13811119991", next_url=f"{draft_url}/0")
    assert back.status_code == 303 and back.headers["location"] == f"{draft_url}/0"
    shown = (await web.get(f"{draft_url}/0")).text
    assert 'value="王小二"' in shown, "the field left last was saved too"
    for f in page.fields:
        if f.type.value in ("text", "phone", "date") and f.show_if is None and f.name != field.name:
            assert f'value="{typed[f.name]}"' in shown, f.name
    assert (await query(settings, "SELECT count(*) AS n FROM pending_answers"))[0]["n"] == 0, "used once"
    assert not web.cookies.get("kb_pending")
