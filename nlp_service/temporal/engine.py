"""The normaliser's flow: run the recognizers, keep the longest spans, decide which are deadlines.

Like presidio's analyzer engine: recognizers propose, the engine resolves overlaps (longest span
first, then the recognizer's priority) and applies the context rules of ``context.py``. Text that
is not NFC is matched through an NFC copy and the spans are mapped back, so offsets always point
into the caller's string.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from itertools import pairwise

from nlp_service.temporal import context
from nlp_service.temporal.calendar_math import add_duration
from nlp_service.temporal.lexicon import lexicon
from nlp_service.temporal.recognizers import RECOGNIZERS, Candidate, Scope, days
from nlp_service.temporal.types import TimeExpression

# Vague expressions give way to any stated deadline in the same phrase.
_SPECIFICITY = {
    "ongoing:weak": 0,
    "event:on_request": 0,
    "ongoing": 1,
    "ongoing:reference": 1,  # "(thực hiện theo Điều … Nghị định …)": a stated day still wins
    "recurring:bare": 2,
    "window": 2,
    "window:season": 0,
}
# "Trong thời gian diễn ra Hội chợ, … báo cáo trước 17 giờ hằng ngày": the rhythm or the day is
# the due, the event's span only when it is the whole time (it is no vague word to drop, though).
_WINDOW_RANK = {"window:event": 2}
_HEADER_CHARS = 3000  # the issue-date line is in the header, near the top
_FULL_YEAR = re.compile(r"(?<![\d/])(?:\d{1,2}[/.\-]\d{1,2}[/.\-]|năm\s)(\d{4})(?!\d)", re.I)


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """The NFC form of ``text`` and, for each of its positions (and its end), the position in
    ``text`` it came from. Normalising cluster by cluster keeps the map exact."""
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        out.append(cluster)
        origin.extend([i] * len(cluster))
        i = j
    origin.append(n)
    return "".join(out), origin


def _fallback_year(text: str) -> int | None:
    """The most frequent year of the document's own full dates (ANNOTATION.md's rule for
    year-less dates when the issue date is unknown)."""
    years = Counter(int(y) for y in _FULL_YEAR.findall(text) if 1900 <= int(y) <= 2200)
    return years.most_common(1)[0][0] if years else None


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest spans first, then the higher priority; drop anything overlapping a kept span.

    Kept spans stay sorted by start, so each overlap test is a binary search (no quadratic
    blow-up on texts with thousands of expressions).
    """
    ordered = sorted(
        candidates,
        key=lambda c: (-(c.expr.end_char - c.expr.start_char), -c.priority, c.expr.start_char),
    )
    starts: list[int] = []
    kept: list[Candidate] = []  # parallel to starts
    for cand in ordered:
        s, e = cand.expr.start_char, cand.expr.end_char
        if s >= e:
            continue
        i = bisect.bisect_left(starts, s)
        if i < len(kept) and kept[i].expr.start_char < e:
            continue  # a kept span starts inside this one
        if i > 0 and kept[i - 1].expr.end_char > s:
            continue  # the kept span before this one reaches into it
        starts.insert(i, s)
        kept.insert(i, cand)
    return kept


# A list item's number left of a period ("1. Tháng 3/2026:"), and a colon right of it that makes
# the period the label of what follows ("- Tháng 7/2026: UBND các xã …").
_ITEM_NUMBER = re.compile(r"(?<=\n)\s*(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVXLC]{1,6})$")
_LABEL_COLON = re.compile(r"\s*:\s*\S")


def _standalone(text: str, cand: Candidate) -> bool:
    """The expression fills its cell: the whole text (a phrase typed into the CLI), a line, or a
    table cell ("| Quý I/2025 |"), so nothing around it can be what the period qualifies."""
    s, e = cand.expr.start_char, cand.expr.end_char
    left = text[max(0, s - 80) : s].rstrip(" \t:-–.,;()*+•")
    # "1. Tháng 3/2026:", "b) Quý III/2026:": a list item that is only the period.
    if cand.kind == "period":
        left = _ITEM_NUMBER.sub("", left)
    right = text[e : e + 80]
    if left and left[-1] == "\n" and cand.expr.raw[:1].islower():
        return False  # "… Hội đồng nhân dân\nnăm 2015.": a hard-wrapped line, not a cell
    if cand.kind == "period" and (not left or left[-1] in "|\t\n") and _LABEL_COLON.match(right):
        return True  # "- Tháng 7/2026: UBND các xã, phường công bố …": the period labels the item
    right = right.lstrip(" \t.,;:()*")
    return (not left or left[-1] in "|\t\n") and (not right or right[0] in "|\t\n")


# "Kế hoạch khám sức khỏe định kỳ năm 2026", "kiểm tra định kỳ năm 2026 các cơ sở": a rhythm
# followed by the year names the thing done, not when the task recurs. (With "của" after it the
# gold is split: "chương trình công tác hằng năm của Ban Chỉ đạo" no deadline, "đánh giá chỉ số
# cải cách hành chính hằng tháng của tỉnh" monthly.)
_NAMES_A_THING = re.compile(r"(?i)\s+năm\s+\d{4}\b")


# "xếp loại thi đua cuối năm", "những tháng cuối năm", "cao điểm xuất khẩu nông sản cuối năm": a
# bare "cuối năm" right after a noun names the year's end of a thing, not when to finish (train
# golds: 0 of 5 such were deadlines). The grammar reads "vào/đến/trước/trong/hoàn thành cuối năm"
# as one phrase (no bare raw reaches this) and "dịp cuối năm" as scope; "xong"/"từ" remain.
_YEAR_END_OF_A_THING = re.compile(r"(?i)(?<!xong)(?<!từ)(?<=\w) $")


# "các công trình dự kiến hoàn thành trong năm 2018", "các dự án chuyển tiếp có khả năng hoàn
# thành trong năm 2026", "các xã đăng ký đạt chuẩn trong năm 2018", "để huyện kịp khởi công trong
# năm 2024": the time qualifies the works or places named, not the duty ("ưu tiên bố trí vốn cho
# …"); train and dev golds date none of the five. "11 hoạt động dự kiến thực hiện trong năm 2026",
# "các nhiệm vụ dự kiến triển khai trong quý I": the same for the activities a duty reviews.
_TIME_OF_A_THING = re.compile(
    r"(?i)\b(?:công\s+trình|dự\s+án|xã|hạng\s+mục|huyện|hoạt\s+động|nhiệm\s+vụ)\b[^,;.:]{0,40}?\s"
    r"(?:dự\s+kiến|có\s+khả\s+năng|đăng\s+ký|kịp)"
    r"(?:\s+(?:hoàn\s+thành|đạt\s+chuẩn|khởi\s+công|đưa\s+vào\s+sử\s+dụng|thực\s+hiện|triển\s+khai)"
    r"(?:\s+[^\W\d]+){0,3}?)?\s+$"
)


_EVERY_SESSION = re.compile(r"(?i)\b(?:các|mỗi|từng|hằng|hàng)\s+(?:kỳ|phiên)\s+họp\b")


def _not_deadline_reason(text: str, cand: Candidate, issued: date | None) -> str | None:
    """Why a found expression is not a deadline, or None when it is one."""
    expr = cand.expr
    start = expr.start_char
    if context.in_legal_basis(text, start):
        return "legal_basis"
    if issued and expr.date and expr.date < issued and cand.kind in {"day", "period", "range"}:
        return "before_issue_date"  # "kết quả đạt được trong năm 2024": a report on the past
    if cand.kind in {"event", "period", "day"} and context.is_scope(text, start):
        return "scope"  # "nhất là dịp Tết Nguyên đán Bính Ngọ 2026"
    if cand.kind == "period" and context.is_plan_horizon(text, start, expr.end_char):
        return "plan_horizon"
    if context.in_prohibition(text, start):
        return "prohibited"
    if cand.kind in {"period", "day"} and context.in_note(text, start):
        return "noted_items"
    cue = cand.cue
    bare = cue is not None and cue.type is None and cue.label is None
    if cand.kind == "day":
        if expr.rule in {"day:since", "day:after", "day:cutoff"}:
            reason = context.reference_reason(text, start)
            return reason if reason == "effect_clause" else expr.rule.removeprefix("day:")
        if bare and context.is_issue_date_line(text, start):
            return "issue_date_line"
        if bare and context.is_dateline(text, start, expr.end_char):
            return "dateline"
        if expr.type == "on" and context.is_opening_date(text, start, expr.end_char):
            return "opening_date"
        if bare:
            return context.reference_reason(text, start)
    if cand.kind == "period" and bare:
        if context.is_issue_date_line(text, start):
            return "issue_date_line"
        if context.names_an_event(text, start):
            return "event_name"
        if not expr.rule.startswith("period:end_of") and not _standalone(text, cand):
            return "bare_period"
    if cand.kind == "recurring" and _NAMES_A_THING.match(text, expr.end_char):
        return "noun_modifier"
    if cand.kind in {"period", "day", "range"} and _TIME_OF_A_THING.search(
        text, max(0, start - 80), start
    ):
        return "noun_modifier"
    if (
        cand.kind == "period"
        and expr.raw.strip().lower() == "cuối năm"
        and _YEAR_END_OF_A_THING.search(text, max(0, start - 30), start)
    ):
        return "noun_modifier"
    if expr.rule == "event:clause" and context.is_opening_clause(text, start):
        return "opening_clause"
    if cand.kind == "window" and context.names_an_event(text, start):
        return "event_name"  # "phiên giải trình giữa hai kỳ họp": the kind of session
    if cand.kind == "event":
        if (
            expr.rule == "event:tại"
            and not context.submits_to_event(text, start)
            and not _standalone(text, cand)
        ):
            return "event_context"  # "ý kiến của đại biểu tại kỳ họp": where, not by when
        if context.reference_reason(text, start) in {"past_event", "document_reference"}:
            return "past_event"
    return None


def _issue_date(text: str) -> date | None:
    """The date of the issue-date line ("Lâm Đồng, ngày 12 tháng 9 năm 2018") of the header."""
    head = text[:_HEADER_CHARS]
    for cand in days(Scope(head, None, None)):
        if cand.expr.date and context.is_issue_date_line(head, cand.expr.start_char):
            return cand.expr.date
    return None


def _run(
    text: str, issued: date | None, year: int | None = None, own_type: str | None = None
) -> list[TimeExpression]:
    if issued is None:
        # A document that states its own issue date anchors everything to it.
        issued = _issue_date(text)
    own = tuple(lexicon().own_heads.get(own_type, ())) if own_type else ()
    scope = Scope(text, issued, None if issued else (year or _fallback_year(text)), own)
    found = _select([c for recognizer in RECOGNIZERS for c in recognizer(scope)])
    reasons = [_not_deadline_reason(text, cand, scope.issued) for cand in found]
    _yield_vague_to_stated(text, [c.expr for c in found], reasons)
    _cutoff_before_delivery(text, [c.expr for c in found], reasons)
    result = []
    for cand, reason in zip(found, reasons, strict=True):
        expr = cand.expr
        if reason:
            expr = replace(expr, is_deadline=False, rule=f"{expr.rule}|not_deadline:{reason}")
        elif expr.type == "event" and _EVERY_SESSION.search(expr.raw):
            # "báo cáo … tại các kỳ họp thường lệ": at every session, a duty that recurs with
            # them (train golds: recurring, no calendar rule to write).
            expr = replace(expr, type="recurring", event=None, rule=f"{expr.rule}|every_session")
        result.append(expr)
    return _date_event_windows(
        text, _date_meetings(text, _yearly_months(text, result), scope.issued)
    )


# "Trong tháng 4 và tháng 10 hằng năm": the months of a list, every year.
_MONTH_NUMBER = re.compile(r"(?i)tháng\s+(\d{1,2})\b")
_EVERY_YEAR = re.compile(r"(?i)\s*(?:hằng|hàng|mỗi)\s+năm\b")


def _yearly_months(text: str, exprs: list[TimeExpression]) -> list[TimeExpression]:
    out: list[TimeExpression] = []
    for e in exprs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and e.type == "recurring"
            and prev.type == "within_period"
            and prev.rule.startswith(("range:periods", "period:"))
            and (every := _EVERY_YEAR.match(text, prev.end_char))
            and every.end() == e.end_char
        ):
            months = sorted({int(m) for m in _MONTH_NUMBER.findall(prev.raw) if 1 <= int(m) <= 12})
            rrule = "FREQ=YEARLY" + (f";BYMONTH={','.join(map(str, months))}" if months else "")
            out[-1] = replace(
                prev,
                type="recurring",
                raw=text[prev.start_char : e.end_char],
                end_char=e.end_char,
                date=None,
                start=None,
                rrule=rrule,
                is_deadline=prev.is_deadline or e.is_deadline,
                rule=f"{prev.rule}|every_year",
            )
            continue
        out.append(e)
    return out


# The meetings a notice schedules: "tổ chức Kỳ họp thứ 5 … vào ngày 17/12/2025", "Thời gian: …
# ngày 12 tháng 01 năm 2026" in an invitation.
_MEETING = re.compile(r"(?i)(?<!\w)(kỳ họp|phiên họp|hội nghị|cuộc họp)(?!\w)")
_SCHEDULED = re.compile(r"(?i)(?:\bvào\s+(?:ngày\s+)?|\bthời\s+gian\s*:[^\n]{0,60}?)$")


def scheduled_meeting(
    text: str, exprs: list[TimeExpression], issued: date | None
) -> TimeExpression | None:
    """The time the document schedules its meeting at ("Thời gian: 14 giờ 00, thứ Năm, ngày
    20/02/2025", "tổ chức Kỳ họp thứ 5 … vào ngày 17/12/2025"): the first such expression when
    all of them name one day on or after the issue date; None for a past meeting or two days."""
    found: list[TimeExpression] = []
    for e in exprs:
        if e.type != "on" or e.date is None or (issued is not None and e.date < issued):
            continue
        lead = text[max(0, e.start_char - 160) : e.start_char]
        # "vào ngày 17/12/2025", and with its cue: "Hội nghị tổ chức vào ngày 25/4/2026"
        scheduled = _SCHEDULED.search(lead) or re.match(
            r"(?i)(?:(?:tổ\s+chức|diễn\s+ra)\s+)?vào\b", e.raw
        )
        if scheduled and (_MEETING.search(lead) or re.search(r"(?i)thời\s+gian\s*:", lead)):
            found.append(e)
    return found[0] if found and len({e.date for e in found}) == 1 else None


def _date_meetings(
    text: str, exprs: list[TimeExpression], issued: date | None
) -> list[TimeExpression]:
    """Give "trước Kỳ họp" / "tại Hội nghị" the day the same document schedules that meeting on
    (ANNOTATION.md: an event's date is the document's, when it states one)."""
    meeting = scheduled_meeting(text, exprs, issued)
    if meeting is None or meeting.date is None:
        return exprs
    day = meeting.date
    return [
        _counted_back(e, day, "scheduled")
        if e.type == "event" and e.date is None and e.event and _MEETING.search(e.event)
        else e
        for e in exprs
    ]


def _counted_back(e: TimeExpression, day: date, how: str) -> TimeExpression:
    """The event ``e`` dated ``day``; a lead time before it ("trước ngày khai mạc 03 ngày",
    "chậm nhất 20 ngày trước kỳ họp") becomes the relative day it counts back to (gold: a
    relative deadline with that date once the document dates the event)."""
    if e.rule.startswith("relative:lead_time") and e.amount and e.unit:
        back = add_duration(day, -e.amount, e.unit)
        return replace(e, type="relative", date=back, rule=f"{e.rule}|{how}")
    return replace(e, date=day, rule=f"{e.rule}|{how}")


# Where a sentence names the event a range belongs to: an item labelled with it ("2. Hội chợ
# thương mại - du lịch vùng Tây Bắc: từ ngày …") or the event organised ("tổ chức Hội chợ …
# từ ngày …"), not the object of other work ("quảng bá Tuần Văn hóa … từ ngày 01/4 …").
# The event opens the sentence, or the clause after an opener ("Theo dự báo của Đài Khí tượng,
# mùa khô 2025 - 2026 kéo dài từ tháng 12/2025 đến hết tháng 4/2026").
_EVENT_LABEL = re.compile(r"(?i)(?:^|tổ\s+chức\s+|,\s*)$")
_ITEM_LABEL = re.compile(r"^[\s\-–•+*]*(?:(?:\d{1,2}(?:\.\d{1,2})*|[a-zđ]|[IVX]{1,5})[.)]\s*)?")
_EVENT_GAP = re.compile(r"[^.;|\n]{0,80}$")
# "1. Thời gian: 07 ngày, từ ngày 25/4/2026 đến ngày 01/5/2026": the span of the event the plan
# itself organises (its title names it).
_OWN_TIME_LINE = re.compile(r"(?i)^[\s\-–•]*(?:\d{1,2}\.\s*)?thời\s+gian(?:\s+tổ\s+chức)?\s*:")
# "khai mạc Hội chợ", "ngày bế mạc Tuần Văn hóa"; bare ("ngày khai mạc") in a lead time.
_EVENT_EDGE = re.compile(
    r"(?i)^(?:ngày\s+)?(?:lễ\s+)?(?P<edge>kết\s+thúc|bế\s+mạc|khai\s+mạc)(?:\s+(?P<name>.+))?$"
)
_TITLE_CHARS = 800


def _own_range(text: str, ranges: list[TimeExpression]) -> tuple[date, date] | None:
    """The span of the event the document itself organises: its one "Thời gian: …" range."""
    found = {
        (r.start, r.date)
        for r in ranges
        if _OWN_TIME_LINE.match(text[text.rfind("\n", 0, r.start_char) + 1 : r.start_char])
    }
    return found.pop() if len(found) == 1 else None  # type: ignore[return-value]


_BODY_START = re.compile(r"(?im)^\s*(?:[IVX]{1,5}\.|\d{1,2}\.|căn\s+cứ|thực\s+hiện)")


def _title_zone(text: str) -> str:
    """The header and title, lower-cased: the text before the body's first heading or legal
    basis, at most ``_TITLE_CHARS``."""
    head = text[:_TITLE_CHARS]
    body = _BODY_START.search(head)
    return " ".join(head[: body.start() if body else None].lower().split())


def _event_range(
    text: str, name: str, ranges: list[TimeExpression], title: str
) -> tuple[date, date] | None:
    """The days the document gives the event ``name`` ("Hội chợ", "Tuần Văn hóa - Du lịch"):
    a range stated with the event as its subject, else the plan's own "Thời gian:" line when
    its ``title`` (see ``_title_zone``) names the event; None when the document gives none or
    disagrees with itself."""
    key = " ".join(name.lower().split())
    found: set[tuple[date, date]] = set()
    for r in ranges:
        begin = context.sentence_start(text, r.start_char)
        before = " ".join(text[begin : r.start_char].lower().split())
        at = before.find(key)
        if at < 0 or not _EVENT_GAP.fullmatch(before[at + len(key) :]):
            continue
        lead = _ITEM_LABEL.sub("", before[:at], count=1)
        if _EVENT_LABEL.search(lead):
            found.add((r.start, r.date))  # type: ignore[arg-type]
    if not found and key in title:
        return _own_range(text, ranges)
    return found.pop() if len(found) == 1 else None


def _date_event_windows(text: str, exprs: list[TimeExpression]) -> list[TimeExpression]:
    """Date "trong thời gian diễn ra Hội chợ" (and "sau khi kết thúc Hội chợ") with the range
    the same document gives that event (ANNOTATION.md: an event's date is the document's)."""
    ranges = [e for e in exprs if e.rule == "range" and e.start and e.date]
    if not ranges:
        return exprs
    title = _title_zone(text)
    out = []
    for e in exprs:
        if e.rule in ("window:event", "window:season") and e.event and e.date is None:
            # The phrase may run past the name ("… Tuần Văn hóa - Du lịch đón trên 150.000
            # lượt khách"): the longest opening words the document dates are the name.
            words = e.event.split()
            for n in range(len(words), 1, -1):
                if span := _event_range(text, " ".join(words[:n]), ranges, title):
                    name = re.search(r"\s+".join(map(re.escape, words[:n])), e.raw)
                    end = e.start_char + name.end() if name else e.end_char
                    e = replace(
                        e,
                        raw=text[e.start_char : end],
                        end_char=end,
                        event=" ".join(words[:n]),
                        start=span[0],
                        date=span[1],
                        rule=f"{e.rule}|dated",
                    )
                    break
        elif e.type == "event" and e.event and e.date is None:
            edge = _EVENT_EDGE.match(e.event)
            span = None
            if edge and edge["name"]:
                span = _event_range(text, edge["name"], ranges, title)
            elif edge and e.rule.startswith("relative:lead_time"):
                # "trước ngày khai mạc 03 ngày" in the plan of the event itself
                span = _own_range(text, ranges)
            if edge and span:
                day = span[0] if edge["edge"].lower().startswith("khai") else span[1]
                e = _counted_back(e, day, "dated")
        out.append(e)
    return out


def _yield_vague_to_stated(
    text: str, exprs: list[TimeExpression], reasons: list[str | None]
) -> None:
    """A vague deadline ("theo quy định", "kịp thời", "định kỳ") in the same sentence as a stated
    one ("trước ngày 10/2") is not the deadline: the stated one is (reasons updated in place). A
    clause event ("sau khi …") is too loose to count as stated."""
    stated_sentences = {
        context.sentence_start(text, e.start_char)
        for e, r in zip(exprs, reasons, strict=True)
        if r is None and e.rule not in _SPECIFICITY and e.rule != "event:clause"
    }
    if not stated_sentences:
        return
    for i, expr in enumerate(exprs):
        vague = reasons[i] is None and expr.rule in _SPECIFICITY
        if vague and context.sentence_start(text, expr.start_char) in stated_sentences:
            reasons[i] = "vague_beside_stated"


# "báo cáo tình hình thu, chi ngân sách đến ngày 31/3/2026, gửi UBND tỉnh trước ngày 10/4/2026":
# the first day ends the reported figures, the second is when they are due.
_UNTIL = re.compile(r"(?i)^(?:đến|tới)(?:\s+hết)?\b")
_THEN_DELIVERED = re.compile(r"(?i)\s*,?\s*(?:và\s+)?(?:gửi|báo\s+cáo|trình|nộp)\b[^.;\n]{0,100}$")


def _cutoff_before_delivery(
    text: str, exprs: list[TimeExpression], reasons: list[str | None]
) -> None:
    """An "đến (hết) ngày X" right before the delivery of a report that states its own due day is
    the cut-off of the figures, not a deadline (reasons updated in place)."""
    for i, (cut, due) in enumerate(pairwise(exprs)):
        if (
            reasons[i] is None
            and reasons[i + 1] is None
            and _UNTIL.match(cut.raw)
            and due.type in {"before", "by", "on"}
            and _THEN_DELIVERED.match(text, cut.end_char, due.start_char)
        ):
            reasons[i] = "cutoff"


def find_time_expressions(
    text: str, issued: date | None = None, year: int | None = None, own_type: str | None = None
) -> list[TimeExpression]:
    """Every time expression in ``text``, sorted and non-overlapping, with ``is_deadline``.

    ``year`` is the year of year-less days when the issue date is unknown (a press report's
    publication year); without it, the most frequent year of the text's own full dates.
    ``own_type`` is the document's type code ("KH"): "kể từ ngày Kế hoạch được ban hành" is
    then its own issue date, and another type's issuing is not.
    """
    if isinstance(issued, datetime):  # a datetime would not compare with the dates found
        issued = issued.date()
    if unicodedata.is_normalized("NFC", text):
        nfc, origin = text, None
    else:
        nfc, origin = _nfc_with_offsets(text)
    spelled = _respell(nfc)
    if origin is None and spelled == nfc:
        return _run(text, issued, year, own_type)
    mapped = []
    for expr in _run(spelled, issued, year, own_type):
        s, e = expr.start_char, expr.end_char
        if origin is not None:
            s, e = origin[s], origin[e]
        mapped.append(replace(expr, start_char=s, end_char=e, raw=text[s:e]))
    return mapped


# Older spellings of "quý" ("Quí III/2010", typed "qúy"): same length, so offsets hold.
_OLD_QUY = re.compile(r"(?<![\wÀ-ỹ])([Qq])(?:uí|úy)(?![\wÀ-ỹ])")


def _respell(text: str) -> str:
    """``text`` with the older spellings the grammar does not list replaced, char for char."""
    return _OLD_QUY.sub(lambda m: m.group(1) + "uý", text)


def find_deadlines(text: str, issued: date | None = None) -> list[TimeExpression]:
    """Only the expressions that are deadlines."""
    return [e for e in find_time_expressions(text, issued) if e.is_deadline]


def parse_deadline(phrase: str, issued: date | None = None) -> TimeExpression | None:
    """The deadline a phrase states: its longest deadline expression (the first on a tie)."""
    return best_deadline(find_deadlines(phrase, issued))


def best_deadline(expressions: list[TimeExpression]) -> TimeExpression | None:
    """The deadline a clause states when it holds several: a stated date, period, duration,
    event or rhythm beats a vague one ("theo quy định", "thường xuyên"); then the longest span."""
    found = [e for e in expressions if e.is_deadline]
    if not found:
        return None
    if any(e.type in ("recurring", "ongoing") and e.rule != "ongoing:weak" for e in found):
        # "thường xuyên giám sát … các quy định sau khi được ban hành", "hằng năm tại các kỳ
        # họp cuối năm": beside a rhythm, an event names an object or the occasion, not the due.
        found = [e for e in found if e.type != "event"] or found
    if any(e.type in ("before", "by", "on") for e in found):
        # "… kinh phí dịp Tết Nguyên đán Bính Ngọ 2026 theo đúng quy định, chậm nhất ngày
        # 26/12/2025": a stated day is the due date; the occasion belongs to the object.
        found = [e for e in found if e.type != "event"]
    return max(found, key=lambda e: (_rank(e.rule), e.end_char - e.start_char))


def _rank(rule: str) -> int:
    base = rule.split("|", 1)[0]
    return _SPECIFICITY.get(base, _WINDOW_RANK.get(base, 3))
