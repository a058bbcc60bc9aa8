"""Issue 2 acceptance on the real press report in ../shared/seeds."""

from __future__ import annotations

from nlp_service.pipeline import process


def test_seed_is_a_press_report_about_24_tb_hdnd(seed_bytes: bytes) -> None:
    r = process(seed_bytes, "000_53af50e955ebb96f.txt")
    assert r.kind == "press_report"
    assert r.document.number == "24/TB-HĐND"
    assert r.document.issuer is not None
    assert r.document.issuer.name == "Hội đồng nhân dân thành phố Hà Nội"
    assert r.source.filename == "000_53af50e955ebb96f.txt"


def test_crawl_noise_yields_no_tasks(seed_bytes: bytes) -> None:
    r = process(seed_bytes, "seed.txt")
    assert "tiep tuc nang cao" not in r.text  # slug lines are dropped from the text
    assert "Nguồn" not in r.text
    for t in r.tasks:
        assert not t.text.startswith("Hội nghị giao ban trực tuyến quý III/2018 giữa")
        assert "tiep tuc" not in t.text


def test_task_for_eleven_districts_is_due_by_end_of_2018(seed_bytes: bytes) -> None:
    r = process(seed_bytes, "seed.txt")
    matches = [
        t
        for t in r.tasks
        if any("11 quận, huyện, thị xã" in a.raw and a.role == "lead" for a in t.assignees)
    ]
    assert matches, [t.text for t in r.tasks]
    deadline = matches[0].deadline
    assert deadline is not None
    assert (deadline.type, deadline.date) == ("within_period", "2018-12-31")
    assert "trong năm 2018" in deadline.raw
