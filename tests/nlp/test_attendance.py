"""Attending is due when the invitation's meeting is held; without one scheduled day, never."""

from __future__ import annotations

import pytest

from nlp_service.pipeline import process

INVITATION = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 118/GM-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 10 tháng 12 năm 2025
GIẤY MỜI
Họp về tiến độ giải ngân vốn đầu tư công năm 2025
Ủy ban nhân dân tỉnh tổ chức cuộc họp về tiến độ giải ngân vốn đầu tư công năm 2025.
{when}
Địa điểm: Phòng họp số 1, Ủy ban nhân dân tỉnh.
Giao Sở Tài chính chuẩn bị báo cáo tình hình giải ngân, gửi Văn phòng trước ngày 12/12/2025.
Đề nghị các cơ quan được mời cử đại diện lãnh đạo dự họp đúng thành phần, đúng giờ.
"""


def _attend(when: str) -> dict[str, str | None] | None:
    result = process(INVITATION.format(when=when).encode(), "gm.txt", segment=False)
    (task,) = [t for t in result.tasks if "dự họp" in t.text]
    return {"type": task.deadline.type, "date": task.deadline.date} if task.deadline else None


def test_attending_falls_on_the_meeting_day() -> None:
    assert _attend("Thời gian: 08 giờ 00, thứ Ba, ngày 16/12/2025.") == {
        "type": "on",
        "date": "2025-12-16",
    }


@pytest.mark.parametrize(
    "when",
    [
        "Thời gian: sẽ thông báo sau.",  # no day scheduled
        "Thời gian: 08 giờ 00 ngày 16/12/2025 (phiên sáng) và 14 giờ 00 ngày 17/12/2025.",
    ],
)
def test_without_one_scheduled_day_attending_has_no_deadline(when: str) -> None:
    assert _attend(when) is None
