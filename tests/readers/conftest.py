"""Generators for the small files the reader tests need (written to tmp dirs, never committed).

Vietnamese glyphs need a TTF: Debian's fonts-dejavu-core ships DejaVuSans; tests that draw
PDFs skip when it (or reportlab) is missing.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = (SHARED / "corpus" / "raw").resolve()

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 24/TB-UBND"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Lâm Đồng, ngày 12 tháng 9 năm 2018",
]
BODY = [
    "Ngày 10/9/2018, Ủy ban nhân dân tỉnh tổ chức cuộc họp về tiến độ giải phóng mặt bằng",
    "các dự án trọng điểm. Sau khi nghe báo cáo, đồng chí chủ trì kết luận như sau:",
    "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát danh mục dự án,",
    "báo cáo Ủy ban nhân dân tỉnh trước ngày 15/10/2018.",
]


def vietnamese_canvas(
    encrypt: str | None = None,
) -> tuple[Any, io.BytesIO, tuple[float, float]]:
    """A reportlab A4 canvas writing into a buffer (and the page size), with DejaVu regular and
    bold registered for Vietnamese glyphs; skips the test when reportlab or the fonts are
    missing."""
    pytest.importorskip("reportlab")
    if not FONT.exists():
        pytest.skip("DejaVuSans.ttf missing (apt-get install fonts-dejavu-core)")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_BOLD)))
    buf = io.BytesIO()
    return canvas.Canvas(buf, pagesize=A4, encrypt=encrypt), buf, A4


def pdf_bytes(pages: int = 2, *, encrypt: str | None = None, header: bool = True) -> bytes:
    """A notice PDF drawn with reportlab: NĐ 30 two-column header, title, body lines."""
    c, buf, (width, height) = vietnamese_canvas(encrypt)
    for page in range(1, pages + 1):
        y = height - 60
        if page == 1 and header:
            # Left and right columns share baselines, as in real notices.
            for left, right in zip(HEADER_LEFT, HEADER_RIGHT, strict=True):
                c.setFont("DejaVu-Bold", 11)
                c.drawCentredString(140, y, left)
                c.drawCentredString(410, y, right)
                y -= 16
            y -= 20
            c.setFont("DejaVu-Bold", 13)
            c.drawCentredString(width / 2, y, "THÔNG BÁO")
            y -= 30
        else:
            c.setFont("DejaVu", 10)
            c.drawCentredString(width / 2, height - 30, str(page))
        c.setFont("DejaVu", 11)
        for line in BODY:
            c.drawString(70, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def docx_bytes() -> bytes:
    """A DOCX with the header as a 2-column table, paragraphs, a task table, a bold run."""
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 24/TB-UBND"
    table.cell(1, 1).text = "Lâm Đồng, ngày 12 tháng 9 năm 2018"
    title = doc.add_paragraph()
    title.add_run("THÔNG BÁO").bold = True
    doc.add_paragraph(BODY[0] + " " + BODY[1])
    tasks = doc.add_table(rows=2, cols=3)
    for i, text in enumerate(["Nội dung", "Chủ trì", "Thời hạn"]):
        tasks.cell(0, i).text = text
    for i, text in enumerate(["Rà soát danh mục dự án", "Sở Tài chính", "15/10/2018"]):
        tasks.cell(1, i).text = text
    doc.add_paragraph(BODY[2] + " " + BODY[3])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


NEWS_HTML = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>HĐND thành phố giao nhiệm vụ giám sát</title>
</head><body>
<header><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li>
<li><a href="/kinh-te">Kinh tế</a></li><li><a href="/the-thao">Thể thao</a></li></ul></nav></header>
<main><article>
<h1>HĐND thành phố giao nhiệm vụ giám sát năm 2018</h1>
<p>Ngày 12/9/2018, Thường trực HĐND thành phố Hà Nội ban hành Thông báo số 24/TB-HĐND về
kết quả giám sát việc thực hiện các nghị quyết của Hội đồng nhân dân thành phố.</p>
<p>Theo thông báo, Thường trực HĐND đề nghị UBND thành phố chỉ đạo các sở, ngành khẩn trương
rà soát, báo cáo kết quả thực hiện trước ngày 15/10/2018.</p>
<p>Thường trực HĐND các quận, huyện, thị xã có trách nhiệm tổ chức giám sát chuyên đề trong
năm 2018 và gửi báo cáo về Thường trực HĐND thành phố.</p>
</article>
<aside class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/a1">Khai mạc kỳ họp thứ sáu HĐND thành phố khóa XV</a></li>
<li><a href="/a2">Hà Nội tăng cường quản lý trật tự xây dựng đô thị</a></li></ul></aside>
</main>
<footer><p>Bản quyền thuộc về Báo Điện tử Tin Tức Thủ Đô. Giấy phép số 123/GP-BTTTT.</p>
<p>Địa chỉ tòa soạn: số 1 phố Ví Dụ, quận Hoàn Kiếm, Hà Nội.</p></footer>
</body></html>
"""

HARD_WRAPPED = """Căn cứ Luật Tổ chức chính quyền địa phương
ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều
của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương
ngày 22 tháng 11 năm 2019;
Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 02/TTr-SNV
ngày 30 tháng 6 năm 2017 về việc ban hành kế hoạch cải cách
hành chính năm 2018 của tỉnh;
1. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành
theo dõi, đôn đốc việc thực hiện kế hoạch, báo cáo Ủy ban nhân
dân tỉnh trước ngày 15 tháng 12 năm 2018.
"""


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/raw is not available")
    return CORPUS


GARBAGE = "uY BAN NgAN nAN TiNh LAm DoNg CoNg HoA xA hOi ChU nGhIa ViEt NaM "


def notice_image(
    dpi: int = 200,
    header_left: list[str] = HEADER_LEFT,
    header_right: list[str] = HEADER_RIGHT,
) -> Any:
    """A clean A4 page image of a notice (what a scanner would produce), drawn with PIL; the
    right header column's lines are centred on one axis, as offices print them."""
    if not FONT.exists():
        pytest.skip("DejaVuSans.ttf missing (apt-get install fonts-dejavu-core)")
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 72
    image = Image.new("L", (round(595 * px), round(842 * px)), 255)
    draw = ImageDraw.Draw(image)
    bold = ImageFont.truetype(str(FONT_BOLD), round(11 * px))
    regular = ImageFont.truetype(str(FONT), round(11 * px))
    y = 60 * px
    for left, right in zip(header_left, header_right, strict=True):
        draw.text((140 * px, y), left, font=bold, fill=0, anchor="mt")
        draw.text((410 * px, y), right, font=bold, fill=0, anchor="mt")
        y += 16 * px
    y += 20 * px
    draw.text((297 * px, y), "THÔNG BÁO", font=bold, fill=0, anchor="mt")
    y += 30 * px
    for line in BODY:
        draw.text((70 * px, y), line, font=regular, fill=0)
        y += 16 * px
    image.info["dpi"] = (dpi, dpi)
    return image


def garbage_layer_pdf(dpi: int = 200) -> bytes:
    """A scanned page with a damaged hidden OCR layer on top, like some archive PDFs."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(notice_image(dpi)), 0, 0, width=A4[0], height=A4[1])
    text = c.beginText(70, 700)
    text.setTextRenderMode(3)  # invisible, as OCR layers are
    text.setFont("Helvetica", 11)
    for _ in range(12):
        text.textLine(GARBAGE)
    c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()


TABLE_ROWS = [
    ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời hạn"],
    ["I", "NHIỆM VỤ TRỌNG TÂM", "", ""],  # merged across all columns
    ["1", "Rà soát danh mục dự án", "Sở Tài chính", "Trước ngày 15/10/2018"],
    ["2", "Báo cáo tiến độ giải phóng mặt bằng", "UBND các xã", "Quý IV/2018"],
]


def _task_table(rule: float) -> Any:
    """TABLE_ROWS as a reportlab table ruled ``rule`` points wide (DejaVu registered)."""
    from reportlab.platypus import Table, TableStyle

    table = Table(TABLE_ROWS, colWidths=[40, 190, 110, 130])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "DejaVu"),
                ("GRID", (0, 0), (-1, -1), rule, "black"),
                ("SPAN", (1, 1), (3, 1)),
            ]
        )
    )
    return table


def table_pdf_bytes() -> bytes:
    """A PDF with a paragraph, a ruled table (one merged row) and a closing paragraph."""
    pytest.importorskip("reportlab")
    if not FONT.exists():
        pytest.skip("DejaVuSans.ttf missing (apt-get install fonts-dejavu-core)")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    style = ParagraphStyle("vi", fontName="DejaVu", fontSize=11, leading=15)
    buf = io.BytesIO()
    story = [Paragraph(BODY[0], style), _task_table(0.5), Paragraph(BODY[3], style)]
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def stamped_scan_pdf(dpi: int = 200) -> bytes:
    """A scanned page whose only text layer is an e-signature stamp line."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(notice_image(dpi)), 0, 0, width=A4[0], height=A4[1])
    c.setFont("DejaVu", 7)
    c.drawString(380, 40, "Ký bởi: Ủy ban nhân dân tỉnh Lâm Đồng, 12.09.2018 10:15")
    c.showPage()
    c.save()
    return buf.getvalue()


def table_notice_pdf() -> bytes:
    """A notice with an NĐ 30 header, an assigning sentence and a ruled task table."""
    pytest.importorskip("reportlab")
    if not FONT.exists():
        pytest.skip("DejaVuSans.ttf missing (apt-get install fonts-dejavu-core)")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_BOLD)))
    style = ParagraphStyle("vi", fontName="DejaVu", fontSize=11, leading=15)
    title = ParagraphStyle("title", fontName="DejaVu-Bold", fontSize=12, alignment=1)
    header = Table(
        list(zip(HEADER_LEFT, HEADER_RIGHT, strict=True)), colWidths=[200, 280], hAlign="CENTER"
    )
    header.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), "DejaVu-Bold"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
        )
    )
    buf = io.BytesIO()
    story = [
        header,
        Spacer(1, 18),
        Paragraph("THÔNG BÁO", title),
        Spacer(1, 12),
        Paragraph(BODY[0] + " " + BODY[1], style),
        Paragraph("Ủy ban nhân dân tỉnh giao nhiệm vụ cụ thể như sau:", style),
        Spacer(1, 6),
        _task_table(0.8),
    ]
    SimpleDocTemplate(buf, pagesize=A4).build(story)
    return buf.getvalue()


def scanned(pdf: bytes, dpi: int = 200, angle: float = 0.0) -> bytes:
    """``pdf`` as a scanner would return it (``nlp_service.evaluation.rasterise``)."""
    from nlp_service.evaluation.rasterise import as_scan

    return as_scan(pdf, dpi, angle)
