"""Shared checks for recognizer tests (presidio style: a table of texts and expected spans)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from nlp_service.nlp.recognizer import Mention


def assert_spans_consistent(text: str, mentions: Sequence[Mention]) -> None:
    """Every mention's text is the exact slice it claims, and mentions do not overlap."""
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text), m
        assert text[m.start : m.end] == m.text, (m.text, text[m.start : m.end])
        assert m.explanation.get("rule"), f"no rule in the explanation of {m}"
        assert 0.0 < m.score <= 1.0
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in itertools.pairwise(ordered):
        assert a.end <= b.start, f"overlap: {a.text!r} / {b.text!r}"


def assert_mentions(
    text: str, mentions: Sequence[Mention], expected: Sequence[dict[str, Any]]
) -> None:
    """Found mentions equal the expected ones, in text order: text, normalized and flags.

    ``expected`` items have ``text`` and ``normalized`` and may have ``collective`` (bool) and
    ``person`` (bool); a flag not given is not checked.
    """
    assert_spans_consistent(text, mentions)
    got = [(m.text, m.normalized) for m in mentions]
    want = [(e["text"], e["normalized"]) for e in expected]
    assert got == want, f"\n got: {got}\nwant: {want}"
    for m, e in zip(mentions, expected, strict=True):
        for flag in ("collective", "person"):
            if flag in e:
                assert bool(m.explanation.get(flag)) == e[flag], (m.text, flag)


def assert_contains(mentions: Sequence[Mention], text: str, normalized: str | None = None) -> None:
    """Some mention has this text (and this normalized name, when given)."""
    found = [m for m in mentions if m.text == text]
    assert found, f"{text!r} not among {[m.text for m in mentions]}"
    if normalized is not None:
        assert any(m.normalized == normalized for m in found), [m.normalized for m in found]
