"""Drawing what a completed case issues: QR codes, a company's round e-seal, and the PDFs of an
e-licence and of a decision letter. Pure functions of their arguments: no database, no web.

Chinese text is set in Noto Serif SC (a 宋体-style face, as official documents use), Adobe/Google's
Simplified-Chinese Noto CJK font under the SIL Open Font License 1.1, installed from PyPI as
`pylopdf-fonts-zh-cn` (which ships the upstream NotoSerifSC/NotoSansSC-Regular.otf and the OFL text,
so nothing depends on the machine's fonts). It covers ~30,900 code points — the whole basic CJK
block (so every hanzi of GB 2312 and GBK), Latin and the full-width punctuation — and fpdf2 embeds
only the glyphs a document uses (a CID-keyed CFF subset, /FontFile3): a PDF is under 100 KB. A caller may pass
another TTF/OTF as `font_path` (the app reads it from KUAIBAN_CJK_FONT). A character the font lacks
prints as 〓, the typesetter's mark for a missing character, rather than raising or vanishing.
"""

from __future__ import annotations

import functools
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

import segno
from fontTools.ttLib import TTFont
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

__all__ = ["decision_pdf", "default_font_path", "licence_pdf", "qr_png", "qr_svg", "seal_png"]

SEAL_RED = (214, 0, 24)
MISSING = "〓"  # GETA MARK: stands for a character that cannot be set
# more than a page can hold at the smallest size: longer input is cut before it is laid out
MAX_LINES, MAX_LABEL, MAX_VALUE, MAX_SEAL_NAME = 40, 40, 2000, 80
_INK = (20, 20, 20)
_GREY = (110, 110, 110)
_FRAME = (150, 28, 28)


# -- fonts and text ---------------------------------------------------------------------------


def default_font_path() -> str:
    """The packaged Noto Serif SC (OFL-1.1)."""
    import pylopdf_fonts_zh_cn

    return str(pylopdf_fonts_zh_cn.serif_path())


def _font(font_path: str | None) -> str:
    return str(font_path) if font_path else default_font_path()


@functools.lru_cache(maxsize=8)
def _codepoints(path: str) -> frozenset[int]:
    """The code points the font can draw (its best cmap; the first face of a collection)."""
    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def _clean(text: object, path: str) -> str:
    """One line of text the font can set: controls and invisible marks go, line breaks become
    spaces, odd spaces become plain ones, and any other character the font lacks becomes 〓."""
    have = _codepoints(path)
    missing = MISSING if ord(MISSING) in have else "?"
    out = []
    for ch in unicodedata.normalize("NFC", str(text or "")):
        if ord(ch) in have and ch not in "\t\r\n\x0b\x0c":
            out.append(ch)
            continue
        category = unicodedata.category(ch)
        if ch.isspace() or category == "Zs":
            out.append(" ")
        elif category in ("Cc", "Cf", "Cs", "Mn", "Me", "Sk"):  # controls, format and combining marks,
            continue  # lone surrogates: nothing to see
        else:  # letters, symbols, emoji, private-use 造字 and code points newer than Python's tables
            out.append(missing)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


# -- QR codes ---------------------------------------------------------------------------------


def _qr(url: str) -> segno.QRCode:
    # A full QR code (never a Micro QR) at level M exactly: no boosting, so every printed code of
    # a kind has the same robustness.
    return segno.make_qr(url, error="m", boost_error=False)


def qr_svg(url: str) -> str:
    """An inline, scalable SVG (viewBox only, no width/height) of a QR code for url: level M, the
    standard 4-module quiet zone on white, and a <title> for assistive technology."""
    out = io.BytesIO()
    _qr(url).save(out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=4,
                  dark="#000", light="#fff", title="扫码核验", svgclass="qr", lineclass=None)
    return out.getvalue().decode("utf-8")


def qr_png(url: str, scale: int = 4) -> bytes:
    """A PNG of the same QR code, `scale` pixels per module, 4-module quiet zone."""
    out = io.BytesIO()
    _qr(url).save(out, kind="png", scale=max(1, int(scale)), border=4, dark="#000", light="#fff")
    return out.getvalue()


# -- the seal ---------------------------------------------------------------------------------


def _pil_font(path: str, size: int) -> ImageFont.FreeTypeFont:
    # opened afresh each time (under a millisecond): a FreeType face must not be shared between
    # the threads that draw documents
    return ImageFont.truetype(path, size, index=0)


def _glyph_tile(ch: str, font: ImageFont.FreeTypeFont, height: int, width: int, bold: int) -> Image.Image:
    """One character as an L mask `width` x `height`, squeezed sideways when narrower than it is
    tall (the 长体 of seal engraving)."""
    box = font.getbbox(ch, anchor="mm", stroke_width=bold)
    natural_w = max(1, box[2] - box[0])
    tile = Image.new("L", (natural_w + 2 * bold + 4, height), 0)
    ImageDraw.Draw(tile).text((tile.width / 2, height / 2), ch, fill=255, font=font, anchor="mm",
                              stroke_width=bold, stroke_fill=255)
    if tile.width > width:
        tile = tile.resize((max(1, width), height), Image.Resampling.LANCZOS)
    return tile


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    inner = r * math.sin(math.radians(18)) / math.sin(math.radians(126))  # a regular pentagram
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else inner
        a = math.radians(-90 + 36 * i)
        points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return points


def seal_png(company_name: str, *, label: str = "", size: int = 360, font_path: str | None = None) -> bytes:
    """A red round company e-seal, `size` pixels square on a transparent background: the outer
    ring, a five-pointed star in the middle, the name along the upper arc with each character
    turned to face outwards (as engraved seals are), and `label` (公章, a 13-digit seal code…)
    level below the star. The same arguments always give the same bytes."""
    if not 32 <= size <= 2048:
        raise ValueError("a seal is drawn 32 to 2048 pixels wide")
    path = _font(font_path)
    ss = 3  # draw three times larger, then scale down: smooth edges without anti-aliasing tricks
    side = size * ss
    R = side / 2
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)

    ring = R * 0.045
    edge = R * 0.02
    draw.ellipse([edge, edge, side - edge, side - edge], outline=255, width=max(2, round(ring)))
    draw.polygon(_star(R, R * 0.98, R * 0.25), fill=255)

    name = _clean(company_name, path).replace(" ", "")[:MAX_SEAL_NAME]
    if name:
        n = len(name)
        outer = R * 0.87  # the characters' outer edge, just inside the ring
        height = R * 0.25 * min(1.0, max(0.62, math.sqrt(14 / n)))
        radius = outer - height / 2
        natural = math.degrees(height * 1.02 / radius)  # degrees one square character needs
        span = min(250.0, max(n * natural, min(n * 36.0, 180.0)))
        step = span / n
        width = min(height, math.radians(step) * radius * 0.92)
        px = max(8, round(height * 0.96))
        font = _pil_font(path, px)
        bold = max(1, round(px * 0.035))
        for i, ch in enumerate(name):
            theta = -span / 2 + step * (i + 0.5)  # clockwise from twelve o'clock
            tile = _glyph_tile(ch, font, round(height), round(width), bold)
            turned = tile.rotate(-theta, resample=Image.Resampling.BICUBIC, expand=True)
            cx = R + radius * math.sin(math.radians(theta))
            cy = R - radius * math.cos(math.radians(theta))
            mask.paste(255, (round(cx - turned.width / 2), round(cy - turned.height / 2)), turned)

    text = _clean(label, path)[:MAX_LABEL]
    if text:
        height = R * (0.16 if len(text) <= 6 else 0.12)  # 公章, 合同专用章; a code is set smaller
        px = max(8, round(height))
        font = _pil_font(path, px)
        bold = max(1, round(px * 0.03))
        box = font.getbbox(text, anchor="mm", stroke_width=bold)
        tile = Image.new("L", (box[2] - box[0] + 4 * bold + 4, round(height * 1.3)), 0)
        ImageDraw.Draw(tile).text((tile.width / 2, tile.height / 2), text, fill=255, font=font, anchor="mm",
                                  stroke_width=bold, stroke_fill=255)
        widest = round(R * 0.92)
        if tile.width > widest:
            tile = tile.resize((widest, tile.height), Image.Resampling.LANCZOS)
        mask.paste(255, (round(R - tile.width / 2), round(R * 1.46 - tile.height / 2)), tile)

    mask = mask.resize((size, size), Image.Resampling.LANCZOS)
    image = Image.new("RGBA", (size, size), SEAL_RED + (0,))
    image.putalpha(mask.point(lambda v: v * 235 // 255))  # ink lets a little of the paper through
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# -- PDF helpers ------------------------------------------------------------------------------

_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉〗”’…—·%‰,.;:?!)]}>·ー")
_NO_LINE_END = frozenset("（《「『【〔〈〖“‘([{<")
_TOKEN = re.compile(r"[A-Za-z0-9@._\-/:+#%&=?*]+|\s+|.", re.S)


class _Doc:
    """An FPDF page with the CJK font loaded and a few layout helpers (millimetres, points). Every
    string drawn or measured goes through `clean` first, so nothing reaches fpdf2 that the font
    cannot set."""

    def __init__(self, orientation: str, path: str, title: str, author: str) -> None:
        pdf = FPDF(orientation=orientation, unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(0, 0, 0)
        pdf.add_font("cjk", "", path)
        for font in pdf.fonts.values():
            # the subset may keep the whole font's bounding box; recomputing it from every glyph
            # outline would cost more than a third of the drawing time
            if getattr(font, "ttfont", None) is not None:
                font.ttfont.recalcBBoxes = False
        pdf.set_font("cjk", size=1)
        pdf.set_lang("zh-CN")
        pdf.set_title(_clean(title, path) or "电子证照")
        if _clean(author, path):
            pdf.set_author(_clean(author, path))
        pdf.set_creator("快办")
        pdf.add_page()
        self.pdf = pdf
        self.path = path
        self._advances: dict[str, float] = {}

    def clean(self, text: object) -> str:
        return _clean(text, self.path)

    def advance(self, ch: str) -> float:
        """A character's advance at 1pt, in mm (no kerning or shaping: widths simply add up)."""
        w = self._advances.get(ch)
        if w is None:
            self.pdf.set_font_size(1)
            w = self._advances[ch] = self.pdf.get_string_width(ch)
        return w

    def width(self, text: str, pt: float) -> float:
        return sum(map(self.advance, self.clean(text))) * pt

    def put(self, x: float, baseline: float, text: str, pt: float, *, color=_INK, align: str = "L",
            bold: bool = False, tracking: float = 0.0) -> float:
        """Write one line with its baseline at `baseline`, aligned L/C/R about x, with `tracking`
        mm between characters (none after the last). Returns its width."""
        text = self.clean(text)
        pdf = self.pdf
        w = self.width(text, pt) + tracking * max(0, len(text) - 1)
        left = x if align == "L" else x - w / 2 if align == "C" else x - w
        pdf.set_font_size(pt)
        pdf.set_text_color(*color)
        if bold:  # the font has one weight: outline the glyphs too, as 小标宋 titles are heavy
            pdf.set_draw_color(*color)
            pdf.set_line_width(pt * 0.012)
            pdf.text_mode = "FILL_STROKE"
        if tracking:
            for ch in text:
                pdf.text(left, baseline, ch)
                left += self.advance(ch) * pt + tracking
        elif text:
            pdf.text(left, baseline, text)
        pdf.text_mode = "FILL"
        return w

    def spread(self, x: float, baseline: float, width: float, text: str, pt: float) -> None:
        """A label justified across `width` (名　　称), as forms in Chinese set them."""
        text = self.clean(text)
        natural = self.width(text, pt)
        if len(text) < 2 or natural >= width:
            self.put(x, baseline, text, pt)
        else:
            self.put(x, baseline, text, pt, tracking=(width - natural) / (len(text) - 1))

    def wrap(self, text: str, width: float, pt: float, first_indent: float = 0.0) -> list[str]:
        """Greedy line breaking for Chinese: any character may end a line, Latin words and
        numbers stay whole when they fit, and closing punctuation never starts a line (nor
        opening punctuation end one)."""
        def measure(s: str) -> float:
            return sum(map(self.advance, s)) * pt

        lines: list[str] = []
        line, line_w = "", 0.0
        limit = width - first_indent
        for token in _TOKEN.findall(self.clean(text)):
            if token.isspace():
                token = " "
                if not line:
                    continue
            token_w = measure(token)
            if line_w + token_w <= limit:
                line, line_w = line + token, line_w + token_w
                continue
            if token_w > limit:  # a word longer than a line: break it anywhere
                for ch in token:
                    ch_w = measure(ch)
                    if line and line_w + ch_w > limit:
                        lines.append(line.rstrip())
                        line, line_w, limit = "", 0.0, width
                    line, line_w = line + ch, line_w + ch_w
                continue
            carry = ""
            if token[0] in _NO_LINE_START and len(line) > 1:
                carry, line = line[-1], line[:-1]
            while len(line) > 1 and line[-1] in _NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line = (carry + token).lstrip()
            line_w, limit = measure(line), width
        if line.strip():
            lines.append(line.rstrip())
        return lines

    def qr(self, url: str, x: float, y: float, side: float) -> None:
        """The QR code as vector squares (crisp at any zoom), quiet zone included in `side`."""
        qr = _qr(url)
        rows = [list(row) for row in qr.matrix_iter(scale=1, border=4)]
        module = side / len(rows)
        pdf = self.pdf
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x, y, side, side, style="F")
        pdf.set_fill_color(0, 0, 0)
        for r, row in enumerate(rows):
            c = 0
            while c < len(row):
                if row[c]:
                    start = c
                    while c < len(row) and row[c]:
                        c += 1
                    # a hair of overlap so viewers show no seams between squares
                    pdf.rect(x + start * module, y + r * module, (c - start) * module + 0.02, module + 0.02,
                             style="F")
                else:
                    c += 1

    def justified(self, x: float, baseline: float, text: str, pt: float, width: float) -> None:
        """A full line of a paragraph, its characters spaced out to end exactly at x + width."""
        text = self.clean(text)
        natural = self.width(text, pt)
        slack = width - natural
        if len(text) < 2 or slack <= 0 or slack > width * 0.25:
            self.put(x, baseline, text, pt)
        else:
            self.put(x, baseline, text, pt, tracking=slack / (len(text) - 1))

    def seal(self, seal: bytes | None, cx: float, cy: float, diameter: float) -> None:
        """Stamp the seal image; multiplied like ink, so the black text under it stays legible."""
        if seal:
            with self.pdf.local_context(blend_mode="Multiply"):
                self.pdf.image(io.BytesIO(seal), x=cx - diameter / 2, y=cy - diameter / 2, w=diameter,
                               h=diameter)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _pairs(lines: object) -> list[tuple[str, str]]:
    pairs = []
    for item in lines or []:
        if isinstance(item, (list, tuple)) and len(item) >= 2:
            pairs.append((str(item[0] or ""), str(item[1] or "")))
        elif isinstance(item, (list, tuple)) and item:
            pairs.append(("", str(item[0] or "")))
        elif item:
            pairs.append(("", str(item)))
    return pairs


def _paragraphs(body: object) -> list[str]:
    if isinstance(body, str):
        body = [body]
    return [str(p) for p in (body or []) if str(p or "").strip()]


def _fit_pt(widths: Iterable[float], room: float, pt: float, smallest: float) -> float:
    """The largest size <= pt at which text measured at 1pt (`widths`) fits in `room` mm."""
    widest = max(widths, default=0.0)
    if widest <= 0:
        return pt
    return max(smallest, min(pt, room / widest))


def _smaller(pt: float, needed: float, room: float, smallest: float) -> float:
    """The next size to try when text set at `pt` needs `needed` mm of `room`: text area grows
    with the square of the size, so jump straight to about the right one (in half points)."""
    guess = math.floor(pt * math.sqrt(room / needed) * 2) / 2
    return max(smallest, min(pt - 0.5, guess))


def _cut(d: _Doc, text: str, room: float, pt: float) -> str:
    """text, shortened and ended with … if it is wider than `room` at `pt`."""
    text = d.clean(text)
    if d.width(text, pt) <= room:
        return text
    budget = room - d.width("…", pt)
    kept = []
    for ch in text:
        budget -= d.advance(ch) * pt
        if budget < 0:
            break
        kept.append(ch)
    return "".join(kept).rstrip() + "…"


def _line(d: _Doc, text: str, room: float, pt: float, smallest: float) -> tuple[str, float]:
    """One line in `room` mm: as large as possible up to pt, never below smallest, then cut."""
    pt = _fit_pt([d.width(text, 1)], room, pt, smallest)
    return _cut(d, text, room, pt), pt


def _title(d: _Doc, text: str, centre: float, baseline: float, room: float, pt: float, smallest: float,
           tracking_em: float = 0.0) -> float:
    """A bold centred title: one line shrunk to fit, or two lines at `smallest`. Returns the last
    baseline."""
    natural = d.width(text, 1) + len(text) * tracking_em * 0.3528
    size = _fit_pt([natural], room, pt, smallest)
    if natural * size <= room:
        tracking = tracking_em * size * 0.3528
        d.put(centre, baseline, text, size, align="C", bold=True, tracking=tracking)
        return baseline
    lines = d.wrap(text, room, smallest)
    if len(lines) > 2:
        lines = [lines[0], _cut(d, "".join(lines[1:]), room, smallest)]
    for i, line in enumerate(lines):
        d.put(centre, baseline + i * smallest * 0.3528 * 1.4, line, smallest, align="C", bold=True)
    return baseline + (len(lines) - 1) * smallest * 0.3528 * 1.4


def _signature(doc: _Doc, right: float, baseline: float, issuer: str, date: str, pt: float, room: float,
               seal: bytes | None, diameter: float) -> None:
    """Issuer over date, centred on each other and right-aligned at `right`, the seal across
    both so that they sit a little below its centre, as GB/T 9704 places a seal."""
    issuer, issuer_pt = _line(doc, issuer, room, pt, 8)
    date, date_pt = _line(doc, date, room, pt, 8)
    block = max(doc.width(issuer, issuer_pt), doc.width(date, date_pt), 1.0)
    centre = right - block / 2
    line = pt * 0.3528 * 1.75
    if issuer:
        doc.put(centre, baseline, issuer, issuer_pt, align="C")
    if date:
        doc.put(centre, baseline + line, date, date_pt, align="C")
    doc.seal(seal, centre, baseline - line * 0.1, diameter)


def _qr_block(doc: _Doc, url: str, x: float, y: float, side: float) -> None:
    doc.qr(url, x, y, side)
    doc.put(x + side / 2, y + side + 4.2, "扫码核验", 9, align="C")


def _footer(doc: _Doc, x: float, baseline: float, parts: Sequence[str], room: float) -> None:
    text = "　".join(p for p in (doc.clean(p) for p in parts) if p)
    if text:
        text, pt = _line(doc, text, room, 8, 6)
        doc.put(x, baseline, text, pt, color=_GREY, align="C")


# -- the e-licence ----------------------------------------------------------------------------


def licence_pdf(doc: dict, *, qr_url: str, seal: bytes | None = None, font_path: str | None = None) -> bytes:
    """One landscape A4 page laid out like a Chinese certificate: the number at the top, the big
    centred title, a table of `lines` (labels justified, values wrapped, shrunk to fit), issuer
    and date bottom right under the seal, and the QR code bottom left captioned 扫码核验."""
    d = _Doc("L", _font(font_path), str(doc.get("title") or ""), str(doc.get("issuer") or ""))
    W, H = 297.0, 210.0

    # frame: a heavy outer rule and a fine inner one
    d.pdf.set_draw_color(*_FRAME)
    d.pdf.set_line_width(1.2)
    d.pdf.rect(8, 8, W - 16, H - 16)
    d.pdf.set_line_width(0.3)
    d.pdf.rect(11, 11, W - 22, H - 22)

    number = d.clean(doc.get("number"))
    if number:
        text, pt = _line(d, "编号：" + number, 150, 10.5, 7)
        d.put(W - 22, 22, text, pt, align="R")

    title = d.clean(doc.get("title")) or "电子证照"
    # 营 业 执 照: a short title is spaced out by half a character
    last = _title(d, title, W / 2, 42, W - 70, 40, 20, 0.5 if len(title) <= 6 else 0.0)

    pairs = [(d.clean(k)[:MAX_LABEL], d.clean(v)[:MAX_VALUE]) for k, v in _pairs(doc.get("lines"))[:MAX_LINES]]
    if not pairs:
        pairs = [(k, d.clean(doc.get(key))) for k, key in
                 (("持证主体", "holder"), ("证件号码", "holder_id"), ("许可事项", "matter"))]
        pairs = [(k, v) for k, v in pairs if v]
    valid_until = d.clean(doc.get("valid_until"))
    if valid_until and not any("期限" in k or "有效期" in k for k, _ in pairs):
        pairs.append(("有效期限", valid_until))

    # the table: between the title and the QR/seal band, at the largest size that fits; a label
    # of up to eight characters is spread across the label column, a longer one wraps in it
    top, bottom = max(56.0, last + 12), 146.0
    left, right = 36.0, W - 36.0
    label_chars = max([len(k) for k, _ in pairs if len(k) <= 8] + [4])
    pt = 15.0
    while True:
        mm = pt * 0.3528
        label_w, gap, lead, after = mm * label_chars, mm * 1.6, mm * 1.55, mm * 0.55
        value_w = right - left - label_w - gap
        labels_of = [[k] if len(k) <= label_chars else d.wrap(k, label_w, pt) for k, _ in pairs]
        values_of = [d.wrap(v, value_w, pt) or [""] for _, v in pairs]

        def height() -> float:
            return sum(max(len(a), len(b)) * lead + after for a, b in zip(labels_of, values_of))

        if height() <= bottom - top or pt <= 7.0:
            break
        pt = _smaller(pt, height(), bottom - top, 7.0)
    while height() > bottom - top:  # still too long at 7pt: shorten the longest cell, end it with …
        longest = max(labels_of + values_of, key=len)
        if len(longest) <= 1:
            break
        del longest[-1]
        longest[-1] = longest[-1][:-1] + "…"
    y = top + mm
    for labels, values in zip(labels_of, values_of):
        if len(labels) == 1:
            d.spread(left, y, label_w, labels[0], pt)
        else:
            for i, text in enumerate(labels):
                d.put(left, y + i * lead, text, pt)
        for i, text in enumerate(values):
            if i < len(values) - 1:
                d.justified(left + label_w + gap, y + i * lead, text, pt, value_w)
            else:
                d.put(left + label_w + gap, y + i * lead, text, pt)
        y += max(len(labels), len(values)) * lead + after

    # bottom band: QR left, signature right, footer between
    _qr_block(d, qr_url, 26, 155, 34)
    _signature(d, W - 36, 167, d.clean(doc.get("issuer")), d.clean(doc.get("issued_on")), 13, 110, seal, 42)
    status = d.clean(doc.get("status_label"))
    case_number = d.clean(doc.get("case_number"))
    shown = case_number and any(case_number in v for _, v in pairs)
    _footer(d, W / 2, H - 15, [f"状态：{status}（以扫码核验结果为准）" if status else "",
                               f"办件编号：{case_number}" if case_number and not shown else ""], 120)
    return d.output()


# -- the decision letter ----------------------------------------------------------------------


def decision_pdf(doc: dict, *, qr_url: str, seal: bytes | None = None, font_path: str | None = None) -> bytes:
    """One portrait A4 page set like an official letter (GB/T 9704 proportions): the title, the
    number (文号) under it, the addressee followed by ：, the body paragraphs indented two
    characters, issuer and date bottom right under the seal, the QR code bottom left. Long
    letters are set smaller until they fit the page."""
    d = _Doc("P", _font(font_path), str(doc.get("title") or ""), str(doc.get("issuer") or ""))
    W, H = 210.0, 297.0
    left, right = 28.0, W - 26.0
    text_w = right - left

    title = d.clean(doc.get("title")) or "决定书"
    y = _title(d, title, W / 2, 44, text_w, 22, 16) + 22 * 0.3528 * 0.6
    number = d.clean(doc.get("number"))
    if number:
        y += 11
        text, pt = _line(d, number, text_w, 14, 8)
        d.put(W / 2, y, text, pt, align="C")
    d.pdf.set_draw_color(*_FRAME)
    d.pdf.set_line_width(0.5)
    d.pdf.line(left, y + 5, right, y + 5)  # the red rule under the number
    y += 5

    holder = d.clean(doc.get("holder"))[:MAX_VALUE]
    paragraphs = [p for p in (d.clean(p)[:MAX_VALUE] for p in _paragraphs(doc.get("body"))[:MAX_LINES]) if p]

    # the bottom band is fixed: QR code at the left, issuer and date at the right with the seal
    # across them; the body is set at the largest size (三号, 16pt, at most) that ends above it
    qr_side, qr_y = 30.0, H - 66.0
    sig_baseline, seal_d = H - 52.0, 40.0
    floor = sig_baseline - 1.5 - seal_d / 2 - 2  # the seal's top edge, less a little air
    top = y + 8
    pt = 16.0
    while True:
        mm = pt * 0.3528
        lead = mm * 1.8  # about 28pt at 三号, 22 lines to a page as GB/T 9704 has it
        addressee = d.wrap(holder + "：", text_w, pt)[:3] if holder else []
        lines = [d.wrap(p, text_w, pt, first_indent=2 * mm) for p in paragraphs]
        needed = (len(addressee) + sum(map(len, lines))) * lead
        if top + needed <= floor or pt <= 8.0:
            break
        pt = _smaller(pt, needed, floor - top, 8.0)
    room = int((floor - top) / lead) - len(addressee)
    if sum(map(len, lines)) > room:  # too long even at 8pt: keep what fits and end with …
        kept: list[list[str]] = []
        for ls in lines:
            if room <= 0:
                break
            kept.append(ls[:room])
            room -= len(kept[-1])
        if kept and kept[-1]:
            kept[-1][-1] = kept[-1][-1][:-1] + "…"
        lines = kept
    baseline = top + mm
    for i, text in enumerate(addressee):
        if i < len(addressee) - 1:
            d.justified(left, baseline, text, pt, text_w)
        else:
            d.put(left, baseline, text, pt)
        baseline += lead
    for ls in lines:
        for i, text in enumerate(ls):
            indent = 2 * mm if i == 0 else 0.0
            if i < len(ls) - 1:
                d.justified(left + indent, baseline, text, pt, text_w - indent)
            else:
                d.put(left + indent, baseline, text, pt)
            baseline += lead

    issuer = d.clean(doc.get("issuer"))
    issued = d.clean(doc.get("issued_on"))
    _signature(d, right - 8, sig_baseline, issuer, issued, 15, text_w - qr_side - 24, seal, seal_d)
    _qr_block(d, qr_url, left - 2, qr_y, qr_side)
    case_number = d.clean(doc.get("case_number"))
    matter = d.clean(doc.get("matter"))
    _footer(d, W / 2, H - 14, [f"事项：{matter}" if matter else "", f"办件编号：{case_number}" if case_number else ""],
            text_w)
    return d.output()
