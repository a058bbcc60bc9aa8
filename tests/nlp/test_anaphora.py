"""resolve_generic_leads: "các đơn vị" in a press report names the bodies the article is about.

The article is written for this test; the bodies come from the real recognizer.
"""

from __future__ import annotations

from nlp_service.nlp.anaphora import resolve_generic_leads
from nlp_service.nlp.findings import AssigneeFinding, TaskFinding
from nlp_service.pipeline import _bodies

ARTICLE = (
    "HĐND các cấp nâng cao chất lượng giám sát. Ngày 10/10, Thường trực HĐND tỉnh chủ trì hội nghị "
    "giao ban với Thường trực HĐND các huyện, thành phố. Các đại biểu trao đổi về việc giám sát "
    "của UBND các huyện. Thường trực HĐND tỉnh đề nghị các đơn vị rà soát kiến nghị cử tri."
)


def _task(generic: str) -> TaskFinding:
    start = ARTICLE.index(generic)
    lead = AssigneeFinding(generic, generic, "lead", start, start + len(generic))
    return TaskFinding(start, len(ARTICLE), ARTICLE[start:], None, None, None, [lead], None, 0.9)


def test_the_generic_lead_names_the_group_the_article_is_about() -> None:
    task = _task("các đơn vị")
    bodies = _bodies().analyze(ARTICLE)
    resolve_generic_leads([task], bodies, "Thường trực Hội đồng nhân dân tỉnh")
    lead = task.leads[0]
    # Not "HĐND các cấp" (every level), not the issuer, not the later passing mention of UBND.
    assert lead.name == "Thường trực Hội đồng nhân dân các huyện, thành phố"
    assert lead.raw == "các đơn vị" and lead.source == "anaphora"


def test_without_a_referent_the_lead_stays() -> None:
    task = _task("các đơn vị")
    resolve_generic_leads([task], [], None)
    assert task.leads[0].name == "các đơn vị"


def test_a_task_without_a_lead_goes_to_the_audience() -> None:
    start = ARTICLE.index("rà soát")
    task = TaskFinding(start, len(ARTICLE), ARTICLE[start:], None, None, None, [], None, 0.9)
    resolve_generic_leads([task], _bodies().analyze(ARTICLE), "Thường trực Hội đồng nhân dân tỉnh")
    assert [a.name for a in task.leads] == ["Thường trực Hội đồng nhân dân các huyện, thành phố"]
