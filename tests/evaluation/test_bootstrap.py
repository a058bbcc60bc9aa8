"""Bootstrap intervals over documents: reproducible, around the point figure, wider when few."""

from __future__ import annotations

from nlp_service.evaluation.bootstrap import intervals
from nlp_service.evaluation.scoring import DocScore, Totals


def _doc(gold: int, predicted: int, matched: int) -> DocScore:
    return DocScore(
        gold=gold,
        predicted=predicted,
        matched=matched,
        lead_ok=matched,
        support_ok=matched,
        deadline_ok=matched // 2,
        fields_total=4,
        fields_ok=4,
    )


DOCS = [_doc(10, 9, 8), _doc(40, 38, 30), _doc(5, 6, 5), _doc(12, 10, 9), _doc(20, 25, 15)]


def test_intervals_hold_the_point_figure_and_reproduce() -> None:
    totals = Totals()
    for d in DOCS:
        totals.add(d)
    point = totals.metrics()
    ci = intervals(DOCS)
    assert ci == intervals(DOCS)  # the seed is fixed
    for key, (lo, hi) in ci.items():
        assert lo <= point[key] <= hi, key
    assert ci["field_accuracy"] == (1.0, 1.0)  # no spread where every document agrees
    assert ci["task_f1"][0] < ci["task_f1"][1]


def test_fewer_documents_give_wider_intervals() -> None:
    many = intervals(DOCS * 8)
    few = intervals(DOCS)
    width = {k: hi - lo for k, (lo, hi) in few.items()}
    assert all(width[k] >= hi - lo for k, (lo, hi) in many.items())
    assert width["task_recall"] > many["task_recall"][1] - many["task_recall"][0]


def test_no_documents_no_intervals() -> None:
    assert intervals([]) == {}
