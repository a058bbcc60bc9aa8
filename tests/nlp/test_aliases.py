"""Short names a document defines for a body (sentences written for this test)."""

from __future__ import annotations

from nlp_service.nlp.aliases import defined_aliases
from nlp_service.nlp.bodies import BodyRecognizer
from nlp_service.pipeline import analyse_bytes
from tests.nlp.test_directive_sentences import build_document

RECOGNIZER = BodyRecognizer()


def _names(text: str, word: str) -> list[str | None]:
    """The canonical names of the mentions that start at each later use of ``word``."""
    mentions = defined_aliases(text, RECOGNIZER.analyze(text))
    last = text.rindex(word)
    return [m.normalized for m in mentions if m.start == last]


def test_a_bracketed_short_name_stands_for_the_full_name_afterwards() -> None:
    text = (
        "Thành phần gồm Sở Tài chính; Ban Quản lý dự án đầu tư xây dựng các công trình giao "
        "thông tỉnh (Ban QLDA giao thông). Ban QLDA giao thông bàn giao mặt bằng cho nhà thầu."
    )
    assert _names(text, "Ban QLDA giao thông") == [
        "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh"
    ]


def test_a_short_name_said_in_words_may_be_the_head_alone() -> None:
    text = (
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Thanh Hóa (sau đây viết tắt "
        "là Văn phòng) ban hành Quy chế. Đầu tháng, Văn phòng xây dựng kế hoạch công tác."
    )
    assert _names(text, "Văn phòng") == [
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Thanh Hóa"
    ]


def test_sub_units_bare_heads_and_qualified_collectives_are_no_short_names() -> None:
    sub_unit = (
        "Giao Văn phòng UBND tỉnh (Trung tâm Phục vụ hành chính công) tiếp nhận hồ sơ. "
        "Trung tâm Phục vụ hành chính công trả kết quả."
    )
    assert _names(sub_unit, "Trung tâm Phục vụ hành chính công") == [
        "Trung tâm Phục vụ hành chính công"
    ]
    self_reference = (
        "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch (Trung tâm) báo cáo như sau. "
        "Trung tâm đã tham mưu tổ chức hội nghị."
    )
    assert _names(self_reference, "Trung tâm") == []
    collective = (
        "UBND các xã, phường có cụm công nghiệp (sau đây gọi là UBND cấp xã nơi có cụm công "
        "nghiệp) quản lý quỹ đất. UBND cấp xã nơi có cụm công nghiệp báo cáo Sở Công Thương."
    )
    assert _names(collective, "UBND cấp xã nơi có cụm công nghiệp") == ["Ủy ban nhân dân cấp xã"]


def test_the_posts_of_a_defined_board_are_that_boards() -> None:
    """A decision's rules name the posts of the board it establishes bare ("Nhiệm vụ của Trưởng
    ban", "Tổ giúp việc cập nhật …"); a post followed by a capitalised name is another board's."""
    text = (
        "Quy chế hoạt động của Ban Chỉ đạo chuyển đổi số tỉnh Lâm Đồng (sau đây gọi là Ban Chỉ "
        "đạo). Điều 4. Nhiệm vụ của Trưởng ban. Phó Trưởng ban thường trực giúp Trưởng ban điều "
        "hành công việc. Tổ giúp việc cập nhật số liệu. Trưởng ban Tuyên giáo dự họp."
    )
    assert _names(text, "Phó Trưởng ban thường trực") == [
        "Phó Trưởng ban thường trực Ban Chỉ đạo chuyển đổi số tỉnh Lâm Đồng"
    ]
    assert _names(text, "Tổ giúp việc") == ["Tổ giúp việc Ban Chỉ đạo chuyển đổi số tỉnh Lâm Đồng"]
    assert _names(text, "Trưởng ban Tuyên giáo") != [
        "Trưởng ban Ban Chỉ đạo chuyển đổi số tỉnh Lâm Đồng"
    ]
    mentions = defined_aliases(text, RECOGNIZER.analyze(text))
    heads = [
        m for m in mentions if m.normalized == "Trưởng ban Ban Chỉ đạo chuyển đổi số tỉnh Lâm Đồng"
    ]
    assert len(heads) == 2, [m.text for m in heads]


def test_a_name_defined_for_a_group_stands_for_every_body_of_it() -> None:
    """ "… sau đây gọi chung là các cơ quan, đơn vị": the defined collective is expanded into the
    bodies it gathers (corpus/CONVENTIONS.md), with or without "các", and the clause that uses
    it as its subject is led by all of them."""
    text = (
        "Đối tượng gồm các sở, ban, ngành tỉnh (sau đây gọi chung là cơ quan cấp tỉnh) và UBND "
        "các xã, phường, đặc khu (sau đây gọi chung là UBND cấp xã); cơ quan cấp tỉnh và UBND "
        "cấp xã sau đây gọi chung là các cơ quan, đơn vị. Bước 1. UBND cấp xã thông báo lịch. "
        "Bước 2. Cơ quan, đơn vị gửi báo cáo về Sở Nội vụ."
    )
    both = ["các sở, ban, ngành tỉnh", "Ủy ban nhân dân các xã, phường, đặc khu"]
    assert _names(text, "Cơ quan, đơn vị") == both
    assert _names(text, "UBND cấp xã thông") == both[1:]
    doc = build_document({"snippet": text.replace("Bước", "\nBước")})
    tasks = analyse_bytes(doc.encode(), "hd.txt", segment=False, use_model=False).result.tasks
    sent = next(t for t in tasks if "gửi báo cáo" in t.text)
    assert [a.name for a in sent.assignees if a.role == "lead"] == both
