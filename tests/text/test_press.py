"""Press reports: crawl noise dropped, the reported notice named, notices never mistaken."""

from __future__ import annotations

from nlp_service.text.compose import compose
from nlp_service.text.press import clean_press, looks_like_press
from nlp_service.text.structure import analyse

from .builders import header, raw

HEADLINE = "Hà Nội giám sát việc giải quyết kiến nghị của cử tri"
LEAD = (
    "(TTXVN) - Ngày 12/9/2018, Thường trực HĐND thành phố Hà Nội vừa ban hành Thông báo số "
    "24/TB-HĐND về kết quả phiên giải trình việc giải quyết kiến nghị của cử tri."
)
TASK_1 = (
    "Theo thông báo, Thường trực HĐND thành phố đề nghị UBND thành phố chỉ đạo các sở, ngành "
    "khẩn trương rà soát, báo cáo kết quả trước ngày 15/10/2018."
)
SLUG = "ha noi tang cuong quan ly trat tu xay dung do thi"
CAPTION = "Quang cảnh phiên giải trình tại trụ sở HĐND thành phố"
TASK_2 = (
    "Thường trực HĐND các quận, huyện, thị xã có trách nhiệm tổ chức giám sát chuyên đề "
    "trong năm 2018 và gửi báo cáo về Thường trực HĐND thành phố."
)
REPORT = [
    "a",
    HEADLINE,
    "17:34 | 12/09/2018",
    LEAD,
    TASK_1,
    SLUG,
    CAPTION,
    SLUG + " Hà Nội tăng cường quản lý trật tự xây dựng đô thị",
    TASK_2,
    "Minh Anh",
    "Nguồn: TTXVN",
]


def test_a_press_report_is_recognised() -> None:
    assert looks_like_press(raw(*REPORT))


def test_crawl_noise_is_dropped_and_the_article_kept() -> None:
    cleaned, report = clean_press(raw(*REPORT))
    texts = [b.text for b in cleaned.blocks]
    assert texts == [HEADLINE, LEAD.removeprefix("(TTXVN) - "), TASK_1, TASK_2]
    reasons = [d.split(":")[0] for d in report.dropped]
    assert reasons == [
        "stray letter",
        "time stamp",
        "related-article slug",
        "photo caption",
        "related-article slug",
        "byline",
        "source tag",
    ]


def test_the_reported_notice_is_named() -> None:
    _, report = clean_press(raw(*REPORT))
    assert report.number == "24/TB-HĐND"
    assert report.issuer_raw == "Thường trực HĐND thành phố Hà Nội"
    assert report.doc_type == "TB"


def test_other_notice_types_and_numbers() -> None:
    lead = "UBND tỉnh Lâm Đồng vừa ban hành Kế hoạch số 45/2024/KH-UBND về cải cách hành chính."
    _, report = clean_press(raw(HEADLINE, "08:15 | 01/02/2024", lead, "Nguồn: Báo Lâm Đồng"))
    assert report.number == "45/2024/KH-UBND"
    assert report.issuer_raw == "UBND tỉnh Lâm Đồng"
    assert report.doc_type == "KH"


def test_a_conclusion_to_be_issued_names_its_council_without_a_number() -> None:
    """A report of a session whose conclusion "sẽ được … ban hành thành thông báo": a TB of the
    standing committee, named with its place as the article first names it."""
    lead = (
        "Sáng 25/9, Thường trực HĐND tỉnh Quảng Trị tổ chức phiên chất vấn về công tác giải "
        "phóng mặt bằng các dự án trọng điểm."
    )
    end = (
        "Nội dung kết luận phiên chất vấn sẽ được Thường trực HĐND tỉnh ban hành thành thông báo "
        "gửi UBND tỉnh và các cơ quan, đơn vị liên quan để tổ chức thực hiện."
    )
    _, report = clean_press(raw(HEADLINE, "Thứ Năm, 25/9/2025 - 17:20", lead, TASK_1, end))
    assert report.number is None
    assert report.doc_type == "TB"
    assert report.issuer_raw == "Thường trực HĐND tỉnh Quảng Trị"
    _, plain = clean_press(raw(HEADLINE, "Thứ Năm, 25/9/2025 - 17:20", lead, TASK_1))
    assert plain.doc_type is None and plain.issuer_raw is None


def test_cleaned_report_composes_without_noise() -> None:
    cleaned, _ = clean_press(raw(*REPORT))
    ct = compose(cleaned)
    for noise in (SLUG, CAPTION, "17:34", "Nguồn", "Minh Anh", "(TTXVN)"):
        assert noise not in ct.text
    analyse(ct)  # a press report has no NĐ 30 header; analysing it must still work


def test_an_official_notice_is_never_a_press_report() -> None:
    # A notice that quotes another notice, carries a date stamp line and ends with a source line
    # still has the Quốc hiệu and "Số:": it is official.
    notice = raw(
        *header(),
        "THÔNG BÁO",
        "Kết luận của Chủ tịch UBND tỉnh",
        "12/09/2018",
        "Thực hiện Thông báo số 24/TB-HĐND, UBND tỉnh vừa ban hành Kế hoạch số 45/KH-UBND.",
        TASK_1,
        "Nguồn: VP",
    )
    assert not looks_like_press(notice)


def test_a_plain_article_without_noise_is_not_a_press_report() -> None:
    assert not looks_like_press(raw(HEADLINE, TASK_1, TASK_2))


def test_the_time_stamp_dates_the_article_and_year_less_days_take_its_year() -> None:
    from datetime import date

    from nlp_service.pipeline import process

    _, report = clean_press(raw(*REPORT))
    assert report.published == date(2018, 9, 12)
    # The notice's own date is unknown; "trước ngày 15/12" is read in the article's year even
    # though the text names a later year ("kế hoạch năm 2019") more often.
    article = "\n\n".join(
        [
            "Thứ Hai, 12/11/2018 - 09:15 (GMT+7)",
            HEADLINE,
            LEAD.replace("Ngày 12/9/2018, ", ""),
            "Thường trực HĐND thành phố đề nghị UBND thành phố chỉ đạo Sở Tài chính rà soát kế "
            "hoạch năm 2019, dự toán năm 2019 và kinh phí năm 2019, báo cáo trước ngày 15/12.",
            "Nguồn: TTXVN",
        ]
    )
    result = process(article.encode(), "bao-chi.txt", segment=False)
    assert result.document.issue_date is None
    dates = {t.deadline.date for t in result.tasks if t.deadline is not None}
    assert dates == {"2018-12-15"}, result.tasks


def test_a_date_the_article_gives_the_notice_is_its_issue_date() -> None:
    """ANNOTATION.md: a press report's issue_date is null unless the article states the
    document's date, before the sentence's notice or right after its number."""
    from datetime import date

    _, report = clean_press(raw(*REPORT))
    assert report.issued == date(2018, 9, 12)  # "Ngày 12/9/2018, … ban hành Thông báo số 24/…"
    after = "UBND tỉnh Lâm Đồng ban hành Kế hoạch số 45/KH-UBND ngày 05 tháng 02 năm 2024 về …"
    _, report = clean_press(raw(HEADLINE, "08:15 | 01/03/2024", after, "Nguồn: Báo Lâm Đồng"))
    assert report.issued == date(2024, 2, 5)
    assert report.published == date(2024, 3, 1)  # the time stamp dates the article only
    bare = "UBND tỉnh Lâm Đồng vừa ban hành Kế hoạch số 45/KH-UBND về cải cách hành chính."
    _, report = clean_press(raw(HEADLINE, "08:15 | 01/03/2024", bare, "Nguồn: Báo Lâm Đồng"))
    assert report.issued is None


def test_a_portal_article_is_recognised_by_its_tag_dateline_and_caption() -> None:
    """Provincial papers tag the lead with their own name ("(Báo Lâm Đồng) - ") or a place
    ("ĐÀ LẠT - "), open with a dateline ("Chiều 4/3, …") and credit a photo at the end of its
    caption; none of that is a notice's, and the dateline's meeting is no task."""
    from nlp_service.pipeline import process

    article = "\n".join(
        [
            "Đẩy nhanh giải ngân vốn đầu tư công ngay từ đầu năm",
            "(Báo Lâm Đồng) - Chiều 4/3, đồng chí Trần Quang Vinh, Phó Chủ tịch UBND tỉnh chủ "
            "trì hội nghị đánh giá tình hình giải ngân vốn đầu tư công 2 tháng đầu năm 2026.",
            "Kết luận hội nghị, Phó Chủ tịch UBND tỉnh đề nghị Sở Tài chính tham mưu điều chuyển "
            "vốn của các dự án giải ngân chậm trước ngày 15/3/2026.",
            "Đồng chí Trần Quang Vinh phát biểu kết luận hội nghị. Ảnh: Minh Đạo",
        ]
    )
    assert looks_like_press(raw(*article.split("\n")))
    assert looks_like_press(raw("Tiếp công dân định kỳ", "ĐÀ LẠT - Chiều 4.3, tại Trụ sở …"))
    result = process(article.encode(), "bao.txt", segment=False)
    assert result.kind == "press_report"
    assert [t.text.split(",")[0] for t in result.tasks] == ["Kết luận hội nghị"], [
        t.text for t in result.tasks
    ]
    assert not any("Ảnh" in t.text for t in result.tasks)


def test_reported_speech_after_a_colon_starts_its_own_subject() -> None:
    """ "… nhấn mạnh: “Các địa phương phải hoàn thành … trước ngày 30/6 …”": the subject inside
    the quote acts, not the speaker (rules alone, so the assertion is about the reading)."""
    from nlp_service.pipeline import analyse_bytes

    article = "\n".join(
        [
            "Hội nghị triển khai công tác xóa nhà tạm năm 2026",
            "(Báo Lâm Đồng) - Sáng 27/3, UBND tỉnh tổ chức hội nghị triển khai Kế hoạch hỗ trợ "
            "xóa nhà tạm, nhà dột nát năm 2026.",
            "Phát biểu chỉ đạo, Phó Chủ tịch UBND tỉnh Nguyễn Hữu Tài nhấn mạnh: “Các địa phương "
            "phải hoàn thành việc khởi công toàn bộ các căn nhà trước ngày 30/6”.",
        ]
    )
    tasks = analyse_bytes(article.encode(), "bao.txt", segment=False, use_model=False).result.tasks
    started = [t for t in tasks if "khởi công" in t.text]
    assert started, [t.text for t in tasks]
    assert [a.name.lower() for a in started[0].assignees if a.role == "lead"] == ["các địa phương"]
