"""Numbers and days stamped by e-signature software into widgets over the header's blanks.

The synthetic notice is drawn with reportlab: the text layer says "Số: /TB-UBND" and
"…, ngày tháng 11 năm 2025", and AcroForm fields carry "184", "06" and a signature text, as the
signing software leaves them. The real signed copies of the corpus are checked when present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp_service.pipeline import process
from tests.readers.conftest import BODY, CORPUS, vietnamese_canvas


def _signed_notice(with_stamps: bool = True) -> bytes:
    c, buf, (width, height) = vietnamese_canvas()
    y = height - 60
    c.setFont("DejaVu-Bold", 11)
    c.drawCentredString(140, y, "ỦY BAN NHÂN DÂN")
    c.drawCentredString(410, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    y -= 16
    c.drawCentredString(140, y, "TỈNH LÂM ĐỒNG")
    c.drawCentredString(410, y, "Độc lập - Tự do - Hạnh phúc")
    y -= 26
    c.setFont("DejaVu", 11)
    c.drawString(90, y, "Số:")
    c.drawString(150, y, "/TB-UBND")  # the number's blank lies between
    c.drawString(300, y, "Lâm Đồng, ngày")
    day_x = 300 + c.stringWidth("Lâm Đồng, ngày", "DejaVu", 11) + 4
    c.drawString(day_x + 26, y, "tháng 11 năm 2025")  # the day's blank lies between
    if with_stamps:
        form = c.acroForm
        # The number and the day over the header's blanks, and a signature's text stamped
        # beside the body, which is never merged into it.
        for name, value, x, field_y, field_width, size in (
            ("so", "184", 112.0, y - 3, 34, 11),
            ("ngay", "06", day_x, y - 3, 34, 11),
            ("ky", "Ky boi: UBND tinh Lam Dong", 300.0, y - 140, 200, 9),
        ):
            form.textfield(
                name=name,
                value=value,
                x=x,
                y=field_y,
                width=field_width,
                height=15,
                fontSize=size,
                borderWidth=0,
                fillColor=None,
                textColor=None,
                forceBorder=False,
            )
    y -= 40
    c.setFont("DejaVu-Bold", 13)
    c.drawCentredString(width / 2, y, "THÔNG BÁO")
    y -= 30
    c.setFont("DejaVu", 11)
    for line in BODY + BODY:  # a page of text, not a thin scan with a stamped line
        c.drawString(70, y, line)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def test_stamped_number_and_day_fill_the_header_blanks() -> None:
    result = process(_signed_notice(), "signed.pdf", segment=False)
    assert result.document.number == "184/TB-UBND"
    assert str(result.document.issue_date) == "2025-11-06"
    assert "Ky boi" not in result.text  # a signature's words are not the notice's


def test_without_stamps_the_blanks_stay_blank() -> None:
    result = process(_signed_notice(with_stamps=False), "unsigned.pdf", segment=False)
    assert result.document.number in (None, "/TB-UBND")
    assert str(result.document.issue_date) != "2025-11-06"


@pytest.mark.parametrize(
    ("name", "number", "issued"),
    [
        ("vpubnd49__VBAI/Bao cao cac chi so cua tinh 06.11s.pdf", "184/BC-SNV", "2025-11-06"),
        ("vpubnd49__VBAI/Văn bản 8977 của Bộ Nội vụ.pdf", "8977/BNV-TCPCP", "2025-10-06"),
    ],
)
def test_signed_copies_of_the_corpus(name: str, number: str, issued: str) -> None:
    path = Path(CORPUS) / name
    if not path.exists():
        pytest.skip("../shared/corpus/raw is not available")
    result = process(path.read_bytes(), path.name, segment=False)
    assert result.document.number == number
    assert str(result.document.issue_date) == issued
