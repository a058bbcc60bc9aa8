"""The small recognizer contract every NLP finder follows (presidio-style).

A recognizer has a ``name``, loads its patterns/data once, and turns a text into
:class:`Mention` objects: a label, a character span into *that exact text*, an optional
normalised value, a score and an ``explanation`` saying which rule or cue produced it, so a
reviewer (or the task assembler) can see *why* something was found. Bodies, directives and
deadlines are all recognizers on this base; the engine that runs them only needs ``analyze``.
"""

from __future__ import annotations

import bisect
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Mention:
    """One finding: ``text == source[start:end]`` always holds for the analysed source."""

    label: str
    start: int
    end: int
    text: str
    normalized: str | None
    score: float
    recognizer: str
    explanation: dict[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    def to_entity(self) -> dict[str, Any]:
        """The contract-v1 ``entities`` item (the explanation travels separately)."""
        return {
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "normalized": self.normalized,
            "score": self.score,
        }


class Recognizer(ABC):
    """Base class: subclasses set ``name``/``label`` and implement :meth:`analyze`.

    Data (YAML, compiled regexes) must be loaded in ``__init__`` or lazily once, never per call:
    recognizers run on every document.
    """

    name: str = "recognizer"
    label: str = "ENTITY"

    @abstractmethod
    def analyze(self, text: str) -> list[Mention]:
        """Return the mentions found in ``text``, sorted by start offset."""

    def mention(
        self,
        text: str,
        start: int,
        end: int,
        normalized: str | None,
        score: float,
        **explanation: Any,
    ) -> Mention:
        """Build a mention of this recognizer's label whose ``text`` is the exact slice."""
        return Mention(
            label=self.label,
            start=start,
            end=end,
            text=text[start:end],
            normalized=normalized,
            score=score,
            recognizer=self.name,
            explanation=dict(explanation),
        )


class SpanSet:
    """Non-overlapping spans kept sorted, so "does this overlap a kept span?" is a bisection.

    Overlap resolution runs on every document; a pairwise check is quadratic in the number of
    findings and showed on megabyte-sized inputs.
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return True
        return i < len(self._starts) and self._starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def remove_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the best of overlapping mentions: longer span first, then higher score.

    Ties on both keep the earlier one. The result is sorted by start offset.
    """
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), -m.score, m.start))
    kept: list[Mention] = []
    spans = SpanSet()
    for m in ranked:
        if not spans.overlaps(m.start, m.end):
            kept.append(m)
            spans.add(m.start, m.end)
    return sorted(kept, key=lambda m: (m.start, m.end))
