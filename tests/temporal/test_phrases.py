"""The phrase table: every pattern of issue 3, written for this project, and the negatives."""

from __future__ import annotations

import pytest

from nlp_service.temporal import find_deadlines, find_time_expressions, parse_deadline

from .phrase_table import Phrase, load_phrases, observed

PHRASES = load_phrases()


def test_table_is_large_and_covers_every_type() -> None:
    assert len(PHRASES) >= 250
    types = {p.expected["type"] for p in PHRASES}
    assert types >= {
        "on",
        "before",
        "by",
        "within_period",
        "relative",
        "event",
        "recurring",
        "ongoing",
        None,
    }


@pytest.mark.parametrize("phrase", PHRASES, ids=[p.text[:60] for p in PHRASES])
def test_phrase(phrase: Phrase) -> None:
    if phrase.is_negative:
        assert find_deadlines(phrase.text, phrase.issued) == []
        if phrase.found:  # the date is seen, and known not to be a deadline
            assert any(not e.is_deadline for e in find_time_expressions(phrase.text, phrase.issued))
        return
    got = parse_deadline(phrase.text, phrase.issued)
    assert got is not None, "no deadline found"
    assert observed(got, list(phrase.expected)) == phrase.expected, got.rule
    assert phrase.text[got.start_char : got.end_char] == got.raw
