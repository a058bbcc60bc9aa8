"""The task model sees what the rules made of a candidate's neighbours.

Written for this test in the style of a UBND letter (not copied from the corpus): a list whose
items the rules accept, one doubtful item among them, and a background paragraph.
"""

from __future__ import annotations

from nlp_service.pipeline import analyse_bytes
from tests.nlp.test_directive_sentences import build_document

SNIPPET = (
    "Năm 2025, công tác cải cách hành chính của tỉnh đạt nhiều kết quả tích cực.\n"
    "Giao Sở Nội vụ chủ trì thực hiện các nội dung sau:\n"
    "- Rà soát quy trình nội bộ giải quyết thủ tục hành chính của các sở, ngành.\n"
    "- Cập nhật cơ sở dữ liệu cán bộ, công chức trên hệ thống của tỉnh.\n"
    "- Việc đánh giá chỉ số cải cách hành chính hằng năm của các sở.\n"
)


def _candidates() -> dict[str, dict[str, float | str]]:
    doc = build_document({"snippet": SNIPPET, "layout": "letter"})
    analysis = analyse_bytes(doc.encode(), "cv.txt", segment=False, use_model=False, keep_all=True)
    return {t.text[:16]: t.features for t in analysis.tasks}


def test_list_items_know_how_their_siblings_were_judged() -> None:
    got = _candidates()
    doubtful = got["Việc đánh giá ch"]
    # Both siblings of the doubtful item are accepted by the rules.
    assert doubtful["run_accepted"] == 1.0
    assert doubtful["run_size"] == 2.0
    assert doubtful["prev_accepted"] == 1.0
    first = got["Rà soát quy trìn"]
    assert first["prev_lead_in"] == 1.0
    assert first["next_accepted"] == 1.0
    assert first["doc_type"] == "CV"


def test_a_paragraph_outside_the_list_is_not_counted_among_its_siblings() -> None:
    got = _candidates()
    background = got["Năm 2025, công t"]
    assert background["run_size"] < 3.0
    assert 0.0 < float(background["doc_accepted"]) < 1.0


def test_participants_and_agenda_topics_are_background() -> None:
    snippet = (
        "I. NỘI DUNG LÀM VIỆC\n"
        "1. Sở Nội vụ báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính năm 2025.\n"
        "2. Công tác chỉ đạo, triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính.\n"
        "II. THỜI GIAN, THÀNH PHẦN\n"
        "1. Thành phần\n"
        "- Đại diện lãnh đạo Sở Nội vụ, Sở Tài chính và các đơn vị liên quan.\n"
    )
    doc = build_document({"snippet": snippet, "layout": "letter"})
    analysis = analyse_bytes(doc.encode(), "cv.txt", segment=False, use_model=False, keep_all=True)
    got = {t.text[:16]: t.features for t in analysis.tasks}
    participants = got["Đại diện lãnh đạ"]
    assert participants["section_kind"] == "background"
    assert participants["has_verb"] == 0.0
    duty = got["Sở Nội vụ báo cá"]
    assert duty["section_kind"] != "background"  # a body named on the agenda prepares its part
    topic = got["Công tác chỉ đạo"]
    assert topic["section_kind"] == "background"  # a topic the visiting team examines
    assert duty["has_verb"] == 1.0


def test_an_article_title_with_its_full_stop_is_a_heading() -> None:
    """ "Điều 2. Tổ chức thực hiện." titles the article; "Điều 3. Giao UBND tỉnh …" is a duty."""
    snippet = (
        "QUYẾT NGHỊ:\n"
        "Điều 1. Thông qua báo cáo kết quả giám sát việc sử dụng đất của các dự án đầu tư.\n"
        "Điều 2. Tổ chức thực hiện.\n"
        "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.\n"
        "2. Thường trực Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết này.\n"
        "Điều 3. Giao Ủy ban nhân dân tỉnh báo cáo kết quả.\n"
    )
    doc = build_document({"snippet": snippet, "layout": "resolution"})
    analysis = analyse_bytes(doc.encode(), "nq.txt", segment=False, use_model=False, keep_all=True)
    got = {t.text[:16]: t.features for t in analysis.tasks}
    assert got["Tổ chức thực hiệ"]["heading"] == 1.0
    assert got["Giao Ủy ban nhân"]["heading"] == 0.0
