"""Deadlines a list shares: a closing "Hoàn thành … trước …" item dates the items before it.

Written for this test in the style of a UBND letter (not copied from the corpus); runs the real
pipeline with the rules' verdicts, like the directive-sentence table.
"""

from __future__ import annotations

from nlp_service import schemas
from nlp_service.pipeline import analyse_bytes
from tests.nlp.test_directive_sentences import build_document

LIST = (
    "Chủ tịch UBND tỉnh giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính thực hiện:\n"
    "1. Tổng hợp kết quả thực hiện các chỉ số cải cách hành chính năm 2025.\n"
    "2. Phân tích nguyên nhân các chỉ số thành phần giảm điểm.\n"
    "3. Hoàn thành dự thảo báo cáo, gửi Văn phòng UBND tỉnh trước 10 giờ 00 ngày 12/3/2026.\n"
)


def letter_tasks(snippet: str, *, use_model: bool = False) -> list[schemas.Task]:
    """The tasks the rules (or with ``use_model`` the trained model) find in the snippet set in
    a minimal UBND letter."""
    doc = build_document({"snippet": snippet, "layout": "letter"})
    return analyse_bytes(doc.encode(), "cv.txt", segment=False, use_model=use_model).result.tasks


def _deadlines(snippet: str) -> dict[str, str | None]:
    return {t.text[:20]: (t.deadline.date if t.deadline else None) for t in letter_tasks(snippet)}


def test_a_closing_completion_item_dates_the_items_before_it() -> None:
    got = _deadlines(LIST)
    assert got == {
        "Tổng hợp kết quả thự": "2026-03-12",
        "Phân tích nguyên nhâ": "2026-03-12",
        "Hoàn thành dự thảo b": "2026-03-12",
    }, got


def test_an_ordinary_last_item_keeps_its_deadline_to_itself() -> None:
    got = _deadlines(LIST.replace("3. Hoàn thành dự thảo báo cáo, gửi", "3. Gửi báo cáo về"))
    assert got["Tổng hợp kết quả thự"] is None and got["Phân tích nguyên nhâ"] is None, got


def test_a_preparatory_clause_shares_the_deadline_of_the_clause_that_delivers_it() -> None:
    got = _deadlines(
        "Giao Sở Nội vụ tổng hợp danh sách công chức đủ điều kiện nâng lương; trình UBND tỉnh "
        "xem xét trước ngày 20/3/2026.\n"
        "Giao Văn phòng UBND tỉnh chuẩn bị các điều kiện phục vụ hội nghị; phát hành giấy mời "
        "đến đại biểu chậm nhất ngày 25/3/2026.\n"
    )
    assert got["Giao Sở Nội vụ tổng "] == "2026-03-20", got
    assert got["trình UBND tỉnh xem "] == "2026-03-20", got
    # A new duty after ";" does not date the one before it.
    assert got["Giao Văn phòng UBND "] is None, got
    assert got["phát hành giấy mời đ"] == "2026-03-25", got


def test_a_proposal_after_a_review_delivers_it() -> None:
    """ "rà soát, đánh giá …; đề xuất UBND tỉnh sửa đổi … trước ngày …": the proposal is what
    the review delivers, so both are due on its day."""
    got = _deadlines(
        "Giao Sở Y tế rà soát, đánh giá kết quả thực hiện chính sách hỗ trợ nhân viên y tế thôn "
        "bản giai đoạn 2021 - 2025; đề xuất UBND tỉnh sửa đổi chính sách trước ngày 30/6/2026.\n"
    )
    assert got["Giao Sở Y tế rà soát"] == "2026-06-30", got
    assert got["đề xuất UBND tỉnh sử"] == "2026-06-30", got


def test_the_month_of_a_delivery_dates_the_work_it_delivers_outside_resolutions() -> None:
    snippet = (
        "Giao Sở Tài chính rà soát nhu cầu kinh phí tặng quà Tết cho các đối tượng chính sách; "
        "đề xuất phương án phân bổ, báo cáo UBND tỉnh trong tháng 4/2026.\n"
    )
    got = _deadlines(snippet)
    assert got["Giao Sở Tài chính rà"] == "2026-04-30", got
    assert got["đề xuất phương án ph"] == "2026-04-30", got
    # In a resolution the clauses before are duties of their own (the golds leave them undated).
    doc = build_document({"snippet": snippet, "layout": "resolution"})
    tasks = analyse_bytes(doc.encode(), "nq.txt", segment=False, use_model=False).result.tasks
    first = next(t for t in tasks if "rà soát nhu cầu" in t.text)
    assert first.deadline is None or first.deadline.date != "2026-04-30"


def test_review_work_shares_the_council_session_it_is_submitted_to() -> None:
    doc = build_document(
        {
            "snippet": (
                "Giao Ủy ban nhân dân tỉnh rà soát, sửa đổi chính sách hỗ trợ học sinh bán trú; "
                "trình Hội đồng nhân dân tỉnh tại kỳ họp thường lệ giữa năm 2026.\n"
                "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này; báo cáo kết quả "
                "thực hiện tại kỳ họp thường lệ cuối năm 2026.\n"
            ),
            "layout": "resolution",
        }
    )
    tasks = analyse_bytes(doc.encode(), "nq.txt", segment=False, use_model=False).result.tasks
    review = next(t for t in tasks if "rà soát, sửa đổi" in t.text)
    assert review.deadline is not None and review.deadline.type == "event", review
    assert "giữa năm 2026" in review.deadline.raw
    # A standing duty does not end with the session its results are reported to.
    standing = next(t for t in tasks if "tổ chức thực hiện Nghị quyết" in t.text)
    assert standing.deadline is None, standing


def test_a_time_labelling_an_item_dates_each_of_its_clauses() -> None:
    got = _deadlines(
        "4. Trước ngày 15/11/2026: UBND các xã, phường tổng kết việc sắp xếp thôn, gửi báo cáo về "
        "Sở Nội vụ trước ngày 31/10/2026; Sở Nội vụ tổng hợp, tham mưu UBND tỉnh báo cáo Bộ Nội "
        "vụ kết quả thực hiện; đề xuất khen thưởng tập thể, cá nhân có thành tích xuất sắc.\n"
    )
    assert got["Sở Nội vụ tổng hợp, "] == "2026-11-15", got
    assert got["đề xuất khen thưởng "] == "2026-11-15", got
    # the clause that states its own time keeps it
    assert all(d == "2026-10-31" for k, d in got.items() if "tổng kết" in k or "UBND các xã" in k)


def test_an_event_opening_the_sentence_dates_each_of_its_clauses() -> None:
    tasks = letter_tasks(
        "Sau hội nghị tập huấn, đề nghị các sở, ban, ngành rà soát quy trình nội bộ "
        "giải quyết thủ tục hành chính; UBND các xã, phường cần công khai quy trình tại "
        "bộ phận một cửa.\n"
    )
    assert len(tasks) == 2
    assert all(t.deadline is not None and t.deadline.type == "event" for t in tasks), tasks


def test_a_time_line_dates_the_item_and_shared_heads_name_its_bodies() -> None:
    tasks = letter_tasks(
        "Phó Chủ tịch UBND tỉnh yêu cầu:\n"
        "4. Các sở: Nông nghiệp và Môi trường, Công Thương; UBND các xã Mỹ Hạnh, Hòa Khánh\n"
        "a) Tăng cường kiểm tra, xử lý các hành vi khai thác cát trái phép tại khu vực dự án; "
        "thời gian thực hiện: thường xuyên.\n"
    )
    assert len(tasks) == 1, tasks
    task = tasks[0]
    assert task.deadline is not None and task.deadline.type == "ongoing"
    assert len([a for a in task.assignees if a.role == "lead"]) == 4


def test_a_list_period_wins_over_a_vague_word_of_the_item() -> None:
    got = _deadlines(
        "Giao Công an tỉnh thực hiện các nhiệm vụ trong quý II/2026:\n"
        "- Thường xuyên tuần tra, kiểm soát, bảo đảm trật tự an toàn giao thông;\n"
        "- Tập trung điều tra, làm rõ các vụ lừa đảo qua mạng.\n"
    )
    assert got == {"Thường xuyên tuần tr": "2026-06-30", "Tập trung điều tra, ": "2026-06-30"}, got


def _types(snippet: str) -> dict[str, str | None]:
    return {t.text[:20]: (t.deadline.type if t.deadline else None) for t in letter_tasks(snippet)}


def test_words_naming_time_or_progress_are_an_ongoing_deadline_words_of_manner_are_not() -> None:
    got = _types(
        "Giao Sở Tài chính thẩm định dự toán kinh phí tổ chức hội nghị, bảo đảm thời gian "
        "quy định.\n"
        "Giao Sở Xây dựng hoàn thiện hồ sơ điều chỉnh quy hoạch, bảo đảm tiến độ bàn giao "
        "mặt bằng.\n"
        "Giao Sở Nội vụ hướng dẫn các xã kiện toàn tổ chức bộ máy theo quy định của pháp luật.\n"
    )
    assert got == {
        "Giao Sở Tài chính th": "ongoing",
        "Giao Sở Xây dựng hoà": "ongoing",
        "Giao Sở Nội vụ hướng": None,
    }, got


def test_a_date_the_item_states_beats_the_period_it_inherits() -> None:
    got = _deadlines(
        "Giao các sở, ngành thực hiện trong quý IV/2026 các nội dung sau:\n"
        "1. Sở Tài chính rà soát số vốn không có khả năng giải ngân; báo cáo UBND tỉnh trước "
        "ngày 25/11/2026.\n"
        "2. Sở Nội vụ tổ chức tập huấn kỹ năng số cho công chức cấp xã. Hoàn thành trước "
        "ngày 10/12/2026.\n"
        "3. Sở Xây dựng kiểm tra chất lượng công trình giao thông.\n"
    )
    assert got["Sở Tài chính rà soát"] == "2026-11-25", got  # the delivering clause's date
    assert got["Sở Nội vụ tổ chức tậ"] == "2026-12-10", got  # the item's completion sentence
    assert got["Sở Xây dựng kiểm tra"] == "2026-12-31", got  # the lead-in's period


def test_a_time_line_under_a_list_dates_the_items_that_state_none() -> None:
    got = _deadlines(
        "UBND tỉnh ban hành Kế hoạch chuyển đổi số những tháng cuối năm 2026 như sau:\n"
        "1. Về hạ tầng số:\n"
        "- Rà soát hệ thống mạng nội bộ tại trụ sở các cơ quan;\n"
        "- Nâng cấp đường truyền Internet cáp quang, hoàn thành trước ngày 30/10/2026.\n"
        "Thời gian thực hiện: Quý IV/2026.\n"
        "2. Về dữ liệu số:\n"
        "- Làm sạch dữ liệu dân cư trên địa bàn tỉnh;\n"
        "- Số hóa sổ hộ tịch của các xã trên địa bàn.\n"
        "Các nội dung trên hoàn thành trước ngày 15/12/2026.\n"
        "3. Về kinh tế số:\n"
        "- Vận động tiểu thương sử dụng thanh toán không dùng tiền mặt.\n"
    )
    assert got == {
        "Rà soát hệ thống mạn": "2026-12-31",  # the time line under its list
        "Nâng cấp đường truyề": "2026-10-30",  # its own date wins
        "Làm sạch dữ liệu dân": "2026-12-15",
        "Số hóa sổ hộ tịch củ": "2026-12-15",
        # The plan's own horizon ("những tháng cuối năm 2026") dates no item, and a time line
        # closes only the list above it.
        "Vận động tiểu thương": None,
    }, got


def test_the_rest_of_the_year_named_by_a_heading_dates_no_item() -> None:
    got = _deadlines(
        "II. NHIỆM VỤ TRỌNG TÂM THÁNG 11 VÀ NHỮNG THÁNG CUỐI NĂM 2026\n"
        "1. Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành rà soát các dự án chậm giải "
        "ngân, báo cáo UBND tỉnh trước ngày 20/11/2026.\n"
        "2. Giao Sở Y tế tăng cường giám sát, phát hiện sớm các ca bệnh truyền nhiễm.\n"
        "III. NHIỆM VỤ TRONG QUÝ IV/2026\n"
        "1. Giao Sở Nội vụ tổ chức tập huấn nghiệp vụ cho công chức cấp xã.\n"
    )
    assert got["Giao Sở Tài chính ch"] == "2026-11-20", got
    assert got["Giao Sở Y tế tăng cư"] is None, got
    assert got["Giao Sở Nội vụ tổ ch"] == "2026-12-31", got  # a stated quarter still holds


def test_a_list_wide_time_line_is_never_a_task_of_its_own() -> None:
    from nlp_service.nlp.directives import is_not_task

    for line in (
        "Các nội dung trên hoàn thành trước ngày 15/12/2025.",
        "Những nhiệm vụ nêu trên phải hoàn thành trong quý I/2026.",
        "Hoàn thành trước ngày 10/12/2025.",
    ):
        assert is_not_task(line), line
    # A duty that merely starts with the same words is one.
    assert not is_not_task("Các nội dung trên được Sở Nội vụ tổng hợp, báo cáo UBND tỉnh.")


def test_a_clause_that_ends_by_delivering_shares_its_date_but_oversight_does_not() -> None:
    got = _deadlines(
        "Giao Sở Tài chính chủ trì, phối hợp với Kho bạc Nhà nước tổng hợp danh mục dự án có tỷ "
        "lệ giải ngân thấp; đề xuất phương án điều chuyển vốn, trình UBND tỉnh trước ngày "
        "20/11/2026.\n"
        "Giao Sở Nội vụ chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch này; tổng hợp kết quả, "
        "báo cáo UBND tỉnh trước ngày 15/12/2026.\n"
    )
    assert got["Giao Sở Tài chính ch"] == "2026-11-20", got  # it feeds the proposal
    assert got["đề xuất phương án đi"] == "2026-11-20", got
    assert got["Giao Sở Nội vụ chủ t"] is None, got  # a standing duty
    assert got["tổng hợp kết quả, bá"] == "2026-12-15", got


def test_a_delivery_due_days_after_this_notice_dates_the_work_it_reports_on() -> None:
    tasks = {
        t.text[:20]: t.deadline
        for t in letter_tasks(
            "UBND phường Trần Lãm khẩn trương xử lý dứt điểm việc lấn chiếm đất tại trụ sở cũ; "
            "báo cáo kết quả về Sở Tài chính trong 30 ngày kể từ ngày nhận được Thông báo này.\n"
            "Thủ trưởng các sở, ngành có trách nhiệm tổ chức thực hiện Quy chế này; cử 01 công "
            "chức làm đầu mối, gửi danh sách về Sở Công Thương trong thời hạn 15 ngày kể từ ngày "
            "nhận được Quy chế.\n"
        )
    }
    work = tasks["UBND phường Trần Lãm"]
    assert work is not None and work.type == "relative" and work.amount == 30, tasks
    assert tasks["Thủ trưởng các sở, n"] is None, tasks  # carrying out the document is standing
    named = tasks["cử 01 công chức làm "]
    assert named is not None and named.amount == 15, tasks


def test_a_loose_after_clause_in_the_object_gives_way_to_the_date_it_feeds() -> None:
    got = _deadlines(
        "Giao Sở Xây dựng rà soát tiến độ thi công của từng gói thầu sau khi điều chỉnh hướng "
        "tuyến; báo cáo UBND tỉnh trước ngày 30/11/2026.\n"
        "Ngay sau khi bão tan, giao UBND các xã huy động lực lượng giúp Nhân dân khắc phục hậu "
        "quả; báo cáo UBND tỉnh chậm nhất ngày 23/9/2026.\n"
    )
    assert got["Giao Sở Xây dựng rà "] == "2026-11-30", got
    assert got["Ngay sau khi bão tan"] is None, got  # an opening event times its clause


def test_a_standing_role_alone_is_no_task_but_its_duty_is() -> None:
    from nlp_service.nlp.directives import is_not_task

    assert is_not_task(
        "Là cơ quan thường trực giúp UBND tỉnh về chuyển đổi số, phát triển dữ liệu."
    )
    assert is_not_task("Sở Nội vụ là cơ quan đầu mối về PAPI của tỉnh.")
    for duty in (
        "Là cơ quan thường trực, giúp UBND xã theo dõi, đôn đốc các đơn vị triển khai Kế hoạch.",
        "Là cơ quan thường trực về cải cách hành chính, có trách nhiệm hướng dẫn, đôn đốc.",
    ):
        assert not is_not_task(duty), duty


def test_the_same_time_as_above_takes_the_earlier_deadline() -> None:
    """ "trong cùng thời hạn nêu trên" restates the last dated deadline before it; without one
    before it, nothing."""
    snippet = (
        "Kính gửi: Các sở, ban, ngành tỉnh.\n"
        "1. Sở Nội vụ rà soát danh sách công chức, gửi Văn phòng UBND tỉnh trước ngày 30/9/2026.\n"
        "2. Sở Tài chính tổng hợp kinh phí thực hiện, gửi Văn phòng UBND tỉnh trong cùng thời "
        "hạn nêu trên.\n"
        "3. Sở Y tế bố trí lực lượng y tế trong thời gian nêu trên.\n"
    )
    got = _deadlines(snippet)
    assert got["Sở Tài chính tổng hợ"] == "2026-09-30", got
    assert got["Sở Y tế bố trí lực l"] == "2026-09-30", got
    alone = _deadlines("Kính gửi: Các sở, ban, ngành tỉnh.\n" + snippet.split("\n")[2] + "\n")
    assert alone == {"Sở Tài chính tổng hợ": None}, alone


def test_a_completion_phrase_closing_the_sentence_dates_its_comma_joined_clauses() -> None:
    got = _deadlines(
        "1. Giao Sở Nội vụ rà soát, thống kê kết quả thực hiện các nhiệm vụ được giao, đồng thời "
        "liên hệ Bộ Nội vụ để được cấp tài khoản, hoàn thành trước ngày 20/3/2026.\n"
        "2. Giao Sở Tài chính tổ chức thực hiện Kế hoạch này; hướng dẫn các xã lập dự toán, "
        "hoàn thành trước ngày 25/3/2026.\n"
    )
    assert got["Giao Sở Nội vụ rà so"] == "2026-03-20", got
    assert got["đồng thời liên hệ Bộ"] == "2026-03-20", got
    assert got["Giao Sở Tài chính tổ"] is None, got  # across ";" it dates its own clause only
    assert got["hướng dẫn các xã lập"] == "2026-03-25", got


def test_a_period_heading_dates_the_items_below_it() -> None:
    got = _deadlines(
        "IV. TIẾN ĐỘ THỰC HIỆN\n"
        "1. Tháng 3/2026:\n"
        "- Các sở, ngành rà soát các chương trình, dự án đang triển khai tại các thôn.\n"
        "- Sở Nội vụ hướng dẫn quy trình sắp xếp thôn, hoàn thành trước ngày 15/3/2026.\n"
        "2. Quý III/2026:\n"
        "- Tháng 7/2026: UBND các xã, phường công bố Nghị quyết về sáp nhập thôn.\n"
        "- UBND các xã, phường bố trí người hoạt động không chuyên trách ở thôn.\n"
    )
    assert got == {
        "Các sở, ngành rà soá": "2026-03-31",
        "Sở Nội vụ hướng dẫn ": "2026-03-15",
        "Tháng 7/2026: UBND c": "2026-07-31",
        "UBND các xã, phường ": "2026-09-30",
    }, got


def test_a_step_label_opens_the_actions_after_it_and_its_time_dates_them() -> None:
    got = _deadlines(
        "2. Quy trình thẩm định\n"
        "Bước 1. Tự đánh giá: Các sở, ban, ngành rà soát, chấm điểm từng tiêu chí theo Bộ Chỉ "
        "số, gửi Sở Nội vụ trước ngày 15/11/2026.\n"
        "Giai đoạn 2 (tháng 11/2026): Sở Nội vụ tổ chức phát phiếu điều tra đến từng đối tượng, "
        "hướng dẫn cách trả lời phiếu.\n"
    )
    assert got == {
        "Các sở, ban, ngành r": "2026-11-15",
        "Sở Nội vụ tổ chức ph": "2026-11-30",
    }, got


def test_an_electronic_copy_is_due_with_the_delivery_it_doubles() -> None:
    got = _deadlines(
        "Giao Sở Tài chính tổng hợp, báo cáo UBND tỉnh trước ngày 15/12/2026, đồng thời gửi "
        "bản điện tử qua hộp thư công vụ của Văn phòng UBND tỉnh.\n"
    )
    assert set(got.values()) == {"2026-12-15"}, got


def test_a_numbered_list_restarting_under_a_lead_in_nests_in_its_item() -> None:
    tasks = letter_tasks(
        "Ủy ban nhân dân tỉnh đề nghị thực hiện một số nội dung sau:\n"
        "1. Đối với Sở Nội vụ\n"
        "a) Tổng hợp, báo cáo kết quả cải cách hành chính năm 2026 trước ngày 15/12/2026. "
        "Báo cáo tập trung vào các nội dung chính sau:\n"
        "1. Tình hình ban hành văn bản;\n"
        "2. Khó khăn, vướng mắc.\n"
        "b) Rà soát, cập nhật danh mục thủ tục hành chính nội bộ trong quý IV/2026.\n"
        "2. Đối với Sở Tài chính\n"
        "a) Bố trí kinh phí cải cách hành chính năm 2027.\n"
    )
    leads = {t.text[:20]: [a.name for a in t.assignees if a.role == "lead"] for t in tasks}
    assert leads["Rà soát, cập nhật da"] == ["Sở Nội vụ"], leads
    assert leads["Bố trí kinh phí cải "] == ["Sở Tài chính"], leads


def test_an_item_opening_with_a_list_of_bodies_names_them_all() -> None:
    tasks = letter_tasks(
        "Văn phòng UBND tỉnh đề nghị:\n"
        "1. Các sở, ban, ngành tỉnh, UBND các xã, phường (kể cả các cơ quan đã gửi báo cáo):\n"
        "- Rà soát, đối chiếu số liệu của từng cơ sở nhà, đất với hồ sơ pháp lý.\n"
    )
    assert len(tasks) == 1, tasks
    leads = [a.name for a in tasks[0].assignees if a.role == "lead"]
    assert len(leads) == 2 and "các sở, ban, ngành tỉnh" in leads, leads


def test_a_bracket_naming_lettered_items_dates_those_items() -> None:
    got = _deadlines(
        "Đề nghị các sở, ngành thực hiện các nội dung sau:\n"
        "a) Lập kế hoạch đầu tư công trung hạn giai đoạn 2026-2030 của ngành;\n"
        "b) Xây dựng phương án phân bổ vốn chi tiết theo từng dự án;\n"
        "(Nội dung a, b gửi về Sở Tài chính trước ngày 30/9/2026 để tổng hợp)\n"
        "c) Thực hiện giám sát, đánh giá các dự án được giao.\n"
    )
    assert got["Lập kế hoạch đầu tư "] == "2026-09-30", got
    assert got["Xây dựng phương án p"] == "2026-09-30", got
    assert got["Thực hiện giám sát, "] is None, got  # after the bracket: not named by it


def test_a_time_bracket_closing_an_item_dates_all_of_its_work() -> None:
    tasks = letter_tasks(
        "Đề nghị các sở, ngành thực hiện các nội dung sau:\n"
        "1. Tăng cường công tác kiểm tra, đôn đốc thực hiện Chương trình. Tổ chức sơ kết, "
        "báo cáo kết quả thực hiện theo quy định (Thực hiện thường xuyên).\n"
        "2. Tổ chức tập huấn cho công chức cấp xã. Rà soát, cập nhật tài liệu tập huấn "
        "(thời gian: tháng 10/2026).\n"
        "3. Kiểm tra công tác lưu trữ. Báo cáo kết quả kiểm tra trong tháng 12/2026.\n"
    )
    got = {t.text[:20]: (t.deadline.type, t.deadline.date) if t.deadline else None for t in tasks}
    assert got["Tăng cường công tác "] == ("ongoing", None), got
    assert got["Tổ chức sơ kết, báo "] == ("ongoing", None), got
    assert got["Tổ chức tập huấn cho"] == ("within_period", "2026-10-31"), got
    # A date written in the sentence, not in a closing bracket, stays with its own clause.
    assert got["Kiểm tra công tác lư"] is None, got


def test_a_new_directive_after_the_list_does_not_take_its_time() -> None:
    """The lead-in's period dates its items; a paragraph after the list that names its own body
    is no item of it (a deadline does not reach forward)."""
    got = _deadlines(
        "Giao Sở Y tế thực hiện các nội dung sau trong Quý II/2026:\n"
        "a) Kiểm tra các cơ sở y tế tư nhân;\n"
        "b) Đánh giá chất lượng dịch vụ y tế cơ sở.\n"
        "Giao Sở Nội vụ rà soát biên chế ngành y tế, báo cáo Ủy ban nhân dân tỉnh.\n"
        "Đề nghị Công an tỉnh tăng cường tuần tra, kiểm soát trật tự an toàn giao thông.\n"
    )
    assert got == {
        "Kiểm tra các cơ sở y": "2026-06-30",
        "Đánh giá chất lượng ": "2026-06-30",
        "Giao Sở Nội vụ rà so": None,
        "Đề nghị Công an tỉnh": None,
    }, got


def test_a_closing_line_naming_the_list_dates_its_items_whatever_its_verb() -> None:
    """ "Thời gian hoàn thành các nhiệm vụ trên: …", "Các nhiệm vụ trên thực hiện trong năm
    2026.", "Các nội dung trên triển khai thường xuyên.": the time of the list, not a task."""
    head = "Giao Sở Xây dựng:\n- Tổ chức kiểm tra chất lượng công trình.\n- Đôn đốc chủ đầu tư.\n"
    for closing, want in [
        ("Thời gian hoàn thành các nhiệm vụ trên: trước ngày 20/4/2026.", ("before", "2026-04-20")),
        ("Các nhiệm vụ trên thực hiện trong năm 2026.", ("within_period", "2026-12-31")),
        ("Các nội dung trên triển khai thường xuyên.", ("ongoing", None)),
    ]:
        tasks = letter_tasks(head + closing + "\n")
        got = [(t.text[:12], t.deadline.type if t.deadline else None) for t in tasks]
        assert len(tasks) == 2, got
        for t in tasks:
            assert t.deadline is not None, got
            assert (t.deadline.type, t.deadline.date) == want, got


def test_two_actions_each_with_its_deadline_are_two_tasks() -> None:
    """ANNOTATION.md's own example: "trình trước 30/5, điều chỉnh trước ngày 15/6" is two tasks,
    each due on its day; a clause with one deadline stays whole."""
    got = _deadlines(
        "Giao Sở Tài chính trình dự thảo Kế hoạch trước 30/5, điều chỉnh trước ngày 15/6.\n"
        "Giao Sở Nội vụ rà soát, tổng hợp số liệu, báo cáo UBND tỉnh trước ngày 20/3/2026.\n"
    )
    assert got == {
        "Giao Sở Tài chính tr": "2026-05-30",
        "điều chỉnh trước ngà": "2026-06-15",
        "Giao Sở Nội vụ rà so": "2026-03-20",
    }, got


def test_a_purpose_clause_date_is_not_the_requests_deadline() -> None:
    """ "Để Sở Tài chính kịp báo cáo Bộ trước ngày 31/3, UBND tỉnh đề nghị … trước ngày 20/3":
    the purpose's date is the department's own deadline towards the ministry."""
    got = _deadlines(
        "Kính gửi: Các sở, ban, ngành tỉnh.\n"
        "Để Sở Tài chính kịp tổng hợp, báo cáo Bộ Tài chính trước ngày 31/3/2026, Ủy ban nhân dân "
        "tỉnh đề nghị các sở, ban, ngành gửi báo cáo về Sở Tài chính trước ngày 20/3/2026."
    )
    assert list(got.values()) == ["2026-03-20"], got


def test_a_labelled_due_line_after_a_request_dates_it() -> None:
    """ "Thời gian gửi báo cáo: trước ngày 15/4." under the request; "Hạn chót nhận hồ sơ: ngày
    23/3/2026." is the day the files are due (by), not a day of an event."""
    got = {
        t.text[:20]: t.deadline
        for t in letter_tasks(
            "Kính gửi: Các sở, ban, ngành tỉnh.\n"
            "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành tự kiểm tra, đánh giá công tác cải "
            "cách hành chính, gửi báo cáo về Sở Nội vụ.\n"
            "Thời gian gửi báo cáo: trước ngày 15/4.\n"
            "Đề nghị các sở, ban, ngành lập hồ sơ đề nghị khen thưởng, gửi về Sở Nội vụ. Hạn chót "
            "nhận hồ sơ: ngày 23/3/2026.\n"
        )
    }
    first = got["Ủy ban nhân dân tỉnh"]
    assert first is not None and (first.type, first.date) == ("before", "2026-04-15"), got
    second = got["Đề nghị các sở, ban,"]
    assert second is not None and (second.type, second.date) == ("by", "2026-03-23"), got


def test_a_comma_joined_electronic_copy_is_asked_of_the_addressee_too() -> None:
    """ "đề nghị Quý Sở …, trình UBND tỉnh … trước ngày 14/3/2026, đồng thời gửi bản điện tử
    qua …": the copy is its own task (CONVENTIONS.md), asked of the addressee as the request is,
    and due with the delivery it doubles."""
    tasks = letter_tasks(
        "Kính gửi: Sở Tài chính.\n"
        "Ủy ban nhân dân tỉnh đề nghị Quý Sở tổng hợp, trình UBND tỉnh phương án phân bổ vốn "
        "trước ngày 14/3/2026, đồng thời gửi bản điện tử qua Hệ thống quản lý văn bản.\n"
    )
    copy = next(t for t in tasks if t.text.startswith("đồng thời"))
    assert [a.name for a in copy.assignees if a.role == "lead"] == ["Sở Tài chính"]
    assert copy.confidence >= 0.9, copy.confidence  # as firm as the request it goes with
    assert copy.deadline is not None and copy.deadline.date == "2026-03-14"


def test_a_completion_with_its_own_object_keeps_its_deadline() -> None:
    # "…; hoàn thành nghiệm thu …": a work of its own; "…; hoàn thành trước …" dates the clause.
    own = (
        "- Ban Quản lý dự án đôn đốc các nhà thầu huy động tối đa nhân lực, máy móc, thiết bị; "
        "hoàn thành nghiệm thu, thanh toán khối lượng Dự án đường liên xã trước ngày 15/12/2026.\n"
    )
    assert _deadlines(own) == {
        "Ban Quản lý dự án đô": None,
        "hoàn thành nghiệm th": "2026-12-15",
    }, _deadlines(own)
    bare = (
        "- Sở Xây dựng rà soát danh mục các dự án giao thông chậm tiến độ; hoàn thành trước ngày "
        "15/12/2026.\n"
    )
    assert set(_deadlines(bare).values()) == {"2026-12-15"}, _deadlines(bare)
