"""The scorer follows ANNOTATION.md: quote containment or half overlap, one-to-one matching."""

from __future__ import annotations

from pathlib import Path

from nlp_service.evaluation.gold import GoldDocument, GoldTask
from nlp_service.evaluation.scoring import (
    Prediction,
    PredTask,
    bodies_agree,
    deadline_agrees,
    quote_spans,
    score_document,
)

TEXT = (
    "Giao Sở Tài chính chủ trì rà soát danh mục dự án chậm tiến độ, báo cáo trước ngày "
    "20/3/2024. Đề nghị UBND các huyện  khẩn trương   hoàn thành bồi thường."
)


def _gold(*tasks: GoldTask) -> GoldDocument:
    return GoldDocument(Path("x.gold.json"), "x.txt", "official", {}, list(tasks))


def _task(quote: str, lead: list[str], deadline: dict[str, str] | None = None) -> GoldTask:
    return GoldTask(quote=quote, lead=lead, support=[], deadline=deadline)


def test_quote_spans_ignore_case_and_spacing() -> None:
    spans = quote_spans(TEXT, "khẩn trương hoàn thành BỒI THƯỜNG")
    assert len(spans) == 1
    a, b = spans[0]
    assert TEXT[a:b].startswith("khẩn trương") and TEXT[a:b].endswith("bồi thường")


def test_one_prediction_matches_one_gold_task_only() -> None:
    gold = _gold(
        _task("rà soát danh mục dự án chậm tiến độ", ["Sở Tài chính"]),
        _task("khẩn trương hoàn thành bồi thường", ["Ủy ban nhân dân các huyện"]),
    )
    merged = PredTask(TEXT, (0, len(TEXT)), ["Sở Tài chính"], [], None)
    s = score_document(Prediction(TEXT, {}, [merged]), gold)
    assert (s.gold, s.predicted, s.matched) == (2, 1, 1)


def test_lead_and_deadline_agreement() -> None:
    gold = _gold(
        _task(
            "rà soát danh mục dự án chậm tiến độ",
            ["Sở Tài chính"],
            {"type": "before", "date": "2024-03-20", "raw": "trước ngày 20/3/2024"},
        )
    )
    end = TEXT.index(". Đề")
    pred = PredTask(
        TEXT[:end], (0, end), ["Sở Tài chính"], [], {"type": "before", "date": "2024-03-20"}
    )
    s = score_document(Prediction(TEXT, {}, [pred]), gold)
    assert (s.matched, s.lead_ok, s.deadline_ok) == (1, 1, 1)
    wrong = PredTask(
        TEXT[:end], (0, end), ["Sở Xây dựng"], [], {"type": "by", "date": "2024-03-20"}
    )
    s = score_document(Prediction(TEXT, {}, [wrong]), gold)
    assert (s.matched, s.lead_ok, s.deadline_ok) == (1, 0, 0)


def test_body_sets_compare_with_abbreviations() -> None:
    assert bodies_agree(["UBND tỉnh Lâm Đồng"], ["Ủy ban nhân dân tỉnh Lâm Đồng"])
    assert not bodies_agree(["Sở Tài chính"], ["Sở Tài chính", "Sở Xây dựng"])
    assert bodies_agree([], [])


def test_null_deadline_must_be_predicted_null() -> None:
    assert deadline_agrees(None, None)
    assert not deadline_agrees({"type": "ongoing", "date": None}, None)


def test_quotes_are_located_in_ocr_text_by_alignment_when_misspelt() -> None:
    from nlp_service.evaluation.rasterise import located

    ocr = (
        "1. Giao Phòng Kinh tế vàHạ tầng hưóng dẫn người dân tra cứu thông tin quy hoạch.\n"
        "2. Giao Sở Tài chính rà soát danh mục dự án chậm tiến độ."
    )
    gold = _gold(
        _task("Phòng Kinh tế và Hạ tầng hướng dẫn người dân tra cứu thông tin", ["Phòng KT&HT"]),
        _task("rà soát danh mục dự án chậm tiến độ", ["Sở Tài chính"]),
        _task("tổ chức hội nghị đối thoại với doanh nghiệp", ["Sở Tài chính"]),  # not in the text
    )
    quotes = [t.quote for t in located(gold, ocr).tasks]
    assert quote_spans(ocr, quotes[0]), quotes[0]
    assert "vàhạ tầng hưóng dẫn" in quotes[0]
    assert quotes[1:] == [t.quote for t in gold.tasks[1:]]  # as written, or nowhere: untouched
    assert [t.lead for t in located(gold, ocr).tasks] == [t.lead for t in gold.tasks]
