from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from nlp_service.batch.sinks import open_sink
from nlp_service.batch.stats import compute_stats, render

Make = Callable[..., dict[str, Any]]
TODAY = date(2026, 6, 1)


def archive(record: Make) -> list[dict[str, Any]]:
    tc, nv, yt = "Sở Tài chính", "Sở Nội vụ", "Sở Y tế"
    return [
        record(
            "a" * 64,
            doc_type="TB",
            issue_date="2025-03-01",
            tasks=[
                ("t1", [(tc, "lead"), (nv, "support")], "before", "2026-05-31"),  # overdue
                ("t2", [(tc, "lead")], "within_period", "2026-06-30"),  # not yet
                ("t3", [(nv, "lead")], "recurring", "2026-01-01"),  # recurring: never overdue
                ("t4", [], "ongoing", None),
            ],
        ),
        record(
            "b" * 64,
            doc_type="KH",
            issuer="Ủy ban nhân dân tỉnh Gia Lai",
            issue_date="2024-12-30",
            tasks=[("t5", [(yt, "lead"), (tc, "support")], "by", "2025-01-15")],  # overdue
        ),
        record("c" * 64, doc_type=None, issuer=None, issue_date=None),
    ]


@pytest.mark.parametrize("dest", ["o.jsonl", "o.parquet", "outdir"])
def test_stats_are_the_same_for_every_output_format(
    tmp_path: Path, record: Make, dest: str
) -> None:
    sink = open_sink(tmp_path / dest)
    for r in archive(record):
        sink.write(r)
    sink.close()
    stats = compute_stats(tmp_path / dest, TODAY).to_dict()
    assert stats == {
        "today": "2026-06-01",
        "documents": 3,
        "by_type": {"TB": 1, "KH": 1, "(unknown)": 1},
        "by_issuer": {
            "Ủy ban nhân dân tỉnh Lâm Đồng": 1,
            "Ủy ban nhân dân tỉnh Gia Lai": 1,
            "(unknown)": 1,
        },
        "by_year": {"(unknown)": 1, "2024": 1, "2025": 1},
        "tasks": 5,
        "tasks_with_dated_deadline": 3,
        "overdue": 2,
        "unassigned": 1,
        "tasks_per_body": {
            "Sở Tài chính": {"lead": 2, "support": 1, "overdue": 2},
            "Sở Nội vụ": {"lead": 1, "support": 1, "overdue": 1},
            "Sở Y tế": {"lead": 1, "support": 0, "overdue": 1},
        },
    }


def test_overdue_depends_on_the_day(tmp_path: Path, record: Make) -> None:
    sink = open_sink(tmp_path / "o.jsonl")
    for r in archive(record):
        sink.write(r)
    sink.close()
    assert compute_stats(tmp_path / "o.jsonl", date(2025, 1, 1)).overdue == 0
    assert compute_stats(tmp_path / "o.jsonl", date(2027, 1, 1)).overdue == 3


def test_render_lists_every_section(tmp_path: Path, record: Make) -> None:
    sink = open_sink(tmp_path / "o.jsonl")
    for r in archive(record):
        sink.write(r)
    sink.close()
    text = render(compute_stats(tmp_path / "o.jsonl", TODAY), top=2)
    assert "documents   3" in text and "overdue: 2" in text
    assert "documents by year" in text and "  2024" in text
    body_lines = text.split("tasks per body (top 2)\n")[1].splitlines()
    assert body_lines[1].split() == ["Sở", "Tài", "chính", "2", "1", "2"]
    assert len(body_lines) == 3  # header + top 2


def test_missing_destination(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        compute_stats(tmp_path / "nope.jsonl", TODAY)
