"""Small notices generated for the service tests and the API benchmark (never committed files).

Each call takes a ``tag`` that goes into the document number, so every test uploads a file with
its own SHA-256 and tests sharing one server do not collide on idempotency.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

TASKS = [
    "1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, tổng hợp danh mục dự án "
    "chậm tiến độ, báo cáo Ủy ban nhân dân tỉnh trước ngày 20/4/2026.",
    "2. Đề nghị Ủy ban nhân dân các xã khẩn trương hoàn thành công tác giải phóng mặt bằng "
    "trong tháng 5/2026.",
    "3. Giao Sở Nội vụ tổng hợp, báo cáo kết quả thực hiện trước ngày 25 hằng tháng.",
]
MORE_TASKS = [
    "4. Giao Sở Giáo dục và Đào tạo chủ trì, phối hợp với Sở Y tế kiểm tra công tác bảo đảm an "
    "toàn thực phẩm tại các trường học, báo cáo kết quả trước ngày 15/6/2026.",
    "5. Yêu cầu Công an tỉnh tăng cường kiểm tra, xử lý vi phạm trật tự an toàn giao thông "
    "trong Quý II/2026.",
    "6. Giao Sở Nông nghiệp và Môi trường hướng dẫn các xã lập hồ sơ đất đai chậm nhất ngày "
    "30/7/2026.",
]


def _number(tag: str) -> int:
    return zlib.crc32(tag.encode()) % 9000 + 100


def header(tag: str) -> list[str]:
    return [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        f"Số: {_number(tag)}/TB-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lâm Đồng, ngày 03 tháng 4 năm 2026",
        "THÔNG BÁO",
        f"Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp số {tag}",
        "Ngày 01/4/2026, Ủy ban nhân dân tỉnh tổ chức cuộc họp về tiến độ các dự án. "
        "Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:",
    ]


def notice_text(tag: str, *, extra: bool = False) -> bytes:
    lines = header(tag) + TASKS + (MORE_TASKS if extra else [])
    lines.append(
        "Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./."
    )
    return "\n".join(lines).encode("utf-8")


def notice_pdf(tag: str, *, pages: int = 1) -> bytes:
    """A text-layer PDF notice drawn with reportlab (DejaVu for the Vietnamese glyphs)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONT_BOLD)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    head = header(tag)
    body_pages = [TASKS, MORE_TASKS] + [MORE_TASKS] * max(0, pages - 2)
    for page in range(pages):
        y = height - 60
        if page == 0:
            for left, right in zip(head[:3], head[3:6], strict=True):
                c.setFont("DejaVu-Bold", 10)
                c.drawCentredString(140, y, left)
                c.drawCentredString(410, y, right)
                y -= 15
            y -= 20
            c.setFont("DejaVu-Bold", 13)
            c.drawCentredString(width / 2, y, head[6])
            y -= 18
            c.setFont("DejaVu-Bold", 11)
            c.drawCentredString(width / 2, y, head[7])
            y -= 28
            paragraphs = [head[8], *body_pages[0]]
        else:
            paragraphs = body_pages[min(page, len(body_pages) - 1)]
        c.setFont("DejaVu", 11)
        for para in paragraphs:
            for line in simpleSplit(para, "DejaVu", 11, width - 140):
                c.drawString(70, y, line)
                y -= 16
            y -= 6
        c.showPage()
    c.save()
    return buf.getvalue()
