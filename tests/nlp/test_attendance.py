"""Attending is due when the invitation's meeting is held; without one scheduled day, never."""

from __future__ import annotations

import pytest

from nlp_service.pipeline import process
from tests.nlp.test_directive_sentences import build_document

INVITATION = (
    "Ủy ban nhân dân tỉnh tổ chức cuộc họp về tiến độ giải ngân vốn đầu tư công năm 2025.\n"
    "{when}\n"
    "Địa điểm: Phòng họp số 1, Ủy ban nhân dân tỉnh.\n"
    "Giao Sở Tài chính chuẩn bị báo cáo tình hình giải ngân, gửi Văn phòng trước ngày 12/3/2026.\n"
    "Đề nghị các cơ quan được mời cử đại diện lãnh đạo dự họp đúng thành phần, đúng giờ.\n"
)


def _attend(when: str) -> dict[str, str | None] | None:
    doc = build_document({"snippet": INVITATION.format(when=when)})
    result = process(doc.encode(), "gm.txt", segment=False)
    (task,) = [t for t in result.tasks if "dự họp" in t.text]
    return {"type": task.deadline.type, "date": task.deadline.date} if task.deadline else None


def test_attending_falls_on_the_meeting_day() -> None:
    assert _attend("Thời gian: 08 giờ 00, thứ Ba, ngày 17/3/2026.") == {
        "type": "on",
        "date": "2026-03-17",
    }


@pytest.mark.parametrize(
    "when",
    [
        "Thời gian: sẽ thông báo sau.",  # no day scheduled
        "Thời gian: 08 giờ 00 ngày 17/3/2026 (phiên sáng) và 14 giờ 00 ngày 18/3/2026.",
    ],
)
def test_without_one_scheduled_day_attending_has_no_deadline(when: str) -> None:
    assert _attend(when) is None
