"""Directive cues: the words that turn a clause into an assignment and tell who leads.

A recognizer on the presidio pattern: the cue lexicon lives in ``data/directives.yaml``
(assign / lead / support / modal / action cues, "not a task" patterns, recipient verbs, letter
addressee placeholders); this module compiles it once and reports each cue with its kind, so the
task assembler can reason about roles ("giao X chủ trì, phối hợp với Y") from positions alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from nlp_service.nlp.recognizer import Mention, Recognizer

CUE_KINDS = ("assign", "lead", "support", "modal", "action")

# A cue must stand as whole words: not inside "cơ sở giao thông", not "giao" in "giao ban".
_NOT_AFTER = {
    # "giao ban" (a briefing) but not "Giao Ban Quản lý …": the noun is lower-case.
    "giao": r"(?!\s+(?:(?-i:ban)\b|thông|dịch|lưu|thương|tiếp|đất|nhận|kết|quyền\s+sử\s+dụng))",
    "mời": r"(?!\s+(?:họp|thầu))",
    "thực hiện": r"",
}
# Nor the end of a longer verb: "bàn giao mặt bằng" (hand over), "chuyển giao công nghệ".
_NOT_BEFORE = {
    "giao": r"(?<!bàn\s)(?<!chuyển\s)",
}


@dataclass(frozen=True)
class Lexicon:
    cues: dict[str, tuple[str, ...]]
    not_task: tuple[re.Pattern[str], ...]
    closing: tuple[re.Pattern[str], ...]
    assessment: tuple[str, ...]
    recipient_verbs: tuple[str, ...]
    addressee_placeholders: tuple[str, ...]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    with (
        resources.files("nlp_service.nlp.data")
        .joinpath("directives.yaml")
        .open(encoding="utf-8") as fh
    ):
        data = yaml.safe_load(fh)
    return Lexicon(
        cues={k: tuple(data[k]) for k in CUE_KINDS},
        not_task=tuple(re.compile(p, re.IGNORECASE) for p in data["not_task"]),
        closing=tuple(re.compile(p, re.IGNORECASE) for p in data["closing"]),
        assessment=tuple(data["assessment"]),
        recipient_verbs=tuple(sorted(data["recipient_verbs"], key=len, reverse=True)),
        addressee_placeholders=tuple(data["addressee_placeholders"]),
    )


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    ordered = sorted({w.strip() for w in words}, key=len, reverse=True)
    parts = []
    for w in ordered:
        escaped = r"\s+".join(re.escape(p) for p in w.split())
        parts.append(_NOT_BEFORE.get(w, "") + escaped + _NOT_AFTER.get(w, ""))
    return "|".join(parts)


_WORD_EDGE_L = r"(?<![\wÀ-ỹ])"
_WORD_EDGE_R = r"(?![\wÀ-ỹ])"


class DirectiveRecognizer(Recognizer):
    """Finds assignment cues; the mention's ``normalized`` is the cue's kind."""

    name = "directive_cues"
    label = "DIRECTIVE"

    def __init__(self, kinds: tuple[str, ...] = ("assign", "lead", "support", "modal")) -> None:
        lex = lexicon()
        self._patterns = [
            (
                kind,
                re.compile(
                    _WORD_EDGE_L + "(?:" + _alternation(lex.cues[kind]) + ")" + _WORD_EDGE_R,
                    re.IGNORECASE,
                ),
            )
            for kind in kinds
        ]

    def analyze(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        # Earlier kinds win on overlap: "phối hợp với" is support, not the action "phối hợp".
        for kind, pattern in self._patterns:
            for m in pattern.finditer(text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                found.append(
                    self.mention(text, m.start(), m.end(), kind, 1.0, cue=m.group(0).lower())
                )
        return sorted(found, key=lambda x: x.start)


@lru_cache(maxsize=1)
def action_pattern() -> re.Pattern[str]:
    """Imperative verbs that open a list item or table cell ("Rà soát…", "Tổ chức…")."""
    lex = lexicon()
    words = lex.cues["action"] + lex.cues["modal"] + lex.cues["assign"] + lex.cues["lead"]
    return re.compile(r"^\W*(?:" + _alternation(words) + ")" + _WORD_EDGE_R, re.IGNORECASE)


@lru_cache(maxsize=1)
def verb_pattern() -> re.Pattern[str]:
    """Any cue or action word anywhere: tells a clause with its own verb from a list fragment."""
    lex = lexicon()
    words = lex.cues["action"] + lex.cues["modal"] + lex.cues["assign"] + lex.cues["lead"]
    return re.compile(_WORD_EDGE_L + "(?:" + _alternation(words) + ")" + _WORD_EDGE_R, re.I)


@lru_cache(maxsize=1)
def recipient_pattern() -> re.Pattern[str]:
    """A recipient verb right before a body: its object is not an assignee."""
    return re.compile(
        r"(?:" + _alternation(lexicon().recipient_verbs) + r")\s*(?:cho\s+|với\s+|về\s+)?$",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def placeholder_pattern() -> re.Pattern[str]:
    return re.compile(
        _WORD_EDGE_L + "(?:" + _alternation(lexicon().addressee_placeholders) + ")" + _WORD_EDGE_R,
        re.IGNORECASE,
    )


def is_not_task(clause: str) -> str | None:
    """The "not a task" pattern a clause matches (legal basis, closing formula…), if any."""
    for pattern in (*lexicon().not_task, *lexicon().closing):
        if pattern.search(clause):
            return pattern.pattern
    return None


def is_closing(clause: str) -> bool:
    """A closing formula, effect clause or address line: never a task, whatever the model says.

    The other "not a task" patterns ("Căn cứ …", "Trường hợp cần thiết, …") also open real
    duties ("Căn cứ chức năng, nhiệm vụ được giao, chủ động …"), so they only inform the model.
    """
    return any(pattern.search(clause) for pattern in lexicon().closing)
