"""The phrase data of the normaliser, loaded once from ``data/*.yaml``.

Keeping the words apart from the engine (as dateparser does) lets a reviewer fix a cue or add
a vague phrase without touching a regex. Everything is NFC and lower case so the engine can
match case-insensitively against NFC text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


def _norm(word: object) -> str:
    return unicodedata.normalize("NFC", str(word)).lower().strip()


def _norm_map(raw: dict[Any, Any]) -> dict[str, Any]:
    return {_norm(k): v for k, v in raw.items()}


def _norm_list(raw: list[Any]) -> list[str]:
    return [_norm(w) for w in raw]


def _norm_groups(raw: dict[str, list[Any]]) -> dict[str, list[str]]:
    return {key: _norm_list(words) for key, words in raw.items()}


def alternation(words: list[str] | dict[str, Any]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any short whitespace.

    Longest first makes "chậm nhất là" win over "chậm nhất"; bounded whitespace keeps every
    pattern free of catastrophic backtracking on long runs of spaces.
    """
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(r"\s{1,3}".join(map(re.escape, w.split())) for w in items) + ")"


@dataclass(frozen=True)
class Lexicon:
    number_words: dict[str, int]
    multiplier_words: dict[str, int]
    joiner_words: list[str]
    month_words: dict[str, int]
    quarter_words: dict[str, int]
    weekdays: dict[str, str]
    units: dict[str, str]
    day_parts: dict[str, int]
    relative_period_words: dict[str, int]
    day_cues: dict[str, list[str]]
    period_cues: dict[str, list[str]]
    labels: dict[str, list[str]]
    deadline_nouns: list[str]
    duration_cues: list[str]
    anchor_links: list[str]
    issue_anchors: list[str]
    own_heads: dict[str, list[str]]
    phrase_stops: list[str]
    event_cues: list[str]
    event_nouns: list[str]  # the seasons included
    season_nouns: list[str]
    tet_words: list[str]
    undated_windows: list[str]
    event_window_cues: list[str]
    recurring_markers: list[str]
    recurring_units: dict[str, dict[str, Any]]
    periodic_openers: list[str]
    quarter_end_month: list[str]
    ongoing: list[str]
    weak_ongoing: list[str]
    bare_periodic: list[str]
    following_period: dict[str, str]
    opening_clauses: list[str]
    clause_event_cues: list[str]
    clause_event_subjects: list[str]
    reference_heads: list[str]
    law_heads: list[str]
    basis_openers: list[str]
    basis_main_clause: list[str]
    past_event_words: list[str]
    past_markers: list[str]
    event_submit_verbs: list[str]
    effect_words: list[str]
    opening_day_parts: list[str]
    scope_openers: list[str]
    plan_nouns: list[str]

    def cue_type(self, groups: dict[str, list[str]], cue: str) -> str:
        """The type a cue (as matched, any case or spacing) belongs to."""
        key = " ".join(_norm(cue).split())
        for type_, words in groups.items():
            if key in words:
                return type_
        raise KeyError(cue)


def _read(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), name
    return data


@cache
def lexicon() -> Lexicon:
    """Load the data files once per process."""
    cal = _read("calendar.yaml")
    cues = _read("cues.yaml")
    return Lexicon(
        number_words=_norm_map(cal["number_words"]),
        multiplier_words=_norm_map(cal["multiplier_words"]),
        joiner_words=_norm_list(cal["joiner_words"]),
        month_words=_norm_map(cal["month_words"]),
        quarter_words=_norm_map(cal["quarter_words"]),
        weekdays=_norm_map(cal["weekdays"]),
        units=_norm_map(cal["units"]),
        day_parts=_norm_map(cal["day_parts"]),
        relative_period_words=_norm_map(cal["relative_period_words"]),
        day_cues=_norm_groups(cues["day_cues"]),
        period_cues=_norm_groups(cues["period_cues"]),
        labels=_norm_groups(cues["labels"]),
        deadline_nouns=_norm_list(cues["deadline_nouns"]),
        duration_cues=_norm_list(cues["duration_cues"]),
        anchor_links=_norm_list(cues["anchor_links"]),
        issue_anchors=_norm_list(cues["issue_anchors"]),
        own_heads={str(k): _norm_list(v) for k, v in cues["own_heads"].items()},
        phrase_stops=_norm_list(cues["phrase_stops"]),
        event_cues=_norm_list(cues["event_cues"]),
        event_nouns=_norm_list(cues["event_nouns"]) + _norm_list(cues["season_nouns"]),
        season_nouns=_norm_list(cues["season_nouns"]),
        tet_words=_norm_list(cues["tet_words"]),
        undated_windows=_norm_list(cues["undated_windows"]),
        event_window_cues=_norm_list(cues["event_window_cues"]),
        recurring_markers=_norm_list(cues["recurring_markers"]),
        recurring_units=_norm_map(cues["recurring_units"]),
        periodic_openers=_norm_list(cues["periodic_openers"]),
        quarter_end_month=_norm_list(cues["quarter_end_month"]),
        ongoing=_norm_list(cues["ongoing"]),
        weak_ongoing=_norm_list(cues["weak_ongoing"]),
        bare_periodic=_norm_list(cues["bare_periodic"]),
        following_period=_norm_map(cues["following_period"]),
        opening_clauses=_norm_list(cues["opening_clauses"]),
        clause_event_cues=_norm_list(cues["clause_event_cues"]),
        # Matched with their case: "khi Bộ ban hành", not "khi bộ hồ sơ".
        clause_event_subjects=[
            unicodedata.normalize("NFC", w).strip() for w in cues["clause_event_subjects"]
        ],
        reference_heads=_norm_list(cues["reference_heads"]),
        law_heads=_norm_list(cues["law_heads"]),
        basis_openers=_norm_list(cues["basis_openers"]),
        basis_main_clause=_norm_list(cues["basis_main_clause"]),
        past_event_words=_norm_list(cues["past_event_words"]),
        past_markers=_norm_list(cues["past_markers"]),
        event_submit_verbs=_norm_list(cues["event_submit_verbs"]),
        effect_words=_norm_list(cues["effect_words"]),
        opening_day_parts=_norm_list(cues["opening_day_parts"]),
        scope_openers=_norm_list(cues["scope_openers"]),
        plan_nouns=_norm_list(cues["plan_nouns"]),
    )
