"""Progress of a batch run: a redrawn bar on a terminal, plain periodic lines in logs.

An interactive user wants one live line; a cron job or CI log wants a line every so often
that still reads well when grepped, without carriage returns. Both show files done of total,
the processing rate (documents that went through the pipeline, per second), an ETA and the
failures so far.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from nlp_service.batch.jobs import Outcome


@dataclass
class Counts:
    total: int
    processed: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def handled(self) -> int:
        return self.processed + self.failed + self.skipped


def _clock() -> float:
    return time.monotonic()


@dataclass
class Progress:
    """Call :meth:`update` with each outcome and :meth:`close` at the end."""

    total: int
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    tty: bool | None = None
    interval: float = 10.0  # seconds between plain lines
    clock: Callable[[], float] = _clock
    counts: Counts = field(init=False)
    _start: float = field(init=False)
    _last: float = field(init=False)
    _shown: int = field(init=False, default=-1)  # files handled at the last line written

    def __post_init__(self) -> None:
        self.counts = Counts(self.total)
        if self.tty is None:
            isatty = getattr(self.stream, "isatty", None)
            self.tty = bool(isatty and isatty())
        self._start = self._last = self.clock()

    @property
    def elapsed(self) -> float:
        return max(self.clock() - self._start, 1e-9)

    @property
    def rate(self) -> float:
        """Documents through the pipeline per second (skipped inputs cost nothing)."""
        return (self.counts.processed + self.counts.failed) / self.elapsed

    def eta(self) -> float | None:
        left = self.total - self.counts.handled
        if left <= 0:
            return 0.0
        return left / self.rate if self.rate > 0 else None

    def update(self, outcome: Outcome) -> None:
        c = self.counts
        if outcome.kind == "ok":
            c.processed += 1
        elif outcome.kind == "error":
            c.failed += 1
        else:
            c.skipped += 1
        now = self.clock()
        every = 0.2 if self.tty else self.interval
        if now - self._last >= every:
            self._last = now
            self._emit()

    def line(self) -> str:
        c = self.counts
        pct = 100 * c.handled / self.total if self.total else 100.0
        parts = [
            f"{c.handled}/{self.total} files ({pct:.0f}%)",
            f"{self.rate:.2f} docs/s",
            f"ETA {format_seconds(self.eta())}",
            f"{c.failed} failed",
        ]
        if c.skipped:
            parts.append(f"{c.skipped} skipped")
        return ", ".join(parts)

    def _emit(self) -> None:
        self._shown = self.counts.handled
        if self.tty:
            width = shutil.get_terminal_size((100, 20)).columns
            text = self.line()
            bar_width = max(10, min(40, width - len(text) - 4))
            done = self.counts.handled / self.total if self.total else 1.0
            filled = int(bar_width * done)
            bar = "█" * filled + "░" * (bar_width - filled)
            self.stream.write(f"\r{bar} {text}"[: width - 1].ljust(width - 1))
        else:
            self.stream.write(f"batch: {self.line()}\n")
        self.stream.flush()

    def close(self) -> None:
        if self._shown != self.counts.handled:
            self._emit()
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


def format_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = round(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
