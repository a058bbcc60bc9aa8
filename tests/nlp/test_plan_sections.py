"""A plan's purpose section is not a list of duties, however much it sounds like one.

Written for this test in the style of a UBND Kế hoạch (not copied from the corpus); runs the real
pipeline with the rules' verdicts, like the directive-sentence table.
"""

from __future__ import annotations

from nlp_service.pipeline import analyse_bytes

_FOOTER = "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n"


def _texts(document: str) -> list[str]:
    """The texts of the tasks the pipeline finds in ``document``."""
    return [t.text for t in analyse_bytes(document.encode(), "kh.txt", segment=False).result.tasks]


def _document(number: str, kind: str, title: str, body: str) -> str:
    """A Lâm Đồng UBND document of ``kind`` ("KẾ HOẠCH", "GIẤY MỜI") around ``body``."""
    return (
        f"ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: {number}\nLâm Đồng, ngày 05 tháng 3 năm 2026\n"
        f"{kind}\n{title}\n__________\n{body}{_FOOTER}"
    )


PLAN = _document(
    "45/KH-UBND",
    "KẾ HOẠCH",
    "Kiểm tra công tác chuyển đổi số năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "1. Mục đích\n"
    "a) Kịp thời phát hiện những khó khăn, vướng mắc trong triển khai chuyển đổi số tại các "
    "sở, ngành, địa phương để tháo gỡ.\n"
    "b) Nâng cao trách nhiệm của người đứng đầu trong chỉ đạo chuyển đổi số.\n"
    "II. NHIỆM VỤ\n"
    "1. Sở Khoa học và Công nghệ chủ trì tổ chức kiểm tra việc vận hành Hệ thống quản lý văn "
    "bản tại 10 xã, hoàn thành trong quý III/2026.\n"
    "2. Sở Nội vụ kiểm tra việc chuyển đổi mục đích sử dụng trụ sở dôi dư.\n",
)


def test_the_purpose_section_yields_no_task_but_the_duties_below_it_do() -> None:
    texts = _texts(PLAN)
    assert not any("phát hiện những khó khăn" in t or "Nâng cao trách nhiệm" in t for t in texts)
    assert any("kiểm tra việc vận hành" in t for t in texts), texts
    # "mục đích" inside an item ("chuyển đổi mục đích sử dụng") is no purpose heading.
    assert any("chuyển đổi mục đích" in t for t in texts), texts


INVITATION = _document(
    "30/GM-UBND",
    "GIẤY MỜI",
    "Họp về tiến độ giải ngân vốn đầu tư công năm 2026",
    "Ủy ban nhân dân tỉnh tổ chức họp về tiến độ giải ngân vốn đầu tư công năm 2026.\n"
    "1. Thành phần\n"
    "- Lãnh đạo Sở Tài chính, Sở Xây dựng;\n"
    "- UBND các xã có dự án chậm giải ngân (tỷ lệ giải ngân dưới 30%).\n"
    "2. Thời gian: 14 giờ 00, ngày 10/3/2026.\n"
    "3. Giao Sở Tài chính chuẩn bị báo cáo tình hình giải ngân, gửi Văn phòng UBND tỉnh trước "
    "ngày 09/3/2026.\n",
)


def test_the_participants_of_an_invitation_are_no_tasks() -> None:
    texts = _texts(INVITATION)
    assert not any("chậm giải ngân (tỷ lệ" in t or t.startswith("Lãnh đạo Sở") for t in texts)
    assert any("chuẩn bị báo cáo tình hình giải ngân" in t for t in texts), texts


INSPECTION = _document(
    "50/KH-UBND",
    "KẾ HOẠCH",
    "Kiểm tra công tác cải cách hành chính năm 2026",
    "I. NỘI DUNG TRỌNG TÂM KIỂM TRA\n"
    "Kiểm tra việc thực hiện các nhiệm vụ cải cách hành chính năm 2026 tại các cơ quan, đơn "
    "vị; tập trung vào các nội dung sau:\n"
    "1. Xây dựng và tổ chức thi hành pháp luật\n"
    "a) Công tác xây dựng, ban hành văn bản quy phạm pháp luật theo thẩm quyền.\n"
    "b) Việc rà soát, hệ thống hóa văn bản quy phạm pháp luật; xử lý hoặc kiến nghị xử lý các "
    "văn bản không còn phù hợp, chồng chéo (nếu có).\n"
    "2. Cải cách thủ tục hành chính\n"
    "a) Kết quả giải quyết hồ sơ thủ tục hành chính đúng hạn.\n"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "1. Sở Nội vụ chủ trì tổ chức kiểm tra, báo cáo kết quả kiểm tra trước ngày 15/11/2026.\n"
    "2. Các cơ quan được kiểm tra chuẩn bị báo cáo theo đề cương, gửi Sở Nội vụ trước ngày "
    "kiểm tra 05 ngày.\n",
) + (
    "Phụ lục\n"
    "ĐỀ CƯƠNG BÁO CÁO PHỤC VỤ KIỂM TRA\n"
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH\n"
    "1. Việc ban hành kế hoạch cải cách hành chính năm 2026 của cơ quan.\n"
    "II. ĐÁNH GIÁ CHUNG, KIẾN NGHỊ\n"
    "1. Đánh giá chung kết quả đạt được, tồn tại, hạn chế.\n"
    "2. Kiến nghị, đề xuất giải pháp khắc phục và nhiệm vụ cải cách hành chính thời gian tới.\n"
)


def test_an_inspections_topics_are_no_tasks() -> None:
    texts = _texts(INSPECTION)
    assert not any("kiến nghị xử lý các văn bản" in t for t in texts), texts
    # nor the headings of the report outline attached to the plan
    assert not any("đề xuất giải pháp khắc phục" in t for t in texts), texts
    assert any("chủ trì tổ chức kiểm tra" in t for t in texts), texts
    assert any("chuẩn bị báo cáo theo đề cương" in t for t in texts), texts


def test_a_numbered_line_naming_only_the_bodies_asked_leads_the_paragraph_below() -> None:
    plan = PLAN.replace(
        "2. Sở Nội vụ kiểm tra việc chuyển đổi mục đích sử dụng trụ sở dôi dư.\n",
        "2. Sở Nội vụ kiểm tra việc chuyển đổi mục đích sử dụng trụ sở dôi dư.\n"
        "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Nông dân tỉnh\n"
        "Tuyên truyền, vận động hội viên sử dụng dịch vụ công trực tuyến.\n",
    )
    tasks = analyse_bytes(plan.encode(), "kh.txt", segment=False).result.tasks
    texts = [t.text for t in tasks]
    # The line itself is no task, the paragraph under it is theirs.
    assert not any(t.startswith("Đề nghị Ủy ban Mặt trận") for t in texts), texts
    below = next(t for t in tasks if "vận động hội viên" in t.text)
    leads = [a.name for a in below.assignees if a.role == "lead"]
    assert any("Mặt trận" in n for n in leads) and any("Nông dân" in n for n in leads), leads


REGULATION = _document(
    "12/2026/QĐ-UBND",
    "QUYẾT ĐỊNH",
    "Ban hành Quy định đánh giá, xếp loại chất lượng cơ quan chuyên môn",
    "Điều 1. Phạm vi điều chỉnh\n"
    "Quy định này quy định việc đánh giá, xếp loại chất lượng các cơ quan chuyên môn thuộc "
    "UBND tỉnh.\n"
    "Điều 2. Giải thích từ ngữ\n"
    "1. Đánh giá cơ quan là việc cấp có thẩm quyền ghi nhận, chấm điểm kết quả thực hiện "
    "nhiệm vụ của cơ quan hằng năm.\n"
    "2. Xếp loại chất lượng là việc Chủ tịch UBND tỉnh quyết định mức độ hoàn thành nhiệm vụ.\n"
    "Điều 3. Trách nhiệm thi hành\n"
    "Sở Nội vụ có trách nhiệm hướng dẫn, tổng hợp kết quả đánh giá, trình Chủ tịch UBND tỉnh "
    "quyết định trước ngày 15 tháng 12 hằng năm.\n",
)


def test_a_regulations_scope_and_definitions_yield_no_task() -> None:
    texts = _texts(REGULATION)
    assert not any("là việc" in t or "quy định việc đánh giá" in t for t in texts), texts
    assert any("hướng dẫn, tổng hợp kết quả đánh giá" in t for t in texts), texts


TARGETS = _document(
    "60/KH-UBND",
    "KẾ HOẠCH",
    "Thực hiện Chương trình phòng, chống ma túy đến năm 2030",
    "II. CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030\n"
    "- Hằng năm, giảm số người nghiện ma túy; phấn đấu đến năm 2030 đạt ít nhất 50% số xã không "
    "có ma túy.\n"
    "- Phấn đấu 100% người nghiện có nhu cầu được điều trị nghiện.\n"
    "III. CHỈ TIÊU VÀ NHIỆM VỤ NĂM 2026\n"
    "1. Công an tỉnh chủ trì rà soát, lập danh sách người nghiện trên địa bàn, hoàn thành trong "
    "quý II/2026.\n",
)


def test_a_plans_targets_yield_no_task_but_a_targets_and_duties_section_does() -> None:
    texts = _texts(TARGETS)
    assert not any("phấn đấu" in t.lower() for t in texts), texts
    assert any("lập danh sách người nghiện" in t for t in texts), texts
