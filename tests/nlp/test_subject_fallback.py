"""A clause the task model keeps though the rules found no verb they know after its subject.

"Phòng Kinh tế dự thảo Thông báo kết luận …": "dự thảo" is not in the rules' verb list, so they
reject the clause and name no lead; the model keeps it, and the body opening the clause is then
its lead rather than nobody. Written for this test (not copied from the corpus); runs the real
pipeline with the trained model in models/.
"""

from __future__ import annotations

from nlp_service import schemas
from tests.nlp.test_list_deadlines import letter_tasks

SNIPPET = (
    "Để chuẩn bị cuộc họp ngày 16/3/2026, Văn phòng UBND tỉnh đề nghị:\n"
    "a) Sở Tài chính chuẩn bị báo cáo tình hình giải ngân vốn đầu tư công, gửi Văn phòng UBND "
    "tỉnh trước ngày 12/3/2026.\n"
    "b) Văn phòng UBND tỉnh chuẩn bị hội trường, tài liệu phục vụ cuộc họp. Phòng Kinh tế dự "
    "thảo Thông báo kết luận cuộc họp, trình ban hành trong 03 ngày làm việc kể từ ngày kết "
    "thúc cuộc họp.\n"
)


def _draft(tasks: list[schemas.Task]) -> schemas.Task | None:
    return next((t for t in tasks if t.text.startswith("Phòng Kinh tế dự thảo")), None)


def test_the_rules_alone_do_not_take_the_clause() -> None:
    # The premise: without the model the clause is no task (if the rules learn "dự thảo",
    # this test and the fallback below need a new example).
    assert _draft(letter_tasks(SNIPPET, use_model=False)) is None


def test_a_kept_clause_takes_its_opening_body_as_lead() -> None:
    task = _draft(letter_tasks(SNIPPET, use_model=True))
    assert task is not None
    assert [(a.name, a.role) for a in task.assignees] == [("Phòng Kinh tế", "lead")]
    assert task.explanation["assignees_from"] == "subject (verb unknown to the rules)"
