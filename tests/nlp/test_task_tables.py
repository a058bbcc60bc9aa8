"""Task tables in real DOCX files: columns found by their headers, merged cells, two-row headers.

Plans put their duties in an appendix table ("STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp
| Thời gian hoàn thành"). Word merges cells freely: a header "Cơ quan thực hiện" over "Chủ trì" and
"Phối hợp", a lead cell merged down the rows it covers. Each case here is a table we wrote in the
style of those appendices, read by the real DOCX reader and the whole pipeline.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from nlp_service.pipeline import process

HEADER = [
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    "Số: 12/KH-UBND",
    "Lâm Đồng, ngày 05 tháng 01 năm 2026",
    "KẾ HOẠCH",
    "Cải cách hành chính năm 2026",
    "Ủy ban nhân dân tỉnh ban hành danh mục nhiệm vụ tại Phụ lục kèm theo.",
]


def _docx(rows: list[list[str]], merges: list[tuple[int, int, int, int]] = ()) -> bytes:  # type: ignore[assignment]
    from docx import Document

    doc = Document()
    for line in HEADER:
        doc.add_paragraph(line)
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _tasks(data: bytes) -> list[dict[str, Any]]:
    result = process(data, "ke-hoach.docx", segment=False)
    return [t.model_dump(mode="json") for t in result.tasks]


def _find(tasks: list[dict[str, Any]], words: str) -> dict[str, Any]:
    found = [t for t in tasks if words in t["text"]]
    assert found, f"no task with {words!r} in {[t['text'] for t in tasks]}"
    return found[0]


def _bodies(task: dict[str, Any], role: str) -> list[str]:
    return [a["name"] for a in task["assignees"] if a["role"] == role]


def test_two_row_header_with_a_merged_bodies_column() -> None:
    rows = [
        ["STT", "Nội dung thực hiện", "Cơ quan thực hiện", "", "Thời gian thực hiện"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        [
            "1",
            "Rà soát, công bố danh mục thủ tục hành chính",
            "Sở Tư pháp",
            "Sở Nội vụ",
            "Quý I/2026",
        ],
        [
            "2",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
            "Sở Khoa học và Công nghệ",
            "Ủy ban nhân dân các xã, phường",
            "Tháng 6/2026",
        ],
    ]
    # "Cơ quan thực hiện" spans two columns; "STT", "Nội dung" and "Thời gian" span two rows.
    data = _docx(rows, [(0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1), (0, 4, 1, 4)])
    tasks = _tasks(data)
    first = _find(tasks, "Rà soát, công bố danh mục")
    assert _bodies(first, "lead") == ["Sở Tư pháp"]
    assert _bodies(first, "support") == ["Sở Nội vụ"]
    assert first["deadline"]["type"] == "within_period"
    assert first["deadline"]["date"] == "2026-03-31"
    second = _find(tasks, "Số hóa hồ sơ")
    assert _bodies(second, "lead") == ["Sở Khoa học và Công nghệ"]
    assert second["deadline"]["date"] == "2026-06-30"
    assert not any(t["text"] in ("Chủ trì", "Phối hợp") for t in tasks)


def test_a_lead_cell_merged_down_covers_every_row() -> None:
    rows = [
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn hoàn thành"],
        ["1", "Xây dựng kế hoạch tuyên truyền cải cách hành chính", "Sở Nội vụ", "Tháng 02/2026"],
        ["2", "Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính", "", "Quý II/2026"],
    ]
    tasks = _tasks(_docx(rows, [(1, 2, 2, 2)]))
    assert _bodies(_find(tasks, "Xây dựng kế hoạch tuyên truyền"), "lead") == ["Sở Nội vụ"]
    second = _find(tasks, "Tổ chức tập huấn nghiệp vụ")
    assert _bodies(second, "lead") == ["Sở Nội vụ"]
    assert second["deadline"]["date"] == "2026-06-30"


def test_time_column_named_thoi_gian_thuc_hien_is_not_the_lead() -> None:
    rows = [
        ["STT", "Thời gian thực hiện", "Nội dung công việc", "Cơ quan chủ trì"],
        ["1", "Trước ngày 30/4/2026", "Hoàn thiện cơ sở dữ liệu cán bộ, công chức", "Sở Nội vụ"],
    ]
    task = _find(_tasks(_docx(rows)), "Hoàn thiện cơ sở dữ liệu")
    assert _bodies(task, "lead") == ["Sở Nội vụ"]
    assert task["deadline"]["type"] == "before"
    assert task["deadline"]["date"] == "2026-04-30"


def test_time_cells_naming_several_periods_or_a_bare_year() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        ["1", "Tổ chức đánh giá chỉ số hài lòng của người dân", "Sở Nội vụ", "Quý I, II/2026"],
        ["2", "Cập nhật cơ sở dữ liệu quốc gia về thủ tục hành chính", "Sở Tư pháp", "2026"],
        ["3", "Kiểm tra công tác cải cách hành chính tại các xã", "Sở Nội vụ", "Tháng 3-4/2026"],
    ]
    tasks = _tasks(_docx(rows))
    assert _find(tasks, "chỉ số hài lòng")["deadline"]["date"] == "2026-06-30"
    bare = _find(tasks, "Cập nhật cơ sở dữ liệu")["deadline"]
    assert (bare["type"], bare["date"]) == ("within_period", "2026-12-31")
    assert _find(tasks, "Kiểm tra công tác cải cách")["deadline"]["date"] == "2026-04-30"


def test_a_lead_cell_merged_down_a_pdf_table_leads_every_row_it_covers() -> None:
    """Our Đồng Nai plan (corpus/authored): in the PDF only the first row of a merged lead cell
    carries its text; the rows below it keep that lead until a group row ends the merge."""
    from pathlib import Path

    from nlp_service.nlp.abbreviations import same_body

    path = (
        Path(__file__).resolve().parents[2]
        / "corpus/authored/kh-ubnd-tinh-dong-nai-cai-thien-moi-truong-dau-tu-2026.pdf"
    )
    result = process(path.read_bytes(), path.name, segment=False)

    def leads(quote: str) -> list[str]:
        task = next(t for t in result.tasks if quote in t.text)
        return [a.name for a in task.assignees if a.role == "lead"]

    merged = leads("Vận hành Hệ thống thông tin giải quyết thủ tục hành chính tỉnh")
    assert len(merged) == 1 and same_body(merged[0], "Văn phòng Ủy ban nhân dân tỉnh Đồng Nai")
    # Group rows ("I | …" in capitals) are no tasks and end the merge.
    assert not [t for t in result.tasks if t.text.isupper()]


def test_an_event_in_the_time_cell_is_read_within_its_cell() -> None:
    rows = [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Sản phẩm"],
        [
            "1",
            "Tổ chức thực hiện thủ tục đầu tư đặc biệt đối với dự án công nghệ cao",
            "Ban Quản lý các khu công nghiệp",
            "Sau khi Trung ương ban hành hướng dẫn",
            "Văn bản hướng dẫn nhà đầu tư",
        ],
    ]
    task = _find(_tasks(_docx(rows)), "thủ tục đầu tư đặc biệt")
    assert task["deadline"] is not None and task["deadline"]["type"] == "event"
    assert "Văn bản" not in (task["deadline"].get("event") or "")


def test_a_council_session_named_in_the_time_cell_is_an_event() -> None:
    rows = [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        [
            "1",
            "Tham mưu trình HĐND tỉnh Nghị quyết quy định mức thu phí thẩm định",
            "Sở Tài chính",
            "Kỳ họp thường lệ giữa năm 2026 của HĐND tỉnh",
        ],
    ]
    task = _find(_tasks(_docx(rows)), "mức thu phí thẩm định")
    deadline = task["deadline"]
    # The year names the session: not "within 2026".
    assert deadline is not None and deadline["type"] == "event", deadline
    assert "giữa năm 2026" in (deadline.get("event") or ""), deadline


def test_dash_items_in_one_cell_are_separate_tasks_and_the_column_names_the_type() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
        [
            "1",
            "- Rà soát, sửa đổi quy chế vận hành hệ thống quản lý văn bản\n"
            "- Tham mưu ban hành quy chế bảo đảm an toàn thông tin mạng",
            "Sở Khoa học và Công nghệ",
            "Phòng Văn hóa - Thông tin",
            "31/12/2026",
        ],
        [
            "2",
            "- Phối hợp với Phòng Văn hóa - Thông tin tổ chức tuyên truyền về chuyển đổi số",
            "Công an tỉnh",
            "",
            "Cả năm",
        ],
    ]
    tasks = _tasks(_docx(rows))
    assert len(tasks) == 3, [t["text"] for t in tasks]
    first, second = _find(tasks, "Rà soát, sửa đổi"), _find(tasks, "Tham mưu ban hành")
    assert first is not second and "Tham mưu" not in first["text"]
    # A bare date in the time column is "hoàn thành ngày …" (by), not a fixed day.
    for t in (first, second):
        assert t["deadline"]["type"] == "by" and t["deadline"]["date"] == "2026-12-31"
    # A dash inside a body's name is no item break; "Cả năm" is the plan's year.
    third = _find(tasks, "Phòng Văn hóa - Thông tin tổ chức")
    assert third["deadline"]["type"] == "within_period"
    assert third["deadline"]["date"] == "2026-12-31"


@pytest.mark.parametrize(
    ("cell", "start", "end"),
    [
        ("06/2026", "2026-06-01", "2026-06-30"),
        ("T9/2026", "2026-09-01", "2026-09-30"),
        ("Trong năm", "2026-01-01", "2026-12-31"),
        ("Trong năm 2027.", "2027-01-01", "2027-12-31"),
    ],
)
def test_a_month_or_year_in_shorthand_is_the_cells_period(cell: str, start: str, end: str) -> None:
    """Time cells written short: "06/2026" and "T9/2026" are that month, "Trong năm" is the
    plan's year."""
    rows = [
        ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
        ["1", "Rà soát quy chế vận hành hệ thống quản lý văn bản", "Sở Nội vụ", cell],
    ]
    task = _find(_tasks(_docx(rows)), "Rà soát quy chế")
    assert task["deadline"] is not None, cell
    assert (task["deadline"]["type"], task["deadline"]["date"]) == ("within_period", end)
    assert task["deadline"]["start"] == start


def test_one_bodies_column_marks_its_partners() -> None:
    rows = [
        ["TT", "Nội dung nhiệm vụ", "Đơn vị thực hiện", "Thời gian"],
        [
            "1",
            "Rà soát quy trình nội bộ giải quyết thủ tục hành chính",
            "Sở Tư pháp; phối hợp: Sở Nội vụ",
            "Quý I/2026",
        ],
        [
            "2",
            "Số hóa hồ sơ hộ tịch lưu trữ tại các xã",
            "Sở Nội vụ (chủ trì), Sở Tư pháp",
            "Quý II/2026",
        ],
        [
            "3",
            "Công khai danh mục dịch vụ công trực tuyến",
            "Sở Tư pháp (chủ trì); Sở Nội vụ (phối hợp)",
            "Quý III/2026",
        ],
        [
            "4",
            "Kiểm tra công tác cải cách hành chính tại các xã",
            "Sở Nội vụ; Sở Tư pháp",
            "Quý IV/2026",
        ],
    ]
    tasks = _tasks(_docx(rows))
    got = {
        words: (_bodies(_find(tasks, words), "lead"), _bodies(_find(tasks, words), "support"))
        for words in (
            "Rà soát quy trình",
            "Số hóa hồ sơ",
            "Công khai danh mục",
            "Kiểm tra công tác",
        )
    }
    assert got == {
        "Rà soát quy trình": (["Sở Tư pháp"], ["Sở Nội vụ"]),
        "Số hóa hồ sơ": (["Sở Nội vụ"], ["Sở Tư pháp"]),
        "Công khai danh mục": (["Sở Tư pháp"], ["Sở Nội vụ"]),
        "Kiểm tra công tác": (["Sở Nội vụ", "Sở Tư pháp"], []),  # no mark: both act
    }, got


def test_a_span_of_years_in_the_time_column_is_that_period() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        [
            "1",
            "Phát triển hạ tầng mạng di động 5G tại các khu công nghiệp",
            "Sở Khoa học và Công nghệ",
            "2026 - 2030",
        ],
    ]
    (task,) = _tasks(_docx(rows))
    assert task["deadline"]["type"] == "within_period"
    assert (task["deadline"]["start"], task["deadline"]["date"]) == ("2026-01-01", "2030-12-31")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Quý II/2026; thường xuyên", ("within_period", "2026-06-30")),  # the period it opens with
        ("Tháng 6/2026, sau đó thường xuyên", ("within_period", "2026-06-30")),
        ("Thường xuyên", ("ongoing", None)),  # nothing more precise to prefer
        ("Trước 31/3/2026 và thường xuyên", ("before", "2026-03-31")),
    ],
)
def test_a_time_cell_opening_with_a_period_is_that_period(
    cell: str, expected: tuple[str, str | None]
) -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        ["1", "Rà soát, cập nhật danh mục thủ tục hành chính của tỉnh", "Sở Tư pháp", cell],
    ]
    (task,) = _tasks(_docx(rows))
    assert (task["deadline"]["type"], task["deadline"]["date"]) == expected


def test_a_day_the_item_states_beats_the_year_in_the_time_column() -> None:
    rows = [
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"],
        [
            "1",
            "- Ban hành Quy chế tiếp nhận hồ sơ trực tuyến, hoàn thành trước ngày 31/3/2026\n"
            "- Biên soạn tài liệu hỏi - đáp về thủ tục hành chính, phát hành trong tháng 5/2026\n"
            "- Thường xuyên cập nhật danh mục thủ tục hành chính trên Cổng dịch vụ công",
            "Sở Tư pháp",
            "Năm 2026",
        ],
    ]
    tasks = _tasks(_docx(rows))
    stated = _find(tasks, "Ban hành Quy chế")["deadline"]
    assert (stated["type"], stated["date"]) == ("before", "2026-03-31")
    narrower = _find(tasks, "hỏi - đáp")["deadline"]  # one item: "hỏi - đáp" is no break
    assert (narrower["type"], narrower["date"]) == ("within_period", "2026-05-31")
    assert len(tasks) == 3, [t["text"] for t in tasks]
    column = _find(tasks, "cập nhật danh mục")["deadline"]  # vague words give way
    assert (column["type"], column["date"]) == ("within_period", "2026-12-31")


def test_an_appointment_in_the_time_column_is_a_fixed_day() -> None:
    """ "20 giờ 00 ngày 25/4/2026" under "Thời gian hoàn thành" is when the ceremony is held
    (on); a bare "30/4/2026" there is the day the work is due (by)."""
    rows = [
        ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Thời gian hoàn thành"],
        [
            "1",
            "Tổ chức Lễ khai mạc Tuần Văn hóa",
            "Sở Văn hóa, Thể thao và Du lịch",
            "20 giờ 00 ngày 25/4/2026",
        ],
        [
            "2",
            "Hoàn thiện kịch bản chương trình nghệ thuật",
            "Sở Văn hóa, Thể thao và Du lịch",
            "30/4/2026",
        ],
    ]
    tasks = _tasks(_docx(rows))
    opening = _find(tasks, "Lễ khai mạc")["deadline"]
    assert (opening["type"], opening["date"]) == ("on", "2026-04-25")
    script = _find(tasks, "kịch bản")["deadline"]
    assert (script["type"], script["date"]) == ("by", "2026-04-30")


def test_a_group_row_naming_a_month_dates_the_rows_under_it() -> None:
    """A work programme groups its rows by month ("THÁNG 3", "QUÝ II"): a row whose time cell is
    blank is due in its group's period, a row with a time of its own keeps it, and a group row
    naming a topic ends the period."""
    rows = [
        ["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian trình"],
        ["THÁNG 3", "", "", ""],
        ["1", "Đề án phát triển cây ăn quả có múi", "Sở Nông nghiệp và Phát triển nông thôn", ""],
        [
            "2",
            "Kế hoạch chuyển đổi số năm 2026",
            "Sở Thông tin và Truyền thông",
            "Trước ngày 15/3/2026",
        ],
        ["QUÝ II", "", "", ""],
        [
            "3",
            "Báo cáo tổng kết Chương trình giảm nghèo",
            "Sở Lao động - Thương binh và Xã hội",
            "",
        ],
        ["4", "Quy định giá dịch vụ thu gom rác thải", "Sở Tài chính", "Tuần 2 tháng 6"],
        ["II", "CÁC NỘI DUNG KHÁC", "", ""],
        ["5", "Đề án sắp xếp các đơn vị sự nghiệp công lập", "Sở Nội vụ", ""],
    ]
    tasks = _tasks(_docx(rows))
    fruit = _find(tasks, "cây ăn quả")["deadline"]
    assert (fruit["type"], fruit["start"], fruit["date"]) == (
        "within_period",
        "2026-03-01",
        "2026-03-31",
    )
    own = _find(tasks, "chuyển đổi số")["deadline"]
    assert (own["type"], own["date"]) == ("before", "2026-03-15")
    report = _find(tasks, "giảm nghèo")["deadline"]
    assert (report["start"], report["date"]) == ("2026-04-01", "2026-06-30")
    week = _find(tasks, "thu gom rác")["deadline"]
    assert (week["type"], week["start"], week["date"]) == (
        "within_period",
        "2026-06-08",
        "2026-06-14",
    )
    assert _find(tasks, "sự nghiệp công lập")["deadline"] is None


def test_a_response_plan_names_its_bodies_in_a_first_column() -> None:
    rows = [
        ["TT", "Lực lượng/Đơn vị", "Nhiệm vụ", "Thời gian", "Ghi chú"],
        [
            "1",
            "Ban Chỉ huy Quân sự xã",
            "Huấn luyện dân quân các thôn về kỹ năng cứu hộ, cứu nạn",
            "Trước mùa mưa bão (trước 15/9/2026)",
            "",
        ],
        [
            "2",
            "Trạm Y tế xã",
            "Vệ sinh môi trường, phòng chống dịch bệnh tại khu dân cư",
            "Ngay sau bão",
            "",
        ],
    ]
    tasks = _tasks(_docx(rows))
    drill = _find(tasks, "Huấn luyện dân quân")
    assert _bodies(drill, "lead") == ["Ban Chỉ huy Quân sự xã"]
    # The bracket dates the season the cell names.
    assert (drill["deadline"]["type"], drill["deadline"]["date"]) == ("before", "2026-09-15")
    clean = _find(tasks, "Vệ sinh môi trường")
    assert _bodies(clean, "lead") == ["Trạm Y tế xã"]
    assert clean["deadline"]["type"] == "event"


def test_a_meeting_programme_is_no_task_table() -> None:
    rows = [
        ["Thời gian", "Nội dung", "Thực hiện"],
        ["07 giờ 45 - 08 giờ 00", "Đón tiếp đại biểu, kiểm tra kết nối các điểm cầu", "Văn phòng"],
        ["08 giờ 00 - 08 giờ 25", "Báo cáo tình hình giải ngân vốn đầu tư công", "Sở Tài chính"],
        ["8h25-9h15", "Thảo luận, cho ý kiến về các giải pháp tháo gỡ", "Các đại biểu dự họp"],
    ]
    assert _tasks(_docx(rows)) == []


def test_group_rows_are_titles_of_the_rows_under_them() -> None:
    """ "II | Phát triển hạ tầng số | | |" and "2 | Công tác đào tạo | | |" over "2.1 | …" title
    the rows below: no task, and no heir to the lead of the row above; a group row naming a body
    ("I | Sở Giáo dục và Đào tạo | |") leads the rows under it that name none."""
    data = _docx(
        [
            ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"],
            ["I", "Công tác chỉ đạo, điều hành", "", ""],
            ["1", "Kiện toàn Ban Chỉ đạo chuyển đổi số tỉnh", "Sở Nội vụ", "Tháng 4/2026"],
            ["II", "Phát triển hạ tầng số", "", ""],
            ["2", "Công tác đào tạo, bồi dưỡng", "", ""],
            ["2.1", "Bồi dưỡng kỹ năng số cho cán bộ cấp xã", "Sở Nội vụ", "Năm 2026"],
        ]
    )
    texts = [t["text"] for t in _tasks(data)]
    assert not any("Phát triển hạ tầng số" in t or "Công tác đào tạo" in t for t in texts), texts
    data = _docx(
        [
            ["TT", "Nội dung nhiệm vụ", "Thời gian thực hiện"],
            ["I", "Sở Giáo dục và Đào tạo", ""],
            ["1", "Tổ chức kỳ thi tốt nghiệp trung học phổ thông năm 2026", "Tháng 6/2026"],
            ["II", "Sở Y tế", ""],
            ["2", "Kiểm tra công tác y tế trường học", "Quý IV/2026"],
        ]
    )
    tasks = _tasks(data)
    assert _bodies(_find(tasks, "kỳ thi tốt nghiệp"), "lead") == ["Sở Giáo dục và Đào tạo"]
    assert _bodies(_find(tasks, "y tế trường học"), "lead") == ["Sở Y tế"]


def test_ditto_cells_other_header_names_and_a_manner_cell() -> None:
    """ "Đơn vị đầu mối" / "Đơn vị tham gia" / "Trách nhiệm phối hợp" name the columns; "Nt" and
    "Như trên" repeat the cell above; "Theo chức năng, nhiệm vụ" says how, not who; "15-20/6/2026"
    is a span of days."""
    rows = [
        ["TT", "Nội dung công việc", "Đơn vị đầu mối", "Đơn vị tham gia", "Thời gian"],
        [
            "1",
            "Rà soát thủ tục hành chính lĩnh vực đất đai",
            "Sở Tư pháp",
            "Sở Nội vụ",
            "Quý II/2026",
        ],
        ["2", "Số hóa hồ sơ hộ tịch", "Nt", "Như trên", "Nt"],
        ["3", "Kiểm tra công vụ", "Sở Nội vụ", "Theo chức năng, nhiệm vụ", "15-20/6/2026"],
    ]
    tasks = _tasks(_docx(rows))
    first = _find(tasks, "Rà soát thủ tục hành chính")
    assert (_bodies(first, "lead"), _bodies(first, "support")) == (["Sở Tư pháp"], ["Sở Nội vụ"])
    second = _find(tasks, "Số hóa hồ sơ hộ tịch")
    assert (_bodies(second, "lead"), _bodies(second, "support")) == (["Sở Tư pháp"], ["Sở Nội vụ"])
    assert second["deadline"]["date"] == "2026-06-30"  # "Nt" repeats the time above too
    third = _find(tasks, "Kiểm tra công vụ")
    assert (_bodies(third, "lead"), _bodies(third, "support")) == (["Sở Nội vụ"], [])
    assert (third["deadline"]["type"], third["deadline"]["date"]) == ("within_period", "2026-06-20")
    rows[0][3] = "Trách nhiệm phối hợp"
    first = _find(_tasks(_docx(rows)), "Rà soát thủ tục hành chính")
    assert (_bodies(first, "lead"), _bodies(first, "support")) == (["Sở Tư pháp"], ["Sở Nội vụ"])


def test_group_rows_in_capitals_name_the_bodies_of_the_rows_below() -> None:
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Thời gian hoàn thành"],
        ["I", "SỞ NỘI VỤ", ""],
        ["1", "Rà soát thủ tục hành chính lĩnh vực nội vụ", "Quý II/2026"],
        ["II", "CÁC SỞ, BAN, NGÀNH", ""],
        ["1", "Số hóa hồ sơ công việc", "Thường xuyên"],
        ["III", "UBND CÁC XÃ, PHƯỜNG, ĐẶC KHU", ""],
        ["1", "Tổ chức đối thoại với doanh nghiệp", "Tháng 9/2026"],
    ]
    tasks = _tasks(_docx(rows))
    assert not any(t["text"].isupper() for t in tasks), [t["text"] for t in tasks]
    assert _bodies(_find(tasks, "Rà soát thủ tục"), "lead") == ["Sở Nội vụ"]
    assert _bodies(_find(tasks, "Số hóa hồ sơ"), "lead") == ["các sở, ban, ngành"]
    assert _bodies(_find(tasks, "Tổ chức đối thoại"), "lead") == [
        "Ủy ban nhân dân các xã, phường, đặc khu"
    ]
