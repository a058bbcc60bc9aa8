"""A numbered line over numbered sub-items is the heading of their group, however long it runs.

"2.3. Nâng cao hiệu quả công tác quản lý …" over "2.3.1. Công an tỉnh …", "2.3.2. Sở Y tế …" in a
plan's tasks: the line names the field its sub-items work in; the sub-items are the tasks
(ANNOTATION.md: "headings alone" are not tasks). Too long for the rules' heading test (14
words), such lines were kept by the task model. Written for this test (not copied from the
corpus); runs the real pipeline.
"""

from __future__ import annotations

from nlp_service.nlp.findings import TaskFinding
from nlp_service.pipeline import analyse_bytes
from nlp_service.training.model import keeps
from tests.nlp.test_directive_sentences import build_document

GROUP = (
    "Nâng cao hiệu quả công tác quản lý người nghiện, người sử dụng trái phép chất ma túy, "
    "công tác cai nghiện ma túy và hỗ trợ người sau cai nghiện hòa nhập cộng đồng"
)
SNIPPET = (
    "II. NHIỆM VỤ VÀ GIẢI PHÁP\n"
    f"1. {GROUP}\n"
    "1.1. Công an tỉnh chủ trì rà soát, lập danh sách người sử dụng trái phép chất ma túy trên "
    "địa bàn, hoàn thành trước ngày 30/6/2026.\n"
    "1.2. Sở Y tế hướng dẫn các cơ sở y tế điều trị nghiện bằng thuốc thay thế.\n"
    "2. Sở Tài chính bố trí kinh phí thực hiện Kế hoạch, trình Ủy ban nhân dân tỉnh trước ngày "
    "15/4/2026.\n"
)


def _candidates(snippet: str) -> list[TaskFinding]:
    doc = build_document({"snippet": snippet, "layout": "letter"})
    analysis = analyse_bytes(doc.encode(), "kh.txt", segment=False, use_model=False, keep_all=True)
    return analysis.tasks


def _heads(snippet: str) -> dict[str, float]:
    return {t.text[:12]: float(t.features.get("heads_sections", 0.0)) for t in _candidates(snippet)}


def test_only_the_line_over_sub_items_heads_sections() -> None:
    got = _heads(SNIPPET)
    assert got["Nâng cao hiệ"] == 1.0
    assert got["Công an tỉnh"] == 0.0 and got["Sở Y tế hướn"] == 0.0
    assert got["Sở Tài chính"] == 0.0  # a numbered line with no sub-items


def test_the_group_heading_is_never_kept_its_sub_items_may_be() -> None:
    group = next(t for t in _candidates(SNIPPET) if t.text.startswith("Nâng cao hiệu quả"))
    # The premise: too long for the rules' heading test, and no lead-in either.
    assert not group.features["heading"] and not group.features["lead_in"]
    assert not keeps(group, probability=0.99, threshold=0.5)
    sub = next(t for t in _candidates(SNIPPET) if t.text.startswith("Công an tỉnh"))
    assert keeps(sub, probability=0.99, threshold=0.5)


def test_a_line_over_sub_items_that_names_its_body_is_still_judged() -> None:
    # "1. Ủy ban nhân dân cấp xã công bố công khai danh mục …" over its ways (1.1., 1.2.) is the
    # duty itself: a body of its own keeps it a candidate like any other.
    duty = (
        "1. Ủy ban nhân dân cấp xã công bố công khai danh mục các thửa đất nhỏ hẹp tại trụ sở "
        "chậm nhất là 10 ngày làm việc kể từ ngày danh mục được phê duyệt."
    )
    named = SNIPPET.replace(f"1. {GROUP}", duty)
    line = next(t for t in _candidates(named) if t.text.startswith("Ủy ban nhân dân cấp xã"))
    assert line.features["heads_sections"] == 1.0
    assert keeps(line, probability=0.99, threshold=0.5)
