"""Labelled attributes of a task: "- Cơ quan chủ trì: Sở Tư pháp.", "(Thời hạn: tháng 10/2024)".

Many plans and conclusions do not write who and by when into the sentence of the action but as
labelled attributes after it: separate dash lines under each item, one line "Chủ trì: …; phối
hợp: …; thời gian: …", a bracket after the action, or a tail sentence "Giao: Sở X. Thời gian:
…". They say what a task table's columns say, so the assembler reads them like its cells. This
module only finds them: the label's kind (lead, support, deadline, other) and the span of its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_BODY_WORD = r"(?:cơ\s+quan|đơn\s+vị|bộ\s+phận|người|cá\s+nhân)(?:\s*/\s*(?:cơ\s+quan|đơn\s+vị))?"
_LABELS: dict[str, str] = {
    "support": rf"(?:{_BODY_WORD}\s+)?phối\s+hợp(?:\s+thực\s+hiện)?(?:\s+chung)?",
    "lead": (
        # "Cơ quan chủ trì chung:" over a group of items
        rf"(?:{_BODY_WORD}\s+)?chủ\s+trì(?:\s+thực\s+hiện)?(?:\s+chung)?"
        rf"|{_BODY_WORD}\s+(?:thực\s+hiện|đầu\s+mối|tham\s+mưu|chịu\s+trách\s+nhiệm)"
        r"|trách\s+nhiệm(?:\s+thực\s+hiện)?|giao|phân\s+công"
    ),
    "deadline": (
        r"thời\s+(?:gian|hạn|điểm)(?:\s+(?:hoàn\s+thành|thực\s+hiện|triển\s+khai|báo\s+cáo))?"
        # "Thời gian gửi báo cáo:", "Thời hạn nộp hồ sơ:", "Hạn chót nhận hồ sơ:"
        r"|thời\s+(?:gian|hạn)\s+(?:gửi|nộp|nhận)(?:\s+(?:báo\s+cáo|hồ\s+sơ|văn\s+bản|kết\s+quả))?"
        # "Thời gian dự kiến:", "Thời gian đào tạo:", "Thời gian tổ chức:": a schedule's line
        r"|thời\s+gian(?:\s+[^\W\d_]+){1,2}(?=\s*:)"
        r"|tiến\s+độ(?:\s+(?:hoàn\s+thành|thực\s+hiện))?|hạn\s+(?:hoàn\s+thành|chót)"
        r"(?:\s+(?:gửi|nộp|nhận)(?:\s+(?:báo\s+cáo|hồ\s+sơ|văn\s+bản|kết\s+quả))?)?"
    ),
    "other": (
        r"sản\s+phẩm(?:\s+đầu\s+ra)?|kết\s+quả\s+(?:đầu\s+ra|dự\s+kiến)|(?:nguồn\s+)?kinh\s+phí"
        r"(?:\s+thực\s+hiện)?|hình\s+thức(?:\s+thực\s+hiện)?|địa\s+điểm|ghi\s+chú"
        # "- Thành phần: Cán bộ văn thư": who attends a session the plan schedules
        r"|thành\s+phần(?:\s+tham\s+(?:dự|gia))?"
    ),
}
_LABEL = re.compile(
    r"\s*(?:" + "|".join(f"(?P<{k}>{p})" for k, p in _LABELS.items()) + r")\s*:\s*", re.I
)
# Where one attribute ends and the next may begin: ";", a sentence end, a bracket.
_PART_END = re.compile(r";|\.(?=\s|$)|\)")


@dataclass(frozen=True)
class Attribute:
    kind: str  # "lead" | "support" | "deadline" | "other"
    value_start: int
    value_end: int


def _parts(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """``[a, b)`` cut at ";", sentence ends and brackets, each part stripped."""
    out: list[tuple[int, int]] = []
    pos = a
    for m in _PART_END.finditer(text, a, b):
        if m.group() != ";" and text.count("(", pos, m.start()) > text.count(")", pos, m.start()):
            continue  # "Văn phòng UBND tỉnh (Trung tâm …).": the bracket is part of the value
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, b))
    stripped = []
    for p, q in out:
        while p < q and text[p] in " \t(-–+•*":
            p += 1
        while q > p and text[q - 1] in " \t.,":
            q -= 1
        if p < q:
            stripped.append((p, q))
    return stripped


def _attribute(text: str, a: int, b: int) -> Attribute | None:
    m = _LABEL.match(text, a, b)
    if m is None or m.end() >= b or not m.lastgroup:
        return None
    return Attribute(m.lastgroup, m.end(), b)


def attributes_only(text: str, a: int, b: int) -> list[Attribute] | None:
    """The attributes of ``text[a:b]`` when it holds nothing else ("- Cơ quan chủ trì: Sở Tư
    pháp.", "Chủ trì: Sở Nội vụ; phối hợp: Sở Tài chính; thời gian: tháng 5/2026"); None when
    it holds anything that is not a labelled attribute (an action, a heading)."""
    found: list[Attribute] = []
    for p, q in _parts(text, a, b):
        attr = _attribute(text, p, q)
        if attr is None:
            if (
                found
                and found[-1].kind in ("lead", "support")
                and (role := _TRAILING_ROLE.search(text, p, q))
            ):
                # "Trách nhiệm: Sở Y tế chủ trì; Sở Tài chính, BHXH tỉnh phối hợp": the next
                # part names its own role.
                kind = "support" if role["role"].lower().startswith("phối") else "lead"
                found.append(Attribute(kind, p, role.start()))
                continue
            if found and found[-1].kind in ("lead", "support", "other"):
                # "Cơ quan phối hợp: Các sở, ban, ngành; UBND các xã, phường": the list of bodies
                # goes on past the ";"; "Sản phẩm: Chuyên mục …; tin, bài …": so do the products.
                found[-1] = replace(found[-1], value_end=q)
                continue
            return None
        found.append(attr)
    return found or None


_TRAILING_ROLE = re.compile(r"\s+(?P<role>chủ\s+trì|phối\s+hợp)(?:\s+thực\s+hiện)?\s*$", re.I)
# A bracket the sentence splitter cut at a ". " inside it runs to the end of the clause.
_BRACKET = re.compile(r"\(([^()]{4,300})(?:\)|$)")


_TAIL = re.compile(r"[.;]\s+")


def inline(text: str, a: int, b: int) -> list[Attribute]:
    """Attributes written inside an action: in brackets ("… (Cơ quan chủ trì: Văn phòng UBND
    tỉnh; thời gian: trước ngày 30/6/2026)") or as its tail ("… theo Bộ chỉ số. Chủ trì: Văn
    phòng UBND tỉnh", where the sentence splitter took "số." for an abbreviation)."""
    found: list[Attribute] = []
    for m in _BRACKET.finditer(text, a, b):
        inner = attributes_only(text, m.start(1), m.end(1))
        if inner:
            found.extend(inner)
    for m in _TAIL.finditer(text, a, b):
        if text.count("(", a, m.start()) > text.count(")", a, m.start()):
            continue  # inside a bracket, read above
        tail = attributes_only(text, m.end(), b)
        if tail:
            found.extend(tail)
            break
    return found


# "… (Sở Tư pháp chủ trì; thời gian: tháng 6/2026)", "… (Sở Nội vụ; Quý I/2027)": a closing
# bracket that names who and by when without labels.
_CLOSING_BRACKET = re.compile(r"\(([^()]{3,200})\)[\s.;,]*$")
_ROLE_AFTER = re.compile(
    r"\s*(?:(?P<support>phối\s+hợp(?:\s+thực\s+hiện)?)|chủ\s+trì(?:\s+thực\s+hiện)?|thực\s+hiện)?",
    re.I,
)
_PARTNERS = re.compile(r"\s*,?\s*phối\s+hợp(?:\s+với)?\s+", re.I)
_JOIN = re.compile(r"\s*(?:,|;|và)\s*")
_TIME_LEAD = re.compile(r"\s*(?:[,;]\s*)?(?:hoàn\s+thành\s+|thực\s+hiện\s+)?", re.I)


def _chain(spans: list[tuple[int, int]], text: str, pos: int, end: int) -> int:
    """End of the list of bodies starting at ``pos`` ("Sở Tài chính, Sở Xây dựng và …")."""
    at = pos
    for s, e in spans:
        if s >= at and e <= end and (s == pos or _JOIN.fullmatch(text, at, s)):
            at = e
    return at


def closing_bracket(
    text: str,
    a: int,
    b: int,
    bodies: list[tuple[int, int]],
    times: list[tuple[int, int]],
) -> list[Attribute] | None:
    """Who and by when from an unlabelled bracket closing ``text[a:b]``; None unless every part
    of it is a list of bodies (with "chủ trì" / "phối hợp [với] …"), a time or a labelled
    attribute, so a sub-unit ("UBND tỉnh (qua Sở Nội vụ)") or an aside stays what it is."""
    m = _CLOSING_BRACKET.search(text, a, b)
    if m is None:
        return None
    found: list[Attribute] = []
    for p, q in _parts(text, m.start(1), m.end(1)):
        if (labelled := _attribute(text, p, q)) is not None:
            found.append(labelled)
            continue
        pos = p
        if any(s == p for s, _ in bodies):
            end = _chain(bodies, text, p, q)
            role = _ROLE_AFTER.match(text, end, q)
            assert role is not None  # every group is optional
            found.append(Attribute("support" if role["support"] else "lead", p, end))
            pos = role.end()
            if (partners := _PARTNERS.match(text, pos, q)) and any(
                s == partners.end() for s, _ in bodies
            ):
                pos = _chain(bodies, text, partners.end(), q)
                found.append(Attribute("support", partners.end(), pos))
            elif (comma := _JOIN.match(text, pos, q)) and any(s == comma.end() for s, _ in bodies):
                # "(Sở Công Thương chủ trì, Sở Nông nghiệp và Môi trường phối hợp; …)"
                end = _chain(bodies, text, comma.end(), q)
                after = _ROLE_AFTER.match(text, end, q)
                if after is not None and after["support"]:
                    found.append(Attribute("support", comma.end(), end))
                    pos = after.end()
        lead_in = _TIME_LEAD.match(text, pos, q)
        assert lead_in is not None
        timed = [(s, e) for s, e in times if s == lead_in.end() and e <= q]
        if timed and not text[timed[0][1] : q].strip(" .,;"):
            found.append(Attribute("deadline", timed[0][0], q))
            pos = q
        if text[pos:q].strip(" .,;"):
            return None  # an aside, not attributes
    after_body = any(not text[e : m.start()].strip() for _, e in bodies if e <= m.start())
    role = _ROLE_AFTER.match(text, found[0].value_end) if found else None
    if after_body and len(found) == 1 and not (role and role.group().strip()):
        return None  # "… gửi UBND tỉnh (Văn phòng UBND tỉnh)": the body's own sub-unit
    return found or None
