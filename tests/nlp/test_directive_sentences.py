"""Directive sentences through the real pipeline: which sentences are tasks, and who leads/supports.

The table (``directive_sentences.yaml``) states what ANNOTATION.md says is right for each snippet;
rows the pipeline still gets wrong carry ``known_failure`` and run as strict xfails, so fixing the
pipeline turns them into failures until the mark is removed (the table is never bent to the code).
Each snippet is wrapped in a minimal notice or letter, because the header, the title and the
"Nơi nhận" block are what tell the pipeline where the operative part begins and ends.

The table pins the rule layer (directive cues, roles, contexts): it runs with
``use_model=False``. The trained task model is judged on real documents by
``nlp-service evaluate`` and ``tests/evaluation``, not on one-sentence snippets it was never
trained to see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlp_service import schemas
from nlp_service.nlp.abbreviations import same_body
from nlp_service.pipeline import analyse_bytes

TABLE = Path(__file__).with_name("directive_sentences.yaml")
ROWS: list[dict[str, Any]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))["rows"]

# The rule line under the trích yếu matters: without it the first body line is read as the
# rest of the subject (NĐ 30/2020 prints that rule; plain-text exports keep it as underscores).
_HEADERS = {
    "notice": (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n"
        "Số: 12/TB-UBND\n"
        "Lâm Đồng, ngày 05 tháng 3 năm 2026\n"
        "THÔNG BÁO\n"
        "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc với các sở, ngành\n"
        "__________\n"
    ),
    "council": (
        "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG\n"
        "THƯỜNG TRỰC\n"
        "Số: 12/TB-HĐND\n"
        "Lâm Đồng, ngày 05 tháng 3 năm 2026\n"
        "THÔNG BÁO\n"
        "Kết quả phiên họp Thường trực Hội đồng nhân dân tỉnh tháng 3 năm 2026\n"
        "__________\n"
    ),
    "resolution": (
        "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG\n"
        "Số: 45/NQ-HĐND\n"
        "Lâm Đồng, ngày 05 tháng 3 năm 2026\n"
        "NGHỊ QUYẾT\n"
        "Về nhiệm vụ phát triển kinh tế - xã hội năm 2026\n"
        "__________\n"
    ),
    "letter": (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n"
        "Số: 345/UBND-KT\n"
        "V/v triển khai một số nhiệm vụ trọng tâm năm 2026\n"
        "Lâm Đồng, ngày 05 tháng 3 năm 2026\n"
    ),
}
_FOOTER = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"


def build_document(row: dict[str, Any]) -> str:
    """The snippet inside a minimal document of the row's layout (a notice unless told)."""
    return _HEADERS[row.get("layout", "notice")] + row["snippet"] + _FOOTER


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _roles(task: schemas.Task, role: str) -> list[str]:
    return [a.name for a in task.assignees if a.role == role]


def _same_set(got: Sequence[str], want: Sequence[str]) -> bool:
    """Both directions of ANNOTATION.md's body rule, and as many distinct names as expected.

    same_body alone is lenient ("Ủy ban nhân dân các xã" is the same body as "Ủy ban nhân dân xã
    Bảo Lâm 1"), so the count keeps an unsplit shared head noun from passing for three bodies.
    """
    distinct = list(dict.fromkeys(got))
    return (
        len(distinct) == len(want)
        and all(any(same_body(g, w) for w in want) for g in distinct)
        and all(any(same_body(g, w) for g in distinct) for w in want)
    )


def _agrees(task: schemas.Task, want: dict[str, Any]) -> bool:
    leads = _roles(task, "lead")
    lead_ok = _same_set(leads, want["lead"]) or (
        "lead_alt" in want and _same_set(leads, want["lead_alt"])
    )
    cue = want.get("directive")
    directive_ok = cue is None or _fold(task.directive or "") == _fold(cue)
    return lead_ok and _same_set(_roles(task, "support"), want["support"]) and directive_ok


def _describe(tasks: Sequence[schemas.Task]) -> str:
    return "\n".join(
        f"  {t.text!r} directive={t.directive!r} lead={_roles(t, 'lead')} "
        f"support={_roles(t, 'support')}"
        for t in tasks
    )


def _params() -> list[Any]:
    params = []
    for row in ROWS:
        marks = []
        if row.get("known_failure"):
            marks.append(pytest.mark.xfail(strict=True, reason=row["known_failure"]))
        params.append(pytest.param(row, id=row["id"], marks=marks))
    return params


def test_table_is_large_enough() -> None:
    assert sum(1 for r in ROWS if r["tasks"]) >= 60
    assert sum(1 for r in ROWS if not r["tasks"]) >= 20
    assert len({r["id"] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_row_is_well_formed(row: dict[str, Any]) -> None:
    """Quotes and negative parts are verbatim in the snippet; every task names its bodies."""
    for want in row["tasks"]:
        assert want["quote"] in row["snippet"], want["quote"]
        assert isinstance(want["lead"], list) and isinstance(want["support"], list)
    for part in row.get("not_task", []):
        assert part in row["snippet"], part


@pytest.mark.parametrize("row", _params())
def test_directive_sentence(row: dict[str, Any]) -> None:
    result = analyse_bytes(
        build_document(row).encode(), "snippet.txt", segment=False, use_model=False
    ).result
    text = result.text
    for want in row["tasks"]:
        holders = [t for t in result.tasks if _fold(want["quote"]) in _fold(t.text)]
        assert holders, f"no task contains {want['quote']!r}; tasks:\n{_describe(result.tasks)}"
        assert any(_agrees(t, want) for t in holders), (
            f"want lead={want['lead']} (alt {want.get('lead_alt')}) support={want['support']} "
            f"directive={want.get('directive')!r}; got:\n{_describe(holders)}"
        )
    negatives = row.get("not_task") or ([] if row["tasks"] else [row["snippet"]])
    for part in negatives:
        start = text.find(part)
        assert start >= 0, f"{part!r} not found in the pipeline's text"
        end = start + len(part)
        overlapping = [t for t in result.tasks if t.span[0] < end and t.span[1] > start]
        assert not overlapping, f"not a task, yet:\n{_describe(overlapping)}"


def test_every_clause_of_a_request_to_the_addressee_is_asked_of_it() -> None:
    """ "Đề nghị Quý cơ quan rà soát …; xây dựng …; báo cáo … trước ngày …": the later clauses
    are directed at the addressee as the first is, so they stand as firmly (the model dropped
    them when only the first carried the cue)."""
    snippet = (
        "Kính gửi: Sở Y tế; Sở Tài chính.\n"
        "Ủy ban nhân dân tỉnh đề nghị Quý cơ quan rà soát số lượng thuốc dự trữ; xây dựng "
        "phương án cung ứng thuốc trong mùa dịch; báo cáo Ủy ban nhân dân tỉnh trước ngày "
        "20/3/2026."
    )
    doc = build_document({"snippet": snippet, "layout": "letter"})
    tasks = analyse_bytes(doc.encode(), "cv.txt", segment=False).result.tasks
    assert [t.text.split()[0] for t in tasks] == ["Ủy", "xây", "báo"], _describe(tasks)
    for t in tasks:
        assert sorted(_roles(t, "lead")) == ["Sở Tài chính", "Sở Y tế"], _describe(tasks)
        assert t.deadline is not None and t.deadline.date == "2026-03-20"


def test_the_signature_blank_of_an_attached_form_is_never_a_task() -> None:
    from nlp_service.nlp.directives import is_closing

    for line in (
        "(Ký và ghi rõ họ tên)",
        "(Ký tên, đóng dấu)",
        "Ký tên (đóng dấu)",
        "(Ký và ghi rõ họ tên) ….., ngày …. tháng ….. năm ….",
    ):
        assert is_closing(line), line
    # a step of a procedure that signs something stays a candidate task
    assert not is_closing("Ký tên, đóng dấu vào Biên bản bàn giao mặt bằng.")


def test_thanks_contact_lines_and_the_document_naming_itself_are_never_tasks() -> None:
    """A letter's thanks, its contact line and "Trên đây là …" closing are no work, even when
    the model, which has seen few of them, leans towards a task."""
    from nlp_service.nlp.directives import is_closing

    for line in (
        "Trên đây là kết luận của Thường trực HĐND huyện về kết quả giám sát chuyên đề./.",
        "Trên đây là Kế hoạch cải cách hành chính năm 2024 của UBND huyện.",
        "Sở Y tế trân trọng cảm ơn sự quan tâm phối hợp của Quý cơ quan./.",
        "Thông tin chi tiết xin liên hệ: đồng chí Lê Văn An, điện thoại 0207.3822.999.",
        "Chi tiết đề nghị liên hệ bà Nguyễn Thị Bình, chuyên viên Phòng Kinh tế.",
        "Đầu mối liên hệ: ông Trần Văn Cường, Chánh Văn phòng.",
    ):
        assert is_closing(line), line
    for line in (
        # a request in the closing sentence is still judged as one
        "Trên đây là kết luận của Thường trực HĐND, đề nghị UBND huyện chỉ đạo rà soát quỹ đất",
        # asking for contact to be made is work
        "Các đơn vị liên hệ Sở Nội vụ để được hướng dẫn.",
        "Chủ động liên hệ Đoàn công tác để bố trí chỗ nghỉ.",
    ):
        assert not is_closing(line), line


def test_the_amending_clauses_of_a_decision_are_never_tasks() -> None:
    """An amending decision changes a legal text when signed ("other effect clauses" of
    ANNOTATION.md); drafting an amendment of a named text stays work."""
    from nlp_service.nlp.directives import is_closing

    for line in (
        'Thay thế cụm từ "Sở Kế hoạch và Đầu tư" tại Điều 17 bằng cụm từ "Sở Tài chính"',
        "Sửa đổi, bổ sung Điều 8 như sau:",
        "Bổ sung điểm đ vào khoản 2 Điều 18 như sau:",
        "Bãi bỏ Điều 15 và khoản 2 Điều 16.",
        "Sửa đổi, bổ sung một số điều của Quyết định số 55/2024/QĐ-UBND ngày 06/9/2024",
        "Bãi bỏ Quyết định số 1286/QĐ-UBND ngày 12/7/2021 của UBND tỉnh.",
    ):
        assert is_closing(line), line
    for line in (
        "Sửa đổi, bổ sung Quy chế làm việc của UBND tỉnh, hoàn thành trong quý II/2026.",
        "Bổ sung khoản kinh phí còn thiếu cho các xã biên giới.",
        "Sở Tư pháp chủ trì sửa đổi, bổ sung Điều 5 của Quy định, trình UBND tỉnh.",
    ):
        assert not is_closing(line), line


def test_findings_and_channels_are_not_tasks_for_the_rules() -> None:
    """What an inspection showed and the channels a plan will use are no duty; the task model
    still weighs them (a soft pattern, not a closing formula)."""
    from nlp_service.nlp.directives import is_closing, is_not_task

    for line in (
        "Qua kiểm tra thực tế cho thấy, công tác chuẩn bị mặt bằng còn chậm.",
        "Kết quả Chỉ số PCI năm 2025 cho thấy một số chỉ số thành phần còn thấp.",
        "Thông qua các loại hình báo chí và các phương tiện thông tin đại chúng, gồm: Báo Lâm Đồng",
    ):
        assert is_not_task(line), line
        assert not is_closing(line), line
    for line in (
        "Sở Nội vụ tuyên truyền thông qua các loại hình báo chí.",
        "Kiểm tra thực tế công tác chuẩn bị mặt bằng, báo cáo UBND tỉnh.",
    ):
        assert not is_not_task(line), line
