"""Attending is due when the invitation's meeting is held; without one scheduled day, never."""

from __future__ import annotations

import pytest

from nlp_service.pipeline import analyse_bytes, process
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


LIST_INVITATION = (
    "Văn phòng Ủy ban nhân dân tỉnh trân trọng kính mời:\n"
    "1. Chủ trì: Đồng chí Trần Văn Bình, Chủ tịch Ủy ban nhân dân tỉnh.\n"
    "2. Thành phần:\n"
    "- Đồng chí Lê Thị Hoa, Phó Chủ tịch Ủy ban nhân dân tỉnh;\n"
    "- Lãnh đạo các sở: Tài chính, Xây dựng, Y tế;\n"
    "- Đại diện lãnh đạo Công an tỉnh;\n"
    "- Giám đốc Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh.\n"
    "3. Thời gian: 08 giờ 00, thứ Ba, ngày 17/3/2026.\n"
    "4. Phân công chuẩn bị: Giao Sở Tài chính chuẩn bị báo cáo tình hình giải ngân, gửi Văn "
    "phòng Ủy ban nhân dân tỉnh trước ngày 12/3/2026.\n"
    "{request}\n"
)
BODIES = [
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Y tế",
    "Công an tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
]


GM_HEADER = (
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n"
    "VĂN PHÒNG\n"
    "Số: 215/GM-VP\n"
    "Lâm Đồng, ngày 05 tháng 3 năm 2026\n"
    "GIẤY MỜI\n"
    "Họp về tiến độ giải ngân vốn đầu tư công năm 2026\n"
    "__________\n"
)


def _attendees(request: str, header: str = GM_HEADER) -> list[str]:
    """The leads of the attendance clause, whether or not the task model keeps it."""
    doc = (
        header + LIST_INVITATION.format(request=request) + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
    )
    tasks = analyse_bytes(doc.encode(), "gm.txt", segment=False, use_model=False, keep_all=True)
    assert (tasks.structure.fields.doc_type == "GM") == (header == GM_HEADER)
    (task,) = [t for t in tasks.result.tasks if "đúng thành phần" in t.text]
    return [a.name for a in task.assignees if a.role == "lead"]


def test_a_request_to_the_invited_bodies_is_led_by_the_bodies_of_the_list() -> None:
    """The persons invited by name are left out; "Lãnh đạo các sở: …" gives each Sở, the heads
    ("Đại diện lãnh đạo", "Giám đốc") give their bodies."""
    got = _attendees("Đề nghị các cơ quan được mời cử đại diện lãnh đạo dự họp đúng thành phần.")
    assert got == BODIES


def test_a_request_to_the_comrades_also_takes_the_persons_by_title() -> None:
    got = _attendees("Các đồng chí tham dự cuộc họp đúng thành phần, đúng giờ.")
    assert got == ["Phó Chủ tịch Ủy ban nhân dân tỉnh", *BODIES]


def test_a_request_that_names_its_body_keeps_it() -> None:
    got = _attendees("Đề nghị Sở Tài chính cử lãnh đạo dự họp đúng thành phần, đúng giờ.")
    assert got == ["Sở Tài chính"]


def test_outside_an_invitation_a_list_of_members_is_no_audience() -> None:
    """A notice's "Thành phần:" is a team or a board; its attendance request keeps its lead."""
    notice = build_document({"snippet": ""}).split("Nơi nhận:")[0]
    got = _attendees(
        "Đề nghị các cơ quan được mời cử đại diện lãnh đạo dự họp đúng thành phần.", notice
    )
    assert "Sở Xây dựng" not in got
