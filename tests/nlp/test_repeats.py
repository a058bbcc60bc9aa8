"""drop_body_repeats: a duty written in a plan's body and again as a row of its task annex."""

from __future__ import annotations

from nlp_service.nlp.findings import TaskFinding
from nlp_service.nlp.repeats import drop_body_repeats


def _task(start: int, text: str) -> TaskFinding:
    return TaskFinding(start, start + len(text), text, None, None, None, [], None, 0.9)


BODY = _task(100, "Sở Tư pháp rà soát, lập danh mục văn bản quy phạm pháp luật cần sửa đổi")
OTHER = _task(300, "Sở Nội vụ tổ chức tập huấn nghiệp vụ cải cách hành chính cho công chức")
ROW = _task(900, "Rà soát, lập danh mục văn bản quy phạm pháp luật cần sửa đổi, bổ sung")
SHORT = _task(500, "Tổ chức thực hiện")
SHORT_ROW = _task(950, "Tổ chức thực hiện")


def test_the_body_copy_of_an_annex_row_goes_and_the_row_stays() -> None:
    kept = drop_body_repeats([BODY, OTHER, ROW], annex_start=800)
    assert kept == [OTHER, ROW]


def test_nothing_goes_without_an_annex_or_for_short_texts() -> None:
    assert drop_body_repeats([BODY, OTHER, ROW], annex_start=None) == [BODY, OTHER, ROW]
    assert drop_body_repeats([SHORT, SHORT_ROW], annex_start=800) == [SHORT, SHORT_ROW]
    # Two different duties in the body and the annex both stay.
    assert drop_body_repeats([OTHER, ROW], annex_start=800) == [OTHER, ROW]
