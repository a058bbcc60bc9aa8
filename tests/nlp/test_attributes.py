"""Labelled attributes of a task ("- Cơ quan chủ trì: …", "(Thời hạn: …)", "Giao: …").

The plans and conclusions below were written for this test in the layouts real offices use (not
copied from the corpus); they run the real pipeline with the rules' verdicts.
"""

from __future__ import annotations

from typing import Any

import pytest

from nlp_service.nlp.attributes import attributes_only, inline
from nlp_service.pipeline import analyse_bytes
from tests.nlp.test_directive_sentences import build_document


def _kinds(text: str) -> list[tuple[str, str]] | None:
    found = attributes_only(text, 0, len(text))
    return None if found is None else [(a.kind, text[a.value_start : a.value_end]) for a in found]


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Cơ quan chủ trì: Sở Tư pháp.", [("lead", "Sở Tư pháp")]),
        ("Đơn vị thực hiện: Các sở, ban, ngành", [("lead", "Các sở, ban, ngành")]),
        ("Trách nhiệm thực hiện: UBND các xã", [("lead", "UBND các xã")]),
        (
            "Cơ quan phối hợp: Các sở, ban, ngành; UBND các xã, phường.",
            [("support", "Các sở, ban, ngành; UBND các xã, phường")],
        ),
        ("Thời gian hoàn thành: Quý II/2026.", [("deadline", "Quý II/2026")]),
        ("Tiến độ: trước ngày 30/6/2026", [("deadline", "trước ngày 30/6/2026")]),
        ("Sản phẩm: Báo cáo kết quả rà soát.", [("other", "Báo cáo kết quả rà soát")]),
        # the products go on past the ";" as a list of bodies does
        (
            "Sản phẩm: Chuyên mục phát sóng hằng tuần; tin, bài đăng tải thường xuyên.",
            [("other", "Chuyên mục phát sóng hằng tuần; tin, bài đăng tải thường xuyên")],
        ),
        # a part naming its own role is an attribute of its own
        (
            "Trách nhiệm: Sở Y tế chủ trì; Sở Tài chính, Bảo hiểm xã hội tỉnh phối hợp",
            [("lead", "Sở Y tế chủ trì"), ("support", "Sở Tài chính, Bảo hiểm xã hội tỉnh")],
        ),
        ("Thời gian gửi báo cáo: trước ngày 15/4.", [("deadline", "trước ngày 15/4")]),
        ("Hạn chót nhận hồ sơ: ngày 23/3/2026.", [("deadline", "ngày 23/3/2026")]),
        # a schedule's lines under a session it plans
        (
            "Thời gian dự kiến: 8h00-10h00 ngày 28/12/2026",
            [("deadline", "8h00-10h00 ngày 28/12/2026")],
        ),
        (
            "Thời gian đào tạo: Trong quá trình triển khai.",
            [("deadline", "Trong quá trình triển khai")],
        ),
        ("Thành phần: Cán bộ văn thư", [("other", "Cán bộ văn thư")]),
        (
            "Chủ trì: Sở Nội vụ; phối hợp: Sở Tài chính; thời gian: tháng 5/2026",
            [("lead", "Sở Nội vụ"), ("support", "Sở Tài chính"), ("deadline", "tháng 5/2026")],
        ),
        # An action, a heading, a lead-in: no attributes.
        ("Rà soát, hệ thống hóa văn bản quy phạm pháp luật.", None),
        ("Trách nhiệm thực hiện:", None),
        ("Giao Sở Nội vụ chủ trì: rà soát chức năng", None),
        ("Thời gian qua, các sở đã chủ động triển khai.", None),
        (
            "Chủ trì: Sở Tư pháp; rà soát các văn bản hết hiệu lực",
            [("lead", "Sở Tư pháp; rà soát các văn bản hết hiệu lực")],
        ),
    ],
)
def test_attribute_lines(line: str, want: list[tuple[str, str]] | None) -> None:
    assert _kinds(line) == want


def test_attributes_in_brackets_inside_an_action() -> None:
    text = (
        "Công bố danh mục thủ tục hành chính (Cơ quan chủ trì: Văn phòng UBND tỉnh; thời gian: "
        "trước ngày 30/6/2026)."
    )
    found = inline(text, 0, len(text))
    assert [(a.kind, text[a.value_start : a.value_end]) for a in found] == [
        ("lead", "Văn phòng UBND tỉnh"),
        ("deadline", "trước ngày 30/6/2026"),
    ]
    assert inline("Báo cáo kết quả (qua Sở Nội vụ) trước ngày 15/12/2026.", 0, 48) == []


PLAN = (
    "1. Cải cách thể chế\n"
    "a) Rà soát, hệ thống hóa văn bản quy phạm pháp luật do tỉnh ban hành.\n"
    "- Cơ quan chủ trì: Sở Tư pháp.\n"
    "- Cơ quan phối hợp: Các sở, ban, ngành tỉnh.\n"
    "- Thời gian hoàn thành: Quý II/2026.\n"
    "- Sản phẩm: Báo cáo kết quả rà soát.\n"
    "b) Kiểm tra, xử lý văn bản trái pháp luật theo thẩm quyền.\n"
    "- Đơn vị thực hiện: Sở Tư pháp.\n"
    "- Thời gian thực hiện: Thường xuyên.\n"
    "2. Cải cách thủ tục hành chính\n"
    "a) Công bố danh mục thủ tục hành chính mới ban hành (Cơ quan chủ trì: Văn phòng UBND tỉnh; "
    "thời gian: trong vòng 05 ngày làm việc kể từ ngày nhận được dự thảo).\n"
    "b) Đánh giá chất lượng giải quyết thủ tục hành chính theo Bộ chỉ số. Chủ trì: Văn phòng UBND "
    "tỉnh. Thời gian hoàn thành: trước ngày 15/12/2026.\n"
    "3. Cải cách tổ chức bộ máy\n"
    "- Chủ trì: Sở Nội vụ; phối hợp: các sở, ban, ngành.\n"
    "a) Rà soát chức năng, nhiệm vụ của các cơ quan chuyên môn thuộc UBND tỉnh; thời gian hoàn "
    "thành: tháng 6/2026.\n"
    "b) Đánh giá vị trí việc làm công chức, viên chức.\n"
)


def _tasks(snippet: str) -> dict[str, dict[str, Any]]:
    doc = build_document({"snippet": snippet, "layout": "notice"})
    tasks = analyse_bytes(doc.encode(), "tb.txt", segment=False, use_model=False).result.tasks
    return {
        t.text[:20]: {
            "lead": [a.name for a in t.assignees if a.role == "lead"],
            "support": [a.name for a in t.assignees if a.role == "support"],
            "deadline": (t.deadline.type, t.deadline.date) if t.deadline else None,
        }
        for t in tasks
    }


def test_an_item_takes_the_bodies_and_time_of_its_attribute_lines() -> None:
    got = _tasks(PLAN)
    assert set(got) == {
        "Rà soát, hệ thống hó",
        "Kiểm tra, xử lý văn ",
        "Công bố danh mục thủ",
        "Đánh giá chất lượng ",
        "Rà soát chức năng, n",
        "Đánh giá vị trí việc",
    }, got
    first = got["Rà soát, hệ thống hó"]
    assert first["lead"] == ["Sở Tư pháp"]
    assert first["support"] == ["các sở, ban, ngành tỉnh"]
    assert first["deadline"] == ("within_period", "2026-06-30")
    assert got["Kiểm tra, xử lý văn "]["lead"] == ["Sở Tư pháp"]
    assert got["Kiểm tra, xử lý văn "]["deadline"] == ("ongoing", None)


def test_inline_and_tail_attributes_label_their_own_action() -> None:
    got = _tasks(PLAN)
    announce = got["Công bố danh mục thủ"]
    assert announce["lead"] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert announce["deadline"] == ("relative", None)
    rate = got["Đánh giá chất lượng "]
    assert rate["lead"] == ["Văn phòng Ủy ban nhân dân tỉnh"]
    assert rate["deadline"] == ("before", "2026-12-15")


def test_attributes_under_a_heading_name_the_bodies_of_its_items() -> None:
    got = _tasks(PLAN)
    for key in ("Rà soát chức năng, n", "Đánh giá vị trí việc"):
        assert got[key]["lead"] == ["Sở Nội vụ"], got[key]
        assert got[key]["support"] == ["các sở, ban, ngành"], got[key]
    assert got["Rà soát chức năng, n"]["deadline"] == ("within_period", "2026-06-30")
    assert got["Đánh giá vị trí việc"]["deadline"] is None


def test_an_unpunctuated_action_over_attribute_lines_is_an_item_not_a_heading() -> None:
    got = _tasks(
        "1. Dữ liệu dân cư\n"
        "1.1. Số hóa sổ hộ tịch của các xã cũ giai đoạn 1995 - 2015\n"
        "- Chủ trì: Công chức Tư pháp - Hộ tịch; phối hợp: Công an xã\n"
        "- Thời gian hoàn thành: trước 15/4/2026\n"
        "1.2. Thống kê hộ gia đình, nhân khẩu thực tế đang sinh sống tại thôn\n"
        "- Trách nhiệm: Trưởng các thôn. Thời gian: Trước ngày 20 hằng tháng\n"
    )
    assert set(got) == {"Số hóa sổ hộ tịch củ", "Thống kê hộ gia đình"}, got
    assert got["Số hóa sổ hộ tịch củ"]["lead"] == ["Công chức Tư pháp - Hộ tịch"]
    assert got["Số hóa sổ hộ tịch củ"]["support"] == ["Công an xã"]
    assert got["Số hóa sổ hộ tịch củ"]["deadline"] == ("before", "2026-04-15")
    assert got["Thống kê hộ gia đình"]["lead"] == ["Trưởng các thôn"]
    assert got["Thống kê hộ gia đình"]["deadline"][0] == "recurring"


def _tasks_of(snippet: str) -> dict[str, Any]:
    doc = build_document({"snippet": snippet})
    tasks = analyse_bytes(doc.encode(), "tb.txt", segment=False, use_model=False).result.tasks
    return {
        t.text[:25]: (
            [a.name for a in t.assignees if a.role == "lead"],
            [a.name for a in t.assignees if a.role == "support"],
            t.deadline.date if t.deadline else None,
        )
        for t in tasks
    }


def test_an_unlabelled_closing_bracket_names_who_and_by_when() -> None:
    got = _tasks_of(
        "1. Xây dựng Quy chế phối hợp kiểm tra văn bản (Sở Tư pháp chủ trì; thời gian: tháng "
        "6/2026).\n"
        "2. Tập huấn nghiệp vụ kiểm soát thủ tục hành chính (Sở Nội vụ chủ trì, phối hợp với Sở "
        "Tài chính; Quý III/2026).\n"
        "3. Đánh giá chỉ số cải cách hành chính năm 2026 của các sở, ngành, địa phương (Sở Nội "
        "vụ; Quý I/2027).\n"
    )
    assert got["Xây dựng Quy chế phối hợp"] == (["Sở Tư pháp"], [], "2026-06-30"), got
    assert got["Tập huấn nghiệp vụ kiểm s"] == (["Sở Nội vụ"], ["Sở Tài chính"], "2026-09-30"), got
    assert got["Đánh giá chỉ số cải cách "] == (["Sở Nội vụ"], [], "2027-03-31"), got


def test_a_bracket_that_is_an_aside_or_a_sub_unit_names_no_one() -> None:
    got = _tasks_of(
        "1. Giao Sở Tài chính tổng hợp ý kiến, báo cáo UBND tỉnh (qua Văn phòng UBND tỉnh).\n"
        "2. Giao Sở Xây dựng gửi hồ sơ về UBND tỉnh (Văn phòng UBND tỉnh).\n"
        "3. Giao Sở Nội vụ rà soát các thủ tục hành chính (trừ lĩnh vực đất đai; Quý II/2026).\n"
    )
    assert got["Giao Sở Tài chính tổng hợ"][0] == ["Sở Tài chính"], got
    assert got["Giao Sở Xây dựng gửi hồ s"][0] == ["Sở Xây dựng"], got
    assert got["Giao Sở Nội vụ rà soát cá"][0] == ["Sở Nội vụ"], got


def test_a_group_label_under_a_heading_names_the_items_below_not_the_list_before() -> None:
    doc = build_document(
        {
            "snippet": (
                "2. Cải cách thể chế\n"
                "a) Rà soát, hệ thống hóa văn bản quy phạm pháp luật do tỉnh ban hành.\n"
                "- Cơ quan chủ trì: Sở Tư pháp.\n"
                "3. Cải cách thủ tục hành chính\n"
                "Cơ quan chủ trì chung: Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công "
                "tỉnh). Cơ quan phối hợp: Các sở, ban, ngành; UBND các xã, phường.\n"
                "a) Rà soát, đơn giản hóa thủ tục hành chính nội bộ.\n"
                "b) Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.\n"
            )
        }
    )
    tasks = analyse_bytes(doc.encode(), "tb.txt", segment=False).result.tasks
    lead = {t.text[:20]: [a.name for a in t.assignees if a.role == "lead"] for t in tasks}
    assert lead["Rà soát, hệ thống hó"] == ["Sở Tư pháp"], lead
    for key in ("Rà soát, đơn giản hó", "Số hóa hồ sơ, kết qu"):
        assert lead[key] and lead[key][0].startswith("Văn phòng Ủy ban nhân dân tỉnh"), lead
        # the sub-unit's bracket is part of the name, closed; the office is the issuer's
        # province's, named so (a bracket would otherwise hide the province's words)
        assert lead[key][0].endswith("hành chính công tỉnh)"), lead
        assert "tỉnh Lâm Đồng (Trung tâm" in lead[key][0], lead


def test_unmarked_attribute_lines_under_each_item_label_that_item_only() -> None:
    """Without dashes the lines under item 2 are still item 2's: an earlier item labelled by
    lines of its own shows the list is labelled item by item, not closed by one label; and a
    closing label never replaces the lead an item names itself."""
    got = _tasks(
        "1. Tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm\n"
        "Cơ quan thực hiện: Sở Tư pháp\n"
        "Thời gian: Tháng 7/2026\n"
        "2. Kiểm tra công tác cải cách hành chính tại các cơ quan, đơn vị\n"
        "Cơ quan thực hiện: Sở Nội vụ\n"
        "Thời gian: Quý III/2026\n"
    )
    assert got["Tổ chức hội nghị sơ "]["lead"] == ["Sở Tư pháp"], got
    assert got["Tổ chức hội nghị sơ "]["deadline"] == ("within_period", "2026-07-31"), got
    assert got["Kiểm tra công tác cả"]["lead"] == ["Sở Nội vụ"], got
    assert got["Kiểm tra công tác cả"]["deadline"] == ("within_period", "2026-09-30"), got
    got = _tasks(
        "1. Xây dựng cơ sở dữ liệu về cán bộ, công chức (Sở Nội vụ chủ trì; thời gian thực "
        "hiện: tháng 10/2026).\n"
        "2. Rà soát các thủ tục hành chính thuộc thẩm quyền của tỉnh.\n"
        "Cơ quan thực hiện: Sở Tư pháp\n"
        "Thời gian: Tháng 7/2026\n"
    )
    assert got["Xây dựng cơ sở dữ li"]["lead"] == ["Sở Nội vụ"], got
    assert got["Xây dựng cơ sở dữ li"]["deadline"] == ("within_period", "2026-10-31"), got
    assert got["Rà soát các thủ tục "]["lead"] == ["Sở Tư pháp"], got


def test_a_time_after_the_first_label_of_an_unmarked_line_dates_the_item() -> None:
    """ "Cơ quan chủ trì: …; thời gian hoàn thành: tháng 10/2026." under an item: the time is
    its second label, so no closing time line reads it; the label line still dates the item."""
    got = _tasks(
        "1. Xây dựng Đề án phát triển kinh tế đêm.\n"
        "Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch; thời gian hoàn thành: tháng 10/2026.\n"
        "2. Tổ chức lễ hội văn hóa các dân tộc.\n"
        "Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch; thời gian hoàn thành: tháng 11/2026.\n"
    )
    assert got["Xây dựng Đề án phát "]["deadline"] == ("within_period", "2026-10-31"), got
    assert got["Tổ chức lễ hội văn h"]["deadline"] == ("within_period", "2026-11-30"), got


def test_a_bracket_line_under_items_labels_them_and_is_no_task() -> None:
    """ "(Sở Nội vụ chủ trì, phối hợp với Văn phòng UBND tỉnh; thời gian: năm 2026)" alone on
    its line after a group's items: who and by when for the group, like a labelled line."""
    got = _tasks(
        "1. Đẩy mạnh cải cách thủ tục hành chính\n"
        "- Rà soát, đơn giản hóa thủ tục hành chính nội bộ.\n"
        "- Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.\n"
        "(Sở Nội vụ chủ trì, phối hợp với Văn phòng UBND tỉnh; thời gian: năm 2026)\n"
    )
    assert set(got) == {"Rà soát, đơn giản hó", "Thực hiện số hóa hồ "}, got
    for task in got.values():
        assert task["lead"] == ["Sở Nội vụ"], got
        assert task["support"] == ["Văn phòng Ủy ban nhân dân tỉnh"], got
        assert task["deadline"] == ("within_period", "2026-12-31"), got


def test_a_sessions_schedule_lines_date_it_and_are_no_tasks() -> None:
    got = _tasks(
        "2. Hướng dẫn sử dụng phần mềm\n"
        "a) Tổ chức khai mạc lớp tập huấn sử dụng phần mềm quản lý văn bản.\n"
        "- Thành phần: Lãnh đạo và chuyên viên các phòng thuộc Sở.\n"
        "- Địa điểm: Phòng họp Sở (tầng 2)\n"
        "- Thời gian dự kiến: 8h00-10h00 ngày 28/12/2026\n"
        "b) Đào tạo lý thuyết và thực hành cho cán bộ văn thư.\n"
        "- Thành phần: Cán bộ văn thư\n"
        "- Thời gian dự kiến: Chiều ngày 28/12 và cả ngày 29/12/2026\n"
    )
    assert set(got) == {"Tổ chức khai mạc lớp", "Đào tạo lý thuyết và"}, got
    assert got["Tổ chức khai mạc lớp"]["deadline"] == ("on", "2026-12-28")
    assert got["Đào tạo lý thuyết và"]["deadline"] == ("within_period", "2026-12-29")
