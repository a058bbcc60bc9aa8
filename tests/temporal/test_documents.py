"""Whole notices: the issue-date line anchors the document, non-deadlines stay non-deadlines,
spans survive non-NFC input, and the CLI helper's JSON is plain data."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest

from nlp_service.temporal import best_deadline, find_deadlines, find_time_expressions
from nlp_service.temporal.cli_helpers import expressions_as_json

# A notice written for this test in the NĐ 30/2020 layout (header columns merged on one line).
NOTICE = """ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Số: 512/TB-UBND          Lâm Đồng, ngày 04 tháng 3 năm 2026
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công
Căn cứ Nghị quyết số 45/2024/NQ-HĐND ngày 10/12/2024 của HĐND tỉnh;
Ngày 02/3/2026, đồng chí Chủ tịch UBND tỉnh chủ trì cuộc họp. Sau khi nghe Sở Tài chính \
báo cáo, Chủ tịch UBND tỉnh kết luận như sau:
1. Giao Sở Tài chính tổng hợp, báo cáo UBND tỉnh trước ngày 20/3.
2. Các chủ đầu tư hoàn thành hồ sơ thanh toán trong 15 ngày kể từ ngày ký Thông báo này.
3. Sở Xây dựng rà soát, hoàn thành trong Quý II/2026; báo cáo định kỳ trước ngày 25 hằng tháng.
4. UBND các xã báo cáo Thường trực HĐND tỉnh trước kỳ họp thường lệ giữa năm 2026.
Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.
"""


def _deadline(raw_start: str) -> dict[str, object]:
    for row in expressions_as_json(NOTICE):
        if row["raw"].startswith(raw_start):
            return row
    raise AssertionError(f"no expression starting {raw_start!r}")


def test_issue_date_line_anchors_year_less_and_relative_dates() -> None:
    assert _deadline("trước ngày 20/3")["date"] == "2026-03-20"
    relative = _deadline("trong 15 ngày")
    assert relative["date"] == "2026-03-19"  # 04/3/2026 + 15 days
    assert relative["anchor"] == "ngày ký Thông báo này"


def test_every_deadline_of_the_notice_and_nothing_else() -> None:
    found = [(e.type, e.date, e.rrule) for e in find_deadlines(NOTICE)]
    assert found == [
        ("before", date(2026, 3, 20), None),
        ("relative", date(2026, 3, 19), None),
        ("within_period", date(2026, 6, 30), None),
        ("recurring", None, "FREQ=MONTHLY;BYMONTHDAY=25"),
        ("event", None, None),
    ]


def test_non_deadline_dates_are_found_and_explained() -> None:
    reasons = {
        e.raw: e.rule.split("not_deadline:")[1]
        for e in find_time_expressions(NOTICE)
        if not e.is_deadline
    }
    assert reasons["ngày 04 tháng 3 năm 2026"] == "issue_date_line"
    assert reasons["ngày 10/12/2024"] == "legal_basis"
    assert reasons["Ngày 02/3/2026"] in {"opening_date", "before_issue_date"}


def test_explicit_issue_date_wins_over_the_header() -> None:
    got = find_deadlines(NOTICE, date(2026, 3, 25))
    assert got[0].date == date(2027, 3, 20)  # 20/3 is then past: next year's


def test_spans_point_into_non_nfc_text() -> None:
    nfd = unicodedata.normalize("NFD", NOTICE)
    assert len(nfd) > len(NOTICE)
    nfc_found = find_time_expressions(NOTICE)
    nfd_found = find_time_expressions(nfd)
    assert [(e.type, e.date) for e in nfd_found] == [(e.type, e.date) for e in nfc_found]
    for expr in nfd_found:
        assert nfd[expr.start_char : expr.end_char] == expr.raw
        assert unicodedata.normalize("NFC", expr.raw) in NOTICE


def test_cli_json_is_plain_data() -> None:
    rows = expressions_as_json("báo cáo trước 16 giờ ngày 20/3/2026", date(2026, 3, 4))
    assert json.loads(json.dumps(rows)) == rows
    assert rows[0]["date"] == "2026-03-20" and rows[0]["time"] == "16:00"
    assert rows[0]["type"] == "before" and rows[0]["is_deadline"] is True


def test_a_stated_deadline_beats_a_vague_one_in_the_same_clause() -> None:
    clause = "xử lý theo quy định của pháp luật, báo cáo trước ngày 10/2"
    found = find_time_expressions(clause, date(2026, 1, 5))
    assert [e.rule for e in found] == [
        "ongoing:weak|not_deadline:vague_beside_stated",
        "day:before",
    ]
    best = best_deadline(found)
    assert best is not None and best.date == date(2026, 2, 10)
    # Alone in its sentence, the vague phrase is the deadline (ANNOTATION.md: ongoing).
    alone = find_deadlines("Các đơn vị xử lý theo quy định của pháp luật.", date(2026, 1, 5))
    assert [e.type for e in alone] == ["ongoing"]
    # best_deadline also ranks vague below stated when both are deadlines (separate sentences).
    both = find_deadlines("Báo cáo kịp thời. Hoàn thành trước ngày 10/2.", date(2026, 1, 5))
    assert [e.type for e in both] == ["ongoing", "before"]
    chosen = best_deadline(both)
    assert chosen is not None and chosen.type == "before"


def test_a_rhythm_beats_an_event_beside_it() -> None:
    # The event names the object ("các quy định sau khi được ban hành") or the occasion of a
    # yearly duty; the rhythm is the deadline. A date still beats both.
    for clause, kind in (
        ("thường xuyên theo dõi việc thực hiện các quy định sau khi được ban hành", "ongoing"),
        ("báo cáo kết quả hằng năm tại kỳ họp cuối năm của HĐND tỉnh", "recurring"),
    ):
        found = find_deadlines(clause, date(2026, 1, 5))
        assert {e.type for e in found} == {kind, "event"}
        best = best_deadline(found)
        assert best is not None and best.type == kind
    dated = find_deadlines("thường xuyên kiểm tra, báo cáo trước ngày 10/2", date(2026, 1, 5))
    best = best_deadline(dated)
    assert best is not None and best.type == "before"


def test_a_stated_day_beats_an_occasion_in_the_object() -> None:
    clause = (
        "ban hành văn bản hướng dẫn sử dụng kinh phí dịp Tết Nguyên đán Bính Ngọ 2026 theo đúng "
        "quy định, chậm nhất ngày 26/12/2025"
    )
    # The occasion ("dịp Tết …") is found, but it is what the money is for, not a deadline.
    every = find_time_expressions(clause, date(2025, 12, 8))
    assert [(e.type, e.is_deadline) for e in every] == [("event", False), ("by", True)]
    found = find_deadlines(clause, date(2025, 12, 8))
    best = best_deadline(found)
    assert best is not None and best.type == "by" and best.date == date(2025, 12, 26)


def test_a_meeting_the_notice_schedules_dates_the_events_that_name_it() -> None:
    text = (
        "Phường Bến Thành, ngày 18 tháng 11 năm 2025\n"
        "Ngày 14/11/2025, Thường trực HĐND phường họp với UBND phường.\n"
        "Thường trực HĐND phường thống nhất tổ chức Kỳ họp thứ 5 trong 01 ngày, vào ngày "
        "17/12/2025, tại Hội trường UBND phường.\n"
        "Đề nghị UBND phường báo cáo kết quả giải quyết kiến nghị cử tri tại Kỳ họp.\n"
        "Các Ban hoàn thành báo cáo thẩm tra trước kỳ họp thường lệ cuối năm 2025.\n"
    )
    events = [e for e in find_deadlines(text) if e.type == "event"]
    assert [e.date for e in events] == [date(2025, 12, 17)] * 2, events
    # Two scheduled days, or only a past meeting, date nothing.
    other = text.replace("Kỳ họp thứ 5 trong", "Hội nghị vào ngày 20/12/2025 và Kỳ họp thứ 5 trong")
    assert all(e.date is None for e in find_deadlines(other) if e.type == "event")
    past = text.replace("vào ngày \n17/12/2025", "").replace("vào ngày 17/12/2025, ", "")
    assert all(e.date is None for e in find_deadlines(past) if e.type == "event")


def test_an_event_window_takes_the_days_the_document_gives_the_event() -> None:
    text = (
        "Lào Cai, ngày 20 tháng 3 năm 2026\n"
        "KẾ HOẠCH\nTổ chức Tuần Văn hóa - Du lịch Lào Cai năm 2026\n"
        "II. THỜI GIAN, ĐỊA ĐIỂM\n"
        "1. Thời gian: 07 ngày, từ ngày 25/4/2026 đến ngày 01/5/2026.\n"
        "2. Hội chợ nông sản vùng cao: từ ngày 26/4/2026 đến ngày 30/4/2026 tại Quảng trường.\n"
        "Sở Văn hóa mở chuyên mục quảng bá Tuần Văn hóa - Du lịch từ ngày 01/4/2026 đến ngày "
        "05/5/2026.\n"
        "Sở Y tế bố trí xe cứu thương trong thời gian diễn ra Tuần Văn hóa - Du lịch đón khách.\n"
        "Sở Công Thương kiểm tra giá trong thời gian diễn ra Hội chợ.\n"
        "UBND phường thu dọn mặt bằng ngay sau khi kết thúc Tuần Văn hóa - Du lịch.\n"
        "Sở Văn hóa trong thời gian diễn ra Tuần Văn hóa - Du lịch báo cáo nhanh trước 17 giờ "
        "00 hằng ngày.\n"
        "Công an tỉnh bảo đảm an ninh trong thời gian diễn ra Giải đua thuyền.\n"
    )
    found = {e.raw: e for e in find_deadlines(text) if e.rule.startswith(("window", "event"))}
    # The plan's own event: its "Thời gian:" line (not the advertising campaign's dates), the
    # name cut where the document stops naming it.
    week = found["trong thời gian diễn ra Tuần Văn hóa - Du lịch"]
    assert (week.start, week.date) == (date(2026, 4, 25), date(2026, 5, 1)), week
    fair = found["trong thời gian diễn ra Hội chợ"]
    assert (fair.start, fair.date) == (date(2026, 4, 26), date(2026, 4, 30)), fair
    assert found["ngay sau khi kết thúc Tuần Văn hóa - Du lịch"].date == date(2026, 5, 1)
    # An event the document gives no days: the window's type, without a date.
    race = found["trong thời gian diễn ra Giải đua thuyền"]
    assert race.type == "within_period" and race.date is None
    # A rhythm inside the window is the due.
    line = text.splitlines()[-2]
    best = best_deadline(find_deadlines(line))
    assert best is not None and best.type == "recurring", best


def test_tai_cuoc_hop_is_due_when_the_clause_brings_something_to_it() -> None:
    """ "đề xuất tại cuộc họp các khó khăn" brings proposals to the meeting (a deadline); "ý kiến
    của đại biểu tại cuộc họp" says where something was said (none)."""
    day = date(2025, 2, 14)
    brought = find_time_expressions("chủ động báo cáo, đề xuất tại cuộc họp các khó khăn.", day)
    assert [(e.type, e.is_deadline) for e in brought] == [("event", True)]
    said = find_time_expressions("tiếp thu ý kiến của đại biểu tại cuộc họp các ngành.", day)
    assert [(e.type, e.is_deadline) for e in said] == [("event", False)]


EFFECT_ON_SIGNING = "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. "


@pytest.mark.parametrize(
    ("phrase", "own_type", "expected"),
    [
        ("trong 30 ngày kể từ ngày Kế hoạch được ban hành", "KH", date(2025, 6, 15)),
        ("trong 15 ngày kể từ ngày ký ban hành Kế hoạch", "KH", date(2025, 5, 31)),
        ("trong 30 ngày kể từ ngày Thông báo này được ban hành", None, date(2025, 6, 15)),
        # coming into force: the day the effect clause gives (here the signing day)
        (
            EFFECT_ON_SIGNING
            + "trong 15 ngày kể từ ngày Quyết định ban hành Quy chế này có hiệu lực",
            "QĐ",
            date(2025, 5, 31),
        ),
        (
            "Quyết định này có hiệu lực thi hành kể từ ngày 01/6/2025. "
            "trong 10 ngày kể từ ngày Quy định này có hiệu lực thi hành",
            "QĐ",
            date(2025, 6, 11),
        ),
        ("trong 10 ngày kể từ ngày Quy định này có hiệu lực thi hành", "QĐ", None),
        # another document's issuing or coming into force: its date is not this one's
        ("chậm nhất 02 ngày làm việc kể từ ngày ban hành Kế hoạch", "QĐ", None),
        ("chậm nhất 03 ngày làm việc kể từ ngày ban hành văn bản", "QĐ", None),
        ("trong 60 ngày kể từ ngày Nghị quyết của HĐND tỉnh có hiệu lực", "KH", None),
        ("trong 45 ngày kể từ ngày Kế hoạch được ban hành", None, None),  # type unknown
    ],
)
def test_a_relative_deadline_counts_from_the_document_it_names(
    phrase: str, own_type: str | None, expected: date | None
) -> None:
    found = find_time_expressions(phrase, date(2025, 5, 16), own_type=own_type)
    (expr,) = [e for e in found if e.type == "relative"]
    assert expr.date == expected


def test_a_lettered_item_starts_its_own_sentence_for_the_vague_to_stated_rule() -> None:
    # "đ)" gives a rhythm and leaves its bracket open; "e)" starts in lower case but is no wrapped
    # line, so its reference bracket is its own deadline, not a vague word beside "hằng năm".
    text = (
        "đ) Đề xuất phương án phân bổ kế hoạch vốn hằng năm (thực hiện theo khoản 1 Điều 37\n"
        "e) Thực hiện giám sát dự án thành phần (thực hiện theo Điều 30 Nghị định số "
        "27/2022/NĐ-CP).\n"
    )
    item_e = text.index("e) ")
    found = [e for e in find_deadlines(text) if e.start_char >= item_e]
    assert [(e.type, e.rule) for e in found] == [("ongoing", "ongoing:reference")], found


def test_a_stated_day_beats_a_reference_bracket_in_its_sentence() -> None:
    text = (
        "Lập kế hoạch năm 2026, gửi Bộ Công an trước ngày 30/9/2025 (thực hiện theo Điều 6 "
        "Nghị định số 27/2022/NĐ-CP).\n"
    )
    best = best_deadline(find_time_expressions(text, issued=date(2025, 9, 16)))
    assert best is not None and (best.type, best.date) == ("before", date(2025, 9, 30)), best


def test_the_same_day_at_another_hour_is_the_day_just_named() -> None:
    """A telegram's chain of hours: "… trước 18 giờ ngày 06/3/2026; báo cáo … trước 20 giờ cùng
    ngày" is due on the 6th at 20:00; "cùng ngày" with no day before it names none."""
    text = (
        "Các xã hoàn thành sơ tán dân trước 18 giờ ngày 06/3/2026; báo cáo kết quả về Ban Chỉ "
        "huy trước 20 giờ cùng ngày."
    )
    found = [(e.type, e.date, e.time) for e in find_deadlines(text, date(2026, 3, 5))]
    assert found == [("before", date(2026, 3, 6), "18:00"), ("before", date(2026, 3, 6), "20:00")]
    assert find_deadlines("báo cáo trước 15 giờ cùng ngày", date(2026, 3, 5)) == []


def test_a_lead_time_before_an_event_the_document_dates_is_that_relative_day() -> None:
    """ "trước ngày khai mạc 03 ngày" in the plan of an event whose "Thời gian:" line dates it
    counts back from the opening day (gold: relative, dated); undated it stays an event."""
    plan = (
        "KẾ HOẠCH\nTổ chức Tuần Văn hóa - Du lịch năm 2026\nI. THỜI GIAN, ĐỊA ĐIỂM\n"
        "1. Thời gian: từ ngày 25/4/2026 đến ngày 01/5/2026.\nII. NHIỆM VỤ\n"
        "Sở Công Thương kiểm tra an toàn phòng cháy trước ngày khai mạc 03 ngày.\n"
        "Sở Văn hóa phát hành giấy mời chậm nhất trước ngày khai mạc 10 ngày."
    )
    got = {
        e.raw: (e.type, e.date)
        for e in find_time_expressions(plan, date(2026, 3, 5))
        if e.rule.startswith("relative:lead_time")
    }
    assert got == {
        "trước ngày khai mạc 03 ngày": ("relative", date(2026, 4, 22)),
        "chậm nhất trước ngày khai mạc 10 ngày": ("relative", date(2026, 4, 15)),
    }, got
    undated = find_time_expressions(
        plan.split("I. THỜI GIAN")[0] + plan.split("II. ")[1], date(2026, 3, 5)
    )
    assert {(e.type, e.date) for e in undated if e.rule.startswith("relative:lead_time")} == {
        ("event", None)
    }


def test_a_cut_off_before_the_reports_own_due_day_is_no_deadline() -> None:
    """ "báo cáo tình hình … đến ngày 31/3/2026, gửi UBND tỉnh trước ngày 10/4/2026": the first day
    ends the figures; the same "đến ngày" before another action's report is work due then."""
    issued = date(2026, 3, 5)
    cut = find_time_expressions(
        "Sở Tài chính báo cáo tình hình thu, chi ngân sách đến ngày 31/3/2026, gửi UBND tỉnh "
        "trước ngày 10/4/2026.",
        issued,
    )
    assert [(e.raw, e.is_deadline) for e in cut] == [
        ("đến ngày 31/3/2026", False),
        ("trước ngày 10/4/2026", True),
    ]
    assert cut[0].rule.endswith("not_deadline:cutoff")
    work = find_time_expressions(
        "Ban Quản lý dự án hoàn thành bàn giao mặt bằng đến ngày 31/3/2026; báo cáo UBND tỉnh "
        "trước ngày 10/4/2026.",
        issued,
    )
    assert [e.is_deadline for e in work] == [True, True]


def test_a_meeting_held_on_a_day_dates_the_lead_times_and_the_after_of_it() -> None:
    """ "Hội nghị tổ chức vào ngày 25/4/2026": the document schedules its meeting, so "Trước ngày
    tổ chức Hội nghị 10 ngày" is the day counted back and "Sau khi kết thúc Hội nghị" is dated."""
    text = (
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ chức Hội nghị xúc tiến đầu tư năm 2026. Hội "
        "nghị tổ chức vào ngày 25/4/2026.\n"
        "| 2 | Gửi giấy mời | Văn phòng UBND tỉnh | Trước ngày tổ chức Hội nghị 10 ngày |\n"
        "| 4 | Tổng hợp kết quả | Sở Tài chính | Sau khi kết thúc Hội nghị |\n"
    )
    got = {e.raw: (e.type, e.date) for e in find_deadlines(text, date(2026, 3, 5))}
    assert got["Trước ngày tổ chức Hội nghị 10 ngày"] == ("relative", date(2026, 4, 15)), got
    assert got["Sau khi kết thúc Hội nghị"] == ("event", date(2026, 4, 25)), got


def test_a_season_of_a_stated_year_is_a_window_dated_where_the_document_says() -> None:
    text = (
        "Đà Lạt, ngày 05 tháng 01 năm 2026\n"
        "Theo dự báo, mùa khô 2025 - 2026 trên địa bàn tỉnh kéo dài từ tháng 12/2025 đến hết "
        "tháng 4/2026.\n"
        "Sở Công Thương kiểm tra an toàn PCCC tại các cửa hàng xăng dầu trong mùa khô "
        "2025 - 2026.\n"
        "Công an tỉnh tuần tra các khu vực trọng điểm trong mùa mưa bão năm 2026.\n"
        "Các xã thường xuyên kiểm tra rừng trong mùa khô.\n"
    )
    seasons = [e for e in find_deadlines(text) if e.rule.startswith("window:season")]
    assert [(e.event, e.start, e.date) for e in seasons] == [
        ("mùa khô 2025 - 2026", date(2025, 12, 1), date(2026, 4, 30)),
        ("mùa mưa bão năm 2026", None, None),  # the document does not say when it runs
    ]
    # A season with no year is context: the rhythm beside it is the deadline.
    last = text.rsplit("\n", 2)[-2]
    got = best_deadline(find_time_expressions(last))
    assert got is not None and got.type == "ongoing", got
