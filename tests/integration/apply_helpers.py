"""Driving the application pages over HTTP the way a browser without JavaScript would."""

from __future__ import annotations

import re
import struct
import zlib

from plugins.declarations import FieldType, Matter

PERSON_ID = "11010519491231002X"
CREDIT_CODE = "91350100M000100Y43"
COMPANY = "重庆示例有限公司"  # every test registers CREDIT_CODE under this name (they share one database)


def png_bytes(seed: int = 0) -> bytes:
    """A real, tiny PNG (different bytes per seed)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = b"\x00" + bytes([seed % 256, 0, 0])
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def jpeg_bytes(seed: int = 0) -> bytes:
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + bytes([seed % 256]) * 64 + b"\xff\xd9")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sample_file(kinds, seed: int = 0) -> tuple[str, bytes]:
    """A real file of a kind the material accepts."""
    if "png" in kinds:
        return "材料.png", png_bytes(seed)
    if "jpg" in kinds or "jpeg" in kinds:
        return "材料.jpg", jpeg_bytes(seed)
    if "pdf" in kinds:
        return "材料.pdf", PDF
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", f"sample {seed}")
    return "材料.zip", buffer.getvalue()


def value_for(f) -> str | list[str]:
    if f.options:
        return [f.options[0].value] if f.type == FieldType.CHECKBOX else f.options[0].value
    return {
        FieldType.RESIDENT_ID: PERSON_ID, FieldType.CREDIT_CODE: CREDIT_CODE, FieldType.PHONE: "13800138000",
        FieldType.DATE: "2026-12-01", FieldType.NUMBER: "10", FieldType.MONEY: "100000",
        FieldType.ADDRESS: "渝中区解放碑街道民族路188号", FieldType.TEXTAREA: "按申请内容办理。",
    }.get(f.type, (f.example or "测试内容")[: f.max_length or 200])


def page_data(fields, csrf: str) -> dict:
    data: dict = {"_csrf_token": csrf, "_action": "next"}
    for f in fields:
        if f.type == FieldType.SIGNATURE:
            continue
        data[f.name] = value_for(f)
        if f.type == FieldType.ADDRESS:
            data[f"{f.name}__region"] = "500103"
    return data


async def start_draft(client, key: str, region: str = "500103", company: str | None = None):
    """What 在线办理 does: the start page resumes an open draft (303), or its form opens one by POST
    (the first of the applicant's companies when the page asks and none is given)."""
    chosen = {"region": region, **({"company": company} if company else {})}
    r = await client.get(f"/matters/{key}/apply", params=chosen)
    if r.status_code != 200 or 'action="/matters/' not in r.text:
        return r
    if company is None and 'name="company"' in r.text:
        found = re.search(r'name="company" value="(\d+)"', r.text)
        chosen["company"] = found.group(1) if found else "self"
    return await client.post(f"/matters/{key}/apply", data={"_csrf_token": client.cookies.get("kb_csrf"), **chosen})


async def fill_and_submit(client, matter: Matter, region: str = "500103", upload_seed: int = 1) -> str:
    """Start, fill every page, upload every material (PNG where allowed, else PDF), check and submit."""
    r = await start_draft(client, matter.key, region)
    assert r.status_code == 303, r.text[:500]
    return await complete_draft(client, matter, r.headers["location"].rsplit("/", 1)[0], upload_seed)


async def complete_draft(client, matter: Matter, draft_url: str, upload_seed: int = 1, bulk: bool = False) -> str:
    """Fill every page of an open draft, give every required material (one upload each, or all at
    once as a scanned folder named by material), check and submit; returns the case number."""
    from app.applications import form

    csrf = client.cookies.get("kb_csrf")
    for page in form.pages(matter):
        files = {}
        for f in page.fields:
            if f.type == FieldType.SIGNATURE:
                files[f.name] = ("签名.png", png_bytes(upload_seed), "image/png")
        r = await client.post(f"{draft_url}/{page.index}", data=page_data(page.fields, csrf), files=files or None)
        assert r.status_code == 303, (page.title, r.text[r.text.find("error-summary"):][:800])
    folder = []
    for m in matter.materials:
        if not m.required:
            continue
        name, payload = sample_file(m.kinds, upload_seed)
        if bulk:
            folder.append(("files", (f"扫描件/{m.title}.{name.rsplit('.', 1)[1]}", payload, "application/octet-stream")))
            continue
        r = await client.post(f"{draft_url}/materials/{m.name}", data={"_csrf_token": csrf},
                              files={"files": (name, payload, "application/octet-stream")})
        assert r.status_code == 303, r.text[r.text.find("error-text"):][:300]
    if folder:
        r = await client.post(f"{draft_url}/bulk", data={"_csrf_token": csrf}, files=folder)
        assert r.status_code == 303, r.text[r.text.find("error-text"):][:600]
    check = await client.get(f"{draft_url}/{len(form.pages(matter)) + 1}")
    token = re.search(r'name="submit_token" value="([^"]+)"', check.text).group(1)
    r = await client.post(f"{draft_url}/submit", data={"_csrf_token": csrf, "submit_token": token,
                                                      "declaration": "yes"})
    assert r.status_code == 303 and "/cases/" in r.headers["location"], r.text[:1000]
    return r.headers["location"].split("/cases/")[1].split("?")[0]


async def act_for_company(client) -> None:
    """The signed-in 张三 adds 重庆示例有限公司 as its legal representative."""
    r = await client.post("/me/companies", data={"company_name": COMPANY, "credit_code": CREDIT_CODE,
                                                  "legal_rep": "张三", "role": "legal_rep",
                                                  "_csrf_token": client.cookies.get("kb_csrf")})
    assert r.status_code == 303, r.text[:300]


def review_steps(matter: Matter) -> list[str]:
    """The keys of the steps a reviewer decides (审核, 审批), in order."""
    return [s.key for s in matter.steps if s.role.value in ("审核", "审批")]
