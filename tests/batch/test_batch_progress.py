from __future__ import annotations

import io
from pathlib import Path

from nlp_service.batch.jobs import Outcome, OutcomeKind
from nlp_service.batch.progress import Progress, format_seconds


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def outcome(kind: OutcomeKind) -> Outcome:
    return Outcome(Path("x.pdf"), kind)


def test_plain_lines_are_periodic_and_report_rate_eta_failures() -> None:
    out, clock = io.StringIO(), FakeClock()
    p = Progress(10, out, tty=False, interval=10, clock=clock)
    p.update(outcome("skipped"))
    for i in range(4):
        clock.now = 2.0 * (i + 1)  # one document every 2 s
        p.update(outcome("ok" if i != 1 else "error"))
    assert out.getvalue() == ""  # nothing before the interval
    clock.now = 10.0
    p.update(outcome("ok"))
    line = out.getvalue()
    # 5 documents through the pipeline in 10 s; 4 files left at 0.5 docs/s.
    assert line == "batch: 6/10 files (60%), 0.50 docs/s, ETA 0:08, 1 failed, 1 skipped\n"
    assert "\r" not in line
    p.close()  # nothing new since the last line: no repeat
    assert out.getvalue().count("\n") == 1
    p.update(outcome("ok"))
    p.close()
    assert out.getvalue().splitlines()[-1].startswith("batch: 7/10 files (70%)")


def test_terminal_bar_redraws_one_line() -> None:
    out, clock = io.StringIO(), FakeClock()
    p = Progress(4, out, tty=True, clock=clock)
    for i in range(4):
        clock.now = float(i + 1)
        p.update(outcome("ok"))
    p.close()
    text = out.getvalue()
    assert text.count("\r") >= 4
    assert text.endswith("\n") and text.count("\n") == 1
    assert "4/4 files (100%)" in text and "█" in text and "ETA 0:00" in text


def test_progress_detects_a_non_terminal_stream() -> None:
    assert Progress(1, io.StringIO()).tty is False


def test_format_seconds() -> None:
    assert format_seconds(None) == "?"
    assert format_seconds(65) == "1:05"
    assert format_seconds(3 * 3600 + 61) == "3:01:01"
