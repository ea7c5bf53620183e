"""The documents a completed case issues: QR codes, the e-seal and the two PDFs.

What is verified, and how:
- PDFs: the bytes are a PDF with one page and an embedded subset of the CJK font; their text is
  read back independently of fpdf2 — by decoding each shown string through the page's own
  /ToUnicode map with pypdf's parser (what copy/search in a viewer uses; pypdf's extract_text
  cannot be used: it does not read the embedded CMap encoding fpdf2 writes for CFF fonts), and
  with poppler's pdftotext when it is installed.
- QR codes: the SVG's path and the PNG's pixels are decoded back into a module matrix equal to
  segno's; zbarimg, when installed, also decodes the PNG and a rasterised PDF to the URL.
- The seal: a transparent PNG with red ink, deterministic, different per name.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pytest
import segno
from PIL import Image

from app.licences import documents

URL = "https://kuaiban.example/verify/Zx8kP3nQ2vL7mT5wR9yB1c"
SCOPE = ("许可项目：餐饮服务；食品销售（仅销售预包装食品）。（依法须经批准的项目，经相关部门批准后方可开展经营活动，"
         "具体经营项目以相关部门批准文件或许可证件为准）一般项目：餐饮管理；企业管理咨询；品牌管理；技术服务、技术开发、"
         "技术咨询、技术交流、技术转让、技术推广；外卖递送服务；供应链管理服务。")
LICENCE = {
    "title": "营业执照", "number": "500103202611280001", "holder": "重庆市渝中区山城小面餐饮管理有限公司",
    "holder_id": "9150****3X", "matter": "企业设立登记", "issuer": "重庆市渝中区市场监督管理局",
    "issued_on": "2026年11月28日", "valid_until": "长期", "status_label": "有效",
    "lines": [["名称", "重庆市渝中区山城小面餐饮管理有限公司"], ["统一社会信用代码", "91500103MA60XXXX3X"],
              ["住所", "重庆市渝中区解放碑街道民族路188号环球金融中心32层3201室"], ["经营范围", SCOPE],
              ["办件编号", "YZ500103-2026-000123"]],
    "body": [], "case_number": "YZ500103-2026-000123",
}
DECISION = dict(LICENCE, title="准予行政许可决定书", number="渝中市监许〔2026〕123号", lines=[], body=[
    "你（单位）于2026年11月20日提出的“食品经营许可”申请（办件编号YZ500103-2026-000123），本机关已依法受理并审查。",
    "经审查，申请符合法定条件和标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。",
    "如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼。",
])
ODD = "𠀀😀👨‍👩‍👧\x00\x07\u200b\ufeff\u202e\udcff e\u0301 عربي\t\n"


@pytest.fixture(scope="module")
def seal() -> bytes:
    return documents.seal_png(LICENCE["issuer"])


@pytest.fixture(scope="module")
def licence(seal) -> bytes:
    return documents.licence_pdf(LICENCE, qr_url=URL, seal=seal)


@pytest.fixture(scope="module")
def decision(seal) -> bytes:
    return documents.decision_pdf(DECISION, qr_url=URL, seal=seal)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _shown_text(pdf: bytes) -> str:
    """The page's text as a PDF reader's copy/search sees it: every shown string's 2-byte codes
    looked up in its font's /ToUnicode CMap. Parsing by pypdf, no fpdf2 involved."""
    pypdf = pytest.importorskip("pypdf")
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    maps = {}
    for name, ref in page["/Resources"]["/Font"].items():
        cmap = ref.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1")
        table = {}
        for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
            for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                table[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
        maps[name] = table
    out, font = [], None
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            font = operands[0]
        elif operator in (b"Tj", b"TJ"):
            strings = operands[0] if operator == b"TJ" else [operands[0]]
            for s in strings:
                if isinstance(s, (int, float)):
                    continue
                raw = s.original_bytes
                out += [maps[font].get(int.from_bytes(raw[i:i + 2], "big"), "\ufffd") for i in range(0, len(raw), 2)]
    return "".join(out)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


# -- PDFs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["licence", "decision"])
def test_pdf_is_one_page_with_an_embedded_font_subset(which, request):
    pdf = request.getfixturevalue(which)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert _pages(pdf) == 1
    assert b"/FontFile3" in pdf or b"/FontFile2" in pdf
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+NotoSerifSC", pdf)  # a subset (XXXXXX+), of the packaged font
    assert len(pdf) < 1_500_000


def test_licence_text_reads_back(licence):
    text = _flat(_shown_text(licence))
    for expected in ("营业执照", LICENCE["number"], "名称", "统一社会信用代码", "91500103MA60XXXX3X", "经营范围",
                     _flat(SCOPE), LICENCE["issuer"], "2026年11月28日", "扫码核验", "有效期限", "长期"):
        assert _flat(expected) in text, expected


def test_decision_text_reads_back(decision):
    text = _flat(_shown_text(decision))
    for expected in ("准予行政许可决定书", "渝中市监许〔2026〕123号", DECISION["holder"] + "：", *DECISION["body"],
                     DECISION["issuer"], "2026年11月28日", "扫码核验"):
        assert _flat(expected) in text, expected


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext is not installed")
@pytest.mark.parametrize("which", ["licence", "decision"])
def test_pdftotext_reads_the_chinese(which, request, tmp_path):
    path = tmp_path / f"{which}.pdf"
    path.write_bytes(request.getfixturevalue(which))
    text = _flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    doc = LICENCE if which == "licence" else DECISION
    for expected in (doc["title"], doc["issuer"], "扫码核验", "2026年11月28日"):
        assert expected in text


def test_characters_the_font_lacks_never_raise_and_show_as_geta():
    odd = {key: ODD for key in LICENCE if key not in ("lines", "body")}
    odd["lines"] = [[ODD, ODD], ["只有标签"], "裸字符串", ("值为空", None), [None, 5]]
    odd["body"] = [ODD, "", None]
    seal = documents.seal_png(ODD, label=ODD)
    pdfs = [draw(odd, qr_url=URL + "?" + ODD.replace("\udcff", ""), seal=seal)
            for draw in (documents.licence_pdf, documents.decision_pdf)]
    for pdf in pdfs:
        assert pdf.startswith(b"%PDF") and _pages(pdf) == 1
    for pdf in pdfs:
        text = _shown_text(pdf)
        assert "〓" in text  # 𠀀 and the emoji are marked, not dropped
        assert "é" in text  # e + combining acute is composed, and the font has é
        assert not re.search("[\x00-\x08\u200b\ufeff\u202e\ufffd]", text)


def test_empty_and_oversized_documents_still_make_one_page():
    huge = {"title": "准予行政许可决定书" * 6, "number": "号" * 300, "holder": "公司" * 200, "issuer": "局" * 90,
            "issued_on": "2026年11月28日", "lines": [["经营范围" * 4, "很长的内容，" * 500]] * 50,
            "body": ["很长的正文。" * 600] * 50}
    for doc in ({}, huge):
        for draw in (documents.licence_pdf, documents.decision_pdf):
            pdf = draw(doc, qr_url=URL)
            assert _pages(pdf) == 1
            assert len(pdf) < 1_500_000


def test_another_font_can_be_given():
    import pylopdf_fonts_zh_cn

    pdf = documents.licence_pdf(LICENCE, qr_url=URL, font_path=str(pylopdf_fonts_zh_cn.sans_path()))
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+NotoSansSC", pdf)
    assert "营业执照" in _flat(_shown_text(pdf))


# -- QR codes ---------------------------------------------------------------------------------


def _reference(url: str) -> list[list[bool]]:
    qr = segno.make_qr(url, error="m", boost_error=False)
    assert qr.error == "M" and not qr.is_micro
    return [[bool(v) for v in row] for row in qr.matrix_iter(scale=1, border=4)]


def test_qr_svg_is_scalable_and_draws_exactly_the_code():
    svg = documents.qr_svg(URL)
    assert svg.startswith("<svg")
    assert "<title>" in svg
    reference = _reference(URL)
    n = len(reference)  # includes the 4-module quiet zone on each side
    assert f'viewBox="0 0 {n} {n}"' in svg
    assert not re.search(r"<svg[^>]*\swidth=", svg)  # scales with its container
    # replay the dark path (segno: M/m moves, h horizontal strokes one module high)
    path = re.search(r'<path[^>]*stroke="#000"[^>]*d="([^"]+)"', svg).group(1)
    drawn = [[False] * n for _ in range(n)]
    x = y = 0.0
    for op, a, b in re.findall(r"([MmHhVv])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path):
        a, b = float(a), float(b or 0)
        if op == "M":
            x, y = a, b
        elif op == "m":
            x, y = x + a, y + b
        elif op == "h":
            for col in range(int(x), int(x + a)):
                drawn[int(y)][col] = True
            x += a
        else:
            pytest.fail(f"unexpected path operator {op}")
    assert drawn == reference


def test_qr_png_pixels_are_the_code():
    scale = 5
    image = Image.open(io.BytesIO(documents.qr_png(URL, scale=scale))).convert("L")
    reference = _reference(URL)
    assert image.size == (len(reference) * scale,) * 2
    pixels = [[image.getpixel((c * scale + scale // 2, r * scale + scale // 2)) < 128 for c in range(len(row))]
              for r, row in enumerate(reference)]
    assert pixels == reference


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbar-tools is not installed")
def test_zbar_decodes_the_png_and_the_printed_code(tmp_path, licence):
    png = tmp_path / "qr.png"
    png.write_bytes(documents.qr_png(URL))
    found = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    assert found.stdout.strip() == URL
    if shutil.which("pdftoppm"):
        (tmp_path / "licence.pdf").write_bytes(licence)
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "licence.pdf"), str(tmp_path / "page")],
                       check=True)
        page = next(tmp_path.glob("page*.png"))
        found = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True)
        assert found.stdout.strip() == URL


# -- the seal ---------------------------------------------------------------------------------


def _rgba(png: bytes) -> Image.Image:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.load()
    assert image.mode == "RGBA"
    return image


def test_seal_is_red_ink_on_transparency(seal):
    image = _rgba(seal)
    assert image.size == (360, 360)
    pixels = list(image.get_flattened_data())
    clear = sum(1 for p in pixels if p[3] == 0)
    red = sum(1 for r, g, b, a in pixels if a > 128 and r > 150 and g < 80 and b < 80)
    assert clear > 0.5 * len(pixels)
    assert red > 0.05 * len(pixels)
    assert all(p[3] == 0 for p in (pixels[0], pixels[359], pixels[-1], pixels[-360]))  # the corners


def test_seal_is_deterministic_and_differs_by_name(seal):
    assert documents.seal_png(LICENCE["issuer"]) == seal
    other = documents.seal_png("重庆市江北区市场监督管理局")
    assert other != seal
    assert documents.seal_png(LICENCE["issuer"], label="公章") != seal


def test_seal_takes_long_names_odd_text_and_sizes():
    long_name = "重庆市渝中区山城小面餐饮管理有限公司第一分公司暨西南地区运营管理中心筹备办"
    assert len(long_name) == 37
    for name, label in ((long_name + "附属机构", ""), ("", ""), (ODD, ODD), ("快办", "5001030012345")):
        image = _rgba(documents.seal_png(name, label=label))
        assert image.getchannel("A").getbbox() is not None  # the ring at least
    assert _rgba(documents.seal_png("快办科技有限公司", size=120)).size == (120, 120)
